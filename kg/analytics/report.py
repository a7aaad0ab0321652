"""``kg analyze``: every analytic as one offline HTML report, with its plots embedded and a CSV per table."""

from __future__ import annotations

import base64
import html
import io
from pathlib import Path

import networkx as nx
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from kg.analytics.bridges import community_bridges
from kg.analytics.centrality import concept_centrality, top_concepts
from kg.analytics.communities import community_table, concept_communities
from kg.analytics.gaps import research_gaps
from kg.analytics.matrix import method_task_matrix, method_task_pairs
from kg.analytics.similarity import similar_papers
from kg.analytics.trends import concept_trends, date_coverage
from kg.sinks.files import spreadsheet_safe

__all__ = ["REPORT_FILE", "write_report"]

REPORT_FILE = "index.html"
TYPES = ("Method", "Task", "Dataset", "Metric")
#: The same colours as the HTML graph view and the GEXF file (Okabe–Ito).
COLORS = {"Method": "#0072B2", "Task": "#E69F00", "Dataset": "#009E73", "Metric": "#CC79A7"}


def _png(figure: Figure) -> str:
    """The figure as an ``<img>`` with the PNG inline (base64), so the report needs no other file."""
    buffer = io.BytesIO()
    FigureCanvasAgg(figure).print_png(buffer)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return f'<img alt="" src="data:image/png;base64,{data}">'


def _top_concepts_plot(top: pd.DataFrame) -> Figure:
    figure = Figure(figsize=(11, 7), layout="constrained")
    axes = figure.subplots(2, 2).ravel()
    for ax, concept_type in zip(axes, TYPES, strict=True):
        rows = top[top["type"] == concept_type].iloc[::-1]
        ax.barh(rows["name"].astype(str), rows["pagerank"], color=COLORS[concept_type])
        ax.set_title(f"{concept_type}: top by PageRank")
        ax.tick_params(axis="y", labelsize=8)
        ax.locator_params(axis="x", nbins=4)
        if rows.empty:
            ax.text(0.5, 0.5, "none", ha="center", va="center", transform=ax.transAxes)
    return figure


def _trend_plot(trends: pd.DataFrame, lines: int) -> Figure | None:
    if trends.empty or trends["period"].nunique() < 2:
        return None
    leaders = trends.groupby("key")["papers"].sum().sort_values(ascending=False, kind="stable").index[:lines]
    wide = trends[trends["key"].isin(leaders)].pivot_table(index="period", columns="name", values="papers", fill_value=0)
    figure = Figure(figsize=(10, 4.5), layout="constrained")
    ax = figure.subplots()
    for name in wide.columns:
        ax.plot([str(p) for p in wide.index], wide[name], marker="o", label=str(name))
    ax.set_ylabel("papers")
    ax.tick_params(axis="x", labelrotation=45, labelsize=8)
    ax.legend(fontsize=8, ncols=2)
    return figure


def _heatmap(matrix: pd.DataFrame) -> Figure | None:
    if matrix.empty:
        return None
    figure = Figure(figsize=(2 + 0.45 * matrix.shape[1], 1.5 + 0.35 * matrix.shape[0]), layout="constrained")
    ax = figure.subplots()
    image = ax.imshow(matrix.values, cmap="Blues", aspect="auto")
    ax.set_xticks(range(matrix.shape[1]), [str(c) for c in matrix.columns], rotation=60, ha="right", fontsize=8)
    ax.set_yticks(range(matrix.shape[0]), [str(i) for i in matrix.index], fontsize=8)
    high = matrix.values.max() if matrix.size else 0
    for (i, j), value in pd.DataFrame(matrix.values).stack().items():
        if value:
            ax.text(j, i, str(value), ha="center", va="center", fontsize=7, color="white" if value > high / 2 else "black")
    ax.set_xlabel("task")
    ax.set_ylabel("method")
    figure.colorbar(image, ax=ax, label="papers")
    return figure


def _community_plot(communities: pd.DataFrame, shown: int) -> Figure | None:
    if communities.empty:
        return None
    rows = communities.head(shown).iloc[::-1]
    figure = Figure(figsize=(10, 1.5 + 0.32 * len(rows)), layout="constrained")
    ax = figure.subplots()
    left = pd.Series(0, index=rows.index)
    labels = [f"{c}: {n}"[:60] for c, n in zip(rows["community"], rows["name"], strict=True)]
    for concept_type in TYPES:
        ax.barh(labels, rows[concept_type], left=left, color=COLORS[concept_type], label=concept_type)
        left = left + rows[concept_type]
    ax.set_xlabel("concepts")
    ax.tick_params(axis="y", labelsize=8)
    ax.legend(fontsize=8)
    return figure


def _for_spreadsheets(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with every text cell, row name and column name a spreadsheet would run as a formula made text."""
    safe = frame.map(spreadsheet_safe)
    safe.index = safe.index.map(spreadsheet_safe)
    safe.columns = safe.columns.map(spreadsheet_safe)
    return safe


def _table(frame: pd.DataFrame, rows: int, index: bool = False) -> str:
    shown = frame.head(rows)
    note = f"<p class=note>first {rows} of {len(frame)} rows; all in the CSV</p>" if len(frame) > rows else ""
    return shown.to_html(index=index, escape=True, border=0, float_format=lambda x: f"{x:.4g}", na_rep="") + note


def write_report(
    graph: nx.MultiDiGraph,
    out_dir: Path,
    *,
    top: int = 10,
    seed: int | None = 0,
    rows: int = 25,
    title: str = "kg analytics report",
) -> list[Path]:
    """Write ``index.html`` (tables and plots, readable offline) and one CSV per table into ``out_dir``.

    A text cell a spreadsheet would run as a formula (a title starting with ``=`` …) is written
    with a leading ``'`` (``kg.sinks.files.spreadsheet_safe``); the HTML shows it as it is.

    Parameters
    ----------
    graph : the kg graph (``kg.graph.read_graph``).
    out_dir : folder to write into (created).
    top : concepts per type in the top-concepts table and plot; heatmap rows and columns are ``2 * top``.
    seed : seed for Louvain and the betweenness sample, so a report is the same on every run.
    rows : rows of each table shown in the HTML (the CSVs hold every row).

    Returns
    -------
    list of paths written, ``index.html`` first.

    Examples
    --------
    >>> import tempfile
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("p1", label="Paper", title="<b>T</b>", year=2024, month=1)
    >>> for c in ("Method:gan", "Task:qa"):
    ...     g.add_node(c, label="Concept", type=c.split(":")[0], name=c.split(":")[1], papers=1)
    ...     _ = g.add_edge("p1", c, key="USES", type="USES")
    >>> paths = write_report(g, Path(tempfile.mkdtemp()))
    >>> [p.name for p in paths][:3]
    ['index.html', 'top_concepts.csv', 'centrality.csv']
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    centrality = concept_centrality(graph, seed=seed)
    top_table = top_concepts(centrality, n=top)
    communities = concept_communities(graph, seed=seed)
    community_rows = community_table(graph, communities)
    bridges = community_bridges(graph, communities, top=None)
    pair_rows = [
        {"method": graph.nodes[m]["name"], "task": graph.nodes[t]["name"], "papers": n, "method_key": m, "task_key": t}
        for (m, t), n in method_task_pairs(graph).items()
    ]
    pairs = pd.DataFrame(pair_rows, columns=["method", "task", "papers", "method_key", "task_key"])
    pairs = pairs.sort_values(["papers", "method", "task"], ascending=[False, True, True], kind="stable")
    heat = method_task_matrix(graph, top_methods=2 * top, top_tasks=2 * top)
    coverage = date_coverage(graph)
    trends = {by: concept_trends(graph, by) for by in ("year", "month", "month_of_year")}
    gaps = research_gaps(graph, top=100)
    similar = similar_papers(graph, top=200)

    tables: dict[str, tuple[pd.DataFrame, bool]] = {
        "top_concepts": (top_table, False),
        "centrality": (centrality, False),
        "communities": (community_rows, False),
        "bridges": (bridges, False),
        "method_task": (pairs, False),
        "method_task_matrix": (heat, True),
        "trends_year": (trends["year"], False),
        "trends_month": (trends["month"], False),
        "trends_month_of_year": (trends["month_of_year"], False),
        "gaps": (gaps, False),
        "similar_papers": (similar, False),
    }
    written = []
    for name, (frame, index) in tables.items():
        path = out_dir / f"{name}.csv"
        _for_spreadsheets(frame).to_csv(path, index=index)
        written.append(path)

    def figure(fig: Figure | None, missing: str) -> str:
        return _png(fig) if fig is not None else f"<p class=note>{html.escape(missing)}</p>"

    def csv_link(name: str) -> str:
        return f'<a href="{name}.csv">{name}.csv</a>'

    papers = sum(1 for _, d in graph.nodes(data=True) if d.get("label") == "Paper")
    concepts = sum(1 for _, d in graph.nodes(data=True) if d.get("label") == "Concept")
    dated = coverage["year_and_month"] + coverage["year_only"]
    sections: list[tuple[str, str]] = [
        (
            "Top concepts per type",
            f"<p>Centrality on the concept co-occurrence graph (concepts linked when one paper names both). "
            f"Betweenness is estimated from a seeded sample of sources on large graphs. {csv_link('top_concepts')}, "
            f"{csv_link('centrality')} (every concept).</p>"
            + figure(_top_concepts_plot(top_table), "no concepts")
            + _table(top_table, 4 * top),
        ),
        (
            "Trends",
            f"<p>Only dates the inputs give are used: {coverage['year_and_month']} of {coverage['papers']} papers have a "
            f"year and month, {coverage['year_only']} a year only, {coverage['month_without_year']} a month without a "
            f"year (counted by month of year only; no year is guessed), {coverage['undated']} no date. "
            f"{csv_link('trends_year')}, {csv_link('trends_month')}, {csv_link('trends_month_of_year')}.</p>"
            "<h3>Papers per year, most frequent concepts</h3>"
            + figure(_trend_plot(trends["year"], 8), f"fewer than two years among the {dated} papers with a year")
            + "<h3>Papers per month (year and month known)</h3>"
            + figure(_trend_plot(trends["month"], 8), "fewer than two months with a known year")
            + _table(trends["month"], rows),
        ),
        (
            "Method × task",
            f"<p>Papers naming each method together with each task; the {2 * top} methods and tasks with most pairs. "
            f"{csv_link('method_task_matrix')} (this matrix), {csv_link('method_task')} (every pair).</p>"
            + figure(_heatmap(heat), "no paper names a method and a task"),
        ),
        (
            "Communities",
            f"<p>Louvain communities (seed {seed}) of the concept co-occurrence graph, named by their three members with "
            f"the most papers. {csv_link('communities')}.</p>"
            + figure(_community_plot(community_rows, 20), "no communities")
            + _table(community_rows.assign(members=community_rows["members"].str.slice(0, 200)), rows),
        ),
        (
            "Bridges between communities",
            "<p>Concepts whose co-occurrences reach other communities; participation is 0 inside one community and "
            f"approaches 1 when spread evenly. {csv_link('bridges')}.</p>" + _table(bridges, rows),
        ),
        (
            "Gaps",
            "<p>Method–task pairs that no paper names together, ranked by Adamic–Adar link prediction on the concept "
            f"co-occurrence graph (methods and tasks with at least two papers). {csv_link('gaps')}.</p>"
            + _table(gaps.drop(columns=["method_key", "task_key"]), rows),
        ),
        (
            "Similar papers",
            "<p>Pairs of papers by weighted Jaccard similarity of their concepts and keyphrases (rarer shared items weigh "
            f"more). {csv_link('similar_papers')}.</p>" + _table(similar, rows),
        ),
    ]
    body = "".join(f"<section><h2>{html.escape(h)}</h2>{content}</section>" for h, content in sections)
    page = _PAGE.format(
        title=html.escape(title),
        intro=html.escape(f"{papers} papers, {concepts} concepts, {graph.number_of_edges()} relationships."),
        body=body,
    )
    index = out_dir / REPORT_FILE
    index.write_text(page, encoding="utf-8")
    return [index, *written]


_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<style>
body {{ font: 14px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 1200px; padding: 0 1em; color: #222; }}
table {{ border-collapse: collapse; font-size: 12px; margin: .5em 0; }}
th, td {{ border-bottom: 1px solid #ddd; padding: 2px 6px; text-align: left; vertical-align: top; max-width: 40em; }}
th {{ background: #f3f3f3; }}
img {{ max-width: 100%; }}
.note {{ color: #666; font-size: 12px; }}
section {{ margin-bottom: 2.5em; }}
</style></head>
<body><h1>{title}</h1><p>{intro}</p>{body}</body></html>
"""
