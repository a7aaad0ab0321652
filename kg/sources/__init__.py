"""Sources: one reader per input kind, each yielding ``Paper`` or ``Skipped`` records.

``read_inputs`` is the stage's entry point: it expands folders, detects each
file's kind (or takes ``fmt``), streams every reader, reports what it skipped
and merges duplicate papers across all inputs.

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

from kg.errors import InputError
from kg.sources import arxiv, hf_daily, tabular
from kg.sources.dedupe import deduplicate
from kg.sources.lines import open_binary
from kg.sources.records import Record
from kg.types import Paper, Skipped

__all__ = ["FORMATS", "ReadResult", "detect_format", "iter_records", "read_inputs", "expand_inputs"]

Reader = Callable[[Path], Iterator[Record]]

#: Every input kind kg reads, by the name ``--format`` takes.
FORMATS: dict[str, Reader] = {
    hf_daily.FORMAT: hf_daily.read,
    "jsonl": tabular.read_jsonl,
    "csv": tabular.read_csv,
    "arxiv": arxiv.read,
}
_BY_SUFFIX = {".txt": hf_daily.FORMAT, ".csv": "csv", ".tsv": "csv"}
_JSON_SUFFIXES = {".jsonl", ".ndjson", ".json"}
READABLE_SUFFIXES = {*_BY_SUFFIX, *_JSON_SUFFIXES}


@dataclass
class ReadResult:
    papers: list[Paper]
    skipped: list[Skipped] = field(default_factory=list)
    records: int = 0  # papers read before merging duplicates
    files: int = 0


def expand_inputs(inputs: Iterable[Path]) -> list[Path]:
    """Files to read: each file as given, each folder's readable files in sorted order."""
    files: list[Path] = []
    for path in map(Path, inputs):
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.is_file() and _inner_suffix(p) in READABLE_SUFFIXES)
        else:
            files.append(path)
    return files


def _inner_suffix(path: Path) -> str:
    """The suffix that names the format: ``.jsonl`` for ``papers.jsonl.gz``."""
    return Path(path.stem).suffix.lower() if path.suffix.lower() == ".gz" else path.suffix.lower()


def detect_format(path: Path) -> str:
    """The input kind of a file, from its extension and its first bytes.

    Raises ``InputError`` when neither tells.
    """
    suffix = _inner_suffix(path)
    with open_binary(path) as handle:
        head = handle.read(65536).decode("utf-8", errors="replace")
    first = next((line for line in head.splitlines() if line.strip()), "")
    if suffix in _JSON_SUFFIXES or first.lstrip().startswith("{"):
        try:
            row = json.loads(first)
        except json.JSONDecodeError:
            return "jsonl"  # the reader reports the broken line itself
        return "arxiv" if isinstance(row, dict) and arxiv.looks_like_arxiv(row) else "jsonl"
    if suffix in _BY_SUFFIX:
        return _BY_SUFFIX[suffix]
    if hf_daily.sniff(head):
        return hf_daily.FORMAT
    header = {name.strip().lower() for name in first.replace("\t", ",").split(",")}
    if {"title", "abstract"} <= header:
        return "csv"
    raise InputError(f"{path}: cannot tell the input format; pass --format ({', '.join(FORMATS)})")


def iter_records(path: Path, fmt: str | None = None) -> Iterator[Record]:
    """Every record of one file; a file that cannot be read at all is one ``Skipped`` with line 0."""
    try:
        if path.is_dir():
            raise IsADirectoryError(f"is a directory: {path}")
        if path.stat().st_size == 0:
            yield Skipped(source=str(path), line=0, reason="empty file")
            return
        reader = FORMATS[fmt or detect_format(path)]
        count = 0
        for record in reader(path):
            count += 1
            yield record
        if count == 0:
            yield Skipped(source=str(path), line=0, reason="no records found")
    except InputError as error:
        yield Skipped(source=str(path), line=0, reason=str(error).removeprefix(f"{path}: "))
    except (OSError, EOFError, gzip.BadGzipFile, zlib.error) as error:
        yield Skipped(source=str(path), line=0, reason=f"cannot read file: {getattr(error, 'strerror', None) or error}")


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
