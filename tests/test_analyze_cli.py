"""``kg analyze``: the offline report, its CSV tables, and the example scripts."""

import re
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pandas as pd
from conftest import REPO, run_kg

from kg.analytics.report import write_report

TABLES = {
    "top_concepts",
    "centrality",
    "communities",
    "bridges",
    "method_task",
    "method_task_matrix",
    "trends_year",
    "trends_month",
    "trends_month_of_year",
    "gaps",
    "similar_papers",
}


def test_kg_analyze_writes_an_offline_report_with_plots_and_a_csv_per_table(built_bundle, tmp_path):
    out = tmp_path / "report"
    result = run_kg("analyze", "--bundle", str(built_bundle), "--out", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert {p.stem for p in out.glob("*.csv")} == TABLES
    for name in TABLES - {"trends_month_of_year"}:
        assert len(pd.read_csv(out / f"{name}.csv")) > 0, name
    page = (out / "index.html").read_text(encoding="utf-8")
    assert len(re.findall(r'<img alt="" src="data:image/png;base64,', page)) >= 5  # top concepts, 2 trends, heatmap, communities
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", page), "the report must not load anything remote"
    for heading in ("Top concepts per type", "Trends", "Method × task", "Communities", "Bridges", "Gaps", "Similar papers"):
        assert heading in page


def test_the_report_escapes_paper_text(tmp_path):
    g = nx.MultiDiGraph()
    g.add_node("p1", label="Paper", title="<script>alert(1)</script>", year=2024, month=1)
    g.add_node("p2", label="Paper", title="x", year=2024, month=2)
    for c in ("Method:<b>gan</b>", "Task:qa"):
        g.add_node(c, label="Concept", type=c.split(":")[0], name=c.split(":")[1], papers=2)
        for p in ("p1", "p2"):
            g.add_edge(p, c, key="USES", type="USES")
    page = write_report(g, tmp_path)[0].read_text(encoding="utf-8")
    assert "<script>" not in page and "<b>gan</b>" not in page
    assert "&lt;b&gt;gan&lt;/b&gt;" in page


def test_analyze_without_a_bundle_is_a_clear_error(tmp_path):
    result = run_kg("analyze", "--bundle", str(tmp_path / "nothing"), cwd=tmp_path)
    assert result.returncode == 1 and "run `kg build` first" in result.stderr


def test_the_example_scripts_run_on_the_bundle(built_bundle):
    for script in sorted((REPO / "examples").glob("*.py")):
        result = subprocess.run([sys.executable, str(script), str(built_bundle)], capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, f"{script.name}: {result.stderr}"
        assert len(result.stdout.splitlines()) > 8, script.name
    assert len(list(Path(REPO / "examples").glob("*.py"))) == 2
