"""What every notebook does first: resolve its parameters and load the tables.

Notebooks call :func:`load_tables` with their ``corpus`` and ``registry``
parameters. Extraction results are cached per article, so the five notebooks of a
report run parse the corpus at most once between them.
"""

from __future__ import annotations

import logging
from pathlib import Path

from helpers.extract import ExtractionResult, extract_corpus
from helpers.paths import PROJECT_ROOT, SEEDS_DIR


def resolve_path(value: str | Path | None, default: Path | None = None) -> Path | None:
    """Resolve a path parameter.

    Empty means ``default``; relative paths are tried against the working folder,
    then against the project root.
    """
    if value is None or str(value).strip() == "":
        return default
    path = Path(value).expanduser()
    if path.is_absolute() or path.exists():
        return path.resolve()
    return (PROJECT_ROOT / path).resolve()


def load_tables(corpus: str | Path = "", registry: str | Path = "") -> ExtractionResult:
    """Extract (or read from the cache) the tables of ``corpus`` (default: ``seeds/``).

    Problems with individual files are logged as warnings; the other articles load.
    """
    result = extract_corpus(resolve_path(corpus, SEEDS_DIR), resolve_path(registry))
    for problem in result.problems:
        logging.getLogger("helpers").warning("%s: %s", problem.severity, problem)
    return result
