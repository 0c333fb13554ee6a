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
import tempfile
import time
import traceback
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import nbformat
from jupyter_client.manager import AsyncKernelManager
from traitlets import default

from helpers.files import write_atomically
from helpers.reports.jobs import Job, check_parameters
from helpers.reports.provenance import add_provenance, input_fingerprints, job_key, provenance_cell, versions

log = logging.getLogger(__name__)

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
KERNEL_NAME = "python3"


class LocalKernelManager(AsyncKernelManager):
    """Starts kernels that talk over local IPC sockets: no TCP port is opened."""

    @default("transport")
    def _default_transport(self) -> str:
        return "ipc"

    @default("ip")
    def _default_ip(self) -> str:
        return str(Path(tempfile.gettempdir()) / f"news-helpers-kernel-{uuid.uuid4().hex[:12]}")


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
    key: str | None = None
    inputs: dict = field(default_factory=dict)


def notebook_title(nb: nbformat.NotebookNode, fallback: str) -> str:
    """Return the first Markdown heading of a notebook, or ``fallback``."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
    return fallback


def execute_notebook(job: Job, output_path: Path) -> nbformat.NotebookNode:
    """Execute a job's notebook with papermill, writing the executed copy to ``output_path``.

    A cell running longer than ``job.timeout`` seconds, or a kernel that dies, raises
    at once instead of hanging the run.
    """
    import papermill as pm

    return pm.execute_notebook(
        str(job.notebook), str(output_path), parameters=job.parameters, kernel_name=KERNEL_NAME,
        cwd=str(job.notebook.parent), progress_bar=False, log_output=False,
        execution_timeout=job.timeout, report_mode=False, kernel_manager_class=LocalKernelManager,
    )


def notebook_to_html(nb: nbformat.NotebookNode) -> str:
    """Convert an executed notebook into one self-contained HTML page (code hidden)."""
    from nbconvert import HTMLExporter
    from plotly.offline import get_plotlyjs

    exporter = HTMLExporter(template_name="report", extra_template_basedirs=[str(TEMPLATES_DIR)],
                            exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True)
    body, _ = exporter.from_notebook_node(nb, resources={"plotly_js": get_plotlyjs()})
    return body


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


def _first_line(exc: BaseException) -> str:
    """Return ``ExceptionType: first line of the message``."""
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text.splitlines()[0] if text else ''}".strip()


def _fail(job: Job, result: JobResult, out_dir: Path, error: str, detail: str) -> None:
    """Record a failed job: an error page beside the last good report, which stays."""
    result.status, result.error = "failed", error
    result.html = f"{job.name}.error.html"
    write_atomically(out_dir / result.html, error_page(job, error, detail))
    log.error("%s failed: %s", job.name, error)


def render_job(job: Job, out_dir: Path) -> JobResult:
    """Render one job into ``out_dir``; never raises for a notebook error."""
    started = time.monotonic()
    inputs = input_fingerprints(job.notebook, job.parameters)
    result = JobResult(job.name, str(job.notebook), "ok", job.parameters, html=f"{job.name}.html",
                       key=job_key(job.parameters, inputs), inputs=inputs)
    problems = check_parameters(job)
    if problems:
        _fail(job, result, out_dir, problems[0], "\n".join(problems))
        return result
    with tempfile.TemporaryDirectory(prefix="render-") as scratch:
        executed_path = Path(scratch) / f"{job.name}.ipynb"
        try:
            nb = execute_notebook(job, executed_path)
            result.title = notebook_title(nb, job.name)
            add_provenance(nb, provenance_cell(job.notebook, job.parameters, inputs,
                                               dt.datetime.now(dt.timezone.utc)))
            page = notebook_to_html(nb)
            write_atomically(out_dir / f"{job.name}.ipynb", nbformat.writes(nb))
            write_atomically(out_dir / f"{job.name}.html", page)
            (out_dir / f"{job.name}.error.html").unlink(missing_ok=True)
            (out_dir / f"{job.name}.failed.ipynb").unlink(missing_ok=True)
        except Exception as exc:  # noqa: BLE001 - any failure of one job is reported, others go on
            if executed_path.exists():
                write_atomically(out_dir / f"{job.name}.failed.ipynb", executed_path.read_bytes())
            _fail(job, result, out_dir, _first_line(exc), str(exc) or traceback.format_exc())
    result.duration_s = round(time.monotonic() - started, 2)
    return result


def index_page(run: str, results: list[JobResult], manifest: dict) -> str:
    """Return the HTML index of a run: one row per report with its status and inputs."""
    rows = "".join(
        f"<tr><td><a href='{html.escape(r.html or '')}'>{html.escape(r.title or r.name)}</a></td>"
        f"<td class='{html.escape(r.status)}'>{html.escape(r.status)}</td><td>{r.duration_s:.1f} s</td>"
        f"<td><code>{html.escape(json.dumps(r.parameters, default=str))}</code></td>"
        f"<td><code>{html.escape(r.key or '')}</code></td><td>{html.escape(r.error or '')}</td></tr>"
        for r in results
    )
    version_list = ", ".join(f"{html.escape(k)} {html.escape(v)}" for k, v in manifest["versions"].items())
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>Reports: {html.escape(run)}</title>"
        "<style>body{font-family:sans-serif;max-width:75em;margin:2em auto}td,th{padding:.3em .8em;"
        "text-align:left;vertical-align:top}.failed{color:#b00;font-weight:bold}code{font-size:85%}</style>"
        f"</head><body><h1>Reports for {html.escape(run)}</h1>"
        f"<p>Finished {html.escape(manifest['finished'])}.</p>"
        "<table><tr><th>Report</th><th>Status</th><th>Time</th><th>Parameters</th><th>Inputs key</th>"
        f"<th>Error</th></tr>{rows}</table><p>Versions: {version_list}.</p>"
        "<p>Details of this run: <a href='manifest.json'>manifest.json</a></p></body></html>"
    )


def read_manifest(out_dir: Path) -> dict:
    """Return a run's previous manifest, or an empty one."""
    try:
        return json.loads((out_dir / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"jobs": []}


def write_run_files(run: str, results: list[JobResult], out_dir: Path) -> None:
    """Write ``manifest.json`` and ``index.html`` of a run."""
    manifest = {
        "run": run,
        "finished": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "versions": versions(),
        "jobs": [asdict(r) for r in results],
    }
    write_atomically(out_dir / "manifest.json", json.dumps(manifest, indent=2, default=str))
    write_atomically(out_dir / "index.html", index_page(run, results, manifest))


def unchanged(job: Job, previous: dict, out_dir: Path) -> JobResult | None:
    """Return the last good result of a job whose inputs have not changed, else None."""
    key = job_key(job.parameters, input_fingerprints(job.notebook, job.parameters))
    for entry in previous.get("jobs", []):
        if (entry.get("name") == job.name and entry.get("key") == key and entry.get("status") in ("ok", "skipped")
                and (out_dir / f"{job.name}.html").exists()):
            return JobResult(**{**entry, "status": "skipped", "duration_s": 0.0})
    return None


def render_jobs(jobs: list[Job], out_root: Path, force: bool = True,
                on_progress: Callable[[str], None] | None = None) -> list[JobResult]:
    """Render every job, grouped by run, and return the results in job order.

    With ``force=False``, a job whose inputs and code have not changed since its last
    good run is skipped. ``on_progress`` receives one plain line before and after each job.
    """
    report = on_progress or log.info
    results: list[JobResult] = []
    runs: dict[str, list[JobResult]] = {}
    previous = {}
    for number, job in enumerate(jobs, start=1):
        out_dir = out_root / job.run
        if job.run not in previous:
            previous[job.run] = read_manifest(out_dir)
        result = None if force else unchanged(job, previous[job.run], out_dir)
        if result is None:
            report(f"[{number}/{len(jobs)}] rendering {job.run}/{job.name} ...")
            result = render_job(job, out_dir)
        report(f"[{number}/{len(jobs)}] {job.run}/{job.name}: {result.status} in {result.duration_s:.1f} s"
               + (f": {result.error}" if result.error else ""))
        results.append(result)
        runs.setdefault(job.run, []).append(result)
    for run, run_results in runs.items():
        write_run_files(run, run_results, out_root / run)
    return results
