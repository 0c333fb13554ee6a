"""Run every extractor over a corpus and write the tables of the data model.

The spaCy parse is the only expensive step, so results are cached per article,
keyed by the article's fingerprint (its cleaned body and dates) and by the
pipeline version (a hash of the extraction code, the actor registry and the
spaCy model). A second run over an unchanged corpus parses nothing; adding ten
articles parses ten.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import pickle
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

from helpers import actors, events, figures, nlp, quotes, timexes
from helpers.corpus import Article, CorpusProblem, read_corpus
from helpers.paths import PACKAGE_DIR, cache_dir
from helpers.parsed import ParsedArticle, parse_article
from helpers.registry import Registry, load_registry
from helpers.schema import ARTICLE_TABLES, TABLES, to_arrow, to_frame

log = logging.getLogger(__name__)

#: Modules whose code decides the content of the tables: any change to them changes
#: the pipeline version and so invalidates the cache.
EXTRACTION_MODULES = [
    "cleaning", "corpus", "parsed", "schema", "extract", "registry",
    "actors", "timexes", "figures", "quotes", "events",
]


@dataclass
class ExtractionResult:
    """The tables of one corpus and the problems met while reading it."""

    tables: dict[str, pd.DataFrame]
    problems: list[CorpusProblem] = field(default_factory=list)
    parsed_count: int = 0
    cached_count: int = 0

    def __getitem__(self, name: str) -> pd.DataFrame:
        """Return table ``name``."""
        return self.tables[name]


def pipeline_version(registry: Registry) -> str:
    """Return a short hash of the extraction code, the registry content and the model."""
    digest = hashlib.sha256()
    for name in EXTRACTION_MODULES:
        digest.update((PACKAGE_DIR / f"{name}.py").read_bytes())
    digest.update(registry.fingerprint().encode())
    digest.update(nlp.model_version().encode())
    return digest.hexdigest()[:16]


def article_rows(article: Article, parsed: ParsedArticle) -> dict[str, list[dict]]:
    """Return the rows of the article-level tables that describe the article itself."""
    body = article.body
    return {
        "articles": [{
            "article_id": article.article_id, "source_path": article.source_path,
            "title": article.title, "outlet": article.outlet, "author": article.author,
            "url": article.url, "published": article.published,
            "published_precision": article.published_precision,
            "published_source": article.published_source, "body": body,
            "n_sentences": len(parsed.sentences), "n_words": sum(1 for t in parsed.doc if not t.is_space and not t.is_punct),
            "fingerprint": article.fingerprint(), "title_source": article.title_source,
            "author_source": article.author_source,
        }],
        "dropped_lines": [
            {"article_id": article.article_id, "line_no": d.line_no, "text": d.text, "reason": d.reason}
            for d in article.clean.dropped
        ],
        "sentences": [
            {"article_id": article.article_id, "sentence_id": s.sentence_id, "paragraph_id": s.paragraph_id,
             "start_char": s.start_char, "end_char": s.end_char, "text": s.text}
            for s in parsed.sentences
        ],
    }


def extract_article(parsed: ParsedArticle, registry: Registry) -> dict[str, list[dict]]:
    """Run every extractor on one parsed article and return its rows, table by table."""
    rows = article_rows(parsed.article, parsed)
    rows["mentions"] = actors.extract_mentions(parsed, registry)
    rows["timexes"] = timexes.extract_timexes(parsed)
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


class ArticleCache:
    """Per-article extraction results on disk, one pickle per fingerprint and version."""

    def __init__(self, version: str, root: Path | None = None) -> None:
        """Use ``root/version`` (default: :func:`helpers.paths.cache_dir`)."""
        self.folder = (root or cache_dir()) / version

    def _path(self, article: Article) -> Path:
        return self.folder / f"{article.fingerprint()}.pkl"

    def get(self, article: Article) -> dict[str, list[dict]] | None:
        """Return the cached rows of an article, or None."""
        path = self._path(article)
        if not path.exists():
            return None
        try:
            with path.open("rb") as handle:
                return pickle.load(handle)
        except (OSError, pickle.UnpicklingError, EOFError):
            log.warning("cache entry %s unreadable; extracting again", path)
            return None

    def put(self, article: Article, rows: dict[str, list[dict]]) -> None:
        """Store an article's rows atomically (a crash never leaves half an entry)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=self.folder, delete=False, suffix=".tmp") as handle:
            pickle.dump(rows, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, self._path(article))


def _progress(items: Iterable, total: int, enabled: bool) -> Iterable:
    """Wrap ``items`` in a tqdm bar on long runs when ``enabled``."""
    if not enabled or total < 20:
        return items
    from tqdm.auto import tqdm

    return tqdm(items, total=total, desc="extracting", unit="article")


def extract_rows(articles: list[Article], registry: Registry, progress: bool = False,
                 cache: ArticleCache | None = None) -> tuple[dict[str, list[dict]], int]:
    """Return the rows of every article-level table, using and filling ``cache``.

    Returns the rows and the number of articles that had to be parsed.
    """
    cached: dict[str, dict[str, list[dict]]] = {}
    missing: list[Article] = []
    for article in articles:
        hit = cache.get(article) if cache else None
        if hit is None:
            missing.append(article)
        else:
            cached[article.article_id] = hit
    for parsed in _progress(parse_articles(missing), len(missing), progress):
        rows = extract_article(parsed, registry)
        if cache:
            cache.put(parsed.article, rows)
        cached[parsed.article_id] = rows
    combined: dict[str, list[dict]] = {name: [] for name in ARTICLE_TABLES}
    for article in articles:
        for name in ARTICLE_TABLES:
            combined[name].extend(cached[article.article_id].get(name, []))
    return combined, len(missing)


def extract_corpus(corpus: str | Path, registry_path: str | Path | None = None,
                   use_cache: bool = True, progress: bool = False) -> ExtractionResult:
    """Read, clean and extract a whole corpus; return its tables and problems."""
    registry = load_registry(registry_path)
    articles, problems = read_corpus(corpus)
    cache = ArticleCache(pipeline_version(registry)) if use_cache else None
    rows, parsed_count = extract_rows(articles, registry, progress=progress, cache=cache)
    tables = {name: to_frame(name, rows[name]) for name in ARTICLE_TABLES}
    tables["actors"] = to_frame("actors", registry.actor_rows())
    tables = {name: tables[name] for name in TABLES}
    return ExtractionResult(tables, problems, parsed_count, len(articles) - parsed_count)


#: Written last into a tables folder: without it the folder's set of tables is incomplete.
COMPLETE_MARKER = "_SUCCESS"


def write_tables(tables: dict[str, pd.DataFrame], out_dir: str | Path) -> list[Path]:
    """Write each table to ``out_dir/<name>.parquet``, all or nothing.

    The files are written into a temporary folder beside ``out_dir`` first and moved
    into place only when every table has been written. ``_SUCCESS`` (the row count of
    each table, as JSON) is removed before the first table is moved and written after
    the last, so a write interrupted half way never leaves a set that looks complete.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".tables-", dir=out_dir))
    try:
        for name, frame in tables.items():
            pq.write_table(to_arrow(name, frame), staging / f"{name}.parquet")
        (out_dir / COMPLETE_MARKER).unlink(missing_ok=True)
        written = []
        for name in tables:
            target = out_dir / f"{name}.parquet"
            os.replace(staging / f"{name}.parquet", target)
            written.append(target)
        counts = json.dumps({name: len(frame) for name, frame in tables.items()}, indent=1)
        (staging / COMPLETE_MARKER).write_text(counts, encoding="utf-8")
        (staging / COMPLETE_MARKER).replace(out_dir / COMPLETE_MARKER)
        return written
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def read_tables(folder: str | Path) -> dict[str, pd.DataFrame]:
    """Read the Parquet tables written by :func:`write_tables`; refuse an incomplete set."""
    folder = Path(folder)
    if not (folder / COMPLETE_MARKER).exists():
        raise FileNotFoundError(f"{folder}: no complete set of tables ({COMPLETE_MARKER} is "
                                "missing: the last write did not finish). "
                                "Run `python -m helpers extract` again")
    return {name: pd.read_parquet(folder / f"{name}.parquet") for name in TABLES}
