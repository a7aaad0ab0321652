// Which papers talk about something? Full-text search over titles and abstracts (index kg_paper_text).
:param {query: 'protein folding', limit: 20};

CALL db.index.fulltext.queryNodes('kg_paper_text', $query) YIELD node, score
RETURN node.id AS paper, node.title AS title, node.year AS year, score
ORDER BY score DESC
LIMIT $limit;
