"""``kg_contributions``: what the paper itself proposes ("we propose X", "this paper introduces X").

Reads the dependency parse: a contribution verb whose subject is the authors
("we", "this paper", "this work") marks its object as the paper's own. A named
object ("DrM", "a method called DrM", "X, a novel ...") becomes a Method span;
every concept span inside the object is flagged as proposed.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from kg.extract.patterns import generic_words, read_lexicon

Span.set_extension("kg_proposed", default=False, force=True)
# Token indices of the doc inside what its authors propose ("we propose X, a method for Y"), the negated and
# listed-example parts left out: the concept judge reads it for names no concept span covers
Doc.set_extension("kg_proposal_tokens", default=None, force=True)


@Language.factory(
    "kg_contributions",
    default_config={
        "spans_key": "kg_concepts",
        "verbs": ["propose", "introduce", "present", "develop", "design", "contribute", "release", "build"],
        "subjects": ["we", "paper", "work", "study", "article", "approach"],
        "named_label": "Method",
    },
)
def make_contributions(nlp: Language, name: str, spans_key: str, verbs: list[str], subjects: list[str], named_label: str):
    return Contributions(nlp, name, spans_key=spans_key, verbs=verbs, subjects=subjects, named_label=named_label)


class Contributions:
    def __init__(self, nlp: Language, name: str, *, spans_key: str, verbs: list[str], subjects: list[str], named_label: str):
        self.name = name
        self.spans_key = spans_key
        self.verbs = set(verbs)
        self.subjects = set(subjects)
        self.named_label = named_label

    def __call__(self, doc: Doc) -> Doc:
        spans = list(doc.spans.get(self.spans_key, []))
        added: list[Span] = []
        proposal: set[int] = set()
        for verb in doc:
            if verb.lemma_ not in self.verbs or verb.pos_ != "VERB" or not self._authors_subject(verb):
                continue
            for obj in (child for child in verb.children if child.dep_ in ("dobj", "obj", "attr")):
                start, end = obj.left_edge.i, obj.right_edge.i + 1
                outside = _outside_the_proposal(doc, start, end)
                proposal.update(i for i in range(start, end) if i not in outside)
                for span in spans:
                    if span.start >= start and span.end <= end and span.start not in outside:
                        span._.kg_proposed = True
                named = _named_object(doc, obj)
                if named is not None and not any(s.start < named.end and named.start < s.end for s in spans + added):
                    span = Span(doc, named.start, named.end, label=self.named_label)
                    span._.kg_proposed = True
                    added.append(span)
        doc._.kg_proposal_tokens = frozenset(proposal)
        if added:
            # Extension values are stored on the Doc by span offsets, so the flags survive the copy.
            doc.spans[self.spans_key] = sorted(spans + added, key=lambda s: (s.start, s.end))
        return doc

    def _authors_subject(self, verb: Token) -> bool:
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.lower_ in self.subjects:
                return True
        # "In this paper, we propose X and introduce Y": the second verb shares the subject.
        return verb.dep_ == "conj" and verb.head.lemma_ in self.verbs and self._authors_subject(verb.head)

    def initialize(self, get_examples=None, *, nlp=None) -> None:
        """Nothing to learn: the component is configured entirely by ``config.cfg``."""


def _outside_the_proposal(doc: Doc, start: int, end: int) -> set[int]:
    """Token indices of ``doc[start:end]``, a proposal's object, that name no part of it: what a negating
    preposition governs ("without an expensive teacher model") and listed examples ("e.g., Atari", "such as GPT-4").
    """
    negations, examples = frozenset(read_lexicon("negations")), frozenset(read_lexicon("examples"))
    outside: set[int] = set()
    for token in doc[start:end]:
        if token.lower_ in negations and token.dep_ == "prep":
            outside.update(t.i for t in token.subtree)
        elif token.lower_ in examples:
            stop = next((t.i for t in doc[token.i : end] if t.text in (")", ";")), end)
            outside.update(range(token.i, stop))
    return outside


def _is_name(token: Token) -> bool:
    """A token that names something: a proper noun, or a word with inner capitals or digits (DrM, GPT-4)."""
    text = token.text
    return token.pos_ == "PROPN" or (any(c.isupper() for c in text[1:]) and any(c.isalpha() for c in text))


def _named_object(doc: Doc, obj: Token) -> Span | None:
    """The name of a contribution: the object itself, its apposition or what it is 'called'."""
    candidates = [obj]
    candidates += [child for child in obj.children if child.dep_ == "appos"]
    for token in obj.subtree:
        if token.lemma_ in ("call", "name", "dub", "term") and token.tag_ == "VBN":
            candidates += [child for child in token.children if child.dep_ in ("oprd", "dobj", "attr", "npadvmod")]
    generic = generic_words()
    for head in candidates:
        if not _is_name(head):
            continue
        # The name is the head with the compound/name tokens directly before it.
        start = head.i
        while start > 0 and doc[start - 1].dep_ in ("compound", "amod", "nmod") and _is_name(doc[start - 1]):
            start -= 1
        if doc[start : head.i + 1].text.lower() not in generic:
            return doc[start : head.i + 1]
    return None
