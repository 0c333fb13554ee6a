"""Rendering benchmarks: each notebook against an import-only one, and a large corpus against the seeds.

``measure()`` times each notebook (papermill + HTML) for the seeds against a notebook
that only imports the package. ``python -m benchmarks.notebooks`` renders every
notebook for the seeds and for the 151 UN OCHA flash updates (tables extracted first,
not timed), as ``helpers render`` does, and prints per notebook the render time and
page size for each corpus, and the ratio of the totals (goal: OCHA at most 2x the
seeds; pages at most 1 MB for the seeds and 3 MB for OCHA)::

    .venv/bin/python -m benchmarks.notebooks [--json FILE] [--out DIR]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from benchmarks.checkout import NOTEBOOKS_DIR, SEEDS_DIR
from benchmarks.data import SHARED

OCHA_DIR = SHARED / "ocha_flash_updates"
#: Goals of issue 12: render time ratio, and page size per corpus in bytes.
GOAL_RATIO = 2.0
GOAL_PAGE_BYTES = {"seeds": 1_000_000, "ocha": 3_000_000}


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


def render_corpus(corpus: Path, run: str, out: Path) -> dict[str, dict]:
    """Render every notebook for ``corpus`` as ``helpers render`` does; return each one's status, time and size."""
    from helpers.pipeline.run import ensure_tables
    from helpers.reports.jobs import default_jobs
    from helpers.reports.render import render_jobs

    started = time.perf_counter()
    ensure_tables(corpus, progress=sys.stderr.isatty())
    print(f"   tables of {run} ready in {time.perf_counter() - started:.0f} s (not timed below)", flush=True)
    jobs = default_jobs(corpus, run)
    found = {}
    for job, result in zip(jobs, render_jobs(jobs, out), strict=True):
        page = out / run / f"{job.name}.html"
        found[job.name] = {"status": result.status, "error": result.error, "seconds": result.duration_s,
                           "page_bytes": page.stat().st_size if result.status == "ok" else None}
    return found


def _size(value: int | None) -> str:
    """Return a page size in MB, or 'failed'."""
    return "failed" if value is None else f"{value / 1e6:.2f} MB"


def compare(seeds: dict[str, dict], ocha: dict[str, dict]) -> dict:
    """Print the per-notebook table and the ratio of the totals; return the numbers."""
    print(f"   {'notebook':28s} {'seeds':>8s} {'OCHA 151':>9s} {'ratio':>6s}   {'seed page':>9s} {'OCHA page':>9s}")
    for name in seeds:
        s, o = seeds[name], ocha[name]
        print(f"   {name:28s} {s['seconds']:7.1f}s {o['seconds']:8.1f}s {o['seconds'] / s['seconds']:6.2f}"
              f"   {_size(s['page_bytes']):>9s} {_size(o['page_bytes']):>9s}")
    total_seeds = sum(s["seconds"] for s in seeds.values())
    total_ocha = sum(o["seconds"] for o in ocha.values())
    ratio = total_ocha / total_seeds
    print(f"   {'all notebooks':28s} {total_seeds:7.1f}s {total_ocha:8.1f}s {ratio:6.2f}"
          f"   [{'meets' if ratio <= GOAL_RATIO else 'MISSES'} <= {GOAL_RATIO}]")
    for run, found in (("seeds", seeds), ("ocha", ocha)):
        sizes = [f["page_bytes"] for f in found.values()]
        largest = max((s for s in sizes if s is not None), default=0)
        ok = None not in sizes and largest <= GOAL_PAGE_BYTES[run]
        print(f"   largest {run} page {largest / 1e6:.2f} MB  [{'meets' if ok else 'MISSES'} "
              f"<= {GOAL_PAGE_BYTES[run] / 1e6:.0f} MB{'' if None not in sizes else '; some failed'}]")
    failed = [f"{run}/{name}: {f['error']}" for run, found in (("seeds", seeds), ("ocha", ocha))
              for name, f in found.items() if f["status"] != "ok"]
    for line in failed:
        print(f"   failed {line}")
    return {"seeds": seeds, "ocha": ocha, "ratio": ratio, "failed": failed}


def main(argv: list[str] | None = None) -> int:
    """Render every notebook for the seeds and the 151 OCHA updates; print times, sizes and the ratio."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.notebooks", description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, default=None, help="also write the results here")
    parser.add_argument("--out", type=Path, default=None, help="keep the reports in this folder (default: discarded)")
    args = parser.parse_args(argv)
    updates = len(list(OCHA_DIR.glob("*.md")))
    print(f"Rendering every notebook for seeds/ and for {updates} OCHA flash updates ({OCHA_DIR})")
    with tempfile.TemporaryDirectory(prefix="news-bench-render-") as tmp:
        out = args.out or Path(tmp)
        seeds = render_corpus(SEEDS_DIR, "seeds", out)
        ocha = render_corpus(OCHA_DIR, "ocha", out)
        results = compare(seeds, ocha)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
