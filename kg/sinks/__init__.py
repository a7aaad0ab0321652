"""Sinks: everything that writes the graph somewhere (files, Neo4j).

Exporters are named here and imported only when used, so a heavy dependency
(pyvis, the neo4j driver) loads only for the format that needs it. An exporter
is a plain function ``export(graph, out_dir, **options) -> list[Path]``.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from pathlib import Path

import networkx as nx

from kg.errors import KGError
from kg.memory import give_back_memory

Exporter = Callable[..., list[Path]]

#: ``kg export --format NAME`` → "module:function".
EXPORTERS: dict[str, str] = {
    "json": "kg.graph.bundle:export_node_link",
    "graphml": "kg.sinks.files:export_graphml",
    "gexf": "kg.sinks.files:export_gexf",
    "csv": "kg.sinks.files:export_csv",
    "html": "kg.sinks.html:export_html",
    "neo4j-admin": "kg.sinks.neo4j_admin:export_neo4j_admin",
}

#: Formats every ``kg build`` writes into the bundle, besides summary.json.
BUNDLE_FORMATS: tuple[str, ...] = ("json", "graphml", "gexf", "csv", "html")


def exporter(name: str) -> Exporter:
    """The export function registered as ``name``."""
    if name not in EXPORTERS:
        raise KGError(f"unknown export format {name!r}; choose one of {', '.join(EXPORTERS)}")
    module, function = EXPORTERS[name].split(":")
    return getattr(import_module(module), function)


def export(graph: nx.MultiDiGraph, out_dir: Path, formats: tuple[str, ...] = BUNDLE_FORMATS, **options) -> list[Path]:
    """Write ``graph`` in each of ``formats`` into ``out_dir``; return every path written."""
    written: list[Path] = []
    for name in formats:
        written += exporter(name)(graph, Path(out_dir), **options)
        give_back_memory()  # an XML writer's tree, freed, is not added to the next format's
    return written
