"""Date expressions on real seed text: detection, anchoring and the evaluation against gold."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import sys
from pathlib import Path

import pytest

from checkout import PROJECT_ROOT
from helpers.corpus import read_corpus
from helpers.corpus.read import build_article
from helpers.evaluation.timexes import evaluate
from helpers.extract import named_days, nlp
from helpers.extract.parsed import parse_article
from helpers.extract.registry import load_registry
from helpers.extract.rows import extract_article
from helpers.extract.shipped import read_snapshot
from helpers.extract.tense import counts_things, future_reference
from helpers.extract.timexes import RULES, candidate_matches, extract_timexes, find_timexes
from helpers.schema import to_frame

if str(PROJECT_ROOT) not in sys.path:  # the benchmarks package sits beside tests/
    sys.path.insert(0, str(PROJECT_ROOT))

from benchmarks import tempeval  # noqa: E402
from benchmarks.checkout import SHARED  # noqa: E402

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


def parsed_timexes(text: str, published: dt.date) -> dict[str, object]:
    """Return the expressions of ``text`` by their words, tense read from spaCy's parse."""
    doc = nlp.load_model()(text)
    return {t.text: t for t in find_timexes(text, published, future=lambda s, e: future_reference(doc, s, e),
                                            counts=lambda s, e: counts_things(doc, s, e))}


def test_durations_are_durations_not_dates(articles):
    found = [t for a in articles.values() for t in find_timexes(a.body, a.published, a.published_precision)]
    durations = {t.text: t for t in found if "years" in t.text or "two days" in t.text}
    assert durations["60 years"].value == "P60Y" and durations["two days"].value == "P2D"
    assert all(t.type == "DURATION" and t.start is None and t.kind == "duration" for t in durations.values())


@pytest.mark.parametrize(("text", "value", "kind"), [
    ("Israeli strikes killed 352 people in the past 24 hours.", "PT24H", "relative"),
    ("The talks lasted three days.", "P3D", "duration"),
    ("Trucks enter daily.", "P1D", "set"),
    ("They meet every week.", "P1W", "set"),
    ("The festival is held every other year.", "P2Y", "set"),  # raised KeyError and lost the article
    ("They meet every two weeks.", "P2W", "set"),
])
def test_durations_and_sets_get_timeml_values(text, value, kind):
    [timex] = find_timexes(text, dt.date(2023, 10, 20))
    assert (timex.value, timex.kind) == (value, kind)


@pytest.mark.parametrize("text", ["Three-quarters of adults said they were worried.",
                                  "A quarter of the population has fled."])
def test_a_fraction_of_quarters_is_no_duration(text):
    # seen in the rss2023 general feed: "three-quarters" was read as three calendar quarters (P3Q)
    assert find_timexes(text, dt.date(2023, 10, 20)) == []


def test_calendar_quarters_stay_durations():
    [timex] = find_timexes("Profits rose for three quarters in a row.", dt.date(2023, 10, 20))
    assert timex.value == "P3Q"


def test_the_past_day_covers_the_days_before_publication():
    [timex] = find_timexes("352 people were killed in the past 24 hours.", dt.date(2023, 10, 20))
    assert (timex.type, timex.start, timex.end) == ("DURATION", dt.date(2023, 10, 19), dt.date(2023, 10, 20))


def test_clock_times_join_their_day():
    got = {t.text: t for t in find_timexes("As of 21:00 on 20 October, no deaths; at 17:00 the toll rose. "
                                            "Sirens sounded at 20:22:40.", dt.date(2023, 10, 21))}
    assert got["21:00 on 20 October"].value == "2023-10-20T21:00"
    assert got["21:00 on 20 October"].type == "TIME"
    assert (got["17:00"].value, got["17:00"].start) == ("2023-10-21T17:00", dt.date(2023, 10, 21))
    assert got["20:22:40"].value == "2023-10-21T20:22"


@pytest.mark.parametrize(("text", "value"), [
    ("The letter dated 10/31/2023 was sent.", "2023-10-31"),
    ("The letter dated 31/10/2023 was sent.", "2023-10-31"),
    ("Dated 31/10/2023, the letter of 05/11/2023 followed.", "2023-11-05"),  # day first, as the text writes
    ("Dated 10/31/2023, the letter of 11/05/2023 followed.", "2023-11-05"),  # month first, as the text writes
])
def test_numeric_dates_follow_the_texts_convention(text, value):
    assert find_timexes(text, dt.date(2023, 12, 1))[-1].value == value


def test_numeric_date_without_a_convention_takes_the_reading_before_publication():
    [timex] = find_timexes("The letter dated 05/11/2023 was sent.", dt.date(2023, 6, 1))
    assert timex.value == "2023-05-11"


@pytest.mark.parametrize(("text", "published", "start", "end"), [
    ("Fighting continued during Ramadan.", dt.date(2024, 4, 1), dt.date(2024, 3, 11), dt.date(2024, 4, 9)),
    ("Families met on Eid al-Fitr.", dt.date(2024, 5, 1), dt.date(2024, 4, 10), dt.date(2024, 4, 12)),
    ("He spoke at Christmas.", dt.date(2024, 3, 1), dt.date(2023, 12, 25), dt.date(2023, 12, 25)),
    ("The attack came on Simchat Torah 2023.", dt.date(2024, 3, 1), dt.date(2023, 10, 7), dt.date(2023, 10, 7)),
])
def test_named_days_come_from_the_holidays_calendars(text, published, start, end):
    [timex] = find_timexes(text, published)
    assert (timex.start, timex.end) == (start, end)


def test_the_shipped_named_days_are_a_fresh_build_of_the_installed_holidays():
    shipped = read_snapshot(named_days.NAMED_DAYS_FILE)
    assert shipped is not None, "run python -m benchmarks.build_shipped_data"
    assert shipped["days"] == named_days.build_named_days(), "stale: run python -m benchmarks.build_shipped_data"


def test_named_days_outside_the_shipped_years_come_from_the_library():
    assert named_days.SNAPSHOT_YEARS[0] > 1890
    assert named_days.named_day_dates("Christmas", 1890) == (dt.date(1890, 12, 25), dt.date(1890, 12, 25))
    assert named_days.named_day_dates("Yom Kippur", 2023) == (dt.date(2023, 9, 25), dt.date(2023, 9, 25))


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


def test_future_tense_of_the_governing_verb_picks_the_next_weekday():
    assert parsed_timexes("The talks will resume on Friday.", dt.date(2013, 3, 20))["Friday"].start == \
        dt.date(2013, 3, 22)
    assert parsed_timexes("The talks resumed on Friday.", dt.date(2013, 3, 20))["Friday"].start == \
        dt.date(2013, 3, 15)


def test_a_future_verb_elsewhere_in_the_sentence_does_not_move_the_date():
    got = parsed_timexes("Al-Zahar told FNA on Tuesday that Hamas will never recognise Israel.",
                         dt.date(2013, 3, 21))
    assert got["Tuesday"].start == dt.date(2013, 3, 19)


@pytest.mark.parametrize(("text", "value"), [
    ("The record date is Nov. 9.", "1989-11-09"),  # no past or future verb: the nearest year
    ("The dividend is payable Jan. 2.", "1990-01-02"),
    ("The company reported its results on Nov. 9.", "1988-11-09"),  # past tense: before publication
    ("The board meets in December.", "1989-12"),
    ("Sales fell in June.", "1989-06"),
    ("The war since Jan. 14 is the longest.", "1989-01-14"),
    ("The record date is March 6.", "1989-03-06"),  # more than four months ahead: before publication
])
def test_a_date_without_year_or_tense_is_ahead_only_when_near(text, value):
    [timex] = parsed_timexes(text, dt.date(1989, 10, 27)).values()
    assert timex.value == value


@pytest.mark.parametrize(("text", "published", "value", "start"), [
    ("Talks continued over the weekend.", dt.date(2023, 10, 16), "2023-W41-WE", dt.date(2023, 10, 14)),
    ("Talks will resume over the weekend.", dt.date(2023, 10, 18), "2023-W42-WE", dt.date(2023, 10, 21)),
])
def test_the_weekend_is_the_last_one_or_the_next_by_tense(text, published, value, start):
    timex = parsed_timexes(text, published)["the weekend"]
    assert (timex.value, timex.start) == (value, start)


def test_a_weekday_before_a_date_is_that_date():
    got = parsed_timexes("The summit opens Monday, Oct. 26, in Geneva.", dt.date(1998, 10, 25))
    assert (list(got), got["Monday, Oct. 26"].value) == (["Monday, Oct. 26"], "1998-10-26")


def test_an_amount_of_time_after_an_event_is_a_duration():
    got = parsed_timexes("He was killed one year after the war; three days later, talks resumed.",
                         dt.date(1999, 10, 24))
    assert (got["one year"].type, got["one year"].value) == ("DURATION", "P1Y")
    assert got["three days later"].anchor is None  # no date before it to count from


@pytest.mark.parametrize("published", [dt.date.min, dt.date.max])
def test_relative_dates_that_leave_the_calendar_get_no_interval(published):
    [yesterday, tomorrow] = find_timexes("Talks ended yesterday and resume tomorrow.", published)
    outside = yesterday if published == dt.date.min else tomorrow
    assert (outside.start, outside.end, outside.kind) == (None, None, "vague")


@pytest.mark.parametrize("published", [dt.date.min, dt.date.max])
def test_whole_article_is_extracted_at_the_ends_of_the_calendar(published):
    text = ("Israeli strikes killed 34 Palestinians yesterday, the Health Ministry said. "
            "Talks resume tomorrow. Three weeks later, 1,400 people had fled.")
    article = build_article("edge", "edge.txt", text, None, None, [])
    article.published, article.published_precision = published, "day"
    rows = extract_article(parse_article(article, nlp.load_model()(article.body)), load_registry())
    assert {r["text"] for r in rows["figures"]} >= {"34", "1,400"}
    assert len(rows["timexes"]) >= 2 and len(rows["sentences"]) == 3


def test_money_and_counts_are_not_years():
    assert find_timexes("They received $2015 and 1,400 people and 2019 rockets.", dt.date(2020, 1, 1)) == []


@pytest.mark.parametrize(("text", "years"), [
    ("UNICEF delivered 2000 washing kits to families in Rafah.", set()),
    ("Israel released 1800 Palestinian prisoners in 2011.", {"2011"}),
    ("An estimated 2000 people and more than 1500 families fled.", set()),
    ("The 1992 protests were led by clerics.", {"1992"}),
    ("The company's 1989 operating results were weak.", {"1989"}),
    ("Sales were above fiscal 1989 sales of $155 million.", {"1989"}),
    ("The post-1959 politics have managed to survive.", {"post-1959"}),
])
def test_a_number_that_counts_things_is_no_year(text, years):
    assert set(parsed_timexes(text, dt.date(2023, 12, 1))) == years


def test_extract_timexes_rows_fit_the_schema():
    found, _ = read_corpus("seeds")
    article = next(a for a in found if a.article_id.startswith("004"))
    parsed = parse_article(article, nlp.load_model()(article.body))
    rows = extract_timexes(parsed)
    frame = to_frame("timexes", rows)
    assert len(frame[frame["type"].isin(["DATE", "TIME"])]) == 14
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


@pytest.mark.slow
@pytest.mark.skipif(not tempeval.PLATINUM.is_dir(), reason="shared TempEval-3 not present")
def test_tempeval3_value_f1_reaches_the_issue_targets():
    # HeidelTime's value F1 over all TIMEX3 types on the platinum set is 77.61; the issue asks for
    # 80 over all types and 86 on DATE (the platinum set is scored only, never read for rules).
    docs = [tempeval.read_tml(path) for path in sorted(tempeval.PLATINUM.rglob("*.tml"))]
    predicted = [tempeval.ours(text, dct) for text, dct, _ in docs]
    gold = [spans for _, _, spans in docs]
    assert tempeval.score(predicted, gold)["value_f1"] >= 0.80

    def dates(spans):
        return [span for span in spans if span.type == "DATE"]
    assert tempeval.score([dates(p) for p in predicted], [dates(g) for g in gold])["value_f1"] >= 0.86


def test_rule_triggers_skip_only_texts_a_rule_cannot_match(articles, monkeypatch):
    ocha = sorted((SHARED / "corpora" / "ocha_flash_updates").glob("*.md"))[:8]
    texts = [a.body for a in articles.values()] + [path.read_text(encoding="utf-8") for path in ocha]
    for rule in RULES:
        for text in texts:
            for match in rule.pattern.finditer(text):
                around = text[max(0, match.start() - 1):match.end()].lower()  # a lookbehind's character too
                assert not rule.triggers or any(word in around for word in rule.triggers), (rule.name, match[0])
                assert not rule.digit or re.search(r"\d", around), (rule.name, match[0])
                assert not rule.needs or rule.needs.search(text, match.start(), match.end()), (rule.name, match[0])
    gated = [[(start, end, rule.name) for start, end, rule, _ in candidate_matches(text)] for text in texts]
    monkeypatch.setattr("helpers.extract.timexes.RULES",
                        [dataclasses.replace(rule, triggers=(), digit=False, needs=None) for rule in RULES])
    assert gated == [[(start, end, rule.name) for start, end, rule, _ in candidate_matches(text)] for text in texts]



def test_a_year_after_pre_or_post_is_the_bound_of_a_period():
    """TimeBank writes "post-1959" as one TIMEX3, value 1959, mod AFTER (AQUAINT NYT20000224.0173)."""
    text = ("Vladimir Putin, proposed a new global order to replace the post-1945 US-led model. "
            "The United Nations was founded in 1945.")
    found = find_timexes(text, dt.date(2023, 3, 22))
    assert [(t.text, t.value, t.modifier) for t in found] == [("post-1945", "1945", "after"), ("1945", "1945", None)]


@pytest.mark.parametrize(("text", "expected"), [
    ("the mid-1990s", ("the mid-1990s", "199", "mid")),
    ("the late 1970s", ("the late 1970s", "197", "late")),
    ("the early 1980s", ("the early 1980s", "198", "early")),
])
def test_a_decade_keeps_its_modifier(text, expected):
    """TimeBank's decades with a part (value 199, mod MID): the span and the part are read."""
    found = find_timexes(f"Prices rose in {text}.", dt.date(2000, 2, 24))
    assert [(t.text, t.value, t.modifier) for t in found] == [expected]
