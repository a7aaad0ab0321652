"""Turning papers and their extractions into one networkx ``MultiDiGraph``.

Node ids are stable across runs: the paper id for papers and the concept key
(``Method:diffusion model``) for concepts (see ``kg.schema.node_id``), so the same input always gives the
same graph and re-runs merge instead of duplicating.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

import networkx as nx

from kg.schema import NODES, node_id
from kg.types import ConceptType, Extraction, Mention, Paper, concept_key

__all__ = ["as_written", "build_graph", "display_name", "paper_properties"]


def paper_properties(paper: Paper) -> dict:
    """A paper's node properties as the schema names them, leaving out empty values."""
    values = paper.model_dump(mode="json", exclude={"extra"})
    values["sources"] = [str(source) for source in paper.sources]
    allowed = {p.name for p in NODES["Paper"].properties}
    return {k: v for k, v in values.items() if k in allowed and v not in (None, [], "")}


def as_written(mention: Mention) -> tuple[str, bool]:
    """A mention's text as a name is written, and whether it comes from the abstract (not the title).

    A capital that only starts the sentence goes ("Reinforcement learning is …" → "reinforcement learning");
    a name's own capitals stay ("ImageNet", "Adam", "CIFAR-10").

    >>> from kg.types import Mention
    >>> def said(text, evidence):
    ...     return Mention(text=text, type="Method", canonical="x", start_char=0, end_char=len(text), sentence=0,
    ...         role="USES", confidence=0.9, evidence=evidence, source="tagger")
    >>> as_written(said("Reinforcement learning", "Reinforcement learning is hard.")), as_written(said("Adam", "Adam wins."))
    (('reinforcement learning', True), ('Adam', True))
    """
    text = mention.text
    first = text.split(" ", 1)[0]
    sentence_start = mention.evidence.lstrip().startswith(text) and " " in text
    if sentence_start and first[:1].isupper() and first[1:].islower() and text[len(first) :].lower() == text[len(first) :]:
        text = text[:1].lower() + text[1:]
    return text, mention.sentence >= 0


def display_name(written: Counter) -> str:
    """The name a concept is shown by: its most frequent form in abstracts (titles count only where no abstract
    names it, since they capitalise every word), a plural counted with its singular where both are written, ties
    broken by the form seen first.

    >>> display_name(Counter({("cifar-10", True): 1, ("CIFAR-10", True): 3, ("Cifar-10", False): 5}))
    'CIFAR-10'
    >>> display_name(Counter({("LLMs", True): 5, ("LLM", True): 2, ("large language model", True): 4}))
    'LLM'
    """
    in_abstracts = Counter({text: n for (text, abstract), n in written.items() if abstract})
    counts = in_abstracts or Counter({text: n for (text, _), n in written.items()})
    folded = Counter()
    for text, n in counts.items():
        folded[_singular_written(text, counts)] += n
    return folded.most_common(1)[0][0]


def _singular_written(text: str, forms: Counter) -> str:
    """``text`` without its plural ending where that singular is itself among ``forms`` ("LLMs" → "LLM")."""
    for ending in ("es", "s"):
        if text.endswith(ending) and text[: -len(ending)] in forms:
            return text[: -len(ending)]
    return text


def build_graph(papers: Iterable[Paper], extractions: Iterable[Extraction]) -> nx.MultiDiGraph:
    """The knowledge graph of ``papers``: one node per paper and per concept.

    Paper→Concept edges carry the role (edge type and key), the first sentence
    that shows it, that sentence as evidence and the highest confidence seen.

    >>> from kg.types import Paper, Extraction, Mention
    >>> paper = Paper(id="1409.0575", title="T", abstract="We evaluate on ImageNet.")
    >>> mention = Mention(text="ImageNet", type="Dataset", canonical="imagenet", start_char=15,
    ...     end_char=23, sentence=0, role="EVALUATES_ON", confidence=0.9,
    ...     evidence="We evaluate on ImageNet.", source="dataset-lexicon")
    >>> graph = build_graph([paper], [Extraction(paper_id="1409.0575", mentions=[mention])])
    >>> sorted(graph.nodes), [(u, v, k) for u, v, k in graph.edges(keys=True)]
    (['1409.0575', 'Dataset:imagenet'], [('1409.0575', 'Dataset:imagenet', 'EVALUATES_ON')])
    """
    graph = nx.MultiDiGraph(name="kg")
    for paper in papers:
        graph.add_node(node_id("Paper", paper.id), label="Paper", **paper_properties(paper))

    aliases: dict[str, set[str]] = defaultdict(set)
    written: dict[str, Counter] = defaultdict(Counter)
    mentioned_by: dict[str, set[str]] = defaultdict(set)
    for extraction in extractions:
        source = node_id("Paper", extraction.paper_id)
        if source not in graph:
            raise ValueError(f"extraction for unknown paper {extraction.paper_id!r}; pass its Paper too")
        for mention in extraction.mentions:
            key = concept_key(mention.type, mention.canonical)
            if key not in graph:
                graph.add_node(key, label="Concept", key=key, name=mention.canonical, type=mention.type.value)
            aliases[key].update([mention.text, *mention.aliases])
            written[key][as_written(mention)] += 1
            mentioned_by[key].add(extraction.paper_id)
            role = mention.role.value
            edge = graph.get_edge_data(source, key, role)
            if edge is None:
                graph.add_edge(
                    source,
                    key,
                    key=role,
                    type=role,
                    sentence=mention.sentence,
                    evidence=mention.evidence,
                    confidence=mention.confidence,
                )
            elif mention.confidence > edge["confidence"]:
                edge["confidence"] = mention.confidence
        for relation in extraction.relations:
            for end in (relation.head, relation.tail):
                if end not in graph:
                    raise ValueError(f"relation names {end!r}, which no mention of paper {extraction.paper_id!r} found")
            graph.add_edge(
                relation.head,
                relation.tail,
                key=f"{relation.type}:{extraction.paper_id}",
                type=relation.type,
                paper=extraction.paper_id,
                sentence=relation.sentence,
                evidence=relation.evidence,
                confidence=relation.confidence,
            )
        for claim in extraction.claims:
            claim_id = f"{extraction.paper_id}#{claim.sentence}"
            claim_node = node_id("Claim", claim_id)
            graph.add_node(
                claim_node,
                label="Claim",
                id=claim_id,
                text=claim.text,
                type=claim.type,
                paper=extraction.paper_id,
                sentence=claim.sentence,
                quantities=[q.model_dump(mode="json", exclude_none=True) for q in claim.quantities],
            )
            graph.add_edge(source, claim_node, key="MAKES", type="MAKES")
            for key in claim.about:
                if key not in graph:
                    raise ValueError(f"claim names {key!r}, which no mention of paper {extraction.paper_id!r} found")
                graph.add_edge(claim_node, key, key="ABOUT", type="ABOUT")
            for comparison in claim.outperforms:
                for end in (comparison.winner, comparison.loser):
                    if end not in graph:
                        raise ValueError(f"comparison names {end!r}, which no mention of paper {extraction.paper_id!r} found")
                if any(graph.nodes[end]["type"] != ConceptType.METHOD.value for end in (comparison.winner, comparison.loser)):
                    continue  # a method beats a method: no unit ("… (up to around 13 Hz …)") or metric wins or loses
                stated = {"metric": comparison.metric, "dataset": comparison.dataset, "delta": comparison.delta}
                graph.add_edge(
                    comparison.winner,
                    comparison.loser,
                    key=f"OUTPERFORMS:{extraction.paper_id}",
                    type="OUTPERFORMS",
                    paper=extraction.paper_id,
                    **{k: v for k, v in stated.items() if v is not None},
                    evidence=claim.text,
                )
        for keyphrase in extraction.keyphrases:
            phrase_node = node_id("Keyphrase", keyphrase.key)
            if phrase_node not in graph:
                graph.add_node(phrase_node, label="Keyphrase", key=keyphrase.key, name=keyphrase.name)
            graph.add_edge(source, phrase_node, key="MENTIONS", type="MENTIONS", score=round(keyphrase.score, 4))

    for key, names in aliases.items():
        graph.nodes[key]["name"] = display_name(written[key])
        graph.nodes[key]["aliases"] = sorted(names)
        graph.nodes[key]["papers"] = len(mentioned_by[key])
    _one_concept_per_name(graph, written)
    return graph


def _one_concept_per_name(graph: nx.MultiDiGraph, written: dict[str, Counter]) -> None:
    """Where concepts of one type got the same name, the one most papers name keeps it; each other takes its next
    most frequent form no concept of its type has, else its key's name."""
    holders = defaultdict(list)
    for node, data in graph.nodes(data=True):
        if data.get("label") == "Concept":
            holders[data["type"], data["name"]].append(node)
    taken = {(concept_type, name) for concept_type, name in holders}
    for (concept_type, _), nodes in holders.items():
        for node in sorted(nodes, key=lambda n: (-graph.nodes[n]["papers"], n))[1:]:
            forms = [text for (text, _), _ in written[node].most_common() if (concept_type, text) not in taken]
            graph.nodes[node]["name"] = forms[0] if forms else node.split(":", 1)[1]
            taken.add((concept_type, graph.nodes[node]["name"]))
