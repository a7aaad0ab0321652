"""Research gaps: method–task pairs that link prediction scores high but that no paper names together yet."""

from __future__ import annotations

import math
from collections import defaultdict

import networkx as nx
import pandas as pd

from kg.analytics.projection import concept_projection

__all__ = ["research_gaps"]

COLUMNS = ["method", "task", "score", "common", "shared", "method_papers", "task_papers", "method_key", "task_key"]


def research_gaps(
    graph: nx.MultiDiGraph,
    *,
    top: int | None = 20,
    min_papers: int = 2,
    shown: int = 5,
    index: str = "adamic_adar",
) -> pd.DataFrame:
    """Method–task pairs with no paper in common, ranked by their Adamic–Adar link-prediction score.

    On the :func:`~kg.analytics.projection.concept_projection` of every concept
    type, a method and a task that never appear in one paper but co-occur with
    the same other concepts (methods, tasks, datasets, metrics) are likely
    candidates for a paper nobody has written yet. The score of a pair
    ``(m, t)`` is ``Σ 1 / log(degree(z))`` over their common neighbours ``z``,
    so a shared rare concept counts more than a shared ubiquitous one;
    ``index="resource_allocation"`` uses ``Σ 1 / degree(z)``, which discounts hubs more.

    Parameters
    ----------
    graph : the kg graph.
    top : keep this many pairs (``None``: all with a common neighbour).
    min_papers : consider only methods and tasks named by at least this many papers.
    shown : how many common neighbours (most papers first) to list in ``shared``.
    index : ``"adamic_adar"`` or ``"resource_allocation"``.

    Returns
    -------
    DataFrame with columns ``method, task, score, common`` (number of common
    neighbours), ``shared`` (their names, "; "-separated), ``method_papers,
    task_papers, method_key, task_key``; highest score first.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> papers = {"p1": ["Method:gan", "Dataset:mnist"], "p2": ["Task:generation", "Dataset:mnist"],
    ...           "p3": ["Method:gan", "Dataset:mnist"], "p4": ["Task:generation", "Dataset:mnist"]}
    >>> for p, cs in papers.items():
    ...     g.add_node(p, label="Paper")
    ...     for c in cs:
    ...         g.add_node(c, label="Concept", type=c.split(":")[0], name=c.split(":")[1])
    ...         _ = g.add_edge(p, c, key="USES", type="USES")
    >>> gaps = research_gaps(g)
    >>> gaps[["method", "task", "common", "shared"]].values.tolist(), round(float(gaps["score"][0]), 3)
    ([['gan', 'generation', 1, 'mnist']], 1.443)

    References
    ----------
    Adamic, Adar (2003), doi:10.1016/S0378-8733(03)00009-1;
    Liben-Nowell, Kleinberg (2007), "The link-prediction problem for social networks", doi:10.1002/asi.20591;
    Zhou, Lü, Zhang (2009), doi:10.1140/epjb/e2009-00335-8.
    """
    if index not in ("adamic_adar", "resource_allocation"):
        raise ValueError(f"unknown index {index!r}; pass 'adamic_adar' or 'resource_allocation'")
    projection = concept_projection(graph)
    nodes = projection.nodes

    def kept(node: str, kind: str) -> bool:
        return nodes[node].get("type") == kind and nodes[node].get("papers", 0) >= min_papers

    scores: dict[tuple[str, str], float] = defaultdict(float)
    common: dict[tuple[str, str], list[str]] = defaultdict(list)
    for method in projection:
        if not kept(method, "Method"):
            continue
        for middle in projection[method]:
            degree = projection.degree(middle)
            if degree < 2:  # linked to the method alone
                continue
            weight = 1.0 / math.log(degree) if index == "adamic_adar" else 1.0 / degree
            for task in projection[middle]:
                if task != method and kept(task, "Task") and not projection.has_edge(method, task):
                    scores[method, task] += weight
                    common[method, task].append(middle)
    rows = []
    for (method, task), score in scores.items():
        middles = sorted(common[method, task], key=lambda z: (-nodes[z]["papers"], nodes[z]["name"]))
        rows.append(
            {
                "method": nodes[method]["name"],
                "task": nodes[task]["name"],
                "score": score,
                "common": len(middles),
                "shared": "; ".join(nodes[z]["name"] for z in middles[:shown]),
                "method_papers": nodes[method]["papers"],
                "task_papers": nodes[task]["papers"],
                "method_key": method,
                "task_key": task,
            }
        )
    table = pd.DataFrame(rows, columns=COLUMNS)
    table = table.sort_values(["score", "method", "task"], ascending=[False, True, True], kind="stable").reset_index(drop=True)
    return table.head(top) if top is not None else table
