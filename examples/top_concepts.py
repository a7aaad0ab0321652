"""The most central methods and tasks of a bundle, and the communities they fall into.

Run where ``kg build`` wrote ``exports/``:  python examples/top_concepts.py [BUNDLE]
"""

import sys

from kg.analytics import community_table, concept_centrality, concept_communities, top_concepts
from kg.graph import read_graph

graph = read_graph(sys.argv[1] if len(sys.argv) > 1 else "exports")

centrality = concept_centrality(graph, types=["Method", "Task"], seed=0)
print("Most central methods and tasks (PageRank on concept co-occurrence):")
print(top_concepts(centrality, n=5)[["type", "name", "papers", "pagerank", "betweenness"]].to_string(index=False))

communities = concept_communities(graph, seed=0)
print(f"\n{len(communities)} communities of concepts; the five largest:")
print(community_table(graph, communities).head(5)[["community", "size", "name"]].to_string(index=False))
