"""kg's Neo4j statements on a real server: FalkorDB 4.16 through its own client (unix socket).

FalkorDB speaks openCypher but not all of Neo4j 5's: the statements it cannot
run are named in ``FALKORDB_SKIPS`` with the reason, and
``test_skipped_statements_really_fail_on_falkordb`` proves each still fails there
(so a FalkorDB that learns them shows up). The Neo4j statements are never
changed to suit FalkorDB.
"""

from __future__ import annotations

import json
import uuid

import pytest

from kg.graph import read_graph
from kg.schema import NODES, RELATIONSHIPS
from kg.sinks.neo4j import LoadError, execute, load_plan, schema_statements, wipe
from tests.falkordb_server import FalkorRunner, falkordb  # noqa: F401 - falkordb is the server fixture
from tests.neo4j_helpers import HOSTILE, database_dump, every_type_graph, expected_dump, hostile_graph

_REASONS = {
    "constraint": "FalkorDB has no Neo4j 5 constraint DDL (CREATE CONSTRAINT name IF NOT EXISTS FOR … REQUIRE …); "
    "it makes constraints with GRAPH.CONSTRAINT CREATE",
    "full-text index": "FalkorDB has no CREATE FULLTEXT INDEX; it uses CALL db.idx.fulltext.createNodeIndex",
    "index": "FalkorDB's CREATE INDEX takes no index name and no IF NOT EXISTS",
}
#: Statement name → why it is not run on FalkorDB. Every other statement kg emits runs unchanged.
FALKORDB_SKIPS = {s.name: _REASONS[s.name.rsplit(" ", 1)[0] if s.name.startswith("constraint") else s.name.split(" kg_")[0]]
                  for s in schema_statements()}  # fmt: skip


def _keys_indexed(graph) -> None:
    """FalkorDB's own key indexes, so MATCH by key is not a scan (a test-harness convenience, not kg's DDL)."""
    for spec in NODES.values():
        graph.query(f"CREATE INDEX FOR (n:{spec.label}) ON (n.{spec.key})")


@pytest.fixture
def runner(falkordb):  # noqa: F811 - the imported fixture
    graph = falkordb.client(socket_timeout=120).select_graph(f"kg_{uuid.uuid4().hex[:8]}")
    _keys_indexed(graph)
    yield FalkorRunner(graph)
    graph.delete()


def _read(runner):
    return lambda cypher: runner.read(cypher, {})


def test_skipped_statements_really_fail_on_falkordb(runner):
    assert set(FALKORDB_SKIPS) == {s.name for s in schema_statements()}
    for statement in schema_statements():
        with pytest.raises(Exception, match="Invalid input"):
            runner.write(statement.cypher, {})


def test_seed_bundle_loads_counts_back_and_reloads_identically(runner, built_bundle):
    graph = read_graph(built_bundle)
    summary = json.loads((built_bundle / "summary.json").read_text())
    plan = load_plan(graph)

    first = execute(plan, runner, batch_size=500, skip=FALKORDB_SKIPS)
    assert first.ok, first.mismatches
    counts = {name: db for name, (_, db) in first.counts.items()}
    assert counts["Paper"] == summary["papers"] > 0
    for concept_type, n in summary["concepts"].items():
        assert counts[f"Concept:{concept_type}"] == n
    for rel_type, n in summary["relationships"].items():
        assert counts[rel_type] == n
    assert first.rows == sum(len(s.rows) for s in plan.data)
    before = database_dump(_read(runner))

    second = execute(plan, runner, batch_size=500, skip=FALKORDB_SKIPS)
    assert second.counts == first.counts
    assert database_dump(_read(runner)) == before  # MERGE + SET: nothing added, nothing changed


def test_seed_bundle_property_by_property(runner, built_bundle):
    graph = read_graph(built_bundle)
    execute(load_plan(graph), runner, batch_size=1000, skip=FALKORDB_SKIPS)
    nodes, rels = database_dump(_read(runner))
    want_nodes, want_rels = expected_dump(graph)
    assert nodes.keys() == want_nodes.keys()
    for key, props in want_nodes.items():
        assert nodes[key] == props, key
    assert rels.keys() == want_rels.keys()
    for key, props in want_rels.items():
        assert rels[key] == props, key
    # the seed has apostrophes in titles and evidence: they arrive unchanged
    assert any("'" in p.get("title", "") for p in nodes.values())


def test_hostile_strings_load_unchanged(runner):
    graph = hostile_graph(HOSTILE)
    execute(load_plan(graph), runner, batch_size=3, skip=FALKORDB_SKIPS)
    nodes, rels = database_dump(_read(runner))
    assert (nodes, rels) == expected_dump(graph)
    assert nodes["Paper", "dated"]["published"] == "2023-07-14"  # date(row.published) stored a date
    assert {p["title"] for k, p in nodes.items() if k[0] == "Paper"} >= set(HOSTILE)


def test_every_label_and_relationship_type_loads(runner):
    """Claims (quantities as JSON text), keyphrases and concept-to-concept edges, which the seed does not have yet."""
    graph = every_type_graph()
    assert {d["type"] for _, _, d in graph.edges(data=True)} == set(RELATIONSHIPS)
    report = execute(load_plan(graph), runner, batch_size=2, skip=FALKORDB_SKIPS)
    assert report.ok, report.mismatches
    assert database_dump(_read(runner)) == expected_dump(graph)
    report = execute(load_plan(graph), runner, batch_size=2, skip=FALKORDB_SKIPS)
    assert report.ok and report.counts["OUTPERFORMS"] == (2, 2)


def test_failed_batch_is_named_and_a_rerun_completes(runner):
    graph = hostile_graph([f"paper {i}" for i in range(10)])
    graph.nodes["hostile-6"]["published"] = "2023-13-01"  # no such month: date() fails on the server
    with pytest.raises(LoadError, match=r"Paper nodes: batch 3 of 4 \(rows 7–9\) failed: .*running the load again completes it"):
        execute(load_plan(graph), runner, batch_size=3, skip=FALKORDB_SKIPS)
    assert runner.read("MATCH (n:Paper {id: 'hostile-0'}) RETURN count(n) AS count", {})[0]["count"] == 1  # batch 1 committed

    graph.nodes["hostile-6"]["published"] = "2023-02-28"
    report = execute(load_plan(graph), runner, batch_size=3, skip=FALKORDB_SKIPS)
    assert report.ok, report.mismatches
    assert database_dump(_read(runner)) == expected_dump(graph)


def test_wipe_deletes_only_kg_labels(runner):
    runner.write("CREATE (:Other {name: 'keep'})-[:LINKS]->(:Other {name: 'me'})", {})
    graph = hostile_graph(HOSTILE)
    execute(load_plan(graph), runner, batch_size=2, skip=FALKORDB_SKIPS)
    deleted = wipe(runner, batch_size=3)
    assert deleted == {"Paper": len(HOSTILE) + 1, "Concept": len(HOSTILE), "Claim": 0, "Keyphrase": 0}
    assert runner.read("MATCH (n) RETURN count(n) AS count", {})[0]["count"] == 2
    assert runner.read("MATCH (:Other)-[r:LINKS]->(:Other) RETURN count(r) AS count", {})[0]["count"] == 1
