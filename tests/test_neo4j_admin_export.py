"""``kg export --format neo4j-admin``, docker-compose.yml and .env.example.

neo4j-admin itself does not run here: the CSVs are read back with Python's csv
module under neo4j-admin's header rules and compared with the bundle value by value.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import subprocess
from pathlib import Path

import yaml

from kg.schema import NODES, RELATIONSHIPS
from kg.sinks.neo4j_admin import ARRAY_DELIMITER, export_neo4j_admin
from tests.neo4j_helpers import HOSTILE, every_type_graph, expected_dump

REPO = Path(__file__).resolve().parents[1]
_PARSE = {"": str, "long": int, "double": float, "date": lambda v: dt.date.fromisoformat(v).isoformat()}


def _read(header: Path, data: Path) -> list[dict]:
    """Rows as neo4j-admin would read them: typed by the header, an empty field is no property."""
    (columns,) = list(csv.reader(header.open(encoding="utf-8", newline="")))
    rows = []
    for values in csv.reader(data.open(encoding="utf-8", newline="")):
        row = {}
        for column, value in zip(columns, values, strict=True):
            name, _, kind = column.partition(":")
            if value == "":
                continue
            if kind.endswith("[]"):
                row[name] = value.split(ARRAY_DELIMITER)
            else:
                row[name or kind.split("(")[0]] = value if kind.startswith(("ID", "START_ID", "END_ID")) else _PARSE[kind](value)
        rows.append(row)
    return rows


def test_export_round_trips_every_label_and_type(tmp_path):
    graph = every_type_graph()
    written = export_neo4j_admin(graph, tmp_path)
    folder = tmp_path / "neo4j-admin"
    assert {p.name for p in written} >= {
        "import.sh",
        "schema.cypher",
        "Paper.header.csv",
        "Concept_Method.csv",
        "OUTPERFORMS.csv",
    }

    want_nodes, want_rels = expected_dump(graph)
    nodes, rels = {}, {}
    for header in folder.glob("*.header.csv"):
        name = header.name.removesuffix(".header.csv")
        label = name.split("_")[0]
        for row in _read(header, folder / f"{name}.csv"):
            if label in NODES:
                nodes[label, row[NODES[label].key]] = row
            else:
                spec = RELATIONSHIPS[name]
                ends = (row.pop("START_ID"), row.pop("END_ID"))
                rels[(name, *ends, *(row.get(k) for k in spec.merge_keys))] = row
    assert nodes == want_nodes
    assert rels == want_rels
    assert {row["title"] for key, row in nodes.items() if key[0] == "Paper"} >= set(HOSTILE[:2])


def test_import_script_names_every_file_and_is_valid_bash(tmp_path):
    export_neo4j_admin(every_type_graph(), tmp_path)
    script = (tmp_path / "neo4j-admin" / "import.sh").read_text()
    assert subprocess.run(["bash", "-n", str(tmp_path / "neo4j-admin" / "import.sh")]).returncode == 0
    assert "database import full" in script and "--multiline-fields=true" in script
    for header in (tmp_path / "neo4j-admin").glob("*.header.csv"):
        assert header.name in script
    assert "--nodes=Concept:Method=Concept_Method.header.csv,Concept_Method.csv" in script
    assert "--relationships=OUTPERFORMS=OUTPERFORMS.header.csv,OUTPERFORMS.csv" in script


def test_quantities_are_json_text(tmp_path):
    export_neo4j_admin(every_type_graph(), tmp_path)
    (claim,) = _read(tmp_path / "neo4j-admin" / "Claim.header.csv", tmp_path / "neo4j-admin" / "Claim.csv")
    assert json.loads(claim["quantities"])[0]["text"] == "2.1 'BLEU'"


def test_docker_compose_is_local_only_with_apoc_auth_volumes_and_healthcheck():
    compose = yaml.safe_load((REPO / "docker-compose.yml").read_text())
    neo4j = compose["services"]["neo4j"]
    assert neo4j["image"].startswith("neo4j:5") and neo4j["image"].endswith("-community")
    assert all(port.startswith("127.0.0.1:") for port in neo4j["ports"])
    assert "${NEO4J_PASSWORD" in neo4j["environment"]["NEO4J_AUTH"]
    assert json.loads(neo4j["environment"]["NEO4J_PLUGINS"]) == ["apoc"]
    mounts = {volume.split(":")[1] for volume in neo4j["volumes"]}
    assert {"/data", "/logs", "/import"} <= mounts
    assert neo4j["healthcheck"]["test"]
    example = (REPO / ".env.example").read_text()
    for name in ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
        assert f"\n{name}=" in "\n" + example
    ignored = subprocess.run(["git", "check-ignore", "-q", ".env"], cwd=REPO)
    assert ignored.returncode == 0, ".env must be git-ignored"
