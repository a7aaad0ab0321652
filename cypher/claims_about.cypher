// Which claims name X, and what numbers do they state? Quantities are stored as JSON text; APOC parses them.
:param {concept: 'large language model', limit: 25};

MATCH (c:Concept)
WHERE toLower(c.name) = toLower($concept) OR c.key ENDS WITH ':' + toLower($concept)
   OR toLower($concept) IN [alias IN c.aliases | toLower(alias)]
MATCH (p:Paper)-[:MAKES]->(claim:Claim)-[:ABOUT]->(c)
WITH p, claim, CASE WHEN claim.quantities IS NULL THEN [] ELSE apoc.convert.fromJsonList(claim.quantities) END AS quantities
RETURN p.title AS paper, claim.type AS kind, claim.text AS claim, quantities
ORDER BY size(quantities) DESC, paper
LIMIT $limit;
