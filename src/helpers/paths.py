"""Every path the project uses, built from one place.

Notebooks, tests and the command line import these names instead of building
paths themselves, so a notebook behaves the same in JupyterLab, under papermill's
working directory and under a scheduler.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"
PROJECT_ROOT = PACKAGE_DIR.parent.parent
SEEDS_DIR = PROJECT_ROOT / "seeds"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
REPORTS_DIR = PROJECT_ROOT / "reports"
DEFAULT_REGISTRY = DATA_DIR / "actors.yaml"


def cache_dir() -> Path:
    """Return the folder for cached extraction results.

    ``NEWS_HELPERS_CACHE`` overrides it; the default is ``.cache/`` in the project.
    """
    override = os.environ.get("NEWS_HELPERS_CACHE")
    return Path(override) if override else PROJECT_ROOT / ".cache"
