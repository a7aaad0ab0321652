"""GraphML, GEXF and CSV files of the graph, written through ``networkx.readwrite``.

Every bundle holds ``graph.graphml`` (yEd, Cytoscape, networkx, igraph),
``graph.gexf`` (Gephi) and ``nodes.csv`` / ``edges.csv`` (spreadsheets, pandas,
any CSV importer). These formats store only strings and numbers, so values are
encoded one way everywhere:

- a list or dict value (``aliases``, ``sources``, ``links``, ``quantities`` …) is
  stored as JSON text: ``["diffusion model", "diffusion models"]``;
- a missing value is left out (an empty cell in CSV); nothing is stored as ``None``;
- in CSV, a text cell a spreadsheet would run as a formula (it starts with ``=``, ``+``,
  ``@``, a tab, a carriage return, or ``-`` and is no number: OWASP's "CSV injection") gets
  a leading ``'``, which spreadsheets take as "this is text"; see :func:`spreadsheet_safe`.

GEXF has fixed meanings for a node's ``label`` and an edge's ``type``, so there
the node ``label`` is its display text (a paper's title, a concept's name) and
the schema label moves to the node attribute ``kind``; the edge ``label`` is the
relationship type. Edges carry their networkx key in the attribute ``key`` (``kg_key`` in GEXF) and
get file-unique ids (``e0``, ``e1`` …). :func:`read_graphml`, :func:`read_gexf`
and :func:`read_csv` undo all of this and return the graph ``kg build`` made.

>>> import tempfile
>>> graph = nx.MultiDiGraph()
>>> graph.add_node("p1", label="Paper", id="p1", title="A paper", sources=["a.txt:1"])
>>> graph.add_node("Method:gan", label="Concept", key="Method:gan", name="gan", type="Method", aliases=["GAN"], papers=1)
>>> graph.add_edge("p1", "Method:gan", key="USES", type="USES", sentence=0, evidence="We use a GAN.", confidence=0.5)
'USES'
>>> folder = Path(tempfile.mkdtemp())
>>> [p.name for p in export_graphml(graph, folder)]
['graph.graphml']
>>> again = read_graphml(folder / "graph.graphml")
>>> again.nodes["Method:gan"]["aliases"], list(again.edges(keys=True))
(['GAN'], [('p1', 'Method:gan', 'USES')])
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import networkx as nx

from kg.schema import JSON, NODES, RELATIONSHIPS, STRING_LIST

__all__ = [
    "EDGES_CSV",
    "GEXF_FILE",
    "GRAPHML_FILE",
    "NODES_CSV",
    "TYPE_COLORS",
    "decode_value",
    "encode_value",
    "export_csv",
    "export_gexf",
    "export_graphml",
    "node_kind",
    "read_csv",
    "read_gexf",
    "read_graphml",
    "spreadsheet_safe",
    "spreadsheet_value",
]

GRAPHML_FILE = "graph.graphml"
GEXF_FILE = "graph.gexf"
NODES_CSV = "nodes.csv"
EDGES_CSV = "edges.csv"

#: One colour per node kind (Okabe–Ito, readable by colour-blind people); the HTML view uses the same.
TYPE_COLORS: dict[str, str] = {
    "Paper": "#8c8c8c",
    "Method": "#0072B2",
    "Task": "#E69F00",
    "Dataset": "#009E73",
    "Metric": "#CC79A7",
    "Claim": "#D55E00",
    "Keyphrase": "#56B4E9",
}

#: Properties whose values are lists or dicts, by schema; these are JSON text in every file.
_STRUCTURED = {p.name for spec in NODES.values() for p in spec.properties if p.type in (STRING_LIST, JSON)} | {
    p.name for spec in RELATIONSHIPS.values() for p in spec.properties if p.type in (STRING_LIST, JSON)
}


def node_kind(data: dict[str, Any]) -> str:
    """What a node is for display: a concept's type (``Method`` …), else its label (``Paper`` …).

    >>> node_kind({"label": "Concept", "type": "Task"}), node_kind({"label": "Paper"})
    ('Task', 'Paper')
    """
    if data.get("label") == "Concept" and data.get("type"):
        return str(data["type"])
    return str(data.get("label", "?"))


def encode_value(value: Any) -> Any:
    """A property value as GraphML, GEXF and CSV store it: lists and dicts as JSON text.

    >>> encode_value(["GAN", "GANs"]), encode_value(3), encode_value(None)
    ('["GAN", "GANs"]', 3, None)
    """
    if isinstance(value, list | tuple | dict):
        return json.dumps(list(value) if isinstance(value, tuple) else value, ensure_ascii=False)
    return value


def decode_value(name: str, value: Any) -> Any:
    """Undo :func:`encode_value` for the property ``name`` (schema list and JSON properties only).

    >>> decode_value("aliases", '["GAN"]'), decode_value("title", '["not a list"]')
    (['GAN'], '["not a list"]')
    """
    if name in _STRUCTURED and isinstance(value, str) and value[:1] in ("[", "{"):
        try:
            return json.loads(value)
        except json.JSONDecodeError:
            return value
    return value


#: What a cell may start with for a spreadsheet to run it as a formula (OWASP "CSV injection"); "-" only before a non-number.
_FORMULA_STARTS = ("=", "+", "@", "\t", "\r")
_NEGATIVE_NUMBER = re.compile(r"-(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?")


def _runs_as_formula(text: str) -> bool:
    if text.startswith(_FORMULA_STARTS) or (text.startswith("-") and not _NEGATIVE_NUMBER.fullmatch(text)):
        return True
    # a quote already in front of such text gets one more, so spreadsheet_value can take exactly one away
    return text.startswith("'") and _runs_as_formula(text[1:])


def spreadsheet_safe(value: Any) -> Any:
    """A CSV cell a spreadsheet shows as text: ``'`` before text it would run as a formula; other values unchanged.

    >>> print(spreadsheet_safe('=HYPERLINK("https://x.example","click")'))
    '=HYPERLINK("https://x.example","click")
    >>> spreadsheet_safe("-1+2"), spreadsheet_safe("-0.5"), spreadsheet_safe("@SUM(A1)")
    ("'-1+2", '-0.5', "'@SUM(A1)")
    >>> spreadsheet_safe("GAN-based"), spreadsheet_safe(-3), spreadsheet_value(spreadsheet_safe("'=x"))
    ('GAN-based', -3, "'=x")
    """
    return "'" + value if isinstance(value, str) and _runs_as_formula(value) else value


def spreadsheet_value(text: str) -> str:
    """Undo :func:`spreadsheet_safe`: the text as it was before it was written.

    >>> spreadsheet_value("'=1+1"), spreadsheet_value("'quoted'")
    ('=1+1', "'quoted'")
    """
    return text[1:] if text.startswith("'") and _runs_as_formula(text[1:]) else text


def _encoded(data: dict[str, Any]) -> dict[str, Any]:
    return {k: encode_value(v) for k, v in data.items() if v is not None}


def _display(node: str, data: dict[str, Any]) -> str:
    return str(data.get("title") or data.get("name") or data.get("text") or node)


def _file_graph(graph: nx.MultiDiGraph, *, gexf: bool = False) -> nx.MultiDiGraph:
    """A copy of ``graph`` with encoded values and file-unique edge ids, ready for a writer."""
    copy = nx.MultiDiGraph(**{k: v for k, v in _encoded(graph.graph).items()})
    for node, data in graph.nodes(data=True):
        attrs = _encoded(data)
        if gexf:
            attrs["kind"] = attrs.pop("label", None) or ""
            attrs["label"] = _display(node, data)
            rgb = TYPE_COLORS.get(node_kind(data), "#8c8c8c").lstrip("#")
            color = dict(zip("rgb", (int(rgb[i : i + 2], 16) for i in (0, 2, 4)), strict=True))
            attrs["viz"] = {"color": {**color, "a": 1.0}, "size": 4.0 + 2.0 * graph.degree(node) ** 0.5}
        copy.add_node(node, **attrs)
    for number, (u, v, key, data) in enumerate(graph.edges(keys=True, data=True)):
        attrs = {**_encoded(data), "key": str(key)}
        if gexf:
            # networkx's GEXF writer drops an edge attribute named "key"; it travels as "kg_key"
            attrs["kg_key"] = attrs.pop("key")
            if "type" in attrs:
                attrs["label"] = attrs.pop("type")
        edge_id = f"e{number}"
        copy.add_edge(u, v, key=edge_id)
        copy.edges[u, v, edge_id].update(attrs)  # attrs holds "key", which add_edge takes as its own argument
    return copy


def _restore(graph: nx.MultiDiGraph, *, gexf: bool = False) -> nx.MultiDiGraph:
    """The kg graph back from a file graph: decoded values, original edge keys and names."""
    restored = nx.MultiDiGraph(**graph.graph)
    for node, data in graph.nodes(data=True):
        attrs = {k: decode_value(k, v) for k, v in data.items() if k != "viz"}
        if gexf:  # GEXF keeps the display text as label and takes an "id" property as the node id
            attrs.pop("label", None)
            if "networkx_key" in attrs:  # networkx's GEXF reader renames a node's "key" attribute
                attrs["key"] = attrs.pop("networkx_key")
            label = attrs.pop("kind", None)
            spec = NODES.get(label)
            attrs = {"label": label, **({"id": node} if spec is not None and spec.key == "id" else {}), **attrs}
        restored.add_node(node, **attrs)
    for u, v, data in graph.edges(data=True):
        attrs = {k: decode_value(k, val) for k, val in data.items() if k not in ("id", "viz")}
        if gexf and "label" in attrs:
            attrs = {"type": attrs.pop("label"), **attrs}
        if "kg_key" in attrs:
            attrs["key"] = attrs.pop("kg_key")
        key = attrs.pop("key", attrs.get("type"))
        restored.add_edge(u, v, key=key, **attrs)
    return restored


def export_graphml(graph: nx.MultiDiGraph, out_dir: Path, **_options: Any) -> list[Path]:
    """Write ``graph.graphml`` (lists as JSON text; see the module notes)."""
    path = Path(out_dir) / GRAPHML_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    nx.write_graphml(_file_graph(graph), path, encoding="utf-8")
    return [path]


def export_gexf(graph: nx.MultiDiGraph, out_dir: Path, **_options: Any) -> list[Path]:
    """Write ``graph.gexf`` for Gephi, nodes coloured by type and sized by degree."""
    path = Path(out_dir) / GEXF_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = nx.generate_gexf(_file_graph(graph, gexf=True), encoding="utf-8")
    # networkx stamps today's date into <meta>; leave it out so rebuilding the same input gives the same file
    text = "\n".join(re.sub(r' lastmodifieddate="[^"]*"', "", line, count=1) for line in lines)
    path.write_text(text + "\n", encoding="utf-8")
    return [path]


def _columns(names: Iterable[str], first: tuple[str, ...], schema_order: list[str]) -> list[str]:
    """``first`` (always), then the schema's properties in schema order, then any others by name; each once."""
    names = set(names)
    ordered = list(dict.fromkeys([*first, *(c for c in schema_order if c in names)]))
    return ordered + sorted(names - set(ordered))


def export_csv(graph: nx.MultiDiGraph, out_dir: Path, **_options: Any) -> list[Path]:
    """Write ``nodes.csv`` (``node``, ``label``, then every property) and ``edges.csv``.

    ``node`` is the networkx node id, which ``edges.csv`` names in ``source`` and
    ``target``; ``key`` is the edge's networkx key. Lists are JSON text; text a
    spreadsheet would run as a formula starts with ``'`` (:func:`spreadsheet_safe`).
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    node_order = [p.name for spec in NODES.values() for p in spec.properties]
    edge_order = [p.name for spec in RELATIONSHIPS.values() for p in spec.properties]
    node_rows = [{"node": n, **_encoded(d)} for n, d in graph.nodes(data=True)]
    edge_rows = [{"source": u, "target": v, "key": k, **_encoded(d)} for u, v, k, d in graph.edges(keys=True, data=True)]
    node_columns = _columns((c for row in node_rows for c in row), ("node", "label"), node_order)
    edge_columns = _columns((c for row in edge_rows for c in row), ("source", "target", "key", "type"), edge_order)
    written = []
    for name, columns, rows in ((NODES_CSV, node_columns, node_rows), (EDGES_CSV, edge_columns, edge_rows)):
        path = out_dir / name
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="raise")
            writer.writeheader()
            writer.writerows({k: spreadsheet_safe(v) for k, v in row.items()} for row in rows)
        written.append(path)
    return written


def read_graphml(path: Path) -> nx.MultiDiGraph:
    """The graph of a ``graph.graphml`` written by kg, with lists decoded and edge keys restored."""
    return _restore(nx.read_graphml(Path(path), force_multigraph=True))


def read_gexf(path: Path) -> nx.MultiDiGraph:
    """The graph of a ``graph.gexf`` written by kg, with schema labels, types and lists restored."""
    return _restore(nx.read_gexf(Path(path)), gexf=True)


def read_csv(nodes: Path, edges: Path | None = None) -> nx.MultiDiGraph:
    """The graph of ``nodes.csv`` and ``edges.csv`` (default: beside ``nodes``), typed as the schema says.

    Integer and float properties come back as numbers, lists as lists, text without the ``'``
    :func:`spreadsheet_safe` put before a formula; empty cells are left out.
    """
    nodes = Path(nodes)
    edges = Path(edges) if edges else nodes.with_name(EDGES_CSV)
    kinds = {p.name: p.type for spec in NODES.values() for p in spec.properties}
    edge_kinds = {p.name: p.type for spec in RELATIONSHIPS.values() for p in spec.properties}
    graph = nx.MultiDiGraph()
    with nodes.open(encoding="utf-8", newline="") as handle:
        for row in _unescaped(csv.DictReader(handle)):
            node = row.pop("node")
            graph.add_node(node, **{k: _typed(k, v, kinds) for k, v in row.items() if v != ""})
    with edges.open(encoding="utf-8", newline="") as handle:
        for row in _unescaped(csv.DictReader(handle)):
            u, v, key = row.pop("source"), row.pop("target"), row.pop("key")
            graph.add_edge(u, v, key=key, **{k: _typed(k, val, edge_kinds) for k, val in row.items() if val != ""})
    return graph


def _unescaped(rows: Iterable[dict[str, str]]) -> Iterable[dict[str, str]]:
    return ({k: spreadsheet_value(v) for k, v in row.items()} for row in rows)


def _typed(name: str, value: str, kinds: dict[str, str]) -> Any:
    kind = kinds.get(name)
    if kind == "int":
        return int(value)
    if kind == "float":
        return float(value)
    return decode_value(name, value)
