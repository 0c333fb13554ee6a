"""OCHA flash updates benchmark of figures on text they were not tuned for.

    .venv/bin/python -m benchmarks.ocha_tolls
    .venv/bin/python -m benchmarks.ocha_tolls --source-actor gaza_health_ministry --details

Extracts the 151 daily UN OCHA flash updates (October 2023 to April 2024) with the
project's pipeline and, for the killed and the injured toll in Gaza, picks out of
each report its running toll (:func:`helpers.analyses.tolls.reported_tolls`).

The primary score is against the tolls the updates themselves state, read by a person
(``tests/gold/ocha_tolls/tolls.csv``, scored by :func:`helpers.evaluation.tolls.agreement_with_stated`):
a report is right when its toll is read and within 2% of the stated one, or when it
states none and none is read. The denominator is every report; a toll not found counts
as a miss.

Beside it, a secondary line compares the same tolls with the reference daily series on
the report's day or the day before (:func:`helpers.analyses.tolls.agreement_with_series`),
with its ceiling (:func:`stated_in_text`): how many reports state, anywhere in their
file, no number within the tolerance of the series on any day the comparison allows
(the report's day, the as-of dates its figures of the kind carry, and the day before
each); the series and the text disagree there. It also counts the figures that sit
inside a date or time expression or match a clock time, which must be none.
``--details`` prints every miss against the stated tolls with its sentences for a
reader to check.
"""

from __future__ import annotations

import argparse
import logging
import re
from pathlib import Path

import pandas as pd

from benchmarks.checkout import PROJECT_ROOT, SHARED
from helpers.analyses.reference import load_reference_series
from helpers.analyses.tolls import agreement_with_series, reported_tolls
from helpers.evaluation.tolls import agreement_with_stated, read_stated_tolls, summary
from helpers.extract.numerals import CLOCK_TIME, DIGIT_NUMBER, covered_by, parse_number
from helpers.pipeline.run import extract_corpus

CORPUS = SHARED / "corpora" / "ocha_flash_updates"
REFERENCE = SHARED / "reference" / "gaza_casualties"
GOLD = PROJECT_ROOT / "tests" / "gold" / "ocha_tolls"


def stated_agreement(tables: dict[str, pd.DataFrame], gold: pd.DataFrame, kind: str, source_actor_id: str | None,
                     tolerance: float = 0.02) -> pd.DataFrame:
    """Return one row per report of the gold: its Gaza toll of ``kind`` beside the toll the report states."""
    tolls = reported_tolls(tables, place="Gaza", kind=kind, source_actor_id=source_actor_id)
    return agreement_with_stated(tolls, tables["articles"], gold, kind, tolerance)


def toll_agreement(tables: dict[str, pd.DataFrame], series: pd.DataFrame, kind: str, source_actor_id: str | None,
                   tolerance: float = 0.02) -> pd.DataFrame:
    """Return one row per report: its Gaza toll of ``kind`` beside the series, ``agrees`` false when missing."""
    tolls = reported_tolls(tables, place="Gaza", kind=kind, source_actor_id=source_actor_id)
    return agreement_with_series(tolls, series, place="Gaza", kind=kind, tolerance=tolerance,
                                 reports=tables["articles"])


def stated_in_text(tables: dict[str, pd.DataFrame], series: pd.DataFrame, kind: str, corpus: Path,
                   tolerance: float = 0.02, lag_days: int = 1) -> pd.Series:
    """Say, per report (``article_id``), whether its file states a number near the Gaza series of ``kind``.

    See :func:`where_stated`; a report for which this is false cannot agree whatever the extraction does.
    """
    return where_stated(tables, series, kind, corpus, tolerance, lag_days).notna()


#: Words that make a sentence speak of a toll of the kind (for the strict ceiling).
KIND_WORDS = {"killed": re.compile(r"kill|dead|death|died|fatalit", re.IGNORECASE),
              "injured": re.compile(r"injur|wound", re.IGNORECASE)}


def where_stated(tables: dict[str, pd.DataFrame], series: pd.DataFrame, kind: str, corpus: Path,
                 tolerance: float = 0.02, lag_days: int = 1, strict: bool = False) -> pd.Series:
    """Return, per report (``article_id``), the words around the first number near the Gaza series of ``kind``, or None.

    The days are those the comparison allows: the report's date and every as-of date its
    figures of ``kind`` carry, each with up to ``lag_days`` before it. The number is any
    written in digits anywhere in the source file (tables and headings too); it may be a
    count of something else that happens to be near the series ("560 housing units").
    With ``strict``, the number's sentence must also have a word of the kind (:data:`KIND_WORDS`),
    which leaves out such coincidences.
    """
    values = series[(series["place"] == "Gaza") & (series["kind"] == kind)].set_index("date")["value_low"]
    figures = tables["figures"][tables["figures"]["kind"] == kind]
    as_of = figures.groupby("article_id")["date_end"].agg(lambda dates: set(dates.dropna()))
    found = {}
    for report in tables["articles"].itertuples():
        dates = {report.published, *as_of.get(report.article_id, ())}
        days = {pd.Timestamp(day) - pd.Timedelta(days=lag) for day in dates for lag in range(lag_days + 1)}
        targets = [values[day] for day in days if day in values.index]
        text = (corpus / report.source_path).read_text(encoding="utf-8", errors="replace")
        near = (match for match in re.finditer(DIGIT_NUMBER, text)
                if any(abs(parse_number(match.group()) - target) <= tolerance * target for target in targets)
                and (not strict or KIND_WORDS[kind].search(_sentence_of(text, match.start()))))
        match = next(near, None)
        found[report.article_id] = _around(text, match.start(), match.end()) if match else None
    return pd.Series(found, dtype=object)


def _sentence_of(text: str, position: int) -> str:
    """Return the sentence of ``text`` (between full stops or line breaks) holding ``position``."""
    start = max(text.rfind(". ", 0, position), text.rfind("\n", 0, position)) + 1
    ends = [end for end in (text.find(". ", position), text.find("\n", position)) if end >= 0]
    return text[start:min(ends) if ends else len(text)]


def _around(text: str, start: int, end: int, before: int = 50, after: int = 30) -> str:
    """Return the words of ``text`` around a span, on one line."""
    return " ".join(text[max(0, start - before): end + after].split())


def figures_in_dates(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Return the figures whose span overlaps a date or time expression, or whose text sits in a clock time."""
    figures, timexes = tables["figures"], tables["timexes"]
    merged = figures.merge(timexes[["article_id", "start_char", "end_char"]], on="article_id", suffixes=("", "_t"))
    overlapping = merged[(merged["start_char"] < merged["end_char_t"]) & (merged["start_char_t"] < merged["end_char"])]
    bodies = tables["articles"].set_index("article_id")["body"]
    in_clock = [covered_by(CLOCK_TIME, bodies[row.article_id], row.start_char, row.end_char)
                for row in figures.itertuples()]
    return pd.concat([overlapping[figures.columns], figures[in_clock]]).drop_duplicates("figure_id")


def print_stated(table: pd.DataFrame, kind: str, details: bool) -> None:
    """Print the score against the stated tolls, and with ``details`` every miss with its sentences."""
    print(f"{kind:8} against the tolls the updates state (read and within the tolerance): {summary(table)}")
    if not details:
        return
    for row in table[~table["agrees"]].itertuples():
        print(f"  {row.report_date} {kind} {row.outcome}: stated {_shown(row.stated)}, read {_shown(row.reported)} "
              f"({_shown(row.text)})\n      read in: {_shown(row.sentence)}\n"
              f"      stated in: {_shown(row.stated_sentence)}")


def _shown(value: object) -> str:
    """Return a value for printing, '-' for none."""
    return "-" if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)) or value == "" \
        else f"{value}"


def print_series(tables: dict[str, pd.DataFrame], series: pd.DataFrame, kind: str, args: argparse.Namespace) -> None:
    """Print the secondary comparison with the reference series, with its ceilings."""
    n_reports = len(tables["articles"])
    table = toll_agreement(tables, series, kind, args.source_actor, args.tolerance)
    agree = int(table["agrees"].sum())
    stated = where_stated(tables, series, kind, Path(args.corpus), args.tolerance)
    strict = where_stated(tables, series, kind, Path(args.corpus), args.tolerance, strict=True)
    print(f"{'':8} against the reference series (secondary): toll found in {int(table['reported'].notna().sum())}/"
          f"{n_reports}; within {args.tolerance:.0%} of the series (same day or day before): {agree}/{n_reports} = "
          f"{agree / n_reports:.1%}; ceiling {int(stated.notna().sum())}/{n_reports} (in "
          f"{int(stated.isna().sum())} reports no number is within {args.tolerance:.0%} of the series); "
          f"{int(strict.notna().sum())}/{n_reports} counting only numbers in a sentence that speaks of "
          f"the kind ({KIND_WORDS[kind].pattern})")


def main() -> None:
    """Run the benchmark and print its numbers."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(CORPUS))
    parser.add_argument("--reference", default=str(REFERENCE))
    parser.add_argument("--gold", default=str(GOLD), help="folder of tolls.csv, the tolls the updates state")
    parser.add_argument("--tolerance", type=float, default=0.02)
    parser.add_argument("--source-actor", default=None,
                        help="registry id of the source to keep (default: any source, or none)")
    parser.add_argument("--details", action="store_true", help="print every miss with its sentences")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    tables = extract_corpus(Path(args.corpus), progress=True).tables
    series = load_reference_series(args.reference)
    gold = read_stated_tolls(args.gold)
    print(f"reports: {len(tables['articles'])}; stated tolls: {len(gold)} reports; "
          f"source: {args.source_actor or 'any'}")
    for kind in ("killed", "injured"):
        print_stated(stated_agreement(tables, gold, kind, args.source_actor, args.tolerance), kind, args.details)
        print_series(tables, series, kind, args)
    inside = figures_in_dates(tables)
    print(f"figures inside a date or time expression or a clock time: {len(inside)} "
          f"(of {len(tables['figures'])} figures; kinds: {tables['figures']['kind'].value_counts().to_dict()})")


if __name__ == "__main__":
    main()
