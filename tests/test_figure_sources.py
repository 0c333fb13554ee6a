"""Figure sources on real sentences of the dev texts (CoNLL-2003 train stories, OCHA flash updates).

Each sentence is one the rules were written from; the rules are grammatical, not these words.
"""

from __future__ import annotations

import pytest

from helpers.extract import figures, nlp
from test_figures import by_text, figures_of


def _sources(text: str) -> dict[str, str | None]:
    """Return each figure's source, by the figure's text."""
    return {row["text"]: row["source"] for row in figures_of(text)}


def test_no_sentence_ends_after_a_paragraph_first_word_and_an_inverted_reporter_is_the_source():
    rows = by_text(figures_of(
        "MELBOURNE 1996-08-26\n\nFifteen people were injured when a suburban passenger train and a truck "
        "collided at a street-level rail crossing in the Australian city of Melbourne on Monday, said rail "
        "and ambulance officials."))
    assert rows["Fifteen"]["kind"] == "injured"
    assert rows["Fifteen"]["source"] == "rail and ambulance officials"


@pytest.mark.parametrize(("text", "expected"), [
    ("At least 11 people were killed and 60 others injured on Thursday when lightning struck a group of people "
     "attending a religious festival in Macedonia, police and municipal officials said.",
     {"At least 11": "police and municipal officials", "60": "police and municipal officials"}),
    ("Sudanese police have arrested three people trying to smuggle sewing machines and army clothing to "
     "Sudanese opposition groups in Eritrea, an official newspaper reported on Saturday.",
     {"three": "an official newspaper"}),
    ('Although Gajdos spoke of "girls" his deputy, Eva Boudova, said the case involved about 10 young women '
     "in their early 20s.", {"about 10": "his deputy, Eva Boudova"}),
    ("Egypt has banned and confiscated 10,000 copies of the Cyprus-based Arabic monthly newspaper al-Tadamun "
     "because of an editorial, the editor-in-chief said on Tuesday.", {"10,000": "the editor-in-chief"}),
])
def test_a_trailing_reporter_the_parser_hangs_elsewhere_is_the_source(text, expected):
    assert _sources(text) == expected


@pytest.mark.parametrize("text", [
    "The Serbs, who make up 10 percent of the province's 1.8 million people, claim Kosovo as the cradle of "
    "their culture.",
    "* As of 25 November, nine (out of 22) UNRWA health centres were still operational in the south, recording "
    "10,802 patient visits.",
])
def test_numbers_describing_the_reporter_or_counted_by_it_have_no_source(text):
    assert set(_sources(text).values()) == {None}


@pytest.mark.parametrize(("text", "figure", "source"), [
    ("Overall, 7,326 Palestinians have been killed in Gaza since the start of hostilities, of whom 66 per cent "
     "are children and women, according to MoH.\n\nMore text follows here.", "7,326", "MoH"),
    ("As of 17:00, the Palestine Red Crescent Society (PRCS) reported to have treated 23 Palestinians injured "
     "by Israeli forces.", "23", "the Palestine Red Crescent Society (PRCS)"),
    ("As of 17 February, up to 1.7 million people have been displaced across the Gaza Strip, according to "
     "[UNRWA](https://www.unrwa.org/resources/reports).", "up to 1.7 million", "UNRWA"),
    ("An Iraqi Kurdish guerrilla group on Saturday accused Iraqi government forces of killing two civilians "
     "in shelling in northern Iraq, the Iranian news agency IRNA reported.", "two",
     "An Iraqi Kurdish guerrilla group"),
    ("* On the 31st day of hostilities, the cumulative reported Palestinian fatality toll in Gaza surpassed "
     "10,000, including 4,008 children and 2,550 women, according to the MoH in Gaza.", "10,000",
     "the MoH in Gaza"),
])
def test_a_source_is_the_name_alone(text, figure, source):
    assert _sources(text)[figure] == source


@pytest.mark.parametrize(("text", "kinds"), [
    ("Eight members of a family, five of them children aged between two and seven, drowned when their small "
     "boat sank on Lake Maracaibo in western Venezuela early on Monday, authorities said.",
     {"Eight": "killed", "five": "killed"}),
    ("Seventy eight-year-old Mandolina Zelic, a Bosnian Croat who has spent the last five years in Nagyatad, "
     "told Reuters she had cast her ballot.", {}),
    ("The driver was not injured.\n\n-- Sydney Newsroom 61-2 373-1800", {}),
    ("The driver was not injured.\n\n-- Sofia Newsroom, 359-2-84561", {}),
    ("The plane landed.\n\n-- London Newsroom + 00--44-171-542-7947", {}),
])
def test_drowned_is_killed_and_ages_and_newsroom_phones_are_no_figures(text, kinds):
    assert {row["text"]: row["kind"] for row in figures_of(text)} == kinds


def test_a_number_of_no_noun_counts_what_its_of_names():
    rows = by_text(figures_of("Vermont Central Hospital spokesman Dan Pudvah said two of the injured were treated "
                              "there -- the truck driver and a passenger."))
    assert rows["two"]["kind"] == "injured"
    assert rows["two"]["source"] == "Vermont Central Hospital spokesman Dan Pudvah"


def test_found_dead_is_killed_and_an_age_after_a_qualifier_is_no_figure():
    assert {r["text"]: r["kind"] for r in figures_of(
        "In just over a week two young girls have been found dead, from starvation.")} == {"two": "killed"}
    assert [r["text"] for r in figures_of(
        "The men, both Finns aged about 40, were arrested last Saturday in the western town of Tampere.")] == []


def test_a_label_before_a_colon_is_no_reporter_and_an_apposition_before_the_verb_is():
    rows = by_text(figures_of(
        "Drone strike kills three\n\nRAMALLAH: Three Palestinians were killed in an Israeli drone strike early on "
        "Friday in the city of Jenin in the occupied West Bank, the head of the Palestinian ambulance service said."))
    assert rows["Three"]["source"] == "the head of the Palestinian ambulance service"


def test_one_in_an_idiom_is_no_figure():
    assert [(r["text"], r["kind"]) for r in figures_of("At one point, the rebels held 40 hostages, police said.")] \
        == [("40", "hostages")]


def test_numbers_set_off_after_names_are_ages_and_a_clause_on_the_reporter_is_the_narrators():
    rows = figures_of("Rabbi Leo Dee said that his daughters Rina and Maia, 15 and 20, were killed by 20 bullets.")
    assert [(r["text"], r["kind"]) for r in rows] == [("20", "other")]
    rows = by_text(figures_of("Hamas, which has 20,000 fighters, said 12 were killed."))
    assert (rows["20,000"]["source"], rows["12"]["source"]) == (None, "Hamas")


# --- mechanisms measured on the figures dev gold (benchmarks/dev_figures.py) ------------------------

def test_a_source_the_actor_finder_left_unmarked_takes_the_actor_named_with_the_same_words():
    rows = by_text(figures_of(
        "ANKARA 1996-08-23\n\nTurkish troops have killed 17 Kurdish rebels in recent clashes in the southeast of the "
        "country, the state-run Anatolian news agency said on Friday.\n\nThree people, including two village guards, "
        "died when a mine planted by PKK rebels exploded on a road in the southeast, Anatolian reported earlier."))
    assert rows["Three"]["source"] == "Anatolian"
    assert rows["Three"]["source_actor_id"] is not None
    assert rows["Three"]["source_actor_id"] == rows["17"]["source_actor_id"]


def test_the_group_said_stands_for_the_organisation_that_reported_before():
    rows = by_text(figures_of(
        "NEW YORK 1996-08-29\n\nThe help-wanted advertising index fell in July, the Conference Board said Thursday, "
        "reflecting the uneven nature of the nation's labour markets.\n\nThe monthly index fell to 83.0 in July "
        "against a reading of 85.0 in June, the private business research group said."))
    assert rows["83.0"]["source"] == "the Conference Board"
    assert rows["85.0"]["source_actor_id"] is not None


def test_a_reporting_verb_the_parser_split_off_after_a_comma_reports_the_sentence_before():
    rows = figures_of(
        "More than 100 Palestinians killed in West Bank amid Gaza war\n\nJenin: More than 100 Palestinians have been "
        "killed across the occupied West Bank since war erupted between Israel and Gaza’s Islamist rulers Hamas on "
        "October 7, the health ministry said Wednesday.")
    assert rows[-1]["kind"] == "killed"
    assert rows[-1]["source"] == "the health ministry"


def test_according_to_a_report_by_x_names_x():
    rows = figures_of(
        "LONDON: The toll on journalists amid the Israel-Hamas conflict has reached a grim milestone, with at least 61 "
        "media professionals confirmed dead, according to a report by the Committee to Protect Journalists on Monday.")
    assert rows[0]["source"].startswith("the Committee")  # not "Tuesday’s deaths"


def test_a_weekday_and_a_number_after_it_are_no_two_days():
    rows = by_text(figures_of(
        "At least four Palestinians were killed on Thursday and 23 others injured after an Israeli Defense Forces "
        "(IDF) operation in Jenin, in the occupied West Bank, according to the Palestinian Authority Health Ministry."))
    assert rows["23"]["kind"] == "injured"
    assert rows["23"]["source"] == "the Palestinian Authority Health Ministry"


def test_the_detective_said_stands_for_the_named_detective():
    # CoNLL-2003 train 194
    rows = figures_of(
        "Detective Richard Black of the Chesapeake Police Department, said a neighbour, Curtis Lee White II, 19, was "
        "arrested in the attack.\n\nThe detective said details were sketchy, but two of the teenagers were "
        "reportedly downstairs watching television when White allegedly entered the house.")
    assert [(r["text"], r["source"]) for r in rows] == [
        ("two", "Detective Richard Black of the Chesapeake Police Department")]


# --- mechanisms measured on the "modern" batch of the figures dev gold (casualty_sentences, 2023) ---------------

def test_a_trailing_according_to_names_the_source_over_a_reporting_verb_the_parse_puts_above_the_figure():
    # The New York Times, 2023-10-17 (casualty_sentences)
    rows = by_text(figures_of(
        "Airstrikes that Israel says target Hamas forces have killed more than 2,808 people and wounded 10,850 "
        "others in Gaza, according to the Palestinian Ministry of Health."))
    assert rows["more than 2,808"]["source"] == rows["10,850"]["source"] == "the Palestinian Ministry of Health"


def test_of_two_trailing_attributions_each_figure_takes_the_nearer_one_after_it():
    # The New York Times, 2023-10-21 (casualty_sentences)
    rows = by_text(figures_of(
        "On Friday, a strike hit a school-turned-shelter in central Gaza, killing six people, according to a U.N. "
        "relief agency, and another struck the compound of a Greek Orthodox Church in Gaza City, in the north, that "
        "was also sheltering displaced people, killing at least 16, according to the Gaza health ministry."))
    assert rows["six"]["source"] == "a U.N. relief agency"
    assert rows["at least 16"]["source"] == "the Gaza health ministry"


def test_a_reporting_verb_between_a_figure_and_a_trailing_attribution_keeps_the_figure():
    # The Globe and Mail, 2023-10-27 (casualty_sentences)
    rows = by_text(figures_of(
        "Mr. Lazzarini said the hardest part of his job has been managing the organization while 43 of UNRWA’s "
        "13,000 staff members have been killed over the past three weeks, a number he said roughly correlated with "
        "an overall situation that has seen more than 7,000 Palestinians killed, according to the Ministry of Health "
        "in Hamas-ruled Gaza."))
    assert rows["43"]["source"] == "Mr. Lazzarini"
    assert rows["more than 7,000"]["source"] == "the Ministry of Health in Hamas-ruled Gaza"


def test_according_to_a_participle_the_parser_reads_as_a_verb_still_names_the_source():
    # National Post, 2023-10-16 (casualty_sentences)
    rows = by_text(figures_of(
        "The attack killed a dozen people and left nine buried in the rubble, according to surviving family members."))
    assert rows["a dozen"]["source"] == "surviving family members"


def test_a_reporting_participle_takes_the_subject_of_the_clause_it_continues():
    # Toronto Star, 2023-10-19 and The New York Times, 2023-10-19 (casualty_sentences)
    rows = by_text(figures_of(
        "He suggested to reporters that Hamas had been “inflating the numbers of casualties,” though the Palestinian "
        "Health Ministry provided more detail on the human toll of the explosion Wednesday, saying that 471 people "
        "had died."))
    assert rows["471"]["source"] == "the Palestinian Health Ministry"
    rows = figures_of(
        "John F. Kirby, a spokesman for the White House National Security Council, played down the rupture, saying "
        "that Mr. Abbas felt compelled to leave Amman to return to the West Bank to observe three days of mourning "
        "for the hundreds killed at the hospital.")
    assert [(r["text"], r["source"]) for r in rows] == [("hundreds", "John F. Kirby")]


def test_an_analysis_or_photos_that_show_a_count_are_its_source():
    # Toronto Star, 2023-11-01 (casualty_sentences)
    rows = by_text(figures_of(
        "An Associated Press analysis of Gaza Health Ministry data released last week showed that as of Oct. 26, "
        "2,001 children ages 12 and under had been killed, including 615 who were 3 or younger."))
    assert rows["2,001"]["source"].startswith("An Associated Press analysis of Gaza Health Ministry data")


def test_a_bare_reporting_clause_set_into_a_clause_reports_all_of_it():
    # The New York Times, 2023-10-11 and 2023-10-22 (casualty_sentences)
    rows = by_text(figures_of(
        "The Israeli government approved the call-up of an additional 60,000 reservists, officials said, raising the "
        "total number of mobilized soldiers over the last three days to 360,000, the most in such a short period "
        "since the country's founding."))
    assert rows["60,000"]["source"] == rows["360,000"]["source"] == "officials"
    rows = figures_of(
        "It was these people, Mr. al-Hayya insisted, who had slaughtered the Israeli civilians and kidnapped dozens "
        "of civilians and then dragged them back through the broken fence to Gaza.")
    assert [(r["text"], r["source"]) for r in rows] == [("dozens", "Mr. al-Hayya")]


def test_a_pronoun_reporter_nothing_resolves_stays_the_source():
    # Toronto Star, 2023-11-02 (casualty_sentences)
    rows = by_text(figures_of(
        "He said Israeli security forces killed 304 Palestinians, including 61 boys and 2 girls, in the West Bank "
        "and east Jerusalem during the two-year period ending May 31."))
    assert rows["304"]["source"] == "He"
    assert rows["61"]["source"] == rows["2"]["source"] == "He"  # its parts, as a named reporter's


@pytest.mark.parametrize(("text", "figure"), [
    # Toronto Star, 2023-11-02 (casualty_sentences): "his" makes Ahmed Modawikh a person
    ("“It's a curse to be a parent in Gaza,” said Ahmed Modawikh, a 40-year-old carpenter from Gaza City whose "
     "life was shattered by the death of his 8-year-old daughter during five days of fighting in May.\n\nIt also "
     "says more than 500 militant rockets have misfired and landed in Gaza, killing an unknown number of "
     "Palestinians.", "more than 500"),
    # casualty_sentences, 2023 (m04): a person, then an air strike, which reports nothing
    ("Samir Ayoub, the Lebanese journalist, who was in the car in front of the one that was struck, told the AP "
     "that the three girls killed were his sister’s children and the woman was their grandmother.\n\nAn Israeli "
     "air strike in south Lebanon on Sunday evening killed four civilians, including a woman and three children, "
     "raising the likelihood of a dangerous new escalation.\n\nOne woman and three girls, ages 10, 12 and 14 were "
     "killed, and others were wounded, it said.", "One"),
])
def test_it_stands_for_no_one_called_he_and_for_no_event(text, figure):
    assert by_text(figures_of(text))[figure]["source"].lower() == "it"


def test_it_stands_for_a_body_read_as_a_person_that_nothing_calls_he():
    # The Guardian, 2023-10-17 (rss2023): the recogniser reads Unrwa as a person
    rows = by_text(figures_of(
        "Unrwa, the UN’s agency for Palestinian refugees, said on Tuesday that Gaza’s last seawater desalination "
        "plant had shut down. Six water wells, three water pumping stations, and one water reservoir – which "
        "collectively served more than 1.1million people – are also out of action, it said."))
    assert rows["Six"]["source"] == "Unrwa"


def test_an_attribution_that_opens_a_sentence_keeps_its_figures_from_a_later_one():
    # OCHA flash update, 10 October 2023
    rows = by_text(figures_of(
        "As of 21:00 today, according to Israeli media, more than 1,000 Israelis, including foreign nationals, were "
        "killed by Palestinians and at least 2,806 people were injured, according to the Ministry of Health."))
    assert rows["more than 1,000"]["source"] == "Israeli media"
    assert rows["at least 2,806"]["source"] == "the Ministry of Health"


def test_a_main_reporter_before_a_figure_keeps_it_from_the_attribution_that_relays_it():
    # rss2023 feed (Middle East), and "add to" is no report (Globe and Mail, 2023-11-21, casualty_sentences)
    rows = figures_of(
        "Iran’s judiciary chief said Monday that authorities have pardoned over 22,000 individuals who participated "
        "in anti-government protests, according to the state-run IRNA news agency.")
    assert [(r["text"], r["source"]) for r in rows] == [("over 22,000", "Iran’s judiciary chief")]
    rows = figures_of(
        "Tuesday’s deaths add to a toll of more than 50 journalists killed covering the war between Israel and Hamas "
        "and its spillover to other parts of the region since Oct. 7, according to the Committee to Protect "
        "Journalists.")
    assert rows[0]["source"].startswith("the Committee")  # not "Tuesday’s deaths"


def test_a_reporting_clause_set_into_a_subordinate_clause_does_not_report_its_circumstances():
    # rss2023 feed (Middle East)
    rows = figures_of(
        "Israel is “at war,” Prime Minister Benjamin Netanyahu said, after militants from the Gaza Strip fired over "
        "3,000 missiles and infiltrated southern parts of the country early Saturday.")
    assert [(r["text"], r["source"]) for r in rows] == [("over 3,000", None)]


def test_a_reporting_participle_after_a_pronoun_lets_the_climb_reach_the_reporter():
    # rss2023 feed (Middle East)
    rows = figures_of(
        "The Israeli army confirmed it had carried out an airstrike, saying it had killed at least five militants "
        "during fighting in Jenin.")
    assert [(r["text"], r["source"]) for r in rows] == [("at least five", "The Israeli army")]


def test_a_number_of_the_time_of_a_report_is_the_narrators():
    # Reuters-21578 (1987), NEWID 20774
    rows = figures_of(
        '"I think the predominant feeling ... Is of being scared this conflict will escalate," a top West German '
        "Foreign Ministry official, Helmut Schaefer, told reporters in Bahrain after a tour of three Gulf states.")
    assert [(r["text"], r["source"]) for r in rows] == [("three", None)]


def test_an_according_to_inside_a_reported_clause_is_the_source_the_reporter_relays():
    # Reuters-21578 (1987), NEWID 6345
    rows = figures_of(
        "The newspaper also said that according to some accounts, Ghorbanifar paid Iranian officials and various "
        "groups as much as 10 mln dlrs.")
    assert [(r["text"], r["source"]) for r in rows] == [("as much as 10 mln dlrs", "some accounts")]


def test_a_pronoun_reporter_stands_for_the_one_a_radio_quoted():
    # Reuters-21578 (1987), NEWID 20101
    rows = figures_of(
        "NICOSIA, Oct 20 - Iran is preparing lawsuits to file for compensation from the U.S. Over the American raid "
        "on its Gulf oil platforms, Tehran radio quoted Iranian Oil Minister Gholamreza Aqazadeh as saying.\n\n"
        "The lawsuits would be filed with competent international bodies once the exact damage was calculated, he "
        "was quoted telling a news conference in Tehran. He earlier estimated the damage from the U.S. Raid at about "
        "500 mln dlrs.")
    assert [(r["text"], r["source"]) for r in rows] == [
        ("about 500 mln dlrs", "Iranian Oil Minister Gholamreza Aqazadeh")]


# --- source actors named in the source's modifiers (the figures dev gold's reuters4 batch) --------------------

def _source_actors(text: str) -> dict[str, str | None]:
    """Return each figure's source actor id, by the figure's text."""
    return {row["text"]: row["source_actor_id"] for row in figures_of(text)}


@pytest.mark.parametrize(("text", "expected"), [
    ("PARIS, March 18 - Eight people were killed and some 30 injured in a blast in a crowded cafe in the Red Sea "
     "port of Djibouti, a spokesman for the African country's main newspaper La Nation said.",
     {"Eight": "d:la_nation", "some 30": "d:la_nation"}),
    ("PARIS, March 20 - Chadian troops killed 384 Libyans and captured 48 in fighting near the key Libyan air base "
     "of Ouadi Doum in northern Chad, a Chadian government statement said.", {"384": "d:chad", "48": "d:chad"}),
])
def test_the_body_a_spokesman_or_a_statement_speaks_for_is_the_source_actor(text, expected):
    """'a spokesman for X', 'a statement by X', 'a Chadian government statement': X (the state) is the actor."""
    assert _source_actors(text) == expected


def test_a_statement_by_a_group_delivered_to_a_newspaper_is_the_group_s():
    rows = by_text(figures_of(
        'BEIRUT, March 23 - "U.S. Spy Alann Steen began to suffer from illness, his health might deteriorate and he '
        'might die in 10 days," said a hand-written statement by Islamic Jihad for the Liberation of Palestine '
        "delivered to Beirut's independent An-Nahar newspaper.\n\n"
        '"Our humanitarian motives require that we free him for 100 detainees in the occupation jails," said the '
        "statement, which was accompanied by a photograph of Steen."))
    assert rows["100"]["source"].startswith("a hand-written statement by Islamic Jihad")
    assert rows["100"]["source_actor_id"] not in (None, "d:an_nahar")


def test_the_paper_names_again_the_newspaper_before_it():
    """Reuters-21578 NEWID 9705 (not a dev story): 'The paper said' after 'The army newspaper Quan Doi Nhan Dan'."""
    rows = by_text(figures_of(
        "BANGKOK, March 26 - Vietnam has ordered its army to grow more food to ease shortages and meet economic "
        "recovery goals set for 1990.\n\nThe army newspaper Quan Doi Nhan Dan, monitored here, said soldiers must "
        "work harder to care for rice, vegetables and other crops endangered by the present unusually hot weather."
        "\n\nThe paper said the 1.6-mln strong regular army contributed less than one pct to the nation's 18.2 mln "
        "tonne food output."))
    assert rows["less than one"]["source"] == "The army newspaper Quan Doi Nhan Dan"


def test_an_army_in_a_digest_item_is_the_army_of_the_item_s_dateline():
    """A world-news-highlights digest: the Manila item's army is the Philippines', not Iraq's of the item before."""
    rows = by_text(figures_of(
        "BC-WORLD-HIGHLIGHTS\n\nBAHRAIN - Iran reported launching a new offensive east of Iraq's southern city of "
        "Basra, while Baghdad said its forces had repulsed the attack, killing thousands of Iranians.\n\n- - - -\n\n"
        "MANILA - Communist rebels said they had destroyed a vital military communications station in the Northern "
        "Philippines and an army spokesman said seven rebels were killed in a gun battle in the southern region."))
    assert rows["thousands"]["source_actor_id"] == "iraq"
    assert (rows["seven"]["source"], rows["seven"]["source_actor_id"]) == ("an army spokesman", "d:philippines_army")


def test_a_trailing_reporter_relays_the_report_before_it():
    """Dev reuters5 n21443: the agency's verb after the comma relays what Iran said; the figure is Iran's."""
    rows = by_text(figures_of(
        "NICOSIA, Oct 19 - Iran said U.S. Naval forces attacked two of its oil platforms in the southern Gulf on "
        "Monday afternoon, the Iranian news agency IRNA reported.\n\nIn Washington, U.S. Defence Secretary Caspar "
        "Weinberger said four U.S. Destroyers attacked and destroyed an Iranian oil platform about 120 miles east "
        "of Bahrain."))
    assert (rows["two"]["source"], rows["two"]["source_actor_id"]) == ("Iran", "iran")
    assert rows["four"]["source"] == "U.S. Defence Secretary Caspar Weinberger"


def test_who_relayed_a_statement_is_not_the_statement_an_anaphor_stands_for():
    """Dev reuters5 n107: 'It said' is the statement's; 'quoted by IRNA' names the relay, not the statement."""
    rows = by_text(figures_of(
        "LONDON, Feb 26 - It quoted a joint statewment by the Iranian Army and Revolutionary Guards Corps as "
        'saying that their forces had "dealt one of the severest blows on the Iraqi war machine."\n\n'
        "The statement by the Iranian High Command appeared to herald the close of an assault on the port city "
        'of Basra in southern Iraq.\n\n"The operation was launched at a time when the Baghdad government was '
        'spreading extensive propaganda on the resistance power of its army...," said the statement quoted by '
        'IRNA.\n\nThe Iranian forces "are in full control of these areas," the statement said.\n\n'
        "It said 81 Iraqi brigades and battalions were totally destroyed, along with 700 tanks and 1,500 other "
        "vehicles."))
    assert {rows[n]["source"] for n in ("81", "700", "1,500")} == {"The statement by the Iranian High Command"}


def test_a_closing_as_clause_is_the_narrators_setting_however_deep_the_parse_hangs_it():
    # CoNLL-2003 train (t747): the parse hangs the "as" clause on "forced", inside what is said
    rows = by_text(figures_of(
        "RAMESWARAM, India 1996-08-28\n\nIndian fishermen said on Wednesday they had been forced at gunpoint to "
        "ferry refugees fleeing the ethnic war in Sri Lanka to India, as a protest strike by more than 30,000 "
        "fishermen entered its ninth day."))
    assert rows["more than 30,000"]["source"] is None
    # casualty_sentences, 2023 (m07): a closing "while" clause contrasts what is said, and is said too
    rows = by_text(figures_of(
        "Israel says 1,400 people were killed, mostly civilians, and about 240 were taken hostage by Hamas on "
        "Oct. 7, while 39 soldiers have been killed in combat since."))
    assert rows["39"]["source"] == "Israel"


def test_he_stands_for_an_earlier_source_and_a_place_before_it_is_not_that_source():
    # Reuters-21578 (n16789): the parse hangs "a source" on "Haiti" as an apposition
    rows = by_text(figures_of(
        "PORT-AU-PRINCE, April 17 - Soldiers killed one man and seriously wounded several others as they barred a "
        "group of landless peasants from 120 acres of land seized from Canadian missionaries in northern Haiti, a "
        "source at the Cap Haitien church radio said.\n\nThe soldiers, acting yesterday on orders from the Haitian "
        "attorney general, had used tear gas and fired warning shots into the air prior to the shootings, the "
        "source said.\n\nThere was no official confirmation of the report.\n\nSeven men who refused to leave the "
        "land were arrested after the shootings and would be tried, he said."))
    assert rows["one"]["source"] == rows["Seven"]["source"] == "a source at the Cap Haitien church radio"


def test_a_list_of_clauses_the_parse_hangs_on_an_earlier_verb_goes_on_with_the_first_clauses_reporter():
    # Toronto Star, 2023-10-18 (casualty_sentences, m17): "314 had been wounded" is parsed as a clause of "suggested"
    rows = by_text(figures_of(
        "He suggested to reporters that Hamas had been “inflating the numbers of casualties,” though the "
        "Palestinian Health Ministry provided more detail on the human toll of the explosion Wednesday, saying "
        "that 471 people had died, 314 had been wounded and 28 people were in critical condition."))
    assert {rows[f]["source"] for f in ("471", "314", "28")} == {"the Palestinian Health Ministry"}


def test_a_relative_pronoun_reporter_is_the_noun_its_clause_describes():
    # Toronto Star, 2023-10-25 (casualty_sentences): "who" stands for the survivors
    text = ("In Gaza City, at least 19 people were killed when an airstrike hit the house of the Bahloul family, "
            "according to survivors, who said dozens more people remained buried.")
    doc = nlp.load_model()(text)
    said = next(t for t in doc if t.lower_ == "said")
    start, end = figures._reporting_source(said)
    assert text[start:end] == "survivors"


def test_a_record_that_shows_a_figure_is_its_source_with_its_author_and_add_with_an_object_says_nothing():
    # rss2023: "that" stands for the data, whose lemma may be "datum"; the economy adds jobs, it says nothing
    rows = by_text(figures_of("Biden on Friday hailed new data from the Labor Department that showed the economy "
                              "added 517,000 jobs."))
    assert rows["517,000"]["source"] == "new data from the Labor Department"


def test_a_reporter_the_parse_hangs_deeper_in_the_dateline_is_the_source_not_the_one_it_cites():
    # Reuters-21578 (PARIS, April 26): "X, citing Y, said" is X's, though the parse makes the dateline the subject
    rows = by_text(figures_of(
        'PARIS, April 26 - The World Bank, citing Pakistan"s progress in its economic performance and fiscal policy '
        "reforms, said it had agreed a 2.4 billion dlr aid programme for 1988."))
    assert rows["2.4 billion"]["source"] == "The World Bank"


def test_it_said_stands_for_the_last_reporter_not_a_subject_that_adds_to_a_count():
    # Reuters-21578 (the U.S. Agriculture Department's export sales): "Japan added 689,700 tonnes" says nothing
    rows = by_text(figures_of(
        "Corn sales gained 2,494,900 tonnes in the week ended February 26, the U.S. Agriculture Department said.\n\n"
        "In comments on its Export Sales Report, the department said sales of 1.0 mln tonnes to the USSR were the "
        "first sales for delivery to the USSR under the fourth year of the agreement.\n\n"
        "Japan added 689,700 tonnes to previous purchases and sales to unknown destinations rose by 429,800 tonnes."
        "\n\nWheat sales of 362,400 tonnes for the current season and 151,000 for the 1987/88 season were down by "
        "more than half from the previous week's combined sales, it said."))
    assert rows["151,000"]["source"] == "the U.S. Agriculture Department"


@pytest.mark.parametrize(("text", "figure", "source"), [
    # Reuters-21578: the agent of a participle that issues the figures is their source
    ("China's trade deficit totalled 700 mln dlrs in the first two months of this year, according to figures "
     "released by the State Statistics Bureau.", "700 mln dlrs", "the State Statistics Bureau"),
    ("According to figures provided by Morgan Guaranty Trust Co, the dollar's trade-weighted value at midday was "
     "5.7 pct below average market rates in 1980-82, compared with 5.5 pct yesterday.", "5.7",
     "Morgan Guaranty Trust Co"),
    # OCHA flash update, 2023-11-09: the toll a verb of level measures was reported by the ministry
    ("The fatality toll reported by MoH in Gaza since the start of the hostilities stands at 10,818, of whom 68 per "
     "cent are said to be children and women.", "10,818", "MoH"),
])
def test_a_record_issued_by_someone_is_theirs(text, figure, source):
    assert _sources(text)[figure] == source


def test_brackets_that_open_with_a_verb_name_no_source():
    # OCHA flash update, 2023-10-18
    rows = by_text(figures_of("Since the start of hostilities, 3,000 Palestinians have been killed and 12,500 have "
                              "been injured (excluding Al Ahli hospital casualties)."))
    assert rows["12,500"]["source"] is None


def test_a_claim_whose_name_says_whose_it_is_is_the_claimant():
    # Reuters-21578 (Gulf war, 1987): "an Iranian report that ..." is Iran's claim, as "Iran's claim of" is
    text = "It denied an Iranian report that an Iraqi jet was shot down."
    doc = nlp.load_model()(text)
    report = next(t for t in doc if t.lower_ == "report")
    start, end = figures._claimant(report)
    assert text[start:end] == "an Iranian report"
    official = nlp.load_model()("Market forecasts had been for a worse outcome, against the official figure of "
                                "224 mln stg.")
    assert figures._claimant(next(t for t in official if t.lower_ == "figure")) is None  # "official" names no one


@pytest.mark.parametrize(("text", "figure", "source", "actor"), [
    # Reuters-21578: the parse reads "the State Statistics Institute show" as a name and a noun
    ("Turkey's trade deficit rose to 3.65 billion dlrs in 1986 from 3.39 billion in 1985 following increased "
     "imports from Western countries, figures from the State Statistics Institute show.", "3.65 billion dlrs",
     "figures from the State Statistics Institute", "d:state_statistics_institute"),
    ("Italy's average interbank rate rose to a provisional 12.18 pct in February from 12.05 pct in January, figures "
     "from the Bank of Italy show.", "12.18", "figures from the Bank of Italy", "d:bank_of_italy"),
])
def test_a_trailing_record_that_shows_the_sentence_is_its_source(text, figure, source, actor):
    row = by_text(figures_of(text))[figure]
    assert (row["source"], row["source_actor_id"]) == (source, actor)


def test_the_actor_of_a_record_is_who_issued_it():
    # Reuters-21578: the record is the source, its issuer the actor
    row = by_text(figures_of(
        "Seasonally-adjusted figures issued by the Central Statistical Office (CSO) show the current account was in "
        "deficit by 760 mln stg against an upwardly revised third quarter shortfall of 930 mln."))["760 mln stg"]
    assert row["source"].endswith("issued by the Central Statistical Office (CSO)")
    assert row["source_actor_id"] == "d:central_statistical_office"


def test_a_verb_of_saying_with_a_clause_reports_it():
    # Reuters-21578 (ISLAMABAD, 1987)
    rows = by_text(figures_of(
        "Pakistan complained to the United Nations today that planes from Afghanistan attacked Pakistani villages "
        "last Thursday and Friday, killing 90 people and wounding 230 others."))
    assert (rows["90"]["source"], rows["230"]["source"]) == ("Pakistan", "Pakistan")
    assert figures_of("Stanley Simon was charged with extorting 50,000 dlrs from a defense contractor.")[0]["source"] \
        is None  # "charged with" says nothing


def test_a_date_that_owns_a_report_makes_no_claimant():
    # Reuters-21578 (grain market report): "Monday's report" is no one's claim; the traders report
    rows = figures_of("Monday's report that the USDA inspected 46 mln bushels of corn for export last week was "
                      "unexpectedly high and, coupled with a lack of farm sales, provided support for the corn market, "
                      "traders said.")
    assert [(r["text"], r["source"]) for r in rows] == [("46 mln", "traders")]


def test_they_stands_for_no_one_person():
    # Reuters-21578 (Kuwait's monetary policy, 1987): "they say" is not the "one" who said the quote
    rows = figures_of(
        "Some bankers believe any strengthening of the dinar beyond 0.27000 to the dollar might provoke investors "
        'into shifting funds into the U.S. Currency. "They may ask:When will the dollar be so cheap again?" one '
        "said.\n\nAnd with dinar interest rates now roughly one pct below those for the dollar, they say the Central "
        "Bank faces a delicate balancing role requiring further flexibility.")
    assert by_text(rows)["roughly one"]["source"] not in ("one", None)


def test_a_name_the_parse_joins_to_an_apposition_before_the_verb_is_the_reporter():
    # Reuters-21578 (MANILA, March 18, 1987)
    rows = figures_of("MANILA, March 18 - Suspected communist rebels bombed the Philippine Military Academy and "
                      "injured at least 20 soldiers, many of them senior officers, the state-run Philippine News "
                      "Agency (PNA) said.")
    assert by_text(rows)["at least 20"]["source"] == "the state-run Philippine News Agency"
