// What did kg extract from one paper? Every concept with its role, sentence and confidence.
:param {paper: '1806.07572'};

MATCH (p:Paper {id: $paper})-[r]->(c:Concept)
RETURN p.title AS title, type(r) AS role, c.type AS type, c.name AS concept, r.sentence AS sentence, r.evidence AS evidence,
       r.confidence AS confidence
ORDER BY sentence, role;
