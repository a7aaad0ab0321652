"""One sense per corpus: a name the corpus gives one type in at least ``MIN_TYPE_SHARE`` of its papers (and at
least ``MIN_TYPE_PAPERS`` papers) takes that type where a paper chose another ("language model" as a Task in 5
papers, a Method in 26). A paper's own choice stands where something else rests on it: the paper proposes the
concept, a relation or a comparison names it."""

from __future__ import annotations

from collections import defaultdict

from kg.resolve.changes import change_mentions
from kg.resolve.decisions import Recorder
from kg.types import ConceptType, Extraction, Role, concept_key, role_for

__all__ = ["MIN_TYPE_PAPERS", "MIN_TYPE_SHARE", "agree_on_types"]

#: A name takes the corpus's type when that type holds this share of its papers, in at least this many.
MIN_TYPE_SHARE = 0.75
MIN_TYPE_PAPERS = 3


def agree_on_types(
    extractions: list[Extraction],
    recorder: Recorder | None = None,
    min_share: float = MIN_TYPE_SHARE,
    min_papers: int = MIN_TYPE_PAPERS,
) -> list[Extraction]:
    """Extractions where a name's minority type gives way to the type the corpus clearly gives it."""
    papers: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for extraction in extractions:
        for mention in extraction.mentions:
            papers[mention.canonical][mention.type.value].add(extraction.paper_id)
    dominant, support = {}, {}
    for name, by_type in papers.items():
        if len(by_type) > 1:
            kind, holders = max(by_type.items(), key=lambda item: (len(item[1]), item[0]))
            total = len(set().union(*by_type.values()))
            if len(holders) >= min_papers and len(holders) / total >= min_share:
                dominant[name] = ConceptType(kind)
                support[name] = (len(holders), total)
    if not dominant:
        return extractions
    pinned_by_paper = {e.paper_id: _pinned(e) for e in extractions}

    def retype(extraction, mention):
        kind = dominant.get(mention.canonical)
        key = concept_key(mention.type, mention.canonical)
        if kind is not None and kind is not mention.type and key not in pinned_by_paper[extraction.paper_id]:
            return mention.model_copy(update={"type": kind, "role": role_for(kind, proposed=False)})
        return None

    def reason(old, new):
        held, total = support[old.canonical]
        return f"{held} of the {total} papers that name {old.canonical!r} make it a {new.type.value}"

    return change_mentions(extractions, retype, recorder or Recorder(), "one_sense", "retype", reason)


def _pinned(extraction: Extraction) -> set[str]:
    """The concept keys a paper relies on as typed: what it proposes, and the ends of its relations and comparisons."""
    pinned = {concept_key(m.type, m.canonical) for m in extraction.mentions if m.role is Role.PROPOSES}
    pinned.update(end for r in extraction.relations for end in (r.head, r.tail))
    pinned.update(end for c in extraction.claims for o in c.outperforms for end in (o.winner, o.loser))
    return pinned
