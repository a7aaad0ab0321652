"""Train kg's concept judge (``kg/extract/models/judge/``) on the project's paper → concept triples.

    python3 training/train_judge.py features --split train --split train-arxiv --split dev   # parse once, ~15 min
    python3 training/train_judge.py train                      # the shipped model: every train paper, 3 networks
    python3 training/train_judge.py train --hold-out 75 --out /tmp/judge   # keep 75 train-arxiv papers out
    python3 training/train_judge.py folds --folds 3 --out /tmp/folds       # train-arxiv in 3 folds, inputs and gold
    python3 training/train_judge.py train --folds 3 --fold 0 --out /tmp/judge-0   # train without fold 0
    python3 training/train_judge.py pool /tmp/cv-0.json /tmp/cv-1.json /tmp/cv-2.json   # the folds' kg eval, pooled

``features`` runs the extractor (without the judge) over ``<split>.input.jsonl`` of ``--gold`` (default
../shared/gold/triples beside the repository), builds every candidate name of every paper exactly as
``kg/extract/judge.py`` does at run time, and stores one feature row per (paper, name) with its label from
``<split>.jsonl`` in ``--cache`` (a folder outside the repository): the name is a gold triple (with its type and
whether the paper proposes it), an acceptable item, or neither. A name matches a gold entry as ``kg eval --format
triples`` matches it.

``train`` fits an ensemble of small networks (torch; one hidden layer, heads for concept, acceptable-or-concept,
type and proposed; the acceptable head only shapes the shared layer) on the train splits and exports the numpy
weights kg runs with. It prints the name-level scores on dev (and on the held-out papers), simulating the graph
as a paper's kept names with their most probable type; the graph's own figures come from ``kg build`` and
``kg eval --format triples``, where the corpus steps also run. Select on dev only.

``folds`` and ``train --folds N --fold K`` cross-validate on real arXiv text: train-arxiv's papers are shuffled
(fixed seed) and dealt into N folds; ``folds`` writes each fold's ``fold-K.input.jsonl`` and gold ``fold-K.jsonl``
to a folder outside the repository, and ``train --fold K`` trains without fold K's papers and scores them. Each
fold's model then goes through ``kg build`` of ``fold-K.input.jsonl`` and ``kg eval --gold fold-K.jsonl``
(models/judge/MODEL_CARD.md gives the loop and the pooled figures); ``pool`` adds up the folds' ``kg eval
--json`` counts into micro figures.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from kg.eval.triples import match_form as form  # noqa: E402
from kg.eval.triples import read_gold  # noqa: E402
from kg.extract.judge import TYPES, title_as_sentence  # noqa: E402
from kg.sources.text import clean_text  # noqa: E402

MODEL_DIR = REPO / "kg" / "extract" / "models" / "judge"
GOLD = REPO.parent / "shared" / "gold" / "triples"
ROLE_OF_TYPE = {"Method": "USES", "Task": "ADDRESSES", "Dataset": "EVALUATES_ON", "Metric": "EVALUATES_ON"}


def label(forms: set[str], paper) -> tuple[str, str | None, bool]:
    """("triple" | "acceptable" | "none", gold type, proposed) of a name with these forms in one gold paper."""
    for entry in paper.triples:
        if forms & entry.forms:
            return "triple", entry.type, entry.role == "PROPOSES"
    for entry in paper.acceptable:
        if forms & entry.forms:
            return "acceptable", entry.type, False
    return "none", None, False


def features(args) -> None:
    from kg.extract import Extractor
    from kg.extract.judge import paper_names

    extractor = Extractor.load(keyphrases=False, judge=False)
    args.cache.mkdir(parents=True, exist_ok=True)
    for split in args.split:
        started = time.time()
        rows = [json.loads(line) for line in (args.gold / f"{split}.input.jsonl").read_text().splitlines() if line.strip()]
        # the text as `kg build` reads it (LaTeX and HTML escapes decoded, kg.sources.text.clean_text)
        rows = [{**r, "title": clean_text(r["title"]), "abstract": clean_text(r["abstract"])} for r in rows]
        gold = {paper.id: paper for paper in read_gold(args.gold / f"{split}.jsonl")}
        docs = extractor.nlp.pipe((r["abstract"] for r in rows), batch_size=32)
        titles = extractor.nlp.pipe((title_as_sentence(r["title"]) for r in rows), batch_size=32, disable=extractor.title_skips)
        xs, names = [], []
        for row, doc, title in zip(rows, docs, titles, strict=True):
            every, groups, matrix = paper_names(
                extractor.labels, (doc, extractor.candidates(doc)), (title, extractor.candidates(title))
            )
            for group, x in zip(groups, matrix, strict=True):
                forms = set()
                for i in group:
                    candidate = every[i]
                    forms |= {form(candidate.name.text), form(candidate.canonical), *map(form, candidate.aliases)}
                forms.discard("")
                kind, gold_type, proposed = label(forms, gold[row["id"]])
                xs.append(x)
                names.append(
                    {
                        "paper": row["id"],
                        "name": every[group[0]].name.text,
                        "canonical": every[group[0]].canonical,
                        "forms": sorted(forms),
                        "label": kind,
                        "type": gold_type,
                        "proposed": proposed,
                    }
                )
        # name_features: the mean of candidate rows (hand features, then three word vectors), the max and min of
        # the hand features, and a count
        hand = (len(xs[0]) - 1 - 3 * doc._.kg_word_vectors.shape[1]) // 3
        (args.cache / "meta.json").write_text(json.dumps({"hand_features": hand}))
        np.save(args.cache / f"{split}.npy", np.stack(xs))
        (args.cache / f"{split}.names.json").write_text(json.dumps(names))
        print(f"{split}: {len(rows)} papers, {len(names)} names in {time.time() - started:.0f} s", flush=True)


def shuffled_arxiv(gold: Path) -> list[str]:
    """train-arxiv's paper ids in a fixed shuffled order: ``--hold-out`` takes the first, ``--folds`` deals them."""
    ids = sorted(paper.id for paper in read_gold(gold / "train-arxiv.jsonl"))
    random.Random(0).shuffle(ids)
    return ids


def arxiv_folds(gold: Path, folds: int) -> list[list[str]]:
    ids = shuffled_arxiv(gold)
    return [ids[k::folds] for k in range(folds)]


def write_folds(args) -> None:
    args.out.mkdir(parents=True, exist_ok=True)
    for k, fold in enumerate(arxiv_folds(args.gold, args.folds)):
        inside = set(fold)
        for suffix in (".input.jsonl", ".jsonl"):
            rows = (args.gold / f"train-arxiv{suffix}").read_text().splitlines()
            kept = [row for row in rows if row.strip() and json.loads(row)["id"] in inside]
            (args.out / f"fold-{k}{suffix}").write_text("".join(row + "\n" for row in kept))
        print(f"fold {k}: {len(fold)} papers → {args.out / f'fold-{k}.input.jsonl'}")


def pool(args) -> None:
    """Micro figures over several ``kg eval --format triples --json`` outputs (one per fold), from their counts."""
    counts: dict[str, int] = {}

    def add(key: str, ratio: float, total: int) -> None:
        counts[key + "/"] = counts.get(key + "/", 0) + total
        counts[key] = counts.get(key, 0) + round(ratio * total)

    for path in args.scores:
        scores = json.loads(path.read_text())
        add("concept_precision", scores["concept_precision"], scores["predicted_concepts"])
        add("concept_recall", scores["concept_recall"], scores["gold_triples"])
        add("triple_precision", scores["triple_precision"], scores["predicted_edges"])
        add("triple_recall", scores["triple_recall"], scores["gold_triples"])
        for role, figures in scores["per_role"].items():
            add(f"{role} P", figures["precision"], figures["predicted"])
            add(f"{role} R", figures["recall"], figures["gold"])
    print(
        ", ".join(
            f"{key} {counts[key] / max(1, counts[key + '/']):.3f} ({counts[key]}/{counts[key + '/']})"
            for key in counts
            if key[-1] != "/"
        )
    )


def load(cache: Path, split: str):
    return np.load(cache / f"{split}.npy"), json.loads((cache / f"{split}.names.json").read_text())


def targets(names):
    concept = np.array([n["label"] == "triple" for n in names], np.float32)
    known = np.array([n["label"] != "none" for n in names], np.float32)
    kind = np.array([TYPES.index(n["type"]) if n["type"] in TYPES else -1 for n in names])
    proposed = np.array([n["proposed"] for n in names], np.float32)
    return concept, known, kind, proposed


def fit(
    x: np.ndarray,
    names,
    *,
    seed: int,
    epochs: int,
    hidden: int,
    lr: float,
    weight_decay: float,
    weight: np.ndarray | None = None,
):
    """One network fitted to ``x``; ``weight`` (one per name, default 1) scales each name's share of the loss."""
    import torch
    from torch import nn

    # One thread: with two on the project's two-core machine, busy with another process, a step of 64 names took 44 ms
    # where one thread took 4.6 (the products are small; the threads mostly wait for each other).
    torch.set_num_threads(1)
    torch.manual_seed(seed)
    mean, scale = x.mean(0), x.std(0) + 1e-3
    inputs = torch.tensor((x - mean) / scale)
    concept, known, kind, proposed = (torch.tensor(a) for a in targets(names))
    share = torch.tensor(np.ones(len(x), np.float32) if weight is None else weight.astype(np.float32))
    layer = nn.Linear(x.shape[1], hidden)
    heads = nn.ModuleDict(
        {
            "concept": nn.Linear(hidden, 1),
            "known": nn.Linear(hidden, 1),
            "kind": nn.Linear(hidden, 4),
            "proposed": nn.Linear(hidden, 1),
        }
    )
    net = nn.ModuleDict({"layer": layer, "heads": heads})
    drop_in, drop = nn.Dropout(0.1), nn.Dropout(0.3)
    optimizer = torch.optim.AdamW(net.parameters(), lr=lr, weight_decay=weight_decay)
    bce, ce = nn.functional.binary_cross_entropy_with_logits, nn.functional.cross_entropy
    for _ in range(epochs):
        net.train()
        order = torch.randperm(len(inputs))
        for start in range(0, len(order), 64):
            i = order[start : start + 64]
            h = drop(torch.relu(layer(drop_in(inputs[i]))))
            w = share[i]
            loss = bce(heads["concept"](h)[:, 0], concept[i], weight=w) + bce(heads["known"](h)[:, 0], known[i], weight=w)
            typed = kind[i] >= 0
            if typed.any():
                loss = loss + (ce(heads["kind"](h)[typed], kind[i][typed], reduction="none") * w[typed]).mean()
            gold = concept[i] > 0
            if gold.any():
                loss = loss + bce(heads["proposed"](h)[gold, 0], proposed[i][gold], weight=w[gold])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    net.eval()

    def array(module):
        return module.weight.detach().numpy().T.copy(), module.bias.detach().numpy().copy()

    w1, b1 = array(layer)
    exported = {"w1": w1, "b1": b1}
    for head, name in (("concept", "concept"), ("kind", "type"), ("proposed", "proposed")):
        exported[f"w_{name}"], exported[f"b_{name}"] = array(heads[head])
    return mean, scale, exported


def simulate(model, x: np.ndarray, names, gold_path: Path, threshold: float, proposed_threshold: float) -> dict:
    """Name-level scores of the graph the judge alone would give: kept names, most probable type, PROPOSES above
    ``proposed_threshold``; scored by kg's own triples evaluator."""
    import networkx as nx

    from kg.eval.triples import score_graph

    concept, types, proposed = model.probabilities(x)
    gold = read_gold(gold_path)
    graph = nx.MultiDiGraph()
    for paper in gold:
        graph.add_node(paper.id, label="Paper", title=paper.title)
    papers = {paper.id for paper in gold}
    for name, c, t, p in zip(names, concept, types, proposed, strict=True):
        if c < threshold or name["paper"] not in papers:
            continue
        kind = TYPES[int(t.argmax())]
        node = f"{name['paper']}|{name['canonical']}"
        graph.add_node(
            node, label="Concept", key=f"{kind}:{name['canonical']}", type=kind, name=name["canonical"], aliases=name["forms"]
        )
        role = "PROPOSES" if p >= proposed_threshold else ROLE_OF_TYPE[kind]
        graph.add_edge(name["paper"], node, key=role)
    return score_graph(gold, graph)


def line(scores: dict) -> str:
    proposes = scores["per_role"]["PROPOSES"]
    return (
        f"concept P {scores['concept_precision']:.3f} R {scores['concept_recall']:.3f}  triple P "
        f"{scores['triple_precision']:.3f} R {scores['triple_recall']:.3f}  PROPOSES P {proposes['precision']:.3f} "
        f"R {proposes['recall']:.3f}  ({scores['predicted_concepts']} concepts)"
    )


def train(args) -> None:
    from kg.extract.judge import JudgeModel

    parts = [load(args.cache, split) for split in args.train]
    x = np.concatenate([p[0] for p in parts])
    names = [n for p in parts for n in p[1]]
    held = set()
    if args.folds:
        held = set(arxiv_folds(args.gold, args.folds)[args.fold])
    elif args.hold_out:
        held = set(shuffled_arxiv(args.gold)[: args.hold_out])
    keep = np.array([n["paper"] not in held for n in names])
    arxiv = {n["paper"] for n in load(args.cache, "train-arxiv")[1]}
    weight = np.array([args.arxiv_weight if n["paper"] in arxiv else 1.0 for n in names], np.float32)[keep]
    started = time.time()
    fitted = [
        fit(
            x[keep],
            [n for n, k in zip(names, keep, strict=True) if k],
            seed=seed,
            epochs=args.epochs,
            hidden=args.hidden,
            lr=args.lr,
            weight_decay=args.weight_decay,
            weight=weight,
        )
        for seed in range(args.ensemble)
    ]
    mean, scale = fitted[0][0], fitted[0][1]  # the same data, so the same standardisation for every network
    weights = {"mean": mean, "scale": scale}
    for key in fitted[0][2]:
        weights[key] = np.stack([f[2][key] for f in fitted])
    hand = json.loads((args.cache / "meta.json").read_text())["hand_features"]
    settings = {
        "hand_features": hand,
        "inputs": int(x.shape[1]),
        "trained_on": args.train,
        "held_out_papers": len(held),
        "papers": len({n["paper"] for n in names}) - len(held),
        "names": int(keep.sum()),
        "args": {k: v for k, v in vars(args).items() if k not in ("cache", "gold", "out", "func")},
        "train_seconds": round(time.time() - started),
    }
    model = JudgeModel(weights, settings)
    report = {}
    for split, path in (("dev", args.gold / "dev.jsonl"),):
        dx, dnames = load(args.cache, split)
        for threshold in args.thresholds:
            scores = simulate(model, dx, dnames, path, threshold, args.proposed_threshold)
            report[f"{split}@{threshold}"] = {
                k: scores[k] for k in ("concept_precision", "concept_recall", "triple_precision", "triple_recall")
            }
            print(f"{split} at {threshold}: {line(scores)}")
    if held:
        hx, hnames = load(args.cache, "train-arxiv")
        inside = np.array([n["paper"] in held for n in hnames])
        hold_gold = args.cache / "held-out.jsonl"
        hold_gold.write_text(
            "".join(
                row + "\n" for row in (args.gold / "train-arxiv.jsonl").read_text().splitlines() if json.loads(row)["id"] in held
            )
        )
        for threshold in args.thresholds:
            scores = simulate(
                model,
                hx[inside],
                [n for n, k in zip(hnames, inside, strict=True) if k],
                hold_gold,
                threshold,
                args.proposed_threshold,
            )
            print(f"held-out at {threshold}: {line(scores)}")
    settings["simulated"] = report
    args.out.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(args.out / "weights.npz", **{k: v.astype(np.float32) for k, v in weights.items()})
    (args.out / "config.json").write_text(json.dumps(settings, indent=1) + "\n")
    print(f"wrote {args.out}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/kg-judge-features"))
    commands = parser.add_subparsers(required=True)
    make = commands.add_parser("features")
    make.add_argument("--split", action="append", default=None)
    make.set_defaults(func=features)
    fit_ = commands.add_parser("train")
    fit_.add_argument("--train", action="append", default=None)
    fit_.add_argument("--hold-out", type=int, default=0, help="train-arxiv papers left out and scored")
    fit_.add_argument("--folds", type=int, default=0, help="deal train-arxiv into this many folds")
    fit_.add_argument("--fold", type=int, default=0, help="with --folds: the fold left out and scored")
    fit_.add_argument("--out", type=Path, default=MODEL_DIR)
    fit_.add_argument("--ensemble", type=int, default=3)
    fit_.add_argument("--epochs", type=int, default=15)
    fit_.add_argument("--hidden", type=int, default=256)
    fit_.add_argument("--lr", type=float, default=1e-3)
    fit_.add_argument("--weight-decay", type=float, default=1e-4)
    fit_.add_argument("--arxiv-weight", type=float, default=1.0, help="loss weight of a train-arxiv name")
    fit_.add_argument("--thresholds", type=float, nargs="+", default=[0.3, 0.4, 0.5])
    fit_.add_argument("--proposed-threshold", type=float, default=0.5)
    fit_.set_defaults(func=train)
    split = commands.add_parser("folds")
    split.add_argument("--folds", type=int, default=3)
    split.add_argument("--out", type=Path, required=True, help="a folder outside the repository")
    split.set_defaults(func=write_folds)
    pooled = commands.add_parser("pool")
    pooled.add_argument("scores", type=Path, nargs="+", help="kg eval --format triples --json outputs")
    pooled.set_defaults(func=pool)
    args = parser.parse_args()
    if getattr(args, "split", None) is None and args.func is features:
        args.split = ["train", "train-arxiv", "dev"]
    if getattr(args, "train", None) is None and args.func is train:
        args.train = ["train", "train-arxiv"]
    args.func(args)


if __name__ == "__main__":
    main()
