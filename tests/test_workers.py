"""``--workers N``: extraction in N processes gives the bytes a single process gives, in input order."""

from __future__ import annotations

import pytest
from test_cache import BUNDLE, bundle_bytes, write_papers

from kg.build import build
from kg.errors import KGError


def test_two_worker_processes_write_the_single_process_bundle(tmp_path, extractor):
    papers = write_papers(tmp_path / "papers.jsonl", 0, 40)  # two chunks: both workers get one
    build([papers], tmp_path / "single", extractor=extractor)
    double = build([papers], tmp_path / "double", workers=2)
    assert (double.cached, double.extracted) == (0, 40)
    assert bundle_bytes(tmp_path / "double") == bundle_bytes(tmp_path / "single"), BUNDLE


def test_workers_must_be_positive(tmp_path):
    papers = write_papers(tmp_path / "papers.jsonl", 0, 1)
    with pytest.raises(KGError, match="--workers"):
        build([papers], tmp_path / "out", workers=0)
