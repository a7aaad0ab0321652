// Which papers propose X? Each with the sentence that says so and the extractor's confidence.
:param {concept: 'diffusion model'};

MATCH (p:Paper)-[r:PROPOSES]->(c:Concept {name: $concept})
RETURN p.id AS paper, p.title AS title, p.year AS year, r.evidence AS evidence, r.confidence AS confidence
ORDER BY confidence DESC, year DESC;
