"""Draw the Paper → Concept edges reviewed in docs/reviews/concepts-csabstruct-dev.md from a `kg build` bundle.

    kg build /tmp/csab/dev.jsonl --out /tmp/csab-final          # the corpus claims-csabstruct-dev.py writes
    python3 docs/reviews/concepts-csabstruct-dev.py --bundle /tmp/csab-final --seed 31 --edges 60 > /tmp/sample.md

Prints, as Markdown with an empty verdict column, a seeded random sample of the bundle's PROPOSES, USES, ADDRESSES
and EVALUATES_ON edges: the paper, the concept's name, type and role, and the sentence that shows it (the title
when the sentence is -1). The verdicts are written by hand into the printed table.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

from kg.graph import read_graph

ROLES = ("PROPOSES", "USES", "ADDRESSES", "EVALUATES_ON")


def cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bundle", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=31)
    parser.add_argument("--edges", type=int, default=60)
    args = parser.parse_args()
    graph = read_graph(args.bundle)
    edges = sorted(
        (paper, concept, role, data)
        for paper, concept, role, data in graph.edges(keys=True, data=True)
        if role in ROLES and graph.nodes[paper].get("label") == "Paper"
    )
    sample = random.Random(args.seed).sample(edges, min(args.edges, len(edges)))
    print(f"{len(edges)} Paper → Concept edges in {args.bundle}; {len(sample)} drawn with seed {args.seed}.\n")
    print("| # | paper | concept | type | role | evidence | verdict |")
    print("|---|---|---|---|---|---|---|")
    for number, (paper, concept, role, data) in enumerate(sample, 1):
        node = graph.nodes[concept]
        evidence = data.get("evidence") or ""
        where = "title: " if data.get("sentence") == -1 else ""
        print(f"| {number} | {paper} | {cell(node['name'])} | {node['type']} | {role} | {where}{cell(evidence)} | |")


if __name__ == "__main__":
    main()
