// What are the most mentioned concepts of one type (Method, Task, Dataset or Metric)?
:param {type: 'Method', limit: 25};

MATCH (c:Concept {type: $type})
RETURN c.name AS concept, c.papers AS papers, size(c.aliases) AS surface_forms
ORDER BY papers DESC, concept
LIMIT $limit;
