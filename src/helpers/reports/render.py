"""Render notebooks into offline HTML reports with papermill and nbconvert.

A run executes each job (a notebook and its parameters) with papermill, converts
the executed notebook to HTML (code hidden, nothing loaded from the network) and
writes, into ``reports/<run>/``:

- ``<notebook>.html`` and ``<notebook>.ipynb`` for each job that succeeded, and the
  rows of each of its tables as ``tables/<notebook>/<name>.csv``
  (:func:`helpers.charts.base.show_table` writes them; the page links them);
- ``plotly.min.js`` and ``itables.js`` once per folder, which the pages load as local
  files; a run with ``self_contained`` embeds them in each page instead, for a
  single-file report to send by e-mail;
- an error page ``<notebook>.error.html`` (and the partial notebook
  ``<notebook>.failed.ipynb``) for each job that failed, with the exception's own
  message, the failing cell and its traceback; the last good report stays;
- ``manifest.json`` (parameters, input fingerprints, versions, duration, status,
  error) and ``index.html``.

A report's files are written to temporary files first and moved into place together
only when all are complete: a crash, a full or a read-only disk never leaves a
half-written report, a ``.tmp`` file, or a new notebook beside an old page. One
failing job does not stop the others.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import json
import logging
import os
import re
import subprocess
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

import jinja2
import nbformat
from jupyter_client.manager import AsyncKernelManager
from traitlets import default

from helpers.charts.tables import ReportContext, itables_script
from helpers.files import write_atomically, write_files_atomically
from helpers.reports.jobs import Job, check_parameters, check_run_name
from helpers.reports.provenance import (
    add_provenance,
    input_fingerprints,
    job_key,
    provenance_cell,
    shorten,
    versions,
)
from helpers.settings import REPORT_ENV

log = logging.getLogger(__name__)

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
KERNEL_NAME = "python3"
#: Scripts a page may need, served once per report folder: file name -> what marks a page needing it.
ASSET_MARKERS = {"plotly.min.js": "plotly-graph-div", "itables.js": "nh-table"}
#: JupyterLab's style sheet, served once per report folder (every page needs it).
STYLE_SHEET = "report.css"
#: Comments around the style sheet inlined in a page (see the report template).
CSS_MARKERS = ("<!-- report-css-start -->", "<!-- report-css-end -->")
TABLES_FOLDER = "tables"
PAGES = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES_DIR), autoescape=True,
                           undefined=jinja2.StrictUndefined)


class LocalKernelManager(AsyncKernelManager):
    """Starts kernels that talk over local IPC sockets (no TCP port is opened), with :attr:`extra_env` added.

    The kernel starts in :attr:`kernel_cwd` (the notebook's folder). papermill's own ``cwd``
    changes the whole process's working directory, which jobs rendering at once in threads
    would leave in a random folder.
    """

    extra_env: dict[str, str] = {}  # set per job by kernel_manager_for
    kernel_cwd: str | None = None  # set per job by kernel_manager_for

    @default("transport")
    def _default_transport(self) -> str:
        return "ipc"

    @default("ip")
    def _default_ip(self) -> str:
        return str(Path(tempfile.gettempdir()) / f"news-helpers-kernel-{uuid.uuid4().hex[:12]}")

    async def start_kernel(self, **kwargs: object) -> None:
        """Start the kernel with the job's variables added to this process's environment.

        The kernel process's own stderr is dropped: what its cells print reaches the notebook
        through Jupyter's channels, and a failure reaches the console as one line (a kernel
        that dies is reported as such). Left open, its internal noise (a tornado traceback when
        the disk is full as the kernel shuts down) would land between the console lines.
        """
        kwargs["env"] = {**os.environ, **dict(kwargs.get("env") or {}), **self.extra_env}
        kwargs.setdefault("stderr", subprocess.DEVNULL)
        if self.kernel_cwd:
            kwargs.setdefault("cwd", self.kernel_cwd)
        await super().start_kernel(**kwargs)


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
    tables: list[str] = field(default_factory=list)
    last_good: str | None = None  # a failed job's previous page, still in place


@dataclass
class Failure:
    """Why a job failed: a one-line message and, for a failing cell, its source and traceback."""

    message: str
    cell_number: int | None = None
    cell_source: str = ""
    traceback: str = ""


def notebook_title(nb: nbformat.NotebookNode, fallback: str) -> str:
    """Return the first Markdown heading of a notebook, or ``fallback``."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
    return fallback


def run_folder(out_root: Path, run: str) -> Path:
    """Return the folder of ``run`` under ``out_root``; raise ValueError for a name that would leave it."""
    problem = check_run_name(run)
    if problem:
        raise ValueError(f"run {run!r}: {problem}")
    return Path(out_root) / run


def kernel_manager_for(env: dict[str, str], cwd: Path | None = None) -> type[LocalKernelManager]:
    """Return a kernel manager class whose kernels get ``env`` and start in ``cwd`` (one class per job)."""
    return type("JobKernelManager", (LocalKernelManager,),
                {"extra_env": dict(env), "kernel_cwd": str(cwd) if cwd else None})


def execute_notebook(job: Job, output_path: Path, env: dict[str, str] | None = None) -> nbformat.NotebookNode:
    """Execute a job's notebook with papermill, writing the executed copy to ``output_path``.

    The kernel gets ``env`` added to this process's environment. A cell running longer
    than ``job.timeout`` seconds, or a kernel that dies, raises at once instead of
    hanging the run.
    """
    import papermill as pm

    return pm.execute_notebook(
        str(job.notebook), str(output_path), parameters=job.parameters, kernel_name=KERNEL_NAME,
        progress_bar=False, log_output=False, execution_timeout=job.timeout, report_mode=False,
        kernel_manager_class=kernel_manager_for(env or {}, job.notebook.parent),
    )


@functools.cache
def asset_code(name: str) -> str:
    """Return the content of a page asset (:data:`ASSET_MARKERS`), built from the installed libraries."""
    from plotly.offline import get_plotlyjs

    makers = {"plotly.min.js": get_plotlyjs, "itables.js": itables_script, STYLE_SHEET: page_style_sheet}
    return makers[name]()


def needed_assets(nb: nbformat.NotebookNode) -> list[str]:
    """Return the assets a page needs: the style sheet, and each script whose marker appears in its outputs."""
    pages = [str(output.get("data", {}).get("text/html", "")) for cell in nb.cells
             for output in cell.get("outputs", [])]
    return [STYLE_SHEET] + [name for name, marker in ASSET_MARKERS.items() if any(marker in page for page in pages)]


def _exporter() -> object:
    """Return the HTML exporter of the report template (code and prompts hidden)."""
    from nbconvert import HTMLExporter

    return HTMLExporter(template_name="report", extra_template_basedirs=[str(TEMPLATES_DIR)],
                        exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True)


def page_style_sheet() -> str:
    """Return the style sheet every page of the report template holds inline, as one CSS text."""
    page, _ = _exporter().from_notebook_node(nbformat.v4.new_notebook(),
                                             resources={"report_scripts": [], "report_css": None})
    block = page.split(CSS_MARKERS[0], 1)[1].split(CSS_MARKERS[1], 1)[0]
    return "\n".join(re.findall(r"<style[^>]*>(.*?)</style>", block, re.S))


def notebook_to_html(nb: nbformat.NotebookNode, self_contained: bool = False) -> str:
    """Convert an executed notebook into one HTML page (code hidden).

    The page loads its style sheet and the scripts it needs from files beside it
    (:func:`write_assets`), or holds them inline when ``self_contained``.
    """
    assets = needed_assets(nb)
    scripts = [{"code": asset_code(name)} if self_contained else {"src": name}
               for name in assets if name != STYLE_SHEET]
    resources = {"report_scripts": scripts, "report_css": None if self_contained else STYLE_SHEET}
    body, _ = _exporter().from_notebook_node(nb, resources=resources)
    return body


def write_assets(out_dir: Path, names: list[str]) -> None:
    """Write the page assets ``names`` into ``out_dir`` unless they are there already, unchanged."""
    for name in names:
        path = out_dir / name
        code = asset_code(name)
        if not path.is_file() or path.stat().st_size != len(code.encode()) or path.read_text("utf-8") != code:
            write_atomically(path, code)


def one_line(text: str) -> str:
    """Return ``text`` on one line, shortened.

    >>> one_line(chr(10).join(["boolean value", "  of NA   is ambiguous"]))
    'boolean value of NA is ambiguous'
    """
    return shorten(" ".join(str(text).split()))


def failure_of(exc: BaseException) -> Failure:
    """Return why a notebook failed: the exception's own type and message, and the failing cell."""
    from nbconvert.filters import strip_ansi
    from papermill.exceptions import PapermillExecutionError

    if isinstance(exc, PapermillExecutionError):
        return Failure(one_line(f"{exc.ename}: {exc.evalue}"), exc.exec_count, exc.source or "",
                       strip_ansi("\n".join(exc.traceback or [])))
    text = str(exc).strip()
    return Failure(one_line(f"{type(exc).__name__}: {text.splitlines()[0] if text else ''}"),
                   traceback=strip_ansi(text))


def error_page(job: Job, failure: Failure, last_good: str | None) -> str:
    """Return the page that stands in for a report that failed to render."""
    parameters = {name: shorten(json.dumps(value, default=str)) for name, value in job.parameters.items()}
    return PAGES.get_template("error.html.j2").render(
        job=job, failure=failure, parameters=parameters, last_good=last_good,
        traceback=shorten(failure.traceback, 20_000), source=shorten(failure.cell_source, 5_000))


def _fail(job: Job, result: JobResult, out_dir: Path, failure: Failure) -> None:
    """Record a failed job: an error page beside the last good report, which stays."""
    result.status, result.error = "failed", failure.message
    page = f"{job.name}.error.html"
    result.last_good = f"{job.name}.html" if (out_dir / f"{job.name}.html").exists() else None
    try:
        write_atomically(out_dir / page, error_page(job, failure, result.last_good))
        result.html = page
    except OSError as exc:  # a full or read-only disk: the message still reaches the console
        result.html = None
        log.debug("cannot write the error page of %s: %s", job.name, exc)
    log.debug("%s failed: %s", job.name, failure.message)


def cannot_write(path: Path, exc: OSError) -> Failure:
    """Return the failure of a report that could not be written, with what to do."""
    return Failure(f"cannot write {path}: {exc.strerror or exc}. Free some space, or choose a writable "
                   "folder with --out")


def publish(job: Job, out_dir: Path, nb: nbformat.NotebookNode, page: str, tables: Path) -> list[str]:
    """Move a rendered report into ``out_dir`` all at once; return the names of its tables.

    The CSV files and the notebook go first and the page last, so the page never links a
    file that is not there; files of an older run of the job that are no longer made go.
    """
    csv_files = sorted(tables.glob("*.csv"))
    target = out_dir / TABLES_FOLDER / job.name
    contents: dict[Path, str | bytes] = {target / path.name: path.read_bytes() for path in csv_files}
    contents[out_dir / f"{job.name}.ipynb"] = nbformat.writes(nb)
    contents[out_dir / f"{job.name}.html"] = page
    write_files_atomically(contents)
    for stale in set(target.glob("*.csv")) - set(contents):
        stale.unlink(missing_ok=True)
    for leftover in (f"{job.name}.error.html", f"{job.name}.failed.ipynb"):
        (out_dir / leftover).unlink(missing_ok=True)
    return [path.stem for path in csv_files]


def _execute(job: Job, scratch: Path, result: JobResult, out_dir: Path) -> nbformat.NotebookNode | None:
    """Execute the job's notebook with its report environment; on failure record it and return None."""
    executed_path = scratch / f"{job.name}.ipynb"
    context = ReportContext(str(scratch / TABLES_FOLDER), f"{TABLES_FOLDER}/{job.name}")
    try:
        return execute_notebook(job, executed_path, {REPORT_ENV: context.to_env()})
    except OSError as exc:  # papermill could not write the executed notebook: the disk is full
        _fail(job, result, out_dir, cannot_write(Path(exc.filename or executed_path), exc))
        return None
    except Exception as exc:  # noqa: BLE001 - any failure of one job is reported, others go on
        if executed_path.exists():
            with contextlib.suppress(OSError):
                write_atomically(out_dir / f"{job.name}.failed.ipynb", executed_path.read_bytes())
        _fail(job, result, out_dir, failure_of(exc))
        return None


def render_job(job: Job, out_dir: Path) -> JobResult:
    """Render one job into ``out_dir``; never raises for a notebook error or a disk that cannot be written."""
    started = time.monotonic()
    inputs = input_fingerprints(job.notebook, job.parameters)
    result = JobResult(job.name, str(job.notebook), "ok", job.parameters, html=f"{job.name}.html",
                       key=job_key(job.parameters, inputs, job.delivery()), inputs=inputs)
    problems = check_parameters(job)
    if problems:
        _fail(job, result, out_dir, Failure(problems[0], traceback="\n".join(problems)))
    else:
        with tempfile.TemporaryDirectory(prefix="render-") as scratch:
            nb = _execute(job, Path(scratch), result, out_dir)
            if nb is not None:
                _convert_and_publish(job, nb, Path(scratch), result, out_dir, inputs)
    result.duration_s = round(time.monotonic() - started, 2)
    return result


def _convert_and_publish(job: Job, nb: nbformat.NotebookNode, scratch: Path, result: JobResult,
                         out_dir: Path, inputs: dict[str, str]) -> None:
    """Add provenance, convert to HTML and publish; a disk that cannot be written fails the job."""
    result.title = notebook_title(nb, job.name)
    add_provenance(nb, provenance_cell(job.notebook, job.parameters, inputs, dt.datetime.now(dt.timezone.utc)))
    page = notebook_to_html(nb, job.self_contained)
    try:
        if not job.self_contained:
            write_assets(out_dir, needed_assets(nb))
        result.tables = publish(job, out_dir, nb, page, scratch / TABLES_FOLDER)
    except OSError as exc:
        _fail(job, result, out_dir, cannot_write(Path(exc.filename or out_dir), exc))


def index_page(run: str, results: list[JobResult], manifest: dict) -> str:
    """Return the HTML index of a run: one row per report with its status, error and inputs."""
    rows = [{"result": r, "parameters": shorten(json.dumps(r.parameters, default=str), 200)} for r in results]
    return PAGES.get_template("index.html.j2").render(run=run, rows=rows, manifest=manifest,
                                                      tables_folder=TABLES_FOLDER)


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
    key = job_key(job.parameters, input_fingerprints(job.notebook, job.parameters), job.delivery())
    for entry in previous.get("jobs", []):
        if (entry.get("name") == job.name and entry.get("key") == key and entry.get("status") in ("ok", "skipped")
                and (out_dir / f"{job.name}.html").exists()):
            known = {name: entry[name] for name in JobResult.__dataclass_fields__ if name in entry}
            return JobResult(**{**known, "status": "skipped", "duration_s": 0.0})
    return None


def result_line(label: str, job: Job, result: JobResult, out_root: Path) -> str:
    """Return the one console line saying how a job ended (a failure names its error and page)."""
    line = f"{label} {job.run}/{job.name}: {result.status} in {result.duration_s:.1f} s"
    if result.status != "failed":
        return line
    where = f" (see {out_root / job.run / result.html})" if result.html else ""
    return f"{line}: {result.error}{where}"


def _render_or_skip(job: Job, out_root: Path, previous: dict, force: bool,
                    report: Callable[[str], None], label: str) -> JobResult:
    """Render one job, or take its last good result when nothing changed (and not forced); say how it ended."""
    out_dir = run_folder(out_root, job.run)
    result = None if force else unchanged(job, previous, out_dir)
    if result is None:
        report(f"{label} rendering {job.run}/{job.name} ...")
        result = render_job(job, out_dir)
    report(result_line(label, job, result, out_root))
    return result


def render_jobs(jobs: list[Job], out_root: Path, force: bool = True,
                on_progress: Callable[[str], None] | None = None, workers: int = 1) -> list[JobResult]:
    """Render every job, grouped by run, and return the results in job order.

    With ``force=False``, a job whose inputs and code have not changed since its last
    good run is skipped. ``workers`` jobs run at once (each in its own kernel).
    ``on_progress`` receives one plain line when a job starts and one when it ends (a
    failure's line carries its message), never two at once; a run whose index cannot be
    written gets one line too.
    """
    lock = threading.Lock()

    def report(line: str) -> None:
        with lock:
            (on_progress or log.info)(line)

    previous = {run: read_manifest(run_folder(out_root, run)) for run in dict.fromkeys(job.run for job in jobs)}
    labels = [f"[{number}/{len(jobs)}]" for number in range(1, len(jobs) + 1)]
    with ThreadPoolExecutor(max(1, workers), thread_name_prefix="render") as pool:
        futures = [pool.submit(_render_or_skip, job, out_root, previous[job.run], force, report, labels[i])
                   for i, job in enumerate(jobs)]
        results = {i: future.result() for i, future in enumerate(futures)}
    ordered = [results[i] for i in range(len(jobs))]
    for run in previous:
        try:
            write_run_files(run, [r for job, r in zip(jobs, ordered, strict=True) if job.run == run],
                            run_folder(out_root, run))
        except OSError as exc:
            failure = cannot_write(Path(exc.filename or run), exc)
            report(f"{run}: the index and manifest were not written: {failure.message}")
    return ordered
