// Which concepts first appear after a date? Uses the full publication date, where the source gave one.
:param {after: date('2023-01-01'), limit: 20};

MATCH (p:Paper)-->(c:Concept)
WHERE p.published IS NOT NULL
WITH c, min(p.published) AS first_seen, count(DISTINCT p) AS papers
WHERE first_seen >= $after
RETURN c.type AS type, c.name AS concept, first_seen, papers
ORDER BY first_seen DESC, papers DESC
LIMIT $limit;
