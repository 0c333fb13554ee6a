"""End-to-end checks in a real browser (Debian's chromium, driven by playwright).

(a) Every rendered report (all notebooks, rendered for the hostile corpus of
``hostile_corpus.py``, which holds the seeds too) opens with the network disabled,
loads plotly.js and the table scripts from files beside it, draws its plotly charts and
its searchable tables, logs no console error, opens no dialog and runs no injected
script, also when each chart's hover labels are shown.
(b) JupyterLab, started on loopback with a token in a temporary folder, opens a copy of
each notebook set to the hostile corpus, runs all cells from the Run menu, and shows no
error output and no dialog.

Screenshots go to ``test-artifacts/browser/``. Without chromium the tests skip, except
in CI (``CI`` set), where they fail.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import pytest

try:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
except ImportError:  # the browser fixture then skips, or fails in CI
    PlaywrightTimeout = TimeoutError

from checkout import PROJECT_ROOT
from helpers.reports.jobs import discover_notebooks
from hostile_corpus import render_hostile

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ARTIFACTS = PROJECT_ROOT / "test-artifacts" / "browser"
LAB_START_TIMEOUT_S = 120
FAILING_NOTEBOOK = "zz_fails_on_purpose.ipynb"
TABLE_NOTEBOOK = "zz_table.ipynb"
RUN_ALL_TIMEOUT_S = 300
#: How many points with hostile hover text get their label shown, per trace.
HOVERED_POINTS = 5


def _missing(reason: str) -> None:
    """Fail in CI, skip elsewhere."""
    if os.environ.get("CI"):
        pytest.fail(
            f"{reason} (CI is set, so the browser tests must run: .ci/run installs chromium)"
        )
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        _missing(f"chromium not found at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("the playwright package is not installed")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    return render_hostile(tmp_path_factory)


@dataclass
class Watch:
    """What a page did that it should not: dialogs, console errors, page errors, requests."""

    dialogs: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)

    def attach(self, page) -> None:
        """Record the page's dialogs (dismissed), console errors and uncaught errors."""
        page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        page.on(
            "console",
            lambda msg: self.console_errors.append(msg.text) if msg.type == "error" else None,
        )
        page.on("pageerror", lambda exc: self.page_errors.append(str(exc)))


LOCAL_FILES = ("file:", "data:", "blob:")


def offline_page(browser, watch: Watch, allowed: tuple[str, ...] = LOCAL_FILES):
    """Return a page where every request not starting with ``allowed`` is aborted and recorded.

    With the default (local files only) the context is also offline.
    """
    context = browser.new_context(
        offline=allowed == LOCAL_FILES, viewport={"width": 1300, "height": 900}
    )

    def route(route) -> None:
        if route.request.url.startswith(allowed):
            route.continue_()
        else:
            watch.blocked.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    page = context.new_page()
    watch.attach(page)
    return page


SHOW_HOVERS = """async (maxPoints) => {
  // Show hover labels the way a reader's mouse does, one at a time (plotly throttles
  // hover to one every 50 ms): for each trace that has hover labels, its first point and
  // up to maxPoints points whose hover text carries a hostile marker. Return how many
  // labels were shown and the texts of those with a marker.
  const result = {shown: 0, hostile: []};
  const pause = () => new Promise(resolve => setTimeout(resolve, 60));
  for (const gd of document.querySelectorAll('.js-plotly-plot')) {
    for (const [curve, trace] of (gd._fullData || []).entries()) {
      if (['none', 'skip'].includes(trace.hoverinfo)) continue;
      const texts = [].concat(trace.hovertext || trace.text || []);
      const points = texts.flatMap((t, i) => String(t).includes('XSS-') ? [i] : [])
        .slice(0, maxPoints);
      const subplot = (trace.xaxis || 'x') + (trace.yaxis || 'y');
      for (const point of [trace.type === 'heatmap' ? [0, 0] : 0, ...points]) {
        try { Plotly.Fx.hover(gd, [{curveNumber: curve, pointNumber: point}], subplot); }
        catch (e) { continue; }
        await pause();
        for (const label of gd.querySelectorAll('.hoverlayer .hovertext')) {
          result.shown++;
          if (label.textContent.includes('XSS-')) result.hostile.push(label.textContent);
        }
      }
    }
  }
  return result;
}"""


def test_the_watch_sees_an_injected_script_run(browser, tmp_path):
    """The checks below would notice a payload that ran: a raw one does trigger them."""
    page_path = tmp_path / "raw.html"
    page_path.write_text(
        "<!DOCTYPE html><html><body><img src=x onerror=\"alert('XSS-raw')\">"
        "<script>window.__pwned='XSS-raw'</script></body></html>",
        encoding="utf-8",
    )
    watch = Watch()
    page = offline_page(browser, watch)
    page.goto(page_path.as_uri(), wait_until="load")
    page.wait_for_timeout(300)
    pwned = page.evaluate("window.__pwned === undefined ? null : String(window.__pwned)")
    page.context.close()
    assert watch.dialogs == ["XSS-raw"] and pwned == "XSS-raw"


def test_reports_open_offline_draw_charts_and_run_nothing_injected(browser, hostile):
    pages = sorted(hostile.reports.glob("*.html"))
    assert [p.stem for p in pages if p.stem != "index"] == [p.stem for p in discover_notebooks()]
    hostile_labels: list[str] = []
    for path in pages:
        watch = Watch()
        page = offline_page(browser, watch)
        page.goto(path.as_uri(), wait_until="load")
        expected = path.read_text(encoding="utf-8").count('class="plotly-graph-div"')
        if expected:
            page.wait_for_function(
                f"document.querySelectorAll('.js-plotly-plot .main-svg').length >= {expected}"
            )
        drawn = page.evaluate(
            "Array.from(document.querySelectorAll('.plotly-graph-div'))"
            ".filter(d => d.classList.contains('js-plotly-plot')"
            " && d.querySelector('svg.main-svg')).length"
        )
        tables = path.read_text(encoding="utf-8").count('class="nh-table"')
        if tables:  # itables draws each table from itables.js beside the page
            page.wait_for_function(
                f"document.querySelectorAll('.nh-table table.dataTable').length >= {tables}"
            )
        hovers = (
            page.evaluate(SHOW_HOVERS, HOVERED_POINTS) if expected else {"shown": 0, "hostile": []}
        )
        hostile_labels.extend(hovers["hostile"])
        page.screenshot(path=str(ARTIFACTS / f"report-{path.stem}.png"), full_page=True)
        javascript_links = page.evaluate(
            "document.querySelectorAll("
            "'[href^=\"javascript:\" i], [*|href^=\"javascript:\" i]').length"
        )
        pwned = page.evaluate("window.__pwned === undefined ? null : String(window.__pwned)")
        page.context.close()
        assert drawn == expected, f"{path.name}: {drawn} of {expected} plotly charts drawn"
        assert not expected or hovers["shown"] > 0, f"{path.name}: no hover label could be shown"
        assert not watch.dialogs, f"{path.name} opened dialogs: {watch.dialogs}"
        assert pwned is None, f"{path.name} ran an injected script: {pwned}"
        assert javascript_links == 0, f"{path.name} has javascript: links"
        assert not watch.blocked, f"{path.name} tried the network: {watch.blocked}"
        assert not watch.console_errors and not watch.page_errors, (
            path.name,
            watch.console_errors,
            watch.page_errors,
        )
    # hover labels with article text show the markup as text
    assert any("<script>alert('XSS-body')</script>" in label for label in hostile_labels), (
        hostile_labels[:5]
    )


def test_hostile_text_is_visible_as_text_in_the_reports(browser, hostile):
    """The outlet's ``<script>`` is shown to the reader as text (in a table or a chart label)."""
    overview = sorted(hostile.reports.glob("01_*.html"))
    if not overview:
        pytest.skip("no corpus overview notebook")
    page = offline_page(browser, Watch())
    page.goto(overview[0].as_uri(), wait_until="load")
    shown = page.evaluate(
        "document.body.innerText + '\\n' + Array.from(document.querySelectorAll('svg text'))"
        ".map(t => t.textContent).join('\\n')"
    )
    page.context.close()
    assert "Evil <script>alert('XSS-outlet')</script> News" in shown


# --- (b) JupyterLab ------------------------------------------------------------------------


def free_port() -> int:
    """Return a free TCP port on the loopback interface."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Lab:
    """A running JupyterLab server."""

    url: str
    token: str
    root: Path
    process: subprocess.Popen


def _wait_for_lab(lab: Lab) -> None:
    """Wait until the server answers its status API with the token."""
    deadline = time.monotonic() + LAB_START_TIMEOUT_S
    while time.monotonic() < deadline:
        if lab.process.poll() is not None:
            raise RuntimeError(f"JupyterLab exited with {lab.process.returncode}")
        try:
            request = urllib.request.Request(
                f"{lab.url}/api/status", headers={"Authorization": f"token {lab.token}"}
            )
            with urllib.request.urlopen(request, timeout=2) as response:  # noqa: S310 - loopback only
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError("JupyterLab did not start in time")


def notebook_copy(notebook: Path, folder: Path, parameters: dict[str, str]) -> Path:
    """Copy ``notebook`` into ``folder`` with its outputs cleared and ``parameters`` set."""
    nb = nbformat.read(notebook, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
            if "parameters" in cell.metadata.get("tags", []):
                for name, value in parameters.items():
                    cell.source = re.sub(
                        rf"^({name}\s*:\s*\w+\s*=\s*)\"\"",
                        rf"\g<1>{json.dumps(value)}",
                        cell.source,
                        flags=re.MULTILINE,
                    )
    target = folder / notebook.name
    nbformat.write(nb, target)
    return target


#: The notebook panel on show (JupyterLab hides the others).
PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"
LAB_SETTINGS = {
    # start the notebook's own kernel without asking
    # and keep every cell in the page (no windowing), so all outputs can be checked
    "@jupyterlab/notebook-extension/tracker": {
        "autoStartDefaultKernel": True,
        "windowingMode": "none",
    },
    # no news or update checks: nothing fetched from outside
    "@jupyterlab/apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
}


def write_lab_settings(folder: Path) -> None:
    """Write JupyterLab user settings for the test server into ``folder``."""
    for plugin, values in LAB_SETTINGS.items():
        path = folder / f"{plugin}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values), encoding="utf-8")


def open_notebook(page, lab: Lab, notebook: str) -> None:
    """Open ``notebook`` in JupyterLab and wait until its kernel is idle."""
    timeout = LAB_START_TIMEOUT_S * 1000
    workspace = re.sub(r"\W", "-", notebook)  # a fresh workspace: no tabs left from another test
    page.goto(
        f"{lab.url}/lab/workspaces/{workspace}/tree/{notebook}?reset&token={lab.token}",
        wait_until="domcontentloaded",
    )
    page.wait_for_selector(f"{PANEL} .jp-Cell", state="attached", timeout=timeout)
    select = page.locator(".jp-Dialog .jp-Dialog-button.jp-mod-accept")
    try:
        select.wait_for(timeout=3000)
        select.click()  # "Select Kernel" asked anyway: take the notebook's kernel
    except PlaywrightTimeout:
        pass
    page.wait_for_function(
        """() => {
      const status = document.querySelector('PANEL .jp-Notebook-ExecutionIndicator');
      const name = document.querySelector('PANEL .jp-NotebookPanel-toolbar .jp-KernelName');
      return status && status.dataset.status === 'idle'
        && name && !/No Kernel/.test(name.textContent);
    }""".replace("PANEL", PANEL),
        timeout=timeout,
    )


@pytest.fixture(scope="module")
def lab(tmp_path_factory, hostile) -> Iterator[Lab]:
    root = tmp_path_factory.mktemp("lab")
    home = tmp_path_factory.mktemp("lab-home")
    for notebook in discover_notebooks():
        notebook_copy(
            notebook, root, {"corpus": str(hostile.corpus), "registry": str(hostile.registry)}
        )
    failing = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell("raise ValueError('expected failure')")]
    )
    failing.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(failing, root / FAILING_NOTEBOOK)
    table = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "import pandas as pd\nfrom helpers.charts.base import show_table\n"
        "show_table(pd.DataFrame({'n': range(30), 'word': [f'w{i}' for i in range(30)]}), 'words')")])
    table.metadata["kernelspec"] = failing.metadata["kernelspec"]
    nbformat.write(table, root / TABLE_NOTEBOOK)
    token, port = secrets.token_hex(16), free_port()
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(home / "config"),
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
    }
    write_lab_settings(home / "settings")
    jupyter = Path(sys.executable).parent / "jupyter"
    command = [
        str(jupyter),
        "lab",
        "--ip=127.0.0.1",
        f"--port={port}",
        "--no-browser",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.extension_manager=readonly",
    ]
    if os.geteuid() == 0:  # CI containers run as root
        command.append("--allow-root")
    log = (home / "lab.log").open("w")
    process = subprocess.Popen(command, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT)
    running = Lab(f"http://127.0.0.1:{port}", token, root, process)
    try:
        _wait_for_lab(running)
        yield running
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        shutil.copy(home / "lab.log", ARTIFACTS / "jupyterlab.log")


def test_lab_listens_on_loopback_with_a_token(lab):
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(f"{lab.url}/api/contents", timeout=5)  # noqa: S310 - loopback only
    assert refused.value.code == 403
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        port = int(lab.url.rsplit(":", 1)[1])
        assert sock.connect_ex(("127.0.0.1", port)) == 0


def draw_lab_charts(page) -> tuple[int, int]:
    """Scroll to each plotly output (drawn once shown); return (outputs, charts drawn)."""
    outputs = page.locator(f"{PANEL} .jp-OutputArea-output.jp-RenderedPlotly")
    drawn = 0
    for index in range(outputs.count()):
        output = outputs.nth(index)
        output.scroll_into_view_if_needed()
        try:
            output.locator("svg.main-svg").first.wait_for(timeout=15000)
            drawn += 1
        except PlaywrightTimeout:
            continue
    return outputs.count(), drawn


RUN_STATE = """() => {
  const prompts = Array.from(document.querySelectorAll('PANEL .jp-CodeCell .jp-InputArea-prompt'));
  return prompts.map(p => p.textContent.trim());
}""".replace("PANEL", PANEL)

ERROR_OUTPUTS = """() => {
  const found = [];
  for (const el of document.querySelectorAll(
      'PANEL .jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"], '
      + 'PANEL .jp-RenderedText')) {
    const text = el.textContent || '';
    if (/Traceback|\\b\\w*Error\\b/.test(text)) found.push(text.slice(0, 400));
  }
  return found;
}""".replace("PANEL", PANEL)


def run_all_cells(page) -> list[str]:
    """Choose Run > Run All Cells and wait until every code cell has run; return the prompts."""
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).click()
    try:
        page.wait_for_function(
            f"({RUN_STATE})().every(p => /^\\[\\d+\\]:$/.test(p))",
            timeout=RUN_ALL_TIMEOUT_S * 1000,
            polling=500,
        )
    except PlaywrightTimeout:
        pass  # the caller reports the prompts
    return page.evaluate(RUN_STATE)


def test_lab_error_output_is_noticed(browser, lab):
    """The check below would notice a cell that fails: a failing notebook does trigger it."""
    page = offline_page(browser, Watch(), allowed=(lab.url, "data:", "blob:"))
    open_notebook(page, lab, FAILING_NOTEBOOK)
    run_all_cells(page)
    page.wait_for_timeout(1000)
    errors = page.evaluate(ERROR_OUTPUTS)
    page.context.close()
    assert any("ValueError" in e and "expected failure" in e for e in errors), errors


def test_lab_shows_a_searchable_table_offline(browser, lab):
    """show_table works in JupyterLab too: itables' loader comes with the first table, offline."""
    watch = Watch()
    page = offline_page(browser, watch, allowed=(lab.url, "data:", "blob:"))
    open_notebook(page, lab, TABLE_NOTEBOOK)
    run_all_cells(page)
    page.wait_for_selector(f"{PANEL} .nh-table table.dataTable", timeout=30000)
    info = page.locator(f"{PANEL} .dt-info").inner_text()
    page.screenshot(path=str(ARTIFACTS / "lab-table.png"), full_page=True)
    page.context.close()
    assert "of 30 entries" in info, info
    assert not watch.blocked, watch.blocked


@pytest.mark.parametrize("notebook", [p.name for p in discover_notebooks()])
def test_lab_runs_every_cell_without_error(browser, lab, hostile, notebook):
    watch = Watch()
    page = offline_page(browser, watch, allowed=(lab.url, "data:", "blob:"))
    open_notebook(page, lab, notebook)
    prompts = run_all_cells(page)
    page.wait_for_timeout(1500)  # let the last outputs (plotly) render
    errors = page.evaluate(ERROR_OUTPUTS)
    charts = draw_lab_charts(page)
    pwned = page.evaluate("window.__pwned === undefined ? null : String(window.__pwned)")
    page.screenshot(path=str(ARTIFACTS / f"lab-{Path(notebook).stem}.png"), full_page=True)
    page.context.close()
    assert prompts and all(re.fullmatch(r"\[\d+\]:", p) for p in prompts), (
        f"not every cell ran: {prompts}"
    )
    assert not errors, f"{notebook} shows error output: {errors}"
    assert not watch.dialogs, f"{notebook} opened dialogs: {watch.dialogs}"
    assert pwned is None, f"{notebook} ran an injected script: {pwned}"
    assert not watch.blocked, f"{notebook} in JupyterLab tried the network: {watch.blocked}"
    report = hostile.reports / f"{Path(notebook).stem}.html"
    expected = report.read_text(encoding="utf-8").count('class="plotly-graph-div"')
    assert charts == (expected, expected), f"{notebook}: (plotly outputs, drawn) in JupyterLab"


def test_a_table_is_searchable_paged_and_links_its_csv(browser, tmp_path):
    """A table of show_table in a rendered report: search narrows the rows, pages turn, the CSV is there."""
    import nbformat as nbf

    from helpers.reports.jobs import Job
    from helpers.reports.render import render_jobs

    nb = nbf.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbf.v4.new_markdown_cell("# Table"), nbf.v4.new_code_cell(
        "import pandas as pd\nfrom helpers.charts.base import show_table\n"
        "show_table(pd.DataFrame({'n': range(45), 'text': [f'sentence {i} about Gaza' if i % 9 == 0 "
        "else f'sentence {i}' for i in range(45)]}), 'sentences', caption='Every sentence')")]
    nbf.write(nb, tmp_path / "01_table.ipynb")
    (result,) = render_jobs([Job(tmp_path / "01_table.ipynb", {}, "t")], tmp_path / "out")
    assert result.status == "ok", result.error
    watch = Watch()
    page = offline_page(browser, watch)
    page.goto((tmp_path / "out/t/01_table.html").as_uri(), wait_until="load")
    page.wait_for_selector(".nh-table table.dataTable")
    info = page.locator(".dt-info").inner_text()
    page.locator(".dt-search input").fill("Gaza")
    page.wait_for_timeout(300)
    rows = page.locator(".nh-table table.dataTable tbody tr").count()
    filtered = page.locator(".dt-info").inner_text()
    href = page.locator(".nh-caption a").get_attribute("href")
    page.screenshot(path=str(ARTIFACTS / "report-table.png"), full_page=True)
    page.context.close()
    assert "of 45 entries" in info and rows == 5 and "5 entries" in filtered, (info, rows, filtered)
    assert href == "tables/01_table/sentences.csv" and (tmp_path / "out/t" / href).exists()
    assert not watch.console_errors and not watch.page_errors and not watch.blocked
