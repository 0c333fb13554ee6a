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
