"""The package works when installed as a wheel, not from this checkout.

A wheel is built from a copy of the sources and installed (``pip install --target``,
no editable link) into a temporary folder, which comes first on ``PYTHONPATH``; the
project's virtual environment provides the dependencies. The installed command line
then extracts a corpus from an unrelated folder, renders a report inside a project
folder (a temporary one holding a copy of one notebook), and says what to pass outside
a project. The wheel must hold every data file and report template of the package.
"""

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from checkout import NOTEBOOKS_DIR, PROJECT_ROOT, SEEDS_DIR

pytestmark = pytest.mark.slow

PACKAGE = PROJECT_ROOT / "src" / "helpers"
ARTICLE = SEEDS_DIR / "003_3e998512e3ccf6bf.txt"


def run(args: list[str], env: dict[str, str], cwd: Path, timeout: int = 600) -> subprocess.CompletedProcess:
    """Run ``args`` and return the finished process (output captured as text)."""
    return subprocess.run(args, env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """Build the wheel from a copy of the sources (the checkout gets no build/ or egg-info)."""
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(PROJECT_ROOT / name, source)
    shutil.copytree(PACKAGE, source / "src" / "helpers",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    out = tmp_path_factory.mktemp("wheel")
    built = run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
                 "-w", str(out), str(source)], dict(os.environ), source)
    assert built.returncode == 0, built.stdout + built.stderr
    return next(out.glob("news_helpers-*.whl"))


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """Install the wheel into a folder; return it and the environment that uses it."""
    site = tmp_path_factory.mktemp("site")
    done = run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "--target", str(site),
                str(wheel)], dict(os.environ), site)
    assert done.returncode == 0, done.stdout + done.stderr
    home = tmp_path_factory.mktemp("home")
    env = {key: value for key, value in os.environ.items()
           if key not in ("NEWS_HELPERS_CACHE", "NEWS_HELPERS_PROJECT", "PYTHONPATH")}
    env.update(PYTHONPATH=str(site), XDG_CACHE_HOME=str(home / "cache"), HOME=str(home))
    return site, env


def test_wheel_holds_every_file_of_the_package_that_is_not_code(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {path.relative_to(PACKAGE.parent).as_posix() for path in PACKAGE.rglob("*")
                if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"}
    assert expected - names == set(), "files of the package missing from the wheel"
    assert any(name.startswith("helpers/data/") and name.endswith(".yaml") for name in names)
    assert any(name.startswith("helpers/reports/templates/") for name in names)


def test_python_imports_the_installed_copy_not_the_checkout(installed, tmp_path):
    site, env = installed
    found = run([sys.executable, "-c", "import helpers, helpers.paths as p; print(helpers.__file__); "
                 "print(p.DATA_DIR)"], env, tmp_path)
    package_file, data_dir = found.stdout.split()
    assert Path(package_file).is_relative_to(site) and not Path(package_file).is_relative_to(PROJECT_ROOT)
    assert (Path(data_dir) / "actors.yaml").is_file()


def test_extract_works_from_any_folder_and_caches_in_the_user_cache(installed, tmp_path):
    site, env = installed
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(ARTICLE, corpus)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    done = run([str(site / "bin" / "news-helpers"), "extract", str(corpus), "--out", "tables"], env, elsewhere)
    assert done.returncode == 0, done.stderr
    assert len(pd.read_parquet(elsewhere / "tables" / "articles.parquet")) == 1
    assert list((Path(env["XDG_CACHE_HOME"]) / "news-helpers" / "parse").rglob("*.arrow"))


def test_render_outside_a_project_says_what_to_pass(installed, tmp_path):
    site, env = installed
    done = run([str(site / "bin" / "news-helpers"), "render"], env, tmp_path)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "not inside a news-helpers project" in done.stderr and "--project DIR" in done.stderr


def test_render_works_inside_a_project_folder(installed, tmp_path):
    site, env = installed
    project = tmp_path / "project"
    (project / "notebooks").mkdir(parents=True)
    shutil.copy(NOTEBOOKS_DIR / "01_corpus_overview.ipynb", project / "notebooks")
    (project / "corpus").mkdir()
    shutil.copy(ARTICLE, project / "corpus")
    done = run([str(site / "bin" / "news-helpers"), "render", "--corpus", "corpus"], env, project)
    assert done.returncode == 0, done.stdout + done.stderr
    assert list((project / "reports").rglob("01_corpus_overview.html"))
    assert list((project / ".cache" / "tables").iterdir()), "the project's own cache was not used"
