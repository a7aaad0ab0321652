"""Reader for text dumps of Hugging Face Daily Papers listing pages.

Two layouts occur, and this reader takes both without being told which:

* blocks: page chrome, then blank-line separated blocks: title, abstract and,
  optionally, a metadata block ("  • 3 authors", "·", "Jun 20, 2018" or
  "Feb 21 2", a date without a year followed by an upvote count);
* compact: two lines of chrome, then title and abstract lines alternating,
  with "Subscribe" glued onto the first title.

Titles are short and abstracts long; where a title has lost its abstract (or
the other way round) the reader uses that to get back in step, reports the
broken record and goes on.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg.sources.lines import Line, read_lines
from kg.sources.records import Record, make_paper
from kg.types import Skipped, SourceRef

FORMAT = "hf-daily"

_CHROME = {
    "new",
    "Get trending papers in your email inbox!",
    "Get trending papers in your email inbox once a day!",
    "Subscribe",
    "Daily Papers",
    "byAK and the research community",
}
_AUTHORS = re.compile(r"^\s*•\s*(\d+)\s+authors?\s*$")
_SEPARATOR = re.compile(r"^\s*·\s*$")
_DATE = re.compile(r"^\s*([A-Z][a-z]{2} \d{1,2}(?:, \d{4})?)(?: (\d+))?\s*$")
#: Longer than any real title; a line this long where a title should be is an abstract.
TITLE_MAX_CHARS = 300


def _is_meta(text: str) -> bool:
    return bool(_AUTHORS.match(text) or _SEPARATOR.match(text) or _DATE.match(text))


@dataclass
class _Pending:
    title: Line
    abstract: Line | None = None
    meta: dict = field(default_factory=dict)


def sniff(head: str) -> bool:
    """True when the first kilobytes of a file look like a Daily Papers dump."""
    return any(marker in head for marker in ("Get trending papers", "byAK and the research community"))


def read(path: Path) -> Iterator[Record]:
    """Yield a ``Paper`` per record of a Daily Papers dump, a ``Skipped`` per broken one."""
    content = _content_lines(path)
    pending: _Pending | None = None
    for index, line in enumerate(content):
        text = line.text or ""
        if line.text is not None and _is_meta(text):
            if pending is None:
                continue  # metadata with no record before it has nothing to describe
            if pending.abstract is None:
                yield _broken(path, pending.title, "missing abstract")
                pending = None
                continue
            _read_meta(text, pending.meta)
            continue
        if pending is None or pending.abstract is not None:
            if pending is not None:
                yield _finish(path, pending)
                pending = None
            if len(text) > TITLE_MAX_CHARS:
                yield _broken(path, line, "missing title (an abstract follows the previous record)")
                continue
            pending = _Pending(title=line)
            continue
        upcoming = content[index + 1].text if index + 1 < len(content) else None
        if len(text) <= TITLE_MAX_CHARS and upcoming is not None and len(upcoming) > TITLE_MAX_CHARS:
            # A short line followed by a long one: a new title, the last one lost its abstract.
            yield _broken(path, pending.title, "missing abstract")
            pending = _Pending(title=line)
            continue
        pending.abstract = line
    if pending is not None:
        yield _finish(path, pending) if pending.abstract else _broken(path, pending.title, "missing abstract")


def _content_lines(path: Path) -> list[Line]:
    """Non-blank lines with the page chrome before the first title removed."""
    lines = [line for line in read_lines(path) if line.text is None or line.text.strip()]
    start = 0
    while start < len(lines) and lines[start].text is not None:
        text = lines[start].text.strip()
        if text in _CHROME or (_DATE.match(text) and not _AUTHORS.match(text)):
            start += 1
            continue
        if text.startswith("Subscribe"):
            lines[start] = Line(lines[start].number, text.removeprefix("Subscribe"))
        break
    return lines[start:]


def _read_meta(text: str, meta: dict) -> None:
    if match := _AUTHORS.match(text):
        meta["authors_count"] = int(match.group(1))
    elif match := _DATE.match(text):
        meta["date"] = match.group(1)
        if match.group(2):
            meta["upvotes"] = int(match.group(2))


def _broken(path: Path, line: Line, reason: str) -> Skipped:
    return Skipped(source=str(path), line=line.number, reason=reason)


def _finish(path: Path, pending: _Pending) -> Record:
    for line in (pending.title, pending.abstract):
        if line is not None and line.text is None:
            return _broken(path, line, line.error or "unreadable line")
    return make_paper(
        source=SourceRef(file=str(path), line=pending.title.number),
        title=pending.title.text,
        abstract=pending.abstract.text if pending.abstract else None,
        date=pending.meta.get("date"),
        authors_count=pending.meta.get("authors_count"),
        upvotes=pending.meta.get("upvotes"),
    )
