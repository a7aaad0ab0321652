"""The concept judge: which candidate names are concepts of the paper, of what type, and whether the paper proposes them.

The span tagger learnt what SciERC and SciER annotate, which is not what a reader of the graph looks up: SciERC
counts "a systematic approach" as a Method, and a description of the paper's own system ("HetRL, a distributed
system") looks like any other noun phrase. The judge is a small network trained on this project's own paper →
concept triples (``training/train_judge.py``; ``models/judge/MODEL_CARD.md``). It reads every candidate name of a
paper, the tagger's spans and the other noun phrases of the abstract and the title, through:

* the tagger encoder's last-layer vectors of the name's words (what the sentence says around them),
* the tagger's label probabilities over the name (how concept-like and of which type),
* the parse and the surface: the clause's verb, apposition ("NAME, a DESC"), a listed example ("e.g."),
  negation ("without X"), the title, capitals and digits, acronym definitions, repetition in the paper.

It returns, per candidate, the probability that the name is a concept of the paper as annotated, its type, and
the probability that the paper proposes it. What is kept is decided after every paper is judged, across the
corpus (``kg.resolve``), so thresholds can change without extracting again.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np
from spacy.tokens import Doc, Span, Token

from kg.errors import ModelNotFoundError
from kg.extract.acronyms import acronym_of, find_long_form, is_short_form, with_acronym
from kg.extract.canonical import concept_name, kind_without_name, normalize_name
from kg.extract.head_types import NOT_A_CONCEPT, head_key, read_head_types
from kg.extract.patterns import container_heads, generic_words, read_lexicon
from kg.extract.stated_kinds import stated_kind
from kg.types import ConceptType, Judgement, Mention

__all__ = [
    "Candidate",
    "JudgeModel",
    "judge_paper",
    "PaperContext",
    "candidate_features",
    "group_by_name",
    "name_features",
    "noun_phrase_candidates",
    "paper_names",
    "title_as_sentence",
]

TYPES = tuple(t.value for t in ConceptType)
#: Where a candidate name came from: the tagger and rules (their span ids), or the parse.
SOURCES = ("tagger", "lexicon", "head", "contribution", "comparison", "noun-phrase")
SENTENCE_ROLES = ("background", "objective", "method", "result", "other")
DEPENDENCIES = ("nsubj", "nsubjpass", "dobj", "pobj", "appos", "compound", "conj", "attr", "ROOT")
PREPOSITIONS = (("on", "over", "across"), ("for", "to", "towards"), ("of",), ("with", "via", "by", "using", "through"), ("in",))
_OWN = {"our", "novel", "new", "proposed", "this"}


@dataclass
class Candidate:
    """A name in one paper that may be a concept: the name's span, its canonical form and where it came from."""

    name: Span
    canonical: str
    source: str
    type: str
    proposed: bool = False
    confidence: float = 0.0
    other_share: float = 0.0
    in_title: bool = False  # the paper's title names it too
    from_title: bool = False  # found in the title itself
    aliases: list[str] = field(default_factory=list)
    mention: Mention | None = None  # the extractor's mention it came from, if any


def source_group(span_id: str) -> str:
    """The family of the rule or model that found a span ("metric-lexicon" → "lexicon")."""
    if span_id.endswith("-lexicon"):
        return "lexicon"
    if span_id.endswith("-head"):
        return "head"
    return span_id if span_id in SOURCES else "tagger"


def title_as_sentence(title: str) -> str:
    """A title written in Title Case, as a sentence would write it: the tagger learnt its names from sentences, where
    "Semantic Segmentation Promotion" would be a name and "semantic segmentation promotion" is not.

    >>> title_as_sentence("Scaling Data Difficulty: Improving Coding Models via Reinforcement Learning on GPT-4")
    'Scaling data difficulty: improving coding models via reinforcement learning on GPT-4'
    >>> title_as_sentence("DrM: mastering visual reinforcement learning")
    'DrM: mastering visual reinforcement learning'
    """
    words = title.split(" ")
    capitalized = [w for w in words if len(w) > 3 and w[:1].isalpha()]
    if not capitalized or sum(w[:1].isupper() for w in capitalized) < 0.6 * len(capitalized):
        return title
    return " ".join(
        w
        if i == 0 or not (w[:1].isupper() and w[1:].islower() or w[:1].isupper() and "-" in w and _plain_parts(w))
        else w.lower()
        for i, w in enumerate(words)
    )


def _plain_parts(word: str) -> bool:
    """Every part of a hyphenated word is written plainly ("Fine-Grained", not "GPT-4")."""
    return all(part[:1].isupper() and part[1:].islower() or part.islower() for part in word.split("-") if part)


def title_name(title: Doc) -> str:
    """The name a title gives before a colon ("Code2Math: Can Your Code Agent …" → "code2math"), normalised, or ""."""
    colon = _title_colon(title)
    return normalize_name(title[:colon].text) if colon else ""


def _title_colon(title: Doc, max_words: int = 5) -> int | None:
    """The position of a colon that ends a title's first few words, if any."""
    return next((t.i for t in title[: max_words + 1] if t.text == ":"), None)


def type_probabilities(doc: Doc, start: int, end: int, labels: Sequence[str]) -> dict[str, float]:
    """The tagger's mean probability, over the words of ``doc[start:end]``, of each type and of "O"."""
    scores = doc._.kg_word_scores
    if scores is None or end <= start:
        return {}
    probs = np.exp(scores[start:end].astype(np.float32))
    # One mean per label, each over a contiguous row: summed as the label's column alone would be, 7 × faster.
    means = np.ascontiguousarray(probs.T).mean(1)
    result = {"O": float(means[labels.index("O")])}
    for i, label in enumerate(labels):
        if label != "O":
            result[label[2:]] = result.get(label[2:], 0.0) + float(means[i])
    return result


def noun_phrase_candidates(doc: Doc, taken: set[tuple[int, int]], labels: Sequence[str]) -> list[Candidate]:
    """Candidates from the parse that no span names already: each base noun phrase and the names nested in it.

    "automotive sensor fusion systems" also yields "sensor fusion systems", "sensor fusion" and "automotive sensor
    fusion"; "LoRA-enhanced video diffusion model" also yields "LoRA" and "video diffusion model"; "the RMSProp
    optimizer" also yields "RMSProp". The judge decides which, if any, is a concept; the tagger types each by its
    mean label probabilities.
    """
    found = []
    phrases = [(start, end) for chunk in doc.noun_chunks for start, end in nested_names(chunk)]
    for start, end in [*phrases, *written_names(doc), *versioned_names(doc)]:
        probs = type_probabilities(doc, start, end, labels)
        kind = max(TYPES, key=lambda t: probs.get(t, 0.0)) if probs else "Method"
        names = concept_name(Span(doc, start, end, label=kind))
        if names is None:
            continue
        name, canonical = names
        if (name.start, name.end) in taken:
            continue
        taken.add((name.start, name.end))
        aliases = []
        if _defined_here(name):  # not "descent" nested in "stochastic gradient descent (SGD)"
            canonical, aliases = with_acronym(name, canonical, kind)
        found.append(Candidate(name, canonical, "noun-phrase", kind, aliases=aliases))
    return found


def _defined_here(name: Span) -> bool:
    """Whether ``name`` is a short form the paper defines, or exactly the long form of one."""
    if acronym_of(name) is not None:
        return True
    definitions = (name.doc._.kg_acronyms or {}).values()
    return any((d.long_start, d.long_end) == (name.start, name.end) for d in definitions)


#: At most this many words are dropped from the front of a noun phrase to make a nested candidate.
MAX_DROPPED_WORDS = 3


def written_names(doc: Doc) -> list[tuple[int, int]]:
    """Token bounds of each word written as a name, however the tokenizer split it: "X-VLA", "DeepSeek-V3.1", "GPT-4o"."""
    bounds, begin = [], 0
    for i, token in enumerate(doc):
        if token.whitespace_ or i == len(doc) - 1:
            start, end = begin, i + 1
            while start < end and doc[start].is_punct:
                start += 1
            while end > start and (doc[end - 1].is_punct or doc[end - 1].text in _HYPHENS):
                end -= 1
            if end > start and any(_name_shaped(t) for t in doc[start:end]):
                bounds.append((start, end))
            begin = i + 1
    return bounds


# "4.1", "3", "102", "v2", "1.0.0", "7B"; not a score ("99.99", which a "%" may also follow)
_VERSION = re.compile(r"^[vV]?\d+(?:\.\d(?:\.\d+)*)?[A-Za-z]?$")


def is_version(text: str) -> bool:
    """Whether ``text`` is a version or size written after a name: "4.1", "2", "v2", "1.0.0", "7B" (not "99.99").

    >>> is_version("3.1"), is_version("v2"), is_version("99.99"), is_version("Pro")
    (True, True, False, False)
    """
    return _VERSION.match(text) is not None


def versioned_names(doc: Doc) -> list[tuple[int, int]]:
    """Token bounds of each name written as up to two capitalised words and the version after them: "Grok 4.1",
    "Claude Opus 4", "Oxford Flowers 102". The parse cuts these ("Grok" and "4.1"); not "Table 3".

    >>> import spacy
    >>> doc = spacy.blank("en")("models such as Grok 4.1, Claude Opus 4 and GPT-5 (Table 3)")
    >>> [doc[start:end].text for start, end in versioned_names(doc)]
    ['Grok 4.1', 'Claude Opus 4']
    """
    parts = _numbered_parts()
    bounds = []
    for i, token in enumerate(doc):
        percent = i + 1 < len(doc) and doc[i + 1].text == "%"
        if i == 0 or not is_version(token.text) or not doc[i - 1].whitespace_ or percent:
            continue
        start = i
        while start > max(i - 2, 0) and _capitalised(doc[start - 1]) and doc[start - 1].lower_ not in parts:
            start -= 1
        if start < i:
            bounds.append((start, i + 1))
    return bounds


def _capitalised(token: Token) -> bool:
    """A word that starts with a capital and has letters after it: "Grok", "Llama", "LLaMA" (not "A", "In")."""
    return token.text[:1].isupper() and any(c.isalpha() for c in token.text[1:]) and not token.is_stop


@cache
def _numbered_parts() -> frozenset[str]:
    """Words a number follows without making a name ("Table 3", "Stage 2"): lexicons/numbered_parts.txt."""
    return frozenset(read_lexicon("numbered_parts"))


def nested_names(chunk: Span) -> list[tuple[int, int]]:
    """Token bounds of a noun phrase and of the names nested in it (see :func:`noun_phrase_candidates`)."""
    doc = chunk.doc
    start = chunk.start
    while start < chunk.end and doc[start].pos_ in ("DET", "PRON", "PUNCT"):
        start += 1
    if start >= chunk.end:
        return []
    ends = {chunk.end}
    end = chunk.end
    tails = _tail_words()
    while end - 1 > start and doc[end - 1].lower_ in tails:
        end -= 1  # "pluralistic alignment tasks" → "pluralistic alignment"
        ends.add(end)
    bounds = set()
    for stop in ends:
        first = start
        for _ in range(MAX_DROPPED_WORDS + 1):
            if first >= stop:
                break
            if not _inside_word(doc, first) and not _cuts_a_modifier(doc, start, first):
                bounds.add((first, stop))
            first += 1
    for i in range(start, chunk.end - 1):
        # "LoRA-enhanced", "GRPO-based": the name before a hyphenated participle, and the phrase after it
        if doc[i + 1].text in _HYPHENS and i + 2 < chunk.end and doc[i + 2].tag_ in ("VBN", "VBG", "JJ"):
            name_start = i
            while name_start > start and (doc[name_start - 1].text in _HYPHENS or not doc[name_start - 1].whitespace_):
                name_start -= 1
            bounds.add((name_start, i + 1))
            if i + 3 < chunk.end:
                bounds.add((i + 3, chunk.end))
    run = _longest_name_run(doc, start, chunk.end)
    if run is not None:
        bounds.add(run)
    return sorted(bounds)


_HYPHENS = {"-", "‐", "–"}


def _cuts_a_modifier(doc: Doc, start: int, first: int) -> bool:
    """Whether starting a nested name at ``first`` cuts a number off the word it counts: "a 1.3B parameter LLM" does
    not nest "parameter LLM". (Adjectives are left to the judge: the parse attaches "advanced blockwise variance
    reduction" as it attaches "general purpose preconditioners".)"""
    dropped = doc[first - 1]
    return first > start and dropped.head.i == first and any(c.isdigit() for c in dropped.text)


def _inside_word(doc: Doc, i: int) -> bool:
    """Whether token ``i`` continues a word written without spaces ("-", or "VLA" of "X-VLA")."""
    return i > 0 and (
        doc[i].text in _HYPHENS
        or (not doc[i - 1].whitespace_ and doc[i - 1].pos_ != "PUNCT")
        or doc[i - 1].text in _HYPHENS
        and not doc[i - 1].whitespace_
    )


def _longest_name_run(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """The longest run of name-shaped words ("RMSProp", "X-VLA", "GPT-4") in ``doc[start:end]``, hyphens included."""
    runs, begin = [], None
    for i in range(start, end + 1):
        token = doc[i] if i < end else None
        joined = token is not None and begin is not None and token.text in _HYPHENS and not doc[i - 1].whitespace_
        if token is not None and (_name_shaped(token) or joined):
            begin = i if begin is None else begin
        elif begin is not None:
            stop = i
            while doc[stop - 1].text in _HYPHENS:
                stop -= 1
            runs.append((begin, stop))
            begin = None
    return max(runs, key=lambda r: r[1] - r[0]) if runs else None


@cache
def _tail_words() -> frozenset[str]:
    """Nouns that end a phrase without naming anything ("tasks", "systems", "baselines"): lexicons/tail_words.txt."""
    return frozenset(read_lexicon("tail_words"))


def _name_shaped(token: Token) -> bool:
    """A word written as a name: inner capitals or digits with letters ("RMSProp", "GPT-4", "KFAC"), not a capital
    that only starts a sentence."""
    text = token.text
    if not any(c.isalpha() for c in text):
        return False
    return any(c.isupper() for c in text[1:]) or (any(c.isdigit() for c in text) and len(text) > 1)


def _clause_verb(token: Token) -> Token | None:
    while token.dep_ not in ("ROOT",) and token.pos_ not in ("VERB", "AUX"):
        if token.head is token:
            return None
        token = token.head
    return token if token.pos_ in ("VERB", "AUX") else None


@cache
def _verb_groups() -> dict[str, int]:
    """``{verb lemma: group}``: 0 proposing, 1 evaluating, 2 using, 3 addressing (lexicons/judge_verbs.txt)."""
    groups = {}
    for line in read_lexicon("judge_verbs"):
        group, *verbs = line.split()
        groups.update(dict.fromkeys(verbs, int(group)))
    return groups


@dataclass
class PaperContext:
    """What the features of one candidate need to know about the others of its paper."""

    counts: dict[str, int]  # canonical name → candidates of the paper that have it
    bounds: list[tuple[int, int, bool]]  # (start, end, from the tagger) of every candidate of the same document
    title_name: str = ""  # what the title names before a colon ("Code2Math: …"), normalised

    @classmethod
    def of(cls, candidates: Sequence[Candidate], paper: Iterable[Candidate] = ()) -> PaperContext:
        counts: dict[str, int] = {}
        for candidate in (*candidates, *paper):
            counts[candidate.canonical] = counts.get(candidate.canonical, 0) + 1
        bounds = [(c.name.start, c.name.end, c.source != "noun-phrase") for c in candidates]
        return cls(counts, bounds)

    def nesting(self, name: Span) -> list[float]:
        """How many candidates contain this name, how many it contains, and whether a tagger span overlaps it."""
        outer = inner = tagged = 0
        for start, end, by_tagger in self.bounds:
            if (start, end) == (name.start, name.end):
                continue
            if start <= name.start and name.end <= end:
                outer += 1
            elif name.start <= start and end <= name.end:
                inner += 1
            if by_tagger and start < name.end and name.start < end:
                tagged += 1
        return [math.log1p(outer), math.log1p(inner), float(tagged > 0)]


def candidate_features(candidate: Candidate, doc: Doc, labels: Sequence[str], context: PaperContext) -> np.ndarray:
    """The judge's input for one candidate: hand features, then the mean and last word vectors of its name and the
    mean vector of its sentence."""
    counts = context.counts
    name = candidate.name
    first, last = name[0], name[-1]
    words = [t for t in name]
    probs = type_probabilities(doc, name.start, name.end, labels)
    sentence = name.sent
    sentences = list(doc.sents)
    index = next((i for i, s in enumerate(sentences) if s.start == sentence.start), 0)
    before = [t.lower_ for t in doc[max(sentence.start, name.start - 4) : name.start]]
    after = doc[name.end : min(sentence.end, name.end + 3)]
    head = name.root
    verb = _clause_verb(head)
    verb_group = _verb_groups().get(verb.lemma_.lower(), -1) if verb is not None else -1
    lead = doc[max(sentence.start, name.start - 3) : name.start]
    preposition = head.head.lower_ if head.dep_ == "pobj" else ""
    generic = generic_words()
    containers = container_heads()
    negations, examples = frozenset(read_lexicon("negations")), frozenset(read_lexicon("examples"))
    text = name.text
    role = sentence._.kg_role if Span.has_extension("kg_role") else None
    description = _description(name, after)
    hand = [
        probs.get("O", 0.0),
        *(probs.get(t, 0.0) for t in (*TYPES, "OtherScientificTerm", "Generic")),
        candidate.confidence,
        candidate.other_share,
        *(float(source_group(candidate.source) == s) for s in SOURCES),
        float(candidate.in_title),
        float(candidate.from_title),
        float(candidate.proposed),
        math.log1p(len(words)),
        math.log1p(len(text)),
        float(any(c.isupper() for w in words for c in w.text[1:])),
        float(any(w.is_upper and len(w) > 1 for w in words)),
        float(any(w.is_title and not w.is_sent_start for w in words)),
        float(any(c.isdigit() for c in text)),
        float(is_short_form(text)),
        float(acronym_of(name) is not None or bool(after) and after[0].text == "("),
        math.log1p(counts.get(candidate.canonical, 0)),
        index / max(1, len(sentences) - 1),
        float(index == 0),
        *(float(role == r) for r in SENTENCE_ROLES),
        *(float(head.dep_ == d) for d in DEPENDENCIES),
        *(float(verb_group == g) for g in range(4)),
        *(float(preposition in group) for group in PREPOSITIONS),
        float(any(w in examples for w in before)),
        float(any(w in negations for w in before) or any(c.dep_ == "neg" for c in head.head.children)),
        float(len(after) >= 2 and after[0].text == "," and after[1].lower_ in ("a", "an", "the")),
        float(any(t.text == "," for t in lead) and any(t.lower_ in ("a", "an") for t in lead)),
        float(last.lemma_.lower() in containers),
        float(containers.get(last.lemma_.lower(), False)),
        float(kind_without_name(name)),
        sum(w.lower_ in generic for w in words) / len(words),
        float(last.tag_ in ("NNS", "NNPS")),
        float(last.lower_ in generic),
        float(any(t.lower_ in _OWN for t in lead)),
        float(first.pos_ == "PROPN"),
        float(len(words) == 1 and first.is_lower),
        *(float(candidate.type == t) for t in TYPES),
        *_head_type(last),
        *(_head_type(description) if description is not None else [0.0] * (len(TYPES) + 2)),
        *context.nesting(name),
        float(bool(context.title_name) and normalize_name(text) == context.title_name),
        sum(t.i in (doc._.kg_proposal_tokens or ()) for t in name) / len(name),
    ]
    vectors = doc._.kg_word_vectors
    mean = vectors[name.start : name.end].astype(np.float32).mean(0)
    context = vectors[sentence.start : sentence.end].astype(np.float32).mean(0)
    return np.concatenate([np.asarray(hand, dtype=np.float32), mean, vectors[name.end - 1].astype(np.float32), context])


def _head_type(token: Token) -> list[float]:
    """One-hot over the types, "no concept" and "unknown": what SciERC and SciER make of a name ending in ``token``."""
    main = read_head_types().get(head_key(token.text), (None,))[0]
    return [*(float(main == t) for t in TYPES), float(main == NOT_A_CONCEPT), float(main is None)]


def _description(name: Span, after: Span) -> Token | None:
    """The head noun of the description that follows a name: "AutoExperiment, a benchmark that …" → benchmark."""
    appositions = [child for child in name.root.children if child.dep_ == "appos" and child.i >= name.end]
    if appositions:
        return appositions[0]
    if len(after) >= 2 and after[0].text == "," and after[1].lower_ in ("a", "an"):
        return next((t for t in after.doc[after[1].i + 1 : after.sent.end] if t.pos_ in ("NOUN", "PROPN")), None)
    return None


def paper_names(
    labels: Sequence[str], abstract: tuple[Doc, list[Candidate]], title: tuple[Doc, list[Candidate]] | None
) -> tuple[list[Candidate], list[list[int]], np.ndarray]:
    """Every candidate of one paper, the candidates grouped by name, and one feature row per name.

    ``abstract`` and ``title`` hold a parsed document and the candidates the extractor already found in it (its
    tagged mentions); the noun phrases of each are added here.
    """
    parts = [abstract] + ([title] if title is not None else [])
    candidates = []
    for (doc, found), from_title in zip(parts, (False, True), strict=False):
        taken = {(c.name.start, c.name.end) for c in found}
        found = [*found, *noun_phrase_candidates(doc, taken, labels)]
        for candidate in found:
            candidate.from_title = candidate.in_title = from_title
        candidates.append(found)
    if title is not None:
        _expansions_of_title_name(title[0], candidates[1])
    title_names = {c.canonical for c in candidates[1]} if title is not None else set()
    for candidate in candidates[0]:
        candidate.in_title = candidate.canonical in title_names
    counts = PaperContext.of(candidates[0]).counts  # repetition is counted in the abstract
    named = title_name(title[0]) if title is not None else ""
    rows = []
    for (doc, _), found in zip(parts, candidates, strict=True):
        context = PaperContext(counts, PaperContext.of(found).bounds, named)
        rows.extend(candidate_features(candidate, doc, labels, context) for candidate in found)
    every = [candidate for found in candidates for candidate in found]
    groups = group_by_name(every)
    if not groups:
        return every, groups, np.zeros((0, 0), dtype=np.float32)
    hand = len(rows[0]) - 3 * abstract[0]._.kg_word_vectors.shape[1]
    return every, groups, np.stack([name_features(np.stack([rows[i] for i in group]), hand) for group in groups])


def _expansions_of_title_name(title: Doc, found: list[Candidate]) -> None:
    """Give the expansion of a short form a title names before its colon the short form's name, in place:
    "MKOR: Momentum-Enabled Kronecker-Factor-Based Optimizer Using Rank-1 Updates" spells MKOR out in the name after
    the colon, as "… Optimizer (MKOR)" would in a sentence (Schwartz–Hearst's match, :func:`find_long_form`)."""
    colon = _title_colon(title)
    if colon is None or not is_short_form(title[:colon].text):
        return
    short = title[:colon].text
    canonical = next((c.canonical for c in found if (c.name.start, c.name.end) == (0, colon)), normalize_name(short))
    start = colon + 1
    for candidate in found:
        name = candidate.name
        if name.start == start and find_long_form(short, name.text) == name.text:
            candidate.canonical = canonical
            candidate.aliases = [*candidate.aliases, short]


def judge_paper(
    model: JudgeModel,
    labels: Sequence[str],
    abstract: tuple[Doc, list[Candidate]],
    title: tuple[Doc, list[Candidate]] | None,
) -> list[tuple[Candidate, Judgement]]:
    """Every candidate name of one paper (:func:`paper_names`) with the judge's verdict on its name.

    A name is judged once per paper, from all its candidates in the abstract and the title. The verdict also
    carries the kind the paper first calls the name by, where a noun says its type ("a benchmark":
    :func:`~kg.extract.stated_kinds.stated_kind`).
    """
    every, groups, features = paper_names(labels, abstract, title)
    if not groups:
        return []
    judged = []
    for group, judgement in zip(groups, model.judge(features), strict=True):
        called = next((kind for i in group if (kind := stated_kind(every[i].name)) is not None), None)
        if called is not None:
            judgement = judgement.model_copy(update={"called": called[0], "called_type": called[1]})
        judged.extend((every[i], judgement) for i in group)
    return judged


def group_by_name(candidates: Sequence[Candidate]) -> list[list[int]]:
    """Indices of a paper's candidates, grouped by canonical name: the judge decides once per name and paper."""
    groups: dict[str, list[int]] = {}
    for i, candidate in enumerate(candidates):
        groups.setdefault(candidate.canonical, []).append(i)
    return list(groups.values())


def name_features(rows: np.ndarray, hand: int) -> np.ndarray:
    """One name's input from its candidates' feature rows: their mean, the maximum and minimum of each hand feature
    (the first ``hand`` columns) and how many there are."""
    return np.concatenate([rows.mean(0), rows[:, :hand].max(0), rows[:, :hand].min(0), [math.log1p(len(rows))]]).astype(
        np.float32
    )


class JudgeModel:
    """An ensemble of small feed-forward networks over :func:`name_features`, run with numpy.

    Each network has one hidden layer shared by three heads: concept (a logit), type (four logits) and proposed (a
    logit); the ensemble averages their probabilities.
    """

    def __init__(self, weights: dict[str, np.ndarray], settings: dict):
        self.weights = weights
        self.settings = settings
        self.hand = int(settings["hand_features"])

    @classmethod
    def load(cls, model_dir: Path) -> JudgeModel:
        path = Path(model_dir) / "weights.npz"
        if not path.exists():
            raise ModelNotFoundError(f"concept judge weights not found at {path}; reinstall kg or run training/train_judge.py")
        with np.load(path) as data:
            weights = {k: data[k].astype(np.float32) for k in data.files}
        return cls(weights, json.loads((Path(model_dir) / "config.json").read_text()))

    def probabilities(self, features: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Concept (n), type (n × 4) and proposed (n) probabilities of ``features`` (n × inputs).

        On one BLAS thread: a paper's products are small, and with two OpenBLAS threads the last bits of their sums
        changed with the thread count (every one of 41 papers; a judgement of the seed build moved by 0.0001), so
        a ``--workers`` build could differ from the plain one. Two threads spinning on a busy machine also took 43
        CPU s of a seed build where one thread took 1.2.
        """
        with _blas().limit(limits=1, user_api="blas"):
            return self._probabilities(features)

    def _probabilities(self, features: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        w = self.weights
        x = (features - w["mean"]) / w["scale"]
        concept, types, proposed = 0.0, 0.0, 0.0
        for k in range(len(w["w1"])):
            hidden = np.maximum(0.0, x @ w["w1"][k] + w["b1"][k])
            concept = concept + _sigmoid(hidden @ w["w_concept"][k] + w["b_concept"][k])[:, 0]
            logits = hidden @ w["w_type"][k] + w["b_type"][k]
            exp = np.exp(logits - logits.max(1, keepdims=True))
            types = types + exp / exp.sum(1, keepdims=True)
            proposed = proposed + _sigmoid(hidden @ w["w_proposed"][k] + w["b_proposed"][k])[:, 0]
        n = len(w["w1"])
        return concept / n, types / n, proposed / n

    def judge(self, features: np.ndarray) -> list[Judgement]:
        if not len(features):
            return []
        concept, types, proposed = self.probabilities(features)
        return [
            Judgement(
                concept=round(float(c), 4),
                types={t: round(float(p), 4) for t, p in zip(TYPES, row, strict=True)},
                proposed=round(float(q), 4),
            )
            for c, row, q in zip(concept, types, proposed, strict=True)
        ]


@cache
def _blas():
    """numpy's BLAS libraries, found once (threadpoolctl looks through every loaded library)."""
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * x))  # = 1 / (1 + e^-x), without overflow
