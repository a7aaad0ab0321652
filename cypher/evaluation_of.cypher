// Which datasets and metrics are used to evaluate X? From papers that propose or use X.
:param {method: 'large language model', limit: 20};

MATCH (m:Concept:Method)
WHERE toLower(m.name) = toLower($method) OR m.key ENDS WITH ':' + toLower($method)
   OR toLower($method) IN [alias IN m.aliases | toLower(alias)]
MATCH (m)<-[:PROPOSES|USES]-(p:Paper)-[:EVALUATES_ON]->(e:Concept)
RETURN e.type AS kind, e.name AS name, count(DISTINCT p) AS papers
ORDER BY kind, papers DESC, name
LIMIT $limit;
