"""``graph.html``: an interactive view of the graph (pyvis / vis-network) that works offline.

The page is one file: vis-network's script and stylesheet (from the pyvis
package) are inlined, nothing is linked from a CDN, and a Content-Security-Policy
forbids the page to fetch anything. pyvis builds the nodes, edges and options;
kg's own template (``templates/graph.html``) renders them, because pyvis's
template links bootstrap from a CDN and shows a tooltip as HTML (``innerHTML``)
as soon as any title holds "href". Here every string from the papers reaches
the page as JSON data and is put into the DOM as text (``textContent``).

Two views. The **concept map** (``graph.html``, and a ``--community`` view) draws
the concepts with the most papers: sized by papers, coloured by type, linked when
papers name both (line width: papers in common) or when an abstract relates them
(``USED_FOR`` …); a tooltip lists a concept's papers. The papers naming these
concepts, their claims and keyphrases are in the page too, drawn when their box
in the legend is ticked. A **focus view** (``--focus``) draws every node within
``hops`` links of one node, papers and claims included. Either way a search box
finds a node, and the page says how many nodes were left out.

>>> import tempfile
>>> graph = nx.MultiDiGraph()
>>> graph.add_node("p1", label="Paper", id="p1", title="<img src=x onerror=alert(1)> href", abstract="We use GANs.")
>>> graph.add_node("Method:gan", label="Concept", key="Method:gan", name="GAN", type="Method", papers=1)
>>> _ = graph.add_edge("p1", "Method:gan", key="USES", type="USES")
>>> page = export_html(graph, Path(tempfile.mkdtemp()))[0].read_text(encoding="utf-8")
>>> "<img src=x" in page, "https://cdn" in page
(False, False)
"""

from __future__ import annotations

import json
import logging
import re
from collections import Counter
from difflib import get_close_matches
from importlib.resources import files
from pathlib import Path
from typing import Any

import networkx as nx
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from kg.analytics.projection import concept_projection
from kg.errors import KGError
from kg.sinks.files import TYPE_COLORS, node_kind
from kg.types import normalize_name

__all__ = [
    "DEFAULT_MAP_CONCEPTS",
    "DEFAULT_MAX_NODES",
    "HTML_FILE",
    "concept_map",
    "export_html",
    "label_box",
    "map_layout",
    "resolve_focus",
    "select_view",
    "view_options",
]

logger = logging.getLogger(__name__)

HTML_FILE = "graph.html"
#: Concepts the map draws: enough to show a field, few enough for every label to be read.
DEFAULT_MAP_CONCEPTS = 80
#: A focus view draws at most this many nodes (more make vis-network's layout slow in a browser);
#: the map holds at most this many papers, claims and keyphrases each, drawn on demand.
DEFAULT_MAX_NODES = 300
#: Papers two concepts must share for the map to draw their link (a relation an abstract states is always drawn).
MIN_SHARED_PAPERS = 2
#: Label sizes (px at zoom 1) of the map's least and most named concepts; the page zooms for the least to be readable.
LABEL_SIZES = (14.0, 28.0)
#: The smallest label, in px on screen, the page opens with: it zooms in (cropping the edges) if the window is too small.
MIN_LABEL_ON_SCREEN = 12
BOX_MARGIN = 5
#: Packing: the share of the first layout's area the boxes fill, the most times it is drawn in, the px between boxes.
_FILL = 0.35
_SHRINKS = 100
_GAP = 10

#: vis-network shape and the legend's symbol for it, per node kind: a concept is a box holding its name.
SHAPES: dict[str, tuple[str, str]] = {
    "Method": ("box", "▬"),
    "Task": ("box", "▬"),
    "Dataset": ("box", "▬"),
    "Metric": ("box", "▬"),
    "Paper": ("square", "■"),
    "Claim": ("triangleDown", "▼"),
    "Keyphrase": ("hexagon", "⬢"),
}
#: Kinds the map leaves out until asked for.
ON_DEMAND = ("Paper", "Claim", "Keyphrase")
SNIPPET = 300
PAPERS_LISTED = 8
_TEMPLATES = Path(str(files("kg.sinks"))) / "templates"


def resolve_focus(graph: nx.MultiDiGraph, focus: str) -> str:
    """The node ``focus`` names: a node id, a concept key or name, or a paper title (case-insensitive).

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("Method:gan", label="Concept", name="GAN", type="Method")
    >>> g.add_node("Method:diffusion model", key="Method:diffusion model", label="Concept", name="diffusion models")
    >>> g.add_node("Method:diffusion", key="Method:diffusion", label="Concept", name="Diffusion", aliases=["DMs"])
    >>> resolve_focus(g, "gan"), resolve_focus(g, "method:gan"), resolve_focus(g, "Diffusion-Model"), resolve_focus(g, "DMs")
    ('Method:gan', 'Method:gan', 'Method:diffusion model', 'Method:diffusion')
    """
    if focus in graph:
        return focus
    wanted = focus.strip().casefold()
    # Concepts first: the keyphrase "diffusion model" must not shadow the concept of that name.
    concepts = [(n, d) for n, d in graph.nodes(data=True) if d.get("label") == "Concept"]
    normalised = normalize_name(focus)
    fields = {  # what each field offers, and whether the query matches it
        "key": lambda n, d: str(d.get("key", n)).casefold() == wanted,
        "name": lambda n, d: str(d.get("name", "")).casefold() == wanted,
        "title": lambda n, d: str(d.get("title", "")).casefold() == wanted,
        # the normalised name inside the key, then any form the papers wrote: "diffusion model" finds the concept
        # that papers mostly write "Diffusion", merged from "diffusion models"
        "key name": lambda n, d: str(d.get("key", "")).partition(":")[2] == normalised,
        "aliases": lambda n, d: d.get("label") == "Concept" and normalised in {normalize_name(a) for a in d.get("aliases") or []},
    }
    for pool in (concepts, list(graph.nodes(data=True))):
        for matches_field in fields.values():
            matches = sorted(n for n, d in pool if matches_field(n, d))
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
    _check_max_nodes(max_nodes)
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


def _check_max_nodes(max_nodes: int | None) -> None:
    if max_nodes is not None and max_nodes < 1:
        raise ValueError(f"max_nodes must be 1 or more, not {max_nodes}; pass None for no limit")


def concept_map(
    graph: nx.MultiDiGraph,
    *,
    nodes: list[str] | set[str] | None = None,
    concepts: int | None = DEFAULT_MAP_CONCEPTS,
    min_shared: int = MIN_SHARED_PAPERS,
) -> tuple[nx.Graph, dict[str, list[str]], int]:
    """The concept map: its graph of concepts, the nodes it draws on demand per kind, and the concepts left out.

    The ``concepts`` concepts (of ``nodes``, else of the graph) named by most papers
    are the map's nodes, most papers first. Two are linked when a paper names both
    (``weight``: papers in common) or an abstract states a relation between them
    (``relations``: their types); a link is ``drawn`` when it has a relation or at
    least ``min_shared`` papers (the layout uses every link). On demand: the papers
    that name a map concept, most map concepts first, then their claims and keyphrases.

    >>> g = nx.MultiDiGraph()
    >>> for c in ("Method:gan", "Task:qa", "Dataset:mnist"):
    ...     g.add_node(c, label="Concept", type=c.split(":")[0], name=c.split(":")[1], papers=2)
    >>> for p in ("p1", "p2"):
    ...     g.add_node(p, label="Paper", title=p)
    ...     for c in ("Method:gan", "Task:qa"):
    ...         _ = g.add_edge(p, c, key="USES", type="USES")
    >>> _ = g.add_edge("Method:gan", "Dataset:mnist", key="EVALUATED_WITH", type="EVALUATED_WITH", paper="p1")
    >>> shown, extra, left_out = concept_map(g, concepts=3)
    >>> shown["Method:gan"]["Task:qa"], shown["Method:gan"]["Dataset:mnist"]
    ({'weight': 2, 'relations': [], 'drawn': True}, {'weight': 0, 'relations': ['EVALUATED_WITH'], 'drawn': True})
    >>> list(shown), extra["Paper"], left_out
    (['Method:gan', 'Dataset:mnist', 'Task:qa'], ['p1', 'p2'], 0)
    """
    _check_max_nodes(concepts)
    candidates = [n for n in (graph if nodes is None else nodes) if graph.nodes[n].get("label") == "Concept"]
    ranked = sorted(candidates, key=lambda n: (-graph.nodes[n].get("papers", 0), str(graph.nodes[n].get("name", n)), n))
    chosen = ranked[:concepts]
    shown = nx.Graph()
    shown.add_nodes_from(chosen)
    projection, rank = concept_projection(graph), {n: i for i, n in enumerate(chosen)}
    for u in chosen:  # in rank order, not a subgraph view's (a set's): the same page in every process
        for v, data in projection.adj[u].items() if u in projection else ():
            if rank.get(v, -1) > rank[u]:
                shown.add_edge(u, v, weight=data["weight"], relations=[], drawn=data["weight"] >= min_shared)
    for u, v, rel in graph.edges(data="type"):
        if u in shown and v in shown and u != v:
            if not shown.has_edge(u, v):
                shown.add_edge(u, v, weight=0, relations=[])
            shown[u][v]["drawn"] = True
            if rel not in shown[u][v]["relations"]:
                shown[u][v]["relations"].append(rel)
    papers: dict[str, int] = {}
    for concept in chosen:
        for paper, _ in graph.in_edges(concept):
            if graph.nodes[paper].get("label") == "Paper":
                papers[paper] = papers.get(paper, 0) + 1
    extra = {"Paper": sorted(papers, key=lambda p: (-papers[p], p))}
    for kind, relation in (("Claim", "MAKES"), ("Keyphrase", "MENTIONS")):
        extra[kind] = list({v: None for p in extra["Paper"] for _, v, t in graph.out_edges(p, data="type") if t == relation})
    return shown, extra, len(candidates) - len(chosen)


def label_box(text: str, size: float) -> tuple[float, float]:
    """Width and height (px at zoom 1) of a concept's box: its label in DejaVu Sans, a wide font, so real ones fit.

    >>> [round(v) for v in label_box("neural network", 14)]
    [116, 24]
    """
    from matplotlib.font_manager import FontProperties  # matplotlib measures text; only the map needs it
    from matplotlib.textpath import TextToPath

    width, _, _ = TextToPath().get_text_width_height_descent(text, FontProperties(family="DejaVu Sans", size=size), False)
    return width + 2 * BOX_MARGIN, size + 2 * BOX_MARGIN  # vis: one line is the font size high


def map_layout(
    links: nx.Graph, boxes: dict[str, tuple[float, float]], *, aspect: float = 4 / 3, seed: int | None = 0
) -> dict[str, tuple[float, float]]:
    """Centres for the map's boxes: linked concepts near each other, no two boxes overlapping, packed to ``aspect``.

    A spring layout weighted by papers in common (``weight``) places the concepts
    (networkx ``spring_layout``, seeded: the same map on every run); stragglers are
    pulled in to the bulk, which is stretched to ``aspect`` (the screen's width ÷
    height) and to the area the boxes need. Boxes that overlap then push each
    other apart along the line between their centres, and the whole is drawn in
    and separated again while that makes it smaller.

    >>> links = nx.Graph([("a", "b", {"weight": 3}), ("b", "c", {"weight": 1})])
    >>> boxes = {"a": (120, 30), "b": (80, 30), "c": (60, 20)}
    >>> at = map_layout(links, boxes)
    >>> def apart(u, v):
    ...     return any(abs(at[u][i] - at[v][i]) >= (boxes[u][i] + boxes[v][i]) / 2 for i in (0, 1))
    >>> apart("a", "b"), apart("a", "c"), apart("b", "c")
    (True, True, True)
    """
    import numpy as np

    order = list(links)
    if len(order) < 2:
        return {node: (0.0, 0.0) for node in order}
    spring = nx.spring_layout(links, weight="weight", seed=seed, k=0.3, iterations=300)
    at = np.array([spring[n] for n in order], dtype=float)
    size = np.array([boxes[n] for n in order], dtype=float)
    at -= np.median(at, axis=0)
    at = np.clip(at / np.maximum(np.percentile(np.abs(at), 90, axis=0), 1e-9), -1, 1)  # stragglers join the bulk
    area = (size[:, 0] * size[:, 1]).sum() / _FILL
    at *= np.array([(area * aspect) ** 0.5, (area / aspect) ** 0.5]) / 2
    at, _ = _separate(at, size, 500)
    for _ in range(_SHRINKS):
        span = (at + size / 2).max(axis=0) - (at - size / 2).min(axis=0)
        stretch = (span[0] / span[1] / aspect) ** 0.5
        trial, parted = _separate(at * 0.97 * np.array([1 / stretch, stretch]), size, 100)
        smaller = np.prod((trial + size / 2).max(axis=0) - (trial - size / 2).min(axis=0)) < 0.995 * np.prod(span)
        if not (parted and smaller):
            break
        at = trial
    return {node: (round(float(x), 1), round(float(y), 1)) for node, (x, y) in zip(order, at, strict=True)}


def _separate(at: Any, size: Any, steps: int) -> tuple[Any, bool]:
    """Boxes (centres ``at``, sizes ``size``) pushed apart until none overlaps, or ``steps`` rounds; and whether none does.

    In each round every overlapping pair moves apart along the line between its
    centres, just far enough (and a little more, so that it ends) to part on one axis.
    """
    import numpy as np

    need = (size[:, None, :] + size[None, :, :]) / 2 + _GAP
    for _ in range(steps):
        delta = at[:, None, :] - at[None, :, :]
        hit = (np.abs(delta) < need).all(axis=2)
        np.fill_diagonal(hit, False)
        if not hit.any():
            return at, True
        stretch = np.minimum(np.min((need + 2) / np.maximum(np.abs(delta), 1e-3), axis=2), 2.0)
        at = at + np.where(hit[..., None], delta * (stretch[..., None] - 1) / 4, 0).sum(axis=1)
    return at, False


def view_options(
    graph: nx.MultiDiGraph,
    *,
    focus: str | None = None,
    hops: int = 2,
    community: int | None = None,
    max_nodes: int | None = None,
    seed: int | None = 0,
) -> dict[str, Any]:
    """:func:`export_html` keywords for ``kg export --format html``: an ego view, a community's map or the whole map.

    A view gets its own file name, from the ``focus`` as given (``graph-diffusion-model.html``) or the community
    (``graph-community-3.html``), so it never replaces the bundle's ``graph.html``. Community numbers are those of
    ``kg analyze`` (Louvain, same seed).

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("Method:diffusion model", key="Method:diffusion model", label="Concept", name="Diffusion models")
    >>> view_options(g, focus="diffusion model")["filename"]
    'graph-diffusion-model.html'
    """
    if focus is not None and community is not None:
        raise KGError("pass --focus or --community, not both")
    options: dict[str, Any] = {} if max_nodes is None else {"max_nodes": max_nodes}
    if focus is not None:
        centre = resolve_focus(graph, focus)
        # the file is named as the user asked for the node, whatever the node's name turns out to be
        slug = re.sub(r"[^a-z0-9]+", "-", focus.casefold()).strip("-")[:60] or "focus"
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


def _papers_of(graph: nx.MultiDiGraph, concept: str) -> list[str]:
    """A concept's papers, newest first (undated last), then by title."""
    papers = {p for p, _ in graph.in_edges(concept) if graph.nodes[p].get("label") == "Paper"}
    return sorted(papers, key=lambda p: (-(graph.nodes[p].get("year") or 0), str(graph.nodes[p].get("title", p))))


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
        papers = _papers_of(graph, node)
        lines = [f"{len(papers)} papers" + (":" if papers else "")]
        lines += [f"• {graph.nodes[p].get('title', p)}" for p in papers[:PAPERS_LISTED]]
        if len(papers) > PAPERS_LISTED:
            focus = f"kg export --format html --focus {json.dumps(str(data.get('name') or node))}"
            lines.append(f"… and {len(papers) - PAPERS_LISTED} more ({focus} draws them all)")
        aliases = [a for a in data.get("aliases") or [] if a != data.get("name")]
        if aliases:
            lines.append("also written: " + ", ".join(aliases[:8]) + (" …" if len(aliases) > 8 else ""))
        return lines
    if label == "Claim":
        return [f"{data.get('type', '')} claim of paper {data.get('paper', '')}"]
    return []


def _heading(node: str, data: dict[str, Any]) -> str:
    return str(data.get("title") or data.get("name") or data.get("text") or node)


def _short(text: str, length: int = 40) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


#: Label colour on each concept type's box, for contrast with its fill (Okabe–Ito blue and green take white).
_TEXT_ON = {"Method": "#ffffff", "Dataset": "#ffffff"}


def _label_sizes(graph: nx.MultiDiGraph, concepts: list[str]) -> dict[str, float]:
    """Each concept's label size: :data:`LABEL_SIZES` spread by the square root of its papers, so giants stay in check."""
    roots = {n: graph.nodes[n].get("papers", 0) ** 0.5 for n in concepts}
    low, high = min(roots.values(), default=0), max(roots.values(), default=0)
    smallest, largest = LABEL_SIZES
    spread = (largest - smallest) / (high - low) if high > low else 0
    return {n: round(smallest + spread * (r - low), 1) for n, r in roots.items()}


def _vis_node(graph: nx.MultiDiGraph, node: str, *, label_size: float | None = None, centre: bool = False) -> dict[str, Any]:
    """One node as vis-network draws it: a concept a box of its type's colour, its label sized by papers; others by kind."""
    data = graph.nodes[node]
    kind = node_kind(data)
    heading = _heading(node, data)
    vis: dict[str, Any] = {
        "id": node,
        "label": " " if data.get("label") in ("Paper", "Claim") and not centre else _short(heading),  # titles, sentences
        "shape": SHAPES.get(kind, ("dot", "●"))[0],
        "color": TYPE_COLORS.get(kind, "#8c8c8c"),
        "kg_kind": kind,
        "kg_heading": heading,
        "kg_lines": _lines(graph, node, data),
    }
    if label_size is not None:
        vis["font"] = {"size": label_size, "color": _TEXT_ON.get(kind, "#1a1a1a"), "strokeWidth": 0}
    else:
        vis["value"] = round(graph.degree(node) ** 0.5 * (2 if centre else 1), 3)  # vis sizes the shape by value
    return vis


def export_html(
    graph: nx.MultiDiGraph,
    out_dir: Path,
    *,
    focus: str | None = None,
    hops: int = 2,
    nodes: list[str] | set[str] | None = None,
    max_nodes: int | None = None,
    filename: str = HTML_FILE,
    title: str | None = None,
    **_options: Any,
) -> list[Path]:
    """Write ``graph.html`` (or ``filename``): the concept map, or with ``focus`` the view :func:`select_view` picks.

    ``max_nodes`` is the map's number of concepts (default :data:`DEFAULT_MAP_CONCEPTS`), or the
    focus view's number of nodes (default :data:`DEFAULT_MAX_NODES`).
    """
    from pyvis.network import Network  # heavy; only this exporter needs it

    net = Network(height="100%", width="100%", directed=True, notebook=False, cdn_resources="in_line")
    if focus is not None:
        view, hidden, centre = select_view(graph, focus=focus, hops=hops, max_nodes=max_nodes or DEFAULT_MAX_NODES)
        order = [n for n in graph if n in view]  # the graph's order, not a set's: the same page on every run
        sizes = _label_sizes(graph, [n for n in order if graph.nodes[n].get("label") == "Concept"])
        net.nodes = [_vis_node(graph, n, label_size=sizes.get(n), centre=n == centre) for n in order]
        net.edges = _paper_edges(graph, order, set(view))
        where = f"within {hops} links of {_heading(centre, graph.nodes[centre])!r}"
        counts = f"{len(order)} nodes and {len(net.edges)} relationships shown, of {len(order) + hidden} nodes {where}."
        note = (
            f"{hidden} nodes of lower degree are hidden so the page stays responsive; "
            "narrow the view with --hops, or raise --max-nodes."
            if hidden
            else ""
        )
        held = {k: (n, n) for k, n in Counter(v["kg_kind"] for v in net.nodes).items()}
        page_title = title or f"kg graph: {_heading(centre, graph.nodes[centre])}"
        options = _OPTIONS
    else:
        shown, extra, left_out = concept_map(graph, nodes=nodes, concepts=max_nodes or DEFAULT_MAP_CONCEPTS)
        sizes = _label_sizes(graph, list(shown))
        boxes = {n: label_box(_short(_heading(n, graph.nodes[n])), sizes[n]) for n in shown}
        at = map_layout(shown, boxes)
        net.nodes = [{**_vis_node(graph, n, label_size=sizes[n]), "x": at[n][0], "y": at[n][1]} for n in shown]
        drawn = [(u, v, data) for u, v, data in shown.edges(data=True) if data["drawn"]]
        net.edges = [_map_edge(graph, u, v, data) for u, v, data in drawn]
        held = {k: (n, n) for k, n in Counter(v["kg_kind"] for v in net.nodes).items()}
        # papers most tied to the map first, then their claims and keyphrases: each kind capped like a focus view
        held_back = {kind: extra[kind][:DEFAULT_MAX_NODES] for kind in ON_DEMAND}
        on_demand = [n for kind in ON_DEMAND for n in held_back[kind]]
        # first in the list, so vis draws the concept boxes over them; unlabelled (titles and claims are long), no
        # value (vis would scale the map's boxes by the range of every value), laid out in the page when asked for
        hidden = {"label": " ", "size": 9, "hidden": True, "physics": False}
        net.nodes[:0] = [{**{k: v for k, v in _vis_node(graph, n).items() if k != "value"}, **hidden} for n in on_demand]
        thin = {"width": 0.5, "arrows": ""}  # a paper's many links, drawn under the map's: no arrowheads to clutter it
        net.edges += [{**edge, **thin} for edge in _paper_edges(graph, on_demand, set(shown) | set(on_demand))]
        held |= {k: (len(held_back[k]), len(extra[k])) for k in ON_DEMAND}
        counts = (
            f"The {shown.number_of_nodes()} concepts named by most papers"
            + (f" (of {shown.number_of_nodes() + left_out})" if left_out else "")
            + f", linked when {MIN_SHARED_PAPERS} or more papers name both, or an abstract relates them"
            f" ({len(drawn)} links)."
        )
        note = (
            "Tick papers, claims or keyphrases to draw them. For one concept with all its papers: "
            "kg export --format html --focus NAME; for more concepts: --max-nodes."
        )
        page_title = title or "kg concept map"
        options = {**_OPTIONS, "physics": {"enabled": False}}  # the layout is computed here, once
    net.set_options(json.dumps(options))

    env = Environment(loader=FileSystemLoader(str(_TEMPLATES)), autoescape=select_autoescape(default=True))
    vis_dir = Path(net.template_dir) / "lib" / "vis-9.1.2"
    env.globals.update(
        kg_title=page_title,
        kg_counts=counts,
        kg_hidden_note=note,
        kg_min_label=MIN_LABEL_ON_SCREEN,
        kg_kinds=[
            {
                "kind": k,
                "color": TYPE_COLORS.get(k, "#8c8c8c"),
                "symbol": SHAPES.get(k, ("dot", "●"))[1],
                "count": f"{held[k][0]}" if held[k][0] == held[k][1] else f"{held[k][0]} of {held[k][1]}",
                "shown": focus is not None or k not in ON_DEMAND,
            }
            for k in [*(k for k in SHAPES if held.get(k, (0, 0))[0]), *sorted(set(held) - set(SHAPES))]
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
    logger.info("wrote %s: %s", path, counts)
    return [path]


def _map_edge(graph: nx.MultiDiGraph, u: str, v: str, data: dict[str, Any]) -> dict[str, Any]:
    names = f"{graph.nodes[u].get('name', u)} — {graph.nodes[v].get('name', v)}"
    lines = [f"{data['weight']} papers name both"] if data["weight"] else []
    lines += [f"an abstract states {rel}" for rel in data["relations"]]
    return {
        "from": u,
        "to": v,
        "value": max(data["weight"], 1),
        "dashes": not data["weight"],
        "kg_heading": names,
        "kg_kind": "link",
        "kg_lines": lines,
    }


def _paper_edges(graph: nx.MultiDiGraph, order: list[str], view: set[str]) -> list[dict[str, Any]]:
    """The graph's relationships from the nodes of ``order`` to nodes of ``view``, one arrow per node pair."""
    pairs: dict[tuple[str, str], list[str]] = {}
    for u in order:
        for _, v, data in graph.out_edges(u, data=True):
            if v in view:
                pairs.setdefault((u, v), []).append(str(data.get("type", "")))
    return [
        {"from": u, "to": v, "kg_heading": " / ".join(sorted(set(types))), "kg_kind": "relationship", "arrows": "to"}
        for (u, v), types in pairs.items()
    ]


def _script_safe(text: str) -> str:
    """Library code to inline: refuse anything that would end its <script>/<style> element early."""
    if "</script" in text.lower() or "</style" in text.lower():
        raise KGError("a bundled vis-network file contains a closing tag; it cannot be inlined safely")
    return text


_OPTIONS: dict[str, Any] = {
    "nodes": {
        "borderWidth": 1,
        "margin": BOX_MARGIN,
        "shapeProperties": {"borderRadius": 3},
        "font": {"size": LABEL_SIZES[0], "face": "system-ui, sans-serif", "strokeWidth": 3, "strokeColor": "#ffffff"},
        "scaling": {"min": 8, "max": 30},
    },
    "edges": {
        "color": {"color": "#c8c8c8", "highlight": "#444444", "hover": "#777777"},
        "smooth": False,
        "scaling": {"min": 0.5, "max": 6},
    },
    "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": True},
    "physics": {
        "solver": "forceAtlas2Based",
        "forceAtlas2Based": {"gravitationalConstant": -40, "springLength": 80, "avoidOverlap": 0.4},
        "stabilization": {"enabled": True, "iterations": 200, "updateInterval": 50},
    },
}
