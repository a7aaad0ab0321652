"""Readers for JSON Lines and CSV files: one record a line, or a row under a header.

Fields are read by ``kg.sources.fields.from_fields`` (``title``, ``abstract``,
``id``, ``date`` and the other names exports use). The arXiv metadata snapshot
is JSON Lines too, read as a stream so its 2.5 million lines never sit in
memory. In CSV, ``.tsv`` files are tab-separated.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

from kg.sources.fields import from_fields
from kg.sources.jsondoc import json_reason
from kg.sources.lines import read_lines
from kg.sources.records import Record
from kg.types import Skipped, SourceRef


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
            yield Skipped(source=str(path), line=line.number, reason=f"{json_reason(error)} at column {error.colno}")
            continue
        except RecursionError:  # json's C decoder recurses once per nesting level
            yield Skipped(source=str(path), line=line.number, reason="invalid JSON: nested too deeply")
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
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:  # one malformed row (an over-long field): the reader goes on after it
            yield Skipped(source=str(path), line=row_start, reason=f"malformed CSV: {error}")
            row_start = reader.line_num + 1
            continue
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
