"""The places figures are grouped under, read from a replaceable table (``data/places.csv``)."""

from __future__ import annotations

import functools
from pathlib import Path

import pandas as pd

from helpers.paths import DATA_DIR

DEFAULT_PLACES = DATA_DIR / "places.csv"
UNSTATED = "unstated"

#: ``(pattern, place)`` pairs for locations and for victims, in the file's order.
Places = dict[str, list[tuple[str, str]]]


@functools.lru_cache(maxsize=8)
def load_places(path: str | Path | None = None) -> Places:
    """Read a places table (``pattern,place,field``; default: the shipped one)."""
    frame = pd.read_csv(path or DEFAULT_PLACES, comment="#", dtype=str, keep_default_na=False)
    missing = {"pattern", "place", "field"} - set(frame.columns)
    if missing:
        raise ValueError(f"{path or DEFAULT_PLACES}: places table lacks the column(s) {sorted(missing)}")
    return {field: [(p.lower(), place) for p, place, f in frame[["pattern", "place", "field"]].itertuples(index=False)
                    if f == field]
            for field in ("location", "victims")}


def place_of(location: object, victims: object = None, places: Places | None = None) -> str:
    """Return the place a figure is grouped under ("unstated" when the text names none).

    >>> place_of("the Gaza Strip"), place_of(None, "Israelis"), place_of(None, "people")
    ('Gaza', 'Israel', 'unstated')
    >>> place_of("Khartoum")
    'Khartoum'
    """
    places = places or load_places()
    text = str(location).lower() if isinstance(location, str) else ""
    for needle, place in places["location"]:
        if needle in text:
            return place
    if text:
        return str(location)
    victims_text = str(victims).lower() if isinstance(victims, str) else ""
    for needle, place in places["victims"]:
        if needle in victims_text:
            return place
    return UNSTATED
