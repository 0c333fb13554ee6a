"""Figures of wire copy: real sentences of the figures dev gold's "reuters" batch (CoNLL-2003 test, Reuters-21578).

Each sentence is one a rule was written from; the rules are grammatical or typographic, not these words.
"""

from __future__ import annotations

import pytest

from test_figures import by_text, figures_of


@pytest.mark.parametrize("text", [
    "The blaze broke out with an explosion around 1330 local time (1130 GMT).",
    "We considered it as being missing until about 0600 (4:30 A.M. EST) (0930 GMT).",
    "The quake, at 0336 GMT, registered 6.9 on the Richter scale.",
    "Noranda will operate the mine at about one third of its normal capacity.",
    "He said 14 people were arrested in Belgium.\n\n($1=32.14 Belgian Franc)",
])
def test_times_magnitudes_fractions_and_exchange_rates_are_no_counts(text):
    assert [row["text"] for row in figures_of(text)] in ([], ["14"])


def test_as_high_as_is_an_upper_bound():
    [row] = figures_of("Other estimates ranged as high as 500 dead.")
    assert (row["kind"], row["qualifier"], row["value_high"]) == ("killed", "at_most", 500)


def test_several_hundred_and_a_vague_mixed_count():
    rows = figures_of("The protest culminated at dawn on Tuesday with several hundred students being detained "
                      "briefly by police in central Rangoon. Thousands were killed or imprisoned.")
    assert [(r["text"], r["kind"], r["value_low"], r["value_high"]) for r in rows] == \
        [("several hundred", "arrested", 300, 999)]


@pytest.mark.parametrize(("text", "expected"), [
    ("So far 20 corpses have been recovered, bracho said.", {"20": "killed"}),
    ("Quito, march 9 - up to 300 people were feared dead and more than 15,000 people left homeless by thursday's "
     "earthquake, authorities said.", {"up to 300": "killed", "more than 15,000": "displaced"}),
    ("Over 80 people in eight cities were detained for stoning police, attacking troops, damaging buildings and "
     "setting fire to cars, he said.", {"Over 80": "arrested", "eight": "other"}),
])
def test_kind_of_wire_sentences(text, expected):
    assert {text: row["kind"] for text, row in by_text(figures_of(text)).items()} == expected


def test_unrest_that_claimed_lives_is_no_reporter():
    [row] = figures_of("The municipal police have been a main target of black militants in the past three years "
                       "of political unrest which has claimed some 2,400 lives.")
    assert (row["kind"], row["source"]) == ("killed", None)


def test_a_number_an_adverb_sets_after_a_noun_is_no_name():
    rows = by_text(figures_of("Labour Minister Jorge Egas said of the country's 900 largest factories only 86 were "
                              "closed, 32 were partially working and the rest operating normally."))
    assert set(rows) == {"900", "86", "32"}


def test_he_stands_for_the_spokesman_named_before():
    rows = figures_of(
        "A police spokesman said two youths had been killed when unknown gunmen opened fire.\n\n"
        "The victims were 18 and 20, he said, adding one other youth had been wounded in the shooting.")
    assert by_text(rows)["one"]["source"] == "A police spokesman"


@pytest.mark.parametrize(("text", "figure", "source"), [
    ("Four skinheads attacked and insulted the rabbi of Bratislava, Baruch Meyers, in the city centre on Friday, "
     "but he escaped unharmed, a police spokesman told Reuters.", "Four", "a police spokesman"),
    ("LA PAZ, March 20 - A strike by 9,000 miners employed by the state corporation Comibol has paralysed tin "
     "production in the major centers of Huanuni, Corocoro, Siglo, Catavi and Colquiri, the Conflicts Secretary "
     "of the Bolivian Miners Federation, Cristobal Aranibar, told Reuters.", "9,000",
     "the Conflicts Secretary of the Bolivian Miners Federation, Cristobal Aranibar"),
])
def test_a_trailing_reporter_of_the_sentence(text, figure, source):
    row = by_text(figures_of(text))[figure]
    assert (row["kind"], row["source"]) == ("other", source)


@pytest.mark.parametrize(("text", "expected"), [
    ("Officials said the death toll had risen to at least 70 as more bodies were recovered. Fifty-one people were "
     "reported killed yesterday.", {"at least 70": "killed", "Fifty-one": "killed"}),
    ("Syria stepped in yesterday to halt battles at two Beirut refugee camps but Amal said it would only lift its "
     "siege after Arafat withdrew his men from the villages near Sidon.", {"two": "other"}),
])
def test_a_reported_participle_and_a_compound_that_only_describes_the_counted_things(text, expected):
    assert {text: row["kind"] for text, row in by_text(figures_of(text)).items()} == expected


@pytest.mark.parametrize("text", [
    "In the meantime, he said the central bank had four main goals:\n\n1) to use surplus liquidity to finance the "
    "budget deficit\n\n2) to increase the role of commercial banks and non-bank financing institutions",
    "NOTE: company corrects reporting period to 4th qtr and year from 3rd qtr and nine mths",
    "The area planted to cotton is to remain at the 1986 level of 100,000 to 112,500 acres.",
    "The pilot and co-pilot were killed in the crash of the Learjet 36, airport manager David Snow said.",
    "The fans may have been involved in a pub brawl earlier, the spokeswoman said.\n\nManchester United won 2-0.",
])
def test_list_items_abbreviated_durations_measured_ranges_models_and_scores_are_no_counts(text):
    assert [row["text"] for row in figures_of(text)] in ([], ["four"])


def test_the_source_leaves_the_dateline_and_a_fused_according_to_names_its_source():
    rows = by_text(figures_of("BOSTON, March 9 - Gulf Resources and Chemical Corp said it has sold 9,534,633 shares "
                              "of <Imperial Continental Gas Association> for 720 pence a share."))
    assert rows["9,534,633"]["source"] == "Gulf Resources and Chemical Corp"
    rows = by_text(figures_of("According to central bank forecasts inflation will reach an annual 10 pct rate versus "
                              "up to 20,000 pct in 1985."))
    assert {row["source"] for row in rows.values()} == {"central bank forecasts"}


def test_n_of_them_in_the_next_paragraph_is_part_of_the_figure_before():
    rows = by_text(figures_of("In total, 45 people were injured in Dniprovsky district as a result of the enemy "
                              "attack.\n\n18 of them were hospitalized, including 2 children."))
    assert rows["18"]["part_of"] == rows["45"]["figure_id"]


def test_a_denied_predicate_counts_no_one():
    text = ('"A U.S. F-14 military plane while landing at Ben Gurion airport blew a wheel and a fire broke out," said '
            "spokesman Yehiel Amitai, adding that the two pilots on board were not injured.")
    assert figures_of(text) == []


def test_a_ships_tonnage_is_its_size():
    text = ("LONDON, March 25 - The Liberian motor bulk carrier, Trave Ore, 106,490 dwt, loaded with ore, and the "
            "2,852 dwt West German motor vessel Christa, collided late last night on the River Elbe near buoy 129, "
            "Lloyds Shipping Intelligence said.")
    assert figures_of(text) == []


# --- the "reuters3" batch: Reuters-21578 Iran-Iraq war and Gulf stories, CoNLL-2003 test -----------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("The Kharg terminal, attacked about 135 times since August 1985, was last raided in January.",
     {"about 135": ("attacks", 135, 135)}),
    ("The three oilfields have been raided several times in the past three years.",
     {"several": ("attacks", 3, 9)}),
    ("A second high command communique today said Iraqi warplanes flew 94 sorties against Iranan targets and "
     "positions at the war front.", {"94": ("attacks", 94, 94)}),
])
def test_the_times_of_an_attack_verb_and_sorties_count_attacks(text, expected):
    assert {t: (r["kind"], r["value_low"], r["value_high"]) for t, r in by_text(figures_of(text)).items()} == expected


def test_an_agent_nouns_of_phrase_counts_its_victims_and_describes_the_reporters():
    rows = by_text(figures_of(
        "BEIRUT, March 23 - Kidnappers of four professors, three American and one Indian, said U.S. Hostage Alann "
        "Steen was ill and offered to free him in exchange for a hundred detainees in Israel."))
    assert (rows["four"]["kind"], rows["four"]["source"]) == ("hostages", None)
    assert rows["a hundred"]["kind"] == "arrested"


def test_money_funneled_or_deposited_is_given_and_as_much_as_is_an_upper_bound():
    rows = figures_of(
        "NEW YORK, March 18 - Millions of dollars in proceeds from the sale of U.S. Arms to Iran were funneled to "
        "groups holding American hostages in Lebanon, the New York Times said.\n\n"
        "The newspaper, quoting U.S. Officials and others, said Iranian arms merchant Manucher Ghorbanifar, who "
        "served as a middleman in the sales, deposited two to three mln dlrs in the Swiss bank account of the Global "
        "Islamic Movement.\n\n"
        "The newspaper also said that according to some accounts, Ghorbanifar paid Iranian officials and various "
        "groups as much as 10 mln dlrs.")
    assert [(r["kind"], r["value_low"], r["value_high"], r["unit"]) for r in rows] == [
        ("funding", 2_000_000, 9_999_999, "USD"), ("funding", 2_000_000, 3_000_000, "USD"),
        ("funding", 0, 10_000_000, "USD")]
    assert rows[1]["source"] == "the New York Times"  # "The newspaper" stands for it; X, quoting Y, said: X
    rows = figures_of("It said up to six mln dlrs went to Hojatoleslam Hashemi Rafsanjani, speaker of Iran's "
                      "Parliament, and his family.")
    assert [(r["kind"], r["qualifier"], r["value_high"]) for r in rows] == [("funding", "at_most", 6_000_000)]


@pytest.mark.parametrize(("text", "expected"), [
    # Reuters-21578 NEWID 21475: "one of" them counts nothing, with a qualifier too
    ("BAHRAIN, Oct 19 - Unidentified jets attacked three Iranian oil rigs in the southern Gulf early on Monday, "
     "setting at least one of them ablaze, regional shipping sources said.", {"three": "other"}),
    # NEWID 17750: a capitalised number word after a word is a name's
    ('"Economic policy decisions made last year in Tokyo and at this year\'s meetings of Group of Seven finance '
     'ministers in Paris and in Washington cannot be ignored or forgotten," he said.', {}),
    # NEWID 21013: a four-digit clock time in a region's time
    ("U.S. Defense Secretary Caspar Weinberger told a Pentagon news conference the destroyers Kidd, Young, Leftwich "
     "and Hoel fired about 1,000 rounds of five-inch shells at Iran's Rostam oil rig 120 miles east of Bahrain "
     "beginning at about 1400 Gulf time (0700 EDT) on Monday.", {"about 1,000": "rockets"}),
    # NEWID 14571: the target of an assault is counted, not assaults
    ("The third High Command communique issued during the day said the Iranians launched a major overnight assault "
     "on the fronts of three Iraqi divisions, the Qutaiba, Muthanna and Mohammed al-Qassem forces.",
     {"three": "other"}),
])
def test_one_of_names_clock_times_and_an_attacks_target_are_no_count_of_attacks(text, expected):
    assert {t: r["kind"] for t, r in by_text(figures_of(text)).items()} == expected


def test_numbers_right_after_a_count_that_add_up_to_it_are_its_parts():
    # Reuters-21578 NEWID 8379; CoNLL-2003 test document 150
    rows = figures_of("BEIRUT, March 23 - Kidnappers of four professors, three American and one Indian, said U.S. "
                      "Hostage Alann Steen was ill and offered to free him in exchange for a hundred detainees in "
                      "Israel.")
    assert [(r["text"], r["kind"]) for r in rows[:3]] == [("four", "hostages"), ("three", "hostages"),
                                                         ("one", "hostages")]
    assert rows[1]["part_of"] == rows[2]["part_of"] == rows[0]["figure_id"]
    rows = figures_of("The ministry said the group consisted of 13 nuns, seven Italians and six Zaireans, and four "
                      "priests, two from Belgium, one from Spain and one from Zambia.")
    assert [r["text"] for r in rows] == ["13", "seven", "six", "four", "two", "one", "one"]
    assert {r["part_of"] for r in rows[4:]} == {rows[3]["figure_id"]}
    assert figures_of("Five people were killed, two injured and three missing.")[1]["part_of"] is None


def test_captured_counts_people_not_places():
    # Reuters-21578 NEWID 243 (reuters2 batch); the modern batch's New York Times sentence (m23)
    assert figures_of("LONDON, March 1 - Iran said its forces had captured one of Iraq's strongest fortifications "
                      "east of Basra on the Gulf War southern front in a major battle overnight.") == []
    rows = figures_of("Although Israeli forces retook all of the area overrun by the incursion within a few days, "
                      "Hamas fighters were still trying to enter Israel, including by sea, Hecht said, adding that two "
                      "were captured and five were killed Wednesday.")
    assert [(r["text"], r["kind"]) for r in rows] == [("two", "arrested"), ("five", "killed")]


def test_a_breakdown_that_adds_up_to_an_earlier_count_takes_its_kind():
    # CoNLL-2003 test document 150 (reuters3 batch)
    rows = figures_of(
        "ROME 1996-12-06\n\nItaly said on Friday it had evacuated 17 Roman Catholic nuns and priests from Zaire where "
        "they had been at risk from fighting between government troops and ethnic Tutsi rebels.\n\n"
        "The Foreign Ministry said the 10 Europeans and seven Africans took a special flight from the Garamba "
        "national park in northern Zaire to the Ugandan capital Kampala where they were being looked after at the "
        "Italian embassy.\n\n"
        "The ministry said the group consisted of 13 nuns, seven Italians and six Zaireans, and four priests, two "
        "from Belgium, one from Spain and one from Zambia.")
    assert [r["text"] for r in rows] == ["17", "10", "seven", "13", "seven", "six", "four", "two", "one", "one"]
    assert {r["kind"] for r in rows} == {"displaced"}
    assert {rows[1]["part_of"], rows[3]["part_of"], rows[6]["part_of"]} == {rows[0]["figure_id"]}


@pytest.mark.parametrize(("text", "expected"), [
    ("Three soldiers on a military truck were burned by a gasoline bomb, information minister Marco Lara told "
     "reuters.", {"Three": "injured"}),
    ("QUITO, March 25 - At least six persons, including three soldiers, were reported wounded at the start of a "
     "general strike in Ecuador.", {"At least six": "injured", "three": "injured"}),
])
def test_people_burned_are_injured(text, expected):
    """Reuters-21578 NEWID 9584 (figures dev batch reuters4): 'were burned' counts the injured."""
    assert {row["text"]: row["kind"] for row in figures_of(text)} == expected


def test_a_half_dozen_is_six_and_oil_in_barrels_is_a_volume():
    """Dev reuters5 n8675 and n9208: 'a half dozen ships' counts six; barrels per day measure oil, not a count."""
    rows = figures_of(
        "In addition to a half dozen ships in the U.S. Navy's small Mideast Task Force near the Straits of Hormuz, "
        "the Pentagon has moved 18 warships.\n\nAbu al-Bukhoosh was producing 57,000 barrels per day (bpd) at the "
        "time of the attack.\n\nAbu Dhabi is the largest oil producer in the United Arab Emirates, accounting for "
        "about 800,000 bpd of its total 1.15 mln bpd production, the sources said.")
    assert [(row["text"], row["value_low"]) for row in rows] == [("a half dozen", 6), ("18", 18)]


def test_a_dateline_s_place_is_no_reporter():
    """Reuters-21578 NEWID 12924 (not a dev story, not unseen): the parse makes WASHINGTON the subject of 'said'."""
    [row] = figures_of(
        "WASHINGTON, April 3 - The Panama Canal Commission, a U.S. government agency, said in its daily operations "
        "report that there was a backlog of 30 ships waiting to enter the canal early today.")
    assert (row["text"], row["source"]) == ("30", "The Panama Canal Commission")


def test_a_wire_company_name_keeps_its_angle_brackets():
    """Reuters-21578 NEWID 7737 (not a dev story, not unseen): '<Cogeco Inc>' whole."""
    [row] = figures_of(
        "MONTREAL, March 20 - <Cogeco Inc> said it agreed to acquire 100 pct of Quebec City radio station CJMF-FM.")
    assert (row["text"], row["source"]) == ("100", "<Cogeco Inc>")
