// Which tasks is a method applied to? Tasks addressed by the papers that propose or use it.
:param {method: 'diffusion model', limit: 20};

MATCH (m:Concept:Method)
WHERE toLower(m.name) = toLower($method) OR m.key ENDS WITH ':' + toLower($method)
   OR toLower($method) IN [alias IN m.aliases | toLower(alias)]
MATCH (m)<-[:PROPOSES|USES]-(p:Paper)-[:ADDRESSES]->(t:Concept:Task)
RETURN t.name AS task, count(DISTINCT p) AS papers, collect(DISTINCT p.title)[..3] AS examples
ORDER BY papers DESC, task
LIMIT $limit;
