"""``graph.html``: an interactive view of the graph (pyvis / vis-network) that works offline.

The page is one file: vis-network's script and stylesheet (from the pyvis
package) are inlined, nothing is linked from a CDN, and a Content-Security-Policy
forbids the page to fetch anything. pyvis builds the nodes, edges and options;
kg's own template (``templates/graph.html``) renders them, because pyvis's
template links bootstrap from a CDN and shows a tooltip as HTML (``innerHTML``)
as soon as any title holds "href". Here every string from the papers reaches
the page as JSON data and is put into the DOM as text (``textContent``).

Nodes are coloured and shaped by type, sized by degree; a legend filters by
type, a search box finds a node by title or name, and a tooltip shows a paper's
title, the start of its abstract and its claims. A large graph is cut to the
``max_nodes`` nodes of highest degree, and the page says how many are hidden.

>>> import tempfile
>>> graph = nx.MultiDiGraph()
>>> graph.add_node("p1", label="Paper", id="p1", title="<img src=x onerror=alert(1)> href", abstract="We use GANs.")
>>> graph.add_node("Method:gan", label="Concept", key="Method:gan", name="gan", type="Method", papers=1)
>>> _ = graph.add_edge("p1", "Method:gan", key="USES", type="USES")
>>> page = export_html(graph, Path(tempfile.mkdtemp()))[0].read_text(encoding="utf-8")
>>> "<img src=x" in page, "https://cdn" in page
(False, False)
"""

from __future__ import annotations

import json
import logging
import re
from difflib import get_close_matches
from importlib.resources import files
from pathlib import Path
from typing import Any

import networkx as nx
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from kg.errors import KGError
from kg.sinks.files import TYPE_COLORS, node_kind

__all__ = ["DEFAULT_MAX_NODES", "HTML_FILE", "export_html", "resolve_focus", "select_view", "view_options"]

logger = logging.getLogger(__name__)

HTML_FILE = "graph.html"
#: More nodes than this make vis-network's layout slow in a browser; the rest are hidden.
DEFAULT_MAX_NODES = 300

#: vis-network shape and the legend's symbol for it, per node kind.
SHAPES: dict[str, tuple[str, str]] = {
    "Paper": ("square", "■"),
    "Method": ("dot", "●"),
    "Task": ("diamond", "◆"),
    "Dataset": ("triangle", "▲"),
    "Metric": ("star", "★"),
    "Claim": ("triangleDown", "▼"),
    "Keyphrase": ("hexagon", "⬢"),
}
SNIPPET = 300
_TEMPLATES = Path(str(files("kg.sinks"))) / "templates"


def resolve_focus(graph: nx.MultiDiGraph, focus: str) -> str:
    """The node ``focus`` names: a node id, a concept key or name, or a paper title (case-insensitive).

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("Method:gan", label="Concept", name="gan", type="Method")
    >>> resolve_focus(g, "GAN"), resolve_focus(g, "method:gan")
    ('Method:gan', 'Method:gan')
    """
    if focus in graph:
        return focus
    wanted = focus.strip().casefold()
    # Concepts first: the keyphrase "diffusion model" must not shadow the concept of that name.
    concepts = [(n, d) for n, d in graph.nodes(data=True) if d.get("label") == "Concept"]
    for pool in (concepts, list(graph.nodes(data=True))):
        for field in ("key", "name", "title"):
            matches = sorted(n for n, d in pool if str(d.get(field, n if field == "key" else "")).casefold() == wanted)
            if len(matches) == 1:
                return matches[0]
            if len(matches) > 1:
                raise KGError(f"{focus!r} names {len(matches)} nodes; pass one of: {', '.join(matches[:10])}")
    names = {str(d.get("name") or d.get("title") or n): n for n, d in graph.nodes(data=True)}
    close = get_close_matches(focus, list(names), n=5, cutoff=0.6)
    hint = (
        f"; did you mean {', '.join(repr(c) for c in close)}?"
        if close
        else "; pass a concept name, a key like 'Method:gan' or a paper id"
    )
    raise KGError(f"no node named {focus!r} in the graph{hint}")


def select_view(
    graph: nx.MultiDiGraph,
    *,
    focus: str | None = None,
    hops: int = 2,
    nodes: list[str] | set[str] | None = None,
    max_nodes: int | None = DEFAULT_MAX_NODES,
) -> tuple[nx.MultiDiGraph, int, str | None]:
    """The subgraph to draw, how many nodes of the candidate view were left out, and the focus node id.

    With ``focus``, the view is every node within ``hops`` links of it (direction
    ignored: concept → its papers → their other concepts is two hops); with
    ``nodes``, those nodes; else the whole graph. Then, when more than
    ``max_nodes`` remain, only the ``max_nodes`` of highest degree in the view are
    kept (the focus always is).

    >>> g = nx.path_graph(["a", "b", "c", "d"], create_using=nx.MultiDiGraph)
    >>> view, hidden, centre = select_view(g, focus="a", hops=2)
    >>> sorted(view), hidden, centre
    (['a', 'b', 'c'], 0, 'a')
    >>> view, hidden, _ = select_view(g, max_nodes=2)
    >>> sorted(view), hidden
    (['b', 'c'], 2)
    """
    if hops < 0:
        raise ValueError(f"hops must be 0 or more, not {hops}")
    if max_nodes is not None and max_nodes < 1:
        raise ValueError(f"max_nodes must be 1 or more, not {max_nodes}; pass None for no limit")
    centre = resolve_focus(graph, focus) if focus else None
    if centre is not None:
        candidates = set(nx.ego_graph(graph.to_undirected(as_view=True), centre, radius=hops))
    elif nodes is not None:
        candidates = {n for n in nodes if n in graph}
    else:
        candidates = set(graph)
    view = graph.subgraph(candidates)
    hidden = 0
    if max_nodes is not None and len(candidates) > max_nodes:
        ranked = sorted(candidates, key=lambda n: (n != centre, -view.degree(n), str(n)))
        view = graph.subgraph(ranked[:max_nodes])
        hidden = len(candidates) - max_nodes
    return view, hidden, centre


def view_options(
    graph: nx.MultiDiGraph,
    *,
    focus: str | None = None,
    hops: int = 2,
    community: int | None = None,
    max_nodes: int | None = DEFAULT_MAX_NODES,
    seed: int | None = 0,
) -> dict[str, Any]:
    """:func:`export_html` keywords for ``kg export --format html``: an ego view, a community view or the whole graph.

    A view gets its own file name (``graph-diffusion-model.html``, ``graph-community-3.html``) so it never
    replaces the bundle's ``graph.html``. Community numbers are those of ``kg analyze`` (Louvain, same seed).

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("Method:diffusion model", label="Concept", name="diffusion model", type="Method")
    >>> view_options(g, focus="Diffusion Model")["filename"]
    'graph-diffusion-model.html'
    """
    if focus is not None and community is not None:
        raise KGError("pass --focus or --community, not both")
    options: dict[str, Any] = {"max_nodes": max_nodes}
    if focus is not None:
        centre = resolve_focus(graph, focus)
        name = str(graph.nodes[centre].get("name") or centre)
        slug = re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-")[:60] or "focus"
        options.update(focus=centre, hops=hops, filename=f"graph-{slug}.html")
    elif community is not None:
        from kg.analytics.communities import community_name, community_nodes, concept_communities

        communities = concept_communities(graph, seed=seed)
        if community >= len(communities):
            raise KGError(f"there are {len(communities)} communities, numbered 0 to {len(communities) - 1}; not {community}")
        members = communities[community]
        options.update(
            nodes=community_nodes(graph, members),
            filename=f"graph-community-{community}.html",
            title=f"kg community {community}: {community_name(graph, members)}",
        )
    return options


def _lines(graph: nx.MultiDiGraph, node: str, data: dict[str, Any]) -> list[str]:
    """The tooltip's lines under the heading: plain text, made safe in the page, not here."""
    label = data.get("label")
    if label == "Paper":
        lines = []
        date = "-".join(f"{data[p]:02d}" if p != "year" else str(data[p]) for p in ("year", "month", "day") if data.get(p))
        if date:
            lines.append(f"date: {date}" if data.get("year") else f"month-day: {date} (year unknown)")
        abstract = str(data.get("abstract") or "")
        if abstract:
            lines.append(abstract[:SNIPPET] + ("…" if len(abstract) > SNIPPET else ""))
        claims = [graph.nodes[c].get("text", c) for _, c, t in graph.out_edges(node, data="type") if t == "MAKES"]
        lines += [f"claim: {text}" for text in claims[:3]]
        if len(claims) > 3:
            lines.append(f"… and {len(claims) - 3} more claims")
        concepts = sum(1 for _, c in graph.out_edges(node) if graph.nodes[c].get("label") == "Concept")
        lines.append(f"{concepts} concepts; id {node}")
        return lines
    if label == "Concept":
        lines = [f"{data.get('papers', 0)} papers"]
        aliases = [a for a in data.get("aliases") or [] if a != data.get("name")]
        if aliases:
            lines.append("also: " + ", ".join(aliases[:8]) + (" …" if len(aliases) > 8 else ""))
        return lines
    if label == "Claim":
        return [f"{data.get('type', '')} claim of paper {data.get('paper', '')}"]
    return []


def _heading(node: str, data: dict[str, Any]) -> str:
    return str(data.get("title") or data.get("name") or data.get("text") or node)


def _short(text: str, length: int = 40) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


def export_html(
    graph: nx.MultiDiGraph,
    out_dir: Path,
    *,
    focus: str | None = None,
    hops: int = 2,
    nodes: list[str] | set[str] | None = None,
    max_nodes: int | None = DEFAULT_MAX_NODES,
    filename: str = HTML_FILE,
    title: str | None = None,
    **_options: Any,
) -> list[Path]:
    """Write ``graph.html`` (or ``filename``): the graph, or the view :func:`select_view` picks, as one offline page."""
    from pyvis.network import Network  # heavy; only this exporter needs it

    view, hidden, centre = select_view(graph, focus=focus, hops=hops, nodes=nodes, max_nodes=max_nodes)
    net = Network(height="100%", width="100%", directed=True, notebook=False, cdn_resources="in_line")
    kinds: dict[str, int] = {}
    order = [n for n in graph if n in view]  # the graph's order, not a set's: the same page on every run
    for node in order:
        data = graph.nodes[node]
        kind = node_kind(data)
        kinds[kind] = kinds.get(kind, 0) + 1
        shape = SHAPES.get(kind, ("dot", "●"))[0]
        heading = _heading(node, data)
        net.add_node(
            node,
            label=" " if data.get("label") == "Paper" and node != centre else _short(heading),
            shape=shape,
            color=TYPE_COLORS.get(kind, "#8c8c8c"),
            size=min(8 + 3 * graph.degree(node) ** 0.5, 45) * (1.5 if node == centre else 1),
            kg_kind=kind,
            kg_heading=heading,
            kg_lines=_lines(graph, node, data),
        )
    pairs: dict[tuple[str, str], list[str]] = {}
    for u in order:
        for _, v, data in graph.out_edges(u, data=True):
            if v in view:
                pairs.setdefault((u, v), []).append(str(data.get("type", "")))
    for (u, v), types in pairs.items():
        net.edges.append({"from": u, "to": v, "kg_types": sorted(set(types)), "arrows": "to"})  # add_edge is O(nodes)
    net.set_options(json.dumps(_OPTIONS))

    total = view.number_of_nodes() + hidden
    where = f"within {hops} links of {_heading(centre, graph.nodes[centre])!r}" if centre else "in the graph"
    counts = f"{view.number_of_nodes()} nodes and {view.number_of_edges()} relationships shown, of {total} nodes {where}."
    hidden_note = (
        f"{hidden} nodes of lower degree are hidden so the page stays responsive; "
        "narrow the view with kg export --format html --focus NAME, or raise --max-nodes."
        if hidden
        else ""
    )
    env = Environment(loader=FileSystemLoader(str(_TEMPLATES)), autoescape=select_autoescape(default=True))
    vis_dir = Path(net.template_dir) / "lib" / "vis-9.1.2"
    env.globals.update(
        kg_title=title or ("kg graph" if not centre else f"kg graph: {_heading(centre, graph.nodes[centre])}"),
        kg_counts=counts,
        kg_hidden_note=hidden_note,
        kg_kinds=[
            {"kind": k, "color": TYPE_COLORS.get(k, "#8c8c8c"), "symbol": SHAPES.get(k, ("dot", "●"))[1], "count": kinds[k]}
            for k in [*(k for k in SHAPES if k in kinds), *sorted(set(kinds) - set(SHAPES))]
        ],
        kg_vis_js=Markup(_script_safe((vis_dir / "vis-network.min.js").read_text(encoding="utf-8"))),
        kg_vis_css=Markup(_script_safe((vis_dir / "vis-network.css").read_text(encoding="utf-8"))),
    )
    net.templateEnv = env
    net.path = "graph.html"
    page = net.generate_html(name=filename, notebook=False)
    path = Path(out_dir) / filename
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page, encoding="utf-8")
    logger.info("wrote %s: %d nodes shown, %d hidden", path, view.number_of_nodes(), hidden)
    return [path]


def _script_safe(text: str) -> str:
    """Library code to inline: refuse anything that would end its <script>/<style> element early."""
    if "</script" in text.lower() or "</style" in text.lower():
        raise KGError("a bundled vis-network file contains a closing tag; it cannot be inlined safely")
    return text


_OPTIONS: dict[str, Any] = {
    "nodes": {"font": {"size": 12}, "borderWidth": 1},
    "edges": {"color": {"color": "#bbbbbb", "highlight": "#555555"}, "smooth": False, "width": 0.6},
    "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": True},
    "physics": {
        "solver": "forceAtlas2Based",
        "forceAtlas2Based": {"gravitationalConstant": -40, "springLength": 80, "avoidOverlap": 0.2},
        "stabilization": {"enabled": True, "iterations": 200, "updateInterval": 50},
    },
}
