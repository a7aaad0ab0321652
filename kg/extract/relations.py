"""``kg_relations``: concept→concept relationships a sentence states ("X for Y", "Y such as X").

For every pair of concept spans in one sentence, a multinomial logistic regression
reads the pair (the two types, the words between them, the dependency path between
their heads, the words around them) and says which SciERC relation the sentence
states between them, in which direction, or none. A pair is reported when its label
is one of the types the model emits (``emit`` in its ``config.json``) and the label's
probability times the lower confidence of the two spans reaches the model's threshold;
the model, the types and the threshold were chosen on SciERC dev through kg's own
spans (``training/train_relations.py``; the model card is ``models/relations/MODEL_CARD.md``).

Predictions are stored as ``doc._.kg_relations``: ``(head, tail, type, confidence)``
with head and tail spans of ``doc.spans[spans_key]``. Inference is plain numpy.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from kg.errors import ModelNotFoundError

__all__ = [
    "MODEL_DIR",
    "NONE",
    "RelationModel",
    "Relations",
    "decide",
    "direction_label",
    "pair_features",
    "sentence_pairs",
    "span_confidence",
]

#: Where the trained weights and the model card live.
MODEL_DIR = Path(__file__).resolve().parent / "models" / "relations"
#: The label of a pair the sentence relates in no way kg reads.
NONE = "none"
#: Gaps longer than this keep only the words at either end as features.
_EDGE_WORDS = 4

Doc.set_extension("kg_relations", default=None, force=True)


def direction_label(kind: str, head_first: bool) -> str:
    """The model's label for relation ``kind`` between a pair in text order.

    ``>`` says the first span is the head, ``<`` the second.

    >>> direction_label("USED_FOR", True), direction_label("HYPONYM_OF", False)
    ('USED_FOR>', 'HYPONYM_OF<')
    """
    return f"{kind}{'>' if head_first else '<'}"


def _bucket(n: int) -> str:
    for limit, name in ((0, "0"), (1, "1"), (2, "2"), (3, "3"), (5, "4-5"), (8, "6-8"), (14, "9-14")):
        if n <= limit:
            return name
    return "15+"


def _ancestors(token: Token) -> list[Token]:
    chain = [token]
    while chain[-1].head.i != chain[-1].i:
        chain.append(chain[-1].head)
    return chain


def _path(first: Token, second: Token) -> tuple[list[str], Token | None, list[str]]:
    """Dependency labels from ``first`` up to the lowest common ancestor and down to ``second``."""
    up, down = _ancestors(first), _ancestors(second)
    down_index = {t.i: n for n, t in enumerate(down)}
    for n, token in enumerate(up):
        if token.i in down_index:
            return up[:n], token, list(reversed(down[: down_index[token.i]]))
    return up, None, down  # different parse trees: no path


def pair_features(first: Span, second: Span, others: Sequence[Span] = ()) -> list[str]:
    """The features of a pair of concept spans of one sentence, ``first`` before ``second``.

    ``others`` are the sentence's other concept spans (counted when they lie between the two).

    >>> import spacy
    >>> from spacy.tokens import Doc
    >>> words = "We use LSTMs for machine translation .".split()
    >>> doc = Doc(spacy.blank("en").vocab, words=words, sent_starts=[True] + [False] * 6)
    >>> feats = pair_features(Span(doc, 2, 3, "Method"), Span(doc, 4, 6, "Task"))
    >>> [f for f in feats if f.startswith(("types=", "bw=", "dist="))]
    ['types=Method>Task', 'dist=1', 'bw=for']
    """
    doc = first.doc
    types = f"{first.label_}>{second.label_}"
    words = [t.lower_ for t in doc[first.end : second.start]]
    features = [f"types={types}", f"ta={first.label_}", f"tb={second.label_}", f"dist={_bucket(len(words))}"]
    # Long gaps keep only the words next to each span: the middle of a long sentence says little about the pair.
    near = words if len(words) <= 2 * _EDGE_WORDS else words[:_EDGE_WORDS] + ["…"] + words[-_EDGE_WORDS:]
    features += [f"bw={w}" for w in dict.fromkeys(near)]
    features += [f"bb={a}_{b}" for a, b in dict.fromkeys(zip(near, near[1:], strict=False))]
    if words:
        features += [
            f"first={words[0]}",
            f"last={words[-1]}",
            f"types|first={types}|{words[0]}",
            f"types|last={types}|{words[-1]}",
        ]
    else:
        features.append("adjacent")
    between = sum(1 for s in others if s.start >= first.end and s.end <= second.start)
    features.append(f"spans_between={min(between, 3)}")
    sent = first.sent
    features.append(f"before={doc[first.start - 1].lower_ if first.start > sent.start else '<s>'}")
    features.append(f"after={doc[second.end].lower_ if second.end < sent.end else '</s>'}")
    features += [f"ha={first.root.lemma_.lower()}", f"hb={second.root.lemma_.lower()}"]
    up, lca, down = _path(first.root, second.root)
    if lca is None:
        features.append("path=none")
    else:
        deps = "".join(f"{t.dep_}↑" for t in up) + "".join(f"{t.dep_}↓" for t in down)
        inner = [t.lemma_.lower() for t in (*up[1:], *down[:-1])]
        lca_word = "" if lca.i in (first.root.i, second.root.i) else lca.lemma_.lower()
        features += [
            f"path={deps}",
            f"types|path={types}|{deps}",
            f"lexpath={deps}|{lca_word}",
            f"lca={lca_word}",
            f"pathlen={_bucket(len(up) + len(down))}",
        ]
        features += [f"pathword={w}" for w in dict.fromkeys(inner)]
        if lca.i == first.root.i:
            features.append("first_governs")
        elif lca.i == second.root.i:
            features.append("second_governs")
    return features


def sentence_pairs(spans: Iterable[Span]) -> list[tuple[Span, Span, list[Span]]]:
    """Every pair of non-overlapping spans that share a sentence, in text order, with the sentence's spans."""
    by_sentence: dict[int, list[Span]] = {}
    for span in sorted(spans, key=lambda s: (s.start, s.end)):
        by_sentence.setdefault(span.sent.start, []).append(span)
    pairs = []
    for group in by_sentence.values():
        for i, first in enumerate(group):
            for second in group[i + 1 :]:
                if first.end <= second.start:
                    pairs.append((first, second, group))
    return pairs


class RelationModel:
    """The shipped relation classifier: feature index, weights, labels, which types to emit and the threshold."""

    def __init__(self, model_dir: Path = MODEL_DIR):
        model_dir = Path(model_dir)
        if not (model_dir / "weights.npz").exists():
            raise ModelNotFoundError(f"relation model not found in {model_dir}; reinstall kg or run training/train_relations.py")
        meta = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
        features = json.loads((model_dir / "features.json").read_text(encoding="utf-8"))
        weights = np.load(model_dir / "weights.npz")
        self.labels: list[str] = list(meta["labels"])
        self.emit = set(meta["emit"])
        self.threshold = float(meta["threshold"])
        self.index = {name: i for i, name in enumerate(features)}
        self.weights = weights["w"].astype(np.float64)  # labels × features
        self.bias = weights["b"].astype(np.float64)
        self.meta = meta

    @classmethod
    def load(cls, model_dir: Path = MODEL_DIR) -> RelationModel:
        return cls(model_dir)

    def probabilities(self, feature_lists: Sequence[Sequence[str]]) -> np.ndarray:
        """Label probabilities, one row per pair (columns in ``labels`` order)."""
        logits = np.tile(self.bias, (len(feature_lists), 1))
        for row, features in enumerate(feature_lists):
            columns = [self.index[f] for f in dict.fromkeys(features) if f in self.index]
            if columns:
                logits[row] += self.weights[:, columns].sum(axis=1)
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return exp / exp.sum(axis=1, keepdims=True)

    def predict(self, spans: Iterable[Span], threshold: float | None = None) -> list[tuple[Span, Span, str, float]]:
        """``(head, tail, type, confidence)`` for the pairs of ``spans`` the sentence relates (see ``decide``)."""
        pairs = sentence_pairs(spans)
        probabilities = self.probabilities([pair_features(a, b, group) for a, b, group in pairs])
        return decide(pairs, probabilities, self.labels, self.emit, self.threshold if threshold is None else threshold)


def span_confidence(span: Span) -> float:
    """The tagger's confidence in a span; rule spans carry none and are taken as they are (1.0)."""
    value = span._.kg_confidence if Span.has_extension("kg_confidence") else None
    return 1.0 if value is None else float(value)


def decide(
    pairs: Sequence[tuple[Span, Span, Sequence[Span]]],
    probabilities: np.ndarray,
    labels: Sequence[str],
    emit: set[str],
    threshold: float,
) -> list[tuple[Span, Span, str, float]]:
    """The relations among ``pairs``: each pair's most likely label, when it is an emitted type and confident enough.

    The confidence is the label's probability times the lower of the two spans' confidences: the
    model learnt relations between gold spans, and a relation between mis-cut spans is wrong however
    clearly the sentence states it (on SciERC dev, 87 % of tagged spans with confidence ≥ 0.9 are
    exact, 68 % of all).
    """
    found = []
    for (first, second, _), row in zip(pairs, probabilities, strict=True):
        best = int(row.argmax())
        label = labels[best]
        kind = label.rstrip("<>")
        if kind not in emit:
            continue
        confidence = float(row[best]) * min(span_confidence(first), span_confidence(second))
        if confidence >= threshold:
            head, tail = (first, second) if label.endswith(">") else (second, first)
            found.append((head, tail, kind, round(confidence, 3)))
    return found


@Language.factory("kg_relations", default_config={"spans_key": "kg_concepts", "model_dir": None, "threshold": None})
def make_relations(nlp: Language, name: str, spans_key: str, model_dir: str | None, threshold: float | None):
    return Relations(nlp, name, spans_key=spans_key, model_dir=model_dir, threshold=threshold)


class Relations:
    """Sets ``doc._.kg_relations`` from the concept spans in ``doc.spans[spans_key]``.

    ``model_dir`` left empty means the model shipped with kg; ``threshold`` left
    empty means the one chosen on dev when it was trained.
    """

    def __init__(self, nlp: Language, name: str, *, spans_key: str, model_dir: str | None = None, threshold: float | None = None):
        self.name = name
        self.spans_key = spans_key
        self.model_dir = Path(model_dir) if model_dir else MODEL_DIR
        self.threshold = threshold
        self.model: RelationModel | None = None

    def initialize(self, get_examples=None, *, nlp=None) -> None:
        """Load the trained model; nothing is learnt here (see ``training/train_relations.py``)."""
        self.model = RelationModel.load(self.model_dir)

    def __call__(self, doc: Doc) -> Doc:
        if self.model is None:
            self.initialize()
        doc._.kg_relations = self.model.predict(doc.spans.get(self.spans_key, []), self.threshold)
        return doc
