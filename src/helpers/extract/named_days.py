"""Named days and seasons of the religious and civil calendars ("Ramadan", "Eid al-Fitr", "Christmas").

Their dates come from the ``holidays`` library (lunar and lunisolar calendars
included), never from a table of our own: :data:`NAMED_DAYS` only says which
country's calendar names the day and under which name. Ramadan, a month, runs from
its first day to the eve of Eid al-Fitr. Easter comes from ``dateutil``.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

import holidays
from dateutil.easter import easter

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


@functools.lru_cache(maxsize=256)
def _calendar_days(country: str, name: str, year: int) -> tuple[dt.date, ...]:
    """Return the days of ``year`` that ``country``'s calendar names ``name`` (estimated dates included)."""
    calendar = holidays.country_holidays(country, years=[year])
    return tuple(sorted(day for day, names in calendar.items()
                        if name in (part.split(" (")[0] for part in re.split(r"; | / ", names))))


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
        eid = _calendar_days(*NAMED_DAYS["eid al-fitr"], year) or _calendar_days("AF", "Eid al-Fitr", year)
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
