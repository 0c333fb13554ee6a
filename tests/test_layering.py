"""The package's layers, checked with import-linter against the contracts in pyproject.toml."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from checkout import PROJECT_ROOT

LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(package_parent: Path) -> subprocess.CompletedProcess:
    """Run import-linter on the ``helpers`` package found in ``package_parent``."""
    env = {**os.environ, "PYTHONPATH": str(package_parent)}
    return subprocess.run([str(LINT_IMPORTS), "--config", str(PROJECT_ROOT / "pyproject.toml"), "--no-cache"],
                          cwd=package_parent, env=env, capture_output=True, text=True, timeout=120)


def test_every_layering_contract_is_kept():
    result = lint_imports(PROJECT_ROOT / "src")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_a_stage_importing_one_above_it_breaks_the_contract(tmp_path):
    shutil.copytree(PROJECT_ROOT / "src" / "helpers", tmp_path / "helpers",
                    ignore=shutil.ignore_patterns("__pycache__"))
    extractor = tmp_path / "helpers" / "extract" / "events.py"
    extractor.write_text(extractor.read_text(encoding="utf-8") + "\nimport helpers.charts.base  # noqa\n",
                         encoding="utf-8")
    result = lint_imports(tmp_path)
    assert result.returncode != 0
    assert "helpers.extract.events -> helpers.charts.base" in result.stdout


def test_no_function_imports_a_module_of_the_package():
    """Imports sit at the top of each module: none is hidden in a function to dodge a cycle."""
    hidden = []
    for path in sorted((PROJECT_ROOT / "src" / "helpers").rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.startswith((" ", "\t")) and line.strip().startswith(("from helpers", "import helpers")):
                hidden.append(f"{path.relative_to(PROJECT_ROOT)}:{number}: {line.strip()}")
    assert not hidden, "\n".join(hidden)
