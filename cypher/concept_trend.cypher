// How has interest in X changed? Papers per year that mention it.
:param {concept: 'large language model'};

MATCH (c:Concept)
WHERE toLower(c.name) = toLower($concept) OR c.key ENDS WITH ':' + toLower($concept)
   OR toLower($concept) IN [alias IN c.aliases | toLower(alias)]
MATCH (c)<--(p:Paper)
WHERE p.year IS NOT NULL
RETURN p.year AS year, count(DISTINCT p) AS papers
ORDER BY year;
