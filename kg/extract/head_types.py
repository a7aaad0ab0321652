"""``kg_head_types``: a tagged concept takes its head noun's type when the training data never gave that head its type.

The tagger reads context, and out of its training domain context misleads it:
"deep RNNs" tagged as a Task, "self attention" as a Task, "vision and language
benchmark" as a Task. Yet across SciERC and SciER a span ending in "RNN" is a
Method every time it occurs, one ending in "benchmark" a Dataset. The table
``lexicons/head_types.tsv`` (written by ``training/head_types.py``) lists the head
words seen at least five times with one type making at least 80 % of them, and every
type they were seen with. A tagged span whose head has a row, and whose type that
head never had, takes the head's main type. Heads that go both ways ("learning":
Method or Task) are left to the tagger.

Some heads are mostly neither: SciERC calls a span ending in "features",
"constraint" or "distribution" an OtherScientificTerm or Generic. Their table type
is ``-`` and a tagged span with such a head is dropped.

Both were measured with the rest of the pipeline on SciERC and SciER dev (``kg eval --format scierc``;
the figures are in docs/evaluation.md).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import registry

from kg.extract.tagger import relabelled

__all__ = ["HeadTypes", "head_key", "read_head_types"]

TABLE = Path(__file__).with_name("lexicons") / "head_types.tsv"
NOT_A_CONCEPT = "-"
# "LLaMA-7B", "OPT 1.3B", "BERT-340M": a name ending in a parameter count is a model
_PARAMETER_COUNT = re.compile(r"(?:^|[-_])\d+(?:\.\d+)?[BMK]$")


def head_key(word: str) -> str:
    """The form a head word is looked up under: lower case, a plain plural "s" dropped.

    >>> head_key("RNNs"), head_key("Loss"), head_key("Networks")
    ('rnn', 'loss', 'network')
    """
    word = word.lower()
    return word[:-1] if word.endswith("s") and not word.endswith("ss") and len(word) > 3 else word


@registry.misc("kg.head_types.v1")
@cache
def read_head_types(path: str = str(TABLE)) -> dict[str, tuple[str, frozenset[str]]]:
    """``{head: (main type, every type seen)}`` from the table ``training/head_types.py`` writes (read once per
    path; callers only read it)."""
    table = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            head, main, seen = line.split("\t")
            table[head] = (main, frozenset(seen.split(",")))
    return table


@Language.factory("kg_head_types", default_config={"spans_key": "kg_concepts", "sources": ["tagger"], "keep_types": ["Metric"]})
def make_head_types(nlp: Language, name: str, spans_key: str, sources: list[str], keep_types: list[str]) -> HeadTypes:
    return HeadTypes(name, spans_key=spans_key, sources=sources, keep_types=keep_types)


class HeadTypes:
    def __init__(self, name: str, *, spans_key: str, sources: list[str], keep_types: list[str]):
        self.name = name
        self.spans_key = spans_key
        self.sources = set(sources)  # lexicon and rule spans keep their type: they were typed on purpose
        self.keep_types = set(keep_types)
        self.table: dict[str, tuple[str, frozenset[str]]] = {}

    def initialize(self, get_examples=None, *, nlp=None, table: dict | None = None) -> None:
        self.table = table if table is not None else read_head_types()

    def __call__(self, doc: Doc) -> Doc:
        spans = list(doc.spans.get(self.spans_key, []))
        retyped = [self._retyped(span) for span in spans]
        if any(new is not old for new, old in zip(retyped, spans, strict=True)):
            doc.spans[self.spans_key] = [span for span in retyped if span is not None]
        return doc

    def _retyped(self, span: Span) -> Span | None:
        words = [t for t in span if any(c.isalpha() for c in t.text)]
        if span.id_ not in self.sources or span.label_ in self.keep_types or not words:
            return span
        if _PARAMETER_COUNT.search(span[-1].text):
            return span if span.label_ == "Method" else relabelled(span, "Method")
        main, seen = self.table.get(head_key(words[-1].text), (span.label_, frozenset()))
        if main == NOT_A_CONCEPT:
            return None
        if main == span.label_ or not seen or span.label_ in seen:
            return span
        return relabelled(span, main)
