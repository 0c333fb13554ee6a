"""Report jobs: parameters checked before anything runs, jobs files, skipping, timeouts."""

import json
import re

import nbformat
import pytest

from checkout import NOTEBOOKS_DIR
from helpers import vocab
from helpers.__main__ import main
from helpers.reports.jobs import (
    Job,
    JobsFileError,
    allowed_values,
    check_parameters,
    declared_parameters,
    load_jobs,
)
from helpers.reports.render import render_jobs

PARAMS = '''corpus: str = ""  # folder of articles
window: str = "sentence"  # one of: sentence, paragraph, article
min_count: int = 2  # pairs seen fewer times are hidden
share: float = 0.5  # a share
actor_types: str = ""  # comma-separated; one of: ACTOR_TYPES
event_types: list = []  # event types to keep; one of: EVENT_TYPES
date_from: str = ""  # first day, YYYY-MM-DD; empty means no lower limit'''


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
    ({"window": "sentences"}, "01_x: parameter 'window' got 'sentences'; expected one of: sentence, paragraph"),
    ({"actor_types": "people"}, "01_x: parameter 'actor_types' got 'people'; expected comma-separated values, "
                                "each one of: person, organization, armed_group, state, government_body, media, "
                                "place, group"),
    ({"actor_types": "state, peple"}, "01_x: parameter 'actor_types' got 'peple'"),
    ({"event_types": ["visit", "speech"]}, "01_x: parameter 'event_types' got 'speech'; expected comma-separated "
                                           "values, each one of: call, meeting"),
    ({"date_from": "2017"}, "01_x: parameter 'date_from' got '2017'; expected a date written YYYY-MM-DD, "
                            "such as '2017-01-01' (or empty for no limit)"),
    ({"date_from": "2017-02-30"}, "01_x: parameter 'date_from' got '2017-02-30'; expected a date"),
    ({"date_from": "20170101"}, "01_x: parameter 'date_from' got '20170101'; expected a date"),
])
def test_bad_parameters_are_named(tmp_path, parameters, message):
    job = Job(_notebook(tmp_path / "01_x.ipynb", "pass"), parameters)
    assert check_parameters(job) == [message] or message in check_parameters(job)[0]


def test_good_parameters_pass(tmp_path):
    job = Job(_notebook(tmp_path / "01_x.ipynb", "pass"), {
        "window": "article", "min_count": 3, "share": 1, "actor_types": "state, armed_group",
        "event_types": ["visit"], "date_from": "2017-01-01"})
    assert check_parameters(job) == []
    job.parameters = {"actor_types": "", "date_from": "", "event_types": []}  # empty means no filter
    assert check_parameters(job) == []


#: A parameter's comment that lists alternatives ("a, b or c"), names a vocabulary ("actor types")
#: or two values of one vocabulary of helpers.vocab enumerates its values: it must declare them
#: with "one of:".
ALTERNATIVES = re.compile(r"\b\w+,? or (?:per )?\w+\b|\b(?:actor|event) types?\b|\bfigure kinds?\b|qualifiers")


def _enumerates(param) -> bool:
    words = set(re.findall(r"\w+", param.help))
    in_a_vocabulary = any(len(words & set(values)) >= 2 for values in (
        vocab.ACTOR_TYPES, vocab.EVENT_TYPES, vocab.FIGURE_KINDS, vocab.GRANULARITIES, vocab.QUALIFIERS))
    return param.type_name not in ("int", "float", "bool") and (
        in_a_vocabulary or bool(ALTERNATIVES.search(param.help)))


def test_every_enumerated_parameter_of_the_shipped_notebooks_declares_its_values():
    """So that `window: sentences` or `lanes: events` is refused before the run, not in the kernel."""
    missing = [f"{nb.stem}: {p.name}  # {p.help}" for nb in sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb"))
               for p in declared_parameters(nb).values() if _enumerates(p) and not p.allowed]
    assert not missing, "parameters listing values without 'one of:':\n" + "\n".join(missing)


def test_allowed_values_may_name_a_vocabulary():
    assert allowed_values("comma-separated; one of: FIGURE_KINDS") == list(vocab.FIGURE_KINDS)
    assert allowed_values("one of: day, week, month.") == ["day", "week", "month"]
    assert allowed_values("one lane per actor") is None


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
    assert job.parameters == {"corpus": str((tmp_path / "corpus_dir").resolve()),
                              "registry": str((tmp_path / "r.yaml").resolve())}  # relative to the jobs file


def test_jobs_file_errors_name_the_file(tmp_path):
    bad = tmp_path / "jobs.yaml"
    bad.write_text("runs:\n  - name: x\n    notebooks: [99_nope]\n")
    with pytest.raises(JobsFileError, match=r"jobs.yaml: run 'x': no notebook named 99_nope"):
        load_jobs(bad)
    bad.write_text("runs: [\n")
    with pytest.raises(JobsFileError, match="jobs.yaml: is not a valid jobs file"):
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


# --- run-level parameters ------------------------------------------------------------------


def _project_notebooks(folder):
    """Two notebooks: one declares `window`, the other does not."""
    folder.mkdir(parents=True, exist_ok=True)
    _notebook(folder / "01_one.ipynb", "pass")
    _notebook(folder / "02_two.ipynb", "pass", params='corpus: str = ""  # folder of articles')
    return folder


def test_run_level_parameters_go_only_to_the_notebooks_that_declare_them(tmp_path):
    notebooks = _project_notebooks(tmp_path / "nb")
    (tmp_path / "jobs.yaml").write_text("runs:\n  - name: r\n    parameters: {window: paragraph}\n")
    one, two = load_jobs(tmp_path / "jobs.yaml", notebooks)
    assert one.parameters["window"] == "paragraph" and "window" not in two.parameters
    assert check_parameters(one) == [] and check_parameters(two) == []


def test_a_run_level_parameter_no_notebook_declares_is_refused(tmp_path):
    notebooks = _project_notebooks(tmp_path / "nb")
    (tmp_path / "jobs.yaml").write_text("runs:\n  - name: r\n    parameters: {windw: paragraph}\n")
    with pytest.raises(JobsFileError, match=r"jobs.yaml: run 'r': parameter 'windw' is declared by none of its "
                                            r"notebooks \(did you mean 'window'\?\)"):
        load_jobs(tmp_path / "jobs.yaml", notebooks)


# --- issue 16: jobs files that must be refused with a message, never a traceback -----------


@pytest.mark.parametrize(("run", "message"), [
    ("{name: ../../x}", "run '../../x': field 'name': a run name must be one folder name"),
    ("{name: /abs/path}", "run '/abs/path': field 'name': a run name must be one folder name"),
    ("{name: ..}", "run '..': field 'name': a run name must be one folder name"),
    ("{name: .hidden}", "field 'name': a run name must not start with '.'"),
    ("{name: 5}", "run 1 (without a name): field 'name': expected a folder name for the run's reports"),
    ("{name: r, corpus: [1, 2]}", "run 'r': field 'corpus': expected a folder of articles, relative to "
                                  "the jobs file, got [1, 2]"),
    ("{name: r, registry: true}", "run 'r': field 'registry': expected an actor registry YAML file"),
    ("{name: r, timeout: abc}", "run 'r': field 'timeout': expected a whole number of seconds per cell, "
                                "1 or more, got 'abc'"),
    ("{name: r, timeout: 0}", "run 'r': field 'timeout': expected a whole number of seconds"),
    ("{name: r, parameters: [window, paragraph]}", "run 'r': field 'parameters': expected a mapping of "
                                                   "parameter names to values, got ['window', 'paragraph']"),
    ("{name: r, notebooks: [{x: 1}]}", "run 'r': field 'notebooks': expected 'all' or a list of notebook "
                                       "names, such as [00_walkthrough], got [{'x': 1}]"),
    ("{name: r, notebooks: 00_walkthrough}", "run 'r': field 'notebooks': expected 'all' or a list of "
                                             "notebook names, such as [00_walkthrough], got '00_walkthrough'"),
    ("{name: r, notebook_parameters: {01_one: [1]}}", "run 'r': field 'notebook_parameters.01_one': "
                                                      "expected a mapping of parameter names to values"),
    ("{name: r, self_contained: maybe}", "run 'r': field 'self_contained': expected true or false"),
    ("{name: r, timout: 5}", "run 'r': unknown field 'timout' (did you mean 'timeout'?)"),
    ("{corpus: seeds}", "run 1 (without a name): 'name' is a required property"),
])
def test_jobs_file_type_errors_name_the_file_the_run_and_the_field(tmp_path, capsys, run, message):
    jobs = tmp_path / "jobs.yaml"
    jobs.write_text(f"runs:\n  - {run}\n")
    with pytest.raises(JobsFileError) as raised:
        load_jobs(jobs, _project_notebooks(tmp_path / "nb"))
    assert str(raised.value).startswith(f"{jobs}: ") and message in str(raised.value), str(raised.value)
    assert main(["render", str(jobs), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and str(jobs) in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "x").exists() and not (tmp_path / "out").exists()


def test_two_runs_with_one_name_are_refused(tmp_path):
    (tmp_path / "jobs.yaml").write_text("runs:\n  - {name: a}\n  - {name: a}\n")
    with pytest.raises(JobsFileError, match="run 'a' is listed twice"):
        load_jobs(tmp_path / "jobs.yaml", _project_notebooks(tmp_path / "nb"))


ALIAS_BOMB = """runs:
  - name: bomb
    parameters:
      a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
      b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
      c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
      d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
      e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
      f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
      g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
      h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
      i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def test_a_yaml_alias_bomb_is_refused_with_bounded_memory(tmp_path):
    import tracemalloc

    bomb = tmp_path / "jobs.yaml"
    bomb.write_text(ALIAS_BOMB)
    assert len(ALIAS_BOMB) < 800
    tracemalloc.start()
    with pytest.raises(JobsFileError, match=r"jobs.yaml: is not a valid jobs file: line 5: aliases \(\*name\) "
                                            r"are not allowed"):
        load_jobs(bomb)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 5_000_000, f"reading the bomb took {peak:,} bytes"


def test_a_deeply_nested_jobs_file_is_refused(tmp_path):
    nested = tmp_path / "jobs.yaml"
    nested.write_text("runs: " + "[" * 5000 + "]" * 5000 + "\n")
    with pytest.raises(JobsFileError, match="nested too deeply|not a valid jobs file"):
        load_jobs(nested)


def test_an_error_page_stays_short_whatever_the_parameters(tmp_path):
    nb = _notebook(tmp_path / "01_x.ipynb", "pass")
    (result,) = render_jobs([Job(nb, {"corpus": "x" * 2_000_000, "windw": ["lol"] * 100_000}, "r")],
                            tmp_path / "out")
    assert result.status == "failed" and "unknown parameter 'windw'" in result.error
    assert (tmp_path / "out/r/01_x.error.html").stat().st_size < 20_000
    assert (tmp_path / "out/r/index.html").stat().st_size < 20_000


# --- issue 16: a setting that changes the tables changes the report's key --------------------


def test_a_report_is_rendered_again_when_a_table_setting_changes(tmp_path, monkeypatch):
    """`NEWS_HELPERS_MAX_ARTICLE_CHARS` drops long articles: the report must not be skipped as unchanged."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "short.txt").write_text("Hamas fired rockets at Israel on 8 October 2023, the army said.\n")
    (corpus / "long.txt").write_text("Iran's foreign minister met Hamas leaders in Doha on Monday. " * 40 + "\n")
    nb = _notebook(tmp_path / "01_count.ipynb", (
        "from helpers.notebook import load_tables\n"
        "print(len(load_tables(corpus)['articles']), 'articles')"))
    monkeypatch.delenv("NEWS_HELPERS_MAX_ARTICLE_CHARS", raising=False)
    job = Job(nb, {"corpus": str(corpus)}, "r")
    (first,) = render_jobs([job], tmp_path / "out")
    assert first.status == "ok" and "2 articles" in (tmp_path / "out/r/01_count.html").read_text()
    assert render_jobs([job], tmp_path / "out", force=False)[0].status == "skipped"
    monkeypatch.setenv("NEWS_HELPERS_MAX_ARTICLE_CHARS", "500")
    (again,) = render_jobs([job], tmp_path / "out", force=False)
    assert again.status == "ok", "a changed setting must not leave the old report in place"
    assert "1 articles" in (tmp_path / "out/r/01_count.html").read_text()


def test_location_settings_are_the_ones_paths_reads():
    """Only settings that say where things are stay out of a report's key; paths.py reads them."""
    from helpers import paths, settings

    assert {paths.PROJECT_ENV, paths.CACHE_ENV} <= set(settings.LOCATION_SETTINGS)
    assert settings.table_settings({"NEWS_HELPERS_SOMETHING_NEW": "1"}) == {"NEWS_HELPERS_SOMETHING_NEW": "1"}
