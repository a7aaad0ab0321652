"""Finding the same paper across inputs and merging what each input knew of it."""

from __future__ import annotations

from collections.abc import Iterable

from kg.sources.records import normalize_title
from kg.types import Paper

_LISTS = ("authors", "links", "code_links", "categories", "sources")


def deduplicate(papers: Iterable[Paper]) -> list[Paper]:
    """Merge papers that share an arXiv id, a DOI or a normalized title, in first-seen order.

    The first record of a paper is the base; later ones fill its empty fields
    and add to its lists, so no input's metadata is lost. The merged paper keeps
    the arXiv id whenever any of its records had one.

    >>> from kg.types import SourceRef
    >>> a = Paper(id="t-1", title="Layer Normalization", abstract="x", sources=[SourceRef(file="a", line=1)])
    >>> b = Paper(id="1607.06450", arxiv_id="1607.06450", title="Layer normalization.", abstract="x", year=2016)
    >>> [(p.id, p.year, len(p.sources)) for p in deduplicate([a, b])]
    [('1607.06450', 2016, 1)]
    """
    merged: list[Paper | None] = []
    slot_of: dict[str, int] = {}
    for paper in papers:
        keys = [f"title:{normalize_title(paper.title)}"] + ([f"arxiv:{paper.arxiv_id}"] if paper.arxiv_id else [])
        keys += [f"doi:{paper.extra['doi']}"] if isinstance(paper.extra.get("doi"), str) else []
        slots = sorted({slot_of[k] for k in keys if k in slot_of})
        if not slots:
            slot = len(merged)
            merged.append(paper.model_copy(deep=True))
        else:
            slot = slots[0]
            merged[slot] = _merge(merged[slot], paper)
            for other in slots[1:]:  # this paper links two earlier groups: fold them together
                merged[slot] = _merge(merged[slot], merged[other])
                merged[other] = None
                slot_of.update({k: slot for k, v in slot_of.items() if v == other})
        for key in keys:
            slot_of[key] = slot
    return [paper for paper in merged if paper is not None]


def _merge(base: Paper, other: Paper) -> Paper:
    update: dict = {}
    for name in Paper.model_fields:
        mine, theirs = getattr(base, name), getattr(other, name)
        if name in _LISTS:
            update[name] = mine + [item for item in theirs if item not in mine]
        elif name == "extra":
            update[name] = {**theirs, **mine}
        elif mine in (None, "") and theirs not in (None, ""):
            update[name] = theirs
    if other.arxiv_id and not base.arxiv_id:
        update["id"] = other.arxiv_id
    if other.published and not base.published:  # a full date beats a partial one
        update.update(published=other.published, year=other.year, month=other.month, day=other.day)
    return base.model_copy(update=update)
