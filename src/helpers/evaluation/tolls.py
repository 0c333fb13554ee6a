"""Score daily reports' running tolls against the tolls the reports themselves state.

The gold (``tolls.csv`` of a gold folder, e.g. ``tests/gold/ocha_tolls``) has one row per
report: its ``file`` name and, per kind (``killed``, ``injured``), the toll a reader found
stated in it, empty when the report states none. The found tolls are one row per report
that has one (``article_id``, ``value_low``, ``text``, ``sentence``), as
:func:`helpers.analyses.tolls.reported_tolls` gives them; the reports (the ``articles``
table) map each ``article_id`` to its ``source_path``.

Every gold report is in the denominator: a report is right when the toll found is within
the tolerance of the stated one, or when it states none and none is found.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

#: The kinds of toll the gold states.
TOLL_KINDS = ("killed", "injured")

#: How a report's toll compares with the stated one (the ``outcome`` column).
OUTCOMES = ("right", "right: none stated, none read", "wrong value", "missed", "read where none is stated")


def read_stated_tolls(gold_dir: str | Path) -> pd.DataFrame:
    """Return ``gold_dir/tolls.csv`` with the tolls as floats (NaN where the report states none)."""
    gold = pd.read_csv(Path(gold_dir) / "tolls.csv", dtype=str, keep_default_na=False)
    for kind in TOLL_KINDS:
        gold[kind] = pd.to_numeric(gold[kind].replace("", None), errors="raise").astype(float)
    return gold


def _outcome(stated: float, reported: float, tolerance: float) -> str:
    """Say how a reported toll compares with the stated one (NaN for none)."""
    if pd.isna(stated):
        return OUTCOMES[1] if pd.isna(reported) else OUTCOMES[4]
    if pd.isna(reported):
        return OUTCOMES[3]
    return OUTCOMES[0] if abs(reported - stated) <= tolerance * stated else OUTCOMES[2]


def agreement_with_stated(found: pd.DataFrame, reports: pd.DataFrame, gold: pd.DataFrame, kind: str,
                          tolerance: float = 0.02) -> pd.DataFrame:
    """Return one row per gold report: the stated toll of ``kind``, the one found, the ``outcome`` and ``agrees``.

    ``found`` has one row per report with a toll; ``reports`` maps ``article_id`` to
    ``source_path``, whose file name is the gold's ``file``. A gold report missing from
    ``reports`` counts as missed.
    """
    files = reports.assign(file=reports["source_path"].map(lambda path: Path(str(path)).name))
    found = found.merge(files[["article_id", "file"]], on="article_id")
    columns = {"value_low": "reported", "text": "text", "sentence": "sentence"}
    table = gold[["file", "report_date", kind, f"{kind}_sentence"]].rename(
        columns={kind: "stated", f"{kind}_sentence": "stated_sentence"})
    table = table.merge(found[["file", *columns]].rename(columns=columns), on="file", how="left")
    table["outcome"] = [_outcome(stated, reported, tolerance)
                        for stated, reported in zip(table["stated"], table["reported"], strict=True)]
    table["agrees"] = table["outcome"].str.startswith("right")
    return table.sort_values("file").reset_index(drop=True)


def summary(table: pd.DataFrame) -> str:
    """Return one line: right over every report, then the count of each outcome."""
    counts = table["outcome"].value_counts()
    right, total = int(table["agrees"].sum()), len(table)
    parts = ", ".join(f"{name} {int(counts.get(name, 0))}" for name in OUTCOMES)
    return f"{right}/{total} = {right / total:.1%} right ({parts})" if total else "no reports"
