"""The method × task matrix: how many papers name each method together with each task."""

from __future__ import annotations

from collections import Counter

import networkx as nx
import pandas as pd

from kg.analytics.projection import concepts_of

__all__ = ["method_task_matrix", "method_task_pairs"]


def method_task_pairs(graph: nx.MultiDiGraph) -> Counter:
    """Papers per (method key, task key) pair, for every pair some paper names together.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("p1", label="Paper")
    >>> for c in ("Method:gan", "Task:qa"):
    ...     g.add_node(c, label="Concept", type=c.split(":")[0], name=c.split(":")[1])
    ...     _ = g.add_edge("p1", c, key="USES", type="USES")
    >>> method_task_pairs(g)
    Counter({('Method:gan', 'Task:qa'): 1})
    """
    pairs: Counter = Counter()
    for concepts in concepts_of(graph, ("Method", "Task")).values():
        methods = sorted(c for c in concepts if graph.nodes[c].get("type") == "Method")
        tasks = sorted(c for c in concepts if graph.nodes[c].get("type") == "Task")
        pairs.update((m, t) for m in methods for t in tasks)
    return pairs


def method_task_matrix(graph: nx.MultiDiGraph, *, top_methods: int | None = None, top_tasks: int | None = None) -> pd.DataFrame:
    """Papers per method (rows) and task (columns), named by concept name; zeros where no paper has the pair.

    Only methods and tasks that share at least one paper appear. With ``top_methods``
    / ``top_tasks``, keep those with the most papers across the matrix.

    Parameters
    ----------
    graph : the kg graph.
    top_methods, top_tasks : keep this many rows / columns (``None``: all).

    Returns
    -------
    DataFrame of ints, index ``method``, columns ``task``, both sorted by row/column total, largest first.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> papers = {"p1": ["Method:gan", "Task:generation"], "p2": ["Method:gan", "Task:generation", "Task:qa"]}
    >>> for p, cs in papers.items():
    ...     g.add_node(p, label="Paper")
    ...     for c in cs:
    ...         g.add_node(c, label="Concept", type=c.split(":")[0], name=c.split(":")[1])
    ...         _ = g.add_edge(p, c, key="USES", type="USES")
    >>> method_task_matrix(g).to_dict("index")
    {'gan': {'generation': 2, 'qa': 1}}
    """
    pairs = method_task_pairs(graph)
    if not pairs:
        return pd.DataFrame(dtype=int).rename_axis(index="method", columns="task")
    rows = [{"method": graph.nodes[m]["name"], "task": graph.nodes[t]["name"], "papers": n} for (m, t), n in pairs.items()]
    table = pd.DataFrame(rows).pivot_table(index="method", columns="task", values="papers", aggfunc="sum", fill_value=0)
    methods = table.sum(axis=1).sort_values(ascending=False, kind="stable")
    tasks = table.sum(axis=0).sort_values(ascending=False, kind="stable")
    methods = methods.iloc[:top_methods] if top_methods is not None else methods
    tasks = tasks.iloc[:top_tasks] if top_tasks is not None else tasks
    table = table.loc[methods.index, tasks.index].astype(int)
    table.index.name, table.columns.name = "method", "task"
    return table
