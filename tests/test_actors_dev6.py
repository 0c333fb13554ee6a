"""Actor rules measured on the 'reuters6' batch of the actors dev gold (armed groups, government bodies, persons)."""

from test_actors_dev2 import _mentions

# r601 (Reuters-21578 13725) and r602 (14809): digests of short items, each opened by its own dateline
WORLD_NEWS = ("REUTER WORLD NEWS HIGHLIGHTS 1300 GMT APRIL 7\n\n"
              "BEIRUT - Rescue workers planned to evacuate wounded from Palestinian refugee settlements in Beirut in a "
              "bid to relieve the plight of the besieged community, Palestinian sources said.\n\n"
              "BELFAST - Mourners clashed with police at an Irish Republican Army funeral in Northern Ireland, "
              "prisoners rioted in a high-security jail and guerrillas attacked security bases.\n\n"
              "FREETOWN, Sierra Leone - Sierra Leone's former vice-president, Francis Minah, sacked two weeks after "
              "a failed coup, has been detained on suspicion of involvement in the plot, police sources said.")


def test_a_digest_item_s_dateline_is_not_part_of_the_name_after_it():
    rows = _mentions(WORLD_NEWS)
    texts = {r["text"]: r["actor_type"] for r in rows}
    assert not [t for t in texts if " - " in t]
    assert "Rescue" not in texts and "Mourners" not in texts
    assert texts["Sierra Leone"] == "state"
    assert texts["Irish Republican Army"] == "armed_group"


def test_a_government_named_after_its_leader_is_a_government_body():
    # r608 (Reuters-21578 2759)
    rows = _mentions("WASHINGTON, March 6 - Calero, head of the Nicaraguan Democratic Force, provided the same records "
                     "to a grand jury investigating the Iran arms scandal that has shaken the Reagan administration.")
    texts = {r["text"]: r["actor_type"] for r in rows}
    assert texts.get("Reagan administration") == "government_body"
    assert "Reagan" not in texts


def test_congress_the_house_and_the_senate_alone_are_the_home_state_s_institutions():
    # rf04 (Reuters-21578 1416, batch reuters4)
    rows = _mentions("WASHINGTON, March 4 - The report, mandated by Congress, explains how the administration intends "
                     "to carry out the recommendations of the Reagan-appointed Kissinger Commission, which in 1984 "
                     "developed a blueprint for U.S. policy in the region.\n\nAbrams admitted the administration would "
                     "have its toughest fight in the Democratic-controlled House, but said he believed a majority "
                     "of the Senate -- led by Democrats for the first time in six years -- would back the request.")
    bodies = {r["text"]: r["actor_id"] for r in rows if r["method"] == "institution"}
    assert bodies == {"Congress": "d:united_states_congress", "House": "d:united_states_house",
                      "Senate": "d:united_states_senate"}
    # t287 (CoNLL-2003 train 287, batch first): a party's congress is a meeting
    rows = _mentions("TIRANA 1996-08-24\n\nAlbania's opposition Socialist Party began a two-day congress on Saturday. "
                     "\"The congress will approve new concepts,\" the Socialist Zeri i Popullit daily said.")
    assert not [r for r in rows if r["method"] == "institution"]


def test_the_contras_are_found_in_lower_case_too():
    # r608 (Reuters-21578 2759): 1987 wire copy writes the Nicaraguan rebels in lower case
    rows = _mentions("WASHINGTON, March 6 - The bank statements ended with March, 1985, so they shed no light "
                     "on whether Iran arms profits were diverted to contra rebels. The Tower commission said up to "
                     "19.8 mln dlrs may have been diverted to the contras.")
    assert {r["text"] for r in rows if r["actor_id"] == "contras"} == {"contra rebels", "contras"}


def test_a_name_run_out_of_an_editor_s_insertion_is_the_person_named_after_the_bracket():
    # t744 (CoNLL-2003 train 744, batch conflict) and rr08 (Reuters-21578 18717, batch reuters3)
    rows = _mentions("KARACHI, Pakistan 1996-08-28\n\n\"From here we will march to Islamabad and by God we will not "
                     "let Benazir and (Bhutto's husband Asif Ali) Zardari escape justice,\" Nawaz Sharif told a rally.")
    people = {r["text"] for r in rows if r["actor_type"] == "person"}
    assert "Zardari" in people and "Asif Ali" not in people
    rows = _mentions("WASHINGTON, June 18 - \"We have been in touch with Mr. (Ali) Usayran,\" the spokesman said.")
    assert "Ali" not in {r["text"] for r in rows}


def test_a_state_s_military_is_its_army_and_a_title_s_adjective_names_no_institution():
    # t856 (CoNLL-2003 train 856, batch conflict): a lower-case adjective describes the military, it is no name's
    rows = _mentions("BANGKOK 1996-08-29\n\nThailand's powerful military thinks the government is dishonest and Prime "
                     "Minister Banharn Silpa-archa's resignation might solve the nation's woes, a poll showed. "
                     "The army has seen 17 coups.")
    bodies = {(r["text"], r["actor_id"]) for r in rows if r["method"] == "institution"}
    assert bodies == {("military", "d:thailand_army"), ("army", "d:thailand_army")}
    # t598 (CoNLL-2003 train 598, batch first): "military" of a person's title
    rows = _mentions("KABUL 1996-08-27\n\nAfghan government military chief Ahmad Shah Masood briefed visiting U.S. "
                     "Congressman Dana Rohrabacher on Tuesday on a peace plan for his wartorn country.")
    assert not [r for r in rows if r["text"] == "military"]


def test_the_first_word_after_a_single_story_s_dateline_is_left_to_the_parser():
    # Reuters-21578 20232 (a story, not a digest): "Lyng" opens the text after its dateline
    rows = _mentions("WASHINGTON, Oct 20 - Lyng said he had no plans to meet with Indian officials during Gandhi's "
                     "visit here.")
    assert "Lyng" in {r["text"] for r in rows if r["actor_type"] == "person"}
