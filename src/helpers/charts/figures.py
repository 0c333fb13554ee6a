"""Charts of reported figures: values by episode and source, and reported against official.

:func:`range_chart` is a set of small multiples, one panel per kind of figure (killed,
injured, ...): episodes along the bottom in time order (so years without news take
no room), the value on a log axis, one colour per source (the busiest
:data:`TOP_SOURCES`, the rest as "other sources") and one symbol per qualifier. An
open-ended figure ("at least 1,400") is a triangle pointing up, never a plain point;
"about" and vague figures carry the range they stand for as an error bar. When a
corpus states more figures than :data:`MAX_POINTS`, each source's largest figure of
each day and kind is drawn (the day's toll, not its district counts) and the chart
says so; the table beside it lists every figure.

:func:`reference_chart` draws an official series only in the windows where it covers
the reported figures (:func:`helpers.analyses.comparison.reference_windows`).
"""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from helpers.analyses.comparison import format_range, interval, stated_values
from helpers.charts.base import hover_text, log_tick_text, log_ticks, mpl_label, plot_label, short_label

#: Sources with a colour of their own; the others are drawn as "other sources".
TOP_SOURCES = 7
OTHER_SOURCES = "other sources"
#: Kinds with a panel of their own (the most frequent).
MAX_KINDS = 6
#: Points drawn at most; beyond it, each source's largest figure per day and kind.
MAX_POINTS = 1500
#: Episode names written under a panel at most (every other one, or fewer, when there are more).
MAX_TICKS = 16
SOURCE_COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#7f7f7f"]
#: Plotly and matplotlib symbols of each qualifier, and its legend text.
QUALIFIER_SYMBOLS: dict[str, tuple[str, str, str]] = {
    "exact": ("circle", "o", "exact"),
    "about": ("diamond", "D", "about (bar: ±10%)"),
    "at_least": ("triangle-up", "^", "at least / more than (open-ended)"),
    "more_than": ("triangle-up", "^", "at least / more than (open-ended)"),
    "at_most": ("triangle-down", "v", "at most / less than"),
    "less_than": ("triangle-down", "v", "at most / less than"),
    "vague": ("square", "s", "vague word (bar: its range)"),
}


def chart_points(reported: pd.DataFrame, max_points: int = MAX_POINTS) -> tuple[pd.DataFrame, int]:
    """Return the totals to draw, with ``source_group``, ``y``, ``err_low``/``err_high``; and how many totals there are.

    A figure is drawn at the number its words state (an "at most" one at its bound, with
    the downward symbol). Parts of other figures are left out. Beyond ``max_points``, each
    source's largest figure of each kind, place and day is kept.
    """
    totals = reported[~reported["is_part"] & reported["value_low"].notna()].copy()
    totals["y"] = stated_values(totals)
    count = len(totals)
    if count > max_points:
        totals = totals.sort_values("y", ascending=False).drop_duplicates(
            ["kind", "place", "source_label", "as_of"])
    ranked = totals["source_label"].value_counts()
    top = sorted(ranked.index, key=lambda s: (-ranked[s], s))[:TOP_SOURCES]
    totals["source_group"] = totals["source_label"].where(totals["source_label"].isin(top), OTHER_SOURCES)
    drawn = [interval(lo, hi, q) if q in ("about", "vague") else (y, y) for lo, hi, q, y in
             zip(totals["value_low"], totals["value_high"], totals["qualifier"], totals["y"], strict=True)]
    totals["y"] = totals["y"].clip(lower=1.0)
    totals["err_low"] = [max(y - low, 0.0) for y, (low, _) in zip(totals["y"], drawn, strict=True)]
    totals["err_high"] = [max(high - y, 0.0) if not math.isinf(high) else 0.0
                          for y, (_, high) in zip(totals["y"], drawn, strict=True)]
    return totals.sort_values(["episode_no", "as_of", "figure_id"]).reset_index(drop=True), count


def tick_label(episode: str) -> str:
    """Return an episode's name short enough for an axis.

    >>> tick_label("week of 9 Oct 2023"), tick_label("October 2023")
    ('9 Oct 2023', 'October 2023')
    """
    return short_label(episode.removeprefix("week of "), 24)


def _kinds(points: pd.DataFrame) -> list[str]:
    """Return the kinds with a panel, the most frequent first."""
    counts = points["kind"].value_counts()
    return sorted(counts.index, key=lambda k: (-counts[k], k))[:MAX_KINDS]


def _source_colours(points: pd.DataFrame) -> dict[str, str]:
    """Return a colour per source group (other sources last, in grey)."""
    groups = sorted(set(points["source_group"]) - {OTHER_SOURCES})
    colours = dict(zip(groups, SOURCE_COLOURS, strict=False))
    colours[OTHER_SOURCES] = "#aaaaaa"
    return colours


def _hover(row: pd.Series) -> str:
    """Return the escaped hover label of one drawn figure."""
    said = format_range(row["value_low"], row["value_high"], row["qualifier"])
    return "<br>".join([
        f"<b>{hover_text(row['text'])}</b> = {hover_text(said)} "
        f"({hover_text(row['kind'])}, {hover_text(row['place'])})",
        f"source: {hover_text(row['source_label'])}; outlet: "
        f"{hover_text(row['outlet'] if isinstance(row['outlet'], str) else 'unknown')}",
        f"as of {row['as_of'].date()} ({row['dated_by']}); article {hover_text(row['article_id'])}, "
        f"sentence {int(row['sentence_id'])}",
        hover_text(row["sentence"], max_chars=240),
    ])


def range_chart(reported: pd.DataFrame, title: str = "Reported figures by episode and source") -> go.Figure:
    """Return small multiples of the reported totals: one panel per kind, episodes along x, value on a log y."""
    points, count = chart_points(reported)
    kinds = _kinds(points)
    if not kinds:
        fig = go.Figure()
        fig.add_annotation(text="No figure of the selected kinds to draw.", showarrow=False)
        fig.update_layout(title=title, height=200, xaxis={"visible": False}, yaxis={"visible": False})
        return fig
    order = list(dict.fromkeys(points.sort_values("episode_no")["episode"]))
    colours = _source_colours(points)
    panel_px, gap_px = 240, 120
    height = 140 + panel_px * len(kinds) + gap_px * (len(kinds) - 1) + 160
    fig = make_subplots(rows=len(kinds), cols=1, subplot_titles=[plot_label(k) for k in kinds],
                        vertical_spacing=gap_px / (height - 300) if len(kinds) > 1 else 0.0)
    step = max(1, math.ceil(len(order) / MAX_TICKS))
    seen: set[str] = set()
    for row, kind in enumerate(kinds, start=1):
        panel = points[points["kind"] == kind]
        for (source, qualifier), group in panel.groupby(["source_group", "qualifier"], sort=True):
            symbol, _, label = QUALIFIER_SYMBOLS.get(qualifier, ("circle", "o", qualifier))
            fig.add_trace(go.Scatter(
                x=group["episode"].tolist(), y=group["y"].tolist(), mode="markers",
                name=plot_label(short_label(source)), legendgroup=source, showlegend=source not in seen,
                offsetgroup=source, marker={"color": colours[source], "symbol": symbol, "size": 9,
                                            "line": {"color": "white", "width": 0.5}},
                error_y={"type": "data", "symmetric": False, "array": group["err_high"].tolist(),
                         "arrayminus": group["err_low"].tolist(), "visible": qualifier in ("about", "vague"),
                         "thickness": 1},
                hovertext=[_hover(r) for _, r in group.iterrows()], hoverinfo="text"), row=row, col=1)
            seen.add(source)
        ticks = log_ticks((panel["y"] - panel["err_low"]).min(), (panel["y"] + panel["err_high"]).max())
        fig.update_yaxes(type="log", title_text="value (log)", tickmode="array", tickvals=ticks,
                         ticktext=log_tick_text(ticks), row=row, col=1)
        fig.update_xaxes(type="category", categoryorder="array", categoryarray=order, tickangle=-35,
                         tickmode="array", tickvals=order[::step], ticktext=[plot_label(tick_label(e))
                                                                              for e in order[::step]],
                         row=row, col=1)
    shown = "" if len(points) == count else (f"<br><sup>{len(points):,} of {count:,} figures drawn: each source's "
                                             "largest per day and kind; the table lists all</sup>")
    fig.update_layout(title=f"{plot_label(title)}{shown}", scattermode="group", height=height,
                      hoverlabel={"align": "left"}, margin={"l": 10, "r": 10, "t": 110, "b": 200},
                      legend={"title": "source (symbol: ● exact, ◆ about, ▲ at least, ▼ at most, ■ vague)<br>",
                              "orientation": "h", "yanchor": "top", "y": -110 / (height - 270), "x": 0})
    return fig


def range_chart_static(reported: pd.DataFrame, title: str = "Reported figures by episode and source"):
    """Return a matplotlib version of :func:`range_chart` for print (None when there is nothing to draw)."""
    points, count = chart_points(reported)
    kinds = _kinds(points)
    if not kinds:
        return None
    order = list(dict.fromkeys(points.sort_values("episode_no")["episode"]))
    position = {episode: i for i, episode in enumerate(order)}
    colours = _source_colours(points)
    offsets = {s: (k - (len(colours) - 1) / 2) * 0.08 for k, s in enumerate(colours)}
    fig, axes = plt.subplots(len(kinds), 1, figsize=(10, 2.6 * len(kinds) + 1.2), squeeze=False)
    for ax, kind in zip(axes[:, 0], kinds, strict=True):
        panel = points[points["kind"] == kind]
        for (source, qualifier), group in panel.groupby(["source_group", "qualifier"], sort=True):
            x = np.array([position[e] for e in group["episode"]]) + offsets[source]
            marker = QUALIFIER_SYMBOLS.get(qualifier, ("", "o", ""))[1]
            ax.errorbar(x, group["y"], yerr=[group["err_low"], group["err_high"]], fmt=marker, color=colours[source],
                        markersize=6, elinewidth=1, linestyle="none")
        ax.set_yscale("log")
        ax.set_title(mpl_label(kind), loc="left", fontsize=10)
        ax.set_xticks(range(len(order)), [mpl_label(e, 24) for e in order], rotation=30, ha="right", fontsize=7)
        ax.grid(axis="y", alpha=0.3)
    handles = [plt.Line2D([], [], color=c, marker="o", linestyle="", label=mpl_label(s)) for s, c in colours.items()]
    handles += [plt.Line2D([], [], color="#333333", marker=m, linestyle="", label=label)
                for _, m, label in dict.fromkeys(QUALIFIER_SYMBOLS.values())]
    fig.legend(handles=handles, loc="lower center", ncol=3, fontsize=7, frameon=False)
    drawn = "" if len(points) == count else f" ({len(points):,} of {count:,} figures: each source's largest per day)"
    fig.suptitle(mpl_label(title + drawn, 200), fontsize=11)
    fig.tight_layout(rect=(0, 0.06 + 0.02 * len(handles) / 3 / len(kinds), 1, 0.97))
    plt.close(fig)
    return fig


def _bound_symbol(qualifier: str) -> str:
    """Return the marker of a reported total beside an official series: a triangle for a bound, else a cross."""
    symbol = QUALIFIER_SYMBOLS.get(qualifier, ("",))[0]
    return symbol if symbol.startswith("triangle") else "x-thin-open"


def reference_chart(reported: pd.DataFrame, reference: pd.DataFrame, place: str,
                    windows: list[tuple[pd.Timestamp, pd.Timestamp]], kind: str = "killed") -> go.Figure:
    """Return the official series of ``place`` and ``kind`` with the reported totals, one panel per window.

    Only the windows in which the series covers the reported figures are drawn, so the
    axis never spans years with nothing to compare.
    """
    series = reference[(reference["place"] == place) & (reference["kind"] == kind)].sort_values("date")
    ours = reported[~reported["is_part"] & (reported["place"] == place) & (reported["kind"] == kind)]
    fig = make_subplots(rows=1, cols=max(len(windows), 1), shared_yaxes=False,
                        subplot_titles=[f"{a:%d %b %Y} – {b:%d %b %Y}" for a, b in windows] or None)
    shown: set[str] = set()
    for col, (start, end) in enumerate(windows, start=1):
        window = series[(series["date"] >= start) & (series["date"] <= end)]
        for source, points in window.groupby("source", sort=True):
            fig.add_trace(go.Scatter(
                x=points["date"], y=points["value_low"], mode="lines+markers", name=plot_label(short_label(source)),
                legendgroup=source, showlegend=source not in shown, marker={"size": 5},
                hovertext=[hover_text(f"{source}: {v:,.0f}") for v in points["value_low"]], hoverinfo="text+x"),
                row=1, col=col)
            shown.add(source)
        mine = ours[(ours["as_of"] >= start) & (ours["as_of"] <= end)]
        fig.add_trace(go.Scatter(
            x=mine["as_of"], y=stated_values(mine), mode="markers", name="reported in the corpus",
            legendgroup="reported", showlegend=col == 1,
            marker={"color": "black", "size": 8, "symbol": [_bound_symbol(q) for q in mine["qualifier"]],
                    "line": {"width": 2}},
            hovertext=[_hover(r) for _, r in mine.iterrows()], hoverinfo="text"), row=1, col=col)
    fig.update_layout(title=f"{plot_label(kind)} in {plot_label(place)}: official series and the figures reported "
                            "(black; ▲ at least, ▼ at most)",
                      yaxis_title=f"{plot_label(kind)} (official: cumulative)", height=440,
                      legend={"itemsizing": "constant", "orientation": "h", "y": -0.2}, hoverlabel={"align": "left"})
    return fig
