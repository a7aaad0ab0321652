"""Acronym definitions ("reinforcement learning (RL)") by the Schwartz–Hearst algorithm.

Schwartz & Hearst (2003), *A simple algorithm for identifying abbreviation
definitions in biomedical text*: a short form in parentheses is defined by the
words just before it when every character of the short form can be found in them,
right to left, its first character starting a word. kg uses the definitions twice:
inside a paper, every use of the short form becomes a mention of the long form's
concept; across the corpus, a short form a paper uses without defining it takes
the long form the other papers agree on (``kg.resolve.short_forms``).

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
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.extract.canonical import concept_name

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


def acronym_of(span: Span) -> Acronym | None:
    """The definition a document gives for ``span`` when the span is a defined short form."""
    found = span.doc._.kg_acronyms or {}
    return found.get(span.text) or found.get(short_form_key(span.text))


def with_acronym(name: Span, canonical: str, label: str) -> tuple[str, list[str]]:
    """The canonical name and aliases of a mention, given the paper's acronym definitions.

    A defined short form ("RL") takes its long form's canonical name; a long form
    gets its short form as an alias.
    """
    definition = acronym_of(name)
    if definition is not None:
        return _long_form_canonical(name.doc, definition, label, canonical), [definition.long]
    for definition in (name.doc._.kg_acronyms or {}).values():
        if definition.long_start <= name.start and name.end == definition.long_end and _only_modifiers_before(name, definition):
            # "language models" tagged inside "large language models (LLMs)" is the defined concept; "human
            # feedback" inside "reinforcement learning from human feedback (RLHF)" is not
            return _long_form_canonical(name.doc, definition, label, canonical), [definition.short]
    return canonical, []


def defined_long_form(name: Span) -> Span:
    """``name`` without the lower-case qualifiers before the long form of a short form the paper defines: in "we
    propose an intuitive Diversity Regularizer (DiRe)" the name is what DiRe stands for, "Diversity Regularizer"
    (Schwartz–Hearst's match leaves "intuitive" out); ``name`` itself otherwise."""
    for definition in (name.doc._.kg_acronyms or {}).values():
        before = name.doc[name.start : definition.long_start]
        if (
            name.start < definition.long_start < name.end == definition.long_end
            and all(t.is_lower and t.pos_ in ("ADJ", "ADV") for t in before)
            and name.doc[definition.long_start].text[:1].isupper()
        ):
            return name.doc[definition.long_start : name.end]
    return name


def _only_modifiers_before(name: Span, definition: Acronym) -> bool:
    """Whether the long form's words before ``name`` only qualify it (adjectives, nouns, numbers, hyphens)."""
    return all(t.pos_ in ("ADJ", "NOUN", "PROPN", "NUM") or t.text in "-‐–" for t in name.doc[definition.long_start : name.start])


def _long_form_canonical(doc: Doc, definition: Acronym, label: str, fallback: str) -> str:
    names = concept_name(Span(doc, definition.long_start, definition.long_end, label=label))
    return names[1] if names else fallback
