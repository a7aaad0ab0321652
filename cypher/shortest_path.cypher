// How are two concepts connected? The shortest path (at most 8 hops) through papers and concepts, as a graph.
:param {from: 'reinforcement learning', to: 'image classification'};

MATCH path = shortestPath((a:Concept {name: $from})-[*..8]-(b:Concept {name: $to}))
RETURN path, length(path) AS hops;
