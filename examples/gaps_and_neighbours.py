"""Where the literature has gaps, and which papers resemble the best-connected one.

Run where ``kg build`` wrote ``exports/``:  python examples/gaps_and_neighbours.py [BUNDLE]
"""

import sys

from kg.analytics import concept_trends, date_coverage, method_task_matrix, research_gaps, similar_papers
from kg.graph import read_graph

graph = read_graph(sys.argv[1] if len(sys.argv) > 1 else "exports")

matrix = method_task_matrix(graph, top_methods=5, top_tasks=5)
print("Papers per method (rows) and task (columns):")
print(matrix.to_string())

print("\nMethod–task pairs no paper names together, by Adamic–Adar score:")
print(research_gaps(graph, top=5)[["method", "task", "score", "shared"]].to_string(index=False))

papers = [n for n, d in graph.nodes(data=True) if d.get("label") == "Paper"]
hub = max(papers, key=lambda p: (graph.out_degree(p), p))
print(f"\nPapers most like {graph.nodes[hub]['title']!r}:")
print(similar_papers(graph, hub, top=3)[["other_title", "score", "shared_concepts"]].to_string(index=False))

print(f"\nDates known: {date_coverage(graph)}")
print(concept_trends(graph, "year").groupby("period")["papers"].sum().to_string())
