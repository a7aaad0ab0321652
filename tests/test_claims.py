"""Claims, their quantities and OUTPERFORMS edges, on real sentences: of the seed corpus (kg/data/sample), and of
CSAbstruct and kg's arXiv triples, read from ../shared/gold when it is beside the checkout (never copied here)."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from conftest import REPO

from kg.defaults import SAMPLE_CORPUS
from kg.eval.gold import read_scierc_abstracts
from kg.extract.claims import comparisons_in, states_no_claim
from kg.graph import build_graph, summarize
from kg.resolve.changes import rename_concepts
from kg.sources import read_inputs
from kg.sources.text import clean_text
from kg.types import Claim, Comparison, Extraction, Mention, Paper

#: The shared gold data beside the checkout; KG_SHARED_GOLD points elsewhere (a worktree one level deeper).
GOLD = Path(os.environ.get("KG_SHARED_GOLD", REPO.parent / "shared" / "gold"))
needs_gold = pytest.mark.skipif(not GOLD.exists(), reason="these real sentences are read from ../shared/gold")


def claims_of(extractor, text: str, role: str = "result") -> list[Claim]:
    """The claims of ``text`` with every sentence given ``role``: the rules tested apart from the role model."""
    with extractor.nlp.select_pipes(disable=["kg_sentence_roles", "kg_claims"]):
        doc = extractor.nlp(text)
    for sent in doc.sents:
        sent._.kg_role = role
    doc = extractor.nlp.get_pipe("kg_claims")(doc)
    return extractor.from_doc("paper", doc).claims


def quantities(claim: Claim) -> list[dict]:
    return [q.model_dump(exclude_none=True, exclude={"text"}) for q in claim.quantities]


def edges(claim: Claim) -> set[tuple[str, str]]:
    return {(c.winner, c.loser) for c in claim.outperforms}


def csabstruct(split: str, abstract: int, sentence: int, says: str) -> str:
    """Sentence ``sentence`` of abstract ``abstract`` (line number) of a CSAbstruct split, checked to say ``says``."""
    lines = (GOLD / "csabstruct" / f"{split}.jsonl").read_text(encoding="utf-8").splitlines()
    text = json.loads(lines[abstract])["sentences"][sentence]
    assert says in text, f"CSAbstruct {split} {abstract}:{sentence} changed: {text!r}"
    return text


def abstract_claims(extractor, folder, split: str, abstract: int) -> list[Claim]:
    """The claims of one CSAbstruct abstract read whole, as `kg build` reads it."""
    sentences = json.loads((GOLD / "csabstruct" / f"{split}.jsonl").read_text(encoding="utf-8").splitlines()[abstract])[
        "sentences"
    ]
    path = folder / "papers.jsonl"
    record = {"id": f"csab-{split}-{abstract}", "title": sentences[0], "abstract": " ".join(sentences)}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    [paper] = read_inputs([path]).papers
    return extractor.extract_one(paper).claims


def claim_in_abstract(extractor, folder, split: str, abstract: int, sentence: int, says: str) -> Claim | None:
    """The claim of one sentence of a CSAbstruct abstract read whole (None if it has none)."""
    said = clean_text(csabstruct(split, abstract, sentence, says))
    return next((c for c in abstract_claims(extractor, folder, split, abstract) if c.text == said), None)


def arxiv_paper(paper_id: str) -> Paper:
    """A real arXiv paper of kg's triples (train-arxiv inputs): its title and abstract."""
    for line in (GOLD / "triples" / "train-arxiv.input.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record["id"] == paper_id:
            return Paper(id=paper_id, title=record["title"], abstract=record["abstract"])
    raise LookupError(paper_id)


def arxiv(paper_id: str, says: str) -> str:
    """The sentence of a real arXiv abstract of kg's triples (train-arxiv inputs) that says ``says``."""
    abstract = arxiv_paper(paper_id).abstract
    return next(s for s in re.split(r"(?<=[.!?])\s+", abstract) if says in s)


def scierc_paper(doc_key: str) -> Paper:
    """A SciERC abstract (train or dev) as text (kg.eval.gold.read_scierc_abstracts), its first sentence the title."""
    for split in ("train", "dev"):
        for key, sentences in read_scierc_abstracts(GOLD / "scierc" / f"{split}.json"):
            if key == doc_key:
                return Paper(id=f"scierc-{key}", title=sentences[0], abstract=" ".join(sentences))
    raise LookupError(doc_key)


def scierc(doc_key: str, says: str) -> str:
    """The sentence of a SciERC abstract that says ``says``."""
    sentences = re.split(r"(?<=[.!?])\s+", scierc_paper(doc_key).abstract)
    return next(s for s in sentences if says in s)


def seed_paper(paper_id: str) -> Paper:
    """A paper of the bundled seed corpus."""
    return next(p for p in read_inputs([Path(SAMPLE_CORPUS)]).papers if p.id == paper_id)


def test_named_comparison_with_margin_is_an_edge(extractor):
    # t-69852cd8295a0dc8 (LoRA-GA), sentence 6
    [claim] = claims_of(
        extractor, "For example, on the subset of the GLUE dataset with T5-Base, LoRA-GA outperforms LoRA by 5.69% on average."
    )
    assert claim.type == "comparison"
    # "on the subset of the GLUE dataset": where the margin was measured
    assert quantities(claim) == [{"value": 5.69, "unit": "%", "dataset": "glue", "kind": "delta"}]
    [comparison] = claim.outperforms
    assert (comparison.winner, comparison.loser, comparison.delta) == ("Method:lora ga", "Method:lora", "5.69%")


def test_two_comparisons_in_one_sentence_keep_their_own_margins(extractor):
    # t-81e33dd2f82c7a31 (ENCORE), sentence 9
    [claim] = claims_of(extractor, "ENCORE is also 61% faster than MEMIT and 64% faster than AlphaEdit on Llama3-8B.")
    assert claim.type == "comparison"
    margins = {(c.winner, c.loser): (c.delta, c.metric) for c in claim.outperforms}
    assert margins == {
        ("Method:encore", "Method:memit"): ("61%", "speed"),
        ("Method:encore", "Method:alphaedit"): ("64%", "speed"),
    }


def test_every_named_baseline_in_a_list_is_beaten(extractor):
    # t-ad72a40ac28fc736, sentence 6; the ends the concept tagger types as something else than Method get no edge
    text = (
        "The results demonstrate that GPT-4-turbo generates the most efficient code, significantly outperforming "
        "Palm-2-chat-bison, Claude-instant-1, Gemini-pro, GPT-4, and GPT-3.5."
    )
    [claim] = claims_of(extractor, text)
    assert {("Method:gpt 4 turbo", "Method:gpt 4"), ("Method:gpt 4 turbo", "Method:gpt 3.5")} <= edges(claim)
    assert all(winner == "Method:gpt 4 turbo" and loser.startswith("Method:") for winner, loser in edges(claim))


@needs_gold
def test_a_loser_only_the_concept_judge_names_is_beaten(extractor):
    """In "LilMoo consistently outperforms comparably sized multilingual baselines such as Qwen2.5-0.5B and
    Qwen3-0.6B" the tagger tags neither Qwen model, the judge's noun phrases hold both, and claims read them."""
    extraction = extractor.extract_one(arxiv_paper("2603.03508v1"))
    claim = next(c for c in extraction.claims if "LilMoo consistently outperforms" in c.text)
    assert edges(claim) == {("Method:lilmoo", "Method:qwen2.5 0.5b"), ("Method:lilmoo", "Method:qwen3 0.6b")}
    assert {"Method:qwen2.5 0.5b", "Method:qwen3 0.6b"} <= set(claim.about)


@needs_gold
def test_one_compared_name_is_one_loser_however_many_names_nest_in_it(extractor):
    """In "outperform significantly larger baselines (e.g., 4B Vanilla SFT)" the tagger's "SFT" and the judge's
    "Vanilla SFT" and "4B Vanilla SFT" cover one written name, which loses once."""
    extraction = extractor.extract_one(arxiv_paper("2603.05933v1"))
    claim = next(c for c in extraction.claims if "(e.g., 4B Vanilla SFT)" in c.text)
    assert [c.loser for c in claim.outperforms] == ["Method:supervised fine tuning"]


def test_a_named_example_inside_a_vague_class_is_an_edge(extractor):
    # t-bad584f5f6483475 (CLIN), sentence 4: "agents like Reflexion" names the baseline
    text = (
        "In the ScienceWorld benchmark, CLIN is able to continually improve on repeated trials on the same task and "
        "environment, outperforming state-of-the-art reflective language agents like Reflexion by 23 absolute points."
    )
    [claim] = claims_of(extractor, text)
    assert edges(claim) == {("Method:clin", "Method:reflexion")}
    assert claim.outperforms[0].delta == "23 absolute points"
    # "In the ScienceWorld benchmark" names where the 23 points were measured
    assert quantities(claim) == [{"value": 23.0, "unit": "points", "dataset": "scienceworld", "kind": "delta"}]


@pytest.mark.parametrize(
    "text",
    [
        # t-2e534f548d949c4c, sentence 6
        "Experimental results demonstrate that XPL significantly outperforms existing methods, achieving state-of-the-art "
        "performance while effectively mitigating confirmation bias and ensuring training stability.",
        # t-247ae5a32486904d, sentence 7: the VRAM of the relative clause is not what is beaten
        "ULTRAEDIT achieves editing speeds over 7x faster than the previous state-of-the-art method-which was also the "
        "fastest known approach-while consuming less than 1/3 the VRAM, making it the only method currently capable of "
        "editing a 7B LLM on a 24GB consumer-grade GPU.",
    ],
)
def test_vague_comparisons_stay_claims_without_edges(extractor, text):
    [claim] = claims_of(extractor, text)
    assert claim.type == "comparison"
    assert claim.outperforms == []


def test_exceeding_a_threshold_is_no_comparison(extractor):
    # t-fe9216ab647707bf, sentence 2: how models behave in general, no comparison and no claim of the paper
    text = (
        "Task performances typically show minor gains on small models until they improve dramatically once models "
        "exceed a size threshold, exemplifying the ``emergent abilities''."
    )
    with extractor.nlp.select_pipes(disable=["kg_sentence_roles", "kg_claims"]):
        sent = next(extractor.nlp(text).sents)
    assert comparisons_in(sent) == []
    assert claims_of(extractor, text) == []


def test_changes_from_one_value_to_another(extractor):
    # t-4791681ca4263911 (Darwin Gödel Machine), sentence 10
    text = (
        "Empirically, the DGM automatically improves its coding capabilities (e.g., better code editing tools, long-context "
        "window management, peer-review mechanisms), increasing performance on SWE-bench from 20.0% to 50.0%, and on "
        "Polyglot from 14.2% to 30.7%."
    )
    [claim] = claims_of(extractor, text)
    assert claim.type == "result"
    assert [(q["value"], q["baseline"], q["unit"], q["kind"]) for q in quantities(claim)] == [
        (50.0, 20.0, "%", "change"),
        (30.7, 14.2, "%", "change"),
    ]
    assert claim.quantities[0].text == "from 20.0% to 50.0%"


def test_a_score_takes_the_metric_it_is_written_with(extractor):
    # t-43b1c1dfb0b34120 (Scaling NMT), sentences 2 and 4
    [claim] = claims_of(
        extractor, "On the WMT'14 English-French task, we obtain a state-of-the-art BLEU of 43.2 in 8.5 hours on 128 GPUs."
    )
    assert quantities(claim) == [
        {"value": 43.2, "metric": "bleu", "dataset": "wmt'14", "kind": "absolute"},
        # the training time on the task the sentence opens with; 128 GPUs is a count, not a measurement
        {"value": 8.5, "unit": "h", "dataset": "wmt'14", "kind": "absolute"},
    ]
    # t-0cf463611c088805, sentence 5: "On ANIMAL-10N," frames both numbers, the second of another clause
    [claim] = claims_of(extractor, "On ANIMAL-10N, we achieve 84.1% accuracy while the best public result by PLC is 83.4%.")
    assert quantities(claim) == [
        {"value": 84.1, "unit": "%", "metric": "accuracy", "dataset": "animal 10n", "kind": "absolute"},
        {"value": 83.4, "unit": "%", "dataset": "animal 10n", "kind": "absolute"},  # "accuracy" is the first clause's
    ]


def test_ratios_name_what_they_measure(extractor):
    # the examples, in one abstract
    claims = claims_of(
        extractor,
        "It improves accuracy by 3.2% and is 2x faster. It reduces FID from 5.1 to 3.4 and reaches 84.1 BLEU on WMT14 "
        "with 10x fewer parameters.",
    )
    assert quantities(claims[0]) == [
        {"value": 3.2, "unit": "%", "metric": "accuracy", "kind": "delta"},
        {"value": 2.0, "unit": "x", "metric": "speed", "kind": "ratio"},
    ]
    fid, bleu, parameters = quantities(claims[1])
    assert (fid["value"], fid["baseline"], fid["metric"], fid["kind"]) == (3.4, 5.1, "fid", "change")
    assert (bleu["value"], bleu["metric"], bleu["dataset"]) == (84.1, "bleu", "wmt14")
    assert (parameters["value"], parameters["unit"], parameters["metric"]) == (10.0, "x", "parameters")


def test_claim_types_follow_sentence_roles(extractor):
    # t-ef2df70171875f44 (BEATS), sentence 4, as an objective and as a background sentence
    text = "To address this issue, we propose a novel approach, BEATS, to enhance mathematical problem-solving abilities."
    assert [c.type for c in claims_of(extractor, text, role="method")] == ["contribution"]
    assert claims_of(extractor, text, role="background") == []


def test_the_papers_own_method_wins_when_the_sentence_says_our_method(extractor):
    # t-f716ee21f98e3206 (SparseGrad): "our method" is the method the abstract proposes
    paper = Paper(
        id="t-f716ee21f98e3206",
        title="SparseGrad",
        abstract=(
            "We propose a new selective PEFT method called SparseGrad that performs well on MLP blocks. "
            "In these experiments, with identical memory requirements, our method outperforms LoRA and MeProp, "
            "robust popular state-of-the-art PEFT approaches."
        ),
    )
    extraction = extractor.extract_one(paper)
    comparisons = [c for claim in extraction.claims for c in claim.outperforms]
    assert {(c.winner, c.loser) for c in comparisons} == {
        ("Method:sparsegrad", "Method:lora"),
        ("Method:sparsegrad", "Method:meprop"),
    }
    graph = build_graph([paper], [extraction])
    edge = graph.get_edge_data("Method:sparsegrad", "Method:lora", "OUTPERFORMS:t-f716ee21f98e3206")
    assert edge["paper"] == "t-f716ee21f98e3206" and edge["evidence"].startswith("In these experiments")
    claim_nodes = [n for n, d in graph.nodes(data=True) if d["label"] == "Claim"]
    assert summarize(graph)["claims"] == len(claim_nodes) > 0
    assert all(graph.has_edge(paper.id, n, "MAKES") for n in claim_nodes)


def test_builder_adds_outperforms_and_about_edges():
    paper = Paper(id="p1", title="T", abstract="X beats Y on ImageNet.")
    mentions = [
        Mention(text=t, type=k, canonical=c, start_char=s, end_char=e, sentence=0, role="USES", confidence=0.5,
                evidence=paper.abstract, source="test")
        for t, k, c, s, e in [("X", "Method", "x", 0, 1), ("Y", "Method", "y", 8, 9), ("ImageNet", "Dataset", "imagenet", 13, 21)]
    ]  # fmt: skip
    claim = Claim(
        text=paper.abstract,
        type="comparison",
        sentence=0,
        about=["Method:x", "Method:y", "Dataset:imagenet"],
        outperforms=[Comparison(winner="Method:x", loser="Method:y", dataset="imagenet")],
    )
    graph = build_graph([paper], [Extraction(paper_id="p1", mentions=mentions, claims=[claim])])
    assert graph.get_edge_data("Method:x", "Method:y", "OUTPERFORMS:p1") == {
        "type": "OUTPERFORMS", "paper": "p1", "dataset": "imagenet", "evidence": "X beats Y on ImageNet.",
    }  # fmt: skip
    assert {v for _, v, k in graph.out_edges("p1#0", keys=True) if k == "ABOUT"} == {"Method:x", "Method:y", "Dataset:imagenet"}
    bad = claim.model_copy(update={"outperforms": [Comparison(winner="Method:x", loser="Method:z")]})
    with pytest.raises(ValueError, match="Method:z"):
        build_graph([paper], [Extraction(paper_id="p1", mentions=mentions, claims=[bad])])


def test_the_built_bundle_counts_claims_and_outperforms(built_bundle):
    import json

    summary = json.loads((built_bundle / "summary.json").read_text())
    assert summary["claims"] > 500
    assert summary["relationships"]["MAKES"] == summary["claims"]
    assert summary["relationships"]["OUTPERFORMS"] > 10
    assert summary["relationships"]["ABOUT"] > 0


# ---------------------------------------------------------------- what a claim is about


def test_about_links_the_compared_methods_not_the_setting(extractor):
    # t-69852cd8295a0dc8 (LoRA-GA), sentence 6: T5-Base is the model the comparison ran on, not what it is about
    [claim] = claims_of(
        extractor, "For example, on the subset of the GLUE dataset with T5-Base, LoRA-GA outperforms LoRA by 5.69% on average."
    )
    assert claim.about[:2] == ["Method:lora ga", "Method:lora"]
    assert not any("t5" in key for key in claim.about)


@needs_gold
def test_about_links_the_measured_dataset_and_the_compared_methods(extractor):
    # a real arXiv abstract (train-arxiv 2603.04945v1): the "highlighting …" clause names no concept of the claim
    text = arxiv("2603.04945v1", "RMMA achieves the lowest")
    [claim] = claims_of(extractor, text)
    assert set(claim.about) <= {"Method:rmma", "Method:gmma", "Metric:character error rate", "Dataset:openslr"}
    assert {"Method:rmma", "Method:gmma"} <= set(claim.about)


def test_our_method_is_the_papers_named_method_and_never_a_description(extractor):
    # t-a38d1174f642ad24 (TextSquare): "It even outperforms top-tier models like GPT4V": the paper proposes no named
    # method the tagger found, and "closed-source MLLMs" is a kind of model, not the winner
    extraction = extractor.extract_one(seed_paper("t-a38d1174f642ad24"))
    assert not any(c.winner.startswith("Method:closed") for claim in extraction.claims for c in claim.outperforms)


# ---------------------------------------------------------------- sentences that claim nothing


@pytest.mark.parametrize(
    "text",
    [
        "Code is available at https://github.com/Outsider565/LoRA-GA.",  # t-69852cd8295a0dc8
        "The source code is made publicly available at https://github.com/shivram1987/diffGrad.",  # t-1b0328990993e044
        "Project information is available at https://mgwillia.github.io/ilf.",  # t-06fb11e95c69ca9b
    ],
)
def test_availability_and_link_sentences_are_no_claims(extractor, text):
    assert claims_of(extractor, text) == []
    with extractor.nlp.select_pipes(disable=["kg_sentence_roles", "kg_claims"]):
        assert states_no_claim(next(extractor.nlp(text).sents)) == "availability"


@pytest.mark.parametrize(
    "text",
    [
        # SciER dev, scier-201646244: read as Transformer OUTPERFORMS RNN
        "As it was argued by Vaswani 2017 [29], Transformer architecture has several advantages over the RNN-based approaches.",
        # SciER dev, scier-8238530: read as a finding of the paper
        "However, studies [39] show that network tends to gather information mainly from a much smaller region in the"
        " receptive field, which is called valid receptive field (VRF) in this paper.",
        # SciER train (round 3 of docs/reviews/quantities-scier-train.md)
        "On the other hand, Zagoruyko and Komodakis [36] found that a wide sixteen-layer ResNet outperformed the"
        " original thin thousand-layer ResNet.",
        "Recent studies show that incorporation of attention learning in GAN models leads to more realistic images in"
        " both image generation and image-to-image translation tasks.",
    ],
)
def test_what_cited_work_found_is_no_claim_of_the_paper(extractor, text):
    assert claims_of(extractor, text) == []
    with extractor.nlp.select_pipes(disable=["kg_sentence_roles", "kg_claims"]):
        assert states_no_claim(next(extractor.nlp(text).sents)) == "cited"


@pytest.mark.parametrize(
    "text",
    [
        # CSAbstruct dev: the citation names the benchmark, not who found it
        "Extensive evaluation on the widely used tracking benchmark [36] shows that the proposed tacker outperforms the"
        " state-of-the-art significantly.",
        # SciER train (round 4): the paper's own clause asserts; the cited one concedes
        "Here, it can be seen that the accuracies of preactivation ResNet-200 are slightly low when compared with the"
        " standard ResNet-200 though He et al. reported that the pre-activation reduces overfitting.",
    ],
)
def test_a_claim_beside_a_citation_stays_a_claim(extractor, text):
    assert len(claims_of(extractor, text)) == 1


@needs_gold
@pytest.mark.parametrize(
    ("abstract", "sentence", "says", "role"),
    [
        (20, 6, "We first introduce the background of speech separation", "method"),  # setting the scene
        (15, 6, "These inferences are based on the premise", "result"),  # "by studying" is no evidence of a finding
    ],
)
def test_sentences_that_set_the_scene_are_no_claims(extractor, abstract, sentence, says, role):
    assert claims_of(extractor, csabstruct("dev", abstract, sentence, says), role=role) == []


# ---------------------------------------------------------------- OUTPERFORMS


@pytest.mark.parametrize(
    "text",
    [
        # t-19a385604147b88c (TVLARS): "sharp optimizers" is a kind of optimizer, not one
        "TVLARS promotes gradient exploration early on, surpassing sharp optimizers and gradually transitioning to LARS "
        "for robustness in later phases.",
    ],
)
def test_no_edge_to_a_generic_end(extractor, text):
    [claim] = claims_of(extractor, text)
    assert claim.type == "comparison"
    assert claim.outperforms == []


@needs_gold
@pytest.mark.parametrize(
    ("abstract", "sentence", "says"),
    [
        (711, 7, "highly superior to the estimation methods"),  # "the new methods" > "estimation methods"
        (1270, 5, "metapath-based NN models outperform"),  # NN models > MF models: two kinds of model
        (1114, 7, "Our complete SVD implementation"),  # "our implementation" > "Intel", a fragment of "Intel MKL"
    ],
)
def test_no_edge_between_kinds_descriptions_or_fragments(extractor, abstract, sentence, says):
    [claim] = claims_of(extractor, csabstruct("train", abstract, sentence, says))
    assert claim.type == "comparison"
    assert claim.outperforms == []


@needs_gold
def test_what_the_paper_implements_is_not_the_winner(extractor):
    # read whole, the tagger names SVD in "Our complete SVD implementation outperforms the MATLAB and Intel ®Math
    # Kernel Library (MKL) LAPACK implementation": the paper's implementation wins, not the decomposition it computes
    sentences = json.loads((GOLD / "csabstruct" / "train.jsonl").read_text(encoding="utf-8").splitlines()[1114])["sentences"]
    paper = Paper(id="csab-train-1114", title=sentences[0], abstract=" ".join(sentences))
    assert [c.outperforms for c in extractor.extract_one(paper).claims if "Our complete SVD" in c.text] == [[]]


@needs_gold
def test_less_of_what_is_better_more_of_is_a_loss(extractor):
    # "The classification accuracy with a Binary-Weight-Network version of AlexNet is only 2.9% less than the
    # full-precision AlexNet": the full-precision AlexNet wins; the binary network beats nothing here
    text = csabstruct("train", 905, 8, "is only 2.9% less than the full-precision AlexNet")
    with extractor.nlp.select_pipes(disable=["kg_sentence_roles", "kg_claims"]):
        assert comparisons_in(next(extractor.nlp(text).sents)) == []


@pytest.mark.parametrize(
    "text",
    [
        # t-42d07ae6e2e1ebcb: "on par with or superior to" is no stated win
        "We demonstrate that Distribution Transformers both maintain flexibility to vary the prior, and significantly "
        "reduces computation times-from minutes to milliseconds-while achieving log-likelihood performance on par with or "
        "superior to existing approximate inference methods.",
        # t-b7eb7da63be4fe2d
        "Notably, our results show that the performance is comparable or superior to that of models trained using popular "
        "regularization methods and also to rehearsals in non-power-law environments.",
    ],
)
def test_a_tie_is_no_comparison(extractor, text):
    with extractor.nlp.select_pipes(disable=["kg_sentence_roles", "kg_claims"]):
        assert comparisons_in(next(extractor.nlp(text).sents)) == []
    assert all(c.type != "comparison" and not c.outperforms for c in claims_of(extractor, text))


@needs_gold
def test_a_comparisons_metric_is_read_from_its_own_clause(extractor):
    # train-arxiv 2603.04945v1: the character error rate is what "achieves the lowest" measures; RMMA beats GMMA in
    # another clause, "converging up to seven times faster than GMMA", which names no metric
    [claim] = claims_of(extractor, arxiv("2603.04945v1", "RMMA achieves the lowest"))
    [comparison] = claim.outperforms
    assert (comparison.winner, comparison.loser) == ("Method:rmma", "Method:gmma")
    assert (comparison.metric, comparison.dataset, comparison.delta) == (None, None, None)


def test_a_margin_is_read_from_the_comparisons_own_clause(extractor):
    # t-19a385604147b88c (TVLARS): "with up to 2% improvement" is said of the win over LARS and LAMB
    text = (
        "Extensive experiments demonstrate that TVLARS consistently outperforms LARS and LAMB in most cases, with up to "
        "2\\% improvement in classification scenarios."
    )
    [claim] = claims_of(extractor, text)
    assert {(c.loser, c.delta) for c in claim.outperforms} == {("Method:lars", "2\\%"), ("Method:lamb", "2\\%")}


def test_ends_that_become_one_concept_make_no_edge(extractor):
    # t-69852cd8295a0dc8 (LoRA-GA): were a corpus step to merge LoRA-GA into LoRA, the edge would be a self-loop
    [claim] = claims_of(
        extractor, "For example, on the subset of the GLUE dataset with T5-Base, LoRA-GA outperforms LoRA by 5.69% on average."
    )
    extraction = Extraction(paper_id="t-69852cd8295a0dc8", claims=[claim])
    assert rename_concepts(extraction, {"Method:lora ga": "Method:lora"}).claims[0].outperforms == []
    assert rename_concepts(extraction, {"Method:lora": "Method:low rank adaptation"}).claims[0].outperforms != []


@needs_gold
def test_a_sentence_cut_after_a_list_marker_is_no_claim(extractor, tmp_path):
    # read whole, CSAbstruct train 1274 splits "Here we present (i) An approach for the automated extraction …"
    # after "(i)": the first part says nothing on its own
    said = [c.text for c in abstract_claims(extractor, tmp_path, "train", 1274)]
    assert "Here we present (i)" not in said


@needs_gold
def test_the_winner_of_a_challenge_is_no_dataset(extractor, tmp_path):
    # CSAbstruct train 127: "a 26% relative improvement over the ILSVRC 2014 winner (GoogLeNet, 6.66% [33])": the
    # winner of a challenge is a method, and the comparison names no dataset
    [claim] = [c for c in abstract_claims(extractor, tmp_path, "train", 127) if "ILSVRC 2014 winner" in c.text]
    assert [c.dataset for c in claim.outperforms] == [None]
    assert all(q.dataset is None for q in claim.quantities)
    # a name ending in any other noun still names its dataset: "our results on the MSCOCO test server"
    [claim] = [c for c in abstract_claims(extractor, tmp_path, "train", 489) if "MSCOCO test server" in c.text]
    assert [q.dataset for q in claim.quantities] == ["mscoco test server", "mscoco test server"]


@needs_gold
@pytest.mark.parametrize(
    ("abstract", "sentence", "says", "value"),
    [
        (197, 3, "The trained model achieves an accuracy of 99.35% on a held-out test set", 99.35),
        (202, 5, "Our model achieves a prediction error of 1.71cm and 2.53cm", 1.71),
    ],
)
def test_a_sentence_read_as_method_that_achieves_a_value_is_a_result(extractor, tmp_path, abstract, sentence, says, value):
    # CSAbstruct dev, read whole: the role model (and CSAbstruct's annotators) call these sentences method, so before
    # they gave no claim; their main verb states an outcome and they carry its value
    claim = claim_in_abstract(extractor, tmp_path, "dev", abstract, sentence, says)
    assert claim is not None and claim.type == "result", claim
    assert value in [q.value for q in claim.quantities], claim.quantities


def test_a_margin_read_without_its_metric_takes_no_other_values_metric(extractor):
    # SciER dev (scier-202719327): before, the 3.9% margin was a win in inference time, the measure of the 31%
    [claim] = claims_of(
        extractor,
        "TinyBERT significantly outperforms the state-ofthe-art KD baselines (i.e., BERT-PKD and DistillBERT) by a "
        "margin of at least 3.9%, even with only ∼ 28% parameters and ∼ 31% inference time of baselines.",
    )
    assert claim.outperforms and {(c.delta, c.metric) for c in claim.outperforms} == {("3.9%", None)}


def test_what_a_win_came_despite_is_not_its_margin(extractor):
    # SciER dev (scier-53719258): before, the win was in the number of parameters, by 2.6 times
    [claim] = claims_of(
        extractor,
        "It is remarkable to see that, despite a 2.6 times reduction in the number of parameters, RCN still "
        "outperforms both I3D and R2D when trained using ImageNet initialisation.",
    )
    assert claim.outperforms and {(c.delta, c.metric) for c in claim.outperforms} == {(None, None)}
