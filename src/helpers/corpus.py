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
other articles; each message names the file, the problem and what to do. Source
files are only ever opened for reading. Bytes are decoded as UTF-8 (a UTF-8 or
UTF-16 byte-order mark is honoured); text that is not UTF-8 is read as
Windows-1252 (Latin-1 for the five bytes Windows-1252 leaves undefined) with a
warning. Files larger than :data:`MAX_FILE_BYTES` and articles longer than
:func:`max_article_chars` are skipped with a message rather than parsed for minutes.
A catalogue ``path`` must stay inside the corpus folder, and so must a symbolic link.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from helpers.cleaning import CleanArticle, clean_text

if TYPE_CHECKING:
    from helpers.readers import Document, ExportColumns

log = logging.getLogger(__name__)

CATALOG_NAME = "catalog.csv"
EXCLUSIONS_NAME = "catalog_exclusions.csv"
KNOWN_CATALOG_COLUMNS = {
    "article_id", "path", "outlet", "url", "title", "author", "published",
    "date_precision", "date_source", "notes",
}
TEXT_SUFFIXES = {".txt"}
#: Files larger than this are skipped unread: no news article is 10 MB of text.
MAX_FILE_BYTES = 10_000_000
#: Default limit on an article's cleaned text (about 35,000 words); spaCy's own limit is 1,000,000.
DEFAULT_MAX_ARTICLE_CHARS = 200_000
MAX_ARTICLE_CHARS_ENV = "NEWS_HELPERS_MAX_ARTICLE_CHARS"
#: Share of control characters above which decoded text is taken for a binary file.
BINARY_CONTROL_SHARE = 0.1

Exclusions = dict[str, list[tuple[str, str]]]


@dataclass
class CorpusProblem:
    """Something wrong with one file of the corpus, phrased for the user."""

    path: str
    message: str
    severity: str = "error"  # error: the article was skipped; warning: it went through

    def __str__(self) -> str:
        """Return ``path: message``."""
        return f"{self.path}: {self.message}"


class NoArticlesError(FileNotFoundError):
    """A corpus folder with no article that could be read: nothing can be extracted."""


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
    title_source: str | None = None
    author_source: str | None = None
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def body(self) -> str:
        """Return the cleaned text."""
        return self.clean.body

    def fingerprint(self) -> str:
        """Return a hash of everything extraction depends on: the body, its dates and metadata.

        The metadata is part of it because the cached ``articles`` row carries it: a new
        outlet in the catalogue must not be hidden by an old cache entry.
        """
        parts = [self.article_id, self.body, self.published, self.published_precision,
                 self.published_source, self.title, self.outlet, self.author, self.url]
        key = "\x1f".join(str(part) for part in parts)
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


def _catalog_path(folder: Path, row: dict[str, str], line_no: int,
                  problems: list[CorpusProblem]) -> Path | None:
    """Return the resolved file a catalogue row's ``path`` names, or None (problem recorded)."""
    raw = (row.get("path") or "").strip()
    if not raw:
        return None
    target = (folder / raw).resolve()
    if not target.is_relative_to(folder.resolve()):
        problems.append(CorpusProblem(CATALOG_NAME, (
            f"row {line_no}: path {raw!r} points outside the corpus folder; row ignored and "
            "the file not read. Give paths relative to the corpus folder, or copy the file in")))
        return None
    return target


def read_catalog(folder: Path, problems: list[CorpusProblem]) -> dict[str, dict[str, str]]:
    """Read ``catalog.csv`` into ``{article_id: row}``; problems are appended, not raised.

    A row whose ``path`` is valid gets the resolved file under the key ``_file``.
    """
    path = folder / CATALOG_NAME
    if not path.exists():
        return {}
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            rows = list(reader)
            columns = reader.fieldnames or []
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        problems.append(CorpusProblem(CATALOG_NAME, (
            f"cannot be read as a UTF-8 CSV file ({exc}); catalogue ignored, articles read without "
            "its metadata. Save it as UTF-8 CSV with a header row")))
        return {}
    if "article_id" not in columns:
        problems.append(CorpusProblem(CATALOG_NAME, (
            "has no 'article_id' column; catalogue ignored, articles read without its metadata. "
            "Add a header row starting with article_id")))
        return {}
    unknown = sorted(set(columns) - KNOWN_CATALOG_COLUMNS - {None})
    if unknown:
        problems.append(CorpusProblem(CATALOG_NAME, (
            f"unknown columns kept as metadata: {', '.join(unknown)}. If one is a misspelling, "
            f"rename it to one of: {', '.join(sorted(KNOWN_CATALOG_COLUMNS))}"), "warning"))
    catalog: dict[str, dict[str, str]] = {}
    for line_no, row in enumerate(rows, start=2):
        article_id = (row.get("article_id") or "").strip()
        if not article_id:
            problems.append(CorpusProblem(CATALOG_NAME, (
                f"row {line_no} has no article_id; row ignored. "
                "Fill in the article's file name without .txt"), "warning"))
        elif article_id in catalog:
            problems.append(CorpusProblem(CATALOG_NAME, (
                f"row {line_no}: duplicate article_id {article_id!r}; first row kept. "
                "Delete or rename the other row"), "warning"))
        else:
            entry = {k: v.strip() if isinstance(v, str) else "" for k, v in row.items() if k}
            target = _catalog_path(folder, entry, line_no, problems)
            if entry.get("path") and target is None:
                continue
            catalog[article_id] = {**entry, **({"_file": str(target)} if target else {})}
    return catalog


def read_exclusions(folder: Path,
                    problems: list[CorpusProblem] | None = None) -> Exclusions:
    """Read ``catalog_exclusions.csv`` into ``{article_id: [(line_prefix, reason)]}``."""
    path = folder / EXCLUSIONS_NAME
    exclusions: dict[str, list[tuple[str, str]]] = {}
    if not path.exists():
        return exclusions
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        if problems is not None:
            problems.append(CorpusProblem(EXCLUSIONS_NAME, (
                f"cannot be read as a UTF-8 CSV file ({exc}); no line exclusions applied. "
                "Save it as UTF-8 CSV with the header article_id,line_starts_with,reason"),
                "warning"))
        return exclusions
    for row in rows:
        prefix = (row.get("line_starts_with") or "").strip()
        article_id = (row.get("article_id") or "").strip()
        if prefix and article_id:
            reason = (row.get("reason") or "").strip()
            exclusions.setdefault(article_id, []).append((prefix, reason))
    return exclusions


def decode_bytes(raw: bytes) -> tuple[str, str | None]:
    r"""Decode article bytes; return the text and a warning when it was not clean UTF-8.

    Text that is mostly UTF-8 with a few broken bytes keeps its UTF-8 characters and the
    broken bytes become U+FFFD; text with no valid UTF-8 sequence is Windows-1252 (or
    Latin-1, whose C1 bytes Windows-1252 leaves undefined).

    >>> decode_bytes(b"Gaza \xe9t\xe9")[0]
    'Gaza été'
    >>> decode_bytes("\ufeffcaf\u00e9".encode("utf-16-le"))[0]
    'café'
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16"), None
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    lenient = raw.decode("utf-8-sig", errors="replace")
    broken = lenient.count("\ufffd")
    multibyte = sum(1 for ch in lenient if ord(ch) > 127 and ch != "\ufffd")
    if multibyte > broken:
        return lenient, (f"has {broken} byte(s) that are not valid UTF-8, shown as \ufffd; the "
                         "rest read as UTF-8. Re-save the file as UTF-8 to recover them")
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    return text, ("is not valid UTF-8; read as Windows-1252/Latin-1. "
                  "Check its accented letters, or save it as UTF-8")


def looks_binary(raw: bytes, text: str) -> bool:
    r"""Return True for a file that is not text: NUL bytes, or many control characters.

    >>> looks_binary(b"\x89PNG\r\n\x1a\n\x00", "")
    True
    """
    if b"\x00" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    head = text[:4096]
    controls = sum(1 for ch in head if ord(ch) < 32 and ch not in "\t\n\r\f")
    return bool(head) and controls / len(head) > BINARY_CONTROL_SHARE


def max_article_chars() -> int:
    """Return the limit on an article's cleaned text (``NEWS_HELPERS_MAX_ARTICLE_CHARS`` wins)."""
    value = os.environ.get(MAX_ARTICLE_CHARS_ENV, "")
    return int(value) if value.strip().isdigit() else DEFAULT_MAX_ARTICLE_CHARS


def _apply_catalog(article: Article, row: dict[str, str], problems: list[CorpusProblem]) -> None:
    """Fill an article's metadata from its catalogue row (the catalogue wins over the text)."""
    for name in ("title", "outlet", "author", "url"):
        if row.get(name):
            setattr(article, name, row[name])
    if row.get("published"):
        parsed = parse_date(row["published"])
        if parsed is None:
            problems.append(CorpusProblem(CATALOG_NAME, (
                f"article {article.article_id}: bad date {row['published']!r} (expected "
                "YYYY-MM-DD, YYYY-MM or YYYY); catalogue date ignored. Fix the published column"),
                "warning"))
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
    """Return the article files below ``folder``, sorted, skipping hidden files and the catalogue.

    Every format :mod:`helpers.readers` reads counts (``.txt``, ``.md``, ``.html``, ``.jsonl``,
    ``.csv`` ...), in nested folders too.
    """
    from helpers.readers import is_article_file

    return sorted(
        p for p in folder.rglob("*")
        if is_article_file(p) and p.is_file()
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )


def read_source(path: Path, relative: str, problems: list[CorpusProblem],
                max_bytes: int | None = MAX_FILE_BYTES) -> str | None:
    """Return the decoded text of one article file, or None (with the reason in ``problems``).

    ``max_bytes`` limits a one-article file; pass None for an export holding many articles.
    """
    try:
        size = path.stat().st_size
        if max_bytes is not None and size > max_bytes:
            problems.append(CorpusProblem(relative, (
                f"is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit for one "
                "article file; skipped unread. Split it into one file per article")))
            return None
        raw = path.read_bytes()
    except OSError as exc:
        problems.append(CorpusProblem(relative, f"cannot be read ({exc.strerror or exc}); skipped. "
                                      "Check that the file exists and is readable"))
        return None
    text, warning = decode_bytes(raw)
    if looks_binary(raw, text):
        problems.append(CorpusProblem(relative, (
            "looks binary (NUL bytes or control characters), not text; skipped. "
            "Export the article as plain text (.txt)")))
        return None
    if not text.strip():
        problems.append(CorpusProblem(relative, "is empty or holds only white space; skipped. "
                                      "Put the article's text in it, or remove the file"))
        return None
    if warning:
        problems.append(CorpusProblem(relative, warning, "warning"))
    return text


def _too_long(article: Article, relative: str, problems: list[CorpusProblem]) -> bool:
    """Return True (and record why) when an article's text is over :func:`max_article_chars`."""
    limit = max_article_chars()
    if len(article.body) <= limit:
        return False
    problems.append(CorpusProblem(relative, (
        f"has {len(article.body):,} characters of text after cleaning, over the limit of {limit:,} "
        "for one article; skipped (parsing it would take many minutes). Split it into one file per "
        f"article, or raise the limit with the environment variable {MAX_ARTICLE_CHARS_ENV}")))
    return True


def _outside(folder: Path, path: Path, relative: str, problems: list[CorpusProblem]) -> bool:
    """Return True (and record why) for a file (a link) that resolves outside ``folder``."""
    if path.resolve().is_relative_to(folder.resolve()):
        return False
    problems.append(CorpusProblem(relative, (
        "is a link to a file outside the corpus folder; skipped. "
        "Copy the file into the corpus folder")))
    return True


def _sources(folder: Path, catalog: dict[str, dict[str, str]]) -> list[tuple[str, Path]]:
    """Return ``(article_id, file)`` pairs: catalogue paths first, then the files found by name."""
    by_file = {Path(row["_file"]): article_id
               for article_id, row in catalog.items() if "_file" in row}
    pairs = [(article_id, file) for file, article_id in by_file.items() if file.is_file()]
    claimed = set(by_file)
    pairs += [(p.stem, p) for p in find_files(folder) if p.resolve() not in claimed]
    return sorted(pairs, key=lambda pair: (pair[1].as_posix(), pair[0]))


def read_corpus(folder: str | Path, columns: ExportColumns | None = None,
                ) -> tuple[list[Article], list[CorpusProblem]]:
    """Read and clean every article of a corpus folder.

    Returns the articles (sorted by id) and the problems met; a file that cannot be read
    is reported and skipped, the others go through. Raises ``FileNotFoundError`` for a
    folder that does not exist and :class:`NoArticlesError` when no article could be read.
    Each file goes through the reader of its format (:mod:`helpers.readers`); ``columns``
    names the columns of JSON-lines and CSV exports (default: the folder's ``corpus.yaml``,
    else common news-API names). An article whose cleaned text equals an earlier one's is
    reported and not counted twice.
    """
    from helpers.readers import EXPORT_SUFFIXES, load_export_columns, read_documents

    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder}: corpus folder does not exist or is not a folder. "
                                "Give the folder that holds the article files")
    problems: list[CorpusProblem] = []
    catalog = read_catalog(folder, problems)
    exclusions = read_exclusions(folder, problems)
    articles: dict[str, Article] = {}
    bodies: dict[str, str] = {}
    columns = columns or load_export_columns(folder)
    sources = _sources(folder, catalog)
    for article_id, path in sources:
        relative = _relative(folder, path)
        if article_id in articles:
            problems.append(CorpusProblem(relative, (
                f"has the same article id {article_id!r} as {articles[article_id].source_path}; "
                "skipped. Rename one of the files")))
            continue
        if _outside(folder, path, relative, problems):
            continue
        is_export = path.suffix.lower() in EXPORT_SUFFIXES
        text = read_source(path, relative, problems, None if is_export else MAX_FILE_BYTES)
        if text is None:
            continue
        for doc in read_documents(path, text, columns):
            problems.extend(CorpusProblem(relative, w, "warning") for w in doc.warnings)
            if doc.text.strip():
                _add_document(doc, doc.article_id or article_id, relative,
                              (catalog, exclusions, articles, bodies), problems)
            elif not is_export:
                problems.append(CorpusProblem(relative, (
                    "has no article text (the page's main text could not be found); skipped. "
                    "Save the article's page itself, or its text as .txt")))
    for article_id in sorted(set(catalog) - {article_id for article_id, _ in sources}):
        problems.append(CorpusProblem(CATALOG_NAME, (
            f"article {article_id!r} has no file in the corpus; row ignored. Add the file "
            f"{article_id}.txt, fix the id or path, or delete the row"), "warning"))
    if not articles:
        details = "; ".join(str(p) for p in problems if p.severity == "error")
        raise NoArticlesError(f"{folder}: no article could be read from this folder"
                              + (f" ({details})" if details else "")
                              + ". Put one plain-text (.txt) file per article in it")
    return [articles[k] for k in sorted(articles)], problems


def _add_document(doc: Document, article_id: str, relative: str,
                  state: tuple[dict, Exclusions, dict[str, Article], dict[str, str]],
                  problems: list[CorpusProblem]) -> None:
    """Clean one reader document into an article and add it, unless it is a duplicate.

    ``state`` is ``(catalog, exclusions, articles by id, article id by body hash)``.
    """
    from helpers.readers import apply_metadata

    catalog, exclusions, articles, bodies = state
    if article_id in articles:
        problems.append(CorpusProblem(relative, (
            f"has the same article id {article_id!r} as {articles[article_id].source_path}; "
            "skipped. Rename one of the files, or give the rows distinct ids")))
        return
    row = catalog.get(article_id)
    article = build_article(article_id, relative, doc.text, row, exclusions.get(article_id),
                            problems)
    apply_metadata(article, doc, row)
    if not article.body:
        problems.append(CorpusProblem(relative, (
            "has no article text left after cleaning (every line looked like boilerplate); "
            "skipped. Check that the file holds the article's text")))
        return
    if _too_long(article, relative, problems):
        return
    key = hashlib.sha256(article.body.encode("utf-8")).hexdigest()
    if key in bodies:
        first = articles[bodies[key]]
        problems.append(CorpusProblem(relative, (
            f"article {article_id!r} has the same text as {first.article_id!r} "
            f"({first.source_path}); not counted twice (only the first is extracted)"), "warning"))
        return
    bodies[key] = article_id
    articles[article_id] = article


def _relative(folder: Path, path: Path) -> str:
    """Return ``path`` relative to ``folder`` (POSIX), or as given when it is outside."""
    try:
        return path.relative_to(folder).as_posix()
    except ValueError:
        try:
            return path.relative_to(folder.resolve()).as_posix()
        except ValueError:
            return path.as_posix()

