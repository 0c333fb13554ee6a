"""Date expressions on real seed text: detection, anchoring and the evaluation against gold."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from helpers.corpus import read_corpus
from helpers.evaluation.timexes import evaluate
from helpers.extract.timexes import extract_timexes, find_timexes
from helpers.schema import to_frame

GOLD = Path(__file__).parent / "gold"


@pytest.fixture(scope="module")
def articles():
    """The seed articles by id."""
    found, _ = read_corpus("seeds")
    return {a.article_id: a for a in found}


def resolved(article) -> dict[str, tuple]:
    """Map each expression's text (first occurrence) to (value, start, end, kind)."""
    out: dict[str, tuple] = {}
    for t in find_timexes(article.body, article.published, article.published_precision):
        out.setdefault(t.text, (t.value, t.start, t.end, t.kind))
    return out


def test_weekday_is_the_latest_such_day_before_publication(articles):
    got = resolved(articles["000_4ef09cb68f00dbdb"])
    assert got["Monday evening"][:3] == ("2019-11-18", dt.date(2019, 11, 18), dt.date(2019, 11, 18))
    assert got["last week"][1:3] == (dt.date(2019, 11, 11), dt.date(2019, 11, 17))


def test_durations_are_not_dates(articles):
    texts = {t.text for a in articles.values() for t in find_timexes(a.body, a.published, a.published_precision)}
    assert not any("years" in text or "two days" in text for text in texts)


def test_month_precision_publication_widens_a_weekday(articles):
    value, start, end, kind = resolved(articles["001_a098baaa83fdfc15"])["Monday"]
    assert (start, end, kind) == (dt.date(2015, 11, 30), dt.date(2015, 12, 28), "relative")
    assert value == "2015-XX-XX"


def test_modifier_keeps_the_whole_month():
    [timex] = find_timexes("Khamenei spoke in late November.", dt.date(2015, 12, 1), "month")
    assert (timex.value, timex.modifier, timex.start, timex.end) == ("2015-11", "late", dt.date(2015, 11, 1),
                                                                    dt.date(2015, 11, 30))


def test_anaphoric_dates_follow_the_previous_date(articles):
    rows = find_timexes(articles["004_422bb6ef6b69d9a6"].body, dt.date(2023, 10, 16))
    by_text = {t.text: t for t in rows}
    assert by_text["the following day"].start == dt.date(2023, 10, 15)
    assert by_text["the following day"].anchor == "previous"
    assert by_text["the same day"].start == dt.date(2023, 10, 15)


def test_bare_month_and_vague(articles):
    got = resolved(articles["002_6d250f261c3eb90a"])
    assert got["July"][0] == "2016-07" and got["May"][0] == "2016-05"
    assert got["shortly afterwards"][3] == "vague" and got["shortly afterwards"][1] is None


def test_future_context_picks_the_next_weekday():
    [timex] = find_timexes("The talks will resume on Friday.", dt.date(2013, 3, 20))
    assert timex.start == dt.date(2013, 3, 22)


def test_money_and_counts_are_not_years():
    assert find_timexes("They received $2015 and 1,400 people and 2019 rockets.", dt.date(2020, 1, 1)) == []


def test_extract_timexes_rows_fit_the_schema():
    from helpers.extract import nlp
    from helpers.extract.parsed import parse_article

    found, _ = read_corpus("seeds")
    article = next(a for a in found if a.article_id.startswith("004"))
    parsed = parse_article(article, nlp.load_model()(article.body))
    rows = extract_timexes(parsed)
    frame = to_frame("timexes", rows)
    assert len(frame) == 14
    first = frame.iloc[0]
    assert article.body[first.start_char:first.end_char] == first.text == "October 14"
    assert parsed.sentences[first.sentence_id].start_char <= first.start_char


def test_seed_gold_scores_at_least_95_percent(articles):
    rows = []
    for a in articles.values():
        for t in find_timexes(a.body, a.published, a.published_precision):
            rows.append({"article_id": a.article_id, "start_char": t.start_char, "text": t.text,
                         "value": t.value, "start": t.start, "end": t.end})
    scores = {r["level"]: r for r in evaluate({"timexes": to_frame("timexes", rows)}, GOLD)}
    assert scores["detection"]["recall"] >= 0.95
    assert scores["resolution"]["recall"] >= 0.95
