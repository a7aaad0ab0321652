"""JSON Lines, CSV and arXiv snapshot readers, format detection and cross-input merging."""

import gzip
import json

import pytest

from kg.errors import InputError
from kg.sources import detect_format, read_inputs
from kg.sources.records import parse_date

ARXIV_ROWS = [
    {
        "id": "1806.07572",
        "submitter": "Arthur Jacot",
        "authors": "Arthur Jacot, Franck Gabriel, Clément Hongler",
        "title": "Neural Tangent Kernel: Convergence and Generalization in Neural Networks",
        "comments": "NeurIPS 2018",
        "journal-ref": None,
        "doi": None,
        "license": "http://arxiv.org/licenses/nonexclusive-distrib/1.0/",
        "abstract": "  At initialization, artificial neural networks (ANNs) are equivalent to Gaussian\n"
        "processes in the infinite-width limit.\n",
        "versions": [
            {"version": "v1", "created": "Wed, 20 Jun 2018 06:35:30 GMT"},
            {"version": "v2", "created": "Mon, 26 Nov 2018 10:00:00 GMT"},
        ],
        "update_date": "2020-02-11",
        "authors_parsed": [["Jacot", "Arthur", ""], ["Gabriel", "Franck", ""], ["Hongler", "Clément", ""]],
        "categories": "cs.LG cs.NE math.PR stat.ML",
    },
    {
        "id": "math/0211159",
        "authors": "Grisha Perelman",
        "title": "The entropy formula for the Ricci flow and its geometric applications",
        "abstract": "We present a monotonic expression for the Ricci flow.",
        "versions": [{"version": "v1", "created": "Mon, 11 Nov 2002 16:11:49 GMT"}],
        "update_date": "2008-08-24",
        "categories": "math.DG",
    },
]


def write_jsonl(path, rows):
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def test_jsonl_reads_documented_fields_and_keeps_the_rest(tmp_path):
    path = write_jsonl(
        tmp_path / "papers.jsonl",
        [
            {
                "id": "2106.09685",
                "title": "LoRA: Low-Rank Adaptation of Large Language Models",
                "abstract": "We propose LoRA.",
                "date": "2021-06-17",
                "authors": ["Edward J. Hu", "Yelong Shen"],
                "url": "https://arxiv.org/abs/2106.09685",
                "venue": "ICLR",
            },
            {
                "id": "internal-7",
                "title": "Our Own Paper",
                "abstract": "Text.",
                "authors": "A. One; B. Two; C. Three",
                "date": "Feb 21",
            },
        ],
    )
    first, second = read_inputs([path]).papers
    assert (first.id, first.arxiv_id, first.year, first.authors, first.authors_count) == (
        "2106.09685",
        "2106.09685",
        2021,
        ["Edward J. Hu", "Yelong Shen"],
        2,
    )
    assert first.extra == {"venue": "ICLR"}
    assert (second.id, second.authors_count, second.month, second.day, second.year) == ("internal-7", 3, 2, 21, None)


def test_csv_reads_a_header_row_and_quoted_multiline_abstracts(tmp_path):
    path = tmp_path / "papers.csv"
    path.write_text(
        "id,title,abstract,date,authors,upvotes\n"
        "1706.03762,Attention Is All You Need,"
        '"The dominant sequence transduction models.\nWe propose the Transformer.",2017-06-12,"Ashish Vaswani; Noam Shazeer",12\n'
        ',"A title, with a comma",An abstract.,,,\n',
        encoding="utf-8",
    )
    result = read_inputs([path])
    attention, comma = result.papers
    assert attention.abstract == "The dominant sequence transduction models. We propose the Transformer."
    assert (attention.id, attention.authors_count, attention.extra) == ("1706.03762", 2, {"upvotes": "12"})
    assert comma.title == "A title, with a comma" and comma.id.startswith("t-")
    assert [s.line for p in result.papers for s in p.sources] == [2, 4]


def test_arxiv_snapshot_streams_gzip_and_takes_the_first_version_date(tmp_path):
    path = tmp_path / "arxiv-metadata-oai-snapshot.json.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.writelines(json.dumps(row) + "\n" for row in ARXIV_ROWS)
    assert detect_format(path) == "arxiv"
    ntk, perelman = read_inputs([path]).papers
    assert ntk.id == "1806.07572" and str(ntk.published) == "2018-06-20"
    assert ntk.authors == ["Arthur Jacot", "Franck Gabriel", "Clément Hongler"]
    assert ntk.categories == ["cs.LG", "cs.NE", "math.PR", "stat.ML"]
    assert ntk.abstract.startswith("At initialization") and "\n" not in ntk.abstract
    assert ntk.extra["comments"] == "NeurIPS 2018" and "doi" not in ntk.extra
    assert perelman.id == "math/0211159" and perelman.authors == ["Grisha Perelman"]


def test_the_same_paper_from_arxiv_and_a_daily_papers_dump_merges_into_one(tmp_path):
    from conftest import sample_file

    snapshot = write_jsonl(tmp_path / "snapshot.jsonl", ARXIV_ROWS[:1])
    result = read_inputs([sample_file("004"), snapshot])
    matches = [p for p in result.papers if p.title.startswith("Neural Tangent Kernel")]
    assert len(matches) == 1
    ntk = matches[0]
    assert (ntk.id, ntk.authors_count, len(ntk.authors), len(ntk.sources)) == ("1806.07572", 3, 3, 2)
    assert result.records == 30 and len(result.papers) == 29


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("a.jsonl", '{"title": "t", "abstract": "a"}\n', "jsonl"),
        ("a.json", json.dumps(ARXIV_ROWS[1]) + "\n", "arxiv"),
        ("noext", json.dumps(ARXIV_ROWS[1]) + "\n", "arxiv"),
        ("a.csv", "title,abstract\nt,a\n", "csv"),
        ("a.tsv", "title\tabstract\nt\ta\n", "csv"),
        ("a.txt", "Get trending papers in your email inbox!\nT\nA\n", "hf-daily"),
        ("dump", "new\n\nGet trending papers in your email inbox!\n", "hf-daily"),
        ("table", "id,title,abstract\n1,t,a\n", "csv"),
    ],
)
def test_format_is_detected_from_extension_and_content(tmp_path, name, content, expected):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    assert detect_format(path) == expected


def test_an_unrecognisable_file_asks_for_format(tmp_path):
    path = tmp_path / "mystery.bin"
    path.write_text("just some words\n")
    with pytest.raises(InputError, match="pass --format"):
        detect_format(path)


def test_format_override_reads_an_unknown_extension(tmp_path):
    path = write_jsonl(tmp_path / "papers.data", [{"title": "T", "abstract": "A"}])
    assert len(read_inputs([path], fmt="jsonl").papers) == 1
    with pytest.raises(InputError, match="unknown format"):
        read_inputs([path], fmt="xml")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Jun 20, 2018", (2018, 6, 20)), ("Sep 30", (None, 9, 30)), ("2024-02-29", (2024, 2, 29)), ("2019", (2019, None, None))],
)
def test_dates_in_every_layout(text, expected):
    _, year, month, day = parse_date(text)
    assert (year, month, day) == expected


def test_impossible_dates_are_errors():
    with pytest.raises(ValueError):
        parse_date("Feb 30")
    with pytest.raises(ValueError):
        parse_date("yesterday")
