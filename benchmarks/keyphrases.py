"""Keyphrase quality against gold entity names, with the baselines it must beat.

    python3 benchmarks/keyphrases.py [--gold ../shared/gold]

No gold set ranks keyphrases, but SciERC and ScienceIE mark the scientific terms
of a text. A good keyphrase should be one of them, so this prints, per ranking,
the share of a text's top 5 whose name is a gold entity name (SciERC dev: all
types but Generic; ScienceIE dev: all), "P@5", for the shipped KeyBERT ranker on
each backend and precision (kg/extract/inference.py), five random candidates and
the first five. Candidates are the texts' noun chunks, as the pipeline gives them
(without the concept spans, so that the tagger does not choose them).
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path

import numpy as np
import spacy

from kg.extract import base_model_name
from kg.extract.inference import Inference
from kg.extract.keyphrases import KeyphraseRanker, candidates

TOP_N = 5
#: (backend, precision) of every variant this machine can run
VARIANTS = [("torch", "float32"), ("torch", "bfloat16"), ("onnx", "float32"), ("onnx", "int8")]


def normalized(name: str) -> str:
    return " ".join(name.lower().replace(" - ", "-").split())


def gold_texts(gold: Path) -> list[tuple[str, str, set[str]]]:
    """``(corpus, text, gold entity names)`` for SciERC dev and ScienceIE dev."""
    found = []
    for line in (gold / "scierc" / "dev.json").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        words = [word for sentence in row["sentences"] for word in sentence]
        names = {normalized(" ".join(words[s : e + 1])) for sentence in row["ner"] for s, e, t in sentence if t != "Generic"}
        found.append(("SciERC dev", " ".join(words), names))
    for text_file in sorted((gold / "scienceie" / "dev").glob("*.txt")):
        annotations = text_file.with_suffix(".ann").read_text(encoding="utf-8").splitlines()
        names = {normalized(line.split("\t")[2]) for line in annotations if line.startswith("T")}
        found.append(("ScienceIE dev", text_file.read_text(encoding="utf-8"), names))
    return found


def candidate_phrases(texts: list[tuple[str, str, set[str]]]) -> list[dict[str, str]]:
    nlp = spacy.load(base_model_name(), exclude=["ner"])
    return [candidates(doc) for doc in nlp.pipe(text for _, text, _ in texts)]


def ranked_with(inference: Inference, texts, phrases) -> tuple[list[list[str]], float]:
    """Each text's top keys by the shipped ranker run as ``inference``, and the seconds ranking took."""
    ranker = KeyphraseRanker.load(top_n=TOP_N, **vars(inference))
    start = time.perf_counter()
    ranked = ranker.rank([text for _, text, _ in texts], phrases)
    return [[k.key for k in found] for found in ranked], time.perf_counter() - start


def precision_at_5(texts, phrases, ranked: list[list[str]]) -> dict[str, float]:
    """Per corpus, the mean share of a text's top keys that are gold entity names."""
    shares: dict[str, list[float]] = {corpus: [] for corpus, _, _ in texts}
    for (corpus, _, names), keys, found in zip(texts, ranked, phrases, strict=True):
        if keys:
            shares[corpus].append(float(np.mean([k in names or normalized(found[k]) in names for k in keys])))
    return {corpus: float(np.mean(values)) for corpus, values in sorted(shares.items())}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "gold")
    args = parser.parse_args()
    texts = gold_texts(args.gold)
    phrases = candidate_phrases(texts)
    rng = random.Random(0)
    rankings = {
        "five random candidates": [rng.sample(sorted(p), min(TOP_N, len(p))) for p in phrases],
        "first five candidates": [list(p)[:TOP_N] for p in phrases],
    }
    for backend, precision in VARIANTS:
        label = f"KeyBERT + MiniLM, {backend} {precision}"
        rankings[label], seconds = ranked_with(Inference(backend, precision, "cpu"), texts, phrases)
        print(f"{label}: {seconds:.1f} s")
    print(f"\nshare of the top {TOP_N} that are gold entity names")
    corpora = sorted({corpus for corpus, _, _ in texts})
    print(f"{'ranking':<36}" + "".join(f"{c:>16}" for c in corpora))
    for label, ranked in rankings.items():
        scores = precision_at_5(texts, phrases, ranked)
        print(f"{label:<36}" + "".join(f"{scores[c]:>16.3f}" for c in corpora))


if __name__ == "__main__":
    main()
