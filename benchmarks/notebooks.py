"""Time rendering each notebook (papermill + HTML) against one that only imports the package."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import nbformat

from benchmarks.checkout import NOTEBOOKS_DIR, SEEDS_DIR


def render_seconds(notebook: Path, workdir: Path) -> float:
    """Return the seconds to execute ``notebook`` with papermill and convert it to HTML.

    It is done as ``helpers render`` does it (same kernel manager and exporter).
    """
    from helpers.reports.jobs import Job
    from helpers.reports.render import execute_notebook, notebook_to_html

    started = time.perf_counter()
    executed = execute_notebook(Job(notebook), workdir / f"{notebook.stem}.out.ipynb")
    notebook_to_html(executed)
    return time.perf_counter() - started


def baseline_notebook(folder: Path) -> Path:
    """Write a notebook whose only cell imports the package; return its path."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("import helpers")]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    path = folder / "import_only.ipynb"
    nbformat.write(nb, path)
    return path


def measure() -> tuple[float, dict[str, float]]:
    """Return the baseline's render time and each notebook's (extraction already cached)."""
    from helpers.pipeline.run import ensure_tables

    ensure_tables(SEEDS_DIR)  # extract first, as `helpers render` does before rendering
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        baseline = render_seconds(baseline_notebook(workdir), workdir)
        times = {nb.stem: render_seconds(nb, workdir)
                 for nb in sorted(NOTEBOOKS_DIR.glob("*.ipynb"))}
    return baseline, times
