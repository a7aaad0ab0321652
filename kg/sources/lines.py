"""Reading an input file line by line, gzip or not, without dying on one bad byte.

Each line is decoded on its own, so a stray non-UTF-8 byte costs the record
that holds it, not the file.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Line:
    number: int  # 1-based
    text: str | None  # None when the line is not valid UTF-8
    error: str | None = None


def open_binary(path: Path):
    """The file's bytes, transparently gunzipped for ``.gz`` paths."""
    return gzip.open(path, "rb") if path.suffix == ".gz" else path.open("rb")


def read_lines(path: Path) -> Iterator[Line]:
    """Yield every line of ``path`` decoded as UTF-8 (a leading BOM is dropped).

    Raises ``OSError`` (or ``gzip.BadGzipFile``) when the file cannot be opened
    or read at all; the caller reports that for the whole file.
    """
    with open_binary(path) as handle:
        for number, raw in enumerate(handle, 1):
            if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            try:
                yield Line(number, raw.decode("utf-8").rstrip("\r\n"))
            except UnicodeDecodeError as error:
                yield Line(number, None, f"invalid UTF-8 at byte {error.start} of the line")
