"""Rule patterns for typed concepts, built from the lexicons in ``lexicons/``.

Registered as ``kg.concept_patterns.v1`` so ``config.cfg`` hands them to a
spaCy ``span_ruler`` at initialization; the word lists stay data, not code.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from spacy.util import registry

LEXICONS = Path(__file__).with_name("lexicons")

#: Tags a concept name may be made of (adjectives, nouns, participles, hyphens, numbers).
_NAME_TAGS = ["JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "HYPH", "VBN", "VBG", "CD"]
#: Tags a head-noun rule's name may start with: a noun, not an adjective; "poor alignment",
#: "entire model" and "2.4B model" are descriptions, "image generation" is a name.
_FIRST_TAGS = ["NN", "NNS", "NNP", "NNPS"]
_DATASET_HEADS = ["dataset", "datasets", "benchmark", "benchmarks", "corpus", "corpora", "suite"]


@cache
def read_lexicon(name: str) -> tuple[str, ...]:
    """The non-comment lines of ``lexicons/<name>.txt``."""
    lines = (LEXICONS / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    return tuple(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def lexicon_type(text: str) -> str | None:
    """The type kg's lexicons give a name written ``text``, as the span ruler matches them: "Metric" for a line of
    ``metrics.txt`` in any case or of ``metrics_cased.txt`` as written, "Dataset" for a line of ``datasets.txt`` as
    written.

    A metric read at a cut-off is that metric: "MRR@10", "Recall@5", "Pass@8" (:func:`is_cut_off_metric`).

    >>> lexicon_type("BLEU"), lexicon_type("MNIST"), lexicon_type("mnist"), lexicon_type("LoRA"), lexicon_type("MRR@10")
    ('Metric', 'Dataset', None, None, 'Metric')
    """
    datasets, metrics_cased, metrics = _lexicon_sets()
    if text in datasets:
        return "Dataset"
    if text in metrics_cased or text.lower() in metrics or is_cut_off_metric(text):
        return "Metric"
    return None


_CUT_OFF = re.compile(r"(?P<metric>[^\W\d_][\w-]*)@(?:\d+|k)", re.IGNORECASE)


def is_cut_off_metric(text: str) -> bool:
    """A lexicon metric at a cut-off k ("MRR@10", "nDCG@5", "pass@k", "Pass@8"). No model is named so, where a bare
    short form can name a metric or a model (MAE, the masked autoencoder).

    >>> is_cut_off_metric("MRR@10"), is_cut_off_metric("Pass@8"), is_cut_off_metric("dBm@433"), is_cut_off_metric("MRR")
    (True, True, False, False)
    """
    match = _CUT_OFF.fullmatch(text)
    if match is None:
        return False
    _, metrics_cased, metrics = _lexicon_sets()
    metric = match["metric"]
    return metric in metrics_cased or metric.lower() in metrics or f"{metric.lower()}@k" in metrics


@cache
def _lexicon_sets() -> tuple[frozenset[str], ...]:
    """The dataset, cased metric and metric lexicons as sets: the corpus step looks up every mention."""
    return tuple(frozenset(read_lexicon(name)) for name in ("datasets", "metrics_cased", "metrics"))


@cache
def generic_words() -> frozenset[str]:
    return frozenset(read_lexicon("generic"))


@cache
def container_heads() -> dict[str, bool]:
    """``{head noun: whether an adjective alone before it names nothing}`` from ``lexicons/containers.txt``."""
    return {head: rest == ["vague"] for head, *rest in (line.split("\t") for line in read_lexicon("containers"))}


@registry.misc("kg.concept_patterns.v1")
def concept_patterns() -> list[dict]:
    """Span-ruler patterns for Method, Task, Dataset and Metric mentions."""
    patterns: list[dict] = []
    # Token patterns, not phrase strings: phrase patterns would be run through the whole pipeline.
    for term in read_lexicon("metrics"):
        tokens = [{"LOWER": part.lower()} for part in _split(term)]
        patterns.append({"label": "Metric", "pattern": tokens, "id": "metric-lexicon"})
    for term in (*read_lexicon("metrics_cased"), *read_lexicon("datasets")):
        label = "Metric" if term in read_lexicon("metrics_cased") else "Dataset"
        tokens = [{"ORTH": part} for part in _split(term)]
        patterns.append({"label": label, "pattern": tokens, "id": f"{label.lower()}-lexicon"})
    name = [{"TAG": {"IN": _FIRST_TAGS}}, {"TAG": {"IN": _NAME_TAGS}, "OP": "*"}]
    patterns.append(
        {
            "label": "Dataset",
            "pattern": [
                {"TAG": {"IN": ["NNP", "NNPS"]}, "LENGTH": {">=": 3}},
                {"TAG": {"IN": ["NNP", "NNPS", "CD", "HYPH"]}, "OP": "*"},
                {"LOWER": {"IN": _DATASET_HEADS}},
            ],
            "id": "dataset-head",
        }
    )
    for line in read_lexicon("heads"):
        label, head = line.split("\t")
        patterns.append({"label": label, "pattern": [*name, {"LOWER": head}], "id": f"{label.lower()}-head"})
    return patterns


def _split(term: str) -> list[str]:
    """Split a lexicon term the way spaCy's English tokenizer splits it ("CIFAR-10" stays whole)."""
    from spacy.lang.en import English

    return [token.text for token in _tokenizer(English)(term)]


@cache
def _tokenizer(lang):
    return lang().tokenizer
