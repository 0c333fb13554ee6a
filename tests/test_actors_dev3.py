"""Actor rules measured on the 'conflict' batch of the actors dev gold (CoNLL-2003 train stories)."""

from test_actors_dev2 import _mentions


def _institutions(rows):
    return [(r["text"], r["actor_id"]) for r in rows if r["method"] == "institution"]


def test_an_institution_s_noun_before_a_noun_of_a_thing_names_no_institution():
    rows = _mentions("KHARTOUM 1996-08-24\n\nSudanese police have arrested three people trying to smuggle sewing "
                     "machines and army clothing to Sudanese opposition groups in Eritrea.")
    assert _institutions(rows) == []
    rows = _mentions("BANGKOK 1996-08-29\n\nAbout 28 percent thought he should dissolve parliament and 24 percent "
                     "thought a cabinet reshuffle could resolve the government's problems.")
    assert _institutions(rows) == [("parliament", "d:thailand_parliament")]
    rows = _mentions("FREETOWN 1996-08-28\n\nAn army spokesman in Freetown said Monday night's attack was the third "
                     "on a military post in the past week.")
    assert _institutions(rows) == [("army", "d:sierra_leone_army")]


def _states(rows):
    return [r["text"] for r in rows if r["actor_type"] == "state"]


def test_a_capital_on_a_route_modifying_a_noun_or_after_capital_is_a_place():
    rows = _mentions("STANSTED, England 1996-08-27\n\nArmed hijackers released between 60 and 70 people on Tuesday "
                     "from a Sudan Airways plane that landed in London after being diverted on a flight from "
                     "Khartoum to Amman, authorities said.")
    assert _states(rows) == []
    rows = _mentions("MONROVIA 1996-08-22\n\nFaction leaders who agreed a new peace deal in the Nigerian capital "
                     "Abuja on Saturday have accused each other of breaking the ceasefire.")
    assert _states(rows) == []
    rows = _mentions("SALANG TUNNEL, Afghanistan 1996-08-29\n\nThe Salang tunnel had been closed since 1994 when "
                     "northern militia leader General Abdul Rashid Dostum rebelled against the Kabul government.")
    assert "Kabul" in _states(rows)


def test_hyphenated_names_stay_whole_and_their_first_part_is_the_same_body():
    rows = _mentions("ISLAMABAD 1996-08-25\n\nThe embattled Afghan government said last week that the Kabul-Salang "
                     "highway would be opened following talks with the Supreme Coordination Council alliance led "
                     "by Jumbish-i-Milli movement of powerful opposition warlord General Abdul Rashid Dostum.\n"
                     "Dostum began fighting in alliance with Hezb-i-Islami party leader Gulbuddin Hekmatyar.\n"
                     "Earlier this month, Jumbish denied a Kabul government statement that the two sides had agreed "
                     "to a ceasefire in the north.")
    found = {r["text"]: r["actor_id"] for r in rows}
    assert found["Jumbish"] == found["Jumbish-i-Milli"] and "Hezb-i-Islami" in found
    assert not {"Milli", "Islami", "Salang"} & set(found)


def test_regions_roads_and_desks_are_no_actors():
    rows = _mentions("JAKARTA 1996-08-29\n\nIt is not politically motivated, the news agency quoted East Java military "
                     "commander Major-General Utomo as saying.\nThe Salang tunnel, the main supply route for Soviet "
                     "troops, had been closed since 1994.\nSeparatist tendencies could spread in other ethnic "
                     "regions, particularly in the strategic North Caucasus.\n-- London Newsroom +44 171 542 7717")
    actors = {r["text"] for r in rows if r["actor_type"] not in ("place", None, "")}
    assert not {"East Java", "Salang", "North Caucasus", "London Newsroom", "London"} & actors


def test_a_people_s_name_only_written_before_a_noun_is_no_person():
    rows = _mentions("BELGRADE 1996-08-29\n\nHe also planned to travel to Sarajevo to oversee the formal dissolution "
                     "of the separatist Croat mini-state in western Bosnia.")
    assert "Croat" not in {r["text"] for r in rows}
    rows = _mentions("KIGALI 1996-08-24\n\nZaire is home to 1.1 million Rwandan Hutu refugees who fled three months of "
                     "civil war in 1994.\nZairean Prime Minister Kengo wa Dondo said on Thursday in a visit to Rwanda "
                     "that his country would expell all the refugees back to Rwanda.")
    found = {r["text"]: r["actor_type"] for r in rows}
    assert "Hutu" not in found and found["Kengo wa Dondo"] == "person"


def test_his_majesty_is_a_title_before_a_sovereign_s_name():
    rows = _mentions("SKHIRAT, Morocco 1996-08-29\n\nKing Hassan of Morocco met former Israeli prime minister Shimon "
                     "Peres on Thursday.\n\"Mr Shimon Peres, who is on a purely private and family visit to Morocco, "
                     "was received on Thursday by his Majesty King Hassan at the royal palace of Skhirat,\" the source "
                     "said.")
    assert {r["actor_id"] for r in rows if r["text"].endswith("Hassan")} == {"d:king_hassan"}


def test_a_council_named_by_role_words_and_a_long_acronym_before_a_force_are_bodies():
    rows = _mentions("MONROVIA 1996-08-28\n\nRuth Perry will be formally installed as head of the ruling State Council "
                     "next Tuesday, a Council statement said.")
    assert "State Council" in {r["text"] for r in rows}
    rows = _mentions("MONROVIA 1996-08-22\n\nNigerian Major General Sam Victor Malu took over on Thursday as commander "
                     "of the ECOMOG peacekeeping force in Liberia.")
    assert {r["text"]: r["actor_type"] for r in rows}.get("ECOMOG") in ("organization", "armed_group")


def test_a_town_that_is_only_the_subject_of_where_it_lies_stays_a_place():
    rows = _mentions("BOGOTA, Colombia 1996-08-25\n\nPolice said the killings occurred on Saturday morning in the "
                     "municipality of Anza but news of the massacre only reached the provincial capital of Medellin "
                     "early on Sunday.\nAnza is only 20 miles (30 km) west of Medellin, but there are no roads linking "
                     "it directly to the city.")
    assert {r["actor_type"] for r in rows if r["text"] == "Anza"} == {"place"}


def test_a_hyphenated_title_is_cut_from_the_person_s_name():
    rows = _mentions("JAKARTA 1996-08-29\n\nIt is evident the happening is not politically motivated but just an "
                     "ordinary criminal act, the news agency quoted East Java military commander Major-General Utomo "
                     "as saying.\nNobody should try and exaggerate it by calling it a bomb, Utomo said.")
    assert {(r["text"], r["actor_id"]) for r in rows if "Utomo" in r["text"]} == {("Utomo", "d:utomo")}


def test_a_people_qualified_by_one_word_is_the_people_named_alone():
    rows = _mentions("NAGYATAD, Hungary 1996-08-28\n\nSome Moslem refugees have written to the OSCE complaining "
                     "that they were unable to vote in contests for the president or assembly of the "
                     "Bosnian-Croat Federation, "
                     "where most Moslems live.\n\"We only realised after voting that we were being denied the rights "
                     "of other Bosnian Moslems to choose our president.\"")
    assert {r["actor_id"] for r in rows if r["text"] in ("Moslems", "Bosnian Moslems")} == {"d:moslems"}


def test_an_institution_of_a_story_filed_from_no_state_is_that_of_the_state_it_names_most():
    rows = _mentions("UNITED NATIONS 1996-08-28\n\nBurundi's ambassador on Wednesday lashed out at economic sanctions "
                     "imposed by African states against Burundi.\nTerence, a Tutsi, said any arms embargo would leave "
                     "the army unable to defend itself against Hutu guerrillas.")
    assert _institutions(rows) == [("army", "d:burundi_army")]
    rows = _mentions("BONN 1996-08-22\n\nIschinger is the political director of Bonn's foreign ministry.")
    assert _institutions(rows) == [("foreign ministry", "d:germany_foreign_ministry")]


def test_a_surname_quoted_before_the_full_name_is_that_person():
    rows = _mentions("SARAJEVO 1996-08-26\n\n\"The word is that Frowick has decided to postpone municipal elections "
                     "but "
                     "that he will wait for one more session of the PEC on Tuesday to take everyone's temperature on "
                     "the issue.\"\nAmbassador Robert Frowick, an American, heads the OSCE mission in Bosnia.")
    assert {r["actor_id"] for r in rows if "Frowick" in r["text"]} == {"d:robert_frowick"}


def test_an_institution_of_a_story_filed_where_a_broadcast_was_monitored_is_the_named_state_s():
    # rr02 (Reuters-21578 8188, batch reuters3): the dateline's Britain is never named
    rows = _mentions("LONDON, March 23 - Iran said reports that it intended to threaten shipping in the Gulf were "
                     "baseless.\nTehran radio, monitored by the British Broadcasting Corporation, quoted a Foreign "
                     "Ministry spokesman as saying any attempt at interference would be met by \"a strong response.\"")
    assert [actor for text, actor in _institutions(rows) if text == "Foreign Ministry"] == ["iran_foreign_ministry"]


def test_a_capital_before_radio_names_the_broadcaster_not_the_state():
    # rr03 (Reuters-21578 5164, batch reuters3)
    rows = _mentions("LONDON, March 15 - Iran's revolutionary leader, Ayatollah Ruhollah Khomeini, warned the nation's "
                     "civilian and military hierarchy against discord and dissent, Tehran radio said.\n"
                     "His audience at a Tehran mosque included President Ali Khamenei, the radio said.")
    assert [(r["text"], r["actor_type"]) for r in rows if r["text"].startswith("Tehran")] == [
        ("Tehran radio", "media"), ("Tehran", "place")]


def test_the_british_government_is_britain_and_a_name_before_waterway_a_place():
    # rr09, rr07 (Reuters-21578 9247, 17925; batch reuters3)
    rows = _mentions("LONDON, March 25 - Short Brothers is owned by the British Government.\n"
                     "It said the boats were intercepted in the Khur Abdullah waterway near Kuwait.")
    assert {r["text"]: r["actor_type"] for r in rows}.get("British Government") == "state"
    assert not any(r["text"] == "Khur Abdullah" and r["actor_type"] != "place" for r in rows)


def test_initials_before_a_surname_are_part_of_the_person_s_name():
    # t747 (CoNLL-2003 train 747, batch reuters4): a byline and a name whose initials spaCy takes for New Jersey
    rows = _mentions("India fishermen say forced to carry Tamil refugees.\n\nP.V. Krishnamoorthy\n\n"
                     "RAMESWARAM, India 1996-08-28\n\nAll Fishermen's Association secretary N.J. Bose said the strike "
                     "would continue indefinitely.")
    people = {r["text"] for r in rows if r["actor_type"] in ("person", "PERSON")}
    assert {"P.V. Krishnamoorthy", "N.J. Bose"} <= people
    assert not {r["text"] for r in rows if r["text"] in ("N.J.", "Krishnamoorthy")}


def test_capitals_glossed_by_a_dash_are_the_body_named_after_it():
    # rf01 (Reuters-21578 10639, batch reuters4): spaCy does not take the first "GUNT" for a name
    rows = _mentions("LONDON, March 29 - Gaddafi said he stood by Chad rebel forces of GUNT -- the Transitional "
                     "Government of National Unity -- fighting the forces of President Hissene Habre.\n"
                     "\"As long as this movement (GUNT) continues to fight for the liberation of Chad we will stand by "
                     "its side,\" Gaddafi said.")
    ids = {r["actor_id"] for r in rows if r["text"] in ("GUNT", "Transitional Government of National Unity")}
    assert len(ids) == 1 and None not in ids


def test_a_capital_on_the_way_from_it_is_a_place():
    # t621 (CoNLL-2003 train 621, batch reuters4)
    rows = _mentions("LONDON 1996-08-27\n\nThe plane was hijacked on its way from Khartoum to the Jordanian capital "
                     "Amman on Monday evening and landed at Larnaca airport in Cyprus to refuel.")
    assert "Khartoum" not in _states(rows)
