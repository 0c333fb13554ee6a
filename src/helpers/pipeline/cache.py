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
each chunk of articles written together (rows: one row per article, as nested Arrow
lists; parses: the chunk's keys and one DocBin of all its parses), so a chunk costs one
file write and one serialisation, not one per article.
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
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy
import pyarrow as pa
import srsly
from spacy.attrs import DEP, ENT_ID, ENT_KB_ID, ENT_TYPE, LEMMA, MORPH, NORM, ORTH, SPACY, TAG
from spacy.tokens import Doc, DocBin
from spacy.vocab import Vocab

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
REGISTRY_TABLES = ["mentions", "figures", "casualties", "descriptors", "quotes", "events"]
SEGMENT_SUFFIX = ".arrow"


def _rows_type(table: str) -> pa.DataType:
    """Return the Arrow type of one article's rows of ``table``: a list of structs."""
    return pa.list_(pa.struct(list(TABLES[table])))


PARSE_SCHEMA = pa.schema([("keys", pa.list_(STR)), ("docbin", pa.large_binary())])
BASE_SCHEMA = pa.schema([("key", STR), ("n_sentences", INT), ("n_words", INT),
                         *[(name, _rows_type(name)) for name in BASE_TABLES]])
ROWS_SCHEMA = pa.schema([("key", STR), *[(name, _rows_type(name)) for name in REGISTRY_TABLES]])


def extraction_key(article: Article) -> str:
    """Return the hash of what the extractors read of an article: id, body, sections and date.

    The metadata rows are rebuilt on every run, so a changed title or outlet needs no
    extraction (unlike :meth:`Article.fingerprint`, which covers the metadata too). The
    sections (the headings above each paragraph) count only when the text has headings.
    """
    parts = [article.article_id, article.body, article.published, article.published_precision]
    if any(article.clean.sections):
        parts.append(article.clean.sections)
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
    """The results of one extraction step on disk: segments under ``root/step/version``.

    Rows steps store one row per key (:meth:`locate`, :meth:`put_many`);
    :class:`ParseCache` stores the parses of a segment as one DocBin.
    """

    schema = ROWS_SCHEMA

    def __init__(self, step: str, version: str, schema: pa.Schema | None = None, root: Path | None = None) -> None:
        """Use ``root/step/version`` (default root: :func:`helpers.paths.cache_dir`)."""
        self.root = root or cache_dir()
        self.folder = self.root / step / version
        self.schema = schema or self.schema

    def _keys_of(self, table: pa.Table) -> list[str]:
        """Return the keys a segment's table holds, in order."""
        return table.column("key").to_pylist()

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
        """Return the keys a segment holds (read without loading the rest; checked on use)."""
        try:
            with pa.memory_map(str(self.folder / name)) as source:
                return self._keys_of(pa.ipc.open_file(source).read_all())
        except (OSError, pa.ArrowException, KeyError) as exc:
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

    def _segments(self, keys: list[str]) -> Iterator[tuple[Path, pa.Table, set[str]]]:
        """Yield ``(file, table, wanted keys)`` for each checked segment holding some of ``keys``."""
        index = self._index()
        by_segment: dict[str, set[str]] = {}
        for key in keys:
            if key in index:
                by_segment.setdefault(index[key], set()).add(key)
        for name, wanted in by_segment.items():
            table = self._load(name)
            if table is not None:
                yield self.folder / name, table, wanted

    def _store(self, table: pa.Table, keys: list[str]) -> None:
        """Write ``table`` (holding ``keys``) as a new segment; an unwritable folder is reported once."""
        if self.root in _UNWRITABLE:
            return
        sink = pa.BufferOutputStream()
        with pa.ipc.new_file(sink, self.schema) as writer:
            writer.write_table(table)
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
        index.keys.update((key, name) for key in keys)

    def contains(self, keys: list[str]) -> set[str]:
        """Return those of ``keys`` that a segment holds (not yet checked against its checksum)."""
        index = self._index()
        return {key for key in keys if key in index}

    def locate(self, keys: list[str]) -> dict[str, tuple[pa.Table, int]]:
        """Return, for each of ``keys`` found, its checked segment's table and the key's row there.

        Nothing is converted to Python objects: a re-run passes cached rows on to Parquet as Arrow.
        """
        found: dict[str, tuple[pa.Table, int]] = {}
        for _, table, wanted in self._segments(keys):
            found.update((key, (table, row)) for row, key in enumerate(self._keys_of(table)) if key in wanted)
        return found

    def put_many(self, records: list[dict]) -> None:
        """Store ``records`` (dicts with a ``key`` and this step's columns) as one segment."""
        if records:
            self._store(pa.Table.from_pylist(records, schema=self.schema), [r["key"] for r in records])


class ParseCache(StepCache):
    """The parses of a chunk of bodies as one segment: their keys and one spaCy DocBin."""

    schema = PARSE_SCHEMA

    def _keys_of(self, table: pa.Table) -> list[str]:
        """Return the keys of every parse in the segment, in DocBin order."""
        return [key for keys in table.column("keys").to_pylist() for key in keys]

    def get_docs(self, keys: list[str]) -> dict[str, Doc]:
        """Return the cached ``Doc`` of each of ``keys`` found; a DocBin that does not load is reported."""
        found: dict[str, Doc] = {}
        vocab = nlp.load_model().vocab
        for path, table, wanted in self._segments(keys):
            try:
                docs = [doc for data in table.column("docbin").to_pylist()
                        for doc in DocBin().from_bytes(data).get_docs(vocab)]
            except (ValueError, KeyError, TypeError, IndexError, zlib.error) as exc:
                log.warning("cache file %s holds parses that do not load (%s); parsing them again",
                            path, type(exc).__name__)
                continue
            found.update((key, doc) for key, doc in zip(self._keys_of(table), docs, strict=True)
                         if key in wanted)
        return found

    def put_docs(self, keys: list[str], docbin: DocBin) -> None:
        """Store the parses in ``docbin`` (one per key, in order) as one segment."""
        if keys:
            self._store(pa.Table.from_pylist([{"keys": keys, "docbin": docbin.to_bytes()}], schema=self.schema),
                        keys)


@dataclass
class Caches:
    """The three per-step caches of one registry (picklable: only paths and schemas)."""

    parse: ParseCache
    base: StepCache
    rows: StepCache

    @classmethod
    def for_registry(cls, registry: Registry, root: Path | None = None) -> Caches:
        """Return the caches of the current code, model and ``registry``."""
        return cls(ParseCache("parse", parse_version(), root=root),
                   StepCache("base", base_version(), BASE_SCHEMA, root),
                   StepCache("rows", pipeline_version(registry), ROWS_SCHEMA, root))


#: The token attributes whose strings :meth:`DocBin.add` records (text, tag, lemma, norm, dep, entity; and MORPH).
STRING_ATTRS = [ORTH, TAG, LEMMA, NORM, DEP, ENT_TYPE, ENT_KB_ID, ENT_ID]


class ParseBin(DocBin):
    """A spaCy DocBin that collects the strings of its Docs from their attribute arrays.

    :meth:`DocBin.add` reads nine strings of every token from Python, a tenth of the cost
    of a cold run's cache writes; here the token arrays of the Docs added are kept and each
    distinct value of them all is looked up once, when :attr:`strings` is next read (by
    :meth:`to_bytes`). The strings, and so the bytes written, are the same.
    """

    @property
    def strings(self) -> set[str]:
        """Return the strings of every Doc added (those of the Docs added since the last read looked up now)."""
        for vocab, arrays in self._pending.items():
            self._strings.update(array_strings(vocab, arrays))
        self._pending = {}
        return self._strings

    @strings.setter
    def strings(self, value: set[str]) -> None:
        """Replace the strings (as :class:`DocBin` does when it is made or loaded)."""
        self._strings = value
        self._pending: dict = {}

    def add(self, doc: Doc) -> None:
        """Add a ``Doc``'s annotations (as :meth:`DocBin.add` does; span groups and user data too)."""
        array = doc.to_array(self.attrs)
        self.tokens.append(array.reshape((array.shape[0], 1)) if len(array.shape) == 1 else array)
        self.spaces.append(numpy.asarray(doc.to_array(SPACY).reshape((-1, 1)), dtype=bool))
        self.flags.append({"has_unknown_spaces": doc.has_unknown_spaces})
        columns = [*STRING_ATTRS, MORPH]
        strings_array = (self.tokens[-1][:, [self.attrs.index(a) for a in columns]]
                         if set(columns) <= set(self.attrs) else doc.to_array(columns))
        self._pending.setdefault(doc.vocab, []).append(strings_array)
        self.cats.append(doc.cats)
        if self.store_user_data:
            self.user_data.append(srsly.msgpack_dumps(doc.user_data))
        self.span_groups.append(doc.spans.to_bytes())
        for group in doc.spans.values():
            for span in group:
                self._strings.add(span.label_)
                if span.kb_id in span.doc.vocab.strings:
                    self._strings.add(span.kb_id_)
                if span.id in span.doc.vocab.strings:
                    self._strings.add(span.id_)


def array_strings(vocab: Vocab, arrays: list[numpy.ndarray]) -> set[str]:
    """Return the strings of token arrays whose columns are ``STRING_ATTRS`` then ``MORPH``, each looked up once.

    The strings :meth:`DocBin.add` records for the tokens (the empty morphology as "").
    """
    if not arrays:
        return set()
    stacked = numpy.concatenate(arrays)
    strings = vocab.strings
    found = {strings[int(h)] for h in numpy.unique(stacked[:, :-1])}
    morphs = {strings[int(h)] for h in numpy.unique(stacked[:, -1])}
    return found | {"" if m == vocab.morphology.EMPTY_MORPH else m for m in morphs}


def token_strings(doc: Doc) -> set[str]:
    """Return the strings of every token of ``doc`` that :meth:`DocBin.add` records, each looked up once.

    >>> import spacy
    >>> sorted(token_strings(spacy.blank("en")("No, no.")))
    ['', ',', '.', 'No', 'no']
    """
    return array_strings(doc.vocab, [doc.to_array([*STRING_ATTRS, MORPH])])


def new_docbin() -> DocBin:
    """Return an empty DocBin for parses (user data is not stored)."""
    return ParseBin(store_user_data=False)
