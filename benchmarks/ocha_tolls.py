"""OCHA flash updates benchmark of figures on text they were not tuned for (run by hand).

    .venv/bin/python benchmarks/ocha_tolls.py
    .venv/bin/python benchmarks/ocha_tolls.py --corpus ../shared/corpora/ocha_flash_updates \
        --reference ../shared/reference/gaza_casualties

Extracts the 151 daily UN OCHA flash updates (October 2023 to April 2024) with the
project's pipeline, picks out of each report the Gaza death toll it attributes to the
Ministry of Health (:func:`helpers.analyses.tolls.reported_tolls`: the largest killed figure
in Gaza with such a source), and compares it with the reference daily series on the
report's day or the day before (:func:`helpers.analyses.tolls.agreement_with_series`).
Prints how many reports state such a toll, the share that agree within 2%, and every
disagreement with its sentence for a reader to check.
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

import pandas as pd

from benchmarks.checkout import SHARED
from helpers.analyses.reference import load_reference_series
from helpers.analyses.tolls import agreement_with_series, reported_tolls
from helpers.pipeline.run import extract_corpus


def main() -> None:
    """Run the benchmark and print its numbers."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(SHARED / "corpora" / "ocha_flash_updates"))
    parser.add_argument("--reference", default=str(SHARED / "reference" / "gaza_casualties"))
    parser.add_argument("--tolerance", type=float, default=0.02)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    result = extract_corpus(Path(args.corpus), progress=True)
    tolls = reported_tolls(result.tables, place="Gaza")
    table = agreement_with_series(tolls, load_reference_series(args.reference), place="Gaza", tolerance=args.tolerance)
    n_reports = len(result.tables["articles"])
    agree = int(table["agrees"].sum()) if len(table) else 0
    print(f"reports: {n_reports}; stating a Gaza toll attributed to the Ministry of Health: {len(table)}")
    print(f"agree within {args.tolerance:.0%} of the series (same day or day before): {agree}/{len(table)}"
          f" = {agree / len(table):.1%}" if len(table) else "no tolls found")
    disagreements = table[~table["agrees"]] if len(table) else table
    with pd.option_context("display.max_colwidth", 160, "display.width", 250):
        for _, row in disagreements.iterrows():
            print(f"\n{row['report_date']} reported {row['reported']:,.0f} ({row['text']}); series {row['closest']}"
                  f" ({row['relative_difference']})\n    {row['sentence']}")


if __name__ == "__main__":
    main()
