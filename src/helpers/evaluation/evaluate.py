"""Compare extracted tables with a folder of hand-written gold annotations.

Each module of this package scores one table with
``evaluate(tables: dict[str, DataFrame], gold_dir: Path) -> list[dict]`` (rows made by
:func:`helpers.evaluation.scoring.prf`); a gold folder may hold any of their files.
Scoring lives outside the extraction code, so editing a scorer never invalidates the
extraction cache.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from helpers.evaluation import actors, events, figures, quotes, timexes

EVALUATORS = [actors.evaluate, quotes.evaluate, timexes.evaluate, figures.evaluate, events.evaluate]
SCORE_COLUMNS = ["table", "level", "precision", "recall", "f1", "n_predicted", "n_gold", "missed", "spurious"]


class GoldError(ValueError):
    """The gold folder is missing or one of its files cannot be read."""


def evaluate_tables(tables: dict[str, pd.DataFrame], gold_dir: str | Path) -> pd.DataFrame:
    """Return one row of scores per table and level for which ``gold_dir`` has gold."""
    gold_dir = Path(gold_dir)
    if not gold_dir.is_dir():
        raise GoldError(f"{gold_dir}: gold folder does not exist. Give the folder that holds "
                        "actors.csv, mentions.csv, quotes.csv, timexes.csv, figures.csv or events.csv")
    rows: list[dict] = []
    for evaluate in EVALUATORS:
        rows.extend(evaluate(tables, gold_dir))
    return pd.DataFrame(rows, columns=SCORE_COLUMNS)


def format_scores(scores: pd.DataFrame) -> str:
    """Return the scores as a plain-text table (without the missed/spurious lists)."""
    if scores.empty:
        return "no gold annotations found"
    return scores.drop(columns=["missed", "spurious"]).to_string(index=False)
