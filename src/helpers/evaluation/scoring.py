"""Precision, recall and F1 of extracted items against hand-written gold items."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from pathlib import Path

import pandas as pd


def prf(predicted: Iterable[Hashable], gold: Iterable[Hashable], table: str, level: str = "") -> dict:
    """Score a set of predicted items against a set of gold items.

    >>> prf({"a", "b"}, {"b", "c"}, "mentions")["f1"]
    0.5
    """
    predicted, gold = set(predicted), set(gold)
    hits = len(predicted & gold)
    precision = hits / len(predicted) if predicted else (1.0 if not gold else 0.0)
    recall = hits / len(gold) if gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"table": table, "level": level, "precision": round(precision, 4), "recall": round(recall, 4),
            "f1": round(f1, 4), "n_predicted": len(predicted), "n_gold": len(gold),
            "missed": sorted(map(str, gold - predicted)), "spurious": sorted(map(str, predicted - gold))}


def read_gold(gold_dir: str | Path, name: str) -> pd.DataFrame | None:
    """Return ``gold_dir/name`` as a DataFrame of strings ('' for empty cells), or None if absent.

    Lines starting with ``#`` are comments.
    """
    path = Path(gold_dir) / name
    return pd.read_csv(path, dtype=str, keep_default_na=False, comment="#") if path.exists() else None


def gold_and_predicted(gold_dir: str | Path, table: str, tables: dict[str, pd.DataFrame],
                       ) -> tuple[pd.DataFrame, pd.DataFrame] | None:
    """Return the gold rows of ``table`` and the predicted rows of the same articles, or None."""
    gold = read_gold(gold_dir, f"{table}.csv")
    if gold is None:
        return None
    predicted = tables[table]
    return gold, predicted[predicted["article_id"].isin(set(gold["article_id"]))]
