"""Concept→concept relations: the shipped model on real sentences, through from_doc and into the graph."""

from __future__ import annotations

import json

import pytest
from conftest import sample_file

from kg.extract.relations import MODEL_DIR, RelationModel
from kg.graph import build_graph
from kg.schema import CONCEPT_RELATION_TYPES, RELATIONSHIPS
from kg.sources import read_inputs
from kg.types import Paper, concept_key


def extract(extractor, abstract: str, paper_id: str = "p1"):
    return extractor.extract_one(Paper(id=paper_id, title="t", abstract=abstract))


def key_of(extraction, text: str) -> str:
    """The concept key of the mention written ``text``."""
    [mention] = [m for m in extraction.mentions if m.text == text]
    return concept_key(mention.type, mention.canonical)


def triples(extraction) -> set[tuple[str, str, str]]:
    return {(r.head, r.type, r.tail) for r in extraction.relations}


def test_x_used_for_y(extractor):
    abstract = (
        "Support vector machines are used for text classification. "
        "We propose a graph neural network for molecular property prediction."
    )
    extraction = extract(extractor, abstract)
    svm, text_classification = key_of(extraction, "Support vector machines"), key_of(extraction, "text classification")
    gnn, prediction = key_of(extraction, "graph neural network"), key_of(extraction, "molecular property prediction")
    assert (svm, "USED_FOR", text_classification) in triples(extraction)
    assert (gnn, "USED_FOR", prediction) in triples(extraction)
    [second] = [r for r in extraction.relations if r.head == gnn]
    assert second.sentence == 1 and second.evidence.startswith("We propose a graph neural network")
    assert 0.6 <= second.confidence <= 1.0
    # Concepts of different sentences are never related.
    assert not {(svm, prediction), (gnn, text_classification)} & {(r.head, r.tail) for r in extraction.relations}


def test_such_as_is_hyponym_of_and_a_list_is_not_related(extractor):
    extraction = extract(extractor, "We evaluate on several vision tasks, such as object detection and semantic segmentation.")
    tasks, detection = key_of(extraction, "vision tasks"), key_of(extraction, "object detection")
    segmentation = key_of(extraction, "semantic segmentation")
    assert (detection, "HYPONYM_OF", tasks) in triples(extraction)
    assert (tasks, "HYPONYM_OF", detection) not in triples(extraction)  # the direction matters
    # "object detection and semantic segmentation" is a conjunction, which kg does not report.
    assert not [r for r in extraction.relations if {r.head, r.tail} == {detection, segmentation}]


def test_a_metric_of_a_method_is_evaluated_with(extractor):
    text = "We evaluate the BLEU score of the neural machine translation system on WMT14."
    extraction = extract(extractor, text)
    system, bleu = key_of(extraction, "neural machine translation system"), key_of(extraction, "BLEU score")
    assert (system, "EVALUATED_WITH", bleu) in triples(extraction)


def test_relations_reach_the_graph_as_concept_edges(extractor):
    paper = Paper(
        id="2401.00001",
        title="Policies for dialogue",
        abstract=(
            "Dialogue systems must choose what to say next. "
            "A reinforcement learning approach is used for dialogue policy optimization."
        ),
    )
    extraction = extractor.extract_one(paper)
    graph = build_graph([paper], [extraction])
    edges = [(u, v, d) for u, v, d in graph.edges(data=True) if d["type"] in CONCEPT_RELATION_TYPES]
    assert edges, extraction.relations
    head, tail = key_of(extraction, "reinforcement learning approach"), key_of(extraction, "dialogue policy optimization")
    [(_, _, data)] = [(u, v, d) for u, v, d in edges if (u, v) == (head, tail)]
    assert data["type"] == "USED_FOR" and data["paper"] == "2401.00001" and data["sentence"] == 1
    assert data["evidence"] == "A reinforcement learning approach is used for dialogue policy optimization."
    assert graph.nodes[head]["label"] == graph.nodes[tail]["label"] == "Concept"
    spec = RELATIONSHIPS["USED_FOR"]
    assert (spec.source, spec.target) == ("Concept", "Concept")
    assert {p.name for p in spec.properties} <= set(data)


def test_seed_relations_join_mentions_of_their_own_sentence(extractor):
    papers = read_inputs([sample_file("004")]).papers[:30]
    extractions = list(extractor.extract(papers))
    relations = [(e, r) for e in extractions for r in e.relations]
    assert relations, "no relation in 30 seed abstracts"
    for extraction, relation in relations:
        ends = {m.sentence: set() for m in extraction.mentions}
        for m in extraction.mentions:
            ends[m.sentence].add(concept_key(m.type, m.canonical))
        assert relation.head != relation.tail
        assert {relation.head, relation.tail} <= ends[relation.sentence], relation
        assert relation.type in CONCEPT_RELATION_TYPES
    build_graph(papers, extractions)  # raises if a relation names a concept no mention found


def test_component_sits_before_the_claims_and_the_model_ships_what_its_card_says(extractor):
    names = extractor.nlp.pipe_names
    assert names.index("kg_contributions") < names.index("kg_relations") < names.index("kg_sentence_roles")
    assert names[-1] == "kg_claims"
    model = RelationModel.load()
    meta = json.loads((MODEL_DIR / "config.json").read_text())
    assert set(model.emit) <= set(CONCEPT_RELATION_TYPES) and "PART_OF" not in model.emit
    assert model.weights.shape == (len(model.labels), len(model.index))
    assert meta["dev"]["relations"]["precision"] >= meta["settings"]["min_precision"]
    assert (MODEL_DIR / "MODEL_CARD.md").exists()


@pytest.mark.parametrize("abstract", ["Thanks for reading.", "We study machine translation."])
def test_nothing_to_relate(extractor, abstract):
    assert extract(extractor, abstract).relations == []
