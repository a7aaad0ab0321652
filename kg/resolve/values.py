"""A claim's values are published only where each was read whole.

Extraction reads every number of a result sentence (``kg.extract.quantities``) and says what of the sentence the
reading could not place (``Claim.unread``): a percentage or a signed value it did not take as a result ("+43.2 over
the 7B base model"), a value without the metric the sentence's other values have ("2× over streaming and 3× over
encoder-decoder architectures"), a measure written right after a value that is not the metric it was given ("27%
Byzantine leader frequency" read as latency), a name "on" introduces that is not the value's dataset ("a 5.2%
performance boost on GTA2Cityscapes"), a "respectively" list of metrics or datasets not paired item by item. This step
adds what only the paper's judged concepts tell: a value read without a metric where the sentence names a metric of
the paper that no value was given ("-8 to +13 percentage points in Multi-IF strict success rate"). In the
strict reviews of 2025–26 arXiv abstracts (docs/reviews/quantities-csabstruct-train.md) such readings were wrong far
more often than right, and a reader quoting a number is misled more by a wrong metric than by none: the claim keeps
its text and its links, and lists no values.
"""

from __future__ import annotations

from kg.extract.quantities import UNITS_WITHOUT_MEASURE
from kg.resolve.decisions import Recorder
from kg.types import Claim, ConceptType, Extraction, Mention, normalize_name

__all__ = ["withhold_partial_readings"]

STEP = "whole_values"


def withhold_partial_readings(extractions: list[Extraction], recorder: Recorder | None = None) -> list[Extraction]:
    """Extractions whose claims list their values only where nothing of the sentence was left unread.

    >>> from kg.types import Claim, Quantity
    >>> read = Claim(text="…", type="result", sentence=6, quantities=[Quantity(value=27.0, unit="%", text="27%")],
    ...     unread=["'27%' measures 'byzantine leader frequency', not 'latency'"])
    >>> recorder = Recorder()
    >>> [paper] = withhold_partial_readings([Extraction(paper_id="2512.12409", claims=[read])], recorder)
    >>> paper.claims[0].quantities, recorder.decisions[0].concept
    ([], 'Claim:2512.12409#6')
    """
    recorder = recorder or Recorder()
    out = []
    for extraction in extractions:
        claims = []
        for claim in extraction.claims:
            unread = claim.unread + _metric_not_given(claim, extraction.mentions)
            if unread and claim.quantities:
                values = ", ".join(repr(q.text) for q in claim.quantities)
                recorder.record(
                    STEP,
                    "drop",
                    f"Claim:{extraction.paper_id}#{claim.sentence}",
                    f"values {values} withheld: " + "; ".join(unread),
                    paper=extraction.paper_id,
                )
                claim = claim.model_copy(update={"quantities": []})
            claims.append(claim)
        out.append(extraction.model_copy(update={"claims": claims}))
    return out


def _metric_not_given(claim: Claim, mentions: list[Mention]) -> list[str]:
    """A value read without a metric where the claim's sentence names a metric of the paper (a Metric concept after
    the judge) that no value of the sentence was given: the reading lost which value it is ("achieves a log-average
    miss rate of 37.4 with a significant gain of 3.6%" read as a bare 3.6%). Over train-arxiv, CSAbstruct dev and
    two SciER train rounds (docs/reviews/whole-values-scier-train.md) each of the 11 claims this finds had listed
    values a strict reader marks wrong (a metric missed, a setting read as a result, a value given the wrong item of
    a list), and so had the 10 it finds in the seed sample; on SciER dev, read afterwards, 3 of 3
    (docs/reviews/values-and-wins-scier-dev.md).

    >>> from kg.types import Quantity
    >>> bare = Quantity(value=13.0, unit="points", text="+13 percentage points")
    >>> claim = Claim(text="…", type="result", sentence=3, quantities=[bare])
    >>> named = Mention(text="strict success rate", type="Metric", canonical="strict success rate", start_char=0,
    ...     end_char=19, sentence=3, role="EVALUATES_ON", confidence=0.9, evidence="…", source="tagger")
    >>> _metric_not_given(claim, [named])
    ["'+13 percentage points' has no metric where the sentence names 'strict success rate'"]
    >>> given = bare.model_copy(update={"metric": "strict success rate"})
    >>> _metric_not_given(claim.model_copy(update={"quantities": [given]}), [named])
    []
    """
    bare = [q for q in claim.quantities if q.metric is None and q.unit in UNITS_WITHOUT_MEASURE]
    if not bare:
        return []
    given = {normalize_name(q.metric) for q in claim.quantities if q.metric}
    named = sorted(
        m.text
        for m in mentions
        if m.sentence == claim.sentence
        and m.type is ConceptType.METRIC
        and not any(m.canonical in metric or metric in m.canonical for metric in given)
    )
    return [f"{bare[0].text!r} has no metric where the sentence names {named[0]!r}"] if named else []
