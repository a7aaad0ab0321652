"""Data loading for the typed-span extractor (Method, Task, Dataset, Metric).

Every loader returns a list of documents:
    {"id": str, "sentences": [[tok, ...], ...], "spans": [(start, end_incl, type), ...],
     "annotated": set_of_types_this_source_labels}
with token offsets counted across the whole document (as in SciERC / DyGIE).

The gold data is read in place from ../shared/gold (never copied).
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

TARGET_TYPES = ("Method", "Task", "Dataset", "Metric")
# SciERC extra types, optionally used as auxiliary training labels (dropped at prediction time)
AUX_TYPES = ("OtherScientificTerm", "Generic")

SCIERC_MAP = {
    "Method": "Method",
    "Task": "Task",
    "Material": "Dataset",
    "Metric": "Metric",
    "OtherScientificTerm": "OtherScientificTerm",
    "Generic": "Generic",
}
SCIENCEIE_MAP = {"Process": "Method", "Material": "Dataset", "Task": "Task"}


def default_gold_dir() -> Path:
    # training/ -> repo root -> ../shared/gold
    here = Path(__file__).resolve().parent
    cand = here.parent.parent / "shared" / "gold"
    env = os.environ.get("KG_GOLD_DIR")
    return Path(env) if env else cand


def load_scierc(path, keep_aux=False):
    docs = []
    for d in _json_lines(path):
        spans = []
        for sent in d["ner"]:
            for s, e, t in sent:
                t2 = SCIERC_MAP.get(t)
                if t2 is None or (t2 in AUX_TYPES and not keep_aux):
                    continue
                spans.append((s, e, t2))
        ann = set(TARGET_TYPES) | (set(AUX_TYPES) if keep_aux else set())
        docs.append({"id": d["doc_key"], "sentences": d["sentences"], "spans": spans, "annotated": ann})
    return docs


def _find_sub(tokens, sub):
    n, m = len(tokens), len(sub)
    out = []
    for i in range(n - m + 1):
        if tokens[i : i + m] == sub:
            out.append(i)
    return out


def load_scier_llm(path):
    """Sentence-level SciER (surface, type) pairs -> documents grouped by doc_id.

    Tokens are the whitespace tokens of the sentence. Every occurrence of a surface
    is labelled (longest surfaces first, no overlaps). SciER has no Metric labels.
    """
    docs, cur, cur_id = [], None, None
    unmatched = 0
    for d in _json_lines(path):
        toks = d["sentence"].split()
        if d["doc_id"] != cur_id:
            cur = {"id": "scier:" + d["doc_id"], "sentences": [], "spans": [], "annotated": {"Method", "Task", "Dataset"}}
            docs.append(cur)
            cur_id = d["doc_id"]
        off = sum(len(s) for s in cur["sentences"])
        used = [False] * len(toks)
        ents = sorted({(s, t) for s, t in d["ner"]}, key=lambda x: -len(x[0].split()))
        for surf, typ in ents:
            if typ not in ("Method", "Task", "Dataset"):
                continue
            sub = surf.split()
            hits = _find_sub(toks, sub)
            if not hits:
                unmatched += 1
            for i in hits:
                if any(used[i : i + len(sub)]):
                    continue
                for k in range(i, i + len(sub)):
                    used[k] = True
                cur["spans"].append((off + i, off + i + len(sub) - 1, typ))
        cur["sentences"].append(toks)
    return docs


def load_scier_plm(path):
    docs = []
    for d in _json_lines(path):
        spans = [(s, e, t) for sent in d["ner"] for s, e, t in sent if t in TARGET_TYPES]
        docs.append(
            {
                "id": "scierplm:" + str(d["doc_id"]),
                "sentences": d["sentences"],
                "spans": spans,
                "annotated": {"Method", "Task", "Dataset"},
            }
        )
    return docs


_TOK_RE = re.compile(r"\w+|[^\w\s]", re.UNICODE)


def load_scienceie(dirpath):
    docs = []
    dirpath = Path(dirpath)
    for txt in sorted(dirpath.glob("*.txt")):
        ann = txt.with_suffix(".ann")
        if not ann.exists():
            continue
        text = txt.read_text()
        toks = [(m.group(), m.start(), m.end()) for m in _TOK_RE.finditer(text)]
        starts = {s: i for i, (_, s, _) in enumerate(toks)}
        ends = {e: i for i, (_, _, e) in enumerate(toks)}
        spans = set()
        for line in ann.read_text().splitlines():
            if not line.startswith("T"):
                continue
            parts = line.split("\t")
            info = parts[1].split()
            typ = SCIENCEIE_MAP.get(info[0])
            if typ is None or ";" in parts[1]:
                continue
            cs, ce = int(info[1]), int(info[2])
            if cs in starts and ce in ends and starts[cs] <= ends[ce]:
                spans.add((starts[cs], ends[ce], typ))
        # sentence split: after . ! ? tokens followed by capitalised token
        sents, cur = [], []
        for i, (w, _, _) in enumerate(toks):
            cur.append(w)
            if w in ".!?" and i + 1 < len(toks) and toks[i + 1][0][:1].isupper():
                sents.append(cur)
                cur = []
        if cur:
            sents.append(cur)
        docs.append(
            {
                "id": "sie:" + txt.stem,
                "sentences": sents,
                "spans": remove_overlaps(spans),
                "annotated": {"Method", "Task", "Dataset"},
            }
        )
    return docs


def _json_lines(path):
    """The JSON object on each non-empty line of ``path``."""
    with open(path) as lines:
        for line in lines:
            if line.strip():
                yield json.loads(line)


def remove_overlaps(spans):
    """Keep a non-overlapping subset (SciERC has few nested spans); prefer longer spans."""
    chosen, used = [], set()
    for s, e, t in sorted(spans, key=lambda x: (-(x[1] - x[0]), x[0])):
        if any(k in used for k in range(s, e + 1)):
            continue
        used.update(range(s, e + 1))
        chosen.append((s, e, t))
    return sorted(chosen)
