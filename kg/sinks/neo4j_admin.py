"""``kg export --format neo4j-admin``: CSV files and an ``import.sh`` for ``neo4j-admin database import full``.

For a graph too big to write through transactions: the offline importer
builds the store directly from CSV. One header file and one data file per
label (concepts per type label) and per relationship type, named from
``kg.schema``; ``schema.cypher`` holds the constraints and indexes to run once
the server is up again.

Header types follow ``neo4j-admin``: an int is written ``long`` and a float
``double``, so imported values have the same 64-bit types as a ``kg load``.

>>> header(NODES["Keyphrase"])
['key:ID(Keyphrase)', 'name']
>>> header(RELATIONSHIPS["MAKES"])
[':START_ID(Paper)', ':END_ID(Claim)']
"""

from __future__ import annotations

import csv
import json
import shlex
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import networkx as nx

from kg.errors import KGError
from kg.schema import DATE, FLOAT, INT, JSON, NODES, RELATIONSHIPS, STRING, STRING_LIST, NodeSpec, Property, RelSpec
from kg.sinks.neo4j.statements import node_rows, relationship_rows, schema_statements

__all__ = ["ARRAY_DELIMITER", "FOLDER", "export_neo4j_admin", "header"]

#: The sub-folder of the export folder that holds the import files.
FOLDER = "neo4j-admin"
#: Between the elements of a string list: the ASCII unit separator never occurs in text (checked on export).
ARRAY_DELIMITER = "\x1f"
_HEADER_TYPES = {STRING: "", INT: ":long", FLOAT: ":double", DATE: ":date", STRING_LIST: ":string[]", JSON: ""}


def _column(prop: Property) -> str:
    if prop.type not in _HEADER_TYPES:
        raise ValueError(f"property {prop.name!r} has type {prop.type!r}, which neo4j-admin export does not map")
    return prop.name + _HEADER_TYPES[prop.type]


def header(spec: NodeSpec | RelSpec) -> list[str]:
    """The header row of a node label or relationship type."""
    if isinstance(spec, NodeSpec):
        return [f"{spec.key}:ID({spec.label})"] + [_column(p) for p in spec.properties if p.name != spec.key]
    return [f":START_ID({spec.source})", f":END_ID({spec.target})"] + [_column(p) for p in spec.properties]


def _cell(prop: Property, value: Any, where: str) -> str:
    if value is None:
        return ""  # an empty unquoted field is no property at all
    if prop.type == STRING_LIST:
        for item in value:
            if ARRAY_DELIMITER in item:
                raise KGError(f"{where}: a {prop.name} value holds U+001F, the array delimiter")
        return ARRAY_DELIMITER.join(value)
    if prop.type == JSON and not isinstance(value, str):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def _write_csv(path: Path, rows: Iterable[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        # QUOTE_MINIMAL leaves a missing value as an empty unquoted field, which neo4j-admin reads as no property
        # (a quoted "" would be an empty string); quotes are doubled, newlines quoted (--multiline-fields).
        csv.writer(handle, quoting=csv.QUOTE_MINIMAL, lineterminator="\n").writerows(rows)
    return path


def _data_rows(properties: list[Property], rows: list[dict[str, Any]], ends: tuple[str, ...], what: str) -> list[list[str]]:
    out = []
    for row in rows:
        where = f"{what} {row.get(ends[0]) if ends else ''}".strip()
        out.append([str(row[e]) for e in ends] + [_cell(p, row.get(p.name), where) for p in properties])
    return out


def export_neo4j_admin(graph: nx.MultiDiGraph, out_dir: Path, **_options: Any) -> list[Path]:
    """Write ``out_dir/neo4j-admin/``: header and data CSVs, ``schema.cypher`` and ``import.sh``."""
    folder = Path(out_dir) / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    arguments: list[str] = []
    for (label, type_label), rows in sorted(node_rows(graph).items(), key=lambda item: (item[0][0], str(item[0][1]))):
        spec = NODES[label]
        name = label + (f"_{type_label}" if type_label else "")
        properties = [p for p in spec.properties if p.name != spec.key]
        head = _write_csv(folder / f"{name}.header.csv", [header(spec)])
        data = _write_csv(folder / f"{name}.csv", _data_rows(properties, rows, (spec.key,), label))
        written += [head, data]
        labels = label + (f":{type_label}" if type_label else "")
        arguments.append(f"--nodes={labels}={head.name},{data.name}")
    for rel_type, rows in relationship_rows(graph).items():
        spec = RELATIONSHIPS[rel_type]
        head = _write_csv(folder / f"{rel_type}.header.csv", [header(spec)])
        data = _write_csv(folder / f"{rel_type}.csv", _data_rows(list(spec.properties), rows, ("source", "target"), rel_type))
        written += [head, data]
        arguments.append(f"--relationships={rel_type}={head.name},{data.name}")
    schema = folder / "schema.cypher"
    schema.write_text("".join(f"{s.cypher};\n" for s in schema_statements()), encoding="utf-8")
    script = folder / "import.sh"
    script.write_text(import_script(arguments), encoding="utf-8")
    script.chmod(0o755)
    return [*written, schema, script]


def import_script(arguments: list[str]) -> str:
    """The shell script that runs ``neo4j-admin database import full`` on the files beside it."""
    options = [
        *arguments,
        "--multiline-fields=true",  # abstracts and evidence sentences may hold newlines
        "--array-delimiter=U+001F",
        "--id-type=string",
        '--overwrite-destination="${OVERWRITE:-false}"',
    ]
    lines = " \\\n  ".join(shlex.quote(o) if "$" not in o else o for o in options)
    return f"""#!/usr/bin/env bash
# Written by `kg export --format neo4j-admin`: imports this folder into an offline Neo4j 5 database.
#
#   Stop the database first (Community: stop the server), then, from anywhere:
#     NEO4J_ADMIN=/path/to/neo4j/bin/neo4j-admin bash import.sh [database]     (default database: neo4j)
#   With the repository's docker-compose.yml (exports/ is mounted at /import):
#     docker compose stop neo4j
#     docker compose run --rm -e OVERWRITE=true neo4j bash /import/neo4j-admin/import.sh
#     docker compose start neo4j
#   OVERWRITE=true replaces an existing database of that name. Then create the constraints and indexes:
#     cypher-shell -d neo4j -f schema.cypher
set -euo pipefail
cd "$(dirname "$0")"
DATABASE="${{1:-neo4j}}"
"${{NEO4J_ADMIN:-neo4j-admin}}" database import full \\
  {lines} \\
  "$DATABASE"
echo "imported into $DATABASE; start Neo4j, then run: cypher-shell -d $DATABASE -f $(pwd)/schema.cypher"
"""
