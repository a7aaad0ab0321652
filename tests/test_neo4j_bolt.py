"""``kg load`` over Bolt with the official ``neo4j`` driver, against a real FalkorDB 4.16 server.

FalkorDB's Bolt layer fails on any string parameter holding a single quote
(``Neo.DatabaseError.General.UnknownError``; its own client stores the same
value correctly), so the corpus here is the seed bundle without the records
that hold one, and ``test_single_quote_over_bolt`` records the bug as an
expected failure: it turns into an unexpected pass once FalkorDB is fixed.

Every load passes ``--no-schema``: FalkorDB cannot parse Neo4j 5's constraint
and index DDL (see ``FALKORDB_SKIPS`` in test_neo4j_falkordb.py). Bolt writes
land in FalkorDB's graph "falkordb", whatever the database name; reads back go
through the native client, because FalkorDB's Bolt layer crashes the server
when it returns a date value.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.graph import read_graph
from kg.graph.bundle import export_node_link
from tests.falkordb_server import REQUIRE_TOOLS, FalkorRunner, falkordb_server, missing_reason
from tests.neo4j_helpers import NO_QUOTES, database_dump, expected_dump, hostile_graph

BOLT_GRAPH = "falkordb"  # where FalkorDB's Bolt layer writes


def _holds_quote(attrs: dict) -> bool:
    return any("'" in (v if isinstance(v, str) else " ".join(map(str, v))) for v in attrs.values() if isinstance(v, (str, list)))


def without_single_quotes(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    kept = graph.copy()
    kept.remove_nodes_from([n for n, attrs in graph.nodes(data=True) if _holds_quote(attrs)])
    kept.remove_edges_from([(u, v, k) for u, v, k, attrs in kept.edges(keys=True, data=True) if _holds_quote(attrs)])
    return kept


def _bundle(graph: nx.MultiDiGraph, folder: Path) -> Path:
    export_node_link(graph, folder)
    return folder


@pytest.fixture
def bolt(tmp_path):
    """A fresh FalkorDB server per test; yields (Bolt URI, native runner on the Bolt graph).

    One server per test because FalkorDB 4.16's Bolt listener degrades across client connections (seen here:
    handshakes left unanswered, and once the whole server stopped answering its unix socket).
    """
    reason = missing_reason()
    if reason:
        pytest.fail(reason) if REQUIRE_TOOLS else pytest.skip(reason)
    with falkordb_server(tmp_path / "fk") as server:
        yield server.bolt_uri, FalkorRunner(server.client(socket_timeout=120).select_graph(BOLT_GRAPH))


def kg_load(*args: str, env: dict | None = None, input: str | None = None):
    """``kg load``; against FalkorDB with ``--wait``: its Bolt listener leaves some handshakes unanswered after a
    client disconnects (measured: every other new connection timed out), and kg retries connecting."""
    env = {"NEO4J_URI": "", "NEO4J_USERNAME": "", "NEO4J_PASSWORD": "", "NEO4J_DATABASE": "", **(env or {})}
    wait = ["--wait", "120"] if any(a.startswith("bolt://127.0.0.1:") and a != "bolt://127.0.0.1:1" for a in args) else []
    return CliRunner().invoke(app, ["load", *args, *wait], env=env, input=input)


@pytest.mark.xfail(
    strict=True,
    reason="FalkorDB 4.16's Bolt layer crashes (SIGSEGV in redis-server) on the first batch of seed papers "
    "(measured with --batch-size 250 and 20; the same rows load through FalkorDB's own client)",
)
def test_kg_load_over_bolt_seed_without_single_quotes(bolt, built_bundle, tmp_path):
    uri, native = bolt
    graph = without_single_quotes(read_graph(built_bundle))
    assert graph.number_of_nodes() > 1000 and graph.number_of_edges() > 1000  # most of the seed is left
    bundle = _bundle(graph, tmp_path)

    first = kg_load("--bundle", str(bundle), "--uri", uri, "--no-schema", "--batch-size", "20")
    assert first.exit_code == 0, first.output
    assert "counts match the bundle" in first.output
    dump = database_dump(lambda cypher: native.read(cypher, {}))
    assert dump == expected_dump(graph)  # every node and relationship, property by property

    second = kg_load("--bundle", str(bundle), "--uri", uri, "--no-schema", "--batch-size", "30")
    assert second.exit_code == 0, second.output
    assert database_dump(lambda cypher: native.read(cypher, {})) == dump


def test_kg_load_over_bolt_hostile_strings(bolt, tmp_path):
    uri, native = bolt
    graph = hostile_graph(NO_QUOTES)
    bundle = _bundle(graph, tmp_path)
    result = kg_load("--bundle", str(bundle), "--uri", uri, "--no-schema", "--batch-size", "2")
    assert result.exit_code == 0, result.output
    assert "counts match the bundle" in result.output
    dump = database_dump(lambda cypher: native.read(cypher, {}))
    assert dump == expected_dump(graph)  # property by property, the dated paper's date included
    again = kg_load("--bundle", str(bundle), "--uri", uri, "--no-schema", "--batch-size", "3")
    assert again.exit_code == 0, again.output
    assert database_dump(lambda cypher: native.read(cypher, {})) == dump


@pytest.mark.xfail(strict=True, reason="FalkorDB 4.16's Bolt layer fails on a string parameter holding a single quote")
def test_single_quote_over_bolt(tmp_path):
    # its own server: after this failure FalkorDB's Bolt listener stopped answering new connections (seen here)
    reason = missing_reason()
    if reason:
        pytest.fail(reason) if REQUIRE_TOOLS else pytest.skip(reason)
    graph = hostile_graph(["It's here"])
    with falkordb_server(tmp_path / "fk") as server:
        result = kg_load("--bundle", str(_bundle(graph, tmp_path / "bundle")), "--uri", server.bolt_uri, "--no-schema")
        native = FalkorRunner(server.client(socket_timeout=60).select_graph(BOLT_GRAPH))
        assert result.exit_code == 0, result.output
        assert database_dump(lambda cypher: native.read(cypher, {})) == expected_dump(graph)


def test_wipe_asks_first_and_deletes_only_kg_nodes(bolt, tmp_path):
    uri, native = bolt
    bundle = _bundle(hostile_graph(NO_QUOTES), tmp_path)
    assert kg_load("--bundle", str(bundle), "--uri", uri, "--no-schema").exit_code == 0
    native.write("CREATE (:Other {name: 'not kg'})", {})

    declined = kg_load("--bundle", str(bundle), "--uri", uri, "--no-schema", "--wipe", input="n\n")
    assert declined.exit_code == 1 and "Aborted" in declined.output
    assert native.read("MATCH (n:Paper) RETURN count(n) AS count", {})[0]["count"] == len(NO_QUOTES) + 1

    native.write("CREATE (:Paper {id: 'stale', title: 'not in the bundle', abstract: 'x'})", {})
    wiped = kg_load("--bundle", str(bundle), "--uri", uri, "--no-schema", "--wipe", "--yes")
    assert wiped.exit_code == 0, wiped.output
    assert f"wiped {len(NO_QUOTES) + 2} Paper" in wiped.output
    assert native.read("MATCH (n:Paper {id: 'stale'}) RETURN count(n) AS count", {})[0]["count"] == 0
    assert native.read("MATCH (n:Other) RETURN count(n) AS count", {})[0]["count"] == 1


def test_count_mismatch_fails_the_load(bolt, tmp_path):
    uri, native = bolt
    native.write("CREATE (:Paper {id: 'extra', title: 't', abstract: 'a'})", {})
    result = kg_load("--bundle", str(_bundle(hostile_graph(NO_QUOTES), tmp_path)), "--uri", uri, "--no-schema")
    assert result.exit_code == 1
    assert "counts differ from the bundle's: Paper" in result.output


def test_unreachable_server_is_a_clear_error_without_the_password(tmp_path):
    bundle = _bundle(hostile_graph(NO_QUOTES), tmp_path)
    secret = "pw-d0-not-print-7f3a"
    result = kg_load("--bundle", str(bundle), "--uri", "bolt://127.0.0.1:1", env={"NEO4J_PASSWORD": secret})
    assert result.exit_code == 1
    assert "cannot reach Neo4j at bolt://127.0.0.1:1 as neo4j" in result.output
    assert secret not in result.output
    flagged = CliRunner().invoke(
        app, ["-v", "load", "--bundle", str(bundle), "--uri", "bolt://127.0.0.1:1", "--password", secret]
    )
    assert flagged.exit_code == 1 and secret not in flagged.output


def test_settings_come_from_env_file(tmp_path, monkeypatch):
    from kg.sinks.neo4j import Settings

    (tmp_path / ".env").write_text("NEO4J_URI=bolt://example:7687\nNEO4J_PASSWORD=from-file\nNEO4J_DATABASE=papers\n")
    monkeypatch.chdir(tmp_path)
    settings = Settings.resolve(environ={"NEO4J_DATABASE": "from-env"})
    assert (settings.uri, settings.password, settings.database) == ("bolt://example:7687", "from-file", "from-env")
    assert Settings.resolve(uri="bolt://flag:1", environ={"NEO4J_URI": "bolt://env:2"}).uri == "bolt://flag:1"
    assert "from-file" not in repr(settings) + settings.describe()
