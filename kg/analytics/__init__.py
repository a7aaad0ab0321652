"""Analytics over the kg graph: plain functions in the networkx style, one family per module.

Each takes the graph ``kg.graph.read_graph`` returns and gives back a pandas
DataFrame or plain data:

- :mod:`~kg.analytics.projection`: concepts per paper, the concept co-occurrence graph;
- :mod:`~kg.analytics.centrality`: degree, PageRank, betweenness per concept type;
- :mod:`~kg.analytics.communities`: Louvain communities of concepts, named by top members;
- :mod:`~kg.analytics.bridges`: concepts linking communities;
- :mod:`~kg.analytics.matrix`: the method × task matrix;
- :mod:`~kg.analytics.trends`: concept counts per year or month, where dates are known;
- :mod:`~kg.analytics.gaps`: method–task pairs link prediction favours that no paper has;
- :mod:`~kg.analytics.similarity`: similar papers by shared concepts and keyphrases.

``kg analyze`` (:mod:`~kg.analytics.report`) writes all of them as an HTML report with CSV tables.
"""

from kg.analytics.bridges import community_bridges, community_links
from kg.analytics.centrality import concept_centrality, top_concepts
from kg.analytics.communities import community_name, community_nodes, community_table, concept_communities
from kg.analytics.gaps import research_gaps
from kg.analytics.matrix import method_task_matrix, method_task_pairs
from kg.analytics.projection import concept_projection, concepts_of, papers_of
from kg.analytics.similarity import paper_features, similar_papers
from kg.analytics.trends import concept_trends, date_coverage

__all__ = [
    "community_bridges",
    "community_links",
    "community_name",
    "community_nodes",
    "community_table",
    "concept_centrality",
    "concept_communities",
    "concept_projection",
    "concept_trends",
    "concepts_of",
    "date_coverage",
    "method_task_matrix",
    "method_task_pairs",
    "paper_features",
    "papers_of",
    "research_gaps",
    "similar_papers",
    "top_concepts",
]
