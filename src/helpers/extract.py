"""Run every extractor over a corpus and write the tables of the data model.

Extraction goes article by article through :func:`extract_article` (the one place
that calls the extractors, in this order: mentions, timexes, figures, quotes,
events). Around it, three per-step caches make re-runs cheap:

- **parse**: the spaCy ``Doc`` of each body (DocBin bytes), keyed by the body's hash
  and the model version. Only bodies never seen are parsed.
- **base**: the rows that do not depend on the actor registry (sentences, timexes,
  word counts), keyed by :func:`extraction_key` (id, body, date) and a hash of the
  code they come from.
- **rows**: the registry-dependent rows (mentions, figures, quotes, events), keyed
  by the same key and :func:`pipeline_version` (code, registry and model).

Adding ten articles to ten thousand parses and extracts ten; changing the registry
re-runs the registry steps on cached parses, without parsing. The metadata rows
(``articles``, ``dropped_lines``) are rebuilt from the corpus on every run, so a
changed catalogue shows at once.

The same :func:`extract_chunk` runs in this process, in a pool of processes
(``workers > 1``) or as Dask tasks (:mod:`helpers.distributed`); spaCy is loaded once
per process. :func:`extract_to_folder` writes the tables chunk by chunk as
partitioned Parquet datasets (``<out>/<table>.parquet/part-NNNNN.parquet``), so
memory stays flat as the corpus grows.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import logging
import multiprocessing
import os
import pickle
import shutil
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
import pyarrow.parquet as pq
from spacy.tokens import Doc, DocBin

from helpers import actors, events, figures, nlp, quotes, timexes
from helpers.corpus import Article, CorpusProblem, read_corpus
from helpers.files import write_atomically
from helpers.parsed import ParsedArticle, parse_article
from helpers.paths import PACKAGE_DIR, cache_dir
from helpers.registry import Registry, load_registry
from helpers.schema import ARTICLE_TABLES, TABLES, to_arrow, to_frame

if TYPE_CHECKING:
    from helpers.readers import ExportColumns

log = logging.getLogger(__name__)

#: Modules whose code decides the registry-independent rows (sentences, timexes).
BASE_MODULES = ["cleaning", "corpus", "readers", "parsed", "schema", "extract", "timexes"]
#: Modules whose code (with the registry) decides the registry-dependent rows.
REGISTRY_MODULES = ["registry", "actors", "figures", "quotes", "events"]
#: Every module whose code decides the content of the tables.
EXTRACTION_MODULES = BASE_MODULES + REGISTRY_MODULES
#: Data files (in ``helpers/data/``) that extractors read besides the registry.
EXTRACTION_DATA = ["plover.csv"]
#: Rows cached with the parse's registry-independent results.
BASE_TABLES = ["sentences", "timexes"]
#: Rows that depend on the actor registry.
REGISTRY_TABLES = ["mentions", "figures", "quotes", "events"]
#: Articles per unit of work (a task for a worker process).
CHUNK_SIZE = 64
#: Articles per Parquet part file written by :func:`extract_to_folder`.
PART_SIZE = 1000
#: Written last into a tables folder: without it the folder's set of tables is incomplete.
COMPLETE_MARKER = "_SUCCESS"

Rows = dict[str, list[dict]]


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


# --- versions and caches ---------------------------------------------------------------

def _digest(parts: Iterable[bytes]) -> str:
    """Return a short hash of ``parts``."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part)
        digest.update(b"\x1f")
    return digest.hexdigest()[:16]


def _module_sources(names: list[str]) -> list[bytes]:
    """Return the source bytes of the helper modules ``names``."""
    return [(PACKAGE_DIR / f"{name}.py").read_bytes() for name in names]


def parse_version() -> str:
    """Return a hash of what a parse depends on: spaCy, the model and how it is loaded."""
    import spacy

    return _digest([spacy.__version__.encode(), nlp.model_version().encode(),
                    (PACKAGE_DIR / "nlp.py").read_bytes()])


def base_version() -> str:
    """Return a hash of the code behind the registry-independent rows, and the model."""
    return _digest([*_module_sources(BASE_MODULES), parse_version().encode()])


def pipeline_version(registry: Registry) -> str:
    """Return a short hash of the extraction code, the registry content and the model."""
    data = [PACKAGE_DIR / "data" / name for name in EXTRACTION_DATA]
    return _digest([base_version().encode(), *_module_sources(REGISTRY_MODULES),
                    *(path.read_bytes() for path in data if path.exists()),
                    registry.fingerprint().encode()])


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


# --- rows of one article ---------------------------------------------------------------

def metadata_rows(article: Article, n_sentences: int, n_words: int) -> Rows:
    """Return the ``articles`` and ``dropped_lines`` rows, which come from the corpus alone."""
    return {
        "articles": [{
            "article_id": article.article_id, "source_path": article.source_path,
            "title": article.title, "outlet": article.outlet, "author": article.author,
            "url": article.url, "published": article.published,
            "published_precision": article.published_precision,
            "published_source": article.published_source, "body": article.body,
            "n_sentences": n_sentences, "n_words": n_words,
            "fingerprint": article.fingerprint(), "title_source": article.title_source,
            "author_source": article.author_source,
        }],
        "dropped_lines": [
            {"article_id": article.article_id, "line_no": d.line_no, "text": d.text,
             "reason": d.reason}
            for d in article.clean.dropped
        ],
    }


def article_rows(article: Article, parsed: ParsedArticle) -> Rows:
    """Return the rows of the article-level tables that describe the article itself."""
    n_words = sum(1 for t in parsed.doc if not t.is_space and not t.is_punct)
    rows = metadata_rows(article, len(parsed.sentences), n_words)
    rows["sentences"] = [
        {"article_id": article.article_id, "sentence_id": s.sentence_id,
         "paragraph_id": s.paragraph_id, "start_char": s.start_char, "end_char": s.end_char,
         "text": s.text}
        for s in parsed.sentences
    ]
    return rows


def extract_article(parsed: ParsedArticle, registry: Registry,
                    timex_rows: list[dict] | None = None) -> Rows:
    """Run every extractor on one parsed article and return its rows, table by table.

    ``timex_rows``, when given, are the article's cached timexes (they do not depend on
    the registry) and the timex extractor is not run again.
    """
    rows = article_rows(parsed.article, parsed)
    rows["mentions"] = actors.extract_mentions(parsed, registry)
    rows["timexes"] = timexes.extract_timexes(parsed) if timex_rows is None else timex_rows
    rows["figures"] = figures.extract_figures(parsed, rows["mentions"], rows["timexes"])
    rows["quotes"] = quotes.extract_quotes(parsed, rows["mentions"])
    rows["events"] = events.extract_events(parsed, rows["mentions"], rows["timexes"])
    return rows


def parse_articles(articles: list[Article]) -> Iterator[ParsedArticle]:
    """Parse article bodies with ``nlp.pipe`` in batches, yielding them in order."""
    if not articles:
        return
    model = nlp.load_model()
    docs = model.pipe((a.body for a in articles), batch_size=nlp.BATCH_SIZE)
    for article, doc in zip(articles, docs, strict=True):
        yield parse_article(article, doc)


def _doc_to_bytes(doc: Doc) -> bytes:
    """Serialise a parsed ``Doc`` (DocBin: compact and fast to read back)."""
    docbin = DocBin(store_user_data=False)
    docbin.add(doc)
    return docbin.to_bytes()


def _doc_from_bytes(data: bytes) -> Doc:
    """Read back a ``Doc`` written by :func:`_doc_to_bytes`."""
    return next(DocBin().from_bytes(data).get_docs(nlp.load_model().vocab))


def _docs(articles: list[Article], caches: Caches | None, steps: Counter) -> Iterator[Doc]:
    """Yield the ``Doc`` of each article in order: from the parse cache, else from ``nlp.pipe``."""
    stored = {i: data for i, a in enumerate(articles)
              if caches and (data := caches.parse.get_bytes(body_key(a))) is not None}
    misses = [a.body for i, a in enumerate(articles) if i not in stored]
    piped = nlp.load_model().pipe(misses, batch_size=nlp.BATCH_SIZE) if misses else iter(())
    for i, article in enumerate(articles):
        if i in stored:
            steps["parse_cached"] += 1
            yield _doc_from_bytes(stored.pop(i))
            continue
        doc = next(piped)
        steps["parsed"] += 1
        if caches:
            caches.parse.put_bytes(body_key(article), _doc_to_bytes(doc))
        yield doc


def _from_cache(article: Article, base: dict, registry_rows: dict) -> Rows:
    """Assemble an article's rows from its cached base and registry rows."""
    rows = metadata_rows(article, base["n_sentences"], base["n_words"])
    rows.update({name: base[name] for name in BASE_TABLES})
    rows.update({name: registry_rows[name] for name in REGISTRY_TABLES})
    return rows


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


def _store(caches: Caches, article: Article, rows: Rows, base: dict | None) -> None:
    """Put an article's fresh rows into the base and registry caches."""
    key = extraction_key(article)
    if base is None:
        meta = rows["articles"][0]
        caches.base.put(key, {"n_sentences": meta["n_sentences"], "n_words": meta["n_words"],
                              **{name: rows[name] for name in BASE_TABLES}})
    caches.rows.put(key, {name: rows[name] for name in REGISTRY_TABLES})


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

def part_name(index: int) -> str:
    """Return the file name of part ``index`` of a table.

    >>> part_name(3)
    'part-00003.parquet'
    """
    return f"part-{index:05d}.parquet"


def write_part(staging: Path, index: int, rows: Rows | dict[str, pd.DataFrame]) -> None:
    """Write part ``index`` of each table in ``rows`` into ``staging/<table>.parquet/``.

    ``rows`` maps table names to row dicts or to DataFrames.
    """
    for name, table_rows in rows.items():
        frame = table_rows if isinstance(table_rows, pd.DataFrame) else to_frame(name, table_rows)
        folder = staging / f"{name}.parquet"
        folder.mkdir(parents=True, exist_ok=True)
        pq.write_table(to_arrow(name, frame), folder / part_name(index))


def new_staging(out_dir: Path) -> Path:
    """Create and return a staging folder inside ``out_dir`` for a set of tables."""
    out_dir.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=".tables-", dir=out_dir))


def commit_tables(staging: Path, out_dir: Path, counts: dict[str, int]) -> list[Path]:
    """Move every table of ``staging`` into ``out_dir``, then write ``_SUCCESS``.

    ``_SUCCESS`` (the row count of each table, as JSON) is removed before the first table
    is moved and written after the last, so an interrupted move never leaves a set that
    looks complete. The staging folder is removed in every case.
    """
    try:
        (out_dir / COMPLETE_MARKER).unlink(missing_ok=True)
        written = []
        for name in counts:
            target = out_dir / f"{name}.parquet"
            if target.is_dir():
                target.replace(staging / f"old-{name}")
            elif target.exists():
                target.unlink()
            (staging / f"{name}.parquet").replace(target)
            written.append(target)
        (staging / COMPLETE_MARKER).write_text(json.dumps(counts, indent=1), encoding="utf-8")
        (staging / COMPLETE_MARKER).replace(out_dir / COMPLETE_MARKER)
        return written
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def write_tables(tables: dict[str, pd.DataFrame], out_dir: str | Path) -> list[Path]:
    """Write each table to ``out_dir/<name>.parquet/`` (a one-part dataset), all or nothing.

    The tables are written into a staging folder inside ``out_dir`` first and moved into
    place only when every table has been written (see :func:`commit_tables`).
    """
    out_dir = Path(out_dir)
    staging = new_staging(out_dir)
    try:
        write_part(staging, 0, tables)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return commit_tables(staging, out_dir, {name: len(frame) for name, frame in tables.items()})


@dataclass
class ExtractionSummary:
    """What :func:`extract_to_folder` and the Dask path did."""

    articles: int
    steps: dict[str, int]
    counts: dict[str, int]
    written: list[Path]


def extract_to_folder(articles: list[Article], registry: Registry, out_dir: str | Path, *,
                      use_cache: bool = True, workers: int = 1, progress: bool = False,
                      part_size: int = PART_SIZE, chunk_size: int = CHUNK_SIZE,
                      ) -> ExtractionSummary:
    """Extract ``articles`` and write every table to ``out_dir``, chunk by chunk.

    ``chunk_size`` articles make one unit of work (for one of ``workers`` processes);
    rows are written as Parquet parts of at least ``part_size`` articles (whole chunks),
    so memory does not grow with the corpus. All or nothing: see :func:`commit_tables`.
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
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    written = commit_tables(staging, out_dir, {name: counts[name] for name in TABLES})
    return ExtractionSummary(len(articles), dict(steps), dict(counts), written)


def _flush(staging: Path, part: int, buffer: list[Rows], counts: Counter) -> int:
    """Write the buffered rows as part ``part``, empty the buffer, return the next part number."""
    merged = merge_rows(buffer)
    write_part(staging, part, merged)
    counts.update({name: len(rows) for name, rows in merged.items()})
    buffer.clear()
    return part + 1


def read_tables(folder: str | Path) -> dict[str, pd.DataFrame]:
    """Read the Parquet tables written by :func:`write_tables`; refuse an incomplete set.

    Each table may be one Parquet file or a folder of parts (what every writer here
    produces); pandas reads both.
    """
    folder = Path(folder)
    if not (folder / COMPLETE_MARKER).exists():
        raise FileNotFoundError(f"{folder}: no complete set of tables ({COMPLETE_MARKER} is "
                                "missing: the last write did not finish). "
                                "Run `python -m helpers extract` again")
    return {name: pd.read_parquet(folder / f"{name}.parquet") for name in TABLES}
