"""Reader for arXiv metadata snapshots (the public ``arxiv-metadata-oai-snapshot`` layout).

One JSON object a line with ``id``, ``title``, ``abstract``, ``authors`` (and
``authors_parsed``), ``categories``, ``versions`` and ``update_date``. Read as a
stream, so the 2.5-million-line snapshot never sits in memory; ``.gz`` works.
The publication date is the creation date of version 1.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

from kg.sources.lines import read_lines
from kg.sources.records import Record, make_paper
from kg.types import Skipped, SourceRef

#: Keys only the arXiv snapshot has; their presence identifies the layout.
MARKER_KEYS = ("versions", "update_date", "authors_parsed")
_KEPT = ("doi", "journal-ref", "comments", "license", "update_date", "submitter")


def looks_like_arxiv(row: dict[str, Any]) -> bool:
    return any(key in row for key in MARKER_KEYS)


def read(path: Path) -> Iterator[Record]:
    for line in read_lines(path):
        source = SourceRef(file=str(path), line=line.number)
        if line.text is None:
            yield Skipped(source=source.file, line=source.line, reason=line.error or "unreadable line")
            continue
        if not line.text.strip():
            continue
        try:
            row = json.loads(line.text)
        except json.JSONDecodeError as error:
            yield Skipped(source=source.file, line=source.line, reason=f"invalid JSON: {error.msg} at column {error.colno}")
            continue
        if not isinstance(row, dict):
            yield Skipped(source=source.file, line=source.line, reason="expected a JSON object")
            continue
        yield from_row(row, source)


def from_row(row: dict[str, Any], source: SourceRef) -> Record:
    return make_paper(
        source=source,
        title=row.get("title"),
        abstract=row.get("abstract"),
        arxiv_id=str(row.get("id") or ""),
        date=_first_version_date(row) or row.get("update_date"),
        authors=_authors(row),
        categories=str(row.get("categories") or "").split(),
        extra={key.replace("-", "_"): row[key] for key in _KEPT if row.get(key)},
    )


def _first_version_date(row: dict[str, Any]):
    versions = row.get("versions") or []
    if not versions or not isinstance(versions[0], dict):
        return None
    try:
        return parsedate_to_datetime(versions[0]["created"]).date()
    except (KeyError, TypeError, ValueError):
        return None


def _authors(row: dict[str, Any]) -> list[str]:
    parsed = row.get("authors_parsed")
    if isinstance(parsed, list) and parsed:
        return [" ".join(part for part in (p[1], p[0], *p[2:]) if part) for p in parsed if isinstance(p, list) and p]
    text = str(row.get("authors") or "")
    return [name.strip() for name in text.replace(" and ", ", ").split(",") if name.strip()]
