"""States from the country library: the shipped snapshot of countryinfo and what is read from it."""

from helpers.extract import states
from helpers.extract.shipped import read_snapshot


def test_the_shipped_countries_are_a_fresh_read_of_the_installed_library():
    shipped = read_snapshot(states.COUNTRIES_FILE)
    assert shipped is not None, "run python -m benchmarks.build_shipped_data"
    assert shipped["countries"] == states._read_library(), "stale: run python -m benchmarks.build_shipped_data"


def test_states_read_from_the_snapshot_have_the_librarys_names_capitals_and_demonyms():
    index = states.state_index()
    iran = index.lookup("Islamic Republic of Iran")
    assert iran is not None and iran.name == "Iran"
    assert index.lookup("Tehran") is iran and index.by_demonym["Iranian"] is iran and iran.code == "IR"
    # the most populous country has a shared demonym
    assert index.by_demonym["American"].code == "US"
