"""kg load against a real Neo4j 5 in Docker (testcontainers); skipped, with the reason, where Docker is unavailable."""

from __future__ import annotations

import pytest

from kg.sinks.neo4j import LoadError, Settings, connect, execute, load_plan
from tests.neo4j_helpers import HOSTILE, database_dump, expected_dump, hostile_graph

IMAGE = "neo4j:5.26-community"
PASSWORD = "kg-test-password"


def _docker_unavailable() -> str | None:
    try:
        import docker

        docker.from_env().ping()
    except Exception as error:  # no engine, no socket, no permission: all mean "cannot run here"
        return f"Docker is unavailable here ({type(error).__name__}: {error}); this test needs a Docker engine"
    return None


@pytest.fixture(scope="module")
def neo4j_settings():
    reason = _docker_unavailable()
    if reason:
        pytest.skip(reason)
    from testcontainers.neo4j import Neo4jContainer

    with Neo4jContainer(IMAGE, password=PASSWORD) as container:
        yield Settings(uri=container.get_connection_url(), username="neo4j", password=PASSWORD)


def _read(runner):
    return lambda cypher: runner.read(cypher, {})


def test_constraints_load_twice_and_hostile_strings(neo4j_settings):
    graph = hostile_graph(HOSTILE)  # single quotes included: Neo4j has no FalkorDB Bolt bug
    with connect(neo4j_settings) as runner:
        runner.write("MATCH (n) DETACH DELETE n", {})
        first = execute(load_plan(graph), runner, batch_size=3)
        assert first.ok, first.mismatches
        constraints = {r["name"] for r in runner.read("SHOW CONSTRAINTS YIELD name RETURN name", {})}
        assert {"kg_paper_id", "kg_concept_key", "kg_claim_id", "kg_keyphrase_key"} <= constraints
        indexes = {r["name"] for r in runner.read("SHOW INDEXES YIELD name RETURN name", {})}
        assert {"kg_concept_names", "kg_paper_text", "kg_claim_text"} <= indexes
        dump = database_dump(_read(runner))
        assert dump == expected_dump(graph)
        second = execute(load_plan(graph), runner, batch_size=3)
        assert second.counts == first.counts and database_dump(_read(runner)) == dump


def test_a_failing_batch_leaves_nothing_of_itself(neo4j_settings):
    graph = hostile_graph([f"paper {i}" for i in range(9)])
    graph.nodes["hostile-4"]["published"] = "2023-02-30"  # Neo4j's date() rejects it: batch 2 of 3 fails
    with connect(neo4j_settings) as runner:
        runner.write("MATCH (n) DETACH DELETE n", {})
        with pytest.raises(LoadError, match=r"Paper nodes: batch 2 of 4"):
            execute(load_plan(graph), runner, batch_size=3)
        ids = {r["id"] for r in runner.read("MATCH (n:Paper) RETURN n.id AS id", {})}
        assert ids == {"hostile-0", "hostile-1", "hostile-2"}  # batch 1 committed, batch 2 rolled back whole
        graph.nodes["hostile-4"]["published"] = "2023-02-28"
        assert execute(load_plan(graph), runner, batch_size=3).ok
