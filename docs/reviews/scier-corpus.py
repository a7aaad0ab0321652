"""Write SciER's sentence-level train split as a `kg build` corpus, detokenized back to plain text.

    python3 docs/reviews/scier-corpus.py ../shared/gold/scier/train.llm.jsonl /tmp/scier/train.jsonl
    python3 docs/reviews/scier-corpus.py ../shared/gold/scier/train.llm.jsonl /tmp/scier/r1.jsonl --docs 0:20

SciER (Zhang et al., EMNLP 2024) gives one tokenized sentence of an ML paper per line with its ``doc_id``; this
writes one record per ``doc_id`` (``id`` ``scier-DOC_ID``, the sentences in file order joined by spaces as the
``abstract``, the first sentence as ``title``), outside the repository (SciER is GPL-3.0; its text stays out).
``--docs A:B`` keeps the documents A..B-1 in order of first appearance, so review rounds can take disjoint slices.

SciER's tokenizer split every digit off ("4 2 . 2 %" for 42.2%, "2. 5" for 2.5, "MobileNetV 3"), every
punctuation mark and hyphen ("state - of - the - art", "( x )"). ``detokenize`` undoes that with the rules below:
digits joined into numbers, digits joined to a name with two capitals or to a capital letter ("ResNet101",
"Macro-F1"), hyphens and slashes closed up, closing punctuation and "%" joined to the word before, an opening
bracket to the word after, quotes closed. What it cannot know it leaves with a space ("Places 365", "i 7").
"""

import argparse
import json
import re

DIGITS = [
    # digits: "4 2 . 2" -> "42.2", "4. 6 2" -> "4.62", "1 , 0 0 0" -> "1,000"
    (re.compile(r"(?<=\d) (?=\d)"), ""),
    (re.compile(r"(?<=\d) ?\. (?=\d)"), "."),
    (re.compile(r"(?<=\d) , (?=\d{3}\b)"), ","),
    # the "2vec" names: "Node 2 vec", "Word 2 Vec"
    (re.compile(r"(?<=[A-Za-z]) (\d) (?=[Vv]ec\b)"), r"\1"),
]
RULES = [
    # hyphens and slashes inside words and ranges: "state - of - the - art", "5 - 7", "CNN / Daily Mail"
    (re.compile(r" - "), "-"),
    (re.compile(r" / "), "/"),
    # signs before a number: "( + 2.1 % )"
    (re.compile(r"(?<![\w)]) ?([+±]) (?=\d)"), r" \1"),
    # punctuation that closes: " %", " ,", " .", " ;", " :", " )", " ]", " 's", " n't"
    (re.compile(r" (?=\\?%|[,.;:!?)\]}])"), ""),
    (re.compile(r"(?<=[(\[{]) "), ""),
    (re.compile(r" (?='s\b|n't\b|'re\b|'ve\b|'ll\b)"), ""),
]
QUOTE = re.compile(r'" ([^"]*?) "')
# a name with two capitals, or a capital letter alone, takes the digits that follow it, and a letter after them:
# "MobileNetV 3", "ResNet 101", "ADE 20 K", "Macro-F 1", "HRNetV 1 h"; not a year ("COCO 2017"), not "Table 3"
NAME_DIGITS = re.compile(r"(?<![\w.])([A-Za-z]+) (\d+)(?: ([A-Za-z])\b)?")


def _name_digits(match: re.Match) -> str:
    name, digits, letter = match.groups()
    capitals = sum(c.isupper() for c in name)
    if not (capitals >= 2 or name.isupper() and len(name) == 1) or re.fullmatch(r"(?:19|20)\d\d", digits):
        return match.group()
    if letter == "a":  # "MobileNetV3 a": the article
        return f"{name}{digits} {letter}"
    return name + digits + (letter or "")


def detokenize(sentence: str) -> str:
    text = " ".join(sentence.split())
    for rule, repl in DIGITS:
        text = rule.sub(repl, text)
    text = NAME_DIGITS.sub(_name_digits, text)
    for rule, repl in RULES:
        text = rule.sub(repl, text)
    text = QUOTE.sub(r'"\1"', text)
    return text.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("gold", help="SciER train.llm.jsonl")
    parser.add_argument("out", help="the corpus to write (JSONL: id, title, abstract)")
    parser.add_argument("--docs", default=":", help="A:B, the documents A..B-1 in order of first appearance")
    args = parser.parse_args()
    docs: dict[str, list[str]] = {}
    with open(args.gold, encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            docs.setdefault(record["doc_id"], []).append(detokenize(record["sentence"]))
    start, _, end = args.docs.partition(":")
    chosen = list(docs.items())[int(start or 0) : int(end) if end else None]
    with open(args.out, "w", encoding="utf-8") as f:
        for doc_id, sentences in chosen:
            record = {"id": f"scier-{doc_id}", "title": sentences[0], "abstract": " ".join(sentences)}
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"{len(chosen)} documents, {sum(len(s) for _, s in chosen)} sentences -> {args.out}")


if __name__ == "__main__":
    main()
