"""Kinds of things that are no concept of the graph, and names that are a concept plus a container noun.

* ``drop_unnamed_kinds``: a kind with no name ("a systematic approach", "data-driven technique",
  ``canonical.kind_without_name``) is no concept of the graph, though ``kg eval`` scores it: SciERC annotates
  such descriptions as Methods.
* ``keep_named_datasets``: a Dataset concept needs a name, a capital past a sentence's first letter or a digit in
  one of its mentions ("CIFAR-10", "Penn Treebank", "WikiText"). The tagger learnt SciERC's Material type, where
  "synthetic data", "images" and "English text" count; in the graph a Dataset node promises a dataset one could
  look up.
* ``merge_container_names``: "data augmentation technique" joins "data augmentation", "transformer architecture"
  joins "transformer" when the corpus names the bare concept (``lexicons/containers.txt``). A paper's proposal
  keeps its own name: "we propose a continual learning framework" does not propose continual learning. Methods of
  a task the paper names ("image generation models" beside image generation) join that Task.
* ``drop_organisations``: a company's, lab's or platform's name alone ("xAI, Microsoft, Anthropic") is no concept
  (lexicons/organisations.txt); what is named after one keeps its name ("Google Image Search").
* ``merge_own_names``: a paper's own name and one more word ("the AdEMAMix optimizer", "an AdEMAMix LLM") is that
  name, or a thing made with it; either way no other concept of the paper.
"""

from __future__ import annotations

from kg.extract.acronyms import is_short_form
from kg.extract.canonical import DATASET_SUFFIXES
from kg.extract.patterns import container_heads, read_lexicon
from kg.resolve.changes import change_mentions, drop_recorded
from kg.resolve.decisions import Recorder
from kg.types import ConceptType, Extraction, Mention, Role, concept_key

__all__ = ["drop_organisations", "drop_unnamed_kinds", "keep_named_datasets", "merge_container_names", "merge_own_names"]


def drop_unnamed_kinds(extractions: list[Extraction], recorder: Recorder | None = None) -> list[Extraction]:
    """Extractions without the concepts every mention of which is a kind with no name ("a systematic approach")."""
    every = {concept_key(m.type, m.canonical) for extraction in extractions for m in extraction.mentions}
    named = {concept_key(m.type, m.canonical) for extraction in extractions for m in extraction.mentions if not m.unnamed}
    reason = "a kind with no name: a container noun qualified only by an adjective or participle, in every mention"
    return drop_recorded(extractions, dict.fromkeys(every - named, reason), recorder or Recorder(), "unnamed_kinds")


def drop_organisations(extractions: list[Extraction], recorder: Recorder | None = None) -> list[Extraction]:
    """Extractions without the concepts every mention of which is an organisation's name alone ("Anthropic").

    >>> from kg.types import Mention
    >>> def dataset(text):
    ...     return Mention(text=text, type="Dataset", canonical=text.lower(), start_char=0, end_char=len(text),
    ...         sentence=0, role="EVALUATES_ON", confidence=0.9, evidence="Frontier labs (xAI, Anthropic) lead.",
    ...         source="tagger")
    >>> kept = drop_organisations([Extraction(paper_id="p", mentions=[dataset("Anthropic"), dataset("XAI")])])
    >>> [m.text for m in kept[0].mentions]
    ['XAI']
    """
    names = frozenset(read_lexicon("organisations"))
    every = {concept_key(m.type, m.canonical) for extraction in extractions for m in extraction.mentions}
    other = {concept_key(m.type, m.canonical) for e in extractions for m in e.mentions if m.text not in names}
    reason = "an organisation's name alone (lexicons/organisations.txt): a company, lab or platform is no concept"
    return drop_recorded(extractions, dict.fromkeys(every - other, reason), recorder or Recorder(), "organisations")


def merge_container_names(extractions: list[Extraction], recorder: Recorder | None = None) -> list[Extraction]:
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

    Models of a task the paper names are no Method of their own: "image generation models" of a paper that
    addresses image generation join that Task.

    >>> task = Mention(text="image generation", type="Task", canonical="image generation", start_char=0, end_char=16,
    ...     sentence=0, role="ADDRESSES", confidence=0.9, evidence="image generation", source="tagger")
    >>> merged = merge_container_names([Extraction(paper_id="a", mentions=[task, method("image generation models")])])
    >>> [(m.type.value, m.text, m.canonical, m.role.value) for m in merged[0].mentions][1]
    ('Task', 'image generation', 'image generation', 'ADDRESSES')
    """
    names = {(m.type, m.canonical) for extraction in extractions for m in extraction.mentions}
    tasks = {(e.paper_id, m.canonical) for e in extractions for m in e.mentions if m.type is ConceptType.TASK}
    heads = container_heads()

    def without_head(name: str) -> str | None:
        """The words before a container noun ("data augmentation technique" → "data augmentation"); a plural the
        lemmatizer kept ("language model architectures") is the same kind."""
        words = name.split()
        return " ".join(words[:-1]) if len(words) > 1 and words[-1].removesuffix("s") in heads else None

    bare = {(kind, name): rest for kind, name in names if (rest := without_head(name)) and (kind, rest) in names}

    def task_of(extraction, mention) -> str | None:
        task = without_head(mention.canonical) if mention.type is ConceptType.METHOD else None
        return task if task and (extraction.paper_id, task) in tasks else None

    def join(extraction, mention):
        name = (mention.type, mention.canonical)
        if (task := task_of(extraction, mention)) is not None:
            role = mention.role if mention.role is Role.PROPOSES else Role.ADDRESSES
            return _without_container(mention, {"canonical": task, "type": ConceptType.TASK, "role": role})
        if name in bare and not any((m.type, m.canonical) == name and m.role is Role.PROPOSES for m in extraction.mentions):
            return mention.model_copy(update={"canonical": bare[name]})
        return None

    def reason(old, new):
        if new.type is not old.type:
            return f"{old.text!r} are Methods for {new.canonical!r}, a task the paper names: no Method of their own"
        return f"{old.canonical!r} is {new.canonical!r} with a container noun, and the corpus names {new.canonical!r} alone"

    return change_mentions(extractions, join, recorder or Recorder(), "container_names", "merge", reason)


def _without_container(mention: Mention, update: dict) -> Mention:
    """``mention`` joined to the concept ``update`` names, its text cut to the words before the container noun
    ("image generation models" → "image generation"): a task is not shown by its models' name. (Within a type the
    longer form stays the text: "F1 score" joined to F1 is still how gold and readers name it.)"""
    text = mention.text
    before, _, last = text.rpartition(" ")
    if before and last.lower().removesuffix("s") == mention.canonical.split()[-1].removesuffix("s"):
        update = {**update, "text": before}  # its offsets stay: they are the mention's id in the trail
    return mention.model_copy(update=update)


def merge_own_names(extractions: list[Extraction], recorder: Recorder | None = None) -> list[Extraction]:
    """Extractions where a paper's own name (a short form it proposes: "AdEMAMix") and one more word ("AdEMAMix
    optimizer", "AdEMAMix LLM") join that name, within a type.

    >>> from kg.types import Mention
    >>> def method(text, role="USES"):
    ...     return Mention(text=text, type="Method", canonical=text.lower().replace("-", " "), start_char=0, end_char=len(text),
    ...         sentence=0, role=role, confidence=0.9, evidence=text, source="tagger")
    >>> merged = merge_own_names([Extraction(paper_id="a", mentions=[method("AdEMAMix", "PROPOSES"),
    ...     method("AdEMAMix LLM"), method("AdEMAMix-H"), method("AdEMAMix 2"), method("Adam optimizer")]),
    ...     Extraction(paper_id="b", mentions=[method("AdEMAMix LLM")])])
    >>> [[m.canonical for m in e.mentions] for e in merged]
    [['ademamix', 'ademamix', 'ademamix h', 'ademamix 2', 'adam optimizer'], ['ademamix llm']]
    """
    own = {
        (extraction.paper_id, m.type, m.canonical)
        for extraction in extractions
        for m in extraction.mentions
        if m.role is Role.PROPOSES and is_short_form(m.text) and " " not in m.canonical
    }
    if not own:
        return extractions

    def join(extraction, mention):
        first, _, rest = mention.canonical.partition(" ")
        # one more written word: "MKOR-H", a variant the paper names, is not "MKOR" and a word; nor is a version,
        # "LongVie 2"
        if (
            rest
            and " " not in rest
            and not any(c.isdigit() for c in rest)
            and mention.text.count(" ") == 1
            and (extraction.paper_id, mention.type, first) in own
        ):
            return mention.model_copy(update={"canonical": first})
        return None

    def reason(old, new):
        return f"{old.text!r} is the paper's own {new.canonical!r} and one more word"

    return change_mentions(extractions, join, recorder or Recorder(), "own_names", "merge", reason)


def keep_named_datasets(extractions: list[Extraction], recorder: Recorder | None = None) -> list[Extraction]:
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
    reason = (
        "a Dataset needs a name: no mention has a digit or a capital past the sentence's first letter, "
        "or names more than languages"
    )
    return drop_recorded(extractions, dict.fromkeys(datasets - named, reason), recorder or Recorder(), "named_datasets")


def _written_as_name(text: str, sentence: str) -> bool:
    """A digit, or a capital letter that is not just the first letter of the sentence; not languages alone ("for
    Faroese", "Basque and Catalan": the data's languages, lexicons/languages.txt).

    >>> _written_as_name("Penn Treebank", "We use the Penn Treebank."), _written_as_name("Images", "Images are scarce.")
    (True, False)
    >>> _written_as_name("Basque and Catalan", "Results for Basque and Catalan improve.")
    False
    >>> _written_as_name("Catalan benchmark", "On a manually annotated Catalan benchmark, we win.")
    False
    """
    languages = read_lexicon("languages")
    words = text.lower().replace(",", " ").split()
    if words and words[-1] in DATASET_SUFFIXES:
        words = words[:-1]  # "a manually annotated Catalan benchmark" is the data's language too
    if all(word in languages or word in ("and", "or") for word in words):
        return False
    if any(c.isdigit() for c in text):
        return True
    capitals = sum(c.isupper() for c in text)
    sentence_initial = sentence.lstrip().startswith(text) and text[:1].isupper()
    return capitals > int(sentence_initial)
