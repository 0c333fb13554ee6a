"""Compare reported figures across articles and sources, and against official series.

How figures are grouped
    Two figures count "the same thing" when they have the same ``kind``, the same
    place (:func:`helpers.analyses.places.place_of`, from a replaceable table of
    places) and fall in the same episode. A figure is dated by the date its sentence gives, else by its
    article's publication date (reported tolls are "as of" publication); episodes are
    runs of such dates with no gap longer than :data:`EPISODE_GAP_DAYS`. Parts of
    other figures ("at least 19 of them") are shown but never compared as totals.

Tolerance (when two reports disagree)
    Each figure becomes an interval: ``exact`` N is [N(1-2%), N(1+2%)] (rounding and
    a day's lag between reports), ``about`` N is [N(1-10%), N(1+10%)], ``at least`` /
    ``more than`` N is [N, infinity), ``at most`` / ``less than`` N is [0, N], vague
    words keep their documented range. Two figures of a group *disagree* when their
    intervals do not overlap. Figures of the same episode dated days apart may differ
    because tolls grow; the ``days_apart`` column says so.

Reference data
    :mod:`helpers.analyses.reference` reads official figures (a table and daily
    series described in data files). :func:`compare_with_reference` pairs each reported total with the latest official
    value for the same place and kind on or before its date (within ``max_lag_days``).
"""

from __future__ import annotations

import itertools
import logging
import math

import pandas as pd

from helpers.analyses.places import Places, place_of

log = logging.getLogger(__name__)

EXACT_TOLERANCE = 0.02
ABOUT_TOLERANCE = 0.10
EPISODE_GAP_DAYS = 21

def interval(low: float | None, high: float | None, qualifier: str) -> tuple[float, float]:
    """Return the interval a figure allows, with the qualifier's tolerance (see module doc).

    >>> tuple(round(v) for v in interval(2750, 2750, "about"))
    (2475, 3025)
    >>> interval(1400, None, "at_least")
    (1400.0, inf)
    """
    low = float(low) if low is not None and not pd.isna(low) else 0.0
    high = float(high) if high is not None and not pd.isna(high) else math.inf
    if qualifier == "exact":
        return low * (1 - EXACT_TOLERANCE), high * (1 + EXACT_TOLERANCE)
    if qualifier == "about":
        return low * (1 - ABOUT_TOLERANCE), high * (1 + ABOUT_TOLERANCE)
    return low, high


def _episodes(dates: pd.Series, gap_days: int) -> pd.Series:
    """Label each date with its episode: runs of dates without a gap longer than ``gap_days``."""
    order = dates.sort_values()
    labels, current, previous = {}, None, None
    for index, day in order.items():
        if previous is None or (day - previous).days > gap_days:
            current = day.strftime("%B %Y")
        labels[index] = current
        previous = day
    return pd.Series(labels).reindex(dates.index)


def reported_figures(tables: dict[str, pd.DataFrame], kinds: list[str] | None = None,
                     date_from: str = "", date_to: str = "", gap_days: int = EPISODE_GAP_DAYS,
                     places: Places | None = None) -> pd.DataFrame:
    """Return the figures with outlet, sentence, place, as-of date and episode, one row each.

    ``kinds`` keeps only those kinds; ``date_from`` / ``date_to`` (ISO dates, empty for
    open) keep figures dated within them; ``places`` groups locations (default: the shipped table).
    """
    figures = tables["figures"].copy()
    if kinds:
        figures = figures[figures["kind"].isin(kinds)]
    articles = tables["articles"][["article_id", "outlet", "published"]]
    sentences = tables["sentences"][["article_id", "sentence_id", "text"]].rename(columns={"text": "sentence"})
    frame = figures.merge(articles, on="article_id", how="left").merge(sentences, on=["article_id", "sentence_id"],
                                                                       how="left")
    frame["as_of"] = pd.to_datetime(frame["date_end"].where(frame["date_end"].notna(), frame["published"]))
    frame["dated_by"] = frame["date_end"].notna().map({True: "text", False: "publication"})
    frame["place"] = [place_of(loc, vic, places) for loc, vic in zip(frame["location"], frame["victims"], strict=True)]
    frame["source_label"] = frame["source"].fillna("(the outlet itself)")
    frame = frame[frame["as_of"].notna()] if len(frame) else frame
    if date_from:
        frame = frame[frame["as_of"] >= pd.Timestamp(date_from)]
    if date_to:
        frame = frame[frame["as_of"] <= pd.Timestamp(date_to)]
    frame = frame.copy()
    frame["episode"] = _episodes(frame["as_of"], gap_days) if len(frame) else pd.Series(dtype=str)
    frame["is_part"] = frame["part_of"].notna()
    return frame.sort_values(["as_of", "article_id", "start_char"]).reset_index(drop=True)


def disagreements(reported: pd.DataFrame) -> pd.DataFrame:
    """Return every pair of totals of one group (episode, kind, place) whose intervals do not overlap.

    Pairs from the same article and source are left out (they are different counts), and
    so are pairs without a place whose victims differ.
    """
    columns = ["episode", "kind", "place", "a_figure_id", "a_source", "a_text", "b_figure_id", "b_source",
               "b_text", "days_apart", "gap"]
    rows = []
    totals = reported[~reported["is_part"]]
    for (episode, kind, place), group in totals.groupby(["episode", "kind", "place"], sort=True):
        for (_, a), (_, b) in itertools.combinations(group.iterrows(), 2):
            if a["article_id"] == b["article_id"] and a["source_label"] == b["source_label"]:
                continue
            if place == "unstated" and str(a["victims"]).lower() != str(b["victims"]).lower():
                continue  # no place and different victims: not the same count
            a_low, a_high = interval(a["value_low"], a["value_high"], a["qualifier"])
            b_low, b_high = interval(b["value_low"], b["value_high"], b["qualifier"])
            gap = max(a_low, b_low) - min(a_high, b_high)
            if gap > 0:
                rows.append([episode, kind, place, a["figure_id"], a["source_label"], a["text"], b["figure_id"],
                             b["source_label"], b["text"], abs((a["as_of"] - b["as_of"]).days), gap])
    return pd.DataFrame(rows, columns=columns)


def side_by_side(reported: pd.DataFrame) -> pd.DataFrame:
    """Return one row per episode, kind, place and source with the ranges they report."""
    totals = reported[~reported["is_part"]].copy()
    totals["range"] = [format_range(lo, hi, q) for lo, hi, q in
                       zip(totals["value_low"], totals["value_high"], totals["qualifier"], strict=True)]
    keys = ["episode", "kind", "place", "source_label"]
    grouped = totals.groupby(keys, sort=True).agg(
        reports=("figure_id", "size"), ranges=("range", lambda r: "; ".join(r)),
        outlets=("outlet", lambda o: "; ".join(sorted(set(o.dropna())))),
        figure_ids=("figure_id", lambda f: ", ".join(f)))
    return grouped.reset_index()


def format_range(low: float | None, high: float | None, qualifier: str) -> str:
    """Return a range as a reader says it ("at least 1,400", "24-99 (vague)", "about 2,750").

    >>> format_range(1400, None, "at_least"), format_range(24, 99, "vague"), format_range(34, 34, "exact")
    ('at least 1,400', '24–99 (vague)', '34')
    """
    def number(value: float) -> str:
        return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"

    if qualifier in ("at_least", "more_than"):
        return f"{qualifier.replace('_', ' ')} {number(low)}"
    if qualifier in ("at_most", "less_than"):
        return f"{qualifier.replace('_', ' ')} {number(high)}"
    if qualifier == "vague":
        return f"{number(low)}–{number(high)} (vague)"
    prefix = "about " if qualifier == "about" else ""
    return prefix + number(low) if low == high else f"{prefix}{number(low)}–{number(high)}"


def compare_with_reference(reported: pd.DataFrame, reference: pd.DataFrame, max_lag_days: int = 1,
                           after_days: int = 0) -> pd.DataFrame:
    """Pair each reported total with the latest official value on or before its date.

    The official value must be for the same place and kind and at most ``max_lag_days``
    before the figure's as-of date (reports lag their sources); with ``after_days`` an
    official value up to that many days later is used when none precedes (for the
    hand-written table, whose rows are sparse). ``days`` is official date minus the
    figure's date. ``within`` says whether
    the official value lies in the reported interval (with the qualifier's tolerance);
    ``ratio`` is reported over official (the low end for open-ended figures).
    """
    totals = reported[~reported["is_part"] & reported["kind"].isin(reference["kind"].unique())]
    rows = []
    for _, figure in totals.iterrows():
        candidates = reference[(reference["place"] == figure["place"]) & (reference["kind"] == figure["kind"])
                               & (reference["date"] <= figure["as_of"] + pd.Timedelta(days=after_days))
                               & (reference["date"] >= figure["as_of"] - pd.Timedelta(days=max_lag_days))]
        if candidates.empty:
            continue
        before = candidates[candidates["date"] <= figure["as_of"]].sort_values("date")
        official = before.iloc[-1] if len(before) else candidates.sort_values("date").iloc[0]
        low, high = interval(figure["value_low"], figure["value_high"], figure["qualifier"])
        off_low, off_high = interval(official["value_low"], official["value_high"], official["qualifier"])
        rows.append({
            "figure_id": figure["figure_id"], "episode": figure["episode"], "place": figure["place"],
            "kind": figure["kind"], "as_of": figure["as_of"].date(), "reported": format_range(
                figure["value_low"], figure["value_high"], figure["qualifier"]),
            "reported_by": figure["source_label"], "outlet": figure["outlet"],
            "official": format_range(official["value_low"], official["value_high"], official["qualifier"]),
            "official_source": official["source"], "official_date": official["date"].date(),
            "days": (official["date"] - figure["as_of"]).days,
            "citation": official.get("citation"), "within": max(low, off_low) <= min(high, off_high),
            "ratio": round(float(figure["value_low"]) / float(official["value_low"]), 3)
            if official["value_low"] else None,
            "sentence": figure["sentence"],
        })
    return pd.DataFrame(rows)


# --- charts -----------------------------------------------------------------------------------




def most_reported_place(reported: pd.DataFrame, kind: str = "killed") -> str | None:
    """Return the place with the most totals of ``kind`` (None when there is none).

    Used when a notebook's ``place`` parameter is empty, so that no default names a place.
    """
    totals = reported[~reported["is_part"] & (reported["kind"] == kind) & (reported["place"] != "unstated")]
    if totals.empty:
        return None
    counts = totals["place"].value_counts()
    return str(sorted(counts.index, key=lambda name: (-counts[name], name))[0])
