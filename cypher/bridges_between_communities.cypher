// Which concepts bridge communities? A community here is the set of papers on one task; a bridge is a method
// used by papers of many different tasks (no GDS plugin needed). kg analyze computes Louvain communities offline.
:param {min_tasks: 3, limit: 20};

MATCH (m:Concept:Method)<-[:PROPOSES|USES]-(p:Paper)-[:ADDRESSES]->(t:Concept:Task)
WITH m, count(DISTINCT t) AS tasks, collect(DISTINCT t.name) AS task_names, count(DISTINCT p) AS papers
WHERE tasks >= $min_tasks
RETURN m.name AS method, tasks, papers, task_names[..10] AS bridged_tasks
ORDER BY tasks DESC, papers DESC
LIMIT $limit;
