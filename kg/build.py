"""``build``: sources → extraction → graph → bundle, as one plain function.

The CLI's ``kg build`` is a thin wrapper; scripts call ``build`` directly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import networkx as nx

from kg import __version__, defaults
from kg.errors import NothingReadError, StrictModeError
from kg.extract import Extractor
from kg.extract.acronyms import resolve_across_papers
from kg.graph import build_graph, summarize, write_summary
from kg.sinks import export
from kg.sources import read_inputs
from kg.types import Skipped

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


def build(
    inputs: Sequence[Path] = (defaults.SAMPLE_CORPUS,),
    out_dir: Path = defaults.OUTPUT_DIR,
    *,
    fmt: str | None = None,
    strict: bool = False,
    extractor: Extractor | None = None,
    keyphrases: bool | None = None,
    progress: Progress | None = None,
) -> BuildResult:
    """Read ``inputs``, extract concepts, build the graph and write the bundle to ``out_dir``.

    Raises ``NothingReadError`` when no paper could be read and, with
    ``strict``, ``StrictModeError`` when any record was skipped; in both cases
    nothing is written. ``keyphrases`` overrides the extraction config's
    [keyphrases] setting when kg loads the extractor itself.
    """
    progress = progress or _Silent()
    progress.start("read")
    read = read_inputs(inputs, fmt=fmt, on_record=lambda _: progress.advance("read"))
    if not read.papers:
        raise NothingReadError(_problem_list("no paper could be read", read.skipped))
    if strict and read.skipped:
        raise StrictModeError(_problem_list(f"{len(read.skipped)} record(s) skipped and --strict is set", read.skipped))

    progress.start("load model", total=1)
    extractor = extractor or Extractor.load(keyphrases=keyphrases)
    progress.advance("load model")
    progress.start("extract", total=len(read.papers))
    extractions = list(extractor.extract(read.papers, on_paper=lambda _: progress.advance("extract")))
    extractions = resolve_across_papers(extractions)

    progress.start("graph", total=1)
    graph = build_graph(read.papers, extractions)
    progress.advance("graph")
    summary = summarize(
        graph,
        read.skipped,
        records=read.records,
        files=read.files,
        model=extractor.model_name,
        kg_version=__version__,
    )
    progress.start("write", total=1)
    written = [*export(graph, Path(out_dir)), write_summary(Path(out_dir), summary)]
    progress.advance("write")
    return BuildResult(graph=graph, summary=summary, written=written, skipped=read.skipped)


def _problem_list(headline: str, skipped: list[Skipped], shown: int = 20) -> str:
    lines = [f"{headline}:"] + [f"  {s.source}:{s.line}: {s.reason}" for s in skipped[:shown]]
    if len(skipped) > shown:
        lines.append(f"  … and {len(skipped) - shown} more")
    return "\n".join(lines)
