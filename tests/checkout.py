"""Folders of this checkout: the tests always run from one (an installed package has no seeds/)."""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = PROJECT_ROOT / "seeds"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
REPORTS_DIR = PROJECT_ROOT / "reports"
#: Outside data shared by every developer and CI (see ../shared/README.md); never copied here.
SHARED = PROJECT_ROOT.parent / "shared"
