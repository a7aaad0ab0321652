"""Sentence roles against CSAbstruct-format gold: ``kg eval --gold PATH --format csabstruct``.

The gold file is JSON lines, one abstract a line: ``sentences`` (strings) and
``labels`` (one role per sentence; ``abstract_id`` and ``confs`` are ignored).
kg classifies the gold sentences as given, so segmentation never counts
against it, and scores each role by precision, recall and F1, with the macro
average over the five roles.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from kg.errors import InputError

__all__ = ["read_csabstruct", "role_scores", "evaluate"]

LABELS = ("background", "objective", "method", "result", "other")


def read_csabstruct(path: Path) -> Iterator[tuple[list[str], list[str]]]:
    """``(sentences, labels)`` for every abstract of a CSAbstruct JSON-lines file."""
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            sentences, labels = [str(s) for s in row["sentences"]], [str(label) for label in row["labels"]]
        except (json.JSONDecodeError, KeyError, TypeError) as error:
            raise InputError(f"{path}:{number}: not a CSAbstruct abstract ({error})") from None
        if len(sentences) != len(labels):
            raise InputError(f"{path}:{number}: {len(sentences)} sentences but {len(labels)} labels")
        unknown = set(labels) - set(LABELS)
        if unknown:
            raise InputError(f"{path}:{number}: unknown label {sorted(unknown)[0]!r}; expected one of {', '.join(LABELS)}")
        yield sentences, labels


def role_scores(gold: Sequence[str], predicted: Sequence[str], labels: Sequence[str] = LABELS) -> dict[str, Any]:
    """Per-label precision, recall and F1 (rounded to 4 places) and their macro average.

    >>> report = role_scores(["result", "method", "result"], ["result", "result", "result"])
    >>> report["per_label"]["result"], report["macro_f1"]
    ({'precision': 0.6667, 'recall': 1.0, 'f1': 0.8, 'gold': 2, 'predicted': 3}, 0.16)
    """
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold labels but {len(predicted)} predictions; pass one prediction per sentence")
    per_label = {}
    for label in labels:
        tp = sum(g == label and p == label for g, p in zip(gold, predicted, strict=True))
        n_gold, n_pred = sum(g == label for g in gold), sum(p == label for p in predicted)
        precision = tp / n_pred if n_pred else 0.0
        recall = tp / n_gold if n_gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_label[label] = {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
            "gold": n_gold,
            "predicted": n_pred,
        }
    correct = sum(g == p for g, p in zip(gold, predicted, strict=True))
    return {
        "per_label": per_label,
        "macro_f1": round(sum(s["f1"] for s in per_label.values()) / len(labels), 4),
        "accuracy": round(correct / len(gold), 4) if gold else 0.0,
        "sentences": len(gold),
    }


def evaluate(gold_path: Path, fmt: str = "csabstruct", *, classifier=None, **_options: Any) -> dict[str, Any]:
    """Classify every gold sentence with kg's role model and score it; ``classifier`` defaults to the shipped one."""
    if classifier is None:
        from kg.extract.roles import RoleClassifier

        classifier = RoleClassifier.load()
    gold, predicted, abstracts = [], [], 0
    for sentences, labels in read_csabstruct(gold_path):
        gold += labels
        predicted += classifier.predict(sentences)
        abstracts += 1
    if not abstracts:
        raise InputError(f"{gold_path}: no abstracts in this file")
    return {**role_scores(gold, predicted), "documents": abstracts}
