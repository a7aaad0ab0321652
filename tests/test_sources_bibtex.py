"""BibTeX with abstracts, as Zotero exports it: LaTeX decoded, names split by BibTeX's rules."""

from pathlib import Path

from kg.sources import detect_format, read_inputs

BIB = Path(__file__).parent / "data" / "sources" / "zotero_export.bib"


def test_a_zotero_bibtex_export_reads_every_entry_with_an_abstract():
    assert detect_format(BIB) == "bibtex"
    result = read_inputs([BIB])
    attention, gans, causal, adam = result.papers
    assert (attention.id, attention.year, attention.month, attention.published) == ("1706.03762", 2023, 8, None)
    assert attention.title == "Attention Is All You Need"  # case-protecting braces gone
    assert attention.authors[:2] == ["Ashish Vaswani", "Noam Shazeer"] and len(attention.authors) == 8
    assert attention.extra["doi"] == "10.48550/arxiv.1706.03762"
    assert (attention.extra["bibtex_key"], attention.extra["entry_type"]) == ("vaswani_attention_2023", "misc")
    assert "28.4 BLEU on the WMT 2014" in attention.abstract
    assert "Fréchet Inception Distance" in gans.abstract and "10% in FID" in gans.abstract
    assert gans.id.startswith("t-") and gans.year == 2017
    assert causal.authors[0] == "Bernhard Schölkopf" and causal.extra["pages"] == "612–634"
    assert (adam.id, adam.categories, adam.year, adam.month) == ("1412.6980", ["cs.LG"], 2017, 1)


def test_a_broken_entry_and_an_entry_without_abstract_are_skipped_with_their_lines():
    result = read_inputs([BIB])
    assert [(s.line, s.reason) for s in result.skipped] == [
        (42, "malformed BibTeX entry: Unexpected block start: `@book`. Was still looking for field-value closing `,` or `}`"),
        (49, "missing abstract"),
    ]
    assert all(s.source == str(BIB) for s in result.skipped)


def test_a_repeated_key_is_still_read_and_a_bib_without_extension_is_detected(tmp_path):
    path = tmp_path / "references"
    path.write_text(
        "% Encoding: UTF-8\n\n"
        "@Article{smith2020, title={Learning to Rank}, abstract={We learn to rank.}, year={2020}}\n"
        "@Article{smith2020, title={Ranking to Learn}, abstract={We rank to learn.}, year={2020}}\n",
        encoding="utf-8",
    )
    assert detect_format(path) == "bibtex"
    assert [p.title for p in read_inputs([path]).papers] == ["Learning to Rank", "Ranking to Learn"]


def test_a_pasted_full_text_as_abstract_is_skipped_with_its_reason(tmp_path):
    path = tmp_path / "library.bib"
    body = "It was a dark and stormy night. " * 32_000
    path.write_text(f"@book{{bulwer1830,\n  title = {{Paul Clifford}},\n  abstract = {{{body}}},\n}}\n", encoding="utf-8")
    [skipped] = read_inputs([path]).skipped
    assert (skipped.line, skipped.reason.split(" is over")[0]) == (1, "abstract of 1,023,999 characters")
