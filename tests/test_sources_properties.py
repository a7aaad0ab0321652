"""Property: whatever an input file holds, every reader keeps the sources contract.

Hypothesis writes random records (any Unicode, control characters, lone
surrogates, LaTeX, empty, huge and wrongly typed fields) with junk bytes between
them, in every input format kg reads, and reads the file both detected and
forced to that format. Whatever it holds: no exception escapes, every skipped
record says where and why, and every paper read is clean one-line text.
"""

import csv
import io
import json
import re
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.sources import FORMATS, read_inputs
from kg.sources.records import MAX_ABSTRACT_CHARS
from kg.types import Paper

# What XML 1.0 forbids, plus lone surrogates (not UTF-8) and the controls kg turns into spaces.
NOT_CLEAN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")

CONTROLS = st.sampled_from(list("\x00\x01\x02\x07\x0b\x0c\x1b\x7f\x85\x9f\u2028\ufffe\uffff\t\r\n"))
LATEX = st.sampled_from(
    [r"Fr\'echet", r"Schr\"odinger", r"\'{e}", r"{\"u}", "$\\alpha$", "95% of", "\\", "{", "}", "\\v{", "@", "<", "&"]
)
TEXT = st.lists(st.one_of(st.text(max_size=12), CONTROLS, st.characters(categories=["Cs"]), LATEX), max_size=6).map("".join)
HUGE = st.just("A pasted full text. " * 52_000)  # 1,040,000 characters: past spaCy's limit
VALUE = st.one_of(TEXT, TEXT, st.just(""), st.none(), st.integers(), st.floats(allow_nan=False), st.lists(TEXT, max_size=3), HUGE)
RECORD = st.fixed_dictionaries(
    {"title": st.one_of(TEXT, VALUE), "abstract": st.one_of(TEXT, VALUE)},
    optional={
        "id": st.one_of(VALUE, st.sampled_from(["2603.11048v1", "hep-th/9711200", "10.48550/arXiv.1706.03762"])),
        "published": st.one_of(VALUE, st.sampled_from(["2021-02-30", "Feb 21", "2017-06-12T17:57:34Z", "13/13/13"])),
        "year": VALUE,
        "authors": st.one_of(VALUE, st.lists(st.dictionaries(st.sampled_from(["name", "given", "family"]), VALUE), max_size=2)),
        "categories": VALUE,
        "issued": st.one_of(VALUE, st.fixed_dictionaries({"date-parts": st.lists(st.lists(VALUE, max_size=3), max_size=2)})),
        "doi": VALUE,
    },
)
FILES = st.tuples(st.lists(RECORD, max_size=4), st.lists(st.binary(max_size=24), max_size=2))


def _jsonl(records, junk):
    lines = [json.dumps(r, ensure_ascii=i % 2 == 0).encode("utf-8", "surrogatepass") for i, r in enumerate(records)]
    return b"\n".join(lines[:1] + junk + lines[1:])


def _json(records, junk):
    text = json.dumps(records, indent=2, ensure_ascii=False).encode("utf-8", "surrogatepass")
    return text[: len(text) // 2] + b"".join(junk) + text[len(text) // 2 :] if junk else text


def _csv(records, junk):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["title", "abstract", "published"])
    writer.writerows([str(r.get("title")), str(r.get("abstract")), str(r.get("published", ""))] for r in records)
    return buffer.getvalue().encode("utf-8", "surrogatepass") + b"\n".join(junk)


def _hf_daily(records, junk):
    blocks = [f"{r.get('title')}\n\n{r.get('abstract')}" for r in records]
    text = "Get trending papers in your email inbox!\n\nSubscribe\n\n" + "\n\n".join(blocks)
    return text.encode("utf-8", "surrogatepass") + b"".join(junk)


def _atom(records, junk):
    entries = "".join(
        f"<entry><id>{escape(str(r.get('id')))}</id><title>{escape(str(r.get('title')))}</title>"
        f"<summary>{escape(str(r.get('abstract')))}</summary><published>{escape(str(r.get('published')))}</published>"
        f"<author><name>{escape(str(r.get('authors')))}</name></author></entry>\n"
        for r in records
    )
    head = '<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n'
    return (head + entries).encode("utf-8", "surrogatepass") + b"".join(junk) + b"</feed>\n"


def _bibtex(records, junk):
    entries = "".join(
        f"@article{{key{i},\n  title = {{{r.get('title')}}},\n  abstract = {{{r.get('abstract')}}},\n"
        f"  author = {{{r.get('authors')}}},\n  year = {{{r.get('year')}}}\n}}\n\n"
        for i, r in enumerate(records)
    )
    return entries.encode("utf-8", "surrogatepass") + b"".join(junk)


WRITERS = {
    "jsonl": (_jsonl, "papers.jsonl"),
    "arxiv": (_jsonl, "snapshot.jsonl"),
    "json": (_json, "papers.json"),
    "csv": (_csv, "papers.csv"),
    "hf-daily": (_hf_daily, "dump.txt"),
    "atom": (_atom, "query.xml"),
    "bibtex": (_bibtex, "library.bib"),
}


def test_every_format_has_a_writer_here():
    assert set(WRITERS) == set(FORMATS)


def assert_contract(path: Path, fmt: str | None) -> None:
    result = read_inputs([path], fmt=fmt)  # raises nothing: an escaping exception fails the property
    for skipped in result.skipped:
        assert skipped.source == str(path) and skipped.line >= 0 and skipped.reason.strip(), skipped
    for paper in result.papers:
        assert_clean(paper)


def assert_clean(paper: Paper) -> None:
    for text in _strings(paper.model_dump(mode="json")):
        assert not NOT_CLEAN.search(text), (text, paper)
        text.encode("utf-8")
    for text in (paper.title, paper.abstract, *paper.authors, *paper.categories):
        assert text and text == " ".join(text.split()), paper
    assert len(paper.abstract) <= MAX_ABSTRACT_CHARS


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(fmt=st.sampled_from(sorted(WRITERS)), content=FILES)
def test_any_records_in_any_format_are_read_or_skipped_with_a_reason(fmt, content):
    write, name = WRITERS[fmt]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(write(*content))
        assert_contract(path, None)
        assert_contract(path, fmt)


@settings(max_examples=25, deadline=None)
@given(name=st.sampled_from(["a.txt", "a.jsonl", "a.json", "a.csv", "a.xml", "a.bib", "noext"]), data=st.binary(max_size=300))
def test_any_bytes_under_any_name_are_read_or_skipped_with_a_reason(name, data):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        assert_contract(path, None)
