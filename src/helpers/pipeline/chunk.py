"""One chunk of articles to rows: the unit of work of every path (in process, a pool, Dask).

Around :func:`helpers.extract.rows.extract_article`, :func:`extract_chunk` uses the
three per-step caches of :mod:`helpers.pipeline.cache`: rows already extracted are
read back, cached parses are not parsed again, and what is computed is stored, one
cache segment per step and chunk. Bodies are parsed in batches bounded by
:data:`BATCH_CHARS` as well as by the model's batch size, so long articles never make
one huge batch. A chunk's bodies (at most ``run.CHUNK_CHARS`` of text) are all parsed
before its first article is extracted: spaCy then keeps its weights in the processor's
caches, where alternating with the extractors made parsing 6-10% slower. An article whose
extraction fails is reported and skipped; the other articles of the chunk go through.
"""

from __future__ import annotations

import itertools
import logging
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

import pyarrow as pa
import pyarrow.compute as pc
from spacy.tokens import Doc

from helpers.corpus import Article, CorpusProblem
from helpers.extract import nlp
from helpers.extract.parsed import parse_article
from helpers.extract.registry import Registry
from helpers.extract.rows import Rows, extract_article, metadata_rows
from helpers.pipeline.cache import BASE_TABLES, REGISTRY_TABLES, Caches, body_key, extraction_key, new_docbin
from helpers.schema import ARTICLE_TABLES, rows_to_arrow, table_schema

log = logging.getLogger(__name__)

#: Characters of text parsed in one spaCy batch at most (memory grows with the batch).
BATCH_CHARS = 100_000


#: A row of a cache segment: the segment's table and the row's position in it.
SegmentRow = tuple[pa.Table, int]


@dataclass(frozen=True)
class CachedRows:
    """An article whose rows are all cached: its metadata rows, and where its base and registry rows are.

    The cached rows stay in their Arrow segments until :func:`table_of` copies them out in bulk.
    """

    metadata: Rows
    base: SegmentRow
    rows: SegmentRow

    def source(self, table: str) -> list[dict] | SegmentRow:
        """Return the rows of ``table``: a list of dicts, or the segment row that holds them."""
        if table in BASE_TABLES:
            return self.base
        if table in REGISTRY_TABLES:
            return self.rows
        return self.metadata.get(table, [])


@dataclass
class ChunkResult:
    """The rows of each article of a chunk (in order; ``{}`` for a failed one), steps, problems.

    An article is fresh :data:`Rows` or :class:`CachedRows`. :meth:`to_tables` turns them into
    one Arrow table per article table (``tables``), which is what crosses between processes
    and goes to Parquet.
    """

    rows: list[Rows | CachedRows]
    steps: Counter = field(default_factory=Counter)
    problems: list[CorpusProblem] = field(default_factory=list)
    tables: dict[str, pa.Table] = field(default_factory=dict)

    def to_tables(self) -> ChunkResult:
        """Return this result with its rows as one Arrow table per article table (the rows dropped)."""
        return ChunkResult([], self.steps, self.problems, {name: table_of(name, self.rows) for name in ARTICLE_TABLES})


def _source(article: Rows | CachedRows, table: str) -> list[dict] | SegmentRow:
    """Return an article's rows of ``table``: dicts, or the cache segment row holding them."""
    return article.source(table) if isinstance(article, CachedRows) else article.get(table, [])


def table_of(table: str, articles: list[Rows | CachedRows]) -> pa.Table:
    """Return the rows of ``table`` of every article, in order, as one Arrow table.

    Fresh rows are converted from dicts; consecutive articles cached in one segment are
    copied out of it in one step, without passing through Python objects.
    """
    pieces = []
    sources = [_source(article, table) for article in articles]
    for segment, group in itertools.groupby(sources, key=lambda s: None if isinstance(s, list) else id(s[0])):
        found = list(group)
        if segment is None:
            pieces.append(rows_to_arrow(table, [row for rows in found for row in rows]))
        else:
            pieces.append(_segment_rows(table, found[0][0], [position for _, position in found]))
    return pa.concat_tables(pieces) if pieces else rows_to_arrow(table, [])


def _segment_rows(table: str, segment: pa.Table, positions: list[int]) -> pa.Table:
    """Return the rows of ``table`` that rows ``positions`` of a cache segment hold, as a table.

    Consecutive positions (a chunk read back in the order it was stored) are a slice, which copies nothing.
    """
    column = segment.column(table)
    consecutive = positions == list(range(positions[0], positions[0] + len(positions)))
    picked = column.slice(positions[0], len(positions)) if consecutive else column.take(positions)
    structs = pc.list_flatten(picked)
    return pa.Table.from_struct_array(structs).cast(table_schema(table))


def text_batches(texts: list[str], max_docs: int, max_chars: int = BATCH_CHARS) -> Iterator[list[str]]:
    """Yield ``texts`` in order, in batches of at most ``max_docs`` texts and ``max_chars`` characters.

    A text longer than ``max_chars`` is a batch of its own.

    >>> [len(b) for b in text_batches(["a" * 60, "b" * 60, "c"], 32, max_chars=100)]
    [1, 2]
    """
    batch: list[str] = []
    size = 0
    for text in texts:
        if batch and (len(batch) >= max_docs or size + len(text) > max_chars):
            yield batch
            batch, size = [], 0
        batch.append(text)
        size += len(text)
    if batch:
        yield batch


def parse_texts(texts: list[str]) -> Iterator[Doc]:
    """Parse ``texts`` with the spaCy model, in batches bounded by count and characters."""
    model = nlp.load_model()
    for batch in text_batches(texts, nlp.BATCH_SIZE or 1):
        yield from model.pipe(batch, batch_size=len(batch))


def _docs(articles: list[Article], caches: Caches | None, steps: Counter) -> Iterator[Doc]:
    """Yield the ``Doc`` of each article in order: from the parse cache, else parsed.

    New parses are stored as one cache segment once the last one is yielded.
    """
    keys = [body_key(a) for a in articles]
    cached = caches.parse.get_docs(keys) if caches else {}
    parsed = iter(list(parse_texts([a.body for a, key in zip(articles, keys, strict=True) if key not in cached])))
    new_keys, new_docs = [], new_docbin()
    for key in keys:
        if key in cached:
            steps["parse_cached"] += 1
            yield cached.pop(key)
            continue
        doc = next(parsed)
        steps["parsed"] += 1
        new_keys.append(key)
        new_docs.add(doc)
        yield doc
    if caches:
        caches.parse.put_docs(new_keys, new_docs)


def _from_cache(article: Article, base: SegmentRow, rows: SegmentRow) -> CachedRows:
    """Return a cached article: its metadata rows and where its cached base and registry rows are."""
    segment, position = base
    counts = [segment.column(name)[position].as_py() for name in ("n_sentences", "n_words")]
    return CachedRows(metadata_rows(article, *counts), base, rows)


def _base_rows(base: SegmentRow | None) -> dict | None:
    """Return the cached base record at ``base`` as a dict (None when not cached)."""
    if base is None:
        return None
    segment, position = base
    return segment.slice(position, 1).to_pylist()[0]


def _base_record(key: str, rows: Rows) -> dict:
    """Return the base-cache record of an article's fresh rows."""
    meta = rows["articles"][0]
    return {"key": key, "n_sentences": meta["n_sentences"], "n_words": meta["n_words"],
            **{name: rows[name] for name in BASE_TABLES}}


def _failure(article: Article, exc: Exception) -> CorpusProblem:
    """Return the problem reported for an article whose extraction raised ``exc``."""
    log.debug("extraction of %s failed", article.article_id, exc_info=exc)
    return CorpusProblem(article.source_path, (
        f"article {article.article_id!r}: extraction failed ({type(exc).__name__}: {exc}); "
        "article skipped, the others go through. This is a bug in news-helpers: please report "
        "it with this file"))


def _extract_one(article: Article, doc: Doc, registry: Registry, base: dict | None) -> Rows:
    """Run every extractor on one parsed article (reusing cached timexes when there are some)."""
    return extract_article(parse_article(article, doc), registry, base["timexes"] if base else None)


def extract_chunk(articles: list[Article], registry: Registry,
                  caches: Caches | None = None) -> ChunkResult:
    """Return the rows of each article of ``articles`` (in order), the steps taken and failures.

    Cached rows are reused, the rest is parsed (or read from the parse cache) and
    extracted; what was computed is stored as one cache segment per step.
    """
    result = ChunkResult([{} for _ in articles])
    keys = [extraction_key(a) for a in articles]
    bases = caches.base.locate(keys) if caches else {}
    registry_rows = caches.rows.locate([k for k in keys if k in bases]) if caches else {}
    todo = []
    for i, (article, key) in enumerate(zip(articles, keys, strict=True)):
        if key in bases and key in registry_rows:
            result.rows[i] = _from_cache(article, bases[key], registry_rows[key])
            result.steps["cached"] += 1
        else:
            todo.append(i)
    new: dict[str, list[dict]] = {"base": [], "rows": []}
    docs = _docs([articles[i] for i in todo], caches, result.steps)
    for i, doc in zip(todo, docs, strict=True):
        try:
            rows = _extract_one(articles[i], doc, registry, _base_rows(bases.get(keys[i])))
        except Exception as exc:  # one article's failure must not stop the others
            result.problems.append(_failure(articles[i], exc))
            result.steps["failed"] += 1
            continue
        result.rows[i] = rows
        if keys[i] not in bases:
            new["base"].append(_base_record(keys[i], rows))
        new["rows"].append({"key": keys[i], **{name: rows[name] for name in REGISTRY_TABLES}})
    if caches:
        for step, records in new.items():
            getattr(caches, step).put_many(records)
    return result
