"""Shared by the tests of kg's Neo4j writer: hostile strings, graphs, and a database dump to compare with the bundle."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import networkx as nx

from kg.schema import JSON, NODES, RELATIONSHIPS

#: Titles that break any writer that puts values into the Cypher text.
HOSTILE = [
    'It\'s a "quoted" title',
    "back\\slash \\n not a newline \\' \\\" \\\\",
    "line one\nline two\r\nline three\ttab",
    "braces {a: 1} and $param and ${x} and `backticks`",
    "MATCH (n) DETACH DELETE n // RETURN 1; CREATE (:Paper)",
    "unicode: naïve café 😀 — ∑ ≠ ∞ \u2028 sep",
    "' OR 1=1 --",
]
NO_QUOTES = [t for t in HOSTILE if "'" not in t]


def hostile_graph(titles: list[str]) -> nx.MultiDiGraph:
    """One paper per title, each using a concept whose name is hostile too, plus one dated paper."""
    graph = nx.MultiDiGraph(name="kg")
    for i, title in enumerate(titles):
        pid = f"hostile-{i}"
        graph.add_node(pid, label="Paper", id=pid, title=title, abstract=f"{title}\n\n{title}", authors=[title, "B. Author"])
        key = f"Method:{title.lower()}"
        graph.add_node(key, label="Concept", key=key, name=title.lower(), type="Method", aliases=[title], papers=1)
        graph.add_edge(pid, key, key="USES", type="USES", sentence=i, evidence=title, confidence=0.5)
    graph.add_node(
        "dated", label="Paper", id="dated", title="Dated", abstract="A.", published="2023-07-14", year=2023, month=7, day=14
    )
    return graph


def every_type_graph() -> nx.MultiDiGraph:
    """A small graph with every label, concept type and relationship type of the schema."""
    graph = hostile_graph(HOSTILE[:2])
    for concept_type in ("Task", "Dataset", "Metric"):
        key = f"{concept_type}:x"
        graph.add_node(key, label="Concept", key=key, name="x", type=concept_type, aliases=["X"], papers=1)
    graph.add_node("Method:b", label="Concept", key="Method:b", name="b", type="Method", aliases=["B"], papers=1)
    claim = {"text": "B beats A by 2.1 BLEU on X's test set", "type": "comparison", "paper": "hostile-0", "sentence": 1}
    graph.add_node(
        "hostile-0#1", label="Claim", id="hostile-0#1", quantities=[{"value": 2.1, "unit": "BLEU", "text": "2.1 'BLEU'"}], **claim
    )
    graph.add_node("Keyphrase:x", label="Keyphrase", key="x", name="X")
    a = "Method:" + HOSTILE[0].lower()
    graph.add_edge("hostile-0", "Method:b", key="PROPOSES", type="PROPOSES", sentence=1, evidence="We propose B.", confidence=0.7)
    graph.add_edge("hostile-0", "Task:x", key="ADDRESSES", type="ADDRESSES", sentence=0, evidence="x", confidence=0.6)
    graph.add_edge("hostile-0", "Dataset:x", key="EVALUATES_ON", type="EVALUATES_ON", sentence=2, evidence="x", confidence=0.9)
    graph.add_edge("hostile-0", "hostile-0#1", key="MAKES", type="MAKES")
    graph.add_edge("hostile-0#1", "Method:b", key="ABOUT", type="ABOUT")
    graph.add_edge("hostile-0", "Keyphrase:x", key="MENTIONS", type="MENTIONS", score=0.25)
    for paper in ("hostile-0", "hostile-1"):  # the same pair once per paper that states it
        graph.add_edge("Method:b", a, key=f"OUTPERFORMS:{paper}", type="OUTPERFORMS", paper=paper, metric="BLEU", dataset="x",
                       delta="+2.1", evidence="B beats A")  # fmt: skip
        for rel_type in ("USED_FOR", "PART_OF", "FEATURE_OF", "HYPONYM_OF", "COMPARED_WITH", "EVALUATED_WITH"):
            graph.add_edge("Method:b", "Dataset:x", key=f"{rel_type}:{paper}", type=rel_type, paper=paper, sentence=0,
                           evidence="e", confidence=0.4)  # fmt: skip
    assert {d["type"] for _, _, d in graph.edges(data=True)} == set(RELATIONSHIPS)
    return graph


def expected_dump(graph: nx.MultiDiGraph) -> tuple[dict, dict]:
    """Nodes and relationships as the schema says they are stored, straight from the bundle's graph."""
    nodes, rels = {}, {}
    for _, attrs in graph.nodes(data=True):
        spec = NODES[attrs["label"]]
        props = {p.name: attrs[p.name] for p in spec.properties if attrs.get(p.name) is not None}
        for p in spec.properties:
            if p.type == JSON and p.name in props:
                props[p.name] = json.dumps(props[p.name], ensure_ascii=False, sort_keys=True)
        nodes[(spec.label, props[spec.key])] = props
    for u, v, attrs in graph.edges(data=True):
        spec = RELATIONSHIPS[attrs["type"]]
        ends = tuple(graph.nodes[n].get(NODES[graph.nodes[n]["label"]].key, n) for n in (u, v))
        props = {p.name: attrs[p.name] for p in spec.properties if attrs.get(p.name) is not None}
        rels[(spec.type, *ends, *(props.get(k) for k in spec.merge_keys))] = props
    return nodes, rels


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def database_dump(read) -> tuple[dict, dict]:
    """Every kg node and relationship in the database, keyed like ``expected_dump``. ``read(cypher)`` returns dicts."""
    nodes, rels = {}, {}
    for spec in NODES.values():
        for record in read(f"MATCH (n:{spec.label}) RETURN properties(n) AS props"):
            props = {k: _plain(v) for k, v in dict(record["props"]).items()}
            key = (spec.label, props[spec.key])
            assert key not in nodes, f"duplicate node {key}"
            nodes[key] = props
    for spec in RELATIONSHIPS.values():
        source, target = NODES[spec.source], NODES[spec.target]
        cypher = (
            f"MATCH (a:{spec.source})-[r:{spec.type}]->(b:{spec.target}) "
            f"RETURN a.{source.key} AS source, b.{target.key} AS target, properties(r) AS props"
        )
        for record in read(cypher):
            props = {k: _plain(v) for k, v in dict(record["props"]).items()}
            key = (spec.type, record["source"], record["target"], *(props.get(k) for k in spec.merge_keys))
            assert key not in rels, f"duplicate relationship {key}"
            rels[key] = props
    return nodes, rels
