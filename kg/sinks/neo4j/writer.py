"""Running a ``LoadPlan``: batches, one write transaction each, then the counts read back.

The writer talks to a ``Runner``, not to a driver, so the statements run the
same way through the ``neo4j`` driver (``Neo4jRunner``) or another client.

>>> import networkx as nx
>>> class Recorder:
...     def __init__(self): self.calls = []
...     def write(self, cypher, parameters): self.calls.append(len(parameters["rows"])); return []
...     def read(self, cypher, parameters): return [{"count": 3 if "Paper" in cypher and "]" not in cypher else 0}]
>>> graph = nx.MultiDiGraph()
>>> for i in range(3):
...     graph.add_node(f"p{i}", label="Paper", id=f"p{i}", title="T", abstract="A")
>>> runner = Recorder()
>>> report = load(graph, runner, batch_size=2, schema=False)
>>> runner.calls, report.ok
([2, 1], True)
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

import networkx as nx

from kg.errors import KGError
from kg.schema import NODES
from kg.sinks.neo4j.statements import CountQuery, LoadPlan, Statement, load_plan, wipe_statement

__all__ = ["LoadError", "LoadReport", "Progress", "Runner", "execute", "load", "read_counts", "wipe"]

logger = logging.getLogger(__name__)

DEFAULT_BATCH_SIZE = 1000


class Runner(Protocol):
    """Runs one statement in one transaction (``write`` or ``read``) and returns its records as dicts."""

    def write(self, cypher: str, parameters: dict[str, Any]) -> list[dict[str, Any]]: ...

    def read(self, cypher: str, parameters: dict[str, Any]) -> list[dict[str, Any]]: ...


class Progress(Protocol):
    """What ``kg build`` passes as progress (``start`` a stage, ``advance`` it)."""

    def start(self, stage: str, total: int | None = None) -> None: ...

    def advance(self, stage: str, amount: int = 1) -> None: ...


class LoadError(KGError):
    """A batch failed; every batch before it is committed, and re-running the load completes it."""


@dataclass
class LoadReport:
    """What was written and what the database holds afterwards."""

    batches: int = 0
    rows: int = 0
    counts: dict[str, tuple[int, int]] = field(default_factory=dict)  # name → (bundle, database)

    @property
    def mismatches(self) -> dict[str, tuple[int, int]]:
        return {name: pair for name, pair in self.counts.items() if pair[0] != pair[1]}

    @property
    def ok(self) -> bool:
        return not self.mismatches


def _run_statement(statement: Statement, runner: Runner, batch_size: int, progress: Progress | None, report: LoadReport) -> None:
    batches = list(statement.batches(batch_size))
    if progress:
        progress.start(statement.name.removesuffix(" nodes").removesuffix(" relationships"), len(statement.rows))
    for index, rows in enumerate(batches, start=1):
        first = (index - 1) * batch_size + 1
        try:
            runner.write(statement.cypher, {"rows": rows})
        except KGError:
            raise
        except Exception as error:  # the driver's own errors vary; the batch number is what the user needs
            raise LoadError(
                f"{statement.name}: batch {index} of {len(batches)} (rows {first}–{first + len(rows) - 1}) failed: "
                f"{type(error).__name__}: {error}. Batches before it are committed; every statement is idempotent, "
                "so running the load again completes it."
            ) from error
        report.batches += 1
        report.rows += len(rows)
        if progress:
            progress.advance(statement.name.removesuffix(" nodes").removesuffix(" relationships"), len(rows))
        logger.info("%s: batch %d/%d, %d rows", statement.name, index, len(batches), len(rows))


def read_counts(runner: Runner, queries: Iterable[CountQuery]) -> dict[str, tuple[int, int]]:
    """Each count as (bundle, database)."""
    return {query.name: (query.expected, int(runner.read(query.cypher, {})[0]["count"])) for query in queries}


def execute(
    plan: LoadPlan,
    runner: Runner,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: Progress | None = None,
    schema: bool = True,
    skip: Iterable[str] = (),
) -> LoadReport:
    """Run ``plan``: the schema (unless ``schema=False``), every data statement batch by batch, then the counts.

    ``skip`` names statements not to run (by ``Statement.name``), for a database
    that cannot parse them; the counts still compare with the whole bundle.
    """
    skipped = set(skip)
    report = LoadReport()
    for statement in plan.schema if schema else []:
        if statement.name in skipped:
            continue
        try:
            runner.write(statement.cypher, {})
        except KGError:
            raise
        except Exception as error:
            raise LoadError(
                f"{statement.name} failed: {type(error).__name__}: {error}. "
                "If your role may not create constraints and indexes, create them once as an admin or load with --no-schema."
            ) from error
    for statement in plan.data:
        if statement.name not in skipped:
            _run_statement(statement, runner, batch_size, progress, report)
    report.counts = read_counts(runner, plan.counts)
    return report


def load(
    graph: nx.MultiDiGraph,
    runner: Runner,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: Progress | None = None,
    schema: bool = True,
) -> LoadReport:
    """Write ``graph`` through ``runner``: idempotent, so a second run changes nothing."""
    return execute(load_plan(graph), runner, batch_size, progress, schema)


def wipe(runner: Runner, batch_size: int = DEFAULT_BATCH_SIZE) -> dict[str, int]:
    """Delete every node with one of kg's labels, and its relationships, in batches. Nothing else is touched."""
    deleted: dict[str, int] = {}
    for label in NODES:
        statement = wipe_statement(label)
        total = 0
        while True:
            records = runner.write(statement.cypher, {"limit": batch_size})  # one transaction per batch
            count = int(records[0]["deleted"]) if records else 0
            total += count
            if count < batch_size:
                break
        deleted[label] = total
    return deleted
