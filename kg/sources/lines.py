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


def read_text(path: Path) -> tuple[str, set[int]]:
    """The whole file as text and the numbers of the lines that held invalid UTF-8.

    For readers that need the whole document (a JSON array, BibTeX): a leading
    BOM is dropped and each invalid byte becomes U+FFFD, so the caller can skip
    just the records on those lines.
    """
    with open_binary(path) as handle:
        data = handle.read().removeprefix(b"\xef\xbb\xbf")
    try:
        return data.decode("utf-8"), set()
    except UnicodeDecodeError:
        pass
    bad = set()
    for number, raw in enumerate(data.split(b"\n"), 1):
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            bad.add(number)
    return data.decode("utf-8", errors="replace"), bad


def binary_reason(head: bytes) -> str | None:
    """Why a file whose first bytes are ``head`` is not text, or ``None`` when it is.

    Binary when more than a tenth of its first 8 KB are control bytes or not
    UTF-8: a compressed or image file is mostly both, while a text file with a
    stray bad byte is not (its reader skips just that record). UTF-16 is named,
    since re-saving it as UTF-8 is the fix.

    >>> binary_reason(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00\\x00\\rIHDR\\x00\\x00\\x01"), binary_reason("Fréchet\\n".encode())
    ('a binary file, not text', None)
    >>> binary_reason("title".encode("utf-16"))
    'UTF-16 text; save it as UTF-8'
    """
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16 text; save it as UTF-8"
    text = head[:8192].decode("utf-8", errors="replace")
    bad = sum(1 for char in text if char == "\ufffd" or (char < " " and char not in "\t\n\r\f") or char == "\x7f")
    return "a binary file, not text" if text and bad > len(text) / 10 else None
