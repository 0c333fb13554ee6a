"""Named days and seasons of the religious and civil calendars ("Ramadan", "Eid al-Fitr", "Christmas").

Their dates come from the ``holidays`` library (lunar and lunisolar calendars
included), never from a table of our own: :data:`NAMED_DAYS` only says which
country's calendar names the day and under which name. Ramadan, a month, runs from
its first day to the eve of Eid al-Fitr. Easter comes from ``dateutil``.

The library loads every country's calendar on its first lookup (0.15 s in every process),
so the days it gives for :data:`SNAPSHOT_YEARS` are shipped as ``data/named_days.json.gz``
(:mod:`helpers.extract.shipped`) and read instead when they come from the installed version;
other years are asked of the library.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from pathlib import Path

from dateutil.easter import easter

from helpers.extract.shipped import current_snapshot, write_snapshot
from helpers.paths import DATA_DIR

#: Words of a text -> (calendar, the calendar's name of the day). The calendar is a
#: country code of ``holidays`` whose public holidays include that day.
NAMED_DAYS: dict[str, tuple[str, str]] = {
    "christmas eve": ("BG", "Christmas Eve"), "christmas": ("GB", "Christmas Day"),
    "new year's day": ("GB", "New Year's Day"), "new year's eve": ("AM", "New Year's Eve"),
    "thanksgiving": ("US", "Thanksgiving Day"), "eid al-fitr": ("PS", "Eid al-Fitr"),
    "eid al-adha": ("PS", "Eid al-Adha"), "ramadan": ("AF", "First Day of Ramadan"),
    "yom kippur": ("IL", "Yom Kippur"), "rosh hashanah": ("IL", "Rosh Hashanah"),
    "sukkot": ("IL", "Sukkot"), "passover": ("IL", "Pesach"), "pesach": ("IL", "Pesach"),
    "shavuot": ("IL", "Shavuot"), "simchat torah": ("IL", "Simchat Torah"),
    "shemini atzeret": ("IL", "Shemini Atzeret"), "ashura": ("LB", "Ashura"),
    "mawlid": ("PS", "Prophet's Birthday"),
}
#: The calendar asked for the end of Ramadan when the first one has no Eid al-Fitr that year.
RAMADAN_END_FALLBACK = ("AF", "Eid al-Fitr")
#: The days of :data:`NAMED_DAYS` in these years (inclusive) are shipped (:func:`write_shipped_named_days`).
SNAPSHOT_YEARS = (1900, 2100)
NAMED_DAYS_FILE = DATA_DIR / "named_days.json.gz"
_SPELLINGS = {"eid al-fitr": r"eid\s+al[- ]fitr", "eid al-adha": r"eid\s+al[- ]adha",
              "new year's day": r"new\s+year[’']s\s+day", "new year's eve": r"new\s+year[’']s\s+eve",
              "christmas": r"christmas(?:\s+day)?"}
_NAMES = sorted([*NAMED_DAYS, "easter", "good friday"], key=len, reverse=True)
#: The pattern of a named day in a text, in group ``named``.
NAMED_DAY = r"(?P<named>" + "|".join(_SPELLINGS.get(n, re.escape(n).replace(r"\ ", r"\s+")) for n in _NAMES) + r")"
#: The first word of every named day (lower-case): a text without any of them names none.
NAMED_DAY_WORDS = tuple(sorted({name.split()[0] for name in _NAMES}))


def _key(text: str) -> str:
    """Return the :data:`NAMED_DAYS` key of a matched name ("Eid al Fitr" -> "eid al-fitr")."""
    lowered = re.sub(r"\s+", " ", text.lower()).replace("’", "'")
    lowered = re.sub(r"^eid al ", "eid al-", lowered)
    return "christmas" if lowered == "christmas day" else lowered


def _library_days(country: str, name: str, year: int) -> tuple[dt.date, ...]:
    """Return the days of ``year`` that ``country``'s calendar in ``holidays`` names ``name`` (estimates too)."""
    import holidays  # imported here: the shipped snapshot spares loading its calendars

    calendar = holidays.country_holidays(country, years=[year])
    return tuple(sorted(day for day, names in calendar.items()
                        if name in (part.split(" (")[0] for part in re.split(r"; | / ", names))))


def _snapshot_key(country: str, name: str, year: int) -> str:
    """Return the key of a calendar's named day in a year in the shipped snapshot."""
    return f"{country}|{name}|{year}"


@functools.lru_cache(maxsize=1)
def _shipped_days() -> dict[str, list[str]] | None:
    """Return the shipped days (ISO dates by :func:`_snapshot_key`) if built from the installed ``holidays``."""
    snapshot = current_snapshot(NAMED_DAYS_FILE, "holidays")
    return snapshot["days"] if snapshot is not None and snapshot["years"] == list(SNAPSHOT_YEARS) else None


@functools.lru_cache(maxsize=256)
def _calendar_days(country: str, name: str, year: int) -> tuple[dt.date, ...]:
    """Return the days of ``year`` that ``country``'s calendar names ``name``: shipped, else from the library."""
    shipped = _shipped_days()
    if shipped is None or not SNAPSHOT_YEARS[0] <= year <= SNAPSHOT_YEARS[1]:
        return _library_days(country, name, year)
    return tuple(dt.date.fromisoformat(day) for day in shipped.get(_snapshot_key(country, name, year), []))


def build_named_days() -> dict[str, list[str]]:
    """Return the library's days of every calendar's named day of :data:`NAMED_DAYS` in :data:`SNAPSHOT_YEARS`."""
    first, last = SNAPSHOT_YEARS
    days = {}
    for country, name in sorted({*NAMED_DAYS.values(), RAMADAN_END_FALLBACK}):
        for year in range(first, last + 1):
            if found := _library_days(country, name, year):
                days[_snapshot_key(country, name, year)] = [day.isoformat() for day in found]
    return days


def write_shipped_named_days(path: Path = NAMED_DAYS_FILE) -> dict:
    """Write the named days of :data:`SNAPSHOT_YEARS` from the installed ``holidays`` to ``path``; return them.

    Run by ``python -m benchmarks.build_shipped_data`` when ``holidays`` or :data:`NAMED_DAYS`
    changes (``tests/test_timexes.py`` fails until then).
    """
    return write_snapshot(path, "holidays", years=list(SNAPSHOT_YEARS), days=build_named_days())


def named_day_dates(text: str, year: int) -> tuple[dt.date, dt.date] | None:
    """Return the first and last day of a named day or period in ``year``, or None.

    >>> named_day_dates("Christmas", 2023)
    (datetime.date(2023, 12, 25), datetime.date(2023, 12, 25))
    >>> named_day_dates("Ramadan", 2024)
    (datetime.date(2024, 3, 11), datetime.date(2024, 4, 9))
    """
    if not 1 < year < 9999:
        return None
    key = _key(text)
    if key in ("easter", "good friday"):
        day = easter(year) - dt.timedelta(days=2 if key == "good friday" else 0)
        return day, day
    country, name = NAMED_DAYS[key]
    days = _calendar_days(country, name, year)
    if not days:
        return None
    if key == "ramadan":
        eid = _calendar_days(*NAMED_DAYS["eid al-fitr"], year) or _calendar_days(*RAMADAN_END_FALLBACK, year)
        return (days[0], eid[0] - dt.timedelta(days=1)) if eid else None
    return days[0], _last_consecutive(days)


def _last_consecutive(days: tuple[dt.date, ...]) -> dt.date:
    """Return the last day of the run of consecutive days that starts at ``days[0]``."""
    last = days[0]
    for day in days[1:]:
        if day - last != dt.timedelta(days=1):
            break
        last = day
    return last
