"""The render command as an operator meets it: what stops a run before any kernel starts,
what the console says when a report fails, a full disk, and `make lab` as root.

These run ``python -m helpers`` in a child process, as a person would, on a small
project folder made here (its own notebooks, a one-article corpus, its own cache).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from checkout import PROJECT_ROOT
from helpers import __main__ as cli
from helpers.paths import PROJECT_ENV

ARTICLE = "Hamas fired rockets at Israel on 8 October 2023, the Israeli army said on Sunday.\n"
PARAMS = '''corpus: str = ""  # folder of articles
window: str = "sentence"  # one of: sentence, paragraph, article
date_from: str = ""  # first day, YYYY-MM-DD; empty means no lower limit'''


def _notebook(path: Path, code: str, params: str = PARAMS) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    cell = nbformat.v4.new_code_cell(params)
    cell.metadata["tags"] = ["parameters"]
    nb.cells = [nbformat.v4.new_markdown_cell(f"# {path.stem}"), cell, nbformat.v4.new_code_cell(code)]
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> Path:
    """A project folder: two notebooks (one fails on pd.NA) and a one-article corpus.

    ``main(["--project", ...])`` sets the project variable for the kernels; setting it here
    through monkeypatch puts it back afterwards, so later tests see the real project.
    """
    monkeypatch.setenv(PROJECT_ENV, str(tmp_path))
    _notebook(tmp_path / "notebooks/01_fine.ipynb", "print('fine', window)\nprint('a long line ' * 3_000)")
    _notebook(tmp_path / "notebooks/02_na.ipynb", "import pandas as pd\noutlet = pd.NA\nlabel = outlet or 'unknown'")
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus/one.txt").write_text(ARTICLE, encoding="utf-8")
    return tmp_path


def helpers_cli(project: Path, *args: str, limit_file_bytes: int | None = None) -> subprocess.CompletedProcess:
    """Run ``python -m helpers --project PROJECT ARGS`` (with files limited to ``limit_file_bytes``)."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit_file_bytes, limit_file_bytes))

    env = {**os.environ, "NEWS_HELPERS_CACHE": str(project / ".cache")}
    env.pop("NEWS_HELPERS_REPORT", None)
    return subprocess.run([sys.executable, "-m", "helpers", "--project", str(project), *args],
                          capture_output=True, text=True, env=env, cwd=project, timeout=600,
                          preexec_fn=limit if limit_file_bytes else None)


def no_kernel(*_args, **_kwargs):
    raise AssertionError("a kernel was started although the run had to stop first")


@pytest.mark.parametrize("corpus", ["missing", "empty"])
def test_a_missing_or_empty_corpus_stops_before_any_kernel_with_exit_2(project, monkeypatch, capsys, corpus):
    (project / "empty").mkdir()
    monkeypatch.setattr(cli, "render_jobs", no_kernel)
    code = cli.main(["--project", str(project), "render", "--corpus", str(project / corpus),
                     "--out", str(project / "out")])
    err = capsys.readouterr().err
    assert code == 2
    assert str(project / corpus) in err and ("does not exist" in err or "no article could be read" in err), err
    assert not (project / "out" / corpus).exists()


@pytest.mark.parametrize(("parameters", "message"), [
    ("{window: sentences}", "01_fine: parameter 'window' got 'sentences'; expected one of: sentence, paragraph"),
    ("{date_from: '2017'}", "01_fine: parameter 'date_from' got '2017'; expected a date written YYYY-MM-DD"),
])
def test_bad_parameters_stop_before_any_kernel_with_exit_2(project, monkeypatch, capsys, parameters, message):
    jobs = project / "jobs.yaml"
    jobs.write_text(f"runs:\n  - name: r\n    corpus: corpus\n    notebooks: [01_fine]\n"
                    f"    parameters: {parameters}\n")
    monkeypatch.setattr(cli, "render_jobs", no_kernel)
    assert cli.main(["--project", str(project), "render", str(jobs), "--out", str(project / "out")]) == 2
    assert message in capsys.readouterr().err


def test_an_output_folder_that_cannot_be_written_stops_with_exit_2(project, monkeypatch, capsys):
    (project / "a_file").write_text("not a folder")
    monkeypatch.setattr(cli, "render_jobs", no_kernel)
    code = cli.main(["--project", str(project), "render", "--corpus", str(project / "corpus"),
                     "--out", str(project / "a_file/reports")])
    assert code == 2
    assert "cannot write reports into" in capsys.readouterr().err


def test_extraction_shows_a_progress_bar_on_a_terminal(project, monkeypatch):
    seen = []
    monkeypatch.setattr(cli, "ensure_tables", lambda corpus, registry, progress: seen.append(progress))
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert cli._prepare_tables(cli.default_jobs(project / "corpus")) == []
    assert seen == [True]


@pytest.mark.parametrize(("asked", "used", "said"), [(8, 2, True), (2, 2, False), (0, 1, False)])
def test_render_workers_are_capped_by_the_cores_and_the_cap_is_said(project, monkeypatch, capsys, asked, used, said):
    seen = []
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    monkeypatch.setattr(cli, "ensure_tables", lambda corpus, registry, progress: None)
    monkeypatch.setattr(cli, "render_jobs", lambda jobs, out, **kwargs: seen.append(kwargs["workers"]) or [])
    assert cli.main(["--project", str(project), "render", "--corpus", str(project / "corpus"),
                     "--out", str(project / "out"), "--workers", str(asked)]) == 0
    assert seen == [used]
    err = capsys.readouterr().err
    assert ("--workers 8 asks for more kernels than this machine's 2 cores; rendering 2 notebooks at once"
            in err) is said


def test_a_failure_is_one_console_line_with_the_exception_s_own_message(project):
    done = helpers_cli(project, "render", "--corpus", "corpus", "--out", "out")
    console = done.stdout + done.stderr
    assert done.returncode == 1, console
    failures = [line for line in console.splitlines() if "02_na" in line and "failed" in line]
    assert len(failures) == 1, console
    assert "TypeError: boolean value of NA is ambiguous" in failures[0]
    assert "(see out/corpus/02_na.error.html)" in failures[0]
    assert "PapermillExecutionError" not in console and "-----" not in console and "Traceback" not in console
    assert "1 of 2 reports ready" in console
    manifest = json.loads((project / "out/corpus/manifest.json").read_text())
    assert manifest["jobs"][1]["error"] == "TypeError: boolean value of NA is ambiguous"


@pytest.mark.parametrize("fails", ["executing", "publishing"])
def test_a_full_disk_leaves_the_last_good_report_and_no_temporary_file(project, fails):
    """Files over a size cannot be written (RLIMIT_FSIZE, as a disk filling up).

    Below the executed notebook's size, papermill cannot save it; between the notebook's
    and the page's size, the new notebook could be written but the page cannot: neither
    may replace the last good pair.
    """
    assert helpers_cli(project, "render", "--corpus", "corpus", "--out", "out").returncode == 1
    folder = project / "out/corpus"
    before = {name: (folder / name).read_bytes() for name in ("01_fine.html", "01_fine.ipynb")}
    notebook, page = len(before["01_fine.ipynb"]), len(before["01_fine.html"])
    assert page > notebook + 1_000, "the page must be larger than the notebook"
    limit = notebook // 2 if fails == "executing" else (notebook + page) // 2
    done = helpers_cli(project, "render", "--corpus", "corpus", "--out", "out", "--force", limit_file_bytes=limit)
    console = done.stdout + done.stderr
    assert done.returncode == 1, console
    assert "Traceback" not in console, console
    line = next(line for line in console.splitlines() if "corpus/01_fine:" in line)
    assert "failed" in line and "cannot write" in line and "Free some space" in line, line
    assert any("corpus/02_na:" in line for line in console.splitlines()), "later jobs still run"
    assert {name: (folder / name).read_bytes() for name in before} == before, "the last good report stays whole"
    assert not list(project.rglob("*.tmp")), "temporary files left behind"
    manifest = json.loads((folder / "manifest.json").read_text())
    assert [job["status"] for job in manifest["jobs"]] == ["failed", "failed"]
    assert "cannot write" in manifest["jobs"][0]["error"]
    assert (folder / "01_fine.error.html").exists()


def test_make_lab_listens_on_loopback_with_a_token_and_runs_as_root():
    done = subprocess.run(["make", "-n", "lab"], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True)
    command = next(line for line in done.stdout.splitlines() if "jupyter lab" in line)
    assert "--ip=127.0.0.1" in command and "token=''" not in command and 'token=""' not in command
    assert ("--allow-root" in command) == (os.geteuid() == 0), command
