"""Reader for JSON documents: an array of records, or an object holding lists of records.

What exports write: a pretty-printed array of papers (an arXiv or Semantic
Scholar dump, Zotero's CSL-JSON), or an object such as ``{"papers": [...]}`` or
``{"data": [...]}``. Every list of objects with a title in the top-level object
is read; an object that has a title itself is one record. Fields are read by
``kg.sources.fields.from_fields``, so CSL-JSON's ``issued``, ``author`` and ``DOI``
need no reader of their own.

Records are decoded one at a time from the text, so each keeps the line it
starts on, and a broken record is skipped: the reader finds the next record at
the indentation the records have and goes on. A minified document (all on one
line) cannot be re-entered that way; what follows the error is then reported
unread.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kg.sources.fields import from_fields
from kg.sources.lines import read_text
from kg.sources.records import Record
from kg.types import Skipped, SourceRef

FORMAT = "json"

_DECODER = json.JSONDecoder()
_SPACE = re.compile(r"\s*")


def read(path: Path) -> Iterator[Record]:
    """Yield a record per object of the document's array (or of its lists of records)."""
    doc = _Document(path, *read_text(path))
    start = doc.skip_space(0)
    if doc.text.startswith("[", start):
        yield from doc.array(start)
    elif doc.text.startswith("{", start):
        yield from doc.object(start)
    else:
        yield doc.skipped(start, "expected a JSON array or object")


class _Document:
    """The decoded text with the line of every offset and the lines that held invalid UTF-8."""

    def __init__(self, path: Path, text: str, bad_lines: set[int]):
        self.path = path
        self.text = text
        self.bad_lines = bad_lines
        self.array_end: int | None = None
        self.newlines = [match.start() for match in re.finditer("\n", self.text)]

    def line_of(self, offset: int) -> int:
        return bisect_left(self.newlines, offset) + 1

    def skip_space(self, offset: int) -> int:
        return _SPACE.match(self.text, offset).end()

    def skipped(self, offset: int, reason: str) -> Skipped:
        return Skipped(source=str(self.path), line=self.line_of(offset), reason=reason)

    def decode(self, offset: int) -> tuple[Any, int]:
        """The JSON value at ``offset`` and the offset after it; ``ValueError`` with a reason when it is broken."""
        try:
            return _DECODER.raw_decode(self.text, offset)
        except json.JSONDecodeError as error:
            raise ValueError(f"{json_reason(error)} at line {error.lineno} column {error.colno}", error.pos) from None
        except RecursionError:  # json's C decoder recurses once per nesting level
            raise ValueError("invalid JSON: nested too deeply", offset) from None

    def record(self, value: Any, start: int, end: int) -> Record:
        line, last = self.line_of(start), self.line_of(end)
        if bad := next((n for n in range(line, last + 1) if n in self.bad_lines), None):
            return Skipped(source=str(self.path), line=line, reason=f"invalid UTF-8 on line {bad}")
        if not isinstance(value, dict):
            return Skipped(source=str(self.path), line=line, reason=f"expected a JSON object, found {type(value).__name__}")
        return from_fields(value, SourceRef(file=str(self.path), line=line))

    def array(self, offset: int) -> Iterator[Record]:
        """Every element of the array at ``offset``, re-entering after a broken one where the layout allows.

        Leaves ``array_end``: the offset after the closing bracket, or ``None`` when reading stopped.
        """
        self.array_end = None
        position = self.skip_space(offset + 1)
        indent: str | None = None
        while position < len(self.text) and self.text[position] != "]":
            if indent is None:
                indent = self._indent(position)
            try:
                value, end = self.decode(position)
            except ValueError as error:
                reason, failed_at = error.args
                yield self.skipped(position, reason)
                position = self._next_record(max(failed_at, position + 1), indent)
                if position is None:
                    if self.skip_space(failed_at) < len(self.text):
                        yield self.skipped(failed_at, "the rest of the file could not be read after the broken record")
                    return
                continue
            yield self.record(value, position, end)
            position = self.skip_space(end)
            if self.text.startswith(",", position):
                position = self.skip_space(position + 1)
        if position >= len(self.text):
            yield self.skipped(len(self.text), "invalid JSON: the array is not closed (a truncated file?)")
            return
        self.array_end = position + 1

    def object(self, offset: int) -> Iterator[Record]:
        """The records of a top-level object: itself if it has a title, else its lists of records."""
        try:
            value, end = self.decode(offset)
        except ValueError:
            value, end = None, offset  # broken somewhere: walk it, reading the lists up to the break
        if isinstance(value, dict) and _has_title(value):
            yield self.record(value, offset, end)
            return
        found = False
        for record in self._lists(offset):
            found = True
            yield record
        if not found:
            yield self.skipped(offset, "a JSON object with no title and no list of records with titles")

    def _lists(self, offset: int) -> Iterator[Record]:
        """The records of every list of records among the object's values, in order."""
        position = self.skip_space(offset + 1)
        while position < len(self.text) and self.text[position] != "}":
            try:
                _key, position = self.decode(position)
                position = self.skip_space(position)
                if not self.text.startswith(":", position):
                    raise ValueError(f"invalid JSON: expected ':' at line {self.line_of(position)}", position)
                position = self.skip_space(position + 1)
                if self._holds_records(position):
                    yield from self.array(position)
                    if self.array_end is None:
                        return
                    position = self.array_end
                else:
                    _, position = self.decode(position)
            except ValueError as error:
                reason, failed_at = error.args
                yield self.skipped(failed_at, reason)
                return
            position = self.skip_space(position)
            if self.text.startswith(",", position):
                position = self.skip_space(position + 1)

    def _holds_records(self, position: int) -> bool:
        """True when the value at ``position`` is an array whose first element is an object with a title."""
        if not self.text.startswith("[", position):
            return False
        try:
            first, _ = self.decode(self.skip_space(position + 1))
        except ValueError:
            return False
        return _has_title(first)

    def _indent(self, position: int) -> str:
        line_start = self.text.rfind("\n", 0, position) + 1
        return self.text[line_start:position]

    def _next_record(self, offset: int, indent: str | None) -> int | None:
        """The start of the next record at the records' indentation, for re-entry after a broken one."""
        if indent is None or indent.strip():
            return None
        match = re.compile(rf"\n{re.escape(indent)}\{{").search(self.text, offset)
        return match.end() - 1 if match else None


def json_reason(error: json.JSONDecodeError) -> str:
    """The decoder's message as a skip reason, ready for " at column N" ("Invalid control character at" ends in "at").

    >>> json_reason(json.JSONDecodeError("Invalid control character at", "x", 0))
    'invalid JSON: Invalid control character'
    """
    return f"invalid JSON: {error.msg.removesuffix(' at')}"


def _has_title(row: Any) -> bool:
    return isinstance(row, dict) and any(str(key).lower() == "title" for key in row)
