"""Daily situation reports' running tolls, and their agreement with a reference series.

A daily report states many figures of one kind (the day's, a district's, a period's)
and one running total. :func:`reported_tolls` picks that total out of each report,
with no place, source or date written into the code:

* the figures of the kind (killed, injured, ...) in the place asked for (grouped by
  :func:`helpers.analyses.places.place_of`), that are no part of another figure;
* attributed to the source actor asked for (``source_actor_id``, the registry id the
  extraction gives the source's words), when one is asked for;
* that are stated as counts, not as what could happen (``hypothetical``: "should
  outbreaks occur, the projections rise to 85,750 excess deaths"), and as numbers, not
  as impressions (:func:`vague`: "dozens were injured" tells of one incident);
* that do not count a bounded period (:func:`counts_a_period`: their own dates, from
  the clause, are a stretch of days that ends on the report's date, as "in the past 24
  hours" or "on 5 November" are), nor a past one (:func:`counts_the_past`: "the 2014
  escalation (2,251 fatalities)");
* the largest of the rest: a running total is never smaller than a part of it;
* unless it falls far below the outlet's recent running total (:func:`falls_far_below`):
  a running total does not fall, so in a report that states none, what is left is a
  count of something else ("26 injured" in one strike, the day after a toll of 22,911).

:func:`agreement_with_series` sets each report's toll beside a reference series on
its day; its denominator is every report, found toll or not.
"""

from __future__ import annotations

import pandas as pd

from helpers.analyses.comparison import reported_figures

#: A figure whose own dates span at most this many days before its report counts a period (the day's toll).
PERIOD_DAYS = 3


def counts_a_period(reported: pd.DataFrame, max_days: int = PERIOD_DAYS) -> pd.Series:
    """Say, per figure, whether its own dates are a short stretch ending near publication (a period's count).

    A figure dated by its text from ``date_start`` to ``date_end`` counts that stretch when
    the stretch is at most ``max_days`` long and starts within ``max_days`` of the report
    ("352 killed in the past 24 hours", "killed on 5 November" in the report of 6 November).
    A figure dated "since 7 October", or not dated by its text, is a running count.
    """
    start = pd.to_datetime(reported["date_start"])
    end = pd.to_datetime(reported["date_end"])
    published = pd.to_datetime(reported["published"])
    dated = start.notna() & end.notna()
    short = (end - start).dt.days <= max_days
    recent = (published - start).dt.days.between(-1, max_days)
    return (dated & short & recent).fillna(False).astype(bool)


#: A figure whose own dates end more than this many days before its report counts the past, not the running toll.
HISTORY_DAYS = 30


def counts_the_past(reported: pd.DataFrame, max_days: int = HISTORY_DAYS) -> pd.Series:
    """Say, per figure, whether its own dates end long before its report ("in 2014", "during the 2008 war")."""
    end = pd.to_datetime(reported["date_end"])
    published = pd.to_datetime(reported["published"])
    return ((published - end).dt.days > max_days).fillna(False).astype(bool)


def hypothetical(reported: pd.DataFrame) -> pd.Series:
    """Say, per figure, whether it is stated as a projection or possibility (False for tables without the column)."""
    if "hypothetical" not in reported:
        return pd.Series(False, index=reported.index)
    return reported["hypothetical"].fillna(False).astype(bool)


def vague(reported: pd.DataFrame) -> pd.Series:
    """Say, per figure, whether it is a vague quantity ("dozens", "hundreds"): no report states its running toll so."""
    if "qualifier" not in reported:
        return pd.Series(False, index=reported.index)
    return (reported["qualifier"] == "vague").fillna(False).astype(bool)


#: A report's toll below this share of its outlet's recent running total counts something else.
FALL_SHARE = 0.5
#: How many earlier tolls of an outlet (within :data:`HISTORY_DAYS`) make its recent running total: their median.
RECENT_TOLLS = 3


def falls_far_below(tolls: pd.DataFrame, share: float = FALL_SHARE, recent: int = RECENT_TOLLS,
                    max_days: int = HISTORY_DAYS) -> pd.Series:
    """Say, per report's toll, whether it falls below ``share`` of its outlet's recent running total.

    The recent running total is the median of the outlet's last ``recent`` tolls that did not
    fall, from reports at most ``max_days`` before; with fewer such tolls nothing falls (the
    first reports of a series, or of one after a long pause). A median, so that one toll
    misread too high does not drop the right ones after it.
    """
    falls = pd.Series(False, index=tolls.index)
    outlets = tolls["outlet"] if "outlet" in tolls else pd.Series("", index=tolls.index)
    for _, group in tolls.sort_values("report_date").groupby(outlets, dropna=False, sort=False):
        kept: list[tuple[pd.Timestamp, float]] = []
        for index, day, value in zip(group.index, group["report_date"], group["value_low"], strict=True):
            earlier = [v for d, v in kept if (day - d).days <= max_days][-recent:]
            if len(earlier) == recent and value < share * float(pd.Series(earlier).median()):
                falls[index] = True
            else:
                kept.append((day, value))
    return falls


def reported_tolls(tables: dict[str, pd.DataFrame], place: str, kind: str = "killed",
                   source_actor_id: str | None = None) -> pd.DataFrame:
    """Return, per article, its running toll of ``kind`` in ``place`` (see the module docstring).

    ``source_actor_id`` keeps the figures attributed to that actor; None keeps every
    figure, whoever states it. Dated by the article's publication date.
    """
    reported = reported_figures(tables, kinds=[kind])
    if not len(reported):
        return reported.assign(report_date=pd.Series(dtype="datetime64[ns]"))
    mask = ~reported["is_part"] & (reported["place"] == place) & ~counts_a_period(reported) \
        & ~counts_the_past(reported) & ~hypothetical(reported) & ~vague(reported)
    if source_actor_id:
        mask &= (reported["source_actor_id"] == source_actor_id).fillna(False)
    chosen = reported[mask].sort_values("value_low").groupby("article_id").tail(1)
    chosen = chosen.assign(report_date=pd.to_datetime(chosen["published"]), as_of=pd.to_datetime(chosen["as_of"]))
    chosen = chosen[~falls_far_below(chosen)]
    return chosen.sort_values("report_date").reset_index(drop=True)


def agreement_with_series(tolls: pd.DataFrame, series: pd.DataFrame, place: str, kind: str = "killed",
                          tolerance: float = 0.02, lag_days: int = 1,
                          reports: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return each report's toll beside the series on its as-of day and up to ``lag_days`` before.

    The as-of day is the one the figure gives ("as of 10 November"), else the report's
    date. ``agrees`` is true when the reported value is within ``tolerance`` (relative) of the
    series on one of those days; ``closest`` is the series value nearest to it. With
    ``reports`` (the ``articles`` table), every report gets a row, those without a toll
    with ``reported`` null and ``agrees`` false, so that the share agreeing is over all reports.
    """
    values = series[(series["place"] == place) & (series["kind"] == kind)].set_index("date")["value_low"]
    rows = [_agreement_row(toll, values, tolerance, lag_days) for _, toll in tolls.iterrows()]
    found = {row["article_id"] for row in rows}
    if reports is not None:
        for _, report in reports[~reports["article_id"].isin(found)].iterrows():
            rows.append({"report_date": pd.Timestamp(report["published"]).date(), "article_id": report["article_id"],
                         "reported": None, "text": None, "closest": None, "relative_difference": None,
                         "agrees": False, "sentence": None})
    columns = ["report_date", "article_id", "reported", "text", "closest", "relative_difference", "agrees",
               "sentence"]
    return pd.DataFrame(rows, columns=columns).sort_values(["report_date", "article_id"]).reset_index(drop=True)


def _agreement_row(toll: pd.Series, values: pd.Series, tolerance: float, lag_days: int) -> dict:
    """Return one report's toll beside the nearest series value of its day or the days before."""
    as_of = toll["as_of"] if "as_of" in toll and pd.notna(toll["as_of"]) else toll["report_date"]
    days = [as_of - pd.Timedelta(days=lag) for lag in range(lag_days + 1)]
    candidates = [values.get(day) for day in days if day in values.index]
    reported = float(toll["value_low"])
    closest = min(candidates, key=lambda v: abs(v - reported)) if candidates else None
    return {"report_date": toll["report_date"].date(), "article_id": toll["article_id"],
            "reported": reported, "text": toll["text"], "closest": closest,
            "relative_difference": round((reported - closest) / closest, 4) if closest else None,
            "agrees": closest is not None and abs(reported - closest) <= tolerance * closest,
            "sentence": toll["sentence"]}
