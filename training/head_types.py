"""Write ``kg/extract/lexicons/head_types.tsv``, the head-word type table of ``kg_head_types``.

    python3 training/head_types.py [--min-count 5] [--min-share 0.8]

Counts, over the gold spans of SciERC train and SciER train (read in place from
../shared/gold, or $KG_GOLD_DIR), how often each head word (a span's last word,
through ``kg.extract.head_types.head_key``) ends a Method, Task, Dataset or Metric.
A head seen at least ``--min-count`` times, one type making at least ``--min-share``
of them, gets a row: the head, that type, every type it was seen with. Only these
word-level counts ship, no sentence of the data. Dev data is never read; the two
thresholds were chosen on SciERC dev through ``kg eval``.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "training"))

from spans_data import TARGET_TYPES, default_gold_dir, load_scier_llm, load_scierc  # noqa: E402

from kg.extract.head_types import TABLE, head_key  # noqa: E402


def head_counts(gold: Path) -> dict[str, Counter]:
    counts: dict[str, Counter] = defaultdict(Counter)
    documents = load_scierc(gold / "scierc" / "train.json") + load_scier_llm(gold / "scier" / "train.llm.jsonl")
    for document in documents:
        words = [word for sentence in document["sentences"] for word in sentence]
        for _start, end, kind in document["spans"]:  # end is inclusive
            if kind in TARGET_TYPES and any(c.isalpha() for c in words[end]):
                counts[head_key(words[end])][kind] += 1
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", type=Path, default=default_gold_dir())
    parser.add_argument("--min-count", type=int, default=5)
    parser.add_argument("--min-share", type=float, default=0.8)
    parser.add_argument("--out", type=Path, default=TABLE)
    args = parser.parse_args()
    rows = []
    for head, types in sorted(head_counts(args.gold).items()):
        total = sum(types.values())
        main_type, count = types.most_common(1)[0]
        if total >= args.min_count and count / total >= args.min_share:
            rows.append(f"{head}\t{main_type}\t{','.join(sorted(types))}")
    header = [
        "# head word<TAB>its main type<TAB>every type it was seen with: written by training/head_types.py",
        f"# from SciERC train + SciER train gold spans; heads seen >= {args.min_count} times, main type >= {args.min_share:.0%}",
    ]
    args.out.write_text("\n".join(header + rows) + "\n", encoding="utf-8")
    print(f"{len(rows)} heads written to {args.out}")


if __name__ == "__main__":
    main()
