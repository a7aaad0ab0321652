"""Train kg's sentence-role model (``kg/extract/models/roles/``) on CSAbstruct.

    python3 training/train_roles.py                 # the shipped model (about 10 minutes on one core)
    python3 training/train_roles.py --out /tmp/roles --c1 5 --c2 1 --neighbour-weight 0.3

Reads ``train.jsonl`` and ``dev.jsonl`` from ``--gold`` (default ../shared/gold/csabstruct beside the
repository) in place. The model (kg.extract.roles.RoleClassifier) is two scikit-learn logistic
regressions exported to plain numpy:

1. over TF-IDF uni+bigrams of the sentence, its position features, and the TF-IDF vectors of the
   previous and next sentence scaled by ``--neighbour-weight``;
2. over layer 1's probabilities for the sentence and its neighbours at -2..+2, plus position. Layer 2
   is trained on out-of-fold probabilities (5 folds grouped by abstract), so it sees layer-1 outputs
   as noisy as on unseen text.

Every setting in the grid is scored on dev only; the best dev macro F1 is kept. The dev figures written
to config.json are measured again through the exported numpy model, i.e. what ``kg eval`` computes.
Deterministic: liblinear-free lbfgs on fixed data, no random state involved.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import time
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from kg.eval.roles import evaluate, read_csabstruct, role_scores  # noqa: E402
from kg.extract.roles import LABELS, MODEL_DIR, RoleClassifier, context_features, position_features  # noqa: E402


def flatten(path: Path):
    sentences, labels, positions, groups = [], [], [], []
    for number, (texts, roles) in enumerate(read_csabstruct(path)):
        for i, (text, role) in enumerate(zip(texts, roles, strict=True)):
            sentences.append(text)
            labels.append(role)
            positions.append((i, len(texts)))
            groups.append(number)
    return sentences, np.array(labels), positions, np.array(groups)


def shift(positions, offset: int) -> sp.csr_matrix:
    """A matrix that moves each sentence's row to its neighbour at ``offset`` (zero where there is none)."""
    rows, cols = [], []
    for r, (i, n) in enumerate(positions):
        if 0 <= i + offset < n:
            rows.append(r)
            cols.append(r + offset)
    return sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(positions), len(positions)))


def layer1_features(tfidf, positions, weight: float) -> sp.csr_matrix:
    position = sp.csr_matrix(np.array([position_features(i, n) for i, n in positions]))
    return sp.hstack([tfidf, position, shift(positions, -1) @ tfidf * weight, shift(positions, 1) @ tfidf * weight]).tocsr()


def layer2_features(probabilities: np.ndarray, positions) -> np.ndarray:
    rows, start = [], 0
    while start < len(positions):
        count = positions[start][1]
        rows.append(context_features(probabilities[start : start + count]))
        start += count
    return np.vstack(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", type=Path, default=REPO.parent / "shared" / "gold" / "csabstruct")
    parser.add_argument("--out", type=Path, default=MODEL_DIR)
    parser.add_argument("--c1", type=float, nargs="+", default=[2.0, 5.0], help="layer-1 inverse regularization (grid)")
    parser.add_argument("--c2", type=float, nargs="+", default=[0.3, 1.0, 3.0], help="layer-2 inverse regularization (grid)")
    parser.add_argument("--neighbour-weight", type=float, nargs="+", default=[0.3, 0.5], help="neighbours' TF-IDF scale (grid)")
    parser.add_argument("--min-df", type=int, default=2)
    args = parser.parse_args()
    started = time.time()

    train_text, train_y, train_pos, train_groups = flatten(args.gold / "train.jsonl")
    dev_text, dev_y, dev_pos, _ = flatten(args.gold / "dev.jsonl")
    vectorizer = TfidfVectorizer(ngram_range=(1, 2), min_df=args.min_df, sublinear_tf=True, token_pattern=r"\b\w+\b|%")
    train_tfidf, dev_tfidf = vectorizer.fit_transform(train_text), vectorizer.transform(dev_text)
    print(f"{len(train_text)} train, {len(dev_text)} dev sentences; {train_tfidf.shape[1]} terms", flush=True)

    grid = []
    for c1, weight in itertools.product(args.c1, args.neighbour_weight):
        x_train, x_dev = layer1_features(train_tfidf, train_pos, weight), layer1_features(dev_tfidf, dev_pos, weight)
        out_of_fold = np.zeros((len(train_y), len(LABELS)))
        for fit_rows, held_rows in GroupKFold(5).split(x_train, train_y, train_groups):
            fold = LogisticRegression(C=c1, max_iter=3000).fit(x_train[fit_rows], train_y[fit_rows])
            out_of_fold[held_rows] = fold.predict_proba(x_train[held_rows])
        layer1 = LogisticRegression(C=c1, max_iter=3000).fit(x_train, train_y)
        assert tuple(layer1.classes_) == LABELS, layer1.classes_
        dev_probabilities = layer1.predict_proba(x_dev)
        for c2 in args.c2:
            layer2 = LogisticRegression(C=c2, max_iter=3000).fit(layer2_features(out_of_fold, train_pos), train_y)
            predicted = layer2.predict(layer2_features(dev_probabilities, dev_pos))
            report = role_scores(list(dev_y), list(predicted))
            grid.append((report["macro_f1"], {"c1": c1, "c2": c2, "neighbour_weight": weight}, layer1, layer2))
            print(
                f"c1={c1} c2={c2} w={weight}: dev macro F1 {report['macro_f1']:.4f}, "
                f"result F1 {report['per_label']['result']['f1']:.4f} ({time.time() - started:.0f} s)",
                flush=True,
            )

    best_f1, settings, layer1, layer2 = max(grid, key=lambda row: row[0])
    args.out.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        args.out / "weights.npz",
        idf=vectorizer.idf_.astype(np.float32),
        w1=layer1.coef_.astype(np.float32),
        b1=layer1.intercept_.astype(np.float32),
        w2=layer2.coef_.astype(np.float32),
        b2=layer2.intercept_.astype(np.float32),
    )
    vocabulary = sorted(vectorizer.vocabulary_, key=vectorizer.vocabulary_.get)
    (args.out / "vocabulary.json").write_text(json.dumps(vocabulary, ensure_ascii=False) + "\n", encoding="utf-8")
    config = {
        "labels": list(LABELS),
        "neighbour_weight": settings["neighbour_weight"],
        "settings": {**settings, "min_df": args.min_df, "ngram_range": [1, 2], "sublinear_tf": True},
        "trained_on": "CSAbstruct train (1,668 abstracts); settings selected on CSAbstruct dev (295 abstracts)",
        "grid": [{**s, "dev_macro_f1": f1} for f1, s, *_ in grid],
    }
    (args.out / "config.json").write_text(json.dumps(config, indent=1) + "\n", encoding="utf-8")

    # The figures that ship are those of the exported numpy model, through the same path as `kg eval`.
    report = evaluate(args.gold / "dev.jsonl", classifier=RoleClassifier.load(args.out))
    config["dev"] = {k: report[k] for k in ("per_label", "macro_f1", "accuracy", "sentences")}
    config["train_seconds"] = round(time.time() - started)
    (args.out / "config.json").write_text(json.dumps(config, indent=1) + "\n", encoding="utf-8")
    result_f1 = report["per_label"]["result"]["f1"]
    print(f"kept {settings}: dev macro F1 {report['macro_f1']} (grid said {best_f1}), result F1 {result_f1}")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
