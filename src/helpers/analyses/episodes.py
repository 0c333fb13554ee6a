"""Episodes: runs of dates that belong together, found from the density of the dates themselves.

The timeline draws one panel per episode and the figure comparison compares figures
within one episode, so both use :func:`find_episodes`:

1. **Gaps.** The distinct dates are sorted and a new run starts wherever the gap to the
   previous date is much longer than the data's own typical gap
   (:data:`GAP_FACTOR` times the median gap between distinct dates, at least
   :data:`MIN_GAP_DAYS`). Five articles years apart give five runs; a week of news
   around one event gives one.
2. **Dense runs.** A run that is longer than ``max_span_days`` is cut into calendar
   months, and a month holding more than ``max_items`` items into ISO weeks. Six
   months of daily reports become weekly or monthly episodes instead of one.

Each episode gets a number (1, 2, ... in time order) and a label a reader can use
("7–15 Oct 2023", "October 2023", "week of 9 Oct 2023").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

#: A gap this many times the median gap between distinct dates starts a new run.
GAP_FACTOR = 4
#: ... but a gap of at most this many days never does.
MIN_GAP_DAYS = 7
#: Runs longer than this are cut into calendar months (and busy months into weeks).
MAX_SPAN_DAYS = 62
#: A month holding more items than this is cut into ISO weeks.
MAX_ITEMS = 60
EPISODE_COLUMNS = ["episode", "start", "end", "label", "items"]


@dataclass
class Episodes:
    """The episode number of every item (aligned with the input) and one row per episode."""

    numbers: pd.Series
    table: pd.DataFrame

    def label_of(self) -> pd.Series:
        """Return the episode label of every item (aligned with the input)."""
        labels = dict(zip(self.table["episode"], self.table["label"], strict=True))
        return self.numbers.map(labels)


def gap_threshold(days: list[dt.date]) -> int:
    """Return the gap in days that starts a new run, from the median gap between distinct ``days``.

    >>> gap_threshold([dt.date(2023, 10, d) for d in range(1, 31)])
    7
    >>> gap_threshold([dt.date(2015, 1, 1), dt.date(2015, 1, 11), dt.date(2015, 1, 21), dt.date(2019, 1, 1)])
    40
    """
    gaps = pd.Series([(b - a).days for a, b in zip(days, days[1:], strict=False)])
    typical = float(gaps.median()) if len(gaps) else 0.0
    return max(MIN_GAP_DAYS, int(round(GAP_FACTOR * typical)))


def span_label(start: dt.date, end: dt.date) -> str:
    """Return a short label of an interval, e.g. ``7–15 Oct 2023`` or ``1 May – 29 Aug 2016``.

    >>> span_label(dt.date(2023, 10, 7), dt.date(2023, 10, 15))
    '7–15 Oct 2023'
    """
    if start == end:
        return f"{start.day} {start:%b %Y}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {end:%b %Y}"
    if start.year == end.year:
        return f"{start.day} {start:%b} – {end.day} {end:%b %Y}"
    return f"{start.day} {start:%b %Y} – {end.day} {end:%b %Y}"


def _runs(days: list[dt.date], threshold: int) -> list[list[dt.date]]:
    """Split sorted distinct ``days`` wherever the gap exceeds ``threshold`` days."""
    runs: list[list[dt.date]] = []
    for day in days:
        if runs and (day - runs[-1][-1]).days <= threshold:
            runs[-1].append(day)
        else:
            runs.append([day])
    return runs


def _month_start(day: dt.date) -> dt.date:
    """Return the first day of ``day``'s month."""
    return day.replace(day=1)


def _week_start(day: dt.date) -> dt.date:
    """Return the Monday of ``day``'s ISO week."""
    return day - dt.timedelta(days=day.weekday())


def _periods(run: list[dt.date], counts: dict[dt.date, int], max_span_days: int,
             max_items: int) -> list[tuple[list[dt.date], str]]:
    """Return the periods a run is cut into, each with its days and its label."""
    if (run[-1] - run[0]).days < max_span_days:
        return [(run, span_label(run[0], run[-1]))]
    periods: list[tuple[list[dt.date], str]] = []
    months: dict[dt.date, list[dt.date]] = {}
    for day in run:
        months.setdefault(_month_start(day), []).append(day)
    for month, days in months.items():
        if sum(counts[d] for d in days) <= max_items:
            periods.append((days, f"{month:%B %Y}"))
            continue
        weeks: dict[dt.date, list[dt.date]] = {}
        for day in days:
            weeks.setdefault(_week_start(day), []).append(day)
        periods += [(week_days, f"week of {week.day} {week:%b %Y}") for week, week_days in weeks.items()]
    return periods


def find_episodes(dates: pd.Series, max_span_days: int = MAX_SPAN_DAYS, max_items: int = MAX_ITEMS,
                  gap_days: int | None = None) -> Episodes:
    """Return the episodes of ``dates`` (dates or timestamps; missing ones get episode 0).

    ``gap_days`` overrides the gap found from the data (see the module docstring);
    ``max_span_days`` and ``max_items`` say when a run is cut into months and weeks.
    """
    days = pd.to_datetime(dates, errors="coerce").dt.date
    known = days.dropna()
    counts = known.value_counts().to_dict()
    distinct = sorted(counts)
    threshold = gap_days if gap_days is not None else gap_threshold(distinct)
    number_of: dict[dt.date, int] = {}
    rows = []
    for run in _runs(distinct, threshold):
        for period_days, label in _periods(run, counts, max_span_days, max_items):
            number = len(rows) + 1
            number_of.update(dict.fromkeys(period_days, number))
            rows.append({"episode": number, "start": period_days[0], "end": period_days[-1], "label": label,
                         "items": sum(counts[d] for d in period_days)})
    numbers = days.map(lambda d: number_of.get(d, 0) if isinstance(d, dt.date) else 0).astype(int)
    return Episodes(numbers, pd.DataFrame(rows, columns=EPISODE_COLUMNS))
