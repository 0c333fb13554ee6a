"""The tables on disk: partitioned Parquet datasets, committed all or nothing.

Each table is a folder ``<out>/<table>.parquet/`` of parts ``part-NNNNN.parquet``
that pandas, DuckDB and Spark read as one dataset. Parts are written into a staging
folder inside ``<out>`` and moved into place only when every table is complete;
``_SUCCESS`` (the row count of each table) is written last, and :func:`read_tables`
refuses a folder without it.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

from helpers.schema import TABLES, to_arrow, to_frame

#: Written last into a tables folder: without it the folder's set of tables is incomplete.
COMPLETE_MARKER = "_SUCCESS"

Rows = dict[str, list[dict]]


def part_name(index: int) -> str:
    """Return the file name of part ``index`` of a table.

    >>> part_name(3)
    'part-00003.parquet'
    """
    return f"part-{index:05d}.parquet"


def write_part(staging: Path, index: int, rows: Rows | dict[str, pd.DataFrame]) -> None:
    """Write part ``index`` of each table in ``rows`` into ``staging/<table>.parquet/``.

    ``rows`` maps table names to row dicts or to DataFrames.
    """
    for name, table_rows in rows.items():
        frame = table_rows if isinstance(table_rows, pd.DataFrame) else to_frame(name, table_rows)
        folder = staging / f"{name}.parquet"
        folder.mkdir(parents=True, exist_ok=True)
        pq.write_table(to_arrow(name, frame), folder / part_name(index))


def new_staging(out_dir: Path) -> Path:
    """Create and return a staging folder inside ``out_dir`` for a set of tables."""
    out_dir.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=".tables-", dir=out_dir))


def commit_tables(staging: Path, out_dir: Path, counts: dict[str, int],
                  extras: list[str] | None = None) -> list[Path]:
    """Move every table (and each file named in ``extras``) of ``staging`` into ``out_dir``, then ``_SUCCESS``.

    ``_SUCCESS`` (the row count of each table, as JSON) is removed before the first table
    is moved and written after the last, so an interrupted move never leaves a set that
    looks complete. The staging folder is removed in every case.
    """
    try:
        (out_dir / COMPLETE_MARKER).unlink(missing_ok=True)
        written = []
        for name in counts:
            target = out_dir / f"{name}.parquet"
            if target.is_dir():
                target.replace(staging / f"old-{name}")
            elif target.exists():
                target.unlink()
            (staging / f"{name}.parquet").replace(target)
            written.append(target)
        for name in extras or []:
            (staging / name).replace(out_dir / name)
        (staging / COMPLETE_MARKER).write_text(json.dumps(counts, indent=1), encoding="utf-8")
        (staging / COMPLETE_MARKER).replace(out_dir / COMPLETE_MARKER)
        return written
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def write_tables(tables: dict[str, pd.DataFrame], out_dir: str | Path) -> list[Path]:
    """Write each table to ``out_dir/<name>.parquet/`` (a one-part dataset), all or nothing."""
    out_dir = Path(out_dir)
    staging = new_staging(out_dir)
    try:
        write_part(staging, 0, tables)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return commit_tables(staging, out_dir, {name: len(frame) for name, frame in tables.items()})


def is_complete(folder: str | Path) -> bool:
    """Return True when ``folder`` holds a complete set of tables (its ``_SUCCESS`` exists)."""
    return (Path(folder) / COMPLETE_MARKER).exists()


def read_tables(folder: str | Path) -> dict[str, pd.DataFrame]:
    """Read the Parquet tables written by :func:`write_tables`; refuse an incomplete set.

    Each table may be one Parquet file or a folder of parts (what every writer here
    produces); pandas reads both.
    """
    folder = Path(folder)
    if not is_complete(folder):
        raise FileNotFoundError(f"{folder}: no complete set of tables ({COMPLETE_MARKER} is "
                                "missing: the last write did not finish). "
                                "Run `python -m helpers extract` again")
    return {name: pd.read_parquet(folder / f"{name}.parquet") for name in TABLES}
