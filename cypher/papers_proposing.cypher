// Which papers propose X? Each with the sentence that says so and the extractor's confidence.
:param {concept: 'diffusion model'};

MATCH (c:Concept)
WHERE toLower(c.name) = toLower($concept) OR c.key ENDS WITH ':' + toLower($concept)
   OR toLower($concept) IN [alias IN c.aliases | toLower(alias)]
MATCH (p:Paper)-[r:PROPOSES]->(c)
RETURN p.id AS paper, p.title AS title, p.year AS year, r.evidence AS evidence, r.confidence AS confidence
ORDER BY confidence DESC, year DESC;
