"""Compare extracted tables with a folder of hand-written gold annotations.

Each extractor module that has gold may define
``evaluate(tables: dict[str, DataFrame], gold_dir: Path) -> list[dict]`` returning
rows made by :func:`helpers.scoring.prf`; this module collects them.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pandas as pd

EVALUATED_MODULES = ["actors", "quotes", "timexes", "figures", "events"]


def evaluate_tables(tables: dict[str, pd.DataFrame], gold_dir: str | Path) -> pd.DataFrame:
    """Return one row of scores per table and level for which ``gold_dir`` has gold."""
    gold_dir = Path(gold_dir)
    if not gold_dir.is_dir():
        raise FileNotFoundError(f"{gold_dir}: gold folder does not exist")
    rows: list[dict] = []
    for name in EVALUATED_MODULES:
        module = importlib.import_module(f"helpers.{name}")
        if hasattr(module, "evaluate"):
            rows.extend(module.evaluate(tables, gold_dir))
    return pd.DataFrame(rows, columns=["table", "level", "precision", "recall", "f1",
                                       "n_predicted", "n_gold", "missed", "spurious"])


def format_scores(scores: pd.DataFrame) -> str:
    """Return the scores as a plain-text table (without the missed/spurious lists)."""
    if scores.empty:
        return "no gold annotations found"
    return scores.drop(columns=["missed", "spurious"]).to_string(index=False)
