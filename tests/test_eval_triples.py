"""`kg eval --format triples`: the graph a user gets, scored against paper → concept triples as GUIDELINES.md defines."""

import json

import networkx as nx
import pytest
from conftest import REPO, run_kg

from kg.errors import InputError
from kg.eval.triples import GoldEntry, GoldPaper, match_form, read_gold, score_graph

GOLD = REPO.parent / "shared" / "gold" / "triples"


def paper_graph(title: str, edges: dict[str, tuple[str, list[str]]]) -> nx.MultiDiGraph:
    """One paper and its concepts: ``{"Type:name": (role, aliases)}``."""
    graph = nx.MultiDiGraph()
    graph.add_node("p1", label="Paper", title=title)
    for key, (role, aliases) in edges.items():
        kind, name = key.split(":")
        graph.add_node(key, label="Concept", key=key, type=kind, name=name, aliases=aliases)
        graph.add_edge("p1", key, key=role, type=role)
    return graph


def entry(kind: str, name: str, role: str | None = None, aliases=()) -> GoldEntry:
    return GoldEntry(kind, name, role, frozenset(match_form(n) for n in (name, *aliases)))


def test_names_agree_without_case_hyphens_spaces_punctuation_and_a_plural_s():
    assert match_form("Large Language Models") == match_form("large-language model")
    assert match_form("CIFAR-10") == match_form("cifar10") == match_form("CIFAR 10")
    assert match_form("Pass@1") != match_form("Pass@5")


def test_an_alias_of_either_side_matches_and_acceptable_items_count_for_concepts_only():
    gold = [
        GoldPaper(
            "g1",
            "DrM: Mastering Visual Reinforcement Learning",
            triples=[entry("Method", "Dormant Ratio Minimization", "PROPOSES", ["DrM"]), entry("Task", "visual RL", "ADDRESSES")],
            acceptable=[entry("Method", "deep learning")],
        )
    ]
    graph = paper_graph(
        "DrM: mastering visual reinforcement learning",  # joined by title whatever the case
        {
            "Method:drm": ("PROPOSES", ["DrM"]),  # the gold's alias
            "Method:visual reinforcement learning": ("USES", ["visual RL"]),  # right concept, wrong role and type
            "Method:deep learning": ("USES", []),  # acceptable: right concept, no triple
            "Method:novel approach": ("USES", []),  # no concept of the paper
        },
    )
    scores = score_graph(gold, graph)
    assert scores["papers"] == 1
    assert scores["concept_precision"] == 0.75 and scores["concept_recall"] == 1.0
    assert scores["triple_precision"] == 0.25 and scores["triple_recall"] == 0.5
    assert scores["per_role"]["PROPOSES"] == {"precision": 1.0, "recall": 1.0, "predicted": 1, "gold": 1}
    assert scores["per_role"]["USES"]["precision"] == 0.0 and scores["per_role"]["ADDRESSES"]["recall"] == 0.0


def test_a_gold_paper_missing_from_the_graph_counts_its_triples_as_missed():
    gold = [GoldPaper("g1", "A title", [entry("Task", "image classification", "ADDRESSES")]), GoldPaper("g2", "Other", [])]
    scores = score_graph(gold, paper_graph("A title", {"Task:image classification": ("ADDRESSES", [])}))
    assert scores["papers"] == 1 and scores["papers_missing"] == ["g2"] and scores["triple_recall"] == 1.0
    scores = score_graph([GoldPaper("g3", "Not built", [entry("Task", "x", "ADDRESSES")]), *gold], paper_graph("A title", {}))
    assert scores["concept_recall"] == 0.0 and scores["papers_missing"] == ["g3", "g2"]


def test_a_malformed_gold_line_is_an_error_naming_the_file_and_line(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps({"id": "a", "title": "T", "triples": []}) + "\n{not json\n")
    with pytest.raises(InputError, match=r"gold.jsonl:2"):
        read_gold(path)


def test_kg_eval_triples_scores_a_built_bundle_from_the_command_line(built_bundle, tmp_path):
    # Written here from the abstract of the sample's DrM paper, under the guidelines
    gold = {
        "id": "drm",
        "title": "DrM: Mastering Visual Reinforcement Learning through Dormant Ratio Minimization",
        "triples": [
            {"role": "PROPOSES", "type": "Method", "name": "DrM", "aliases": []},
            {"role": "ADDRESSES", "type": "Task", "name": "visual reinforcement learning", "aliases": ["visual RL"]},
            {"role": "EVALUATES_ON", "type": "Metric", "name": "sample efficiency", "aliases": []},
        ],
        "acceptable": [],
    }
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(gold) + "\n")
    result = run_kg("eval", "--gold", str(path), "--format", "triples", "--bundle", str(built_bundle), "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    scores = json.loads(result.stdout)
    assert set(scores) >= {"concept_precision", "concept_recall", "triple_precision", "triple_recall", "per_role", "papers"}
    assert scores["papers"] == 1
    assert scores["per_role"]["PROPOSES"]["recall"] == 1.0  # "We introduce DrM" is the paper's own
    table = run_kg("eval", "--gold", str(path), "--format", "triples", "--bundle", str(built_bundle), cwd=tmp_path)
    assert "PROPOSES" in table.stdout and "concepts" in table.stdout


def test_kg_eval_triples_without_a_bundle_says_what_to_pass(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps({"id": "a", "title": "T", "triples": []}) + "\n")
    result = run_kg("eval", "--gold", str(path), "--format", "triples", cwd=tmp_path)
    assert result.returncode == 1 and "--bundle" in result.stderr
