"""Speed and scale of ``kg build``, measured in one run: throughput, growth, memory, cache, workers, Dask.

    nice -n 10 python3 benchmarks/scale.py [--limit N] [--scales 1,4,16] [--sections parse,scale,cache,workers,dask]

The 1× corpus is the seed corpus (its first ``--limit`` papers; all 591 by
default). A k× corpus is the 1× corpus grown with (k - 1) × as many real
abstracts from ``../shared/gold`` (SciERC, CSAbstruct, ScienceIE; 2,763 in all).
When those run out, abstracts repeat under new ids and titles; every scale run
is made with ``--no-cache`` so a repeated text is extracted again, never served
by the cache.

Every figure is one ``kg build`` subprocess, timed from start to exit: model
loading, reading, extraction, the graph and every export. Peak RSS is the
largest sum of the resident memory of the build and all its child processes,
sampled every 0.1 s. The bare parse is ``en_core_web_sm``'s ``nlp.pipe`` (no
NER, as kg) over the 1× abstracts in this process, model loaded beforehand.
Figures depend on the machine and on what else runs on it: compare ratios.

Growth is judged by the added cost per character of each step (4× → 16×
against 1× → 4×): the whole-run cost per character falls with size because
start-up is paid once, so only the added cost says whether growth is linear.
"""

from __future__ import annotations

import argparse
import itertools
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

import psutil

from kg.defaults import SAMPLE_CORPUS
from kg.sources import read_inputs

GOLD = Path(__file__).resolve().parents[2] / "shared" / "gold"


def gold_abstracts(gold: Path = GOLD) -> list[tuple[str, str]]:
    """(name, text) of every gold abstract, in a fixed order: SciERC, CSAbstruct, ScienceIE."""
    found: list[tuple[str, str]] = []
    for split in ("train", "dev"):
        for line in (gold / "scierc" / f"{split}.json").read_text(encoding="utf-8").splitlines():
            doc = json.loads(line)
            found.append((f"scierc {doc['doc_key']}", " ".join(" ".join(s) for s in doc["sentences"])))
    for split in ("train", "dev"):
        lines = (gold / "csabstruct" / f"{split}.jsonl").read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines, 1):
            # named by line: abstract_id repeats, and kg merges papers of one title
            found.append((f"csabstruct {split} line {number}", " ".join(json.loads(line)["sentences"])))
    for split in ("train", "dev"):
        for path in sorted((gold / "scienceie" / split).glob("*.txt")):
            found.append((f"scienceie {path.stem}", path.read_text(encoding="utf-8").strip()))
    seen: set[str] = set()
    return [(name, text) for name, text in found if text and not (text in seen or seen.add(text))]


def corpus(seed: list[dict], gold: list[tuple[str, str]], scale: int) -> list[dict]:
    """The seed rows grown to ``scale`` × their number with gold abstracts, repeating them under new ids if needed."""
    rows = list(seed)
    for i in range(len(seed) * (scale - 1)):
        name, text = gold[i % len(gold)]
        lap = i // len(gold)  # > 0: a repeat; its id and title differ so it is not merged as a duplicate
        rows.append({"id": f"gold-{i}", "title": f"{name} (copy {lap})" if lap else name, "abstract": text})
    return rows


def characters(path: Path) -> int:
    """Characters of abstract text in a corpus ``write_jsonl`` wrote."""
    return sum(len(json.loads(line)["abstract"]) for line in path.read_text(encoding="utf-8").splitlines())


def write_jsonl(rows: list[dict], path: Path) -> Path:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def run_build(args: list[str], cwd: Path) -> tuple[float, float, float]:
    """Seconds, peak RSS (MB, the build and its children together) and CPU seconds of one ``kg build``."""
    command = [sys.executable, "-m", "kg", "build", *args, "--quiet"]
    process, *measured = run_measured(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if process.returncode != 0:
        raise SystemExit(f"kg build {' '.join(args)} failed:\n{process.stderr.read().decode()}")
    return tuple(measured)


def run_measured(command: list[str], **popen) -> tuple[psutil.Popen, float, float, float]:
    """Run ``command`` to its end: the finished process, its seconds, its peak RSS (MB, the process and its
    children together) and its CPU seconds.

    CPU seconds (user + system, the process and every child it waited for) hardly
    change with what else runs on the machine, unlike wall time.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = psutil.Popen(command, **popen)
    peak = 0
    while process.poll() is None:
        peak = max(peak, _tree_rss(process))
        time.sleep(0.1)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return process, seconds, peak / 2**20, cpu


def _tree_rss(process: psutil.Process) -> int:
    total = 0
    for p in [process, *process.children(recursive=True)]:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            pass  # a child that exited between the listing and the reading
    return total


def bare_parse(abstracts: list[str]) -> float:
    import spacy

    from kg.extract import base_model_name

    nlp = spacy.load(base_model_name(), exclude=["ner"])
    list(nlp.pipe(abstracts[:20]))  # warm-up: first calls allocate
    start = time.perf_counter()
    list(nlp.pipe(abstracts, batch_size=64))
    return time.perf_counter() - start


class Point(NamedTuple):
    """One build of the growth curve."""

    scale: int
    characters: int
    seconds: float
    cpu: float

    def per_character(self, cpu: bool = False) -> float:
        return (self.cpu if cpu else self.seconds) / self.characters

    def added_per_character(self, before: Point, cpu: bool = False) -> float:
        """What each character added since ``before`` cost."""
        spent = (self.cpu - before.cpu) if cpu else (self.seconds - before.seconds)
        return spent / (self.characters - before.characters)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=0, help="1× is the first N seed papers (default: all 591)")
    parser.add_argument("--scales", default="1,4,16", help="comma-separated multiples of the 1× corpus")
    parser.add_argument("--gold", type=Path, default=GOLD, help="the gold folder (default: ../shared/gold)")
    parser.add_argument("--sections", default="parse,scale,cache,workers,dask", help="which measurements to make")
    args = parser.parse_args()
    scales = sorted({int(s) for s in args.scales.split(",")} | {1})
    sections = set(args.sections.split(","))

    papers = read_inputs([SAMPLE_CORPUS]).papers
    papers = papers[: args.limit] if args.limit else papers
    seed = [{"id": p.id, "title": p.title, "abstract": p.abstract} for p in papers]
    gold = gold_abstracts(args.gold)
    n = len(seed)
    work = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    print(f"1× = {n} seed abstracts; {len(gold)} distinct gold abstracts to grow it; scratch {work}\n", flush=True)
    one = write_jsonl(corpus(seed, gold, 1), work / "x1.jsonl")
    rows: list[tuple[str, str]] = []

    def report(label: str, value: str) -> None:
        print(f"{label:<52} {value}", flush=True)
        rows.append((label, value))

    first = None
    if "parse" in sections or "cache" in sections:  # the growth curve makes its own 1× build
        first, rss, first_cpu = run_build([str(one), "--out", "out-x1", "--cache-dir", str(work / "cache")], work)
        report(
            "kg build 1× (cold cache)",
            f"{first:.1f} s ({first_cpu:.0f} CPU s), {n / first:.2f} abstracts/s, peak RSS {rss:.0f} MB",
        )
    if "parse" in sections:
        parse = bare_parse([row["abstract"] for row in seed])
        report("bare en_core_web_sm nlp.pipe 1×", f"{parse:.1f} s, {n / parse:.1f} abstracts/s")
        report("kg build throughput ÷ bare parse", f"{parse / first:.3f}")
    if "cache" in sections:
        again, rss, _ = run_build([str(one), "--out", "out-x1-again", "--cache-dir", str(work / "cache")], work)
        report("kg build 1×, unchanged re-run (every paper cached)", f"{again:.1f} s, peak RSS {rss:.0f} MB")
        report("re-run ÷ first run", f"{again / first:.3f}")
    if "scale" in sections:
        # Every point of the growth curve is built the same way (--no-cache), 1× included.
        points: list[Point] = []
        for scale in scales:
            path = one if scale == 1 else write_jsonl(corpus(seed, gold, scale), work / f"x{scale}.jsonl")
            seconds, rss, cpu = run_build([str(path), "--out", f"out-x{scale}", "--no-cache"], work)
            size = n * scale
            built = json.loads((work / f"out-x{scale}" / "summary.json").read_text(encoding="utf-8"))["papers"]
            if built != size:  # two rows kg took for one paper would make every ratio below wrong
                raise SystemExit(f"the {scale}× corpus has {size} rows but kg built {built} papers from it")
            report(
                f"kg build {scale}× ({size} abstracts, --no-cache)", f"{seconds:.1f} s ({cpu:.0f} CPU s), peak RSS {rss:.0f} MB"
            )
            points.append(Point(scale, characters(path), seconds, cpu))
        one_x = points[0]
        for point in points[1:]:
            report(f"cost per abstract {point.scale}× ÷ 1×", f"{(point.seconds / point.scale) / one_x.seconds:.3f}")
            # the gold abstracts are shorter than the seed ones, so per character is the fairer ratio
            report(f"cost per character {point.scale}× ÷ 1×", f"{point.per_character() / one_x.per_character():.3f}")
            report(
                f"CPU per character {point.scale}× ÷ 1×", f"{point.per_character(cpu=True) / one_x.per_character(cpu=True):.3f}"
            )
        # Linear growth: each added character costs the same (see the module docstring).
        steps = [
            (f"{a.scale}×→{b.scale}×", b.added_per_character(a), b.added_per_character(a, cpu=True))
            for a, b in itertools.pairwise(points)
        ]
        for name, added, added_cpu in steps[1:]:
            report(f"added cost per character {name} ÷ {steps[0][0]}", f"{added / steps[0][1]:.3f}")
            report(f"added CPU per character {name} ÷ {steps[0][0]}", f"{added_cpu / steps[0][2]:.3f}")
        if steps:
            fixed = one_x.seconds - steps[0][1] * one_x.characters
            report(f"fixed cost (1× time less its characters × the {steps[0][0]} rate)", f"{fixed:.1f} s")
    if "workers" in sections:
        single, _, _ = run_build([str(one), "--out", "out-w1", "--no-cache", "--workers", "1"], work)
        double, rss, _ = run_build([str(one), "--out", "out-w2", "--no-cache", "--workers", "2"], work)
        report("kg build 1×, --workers 1 (torch: all cores)", f"{single:.1f} s, {n / single:.2f} abstracts/s")
        report("kg build 1×, --workers 2 (torch: 1 thread each)", f"{double:.1f} s, peak RSS {rss:.0f} MB")
        report("--workers 2 ÷ --workers 1 (time)", f"{double / single:.3f}")
    if "dask" in sections:
        times = {}
        for workers in (1, 2):
            times[workers], rss, _ = run_build(
                [str(one), "--out", f"out-d{workers}", "--no-cache", "--engine", "dask", "--workers", str(workers)], work
            )
            rate = n / times[workers]
            report(f"kg build 1×, --engine dask, {workers} worker(s)", f"{times[workers]:.1f} s, {rate:.2f} abstracts/s")
        report("dask 2 workers ÷ 1 worker (time)", f"{times[2] / times[1]:.3f}")
    shutil.rmtree(work, ignore_errors=True)
    print("\n| measurement | figure |\n|---|---|")
    for label, value in rows:
        print(f"| {label} | {value} |")


if __name__ == "__main__":
    main()
