"""Precision, recall and F1 of extracted items against hand-written gold items."""

from __future__ import annotations

from collections.abc import Hashable, Iterable


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
