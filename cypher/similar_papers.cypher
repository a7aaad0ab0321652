// Which papers are most similar to a paper? Jaccard similarity of the concepts they mention.
:param {paper: '1806.07572', limit: 10};

MATCH (p:Paper {id: $paper})-->(c:Concept)<--(other:Paper)
WHERE other <> p
WITH p, other, count(DISTINCT c) AS shared
WITH p, other, shared, COUNT { (p)-->(:Concept) } AS mine, COUNT { (other)-->(:Concept) } AS theirs
RETURN other.id AS paper, other.title AS title, shared, toFloat(shared) / (mine + theirs - shared) AS jaccard
ORDER BY jaccard DESC, shared DESC
LIMIT $limit;
