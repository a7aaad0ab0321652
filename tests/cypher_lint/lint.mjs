// Lints Cypher with Neo4j's own front end (@neo4j-cypher/language-support), offline.
// stdin: JSON {"schema": {labels, relationshipTypes, propertyKeys}, "version": "CYPHER 5",
//              "queries": [{"name", "text", "console"}]}
// stdout: JSON [{"name", "diagnostics": [{"severity", "message", "line", "column", "deprecated"}]}]
// "Parameter $x is not defined" errors are dropped with isNotParamError: parameters are bound at run time.
import { lintCypherQuery, isNotParamError, testData } from '@neo4j-cypher/language-support';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const input = JSON.parse(Buffer.concat(chunks).toString('utf8'));

// Built-in functions and procedures (with APOC's) come from the package's own catalogue of a Neo4j 5
// server, so unknown or deprecated functions and procedures are reported too.
const dbSchema = {
  ...input.schema,
  functions: testData.mockSchema.functions,
  procedures: testData.mockSchema.procedures,
  defaultLanguage: input.version,
};

const severities = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' };
const results = input.queries.map(({ name, text, console: consoleCommandsEnabled }) => {
  const { diagnostics } = lintCypherQuery(text, dbSchema, { consoleCommandsEnabled: Boolean(consoleCommandsEnabled) });
  return {
    name,
    diagnostics: diagnostics.filter(isNotParamError).map((d) => ({
      severity: severities[d.severity] ?? String(d.severity),
      message: d.message,
      line: d.range.start.line + 1,
      column: d.range.start.character + 1,
      deprecated: Boolean(d.tags && d.tags.includes(2)),
    })),
  };
});
process.stdout.write(JSON.stringify(results));
