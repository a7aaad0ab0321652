"""The encoders' backends and precisions side by side: speed against a bare parse, dev scores, a cold seed build.

    nice -n 10 python3 benchmarks/backends.py [--quick] [--limit N] [--variants onnx:float32,onnx:int8]
                                               [--gold ../shared/gold] [--builds default,onnx:float32]

Prints, in one run:

* the bare ``en_core_web_sm`` parse (no NER) of the seed abstracts (``kg.defaults.SAMPLE_CORPUS``), abstracts/s;
* per variant (backend:precision, ``[inference]`` in kg/extract/config.cfg): the concept tagger's encoder over
  those abstracts (their sentences from the bare parse), the keyphrase ranker over them (each abstract's
  candidates, every distinct phrase embedded once, as in a build) and the sentence-role encoder (each abstract
  alone, as in a build), as abstracts/s and as × the bare parse;
* per variant, the dev scores: exact-span micro F1 on SciERC dev and on SciER dev (``kg eval --format scierc``),
  concept and triple P/R of a build of the triples dev inputs (``kg eval --format triples``), keyphrase P@5
  (``benchmarks/keyphrases.py``: the share of a top 5 that are gold entity names, SciERC dev and ScienceIE dev)
  and the sentence roles' result F1 on CSAbstruct dev (``kg eval --format csabstruct``);
* a whole cold ``kg build`` of the seeds (a fresh extraction cache, the ONNX files already made) per entry of
  ``--builds``: ``default`` is the shipped settings through the ``kg`` command, ``BACKEND:PRECISION`` the same
  build with that ``[inference]`` (through ``kg.build.build`` in a fresh process, so model loading is counted).

Models are loaded before each timing; the ONNX files are made first (their one-time export is timed apart).
``--quick`` takes the first 100 seed papers for the speed figures and the builds (the dev scores are always
whole). Figures depend on the machine and what else runs on it: compare ratios, not seconds.
"""

from __future__ import annotations

import argparse
import gc
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import spacy

from kg.defaults import SAMPLE_CORPUS
from kg.eval.roles import evaluate as evaluate_roles
from kg.extract import Extractor, base_model_name
from kg.extract.inference import Inference, native_bfloat16, resolve, set_threads
from kg.extract.keyphrases import KeyphraseRanker, candidates
from kg.extract.roles import RoleClassifier
from kg.extract.tagger import MODELS_DIR, _sentences, encode_words, load_tagger
from kg.sources import read_inputs

sys.path.insert(0, str(Path(__file__).parent))
import keyphrases as keyphrase_quality  # noqa: E402  (benchmarks/keyphrases.py)
from scale import run_measured  # noqa: E402  (benchmarks/scale.py: time, CPU and peak RSS of a process)

VARIANTS = "torch:float32,torch:bfloat16,onnx:float32,onnx:int8"
QUICK_PAPERS = 100


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help=f"the first {QUICK_PAPERS} seed papers for speed and builds")
    parser.add_argument("--limit", type=int, default=0, help="the first N seed papers for speed and builds")
    parser.add_argument("--variants", default=VARIANTS, help=f"backend:precision list (default {VARIANTS})")
    parser.add_argument("--gold", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "gold")
    parser.add_argument("--no-scores", action="store_true", help="speed and builds only")
    parser.add_argument("--builds", default="default,onnx:float32", help="cold seed builds to time; '' for none")
    parser.add_argument("--threads", type=int, help="the encoders' threads, here and in the builds (default: all cores)")
    args = parser.parse_args()
    set_threads(args.threads)
    variants = [Inference(*v.split(":"), "cpu") for v in args.variants.split(",") if v]
    papers = read_inputs([SAMPLE_CORPUS]).papers
    papers = papers[: args.limit or (QUICK_PAPERS if args.quick else len(papers))]
    abstracts = [p.abstract for p in papers]
    n = len(abstracts)
    print(f"{n} seed abstracts; this CPU computes bfloat16 natively: {native_bfloat16()}; default: {resolve()}\n", flush=True)

    export_seconds = make_onnx_files(variants)
    bare = spacy.load(base_model_name(), exclude=["ner"])
    list(bare.pipe(abstracts[:20]))  # warm-up: first calls allocate
    start = time.perf_counter()
    docs = list(bare.pipe(abstracts, batch_size=64))
    parse = time.perf_counter() - start
    print(f"bare parse: {parse:.1f} s, {n / parse:.1f} abstracts/s", flush=True)
    sentences = [_sentences(doc) for doc in docs]
    sentence_texts = [[sent.text for sent in doc.sents] for doc in docs]
    phrases = [candidates(doc) for doc in docs]
    del docs

    speed, scores = {}, {}
    for inference in variants:
        label = f"{inference.backend} {inference.precision}"
        speed[label] = (
            tagger_seconds(inference, sentences),
            keyphrase_seconds(inference, abstracts, phrases),
            roles_seconds(inference, sentence_texts),
        )
        print(f"{label}: tagger {speed[label][0]:.1f} s, keyphrases {speed[label][1]:.1f} s, roles {speed[label][2]:.1f} s")
        if not args.no_scores:
            scores[label] = dev_scores(inference, args.gold)
            print(f"{label}: {scores[label]}", flush=True)
        gc.collect()
    builds = {spec: cold_build(spec, papers, args.threads) for spec in filter(None, args.builds.split(","))}

    print(f"\n## Speed ({n} seed abstracts; × is the bare parse's time ÷ the stage's)\n")
    print("| stage | seconds | abstracts/s | × bare parse |\n|---|---|---|---|")
    print(f"| bare `en_core_web_sm` parse (no NER) | {parse:.1f} | {n / parse:.1f} | 1.00 |")
    for stage, index in (("tagger encoder", 0), ("keyphrases", 1), ("sentence-role encoder", 2)):
        for label, seconds in speed.items():
            print(f"| {stage}, {label} | {seconds[index]:.1f} | {n / seconds[index]:.1f} | {parse / seconds[index]:.2f} |")
    for spec, (seconds, peak, cpu) in builds.items():
        print(
            f"| whole cold `kg build` of the seeds, {spec} ({cpu:.0f} CPU s, peak RSS {peak:.0f} MB) | {seconds:.1f} "
            f"| {n / seconds:.1f} | {parse / seconds:.3f} |"
        )
    for label, seconds in export_seconds.items():
        print(f"| both ONNX encoders, {label} | {seconds:.1f} | | |")

    if scores:
        print("\n## Dev scores\n")
        columns = list(next(iter(scores.values())))
        print("| variant | " + " | ".join(columns) + " |\n|---|" + "---|" * len(columns))
        for label, found in scores.items():
            print(f"| {label} | " + " | ".join(f"{found[c]:.3f}" for c in columns) + " |")
    print_targets(builds, scores, n)


# Issue 22's targets on the 2-core machine: a cold seed build of at most 45 s with the default settings; dev F1
# within 0.5 points of the float model and keyphrase P@5 within 0.01.
BUILD_SECONDS = 45.0
F1_POINTS = 0.5
P_AT_5 = 0.01


def print_targets(builds: dict, scores: dict, papers: int) -> None:
    """Each target, met or missed and by how much."""
    print("\n## Against the targets\n")
    if "default" in builds and papers == len(read_inputs([SAMPLE_CORPUS]).papers):
        seconds, _, cpu = builds["default"]
        cores = os.cpu_count() or 1
        missed = f"missed by {seconds - BUILD_SECONDS:.1f} s ({seconds / BUILD_SECONDS:.2f} ×)"
        verdict = "met" if seconds <= BUILD_SECONDS else missed
        print(
            f"- cold seed build ≤ {BUILD_SECONDS:.0f} s, default settings: {seconds:.1f} s, {verdict}; its {cpu:.0f} CPU s "
            f"need at least {cpu / cores:.1f} s on {cores} cores"
        )
    reference = scores.get("torch float32") or scores.get("onnx float32")
    for label, found in scores.items():
        if found is reference:
            continue
        checks = [
            (name, found[name] - reference[name], F1_POINTS / 100 if "F1" in name else P_AT_5)
            for name in found
            if "F1" in name or name.startswith("P@5")
        ]
        worst = max(abs(delta) - allowed for _, delta, allowed in checks)
        print(
            f"- {label} against float32: "
            + ", ".join(f"{name} {delta:+.4f}" for name, delta, _ in checks)
            + ("; within the targets" if worst <= 1e-9 else "; outside them")
        )


def make_onnx_files(variants: list[Inference]) -> dict[str, float]:
    """Load the encoders of each onnx variant, exporting the ONNX files that are missing (a first run pays this
    once); the seconds, labelled by whether anything was exported."""
    from kg.extract.onnx_export import onnx_dir

    seconds = {}
    for inference in (v for v in variants if v.backend == "onnx"):
        made = set(onnx_dir().glob("*.onnx"))
        start = time.perf_counter()
        load_tagger(MODELS_DIR / "concepts", inference)
        KeyphraseRanker.load(**vars(inference))
        RoleClassifier.load(inference=inference)
        exported = set(onnx_dir().glob("*.onnx")) - made
        seconds[f"{inference.precision}, {'exported and loaded' if exported else 'loaded (files there)'}"] = (
            time.perf_counter() - start
        )
    return seconds


def tagger_seconds(inference: Inference, sentences) -> float:
    tagger = load_tagger(MODELS_DIR / "concepts", inference)
    encode_words(tagger, sentences[:8], 8)  # warm-up
    start = time.perf_counter()
    for first in range(0, len(sentences), 32):  # the pipeline's batches of 32 papers
        encode_words(tagger, sentences[first : first + 32], 8)
    return time.perf_counter() - start


def roles_seconds(inference: Inference, sentence_texts) -> float:
    encoder = RoleClassifier.load(inference=inference).encoder
    encoder.probabilities(sentence_texts[0])  # warm-up
    start = time.perf_counter()
    for sentences in sentence_texts:
        encoder.probabilities(sentences)
    return time.perf_counter() - start


def keyphrase_seconds(inference: Inference, abstracts, phrases) -> float:
    ranker = KeyphraseRanker.load(batch_size=16, **vars(inference))
    ranker.embed(["warm-up phrase"])
    ranker._embeddings.clear()
    start = time.perf_counter()
    for first in range(0, len(abstracts), 32):
        ranker.rank(abstracts[first : first + 32], phrases[first : first + 32])
    return time.perf_counter() - start


def dev_scores(inference: Inference, gold: Path) -> dict[str, float]:
    from kg.build import build
    from kg.eval import spans, triples

    overrides = {"inference.backend": inference.backend, "inference.precision": inference.precision}
    extractor = Extractor.load(overrides=overrides)
    found = {
        "SciERC dev F1": spans.evaluate(gold / "scierc" / "dev.json", "scierc", extractor)["micro"]["f1"],
        "SciER dev F1": spans.evaluate(gold / "scier" / "dev.plm.jsonl", "scierc", extractor)["micro"]["f1"],
    }
    with tempfile.TemporaryDirectory() as folder:
        build([gold / "triples" / "dev.input.jsonl"], Path(folder), extractor=extractor, cache_dir=None)
        report = triples.evaluate(gold / "triples" / "dev.jsonl", "triples", bundle=Path(folder))
    found |= {
        "triples concept P": report["concept_precision"],
        "concept R": report["concept_recall"],
        "triple P": report["triple_precision"],
        "triple R": report["triple_recall"],
    }
    texts = keyphrase_quality.gold_texts(gold)
    phrases = keyphrase_quality.candidate_phrases(texts)
    ranked, _ = keyphrase_quality.ranked_with(inference, texts, phrases)
    found |= {f"P@5 {corpus}": share for corpus, share in keyphrase_quality.precision_at_5(texts, phrases, ranked).items()}
    roles = evaluate_roles(gold / "csabstruct" / "dev.jsonl", classifier=RoleClassifier.load(inference=inference))
    found["CSAbstruct dev result F1"] = roles["per_label"]["result"]["f1"]
    return found


def cold_build(spec: str, papers, threads: int | None) -> tuple[float, float, float]:
    """Seconds, peak RSS (MB, with children) and CPU seconds of a whole ``kg build`` of ``papers`` in a fresh
    process with an empty extraction cache."""
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "seeds.jsonl"
        corpus.write_text("".join(p.model_dump_json(include={"id", "title", "abstract"}) + "\n" for p in papers))
        out, cache = Path(folder) / "out", Path(folder) / "cache"
        if spec == "default" and not threads:
            kg = shutil.which("kg")
            command = [kg] if kg else [sys.executable, "-m", "kg"]
            command += ["build", str(corpus), "--out", str(out), "--cache-dir", str(cache), "--quiet"]
        else:  # the same build through kg.build, to set the settings and threads the command does not take
            backend, precision = spec.split(":") if spec != "default" else ("auto", "auto")
            overrides = {"inference.backend": backend, "inference.precision": precision}
            code = (
                "from pathlib import Path; from kg.build import build; from kg.extract import Extractor; "
                f"from kg.extract.inference import set_threads; set_threads({threads!r}); "
                f"build([Path({str(corpus)!r})], Path({str(out)!r}), cache_dir=Path({str(cache)!r}), "
                f"extractor=Extractor.load(overrides={overrides!r}))"
            )
            command = [sys.executable, "-c", code]
        process, seconds, peak, cpu = run_measured(command, env=os.environ)
    if process.returncode:
        raise SystemExit(f"the build {spec} failed: {command}")
    print(f"cold build, {spec}: {seconds:.1f} s ({cpu:.0f} CPU s), peak RSS {peak:.0f} MB", flush=True)
    return seconds, peak, cpu


if __name__ == "__main__":
    main()
