"""The graph bundle: the folder ``kg build`` writes and every sink reads.

``graph.json`` is the networkx node-link form of the graph, the one file every
other export is made from; ``summary.json`` counts what is in the graph and
lists every input record that was skipped. The other bundle files are written
by ``kg.sinks``.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import networkx as nx
from networkx.readwrite import json_graph

from kg.errors import KGError
from kg.schema import NODES
from kg.types import ConceptType, Skipped

GRAPH_FILE = "graph.json"
SUMMARY_FILE = "summary.json"

__all__ = [
    "GRAPH_FILE",
    "SUMMARY_FILE",
    "export_node_link",
    "read_graph",
    "read_summary",
    "summarize",
    "write_summary",
    "write_json",
]


def summarize(graph: nx.MultiDiGraph, skipped: Iterable[Skipped] = (), **extra: Any) -> dict[str, Any]:
    """Counts of papers, concepts by type, claims and relationships by type.

    >>> summarize(nx.MultiDiGraph())["concepts"]
    {'Method': 0, 'Task': 0, 'Dataset': 0, 'Metric': 0}
    """
    labels = Counter(data.get("label") for _, data in graph.nodes(data=True))
    concepts = Counter(data["type"] for _, data in graph.nodes(data=True) if data.get("label") == "Concept")
    relationships = Counter(data["type"] for _, _, data in graph.edges(data=True))
    return {
        "papers": labels["Paper"],
        "concepts": {t.value: concepts[t.value] for t in ConceptType},
        "claims": labels["Claim"],
        "relationships": dict(sorted(relationships.items())),
        "skipped": [s.model_dump() for s in skipped],
        **extra,
    }


def write_json(path: Path, data: Any, indent: int | None = 1) -> None:
    """Write JSON atomically, so a crash never leaves half a file behind."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False, suffix=".tmp") as handle:
        json.dump(data, handle, ensure_ascii=False, indent=indent)
        handle.write("\n")
    os.chmod(handle.name, 0o644)  # NamedTemporaryFile creates 0600; a bundle is meant to be shared
    os.replace(handle.name, path)


def export_node_link(graph: nx.MultiDiGraph, out_dir: Path, **_options: Any) -> list[Path]:
    """Write ``graph.json``, the networkx node-link form of ``graph``."""
    path = Path(out_dir) / GRAPH_FILE
    write_json(path, json_graph.node_link_data(graph, edges="edges"), indent=None)
    return [path]


def write_summary(out_dir: Path, summary: dict[str, Any]) -> Path:
    path = Path(out_dir) / SUMMARY_FILE
    write_json(path, summary)
    return path


def read_graph(bundle: Path) -> nx.MultiDiGraph:
    """The graph of a bundle folder (or of a ``graph.json`` path)."""
    path = Path(bundle)
    path = path / GRAPH_FILE if path.is_dir() else path
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise KGError(f"{path}: no graph bundle here; run `kg build` first") from None
    except json.JSONDecodeError as error:
        raise KGError(f"{path}: not a valid graph.json ({error})") from None
    graph = json_graph.node_link_graph(data, directed=True, multigraph=True, edges="edges")
    for node, attrs in graph.nodes(data=True):  # node-link keeps a node's "id" only as its node id
        if NODES.get(attrs.get("label")) and NODES[attrs["label"]].key == "id":
            restored = {"label": attrs.pop("label"), "id": node, **attrs}  # the order the builder wrote
            attrs.clear()
            attrs.update(restored)
    return graph


def read_summary(bundle: Path) -> dict[str, Any]:
    return json.loads((Path(bundle) / SUMMARY_FILE).read_text(encoding="utf-8"))
