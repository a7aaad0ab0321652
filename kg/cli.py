"""The ``kg`` command line. Each command is a thin call into a plain function."""

from __future__ import annotations

import inspect
import logging
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from kg import __version__, defaults
from kg.errors import KGError

app = typer.Typer(
    name="kg",
    help="Build knowledge graphs of research literature from paper abstracts.",
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_show_locals=False,
    no_args_is_help=True,
)
err = Console(stderr=True)
out = Console()


def _version(value: bool) -> None:
    if value:
        out.print(f"kg {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        Optional[bool], typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log what each stage does.")] = False,
) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")


#: Seconds between progress lines while a stage runs, when stderr is no terminal; KG_PROGRESS_INTERVAL overrides it.
PROGRESS_INTERVAL = 30.0


class _Bars:
    """rich progress bars on stderr, one per stage of the build."""

    def __init__(self, progress: Progress):
        self.progress = progress
        self.tasks: dict[str, int] = {}

    def start(self, stage: str, total: int | None = None) -> None:
        for task in self.progress.tasks:  # a stage of unknown size is done once the next one starts
            if task.total is None:
                self.progress.update(task.id, total=task.completed)
        self.tasks[stage] = self.progress.add_task(stage, total=total)

    def advance(self, stage: str, amount: int = 1) -> None:
        self.progress.advance(self.tasks[stage], amount)


@dataclass
class _Stage:
    total: int | None
    started: float
    done: int = 0
    ended: bool = False


class _Lines:
    """Progress as plain lines on stderr when it is no terminal (CI, nohup, a log), where bars would show only at the end.

    A line when a stage ends, and while it runs at most one every ``interval`` seconds:
    ``STAGE DONE/TOTAL (PERCENT), H:MM:SS`` while it runs, ``STAGE DONE/TOTAL done, H:MM:SS`` at its end.
    """

    def __init__(self, console: Console, interval: float):
        self.console, self.interval = console, interval
        self.stages: dict[str, _Stage] = {}
        self.last_line = time.monotonic()

    def start(self, stage: str, total: int | None = None) -> None:
        self.close()  # a stage of unknown size is done once the next one starts
        self.stages[stage] = _Stage(total, time.monotonic())

    def advance(self, stage: str, amount: int = 1) -> None:
        state = self.stages[stage]
        state.done += amount
        if state.total is not None and state.done >= state.total:
            self._end(stage)
        elif time.monotonic() - self.last_line >= self.interval:
            share = f" ({state.done / state.total:.0%})" if state.total else ""
            self._line(f"{stage} {state.done}{f'/{state.total}' if state.total else ''}{share}", state)

    def close(self) -> None:
        for stage, state in self.stages.items():
            if state.total is None:
                state.total = state.done
                self._end(stage)

    def _end(self, stage: str) -> None:
        state = self.stages[stage]
        if not state.ended:
            state.ended = True
            self._line(f"{stage} {state.done}/{state.total} done", state)

    def _line(self, text: str, state: _Stage) -> None:
        elapsed = timedelta(seconds=int(time.monotonic() - state.started))
        self.console.print(f"{text}, {elapsed}", markup=False, highlight=False, soft_wrap=True)
        self.last_line = time.monotonic()


@contextmanager
def _progress(quiet: bool, label_width: int) -> Iterator[_Bars | _Lines | None]:
    """What a command reports progress to: bars on a terminal, lines elsewhere, nothing with --quiet."""
    if quiet:
        yield None
    elif err.is_terminal:
        columns = (SpinnerColumn(), TextColumn(f"{{task.description:<{label_width}}}"), BarColumn(), MofNCompleteColumn())
        with Progress(*columns, TimeElapsedColumn(), console=err, transient=False) as bars:
            yield _Bars(bars)
    else:
        setting = os.environ.get("KG_PROGRESS_INTERVAL", str(PROGRESS_INTERVAL))
        try:
            interval = float(setting)
        except ValueError:
            raise KGError(f"KG_PROGRESS_INTERVAL must be a number of seconds, not {setting!r}") from None
        lines = _Lines(err, interval)
        yield lines
        lines.close()


@app.command()
def build(
    inputs: Annotated[
        Optional[list[Path]],
        typer.Argument(help="Files or folders to read. Default: the sample corpus bundled with kg.", show_default=False),
    ] = None,
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Folder for the graph bundle.")] = defaults.OUTPUT_DIR,
    fmt: Annotated[
        Optional[str],
        typer.Option(
            "--format",
            "-f",
            help=(
                "Read every input as this kind: hf-daily, jsonl, csv, arxiv, json (an array or CSL-JSON), "
                "atom (the arXiv API feed) or bibtex. Default: detect from the content."
            ),
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Fail, writing nothing, if any record is skipped.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bars and no summary table.")] = False,
    keyphrases: Annotated[
        bool,
        typer.Option(
            "--keyphrases/--no-keyphrases",
            help="Rank KeyBERT keyphrases per paper. Without them extraction is faster (benchmarks/extraction.py times both).",
        ),
    ] = True,
    workers: Annotated[
        int, typer.Option("--workers", "-w", help="Extraction processes (with --engine dask: local Dask workers).", min=1)
    ] = defaults.WORKERS,
    cache_dir: Annotated[
        Optional[Path],
        typer.Option(
            "--cache-dir",
            envvar="KG_CACHE_DIR",
            help="Per-paper extraction cache. Default: $XDG_CACHE_HOME/kg, else ~/.cache/kg.",
            show_default=False,
        ),
    ] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Extract every paper; read and write no cache.")] = False,
    engine: Annotated[str, typer.Option("--engine", help="Where extraction runs: local or dask.")] = "local",
    scheduler: Annotated[
        Optional[str],
        typer.Option("--scheduler", help="dask: the scheduler's address. Default: a local cluster of --workers processes."),
    ] = None,
    shard_dir: Annotated[
        Optional[Path],
        typer.Option("--shard-dir", help="dask: keep the Parquet shards here (shared by workers and client). Default: removed."),
    ] = None,
    device: Annotated[
        Optional[str],
        typer.Option(
            "--device",
            help="auto, cpu or cuda: where the torch backend runs the encoders (auto: CUDA when torch sees a GPU). "
            "Default: [inference] device of kg/extract/config.cfg (auto). cuda picks the torch backend.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Read abstracts, extract concepts and write the graph bundle.

    Writes the bundle (graph.json, GraphML, GEXF, CSV, graph.html) and [bold]summary.json[/] to --out.
    Malformed records are skipped and listed in summary.json; the exit code is
    non-zero only when nothing could be read, or with --strict.

    Progress goes to stderr: bars on a terminal; elsewhere (CI, nohup, a log file)
    a line as each stage ends and, while it runs, at most one every 30 seconds
    (KG_PROGRESS_INTERVAL sets the seconds).

    [bold]Examples[/]

      kg build                      [dim]# sample corpus → exports/[/]
      kg build ../shared/corpus/ --out exports/seeds
      kg build papers.jsonl arxiv-metadata-oai-snapshot.json.gz
      kg build dump.txt --format hf-daily --strict
      kg build --no-keyphrases      [dim]# no Keyphrase nodes; extraction is faster[/]
      kg build big.jsonl --workers 2 --cache-dir /data/kg-cache
      kg build big.jsonl --engine dask --scheduler tcp://10.0.0.5:8786 --shard-dir /shared/shards
      kg build big.jsonl --device cuda  [dim]# the torch backend on a GPU[/]
    """
    from kg.build import build as run_build
    from kg.cache import default_cache_dir

    try:
        with _progress(quiet, 10) as progress:
            result = run_build(
                inputs or [defaults.SAMPLE_CORPUS],
                out_dir,
                fmt=fmt,
                strict=strict,
                keyphrases=keyphrases,
                progress=progress,
                cache_dir=None if no_cache else cache_dir or default_cache_dir(),
                workers=workers,
                engine=engine,
                scheduler=scheduler,
                shard_dir=shard_dir,
                device=device,
            )
    except KGError as error:
        err.print(f"[red]error:[/] {escape(str(error))}", highlight=False, soft_wrap=True)
        raise typer.Exit(code=1) from None
    if not quiet:
        _print_summary(result.summary, result.written)
        err.print(f"extract: {result.cached} cached, {result.extracted} new", highlight=False)


def _print_summary(summary: dict, written: list[Path]) -> None:
    table = Table(title="kg build", show_header=True, header_style="bold")
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("papers", str(summary["papers"]))
    for concept_type, count in summary["concepts"].items():
        table.add_row(f"concepts: {concept_type}", str(count))
    table.add_row("claims", str(summary["claims"]))
    for rel_type, count in summary["relationships"].items():
        table.add_row(f"relationships: {rel_type}", str(count))
    table.add_row("records read", str(summary["records"]))
    table.add_row("records skipped", str(len(summary["skipped"])))
    err.print(table)
    for skipped in summary["skipped"][:10]:
        err.print(
            f"[yellow]skipped[/] {escape(skipped['source'])}:{skipped['line']}: {escape(skipped['reason'])}",
            highlight=False,
            soft_wrap=True,
        )
    if len(summary["skipped"]) > 10:
        err.print(f"[yellow]… and {len(summary['skipped']) - 10} more skipped; see summary.json[/]")
    err.print("wrote " + ", ".join(str(p) for p in written), highlight=False, soft_wrap=True)


@app.command()
def export(
    formats: Annotated[list[str], typer.Option("--format", "-f", help="Export format; repeat for several.")],
    bundle: Annotated[Path, typer.Option("--bundle", "-b", help="Bundle folder written by kg build.")] = defaults.OUTPUT_DIR,
    out_dir: Annotated[Optional[Path], typer.Option("--out", "-o", help="Where to write. Default: the bundle folder.")] = None,
    focus: Annotated[
        Optional[str], typer.Option("--focus", help="html: show only what lies around this concept (name or key) or paper.")
    ] = None,
    hops: Annotated[int, typer.Option("--hops", help="html: with --focus, how many links away to show.", min=0)] = 2,
    community: Annotated[
        Optional[int], typer.Option("--community", help="html: show this concept community (its number in kg analyze).", min=0)
    ] = None,
    max_nodes: Annotated[
        Optional[int],
        typer.Option(
            "--max-nodes",
            help="html: concepts on the map (default 80, those with most papers); with --focus, nodes shown "
            "(default 300, those of highest degree).",
            min=1,
            show_default=False,
        ),
    ] = None,
) -> None:
    """Export a built graph bundle to other formats: json, graphml, gexf, csv, html.

    html draws a concept map: the concepts with most papers, linked by the papers they share; a
    community's map, or with --focus everything around one node, is written as graph-NAME.html
    beside the bundle's graph.html.

    [bold]Examples[/]

      kg export --format json --out /tmp/copy
      kg export --format graphml --format gexf --out /tmp/gephi
      kg export --format html --focus "diffusion model" --hops 2
      kg export --format html --community 0 --max-nodes 50
      kg export --format neo4j-admin   [dim]# CSVs + import.sh for neo4j-admin database import[/]
    """
    from kg.graph import read_graph
    from kg.sinks import EXPORTERS
    from kg.sinks import export as run_export

    try:
        unknown = [name for name in formats if name not in EXPORTERS]
        if unknown:
            raise KGError(f"unknown export format {unknown[0]!r}; choose one of {', '.join(EXPORTERS)}")
        graph = read_graph(bundle)
        options: dict = {}
        if "html" in formats:
            from kg.sinks.html import view_options

            options = view_options(graph, focus=focus, hops=hops, community=community, max_nodes=max_nodes)
        written = run_export(graph, out_dir or bundle, tuple(formats), **options)
    except KGError as error:
        err.print(f"[red]error:[/] {escape(str(error))}", highlight=False, soft_wrap=True)
        raise typer.Exit(code=1) from None
    err.print("wrote " + ", ".join(str(p) for p in written), highlight=False, soft_wrap=True)


@app.command()
def analyze(
    bundle: Annotated[Path, typer.Option("--bundle", "-b", help="Bundle folder written by kg build.")] = defaults.OUTPUT_DIR,
    out_dir: Annotated[Optional[Path], typer.Option("--out", "-o", help="Report folder. Default: BUNDLE/report.")] = None,
    top: Annotated[int, typer.Option("--top", help="Concepts per type in the top-concepts table and plot.", min=1)] = 10,
    seed: Annotated[int, typer.Option("--seed", help="Seed for Louvain communities and sampled betweenness.")] = 0,
) -> None:
    """Analyse a graph bundle: centrality, communities, method × task, trends, bridges, gaps, similar papers.

    Writes [bold]index.html[/] (tables and plots, readable offline) and a CSV per table to --out.

    [bold]Examples[/]

      kg analyze                                  [dim]# exports/ → exports/report/index.html[/]
      kg analyze --bundle exports/seeds --out /tmp/report --top 15
    """
    from kg.analytics.report import write_report
    from kg.graph import read_graph

    try:
        written = write_report(read_graph(bundle), out_dir or Path(bundle) / "report", top=top, seed=seed)
    except KGError as error:
        err.print(f"[red]error:[/] {escape(str(error))}", highlight=False, soft_wrap=True)
        raise typer.Exit(code=1) from None
    err.print(f"wrote {written[0]} and {len(written) - 1} CSV tables beside it", highlight=False, soft_wrap=True)


@app.command("eval")
def evaluate(
    gold: Annotated[Path, typer.Option("--gold", "-g", help="Gold file or folder.")],
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="Gold format: scierc (SciERC, SciER), scienceie, csabstruct or triples.")
    ],
    bundle: Annotated[
        Optional[Path],
        typer.Option("--bundle", "-b", help="triples: the graph bundle to score, as kg build wrote it.", show_default=False),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON on stdout.")] = False,
) -> None:
    """Score kg against annotated data.

    [bold]triples[/] scores a built graph: its PROPOSES, USES, ADDRESSES and EVALUATES_ON edges against
    hand-annotated paper → concept triples (papers joined by title; names compared without case, hyphens,
    spaces, punctuation and a plural s). scierc and scienceie score the concept tagger's spans, which
    count only when start, end and type all match (SciERC Material and SciER Dataset count as Dataset;
    ScienceIE Process as Method, Material as Dataset). csabstruct scores the sentence-role model.

    [bold]Examples[/]

      kg build ../shared/gold/triples/dev.input.jsonl --out /tmp/dev
      kg eval --gold ../shared/gold/triples/dev.jsonl --format triples --bundle /tmp/dev
      kg eval --gold ../shared/gold/scierc/dev.json --format scierc
      kg eval --gold ../shared/gold/scier/dev.plm.jsonl --format scierc --json
      kg eval --gold ../shared/gold/scienceie/dev --format scienceie
      kg eval --gold ../shared/gold/csabstruct/dev.jsonl --format csabstruct   [dim]# sentence roles[/]
    """
    import json

    from kg.eval import evaluate as run_eval

    try:
        report = run_eval(gold, fmt, **({"bundle": bundle} if bundle is not None else {}))
    except KGError as error:
        err.print(f"[red]error:[/] {escape(str(error))}", highlight=False, soft_wrap=True)
        raise typer.Exit(code=1) from None
    if as_json:
        typer.echo(json.dumps(report, indent=1))
        return
    if fmt == "triples":
        _print_triple_scores(report, gold, bundle)
        return
    rows = report.get("per_type") or report.get("per_label") or {}
    table = Table(title=f"kg eval: {gold} ({report['documents']} documents)", header_style="bold")
    for column in ("", "precision", "recall", "f1", "gold", "predicted"):
        table.add_column(column, justify="right" if column else "left")
    for name, scores in [*rows.items(), ("micro", report["micro"])] if "micro" in report else rows.items():
        gold_count = scores.get("gold", scores.get("tp", 0) + scores.get("fn", 0))
        predicted = scores.get("predicted", scores.get("tp", 0) + scores.get("fp", 0))
        table.add_row(name, *(f"{scores[m]:.3f}" for m in ("precision", "recall", "f1")), str(gold_count), str(predicted))
    out.print(table)
    if "macro_f1" in report:
        out.print(f"macro F1 {report['macro_f1']:.3f}, accuracy {report['accuracy']:.3f} over {report['sentences']} sentences")
    relations = report.get("relations")
    if relations is not None:
        if relations["types"]:
            out.print(
                f"relations ({', '.join(relations['types'])}): P {relations['precision']:.3f} R {relations['recall']:.3f} "
                f"F1 {relations['f1']:.3f}"
            )
        else:
            out.print("relations: the extractor produces none of the gold relation types yet")


def _print_triple_scores(report: dict, gold: Path, bundle: Path | None) -> None:
    table = Table(title=f"kg eval: {bundle} against {gold} ({report['papers']} papers)", header_style="bold")
    for column in ("", "precision", "recall", "predicted", "gold"):
        table.add_column(column, justify="right" if column else "left")
    for label, measure, predicted in (("concepts", "concept", "predicted_concepts"), ("triples", "triple", "predicted_edges")):
        table.add_row(
            label,
            f"{report[f'{measure}_precision']:.3f}",
            f"{report[f'{measure}_recall']:.3f}",
            str(report[predicted]),
            str(report["gold_triples"]),
        )
    for role, scores in report["per_role"].items():
        table.add_row(
            f"  {role}", f"{scores['precision']:.3f}", f"{scores['recall']:.3f}", str(scores["predicted"]), str(scores["gold"])
        )
    out.print(table)
    if report["papers_missing"]:
        out.print(f"{len(report['papers_missing'])} gold papers are not in the bundle; their triples count as missed")


@app.command()
def why(
    name: Annotated[
        str, typer.Argument(help="A concept name as written, its canonical form or an alias (case does not matter).")
    ],
    bundle: Annotated[Path, typer.Option("--bundle", "-b", help="Bundle folder written by kg build.")] = defaults.OUTPUT_DIR,
) -> None:
    """Explain what became of a name: every mention of it, what each corpus step decided and why, and the concept it
    ended in.

    [bold]Examples[/]

      kg why "distributed system"
      kg why RLHF --bundle exports/seeds
    """
    from kg.resolve.why import explain

    try:
        found = explain(name, bundle)
    except KGError as error:
        err.print(f"[red]error:[/] {escape(str(error))}", highlight=False, soft_wrap=True)
        raise typer.Exit(code=1) from None
    if not found:
        out.print(
            f"no mention of {name!r} in {bundle}: the extractor never found it (kg keeps no candidate it judged below "
            "the \\[judge] min_candidate of kg/extract/config.cfg)",
            highlight=False,
        )
        raise typer.Exit(code=1)
    for explanation in found:
        mention = explanation.mention
        where = "title" if mention["sentence"] < 0 else f"sentence {mention['sentence']}"
        verdict = mention.get("judgement")
        judged = f", judge {verdict['concept']:.2f}" if verdict else ""
        out.print(
            f"[bold]{escape(mention['paper'])}[/] {where}: {escape(mention['text'])!r} as {escape(mention['key'])} "
            f"({mention['role']}, {mention['source']}{judged})",
            highlight=False,
        )
        for decision in explanation.decisions:
            into = f" → {escape(decision.into)}" if decision.into else ""
            out.print(f"  {decision.step}: {decision.action}{into}: {escape(decision.reason)}", highlight=False)
        ending = f"in the graph as {escape(explanation.final)}" if explanation.final else "[red]not in the graph[/]"
        out.print(f"  → {ending}", highlight=False)


@app.command()
def load(
    bundle: Annotated[Path, typer.Option("--bundle", "-b", help="Bundle folder written by kg build.")] = defaults.OUTPUT_DIR,
    uri: Annotated[
        Optional[str], typer.Option("--uri", help="Default: NEO4J_URI, then .env, then neo4j://localhost:7687.")
    ] = None,
    username: Annotated[
        Optional[str], typer.Option("--username", "-u", help="Default: NEO4J_USERNAME, then .env, then neo4j.")
    ] = None,
    password: Annotated[
        Optional[str],
        typer.Option("--password", help="Prefer NEO4J_PASSWORD or .env: a flag shows in shell history.", show_default=False),
    ] = None,
    database: Annotated[
        Optional[str], typer.Option("--database", "-d", help="Default: NEO4J_DATABASE, else the server's.")
    ] = None,
    batch_size: Annotated[int, typer.Option("--batch-size", help="Rows per write transaction.", min=1)] = 1000,
    wipe: Annotated[bool, typer.Option("--wipe", help="First delete every Paper, Concept, Claim and Keyphrase node.")] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="With --wipe, do not ask for confirmation.")] = False,
    no_schema: Annotated[
        bool, typer.Option("--no-schema", help="Skip creating constraints and indexes (for a role that may not).")
    ] = False,
    wait: Annotated[
        float, typer.Option("--wait", help="Keep trying to connect for this many seconds (a container starting).", min=0)
    ] = 0,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bars and no count table.")] = False,
) -> None:
    """Load a graph bundle into Neo4j: constraints and indexes, then every node and relationship.

    Idempotent (MERGE on each key): running it again changes nothing, and completes a load that
    failed part way. At the end the counts are read back and compared with the bundle; the exit
    code is non-zero when they differ. Connection: flags, else NEO4J_URI / NEO4J_USERNAME /
    NEO4J_PASSWORD / NEO4J_DATABASE, else a .env file in the current folder.

    [bold]Examples[/]

      docker compose up -d && kg load --wait 60  [dim]# the local Neo4j of docker-compose.yml[/]
      kg load --bundle exports/seeds --batch-size 500
      kg load --uri neo4j+s://xxxx.databases.neo4j.io --database neo4j
      kg load --wipe --yes                       [dim]# replace what kg loaded before[/]
    """
    from kg.sinks.neo4j import Settings, load_bundle

    settings = Settings.resolve(uri=uri, username=username, password=password, database=database)
    if wipe and not yes:
        typer.confirm(f"Delete every Paper, Concept, Claim and Keyphrase node in {settings.describe()}?", abort=True, err=True)
    try:
        with _progress(quiet, 14) as progress:
            report, deleted = load_bundle(
                bundle, settings, batch_size, wipe_first=wipe, schema=not no_schema, progress=progress, wait=wait
            )
    except KGError as error:
        err.print(f"[red]error:[/] {escape(str(error))}", highlight=False, soft_wrap=True)
        raise typer.Exit(code=1) from None
    if deleted:
        err.print("wiped " + ", ".join(f"{n} {label}" for label, n in deleted.items()), highlight=False)
    if not quiet:
        table = Table(title=f"kg load → {settings.describe()}", header_style="bold")
        for column in ("what", "bundle", "database"):
            table.add_column(column, justify="left" if column == "what" else "right")
        for name, (expected, actual) in report.counts.items():
            style = "red" if expected != actual else None
            table.add_row(name, str(expected), str(actual), style=style)
        err.print(table)
    if not report.ok:
        names = ", ".join(report.mismatches)
        err.print(
            f"[red]error:[/] the database's counts differ from the bundle's: {escape(names)}", highlight=False, soft_wrap=True
        )
        raise typer.Exit(code=1)
    err.print(f"loaded {report.rows} rows in {report.batches} batches; counts match the bundle", highlight=False)


@app.command()
def schema() -> None:
    """Print the graph schema (labels, keys, relationship types, properties) as Markdown."""
    from kg.schema import schema_markdown

    typer.echo(schema_markdown(), nl=False)  # plain text: rich would wrap the tables


def _flowing(doc: str) -> str:
    r"""A docstring as help: each prose paragraph on one line for the terminal to wrap, indented blocks (examples) as written.

    typer's rich help keeps a docstring's line breaks, which would break sentences mid-line on any other width.

    >>> print(_flowing("Load it.\n\n    Runs again, and\n    completes.\n\n    [bold]Examples[/]\n\n      kg a\n      kg b"))
    Load it.
    <BLANKLINE>
    Runs again, and completes.
    <BLANKLINE>
    [bold]Examples[/]
    <BLANKLINE>
      kg a
      kg b
    """
    paragraphs = inspect.cleandoc(doc).split("\n\n")
    return "\n\n".join(p if p.startswith(" ") else " ".join(p.split("\n")) for p in paragraphs)


for _command in app.registered_commands:
    _command.help = _flowing(_command.help or _command.callback.__doc__ or "")


if __name__ == "__main__":
    app()
