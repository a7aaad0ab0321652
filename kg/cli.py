"""The ``kg`` command line. Each command is a thin call into a plain function."""

from __future__ import annotations

import logging
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


@app.command()
def build(
    inputs: Annotated[
        Optional[list[Path]],
        typer.Argument(help="Files or folders to read. Default: the sample corpus bundled with kg.", show_default=False),
    ] = None,
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Folder for the graph bundle.")] = defaults.OUTPUT_DIR,
    fmt: Annotated[
        Optional[str],
        typer.Option("--format", "-f", help="Read every input as this kind: hf-daily, jsonl, csv or arxiv. Default: detect."),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Fail, writing nothing, if any record is skipped.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bars and no summary table.")] = False,
) -> None:
    """Read abstracts, extract concepts and write the graph bundle.

    Writes [bold]graph.json[/] (networkx node-link) and [bold]summary.json[/] to --out.
    Malformed records are skipped and listed in summary.json; the exit code is
    non-zero only when nothing could be read, or with --strict.

    [bold]Examples[/]

      kg build                      [dim]# sample corpus → exports/[/]
      kg build ../shared/corpus/ --out exports/seeds
      kg build papers.jsonl arxiv-metadata-oai-snapshot.json.gz
      kg build dump.txt --format hf-daily --strict
    """
    from kg.build import build as run_build

    columns = (SpinnerColumn(), TextColumn("{task.description:<10}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    try:
        with Progress(*columns, console=err, disable=quiet, transient=False) as progress:
            result = run_build(inputs or [defaults.SAMPLE_CORPUS], out_dir, fmt=fmt, strict=strict, progress=_Bars(progress))
    except KGError as error:
        err.print(f"[red]error:[/] {escape(str(error))}", highlight=False, soft_wrap=True)
        raise typer.Exit(code=1) from None
    if not quiet:
        _print_summary(result.summary, result.written)


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
) -> None:
    """Export a built graph bundle to other formats.

    [bold]Examples[/]

      kg export --format json --out /tmp/copy
    """
    from kg.graph import read_graph
    from kg.sinks import EXPORTERS
    from kg.sinks import export as run_export

    try:
        unknown = [name for name in formats if name not in EXPORTERS]
        if unknown:
            raise KGError(f"unknown export format {unknown[0]!r}; choose one of {', '.join(EXPORTERS)}")
        written = run_export(read_graph(bundle), out_dir or bundle, tuple(formats))
    except KGError as error:
        err.print(f"[red]error:[/] {escape(str(error))}", highlight=False, soft_wrap=True)
        raise typer.Exit(code=1) from None
    err.print("wrote " + ", ".join(str(p) for p in written), highlight=False, soft_wrap=True)


@app.command("eval")
def evaluate(
    gold: Annotated[Path, typer.Option("--gold", "-g", help="Gold file or folder.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="Gold format: scierc (SciERC, SciER *.plm.jsonl) or scienceie.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON on stdout.")] = False,
) -> None:
    """Score the extractor against annotated data: exact-span precision, recall and F1.

    Spans count only when start, end and type all match. SciERC Material and
    SciER Dataset count as Dataset; ScienceIE Process as Method, Material as Dataset.

    [bold]Examples[/]

      kg eval --gold ../shared/gold/scierc/dev.json --format scierc
      kg eval --gold ../shared/gold/scier/dev.plm.jsonl --format scierc --json
      kg eval --gold ../shared/gold/scienceie/dev --format scienceie
    """
    import json

    from kg.eval import evaluate as run_eval

    try:
        report = run_eval(gold, fmt)
    except KGError as error:
        err.print(f"[red]error:[/] {escape(str(error))}", highlight=False, soft_wrap=True)
        raise typer.Exit(code=1) from None
    if as_json:
        typer.echo(json.dumps(report, indent=1))
        return
    rows = report.get("per_type") or report.get("per_label") or {}
    table = Table(title=f"kg eval: {gold} ({report['documents']} documents)", header_style="bold")
    for column in ("", "precision", "recall", "f1", "gold", "predicted"):
        table.add_column(column, justify="right" if column else "left")
    for name, scores in [*rows.items(), ("micro", report["micro"])] if "micro" in report else rows.items():
        gold_count, predicted = scores.get("tp", 0) + scores.get("fn", 0), scores.get("tp", 0) + scores.get("fp", 0)
        table.add_row(name, *(f"{scores[m]:.3f}" for m in ("precision", "recall", "f1")), str(gold_count), str(predicted))
    out.print(table)
    relations = report.get("relations")
    if relations is not None:
        if relations["types"]:
            out.print(
                f"relations ({', '.join(relations['types'])}): P {relations['precision']:.3f} R {relations['recall']:.3f} "
                f"F1 {relations['f1']:.3f}"
            )
        else:
            out.print("relations: the extractor produces none of the gold relation types yet")


@app.command()
def schema() -> None:
    """Print the graph schema (labels, keys, relationship types, properties) as Markdown."""
    from kg.schema import schema_markdown

    typer.echo(schema_markdown(), nl=False)  # plain text: rich would wrap the tables


if __name__ == "__main__":
    app()
