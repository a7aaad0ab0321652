"""Bridges between communities: concepts whose co-occurrences reach into other communities."""

from __future__ import annotations

from collections import defaultdict

import networkx as nx
import pandas as pd

from kg.analytics.projection import concept_projection

__all__ = ["community_bridges", "community_links"]

COLUMNS = ["key", "name", "type", "papers", "community", "communities_reached", "external_weight", "participation"]


def _membership(communities: list[set[str]]) -> dict[str, int]:
    return {node: index for index, members in enumerate(communities) for node in members}


def community_bridges(graph: nx.MultiDiGraph, communities: list[set[str]], *, top: int | None = 20) -> pd.DataFrame:
    """Concepts that link their community to others, most bridging first.

    On the concept co-occurrence graph, a concept's ``participation`` coefficient
    is ``1 - Σ_c (w_c / w)²``, where ``w_c`` is the weight of its links into
    community ``c`` and ``w`` its total link weight: 0 when every co-occurrence
    stays in one community, near 1 when spread over many. ``external_weight``
    counts the papers-in-common weight that leaves its own community.

    Parameters
    ----------
    graph : the kg graph.
    communities : from :func:`~kg.analytics.communities.concept_communities`.
    top : keep this many rows (``None``: every concept with an external link).

    Returns
    -------
    DataFrame with columns ``key, name, type, papers, community, communities_reached,
    external_weight, participation``, sorted by participation, then external weight.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> papers = {"p1": ["Method:gan", "Task:generation"], "p2": ["Method:bert", "Task:qa"],
    ...           "p3": ["Method:transformer", "Task:qa"], "p4": ["Method:transformer", "Task:generation"]}
    >>> for p, cs in papers.items():
    ...     g.add_node(p, label="Paper")
    ...     for c in cs:
    ...         g.add_node(c, label="Concept", type=c.split(":")[0], name=c.split(":")[1])
    ...         _ = g.add_edge(p, c, key="USES", type="USES")
    >>> groups = [{"Method:gan", "Task:generation"}, {"Method:bert", "Task:qa"}, {"Method:transformer"}]
    >>> community_bridges(g, groups)[["name", "communities_reached", "participation"]].values.tolist()
    [['transformer', 2, 0.5], ['generation', 1, 0.5], ['qa', 1, 0.5]]

    References
    ----------
    Guimerà, Amaral (2005), "Functional cartography of complex metabolic networks", doi:10.1038/nature03288.
    """
    projection = concept_projection(graph)
    member = _membership(communities)
    rows = []
    for node in projection:
        if node not in member:
            continue
        weights: dict[int, float] = defaultdict(float)
        for neighbour, data in projection[node].items():
            if neighbour in member:
                weights[member[neighbour]] += data.get("weight", 1)
        total = sum(weights.values())
        external = total - weights.get(member[node], 0.0)
        if external <= 0:
            continue
        data = projection.nodes[node]
        rows.append(
            {
                "key": node,
                "name": data["name"],
                "type": data["type"],
                "papers": data["papers"],
                "community": member[node],
                "communities_reached": sum(1 for c in weights if c != member[node]),
                "external_weight": external,
                "participation": round(1 - sum((w / total) ** 2 for w in weights.values()), 6),
            }
        )
    table = pd.DataFrame(rows, columns=COLUMNS)
    table = table.sort_values(["participation", "external_weight", "name"], ascending=[False, False, True], kind="stable")
    table = table.reset_index(drop=True)
    return table.head(top) if top is not None else table


def community_links(graph: nx.MultiDiGraph, communities: list[set[str]]) -> pd.DataFrame:
    """Weight of co-occurrence between each pair of communities (``source < target``), heaviest first.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("p1", label="Paper")
    >>> for c in ("Method:a", "Task:b"):
    ...     g.add_node(c, label="Concept", type=c.split(":")[0], name=c[-1])
    ...     _ = g.add_edge("p1", c, key="USES", type="USES")
    >>> community_links(g, [{"Method:a"}, {"Task:b"}]).values.tolist()
    [[0, 1, 1]]
    """
    projection = concept_projection(graph)
    member = _membership(communities)
    weights: dict[tuple[int, int], int] = defaultdict(int)
    for u, v, w in projection.edges(data="weight", default=1):
        if u in member and v in member and member[u] != member[v]:
            weights[tuple(sorted((member[u], member[v])))] += w
    rows = [{"source": a, "target": b, "weight": w} for (a, b), w in weights.items()]
    table = pd.DataFrame(rows, columns=["source", "target", "weight"])
    return table.sort_values(["weight", "source", "target"], ascending=[False, True, True], kind="stable").reset_index(drop=True)
