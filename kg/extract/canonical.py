"""Canonical names: the form under which one concept merges across papers.

Case, plural and hyphen variants of a name share one canonical form
("Large Language Models" and "large-language model" → "large language model");
generic words in front ("a novel", "our proposed") are dropped, and a name left
with nothing but generic words is no concept at all.
"""

from __future__ import annotations

import re

from spacy.tokens import Span

from kg.extract.patterns import generic_words

_ACRONYM_PLURAL = re.compile(r"^[A-Z][A-Za-z0-9\-]*[A-Z0-9]s$")  # LLMs, GNNs, VAEs
_DATASET_SUFFIXES = {"dataset", "datasets", "benchmark", "benchmarks", "corpus", "corpora", "suite"}
_LEADING_POS = {"DET", "PRON", "PUNCT", "ADP", "CCONJ", "NUM"}


def concept_name(span: Span) -> tuple[Span, str] | None:
    """``(name span, canonical name)`` of a concept span, or None when it is only generic words.

    The name span is the span without its generic lead-in ("two neural
    networks" → "neural networks"): the mention kg reports and an alias of the concept.
    """
    generic = generic_words()
    tokens = list(span)
    while tokens and (tokens[0].pos_ in _LEADING_POS or tokens[0].lower_ in generic):
        if len(tokens) > 1 and tokens[1].tag_ == "HYPH" and tokens[0].pos_ != "PUNCT":
            break  # "first-order optimization" keeps its "first"
        tokens.pop(0)
    while tokens and tokens[-1].pos_ == "PUNCT":
        tokens.pop()
    if span.label_ == "Dataset" and len(tokens) > 1 and tokens[-1].lower_ in _DATASET_SUFFIXES:
        tokens.pop()
    if not tokens or all(t.lower_ in generic or t.is_stop for t in tokens):
        return None
    name = span.doc[tokens[0].i : tokens[-1].i + 1]
    words = [t.text for t in tokens[:-1]] + [_singular(tokens[-1])]
    text = "".join(w + t.whitespace_ for w, t in zip(words, tokens, strict=True))
    return name, normalize_name(text)


def normalize_name(text: str) -> str:
    """Lower case, hyphens as spaces, single spaces.

    >>> normalize_name("Self-Supervised  Learning")
    'self supervised learning'
    """
    text = text.casefold().replace("‐", "-").replace("–", "-")
    text = re.sub(r"(?<=\w)-(?=\w)", " ", text)
    return " ".join(text.split())


def _singular(token) -> str:
    if _ACRONYM_PLURAL.match(token.text):
        return token.text[:-1]
    if token.tag_ in ("NNS", "NNPS") and token.lemma_ and token.lemma_.lower() != token.lower_:
        return token.lemma_
    if token.tag_ == "NNPS" and token.lower_.endswith("s") and not token.lower_.endswith("ss"):
        return token.text[:-1]  # the lemmatizer leaves proper plurals alone: "Models"
    return token.text
