// What surrounds a concept? Its papers and their other concepts, as a graph for Neo4j Browser.
:param {concept: 'diffusion model', limit: 100};

MATCH (c:Concept)
WHERE toLower(c.name) = toLower($concept) OR c.key ENDS WITH ':' + toLower($concept)
   OR toLower($concept) IN [alias IN c.aliases | toLower(alias)]
MATCH path = (c)<--(p:Paper)-->(other:Concept)
RETURN path
LIMIT $limit;
