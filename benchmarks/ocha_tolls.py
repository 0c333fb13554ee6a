"""OCHA flash updates benchmark of figures on text they were not tuned for.

    .venv/bin/python -m benchmarks.ocha_tolls
    .venv/bin/python -m benchmarks.ocha_tolls --source-actor gaza_health_ministry --details

Extracts the 151 daily UN OCHA flash updates (October 2023 to April 2024) with the
project's pipeline and, for the killed and the injured toll in Gaza, picks out of
each report its running toll (:func:`helpers.analyses.tolls.reported_tolls`; every
update states the Ministry of Health's) and compares it with the reference daily
series on the report's day or the day before
(:func:`helpers.analyses.tolls.agreement_with_series`). The denominator is every
report: a report whose toll was not found counts as a miss. It also counts the
figures that sit inside a date or time expression or match a clock time, which must
be none. ``--details`` prints every miss with its sentence for a reader to check.
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

import pandas as pd

from benchmarks.checkout import SHARED
from helpers.analyses.reference import load_reference_series
from helpers.analyses.tolls import agreement_with_series, reported_tolls
from helpers.extract.numerals import CLOCK_TIME, covered_by
from helpers.pipeline.run import extract_corpus

CORPUS = SHARED / "corpora" / "ocha_flash_updates"
REFERENCE = SHARED / "reference" / "gaza_casualties"


def toll_agreement(tables: dict[str, pd.DataFrame], series: pd.DataFrame, kind: str, source_actor_id: str | None,
                   tolerance: float = 0.02) -> pd.DataFrame:
    """Return one row per report: its Gaza toll of ``kind`` beside the series, ``agrees`` false when missing."""
    tolls = reported_tolls(tables, place="Gaza", kind=kind, source_actor_id=source_actor_id)
    return agreement_with_series(tolls, series, place="Gaza", kind=kind, tolerance=tolerance,
                                 reports=tables["articles"])


def figures_in_dates(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Return the figures whose span overlaps a date or time expression, or whose text sits in a clock time."""
    figures, timexes = tables["figures"], tables["timexes"]
    merged = figures.merge(timexes[["article_id", "start_char", "end_char"]], on="article_id", suffixes=("", "_t"))
    overlapping = merged[(merged["start_char"] < merged["end_char_t"]) & (merged["start_char_t"] < merged["end_char"])]
    bodies = tables["articles"].set_index("article_id")["body"]
    in_clock = [covered_by(CLOCK_TIME, bodies[row.article_id], row.start_char, row.end_char)
                for row in figures.itertuples()]
    return pd.concat([overlapping[figures.columns], figures[in_clock]]).drop_duplicates("figure_id")


def main() -> None:
    """Run the benchmark and print its numbers."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(CORPUS))
    parser.add_argument("--reference", default=str(REFERENCE))
    parser.add_argument("--tolerance", type=float, default=0.02)
    parser.add_argument("--source-actor", default=None,
                        help="registry id of the source to keep (default: any source, or none)")
    parser.add_argument("--details", action="store_true", help="print every miss with its sentence")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    tables = extract_corpus(Path(args.corpus), progress=True).tables
    series = load_reference_series(args.reference)
    n_reports = len(tables["articles"])
    print(f"reports: {n_reports}; source: {args.source_actor or 'any'}")
    for kind in ("killed", "injured"):
        table = toll_agreement(tables, series, kind, args.source_actor, args.tolerance)
        agree = int(table["agrees"].sum())
        print(f"{kind:8} toll found in {int(table['reported'].notna().sum())}/{n_reports}; within "
              f"{args.tolerance:.0%} of the series (same day or day before): {agree}/{n_reports} = "
              f"{agree / n_reports:.1%}")
        if args.details:
            for _, row in table[~table["agrees"]].iterrows():
                print(f"  {row['report_date']} {kind} reported {row['reported']} ({row['text']}); "
                      f"series {row['closest']}\n      {row['sentence']}")
    inside = figures_in_dates(tables)
    print(f"figures inside a date or time expression or a clock time: {len(inside)} "
          f"(of {len(tables['figures'])} figures; kinds: {tables['figures']['kind'].value_counts().to_dict()})")


if __name__ == "__main__":
    main()
