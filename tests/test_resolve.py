"""Corpus-level resolution: spelling variants and near-identical names merge, other concepts never do."""

from __future__ import annotations

import json

from conftest import make_mention
from test_claims import GOLD, arxiv_paper, needs_gold

from kg.graph import build_graph
from kg.resolve import resolve
from kg.resolve.kinds import drop_unnamed_kinds, keep_named_datasets, merge_container_names
from kg.resolve.senses import agree_on_types
from kg.resolve.variants import merge_variants
from kg.types import Claim, ConceptRelation, ConceptType, Extraction, Paper, Role


def mention(text: str, canonical: str, kind: ConceptType = ConceptType.METHOD):
    role = Role.USES if kind is ConceptType.METHOD else Role.ADDRESSES
    return make_mention(text, kind, canonical, role, confidence=0.9, aliases=[])


def arxiv_graph(extractor, *paper_ids: str):
    """kg's train-arxiv papers read whole, resolved and built: the resolution, the graph and its concepts' names."""
    papers = [arxiv_paper(paper_id) for paper_id in paper_ids]
    resolved = resolve(list(extractor.extract(papers)))
    graph = build_graph(papers, resolved.extractions)
    return resolved, graph, {data["name"] for _, data in graph.nodes(data=True) if data["label"] == "Concept"}


def canonical_names(extractions: list[Extraction]) -> list[set[tuple[str, str]]]:
    return [{(m.type.value, m.canonical) for m in e.mentions} for e in extractions]


def test_spelling_variants_of_one_name_merge_into_the_most_mentioned_spelling():
    papers = [
        Extraction(paper_id="a", mentions=[mention("multi-layer perceptron", "multi layer perceptron")]),
        Extraction(paper_id="b", mentions=[mention("multilayer perceptrons", "multilayer perceptrons")]),
        Extraction(paper_id="c", mentions=[mention("Multi-Layer Perceptron", "multi layer perceptron")]),
        Extraction(paper_id="d", mentions=[mention("Bayesian optimisation", "bayesian optimisation")]),
        Extraction(paper_id="e", mentions=[mention("Bayesian optimization", "bayesian optimization")]),
        Extraction(paper_id="f", mentions=[mention("language modelling", "language modelling", ConceptType.TASK)]),
        Extraction(paper_id="g", mentions=[mention("language modeling", "language modeling", ConceptType.TASK)]),
    ]
    names = canonical_names(merge_variants(papers))
    assert names[0] == names[1] == names[2] == {("Method", "multi layer perceptron")}
    assert names[3] == names[4]  # two spellings, one mention each: one of them names both
    assert names[5] == names[6]


def test_typos_merge_but_near_names_of_different_things_do_not():
    pairs = [
        ("stochastic gradient descent", "stochastic gradient decent", True),  # a typo
        ("supervised learning", "unsupervised learning", False),  # a negating prefix
        ("finite width feature learning", "infinite width feature learning", False),
        ("l1 regularization", "l2 regularization", False),  # other digits
        ("conditional diffusion model", "unconditional diffusion model", False),
        ("memoization", "memorization", False),  # below the threshold
    ]
    for a, b, same in pairs:
        papers = [
            Extraction(paper_id="p1", mentions=[mention(a, a)]),
            Extraction(paper_id="p2", mentions=[mention(a, a)]),
            Extraction(paper_id="p3", mentions=[mention(b, b)]),
        ]
        names = canonical_names(merge_variants(papers))
        assert (names[0] == names[2]) is same, (a, b)
        if same:
            assert names[2] == {("Method", a)}  # the spelling two papers use wins


def test_the_same_name_never_merges_across_types():
    papers = [
        Extraction(paper_id="a", mentions=[mention("pre-training", "pre training", ConceptType.TASK)]),
        Extraction(paper_id="b", mentions=[mention("pretraining", "pretraining", ConceptType.METHOD)]),
        Extraction(paper_id="c", mentions=[mention("CIFAR-10", "cifar 10", ConceptType.DATASET)]),
        Extraction(paper_id="d", mentions=[mention("CIFAR-100", "cifar 100", ConceptType.DATASET)]),
    ]
    assert canonical_names(merge_variants(papers)) == canonical_names(papers)


def test_claims_follow_their_concepts_into_the_merged_node():
    claim = Claim(text="Multilayer perceptrons work.", type="finding", sentence=0, about=["Method:multilayer perceptrons"])
    papers = [
        Extraction(paper_id="a", mentions=[mention("multi-layer perceptron", "multi layer perceptron")]),
        Extraction(paper_id="b", mentions=[mention("multilayer perceptrons", "multilayer perceptrons")], claims=[claim]),
    ]
    resolved = resolve(papers).extractions
    graph = build_graph([Paper(id="a", title="A", abstract="x"), Paper(id="b", title="B", abstract="y")], resolved)
    key = "Method:multi layer perceptron"
    assert key in graph and "Method:multilayer perceptrons" not in graph
    assert graph.nodes[key]["aliases"] == ["multi-layer perceptron", "multilayer perceptrons"]
    assert resolved[1].claims[0].about == [key]


def test_a_name_the_corpus_clearly_types_one_way_takes_that_type_where_one_paper_chose_another():
    method, task = ConceptType.METHOD, ConceptType.TASK
    papers = [Extraction(paper_id=f"m{i}", mentions=[mention("language models", "language model", method)]) for i in range(6)]
    papers.append(Extraction(paper_id="t", mentions=[mention("language models", "language model", task)]))
    papers.append(
        Extraction(
            paper_id="c",
            mentions=[mention("language models", "language model", task)],
            claims=[Claim(text="Language models help.", type="finding", sentence=0, about=["Task:language model"])],
        )
    )
    resolved = agree_on_types(papers)
    assert canonical_names(resolved)[6:] == [{("Method", "language model")}] * 2  # 6 of 8 papers: a Method
    assert resolved[6].mentions[0].role is Role.USES  # a Method is used, not addressed
    assert resolved[7].claims[0].about == ["Method:language model"]


def test_types_stay_apart_where_the_corpus_is_split_or_the_paper_relies_on_its_own_type():
    method, task = ConceptType.METHOD, ConceptType.TASK
    # 3 papers against 2 is no clear majority: reinforcement learning is a method and a problem
    split = [Extraction(paper_id=f"m{i}", mentions=[mention("RL", "reinforcement learning", method)]) for i in range(3)]
    split += [Extraction(paper_id=f"t{i}", mentions=[mention("RL", "reinforcement learning", task)]) for i in range(2)]
    assert canonical_names(agree_on_types(split)) == canonical_names(split)
    # a relation the paper states between its own Task and another concept keeps the Task
    related = [Extraction(paper_id=f"m{i}", mentions=[mention("parsing", "parsing", method)]) for i in range(4)]
    related.append(
        Extraction(
            paper_id="t",
            mentions=[mention("parsing", "parsing", task), mention("CKY", "cky", method)],
            relations=[
                ConceptRelation(type="USED_FOR", head="Method:cky", tail="Task:parsing", sentence=0, evidence="e", confidence=0.9)
            ],
        )
    )
    assert canonical_names(agree_on_types(related))[-1] == {("Task", "parsing"), ("Method", "cky")}


def test_a_dataset_must_be_written_as_a_name_somewhere_in_the_corpus():
    def dataset(text, evidence):
        found = make_mention(text, ConceptType.DATASET, text.lower().replace("-", " "), Role.EVALUATES_ON, aliases=[])
        return found.model_copy(update={"evidence": evidence})

    papers = [
        Extraction(
            paper_id="a",
            mentions=[dataset("CIFAR-10", "We train on CIFAR-10."), dataset("synthetic data", "And on synthetic data.")],
        ),
        Extraction(paper_id="b", mentions=[dataset("cifar-10", "results on cifar-10")]),  # one paper writing the name will do
        Extraction(
            paper_id="c",
            # a sentence's first capital is no name
            mentions=[dataset("Images", "Images are scarce."), mention("U-Net", "u net")],
            claims=[Claim(text="Images are scarce.", type="finding", sentence=0, about=["Dataset:images", "Method:u net"])],
        ),
    ]
    kept = keep_named_datasets(papers)
    assert canonical_names(kept) == [{("Dataset", "cifar 10")}, {("Dataset", "cifar 10")}, {("Method", "u net")}]
    assert kept[2].claims[0].about == ["Method:u net"]


def test_a_kind_without_a_name_is_no_concept_of_the_graph_unless_some_paper_names_it():
    vague = mention("a systematic approach", "systematic approach").model_copy(update={"unnamed": True})
    capital = mention("Systematic approach", "systematic approach")  # sentence-initial: the tagger cannot tell
    relation = ConceptRelation(
        type="USED_FOR", head="Method:systematic approach", tail="Task:x", sentence=0, evidence="e", confidence=0.9
    )
    papers = [
        Extraction(paper_id="a", mentions=[vague, mention("x", "x", ConceptType.TASK)], relations=[relation]),
        Extraction(paper_id="b", mentions=[vague.model_copy(update={"canonical": "stochastic setting"})]),
        Extraction(paper_id="c", mentions=[capital]),
    ]
    kept = drop_unnamed_kinds(papers)
    systematic = ("Method", "systematic approach")
    assert canonical_names(kept) == [{systematic, ("Task", "x")}, set(), {systematic}]
    assert kept[0].relations == [relation]
    alone = drop_unnamed_kinds(papers[:1])
    assert canonical_names(alone) == [{("Task", "x")}] and alone[0].relations == []


def test_a_name_with_a_container_noun_joins_the_bare_concept_but_a_proposal_keeps_its_own_name():
    proposed = make_mention("continual learning framework", ConceptType.METHOD, "continual learning framework", Role.PROPOSES)
    papers = [
        Extraction(
            paper_id="a", mentions=[mention("continual learning", "continual learning"), mention("Transformer", "transformer")]
        ),
        Extraction(paper_id="b", mentions=[mention("Transformer architecture", "transformer architecture")]),
        Extraction(paper_id="c", mentions=[proposed, mention("continual learning methods", "continual learning method")]),
        Extraction(paper_id="d", mentions=[mention("search method", "search method")]),  # no paper says "search" alone
        Extraction(paper_id="e", mentions=[mention("translation system", "translation system", ConceptType.TASK)]),
    ]
    names = canonical_names(merge_container_names(papers))
    assert names[1] == {("Method", "transformer")}
    assert names[2] == {("Method", "continual learning framework"), ("Method", "continual learning")}
    assert names[3] == {("Method", "search method")}
    assert names[4] == {("Task", "translation system")}


def judged(text: str, kind: ConceptType, concept: float, *, types=None, proposed: float = 0.0, sentence: int = 0):
    from kg.types import Judgement

    role = Role.USES if kind is ConceptType.METHOD else Role.ADDRESSES
    found = make_mention(text, kind, text.lower(), role, sentence=sentence, confidence=0.9, aliases=[])
    verdict = Judgement(concept=concept, types=types or {kind.value: 1.0}, proposed=proposed)
    return found.model_copy(update={"judgement": verdict})


#: The judge step's thresholds in these tests (kg/resolve/config.cfg ships its own, chosen on dev).
JUDGE = {"min_concept": 0.35, "min_proposed": 0.5, "min_measured": 0.2}


def test_the_judge_step_drops_what_it_does_not_believe_and_says_why():
    from kg.resolve.decisions import Recorder
    from kg.resolve.judged import apply_judgements

    recorder = Recorder()
    paper = Extraction(
        paper_id="p",
        mentions=[
            judged("distributed system", ConceptType.METHOD, 0.08),  # "HetRL, a distributed system": a description
            judged("HetRL", ConceptType.METHOD, 0.93, proposed=0.9),
            judged("RLHF", ConceptType.METHOD, 0.81),
        ],
    )
    [kept] = apply_judgements([paper], recorder, **JUDGE)
    assert [(m.text, m.role) for m in kept.mentions] == [("HetRL", Role.PROPOSES), ("RLHF", Role.USES)]
    [drop, role] = recorder.decisions
    assert (drop.step, drop.action, drop.concept, drop.paper) == ("judge", "drop", "Method:distributed system", "p")
    assert "0.08" in drop.reason and drop.mentions == ["p#0:0-18"]
    assert (role.action, role.concept, role.into) == ("role", "Method:hetrl", "PROPOSES")


def test_the_judge_retypes_a_benchmark_the_tagger_called_a_method_and_relations_follow():
    from kg.resolve.decisions import Recorder
    from kg.resolve.judged import apply_judgements

    recorder = Recorder()
    benchmark = judged("LongFormQA", ConceptType.METHOD, 0.9, types={"Method": 0.2, "Dataset": 0.7, "Task": 0.1})
    relation = ConceptRelation(
        type="USED_FOR", head="Method:gpt 4", tail="Method:longformqa", sentence=0, evidence="e", confidence=0.9
    )
    paper = Extraction(paper_id="p", mentions=[benchmark, judged("GPT-4", ConceptType.METHOD, 0.9)], relations=[relation])
    paper.mentions[1].canonical = "gpt 4"
    [kept] = apply_judgements([paper], recorder, **JUDGE)
    assert (kept.mentions[0].type, kept.mentions[0].role) == (ConceptType.DATASET, Role.EVALUATES_ON)
    assert kept.relations[0].tail == "Dataset:longformqa"
    assert [(d.action, d.into) for d in recorder.decisions] == [("retype", "Dataset:longformqa")]


def test_the_type_a_paper_states_outranks_the_judges_reading():
    # "we propose MIR-E (Mawarith Inheritance Reasoning Evaluation), a weighted multi-stage metric" (arXiv
    # 2603.07539): the judge read a proposed Method; the sentence says a metric
    from kg.resolve.decisions import Recorder
    from kg.resolve.judged import apply_judgements

    recorder = Recorder()
    metric = judged("MIR-E", ConceptType.METHOD, 0.9, types={"Method": 0.8, "Metric": 0.2}, proposed=0.9)
    metric.judgement.called, metric.judgement.called_type = "metric", ConceptType.METRIC
    [kept] = apply_judgements([Extraction(paper_id="p", mentions=[metric])], recorder, **JUDGE)
    assert (kept.mentions[0].type, kept.mentions[0].role) == (ConceptType.METRIC, Role.PROPOSES)
    [retype] = recorder.decisions
    assert (retype.action, retype.into) == ("retype", "Metric:mir-e")
    assert retype.reason == "the paper calls 'MIR-E' a metric: a Metric"


def test_a_name_the_lexicons_list_keeps_their_type():
    # "mBART-large-50 achieves the best results (BLEU 0.8166, ROUGE-L 0.9384, METEOR 0.8925), …" (arXiv 2603.10211):
    # the judge read all three metrics as Datasets (0.99 and more); a tagger mention of BLEU joins the lexicon's type
    from kg.resolve.decisions import Recorder
    from kg.resolve.judged import apply_judgements

    recorder = Recorder()
    read_as_dataset = {"Dataset": 0.9992, "Metric": 0.0008}
    listed = judged("BLEU", ConceptType.METRIC, 0.99, types=read_as_dataset).model_copy(update={"source": "metric-lexicon"})
    tagged = judged("BLEU", ConceptType.METHOD, 0.99, types=read_as_dataset, sentence=3)
    [kept] = apply_judgements([Extraction(paper_id="p", mentions=[listed, tagged])], recorder, **JUDGE)
    assert {(m.type, m.role) for m in kept.mentions} == {(ConceptType.METRIC, Role.EVALUATES_ON)}
    [retype] = [d for d in recorder.decisions if d.action == "retype"]
    assert (retype.concept, retype.into, retype.reason) == ("Method:bleu", "Metric:bleu", "kg's lexicon of Metrics lists 'BLEU'")


def test_a_lexicon_short_form_the_paper_defines_otherwise_imposes_no_type():
    # "Existing approaches rely on the Euler-Maruyama (EM) solver" (seed t-5ba9b9ed580452f2): the metric lexicon's EM
    # (exact match) is the paper's short form of a solver
    from kg.resolve.judged import apply_judgements

    solver = {"Method": 0.9, "Metric": 0.1}
    short = judged("EM", ConceptType.METRIC, 0.9, types=solver).model_copy(
        update={"source": "metric-lexicon", "canonical": "euler maruyama"}
    )
    [kept] = apply_judgements([Extraction(paper_id="p", mentions=[short])], **JUDGE)
    assert kept.mentions[0].type is ConceptType.METHOD


def test_a_metric_at_a_cut_off_is_a_metric_even_where_the_judge_reads_a_method():
    # "Experiments on the QReCC conversational search benchmark show competitive Recall@10 and MRR@10" (arXiv
    # 2603.08429): a fold's judge read MRR@10 as a Method (0.8); a metric's short form may be a model's too (MAE), a
    # metric at a cut-off is not
    from kg.resolve.judged import apply_judgements

    read_as_method = {"Method": 0.8, "Metric": 0.2}
    at_ten = judged("MRR@10", ConceptType.METHOD, 0.84, types=read_as_method)
    mae = judged("MAE", ConceptType.METHOD, 0.84, types=read_as_method)
    [kept] = apply_judgements([Extraction(paper_id="p", mentions=[at_ten, mae])], **JUDGE)
    assert [(m.text, m.type, m.role) for m in kept.mentions] == [
        ("MRR@10", ConceptType.METRIC, Role.EVALUATES_ON),
        ("MAE", ConceptType.METHOD, Role.USES),
    ]


def test_a_dataset_the_lexicon_lists_stays_a_dataset_whatever_the_paper_calls_it():
    # "Our work explores this novel rehearsal-based approach for a domain-incremental task: learning permutations in
    # the MNIST task." (seed t-b7eb7da63be4fe2d): MNIST is still the dataset
    from kg.resolve.judged import apply_judgements

    mnist = judged("MNIST", ConceptType.DATASET, 0.9, types={"Dataset": 0.9, "Task": 0.1})
    mnist = mnist.model_copy(update={"source": "dataset-lexicon", "canonical": "mnist"})
    mnist.judgement.called, mnist.judgement.called_type = "task", ConceptType.TASK
    [kept] = apply_judgements([Extraction(paper_id="p", mentions=[mnist])], **JUDGE)
    assert kept.mentions[0].type is ConceptType.DATASET


def test_a_lexicon_metric_the_judge_reads_as_a_model_stays_a_model():
    # "For pertaining MAE and diffusion model, InfoBatch can respectively save 24.8% and 27% cost" (seed
    # t-e6b34eb59060a251): MAE is the masked autoencoder here, the metric lexicon's mean absolute error elsewhere
    from kg.resolve.judged import apply_judgements

    model = judged("MAE", ConceptType.METRIC, 0.9, types={"Method": 0.9, "Metric": 0.1})
    model = model.model_copy(update={"source": "metric-lexicon", "canonical": "mae"})
    [kept] = apply_judgements([Extraction(paper_id="p", mentions=[model])], **JUDGE)
    assert kept.mentions[0].type is ConceptType.METHOD


def test_a_language_is_no_dataset():
    # "… low-resource language status between Faroese and the similar cleaning strategies …" (arXiv 2603.10861): the
    # tagger and the judge read Faroese as a Dataset the paper evaluates on
    from kg.resolve.kinds import keep_named_datasets

    faroese = make_mention("Faroese", ConceptType.DATASET, "faroese", Role.EVALUATES_ON, aliases=[])
    ccoha = make_mention("CCOHA", ConceptType.DATASET, "ccoha", Role.EVALUATES_ON, aliases=[])
    [kept] = keep_named_datasets([Extraction(paper_id="p", mentions=[faroese, ccoha])])
    assert [m.text for m in kept.mentions] == ["CCOHA"]


def test_a_concept_takes_one_role_per_paper_the_first_that_applies():
    from kg.resolve.roles import one_role_per_concept

    proposed = make_mention("T2S-Bench", ConceptType.DATASET, "t2s bench", Role.PROPOSES, aliases=[])
    evaluated = make_mention("T2S-Bench", ConceptType.DATASET, "t2s bench", Role.EVALUATES_ON, sentence=3, aliases=[])
    [paper] = one_role_per_concept([Extraction(paper_id="p", mentions=[evaluated, proposed])])
    assert {m.role for m in paper.mentions} == {Role.PROPOSES}


def test_every_step_of_a_resolution_is_counted_and_a_step_the_config_does_not_know_is_an_error(tmp_path):
    import pytest

    papers = [
        Extraction(paper_id="a", mentions=[judged("quantitative study", ConceptType.TASK, 0.05)]),
        Extraction(paper_id="b", mentions=[mention("multilayer perceptrons", "multilayer perceptrons")]),
        Extraction(paper_id="c", mentions=[mention("multi-layer perceptron", "multi layer perceptron")]),
    ]
    resolution = resolve(papers)
    assert resolution.counts() == {"judge": {"drop": 1}, "variants": {"merge": 1}}
    config = tmp_path / "config.cfg"
    config.write_text('[steps]\norder = ["judge", "magic"]\n')
    with pytest.raises(ValueError, match="magic"):
        resolve(papers, config)


def test_a_score_a_model_or_a_task_joins_the_concept_the_corpus_names_alone():
    # issue 19: "f1 / f1 score, transformer / transformer model, classification / classification task stay apart"
    metric, task = ConceptType.METRIC, ConceptType.TASK
    papers = [
        Extraction(paper_id="a", mentions=[mention("F1", "f1", metric), mention("Transformer", "transformer")]),
        Extraction(
            paper_id="b", mentions=[mention("F1 score", "f1 score", metric), mention("transformer model", "transformer model")]
        ),
        Extraction(paper_id="c", mentions=[mention("classification", "classification", task)]),
        Extraction(paper_id="d", mentions=[mention("classification task", "classification task", task)]),
    ]
    names = canonical_names(merge_container_names(papers))
    assert names[1] == {("Metric", "f1"), ("Method", "transformer")}
    assert names[3] == {("Task", "classification")}


@needs_gold
def test_a_name_that_joins_two_things_is_no_concept(extractor):
    # arXiv 2512.13316 ("we experimentally validate our approach on MNIST and Fashion-MNIST datasets") and 2512.13290
    # ("remarkable success in image and video generation"), kg's train-arxiv inputs read whole; before, "MNIST and
    # Fashion-MNIST datasets" was a Dataset of the first (and, covering it, cut "Fashion-MNIST" out of the graph) and
    # "image and video generation" a Task of the second
    resolved, _, names = arxiv_graph(extractor, "2512.13316", "2512.13290")
    assert {"MNIST", "Fashion-MNIST"} <= names, names
    assert not [name for name in names if " and " in name], names
    joined = [d for d in resolved.decisions if d.action == "drop" and "joins two things" in d.reason]
    assert {d.concept for d in joined} >= {"Dataset:mnist and fashion mnist", "Task:image and video generation"}


@needs_gold
def test_our_method_links_only_what_the_paper_proposes_after_the_corpus_steps(extractor):
    # CSAbstruct dev 40, read whole: extraction reads the CNN of "a memristor crossbar implementation of a deep
    # Convolutional Neural Network (CNN)" as the proposal, so "the proposed system" of a later claim stood for CNN;
    # the judge reads CNN as a method the paper uses, and then the claim is not about CNN
    sentences = json.loads((GOLD / "csabstruct" / "dev.jsonl").read_text(encoding="utf-8").splitlines()[40])["sentences"]
    assert "memristor crossbar implementation of a deep Convolutional Neural Network" in sentences[0]
    paper = Paper(id="csab-dev-040", title=sentences[0], abstract=" ".join(sentences))
    [extraction] = extractor.extract([paper])
    [claim] = [c for c in extraction.claims if "the proposed system is capable" in c.text]
    assert claim.about == ["Method:convolutional neural network"]  # what extraction alone links
    resolved = resolve([extraction])
    graph = build_graph([paper], resolved.extractions)
    roles = {target: data["type"] for _, target, data in graph.out_edges("csab-dev-040", data=True)}
    assert roles["Method:convolutional neural network"] == "USES"
    claim_node = f"csab-dev-040#{claim.sentence}"
    assert claim_node in graph
    assert not [v for _, v, d in graph.out_edges(claim_node, data=True) if d["type"] == "ABOUT"]
    [unlinked] = [d for d in resolved.decisions if d.action == "unlink"]
    assert (unlinked.step, unlinked.paper) == ("own_method", "csab-dev-040")
    assert unlinked.concept == "Method:convolutional neural network"


@needs_gold
def test_an_organisation_or_a_language_alone_is_no_concept(extractor):
    # arXiv 2512.12443 ("Frontier labs (xAI, Microsoft, Anthropic) achieve approximately 80% compliance") and
    # 2603.08249 ("On a manually annotated Catalan benchmark, …"), kg's train-arxiv inputs read whole: before, xAI,
    # Microsoft and Anthropic were Datasets the first evaluates on, and Catalan one of the second
    resolved, _, names = arxiv_graph(extractor, "2512.12443", "2603.08249v1")
    assert not {"xAI", "Microsoft", "Anthropic", "Catalan"} & names, names
    assert {"GPT-5", "AV-HuBERT"} <= names, names  # the models beside them stay
    gone = {d.concept for d in resolved.decisions if d.step == "organisations"}
    assert "Dataset:anthropic" in gone, gone


@needs_gold
def test_two_words_either_side_of_a_slash_name_two_things(extractor):
    # arXiv 2603.06836 ("alcohol, cannabis, opioid, stimulant, and sedative/hypnotic/anxiolytic"): before,
    # "sedative/hypnotic" was a Method of the paper
    resolved, _, names = arxiv_graph(extractor, "2603.06836v1")
    assert "sedative/hypnotic" not in names, names
    [dropped] = [d for d in resolved.decisions if d.step == "judge" and "sedative/hypnotic" in d.reason]
    assert "a comma or a slash" in dropped.reason


@needs_gold
def test_a_name_without_its_version_is_a_cut_of_the_versioned_name(extractor):
    # arXiv 2512.13604, "LongVie 2: Multimodal Controllable Ultra-Long Video World Model … We present LongVie 2, an
    # end-to-end autoregressive framework": before, the parse's "LongVie" was proposed beside "LongVie 2"
    resolved, graph, _ = arxiv_graph(extractor, "2512.13604")
    proposed = {graph.nodes[t]["name"] for _, t, d in graph.out_edges("2512.13604", data=True) if d["type"] == "PROPOSES"}
    assert "LongVie 2" in proposed and "LongVie" not in proposed, proposed
    [cut] = [d for d in resolved.decisions if d.concept == "Method:longvie"]
    assert cut.action == "drop" and "'LongVie 2'" in cut.reason


@needs_gold
def test_models_of_a_task_the_paper_names_are_that_task(extractor):
    # arXiv 2603.03714, "We study a systematic bias in modern image generation models … Order-to-Space Bias in Image
    # Generation": before, "image generation models" was a Method the paper uses beside the task it addresses
    resolved, graph, names = arxiv_graph(extractor, "2603.03714v1")
    assert "image generation models" not in names, names
    tasks = {graph.nodes[t]["key"] for _, t, d in graph.out_edges("2603.03714v1", data=True) if d["type"] == "ADDRESSES"}
    assert "Task:image generation" in tasks, tasks
    [joined] = {d.reason for d in resolved.decisions if d.step == "container_names" and "image generation model" in d.concept}
    assert "a task the paper names" in joined


@needs_gold
def test_a_claim_lists_its_values_only_where_its_sentence_was_read_whole(extractor):
    # arXiv 2512.12409 ("SWLE achieves up to 4.2x higher throughput, 75% lower latency and 27% Byzantine leader
    # frequency"): before, the 27% was listed as a latency; 2603.09400 ("achieving 60% and 8% lower EPIC distance,
    # respectively") keeps its values
    resolved, graph, _ = arxiv_graph(extractor, "2512.12409", "2603.09400v1")
    listed = {data["id"]: data["quantities"] for _, data in graph.nodes(data=True) if data["label"] == "Claim"}
    assert listed["2512.12409#6"] == []
    assert [q["value"] for q in listed["2603.09400v1#7"]] == [60.0, 8.0]
    [withheld] = [d for d in resolved.decisions if d.step == "whole_values" and d.paper == "2512.12409"]
    assert withheld.concept == "Claim:2512.12409#6" and "'27%' measures 'byzantine leader frequency'" in withheld.reason


@needs_gold
def test_a_value_read_without_the_metric_its_sentence_names_is_not_listed(extractor):
    # arXiv 2603.03111 ("may swing outcomes by -8 to +13 percentage points in Multi-IF strict success rate") and
    # 2603.05168 ("achieves substantial speedups in both training and inference, reaching up to 1.30X"): before, the
    # values were listed with no metric; 2603.07079 ("Pass@8 accuracy gains of +1.37 for Qwen3-0.6B-Base, …") keeps
    # its values, each read with its metric
    resolved, graph, _ = arxiv_graph(extractor, "2603.03111v1", "2603.05168v1", "2603.07079v1")
    listed = {data["id"]: data["quantities"] for _, data in graph.nodes(data=True) if data["label"] == "Claim"}
    assert listed["2603.03111v1#3"] == [] and listed["2603.05168v1#4"] == []
    assert [q["value"] for q in listed["2603.07079v1#7"]] == [1.37, 2.39, 5.05]
    reasons = {d.concept: d.reason for d in resolved.decisions if d.step == "whole_values"}
    assert "has no metric where the sentence names 'strict success rate'" in reasons["Claim:2603.03111v1#3"]
    assert "has no metric where the sentence names 'speedups'" in reasons["Claim:2603.05168v1#4"]


@needs_gold
def test_a_metric_the_paper_gives_a_value_stays_where_the_judge_doubts_it(extractor):
    # arXiv 2603.04698 (kg's train-arxiv inputs, read whole): "reaching 98.2% accuracy on the Stormfront dataset";
    # accuracy is a gold triple of the paper. A judge trained without a paper can doubt such a name: a fold model of
    # models/judge/MODEL_CARD.md (not shipped) gave 0.21 to the 'accuracy' of 2603.04964 ("Basque question-answering
    # accuracy by $2\%$", which kg has read as one metric's name since it reads the LaTeX) and dropped a gold triple.
    # The shipped judge has seen these papers, so the verdicts are set to 0.21 here.
    from kg.resolve.decisions import Recorder
    from kg.resolve.judged import apply_judgements
    from kg.sources.text import clean_text

    read = arxiv_paper("2603.04698v1")
    [paper] = extractor.extract([read.model_copy(update={"abstract": clean_text(read.abstract)})])  # as kg build reads it
    doubted = [m for m in paper.mentions if m.canonical == "accuracy"]
    assert doubted and any(q.metric == "accuracy" for c in paper.claims for q in c.quantities)
    for found in doubted:
        found.judgement = found.judgement.model_copy(update={"concept": 0.21})
    recorder = Recorder()
    [kept] = apply_judgements([paper], recorder, **JUDGE)
    assert {(m.type, m.role) for m in kept.mentions if m.canonical == "accuracy"} == {(ConceptType.METRIC, Role.EVALUATES_ON)}
    [keep] = [d for d in recorder.decisions if d.action == "keep"]
    assert keep.concept == "Metric:accuracy" and "accuracy' a value ('98.2%')" in keep.reason and "0.21" in keep.reason, (
        keep.reason
    )
    # without the value, the judge's doubt stands
    unmeasured = paper.model_copy(update={"claims": []})
    [dropped] = apply_judgements([unmeasured], Recorder(), **JUDGE)
    assert not [m for m in dropped.mentions if m.canonical == "accuracy"]
