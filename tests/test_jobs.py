"""Report jobs: parameters checked before anything runs, jobs files, skipping, timeouts."""

import json
import re

import nbformat
import pytest

from checkout import NOTEBOOKS_DIR
from helpers.__main__ import main
from helpers.reports.jobs import Job, JobsFileError, check_parameters, declared_parameters, load_jobs
from helpers.reports.render import render_jobs

PARAMS = '''corpus: str = ""  # folder of articles
window: str = "sentence"  # one of: sentence, paragraph, article
min_count: int = 2  # pairs seen fewer times are hidden
share: float = 0.5  # a share'''


def _notebook(path, code, params=PARAMS):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    cell = nbformat.v4.new_code_cell(params)
    cell.metadata["tags"] = ["parameters"]
    nb.cells = [nbformat.v4.new_markdown_cell("# Test report"), cell, nbformat.v4.new_code_cell(code)]
    nbformat.write(nb, path)
    return path


def test_declared_parameters_with_allowed_values(tmp_path):
    params = declared_parameters(_notebook(tmp_path / "01_x.ipynb", "pass"))
    assert params["window"].allowed == ["sentence", "paragraph", "article"]
    assert params["min_count"].type_name == "int" and params["min_count"].default == 2


@pytest.mark.parametrize(("parameters", "message"), [
    ({"windw": "sentence"}, "01_x: unknown parameter 'windw' (did you mean 'window'?)"),
    ({"min_count": "2"}, "01_x: parameter 'min_count' expects int, got str '2'"),
    ({"min_count": True}, "01_x: parameter 'min_count' expects int, got bool True"),
    ({"window": "page"}, "01_x: parameter 'window' got 'page'; expected one of: sentence, paragraph, article"),
])
def test_bad_parameters_are_named(tmp_path, parameters, message):
    job = Job(_notebook(tmp_path / "01_x.ipynb", "pass"), parameters)
    assert check_parameters(job) == [message] or message in check_parameters(job)[0]


def test_good_parameters_pass(tmp_path):
    job = Job(_notebook(tmp_path / "01_x.ipynb", "pass"), {"window": "article", "min_count": 3, "share": 1})
    assert check_parameters(job) == []


def test_every_shipped_notebook_declares_corpus_and_registry():
    for notebook in sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb")):
        declared = declared_parameters(notebook)
        assert {"corpus", "registry"} <= set(declared), notebook.name


def test_jobs_file(tmp_path):
    (tmp_path / "jobs.yaml").write_text(
        "runs:\n  - name: mine\n    corpus: corpus_dir\n    notebooks: [01_corpus_overview]\n"
        "    notebook_parameters:\n      01_corpus_overview: {registry: r.yaml}\n    timeout: 30\n")
    (job,) = load_jobs(tmp_path / "jobs.yaml")
    assert job.run == "mine" and job.timeout == 30 and job.name == "01_corpus_overview"
    assert job.parameters == {"corpus": str((tmp_path / "corpus_dir").resolve()), "registry": "r.yaml"}


def test_jobs_file_errors_name_the_file(tmp_path):
    bad = tmp_path / "jobs.yaml"
    bad.write_text("runs:\n  - name: x\n    notebooks: [99_nope]\n")
    with pytest.raises(JobsFileError, match=r"jobs.yaml: run 'x': no notebook named 99_nope"):
        load_jobs(bad)
    bad.write_text("runs: [\n")
    with pytest.raises(JobsFileError, match="jobs.yaml: is not valid YAML"):
        load_jobs(bad)
    assert main(["render", str(bad), "--out", str(tmp_path / "out")]) == 2


@pytest.fixture(scope="module")
def unattended(tmp_path_factory):
    root = tmp_path_factory.mktemp("unattended")
    jobs = [
        Job(_notebook(root / "01_ok.ipynb", "print('fine', window)"), {"window": "article"}, "r"),
        Job(_notebook(root / "02_typo.ipynb", "print('never runs')"), {"windw": "article"}, "r"),
        Job(_notebook(root / "03_slow.ipynb", "import time\ntime.sleep(60)"), {}, "r", timeout=3),
        Job(_notebook(root / "04_dies.ipynb", "import os\nos._exit(1)"), {}, "r", timeout=60),
    ]
    return root, jobs, render_jobs(jobs, root / "out")


def test_failures_are_isolated_and_reported(unattended):
    root, jobs, results = unattended
    assert [r.status for r in results] == ["ok", "failed", "failed", "failed"]
    assert "unknown parameter 'windw'" in results[1].error
    assert "Timeout" in results[2].error or "timed out" in results[2].error.lower()
    assert "Dead" in results[3].error or "died" in results[3].error.lower()
    assert results[3].duration_s < 45, "a dead kernel must be reported, not waited on"
    manifest = json.loads((root / "out/r/manifest.json").read_text())
    assert [j["status"] for j in manifest["jobs"]] == ["ok", "failed", "failed", "failed"]
    assert manifest["jobs"][0]["inputs"]["notebook"] and manifest["versions"]["papermill"]
    assert (root / "out/r/02_typo.error.html").exists() and not (root / "out/r/02_typo.html").exists()


def test_unchanged_jobs_are_skipped_unless_forced(unattended, capsys):
    root, jobs, _ = unattended
    again = render_jobs(jobs[:1], root / "out", force=False)
    assert again[0].status == "skipped"
    forced = render_jobs(jobs[:1], root / "out", force=True)
    assert forced[0].status == "ok"
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\r" not in out, "progress must stay readable in a log file"


def test_same_inputs_same_report_bytes_but_provenance(tmp_path):
    nb = _notebook(tmp_path / "01_chart.ipynb", (
        "import plotly.express as px\nfrom helpers.charts.base import show\n"
        "show(px.scatter(x=[1, 2, 3], y=[3, 1, 2], title='t'))"))
    pages = []
    for run in ("a", "b"):
        (result,) = render_jobs([Job(nb, {}, run)], tmp_path / "out")
        assert result.status == "ok"
        page = (tmp_path / "out" / run / "01_chart.html").read_text()
        assert 'id="provenance"' in page
        pages.append(re.sub(r'<details id="provenance">.*?</details>', "", page, flags=re.S))
    assert pages[0] == pages[1]
