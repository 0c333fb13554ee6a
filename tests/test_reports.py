"""Rendering: HTML pages with their scripts once per folder, tables with their CSV files,
an index, a manifest and readable error pages; one failure does not stop the rest."""

import json
import re

import nbformat
import pytest
from plotly.offline import get_plotlyjs

from helpers.charts.tables import PAGE_BUDGET_CHARS
from helpers.reports.jobs import Job, discover_notebooks
from helpers.reports.render import render_jobs

TABLES_CODE = """
import pandas as pd
from helpers.charts.base import show_table
figures = pd.DataFrame({"value": [70000000.0, None, 19.0], "source": ["the MoH in Gaza", None, "UN <b>OCHA</b>"],
                        "npmi": [0.412345, float("nan"), -0.2],
                        "as_of": pd.to_datetime(["2023-10-07", None, "2023-10-08"])})
show_table(figures, "figures", caption="Every figure")
big = pd.DataFrame({"n": range(6000), "text": ["a sentence long enough to fill the page budget quickly " * 3] * 6000})
show_table(big, "evidence")
show_table(figures.iloc[0:0], "none", caption="Figures of no kind")
"""


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
    bad = _notebook(root / "02_bad.ipynb", "import pandas as pd\noutlet = pd.NA\nlabel = outlet or 'unknown'")
    tables = _notebook(root / "03_tables.ipynb", TABLES_CODE)
    out = root / "reports"
    results = render_jobs([Job(good, {"corpus": "seeds-x"}, "run1"), Job(bad, {}, "run1"),
                           Job(tables, {}, "run1")], out)
    return out / "run1", results


def test_plotly_js_is_served_once_per_report_folder(rendered):
    folder, results = rendered
    assert results[0].status == "ok"
    page = (folder / "01_good.html").read_text()
    assert "Plotly.newPlot" in page and '<script src="plotly.min.js"' in page
    assert "plotly.js v" not in page.lower(), "plotly.js must not be inside the page"
    assert (folder / "plotly.min.js").read_text(encoding="utf-8") == get_plotlyjs()
    assert '<link href="report.css" rel="stylesheet"' in page or 'href="report.css"' in page
    assert "Copyright (c) Jupyter Development Team" not in page, "the style sheet is beside the page"
    assert (folder / "report.css").stat().st_size > 100_000
    assert '<script src="http' not in page and "cdnjs" not in page
    assert len(page.encode()) < 100_000
    assert "seeds-x" in page  # the injected parameter reached the notebook


def test_self_contained_report_embeds_the_scripts(tmp_path):
    nb = _notebook(tmp_path / "01_chart.ipynb", (
        "import plotly.express as px\nfrom helpers.charts.base import show, show_table\nimport pandas as pd\n"
        "show(px.bar(x=['a'], y=[1]))\nshow_table(pd.DataFrame({'a': [1]}), 'one')"))
    (result,) = render_jobs([Job(nb, {}, "mail", self_contained=True)], tmp_path / "out")
    assert result.status == "ok"
    page = (tmp_path / "out/mail/01_chart.html").read_text()
    assert "plotly.js v" in page.lower() and "_itables_" in page and 'src="plotly.min.js"' not in page
    assert "Copyright (c) Jupyter Development Team" in page and 'href="report.css"' not in page
    assert not (tmp_path / "out/mail/plotly.min.js").exists() and not (tmp_path / "out/mail/report.css").exists()


def test_failed_report_names_the_exception_and_the_cell(rendered):
    folder, results = rendered
    assert [r.status for r in results] == ["ok", "failed", "ok"]
    assert results[1].error == "TypeError: boolean value of NA is ambiguous"
    page = (folder / "02_bad.error.html").read_text()
    assert not (folder / "02_bad.html").exists()
    assert "failed to render" in page and "TypeError: boolean value of NA is ambiguous" in page
    assert "label = outlet or &#39;unknown&#39;" in page, "the failing cell's source is shown"
    assert "Traceback" in page and "\x1b[" not in page, "the traceback is shown without colour codes"
    assert "<style>" in page and "PapermillExecutionError" not in page
    assert (folder / "02_bad.failed.ipynb").exists()


def test_index_and_manifest_carry_the_error_message(rendered):
    folder, _ = rendered
    manifest = json.loads((folder / "manifest.json").read_text())
    assert [j["status"] for j in manifest["jobs"]] == ["ok", "failed", "ok"]
    assert manifest["jobs"][0]["parameters"] == {"corpus": "seeds-x"}
    assert manifest["jobs"][1]["error"] == "TypeError: boolean value of NA is ambiguous"
    index = (folder / "index.html").read_text()
    assert "01_good.html" in index and "A small report" in index
    assert "TypeError: boolean value of NA is ambiguous" in index and "02_bad.error.html" in index
    assert not list(folder.rglob(".*.tmp")), "temporary files left behind"


def test_tables_are_paged_with_every_row_in_a_csv_beside_the_report(rendered):
    folder, results = rendered
    assert results[2].tables == ["evidence", "figures", "none"]
    csv = (folder / "tables/03_tables/figures.csv").read_text().splitlines()
    assert csv[0] == "value,source,npmi,as_of" and csv[1].startswith("70000000,the MoH in Gaza,0.412345")
    assert len((folder / "tables/03_tables/evidence.csv").read_text().splitlines()) == 6001
    page = (folder / "03_tables.html").read_text()
    assert '<script src="itables.js"' in page and (folder / "itables.js").stat().st_size > 100_000
    assert 'href="tables/03_tables/figures.csv"' in page and 'href="tables/03_tables/evidence.csv"' in page
    data = re.findall(r'"data_json": "(.*?)",\n', page)
    assert len(data) == 2
    for cells in data:  # what the reader sees: no NA markers, no float noise
        assert not re.search(r"<NA>|NaN|NaT|None|70000000\.0|0\.412345", cells), cells[:300]
    assert "70000000" in data[0] and "0.412" in data[0] and "UN &lt;b&gt;OCHA&lt;/b&gt;" in data[0]
    assert "This page holds the first" in page and "of 6,000 rows" in page
    assert len(data[1]) < PAGE_BUDGET_CHARS * 1.3, "the page holds at most the budget of one table"
    assert "…" not in page.split("<body", 1)[1].replace("Provenance", ""), "nothing cut with an ellipsis"
    # an empty table is one line, with its (empty) CSV: the notebook says why it is empty
    assert "Figures of no kind · no rows" in page
    assert (folder / "tables/03_tables/none.csv").read_text().strip() == "value,source,npmi,as_of"


def test_a_table_no_longer_made_loses_its_csv(tmp_path):
    nb = _notebook(tmp_path / "01_t.ipynb", "import pandas as pd\nfrom helpers.charts.base import show_table\n"
                   "show_table(pd.DataFrame({'a': [1]}), 'first')")
    render_jobs([Job(nb, {}, "r")], tmp_path / "out")
    _notebook(tmp_path / "01_t.ipynb", "import pandas as pd\nfrom helpers.charts.base import show_table\n"
              "show_table(pd.DataFrame({'a': [1]}), 'second')")
    (result,) = render_jobs([Job(nb, {}, "r")], tmp_path / "out")
    assert result.tables == ["second"]
    assert sorted(p.name for p in (tmp_path / "out/r/tables/01_t").iterdir()) == ["second.csv"]


def test_run_names_cannot_leave_the_output_folder(tmp_path):
    nb = _notebook(tmp_path / "01_x.ipynb", "pass")
    for run in ("../x", "/abs/path", ".."):
        with pytest.raises(ValueError, match="one folder name"):
            render_jobs([Job(nb, {}, run)], tmp_path / "out")
    assert not (tmp_path / "x").exists()


def test_report_notebooks_are_discovered_in_order():
    names = [p.stem for p in discover_notebooks()]
    assert names == sorted(names) and "01_corpus_overview" in names


def test_jobs_rendering_at_once_start_in_their_notebook_folder_and_leave_ours_alone(tmp_path):
    """papermill's ``cwd`` moves the whole process; with two jobs in threads it left us in a notebook folder."""
    from pathlib import Path

    first, second = tmp_path / "a", tmp_path / "b"
    jobs = []
    for folder in (first, second):
        folder.mkdir()
        notebook = _notebook(folder / "01_where.ipynb", "import os\nprint(os.getcwd())")
        jobs += [Job(notebook, {}, f"run_{folder.name}_{n}") for n in range(2)]
    before = Path.cwd()
    results = render_jobs(jobs, tmp_path / "reports", workers=2)
    assert Path.cwd() == before
    assert [r.status for r in results] == ["ok"] * 4
    for job in jobs:
        executed = nbformat.read(tmp_path / "reports" / job.run / "01_where.ipynb", as_version=4)
        assert executed.cells[-1].outputs[0]["text"].strip() == str(job.notebook.parent)
