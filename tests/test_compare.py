"""Comparing reported figures across sources and against official figures, on the seeds."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from checkout import SHARED
from helpers.analyses import comparison as compare
from helpers.analyses import reference

SERIES = SHARED / "reference" / "gaza_casualties"


@pytest.fixture(scope="module")
def reported(seed_tables) -> pd.DataFrame:
    return compare.reported_figures(seed_tables)


def test_intervals_follow_the_qualifiers():
    assert compare.interval(1400, None, "at_least") == (1400, math.inf)
    low, high = compare.interval(34, 34, "exact")
    assert low < 34 < high and high - low == pytest.approx(34 * 2 * compare.EXACT_TOLERANCE)
    assert compare.interval(24, 99, "vague") == (24, 99)


def test_october_2023_war_shows_both_sides_with_qualifiers(reported):
    table = compare.side_by_side(reported)
    october = reported.loc[reported["as_of"] == pd.Timestamp("2023-10-16"), "episode"].iloc[0]
    assert "Oct 2023" in october
    war = table[(table["episode"] == october) & (table["kind"] == "killed")].set_index("source_label")
    assert war.loc["Israeli side", "ranges"] == "at least 1,400"
    assert war.loc["Palestinian Health Ministry (Ramallah)", "ranges"] == "58"  # grouped by the registry actor
    assert war.loc["Israeli side", "place"] == "Israel"


def test_parts_are_not_compared_as_totals(reported):
    parts = reported[reported["is_part"]]
    assert set(parts["text"]) == {"At least 19", "several", "eight"}
    assert not compare.disagreements(reported).table["a_figure_id"].isin(parts["figure_id"]).any()


def test_counts_of_different_victims_without_a_place_are_not_a_disagreement(reported):
    found = compare.disagreements(reported)  # "six Hamas operatives" vs "two other citizens"
    assert found.table.empty and found.total == 0


def test_seed_figures_against_the_hand_written_reference(reported):
    table = reference.load_reference_table()
    assert table["citation"].notna().all() and table["source"].notna().all()
    result = compare.compare_with_reference(reported, table, max_lag_days=7, after_days=7).set_index("figure_id")
    escalation = result.loc["000_4ef09cb68f00dbdb-f4"]
    assert (escalation["official"], bool(escalation["within"])) == ("34", True)
    gaza_war = result.loc["004_422bb6ef6b69d9a6-f7"]  # "about 2,750" against the ministry's 2,808
    assert gaza_war["official"] == "2,808" and bool(gaza_war["within"])
    west_bank = result.loc["004_422bb6ef6b69d9a6-f9"]  # the ministry's 58 against OCHA's 53
    assert not bool(west_bank["within"])


@pytest.mark.skipif(not SERIES.is_dir(), reason="shared reference series not present")
def test_daily_series_is_read_with_its_sources(reported):
    series = reference.load_reference_series(SERIES)
    gaza = series[(series["place"] == "Gaza") & (series["kind"] == "killed")].set_index("date")
    assert gaza.loc[pd.Timestamp("2023-10-16"), "value_low"] == 2808
    assert gaza.loc[pd.Timestamp("2023-10-16"), "source"].startswith("Gaza Government Media Office")
    result = compare.compare_with_reference(reported, series)
    assert set(result["place"]) <= {"Gaza", "West Bank", "Lebanon"}
    assert (result["days"] <= 0).all() and (result["days"] >= -1).all()
