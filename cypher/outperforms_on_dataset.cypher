// Who outperforms whom on a dataset? OUTPERFORMS edges whose dataset matches, with the margin and the paper.
:param {dataset: 'imagenet', limit: 50};

MATCH (winner:Concept)-[o:OUTPERFORMS]->(loser:Concept)
WHERE toLower(o.dataset) = toLower($dataset)
MATCH (p:Paper {id: o.paper})
RETURN winner.name AS winner, loser.name AS loser, o.metric AS metric, o.delta AS margin, p.title AS paper, o.evidence AS evidence
ORDER BY winner, loser
LIMIT $limit;
