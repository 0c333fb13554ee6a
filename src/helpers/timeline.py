"""Timeline charts of the ``events`` table (used by ``notebooks/02_timeline``).

An event known to the day is drawn as a point; an event known only to a week,
month, year (or widened because the article's own date is known only to the month)
is drawn as a bar over its whole interval, so the chart never shows more precision
than the text gives. Every mark carries the sentence, article, outlet and
publication date in its hover label, escaped with :func:`helpers.plots.hover_text`.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go

from helpers.plots import hover_text
from helpers.timexes import GRANULARITY_ORDER

#: Colours of event types, shared by the interactive and the static chart.
EVENT_COLOURS = {
    "call": "#1f77b4", "meeting": "#2ca02c", "visit": "#17becf", "statement": "#7f7f7f",
    "praise": "#bcbd22", "threat": "#ff7f0e", "attack": "#d62728", "funding_or_arms": "#9467bd",
    "casualties": "#8c564b", "other": "#c7c7c7",
}
LANES = ("actor", "event_type")


def timeline_frame(tables: dict[str, pd.DataFrame], date_from: str = "", date_to: str = "",
                   actors: list[str] | None = None, event_types: list[str] | None = None,
                   granularity_floor: str = "year", lanes: str = "actor") -> pd.DataFrame:
    """Return one row per mark of the timeline: events joined to their article, filtered.

    ``actors``/``event_types`` keep events naming any of them (empty keeps all);
    ``date_from``/``date_to`` (ISO dates, empty for open) keep events overlapping the range;
    ``granularity_floor`` drops events coarser than it ("month" drops years and decades);
    ``lanes`` is ``actor`` (one row per event and actor) or ``event_type``.
    """
    if lanes not in LANES:
        raise ValueError(f"lanes must be one of {LANES}, not {lanes!r}")
    events = tables["events"].copy()
    articles = tables["articles"][["article_id", "title", "outlet", "published", "published_precision"]]
    frame = events.merge(articles, on="article_id", how="left")
    frame = frame[frame["date_start"].notna()]
    if granularity_floor:
        limit = GRANULARITY_ORDER.index(granularity_floor)
        frame = frame[frame["granularity"].map(lambda g: GRANULARITY_ORDER.index(g) <= limit if g in GRANULARITY_ORDER else False)]
    if date_from:
        frame = frame[frame["date_end"] >= dt.date.fromisoformat(date_from)]
    if date_to:
        frame = frame[frame["date_start"] <= dt.date.fromisoformat(date_to)]
    if event_types:
        frame = frame[frame["event_type"].isin(event_types)]
    if actors:
        frame = frame[frame["actors"].map(lambda ids: bool(set(ids) & set(actors)))]
    names = dict(zip(tables["actors"]["actor_id"], tables["actors"]["name"], strict=False))
    if lanes == "actor":
        frame = frame.explode("actors")
        if actors:
            frame = frame[frame["actors"].isin(actors)]
        frame["lane"] = frame["actors"].map(lambda a: names.get(a, a))
    else:
        frame["lane"] = frame["event_type"]
    frame["is_point"] = frame["date_start"] == frame["date_end"]
    frame["hover"] = frame.apply(_hover, axis=1)
    return frame.sort_values(["lane", "date_start", "event_id"], kind="stable").reset_index(drop=True)


def _hover(row: pd.Series) -> str:
    """Return the escaped hover label of one event row."""
    when = str(row["date_start"]) if row["date_start"] == row["date_end"] else f"{row['date_start']} to {row['date_end']}"
    return "<br>".join([
        f"<b>{hover_text(row['event_type'])}</b> ({hover_text(row['granularity'])}): {hover_text(when)}",
        hover_text(row["text"]),
        f"article {hover_text(row['article_id'])}, sentence {int(row['sentence_id'])}",
        f"{hover_text(row['outlet'] or 'unknown outlet')}, published {hover_text(str(row['published']))}"
        f" ({hover_text(row['published_precision'] or 'unknown')} precision)",
    ])


def timeline_figure(frame: pd.DataFrame, title: str = "Events on the calendar") -> go.Figure:
    """Return a plotly timeline: bars for intervals, points for single days, one lane per row value."""
    fig = go.Figure()
    for event_type, group in frame.groupby("event_type", sort=True):
        colour = EVENT_COLOURS.get(event_type, "#333333")
        bars, points = group[~group["is_point"]], group[group["is_point"]]
        if not bars.empty:
            start = pd.to_datetime(bars["date_start"])
            width = (pd.to_datetime(bars["date_end"]) + pd.Timedelta(days=1) - start).dt.total_seconds() * 1000
            fig.add_trace(go.Bar(base=start.dt.strftime("%Y-%m-%d").tolist(), x=width.tolist(), y=bars["lane"].tolist(),
                                 orientation="h", marker_color=colour, opacity=0.45, name=f"{event_type} (interval)",
                                 legendgroup=event_type, hovertext=bars["hover"].tolist(), hoverinfo="text"))
        if not points.empty:
            fig.add_trace(go.Scatter(x=pd.to_datetime(points["date_start"]).dt.strftime("%Y-%m-%d").tolist(),
                                     y=points["lane"].tolist(), mode="markers", name=f"{event_type} (day)",
                                     legendgroup=event_type, marker={"color": colour, "size": 11, "symbol": "diamond"},
                                     hovertext=points["hover"].tolist(), hoverinfo="text"))
    fig.update_layout(title=title, barmode="overlay", xaxis={"type": "date", "title": "when it happened"},
                      yaxis={"title": "", "categoryorder": "category descending"},
                      height=max(320, 40 * frame["lane"].nunique() + 160), hoverlabel={"align": "left"})
    return fig


def reported_figure(frame: pd.DataFrame) -> go.Figure:
    """Return when events happened (x, with their interval as an error bar) against when they
    were reported (y, the article's publication date)."""
    events = frame.drop_duplicates("event_id")
    start, end = pd.to_datetime(events["date_start"]), pd.to_datetime(events["date_end"])
    middle = start + (end - start) / 2
    fig = go.Figure()
    for event_type in sorted(events["event_type"].unique()):
        mask = (events["event_type"] == event_type).to_numpy()
        half = ((end - start) / 2).dt.total_seconds()[mask] / 86400
        fig.add_trace(go.Scatter(
            x=middle[mask].dt.strftime("%Y-%m-%d %H:%M").tolist(), y=pd.to_datetime(events["published"][mask]).dt.strftime("%Y-%m-%d").tolist(),
            mode="markers", name=event_type, marker={"color": EVENT_COLOURS.get(event_type, "#333"), "size": 10},
            error_x={"type": "data", "array": (half * 86400000).tolist(), "visible": True, "thickness": 1},
            hovertext=events["hover"][mask].tolist(), hoverinfo="text"))
    fig.update_layout(title="When events happened against when they were reported",
                      xaxis={"type": "date", "title": "event date (bar: the interval it may fall in)"},
                      yaxis={"type": "date", "title": "article published"}, hoverlabel={"align": "left"})
    return fig


def static_timeline(frame: pd.DataFrame, title: str = "Events on the calendar"):
    """Return a matplotlib figure of the timeline for print (bars for intervals, diamonds for days)."""
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    lanes = sorted(frame["lane"].unique(), reverse=True)
    fig, ax = plt.subplots(figsize=(10, max(2.5, 0.45 * len(lanes) + 1.5)))
    index = {lane: i for i, lane in enumerate(lanes)}
    for row in frame.itertuples(index=False):
        colour = EVENT_COLOURS.get(row.event_type, "#333333")
        y = index[row.lane]
        if row.is_point:
            ax.plot(mdates.date2num(row.date_start), y, marker="D", color=colour, markersize=7)
        else:
            start = mdates.date2num(row.date_start)
            ax.barh(y, mdates.date2num(row.date_end) + 1 - start, left=start, height=0.5, color=colour, alpha=0.5)
    ax.set_yticks(range(len(lanes)), lanes)
    ax.xaxis_date()
    ax.set_title(title)
    handles = [plt.Line2D([], [], color=EVENT_COLOURS[t], marker="s", linestyle="", label=t)
               for t in sorted(frame["event_type"].unique()) if t in EVENT_COLOURS]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False)
    ax.grid(axis="x", alpha=0.3)
    fig.tight_layout()
    return fig
