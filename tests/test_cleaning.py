"""Cleaning keeps every line of article text and removes the boilerplate of the seeds."""

import pytest

from checkout import SEEDS_DIR
from helpers.corpus.cleaning import clean_text, lost_lines

SEED_FILES = sorted(SEEDS_DIR.glob("*.txt"))
BOILERPLATE = [
    "date 2019-11-19", "Print Friendly", "Send to Kindle", "By: Max Gelber", "Make a Donation",
    "Donate to vital charities", "Now more than ever, Israel needs your help", "Help us fight back",
    "Please let us know if you're having issues", "[Photo: Fars News", "(AP/Office of the Supreme Leader)",
    "Khamneie Mashaal", "Hamas Leader: We Are Seeking", "Iran Vows to Support Hamas",
    "President Hassan Rouhani says Iran would be willing",
]


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.stem)
def test_every_source_line_is_in_body_or_dropped(path, seed_articles):
    article = seed_articles[path.stem]
    assert lost_lines(path.read_text(encoding="utf-8"), article.clean) == []


def test_no_boilerplate_survives_into_sentences(seed_tables):
    text = "\n".join(seed_tables["sentences"]["text"])
    survivors = [b for b in BOILERPLATE if b in text]
    assert survivors == []


def test_seed_cleaning_reasons(seed_articles):
    reasons = {aid: sorted({d.reason for d in a.clean.dropped}) for aid, a in seed_articles.items()}
    assert reasons["000_4ef09cb68f00dbdb"] == ["date-header"]
    assert reasons["001_a098baaa83fdfc15"] == ["appeal", "byline", "caption"]
    assert reasons["002_6d250f261c3eb90a"] == ["caption", "section-label", "share-buttons", "title"]
    assert "comment-prompt" in reasons["003_3e998512e3ccf6bf"]
    assert reasons["004_422bb6ef6b69d9a6"] == []


def test_title_author_and_header_date(seed_articles):
    assert seed_articles["000_4ef09cb68f00dbdb"].clean.header_date == "2019-11-19"
    assert seed_articles["001_a098baaa83fdfc15"].author == "Max Gelber"
    assert seed_articles["003_3e998512e3ccf6bf"].title.startswith("Iran Vows to Support Hamas")


def test_unseen_article_boilerplate():
    text = (
        "World\n\nRebels Seize Northern Town After Week of Fighting\n\n"
        "Share on Facebook\nShare on Twitter\n\n"
        "Fighters loyal to the opposition took control of the town on Sunday, residents said.\n"
        "Government troops withdrew overnight after days of shelling, officials told reporters.\n\n"
        "Residents flee the town on Saturday. (Photo: Reuters/File)\n\n"
        "The army declined to comment on the reports.\n\n"
        "By Jane Roe\n\nSubscribe now to get our daily briefing!\nIt is free and takes a minute."
    )
    article = clean_text(text)
    reasons = {d.text: d.reason for d in article.dropped}
    assert reasons["World"] == "section-label"
    assert article.title == "Rebels Seize Northern Town After Week of Fighting"
    assert reasons["Share on Twitter"] == "share-buttons"
    assert reasons["Residents flee the town on Saturday. (Photo: Reuters/File)"] == "caption"
    assert article.author == "Jane Roe"
    assert reasons["It is free and takes a minute."] == "appeal"
    # a real sentence about comments is article text, not a comment prompt
    assert "The army declined to comment on the reports." in article.body
    assert len(article.paragraphs) == 3


def test_hard_wrapped_lines_join_into_one_paragraph():
    article = clean_text("The minister said the talks\nwould resume next week in Doha.\n\nA second paragraph.")
    assert article.body == "The minister said the talks would resume next week in Doha.\n\nA second paragraph."
    assert article.paragraphs == [(0, 59), (61, 80)]
