"""Neo4j: the schema DDL, the batched idempotent writer behind ``kg load``, and its connection.

``statements`` builds every Cypher string from ``kg.schema``; ``writer`` runs
them in batches through any ``Runner``; ``connection`` makes the runner of the
official ``neo4j`` driver. Only ``connection`` imports the driver, and only
when connecting.
"""

from __future__ import annotations

from pathlib import Path

from kg.sinks.neo4j.connection import Neo4jRunner, Settings, connect
from kg.sinks.neo4j.statements import CountQuery, LoadPlan, Statement, load_plan, schema_statements
from kg.sinks.neo4j.writer import DEFAULT_BATCH_SIZE, LoadError, LoadReport, Progress, Runner, execute, load, wipe

__all__ = [
    "DEFAULT_BATCH_SIZE",
    "CountQuery",
    "LoadError",
    "LoadPlan",
    "LoadReport",
    "Neo4jRunner",
    "Progress",
    "Runner",
    "Settings",
    "Statement",
    "connect",
    "execute",
    "load",
    "load_bundle",
    "load_plan",
    "schema_statements",
    "wipe",
]


def load_bundle(
    bundle: Path,
    settings: Settings,
    batch_size: int = DEFAULT_BATCH_SIZE,
    wipe_first: bool = False,
    schema: bool = True,
    progress: Progress | None = None,
    wait: float = 0.0,
) -> tuple[LoadReport, dict[str, int]]:
    """``kg load``: read the bundle, connect, optionally wipe kg's labels, write, count back.

    Returns the report and, when ``wipe_first``, the nodes deleted per label.
    """
    from kg.graph import read_graph

    graph = read_graph(bundle)
    plan = load_plan(graph)
    with connect(settings, wait) as runner:
        deleted = wipe(runner, batch_size) if wipe_first else {}
        return execute(plan, runner, batch_size, progress, schema), deleted
