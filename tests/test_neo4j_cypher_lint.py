"""Every Cypher statement kg ships passes Neo4j's own front end, ``@neo4j-cypher/language-support``, offline.

Linted: each statement the writer emits for the seed bundle and for a graph with
every label and relationship type, the count and wipe queries, the constraint and
index DDL, the neo4j-admin export's ``schema.cypher``, and every file in
``cypher/`` (with Neo4j Browser's ``:param`` commands). The linter knows kg's
labels, relationship types and property keys, and a Neo4j 5 server's functions
and procedures (APOC included), so a misspelt label or a deprecated function is
reported too. The requirement: no error and no warning of any kind.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from kg.graph import read_graph
from kg.schema import NODES, RELATIONSHIPS
from kg.sinks.neo4j import load_plan
from kg.sinks.neo4j.statements import ENDS, wipe_statement
from kg.sinks.neo4j_admin import export_neo4j_admin
from tests.falkordb_server import REQUIRE_TOOLS
from tests.neo4j_helpers import every_type_graph

REPO = Path(__file__).resolve().parents[1]
LINT = REPO / "tests" / "cypher_lint"
CYPHER = REPO / "cypher"
VERSIONS = ("CYPHER 5", "CYPHER 25")


def _lint_schema() -> dict:
    labels = sorted({*NODES, *(t for spec in NODES.values() for t in spec.type_labels)})
    keys = {p.name for spec in [*NODES.values(), *RELATIONSHIPS.values()] for p in spec.properties}
    keys = sorted(keys | set(ENDS))  # row.source / row.target: keys of the $rows maps, which the linter counts as properties
    return {"labels": labels, "relationshipTypes": sorted(RELATIONSHIPS), "propertyKeys": keys}


def lint(queries: list[dict], version: str = "CYPHER 5") -> dict[str, list[dict]]:
    """name → diagnostics, from tests/cypher_lint/lint.mjs."""
    if not (LINT / "node_modules" / "@neo4j-cypher" / "language-support").is_dir() or not shutil.which("node"):
        reason = "the Cypher linter is not installed: run `npm ci --prefix tests/cypher_lint` (scripts/test.sh does)"
        pytest.fail(reason) if REQUIRE_TOOLS else pytest.skip(reason)
    payload = json.dumps({"schema": _lint_schema(), "version": version, "queries": queries})
    done = subprocess.run(["node", str(LINT / "lint.mjs")], input=payload, capture_output=True, text=True, cwd=LINT, timeout=300)
    assert done.returncode == 0, done.stderr
    return {r["name"]: r["diagnostics"] for r in json.loads(done.stdout)}


def _problems(results: dict[str, list[dict]]) -> dict[str, list[str]]:
    return {name: [f"{d['severity']} {d['line']}:{d['column']} {d['message']}" for d in ds] for name, ds in results.items() if ds}


def test_the_linter_reports_errors_and_deprecations():
    results = lint([
        {"name": "syntax", "text": "MATCH (n:Paper RETURN n"},
        {"name": "deprecated", "text": "MATCH (n:Paper) RETURN id(n)"},
        {"name": "unknown label", "text": "MATCH (n:Papr) RETURN n.title"},
        {"name": "clean", "text": "MATCH (n:Paper {id: $id}) RETURN n.title"},
    ])  # fmt: skip
    assert any(d["severity"] == "error" for d in results["syntax"])
    assert any(d["deprecated"] for d in results["deprecated"])
    assert any("Papr" in d["message"] for d in results["unknown label"])
    assert results["clean"] == []


def _writer_queries(bundle: Path) -> list[dict]:
    queries = []
    for source, graph in (("seed", read_graph(bundle)), ("every type", every_type_graph())):
        plan = load_plan(graph)
        queries += [{"name": f"{source}: {s.name}", "text": s.cypher} for s in plan.statements()]
        queries += [{"name": f"{source}: count {c.name}", "text": c.cypher} for c in plan.counts]
    queries += [{"name": s.name, "text": s.cypher} for s in map(wipe_statement, NODES)]
    return queries


@pytest.mark.parametrize("version", VERSIONS)
def test_writer_statements_lint_clean(built_bundle, version):
    queries = _writer_queries(built_bundle)
    assert len(queries) > 40
    assert _problems(lint(queries, version)) == {}


@pytest.mark.parametrize("version", VERSIONS)
def test_neo4j_admin_schema_cypher_lints_clean(tmp_path, version):
    written = export_neo4j_admin(every_type_graph(), tmp_path)
    schema = next(p for p in written if p.name == "schema.cypher")
    assert _problems(lint([{"name": "schema.cypher", "text": schema.read_text()}], version)) == {}


def cypher_files() -> list[Path]:
    return sorted(CYPHER.glob("*.cypher"))


def test_cypher_library_is_documented():
    files = cypher_files()
    assert len(files) >= 15
    for path in files:
        text = path.read_text()
        assert text.startswith("// ") and "?" in text.splitlines()[0], f"{path.name}: first line must say what it answers"
        assert "\n:param {" in text, f"{path.name}: needs a :param block for Neo4j Browser"
    readme = (CYPHER / "README.md").read_text()
    for path in files:
        assert path.name in readme, f"cypher/README.md does not list {path.name}"


@pytest.mark.parametrize("version", VERSIONS)
def test_cypher_library_lints_clean(version):
    queries = [{"name": p.name, "text": p.read_text(), "console": True} for p in cypher_files()]
    assert _problems(lint(queries, version)) == {}


def test_grass_style_covers_every_label_and_captions_by_name():
    style = (CYPHER / "style.grass").read_text()
    labels = {*NODES, *(t for spec in NODES.values() for t in spec.type_labels)}
    for label in labels:
        assert f"node.{label} {{" in style, f"style.grass has no rule for {label}"
    assert "caption: '{name}';" in style and "caption: '<type>';" in style
