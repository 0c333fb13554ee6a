"""Actors beyond the registry: discovery in an article, merging across a corpus, suggestions."""

import datetime as dt
import gzip
import html
import re

import pandas as pd
import pytest
import yaml

from checkout import PROJECT_ROOT, SHARED
from helpers.__main__ import main
from helpers.corpus import Article
from helpers.corpus.cleaning import CleanArticle
from helpers.extract import actors, merge, quotes
from helpers.extract.nlp import load_model
from helpers.extract.parsed import parse_article
from helpers.extract.registry import load_registry, parse_registry
from helpers.pipeline import run, store

EMPTY = "actors: []\n"


def _parse(text, published=dt.date(2016, 3, 1), author=None):
    paragraphs, position = [], 0
    for paragraph in text.split("\n"):
        paragraphs.append((position, position + len(paragraph)))
        position += len(paragraph) + 1
    article = Article(article_id="t", source_path="t.txt", clean=CleanArticle(text, paragraphs),
                      published=published, published_precision="day", author=author)
    return parse_article(article, load_model()(article.body))


def _mentions(text, registry=None, published=dt.date(2016, 3, 1)):
    return actors.extract_mentions(_parse(text, published), registry or load_registry())


def _by_text(rows):
    return {r["text"]: r for r in rows}


# ---------------------------------------------------------------------------- one article

def test_a_registry_name_written_with_its_abbreviation_inside_is_that_actor():
    """OCHA writes the registry's "Ministry of Health in Gaza" with "(MoH)" inside; MoH is then its alias."""
    text = ("Between the afternoons of 5 and 6 February, according to the Ministry of Health (MoH) in Gaza, "
            "107 Palestinians were killed. At least 27,585 Palestinians were killed in Gaza, according to the MoH. "
            "The MoH in Gaza said hospitals were out of fuel.")
    rows = _mentions(text, published=dt.date(2024, 2, 6))
    ministry = [r["text"] for r in rows if r["actor_id"] == "gaza_health_ministry"]
    assert ministry == ["Ministry of Health (MoH) in Gaza", "MoH", "MoH"]
    assert not [r for r in rows if r["actor_id"] and r["actor_id"].startswith("d:ministry")]


def test_unclosed_bracket_is_cut_and_the_abbreviation_becomes_an_alias():
    rows = _mentions("The Organisation of Islamic Cooperation (OIC) condemned the raid. "
                     "Later the OIC called an emergency meeting in Jeddah.")
    oic = [r for r in rows if r["actor_id"] == "d:organisation_of_islamic_cooperation"]
    assert [r["text"] for r in oic] == ["Organisation of Islamic Cooperation", "OIC", "OIC"]
    assert {r["method"] for r in oic[1:]} == {"abbreviation"}
    assert all(r["actor_type"] == "organization" for r in oic)


def test_a_name_cut_at_of_is_widened_to_what_its_abbreviation_spells():
    # spaCy finds "the Kurdistan Democratic Party" and "Iran" apart
    rows = _mentions("Massoud Rajavi met the Secretary-General of the Kurdistan Democratic Party of Iran (KDPI) "
                     "Hassan Rastegar. Iran bombed KDPI guerrillas.")
    kdpi = [r for r in rows if r["actor_id"] == "d:kurdistan_democratic_party_of_iran"]
    assert [r["text"] for r in kdpi] == ["Kurdistan Democratic Party of Iran", "KDPI", "KDPI"]
    assert len([r for r in rows if r["text"] == "Iran"]) == 1  # "Iran bombed", not the name's last word


def test_headline_words_are_not_names_but_headline_names_are():
    rows = _mentions("Hamas Leader Meets With Iranian Officials After Terror Attack\n"
                     "Hamas officials met Iranian diplomats in Doha on Monday.")
    texts = {r["text"] for r in rows}
    assert not texts & {"Meets With", "Terror Attack", "Iranian Officials"}
    assert "Hamas" in texts and "Doha" in texts


def test_longer_name_wins_over_a_registry_alias_inside_it():
    rows = _mentions("Iran's Supreme National Security Council met on Sunday.")
    found = _by_text(rows)
    assert "Security Council" not in found
    assert found["Supreme National Security Council"]["actor_id"] == "d:supreme_national_security_council"
    assert found["Supreme National Security Council"]["actor_type"] == "government_body"


def test_surname_after_the_full_name_is_the_same_discovered_person():
    rows = _mentions("Ali al-Baraka met officials in Beirut. Al-Baraka said the talks went well.")
    found = _by_text(rows)
    assert found["Ali al-Baraka"]["actor_id"] == found["Al-Baraka"]["actor_id"] == "d:ali_al_baraka"
    assert found["Al-Baraka"]["method"] == "coreference"


def test_titles_and_demonyms_are_cut_from_a_person_and_the_role_is_learnt_from_the_article():
    rows = _mentions("Turkish Foreign Minister Mevlut Cavusoglu arrived in Tehran. "
                     "The Turkish foreign minister then met officials.")
    found = _by_text(rows)
    assert found["Mevlut Cavusoglu"]["actor_id"] == "d:mevlut_cavusoglu"
    assert found["Turkish foreign minister"]["actor_id"] == "d:mevlut_cavusoglu"
    assert found["Turkish foreign minister"]["method"] == "role"


def test_roles_from_the_parse_resolve_by_the_date_or_stay_with_the_state():
    rows = _mentions("The Emir of the State of Qatar received the Russian ambassador. Russia wants a deal.",
                     published=dt.date(2016, 3, 1))
    found = _by_text(rows)
    assert found["Emir of the State of Qatar"]["actor_id"] == "tamim_bin_hamad_al_thani"
    # nobody holds that role in the registry: a role mention of the state the article names
    assert found["Russian ambassador"]["actor_id"] == "russia"


def test_states_come_from_the_country_library_with_an_empty_registry():
    rows = _mentions("Kyiv said Russian troops crossed from Belarus. The Sudanese army fought in Khartoum.",
                     parse_registry(EMPTY, "empty.yaml"))
    found = _by_text(rows)
    assert found["Kyiv"]["actor_id"] == "d:ukraine" and found["Kyiv"]["actor_type"] == "state"
    assert found["Belarus"]["actor_id"] == "d:belarus"
    # "Kyiv said" is the state; "fought in Khartoum" is the city
    assert (found["Khartoum"]["actor_id"], found["Khartoum"]["actor_type"]) == ("d:khartoum", "place")
    assert "Russian" not in found and "Sudanese" not in found  # adjectives are no mentions


def test_a_registry_state_keeps_its_id_under_any_library_name():
    rows = _mentions("Egypt and the Hashemite Kingdom of Jordan signed an accord.")
    found = _by_text(rows)
    assert found["Hashemite Kingdom of Jordan"]["actor_id"] == "jordan"


def test_things_and_platforms_are_not_actors():
    rows = _mentions("Hamas said in a post on Telegram that the Al-Aqsa Flood operation was a success.",
                     parse_registry(EMPTY, "empty.yaml"))
    texts = {r["text"] for r in rows}
    assert "Telegram" not in texts and "Al-Aqsa Flood" not in texts
    assert "Hamas" in texts


def test_peoples_the_tagger_takes_for_singular_names_are_groups():
    rows = _mentions("Fighting broke out between the minority Tutsis and the majority Hutus. The Swiss said so.",
                     parse_registry(EMPTY, "empty.yaml"))
    assert [(r["text"], r["actor_type"]) for r in rows] == [("Tutsis", "group"), ("Hutus", "group")]


def test_a_common_noun_opening_a_paragraph_is_no_name():
    rows = _mentions("Police said so.\n\nGunmen seized six hostages from their car.\n\n"
                     "Bystanders at the scene said work had begun in 1991.", parse_registry(EMPTY, "empty.yaml"))
    assert not {"Gunmen", "Bystanders"} & {r["text"] for r in rows}


def test_a_time_zone_after_a_number_is_no_organisation():
    # spaCy labels "GMT" ORG here
    rows = _mentions("Interfax made clear that the detachment had been sent on the mission before the truce deal "
                     "had been signed at the local equivalent of 1500 GMT.", parse_registry(EMPTY, "empty.yaml"))
    assert [r["text"] for r in rows] == ["Interfax"]


def test_a_state_named_inside_a_longer_name_of_a_body_gives_way_to_it():
    rows = _mentions("The Sudan People's Liberation Army said Sudan Airways flights had stopped. "
                     "The Bank of Israel did not comment.")
    found = _by_text(rows)
    assert found["Sudan People's Liberation Army"]["actor_type"] == "armed_group"
    assert {"Sudan Airways", "Bank of Israel"} <= set(found)
    assert not {"Sudan", "Israel"} & set(found)


def test_towns_spacy_takes_for_people_or_bodies_are_places_when_the_parse_says_so():
    # spaCy's small model labels "Shatoi" ORG and "Grozny" and "Sivas" PERSON here.
    rows = _mentions("Russian troops shelled villages near Shatoi and fighting went on in Grozny overnight, "
                     "Interfax said. Police in Sivas detained four men.", parse_registry(EMPTY, "empty.yaml"))
    found = _by_text(rows)
    assert {found[t]["actor_type"] for t in ("Shatoi", "Grozny", "Sivas")} == {"place"}
    assert found["Interfax"]["actor_type"] != "place"


def test_the_place_of_a_dateline_and_of_a_noun_of_place_are_places():
    # spaCy's small model labels "Sokoto" and "Goma" PERSON here.
    rows = _mentions("Peter Laca\n\nSOKOTO, Nigeria 1996-08-28\n\nPolice shot dead six robbery suspects, "
                     "a Sokoto official said. Refugees from the Zairean town of Goma were soldiers.",
                     parse_registry(EMPTY, "empty.yaml"))
    found = _by_text(rows)
    assert found["Sokoto"]["actor_type"] == found["Goma"]["actor_type"] == "place"
    assert found["Peter Laca"]["actor_type"] == "person"


def test_institutions_designated_by_a_common_noun_are_actors_of_their_state():
    rows = _mentions("KIGALI, Rwanda 1996-08-28\n\nThe army said 17 rebels were killed. The defence ministry "
                     "said it would investigate. An army of volunteers joined them. Iran's foreign ministry "
                     "and the Ugandan foreign ministry condemned the attack, and two armies fought.")
    found = [(r["text"], r["actor_id"], r["actor_type"]) for r in rows if r["method"] == "institution"]
    assert found == [("army", "d:rwanda_army", "armed_group"),
                     ("defence ministry", "d:rwanda_defence_ministry", "government_body"),
                     ("foreign ministry", "iran_foreign_ministry", "government_body"),
                     ("Ugandan foreign ministry", "d:uganda_foreign_ministry", "government_body")]


def test_the_government_of_a_state_named_is_the_state_and_the_government_alone_is_no_one():
    rows = _mentions("The Rwandan government said it would not talk to the rebels. The government denied it.",
                     parse_registry(EMPTY, "empty.yaml"))
    assert [(r["text"], r["actor_id"], r["actor_type"]) for r in rows] == [
        ("Rwandan government", "d:rwanda", "state")]
    rows = _mentions("The government of Iran said so, and Israel's army agreed.")
    assert [(r["text"], r["actor_id"]) for r in rows if r["method"] == "institution"] == [
        ("government", "iran"), ("army", "idf")]


def test_a_designation_keeps_its_own_words_only():
    rows = _mentions("The leftist Nicaraguan government, the powerful defence ministry and the Ugandan "
                     "foreign ministry met.", parse_registry(EMPTY, "empty.yaml"))
    assert [(r["text"], r["actor_id"]) for r in rows if r["method"] == "institution"] == [
        ("Nicaraguan government", "d:nicaragua"), ("defence ministry", "d:defence_ministry"),
        ("Ugandan foreign ministry", "d:uganda_foreign_ministry")]


def test_an_institution_s_state_is_the_nearest_that_its_words_name():
    # Reuters-21578: the parser hangs the dateline's "BANGKOK" on "parliament" too
    rows = _mentions("BANGKOK, June 18 - Vietnam's parliament sacked Prime Minister Pham Van Dong and President "
                     "Truong Chinh, diplomatic sources said.", parse_registry(EMPTY, "empty.yaml"))
    assert [(r["text"], r["actor_id"]) for r in rows if r["method"] == "institution"] == [
        ("parliament", "d:vietnam_parliament")]


def test_a_high_command_an_air_force_and_armed_forces_are_institutions_only_so_named():
    # Reuters-21578 (1987, Iraq-Iran war): "a high command communique", "Iraqi air force action"
    rows = _mentions("BAGHDAD, March 3 - A high command communique said Iraqi warplanes hit Iran's Kharg island "
                     "terminal, breaking a month-long lull in Iraqi air force action. The armed forces were on "
                     "alert, the military said. Government forces under his command fought.",
                     parse_registry(EMPTY, "empty.yaml"))
    assert [(r["text"], r["actor_id"], r["actor_type"]) for r in rows if r["method"] == "institution"] == [
        ("high command", "d:iraq_high_command", "government_body"),
        ("air force", "d:iraq_air_force", "armed_group"),
        ("armed forces", "d:iraq_army", "armed_group"), ("military", "d:iraq_army", "armed_group")]


def test_an_agency_is_a_medium_only_as_a_news_agency():
    rows = _mentions("The Iranian National News Agency and the Central Intelligence Agency said so.",
                     parse_registry(EMPTY, "empty.yaml"))
    found = _by_text(rows)
    assert found["Iranian National News Agency"]["actor_type"] == "media"
    assert found["Central Intelligence Agency"]["actor_type"] == "organization"


def test_a_medium_something_was_published_in_stays_an_actor():
    rows = _mentions("Abu Marzouk said in an interview published in Al-Hayat that talks would resume.",
                     parse_registry(EMPTY, "empty.yaml"))
    assert _by_text(rows)["Al-Hayat"]["actor_type"] != "place"


def test_a_capital_is_its_state_as_a_metonym_but_a_place_where_things_happen():
    rows = _mentions("Diplomats held talks in Tehran on Monday. Tehran said it would not yield.")
    assert [(r["actor_id"], r["actor_type"]) for r in rows if r["text"] == "Tehran"] == [
        ("d:tehran", "place"), ("iran", "state")]


def test_adjectives_of_nationality_titles_and_bylines_are_cut_from_names():
    rows = _mentions("Wafa Amr\n\nRAMALLAH, West Bank 1996-08-28\n\n"
                     "General Anatoly Shkirko said Slovak police and Sri Lankans fled.",
                     parse_registry(EMPTY, "empty.yaml"))
    found = _by_text(rows)
    assert found["Wafa Amr"]["actor_type"] == "person"
    assert found["Anatoly Shkirko"]["actor_type"] == "person"
    assert found["Sri Lankans"]["actor_type"] == "group"
    assert not {"Slovak", "General Anatoly Shkirko"} & set(found)


def test_names_of_villages_and_towns_the_parse_places_are_places():
    # spaCy's small model labels "Novye Atagi" PERSON, "Welikanda" ORG, "Alomella Robles" ORG,
    # "Kiryat Sefer" PERSON and leaves "Vavuniya" unlabelled as a subject.
    rows = _mentions("General Vyacheslav Tikhomirov arrived at the rebel-held village of Novye Atagi. "
                     "Rebels stormed a police post just north of Welikanda. The rebels took control of "
                     "Alomella Robles, a small village about 345 miles northeast of Lima. Israel plans to "
                     "expand the Jewish settlement of Kiryat Sefer. Grenades were thrown in the northern "
                     "town of Vavuniya.\nVavuniya is just south of the area controlled by the LTTE.",
                     parse_registry(EMPTY, "empty.yaml"))
    kinds = {r["text"]: r["actor_type"] for r in rows}
    assert {kinds.get(t, "place") for t in ("Novye Atagi", "Welikanda", "Alomella Robles", "Kiryat Sefer",
                                            "Vavuniya")} == {"place"}
    assert kinds["Vyacheslav Tikhomirov"] == "person"


def test_a_capital_spacy_takes_for_a_person_is_its_state():
    rows = _mentions("Kiev's Foreign Minister Hennady Udovenko said Beijing was overreacting. The SPLA has "
                     "fought Khartoum's government forces since 1983.", parse_registry(EMPTY, "empty.yaml"))
    assert {r["text"]: r["actor_id"] for r in rows if r["actor_type"] == "state"} == {
        "Kiev": "d:ukraine", "Beijing": "d:china", "Khartoum": "d:sudan"}


def test_a_name_cut_inside_a_phrase_and_its_last_word_are_the_same_body():
    rows = _mentions("The separatist command told Interfax news agency the patrols would begin. Itar-Tass "
                     "news agency quoted the Kremlin. Tass said the talks would go on. Suspected Tamil "
                     "Tigers hurled grenades.", parse_registry(EMPTY, "empty.yaml"))
    found = {r["text"]: r["actor_id"] for r in rows}
    assert found["Interfax"] == "d:interfax"
    assert found["Tass"] == found["Itar-Tass"] == "d:itar_tass"
    assert "Tamil Tigers" in found and not any(t.startswith("Suspected") for t in found)


def test_the_army_after_a_named_army_is_that_army():
    rows = _mentions("MEXICO CITY 1996-08-25\n\nLa Jornada reported that the Mexican Army has discovered a "
                     "manual. The EPR has never taken on the army in direct combat.",
                     parse_registry(EMPTY, "empty.yaml"))
    assert {r["actor_id"] for r in rows if "army" in r["text"].lower()} == {"d:mexican_army"}


def test_demonyms_the_library_writes_together_are_each_a_demonym():
    rows = _mentions("The Bosnian government said Serb forces shelled the town.", parse_registry(EMPTY, "empty.yaml"))
    assert [(r["text"], r["actor_id"]) for r in rows] == [("Bosnian government", "d:bosnia_and_herzegovina")]


def test_a_proper_noun_before_a_noun_of_members_names_the_body():
    rows = _mentions("PHNOM PENH, March 3 - Khmer Rouge guerrillas attacked a village. Rohrabacher will meet "
                     "leaders of the rebel Islamic Taleban militia in Kandahar.", parse_registry(EMPTY, "empty.yaml"))
    found = _by_text(rows)
    assert found["Khmer Rouge"]["actor_type"] == found["Taleban"]["actor_type"] == "organization"
    assert "PHNOM PENH" not in found


def test_a_state_in_capitals_in_a_dateline_is_the_place_of_filing():
    rows = _mentions("BAHRAIN, March 3 - Iraqi warplanes attacked two tankers in the Gulf, shipping sources "
                     "said.\nWASHINGTON, March 3 - Secretary of State George Shultz said the United States "
                     "would protect Kuwaiti tankers.")
    assert [(r["text"], r["actor_id"]) for r in rows if r["actor_type"] == "state"] == [
        ("United States", "united_states")]


def test_a_byline_spacy_does_not_label_is_a_person_and_a_headline_is_not():
    rows = _mentions("New talks in Chechnya as Lebed waits for Yeltsin\n\nDmitry Kuznets\n\n"
                     "NOVYE ATAGI, Russia 1996-08-27\n\nRussian and rebel commanders met.",
                     parse_registry(EMPTY, "empty.yaml"))
    assert _by_text(rows)["Dmitry Kuznets"]["actor_type"] == "person"
    rows = _mentions("Rebels Free Two Hostages\n\nAMMAN 1996-08-23\n\nThe envoy left.",
                     parse_registry(EMPTY, "empty.yaml"))
    assert rows == []


def test_capitals_in_brackets_after_a_body_abbreviate_it_in_any_language():
    rows = _mentions("Two guards were killed in fighting with Kurdistan Workers Party (PKK) guerrillas. "
                     "The PKK denied it.", parse_registry(EMPTY, "empty.yaml"))
    assert {r["actor_id"] for r in rows if r["actor_type"] != "place"} == {"d:kurdistan_workers_party"}


def test_a_name_of_another_state_is_no_spelling_variant_of_a_registry_name():
    rows = _mentions("The Iraqi News Agency said the Iraqi Foreign Ministry had protested. The Islamic "
                     "Republic News Agency denied it.")
    found = {r["text"]: r["actor_id"] for r in rows}
    assert found["Islamic Republic News Agency"] == "irna"
    assert not {found["Iraqi News Agency"], found.get("Iraqi Foreign Ministry")} & {"irna", "iran_foreign_ministry"}


def test_capitals_travelled_to_and_regions_named_after_states_are_places():
    rows = _mentions("The hijack started when the flight left Khartoum for Amman. The hijackers wanted to be "
                     "taken to London. The airliner refuelled at Larnaca, Cyprus and landed at London's "
                     "Stansted airport. A newspaper quoted the West Azerbaijan province security chief.",
                     parse_registry(EMPTY, "empty.yaml"))
    assert {r["text"]: r["actor_type"] for r in rows if r["actor_type"] != "place"} == {"Cyprus": "state"}


def test_operations_and_the_places_of_treaties_are_no_actors_and_outlets_follow_their_noun():
    rows = _mentions("The allied force, known as Operation Provide Comfort, is based in Turkey. Refugees "
                     "were not told of their rights under the Dayton peace agreement, police told the "
                     "Yugoslav news agency Tanjug.", parse_registry(EMPTY, "empty.yaml"))
    assert {r["text"] for r in rows if r["actor_type"] != "place"} == {"Turkey", "Tanjug"}


def test_the_last_word_of_one_body_named_before_is_that_body():
    rows = _mentions("The Palestinian Authority was set up in 1994. Israel will not allow the Authority to "
                     "operate in Jerusalem.")
    assert {r["actor_id"] for r in rows if r["text"] == "Authority"} == {"palestinian_authority"}


def test_a_person_s_name_goes_on_to_the_proper_noun_it_hangs_on():
    # spaCy labels "Abdul-Karim" PERSON and "Kabariti" GPE here
    rows = _mentions("Jordanian Prime Minister Abdul-Karim al-Kabariti began talks with Yasser Arafat. "
                     "Kabariti flew by helicopter to Ramallah.", parse_registry(EMPTY, "empty.yaml"))
    assert {r["actor_id"] for r in rows if "Kabariti" in r["text"]} == {"d:abdul_karim_al_kabariti"}


def test_an_institution_after_its_state_s_name_is_that_state_s():
    rows = _mentions("Our ambassador is in touch with the UAE foreign ministry, an embassy official said.",
                     parse_registry(EMPTY, "empty.yaml"))
    assert [(r["text"], r["actor_id"]) for r in rows if r["method"] == "institution"] == [
        ("foreign ministry", "d:united_arab_emirates_foreign_ministry")]


def test_an_institution_in_a_title_before_a_name_is_no_mention():
    rows = _mentions("BEIRUT 1996-08-26\n\nParliament Speaker Nabih Berri said the south should not be used "
                     "in the elections. Parliament will meet on Monday.", parse_registry(EMPTY, "empty.yaml"))
    assert [r["start_char"] for r in rows if r["method"] == "institution"] == [rows[-1]["start_char"]]
    assert rows[-1]["text"] == "Parliament"


def test_a_people_written_as_a_plural_proper_noun_is_a_group_whatever_spacy_labels_it():
    # spaCy leaves "Tamils" unlabelled and takes "Bedouins" for a building here
    rows = _mentions("Tamil Tiger rebels overran a police post. The rebels are fighting for independence for "
                     "minority Tamils in the island's north. Israeli forces ransacked a Bedouin encampment. "
                     "A spokesman said the Bedouins were moved because they were encamped on a firing zone.",
                     parse_registry(EMPTY, "empty.yaml"))
    found = _by_text(rows)
    assert found["Tamils"]["actor_type"] == found["Bedouins"]["actor_type"] == "group"


def test_a_word_before_news_agency_that_is_no_state_s_demonym_names_the_agency():
    rows = _mentions("Turkish troops killed 17 rebels, the state-run Anatolian news agency said. The Iranian "
                     "news agency denied it.", parse_registry(EMPTY, "empty.yaml"))
    assert [(r["text"], r["actor_type"]) for r in rows] == [("Anatolian", "organization")]


def test_a_common_word_opening_a_sentence_is_no_name():
    # spaCy labels "Proud" PERSON and leaves "Leaders" an unlabelled proper noun subject
    rows = _mentions("WASHINGTON 1996-08-23\n\nLeaders of Iraq's two main Kurdish factions agreed to end the "
                     "fighting, the State Department said. The two leaders will meet in London.\n\nProud of "
                     "its record in joining the Council of Europe, Ukraine caused a wrangle this week. The "
                     "government has every reason to be proud.", parse_registry(EMPTY, "empty.yaml"))
    assert not {"Leaders", "Proud"} & {r["text"] for r in rows}


def test_weapons_and_god_spacy_takes_for_people_are_no_actors():
    # spaCy labels "Kalashnikov", "Kalashnikovs" and "God" PERSON here
    rows = _mentions('A British aid worker said a cocked Kalashnikov had been thrust into his mouth. "We were '
                     'beaten with Kalashnikovs," said Michael Penrose. "We do not want a war, God forbid."',
                     parse_registry(EMPTY, "empty.yaml"))
    assert {r["text"] for r in rows} == {"Michael Penrose"}


def test_a_ministry_s_field_before_it_and_names_joined_by_a_hyphen():
    rows = _mentions("MOSCOW 1996-08-22\n\nAbout 200 interior ministry forces clashed with rebels. Said has "
                     "criticised the 1993 Israeli-PLO self-rule deal.")
    found = {r["text"]: r["actor_id"] for r in rows}
    assert found["interior ministry"] == "d:russia_interior_ministry"
    assert found["PLO"] == "plo" and "Israeli-PLO" not in found


def test_words_of_demonyms_villages_and_the_government_army_of_a_sierra_leone_story():
    # spaCy labels "Sierra" ORG, "Leonean" PERSON, and "Foindu" GPE once and ORG once here
    rows = _mentions("FREETOWN 1996-08-28\n\nSierra Leonean rebels killed 31 villagers in an attack on the "
                     "eastern village of Foindu, Major Fallah Sewa said. Sewa said the rebels overran Foindu. "
                     "An army spokesman said it was the third attack. Rebels of the Revolutionary United Front "
                     "agreed a ceasefire in April. Diplomats say the RUF wants foreign troops helping the "
                     "government army to leave.", parse_registry(EMPTY, "empty.yaml"))
    actors_found = {r["text"]: r["actor_id"] for r in rows if r["actor_type"] != "place"}
    assert actors_found == {"Fallah Sewa": "d:fallah_sewa", "Sewa": "d:fallah_sewa", "army": "d:sierra_leone_army",
                            "Revolutionary United Front": "d:revolutionary_united_front",
                            "RUF": "d:revolutionary_united_front", "government army": "d:sierra_leone_army"}


def test_a_daily_s_name_a_spelling_of_bosnia_and_some_words_of_a_registry_name():
    rows = _mentions('"It is time to end this farce," said the pro-government daily Le Figaro. Citizens vote '
                     "for a presidency for all Bosnia-Hercegovina. Members of the Palestinian Islamic group "
                     "Hamas are on the guest list.")
    found = {r["text"]: (r["actor_id"], r["actor_type"]) for r in rows}
    assert found["Le Figaro"] == ("d:le_figaro", "organization")
    assert found["Bosnia-Hercegovina"] == ("d:bosnia_and_herzegovina", "state")
    assert found.get("Palestinian Islamic", ("",))[0] != "palestinian_islamic_jihad"


def test_a_people_s_name_as_an_adjective_and_a_gloss_in_brackets_are_no_actors():
    # spaCy labels "Kurd" PERSON and "Hutu" ORG here
    rows = _mentions("Turkish Kurd guerrillas said they would free seven soldiers held in the Kurdish "
                     "north. The army fights Hutu guerrillas and the Hutus are the majority.",
                     parse_registry(EMPTY, "empty.yaml"))
    found = {r["text"] for r in rows}
    assert not {"Kurd", "Hutu"} & found and "Hutus" in found
    rows = _mentions("BAGHDAD 1996-08-22\n\nThey said Zhirinovsky told Saddam that his Liberal Democratic party "
                     'and the Russian Duma (parliament) "are calling for an immediate lifting of the embargo".',
                     parse_registry(EMPTY, "empty.yaml"))
    assert "Russian Duma" in {r["text"] for r in rows} and not any(r["method"] == "institution" for r in rows)


def test_names_spacy_takes_for_works_peoples_or_leaves_in_capitals():
    # spaCy labels "Bild am Sonntag" WORK_OF_ART and "Necmettin Erbakan" NORP, and leaves "RIA" unlabelled
    rows = _mentions("But Ruehe told Bild am Sonntag in an interview that a new mandate would be agreed. The "
                     "premier is due to meet his Turkish counterpart Necmettin Erbakan on Tuesday.\n"
                     "RIA news agency quoted an army source.", parse_registry(EMPTY, "empty.yaml"))
    found = {r["text"]: r["actor_type"] for r in rows}
    assert found["Bild am Sonntag"] == found["RIA"] == "organization"
    assert found["Necmettin Erbakan"] == "person"


def test_a_name_cut_after_a_hyphen_and_a_name_ending_with_a_road_s_noun():
    rows = _mentions('The latest bombing, close on the heels of the new orders, brought charges that police were '
                     'powerless. "No searches, no arrests, no police reinforcements visible on the island, despite '
                     'the ministry\'s promises," the daily France-Soir lamented.')
    found = {r["text"]: r["actor_type"] for r in rows}
    assert "Soir" not in found  # the cut name is no person of its own
    rows = _mentions("Troops were posted on the highway between Mano Junction and the diamond town of Tongo Field. "
                     "Chadian government forces recaptured the oasis of Fada from Libyan troops.",
                     parse_registry(EMPTY, "empty.yaml"))
    assert {r["actor_type"] for r in rows} == {"place"}


def test_an_acronym_in_brackets_after_a_description_names_the_body():
    rows = _mentions("The current NATO-led peace force (IFOR) in Bosnia is due to return home at the end of the "
                     "year.", parse_registry(EMPTY, "empty.yaml"))
    assert {r["text"]: r["actor_type"] for r in rows}["IFOR"] == "organization"


def test_a_body_s_name_ending_on_a_state_holds_both():
    rows = _mentions("The Islamic Jihad for the Liberation of Palestine said in a statement that the deadline "
                     "expired on Monday. The Bank of Israel raised rates.")
    assert [r["text"] for r in rows] == ["Islamic Jihad for the Liberation of Palestine", "Bank of Israel"]


def test_adjectives_of_regions_and_soviet_are_no_names():
    rows = _mentions("BEIRUT, March 3 - Pro-Iranian kidnappers holding American hostages in Lebanon said today they "
                     "would kill them unless Israel freed 400 Arab prisoners. The Islamic Jihad for the Liberation "
                     "of Palestine said in a statement delivered to a Western news agency in Beirut that the "
                     "deadline expired on Monday. Soviet troops left.")
    assert not {"Western", "Soviet"} & {r["text"] for r in rows}


def test_the_army_after_a_registry_army_named_with_its_state_is_that_army():
    rows = _mentions("JERUSALEM 1996-08-30\nHizbollah guerrillas attacked an Israeli army patrol in south Lebanon's "
                     "occupied zone, the army said.")
    assert {r["actor_id"] for r in rows if "army" in r["text"]} == {"idf"}


# ---------------------------------------------------------------------------- speakers

def _speakers(text, author=None, published=dt.date(2016, 3, 1)):
    parsed = _parse(text, published, author)
    rows = actors.extract_mentions(parsed, load_registry())
    return [(q["text"][:20], q["speaker_actor_id"]) for q in quotes.extract_quotes(parsed, rows)]


def test_x_quoted_y_as_saying_gives_y():
    assert _speakers('Palestine Online quoted Hamdan as saying "the resistance will go on to the end".') == [
        ("the resistance will ", "osama_hamdan")]


def test_pronoun_goes_to_the_nearest_earlier_person_not_to_an_organisation():
    text = ('Russian President Vladimir Putin met officials of the Organisation of Islamic Cooperation. '
            '"This is a turning point for the region," he asserted.')
    assert _speakers(text) == [("This is a turning po", "d:vladimir_putin")]


def test_role_description_goes_to_the_role_holder():
    text = 'The Islamic Jihad leader said "we will answer every raid on the camps".'
    assert _speakers(text, published=dt.date(2016, 3, 1)) == [("we will answer every", "ramadan_shallah")]


def test_byline_and_places_are_never_speakers():
    text = ('By Yossi Cohen\nA rocket hit Sderot on Monday. '
            '"We heard the sirens and ran to the shelter," she said.')
    assert _speakers(text, author="Yossi Cohen") == [("We heard the sirens ", None)]


def _kinds(text):
    parsed = _parse(text)
    rows = actors.extract_mentions(parsed, load_registry())
    return [(q["text"], q["kind"], q["speaker_actor_id"]) for q in quotes.extract_quotes(parsed, rows)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Mohammed Hamdan, a spokesman for the ministry, said that aid trucks were waiting at the crossing.",
     [("aid trucks were waiting at the crossing", "reported", "d:mohammed_hamdan")]),
    ("Aid trucks were waiting at the crossing for a third day, Mohammed Hamdan said.",
     [("Aid trucks were waiting at the crossing for a third day", "reported", "d:mohammed_hamdan")]),
    ("The Organisation of Islamic Cooperation said in a statement that the raid violated international law.",
     [("the raid violated international law", "reported", "d:organisation_of_islamic_cooperation")]),
    ('Mohammed Hamdan said: "Aid trucks are waiting at the crossing."',
     [("Aid trucks are waiting at the crossing.", "direct", "d:mohammed_hamdan")]),
])
def test_reported_speech_is_a_quote_of_its_own_kind_with_its_speaker(text, expected):
    assert _kinds(text) == expected


# ---------------------------------------------------------------------------- across the corpus

def _row(article, text, actor_id, name, kind="person", method="ner"):
    return {"article_id": article, "text": text, "actor_id": actor_id, "actor_name": name,
            "actor_type": kind, "method": method}


def test_a_place_and_a_group_with_the_same_consonants_stay_apart():
    tally = merge.ActorTally()
    tally.add([{"actor_id": "d:tutsi", "actor_name": "Tutsi", "actor_type": "place", "text": "Tutsi",
                "article_id": "a", "method": "ner"},
               {"actor_id": "d:tutsis", "actor_name": "Tutsis", "actor_type": "group", "text": "Tutsis",
                "article_id": "a", "method": "ner"}])
    corpus = merge.corpus_actors(tally, parse_registry(EMPTY, "empty.yaml"))
    assert corpus.canonical.get("d:tutsis", "d:tutsis") == "d:tutsis"
    assert corpus.canonical.get("d:tutsi", "d:tutsi") == "d:tutsi"


def test_a_name_read_once_as_a_group_and_once_as_a_place_is_a_group():
    tally = merge.ActorTally()
    tally.add([{"actor_id": "d:chechens", "actor_name": "Chechens", "actor_type": t, "text": "Chechens",
                "article_id": "a", "method": "ner"} for t in ("place", "group")])
    corpus = merge.corpus_actors(tally, parse_registry(EMPTY, "empty.yaml"))
    assert {r["actor_id"]: r["type"] for r in corpus.rows}["d:chechens"] == "group"


def test_spelling_variants_surnames_and_abbreviations_merge_with_their_reasons():
    tally = merge.ActorTally()
    tally.add([_row("a", "Mohammed Hamdan", "d:mohammed_hamdan", "Mohammed Hamdan"),
               _row("a", "Mohammed Hamdan", "d:mohammed_hamdan", "Mohammed Hamdan"),
               _row("b", "Muhammad Hamdan", "d:muhammad_hamdan", "Muhammad Hamdan"),
               _row("c", "Hamdan", "d:hamdan", "Hamdan"),
               _row("d", "Mahmoud Abbas Zaki", "d:mahmoud_abbas_zaki", "Mahmoud Abbas Zaki"),
               _row("d", "Ministry of Health", "d:ministry_of_health", "Ministry of Health", "government_body"),
               _row("d", "MoH", "d:ministry_of_health", "Ministry of Health", "government_body", "abbreviation"),
               _row("e", "MoH", "d:moh", "MoH", "organization")])
    corpus = merge.corpus_actors(tally, parse_registry(EMPTY, "empty.yaml"))
    assert corpus.canonical["d:muhammad_hamdan"] == corpus.canonical["d:hamdan"] == "d:mohammed_hamdan"
    assert corpus.canonical["d:moh"] == "d:ministry_of_health"
    assert corpus.canonical["d:mahmoud_abbas_zaki"] == "d:mahmoud_abbas_zaki"
    row = next(r for r in corpus.rows if r["actor_id"] == "d:mohammed_hamdan")
    assert row["origin"] == "discovered" and row["merged_from"] == ["d:hamdan", "d:muhammad_hamdan"]
    assert row["merge_reasons"] == ["Hamdan: surname of 'Mohammed Hamdan', the only person of that name",
                                    "Muhammad Hamdan: same name in another spelling as 'Mohammed Hamdan'"]
    assert set(row["aliases"]) == {"Muhammad Hamdan", "Hamdan"}


def test_similar_names_of_different_people_stay_apart():
    tally = merge.ActorTally()
    tally.add([_row("a", "Mahmoud Abbas", "d:mahmoud_abbas", "Mahmoud Abbas"),
               _row("b", "Mohammed Abbas", "d:mohammed_abbas", "Mohammed Abbas"),
               _row("c", "Hassan Ali", "d:hassan_ali", "Hassan Ali"),
               _row("d", "Hussein Ali", "d:hussein_ali", "Hussein Ali")])
    corpus = merge.corpus_actors(tally, parse_registry(EMPTY, "empty.yaml"))
    assert len({corpus.canonical[i] for i in corpus.canonical}) == 4


def _write_corpus(folder, texts):
    folder.mkdir()
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


VARIANT_TEXTS = {
    "a": "date 2021-05-02\n\nMohammed Hamdan, a spokesman, met Red Crescent officials in Gaza. "
         "Mohammed Hamdan said the crossing would open.\n",
    "b": "date 2021-05-03\n\nMuhammad Hamdan told reporters that aid trucks were waiting.\n",
}


def test_the_pipeline_gives_one_id_per_actor_across_articles_and_parts(tmp_path):
    corpus = _write_corpus(tmp_path / "corpus", VARIANT_TEXTS)
    tables = run.extract_corpus(corpus, use_cache=False).tables
    hamdan = tables["mentions"][tables["mentions"]["text"].str.contains("Hamdan")]
    assert set(hamdan["actor_id"]) == {"d:mohammed_hamdan"} and set(hamdan["actor_name"]) == {"Mohammed Hamdan"}
    row = tables["actors"].set_index("actor_id").loc["d:mohammed_hamdan"]
    assert row["origin"] == "discovered" and list(row["merged_from"]) == ["d:muhammad_hamdan"]
    assert (tables["actors"]["origin"] == "registry").sum() == len(load_registry().actors)
    # the Parquet path writes the articles in separate parts, then makes the ids canonical
    articles, _, registry = run.load_inputs(corpus)
    run.extract_to_folder(articles, registry, tmp_path / "out", use_cache=False, part_size=1, chunk_size=1)
    written = store.read_tables(tmp_path / "out")
    assert set(written["mentions"].loc[written["mentions"]["text"].str.contains("Hamdan"), "actor_id"]) == {
        "d:mohammed_hamdan"}
    pd.testing.assert_frame_equal(written["actors"], tables["actors"])


def test_actors_suggest_writes_registry_entries_that_load(tmp_path, capsys):
    corpus = _write_corpus(tmp_path / "corpus", VARIANT_TEXTS)
    out = tmp_path / "suggested.yaml"
    assert main(["actors", "suggest", str(corpus), "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    registry = parse_registry(text, str(out))  # valid registry YAML, ready to add
    hamdan = registry.actors["mohammed_hamdan"]
    assert hamdan.type == "person" and "Muhammad Hamdan" in hamdan.aliases
    assert "# 3 mention(s) in 2 article(s)" in text
    assert "# merged: Muhammad Hamdan: same name in another spelling as 'Mohammed Hamdan'" in text
    assert "# e.g. Mohammed Hamdan, a spokesman, met Red Crescent officials in Gaza. (a, sentence 0)" in text
    assert "suggested actor(s) written to" in capsys.readouterr().err
    assert main(["actors", "suggest", str(tmp_path / "nope")]) == 2


# ---------------------------------------------------------------------------- an empty registry on real text

def _reuters_market_stories(count):
    """Return the first Reuters-21578 stories with ORGS codes that are not in the unseen gold set."""
    unseen = PROJECT_ROOT / "tests" / "gold" / "unseen" / "documents.csv"
    listed = unseen.read_text(encoding="utf-8") if unseen.exists() else ""
    skip = set(re.findall(r"reuters21578/[^,]+,(\d+)", listed))
    raw = gzip.open(REUTERS / "reut2-000.xml.gz", "rb").read().decode("latin-1")
    stories = []
    for story in re.finditer(r"<REUTERS[^>]*NEWID=\"(\d+)\".*?</REUTERS>", raw, re.S):
        body = re.search(r"<BODY>(.*?)</BODY>", story.group(0), re.S)
        if body and "<ORGS><D>" in story.group(0) and story.group(1) not in skip:
            stories.append((story.group(1), html.unescape(body.group(1)).replace("\x03", "")))
        if len(stories) == count:
            break
    return stories


REUTERS = SHARED / "corpora" / "reuters21578"


@pytest.mark.skipif(not REUTERS.is_dir(), reason="../shared/corpora is not mounted")
def test_empty_registry_on_reuters_market_stories_still_gives_linked_actors(tmp_path):
    corpus = tmp_path / "reuters"
    corpus.mkdir()
    for newid, body in _reuters_market_stories(6):
        (corpus / f"reuters-{newid}.txt").write_text(body, encoding="utf-8")
    registry = tmp_path / "empty.yaml"
    registry.write_text(EMPTY, encoding="utf-8")
    tables = run.extract_corpus(corpus, registry, use_cache=False).tables
    mentions, table = tables["mentions"], tables["actors"]
    assert len(mentions) >= 30 and mentions["actor_id"].notna().all()
    assert set(table["origin"]) == {"discovered"}
    assert set(mentions["actor_id"]) == set(table["actor_id"])
    assert {"state", "organization", "person"} <= set(table["type"])
    assert mentions["article_id"].nunique() == 6


@pytest.mark.parametrize("text", ["", "actor:\n  - {id: a, name: A, type: person}\n"])
def test_extract_refuses_a_registry_without_actors(tmp_path, capsys, text):
    corpus = _write_corpus(tmp_path / "corpus", VARIANT_TEXTS)
    registry = tmp_path / "typo.yaml"
    registry.write_text(text, encoding="utf-8")
    assert main(["extract", str(corpus), "--out", str(tmp_path / "out"), "--registry", str(registry)]) == 2
    err = capsys.readouterr().err
    assert f"error: {registry}: not an actor registry: no 'actors:' key" in err
    assert not (tmp_path / "out").exists()
    assert yaml.safe_load(EMPTY) == {"actors": []}


def test_every_name_of_the_country_library_and_of_the_registry_is_found_in_running_text():
    # the name regexes skip positions by the names' first letters: none may be lost
    from helpers.extract.states import state_index

    library = state_index()
    for name in {n for state in library.states for n in state.names}:
        assert any(s == 3 for s, _ in library.find(f"in {name} today")), name
    index = actors.registry_index(load_registry())
    for alias in index.alias_actor:
        assert any(m.start() == 3 for m in index.alias_regex.finditer(f"in {alias} today")), alias


def test_the_wires_angle_brackets_around_a_company_are_not_part_of_its_name():
    # Reuters-21578 2007 (a crude-oil story): the wire marks company names with angle brackets
    rows = _mentions("<Orbit Oil and Gas Ltd> said the value of its oil and gas reserves increased by 19 pct to "
                     "52.6 mln dlrs from 44.2 mln dlrs reported at year-end 1985, according to an independent "
                     "appraisal.")
    assert [r["text"] for r in rows if "Orbit" in r["text"]] == ["Orbit Oil and Gas Ltd"]


def test_words_the_wire_capitalised_after_a_states_abbreviation_are_no_name():
    # Reuters-21578 4726 (dev_actors batch reuters, ru11): 1987 copy capitalises the word after "U.S."
    rows = _mentions("Wallison referred to the question of whether Reagan gave prior approval to an Israeli "
                     "shipment of U.S. Arms to Iran. Reagan could not recall when he approved the arms sale.")
    texts = {r["text"]: r["actor_id"] for r in rows}
    assert "U.S. Arms" not in texts
    assert texts.get("U.S.") == "united_states"
    # Reuters-21578 17381 (ru12)
    rows = _mentions("Washington views with concern a plan to increase Japan's voting power at the Asian Development "
                     "Bank (ADB), a U.S. Delegate at the bank's annual meeting said.")
    assert "U.S. Delegate" not in {r["text"] for r in rows}


def test_a_company_after_general_is_no_titled_person():
    # Reuters-21578 7396 (ru08)
    rows = _mentions("The United Auto Workers has set a March 26 strike deadline at General Motors Corp's "
                     "Pontiac, Mich., truck and bus plant, a UAW spokesman said.")
    assert not any(r["actor_type"] == "person" and "Motors" in r["text"] for r in rows)


def test_an_acronym_of_a_phrase_in_lower_case_is_no_body():
    # Reuters-21578 17356 (ru03)
    rows = _mentions("Shultz called proposals to broaden the eligibility criteria of USDA's export enhancement "
                     "program (EEP) to include all U.S. customers \"questionable.\" An across-the-board EEP would "
                     "mark a \"considerable change\" in the current program.")
    texts = {r["text"] for r in rows}
    assert "EEP" not in texts and "USDA" in texts


def test_the_next_parliament_is_the_parliament():
    # CoNLL-2003 test document 163 (ct163)
    rows = _mentions("LONDON 1996-12-06\n"
                     "Clarke had threatened to resign if the government declared it would not sign up for the "
                     "currency in the next Parliament. "
                     "Major told parliament on Thursday he would keep his options open.")
    bodies = {r["actor_id"] for r in rows if r["actor_type"] == "government_body"}
    assert bodies == {"d:united_kingdom_parliament"}


def test_a_companys_initials_leave_out_its_legal_form():
    # Reuters-21578 7396 (ru08)
    rows = _mentions("The United Auto Workers has set a March 26 strike deadline at General Motors Corp's "
                     "Pontiac, Mich., truck and bus plant, a UAW spokesman said. "
                     "The union earlier said it today notified GM of its intent to authorize a strike.")
    ids = {r["text"]: r["actor_id"] for r in rows}
    assert ids["GM"] == ids["General Motors Corp"]


def test_a_prison_and_the_places_of_a_flight_are_places():
    # CoNLL-2003 test document 147 (ct147)
    rows = _mentions("Mahammad Rashid was whisked from Korydallos maximum security prison just outside Athens to "
                     "the airport where he boarded a regular Olympic Airways flight to Cairo where he would transit "
                     "to Tunis and the former Palestine Liberation Organisation headquarters.")
    types = {r["text"]: r["actor_type"] for r in rows}
    assert types["Korydallos"] == types["Cairo"] == types["Tunis"] == "place"
    assert types["Mahammad Rashid"] == "person"


def test_a_stance_before_a_party_and_the_mp_are_no_names():
    # CoNLL-2003 test documents 163 and 063 (ct163, ct063)
    rows = _mentions("Pro-European Conservative MP Edwina Currie told the BBC that if Clarke resigned, other "
                     "ministers would go with him. Gorst's office said later the MP would not feel himself obliged "
                     "to vote with the government.")
    texts = {r["text"] for r in rows}
    assert "Conservative" in texts and "Edwina Currie" in texts
    assert not any("Pro-European" in t for t in texts) and "MP" not in texts


def test_a_name_that_opens_a_longer_one_is_someone_else():
    # CoNLL-2003 test document 104 (ct104)
    rows = _mentions("On Tuesday and Wednesday, opposition leader Aung San Suu Kyi was restricted to her home by the "
                     "military government. Suu Kyi, a Nobel laureate and daughter of independence hero Aung San, and "
                     "key NLD officials have also denied any link with the students.")
    ids = {r["text"]: r["actor_id"] for r in rows}
    assert ids["Suu Kyi"] == ids["Aung San Suu Kyi"]
    assert ids["Aung San"] not in (None, ids["Aung San Suu Kyi"])


def test_a_partys_members_in_the_plural_are_the_party():
    # CoNLL-2003 test document 163 (ct163)
    rows = _mentions("A \"Euro-sceptic\" member of the ruling Conservative party said on Thursday British finance "
                     "minister Kenneth Clarke had to resign. Member of Parliament Tony Marlow said the resignation "
                     "of the chancellor of the exchequer was the only way to make the Conservatives electable.")
    ids = {r["text"]: r["actor_id"] for r in rows}
    assert ids["Conservatives"] == ids["Conservative party"]


def test_a_university_after_a_preposition_of_place_stays_a_body():
    # CoNLL-2003 test document 104 (ct104)
    rows = _mentions("About 200 Burmese students marched briefly from troubled Yangon Institute of Technology in "
                     "northern Rangoon on Friday towards the University of Yangon six km (four miles) away.")
    types = {r["text"]: r["actor_type"] for r in rows}
    assert types["University of Yangon"] == "organization"
    assert types["Rangoon"] == "place"


def test_a_stance_alone_is_no_name():
    # CoNLL-2003 test document 163 (ct163)
    rows = _mentions("His statement was interpreted as a significant victory for Clarke and fellow pro-European "
                     "Michael Heseltine, deputy prime minister.")
    texts = {r["text"] for r in rows}
    assert "Michael Heseltine" in texts and not any("European" in t for t in texts)


def test_a_time_zone_after_a_time_of_day_is_no_body():
    # Reuters-21578 7396 (ru08)
    rows = _mentions("The spokesman said that the 9,000 UAW-represented workers at the facility will walk off the "
                     "job at noon (EST) next Thursday if an agreement is not reached by that time.")
    assert "EST" not in {r["text"] for r in rows}


def test_the_field_of_a_secretarys_title_is_no_body():
    # Reuters-21578 20232 (ru05) and 9055 (ru02)
    rows = _mentions("The United States and India have not yet agreed on a food aid package to help the "
                     "drought-stricken Asian country, Agriculture Secretary Richard Lyng said.")
    assert "Agriculture" not in {r["text"] for r in rows}
    rows = _mentions("Volcker said he endorsed comments by Treasury Secretary James Baker. In his letter, made "
                     "available at the Treasury, Volcker also said a proposal was a problem.")
    assert [r["text"] for r in rows].count("Treasury") == 2


def test_copy_that_capitalises_a_function_word_after_u_s_capitalises_every_word_there():
    # rr01, rr02 (Reuters-21578 21006, 8188; batch reuters3): 1987 copy capitalises the word after "U.S."
    from helpers.extract.discovery import wire_capitals

    body = "U.S. Warships destroyed the oil platform. The U.S. Would do whatever was necessary. A U.S. Navy group"
    assert wire_capitals(body, "U.S. Warships") and not wire_capitals(body, "U.S. Navy")


def test_a_place_named_after_a_state_that_is_not_it_names_no_state():
    # Reuters-21578 1579 (coffee policy): "America" of "Central America" is not the United States
    rows = _mentions("The State department, a major player in setting U.S. coffee policy, may then face "
                     "conflicting pressures, particularly from politically-sensitive U.S. allies in Central America.")
    assert [r["text"] for r in rows if r["actor_id"] == "united_states"] == ["U.S.", "U.S."]
    # Reuters-21578 6657: nor of "Latin America"
    rows = _mentions("Sources within Latin America and the Caribbean hold little hope for the region's sugar "
                     "industry to return to profitability unless the U.S. And EC change their policies.")
    assert [r["text"] for r in rows if r["actor_id"] == "united_states"] == ["U.S."]


def test_shipment_months_are_no_name():
    # Reuters-21578 1 (cocoa review): spaCy takes "Aug/Sept" for an organisation
    rows = _mentions("New crop sales were also light and all to open ports with June/July going at 1,850 and "
                     "1,880 dlrs and at 35 and 45 dlrs under New York july, Aug/Sept at 1,870, 1,875 and 1,880 "
                     "dlrs per tonne FOB.")
    assert not [r for r in rows if "/" in r["text"]]


def test_a_body_whose_name_differs_by_a_whole_word_is_not_fuzzily_another():
    # Reuters-21578 3577: when cleaning dropped the wrapped first line "Johnson and Johnson said the U.S." as a
    # headline, the body began "Food and Drug Administration has notified ...", and spaCy's "Drug Administration"
    # was fuzzily the registry's "US administration" (the United States)
    index = actors.registry_index(load_registry())
    assert actors.best_fuzzy("Drug Administration", index)[0] != "united_states"
    assert actors.best_fuzzy("Food and Drug Administration", index)[1] < actors.FUZZY_THRESHOLD
    # a misspelling of a body's words is still the body
    assert actors.best_fuzzy("Islamic Revolutionary Gaurd Corps", index)[0] == "irgc"
    assert actors.best_fuzzy("Palestinian Islamic Jehad", index)[0] == "palestinian_islamic_jihad"


def test_a_belief_or_an_attitude_in_one_word_is_no_actor():
    """rss2023 (The Hill, 20 Oct 2023): spaCy takes "Islamophobia" for an organisation."""
    rows = _mentions("President Biden on Thursday used an Oval Office address to condemn Islamophobia and "
                     "antisemitism in the aftermath of the killing of a Palestinian-American boy.",
                     published=dt.date(2023, 10, 20))
    assert "Islamophobia" not in {r["text"] for r in rows}
    assert "Biden" in {r["text"] for r in rows}


def test_vessels_weapons_and_sites_are_no_actors():
    # Reuters-21578, October 1987 (the Gulf war): ships after their noun, places after a site's "at" or before
    # a noun of place; spaCy's small model takes most of them for people
    rows = _mentions("U.S. Defense Secretary Caspar Weinberger said the destroyers Kidd, Young, Leftwich and Hoel "
                     "fired about 1,000 rounds. The U.S. owned Liberian flag tanker Sungari was hit on Thursday. "
                     "He predicted the United States would respond by hitting Iran's naval base at Bandar Abbas. "
                     "One of them, sitting astride the Rostam offshore oilfield, was all but blown out of the water. "
                     "The fourth army corps fought mainly in the swamplands of the Hawizah marshes.",
                     parse_registry(EMPTY, "empty.yaml"))
    actors = {r["text"] for r in rows if r["actor_type"] not in ("place", "state")}
    assert actors & {"Kidd", "Young", "Leftwich", "Hoel", "Sungari", "Bandar Abbas", "Rostam", "Hawizah"} == set()
    assert "Caspar Weinberger" in actors


def test_the_house_a_lower_case_congress_and_a_ministry_a_spokesman_speaks_for_are_institutions():
    # Reuters-21578, 1987: the House of Representatives named by its noun alone; Norway's foreign ministry named
    # in its spokesman's title (a speaker's title is no mention: "Parliament Speaker Nabih Berri")
    rows = _mentions("WASHINGTON, April 1 - The President faces a fight in the Democratic-controlled House, and "
                     "the White House will ask congress to act. The house was empty.",
                     parse_registry(EMPTY, "empty.yaml"))
    assert [(r["text"], r["actor_id"]) for r in rows if r["method"] == "institution"] == [
        ("House", "d:united_states_house"), ("congress", "d:united_states_congress")]
    rows = _mentions("OSLO, March 16 - \"Trade between South Africa and Norway has dropped,\" Foreign Ministry "
                     "spokesman Per Paust told Reuters.", parse_registry(EMPTY, "empty.yaml"))
    assert [(r["text"], r["actor_id"]) for r in rows if r["method"] == "institution"] == [
        ("Foreign Ministry", "d:norway_foreign_ministry")]


def test_a_code_name_with_a_number_is_no_person_and_a_title_keeps_a_person_where_money_went():
    # Reuters-21578 (1987): "Karbala-8", an offensive's code name, is a "person" to spaCy's small model; money
    # that "went to" a titled man does not make him a place
    rows = _mentions("\"We don't believe that what has been called Karbala-8 is a major offensive,\" State "
                     "Department spokesman Charles Redman said. It said up to six mln dlrs went to Hojatoleslam "
                     "Hashemi Rafsanjani, speaker of Iran's parliament.", parse_registry(EMPTY, "empty.yaml"))
    found = {r["text"]: r["actor_type"] for r in rows}
    assert "Karbala-8" not in found and found["Charles Redman"] == "person"
    assert found["Hashemi Rafsanjani"] == "person"


def test_a_brigade_named_after_someone_is_an_armed_group_and_a_company_s_unit_no_actor_of_its_own():
    # composed in the style of the 1987 Gulf war wires; the second sentence is Reuters-21578's
    rows = _mentions("Iraq said the Iranians attacked positions held by the Saad bin Abi Waqqas brigade. "
                     "The Ford Motor Co unit had sold a record number of cars.", parse_registry(EMPTY, "empty.yaml"))
    found = {r["text"]: r["actor_type"] for r in rows}
    assert found.get("Saad bin Abi Waqqas brigade") == "armed_group"
    assert "Ford Motor Co unit" not in found


def test_a_cabinet_minister_is_a_rank_not_the_cabinet_and_a_body_named_without_its_state_is_the_same_body():
    # Reuters-21578, 1987
    rows = _mentions("BRUSSELS, March 13 - Senior Belgian cabinet ministers reached an agreement on budgetary "
                     "economies, the government said in a statement. The cabinet will meet again on Monday.",
                     parse_registry(EMPTY, "empty.yaml"))
    assert [(r["text"], r["actor_id"]) for r in rows if r["method"] == "institution"] == [
        ("cabinet", "d:belgium_cabinet")]
    assert rows[-1]["text"] == "cabinet"
    rows = _mentions("WASHINGTON, March 23 - The United States has offered Navy warships to escort Kuwaiti oil "
                     "tankers into and out of the Gulf. The tankers could be supplied by three U.S. Navy guided "
                     "missile destroyers.", parse_registry(EMPTY, "empty.yaml"))
    assert {r["actor_id"] for r in rows if "Navy" in r["text"]} == {"d:u_s_navy"}


def test_a_parliament_s_own_name_is_that_state_s_parliament():
    # Reuters-21578, 1987 (Iran's budget): "the Majlis" is Iran's parliament, not a person nor a body of its own
    rows = _mentions("LONDON, Jan 20 - Iran's budget forecasts revenue of 50.3 billion dlrs, figures published by "
                     "the Iranian news agency IRNA show. IRNA, quoting figures supplied by the Majlis, said spending "
                     "for the war with Iraq was up. Iran's parliament approved the budget.",
                     parse_registry(EMPTY, "empty.yaml"))
    assert {(r["text"], r["actor_id"]) for r in rows if r["method"] == "institution"} == {
        ("Majlis", "d:iran_parliament"), ("parliament", "d:iran_parliament")}


def test_a_force_s_name_before_a_rank_is_part_of_the_person_s_title():
    # Reuters-21578 3590 (1987, the Iran-contra affair)
    rows = _mentions("Walsh said he was also urging the committees to delay granting immunity for a third key figure, "
                     "retired Air Force Maj. Gen. Richard Secord, a close North associate.",
                     parse_registry(EMPTY, "empty.yaml"))
    assert not [r for r in rows if "Air Force" in r["text"]]
    assert {r["text"]: r["actor_type"] for r in rows}["Richard Secord"] == "person"


def test_proper_nouns_ending_with_a_body_s_noun_name_a_body_that_spacy_missed():
    # Reuters-21578, 1987; spaCy's small model labels nothing of the Headquarters' name
    rows = _mentions("Tehran Radio, monitored by the British Broadcasting Corporation, said a spokesman for Iran's "
                     "War Information Headquarters was responding \"to U.S. Officials' remarks about taking "
                     "military action against Iran.\"", parse_registry(EMPTY, "empty.yaml"))
    assert "War Information Headquarters" in {r["text"] for r in rows}
