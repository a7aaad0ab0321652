// What is in the database? Nodes per kg label and relationships per type.
:param {labels: ['Paper', 'Concept', 'Claim', 'Keyphrase']};

UNWIND $labels AS label
CALL (label) {
  MATCH (n)
  WHERE label IN labels(n)
  RETURN count(n) AS nodes
}
RETURN label, nodes
UNION ALL
MATCH ()-[r]->()
RETURN type(r) AS label, count(r) AS nodes;
