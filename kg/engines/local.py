"""Extraction in this process, or in a pool of local worker processes (``kg build --workers N``)."""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor

from kg import defaults
from kg.engines import Chunk, ExtractorSpec, chunks
from kg.types import Extraction, Paper

__all__ = ["InProcessEngine", "PoolEngine", "threads_per_worker"]


def threads_per_worker(workers: int) -> int:
    """Torch threads for each of ``workers`` processes: the cores shared out, at least one."""
    return max(1, (os.cpu_count() or 1) // workers)


class InProcessEngine:
    """The extractor in this process, loaded on first use: a build whose papers all hit the cache never loads it."""

    def __init__(self, spec: ExtractorSpec, extractor=None, on_loaded: Callable[[], None] | None = None):
        self.spec = spec
        self.extractor = extractor
        self.on_loaded = on_loaded

    def run(self, papers: Sequence[Paper]) -> Iterator[Chunk]:
        if self.extractor is None:
            self.extractor = self.spec.load()
        if self.on_loaded:
            self.on_loaded()
        name = self.extractor.model_name
        batch: list[Extraction] = []
        start = 0
        for extraction in self.extractor.extract(papers, batch_size=defaults.BATCH_SIZE):
            batch.append(extraction)
            if len(batch) == defaults.BATCH_SIZE:
                yield Chunk(list(papers[start : start + len(batch)]), batch, name)
                start, batch = start + len(batch), []
        if batch:
            yield Chunk(list(papers[start:]), batch, name)


_EXTRACTOR = None  # one per worker process, loaded by the pool's initializer


def _load_worker(spec: ExtractorSpec) -> None:
    global _EXTRACTOR
    _EXTRACTOR = spec.load()


def _extract_chunk(papers: list[Paper]) -> tuple[list[Extraction], str]:
    return list(_EXTRACTOR.extract(papers, batch_size=defaults.BATCH_SIZE)), _EXTRACTOR.model_name


class PoolEngine:
    """``workers`` processes, each loading the extractor once and taking one batch of papers at a time.

    Results come back in input order; at most two chunks per worker are in
    flight, so memory stays bounded whatever the corpus size.
    """

    def __init__(self, spec: ExtractorSpec, workers: int, on_loaded: Callable[[], None] | None = None):
        self.spec = spec
        self.workers = workers
        self.on_loaded = on_loaded

    def run(self, papers: Sequence[Paper]) -> Iterator[Chunk]:
        # spawn, not fork: forking a process that already runs torch's thread pools can deadlock
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(self.workers, mp_context=context, initializer=_load_worker, initargs=(self.spec,)) as pool:
            pending: deque[tuple[list[Paper], Future]] = deque()
            todo = iter(chunks(papers, defaults.BATCH_SIZE))
            loaded = False
            while True:
                while len(pending) < 2 * self.workers and (chunk := next(todo, None)) is not None:
                    pending.append((chunk, pool.submit(_extract_chunk, chunk)))
                if not pending:
                    return
                chunk, future = pending.popleft()
                extractions, name = future.result()
                if not loaded and self.on_loaded:
                    self.on_loaded()
                loaded = True
                yield Chunk(chunk, extractions, name)
