"""kg.analytics on the real seed bundle and on small graphs whose answers are known."""

import os
import subprocess
import sys

import networkx as nx
import pytest
from conftest import REPO

from kg.analytics import (
    community_bridges,
    concept_centrality,
    concept_communities,
    concept_projection,
    concept_trends,
    concepts_of,
    date_coverage,
    method_task_matrix,
    research_gaps,
    similar_papers,
)
from kg.graph import read_graph


@pytest.fixture(scope="module")
def graph(built_bundle):
    return read_graph(built_bundle)


def _tiny() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    papers = {
        "a": ({"year": 2023, "month": 5}, ["Method:gan", "Task:generation", "Dataset:mnist"]),
        "b": ({"month": 2, "day": 21}, ["Method:gan", "Task:generation"]),  # a Hugging Face "Feb 21": no year
        "c": ({}, ["Method:bert", "Task:qa", "Dataset:mnist"]),
    }
    for paper, (date, concepts) in papers.items():
        g.add_node(paper, label="Paper", id=paper, title=paper.upper(), **date)
        for c in concepts:
            g.add_node(c, label="Concept", key=c, type=c.split(":")[0], name=c.split(":")[1], papers=0)
            g.add_edge(paper, c, key="USES", type="USES")
    return g


def test_centrality_ranks_every_concept_within_its_type(graph):
    table = concept_centrality(graph, seed=0)
    concepts = {n for n, d in graph.nodes(data=True) if d.get("label") == "Concept" and graph.in_degree(n)}
    assert set(table["key"]) == concepts
    assert set(table["type"]) == {"Method", "Task", "Dataset", "Metric"}
    for _, group in table.groupby("type"):
        assert list(group["rank"]) == list(range(1, len(group) + 1))
        assert group["pagerank"].is_monotonic_decreasing
    assert table["pagerank"].sum() == pytest.approx(1.0)
    assert table["betweenness"].between(0, 1).all() and table["degree"].between(0, 1).all()


def test_communities_partition_the_concepts_the_same_way_on_every_run(graph):
    first = concept_communities(graph, seed=0)
    assert first == concept_communities(graph, seed=0)
    members = [n for c in first for n in c]
    assert len(members) == len(set(members)) == concept_projection(graph).number_of_nodes()
    assert [len(c) for c in first] == sorted((len(c) for c in first), reverse=True)
    bridges = community_bridges(graph, first, top=None)
    assert len(bridges) and bridges["participation"].between(0, 1).all()
    assert (bridges["communities_reached"] >= 1).all()


def test_communities_are_identical_across_processes_with_other_hash_seeds(built_bundle):
    code = (
        "import sys; from kg.graph import read_graph; from kg.analytics import concept_communities; "
        "print(sorted(map(sorted, concept_communities(read_graph(sys.argv[1]), seed=0))))"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code, str(built_bundle)],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(REPO)},
            check=True,
        ).stdout
        for seed in ("1", "2")
    }
    assert len(outputs) == 1


def test_method_task_matrix_counts_papers_naming_both(graph):
    matrix = method_task_matrix(graph, top_methods=5, top_tasks=5)
    assert matrix.shape == (5, 5)
    linked = concepts_of(graph)
    by_name = {(d.get("type"), d.get("name")): n for n, d in graph.nodes(data=True) if d.get("label") == "Concept"}
    for method in matrix.index:
        for task in matrix.columns:
            m, t = by_name["Method", method], by_name["Task", task]
            assert matrix.loc[method, task] == sum(1 for cs in linked.values() if m in cs and t in cs)


def test_trends_never_invent_a_year():
    g = _tiny()
    assert date_coverage(g) == {"papers": 3, "year_and_month": 1, "month_without_year": 1, "year_only": 0, "undated": 1}
    by_year = concept_trends(g, "year")
    assert set(by_year["period"]) == {2023} and by_year["papers"].sum() == 3  # paper "a" only
    assert set(concept_trends(g, "month")["period"]) == {"2023-05"}
    by_month = concept_trends(g, "month_of_year")
    assert by_month.groupby("period")["papers"].sum().to_dict() == {2: 2, 5: 3}
    with pytest.raises(ValueError, match="unknown period"):
        concept_trends(g, "week")


def test_trends_on_the_seed_count_only_dated_papers(graph):
    coverage = date_coverage(graph)
    dated = [n for n, d in graph.nodes(data=True) if d.get("label") == "Paper" and d.get("year")]
    assert coverage["year_and_month"] + coverage["year_only"] == len(dated)
    linked = concepts_of(graph)
    assert concept_trends(graph, "year")["papers"].sum() == sum(len(linked[p]) for p in dated)


def test_gaps_are_pairs_no_paper_names_together(graph):
    gaps = research_gaps(graph, top=50)
    assert len(gaps) == 50 and gaps["score"].is_monotonic_decreasing
    linked = concepts_of(graph)
    for m, t in zip(gaps["method_key"], gaps["task_key"], strict=True):
        assert not any(m in cs and t in cs for cs in linked.values()), (m, t)
    assert (gaps["common"] >= 1).all()


def test_similar_papers_use_keyphrases_when_there_are_some():
    g = _tiny()
    before = similar_papers(g, "a")
    assert before["other"].tolist() == ["b", "c"] and set(before["shared_keyphrases"]) == {""}
    for paper in ("a", "c"):
        g.add_node("Keyphrase:image synthesis", label="Keyphrase", key="image synthesis", name="image synthesis")
        g.add_edge(paper, "Keyphrase:image synthesis", key="MENTIONS", type="MENTIONS", score=0.5)
    after = similar_papers(g, "a").set_index("other")
    assert after.loc["c", "shared_keyphrases"] == "image synthesis"
    assert after.loc["c", "score"] > before.set_index("other").loc["c", "score"]
    with pytest.raises(ValueError, match="not a paper"):
        similar_papers(g, "Method:gan")


def test_similar_papers_on_the_seed_share_something(graph):
    table = similar_papers(graph, top=20)
    assert len(table) == 20 and table["score"].between(0, 1).all()
    assert (table["shared_concepts"] != "").all()
