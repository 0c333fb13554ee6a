"""Charts of reported figures: ranges by episode and source, and reported against official."""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import pandas as pd
import plotly.graph_objects as go

from helpers.analyses.comparison import interval
from helpers.charts.base import hover_text, plot_label

#: How each qualifier class is drawn: colour and label.
QUALIFIER_STYLE: dict[str, tuple[str, str]] = {
    "exact": ("#1f77b4", "exact"), "about": ("#2ca02c", "about (±10% drawn)"),
    "at_least": ("#d62728", "at least / more than (open-ended)"), "more_than": ("#d62728", ""),
    "at_most": ("#9467bd", "at most / less than"), "less_than": ("#9467bd", ""), "vague": ("#ff7f0e", "vague word"),
}


def chart_rows(reported: pd.DataFrame) -> pd.DataFrame:
    """Return the totals to chart with a row label, drawn interval and open-end flag."""
    totals = reported[~reported["is_part"]].copy()
    totals["row"] = [f"{e} · {k} · {p} · {s}" for e, k, p, s in
                     zip(totals["episode"], totals["kind"], totals["place"], totals["source_label"], strict=True)]
    drawn = [interval(lo, hi, q) if q == "about" else (lo, hi if not pd.isna(hi) else math.inf)
             for lo, hi, q in zip(totals["value_low"], totals["value_high"], totals["qualifier"], strict=True)]
    totals["draw_low"] = [max(low, 1.0) for low, _ in drawn]
    totals["open_ended"] = [math.isinf(high) for _, high in drawn]
    cap = max([h for _, h in drawn if not math.isinf(h)] + [lo for lo, _ in drawn] + [10.0]) * 3
    totals["draw_high"] = [cap if math.isinf(high) else max(high, 1.0) for _, high in drawn]
    return totals.sort_values(["as_of", "kind", "place", "source_label"], ascending=False).reset_index(drop=True)


def range_chart(reported: pd.DataFrame, title: str = "Reported figures by episode and source"):
    """Return a plotly chart: each reported total as an interval on a log axis, by source.

    Exact figures are points, "about" figures a ±10% bar, vague words their range, and
    open-ended ones ("at least", "more than") a dashed line running off the axis with an
    arrow, never a point. The hover shows the outlet, the words and the sentence (escaped).
    """
    rows = chart_rows(reported)
    fig = go.Figure()
    for qualifier, (colour, label) in QUALIFIER_STYLE.items():
        subset = rows[rows["qualifier"] == qualifier]
        if subset.empty:
            continue
        xs, ys, hovers = [], [], []
        for _, row in subset.iterrows():
            hover = (f"<b>{hover_text(row['text'])}</b> ({row['kind']}, {hover_text(row['place'])})<br>"
                     f"source: {hover_text(row['source_label'])}<br>outlet: {hover_text(row['outlet'])}, "
                     f"as of {row['as_of'].date()} ({row['dated_by']})<br>{hover_text(row['sentence'])}")
            xs += [row["draw_low"], row["draw_high"], None]
            ys += [plot_label(row["row"]), plot_label(row["row"]), None]
            hovers += [hover, hover, None]
        open_end = qualifier in ("at_least", "more_than")
        fig.add_trace(go.Scatter(
            x=xs, y=ys, mode="lines+markers", name=label or qualifier, legendgroup=colour,
            showlegend=bool(label), line={"color": colour, "width": 6, "dash": "dash" if open_end else "solid"},
            marker={"size": 10, "symbol": ["circle", "triangle-right" if open_end else "circle", "circle"]
                    * len(subset)},
            hovertext=hovers, hoverinfo="text"))
    fig.update_xaxes(type="log", title="value (log scale; open-ended ranges run off to the right)")
    fig.update_layout(title=title, height=max(300, 28 * rows["row"].nunique() + 120),
                      margin={"l": 10, "r": 10}, legend={"orientation": "h", "y": -0.15})
    return fig


def range_chart_static(reported: pd.DataFrame, title: str = "Reported figures by episode and source"):
    """Return a matplotlib version of :func:`range_chart` for print."""
    rows = chart_rows(reported)
    labels = list(dict.fromkeys(rows["row"]))
    fig, ax = plt.subplots(figsize=(10, 0.42 * len(labels) + 1.6))
    for _, row in rows.iterrows():
        colour = QUALIFIER_STYLE[row["qualifier"]][0]
        y = labels.index(row["row"])
        style = "--" if row["open_ended"] else "-"
        ax.plot([row["draw_low"], row["draw_high"]], [y, y], style, color=colour, linewidth=4,
                marker="o" if row["draw_low"] == row["draw_high"] else None)
        if row["open_ended"]:
            ax.annotate("", xy=(row["draw_high"], y), xytext=(row["draw_high"] / 1.6, y),
                        arrowprops={"arrowstyle": "->", "color": colour})
        ax.annotate(row["text"], (row["draw_low"], y), textcoords="offset points", xytext=(0, 6), fontsize=7)
    ax.set_yticks(range(len(labels)), labels, fontsize=8)
    ax.set_xscale("log")
    ax.set_xlabel("value (log scale); dashed: open-ended, continues beyond the axis")
    present = {QUALIFIER_STYLE[q][0] for q in rows["qualifier"]}
    handles = [plt.Line2D([], [], color=c, linewidth=4, label=lab) for c, lab in QUALIFIER_STYLE.values()
               if lab and c in present]
    ax.legend(handles=handles, fontsize=7, loc="lower right")
    ax.set_title(title)
    fig.tight_layout()
    return fig


def reference_chart(reported: pd.DataFrame, reference: pd.DataFrame, place: str, kind: str = "killed",
                    title: str = ""):
    """Return a plotly chart of an official series over time with the reported figures on it."""
    series = reference[(reference["place"] == place) & (reference["kind"] == kind)].sort_values("date")
    fig = go.Figure()
    for source, points in series.groupby("source", sort=True):
        fig.add_trace(go.Scatter(x=points["date"], y=points["value_low"], mode="markers", name=source,
                                 marker={"size": 4}, hovertext=[hover_text(f"{source}: {v:,.0f}")
                                                                 for v in points["value_low"]], hoverinfo="text+x"))
    ours = reported[~reported["is_part"] & (reported["place"] == place) & (reported["kind"] == kind)]
    for _, row in ours.iterrows():
        low, high = interval(row["value_low"], row["value_high"], row["qualifier"])
        high = high if not math.isinf(high) else low * 1.5
        fig.add_trace(go.Scatter(
            x=[row["as_of"], row["as_of"]], y=[low, high], mode="lines+markers", showlegend=False,
            line={"color": "black", "width": 3, "dash": "dash" if row["value_high"] is pd.NA
                  or pd.isna(row["value_high"]) else "solid"},
            hovertext=[hover_text(f"{row['outlet']}: {row['text']} — {row['sentence']}")] * 2, hoverinfo="text"))
    fig.update_layout(title=title or f"{kind} in {place}: official series and reported figures (black)",
                      yaxis_title=f"cumulative {kind}", height=420)
    return fig
