"""Speakers described, not named (issue 13), on sentences of the dev batch reuters5 (Reuters-21578, 1987)."""

from test_quotes import _quote_rows


def _speakers(text: str) -> dict[str, tuple[str | None, str | None]]:
    """Return the (speaker phrase, speaker id) of each quote of ``text`` by the quote's first 25 characters."""
    return {q["text"][:25]: (q["speaker"], q["speaker_actor_id"]) for q in _quote_rows(text)}


def test_a_communique_speaks_for_the_command_that_issued_it_and_goes_on_as_it():
    text = ("BAGHDAD, April 8 - Iraq said today its troops were pushing Iranian forces out of positions.\n"
            "A High Command communique said Iraqi troops had won a significant victory and were continuing "
            "to advance.\n"
            "The communique said Iranian Revolutionary Guards were under assault from warplanes.\n"
            '"Our forces are continuing their advance until they purge the last foothold" occupied by the '
            "Iranians, it said.")
    found = _speakers(text)
    speaker, actor = found["Iraqi troops had won a si"]
    assert "high_command" in (actor or "") or speaker == "High Command"  # an actor, else the issuer's words
    assert {found["Iranian Revolutionary Gua"][1], found["Our forces are continuing"][1]} == {actor}
    if actor is None:
        assert found["Iranian Revolutionary Gua"][0] == found["Our forces are continuing"][0] == speaker


def test_a_communique_named_by_a_place_or_an_order_goes_on_about_the_earlier_issuer():
    text = ("A high command communique said warplanes hit the western jetty at Iran's Kharg island oil terminal.\n"
            "Iraqi warplanes also struck Iran's offshore oilfields at Nowruz, today's communique said.\n"
            "The Baghdad communique said Iraqi planes also destroyed oil installations.")
    found = _speakers(text)
    # the high command is an actor (an institution of the state the story names most, as no word names its own)
    actor = found["warplanes hit the western"][1]
    assert "high_command" in actor and found["Iraqi planes also destroy"][1] == actor
    assert found["Iraqi warplanes also stru"] in {("high command", None), ("today's communique", actor)}


def test_one_of_the_officials_speaks_for_what_the_officials_speak_for():
    text = ("WASHINGTON, March 23 - The United States has offered Navy warships to escort Kuwaiti oil tankers "
            "into and out of the Gulf, U.S. defense officials said today.\n"
            '"We believe the Kuwaitis have also approached the Soviet Union about the possibility of using '
            'Soviet tankers" to ship their oil, one of the officials told Reuters.\n'
            '"We told them we would give them help and we are waiting to hear the Kuwaiti response to our '
            'offer," one official said.')
    assert {actor for _, actor in _speakers(text).values()} == {"united_states"}


def test_a_spokesman_of_another_body_is_not_the_spokesman_named_before():
    text = ("White House spokesman Marlin Fitzwater told reporters today that it was in the U.S. strategic "
            "interest to keep the free flow of oil in the gulf.\n"
            "An Iranian Foreign Ministry spokesman, quoted in a broadcast monitored by the BBC in London, said "
            "reports that Iran intends to threaten shipping in the Gulf were baseless.")
    found = _speakers(text)
    assert found["reports that Iran intends"][1] not in (None, found["it was in the U.S. strate"][1])


def test_who_was_quoted_by_a_paper_as_saying_speaks_not_the_paper():
    text = ("NEW YORK, April 7 - Kuwait may re-register part of its tanker fleet with foreign flag "
            "jurisdictions, including the U.S. And USSR, in an attempt to protect them from Iranian missile "
            "attacks in the Gulf war zone, U.S. Officials were quoted by the New York Times as saying.")
    assert _speakers(text)["Kuwait may re-register pa"][1] == "united_states"


def test_it_after_a_paper_quoted_sources_is_the_paper():
    text = ("NEW YORK, March 15 - Iran has deployed about six large missiles near the Strait of Hormuz which "
            "increase the threat to shipping in the Gulf, the New York Times said.\n"
            "The paper quoted U.S. Intelligence sources as saying the missiles appeared to be of a Chinese "
            "design known as HY-2.\n"
            "It said the missiles had been deployed at two sites.")
    found = _speakers(text)
    assert found["the missiles had been dep"][1] == found["Iran has deployed about s"][1] is not None


def test_a_spokesman_for_the_group_speaks_for_the_body_that_spoke_before():
    # CoNLL-2003 train story 11 (dev batch conll)
    text = ("A Mujahideen Khalq statement said its leader Massoud Rajavi met in Baghdad the Secretary-General of "
            "the Kurdistan Democratic Party of Iran (KDPI) Hassan Rastegar on Wednesday.\n"
            '"Rajavi emphasised that the Iranian Resistance would continue to stand side by side with their '
            'Kurdish compatriots," it said.\n'
            'A spokesman for the group said the meeting "signals a new level of cooperation between Mujahideen '
            'Khalq and the Iranian Kurdish oppositions".')
    found = _speakers(text)
    assert found['the meeting "signals a ne'][1] == found["Rajavi emphasised that th"][1] is not None


def test_a_party_member_described_by_his_state_is_the_person_who_spoke_before():
    # CoNLL-2003 test story 473 (dev batch reuters)
    text = ("Specter said after the bombing there should be a shake-up at the Pentagon and questioned whether "
            "Perry should resign.\n"
            "He said he was not satisfied with some of Perry's answers to the committee's questions.\n"
            "The question of whether Perry should resign remained open, the Pennsylvania Republican said.")
    found = _speakers(text)
    assert found["The question of whether P"][1] == found["after the bombing there s"][1] is not None


def test_an_official_named_by_a_word_of_a_body_named_before_speaks_for_it():
    # TempEval-3 training story te05 (dev batch tempeval)
    text = ("The Justice Department is reviewing whether alcohol-related driving violations by Elian Gonzalez' "
            "relatives in Miami warrant moving the boy to a different, temporary custodian.\n"
            "A Justice official, who requested anonymity, said the department has authority, if necessary, to "
            "shift temporary custody to someone other than Lazaro Gonzalez.")
    found = _speakers(text)
    assert found["the department has author"][1] is not None
    assert "justice" in found["the department has author"][1]


def test_a_sentence_closed_by_x_quoted_y_as_saying_is_reported_speech_of_y():
    # Reuters-21578 NEWID 20101 (dev batch reuters3): the parser splits the sentence at "U.S. Over"
    text = ("NICOSIA, Oct 20 - Iran is preparing lawsuits to file for compensation from the U.S. Over the "
            "American raid on its Gulf oil platforms, Tehran radio quoted Iranian Oil Minister Gholamreza "
            "Aqazadeh as saying.")
    rows = _quote_rows(text)
    assert [(q["text"][:25], q["kind"]) for q in rows] == [("Iran is preparing lawsuit", "reported")]
    assert "aqazadeh" in (rows[0]["speaker_actor_id"] or "")


def test_a_sentence_closed_by_the_paper_quoted_officials_as_saying_is_reported_speech():
    # Reuters-21578 NEWID 13247 (dev batch reuters5): the parser takes "quoted" for an adjective
    text = ("U.S. Carriers or battleships would sail out of range of those missiles, but within striking "
            "distance, the paper quoted officials as saying.")
    assert [q["text"][:25] for q in _quote_rows(text)] == ["U.S. Carriers or battlesh"]


def test_a_lead_closed_by_a_delegate_the_parser_hung_on_a_name_reports_for_his_state():
    # Reuters-21578 NEWID 17381 (dev batch reuters): the parser makes OSAKA the subject of "said"
    text = ("OSAKA, Japan, April 29 - Washington views with concern a plan to increase Japan's voting power at "
            "the Asian Development Bank (ADB), a U.S. Delegate at the bank's annual meeting said.")
    rows = _quote_rows(text)
    assert [(q["text"][:25], q["speaker_actor_id"]) for q in rows] == [("Washington views with con", "united_states")]


def test_the_official_goes_on_about_the_delegate_who_spoke_not_a_state_named_between():
    # Reuters-21578 NEWID 17381 (dev batch reuters)
    text = ("OSAKA, Japan, April 29 - Washington views with concern a plan to increase Japan's voting power at "
            "the Asian Development Bank (ADB), a U.S. Delegate at the bank's annual meeting said.\n"
            "Japan, which holds 15.1 pct of the ADB's capital stock, and the U.S. Which holds 14.9 pct, currently "
            "have near-parity in voting power.\n"
            '"The ADB was set up in 1966 as a partnership between the U.S. And Japan," the official said.')
    assert {q["speaker_actor_id"] for q in _quote_rows(text)} == {"united_states"}
