// Which methods do papers on a task propose or use most? (top methods for a task)
:param {task: 'image classification', limit: 15};

MATCH (t:Concept:Task)
WHERE toLower(t.name) = toLower($task) OR t.key ENDS WITH ':' + toLower($task)
   OR toLower($task) IN [alias IN t.aliases | toLower(alias)]
MATCH (t)<-[:ADDRESSES]-(p:Paper)
MATCH (p)-[role:PROPOSES|USES]->(m:Concept:Method)
RETURN m.name AS method, count(DISTINCT p) AS papers, collect(DISTINCT type(role)) AS roles
ORDER BY papers DESC, method
LIMIT $limit;
