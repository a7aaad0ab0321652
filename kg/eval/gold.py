"""Readers for annotated gold data, into one shape: tokens, sentences, typed spans, relations.

* ``scierc``: DyGIE-style JSON lines of SciERC (``doc_key``) and SciER's
  ``*.plm.jsonl`` (``doc_id``): per-sentence token lists, ``ner`` as
  ``[start, end, type]`` with inclusive token offsets counted across the
  document, ``relations`` as ``[s1, e1, s2, e2, type]``.
* ``scienceie``: brat standoff, a ``.txt`` paragraph and its ``.ann``
  (``T<id>\\t<Type> <start> <end>\\t<surface>``), tokenized here with spaCy's
  English tokenizer; a gold span that does not fall on token boundaries is
  widened to the tokens it touches.

Types are mapped onto kg's: SciERC Material and SciER Dataset → Dataset,
ScienceIE Process → Method and Material → Dataset; everything else is ignored.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import InputError

Span = tuple[int, int, str]  # token start, token end (exclusive), kg type
Relation = tuple[tuple[int, int], tuple[int, int], str]  # head span, tail span, kg relationship type

SCIERC_TYPES = {"Method": "Method", "Task": "Task", "Metric": "Metric", "Material": "Dataset", "Dataset": "Dataset"}
SCIENCEIE_TYPES = {"Process": "Method", "Task": "Task", "Material": "Dataset"}
#: gold relation label → (kg relationship type, whether head and tail swap)
SCIERC_RELATIONS = {
    "USED-FOR": ("USED_FOR", False),
    "Used-For": ("USED_FOR", False),
    "FEATURE-OF": ("FEATURE_OF", False),
    "HYPONYM-OF": ("HYPONYM_OF", False),
    "SubClass-Of": ("HYPONYM_OF", False),
    "PART-OF": ("PART_OF", False),
    "Part-Of": ("PART_OF", False),
    "COMPARE": ("COMPARED_WITH", False),
    "Compare-With": ("COMPARED_WITH", False),
    "EVALUATE-FOR": ("EVALUATED_WITH", True),  # SciERC: metric EVALUATE-FOR method; kg: method EVALUATED_WITH metric
    "Evaluated-With": ("EVALUATED_WITH", False),
}


@dataclass
class GoldDocument:
    id: str
    words: list[str]
    spaces: list[bool]
    sentence_starts: list[int]
    spans: set[Span] = field(default_factory=set)
    relations: set[Relation] = field(default_factory=set)


def read_scierc(path: Path) -> Iterator[GoldDocument]:
    """SciERC / SciER documents from a JSON-lines file, or every ``*.json*`` file in a folder."""
    files = sorted(p for p in Path(path).glob("*.json*")) if Path(path).is_dir() else [Path(path)]
    for file in files:
        for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                yield _scierc_document(row)
            except (json.JSONDecodeError, KeyError, TypeError, ValueError) as error:
                raise InputError(f"{file}:{number}: not a SciERC-format document ({error})") from None


#: Penn Treebank escapes in SciERC's tokens and the characters they stand for.
_PTB_BRACKETS = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]"}


def read_scierc_abstracts(path: Path) -> Iterator[tuple[str, list[str]]]:
    """SciERC's abstracts as text, ``(doc_key, sentences)``: tokens joined back the way they were written ("( LNMF )"
    → "(LNMF)", "96.6 %" → "96.6%"), for running kg on real abstracts whose spans are annotated.

    >>> from pathlib import Path
    >>> gold = Path("../shared/gold/scierc/dev.json")
    >>> key, sentences = next(read_scierc_abstracts(gold)) if gold.exists() else ("", ["a."])
    >>> sentences[0].endswith(".")
    True
    """
    for document in read_scierc(path):
        sentences = []
        for start, end in zip(document.sentence_starts, [*document.sentence_starts[1:], len(document.words)], strict=True):
            text = " ".join(document.words[start:end])
            for escape, bracket in _PTB_BRACKETS.items():
                text = text.replace(escape, bracket)  # also inside a token: ";-RRB-"
            text = re.sub(r" ([,.;:?!%)\]}])", r"\1", text)
            text = re.sub(r"([(\[{]) ", r"\1", text)
            text = re.sub(r" (n't|'s|'re|'ve|'ll|'d)\b", r"\1", text)
            sentences.append(text.replace("`` ", '"').replace(" ''", '"'))
        yield document.id, sentences


def _scierc_document(row: dict) -> GoldDocument:
    words = [word for sentence in row["sentences"] for word in sentence]
    starts, offset = [], 0
    for sentence in row["sentences"]:
        starts.append(offset)
        offset += len(sentence)
    spans = {(s, e + 1, SCIERC_TYPES[t]) for sentence in row["ner"] for s, e, t in sentence if t in SCIERC_TYPES}
    relations = set()
    for sentence in row.get("relations", []):
        for s1, e1, s2, e2, label in sentence:
            if label in SCIERC_RELATIONS:
                kind, swap = SCIERC_RELATIONS[label]
                head, tail = (s1, e1 + 1), (s2, e2 + 1)
                relations.add((tail, head, kind) if swap else (head, tail, kind))
    doc_id = str(row.get("doc_key") or row.get("doc_id"))
    return GoldDocument(doc_id, words, [True] * len(words), starts, spans, relations)


def read_scienceie(path: Path) -> Iterator[GoldDocument]:
    """ScienceIE paragraphs from a folder of brat ``.txt`` + ``.ann`` pairs."""
    from spacy.lang.en import English

    tokenizer = English().tokenizer
    folder = Path(path)
    if not folder.is_dir():
        raise InputError(f"{folder}: ScienceIE gold is a folder of .txt and .ann files")
    for text_file in sorted(folder.glob("*.txt")):
        text = text_file.read_text(encoding="utf-8")
        doc = tokenizer(text)
        spans: set[Span] = set()
        ann = text_file.with_suffix(".ann")
        for number, line in enumerate(ann.read_text(encoding="utf-8").splitlines(), 1):
            if not line.startswith("T"):
                continue
            try:
                _, info, _surface = line.split("\t")
                label, start, end = info.split()[0], int(info.split()[1]), int(info.split()[-1])
            except ValueError:
                raise InputError(f"{ann}:{number}: not a brat text-bound annotation") from None
            if label not in SCIENCEIE_TYPES:
                continue
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None and len(span):
                spans.add((span.start, span.end, SCIENCEIE_TYPES[label]))
        words = [t.text for t in doc]
        yield GoldDocument(text_file.stem, words, [bool(t.whitespace_) for t in doc], [0], spans)
