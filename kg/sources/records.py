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
from email.utils import parsedate_to_datetime
from typing import Any

from kg.sources.text import clean_text, clean_value
from kg.types import Paper, Skipped, SourceRef

Record = Paper | Skipped

_URL = re.compile(r"\bhttps?://[^\s<>\"'\\]+", re.IGNORECASE)
# Hosts whose links are code, not papers or project pages.
_CODE_HOSTS = ("github.com", "gitlab.com", "bitbucket.org", "huggingface.co/spaces", "codeberg.org")
# An arXiv id alone ("2106.09685v2", "arXiv:hep-th/9901001") or in an arXiv URL, OAI id or arXiv DOI.
_ARXIV_ID = re.compile(
    r"(?:arxiv:|oai:arxiv\.org:|https?://(?:www\.|export\.)?arxiv\.org/(?:abs|pdf)/|(?:https?://(?:dx\.)?doi\.org/)?10\.48550/arxiv\.)?"
    r"(?P<id>\d{4}\.\d{4,5}|[a-z][a-z.\-]+/\d{7})(?:v(?P<version>\d+))?(?:\.pdf)?/?",
    re.IGNORECASE,
)
#: The longest abstract kg reads, in characters. arXiv caps abstracts at 1,920 and journals
#: structured abstracts stay under 5,000; a longer one is a pasted full text, which spaCy
#: refuses past 1,000,000 characters and which would flood the graph with one paper's terms.
MAX_ABSTRACT_CHARS = 50_000
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
    >>> parse_arxiv_id("hep-th/9901001") , parse_arxiv_id("not an id"), parse_arxiv_id("https://example.org/1806.07572")
    ('hep-th/9901001', None, None)
    """
    return split_arxiv_id(value)[0]


def split_arxiv_id(value: str | None) -> tuple[str | None, str | None]:
    """``(id, version)`` of an arXiv id, URL, OAI identifier or arXiv DOI; ``(None, None)`` for anything else.

    >>> split_arxiv_id("2603.11048v1"), split_arxiv_id("10.48550/arXiv.1706.03762")
    (('2603.11048', 'v1'), ('1706.03762', None))
    """
    match = _ARXIV_ID.fullmatch(value.strip()) if value else None
    if not match:
        return None, None
    return match.group("id"), f"v{match.group('version')}" if match.group("version") else None


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
    """``(published, year, month, day)`` from an ISO date, "Jun 20, 2018", "Feb 21" or an e-mail date.

    A date without a year keeps its month and day and leaves the rest empty.
    Raises ``ValueError`` naming the date when it is none of these or impossible.

    >>> parse_date("Jun 20, 2018")
    (datetime.date(2018, 6, 20), 2018, 6, 20)
    >>> parse_date("Feb 21")
    (None, None, 2, 21)
    >>> parse_date("2023-05-01T12:00:00Z")
    (datetime.date(2023, 5, 1), 2023, 5, 1)
    >>> parse_date("2021"), parse_date(2021)
    ((None, 2021, None, None), (None, 2021, None, None))
    >>> parse_date("Wed, 20 Jun 2018 06:35:30 GMT")
    (datetime.date(2018, 6, 20), 2018, 6, 20)
    """
    if value is None or value == "":
        return None, None, None, None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value, value.year, value.month, value.day
    text = str(value).strip()
    try:
        return _parse_date_text(text)
    except ValueError as error:
        if str(error).startswith("unrecognised"):
            raise
        raise ValueError(f"impossible date {text!r}: {error}") from None


def _parse_date_text(text: str) -> tuple[dt.date | None, int | None, int | None, int | None]:
    if match := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?", text):
        year, month, day = map(int, match.groups())
        return dt.date(year, month, day), year, month, day
    if match := re.fullmatch(r"(\d{4})(?:-(\d{1,2}))?", text):
        month = int(match.group(2)) if match.group(2) else None
        if month is not None and not 1 <= month <= 12:
            raise ValueError("month must be in 1..12")
        return None, int(match.group(1)), month, None
    if match := re.fullmatch(r"([A-Za-z]{3})[a-z]*\.? (\d{1,2})(?:, (\d{4}))?", text):
        month = _MONTHS.get(match.group(1).lower())
        if month is None:
            raise ValueError(f"unknown month {match.group(1)!r}")
        day = int(match.group(2))
        if match.group(3):
            year = int(match.group(3))
            return dt.date(year, month, day), year, month, day
        dt.date(2000, month, day)  # validates the day against a leap year
        return None, None, month, day
    if re.fullmatch(r"[A-Za-z]{3}, \d{1,2} [A-Za-z]{3} \d{4} .*", text):  # RFC 2822, as arXiv's version dates
        date = parsedate_to_datetime(text).date()
        return date, date.year, date.month, date.day
    raise ValueError(f"unrecognised date {text!r}")


def month_number(value: Any) -> int | None:
    """A month as a number from 8, "8", "aug" or "August"; ``None`` when it is none of these.

    >>> month_number("Aug"), month_number("08"), month_number(13)
    (8, 8, None)
    """
    text = str(value).strip().lower()
    number = int(text) if text.isdigit() else _MONTHS.get(text[:3]) if text[:3].isalpha() else None
    return number if number is not None and 1 <= number <= 12 else None


def make_paper(
    *,
    source: SourceRef,
    title: Any,
    abstract: Any,
    arxiv_id: str | None = None,
    own_id: str | None = None,
    date: Any = None,
    authors: Iterable[Any] | None = None,
    authors_count: int | None = None,
    url: str | None = None,
    categories: Iterable[Any] | None = None,
    extra: dict[str, Any] | None = None,
    upvotes: int | None = None,
) -> Record:
    r"""A validated ``Paper``, or a ``Skipped`` saying which field is missing or wrong.

    Every string is cleaned here (``kg.sources.text.clean_text``), the one place
    all readers go through. The paper's id is its arXiv id when one is known
    (its version, as in ``2603.11048v1``, goes to ``extra["arxiv_version"]``),
    else ``own_id`` (an id the input gave), else a hash of the normalized title.
    An abstract over ``MAX_ABSTRACT_CHARS`` is skipped: it is a full text.

    >>> paper = make_paper(source=SourceRef(file="a.jsonl", line=3), title="Fr\\'echet\x00 Nets",
    ...                    abstract="We propose FN.", arxiv_id="2603.11048v2")
    >>> paper.id, paper.title, paper.extra
    ('2603.11048', 'Fréchet Nets', {'arxiv_version': 'v2'})
    >>> make_paper(source=SourceRef(file="a.jsonl", line=4), title="Book", abstract="x" * 60_000).reason
    'abstract of 60,000 characters is over the 50,000-character limit (a full text, not an abstract?)'
    """
    title_text = _one_line(title)
    abstract_text = _one_line(abstract)
    if not title_text:
        return Skipped(source=source.file, line=source.line, reason="missing title")
    if not abstract_text:
        return Skipped(source=source.file, line=source.line, reason="missing abstract")
    if len(abstract_text) > MAX_ABSTRACT_CHARS:
        reason = (
            f"abstract of {len(abstract_text):,} characters is over the {MAX_ABSTRACT_CHARS:,}-character limit"
            " (a full text, not an abstract?)"
        )
        return Skipped(source=source.file, line=source.line, reason=reason)
    try:
        published, year, month, day = parse_date(date)
    except ValueError as error:
        return Skipped(source=source.file, line=source.line, reason=str(error))
    url_text = _one_line(url) or None
    arxiv, version = split_arxiv_id(_one_line(arxiv_id))
    if arxiv is None:
        arxiv, version = split_arxiv_id(url_text)
    author_list = [name for name in map(_one_line, authors or ()) if name]
    links = find_links(abstract_text)
    extra = clean_value(dict(extra or {}))
    if version:
        extra.setdefault("arxiv_version", version)
    return Paper(
        id=arxiv or _one_line(own_id) or title_id(title_text),
        title=title_text,
        abstract=abstract_text,
        published=published,
        year=year,
        month=month,
        day=day,
        authors=author_list,
        authors_count=authors_count if authors_count is not None else (len(author_list) or None),
        upvotes=upvotes,
        url=url_text or (f"https://arxiv.org/abs/{arxiv}" if arxiv else None),
        links=links,
        code_links=[link for link in links if is_code_link(link)],
        categories=list(dict.fromkeys(name for name in map(_one_line, categories or ()) if name)),
        arxiv_id=arxiv,
        sources=[source],
        extra=extra,
    )


def _one_line(value: Any) -> str:
    """Clean text on one line, runs of whitespace made one space."""
    return " ".join(clean_text(value).split())
