"""A corpus's description: which files are articles, which export columns hold what, fixed metadata.

A corpus is a folder. It may hold a ``corpus.yaml``; or the corpus may be given as a
YAML file of the same form *outside* the data, naming the folder (``folder:``,
relative to the YAML file). The second form reads data that must stay untouched (a
read-only share, a download kept as it came) with a description kept elsewhere::

    folder: ../../../shared/benchmarks/casualty_sentences/canadian_press
    files: ["*_sentences.csv"]          # glob patterns of article files (default: every readable file)
    columns: {text: sentence, published: date}     # export columns (see ExportColumns)
    metadata:                           # fixed fields for the rows of matching files
      globe_sentences.csv: {outlet: The Globe and Mail}

Every key is optional. ``metadata`` fills only what a file's own columns leave empty,
and the catalogue still wins over both. A key that is not known, a ``folder`` that is
not a folder, or a malformed value raises :class:`CorpusConfigError` naming the file.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from helpers.corpus.readers import CORPUS_CONFIG_NAME, NOT_ARTICLES, ExportColumns
from helpers.files import load_yaml

KNOWN_KEYS = {"folder", "files", "columns", "metadata"}
#: Fields that ``metadata`` may fix for the rows of a file.
METADATA_FIELDS = {"outlet", "title", "author", "url"}
CONFIG_SUFFIXES = (".yaml", ".yml")


class CorpusConfigError(ValueError):
    """A corpus description that cannot be used; the message names the file and what to fix."""


@dataclass(frozen=True)
class CorpusConfig:
    """What a corpus description says (the defaults when there is none)."""

    folder: Path
    columns: ExportColumns = field(default_factory=ExportColumns)
    files: tuple[str, ...] = ()
    metadata: tuple[tuple[str, dict[str, str]], ...] = ()
    path: Path | None = None

    def selects(self, relative: str) -> bool:
        """Say whether a file (path relative to the folder) is an article file of this corpus."""
        return not self.files or any(_matches(relative, pattern) for pattern in self.files)

    def fixed_metadata(self, relative: str) -> dict[str, str]:
        """Return the fixed metadata of a file: every matching entry, later entries winning."""
        found: dict[str, str] = {}
        for pattern, values in self.metadata:
            if _matches(relative, pattern):
                found.update(values)
        return found


def _matches(relative: str, pattern: str) -> bool:
    """Match a glob against a relative path, or against its file name for a pattern without '/'."""
    name = relative.rsplit("/", 1)[-1]
    return fnmatch.fnmatch(relative, pattern) or ("/" not in pattern and fnmatch.fnmatch(name, pattern))


def is_config_file(corpus: str | Path) -> bool:
    """Say whether ``corpus`` names a corpus description file rather than a folder."""
    path = Path(corpus)
    return path.suffix.lower() in CONFIG_SUFFIXES and path.is_file()


def _read_yaml(path: Path) -> dict[str, Any]:
    """Return the mapping of a YAML file; raise :class:`CorpusConfigError` when it is not one."""
    try:
        data = load_yaml(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise CorpusConfigError(f"{path}: is not valid YAML ({exc}); fix the file") from exc
    if not isinstance(data, dict):
        raise CorpusConfigError(f"{path}: expected a mapping (folder, files, columns, metadata)")
    unknown = set(data) - KNOWN_KEYS
    if unknown:
        raise CorpusConfigError(f"{path}: unknown key(s) {sorted(unknown)}; known: {sorted(KNOWN_KEYS)}")
    return data


def _patterns(value: Any, path: Path) -> tuple[str, ...]:
    """Return ``files`` as a tuple of glob patterns."""
    if value is None:
        return ()
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise CorpusConfigError(f"{path}: 'files' must be a glob pattern or a list of them")
    return tuple(values)


def _metadata(value: Any, path: Path) -> tuple[tuple[str, dict[str, str]], ...]:
    """Return ``metadata`` as ``(pattern, fields)`` pairs, checking the field names."""
    if value is None:
        return ()
    if not isinstance(value, dict):
        raise CorpusConfigError(f"{path}: 'metadata' must map file patterns to fields, e.g. "
                                "{'globe_*.csv': {'outlet': 'The Globe and Mail'}}")
    pairs = []
    for pattern, values in value.items():
        if not isinstance(values, dict) or set(values) - METADATA_FIELDS:
            raise CorpusConfigError(f"{path}: metadata for {pattern!r} must set only "
                                    f"{sorted(METADATA_FIELDS)}")
        pairs.append((str(pattern), {k: str(v) for k, v in values.items() if v is not None}))
    return tuple(pairs)


def _columns(value: Any, path: Path) -> ExportColumns:
    """Return the export columns named by ``columns`` over the defaults."""
    try:
        return ExportColumns().with_overrides(value or {})
    except (ValueError, TypeError) as exc:
        raise CorpusConfigError(f"{path}: columns: {exc}") from exc


def load_corpus_config(corpus: str | Path) -> CorpusConfig:
    """Return the description of a corpus folder (its ``corpus.yaml``) or of a description file."""
    corpus = Path(corpus)
    if is_config_file(corpus):
        data = _read_yaml(corpus)
        if not data.get("folder"):
            raise CorpusConfigError(f"{corpus}: a corpus description outside its data needs "
                                    "'folder:' (the folder of the articles, relative to this file)")
        folder = (corpus.parent / str(data["folder"])).resolve()
        if not folder.is_dir():
            raise CorpusConfigError(f"{corpus}: folder {data['folder']!r} ({folder}) is not a folder")
        path = corpus
    else:
        folder, path = corpus, corpus / CORPUS_CONFIG_NAME
        data = _read_yaml(path) if path.is_file() else {}
        if data.get("folder"):
            raise CorpusConfigError(f"{path}: 'folder' is only for a description kept outside its "
                                    "folder; remove it")
    return CorpusConfig(folder, _columns(data.get("columns"), path), _patterns(data.get("files"), path),
                        _metadata(data.get("metadata"), path), path if path.is_file() else None)


def corpus_files(corpus: str | Path) -> tuple[Path, list[Path]]:
    """Return the folder of a corpus and its files that matter (sorted; hidden ones skipped).

    For a folder: every file below it. For a description file: the files it selects and
    the catalogue files beside them.
    """
    config = load_corpus_config(corpus) if is_config_file(corpus) else None
    root = config.folder if config else Path(corpus)
    return root, sorted(
        p for p in root.rglob("*") if p.is_file()
        and not any(part.startswith(".") for part in p.relative_to(root).parts)
        and (config is None or p.name in NOT_ARTICLES or config.selects(p.relative_to(root).as_posix())))
