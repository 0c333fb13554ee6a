"""Dated events for the timeline: filtered, joined to their article, grouped into episodes.

Every event gets a ``status``:

- **news**: what the articles report; grouped into **episodes**
  (:func:`helpers.analyses.episodes.find_episodes`, from the density of the dates, or
  by a fixed ``episode_gap_days``), so that a chart can give every episode its own
  time axis;
- **background**: events the articles recall from long before they were written
  ("Since the 1979 Islamic Revolution"), ending more than ``background_days`` before
  their article appeared; listed apart (:func:`background_table`) rather than
  stretch an axis over decades;
- **future**: events dated after their article's publication (an election "next
  year", a deadline): expected, not happened; listed apart (:func:`future_table`).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from helpers.analyses.episodes import find_episodes
from helpers.analyses.overview import period_end, plural
from helpers.vocab import GRANULARITIES

#: The episodes a timeline draws at most (the busiest; the events table lists every event).
MAX_PANELS = 12
#: A news run longer than this is cut into calendar months.
TIMELINE_SPAN_DAYS = 45
STATUSES = ("news", "background", "future")


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
    keep = frame["date_start"].notna().to_numpy(dtype=bool).copy()
    if granularity_floor:
        allowed = set(GRANULARITIES[: GRANULARITIES.index(granularity_floor) + 1])
        keep &= frame["granularity"].isin(allowed).to_numpy(dtype=bool)
    if date_from:
        keep &= (frame["date_end"] >= dt.date.fromisoformat(date_from)).to_numpy(dtype=bool)
    if date_to:
        keep &= (frame["date_start"] <= dt.date.fromisoformat(date_to)).to_numpy(dtype=bool)
    if event_types:
        keep &= frame["event_type"].isin(event_types).to_numpy(dtype=bool)
    if actors:
        keep &= frame["actors"].map(lambda ids: bool(set(ids) & set(actors))).to_numpy(dtype=bool)
    return frame[keep].reset_index(drop=True)


def event_status(frame: pd.DataFrame, background_days: int) -> pd.Series:
    """Return each event's status: ``news``, ``background`` or ``future`` (see the module docstring).

    Background needs ``background_days`` > 0 and a known publication date; an event is
    future when it starts after the last day its article may have been published.
    """
    published = pd.to_datetime(frame["published"])
    last_day = pd.to_datetime([period_end(p, q) if isinstance(p, dt.date) else None
                               for p, q in zip(frame["published"], frame["published_precision"], strict=True)])
    lag = (published - pd.to_datetime(frame["date_end"])).dt.days
    status = pd.Series("news", index=frame.index, dtype=object)
    status[((background_days > 0) & lag.notna() & (lag > background_days)).to_numpy()] = "background"
    status[(pd.to_datetime(frame["date_start"]) > last_day).fillna(False).to_numpy(dtype=bool)] = "future"
    return status


def anchor_dates(frame: pd.DataFrame) -> pd.Series:
    """Return the day that places each event in an episode: its article's publication date within its interval.

    An event known to the day is placed on that day; "this year" in an October article is
    placed in October (its bar runs off the panel's edges), not on 1 January.
    """
    def anchor(start: dt.date, end: dt.date, published: object) -> dt.date:
        return min(max(published, start), end) if isinstance(published, dt.date) else start

    return pd.Series([anchor(s, e, p) for s, e, p in zip(frame["date_start"], frame["date_end"], frame["published"],
                                                          strict=True)], index=frame.index, dtype=object)


def assign_episodes(frame: pd.DataFrame, background_days: int, gap_days: int = 0) -> pd.DataFrame:
    """Add ``status`` and ``episode`` to one row per event (episode 0 for background and future).

    News events are numbered by :func:`find_episodes` over their start dates; ``gap_days``
    > 0 fixes the gap that starts a new episode instead of finding it from the data.
    ``episode_label`` names each episode.
    """
    frame = frame.assign(status=event_status(frame, background_days))
    news = frame["status"] == "news"
    found = find_episodes(anchor_dates(frame.loc[news]), max_span_days=TIMELINE_SPAN_DAYS,
                          max_items=10**9, gap_days=gap_days or None)
    numbers = pd.Series(0, index=frame.index, dtype=int)
    numbers[news] = found.numbers
    labels = dict(zip(found.table["episode"], found.table["label"], strict=True))
    return frame.assign(episode=numbers, episode_label=numbers.map(labels).fillna(""),
                        background=frame["status"] == "background")


def episodes(frame: pd.DataFrame) -> pd.DataFrame:
    """Return one row per episode: number, label, first and last day, events, articles, outlets, title."""
    rows = []
    for number, group in frame[frame["episode"] > 0].groupby("episode", sort=True):
        anchors = anchor_dates(group)
        start, end = min(anchors), max(anchors)
        n_events, n_articles = group["event_id"].nunique(), group["article_id"].nunique()
        outlets = group.drop_duplicates("event_id")["outlet"].dropna().value_counts()
        named = ", ".join(outlets.index[:3]) + (f" and {len(outlets) - 3} more" if len(outlets) > 3 else "")
        title = (f"{group['episode_label'].iloc[0]}: {n_events} event{'s' * (n_events != 1)} in {n_articles} "
                 f"article{'s' * (n_articles != 1)}" + (f" from {named}" if named else ""))
        rows.append({"episode": number, "label": group["episode_label"].iloc[0], "start": start, "end": end,
                     "events": n_events, "articles": group["article_id"].nunique(), "title": title})
    return pd.DataFrame(rows, columns=["episode", "label", "start", "end", "events", "articles", "title"])


def drawn_episodes(table: pd.DataFrame, max_panels: int = MAX_PANELS) -> pd.DataFrame:
    """Return the episodes a chart draws: all of them, or the ``max_panels`` busiest, in time order."""
    if len(table) <= max_panels:
        return table
    busiest = table.sort_values(["events", "episode"], ascending=[False, True]).head(max_panels)
    return busiest.sort_values("episode").reset_index(drop=True)


def background_table(frame: pd.DataFrame, status: str = "background") -> pd.DataFrame:
    """Return the events of ``status`` (background: history the articles recall), one row each, oldest first."""
    events = frame[frame["status"] == status].drop_duplicates("event_id")
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


def future_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Return the events dated after their article was published (expected, not reported), one row each."""
    return background_table(frame, "future")



def timeline_sentences(all_events: pd.DataFrame, selected: pd.DataFrame) -> list[str]:
    """Return sentences on what the timeline holds: how many events, of which kinds, and why some are not drawn."""
    if all_events.empty:
        return ["The extraction found no dated event in this corpus: an event needs a sentence with a date that "
                "could be resolved and an actor that was recognised, so the timeline below is empty."]
    if selected.empty:
        return [f"The corpus has {plural(len(all_events), 'dated event')}, but none matches the parameters."]
    counts = selected["status"].value_counts()
    intervals = int((~selected["is_point"]).sum())
    matches = "matches" if len(selected) == 1 else "match"
    return [f"{plural(len(selected), 'event')} in {plural(selected['article_id'].nunique(), 'article')} "
            f"{matches} the parameters: "
            f"{counts.get('news', 0):,} news, {counts.get('background', 0):,} background and "
            f"{counts.get('future', 0):,} dated after their article.",
            f"{intervals:,} of them are known only to an interval (a week, a month, a year)."]


def panels_sentence(table: pd.DataFrame, max_panels: int = MAX_PANELS) -> str:
    """Return a sentence on how many episodes the chart draws."""
    if table.empty:
        return "No news event is left to draw (every event is background or expected), so no timeline is drawn."
    if len(table) <= max_panels:
        return f"The chart draws all {len(table)} episode{'s' * (len(table) != 1)}."
    return (f"The chart draws the {max_panels} busiest of the {len(table)} episodes; "
            "the events table lists every event.")
