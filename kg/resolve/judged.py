"""The judge's verdicts applied: a name the concept judge does not believe is no concept of the paper; the rest
take the judge's type (or the type the paper states: "X, a benchmark") and, where it reads a proposal, the PROPOSES
role.

The judge (``kg/extract/judge.py``) scored every name of a paper at extraction; its thresholds live here, in the
corpus stage, so that changing them re-uses every cached extraction.

Words name one thing: of "Factorized Diffusion Distillation", "Diffusion Distillation" and "Distillation", or of
"General Purpose Lie-Group Preconditioners" and "Purpose Lie-Group Preconditioners", the words name what the judge
believes most, and the cuts the parse and the tagger made around it are no concepts. In a title every overlapping
name is such a cut; in the abstract, where the tagger read the words in their sentence, only the noun phrases the
judge's candidates add ("Diffusion Distillation" nested in the tagged "Factorized Diffusion Distillation").
A name that coordinates two things ("MNIST and Fashion-MNIST datasets") is none, and a phrase of the title the
abstract never names is no proposal.
"""

from __future__ import annotations

import re
from collections import defaultdict

from kg.extract.acronyms import find_long_form, is_short_form
from kg.extract.canonical import normalize_name
from kg.extract.head_types import NOT_A_CONCEPT, head_key, read_head_types
from kg.extract.judge import is_version
from kg.extract.patterns import container_heads, is_cut_off_metric, lexicon_type
from kg.resolve.changes import change_mentions, drop_recorded
from kg.resolve.decisions import Recorder, mention_id
from kg.types import ConceptType, Extraction, Judgement, Mention, Role, concept_key, role_for

__all__ = ["apply_judgements"]

STEP = "judge"


def apply_judgements(
    extractions: list[Extraction],
    recorder: Recorder | None = None,
    *,
    min_concept: float,
    min_proposed: float,
    min_measured: float,
) -> list[Extraction]:
    """Extractions with each judged concept dropped, retyped or made the paper's proposal as the judge reads it.

    A name the judge gives less than ``min_concept`` probability of being a concept of the paper leaves it; a kept
    name it gives at least ``min_proposed`` probability of being the paper's own is proposed; a metric or dataset a
    value of the paper was read with needs only ``min_measured``, and takes the type the value gives it. All three are
    set in ``kg/resolve/config.cfg``.

    A concept of a paper takes the verdict of its most confident mention. Mentions without a verdict (an extractor
    run without the judge) are left as they are.
    """
    recorder = recorder or Recorder()
    verdicts: dict[tuple[str, str], Judgement] = {}
    dropped: dict[str, str] = {}
    measured = _measured_names(extractions)
    for extraction in extractions:
        outranked = _outranked_cuts(extraction.mentions, min_proposed)
        for key, (lost, won) in outranked.items():
            dropped[f"{extraction.paper_id}\x00{key}"] = (
                f"{lost!r} overlaps {won!r}, which the judge believes more names a concept"
            )
        by_key: dict[str, list[Judgement]] = defaultdict(list)
        joined: dict[str, str] = {}
        for mention in extraction.mentions:
            key = concept_key(mention.type, mention.canonical)
            if mention.judgement is not None and key not in outranked:
                by_key[key].append(mention.judgement)
                if _joins_two_things(mention):
                    joined.setdefault(key, mention.text)
        for key, judgements in by_key.items():
            best = max(judgements, key=lambda j: j.concept)
            if key in joined:
                dropped[f"{extraction.paper_id}\x00{key}"] = (
                    f"{joined[key]!r} joins two things with 'and', a comma or a slash: no one concept's name"
                )
            elif best.concept < min_concept:
                name = key.split(":", 1)[1]
                value = measured.get((extraction.paper_id, name))
                if value is None or best.concept < min_measured:
                    dropped[f"{extraction.paper_id}\x00{key}"] = (
                        f"the judge gives {best.concept:.2f} (below {min_concept}) that {name!r} names a concept of this paper"
                    )
                    continue
                verdicts[extraction.paper_id, key] = best
                kind, said = value
                recorder.record(
                    STEP,
                    "keep",
                    key,
                    f"the paper gives {name!r} a value ('{said}'): it evaluates on this {kind.value}, though the judge"
                    f" gives {best.concept:.2f} (below {min_concept}) that it names a concept of the paper",
                    paper=extraction.paper_id,
                    mentions=[
                        mention_id(extraction.paper_id, m) for m in extraction.mentions if concept_key(m.type, m.canonical) == key
                    ],
                )
            else:
                verdicts[extraction.paper_id, key] = best
    kept = drop_recorded(extractions, dropped, recorder, STEP, per_paper=True)
    # A name kg's lexicons list keeps their type (lexicons/metrics.txt, metrics_cased.txt, datasets.txt), whatever else
    # the paper calls it ("learning permutations in the MNIST task"): the judge read BLEU, ROUGE-L and METEOR in
    # "(BLEU 0.8166, ROUGE-L 0.9384, METEOR 0.8925)" as Datasets. Not where the judge reads a Method: short forms
    # collide with models' names (MAE, the metric and the masked autoencoder of "For pertaining MAE and diffusion
    # model, …"); a metric at a cut-off ("MRR@10") is no model's name
    listed = {
        (extraction.paper_id, m.canonical): ConceptType(kind)
        for extraction in extractions
        for m in extraction.mentions
        if (kind := lexicon_type(m.text)) and normalize_name(m.text) == m.canonical  # not "EM" read as Euler–Maruyama
    }
    lexicon_names = {(kind, canonical) for (_, canonical), kind in listed.items()}
    title_wording = {(extraction.paper_id, key) for extraction in extractions for key in _in_title_wording_only(extraction)}

    def verdict(extraction: Extraction, mention: Mention) -> Mention | None:
        key = concept_key(mention.type, mention.canonical)
        judgement = verdicts.get((extraction.paper_id, key))
        if judgement is None:
            return None
        lexicon = listed.get((extraction.paper_id, mention.canonical))
        if judgement.type is ConceptType.METHOD and not is_cut_off_metric(mention.text):
            lexicon = None
        if judgement.concept < min_concept:  # kept for a value read with it
            lexicon = measured[extraction.paper_id, mention.canonical][0]
        kind = lexicon or judgement.called_type or _type_its_head_allows(mention.text, judgement.type)
        proposed = judgement.proposed >= min_proposed and (extraction.paper_id, key) not in title_wording
        role = Role.PROPOSES if proposed else role_for(kind, proposed=False)
        if kind is mention.type and role is mention.role:
            return None
        return mention.model_copy(update={"type": kind, "role": role})

    def reason(old: Mention, new: Mention) -> str:
        judgement = old.judgement
        if new.type is not old.type and (new.type, old.canonical) in lexicon_names:
            return f"kg's lexicon of {new.type.value}s lists {old.text!r}"
        if new.type is not old.type and new.type is judgement.called_type:
            article = "an" if judgement.called[0] in "aeiou" else "a"
            return f"the paper calls {old.text!r} {article} {judgement.called}: a {new.type.value}"
        if new.type is not judgement.type:
            head, kind = old.text.split()[-1], judgement.type.value
            return f"no name ending in {head!r} is a {kind} in SciERC or SciER: {old.text!r} is a {new.type.value}"
        if new.type is not old.type:
            share = judgement.types[new.type.value]
            return f"the judge reads {old.text!r} as a {new.type.value} ({share:.2f}), not a {old.type.value}"
        if new.role is Role.PROPOSES:
            return f"the judge reads {old.text!r} as the paper's own ({judgement.proposed:.2f})"
        if judgement.proposed >= min_proposed:
            return f"{old.text!r} is only a phrase of the title, never named in the abstract: no proposal of the paper"
        return f"the judge does not read {old.text!r} as the paper's own ({judgement.proposed:.2f})"

    return change_mentions(kept, verdict, recorder, STEP, "retype", reason)


def _measured_names(extractions: list[Extraction]) -> dict[tuple[str, str], tuple[ConceptType, str]]:
    """``(paper, canonical name)`` of each metric and dataset a value of the paper was read with ("85% accuracy on
    CIFAR-10"): its type and the value as written. A paper that reports a number on a metric or dataset evaluates on
    it (GUIDELINES.md), so the judge's doubt weighs less there: of the 19 such names the fold judges dropped on
    train-arxiv and dev, 11 were gold triples; of the 11 they gave 0.2 or more (``min_measured``), 9.
    """
    return {
        (extraction.paper_id, name): (kind, quantity.text)
        for extraction in extractions
        for claim in extraction.claims
        for quantity in claim.quantities
        for name, kind in ((quantity.metric, ConceptType.METRIC), (quantity.dataset, ConceptType.DATASET))
        if name
    }


def _joins_two_things(mention: Mention) -> bool:
    """A name that coordinates ("MNIST and Fashion-MNIST datasets", "image and video generation", "Rule-Based,
    Machine Learning") names two things, unless a short form defines it as one ("Least Computationally Beneficial and
    Frequently Used (LCBFU)"). On train-arxiv, 11 such names were concepts of their papers, none a gold triple.

    >>> def named(text, aliases=()):
    ...     return Mention(text=text, type="Dataset", canonical=text.lower(), start_char=0, end_char=len(text),
    ...         sentence=0, role="USES", confidence=0.9, evidence=text, source="tagger", aliases=list(aliases))
    >>> _joins_two_things(named("MNIST and Fashion-MNIST datasets")), _joins_two_things(named("Rule-Based, Machine Learning"))
    (True, True)
    >>> _joins_two_things(named("Abstraction and Reasoning Corpus", ["ARC"])), _joins_two_things(named("Fashion-MNIST"))
    (False, False)
    >>> [_joins_two_things(named(text)) for text in ("KAISA/KFAC", "sedative/hypnotic", "BioASQ-Y/N", "CLIP-ViT-L/14")]
    [True, True, False, False]
    """
    words = mention.text.replace(",", " , ").split()
    return not mention.aliases and ("and" in words or "," in words or _SLASHED.search(mention.text) is not None)


#: Two words of three letters or more either side of a slash: "KAISA/KFAC", "sedative/hypnotic", "emoji/special-character
#: removal" (not "CLIP-ViT-L/14", "BioASQ-Y/N", "tokens/s", "A/B test")
_SLASHED = re.compile(r"(?<![\w-])[^\W\d_]{3,}/[^\W\d_]{3,}")


def _in_title_wording_only(extraction: Extraction) -> set[str]:
    """The keys of the concepts a paper names only inside its title's wording: never in the abstract, and not as the
    title's own name (before a colon, or the whole title). The abstract says what a paper contributes; a title's
    phrase it never repeats is no proposal (on train-arxiv 0 of 15 such PROPOSES edges were right: "Pointer-CAD:
    Unifying B-Rep and Command Sequences via Pointer-based Edges" proposes no "Pointer-based Edges").

    >>> def named(text, title):
    ...     start = title.index(text)
    ...     return Mention(text=text, type="Method", canonical=text.lower(), start_char=start, end_char=start + len(text),
    ...         sentence=-1, role="PROPOSES", confidence=0.9, evidence=title, source="noun-phrase")
    >>> title = "Pointer-CAD: Unifying B-Rep and Command Sequences via Pointer-based Edges"
    >>> sorted(_in_title_wording_only(Extraction(paper_id="p", mentions=[named("Pointer-CAD", title),
    ...     named("Pointer-based Edges", title)])))
    ['Method:pointer-based edges']
    >>> whole = "Divide-and-Conquer Fusion"
    >>> _in_title_wording_only(Extraction(paper_id="p", mentions=[named(whole, whole)]))
    set()
    """
    in_title: set[str] = set()
    elsewhere: set[str] = set()
    for mention in extraction.mentions:
        key = concept_key(mention.type, mention.canonical)
        if mention.sentence == -1 and not _names_the_title(mention):
            in_title.add(key)
        else:
            elsewhere.add(key)
    return in_title - elsewhere


def _names_the_title(mention: Mention) -> bool:
    """The title's own name: before its colon ("Code2Math: …"), the short form's expansion right after it ("KD-PINN:
    Knowledge-Distilled PINNs for …", as :func:`kg.extract.judge.paper_names` reads it), or the whole title
    ("Divide-and-Conquer Fusion").

    >>> def in_title(text, title):
    ...     start = title.index(text)
    ...     return Mention(text=text, type="Method", canonical=text.lower(), start_char=start, end_char=start + len(text),
    ...         sentence=-1, role="PROPOSES", confidence=0.9, evidence=title, source="noun-phrase")
    >>> title = "DiRe: Diversity-promoting Regularization for Dataset Condensation"
    >>> _names_the_title(in_title("Diversity-promoting Regularization", title))
    True
    >>> _names_the_title(in_title("Dataset Condensation", title))
    False
    """
    title = mention.evidence
    if ":" not in title:
        return title[: mention.start_char].strip() == "" and title[mention.end_char :].strip(" .?!") == ""
    head, _, rest = title.partition(":")
    if mention.end_char <= len(head):
        return True
    short, after_colon = head.strip(), len(title) - len(rest.lstrip())
    return mention.start_char == after_colon and is_short_form(short) and find_long_form(short, mention.text) == mention.text


def _type_its_head_allows(name: str, kind: ConceptType) -> ConceptType:
    """``kind``, or the type of the kind of thing ``name`` ends in ("algorithm", "architecture", "task":
    ``lexicons/containers.txt``) when SciERC and SciER never gave a name ending in it ``kind``
    (``lexicons/head_types.tsv``): "Adaptive Gradient Algorithms" is a Method, though a title's "for" leads to it.

    >>> _type_its_head_allows("Adaptive Gradient Algorithms", ConceptType.TASK).value
    'Method'
    >>> _type_its_head_allows("data augmentation", ConceptType.TASK).value  # seen as a Method and as a Task
    'Task'
    """
    head = head_key(name.split()[-1])
    main, seen = read_head_types().get(head, (NOT_A_CONCEPT, frozenset()))
    if kind.value in seen or main == NOT_A_CONCEPT or head not in container_heads():
        return kind
    return ConceptType(main)


def _outranked_cuts(mentions: list[Mention], min_proposed: float = 0.5) -> dict[str, tuple[str, str]]:
    """``{concept key: (its name, the name that outranks it)}`` for the concepts every mention of which is a cut
    (a name in the title, or a noun phrase the judge added in the abstract) whose words a name of the same sentence
    that the judge believes more also covers.

    A name the judge reads as the paper's own (at least ``min_proposed``) stands: "Unit-Scaled Maximal Update
    Parametrization" is the paper's, though the judge believes more in "Maximal Update Parametrization". So does a
    short form, and a name around a short form (:func:`_short_form_inside`); never a name without the version after
    it ("LongVie" of "We present LongVie 2").

    >>> def named(text, start, concept):
    ...     return Mention(text=text, type="Method", canonical=text.lower(), start_char=start, end_char=start + len(text),
    ...         sentence=-1, role="USES", confidence=concept, evidence="", source="noun-phrase",
    ...         judgement=Judgement(concept=concept, types={"Method": 1.0}, proposed=0.0))
    >>> _outranked_cuts([named("Factorized Diffusion Distillation", 18, 0.9), named("Diffusion Distillation", 29, 0.54)])
    {'Method:diffusion distillation': ('Diffusion Distillation', 'Factorized Diffusion Distillation')}
    """
    judged = sorted(
        (m for m in mentions if m.judgement is not None and not _joins_two_things(m)),  # a coordination outranks nothing
        key=lambda m: -m.judgement.concept,
    )
    kept: list[Mention] = []
    lost: dict[str, tuple[str, str]] = {}
    for mention in judged:
        winner = next((k for k in kept if _overlaps(k, mention) and not _short_form_inside(k, mention)), None)
        key = concept_key(mention.type, mention.canonical)
        if (
            winner is None
            or concept_key(winner.type, winner.canonical) == key
            or mention.judgement.proposed >= min_proposed
            or mention.sentence != -1
            and (mention.source != "noun-phrase" or is_short_form(mention.text))  # no cut
        ) and not (winner is not None and _without_its_version(mention, winner)):
            kept.append(mention)
        else:
            lost.setdefault(key, (mention.text, winner.text))
    named_elsewhere = {concept_key(m.type, m.canonical) for m in mentions if m.judgement is None} | {
        concept_key(m.type, m.canonical) for m in kept
    }
    return {key: names for key, names in lost.items() if key not in named_elsewhere}


def _without_its_version(cut: Mention, name: Mention) -> bool:
    """Whether ``cut`` is ``name`` without the version after it: "LongVie" of "We present LongVie 2"."""
    rest = name.text.removeprefix(cut.text + " ")
    return rest != name.text and cut.start_char == name.start_char and is_version(rest)


def _overlaps(a: Mention, b: Mention) -> bool:
    return a.sentence == b.sentence and a.start_char < b.end_char and b.start_char < a.end_char


def _short_form_inside(short: Mention, name: Mention) -> bool:
    """A short form inside a longer name is another concept the name builds on: "SGD" of "Curvature-Informed SGD",
    "LLM" of "LLM Training"."""
    return is_short_form(short.text) and name.start_char <= short.start_char and short.end_char <= name.end_char
