"""Tables and charts of the corpus overview notebook: articles, outlets, dates, cleaning."""

from __future__ import annotations

import datetime as dt

import matplotlib.pyplot as plt
import pandas as pd
import plotly.graph_objects as go

from helpers.analyses.overview import period_end
from helpers.charts.base import TEMPLATE, hover_text, plot_label


def publication_chart(articles: pd.DataFrame) -> go.Figure:
    """Return a chart of when each article was published, one row per outlet.

    A date known only to the month is drawn as a bar over that month, not a point.
    """
    fig = go.Figure()
    frame = articles.dropna(subset=["published"]).sort_values("published")
    for row in frame.itertuples():
        end = period_end(row.published, row.published_precision)
        label = hover_text(f"{row.outlet or 'unknown outlet'} · {row.article_id} · published "
                           f"{row.published} ({row.published_precision}, from {row.published_source})")
        x_end = end + dt.timedelta(days=1)
        fig.add_trace(go.Scatter(
            x=[row.published, x_end] if end != row.published else [row.published],
            y=[plot_label(row.outlet or "unknown")] * (2 if end != row.published else 1),
            mode="lines+markers", line={"width": 10}, marker={"size": 12},
            hovertext=label, hoverinfo="text", showlegend=False,
        ))
    fig.update_layout(title="When the articles were published (bars: known only to the month)",
                      xaxis_title="publication date", yaxis_title="outlet", template=TEMPLATE,
                      height=160 + 50 * frame["outlet"].nunique())
    return fig


def words_chart_static(articles: pd.DataFrame):
    """Return a static (matplotlib) bar chart of words per article, for print."""
    frame = articles.sort_values("published")
    fig, ax = plt.subplots(figsize=(7, 3))
    labels = [f"{o}\n{p}" for o, p in zip(frame["outlet"].fillna("?"), frame["published"], strict=True)]
    ax.barh(labels, frame["n_words"], color="#4c72b0")
    ax.set_xlabel("words in the cleaned body")
    ax.set_title("Article length after cleaning")
    ax.invert_yaxis()
    fig.tight_layout()
    plt.close(fig)
    return fig
