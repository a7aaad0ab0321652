"""The judge's verdicts applied: a name the concept judge does not believe is no concept of the paper; the rest
take the judge's type and, where it reads a proposal, the PROPOSES role.

The judge (``kg/extract/judge.py``) scored every name of a paper at extraction; its thresholds live here, in the
corpus stage, so that changing them re-uses every cached extraction.
"""

from __future__ import annotations

from collections import defaultdict

from kg.resolve.changes import change_mentions, drop_recorded
from kg.resolve.decisions import Recorder
from kg.types import Extraction, Judgement, Mention, Role, concept_key, role_for

__all__ = ["apply_judgements"]

STEP = "judge"


def apply_judgements(
    extractions: list[Extraction],
    recorder: Recorder | None = None,
    *,
    min_concept: float,
    min_proposed: float,
) -> list[Extraction]:
    """Extractions with each judged concept dropped, retyped or made the paper's proposal as the judge reads it.

    A name the judge gives less than ``min_concept`` probability of being a concept of the paper leaves it; a kept
    name it gives at least ``min_proposed`` probability of being the paper's own is proposed. Both are set in
    ``kg/resolve/config.cfg``.

    A concept of a paper takes the verdict of its most confident mention. Mentions without a verdict (an extractor
    run without the judge) are left as they are.
    """
    recorder = recorder or Recorder()
    verdicts: dict[tuple[str, str], Judgement] = {}
    dropped: dict[str, str] = {}
    for extraction in extractions:
        by_key: dict[str, list[Judgement]] = defaultdict(list)
        for mention in extraction.mentions:
            if mention.judgement is not None:
                by_key[concept_key(mention.type, mention.canonical)].append(mention.judgement)
        for key, judgements in by_key.items():
            best = max(judgements, key=lambda j: j.concept)
            if best.concept < min_concept:
                name = key.split(":", 1)[1]
                dropped[f"{extraction.paper_id}\x00{key}"] = (
                    f"the judge gives {best.concept:.2f} (below {min_concept}) that {name!r} names a concept of this paper"
                )
            else:
                verdicts[extraction.paper_id, key] = best
    kept = drop_recorded(extractions, dropped, recorder, STEP, per_paper=True)

    def verdict(extraction: Extraction, mention: Mention) -> Mention | None:
        judgement = verdicts.get((extraction.paper_id, concept_key(mention.type, mention.canonical)))
        if judgement is None:
            return None
        kind = judgement.type
        role = Role.PROPOSES if judgement.proposed >= min_proposed else role_for(kind, proposed=False)
        if kind is mention.type and role is mention.role:
            return None
        return mention.model_copy(update={"type": kind, "role": role})

    def reason(old: Mention, new: Mention) -> str:
        judgement = old.judgement
        if new.type is not old.type:
            share = judgement.types[new.type.value]
            return f"the judge reads {old.text!r} as a {new.type.value} ({share:.2f}), not a {old.type.value}"
        if new.role is Role.PROPOSES:
            return f"the judge reads {old.text!r} as the paper's own ({judgement.proposed:.2f})"
        return f"the judge does not read {old.text!r} as the paper's own ({judgement.proposed:.2f})"

    return change_mentions(kept, verdict, recorder, STEP, "retype", reason)
