"""``kg`` as a user meets it: the first build, its output, help, re-runs, and the README that shows them."""

import ast
import inspect
import io
import json
import re
import shlex
import subprocess
import sys

import typer
from conftest import REPO, run_kg
from rich.console import Console
from rich.text import Text
from typer.testing import CliRunner

from kg.build import build
from kg.cli import PROGRESS_INTERVAL, _Lines, app
from kg.defaults import SAMPLE_CORPUS
from kg.graph import read_graph
from kg.schema import schema_markdown
from kg.sinks.html import DEFAULT_MAP_CONCEPTS, DEFAULT_MAX_NODES
from kg.sources import read_inputs

#: What plain ``kg build`` writes, in the order it reports them.
BUNDLE_FILES = [
    "graph.json",
    "graph.graphml",
    "graph.gexf",
    "nodes.csv",
    "edges.csv",
    "graph.html",
    "mentions.jsonl",
    "decisions.jsonl",
    "summary.json",
]
README = REPO / "README.md"


def test_plain_kg_build_writes_the_bundle_under_exports(default_build):
    exports = default_build.cwd / "exports"
    assert sorted(p.name for p in exports.iterdir()) == sorted(BUNDLE_FILES)
    summary = json.loads((exports / "summary.json").read_text())
    assert (summary["papers"], summary["records"], summary["files"]) == (591, 654, 5)


def test_the_build_shows_progress_and_a_closing_summary_on_stderr(default_build):
    err = default_build.stderr
    for stage in ("read", "load model", "extract", "graph", "write"):
        assert re.search(rf"{stage}\s.*\d+/\d+", err), stage
    assert "591/591" in err
    assert re.search(r"papers\s*│\s*591", err)
    assert "wrote " + ", ".join(f"exports/{name}" for name in BUNDLE_FILES) in err
    assert default_build.stdout == ""


def test_a_second_build_into_the_same_folder_changes_nothing(default_build, extractor):
    exports = default_build.cwd / "exports"
    first = {name: (exports / name).read_bytes() for name in BUNDLE_FILES}
    build([SAMPLE_CORPUS], exports, extractor=extractor)
    assert sorted(p.name for p in exports.iterdir()) == sorted(first)
    for name, content in first.items():
        assert (exports / name).read_bytes() == content, name


def test_help_explains_build_with_examples(tmp_path):
    result = run_kg("build", "--help", cwd=tmp_path)
    assert result.returncode == 0
    assert "Examples" in result.stdout and "kg build ../shared/corpus/ --out exports/seeds" in result.stdout
    for option in ("--out", "--format", "--strict", "--quiet"):
        assert option in result.stdout


def test_version(tmp_path):
    result = run_kg("--version", cwd=tmp_path)
    assert result.returncode == 0 and result.stdout.startswith("kg ")


def test_an_unknown_format_is_a_clear_error(tmp_path):
    result = run_kg("build", "--format", "xml", "--out", "out", cwd=tmp_path)
    assert result.returncode == 1
    assert "unknown format 'xml'; choose one of hf-daily, jsonl, csv, arxiv" in result.stderr


def test_the_readme_shows_the_schema_the_code_defines(tmp_path):
    result = run_kg("schema", cwd=tmp_path)
    assert result.stdout == schema_markdown()
    assert schema_markdown() in README.read_text(encoding="utf-8")


def _readme_blocks(language: str, documents=(README,)) -> list[str]:
    return [
        block
        for document in documents
        for block in re.findall(rf"```{language}\n(.*?)```", document.read_text(encoding="utf-8"), re.DOTALL)
    ]


def _kg_command_lines(documents) -> list[list[str]]:
    """The arguments of every ``kg ...`` call in the documents' bash blocks, after ``&&``, ``;`` or ``VAR=value``."""
    calls = []
    for block in _readme_blocks("bash", documents):
        for line in block.splitlines():
            segment: list[str] = []
            for token in [*shlex.split(line, comments=True), "&&"]:
                if token not in ("&&", ";", "|"):
                    segment.append(token)
                    continue
                while segment and re.fullmatch(r"[A-Za-z_]\w*=.*", segment[0]):
                    segment.pop(0)
                if segment[:1] == ["kg"]:
                    calls.append(segment[1:])
                segment = []
    return calls


def test_every_kg_command_line_in_the_readme_and_docs_parses():
    """Each command a reader may copy names a real command with real options and values of the right kind."""
    documents = [README, *sorted((REPO / "docs").glob("*.md"))]
    calls = _kg_command_lines(documents)
    commands = typer.main.get_command(app).commands
    assert {"build", "export", "analyze", "eval", "why", "load"} <= {call[0] for call in calls if call}
    for call in calls:
        name, *rest = call or [""]
        assert name in commands, f"kg {shlex.join(call)}: no such command"
        if "--help" in rest:
            assert CliRunner().invoke(app, call).exit_code == 0, shlex.join(call)
            continue
        try:
            commands[name].make_context(name, list(rest))
        except Exception as error:  # the parser's own UsageError, NoSuchOption, BadParameter …
            raise AssertionError(f"kg {shlex.join(call)}: {error}") from None


def test_the_readme_command_table_lists_every_kg_command():
    table = README.read_text(encoding="utf-8").split("## Commands", 1)[1].split("\n## ", 1)[0]
    listed = re.findall(r"^\| `kg (\w+)", table, re.MULTILINE)
    assert listed == [command.name or command.callback.__name__ for command in app.registered_commands]


def test_the_readme_names_every_file_kg_build_writes(built_bundle):
    readme = README.read_text(encoding="utf-8")
    listing = readme[readme.index("<!-- bundle -->") : readme.index("<!-- /bundle -->")]
    named = set(re.findall(r"`([\w-]+\.(?:json|jsonl|graphml|gexf|csv|html))`", listing))
    assert named == {path.name for path in built_bundle.iterdir()} == set(BUNDLE_FILES)


def test_the_readme_python_example_prints_the_methods_most_papers_name(default_build):
    """Run as written where ``kg build`` wrote exports/: (papers, name) pairs of Method concepts, most papers first."""
    (code,) = _readme_blocks("python")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=default_build.cwd)
    assert result.returncode == 0, result.stderr
    pairs = ast.literal_eval(result.stdout)
    assert isinstance(pairs, list) and 1 <= len(pairs) <= 5
    assert all(isinstance(papers, int) and isinstance(name, str) for papers, name in pairs)
    assert pairs == sorted(pairs, reverse=True)
    graph = read_graph(default_build.cwd / "exports")
    methods = {(d["papers"], d["name"]) for _, d in graph.nodes(data=True) if d.get("type") == "Method"}
    assert set(pairs) <= methods
    assert max(methods)[0] == pairs[0][0]


def test_kg_export_json_rewrites_the_bundle_graph_unchanged(built_bundle, tmp_path):
    result = run_kg("export", "--bundle", str(built_bundle), "--format", "json", "--out", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "graph.json").read_bytes() == (built_bundle / "graph.json").read_bytes()


def test_kg_export_names_the_formats_it_knows(tmp_path):
    result = run_kg("export", "--format", "nope", cwd=tmp_path)
    assert result.returncode == 1
    assert "unknown export format 'nope'; choose one of json, graphml, gexf, csv, html" in result.stderr


def test_help_flows_each_paragraph_and_keeps_example_lines(monkeypatch):
    """A sentence never breaks where the docstring's source line did: on a wide terminal a paragraph is one line."""
    monkeypatch.setenv("COLUMNS", "1000")
    for command in app.registered_commands:
        name = command.name or command.callback.__name__
        result = CliRunner().invoke(app, [name, "--help"])
        assert result.exit_code == 0, result.output
        shown = [line.strip() for line in result.output.splitlines()]
        for paragraph in inspect.cleandoc(command.callback.__doc__).split("\n\n"):
            if paragraph.startswith(" "):  # an example block: each line stays a line
                assert all(Text.from_markup(line).plain.strip() in shown for line in paragraph.splitlines()), name
            else:
                assert Text.from_markup(" ".join(paragraph.split())).plain in shown, (name, paragraph)


def test_help_states_the_defaults_the_code_uses():
    build_help = CliRunner().invoke(app, ["build", "--help"], env={"COLUMNS": "1000"}).output
    assert f"at most one every {PROGRESS_INTERVAL:g} seconds" in build_help
    export_help = CliRunner().invoke(app, ["export", "--help"], env={"COLUMNS": "1000"}).output
    assert f"default {DEFAULT_MAP_CONCEPTS}" in export_help and f"default {DEFAULT_MAX_NODES}" in export_help


def test_progress_into_a_pipe_comes_as_plain_lines_while_the_build_runs(tmp_path, monkeypatch):
    """stderr to a pipe (CI, nohup, a log): a line per stage end and, while one runs, at most one per interval."""
    papers = read_inputs([SAMPLE_CORPUS]).papers[:34]  # two extraction batches: 32, then 2
    rows = [{"title": paper.title, "abstract": paper.abstract} for paper in papers]
    (tmp_path / "papers.jsonl").write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    monkeypatch.setenv("KG_PROGRESS_INTERVAL", "0")  # a line at every step, so that no clock decides what the test sees
    result = run_kg("build", "papers.jsonl", "--out", "out", "--no-cache", "--no-keyphrases", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert "\x1b" not in result.stderr and not re.search(r"━\s*\d+/\d+", result.stderr)  # no bars, no cursor codes
    ends = [
        i
        for stage in ("read", "load model", "extract", "graph", "write")
        for i, line in enumerate(lines)
        if re.fullmatch(rf"{stage} (\d+)/\1 done, \d+:\d\d:\d\d", line)
    ]
    assert len(ends) == 5 and ends == sorted(ends), result.stderr  # each stage ends once, in order
    assert "extract 32/34 (94%)" in "\n".join(lines[: ends[2]])  # the first batch, reported before the stage ends
    assert re.search(r"papers\s*│\s*34", result.stderr)  # and the closing summary


def test_without_a_step_for_interval_seconds_only_stage_ends_are_printed():
    console = Console(file=io.StringIO(), width=200)
    lines = _Lines(console, interval=3600)
    lines.start("read")
    for _ in range(500):
        lines.advance("read")
    lines.start("extract", total=3)
    lines.advance("extract", 2)
    lines.advance("extract")
    assert re.fullmatch(r"read 500/500 done, 0:00:00\nextract 3/3 done, 0:00:00\n", console.file.getvalue())
