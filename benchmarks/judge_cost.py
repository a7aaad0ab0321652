"""What the concept judge adds to a cold ``kg build`` of the seed corpus, measured side by side in one run.

    python3 benchmarks/judge_cost.py [--limit N] [--repeat 2]

Builds the bundled seed corpus without the extraction cache twice per repeat, alternating: once with the extractor
as it was before the judge (``judge=False``: no title parse, no noun-phrase candidates, no judge; the corpus steps
find no verdicts to apply), once as shipped. Model loading is outside the timing. Prints seconds for each build and
the ratio with the judge to without it (issue 19 asks for at most 1.25). Figures depend on the machine and on what
else runs on it: compare the ratio, not the seconds.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from kg.build import build
from kg.defaults import SAMPLE_CORPUS
from kg.extract import Extractor
from kg.sources import read_inputs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=0, help="only the first N seed papers (default: all 591)")
    parser.add_argument("--repeat", type=int, default=2, help="build pairs to run; the median of each is compared")
    args = parser.parse_args()
    papers = read_inputs([SAMPLE_CORPUS]).papers
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "seeds.jsonl"
        if args.limit:
            papers = papers[: args.limit]
        corpus.write_text("".join(p.model_dump_json(include={"id", "title", "abstract"}) + "\n" for p in papers))
        extractors = {"without judge": Extractor.load(judge=False), "with judge": Extractor.load()}
        times: dict[str, list[float]] = {name: [] for name in extractors}
        for repeat in range(args.repeat):
            for name, extractor in extractors.items():
                start = time.perf_counter()
                build([corpus], Path(folder) / f"out-{repeat}-{name.replace(' ', '-')}", extractor=extractor, cache_dir=None)
                times[name].append(time.perf_counter() - start)
                print(f"{len(papers)} papers, {name:<14} {times[name][-1]:7.1f} s", flush=True)
    without, with_judge = (statistics.median(times[name]) for name in extractors)
    print(f"\nmedian cold build: {without:.1f} s without the judge, {with_judge:.1f} s with it: {with_judge / without:.2f} ×")


if __name__ == "__main__":
    main()
