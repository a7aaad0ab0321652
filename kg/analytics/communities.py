"""Communities of concepts: Louvain on the concept co-occurrence graph, each named by its top members."""

from __future__ import annotations

import networkx as nx
import pandas as pd

from kg.analytics.projection import concept_projection

__all__ = ["community_nodes", "community_table", "concept_communities", "community_name"]


def concept_communities(
    graph: nx.MultiDiGraph,
    types: tuple[str, ...] | list[str] | None = None,
    *,
    min_papers: int = 1,
    resolution: float = 1.0,
    seed: int | None = None,
) -> list[set[str]]:
    """Communities of concepts that papers name together, largest first.

    Louvain modularity maximisation (networkx ``louvain_communities``) on the
    :func:`~kg.analytics.projection.concept_projection`, links weighted by papers
    in common. A concept that no paper shares with another is a community of one.

    Parameters
    ----------
    graph : the kg graph.
    types : only these concept types; default all.
    min_papers : leave out concepts named by fewer papers (1 keeps all).
    resolution : above 1 favours smaller communities, below 1 larger ones.
    seed : random seed; pass an int for the same communities on every run.

    Returns
    -------
    list of sets of concept keys, sorted by size (largest first), then by smallest key.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> papers = {"p1": ["Method:gan", "Task:image generation"], "p2": ["Method:gan", "Task:image generation"],
    ...           "p3": ["Method:bert", "Task:qa"], "p4": ["Method:bert", "Task:qa"]}
    >>> for p, cs in papers.items():
    ...     g.add_node(p, label="Paper")
    ...     for c in cs:
    ...         g.add_node(c, label="Concept", type=c.split(":")[0], name=c.split(":")[1])
    ...         _ = g.add_edge(p, c, key="USES", type="USES")
    >>> [sorted(c) for c in concept_communities(g, seed=0)]
    [['Method:bert', 'Task:qa'], ['Method:gan', 'Task:image generation']]

    References
    ----------
    Blondel, Guillaume, Lambiotte, Lefebvre (2008), doi:10.1088/1742-5468/2008/10/P10008.
    """
    projection = concept_projection(graph, types, min_papers=min_papers)
    if projection.number_of_nodes() == 0:
        return []
    found = nx.community.louvain_communities(projection, weight="weight", resolution=resolution, seed=seed)
    return sorted((set(c) for c in found), key=lambda c: (-len(c), min(c)))


def community_name(graph: nx.MultiDiGraph, members: set[str], top: int = 3) -> str:
    """A community's name: its ``top`` members with the most papers, joined by " / ".

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("Method:gan", name="gan", papers=5); g.add_node("Task:qa", name="qa", papers=9)
    >>> community_name(g, {"Method:gan", "Task:qa"})
    'qa / gan'
    """
    ranked = sorted(members, key=lambda n: (-graph.nodes[n].get("papers", 0), graph.nodes[n].get("name", n)))
    return " / ".join(str(graph.nodes[n].get("name", n)) for n in ranked[:top])


def community_table(graph: nx.MultiDiGraph, communities: list[set[str]], top: int = 3) -> pd.DataFrame:
    """One row per community: ``community`` (its index), ``name``, ``size``, concepts per type, ``members``.

    ``members`` lists every concept name, most papers first.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("Method:gan", name="gan", type="Method", papers=5); g.add_node("Task:qa", name="qa", type="Task", papers=9)
    >>> community_table(g, [{"Method:gan", "Task:qa"}])[["community", "name", "size", "Method", "Task"]].values.tolist()
    [[0, 'qa / gan', 2, 1, 1]]
    """
    types = ["Method", "Task", "Dataset", "Metric"]
    rows = []
    for index, members in enumerate(communities):
        ranked = sorted(members, key=lambda n: (-graph.nodes[n].get("papers", 0), graph.nodes[n].get("name", n)))
        row = {"community": index, "name": community_name(graph, members, top), "size": len(members)}
        for concept_type in types:
            row[concept_type] = sum(1 for n in members if graph.nodes[n].get("type") == concept_type)
        row["members"] = "; ".join(str(graph.nodes[n].get("name", n)) for n in ranked)
        rows.append(row)
    return pd.DataFrame(rows, columns=["community", "name", "size", *types, "members"])


def community_nodes(graph: nx.MultiDiGraph, members: set[str], *, min_members: int = 2) -> set[str]:
    """A community's concepts and the papers naming at least ``min_members`` of them: the nodes of its view.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> for p, cs in {"p1": ["Method:a", "Task:b"], "p2": ["Method:a"]}.items():
    ...     g.add_node(p, label="Paper")
    ...     for c in cs:
    ...         g.add_node(c, label="Concept", type=c.split(":")[0], name=c[-1])
    ...         _ = g.add_edge(p, c, key="USES", type="USES")
    >>> sorted(community_nodes(g, {"Method:a", "Task:b"}))
    ['Method:a', 'Task:b', 'p1']
    """
    papers = {
        paper
        for paper, data in graph.nodes(data=True)
        if data.get("label") == "Paper" and len({t for _, t in graph.out_edges(paper)} & members) >= min_members
    }
    return set(members) | papers
