"""Charts of the corpus overview notebook: when the articles were published, and how long they are.

Both charts read well from one article to thousands: up to :data:`MARKS_UP_TO`
articles, each article is a mark of its own (a bar over the month when only its
month is known); beyond that, the articles are counted per day, week or month
(whichever suits the span of their dates), stacked by outlet (the busiest
:data:`TOP_OUTLETS`, the rest as "other outlets").
"""

from __future__ import annotations

import datetime as dt

import matplotlib.pyplot as plt
import pandas as pd
import plotly.graph_objects as go

from helpers.analyses.overview import date_label, is_known, period_end
from helpers.charts.base import TEMPLATE, day_axis, hover_text, mpl_label, plot_label, short_label

#: Articles drawn one by one; more are counted per period.
MARKS_UP_TO = 60
TOP_OUTLETS = 8
UNKNOWN_OUTLET = "unknown outlet"
OTHER_OUTLETS = "other outlets"


def _outlet(value: object) -> str:
    """Return the outlet of an article, or :data:`UNKNOWN_OUTLET`."""
    return str(value) if is_known(value) else UNKNOWN_OUTLET


#: What the publication chart says when no article can be placed in time.
NO_DATE_SENTENCE = "No article has a usable publication date, so none can be placed in time."


def chartable(articles: pd.DataFrame, today: dt.date | None = None) -> pd.DataFrame:
    """Return the articles with a publication date no later than ``today``, with an ``outlet_label``."""
    today = today or dt.date.today()
    dated = articles[articles["published"].map(lambda d: isinstance(d, dt.date) and d <= today)]
    return dated.assign(outlet_label=dated["outlet"].map(_outlet)).sort_values(["published", "article_id"])


def publication_chart(articles: pd.DataFrame, today: dt.date | None = None) -> go.Figure:
    """Return a chart of when the articles were published: marks per article, or counts per period."""
    frame = chartable(articles, today)
    left_out = len(articles) - len(frame)
    note = f" ({left_out:,} without a usable date left out)" if left_out else ""
    fig = _article_marks(frame) if len(frame) <= MARKS_UP_TO else _period_counts(frame)
    fig.update_layout(title=f"When the articles were published{note}", template=TEMPLATE,
                      hoverlabel={"align": "left"})
    if frame.empty:
        fig.add_annotation(text=NO_DATE_SENTENCE,
                           xref="paper", yref="paper", x=0.5, y=0.5, showarrow=False)
        fig.update_xaxes(visible=False)
        fig.update_yaxes(visible=False)
    return fig


def _article_marks(frame: pd.DataFrame) -> go.Figure:
    """Return one mark per article on a row per outlet (a bar over the month when only the month is known)."""
    fig = go.Figure()
    for row in frame.itertuples():
        end = period_end(row.published, row.published_precision)
        label = hover_text(f"{row.outlet_label} · {row.article_id} · published "
                           f"{date_label(row.published, row.published_precision)} "
                           f"({row.published_precision}, from {row.published_source})")
        spans = end != row.published
        fig.add_trace(go.Scatter(
            x=[row.published, end] if spans else [row.published],
            y=[plot_label(short_label(row.outlet_label))] * (2 if spans else 1),
            mode="lines+markers", line={"width": 10}, marker={"size": 12},
            hovertext=label, hoverinfo="text", showlegend=False,
        ))
    fig.update_layout(xaxis_title="publication date (a bar: known only to the month)", yaxis_title="outlet",
                      height=160 + 40 * max(frame["outlet_label"].nunique(), 1))
    day_axis(fig, frame["published"])
    return fig


def _period_counts(frame: pd.DataFrame) -> go.Figure:
    """Return the articles counted per month or week, stacked by outlet (the busiest, then the others)."""
    days = pd.to_datetime(frame["published"])
    span = (days.max() - days.min()).days
    unit = "day" if span < 62 else "week" if span < 366 else "month"
    period = days.dt.to_period({"day": "D", "week": "W-SUN", "month": "M"}[unit]).dt.start_time
    ranked = frame["outlet_label"].value_counts()
    top = sorted(ranked.index, key=lambda o: (-ranked[o], o))[:TOP_OUTLETS]
    outlet = frame["outlet_label"].where(frame["outlet_label"].isin(top), OTHER_OUTLETS)
    counts = pd.DataFrame({"period": period.to_numpy(), "outlet": outlet.to_numpy()}).value_counts().reset_index()
    fig = go.Figure()
    for name in [*top, OTHER_OUTLETS]:
        rows = counts[counts["outlet"] == name].sort_values("period")
        if rows.empty:
            continue
        fig.add_trace(go.Bar(x=rows["period"], y=rows["count"], name=plot_label(short_label(name)),
                             hovertext=[hover_text(f"{name}: {n:,} article(s) in the {unit} of {p:%d %b %Y}")
                                        for p, n in zip(rows["period"], rows["count"], strict=True)],
                             hoverinfo="text"))
    fig.update_layout(barmode="stack", height=420, yaxis_title="articles",
                      xaxis_title=f"publication {unit}", legend={"title": "outlet"})
    day_axis(fig, counts["period"])
    return fig


def words_chart_static(articles: pd.DataFrame):
    """Return a static (matplotlib) chart of words per article: a bar each up to 40 articles, else a histogram."""
    frame = articles.sort_values(["published", "article_id"], na_position="last")
    if len(frame) <= 40:
        fig, ax = plt.subplots(figsize=(8, 1.2 + 0.32 * len(frame)))
        labels = [mpl_label(f"{short_label(a, 24)} · {short_label(_outlet(o), 24)}")
                  for a, o in zip(frame["article_id"], frame["outlet"], strict=True)]
        ax.barh(range(len(frame)), frame["n_words"], color="#4c72b0")
        ax.set_yticks(range(len(frame)), labels, fontsize=8)
        ax.invert_yaxis()
        ax.set_title("Article length after cleaning (article · outlet)")
    else:
        fig, ax = plt.subplots(figsize=(8, 3.2))
        ax.hist(frame["n_words"], bins=30, color="#4c72b0")
        ax.set_ylabel("articles")
        ax.set_title(f"Article length after cleaning: {len(frame):,} articles")
    ax.set_xlabel("words in the cleaned body")
    fig.tight_layout()
    plt.close(fig)
    return fig
