"""Typed contracts between kg's stages: sources → extract → graph → sinks.

Every stage hands the next one these pydantic models and nothing else, so no
spaCy ``Doc`` or networkx graph leaks across a boundary. ``extra="forbid"``
turns a misspelt field into an error instead of a silently dropped value.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)


class SourceRef(_Model):
    """Where a record came from: a file and the 1-based line its record starts on."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


class Paper(_Model):
    """One paper as read from any input, before extraction.

    ``published`` is set only when the full date is known. A page that shows
    "Feb 21" with no year keeps ``month=2, day=21`` and leaves ``year`` and
    ``published`` empty: kg never invents a year.
    """

    id: str
    title: str
    abstract: str
    published: dt.date | None = None
    year: int | None = None
    month: int | None = None
    day: int | None = None
    authors: list[str] = Field(default_factory=list)
    authors_count: int | None = None
    upvotes: int | None = None
    url: str | None = None
    links: list[str] = Field(default_factory=list)
    code_links: list[str] = Field(default_factory=list)
    categories: list[str] = Field(default_factory=list)
    arxiv_id: str | None = None
    sources: list[SourceRef] = Field(default_factory=list)
    extra: dict[str, Any] = Field(default_factory=dict)


class Skipped(_Model):
    """A record (or a whole file, ``line=0``) that could not be read, and why."""

    source: str
    line: int
    reason: str


class ConceptType(StrEnum):
    METHOD = "Method"
    TASK = "Task"
    DATASET = "Dataset"
    METRIC = "Metric"


class Role(StrEnum):
    """What a paper does with a concept: the Paper→Concept relationship type."""

    PROPOSES = "PROPOSES"
    USES = "USES"
    ADDRESSES = "ADDRESSES"
    EVALUATES_ON = "EVALUATES_ON"


def role_for(concept_type: ConceptType, *, proposed: bool) -> Role:
    """What a paper does with a concept of this type.

    >>> role_for(ConceptType.METHOD, proposed=True).value, role_for(ConceptType.DATASET, proposed=False).value
    ('PROPOSES', 'EVALUATES_ON')
    """
    if proposed and concept_type is ConceptType.METHOD:
        return Role.PROPOSES
    return {
        ConceptType.METHOD: Role.USES,
        ConceptType.TASK: Role.ADDRESSES,
        ConceptType.DATASET: Role.EVALUATES_ON,
        ConceptType.METRIC: Role.EVALUATES_ON,
    }[concept_type]


class Judgement(_Model):
    """What the concept judge (``kg/extract/judge.py``) makes of a name in one paper."""

    concept: float = Field(ge=0.0, le=1.0, description="probability that the name is a concept of the paper")
    types: dict[str, float] = Field(description="probability of each concept type")
    proposed: float = Field(ge=0.0, le=1.0, description="probability that the paper proposes it")
    called: str | None = Field(
        default=None, description="the noun the paper calls the name by, where it says its type ('benchmark')"
    )
    called_type: ConceptType | None = Field(default=None, description="the type that noun gives")

    @property
    def type(self) -> ConceptType:
        """The most probable type."""
        return ConceptType(max(self.types, key=lambda t: (self.types[t], t)))


class Mention(_Model):
    """A concept name found in one sentence of one abstract, or in its title (sentence -1)."""

    text: str
    type: ConceptType
    canonical: str
    start_char: int
    end_char: int
    sentence: int
    role: Role
    confidence: float = Field(ge=0.0, le=1.0)
    evidence: str
    source: str = Field(description="the pipeline component that found it")
    aliases: list[str] = Field(default_factory=list, description="other names it goes by in this paper, such as its acronym")
    unnamed: bool = Field(
        default=False, description="a kind with no name ('a systematic approach'): scored by kg eval, left out of the graph"
    )
    judgement: Judgement | None = Field(default=None, description="the concept judge's verdict on the name in this paper")


class ConceptRelation(_Model):
    """A Concept→Concept relationship stated by one sentence."""

    type: str
    head: str = Field(description="canonical key of the head concept: 'Type:canonical'")
    tail: str
    sentence: int
    evidence: str
    confidence: float = Field(ge=0.0, le=1.0)


class Quantity(_Model):
    value: float
    unit: str | None = None
    metric: str | None = None
    dataset: str | None = None
    kind: str | None = Field(default=None, description="absolute (84.1 BLEU), delta (by 3.2%), ratio (2x), change (5.1 to 3.4)")
    baseline: float | None = Field(default=None, description="the value a change starts from: 5.1 in 'from 5.1 to 3.4'")
    upper: float | None = Field(default=None, description="a range's high end: 6 in '3–6%' (value is the low end)")
    error: float | None = Field(default=None, description="the stated spread: 0.3 in '84.1 ± 0.3'")
    text: str


class Comparison(_Model):
    """A claim that one method beats another: an OUTPERFORMS edge."""

    winner: str = Field(description="concept key of the method that wins")
    loser: str = Field(description="concept key of the method it beats")
    metric: str | None = None
    dataset: str | None = None
    delta: str | None = Field(default=None, description="the stated margin, as written")


class Claim(_Model):
    text: str
    type: str = Field(description="result, comparison, contribution or finding")
    sentence: int
    quantities: list[Quantity] = Field(default_factory=list)
    about: list[str] = Field(default_factory=list, description="concept keys the claim names")
    outperforms: list[Comparison] = Field(default_factory=list, description="named methods this claim says one beats another")
    unread: list[str] = Field(
        default_factory=list,
        description="why its quantities may not be all the sentence states, or not as it states them "
        "(kg.extract.quantities); the corpus step whole_values withholds such a claim's quantities",
    )


class Keyphrase(_Model):
    """A KeyBERT keyphrase of one paper."""

    key: str = Field(description="canonical phrase: lower case, singular, hyphens as spaces")
    name: str = Field(description="the phrase as the abstract writes it")
    score: float = Field(ge=0.0, le=1.0, description="cosine similarity of phrase and abstract")


class Extraction(_Model):
    """Everything the extraction stage found in one paper."""

    paper_id: str
    mentions: list[Mention] = Field(default_factory=list)
    relations: list[ConceptRelation] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    keyphrases: list[Keyphrase] = Field(default_factory=list)


def normalize_name(text: str) -> str:
    """Lower case, hyphens as spaces, single spaces.

    >>> normalize_name("Self-Supervised  Learning")
    'self supervised learning'
    """
    text = text.casefold().replace("‐", "-").replace("–", "-")
    text = re.sub(r"(?<=\w)-(?=\w)", " ", text)
    return " ".join(text.split())


def concept_key(type_: ConceptType | str, canonical: str) -> str:
    """The stable key of a concept node: its type and canonical name.

    >>> concept_key(ConceptType.METRIC, "f1")
    'Metric:f1'
    """
    type_name = type_.value if isinstance(type_, ConceptType) else type_
    return f"{type_name}:{canonical}"
