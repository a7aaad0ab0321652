"""``kg_sentence_roles``: the rhetorical role of every abstract sentence.

Each sentence gets one of ``background``, ``objective``, ``method``, ``result``
or ``other`` (the CSAbstruct labels, Cohan et al. 2019), stored on the sentence
span as ``sent._.kg_role``. The claim extractor reads it.

The model is two linear layers, trained by ``training/train_roles.py`` and
shipped in ``kg/extract/models/roles/`` (see its ``MODEL_CARD.md``):

1. a multinomial logistic regression over the sentence's TF-IDF word uni- and
   bigrams, its position in the abstract, and the TF-IDF vectors of the
   sentences before and after it;
2. a second logistic regression over the first one's probabilities for the
   sentence and its two neighbours on each side, with the position again: the
   sequence context ("a method sentence rarely follows a result").

Inference is plain numpy: no scikit-learn, no torch, a few milliseconds per abstract.

Where the model folder holds ``encoder.safetensors``, a fine-tuned MiniLM reading the whole abstract
(``kg.extract.roles_encoder``) gives a second opinion, and the two models' probabilities are averaged (the
TF-IDF model's share is ``tfidf_weight`` in ``encoder.json``): 2.6 points of CSAbstruct dev result F1 for one
more encoder pass per abstract (the model card).
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.extract.inference import resolve
from kg.extract.roles_encoder import ENCODER_FILE

__all__ = ["LABELS", "MODEL_DIR", "RoleClassifier", "SentenceRoles", "context_features", "position_features", "terms"]

#: The sentence roles, in the order of the model's outputs.
LABELS: tuple[str, ...] = ("background", "method", "objective", "other", "result")
#: Where the trained weights and the model card live.
MODEL_DIR = Path(__file__).resolve().parent / "models" / "roles"
#: Offsets of the neighbours whose probabilities the second layer reads.
NEIGHBOURS = (-2, -1, 1, 2)
_WORD = re.compile(r"\b\w+\b|%")

Span.set_extension("kg_role", default=None, force=True)


def terms(text: str) -> list[str]:
    """The uni- and bigrams of a sentence, lower-cased, as the TF-IDF vocabulary spells them.

    >>> terms("We improve BLEU by 2%.")
    ['we', 'improve', 'bleu', 'by', '2', '%', 'we improve', 'improve bleu', 'bleu by', 'by 2', '2 %']
    """
    words = _WORD.findall(text.lower())
    return words + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]


def position_features(index: int, count: int) -> list[float]:
    """Relative position, first, last, second, second to last, distance from each end (capped), decile one-hot.

    >>> position_features(0, 3)[:7]
    [0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.4]
    """
    relative = index / max(count - 1, 1)
    deciles = [0.0] * 10
    deciles[min(int(relative * 10), 9)] = 1.0
    from_end = count - 1 - index
    return [
        relative,
        float(index == 0),
        float(from_end == 0),
        float(index == 1),
        float(from_end == 1),
        min(index, 5) / 5,
        min(from_end, 5) / 5,
        *deciles,
    ]


def context_features(probabilities: np.ndarray) -> np.ndarray:
    """The second layer's input for one abstract: own probabilities, position, neighbours' probabilities and presence.

    >>> context_features(np.full((3, 5), 0.2)).shape
    (3, 46)
    """
    count = len(probabilities)
    rows = []
    for i in range(count):
        row = [*probabilities[i], *position_features(i, count)]
        for offset in NEIGHBOURS:
            j = i + offset
            row += [*probabilities[j], 1.0] if 0 <= j < count else [0.0] * (len(LABELS) + 1)
        rows.append(row)
    return np.asarray(rows, dtype=np.float64)


def _softmax(logits: np.ndarray) -> np.ndarray:
    shifted = np.exp(logits - logits.max(axis=1, keepdims=True))
    return shifted / shifted.sum(axis=1, keepdims=True)


class RoleClassifier:
    """The shipped sentence-role model.

    >>> classifier = RoleClassifier.load()
    >>> classifier.predict(["Machine translation remains hard for low-resource languages.",
    ...                     "We propose a new pre-training objective for such languages.",
    ...                     "We pre-train a transformer on monolingual text in twelve languages.",
    ...                     "Experiments show that it improves BLEU by 2.1 points over the strongest baseline."])
    ['background', 'objective', 'method', 'result']
    """

    def __init__(self, model_dir: Path = MODEL_DIR, inference=None, *, encoder: bool = True):
        model_dir = Path(model_dir)
        meta = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
        if tuple(meta["labels"]) != LABELS:
            raise ValueError(f"{model_dir}: the model's labels {meta['labels']} are not kg's {list(LABELS)}")
        vocabulary = json.loads((model_dir / "vocabulary.json").read_text(encoding="utf-8"))
        self.index = {term: i for i, term in enumerate(vocabulary)}
        weights = np.load(model_dir / "weights.npz")
        self.idf = weights["idf"].astype(np.float64)
        self.w1, self.b1 = weights["w1"].astype(np.float64), weights["b1"].astype(np.float64)
        self.w2, self.b2 = weights["w2"].astype(np.float64), weights["b2"].astype(np.float64)
        self.neighbour_weight = float(meta["neighbour_weight"])
        self.meta = meta
        self.encoder = None
        if encoder and (model_dir / ENCODER_FILE).exists():
            from kg.extract.roles_encoder import RoleEncoder

            self.encoder = RoleEncoder(model_dir, inference)
            self.tfidf_weight = float(self.encoder.settings["tfidf_weight"])

    @classmethod
    def load(cls, model_dir: Path = MODEL_DIR, inference=None, *, encoder: bool = True) -> RoleClassifier:
        """The model of ``model_dir``; ``encoder=False`` leaves the fine-tuned encoder out (the TF-IDF model alone)."""
        return cls(model_dir, inference, encoder=encoder)

    def _tfidf_logits(self, text: str) -> np.ndarray:
        """The sentence's TF-IDF vector (sublinear tf, l2-normalised) times each block of the first layer."""
        counts = Counter(self.index[t] for t in terms(text) if t in self.index)
        if not counts:
            return np.zeros((3, len(LABELS)))
        columns = np.fromiter(counts, dtype=np.int64)
        values = np.array([(1 + math.log(n)) for n in counts.values()]) * self.idf[columns]
        values /= np.linalg.norm(values)
        size = len(self.idf)
        # Blocks of the first layer: own words, then (after the position features) previous and next sentence's words.
        return np.stack([self.w1[:, offset + columns] @ values for offset in (0, size + 17, 2 * size + 17)])

    def probabilities(self, sentences: Sequence[str]) -> np.ndarray:
        """Role probabilities, one row per sentence of one abstract (columns in ``LABELS`` order)."""
        count = len(sentences)
        if count == 0:
            return np.zeros((0, len(LABELS)))
        size = len(self.idf)
        blocks = [self._tfidf_logits(text) for text in sentences]
        logits = np.empty((count, len(LABELS)))
        for i in range(count):
            own = blocks[i][0]
            before = blocks[i - 1][1] * self.neighbour_weight if i > 0 else 0.0
            after = blocks[i + 1][2] * self.neighbour_weight if i + 1 < count else 0.0
            position = self.w1[:, size : size + 17] @ np.asarray(position_features(i, count))
            logits[i] = own + position + before + after + self.b1
        first = _softmax(logits)
        found = _softmax(context_features(first) @ self.w2.T + self.b2)
        if self.encoder is None:
            return found
        return self.tfidf_weight * found + (1 - self.tfidf_weight) * self.encoder.probabilities(sentences)

    def predict(self, sentences: Sequence[str]) -> list[str]:
        """The role of each sentence of one abstract, in order."""
        return [LABELS[i] for i in self.probabilities(sentences).argmax(axis=1)]


@Language.factory(
    "kg_sentence_roles",
    default_config={"model_dir": None, "encoder": True, "backend": "auto", "precision": "auto", "device": "auto"},
)
def make_sentence_roles(
    nlp: Language, name: str, model_dir: str | None, encoder: bool, backend: str, precision: str, device: str
):
    return SentenceRoles(nlp, name, model_dir=model_dir, encoder=encoder, backend=backend, precision=precision, device=device)


class SentenceRoles:
    """Sets ``sent._.kg_role`` on every sentence of a parsed abstract.

    ``model_dir`` left empty means the model shipped with kg; ``encoder`` false leaves its fine-tuned encoder
    out; ``backend``, ``precision`` and ``device`` say how that encoder runs (``[inference]``). The model is
    loaded in ``initialize()``, or on first use.
    """

    def __init__(
        self,
        nlp: Language,
        name: str,
        *,
        model_dir: str | None = None,
        encoder: bool = True,
        backend: str = "auto",
        precision: str = "auto",
        device: str = "auto",
    ):
        self.name = name
        self.model_dir = Path(model_dir) if model_dir else MODEL_DIR
        self.encoder = encoder
        self.inference = (backend, precision, device)
        self.classifier: RoleClassifier | None = None

    def initialize(self, get_examples=None, *, nlp=None) -> None:
        """Load the trained model; nothing is learnt here (see ``training/train_roles.py``)."""
        inference = resolve(*self.inference) if self.encoder else None
        self.classifier = RoleClassifier.load(self.model_dir, inference, encoder=self.encoder)

    def __call__(self, doc: Doc) -> Doc:
        if self.classifier is None:
            self.initialize()
        sentences = list(doc.sents)
        for sent, role in zip(sentences, self.classifier.predict([s.text for s in sentences]), strict=True):
            sent._.kg_role = role
        return doc
