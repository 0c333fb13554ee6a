"""The conda environment and pyproject.toml must list the same packages."""

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
#: conda-forge names that differ from the PyPI names
CONDA_TO_PYPI = {"python-duckdb": "duckdb"}


def _name(spec: str) -> set[str]:
    """Return the normalised package names of a requirement (extras become packages)."""
    match = re.match(r"\s*([A-Za-z0-9_.\-]+)(\[([^\]]+)\])?", spec)
    base = match.group(1).lower().replace("_", "-")
    base = CONDA_TO_PYPI.get(base, base)
    names = {base}
    if match.group(3):  # dask[distributed] is dask plus distributed
        names |= {extra.strip().lower() for extra in match.group(3).split(",")}
    return names


def test_environment_yml_matches_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = set().union(*(_name(s) for s in project["dependencies"]))
    wanted |= set().union(*(_name(s) for s in project["optional-dependencies"]["test"]))
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    listed: set[str] = set()
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            listed |= set().union(*(_name(s) for s in dep["pip"] if not s.startswith("-e")))
        elif not dep.startswith(("python", "pip")) or dep.startswith("python-"):
            listed |= _name(dep)
    assert listed == wanted, f"only in environment.yml: {listed - wanted}; only in pyproject: {wanted - listed}"
