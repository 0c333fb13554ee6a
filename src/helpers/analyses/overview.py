"""Tables of the corpus overview: articles, outlets, dates, and what cleaning removed."""

from __future__ import annotations

import calendar
import datetime as dt

import pandas as pd


def article_summary(articles: pd.DataFrame) -> pd.DataFrame:
    """Return one row per article: id, outlet, publication date and precision, size."""
    columns = ["article_id", "outlet", "published", "published_precision", "published_source",
               "title", "n_sentences", "n_words"]
    return articles[columns].sort_values(["published", "article_id"]).reset_index(drop=True)


def period_end(start: dt.date, precision: str | None) -> dt.date:
    """Return the last day of the period that starts at ``start`` with ``precision``.

    >>> period_end(dt.date(2015, 12, 1), "month"), period_end(dt.date(9999, 12, 1), "month")
    (datetime.date(2015, 12, 31), datetime.date(9999, 12, 31))
    """
    if precision == "year":
        return dt.date(start.year, 12, 31)
    if precision == "month":
        return dt.date(start.year, start.month, calendar.monthrange(start.year, start.month)[1])
    return start


def dropped_summary(dropped: pd.DataFrame) -> pd.DataFrame:
    """Return how many lines each cleaning rule removed from each article."""
    counts = dropped.groupby(["reason", "article_id"]).size().unstack(fill_value=0)
    counts["total"] = counts.sum(axis=1)
    return counts.sort_values("total", ascending=False)
