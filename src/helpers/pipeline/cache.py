"""The per-step extraction caches: the parse, the registry-independent rows, the registry rows.

- **parse**: the spaCy ``Doc`` of each body (DocBin bytes), keyed by the body's hash
  and :func:`~helpers.pipeline.versions.parse_version`. Only bodies never seen are parsed.
- **base**: the rows that do not depend on the actor registry (sentences, timexes,
  word counts), keyed by :func:`extraction_key` under
  :func:`~helpers.pipeline.versions.base_version`.
- **rows**: the registry-dependent rows (mentions, figures, quotes, events), keyed the
  same way under :func:`~helpers.pipeline.versions.pipeline_version`.

Each step keeps one file per key under ``<cache>/<step>/<version>/``.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc, DocBin

from helpers.corpus import Article
from helpers.extract import nlp
from helpers.extract.registry import Registry
from helpers.files import write_atomically
from helpers.paths import cache_dir
from helpers.pipeline.versions import base_version, parse_version, pipeline_version

log = logging.getLogger(__name__)


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


class StepCache:
    """The results of one extraction step on disk: one file per key under ``root/step/version``."""

    def __init__(self, step: str, version: str, root: Path | None = None) -> None:
        """Use ``root/step/version`` (default root: :func:`helpers.paths.cache_dir`)."""
        self.folder = (root or cache_dir()) / step / version

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / key

    def get_bytes(self, key: str) -> bytes | None:
        """Return the stored bytes of ``key``, or None."""
        try:
            return self._path(key).read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            log.warning("cache entry %s unreadable (%s); computing again", self._path(key), exc)
            return None

    def put_bytes(self, key: str, data: bytes) -> None:
        """Store ``data`` under ``key`` atomically (a crash never leaves half an entry)."""
        write_atomically(self._path(key), data)

    def get(self, key: str) -> dict | None:
        """Return the stored object of ``key``, or None."""
        data = self.get_bytes(key)
        if data is None:
            return None
        try:
            return pickle.loads(data)
        except (pickle.UnpicklingError, EOFError, ValueError):
            log.warning("cache entry %s unreadable; computing again", self._path(key))
            return None

    def put(self, key: str, value: dict) -> None:
        """Store an object under ``key``."""
        self.put_bytes(key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


@dataclass
class Caches:
    """The three per-step caches of one registry (picklable: only paths)."""

    parse: StepCache
    base: StepCache
    rows: StepCache

    @classmethod
    def for_registry(cls, registry: Registry, root: Path | None = None) -> Caches:
        """Return the caches of the current code, model and ``registry``."""
        return cls(StepCache("parse", parse_version(), root),
                   StepCache("base", base_version(), root),
                   StepCache("rows", pipeline_version(registry), root))


def doc_to_bytes(doc: Doc) -> bytes:
    """Serialise a parsed ``Doc`` (DocBin: compact and fast to read back)."""
    docbin = DocBin(store_user_data=False)
    docbin.add(doc)
    return docbin.to_bytes()


def doc_from_bytes(data: bytes) -> Doc:
    """Read back a ``Doc`` written by :func:`doc_to_bytes`."""
    return next(DocBin().from_bytes(data).get_docs(nlp.load_model().vocab))
