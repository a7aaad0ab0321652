"""Helpers every reader shares: turning raw fields into a ``Paper`` or a ``Skipped``.

Readers stay small by handing their raw values to ``make_paper``, which owns the
rules: a paper needs a title and an abstract; ids come from arXiv where known,
else from the normalized title; links are pulled out of the abstract.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from kg.types import Paper, Skipped, SourceRef

Record = Paper | Skipped

_URL = re.compile(r"\bhttps?://[^\s<>\"'\\]+", re.IGNORECASE)
# Hosts whose links are code, not papers or project pages.
_CODE_HOSTS = ("github.com", "gitlab.com", "bitbucket.org", "huggingface.co/spaces", "codeberg.org")
_ARXIV_ID = re.compile(
    r"(?:arxiv\.org/(?:abs|pdf)/|arxiv:)?(?P<id>\d{4}\.\d{4,5}|[a-z][a-z.\-]+/\d{7})(?:v\d+)?(?:\.pdf)?$",
    re.IGNORECASE,
)
_MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}


def normalize_title(title: str) -> str:
    """The form of a title used to find the same paper twice.

    >>> normalize_title("  Attention Is All You Need! ")
    'attention is all you need'
    >>> normalize_title("Self-Supervised  Learning") == normalize_title("self supervised learning")
    True
    """
    text = unicodedata.normalize("NFKC", title).casefold()
    text = re.sub(r"[^\w]+", " ", text)
    return " ".join(text.split())


def title_id(title: str) -> str:
    """A stable id for a paper known only by its title.

    >>> title_id("Layer Normalization")
    't-94379e82a0fa5166'
    """
    return "t-" + hashlib.sha256(normalize_title(title).encode()).hexdigest()[:16]


def parse_arxiv_id(value: str | None) -> str | None:
    """An arXiv identifier without its version, from an id or an arXiv URL.

    >>> parse_arxiv_id("https://arxiv.org/abs/1806.07572v4")
    '1806.07572'
    >>> parse_arxiv_id("hep-th/9901001") , parse_arxiv_id("not an id")
    ('hep-th/9901001', None)
    """
    if not value:
        return None
    match = _ARXIV_ID.search(value.strip())
    return match.group("id") if match else None


def find_links(text: str) -> list[str]:
    """URLs in a text, without the sentence punctuation glued to their end.

    >>> find_links("Code: https://github.com/clovaai/AdamP. See (https://x.org/a).")
    ['https://github.com/clovaai/AdamP', 'https://x.org/a']
    """
    links = []
    for raw in _URL.findall(text):
        url = raw.rstrip(".,;:!?")
        if url.endswith(")") and url.count("(") < url.count(")"):
            url = url[:-1]
        if url not in links:
            links.append(url)
    return links


def is_code_link(url: str) -> bool:
    lowered = url.lower()
    return any(f"//{host}" in lowered or f".{host}" in lowered or f"//www.{host}" in lowered for host in _CODE_HOSTS)


def parse_date(value: Any) -> tuple[dt.date | None, int | None, int | None, int | None]:
    """``(published, year, month, day)`` from an ISO date, "Jun 20, 2018" or "Feb 21".

    A date without a year keeps its month and day and leaves the rest empty.

    >>> parse_date("Jun 20, 2018")
    (datetime.date(2018, 6, 20), 2018, 6, 20)
    >>> parse_date("Feb 21")
    (None, None, 2, 21)
    >>> parse_date("2023-05-01T12:00:00Z")
    (datetime.date(2023, 5, 1), 2023, 5, 1)
    >>> parse_date("2021")
    (None, 2021, None, None)
    """
    if value is None or value == "":
        return None, None, None, None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value, value.year, value.month, value.day
    text = str(value).strip()
    if match := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?", text):
        year, month, day = map(int, match.groups())
        date = dt.date(year, month, day)
        return date, year, month, day
    if match := re.fullmatch(r"(\d{4})(?:-(\d{1,2}))?", text):
        year = int(match.group(1))
        return None, year, int(match.group(2)) if match.group(2) else None, None
    if match := re.fullmatch(r"([A-Za-z]{3})[a-z]*\.? (\d{1,2})(?:, (\d{4}))?", text):
        month = _MONTHS.get(match.group(1).lower())
        if month is None:
            raise ValueError(f"unknown month in date {text!r}")
        day = int(match.group(2))
        if match.group(3):
            year = int(match.group(3))
            return dt.date(year, month, day), year, month, day
        dt.date(2000, month, day)  # validates the day against a leap year
        return None, None, month, day
    raise ValueError(f"unrecognised date {text!r}")


def make_paper(
    *,
    source: SourceRef,
    title: Any,
    abstract: Any,
    arxiv_id: str | None = None,
    own_id: str | None = None,
    date: Any = None,
    authors: Iterable[str] | None = None,
    authors_count: int | None = None,
    url: str | None = None,
    **fields: Any,
) -> Record:
    """A validated ``Paper``, or a ``Skipped`` saying which field is missing or wrong.

    The paper's id is its arXiv id when one is known, else ``own_id`` (an id the
    input gave), else a hash of the normalized title.
    """
    title_text = " ".join(str(title or "").split())
    abstract_text = " ".join(str(abstract or "").split())
    if not title_text:
        return Skipped(source=source.file, line=source.line, reason="missing title")
    if not abstract_text:
        return Skipped(source=source.file, line=source.line, reason="missing abstract")
    try:
        published, year, month, day = parse_date(date)
    except ValueError as error:
        return Skipped(source=source.file, line=source.line, reason=str(error))
    arxiv = parse_arxiv_id(arxiv_id) or parse_arxiv_id(url)
    author_list = [name for name in (a.strip() for a in authors or ()) if name]
    links = find_links(abstract_text)
    return Paper(
        id=arxiv or own_id or title_id(title_text),
        title=title_text,
        abstract=abstract_text,
        published=published,
        year=year,
        month=month,
        day=day,
        authors=author_list,
        authors_count=authors_count if authors_count is not None else (len(author_list) or None),
        url=url or (f"https://arxiv.org/abs/{arxiv}" if arxiv else None),
        links=links,
        code_links=[link for link in links if is_code_link(link)],
        arxiv_id=arxiv,
        sources=[source],
        **fields,
    )
