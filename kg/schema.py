"""The graph schema: labels, keys, relationship types and properties, defined once.

The graph builder, the bundle, the Neo4j writer, the CSV exports, the Cypher
library and the README's schema table all derive from the objects here; change
the graph by changing this module.

>>> NODES["Paper"].key
'id'
>>> RELATIONSHIPS["PROPOSES"].source, RELATIONSHIPS["PROPOSES"].target
('Paper', 'Concept')
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.types import ConceptType, Role

#: Property value types, named as Neo4j's ``neo4j-admin import`` headers name them.
STRING, INT, FLOAT, DATE, STRING_LIST, JSON = "string", "int", "float", "date", "string[]", "json"


@dataclass(frozen=True)
class Property:
    name: str
    type: str
    description: str
    required: bool = False


@dataclass(frozen=True)
class NodeSpec:
    """A node label with its unique key and properties.

    ``type_labels`` lists the extra labels a node carries according to its
    ``type`` property: a Method is stored as ``(:Concept:Method)``.
    """

    label: str
    key: str
    properties: tuple[Property, ...]
    description: str
    type_labels: tuple[str, ...] = ()

    def property(self, name: str) -> Property:
        return next(p for p in self.properties if p.name == name)


@dataclass(frozen=True)
class RelSpec:
    """A relationship type between two labels.

    ``merge_keys`` are the properties that, with both end nodes, identify one
    relationship: a concept pair may be linked once per paper that states it.
    """

    type: str
    source: str
    target: str
    properties: tuple[Property, ...]
    description: str
    merge_keys: tuple[str, ...] = field(default=())


_EVIDENCE = (
    Property("sentence", INT, "0-based index of the sentence in the abstract; -1 for the title"),
    Property("evidence", STRING, "the sentence that states it"),
    Property("confidence", FLOAT, "0–1; how sure the extractor is"),
)
_PER_PAPER = (Property("paper", STRING, "id of the paper whose abstract states it", required=True),)

NODES: dict[str, NodeSpec] = {
    spec.label: spec
    for spec in (
        NodeSpec(
            "Paper",
            "id",
            (
                Property("id", STRING, "arXiv id when known, else a hash of the normalized title", True),
                Property("title", STRING, "title as published", True),
                Property("abstract", STRING, "abstract text", True),
                Property("published", DATE, "publication date, only when the full date is known"),
                Property("year", INT, "publication year, when known"),
                Property("month", INT, "publication month, when known (also without a year)"),
                Property("day", INT, "day of the month, when known"),
                Property("authors", STRING_LIST, "author names, when the source lists them"),
                Property("authors_count", INT, "number of authors, when known"),
                Property("upvotes", INT, "Hugging Face Daily Papers upvotes, when shown"),
                Property("url", STRING, "landing page"),
                Property("links", STRING_LIST, "every URL in the abstract"),
                Property("code_links", STRING_LIST, "the links that point at code repositories"),
                Property("categories", STRING_LIST, "arXiv categories"),
                Property("arxiv_id", STRING, "arXiv identifier without version"),
                Property("sources", STRING_LIST, "file:line of every input record merged into this paper"),
            ),
            "a paper read from the inputs, one node per unique paper",
        ),
        NodeSpec(
            "Concept",
            "key",
            (
                Property("key", STRING, "'Type:canonical name', unique across types", True),
                Property("name", STRING, "the name as papers most often write it, case kept", True),
                Property("type", STRING, "Method, Task, Dataset or Metric", True),
                Property("aliases", STRING_LIST, "every surface form seen, acronyms included"),
                Property("papers", INT, "number of papers that mention it"),
            ),
            "a method, task, dataset or metric, merged across papers",
            type_labels=tuple(t.value for t in ConceptType),
        ),
        NodeSpec(
            "Claim",
            "id",
            (
                Property("id", STRING, "paper id and sentence index", True),
                Property("text", STRING, "the claim sentence", True),
                Property("type", STRING, "result, comparison, contribution or finding", True),
                Property("paper", STRING, "id of the paper making the claim", True),
                Property("sentence", INT, "0-based sentence index"),
                Property(
                    "quantities",
                    JSON,
                    "numbers the claim states: value, unit, kind, baseline, upper, error, metric, dataset, text",
                ),
            ),
            "a result, comparison or contribution stated by an abstract",
        ),
        NodeSpec(
            "Keyphrase",
            "key",
            (
                Property("key", STRING, "normalized phrase", True),
                Property("name", STRING, "phrase as first seen", True),
            ),
            "a KeyBERT keyphrase of one or more papers",
        ),
    )
}

_PAPER_CONCEPT = {
    Role.PROPOSES: "the paper's own contribution ('we propose X')",
    Role.USES: "a method the paper builds on or applies",
    Role.ADDRESSES: "a task the paper works on",
    Role.EVALUATES_ON: "a dataset or metric the paper evaluates with",
}
_CONCEPT_CONCEPT = {
    "USED_FOR": "head is used for tail",
    "PART_OF": "head is part of tail",
    "FEATURE_OF": "head is a feature of tail",
    "HYPONYM_OF": "head is a kind of tail",
    "COMPARED_WITH": "head is compared with tail",
    "EVALUATED_WITH": "head is evaluated with tail (a dataset or metric)",
}

RELATIONSHIPS: dict[str, RelSpec] = {
    spec.type: spec
    for spec in (
        *(RelSpec(r.value, "Paper", "Concept", _EVIDENCE, d) for r, d in _PAPER_CONCEPT.items()),
        *(RelSpec(t, "Concept", "Concept", _PER_PAPER + _EVIDENCE, d, ("paper",)) for t, d in _CONCEPT_CONCEPT.items()),
        RelSpec(
            "MENTIONS", "Paper", "Keyphrase", (Property("score", FLOAT, "KeyBERT relevance, 0–1"),), "a keyphrase of the paper"
        ),
        RelSpec("MAKES", "Paper", "Claim", (), "the paper makes the claim"),
        RelSpec("ABOUT", "Claim", "Concept", (), "the claim names the concept"),
        RelSpec(
            "OUTPERFORMS",
            "Concept",
            "Concept",
            _PER_PAPER
            + (
                Property("metric", STRING, "metric the comparison is on, when named"),
                Property("dataset", STRING, "dataset the comparison is on, when named"),
                Property("delta", STRING, "the stated margin, as written"),
                Property("evidence", STRING, "the sentence that states it"),
            ),
            "a method beats another, as a paper claims",
            ("paper",),
        ),
    )
}

PAPER_CONCEPT_TYPES: tuple[str, ...] = tuple(r.value for r in Role)
CONCEPT_RELATION_TYPES: tuple[str, ...] = tuple(_CONCEPT_CONCEPT)


def node_id(label: str, key: str) -> str:
    """The networkx node id of a node.

    Papers, claims and concepts are known by their key itself: a node-link
    ``graph.json`` stores node ids under ``"id"``, so a paper's ``id`` property
    and its node id must be one value. Keyphrases get a prefix, so the phrase
    "transformer" never collides with anything else.

    >>> node_id("Paper", "1806.07572"), node_id("Concept", "Metric:f1"), node_id("Keyphrase", "transformer")
    ('1806.07572', 'Metric:f1', 'Keyphrase:transformer')
    """
    if label not in NODES:
        raise ValueError(f"unknown label {label!r}; expected one of {sorted(NODES)}")
    return f"{label}:{key}" if label == "Keyphrase" else key


def schema_markdown() -> str:
    """The schema as Markdown tables, as the README shows it."""
    lines = ["| label | key | properties | what it is |", "|---|---|---|---|"]
    for spec in NODES.values():
        labels = f"`{spec.label}`" + "".join(f" `:{t}`" for t in spec.type_labels)
        props = ", ".join(f"`{p.name}`" for p in spec.properties)
        lines.append(f"| {labels} | `{spec.key}` | {props} | {spec.description} |")
    lines += ["", "| relationship | from → to | properties | what it says |", "|---|---|---|---|"]
    for rel in RELATIONSHIPS.values():
        props = ", ".join(f"`{p.name}`" for p in rel.properties) or "—"
        lines.append(f"| `{rel.type}` | {rel.source} → {rel.target} | {props} | {rel.description} |")
    return "\n".join(lines) + "\n"
