"""``kg build --engine dask``: a 2-worker LocalCluster, Parquet shards, and the plain build's graph and summary."""

from __future__ import annotations

import pyarrow.parquet as pq
from conftest import run_kg

from kg.cache import extraction_settings
from kg.graph import read_graph
from kg.graph.bundle import SUMMARY_FILE


def test_dask_with_two_workers_builds_the_plain_build_graph(built_bundle, tmp_path):
    shards = tmp_path / "shards"
    result = run_kg(
        "build", "--engine", "dask", "--workers", "2", "--no-cache", "--shard-dir", str(shards), "--out", "dask", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert "extract: 0 cached, 591 new" in result.stderr
    dask = tmp_path / "dask"
    assert (dask / SUMMARY_FILE).read_bytes() == (built_bundle / SUMMARY_FILE).read_bytes()
    plain, distributed = read_graph(built_bundle), read_graph(dask)
    assert list(plain.nodes(data=True)) == list(distributed.nodes(data=True))
    assert [e[:3] for e in plain.edges(keys=True)] == [e[:3] for e in distributed.edges(keys=True)]
    if all(i["backend"] == "onnx" or i["precision"] == "bfloat16" for i in extraction_settings()["inference"].values()):
        # fixed-width batches make these outputs independent of batch and thread count (tests/test_inference.py)
        assert (dask / "graph.json").read_bytes() == (built_bundle / "graph.json").read_bytes()
    # Under torch float32 a keyphrase score (a cosine rounded to 4 places) has moved by 0.0001 (seen: 2 of 2,955): a
    # worker runs the encoder on one torch thread, so its float sums may differ. Every other attribute is equal.
    edges = zip(plain.edges(keys=True, data=True), distributed.edges(keys=True, data=True), strict=True)
    for (*_, mine), (*_, theirs) in edges:
        assert {k: v for k, v in mine.items() if k != "score"} == {k: v for k, v in theirs.items() if k != "score"}
        assert abs(mine.get("score", 0) - theirs.get("score", 0)) <= 1e-4 + 1e-9

    parts = sorted((shards / "extractions").glob("part-*.parquet"))
    assert len(parts) == 10  # 591 papers in partitions of 64
    ids = [i for part in parts for i in pq.read_table(part).column("paper_id").to_pylist()]
    assert sorted(ids) == sorted(n for n, d in plain.nodes(data=True) if d["label"] == "Paper")
    roles = ("PROPOSES", "USES", "ADDRESSES", "EVALUATES_ON")  # a paper's mentions of one concept and role share an edge
    mentions = pq.read_table(shards / "mentions").num_rows
    assert mentions >= sum(1 for _, _, d in plain.edges(data=True) if d["type"] in roles) > 0


def test_an_unknown_engine_is_a_clear_error(tmp_path):
    result = run_kg("build", "--engine", "spark", "--out", "out", cwd=tmp_path)
    assert result.returncode == 1
    assert "unknown engine 'spark'; choose one of local, dask" in result.stderr
