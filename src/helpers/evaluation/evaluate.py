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
from helpers.evaluation.scoring import read_gold

#: Each scorer with the gold files it reads.
EVALUATORS = [(actors.evaluate, ("actors.csv", "mentions.csv")), (quotes.evaluate, ("quotes.csv",)),
              (timexes.evaluate, ("timexes.csv",)), (figures.evaluate, ("figures.csv",)),
              (events.evaluate, ("events.csv",))]
GOLD_FILES = [name for _, names in EVALUATORS for name in names]
SCORE_COLUMNS = ["table", "level", "precision", "recall", "f1", "n_predicted", "n_gold", "missed", "spurious"]


class GoldError(ValueError):
    """The gold folder is missing or one of its files cannot be read."""


def check_gold_folder(gold_dir: str | Path) -> Path:
    """Return ``gold_dir`` once it is a folder whose gold files all read as CSV with an ``article_id`` column.

    Raises :class:`GoldError` naming the folder or file, the problem and what to do.
    """
    gold_dir = Path(gold_dir)
    if not gold_dir.is_dir():
        raise GoldError(f"{gold_dir}: gold folder does not exist. Give the folder that holds "
                        f"{', '.join(GOLD_FILES)} with --gold")
    present = [name for name in GOLD_FILES if (gold_dir / name).is_file()]
    if not present:
        raise GoldError(f"{gold_dir}: holds none of the gold files ({', '.join(GOLD_FILES)}). "
                        "Give the folder that holds them with --gold")
    for name in present:
        try:
            gold = read_gold(gold_dir, name)
        except (OSError, ValueError) as exc:  # pandas' ParserError and UnicodeDecodeError are ValueErrors
            raise GoldError(f"{gold_dir / name}: cannot be read as CSV ({exc}). Fix the file: UTF-8, "
                            "a header row, the same number of columns in every row") from exc
        if "article_id" not in gold.columns:
            raise GoldError(f"{gold_dir / name}: has no article_id column (its columns: "
                            f"{', '.join(gold.columns) or 'none'}). Start the file with its header row")
    return gold_dir


def evaluate_tables(tables: dict[str, pd.DataFrame], gold_dir: str | Path) -> pd.DataFrame:
    """Return one row of scores per table and level for which ``gold_dir`` has gold.

    Raises :class:`GoldError` for a missing folder or a gold file that cannot be scored.
    """
    gold_dir = check_gold_folder(gold_dir)
    rows: list[dict] = []
    for evaluate, names in EVALUATORS:
        try:
            rows.extend(evaluate(tables, gold_dir))
        except (KeyError, ValueError, TypeError, AttributeError) as exc:
            files = " or ".join(str(gold_dir / name) for name in names if (gold_dir / name).is_file())
            raise GoldError(f"{files}: cannot be scored ({type(exc).__name__}: {exc}); a column is missing "
                            "or a value is not what it should be. Compare the file with the same file in "
                            "the project's tests/gold") from exc
    return pd.DataFrame(rows, columns=SCORE_COLUMNS)


def format_scores(scores: pd.DataFrame) -> str:
    """Return the scores as a plain-text table (without the missed/spurious lists)."""
    if scores.empty:
        return "no gold annotations found"
    return scores.drop(columns=["missed", "spurious"]).to_string(index=False)
