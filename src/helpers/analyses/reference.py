"""Official figures to compare reported ones with: a small table and daily series.

Both are data a user can replace:

- the table of official figures (``data/reference_figures.csv``: episode, place,
  kind, as-of date, value, source and citation per row);
- daily series, read as their description in ``data/reference_series.yaml`` says:
  which files (JSON lists of records, or CSV), which columns hold which counts (per
  series, or per file when one file holds several places), what the source codes mean,
  where the data comes from.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from helpers.files import load_yaml
from helpers.paths import DATA_DIR

REFERENCE_TABLE = DATA_DIR / "reference_figures.csv"
SERIES_DESCRIPTIONS = DATA_DIR / "reference_series.yaml"
SERIES_COLUMNS = ["date", "place", "kind", "value_low", "value_high", "qualifier", "source", "estimated",
                  "episode", "citation"]


def load_reference_table(path: str | Path | None = None) -> pd.DataFrame:
    """Return the hand-written table of official figures (default: the shipped one)."""
    frame = pd.read_csv(path or REFERENCE_TABLE, dtype={"value_low": float, "value_high": float})
    frame["date"] = pd.to_datetime(frame["as_of"])
    frame["estimated"] = False
    return frame.drop(columns=["as_of"])


def series_descriptions(path: str | Path | None = None) -> list[dict]:
    """Return the descriptions of the known reference series (default: the shipped file)."""
    data = load_yaml(Path(path or SERIES_DESCRIPTIONS).read_text(encoding="utf-8")) or {}
    return list(data.get("series") or [])


def _value(record: dict, columns: list[str]) -> tuple[float | None, bool]:
    """Return the first present value of ``columns`` and whether it came from a later (estimate) column."""
    for position, column in enumerate(columns):
        if record.get(column) is not None:
            return float(record[column]), position > 0
    return None, False


def _series_rows(records: list[dict], description: dict, part: dict) -> list[dict]:
    """Turn one file's daily records into long rows (see :data:`SERIES_COLUMNS`)."""
    codes = description.get("source_codes") or {}
    estimated_codes = set(description.get("estimated_codes") or [])
    source_column = part.get("source_column")
    rows = []
    for record in records:
        code = record.get(source_column) if source_column else None
        source = codes.get(code, code) if code else part.get("default_source")
        for kind, columns in (part.get("values") or description["values"]).items():
            value, estimated = _value(record, columns)
            if value is None:
                continue
            rows.append({"date": pd.Timestamp(record[description["date_column"]]), "place": part["place"],
                         "kind": kind, "value_low": value, "value_high": value, "qualifier": "exact",
                         "source": source or part.get("default_source"),
                         "estimated": estimated or code in estimated_codes,
                         "episode": description.get("episode"), "citation": description.get("citation")})
    return rows


def _records(file: Path) -> list[dict]:
    """Return a series file's daily records: a JSON list, or the rows of a CSV file (empty cells None)."""
    if file.suffix.lower() == ".csv":
        frame = pd.read_csv(file, encoding="utf-8-sig")
        return [{k: (None if pd.isna(v) else v) for k, v in row.items()} for row in frame.to_dict("records")]
    return json.loads(file.read_text(encoding="utf-8"))


def load_reference_series(path: str | Path, descriptions: str | Path | None = None) -> pd.DataFrame:
    """Read a daily reference series (a folder, or one of its files) into long rows.

    Every described series with a file in the folder is read; ``estimated`` marks values
    the series' authors carried over or extrapolated.
    """
    path = Path(path)
    folder = path if path.is_dir() else path.parent
    rows: list[dict] = []
    for description in series_descriptions(descriptions):
        for part in description.get("files") or []:
            file = folder / part["file"]
            if file.exists():
                rows.extend(_series_rows(_records(file), description, part))
    if not rows:
        known = ", ".join(p["file"] for d in series_descriptions(descriptions) for p in d.get("files") or [])
        raise FileNotFoundError(f"{path}: no file of a described reference series found (known files: {known}). "
                                f"Describe your series in a copy of {SERIES_DESCRIPTIONS.name}")
    return pd.DataFrame(rows, columns=SERIES_COLUMNS).sort_values(["place", "kind", "date"]).reset_index(drop=True)
