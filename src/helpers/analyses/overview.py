"""Tables and sentences of the corpus overview: articles, outlets, dates, problems, and what cleaning removed.

Every sentence about the corpus is computed here from its tables
(:func:`corpus_sentences`), so a report never says "five articles from four
outlets" about a corpus that is not the seeds.
"""

from __future__ import annotations

import calendar
import datetime as dt

import pandas as pd

PROBLEM_COLUMNS = ["article_id", "path", "problem", "severity"]


def article_summary(articles: pd.DataFrame) -> pd.DataFrame:
    """Return one row per article: id, outlet, publication date and precision, size (undated last)."""
    columns = ["article_id", "outlet", "published", "published_precision", "published_source",
               "title", "n_sentences", "n_words"]
    return articles[columns].sort_values(["published", "article_id"], na_position="last").reset_index(drop=True)


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


def date_label(day: object, precision: object = "day", weekday: bool = False) -> str:
    """Return a date as precise as it is known: ``30 August 2016``, ``December 2015``, ``2015``.

    >>> date_label(dt.date(2015, 12, 1), "month"), date_label(dt.date(2019, 11, 19), "day", weekday=True)
    ('December 2015', 'Tuesday 19 November 2019')
    >>> date_label(None)
    'unknown'
    """
    if not isinstance(day, dt.date):
        return "unknown"
    if precision == "year":
        return f"{day.year}"
    if precision == "month":
        return f"{day:%B} {day.year}"
    return (f"{day:%A} " if weekday else "") + f"{day.day} {day:%B} {day.year}"


def is_known(value: object) -> bool:
    """Return whether a cell holds a value (not None, NaN or pandas' NA, nor blank text)."""
    if isinstance(value, str):
        return bool(value.strip())
    return value is not None and not pd.isna(value)


def article_problems(articles: pd.DataFrame, problems: list, today: dt.date | None = None) -> pd.DataFrame:
    """Return every problem of the corpus once: files that could not be read, and articles lacking a date or outlet.

    ``problems`` are the reading problems (objects with ``path``, ``message`` and
    ``severity``); articles published after ``today`` (default: the day the report is
    rendered) are listed too, since their date is certainly wrong.
    """
    today = today or dt.date.today()
    rows = [{"article_id": "", "path": p.path, "problem": p.message, "severity": p.severity} for p in problems]
    undated = ~articles["published"].map(is_known)
    future = articles["published"].map(lambda d: isinstance(d, dt.date) and d > today)
    no_outlet = ~articles["outlet"].map(is_known)
    checks = [(undated, "no publication date: the text, its metadata and catalog.csv give none, so it is left out "
                        "of every chart by date; add its date to catalog.csv"),
              (no_outlet, "no outlet: the file and catalog.csv name none; add it to catalog.csv")]
    for mask, problem in checks:
        if len(articles) > 1 and mask.all():  # one row says it for the whole corpus
            rows.append({"article_id": f"(all {len(articles):,} articles)", "path": "", "problem": problem,
                         "severity": "warning"})
            continue
        rows += [{"article_id": a, "path": p, "problem": problem, "severity": "warning"}
                 for a, p in zip(articles.loc[mask, "article_id"], articles.loc[mask, "source_path"], strict=True)]
    rows += [{"article_id": a, "path": p, "problem": f"published {d}, after today: the date is wrong; correct it in "
              "catalog.csv", "severity": "warning"}
             for a, p, d in zip(articles.loc[future, "article_id"], articles.loc[future, "source_path"],
                                articles.loc[future, "published"], strict=True)]
    return pd.DataFrame(rows, columns=PROBLEM_COLUMNS)


def dropped_summary(dropped: pd.DataFrame) -> pd.DataFrame:
    """Return, per cleaning rule, how many lines it removed and from how many articles."""
    grouped = dropped.groupby("reason")
    table = pd.DataFrame({"lines": grouped.size(), "articles": grouped["article_id"].nunique()})
    return table.sort_values(["lines", "articles"], ascending=False).reset_index()


def plural(count: int, word: str) -> str:
    """Return ``count word`` with an s when needed.

    >>> plural(1, "article"), plural(1500, "outlet")
    ('1 article', '1,500 outlets')
    """
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def corpus_sentences(articles: pd.DataFrame, today: dt.date | None = None) -> list[str]:
    """Return sentences that describe the corpus: its size, outlets, dates and what is missing."""
    today = today or dt.date.today()
    n = len(articles)
    outlets = articles["outlet"].dropna().astype(str)
    outlets = outlets[outlets.str.strip() != ""]
    dated = articles[articles["published"].map(lambda d: isinstance(d, dt.date) and d <= today)]
    sentences = [f"The corpus holds {plural(n, 'article')} from {plural(outlets.nunique(), 'outlet')}."
                 if len(outlets) else f"The corpus holds {plural(n, 'article')}; none names its outlet."]
    if len(dated):
        first = dated.sort_values("published").iloc[0]
        last = dated.sort_values("published").iloc[-1]
        sentences.append(f"They were published between {date_label(first['published'], first['published_precision'])}"
                         f" and {date_label(last['published'], last['published_precision'])}.")
    missing_date, missing_outlet = n - len(dated), n - len(outlets)
    if missing_date:
        one = missing_date == 1
        sentences.append(f"{plural(missing_date, 'article')} {'has' if one else 'have'} no usable publication date "
                         f"and {'is' if one else 'are'} listed among the problems below.")
    if missing_outlet and len(outlets):
        sentences.append(f"{plural(missing_outlet, 'article')} name{'s' * (missing_outlet == 1)} no outlet.")
    return sentences
