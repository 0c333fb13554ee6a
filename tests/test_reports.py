"""Rendering: self-contained HTML, an index and a manifest; one failure does not stop the rest."""

import json

import nbformat
import pytest

from helpers.reports.jobs import Job, discover_notebooks
from helpers.reports.render import render_jobs


def _notebook(path, code):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    params = nbformat.v4.new_code_cell('corpus: str = ""  # folder of articles')
    params.metadata["tags"] = ["parameters"]
    nb.cells = [nbformat.v4.new_markdown_cell("# A small report"), params, nbformat.v4.new_code_cell(code)]
    nbformat.write(nb, path)
    return path


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    root = tmp_path_factory.mktemp("render")
    good = _notebook(root / "01_good.ipynb", (
        "import plotly.graph_objects as go\nfrom helpers.charts.base import show\n"
        "show(go.Figure(go.Bar(x=['a', 'b'], y=[1, 2])))\nprint(corpus)"))
    bad = _notebook(root / "02_bad.ipynb", "raise ValueError('no such actor type: armed group')")
    out = root / "reports"
    results = render_jobs([Job(good, {"corpus": "seeds-x"}, "run1"), Job(bad, {}, "run1")], out)
    return out / "run1", results


def test_good_report_is_self_contained(rendered):
    folder, results = rendered
    assert results[0].status == "ok"
    page = (folder / "01_good.html").read_text()
    assert "Plotly.newPlot" in page and "plotly.js v" in page.lower()
    assert '<script src="http' not in page and "cdnjs" not in page
    assert "seeds-x" in page  # the injected parameter reached the notebook


def test_failed_report_leaves_error_page_and_others_go_on(rendered):
    folder, results = rendered
    assert [r.status for r in results] == ["ok", "failed"]
    page = (folder / "02_bad.error.html").read_text()
    assert not (folder / "02_bad.html").exists()
    assert "failed to render" in page and "no such actor type" in page
    assert (folder / "02_bad.failed.ipynb").exists()


def test_index_and_manifest(rendered):
    folder, _ = rendered
    manifest = json.loads((folder / "manifest.json").read_text())
    assert [j["status"] for j in manifest["jobs"]] == ["ok", "failed"]
    assert manifest["jobs"][0]["parameters"] == {"corpus": "seeds-x"}
    index = (folder / "index.html").read_text()
    assert "01_good.html" in index and "A small report" in index
    assert not list(folder.glob(".*.tmp")), "temporary files left behind"


def test_report_notebooks_are_discovered_in_order():
    names = [p.stem for p in discover_notebooks()]
    assert names == sorted(names) and "01_corpus_overview" in names
