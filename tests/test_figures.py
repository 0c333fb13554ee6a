"""Figures on real seed sentences: values, qualifiers, kinds, sources, parts, exclusions."""

from __future__ import annotations

import pandas as pd
import pytest

from checkout import PROJECT_ROOT
from helpers.evaluation import figures as evaluation_figures
from helpers.extract import figures

ESCALATION = "000_4ef09cb68f00dbdb"
WAR = "004_422bb6ef6b69d9a6"


@pytest.fixture(scope="module")
def table(seed_tables) -> pd.DataFrame:
    return seed_tables["figures"]


def _in_sentence(table: pd.DataFrame, article_id: str, words: str) -> pd.DataFrame:
    """Return the figures of the article's sentence that contains ``words``."""
    return table[(table["article_id"] == article_id) & table["sentence_text"].str.contains(words, regex=False)]


@pytest.fixture(scope="module")
def with_sentences(table, seed_tables) -> pd.DataFrame:
    sentences = seed_tables["sentences"][["article_id", "sentence_id", "text"]].rename(
        columns={"text": "sentence_text"})
    return table.merge(sentences, on=["article_id", "sentence_id"])


@pytest.mark.parametrize(("text", "value"), [
    ("Thirty-four", 34), ("eight", 8), ("six", 6), ("1,400", 1400), ("$70 million", 70_000_000),
    ("two hundred", 200), ("a dozen", 12),
])
def test_parse_number(text, value):
    assert figures.parse_number(text.lstrip("$")) == value


def test_two_figures_of_one_sentence_share_the_trailing_attribution(with_sentences):
    rows = _in_sentence(with_sentences, ESCALATION, "Thirty-four Palestinians").sort_values("start_char")
    assert list(rows["kind"]) == ["killed", "injured"]
    assert list(rows["value_low"]) == [34, 109]
    assert set(rows["source"]) == {"the Hamas-run Health Ministry"}
    assert list(rows["location"]) == ["Gaza", "Gaza"]


def test_durations_and_years_are_not_figures(with_sentences, table):
    assert _in_sentence(with_sentences, ESCALATION, "some two days of fighting").empty
    assert _in_sentence(with_sentences, "001_a098baaa83fdfc15", "About 60 years").empty
    assert not table["text"].str.fullmatch(r"\d{4}").any()  # 2018, 1979 ...
    assert _in_sentence(with_sentences, "002_6d250f261c3eb90a", "channel 2").empty


def test_qualifiers_and_open_ranges(with_sentences):
    rows = _in_sentence(with_sentences, WAR, "killed at least 1,400 Israelis").sort_values("start_char")
    assert list(rows["qualifier"]) == ["at_least", "more_than"]
    assert rows["value_high"].isna().all()
    assert set(rows["source"]) == {"the Israeli side"}
    rocket = _in_sentence(with_sentences, ESCALATION, "450 or so rockets").iloc[0]
    assert (rocket["kind"], rocket["qualifier"], rocket["value_low"]) == ("rockets", "about", 450)


def test_vague_quantity_gets_its_documented_range(with_sentences):
    dozens = _in_sentence(with_sentences, ESCALATION, "dozens were injured")
    dozens = dozens[dozens["text"] == "dozens"].iloc[0]
    assert (dozens["kind"], dozens["qualifier"]) == ("injured", "vague")
    assert (dozens["value_low"], dozens["value_high"]) == figures.VAGUE_RANGES["dozens"]


def test_parts_point_to_their_whole(with_sentences, table):
    whole = _in_sentence(with_sentences, ESCALATION, "Thirty-four").sort_values("start_char").iloc[0]
    parts = _in_sentence(with_sentences, ESCALATION, "At least 19 of them").set_index("text")
    assert parts.loc["At least 19", "part_of"] == whole["figure_id"]
    assert parts.loc["several", "part_of"] == whole["figure_id"]
    assert parts.loc["eight", "part_of"] == parts.loc["several", "figure_id"]
    assert set(parts["kind"]) == {"killed"}
    assert parts.loc["eight", "victims"] == "minors"


def test_trailing_said_covers_both_west_bank_figures(with_sentences):
    rows = _in_sentence(with_sentences, WAR, "In the West Bank")
    assert len(rows) == 2
    assert set(rows["source"]) == {"the Palestinian Health Ministry"}
    assert set(rows["location"]) == {"West Bank"}


def test_opening_according_to_carries_to_the_next_sentence_of_its_paragraph(with_sentences):
    hostages = _in_sentence(with_sentences, WAR, "were taken hostages").iloc[0]
    assert (hostages["kind"], hostages["source"]) == ("hostages", "the Israeli side")
    gaza = _in_sentence(with_sentences, WAR, "about 2,750 people")
    assert gaza["source"].isna().all()  # a new paragraph names no source


def test_funding_per_year_and_source(with_sentences):
    row = _in_sentence(with_sentences, WAR, "approximately $100 million").iloc[0]
    assert (row["kind"], row["unit"], row["per"], row["qualifier"]) == ("funding", "USD", "year", "about")
    assert row["source"] == "Nathan Sales"


def test_figure_ids_are_stable_and_unique(table):
    assert table["figure_id"].is_unique
    assert table["figure_id"].str.match(r"^.+-f\d+$").all()


def test_figures_against_gold(seed_tables):
    scores = {row["level"]: row for row in evaluation_figures.evaluate(seed_tables, PROJECT_ROOT / "tests" / "gold")}
    assert scores["detection"]["f1"] >= 0.95, scores["detection"]
    assert scores["qualifier"]["recall"] >= 0.95
    assert scores["source"]["recall"] >= 0.95
