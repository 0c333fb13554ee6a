"""Daily situation reports' cumulative tolls, and their agreement with a reference series.

A daily report states many killed figures (the day's, a district's, a period's) and
one running total. :func:`reported_tolls` picks that total out of each report;
:func:`agreement_with_series` sets it beside a reference series on its day.
"""

from __future__ import annotations

import re

import pandas as pd

from helpers.analyses.comparison import reported_figures

#: Sentences that count a period's deaths ("in the past 24 hours", "between 5 November (noon) and
#: 6 November"), not the cumulative toll; "between 7 October and ..." (the war's start) is cumulative.
PERIOD_COUNT = re.compile(r"\b(?:past|last) (?:\d+|twenty-four|\w+) hours\b|\bover the past\b|\bin the past\b"
                          r"|\badditional\b|\bbetween (?!7 october)\d{1,2} \w+\b.* and\b|\bon \d{1,2} \w+, according"
                          r"|\bkilled in gaza on \d{1,2} \w+\b", re.IGNORECASE)


#: ... unless the sentence also gives the running total ("..., bringing the cumulative toll to").
CUMULATIVE = re.compile(r"\bcumulative\b|\bbringing\b|\bsince the start\b|\bsince 7 october\b|\bin total\b",
                        re.IGNORECASE)


def reported_tolls(tables: dict[str, pd.DataFrame], place: str,
                   source_pattern: str = r"ministry of health|\bmoh\b") -> pd.DataFrame:
    """Return, per article, the largest killed total for ``place`` attributed to a matching source.

    This is how a daily situation report's cumulative toll is picked out of the
    day's other killed figures: sentences counting a period (:data:`PERIOD_COUNT`) are
    left out and the largest of the rest is the toll. Dated by the article's
    publication date.
    """
    reported = reported_figures(tables, kinds=["killed"])
    mask = (~reported["is_part"] & (reported["place"] == place)
            & (~reported["sentence"].fillna("").str.contains(PERIOD_COUNT)
               | reported["sentence"].fillna("").str.contains(CUMULATIVE))
            & reported["source"].fillna("").str.contains(source_pattern, case=False, regex=True))
    chosen = reported[mask].sort_values("value_low").groupby("article_id").tail(1)
    chosen = chosen.assign(report_date=pd.to_datetime(chosen["published"]))
    return chosen.sort_values("report_date").reset_index(drop=True)


def agreement_with_series(tolls: pd.DataFrame, series: pd.DataFrame, place: str, kind: str = "killed",
                          tolerance: float = 0.02, lag_days: int = 1) -> pd.DataFrame:
    """Return each reported toll beside the series on its day and up to ``lag_days`` before.

    ``agrees`` is true when the reported value is within ``tolerance`` (relative) of the
    series on one of those days; ``closest`` is the series value nearest to it.
    """
    values = series[(series["place"] == place) & (series["kind"] == kind)].set_index("date")["value_low"]
    rows = []
    for _, toll in tolls.iterrows():
        days = [toll["report_date"] - pd.Timedelta(days=lag) for lag in range(lag_days + 1)]
        candidates = [values.get(day) for day in days if day in values.index]
        reported = float(toll["value_low"])
        closest = min(candidates, key=lambda v: abs(v - reported)) if candidates else None
        rows.append({"report_date": toll["report_date"].date(), "article_id": toll["article_id"],
                     "reported": reported, "text": toll["text"], "closest": closest,
                     "relative_difference": round((reported - closest) / closest, 4) if closest else None,
                     "agrees": closest is not None and abs(reported - closest) <= tolerance * closest,
                     "sentence": toll["sentence"]})
    return pd.DataFrame(rows)
