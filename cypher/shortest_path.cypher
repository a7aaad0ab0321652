// How are two concepts connected? The shortest path (at most 8 hops) through papers and concepts, as a graph.
:param {from: 'reinforcement learning', to: 'image classification'};

MATCH (a:Concept)
WHERE toLower(a.name) = toLower($from) OR a.key ENDS WITH ':' + toLower($from)
   OR toLower($from) IN [alias IN a.aliases | toLower(alias)]
MATCH (b:Concept)
WHERE toLower(b.name) = toLower($to) OR b.key ENDS WITH ':' + toLower($to)
   OR toLower($to) IN [alias IN b.aliases | toLower(alias)]
MATCH path = shortestPath((a)-[*..8]-(b))
RETURN path, length(path) AS hops;
