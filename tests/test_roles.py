"""Sentence roles: the shipped model, its scores, and `kg eval --format csabstruct` on a handmade gold file."""

from __future__ import annotations

import json

import pytest
from conftest import REPO, run_kg

from kg.errors import InputError
from kg.eval import evaluate
from kg.eval.roles import read_csabstruct, role_scores
from kg.extract.roles import MODEL_DIR, RoleClassifier

HANDMADE = REPO / "tests" / "data" / "csabstruct_handmade.jsonl"
DEV = REPO.parent / "shared" / "gold" / "csabstruct" / "dev.jsonl"


@pytest.fixture(scope="module")
def classifier():
    return RoleClassifier.load()


def test_role_scores_by_hand():
    gold = ["background", "objective", "method", "result", "result", "other"]
    predicted = ["background", "method", "method", "result", "method", "result"]
    report = role_scores(gold, predicted)
    assert report["per_label"]["method"] == {"precision": 0.3333, "recall": 1.0, "f1": 0.5, "gold": 1, "predicted": 3}
    assert report["per_label"]["result"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5, "gold": 2, "predicted": 2}
    assert report["per_label"]["objective"]["f1"] == report["per_label"]["other"]["f1"] == 0.0
    assert report["macro_f1"] == 0.4  # (1 + 0 + 0.5 + 0.5 + 0) / 5
    assert (report["accuracy"], report["sentences"]) == (0.5, 6)


def test_handmade_gold_file(classifier):
    # The shipped model labels the nine handmade sentences
    #   background objective method METHOD other | background BACKGROUND method result
    # (capitals: its two mistakes), so by hand: background P 2/3 R 1, objective P 1 R 1/2, method P 2/3 R 1,
    # result P 1 R 1/2, other 1/1; macro F1 (0.8 + 0.6667 + 0.8 + 0.6667 + 1) / 5.
    report = evaluate(HANDMADE, "csabstruct", classifier=classifier)
    assert report["documents"] == 2 and report["sentences"] == 9
    assert {label: scores["f1"] for label, scores in report["per_label"].items()} == {
        "background": 0.8, "objective": 0.6667, "method": 0.8, "result": 0.6667, "other": 1.0,
    }  # fmt: skip
    assert report["per_label"]["result"]["precision"] == 1.0
    assert report["macro_f1"] == 0.7867
    assert report["accuracy"] == 0.7778


def test_eval_command_json_and_table(tmp_path):
    result = run_kg("eval", "--gold", str(HANDMADE), "--format", "csabstruct", "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert set(report["per_label"]) == {"background", "objective", "method", "result", "other"}
    assert set(report["per_label"]["result"]) >= {"precision", "recall", "f1"}
    assert (report["macro_f1"], report["sentences"]) == (0.7867, 9)
    table = run_kg("eval", "--gold", str(HANDMADE), "--format", "csabstruct", cwd=tmp_path)
    assert table.returncode == 0, table.stderr
    assert "result" in table.stdout and "macro F1 0.787" in table.stdout


def test_malformed_gold_is_an_input_error(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps({"sentences": ["One.", "Two."], "labels": ["background"]}) + "\n")
    with pytest.raises(InputError, match="2 sentences but 1 labels"):
        list(read_csabstruct(path))
    path.write_text(json.dumps({"sentences": ["One."], "labels": ["conclusion"]}) + "\n")
    with pytest.raises(InputError, match="unknown label 'conclusion'"):
        list(read_csabstruct(path))


@pytest.mark.skipif(not DEV.exists(), reason="CSAbstruct dev is read from ../shared/gold")
def test_dev_scores_are_the_ones_the_model_card_reports(classifier):
    """The shipped figures of both models, the TF-IDF model alone (config.json) and averaged with the encoder
    (encoder.json), are what kg eval measures; the model card prints the averaged model's result line."""
    card = (MODEL_DIR / "MODEL_CARD.md").read_text()
    for model, figures in (
        (RoleClassifier.load(encoder=False), json.loads((MODEL_DIR / "config.json").read_text())["dev"]),
        (classifier, json.loads((MODEL_DIR / "encoder.json").read_text())["dev"]),
    ):
        report = evaluate(DEV, "csabstruct", classifier=model)
        assert report["sentences"] == figures["sentences"] == 2026
        assert report["macro_f1"] == figures["macro_f1"]
        assert report["per_label"]["result"]["f1"] == figures["per_label"]["result"]["f1"]
    assert f"| result | {figures['per_label']['result']['precision']:.3f}" in card


@pytest.mark.skipif(not DEV.exists(), reason="CSAbstruct dev is read from ../shared/gold")
def test_the_encoder_reads_result_sentences_better_than_tfidf_alone(classifier):
    alone = evaluate(DEV, "csabstruct", classifier=RoleClassifier.load(encoder=False))
    both = evaluate(DEV, "csabstruct", classifier=classifier)
    assert both["per_label"]["result"]["f1"] >= alone["per_label"]["result"]["f1"] + 0.02


def test_an_abstracts_roles_do_not_depend_on_what_else_is_encoded(classifier):
    """Each abstract is encoded alone, at a width set by its own length: the cache, --workers and Dask rely on it."""
    first = ["Graph neural networks struggle with long-range interactions.", "We add learned shortcut edges."]
    second = ["We study caching.", "Our cache halves the latency on three traces.", "It needs no tuning."]
    alone = classifier.probabilities(second)
    classifier.probabilities(first)
    assert (classifier.probabilities(second) == alone).all()


def test_every_sentence_of_a_parsed_abstract_gets_a_role(extractor):
    doc = extractor.nlp(
        "Graph neural networks struggle with long-range interactions. We propose RangeNet, which adds learned shortcut "
        "edges. RangeNet reduces the error by 12% on three benchmarks."
    )
    roles = [sent._.kg_role for sent in doc.sents]
    assert len(roles) == 3 and all(role in {"background", "objective", "method", "result", "other"} for role in roles)
    assert roles[0] == "background" and roles[-1] == "result"


def test_model_files_are_small():
    """The TF-IDF model a few MB; the encoder, in float16 without the word embeddings the base package holds, no
    bigger than the concept tagger's."""
    sizes = {p.name: p.stat().st_size for p in MODEL_DIR.iterdir()}
    assert sizes["weights.npz"] + sizes["vocabulary.json"] < 4_000_000
    assert sizes["encoder.safetensors"] < 23_000_000


def test_the_encoder_gives_the_same_roles_through_onnx_runtime_as_through_torch(tmp_path, monkeypatch):
    """Both backends run one network (kg.extract.networks.HiddenStates): float32 probabilities agree to 1e-4."""
    from kg.extract.inference import resolve

    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path))  # the ONNX file is exported here
    sentences = [
        "Graph neural networks struggle with long-range interactions.",
        "We propose RangeNet, which adds learned shortcut edges.",
        "RangeNet reduces the error by 12% on three benchmarks.",
    ]
    torch_run = RoleClassifier.load(inference=resolve("torch", "float32", "cpu")).encoder.probabilities(sentences)
    onnx_run = RoleClassifier.load(inference=resolve("onnx", "float32")).encoder.probabilities(sentences)
    assert abs(torch_run - onnx_run).max() < 1e-4
    assert (torch_run.argmax(axis=1) == onnx_run.argmax(axis=1)).all()
