// Which concepts are emerging? Mentioned by papers from a year on, and by few or none before it.
:param {since: 2023, min_recent: 2, limit: 20};

MATCH (p:Paper)-->(c:Concept)
WHERE p.year IS NOT NULL
WITH c, count(DISTINCT CASE WHEN p.year >= $since THEN p END) AS recent,
     count(DISTINCT CASE WHEN p.year < $since THEN p END) AS earlier, min(p.year) AS first_year
WHERE recent >= $min_recent
RETURN c.type AS type, c.name AS concept, recent, earlier, first_year, toFloat(recent) / (earlier + 1) AS growth
ORDER BY growth DESC, recent DESC, concept
LIMIT $limit;
