// Which concepts match some words? Full-text search over concept names and aliases (index kg_concept_names).
:param {query: 'transformer~', limit: 20};

CALL db.index.fulltext.queryNodes('kg_concept_names', $query) YIELD node, score
RETURN node.type AS type, node.name AS concept, node.aliases AS aliases, node.papers AS papers, score
ORDER BY score DESC
LIMIT $limit;
