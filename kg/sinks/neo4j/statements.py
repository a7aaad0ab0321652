"""Every Cypher statement kg sends to Neo4j, built from ``kg.schema`` and nothing else.

Building is kept apart from running (``kg.sinks.neo4j.writer``), so the same
statements can be linted by Neo4j's own parser, run by the ``neo4j`` driver, or
run by another client in the tests. Values never enter the Cypher text: each
statement is ``UNWIND $rows AS row MERGE …`` and its rows are parameters.

>>> print(constraint_statements()[0].cypher)
CREATE CONSTRAINT kg_paper_id IF NOT EXISTS FOR (n:Paper) REQUIRE n.id IS UNIQUE
>>> print(relationship_statement(RELATIONSHIPS["USED_FOR"], []).cypher)
UNWIND $rows AS row
MATCH (a:Concept {key: row.source})
MATCH (b:Concept {key: row.target})
MERGE (a)-[r:USED_FOR {paper: row.paper}]->(b)
SET r.sentence = row.sentence, r.evidence = row.evidence, r.confidence = row.confidence
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from kg.errors import KGError
from kg.schema import DATE, FLOAT, INT, JSON, NODES, RELATIONSHIPS, STRING_LIST, NodeSpec, Property, RelSpec

__all__ = [
    "FULLTEXT_INDEXES",
    "RANGE_INDEXES",
    "CountQuery",
    "LoadPlan",
    "Statement",
    "constraint_statements",
    "count_queries",
    "index_statements",
    "load_plan",
    "node_statement",
    "relationship_statement",
    "schema_statements",
    "wipe_statement",
]

#: Full-text indexes: name → (label, properties). Concept aliases are a string list.
FULLTEXT_INDEXES: dict[str, tuple[str, tuple[str, ...]]] = {
    "kg_concept_names": ("Concept", ("name", "aliases")),
    "kg_paper_text": ("Paper", ("title", "abstract")),
    "kg_claim_text": ("Claim", ("text",)),
}
#: Range indexes for the lookups the cypher/ library makes besides keys: name → (label, property).
RANGE_INDEXES: dict[str, tuple[str, str]] = {
    "kg_concept_name": ("Concept", "name"),
    "kg_paper_year": ("Paper", "year"),
    "kg_paper_published": ("Paper", "published"),
}
#: Row fields that name a relationship's end nodes; no schema property may use them.
ENDS = ("source", "target")


@dataclass(frozen=True)
class Statement:
    """One Cypher statement and the rows it runs with (``$rows``); ``name`` says what it writes."""

    name: str
    cypher: str
    rows: list[dict[str, Any]] = field(default_factory=list, repr=False)

    def batches(self, size: int) -> Iterator[list[dict[str, Any]]]:
        """The rows in batches of at most ``size``.

        >>> [len(b) for b in Statement("x", "RETURN 1", [{}] * 5).batches(2)]
        [2, 2, 1]
        """
        if size < 1:
            raise ValueError(f"batch size must be at least 1, not {size}")
        for start in range(0, len(self.rows), size):
            yield self.rows[start : start + size]


@dataclass(frozen=True)
class CountQuery:
    """A query returning one ``count`` and the number the bundle expects."""

    name: str
    cypher: str
    expected: int


@dataclass(frozen=True)
class LoadPlan:
    """Everything ``kg load`` runs, in order: schema, nodes, relationships, then the counts."""

    schema: list[Statement]
    nodes: list[Statement]
    relationships: list[Statement]
    counts: list[CountQuery]

    @property
    def data(self) -> list[Statement]:
        return self.nodes + self.relationships

    def statements(self) -> list[Statement]:
        return self.schema + self.data


def _ident(name: str) -> str:
    """A label, type or property name as Cypher needs it (schema names are plain identifiers)."""
    if not name.replace("_", "a").isalnum() or name[0].isdigit():
        raise ValueError(f"{name!r} is not a plain identifier; kg.schema names must be")
    return name


def constraint_statements() -> list[Statement]:
    """A uniqueness constraint on each node label's key (it also indexes the key, so MERGE is fast)."""
    return [
        Statement(
            f"constraint {spec.label}.{spec.key}",
            f"CREATE CONSTRAINT kg_{spec.label.lower()}_{spec.key} IF NOT EXISTS "
            f"FOR (n:{_ident(spec.label)}) REQUIRE n.{_ident(spec.key)} IS UNIQUE",
        )
        for spec in NODES.values()
    ]


def index_statements() -> list[Statement]:
    """The full-text and range indexes the Cypher library relies on."""
    statements = []
    for name, (label, properties) in FULLTEXT_INDEXES.items():
        on = ", ".join(f"n.{_ident(NODES[label].property(p).name)}" for p in properties)
        statements.append(
            Statement(f"full-text index {name}", f"CREATE FULLTEXT INDEX {name} IF NOT EXISTS FOR (n:{label}) ON EACH [{on}]")
        )
    for name, (label, prop) in RANGE_INDEXES.items():
        prop = _ident(NODES[label].property(prop).name)
        statements.append(Statement(f"index {name}", f"CREATE INDEX {name} IF NOT EXISTS FOR (n:{label}) ON (n.{prop})"))
    return statements


def schema_statements() -> list[Statement]:
    """Constraints, then indexes: the DDL ``kg load`` runs first."""
    return constraint_statements() + index_statements()


def _set_clause(variable: str, properties: tuple[Property, ...], skip: tuple[str, ...]) -> str:
    """``SET v.p = row.p, …`` for every schema property; a null removes the property, so re-runs converge."""

    def value(prop: Property) -> str:
        return f"date(row.{prop.name})" if prop.type == DATE else f"row.{prop.name}"

    assignments = [f"{variable}.{_ident(p.name)} = {value(p)}" for p in properties if p.name not in skip]
    return "SET " + ", ".join(assignments) if assignments else ""


def node_statement(spec: NodeSpec, rows: list[dict[str, Any]], type_label: str | None = None) -> Statement:
    """``UNWIND $rows AS row MERGE (n:Label {key: row.key}) SET …`` for one label (and type label).

    >>> print(node_statement(NODES["Keyphrase"], []).cypher)
    UNWIND $rows AS row
    MERGE (n:Keyphrase {key: row.key})
    SET n.name = row.name
    """
    labels = _ident(spec.label) + (f":{_ident(type_label)}" if type_label else "")
    lines = ["UNWIND $rows AS row", f"MERGE (n:{spec.label} {{{_ident(spec.key)}: row.{spec.key}}})"]
    sets = _set_clause("n", spec.properties, (spec.key,))
    if type_label:  # MERGE on the base label, whose key the constraint indexes
        sets = f"SET n:{_ident(type_label)}" + (", " + sets.removeprefix("SET ") if sets else "")
    if sets:
        lines.append(sets)
    return Statement(f"{labels} nodes", "\n".join(lines), rows)


def relationship_statement(spec: RelSpec, rows: list[dict[str, Any]]) -> Statement:
    """``MATCH`` both ends by key, ``MERGE`` the relationship (with its merge keys), ``SET`` the rest."""
    source, target = NODES[spec.source], NODES[spec.target]
    identity = ", ".join(f"{_ident(k)}: row.{k}" for k in spec.merge_keys)
    lines = [
        "UNWIND $rows AS row",
        f"MATCH (a:{_ident(source.label)} {{{source.key}: row.source}})",
        f"MATCH (b:{_ident(target.label)} {{{target.key}: row.target}})",
        f"MERGE (a)-[r:{_ident(spec.type)}{' {' + identity + '}' if identity else ''}]->(b)",
    ]
    sets = _set_clause("r", spec.properties, spec.merge_keys)
    if sets:
        lines.append(sets)
    return Statement(f"{spec.type} relationships", "\n".join(lines), rows)


def wipe_statement(label: str) -> Statement:
    """Delete up to ``$limit`` nodes of one kg label and their relationships; run until it returns 0."""
    return Statement(
        f"wipe {label}",
        f"MATCH (n:{_ident(NODES[label].label)})\nWITH n LIMIT $limit\nDETACH DELETE n\nRETURN count(*) AS deleted",
    )


def _value(prop: Property, value: Any) -> Any:
    """A bundle value as the statement expects it: JSON as text (Neo4j stores no maps), the rest unchanged."""
    if value is None:
        return None
    if prop.type == JSON:
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if prop.type == STRING_LIST:
        return [str(v) for v in value]
    if prop.type == INT:
        return int(value)
    if prop.type == FLOAT:
        return float(value)
    return value  # strings; a DATE stays its ISO text and date() converts it in Cypher


def _row(properties: tuple[Property, ...], attrs: dict[str, Any], **ends: Any) -> dict[str, Any]:
    return {**ends, **{p.name: _value(p, attrs.get(p.name)) for p in properties}}


def _node_key(graph: nx.MultiDiGraph, node: Any) -> tuple[str, Any]:
    attrs = graph.nodes[node]
    label = attrs.get("label")
    if label not in NODES:
        raise KGError(f"node {node!r} has label {label!r}, which kg.schema does not define")
    key = attrs.get(NODES[label].key, node)
    return label, key


def node_rows(graph: nx.MultiDiGraph) -> dict[tuple[str, str | None], list[dict[str, Any]]]:
    """Rows per (label, type label), in graph order."""
    grouped: dict[tuple[str, str | None], list[dict[str, Any]]] = defaultdict(list)
    for node, attrs in graph.nodes(data=True):
        label, key = _node_key(graph, node)
        spec = NODES[label]
        type_label = None
        if spec.type_labels:
            type_label = attrs.get("type")
            if type_label not in spec.type_labels:
                raise KGError(f"{label} {key!r} has type {type_label!r}; kg.schema allows {', '.join(spec.type_labels)}")
        grouped[label, type_label].append(_row(spec.properties, {**attrs, spec.key: key}))
    return grouped


def relationship_rows(graph: nx.MultiDiGraph) -> dict[str, list[dict[str, Any]]]:
    """Rows per relationship type, each naming its ends by key."""
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for u, v, attrs in graph.edges(data=True):
        spec = RELATIONSHIPS.get(attrs.get("type"))
        if spec is None:
            raise KGError(f"edge {u!r} → {v!r} has type {attrs.get('type')!r}, which kg.schema does not define")
        (source_label, source), (target_label, target) = _node_key(graph, u), _node_key(graph, v)
        if (source_label, target_label) != (spec.source, spec.target):
            raise KGError(f"{spec.type} goes {spec.source} → {spec.target}, but {u!r} → {v!r} is {source_label} → {target_label}")
        grouped[spec.type].append(_row(spec.properties, attrs, source=source, target=target))
    return grouped


def count_queries(graph: nx.MultiDiGraph) -> list[CountQuery]:
    """One count per label, concept type and relationship type, with what the bundle holds."""
    nodes = node_rows(graph)
    rels = relationship_rows(graph)
    queries = []
    for spec in NODES.values():
        total = sum(len(rows) for (label, _), rows in nodes.items() if label == spec.label)
        queries.append(CountQuery(spec.label, f"MATCH (n:{spec.label}) RETURN count(n) AS count", total))
        for type_label in spec.type_labels:
            expected = len(nodes.get((spec.label, type_label), []))
            cypher = f"MATCH (n:{spec.label}:{type_label}) RETURN count(n) AS count"
            queries.append(CountQuery(f"{spec.label}:{type_label}", cypher, expected))
    for spec in RELATIONSHIPS.values():
        cypher = f"MATCH (:{spec.source})-[r:{spec.type}]->(:{spec.target}) RETURN count(r) AS count"
        queries.append(CountQuery(spec.type, cypher, len(rels.get(spec.type, []))))
    return queries


def load_plan(graph: nx.MultiDiGraph) -> LoadPlan:
    """Every statement ``kg load`` runs for ``graph``; a label or type with no rows gets no statement."""
    for spec in RELATIONSHIPS.values():
        clash = {p.name for p in spec.properties} & set(ENDS)
        if clash:
            raise ValueError(f"{spec.type} has a property named {clash}; rename it in kg.schema")
    nodes = node_rows(graph)
    node_statements = [
        node_statement(NODES[label], rows, type_label)
        for label in NODES
        for (group_label, type_label), rows in sorted(nodes.items(), key=lambda item: str(item[0][1]))
        if group_label == label and rows
    ]
    rels = relationship_rows(graph)
    rel_statements = [relationship_statement(spec, rels[t]) for t, spec in RELATIONSHIPS.items() if rels.get(t)]
    return LoadPlan(schema_statements(), node_statements, rel_statements, count_queries(graph))
