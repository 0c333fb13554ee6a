"""Corpus to tables: read, parse, extract and write, in this process, a pool or on Dask.

Extraction goes chunk by chunk through :func:`~helpers.pipeline.chunk.extract_chunk`,
the unit of work of every path (in process, a pool of processes in
:mod:`helpers.pipeline.workers`, Dask tasks in :mod:`helpers.pipeline.cluster`). It uses
the three per-step caches of :mod:`helpers.pipeline.cache`: adding ten articles to ten
thousand parses and extracts ten; changing the registry re-runs the registry steps on
cached parses, without parsing. The metadata rows (``articles``, ``dropped_lines``)
are rebuilt from the corpus on every run, so a changed catalogue shows at once.

:func:`extract_to_folder` writes the tables chunk by chunk as partitioned Parquet into
a new version of the output folder and commits it all or nothing
(:mod:`helpers.pipeline.store`), so memory stays flat as the corpus grows and a
reader never sees half a set. :func:`ensure_tables` is the one entry point for
readers of a corpus's tables (the notebooks and the render command): it returns the
folder of the corpus's current tables, extracting them first when they are missing,
out of date or damaged.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from helpers.corpus import Article, CorpusProblem, ExportColumns, read_corpus
from helpers.corpus.config import corpus_files, is_config_file
from helpers.corpus.read import check_corpus_folder
from helpers.corpus.sources import max_article_chars
from helpers.extract.merge import ID_COLUMNS, ActorTally, CorpusActors, canonicalise, corpus_actors
from helpers.extract.registry import Registry, load_registry
from helpers.paths import cache_dir
from helpers.pipeline.cache import Caches, body_key, extraction_key
from helpers.pipeline.chunk import ChunkResult
from helpers.pipeline.store import (
    DamagedTablesError,
    IncompleteTablesError,
    PartWriter,
    TableSet,
    part_name,
    read_tables,
    verify_tables,
    write_part,
)
from helpers.pipeline.versions import digest, pipeline_version
from helpers.pipeline.workers import collector_skips_what_exists, resolve_workers, run_chunks
from helpers.schema import ARTICLE_TABLES, TABLES, arrow_to_frame, to_frame

log = logging.getLogger(__name__)

#: Articles per unit of work (a task for a worker process) at most.
CHUNK_SIZE = 64
#: Characters of text per unit of work at most (long articles make smaller chunks).
CHUNK_CHARS = 400_000
#: Characters of the smallest chunk that several workers get at the end of a corpus (see :func:`article_chunks`).
TAIL_CHARS = 5_000
#: Articles per Parquet part file written by :func:`extract_to_folder`.
PART_SIZE = 1000
#: The corpus problems stored beside a corpus's tables by :func:`ensure_tables`.
PROBLEMS_NAME = "problems.json"


@dataclass
class ExtractionResult:
    """The tables of one corpus and the problems met while reading it.

    ``steps`` counts what each article needed: ``parsed`` (spaCy ran), ``parse_cached``
    (parse read from the cache, extractors re-run), ``cached`` (rows read from the cache),
    ``failed`` (an extractor raised; the article is left out and named in ``problems``).
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
    """What :func:`extract_to_folder` and the Dask path did (``problems``: failed articles)."""

    articles: int
    steps: dict[str, int]
    counts: dict[str, int]
    written: list[Path]
    problems: list[CorpusProblem] = field(default_factory=list)


def chunks(items: list, size: int) -> list[list]:
    """Return ``items`` cut into lists of at most ``size``.

    >>> chunks([1, 2, 3], 2)
    [[1, 2], [3]]
    """
    return [items[i:i + size] for i in range(0, len(items), max(1, size))]


def article_chunks(articles: list[Article], size: int = CHUNK_SIZE, max_chars: int = CHUNK_CHARS,
                   workers: int = 1) -> list[list[Article]]:
    """Return ``articles`` cut into chunks of at most ``size`` articles and ``max_chars`` characters.

    With several ``workers`` the last chunks get smaller (at most a ``2 * workers``-th of the
    text left, down to :data:`TAIL_CHARS`), so the workers finish together instead of one
    parsing a last full chunk while the others wait.

    >>> from types import SimpleNamespace
    >>> texts = [SimpleNamespace(body="x" * 1000) for _ in range(60)]
    >>> [len(c) for c in article_chunks(texts, size=16)], [len(c) for c in article_chunks(texts, 16, workers=2)]
    ([16, 16, 16, 12], [15, 11, 8, 6, 5, 5, 5, 5])
    """
    left = sum(len(a.body) for a in articles)
    parts: list[list[Article]] = []
    chars = limit = 0
    for article in articles:
        if not parts or len(parts[-1]) >= size or (chars + len(article.body) > limit and parts[-1]):
            parts.append([])
            chars = 0
            limit = max_chars if workers <= 1 else min(max_chars, max(TAIL_CHARS, left // (2 * workers)))
        parts[-1].append(article)
        chars += len(article.body)
        left -= len(article.body)
    return parts


def chars_to_parse(articles: list[Article], caches: Caches | None) -> int:
    """Return the characters of the articles whose rows and parse are not in the cache."""
    if caches is None:
        return sum(len(a.body) for a in articles)
    extracted = caches.rows.contains([extraction_key(a) for a in articles])
    parsed = caches.parse.contains([body_key(a) for a in articles])
    return sum(len(a.body) for a in articles
               if extraction_key(a) not in extracted and body_key(a) not in parsed)


def _progress(items: Iterable, total: int, enabled: bool) -> Iterable:
    """Wrap ``items`` in a tqdm bar on long runs when ``enabled``."""
    if not enabled or total < 20:
        return items
    from tqdm.auto import tqdm

    return tqdm(items, total=total, desc="extracting", unit="chunk")


def iter_results(articles: list[Article], registry: Registry, caches: Caches | None,
                 workers: int | None, chunk_size: int = CHUNK_SIZE, progress: bool = False,
                 ) -> Iterable[tuple[list[Article], ChunkResult]]:
    """Yield ``(articles, result)`` chunk by chunk in corpus order, on the right number of processes."""
    workers = resolve_workers(workers, chars_to_parse(articles, caches))
    parts = article_chunks(articles, chunk_size, workers=workers)
    log.info("extracting %d articles in %d chunks on %d process(es)", len(articles), len(parts), workers)
    return _progress(run_chunks(parts, registry, caches, workers), len(parts), progress)


def load_inputs(corpus: str | Path, registry_path: str | Path | None = None,
                columns: ExportColumns | None = None,
                ) -> tuple[list[Article], list[CorpusProblem], Registry]:
    """Read the corpus and the registry (raises on a missing corpus or a bad registry)."""
    registry = load_registry(registry_path)
    articles, problems = read_corpus(corpus, columns)
    return articles, problems, registry


def extract_corpus(corpus: str | Path, registry_path: str | Path | None = None,
                   use_cache: bool = True, progress: bool = False, workers: int | None = None,
                   ) -> ExtractionResult:
    """Read, clean and extract a whole corpus; return its tables (in memory) and problems.

    Articles whose extraction fails are left out and named in the problems.
    """
    articles, problems, registry = load_inputs(corpus, registry_path)
    caches = Caches.for_registry(registry) if use_cache else None
    parts: dict[str, list[pa.Table]] = {name: [] for name in ARTICLE_TABLES}
    steps: Counter = Counter()
    tally = ActorTally()
    with collector_skips_what_exists():
        for _, result in iter_results(articles, registry, caches, workers, progress=progress):
            steps.update(result.steps)
            problems.extend(result.problems)
            tally.add(result.tables["mentions"].to_pylist())
            for name, table in result.tables.items():
                parts[name].append(table)
    actors = corpus_actors(tally, registry)
    tables = {name: canonicalise(name, arrow_to_frame(pa.concat_tables(tables_of_name)) if tables_of_name
                                 else to_frame(name, []), actors)
              for name, tables_of_name in parts.items()}
    tables["actors"] = to_frame("actors", actors.rows)
    tables = {name: tables[name] for name in TABLES}
    return ExtractionResult(tables, problems, steps["parsed"], len(articles) - steps["parsed"],
                            dict(steps))


# --- writing Parquet datasets ------------------------------------------------------------

def extract_to_folder(articles: list[Article], registry: Registry, out_dir: str | Path, *,
                      use_cache: bool = True, workers: int | None = None, progress: bool = False,
                      part_size: int = PART_SIZE, chunk_size: int = CHUNK_SIZE,
                      problems: list[CorpusProblem] | None = None, wait: float = 0.0) -> ExtractionSummary:
    """Extract ``articles`` and write every table to ``out_dir``, chunk by chunk, all or nothing.

    ``chunk_size`` articles make one unit of work (for one of ``workers`` processes;
    None: as many as pay, see :func:`~helpers.pipeline.workers.resolve_workers`); rows
    are written as Parquet parts of at least ``part_size`` articles, so memory does not
    grow with the corpus. ``problems`` (those met reading the corpus) are stored with the
    tables in ``problems.json``, with the articles whose extraction failed. ``wait``:
    seconds to wait for another writer of ``out_dir`` (-1: as long as it takes); after
    that :class:`~helpers.pipeline.store.TablesBusyError` is raised.
    """
    with TableSet(out_dir, wait) as table_set, collector_skips_what_exists():
        return _write_set(table_set, articles, registry, use_cache=use_cache, workers=workers,
                          progress=progress, part_size=part_size, chunk_size=chunk_size,
                          problems=problems or [])


def _write_set(table_set: TableSet, articles: list[Article], registry: Registry, *, use_cache: bool,
               workers: int | None, progress: bool, part_size: int, chunk_size: int,
               problems: list[CorpusProblem]) -> ExtractionSummary:
    """Extract ``articles`` into the new version of ``table_set`` and commit it."""
    caches = Caches.for_registry(registry) if use_cache else None
    writer = PartWriter(table_set.folder, part_size)
    steps: Counter = Counter()
    failures: list[CorpusProblem] = []
    tally = ActorTally()
    try:
        for part, result in iter_results(articles, registry, caches, workers, chunk_size, progress):
            steps.update(result.steps)
            failures.extend(result.problems)
            tally.add(result.tables["mentions"].to_pylist())
            writer.add(result.tables, len(part))
        counts = writer.close()
    except BaseException:
        writer.abort()
        raise
    counts["actors"] = write_actors(table_set.folder, writer.part, corpus_actors(tally, registry))
    written = table_set.commit({PROBLEMS_NAME: problems_json(problems + failures)})
    return ExtractionSummary(len(articles) - steps["failed"], dict(steps), counts, written, failures)


def write_actors(folder: Path, parts: int, actors: CorpusActors) -> int:
    """Write the ``actors`` table and make the discovered ids of parts ``0..parts-1`` canonical.

    Only the parts whose ids, names or types change are rewritten, one at a time.
    Returns the number of actors.
    """
    for table in ID_COLUMNS:
        for index in range(parts):
            path = folder / f"{table}.parquet" / part_name(index)
            if not path.exists():
                continue
            frame = arrow_to_frame(pq.read_table(path))  # written by this run, in the table's schema
            canonical = canonicalise(table, frame, actors)
            if not canonical.equals(frame):
                write_part(folder, index, {table: canonical})
    write_part(folder, 0, {"actors": actors.rows})
    return len(actors.rows)


def problems_json(problems: list[CorpusProblem]) -> str:
    """Return ``problems`` as the JSON stored beside the tables (see :func:`stored_problems`)."""
    return json.dumps([vars(p) for p in problems], indent=1, ensure_ascii=False)


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


def _usable(folder: Path) -> bool:
    """Return True when ``folder`` holds a complete set whose every table matches its checksum."""
    try:
        verify_tables(folder)
    except IncompleteTablesError:
        return False
    except DamagedTablesError as exc:
        log.warning("%s; extracting them again", exc)
        return False
    return True


def tables_folder(key: str) -> Path:
    """Return where the tables of ``key`` are kept: the cache, else (cache not writable) a temporary folder."""
    folder = cache_dir() / "tables" / key
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as exc:
        fallback = Path(tempfile.gettempdir()) / f"news-helpers-{os.getuid()}" / "tables" / key
        log.warning("cannot write to the cache folder %s (%s); keeping the tables in %s instead. Free some "
                    "space or make it writable, or set NEWS_HELPERS_CACHE to another folder",
                    cache_dir(), exc.strerror or exc, fallback.parent)
        return fallback
    return folder


def ensure_tables(corpus: str | Path, registry_path: str | Path | None = None, *,
                  workers: int | None = None, progress: bool = False) -> Path:
    """Return the folder holding the current tables of ``corpus``, extracting them if needed.

    The folder (``<cache>/tables/<key>/``) is keyed by :func:`tables_key`, so a changed
    file, registry, code or setting gives a new folder; the corpus's problems are stored
    beside the tables in ``problems.json``. Tables that do not match their checksums are
    extracted again. Two processes asking for the same tables extract them once: the
    second waits for the first. Raises like :func:`load_inputs`.
    """
    corpus = check_corpus_folder(corpus)
    registry = load_registry(registry_path)
    folder = tables_folder(tables_key(corpus, registry))
    if _usable(folder):
        return folder
    articles, problems = read_corpus(corpus)
    with TableSet(folder, wait=-1) as table_set:
        if not _usable(folder):
            _write_set(table_set, articles, registry, use_cache=True, workers=workers, progress=progress,
                       part_size=PART_SIZE, chunk_size=CHUNK_SIZE, problems=problems)
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
