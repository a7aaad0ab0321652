"""The Hugging Face Daily Papers reader on the five real seed dumps."""

import datetime as dt
import filecmp

import pytest
from conftest import SHARED_CORPUS, sample_file

from kg.defaults import SAMPLE_CORPUS
from kg.sources import hf_daily, read_inputs
from kg.types import Paper


def papers_of(prefix: str) -> list[Paper]:
    records = list(hf_daily.read(sample_file(prefix)))
    assert all(isinstance(r, Paper) for r in records), [r for r in records if not isinstance(r, Paper)]
    return records


def by_title(papers: list[Paper], title: str) -> Paper:
    return next(p for p in papers if p.title == title)


def test_the_seed_corpus_holds_654_records_and_591_unique_papers():
    result = read_inputs([SAMPLE_CORPUS])
    assert (result.files, result.records, len(result.papers), result.skipped) == (5, 654, 591, [])


@pytest.mark.skipif(not SHARED_CORPUS.exists(), reason="../shared/corpus is not beside this checkout")
def test_the_bundled_sample_is_the_seed_corpus_unchanged():
    for shipped in SAMPLE_CORPUS.glob("*.txt"):
        assert filecmp.cmp(shipped, SHARED_CORPUS / shipped.name, shallow=False), shipped.name


def test_each_dump_yields_every_record():
    assert [len(papers_of(p)) for p in ("000", "001", "002", "003", "004")] == [59, 217, 230, 119, 29]


def test_blocks_layout_reads_authors_and_full_date():
    paper = by_title(papers_of("004"), "Neural Tangent Kernel: Convergence and Generalization in Neural Networks")
    assert paper.authors_count == 3
    assert paper.published == dt.date(2018, 6, 20)
    assert (paper.year, paper.month, paper.day) == (2018, 6, 20)
    assert paper.upvotes is None
    assert paper.abstract.startswith("At initialization, artificial neural networks (ANNs)")
    assert paper.abstract.endswith("compare it to the infinite-width limit.")
    assert paper.sources[0].line == 13


def test_a_date_without_year_keeps_month_and_day_and_invents_no_year():
    paper = by_title(papers_of("004"), "The KoLMogorov Test: Compression by Code Generation")
    assert (paper.published, paper.year, paper.month, paper.day) == (None, None, 3, 18)
    assert paper.authors_count == 6


def test_trailing_number_after_a_date_is_the_upvote_count():
    papers = papers_of("004")
    dated = next(p for p in papers if p.published == dt.date(2023, 6, 2))
    assert dated.upvotes == 2
    no_year = [p for p in papers if (p.month, p.day, p.upvotes) == (2, 21, 2)]
    assert len(no_year) == 1 and no_year[0].year is None


def test_page_chrome_never_becomes_a_paper():
    titles = {p.title for prefix in ("000", "001", "002", "003", "004") for p in papers_of(prefix)}
    chrome = {"new", "Subscribe", "Daily Papers", "byAK and the research community", "Mar 14", "Dec 10"}
    assert not titles & chrome
    assert not any(t.startswith(("Subscribe", "Get trending")) for t in titles)


def test_compact_layout_unglues_subscribe_from_the_first_title():
    first = papers_of("001")[0]
    assert first.title == "The Illusion of Diminishing Returns: Measuring Long Horizon Execution in LLMs"
    assert first.abstract.startswith("Does continued scaling of large language models (LLMs)")
    assert (first.published, first.authors_count, first.upvotes) == (None, None, None)
    assert first.sources[0].line == 3


def test_code_links_come_out_of_the_abstract_without_trailing_punctuation():
    paper = next(p for p in papers_of("000") if "https://github.com/clovaai/AdamP" in p.abstract)
    assert "https://github.com/clovaai/AdamP" in paper.code_links
    assert all(not link.endswith(".") for link in paper.links)
    project_page = next(p for p in papers_of("000") if "mgwillia.github.io" in p.abstract)
    assert "https://mgwillia.github.io/ilf" in project_page.links


def test_duplicates_across_dumps_merge_and_keep_every_source():
    result = read_inputs([SAMPLE_CORPUS])
    merged = [p for p in result.papers if len(p.sources) > 1]
    assert sum(len(p.sources) for p in result.papers) == 654
    assert len(merged) > 0
    adam = next(p for p in result.papers if p.title == "On the Convergence of Adam and Beyond")
    assert {s.file[:10] for s in adam.sources} >= {"sample:001", "sample:003"}
