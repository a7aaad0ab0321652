"""Evaluation against annotated gold data: ``kg eval --gold PATH --format NAME``.

Every evaluator is ``evaluate(gold_path, fmt) -> dict`` and is imported only
when its format is asked for.
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path
from typing import Any

from kg.errors import KGError

#: ``--format`` name → "module:function".
EVALUATORS: dict[str, str] = {
    "scierc": "kg.eval.spans:evaluate",
    "scienceie": "kg.eval.spans:evaluate",
    "csabstruct": "kg.eval.roles:evaluate",
    "triples": "kg.eval.triples:evaluate",
}


def evaluate(gold_path: Path, fmt: str, **options: Any) -> dict[str, Any]:
    """Score kg's extractor on the gold data at ``gold_path``, read as ``fmt``."""
    if fmt not in EVALUATORS:
        raise KGError(f"unknown gold format {fmt!r}; choose one of {', '.join(EVALUATORS)}")
    if not Path(gold_path).exists():
        raise KGError(f"{gold_path}: no such file or folder")
    module, function = EVALUATORS[fmt].split(":")
    return getattr(import_module(module), function)(Path(gold_path), fmt, **options)
