"""Canonical names: the form under which one concept merges across papers.

Case, plural and hyphen variants of a name share one canonical form
("Large Language Models" and "large-language model" → "large language model");
generic words in front ("a novel", "our proposed") are dropped, and a name left
with nothing but generic words is no concept at all.
"""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Doc, Span, Token

from kg.extract.patterns import container_heads, generic_words, lexicon_type, read_lexicon
from kg.types import normalize_name  # noqa: F401  (the key's spelling; re-exported for the extractors)

_ACRONYM_PLURAL = re.compile(r"^[A-Z][A-Za-z0-9\-]*[A-Z0-9]s$")  # LLMs, GNNs, VAEs
_SIBILANT_PLURAL = re.compile(r"(ch|sh|x|ss|zz)es$")
#: Words that end a dataset's name without naming it: "the PASCAL VOC dataset" is PASCAL VOC.
DATASET_SUFFIXES = frozenset({"dataset", "datasets", "benchmark", "benchmarks", "corpus", "corpora", "suite"})
_LEADING_POS = {"DET", "PRON", "PUNCT", "ADP", "CCONJ", "NUM"}
_NOUNS = {"NOUN", "PROPN"}
_WH_TAGS = {"WRB", "WDT", "WP", "WP$"}
_DANGLING_POS = {"ADP", "CCONJ", "SCONJ", "DET", "PART", "PRON", "AUX"}
_HYPHENS = {"-", "‐", "–"}
_PTB_BRACKETS = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}"}
#: Dashes that part two phrases where spaces stand either side ("RunPBA – Runtime attestation", a title written with
#: LaTeX's "--"). Not the hyphen: the span evaluation's gold documents (SciERC, SciER) put a space after every token,
#: a word's own hyphens included ("pre - trained"), so a spaced hyphen there is no dash.
_DASHES = frozenset({"–", "—", "--", "---"})
# A citation or a reference is no concept: "et al", an arXiv identifier, a DOI, a link.
_CITATION = re.compile(r"\bet al\b|\barxiv\s*:?\s*\d{4}\.\d{4,5}|\b10\.\d{4,9}/|https?://|\bwww\.", re.IGNORECASE)
_CITATION_KEY = re.compile(r"^[a-z]+\d{4}[a-z]+$")  # BibTeX keys: "goodfellow2014generative"
# A size or a dimension alone, a number and one letter: "1D", "26D", "7B", "3-8B" (what has the size is the concept)
_SIZE = re.compile(r"^\d+(?:\.\d+)?(?:\s*[-–]\s*\d+(?:\.\d+)?)?\s*[A-Za-z]$")
# A Roman numeral alone: the number of "model III", "Table VI" (not IV, the instrumental variable)
_NUMERAL = re.compile(r"(?:II|III|VI|VII|VIII|IX|XI|XII)")
# A value with its sign ("+0.04", "-1.2", "±0.3"): "positive gains (MC1 +0.04; MC2 +0.003)" gives MC1, not "MC1 +0.04"
_SIGNED_NUMBER = re.compile(r"^[+\-−±]\d")
# LaTeX commands whose backslash the source dropped ("mathfrak S d bound", "O(n leq k)")
_LATEX_WORDS = {"mathfrak", "mathcal", "mathbb", "mathbf", "mathrm", "frac", "sqrt", "leq", "geq", "neq", "infty", "cdot"}


def concept_name(span: Span) -> tuple[Span, str] | None:
    """``(name span, canonical name)`` of a concept span, or None when it is only generic words.

    The name span is the span without its generic lead-in ("two neural
    networks" → "neural networks"): the mention kg reports and an alias of the
    concept. The canonical name also drops a dataset's "dataset"/"benchmark" suffix.
    """
    generic, comparatives = generic_words(), _comparatives()
    levels = _score_levels() if span.label_ == "Metric" else frozenset()
    tokens = list(span)
    # Generic modifiers go ("novel", "our proposed"); a generic noun stays ("machine translation").
    while tokens and (
        (tokens[0].pos_ in _LEADING_POS and not _name_read_as_number(tokens[0]))
        or tokens[0].tag_ in _WH_TAGS  # "how pretraining"
        or (tokens[0].lower_ in generic and tokens[0].pos_ not in _NOUNS)
        or (tokens[0].tag_ in ("JJR", "RBR") and tokens[0].lower_ in comparatives)  # "a cheaper proxy" is a proxy
        or (tokens[0].lower_ in levels and tokens[0].pos_ in ("ADJ", "ADV"))  # "competitive Recall@10" is Recall@10
        or _unit_sign(tokens[0])  # "13.5% MIR-E": the parse reads the number's "%" as a noun of the name
        or _aggregate_of_a_listed_name(tokens)  # "mean RMSE" is RMSE
    ):
        if len(tokens) > 1 and tokens[1].tag_ == "HYPH" and tokens[0].pos_ != "PUNCT":
            break  # "first-order optimization" keeps its "first"
        tokens.pop(0)
    if tokens and tokens[-1].text == ")" and any(t.text == "(" for t in tokens[1:]):
        # "reinforcement learning (RL)": the parenthesis is an alias, not part of the name
        tokens = tokens[: max(i for i, t in enumerate(tokens) if t.text == "(")]
    while tokens and (tokens[-1].pos_ == "PUNCT" or _SIGNED_NUMBER.match(tokens[-1].text)):
        tokens.pop()  # "MC1 +0.04": the value after a name is no part of it
    if not tokens or _not_a_name(tokens):
        return None
    if span.label_ == "Dataset":
        tokens = _without_resolution(tokens)
    name = span.doc[tokens[0].i : tokens[-1].i + 1]
    if span.label_ == "Dataset" and len(tokens) > 1 and tokens[-1].lower_ in DATASET_SUFFIXES and not _defined(tokens):
        if _not_a_name(tokens[:-1]):
            return None  # "several tabular datasets", "public benchmarks": a description, not a name
        tokens.pop()  # "the PASCAL VOC dataset" is named so, and merges with "PASCAL VOC"
    if all(t.lower_ in generic or t.is_stop or t.is_punct for t in tokens):
        return None
    words = [t.text for t in tokens[:-1]] + [_singular(tokens[-1])]
    text = "".join(w + t.whitespace_ for w, t in zip(words, tokens, strict=True))
    return name, normalize_name(text.strip(_STRAY))


def _aggregate_of_a_listed_name(tokens: list[Token]) -> bool:
    """Whether the first word says how a listed metric or dataset was aggregated ("mean RMSE", "average Character Error
    Rate", "avg GSM8K"), where the whole is no listed name itself ("mean average precision", "average precision")."""
    if len(tokens) < 2 or tokens[0].lower_ not in read_lexicon("aggregates"):
        return False
    doc = tokens[0].doc
    rest, whole = doc[tokens[1].i : tokens[-1].i + 1].text, doc[tokens[0].i : tokens[-1].i + 1].text
    return lexicon_type(rest) is not None and lexicon_type(whole) is None


def _unit_sign(token: Token) -> bool:
    """A sign the parse tags a noun or a symbol, with no letter or digit: "%", "‰", "×"."""
    return token.pos_ in ("NOUN", "SYM") and not any(c.isalnum() for c in token.text)


@cache
def _score_levels() -> frozenset[str]:
    """Words that say how well a thing scored, stripped from the front of a Metric (lexicons/score_levels.txt)."""
    return frozenset(read_lexicon("score_levels"))


@cache
def _comparatives() -> frozenset[str]:
    """Comparatives that say how a thing compares, not what it is (lexicons/comparatives.txt)."""
    return frozenset(read_lexicon("comparatives"))


_RESOLUTION = re.compile(r"\d+[x×]\d+")


def _without_resolution(tokens: list) -> list:
    """A dataset's tokens without the image size that follows its name: "ImageNet 256×256" is ImageNet, at a setting."""
    for size in (3, 2, 1):
        if len(tokens) > size and _RESOLUTION.fullmatch("".join(t.text for t in tokens[-size:])):
            return tokens[:-size]
    return tokens


#: Characters a token may carry at a name's edge that are no part of it ("CIFAR-10/", "topk.", "ImageNet/.").
_STRAY = " /.,;:"


def written(name: Span) -> tuple[str, int, int]:
    """A name's text and character offsets without the stray punctuation its tokens carry at its edges.

    >>> import spacy
    >>> doc = spacy.blank("en")("trained on CIFAR-10/ only")
    >>> written(doc[2:3])
    ('CIFAR-10', 11, 19)
    """
    text = name.text
    start = len(text) - len(text.lstrip(_STRAY))
    end = len(text.rstrip(_STRAY))
    if end <= start:
        return text, name.start_char, name.end_char
    return text[start:end], name.start_char + start, name.start_char + end


def _not_a_name(tokens) -> bool:
    """Fragments no reader would call a concept: cut off ("reasoning under"), a lone
    adjective ("robust"), a stray letter ("rate of O"), LaTeX source ("\\mathcal{O}",
    "mathfrak S d bound"), half a bracket ("RPS) methods", "models~(DMs"), a piece of a
    hyphenated word ("self" of "self-improvement"), half a quotation ('seed "improver'), a BibTeX key,
    a reference ("arXiv:2205.13452", a DOI, a link), a size alone ("26D", "3-8B"), a numeral alone ("III" of "model
    III"), two phrases either side of a spaced dash ("RunPBA – Runtime attestation") or no word at all ("-", "et al")."""
    last = tokens[-1]
    if any(t.lower_ in _LATEX_WORDS or _CITATION_KEY.match(t.lower_) for t in tokens):
        return True
    if last.pos_ in _DANGLING_POS or (len(last) == 1 and (last.is_lower or len(tokens) == 1)):
        return True  # "reasoning under", "rate of O", a lone "D"
    # "recall" is a measure even where the parser reads a verb ("precision, recall, F1-score")
    alone = len(tokens) == 1 and last.pos_ not in _NOUNS and lexicon_type(last.text) != "Metric"
    if last.is_lower and (last.pos_ == "ADJ" or last.tag_ in ("VBN", "VBD") or alone):
        # "hierarchical", "randomized", "distilling", "visual autoregressive", "score based", "web crawled":
        # the noun they qualify is missing
        return True
    if any(t.text in _DASHES and (tokens[i - 1].whitespace_ or t.whitespace_) for i, t in enumerate(tokens[1:-1], 1)):
        return True  # "RunPBA – Runtime attestation" (a title): a spaced dash parts two phrases
    words = [_PTB_BRACKETS.get(t.text, t.text) for t in tokens]  # SciERC-style text spells "(" as -LRB-
    if any(len(w) > 1 and (w.endswith("-") or w.startswith("-")) for w in words):
        return True  # "projection layer-": the rest of the word was lost
    text = "".join(w + t.whitespace_ for w, t in zip(words, tokens, strict=True)).strip()
    if not any(c.isalpha() for c in text) or _CITATION.search(text) or _SIZE.match(text) or _NUMERAL.fullmatch(text):
        return True
    if any(text.count(a) != text.count(b) for a, b in ("()", "[]", "{}")) or "~" in text or text.count('"') % 2:
        return True
    return _cut_from_hyphenated(tokens) or _inside_a_word(tokens) or any(c in text for c in "{}\\^$<>")


def _name_read_as_number(token) -> bool:
    """A word the parser tags as a number that is written as a name: "HaShiFlex" in "HaShiFlex: A High-Throughput …"
    (a title), not "two" or "3"."""
    text = token.text
    return token.pos_ == "NUM" and not token.like_num and text[:1].isupper() and any(c.islower() for c in text)


def _defined(tokens) -> bool:
    """Whether the name is the long form of a short form the paper defines: "Retrieval-Augmented Generation
    Benchmark (RGB)" keeps its last word, or it would name retrieval-augmented generation itself."""
    doc = tokens[0].doc
    found = doc._.kg_acronyms if Doc.has_extension("kg_acronyms") else None
    return any(definition.long_end == tokens[-1].i + 1 for definition in (found or {}).values())


def kind_without_name(name: Span) -> bool:
    """A kind of thing qualified by nothing but an adjective or a participle: "systematic approach",
    "data-driven technique", "classifier-free variant", "gradient-based approach". A capital or a
    number keeps it ("Bayesian approach", "Monte Carlo scheme"), a noun too ("data augmentation technique").

    SciERC annotates such descriptions as Methods, so the extractor keeps them for ``kg eval``;
    the graph leaves them out (``corpus.drop_unnamed_kinds``).
    """
    tokens = list(name)
    if len(tokens) < 2 or not container_heads().get(tokens[-1].lemma_.lower(), False):
        return False
    before = tokens[-2]
    if before.lower_ == "based":
        return True  # "LLM-based approach" says what it is built on, not what it is
    if any(t.like_num or (t.is_alpha and not t.is_lower and not t.is_sent_start) for t in tokens[:-1]):
        return False
    if before.tag_ not in ("JJ", "JJR", "JJS", "VBN", "VBD", "RB"):
        return False
    # the small tagger reads "accelerated gradient schemes" as two adjectives: a word the abstract
    # uses as a noun elsewhere is taken for one
    return not any(t.lower_ == before.lower_ and t.pos_ in _NOUNS for t in name.doc)


def _inside_a_word(tokens) -> bool:
    """Whether the name begins or ends inside a word as written: "ImageNet-1" of "ImageNet-1K", which the tokenizer
    splits before its "K"."""
    doc, first, last = tokens[0].doc, tokens[0], tokens[-1]
    after = doc[last.i + 1] if last.i + 1 < len(doc) else None
    before = doc[first.i - 1] if first.i > 0 else None
    return (after is not None and not last.whitespace_ and after.is_alpha and last.text[-1:].isalnum()) or (
        before is not None and not before.whitespace_ and before.is_alpha and first.text[:1].isalnum()
    )


def _cut_from_hyphenated(tokens) -> bool:
    """Whether the name starts or ends inside a hyphenated word ("self" in "self-improvement"). A name before a
    hyphenated participle or adjective is whole: "LoRA" in "LoRA-enhanced", "GRPO" in "GRPO-based"."""
    doc, first, last = tokens[0].doc, tokens[0], tokens[-1]
    after = doc[last.i + 1] if last.i + 1 < len(doc) else None
    before = doc[first.i - 1] if first.i > 0 else None
    joined_after = after is not None and not last.whitespace_ and after.text in _HYPHENS and bool(after.whitespace_ == "")
    participle = last.i + 2 < len(doc) and doc[last.i + 2].tag_ in ("VBN", "VBG", "JJ") and not doc[last.i + 2].is_upper
    if joined_after and participle and not last.is_lower:  # not "EWMAD" of "EWMAD-DT" ("DT" tagged a participle)
        joined_after = False
    joined_before = before is not None and not before.whitespace_ and before.text in _HYPHENS and first.i > 1
    return joined_after or (joined_before and not doc[first.i - 2].whitespace_)


def _singular(token) -> str:
    if token.lower_ == "data":
        return token.text  # not "datum"
    if token.is_upper and len(token) > 1:
        return token.text  # an acronym ending in S is no plural: "CMOS", "TFLOPS", "GANS" stay whole
    if _ACRONYM_PLURAL.match(token.text):
        return token.text[:-1]
    if token.tag_ in ("NNS", "NNPS") and token.lemma_ and token.lemma_.lower() != token.lower_:
        if _SIBILANT_PLURAL.search(token.lower_) and token.lemma_.lower() == token.lower_[:-1]:
            return token.text[:-2]  # words it does not know: "minibatches" → "minibatch", not "minibatche"
        return token.lemma_
    if token.tag_ == "NNPS" and token.lower_.endswith("s") and not token.lower_.endswith("ss"):
        return token.text[:-1]  # the lemmatizer leaves proper plurals alone: "Models"
    return token.text
