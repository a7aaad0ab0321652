"""training/train_spans.py, the concept tagger's training script, runs end to end on a few real SciERC abstracts:
it trains, tags SciERC dev with kg's own decoding and writes a model folder kg can load. (Session 22 found it broken:
kg's tagger had changed its interface under it, and a 17-minute run failed at its first dev score.)"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from test_claims import GOLD, needs_gold

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "training"))
train_spans = pytest.importorskip("train_spans")


@needs_gold
def test_the_span_training_script_trains_scores_and_saves_a_model_kg_loads(tmp_path):
    from kg.extract.inference import Inference
    from kg.extract.tagger import load_tagger

    out = tmp_path / "concepts"
    train_spans.main(
        ["--out", str(out), "--gold", str(GOLD), "--epochs", "1", "--limit-docs", "4", "--aux", "--select-from", "1"]
        + ["--eval-every", "0", "--threads", "1"]
    )
    settings = json.loads((out / "span_config.json").read_text())
    assert settings["selected_epoch"] == 1 and settings["output_types"] == ["Method", "Task", "Dataset", "Metric"]
    tagger = load_tagger(out, Inference(backend="torch", precision="float32", device="cpu"))
    assert tagger.labels[0] == "O" and "B-Generic" in tagger.labels  # the auxiliary labels, learnt and not output
