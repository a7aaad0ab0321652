"""The per-paper extraction cache: re-runs hit, new papers alone are extracted, a changed setup misses."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from conftest import run_kg
from thinc.api import Config

from kg.build import build
from kg.cache import ExtractionCache, decisive_files, fingerprint
from kg.defaults import EXTRACT_CONFIG, SAMPLE_CORPUS
from kg.sources import read_inputs

BUNDLE = ["graph.json", "graph.graphml", "graph.gexf", "nodes.csv", "edges.csv", "summary.json"]


def write_papers(path: Path, start: int, stop: int) -> Path:
    """Seed papers ``start:stop`` as JSON Lines: real abstracts, few enough to extract quickly."""
    papers = read_inputs([SAMPLE_CORPUS]).papers[start:stop]
    rows = [{"id": p.id, "title": p.title, "abstract": p.abstract} for p in papers]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def bundle_bytes(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in BUNDLE}


@pytest.fixture(scope="module")
def first(tmp_path_factory, extractor):
    """One cold build of 20 papers into a fresh cache: the state every test below starts from."""
    root = tmp_path_factory.mktemp("cache")
    papers = write_papers(root / "papers.jsonl", 0, 20)
    result = build([papers], root / "out", extractor=extractor, cache_dir=root / "cache")
    return root, papers, result


def fresh_copy(first, tmp_path: Path) -> Path:
    root, _, _ = first
    return Path(shutil.copytree(root / "cache", tmp_path / "cache"))


def test_a_cold_build_extracts_every_paper(first):
    _, _, result = first
    assert (result.cached, result.extracted) == (0, 20)


def test_a_rerun_hits_every_paper_and_writes_the_same_bundle(first, tmp_path, extractor):
    root, papers, _ = first
    again = build([papers], tmp_path / "out", extractor=extractor, cache_dir=fresh_copy(first, tmp_path))
    assert (again.cached, again.extracted) == (20, 0)
    assert bundle_bytes(tmp_path / "out") == bundle_bytes(root / "out")


def test_adding_papers_extracts_only_the_new_ones(first, tmp_path, extractor):
    _, papers, _ = first
    more = write_papers(tmp_path / "more.jsonl", 20, 24)
    result = build([papers, more], tmp_path / "out", extractor=extractor, cache_dir=fresh_copy(first, tmp_path))
    assert (result.cached, result.extracted) == (20, 4)
    assert result.summary["papers"] == 24


def test_a_changed_setup_misses_every_paper(first, tmp_path, extractor):
    _, papers, _ = first
    config = Config().from_disk(EXTRACT_CONFIG)
    config["extraction"]["confidence"]["method-head"] = 0.55
    changed = tmp_path / "config.cfg"
    config.to_disk(changed)
    assert fingerprint(changed) != fingerprint(EXTRACT_CONFIG)
    assert fingerprint(keyphrases=False) != fingerprint(keyphrases=True)

    cache = fresh_copy(first, tmp_path)
    read = read_inputs([papers]).papers
    with ExtractionCache(cache, fingerprint(changed)) as other:
        assert other.get(read) == [None] * 20
    from kg.extract import Extractor

    without_keyphrases = Extractor(extractor.nlp, config=Config().from_disk(EXTRACT_CONFIG), keyphrases=False)
    result = build([papers], tmp_path / "out", extractor=without_keyphrases, cache_dir=cache)
    assert (result.cached, result.extracted) == (0, 20)


def test_the_fingerprint_reads_weights_and_lexicons_but_not_model_cards():
    names = {path.name for path in decisive_files()}
    assert {"model.safetensors", "weights.npz", "head_types.tsv", "tagger.py"} <= names
    assert "MODEL_CARD.md" not in names


def test_a_corrupt_entry_is_a_miss_and_a_corrupt_file_is_no_cache(first, tmp_path, extractor):
    root, papers, _ = first
    cache = fresh_copy(first, tmp_path)
    with sqlite3.connect(cache / "extractions.sqlite") as db:
        db.execute("UPDATE extraction SET value = '{\"paper_id\": ' WHERE rowid = (SELECT min(rowid) FROM extraction)")
    result = build([papers], tmp_path / "out", extractor=extractor, cache_dir=cache)
    assert (result.cached, result.extracted) == (19, 1)
    assert bundle_bytes(tmp_path / "out") == bundle_bytes(root / "out")

    garbage = tmp_path / "garbage"
    garbage.mkdir()
    (garbage / "extractions.sqlite").write_bytes(b"this is not a database" * 100)
    two = write_papers(tmp_path / "two.jsonl", 0, 2)
    result = build([two], tmp_path / "out2", extractor=extractor, cache_dir=garbage)
    assert (result.cached, result.extracted) == (0, 2)


def test_the_cli_skips_the_model_when_every_paper_hits(first, tmp_path):
    _, papers, _ = first
    result = run_kg("build", str(papers), "--out", "out", "--cache-dir", str(fresh_copy(first, tmp_path)), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "extract: 20 cached, 0 new" in result.stderr
    assert "load model" in result.stderr and " 0/0 " in result.stderr


def test_no_cache_writes_nothing(tmp_path):
    two = write_papers(tmp_path / "two.jsonl", 0, 2)
    cache = tmp_path / "cache"
    result = run_kg("build", str(two), "--out", "out", "--no-cache", "--no-keyphrases", "--cache-dir", str(cache), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "extract: 0 cached, 2 new" in result.stderr
    assert not cache.exists()
