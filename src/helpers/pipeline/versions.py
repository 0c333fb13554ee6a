"""Versions of the extraction: what a cached result depends on, as short hashes.

The versions are computed from the code as a whole, never from a list of module
names: every Python file under the extraction stages (``helpers/corpus/`` and
``helpers/extract/``), the shared schema and vocabularies, and every data file in
``helpers/data/`` except the default registry (its content enters through the
registry's own fingerprint). A new or moved module is therefore always included;
scoring code (``helpers/evaluation/``) is not, so editing a scorer keeps every cache.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable
from pathlib import Path

import spacy

from helpers.extract import nlp
from helpers.extract.registry import Registry
from helpers.paths import DATA_DIR, DEFAULT_REGISTRY, PACKAGE_DIR

#: Sub-packages whose code decides the extracted rows.
EXTRACTION_PACKAGES = ("corpus", "extract")
#: Modules that decide how the model is loaded and run, and so the parses.
PARSE_MODULES = ("nlp.py", "quick_rules.py")
#: Modules of the shared plumbing that decide the rows too.
EXTRACTION_PLUMBING = ("schema.py", "vocab.py")


def digest(parts: Iterable[bytes]) -> str:
    """Return a short hash of ``parts`` (each part delimited, so ``[ab, c] != [a, bc]``).

    >>> digest([b"a", b"b"]) == digest([b"ab"])
    False
    """
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update(part)
        hasher.update(b"\x1f")
    return hasher.hexdigest()[:16]


def extraction_files() -> list[Path]:
    """Return every file whose content decides the extracted rows, in a stable order."""
    files = [path for package in EXTRACTION_PACKAGES for path in (PACKAGE_DIR / package).rglob("*.py")]
    files += [PACKAGE_DIR / name for name in EXTRACTION_PLUMBING if (PACKAGE_DIR / name).exists()]
    files += [path for path in DATA_DIR.rglob("*") if path.is_file() and path != DEFAULT_REGISTRY]
    return sorted(p for p in files if "__pycache__" not in p.parts)


@functools.lru_cache(maxsize=1)
def code_version() -> str:
    """Return a hash of the names and bytes of :func:`extraction_files`."""
    return digest(part for path in extraction_files()
                  for part in (path.relative_to(PACKAGE_DIR).as_posix().encode(), path.read_bytes()))


def parse_version() -> str:
    """Return a hash of what a parse depends on: spaCy, the model and how it is loaded."""
    return digest([spacy.__version__.encode(), nlp.model_version().encode(),
                   *((PACKAGE_DIR / "extract" / name).read_bytes() for name in PARSE_MODULES)])


def base_version() -> str:
    """Return the version of the registry-independent rows: the extraction code and the model."""
    return digest([code_version().encode(), parse_version().encode()])


def pipeline_version(registry: Registry) -> str:
    """Return the version of the registry-dependent rows: :func:`base_version` and the registry."""
    return digest([base_version().encode(), registry.fingerprint().encode()])
