"""graph.html as a file: self-contained, escaped, capped, focused."""

import json
import re
from collections import Counter
from html.parser import HTMLParser

import networkx as nx
import pytest
from conftest import run_kg

from kg.errors import KGError
from kg.graph import read_graph
from kg.sinks.html import (
    DEFAULT_MAP_CONCEPTS,
    DEFAULT_MAX_NODES,
    MIN_SHARED_PAPERS,
    export_html,
    label_box,
    resolve_focus,
    view_options,
)

EVIL = '<img src=x onerror="window.__kgPwned=1"> see href="javascript:alert(1)" </script><b>x</b>'
#: URLs that occur as text inside the inlined vis-network library (licence banners, the SVG namespace); none is fetched.
LIBRARY_TEXT_URLS = {
    "http://almende.com",
    "http://opensource.org/licenses/MIT",
    "http://www.apache.org/licenses/LICENSE-2.0",
    "http://www.w3.org/2000/svg",
    "https://github.com/uuidjs/uuid#getrandomvalues-not-supported",
    "https://github.com/visjs",
    "https://github.com/zloirock/core-js",
    "https://github.com/zloirock/core-js/blob/v3.21.1/LICENSE",
    "https://visjs.github.io/vis-network/",
}


class _Resources(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.scripts = [], 0

    def handle_starttag(self, tag, attrs):
        self.scripts += tag == "script"
        self.links += [(tag, name, value) for name, value in attrs if name in ("src", "href", "action", "data", "poster")]


def evil_graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.add_node("p1", label="Paper", id="p1", title=EVIL, abstract="We use " + EVIL, url="https://example.org/p1")
    g.add_node("Method:gan", label="Concept", key="Method:gan", name="gan <i>net</i>", type="Method", papers=1)
    g.add_edge("p1", "Method:gan", key="USES", type="USES")
    return g


def _check_offline(page: str) -> None:
    parser = _Resources()
    parser.feed(page)
    assert parser.links == [], f"the page links resources: {parser.links}"
    assert not re.search(r"url\(\s*['\"]?(https?:)?//|@import", page)
    data_start = page.index("var rawNodes")
    library, data = page[:data_start], page[data_start:]
    assert set(re.findall(r"https?://[^\s\"'`)<>\\]+", library)) <= LIBRARY_TEXT_URLS
    assert re.search(r"https?://", data[data.index("</script>") :]) is None  # nothing after the data script
    assert "default-src 'none'" in page  # Content-Security-Policy: the browser may fetch nothing


def test_the_page_is_self_contained_and_escapes_paper_text(tmp_path):
    page = export_html(evil_graph(), tmp_path)[0].read_text(encoding="utf-8")
    _check_offline(page)
    assert "vis.Network" in page and "cdn.jsdelivr" not in page and "cdnjs" not in page
    assert "<img src=x" not in page and "<b>x</b>" not in page and "<i>net</i>" not in page
    assert page.count("</script>") == 2  # the inlined library and kg's own script, nothing from the data
    assert "innerHTML" not in page[page.index("var rawNodes") - 2000 :]


def page_data(page: str) -> tuple[list[dict], list[dict]]:
    """The nodes and edges a graph.html hands to vis-network, as the page's script reads them."""
    nodes = json.loads(re.search(r"var rawNodes = (.*);\n", page).group(1))
    edges = json.loads(re.search(r"var rawEdges = (.*);\n", page).group(1))
    return nodes, edges


def test_the_bundle_page_is_a_concept_map_with_papers_claims_and_keyphrases_on_demand(built_bundle):
    page = (built_bundle / "graph.html").read_text(encoding="utf-8")
    _check_offline(page)
    graph = read_graph(built_bundle)
    nodes, edges = page_data(page)
    drawn = [n for n in nodes if not n.get("hidden")]
    concepts = sorted((n for n, d in graph.nodes(data=True) if d["label"] == "Concept"), key=lambda n: -graph.nodes[n]["papers"])
    assert len(drawn) == DEFAULT_MAP_CONCEPTS and {graph.nodes[n["id"]]["label"] for n in drawn} == {"Concept"}
    fewest = min(graph.nodes[n["id"]]["papers"] for n in drawn)
    assert all(graph.nodes[c]["papers"] <= fewest for c in concepts[DEFAULT_MAP_CONCEPTS:])  # the most named ones
    assert all(n["label"] == graph.nodes[n["id"]]["name"][:40] or n["label"].endswith("…") for n in drawn)  # labels: `name`
    assert f"The {DEFAULT_MAP_CONCEPTS} concepts named by most papers (of {len(concepts)})" in page
    for kind in ("Paper", "Claim", "Keyphrase"):  # held in the page, hidden until their box is ticked
        held = [n for n in nodes if n["kg_kind"] == kind]
        assert 0 < len(held) <= DEFAULT_MAX_NODES and all(n["hidden"] for n in held), kind
        assert re.search(rf'data-kind="{kind}">.*?{kind} \({len(held)}( of \d+)?\)', page, re.DOTALL), kind


def test_map_links_count_the_papers_two_concepts_share(built_bundle):
    graph = read_graph(built_bundle)
    nodes, edges = page_data((built_bundle / "graph.html").read_text(encoding="utf-8"))
    on_map = {n["id"] for n in nodes if not n.get("hidden")}
    links = [e for e in edges if e["from"] in on_map and e["to"] in on_map]
    assert links and all(e["kg_kind"] == "link" for e in links)
    for link in links:
        papers_of = [{p for p, _ in graph.in_edges(c) if graph.nodes[p]["label"] == "Paper"} for c in (link["from"], link["to"])]
        shared = len(papers_of[0] & papers_of[1])
        stated = [t for u, v, t in graph.edges(data="type") if {u, v} == {link["from"], link["to"]}]
        assert shared >= MIN_SHARED_PAPERS or stated, link
        assert (f"{shared} papers name both" in link["kg_lines"]) == (shared > 0), link
    concept = next(n for n in nodes if n["id"] in on_map)
    titles = sorted(graph.nodes[p]["title"] for p, _ in graph.in_edges(concept["id"]) if graph.nodes[p]["label"] == "Paper")
    listed = [line[2:] for line in concept["kg_lines"] if line.startswith("• ")]
    assert len(listed) == min(len(titles), 8) and set(listed) <= set(titles)  # the tooltip lists the concept's papers


def test_the_map_is_laid_out_without_overlapping_labels(built_bundle):
    nodes, _ = page_data((built_bundle / "graph.html").read_text(encoding="utf-8"))
    boxes = [(n["x"], n["y"], *label_box(n["label"], n["font"]["size"])) for n in nodes if not n.get("hidden")]
    for i, (x, y, w, h) in enumerate(boxes):
        for u, v, ww, hh in boxes[i + 1 :]:
            assert abs(x - u) >= (w + ww) / 2 or abs(y - v) >= (h + hh) / 2


def test_map_labels_are_the_concept_name_with_its_case(tmp_path):
    graph = nx.MultiDiGraph()
    graph.add_node("p1", label="Paper", id="p1", title="A paper", abstract="We train on CIFAR-10.")
    graph.add_node("Dataset:cifar 10", label="Concept", key="Dataset:cifar 10", name="CIFAR-10", type="Dataset", papers=1)
    graph.add_edge("p1", "Dataset:cifar 10", key="EVALUATES_ON", type="EVALUATES_ON")
    nodes, _ = page_data(export_html(graph, tmp_path)[0].read_text(encoding="utf-8"))
    assert [n["label"] for n in nodes if not n.get("hidden")] == ["CIFAR-10"]


def export_html_page(bundle, out, *options):
    """``kg export -f html`` of ``bundle`` into ``out``, as a user runs it."""
    return run_kg("export", "-b", str(bundle), "-f", "html", *options, "-o", str(out), cwd=out)


def test_kg_export_html_focus_writes_an_ego_view(built_bundle, tmp_path):
    result = export_html_page(built_bundle, tmp_path, "--focus", "diffusion model", "--hops", "1")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "graph-diffusion-model.html").read_text(encoding="utf-8")
    _check_offline(page)
    graph = read_graph(built_bundle)
    name = graph.nodes[resolve_focus(graph, "diffusion model")]["name"]  # as the papers most often write it
    assert f"within 1 links of &#39;{name}&#39;" in page
    # a focus view draws every node within reach, papers and claims included: around the concept most claims are about
    about = Counter(concept for _, concept, key in graph.edges(keys=True) if key == "ABOUT")
    claimed = about.most_common(1)[0][0]
    assert export_html_page(built_bundle, tmp_path, "--focus", claimed, "--hops", "1").returncode == 0
    filename = view_options(graph, focus=claimed)["filename"]  # the file kg names after the focus as given
    nodes, _ = page_data((tmp_path / filename).read_text(encoding="utf-8"))
    assert {"Paper", "Claim"} <= {n["kg_kind"] for n in nodes if not n.get("hidden")}
    result = export_html_page(built_bundle, tmp_path, "--community", "0", "--max-nodes", "40")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "graph-community-0.html").read_text(encoding="utf-8")
    assert re.search(r"The 40 concepts named by most papers \(of \d+\)", page)
    assert sum(not n.get("hidden") for n in page_data(page)[0]) == 40


def test_an_unknown_focus_is_a_clear_error(built_bundle, tmp_path):
    result = export_html_page(built_bundle, tmp_path, "--focus", "difusion modell")
    assert result.returncode == 1 and "no node named 'difusion modell'" in result.stderr and "did you mean" in result.stderr
    with pytest.raises(KGError, match="names 2 nodes"):
        g = nx.MultiDiGraph()
        g.add_node("Method:gan", label="Concept", name="gan", type="Method")
        g.add_node("Task:gan", label="Concept", name="gan", type="Task")
        export_html(g, tmp_path, focus="gan")
