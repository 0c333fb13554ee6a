"""Charts of the walkthrough notebook."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from helpers.charts.base import TEMPLATE, TYPE_COLOURS, hover_text, plot_label


def mentions_chart(mentions: pd.DataFrame, sentences: pd.DataFrame, top_n: int = 12) -> go.Figure:
    """Return a bar chart of mentions per resolved actor, hover showing the sentences."""
    resolved = mentions.dropna(subset=["actor_id"])
    counts = resolved.groupby(["actor_id", "actor_name", "actor_type"]).size().reset_index(name="n")
    counts = counts.sort_values(["n", "actor_id"], ascending=[False, True]).head(top_n)
    text_of = sentences.set_index("sentence_id")["text"]
    hovers = []
    for actor_id in counts["actor_id"]:
        ids = sorted(set(resolved.loc[resolved["actor_id"] == actor_id, "sentence_id"]))
        lines = [f"[{i}] {hover_text(text_of.get(i, ''), width=90, max_chars=200)}" for i in ids[:4]]
        hovers.append("<br>".join(lines) + (f"<br>… {len(ids) - 4} more" if len(ids) > 4 else ""))
    fig = go.Figure(go.Bar(
        x=counts["n"], y=[plot_label(n) for n in counts["actor_name"]], orientation="h", hovertext=hovers,
        hoverinfo="text",
        marker_color=[TYPE_COLOURS.get(t, "#999999") for t in counts["actor_type"]],
    ))
    fig.update_layout(title="Mentions per actor in this article", xaxis_title="mentions",
                      yaxis={"autorange": "reversed"}, template=TEMPLATE, height=120 + 28 * len(counts))
    return fig
