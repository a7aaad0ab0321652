"""Quantities: the numbers a claim states, each with its unit, kind, and the metric and dataset of its own clause.

Numbers are found in the sentence's characters, not its tokens: the tokenizer cuts "3.1 x 10-3",
"2$\\times$", "84.1 ± 0.3" and "3–6%" differently from one sentence to the next. Each match is then
mapped onto the tokens it covers, and the parse says which clause it sits in. A quantity is

* a level (``absolute``: "84.1 BLEU"), a difference (``delta``: "by 3.2%", "3.2% higher"), a ratio
  (``ratio``: "2x", "2$\\times$", "2 x faster") or a change (``change``: "from 5.1 to 3.4", "0.591→0.509");
* read through scientific notation ("3.1 x 10-3" is 0.0031, not a 3.1x ratio), a spread ("84.1 ± 0.3")
  and a range ("3–6%", "between 3% and 6%": ``value`` is the low end, ``upper`` the high end);
* in ``points`` when the sentence says the difference of two percentages is absolute ("4 percentage
  points", "2.3% absolute"); a relative one stays "%";
* a result, not a setting: "trained for 100 epochs", "with 7B parameters", "at 50% sparsity" are no
  quantity of the claim.

The metric and the dataset are read from the number's own clause ("accuracy by 3.2%", "84.1 BLEU on
WMT14", "Penn Treebank (91.79 F1)", "78.9% and 76.3% mAP on VOC 2007 and 2012 respectively"), or from a
framing phrase the whole sentence hangs on ("On nuScenes, …"); a number in another clause never lends
its metric. Word lists are the ``quantity_*`` lexicons.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Span, Token

from kg.extract.patterns import generic_words, read_lexicon
from kg.types import Quantity

__all__ = ["UNITS_WITHOUT_MEASURE", "Reading", "clause_of", "find_quantities", "parse_number", "read_quantities"]

#: Dependency labels that start a clause of their own when a verb carries them.
CLAUSE_DEPS = frozenset({"ROOT", "conj", "advcl", "relcl", "ccomp", "xcomp", "acl", "parataxis", "csubj", "pcomp"})
#: Clauses whose framing phrases ("On nuScenes, X reduces …, outperforming Y") reach the clauses below them.
FRAMED_DEPS = frozenset({"advcl", "xcomp", "conj", "ccomp", "relcl"})
#: Prepositions that introduce where a number was measured: "on WMT14", "across three benchmarks".
DATASET_PREPS = frozenset({"on", "in", "across", "for", "over", "of"})

_NUM = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
#: Two whole numbers joined by a times sign are a size ("256 × 256", "64times64", "3 x 3 kernels"), never a ratio.
_BY = r"\s*(?:[x×X]|\$?\\times\$?|times|by)\s*"
_DIMENSIONS = re.compile(rf"(?<![\w.])\d+{_BY}\d+(?![\d.^{{⁻\-−–])(?:{_BY}\d+)?")
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789-+")
_TIMES = r"(?:×|\$?\s*\\times\s*\$?|\\cdot|·|\*|[xX])"
#: A metric's cut-off written before it: "top-5 error", "rank-1 accuracy", "Hits@10".
_CUTOFF = re.compile(r"(?i)(?:top|rank|hits?)[-@]?\d+")


@cache
def _lexicon(name: str) -> frozenset[str]:
    return frozenset(read_lexicon(name))


@cache
def _pairs(name: str) -> dict[str, str]:
    return {word: value for word, value, *_ in (line.split("\t") for line in read_lexicon(name))}


@cache
def _units() -> tuple[tuple[str, str, frozenset[str]], ...]:
    """The units lexicon as ``(surface, unit, marks)``, the marks ("cased", "spaced", "level") of its third column."""
    rows = (line.split("\t") for line in read_lexicon("quantity_units"))
    return tuple((surface, unit, frozenset(" ".join(marks).split())) for surface, unit, *marks in rows)


@cache
def _difference_words() -> frozenset[str]:
    """Words that make a measure a difference: "error reduction", "accuracy gains", "lesser power"."""
    return _lexicon("quantity_delta_nouns") | _lexicon("quantity_delta_words")


@cache
def _pattern() -> re.Pattern:
    """One number, with its notation, spread, range and unit, as written in a sentence."""
    units = []
    for surface, _unit, marks in sorted(_units(), key=lambda row: -len(row[0])):
        text = re.escape(surface)
        if surface == "x":  # "2x", "2 x faster" — never "3 x 3 kernels" or "3.1 x 10-3"
            units.append(r"(?<=\d)[xX]\b|\s+x(?=\s+[A-Za-z])")
        elif len(surface) == 1 and surface.isalpha():  # one-letter units only glued: "76ms" yes, "7 B" no
            glue = r"(?:(?<=\d)|(?<=\d)\s)" if "spaced" in marks else r"(?<=\d)"  # "less than 1 m (…)"
            units.append(rf"{glue}{text if 'cased' in marks else f'(?i:{text})'}\b")
        elif surface.isalpha():
            units.append(rf"\s*-?(?i:{text})\b")
        else:
            units.append(rf"\s*{text}")
    units.append(r"\s*\$?\\times\$?")  # LaTeX: "2$\times$ faster"
    units.append(r"\s*\\%")
    unit = "|".join(units)
    return re.compile(
        rf"""
        (?<![\w.,\-−–/^{{}}@=])                                # not inside a name (GPT-4, top-1, Pass@1), a setting (k=5)
        (?P<sign>[+\-−](?=[\d.]))?
        (?P<num>{_NUM})
        (?:\s*{_TIMES}\s*10\s*                                                        # 3.1 x 10-3, 3.1 \times 10^{{-3}}
             (?:(?:\^|\*\*)\s*\{{?\s*(?P<exp>[-−–]?\s?\d+)\s*\}}?|(?P<exp2>[-−–]\d+)|(?P<sup>[⁻⁺]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+))(?!\d|\.\d)
          |[eE](?P<eexp>[-+−]?\d+)\b                                                  # 3.1e-3
          |(?<=10)\s*\^\s*\{{?\s*(?P<pow>[-−–]?\d+)\s*\}}?)?                          # 10^{-3}
        (?:\s*(?:±|\+/-|\+-|\$?\\pm\$?)\s*(?P<err>{_NUM}))?                          # 84.1 ± 0.3
        (?:(?P<unit1>\s*\\?%|[x×](?=\s*[-–—]\s*\d)))?
        (?:\s*(?:–|—|-|−|~)\s*(?P<high>{_NUM})(?![\w.]*-))?                          # 3–6%, 50 − 60%
        (?:\s+(?P<adj>absolute|relative|percentage)\b)?
        (?:\$(?=\s*[^\s\d$]))?                                                      # the end of "$8.7\pm 0.5$ ms"
        (?P<unit>{unit})?
        (?![\w-]*[A-Za-z]|\d|\.\d|/)                                                # not "3D", "4-bit", "2nd", "1/T"
        """,
        re.VERBOSE,
    )


def parse_number(text: str) -> float:
    """The value of a number as written.

    >>> parse_number("1,024"), parse_number("−0.5"), parse_number("3.1 x 10-3"), parse_number("1.2\\\\times10^{-4}")
    (1024.0, -0.5, 0.0031, 0.00012)
    >>> parse_number("3e-4"), parse_number("10^{6}")
    (0.0003, 1000000.0)
    """
    match = _pattern().match(text.strip())
    if match is None:
        raise ValueError(f"no number in {text!r}")
    return _value(match)


def _value(match: re.Match) -> float:
    value = float(match["num"].replace(",", ""))
    exponent = match["exp"] or match["exp2"] or match["eexp"] or (match["sup"] or "").translate(_SUPERSCRIPTS)
    if exponent:
        value *= 10 ** int(re.sub(r"[−–]\s?", "-", exponent))
    elif match["pow"]:
        value = 10.0 ** int(re.sub(r"[−–]", "-", match["pow"]))
    value = -value if match["sign"] in ("-", "−") else value
    return float(f"{value:.12g}")


def _unit(match: re.Match) -> str | None:
    written = (match["unit"] or "").strip().lstrip("-")
    if not written:
        return {"%": "%", "\\%": "%", "x": "x", "×": "x"}.get((match["unit1"] or "").strip())
    if "times" in written and "\\" in written:
        return "x"
    if written in ("%", "\\%"):
        return "%"
    units = _pairs("quantity_units")
    return units.get(written) or units.get(written.lower())


@cache
def _level_units() -> frozenset[str]:
    """Units whose signed values are levels ("−10 dBm"): marked ``level`` in the units lexicon."""
    return frozenset(unit for _surface, unit, marks in _units() if "level" in marks)


class _Found:
    """A number while it is being read: its characters, tokens and what was worked out so far."""

    def __init__(self, match: re.Match, offset: int, doc: Doc):
        self.match = match
        self.start_char, self.end_char = offset + match.start(), offset + match.end()
        span = doc.char_span(self.start_char, self.end_char, alignment_mode="expand")
        self.start, self.end = span.start, span.end
        self.value = _value(match)
        self.unit = _unit(match)
        self.upper = float(match["high"].replace(",", "")) if match["high"] else None
        if self.upper is not None and self.upper < self.value:  # no range runs downwards
            if match["num"] == "10" and self.upper.is_integer():  # "an error rate of 10-3": 10 to the -3
                self.value = 10.0 ** -int(self.upper)
            self.upper = None
        self.error = float(match["err"].replace(",", "")) if match["err"] else None
        self.baseline: float | None = None
        self.kind: str | None = None
        self.metric: str | None = None
        self.dataset: str | None = None
        self.framed = False  # the dataset comes from a phrase before the number, not from right after it
        before = doc[self.start - 1].lower_ if self.start > 0 else ""
        if (match["adj"] == "absolute" or before == "absolute") and self.unit in ("%", "points"):
            self.unit = "points"  # "2.3% absolute", "less than absolute 15%": a difference of two percentages

    @property
    def bare(self) -> bool:
        """No unit: a count, a year, a size or a setting ("3e-4"), unless a metric goes with it."""
        return self.unit is None


def find_quantities(
    sent: Span, metrics: Sequence[tuple[int, int, str]] = (), datasets: Sequence[tuple[int, int, str]] = ()
) -> list[tuple[int, int, Quantity]]:
    """The results one sentence states, as ``(start token, end token, Quantity)``.

    ``metrics`` and ``datasets`` are the sentence's metric and dataset mentions as ``(start token, end
    token, canonical name)``. A bare number counts only with a metric, so counts, years and sizes are
    left out; so are settings ("for 100 epochs", "with 7B parameters").
    """
    return read_quantities(sent, metrics, datasets).quantities


@dataclass(frozen=True)
class Reading:
    """What one sentence's numbers were read as: its results, and what of it the reading could not place."""

    quantities: list[tuple[int, int, Quantity]]
    unread: list[str]  # why the results are not the whole of what the sentence states, one reason a value


#: Units that do not say what a value measures: a percentage, points, a ratio, none ("3.2 ms" says a latency).
UNITS_WITHOUT_MEASURE = (None, "%", "points", "x")


def read_quantities(
    sent: Span, metrics: Sequence[tuple[int, int, str]] = (), datasets: Sequence[tuple[int, int, str]] = ()
) -> Reading:
    """:func:`find_quantities`' results with the values they may not read right (:func:`_unread`)."""
    doc = sent.doc
    named = list(metrics)
    metrics = [*(_whole_metric(doc, *m) for m in metrics), *(_with_head(doc, *m) for m in _measure_nouns(sent, metrics))]
    text = _DIMENSIONS.sub(lambda m: " " * len(m.group()), sent.text)  # "256 × 256 images", "64times64": sizes
    found = [_Found(m, sent.start_char, doc) for m in _pattern().finditer(text)]
    found = [f for f in found if not _reference(doc, f)]
    found = _changes_and_ranges(doc, found)
    for f in found:
        f.kind = f.kind or _kind(doc, f)
        f.metric = _metric(doc, f, metrics)
    _share_across_coordination(doc, found)
    ends = {e for _s, e, _n in [*metrics, *datasets]}
    kept = [f for f in found if _is_result(doc, f, ends)]
    for f in kept:
        f.metric = _without_tail(_without_difference(_in_terms_of(doc, f) or f.metric or _measured_phrase(doc, f), f.kind))
        if f.unit is None and f.metric is not None and _points_after(doc, f):
            f.unit = "points"  # "by at least 2 ROUGE points"
        if f.unit is None and f.metric in _lexicon("quantity_ratio_measures"):
            f.unit, f.kind = "x", "ratio"  # "a speedup of upto 60"
    # "the base learning rate is set as 0.02": a setting; "6.4times larger batch size" is what a method allows
    kept = [f for f in kept if f.kind == "ratio" or not _sets_up(f.metric)]
    _share_across_coordination(doc, kept)  # what the phrases said: "success rates of 98%, 82%, and 58% respectively"
    _restated_in_brackets(doc, kept)
    for f in kept:
        f.dataset = _dataset(doc, sent, f, datasets, kept)
    _pair_respectively(doc, sent, found, [*datasets, *_sibling_editions(sent, datasets)])
    for f in kept:
        f.metric = _without_dataset(f.metric, f.dataset)
    out = []
    for f in kept:
        quantity = Quantity(
            value=f.value,
            upper=f.upper,
            error=f.error,
            unit=f.unit,
            metric=f.metric,
            dataset=f.dataset,
            kind=f.kind,
            baseline=f.baseline,
            text=doc.text[f.start_char : f.end_char].strip().strip("$").strip(),
        )
        out.append((f.start, f.end, quantity))
    return Reading(out, _unread(doc, found, kept, [name for *_, name in named], [name for *_, name in datasets]))


def _unread(
    doc: Doc, found: list[_Found], kept: list[_Found], metrics: Sequence[str] = (), datasets: Sequence[str] = ()
) -> list[str]:
    """Why the results read from a sentence may not be all it states, or not as it states them, one reason a value:
    a signed value or a percentage the reading did not take as a result and did not set aside ("+43.2 over the 7B
    base model"); a value without the metric the sentence's other values have ("inference speedups (2× over
    streaming and 3× over …)"); a "respectively" list of metrics or datasets the values were not paired with item
    by item; a measure written right after a value that is not its metric ("95% steering effectiveness", "36.30%
    full-puzzle accuracy" read as digit accuracy); a name "on" introduces that is not the value's dataset ("a 5.2%
    performance boost on GTA2Cityscapes"). ``metrics`` and ``datasets`` are the names of the sentence's mentions.
    Written from the strict reviews of arXiv abstracts (docs/reviews/quantities-csabstruct-train.md); what they are
    worth on other text: docs/reviews/whole-values-scier-train.md."""
    unread = []
    taken = {f.start for f in kept}
    for f in found:
        if f.start in taken or f.kind == "change" or f.unit not in (None, "%", "points") or not (f.match["sign"] or f.unit):
            continue
        if not _set_aside(doc, f):
            unread.append(f"{f.match.group().strip()!r} is not read as a result")
    # a value in hours or milliseconds says by its unit what it measures; a percentage or a ratio does not. A
    # difference after the level of the sentence's one metric is a margin in it: "The mAP of our proposed FBC is
    # 53.6%, which is 0.3% higher than that of SWDA"
    measured = [f for f in kept if f.kind != "change" and f.unit in UNITS_WITHOUT_MEASURE]
    levels = {f.metric for f in measured if f.metric and f.kind == "absolute"}
    margin = len(levels) == 1 and len({f.metric for f in measured if f.metric}) == 1
    if any(f.metric for f in measured):
        unread += [
            f"{f.match.group().strip()!r} has no metric where the others have one"
            for f in measured
            if not f.metric and not (margin and f.kind == "delta")
        ]
    # "+26.8% and +42.4% in rank-1 accuracy and mAP, respectively": each value takes its own item of the list; where
    # only some values found a dataset, the list held names kg does not read ("by 3.5%, 5.0%, … respectively on
    # MSRA-B, HKU-IS, DUT-OMRON, …")
    listed = len(set(metrics)) > 1 or len(set(datasets)) > 1
    if len(kept) > 1 and any(t.lower_ == "respectively" for t in doc[kept[0].start : kept[-1].end + 30]):
        paired = [(f.metric, f.dataset) for f in kept]
        some = 0 < sum(f.dataset is not None for f in kept) < len(kept)
        if some or listed and (len(set(paired)) < len(paired) or any(pair == (None, None) for pair in paired)):
            unread.append("'respectively' pairs the values with a list of metrics or datasets, not read item by item")
    for f in kept:
        written = _measure_written_after(doc, f)
        if written and not _names(f.metric, written, f.dataset):
            unread.append(f"{f.match.group().strip()!r} measures {written!r}, not {f.metric!r}")
        named = _named_after_on(doc, f)
        if named is not None and f.dataset is None:
            unread.append(f"{f.match.group().strip()!r} is measured on {named!r}, not read as its dataset")
    return unread


def _named_after_on(doc: Doc, f: _Found) -> str | None:
    """A name written as one ("GTA2Cityscapes", "MIMIC-CDM", "EmoBench") that "on" introduces within a few words
    after a value: what the value was measured on ("a 5.2% performance boost on GTA2Cityscapes")."""
    for token in doc[f.end : min(len(doc), f.end + 5)]:
        if token.pos_ == "VERB" or token.text in (",", ";", "(", ")"):
            return None
        if token.lower_ == "on" and token.i + 1 < len(doc):
            after = doc[token.i + 2] if doc[token.i + 1].lower_ == "the" and token.i + 2 < len(doc) else doc[token.i + 1]
            written = after.text[1:] != after.text[1:].lower() or any(c.isdigit() for c in after.text)
            hardware = after.lower_ in _lexicon("quantity_settings")  # "5.3 ms on CPU"
            return after.text if written and after.text[:1].isupper() and not hardware else None
    return None


def _set_aside(doc: Doc, f: _Found) -> bool:
    """A value the reading leaves out on purpose: a condition ("if the latter is experiencing 10 dB additional loss"),
    an operating point ("at a false positive rate of 0.1%"), a setting ("at 50% sparsity"), a share of things ("for
    over 25% of the programs") or a confidence level ("95% CI")."""
    after = doc[f.end].lower_ if f.end < len(doc) else ""
    return (
        after in ("of", "ci", "confidence")
        or _under_condition(doc, f)
        or _operating_point(doc, f)
        or _in_setting_phrase(_root(doc, f.start, f.end))
    )


def _names(metric: str | None, written: str, dataset: str | None = None) -> bool:
    """Whether ``metric``, as the reading gave it, is the measure ``written`` after the value (singular or plural,
    hyphens or spaces; a unit, the dataset's name and words as vague as "performance" aside): "computational
    requirement" is "computational requirements", "rouge" is "ROUGE points", "face verification accuracy" is "LFW
    face verification accuracy" on LFW."""

    def words(text: str | None) -> list[str]:
        return [w.removesuffix("s") for w in (text or "").lower().replace("-", " ").split()]

    aside = {*words(dataset), *(w.removesuffix("s") for w in generic_words()), "overall"}
    aside |= {surface.removesuffix("s") for surface, _unit, _marks in _units() if surface.isalpha()}
    said = [w for w in words(written) if w not in aside]
    return not said or bool(metric) and all(w in words(metric) for w in said)


def _measure_written_after(doc: Doc, f: _Found) -> str | None:
    """What a value measures, where the words right after it name it ("95% steering effectiveness", "a 20.7%
    reduction in FVD"), lower-cased and without the words of a difference ("higher", "relative", "gains"); None
    where they name nothing more specific than "performance", or a preposition, a verb or the end follows."""
    differences = _difference_words()
    phrase = _words_from(doc, f.end)
    after = phrase[-1].i + 1 if phrase else f.end
    if phrase and phrase[-1].lower_ in differences and after + 1 < len(doc) and doc[after].lower_ in ("in", "of"):
        # "a 20.7% reduction in FVD", "an improvement in forecasting mIoU": what changed, where a measure follows;
        # "9.1% gains in underrepresented domains" says where
        changed = _words_from(doc, after + 1)
        return _text(changed) if changed and _says_a_measure(changed[-1]) else None
    words = [t for t in phrase if t.lower_ not in differences and t.tag_ not in ("JJR", "RBR")]
    while words and words[-1].pos_ not in ("NOUN", "PROPN"):
        words.pop()
    if not words or all(t.lower_ in generic_words() for t in words) or words[-1].lemma_.lower() in _lexicon("quantity_settings"):
        return None
    return _text(words)


def _words_from(doc: Doc, start: int, limit: int = 8) -> list[Token]:
    """The words of the noun phrase that starts at token ``start``, up to its last noun ("forecasting mIoU at …")."""
    words: list[Token] = []
    for token in doc[start : min(len(doc), start + limit)]:
        if token.pos_ in ("ADJ", "NOUN", "PROPN") or token.tag_ in ("VBG", "VBN") or token.text == "-" and words:
            words.append(token)
        else:
            break
    while words and words[-1].pos_ not in ("NOUN", "PROPN"):
        words.pop()
    return words


def _text(words: list[Token]) -> str:
    """The words as written, lower-cased ("mean-squared spectral error")."""
    return "".join(t.text_with_ws for t in words[:-1]).lower() + words[-1].lower_


def _says_a_measure(head: Token) -> bool:
    """Whether a noun phrase's head names a measure: a measure noun ("error", "throughput") or a name written in
    capitals ("FVD", "mIoU", "MIR-E")."""
    return _measure_head(head) or head.text.isupper() or any(c.isupper() for c in head.text[1:])


def _restated_in_brackets(doc: Doc, kept: list[_Found]) -> None:
    """A value alone at the start of a bracket right after a value with a metric restates it, in another unit or
    against a reference, when it names no measure of its own: "position errors are typically less than 1 m (0.25% of
    distance traveled)" gives the position error in percent of the distance."""
    for left, right in zip(kept[:-1], kept[1:], strict=True):
        if right.metric is None and left.metric is not None and right.start == left.end + 1 and doc[left.end].text == "(":
            right.metric = left.metric


def _without_dataset(metric: str | None, dataset: str | None) -> str | None:
    """A metric's name without the name of the dataset it was measured on written first: "99.53% LFW face verification
    accuracy" measures face verification accuracy on LFW."""
    if metric is None or dataset is None:
        return metric
    prefix = dataset.replace("-", " ") + " "
    return metric[len(prefix) :] if metric.replace("-", " ").startswith(prefix) else metric


def _reference(doc: Doc, f: _Found) -> bool:
    """A year, a citation, "Section 5", "Table 2": no quantity."""
    before = doc[f.start - 1].lower_.rstrip(".") if f.start > 0 else ""
    if before in _lexicon("quantity_references"):
        return True
    return f.bare and f.value.is_integer() and 1900 <= f.value <= 2100


_ARROWS = frozenset({"→", "->", "-->", "⟶", "=>", "$\\rightarrow$", "\\rightarrow", "rightarrow", "\\to", "$\\to$"})


def _changes_and_ranges(doc: Doc, found: list[_Found]) -> list[_Found]:
    """Join "from 5.1 to 3.4" and "0.591→0.509" into one change, "between 3% and 6%", "3 to 5x" and "ranging
    from 1 to 2" into one range, "1 in a 1,000,000" into one fraction."""
    out: list[_Found] = []
    for f in found:
        previous = out[-1] if out else None
        if previous is None:
            out.append(f)
            continue
        # "by approximately $29\times$ to $50\times$": TeX's dollars are no words of the link
        link = " ".join(doc.text[previous.end_char : f.start_char].lower().replace("$", " ").split())
        opener = doc[previous.start - 1].lower_ if previous.start > 0 else ""
        spread = previous.start > 1 and doc[previous.start - 2].lower_ in _lexicon("quantity_spreads")
        # "from 15.9% with one sample to 56%": a few words may stand between the two values of a change
        to = link == "to" or (
            link.endswith(" to") and opener == "from" and len(link.split()) <= 5 and not re.search(r"[\d,;()]", link)
        )
        after_change = len(out) > 1 and out[-2].kind == "change" and link == "to"  # "from 35.5% to 44.5% …, and 27.6% to 36.2%"
        if (to and opener == "from" and not spread) or link in _ARROWS or after_change:
            f.baseline, f.kind, f.unit = previous.value, "change", f.unit or previous.unit
            f.start_char, f.start = previous.start_char, previous.start
            if opener == "from":
                f.start_char, f.start = doc[previous.start - 1].idx, previous.start - 1
            out[-1] = f
        elif link in ("in", "in a", "out of") and previous.bare and f.bare and f.value > previous.value:
            # "a false positive rate of 1 in a 1,000,000": one value, a fraction
            previous.value = previous.value / f.value
            previous.end_char, previous.end, previous.match = f.end_char, f.end, f.match
        elif (to and previous.upper is None) or (link == "and" and opener == "between"):
            previous.upper, previous.unit = f.value, previous.unit or f.unit
            previous.end_char, previous.end, previous.match = f.end_char, f.end, f.match
            if opener in ("from", "between"):
                previous.start_char, previous.start = doc[previous.start - 1].idx, previous.start - 1
        else:
            out.append(f)
    return out


def _words_before(doc: Doc, start: int, limit: int = 5) -> list[str]:
    """The words before a number, closest last, hyphenated words whole ("speed-up of"), with the hedges that only
    bound it ("by up to", "by an additional") taken off."""
    text = doc.text[max(0, doc[start].idx - 60) : doc[start].idx].lower()
    before = [w.strip(".,;:()[]\"'") for w in text.split()[-limit:]]
    while before and before[-1] in _lexicon("quantity_hedges"):
        before.pop()
    return before


def _kind(doc: Doc, f: _Found) -> str:
    if f.unit == "x":
        return "ratio"
    signed = f.match["sign"] in ("+", "-", "−") and f.unit not in _level_units()
    if signed or f.match["adj"] == "relative" or f.unit == "points" and f.match["adj"]:
        return "delta"
    before = _words_before(doc, f.start)
    nouns = _lexicon("quantity_delta_nouns")
    if before and (before[-1] in ("by", "relative", "absolute") or before[-1] in nouns):
        return "delta"
    if (len(before) >= 2 and before[-1] == "of" and before[-2] in nouns) or _difference_before_of(doc, f.start):
        return "delta"
    if before and before[-1] == "within" and f.end < len(doc) and doc[f.end].lower_ == "of":
        return "delta"  # "within 0.5-1.5% of the optimal values", "within 1.1 dB of capacity": the gap to a reference
    if f.match["high"] is None and _change_verb(doc, f) is not None:
        return "delta"  # "increase COT by 23%", "the performance degraded only about 20%"
    if _margin_of_a_win(doc, f):
        return "delta"
    subject = _said_of(doc, f)  # "the expected savings are up to 20%", "the reduction in memory is 30%"
    if subject is not None and subject.pos_ == "NOUN" and subject.lower_ in nouns:
        return "delta"
    # "3.2% higher", "a 60% power reduction", "12-34% compute efficiency improvements": the phrase the number heads
    for token in doc[f.end : f.end + 4]:
        if token.lower_ in _lexicon("quantity_delta_words"):
            return "delta"
        if token.pos_ not in ("NOUN", "ADJ", "PROPN") and token.text != "-":
            break
    return "absolute"


def _margin_of_a_win(doc: Doc, f: _Found) -> bool:
    """A number a win is stated by, after "by" or "than" in the clause of "outperform" ("outperforms KSSNet
    (statistical graph) by a mAP of 0.4", "outperforms the state-of-the-arts more than 17.8%"); not a level the winner
    reaches ("outperforms all baselines with an accuracy of 92%")."""
    said = False
    for token in reversed(doc[max(0, f.start - 10) : f.start]):
        if token.lemma_.lower() in _lexicon("claims_compare_verbs"):
            return said
        if token.is_punct and token.text not in ("(", ")", "-") or token.lower_ in ("with", "at", "achieving", "reaching"):
            return False
        said = said or token.lower_ in ("by", "than")
    return False


def _word_before(doc: Doc, start: int, skipped: frozenset[str]) -> int:
    """The position of the word before token ``start`` past the ``skipped`` words that only bound a value ("of up to
    20%": the "of")."""
    i = start - 1
    while i > 0 and doc[i].lower_ in skipped:
        i -= 1
    return i


def _difference_before_of(doc: Doc, start: int) -> bool:
    """Whether the "of" before a number ends a noun phrase headed by a difference: "an increase in output power
    from the 1993 study of >200%" (the parser hangs the "of" on "study"). Only nouns, their modifiers and
    prepositions (and a year) may stand between; a verb or a comma ends the search."""
    of = _word_before(doc, start, _lexicon("quantity_hedges") - {"of"})  # "of >200%", "of up to 20%"
    if doc[of].lower_ != "of":
        return False
    for token in reversed(doc[max(0, of - 8) : of]):
        if token.lower_ in _lexicon("quantity_delta_nouns") and token.pos_ == "NOUN":
            return True
        if token.pos_ not in ("NOUN", "PROPN", "ADJ", "DET", "ADP", "NUM") and token.text != "-" and token.tag_ != "PRP$":
            return False  # ("an average improvement over our test set of typically 2-3%")
    return False


# ---------------------------------------------------------------- clauses


def clause_of(token: Token) -> Token:
    """The verb heading the clause ``token`` is in (the root when no verb heads it).

    "DrivePI reduces L2 error from 0.591 to 0.509, outperforming FB-OCC": the numbers are in the clause of
    "reduces", FB-OCC in the clause of "outperforming".
    """
    current = token
    for _ in range(len(token.doc)):
        if current.head.i == current.i or (current.dep_ in CLAUSE_DEPS and current.pos_ in ("VERB", "AUX")):
            return current
        current = current.head
    return current


def framing_clauses(token: Token) -> list[Token]:
    """The clause of ``token`` and the clauses above it whose framing phrases reach it ("On X, …, outperforming Y")."""
    clauses = [clause_of(token)]
    while clauses[-1].dep_ in FRAMED_DEPS and clauses[-1].head.i != clauses[-1].i:
        clauses.append(clause_of(clauses[-1].head))
    return clauses


def _same_clause(doc: Doc, a: int, b: int) -> bool:
    return clause_of(doc[a]).i == clause_of(doc[b]).i


def _root(doc: Doc, start: int, end: int) -> Token:
    """The token of ``doc[start:end]`` whose head is outside it."""
    span = doc[start:end]
    return span.root


# ---------------------------------------------------------------- metric and dataset


def _metric(doc: Doc, f: _Found, metrics: Sequence[tuple[int, int, str]]) -> str | None:
    measures = _pairs("quantity_measures")
    said = f.end + (f.end + 1 < len(doc) and doc[f.end].lower_ in ("more", "less"))  # "4.6% more accurate"
    if f.kind in ("ratio", "delta") and said < len(doc) and doc[said].lower_ in measures and doc[said].pos_ != "NOUN":
        return measures[doc[said].lower_]  # "2x faster": speed, whatever metric the sentence named before
    if f.end < len(doc) and doc[f.end].text == "(":  # "a performance of 86.6% (F1, sentences < 40 words)"
        for m_start, _m_end, name in metrics:
            if m_start == f.end + 1:
                return name
    metrics = [(s, e, name) for s, e, name in metrics if _same_brackets(doc, s, f.start)]
    if f.end + 1 < len(doc) and doc[f.end].lower_ == "for" and not f.bare:
        # "79.04% for overall pixel accuracy, 57.65% for mean accuracy": what the value is given for
        for m_start, _m_end, name in sorted(metrics):
            qualifiers = [t for t in doc[f.end + 1 : m_start] if t.pos_ != "DET"]
            if f.end < m_start <= f.end + 3 and all(t.pos_ == "ADJ" for t in qualifiers):
                return " ".join([*(t.lower_ for t in qualifiers), name])
    if f.start > 0 and doc[f.start - 1].text == "(":  # "accuracy (84.1%)"
        for _m_start, m_end, name in metrics:
            if m_end == f.start - 1:
                return name
    # Written right after: "84.1 BLEU", "3.2% higher accuracy", "(91.79 F1)"; right after a bare number only.
    # "a grab 92% of the time" says how often, not how much time.
    reach = 3 if not f.bare and not _how_often(doc, f) else 0
    after = [(m_start, -m_end, name) for m_start, m_end, name in metrics if f.end <= m_start <= f.end + reach]
    for m_start, m_end, name in sorted(after):  # the nearest, and the longest there: "compute efficiency", not "compute"
        if _qualifies_a_thing(doc, -m_end):
            continue
        if all(_modifies_after(t) for t in doc[f.end : m_start]):
            return name
        if _part_of_name(doc[f.end : m_start], m_start, -m_end):  # "71.0% semantic dependencies F1"
            return f"{doc[f.end : m_start].text.lower()} {name}"
    # Written before: "accuracy by 3.2%", "an FID of 1.91", "FID from 5.1 to 3.4", "BLEU score of 43.2".
    best = None
    for m_start, m_end, name in metrics:
        if f.start - 7 <= m_end <= f.start and (
            _links_before(doc, m_start, m_end, f.start)
            or _is_said(doc, m_end, f.start)
            or (f.start == m_end + 1 and doc[m_end].text == ",")  # "with high precision, 94.3% and 84.6% respectively"
        ):
            best = name
    if best:
        return best
    changed = _changed_from(doc, f)
    if changed is not None:
        return _metric_of_noun(doc, changed, metrics)
    subject = _said_of(doc, f)
    if subject is not None and subject.lower_ in _lexicon("quantity_delta_nouns"):
        # "the accuracy difference between the two approaches is only 14.0%"
        named = _metric_of_noun(doc, subject, metrics)
        if named is not None:
            return named
    return None if _how_often(doc, f) else _measure_after(doc, f)


def _metric_of_noun(doc: Doc, noun: Token, metrics: Sequence[tuple[int, int, str]]) -> str | None:
    """The metric a noun names: a mention that holds it, or one written as its first word: "the accuracy rate" (the
    tagger's "accuracy" and the measure's own head), "the accuracy difference" (a difference in accuracy)."""
    for m_start, m_end, name in metrics:
        if m_start <= noun.i < m_end:
            return name
        if m_end == noun.i and doc[m_end - 1].dep_ == "compound":
            if _measure_head(noun):
                return f"{name} {noun.lower_}"
            if noun.lower_ in _lexicon("quantity_delta_nouns"):
                return name
    return None


def _part_of_name(words: Span, start: int, end: int) -> bool:
    """Common words before a metric mention ``start``–``end`` that qualify it, so they belong to its name: "semantic
    dependencies" of "71.0% semantic dependencies F1". Names are left out: "ImageNet top-1 accuracy" is measured on
    ImageNet."""
    for token in words:
        if not (token.is_lower and token.is_alpha or token.text == "-") or token.pos_ not in ("NOUN", "ADJ", "PUNCT"):
            return False
        head = token
        for _ in range(4):
            if head.dep_ not in ("compound", "amod", "nmod", "punct") or head.head.i == head.i:
                break
            head = head.head
        if not start <= head.i < end:
            return False
    return len(words) > 0


def _changed_from(doc: Doc, f: _Found) -> Token | None:
    """ "we increase the F-score of the drivable distance from 0.86 to 0.97": the object of the verb that changes
    a measure from one value to another, or the subject of that verb in the passive."""
    start = doc[f.start]
    if f.kind != "change" or start.lower_ != "from" or start.head.pos_ != "VERB":
        return None
    # "the accuracy rate … is raised from 46.0% to 60.62%": the subject of a passive verb is what changed
    return next((c for c in start.head.children if c.dep_ in ("dobj", "nsubjpass")), None)


def _qualifies_a_thing(doc: Doc, end: int) -> bool:
    """A metric's name written before a noun that names things, not a measure or a difference: "173 IS literature
    reviews" counts reviews of information systems; "84.1 BLEU points", "a 0.9 F1 score" and "a 3% accuracy
    improvement" do measure."""
    if end >= len(doc) or doc[end].pos_ != "NOUN" or not doc[end].is_alpha:
        return False
    word = doc[end]
    return not (_measure_head(word) or word.lower_ in _pairs("quantity_units") or word.lower_ in _difference_words())


def _without_difference(metric: str | None, kind: str | None) -> str | None:
    """A difference's metric without the word that makes it one: "31% error reduction" and "52.8% lesser power"
    measure error and power."""
    if metric is None or kind != "delta" or " " not in metric:
        return metric
    first, rest = metric.split(" ", 1)
    name, last = metric.rsplit(" ", 1)
    return name if last in _difference_words() else rest if first in _difference_words() else metric


def _without_tail(metric: str | None) -> str | None:
    """A metric's name without a last word that names no measure (``quantity_metric_tails``): "term error rate
    performance" measures term error rate."""
    if metric is None or " " not in metric:
        return metric
    name, last = metric.rsplit(" ", 1)
    return name if last in _lexicon("quantity_metric_tails") else metric


def _in_terms_of(doc: Doc, f: _Found) -> str | None:
    """ "15 percentage points in terms of the estimated popularity probability", "a 32.8% improvement according to
    the average precision metric": the measure the phrase names."""
    start = f.end + (f.end < len(doc) and doc[f.end].lower_ in _lexicon("quantity_delta_nouns"))
    words = [t.lower_ for t in doc[start : start + 3]]
    link = 3 if words == ["in", "terms", "of"] else 2 if words[:2] == ["according", "to"] else 0
    if not link or start + link >= len(doc):
        return None
    j = start + link + (doc[start + link].pos_ == "DET")
    last = j
    while last + 1 < min(len(doc), j + 5) and doc[last + 1].pos_ in ("NOUN", "PROPN", "ADJ") and doc[last].pos_ != "PUNCT":
        last += 1
    words = doc[j : last + 1]
    if not words or words[-1].pos_ not in ("NOUN", "PROPN") or any(t.is_punct and t.text != "-" for t in words):
        return None
    return words.text.lower()


def _points_after(doc: Doc, f: _Found) -> bool:
    """ "2 ROUGE points", "1.5 BLEU points": the unit written after the metric's name."""
    for token in doc[f.end : f.end + 4]:
        if token.lower_ in ("points", "point", "pts"):
            return True
        if not (token.pos_ in ("PROPN", "NOUN", "ADJ") or token.text == "-") or token.is_punct and token.text != "-":
            return False
    return False


def _how_often(doc: Doc, f: _Found) -> bool:
    """ "92% of the time": a frequency, whatever noun the phrase ends in."""
    return f.unit == "%" and " ".join(t.lower_ for t in doc[f.end : f.end + 3]) in _lexicon("quantity_frequencies")


def _is_said(doc: Doc, m_end: int, start: int) -> bool:
    """ "Test set identification accuracy is 89 percent": a metric and its value joined by nothing but "be" and the
    words that bound a value, however the parser split the sentence into clauses."""
    between = doc[m_end:start]
    return (
        len(between) > 0
        and between[0].lemma_ == "be"
        and all(t.lower_ in _lexicon("quantity_hedges") or t.pos_ == "ADV" for t in between[1:])
    )


def _whole_metric(doc: Doc, start: int, end: int, name: str) -> tuple[int, int, str]:
    """A metric mention with what the tagger cut off its name: the rest of a capitalised name ("Mean Average" of "a
    Mean Average Best Overlap of 0.879"), a cut-off before it ("top-10" of "a top-10 accuracy of 73.2%"), the
    first words of a metric's name (``quantity_metric_prefixes``: "true" of "the true positive rate by 98.3%")."""
    new_start, new_end = start, end
    head = doc[start:end].root
    while (
        head.dep_ == "compound"
        and head.head.i >= new_end
        and all(t.is_title or t.is_upper for t in doc[new_start : head.head.i + 1])
    ):
        new_end, head = head.head.i + 1, head.head
    while new_start > 0 and (
        (
            doc[new_start - 1].dep_ == "compound"
            and doc[new_start - 1].pos_ != "NUM"
            and any(c.isdigit() for c in doc[new_start - 1].text)
        )
        or doc[new_start - 1].lower_ in _lexicon("quantity_metric_prefixes")  # "true" of "true positive rate"
    ):
        new_start -= 1
    if (new_start, new_end) == (start, end):
        return start, end, name
    return new_start, new_end, doc[new_start:new_end].text.lower()


def _with_head(doc: Doc, start: int, end: int, name: str) -> tuple[int, int, str]:
    """A measure word's name with the head noun written right after it (``quantity_measure_heads``): "16.15% error
    rates" measures the error rate, not the error. A tagged metric keeps its name ("FID score" is FID)."""
    head = doc[start:end].root
    if end < len(doc) and head.dep_ == "compound" and head.head.i == end:
        word = doc[end].lemma_.lower()
        if word in _lexicon("quantity_measure_heads") and word not in name.split():
            return start, end + 1, f"{name} {word}"
    return start, end, name


def _same_brackets(doc: Doc, a: int, b: int) -> bool:
    """Whether token ``a`` is outside every bracket that leaves ``b`` out: "(37.3 → 23.8 on MS-COCO) and 28.6x"."""
    low, high = sorted((a, b))
    depth = lowest = 0
    for token in doc[low:high]:
        depth += token.text == "("
        depth -= token.text == ")"
        lowest = min(lowest, depth)
    return (depth == 0 and lowest == 0) or (a < b and depth >= 0 and lowest == 0) or (a > b and depth == lowest)


def _measure_nouns(sent: Span, metrics: Sequence[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Words of the measures lexicon no metric mention covers, with the nouns written before them: "an error of
    3.1 x 10-3", "a latency of 20 ms", "the inference throughput up to 3.78x", "37.5% of the training time"."""
    measures = _pairs("quantity_measures")
    covered = {i for start, end, _ in metrics for i in range(start, end)}
    found = []
    for t in sent:
        if t.lower_ in measures or (t.pos_ == "NOUN" and t.lemma_.lower() in measures):
            if t.i in covered or t.pos_ not in ("NOUN", "VERB", "PROPN") or t.dep_ == "ROOT":
                continue
            hyphened = t.i + 1 < len(t.doc) and t.doc[t.i + 1].text == "-"  # "speed-up"
            if t.dep_ == "compound" and t.head.i > t.i and not hyphened and not _measure_head(t.head):
                continue  # "full-speed running requires less than 280 W": the speed qualifies another noun
            start = t.i  # with the nouns before it: "inference throughput", "energy-efficiency", "wall-clock time"
            while (
                start > max(sent.start, t.i - 3)
                and start - 1 not in covered
                and t.doc[start - 1].text != "%"  # "37.1% top-5 error": the number's own sign is no word of the measure
                and (
                    t.doc[start - 1].tag_ in ("NN", "NNP", "HYPH")
                    or (t.doc[start - 1].tag_ == "JJ" and t.doc[start].text == "-")
                    or _CUTOFF.fullmatch(t.doc[start - 1].text)  # "top-5 test error", however it is tagged
                )
            ):
                start -= 1
            word_start = _hyphenated_start(t.doc, start + (t.doc[start].text == "-"))
            if sent.start <= word_start < start and not covered.intersection(range(word_start, start)):
                start = word_start  # "a fixed end-to-end latency": the whole hyphenated word, not "-end latency"
            name = measures.get(t.lower_) or measures[t.lemma_.lower()]
            end = t.i + 1
            if end + 1 < sent.end and t.doc[end].text == "-" and not t.whitespace_ and not t.doc[end].whitespace_:
                name, end = f"{t.text.lower()}-{t.doc[end + 1].text.lower()}", end + 2  # "speed-up"
            before = t.doc[start : t.i].text_with_ws.lower()  # "full-" + "speed", "inference " + "throughput"
            found.append((start, end, f"{before}{name}".replace(" - ", "-")))
    return found


def _modifies_after(token: Token) -> bool:
    """A word that may stand between a number and the metric it measures: "3.2% higher accuracy", "5% of the F1",
    "96.0% LFW rank-1 accuracy"."""
    return (
        token.lower_ in _lexicon("quantity_delta_words") | {"of", "in", "the", "terms", "absolute", "relative"}
        or token.tag_ in ("JJ", "JJR", "RBR", "VBN", "NNP")
        or token.text in ("%", "-")
    )


def _links_before(doc: Doc, m_start: int, m_end: int, start: int) -> bool:
    """Whether the words between a metric and a later number tie them in one phrase: no noun, number, comma,
    clause or setting ("FID with 10 NFEs"), though a dataset's name may stand between ("accuracy on SciTail by 5%")."""
    if not _same_clause(doc, m_end - 1, start):
        return False
    metric_head = doc[m_start:m_end].root.head
    symbol = doc[m_end + 2].i if m_end + 2 < start and doc[m_end].text == "(" and doc[m_end + 2].text == ")" else None
    for token in doc[m_end:start]:
        if symbol is not None and token.i <= symbol:
            continue  # "a mean absolute error (ε) of 0.304": the metric's symbol
        if token.text == "=" or token.i == m_end and token.text in ")]" and m_start > 0 and doc[m_start - 1].text in "([":
            continue  # "AOR = 3.2", "Adjusted Odds Ratio [AOR] = 3.0": the parser may call "=" a number
        if token.pos_ in ("NOUN", "NUM") and not (token.i == metric_head.i == m_end):
            return False  # "a data set of 500 images": no metric of the 500
        if token.is_punct and token.text not in ("(", ":", "=", "-"):
            return False
        if token.lower_ in ("and", "or", "while", "whereas", "which", "that", "but", "compared", "vs", "versus"):
            return False  # "99.53% LFW accuracy and 96.0% …": the metric is the other number's
        if token.lower_ == "than" and doc[token.i - 1].lower_ not in ("more", "less", "fewer", "greater", "over"):
            return False
        if token.lower_ in _lexicon("quantity_result_preps") and not (
            token.lower_ == "on" and token.i + 1 < len(doc) and doc[token.i + 1].pos_ in ("PROPN", "DET")
        ):
            return False
    return True


def _measure_after(doc: Doc, f: _Found) -> str | None:
    """'2x faster' → speed; 'with 10x fewer parameters' → parameters; '76ms latency' → latency."""
    if f.end >= len(doc):
        return None
    word = doc[f.end]
    measures = _pairs("quantity_measures")
    if f.kind in ("ratio", "delta") and word.lower_ in measures and word.pos_ != "NOUN":
        return measures[word.lower_]
    head = word.head
    while head.dep_ == "compound" and head.head.pos_ == "NOUN" and head.head.i < f.end + 5:
        head = head.head  # "2-6 times higher device power consumption": the phrase's last noun
    # "with 10x fewer parameters", "2-6 times higher device power consumption"; not "3x larger performance gains"
    comparative = word.lower_ in ("fewer", "less", "more") or (
        word.tag_ == "JJR" and f.kind in ("ratio", "delta") and _names_a_measure(head)
    )
    if comparative and word.dep_ == "amod" and head.pos_ == "NOUN" and f.end < head.i < f.end + 5:
        end = head.i + 1  # "26.47% less number of epochs": the noun with its "of" phrase
        of = [c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"]
        objects = [c for c in of[0].children if c.dep_ == "pobj"] if of and of[0].i == end else []
        if objects:
            end = objects[0].i + 1
        return doc[f.end + 1 : end].text.lower()
    if word.pos_ == "NOUN" and word.lemma_.lower() in measures:
        return measures[word.lemma_.lower()]
    if f.kind == "ratio" and word.pos_ == "NOUN" and not _in_setting_phrase(word):
        return _ratio_of(doc, f.end)  # "obtains 3.5 times yield"; not "with 10x decay"
    return None


def _ratio_of(doc: Doc, start: int) -> str | None:
    """The measure a ratio multiplies, from the noun phrase written right after it: "3.5 times yield", "6times
    wall-clock time reduction" (a difference in wall-clock time), "2.7times peak memory reduction"."""
    end = start
    while end + 1 < len(doc) and (doc[end + 1].pos_ == "NOUN" or doc[end + 1].text == "-" and not doc[end].whitespace_):
        end += 1
    while end > start and not (doc[end].is_alpha and doc[end].pos_ == "NOUN"):
        end -= 1
    head = doc[end]
    if head.lower_ in _difference_words():
        end -= 1  # the difference's noun: what it is a difference in comes before it
    words = doc[start : end + 1]
    if not words or words[-1].pos_ != "NOUN" or not _names_a_measure(words[-1]) or words[-1].tag_ != "NN":
        return None
    return words.text.lower().replace(" - ", "-")


def _measured_phrase(doc: Doc, f: _Found) -> str | None:
    """What a result measures when no metric is named next to it but a phrase says it: "up to 20% in the number of
    submitted queries", "a torque control bandwidth of more than 70 Hz", "reduce the information leakage by up to
    60%", "the ratio of operational to redundant amplifiers is 10 times higher", "an accuracy that ranges from 90% to
    100%", "70% or higher correct classification". Read only for numbers already known to be results, so a phrase
    never turns a setting into one."""
    if f.end + 1 < len(doc) and doc[f.end].lower_ == "in":  # "20% in the number of submitted queries"
        j = f.end + 1 + (doc[f.end + 1].pos_ == "DET")
        if j < len(doc) and doc[j].pos_ == "NOUN" and _measure_head(doc[j]):
            return _noun_phrase(doc, doc[j])
    difference = doc[f.end] if f.end < len(doc) and doc[f.end].lower_ in _lexicon("quantity_delta_nouns") else None
    # "up to 9% improvement in player engagement", "a 35.0% relative improvement over our baseline system in the
    # number of questions correctly answered"
    in_ = next((c for c in difference.children if c.dep_ == "prep" and c.lower_ == "in"), None) if difference else None
    if in_ is not None:
        improved = next((c for c in in_.children if c.dep_ == "pobj"), None)
        # "up to 9% improvement in player engagement"; "9.1% gains in underrepresented domains" says where
        if improved is not None and _measured_noun(improved) and improved.lemma_.lower() not in _lexicon("quantity_scopes"):
            return _noun_phrase(doc, improved)
    number = doc[f.start : f.end].root
    if number.dep_ == "pobj" and number.head.lower_ == "of" and number.head.head.lower_ in _lexicon("quantity_delta_nouns"):
        changed = [t for t in number.head.head.children if t.dep_ == "compound" and t.pos_ == "NOUN"]
        if changed:  # "water savings of up to 90%": what the difference is in
            return " ".join(t.lower_ for t in changed)
    if number.dep_ == "pobj" and number.head.lower_ == "of":  # "a maximum detectable distance of 106 meters"
        measured = _measured_noun(number.head.head)
        if measured is not None:
            return _noun_phrase(doc, measured) or _noun_phrase(doc, measured, of_phrase=False)
    changed = _changed_by(doc, f)  # "reduce the information leakage by up to 60%"
    if changed is not None:  # "reducing the error of the current state of the art by 27%": the error
        of_phrase = changed.lemma_.lower() in _lexicon("quantity_measure_heads")  # "the number of queries"
        return _noun_phrase(doc, changed, of_phrase=of_phrase)
    acronym = _measured_acronym(doc, f)
    if acronym is not None:  # "a PCKh of 98.9%", "reduces the NRMSE from 4.76% to 4.23%", "the EER decreases by 1%"
        return acronym
    written = _words_of(doc, f) if f.kind != "delta" else _words_by(doc, f)
    if written is not None:  # "a torque control bandwidth of more than 70 Hz", "… and critical path delay by 29.9%"
        return written
    subject = _said_of(doc, f)  # "the ratio … is 10 times higher": the measure is the subject the number is said of
    if subject is not None and _measure_head(subject):  # a measure by name: "the bounds are within 1%" measure no bounds
        return _noun_phrase(doc, subject) or _noun_phrase(doc, subject, of_phrase=False)
    return _share_of(doc, f)


def _measured_acronym(doc: Doc, f: _Found) -> str | None:
    """A short capitalised name no tagger called a metric, that a percentage is the value or the change of: "a PCKh of
    98.9%", "reduces the NRMSE from 4.76% to 4.23%", "the EER decreases by 1%". Only percentages: a method's name
    is no value of a percent ("a CNN of 3 layers")."""
    if f.unit != "%":
        return None
    number = doc[f.start : f.end].root
    named = None
    if number.dep_ == "pobj" and number.head.lower_ == "of":
        of = number.head
        named = doc[of.i - 1] if of.head.pos_ == "VERB" and of.i > 0 else of.head  # "achieving a PCKh of", hung on the verb
    elif f.kind == "change":
        named = _changed_from(doc, f)
    else:
        verb = _change_verb(doc, f)
        if verb is not None:  # what changes: the object where there is one ("DMP … enhances the converged FID by …")
            named = next((c for dep in ("dobj", "nsubj", "nsubjpass") for c in verb.children if c.dep_ == dep), None)
    if named is None or not named.is_alpha or not 2 <= len(named) <= 6 or sum(c.isupper() for c in named.text) < 2:
        return None
    return named.lower_ if named.pos_ in ("NOUN", "PROPN") else None


def _words_of(doc: Doc, f: _Found, link: str = "of") -> str | None:
    """The words of "a NOUN PHRASE of [about] N" read off the text, for when the parser lost the phrase: the common
    words back to the article, at most four, the last one able to name a measure."""
    i = _word_before(doc, f.start, _lexicon("quantity_hedges") - {link} | {"between"})
    if i < 2 or doc[i].lower_ != link:
        return None
    words = []
    for token in reversed(doc[max(0, i - 5) : i]):
        if (
            token.pos_ in ("DET", "PRON", "CCONJ")
            or token.lower_ in ("with", "an", "a", "the")
            or token.dep_ == "amod"
            and token.tag_ == "VBN"
        ):
            break
        if token.pos_ not in ("NOUN", "ADJ") or not token.is_alpha and token.text != "-":
            return None  # a name, a number, a verb or a comma: no phrase of its own
        words.insert(0, token)
    if not words or len(words) > 4 or words[0].i == i:
        return None
    head = words[-1]
    if not _names_a_measure(head) or head.pos_ == "ADJ" and head.dep_ == "amod":
        return None
    return " ".join(t.lower_ for t in words)


def _words_by(doc: Doc, f: _Found) -> str | None:
    """ "reduced power consumption by 47.3% and critical path delay by 29.9%": the words before "by" when a verb of
    change comes before them in the sentence."""
    sent = doc[f.start].sent
    if not any(t.lemma_.lower() in _lexicon("quantity_change_verbs") for t in doc[sent.start : f.start] if t.pos_ == "VERB"):
        return None
    return _words_of(doc, f, link="by")


def _measured_noun(token: Token) -> Token | None:
    """``token`` if it is a common noun that can name what a number measures (``_names_a_measure``)."""
    return token if token.pos_ == "NOUN" and _names_a_measure(token) else None


def _names_a_measure(token: Token) -> bool:
    """Whether a word can name what a number measures: no method or system ("our method is 3% better"), no difference
    ("a reduction of 30%"), no share ("the rest of the 20%"), no setting and no word as vague as "average" or
    "performance"."""
    word = token.lemma_.lower()
    if token.lower_ in _lexicon("quantity_delta_nouns") or word in _lexicon("claims_method_nouns") or word in generic_words():
        return False
    return not any(word in _lexicon(name) for name in ("quantity_hedges", "quantity_shares", "quantity_settings"))


def _change_verb(doc: Doc, f: _Found) -> Token | None:
    """The verb that changes a measure by the number: "increase COT by 23%", "degraded only about 20%"."""
    number = doc[f.start : f.end].root
    verb = number.head.head if number.dep_ == "pobj" and number.head.lower_ == "by" else number.head
    if number.dep_ not in ("pobj", "npadvmod", "dobj", "advmod") or verb.pos_ != "VERB":
        return None
    return verb if verb.lemma_.lower() in _lexicon("quantity_change_verbs") else None


def _changed_by(doc: Doc, f: _Found) -> Token | None:
    """What a change verb changes by the number: its object, or its subject when it has none."""
    verb = _change_verb(doc, f)
    if verb is None:
        return None
    deps = ("dobj",) if any(c.dep_ == "dobj" for c in verb.children) else ("nsubjpass", "nsubj")
    changed = next((c for c in verb.children if c.dep_ in deps), None)
    if changed is None and verb.dep_ == "acl":  # "… and the total duration improved by 10%", parsed as a noun's verb
        changed = verb.head
    return None if changed is None else _measured_noun(changed)


def _share_of(doc: Doc, f: _Found) -> str | None:
    """What a percentage is the share of when a noun phrase follows it: "achieving 70% or higher correct
    classification" (the number may be bounded: "or higher"); not a difference ("5% improvement") nor a setting noun."""
    if f.unit != "%":
        return None
    start = f.end
    if start + 1 < len(doc) and doc[start].lower_ == "or" and doc[start + 1].lower_ in _lexicon("quantity_delta_words"):
        start += 2  # "70% or higher"
    head = start
    while head < len(doc) and doc[head].pos_ == "ADJ":
        head += 1
    last = head
    while last + 1 < min(len(doc), start + 4) and doc[last].pos_ == "NOUN" and doc[last + 1].pos_ == "NOUN":
        last += 1
    if last > head and _measure_head(doc[last]):
        head = last  # "97.70% overall success rates"; not "16% law enforcement", a share of people
    if head >= len(doc) or doc[head].pos_ != "NOUN" or doc[head].lower_ in _lexicon("quantity_delta_words"):
        return None
    if head + 1 < len(doc) and doc[head + 1].pos_ in ("NOUN", "PROPN", "NUM"):
        return None  # the head is further on: leave compounds to the tagger
    return _noun_phrase(doc, doc[head], start)


#: Verbs that say a measure's value: "is 10 times higher", "ranges from 90% to 100%", "reaches 95%".
_SAYING_VERBS = frozenset({"be", "range", "reach", "remain", "stay", "vary"})
#: The links from a number up to the "be" it completes: "are up to 20%", "is 10 times higher".
_COMPLEMENT_DEPS = frozenset({"npadvmod", "nummod", "quantmod", "advmod", "pobj", "prep", "acomp", "attr"})


def _saying_verb(doc: Doc, f: _Found) -> Token | None:
    """The "be" (or "range", "reach") a number completes: "are up to 20%", "ranges from 90% to 100%"."""
    token = doc[f.start : f.end].root
    for _ in range(4):
        if token.head.i == token.i:
            return None
        if token.dep_ not in _COMPLEMENT_DEPS and not (token.dep_ == "dobj" and token.head.lemma_ in _SAYING_VERBS):
            return None
        token = token.head
        if token.lemma_ in _SAYING_VERBS:
            return token
    return None


def _said_of(doc: Doc, f: _Found) -> Token | None:
    """The subject of the "be" a number is the complement of: "the ratio … is 10 times higher", "the expected savings
    are up to 20%"."""
    verb = _saying_verb(doc, f)
    if verb is None:
        return None
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None and subject.tag_ == "WDT" and verb.dep_ == "relcl":
        return verb.head  # "an accuracy that ranges from 90% to 100%"
    return subject


def _measure_head(token: Token) -> bool:
    word = token.lemma_.lower()
    heads = _lexicon("quantity_measure_heads")
    return token.pos_ == "NOUN" and (word in _pairs("quantity_measures") or token.lower_ in heads or word in heads)


def _noun_phrase(doc: Doc, head: Token, start: int = 0, *, of_phrase: bool = True) -> str | None:
    """The words of a noun phrase up to its head and an "of" phrase after it, if the head is a measure at all."""
    word = head.lemma_.lower()
    if word in generic_words() or word in _lexicon("quantity_settings") or head.lower_ in _pairs("quantity_units"):
        return None
    left, lowest = head.i, max(start, head.i - 3)
    while left - 1 >= lowest:
        before = doc[left - 1]
        if before.dep_ in ("amod", "compound") and before.head.i >= head.i:
            left -= 1
        elif before.whitespace_ and lowest <= (first := _hyphenated_start(doc, before.i)) < before.i:
            left = first  # "the click-through rate": the parser hangs "click" and "through" on each other
        else:
            break
    left = _hyphenated_start(doc, left)  # "Test-retest agreement": the whole of the first word
    end = head.i + 1
    of = [c for c in head.children if c.dep_ == "prep" and c.lower_ == "of" and c.i == end and of_phrase]
    # "the accuracy rate of this automatic identification method": the measure of one particular thing is the measure
    of = [o for o in of if not any(c.dep_ in ("det", "poss") for p in o.children if p.dep_ == "pobj" for c in p.children)]
    if of:
        objects = [c for c in of[0].subtree if c.dep_ in ("pobj", "conj")]
        # "the number of submitted queries and runtime": a measure listed with what the head counts is a second
        # measure, not a second thing counted ("the number of nodes and edges", "the mean of precision and recall")
        second = [o for o in objects if o.dep_ == "conj" and _measure_head(o) and not _measure_head(o.head)]
        objects = [o for o in objects if not second or o.i < second[0].left_edge.i]
        end = max(o.i for o in objects) + 1 if objects else end
    words = doc[left:end]
    if len(words) > 8 or any(t.pos_ in ("PROPN", "NUM") or t.is_punct and t.text != "-" for t in words):
        return None
    return words.text.lower().replace(" - ", "-")


def _hyphenated_start(doc: Doc, i: int) -> int:
    """The first token of the hyphenated word that token ``i`` ends ("click" of "click-through")."""
    while i >= 2 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_ and not doc[i - 2].whitespace_:
        i -= 2
    return i


def _share_across_coordination(doc: Doc, found: list[_Found]) -> None:
    """Values listed together share what only one of them says: "78.9% and 76.3% mAP" (the metric), "1.69 and
    45.49 times" (the unit), "by 2% and 0.1%, respectively" and "improvements of 3.0% on GSM8K and 7.9% on MATH"
    (the kind)."""
    for left, right in zip(found[:-1], found[1:], strict=True):
        link = " ".join(doc.text[left.end_char : right.start_char].lower().split())
        # "gains of 6.4% in math & science reasoning, 4.5% in search-based QA"
        if not re.fullmatch(r"(?:[,;]|,? ?and|or|/)|(?:[^,;()]* ?)?(?:,|and|, and|or)(?: [^,;()]*)?", link or "x"):
            continue
        # a verb between says something else; "search-based" is a word of a name
        if len(link.split()) > 6 or any(t.pos_ == "VERB" and doc[t.i - 1].text != "-" for t in doc[left.end : right.start]):
            continue
        if left.bare and right.unit is not None and link in ("and", "or"):  # "1.69 and 45.49 times", not "0.34, 11.52%"
            left.unit = right.unit
            left.kind = right.kind if right.kind in ("ratio",) else left.kind
        if right.kind == "absolute" and left.kind == "delta" and (left.unit == right.unit or left.bare):
            right.kind = "delta"
        after = doc[right.end].lower_ if right.end < len(doc) else ""
        if (
            left.kind == "absolute"
            and right.kind == "delta"
            and link in ("and", "or")
            and after in _lexicon("quantity_delta_words")
        ):
            left.kind = "delta"  # "over 36% and 20% improvements": the difference the last value's noun names
    for left, right in zip(reversed(found[:-1]), reversed(found[1:]), strict=True):
        if left.metric is None and right.metric is not None and left.unit == right.unit:
            link = " ".join(doc.text[left.end_char : right.start_char].lower().split())
            # "88.3% zero-shot and 91.1% fine-tuning accuracy", "with 41.38 % vs 35.07 % average accuracy"
            if re.fullmatch(r"(?:[\w-]+ )?(?:,|and|, and|or|/|vs\.?|versus)", link):
                left.metric = right.metric
    # "accuracy is 89 percent for the photomicrographs, 82 percent for the aerial imagery, and 83 percent for …",
    # "a top-10 accuracy of 73.2% vs. 54.7% by TransE": the values after the first of a list measure the same.
    for left, right in zip(found[:-1], found[1:], strict=True):
        if right.metric is None and left.metric is not None and (left.unit, left.kind) == (right.unit, right.kind):
            link = " ".join(doc.text[left.end_char : right.start_char].lower().split())
            # "an F-measure improvement of ~1.25% beyond the base parser, and an ~0.25% improvement beyond …"
            # "agreement rates of 86% (North), 82% (Central), and 85% (South)": a label in brackets after each value
            listed = re.fullmatch(r"(?:[^,;()]*?,? ?|\([^()]*\),? ?)?(?:,|and|, and|vs\.?|versus)(?: of| an?)?(?: ~)?", link)
            verbs = [t for t in doc[left.end : right.start] if t.pos_ in ("VERB", "AUX")]
            # "an accuracy of 99.6% in detecting visible bolts and of 95% in detecting missing bolts"; not "4.93 fewer
            # rollouts and a 4.19 reduction in wall-clock time", which says its own measure
            if (
                listed
                and len(link.split()) <= 8
                and all(t.tag_ == "VBG" and t.head.pos_ == "ADP" for t in verbs)
                and _measured_phrase(doc, right) is None
            ):
                right.metric = left.metric
            # "lower frame-wise error rates (19.6%) on YouTube videos compared to a conventional GMM based system
            # (40%)": a value in brackets after each of two compared things
            elif _bracketed(doc, right) and re.search(r"\b(?:compared|than|vs|versus|exceed\w*|surpass\w*)\b", link):
                # "91.7% average accuracy, exceeding human performance (77.3%)"
                right.metric = left.metric


def _bracketed(doc: Doc, f: _Found) -> bool:
    """A value alone in brackets: "(19.6%)"."""
    return _bracketed_name(doc, f.start, f.end)


def _is_result(doc: Doc, f: _Found, named_before: set[int] = frozenset()) -> bool:
    """A measured outcome, not a count, a size or how the experiment was run. ``named_before`` are the token
    positions right after a metric or dataset name: a number in brackets there is that name's result."""
    if f.unit in ("k", "M", "B", "T") and f.metric is None:
        return False  # "7B", "1.2M images", "from 85 million to 1.2 billion parameters": sizes
    said = _saying_verb(doc, f)
    if said is not None and any(c.dep_ == "neg" for c in said.children):
        return False  # "the true positive rate is not 100%": a value the result does not have
    if f.kind == "change":
        return True
    if _under_condition(doc, f):
        return False  # "coverage for 99.9% of devices, if the latter is experiencing 10 dB additional loss"
    if f.bare and f.metric is None:
        return False  # a count, a year, a size in a name
    counted = _counted_noun(doc, f)
    if counted is not None and counted.lower_ in _lexicon("quantity_settings") and f.kind == "absolute":
        return False  # "100 epochs", "8 GPUs", "10-fold cross-validation"
    # "10-fold cross-validation", "the 10-fold cross-validation setup" (parsed as adjectives of "setup")
    if f.unit == "x" and {t.lower_ for t in doc[f.end : f.end + 4]} & {"cross", "validation", "cv"}:
        return False
    if _times_counted(doc, f):
        return False
    if f.kind == "absolute" and (_operating_point(doc, f) or _read_at(doc, f, named_before)):
        return False  # "improves the true positive rate by 98.3% at a false positive rate of 0.1%"
    if f.kind == "absolute" and f.metric is None and _qualifies_by_how_much(doc, f):
        return False  # "to a 75% pruned ImageNet-trained network": how far the network was pruned
    bracketed_result = f.start > 1 and doc[f.start - 1].text == "(" and f.start - 1 in named_before
    if f.metric is None and f.kind != "delta" and not bracketed_result:
        if _in_setting_phrase(_root(doc, f.start, f.end)):
            return False  # "with random 80% corruption", "at 50% sparsity", "with 10x decay"; not "with a 2% improvement"
        glossed = _glossed(doc, f)
        if glossed is not None and _in_setting_phrase(glossed):
            return False  # "for the first third of the trajectory (< 500 msec)": the bracket restates a setting
    return True


def _times_counted(doc: Doc, f: _Found) -> bool:
    """ "N times" that counts how often ("we found both GloVe and ViCo to be correct 19 times"), not how much more:
    nothing after it compares ("6 times faster", "a 2.6 times reduction", "3 times the throughput", "3 times as
    fast"), no "by" or "of" before it ("a speedup of 3 times"), no verb of change governs it ("accelerates
    training up to 50 times") and no bracket restates a difference with it ("by an order of magnitude (50 times)")."""
    if f.unit != "x" or doc[f.end - 1].lower_ != "times" or f.metric is not None or doc[f.start - 1].text == "(":
        return False
    after = {t.lower_ for t in doc[f.end : f.end + 3]}
    if after & (_lexicon("quantity_delta_words") | _lexicon("quantity_ratio_measures") | {"the", "as", "that", "than"}):
        return False
    before = _words_before(doc, f.start)
    return not (before and before[-1] in ("by", "of", "a", "an", "to")) and _change_verb(doc, f) is None


def _sets_up(metric: str | None) -> bool:
    """Whether ``metric`` is a measure an experimenter sets (a learning rate, a pruning ratio), by its last words."""
    words = (metric or "").replace("-", " ").split()
    return any(" ".join(words[i:]) in _lexicon("quantity_hyperparameters") for i in range(len(words)))


def _under_condition(doc: Doc, f: _Found) -> bool:
    """A number in a clause that states a condition ("if …", "when …", "provided …"): how the result was obtained,
    not what was found."""
    token = doc[f.start]
    if token.dep_ == "punct" and f.start > 0:
        token = doc[f.start - 1]  # "even when SIR is smaller than 0dB.": a number the tokenizer joined to the stop
    if _exemplified_result(doc, f):
        return False
    for clause in framing_clauses(token):
        if _finite_after_participle(clause):
            return False  # "consumes 1.23 mW when operating from … and occupies a core area of 0.94 mm2"
        # "if …" is a mark; "when …" the parser may make an adverb of the clause
        marks = [c.lower_ for c in clause.children if c.dep_ == "mark" or c.dep_ == "advmod" and c.tag_ == "WRB"]
        if clause.dep_ == "advcl" and any(mark in _lexicon("quantity_conditions") for mark in marks):
            return True
    return False


def _exemplified_result(doc: Doc, f: _Found) -> bool:
    """A value written with its metric in a list of examples ("e.g.", ``lexicons/examples.txt``): "we achieve the
    state-of-art sampling performance when the number of score function evaluation (NFE) is limited, e.g., 4.17 FID
    with 10 NFEs" (a seed of the sample). The parser hangs the list on the condition's verb; the values with a metric
    are the result it exemplifies (a setting's example, "when the learning rate is small, e.g., 0.001", names no
    metric after its value)."""
    if f.metric is None or f.end >= len(doc) or doc[f.end].lower_ != f.metric.split()[0]:
        return False
    return any(t.lower_ in _lexicon("examples") for t in doc[max(f.start - 12, 0) : f.start])


def _finite_after_participle(clause: Token) -> bool:
    """A finite verb the parser coordinated with a bare participle ("when operating … and occupies …"): a finite verb
    and a participle with no auxiliary are no pair, so the verb goes with the main clause, not with the participle's
    condition; "if the latter is experiencing … and has …" keeps its auxiliary and its condition."""
    head = clause.head
    return (
        clause.dep_ == "conj"
        and clause.tag_ in ("VBZ", "VBP", "VBD")
        and head.tag_ in ("VBG", "VBN")
        and not any(c.dep_ in ("aux", "auxpass") for c in head.children)
    )


def _operating_point(doc: Doc, f: _Found) -> bool:
    """ "at a (very low) false positive rate of 0.1%", "At a frame error rate of 10-3": the level of a measure another result is
    read at. Written "at a/an/any MEASURE of/between N"; "at 100% precision with recall rates of up to 60%" states both
    results."""
    start = f.start + (doc[f.start].lower_ == "between")  # a range's span starts at its "between"
    i = _word_before(doc, start, _lexicon("quantity_hedges") - {"of", "at", "a", "an"})
    if i < 3 or doc[i].lower_ not in ("of", "between"):  # "at any spectral efficiency between 1 and 5 bits/s/Hz"
        return False
    for j in range(i - 1, max(0, i - 8), -1):
        if doc[j].lower_ in ("a", "an", "any") and j > 0 and doc[j - 1].lower_ == "at":
            return True
        if doc[j].pos_ not in ("NOUN", "ADJ", "PROPN", "ADV") and doc[j].text != "-":  # "at a very low false …"
            return False
    return False


def _read_at(doc: Doc, f: _Found, after_names: set[int]) -> bool:
    """ "a much higher AP at 0.9 IoU", "precision at 90% recall": right after a metric's name, "at" and the value of
    another measure, written before its name, say where the first is read. ``after_names`` are the positions right
    after a metric or dataset name; "segments at 100% precision" names no measure before the "at"."""
    if f.start < 2 or doc[f.start - 1].lower_ != "at" or f.start - 1 not in after_names:
        return False
    return f.metric is not None and f.end < len(doc) and doc[f.end].lower_ in f.metric.split()


def _qualifies_by_how_much(doc: Doc, f: _Found) -> bool:
    """A value right before a participle that qualifies a noun: "a 75% pruned network", "a 50% masked input" say how
    the thing was made; a participle of change ("a 20% reduced latency") states a difference instead."""
    if f.end >= len(doc):
        return False
    participle = doc[f.end]
    return (
        participle.tag_ in ("VBN", "VBD")
        and participle.dep_ == "amod"
        and participle.head.i > participle.i
        and participle.lemma_.lower() not in _lexicon("quantity_change_verbs")
        and not _measure_head(participle.head)  # "82.36% verified error": the participle names the measure
    )


def _counted_noun(doc: Doc, f: _Found) -> Token | None:
    """The noun right after a number, that it counts or sizes: "100 epochs", "7B parameters", "10-fold cross",
    "0.04% training parameters"."""
    i = f.end
    while i < len(doc) and i < f.end + 2 and (doc[i].text == "-" or doc[i].pos_ in ("ADJ",)):
        i += 1
    if i < len(doc) and doc[i].pos_ in ("NOUN", "PROPN", "VERB") and doc[i].is_alpha:
        token = doc[i]
        while token.dep_ == "compound" and token.head.i == token.i + 1:
            token = token.head
        return token
    return None


def _glossed(doc: Doc, f: _Found) -> Token | None:
    """The noun a number in brackets right after it restates: "the first third of the trajectory (< 500 msec)",
    "ANN model (75.74%)". A bracket the parser hangs anywhere stands for the phrase it follows."""
    i = f.start - 1
    while i > 0 and f.start - i <= 3 and doc[i].text != "(":
        if doc[i].is_alpha and doc[i].lower_ not in _lexicon("quantity_hedges") or doc[i].text in ")[]":
            return None  # "(trained for 500 ms)", "(see 3)": words of the bracket's own
        i -= 1
    if i < 1 or doc[i].text != "(" or doc[i - 1].pos_ != "NOUN":  # a name ("UCF101 (93.1%)") is a result's place
        return None
    return doc[i - 1]


def _in_setting_phrase(token: Token) -> bool:
    """Whether ``token`` sits in a "with/at/using/under/for/on …" phrase of its clause."""
    for _ in range(6):
        if token.dep_ == "acl" and token.lemma_ == "range":
            token = token.head  # "with training data ranging from 3 to 1800 hours": the range describes the data
            continue
        if token.dep_ == "advcl" and token.tag_ == "VBG" and token.lower_ in _lexicon("quantity_result_preps"):
            return True  # "Using only 10% of the training dataset, GRBO improves …": the parser's clause for "using"
        if token.head.i == token.i or (token.dep_ in CLAUSE_DEPS and token.pos_ in ("VERB", "AUX")):
            return False
        if token.dep_ == "prep" and token.lower_ in _lexicon("quantity_result_preps"):
            # "runs at 14 FPS on a single CPU core": the speed something runs at is what it achieves
            return not (token.lower_ == "at" and token.head.lemma_.lower() in _lexicon("quantity_speed_verbs"))
        if token.dep_ == "conj" and not any(c.dep_ == "nummod" for c in token.head.children):
            return False  # "a speed-up of 80% for Bert-base and 120% for …": a list, whatever the parser hung it on
        # (a list of amounts goes with its first: "after 4000 frames and 400 m of travel")
        token = token.head
    return False


def _dataset(doc: Doc, sent: Span, f: _Found, datasets: Sequence[tuple[int, int, str]], kept: list[_Found]) -> str | None:
    """The dataset a number was measured on, from its own clause or a framing phrase of the sentence."""
    if not datasets:
        return None
    # "Penn Treebank (91.79 F1)": the number in brackets right after the dataset's name.
    # a short form alone in its brackets stands where its name does: "on the Massive Text Embedding Benchmark (MTEB),
    # improving by 9.3%"
    outside = [(s, e, n) for s, e, n in datasets if not _same_brackets(doc, s, f.start) and not _bracketed_name(doc, s, e)]
    opening = _opening_bracket(doc, sent, f.start)
    if opening is not None:
        for _start, end, name in datasets:
            if end == opening or (end == opening - 1 and doc[end].pos_ == "NOUN"):
                return name
    datasets = [d for d in datasets if d not in outside]  # "(37.3 → 23.8 on MS-COCO) and 28.6x": not the 28.6x's
    for start, _end, name in datasets:
        if start == f.end:  # "99.53% LFW face verification accuracy"
            return name
    clause = clause_of(doc[f.start]).i
    own = [(s, e, n) for s, e, n in datasets if clause_of(doc[s]).i == clause and _introduced(doc, s)]
    # "84.1 BLEU on WMT14", "5% on SCITAIL": the first dataset after the number in its clause, reached by on/in/…
    after = [(s, n) for s, _e, n in own if f.end <= s <= f.end + 8]
    if after:
        return min(after)[1]
    # "an error reduction of 22% on all arguments and 32% on core arguments over … for gold-standard parse trees on
    # PropBank": a dataset that ends the clause, after every value of it
    later = [(s, n) for s, _e, n in own if s > f.end and not _trained_on(doc, s)]
    if later and all(k.end <= min(later)[0] for k in kept if _same_clause(doc, k.start, f.start)):
        return min(later)[1]
    before = [(e, n) for _s, e, n in own if e <= f.start and not any(k.start >= e and k.end <= f.start for k in kept)]
    if before:
        f.framed = True  # "On CIFAR10/100, ImageNet-1K, and ADE20K, InfoBatch … saves 40%": a phrase before the number
        return max(before)[1]
    # "On nuScenes, DrivePI …, outperforming FB-OCC by 2 points": a framing phrase before the clause that holds the number.
    for frame in framing_clauses(doc[f.start])[1:]:
        framed = [(e, n) for s, e, n in datasets if clause_of(doc[s]).i == frame.i and _introduced(doc, s) and e <= frame.i]
        if framed:
            f.framed = True
            return max(framed)[1]
    # "We evaluate our model on the ARC dataset where it outperforms … by 7.4%", "Experiments on the challenging
    # KITTI benchmark show that …" (parsed as a noun "show"): a dataset the sentence introduces before the number,
    # in no clause of another number, frames it; data a model was trained on frames no result.
    framing = [
        (e, n)
        for s, e, n in datasets
        if e <= f.start
        and _introduced(doc, s)
        and not _trained_on(doc, s)
        and not any(k is not f and _same_clause(doc, k.start, s) for k in kept)
    ]
    if framing:
        f.framed = True
        return max(framing)[1]
    # "On the ImageNet classification task, our model achieves 74.0% … and 2.4× faster than NASNet": the scope the
    # sentence opens with is every value's that names no dataset of its own, however many values its clause holds
    scope = _opening_scope(doc, sent, datasets)
    f.framed = scope is not None
    return scope


def _opening_scope(doc: Doc, sent: Span, datasets: Sequence[tuple[int, int, str]]) -> str | None:
    """The one dataset of a phrase the sentence opens with and closes with a comma, that frames the whole sentence:
    "On the ImageNet classification task, …", "On the validation set of COCO, …". The dataset is what the phrase's
    preposition reaches (not "In addition to ImageNet, …"); a list ("On CIFAR10/100, ImageNet-1K, and ADE20K") is no
    one scope."""
    first = doc[sent.start]
    comma = next((t.i for t in doc[sent.start : min(sent.end, sent.start + 12)] if t.text == ","), None)
    if first.lower_ not in DATASET_PREPS or comma is None or first.head.i <= comma:
        return None
    if any(t.pos_ == "CCONJ" or t.text == "/" for t in doc[sent.start : comma]):
        return None
    inside = [(s, e, n) for s, e, n in datasets if sent.start < s and e <= comma]
    if len({n for _s, _e, n in inside}) != 1:
        return None
    token = doc[inside[0][0] : inside[0][1]].root
    for _ in range(8):  # up the names and "of" phrases it qualifies to the preposition's object
        if token.dep_ == "pobj" and token.head.i == first.i:
            return inside[0][2]
        if not (token.dep_ in ("compound", "amod", "nmod", "appos") or token.dep_ == "pobj" and token.head.lower_ == "of"):
            return None
        token = token.head if token.dep_ != "pobj" else token.head.head
    return None


def _bracketed_name(doc: Doc, start: int, end: int) -> bool:
    """Tokens ``start``–``end`` alone in brackets: a name "(MTEB)", a value "(19.6%)"."""
    return 0 < start and end < len(doc) and doc[start - 1].text == "(" and doc[end].text == ")"


def _trained_on(doc: Doc, start: int) -> bool:
    """A dataset the sentence names as training data ("pre-trained on ImageNet", "trained on 1% of the labels")."""
    return any(t.lemma_.lower() in _lexicon("quantity_training_verbs") for t in doc[max(0, start - 5) : start])


def _opening_bracket(doc: Doc, sent: Span, start: int) -> int | None:
    for i in range(start - 1, max(sent.start, start - 4) - 1, -1):
        if doc[i].text == "(":
            return i
        if doc[i].is_punct or doc[i].pos_ in ("NOUN", "PROPN", "VERB"):
            return None
    return None


def _introduced(doc: Doc, start: int) -> bool:
    """A dataset reached by "on/in/across/for" directly or through a list ("on MNIST, CIFAR-10 and SVHN"); not
    "on a Pixel phone": a benchmark is named with "the" or nothing, a device or a setting with "a". A short form in
    brackets is reached as the name before it is ("on the Massive Text Embedding Benchmark (MTEB)")."""
    if start > 1 and doc[start - 1].text == "(":
        for t in reversed(doc[max(0, start - 8) : start - 1]):
            if t.is_punct and t.text != "-":
                break
            if t.lower_ in DATASET_PREPS:
                return True
    phrase = []  # the words of the dataset's phrase before its name, back to the preposition
    for t in reversed(doc[max(0, start - 4) : start]):
        if t.pos_ in ("ADP", "CCONJ") or t.is_punct:  # back to the preposition or the list's link ("and Cityscapes")
            break
        if t.like_num and not t.is_alpha and t.i < start - 1 and doc[t.i + 1].text == "%":
            break
        phrase.append(t)
    if any(t.lower_ in ("a", "an", "one", "several", "various", "multiple", "many") or t.tag_ == "CD" for t in phrase):
        return False  # "on one A6000 GPU", "across four general VQA datasets"
    token = doc[start : start + 1].root
    for _ in range(8):
        head = token.head
        if token.dep_ == "pobj" and head.lower_ in DATASET_PREPS:
            return True
        if token.dep_ == "dobj" and head.lemma_ == "use" and head.dep_ == "acl":
            # "In experiments using the Penn WSJ corpus": the data of an evaluation
            return head.head.lemma_.lower() in _lexicon("quantity_evaluation_nouns")
        if token.dep_ not in ("conj", "appos", "compound", "amod", "nmod") or head.i == token.i:
            break
        token = head
    # "on the Penn Treebank": the preposition a few words before the name, in its phrase ("On average, IntelliDroid
    # performs …" names no dataset)
    before = doc[max(0, start - 3) : start]
    after_comma = [t for t in before if not any(p.is_punct for p in doc[t.i : start])]
    return any(t.lower_ in DATASET_PREPS for t in after_comma)


def _sibling_editions(sent: Span, datasets: Sequence[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The editions a list names after a dataset's name that ends in a year or version: "on PASCAL VOC 2007 and 2012
    respectively" names PASCAL VOC 2012 too, "SemEval 2013, 2014 and 2015" three editions. Only a bare number of the
    same shape, with no word it qualifies after it, counts: "CIFAR-10 and 20 other datasets" names no CIFAR-20."""
    doc = sent.doc
    found = []
    for _start, end, name in datasets:
        edition = doc[end - 1]
        if not edition.is_digit or not name.endswith(edition.lower_):
            continue
        i = end  # a list's link: ",", "and", "or", ", and"
        while i + 1 < sent.end and doc[i].lower_ in (",", "and", "or"):
            if doc[i].text == "," and doc[i + 1].lower_ in ("and", "or"):
                i += 1
            if i + 1 >= sent.end:
                break
            sibling, after = doc[i + 1], doc[i + 2] if i + 2 < sent.end else None
            if not sibling.is_digit or sibling.shape_ != edition.shape_ or after is not None and after.pos_ in _QUALIFIED:
                break
            found.append((sibling.i, sibling.i + 1, name[: -len(edition.lower_)] + sibling.lower_))
            i += 2
    return found


#: What a number written after a dataset's edition qualifies when it is no edition itself ("and 20 other datasets").
_QUALIFIED = frozenset({"NOUN", "PROPN", "NUM", "ADJ"})


def _pair_respectively(doc: Doc, sent: Span, found: list[_Found], datasets: Sequence[tuple[int, int, str]]) -> None:
    """ "0.34, 11.52%, and 5.05% on MT-bench, GSM8K, and Human-eval, respectively": the n-th value of a list goes
    with the n-th dataset named after it, counting the values that are no result too. A list of as many datasets
    framing a list of values pairs the same way ("on PASCAL VOC 2012 and Cityscapes datasets, achieving … 89.0% and
    82.1%"), and with "respectively" a list whose other items are no dataset leaves their values without one. A list
    of datasets framing values it does not pair with gives them none ("On CIFAR10/100, ImageNet-1K, and ADE20K,
    InfoBatch losslessly saves 40% overall cost": the 40% is no ImageNet figure)."""
    if not found:
        return
    respectively = any(t.lower_ == "respectively" for t in sent)
    runs: list[list[_Found]] = [[found[0]]]
    for left, right in zip(found[:-1], found[1:], strict=True):
        if _list_link(doc, left.end_char, right.start_char):
            runs[-1].append(right)
        else:
            runs.append([right])
    for run in runs:
        after = [(s, e, n) for s, e, n in sorted(datasets) if s >= run[-1].end]
        names = [n for _s, _e, n in after]
        single = len(names) == 1 and len(_list_items(doc[after[0][0] : after[0][1]].root)) == 1
        # "on FERPlus and AffectNet, respectively": a list the tagger named one item of is no single dataset
        single = single and doc[after[0][0] - 1].lower_ not in ("and", "or", ",")
        # "for Indian and Western musical genres respectively": one mention that is itself a list
        single = single and not any(t.lower_ in ("and", "or", ",") for t in doc[after[0][0] : after[0][1]])
        if len(run) > 1 and single and run[0].dataset == names[0]:
            # "ResNet and DenseNet … losing just 0.45% and 0.04% top-1 accuracy on ImageNet, respectively": one
            # dataset listed with nothing is every value's; "respectively" pairs the values with something else
            for f in run:
                f.dataset = f.dataset or names[0]
        elif len(run) > 1 and names and respectively:
            # "… on PASCAL VOC 2007 and 2012 respectively", only the first a dataset mention: the others stay unknown
            for i, f in enumerate(run):
                f.dataset = names[i] if i < len(names) and len(names) <= len(run) else None
        # the values after the first may have no dataset of their own: "on MUC-6 and MUC-7 English NE tasks achieves
        # F-measures of 96.6% and 94.1% respectively" (the 96.6% between stops the 94.1% from reaching back)
        elif run[0].framed and all(f.dataset is None or f.framed and f.dataset == run[0].dataset for f in run[1:]):
            _pair_framing_list(doc, run, [d for d in sorted(datasets) if d[1] <= run[0].start], respectively)


def _pair_framing_list(doc: Doc, run: list[_Found], framing: list[tuple[int, int, str]], respectively: bool) -> None:
    """The values of ``run``, which share a dataset of the phrase framing them, paired with that phrase's list."""
    at = max(i for i, (_s, _e, n) in enumerate(framing) if n == run[0].dataset)
    first = last = at  # the datasets listed with it: "PASCAL VOC 2012 and Cityscapes"
    while first > 0 and _listed_together(doc, framing[first - 1], framing[first]):
        first -= 1
    while last + 1 < len(framing) and _listed_together(doc, framing[last], framing[last + 1]):
        last += 1
    listed = framing[first : last + 1]
    items = _list_items(doc[framing[at][0] : framing[at][1]].root)
    if len(run) > 1 and len(listed) == len(run):
        for f, (_s, _e, name) in zip(run, listed, strict=True):
            f.dataset = name
    elif len(run) > 1 and respectively and len(items) == len(run):
        # "Evaluated on the MIMIC dataset and a private electronic health records cohort, HeartAgent achieved over 36%
        # and 20% improvements …, respectively": the n-th value goes with the list's n-th item
        for f, item in zip(run, items, strict=True):
            f.dataset = next((n for s, e, n in framing if s <= item.i < e or item.i == e - 1), None)
    elif len(listed) > 1 or len(items) > 1:
        for f in run:
            f.dataset = None


def _listed_together(doc: Doc, left: tuple[int, int, str], right: tuple[int, int, str]) -> bool:
    """Two dataset mentions ``(start, end, name)`` that follow each other in one list."""
    return _list_link(doc, doc[left[0] : left[1]].end_char, doc[right[0]].idx)


def _list_items(token: Token) -> list[Token]:
    """The heads of the coordinated phrases ``token`` is in, in order: "the MIMIC dataset and a private … cohort"."""
    while token.dep_ in ("compound", "nmod", "amod") and token.head.i > token.i:
        token = token.head
    return sorted([token, *token.conjuncts], key=lambda t: t.i)


def _list_link(doc: Doc, start_char: int, end_char: int) -> bool:
    """The characters between two items of one list: ",", "and", ", and", "or", ", or"."""
    return " ".join(doc.text[start_char:end_char].lower().split()) in (",", "and", ", and", "or", ", or")
