// What surrounds a concept? Its papers and their other concepts, as a graph for Neo4j Browser.
:param {concept: 'diffusion model', limit: 100};

MATCH path = (c:Concept {name: $concept})<--(p:Paper)-->(other:Concept)
RETURN path
LIMIT $limit;
