"""Corpus resolution: what one paper at a time cannot know, decided across every paper's extraction.

``resolve`` runs the steps ``config.cfg`` lists, in order, over the extractions the extraction stage (or its
cache) returned. Each step is a plain function ``step(extractions, recorder, **settings) -> extractions`` in a
module of its own and records, for every concept it drops, merges, renames, retypes or gives a role, the step
and the reason (:class:`~kg.resolve.decisions.Decision`):

======================  =============================================================================
``short_forms``         a short form used without its long form takes the corpus's long form
``judge``               the concept judge's verdicts: names it does not believe go, the rest take its
                        type, and its reading of what the paper proposes
``variants``            spelling variants and near-identical names of one type merge
``container_names``     "X technique", "X architecture" join X where the corpus names X alone;
                        "X models" join the task X the paper names
``own_names``           a paper's own name and one more word ("AdEMAMix optimizer") join the name
``unnamed_kinds``       kinds with no name ("a systematic approach") go
``organisations``       a company's, lab's or platform's name alone ("Anthropic") goes
``one_sense``           a name the corpus clearly gives one type takes it everywhere
``named_datasets``      a Dataset must be written as a name somewhere
``one_role``            one role per concept and paper: PROPOSES, EVALUATES_ON, ADDRESSES, USES
``own_method``          a claim's "our method" is about only a concept the paper proposes
``whole_values``        a claim lists its values only where its sentence was read whole
======================  =============================================================================

The stage sees only kg's typed models, never a spaCy object, so it runs after the extraction cache: editing a
step or its settings re-uses every cached extraction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from thinc.api import Config

from kg.resolve.decisions import Decision, Recorder, count_decisions, mention_id
from kg.resolve.judged import apply_judgements
from kg.resolve.kinds import (
    drop_organisations,
    drop_unnamed_kinds,
    keep_named_datasets,
    merge_container_names,
    merge_own_names,
)
from kg.resolve.roles import one_role_per_concept, own_method_follows_proposals
from kg.resolve.senses import agree_on_types
from kg.resolve.short_forms import resolve_short_forms
from kg.resolve.values import withhold_partial_readings
from kg.resolve.variants import merge_variants, spelling_key
from kg.types import Extraction

__all__ = ["CONFIG", "STEPS", "Decision", "Resolution", "count_decisions", "mention_id", "resolve", "spelling_key"]

CONFIG = Path(__file__).with_name("config.cfg")

#: Every step by the name ``config.cfg`` gives it.
STEPS: dict[str, Callable[..., list[Extraction]]] = {
    "short_forms": resolve_short_forms,
    "judge": apply_judgements,
    "variants": merge_variants,
    "container_names": merge_container_names,
    "own_names": merge_own_names,
    "unnamed_kinds": drop_unnamed_kinds,
    "organisations": drop_organisations,
    "one_sense": agree_on_types,
    "named_datasets": keep_named_datasets,
    "one_role": one_role_per_concept,
    "own_method": own_method_follows_proposals,
    "whole_values": withhold_partial_readings,
}


@dataclass
class Resolution:
    """The extractions after every step, and what the steps decided."""

    extractions: list[Extraction]
    decisions: list[Decision] = field(default_factory=list)

    def counts(self) -> dict[str, dict[str, int]]:
        return count_decisions(self.decisions)


def resolve(extractions: list[Extraction], config_path: Path = CONFIG, steps: list[str] | None = None) -> Resolution:
    """Run the corpus steps over ``extractions``: those ``config.cfg`` lists, or ``steps``, in that order."""
    config = Config().from_disk(config_path)
    order = list(config["steps"]["order"]) if steps is None else steps
    unknown = [name for name in order if name not in STEPS]
    if unknown:
        raise ValueError(f"unknown corpus step {unknown[0]!r} in {config_path}; the steps are {', '.join(STEPS)}")
    recorder = Recorder()
    for name in order:
        extractions = STEPS[name](extractions, recorder, **dict(config.get(name, {})))
    return Resolution(extractions, recorder.decisions)
