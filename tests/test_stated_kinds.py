"""A name takes the type its paper states ("X, a benchmark", "the X task", "X: A … Dataset"), issue 19.

Real sentences of kg's train-arxiv abstracts (read from ../shared/gold/triples at test time). Before the rule, the
concept judge typed each of the names below otherwise on cross-validation over train-arxiv (VG-AVS, MIR-E,
iAgentBench, PersianPunc and the FiFA benchmark as Methods, the MaRS framework as a Dataset); the negative cases are
readings an earlier draft of the rule got wrong there.
"""

from __future__ import annotations

import pytest

from kg.extract.stated_kinds import stated_kind
from kg.types import ConceptType
from tests.test_claims import arxiv, arxiv_paper, seed_paper
from tests.test_quantities import scier

DATASET, TASK, METRIC, METHOD = ConceptType.DATASET, ConceptType.TASK, ConceptType.METRIC, ConceptType.METHOD


@pytest.fixture(scope="module")
def nlp(extractor):
    return extractor.nlp


def name_in(nlp, text: str, name: str):
    doc = nlp(text)
    start = text.index(name)
    return doc.char_span(start, start + len(name))


@pytest.mark.parametrize(
    ("paper", "says", "name", "called"),
    [
        ("2512.13250", "a task that selects", "VG-AVS", ("task", TASK)),  # a short form, then ", a task that …"
        ("2512.13250", "a task that selects", "Visually Grounded Active View Selection", ("task", TASK)),
        ("2603.07539v1", "a weighted multi-stage metric", "MIR-E", ("metric", METRIC)),  # a long form in brackets between
        ("2512.13609", "Do-Undo task", "Do-Undo", ("task", TASK)),  # "the Do-Undo task and benchmark"
        ("2512.12856", "benchmark, a comprehensive", "Forgetful but Faithful Agent", ("benchmark", DATASET)),
        ("2512.12856", "a novel framework", "Memory-Aware Retention Schema", ("framework", METHOD)),
        ("2603.10861v1", "is the largest", "SiDiaC-v.2.0", ("corpus", DATASET)),  # "X is the largest … Corpus"
        # a description, then the name: "introducing a new synthetic dataset, GigaVerbo-v2 Synth, aimed at …"
        ("2603.03543v1", "a new synthetic dataset", "GigaVerbo-v2 Synth", ("dataset", DATASET)),
    ],
)
def test_the_kind_a_sentence_calls_a_name_types_it(nlp, paper, says, name, called):
    assert stated_kind(name_in(nlp, arxiv(paper, says), name)) == called


@pytest.mark.parametrize(
    ("paper", "name", "called"),
    [
        ("2603.04656v1", "iAgentBench", ("bench", DATASET)),  # "iAgentBench: Benchmarking Sensemaking …"
        ("2603.05314v1", "PersianPunc", ("dataset", DATASET)),  # "PersianPunc: A Large-Scale Dataset and …"
    ],
)
def test_a_title_names_the_kind_in_the_name_or_after_the_colon(nlp, paper, name, called):
    assert stated_kind(name_in(nlp, arxiv_paper(paper).title, name)) == called


@pytest.mark.parametrize(
    ("paper", "says", "name"),
    [
        # the description after the brackets is CRAFTS', not the end of its long form's
        ("2512.13164", "the first generative foundation model", "Tissue Synthesis"),
        ("2603.04656v1", "ODQA", "ODQA"),  # "a dynamic ODQA benchmark": a benchmark for the task
        ("2603.05099v1", "215 ARC-AGI-1 tasks", "ARC-AGI-1"),  # the benchmark's tasks
        ("2603.07612v1", "a benchmark requiring systems", "WattBot 2025 Challenge"),  # the parse makes "systems" the head
        ("2603.04083v1", "MT systems", "MT"),  # a system made for a task: no Method kind after a name
        ("2603.08153v1", "MT systems", "MT"),
        ("2603.03884v1", "approach human agreement", "human agreement"),  # ", the distilled … models" is a new clause
    ],
)
def test_no_kind_is_read_from_a_phrase_around_the_name(nlp, paper, says, name):
    assert stated_kind(name_in(nlp, arxiv(paper, says), name)) is None


@pytest.mark.parametrize(
    ("paper", "says", "name"),
    [
        # a clause's subject after an introductory phrase is no apposition
        ("t-ab0a68ddd552491b", "the rounding task is posed", "Taylor series expansion"),
        # a year's shared task is a benchmark, not a research problem
        ("t-43b1c1dfb0b34120", "English-French task", "WMT'14 English-French"),
    ],
)
def test_no_kind_is_read_from_seed_sentences_that_only_look_alike(nlp, paper, says, name):
    sentence = next(s for s in seed_paper(paper).abstract.split(". ") if says in s)
    assert stated_kind(name_in(nlp, sentence, name)) is None


def test_a_copula_the_parser_finds_inside_a_comparison_states_no_kind(nlp):
    # SciER train, the SBERT paper: "The only dataset where SBERT is significantly worse than Universal Sentence Encoder
    # is the TREC dataset." made Universal Sentence Encoder a Dataset
    sentence = scier("201646309", "significantly worse than Universal Sentence Encoder")
    assert stated_kind(name_in(nlp, sentence, "Universal Sentence Encoder")) is None
    assert stated_kind(name_in(nlp, arxiv("2603.10861v1", "is the largest"), "SiDiaC-v.2.0")) == ("corpus", DATASET)


def test_a_kind_qualified_as_an_evaluation_says_no_type(nlp):
    # CRIMSON is "a clinically grounded evaluation framework": an evaluation framework may be a metric or a benchmark
    sentence = arxiv("2603.06183v1", "We introduce CRIMSON")
    assert stated_kind(name_in(nlp, sentence, "CRIMSON")) is None
