"""Read a corpus: a folder of articles plus an optional ``catalog.csv``.

A corpus folder holds ``.txt`` articles (more formats come through
:mod:`helpers.readers` when present) and, optionally:

- ``catalog.csv``: one row per article, keyed by ``article_id`` (the file's stem
  unless a ``path`` column says otherwise), with ``outlet``, ``url``, ``title``,
  ``author``, ``published`` (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``),
  ``date_precision`` and ``date_source``. Unknown columns are kept as metadata and
  reported once.
- ``catalog_exclusions.csv``: ``article_id, line_starts_with, reason`` for lines
  that no cleaning rule can recognise (a photo caption written as a sentence).

Problems with one file are collected as :class:`CorpusProblem` and never stop the
other articles. Source files are only ever opened for reading.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import logging
from dataclasses import dataclass, field
from pathlib import Path

from helpers.cleaning import CleanArticle, clean_text

log = logging.getLogger(__name__)

CATALOG_NAME = "catalog.csv"
EXCLUSIONS_NAME = "catalog_exclusions.csv"
KNOWN_CATALOG_COLUMNS = {
    "article_id", "path", "outlet", "url", "title", "author", "published",
    "date_precision", "date_source", "notes",
}
TEXT_SUFFIXES = {".txt"}


@dataclass
class CorpusProblem:
    """Something wrong with one file of the corpus, phrased for the user."""

    path: str
    message: str
    severity: str = "error"  # error: the article was skipped; warning: it went through

    def __str__(self) -> str:
        """Return ``path: message``."""
        return f"{self.path}: {self.message}"


@dataclass
class Article:
    """One cleaned article with its metadata."""

    article_id: str
    source_path: str
    clean: CleanArticle
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    url: str | None = None
    published: dt.date | None = None
    published_precision: str | None = None
    published_source: str | None = None
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def body(self) -> str:
        """Return the cleaned text."""
        return self.clean.body

    def fingerprint(self) -> str:
        """Return a hash of everything extraction depends on: the body and its dates."""
        key = "\x1f".join([self.article_id, self.body, str(self.published), str(self.published_precision)])
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def parse_date(value: str) -> tuple[dt.date, str] | None:
    """Parse ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` into (first day, precision).

    >>> parse_date("2015-12")
    (datetime.date(2015, 12, 1), 'month')
    >>> parse_date("12/2015") is None
    True
    """
    value = (value or "").strip()
    for fmt, precision in (("%Y-%m-%d", "day"), ("%Y-%m", "month"), ("%Y", "year")):
        try:
            return dt.datetime.strptime(value, fmt).date(), precision
        except ValueError:
            continue
    return None


def read_catalog(folder: Path, problems: list[CorpusProblem]) -> dict[str, dict[str, str]]:
    """Read ``catalog.csv`` into ``{article_id: row}``; problems are appended, not raised."""
    path = folder / CATALOG_NAME
    if not path.exists():
        return {}
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            rows = list(reader)
            columns = reader.fieldnames or []
    except (UnicodeDecodeError, csv.Error) as exc:
        problems.append(CorpusProblem(CATALOG_NAME, f"cannot be read as UTF-8 CSV ({exc}); catalogue ignored"))
        return {}
    if "article_id" not in columns:
        problems.append(CorpusProblem(CATALOG_NAME, "has no 'article_id' column; catalogue ignored"))
        return {}
    unknown = sorted(set(columns) - KNOWN_CATALOG_COLUMNS)
    if unknown:
        problems.append(CorpusProblem(CATALOG_NAME, f"unknown columns kept as metadata: {', '.join(unknown)}", "warning"))
    catalog: dict[str, dict[str, str]] = {}
    for line_no, row in enumerate(rows, start=2):
        article_id = (row.get("article_id") or "").strip()
        if not article_id:
            problems.append(CorpusProblem(CATALOG_NAME, f"row {line_no} has no article_id; row ignored", "warning"))
        elif article_id in catalog:
            problems.append(CorpusProblem(CATALOG_NAME, f"row {line_no}: duplicate article_id {article_id!r}; first row kept", "warning"))
        else:
            catalog[article_id] = {k: (v or "").strip() for k, v in row.items() if k}
    return catalog


def read_exclusions(folder: Path) -> dict[str, list[tuple[str, str]]]:
    """Read ``catalog_exclusions.csv`` into ``{article_id: [(line_prefix, reason)]}``."""
    path = folder / EXCLUSIONS_NAME
    exclusions: dict[str, list[tuple[str, str]]] = {}
    if path.exists():
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                prefix = (row.get("line_starts_with") or "").strip()
                if prefix:
                    exclusions.setdefault(row["article_id"].strip(), []).append((prefix, (row.get("reason") or "").strip()))
    return exclusions


def decode_text(raw: bytes) -> str:
    """Decode article bytes: UTF-8 (with or without BOM), else Windows-1252.

    >>> decode_text("caf\\u00e9".encode("cp1252"))
    'café'
    """
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _apply_catalog(article: Article, row: dict[str, str], problems: list[CorpusProblem]) -> None:
    """Fill an article's metadata from its catalogue row (the catalogue wins over the text)."""
    for name in ("title", "outlet", "author", "url"):
        if row.get(name):
            setattr(article, name, row[name])
    if row.get("published"):
        parsed = parse_date(row["published"])
        if parsed is None:
            problems.append(CorpusProblem(CATALOG_NAME, f"article {article.article_id}: bad date {row['published']!r} (expected YYYY-MM-DD, YYYY-MM or YYYY); date left empty", "warning"))
        else:
            article.published, precision = parsed
            article.published_precision = row.get("date_precision") or precision
            article.published_source = row.get("date_source") or "catalog"
    article.extra = {k: v for k, v in row.items() if k not in KNOWN_CATALOG_COLUMNS and v}


def build_article(article_id: str, source_path: str, text: str, row: dict[str, str] | None,
                  exclusions: list[tuple[str, str]] | None, problems: list[CorpusProblem]) -> Article:
    """Clean one article's text and attach its metadata."""
    clean = clean_text(text, exclusions)
    article = Article(article_id, source_path, clean, title=clean.title, author=clean.author)
    if clean.header_date and (parsed := parse_date(clean.header_date)):
        article.published, article.published_precision = parsed
        article.published_source = "header"
    if row:
        _apply_catalog(article, row, problems)
    return article


def find_files(folder: Path) -> list[Path]:
    """Return the article files below ``folder``, sorted, skipping hidden files and the catalogue."""
    return sorted(
        p for p in folder.rglob("*")
        if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )


def read_corpus(folder: str | Path) -> tuple[list[Article], list[CorpusProblem]]:
    """Read and clean every article of a corpus folder.

    Returns the articles (sorted by id) and the problems met; a file that cannot be read
    is reported and skipped, the others go through.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder}: corpus folder does not exist or is not a folder")
    problems: list[CorpusProblem] = []
    catalog = read_catalog(folder, problems)
    exclusions = read_exclusions(folder)
    articles: dict[str, Article] = {}
    for path in find_files(folder):
        relative = path.relative_to(folder).as_posix()
        article_id = path.stem
        raw = path.read_bytes()
        if not raw.strip():
            problems.append(CorpusProblem(relative, "is empty; skipped"))
            continue
        if b"\x00" in raw[:4096]:
            problems.append(CorpusProblem(relative, "looks binary (NUL bytes); skipped"))
            continue
        article = build_article(article_id, relative, decode_text(raw), catalog.get(article_id),
                                exclusions.get(article_id), problems)
        if not article.body:
            problems.append(CorpusProblem(relative, "has no article text left after cleaning; skipped"))
            continue
        articles[article_id] = article
    for article_id in sorted(set(catalog) - set(articles)):
        problems.append(CorpusProblem(CATALOG_NAME, f"article {article_id!r} has no file in the corpus", "warning"))
    return [articles[k] for k in sorted(articles)], problems
