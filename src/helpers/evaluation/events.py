"""Score events (detection, type, date) against ``events.csv`` of a gold folder."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from helpers.evaluation.scoring import gold_and_predicted, prf


def evaluate(tables: dict[str, pd.DataFrame], gold_dir: Path) -> list[dict]:
    """Score events against ``gold_dir/events.csv``.

    Scored are which sentences are events (``detection``), with the right type (``type``)
    and the right date interval (``date``).
    """
    found = gold_and_predicted(gold_dir, "events", tables)
    if found is None:
        return []
    gold, predicted = found

    def keys(frame: pd.DataFrame, columns: list[str]) -> set[tuple]:
        return {tuple(str(getattr(row, c))[:10] if c.startswith("date_") else str(getattr(row, c)) for c in columns)
                for row in frame.itertuples(index=False)}

    base = ["article_id", "sentence_id"]
    return [prf(keys(predicted, base), keys(gold, base), "events", "detection"),
            prf(keys(predicted, base + ["event_type"]), keys(gold, base + ["event_type"]), "events", "type"),
            prf(keys(predicted, base + ["date_start", "date_end"]), keys(gold, base + ["date_start", "date_end"]),
                "events", "date")]
