// How has interest in X changed? Papers per year that mention it.
:param {concept: 'large language model'};

MATCH (c:Concept {name: $concept})<--(p:Paper)
WHERE p.year IS NOT NULL
RETURN p.year AS year, count(DISTINCT p) AS papers
ORDER BY year;
