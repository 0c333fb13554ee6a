"""Corpus to tables: read, parse, extract and write, in this process, a pool or on Dask.

Extraction goes chunk by chunk through :func:`extract_chunk`, the unit of work of
every path (in process, a pool of processes, Dask tasks in :mod:`helpers.pipeline.cluster`).
Around :func:`helpers.extract.rows.extract_article` it uses the three per-step caches of
:mod:`helpers.pipeline.cache`: adding ten articles to ten thousand parses and extracts
ten; changing the registry re-runs the registry steps on cached parses, without
parsing. The metadata rows (``articles``, ``dropped_lines``) are rebuilt from the corpus
on every run, so a changed catalogue shows at once.

:func:`extract_to_folder` writes the tables part by part as partitioned Parquet
(:mod:`helpers.pipeline.store`), so memory stays flat as the corpus grows.
:func:`ensure_tables` is the one entry point for readers of a corpus's tables (the
notebooks and the render command): it returns the folder of the corpus's current
tables, extracting them first when they are missing or out of date.
"""

from __future__ import annotations

import itertools
import json
import logging
import multiprocessing
import os
import shutil
from collections import Counter
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from spacy.tokens import Doc

from helpers.corpus import Article, CorpusProblem, ExportColumns, read_corpus
from helpers.corpus.config import corpus_files, is_config_file
from helpers.corpus.read import check_corpus_folder
from helpers.corpus.sources import max_article_chars
from helpers.extract import nlp
from helpers.extract.parsed import parse_article
from helpers.extract.registry import Registry, load_registry
from helpers.extract.rows import Rows, extract_article, metadata_rows
from helpers.paths import cache_dir
from helpers.pipeline.cache import Caches, body_key, doc_from_bytes, doc_to_bytes, extraction_key
from helpers.pipeline.store import commit_tables, is_complete, new_staging, read_tables, write_part
from helpers.pipeline.versions import digest, pipeline_version
from helpers.schema import ARTICLE_TABLES, TABLES, to_frame

log = logging.getLogger(__name__)

#: Rows cached with the parse's registry-independent results.
BASE_TABLES = ["sentences", "timexes"]
#: Rows that depend on the actor registry.
REGISTRY_TABLES = ["mentions", "figures", "casualties", "descriptors", "quotes", "events"]
#: Articles per unit of work (a task for a worker process).
CHUNK_SIZE = 64
#: Articles per Parquet part file written by :func:`extract_to_folder`.
PART_SIZE = 1000
#: The corpus problems stored beside a corpus's tables by :func:`ensure_tables`.
PROBLEMS_NAME = "problems.json"


@dataclass
class ExtractionResult:
    """The tables of one corpus and the problems met while reading it.

    ``steps`` counts what each article needed: ``parsed`` (spaCy ran), ``parse_cached``
    (parse read from the cache, extractors re-run), ``cached`` (rows read from the cache).
    """

    tables: dict[str, pd.DataFrame]
    problems: list[CorpusProblem] = field(default_factory=list)
    parsed_count: int = 0
    cached_count: int = 0
    steps: dict[str, int] = field(default_factory=dict)

    def __getitem__(self, name: str) -> pd.DataFrame:
        """Return table ``name``."""
        return self.tables[name]


@dataclass
class ExtractionSummary:
    """What :func:`extract_to_folder` and the Dask path did."""

    articles: int
    steps: dict[str, int]
    counts: dict[str, int]
    written: list[Path]


# --- one chunk of articles ----------------------------------------------------------------

def _docs(articles: list[Article], caches: Caches | None, steps: Counter) -> Iterator[Doc]:
    """Yield the ``Doc`` of each article in order: from the parse cache, else from ``nlp.pipe``."""
    stored = {i: data for i, a in enumerate(articles)
              if caches and (data := caches.parse.get_bytes(body_key(a))) is not None}
    misses = [a.body for i, a in enumerate(articles) if i not in stored]
    piped = nlp.load_model().pipe(misses, batch_size=nlp.BATCH_SIZE) if misses else iter(())
    for i, article in enumerate(articles):
        if i in stored:
            steps["parse_cached"] += 1
            yield doc_from_bytes(stored.pop(i))
            continue
        doc = next(piped)
        steps["parsed"] += 1
        if caches:
            caches.parse.put_bytes(body_key(article), doc_to_bytes(doc))
        yield doc


def _from_cache(article: Article, base: dict, registry_rows: dict) -> Rows:
    """Assemble an article's rows from its cached base and registry rows."""
    rows = metadata_rows(article, base["n_sentences"], base["n_words"])
    rows.update({name: base[name] for name in BASE_TABLES})
    rows.update({name: registry_rows[name] for name in REGISTRY_TABLES})
    return rows


def _store(caches: Caches, article: Article, rows: Rows, base: dict | None) -> None:
    """Put an article's fresh rows into the base and registry caches."""
    key = extraction_key(article)
    if base is None:
        meta = rows["articles"][0]
        caches.base.put(key, {"n_sentences": meta["n_sentences"], "n_words": meta["n_words"],
                              **{name: rows[name] for name in BASE_TABLES}})
    caches.rows.put(key, {name: rows[name] for name in REGISTRY_TABLES})


def extract_chunk(articles: list[Article], registry: Registry,
                  caches: Caches | None = None) -> tuple[list[Rows], Counter]:
    """Return the rows of each article of ``articles`` (in order) and the steps it took.

    This is the unit of work of every path (in process, process pool, Dask): cached
    rows are reused, the rest is parsed (or read from the parse cache) and extracted.
    """
    steps: Counter = Counter()
    results: list[Rows] = [{} for _ in articles]
    todo: list[tuple[int, dict | None]] = []
    for i, article in enumerate(articles):
        key = extraction_key(article)
        base = caches.base.get(key) if caches else None
        cached_rows = caches.rows.get(key) if caches and base else None
        if base and cached_rows:
            results[i] = _from_cache(article, base, cached_rows)
            steps["cached"] += 1
        else:
            todo.append((i, base))
    pending = [articles[i] for i, _ in todo]
    for (i, base), doc in zip(todo, _docs(pending, caches, steps), strict=True):
        parsed = parse_article(articles[i], doc)
        rows = extract_article(parsed, registry, base["timexes"] if base else None)
        if caches:
            _store(caches, articles[i], rows, base)
        results[i] = rows
    return results, steps


# --- over many articles: in process or in a pool of processes ---------------------------

_WORKER_REGISTRY: list[Registry] = []


def _init_worker(registry: Registry) -> None:
    """Keep the registry in a pool process (sent once) and load spaCy once."""
    _WORKER_REGISTRY[:] = [registry]
    nlp.load_model()


def _worker_chunk(articles: list[Article], caches: Caches | None) -> tuple[list[Rows], Counter]:
    """Run :func:`extract_chunk` in a pool process with the registry it was given."""
    return extract_chunk(articles, _WORKER_REGISTRY[0], caches)


def resolve_workers(workers: int) -> int:
    """Return the number of processes to use: ``workers``, or every core when it is 0 or less."""
    return workers if workers > 0 else max(1, os.cpu_count() or 1)


def chunks(items: list, size: int) -> list[list]:
    """Return ``items`` cut into lists of at most ``size``.

    >>> chunks([1, 2, 3], 2)
    [[1, 2], [3]]
    """
    return [items[i:i + size] for i in range(0, len(items), max(1, size))]


def iter_extracted(articles: list[Article], registry: Registry, caches: Caches | None = None,
                   workers: int = 1, chunk_size: int = CHUNK_SIZE,
                   ) -> Iterator[tuple[list[Article], list[Rows], Counter]]:
    """Yield ``(articles, rows of each, steps)`` chunk by chunk, in corpus order.

    ``workers > 1`` spreads the chunks over that many processes (each loads spaCy once).
    """
    parts = chunks(articles, chunk_size)
    workers = resolve_workers(workers)
    if workers <= 1 or len(parts) <= 1:
        for part in parts:
            yield (part, *extract_chunk(part, registry, caches))
        return
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker,
                             initargs=(registry,)) as pool:
        for part, (rows, steps) in zip(parts, pool.map(_worker_chunk, parts,
                                                       itertools.repeat(caches)), strict=True):
            yield part, rows, steps


def _progress(items: Iterable, total: int, enabled: bool) -> Iterable:
    """Wrap ``items`` in a tqdm bar on long runs when ``enabled``."""
    if not enabled or total < 20:
        return items
    from tqdm.auto import tqdm

    return tqdm(items, total=total, desc="extracting", unit="chunk")


def merge_rows(results: Iterable[Rows]) -> Rows:
    """Concatenate per-article rows table by table."""
    combined: Rows = {name: [] for name in ARTICLE_TABLES}
    for rows in results:
        for name in ARTICLE_TABLES:
            combined[name].extend(rows.get(name, []))
    return combined


def extract_rows(articles: list[Article], registry: Registry, progress: bool = False,
                 cache: Caches | None = None, workers: int = 1) -> tuple[Rows, Counter]:
    """Return the rows of every article-level table and the steps taken, using ``cache``."""
    combined: Rows = {name: [] for name in ARTICLE_TABLES}
    steps: Counter = Counter()
    extracted = iter_extracted(articles, registry, cache, workers)
    for _, rows, chunk_steps in _progress(extracted, -(-len(articles) // CHUNK_SIZE), progress):
        for name, table_rows in merge_rows(rows).items():
            combined[name].extend(table_rows)
        steps.update(chunk_steps)
    return combined, steps


def load_inputs(corpus: str | Path, registry_path: str | Path | None = None,
                columns: ExportColumns | None = None,
                ) -> tuple[list[Article], list[CorpusProblem], Registry]:
    """Read the corpus and the registry (raises on a missing corpus or a bad registry)."""
    registry = load_registry(registry_path)
    articles, problems = read_corpus(corpus, columns)
    return articles, problems, registry


def extract_corpus(corpus: str | Path, registry_path: str | Path | None = None,
                   use_cache: bool = True, progress: bool = False, workers: int = 1,
                   ) -> ExtractionResult:
    """Read, clean and extract a whole corpus; return its tables (in memory) and problems."""
    articles, problems, registry = load_inputs(corpus, registry_path)
    caches = Caches.for_registry(registry) if use_cache else None
    rows, steps = extract_rows(articles, registry, progress=progress, cache=caches, workers=workers)
    tables = {name: to_frame(name, rows[name]) for name in ARTICLE_TABLES}
    tables["actors"] = to_frame("actors", registry.actor_rows())
    tables = {name: tables[name] for name in TABLES}
    return ExtractionResult(tables, problems, steps["parsed"], len(articles) - steps["parsed"],
                            dict(steps))


# --- writing Parquet datasets ------------------------------------------------------------

def extract_to_folder(articles: list[Article], registry: Registry, out_dir: str | Path, *,
                      use_cache: bool = True, workers: int = 1, progress: bool = False,
                      part_size: int = PART_SIZE, chunk_size: int = CHUNK_SIZE,
                      extras: dict[str, str] | None = None) -> ExtractionSummary:
    """Extract ``articles`` and write every table to ``out_dir``, chunk by chunk.

    ``chunk_size`` articles make one unit of work (for one of ``workers`` processes);
    rows are written as Parquet parts of at least ``part_size`` articles (whole chunks),
    so memory does not grow with the corpus. ``extras`` are small files (name to text)
    committed with the tables. All or nothing: see :func:`~helpers.pipeline.store.commit_tables`.
    """
    out_dir = Path(out_dir)
    caches = Caches.for_registry(registry) if use_cache else None
    staging = new_staging(out_dir)
    steps: Counter = Counter()
    counts: Counter = Counter()
    buffer: list[Rows] = []
    part = 0
    try:
        extracted = iter_extracted(articles, registry, caches, workers, chunk_size)
        for _, rows, chunk_steps in _progress(extracted, -(-len(articles) // chunk_size), progress):
            steps.update(chunk_steps)
            buffer.extend(rows)
            if len(buffer) >= part_size:
                part = _flush(staging, part, buffer, counts)
        if buffer or part == 0:
            part = _flush(staging, part, buffer, counts)
        write_part(staging, 0, {"actors": registry.actor_rows()})
        counts["actors"] = len(registry.actor_rows())
        for name, text in (extras or {}).items():
            (staging / name).write_text(text, encoding="utf-8")
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    written = commit_tables(staging, out_dir, {name: counts[name] for name in TABLES},
                            extras=list(extras or {}))
    return ExtractionSummary(len(articles), dict(steps), dict(counts), written)


def _flush(staging: Path, part: int, buffer: list[Rows], counts: Counter) -> int:
    """Write the buffered rows as part ``part``, empty the buffer, return the next part number."""
    merged = merge_rows(buffer)
    write_part(staging, part, merged)
    counts.update({name: len(rows) for name, rows in merged.items()})
    buffer.clear()
    return part + 1


# --- the tables of a corpus, for notebooks and reports ------------------------------------

def corpus_fingerprint(folder: Path) -> str:
    """Return a hash of the names and bytes of every file of a corpus (hidden ones skipped).

    For a corpus description file: its own bytes and those of the files it describes.
    """
    root, files = corpus_files(folder)
    head = [folder.read_bytes()] if is_config_file(folder) else []
    return digest([*head, *(part for path in files
                            for part in (path.relative_to(root).as_posix().encode(), path.read_bytes()))])


def tables_key(corpus: Path, registry: Registry) -> str:
    """Return the key of a corpus's tables: its files, the registry, the code and the settings."""
    return digest([corpus_fingerprint(corpus).encode(), pipeline_version(registry).encode(),
                   str(max_article_chars()).encode()])


def ensure_tables(corpus: str | Path, registry_path: str | Path | None = None, *,
                  workers: int = 1, progress: bool = False) -> Path:
    """Return the folder holding the current tables of ``corpus``, extracting them if needed.

    The folder (``<cache>/tables/<key>/``) is keyed by :func:`tables_key`, so a changed
    file, registry, code or setting gives a new folder; the corpus's problems are stored
    beside the tables in ``problems.json``. Raises like :func:`load_inputs`.
    """
    corpus = check_corpus_folder(corpus)
    registry = load_registry(registry_path)
    folder = cache_dir() / "tables" / tables_key(corpus, registry)
    if is_complete(folder):
        return folder
    articles, problems = read_corpus(corpus)
    problems_json = json.dumps([vars(p) for p in problems], indent=1)
    extract_to_folder(articles, registry, folder, workers=workers, progress=progress,
                      extras={PROBLEMS_NAME: problems_json})
    return folder


def stored_problems(folder: Path) -> list[CorpusProblem]:
    """Return the corpus problems stored beside tables by :func:`ensure_tables`."""
    path = folder / PROBLEMS_NAME
    if not path.exists():
        return []
    return [CorpusProblem(**entry) for entry in json.loads(path.read_text(encoding="utf-8"))]


def load_corpus_tables(corpus: str | Path, registry_path: str | Path | None = None,
                       ) -> ExtractionResult:
    """Return the tables and problems of ``corpus`` from :func:`ensure_tables`'s folder."""
    folder = ensure_tables(corpus, registry_path)
    return ExtractionResult(read_tables(folder), stored_problems(folder))
