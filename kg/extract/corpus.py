"""Resolution across the corpus: what one paper at a time cannot know.

After every paper is extracted, ``resolve`` makes the names of one concept agree:

1. a short form a paper uses without defining it takes the long form the
   defining papers agree on (``acronyms.resolve_across_papers``);
2. spelling variants of one name merge: "multi layer perceptron" and
   "multilayer perceptron", "bayesian optimisation" and "bayesian optimization",
   "language modelling" and "language modeling", "CIFAR-10" and "CIFAR10";
3. near-identical names merge when their similarity (rapidfuzz ``ratio``) is at
   least ``min_similarity`` and they differ in no digit and no negating prefix:
   typos and transliterations ("stochastic gradient decent", "Fr'echet inception
   distance"). The threshold was set on the seed corpus: of the 505 same-type name
   pairs with ratio >= 85, those at 98 and above were all the same concept (9 of 9);
   at 96-97 a third were not ("memoization" / "memorization", "munit" / "unit
   scaling"), and at 95 "supervised" / "unsupervised learning" and "CIFAR-10" /
   "CIFAR-100" appear;
4. a kind of thing with no name ("a systematic approach", "data-driven technique",
   ``canonical.kind_without_name``) is no concept of the graph, though ``kg eval`` scores it:
   SciERC annotates such descriptions as Methods;
5. a name made of a concept and a container noun joins the concept when the corpus names it
   on its own: "data augmentation technique" → "data augmentation", "transformer architecture"
   → "transformer" (``lexicons/containers.txt``). A paper's proposal keeps its own name: "we
   propose a continual learning framework" does not propose continual learning;
6. one sense per corpus: a name the corpus gives one type in at least
   ``MIN_TYPE_SHARE`` of its papers (and at least ``MIN_TYPE_PAPERS`` papers) takes that
   type where a paper's tagger chose another ("language model" as a Task in 5 papers,
   a Method in 26). A paper's own choice stands where something else rests on it: the
   paper proposes the concept, a relation or a comparison names it;
7. a Dataset concept needs a name: a capital past a sentence's first letter or a
   digit in one of its mentions ("CIFAR-10", "Penn Treebank", "WikiText").
   The tagger learnt SciERC's Material type, where "synthetic data", "images" and
   "English text" count; in the graph a Dataset node promises a dataset one could look up.

Names merge only within a type: a Method and a Task of one name stay two concepts. The most
mentioned spelling names the merged concept; the others stay as aliases.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable

from networkx.utils import UnionFind
from rapidfuzz import fuzz
from rapidfuzz.process import cdist

from kg.extract.acronyms import rename_concepts, resolve_across_papers
from kg.extract.patterns import container_heads
from kg.types import ConceptType, Extraction, Mention, Role, concept_key, role_for

__all__ = [
    "agree_on_types",
    "drop_unnamed_kinds",
    "keep_named_datasets",
    "merge_container_names",
    "merge_variants",
    "resolve",
    "spelling_key",
]

#: Below this rapidfuzz ratio two names stay apart (see the module notes).
MIN_SIMILARITY = 98.0
_BRITISH = re.compile(r"(?<=[a-z])is(e|es|ed|ing|ation|ations|er|ers)\b")
_DOUBLE_L = re.compile(r"(?<=[aeiou])ll(ing|ed|er)\b")  # modelling, labelled
_PLURAL = re.compile(r"(?<=[a-z])s\b(?<!ss)")
_NEGATING = ("un", "in", "non", "semi", "re", "de", "dis", "anti", "multi", "sub")
#: A name takes the corpus's type when that type holds this share of its papers, in at least this many.
MIN_TYPE_SHARE = 0.75
MIN_TYPE_PAPERS = 3


def resolve(extractions: list[Extraction], min_similarity: float = MIN_SIMILARITY) -> list[Extraction]:
    """Every corpus-level step, in order: acronyms, variants, unnamed kinds, container names, types, dataset names."""
    named = drop_unnamed_kinds(merge_variants(resolve_across_papers(extractions), min_similarity))
    merged = merge_container_names(named)
    return keep_named_datasets(agree_on_types(merged))


def spelling_key(canonical: str) -> str:
    """The form under which spelling variants of a canonical name meet.

    Spaces go, British spellings become American, a plural "s" the lemmatizer left goes.

    >>> spelling_key("multi layer perceptron") == spelling_key("multilayer perceptrons")
    True
    >>> spelling_key("bayesian optimisation") == spelling_key("bayesian optimization")
    True
    >>> spelling_key("language modelling") == spelling_key("language modeling")
    True
    >>> spelling_key("cifar 10") == spelling_key("cifar 100")
    False
    """
    key = _DOUBLE_L.sub(r"l\1", _BRITISH.sub(r"iz\1", canonical))
    return _PLURAL.sub("", key).replace(" ", "")


def merge_variants(extractions: list[Extraction], min_similarity: float = MIN_SIMILARITY) -> list[Extraction]:
    """Extractions whose variant names of one concept (same type) share the most mentioned one."""
    counts: Counter = Counter(
        (mention.type.value, mention.canonical) for extraction in extractions for mention in extraction.mentions
    )
    renamed = _variant_names(counts, min_similarity)
    if not renamed:
        return extractions
    keys = {concept_key(kind, old): concept_key(kind, new) for (kind, old), new in renamed.items()}
    merged = []
    for extraction in extractions:
        mentions = [
            m.model_copy(update={"canonical": renamed[m.type.value, m.canonical]})
            if (m.type.value, m.canonical) in renamed
            else m
            for m in extraction.mentions
        ]
        merged.append(rename_concepts(extraction.model_copy(update={"mentions": mentions}), keys))
    return merged


def _variant_names(counts: Counter, min_similarity: float) -> dict[tuple[str, str], str]:
    """``{(type, canonical): the name it merges into}`` for every name that merges into another."""
    groups = UnionFind()
    by_key: dict[tuple[str, str], list[str]] = defaultdict(list)
    for kind, name in counts:
        by_key[kind, spelling_key(name)].append(name)
    for (kind, _), names in by_key.items():
        groups.union(*((kind, name) for name in names))
    for kind, a, b in _near_identical(by_key, min_similarity):
        groups.union((kind, a), (kind, b))
    renamed = {}
    for members in groups.to_sets():
        # singular before plural, then the most mentioned, then the fewest spaces
        main = max(members, key=lambda m: (not _PLURAL.search(m[1]), counts[m], -m[1].count(" "), m[1]))
        renamed.update({member: main[1] for member in members if member != main})
    return renamed


def _near_identical(by_key: dict[tuple[str, str], list[str]], min_similarity: float) -> Iterable[tuple[str, str, str]]:
    """Same-type name pairs at least ``min_similarity`` alike, compared within blocks of one first letter."""
    blocks: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for (kind, key), names in by_key.items():
        blocks[kind, key[:1]].append((key, names[0]))
    for (kind, _), members in blocks.items():
        if len(members) < 2:
            continue
        names = [name for _, name in members]  # the threshold was measured on names, spaces included
        scores = cdist(names, names, scorer=fuzz.ratio, score_cutoff=min_similarity)
        for i, j in zip(*scores.nonzero(), strict=True):
            if i < j and _may_merge(members[i][1], members[j][1]):
                yield kind, members[i][1], members[j][1]


def _may_merge(a: str, b: str) -> bool:
    """Near-identical names that still differ in meaning: other digits ("l1"/"l2"), a negating prefix ("finite"/"infinite").

    >>> _may_merge("stochastic gradient decent", "stochastic gradient descent")
    True
    >>> _may_merge("finite width feature learning", "infinite width feature learning")
    False
    """
    if re.findall(r"\d+", a) != re.findall(r"\d+", b):
        return False
    for x, y in ((a, b), (b, a)):
        for word_x, word_y in zip(x.split(), y.split(), strict=False):
            if word_x != word_y and any(word_y == prefix + word_x for prefix in _NEGATING):
                return False
    return True


def drop_unnamed_kinds(extractions: list[Extraction]) -> list[Extraction]:
    """Extractions without the concepts every mention of which is a kind with no name ("a systematic approach")."""
    every = {concept_key(m.type, m.canonical) for extraction in extractions for m in extraction.mentions}
    named = {concept_key(m.type, m.canonical) for extraction in extractions for m in extraction.mentions if not m.unnamed}
    return _drop_concepts(extractions, every - named)


def merge_container_names(extractions: list[Extraction]) -> list[Extraction]:
    """Extractions where "X technique", "X framework", "X algorithm" … join X, when some paper names X alone.

    >>> from kg.types import Mention
    >>> def method(text, role="USES"):
    ...     return Mention(text=text, type="Method", canonical=text, start_char=0, end_char=len(text),
    ...         sentence=0, role=role, confidence=0.9, evidence=text, source="tagger")
    >>> merged = merge_container_names([Extraction(paper_id="a", mentions=[method("data augmentation")]),
    ...     Extraction(paper_id="b", mentions=[method("data augmentation technique"),
    ...         method("sparse training technique", role="PROPOSES")]),
    ...     Extraction(paper_id="c", mentions=[method("sparse training")])])
    >>> [m.canonical for m in merged[1].mentions]
    ['data augmentation', 'sparse training technique']
    """
    names = {(m.type, m.canonical) for extraction in extractions for m in extraction.mentions}
    heads = container_heads()
    bare = {}
    for kind, name in names:
        words = name.split()
        # a plural the lemmatizer kept ("language model architectures") is the same kind
        if len(words) > 1 and words[-1].removesuffix("s") in heads and (kind, " ".join(words[:-1])) in names:
            bare[kind, name] = " ".join(words[:-1])
    if not bare:
        return extractions
    return [_join_bare_names(extraction, bare) for extraction in extractions]


def _join_bare_names(extraction: Extraction, bare: dict[tuple[ConceptType, str], str]) -> Extraction:
    proposed = {(m.type, m.canonical) for m in extraction.mentions if m.role is Role.PROPOSES}

    def join(mention: Mention) -> Mention | None:
        name = (mention.type, mention.canonical)
        if name in bare and name not in proposed:
            return mention.model_copy(update={"canonical": bare[name]})
        return None

    joined = _with_mentions_changed(extraction, join)
    if joined is extraction:
        return extraction
    # "the attention mechanism relies on attention" would now relate a concept to itself
    relations = [r for r in joined.relations if r.head != r.tail]
    return joined.model_copy(update={"relations": relations})


def _with_mentions_changed(extraction: Extraction, change: Callable[[Mention], Mention | None]) -> Extraction:
    """``extraction`` with each mention ``change`` returns in place of the old one (None keeps it), and
    its relations and claims following the concept keys that changed."""
    mentions, renamed = [], {}
    for mention in extraction.mentions:
        changed = change(mention)
        if changed is not None:
            renamed[concept_key(mention.type, mention.canonical)] = concept_key(changed.type, changed.canonical)
            mention = changed
        mentions.append(mention)
    if not renamed:
        return extraction
    return rename_concepts(extraction.model_copy(update={"mentions": mentions}), renamed)


def agree_on_types(
    extractions: list[Extraction], min_share: float = MIN_TYPE_SHARE, min_papers: int = MIN_TYPE_PAPERS
) -> list[Extraction]:
    """Extractions where a name's minority type gives way to the type the corpus clearly gives it.

    The tagger types a span from its sentence alone, and a few sentences mislead it;
    across papers the same name has one sense far more often than not.
    """
    papers: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for extraction in extractions:
        for mention in extraction.mentions:
            papers[mention.canonical][mention.type.value].add(extraction.paper_id)
    dominant = {}
    for name, by_type in papers.items():
        if len(by_type) > 1:
            kind, holders = max(by_type.items(), key=lambda item: (len(item[1]), item[0]))
            total = len(set().union(*by_type.values()))
            if len(holders) >= min_papers and len(holders) / total >= min_share:
                dominant[name] = ConceptType(kind)
    if not dominant:
        return extractions
    return [_retype(extraction, dominant) for extraction in extractions]


def _retype(extraction: Extraction, dominant: dict[str, ConceptType]) -> Extraction:
    pinned = {concept_key(m.type, m.canonical) for m in extraction.mentions if m.role is Role.PROPOSES}
    pinned.update(end for r in extraction.relations for end in (r.head, r.tail))
    pinned.update(end for c in extraction.claims for o in c.outperforms for end in (o.winner, o.loser))

    def retype(mention: Mention) -> Mention | None:
        kind = dominant.get(mention.canonical)
        if kind is not None and kind is not mention.type and concept_key(mention.type, mention.canonical) not in pinned:
            return mention.model_copy(update={"type": kind, "role": role_for(kind, proposed=False)})
        return None

    return _with_mentions_changed(extraction, retype)


def keep_named_datasets(extractions: list[Extraction]) -> list[Extraction]:
    """Extractions without the Dataset concepts no mention of which is written as a name.

    >>> from kg.types import Mention
    >>> def dataset(text, evidence):
    ...     return Mention(text=text, type="Dataset", canonical=text.lower(), start_char=0, end_char=len(text),
    ...         sentence=0, role="EVALUATES_ON", confidence=0.9, evidence=evidence, source="tagger")
    >>> kept = keep_named_datasets([Extraction(paper_id="p", mentions=[
    ...     dataset("ImageNet", "We train on ImageNet."), dataset("Synthetic data", "Synthetic data helps.")])])
    >>> [m.text for m in kept[0].mentions]
    ['ImageNet']
    """
    named = {
        concept_key(m.type, m.canonical)
        for extraction in extractions
        for m in extraction.mentions
        if m.type is ConceptType.DATASET and any(_written_as_name(text, m.evidence) for text in (m.text, *m.aliases))
    }
    datasets = {concept_key(m.type, m.canonical) for e in extractions for m in e.mentions if m.type is ConceptType.DATASET}
    return _drop_concepts(extractions, datasets - named)


def _written_as_name(text: str, sentence: str) -> bool:
    """A digit, or a capital letter that is not just the first letter of the sentence.

    >>> _written_as_name("Penn Treebank", "We use the Penn Treebank."), _written_as_name("Images", "Images are scarce.")
    (True, False)
    """
    if any(c.isdigit() for c in text):
        return True
    capitals = sum(c.isupper() for c in text)
    sentence_initial = sentence.lstrip().startswith(text) and text[:1].isupper()
    return capitals > int(sentence_initial)


def _drop_concepts(extractions: list[Extraction], dropped: set[str]) -> list[Extraction]:
    """``extractions`` without the ``dropped`` concept keys, wherever they occur."""
    return [
        _without_concepts(e, dropped) if any(concept_key(m.type, m.canonical) in dropped for m in e.mentions) else e
        for e in extractions
    ]


def _without_concepts(extraction: Extraction, dropped: set[str]) -> Extraction:
    """``extraction`` without the mentions, relations and claim links of the ``dropped`` concept keys."""
    mentions = [m for m in extraction.mentions if concept_key(m.type, m.canonical) not in dropped]
    relations = [r for r in extraction.relations if r.head not in dropped and r.tail not in dropped]
    claims = [c.model_copy(update={"about": [k for k in c.about if k not in dropped]}) for c in extraction.claims]
    return extraction.model_copy(update={"mentions": mentions, "relations": relations, "claims": claims})
