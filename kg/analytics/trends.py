"""Trends: how many papers name each concept per year or month, where the paper's date is known.

Dates are used only as far as the inputs give them: a paper with a year and a
month counts for that month, one with only a month and a day ("Feb 21" on a
Hugging Face page) counts for ``by="month_of_year"`` alone, and a paper with
no date counts for nothing. A year is never guessed.
"""

from __future__ import annotations

from collections import Counter

import networkx as nx
import pandas as pd

from kg.analytics.projection import concepts_of

__all__ = ["concept_trends", "date_coverage", "PERIODS"]

#: What ``by`` may be, and the date parts each needs.
PERIODS: dict[str, tuple[str, ...]] = {"year": ("year",), "month": ("year", "month"), "month_of_year": ("month",)}
COLUMNS = ["period", "key", "name", "type", "papers"]


def _period(data: dict, by: str) -> str | int | None:
    if any(data.get(part) is None for part in PERIODS[by]):
        return None
    if by == "year":
        return int(data["year"])
    if by == "month":
        return f"{int(data['year']):04d}-{int(data['month']):02d}"
    return int(data["month"])


def date_coverage(graph: nx.MultiDiGraph) -> dict[str, int]:
    """How many papers have a year and month, a month without a year, a year only, or no date.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("a", label="Paper", year=2024, month=2, day=1); g.add_node("b", label="Paper", month=2, day=21)
    >>> g.add_node("c", label="Paper")
    >>> date_coverage(g)
    {'papers': 3, 'year_and_month': 1, 'month_without_year': 1, 'year_only': 0, 'undated': 1}
    """
    counts = Counter()
    for _, data in graph.nodes(data=True):
        if data.get("label") != "Paper":
            continue
        year, month = data.get("year") is not None, data.get("month") is not None
        counts["papers"] += 1
        counts["year_and_month" if year and month else "month_without_year" if month else "year_only" if year else "undated"] += 1
    return {k: counts[k] for k in ("papers", "year_and_month", "month_without_year", "year_only", "undated")}


def concept_trends(
    graph: nx.MultiDiGraph,
    by: str = "year",
    *,
    types: tuple[str, ...] | list[str] | None = None,
    concepts: list[str] | None = None,
) -> pd.DataFrame:
    """Papers per concept and period, counting only papers whose date has the parts the period needs.

    Parameters
    ----------
    graph : the kg graph.
    by : ``"year"`` (needs a year), ``"month"`` (``"2024-02"``; needs year and month) or
        ``"month_of_year"`` (1–12; needs a month, so it also counts papers whose year is unknown).
    types : only concepts of these types.
    concepts : only these concept keys.

    Returns
    -------
    Long DataFrame with columns ``period, key, name, type, papers``, sorted by period then
    papers (most first). Use ``table.pivot_table(index="period", columns="name", values="papers")``
    for one column per concept.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("Method:gan", label="Concept", type="Method", name="gan")
    >>> for p, date in {"a": {"year": 2023, "month": 5}, "b": {"year": 2024, "month": 1}, "c": {"month": 1}, "d": {}}.items():
    ...     g.add_node(p, label="Paper", **date)
    ...     _ = g.add_edge(p, "Method:gan", key="USES", type="USES")
    >>> concept_trends(g, "year")[["period", "name", "papers"]].values.tolist()
    [[2023, 'gan', 1], [2024, 'gan', 1]]
    >>> concept_trends(g, "month_of_year")[["period", "papers"]].values.tolist()
    [[1, 2], [5, 1]]
    """
    if by not in PERIODS:
        raise ValueError(f"unknown period {by!r}; pass one of {', '.join(PERIODS)}")
    wanted = set(concepts) if concepts is not None else None
    counts: Counter = Counter()
    for paper, linked in concepts_of(graph, types).items():
        period = _period(graph.nodes[paper], by)
        if period is None:
            continue
        counts.update((period, c) for c in linked if wanted is None or c in wanted)
    rows = [
        {"period": period, "key": c, "name": graph.nodes[c].get("name", c), "type": graph.nodes[c].get("type"), "papers": n}
        for (period, c), n in counts.items()
    ]
    table = pd.DataFrame(rows, columns=COLUMNS)
    return table.sort_values(["period", "papers", "key"], ascending=[True, False, True], kind="stable").reset_index(drop=True)
