"""Draw the claims reviewed in docs/reviews/claims-csabstruct-dev.md from a `kg build` of the CSAbstruct dev abstracts.

    python3 docs/reviews/claims-csabstruct-dev.py --gold ../shared/gold/csabstruct/dev.jsonl \\
        --corpus /tmp/csab/dev.jsonl --bundle /tmp/csab/review --cache-dir /tmp/csab/cache --seed 22 > /tmp/sample.md

The quantities check on abstracts no rule was written against (the first 300 of CSAbstruct train, ids
``csab-train-NNNN``; its last section is docs/reviews/quantities-csabstruct-train.md):

    python3 docs/reviews/claims-csabstruct-dev.py --gold ../shared/gold/csabstruct/train.jsonl --limit 300 \\
        --corpus /tmp/csab/train300.jsonl --bundle /tmp/csab/train300 > /tmp/train300.md

1. Writes the 295 CSAbstruct dev abstracts as a JSONL corpus (``id``, ``title``, ``abstract``) outside the
   repository: CSAbstruct has no titles, so the title is the abstract's first sentence and the id its line number.
2. Runs ``kg build CORPUS --out BUNDLE --no-keyphrases`` (skipped with ``--no-build`` when BUNDLE exists), with
   ``--cache-dir`` when given.
3. Prints, as Markdown with empty verdict columns, a seeded random sample of claims with their ABOUT links and
   quantities, every OUTPERFORMS edge, and every claim that states a quantity (or a seeded sample of them).

SciERC's 400 abstracts (train and dev; ACL, CVPR, NeurIPS and other AI papers of 1980–2016, ids ``scierc-DOC_KEY``,
the first sentence as title), the review of docs/reviews/claims-scierc.md:

    python3 docs/reviews/claims-csabstruct-dev.py --gold ../shared/gold/scierc/train.json ../shared/gold/scierc/dev.json \\
        --corpus /tmp/scierc.jsonl --bundle /tmp/scierc --seed 27 > /tmp/scierc.md

With ``--no-build`` it reads any bundle, of any corpus: the arXiv review of quantities
(docs/reviews/quantities-csabstruct-train.md) drew its sample from a build of the train-arxiv inputs with

    python3 docs/reviews/claims-csabstruct-dev.py --no-build --bundle /tmp/csab/arxiv --quantity-sample 40 --seed 25
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path


def write_corpus(gold: Path, corpus: Path, limit: int | None = None) -> int:
    """The gold abstracts (the first ``limit``) as a corpus `kg build` reads, ids named after the split; returns how many.
    A SciERC file (``*.json``) gives ids ``scierc-DOC_KEY``, CSAbstruct ``csab-SPLIT-NUMBER``."""
    corpus.parent.mkdir(parents=True, exist_ok=True)
    mode = "a" if corpus.exists() else "w"
    if gold.suffix == ".json":
        from kg.eval.gold import read_scierc_abstracts

        papers = list(read_scierc_abstracts(gold))[:limit]
        with corpus.open(mode, encoding="utf-8") as out:
            for key, sentences in papers:
                paper = {"id": f"scierc-{key}", "title": sentences[0], "abstract": " ".join(sentences)}
                out.write(json.dumps(paper, ensure_ascii=False) + "\n")
        return len(papers)
    rows = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()][:limit]
    with corpus.open(mode, encoding="utf-8") as out:
        for number, row in enumerate(rows):
            number_id = f"{number:03d}" if gold.stem == "dev" else f"{number:04d}"
            paper = {"id": f"csab-{gold.stem}-{number_id}", "title": row["sentences"][0], "abstract": " ".join(row["sentences"])}
            out.write(json.dumps(paper, ensure_ascii=False) + "\n")
    return len(rows)


def build(corpus: Path, bundle: Path, cache_dir: Path | None = None) -> None:
    kg = shutil.which("kg")
    command = [kg] if kg else [sys.executable, "-m", "kg"]
    cache = ["--cache-dir", str(cache_dir)] if cache_dir else []
    subprocess.run([*command, "build", str(corpus), "--out", str(bundle), "--no-keyphrases", "-q", *cache], check=True)


def cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def quantity(q: dict) -> str:
    value = f"{q['value']:g}" + (f"–{q['upper']:g}" if "upper" in q else "") + (f"±{q['error']:g}" if "error" in q else "")
    if "baseline" in q:
        value = f"{q['baseline']:g}→{value}"
    fields = [f"{k}={q[k]}" for k in ("unit", "kind", "metric", "dataset") if k in q]
    return f"{value} " + " ".join(fields) + f" («{q['text']}»)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", type=Path, nargs="+", default=[Path("../shared/gold/csabstruct/dev.jsonl")])
    parser.add_argument("--corpus", type=Path, default=Path("/tmp/csab/dev.jsonl"))
    parser.add_argument("--bundle", type=Path, default=Path("/tmp/csab/review"))
    parser.add_argument("--cache-dir", type=Path, help="kg build's extraction cache (default: kg's own)")
    parser.add_argument("--no-build", action="store_true", help="read an existing bundle")
    parser.add_argument("--claims", type=int, default=50)
    parser.add_argument("--seed", type=int, default=22, help="20 and 21 drew the earlier reviews' samples")
    parser.add_argument("--limit", type=int, help="the first N abstracts only (train: 300 for the quantities review)")
    parser.add_argument("--quantity-sample", type=int, help="a seeded sample of N claims that state a quantity, not all")
    args = parser.parse_args()

    if not args.no_build or not (args.bundle / "graph.json").exists():
        args.corpus.unlink(missing_ok=True)
        for gold in args.gold:  # SciERC's train.json and dev.json: one corpus
            write_corpus(gold, args.corpus, args.limit)
        build(args.corpus, args.bundle, args.cache_dir)
    graph = json.loads((args.bundle / "graph.json").read_text(encoding="utf-8"))
    papers = sum(1 for n in graph["nodes"] if n["label"] == "Paper")
    names = {n["id"]: n.get("name", n["id"]) for n in graph["nodes"]}
    claims = sorted((n for n in graph["nodes"] if n["label"] == "Claim"), key=lambda n: (n["paper"], n["sentence"]))
    about = defaultdict(list)
    for edge in graph["edges"]:
        if edge["type"] == "ABOUT":
            about[edge["source"]].append(edge["target"])
    outperforms = [e for e in graph["edges"] if e["type"] == "OUTPERFORMS"]

    types = Counter(c["type"] for c in claims)
    print(
        f"`kg build` of {papers} abstracts: {len(claims)} claims {dict(sorted(types.items()))}, ",
        end="",
    )
    print(f"{sum(len(v) for v in about.values())} ABOUT links, {len(outperforms)} OUTPERFORMS edges.\n")

    print(f"## Random sample of {args.claims} claims (seed {args.seed})\n")
    print("| # | claim | type | sentence | ABOUT | quantities | claim? | ABOUT verdicts | quantities verdict |")
    print("|---|---|---|---|---|---|---|---|---|")
    for number, claim in enumerate(random.Random(args.seed).sample(claims, args.claims), 1):
        links = "; ".join(cell(k) for k in about[claim["id"]]) or "—"
        numbers = "; ".join(cell(quantity(q)) for q in claim["quantities"]) or "—"
        print(f"| {number} | {claim['id']} | {claim['type']} | {cell(claim['text'])} | {links} | {numbers} | | | |")

    print(f"\n## Every OUTPERFORMS edge ({len(outperforms)})\n")
    print("| # | paper | winner | loser | metric | dataset | delta | sentence | verdict |")
    print("|---|---|---|---|---|---|---|---|---|")
    for number, edge in enumerate(outperforms, 1):
        stated = [cell(edge.get(k, "—")) for k in ("metric", "dataset", "delta")]
        ends = f"{cell(names[edge['source']])} | {cell(names[edge['target']])}"
        print(f"| {number} | {edge['paper']} | {ends} | {' | '.join(stated)} | {cell(edge['evidence'])} | |")

    stating = [c for c in claims if c["quantities"]]
    if args.quantity_sample:
        stating = sorted(random.Random(args.seed).sample(stating, min(args.quantity_sample, len(stating))), key=claims.index)
        print(f"\n## A random sample of {len(stating)} claims that state a quantity (seed {args.seed})\n")
    else:
        print(f"\n## Every claim that states a quantity ({len(stating)})\n")
    print("| # | claim | sentence | quantities | verdict |")
    print("|---|---|---|---|---|")
    for number, claim in enumerate(stating, 1):
        numbers = "; ".join(cell(quantity(q)) for q in claim["quantities"])
        print(f"| {number} | {claim['id']} | {cell(claim['text'])} | {numbers} | |")


if __name__ == "__main__":
    main()
