"""Shared chart helpers: how every notebook shows a chart or a table, and escapes text.

:func:`show` displays a plotly figure as two outputs in one: the plotly JSON (which
JupyterLab draws with plotly's own renderer) and an HTML ``<div>`` with a
deterministic id that draws the same figure in the HTML reports, where plotly.js is
served once per report folder (or embedded once in a single-file report).
:func:`show_table` displays a data frame as a searchable, paged table and, in a
report, writes all its rows beside the page as CSV (see :mod:`helpers.charts.tables`).
Nothing is loaded from the network.

Article text put into hover labels must go through :func:`hover_text`, which
escapes it, so a ``<script>`` or ``<img onerror=...>`` in an article is shown as
text and never run.
"""

from __future__ import annotations

import hashlib
import html
import io
import json
import math
import textwrap

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from IPython.display import Image, display
from PIL import Image as PillowImage

from helpers.charts.prose import say_plain
from helpers.charts.tables import ReportContext, itables_loader_html, table_bundle

#: Colours by actor type and event type, shared by every chart for consistency.
TYPE_COLOURS = {
    "person": "#1f77b4", "organization": "#ff7f0e", "armed_group": "#d62728", "state": "#2ca02c",
    "government_body": "#9467bd", "media": "#8c564b", "place": "#7f7f7f", "group": "#e377c2",
}
PLOTLY_CONFIG = {"displaylogo": False, "responsive": True}
TEMPLATE = "plotly_white"


def hover_text(text: str | None, width: int = 80, max_chars: int = 600) -> str:
    """Return ``text`` escaped for plotly hover labels, wrapped with ``<br>``.

    >>> hover_text('<script>alert(1)</script> said "Zarif"', width=26)
    '&lt;script&gt;alert(1)&lt;/script&gt;<br>said "Zarif"'
    """
    if text is None:
        return ""
    text = str(text)
    if len(text) > max_chars:
        text = text[: max_chars - 1] + "…"
    return "<br>".join(html.escape(line, quote=False) for line in textwrap.wrap(text, width) or [""])


def plot_label(text: object) -> str:
    """Return ``text`` escaped for a plotly axis, legend or marker label.

    Plotly reads a few HTML tags in labels; escaping makes markup from an article,
    a catalogue or a registry show as text.

    >>> plot_label("<b>Hamas</b>")
    '&lt;b&gt;Hamas&lt;/b&gt;'
    """
    return html.escape(str(text), quote=False)


#: A date axis spanning fewer days than this shows a week around its days, one tick a day.
SHORT_SPAN_DAYS = 7
ONE_DAY_MS = 86_400_000


def day_axis(fig: go.Figure, days: object) -> None:
    """Keep a date x axis in whole days when ``days`` (dates or timestamps) span less than a week.

    Plotly zooms a date axis to fit its points, so points on one day got ticks in hours and
    seconds. A short span is shown as a week around its middle, one tick a day; a longer one
    keeps plotly's own ticks.
    """
    stamps = pd.to_datetime(pd.Series(list(days), dtype=object), errors="coerce").dropna()
    if stamps.empty or stamps.max() - stamps.min() >= pd.Timedelta(days=SHORT_SPAN_DAYS):
        return
    middle = (stamps.min() + (stamps.max() - stamps.min()) / 2).normalize()
    half = pd.Timedelta(days=SHORT_SPAN_DAYS / 2)
    fig.update_xaxes(type="date", range=[middle - half, middle + half], dtick=ONE_DAY_MS, tickformat="%d %b %Y")


#: Mantissas of the ticks of a log axis spanning few decades (1, 2, 5, 10, 20, 50, ...).
LOG_MANTISSAS = (1, 2, 5)
#: A log axis spanning more decades than this gets one tick a decade.
MAX_DECADES_WITH_MANTISSAS = 3


def log_ticks(low: float, high: float) -> list[float]:
    """Return the tick values of a log axis from ``low`` to ``high``: 1-2-5 steps, or decades on a long span.

    Plotly labels the 2s and 5s between decades with their first digit only, so "5" could be
    read for 500; these ticks are written in full (:func:`log_tick_text`). When fewer than two
    fall inside, the nearest one below and above are added.

    >>> log_ticks(6, 500), log_ticks(3, 2_000_000), log_ticks(40, 40)
    ([10, 20, 50, 100, 200, 500], [10, 100, 1000, 10000, 100000, 1000000], [20, 50])
    """
    low, high = max(float(low), 1.0), max(float(high), 1.0)
    first, last = math.floor(math.log10(low)), math.ceil(math.log10(high))
    mantissas = LOG_MANTISSAS if last - first <= MAX_DECADES_WITH_MANTISSAS else (1,)
    ticks = [m * 10 ** e for e in range(first, last + 1) for m in mantissas]
    inside = [t for t in ticks if low <= t <= high]
    below = [t for t in ticks if t < low][-1:]
    above = [t for t in ticks if t > high][:1]
    return below + inside + above if len(inside) < 2 else inside


def log_tick_text(ticks: list[float]) -> list[str]:
    """Return the labels of :func:`log_ticks`, in full with thousands separators.

    >>> log_tick_text([500, 1000, 2_000_000])
    ['500', '1,000', '2,000,000']
    """
    return [f"{tick:,.0f}" for tick in ticks]


def figure_id(fig: go.Figure) -> str:
    """Return a deterministic element id derived from the figure's content."""
    payload = json.dumps(fig.to_plotly_json(), sort_keys=True, default=str)
    return "fig-" + hashlib.sha256(payload.encode()).hexdigest()[:12]


def figure_html(fig: go.Figure) -> str:
    """Return a ``<div>`` and script drawing ``fig`` with a page-level plotly.js."""
    return pio.to_html(fig, include_plotlyjs=False, full_html=False, div_id=figure_id(fig),
                       config=PLOTLY_CONFIG, validate=True)


def show(fig: go.Figure) -> None:
    """Display a plotly figure in JupyterLab and in the HTML reports alike."""
    fig.update_layout(template=TEMPLATE)
    bundle = {
        "application/vnd.plotly.v1+json": {**json.loads(pio.to_json(fig, validate=True)), "config": PLOTLY_CONFIG},
        "text/html": figure_html(fig),
        "text/plain": f"<plotly figure: {fig.layout.title.text or 'untitled'}>",
    }
    display(bundle, raw=True)


#: Resolution of static (matplotlib) charts in the notebooks and reports.
STATIC_DPI = 100
#: Colours a static chart's PNG keeps: charts use few, and a palette PNG is a third of the size.
STATIC_COLOURS = 256


def static_png(fig) -> bytes:
    """Return a matplotlib figure as a compact PNG (a palette of :data:`STATIC_COLOURS` colours)."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=STATIC_DPI, bbox_inches="tight", facecolor="white")
    buffer.seek(0)
    palette = PillowImage.open(buffer).convert("RGB").quantize(colors=STATIC_COLOURS)
    out = io.BytesIO()
    palette.save(out, format="PNG", optimize=True)
    return out.getvalue()


def show_static(fig) -> None:
    """Display a matplotlib figure (for print) as a compact PNG and close it."""
    import matplotlib.pyplot as plt

    data = static_png(fig)
    plt.close(fig)
    display(Image(data=data, format="png"))


# --- labels: one place that shortens and escapes text for chart axes -----------------------------

#: Axis and legend labels longer than this are cut (the hover keeps the full text).
LABEL_CHARS = 40


def short_label(text: object, max_chars: int = LABEL_CHARS) -> str:
    """Return ``text`` on one line, cut to ``max_chars`` with an ellipsis (full text goes in the hover).

    >>> short_label("The Times of Israel"), short_label("x" * 50, 10)
    ('The Times of Israel', 'xxxxxxxxx…')
    """
    flat = " ".join(str(text).split())
    return flat if len(flat) <= max_chars else flat[: max_chars - 1] + "…"


def mpl_label(text: object, max_chars: int = LABEL_CHARS) -> str:
    r"""Return ``text`` shortened and escaped for matplotlib, which reads ``$...$`` as mathematics.

    >>> mpl_label("US$ 5 and $10")
    'US\\$ 5 and \\$10'
    """
    return short_label(text, max_chars).replace("$", r"\$")



# --- tables -------------------------------------------------------------------------------------

_LOADER_SHOWN: list[bool] = []


def show_table(frame: pd.DataFrame | pd.Series, name: str, caption: str | None = None,
               empty: str | None = None) -> None:
    """Display ``frame`` as a searchable, paged table, in JupyterLab and in the HTML reports alike.

    ``name`` (letters, digits, ``_.-``) names the table's CSV file: in a report rendered by
    ``helpers render`` every row goes to ``tables/<report>/<name>.csv`` beside the page, linked
    from the caption. ``caption`` is one line of plain text said above the table. Missing values
    show as blanks, whole-number floats as integers; a named index becomes columns. ``empty`` is
    the sentence said under the caption when there are no rows: why there is nothing to show.
    """
    context = ReportContext.from_env()
    if context is None and not _LOADER_SHOWN:  # JupyterLab: itables' offline loader, once a session
        display({"text/html": itables_loader_html(), "text/plain": "<interactive tables loaded>"}, raw=True)
        _LOADER_SHOWN.append(True)
    display(table_bundle(frame, name, caption, context), raw=True)
    if empty and frame.empty:
        say_plain(empty)
