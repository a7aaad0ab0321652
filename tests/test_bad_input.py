"""Bad input is reported with file, line and reason, skipped, and the rest goes on."""

import gzip
import json

import pytest
from conftest import run_kg, sample_file

from kg.errors import InputError
from kg.sources import read_inputs
from kg.sources.hf_daily import read as read_dump
from kg.types import Paper, Skipped


def skipped_of(*paths):
    return [(s.source.rsplit("/", 1)[-1], s.line, s.reason) for s in read_inputs(list(paths)).skipped]


def test_a_missing_input_is_an_error_naming_it_before_anything_is_read(tmp_path):
    read = []
    with pytest.raises(InputError, match=r"input not found: .*nope\.jsonl, .*typo\.jsonl$"):
        read_inputs([sample_file("004"), tmp_path / "nope.jsonl", tmp_path / "typo.jsonl"], on_record=read.append)
    assert read == []


def test_build_with_a_mistyped_input_fails_and_writes_nothing(tmp_path):
    (tmp_path / "good.jsonl").write_text(json.dumps({"title": "T", "abstract": "We propose X."}) + "\n")
    result = run_kg("build", "good.jsonl", "typo.jsonl", "--out", "out", "--no-keyphrases", cwd=tmp_path)
    assert result.returncode == 1
    assert "error: input not found: typo.jsonl" in result.stderr
    assert not (tmp_path / "out").exists()


def test_an_empty_file_is_reported(tmp_path):
    (tmp_path / "empty.jsonl").write_bytes(b"")
    assert skipped_of(tmp_path / "empty.jsonl") == [("empty.jsonl", 0, "empty file")]


def test_a_file_without_records_is_reported(tmp_path):
    (tmp_path / "blank.jsonl").write_text("\n\n")
    assert skipped_of(tmp_path / "blank.jsonl") == [("blank.jsonl", 0, "no records found")]


def test_a_corrupt_gzip_is_reported(tmp_path):
    (tmp_path / "broken.jsonl.gz").write_bytes(gzip.compress(b'{"title": "t"}\n' * 50)[:40])
    [(name, line, reason)] = skipped_of(tmp_path / "broken.jsonl.gz")
    assert (name, line) == ("broken.jsonl.gz", 0) and reason.startswith("cannot read file")


def test_a_truncated_json_line_is_skipped_and_the_next_line_read(tmp_path):
    path = tmp_path / "papers.jsonl"
    path.write_text('{"title": "One", "abstract": "First."}\n{"title": "Two", "abstr\n{"title": "Three", "abstract": "Third."}\n')
    result = read_inputs([path])
    assert [p.title for p in result.papers] == ["One", "Three"]
    assert [(s.line, s.reason.split(":")[0]) for s in result.skipped] == [(2, "invalid JSON")]


def test_missing_title_or_abstract_is_reported_per_record(tmp_path):
    path = tmp_path / "papers.jsonl"
    rows = [{"title": "", "abstract": "No title."}, {"title": "No abstract"}, {"title": "Fine", "abstract": "Yes."}, [1, 2]]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    assert skipped_of(path) == [
        ("papers.jsonl", 1, "missing title"),
        ("papers.jsonl", 2, "missing abstract"),
        ("papers.jsonl", 4, "expected a JSON object, found list"),
    ]


def test_invalid_utf8_costs_only_the_record_that_holds_it(tmp_path):
    lines = sample_file("004").read_bytes().split(b"\n")
    assert lines[38].startswith(b"Knowledge distillation (KD)")  # the abstract of the 4th paper
    lines[38] = lines[38].replace(b"Knowledge", b"Know\xffledge", 1)
    path = tmp_path / "dump.txt"
    path.write_bytes(b"\n".join(lines))
    records = list(read_dump(path))
    assert [r for r in records if isinstance(r, Skipped)] == [
        Skipped(source=str(path), line=39, reason="invalid UTF-8 at byte 4 of the line")
    ]
    assert sum(isinstance(r, Paper) for r in records) == 28


def test_a_dump_cut_after_a_title_reports_the_missing_abstract(tmp_path):
    lines = sample_file("001").read_text(encoding="utf-8").split("\n")
    path = tmp_path / "cut.txt"
    path.write_text("\n".join(lines[:11]), encoding="utf-8")  # chrome, four records, one lone title
    records = list(read_dump(path))
    assert sum(isinstance(r, Paper) for r in records) == 4
    assert records[-1] == Skipped(source=str(path), line=11, reason="missing abstract")


def test_a_dump_that_lost_an_abstract_midway_gets_back_in_step(tmp_path):
    lines = sample_file("001").read_text(encoding="utf-8").split("\n")
    del lines[5]  # the abstract of the second paper, on line 6
    path = tmp_path / "gap.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    records = list(read_dump(path))
    assert [r for r in records if isinstance(r, Skipped)] == [Skipped(source=str(path), line=5, reason="missing abstract")]
    assert sum(isinstance(r, Paper) for r in records) == 216
    assert records[2].title.startswith('No "Zero-Shot" Without Exponential Data')


def test_csv_rows_with_bad_encoding_or_wrong_width_are_skipped(tmp_path):
    path = tmp_path / "papers.csv"
    path.write_bytes(b'title,abstract\nGood,"Fine."\nBad,"caf\xe9"\nWide,a,b\n"Also good","Multi\nline."\n')
    result = read_inputs([path])
    assert [p.title for p in result.papers] == ["Good", "Also good"]
    assert [(s.line, s.reason) for s in result.skipped] == [
        (3, "invalid UTF-8 at byte 8 of the line"),
        (4, "expected 2 columns, found 3"),
    ]


def test_a_csv_without_title_and_abstract_columns_is_reported(tmp_path):
    path = tmp_path / "papers.csv"
    path.write_text("name,text\na,b\n")
    assert skipped_of(path) == [("papers.csv", 1, "CSV header must name 'title' and 'abstract' columns")]


def test_build_lists_skipped_records_in_the_summary_and_succeeds(tmp_path):
    good = tmp_path / "good.jsonl"
    good.write_text(
        json.dumps({"title": "Deep Residual Learning", "abstract": "We evaluate residual nets on ImageNet."}) + "\n{broken\n"
    )
    (tmp_path / "empty.csv").write_text("")
    result = run_kg("build", str(good), str(tmp_path / "empty.csv"), "--out", "out", "--quiet", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    summary = json.loads((tmp_path / "out" / "summary.json").read_text())
    assert summary["papers"] == 1
    assert [(s["source"].rsplit("/", 1)[-1], s["line"]) for s in summary["skipped"]] == [("good.jsonl", 2), ("empty.csv", 0)]


def test_build_fails_when_nothing_could_be_read_and_writes_nothing(tmp_path):
    (tmp_path / "empty.jsonl").write_text("")
    (tmp_path / "broken.csv.gz").write_bytes(gzip.compress(b"title,abstract\n" * 50)[:30])
    result = run_kg("build", "empty.jsonl", "broken.csv.gz", "--out", "out", cwd=tmp_path)
    assert result.returncode == 1
    assert "no paper could be read" in result.stderr
    assert "empty.jsonl:0: empty file" in result.stderr and "broken.csv.gz:0: cannot read file" in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("strict", [False, True])
def test_strict_turns_any_skipped_record_into_failure(tmp_path, strict):
    path = tmp_path / "papers.jsonl"
    path.write_text(json.dumps({"title": "T", "abstract": "We propose X."}) + "\n" + json.dumps({"title": "No abstract"}) + "\n")
    result = run_kg("build", str(path), "--out", "out", "--quiet", *(["--strict"] if strict else []), cwd=tmp_path)
    assert result.returncode == (1 if strict else 0), result.stderr
    assert (tmp_path / "out" / "summary.json").exists() is not strict
    if strict:
        assert "papers.jsonl:2: missing abstract" in result.stderr
