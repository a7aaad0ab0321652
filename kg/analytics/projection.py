"""Views of the knowledge graph that the analytics share: concepts per paper and their co-occurrence graph."""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

import networkx as nx

from kg.schema import PAPER_CONCEPT_TYPES

__all__ = ["concept_projection", "concepts_of", "papers_of"]


def _is_concept(data: dict) -> bool:
    return data.get("label") == "Concept"


def concepts_of(graph: nx.MultiDiGraph, types: tuple[str, ...] | list[str] | None = None) -> dict[str, set[str]]:
    """The concepts each paper is linked to (any Paper→Concept relationship), as ``{paper: {concept key}}``.

    Parameters
    ----------
    graph : the kg graph (``kg.graph.read_graph``).
    types : keep only concepts of these types (``"Method"``, ``"Task"`` …); default all.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("p1", label="Paper"); g.add_node("Method:gan", label="Concept", type="Method")
    >>> _ = g.add_edge("p1", "Method:gan", key="USES", type="USES")
    >>> concepts_of(g)
    {'p1': {'Method:gan'}}
    """
    wanted = set(types) if types else None
    result: dict[str, set[str]] = {}
    for node, data in graph.nodes(data=True):
        if data.get("label") != "Paper":
            continue
        found = set()
        for _, target, rel in graph.out_edges(node, data="type"):
            target_data = graph.nodes[target]
            if rel in PAPER_CONCEPT_TYPES and _is_concept(target_data):
                if wanted is None or target_data.get("type") in wanted:
                    found.add(target)
        result[node] = found
    return result


def papers_of(graph: nx.MultiDiGraph, types: tuple[str, ...] | list[str] | None = None) -> dict[str, set[str]]:
    """The papers linked to each concept, as ``{concept key: {paper id}}`` (concepts with no paper left out).

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("p1", label="Paper"); g.add_node("Task:qa", label="Concept", type="Task")
    >>> _ = g.add_edge("p1", "Task:qa", key="ADDRESSES", type="ADDRESSES")
    >>> papers_of(g)
    {'Task:qa': {'p1'}}
    """
    result: dict[str, set[str]] = defaultdict(set)
    for paper, concepts in concepts_of(graph, types).items():
        for concept in concepts:
            result[concept].add(paper)
    return dict(result)


def concept_projection(graph: nx.MultiDiGraph, types: tuple[str, ...] | list[str] | None = None, min_papers: int = 1) -> nx.Graph:
    """The concept co-occurrence graph: concepts linked when a paper names both, ``weight`` = papers in common.

    Every concept with at least ``min_papers`` papers is a node (isolated or not),
    carrying ``name``, ``type`` and ``papers`` from the kg graph.

    Parameters
    ----------
    graph : the kg graph.
    types : keep only concepts of these types; default all.
    min_papers : leave out concepts named by fewer papers.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> for c, t in [("Method:gan", "Method"), ("Task:qa", "Task"), ("Dataset:mnist", "Dataset")]:
    ...     g.add_node(c, label="Concept", type=t, name=c.split(":")[1])
    >>> for p, cs in [("p1", ["Method:gan", "Task:qa"]), ("p2", ["Method:gan", "Task:qa", "Dataset:mnist"])]:
    ...     g.add_node(p, label="Paper")
    ...     for c in cs:
    ...         _ = g.add_edge(p, c, key="USES", type="USES")
    >>> projection = concept_projection(g)
    >>> projection["Method:gan"]["Task:qa"]["weight"], projection.nodes["Dataset:mnist"]["papers"]
    (2, 1)
    """
    members = papers_of(graph, types)
    projection = nx.Graph()
    for concept, papers in sorted(members.items()):  # sorted: the same graph, node order included, in every process
        if len(papers) >= min_papers:
            data = graph.nodes[concept]
            projection.add_node(concept, name=data.get("name", concept), type=data.get("type"), papers=len(papers))
    for concepts in concepts_of(graph, types).values():
        kept = sorted(c for c in concepts if c in projection)
        for u, v in combinations(kept, 2):
            if projection.has_edge(u, v):
                projection[u][v]["weight"] += 1
            else:
                projection.add_edge(u, v, weight=1)
    return projection
