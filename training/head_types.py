"""Write ``kg/extract/lexicons/head_types.tsv``, the head-word type table of ``kg_head_types``.

    python3 training/head_types.py [--min-count 5] [--min-share 0.8]

Counts, over the gold spans of SciERC train and SciER train (read in place from
../shared/gold, or $KG_GOLD_DIR), how often each head word (a span's last word,
through ``kg.extract.head_types.head_key``) ends a Method, Task, Dataset or Metric,
or one of SciERC's two other types, OtherScientificTerm and Generic ("features",
"constraints", "it"), which kg does not take as concepts. A head seen at least
``--min-count`` times, one type making at least ``--min-share`` of them, gets a row:
the head, that type, every type it was seen with (the share is counted among the
four types). A head that is mostly one of the other two gets the type ``-``: not a
concept. Only these word-level counts ship, no sentence of the data. Dev data is
never read; the thresholds were chosen on SciERC dev through ``kg eval``.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "training"))

from spans_data import AUX_TYPES, TARGET_TYPES, default_gold_dir, load_scier_llm, load_scierc  # noqa: E402

from kg.extract.head_types import NOT_A_CONCEPT, TABLE, head_key  # noqa: E402


def head_counts(gold: Path) -> dict[str, Counter]:
    counts: dict[str, Counter] = defaultdict(Counter)
    # SciER labels only Method, Task and Dataset, so only SciERC can say a head is something else.
    documents = load_scierc(gold / "scierc" / "train.json", keep_aux=True) + load_scier_llm(gold / "scier" / "train.llm.jsonl")
    for document in documents:
        words = [word for sentence in document["sentences"] for word in sentence]
        for _start, end, kind in document["spans"]:  # end is inclusive
            if any(c.isalpha() for c in words[end]):
                counts[head_key(words[end])][kind if kind in TARGET_TYPES else NOT_A_CONCEPT] += 1
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", type=Path, default=default_gold_dir())
    parser.add_argument("--min-count", type=int, default=5)
    parser.add_argument("--min-share", type=float, default=0.8)
    parser.add_argument("--no-other-types", action="store_true", help=f"ignore {' and '.join(AUX_TYPES)}")
    parser.add_argument("--out", type=Path, default=TABLE)
    args = parser.parse_args()
    rows = []
    for head, types in sorted(head_counts(args.gold).items()):
        total = sum(types.values())
        others = 0 if args.no_other_types else types[NOT_A_CONCEPT]
        kinds = Counter({kind: n for kind, n in types.items() if kind != NOT_A_CONCEPT})
        if total >= args.min_count and others / total >= args.min_share:
            rows.append(f"{head}\t{NOT_A_CONCEPT}\t{','.join(sorted(types))}")
        elif kinds and sum(kinds.values()) >= args.min_count:
            # among the four types only, so a head's type is read as it was before the other two were counted
            main_type, count = kinds.most_common(1)[0]
            if count / sum(kinds.values()) >= args.min_share:
                rows.append(f"{head}\t{main_type}\t{','.join(sorted(kinds))}")
    header = [
        "# head word<TAB>its main type<TAB>every type it was seen with: written by training/head_types.py",
        f"# from SciERC train + SciER train gold spans; heads seen >= {args.min_count} times, main type >= {args.min_share:.0%}",
        f"# type {NOT_A_CONCEPT}: mostly SciERC's OtherScientificTerm or Generic, not a concept",
    ]
    args.out.write_text("\n".join(header + rows) + "\n", encoding="utf-8")
    print(f"{len(rows)} heads written to {args.out}")


if __name__ == "__main__":
    main()
