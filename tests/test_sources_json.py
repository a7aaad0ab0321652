"""JSON documents: pretty-printed arrays, objects holding lists of records, and Zotero's CSL-JSON."""

import datetime as dt
import json
from pathlib import Path

import pytest
from conftest import run_kg

from kg.graph import read_graph
from kg.sources import detect_format, read_inputs

DATA = Path(__file__).parent / "data" / "sources"

#: Records as an arXiv export writes them: versioned ids, ISO timestamps, lists of authors and categories.
ARXIV_RECORDS = [
    {
        "id": "2603.11048v1",
        "arxiv_id": "2603.11048",
        "title": "Evaluating Performance Drift from Model Switching in Multi-Turn LLM Systems",
        "summary": "Deployed multi-turn LLM systems routinely switch models mid-interaction.",
        "published": "2026-03-11T17:59:58Z",
        "authors": [{"name": "Ana Silva"}, {"name": "Wei Zhang"}],
        "categories": ["cs.CL", "cs.AI"],
    },
    {
        "id": "2106.09685v2",
        "title": "LoRA: Low-Rank Adaptation of Large Language Models",
        "abstract": "We propose Low-Rank Adaptation, or LoRA, which freezes the pre-trained model weights.",
        "year": 2021,
        "authors": ["Edward J. Hu", "Yelong Shen"],
        "categories": "cs.CL cs.LG",
    },
    {
        "id": "internal-7",
        "title": "Our Own Paper",
        "abstract": "We study things.",
        "date": "2024-02",
        "authors": "A. One; B. Two",
    },
]


def write_array(path, records, indent=2):
    path.write_text(json.dumps(records, indent=indent, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_pretty_printed_array_is_read_by_content_with_ids_versions_and_dates(tmp_path):
    path = write_array(tmp_path / "export.json", ARXIV_RECORDS)
    assert detect_format(path) == "json"
    result = read_inputs([path])
    drift, lora, own = result.papers
    assert result.skipped == []
    assert (drift.id, drift.arxiv_id, drift.extra["arxiv_version"], drift.published) == (
        "2603.11048",
        "2603.11048",
        "v1",
        dt.date(2026, 3, 11),
    )
    assert drift.authors == ["Ana Silva", "Wei Zhang"] and drift.categories == ["cs.CL", "cs.AI"]
    assert drift.abstract.startswith("Deployed multi-turn")  # from "summary"
    assert (lora.id, lora.extra["arxiv_version"], lora.year, lora.published) == ("2106.09685", "v2", 2021, None)
    assert lora.categories == ["cs.CL", "cs.LG"]
    assert (own.id, own.year, own.month, own.authors) == ("internal-7", 2024, 2, ["A. One", "B. Two"])
    assert [s.line for p in result.papers for s in p.sources] == [2, 21, 32]


def test_an_object_holding_a_list_of_records_is_read(tmp_path):
    path = tmp_path / "semantic_scholar.json"
    payload = {
        "total": 2,
        "offset": 0,
        "data": [
            {
                "paperId": "204e3073870fae3d05bcbc2f6a8e263d9b72e776",
                "externalIds": {"ArXiv": "1706.03762", "DOI": "10.48550/arXiv.1706.03762"},
                "title": "Attention is All you Need",
                "abstract": "The dominant sequence transduction models are based on complex recurrent networks.",
                "publicationDate": "2017-06-12",
                "authors": [{"authorId": "40348417", "name": "Ashish Vaswani"}],
            },
            {"paperId": "x", "title": "No abstract here", "abstract": None},
        ],
    }
    path.write_text(json.dumps(payload, indent=1), encoding="utf-8")
    result = read_inputs([path])
    [paper] = result.papers
    assert (paper.id, str(paper.published), paper.authors) == ("1706.03762", "2017-06-12", ["Ashish Vaswani"])
    assert paper.extra["doi"] == "10.48550/arxiv.1706.03762" and paper.extra["paperId"].startswith("204e")
    assert [(s.line, s.reason) for s in result.skipped] == [(21, "missing abstract")]


def test_zotero_csl_json_reads_issued_author_and_doi():
    result = read_inputs([DATA / "zotero_export.csl.json"])
    attention, causal, resnet = result.papers
    assert (attention.id, str(attention.published), attention.extra["doi"]) == (
        "1706.03762",
        "2023-08-01",
        "10.48550/arxiv.1706.03762",
    )
    assert attention.authors == ["Ashish Vaswani", "Noam Shazeer", "Niki Parmar"]
    assert (causal.year, causal.month, causal.published) == (2021, 5, None)
    assert causal.authors == ["Bernhard Schölkopf", "Francesco Locatello", "MILA"]
    assert causal.extra["container-title"] == "Proceedings of the IEEE"
    assert (resnet.year, resnet.extra["doi"]) == (2016, "10.1109/cvpr.2016.90")
    assert [(s.line, s.reason) for s in result.skipped] == [(80, "missing abstract")]  # the book has none


def test_a_broken_record_in_a_pretty_printed_array_costs_only_that_record(tmp_path):
    path = write_array(tmp_path / "export.json", ARXIV_RECORDS)
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[22] == '    "title": "LoRA: Low-Rank Adaptation of Large Language Models",'
    lines[22] = '    "title": "LoRA: Low-Rank Adaptation of Large Language Models,'  # its closing quote lost
    path.write_text("\n".join(lines), encoding="utf-8")
    result = read_inputs([path])
    assert [p.id for p in result.papers] == ["2603.11048", "internal-7"]
    [skipped] = result.skipped
    assert (skipped.line, skipped.reason) == (21, "invalid JSON: Invalid control character at line 23 column 66")


def test_a_truncated_array_keeps_what_came_before_the_cut(tmp_path):
    path = write_array(tmp_path / "export.json", ARXIV_RECORDS)
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index('"id": "internal-7"')], encoding="utf-8")
    result = read_inputs([path])
    assert [p.id for p in result.papers] == ["2603.11048", "2106.09685"]
    assert [s.reason.split(":")[0] for s in result.skipped] == ["invalid JSON"]


def test_a_minified_array_with_a_broken_record_reports_the_unread_rest(tmp_path):
    path = tmp_path / "export.json"
    good = json.dumps(ARXIV_RECORDS[0])
    path.write_text(f'[{good}, {{"title": 1 2}}, {good}]', encoding="utf-8")
    result = read_inputs([path])
    assert len(result.papers) == 1
    assert [s.reason for s in result.skipped] == [
        "invalid JSON: Expecting ',' delimiter at line 1 column 369",
        "the rest of the file could not be read after the broken record",
    ]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('[\n  {"title": "t", "abstract": "a"}\n]\n', "json"),
        ('{\n  "papers": []\n}\n', "json"),
        ('{"papers": [\n{"title": "t"}]}\n', "json"),
        ('{"title": "t", "abstract": "a"}\n{"title": "u", "abstract": "b"}\n', "jsonl"),
        ('{"title": "Two", "abstr\n{"title": "t", "abstract": "a"}\n', "jsonl"),
    ],
)
def test_json_or_json_lines_is_told_by_content_whatever_the_extension(tmp_path, content, expected):
    path = tmp_path / "papers.json"
    path.write_text(content, encoding="utf-8")
    assert detect_format(path) == expected


def test_kg_build_reads_a_pretty_printed_arxiv_array_with_ids_and_dates(tmp_path):
    write_array(tmp_path / "arxiv.json", ARXIV_RECORDS)
    result = run_kg("build", "arxiv.json", "--no-keyphrases", "--quiet", "--out", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    papers = {node: data for node, data in read_graph(tmp_path / "out").nodes(data=True) if data["label"] == "Paper"}
    assert sorted(papers) == ["2106.09685", "2603.11048", "internal-7"]
    assert (papers["2603.11048"]["published"], papers["2603.11048"]["sources"]) == ("2026-03-11", ["arxiv.json:2"])
    assert (papers["2106.09685"]["year"], papers["internal-7"]["month"]) == (2021, 2)
    assert json.loads((tmp_path / "out" / "summary.json").read_text())["skipped"] == []
