"""Draw the claim sample reviewed in training/claims_review.md from the seed corpus.

    python3 training/claims_sample.py --claims 40 --seed 5 > /tmp/claims_sample.md

Runs kg's extractor over kg/data/sample (591 papers), then prints, as Markdown, a seeded random
sample of claims (type, quantities), a seeded sample of quantities and every OUTPERFORMS edge, each with an empty
verdict column for a reviewer to fill in.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg.defaults import SAMPLE_CORPUS  # noqa: E402
from kg.extract import Extractor  # noqa: E402
from kg.sources import read_inputs  # noqa: E402


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _quantity(q) -> str:
    parts = [f"{q.value:g}{q.unit or ''}"]
    if q.baseline is not None:
        parts[0] = f"{q.baseline:g}→{parts[0]}"
    parts += [f"{k}={v}" for k, v in (("kind", q.kind), ("metric", q.metric), ("dataset", q.dataset)) if v]
    return " ".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--claims", type=int, default=40)
    parser.add_argument("--quantities", type=int, default=30)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()

    papers = read_inputs([SAMPLE_CORPUS]).papers
    extractor = Extractor.load(keyphrases=False)
    claims = [(e.paper_id, c) for e in extractor.extract(papers) for c in e.claims]
    types = Counter(c.type for _, c in claims)
    print(f"{len(claims)} claims from {len(papers)} papers: {dict(types)}\n")
    print("## Random sample of claims\n")
    print("| # | paper#sentence | type | quantities | sentence | verdict |")
    print("|---|---|---|---|---|---|")
    for n, (paper, claim) in enumerate(random.Random(args.seed).sample(claims, args.claims), 1):
        quantities = "; ".join(_quantity(q) for q in claim.quantities) or "—"
        print(f"| {n} | {paper}#{claim.sentence} | {claim.type} | {_cell(quantities)} | {_cell(claim.text)} | |")
    print("\n## Random sample of quantities\n")
    found = [(paper, claim, q) for paper, claim in claims for q in claim.quantities]
    print(f"{len(found)} quantities in all.\n")
    print("| # | paper#sentence | quantity as written | parsed | sentence | verdict |")
    print("|---|---|---|---|---|---|")
    for n, (paper, claim, q) in enumerate(random.Random(args.seed).sample(found, min(args.quantities, len(found))), 1):
        print(f"| {n} | {paper}#{claim.sentence} | {_cell(q.text)} | {_cell(_quantity(q))} | {_cell(claim.text)} | |")
    print("\n## Every OUTPERFORMS edge\n")
    print("| # | paper#sentence | winner → loser | metric / dataset / delta | sentence | verdict |")
    print("|---|---|---|---|---|---|")
    n = 0
    for paper, claim in claims:
        for c in claim.outperforms:
            n += 1
            stated = " / ".join(v or "—" for v in (c.metric, c.dataset, c.delta))
            print(f"| {n} | {paper}#{claim.sentence} | {c.winner} → {c.loser} | {stated} | {_cell(claim.text)} | |")


if __name__ == "__main__":
    main()
