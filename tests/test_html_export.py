"""graph.html as a file: self-contained, escaped, capped, focused."""

import re
from html.parser import HTMLParser

import networkx as nx
import pytest
from conftest import run_kg

from kg.errors import KGError
from kg.sinks.html import export_html

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


def test_bundle_graph_html_caps_nodes_and_says_how_many_are_hidden(built_bundle):
    page = (built_bundle / "graph.html").read_text(encoding="utf-8")
    _check_offline(page)
    shown = int(re.search(r"(\d+) nodes and \d+ relationships shown, of (\d+) nodes", page).group(1))
    total = int(re.search(r"shown, of (\d+) nodes", page).group(1))
    assert shown == 300 and total > shown
    assert f"{total - shown} nodes of lower degree are hidden" in page


def export_html_page(bundle, out, *options):
    """``kg export -f html`` of ``bundle`` into ``out``, as a user runs it."""
    return run_kg("export", "-b", str(bundle), "-f", "html", *options, "-o", str(out), cwd=out)


def test_kg_export_html_focus_writes_an_ego_view(built_bundle, tmp_path):
    result = export_html_page(built_bundle, tmp_path, "--focus", "diffusion model", "--hops", "1")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "graph-diffusion-model.html").read_text(encoding="utf-8")
    _check_offline(page)
    assert "within 1 links of &#39;diffusion model&#39;" in page
    result = export_html_page(built_bundle, tmp_path, "--community", "0", "--max-nodes", "40")
    assert result.returncode == 0, result.stderr
    assert "40 nodes and" in (tmp_path / "graph-community-0.html").read_text(encoding="utf-8")


def test_an_unknown_focus_is_a_clear_error(built_bundle, tmp_path):
    result = export_html_page(built_bundle, tmp_path, "--focus", "difusion modell")
    assert result.returncode == 1 and "no node named 'difusion modell'" in result.stderr and "did you mean" in result.stderr
    with pytest.raises(KGError, match="names 2 nodes"):
        g = nx.MultiDiGraph()
        g.add_node("Method:gan", label="Concept", name="gan", type="Method")
        g.add_node("Task:gan", label="Concept", name="gan", type="Task")
        export_html(g, tmp_path, focus="gan")
