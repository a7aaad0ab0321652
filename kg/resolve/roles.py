"""One role per concept and paper: the first that applies in the order PROPOSES, EVALUATES_ON, ADDRESSES, USES.

A paper that proposes a benchmark and evaluates on it gives it one edge, PROPOSES; the annotation guidelines
(``GUIDELINES.md`` of the triples) read a paper the same way.
"""

from __future__ import annotations

from kg.resolve.changes import change_mentions
from kg.resolve.decisions import Recorder
from kg.types import Extraction, Role, concept_key

__all__ = ["ROLE_ORDER", "one_role_per_concept"]

ROLE_ORDER = (Role.PROPOSES, Role.EVALUATES_ON, Role.ADDRESSES, Role.USES)


def one_role_per_concept(extractions: list[Extraction], recorder: Recorder | None = None) -> list[Extraction]:
    """Extractions where every mention of a concept in a paper has the concept's first role in ``ROLE_ORDER``."""
    firsts = {}
    for extraction in extractions:
        for mention in extraction.mentions:
            key = (extraction.paper_id, concept_key(mention.type, mention.canonical))
            firsts[key] = min(firsts.get(key, mention.role), mention.role, key=ROLE_ORDER.index)

    def first(extraction, mention):
        role = firsts[extraction.paper_id, concept_key(mention.type, mention.canonical)]
        return mention.model_copy(update={"role": role}) if role is not mention.role else None

    def reason(old, new):
        return f"the paper also gives {old.text!r} the role {new.role.value}, which comes first"

    return change_mentions(extractions, first, recorder or Recorder(), "one_role", "role", reason)
