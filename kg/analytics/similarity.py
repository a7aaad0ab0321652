"""Similar papers: papers that share concepts and keyphrases, by weighted Jaccard similarity.

Keyphrases are ``Keyphrase`` nodes reached by ``MENTIONS`` edges; a graph built
before keyphrase extraction has none, and similarity then rests on concepts alone.
"""

from __future__ import annotations

import math
from collections import defaultdict
from itertools import combinations

import networkx as nx
import pandas as pd

from kg.analytics.projection import concepts_of

__all__ = ["paper_features", "similar_papers"]

COLUMNS = ["paper", "other", "score", "shared_concepts", "shared_keyphrases", "paper_title", "other_title"]


def paper_features(graph: nx.MultiDiGraph) -> dict[str, set[str]]:
    """Each paper's concepts (node keys) and keyphrases (``Keyphrase:…`` node ids), as one set per paper.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("p1", label="Paper"); g.add_node("Method:gan", label="Concept", type="Method")
    >>> g.add_node("Keyphrase:mode collapse", label="Keyphrase", key="mode collapse", name="mode collapse")
    >>> _ = g.add_edge("p1", "Method:gan", key="USES", type="USES")
    >>> _ = g.add_edge("p1", "Keyphrase:mode collapse", key="MENTIONS", type="MENTIONS", score=0.6)
    >>> sorted(paper_features(g)["p1"])
    ['Keyphrase:mode collapse', 'Method:gan']
    """
    features = concepts_of(graph)
    for paper, found in features.items():
        found.update(
            target
            for _, target, rel in graph.out_edges(paper, data="type")
            if rel == "MENTIONS" and graph.nodes[target].get("label") == "Keyphrase"
        )
    return features


def similar_papers(
    graph: nx.MultiDiGraph, paper: str | None = None, *, top: int | None = 10, min_shared: int = 1
) -> pd.DataFrame:
    """Pairs of papers ranked by the concepts and keyphrases they share.

    The score is a weighted Jaccard similarity: each concept or keyphrase weighs
    ``log(1 + N / n)`` (``N`` papers in all, ``n`` papers naming it), so sharing a
    rare dataset counts more than sharing "neural network"; the score is the
    shared weight over the weight of the union, from 0 to 1.

    Parameters
    ----------
    graph : the kg graph.
    paper : a paper id: only pairs with this paper (as ``paper``); default all pairs.
    top : keep this many rows (``None``: all).
    min_shared : leave out pairs sharing fewer concepts and keyphrases.

    Returns
    -------
    DataFrame with columns ``paper, other, score, shared_concepts, shared_keyphrases``
    (names, "; "-separated), ``paper_title, other_title``; highest score first.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> papers = {"a": ["Method:gan", "Dataset:mnist"], "b": ["Method:gan", "Dataset:mnist"], "c": ["Method:gan"]}
    >>> for p, cs in papers.items():
    ...     g.add_node(p, label="Paper", title=p.upper())
    ...     for c in cs:
    ...         g.add_node(c, label="Concept", type=c.split(":")[0], name=c.split(":")[1])
    ...         _ = g.add_edge(p, c, key="USES", type="USES")
    >>> similar_papers(g)[["paper", "other", "score", "shared_concepts"]].values.tolist()
    [['a', 'b', 1.0, 'mnist; gan'], ['a', 'c', 0.430677, 'gan'], ['b', 'c', 0.430677, 'gan']]
    """
    if paper is not None and (paper not in graph or graph.nodes[paper].get("label") != "Paper"):
        raise ValueError(f"{paper!r} is not a paper of this graph; pass a paper id (a node with label 'Paper')")
    features = paper_features(graph)
    holders: dict[str, set[str]] = defaultdict(set)
    for p, items in features.items():
        for item in items:
            holders[item].add(p)
    total = max(len(features), 1)
    weight = {item: math.log(1 + total / len(ps)) for item, ps in holders.items()}
    shared: dict[tuple[str, str], set[str]] = defaultdict(set)
    for item, ps in holders.items():
        if paper is not None:
            if paper in ps:
                for other in ps - {paper}:
                    shared[paper, other].add(item)
            continue
        for a, b in combinations(sorted(ps), 2):
            shared[a, b].add(item)

    def name(node: str) -> str:
        return str(graph.nodes[node].get("name", node))

    rows = []
    for (a, b), items in shared.items():
        if len(items) < min_shared:
            continue
        union = sum(weight[i] for i in features[a] | features[b])
        ordered = sorted(items, key=lambda i: (-weight[i], name(i)))
        rows.append(
            {
                "paper": a,
                "other": b,
                "score": round(sum(weight[i] for i in items) / union, 6),
                "shared_concepts": "; ".join(name(i) for i in ordered if graph.nodes[i].get("label") == "Concept"),
                "shared_keyphrases": "; ".join(name(i) for i in ordered if graph.nodes[i].get("label") == "Keyphrase"),
                "paper_title": graph.nodes[a].get("title", ""),
                "other_title": graph.nodes[b].get("title", ""),
            }
        )
    table = pd.DataFrame(rows, columns=COLUMNS)
    table = table.sort_values(["score", "paper", "other"], ascending=[False, True, True], kind="stable").reset_index(drop=True)
    return table.head(top) if top is not None else table
