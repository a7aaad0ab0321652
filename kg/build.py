"""``build``: sources → extraction → graph → bundle, as one plain function.

The CLI's ``kg build`` is a thin wrapper; scripts call ``build`` directly.
"""

from __future__ import annotations

import logging
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any, Protocol

import networkx as nx

from kg import __version__, defaults
from kg.cache import ExtractionCache, extraction_settings, fingerprint
from kg.engines import Engine, ExtractorSpec
from kg.engines.local import InProcessEngine, PoolEngine, threads_per_worker
from kg.errors import KGError, NothingReadError, StrictModeError
from kg.extract import Extractor
from kg.graph import build_graph, summarize, write_summary
from kg.memory import give_back_memory
from kg.resolve import resolve as resolve_across_corpus
from kg.resolve.why import write_trail
from kg.sinks import export
from kg.sources import read_inputs
from kg.types import Extraction, Paper, Skipped

logger = logging.getLogger(__name__)

#: ``engine`` values ``build`` accepts.
ENGINES = ("local", "dask")

__all__ = ["BuildResult", "Progress", "build"]


class Progress(Protocol):
    """What ``build`` reports as it goes; the CLI draws it as progress bars."""

    def start(self, stage: str, total: int | None = None) -> None: ...

    def advance(self, stage: str, amount: int = 1) -> None: ...


class _Silent:
    def start(self, stage: str, total: int | None = None) -> None:
        pass

    def advance(self, stage: str, amount: int = 1) -> None:
        pass


@dataclass
class BuildResult:
    graph: nx.MultiDiGraph
    summary: dict[str, Any]
    written: list[Path] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    cached: int = 0  # papers whose extraction came from the cache
    extracted: int = 0  # papers extracted in this run


def build(
    inputs: Sequence[Path] = (defaults.SAMPLE_CORPUS,),
    out_dir: Path = defaults.OUTPUT_DIR,
    *,
    fmt: str | None = None,
    strict: bool = False,
    extractor: Extractor | None = None,
    keyphrases: bool | None = None,
    progress: Progress | None = None,
    cache_dir: Path | None = None,
    workers: int = defaults.WORKERS,
    engine: str = "local",
    scheduler: str | None = None,
    shard_dir: Path | None = None,
    device: str | None = None,
) -> BuildResult:
    """Read ``inputs``, extract concepts, build the graph and write the bundle to ``out_dir``.

    Raises ``NothingReadError`` when no paper could be read and, with
    ``strict``, ``StrictModeError`` when any record was skipped; in both cases
    nothing is written. ``keyphrases`` overrides the extraction config's
    [keyphrases] setting when kg loads the extractor itself.

    ``cache_dir`` keeps each paper's extraction (see ``kg.cache``): a paper whose
    abstract and extraction setup are unchanged is not extracted again, and the
    extractor is not even loaded when every paper hits. ``None`` caches nothing.
    A given ``extractor`` is assumed to be the shipped config's.

    ``workers`` > 1 extracts in that many processes; ``engine="dask"`` on a Dask
    cluster (``scheduler``'s address, else a local one of ``workers`` processes)
    through Parquet shards in ``shard_dir`` (default: a temporary folder,
    removed afterwards). Every engine gives the same bundle.

    ``device`` (``auto``, ``cpu``, ``cuda``) overrides the extraction config's [inference] device: where the
    torch backend runs the encoders (``kg.extract.inference``).
    """
    if engine not in ENGINES:
        raise KGError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    if workers < 1:
        raise KGError("--workers must be 1 or more")
    overrides = (("inference.device", device),) if device else ()
    spec = ExtractorSpec(keyphrases=extractor.with_keyphrases if extractor else keyphrases, overrides=overrides)
    try:
        extraction_settings(spec.config_path, spec.keyphrases, dict(overrides))  # before reading a single input
    except ValueError as error:
        raise KGError(f"{spec.config_path} [inference]: {error}") from None
    progress = progress or _Silent()
    progress.start("read")
    read = read_inputs(inputs, fmt=fmt, on_record=lambda _: progress.advance("read"))
    if not read.papers:
        raise NothingReadError(_problem_list("no paper could be read", read.skipped))
    if strict and read.skipped:
        raise StrictModeError(_problem_list(f"{len(read.skipped)} record(s) skipped and --strict is set", read.skipped))

    make_engine = partial(_engine, engine, spec, extractor, workers, scheduler, shard_dir)
    extractions, model, cached = _extractions(read.papers, spec, cache_dir, make_engine, progress)
    if model is None:  # every paper hit, in a cache that does not know the model's name
        model = (extractor or spec.load()).model_name
    give_back_memory()  # the models are gone; the graph and exports need not sit on their freed heap
    resolution = resolve_across_corpus(extractions)

    progress.start("graph", total=1)
    graph = build_graph(read.papers, resolution.extractions)
    progress.advance("graph")
    summary = summarize(
        graph,
        read.skipped,
        records=read.records,
        files=read.files,
        model=model,
        kg_version=__version__,
        resolution=resolution.counts(),
    )
    progress.start("write", total=1)
    written = [
        *export(graph, Path(out_dir)),
        *write_trail(Path(out_dir), extractions, resolution.decisions),
        write_summary(Path(out_dir), summary),
    ]
    progress.advance("write")
    return BuildResult(
        graph=graph,
        summary=summary,
        written=written,
        skipped=read.skipped,
        cached=cached,
        extracted=len(read.papers) - cached,
    )


def _open_cache(cache_dir: Path, spec: ExtractorSpec) -> ExtractionCache | None:
    """The cache, or ``None`` (with a warning) when its file is not a database kg can use."""
    try:
        return ExtractionCache(cache_dir, fingerprint(spec.config_path, spec.keyphrases, dict(spec.overrides)))
    except sqlite3.Error as error:
        logger.warning("cannot use the extraction cache in %s (%s); extracting every paper", cache_dir, error)
        return None


def _engine(
    name: str,
    spec: ExtractorSpec,
    extractor: Extractor | None,
    workers: int,
    scheduler: str | None,
    shard_dir: Path | None,
    on_loaded: Callable[[], None],
) -> tuple[Engine, Path | None]:
    """The engine to run, and a temporary shard folder to remove afterwards (dask without ``shard_dir``)."""
    if name == "dask":
        try:
            import distributed  # noqa: F401  (an optional extra)
        except ImportError:
            raise KGError("--engine dask needs Dask and pyarrow: pip install 'kg[dask]'") from None
        from kg.engines.dask import DaskEngine

        temporary = None if shard_dir else Path(tempfile.mkdtemp(prefix="kg-shards-"))
        worker_spec = replace(spec, threads=1)
        runner = DaskEngine(worker_spec, shard_dir or temporary, workers=workers, scheduler=scheduler, on_loaded=on_loaded)
        return runner, temporary
    if workers > 1:
        worker_spec = replace(spec, threads=threads_per_worker(workers))
        return PoolEngine(worker_spec, workers, on_loaded=on_loaded), None
    return InProcessEngine(spec, extractor, on_loaded=on_loaded), None


def _extractions(
    papers: list[Paper],
    spec: ExtractorSpec,
    cache_dir: Path | None,
    make_engine: Callable[[Callable[[], None]], tuple[Engine, Path | None]],
    progress: Progress,
) -> tuple[list[Extraction], str | None, int]:
    """Every paper's extraction in input order, from the cache or else the engine; the model's name; the cache hits."""
    cache = _open_cache(cache_dir, spec) if cache_dir is not None else None
    try:
        found = cache.get(papers) if cache else [None] * len(papers)
        missing = [paper for paper, hit in zip(papers, found, strict=True) if hit is None]
        progress.start("load model", total=1 if missing else 0)
        progress.advance("load model", 0)  # marks a stage of nothing to load as done
        progress.start("extract", total=len(papers))
        progress.advance("extract", len(papers) - len(missing))
        model = cache.model() if cache else None
        new: list[Extraction] = []
        if missing:
            engine = make_engine(lambda: progress.advance("load model"))
            model = _extract(engine, missing, cache, new, lambda n: progress.advance("extract", n))
    finally:
        if cache:
            cache.close()
    return _in_input_order(papers, found, new), model, len(papers) - len(missing)


def _extract(
    runner: tuple[Engine, Path | None],
    papers: list[Paper],
    cache: ExtractionCache | None,
    into: list[Extraction],
    on_chunk: Callable[[int], None],
) -> str | None:
    """Extract ``papers`` into ``into``, storing each chunk in ``cache`` as it arrives; the model's name."""
    engine, temporary = runner
    model = None
    try:
        for chunk in engine.run(papers):
            into.extend(chunk.extractions)
            model = chunk.model_name
            if cache:
                cache.put(chunk.papers, chunk.extractions, model=model)
            on_chunk(len(chunk.papers))
    finally:
        if temporary is not None:
            shutil.rmtree(temporary, ignore_errors=True)
    return model


def _in_input_order(papers: list[Paper], found: list[Extraction | None], new: list[Extraction]) -> list[Extraction]:
    """Cached and new extractions merged back into the order of ``papers``."""
    fresh = iter(new)
    merged = [hit if hit is not None else next(fresh) for hit in found]
    if next(fresh, None) is not None or len(merged) != len(papers):
        raise RuntimeError("the engine returned a different number of extractions than papers")
    return merged


def _problem_list(headline: str, skipped: list[Skipped], shown: int = 20) -> str:
    lines = [f"{headline}:"] + [f"  {s.source}:{s.line}: {s.reason}" for s in skipped[:shown]]
    if len(skipped) > shown:
        lines.append(f"  … and {len(skipped) - shown} more")
    return "\n".join(lines)
