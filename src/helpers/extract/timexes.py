"""Date expressions: find them in the text and put each one on the calendar.

Every expression becomes a row of the ``timexes`` table: its span, a TIMEX3-style
``value``, the calendar interval it denotes (``start`` and ``end``, inclusive), its
``granularity``, its ``kind`` and what it was anchored to. Expressions are found by
our own patterns (regular expressions over month and weekday names, numbers and
relative phrases); no library is asked to find them, because the ones that search
free text return spans with stray words and resolve bare weekdays wrongly.

Anchoring rules (the logic a reader needs to judge a date):

* **absolute** ("14 October 2023", "February 2018", "1979", "the 1990s"): the text
  says it all; ``anchor`` is null.
* **relative** (``anchor`` = ``published``), resolved against the publication date:

  - a day and month without a year ("October 14") takes the year that puts it on or
    before publication when the verb that governs it speaks of the past, after it when
    the verb speaks of the future (:mod:`helpers.extract.tense`: "will meet on October
    14", "scheduled for ..."); when the verb says neither ("payable Jan. 2", "the vote
    is on Nov. 9") after it only up to four months ahead; without a parse, before it;
  - a weekday ("Monday", "Monday evening") is the latest such day on or before
    publication (the publication day itself counts), or the next one in a future
    context or after "next";
  - a bare month ("In July") is, by the same tense, the latest such month on or before
    the publication month or the next one; "last July" the latest strictly before it;
  - a weekday right before a date is that date ("Monday, Oct. 26");
  - "the weekend" is the last one (the next one in a future context);
  - "last/this/next week|month|year", "yesterday", "today", "tomorrow", "N days ago",
    "last summer", "earlier this month" move from the publication date by calendar
    units (weeks are ISO weeks, Monday to Sunday).
* **modifiers** ("late November", "early 2015", "mid-2016", "the end of the year")
  keep the interval of the whole month or year and record ``modifier`` (early, mid,
  late); the timeline shows the whole period rather than guess a part of it. A year
  after "pre-" or "post-" is the bound of a period (``modifier`` before or after, as
  TimeML's ``mod``), which dates no event.
* **anaphoric** (``anchor`` = ``previous``: "the following day", "On the same day",
  "a week later", "two days earlier") move from the last non-vague date found
  before them in the same article; without one they become vague. "Two days after the
  vote" counts from an event, not a date: "two days" is a duration.
* **vague** ("in recent months", "shortly afterwards", "now", "the past") are kept
  with ``kind`` = ``vague``, a ``PAST_REF``/``PRESENT_REF``/``FUTURE_REF`` value (or
  none) and no interval, so they never become timeline points.
* **durations** ("two days", "60 years", "the past 24 hours"), **sets** ("daily",
  "every week") and **times** ("17:00", "21:00 on 20 October", "this morning") are
  returned as TimeML does (``type`` DURATION, SET, TIME; values ``P2D``, ``PT24H``,
  ``P1D``, ``2023-10-20T21:00``, ``2023-10-20TMO``). A duration or set has no interval
  (``kind`` duration or set) unless it is anchored: "the past 24 hours" covers the
  day before publication and the day of it.
* **numeric dates** ("10/31/2023", "31.10.2023") are read in the text's own convention
  (its unambiguous numeric dates), else as the reading nearest before publication;
  **named days** ("Ramadan", "Eid al-Fitr", "Christmas", "Yom Kippur") come from the
  ``holidays`` calendars (:mod:`helpers.extract.named_days`) and resolve like a day
  without a year.
* an expression that would leave the calendar ("tomorrow" of 9999-12-31) is kept
  without an interval; it never stops the extraction.

When the publication date is known only to the month or year (``published_precision``),
a relative expression is resolved against the first and the last possible day of
publication and the interval covers both: "Monday" in an article of December 2015
becomes 2015-11-30 .. 2015-12-28 (every Monday it may be), its value keeps only
what is certain (``2015-XX-XX``) and its granularity is that of the publication date.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import functools
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass

from helpers.extract.named_days import NAMED_DAY, NAMED_DAY_WORDS, named_day_dates
from helpers.extract.numerals import CLOCK_TIME, DIGIT_NUMBER, WORD_NUMBER, parse_number
from helpers.extract.tense import counts_things, future_reference
from helpers.vocab import GRANULARITIES

log = logging.getLogger(__name__)

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
MONTH_ABBR = {"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8,
              "Sep": 9, "Sept": 9, "Oct": 10, "Nov": 11, "Dec": 12}
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
SEASONS = {"spring": ("SP", 3, 5), "summer": ("SU", 6, 8), "autumn": ("FA", 9, 11),
           "fall": ("FA", 9, 11), "winter": ("WI", 12, 2)}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4}
GRANULARITY_ORDER = list(GRANULARITIES)
#: Days after publication that a date without a year may still lie in the publication's year.
PUBLICATION_LAG_DAYS = 2
#: Months ahead of publication within which a date or month without a year and without a past or
#: future verb is read forwards ("payable Jan. 2" in November); further ahead it is read backwards.
FUTURE_HORIZON_MONTHS = 4

_MONTH = r"(?P<month>" + "|".join(MONTHS) + r")"
_ABBR = r"(?P<abbr>" + "|".join(sorted(MONTH_ABBR, key=len, reverse=True)) + r")\.?"
_MONTH_ANY = rf"(?:{_MONTH}|{_ABBR})"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[6-9]\d\d|20\d\d)"
_WEEKDAY = r"(?P<weekday>" + "|".join(WEEKDAYS) + r")"
_PART = r"(?:\s+(?:morning|afternoon|evening|night))?"
_NUM = r"(?P<num>\d+|" + "|".join(NUMBER_WORDS) + r")"
_UNIT = r"(?P<unit>day|week|month|year|decade)s?"
#: Units after a four-digit number that make it an amount, not a year ("2015 percent", "2000 km").
_NOT_A_YEAR_AFTER = re.compile(r"\s*(%|percent|million|billion|dollars|km|miles|meters|feet|tons)", re.IGNORECASE)
#: A plural word after a four-digit number: a count ("2019 rockets") when no parse says otherwise.
_PLURAL_AFTER = re.compile(r"\s*(?:people|[a-z]+s\b(?<!years)(?<!days))", re.IGNORECASE)


@dataclass(frozen=True)
class Interval:
    """A resolved calendar interval with its TIMEX3-style value and granularity."""

    start: dt.date
    end: dt.date
    value: str
    granularity: str


@dataclass
class Timex:
    """One date expression found in a text (offsets into that text)."""

    start_char: int
    end_char: int
    text: str
    value: str | None
    start: dt.date | None
    end: dt.date | None
    granularity: str | None
    kind: str
    anchor: str | None
    modifier: str | None = None
    type: str = "DATE"
    time: str | None = None


@dataclass
class Context:
    """What a resolver may use: the publication interval, the previous date, the tense."""

    published_start: dt.date | None
    published_end: dt.date | None
    published_granularity: str
    previous: Interval | None
    future_of: Callable[[], bool] | None = None
    day_first: bool | None = None
    count_of: Callable[[], bool] | None = None

    @functools.cached_property
    def tense(self) -> bool | None:
        """True when the expression refers forwards, False backwards, None when its verb does not say.

        Asked of the parse only when a rule needs it; without a parse, backwards.
        """
        return self.future_of() if self.future_of else False

    @property
    def future(self) -> bool:
        """Say whether the expression refers forwards."""
        return self.tense is True

    @property
    def counts(self) -> bool:
        """Say whether a number that looks like a year counts things ("2000 washing kits")."""
        return bool(self.count_of and self.count_of())


# --------------------------------------------------------------------------- calendar units

def day_interval(day: dt.date) -> Interval:
    """Return the one-day interval of ``day``."""
    return Interval(day, day, day.isoformat(), "day")


def month_interval(year: int, month: int) -> Interval:
    """Return the interval of a calendar month."""
    last = calendar.monthrange(year, month)[1]
    return Interval(dt.date(year, month, 1), dt.date(year, month, last), f"{year:04d}-{month:02d}", "month")


def year_interval(year: int) -> Interval:
    """Return the interval of a calendar year."""
    return Interval(dt.date(year, 1, 1), dt.date(year, 12, 31), f"{year:04d}", "year")


def week_interval(day: dt.date) -> Interval:
    """Return the ISO week (Monday to Sunday) that contains ``day``."""
    monday = day - dt.timedelta(days=day.weekday())
    iso_year, iso_week, _ = monday.isocalendar()
    return Interval(monday, monday + dt.timedelta(days=6), f"{iso_year:04d}-W{iso_week:02d}", "week")


def weekend_interval(day: dt.date) -> Interval:
    """Return the Saturday and Sunday of the ISO week that contains ``day``."""
    week = week_interval(day)
    return Interval(week.start + dt.timedelta(days=5), week.end, week.value + "-WE", "week")


def season_interval(year: int, season: str) -> Interval:
    """Return a (northern) season; winter ``year`` runs from December ``year`` to February."""
    code, first, last = SEASONS[season]
    if code == "WI":
        end = dt.date(year + 1, 2, calendar.monthrange(year + 1, 2)[1])
        return Interval(dt.date(year, 12, 1), end, f"{year:04d}-WI", "season")
    return Interval(dt.date(year, first, 1), month_interval(year, last).end, f"{year:04d}-{code}", "season")


def quarter_interval(year: int, quarter: int) -> Interval:
    """Return a calendar quarter."""
    first = 3 * (quarter - 1) + 1
    return Interval(dt.date(year, first, 1), month_interval(year, first + 2).end, f"{year:04d}-Q{quarter}", "quarter")


def decade_interval(first_year: int) -> Interval:
    """Return the decade starting at ``first_year`` (a multiple of ten)."""
    return Interval(dt.date(first_year, 1, 1), dt.date(first_year + 9, 12, 31), f"{first_year // 10:03d}", "decade")


def add_months(day: dt.date, months: int) -> dt.date:
    """Return ``day`` moved by whole months (clamped to the month's last day)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def shift(interval: Interval, unit: str, amount: int) -> Interval:
    """Return ``interval`` moved by ``amount`` calendar units (day, week, month, year, decade)."""
    if unit in ("day", "week"):
        delta = dt.timedelta(days=amount * (7 if unit == "week" else 1))
        start, end = interval.start + delta, interval.end + delta
    else:
        months = amount * {"month": 1, "year": 12, "decade": 120}[unit]
        start, end = add_months(interval.start, months), add_months(interval.end, months)
    if interval.granularity == "day":
        return day_interval(start)
    if interval.granularity == "month" and unit != "day" and unit != "week":
        return month_interval(start.year, start.month)
    if interval.granularity == "year" and unit in ("year", "decade"):
        return year_interval(start.year)
    return Interval(start, end, _uncertain_value(start, end, interval.granularity), interval.granularity)


def unit_interval(day: dt.date, unit: str) -> Interval:
    """Return the day, week, month, year or decade that contains ``day``."""
    if unit == "day":
        return day_interval(day)
    if unit == "week":
        return week_interval(day)
    if unit == "month":
        return month_interval(day.year, day.month)
    if unit == "year":
        return year_interval(day.year)
    return decade_interval(day.year - day.year % 10)


def _uncertain_value(start: dt.date, end: dt.date, granularity: str) -> str:
    """Return a TIMEX3 value keeping only what ``start`` and ``end`` share.

    >>> _uncertain_value(dt.date(2015, 11, 30), dt.date(2015, 12, 28), "day")
    '2015-XX-XX'
    """
    if start.year != end.year:
        return {"day": "XXXX-XX-XX", "month": "XXXX-XX"}.get(granularity, "XXXX")
    if start.month != end.month or granularity not in ("day",):
        return {"day": f"{start.year}-XX-XX", "week": f"{start.year}-WXX",
                "month": f"{start.year}-XX"}.get(granularity, f"{start.year}")
    return f"{start.year}-{start.month:02d}-XX"


def coarser(a: str, b: str) -> str:
    """Return the coarser of two granularities."""
    return max(a, b, key=lambda g: GRANULARITY_ORDER.index(g) if g in GRANULARITY_ORDER else 0)


# --------------------------------------------------------------------------- relative helpers

def latest_weekday(day: dt.date, weekday: int, future: bool) -> dt.date:
    """Return the latest ``weekday`` on or before ``day`` (the next one on or after it if ``future``)."""
    if future:
        return day + dt.timedelta(days=(weekday - day.weekday()) % 7)
    return day - dt.timedelta(days=(day.weekday() - weekday) % 7)


def nearest_month(day: dt.date, month: int, future: bool | None, strict: bool = False) -> Interval:
    """Return the latest ``month`` on or before the month of ``day``.

    The month is strictly before if ``strict``; if ``future``, return instead the first one
    on or after it; if None (the tense does not say), the next one when it is less than
    :data:`FUTURE_HORIZON_MONTHS` ahead.
    """
    if future is None:
        future = 0 < (month - day.month) % 12 < FUTURE_HORIZON_MONTHS
    if future:
        year = day.year if month >= day.month else day.year + 1
    else:
        year = day.year if (month < day.month or (month == day.month and not strict)) else day.year - 1
    return month_interval(year, month)


def day_without_year(day: dt.date, month: int, day_of_month: int, future: bool | None) -> Interval | None:
    """Return ``month``/``day_of_month`` in the year that puts it on or before ``day``.

    If ``future``, the year puts it on or after ``day``; if None (the tense does not say),
    after it when that is less than :data:`FUTURE_HORIZON_MONTHS` ahead. A date up to :data:`PUBLICATION_LAG_DAYS` after
    publication keeps the publication's year (a report dated the day before its last
    figures). Return None for an impossible date.
    """
    if future is None:
        ahead = next((d for d in (_date_or_none(y, month, day_of_month) for y in (day.year, day.year + 1))
                      if d is not None and d > day + dt.timedelta(days=PUBLICATION_LAG_DAYS)), None)
        future = ahead is not None and ahead < add_months(day, FUTURE_HORIZON_MONTHS)
    for year in ((day.year, day.year + 1) if future else (day.year, day.year - 1)):
        candidate = _date_or_none(year, month, day_of_month)
        if candidate is None:
            return None
        if (candidate >= day) if future else (candidate <= day + dt.timedelta(days=PUBLICATION_LAG_DAYS)):
            return day_interval(candidate)
    return None


def _date_or_none(year: int, month: int, day_of_month: int) -> dt.date | None:
    """Return the date, or None when it does not exist (February 30, year 0)."""
    try:
        return dt.date(year, month, day_of_month)
    except ValueError:
        return None


def number(text: str) -> int:
    """Return the integer of a digit string or a number word ("two" -> 2)."""
    return int(text) if text.isdigit() else NUMBER_WORDS[text.lower()]


def month_of(match: re.Match) -> int:
    """Return the month number named by a match's ``month`` or ``abbr`` group."""
    if match.groupdict().get("month"):
        return MONTHS.index(match["month"]) + 1
    return MONTH_ABBR[match["abbr"]]


# --------------------------------------------------------------------------- rules

Relative = Callable[[dt.date], Interval | None]


@dataclass(frozen=True)
class Resolution:
    """What a rule says about a match before anchoring."""

    kind: str
    interval: Interval | None = None
    relative: Relative | None = None
    anaphoric: Callable[[Interval], Interval] | None = None
    value: str | None = None
    modifier: str | None = None
    type: str = "DATE"
    time: str | None = None


@dataclass(frozen=True)
class Rule:
    """A pattern and the function that turns its match into a :class:`Resolution`."""

    name: str
    pattern: re.Pattern
    resolve: Callable[[re.Match, Context], Resolution | None]
    #: Lower-case strings one of which every match contains (none: no such string); a text
    #: without any of them is not searched with the pattern, nor one without a digit if ``digit``.
    triggers: tuple[str, ...] = ()
    digit: bool = False
    #: A pattern that every match contains (a part of the rule's own pattern): a text where it is
    #: not found is not searched with the slower whole pattern.
    needs: re.Pattern | None = None


def _absolute(interval: Interval | None, modifier: str | None = None) -> Resolution | None:
    return Resolution("absolute", interval=interval, modifier=modifier) if interval else None


def _full_date(m: re.Match, ctx: Context) -> Resolution | None:
    try:
        return _absolute(day_interval(dt.date(int(m["year"]), month_of(m), int(m["day"]))))
    except ValueError:
        return None


def _iso_date(m: re.Match, ctx: Context) -> Resolution | None:
    try:
        return _absolute(day_interval(dt.date(int(m["year"]), int(m["mon"]), int(m["day"]))))
    except ValueError:
        return None


def _month_day(m: re.Match, ctx: Context) -> Resolution | None:
    month, day_of_month = month_of(m), int(m["day"])
    if not 1 <= day_of_month <= 31:
        return None
    return Resolution("relative", relative=lambda d: day_without_year(d, month, day_of_month, ctx.tense))


def _month_year(m: re.Match, ctx: Context) -> Resolution | None:
    return _absolute(month_interval(int(m["year"]), month_of(m)), _modifier(m))


def _year(m: re.Match, ctx: Context) -> Resolution | None:
    return _absolute(year_interval(int(m["year"])), _modifier(m))


def _bounded_year(m: re.Match, ctx: Context) -> Resolution | None:
    """Resolve "pre-1949" and "post-1959": the year, as the bound of the time before or after it."""
    return _absolute(year_interval(int(m["year"])), "before" if m["bound"].lower() == "pre" else "after")


def _bare_year(m: re.Match, ctx: Context) -> Resolution | None:
    return None if ctx.counts else _year(m, ctx)


def _decade(m: re.Match, ctx: Context) -> Resolution | None:
    return _absolute(decade_interval(int(m["decade"])), _modifier(m))


def _modifier(m: re.Match) -> str | None:
    raw = (m.groupdict().get("mod") or "").lower().strip(" -")
    if not raw:
        return None
    if raw.startswith(("early", "beginning", "start")):
        return "early"
    if raw.startswith(("mid", "middle")):
        return "mid"
    return "late"


def _bare_month(m: re.Match, ctx: Context) -> Resolution | None:
    month = month_of(m)
    rel = (m.groupdict().get("rel") or "").lower()
    if rel == "next":
        return Resolution("relative", relative=lambda d: nearest_month(add_months(d, 1), month, True),
                          modifier=_modifier(m))
    strict = rel == "last"
    return Resolution("relative", relative=lambda d: nearest_month(d, month, False if strict else ctx.tense, strict),
                      modifier=_modifier(m))


def _weekday(m: re.Match, ctx: Context) -> Resolution | None:
    weekday = WEEKDAYS.index(m["weekday"])
    rel = (m.groupdict().get("rel") or "").lower()
    if rel == "next":
        return Resolution("relative",
                          relative=lambda d: day_interval(latest_weekday(d + dt.timedelta(days=1), weekday, True)))
    if rel == "last":
        return Resolution("relative",
                          relative=lambda d: day_interval(latest_weekday(d - dt.timedelta(days=1), weekday, False)))
    return Resolution("relative", relative=lambda d: day_interval(latest_weekday(d, weekday, ctx.future)))


_OFFSETS = {"last": -1, "past": -1, "previous": -1, "this": 0, "current": 0, "next": 1, "coming": 1,
            "earlier this": 0, "later this": 0}


def _this_unit(m: re.Match, ctx: Context) -> Resolution | None:
    offset = _OFFSETS[re.sub(r"\s+", " ", m["rel"].lower())]
    unit = m["unit"].lower()
    if unit == "weekend":
        return Resolution("relative", relative=lambda d: weekend_interval(d + dt.timedelta(weeks=offset)))
    return Resolution("relative", relative=lambda d: unit_interval(shift(day_interval(d), unit, offset).start, unit),
                      modifier=_modifier(m))


def _the_weekend(m: re.Match, ctx: Context) -> Resolution | None:
    """Resolve "the weekend": the last one (the one under way on a Saturday or Sunday), the next in a future context."""
    future = ctx.future
    return Resolution("relative", relative=lambda d: weekend_interval(
        d if future or d.weekday() >= 5 else d - dt.timedelta(weeks=1)))


def _end_of_unit(m: re.Match, ctx: Context) -> Resolution | None:
    unit = m["unit"].lower()
    return Resolution("relative", relative=lambda d: unit_interval(d, unit), modifier=_modifier(m))


def _century(m: re.Match, ctx: Context) -> Resolution | None:
    ordinal = int(m["ord"])
    if not 1 <= ordinal <= 21:
        return None
    first = (ordinal - 1) * 100
    return _absolute(Interval(dt.date(max(first, 1), 1, 1), dt.date(first + 99, 12, 31), f"{ordinal - 1:02d}",
                              "century"))


def _deictic_day(m: re.Match, ctx: Context) -> Resolution | None:
    offset = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[m["word"].lower()]
    return Resolution("relative", relative=lambda d: day_interval(d + dt.timedelta(days=offset)))


def _ago(m: re.Match, ctx: Context) -> Resolution | None:
    amount, unit = number(m["num"]), m["unit"].lower()
    return Resolution("relative", relative=lambda d: unit_interval(shift(day_interval(d), unit, -amount).start, unit))


def _season(m: re.Match, ctx: Context) -> Resolution | None:
    season = m["season"].lower()
    if m.groupdict().get("year"):
        return _absolute(season_interval(int(m["year"]), season))
    offset = _OFFSETS.get((m.groupdict().get("rel") or "this").lower(), 0)

    def resolve(d: dt.date) -> Interval:
        year = d.year + offset
        if offset == -1 and SEASONS[season][1] <= d.month <= SEASONS[season][2]:
            year = d.year - 1
        return season_interval(year, season)
    return Resolution("relative", relative=resolve)


def _quarter(m: re.Match, ctx: Context) -> Resolution | None:
    quarter = ORDINALS[m["ord"].lower()]
    if m.groupdict().get("year"):
        return _absolute(quarter_interval(int(m["year"]), quarter))

    def resolve(d: dt.date) -> Interval:
        year = d.year if quarter <= (d.month - 1) // 3 + 1 else d.year - 1
        return quarter_interval(year, quarter)
    return Resolution("relative", relative=resolve)


def _anaphoric(unit: str, amount: int, whole_unit: bool = False) -> Callable[[Interval], Interval]:
    """Return a function moving the previous date by ``amount`` units.

    With ``whole_unit`` ("the following week") it returns the whole week, month or year reached.
    """
    def move(previous: Interval) -> Interval:
        moved = shift(previous, unit, amount)
        if whole_unit and unit != "day" and previous.granularity == "day":
            return unit_interval(moved.start, unit)
        return moved
    return move


def _following(m: re.Match, ctx: Context) -> Resolution | None:
    word = m["which"].lower()
    amount = {"following": 1, "next": 1, "previous": -1, "same": 0}[word]
    return Resolution("anaphoric", anaphoric=_anaphoric(m["unit"].lower(), amount, whole_unit=True))


def _day_before_after(m: re.Match, ctx: Context) -> Resolution | None:
    return Resolution("anaphoric", anaphoric=_anaphoric("day", 1 if m["dir"].lower() == "after" else -1))


def _later(m: re.Match, ctx: Context) -> Resolution | None:
    amount = number(m["num"]) * (1 if m["dir"].lower() == "later" else -1)  # "two days after the vote": a duration
    return Resolution("anaphoric", anaphoric=_anaphoric(m["unit"].lower(), amount))


def _that_day(m: re.Match, ctx: Context) -> Resolution | None:
    return Resolution("anaphoric", anaphoric=_anaphoric("day", 0))


_VAGUE_VALUES = {"recent": "PAST_REF", "recently": "PAST_REF", "past": "PAST_REF", "previously": "PAST_REF",
                 "now": "PRESENT_REF", "currently": "PRESENT_REF", "nowadays": "PRESENT_REF",
                 "present": "PRESENT_REF", "these": "PRESENT_REF", "future": "FUTURE_REF", "soon": "FUTURE_REF",
                 "time": "PAST_REF", "shortly": None, "soon after": None, "day": None}


def _vague(m: re.Match, ctx: Context) -> Resolution | None:
    key = m["key"].lower()
    return Resolution("vague", value=_VAGUE_VALUES.get(key, _VAGUE_VALUES.get(key.split()[0])))


# --------------------------------------------------------------------------- durations, times, sets

#: TIMEX3 duration codes of calendar and clock units (decades and centuries are counted in years).
DURATION_CODES = {"second": ("T", "S", 1), "minute": ("T", "M", 1), "hour": ("T", "H", 1), "day": ("", "D", 1),
                  "night": ("", "D", 1), "week": ("", "W", 1), "month": ("", "M", 1), "quarter": ("", "Q", 1),
                  "year": ("", "Y", 1), "decade": ("", "Y", 10), "century": ("", "Y", 100)}
_VAGUE_AMOUNTS = {"several", "few", "a few", "many", "some", "the few"}


def duration_value(amount: float | None, unit: str) -> str:
    """Return the TIMEX3 value of ``amount`` units (None for an unknown amount: ``PXY``).

    >>> duration_value(3, "day"), duration_value(24, "hour"), duration_value(2, "decade"), duration_value(None, "year")
    ('P3D', 'PT24H', 'P20Y', 'PXY')
    """
    time_mark, code, factor = DURATION_CODES[unit]
    if amount is None:
        return f"P{time_mark}X{code}"
    total = amount * factor
    return f"P{time_mark}{int(total) if float(total).is_integer() else total}{code}"


def _amount(text: str | None) -> float | None:
    """Return the number of units a duration states ("two", "24", "a"), or None when vague ("several")."""
    if text is None:
        return None
    lowered = re.sub(r"\s+", " ", text.lower())
    if lowered in _VAGUE_AMOUNTS:
        return None
    if lowered == "a couple of":
        return 2.0
    return 1.0 if lowered in ("a", "an", "one") else parse_number(lowered)


def _unit_name(raw: str) -> str:
    """Return the singular unit of a matched unit word ("centuries" -> "century")."""
    lowered = raw.lower()
    return "century" if lowered.startswith("centur") else lowered.rstrip("s")


def _is_fraction(m: re.Match) -> bool:
    """Say whether a matched "quarter(s)" is a fraction: "three-quarters", "a quarter of the population"."""
    if not m["unit"].lower().startswith("quarter"):
        return False
    return m.string[m.start("unit") - 1] == "-" or re.match(r"\s+of\b", m.string[m.end():]) is not None


def _duration(m: re.Match, ctx: Context) -> Resolution | None:
    if _is_fraction(m):
        return None
    unit = _unit_name(m["unit"])
    plural = m["unit"].lower().endswith("s") and unit != m["unit"].lower()
    amount = _amount(m.groupdict().get("num") or (None if plural else "a"))
    if amount is not None and amount >= 1000 and not plural:
        return None  # "the 1988 quarter" is a year, not 1,988 quarters
    value = duration_value(amount, unit)
    direction = (m.groupdict().get("dir") or "").lower()
    if not direction or amount is None or unit not in ("day", "week", "month", "year", "hour"):
        return Resolution("duration", value=value, type="DURATION")
    sign = 1 if direction in ("next", "coming") else -1
    calendar_unit, count = ("day", max(1, round(amount / 24))) if unit == "hour" else (unit, int(amount))

    def span(d: dt.date) -> Interval:
        other = shift(day_interval(d), calendar_unit, sign * count).start
        start, end = sorted((d, other))
        return Interval(start, end, value, "day")
    return Resolution("relative", relative=span, value=value, type="DURATION")


_SET_UNITS = {"daily": "day", "weekly": "week", "monthly": "month", "annually": "year", "yearly": "year",
              "hourly": "hour", "nightly": "night", "quarterly": "quarter"}


def _set(m: re.Match, ctx: Context) -> Resolution | None:
    """Resolve a set: "daily", "every Monday", "every two weeks", "every other year" (each second one, ``P2Y``)."""
    if m.groupdict().get("adverb"):
        return Resolution("set", value=duration_value(1, _SET_UNITS[m["adverb"].lower()]), type="SET")
    if m.groupdict().get("weekday"):
        return Resolution("set", value=f"XXXX-WXX-{WEEKDAYS.index(m['weekday'].title()) + 1}", type="SET")
    number = (m.groupdict().get("num") or "a").lower()
    amount = 2.0 if number == "other" else _amount(number)
    return Resolution("set", value=duration_value(amount, _unit_name(m["unit"])), type="SET")


def _clock_suffix(text: str) -> str | None:
    """Return the TIMEX3 time of a clock expression ("T17:00"), or None when it is no time.

    >>> _clock_suffix("17:00"), _clock_suffix("5 p.m."), _clock_suffix("10:35 a.m."), _clock_suffix("0600 GMT")
    ('T17:00', 'T17:00', 'T10:35', 'T06:00')
    """
    match = re.match(r"(?P<h>\d\d)(?P<m>[0-5]\d)\b|(?P<h2>\d{1,2})(?::(?P<m2>[0-5]\d))?(?::[0-5]\d)?\s*(?P<ampm>[ap])?",
                     text.lower())
    if match is None:
        return None
    hour, minute = int(match["h"] or match["h2"]), int(match["m"] or match["m2"] or 0)
    if match["ampm"] == "p" and hour < 12:
        hour += 12
    if match["ampm"] == "a" and hour == 12:
        hour = 0
    return f"T{hour:02d}:{minute:02d}" if hour <= 24 else None


_DAY_PARTS = {"morning": "TMO", "afternoon": "TAF", "evening": "TEV", "night": "TNI", "tonight": "TNI",
              "overnight": "TNI", "noon": "T12:00", "midday": "T12:00", "midnight": "T24:00"}


def _clock(m: re.Match, ctx: Context) -> Resolution | None:
    suffix = _clock_suffix(m.group(0))
    if suffix is None:
        return None
    return Resolution("relative", relative=day_interval, type="TIME", time=suffix)


def _day_part(m: re.Match, ctx: Context) -> Resolution | None:
    offset = -1 if (m.groupdict().get("which") or "").lower() in ("last", "yesterday") else 0
    if (m.groupdict().get("which") or "").lower() == "tomorrow":
        offset = 1
    part = _DAY_PARTS[(m["part"] or m["alone"]).lower()]
    return Resolution("relative", relative=lambda d: day_interval(d + dt.timedelta(days=offset)), type="TIME",
                      time=part)


def day_first_convention(text: str) -> bool | None:
    """Return True when the text writes numeric dates day first (31/10/2023), False when month first, else None.

    Only unambiguous dates (a part above 12) decide.

    >>> day_first_convention("on 31/10/2023 and 1/11/2023"), day_first_convention("on 10/31/2023")
    (True, False)
    """
    for match in _NUMERIC_DATE.finditer(text):
        first, second = int(match["a"]), int(match["b"])
        if first > 12 >= second:
            return True
        if second > 12 >= first:
            return False
    return None


_NUMERIC_DATE = re.compile(r"(?=\d)(?<![\d/.])(?P<a>[0-3]?\d)(?P<sep>[/.])(?P<b>[0-3]?\d)(?P=sep)"
                           r"(?P<y>(?:19|20)\d\d)(?![\d/])")


def _numeric_date(m: re.Match, ctx: Context) -> Resolution | None:
    first, second, year = int(m["a"]), int(m["b"]), int(m["y"])
    readings = []
    for day, month in ((first, second), (second, first)):
        try:
            readings.append(dt.date(year, month, day))
        except ValueError:
            continue
    if not readings:
        return None
    if len(readings) == 2 and readings[0] != readings[1]:
        readings = [readings[0 if ctx.day_first else 1]] if ctx.day_first is not None else \
            _nearest_before(readings, ctx.published_end)
    return _absolute(day_interval(readings[0]))


def _nearest_before(days: list[dt.date], published: dt.date | None) -> list[dt.date]:
    """Return the reading nearest to publication, preferring one on or before it (day first without a date)."""
    if published is None:
        return days
    return sorted(days, key=lambda d: (d > published, abs((published - d).days)))


def _named_day(m: re.Match, ctx: Context) -> Resolution | None:
    name = m["named"]

    def interval_in(year: int) -> Interval | None:
        dates = named_day_dates(name, year)
        if dates is None:
            return None
        first, last = dates
        if first == last:
            return day_interval(first)
        return Interval(first, last, _uncertain_value(first, last, "day") if first.month != last.month
                        else f"{first.year:04d}-{first.month:02d}", "month")

    if m.groupdict().get("year"):
        return _absolute(interval_in(int(m["year"])))

    def resolve(d: dt.date) -> Interval | None:
        for year in ((d.year, d.year + 1) if ctx.future else (d.year, d.year - 1)):
            found = interval_in(year)
            if found is not None and ((found.end >= d) if ctx.future else (found.start <= d)):
                return found
        return None
    return Resolution("relative", relative=resolve)


def _rule(name: str, pattern: str, resolve: Callable, flags: int = 0, triggers: str = "", digit: bool = False,
          needs: str | None = None) -> Rule:
    """Compile a rule; ``triggers`` are its trigger strings separated by spaces, ``needs`` a pattern of its matches."""
    return Rule(name, re.compile(pattern, flags), resolve, tuple(triggers.split()), digit,
                re.compile(needs, flags) if needs else None)


_I = re.IGNORECASE
#: Every month name and abbreviation starts with these (lower-case); every weekday name, every time unit.
_MONTH_WORDS = " ".join(month[:3].lower() for month in MONTHS)
_WEEKDAY_WORDS = " ".join(weekday.lower() for weekday in WEEKDAYS)
_UNIT_WORDS = "second minute hour day night week month quarter year decade centur"
#: Characters that a case-insensitive pattern matches as an ASCII letter but ``str.lower`` does not give as one.
_FOLD = str.maketrans({"ı": "i", "İ": "i", "ſ": "s"})
_DIGIT = re.compile(r"\d")
#: A year after a day and month (that belongs to the date, not a following number such as "4,385").
_YEAR_AHEAD = r"(?:1[6-9]|20)\d\d(?![\d,.]\d)"
_DURATION_NUM = (rf"(?P<num>{DIGIT_NUMBER}|{WORD_NUMBER}|an?|several|(?:a\s+)?few|many|some|a\s+couple\s+of)")
#: A word's start: a pattern that opens with it, not a bare ``\b``, is not tried at the end of every word.
_WORD_START = r"\b(?=\w)"
#: The first character of every duration: "the", a direction word, a digit, a number word, "a", "several",
#: "few", "many", "some" (the lookahead spares trying each of them at every word's end).
_DURATION_FIRST = r"[tplncfzoseahdm\d]"
_DURATION_UNIT = (r"(?P<unit>seconds?|minutes?|hours?|days?|nights?|weeks?|months?|quarters?|years?|decades?"
                  r"|centur(?:y|ies))")
_MOD = r"(?P<mod>(?i:early|mid|late|(?:the\s+)?(?:beginning|start|middle|end)\s+of)(?:\s+|-))"
_REL = r"(?P<rel>(?i:last|this|next|past|previous|current|coming|earlier\s+this|later\s+this))"

#: Rules in order of preference; overlapping matches keep the longest, then the first rule. A pattern that
#: starts with a lookahead of its first character ("(?=[12])" for a year) is spared trying its lookbehinds
#: at every other character.
RULES: list[Rule] = [
    _rule("iso_date", r"(?=[12])\b(?P<year>1[6-9]\d\d|20\d\d)-(?P<mon>[01]\d)-(?P<day>[0-3]\d)\b", _iso_date,
          digit=True),
    _rule("month_day_year", rf"\b{_MONTH_ANY}\s+{_DAY},?\s+{_YEAR}\b", _full_date, triggers=_MONTH_WORDS, digit=True),
    _rule("day_month_year", rf"\b{_DAY}\s+(?:of\s+)?{_MONTH_ANY}\s*,?\s+{_YEAR}\b",
          _full_date, triggers=_MONTH_WORDS, digit=True),
    _rule("month_year", rf"{_WORD_START}{_MOD}?{_MONTH}(?:\s+of)?,?\s+{_YEAR}\b", _month_year, triggers=_MONTH_WORDS,
          digit=True),
    _rule("month_day", rf"\b{_MONTH_ANY}\s+{_DAY}\b(?!\s*(?:,\s*)?{_YEAR_AHEAD})(?![.,]?\d)"
                       rf"(?!\s*(?:million|billion|percent|%))", _month_day, triggers=_MONTH_WORDS, digit=True),
    _rule("day_month", rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}\b(?!\s*,?\s*{_YEAR_AHEAD})",
          _month_day, triggers=_MONTH_WORDS, digit=True),
    _rule("weekday", rf"{_WORD_START}(?:{_REL}\s+)?{_WEEKDAY}{_PART}\b", _weekday, triggers=_WEEKDAY_WORDS),
    _rule("bare_month", rf"{_WORD_START}{_MOD}?(?:(?P<rel>(?i:last|next|this))\s+)?{_MONTH}\b(?!\s+\d)",
          _bare_month, triggers=_MONTH_WORDS),
    _rule("modified_year", rf"{_WORD_START}{_MOD}{_YEAR}\b", _year, triggers="early mid late beginning start end",
          digit=True),
    _rule("bounded_year", r"\b(?P<bound>(?i:pre|post))-(?P<year>1[6-9]\d\d|20\d\d)\b", _bounded_year,
          triggers="pre- post-", digit=True),
    _rule("decade", rf"{_WORD_START}(?:(?i:the)\s+(?=(?i:early|mid|late)))?{_MOD}?(?:the\s+)?"
                    r"(?P<decade>1[6-9]\d0|20\d0)'?s\b",
          _decade, triggers="0s 0's", digit=True),
    _rule("year", r"(?=[12])(?<![\d$€£.,/])(?<!\d-)\b(?P<year>1[6-9]\d\d|20\d\d)\b"
                  r"(?![\d,.]\d)(?!-\d\d-)", _bare_year, digit=True),
    _rule("year_range_end", r"(?=[12])(?<=\b(?:1[6-9]|20)\d\d[-–])(?P<year>1[6-9]\d\d|20\d\d)\b(?![\d,.]\d)",
          _year, triggers="- –", digit=True),
    _rule("century", r"\b(?:the\s+)?(?P<ord>\d{1,2})(?:st|nd|rd|th)[\s-]+[Cc]entury\b",
          _century, triggers="century", digit=True),
    _rule("end_of_year", rf"{_WORD_START}(?P<mod>(?:the\s+)?(?:end|beginning|start|middle)\s+of\s+)"
                         r"(?:the\s+)?(?P<unit>year|month|week)\b",
          _end_of_unit, _I, triggers="end beginning start middle"),
    _rule("this_unit", rf"{_WORD_START}{_MOD}?(?:the\s+)?{_REL.replace('past|', '')}\s+(?:(?i:fiscal)\s+)?"
                       r"(?P<unit>week|month|year|weekend)\b",
          _this_unit, triggers="last this next previous current coming"),
    _rule("the_weekend", r"\bthe\s+weekend\b", _the_weekend, _I, triggers="weekend"),
    _rule("deictic_day", r"\b(?P<word>yesterday|today|tonight|tomorrow)\b",
          _deictic_day, _I, triggers="yesterday today tonight tomorrow"),
    _rule("ago", rf"{_WORD_START}{_NUM}\s+{_UNIT}\s+ago\b", _ago, _I, triggers="ago"),
    _rule("season", rf"{_WORD_START}(?:(?P<rel>last|this|next|past)\s+)?(?P<season>spring|summer|autumn|fall|winter)"
                    r"(?:\s+(?:of\s+)?(?P<year>1[6-9]\d\d|20\d\d))?\b",
          _season, _I, triggers="spring summer autumn fall winter"),
    _rule("quarter", r"\b(?:the\s+)?(?P<ord>first|second|third|fourth)(?:[\s-]+fiscal)?[\s-]+quarter"
                     r"(?:\s+of\s+(?P<year>1[6-9]\d\d|20\d\d))?\b", _quarter, _I, triggers="quarter"),
    _rule("following", r"\bthe\s+(?P<which>following|next|previous|same)\s+(?P<unit>day|week|month|year)\b",
          _following, _I, triggers="following next previous same"),
    _rule("day_before_after", r"\bthe\s+day\s+(?P<dir>before|after)\b(?!\s+(?:the\s+)?[A-Z])",
          _day_before_after, _I, triggers="before after"),
    _rule("later", rf"{_WORD_START}{_NUM}\s+{_UNIT}\s+(?P<dir>later|earlier)\b(?!\s+\w+ing\b)", _later, _I,
          triggers="later earlier"),
    _rule("that_day", r"\bthat\s+day\b", _that_day, _I, triggers="that"),
    _rule("vague", r"\b(?P<key>recent)\s+(?:days|weeks|months|years)\b", _vague, _I, triggers="recent"),
    _rule("vague_words", rf"{_WORD_START}(?P<key>recently|nowadays|currently|now|soon|"
                         r"shortly\s+(?:afterwards?|thereafter)|soon\s+after(?:wards)?)\b",
          _vague, _I, triggers="recently now currently soon shortly"),
    _rule("vague_ref", r"\bthe\s+(?P<key>past|present|future)\b"
                       r"(?!\s+(?:few\s+)?(?:\d+|two|three|several|days?|weeks?|months?|years?|decades?)\b)",
          _vague, _I, triggers="past present future"),
    _rule("vague_at_the_time", r"\bat\s+the\s+(?P<key>time)\b(?!\s+of\b)", _vague, _I, triggers="time"),
    _rule("vague_day_of", r"\bthe\s+(?P<key>day)\s+(?:of|after|before)\s+[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*[’']s\s+\w+",
          _vague, triggers="'s ’s"),
    _rule("duration", rf"\b(?={_DURATION_FIRST})(?:(?:the\s+)?(?P<dir>past|last|previous|next|coming|first)\s+)?"
                      rf"{_DURATION_NUM}"
                      rf"(?:[\s-]+|\s+more\s+){_DURATION_UNIT}\b(?!-old|\s+old\b)",
          _duration, _I, triggers=_UNIT_WORDS, needs=rf"[\s-]{_DURATION_UNIT}\b"),
    _rule("past_unit", rf"\b(?:the\s+)?(?P<dir>past)\s+{_DURATION_UNIT}\b", _duration, _I, triggers="past"),
    _rule("plural_units", r"(?<![\w-])(?=(?:hours|days|weeks|months|years|decades|centuries)\b)"
                          r"(?:(?<=\bfor\s)|(?<=\bover\s)|(?<=\bin\s)|(?<=\bwithin\s)|(?<=\bduring\s)|(?<=\bafter\s))"
                          r"(?P<unit>\w+)\b(?!\s+(?:ago|later|earlier))",
          _duration, _I, triggers="hours days weeks months years decades centuries"),
    _rule("coming_units", r"\b(?:the\s+)?(?P<dir>coming|next|past|last)\s+"
                          r"(?P<unit>hours|days|weeks|months|years|decades|centuries)\b(?!\s+(?:ago|later|earlier))",
          _duration, _I, triggers="coming next past last"),
    _rule("set", rf"{_WORD_START}(?:(?P<adverb>daily|weekly|monthly|annually|yearly|hourly|nightly)"
                 r"|(?:every|each|per)\s+(?:(?P<num>other|two|three|four|five|six|\d+)\s+)?(?P<unit>"
                 r"second|minute|hour|day|night|week|month|quarter|year|decade)s?"
                 r"|(?:every|each)\s+(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b",
          _set, _I, triggers="daily weekly monthly annually yearly hourly nightly every each per"),
    _rule("clock", CLOCK_TIME.pattern, _clock, _I, digit=True),
    _rule("day_part", rf"{_WORD_START}(?:(?P<which>this|last|yesterday|tomorrow)\s+"
                      r"(?P<part>morning|afternoon|evening|night)"
                      r"|(?P<alone>overnight|noon|midday|midnight))\b",
          _day_part, _I, triggers="morning afternoon evening night noon midday"),
    _rule("numeric_date", _NUMERIC_DATE.pattern, _numeric_date, triggers="/ .", digit=True),
    _rule("named_day", rf"{_WORD_START}{NAMED_DAY}(?:\s+(?P<year>1[6-9]\d\d|20\d\d))?\b",
          _named_day, _I, triggers=" ".join(NAMED_DAY_WORDS)),
]

#: Every rule's trigger strings.
_TRIGGER_WORDS = tuple(sorted({word for rule in RULES for word in rule.triggers}))


# --------------------------------------------------------------------------- finding

def candidate_matches(text: str) -> list[tuple[int, int, Rule, re.Match]]:
    """Return non-overlapping rule matches in ``text``: longest first, then rule order.

    A rule whose trigger strings are all absent from the text is not run (it could not match).
    """
    folded = (text.translate(_FOLD) if any(char in text for char in "ıİſ") else text).lower()
    has_digit = _DIGIT.search(text) is not None
    present = _triggers_in(folded)
    found = []
    for order, rule in enumerate(RULES):
        if (rule.digit and not has_digit) or (rule.triggers and present.isdisjoint(rule.triggers)) \
                or (rule.needs and not rule.needs.search(text)):
            continue
        for match in rule.pattern.finditer(text):
            start, end = match.span()
            if rule.name == "year" and _NOT_A_YEAR_AFTER.match(text, end) and not _year_context(text, start):
                continue
            found.append((start, end, order, rule, match))
    found.sort(key=lambda item: (-(item[1] - item[0]), item[2], item[0]))
    chosen: list[tuple[int, int, Rule, re.Match]] = []
    taken: list[tuple[int, int]] = []
    for start, end, _, rule, match in found:
        if any(start < t_end and t_start < end for t_start, t_end in taken):
            continue
        taken.append((start, end))
        chosen.append((start, end, rule, match))
    return sorted(chosen, key=lambda item: item[0])


def _triggers_in(folded: str) -> set[str]:
    """Return the rules' trigger strings found in a lower-cased text (each looked for once, not once per rule)."""
    return {word for word in _TRIGGER_WORDS if word in folded}


def _plural_after(text: str, start: int, end: int) -> bool:
    """Say whether a plural word follows a number that no word introducing years precedes ("2019 rockets")."""
    return _PLURAL_AFTER.match(text, end) is not None and not _year_context(text, start)


def _year_context(text: str, start: int) -> bool:
    """Return True when a four-digit number follows a word that introduces years ("in", "since", ...)."""
    return re.search(r"\b(?:in|since|until|by|from|of|before|after|during|the)\s+$", text[max(0, start - 12):start],
                     re.IGNORECASE) is not None


def publication_interval(published: dt.date | None,
                         precision: str | None) -> tuple[dt.date | None, dt.date | None, str]:
    """Return the first and last possible day of publication and its granularity."""
    if published is None:
        return None, None, "day"
    if precision == "month":
        interval = month_interval(published.year, published.month)
        return interval.start, interval.end, "month"
    if precision == "year":
        return dt.date(published.year, 1, 1), dt.date(published.year, 12, 31), "year"
    return published, published, "day"


def anchor_relative(relative: Relative, ctx: Context) -> Interval | None:
    """Resolve a relative expression at the first and last possible publication day.

    Return the interval covering both (one exact interval when they agree), or None
    when the expression leaves the calendar ("tomorrow" of 9999-12-31).
    """
    if ctx.published_start is None:
        return None
    try:
        first, last = relative(ctx.published_start), relative(ctx.published_end)
    except (OverflowError, ValueError):
        return None
    if first is None or last is None:
        return None
    if first == last:
        return first
    granularity = coarser(first.granularity, ctx.published_granularity)
    return Interval(first.start, last.end, _uncertain_value(first.start, last.end, first.granularity), granularity)


def _anaphoric_interval(resolution: Resolution, previous: Interval) -> Interval | None:
    """Move the previous date as an anaphoric expression says; None when that leaves the calendar."""
    try:
        return resolution.anaphoric(previous)
    except (OverflowError, ValueError):
        return None


def resolve(resolution: Resolution, ctx: Context) -> tuple[Interval | None, str, str | None, str | None]:
    """Return (interval, kind, anchor, value) of a rule's resolution in its context.

    A time of day adds its time to the day's value ("2023-10-20T17:00"); a duration
    keeps its own value ("PT24H") and, when anchored ("the past 24 hours"), the days it covers.
    """
    if resolution.kind == "absolute":
        return resolution.interval, "absolute", None, resolution.interval.value
    interval, kind, anchor = None, "vague", None
    if resolution.kind == "relative":
        interval = anchor_relative(resolution.relative, ctx)
        kind, anchor = "relative", "published"
    elif resolution.kind == "anaphoric" and ctx.previous is not None:
        interval = _anaphoric_interval(resolution, ctx.previous)
        kind, anchor = "anaphoric", "previous"
    elif resolution.kind in ("duration", "set"):
        return None, resolution.kind, None, resolution.value
    if interval is None:
        return None, "vague", None, resolution.value if resolution.kind == "vague" else None
    return interval, kind, anchor, _value(resolution, interval)


def _value(resolution: Resolution, interval: Interval) -> str:
    """Return the TIMEX3 value of a resolved expression (its own for durations, plus the time for times)."""
    if resolution.type == "DURATION" and resolution.value:
        return resolution.value
    if resolution.time and interval.granularity == "day" and "X" not in interval.value:
        return interval.value + resolution.time
    return interval.value


def find_timexes(text: str, published: dt.date | None, precision: str | None = "day",
                 future: Callable[[int, int], bool] | None = None, day_first: bool | None = None,
                 counts: Callable[[int, int], bool] | None = None) -> list[Timex]:
    """Find and resolve every date, time, duration and set expression of ``text`` published on ``published``.

    ``future(start, end)`` says whether the expression at those offsets refers forwards
    (from the parse: :func:`helpers.extract.tense.future_reference`); without it only
    words such as "next" do. ``day_first`` is the outlet's convention for numeric dates
    (31/10/2023); None reads it from the text's unambiguous dates, else takes the
    reading nearest before publication. ``counts(start, end)`` says whether a number that looks
    like a year counts things (from the parse: :func:`helpers.extract.tense.counts_things`);
    without it a plural word after the number does ("2019 rockets").

    >>> [(t.text, t.value) for t in find_timexes("He called Monday evening, after two days of talks.",
    ...                                          dt.date(2019, 11, 19))]
    [('Monday evening', '2019-11-18'), ('two days', 'P2D')]
    """
    pub_start, pub_end, pub_granularity = publication_interval(published, precision)
    day_first = day_first_convention(text) if day_first is None else day_first
    counts = counts or (lambda start, end: _plural_after(text, start, end))
    previous: Interval | None = None
    timexes: list[Timex] = []
    for start, end, rule, match in candidate_matches(text):
        ctx = Context(pub_start, pub_end, pub_granularity, previous,
                      (lambda s=start, e=end: future(s, e)) if future else None, day_first,
                      lambda s=start, e=end: counts(s, e))
        resolution = rule.resolve(match, ctx)
        if resolution is None:
            continue
        interval, kind, anchor, value = resolve(resolution, ctx)
        if rule.name == "vague_day_of":
            value = None
        timex = Timex(start, end, match.group(0), value, interval.start if interval else None,
                      interval.end if interval else None, interval.granularity if interval else None,
                      kind, anchor, resolution.modifier, resolution.type, resolution.time)
        timexes.append(timex)
        timexes.extend(_conjoined_days(text, timex))
        if interval is not None and resolution.type != "DURATION":
            previous = day_interval(timexes[-1].start) if timexes[-1] is not timex else interval
    return merge_times_with_days(text, timexes)


_WEEKDAY_ALONE = re.compile(rf"{_WEEKDAY}{_PART}")
_BETWEEN_WEEKDAY_AND_DATE = re.compile(r",?[ \t]+")
_BETWEEN_TIME_AND_DAY = re.compile(r"(?:\s*,)?\s+(?:(?:on|of|at)\s+)?(?:(?:EST|EDT|GMT|UTC|local time)\s*,?\s+)?"
                                   r"(?:(?:on|of|at)\s+)?$", re.IGNORECASE)


def merge_times_with_days(text: str, timexes: list[Timex]) -> list[Timex]:
    """Join a time of day and the day next to it into one time: "21:00 on 20 October", "noon Thursday".

    A weekday and the date right after it become that date: "Monday, Oct. 26".

    >>> [(t.text, t.value) for t in find_timexes("As of 21:00 on 20 October, no deaths.", dt.date(2023, 10, 21))]
    [('21:00 on 20 October', '2023-10-20T21:00')]
    >>> [(t.text, t.value) for t in find_timexes("The vote is on Monday, Oct. 26.", dt.date(1998, 10, 25))]
    [('Monday, Oct. 26', '1998-10-26')]
    """
    merged: list[Timex] = []
    for timex in timexes:
        joined = _joined(text, merged[-1], timex) if merged else None
        if joined is None:
            merged.append(timex)
        else:
            merged[-1] = joined
    return merged


def _joined(text: str, before: Timex, timex: Timex) -> Timex | None:
    """Return two neighbouring expressions as one (a time and its day, a weekday and its date), or None."""
    if _WEEKDAY_ALONE.fullmatch(before.text) and _BETWEEN_WEEKDAY_AND_DATE.fullmatch(
            text[before.end_char:timex.start_char]) and timex.type == "DATE" and timex.granularity == "day":
        return dataclasses.replace(timex, start_char=before.start_char, text=text[before.start_char:timex.end_char])
    pair = _time_and_day(text, before, timex)
    if pair is None:
        return None
    time, day = pair
    return Timex(before.start_char, timex.end_char, text[before.start_char:timex.end_char],
                 day.value + time.time, day.start, day.end, day.granularity, day.kind, day.anchor,
                 None, "TIME", time.time)


def _time_and_day(text: str, first: Timex | None, second: Timex) -> tuple[Timex, Timex] | None:
    """Return (time, day) when two neighbouring expressions are a clock time and a single day."""
    if first is None or not _BETWEEN_TIME_AND_DAY.fullmatch(text[first.end_char:second.start_char] or " "):
        return None
    for time, day in ((first, second), (second, first)):
        if time.time and time.type == "TIME" and day.type == "DATE" and day.granularity == "day" \
                and day.value and "X" not in day.value and len(day.value) == 10:
            return time, day
    return None


_CONJOINED_DAY = re.compile(r"\s+(?:and|or|&)\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b(?![\d,%]|\.\d)"
                            rf"(?!\s+(?:of\s+)?(?:{'|'.join(MONTHS)}|{'|'.join(MONTH_ABBR)})\b)")


#: A date that ends with its day's number ("October 13", "the 13th"), which another day's number may follow.
_DAY_NUMBER_END = re.compile(r"\d(?:st|nd|rd|th)?$")


def _conjoined_days(text: str, timex: Timex) -> list[Timex]:
    """Return the second day of "October 13 and 14" as its own date, same month and year.

    Only after a date written with its day's number: in "killed on Thursday and 23 others
    injured" the 23 counts people.

    >>> [t.value for t in find_timexes("on October 13 and 14.", dt.date(2023, 10, 16))]
    ['2023-10-13', '2023-10-14']
    >>> [t.text for t in find_timexes("4 were killed on Thursday and 23 others injured.", dt.date(2023, 3, 16))]
    ['Thursday']
    """
    match = _CONJOINED_DAY.match(text, timex.end_char)
    if not match or not _DAY_NUMBER_END.search(timex.text) or timex.granularity != "day" \
            or timex.start is None or timex.start != timex.end:
        return []
    try:
        day = timex.start.replace(day=int(match["day"]))
    except ValueError:
        return []
    value = day.isoformat()
    return [Timex(match.start("day"), match.end(), text[match.start("day"):match.end()], value, day, day,
                  "day", timex.kind, timex.anchor, None)]


# --------------------------------------------------------------------------- pipeline

def extract_timexes(parsed) -> list[dict]:
    """Return the rows of the ``timexes`` table for one parsed article (tense from its parse)."""
    article = parsed.article
    rows = []
    for timex in find_timexes(article.body, article.published, article.published_precision,
                              future=lambda start, end: future_reference(parsed.doc, start, end),
                              counts=lambda start, end: counts_things(parsed.doc, start, end)):
        sentence = parsed.sentence_at(timex.start_char)
        rows.append({"article_id": article.article_id, "sentence_id": sentence.sentence_id,
                     "start_char": timex.start_char, "end_char": timex.end_char, "text": timex.text,
                     "value": timex.value, "start": timex.start, "end": timex.end,
                     "granularity": timex.granularity, "kind": timex.kind, "anchor": timex.anchor,
                     "modifier": timex.modifier, "type": timex.type})
    return rows
