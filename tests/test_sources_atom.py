"""The arXiv API's Atom feed: a real-shaped query response, the API's error entry, a feed cut short."""

import datetime as dt
from pathlib import Path

from kg.sources import detect_format, read_inputs

FEED = Path(__file__).parent / "data" / "sources" / "arxiv_api_query.atom.xml"


def test_an_arxiv_api_feed_reads_every_entry_with_ids_versions_dates_and_categories():
    assert detect_format(FEED) == "atom"
    result = read_inputs([FEED])
    attention, bert, maldacena = result.papers
    assert result.skipped == []
    assert (attention.id, attention.extra["arxiv_version"], attention.published) == ("1706.03762", "v7", dt.date(2017, 6, 12))
    assert attention.title == "Attention Is All You Need"
    assert attention.abstract.startswith("The dominant sequence transduction models are based on complex recurrent or")
    assert len(attention.authors) == 8 and attention.authors[-1] == "Illia Polosukhin"
    assert attention.categories == ["cs.CL", "cs.LG"]  # the primary category first
    assert attention.url == "http://arxiv.org/abs/1706.03762v7"
    assert attention.extra["pdf_url"] == "http://arxiv.org/pdf/1706.03762v7"
    assert attention.extra["comment"] == "15 pages, 5 figures"
    assert bert.title == "BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding"  # unwrapped
    assert (maldacena.id, maldacena.authors, maldacena.categories) == ("hep-th/9711200", ["Juan M. Maldacena"], ["hep-th"])
    assert maldacena.extra["doi"] == "10.1023/a:1026654312961"
    assert maldacena.extra["journal_ref"] == "Adv.Theor.Math.Phys.2:231-252,1998"
    assert "large $N$ limit" in maldacena.abstract  # math is left as written
    assert [s.line for p in result.papers for s in p.sources] == [10, 55, 84]


NEW_STYLE_FEED = """<?xml version='1.0' encoding='UTF-8'?>
<feed xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns="http://www.w3.org/2005/Atom">
  <id>https://arxiv.org/api/SkuXkYxumgL1drFIL7NufdnpkFc</id>
  <title>arXiv Query: search_query=&amp;id_list=2106.09685,1234.5678&amp;start=0&amp;max_results=10</title>
  <updated>2025-11-11T18:34:08Z</updated>
  <link href="https://arxiv.org/api/query?search_query=&amp;start=0&amp;max_results=10&amp;id_list=2106.09685,1234.5678"
    type="application/atom+xml"/>
  <opensearch:itemsPerPage>10</opensearch:itemsPerPage>
  <opensearch:totalResults>2</opensearch:totalResults>
  <opensearch:startIndex>0</opensearch:startIndex>
  <entry>
    <id>https://arxiv.org/api/errors#incorrect_id_format_for_1234.5678</id>
    <title>Error</title>
    <summary>incorrect id format for 1234.5678</summary>
    <updated>2025-11-11T00:00:00-05:00</updated>
    <link href="https://arxiv.org/api/errors#incorrect_id_format_for_1234.5678" rel="alternate" type="text/html"/>
    <author>
      <name>arXiv api core</name>
    </author>
  </entry>
  <entry>
    <id>https://arxiv.org/abs/2106.09685v2</id>
    <title>LoRA: Low-Rank Adaptation of Large Language Models</title>
    <updated>2021-10-16T18:40:34Z</updated>
    <link href="https://arxiv.org/abs/2106.09685v2" rel="alternate" type="text/html"/>
    <link href="https://arxiv.org/pdf/2106.09685v2" rel="related" type="application/pdf" title="pdf"/>
    <summary>An important paradigm of natural language processing consists of large-scale
pre-training on general domain data and adaptation to particular tasks or domains.</summary>
    <category term="cs.CL" scheme="http://arxiv.org/schemas/atom"/>
    <category term="cs.AI" scheme="http://arxiv.org/schemas/atom"/>
    <category term="cs.LG" scheme="http://arxiv.org/schemas/atom"/>
    <published>2021-06-17T17:37:18Z</published>
    <arxiv:comment>Draft V2 includes better baselines</arxiv:comment>
    <arxiv:primary_category term="cs.CL"/>
    <author>
      <name>Edward J. Hu</name>
    </author>
    <author>
      <name>Yelong Shen</name>
    </author>
  </entry>
</feed>
"""


def test_the_current_feed_layout_and_the_api_error_entry(tmp_path):
    path = tmp_path / "query.xml"
    path.write_text(NEW_STYLE_FEED, encoding="utf-8")
    result = read_inputs([path])
    [lora] = result.papers
    assert (lora.id, lora.extra["arxiv_version"], str(lora.published)) == ("2106.09685", "v2", "2021-06-17")
    assert lora.categories == ["cs.CL", "cs.AI", "cs.LG"] and lora.authors == ["Edward J. Hu", "Yelong Shen"]
    assert [(s.line, s.reason) for s in result.skipped] == [(11, "arXiv API error: incorrect id format for 1234.5678")]


def test_a_feed_cut_short_keeps_the_entries_before_the_cut(tmp_path):
    lines = FEED.read_text(encoding="utf-8").split("\n")
    path = tmp_path / "cut.atom.xml"
    path.write_text("\n".join(lines[:70]), encoding="utf-8")  # stops inside BERT's entry
    result = read_inputs([path])
    assert [p.id for p in result.papers] == ["1706.03762"]
    assert [(s.line, s.reason) for s in result.skipped] == [
        (70, "malformed XML: no element found; the rest of the file is not read")
    ]


def test_an_entry_without_a_summary_is_skipped_and_the_rest_read(tmp_path):
    text = FEED.read_text(encoding="utf-8")
    start, end = text.index("    <summary>  We introduce"), text.index("</summary>", text.index("We introduce")) + 10
    path = tmp_path / "query.xml"
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    result = read_inputs([path])
    assert [p.id for p in result.papers] == ["1706.03762", "hep-th/9711200"]
    assert [(s.line, s.reason) for s in result.skipped] == [(55, "missing abstract")]


def test_an_xml_file_that_is_no_atom_feed_is_reported(tmp_path):
    path = tmp_path / "article.xml"
    path.write_text('<?xml version="1.0"?>\n<article><front><title>T</title></front></article>\n', encoding="utf-8")
    [skipped] = read_inputs([path]).skipped
    assert skipped.line == 0 and skipped.reason.startswith("not an Atom feed")
