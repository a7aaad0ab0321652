"""List every claim of a bundle that states a quantity, and what the corpus step ``whole_values`` does with it.

    python3 docs/reviews/whole-values.py BUNDLE_WITHOUT_THE_STEP BUNDLE > table.md

The first bundle is the build with ``whole_values`` left out of ``kg/resolve/config.cfg`` (the claims' values as
extraction read them), the second the same corpus built as kg ships (same cache: corpus steps re-use it). Prints a
Markdown table with an empty verdict column: each claim's sentence, the values read and whether kg lists or
withholds them (and why).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def claims(bundle: Path) -> dict[str, dict]:
    graph = json.loads((bundle / "graph.json").read_text(encoding="utf-8"))
    return {n["id"]: n for n in graph["nodes"] if n.get("label") == "Claim"}


def withheld(bundle: Path) -> dict[str, str]:
    out = {}
    for line in (bundle / "decisions.jsonl").read_text(encoding="utf-8").splitlines():
        decision = json.loads(line)
        if decision["step"] == "whole_values":
            out[decision["concept"].removeprefix("Claim:")] = decision["reason"].split(" withheld: ", 1)[1]
    return out


def quantity(q: dict) -> str:
    fields = " ".join(f"{k}={q[k]}" for k in ("unit", "kind", "metric", "dataset", "baseline", "upper") if k in q)
    return f"{q['value']:g} {fields} («{q['text']}»)"


def cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def main() -> None:
    read, shipped = Path(sys.argv[1]), Path(sys.argv[2])
    before, gone = claims(read), withheld(shipped)
    print("| # | claim | sentence | values read | kg | verdict on the values read |")
    print("|---|---|---|---|---|---|")
    rows = [(cid, c) for cid, c in sorted(before.items()) if c.get("quantities")]
    for n, (cid, c) in enumerate(rows, 1):
        values = "; ".join(quantity(q) for q in c["quantities"])
        kg = f"withheld: {gone[cid]}" if cid in gone else "listed"
        print(f"| {n} | {cid} | {cell(c['text'])} | {cell(values)} | {cell(kg)} | |")


if __name__ == "__main__":
    main()
