"""The graph builder and the bundle, on a real build of the seed corpus."""

import json

import networkx as nx
import pytest
from conftest import make_mention

from kg.graph import build_graph, read_graph, summarize
from kg.schema import NODES, RELATIONSHIPS
from kg.types import Claim, Comparison, ConceptRelation, Extraction, Paper


def mention(text, type_, canonical, role, sentence=0, confidence=0.5):
    return make_mention(text, type_, canonical, role, sentence=sentence, confidence=confidence)


def test_mentions_of_one_concept_in_two_papers_make_one_node():
    papers = [Paper(id="a", title="A", abstract="x"), Paper(id="b", title="B", abstract="y")]
    extractions = [
        Extraction(
            paper_id="a",
            mentions=[
                mention("Large Language Models", "Method", "large language model", "USES", 2, 0.5),
                mention("large language models", "Method", "large language model", "USES", 4, 0.9),
            ],
        ),
        Extraction(paper_id="b", mentions=[mention("large language model", "Method", "large language model", "PROPOSES")]),
    ]
    graph = build_graph(papers, extractions)
    node = graph.nodes["Method:large language model"]
    assert node["aliases"] == ["Large Language Models", "large language model", "large language models"]
    assert node["papers"] == 2
    uses = graph.get_edge_data("a", "Method:large language model", "USES")
    assert (uses["sentence"], uses["confidence"]) == (2, 0.9)  # the first sentence, the best confidence
    assert graph.number_of_edges() == 2


def test_one_name_in_two_types_stays_two_concepts():
    papers = [Paper(id="a", title="A", abstract="x")]
    extraction = Extraction(
        paper_id="a", mentions=[mention("MATH", "Dataset", "math", "EVALUATES_ON"), mention("math", "Task", "math", "ADDRESSES")]
    )
    assert sorted(build_graph(papers, [extraction]).nodes) == ["Dataset:math", "Task:math", "a"]


def test_a_concept_is_named_as_papers_most_often_write_it_a_plural_counted_with_its_singular():
    papers = [Paper(id=p, title=p, abstract="x") for p in "abc"]
    extractions = [
        Extraction(paper_id="a", mentions=[mention("LLMs", "Method", "llm", "USES"), mention("LLM", "Method", "llm", "USES")]),
        Extraction(paper_id="b", mentions=[mention("LLMs", "Method", "llm", "USES")]),
        Extraction(paper_id="c", mentions=[mention("ImageNet", "Dataset", "imagenet", "EVALUATES_ON")] * 2),
        Extraction(paper_id="a", mentions=[mention("imagenet", "Dataset", "imagenet", "EVALUATES_ON")]),
    ]
    names = {n: d["name"] for n, d in build_graph(papers, extractions).nodes(data=True) if d["label"] == "Concept"}
    assert names == {"Method:llm": "LLM", "Dataset:imagenet": "ImageNet"}


def test_concepts_of_one_type_that_end_with_one_name_keep_it_apart():
    papers = [Paper(id=p, title=p, abstract="x") for p in "abc"]
    extractions = [  # "RL" is the commonest form of both; the concept more papers name keeps it
        Extraction(paper_id="a", mentions=[mention("RL", "Method", "reinforcement learning", "USES")] * 3),
        Extraction(paper_id="b", mentions=[mention("RL", "Method", "reinforcement learning", "USES")]),
        Extraction(paper_id="c", mentions=[mention("RL", "Method", "representation learning", "USES")] * 2),
        Extraction(paper_id="c", mentions=[mention("representation learning", "Method", "representation learning", "USES")]),
        Extraction(paper_id="c", mentions=[mention("GPT", "Method", "gpt", "USES")]),
        Extraction(paper_id="c", mentions=[mention("GPT", "Method", "gpt model", "USES")]),
        Extraction(paper_id="b", mentions=[mention("GPT", "Method", "gpt", "USES")]),
    ]
    names = {n: d["name"] for n, d in build_graph(papers, extractions).nodes(data=True) if d["label"] == "Concept"}
    assert names == {
        "Method:reinforcement learning": "RL",
        "Method:representation learning": "representation learning",  # its next form
        "Method:gpt": "GPT",
        "Method:gpt model": "gpt model",  # no other form: its key's name
    }


def test_concept_relations_are_kept_per_paper():
    papers = [Paper(id="a", title="A", abstract="x"), Paper(id="b", title="B", abstract="y")]
    both = [mention("BERT", "Method", "bert", "USES"), mention("question answering", "Task", "question answering", "ADDRESSES")]
    rel = ConceptRelation(
        type="USED_FOR", head="Method:bert", tail="Task:question answering", sentence=0, evidence="e", confidence=0.7
    )
    graph = build_graph(papers, [Extraction(paper_id=p.id, mentions=both, relations=[rel]) for p in papers])
    assert len(graph.get_edge_data("Method:bert", "Task:question answering")) == 2


def test_outperforms_joins_two_methods_never_a_unit_or_a_metric():
    # SciER train, PixelNet: "Our method is faster than most state-of-the-art methods (up to around 13 Hz using an i 7
    # eight-core PC with Titan X GPU) …" gave PixelNet OUTPERFORMS "Hz"; MSM's "The NRMSE values for SHN and JMFA are
    # slightly higher than those of the MSM method" gave NRMSE OUTPERFORMS MSM
    paper = Paper(id="a", title="A", abstract="x")
    found = [
        mention("PixelNet", "Method", "pixelnet", "PROPOSES"),
        mention("Hz", "Metric", "hz", "EVALUATES_ON"),
        mention("MSM", "Method", "msm", "USES"),
    ]
    beats = [
        Comparison(winner="Method:pixelnet", loser="Metric:hz"),
        Comparison(winner="Metric:hz", loser="Method:msm"),
        Comparison(winner="Method:pixelnet", loser="Method:msm", metric="speed"),
    ]
    claim = Claim(text="e", type="comparison", sentence=0, outperforms=beats)
    graph = build_graph([paper], [Extraction(paper_id="a", mentions=found, claims=[claim])])
    outperforms = [(a, b) for a, b, data in graph.edges(data=True) if data["type"] == "OUTPERFORMS"]
    assert outperforms == [("Method:pixelnet", "Method:msm")]


def test_an_extraction_for_an_unknown_paper_is_an_error():
    with pytest.raises(ValueError, match="unknown paper"):
        build_graph([], [Extraction(paper_id="ghost")])


def test_the_bundle_holds_a_node_link_graph_and_a_summary(built_bundle):
    graph = read_graph(built_bundle)
    summary = json.loads((built_bundle / "summary.json").read_text())
    assert isinstance(graph, nx.MultiDiGraph)
    assert summary["papers"] == 591 == sum(1 for _, d in graph.nodes(data=True) if d["label"] == "Paper")
    assert summary == summarize(
        graph,
        [],
        records=654,
        files=5,
        model=summary["model"],
        kg_version=summary["kg_version"],
        resolution=summary["resolution"],
    )
    assert set(summary) >= {"papers", "concepts", "claims", "relationships", "skipped"}
    assert all(summary["concepts"][t] > 0 for t in ("Method", "Task", "Dataset", "Metric"))
    assert summary["skipped"] == []


def test_every_node_and_edge_follows_the_schema(built_bundle):
    graph = read_graph(built_bundle)
    for node, data in graph.nodes(data=True):
        spec = NODES[data["label"]]
        assert set(data) - {"label"} <= {p.name for p in spec.properties}, node
        assert all(data.get(p.name) is not None for p in spec.properties if p.required), node
    for source, target, data in graph.edges(data=True):
        spec = RELATIONSHIPS[data["type"]]
        assert graph.nodes[source]["label"] == spec.source and graph.nodes[target]["label"] == spec.target
        assert set(data) - {"type"} <= {p.name for p in spec.properties}


def test_seed_papers_keep_their_metadata_in_the_graph(built_bundle):
    graph = read_graph(built_bundle)
    ntk = next(d for _, d in graph.nodes(data=True) if d.get("title", "").startswith("Neural Tangent Kernel: Convergence"))
    assert (ntk["published"], ntk["authors_count"], ntk["year"]) == ("2018-06-20", 3, 2018)
    assert ntk["sources"] == [s for s in ntk["sources"] if s.endswith(":13")]


def test_variants_across_papers_merge_into_one_concept(built_bundle):
    graph = read_graph(built_bundle)
    llm = graph.nodes["Method:large language model"]
    assert {"Large Language Models", "large language models", "large language model"} <= set(llm["aliases"])
    assert llm["papers"] >= 20
    assert "Dataset:cifar 10" in graph and "Dataset:cifar-10" not in graph
