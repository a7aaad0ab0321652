"""Where extraction runs: in this process, in a pool of local processes, or on Dask workers.

Every engine takes the papers to extract and yields ``Chunk``s of their
extractions in input order, each chunk a whole number of ``nlp.pipe`` batches
aligned as a single process aligns them, so the models see the same batches.
(A worker on one torch thread may still differ in a float's last places.)
The corpus-level steps (cross-paper acronyms, the graph, the bundle) stay with
the caller.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from kg import defaults
from kg.types import Extraction, Paper

__all__ = ["Chunk", "Engine", "ExtractorSpec", "chunks"]


@dataclass(frozen=True)
class ExtractorSpec:
    """How to load the extractor in another process: picklable, unlike the extractor."""

    config_path: Path = defaults.EXTRACT_CONFIG
    keyphrases: bool | None = None
    threads: int | None = None  # the encoders' threads; None: their default, all cores
    # config settings by dotted name, (("inference.device", "cpu"),): a tuple, as a Dask worker hashes the spec
    overrides: tuple[tuple[str, str], ...] = ()

    def load(self):
        from kg.extract.inference import set_threads
        from kg.memory import limit_heap_growth

        limit_heap_growth()  # the encoders' tensors would otherwise fragment the heap and swell the process
        if self.threads:
            set_threads(self.threads)  # one thread per worker process: no oversubscription
        from kg.extract import Extractor

        return Extractor.load(self.config_path, keyphrases=self.keyphrases, overrides=dict(self.overrides))


@dataclass
class Chunk:
    papers: list[Paper]
    extractions: list[Extraction]
    model_name: str


class Engine(Protocol):
    def run(self, papers: Sequence[Paper]) -> Iterator[Chunk]:
        """The extractions of ``papers``, in input order, a chunk at a time."""
        ...


def chunks(papers: Sequence[Paper], size: int, batch_size: int = defaults.BATCH_SIZE) -> list[list[Paper]]:
    """``papers`` cut into chunks of about ``size``, rounded up to whole batches of ``batch_size``.

    >>> [len(c) for c in chunks(list(range(100)), 40, batch_size=32)]
    [64, 36]
    """
    size = max(batch_size, -(-size // batch_size) * batch_size)
    return [list(papers[start : start + size]) for start in range(0, len(papers), size)]
