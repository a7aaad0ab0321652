"""The sentence-role encoder: all-MiniLM-L6-v2 fine-tuned on CSAbstruct, reading a whole abstract at once.

An abstract goes through the encoder as ``[CLS] s1 [SEP] s2 [SEP] …`` (Cohan et al., EMNLP 2019), so each
sentence is read beside the others; a sentence's vector is the mean of its pieces' last hidden states, joined
with its relative position, and a linear head gives its role. ``kg.extract.roles.RoleClassifier`` averages these
probabilities with its TF-IDF model's. Trained by ``training/train_roles_encoder.py``; the weights (float16,
without the word-embedding table, which comes from the base package as for the concept tagger) are
``models/roles/encoder.safetensors``, the settings ``models/roles/encoder.json``.

Each abstract is encoded alone, padded to a width set by its own length (``kg.extract.inference``), so its roles
never depend on the other abstracts of a batch, worker or cache state.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from kg.extract.inference import Inference, OnnxEncoder, TorchEncoder, resolve

__all__ = ["ENCODER_FILE", "RoleEncoder", "encode", "sentence_positions"]

ENCODER_FILE = "encoder.safetensors"
MAX_PIECES = 512
MAX_SENTENCE_PIECES = 80


def sentence_positions(count: int) -> list[list[float]]:
    """Each sentence's relative position and the abstract's inverse length, the head's two extra inputs.

    >>> sentence_positions(3)
    [[0.0, 0.3333333333333333], [0.5, 0.3333333333333333], [1.0, 0.3333333333333333]]
    """
    return [[i / max(1, count - 1), 1.0 / count] for i in range(count)]


def encode(tokenizer, sentences: Sequence[str]) -> tuple[list[int], list[int]]:
    """Piece ids of ``[CLS] s1 [SEP] s2 [SEP] …`` and, per piece, the index of its sentence (-1 for the special
    pieces). A sentence keeps at most 80 pieces; the longest is cut further until the abstract fits 512."""
    pieces = [tokenizer(s, add_special_tokens=False)["input_ids"][:MAX_SENTENCE_PIECES] for s in sentences]
    budget = MAX_PIECES - 1 - len(pieces)
    while sum(map(len, pieces)) > budget:
        longest = max(range(len(pieces)), key=lambda i: len(pieces[i]))
        pieces[longest] = pieces[longest][:-1]
    ids, owner = [tokenizer.cls_token_id], [-1]
    for i, p in enumerate(pieces):
        ids += p + [tokenizer.sep_token_id]
        owner += [i] * len(p) + [-1]
    return ids, owner


class RoleEncoder:
    """Role probabilities of an abstract's sentences from the fine-tuned encoder of ``model_dir``."""

    def __init__(self, model_dir: Path, inference: Inference | None = None):
        from safetensors import safe_open
        from transformers import AutoTokenizer

        from kg.extract.tagger import base_encoder_dir, base_version

        self.inference = inference or resolve()
        weights = model_dir / ENCODER_FILE
        self.settings = json.loads((model_dir / "encoder.json").read_text(encoding="utf-8"))
        with safe_open(weights, "np") as tensors:  # the head only: the encoder is read where a backend needs it
            self.head_weight = tensors.get_tensor("head.weight").astype(np.float32)
            self.head_bias = tensors.get_tensor("head.bias").astype(np.float32)
        self.tokenizer = AutoTokenizer.from_pretrained(base_encoder_dir())

        def network():
            from kg.extract.networks import HiddenStates

            return HiddenStates(_bert(weights))

        if self.inference.backend == "onnx":
            from kg.extract.onnx_export import onnx_file

            sources = [weights, f"base {base_version()}"]
            file = onnx_file(f"roles-{model_dir.name}", self.inference.precision, network, sources)
            self.encoder = OnnxEncoder(file, self.inference)
        else:
            self.encoder = TorchEncoder(network(), self.inference)

    def probabilities(self, sentences: Sequence[str]) -> np.ndarray:
        """One row of role probabilities per sentence (columns in ``kg.extract.roles.LABELS`` order)."""
        if not sentences:
            return np.zeros((0, len(self.head_bias)), dtype=np.float32)
        ids, owner = encode(self.tokenizer, sentences)
        (_, (states,)), *_ = self.encoder.batches([ids], 1, self.tokenizer.pad_token_id)
        states = states[0, : len(ids)]
        owner_of = np.asarray(owner)
        pooled = np.zeros((len(sentences), states.shape[1]), dtype=np.float32)
        for i in range(len(sentences)):
            members = owner_of == i
            if members.any():
                pooled[i] = states[members].mean(axis=0)
        features = np.hstack([pooled, np.asarray(sentence_positions(len(sentences)), dtype=np.float32)])
        logits = features @ self.head_weight.T + self.head_bias
        shifted = np.exp(logits - logits.max(axis=1, keepdims=True))
        return shifted / shifted.sum(axis=1, keepdims=True)


def _bert(weights: Path):
    """The fine-tuned BERT encoder of ``weights``; the frozen word embeddings come from the base package."""
    from safetensors.torch import load_file
    from transformers import AutoConfig, AutoModel

    from kg.extract.tagger import BASE_WORD_EMBEDDINGS, base_encoder_dir, load_fine_tuned

    model = AutoModel.from_config(AutoConfig.from_pretrained(base_encoder_dir()), add_pooling_layer=False)
    state = {k.removeprefix("encoder."): v.float() for k, v in load_file(weights).items() if k.startswith("encoder.")}
    return load_fine_tuned(model, state, weights, word_embeddings_from_base=BASE_WORD_EMBEDDINGS)
