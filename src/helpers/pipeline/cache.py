"""The per-step extraction caches: the parse, the registry-independent rows, the registry rows.

- **parse**: the spaCy ``Doc`` of each body (spaCy's ``DocBin`` bytes), keyed by the
  body's hash under :func:`~helpers.pipeline.versions.parse_version`. Only bodies never
  seen are parsed.
- **base**: the rows that do not depend on the actor registry (sentences, timexes,
  word counts), keyed by :func:`extraction_key` under
  :func:`~helpers.pipeline.versions.base_version`.
- **rows**: the registry-dependent rows (mentions, figures, quotes, events), keyed the
  same way under :func:`~helpers.pipeline.versions.pipeline_version`.

Each step keeps *segments* under ``<cache>/<step>/<version>/``: one Arrow IPC file for
each chunk of articles written together (one row per article; rows as nested Arrow
lists, parses as DocBin bytes), so a chunk costs one file write, not one per article.
Nothing in the cache is code: Arrow and DocBin carry data only. Each segment is named
by the SHA-256 of its bytes, checked whenever it is read: a segment that was changed
or damaged after it was written is removed with a warning naming it, and its articles
are computed again, never taken from it. A cache folder that cannot be written (full,
read-only) gets one warning and the run goes on without storing results there.
"""

from __future__ import annotations

import hashlib
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
from spacy.tokens import Doc, DocBin

from helpers.corpus import Article
from helpers.extract import nlp
from helpers.extract.registry import Registry
from helpers.files import write_atomically
from helpers.paths import cache_dir
from helpers.pipeline.versions import base_version, parse_version, pipeline_version
from helpers.schema import INT, STR, TABLES

log = logging.getLogger(__name__)

#: Rows cached with the parse's registry-independent results.
BASE_TABLES = ["sentences", "timexes"]
#: Rows that depend on the actor registry.
REGISTRY_TABLES = ["mentions", "figures", "quotes", "events"]
SEGMENT_SUFFIX = ".arrow"


def _rows_type(table: str) -> pa.DataType:
    """Return the Arrow type of one article's rows of ``table``: a list of structs."""
    return pa.list_(pa.struct(list(TABLES[table])))


PARSE_SCHEMA = pa.schema([("key", STR), ("doc", pa.large_binary())])
BASE_SCHEMA = pa.schema([("key", STR), ("n_sentences", INT), ("n_words", INT),
                         *[(name, _rows_type(name)) for name in BASE_TABLES]])
ROWS_SCHEMA = pa.schema([("key", STR), *[(name, _rows_type(name)) for name in REGISTRY_TABLES]])


def extraction_key(article: Article) -> str:
    """Return the hash of what the extractors read of an article: id, body and date.

    The metadata rows are rebuilt on every run, so a changed title or outlet needs no
    extraction (unlike :meth:`Article.fingerprint`, which covers the metadata too).
    """
    parts = [article.article_id, article.body, article.published, article.published_precision]
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:24]


def body_key(article: Article) -> str:
    """Return the hash of an article's cleaned body (the key of its parse)."""
    return hashlib.sha256(article.body.encode("utf-8")).hexdigest()[:24]


@dataclass
class _Index:
    """Which segment holds each key of one cache folder, and which segments were read (per process)."""

    keys: dict[str, str] = field(default_factory=dict)
    seen: set[str] = field(default_factory=set)


#: Per process: the index of each cache folder (segments are never changed, only added or removed).
_INDEXES: dict[Path, _Index] = {}
#: Per process: cache folders already reported as not writable.
_UNWRITABLE: set[Path] = set()


class StepCache:
    """The results of one extraction step on disk: segments under ``root/step/version``."""

    def __init__(self, step: str, version: str, schema: pa.Schema, root: Path | None = None) -> None:
        """Use ``root/step/version`` (default root: :func:`helpers.paths.cache_dir`)."""
        self.root = root or cache_dir()
        self.folder = self.root / step / version
        self.schema = schema

    def _index(self) -> dict[str, str]:
        """Return ``{key: segment name}``, reading the keys of segments not seen yet."""
        index = _INDEXES.setdefault(self.folder, _Index())
        try:
            names = {entry.name for entry in os.scandir(self.folder) if entry.name.endswith(SEGMENT_SUFFIX)}
        except OSError:
            return index.keys
        for name in sorted(names - index.seen):
            index.seen.add(name)
            for key in self._segment_keys(name):
                index.keys[key] = name
        return index.keys

    def _segment_keys(self, name: str) -> list[str]:
        """Return the keys a segment holds (read from its key column only; checked on use)."""
        try:
            with pa.memory_map(str(self.folder / name)) as source:
                return pa.ipc.open_file(source).read_all().column("key").to_pylist()
        except (OSError, pa.ArrowException) as exc:
            self._discard(name, f"cannot be read as a cache segment ({exc})")
            return []

    def _discard(self, name: str, reason: str) -> None:
        """Warn about a bad segment, forget its keys and remove it."""
        path = self.folder / name
        log.warning("cache file %s %s; removed, its articles are extracted again", path, reason)
        keys = _INDEXES.setdefault(self.folder, _Index()).keys
        for key in [k for k, segment in keys.items() if segment == name]:
            del keys[key]
        try:
            path.unlink(missing_ok=True)
        except OSError as exc:
            log.warning("cache file %s cannot be removed (%s); it is ignored", path, exc.strerror or exc)

    def _load(self, name: str) -> pa.Table | None:
        """Return a segment's table once its bytes match the checksum in its name, else None."""
        try:
            data = (self.folder / name).read_bytes()
        except OSError as exc:
            log.warning("cache file %s cannot be read (%s); computing again", self.folder / name,
                        exc.strerror or exc)
            return None
        if hashlib.sha256(data).hexdigest() != name.removesuffix(SEGMENT_SUFFIX):
            self._discard(name, "does not match its checksum (changed or damaged after it was written)")
            return None
        try:
            table = pa.ipc.open_file(pa.BufferReader(data)).read_all()
        except pa.ArrowException as exc:
            self._discard(name, f"cannot be read as a cache segment ({exc})")
            return None
        if not table.schema.equals(self.schema):
            self._discard(name, "has columns this version does not write")
            return None
        return table

    def contains(self, keys: list[str]) -> set[str]:
        """Return those of ``keys`` that a segment holds (not yet checked against its checksum)."""
        index = self._index()
        return {key for key in keys if key in index}

    def get_many(self, keys: list[str]) -> dict[str, dict]:
        """Return the stored record of each of ``keys`` found: the segment's columns and its ``_file``."""
        index = self._index()
        by_segment: dict[str, set[str]] = {}
        for key in keys:
            if key in index:
                by_segment.setdefault(index[key], set()).add(key)
        found: dict[str, dict] = {}
        for name, wanted in by_segment.items():
            table = self._load(name)
            if table is None:
                continue
            rows = [i for i, key in enumerate(table.column("key").to_pylist()) if key in wanted]
            for record in table.take(rows).to_pylist():
                found[record["key"]] = {**record, "_file": str(self.folder / name)}
        return found

    def put_many(self, records: list[dict]) -> None:
        """Store ``records`` (dicts with a ``key`` and this step's columns) as one segment.

        A folder that cannot be written is reported once per process and skipped.
        """
        if not records or self.root in _UNWRITABLE:
            return
        sink = pa.BufferOutputStream()
        with pa.ipc.new_file(sink, self.schema) as writer:
            writer.write_table(pa.Table.from_pylist(records, schema=self.schema))
        data = sink.getvalue().to_pybytes()
        name = hashlib.sha256(data).hexdigest() + SEGMENT_SUFFIX
        try:
            write_atomically(self.folder / name, data)
        except OSError as exc:
            _UNWRITABLE.add(self.root)
            log.warning("cannot write to the cache folder %s (%s); going on without storing results "
                        "there. Free some space or make it writable, or set NEWS_HELPERS_CACHE to "
                        "another folder", self.root, exc.strerror or exc)
            return
        index = _INDEXES.setdefault(self.folder, _Index())
        index.seen.add(name)
        index.keys.update((record["key"], name) for record in records)


@dataclass
class Caches:
    """The three per-step caches of one registry (picklable: only paths and schemas)."""

    parse: StepCache
    base: StepCache
    rows: StepCache

    @classmethod
    def for_registry(cls, registry: Registry, root: Path | None = None) -> Caches:
        """Return the caches of the current code, model and ``registry``."""
        return cls(StepCache("parse", parse_version(), PARSE_SCHEMA, root),
                   StepCache("base", base_version(), BASE_SCHEMA, root),
                   StepCache("rows", pipeline_version(registry), ROWS_SCHEMA, root))


def doc_to_bytes(doc: Doc) -> bytes:
    """Serialise a parsed ``Doc`` (DocBin: compact and fast to read back)."""
    docbin = DocBin(store_user_data=False)
    docbin.add(doc)
    return docbin.to_bytes()


def doc_from_bytes(data: bytes) -> Doc:
    """Read back a ``Doc`` written by :func:`doc_to_bytes`."""
    return next(DocBin().from_bytes(data).get_docs(nlp.load_model().vocab))
