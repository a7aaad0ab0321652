"""Where the CPU seconds of a cold ``kg build`` go, stage by stage.

    python3 benchmarks/build_stages.py [--out DIR] [--cache-dir DIR] [ARGS FOR kg build ...]

Runs ``kg build`` (the seed corpus by default, into a fresh output and cache folder) in this process, with kg's
stages wrapped: each wrapped function or spaCy component is charged the process CPU time (every thread's:
``time.process_time``) spent while it is the innermost stage running, so nested stages are not counted twice, and
spaCy components, which pass documents to one another as generators, are charged per document they yield, minus the
components upstream. What no stage claims (Typer, the cache, the loops between stages) is "the rest". Python's
start and the imports before the build are not counted. Prints a table of CPU seconds and shares, largest first.

The wrapping costs two ``process_time`` calls per stage entered, about a second over a seed build. Run it with
``OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1`` for the work itself, without what threads cost in waiting.
"""

from __future__ import annotations

import functools
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

SECONDS: dict[str, float] = defaultdict(float)
_stack = ["the rest (CLI, cache, between stages)"]
_mark = [0.0]


def _switch(enter: str | None = None) -> None:
    """Charge the time since the last switch to the innermost stage, then enter ``enter`` or leave that stage."""
    now = time.process_time()
    SECONDS[_stack[-1]] += now - _mark[0]
    _mark[0] = now
    if enter is None:
        _stack.pop()
    else:
        _stack.append(enter)


def timed(stage: str, function):
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        _switch(stage)
        try:
            return function(*args, **kwargs)
        finally:
            _switch()

    return wrapper


def _timed_generator(stage: str, generator):
    while True:
        _switch(stage)
        try:
            item = next(generator)
        except StopIteration:
            return
        finally:
            _switch()
        yield item


class _TimedComponent:
    """A spaCy component whose ``__call__`` and ``pipe`` are charged to ``spaCy NAME``."""

    def __init__(self, name: str, component):
        self._stage, self._component = f"spaCy {name}", component

    def __call__(self, doc):
        return timed(self._stage, self._component)(doc)

    def pipe(self, docs, **kwargs):
        component = self._component
        inner = component.pipe(docs, **kwargs) if hasattr(component, "pipe") else (component(doc) for doc in docs)
        return _timed_generator(self._stage, inner)

    def __getattr__(self, name):
        return getattr(self._component, name)


class _TimedTokenizer:
    def __init__(self, tokenizer):
        self._tokenizer = tokenizer

    def __call__(self, text):
        return timed("spaCy tokenizer", self._tokenizer)(text)

    def __getattr__(self, name):
        return getattr(self._tokenizer, name)


def wrap_stages() -> None:
    import kg.build
    import kg.extract.judge as judge
    import kg.extract.keyphrases as keyphrases
    import kg.extract.pipeline as pipeline
    import kg.extract.tagger as tagger
    import kg.sinks

    load_pipeline = pipeline.load_pipeline

    def load_timed_pipeline(*args, **kwargs):
        nlp, config = load_pipeline(*args, **kwargs)
        nlp._components = [(name, _TimedComponent(name, component)) for name, component in nlp._components]
        nlp.tokenizer = _TimedTokenizer(nlp.tokenizer)
        return nlp, config

    ranker = keyphrases.KeyphraseRanker
    pipeline.load_pipeline = timed("load models: spaCy pipeline and concept tagger", load_timed_pipeline)
    ranker.load = classmethod(timed("load models: keyphrase encoder", ranker.load.__func__))
    tagger.encode_words = timed("concept tagger's encoder (windows, MiniLM)", tagger.encode_words)
    ranker.embed = timed("keyphrase encoder (tokenizing, MiniLM)", ranker.embed)
    ranker.rank = timed("keyphrases: KeyBERT's ranking", ranker.rank)
    pipeline.keyphrase_candidates = timed("keyphrases: candidates", pipeline.keyphrase_candidates)
    pipeline.judge_paper = timed("judge: the rest (grouping, name features)", pipeline.judge_paper)
    judge.noun_phrase_candidates = timed("judge: noun-phrase candidates", judge.noun_phrase_candidates)
    judge.candidate_features = timed("judge: candidate features", judge.candidate_features)
    judge.JudgeModel.probabilities = timed("judge: network", judge.JudgeModel.probabilities)
    pipeline.Extractor._tagged = timed("mentions from spans", pipeline.Extractor._tagged)
    pipeline.Extractor._extraction = timed("relations and claims into an Extraction", pipeline.Extractor._extraction)
    for name, stage in (
        ("read_inputs", "read inputs"),
        ("resolve_across_corpus", "corpus resolution"),
        ("build_graph", "graph"),
        ("summarize", "summary"),
        ("write_summary", "summary"),
        ("write_trail", "decision trail"),
        ("give_back_memory", "giving memory back"),
    ):
        setattr(kg.build, name, timed(stage, getattr(kg.build, name)))
    kg.build.ExtractionCache.put = timed("cache writes", kg.build.ExtractionCache.put)
    kg.sinks.give_back_memory = timed("giving memory back", kg.sinks.give_back_memory)
    exporter = kg.sinks.exporter
    kg.sinks.exporter = lambda name: timed(f"export {name}", exporter(name))


def main() -> None:
    args = sys.argv[1:]
    with tempfile.TemporaryDirectory() as folder:
        if "--out" not in args:
            args += ["--out", str(Path(folder) / "out")]
        if "--cache-dir" not in args and "--no-cache" not in args:
            args += ["--cache-dir", str(Path(folder) / "cache")]
        wrap_stages()
        from kg.cli import app

        start, wall = time.process_time(), time.perf_counter()
        _mark[0] = start
        app(["build", *args, "--quiet"], standalone_mode=False)
        _switch()  # charges the last stretch to the rest
        total, wall = time.process_time() - start, time.perf_counter() - wall
    print(f"\nkg build {' '.join(sys.argv[1:])}: {total:.1f} CPU s, {wall:.1f} s\n")
    print("| stage | CPU s | share |\n|---|---|---|")
    for stage, seconds in sorted(SECONDS.items(), key=lambda item: -item[1]):
        print(f"| {stage} | {seconds:.1f} | {seconds / total:.1%} |")


if __name__ == "__main__":
    main()
