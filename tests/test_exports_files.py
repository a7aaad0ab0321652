"""GraphML, GEXF and CSV in every bundle: they round-trip through networkx to the graph kg built."""

import csv
import re
from collections import Counter

import networkx as nx
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
