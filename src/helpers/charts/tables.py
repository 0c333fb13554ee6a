"""Tables in notebooks and reports: searchable, paged, and every row kept in a CSV file.

:func:`helpers.charts.base.show_table` is what notebooks call; this module does the
work. A table is drawn by itables (DataTables) in offline mode:

- in JupyterLab (and any kernel not run by ``helpers render``), the first table of a
  session also displays itables' own loader, so the tables work without the network;
- in a report rendered by ``helpers render``, the renderer sets :data:`REPORT_ENV`:
  the loader is served once per report folder (:func:`itables_script`, written as
  ``itables.js`` beside ``index.html``, or embedded in the page of a single-file
  report), and every table's rows are written as ``tables/<report>/<name>.csv``
  beside the page and linked from the table's caption.

Cells are formatted for reading (no ``<NA>``, ``None``, ``NaT`` or ``70000000.0``);
the CSV keeps every row. A page holds at most :data:`PAGE_BUDGET_CHARS` characters
of one table's data; a larger table shows its first rows and says so, and the CSV
holds them all, so every number stays traceable.
"""

from __future__ import annotations

import hashlib
import html
import json
import math
import os
import re
from dataclasses import asdict, dataclass
from pathlib import Path

import itables
import pandas as pd
from itables.javascript import generate_init_offline_itables_html

from helpers import settings

#: Environment variable through which ``helpers render`` tells a kernel where tables go.
REPORT_ENV = settings.REPORT_ENV
#: At most this many characters of one table's cells go into a page (the CSV has every row).
PAGE_BUDGET_CHARS = 250_000
#: Columns whose longest text is over this many characters are shown wide and wrapped.
LONG_TEXT_CHARS = 60
#: Decimal places kept for display (the CSV keeps full precision).
DECIMALS = 3
TABLE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,80}$")
TABLE_STYLE = (
    "<style>.nh-table .nh-long{min-width:22em;max-width:48em;white-space:normal}"
    ".nh-table td{vertical-align:top}.nh-table caption{text-align:left;font-size:90%}</style>"
)


@dataclass(frozen=True)
class ReportContext:
    """Where a report's tables go: a folder for the CSV files and the link to it from the page."""

    tables_dir: str
    tables_href: str

    def to_env(self) -> str:
        """Return the value of :data:`REPORT_ENV` for this context."""
        return json.dumps(asdict(self))

    @classmethod
    def from_env(cls) -> ReportContext | None:
        """Return the context ``helpers render`` set for this kernel, or None (JupyterLab, nbval)."""
        value = os.environ.get(REPORT_ENV, "").strip()
        if not value:
            return None
        data = json.loads(value)
        return cls(str(data["tables_dir"]), str(data["tables_href"]).rstrip("/"))


def check_name(name: str) -> str:
    """Return ``name`` if it can name a CSV file (letters, digits, ``_.-``), else raise ValueError.

    >>> check_name("evidence_pairs")
    'evidence_pairs'
    """
    if not isinstance(name, str) or not TABLE_NAME.match(name) or ".." in name:
        raise ValueError(f"table name {name!r}: use letters, digits, '_', '.' or '-' (it names the CSV file)")
    return name


def _whole_numbers(column: pd.Series) -> bool:
    """Return True for a float column whose values are all whole numbers (or missing)."""
    values = column.dropna()
    return pd.api.types.is_float_dtype(column) and bool(values.map(float.is_integer).all())


def with_whole_numbers(frame: pd.DataFrame) -> pd.DataFrame:
    """Return ``frame`` with whole-number float columns as integers; a named index becomes columns.

    >>> with_whole_numbers(pd.DataFrame({"n": [7e7, None]}))["n"].tolist()
    [70000000, <NA>]
    >>> list(with_whole_numbers(pd.DataFrame({"n": [1, 2]}).iloc[[1]]).columns)  # a bare index is dropped
    ['n']
    """
    frame = frame.reset_index(drop=not any(frame.index.names))  # a named index says something; a bare one not
    frame.columns = [str(c) for c in frame.columns]
    for name in frame.columns:
        if _whole_numbers(frame[name]):
            frame[name] = frame[name].astype("Int64")
    return frame


def display_cell(value: object) -> object:
    """Return one cell as a reader sees it: blanks for missing values, short floats, plain dates.

    >>> [display_cell(v) for v in (None, float("nan"), pd.NA, 0.4123456, 3.0, True)]
    ['', '', '', 0.412, 3, 'yes']
    >>> display_cell(pd.Timestamp("2023-10-07")), display_cell(["a", "b"])
    ('2023-10-07', 'a, b')
    """
    if isinstance(value, list | tuple | set):
        return ", ".join(str(display_cell(v)) for v in value)
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return ""
        return int(value) if value.is_integer() else round(value, DECIMALS)
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d" if value == value.normalize() else "%Y-%m-%d %H:%M")
    if hasattr(value, "item") and not isinstance(value, str):  # numpy scalars
        return display_cell(value.item())
    return value


def display_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Return ``frame`` with every cell passed through :func:`display_cell` (object columns).

    >>> display_frame(pd.DataFrame({"v": [45.0, 1.25, None]}))["v"].tolist()
    [45, 1.25, '']
    """
    frame = with_whole_numbers(frame)
    # object columns: pandas would turn a column of ints and floats back into floats (1.5e+01)
    return pd.DataFrame({name: pd.Series([display_cell(v) for v in frame[name].tolist()], dtype=object)
                         for name in frame.columns}, columns=frame.columns)


def rows_within_budget(frame: pd.DataFrame, budget: int = PAGE_BUDGET_CHARS) -> int:
    """Return how many leading rows of ``frame`` fit in ``budget`` characters of cell text."""
    if frame.empty:
        return 0
    sizes = frame.astype(str).apply(lambda column: column.str.len()).sum(axis=1) + 4 * len(frame.columns)
    return int((sizes.cumsum() <= budget).sum())


def long_text_columns(frame: pd.DataFrame) -> list[int]:
    """Return the positions of the columns holding long text (shown wide and wrapped)."""
    return [i for i, name in enumerate(frame.columns)
            if frame[name].map(lambda v: len(v) if isinstance(v, str) else 0).max() > LONG_TEXT_CHARS]


def table_id(name: str, frame: pd.DataFrame) -> str:
    """Return an element id for a table: its name and a hash of its content (stable between runs)."""
    digest = hashlib.sha256(frame.to_csv(index=False).encode()).hexdigest()[:10]
    return f"nh-{re.sub(r'[^A-Za-z0-9_-]', '-', name)}-{digest}"


def caption_html(name: str, total: int, shown: int, csv_href: str | None, caption: str | None) -> str:
    """Return the caption of a table: what it is, how many rows, and where every row is."""
    parts = [html.escape(caption)] if caption else []
    rows = f"{total:,} row{'s' if total != 1 else ''}" if total else "no rows"
    if shown < total:
        rows = (f"This page holds the first {shown:,} of {total:,} rows"
                + ("; all of them are in the CSV file" if csv_href else ""))
    parts.append(rows)
    if csv_href:
        parts.append(f'<a href="{html.escape(csv_href)}" download>{html.escape(name)}.csv</a>')
    return " · ".join(parts)


def datatable_html(frame: pd.DataFrame, element_id: str, caption: str) -> str:
    """Return itables' offline HTML for an already formatted ``frame`` (no downsampling)."""
    wide = long_text_columns(frame)
    options = {
        "table_id": element_id, "connected": False, "maxBytes": 0, "maxRows": 0, "maxColumns": 0,
        "showIndex": False, "classes": "display compact", "pageLength": 10,
        "lengthMenu": [10, 25, 100, 500], "autoWidth": False, "scrollX": len(frame.columns) > 8,
        "columnDefs": [{"targets": wide, "className": "nh-long"}] if wide else [],
        "style": "width:100%;margin:0",
    }
    table = itables.to_html_datatable(frame, **options)
    # the caption holds a link: set it as trusted markup after itables escaped the table's text
    return f'{TABLE_STYLE}<div class="nh-table"><p class="nh-caption">{caption}</p>{table}</div>'


def write_csv(frame: pd.DataFrame, folder: Path, name: str) -> Path:
    """Write every row of ``frame`` as ``<folder>/<name>.csv`` (UTF-8, header, no index)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.csv"
    with_whole_numbers(frame).to_csv(path, index=False)
    return path


def table_bundle(frame: pd.DataFrame | pd.Series, name: str, caption: str | None = None,
                 context: ReportContext | None = None) -> dict[str, str]:
    """Return the display bundle of a table (HTML and plain text); write its CSV in a report."""
    check_name(name)
    if isinstance(frame, pd.Series):
        frame = frame.to_frame()
    csv_href = None
    if context is not None:
        write_csv(frame, Path(context.tables_dir), name)
        csv_href = f"{context.tables_href}/{name}.csv"
    shown = display_frame(frame)
    keep = rows_within_budget(shown)
    text = caption_html(name, len(shown), keep, csv_href, caption)
    if shown.empty:  # no empty grid: the caption says there are no rows (the notebook says why)
        body = f'<div class="nh-empty"><p class="nh-caption">{text}</p></div>'
    else:
        body = datatable_html(shown.head(keep), table_id(name, shown), text)
    plain = f"<table {name}: {len(shown):,} rows, {len(shown.columns)} column{'s' if len(shown.columns) != 1 else ''}>"
    return {"text/html": body, "text/plain": plain}


def itables_loader_html() -> str:
    """Return itables' offline loader (its JavaScript and CSS inline), as shown once in JupyterLab."""
    return generate_init_offline_itables_html(itables.options.dt_bundle)


def itables_script() -> str:
    """Return itables' offline loader as a plain script, served once per report folder."""
    loader = itables_loader_html()
    match = re.search(r"<script>(.*?)</script>", loader, re.S)
    if match is None:  # a new itables with another loader layout: fail loudly, not silently
        raise RuntimeError("itables' offline loader has no <script> block; check the itables version")
    return match.group(1).strip() + "\n"
