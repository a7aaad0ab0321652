"""Short forms a paper uses without defining them take the long form the defining papers agree on ("LLMs" →
"large language model"); the extractor already resolved the short forms each paper defines itself."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from kg.extract.acronyms import is_short_form, short_form_key
from kg.extract.canonical import normalize_name
from kg.resolve.changes import rename_concepts
from kg.resolve.decisions import Recorder, mention_id
from kg.types import Extraction, concept_key

__all__ = ["corpus_acronyms", "resolve_short_forms"]

STEP = "short_forms"


def corpus_acronyms(definitions: Iterable[tuple[str, str, str]], min_share: float = 0.66) -> dict[tuple[str, str], str]:
    """``(type, short form) → canonical long form`` where the corpus agrees on one definition.

    ``definitions`` holds one ``(type, short form, canonical long form)`` per paper
    that defines it. A short form with rival long forms ("RL": reinforcement
    learning, representation learning) resolves only when one has ``min_share`` of
    the definitions.

    >>> corpus_acronyms([("Method", "RL", "reinforcement learning")] * 3 + [("Method", "RL", "representation learning")])
    {('Method', 'RL'): 'reinforcement learning'}
    >>> corpus_acronyms([("Method", "RL", "reinforcement learning"), ("Method", "RL", "representation learning")])
    {}
    """
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for concept_type, short, long_form in definitions:
        votes[concept_type, short][long_form] += 1
    resolved = {}
    for key, counter in votes.items():
        long_form, count = counter.most_common(1)[0]
        if count / sum(counter.values()) >= min_share:
            resolved[key] = long_form
    return resolved


def resolve_short_forms(
    extractions: list[Extraction], recorder: Recorder | None = None, min_share: float = 0.66
) -> list[Extraction]:
    """Extractions where a short form a paper uses without defining it names the corpus's long form.

    "LLMs" in a paper that never spells it out joins "large language model" when
    the papers that define LLM agree on it; the type must match too.
    """
    recorder = recorder or Recorder()
    definitions = set()
    for extraction in extractions:
        for mention in extraction.mentions:
            for short in (mention.text, *mention.aliases):
                if is_short_form(short) and normalize_name(short_form_key(short)) != mention.canonical:
                    definitions.add((extraction.paper_id, mention.type.value, short_form_key(short), mention.canonical))
    table = corpus_acronyms(((t, s, c) for _, t, s, c in definitions), min_share)
    resolved = []
    for extraction in extractions:
        mentions, renamed, touched = [], {}, defaultdict(list)
        for mention in extraction.mentions:
            long_form = table.get((mention.type.value, short_form_key(mention.text)))
            if long_form and is_short_form(mention.text) and mention.canonical == normalize_name(short_form_key(mention.text)):
                old = concept_key(mention.type, mention.canonical)
                renamed[old] = concept_key(mention.type, long_form)
                touched[old].append(mention_id(extraction.paper_id, mention))
                mention = mention.model_copy(update={"canonical": long_form})
            mentions.append(mention)
        for old, ids in touched.items():
            short, long_form = old.split(":", 1)[1], renamed[old].split(":", 1)[1]
            recorder.record(
                STEP,
                "rename",
                old,
                f"the paper uses {short!r} without defining it; the papers that define it agree on {long_form!r}",
                into=renamed[old],
                paper=extraction.paper_id,
                mentions=ids,
            )
        resolved.append(rename_concepts(extraction.model_copy(update={"mentions": mentions}), renamed) if renamed else extraction)
    return resolved
