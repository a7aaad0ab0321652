// Where are the gaps? Tasks that many papers address but few of those papers evaluate on any dataset.
:param {min_papers: 3, limit: 20};

MATCH (t:Concept:Task)<-[:ADDRESSES]-(p:Paper)
WITH t, count(DISTINCT p) AS papers,
     count(DISTINCT CASE WHEN EXISTS { (p)-[:EVALUATES_ON]->(:Concept:Dataset) } THEN p END) AS evaluated
WHERE papers >= $min_papers
RETURN t.name AS task, papers, evaluated, toFloat(evaluated) / papers AS evaluated_share
ORDER BY evaluated_share, papers DESC
LIMIT $limit;
