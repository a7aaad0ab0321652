// Which concepts appear in the same papers as X most often? (concept co-occurrence)
:param {concept: 'reinforcement learning', limit: 20};

MATCH (c:Concept)
WHERE toLower(c.name) = toLower($concept) OR c.key ENDS WITH ':' + toLower($concept)
   OR toLower($concept) IN [alias IN c.aliases | toLower(alias)]
MATCH (c)<--(p:Paper)-->(other:Concept)
WHERE other <> c
RETURN other.type AS type, other.name AS concept, count(DISTINCT p) AS shared_papers
ORDER BY shared_papers DESC, concept
LIMIT $limit;
