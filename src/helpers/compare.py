"""Compare reported figures across articles and sources, and against official series.

How figures are grouped
    Two figures count "the same thing" when they have the same ``kind``, the same
    place (:func:`place_of`: "Gaza", "the Gaza Strip" and "Gaza City" are Gaza; a
    figure without a place but with "Israelis" as victims is Israel) and fall in the
    same episode. A figure is dated by the date its sentence gives, else by its
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
    :func:`load_reference_series` reads the TechForPalestine daily series (a folder
    with ``casualties_daily.json``, ``west_bank_daily.json`` and
    ``lebanon_casualties_daily.json``) into long rows; :func:`load_reference_table`
    reads the project's small hand-written table of official figures for the seeds'
    episodes (``data/reference_figures.csv``, every row citing its source).
    :func:`compare_with_reference` pairs each reported total with the latest official
    value for the same place and kind on or before its date (within ``max_lag_days``).
"""

from __future__ import annotations

import itertools
import json
import logging
import math
import re
from pathlib import Path

import pandas as pd

from helpers.paths import DATA_DIR

log = logging.getLogger(__name__)

EXACT_TOLERANCE = 0.02
ABOUT_TOLERANCE = 0.10
EPISODE_GAP_DAYS = 21
REFERENCE_TABLE = DATA_DIR / "reference_figures.csv"
CASUALTY_KINDS = ["killed", "injured", "hostages", "arrested", "displaced"]

#: Place names (lowercase substrings) and the place they are grouped under.
PLACES: dict[str, str] = {
    "gaza": "Gaza", "west bank": "West Bank", "jerusalem": "West Bank", "lebanon": "Lebanon",
    "israel": "Israel", "syria": "Syria", "iraq": "Iraq", "yemen": "Yemen", "iran": "Iran",
}
#: Victim words that imply a place when the text names none.
VICTIM_PLACES: dict[str, str] = {"israeli": "Israel"}

#: Codes of the daily series' ``report_source`` and what they stand for.
SERIES_SOURCES: dict[str, str] = {
    "mohtel": "Gaza Ministry of Health (Telegram)", "gmotel": "Gaza Government Media Office (Telegram)",
    "unocha": "UN OCHA", "ocha": "UN OCHA", "un": "UN OCHA", "missing": "no report that day (carried over)",
}


def place_of(location: object, victims: object = None) -> str:
    """Return the place a figure is grouped under ("unstated" when the text names none).

    >>> place_of("the Gaza Strip"), place_of(None, "Israelis"), place_of(None, "people")
    ('Gaza', 'Israel', 'unstated')
    """
    text = str(location).lower() if isinstance(location, str) else ""
    for needle, place in PLACES.items():
        if needle in text:
            return place
    if text:
        return str(location)
    victims_text = str(victims).lower() if isinstance(victims, str) else ""
    for needle, place in VICTIM_PLACES.items():
        if needle in victims_text:
            return place
    return "unstated"


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
                     date_from: str = "", date_to: str = "", gap_days: int = EPISODE_GAP_DAYS) -> pd.DataFrame:
    """Return the figures with outlet, sentence, place, as-of date and episode, one row each.

    ``kinds`` keeps only those kinds; ``date_from`` / ``date_to`` (ISO dates, empty for
    open) keep figures dated within them.
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
    frame["place"] = [place_of(loc, vic) for loc, vic in zip(frame["location"], frame["victims"], strict=True)]
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


# --- reference data -------------------------------------------------------------------------

def load_reference_table(path: str | Path | None = None) -> pd.DataFrame:
    """Return the hand-written table of official figures (default: the shipped one)."""
    frame = pd.read_csv(path or REFERENCE_TABLE, dtype={"value_low": float, "value_high": float})
    frame["date"] = pd.to_datetime(frame["as_of"])
    frame["estimated"] = False
    return frame.drop(columns=["as_of"])


def _series_rows(records: list[dict], place: str, source_key: str | None, default_source: str) -> list[dict]:
    """Turn daily records into long rows (date, place, kind, value, source, estimated)."""
    rows = []
    for record in records:
        source = SERIES_SOURCES.get(record.get(source_key, ""), record.get(source_key)) if source_key else None
        for kind in ("killed", "injured"):
            value, estimated = record.get(f"{kind}_cum"), False
            if value is None:
                value, estimated = record.get(f"ext_{kind}_cum"), True
            if value is None:
                continue
            rows.append({"date": pd.Timestamp(record["report_date"]), "place": place, "kind": kind,
                         "value_low": float(value), "value_high": float(value), "qualifier": "exact",
                         "source": source or default_source,
                         "estimated": estimated or record.get(source_key) == "missing",
                         "episode": "October 2023 war and after", "citation": "TechForPalestine palestine-datasets"})
    return rows


def load_reference_series(path: str | Path) -> pd.DataFrame:
    """Read the daily casualty series (folder or ``casualties_daily.json``) into long rows.

    Gaza: cumulative killed and injured with the day's named source (``estimated`` when
    the day's report is missing and the value is carried over). West Bank and Lebanon
    files, when present beside it, are read too (their values are UN OCHA's).
    """
    path = Path(path)
    folder = path if path.is_dir() else path.parent
    files = {"casualties_daily.json": ("Gaza", "report_source", "Gaza Ministry of Health"),
             "west_bank_daily.json": ("West Bank", None, "UN OCHA"),
             "lebanon_casualties_daily.json": ("Lebanon", "report_source", "UN OCHA")}
    rows: list[dict] = []
    for name, (place, source_key, default_source) in files.items():
        file = folder / name
        if file.exists():
            rows.extend(_series_rows(json.loads(file.read_text(encoding="utf-8")), place, source_key, default_source))
    if not rows:
        raise FileNotFoundError(f"{path}: no casualties_daily.json or companion series found")
    return pd.DataFrame(rows).sort_values(["place", "kind", "date"]).reset_index(drop=True)


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



#: Sentences that count a period's deaths ("in the past 24 hours", "between 5 November (noon) and
#: 6 November"), not the cumulative toll; "between 7 October and ..." (the war's start) is cumulative.
PERIOD_COUNT = re.compile(r"\b(?:past|last) (?:\d+|twenty-four|\w+) hours\b|\bover the past\b|\bin the past\b"
                          r"|\badditional\b|\bbetween (?!7 october)\d{1,2} \w+\b.* and\b|\bon \d{1,2} \w+, according"
                          r"|\bkilled in gaza on \d{1,2} \w+\b", re.IGNORECASE)

#: ... unless the sentence also gives the running total ("..., bringing the cumulative toll to").
CUMULATIVE = re.compile(r"\bcumulative\b|\bbringing\b|\bsince the start\b|\bsince 7 october\b|\bin total\b",
                        re.IGNORECASE)


def reported_tolls(tables: dict[str, pd.DataFrame], place: str = "Gaza",
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


def agreement_with_series(tolls: pd.DataFrame, series: pd.DataFrame, place: str = "Gaza", kind: str = "killed",
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


# --- charts -----------------------------------------------------------------------------------

#: How each qualifier class is drawn: colour and label.
QUALIFIER_STYLE: dict[str, tuple[str, str]] = {
    "exact": ("#1f77b4", "exact"), "about": ("#2ca02c", "about (±10% drawn)"),
    "at_least": ("#d62728", "at least / more than (open-ended)"), "more_than": ("#d62728", ""),
    "at_most": ("#9467bd", "at most / less than"), "less_than": ("#9467bd", ""), "vague": ("#ff7f0e", "vague word"),
}


def chart_rows(reported: pd.DataFrame) -> pd.DataFrame:
    """Return the totals to chart with a row label, drawn interval and open-end flag."""
    totals = reported[~reported["is_part"]].copy()
    totals["row"] = [f"{e} · {k} · {p} · {s}" for e, k, p, s in
                     zip(totals["episode"], totals["kind"], totals["place"], totals["source_label"], strict=True)]
    drawn = [interval(lo, hi, q) if q == "about" else (lo, hi if not pd.isna(hi) else math.inf)
             for lo, hi, q in zip(totals["value_low"], totals["value_high"], totals["qualifier"], strict=True)]
    totals["draw_low"] = [max(low, 1.0) for low, _ in drawn]
    totals["open_ended"] = [math.isinf(high) for _, high in drawn]
    cap = max([h for _, h in drawn if not math.isinf(h)] + [lo for lo, _ in drawn] + [10.0]) * 3
    totals["draw_high"] = [cap if math.isinf(high) else max(high, 1.0) for _, high in drawn]
    return totals.sort_values(["as_of", "kind", "place", "source_label"], ascending=False).reset_index(drop=True)


def range_chart(reported: pd.DataFrame, title: str = "Reported figures by episode and source"):
    """Return a plotly chart: each reported total as an interval on a log axis, by source.

    Exact figures are points, "about" figures a ±10% bar, vague words their range, and
    open-ended ones ("at least", "more than") a dashed line running off the axis with an
    arrow, never a point. The hover shows the outlet, the words and the sentence (escaped).
    """
    import plotly.graph_objects as go

    from helpers.plots import hover_text, plot_label

    rows = chart_rows(reported)
    fig = go.Figure()
    for qualifier, (colour, label) in QUALIFIER_STYLE.items():
        subset = rows[rows["qualifier"] == qualifier]
        if subset.empty:
            continue
        xs, ys, hovers = [], [], []
        for _, row in subset.iterrows():
            hover = (f"<b>{hover_text(row['text'])}</b> ({row['kind']}, {hover_text(row['place'])})<br>"
                     f"source: {hover_text(row['source_label'])}<br>outlet: {hover_text(row['outlet'])}, "
                     f"as of {row['as_of'].date()} ({row['dated_by']})<br>{hover_text(row['sentence'])}")
            xs += [row["draw_low"], row["draw_high"], None]
            ys += [plot_label(row["row"]), plot_label(row["row"]), None]
            hovers += [hover, hover, None]
        open_end = qualifier in ("at_least", "more_than")
        fig.add_trace(go.Scatter(
            x=xs, y=ys, mode="lines+markers", name=label or qualifier, legendgroup=colour,
            showlegend=bool(label), line={"color": colour, "width": 6, "dash": "dash" if open_end else "solid"},
            marker={"size": 10, "symbol": ["circle", "triangle-right" if open_end else "circle", "circle"]
                    * len(subset)},
            hovertext=hovers, hoverinfo="text"))
    fig.update_xaxes(type="log", title="value (log scale; open-ended ranges run off to the right)")
    fig.update_layout(title=title, height=max(300, 28 * rows["row"].nunique() + 120),
                      margin={"l": 10, "r": 10}, legend={"orientation": "h", "y": -0.15})
    return fig


def range_chart_static(reported: pd.DataFrame, title: str = "Reported figures by episode and source"):
    """Return a matplotlib version of :func:`range_chart` for print."""
    import matplotlib.pyplot as plt

    rows = chart_rows(reported)
    labels = list(dict.fromkeys(rows["row"]))
    fig, ax = plt.subplots(figsize=(10, 0.42 * len(labels) + 1.6))
    for _, row in rows.iterrows():
        colour = QUALIFIER_STYLE[row["qualifier"]][0]
        y = labels.index(row["row"])
        style = "--" if row["open_ended"] else "-"
        ax.plot([row["draw_low"], row["draw_high"]], [y, y], style, color=colour, linewidth=4,
                marker="o" if row["draw_low"] == row["draw_high"] else None)
        if row["open_ended"]:
            ax.annotate("", xy=(row["draw_high"], y), xytext=(row["draw_high"] / 1.6, y),
                        arrowprops={"arrowstyle": "->", "color": colour})
        ax.annotate(row["text"], (row["draw_low"], y), textcoords="offset points", xytext=(0, 6), fontsize=7)
    ax.set_yticks(range(len(labels)), labels, fontsize=8)
    ax.set_xscale("log")
    ax.set_xlabel("value (log scale); dashed: open-ended, continues beyond the axis")
    present = {QUALIFIER_STYLE[q][0] for q in rows["qualifier"]}
    handles = [plt.Line2D([], [], color=c, linewidth=4, label=lab) for c, lab in QUALIFIER_STYLE.values()
               if lab and c in present]
    ax.legend(handles=handles, fontsize=7, loc="lower right")
    ax.set_title(title)
    fig.tight_layout()
    return fig


def reference_chart(reported: pd.DataFrame, reference: pd.DataFrame, place: str = "Gaza", kind: str = "killed",
                    title: str = ""):
    """Return a plotly chart of an official series over time with the reported figures on it."""
    import plotly.graph_objects as go

    from helpers.plots import hover_text

    series = reference[(reference["place"] == place) & (reference["kind"] == kind)].sort_values("date")
    fig = go.Figure()
    for source, points in series.groupby("source", sort=True):
        fig.add_trace(go.Scatter(x=points["date"], y=points["value_low"], mode="markers", name=source,
                                 marker={"size": 4}, hovertext=[hover_text(f"{source}: {v:,.0f}")
                                                                 for v in points["value_low"]], hoverinfo="text+x"))
    ours = reported[~reported["is_part"] & (reported["place"] == place) & (reported["kind"] == kind)]
    for _, row in ours.iterrows():
        low, high = interval(row["value_low"], row["value_high"], row["qualifier"])
        high = high if not math.isinf(high) else low * 1.5
        fig.add_trace(go.Scatter(
            x=[row["as_of"], row["as_of"]], y=[low, high], mode="lines+markers", showlegend=False,
            line={"color": "black", "width": 3, "dash": "dash" if row["value_high"] is pd.NA
                  or pd.isna(row["value_high"]) else "solid"},
            hovertext=[hover_text(f"{row['outlet']}: {row['text']} — {row['sentence']}")] * 2, hoverinfo="text"))
    fig.update_layout(title=title or f"{kind} in {place}: official series and reported figures (black)",
                      yaxis_title=f"cumulative {kind}", height=420)
    return fig
