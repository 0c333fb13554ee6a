"""Every report renders on corpora no one here wrote, with no error and no warning text in the page.

The seeds are rendered by the notebook tests; here every notebook runs on the second test
corpus, on one article alone, and on two trade stories that give no date, no outlet and
no actor of the registry. A section with nothing to show says so in a sentence.
"""

from __future__ import annotations

import shutil

import nbformat
import pytest

from checkout import PROJECT_ROOT, SEEDS_DIR
from helpers.reports.jobs import Job, discover_notebooks
from helpers.reports.render import render_jobs

pytestmark = pytest.mark.slow

BARE = {
    "grain.txt": "Grain prices climb as exporters hold back stock\n\n"
                 "Wheat futures rose 4 percent on Tuesday after exporters said they would hold back "
                 "20,000 tonnes of grain.\nTraders said the move surprised the market. "
                 "\"We did not expect this,\" a broker said.\nSoybean prices fell by 2 percent.\n",
    "copper.txt": "Copper demand slows in the second quarter\n\n"
                  "Copper demand slowed in the second quarter, a trade group said, as factories cut orders.\n"
                  "The group said 3 smelters had closed and 1,200 workers were laid off.\n",
}


def _bare(folder):
    folder.mkdir()
    for name, text in BARE.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _one(folder):
    folder.mkdir()
    shutil.copy(sorted(SEEDS_DIR.glob("*.txt"))[0], folder)
    return folder


CORPORA = {
    "second_corpus": lambda tmp: PROJECT_ROOT / "tests" / "data" / "second_corpus",
    "one_article": lambda tmp: _one(tmp / "one_article"),
    "no_dates_outlets_or_actors": lambda tmp: _bare(tmp / "no_dates_outlets_or_actors"),
}


def _complaints(notebook) -> list[str]:
    """Return every error, stderr stream or warning shown in the executed notebook's outputs."""
    found = []
    for number, cell in enumerate(notebook.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                found.append(f"cell {number}: {output.get('ename')}: {output.get('evalue')}")
            elif output.get("output_type") == "stream" and output.get("name") == "stderr":
                found.append(f"cell {number}: stderr: {output.get('text', '')[:300]}")
            text = str(output.get("text", "")) + str(output.get("data", {}).get("text/html", ""))
            if "Warning:" in text or "Traceback" in text:
                found.append(f"cell {number}: warning text in the page")
    return found


@pytest.mark.parametrize("corpus", list(CORPORA))
def test_every_report_renders_without_error_or_warning_on(corpus, tmp_path):
    folder = CORPORA[corpus](tmp_path)
    jobs = [Job(nb, {"corpus": str(folder)}, corpus) for nb in discover_notebooks()]
    results = render_jobs(jobs, tmp_path / "reports")
    assert [r.status for r in results] == ["ok"] * len(jobs), [(r.notebook, r.status, r.error) for r in results]
    for job in jobs:
        executed = nbformat.read(tmp_path / "reports" / corpus / job.notebook.name, as_version=4)
        assert _complaints(executed) == [], job.notebook.name
