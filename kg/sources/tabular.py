"""Readers for JSON Lines and CSV files with kg's documented fields.

| field | meaning |
|---|---|
| ``id`` | arXiv id (or URL), else any id of yours |
| ``title`` | required |
| ``abstract`` | required |
| ``date`` | ``2023-05-01``, ``2023``, ``Jun 20, 2018`` or ``Feb 21`` |
| ``authors`` | a JSON list, or names separated by ``;`` (a number is taken as a count) |
| ``url`` | landing page; an arXiv URL also gives the arXiv id |

Every other field is kept in ``Paper.extra``. In CSV, ``.tsv`` files are
tab-separated.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from kg.sources.lines import read_lines
from kg.sources.records import Record, make_paper
from kg.types import Skipped, SourceRef

DOCUMENTED_FIELDS = ("id", "title", "abstract", "date", "authors", "url")


def read_jsonl(path: Path) -> Iterator[Record]:
    """Yield a record per non-blank line of a JSON Lines file."""
    for line in read_lines(path):
        if line.text is None:
            yield Skipped(source=str(path), line=line.number, reason=line.error or "unreadable line")
            continue
        if not line.text.strip():
            continue
        try:
            row = json.loads(line.text)
        except json.JSONDecodeError as error:
            yield Skipped(source=str(path), line=line.number, reason=f"invalid JSON: {error.msg} at column {error.colno}")
            continue
        if not isinstance(row, dict):
            yield Skipped(source=str(path), line=line.number, reason=f"expected a JSON object, found {type(row).__name__}")
            continue
        yield from_fields(row, SourceRef(file=str(path), line=line.number))


def read_csv(path: Path) -> Iterator[Record]:
    """Yield a record per row of a CSV (or ``.tsv``) file with a header row."""
    delimiter = "\t" if path.name.removesuffix(".gz").endswith(".tsv") else ","
    bad_lines: dict[int, str] = {}

    def texts() -> Iterator[str]:
        for line in read_lines(path):
            if line.text is None:
                bad_lines[line.number] = line.error or "unreadable line"
                yield ""
            else:
                yield line.text + "\n"

    reader = csv.reader(texts(), delimiter=delimiter)
    header: list[str] | None = None
    row_start = 1
    try:
        for row in reader:
            first, last = row_start, reader.line_num
            row_start = last + 1
            if header is None:
                header = [name.strip() for name in row]
                if "title" not in header or "abstract" not in header:
                    yield Skipped(source=str(path), line=first, reason="CSV header must name 'title' and 'abstract' columns")
                    return
                continue
            if bad := next((bad_lines[n] for n in range(first, last + 1) if n in bad_lines), None):
                yield Skipped(source=str(path), line=first, reason=bad)
                continue
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                yield Skipped(source=str(path), line=first, reason=f"expected {len(header)} columns, found {len(row)}")
                continue
            yield from_fields(dict(zip(header, row, strict=True)), SourceRef(file=str(path), line=first))
    except csv.Error as error:
        yield Skipped(source=str(path), line=row_start, reason=f"malformed CSV: {error}")


def from_fields(row: Mapping[str, Any], source: SourceRef) -> Record:
    """A paper from a mapping with kg's documented fields; the rest goes to ``extra``."""
    authors = row.get("authors")
    count = None
    if isinstance(authors, int | float):
        count, authors = int(authors), None
    elif isinstance(authors, str):
        authors = authors.split(";")
    elif authors is not None and not isinstance(authors, list):
        return Skipped(source=source.file, line=source.line, reason="'authors' must be a list, a ';'-separated string or a count")
    raw_id = str(row.get("id") or "").strip() or None
    extra = {key: value for key, value in row.items() if key not in DOCUMENTED_FIELDS}
    return make_paper(
        source=source,
        title=row.get("title"),
        abstract=row.get("abstract"),
        arxiv_id=raw_id,
        own_id=raw_id,
        date=row.get("date"),
        authors=[str(a) for a in authors] if authors else None,
        authors_count=count,
        url=str(row.get("url") or "").strip() or None,
        extra=extra,
    )
