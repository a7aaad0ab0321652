"""Scoring a built graph against annotated paper → concept triples (``../shared/gold/triples``).

The gold format and the scoring rules are those of the triples ``GUIDELINES.md``:

* a gold paper is joined to a bundle's Paper node by its normalised title;
* a predicted concept matches a gold entry when a name of one, after :func:`match_form`,
  is a name of the other (gold name and aliases; the concept's name, canonical key and aliases);
* **concept precision**: a paper's predicted concepts that match a gold triple or an
  acceptable item, over all its predicted concepts; **concept recall**: gold triples
  matched by a predicted concept of any role and type;
* **triple precision**: predicted Paper → Concept edges that match a gold triple with the
  same role and type, over all predicted edges; **triple recall**: gold triples so matched.

Every figure is micro-averaged over the papers scored. Acceptable items count as right
for concept precision only: they carry no role, so an edge to one is no gold triple.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from kg.errors import InputError
from kg.schema import PAPER_CONCEPT_TYPES
from kg.sources.text import clean_text

__all__ = ["GoldEntry", "GoldPaper", "evaluate", "match_form", "read_gold", "score_graph"]


def match_form(name: str) -> str:
    """The form under which two names agree: case, hyphens, spaces, punctuation and a plural "s" ignored.

    >>> match_form("Large Language Models") == match_form("large-language model")
    True
    >>> match_form("CIFAR-10") == match_form("cifar 10"), match_form("Pass@1") == match_form("pass@5")
    (True, False)
    """
    text = unicodedata.normalize("NFKC", name).casefold()
    words = re.findall(r"[^\W_]+", text)
    return "".join(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in words)


def title_key(title: str) -> str:
    """Papers are joined on this: the title's letters and digits, case folded, after the reading kg gives every title
    (``kg.sources.text.clean_text``: "Edges &amp; Faces" is "Edges & Faces").

    >>> title_key("Pointer-based Edges &amp; Faces") == title_key("Pointer-Based Edges & Faces")
    True
    """
    return "".join(re.findall(r"[^\W_]+", unicodedata.normalize("NFKC", clean_text(title)).casefold()))


@dataclass(frozen=True)
class GoldEntry:
    """One annotated concept of a paper: a triple (with a role) or an acceptable item (role None)."""

    type: str
    name: str
    role: str | None = None
    forms: frozenset[str] = frozenset()


@dataclass
class GoldPaper:
    id: str
    title: str
    triples: list[GoldEntry] = field(default_factory=list)
    acceptable: list[GoldEntry] = field(default_factory=list)


def _entry(item: dict, role: str | None) -> GoldEntry:
    names = [item["name"], *item.get("aliases", [])]
    forms = frozenset(f for f in map(match_form, names) if f)
    return GoldEntry(type=item["type"], name=item["name"], role=role, forms=forms)


def read_gold(path: Path) -> list[GoldPaper]:
    """The annotated papers of a triples JSON-lines file; a malformed line is an error naming it."""
    papers = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            papers.append(
                GoldPaper(
                    id=str(row["id"]),
                    title=row["title"],
                    triples=[_entry(t, t["role"]) for t in row["triples"]],
                    acceptable=[_entry(a, None) for a in row.get("acceptable", [])],
                )
            )
        except (json.JSONDecodeError, KeyError, TypeError) as error:
            raise InputError(f"{path}:{number}: not a triples record ({error!r})") from None
    return papers


def concept_forms(data: dict) -> frozenset[str]:
    """Every name a graph concept goes by, in :func:`match_form`."""
    key = data.get("key", "")
    names = [data.get("name", ""), key.split(":", 1)[-1], *data.get("aliases", [])]
    return frozenset(f for f in map(match_form, names) if f)


def predicted_edges(graph: nx.MultiDiGraph, paper_node: str) -> list[tuple[str, str, str, frozenset[str]]]:
    """``(role, type, concept node, forms)`` of each Paper → Concept edge of one paper."""
    edges = []
    for _, target, role in graph.out_edges(paper_node, keys=True):
        data = graph.nodes[target]
        if role in PAPER_CONCEPT_TYPES and data.get("label") == "Concept":
            edges.append((role, data["type"], target, concept_forms(data)))
    return edges


def _ratio(numerator: int, denominator: int) -> float:
    return round(numerator / denominator, 4) if denominator else 0.0


def score_graph(gold: list[GoldPaper], graph: nx.MultiDiGraph) -> dict[str, Any]:
    """Concept and triple precision and recall of ``graph`` against ``gold`` (see the module notes).

    >>> graph = nx.MultiDiGraph()
    >>> graph.add_node("p", label="Paper", title="DrM: Mastering Visual RL")
    >>> for key, role in (("Method:drm", "PROPOSES"), ("Task:visual rl", "USES"), ("Method:novel approach", "USES")):
    ...     kind, name = key.split(":")
    ...     graph.add_node(key, label="Concept", key=key, type=kind, name=name, aliases=[name])
    ...     _ = graph.add_edge("p", key, key=role, type=role)
    >>> gold = [GoldPaper("g", "DrM: mastering visual RL", triples=[
    ...     GoldEntry("Method", "DrM", "PROPOSES", frozenset({"drm"})),
    ...     GoldEntry("Task", "visual RL", "ADDRESSES", frozenset({"visualrl"}))])]
    >>> scores = score_graph(gold, graph)
    >>> scores["concept_precision"], scores["concept_recall"], scores["triple_precision"], scores["triple_recall"]
    (0.6667, 1.0, 0.3333, 0.5)
    >>> scores["per_role"]["PROPOSES"]
    {'precision': 1.0, 'recall': 1.0, 'predicted': 1, 'gold': 1}
    """
    by_title = {title_key(data.get("title", "")): node for node, data in graph.nodes(data=True) if data.get("label") == "Paper"}
    counts: Counter = Counter()
    missing = []
    for paper in gold:
        node = by_title.get(title_key(paper.title))
        if node is None:
            missing.append(paper.id)
            counts["gold_triples"] += len(paper.triples)
            for entry in paper.triples:
                counts["gold", entry.role] += 1
            continue
        counts["papers"] += 1
        edges = predicted_edges(graph, node)
        concepts = {target: forms for _, _, target, forms in edges}
        known = paper.triples + paper.acceptable
        counts["predicted_concepts"] += len(concepts)
        counts["right_concepts"] += sum(any(forms & entry.forms for entry in known) for forms in concepts.values())
        counts["predicted_edges"] += len(edges)
        for role, kind, _, forms in edges:
            counts["predicted", role] += 1
            if any(forms & e.forms and e.role == role and e.type == kind for e in paper.triples):
                counts["right_edges"] += 1
                counts["right", role] += 1
        counts["gold_triples"] += len(paper.triples)
        for entry in paper.triples:
            counts["gold", entry.role] += 1
            found = [(role, kind) for role, kind, _, forms in edges if forms & entry.forms]
            counts["found_concepts"] += bool(found)
            if (entry.role, entry.type) in found:
                counts["found_triples"] += 1
                counts["found", entry.role] += 1
    per_role = {
        role: {
            "precision": _ratio(counts["right", role], counts["predicted", role]),
            "recall": _ratio(counts["found", role], counts["gold", role]),
            "predicted": counts["predicted", role],
            "gold": counts["gold", role],
        }
        for role in PAPER_CONCEPT_TYPES
    }
    return {
        "concept_precision": _ratio(counts["right_concepts"], counts["predicted_concepts"]),
        "concept_recall": _ratio(counts["found_concepts"], counts["gold_triples"]),
        "triple_precision": _ratio(counts["right_edges"], counts["predicted_edges"]),
        "triple_recall": _ratio(counts["found_triples"], counts["gold_triples"]),
        "per_role": per_role,
        "papers": counts["papers"],
        "papers_missing": missing,
        "predicted_concepts": counts["predicted_concepts"],
        "predicted_edges": counts["predicted_edges"],
        "gold_triples": counts["gold_triples"],
    }


def evaluate(gold_path: Path, fmt: str = "triples", *, bundle: Path | None = None) -> dict[str, Any]:
    """Score the graph bundle in ``bundle`` against the triples at ``gold_path``."""
    from kg.graph import read_graph

    if bundle is None:
        raise InputError("--format triples scores a built graph: pass --bundle DIR (the folder kg build wrote)")
    gold = read_gold(gold_path)
    scores = score_graph(gold, read_graph(Path(bundle)))
    if not scores["papers"]:
        raise InputError(
            f"none of the {len(gold)} gold papers of {gold_path} is in {bundle} (papers are joined by title): "
            f"build the gold's inputs first, e.g. kg build {Path(gold_path).with_suffix('.input.jsonl')} --out {bundle}"
        )
    return scores
