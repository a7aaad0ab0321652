"""What the corpus steps decided: one ``Decision`` per concept a step dropped, kept against a model's doubt, merged,
retyped, gave a role or unlinked from a claim.

A user asking "why is X not in my graph?" gets the answer from these records (``kg why``), not from the code: the
bundle keeps them in ``decisions.jsonl`` beside ``mentions.jsonl`` (every mention before the steps ran), and
``summary.json`` counts them per step.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Literal

from pydantic import BaseModel, ConfigDict

from kg.types import Mention

__all__ = ["Decision", "Recorder", "count_decisions", "mention_id"]

Action = Literal["drop", "keep", "merge", "rename", "retype", "role", "unlink"]


class Decision(BaseModel):
    """One step's decision about one concept, in one paper (``paper``) or across the corpus (``paper`` None)."""

    model_config = ConfigDict(extra="forbid")

    step: str
    action: Action
    concept: str  # the concept key before the step
    into: str | None = None  # the key after a merge, rename or retype; the role after a role decision
    reason: str
    paper: str | None = None
    mentions: list[str] = []  # ids of the mentions it touched (mention_id)


def mention_id(paper_id: str, mention: Mention) -> str:
    """A mention's id across the bundle: paper, sentence (-1 for the title) and character offsets.

    >>> from kg.types import Mention
    >>> mention_id("2310.19668", Mention(text="DrM", type="Method", canonical="drm", start_char=5, end_char=8,
    ...     sentence=2, role="PROPOSES", confidence=0.9, evidence="...", source="tagger"))
    '2310.19668#2:5-8'
    """
    return f"{paper_id}#{mention.sentence}:{mention.start_char}-{mention.end_char}"


class Recorder:
    """Collects the decisions of the steps as they run."""

    def __init__(self) -> None:
        self.decisions: list[Decision] = []

    def record(
        self,
        step: str,
        action: Action,
        concept: str,
        reason: str,
        *,
        into: str | None = None,
        paper: str | None = None,
        mentions: Iterable[str] = (),
    ) -> None:
        self.decisions.append(
            Decision(step=step, action=action, concept=concept, into=into, reason=reason, paper=paper, mentions=list(mentions))
        )


def count_decisions(decisions: Iterable[Decision]) -> dict[str, dict[str, int]]:
    """``{step: {action: decisions}}``, the steps in the order they ran.

    >>> count_decisions([Decision(step="judge", action="drop", concept="Method:x", reason="r")] * 2)
    {'judge': {'drop': 2}}
    """
    counts: dict[str, Counter] = {}
    for decision in decisions:
        counts.setdefault(decision.step, Counter())[decision.action] += 1
    return {step: dict(actions) for step, actions in counts.items()}
