"""Reader for BibTeX files with abstracts (Zotero's, JabRef's or a publisher's export).

Parsed by bibtexparser (v2): ``@string`` macros resolved, LaTeX decoded to
Unicode with ``$...$`` math kept as written, names split by BibTeX's own rules
(``Vaswani, Ashish and Shazeer, Noam``) and written first name first. Each
entry's fields then go through ``kg.sources.fields.from_fields``: ``title``,
``abstract``, ``author``, ``year``/``month`` or ``date``, ``doi``, ``url``,
``eprint`` (an arXiv id) and ``primaryClass``; the citation key and entry type
are kept in ``extra`` (``bibtex_key``, ``entry_type``), and so is every other
field. An entry bibtexparser cannot parse is skipped with its line; an entry
with a repeated citation key is read like any other (the same paper merges later by its
title or arXiv id).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import bibtexparser
from bibtexparser import middlewares
from bibtexparser.exceptions import ParsingException
from bibtexparser.model import DuplicateBlockKeyBlock, Entry, MiddlewareErrorBlock, ParsingFailedBlock

from kg.sources.fields import from_fields
from kg.sources.lines import read_text
from kg.sources.records import MAX_ABSTRACT_CHARS, Record
from kg.types import Skipped, SourceRef

FORMAT = "bibtex"

# bibtexparser logs every block it gives up on; kg reports each one as a skipped record instead.
logging.getLogger("bibtexparser").setLevel(logging.ERROR)


def sniff(head: str) -> bool:
    """True when the first kilobytes of a file hold a BibTeX entry (``@article{``)."""
    return re.search(r"^\s*@\s*[A-Za-z]+\s*[{(]", head, re.MULTILINE) is not None


def read(path: Path) -> Iterator[Record]:
    """Yield a ``Paper`` per entry with a title and an abstract, a ``Skipped`` per other entry."""
    text, bad_lines = read_text(path)
    try:
        library = _parse(text)
    except ParsingException as error:  # bibtexparser's own invariant broke: nothing of the file is trusted
        yield Skipped(source=str(path), line=0, reason=f"bibtexparser could not parse the file: {_message(error)}")
        return
    for block in library.blocks:
        line = (block.start_line or 0) + 1
        if isinstance(block, DuplicateBlockKeyBlock) and block.raw:
            block = next(iter(_parse(block.raw).entries), block)  # a repeated key: parsed again on its own
        if isinstance(block, ParsingFailedBlock):
            if not isinstance(block, MiddlewareErrorBlock) or not isinstance(block.ignore_error_block, Entry):
                yield Skipped(source=str(path), line=line, reason=f"malformed BibTeX entry: {_message(block.error)}")
                continue
            block = block.ignore_error_block  # LaTeX decoding failed on a field: the entry as written
        if not isinstance(block, Entry):
            continue  # comments, @string and @preamble blocks
        last = line + (block.raw or "").count("\n")
        if bad := next((n for n in range(line, last + 1) if n in bad_lines), None):
            yield Skipped(source=str(path), line=line, reason=f"invalid UTF-8 on line {bad}")
            continue
        yield from_fields(_row(block), SourceRef(file=str(path), line=line))


class _LatexDecoding(middlewares.LatexDecodingMiddleware):
    """bibtexparser's LaTeX decoding, but for fields too long to be an abstract, which are skipped anyway.

    pylatexenc takes 13 s of CPU on a 1,000,000-character field (a pasted full text).
    """

    def _transform_python_value_string(self, python_string: str) -> tuple[str, str]:
        if len(python_string) > MAX_ABSTRACT_CHARS:
            return python_string, ""
        return super()._transform_python_value_string(python_string)


def _parse(text: str) -> bibtexparser.Library:
    return bibtexparser.parse_string(
        text,
        append_middleware=[
            _LatexDecoding(keep_math_mode=True),
            middlewares.SeparateCoAuthors(),
            middlewares.SplitNameParts(),
            middlewares.MergeNameParts(style="first"),
        ],
    )


def _row(entry: Any) -> dict[str, Any]:
    row: dict[str, Any] = {"bibtex_key": entry.key, "entry_type": entry.entry_type}
    for field in entry.fields:
        row.setdefault(field.key.lower(), field.value)
    return row


def _message(error: Any) -> str:
    text = getattr(error, "abort_reason", None) or getattr(error, "message", None) or str(error)
    return " ".join(str(text).split()) or type(error).__name__
