"""Sources: one reader per input kind, each yielding ``Paper`` or ``Skipped`` records.

``read_inputs`` is the stage's entry point: it checks that every named input
exists, expands folders, detects each file's kind from its content (else its
extension; or takes ``fmt``), skips binary files, streams every reader, reports
what it skipped and merges duplicate papers across all inputs.

The kinds (``--format``): ``hf-daily`` (Hugging Face Daily Papers text dumps),
``jsonl`` and ``csv`` (one record a line or row), ``json`` (an array of records
or an object holding lists of them, CSL-JSON included), ``arxiv`` (the arXiv
metadata snapshot, JSON Lines), ``atom`` (the arXiv API's Atom feed) and
``bibtex``. Every record reader maps fields by ``kg.sources.fields`` and every
paper's text is cleaned once by ``kg.sources.text``.

>>> from kg.defaults import SAMPLE_CORPUS
>>> result = read_inputs([SAMPLE_CORPUS])
>>> result.records, len(result.papers), result.skipped
(654, 591, [])
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg.defaults import SAMPLE_CORPUS
from kg.errors import InputError
from kg.sources import arxiv, atom, bibtex, hf_daily, jsondoc, tabular
from kg.sources.dedupe import deduplicate
from kg.sources.lines import binary_reason, open_binary
from kg.sources.records import Record
from kg.types import Paper, Skipped, SourceRef

__all__ = ["FORMATS", "ReadResult", "detect_format", "iter_records", "read_inputs", "expand_inputs", "source_name"]

Reader = Callable[[Path], Iterator[Record]]

#: Every input kind kg reads, by the name ``--format`` takes.
FORMATS: dict[str, Reader] = {
    hf_daily.FORMAT: hf_daily.read,
    "jsonl": tabular.read_jsonl,
    "csv": tabular.read_csv,
    "arxiv": tabular.read_jsonl,  # the arXiv snapshot is JSON Lines; the shared field mapping knows its layout
    jsondoc.FORMAT: jsondoc.read,
    atom.FORMAT: atom.read,
    bibtex.FORMAT: bibtex.read,
}
_BY_SUFFIX = {
    ".txt": hf_daily.FORMAT,
    ".csv": "csv",
    ".tsv": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": jsondoc.FORMAT,
    ".xml": atom.FORMAT,
    ".atom": atom.FORMAT,
    ".bib": bibtex.FORMAT,
    ".bibtex": bibtex.FORMAT,
}
READABLE_SUFFIXES = set(_BY_SUFFIX)


@dataclass
class ReadResult:
    papers: list[Paper]
    skipped: list[Skipped] = field(default_factory=list)
    records: int = 0  # papers read before merging duplicates
    files: int = 0


def expand_inputs(inputs: Iterable[Path]) -> list[Path]:
    """Files to read: each file as given, each folder's readable files in sorted order.

    Raises ``InputError`` naming every input that does not exist: a path the
    user typed is never skipped in silence.
    """
    paths = [Path(path) for path in inputs]
    if missing := [str(path) for path in paths if not path.exists()]:
        raise InputError(f"input not found: {', '.join(missing)}")
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.is_file() and _inner_suffix(p) in READABLE_SUFFIXES)
        else:
            files.append(path)
    return files


def source_name(path: Path) -> str:
    """How records of ``path`` name their file: as the user gave it, the bundled sample as ``sample:NAME``.

    >>> source_name(Path("papers/a.jsonl")), source_name(SAMPLE_CORPUS / "000_x.txt")
    ('papers/a.jsonl', 'sample:000_x.txt')
    """
    try:
        return f"sample:{Path(path).resolve().relative_to(SAMPLE_CORPUS.resolve()).as_posix()}"
    except ValueError:
        return str(path)


def _inner_suffix(path: Path) -> str:
    """The suffix that names the format: ``.jsonl`` for ``papers.jsonl.gz``."""
    return Path(path.stem).suffix.lower() if path.suffix.lower() == ".gz" else path.suffix.lower()


def detect_format(path: Path) -> str:
    """The input kind of a file, from its first bytes and else its extension.

    Raises ``InputError`` when neither tells.
    """
    with open_binary(path) as handle:
        head = handle.read(65536).decode("utf-8", errors="replace").removeprefix("\ufeff")
    suffix = _inner_suffix(path)
    start = head.lstrip()
    if start.startswith("["):
        return jsondoc.FORMAT
    if start.startswith("{"):
        return _json_kind(start)
    if start.startswith("<") and atom.sniff(head):
        return atom.FORMAT
    if _BY_SUFFIX.get(suffix) == atom.FORMAT:
        raise InputError(f"{path}: not an Atom feed (kg reads the arXiv API's Atom XML); pass --format")
    if suffix in _BY_SUFFIX:
        return _BY_SUFFIX[suffix]
    if bibtex.sniff(head):
        return bibtex.FORMAT
    if hf_daily.sniff(head):
        return hf_daily.FORMAT
    first = next((line for line in head.splitlines() if line.strip()), "")
    header = {name.strip().lower() for name in first.replace("\t", ",").split(",")}
    if {"title", "abstract"} <= header:
        return "csv"
    raise InputError(f"{path}: cannot tell the input format; pass --format ({', '.join(FORMATS)})")


def _json_kind(text: str) -> str:
    """JSON Lines (one object a line; "arxiv" for the snapshot) or one JSON document over several lines."""
    first_line = text.split("\n", 1)[0]
    try:
        row, end = json.JSONDecoder().raw_decode(text)
    except json.JSONDecodeError as error:
        # Broken on its first line: a JSON Lines record its reader reports; broken later: a document cut by the head.
        return "jsonl" if error.pos <= len(first_line) else jsondoc.FORMAT
    except RecursionError:
        return jsondoc.FORMAT
    if end > len(first_line):
        return jsondoc.FORMAT
    return "arxiv" if isinstance(row, dict) and arxiv.looks_like_arxiv(row) else "jsonl"


def iter_records(path: Path, fmt: str | None = None) -> Iterator[Record]:
    """Every record of one file; a file that cannot be read at all is one ``Skipped`` with line 0.

    Records name their file by ``source_name``.
    """
    name = source_name(path)
    try:
        if path.is_dir():
            raise IsADirectoryError(f"is a directory: {path}")
        if path.stat().st_size == 0:
            yield Skipped(source=name, line=0, reason="empty file")
            return
        with open_binary(path) as handle:
            head = handle.read(8192)
        if not head:
            yield Skipped(source=name, line=0, reason="empty file")
            return
        if reason := binary_reason(head):
            yield Skipped(source=name, line=0, reason=reason)
            return
        reader = FORMATS[fmt or detect_format(path)]
        count = 0
        for record in reader(path):
            count += 1
            yield _named(record, name)
        if count == 0:
            yield Skipped(source=name, line=0, reason="no records found")
    except InputError as error:
        yield Skipped(source=name, line=0, reason=str(error).removeprefix(f"{path}: "))
    except (OSError, EOFError, gzip.BadGzipFile, zlib.error) as error:
        yield Skipped(source=name, line=0, reason=f"cannot read file: {getattr(error, 'strerror', None) or error}")


def _named(record: Record, name: str) -> Record:
    if isinstance(record, Skipped):
        record.source = name
    else:
        record.sources = [SourceRef(file=name, line=source.line) for source in record.sources]
    return record


def read_inputs(
    inputs: Iterable[Path],
    fmt: str | None = None,
    on_record: Callable[[Record], None] | None = None,
) -> ReadResult:
    """Read, validate and deduplicate every paper of ``inputs`` (files or folders).

    ``fmt`` forces one format for every file; ``on_record`` is called once per
    record read (the CLI's progress bar).
    """
    if fmt is not None and fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    files = expand_inputs(inputs)
    papers: list[Paper] = []
    skipped: list[Skipped] = []
    for path in files:
        for record in iter_records(path, fmt):
            (skipped if isinstance(record, Skipped) else papers).append(record)
            if on_record:
                on_record(record)
    return ReadResult(papers=deduplicate(papers), skipped=skipped, records=len(papers), files=len(files))
