"""Keyphrase quality against gold entity names, with the baselines it must beat.

    python3 benchmarks/keyphrases.py [--gold ../shared/gold]

No gold set ranks keyphrases, but SciERC and ScienceIE mark the scientific terms
of a text. A good keyphrase should be one of them, so this prints, per ranking,
the share of a text's top 5 whose name is a gold entity name (SciERC dev: all
types but Generic; ScienceIE dev: all), for the shipped KeyBERT ranker in float32
and in bfloat16, five random candidates and the first five. Candidates are the
texts' noun chunks, as the pipeline gives them (without the concept spans, so
that the tagger does not choose them).
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
from kg.extract.inference import native_bfloat16
from kg.extract.keyphrases import KeyphraseRanker, candidates

TOP_N = 5


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "gold")
    args = parser.parse_args()
    texts = gold_texts(args.gold)
    nlp = spacy.load(base_model_name(), exclude=["ner"])
    phrases = [candidates(doc) for doc in nlp.pipe(text for _, text, _ in texts)]
    rng = random.Random(0)
    rankings = {
        "five random candidates": [rng.sample(sorted(p), min(TOP_N, len(p))) for p in phrases],
        "first five candidates": [list(p)[:TOP_N] for p in phrases],
    }
    encoder = KeyphraseRanker.load(top_n=TOP_N).encoder
    for precision in ("float32", "bfloat16"):
        ranker = KeyphraseRanker(encoder, top_n=TOP_N, precision=precision)
        start = time.perf_counter()
        ranked = ranker.rank([text for _, text, _ in texts], phrases)
        label = f"KeyBERT + MiniLM, {precision}"
        print(f"{label}: {time.perf_counter() - start:.1f} s")
        rankings[label] = [[k.key for k in found] for found in ranked]
    print(f"\nshare of the top {TOP_N} that are gold entity names (this CPU has native bfloat16: {native_bfloat16()})")
    corpora = sorted({corpus for corpus, _, _ in texts})
    print(f"{'ranking':<32}" + "".join(f"{c:>16}" for c in corpora))
    for label, ranked in rankings.items():
        shares = {c: [] for c in corpora}
        for (corpus, _, names), keys, found in zip(texts, ranked, phrases, strict=True):
            if keys:
                shares[corpus].append(np.mean([k in names or normalized(found[k]) in names for k in keys]))
        print(f"{label:<32}" + "".join(f"{np.mean(shares[c]):>16.3f}" for c in corpora))


if __name__ == "__main__":
    main()
