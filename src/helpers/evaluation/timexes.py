"""Score date expressions and their resolution against ``timexes.csv`` of a gold folder."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from helpers.evaluation.scoring import gold_and_predicted, prf


def _key(article_id: str, text: str, occurrence: int) -> tuple[str, str, int]:
    return article_id, text.strip(), occurrence


def _keyed(frame: pd.DataFrame, columns: list[str]) -> dict[tuple, tuple]:
    """Key rows by (article, text, n-th occurrence of that text) in reading order."""
    keyed: dict[tuple, tuple] = {}
    counts: dict[tuple[str, str], int] = {}
    order = ["article_id", "start_char"] if "start_char" in frame.columns else ["article_id"]
    for row in frame.sort_values(order, kind="stable").itertuples(index=False):
        text = str(row.text).strip()
        n = counts.get((row.article_id, text), 0)
        counts[(row.article_id, text)] = n + 1
        keyed[_key(row.article_id, text, n)] = tuple(_as_str(getattr(row, c)) for c in columns)
    return keyed


def _as_str(value) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value)[:10] if isinstance(value, (dt.date, pd.Timestamp)) else str(value)


def evaluate(tables: dict[str, pd.DataFrame], gold_dir: Path) -> list[dict]:
    """Score the timexes table against ``gold_dir/timexes.csv``.

    Levels: ``detection`` (the expression's text found in the article, n-th occurrence),
    ``resolution`` (text plus value, start and end all right) and ``resolution_dated``
    (the same for gold expressions that have an interval). Durations and sets are not
    scored: the gold lists dates and times only.
    """
    found = gold_and_predicted(gold_dir, "timexes", tables)
    if found is None:
        return []
    gold, predicted = found
    if "type" in predicted.columns:
        predicted = predicted[~predicted["type"].isin(["DURATION", "SET"])]
    columns = ["value", "start", "end"]
    gold_keyed, pred_keyed = _keyed(gold, columns), _keyed(predicted, columns)
    dated = {k for k, v in gold_keyed.items() if v[1]}
    return [
        prf(pred_keyed, gold_keyed, "timexes", "detection"),
        prf({(k, v) for k, v in pred_keyed.items()}, {(k, v) for k, v in gold_keyed.items()}, "timexes", "resolution"),
        prf({(k, v) for k, v in pred_keyed.items() if k in dated},
            {(k, v) for k, v in gold_keyed.items() if k in dated}, "timexes", "resolution_dated"),
    ]
