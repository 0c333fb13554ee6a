"""Charts of casualty coverage and framing: mentions over time, framing shares, descriptors.

Every mark's hover shows the sentences behind it (escaped), with their article ids.
Given an empty table, each chart is a figure without marks: a notebook says why instead
of showing it (see :func:`helpers.analyses.coverage.no_mentions_sentence`).
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from helpers.charts.base import TEMPLATE, day_axis, hover_text, plot_label


def _evidence(sentences: list[str], article_ids: list[str]) -> str:
    """Return hover lines for up to three sentences with their article ids."""
    lines = [f"• {hover_text(s, max_chars=240)} <i>({hover_text(a)})</i>"
             for s, a in zip(sentences[:3], article_ids[:3], strict=False)]
    return "<br>".join(lines)


def _broken_at_gaps(days: list[pd.Timestamp], counts: list[int], hovers: list[str],
                    ) -> tuple[list[pd.Timestamp], list[int | None], list[str]]:
    """Return a day series with an empty point after each day whose next day with sentences is not the next day.

    The line then stops where the outlet wrote no casualty sentence, instead of drawing a
    slope across days it has no count for.

    >>> days = [pd.Timestamp("2023-10-07"), pd.Timestamp("2023-10-08"), pd.Timestamp("2023-10-20")]
    >>> _broken_at_gaps(days, [3, 1, 2], ["a", "b", "c"])[1]
    [3, 1, None, 2]
    """
    out_days, out_counts, out_hovers = [], [], []
    for i, (day, count, hover) in enumerate(zip(days, counts, hovers, strict=True)):
        out_days.append(day)
        out_counts.append(count)
        out_hovers.append(hover)
        if i + 1 < len(days) and days[i + 1] - day > pd.Timedelta(days=1):
            out_days.append(day + pd.Timedelta(days=1))
            out_counts.append(None)
            out_hovers.append("")
    return out_days, out_counts, out_hovers


def mentions_chart(by_day: pd.DataFrame, deaths: pd.DataFrame | None = None,
                   names: dict[str, str] | None = None) -> go.Figure:
    """Return casualty sentences per day, one line per outlet and side; the reference deaths beside them.

    ``deaths`` (party, date, deaths: cumulative) is drawn on a second axis, dashed, per side.
    """
    fig = make_subplots(specs=[[{"secondary_y": deaths is not None and not deaths.empty}]])
    for (outlet, side), part in by_day.groupby(["outlet", "side"]):
        part = part.sort_values("day")
        hovers = [f"<b>{hover_text(outlet)} · {hover_text(side)}</b> · {d.date()}: {m} sentence(s)<br>"
                  f"{_evidence(e, a)}" for d, m, e, a in
                  zip(part["day"], part["mentions"], part["evidence"], part["article_ids"], strict=True)]
        days, counts, hovers = _broken_at_gaps(list(part["day"]), list(part["mentions"]), hovers)
        fig.add_trace(go.Scatter(x=days, y=counts, mode="lines+markers", connectgaps=False,
                                 name=plot_label(f"{outlet} · {side}"), hovertext=hovers, hoverinfo="text"))
    if deaths is not None and not deaths.empty:
        for party, part in deaths.groupby("party"):
            label = (names or {}).get(party, party)
            fig.add_trace(go.Scatter(
                x=part["date"], y=part["deaths"], mode="lines", line={"dash": "dash", "width": 1},
                name=plot_label(f"reference deaths · {label}"),
                hovertext=[f"{hover_text(label)}: {v:,.0f} killed by {d.date()} (reference series)"
                           for d, v in zip(part["date"], part["deaths"], strict=True)], hoverinfo="text"),
                secondary_y=True)
        fig.update_yaxes(title_text="reference deaths (cumulative)", secondary_y=True)
    fig.update_layout(title="Casualty sentences per day, by outlet and victims' side", template=TEMPLATE,
                      xaxis_title="publication day", yaxis_title="casualty sentences", height=480)
    day_axis(fig, by_day["day"])
    return fig


def framing_chart(long: pd.DataFrame) -> go.Figure:
    """Return bars of the share of agentless, attributed and emotive sentences per outlet and side."""
    fig = go.Figure()
    for measure, part in long.groupby("measure", sort=False):
        labels = [plot_label(f"{o} · {s}") for o, s in zip(part["outlet"], part["side"], strict=True)]
        hovers = [f"<b>{hover_text(o)} · {hover_text(s)}</b><br>{hover_text(measure)}: {f} of {n} "
                  f"({share:.0%})<br>{_evidence(e, a)}" for o, s, f, n, share, e, a in
                  zip(part["outlet"], part["side"], part["flagged"], part["sentences"], part["share"],
                      part["evidence"], part["article_ids"], strict=True)]
        fig.add_trace(go.Bar(y=labels, x=part["share"], orientation="h", name=plot_label(measure),
                             hovertext=hovers, hoverinfo="text"))
    fig.update_layout(barmode="group", title="How casualty sentences are built, by outlet and victims' side",
                      xaxis={"title": "share of the casualty sentences", "tickformat": ".0%", "range": [0, 1]},
                      template=TEMPLATE, height=220 + 60 * long[["outlet", "side"]].drop_duplicates().shape[0])
    return fig


def descriptor_chart(table: pd.DataFrame, actor: str) -> go.Figure:
    """Return, for one actor, bars of how often each outlet uses each descriptor."""
    part = table[table["actor"] == actor]
    fig = go.Figure()
    for outlet, rows in part.groupby("outlet"):
        hovers = [f"<b>{hover_text(outlet)}</b>: “{hover_text(d)}” {c} time(s) ({hover_text(f)})<br>"
                  f"{_evidence(e, a)}" for d, c, f, e, a in
                  zip(rows["descriptor"], rows["count"], rows["forms"], rows["evidence"], rows["article_ids"],
                      strict=True)]
        fig.add_trace(go.Bar(y=[plot_label(d) for d in rows["descriptor"]], x=rows["count"], orientation="h",
                             name=plot_label(outlet), hovertext=hovers, hoverinfo="text"))
    fig.update_layout(barmode="group", title=f"How each outlet describes {plot_label(actor)}", template=TEMPLATE,
                      xaxis_title="times used", yaxis={"autorange": "reversed"},
                      height=200 + 28 * max(1, part["descriptor"].nunique()) * max(1, part["outlet"].nunique()) ** 0.5)
    return fig
