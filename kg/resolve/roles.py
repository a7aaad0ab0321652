"""One role per concept and paper: the first that applies in the order PROPOSES, EVALUATES_ON, ADDRESSES, USES.

A paper that proposes a benchmark and evaluates on it gives it one edge, PROPOSES; the annotation guidelines
(``GUIDELINES.md`` of the triples) read a paper the same way.

A claim's "our method" stands for what the paper proposes (kg.extract.claims): where the corpus steps settle that the
paper does not propose the concept extraction took for it, the claim is no longer about it (``own_method``).
"""

from __future__ import annotations

from kg.resolve.changes import change_mentions
from kg.resolve.decisions import Recorder
from kg.types import Extraction, Role, concept_key

__all__ = ["ROLE_ORDER", "one_role_per_concept", "own_method_follows_proposals"]

ROLE_ORDER = (Role.PROPOSES, Role.EVALUATES_ON, Role.ADDRESSES, Role.USES)
OWN_METHOD = "own_method"


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


def own_method_follows_proposals(extractions: list[Extraction], recorder: Recorder | None = None) -> list[Extraction]:
    """Extractions whose claims are about a concept their sentence does not name only where the paper proposes it:
    such a link stood for "our method", "the proposed system".

    "This paper presents a simulated memristor crossbar implementation of a deep Convolutional Neural Network (CNN).
    … we show the proposed system is capable of operating with zero loss in classification accuracy" (CSAbstruct
    dev): extraction read CNN as the proposal, the judge as a method the paper uses, so the claim is not about CNN.
    A comparison keeps its winner: "The proposed model outperforms … TESLA, and MTT" won with the CDA the seed paper
    introduces, which the judge misreads as used (the edges were right in the review of the seeds' comparisons).
    """
    recorder = recorder or Recorder()
    out = []
    for extraction in extractions:
        proposed = {concept_key(m.type, m.canonical) for m in extraction.mentions if m.role is Role.PROPOSES}
        named = {(m.sentence, concept_key(m.type, m.canonical)) for m in extraction.mentions}
        claims = []
        for claim in extraction.claims:
            kept = proposed | {c.winner for c in claim.outperforms}
            gone = [k for k in claim.about if (claim.sentence, k) not in named and k not in kept]
            for key in gone:
                name = key.split(":", 1)[1]
                recorder.record(
                    OWN_METHOD,
                    "unlink",
                    key,
                    f"claim {extraction.paper_id}#{claim.sentence} stands 'our method' for {name!r}, "
                    "which the paper does not propose",
                    paper=extraction.paper_id,
                )
            if gone:
                claim = claim.model_copy(update={"about": [k for k in claim.about if k not in gone]})
            claims.append(claim)
        out.append(extraction.model_copy(update={"claims": claims}))
    return out
