"""Read a corpus: a folder of articles (any mix of formats, in nested folders) and its catalogue.

Each file goes through the reader of its format (:mod:`helpers.corpus.readers`), then
cleaning (:mod:`helpers.corpus.cleaning`), then takes its metadata in one order
(:mod:`helpers.corpus.metadata`: catalogue over file over text). Problems with one
file are collected as :class:`~helpers.corpus.article.CorpusProblem` and never stop
the other articles; each message names the file (and the row of an export), the
problem and what to do. A catalogue ``path`` must stay inside the corpus folder, and so
must a symbolic link. An article's text is checked against the size limit before any
markup is stripped, and an id taken from a file name never holds a line break or other
control character.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from helpers.corpus.article import Article, CorpusProblem, NoArticlesError
from helpers.corpus.catalog import CATALOG_NAME, Exclusions, read_catalog, read_exclusions
from helpers.corpus.cleaning import clean_text
from helpers.corpus.config import CorpusConfig, is_config_file, load_corpus_config
from helpers.corpus.metadata import apply_metadata
from helpers.corpus.readers import (
    EXPORT_SUFFIXES,
    Document,
    ExportColumns,
    is_article_file,
    read_documents,
)
from helpers.corpus.sections import paragraph_sections
from helpers.corpus.sources import MAX_ARTICLE_CHARS_ENV, MAX_FILE_BYTES, max_article_chars, read_source

#: Formats whose text is checked against the size limit before it is read: markup and
#: boilerplate may at most double an article's text (saved web pages are mostly markup,
#: so they are limited by their size on disk only).
TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown"})
MARKUP_ALLOWANCE = 2


def build_article(article_id: str, source_path: str, doc: Document | str, row: dict[str, str] | None,
                  exclusions: list[tuple[str, str]] | None, problems: list[CorpusProblem]) -> Article:
    """Clean one document's text and give it its metadata (a plain string is a ``.txt`` document)."""
    doc = Document(doc) if isinstance(doc, str) else doc
    known_title = (row or {}).get("title") or doc.metadata.get("title")
    clean = clean_text(doc.text, exclusions, str(known_title) if known_title else None)
    clean.sections = paragraph_sections(clean.paragraph_lines, doc.headings)
    article = Article(article_id, source_path, clean)
    apply_metadata(article, doc, row, problems)
    return article


def check_corpus_folder(folder: str | Path) -> Path:
    """Return ``folder`` as a path; raise ``FileNotFoundError`` (with what to do) when it is no folder.

    A corpus description file (``.yaml`` naming its folder, see :mod:`helpers.corpus.config`)
    is returned as it is.
    """
    folder = Path(folder)
    if is_config_file(folder):
        return folder
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder}: corpus folder does not exist or is not a folder. "
                                "Give the folder that holds the article files")
    return folder


def find_files(folder: Path, config: CorpusConfig | None = None) -> list[Path]:
    """Return the article files below ``folder``, sorted, skipping hidden files and the catalogue.

    Every format :mod:`helpers.corpus.readers` reads counts (``.txt``, ``.md``, ``.html``, ``.jsonl``,
    ``.csv`` ...), in nested folders too; a corpus description's ``files`` patterns narrow the choice.
    """
    return sorted(
        p for p in folder.rglob("*")
        if is_article_file(p) and p.is_file()
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
        and (config is None or config.selects(p.relative_to(folder).as_posix()))
    )


def _too_long(article: Article, relative: str, problems: list[CorpusProblem], where: str = "") -> bool:
    """Return True (and record why) when an article's text is over :func:`max_article_chars`."""
    limit = max_article_chars()
    if len(article.body) <= limit:
        return False
    problems.append(CorpusProblem(relative, (
        f"{where}has {len(article.body):,} characters of text after cleaning, over the limit of {limit:,} "
        "for one article; skipped (parsing it would take many minutes). Split it into one file per "
        f"article, or raise the limit with the environment variable {MAX_ARTICLE_CHARS_ENV}")))
    return True


def _too_long_to_read(path: Path, text: str, relative: str, problems: list[CorpusProblem]) -> bool:
    """Return True (and record why) for a text file far over the limit before its markup is removed."""
    limit = max_article_chars() * MARKUP_ALLOWANCE
    if path.suffix.lower() not in TEXT_SUFFIXES or len(text) <= limit:
        return False
    problems.append(CorpusProblem(relative, (
        f"has {len(text):,} characters, over {MARKUP_ALLOWANCE} times the limit of {max_article_chars():,} "
        "characters of text for one article; skipped unread. Split it into one file per article, or "
        f"raise the limit with the environment variable {MAX_ARTICLE_CHARS_ENV}")))
    return True


def file_article_id(stem: str) -> str:
    r"""Return the article id of a file: its stem, with unprintable characters (line breaks) as ``_``.

    >>> file_article_id("ceasefire\ntalks")
    'ceasefire_talks'
    """
    return stem if stem.isprintable() else "".join(ch if ch.isprintable() else "_" for ch in stem)


def _outside(folder: Path, path: Path, relative: str, problems: list[CorpusProblem]) -> bool:
    """Return True (and record why) for a file (a link) that resolves outside ``folder``."""
    if path.resolve().is_relative_to(folder.resolve()):
        return False
    problems.append(CorpusProblem(relative, (
        "is a link to a file outside the corpus folder; skipped. "
        "Copy the file into the corpus folder")))
    return True


def _sources(config: CorpusConfig, catalog: dict[str, dict[str, str]]) -> list[tuple[str, Path]]:
    """Return ``(article_id, file)`` pairs: catalogue paths first, then the files found by name."""
    by_file = {Path(row["_file"]): article_id
               for article_id, row in catalog.items() if "_file" in row}
    pairs = [(article_id, file) for file, article_id in by_file.items() if file.is_file()]
    claimed = set(by_file)
    pairs += [(file_article_id(p.stem), p) for p in find_files(config.folder, config) if p.resolve() not in claimed]
    return sorted(pairs, key=lambda pair: (pair[1].as_posix(), pair[0]))


def read_corpus(folder: str | Path, columns: ExportColumns | None = None,
                ) -> tuple[list[Article], list[CorpusProblem]]:
    """Read and clean every article of a corpus folder.

    Returns the articles (sorted by id) and the problems met; a file that cannot be read
    is reported and skipped, the others go through. Raises ``FileNotFoundError`` for a
    folder that does not exist and :class:`NoArticlesError` when no article could be read.
    Each file goes through the reader of its format (:mod:`helpers.corpus.readers`); ``columns``
    names the columns of JSON-lines and CSV exports (default: the folder's ``corpus.yaml``,
    else common news-API names). ``folder`` may also be a corpus description file naming its
    folder (:mod:`helpers.corpus.config`). An article whose cleaned text equals an earlier
    one's is reported and not counted twice.
    """
    config = load_corpus_config(check_corpus_folder(folder))
    folder = config.folder
    problems: list[CorpusProblem] = []
    catalog = read_catalog(folder, problems)
    exclusions = read_exclusions(folder, problems)
    articles: dict[str, Article] = {}
    bodies: dict[str, str] = {}
    columns = columns or config.columns
    sources = _sources(config, catalog)
    for article_id, path in sources:
        relative = _relative(folder, path)
        if article_id in articles:
            problems.append(CorpusProblem(relative, (
                f"has the same article id {article_id!r} as {articles[article_id].source_path}; "
                "skipped. Rename one of the files")))
            continue
        for doc in _read_file(folder, path, article_id, columns, problems):
            doc.metadata = {**config.fixed_metadata(relative), **doc.metadata}
            _add_document(doc, doc.article_id or article_id, relative,
                          (catalog, exclusions, articles, bodies), problems)
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


def _read_file(folder: Path, path: Path, article_id: str, columns: ExportColumns,
               problems: list[CorpusProblem]) -> list[Document]:
    """Return the documents with text of one corpus file; what is wrong with it goes to ``problems``."""
    relative = _relative(folder, path)
    if _outside(folder, path, relative, problems):
        return []
    if not path.stem.isprintable():
        problems.append(CorpusProblem(relative, (
            f"has a line break or other control character in its name; its article id is "
            f"{article_id!r}. Rename the file"), "warning"))
    is_export = path.suffix.lower() in EXPORT_SUFFIXES
    text = read_source(path, relative, problems, None if is_export else MAX_FILE_BYTES, is_export)
    if text is None or _too_long_to_read(path, text, relative, problems):
        return []
    documents = []
    for doc in read_documents(path, text, columns):
        problems.extend(CorpusProblem(relative, w, "warning") for w in doc.warnings)
        if doc.text.strip():
            documents.append(doc)
        elif not is_export:
            problems.append(CorpusProblem(relative, (
                "has no article text (the page's main text could not be found); skipped. "
                "Save the article's page itself, or its text as .txt")))
    return documents


def _add_document(doc: Document, article_id: str, relative: str,
                  state: tuple[dict, Exclusions, dict[str, Article], dict[str, str]],
                  problems: list[CorpusProblem]) -> None:
    """Clean one reader document into an article and add it, unless it is a duplicate.

    ``state`` is ``(catalog, exclusions, articles by id, article id by body hash)``.
    """
    catalog, exclusions, articles, bodies = state
    where = f"{doc.where}: " if doc.where else ""
    if article_id in articles:
        problems.append(CorpusProblem(relative, (
            f"{where}has the same article id {article_id!r} as {articles[article_id].source_path}; "
            "skipped. Rename one of the files, or give the rows distinct ids")))
        return
    row = catalog.get(article_id)
    article = build_article(article_id, relative, doc, row, exclusions.get(article_id), problems)
    if not article.body:
        problems.append(CorpusProblem(relative, (
            f"{where}has no article text left after cleaning (every line looked like boilerplate); "
            "skipped. Check that the file holds the article's text")))
        return
    if _too_long(article, relative, problems, where):
        return
    key = hashlib.sha256(article.body.encode("utf-8")).hexdigest()
    if key in bodies:
        first = articles[bodies[key]]
        problems.append(CorpusProblem(relative, (
            f"{where}article {article_id!r} has the same text as {first.article_id!r} "
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
