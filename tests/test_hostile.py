"""Hostile text in articles, the catalogue and the registry is shown as text and never runs.

The reports of every notebook are rendered once for a corpus whose bodies, headlines,
outlets, titles, addresses and actor names carry ``<script>``, ``<img onerror>``,
``javascript:`` links and plotly hover markup (see ``hostile_corpus.py``). These
tests read the HTML and the executed notebooks; ``test_browser.py`` opens them.
"""

import re

import nbformat
import pytest

from helpers.pipeline.run import extract_corpus
from hostile_corpus import HOSTILE_IDS, PAYLOADS, render_hostile

#: Markup that would run: a script element holding a payload, a tag with an event handler
#: or a javascript: address carrying a payload. Escaped text (``&lt;script&gt;``) never matches.
RUNNABLE = [
    re.compile(r"<script\b[^>]*>\s*(?:alert\(|window\.__pwned)", re.IGNORECASE),
    re.compile(r"<(?:img|svg|a|iframe|body)\b[^<>]*\bon[a-z]+\s*=[^<>]*XSS-", re.IGNORECASE),
    re.compile(r"<a\b[^<>]*\bhref\s*=\s*[\"']?\s*javascript:[^<>]*XSS-", re.IGNORECASE),
]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    return render_hostile(tmp_path_factory)


def runnable(markup: str) -> list[str]:
    """Return every piece of ``markup`` that a browser would run."""
    return [m.group(0)[:120] for pattern in RUNNABLE for m in pattern.finditer(markup)]


def test_patterns_catch_raw_payloads_and_pass_escaped_ones():
    for key in ("XSS-body", "XSS-img", "XSS-svg", "XSS-break", "XSS-link", "XSS-registry"):
        assert runnable(PAYLOADS[key]), key
    assert not runnable(
        "&lt;img src=x onerror=alert('XSS-img')&gt; &lt;script&gt;alert(1)&lt;/script&gt;"
    )
    assert not runnable("\\u003cscript\\u003ealert('XSS-outlet')\\u003c\\u002fscript\\u003e")


def test_every_notebook_renders_for_the_hostile_corpus(hostile):
    failed = {r.name: r.error for r in hostile.results if r.status != "ok"}
    assert not failed, f"reports that failed on hostile text: {failed}"
    assert len(hostile.results) >= 1


def test_reports_hold_no_runnable_markup(hostile):
    pages = sorted(hostile.reports.glob("*.html"))
    assert len(pages) == len(hostile.results) + 1  # the reports and the index
    for page in pages:
        found = runnable(page.read_text(encoding="utf-8"))
        assert not found, f"{page.name} would run: {found}"


def test_executed_notebooks_hold_no_runnable_markup(hostile):
    """What JupyterLab shows when the rendered notebook is opened."""
    for path in sorted(hostile.reports.glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            for output in cell.get("outputs", []):
                data = output.get("data", {})
                for mime in ("text/html", "text/markdown", "image/svg+xml"):
                    found = runnable(str(data.get(mime, "")))
                    assert not found, f"{path.name}: {mime} output would run: {found}"


def test_hostile_text_is_shown_as_escaped_text(hostile):
    """The hostile outlet reaches the corpus overview, escaped: it is shown, not dropped."""
    overview = list(hostile.reports.glob("01_*.html"))
    if not overview:
        pytest.skip("no corpus overview notebook")
    page = overview[0].read_text(encoding="utf-8")
    assert "Evil &lt;script&gt;alert(" in page or "Evil \\u003cscript\\u003ealert(" in page


def test_hostile_text_reaches_the_tables_unchanged(hostile):
    """Escaping happens when text is shown; the tables keep the source text as it is."""
    result = extract_corpus(hostile.corpus, hostile.registry)
    articles = result.tables["articles"].set_index("article_id")
    assert PAYLOADS["XSS-body"] in articles.loc[HOSTILE_IDS[0], "body"]
    assert articles.loc[HOSTILE_IDS[0], "outlet"] == f"Evil {PAYLOADS['XSS-outlet']} News"
    assert articles.loc[HOSTILE_IDS[0], "url"] == PAYLOADS["XSS-url"]
    assert articles.loc[HOSTILE_IDS[0], "title"] == f"Title {PAYLOADS['XSS-title']}"
    actors = result.tables["actors"].set_index("actor_id")
    assert actors.loc["hamas", "name"].endswith(PAYLOADS["XSS-registry"])
    mentions = result.tables["mentions"]
    assert (mentions["article_id"] == HOSTILE_IDS[0]).sum() >= 5
