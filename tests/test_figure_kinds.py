"""Figures' values and kinds on OCHA flash-update sentences (dev corpus) whose grammar or typing misled the reading."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from helpers.extract.numerals import DIGIT_NUMBER
from test_figures import by_text, figures_of


def test_a_thousands_group_typed_after_a_comma_and_a_space_is_one_number():
    rows = by_text(figures_of("Between 7 October 2023 and 12:00 on 1 February 2024, at least 27, 019 Palestinians were "
                              "killed in Gaza and 66,139 Palestinians were injured, according to the MoH."))
    toll = rows["at least 27, 019"]
    assert (toll["value_low"], toll["kind"], toll["location"]) == (27019, "killed", "Gaza")


@pytest.mark.parametrize(("text", "numbers"), [
    ("the number of people sheltering in the hospital, from 40, 000 to 10, 000", ["40, 000", "10, 000"]),
    ("the agreements of 1998, 2000 and 2001", ["1998", "2000", "2001"]),  # a list: no group starts with a zero
    ("5, 6 or 7 pupils, and 12, 100 and 150 more", ["5", "6", "7", "12", "100", "150"]),
])
def test_a_spaced_thousands_group_starts_with_a_zero_list_items_stay_apart(text, numbers):
    assert re.findall(DIGIT_NUMBER, text) == numbers


def test_a_number_the_parser_joins_to_a_place_takes_the_verb_of_its_own_conjunct():
    rows = by_text(figures_of("Between 7 October 2023 and 11:00 on 6 February 2024, at least 27,585 Palestinians were "
                              "killed in Gaza and 66,978, Palestinians were injured, according to the MoH."))
    assert (rows["at least 27,585"]["kind"], rows["66,978"]["kind"]) == ("killed", "injured")


@pytest.mark.parametrize(("text", "figure", "kind"), [
    ("Since 14 December afternoon, the Ministry of Health (MoH) in Gaza has not updated its casualty figures, which "
     "stood at 18,787 fatalities.", "18,787", "killed"),
    ("On Monday, the health ministry updated the death toll, which rose to 4,137.", "4,137", "killed"),
    ("The latest reported figures as of 14 December afternoon stood at 18,787 Palestinians killed.", "18,787",
     "killed"),
])
def test_a_relative_pronoun_stands_for_the_count_it_describes_and_its_level_has_no_start(text, figure, kind):
    """The level a running count stands at is no count of the period the main clause dates ("Since 14 December")."""
    row = by_text(figures_of(text, dt.date(2023, 12, 16)))[figure]
    assert (row["kind"], row["date_start"]) == (kind, None)


def test_an_event_in_a_relative_clause_keeps_the_date_of_its_sentence():
    rows = figures_of("On 5 November, an airstrike hit a school where 20 people were killed.", dt.date(2023, 11, 6))
    row = by_text(rows)["20"]
    assert (row["kind"], row["date_start"]) == ("killed", dt.date(2023, 11, 5))


def test_the_finite_verb_of_a_sentence_the_parser_reads_as_a_noun_phrase_predicates_of_that_noun():
    """The parser hangs "since the start ... stands at" under "reported": "stands" still says what the toll is."""
    rows = by_text(figures_of("The fatality toll reported by MoH in Gaza since the start of the hostilities stands at "
                              "10,569, of whom 67 per cent are said to be children and women."))
    assert (rows["10,569"]["kind"], rows["10,569"]["date_start"]) == ("killed", None)
    assert rows["67"]["kind"] == "other"


def test_the_level_a_relative_clause_states_takes_the_place_of_the_clause_that_holds_its_count():
    """Every other figure of the paragraph is placed, so no place named before the figure is taken."""
    rows = by_text(figures_of("Since 14 December afternoon, the Ministry of Health (MoH) in Gaza has not updated its "
                              "casualty figures, which stood at 18,787 fatalities. About 70 per cent of those killed "
                              "are said to be women and children. According to the Israeli military, since the start "
                              "of the ground operations, 119 soldiers have been killed in Gaza, and 681 have been "
                              "injured.", dt.date(2023, 12, 16)))
    assert (rows["18,787"]["kind"], rows["18,787"]["location"]) == ("killed", "Gaza")


def test_a_count_noun_makes_a_level_only_of_the_number_its_verb_reaches():
    rows = by_text(figures_of("In the past 24 hours, another three UNRWA staff members have been killed, bringing the "
                              "total to 38, since 7 October. The numbers exceed those reported in the first nine "
                              "months of 2023, during which 16 homes were punitively demolished and 78 people "
                              "displaced in that context.", dt.date(2024, 2, 1)))
    assert rows["38"]["date_start"] is None  # the level a running total is brought to
    assert rows["78"]["date_start"] is not None  # counted in the months the sentence names


def test_a_word_glued_by_its_period_to_the_next_sentence_keeps_its_kind():
    """OCHA 15 December: "killed.arAbout", a stray mark between two sentences, is one token; "killed" still counts."""
    rows = by_text(figures_of("The latest reported figures as of 14 December afternoon stood at 18,787 Palestinians "
                              "killed.arAbout 70 per cent are said to be women and children.", dt.date(2023, 12, 15)))
    assert (rows["18,787"]["kind"], rows["18,787"]["date_start"]) == ("killed", None)


@pytest.mark.parametrize(("text", "figure", "kind"), [
    # CoNLL-2003 train 393: the dead are what is counted, not the refugees' standing
    ("They said dead included five refugees from the Indian-ruled part of Kashmir.", "five", "killed"),
    # a predicate that befell people of a standing counts them by what befell them
    ("Peruvian guerrillas killed five refugees in the jungle, police said.", "five", "killed"),
    ("Zaire had expelled 28 Rwandan Hutu refugees.", "28", "displaced"),
    # rss2023 (The Guardian): "more" continues a count, the verb after it says what it counts
    ("About 120 were still missing under the rubble, and at least 777 more were wounded, the office said in a "
     "statement.", "at least 777", "injured"),
])
def test_what_befell_people_is_their_kind(text, figure, kind):
    assert {r["text"]: r["kind"] for r in figures_of(text)}[figure] == kind


@pytest.mark.parametrize(("text", "figure", "kind"), [
    # CoNLL-2003 train 612, 712
    ("The rebels killed one of the drivers and a passenger after checking the identities of the passengers, they "
     "said.", "one", "killed"),
    ("Dozens of people opposed to the government are in detention.", "Dozens", "arrested"),
    ("Nigeria was suspended from the club of Britain and its former colonies in November after the hanging of nine "
     "minority rights activists for murder.", "nine", "killed"),
])
def test_kinds_of_dev_sentences(text, figure, kind):
    assert {r["text"]: r["kind"] for r in figures_of(text)}[figure] == kind


def test_no_one_is_nobody_and_reports_nothing():
    # CoNLL-2003 train 904
    rows = figures_of(
        "In the latest in a wave of attacks, a two kg (four lb) bomb seriously damaged two floors of Agriculture "
        "Ministry offices.\n\nNo one was hurt.\n\nNo one immediately claimed responsibility for Thursday's incidents, "
        "which brought to 23 the number of guerrilla attacks on the resort island since mid-August.\n\nThe daily Le "
        "Monde reported on Wednesday some separatist movements were considering taking their attacks to the French "
        "mainland on the principle that \"300 grammes of explosives on the continent have more impact than 300 kilos "
        "in Corsica\".")
    assert [(r["text"], r["kind"], r["source"]) for r in rows] == [("two", "other", None), ("23", "attacks", None)]


def test_both_and_an_age_after_a_named_couple_is_no_count():
    # CoNLL-2003 train 458
    rows = figures_of("Officials said Humberto Hueite Zyrecha and his wife Jetty Kors, both 50, were kidnapped late on "
                      "Saturday or early Sunday.")
    assert rows == []


# --- the "modern" batch of the figures dev gold (casualty_sentences, 2023) --------------------------------------

def test_the_whole_a_counted_part_is_of_takes_not_the_parts_predicate():
    # Globe and Mail 2023-10-27 (casualty_sentences)
    rows = by_text(figures_of(
        "Mr. Lazzarini said the hardest part of his job has been managing the organization while 43 of UNRWA’s "
        "13,000 staff members have been killed over the past three weeks."))
    assert (rows["43"]["kind"], rows["13,000"]["kind"]) == ("killed", "other")


def test_money_in_aid_or_for_funds_is_funding():
    # The New York Times, 2023-10-19 (casualty_sentences)
    rows = by_text(figures_of(
        "The president announced $100 million in aid to help civilians in Gaza and the West Bank. Aides familiar "
        "with the plan said about $10 billion in mostly military assistance for Israel would be part of a roughly "
        "$100 billion request for emergency funds."))
    assert {r["kind"] for r in rows.values()} == {"funding"}


def test_n_of_them_after_a_count_in_its_sentence_is_a_part_of_that_count():
    # Toronto Star, 2023-10-19 (casualty_sentences)
    rows = by_text(figures_of(
        "Qana, in southern Lebanon, where airstrikes caused a building to collapse on July 30, 2006, resulting in 28 "
        "deaths — 16 of them children —a decade after the Israelis hit a United Nations compound in the same town, "
        "killing 106 sheltering civilians."))
    assert rows["16"]["kind"] == "killed"
    assert rows["16"]["part_of"] == rows["28"]["figure_id"]


def test_a_count_feared_dead_or_missing_mixes_two_kinds():
    # The New York Times, 2023-10-10 (casualty_sentences)
    rows = figures_of("More than 10 British citizens are feared dead or missing after the attacks, the B.B.C. "
                      "reported on Tuesday, citing an unnamed official.")
    assert [(r["text"], r["kind"]) for r in rows] == [("More than 10", "other")]


def test_the_missing_are_counted_by_their_own_predicate_not_by_the_clause_they_hang_on():
    # National Post, 2023-10-10 and 2023-10-16 (casualty_sentences)
    rows = by_text(figures_of(
        "The number of French people killed in Israel has risen to eight — with 20 unaccounted for — the French "
        "Foreign Ministry said Tuesday."))
    assert (rows["eight"]["kind"], rows["20"]["kind"]) == ("killed", "other")
    rows = by_text(figures_of(
        "LONDON — Prime Minister Rishi Sunak says at least six British citizens were killed in Hamas’ attack on "
        "Israel and another 10 are missing."))
    assert (rows["at least six"]["kind"], rows["10"]["kind"]) == ("killed", "other")


def test_an_infinitive_after_a_whole_says_what_befell_it():
    # rss2023 feed (Middle East)
    rows = figures_of("Fawzi Mukhalifa was one of two Palestinian teenagers to be killed by Israeli forces in day of "
                      "West Bank violence.")
    assert [(r["text"], r["kind"]) for r in rows] == [("two", "killed")]


def test_a_loss_of_lives_counts_the_killed():
    """Reuters-21578, 1987: the noun "loss" with its "of" phrase, not the "incident" the sentence is about."""
    rows = by_text(figures_of("The world's deadliest single peacetime incident at sea was the sinking in 1912 of the "
                              "Titanic with a loss of 1,500 lives."))
    assert rows["1,500"]["kind"] == "killed"
