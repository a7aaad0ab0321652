"""The one mapping from a record's named fields to a ``Paper``, under the names exports use.

JSON Lines, CSV, JSON arrays, CSL-JSON (Zotero), the arXiv metadata snapshot,
the arXiv API's Atom feed and BibTeX all hand each record here as a mapping of
field names to values. Names match case-insensitively; for each ``Paper``
field the first name of its line that holds a value wins:

* ``title`` (required): ``title``; ``abstract`` (required): ``abstract``, ``summary``.
* ``arxiv_id``: ``arxiv_id``, ``arxiv``, ``eprint``, ``id``, ``url``, ``doi``
  (``10.48550/arXiv.…``), ``externalIds.ArXiv``. A version (``2603.11048v1``)
  goes to ``extra["arxiv_version"]``.
* ``id``: the arXiv id, else ``id`` (any id of yours), else a hash of the title.
* date: ``versions`` (arXiv snapshot: version 1's), ``published``, ``date``,
  ``issued`` (CSL ``date-parts``), ``publicationDate``, ``year`` with ``month``
  and ``day``, ``update_date``.
* ``authors``: ``authors_parsed`` (arXiv snapshot), ``authors``, ``author``: a
  list of names or of ``{"name"}``, ``{"given", "family"}`` or ``{"literal"}``
  objects; a string of names separated by ``;`` (else by ``,`` and `` and ``);
  a number is a count.
* ``categories``: ``primary_category``, ``primaryClass``, ``categories``: a
  list, or names separated by spaces or commas.
* ``url``: ``url``, ``link``. ``extra["doi"]``: ``doi``, ``externalIds.DOI``
  (lower-cased, without ``https://doi.org/``).

Dates take ``2023-05-01`` (and ISO times), ``2023-05``, ``2023``, ``Jun 20, 2018``,
``Feb 21`` and e-mail dates (``Wed, 20 Jun 2018 06:35:30 GMT``). Every other
field with a value is kept in ``Paper.extra``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from kg.sources.records import Record, make_paper, month_number, split_arxiv_id
from kg.types import Skipped, SourceRef

__all__ = ["ALIASES", "from_fields"]

#: Field names read for each ``Paper`` field, in order of preference (lower case).
ALIASES: dict[str, tuple[str, ...]] = {
    "title": ("title",),
    "abstract": ("abstract", "summary"),
    "arxiv": ("arxiv_id", "arxiv", "eprint", "id", "url", "doi"),
    "own_id": ("id",),
    "date": ("versions", "published", "date", "issued", "publicationdate", "year", "update_date"),
    "month": ("month",),
    "day": ("day",),
    "authors": ("authors_parsed", "authors", "author"),
    "categories": ("primary_category", "primaryclass", "categories"),
    "url": ("url", "link"),
    "doi": ("doi",),
    "external": ("externalids",),
}
_READ = {name for names in ALIASES.values() for name in names}
_NAME_SPLIT = re.compile(r",|\band\b")


class _BadField(ValueError):
    """A field whose value has the wrong shape; its message is the skip reason."""


def from_fields(row: Mapping[str, Any], source: SourceRef) -> Record:
    """A paper from one record's fields (see the module's table); the rest goes to ``extra``.

    >>> paper = from_fields({"ID": "2603.11048v1", "Title": "T", "summary": "S.", "year": 2026,
    ...     "author": [{"family": "Curie", "given": "Marie"}], "DOI": "https://doi.org/10.1/X", "venue": "V"},
    ...     SourceRef(file="a.json", line=2))
    >>> paper.id, paper.year, paper.authors, paper.extra
    ('2603.11048', 2026, ['Marie Curie'], {'venue': 'V', 'doi': '10.1/x', 'arxiv_version': 'v1'})
    """
    fields = {}
    for key, value in row.items():
        fields.setdefault(str(key).strip().lower(), value)
    try:
        external = fields.get("externalids") if isinstance(fields.get("externalids"), Mapping) else {}
        external = {str(k).lower(): v for k, v in external.items()}
        authors, count = _authors(_first(fields, "authors"))
        doi = _doi(_first(fields, "doi") or external.get("doi"))
        date = _date(fields)
    except _BadField as error:
        return Skipped(source=source.file, line=source.line, reason=str(error))
    extra = {key: value for key, value in row.items() if str(key).strip().lower() not in _READ and _has_value(value)}
    if doi:
        extra["doi"] = doi
    own_id = _first(fields, "own_id")
    return make_paper(
        source=source,
        title=_text(_first(fields, "title")),
        abstract=_text(_first(fields, "abstract")),
        arxiv_id=_arxiv_id([*(_text(fields.get(name)) for name in ALIASES["arxiv"]), _text(external.get("arxiv"))]),
        own_id=_text(own_id) if isinstance(own_id, str | int) else None,
        date=date,
        authors=authors,
        authors_count=count,
        url=_text(_first(fields, "url")) or None,
        categories=_categories(fields),
        extra=extra,
    )


def _has_value(value: Any) -> bool:
    return value not in (None, "", [], {})


def _first(fields: dict[str, Any], name: str) -> Any:
    return next((fields[key] for key in ALIASES[name] if _has_value(fields.get(key))), None)


def _text(value: Any) -> str:
    """A scalar as text; a list (Atom's several links, CSL's title lists) by its first item."""
    if isinstance(value, list):
        value = value[0] if value else None
    if value is None or isinstance(value, dict | list | bool):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _arxiv_id(candidates: list[str]) -> str | None:
    """The first candidate that is an arXiv id, with the version any candidate gives it."""
    parsed = [split_arxiv_id(candidate) for candidate in candidates if candidate]
    arxiv = next((found for found, _ in parsed if found), None)
    if arxiv is None:
        return None
    version = next((v for found, v in parsed if found == arxiv and v), "")
    return arxiv + version


def _doi(value: Any) -> str | None:
    text = _text(value).lower()
    text = re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", "", text)
    return text or None


def _date(fields: dict[str, Any]) -> Any:
    """The record's date in a form ``parse_date`` reads."""
    for key in ALIASES["date"]:
        value = fields.get(key)
        if not _has_value(value):
            continue
        if key == "versions":
            first = value[0] if isinstance(value, list) and value else None
            if isinstance(first, dict) and first.get("created"):
                return first["created"]
            continue  # a snapshot row without usable versions falls back to its other dates
        if key == "issued":
            return _csl_date(value)
        if key == "year":
            year, month, day = _text(value), month_number(fields.get("month")), _text(fields.get("day"))
            parts = [year, f"{month:02d}", day] if month and day.isdigit() else [year, f"{month:02d}"] if month else [year]
            return "-".join(parts)
        if isinstance(value, int | float) and not isinstance(value, bool):
            return _text(value)
        if not isinstance(value, str):
            raise _BadField(f"'{key}' must be a date, found {type(value).__name__}")
        return value
    return None


def _csl_date(value: Any) -> str:
    """A CSL-JSON date (``{"date-parts": [[2017, 6, 12]]}``, or ``{"raw": ...}``) as text."""
    if isinstance(value, str):
        return value
    if not isinstance(value, dict):
        raise _BadField("'issued' must be a CSL date object")
    parts = value.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        try:
            numbers = [int(part) for part in parts[0][:3]]
        except (TypeError, ValueError):
            raise _BadField(f"'issued' has unreadable date-parts {parts[0]!r}") from None
        return "-".join([str(numbers[0]), *(f"{n:02d}" for n in numbers[1:])])
    text = value.get("raw") or value.get("literal")
    if isinstance(text, str | int):
        return str(text)
    raise _BadField("'issued' has no date-parts")


def _authors(value: Any) -> tuple[list[str] | None, int | None]:
    """``(names, count)``: names from a list or a string, or only a count from a number."""
    if value is None:
        return None, None
    if isinstance(value, bool):
        raise _BadField("'authors' must be a list, a string of names or a count")
    if isinstance(value, int | float):
        return None, int(value) if value >= 0 else None
    if isinstance(value, str):
        pieces = value.split(";") if ";" in value else _NAME_SPLIT.split(value)
        return [piece for piece in pieces if piece.strip()], None
    if isinstance(value, list):
        return [name for name in map(_author_name, value) if name], None
    raise _BadField("'authors' must be a list, a string of names or a count")


def _author_name(item: Any) -> str:
    """One author from a name, a CSL/Atom/Semantic Scholar object or an arXiv ``[last, first, suffix]``."""
    if isinstance(item, str):
        return item
    if isinstance(item, dict):
        item = {str(k).lower(): v for k, v in item.items()}
        if _has_value(item.get("name")) or _has_value(item.get("literal")):
            return _text(item.get("name") or item.get("literal"))
        parts = ("given", "first", "non-dropping-particle", "family", "last")
        return " ".join(_text(item.get(key)) for key in parts if item.get(key))
    if isinstance(item, list) and all(isinstance(part, str) for part in item) and item:
        return " ".join(part for part in (*item[1:2], item[0], *item[2:]) if part)
    return _text(item) if isinstance(item, int | float) else ""


def _categories(fields: dict[str, Any]) -> list[str]:
    names: list[str] = []
    for key in ALIASES["categories"]:
        value = fields.get(key)
        items = value if isinstance(value, list) else re.split(r"[\s,;]+", value) if isinstance(value, str) else []
        names += [_text(item) for item in items if isinstance(item, str)]
    return names
