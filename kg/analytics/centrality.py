"""Concept centrality: degree, PageRank and betweenness on the concept co-occurrence graph, ranked per type."""

from __future__ import annotations

import networkx as nx
import pandas as pd

from kg.analytics.projection import concept_projection

__all__ = ["concept_centrality", "top_concepts"]

COLUMNS = ["key", "name", "type", "papers", "degree", "pagerank", "betweenness", "rank"]


def concept_centrality(
    graph: nx.MultiDiGraph,
    types: tuple[str, ...] | list[str] | None = None,
    *,
    betweenness_k: int | None = 100,
    seed: int | None = None,
) -> pd.DataFrame:
    """Degree, PageRank and betweenness centrality of every concept, with its rank within its type.

    All three are computed on :func:`~kg.analytics.projection.concept_projection`
    (concepts linked when a paper names both): degree centrality counts the
    distinct concepts a concept co-occurs with, PageRank weights links by the
    papers in common, betweenness counts shortest paths through the concept.

    Parameters
    ----------
    graph : the kg graph (``kg.graph.read_graph``).
    types : only these concept types (``"Method"``, ``"Task"``, ``"Dataset"``, ``"Metric"``); default all.
    betweenness_k : estimate betweenness from this many sampled sources when the
        projection has more nodes (``None``: exact, quadratic time).
    seed : random seed for the betweenness sample.

    Returns
    -------
    DataFrame with columns ``key, name, type, papers, degree, pagerank, betweenness, rank``,
    sorted by type then rank; ``rank`` is 1 for the highest PageRank of its type.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> for c, t in [("Method:gan", "Method"), ("Method:vae", "Method"), ("Task:qa", "Task")]:
    ...     g.add_node(c, label="Concept", type=t, name=c.split(":")[1])
    >>> for p, cs in [("p1", ["Method:gan", "Task:qa"]), ("p2", ["Method:vae", "Task:qa"]), ("p3", ["Method:gan"])]:
    ...     g.add_node(p, label="Paper")
    ...     for c in cs:
    ...         _ = g.add_edge(p, c, key="USES", type="USES")
    >>> table = concept_centrality(g)
    >>> table[["name", "type", "papers", "rank"]].values.tolist()
    [['gan', 'Method', 2, 1], ['vae', 'Method', 1, 2], ['qa', 'Task', 2, 1]]
    >>> float(table.set_index("name").loc["qa", "betweenness"])
    1.0

    Notes
    -----
    PageRank: Page, Brin, Motwani, Winograd (1999), "The PageRank citation ranking".
    Betweenness: Brandes (2001), doi:10.1080/0022250X.2001.9990249.
    """
    projection = concept_projection(graph, types)
    if projection.number_of_nodes() == 0:
        return pd.DataFrame(columns=COLUMNS)
    degree = nx.degree_centrality(projection)
    pagerank = nx.pagerank(projection, weight="weight")
    k = betweenness_k if betweenness_k is not None and projection.number_of_nodes() > betweenness_k else None
    betweenness = nx.betweenness_centrality(projection, k=k, seed=seed)
    rows = [
        {
            "key": node,
            "name": data["name"],
            "type": data["type"],
            "papers": data["papers"],
            "degree": degree[node],
            "pagerank": pagerank[node],
            "betweenness": betweenness[node],
        }
        for node, data in projection.nodes(data=True)
    ]
    table = pd.DataFrame(rows)
    table = table.sort_values(["type", "pagerank", "papers", "name"], ascending=[True, False, False, True], kind="stable")
    table["rank"] = table.groupby("type").cumcount() + 1
    return table.reset_index(drop=True)[COLUMNS]


def top_concepts(centrality: pd.DataFrame, n: int = 10, by: str = "pagerank") -> pd.DataFrame:
    """The ``n`` most central concepts of each type from :func:`concept_centrality`, by the column ``by``.

    Examples
    --------
    >>> table = pd.DataFrame({"name": ["a", "b", "c"], "type": ["Task", "Task", "Method"], "pagerank": [0.1, 0.5, 0.4]})
    >>> top_concepts(table, n=1)["name"].tolist()
    ['c', 'b']
    """
    if by not in centrality.columns:
        raise ValueError(f"unknown column {by!r}; pass one of {', '.join(map(str, centrality.columns))}")
    ordered = centrality.sort_values(["type", by], ascending=[True, False], kind="stable")
    return ordered.groupby("type", sort=True).head(n).reset_index(drop=True)
