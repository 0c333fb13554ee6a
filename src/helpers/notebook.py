"""What every notebook does first: resolve its parameters and load the tables.

Notebooks call :func:`load_tables` with their ``corpus`` and ``registry``
parameters. The tables of a corpus are extracted once
(:func:`helpers.pipeline.run.ensure_tables`) and read from Parquet afterwards, so the
notebooks of a report run parse the corpus at most once between them.
"""

from __future__ import annotations

import logging
from pathlib import Path

from helpers.paths import find_project, seeds_dir
from helpers.pipeline.run import ExtractionResult, load_corpus_tables

log = logging.getLogger(__name__)


def resolve_path(value: str | Path | None, default: Path | None = None) -> Path | None:
    """Resolve a path parameter.

    Empty means ``default``; relative paths are tried against the working folder,
    then against the project folder.
    """
    if value is None or str(value).strip() == "":
        return default
    path = Path(value).expanduser()
    project = find_project()
    if path.is_absolute() or path.exists() or project is None:
        return path.resolve()
    return (project / path).resolve()


def load_tables(corpus: str | Path = "", registry: str | Path = "") -> ExtractionResult:
    """Return the tables of ``corpus`` (default: the project's ``seeds/``), extracting them if needed.

    Problems with individual files are kept in ``result.problems`` (the corpus overview
    lists them once, as a table) and only counted in the log, so that a report of a
    corpus with hundreds of skipped entries does not open with hundreds of log lines.
    """
    corpus_path = resolve_path(corpus) or seeds_dir()
    result = load_corpus_tables(corpus_path, resolve_path(registry))
    if result.problems:
        log.info("%d problem(s) while reading %s; the corpus overview lists them", len(result.problems), corpus_path)
    return result
