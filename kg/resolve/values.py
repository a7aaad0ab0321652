"""A claim's values are published only where each was read whole.

Extraction reads every number of a result sentence (``kg.extract.quantities``) and says what of the sentence the
reading could not place (``Claim.unread``): a percentage or a signed value it did not take as a result ("+43.2 over
the 7B base model"), a value without the metric the sentence's other values have ("2× over streaming and 3× over
encoder-decoder architectures"), a measure written right after a value that is not the metric it was given ("27%
Byzantine leader frequency" read as latency), a name "on" introduces that is not the value's dataset ("a 5.2%
performance boost on GTA2Cityscapes"), a "respectively" list of metrics or datasets not paired item by item. In the
strict reviews of 2025–26 arXiv abstracts (docs/reviews/quantities-csabstruct-train.md) such readings were wrong far
more often than right, and a reader quoting a number is misled more by a wrong metric than by none: the claim keeps
its text and its links, and lists no values.
"""

from __future__ import annotations

from kg.resolve.decisions import Recorder
from kg.types import Extraction

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
            if claim.unread and claim.quantities:
                values = ", ".join(repr(q.text) for q in claim.quantities)
                recorder.record(
                    STEP,
                    "drop",
                    f"Claim:{extraction.paper_id}#{claim.sentence}",
                    f"values {values} withheld: " + "; ".join(claim.unread),
                    paper=extraction.paper_id,
                )
                claim = claim.model_copy(update={"quantities": []})
            claims.append(claim)
        out.append(extraction.model_copy(update={"claims": claims}))
    return out
