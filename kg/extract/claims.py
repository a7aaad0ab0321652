"""Claims: what an abstract says it found or contributes, with its numbers, what it is about and who it beats.

Two parts, both rules over the parsed abstract:

* ``kg_claims``, a pipeline component run after the concept components and
  ``kg_sentence_roles``: in a sentence that says something outperforms,
  surpasses or beats something else, it adds the *named* participants
  (LoRA-GA, GPT-4, Palm-2-chat-bison) as Method spans when no other component
  found them, so each can become a concept node and an end of an
  ``OUTPERFORMS`` edge.
* ``claims_from_doc(doc, mentions)``, called by ``Extractor.from_doc`` once the
  mentions are known: one ``Claim`` per sentence that claims something, typed

  - ``comparison``: it states a win ("X outperforms Y", "X is 2x faster than Y");
  - ``contribution``: the authors propose, introduce, present … something;
  - ``result``: an outcome, with a result verb ("achieves", "reduces") or a measured quantity;
  - ``finding``: a reported finding ("we show that …", "results indicate …").

  Sentences that outline the paper, point to code or a licence, thank funders, are cut off, or merely
  set the scene (background, a goal, a setup) claim nothing. A claim's ``about`` names only the
  concepts it is about: the subject of its assertion (or the paper's named method for "our method"),
  what its contribution verb introduces, the compared methods, and the metric and dataset it measures,
  not every concept the sentence names. Its quantities come from ``kg.extract.quantities``.

A comparison gets an edge only for a stated win (not "comparable to", "on par with", "statistically
equivalent to", not a negated one) between two specific ends: named methods or specific descriptions
("logistic regression"), never a generic "baseline", "base model", "7B model" or a concept and itself;
the paper's own method stands in for "our method" only when it has a name. Its metric, dataset and
margin are read from the comparison's own clause (or a framing phrase such as a sentence-initial "On
nuScenes,"), else left empty. Word lists are the ``claims_*`` and ``generic`` lexicons.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from kg.extract import roles  # noqa: F401  (registers Span._.kg_role, which the rules read)
from kg.extract.canonical import normalize_name
from kg.extract.patterns import generic_words, read_lexicon
from kg.extract.quantities import Reading, clause_of, find_quantities, framing_clauses, read_quantities
from kg.types import Claim, Comparison, ConceptType, Mention, Quantity, Role, concept_key

__all__ = [
    "ClaimParticipants",
    "claims_from_doc",
    "comparison_in",
    "comparisons_in",
    "find_quantities",
    "make_claims",
    "states_no_claim",
]

#: Sentence roles whose sentences may state a claim; background sentences report others' work.
CLAIM_ROLES = frozenset({"result", "objective", "method"})
#: Subjects of a reporting verb that make its finding the paper's: "results show", "experiments demonstrate".
EVIDENCE_NOUNS = frozenset({"result", "experiment", "finding", "evaluation", "analysis", "study", "simulation", "test"})
#: Dependency labels of the words a phrase is built from, through which a concept still belongs to it.
PHRASE_DEPS = frozenset({"compound", "amod", "nmod", "appos", "conj", "poss", "nummod", "det", "cc", "punct", "npadvmod"})
_SIZE = re.compile(r"^\d+(?:\.\d+)?[kmbt]?$")

Span.set_extension("kg_comparison", default=None, force=True)


@cache
def _words(name: str) -> frozenset[str]:
    return frozenset(read_lexicon(name))


# ---------------------------------------------------------------- sentences that claim nothing


def states_no_claim(sent: Span) -> str | None:
    """Why a sentence states no claim whatever its role, or None: availability, outline, fragment.

    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> states_no_claim(nlp("Code is available at https://github.com/x/y.")[:])
    'availability'
    """
    text = " ".join(sent.text.lower().split())
    if any(cue in text for cue in _words("claims_not_claims")):
        return "availability"
    if any(re.search(rf"(?<![a-z0-9-]){re.escape(cue)}(?![a-z0-9-])", text) for cue in _words("claims_outline")):
        return "outline"
    if sent.doc.has_annotation("DEP") and _cited(sent):
        return "cited"
    words = [t for t in sent if t.is_alpha]
    if len(words) < 4:
        return "fragment"
    if re.search(r"\((?:[ivx]+|[a-z]|\d{1,2})\)$", sent.text.strip()):
        return "fragment"  # "Here we present (i)": the sentence splitter cut a list off after its first marker
    if sent.doc.has_annotation("DEP") and not any(t.pos_ in ("VERB", "AUX") for t in sent):
        return "fragment"
    last = sent[-1]
    if sent.end == len(sent.doc) and (last.text.endswith("-") or last.tag_ in ("DT", "IN", "CC", "JJ", "TO", "PRP$")):
        return "fragment"  # an abstract cut off mid-sentence: "… a library search applica-"
    return None


#: A citation in the text: "[29]", "[3, 5]", "et al", "Vaswani 2017", "Smith (2019)".
_CITATION_MARK = re.compile(
    r"\[\s*\d+(?:\s*[,–-]\s*\d+)*\s*\]|\bet al\b|\b[A-Z][A-Za-z-]+,?\s+\(?(?:19[5-9]\d|20[0-3]\d)[a-z]?\b"
)


def _cited(sent: Span) -> bool:
    """Whether the sentence reports what cited or other work found or argued, not the paper: "studies [39] show that
    …", "Zagoruyko and Komodakis [36] found that …", "As it was argued by Vaswani 2017 [29], …", "Recent studies show
    that …" (lexicons/claims_cited_*.txt); not "we show", "as shown in Table 3"; "our previous work showed …" is cited
    too."""
    verbs = _words("claims_reporting_verbs") | _words("claims_cited_verbs")
    for verb in sent:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in verbs:
            continue
        framing = any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)  # "As it was argued by …, X"
        if not framing and verb.dep_ != "ROOT":
            continue  # "X is low, though He et al. reported …": the paper's own clause asserts
        sources = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "agent")]
        if any(_authorial(source) for source in sources if source.dep_ != "agent"):
            continue
        for source in sources:
            head = source if source.dep_ != "agent" else next((c for c in source.children if c.dep_ == "pobj"), source)
            # the citation names the source itself ("studies [39]", "Zagoruyko and Komodakis [36]"), not a thing the
            # source is about ("evaluation on the tracking benchmark [36] shows …")
            end = max(source.right_edge.i + 1, verb.i) if head.pos_ == "PROPN" else head.i + 4
            cited = sent.doc[head.i : end]
            if _CITATION_MARK.search(cited.text):
                return True
            if head.lemma_.lower() in _words("claims_cited_sources") and any(
                c.lower_ in _words("claims_cited_qualifiers") for c in head.children if c.dep_ in ("amod", "det")
            ):
                return True
    return False


def _asserted(sent: Span) -> list[Token]:
    """The verbs a sentence asserts: its root and their conjuncts, what a reporting verb reports ("we show
    that X improves …", wherever the parser hung the reporting verb), and the participle that goes on
    from them (", achieving 84%")."""
    reporting = _words("claims_reporting_verbs")
    todo = [t for t in sent if t.dep_ == "ROOT" or (t.lemma_.lower() in reporting and t.pos_ == "VERB")]
    out: list[Token] = []
    while todo:
        verb = todo.pop()
        if verb in out:
            continue
        out.append(verb)
        for child in verb.children:
            if child.dep_ == "conj" and child.pos_ in ("VERB", "AUX"):
                todo.append(child)
            elif child.dep_ == "ccomp" and verb.lemma_.lower() in reporting:
                todo.append(child)
            elif child.dep_ == "advcl" and child.tag_ == "VBG" and child.i > verb.i:
                todo.append(child)
    return sorted(out, key=lambda t: t.i)


def _subjects(verb: Token) -> list[Token]:
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]
    if not subjects and verb.dep_ in ("conj", "advcl") and verb.head.i != verb.i:
        return _subjects(verb.head)  # "X improves … and reduces …", "…, achieving …": the first verb's subject
    return subjects


def _authorial(token: Token) -> bool:
    """A subject that is the authors or their paper: "we", "this paper", "our study"."""
    words = {t.lower_ for t in token.subtree if t.i <= token.i}
    return bool(words & _words("claims_authors")) and not words & {"previous", "prior", "existing", "their"}


def _reports_finding(sent: Span, asserted: list[Token]) -> bool:
    """ "We show that …", "Results indicate that …", "it was demonstrated that …", "Experiments on X demonstrate
    the effectiveness of …", "The ability of X is demonstrated in simulations and experimental results"."""
    for verb in asserted:
        if verb.lemma_.lower() not in _words("claims_reporting_verbs") or any(c.dep_ == "neg" for c in verb.children):
            continue
        if verb.dep_ in ("relcl", "acl", "xcomp", "amod") or any(c.lower_ == "as" and c.dep_ == "mark" for c in verb.children):
            continue  # "a method that shows …", "as shown in [3]"
        subjects = _subjects(verb)
        evidence = any(s.lemma_.lower() in EVIDENCE_NOUNS for s in subjects) or any(
            t.lemma_.lower() in EVIDENCE_NOUNS and t.pos_ == "NOUN"
            for c in verb.children
            if c.dep_ in ("prep", "agent")
            for t in c.subtree
        )
        says_that = any(c.dep_ == "ccomp" for c in verb.children)
        expletive = any(s.lower_ == "it" and s.dep_ == "nsubjpass" for s in subjects)
        if says_that and (evidence or expletive or not subjects or any(_authorial(s) for s in subjects)):
            return True
        if evidence and any(c.dep_ in ("dobj", "obj", "nsubjpass") for c in verb.children):
            return True
    return False


def _authors_contribute(sent: Span) -> Token | None:
    """The contribution verb of "we propose X", "this paper presents X", "X is introduced in this paper"."""
    for token in sent:
        if token.lemma_.lower() not in _words("claims_contribution_verbs") or token.pos_ != "VERB":
            continue
        if any(c.dep_ == "neg" for c in token.children) or token.dep_ in ("xcomp", "relcl", "acl", "pcomp", "amod"):
            continue
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        objects = [c for c in token.children if c.dep_ in ("dobj", "obj")]
        if any(o.lemma_.lower() in _words("claims_not_contributions") for o in objects):
            continue  # "we first introduce the background of …"
        if any(c.dep_ == "nsubj" and _authorial(c) for c in subjects):
            return token
        if any(c.dep_ == "nsubjpass" for c in subjects) and any(
            c.dep_ == "prep" and _words("claims_authors") & {t.lower_ for t in c.subtree} for c in token.children
        ):
            return token  # "an alternative concept is proposed in this chapter"
    return None


def _states_a_result(sent: Span, role: str) -> bool:
    """A sentence the role model reads as method whose main verb states an outcome: "On the challenging
    Birds-to-Words dataset, TaxonRL achieves 91.7% average accuracy" (its values make it a result)."""
    return role == "method" and _result_verb(_asserted(sent))


def _result_verb(asserted: list[Token]) -> bool:
    return any(v.lemma_.lower() in _words("claims_result_verbs") and v.pos_ in ("VERB", "AUX") for v in asserted)


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
    """Every stated win of a sentence: "61% faster than MEMIT and 64% faster than AlphaEdit" makes two.

    A tie or a loss ("comparable to", "on par with", "statistically equivalent to") and a negated win
    ("does not outperform") are none.
    """
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
        if token.lemma_.lower() in _words("claims_compare_verbs") and token.pos_ in ("VERB", "AUX", "NOUN", "ADJ"):
            anchor = token
            passive = any(c.dep_ == "auxpass" for c in token.children)
            if passive:  # "X is outperformed by Y": Y wins
                agents = [g for c in token.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
                subjects = [c for c in token.children if c.dep_ == "nsubjpass"]
                if agents and subjects and not _no_win(anchor):
                    found.append(ClaimParticipants(token, _extent(agents[0]), [_extent(subjects[0])], passive=True))
                continue
            losers = [c for c in token.children if c.dep_ in ("dobj", "obj", "attr", "pobj", "dative")]
        elif token.lower_ in ("than", "to", "over", "upon") and token.dep_ in ("prep", "mark", "advmod"):
            head = token.head
            if token.lower_ in ("than", "to") and (head.lower_ in _words("claims_comparatives") or head.tag_ in ("JJR", "RBR")):
                if token.lower_ == "to" and head.lower_ != "superior":
                    continue
                anchor = head
            elif token.lower_ in ("over", "upon") and head.lemma_.lower() in _words("claims_over_heads"):
                anchor = head
            else:
                continue
            losers = [c for c in token.children if c.dep_ in ("pobj", "pcomp")]
            # "better than that of the SVM model": what is beaten is what "that" stands for
            losers = [_of_that(c) for c in losers]
        if anchor is None or not losers or _no_win(anchor):
            continue
        if not any(_comparable(t) for t in losers):
            continue
        spans = [_with_examples(sent, *_extent(t)) for t in losers]
        subject = _subject_of(anchor)
        found.append(ClaimParticipants(token, _extent(subject) if subject is not None else None, spans))
    return found


def _of_that(token: Token) -> Token:
    if token.lower_ in ("that", "those"):
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                return next((c for c in prep.children if c.dep_ == "pobj"), token)
    return token


def _no_win(anchor: Token) -> bool:
    """A negated win ("does not outperform", "no better than"), one hedged into a tie ("better than or comparable to"),
    or less of what is better more of ("accuracy … 2.9% less than")."""
    doc = anchor.doc
    governors = [anchor, anchor.head] if anchor.dep_ in ("acomp", "advmod", "amod", "oprd", "xcomp") else [anchor]
    for token in governors:
        if any(c.dep_ == "neg" or c.lower_ in ("no", "never") for c in token.children):
            return True
    if anchor.i > 0 and doc[anchor.i - 1].lower_ in ("no", "not", "never", "hardly", "barely"):
        return True
    if anchor.head.lemma_.lower() in ("fail", "struggle") or (anchor.i > 1 and doc[anchor.i - 2].lemma_.lower() == "fail"):
        return True
    sent = anchor.sent
    if anchor.lower_ in ("less", "lower", "fewer", "smaller") and any(
        t.lemma_.lower() in _words("claims_higher_is_better") for t in doc[sent.start : anchor.i]
    ):
        return True  # "the classification accuracy of X is only 2.9% less than Y": Y wins
    window = " ".join(t.lower_ for t in doc[max(sent.start, anchor.i - 5) : min(sent.end, anchor.i + 6)])
    return any(re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", window) for phrase in _words("claims_no_win"))


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
    nouns = _words("claims_method_nouns")
    return any(t.lemma_.lower() in nouns or t.lower_ in nouns or _is_name(t) for t in heads)


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
    if not any(c.isalpha() for c in text) or text.lower() in _words("claims_stop_names") or len(text) < 2:
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
        if (
            text not in _words("claims_stop_names")
            and not text.startswith(("e.g", "i.e"))
            and doc[e - 1].lower_ not in _words("claims_not_name_ends")
            and not _unspecific_words(text)
        ):
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
        if (current.dep_ == "prep" and current.lower_ not in _words("claims_list_preps")) or current.dep_ in (
            "relcl",
            "acl",
            "advcl",
            "ccomp",
        ):
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
        """Nothing to learn: the rules are this module's lexicons."""

    def __call__(self, doc: Doc) -> Doc:
        spans = list(doc.spans.get(self.spans_key, []))
        added: list[Span] = []
        for sent in doc.sents:
            if sent._.kg_role not in CLAIM_ROLES or states_no_claim(sent):
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


def claims_from_doc(doc: Doc, mentions: Iterable[Mention], judged: Iterable[Mention] = ()) -> list[Claim]:
    """The claims of one parsed abstract whose sentences carry ``kg_role``; ``mentions`` are its concept mentions.

    ``judged`` are names only the concept judge's noun phrases hold ("baselines such as Qwen2.5-0.5B"): a method
    among them written as a name can be the winner or the loser of a comparison, and nothing else; as metrics,
    datasets or subjects the noun phrases are too often vaguer than the tagger's spans ("latency" for "average
    inference latency").
    """
    mentions = list(mentions)
    names = [m for m in judged if m.type is ConceptType.METHOD and _named_mention(m)]
    # "Our method" stands for the paper's proposed method only when that has a name (SparseGrad), not a description.
    proposed = [m for m in mentions if m.type is ConceptType.METHOD and m.role is Role.PROPOSES and _named_mention(m)]
    claims = []
    for index, sent in enumerate(doc.sents):
        role = sent._.kg_role
        if role not in CLAIM_ROLES or states_no_claim(sent):
            continue
        here = [(m, _token_range(doc, m)) for m in mentions if m.sentence == index]
        here = [(m, r) for m, r in here if r is not None]
        metrics = _measures(sent, here, ConceptType.METRIC)
        datasets = [(s, e, name) for s, e, name in _measures(sent, here, ConceptType.DATASET) if _written_as_name(doc[s:e])]
        found = comparisons_in(sent)
        measured = role == "result" or bool(found)
        outcome = not measured and _states_a_result(sent, role)
        reading = read_quantities(sent, metrics, datasets) if measured or outcome else Reading([], [])
        quantities = reading.quantities
        type_ = _claim_type(sent, role, found, quantities, outcome)
        if type_ is None:
            continue
        if outcome and type_ != "result":
            quantities = []  # a contribution read as method keeps no values: "reducing the latent size to only 58%"
        comparisons: list[Comparison] = []
        named = _beside(here, [(m, r) for m in names if m.sentence == index and (r := _token_range(doc, m)) is not None])
        for participants in found:
            for comparison in _comparisons(participants, here + named, proposed, quantities, metrics, datasets):
                if all((c.winner, c.loser) != (comparison.winner, comparison.loser) for c in comparisons):
                    comparisons.append(comparison)
        numbers = [q for *_, q in quantities]
        claims.append(
            Claim(
                text=sent.text,
                type=type_,
                sentence=index,
                quantities=numbers,
                unread=reading.unread if numbers else [],
                about=_about(sent, type_, here, proposed, comparisons, numbers),
                outperforms=comparisons,
            )
        )
    return claims


def _claim_type(sent: Span, role: str, found: list[ClaimParticipants], quantities: list, outcome: bool = False) -> str | None:
    """comparison, contribution, result, finding, or None for a sentence that claims nothing; ``outcome``: a method
    sentence whose main verb states an outcome (:func:`_states_a_result`)."""
    if found:
        return "comparison"
    if _authors_contribute(sent) is not None:
        return "contribution"
    asserted = _asserted(sent)
    if role == "result" and (quantities or _result_verb(asserted)) or outcome and quantities:
        return "result"
    if role in ("result", "objective") and _reports_finding(sent, asserted):
        return "finding"
    return None


def _measures(sent: Span, here, kind: ConceptType) -> list[tuple[int, int, str]]:
    """Where a sentence names a metric or dataset, as ``(start, end, canonical name)``: its mentions of that type,
    and every other place the sentence writes one of them or a lexicon term ("74.0% top-1 accuracy … the same
    top-1 accuracy" is one mention but two places)."""
    found = {(s, e): m.canonical for m, (s, e) in here if m.type is kind}
    by_text = {sent.doc[s:e].text.lower(): name for (s, e), name in found.items()}
    for rule in sent.doc.spans.get("kg_rules", []):
        overlaps = any(s < rule.end and rule.start < e for s, e in found)
        if rule.label_ == kind.value and sent.start <= rule.start and rule.end <= sent.end and not overlaps:
            found[rule.start, rule.end] = by_text.get(rule.text.lower(), normalize_name(rule.text))
    if kind is ConceptType.DATASET:  # "On the ImageNet classification task": the task's leading name is the dataset
        for m, (s, e) in here:
            k = s
            while k < e and _is_name(sent.doc[k]) and sent.doc[k].text[:1].isupper():
                k += 1
            introduced = any(t.lower_ in ("on", "in") for t in sent.doc[max(sent.start, s - 2) : s])
            if m.type is ConceptType.TASK and s < k < e and introduced and sent.doc[k].is_lower:
                found.setdefault((s, k), normalize_name(sent.doc[s:k].text))
    for text, name in by_text.items():
        for match in re.finditer(rf"(?<![\w-]){re.escape(text)}(?![\w-])", sent.text.lower()):
            span = sent.doc.char_span(sent.start_char + match.start(), sent.start_char + match.end())
            if span is not None:
                found.setdefault((span.start, span.end), name)
    return [(s, e, name) for (s, e), name in sorted(found.items())]


def _written_as_name(span: Span) -> bool:
    """A dataset written as a name (ImageNet, CIFAR-10, the Penn Treebank), not a description ("timeseries datasets")
    nor a name that qualifies who took part or won ("the ILSVRC 2014 winner", ``claims_not_dataset_heads``), nor
    languages ("Korean and English", ``languages``)."""
    if span.text.split()[-1].lower() in _words("claims_not_dataset_heads"):
        return False
    if all(t.lower_ in _words("languages") or t.lower_ in ("and", "or", ",") for t in span):
        return False  # "for Korean and English": the data's languages
    return any(c.isdigit() for c in span.text) or any(t.text[:1].isupper() and not t.is_sent_start for t in span)


def _beside(tagged, judged):
    """The judged names that overlap no tagged mention and, of those that overlap each other, the one the judge rates
    highest: "4B Vanilla SFT" (0.19), "Vanilla SFT" (0.47) and the tagger's "SFT" leave "SFT" alone."""
    taken = [r for _m, r in tagged]
    kept = []
    for m, r in sorted(judged, key=lambda item: -(item[0].judgement.concept if item[0].judgement else 0.0)):
        if all(r[1] <= s or e <= r[0] for s, e in taken):
            kept.append((m, r))
            taken.append(r)
    return kept


def _token_range(doc: Doc, mention: Mention) -> tuple[int, int] | None:
    span = doc.char_span(mention.start_char, mention.end_char, alignment_mode="expand")
    return (span.start, span.end) if span is not None else None


# ---------------------------------------------------------------- what a claim is about


def _about(sent: Span, type_: str, here, proposed: list[Mention], comparisons: list[Comparison], quantities: list[Quantity]):
    """The concept keys a claim is about: its subject, what it contributes, the compared methods and what it measures."""
    doc = sent.doc
    keys: list[str] = []
    for comparison in comparisons:
        keys += [comparison.winner, comparison.loser]
    asserted = _asserted(sent)
    phrases: list[Token] = []  # roots of the phrases whose concepts the claim is about
    contribution = _authors_contribute(sent) if type_ == "contribution" else None
    if contribution is not None:
        phrases += [c for c in contribution.children if c.dep_ in ("dobj", "obj", "nsubjpass", "attr", "oprd")]
    for verb in asserted:
        for subject in _subjects(verb):
            words = {t.lower_ for t in subject.subtree if t.i <= subject.i}
            if _stands_for_own_method(subject, words):
                if type_ in ("result", "comparison", "finding") and proposed:
                    keys.append(concept_key(proposed[0].type, proposed[0].canonical))
            elif subject.lemma_.lower() in EVIDENCE_NOUNS or _reports(verb):  # "experiments on MNIST show …": MNIST is measured
                keys += [
                    concept_key(m.type, m.canonical)
                    for m, (start, end) in here
                    if m.type is ConceptType.DATASET
                    and subject.left_edge.i <= start < end <= subject.right_edge.i + 1
                    and _written_as_name(doc[start:end])
                ]
            elif not _authorial(subject):
                phrases.append(subject)
    for root in phrases:
        inside = _longest(_phrase_mentions(doc, here, root))
        if any(_named_mention(m) for *_, m in inside):  # "we introduce VIME, an exploration strategy": VIME
            inside = [item for item in inside if _named_mention(item[3]) or item[3].type is not ConceptType.METHOD]
        # a method is linked by its name or a specific description, not "existing approximation methods"
        keys += [key for key, s, e, m in inside if m.type is not ConceptType.METHOD or _specific(m, doc, s, e, s - 3)]
    # the metric and the dataset it measures: those its quantities name, and "on X" / "in terms of Y" of its verbs
    measured = {(q.metric, ConceptType.METRIC) for q in quantities} | {(q.dataset, ConceptType.DATASET) for q in quantities}
    measured |= {(c.metric, ConceptType.METRIC) for c in comparisons} | {(c.dataset, ConceptType.DATASET) for c in comparisons}
    for m, (start, _end) in here:
        if (m.canonical, m.type) in measured or (
            m.type in (ConceptType.DATASET, ConceptType.METRIC) and _measured_by(doc[start:_end].root, asserted)
        ):
            keys.append(concept_key(m.type, m.canonical))
        if m.type is ConceptType.METRIC and _object_of_result(doc[start:_end].root, asserted):
            keys.append(concept_key(m.type, m.canonical))
    # a dataset is linked by its name (ImageNet, the Penn Treebank), not by a description the corpus drops anyway
    spans = {concept_key(m.type, m.canonical): doc[start:end] for m, (start, end) in here}
    keys = [k for k in keys if not k.startswith("Dataset:") or k not in spans or _written_as_name(spans[k])]
    return _one_type_per_name(keys)


def _one_type_per_name(keys: list[str]) -> list[str]:
    """The keys in order, once each; a name the tagger typed twice in one sentence keeps one type, Method first."""
    order = {t.value: i for i, t in enumerate((ConceptType.METHOD, ConceptType.DATASET, ConceptType.METRIC, ConceptType.TASK))}
    best: dict[str, str] = {}
    for key in keys:
        kind, name = key.split(":", 1)
        if name not in best or order[kind] < order[best[name].split(":", 1)[0]]:
            best[name] = key
    return [key for key in dict.fromkeys(keys) if best[key.split(":", 1)[1]] == key]


def _reports(verb: Token) -> bool:
    """A reporting verb with what it reports: "… show that X …"; its subject is the evidence, not what the claim is about."""
    return verb.lemma_.lower() in _words("claims_reporting_verbs") and any(c.dep_ == "ccomp" for c in verb.children)


def _stands_for_own_method(subject: Token, words: set[str]) -> bool:
    """ "our method", "the proposed approach", "it": the method the paper proposes."""
    if subject.lower_ == "it":
        return True
    head = subject.lemma_.lower()
    nouns = _words("claims_method_nouns")
    return (head in nouns or subject.lower_ in nouns) and bool(words & (_words("claims_own_method") - {"we", "it"}))


def _phrase_mentions(doc: Doc, here, root: Token):
    """The mentions inside the phrase of ``root``, reached through the words a noun phrase is built of
    (a list, an apposition, "X, called Y", "a method for Z") but not through a relative clause."""
    inside = []
    for m, (start, end) in here:
        token = doc[start:end].root
        for _ in range(10):
            if token.i == root.i:
                inside.append((concept_key(m.type, m.canonical), start, end, m))
                break
            if token.head.i == token.i:
                break
            if token.dep_ in PHRASE_DEPS or token.dep_ in ("pobj", "oprd", "attr", "dobj") or _naming(token):
                token = token.head
            elif token.dep_ == "prep" and token.lower_ in ("of", "called", "named", "as"):
                token = token.head
            elif token.dep_ == "prep" and token.lower_ == "for" and (m.type is ConceptType.TASK or _named_mention(m)):
                token = token.head  # "a model for replication", "Adaptors for Continual Editing, or GRACE"; not "for ROS"
            else:
                break
    return inside


def _longest(inside: list) -> list:
    """Of mentions that overlap, the longest: "Intelligent Customer Analytics for Recognition and Exploration", not
    also its first three words."""
    return [
        item
        for item in inside
        if not any(o[1] <= item[1] and item[2] <= o[2] and o[2] - o[1] > item[2] - item[1] for o in inside)
    ]


def _naming(token: Token) -> bool:
    """ "a method, called SparseGrad": the participle that gives a name."""
    return token.dep_ in ("acl", "relcl") and token.lemma_.lower() in ("call", "name", "dub", "term", "coin")


#: Prepositions by which a verb reaches where it was measured ("on ImageNet", "in terms of accuracy"), and those a
#: list of benchmarks hangs on ("on benchmarks including MPII", "benchmarks like PASCAL VOC").
MEASURED_PREPS = frozenset({"on", "in", "across", "over", "of"})
LISTING_PREPS = frozenset({"including", "like", "as"})


def _measured_by(token: Token, asserted: list[Token]) -> bool:
    """A dataset or metric that an asserted verb of outcome reaches by on/in/across/over or "in terms of": "achieves …
    on ImageNet", "outperforms Y in terms of accuracy", "on standard benchmarks including MPII"; not "deployed in the
    DiDi Big Data Center"."""
    outcome = _words("claims_result_verbs") | _words("claims_compare_verbs") | _words("claims_reporting_verbs") | {"be"}
    current, preposition = token, None
    for _ in range(10):
        head = current.head
        if current.dep_ == "pobj" and head.lower_ not in LISTING_PREPS and preposition is None:
            preposition = head.lower_
        if head in asserted:
            return preposition in MEASURED_PREPS and current.dep_ == "prep" and head.lemma_.lower() in outcome
        if current.dep_ not in ("conj", "appos", "compound", "pobj", "prep", "amod", "nmod") or head.i == current.i:
            return False
        if current.dep_ == "prep" and current.lower_ not in MEASURED_PREPS | LISTING_PREPS:
            return False
        current = head
    return False


def _object_of_result(token: Token, asserted: list[Token]) -> bool:
    """The metric or task a result verb acts on: "improves accuracy", "reduces the word error rate"."""
    current = token
    for _ in range(4):
        if current.dep_ in ("dobj", "obj") and current.head in asserted:
            return current.head.lemma_.lower() in _words("claims_result_verbs")
        if current.dep_ not in ("compound", "conj", "amod", "appos") or current.head.i == current.i:
            return False
        current = current.head
    return False


# ---------------------------------------------------------------- comparison ends


def _comparisons(found: ClaimParticipants, here, proposed, quantities, metrics, datasets) -> list[Comparison]:
    doc = found.trigger.doc
    methods = [(m, s, e) for m, (s, e) in here if m.type is ConceptType.METHOD]
    winner = _winner(found, methods, proposed)
    if winner is None:
        return []
    losers = []
    for start, end in found.losers:
        for m, s, e in methods:
            key = concept_key(m.type, m.canonical)
            if not (start <= s and e <= end) or key in losers or _same_concept(key, winner):
                continue
            if _specific(m, doc, s, e, start) and _reached_directly(doc[e - 1], start, end):
                losers.append(key)
    if not losers:
        return []
    margin, metric, dataset = _stated_with(found, quantities, metrics, datasets)
    return [
        Comparison(winner=winner, loser=loser, metric=metric, dataset=dataset, delta=margin.text if margin else None)
        for loser in losers
    ]


def _conceded(token: Token) -> bool:
    """A number in a phrase of "despite" or "in spite of": what a result came in spite of, not its margin."""
    return any(t.lower_ in ("despite", "spite") for t in token.ancestors)


def _stated_with(found: ClaimParticipants, quantities, metrics, datasets):
    """The margin, metric and dataset of a comparison, from its own clause (and, for the dataset, a framing phrase)."""
    doc = found.trigger.doc
    clause = clause_of(found.trigger).i
    own = [(start, q) for start, _end, q in quantities if clause_of(doc[start]).i == clause]
    # The margin nearest to the comparison's trigger: "61% faster than MEMIT and 64% faster than AlphaEdit"; not what
    # the win came despite ("despite a 2.6 times reduction in the number of parameters, RCN still outperforms I3D")
    margins = [
        (abs(start - found.trigger.i), q) for start, q in own if q.kind in ("delta", "ratio") and not _conceded(doc[start])
    ]
    margin = min(margins, key=lambda pair: pair[0])[1] if margins else None
    metric = margin.metric if margin else None
    if metric is None:
        here = {name for s, _e, name in metrics if clause_of(doc[s]).i == clause and not _conceded(doc[s])}
        measured = {q.metric for s, q in own if q.metric and not _conceded(doc[s])}
        if margin is not None:
            # a margin read without its metric takes none another value of the clause was given: "outperforms … by
            # a margin of at least 3.9%, even with only ∼ 28% parameters and ∼ 31% inference time" is no win in
            # inference time
            given = {normalize_name(m) for m in measured}
            here, measured = {name for name in here if normalize_name(name) not in given}, set()
        metric = next(iter(here), None) if len(here) == 1 else (next(iter(measured)) if len(measured) == 1 else None)
    dataset = margin.dataset if margin else None
    if dataset is None:
        frames = {c.i for c in framing_clauses(found.trigger)}
        stated = {
            name
            for s, e, name in datasets
            if clause_of(doc[s]).i in frames and s > 0 and doc[s - 1].lower_ in ("on", "in", "across", "over")
        }
        dataset = next(iter(stated)) if len(stated) == 1 else None
    return margin, metric, dataset


def _winner(found: ClaimParticipants, methods, proposed: list[Mention]) -> str | None:
    if found.winner is None:
        return None
    doc = found.trigger.doc
    start, end = found.winner
    inside = [(m, s, e) for m, s, e in methods if start <= s and e <= end]
    words = {t.lower_ for t in doc[start:end]}
    head = doc[start:end].root
    for m, s, e in sorted(inside, key=lambda item: item[0].role is not Role.PROPOSES):
        if "our" in words and not s <= head.i < e and head.lemma_.lower() not in _words("claims_method_nouns"):
            continue  # "Our complete SVD implementation outperforms MATLAB": the paper's implementation wins, not SVD
        if _specific(m, doc, s, e, start) and (m.role is Role.PROPOSES or _named_mention(m)):
            return concept_key(m.type, m.canonical)
    if words & _words("claims_own_method") and proposed and not inside:
        return concept_key(proposed[0].type, proposed[0].canonical)
    return None


def _same_concept(a: str, b: str) -> bool:
    """Two keys of one concept, up to a plural or a generic head: "audio language model(s)", "DFL algorithm" and "DFL method".

    >>> _same_concept("Method:dfl algorithm", "Method:dfl method"), _same_concept("Method:lora", "Method:lora ga")
    (True, False)
    """

    def core(key: str) -> str:
        words = [w.rstrip("s") for w in key.split(":", 1)[1].split()]
        nouns = {n.rstrip("s") for n in _words("claims_method_nouns")}
        while len(words) > 1 and words[-1] in nouns:
            words.pop()
        return " ".join(words)

    return a == b or core(a) == core(b)


def _is_name_text(word: str) -> bool:
    return any(c.isupper() for c in word[1:]) or (word[:1].isupper() and any(c.isdigit() for c in word))


def _named_mention(mention: Mention) -> bool:
    """A mention written as a name: its head is a name (SparseGrad, GPT-4, R*-tree), or a generic noun after nothing
    but names (the LAMB optimizer, the ANN model). Not a description ("selective PEFT method", "RL-based methods"),
    a generic phrase, or a short form of a generic kind ("DNN", "mobile CNN").

    >>> from kg.types import Mention
    >>> def method(text):
    ...     return Mention(text=text, type="Method", canonical=text.lower(), start_char=0, end_char=len(text), sentence=0,
    ...         role="USES", confidence=0.9, evidence=text, source="tagger")
    >>> [_named_mention(method(t)) for t in ("SparseGrad", "LAMB optimizer", "selective PEFT method", "mobile CNN", "DNN")]
    [True, True, False, False, False]
    """
    words = [w for w in re.split(r"[\s/]+", mention.text) if w]
    if not words or _unspecific_words(mention.canonical):
        return False
    nouns = _words("claims_method_nouns")
    if len(words) > 1 and words[-1].lower() in nouns and words[-1].lower().endswith("s"):
        return False  # "PEFT approaches", "LLaMA models": a class, not one method
    while len(words) > 1 and words[-1].lower() in nouns:
        words = words[:-1]  # "LAMB optimizer": the words before the generic head must name it
    inside = not mention.evidence.lstrip().startswith(mention.text)
    # "Prospect", "Deep GA", "Gaussian Hill Climbing": capitalised inside a sentence
    return all(_name_word(w) or (inside and w[:1].isupper() and w.lower() not in _words("claims_stop_names")) for w in words)


def _name_word(word: str) -> bool:
    """A word shaped like a name and not a short form of a generic kind: LoRA, GPT-4, R*-tree, SVM; not CNN, LLMs."""
    if word.lower().strip("()") in _words("claims_stop_names") or word.lower().rstrip("s") in _words("claims_stop_names"):
        return False
    if word.rsplit("-", 1)[-1].lower() in _words("claims_not_name_ends"):
        return False  # "RL-based", "Tree-based": a modifier, not a name
    return _is_name_text(word) or (word.isupper() and len(word) > 1) or bool(re.match(r"^[A-Z][\w*+]*-\w+$", word))


def _unspecific_words(text: str) -> bool:
    """A phrase of nothing but generic words and sizes: "base model", "backbone model", "7B model", "4b".

    >>> _unspecific_words("base model"), _unspecific_words("7b model"), _unspecific_words("4b"), _unspecific_words("lora")
    (True, True, True, False)
    """
    generic = generic_words() | _words("claims_vague") | _words("claims_method_nouns")
    words = re.findall(r"[a-z0-9.*+]+", text.lower())
    return all(w in generic or _SIZE.match(w) or len(w) < 2 for w in words)


def _generic_head(canonical: str) -> bool:
    """A name whose last word is a generic kind of method: "clustering algorithm", "tree based model", "deep neural network"."""
    words = canonical.lower().split()
    return bool(words) and words[-1] in _words("claims_method_nouns")


def _specific(mention: Mention, doc: Doc, start: int, end: int, phrase_start: int) -> bool:
    """'LoRA', 'random search', 'logistic regression' yes; 'existing methods', 'the base model', 'clustering algorithms' no.

    ``start``/``end`` are the mention's tokens; the few words before it in the compared phrase and a generic
    noun right after it ("PEFT approaches") are read with it.
    """
    if _unspecific_words(mention.canonical) or _unspecific_words(mention.text) or mention.unnamed:
        return False
    nouns = _words("claims_method_nouns")
    after = end
    while after < len(doc) and (doc[after].lemma_.lower() in nouns or doc[after].lower_ in nouns):
        after += 1
    if after > end and doc[after - 1].tag_ == "NNS":
        return False  # "LoRA and MeProp approaches": a class the names head, read with the plural noun after
    if _named_mention(mention) or mention.source == "comparison" and not _generic_head(mention.canonical):
        return True
    before = doc[max(phrase_start, start - 3) : start]
    words = {w for t in [*before, *doc[start:end]] for w in re.findall(r"[a-z]+", t.lower_)}
    return not (words & _words("claims_vague") or _generic_head(mention.canonical))
