"""The graph bundle: the folder ``kg build`` writes and every sink reads.

``graph.json`` is the networkx node-link form of the graph; ``summary.json``
counts what is in it and lists every input record that was skipped.
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

__all__ = ["GRAPH_FILE", "SUMMARY_FILE", "summarize", "write_bundle", "read_graph", "read_summary", "write_json"]


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


def write_bundle(out_dir: Path, graph: nx.MultiDiGraph, summary: dict[str, Any]) -> list[Path]:
    """Write ``graph.json`` and ``summary.json`` into ``out_dir``; return the paths written."""
    out_dir = Path(out_dir)
    graph_path, summary_path = out_dir / GRAPH_FILE, out_dir / SUMMARY_FILE
    write_json(graph_path, json_graph.node_link_data(graph, edges="edges"), indent=None)
    write_json(summary_path, summary)
    return [graph_path, summary_path]


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
            attrs["id"] = node
    return graph


def read_summary(bundle: Path) -> dict[str, Any]:
    return json.loads((Path(bundle) / SUMMARY_FILE).read_text(encoding="utf-8"))
