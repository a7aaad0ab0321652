"""The mechanics every step shares: change a paper's mentions and let its relations and claims follow the keys."""

from __future__ import annotations

from collections.abc import Callable

from kg.resolve.decisions import Action, Recorder, mention_id
from kg.types import Extraction, Mention, concept_key

__all__ = ["change_mentions", "drop_concepts", "drop_recorded", "rename_concepts", "with_mentions_changed"]


def rename_concepts(extraction: Extraction, renamed: dict[str, str]) -> Extraction:
    """``extraction`` with every concept key its relations and claims name passed through ``renamed``.

    A relation or comparison that ``renamed`` turns into a concept and itself goes.
    """

    def key(k: str) -> str:
        return renamed.get(k, k)

    relations = [r.model_copy(update={"head": key(r.head), "tail": key(r.tail)}) for r in extraction.relations]
    claims = [
        c.model_copy(
            update={
                "about": list(dict.fromkeys(key(k) for k in c.about)),
                "outperforms": [
                    o.model_copy(update={"winner": key(o.winner), "loser": key(o.loser)})
                    for o in c.outperforms
                    if key(o.winner) != key(o.loser)
                ],
            }
        )
        for c in extraction.claims
    ]
    relations = [r for r in relations if r.head != r.tail]
    return extraction.model_copy(update={"relations": relations, "claims": claims})


def with_mentions_changed(extraction: Extraction, change: Callable[[Mention], Mention | None]) -> Extraction:
    """``extraction`` with each mention ``change`` returns in place of the old one (None keeps it), and
    its relations and claims following the concept keys that changed."""
    mentions, renamed = [], {}
    for mention in extraction.mentions:
        changed = change(mention)
        if changed is not None:
            old, new = concept_key(mention.type, mention.canonical), concept_key(changed.type, changed.canonical)
            if old != new:
                renamed[old] = new
            mention = changed
        mentions.append(mention)
    if mentions == extraction.mentions:
        return extraction
    return rename_concepts(extraction.model_copy(update={"mentions": mentions}), renamed)


def drop_concepts(extraction: Extraction, dropped: set[str]) -> Extraction:
    """``extraction`` without the mentions, relations, claim links and comparisons of the ``dropped`` concept keys."""
    if not any(concept_key(m.type, m.canonical) in dropped for m in extraction.mentions):
        return extraction
    mentions = [m for m in extraction.mentions if concept_key(m.type, m.canonical) not in dropped]
    relations = [r for r in extraction.relations if r.head not in dropped and r.tail not in dropped]
    claims = [
        c.model_copy(
            update={
                "about": [k for k in c.about if k not in dropped],
                "outperforms": [o for o in c.outperforms if o.winner not in dropped and o.loser not in dropped],
            }
        )
        for c in extraction.claims
    ]
    return extraction.model_copy(update={"mentions": mentions, "relations": relations, "claims": claims})


def change_mentions(
    extractions: list[Extraction],
    change: Callable[[Extraction, Mention], Mention | None],
    recorder: Recorder,
    step: str,
    action: Action,
    reason: Callable[[Mention, Mention], str],
) -> list[Extraction]:
    """Each paper's mentions through ``change`` (:func:`with_mentions_changed`), one decision recorded per paper
    and concept it changed, with ``reason(old, new)``: ``action`` where the concept key changed, "role" where only
    the role did."""
    changed = []
    for extraction in extractions:
        touched: dict[tuple[str, str], tuple[Mention, Mention, list[str]]] = {}

        def recorded(mention: Mention, extraction: Extraction = extraction, touched=touched) -> Mention | None:
            new = change(extraction, mention)
            if new is not None and new != mention:
                old_key, new_key = concept_key(mention.type, mention.canonical), concept_key(new.type, new.canonical)
                into = new_key if new_key != old_key else new.role.value
                entry = touched.setdefault((old_key, into), (mention, new, []))
                entry[2].append(mention_id(extraction.paper_id, mention))
            return new

        changed.append(with_mentions_changed(extraction, recorded))
        for (old_key, into), (old, new, ids) in touched.items():
            kind = action if into != new.role.value else "role"
            recorder.record(step, kind, old_key, reason(old, new), into=into, paper=extraction.paper_id, mentions=ids)
    return changed


def drop_recorded(
    extractions: list[Extraction], dropped: dict[str, str], recorder: Recorder, step: str, *, per_paper: bool = False
) -> list[Extraction]:
    """``extractions`` without the concept keys in ``dropped`` (key → reason), one decision per paper that loses one.

    With ``per_paper``, ``dropped`` keys are ``"paper id\\x00concept key"``: a concept leaves one paper only.
    """
    result = []
    for extraction in extractions:
        gone: dict[str, list[str]] = {}
        for mention in extraction.mentions:
            key = concept_key(mention.type, mention.canonical)
            lookup = f"{extraction.paper_id}\x00{key}" if per_paper else key
            if lookup in dropped:
                gone.setdefault(key, []).append(mention_id(extraction.paper_id, mention))
        for key, ids in gone.items():
            lookup = f"{extraction.paper_id}\x00{key}" if per_paper else key
            recorder.record(step, "drop", key, dropped[lookup], paper=extraction.paper_id, mentions=ids)
        result.append(drop_concepts(extraction, set(gone)))
    return result
