"""Extraction throughput against a bare spaCy parse of the same abstracts, measured in one run.

    python3 benchmarks/extraction.py [--limit N]

Prints abstracts/s for: the bare ``en_core_web_sm`` ``nlp.pipe`` (tagger, parser,
lemmatizer; its NER left out as kg leaves it out), kg's extraction pipeline
(acronyms, rules, the trained concept tagger, contributions, sentence roles,
claims), and the KeyBERT keyphrase stage; then each as a ratio of the bare parse.
Model loading is timed apart. Figures depend on the machine and on what else runs
on it: compare ratios, not seconds.
"""

from __future__ import annotations

import argparse
import time

import spacy

from kg.defaults import SAMPLE_CORPUS
from kg.extract import Extractor, base_model_name
from kg.sources import read_inputs


def timed(label: str, work) -> float:
    start = time.perf_counter()
    work()
    seconds = time.perf_counter() - start
    print(f"{label:<34} {seconds:7.1f} s", flush=True)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=0, help="only the first N seed papers (default: all 591)")
    args = parser.parse_args()
    papers = read_inputs([SAMPLE_CORPUS]).papers
    papers = papers[: args.limit] if args.limit else papers
    abstracts = [p.abstract for p in papers]
    n = len(abstracts)
    print(f"{n} seed abstracts, {sum(map(len, abstracts)) / n:.0f} characters on average\n")

    bare = spacy.load(base_model_name(), exclude=["ner"])
    extractor = Extractor.load(keyphrases=False)
    with_keyphrases = Extractor(extractor.nlp, _config(), keyphrases=True)
    timed("load keyphrase encoder", lambda: with_keyphrases.ranker)

    list(bare.pipe(abstracts[:20]))  # warm-up: first calls allocate
    list(extractor.extract(papers[:20]))
    parse = timed("bare en_core_web_sm parse", lambda: list(bare.pipe(abstracts, batch_size=64)))
    extract = timed("kg extraction, no keyphrases", lambda: list(extractor.extract(papers)))
    full = timed("kg extraction with keyphrases", lambda: list(with_keyphrases.extract(papers)))

    print()
    for label, seconds in (("bare parse", parse), ("kg extraction", extract), ("kg extraction + keyphrases", full)):
        print(f"{label:<28} {n / seconds:6.1f} abstracts/s   {parse / seconds:5.2f} × the bare parse")


def _config():
    from thinc.api import Config

    from kg.defaults import EXTRACT_CONFIG

    return Config().from_disk(EXTRACT_CONFIG)


if __name__ == "__main__":
    main()
