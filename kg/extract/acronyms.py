"""Acronym definitions ("reinforcement learning (RL)") by the Schwartz–Hearst algorithm.

Schwartz & Hearst (2003), *A simple algorithm for identifying abbreviation
definitions in biomedical text*: a short form in parentheses is defined by the
words just before it when every character of the short form can be found in them,
right to left, its first character starting a word. kg uses the definitions twice:
inside a paper, every use of the short form becomes a mention of the long form's
concept; across the corpus, a short form a paper uses without defining it takes
the long form the other papers agree on (:func:`corpus_acronyms`).

>>> from kg.extract.acronyms import find_long_form
>>> find_long_form("RL", "we train agents with deep reinforcement learning")
'reinforcement learning'
>>> find_long_form("LLMs", "the reasoning of large language models")
'large language models'
>>> find_long_form("ViT", "we build on the vision transformer")
'vision transformer'
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.extract.canonical import normalize_name
from kg.types import Extraction, concept_key

Doc.set_extension("kg_acronyms", default=None, force=True)

_SHORT_FORM = re.compile(r"^(?=.*[A-Za-z])[A-Za-z0-9][\w\-\.&/+]{0,9}$")


@dataclass(frozen=True)
class Acronym:
    """A short form defined in a sentence by the long form before it (token offsets, end exclusive)."""

    short: str
    long: str
    short_start: int
    short_end: int
    long_start: int
    long_end: int


@Language.factory("kg_acronyms", default_config={"max_short_tokens": 4})
def make_acronyms(nlp: Language, name: str, max_short_tokens: int):
    return AcronymFinder(name, max_short_tokens=max_short_tokens)


class AcronymFinder:
    """Sets ``doc._.kg_acronyms``: the short form → :class:`Acronym` definitions of a document."""

    def __init__(self, name: str, *, max_short_tokens: int):
        self.name = name
        self.max_short_tokens = max_short_tokens

    def __call__(self, doc: Doc) -> Doc:
        found: dict[str, Acronym] = {}
        for token in doc:
            if token.text != "(":
                continue
            close = next((t.i for t in doc[token.i + 1 : token.i + 2 + self.max_short_tokens] if t.text == ")"), None)
            if close is None or close == token.i + 1:
                continue
            acronym = define(doc, token.i + 1, close)
            if acronym is not None and acronym.short not in found:
                found[acronym.short] = acronym  # the first definition counts
        doc._.kg_acronyms = found
        return doc

    def initialize(self, get_examples=None, *, nlp=None) -> None:
        """Nothing to learn: the algorithm has no parameters."""


def define(doc: Doc, start: int, end: int) -> Acronym | None:
    """The definition of the short form ``doc[start:end]`` (inside parentheses), if the words before it give one."""
    short = doc[start:end].text
    if not is_short_form(short):
        return None
    sentence = doc[start].sent
    window = max(sentence.start, start - 1 - min(len(short) + 5, 2 * len(short)))
    before = doc[window : start - 1]
    long_text = find_long_form(short, before.text)
    if long_text is None:
        return None
    begin = before.end_char - len(long_text)
    long_span = doc.char_span(begin, before.end_char, alignment_mode="expand")
    if long_span is None or len(long_span) < 1:
        return None
    return Acronym(short, long_span.text, start, end, long_span.start, long_span.end)


def is_short_form(text: str) -> bool:
    """Two to ten characters, at least one letter and one capital, no spaces.

    >>> is_short_form("RL"), is_short_form("GPT-4"), is_short_form("e.g."), is_short_form("see")
    (True, True, False, False)
    """
    return 2 <= len(text) <= 10 and bool(_SHORT_FORM.match(text)) and any(c.isupper() for c in text)


def find_long_form(short: str, before: str) -> str | None:
    """The shortest ending of ``before`` that defines ``short`` (Schwartz–Hearst's match, right to left)."""
    letters = [c.lower() for c in short if c.isalnum()]
    text = before.rstrip()
    lower = text.lower()
    s, position = len(letters) - 1, len(text) - 1
    if s < 0:
        return None
    while s >= 0:
        char = letters[s]
        while position >= 0 and (
            lower[position] != char or (s == 0 and position > 0 and lower[position - 1].isalnum())
        ):  # the first character must start a word
            position -= 1
        if position < 0:
            return None
        position -= 1
        s -= 1
    start = text.rfind(" ", 0, position + 1) + 1
    long_form = text[start:].lstrip(" ,;:-\"'`")
    words = long_form.split()
    # a long form is more than the short form again, and not longer than Schwartz–Hearst allow
    if len(words) < 2 and len(long_form) <= len(short) or len(words) > min(len(short) + 5, 2 * len(short)):
        return None
    if long_form.lower() == short.lower() or long_form.startswith("("):
        return None
    return long_form


def short_form_key(text: str) -> str:
    """The name a short form is looked up by: plural 's' dropped ("LLMs" → "LLM").

    >>> short_form_key("LLMs"), short_form_key("VAEs"), short_form_key("RL")
    ('LLM', 'VAE', 'RL')
    """
    if len(text) > 2 and text.endswith("s") and text[-2].isupper():
        return text[:-1]
    return text


def corpus_acronyms(definitions: Iterable[tuple[str, str, str]], min_share: float = 0.66) -> dict[tuple[str, str], str]:
    """``(type, short form) → canonical long form`` where the corpus agrees on one definition.

    ``definitions`` holds one ``(type, short form, canonical long form)`` per paper
    that defines it. A short form with rival long forms ("RL": reinforcement
    learning, representation learning) resolves only when one has ``min_share`` of
    the definitions.

    >>> corpus_acronyms([("Method", "RL", "reinforcement learning")] * 3 + [("Method", "RL", "representation learning")])
    {('Method', 'RL'): 'reinforcement learning'}
    >>> corpus_acronyms([("Method", "RL", "reinforcement learning"), ("Method", "RL", "representation learning")])
    {}
    """
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for concept_type, short, long_form in definitions:
        votes[concept_type, short][long_form] += 1
    resolved = {}
    for key, counter in votes.items():
        long_form, count = counter.most_common(1)[0]
        if count / sum(counter.values()) >= min_share:
            resolved[key] = long_form
    return resolved


def resolve_across_papers(extractions: list[Extraction], min_share: float = 0.66) -> list[Extraction]:
    """Extractions where a short form a paper uses without defining it names the corpus's long form.

    "LLMs" in a paper that never spells it out joins "large language model" when
    the papers that define LLM agree on it; the type must match too.
    """
    definitions = set()
    for extraction in extractions:
        for mention in extraction.mentions:
            for short in (mention.text, *mention.aliases):
                if is_short_form(short) and normalize_name(short_form_key(short)) != mention.canonical:
                    definitions.add((extraction.paper_id, mention.type.value, short_form_key(short), mention.canonical))
    table = corpus_acronyms(((t, s, c) for _, t, s, c in definitions), min_share)
    resolved = []
    for extraction in extractions:
        mentions, renamed = [], {}
        for mention in extraction.mentions:
            long_form = table.get((mention.type.value, short_form_key(mention.text)))
            if long_form and is_short_form(mention.text) and mention.canonical == normalize_name(short_form_key(mention.text)):
                renamed[concept_key(mention.type, mention.canonical)] = concept_key(mention.type, long_form)
                mention = mention.model_copy(update={"canonical": long_form})
            mentions.append(mention)
        resolved.append(rename_concepts(extraction.model_copy(update={"mentions": mentions}), renamed) if renamed else extraction)
    return resolved


def rename_concepts(extraction: Extraction, renamed: dict[str, str]) -> Extraction:
    """``extraction`` with every concept key its relations and claims name passed through ``renamed``."""

    def key(k: str) -> str:
        return renamed.get(k, k)

    relations = [r.model_copy(update={"head": key(r.head), "tail": key(r.tail)}) for r in extraction.relations]
    claims = [
        c.model_copy(
            update={
                "about": list(dict.fromkeys(key(k) for k in c.about)),
                # two ends renamed to one concept make no comparison ("ALM" > "audio language models")
                "outperforms": [
                    o.model_copy(update={"winner": key(o.winner), "loser": key(o.loser)})
                    for o in c.outperforms
                    if key(o.winner) != key(o.loser)
                ],
            }
        )
        for c in extraction.claims
    ]
    return extraction.model_copy(update={"relations": relations, "claims": claims})


def acronym_of(span: Span) -> Acronym | None:
    """The definition a document gives for ``span`` when the span is a defined short form."""
    found = span.doc._.kg_acronyms or {}
    return found.get(span.text) or found.get(short_form_key(span.text))
