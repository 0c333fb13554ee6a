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
