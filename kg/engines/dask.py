"""Extraction on Dask workers (``kg build --engine dask``), through Parquet shards.

The client cuts the papers into partitions of whole ``nlp.pipe`` batches and
hands each to a worker. A worker loads the extractor once, extracts the
partition and writes it to ``shard_dir`` as Parquet:

- ``extractions/part-NNNNN.parquet``: ``paper_id``, ``abstract_sha256`` and the
  ``Extraction`` as JSON, which the client reads back into exactly the objects a
  single process makes;
- ``mentions/part-NNNNN.parquet``: one flat row per concept mention (paper,
  type, canonical name, role, sentence, confidence), for tools that read the
  shards without kg (DuckDB, Spark, pandas).

The client then reads the shards in partition order; the caller merges them
(cross-paper acronyms, graph, bundle) as the single-process build does. With a
remote scheduler, ``shard_dir`` must be storage every worker and the client see.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path

from kg import defaults
from kg.engines import Chunk, ExtractorSpec, chunks
from kg.types import Extraction, Paper

__all__ = ["DaskEngine", "extract_partition", "read_shard"]


@lru_cache(maxsize=2)
def _worker_extractor(spec: ExtractorSpec):
    """The extractor of this worker process, loaded by its first partition and kept for the rest."""
    return spec.load()


def extract_partition(papers: list[Paper], spec: ExtractorSpec, shard_dir: str, index: int) -> tuple[str, str]:
    """Extract one partition on a worker and write its shards; returns the extractions shard's path and the model name."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    extractor = _worker_extractor(spec)
    extractions = list(extractor.extract(papers, batch_size=defaults.BATCH_SIZE))
    name = f"part-{index:05d}.parquet"
    table = pa.table(
        {
            "paper_id": [e.paper_id for e in extractions],
            "abstract_sha256": [hashlib.sha256(p.abstract.encode()).hexdigest() for p in papers],
            "extraction": [e.model_dump_json() for e in extractions],
        }
    )
    mentions = [
        {
            "paper_id": e.paper_id,
            "type": m.type.value,
            "canonical": m.canonical,
            "text": m.text,
            "role": m.role.value,
            "sentence": m.sentence,
            "confidence": m.confidence,
        }
        for e in extractions
        for m in e.mentions
    ]
    paths = {}
    for folder, data in (("extractions", table), ("mentions", pa.Table.from_pylist(mentions, schema=_mentions_schema()))):
        path = Path(shard_dir) / folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        pq.write_table(data, path.with_suffix(".tmp"))
        path.with_suffix(".tmp").replace(path)  # a reader never sees half a shard
        paths[folder] = str(path)
    return paths["extractions"], extractor.model_name


def _mentions_schema():
    import pyarrow as pa

    return pa.schema(
        [
            ("paper_id", pa.string()),
            ("type", pa.string()),
            ("canonical", pa.string()),
            ("text", pa.string()),
            ("role", pa.string()),
            ("sentence", pa.int64()),
            ("confidence", pa.float64()),
        ]
    )


def read_shard(path: Path) -> list[Extraction]:
    """The extractions of one ``extractions/`` shard, in the order the worker wrote them."""
    import pyarrow.parquet as pq

    column = pq.read_table(path, columns=["extraction"]).column("extraction").to_pylist()
    return [Extraction.model_validate_json(value) for value in column]


class DaskEngine:
    """Partitions on a Dask cluster: ``scheduler`` (an address), else a ``LocalCluster`` of ``workers`` processes."""

    def __init__(
        self,
        spec: ExtractorSpec,
        shard_dir: Path,
        *,
        workers: int = 1,
        scheduler: str | None = None,
        partition_size: int = defaults.DASK_PARTITION_SIZE,
        on_loaded: Callable[[], None] | None = None,
    ):
        self.spec = spec
        self.shard_dir = Path(shard_dir)
        self.workers = workers
        self.scheduler = scheduler
        self.partition_size = partition_size
        self.on_loaded = on_loaded

    def run(self, papers: Sequence[Paper]) -> Iterator[Chunk]:
        from distributed import Client, LocalCluster

        partitions = chunks(papers, self.partition_size)
        if self.scheduler:
            client, cluster = Client(self.scheduler), None
        else:
            # one thread per worker process: torch's own threads are the parallelism inside a worker
            cluster = LocalCluster(
                n_workers=self.workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=logging.WARNING,
            )
            client = Client(cluster)
        try:
            futures = [
                client.submit(extract_partition, part, self.spec, str(self.shard_dir), i, pure=False)
                for i, part in enumerate(partitions)
            ]
            for i, (part, future) in enumerate(zip(partitions, futures, strict=True)):
                path, name = future.result()
                if i == 0 and self.on_loaded:
                    self.on_loaded()
                yield Chunk(part, read_shard(Path(path)), name)
                future.release()
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
