"""The graph: building a networkx ``MultiDiGraph`` from extractions, and the bundle on disk."""

from kg.graph.builder import build_graph, paper_properties
from kg.graph.bundle import read_graph, read_summary, summarize, write_summary

__all__ = ["build_graph", "paper_properties", "read_graph", "read_summary", "summarize", "write_summary"]
