"""Every retype of a `kg build` bundle that the type a paper states or kg's lexicons made, as a review table.

    kg build --out /tmp/seeds                       # the bundled seed sample
    python3 docs/reviews/stated-types-seeds.py /tmp/seeds > /tmp/stated.md

Prints one row per decision of the corpus step ``judge`` whose reason is "the paper calls …" or "kg's lexicon of …"
(decisions.jsonl), with the paper's sentences that name the concept, for a reviewer to judge.
"""

import json
import re
import sys
from pathlib import Path

bundle = Path(sys.argv[1])
names = {}
for line in (bundle / "mentions.jsonl").read_text(encoding="utf-8").splitlines():
    mention = json.loads(line)
    names.setdefault((mention["paper"], mention["key"]), mention["text"])
graph = json.loads((bundle / "graph.json").read_text(encoding="utf-8"))
abstracts = {n["id"]: n.get("title", "") + ". " + n.get("abstract", "") for n in graph["nodes"] if n.get("label") == "Paper"}
print("| # | paper | change | reason | sentence |\n|---|---|---|---|---|")
row = 0
for line in (bundle / "decisions.jsonl").read_text(encoding="utf-8").splitlines():
    decision = json.loads(line)
    if decision["step"] != "judge" or not re.match(r"the paper calls|kg's lexicon of", decision["reason"]):
        continue
    row += 1
    name = decision["reason"].split("'")[1] if "'" in decision["reason"] else ""
    text = abstracts.get(decision["paper"], "")
    sentence = next((s for s in re.split(r"(?<=[.!?])\s+", text) if name and name in s), "")
    change = f"{decision['concept']} → {decision['into']}"
    print(f"| {row} | {decision['paper']} | {change} | {decision['reason']} | {sentence[:200]} |")
