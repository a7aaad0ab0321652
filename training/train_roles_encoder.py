"""Fine-tune all-MiniLM-L6-v2 over whole abstracts for sentence roles: a measured alternative, not shipped.

    python3 training/train_roles_encoder.py --out /tmp/roles_encoder [--epochs 3] [--threads 2] [--base DIR]

Sequential sentence classification after Cohan et al. (EMNLP 2019): an abstract's
sentences go through the encoder together, ``[CLS] s1 [SEP] s2 [SEP] ...``, so each
sentence is read in the context of the others; a sentence's vector is the mean of
its word pieces' last hidden states, joined with its relative position, and a
linear head gives its role. The word-embedding table stays frozen, as in the
concept tagger. Reads CSAbstruct train and dev in place; scores dev after every
epoch with ``kg.eval.roles.role_scores`` (what ``kg eval`` computes) and keeps the
epoch with the best dev result F1.

Measured (roles MODEL_CARD): dev result F1 0.696 and macro F1 0.667 at epoch 2,
against 0.681 and 0.629 for the shipped TF-IDF model, at 0.077 s per abstract of
extra encoder time. Not worth a slower ``kg build``, so it is not shipped.
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
from kg.extract.tagger import base_encoder_dir  # noqa: E402

MAX_PIECES = 512
MAX_SENTENCE_PIECES = 80


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
    """Piece ids of ``[CLS] s1 [SEP] s2 [SEP] ...`` and, per piece, its sentence (-1 for special pieces)."""
    pieces = [tokenizer(s, add_special_tokens=False)["input_ids"][:MAX_SENTENCE_PIECES] for s in sentences]
    budget = MAX_PIECES - 1 - len(pieces)
    while sum(map(len, pieces)) > budget:  # shorten the longest sentence until the abstract fits
        longest = max(range(len(pieces)), key=lambda i: len(pieces[i]))
        pieces[longest] = pieces[longest][:-1]
    ids, owner = [tokenizer.cls_token_id], [-1]
    for i, p in enumerate(pieces):
        ids += p + [tokenizer.sep_token_id]
        owner += [i] * len(p) + [-1]
    n = len(sentences)
    positions = [[i / max(1, n - 1), 1.0 / n] for i in range(n)]
    return ids, owner, positions


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


if __name__ == "__main__":
    main()
