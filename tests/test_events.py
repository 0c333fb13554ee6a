"""Events from dated seed sentences: type from the trigger, date from the right expression."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from helpers.corpus import read_corpus
from helpers.corpus.read import build_article
from helpers.extract import events, nlp, timexes
from helpers.extract.parsed import parse_article
from helpers.pipeline.run import extract_corpus
from helpers.schema import to_frame
from helpers.vocab import EVENT_TYPES


@pytest.fixture(scope="module")
def parsed_seeds():
    """The seed articles parsed once."""
    found, _ = read_corpus("seeds")
    model = nlp.load_model()
    return {a.article_id: parse_article(a, model(a.body)) for a in found}


def entity_mentions(parsed) -> list[dict]:
    """Stand-in mentions (spaCy entities as actor ids) so the tests do not depend on the registry."""
    return [{"sentence_id": parsed.sentence_at(e.start_char).sentence_id, "actor_id": e.text.lower()}
            for e in parsed.doc.ents if e.label_ in ("PERSON", "ORG", "GPE", "NORP")]


def events_of(parsed) -> dict[int, dict]:
    rows = events.extract_events(parsed, entity_mentions(parsed), timexes.extract_timexes(parsed))
    to_frame("events", rows)  # raises on a column outside the schema
    return {row["sentence_id"]: row for row in rows}


def test_call_dated_by_its_own_expression_not_the_report(parsed_seeds):
    got = events_of(parsed_seeds["003_3e998512e3ccf6bf"])[1]
    assert got["event_type"] == "call"
    assert (got["date_start"], got["date_end"]) == (dt.date(2017, 12, 4), dt.date(2017, 12, 10))
    assert got["plover_type"] == "CONSULT"


def test_month_precision_article_gives_an_interval(parsed_seeds):
    got = events_of(parsed_seeds["001_a098baaa83fdfc15"])[1]
    assert got["event_type"] == "meeting"
    assert got["date_end"] - got["date_start"] == dt.timedelta(days=28)


def test_anaphoric_meeting_and_visit(parsed_seeds):
    got = events_of(parsed_seeds["004_422bb6ef6b69d9a6"])
    assert got[8]["event_type"] == "meeting" and got[8]["date_start"] == dt.date(2023, 10, 15)
    assert got[6]["event_type"] == "visit"


def test_no_event_without_actors_or_dates(parsed_seeds):
    parsed = parsed_seeds["000_4ef09cb68f00dbdb"]
    assert events.extract_events(parsed, [], timexes.extract_timexes(parsed)) == []
    undated = {s.sentence_id for s in parsed.sentences} - {t["sentence_id"] for t in timexes.extract_timexes(parsed)}
    assert not undated & set(events_of(parsed))


def test_plover_table_covers_every_type():
    table = events.plover_table()
    assert set(table) == set(EVENT_TYPES)
    assert events.plover_type("attack") == "ASSAULT" and events.plover_type("statement") is None


def events_of_text(text: str, published: dt.date) -> list[dict]:
    """Return the events of ``text`` as one article (spaCy entities stand in for the registry)."""
    article = build_article("t", "t.txt", text, None, None, [])
    article.published, article.published_precision = published, "day"
    parsed = parse_article(article, nlp.load_model()(article.body))
    return events.extract_events(parsed, entity_mentions(parsed), timexes.extract_timexes(parsed))


def test_a_date_that_bounds_a_period_does_not_date_the_meeting():
    rows = events_of_text("Blinken met Netanyahu in Jerusalem, their second meeting since October 7.",
                          dt.date(2023, 11, 3))
    assert all(row["date_start"] != dt.date(2023, 10, 7) for row in rows)


def test_the_date_of_the_triggers_own_clause():
    [row] = events_of_text("Al-Zahar told FNA on Tuesday that Hamas leaders met Iranian officials on Monday.",
                           dt.date(2013, 3, 21))
    assert (row["event_type"], row["date_start"]) == ("meeting", dt.date(2013, 3, 18))


STRIKES = [  # Reuters-21578 (1987) shipping and labour stories; the last two are attacks
    ("Grain handling at Rotterdam port's main grain terminal was at a standstill today as members of the largest "
     "Dutch transport union FNV staged a lightning strike for the third time this week.", "protest"),
    ("Later today the Higher Labour Tribunal in Brasilia is due to rule on whether the seamen's strike is legal.",
     "protest"),
    ("Dutch port and transport union, FNV, has called off the strikes against planned redundancies that have hit "
     "Rotterdam port's general cargo sector for the past eight weeks.", "protest"),
    ("At a rally in this city, about 5,000 bank workers voted to strike on March 24 unless their demand for "
     "100 pct pay rises is met.", "protest"),
    ("A spokesman at the national strike headquarters in Rio de Janeiro said today a total of 163 ships were "
     "strike-bound.", "protest"),
    ("Washington has said the attack was in response to a missile strike against the American-flag tanker the "
     "Sea Isle City in Kuwaiti waters on Friday.", "attack"),
    ("Rafsanjani predicted last Friday a river of blood throughout the world in the event of any U.S. strike "
     "against Iran.", "attack"),
]


@pytest.mark.parametrize(("text", "expected"), STRIKES)
def test_a_strike_that_stops_work_is_a_protest_and_one_with_weapons_or_a_target_an_attack(text, expected):
    doc = nlp.load_model()(text)
    strike = next(t for t in doc if t.lemma_.lower() == "strike")
    assert events.trigger_type(strike, text) == expected


def test_the_bound_of_a_period_dates_no_event():
    """"the post-1945 US-led model" (rss2023) bounds a period; "founded in 1945" can date the founding."""
    text = ("Vladimir Putin, proposed a new global order to replace the post-1945 US-led model. "
            "The United Nations was founded in 1945.")
    rows = [{"start": t.start, "start_char": t.start_char, "modifier": t.modifier}
            for t in timexes.find_timexes(text, dt.date(2023, 3, 22))]
    assert [r["start_char"] for r in events.event_dates(rows, text)] == [text.rindex("1945")]


def test_a_place_takes_no_part_in_an_event(tmp_path):
    """A place is where, not who: no event of its own, no lane among the actors (Reuters-21578, rss2023)."""
    stories = [
        {"title": "Coffee", "published": "1987-03-31", "outlet": "Reuters",
         "text": "Robusta coffee beans for May delivery ended the day in London down about 50 sterling at 1,265 "
                 "sterling a tonne, the lowest since 1982."},
        {"title": "Biden", "published": "2023-10-20", "outlet": "The Hill",
         "text": "President Biden on Thursday used an Oval Office address to condemn Islamophobia and antisemitism "
                 "in the aftermath of the killing of a Palestinian-American boy."},
    ]
    (tmp_path / "export.jsonl").write_text("\n".join(json.dumps(s) for s in stories) + "\n", encoding="utf-8")
    tables = extract_corpus(tmp_path, use_cache=False).tables
    places = set(tables["mentions"].query("actor_type == 'place'")["actor_id"])
    assert "London" in set(tables["mentions"].query("actor_type == 'place'")["text"])
    [event] = tables["events"].to_dict("records")
    assert "Biden" in event["text"] and event["date_start"] == dt.date(2023, 10, 19)
    assert list(event["actors"]) and not set(event["actors"]) & places
