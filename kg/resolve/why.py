"""The trail a build leaves of its corpus steps, and ``kg why NAME``: every mention of a name and what became of it.

``kg build`` writes two JSON-lines files beside ``graph.json``: ``mentions.jsonl``, every mention the extraction
stage found, before any corpus step ran (paper, sentence, text, type, canonical name, the judge's verdict), and
``decisions.jsonl``, every decision of the steps (:class:`~kg.resolve.decisions.Decision`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import KGError
from kg.eval.triples import match_form
from kg.resolve.decisions import Decision, mention_id
from kg.types import Extraction, concept_key

__all__ = ["DECISIONS_FILE", "MENTIONS_FILE", "Explanation", "explain", "write_trail"]

MENTIONS_FILE = "mentions.jsonl"
DECISIONS_FILE = "decisions.jsonl"


def write_trail(out_dir: Path, extractions: Iterable[Extraction], decisions: Iterable[Decision]) -> list[Path]:
    """Write ``mentions.jsonl`` (the extractions as the corpus steps received them) and ``decisions.jsonl``."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    mentions, trail = out_dir / MENTIONS_FILE, out_dir / DECISIONS_FILE
    with mentions.open("w", encoding="utf-8") as handle:
        for extraction in extractions:
            for m in extraction.mentions:
                row = {
                    "id": mention_id(extraction.paper_id, m),
                    "paper": extraction.paper_id,
                    "sentence": m.sentence,
                    "text": m.text,
                    "key": concept_key(m.type, m.canonical),
                    "role": m.role.value,
                    "source": m.source,
                    "aliases": m.aliases,
                    "judgement": m.judgement.model_dump() if m.judgement else None,
                }
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    with trail.open("w", encoding="utf-8") as handle:
        for decision in decisions:
            handle.write(decision.model_dump_json(exclude_defaults=True) + "\n")
    return [mentions, trail]


@dataclass
class Explanation:
    """One mention of the name asked about, the decisions that touched it, and the concept it ended in."""

    mention: dict
    decisions: list[Decision] = field(default_factory=list)
    final: str | None = None  # the concept key in the graph, or None when a step dropped it


def explain(name: str, bundle: Path) -> list[Explanation]:
    """Every mention in ``bundle`` whose text, canonical name or alias is ``name`` (compared as ``kg eval`` compares
    names), with what each corpus step decided about it, in order."""
    bundle = Path(bundle)
    paths = bundle / MENTIONS_FILE, bundle / DECISIONS_FILE
    for path in paths:
        if not path.exists():
            raise KGError(f"{path}: not found; rebuild the bundle with this version of kg build to record its decisions")
    wanted = match_form(name)
    found = []
    with paths[0].open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            forms = {row["text"], row["key"].split(":", 1)[1], *row["aliases"]}
            if wanted in {match_form(f) for f in forms}:
                found.append(Explanation(row))
    if not found:
        return []
    by_mention: dict[str, list[Decision]] = {}
    with paths[1].open(encoding="utf-8") as handle:
        for line in handle:
            decision = Decision.model_validate_json(line)
            for mention in decision.mentions:
                by_mention.setdefault(mention, []).append(decision)
    for explanation in found:
        explanation.decisions = by_mention.get(explanation.mention["id"], [])
        key = explanation.mention["key"]
        for decision in explanation.decisions:
            if decision.action == "drop":
                key = None
                break
            if decision.into and ":" in decision.into:
                key = decision.into
        explanation.final = key
    return found
