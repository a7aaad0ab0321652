"""Spelling variants and near-identical names of one concept merge, within a type.

"multi layer perceptron" and "multilayer perceptron", "bayesian optimisation" and "bayesian optimization",
"language modelling" and "language modeling", "CIFAR-10" and "CIFAR10" meet under one :func:`spelling_key`.
Names at least ``MIN_SIMILARITY`` alike (rapidfuzz ``ratio``) merge too when they differ in no digit and no
negating prefix: typos and transliterations ("stochastic gradient decent", "Fr'echet inception distance"). The
threshold was set on the seed corpus: of the 505 same-type name pairs with ratio >= 85, those at 98 and above
were all the same concept (9 of 9); at 96-97 a third were not ("memoization" / "memorization", "munit" / "unit
scaling"), and at 95 "supervised" / "unsupervised learning" and "CIFAR-10" / "CIFAR-100" appear.

The most mentioned spelling names the merged concept; a singular beats a plural.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from networkx.utils import UnionFind
from rapidfuzz import fuzz
from rapidfuzz.process import cdist

from kg.resolve.changes import change_mentions
from kg.resolve.decisions import Recorder
from kg.types import Extraction

__all__ = ["MIN_SIMILARITY", "merge_variants", "spelling_key"]

STEP = "variants"
#: Below this rapidfuzz ratio two names stay apart (see the module notes).
MIN_SIMILARITY = 98.0
_BRITISH = re.compile(r"(?<=[a-z])is(e|es|ed|ing|ation|ations|er|ers)\b")
_DOUBLE_L = re.compile(r"(?<=[aeiou])ll(ing|ed|er)\b")  # modelling, labelled
_PLURAL = re.compile(r"(?<=[a-z])s\b(?<!ss)")
_NEGATING = ("un", "in", "non", "semi", "re", "de", "dis", "anti", "multi", "sub")


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


def merge_variants(
    extractions: list[Extraction], recorder: Recorder | None = None, min_similarity: float = MIN_SIMILARITY
) -> list[Extraction]:
    """Extractions whose variant names of one concept (same type) share the most mentioned one."""
    counts: Counter = Counter(
        (mention.type.value, mention.canonical) for extraction in extractions for mention in extraction.mentions
    )
    renamed = _variant_names(counts, min_similarity)
    if not renamed:
        return extractions

    def merge(_, mention):
        new = renamed.get((mention.type.value, mention.canonical))
        return mention.model_copy(update={"canonical": new}) if new else None

    def reason(old, new):
        how = "a spelling of" if spelling_key(old.canonical) == spelling_key(new.canonical) else "near-identical to"
        return f"{old.canonical!r} is {how} {new.canonical!r}, the name the corpus mentions most"

    return change_mentions(extractions, merge, recorder or Recorder(), STEP, "merge", reason)


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
