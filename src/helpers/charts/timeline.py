"""Timeline charts of the ``events`` table (used by ``notebooks/02_timeline``).

The corpus spans years while the news in one article spans days, so one shared time
axis squeezes every event into a sliver. The timeline is therefore drawn as *small
multiples*: events are grouped into **episodes** (found from the density of the dates,
see :mod:`helpers.analyses.episodes`: runs separated by long gaps, dense runs cut into
months) and every episode gets its own panel with its own time axis; a chart draws
at most :data:`helpers.analyses.timeline.MAX_PANELS` of them, the busiest. Within a panel an event
known to the day is a diamond at that
day, and an event known only to a week, month or year (or widened because the
article's own date is known only to the month) is a bar over its whole interval, so
the chart never shows more precision than the text gives.

Events the articles recall from long before they were written ("Since the 1979
Islamic Revolution") are **background** and events dated after their article
(an election "next year") are **future**: both are listed in tables and kept off the
panels, where they would stretch an axis over decades or pass for news.

Each panel has one lane per actor (capped to the ``top_actors`` most frequent, the
rest gathered in an "other actors" lane) or per event type, and only lanes with
events in that panel. Events of one type on the same day (or interval) in one lane
are one mark, larger the more events it holds; marks that would overlap in a lane
are stacked in at most :data:`MAX_SUBROWS` sub-rows, so a panel's height is bounded.
Every mark carries the sentence, actors, article, outlet and publication date in its
hover label, escaped with :func:`helpers.charts.base.hover_text`.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from helpers.analyses.timeline import anchor_dates, assign_episodes, dated_events, drawn_episodes, episodes
from helpers.charts.base import hover_text, mpl_label, plot_label, short_label
from helpers.vocab import EVENT_TYPES

#: Colours of event types, shared by the interactive and the static chart.
EVENT_COLOURS = dict(zip(EVENT_TYPES, ["#1f77b4", "#2ca02c", "#17becf", "#7f7f7f", "#bcbd22", "#ff7f0e",
                                        "#393b79", "#d62728", "#9467bd", "#8c564b", "#e377c2"], strict=True))
LANES = ("actor", "event_type")
OTHER_ACTORS = "other actors"
#: Vertical space of one sub-row and the gap between lanes, in y units.
LANE_GAP = 0.5
#: The width of a diamond as a share of its panel's span, used when stacking marks so
#: that diamonds on neighbouring days of a long panel do not overlap.
MIN_MARK_SHARE = 1 / 40
ONE_DAY = dt.timedelta(days=1)
#: The narrowest time axis of a panel, so that a week-long bar never fills a whole panel.
MIN_PANEL_DAYS = 14
#: Sub-rows a lane stacks overlapping marks in; further marks share the last one.
MAX_SUBROWS = 3
#: Sentences a mark's hover label quotes; the events table holds the rest.
HOVER_EVENTS = 1
#: Height of one row of marks in a panel, in pixels.
ROW_PX = 20
#: Events drawn one by one against their publication date; more are counted per week.
MAX_REPORTED_EVENTS = 800
#: Characters of its sentence a mark's hover label quotes (article and sentence id lead to the rest).
HOVER_SENTENCE_CHARS = 160
#: Inches of the static chart's rows at most, whatever the number of rows: print stays a
#: few pages, rows get thinner.
STATIC_ROWS_INCHES = 24.0


def timeline_frame(
    tables: dict[str, pd.DataFrame],
    date_from: str = "",
    date_to: str = "",
    actors: list[str] | None = None,
    event_types: list[str] | None = None,
    granularity_floor: str = "year",
    lanes: str = "actor",
    top_actors: int = 8,
    background_days: int = 365,
    episode_gap_days: int = 0,
) -> pd.DataFrame:
    """Return one row per mark of the timeline: events joined to their article, laid out.

    ``actors``/``event_types`` keep events naming any of them (empty keeps all);
    ``date_from``/``date_to`` (ISO dates, empty for open) keep events overlapping the range;
    ``granularity_floor`` drops events coarser than it ("month" drops years and decades);
    ``lanes`` is ``actor`` (one row per event and actor) or ``event_type``;
    ``top_actors`` caps actor lanes per episode (0 for no cap); ``background_days`` (0 keeps
    every past event on the panels) and ``episode_gap_days`` (0: found from the data) are
    explained in :mod:`helpers.analyses.timeline`. Added columns: ``status`` (news,
    background, future), ``background`` (bool), ``episode`` (1, 2, ... in time order; 0 off
    the panels), ``episode_label``, ``lane``, ``mark`` (events drawn as one mark share it),
    ``y`` (the mark's row in its panel), ``lane_y`` (the middle of its lane), ``is_point``
    and ``hover``.
    """
    if lanes not in LANES:
        raise ValueError(f"lanes must be one of {LANES}, not {lanes!r}")
    frame = dated_events(tables, date_from, date_to, actors, event_types, granularity_floor)
    names = dict(zip(tables["actors"]["actor_id"], tables["actors"]["name"], strict=False))
    frame["actor_names"] = frame["actors"].map(lambda ids: [names.get(a, a) for a in ids])
    frame["is_point"] = frame["date_start"] == frame["date_end"]
    frame["hover"] = [_hover(row) for _, row in frame.iterrows()] if len(frame) else pd.Series(dtype=str)
    frame = assign_episodes(frame, background_days, episode_gap_days)
    if lanes == "actor":
        frame = frame.explode("actors")
        if actors:
            frame = frame[frame["actors"].isin(actors)]
        frame["lane"] = frame["actors"].map(lambda a: names.get(a, a)).fillna(OTHER_ACTORS)
    else:
        frame["lane"] = frame["event_type"]
    parts = [
        _layout_panel(group, lanes, top_actors) for _, group in frame.groupby("episode", sort=True)
    ]
    columns = [*frame.columns, "mark", "y", "lane_y"]
    frame = (
        pd.concat(parts, ignore_index=True)
        if parts
        else frame.assign(mark=pd.Series(dtype=str), y=pd.Series(dtype=float), lane_y=pd.Series(dtype=float))
    )
    return (
        frame[columns]
        .sort_values(["episode", "y", "date_start", "event_id"], kind="stable")
        .reset_index(drop=True)
    )


def _hover(row: pd.Series) -> str:
    """Return the escaped hover label of one event row."""
    when = (
        str(row["date_start"])
        if row["date_start"] == row["date_end"]
        else f"{row['date_start']} to {row['date_end']}"
    )
    return "<br>".join(
        [
            f"<b>{hover_text(row['event_type'])}</b> ({hover_text(row['granularity'])}): "
            f"{hover_text(when)}",
            hover_text(row["text"], max_chars=HOVER_SENTENCE_CHARS),
            f"actors: {hover_text(', '.join(row['actor_names']))}",
            f"article {hover_text(row['article_id'])}, sentence {int(row['sentence_id'])}",
            f"{hover_text(row['outlet'] if isinstance(row['outlet'], str) else 'unknown outlet')}, "
            f"published {hover_text(str(row['published']))}"
            f" ({hover_text(row['published_precision'] if isinstance(row['published_precision'], str) else 'unknown')}"
            " precision)",
        ]
    )


def _layout_panel(panel: pd.DataFrame, lanes: str, top_actors: int) -> pd.DataFrame:
    """Return one episode's rows with capped lanes and a ``y`` row per mark, stacking overlaps.

    Background (episode 0) rows get one lane per event in date order, for the table.
    """
    if (panel["episode"] == 0).all():
        return panel.assign(mark="", y=0.0, lane_y=0.0)
    if lanes == "actor" and top_actors > 0:
        panel = _cap_actor_lanes(panel, top_actors)
    panel = panel.assign(mark=[f"{lane}|{kind}|{start}|{end}" for lane, kind, start, end in
                               zip(panel["lane"], panel["event_type"], panel["date_start"], panel["date_end"],
                                   strict=True)])
    order = _lane_order(panel, lanes)
    start, end = panel_range(panel)
    mark_days = (end - start).days * MIN_MARK_SHARE
    parts, top = [], 0.0
    for lane in order:
        rows = panel[panel["lane"] == lane].sort_values(["date_start", "date_end", "event_id"], kind="stable")
        marks = rows.drop_duplicates("mark")
        slots = dict(zip(marks["mark"], _stack(marks, mark_days), strict=True))
        parts.append(rows.assign(y=top + rows["mark"].map(slots),
                                 lane_y=top + max(slots.values()) / 2))
        top += max(slots.values()) + 1 + LANE_GAP
    return pd.concat(parts)


def _cap_actor_lanes(panel: pd.DataFrame, top_actors: int) -> pd.DataFrame:
    """Keep lanes of the ``top_actors`` busiest actors; gather events naming none in one lane."""
    counts = panel.groupby("lane")["event_id"].nunique()
    ranked = sorted(counts.index, key=lambda lane: (-counts[lane], lane))
    if len(ranked) <= top_actors:
        return panel
    kept = set(ranked[:top_actors])
    shown = set(panel.loc[panel["lane"].isin(kept), "event_id"])
    rest = panel[~panel["lane"].isin(kept) & ~panel["event_id"].isin(shown)].drop_duplicates(
        "event_id"
    )
    return pd.concat([panel[panel["lane"].isin(kept)], rest.assign(lane=OTHER_ACTORS)])


def _lane_order(panel: pd.DataFrame, lanes: str) -> list[str]:
    """Return the panel's lanes top to bottom: actors by number of events, types in legend order."""
    if lanes == "event_type":
        known = [t for t in EVENT_COLOURS if t in set(panel["lane"])]
        return known + sorted(set(panel["lane"]) - set(known))
    counts = panel.groupby("lane")["event_id"].nunique()
    return sorted(counts.index, key=lambda lane: (lane == OTHER_ACTORS, -counts[lane], lane))


def _stack(rows: pd.DataFrame, mark_days: float) -> list[int]:
    """Return a sub-row per mark so that no two marks in a sub-row overlap (greedy, by date).

    A bar covers its days; a diamond, drawn at noon, covers ``mark_days`` around it (its
    width on screen). Marks in one sub-row keep half a ``mark_days`` apart.
    """
    free_from: list[float] = []
    slots = []
    for start, end in zip(rows["date_start"], rows["date_end"], strict=True):
        low, high = float(start.toordinal()), float(end.toordinal() + 1)
        if start == end:
            low, high = low + 0.5 - mark_days / 2, low + 0.5 + mark_days / 2
        slot = next((i for i, free in enumerate(free_from) if low >= free), len(free_from))
        if slot == MAX_SUBROWS:
            slot = MAX_SUBROWS - 1
        elif slot == len(free_from):
            free_from.append(0.0)
        free_from[slot] = high + mark_days / 2
        slots.append(slot)
    return slots


def panel_range(panel: pd.DataFrame) -> tuple[dt.date, dt.date]:
    """Return the x range of a panel: its events' span padded, at least ``MIN_PANEL_DAYS`` wide.

    The span runs from the first start to the last end, but never before the month of
    the first event's anchor (:func:`anchor_dates`) nor past the end of the month of the
    last one: a bar over a whole year in a panel of one month runs off its edges
    (its hover label gives the interval) rather than stretch it.
    """
    anchors = anchor_dates(panel)
    start = max(min(panel["date_start"]), min(anchors).replace(day=1))
    last = max(anchors)
    limit = (last.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    end = min(max(panel["date_end"]) + ONE_DAY, max(limit, last + ONE_DAY))
    pad = max(
        dt.timedelta(days=1),
        (end - start) * 0.06,
        (dt.timedelta(days=MIN_PANEL_DAYS) - (end - start)) / 2,
    )
    return start - pad, end + pad


def timeline_figure(
    frame: pd.DataFrame, title: str = "Events on the calendar, one panel per episode"
) -> go.Figure:
    """Return a plotly figure with one panel per drawn episode, each with its own time axis and lanes."""
    table = drawn_episodes(episodes(frame))
    if table.empty:
        return _empty_figure(title)
    heights = [_panel_height(frame[frame["episode"] == n]) for n in table["episode"]]
    gap = 70
    total = sum(heights) + gap * max(len(heights) - 1, 0) + 160
    fig = make_subplots(
        rows=max(len(heights), 1),
        cols=1,
        shared_xaxes=False,
        row_heights=heights or None,
        vertical_spacing=gap / total if len(heights) > 1 else 0.0,
        subplot_titles=table["title"].tolist() or None,
    )
    seen: set[str] = set()
    for row, number in enumerate(table["episode"], start=1):
        panel = frame[frame["episode"] == number]
        for event_type, group in panel.groupby("event_type", sort=True):
            for trace in _panel_traces(group, event_type, event_type not in seen):
                fig.add_trace(trace, row=row, col=1)
            seen.add(event_type)
        _style_panel(fig, panel, row)
    fig.update_annotations(xanchor="left", x=0, font={"size": 13})
    plot_height = total - 160
    fig.update_layout(
        title={"text": title, "x": 0.01, "y": 1 - 12 / total, "yanchor": "top"},
        barmode="overlay",
        height=total,
        margin={"t": 120, "l": 10, "r": 10, "b": 40},
        hoverlabel={"align": "left"},
        template="plotly_white",
        legend={
            "orientation": "h",
            "yanchor": "bottom",
            "y": 1.0 + 36 / plot_height,
            "x": 0,
            "title": {"text": "◆ known to the day, ▬ known only to a week, month or year: "},
        },
    )
    return fig


def _empty_figure(title: str) -> go.Figure:
    """Return a small figure saying that no event is left for the panels."""
    fig = go.Figure()
    fig.add_annotation(
        text="No events outside the background match the parameters.", showarrow=False
    )
    fig.update_layout(title=title, height=200, xaxis={"visible": False}, yaxis={"visible": False})
    return fig


def _panel_height(panel: pd.DataFrame) -> int:
    """Return a panel's plot height in pixels from its number of rows."""
    return int(60 + ROW_PX * (panel["y"].max() + 1))


def _marks(group: pd.DataFrame) -> pd.DataFrame:
    """Return one row per mark of ``group``: its interval, row, number of events and hover label."""
    rows = []
    for mark, events in group.drop_duplicates(["mark", "event_id"]).groupby("mark", sort=True):
        first = events.iloc[0]
        rows.append({"mark": mark, "date_start": first["date_start"], "date_end": first["date_end"],
                     "y": first["y"], "is_point": first["is_point"], "events": len(events),
                     "hover": _joined_hover(list(events["hover"]))})
    return pd.DataFrame(rows, columns=["mark", "date_start", "date_end", "y", "is_point", "events", "hover"])


def _panel_traces(group: pd.DataFrame, event_type: str, legend: bool) -> list[go.BaseTraceType]:
    """Return the bar trace (intervals) and diamond trace (days) of one event type in one panel.

    Events sharing a mark are drawn once; a diamond grows with the number of events it holds.
    """
    colour = EVENT_COLOURS.get(event_type, "#333333")
    marks = _marks(group)
    bars, points = marks[~marks["is_point"]], marks[marks["is_point"]]
    traces: list[go.BaseTraceType] = []
    if not bars.empty:
        start = pd.to_datetime(bars["date_start"])
        width = (pd.to_datetime(bars["date_end"]) + pd.Timedelta(days=1) - start).dt.total_seconds() * 1000
        traces.append(go.Bar(
            base=start.dt.strftime("%Y-%m-%d").tolist(), x=width.tolist(), y=bars["y"].tolist(), orientation="h",
            width=0.7, marker={"color": colour, "opacity": 0.55, "line": {"color": colour, "width": 1.5}},
            name=plot_label(event_type), legendgroup=event_type, showlegend=legend and points.empty,
            hovertext=bars["hover"].tolist(), hoverinfo="text"))
    if not points.empty:
        middle = pd.to_datetime(points["date_start"]) + pd.Timedelta(hours=12)
        traces.append(go.Scatter(
            x=middle.dt.strftime("%Y-%m-%d %H:%M").tolist(), y=points["y"].tolist(), mode="markers",
            name=plot_label(event_type), legendgroup=event_type, showlegend=legend,
            marker={"color": colour, "size": [round(10 + 4 * (n - 1) ** 0.5, 1) for n in points["events"]],
                    "symbol": "diamond", "line": {"color": "white", "width": 1}},
            hovertext=points["hover"].tolist(), hoverinfo="text"))
    return traces


def _style_panel(fig: go.Figure, panel: pd.DataFrame, row: int) -> None:
    """Set one panel's own x range, lane ticks and lane shading."""
    start, end = panel_range(panel)
    fig.update_xaxes(
        type="date", range=[start.isoformat(), end.isoformat()], showgrid=True, row=row, col=1
    )
    lanes = panel.drop_duplicates("lane").sort_values("lane_y")
    bottom = panel["y"].max() + 0.5 + LANE_GAP / 2
    fig.update_yaxes(
        tickvals=lanes["lane_y"].tolist(),
        ticktext=[plot_label(short_label(x, 28)) for x in lanes["lane"]],
        range=[bottom, -0.5 - LANE_GAP / 2],
        showgrid=False,
        zeroline=False,
        row=row,
        col=1,
    )
    for i, lane in enumerate(lanes["lane"]):
        ys = panel.loc[panel["lane"] == lane, "y"]
        if i % 2 == 0:
            fig.add_hrect(
                y0=ys.min() - 0.5 - LANE_GAP / 2,
                y1=ys.max() + 0.5 + LANE_GAP / 2,
                fillcolor="#f0f0f0",
                line_width=0,
                layer="below",
                row=row,
                col=1,
            )


def reported_figure(frame: pd.DataFrame) -> go.Figure:
    """Return when events happened against when they were reported.

    x is the middle of the event's interval, with the interval as an error bar; y is the
    article's publication date. Events of one type with the same interval and
    publication date are one point, larger the more events it holds; beyond
    :data:`MAX_REPORTED_EVENTS` events, dates are rounded to their week first.
    """
    events = frame.drop_duplicates("event_id").dropna(subset=["published"])
    if len(events) > MAX_REPORTED_EVENTS:
        weeks = {c: pd.to_datetime(events[c]).dt.to_period("W-SUN").dt.start_time.dt.date
                 for c in ("date_start", "published")}
        events = events.assign(date_start=weeks["date_start"], published=weeks["published"],
                               date_end=[max(s, e) for s, e in zip(weeks["date_start"], (
                                   pd.to_datetime(events["date_end"]).dt.to_period("W-SUN").dt.start_time.dt.date
                                   + dt.timedelta(days=6)), strict=True)])
    fig = go.Figure()
    for event_type, group in events.groupby("event_type", sort=True):
        points = group.groupby(["date_start", "date_end", "published"], sort=True).agg(
            events=("event_id", "size"), hover=("hover", lambda h: _joined_hover(list(h)))).reset_index()
        start, end = pd.to_datetime(points["date_start"]), pd.to_datetime(points["date_end"]) + pd.Timedelta(days=1)
        half = (end - start) / 2
        fig.add_trace(go.Scatter(
            x=(start + half).dt.strftime("%Y-%m-%d %H:%M").tolist(),
            y=pd.to_datetime(points["published"]).dt.strftime("%Y-%m-%d").tolist(), mode="markers",
            name=plot_label(event_type),
            marker={"color": EVENT_COLOURS.get(event_type, "#333"),
                    "size": [round(8 + 3 * (n - 1) ** 0.5, 1) for n in points["events"]]},
            error_x={"type": "data", "array": (half.dt.total_seconds() * 1000).tolist(), "visible": True,
                     "thickness": 1},
            hovertext=points["hover"].tolist(), hoverinfo="text"))
    weekly = " (by week: many events)" if len(frame.drop_duplicates("event_id")) > MAX_REPORTED_EVENTS else ""
    fig.update_layout(
        title=f"When events happened against when they were reported{weekly}",
        xaxis={"type": "date", "title": "event date (bar: the interval it may fall in)"},
        yaxis={"type": "date", "title": "article published"},
        hoverlabel={"align": "left"},
    )
    return fig


def _joined_hover(hovers: list[str]) -> str:
    """Return the hover labels of the first :data:`HOVER_EVENTS` events of a mark and how many more it holds."""
    shown = hovers[:HOVER_EVENTS]
    more = len(hovers) - len(shown)
    if more:
        shown.append(f"… and {more} more event{'s' * (more != 1)} here (see the events table)")
    return "<br>―――<br>".join(shown)


def static_timeline(
    frame: pd.DataFrame, title: str = "Events on the calendar, one panel per episode"
):
    """Return a matplotlib figure for print with the panels and marks of :func:`timeline_figure`."""
    import matplotlib.pyplot as plt

    table = drawn_episodes(episodes(frame))
    if table.empty:
        fig, ax = plt.subplots(figsize=(10, 1.5))
        ax.axis("off")
        ax.set_title(title)
        ax.text(0.5, 0.5, "No events outside the background match the parameters.", ha="center")
        return fig
    heights = [frame.loc[frame["episode"] == n, "y"].max() + 1.6 for n in table["episode"]]
    fig, axes = plt.subplots(
        max(len(heights), 1),
        1,
        squeeze=False,
        figsize=(10, min(0.3 * sum(heights), STATIC_ROWS_INCHES) + 1.0 * len(heights) + 1.2),
        gridspec_kw={"height_ratios": heights or None},
    )
    for ax, (number, label) in zip(
        axes[:, 0], zip(table["episode"], table["title"], strict=True), strict=False
    ):
        _draw_static_panel(ax, frame[frame["episode"] == number], label)
    handles = [
        plt.Line2D([], [], color=EVENT_COLOURS[t], marker="s", linestyle="", label=t)
        for t in EVENT_COLOURS
        if t in set(frame.loc[frame["episode"].isin(table["episode"]), "event_type"])
    ]
    fig.suptitle(
        title + "\n(diamond: known to the day; bar: known only to a week, month or year)",
        fontsize=11, y=1 - 0.1 / fig.get_figheight(), va="top",
    )
    fig.legend(
        handles=handles,
        loc="upper center",
        ncol=len(handles),
        bbox_to_anchor=(0.5, 1.0 - 0.9 / fig.get_figheight()),
        fontsize=8,
        frameon=False,
    )
    fig.tight_layout(rect=(0, 0, 1, 1 - 1.1 / fig.get_figheight()))
    return fig


def _draw_static_panel(ax, panel: pd.DataFrame, label: str) -> None:
    """Draw one episode on a matplotlib axis: bars for intervals, diamonds for days, own x range."""
    import matplotlib.dates as mdates

    for row in panel.drop_duplicates("mark").itertuples(index=False):
        colour = EVENT_COLOURS.get(row.event_type, "#333333")
        start = mdates.date2num(row.date_start)
        if row.is_point:
            ax.plot(
                start + 0.5, row.y, marker="D", color=colour, markersize=7, markeredgecolor="white"
            )
        else:
            ax.barh(
                row.y,
                mdates.date2num(row.date_end) + 1 - start,
                left=start,
                height=0.7,
                color=colour,
                alpha=0.55,
                edgecolor=colour,
                linewidth=1.2,
            )
    lanes = panel.drop_duplicates("lane").sort_values("lane_y")
    for i, lane in enumerate(lanes["lane"]):
        ys = panel.loc[panel["lane"] == lane, "y"]
        if i % 2 == 0:
            ax.axhspan(
                ys.min() - 0.5 - LANE_GAP / 2,
                ys.max() + 0.5 + LANE_GAP / 2,
                color="#f0f0f0",
                zorder=0,
            )
    ax.set_yticks(lanes["lane_y"].tolist(), [mpl_label(lane, 28) for lane in lanes["lane"]], fontsize=8)
    ax.set_ylim(panel["y"].max() + 0.5 + LANE_GAP / 2, -0.5 - LANE_GAP / 2)
    start, end = panel_range(panel)
    ax.set_xlim(mdates.date2num(start), mdates.date2num(end))
    locator = mdates.AutoDateLocator(minticks=3, maxticks=8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.DateFormatter(tick_format(start, end)))
    ax.tick_params(axis="x", labelsize=8)
    ax.grid(axis="x", alpha=0.3)
    ax.set_title(mpl_label(label, 120), loc="left", fontsize=9)


def tick_format(start: dt.date, end: dt.date) -> str:
    """Return the strftime format of a panel's date ticks: day and month, with the year for long spans.

    >>> tick_format(dt.date(2023, 10, 1), dt.date(2023, 10, 20)), tick_format(dt.date(2015, 1, 1), dt.date(2016, 6, 1))
    ('%d %b', '%b %Y')
    """
    return "%d %b" if (end - start).days <= 120 else "%b %Y"
