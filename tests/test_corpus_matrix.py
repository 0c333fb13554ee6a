"""Every notebook renders on every corpus of the matrix, readably (issue 12).

The corpora (``corpus_matrix.py``) are built from ``../shared`` into a temporary folder,
extracted once, and every notebook is rendered for each of them, two kernels at a time,
as ``helpers render`` does. Each (corpus, notebook) pair is then checked:

- it renders without error;
- its page holds no warning text: no stderr output (log lines, warnings), no
  ``SomethingWarning:``, no traceback;
- nothing is silently empty: a table without rows or a chart without data comes with a
  sentence (Markdown or printed text) from the same cell, and no cell written to show
  something (a display call, or a last line that is an expression) shows nothing;
- no raw values: no ``<NA>``, ``NaN``, ``NaT``, ``None`` or ``70000000.0`` in a table,
  no Python string repr (``'No two sources disagree…'``) as an output.

Page sizes and render times go to ``test-artifacts/matrix/summary.json``.
"""

from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest

from checkout import PROJECT_ROOT, SHARED
from corpus_matrix import MatrixCorpus, build_matrix
from helpers.pipeline.run import ensure_tables
from helpers.reports.jobs import discover_notebooks, jobs_for
from helpers.reports.render import JobResult, render_jobs

pytestmark = pytest.mark.slow

CORPORA = ["seeds", "second_corpus", "ocha", "rss_mideast", "reuters_trade", "one_article", "bare"]
NOTEBOOKS = [nb.stem for nb in discover_notebooks()]
PAIRS = [(corpus, notebook) for corpus in CORPORA for notebook in NOTEBOOKS]
ARTIFACTS = PROJECT_ROOT / "test-artifacts" / "matrix"
WARNING_TEXT = re.compile(r"\b[A-Z]\w*Warning:|Traceback \(most recent call last\)|^(?:WARNING|ERROR)\b", re.M)
RAW_CELL = re.compile(r"<td>\s*(?:&lt;NA&gt;|<NA>|NaN|NaT|None|nan|\d{2,}\.0)\s*</td>"
                      r"|\"(?:<NA>|NaN|NaT|None)\"")
PY_STRING_REPR = re.compile(r"^(?:'[^\n]*'|\"[^\n]*\")$")
PLOTLY = "application/vnd.plotly.v1+json"
POINT_KEYS = ("x", "y", "z", "values", "lat", "lon", "r", "labels", "source", "a", "b", "c")
DISPLAY_CALLS = {"show", "show_table", "display", "print", "Markdown", "HTML"}


@dataclass
class Rendered:
    """The corpora, and each (corpus, notebook) pair's result and report folder."""

    corpora: dict[str, MatrixCorpus]
    results: dict[tuple[str, str], JobResult]
    reports: Path


@pytest.fixture(scope="module")
def matrix(tmp_path_factory) -> Rendered:
    if not (SHARED / "corpora").is_dir():
        pytest.fail(f"{SHARED / 'corpora'} is missing: the corpus matrix is built from ../shared")
    root = tmp_path_factory.mktemp("matrix")
    corpora = {corpus.name: corpus for corpus in build_matrix(root)}
    assert list(corpora) == CORPORA
    jobs = []
    for corpus in corpora.values():
        ensure_tables(corpus.folder)  # extract once, as `helpers render` does before any kernel
        jobs += jobs_for(discover_notebooks(), {"corpus": str(corpus.folder)}, corpus.name)
    results = render_jobs(jobs, root / "reports", workers=2)
    rendered = Rendered(corpora, {(job.run, job.name): r for job, r in zip(jobs, results, strict=True)},
                        root / "reports")
    write_summary(rendered)
    return rendered


def write_summary(rendered: Rendered) -> None:
    """Write each pair's status, render time and page size to ``test-artifacts/matrix/summary.json``."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    rows = []
    for (corpus, notebook), result in rendered.results.items():
        page = rendered.reports / corpus / f"{notebook}.html"
        rows.append({"corpus": corpus, "notebook": notebook, "status": result.status, "error": result.error,
                     "seconds": result.duration_s, "page_bytes": page.stat().st_size if page.exists() else None})
    (ARTIFACTS / "summary.json").write_text(json.dumps(rows, indent=1), encoding="utf-8")


def executed(rendered: Rendered, corpus: str, notebook: str) -> nbformat.NotebookNode:
    """Return the executed notebook of a pair that rendered (skip the content checks of one that failed)."""
    result = rendered.results[(corpus, notebook)]
    if result.status != "ok":
        pytest.skip(f"did not render: {result.error}")
    return nbformat.read(rendered.reports / corpus / f"{notebook}.ipynb", as_version=4)


def output_texts(output: dict) -> list[str]:
    """Return the texts an output shows (stream text, plain text, HTML, Markdown)."""
    if output.get("output_type") == "stream":
        return [output.get("text", "")]
    data = output.get("data", {})
    return [str(data[mime]) for mime in ("text/plain", "text/html", "text/markdown") if mime in data]


def warning_texts(nb: nbformat.NotebookNode) -> list[str]:
    """Return the warning, error and log text the notebook's outputs show."""
    found = []
    for number, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error" or output.get("name") == "stderr":
                found.append(f"cell {number}: {output.get('ename') or 'stderr'}: "
                             f"{(output.get('evalue') or output.get('text', ''))[:300]}")
            elif any(WARNING_TEXT.search(text) for text in output_texts(output)):
                found.append(f"cell {number}: {next(t for t in output_texts(output) if WARNING_TEXT.search(t))[:300]}")
    return found


def _has_points(value: object) -> bool:
    """Return True for a plotly data array with at least one element (plain or base64-encoded)."""
    if isinstance(value, dict):
        return bool(value.get("bdata"))
    return isinstance(value, list | tuple) and len(value) > 0


def empty_outputs(output: dict) -> str | None:
    """Return why an output shows an empty table or chart, or None."""
    data = output.get("data", {})
    plain = str(data.get("text/plain", ""))
    if plain.startswith("Empty DataFrame") or re.match(r"<table \S+: 0 rows", plain):
        return f"an empty table ({plain.splitlines()[0][:80]})"
    if re.search(r"<tbody>\s*</tbody>", str(data.get("text/html", ""))):
        return "an empty HTML table"
    if PLOTLY in data:
        traces = data[PLOTLY].get("data", [])
        if not any(_has_points(trace.get(key)) for trace in traces for key in POINT_KEYS):
            title = (data[PLOTLY].get("layout", {}).get("title") or {}).get("text", "")
            return f"a chart with no data ({title or 'untitled'})"
    return None


def shows_something(cell: dict) -> bool:
    """Return True when a code cell has a visible output."""
    return any(output.get("output_type") in ("display_data", "execute_result")
               or "".join(output_texts(output)).strip() for output in cell.get("outputs", []))


def meant_to_show(source: str) -> bool:
    """Return True when a cell is written to show something: it ends with an expression or calls a display."""
    try:
        body = ast.parse(source).body
    except SyntaxError:
        return False
    calls = {node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
             for node in ast.walk(ast.Module(body=body, type_ignores=[])) if isinstance(node, ast.Call)}
    return bool(body) and (isinstance(body[-1], ast.Expr) or bool(calls & DISPLAY_CALLS))


def silent_cells(nb: nbformat.NotebookNode) -> list[str]:
    """Return the cells written to show something that show nothing at all."""
    return [f"cell {number} shows nothing: {cell.source.strip().splitlines()[-1][:80]!r}"
            for number, cell in enumerate(nb.cells)
            if cell.cell_type == "code" and meant_to_show(cell.source) and not shows_something(cell)]


@pytest.mark.parametrize(("corpus", "notebook"), PAIRS)
def test_renders_without_error(matrix, corpus, notebook):
    result = matrix.results[(corpus, notebook)]
    assert result.status == "ok", f"{corpus}/{notebook}: {result.error}"


@pytest.mark.parametrize(("corpus", "notebook"), PAIRS)
def test_no_warning_text_in_the_page(matrix, corpus, notebook):
    found = warning_texts(executed(matrix, corpus, notebook))
    assert not found, f"{corpus}/{notebook} shows warnings or log lines:\n" + "\n".join(found[:10])


def says_in_words(cell: dict) -> bool:
    """Return True when a cell's outputs hold a sentence (Markdown, or printed text)."""
    return any("text/markdown" in output.get("data", {}) or (output.get("name") == "stdout" and output["text"].strip())
               for output in cell.get("outputs", []))


@pytest.mark.parametrize(("corpus", "notebook"), PAIRS)
def test_nothing_is_silently_empty(matrix, corpus, notebook):
    nb = executed(matrix, corpus, notebook)
    found = [f"cell {number}: {why}" for number, cell in enumerate(nb.cells) for output in cell.get("outputs", [])
             if (why := empty_outputs(output)) and not says_in_words(cell)]
    found += silent_cells(nb)
    assert not found, f"{corpus}/{notebook}: say why there is nothing to show:\n" + "\n".join(found)


@pytest.mark.parametrize(("corpus", "notebook"), PAIRS)
def test_no_raw_values_in_the_page(matrix, corpus, notebook):
    nb = executed(matrix, corpus, notebook)
    found = []
    for number, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            plain = str(output.get("data", {}).get("text/plain", "")).strip()
            if output.get("output_type") == "execute_result" and PY_STRING_REPR.match(plain):
                found.append(f"cell {number}: a Python string repr {plain[:80]}")
            found += [f"cell {number}: {m.group(0)[:60]}" for text in output_texts(output)
                      for m in RAW_CELL.finditer(text)][:3]
    assert not found, f"{corpus}/{notebook} shows raw values:\n" + "\n".join(found[:10])


def test_the_matrix_corpora_are_what_they_claim(matrix):
    """Each corpus really exercises its case (the checks above are only as good as the corpora)."""
    from helpers.notebook import load_tables

    counts = {name: len(load_tables(corpus.folder)["articles"]) for name, corpus in matrix.corpora.items()}
    assert counts["one_article"] == 1 and counts["ocha"] == 16 and counts["seeds"] == 5
    assert counts["rss_mideast"] >= 50 and counts["reuters_trade"] >= 25
    bare = load_tables(matrix.corpora["bare"].folder)
    assert bare["articles"]["published"].isna().all() and bare["articles"]["outlet"].isna().all()
    assert bare["timexes"].empty, bare["timexes"]["text"].tolist()
    registry_ids = set(bare["actors"]["actor_id"])
    assert not set(bare["mentions"]["actor_id"].dropna()) & registry_ids - _discovered(bare)


def _discovered(tables) -> set[str]:
    """Return the ids of actors discovered in the corpus (not from the registry), when the table says so."""
    actors = tables["actors"]
    return set(actors.loc[actors["origin"] == "discovered", "actor_id"]) if "origin" in actors else set()
