"""Dated events for the timeline: filtered, joined to their article, grouped into episodes.

Events are grouped into **episodes** (runs of events with no gap longer than
``episode_gap_days`` between them), so that a chart can give every episode its own
time axis. Events the articles recall from long before they were written ("Since
the 1979 Islamic Revolution") are **background**: they end more than
``background_days`` before their article appeared, and are listed apart
(:func:`background_table`) rather than stretch an axis over decades.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from helpers.vocab import GRANULARITIES


def dated_events(
    tables: dict[str, pd.DataFrame],
    date_from: str,
    date_to: str,
    actors: list[str] | None,
    event_types: list[str] | None,
    granularity_floor: str,
) -> pd.DataFrame:
    """Return the dated events joined to their article, filtered (one row per event)."""
    articles = tables["articles"][
        ["article_id", "title", "outlet", "published", "published_precision"]
    ]
    frame = tables["events"].merge(articles, on="article_id", how="left")
    frame = frame[frame["date_start"].notna()]
    if granularity_floor:
        limit = GRANULARITIES.index(granularity_floor)
        frame = frame[
            frame["granularity"].map(
                lambda g: g in GRANULARITIES and GRANULARITIES.index(g) <= limit
            )
        ]
    if date_from:
        frame = frame[frame["date_end"] >= dt.date.fromisoformat(date_from)]
    if date_to:
        frame = frame[frame["date_start"] <= dt.date.fromisoformat(date_to)]
    if event_types:
        frame = frame[frame["event_type"].isin(event_types)]
    if actors:
        frame = frame[frame["actors"].map(lambda ids: bool(set(ids) & set(actors)))]
    return frame.reset_index(drop=True)


def assign_episodes(frame: pd.DataFrame, background_days: int, gap_days: int) -> pd.DataFrame:
    """Flag background events and number the others' episodes (one row per event in, same rows out).

    An event is background when it ended more than ``background_days`` before its article was
    published (never when the publication date is unknown or ``background_days`` is 0). The
    others, in order of start, open a new episode when they start more than ``gap_days`` after
    the latest end seen so far.
    """
    published = pd.to_datetime(frame["published"])
    ended = pd.to_datetime(frame["date_end"])
    lag = (published - ended).dt.days
    frame = frame.assign(background=(background_days > 0) & lag.notna() & (lag > background_days))
    episode, latest = 0, None
    numbers: dict[str, int] = {}
    for row in (
        frame[~frame["background"]].sort_values(["date_start", "date_end", "event_id"]).itertuples()
    ):
        if latest is None or (row.date_start - latest).days > gap_days:
            episode += 1
        latest = row.date_end if latest is None else max(latest, row.date_end)
        numbers[row.event_id] = episode
    return frame.assign(episode=frame["event_id"].map(lambda e: numbers.get(e, 0)).astype(int))


def episodes(frame: pd.DataFrame) -> pd.DataFrame:
    """Return one row per episode: number, first and last day, events, articles, title."""
    rows = []
    for number, group in frame[frame["episode"] > 0].groupby("episode", sort=True):
        start, end = min(group["date_start"]), max(group["date_end"])
        n_events, outlets = group["event_id"].nunique(), sorted(set(group["outlet"].dropna()))
        title = (
            f"{span_label(start, end)}: {n_events} event{'s' * (n_events != 1)}"
            f" from {', '.join(outlets) or 'unknown outlet'}"
        )
        rows.append(
            {
                "episode": number,
                "start": start,
                "end": end,
                "events": n_events,
                "articles": group["article_id"].nunique(),
                "title": title,
            }
        )
    return pd.DataFrame(rows, columns=["episode", "start", "end", "events", "articles", "title"])


def span_label(start: dt.date, end: dt.date) -> str:
    """Return a short label of an interval, e.g. ``7-15 Oct 2023`` or ``1 May - 29 Aug 2016``."""
    if start == end:
        return f"{start.day} {start:%b %Y}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {end:%b %Y}"
    if start.year == end.year:
        return f"{start.day} {start:%b} – {end.day} {end:%b %Y}"
    return f"{start.day} {start:%b %Y} – {end.day} {end:%b %Y}"


def background_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Return the background events (history the articles recall), one row each, oldest first."""
    events = frame[frame["episode"] == 0].drop_duplicates("event_id")
    table = events.assign(actors=events["actor_names"].map(", ".join))
    return (
        table[
            [
                "date_start",
                "date_end",
                "granularity",
                "event_type",
                "actors",
                "article_id",
                "sentence_id",
                "published",
                "text",
            ]
        ]
        .sort_values(["date_start", "article_id", "sentence_id"])
        .reset_index(drop=True)
    )
