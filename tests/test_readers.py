"""Readers: .txt, .md, .html and .jsonl/.csv exports, mixed and nested, duplicates reported."""

import doctest
import gzip
import html
import json
import re
from pathlib import Path

import pytest

from checkout import SEEDS_DIR, SHARED
from helpers.corpus import readers
from helpers.corpus.read import build_article, find_files, read_corpus

SECOND = Path(__file__).parent / "data" / "second_corpus"
OCHA = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "ocha_flash_updates"


@pytest.fixture(scope="module")
def second():
    articles, problems = read_corpus(SECOND)
    return {a.article_id: a for a in articles}, problems


def test_doctests_of_the_readers_pass():
    assert doctest.testmod(readers).failed == 0


def test_every_format_and_nested_folder_is_read(second):
    articles, _ = second
    assert sorted(articles) == ["aid-convoy", "ceasefire-talks", "feed-000001", "feed-000002",
                                "flash-2023-11-20", "wire-0042", "wire-0043"]
    suffixes = {Path(a.source_path).suffix for a in articles.values()}
    assert suffixes == {".html", ".txt", ".jsonl", ".csv", ".md"}
    assert articles["ceasefire-talks"].source_path == "wire/2024/ceasefire-talks.txt"


def test_catalogue_and_files_that_are_not_articles_are_not_read():
    names = {p.name for p in find_files(SECOND)}
    assert "catalog.csv" not in names and "ABOUT" not in names
    assert "wire.csv" in names


def test_duplicate_text_is_reported_not_counted_twice(second):
    articles, problems = second
    assert "ceasefire-talks-mirror" not in articles
    duplicate = [p for p in problems if "same text as 'ceasefire-talks'" in p.message]
    assert len(duplicate) == 1
    assert duplicate[0].path == "wire/reposts/ceasefire-talks-mirror.txt"
    # the first copy keeps its catalogue metadata
    assert articles["ceasefire-talks"].outlet == "Example Wire"


def test_html_body_date_and_metadata_with_their_source(second):
    page = second[0]["aid-convoy"]
    assert page.body.startswith("A convoy of twelve trucks")
    assert "Most read" not in page.body and "All rights reserved" not in page.body
    assert (page.title, page.title_source) == (
        "Aid convoy reaches northern Gaza after weeks of delays", "html-meta")
    assert (page.author, page.author_source) == ("Layla Haddad", "html-meta")
    assert (str(page.published), page.published_precision, page.published_source) == (
        "2024-02-03", "day", "html-meta")
    assert page.outlet == "Example Gazette"
    assert [d.reason for d in page.clean.dropped] == ["title"]


def test_markdown_report_first_line_is_the_date(second):
    report = second[0]["flash-2023-11-20"]
    assert (str(report.published), report.published_source) == ("2023-11-20", "first-line")
    assert report.title == "Example situation report: hostilities in the Gaza Strip"
    assert "**" not in report.body and "|" not in report.body and "![" not in report.body
    assert "the Egyptian Red Crescent said" in report.body
    reasons = {d.line_no: d.reason for d in report.clean.dropped}
    assert reasons[1] == "date-line" and reasons[5] == "image" and reasons[7] == "heading"
    assert reasons[17] == "table"
    source_lines = (SECOND / report.source_path).read_text(encoding="utf-8").splitlines()
    for dropped in report.clean.dropped:
        assert source_lines[dropped.line_no - 1].strip() == dropped.text


def test_markdown_headings_become_the_sections_of_the_paragraphs_below_them(second):
    report = second[0]["flash-2023-11-20"]
    body, clean = report.body, report.clean
    sections = {body[start:end][:30]: clean.section_of(n) for n, (start, end) in enumerate(clean.paragraphs)}
    assert sections["The Ministry of Health in Gaza"] == ("KEY POINTS",)
    assert sections["On 19 November, 60 trucks carr"] == ("HUMANITARIAN ACCESS",)
    assert "KEY POINTS" not in body  # headings stay out of the body, recorded as dropped lines
    assert [h.text for h in readers.read_markdown("## Gaza Strip\n\n### Casualties\n\nText.", "x")[0].headings] == [
        "Gaza Strip", "Casualties"]


def test_nested_headings_close_at_their_own_level():
    text = "## Gaza Strip\n\nFirst.\n\n### Casualties\n\nSecond.\n\n## West Bank\n\nThird.\n"
    doc = readers.read_markdown(text, "x")[0]
    article = build_article("x", "x.md", doc, None, None, [])
    assert article.body == "First.\n\nSecond.\n\nThird."
    assert article.clean.sections == [("Gaza Strip",), ("Gaza Strip", "Casualties"), ("West Bank",)]


def test_web_page_headings_become_sections_and_no_longer_join_the_next_paragraph(tmp_path):
    page = ("<html><head><title>Hostilities in the Gaza Strip and Israel</title></head><body><article>"
            "<h1>Hostilities in the Gaza Strip and Israel</h1>"
            "<h2>Violence and casualties (West Bank)</h2>"
            "<p>Since 7 October, Israeli forces have injured 2,397 Palestinians, including at least 253 children, "
            "over half of them in the context of demonstrations.</p>"
            "<h2>Hostilities and casualties (Israel)</h2>"
            "<p>According to the Israeli authorities, 239 people are held captive in Gaza, including Israelis and "
            "foreign nationals.</p></article></body></html>")
    (tmp_path / "update.html").write_text(page, encoding="utf-8")
    article = read_corpus(tmp_path)[0][0]
    assert article.body.startswith("Since 7 October") and "Violence and casualties" not in article.body
    assert article.clean.sections == [("Violence and casualties (West Bank)",),
                                      ("Hostilities and casualties (Israel)",)]
    assert [d.reason for d in article.clean.dropped] == ["title", "heading", "heading"]


def test_plain_text_articles_have_no_sections():
    articles, _ = read_corpus(SEEDS_DIR)
    assert all(not any(a.clean.sections) and len(a.clean.sections) == len(a.clean.paragraphs) for a in articles)


@pytest.mark.skipif(not OCHA.is_dir(), reason="../shared/corpora is not mounted")
def test_real_ocha_flash_update_dates_come_from_the_first_line(tmp_path):
    names = ["flash-2023-10-07.md", "flash-2023-11-11.md"]
    for name in names:
        (tmp_path / name).write_bytes((OCHA / name).read_bytes())
    articles, _ = read_corpus(tmp_path)
    assert [(str(a.published), a.published_source) for a in articles] == [
        ("2023-10-07", "first-line"), ("2023-11-11", "first-line")]
    assert "Palestinian armed groups in Gaza launched thousands of rockets" in articles[0].body


def test_news_api_exports_with_nested_source_and_their_sources(second):
    articles, problems = second
    row = articles["feed-000001"]
    assert row.outlet == "Example Times"  # from source.name
    assert (row.author, row.author_source) == ("Sam Cohen", "export:author")
    assert (str(row.published), row.published_source) == ("2024-01-09", "export:publishedAt")
    assert row.body.startswith("Hezbollah fired anti-tank missiles")
    csv_row = articles["wire-0042"]
    assert (csv_row.title_source, csv_row.published_source) == ("export:headline", "export:date")
    assert any(p.path == "exports/feed.jsonl" and p.message.startswith("row 3 (id 'feed-000003'): none of the text")
               for p in problems)


def test_rss_dump_rows_and_configured_columns(tmp_path):
    rows = [{"outlet": "example.com", "date_published": "2023-01-01 04:51:10+00:00",
             "title": "A", "description": "Lebanese army boats rescued migrants off Tripoli.",
             "story": "The full story: Lebanese army boats rescued migrants off Tripoli on Sunday.",
             "link": "https://example.com/a"}]
    (tmp_path / "feed.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\nnot json\n",
                                         encoding="utf-8")
    articles, problems = read_corpus(tmp_path)
    assert articles[0].body.startswith("Lebanese army boats")
    assert (str(articles[0].published), articles[0].url) == ("2023-01-01", "https://example.com/a")
    assert any("row 2: not valid JSON" in p.message for p in problems)
    (tmp_path / "corpus.yaml").write_text("columns:\n  text: story\n", encoding="utf-8")
    articles, _ = read_corpus(tmp_path)
    assert articles[0].body.startswith("The full story")
    override = readers.ExportColumns().with_overrides({"text": ["description"]})
    articles, _ = read_corpus(tmp_path, columns=override)
    assert articles[0].body.startswith("Lebanese army boats")


def test_unknown_export_field_is_refused():
    with pytest.raises(ValueError, match="unknown export field"):
        readers.ExportColumns().with_overrides({"txt": "body"})


def test_seed_articles_record_where_title_and_author_came_from():
    articles, _ = read_corpus(SEEDS_DIR)
    for article in articles:
        assert (article.title is None) == (article.title_source is None)
        assert (article.author is None) == (article.author_source is None)
    assert any(a.author_source == "byline" for a in articles)


def _reuters_story(file_name: str, newid: str) -> dict[str, str]:
    """Return one Reuters-21578 story as an export row: its title and its body as the wire wrapped it."""
    raw = gzip.decompress((SHARED / "corpora" / "reuters21578" / file_name).read_bytes()).decode("latin-1")
    story = re.search(rf'<REUTERS[^>]*NEWID="{newid}".*?</REUTERS>', raw, re.S).group(0)
    field = {name: html.unescape(re.search(rf"<{name}>(.*?)</{name}>", story, re.S).group(1))
             for name in ("TITLE", "BODY")}
    return {"id": f"reuters-{newid}", "title": field["TITLE"], "text": field["BODY"].replace("\x03", ""),
            "published": "1987-03-02", "outlet": "Reuters"}


def test_the_first_wrapped_line_of_a_wire_story_stays_text_when_its_title_is_known(tmp_path):
    # Reuters-21578 bodies are wrapped at the width their dateline left on the first line: that short,
    # capitalised first line ("The U.S. Agriculture Department said") looked like a headline and was
    # dropped, losing the sentence's subject.
    stories = [_reuters_story("reut2-000.xml.gz", "105"), _reuters_story("reut2-001.xml.gz", "1085")]
    (tmp_path / "export.jsonl").write_text("".join(json.dumps(s) + "\n" for s in stories), encoding="utf-8")
    articles, problems = read_corpus(tmp_path)
    bodies = {a.article_id: a.body for a in articles}
    assert bodies["reuters-105"].startswith("The U.S. Agriculture Department said cumulative sugar imports")
    assert bodies["reuters-1085"].startswith("The collapse of International Coffee Organization, ICO, talks")
    assert all(d.reason != "title" for a in articles for d in a.clean.dropped)
