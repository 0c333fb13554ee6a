"""Charts of the walkthrough notebook."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from helpers.analyses.mentions import actor_mentions
from helpers.charts.base import TEMPLATE, TYPE_COLOURS, hover_text, plot_label, short_label


def mentions_chart(mentions: pd.DataFrame, sentences: pd.DataFrame, top_n: int = 12) -> go.Figure:
    """Return a bar chart of mentions per actor, coloured by type with a legend, hover showing the sentences.

    Names the registry does not know count too (see :func:`actor_mentions`).
    """
    keyed = actor_mentions(mentions)
    counts = keyed.groupby(["actor_id", "actor_name", "actor_type"]).size().reset_index(name="n")
    counts = counts.sort_values(["n", "actor_id"], ascending=[False, True]).head(top_n)
    text_of = sentences.set_index("sentence_id")["text"]
    fig = go.Figure()
    for actor_type, group in counts.groupby("actor_type", sort=True):
        hovers = []
        for actor_id in group["actor_id"]:
            ids = sorted(set(keyed.loc[keyed["actor_id"] == actor_id, "sentence_id"]))
            lines = [f"[{i}] {hover_text(text_of.get(i, ''), width=90, max_chars=200)}" for i in ids[:4]]
            hovers.append("<br>".join(lines) + (f"<br>… {len(ids) - 4} more" if len(ids) > 4 else ""))
        fig.add_trace(go.Bar(
            x=group["n"], y=[plot_label(short_label(n, 32)) for n in group["actor_name"]], orientation="h",
            name=plot_label(actor_type), marker_color=TYPE_COLOURS.get(str(actor_type), "#999999"),
            hovertext=hovers, hoverinfo="text"))
    order = [plot_label(short_label(n, 32)) for n in counts["actor_name"]]
    fig.update_layout(title="Mentions per actor in this article", xaxis_title="mentions", template=TEMPLATE,
                      yaxis={"categoryorder": "array", "categoryarray": order[::-1]}, legend={"title": "actor type"},
                      height=160 + 28 * max(len(counts), 1), hoverlabel={"align": "left"})
    return fig
