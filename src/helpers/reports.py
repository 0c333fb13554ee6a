"""Render notebooks into self-contained HTML reports with papermill and nbconvert.

A run executes each job (a notebook and its parameters) with papermill, converts
the executed notebook to HTML with plotly.js embedded once per page (readable
offline, nothing loaded from the network) and writes, into ``reports/<run>/``:

- ``<notebook>.html`` and ``<notebook>.ipynb`` for each job that succeeded;
- an error page ``<notebook>.error.html`` (and the partial notebook
  ``<notebook>.failed.ipynb``) for each job that failed, so the index shows what went
  wrong and where to read why; the last good ``<notebook>.html`` is left untouched;
- ``manifest.json`` (parameters, input fingerprints, versions, duration, status) and
  ``index.html``.

Everything is written to a temporary file first and moved into place only when
complete: a crash never leaves a half-written report or breaks the previous one.
One failing job does not stop the others; the command exits 1 when any failed.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import logging
import os
import sys
import tempfile
import time
import traceback
from dataclasses import asdict, dataclass, field
from pathlib import Path

import nbformat

from helpers.paths import NOTEBOOKS_DIR, PACKAGE_DIR, PROJECT_ROOT, REPORTS_DIR, SEEDS_DIR

log = logging.getLogger(__name__)

TEMPLATES_DIR = PACKAGE_DIR / "templates"
KERNEL_NAME = "python3"
CELL_TIMEOUT_S = 600


@dataclass
class Job:
    """One report to render: a notebook, its parameters and the run it belongs to."""

    notebook: Path
    parameters: dict = field(default_factory=dict)
    run: str = "seeds"
    name: str = ""

    def __post_init__(self) -> None:
        """Default the output name to the notebook's stem."""
        self.notebook = Path(self.notebook)
        self.name = self.name or self.notebook.stem


@dataclass
class JobResult:
    """What happened to one job."""

    name: str
    notebook: str
    status: str  # ok, failed, skipped
    parameters: dict
    duration_s: float = 0.0
    error: str | None = None
    html: str | None = None
    title: str | None = None


def discover_notebooks(folder: Path = NOTEBOOKS_DIR) -> list[Path]:
    """Return the report notebooks ``NN_name.ipynb`` in name order."""
    return sorted(p for p in folder.glob("[0-9][0-9]_*.ipynb") if not p.name.startswith("."))


def default_jobs(corpus: Path = SEEDS_DIR, run: str | None = None) -> list[Job]:
    """Return one job per notebook for ``corpus`` (the run is named after the corpus folder)."""
    corpus = Path(corpus).resolve()
    run = run or corpus.name
    return [Job(nb, {"corpus": str(corpus)}, run) for nb in discover_notebooks()]


def notebook_title(nb: nbformat.NotebookNode, fallback: str) -> str:
    """Return the first Markdown heading of a notebook, or ``fallback``."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
    return fallback


def execute_notebook(job: Job, output_path: Path) -> nbformat.NotebookNode:
    """Execute a job's notebook with papermill, writing the executed copy to ``output_path``."""
    import papermill as pm

    return pm.execute_notebook(
        str(job.notebook), str(output_path), parameters=job.parameters, kernel_name=KERNEL_NAME,
        cwd=str(job.notebook.parent), progress_bar=False, log_output=False,
        execution_timeout=CELL_TIMEOUT_S, report_mode=False,
    )


def notebook_to_html(nb: nbformat.NotebookNode) -> str:
    """Convert an executed notebook into one self-contained HTML page (code hidden)."""
    from nbconvert import HTMLExporter
    from plotly.offline import get_plotlyjs

    exporter = HTMLExporter(template_name="report", extra_template_basedirs=[str(TEMPLATES_DIR)],
                            exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True)
    body, _ = exporter.from_notebook_node(nb, resources={"plotly_js": get_plotlyjs()})
    return body


def write_atomically(path: Path, content: str | bytes) -> None:
    """Write ``content`` to ``path`` through a temporary file in the same folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = "wb" if isinstance(content, bytes) else "w"
    encoding = None if isinstance(content, bytes) else "utf-8"
    with tempfile.NamedTemporaryFile(mode, dir=path.parent, delete=False, prefix=f".{path.name}.",
                                     suffix=".tmp", encoding=encoding) as handle:
        handle.write(content)
    os.chmod(handle.name, 0o644)
    os.replace(handle.name, path)


def error_page(job: Job, error: str, detail: str) -> str:
    """Return an HTML page that stands in for a report that failed to render."""
    params = html.escape(json.dumps(job.parameters, indent=2, default=str))
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>FAILED: {html.escape(job.name)}</title></head><body>"
        f"<h1>Report {html.escape(job.name)} failed to render</h1>"
        f"<p><strong>{html.escape(error)}</strong></p>"
        f"<p>Notebook: <code>{html.escape(str(job.notebook))}</code></p>"
        f"<h2>Parameters</h2><pre>{params}</pre>"
        f"<h2>Details</h2><pre>{html.escape(detail)}</pre></body></html>"
    )


def render_job(job: Job, out_dir: Path) -> JobResult:
    """Render one job into ``out_dir``; never raises for a notebook error."""
    started = time.monotonic()
    html_path = out_dir / f"{job.name}.html"
    result = JobResult(job.name, str(job.notebook), "ok", job.parameters, html=html_path.name)
    with tempfile.TemporaryDirectory(prefix="render-") as scratch:
        executed_path = Path(scratch) / f"{job.name}.ipynb"
        try:
            nb = execute_notebook(job, executed_path)
            result.title = notebook_title(nb, job.name)
            page = notebook_to_html(nb)
            write_atomically(out_dir / f"{job.name}.ipynb", nbformat.writes(nb))
            write_atomically(html_path, page)
            (out_dir / f"{job.name}.error.html").unlink(missing_ok=True)
            (out_dir / f"{job.name}.failed.ipynb").unlink(missing_ok=True)
        except Exception as exc:  # noqa: BLE001 - any failure of one job is reported, others go on
            result.status = "failed"
            result.error = f"{type(exc).__name__}: {str(exc).strip().splitlines()[0] if str(exc).strip() else ''}"
            detail = str(exc) or traceback.format_exc()
            if executed_path.exists():
                write_atomically(out_dir / f"{job.name}.failed.ipynb", executed_path.read_bytes())
            result.html = f"{job.name}.error.html"
            write_atomically(out_dir / result.html, error_page(job, result.error, detail))
            log.error("%s failed: %s", job.name, result.error)
    result.duration_s = round(time.monotonic() - started, 2)
    return result


def index_page(run: str, results: list[JobResult]) -> str:
    """Return the HTML index of a run, one row per report with its status."""
    rows = "".join(
        f"<tr><td><a href='{html.escape(r.html or '')}'>{html.escape(r.title or r.name)}</a></td>"
        f"<td>{html.escape(r.status)}</td><td>{r.duration_s:.1f} s</td>"
        f"<td>{html.escape(r.error or '')}</td></tr>"
        for r in results
    )
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>Reports: {html.escape(run)}</title>"
        "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}"
        "td,th{padding:.3em .8em;text-align:left}</style></head><body>"
        f"<h1>Reports for {html.escape(run)}</h1>"
        "<table><tr><th>Report</th><th>Status</th><th>Time</th><th>Error</th></tr>"
        f"{rows}</table><p>Details of this run: <a href='manifest.json'>manifest.json</a></p></body></html>"
    )


def versions() -> dict[str, str]:
    """Return the versions of the packages that shape the reports."""
    from importlib.metadata import PackageNotFoundError, version

    found = {"python": sys.version.split()[0]}
    for name in ("news-helpers", "spacy", "pandas", "plotly", "papermill", "nbconvert"):
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = "not installed"
    return found


def write_run_files(run: str, results: list[JobResult], out_dir: Path) -> None:
    """Write ``manifest.json`` and ``index.html`` of a run."""
    manifest = {
        "run": run,
        "finished": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "versions": versions(),
        "jobs": [asdict(r) for r in results],
    }
    write_atomically(out_dir / "manifest.json", json.dumps(manifest, indent=2, default=str))
    write_atomically(out_dir / "index.html", index_page(run, results))


def warm_cache(jobs: list[Job]) -> None:
    """Extract each corpus once in this process so the notebooks only read the cache."""
    from helpers.notebook import load_tables

    seen = set()
    for job in jobs:
        key = (job.parameters.get("corpus", ""), job.parameters.get("registry", ""))
        if key not in seen:
            seen.add(key)
            load_tables(*key)


def render_jobs(jobs: list[Job], out_root: Path = REPORTS_DIR) -> list[JobResult]:
    """Render every job, grouped by run, and return the results in job order."""
    try:
        warm_cache(jobs)
    except Exception as exc:  # noqa: BLE001 - the notebooks then report the problem themselves
        log.error("extraction before rendering failed: %s", exc)
    results: list[JobResult] = []
    runs: dict[str, list[JobResult]] = {}
    for job in jobs:
        out_dir = out_root / job.run
        print(f"rendering {job.run}/{job.name} ...", flush=True)
        result = render_job(job, out_dir)
        print(f"  {result.status} in {result.duration_s:.1f} s"
              + (f": {result.error}" if result.error else ""), flush=True)
        results.append(result)
        runs.setdefault(job.run, []).append(result)
    for run, run_results in runs.items():
        write_run_files(run, run_results, out_root / run)
    return results


def render_main(args) -> int:
    """Entry point of ``python -m helpers render``: render, print a summary, return the exit code."""
    jobs = default_jobs(args.corpus)
    if not jobs:
        print(f"error: no notebooks found in {NOTEBOOKS_DIR}", file=sys.stderr)
        return 2
    out_root = Path(args.out)
    results = render_jobs(jobs, out_root)
    failed = [r for r in results if r.status == "failed"]
    print(f"{len(results) - len(failed)} of {len(results)} reports rendered into {out_root}")
    for r in failed:
        print(f"FAILED {r.name}: {r.error} (see {out_root / jobs[0].run / r.html})", file=sys.stderr)
    return 1 if failed else 0


__all__ = ["Job", "JobResult", "default_jobs", "render_jobs", "render_main", "PROJECT_ROOT"]
