"""Every corpus step says what it decided and why: decisions.jsonl, summary.json's counts, and `kg why NAME`."""

import json

from conftest import run_kg

from kg.resolve import count_decisions
from kg.resolve.decisions import Decision


def decisions(bundle):
    return [Decision.model_validate_json(line) for line in (bundle / "decisions.jsonl").read_text().splitlines()]


def test_the_summary_counts_each_steps_decisions_as_the_trail_records_them(built_bundle):
    summary = json.loads((built_bundle / "summary.json").read_text())
    trail = decisions(built_bundle)
    assert summary["resolution"] == count_decisions(trail)
    assert summary["resolution"]["judge"]["drop"] > 0  # the judge leaves descriptions and fragments out
    mentions = {json.loads(line)["id"] for line in (built_bundle / "mentions.jsonl").read_text().splitlines()}
    assert all(set(d.mentions) <= mentions for d in trail)  # every decision names mentions the trail holds


def test_kg_why_follows_a_dropped_name_through_the_steps(built_bundle, tmp_path):
    dropped = next(d for d in decisions(built_bundle) if d.step == "judge" and d.action == "drop")
    rows = {json.loads(line)["id"]: json.loads(line) for line in (built_bundle / "mentions.jsonl").read_text().splitlines()}
    text = rows[dropped.mentions[0]]["text"]
    result = run_kg("why", text, "--bundle", str(built_bundle), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert dropped.paper in result.stdout and "judge: drop" in result.stdout and "not in the graph" in result.stdout


def test_kg_why_names_the_concept_a_kept_name_ended_in(built_bundle, tmp_path):
    result = run_kg("why", "DrM", "--bundle", str(built_bundle), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "in the graph as Method:drm" in result.stdout


def test_kg_why_of_a_name_never_seen_says_so(built_bundle, tmp_path):
    result = run_kg("why", "no such concept anywhere", "--bundle", str(built_bundle), cwd=tmp_path)
    assert result.returncode == 1 and "no mention of" in result.stdout
    assert "[judge] min_candidate" in " ".join(result.stdout.split())  # the section's name, not read as markup
