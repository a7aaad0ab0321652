"""Exact-span evaluation of the concept extractor against SciERC-format or ScienceIE gold.

A predicted span counts only when its start, end and type all match a gold
span of the same document. Relations count when both argument spans and the
relationship type match. Micro scores pool every type.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from kg.eval.gold import GoldDocument, Relation, Span, read_scienceie, read_scierc
from kg.types import ConceptType

TYPES = tuple(t.value for t in ConceptType)


def prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    """Precision, recall and F1 from counts (0 where undefined).

    >>> prf(3, 1, 2)
    {'precision': 0.75, 'recall': 0.6, 'f1': 0.6667, 'tp': 3, 'fp': 1, 'fn': 2}
    """
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4), "tp": tp, "fp": fp, "fn": fn}


def score_spans(pairs: Iterable[tuple[set[Span], set[Span]]], types: Iterable[str] = TYPES) -> dict[str, Any]:
    """Per-type and micro scores over ``(gold, predicted)`` span sets, one pair per document.

    >>> gold = {(0, 2, "Method"), (5, 6, "Metric")}
    >>> predicted = {(0, 2, "Method"), (5, 6, "Dataset")}
    >>> scores = score_spans([(gold, predicted)])
    >>> scores["micro"]["f1"], scores["per_type"]["Method"]["f1"], scores["per_type"]["Metric"]["recall"]
    (0.5, 1.0, 0.0)
    """
    types = tuple(types)
    counts: Counter = Counter()
    for gold, predicted in pairs:
        for kind in types:
            g = {s for s in gold if s[2] == kind}
            p = {s for s in predicted if s[2] == kind}
            counts[kind, "tp"] += len(g & p)
            counts[kind, "fp"] += len(p - g)
            counts[kind, "fn"] += len(g - p)
    per_type = {kind: prf(counts[kind, "tp"], counts[kind, "fp"], counts[kind, "fn"]) for kind in types}
    micro = prf(*(sum(per_type[k][c] for k in types) for c in ("tp", "fp", "fn")))
    return {"micro": micro, "per_type": per_type}


def score_relations(pairs: Iterable[tuple[set[Relation], set[Relation]]], kinds: Iterable[str]) -> dict[str, Any]:
    """Relation scores for the relationship types the extractor produces (``kinds``)."""
    kinds = tuple(kinds)
    tp = fp = fn = 0
    for gold, predicted in pairs:
        g = {r for r in gold if r[2] in kinds}
        p = {r for r in predicted if r[2] in kinds}
        tp, fp, fn = tp + len(g & p), fp + len(p - g), fn + len(g - p)
    return {"types": list(kinds), **prf(tp, fp, fn)}


READERS = {"scierc": read_scierc, "scienceie": read_scienceie}


def evaluate(gold_path: Path, fmt: str, extractor=None, batch_size: int = 32) -> dict[str, Any]:
    """Run the extractor over gold documents (on their own tokens) and score it.

    Returns ``{"micro": {...}, "per_type": {TYPE: {...}}, "relations": {...}, "documents": n}``.
    """
    from kg.extract import Extractor

    extractor = extractor or Extractor.load()
    documents = list(READERS[fmt](Path(gold_path)))
    docs = (_gold_doc(extractor.nlp.vocab, document) for document in documents)
    span_pairs, relation_pairs, produced = [], [], set()
    for document, doc in zip(documents, extractor.nlp.pipe(docs, batch_size=batch_size), strict=True):
        extraction = extractor.from_doc(document.id, doc)
        predicted, relations = token_spans(doc, extraction)
        produced.update(relation.type for relation in extraction.relations)
        span_pairs.append((document.spans, predicted))
        relation_pairs.append((document.relations, relations))
    return {
        **score_spans(span_pairs),
        "relations": score_relations(relation_pairs, sorted(produced)),
        "documents": len(documents),
    }


def token_spans(doc: Doc, extraction) -> tuple[set[Span], set[Relation]]:
    """An extraction's mentions and relations on ``doc``'s tokens, as gold data spells them.

    A relation names concepts, not spans: its ends are the two concepts' mentions in
    the relation's sentence.
    """
    spans: set[Span] = set()
    by_key: dict[tuple[str, int], list[tuple[int, int]]] = {}
    for mention in extraction.mentions:
        span = doc.char_span(mention.start_char, mention.end_char, alignment_mode="expand")  # a name trims stray "/" or "."
        spans.add((span.start, span.end, mention.type.value))
        by_key.setdefault((f"{mention.type.value}:{mention.canonical}", mention.sentence), []).append((span.start, span.end))
    relations: set[Relation] = set()
    for relation in extraction.relations:
        for head in by_key.get((relation.head, relation.sentence), []):
            tails = by_key.get((relation.tail, relation.sentence), [])
            relations.update((head, tail, relation.type) for tail in tails)
    return spans, relations


def _gold_doc(vocab, document: GoldDocument) -> Doc:
    """A Doc on the gold tokens, with the gold sentence boundaries, ready for the pipeline."""
    starts = set(document.sentence_starts)
    sent_starts = [True if i in starts else None for i in range(len(document.words))]
    return Doc(vocab, words=document.words, spaces=document.spaces, sent_starts=sent_starts)
