"""Every path the project uses, built from one place.

Two kinds of paths:

- the package's own files (:data:`PACKAGE_DIR`, :data:`DATA_DIR`, the default actor
  registry), which travel with the installed package;
- a **project folder**: a folder holding ``notebooks/`` with ``NN_name.ipynb`` report
  notebooks (this repository is one), with its ``seeds/``, ``reports/`` and ``.cache/``.
  It is found by :func:`project_root`: the ``NEWS_HELPERS_PROJECT`` environment
  variable, else the working folder or the nearest folder above it that is a project,
  else the source checkout the package runs from.

Notebooks, tests and the command line call these functions instead of building paths
themselves, so a notebook behaves the same in JupyterLab, under papermill's working
directory, under a scheduler and from an installed package.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"
DEFAULT_REGISTRY = DATA_DIR / "actors.yaml"
PROJECT_ENV = "NEWS_HELPERS_PROJECT"
CACHE_ENV = "NEWS_HELPERS_CACHE"


class ProjectNotFoundError(FileNotFoundError):
    """No project folder (one holding ``notebooks/NN_*.ipynb``) could be found."""


def is_project(folder: Path) -> bool:
    """Return True when ``folder`` holds report notebooks (``notebooks/NN_name.ipynb``)."""
    return any((folder / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def find_project(start: Path | None = None) -> Path | None:
    """Return the project folder, or None.

    In order: ``$NEWS_HELPERS_PROJECT``; ``start`` (default: the working folder) or the
    nearest folder above it that is a project; the source checkout the package runs from.
    """
    override = os.environ.get(PROJECT_ENV, "").strip()
    if override:
        return Path(override).expanduser().resolve()
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if is_project(folder):
            return folder
    checkout = PACKAGE_DIR.parent.parent
    return checkout if is_project(checkout) else None


def project_root(start: Path | None = None) -> Path:
    """Return the project folder (see :func:`find_project`); raise with what to do when there is none."""
    found = find_project(start)
    if found is None:
        raise ProjectNotFoundError(
            f"{(start or Path.cwd()).resolve()}: not inside a news-helpers project (no notebooks/NN_*.ipynb "
            f"here or above). Run the command from the project folder, pass --project DIR, or set {PROJECT_ENV}")
    return found


def seeds_dir() -> Path:
    """Return the project's shipped corpus, ``seeds/``."""
    return project_root() / "seeds"


def notebooks_dir() -> Path:
    """Return the project's report notebooks folder, ``notebooks/``."""
    return project_root() / "notebooks"


def reports_dir() -> Path:
    """Return the project's rendered reports folder, ``reports/``."""
    return project_root() / "reports"


def cache_dir() -> Path:
    """Return the folder for cached extraction results.

    ``NEWS_HELPERS_CACHE`` overrides it; the default is ``.cache/`` in the project, or the
    user's cache folder (``platformdirs``) outside a project, never the installed package.
    """
    override = os.environ.get(CACHE_ENV, "").strip()
    if override:
        return Path(override).expanduser()
    project = find_project()
    return project / ".cache" if project else Path(platformdirs.user_cache_dir("news-helpers"))
