"""Claims: what an abstract says it found, with its numbers and who it beats.

Two parts, both rules over the parsed abstract:

* ``kg_claims``, a pipeline component run after the concept components and
  ``kg_sentence_roles``: in a sentence that says something outperforms,
  surpasses or beats something else, it adds the *named* participants
  (LoRA-GA, GPT-4, Palm-2-chat-bison) as Method spans when no other component
  found them, so each can become a concept node and an end of an
  ``OUTPERFORMS`` edge.
* ``claims_from_doc(doc, mentions)``, called by ``Extractor.from_doc`` once the
  mentions are known: one ``Claim`` per result, objective or contribution
  sentence, typed ``comparison``, ``contribution``, ``result`` or ``finding``,
  with its quantities (value, unit, kind, and the metric and dataset when the
  sentence names them) and its ``Comparison``\\ s.

A comparison gets an edge only when both ends are specific: the winner is a
named method or the paper's own proposed method ("our method", "it"), and the
loser a named or specific method. "Outperforms existing methods" stays a
comparison claim without an edge.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token

from kg.extract import roles  # noqa: F401  (registers Span._.kg_role, which the rules read)
from kg.types import Claim, Comparison, ConceptType, Mention, Quantity, Role, concept_key

__all__ = ["ClaimParticipants", "claims_from_doc", "comparison_in", "comparisons_in", "find_quantities", "make_claims"]

#: Sentence roles whose sentences may state a claim; background sentences report others' work.
CLAIM_ROLES = frozenset({"result", "objective", "method", "other"})
COMPARE_VERBS = frozenset({"outperform", "surpass", "beat", "exceed", "outpace", "outstrip", "outdo", "outclass", "outrun"})
#: Comparatives whose "than X" / "to X" / "over X" names what is beaten.
COMPARATIVES = frozenset({"better", "superior", "higher", "stronger", "faster", "lower", "cheaper", "smaller", "more", "fewer"})
#: "X improves over Y", "gains over Y", "an improvement upon Y".
OVER_HEADS = frozenset({"improve", "improvement", "gain", "advantage", "edge", "boost", "speedup", "win"})
CONTRIBUTION_VERBS = frozenset(
    {"propose", "introduce", "present", "develop", "release", "design", "build", "contribute", "create"}
)
RESULT_VERBS = frozenset(
    {"achieve", "improve", "reduce", "increase", "boost", "obtain", "reach", "attain", "yield", "set", "accelerate", "cut"}
    | {"lower", "decrease", "enhance", "gain", "match", "deliver", "score", "speed", "halve", "double", "establish"}
)
AUTHORS = frozenset({"we", "our", "ours", "it", "this", "proposed", "its"})
#: Words that make a compared-against phrase unspecific ("existing methods", "strong baselines").
VAGUE = frozenset(
    {"existing", "previous", "prior", "other", "state", "art", "sota", "baseline", "baselines", "competing", "strong"}
    | {"current", "conventional", "traditional", "alternative", "alternatives", "many", "several", "all", "most", "larger"}
    | {"open", "closed", "source", "top", "tier", "leading", "popular", "standard", "recent", "various", "similar", "same"}
    | {"comparable", "counterpart", "counterparts", "competitor", "competitors", "these", "those", "such", "proprietary"}
    | {
        "latest",
        "concurrent",
        "best",
        "strongest",
        "advanced",
        "modern",
        "powerful",
        "commercial",
        "representative",
        "mainstream",
    }
)
#: Things a comparison may be against for it to count as a comparison at all.
METHOD_NOUNS = frozenset(
    {"method", "model", "approach", "baseline", "algorithm", "system", "technique", "framework", "architecture", "network"}
    | {"competitor", "alternative", "counterpart", "sota", "state", "work", "solution", "strategy", "optimizer", "agent"}
    | {"policy", "variant", "scheme", "heuristic", "pipeline", "tool", "solver", "learner", "classifier", "detector", "encoder"}
    | {"llm", "mllm", "vlm", "lm", "llms", "mllms", "vlms", "lms", "architecture", "architectures", "counterparts"}
)
#: Names that are not a compared method.
STOP_NAMES = frozenset({"sota", "llm", "llms", "mllm", "mllms", "vlm", "vlms", "ai", "gpu", "gpus", "cpu", "api", "e.g.", "i.e."})
#: Last words of a hyphenated modifier, not of a name: "RL-based", "GAN-style", "task-specific".
NOT_NAME_ENDS = frozenset(
    {"based", "like", "style", "free", "aware", "specific", "driven", "level", "wise", "scale", "only", "centric", "oriented"}
    | {"agnostic", "guided", "conditioned", "augmented", "efficient", "friendly", "tuned", "trained", "source", "art"}
)
#: Prepositions through which a name is still part of the compared phrase ("methods such as X", "models like X").
LIST_PREPS = frozenset({"like", "as", "including", "than", "over", "to", "upon", "against", "e.g."})

_NUMBER = r"[+\-±~]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_NUMBER_RE = re.compile(rf"^{_NUMBER}$")
_ATTACHED_RE = re.compile(rf"^({_NUMBER})(%|x|×|times|fold|[kKMB])$")
UNITS = {
    "%": "%",
    "percent": "%",
    "x": "x",
    "×": "x",
    "times": "x",
    "fold": "x",
    "points": "points",
    "point": "points",
    "pp": "points",
    "pts": "points",
    "ms": "ms",
    "seconds": "s",
    "minutes": "min",
    "hours": "h",
    "days": "days",
    "gb": "GB",
    "mb": "MB",
    "tb": "TB",
    "billion": "B",
    "million": "M",
    "fps": "fps",
    "db": "dB",
    "k": "k",
    "m": "M",
    "b": "B",
}
#: Words right after a quantity that make it a difference, not a level ("3.2% higher").
DELTA_WORDS = frozenset(
    {"higher", "lower", "better", "more", "fewer", "less", "improvement", "improvements", "gain", "gains", "increase"}
    | {"decrease", "reduction", "boost", "speedup", "faster", "relative", "absolute", "drop", "margin", "smaller", "cheaper"}
)
#: Words between "by" and its number: "by up to 2.5%", "by more than 4%".
HEDGES = frozenset(
    {"up", "to", "more", "than", "over", "about", "around", "nearly", "almost", "approximately", "roughly"}
    | {"at", "least", "an", "average", "of", "a", "~"}
)
#: What a ratio or delta measures when no metric is named: "2x faster" is about speed.
COMPARATIVE_MEASURE = {"faster": "speed", "speedup": "speed", "cheaper": "cost", "smaller": "size", "slower": "speed"}

Span.set_extension("kg_comparison", default=None, force=True)


# ---------------------------------------------------------------- quantities


def _matcher(vocab) -> Matcher:
    matcher = Matcher(vocab)
    number = {"TEXT": {"REGEX": _NUMBER_RE.pattern}}
    matcher.add("NUM_PERCENTAGE_POINTS", [[number, {"LOWER": "percentage"}, {"LOWER": {"IN": ["point", "points"]}}]])
    matcher.add("NUM_UNIT", [[number, {"LOWER": {"IN": sorted(UNITS)}}]])
    unit = {"LOWER": {"IN": sorted(UNITS)}}
    matcher.add("NUM_ADJ_UNIT", [[number, {"LOWER": {"IN": ["absolute", "relative", "percentage"]}}, unit]])
    matcher.add("NUM_ATTACHED", [[{"TEXT": {"REGEX": _ATTACHED_RE.pattern}}]])
    matcher.add("NUM", [[number]])
    return matcher


_MATCHERS: dict[int, Matcher] = {}


def _number(text: str) -> float:
    return float(text.replace(",", "").replace("±", "").replace("~", ""))


def find_quantities(sent: Span, metrics: Sequence[tuple[int, int, str]] = (), datasets: Sequence[tuple[int, int, str]] = ()):
    """The quantities one sentence states, as ``(start token, end token, Quantity)``.

    ``metrics`` and ``datasets`` are the sentence's metric and dataset mentions
    as ``(start token, end token, canonical name)``; a quantity takes the metric
    it is written next to ("84.1 BLEU", "accuracy by 3.2%", "FID from 5.1 to
    3.4"), and the dataset it is "on". A bare number counts only next to a metric,
    so years, counts and model sizes in names are left out.
    """
    doc = sent.doc
    matcher = _MATCHERS.setdefault(id(doc.vocab), _matcher(doc.vocab))
    found: dict[int, tuple[int, int, str]] = {}
    for match_id, start, end in matcher(sent, as_spans=False):
        start, end = start + sent.start, end + sent.start
        if start not in found or end > found[start][1]:
            found[start] = (start, end, doc.vocab.strings[match_id])
    taken: set[int] = set()
    out = []
    for start, end, rule in sorted(found.values()):
        if start in taken:
            continue
        token = doc[start]
        if _inside_range_or_name(token):
            continue
        if rule == "NUM_ATTACHED":
            value_text, unit_text = _ATTACHED_RE.match(token.text).groups()
            unit = UNITS.get(unit_text.lower(), unit_text)
        else:
            value_text, unit = token.text, None
            if rule in ("NUM_UNIT", "NUM_ADJ_UNIT"):
                unit = UNITS[doc[end - 1].lower_]
            elif rule == "NUM_PERCENTAGE_POINTS":
                unit = "points"
        value = _number(value_text)
        q_start, baseline, kind = start, None, None
        # "from 5.1 to 3.4": one change, read at the second number.
        if start >= 2 and doc[start - 1].lower_ == "to":
            for j in range(start - 2, max(sent.start, start - 5) - 1, -1):
                if _NUMBER_RE.match(doc[j].text) and j - 1 >= sent.start and doc[j - 1].lower_ == "from":
                    baseline, q_start, kind = _number(doc[j].text), j - 1, "change"
                    out = [q for q in out if q[0] != j]
                    break
        metric = _measure_after(doc, end, sent.end) if end < sent.end else None
        metric = metric or _metric_for(doc, q_start, end, metrics)
        if unit is None and metric is None and kind != "change":
            continue  # a bare number with no metric: a count, a year, a size in a name
        if unit is None and kind is None and 1900 <= value <= 2100 and float(value).is_integer():
            continue
        if kind is None:
            kind = _kind(doc, start, end, unit)
        text = doc[q_start:end].text
        out.append(
            (q_start, end, Quantity(value=value, unit=unit, metric=metric, dataset=None, kind=kind, baseline=baseline, text=text))
        )
        taken.update(range(start, end))
    if len(out) == 1 and len({name for *_, name in metrics}) == 1 and out[0][2].metric is None and out[0][2].kind != "ratio":
        out[0][2].metric = metrics[0][2]  # one number, one metric: "achieves 92% on ImageNet in accuracy"
    for q_start, q_end, quantity in out:
        quantity.dataset = _dataset_for(doc, sent, q_start, q_end, datasets, alone=len(out) == 1)
    return out


def _inside_range_or_name(token: Token) -> bool:
    """3--6%, 10-100, GPT 4-turbo, 3-layer: a number glued to a hyphen belongs to something else."""
    doc = token.doc
    before = doc[token.i - 1] if token.i > 0 else None
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if after is not None and not token.whitespace_ and after.text in ("-", "–", "—", "/"):
        return True
    if before is not None and not before.whitespace_ and (before.text in ("-", "–", "—", "/") or before.is_alpha):
        return True
    return False


def _metric_for(doc: Doc, start: int, end: int, metrics: Sequence[tuple[int, int, str]]) -> str | None:
    # Written right after: "84.1 BLEU", "3.2% higher accuracy".
    for m_start, _m_end, name in metrics:
        if end <= m_start <= end + 2 and all(t.lower_ in DELTA_WORDS | {"of", "in"} for t in doc[end:m_start]):
            return name
    # Written before: "accuracy by 3.2%", "an FID of 1.91", "FID from 5.1 to 3.4".
    best = None
    for _m_start, m_end, name in metrics:
        if start - 6 <= m_end <= start and not any(_NUMBER_RE.match(t.text) for t in doc[m_end:start]):
            best = name
    return best


def _measure_after(doc: Doc, end: int, limit: int) -> str | None:
    """'2x faster' → speed; 'with 10x fewer parameters' → parameters; '14 times fewer training steps' → training steps."""
    word = doc[end]
    if word.lower_ in COMPARATIVE_MEASURE:
        return COMPARATIVE_MEASURE[word.lower_]
    head = word.head
    if word.lower_ in ("fewer", "less", "more") and word.dep_ == "amod" and head.pos_ == "NOUN" and end < head.i < limit:
        return doc[end + 1 : head.i + 1].text.lower()
    return None


def _kind(doc: Doc, start: int, end: int, unit: str | None) -> str:
    if unit == "x":
        return "ratio"
    if doc[start].text.startswith(("+", "-")):
        return "delta"
    before = [t.lower_ for t in doc[max(0, start - 4) : start]]
    while before and before[-1] in HEDGES:
        before.pop()
    if before and before[-1] in ("by", "+"):
        return "delta"
    if before and before[-1] in DELTA_WORDS:  # "an improvement of almost 20%"
        return "delta"
    after = doc[end : end + 2]
    if any(t.lower_ in DELTA_WORDS for t in after):
        return "delta"
    return "absolute"


def _dataset_for(doc: Doc, sent: Span, start: int, end: int, datasets: Sequence[tuple[int, int, str]], alone: bool) -> str | None:
    """The dataset the number is "on" ("on SWE-bench from 20% to 50%", "84.1 BLEU on WMT14").

    Else the sentence's only dataset, if the number is the sentence's only one.
    """
    for s, e, name in sorted(datasets, reverse=True):
        if start - 2 <= e <= start and s > sent.start and doc[s - 1].lower_ in ("on", "in", "for", "across"):
            return name
    for s, _e, name in sorted(datasets):
        if s >= end and any(t.lower_ in ("on", "in", "across", "for", "over", "of") for t in doc[max(end, s - 3) : s]):
            return name
    if alone and len({name for *_, name in datasets}) == 1:
        return datasets[0][2]
    return None


# ---------------------------------------------------------------- comparisons


class ClaimParticipants:
    """Where a sentence compares: the trigger, the winner's phrase and the compared-against phrases (token ranges)."""

    def __init__(self, trigger: Token, winner: tuple[int, int] | None, losers: list[tuple[int, int]], passive: bool = False):
        self.trigger = trigger
        self.winner = winner
        self.losers = losers
        self.passive = passive


def comparison_in(sent: Span) -> ClaimParticipants | None:
    """The first superiority statement of a sentence ("X outperforms Y", "X is better than Y", "gains over Y")."""
    return next(iter(comparisons_in(sent)), None)


def comparisons_in(sent: Span) -> list[ClaimParticipants]:
    """Every superiority statement of a sentence: "61% faster than MEMIT and 64% faster than AlphaEdit" makes two."""
    found = []
    depth, bracketed = 0, set()
    for token in sent:  # "(10-100 times lower than LoRA)": an aside, not the sentence's comparison
        depth += token.text == "("
        depth -= token.text == ")" and depth > 0
        if depth:
            bracketed.add(token.i)
    for token in sent:
        if token.i in bracketed:
            continue
        losers: list[Token] = []
        anchor = None
        if token.lemma_.lower() in COMPARE_VERBS and token.pos_ in ("VERB", "AUX", "NOUN", "ADJ"):
            anchor = token
            passive = any(c.dep_ == "auxpass" for c in token.children)
            if passive:  # "X is outperformed by Y": Y wins
                agents = [g for c in token.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
                subjects = [c for c in token.children if c.dep_ == "nsubjpass"]
                if agents and subjects:
                    found.append(ClaimParticipants(token, _extent(agents[0]), [_extent(subjects[0])], passive=True))
                continue
            losers = [c for c in token.children if c.dep_ in ("dobj", "obj", "attr", "pobj", "dative")]
        elif token.lower_ in ("than", "to", "over", "upon") and token.dep_ in ("prep", "mark", "advmod"):
            head = token.head
            if token.lower_ in ("than", "to") and (head.lower_ in COMPARATIVES or head.tag_ in ("JJR", "RBR")):
                if token.lower_ == "to" and head.lower_ != "superior":
                    continue
                anchor = head
            elif token.lower_ in ("over", "upon") and head.lemma_.lower() in OVER_HEADS:
                anchor = head
            else:
                continue
            losers = [c for c in token.children if c.dep_ in ("pobj", "pcomp")]
        if anchor is None or not losers:
            continue
        if not any(_comparable(t) for t in losers):
            continue
        spans = [_with_examples(sent, *_extent(t)) for t in losers]
        subject = _subject_of(anchor)
        found.append(ClaimParticipants(token, _extent(subject) if subject is not None else None, spans))
    return found


def _extent(token: Token) -> tuple[int, int]:
    return token.left_edge.i, token.right_edge.i + 1


def _with_examples(sent: Span, start: int, end: int) -> tuple[int, int]:
    """A phrase with the bracket that follows it: "RL-based methods (e.g., Diffusion-DPO)"."""
    doc = sent.doc
    if doc[end - 1].text == "(" or (end < sent.end and doc[end].text == "("):
        for i in range(end, min(sent.end, end + 20)):
            if doc[i].text == ")":
                return start, i + 1
    return start, end


def _comparable(root: Token) -> bool:
    """A phrase something can be better than: headed by a method-like noun or a name, not "a size threshold", "accuracy"."""
    heads = [root, *(c for c in root.children if c.dep_ in ("conj", "appos"))]
    return any(t.lemma_.lower() in METHOD_NOUNS or t.lower_ in METHOD_NOUNS or _is_name(t) for t in heads)


def _subject_of(token: Token) -> Token | None:
    """The subject that governs ``token``, climbing through participle, conjoined and complement clauses."""
    current = token
    for _ in range(8):
        subjects = [c for c in current.children if c.dep_ in ("nsubj", "csubj")]
        if subjects:
            return subjects[0]
        if current.dep_ in ("relcl", "acl") or (current.dep_ == "amod" and current.head.pos_ in ("NOUN", "PROPN")):
            return current.head
        if current.head.i == current.i:
            return None
        current = current.head
    return None


def _is_name(token: Token) -> bool:
    """A token that names something: a proper noun, or a word with inner capitals or digits (LoRA, GPT-4, T5)."""
    text = token.text
    if not any(c.isalpha() for c in text) or text.lower() in STOP_NAMES or len(text) < 2:
        return False
    if any(c.isupper() for c in text[1:]) or (text[0].isupper() and any(c.isdigit() for c in text)):
        return True
    # A capitalised word inside a sentence (not after a colon or a bracket) is a name: Adam, Reflexion, Diffusion-Sharpening.
    previous = token.doc[token.i - 1] if token.i > token.sent.start else None
    return text[0].isupper() and previous is not None and previous.text not in (":", ";", "(", '"', "``", "'", "[", ".")


def _names_in(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """Named things in a phrase: runs of name tokens glued by hyphens ("Palm-2-chat-bison"), reached without "on"/"in"."""
    runs: list[tuple[int, int]] = []
    i = start
    while i < end:
        token = doc[i]
        if not _is_name(token) or not _reached_directly(token, start, end):
            i += 1
            continue
        s, e = i, i + 1
        while e < end and (not doc[e - 1].whitespace_ or (_is_name(doc[e]) and _attached(doc[e - 1], doc[e]))):
            if (doc[e].is_punct and doc[e].text not in ("-", ".")) or doc[e].lower_ in ("'s", "'", "’s"):
                break
            e += 1
        while doc[e - 1].text in ("-", "."):
            e -= 1
        text = doc[s:e].text.lower()
        if text not in STOP_NAMES and not text.startswith(("e.g", "i.e")) and doc[e - 1].lower_ not in NOT_NAME_ENDS:
            runs.append((s, e))
        i = e
    return runs


def _attached(left: Token, right: Token) -> bool:
    """Two name tokens of one name: "Inference Scaling", "Gaussian Hill Climbing", "GPT 4"."""
    return left.head.i == right.i or (right.head.i == left.i and right.dep_ in ("flat", "nummod", "compound", "appos"))


def _reached_directly(token: Token, start: int, end: int) -> bool:
    """No preposition other than like/such as/including between the token and the root of its phrase."""
    current = token
    while start <= current.head.i < end and current.head.i != current.i:
        current = current.head
        if (current.dep_ == "prep" and current.lower_ not in LIST_PREPS) or current.dep_ in ("relcl", "acl", "advcl", "ccomp"):
            return False
    return True


# ---------------------------------------------------------------- the component


@Language.factory("kg_claims", default_config={"spans_key": "kg_concepts", "label": "Method", "rule": "comparison"})
def make_claims(nlp: Language, name: str, spans_key: str, label: str, rule: str):
    return ClaimNames(nlp, name, spans_key=spans_key, label=label, rule=rule)


class ClaimNames:
    """Adds the named ends of each comparison ("LoRA-GA outperforms LoRA") as Method spans nobody else found."""

    def __init__(self, nlp: Language, name: str, *, spans_key: str, label: str, rule: str):
        self.name = name
        self.spans_key = spans_key
        self.label = label
        self.rule = rule

    def initialize(self, get_examples=None, *, nlp=None) -> None:
        """Nothing to learn: the rules are this module's word lists."""

    def __call__(self, doc: Doc) -> Doc:
        spans = list(doc.spans.get(self.spans_key, []))
        added: list[Span] = []
        for sent in doc.sents:
            if sent._.kg_role not in CLAIM_ROLES:
                continue
            phrases = [p for found in comparisons_in(sent) for p in ([found.winner] if found.winner else []) + found.losers]
            for start, end in phrases:
                for s, e in _names_in(doc, start, end):
                    if any(x.start < e and s < x.end for x in spans + added):
                        continue
                    added.append(Span(doc, s, e, label=self.label, span_id=self.rule))
        if added:
            doc.spans[self.spans_key] = sorted(spans + added, key=lambda s: (s.start, s.end))
        return doc


# ---------------------------------------------------------------- claims


def claims_from_doc(doc: Doc, mentions: Iterable[Mention]) -> list[Claim]:
    """The claims of one parsed abstract whose sentences carry ``kg_role``; ``mentions`` are its concept mentions."""
    mentions = list(mentions)
    proposed = [m for m in mentions if m.type is ConceptType.METHOD and m.role is Role.PROPOSES]
    # "Our method" is the proposed method's name (SparseGrad) rather than its description (a selective PEFT method).
    proposed.sort(key=lambda m: not _is_name_text(m.text.split()[-1]) or m.text.split()[-1].lower() in METHOD_NOUNS)
    claims = []
    for index, sent in enumerate(doc.sents):
        role = sent._.kg_role
        if role not in CLAIM_ROLES:
            continue
        here = [(m, _token_range(doc, m)) for m in mentions if m.sentence == index]
        here = [(m, r) for m, r in here if r is not None]
        found = comparisons_in(sent)
        contribution = _authors_contribute(sent)
        if found:
            type_ = "comparison"
        elif role == "objective" or (contribution and role in ("method", "result")):
            type_ = "contribution"
        elif role == "result":
            type_ = "result"
        else:
            continue
        metrics = [(s, e, m.canonical) for m, (s, e) in here if m.type is ConceptType.METRIC]
        datasets = [(s, e, m.canonical) for m, (s, e) in here if m.type is ConceptType.DATASET]
        quantities = find_quantities(sent, metrics, datasets)
        if type_ == "result" and not quantities and not any(t.lemma_.lower() in RESULT_VERBS for t in sent if t.pos_ == "VERB"):
            type_ = "finding"
        comparisons = []
        for participants in found:
            for comparison in _comparisons(participants, here, proposed, quantities, metrics, datasets):
                if all((c.winner, c.loser) != (comparison.winner, comparison.loser) for c in comparisons):
                    comparisons.append(comparison)
        about = list(dict.fromkeys(concept_key(m.type, m.canonical) for m, _ in here))
        claims.append(
            Claim(
                text=sent.text,
                type=type_,
                sentence=index,
                quantities=[q for *_, q in quantities],
                about=about,
                outperforms=comparisons,
            )
        )
    return claims


def _token_range(doc: Doc, mention: Mention) -> tuple[int, int] | None:
    span = doc.char_span(mention.start_char, mention.end_char, alignment_mode="expand")
    return (span.start, span.end) if span is not None else None


def _authors_contribute(sent: Span) -> bool:
    for token in sent:
        if token.lemma_.lower() in CONTRIBUTION_VERBS and token.pos_ == "VERB":
            if any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("we", "paper", "work", "study") for c in token.children):
                return True
    return False


def _comparisons(found, here, proposed, quantities, metrics, datasets) -> list[Comparison]:
    doc = found.trigger.doc
    methods = [(m, s, e) for m, (s, e) in here if m.type is ConceptType.METHOD]
    winner = _winner(found, methods, proposed)
    if winner is None:
        return []
    losers = []
    for start, end in found.losers:
        for m, s, e in methods:
            key = concept_key(m.type, m.canonical)
            if not (start <= s and e <= end) or key == winner or key in losers:
                continue
            if _specific(m, doc, s, e, start) and _reached_directly(doc[e - 1], start, end):
                losers.append(key)
    if not losers:
        return []
    # The margin nearest to the comparison's trigger: "61% faster than MEMIT and 64% faster than AlphaEdit".
    margins = [(abs(start - found.trigger.i), q) for start, _end, q in quantities if q.kind in ("delta", "ratio", "change")]
    delta = min(margins, key=lambda pair: pair[0])[1] if margins else None
    metric = (delta.metric if delta else None) or (metrics[0][2] if len({n for *_, n in metrics}) == 1 else None)
    stated_on = [name for s, _e, name in datasets if s > 0 and doc[s - 1].lower_ in ("on", "in", "across")]
    dataset = (delta.dataset if delta else None) or (stated_on[0] if len(set(stated_on)) == 1 else None)
    return [
        Comparison(winner=winner, loser=loser, metric=metric, dataset=dataset, delta=delta.text if delta else None)
        for loser in losers
    ]


def _winner(found: ClaimParticipants, methods, proposed: list[Mention]) -> str | None:
    if found.winner is None:
        return None
    start, end = found.winner
    inside = [m for m, s, e in methods if start <= s and e <= end]
    for m in sorted(inside, key=lambda m: m.role is not Role.PROPOSES):
        if m.role is Role.PROPOSES or any(_is_name_text(w) for w in m.text.split()):
            return concept_key(m.type, m.canonical)
    doc_words = {t.lower_ for t in found.trigger.doc[start:end]}
    if doc_words & AUTHORS and proposed:
        return concept_key(proposed[0].type, proposed[0].canonical)
    return None


def _is_name_text(word: str) -> bool:
    return any(c.isupper() for c in word[1:]) or (word[:1].isupper() and any(c.isdigit() for c in word))


def _specific(mention: Mention, doc: Doc, start: int, end: int, phrase_start: int) -> bool:
    """'LoRA', 'random search', 'convolutional neural networks' yes; 'existing methods', 'prior SOTA CL methods' no.

    ``start``/``end`` are the mention's tokens; the few words before it in the compared phrase and a generic
    noun right after it ("PEFT approaches") are read with it.
    """
    before = doc[max(phrase_start, start - 3) : start]
    after = end
    while after < len(doc) and (doc[after].lemma_.lower() in METHOD_NOUNS or doc[after].lower_ in METHOD_NOUNS):
        after += 1
    words = {w for t in [*before, *doc[start:after]] for w in re.findall(r"[a-z]+", t.lower_)}
    named = any(_is_name_text(w) for w in mention.text.split()) or mention.source == "comparison"
    generic_head = after > end or doc[end - 1].lemma_.lower() in METHOD_NOUNS
    if named and not generic_head:
        return True
    own = set(re.findall(r"[a-z]+", mention.text.lower()))
    return not (words & VAGUE or own <= METHOD_NOUNS | {f"{n}s" for n in METHOD_NOUNS})
