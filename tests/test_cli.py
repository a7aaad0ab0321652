"""``kg`` as a user meets it: the first build, its output, help, re-runs."""

import json
import re
import subprocess
import sys
from pathlib import Path

from conftest import REPO, run_kg

from kg.build import build
from kg.defaults import SAMPLE_CORPUS
from kg.extract.inference import native_bfloat16
from kg.schema import schema_markdown

#: What plain ``kg build`` writes, in the order it reports them.
BUNDLE_FILES = ["graph.json", "graph.graphml", "graph.gexf", "nodes.csv", "edges.csv", "graph.html", "summary.json"]


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
    assert schema_markdown() in (REPO / "README.md").read_text(encoding="utf-8")


def test_the_readme_quick_tour_figures_are_the_real_ones(built_bundle):
    """Exactly, on a CPU with native bfloat16 like the one that made them; within a handful elsewhere (float32)."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    summary = json.loads(Path(built_bundle / "summary.json").read_text())
    tour = readme[readme.index("<!-- summary -->") : readme.index("<!-- /summary -->")]
    shown = json.loads(tour[tour.index("{") : tour.rindex("}") + 1])
    built = {k: v for k, v in summary.items() if k in shown}
    if native_bfloat16():
        assert built == shown
    else:
        assert built.keys() == shown.keys() and built["skipped"] == shown["skipped"]
        assert (built["papers"], built["records"], built["files"]) == (shown["papers"], shown["records"], shown["files"])
        counts = lambda found: {"claims": found["claims"], **found["concepts"], **found["relationships"]}  # noqa: E731
        assert counts(built).keys() == counts(shown).keys()
        for name, count in counts(shown).items():
            assert abs(counts(built)[name] - count) <= max(5, 0.02 * count), name


def test_the_readme_python_example_prints_what_the_readme_says(default_build):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```python\n(.*?)```", readme, re.DOTALL).group(1)
    code, expected = block.rsplit("# ", 1)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=default_build.cwd)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected.strip()


def test_kg_export_json_rewrites_the_bundle_graph_unchanged(built_bundle, tmp_path):
    result = run_kg("export", "--bundle", str(built_bundle), "--format", "json", "--out", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "graph.json").read_bytes() == (built_bundle / "graph.json").read_bytes()


def test_kg_export_names_the_formats_it_knows(tmp_path):
    result = run_kg("export", "--format", "nope", cwd=tmp_path)
    assert result.returncode == 1
    assert "unknown export format 'nope'; choose one of json, graphml, gexf, csv, html" in result.stderr
