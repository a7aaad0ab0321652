"""The cross-validation tooling of training/train_judge.py (issue 19): train-arxiv dealt into folds that cover every
paper once, the same shuffle as ``--hold-out``, and the folds' ``kg eval`` outputs pooled into micro figures. The
gold files here are made up for the test."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "training"))
train_judge = pytest.importorskip("train_judge")


def _gold(folder: Path, papers: int) -> Path:
    rows = [{"id": f"p{i}", "title": f"Paper {i}", "triples": [], "acceptable": []} for i in range(papers)]
    (folder / "train-arxiv.jsonl").write_text("".join(json.dumps(row) + "\n" for row in rows))
    (folder / "train-arxiv.input.jsonl").write_text(
        "".join(json.dumps({"id": row["id"], "title": row["title"], "abstract": "."}) + "\n" for row in rows)
    )
    return folder


def test_folds_cover_every_paper_once(tmp_path):
    folds = train_judge.arxiv_folds(_gold(tmp_path, 10), 3)
    assert [len(fold) for fold in folds] == [4, 3, 3]
    assert sorted(p for fold in folds for p in fold) == sorted(f"p{i}" for i in range(10))
    assert folds == train_judge.arxiv_folds(tmp_path, 3)  # a fixed seed
    # the first papers of --hold-out's shuffle are the first of each fold in turn
    assert train_judge.shuffled_arxiv(tmp_path)[:3] == [fold[0] for fold in folds]


def test_folds_written_as_inputs_and_gold(tmp_path):
    (tmp_path / "gold").mkdir()
    gold = _gold(tmp_path / "gold", 7)
    out = tmp_path / "folds"
    train_judge.write_folds(type("Args", (), {"gold": gold, "folds": 2, "out": out})())
    for k, fold in enumerate(train_judge.arxiv_folds(gold, 2)):
        for suffix in (".input.jsonl", ".jsonl"):
            ids = [json.loads(line)["id"] for line in (out / f"fold-{k}{suffix}").read_text().splitlines()]
            assert sorted(ids) == sorted(fold)


def test_pool_is_micro_over_the_folds(tmp_path, capsys):
    def scores(right, predicted, found, gold):
        role = {"precision": 0.0, "recall": 0.0, "predicted": 0, "gold": 0}
        return {
            "concept_precision": round(right / predicted, 4),
            "concept_recall": round(found / gold, 4),
            "triple_precision": round(right / predicted, 4),
            "triple_recall": round(found / gold, 4),
            "per_role": {"PROPOSES": role},
            "predicted_concepts": predicted,
            "predicted_edges": predicted,
            "gold_triples": gold,
        }

    paths = []
    for k, figures in enumerate(((9, 10, 3, 4), (1, 30, 1, 20))):
        paths.append(tmp_path / f"fold-{k}.json")
        paths[-1].write_text(json.dumps(scores(*figures)))
    train_judge.pool(type("Args", (), {"scores": paths})())
    printed = capsys.readouterr().out
    # micro: (9 + 1) / (10 + 30), not the mean of 0.9 and 0.033
    assert "concept_precision 0.250 (10/40)" in printed
    assert "concept_recall 0.167 (4/24)" in printed
