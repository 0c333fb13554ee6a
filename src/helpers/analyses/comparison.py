"""Compare reported figures across articles and sources, and against official series.

How figures are grouped
    Two figures count "the same thing" when they have the same ``kind``, the same
    place (:func:`helpers.analyses.places.place_of`, from a replaceable table of
    places) and fall in the same episode. A figure is dated by the date its sentence gives, else by its
    article's publication date (reported tolls are "as of" publication); episodes are
    found from the density of those dates (:func:`helpers.analyses.episodes.find_episodes`:
    runs apart from each other, dense runs cut into months and busy months into weeks,
    because tolls grow from day to day). Parts of other figures ("at least 19 of them")
    are shown but never compared as totals. A source resolved to a registry actor is
    grouped under that actor (``source_label`` is its name), so "the MoH in Gaza" and
    "the Ministry of Health in Gaza" count as one source when the registry knows it.

Tolerance (when two reports disagree)
    Each figure becomes an interval: ``exact`` N is [N(1-2%), N(1+2%)] (rounding and
    a day's lag between reports), ``about`` N is [N(1-10%), N(1+10%)], ``at least`` /
    ``more than`` N is [N, infinity), ``at most`` / ``less than`` N is [0, N], vague
    words keep their documented range. Two figures of a group *disagree* when their
    intervals do not overlap. Figures of the same episode dated days apart may differ
    because tolls grow; the ``days_apart`` column says so. :func:`disagreements` keeps
    the largest disagreements of each group and counts the rest.

Reference data
    :mod:`helpers.analyses.reference` reads official figures (a table and daily
    series described in data files). :func:`compare_with_reference` pairs each reported total with the latest official
    value for the same place and kind on or before its date (within ``max_lag_days``).
"""

from __future__ import annotations

import logging
import math
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from helpers.analyses.episodes import find_episodes
from helpers.analyses.places import Places, place_of
from helpers.vocab import LOWER_BOUNDS, PEOPLE_KINDS, UPPER_BOUNDS

log = logging.getLogger(__name__)

EXACT_TOLERANCE = 0.02
ABOUT_TOLERANCE = 0.10
#: The outlet's own figures, with no source named.
OWN_AUTHORITY = "(the outlet itself)"
#: Disagreements kept per group (episode, kind, place), the largest first; the rest are counted.
DISAGREEMENTS_PER_GROUP = 3
_LEADING_ARTICLE = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)

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


def source_labels(figures: pd.DataFrame, actors: pd.DataFrame) -> pd.Series:
    """Return the source each figure is grouped under: its registry actor's name, else its words.

    The words are folded (spaces, a leading article, trailing punctuation) but keep
    their case; figures with no source get :data:`OWN_AUTHORITY`. A source resolved to a
    place ("the MoH in Gaza" resolved to Gaza) keeps its words: a place does not report.
    """
    names = dict(zip(actors["actor_id"], actors["name"], strict=False))
    places = set(actors.loc[actors["type"] == "place", "actor_id"])
    labels = []
    for source, actor in zip(figures["source"], figures["source_actor_id"], strict=True):
        if isinstance(actor, str) and actor in names and actor not in places:
            labels.append(str(names[actor]))
        elif isinstance(source, str) and source.strip():
            words = _LEADING_ARTICLE.sub("", " ".join(source.split())).strip(" .,;:(")
            labels.append(words[:1].upper() + words[1:] if words else OWN_AUTHORITY)
        else:
            labels.append(OWN_AUTHORITY)
    return pd.Series(labels, index=figures.index, dtype=object)


def reported_figures(tables: dict[str, pd.DataFrame], kinds: list[str] | None = None,
                     date_from: str = "", date_to: str = "", gap_days: int | None = None,
                     places: Places | None = None) -> pd.DataFrame:
    """Return the figures with outlet, sentence, place, as-of date and episode, one row each.

    ``kinds`` keeps only those kinds; ``date_from`` / ``date_to`` (ISO dates, empty for
    open) keep figures dated within them; ``places`` groups locations (default: the shipped table);
    ``gap_days`` fixes the gap between episodes (default: found from the dates).
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
    frame["source_label"] = source_labels(frame, tables["actors"])
    frame = frame[frame["as_of"].notna()] if len(frame) else frame
    if date_from:
        frame = frame[frame["as_of"] >= pd.Timestamp(date_from)]
    if date_to:
        frame = frame[frame["as_of"] <= pd.Timestamp(date_to)]
    frame = frame.copy()
    found = find_episodes(frame["as_of"], gap_days=gap_days)
    frame["episode_no"] = found.numbers
    frame["episode"] = found.label_of().astype(object)
    frame["is_part"] = frame["part_of"].notna()
    return frame.sort_values(["as_of", "article_id", "start_char"]).reset_index(drop=True)


#: Kinds compared when none are chosen: those that count people, rockets and attacks.
COMPARED_KINDS = [*PEOPLE_KINDS, "rockets", "attacks"]


def select_reported(every: pd.DataFrame, kinds: list[str] | None = None, sources: str = "") -> pd.DataFrame:
    """Return the figures of ``kinds`` (default :data:`COMPARED_KINDS`) to compare.

    ``sources`` is comma-separated words: only figures whose source contains one of them
    are kept (empty: all, including figures the outlet states on its own authority).

    >>> every = pd.DataFrame({"kind": ["killed", "killed", "funding"], "source": ["Hamas", "the UN", None]})
    >>> select_reported(every, sources="hamas, un")["source"].tolist()
    ['Hamas', 'the UN']
    """
    selected = every[every["kind"].isin(kinds or COMPARED_KINDS)]
    words = [word.strip().lower() for word in sources.split(",") if word.strip()]
    if not words:
        return selected
    source = selected["source"].fillna("").str.lower()
    return selected[source.map(lambda text: any(word in text for word in words))]


DISAGREEMENT_COLUMNS = ["episode", "kind", "place", "a_figure_id", "a_source", "a_text", "b_figure_id", "b_source",
                        "b_text", "days_apart", "gap", "ratio"]


@dataclass
class Disagreements:
    """The largest disagreements of each group, and how many there are in all."""

    table: pd.DataFrame
    total: int

    def __len__(self) -> int:
        """Return the number of disagreements listed (not :attr:`total`)."""
        return len(self.table)


def _group_disagreements(group: pd.DataFrame, unstated: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return the index pairs (i, j) of one group whose intervals do not overlap, and their gaps."""
    bounds = [interval(lo, hi, q) for lo, hi, q in zip(group["value_low"], group["value_high"], group["qualifier"],
                                                       strict=True)]
    low = np.array([b[0] for b in bounds])
    high = np.array([b[1] for b in bounds])
    i, j = np.triu_indices(len(group), k=1)
    gap = np.maximum(low[i], low[j]) - np.minimum(high[i], high[j])
    keep = gap > 0
    article, source = group["article_id"].to_numpy(), group["source_label"].to_numpy()
    keep &= ~((article[i] == article[j]) & (source[i] == source[j]))  # one article's own counts differ by design
    if unstated:  # no place and different victims: not the same count
        victims = group["victims"].astype(str).str.lower().to_numpy()
        keep &= victims[i] == victims[j]
    return i[keep], j[keep], gap[keep]


def disagreements(reported: pd.DataFrame, per_group: int = DISAGREEMENTS_PER_GROUP) -> Disagreements:
    """Return the pairs of totals of one group (episode, kind, place) whose intervals do not overlap.

    Pairs from the same article and source are left out (they are different counts), and
    so are pairs without a place whose victims differ. Each group keeps its ``per_group``
    largest disagreements (by ``ratio``, the larger figure over the smaller); ``total``
    counts them all.
    """
    rows, total = [], 0
    totals = reported[~reported["is_part"]]
    for (episode, kind, place), group in totals.groupby(["episode", "kind", "place"], sort=True):
        i, j, gap = _group_disagreements(group.reset_index(drop=True), place == "unstated")
        total += len(gap)
        smaller = np.minimum(group["value_high"].fillna(group["value_low"]).to_numpy(dtype=float)[i],
                             group["value_high"].fillna(group["value_low"]).to_numpy(dtype=float)[j])
        ratio = (smaller + gap) / np.maximum(smaller, 1.0)
        for k in np.argsort(-ratio, kind="stable")[:per_group]:
            a, b = group.iloc[i[k]], group.iloc[j[k]]
            rows.append([episode, kind, place, a["figure_id"], a["source_label"], a["text"], b["figure_id"],
                         b["source_label"], b["text"], abs((a["as_of"] - b["as_of"]).days), float(gap[k]),
                         round(float(ratio[k]), 2)])
    return Disagreements(pd.DataFrame(rows, columns=DISAGREEMENT_COLUMNS), total)


def side_by_side(reported: pd.DataFrame, max_ranges: int = 6) -> pd.DataFrame:
    """Return one row per episode, kind, place and source: how many totals, the lowest and highest, the ranges.

    The lowest and highest are of the numbers the words state (:func:`stated_value`: 300 for "at most 300").

    ``ranges`` lists the distinct ranges in date order, at most ``max_ranges`` of them
    (then how many more); ``figure_ids`` lists every figure, so each row can be traced.
    """
    totals = reported[~reported["is_part"]].sort_values(["as_of", "figure_id"]).copy()
    totals["range"] = [format_range(lo, hi, q) for lo, hi, q in
                       zip(totals["value_low"], totals["value_high"], totals["qualifier"], strict=True)]
    totals["stated"] = stated_values(totals)

    def listed(ranges: pd.Series) -> str:
        distinct = list(dict.fromkeys(ranges))
        more = len(distinct) - max_ranges
        return "; ".join(distinct[:max_ranges]) + (f"; and {more} more" if more > 0 else "")

    keys = ["episode_no", "episode", "kind", "place", "source_label"]
    grouped = totals.groupby(keys, sort=True).agg(
        reports=("figure_id", "size"), lowest=("stated", "min"), highest=("stated", "max"),
        ranges=("range", listed), outlets=("outlet", lambda o: "; ".join(sorted(set(o.dropna())))),
        figure_ids=("figure_id", lambda f: ", ".join(f)))
    return grouped.reset_index().drop(columns=["episode_no"])


def stated_value(low: float | None, high: float | None, qualifier: str) -> float | None:
    """Return the number a figure's words state: its upper bound for "at most" ones, else its low end.

    >>> stated_value(0, 300, "at_most"), stated_value(1400, None, "at_least"), stated_value(24, 99, "vague")
    (300.0, 1400.0, 24.0)
    """
    value = high if qualifier in UPPER_BOUNDS else low
    return None if value is None or pd.isna(value) else float(value)


def stated_values(figures: pd.DataFrame) -> pd.Series:
    """Return :func:`stated_value` of each row of ``figures`` (NaN where it states none)."""
    return pd.Series([stated_value(lo, hi, q) for lo, hi, q in
                      zip(figures["value_low"], figures["value_high"], figures["qualifier"], strict=True)],
                     index=figures.index, dtype=float)


def format_range(low: float | None, high: float | None, qualifier: str) -> str:
    """Return a range as a reader says it ("at least 1,400", "24-99 (vague)", "about 2,750").

    >>> format_range(1400, None, "at_least"), format_range(24, 99, "vague"), format_range(34, 34, "exact")
    ('at least 1,400', '24–99 (vague)', '34')
    """
    low, high = (None if v is None or pd.isna(v) else float(v) for v in (low, high))

    def number(value: float | None) -> str:
        if value is None:
            return "?"
        return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"

    if qualifier in LOWER_BOUNDS:
        return f"{qualifier.replace('_', ' ')} {number(low)}"
    if qualifier in UPPER_BOUNDS:
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
    ``ratio`` is the number reported (:func:`stated_value`) over the official one.
    """
    totals = reported[~reported["is_part"] & reported["kind"].isin(reference["kind"].unique())]
    when = pd.to_datetime(reference["date"]).astype("datetime64[ns]")
    official = reference.assign(date=when, official_date=when).sort_values("date")
    keep = ["place", "kind", "date", "official_date", "value_low", "value_high", "qualifier", "source", "citation"]
    renamed = {"value_low": "off_low", "value_high": "off_high", "qualifier": "off_qualifier",
               "source": "off_source"}
    official = official.reindex(columns=keep).rename(columns=renamed)
    official = official.astype({"place": object, "kind": object})
    figures = totals.assign(date=pd.to_datetime(totals["as_of"]).astype("datetime64[ns]"))
    figures = figures.astype({"place": object, "kind": object}).sort_values("date")
    matched = pd.merge_asof(figures, official, on="date", by=["place", "kind"], direction="backward",
                            tolerance=pd.Timedelta(days=max_lag_days))
    if after_days:
        later = pd.merge_asof(figures, official, on="date", by=["place", "kind"], direction="forward",
                              tolerance=pd.Timedelta(days=after_days))
        matched = matched.where(matched["official_date"].notna(), later)
    rows = [_reference_row(figure) for _, figure in matched[matched["official_date"].notna()].iterrows()]
    return pd.DataFrame(rows)


def _reference_row(figure: pd.Series) -> dict:
    """Return one row of :func:`compare_with_reference`: a reported total beside its official value."""
    low, high = interval(figure["value_low"], figure["value_high"], figure["qualifier"])
    stated = stated_value(figure["value_low"], figure["value_high"], figure["qualifier"])
    off_low, off_high = interval(figure["off_low"], figure["off_high"], figure["off_qualifier"])
    return {
        "figure_id": figure["figure_id"], "episode": figure["episode"], "place": figure["place"],
        "kind": figure["kind"], "as_of": figure["as_of"].date(),
        "reported": format_range(figure["value_low"], figure["value_high"], figure["qualifier"]),
        "reported_by": figure["source_label"], "outlet": figure["outlet"],
        "official": format_range(figure["off_low"], figure["off_high"], figure["off_qualifier"]),
        "official_source": figure["off_source"], "official_date": figure["official_date"].date(),
        "days": (figure["official_date"] - figure["as_of"]).days,
        "citation": figure.get("citation"), "within": max(low, off_low) <= min(high, off_high),
        "ratio": round(stated / float(figure["off_low"]), 3) if figure["off_low"] and stated is not None else None,
        "sentence": figure["sentence"],
    }


def reference_windows(reported: pd.DataFrame, reference: pd.DataFrame, place: str, kind: str = "killed",
                      margin_days: int = 7, max_windows: int = 4) -> list[tuple[pd.Timestamp, pd.Timestamp]]:
    """Return the periods in which ``reference`` covers the reported totals of ``place`` and ``kind``.

    A reported total is covered when the reference has a value for the same place and
    kind within ``margin_days`` of its date. Covered dates are grouped into runs (a gap
    of more than 60 days starts a new one) and each run, padded by ``margin_days``, is
    a window; at most ``max_windows``, the ones with most totals. No window means the
    reference says nothing about this corpus's place and dates, and no comparison is drawn.
    """
    dates = reported.loc[~reported["is_part"] & (reported["place"] == place) & (reported["kind"] == kind), "as_of"]
    official = reference.loc[(reference["place"] == place) & (reference["kind"] == kind), "date"].sort_values()
    if dates.empty or official.empty:
        return []
    position = official.searchsorted(dates)
    values = official.to_numpy()
    near = [any(0 <= k < len(values) and abs((values[k] - day).days) <= margin_days for k in (p - 1, p))
            for p, day in zip(position, dates, strict=True)]
    covered = sorted(dates[near])
    runs: list[list[pd.Timestamp]] = []
    for day in covered:
        if runs and (day - runs[-1][-1]).days <= 60:
            runs[-1].append(day)
        else:
            runs.append([day])
    runs = sorted(sorted(runs, key=len, reverse=True)[:max_windows])
    pad = pd.Timedelta(days=margin_days)
    return [(run[0] - pad, run[-1] + pad) for run in runs]


def most_reported_place(reported: pd.DataFrame, kind: str = "killed") -> str | None:
    """Return the place with the most totals of ``kind`` (None when there is none).

    Used when a notebook's ``place`` parameter is empty, so that no default names a place.
    """
    totals = reported[~reported["is_part"] & (reported["kind"] == kind) & (reported["place"] != "unstated")]
    if totals.empty:
        return None
    counts = totals["place"].value_counts()
    return str(sorted(counts.index, key=lambda name: (-counts[name], name))[0])


def figure_sentences(every: pd.DataFrame, selected: pd.DataFrame) -> list[str]:
    """Return sentences on the figures: how many, in how many articles and episodes, how many are charted."""
    if every.empty:
        return ["The extraction found no dated figure in this corpus (a figure is dated by its sentence or by its "
                "article's publication date), so the tables and charts below are empty."]
    totals = selected[~selected["is_part"]]
    sources = totals["source_label"].nunique()
    articles = every["article_id"].nunique()
    return [f"{len(every):,} dated figure{'s' * (len(every) != 1)} in {articles:,} article{'s' * (articles != 1)}, "
            f"in {every['episode_no'].nunique():,} episode{'s' * (every['episode_no'].nunique() != 1)}.",
            f"{len(totals):,} of them are totals of the selected kinds and sources, from {sources:,} "
            f"source{'s' * (sources != 1)} (counting the outlets' own figures as one)."]


def disagreement_sentence(found: Disagreements) -> str:
    """Return a sentence on how many disagreements there are and how many are listed."""
    if found.total == 0:
        return "No two sources disagree beyond the tolerance on these figures."
    if found.total == len(found):
        return f"{found.total:,} pair{'s' * (found.total != 1)} of figures disagree beyond the tolerance."
    return (f"{found.total:,} pairs of figures disagree beyond the tolerance; the table keeps the "
            f"{DISAGREEMENTS_PER_GROUP} largest of each episode, kind and place ({len(found):,} rows).")


def reference_sentence(place: str | None, windows: list, kind: str = "killed") -> str:
    """Return why a comparison with the official figures is drawn, or why not."""
    if not place:
        return f"No '{kind}' total names a place, so there is nothing to set against official figures."
    if not windows:
        return (f"The official figures given do not cover {place} on the dates of this corpus's '{kind}' totals, "
                "so no comparison is drawn. Name a series that covers them with the reference_series parameter.")
    return (f"The official figures cover {place} in {len(windows)} period{'s' * (len(windows) != 1)} of this "
            "corpus; the chart shows those periods only.")
