"""The numbers a claim states, on real sentences: notation, units, kinds, settings, and the metric and dataset of
each number's own clause. Seed sentences are quoted (kg/data/sample); CSAbstruct, SciERC, SciER and arXiv ones are
read from ../shared/gold."""

from __future__ import annotations

import importlib.util
import json
from functools import cache

import pytest
from conftest import REPO
from test_claims import (
    GOLD,
    arxiv,
    arxiv_paper,
    claim_in_abstract,
    claims_of,
    csabstruct,
    needs_gold,
    quantities,
    scierc,
    scierc_paper,
    seed_paper,
)

from kg.extract.quantities import find_quantities
from kg.sources.text import clean_text
from kg.types import Paper


def only_claim(extractor, text: str):
    [claim] = claims_of(extractor, text)
    return claim


# ---------------------------------------------------------------- notation


@needs_gold
def test_a_range_of_ratios_with_a_times_sign(extractor):
    text = csabstruct("train", 321, 7, "communication rounds by 10–100×")
    assert quantities(only_claim(extractor, text)) == [
        {"value": 10.0, "upper": 100.0, "unit": "x", "kind": "ratio"},
    ]


@needs_gold
def test_latex_times_is_a_ratio_and_its_measure_is_read_through_xml_markup(extractor):
    # the abstract as its publisher wrote it: "an average <inline-formula> <tex-math …>$2.1\times$</tex-math>
    # <alternatives><inline-graphic …/> </alternatives></inline-formula> speedup"; reading keeps the TeX alone
    text = " ".join(clean_text(csabstruct("dev", 141, 3, "$2.1\\times$</tex-math><alternatives>")).split())
    [speedup] = only_claim(extractor, text).quantities
    assert (speedup.value, speedup.unit, speedup.kind, speedup.metric) == (2.1, "x", "ratio", "speedup")


@needs_gold
def test_plus_minus_is_a_spread_of_one_value(extractor):
    text = csabstruct("train", 610, 6, "($8.7\\pm 0.5$ ms per frame)")
    assert quantities(only_claim(extractor, text)) == [
        {"value": 8.7, "error": 0.5, "unit": "ms", "metric": "runtime", "kind": "absolute"},
    ]


@needs_gold
def test_ten_to_a_negative_power_is_one_small_number(extractor):
    # "At a frame error rate of 10-3, the new scheme operates within less than 1.1 dB of the AWGN capacity": 10-3 is
    # 0.001, not the number 10, a range from 10 down to 3 or a ratio; and the error rate the scheme is run at is its
    # operating point, a setting: the result is the gap to capacity
    text = csabstruct("train", 1145, 7, "frame error rate of 10-3")
    found = quantities(only_claim(extractor, text))
    assert found == [{"value": 1.1, "unit": "dB", "kind": "delta"}]
    with extractor.nlp.select_pipes(disable=["kg_sentence_roles", "kg_claims"]):
        sent = next(extractor.nlp("The decoder reaches a frame error rate of 10-3.").sents)
    [(_start, _end, rate)] = find_quantities(sent, metrics=[(4, 7, "frame error rate")])
    assert (rate.value, rate.metric, rate.upper, rate.unit) == (0.001, "frame error rate", None, None)


# ---------------------------------------------------------------- kinds and units


def test_a_relative_gain_is_a_difference_in_percent(extractor):
    # t-aa5fd83111e9ef08, sentence 9 (TextGrad)
    text = (
        "Without modifying the framework, TextGrad improves the zero-shot accuracy of GPT-4o in Google-Proof Question "
        "Answering from 51% to 55%, yields 20% relative performance gain in optimizing LeetCode-Hard coding problem "
        "solutions, improves prompts for reasoning."
    )
    change, gain = quantities(only_claim(extractor, text))
    assert (change["value"], change["baseline"], change["kind"]) == (55.0, 51.0, "change")
    assert gain == {"value": 20.0, "unit": "%", "kind": "delta"}


def test_a_change_may_have_words_between_its_values(extractor):
    # t-99c2016a72962f2e (Large Language Monkeys), sentence 4
    text = (
        "When we apply repeated sampling to SWE-bench Lite, the fraction of issues solved with DeepSeek-V2-Coder-Instruct "
        "increases from 15.9% with one sample to 56% with 250 samples, outperforming the single-attempt state-of-the-art "
        "of 43% which uses more capable frontier models."
    )
    [change, *_] = only_claim(extractor, text).quantities
    assert (change.value, change.baseline, change.unit, change.kind) == (56.0, 15.9, "%", "change")
    assert change.text == "from 15.9% with one sample to 56%"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            # t-ff27c61f4be00068, sentence 11: "ImageNet 64 times 64" is the images' size, no ratio
            "Experimental results show that our method achieves excellent performance by using only a few time steps, e.g. "
            "17.86 FID score on ImageNet 64 times 64 with only four steps, compared to 138.66 with DDIM.",
            [{"value": 17.86, "metric": "fid", "dataset": "imagenet", "kind": "absolute"}],
            id="a size written with times is no ratio",
        ),
        pytest.param(
            # t-644c3ca451dba984, sentence 8
            "Experimental results demonstrate the effectiveness of our approach, achieving a 5% absolute performance "
            "improvement on Leandojo benchmark.",
            [{"value": 5.0, "unit": "points", "dataset": "leandojo", "kind": "delta"}],
            id="an absolute difference of percentages is in points",
        ),
        pytest.param(
            # t-69852cd8295a0dc8 (LoRA-GA), sentence 7: 0.34 is an MT-bench score (no unit), the other two percentages
            "On larger models such as Llama 2-7B, LoRA-GA shows performance improvements of 0.34, 11.52%, and 5.05% on "
            "MT-bench, GSM8K, and Human-eval, respectively.",
            [
                {"value": 11.52, "unit": "%", "dataset": "gsm8k", "kind": "delta"},
                {"value": 5.05, "unit": "%", "dataset": "human eval", "kind": "delta"},
            ],
            id="values listed together share their kind and take their datasets respectively",
        ),
    ],
)
def test_quantities_of_a_sentence(extractor, text, expected):
    assert quantities(only_claim(extractor, text)) == expected


@needs_gold
def test_within_a_number_of_a_reference_is_the_gap_to_it(extractor):
    # "within X of Y" says how far from Y: a difference, not a level of anything
    text = csabstruct("dev", 165, 9, "the new bounds are within 0.5-1.5% of the optimal values")
    assert quantities(only_claim(extractor, text)) == [{"value": 0.5, "upper": 1.5, "unit": "%", "kind": "delta"}]
    text = arxiv("2512.13170", "RMSE within 0.3% of offline Bayesian Optimization")
    assert quantities(only_claim(extractor, text)) == [{"value": 0.3, "unit": "%", "metric": "rmse", "kind": "delta"}]


# ---------------------------------------------------------------- settings are no results


@pytest.mark.parametrize(
    ("text", "results"),
    [
        # t-e58b7bdbb002838a: the model's size is how it was run; the FID is what it achieved
        (
            "By utilizing an expanded network with 1.7B parameters, we further improve the FID to 22.4.",
            [{"value": 22.4, "metric": "fid", "kind": "absolute"}],
        ),
        # t-d9002f8e0317ebf8, sentence 6: "with 10x decay" is a training setting, not a speedup
        (
            "Models such as Llama2-7B, trained for 286 TPP with 10x decay, could likely have saved a majority of compute "
            "by training with D2Z.",
            [],
        ),
    ],
)
def test_settings_are_no_quantities_of_the_claim(extractor, text, results):
    assert [quantities(c) for c in claims_of(extractor, text)] in ([results], [])
    assert all(quantities(c) == results for c in claims_of(extractor, text))


@needs_gold
def test_a_number_in_brackets_restating_a_setting_is_a_setting(extractor):
    # "for the first third of the trajectory (<; 500msec)": the bracket gives the window's length, how the
    # prediction was run; the 70% is the result. A name's bracket stays a result: "on HMDB51 and UCF101 (93.1%)".
    text = csabstruct("dev", 50, 6, "for the first third of the trajectory (<; 500msec)")
    assert [q.value for q in only_claim(extractor, text).quantities] == [70.0]
    text = csabstruct("train", 606, 9, "on HMDB51 and UCF101 (93.1%)")
    assert [(q.value, q.dataset) for q in only_claim(extractor, text).quantities] == [(93.1, "ucf101")]


def test_values_given_with_their_metric_after_e_g_are_the_result_not_the_condition(extractor):
    # t-e55ca58f5859ebc4 (DEIS), sentence 8 of the bundled sample, its tie read as a space: the parser hangs the "e.g."
    # list on "is limited", and the values were read as the condition's; 10 and 15 NFEs are how they were obtained
    deis = seed_paper("t-e55ca58f5859ebc4")
    assert "number of score function evaluation (NFE) is limited, e.g., 4.17 FID with 10 NFEs" in deis.abstract
    [claim] = [c for c in extractor.extract_one(deis).claims if "e.g., 4.17 FID" in c.text]
    assert [(q.value, q.metric) for q in claim.quantities] == [(4.17, "fid"), (3.37, "fid"), (9.74, "is")]
    # an example of the condition names no metric after its value: a setting, not what was found
    text = "The model converges quickly when the learning rate is small, e.g., 0.001, and reaches 91.2% accuracy on CIFAR-10."
    assert [q.value for q in only_claim(extractor, text).quantities] == [91.2]


# ---------------------------------------------------------------- the metric and dataset of a number's own clause


@needs_gold
def test_each_number_takes_the_metric_written_with_it(extractor):
    text = csabstruct("dev", 131, 6, "99.53% LFW face verification accuracy and 96.0% LFW rank-1")
    verification, identification = quantities(only_claim(extractor, text))
    assert identification["metric"] == "rank 1 face identification accuracy"
    assert verification.get("metric") != identification["metric"]  # the 99.53% is face verification's
    assert verification["dataset"] == identification["dataset"] == "lfw"


@needs_gold
def test_respectively_pairs_values_with_datasets_and_a_bare_year_names_the_next_edition(extractor):
    # "78.9% and 76.3% mAP on PASCAL VOC 2007 and 2012 respectively": the tagger names only VOC 2007; the "2012" of
    # the list is the next edition of the same benchmark, and the second value was measured there
    text = csabstruct("dev", 121, 7, "78.9% and 76.3% mAP on PASCAL VOC 2007 and 2012 respectively")
    first, second = quantities(only_claim(extractor, text))
    assert first == {"value": 78.9, "unit": "%", "metric": "map", "dataset": "pascal voc 2007", "kind": "absolute"}
    assert second == {"value": 76.3, "unit": "%", "metric": "map", "dataset": "pascal voc 2012", "kind": "absolute"}


@needs_gold
@pytest.mark.parametrize(
    ("abstract", "sentence", "says", "value", "measured"),
    [
        # no metric lexicon knows these, but the sentence says what the number measures
        # "the expected savings are up to 20%": a saving said of its subject is a difference, not a level; "… in the
        # number of submitted queries and runtime": the runtime listed with what is counted is a second measure
        (
            214,
            5,
            "the expected savings are up to 20% in the number of submitted queries",
            20.0,
            {"metric": "number of submitted queries", "kind": "delta"},
        ),
        (235, 6, "10 times higher for TWTAs", 10.0, {"metric": "ratio of operational to redundant amplifiers"}),
        # "On the ImageNet classification task,": the task the tagger found is named after its dataset
        (292, 7, "On the ImageNet classification task", 74.0, {"metric": "top 1 accuracy", "dataset": "imagenet"}),
        # a percentage of what the noun phrase after it names, past its bound "or higher"
        (50, 6, "achieving 70% or higher correct classification", 70.0, {"metric": "correct classification"}),
    ],
)
def test_what_a_number_measures_may_be_a_phrase(extractor, abstract, sentence, says, value, measured):
    [number] = [q for q in only_claim(extractor, csabstruct("dev", abstract, sentence, says)).quantities if q.value == value]
    assert {k: getattr(number, k) for k in measured} == measured


# ---------------------------------------------------------------- the review of CSAbstruct dev (docs/reviews)


@needs_gold
@pytest.mark.parametrize(
    ("abstract", "sentence", "says", "expected"),
    [
        pytest.param(
            116,
            3,
            "less than 1 m (0.25% of distance traveled)",
            [
                {"value": 1.0, "unit": "m", "metric": "position error", "kind": "absolute"},
                # the bracket restates the position error in percent of the distance travelled
                {"value": 0.25, "unit": "%", "metric": "position error", "kind": "absolute"},
            ],
            id="a unit of one letter after a space; a value in brackets right after restates its measure",
        ),
        pytest.param(
            178,
            4,
            "we successfully perform a grab 92% of the time",
            [{"value": 92.0, "unit": "%", "kind": "absolute"}],
            id="of the time says how often, it measures no time",
        ),
        pytest.param(
            180,
            4,
            "accuracy is 89 percent for the photomicrographs, 82 percent",
            [
                {"value": value, "unit": "%", "metric": "test set identification accuracy", "kind": "absolute"}
                for value in (89.0, 82.0, 83.0)
            ],
            id="a metric said to be a value, and the values listed after it",
        ),
        pytest.param(
            261,
            3,
            "a top-10 accuracy of 73.2% vs. 54.7% by TransE on Freebase",
            [
                {"value": value, "unit": "%", "metric": "top-10 accuracy", "dataset": "freebase", "kind": "absolute"}
                for value in (73.2, 54.7)
            ],
            id="the metric's cut-off is part of its name and the value compared with it measures the same",
        ),
        pytest.param(
            25,
            5,
            "a Mean Average Best Overlap of 0.879",
            [
                {"value": 99.0, "unit": "%", "metric": "recall", "kind": "absolute"},
                {"value": 0.879, "metric": "mean average best overlap", "kind": "absolute"},
            ],
            id="a capitalised metric name is read whole",
        ),
        pytest.param(
            273,
            4,
            "a maximum detectable distance of 106 meters",
            [
                {"value": 106.0, "unit": "m", "metric": "maximum detectable distance", "kind": "absolute"},
                {"value": 243.0, "unit": "mW", "kind": "absolute"},  # "while consuming 243 mW"
            ],
            id="a distance in meters and a power in milliwatts",
        ),
        pytest.param(
            210,
            5,
            "occupies a core area of 0.94 mm2",
            [
                {"value": 1.23, "unit": "mW", "kind": "absolute"},
                # "mm2" is square millimetres; "occupies" is finite, so it is no verb of the "when operating" condition
                {"value": 0.94, "unit": "mm²", "metric": "core area", "kind": "absolute"},
            ],
            id="an area in square millimetres after a condition's participle",
        ),
    ],
)
def test_quantities_of_the_reviewed_csabstruct_sentences(extractor, abstract, sentence, says, expected):
    claim = only_claim(extractor, csabstruct("dev", abstract, sentence, says))
    assert quantities(claim) == expected


@needs_gold
def test_the_scope_a_sentence_opens_with_is_the_dataset_of_each_of_its_values(extractor):
    # "On the ImageNet classification task, our model achieves 74.0% top-1 accuracy with 76ms latency on a Pixel phone,
    # which is 1.5× faster than MobileNetV2 … and 2.4× faster than NASNet …": the parser hangs the 2.4× on "achieves",
    # in the clause of two other values; the opening scope still frames it
    text = csabstruct("dev", 292, 7, "and 2.4× faster than NASNet")
    found = only_claim(extractor, text).quantities
    assert [(q.value, q.dataset) for q in found] == [(74.0, "imagenet"), (76.0, "imagenet"), (1.5, "imagenet"), (2.4, "imagenet")]


@needs_gold
def test_a_metric_does_not_start_with_the_name_of_its_dataset(extractor, tmp_path):
    # read in its abstract, the tagger names "LFW face verification accuracy" a metric and "LFW" its dataset
    claim = claim_in_abstract(extractor, tmp_path, "dev", 131, 6, "99.53% LFW face verification accuracy")
    assert [(q.value, q.metric, q.dataset) for q in claim.quantities] == [
        (99.53, "face verification accuracy", "lfw"),
        (96.0, "rank 1 face identification accuracy", "lfw"),
    ]


@needs_gold
def test_an_equals_sign_a_pdf_turned_into_a_quarter_is_read_as_equals(extractor, tmp_path):
    # "(Adjusted Odds Ratio [AOR] 1⁄4 3.0, 95% CI 1⁄4 1.9e4.8)": the publisher's "=" came out of the PDF as the glyph ¼
    # (1, fraction slash, 4) and its en dash as "e". The odds ratios are the results; the 95% is the interval's
    # confidence level; neither the 1 nor the 4 of the glyph is a number of the paper.
    # Read as kg reads the abstract, whole: alone the sentence leaves the tagger unsure AOR is a metric.
    claim = claim_in_abstract(extractor, tmp_path, "dev", 68, 5, "(Adjusted Odds Ratio [AOR] 1⁄4 3.0, 95% CI 1⁄4 1.9e4.8)")
    assert quantities(claim) == [
        {"value": 3.0, "metric": "aor", "kind": "absolute"},
        {"value": 3.2, "metric": "aor", "kind": "absolute"},
    ]


@needs_gold
def test_an_increase_is_a_difference_however_far_its_of_phrase_is_hung(extractor):
    # the parser hangs "of >200%" on "study": the number is still the increase's size
    text = csabstruct("dev", 235, 5, "an increase in output power from the 1993 study of >200%")
    found = [(q.value, q.unit, q.kind) for q in only_claim(extractor, text).quantities]
    assert found == [(200.0, "%", "delta"), (1000.0, "%", "delta")]


@needs_gold
@pytest.mark.parametrize(
    ("abstract", "sentence", "says", "value", "expected"),
    [
        # what a number measures, said by the phrase around it rather than by a metric's name
        (65, 3, "a torque control bandwidth of more than 70 Hz", 70.0, {"unit": "Hz", "metric": "torque control bandwidth"}),
        (65, 5, "an autonomy of more than 2 h", 2.0, {"unit": "h", "metric": "autonomy"}),
        (65, 5, "requires less than 280 W", 280.0, {"unit": "W", "metric": None}),  # "full-speed" qualifies "running"
        (261, 8, "reduce the information leakage by up to 60%", 60.0, {"kind": "delta", "metric": "information leakage"}),
        (149, 6, "the KNN degraded only about 20%", 20.0, {"kind": "delta"}),
        (30, 7, "an accuracy that ranges from 90% to 100%", 90.0, {"upper": 100.0, "metric": "accuracy"}),
        (84, 2, "achieve 37.1% top-5 error", 37.1, {"metric": "top-5 error"}),
        (127, 6, "4.94% top-5 test error", 4.94, {"metric": "top-5 test error"}),
        (94, 6, "an accuracy of 99.6% in detecting visible bolts and of 95%", 95.0, {"metric": "accuracy"}),
        (265, 4, "is 3-20 times larger", 3.0, {"kind": "ratio", "metric": "power density"}),
        (56, 5, "by at least 2 ROUGE points", 2.0, {"unit": "points", "kind": "delta", "metric": "rouge"}),
        (303, 8, "improves the true positive rate by 98.3%", 98.3, {"kind": "delta", "metric": "true positive rate"}),
        (390, 9, "root mean squared error is reduced from 43.76 to 3.64", 3.64, {"metric": "root mean squared error"}),
        (365, 8, "with 41.38 % vs 35.07 % average accuracy", 41.38, {"metric": "average accuracy"}),
        (395, 9, "97.70% overall success rates", 97.7, {"metric": "overall success rates"}),
        (563, 7, "16% law enforcement", 16.0, {"metric": None}),  # a share of people, no measure
        (
            620,
            5,
            "reducing the error of the current state of the art by more than 27%",
            27.0,
            {"kind": "delta", "metric": "error"},
        ),
        (460, 6, "23.7 points behind human performance", 23.7, {"unit": "points", "kind": "delta"}),
        (493, 6, "and critical path delay by between 29.9% and 60.5%", 29.9, {"upper": 60.5, "metric": "critical path delay"}),
        # round 4, CSAbstruct train 900-1199
        (1021, 7, "success rates of 98%, 82%, and 58% respectively", 58.0, {"metric": "success rates"}),
        (1053, 7, "in terms of the estimated popularity probability", 15.0, {"metric": "estimated popularity probability"}),
        (1066, 6, "burns 52.8% lesser power", 52.8, {"kind": "delta", "metric": "power"}),
        (1114, 8, "a speedup of upto 60", 60.0, {"unit": "x", "kind": "ratio", "metric": "speedup"}),
        # the framing "On the SQuAD dataset," reaches the relative clause; "On average, IntelliDroid" names no dataset
        (143, 6, "the best published F1 score of 81.8", 81.8, {"dataset": "squad"}),
        (27, 8, "On average, IntelliDroid performs these tasks in 138.4 seconds", 138.4, {"unit": "s", "dataset": None}),
        # round 5, CSAbstruct train 1200-1499 (read whole, the abstract splits this sentence at "≤0.5 (Re0.5)")
        (1473, 7, "a mean absolute error (ε) of 0.304", 0.304, {"metric": "mean absolute error"}),
        (51, 6, "a fixed end-to-end latency of 1μs", 1.0, {"unit": "µs", "metric": "end-to-end latency"}),
        # CSAbstruct train 1500-1667: rates written as units
        (1504, 4, "a transaction throughput of 5.76GB/h", 5.76, {"unit": "GB/h", "metric": "transaction throughput"}),
        (1504, 5, "6400 transactions per second", 6400.0, {"unit": "transactions/s", "metric": "throughput"}),
        (1642, 5, "the throughput of 126 frames/s", 126.0, {"unit": "fps", "metric": "throughput"}),
        (1642, 5, "the energy efficiency of 0.041 J/frame", 0.041, {"unit": "J/frame", "metric": "energy efficiency"}),
    ],
)
def test_what_a_number_measures_in_csabstruct_train_sentences(extractor, abstract, sentence, says, value, expected):
    # abstracts 0-299, 300-599, 600-899, 900-1199 and 1200-1499 of CSAbstruct train, as five rounds of review found them misread
    [number] = [q for q in only_claim(extractor, csabstruct("train", abstract, sentence, says)).quantities if q.value == value]
    assert {k: getattr(number, k) for k in expected} == expected


@needs_gold
def test_a_difference_is_in_what_its_noun_compounds(extractor, tmp_path):
    claim = claim_in_abstract(extractor, tmp_path, "train", 296, 5, "water savings of up to 90%")
    assert quantities(claim) == [{"value": 90.0, "unit": "%", "metric": "water", "kind": "delta"}]


@needs_gold
def test_a_value_said_not_to_be_reached_is_no_result(extractor, tmp_path):
    claim = claim_in_abstract(extractor, tmp_path, "train", 289, 9, "the true positive rate is not 100%")
    assert claim is None or claim.quantities == []


@needs_gold
def test_an_operating_point_is_no_result(extractor):
    text = csabstruct("train", 303, 8, "at a false positive rate of 0.1%")
    assert [q.value for q in only_claim(extractor, text).quantities] == [98.3]
    text = csabstruct("train", 1367, 6, "at a very low false positive rate of 0.3%")
    assert [q.value for q in only_claim(extractor, text).quantities] == [96.67]
    # written without "a … of", a level is the result it states
    text = csabstruct("train", 729, 8, "at 100% precision with recall rates of up to 60%")
    assert [(q.value, q.metric) for q in only_claim(extractor, text).quantities] == [(100.0, "precision"), (60.0, "recall rate")]


@needs_gold
def test_a_difference_measures_what_it_reduces(extractor, tmp_path):
    # read whole, the abstract's tagger span is "error reduction": the 31% is a difference in error
    claim = claim_in_abstract(extractor, tmp_path, "train", 731, 5, "we achieve 31% error reduction")
    assert quantities(claim) == [{"value": 31.0, "unit": "%", "metric": "error", "kind": "delta"}]


@needs_gold
@pytest.mark.parametrize(
    ("abstract", "sentence", "says", "value", "expected"),
    [
        # a dataset framing the sentence outside the number's clause
        (1332, 5, "on the ARC dataset where it outperforms", 7.4, {"dataset": "arc"}),
        (1453, 6, "Experiments on the challenging KITTI benchmark show", 25.0, {"metric": "ap", "dataset": "kitti"}),
        # what a number measures
        (1290, 6, "we increase the F-score of the drivable distance", 0.97, {"metric": "f score", "baseline": 0.86}),
        (1342, 3, "which obtains 3.5 times yield", 3.5, {"unit": "x", "metric": "yield"}),
        (1351, 7, "the click-through rate (CTR) improved by 23%", 23.0, {"metric": "click-through rate"}),
        (1351, 7, "the total duration improved by 10%", 10.0, {"kind": "delta", "metric": "total duration"}),
        (1402, 6, "up to 9% improvement in player engagement", 9.0, {"kind": "delta", "metric": "player engagement"}),
        (1369, 6, "The accuracy rate of this automatic identification method", 98.0, {"metric": "accuracy rate"}),
        (1261, 4, "compared to a conventional GMM based system (40%)", 40.0, {"metric": "frame wise error rate"}),
        (1285, 5, "a 2-6 times higher device power consumption", 2.0, {"upper": 6.0, "metric": "device power consumption"}),
        (1250, 5, "The typical power consumption is 7.3mA", 7.3, {"unit": "mA", "metric": "power consumption"}),
    ],
)
def test_what_a_number_measures_in_csabstruct_train_1200_1499(extractor, tmp_path, abstract, sentence, says, value, expected):
    # round 5 of the review (docs/reviews/quantities-csabstruct-train.md), each abstract read whole as kg build reads it
    claim = claim_in_abstract(extractor, tmp_path, "train", abstract, sentence, says)
    [number] = [q for q in claim.quantities if q.value == value]
    assert {k: getattr(number, k) for k in expected} == expected


@needs_gold
def test_a_list_of_datasets_framing_a_list_of_values_pairs_them_in_order(extractor):
    # round 5 (csab-train-1462#5), the sentence read as a result: in its abstract the role model's call on it is
    # close enough that bfloat16 kernels of one CPU or another decide it (a "method" sentence states no result)
    text = csabstruct("train", 1462, 5, "on PASCAL VOC 2012 and Cityscapes datasets")
    found = {q.value: q.dataset for q in only_claim(extractor, text).quantities}
    assert found == {89.0: "pascal voc 2012", 82.1: "cityscape"}


@needs_gold
def test_a_condition_and_a_signed_level_are_no_results(extractor, tmp_path):
    # "if the latter is experiencing 10 dB additional loss" says when the coverage holds
    claim = claim_in_abstract(extractor, tmp_path, "train", 1285, 3, "if the latter is experiencing 10 dB additional loss")
    assert claim is None or all(q.value != 10.0 for q in claim.quantities)
    # "with a transmit power of −10 dBm" is a setting, and no difference: a signed dBm value is a level
    claim = claim_in_abstract(extractor, tmp_path, "train", 1250, 5, "with a transmit power of −10 dBm")
    assert all(q.unit != "dBm" for q in claim.quantities)


@needs_gold
def test_a_note_on_the_arxiv_upload_is_no_claim(extractor, tmp_path):
    says = "to respect arxiv.org’s 10MB limit on paper size"
    assert claim_in_abstract(extractor, tmp_path, "train", 1280, 9, says) is None


@needs_gold
def test_the_speed_a_method_runs_at_is_a_result_and_the_data_it_ranges_over_a_setting(extractor):
    text = csabstruct("train", 1128, 6, "runs at 14 FPS on a single CPU core")
    assert [(q.value, q.unit) for q in only_claim(extractor, text).quantities] == [(14.0, "fps"), (100.0, "fps")]
    text = csabstruct("train", 874, 5, "with training data ranging from 3 to 1800 hours")
    assert [c.quantities for c in claims_of(extractor, text)] in ([[]], [])


@needs_gold
def test_respectively_pairs_values_with_a_framing_list_whose_other_item_is_no_dataset(extractor):
    # train-arxiv 2603.10764v1: the 20% is on "a private electronic health records cohort", not on MIMIC; "36% and 20%
    # improvements" are both differences. Read whole, as kg build reads it: the tagger also calls HeartAgent a dataset
    [claim] = [c for c in extractor.extract_one(arxiv_paper("2603.10764v1")).claims if "MIMIC" in c.text]
    assert [(q.value, q.kind, q.dataset) for q in claim.quantities] == [
        (36.0, "delta", "mimic"),
        (20.0, "delta", None),
    ]


def seed_claim(extractor, paper_id: str, says: str):
    """The claim of a seed abstract (read whole, as kg build reads it) whose sentence says ``says``."""
    [claim] = [c for c in extractor.extract_one(seed_paper(paper_id)).claims if says in c.text]
    return claim


@pytest.mark.parametrize(
    ("paper_id", "says", "value", "expected"),
    [
        # what a ratio multiplies: the noun phrase after it, without its difference word
        ("t-623e37c689fb0df9", "2.7times peak memory reduction", 2.7, {"metric": "peak memory"}),
        ("t-9c40ca6ecfd27bb3", "6times wall-clock time reduction", 6.0, {"metric": "wall-clock time"}),
        ("t-69852cd8295a0dc8", "2-4 times convergence speed improvement", 2.0, {"metric": "convergence speed"}),
        # "gains in underrepresented domains" says where, not in what
        ("t-4d3091b11ca1349a", "9.1% gains in underrepresented domains", 9.1, {"kind": "delta", "metric": None}),
        # "during the training in Lean": data trained on frames no result
        ("t-2d7703a604b354ff", "the previous best result of 13.2%", 13.2, {"dataset": None}),
        # a list of datasets framing one value: the 40% is no figure of any one of them
        ("t-e6b34eb59060a251", "InfoBatch losslessly saves", 40.0, {"metric": "cost", "dataset": None}),
        # "accuracies on MNIST, CIFAR-10, STL-10, and ImageNet, respectively reach 99.4%, 80.3%, …"
        ("t-47b4720549da312c", "respectively reach 99.4%", 80.3, {"dataset": "cifar 10"}),
        # a programming language is no dataset: "speedups of more than 2.5x … for C++ and Python"
        ("t-4754e2ef7c68a7b6", "speedups of more than 2.5x", 2.5, {"metric": "speedup", "dataset": None}),
        # a ratio of a hyperparameter the method allows is a result, not a setting
        ("t-623e37c689fb0df9", "6.4times larger batch size", 6.4, {"metric": "batch size", "kind": "ratio"}),
        # a participle that names the measure ("verified error") makes no setting of the value before it
        ("t-c42a18237d60710d", "82.36% verified error on TinyImageNet", 82.36, {"dataset": "tinyimagenet"}),
        # what "enhances … by" changes is its object, not the method doing it
        ("t-3f105b5d32514410", "enhances the converged FID", 0.38, {"metric": "fid"}),
    ],
)
def test_what_a_number_measures_in_seed_abstracts(extractor, paper_id, says, value, expected):
    [number] = [q for q in seed_claim(extractor, paper_id, says).quantities if q.value == value]
    assert {k: getattr(number, k) for k in expected} == expected


@needs_gold
def test_a_metric_name_that_qualifies_a_noun_measures_no_count(extractor):
    # "173 IS literature reviews": IS (information systems) is no Inception Score of 173
    text = csabstruct("train", 1595, 4, "an empirical analysis of 173 IS literature reviews")
    assert [c.quantities for c in claims_of(extractor, text)] in ([[]], [])


# ---------------------------------------------------------------- SciERC abstracts (docs/reviews/claims-scierc.md)


@needs_gold
@pytest.mark.parametrize(
    ("doc_key", "says", "value", "expected"),
    [
        # the measure is the subject of a passive verb of change; the tagger's "accuracy" and the measure's own head
        ("C92-1055", "is raised from 46.0% to 60.62%", 60.62, {"metric": "accuracy rate", "kind": "change"}),
        # the second difference of a list is of the same F-measure, though an article stands before it
        ("H05-1064", "an ~ 0.25% improvement beyond", 0.25, {"metric": "f measure", "kind": "delta"}),
        # "performance" names no measure of its own
        ("INTERSPEECH_2015_9_abs", "Term Error Rate Performance", 3.8, {"metric": "term error rate"}),
        ("W08-2122", "79.1% macro-average F1 performance", 79.1, {"metric": "macro average f1"}),
        # common words before a metric's name belong to it
        ("W08-2122", "71.0% semantic dependencies F1", 71.0, {"metric": "semantic dependencies f1"}),
        # a metric written before a comma and the values; languages are no datasets
        ("I08-1043", "with high precision, 94.3% and 84.6%", 84.6, {"metric": "precision", "dataset": None}),
        ("I05-2044", "dependency parsers for the Chine language", 10.08, {"dataset": None}),
        # a framing list of datasets paired with the values "respectively"
        ("P02-1060", "F-measures of 96.6% and 94.1% respectively", 96.6, {"dataset": "muc 6"}),
        ("P02-1060", "F-measures of 96.6% and 94.1% respectively", 94.1, {"dataset": "muc 7 english ne task"}),
        # a dataset that ends the clause, after every value of it
        ("P05-1073", "on PropBank", 32.0, {"metric": "error", "dataset": "propbank"}),
        # the data of "experiments using …", and the metric in brackets right after the value
        ("P05-1010", "a performance of 86.6% (F1", 86.6, {"metric": "f1", "dataset": "penn wsj"}),
        # "the accuracy difference … is only 14.0%" is a difference in accuracy
        ("P03-1058", "the accuracy difference", 14.0, {"metric": "accuracy", "kind": "delta"}),
        # the first words of a metric's name the tagger left out; a rating a number is said of
        ("P03-1050", "22-38% in average precision", 22.0, {"metric": "average precision"}),
        ("N01-1003", "is only 5% worse than", 5.0, {"metric": "rating", "kind": "delta"}),
        # "according to the … metric" names the measure
        ("N03-1004", "according to the average precision metric", 32.8, {"metric": "average precision"}),
    ],
)
def test_what_a_number_measures_in_scierc_abstracts(extractor, doc_key, says, value, expected):
    """Each abstract read whole, as `kg build` reads it."""
    claims = [c for c in extractor.extract_one(scierc_paper(doc_key)).claims if says in c.text]
    [number] = [q for claim in claims for q in claim.quantities if q.value == value]
    assert {k: getattr(number, k) for k in expected} == expected


@needs_gold
def test_one_in_a_million_is_one_small_number(extractor):
    text = scierc("NIPS_2001_10_abs", "a false positive rate of 1 in a 1,000,000")
    [rate] = [q for q in only_claim(extractor, text).quantities if q.metric == "false positive rate"]
    assert (rate.value, rate.text) == (1e-06, "1 in a 1,000,000")


@needs_gold
def test_a_value_in_a_when_clause_is_a_condition(extractor):
    text = scierc("ICASSP_2016_14_abs", "even when SIR is smaller than 0dB")
    assert [q for c in claims_of(extractor, text) for q in c.quantities] == []


# ---------------------------------------------------------------- arXiv abstracts of 2025-26 (train-arxiv inputs)


@needs_gold
def test_the_share_of_data_a_method_used_is_a_setting_where_the_parser_makes_a_clause_of_using(extractor):
    # arXiv 2512.13262: "Using only 10% of the training dataset, GRBO improves safety performance by over 40% …";
    # before, the 10% was listed as a result of the claim
    text = arxiv("2512.13262", "Using only 10% of the training dataset")
    assert [(q.value, q.kind) for q in only_claim(extractor, text).quantities] == [(40.0, "delta")]


@needs_gold
@pytest.mark.parametrize(
    ("paper_id", "says", "value", "expected"),
    [
        # "ranged from … to …" is a spread across items, not a change
        ("2603.06836v1", "Classification precision ranged from 92% to 100%", 92.0, {"kind": "absolute", "upper": 100.0}),
        # and its measure is the subject, a hyphenated word kept whole
        ("2603.06836v1", "Test-retest agreement ranged", 92.1, {"metric": "test-retest agreement", "upper": 99.1}),
        # a benchmark's short form in brackets frames the clause after it, as its name would
        ("2603.10913v1", "improving by 9.3%", 9.3, {"dataset": "massive text embedding benchmark"}),
        # a range of TeX ratios
        ("2603.08177v1", "compressing reasoning traces by approximately", 29.0, {"unit": "x", "upper": 50.0}),
        # a list whose values carry a label in brackets shares the metric
        ("2603.10211v1", "agreement rates of 86% (North)", 85.0, {"metric": "agreement rate"}),
        # the value a result is said to exceed is of the same metric
        ("2603.04380v1", "exceeding human performance", 77.3, {"metric": "average accuracy"}),
        # gains listed with their scopes are all gains, though a scope is hyphenated ("search-based QA")
        ("2512.13278", "yielding average gains of 6.4%", 6.9, {"kind": "delta"}),
    ],
)
def test_what_a_number_measures_in_arxiv_abstracts(extractor, paper_id, says, value, expected):
    """Each abstract read whole, as `kg build` reads it."""
    claims = [c for c in extractor.extract_one(arxiv_paper(paper_id)).claims if says in c.text]
    [number] = [q for claim in claims for q in claim.quantities if q.value == value]
    assert {k: getattr(number, k) for k in expected} == expected


def test_a_value_that_says_its_own_measure_takes_no_metric_from_the_list(extractor):
    # "up to 4.93 fewer rollouts and a 4.19 reduction in wall-clock time": the 4.19 is no count of rollouts
    claim = seed_claim(extractor, "t-b0c9ddc1670c25c4", "4.19 reduction in wall-clock time")
    assert [q.metric for q in claim.quantities if q.value == 4.19] in ([], ["wall-clock time"])


# ---------------------------------------------------------------- SciER train: ML papers (docs/reviews/quantities-scier-train.md)


@cache
def _scier_sentences() -> dict[str, list[str]]:
    """SciER's train sentences by document, detokenized as docs/reviews/scier-corpus.py writes the review's corpus."""
    spec = importlib.util.spec_from_file_location("scier_corpus", REPO / "docs" / "reviews" / "scier-corpus.py")
    corpus = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(corpus)
    documents: dict[str, list[str]] = {}
    for line in (GOLD / "scier" / "train.llm.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        documents.setdefault(record["doc_id"], []).append(corpus.detokenize(record["sentence"]))
    return documents


def scier(doc_id: str, says: str) -> str:
    """The sentence of SciER train document ``doc_id`` that says ``says``."""
    return next(s for s in _scier_sentences()[doc_id] if says in s)


def scier_quantities(extractor, doc_id: str, says: str) -> list:
    return [q for claim in claims_of(extractor, scier(doc_id, says)) for q in claim.quantities]


@needs_gold
@pytest.mark.parametrize(
    ("doc_id", "says"),
    [
        # "losing just 0.45% and 0.04% top-1 accuracy on ImageNet": what a method loses is a difference
        ("35249701", "losing just 0.45% and 0.04% top-1 accuracy"),
        # "the performance deteriorates around 3%"
        ("102351044", "the performance deteriorates around 3%"),
    ],
)
def test_what_a_method_loses_is_a_difference(extractor, doc_id, says):
    numbers = scier_quantities(extractor, doc_id, says)
    assert numbers and {q.kind for q in numbers} == {"delta"}


@needs_gold
@pytest.mark.parametrize(
    ("doc_id", "says", "expected"),
    [
        # a gain the number is the size of: "brings 1.4% benefit", "adding 0.127 points of digit IoU"
        ("202565512", "brings 1.4% benefit", [(1.4, "delta")]),
        ("210860962", "adding 0.127 points of digit IoU", [(0.127, "delta"), (0.08, "delta")]),
        # a cost over the baseline's: "consumes about 25% extra time"
        ("21683040", "consumes about 25% extra time", [(25.0, "delta")]),
        # a range written with minus signs, hedged with "∼", after "a drop in performance of"
        ("23569888", "substantial drop in performance", [(50.0, "delta")]),
        # the margin of a win: "outperforms KSSNet (statistical graph) by a mAP of 0.4"
        ("208202241", "by a mAP of 0.4", [(0.4, "delta")]),
    ],
)
def test_a_difference_in_scier_results_sections_is_read_as_a_difference(extractor, doc_id, says, expected):
    # SciER train sentences the strict review found read as levels (docs/reviews/whole-values-scier-train.md)
    assert [(q.value, q.kind) for q in scier_quantities(extractor, doc_id, says)] == expected


def test_a_level_the_winner_reaches_is_no_margin(extractor):
    [claim] = claims_of(extractor, "Our model outperforms all baselines with an accuracy of 92.1% on SST-2.")
    assert [(q.value, q.kind) for q in claim.quantities] == [(92.1, "absolute")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # SciER dev (scier-201307511): how often, not how much more; before, read as ratios 19×, 8× and 3×
        (
            "Out of 30 analogy pairings tested, we found both GloVe and ViCo to be correct 19 times, only ViCo was "
            "correct 8 times, and only Glove was correct 3 times.",
            [],
        ),
        # SciER dev (scier-121101928): a ratio compares
        ("CornerNetSaccade is more accurate than CornerNet at multi-scales and 6 times faster.", [(6.0, "ratio")]),
    ],
)
def test_n_times_is_a_ratio_only_where_it_compares(extractor, text, expected):
    assert [(q.value, q.kind) for claim in claims_of(extractor, text) for q in claim.quantities] == expected


@needs_gold
def test_respectively_with_only_some_values_given_a_dataset_is_not_read_item_by_item(extractor):
    # "the precision is more than 80% and 90% on Market 1501 and DukeMTMC-reID, respectively": before, the 80% was
    # given DukeMTMC-reID and the 90% nothing, and both were listed
    sentences = _scier_sentences()["53731879"]
    paper = Paper(id="scier-53731879", title=sentences[0], abstract=" ".join(sentences))
    [claim] = [c for c in extractor.extract_one(paper).claims if "the precision is more than 80% and 90%" in c.text]
    assert [q.value for q in claim.quantities] == [80.0, 90.0]
    assert any("'respectively' pairs the values" in reason for reason in claim.unread), claim


@needs_gold
def test_one_dataset_after_a_list_is_every_values_though_respectively_pairs_something_else(extractor):
    # "The deeper ResNet and DenseNet networks with 50 and 121 layers, respectively, …, losing just 0.45% and 0.04%
    # top-1 accuracy on ImageNet, respectively": the networks pair with the values, ImageNet is both values'
    numbers = scier_quantities(extractor, "35249701", "losing just 0.45% and 0.04% top-1 accuracy")
    assert [(q.value, q.dataset) for q in numbers] == [(0.45, "imagenet"), (0.04, "imagenet")]


@needs_gold
def test_one_mention_that_is_itself_a_list_is_not_every_values_dataset(extractor):
    # "a best accuracy of 98.0% and 77.5% for Indian and Western musical genres respectively": whatever the first
    # value is given, the 77.5% is no figure of the whole list
    text = csabstruct("train", 1479, 5, "for Indian and Western musical genres respectively")
    [claim] = claims_of(extractor, text)
    assert [q.dataset for q in claim.quantities if q.value == 77.5] != ["indian and western musical genre"]


@needs_gold
@pytest.mark.parametrize(
    ("doc_id", "says", "setting"),
    [
        # a hyperparameter's value is a setting, whatever verb states it
        ("210839545", "the base learning rate is set as 0.02", 0.02),
        ("35249701", "a very aggressive single-shot pruning ratio of 90%", 90.0),
        # "to a 75% pruned ImageNet-trained network": a value before a participle says how the thing was made
        ("35249701", "to a 75% pruned ImageNet-trained network", 75.0),
        # "a much higher AP at 0.9 IoU": the level of another measure the AP is read at
        ("51923817", "achieves a much higher AP at 0.9 IoU", 0.9),
    ],
)
def test_settings_in_ml_papers_are_no_results(extractor, doc_id, says, setting):
    assert setting not in [q.value for q in scier_quantities(extractor, doc_id, says)]


@needs_gold
def test_the_results_measure_is_named_after_for(extractor):
    numbers = scier_quantities(extractor, "24972096", "we achieved 79.04% for overall pixel accuracy")
    assert [(q.value, q.metric) for q in numbers][:3] == [
        (79.04, "overall pixel accuracy"),
        (57.65, "mean accuracy"),
        (44.24, "mean iou"),
    ]


@needs_gold
def test_more_accurate_by_a_percentage_is_a_difference_in_accuracy(extractor):
    numbers = scier_quantities(extractor, "146808333", "MobileNetV3-Small is 4.6")
    assert [(q.value, q.kind, q.metric) for q in numbers] == [(4.6, "delta", "accuracy"), (5.0, "delta", "latency")]


@needs_gold
def test_a_measures_head_noun_after_it_is_part_of_its_name(extractor):
    # "significantly better results are achieved with 3.17% and 16.15% error rates": error rates, not "error"
    numbers = scier_quantities(extractor, "102351044", "achieved with 3.17% and 16.15% error rates")
    assert [(q.value, q.metric) for q in numbers][:2] == [(3.17, "error rate"), (16.15, "error rate")]


@needs_gold
@pytest.mark.parametrize(
    ("doc_id", "says", "expected"),
    [
        # a short capitalised name a percentage is the value of, or the change of, measures it
        ("210861282", "by achieving a PCKh of 98.9%", [(98.9, "pckh")]),
        ("211020570", "the Res-50 network reduces the NRMSE from 4.76%", [(4.23, "nrmse"), (4.34, "nrmse")]),
        ("28984897", "the EER decreases by 1% and 0.47%", [(1.0, "eer"), (0.47, "eer")]),
    ],
)
def test_a_capitalised_short_name_a_percentage_is_the_value_of_is_its_metric(extractor, doc_id, says, expected):
    assert [(q.value, q.metric) for q in scier_quantities(extractor, doc_id, says)] == expected


@needs_gold
def test_a_tenfold_cross_validation_setup_is_no_ratio(extractor):
    assert scier_quantities(extractor, "201646309", "in the 10-fold cross-validation setup") == []


# ---------------------------------------------------------------- what a reading leaves unread (Claim.unread)


@needs_gold
@pytest.mark.parametrize(
    ("paper_id", "says", "why"),
    [
        # a signed value the reading did not take as a result
        ("2603.06194v1", "by as much as +43.2", "'+43.2' is not read as a result"),
        # a value without the metric the sentence's other value has
        ("2603.04759v1", "inference speedups", "has no metric where the others have one"),
        # a measure written right after the value that is not the metric it was given
        ("2512.12409", "Byzantine leader frequency", "measures 'byzantine leader frequency', not 'latency'"),
        ("2603.06495v1", "95% steering effectiveness", "measures 'steering effectiveness'"),
        # a difference in a measure the reading missed: "a 20.7% reduction in FVD"
        ("2512.12751", "20.7% reduction in FVD", "measures 'fvd'"),
        # a name "on" introduces that is not the value's dataset
        ("2603.03844v1", "on GTA2Cityscapes", "is measured on 'GTA2Cityscapes', not read as its dataset"),
    ],
)
def test_a_reading_says_what_of_its_sentence_it_left_unread(extractor, paper_id, says, why):
    # 2025-26 arXiv abstracts of kg's train-arxiv inputs, read whole; the strict review found each of these
    # claims' values wrong (docs/reviews/quantities-csabstruct-train.md, docs/reviews/whole-values-scier-train.md)
    [claim] = [c for c in extractor.extract_one(arxiv_paper(paper_id)).claims if says in c.text]
    assert claim.quantities, claim
    assert any(why in reason for reason in claim.unread), claim.unread


@needs_gold
@pytest.mark.parametrize(
    ("doc_id", "says"),
    [
        # a margin in the sentence's one metric
        ("211010758", "The mAP of our proposed FBC is 53.6%"),
        # each value with its own metric, a difference word between value and measure
        ("208202241", "by 1.3% and 2.4% in mAP on MS-COCO and Charades, respectively"),
        # values no metric is named for
        ("21683040", "Besides, FSSD512 (31.8%)"),
        # a setting left out on purpose (a share of the training data)
        ("153312532", "from 17.26% to 9.23% in error rates"),
    ],
)
def test_a_reading_of_the_whole_sentence_leaves_nothing_unread(extractor, doc_id, says):
    # SciER train sentences whose values the review judged right (docs/reviews/whole-values-scier-train.md)
    [claim] = claims_of(extractor, scier(doc_id, says))
    assert claim.quantities and not claim.unread, claim.unread


def test_an_operating_point_or_a_condition_is_left_out_on_purpose_not_unread(extractor):
    claim = only_claim(
        extractor,
        "Compared to the standard trigram of events model, it improves the true positive rate by 98.3% at a false "
        "positive rate of 0.1%.",
    )
    assert [q.value for q in claim.quantities] == [98.3] and not claim.unread
