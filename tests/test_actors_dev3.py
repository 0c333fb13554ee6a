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
