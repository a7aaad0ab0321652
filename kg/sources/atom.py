"""Reader for Atom feeds as the arXiv API returns them (``export.arxiv.org/api/query``).

Each ``<entry>`` is a paper: ``id`` (the versioned abstract URL), ``title``,
``summary``, ``published`` (version 1's date), ``author/name``, ``category/@term``
and ``arxiv:primary_category``, the ``alternate`` and ``pdf`` links and the
``arxiv:`` extras (doi, comment, journal_ref). The entry becomes a field mapping
for ``kg.sources.fields.from_fields``. The arXiv API's error entry (id
``…/api/errors#…``, title "Error") is reported as a skipped record, not read as
a paper.

The file is parsed as a stream (the standard library's expat, which neither
fetches external entities nor expands entity bombs), fed line by line so that
each entry keeps the line it starts on. XML that breaks off ends the reading
there: the entries before are kept, the break is reported with its line.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kg.sources.fields import from_fields
from kg.sources.lines import open_binary
from kg.sources.records import Record
from kg.types import Skipped, SourceRef

FORMAT = "atom"

_ERROR_ID = re.compile(r"arxiv\.org/api/errors", re.IGNORECASE)


def sniff(head: str) -> bool:
    """True when the first kilobytes of a file are an Atom feed."""
    return "<feed" in head and "http://www.w3.org/2005/Atom" in head


def read(path: Path) -> Iterator[Record]:
    """Yield a ``Paper`` per ``<entry>`` of the feed, a ``Skipped`` per broken one."""
    parser = ET.XMLPullParser(events=("start", "end"))
    start_line = 0
    with open_binary(path) as handle:
        number = 0
        for number, raw in enumerate(handle, 1):
            try:
                parser.feed(raw)
                events = list(parser.read_events())
            except ET.ParseError as error:
                yield _broken_xml(path, error, number)
                return
            for event, element in events:
                if _local(element.tag) != "entry":
                    continue
                if event == "start":
                    start_line = number
                    continue
                yield _entry(element, SourceRef(file=str(path), line=start_line))
                element.clear()
        try:
            parser.close()
        except ET.ParseError as error:
            yield _broken_xml(path, error, number)


def _broken_xml(path: Path, error: ET.ParseError, line: int) -> Skipped:
    """The parse error at the line expat names (it counts lines across feeds), else the line being fed."""
    line = error.position[0] if getattr(error, "position", None) else line
    message = str(error).split(":")[0]
    return Skipped(source=str(path), line=line, reason=f"malformed XML: {message}; the rest of the file is not read")


def _entry(entry: ET.Element, source: SourceRef) -> Record:
    fields = _fields(entry)
    if _ERROR_ID.search(fields.get("id") or ""):
        return Skipped(source=source.file, line=source.line, reason=f"arXiv API error: {fields.get('summary') or 'no message'}")
    return from_fields(fields, source)


def _fields(entry: ET.Element) -> dict[str, Any]:
    """The entry as field names ``from_fields`` reads (Atom and arXiv elements, namespaced or not)."""
    fields: dict[str, Any] = {"authors": [], "categories": []}
    for child in entry:
        name = _local(child.tag)
        text = (child.text or "").strip()
        if name == "author":
            fields["authors"].append(_child_text(child, "name"))
        elif name == "category" and child.get("term"):
            fields["categories"].append(child.get("term"))
        elif name == "primary_category" and child.get("term"):
            fields["primary_category"] = child.get("term")
        elif name == "link":
            rel, title, href = child.get("rel", "alternate"), child.get("title"), child.get("href")
            if title in ("pdf", "doi"):
                fields[f"{title}_url"] = href
            elif rel == "alternate":
                fields.setdefault("url", href)
        elif name in ("id", "title", "summary", "published", "updated", "doi", "comment", "journal_ref") and text:
            fields[name] = text
    return fields


def _child_text(element: ET.Element, name: str) -> str:
    return next(((child.text or "").strip() for child in element if _local(child.tag) == name), "")


def _local(tag: Any) -> str:
    """An element's name without its namespace: ``entry`` for ``{http://www.w3.org/2005/Atom}entry``."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""
