"""One reader per input format: what a corpus file holds, before cleaning.

A corpus folder may mix, in nested folders:

- ``.txt``: one article a file, read as it is (cleaning finds a date header, a
  headline and a byline);
- ``.md`` / ``.markdown``: one article or report a file; Markdown markup is
  removed line by line (so line numbers in ``dropped_lines`` still point into the
  file), a first line that is a date (the OCHA flash updates start with
  ``07 Oct 2023``) becomes the publication date (``published_source`` ``first-line``),
  a leading ``#`` heading the title, images, tables and other headings are dropped
  with their reason; the other headings are also handed on as the sections of the
  paragraphs below them (:mod:`helpers.corpus.sections`);
- ``.html`` / ``.htm``: a saved web page; the article text comes from trafilatura
  (its headings, ``<h2>`` and the like, are taken out as the sections of what follows them),
  the date from htmldate (``html-meta`` when the page's metadata states it,
  ``inferred`` when htmldate had to guess from the text or address), the headline,
  author, site name and address from the page's metadata (``html-meta``);
- ``.jsonl`` / ``.ndjson`` / ``.csv``: exports with one article a row. Which
  column holds the text, the title, the date and so on is set by
  :class:`ExportColumns`; the defaults fit common news-API exports (NewsAPI's
  ``title, description, content, url, publishedAt, source.name, author``; RSS
  dumps' ``title, description, link, date_published, outlet``). A dotted name
  (``source.name``) reaches into a nested JSON object. A row's id comes from an
  ``id`` column, else it is ``<file stem>-<row number>``. A CSV row with a quote that
  is never closed, or with more or fewer fields than the header, is reported with its
  row and line and skipped, and reading goes on at the next line (so the quote does not
  swallow the rows after it). NUL and other control characters in a row are removed
  and reported.

Every field found is recorded with where it came from (``title_source``,
``author_source``, ``published_source``). Readers never raise on one bad row: they
return warnings naming the row (and its id when it has one), and the corpus reports them.
"""

from __future__ import annotations

import csv
import datetime as dt
import email.utils
import io
import json
import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from helpers.corpus.sections import Heading
from helpers.corpus.sources import strip_control_characters

log = logging.getLogger(__name__)

#: Optional file in a corpus folder that names the export columns (see :class:`ExportColumns`).
CORPUS_CONFIG_NAME = "corpus.yaml"
#: Files in a corpus folder that describe the corpus and are never read as articles.
NOT_ARTICLES = {"catalog.csv", "catalog_exclusions.csv", CORPUS_CONFIG_NAME}


@dataclass
class Document:
    """One article as a reader found it, before cleaning.

    ``metadata`` holds any of ``title, author, outlet, url, published (a date),
    published_precision, published_source, title_source, author_source``.
    ``dropped`` holds the lines the reader removed, as ``(line_no, text, reason)``.
    ``where`` names the row of an export the document came from (``row 3 (id 'x')``).
    ``headings`` holds the headings the reader took out of the text, with their line
    numbers, so that each paragraph can be given its section (:mod:`helpers.corpus.sections`).
    """

    text: str
    article_id: str | None = None
    where: str = ""
    metadata: dict[str, Any] = field(default_factory=dict)
    dropped: list[tuple[int, str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)


@dataclass(frozen=True)
class ExportColumns:
    """Which columns of a JSON-lines or CSV export hold what; the first non-empty one wins.

    The defaults fit NewsAPI-style exports and RSS dumps; a ``corpus.yaml`` in the
    corpus folder (``columns: {text: [content], title: headline}``) or the command
    line's ``--column text=content`` overrides them.
    """

    text: tuple[str, ...] = ("body", "text", "full_text", "article", "content", "description",
                             "summary")
    title: tuple[str, ...] = ("title", "headline")
    author: tuple[str, ...] = ("author", "authors", "byline", "creator")
    outlet: tuple[str, ...] = ("outlet", "source.name", "source", "publisher", "site_name",
                               "domain")
    url: tuple[str, ...] = ("url", "link")
    published: tuple[str, ...] = ("published", "date_published", "publishedAt", "published_at",
                                  "pubDate", "date", "datetime", "seendate")
    article_id: tuple[str, ...] = ("article_id", "id", "uuid", "guid")

    def with_overrides(self, overrides: dict[str, str | list[str]]) -> ExportColumns:
        """Return a copy in which each field named in ``overrides`` takes the given column(s).

        >>> ExportColumns().with_overrides({"text": "story"}).text
        ('story',)
        """
        known = {f.name for f in fields(self)}
        unknown = set(overrides) - known
        if unknown:
            raise ValueError(f"unknown export field(s) {sorted(unknown)}; known: {sorted(known)}")
        values = {name: (value,) if isinstance(value, str) else tuple(value)
                  for name, value in overrides.items()}
        return ExportColumns(**{**{f.name: getattr(self, f.name) for f in fields(self)}, **values})


# --- dates -----------------------------------------------------------------------------

#: Day formats tried after ISO 8601; a date with slashes is read month first (US exports write it so).
_DAY_FORMATS = ("%d %b %Y", "%d %B %Y", "%B %d, %Y", "%b %d, %Y", "%Y%m%dT%H%M%SZ", "%Y%m%d%H%M%S",
                "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%m/%d/%Y")


def parse_timestamp(value: Any) -> tuple[dt.date, str] | None:
    """Parse a date as exports and pages write it into ``(date, precision)``.

    The date is the one written (no time-zone conversion).

    >>> parse_timestamp("2023-01-01 04:51:10+00:00")
    (datetime.date(2023, 1, 1), 'day')
    >>> parse_timestamp("Mon, 15 Jan 2024 08:30:00 GMT")
    (datetime.date(2024, 1, 15), 'day')
    >>> parse_timestamp("07 Oct 2023 ")
    (datetime.date(2023, 10, 7), 'day')
    >>> parse_timestamp("2015-12")
    (datetime.date(2015, 12, 1), 'month')
    >>> parse_timestamp("2023-10-08 0:36:35"), parse_timestamp("10/13/2023")
    ((datetime.date(2023, 10, 8), 'day'), (datetime.date(2023, 10, 13), 'day'))
    >>> parse_timestamp("soon") is None
    True
    """
    text = str(value or "").strip()
    if not text:
        return None
    for pattern, fmt, precision in ((r"\d{4}-\d{2}", "%Y-%m", "month"), (r"\d{4}", "%Y", "year")):
        if re.fullmatch(pattern, text):
            return dt.datetime.strptime(text, fmt).date(), precision
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date(), "day"
    except ValueError:
        pass
    for fmt in _DAY_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date(), "day"
        except ValueError:
            continue
    try:
        return email.utils.parsedate_to_datetime(text).date(), "day"
    except (TypeError, ValueError, IndexError):
        return None


def _set_date(metadata: dict[str, Any], value: Any, source: str) -> bool:
    """Store a parsed date and its source in ``metadata``; return False when it does not parse."""
    parsed = parse_timestamp(value)
    if parsed is None:
        return False
    metadata["published"], metadata["published_precision"] = parsed
    metadata["published_source"] = source
    return True


# --- plain text and Markdown -------------------------------------------------------------

def read_txt(text: str, stem: str) -> list[Document]:
    """Return a plain-text file as one document (cleaning does the rest)."""
    return [Document(text)]


# Every pattern runs in time linear in the line: a bracket, parenthesis or emphasis
# marker only looks as far as the next one of its kind, so a line of thousands of
# unclosed markers (``*a *a *a ...``) costs no more than plain text.
_MD_IMAGE = re.compile(r"^\s*!\[[^\[\]]*\]\([^()]*\)\s*$")
_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})(?:\s+(.*))?$")
_MD_RULE = re.compile(r"^\s*(?:[-*_]\s*){3,}$")
_MD_LINK = re.compile(r"!?\[([^\[\]]*)\]\([^()]*\)")
#: A footnote reference: a marker ("[2]", "*") linking to an anchor of the page (``[\[2\]](#ftn2)``), or ``[^2]``.
_MD_FOOTNOTE = re.compile(r"\[(?:\\?\[)?(?:\d{1,3}|(?:\\?\*){1,3})(?:\\?\])?\]\(#[^()]*\)|\[\^[^\[\]\s]+\](?!:)")
_MD_EMPHASIS = re.compile(r"(\*{1,3})([^*\s](?:[^*]*[^*\s])?)\1|(_{2,3})([^_\s](?:[^_]*[^_\s])?)\3")
_MD_BULLET = re.compile(r"^\s*(?:[*+\-]|\d+[.)])\s+")
_MD_HTML_TAG = re.compile(r"</?(?:br|span|div|p|strong|em|b|i|sup|sub)\b[^<>]*>", re.IGNORECASE)
#: Passes over a line for emphasis inside emphasis (``***a** b*``); real text nests two deep at most.
_MD_EMPHASIS_PASSES = 3


def strip_markdown_inline(line: str) -> str:
    r"""Remove inline Markdown (links keep their text, emphasis its words).

    >>> strip_markdown_inline("* **Gaza:** see [the map](https://x.org/m.pdf).")
    'Gaza: see the map.'

    Footnote references are no text: they are removed.

    >>> strip_markdown_inline(r"10,850 have been injured.[\[2\]](#ftn2) The toll[^3] rose.[\*](#ftn1)")
    '10,850 have been injured. The toll rose.'
    """
    line = _MD_BULLET.sub("", line)
    line = _MD_FOOTNOTE.sub("", line)
    line = _MD_LINK.sub(r"\1", line)
    line = _MD_HTML_TAG.sub(" ", line)
    for _ in range(_MD_EMPHASIS_PASSES):
        line, found = _MD_EMPHASIS.subn(lambda m: m.group(2) or m.group(4), line)
        if not found:
            break
    return line.replace("\\", "").strip()


def _is_table_row(line: str) -> bool:
    """Return True for a Markdown table row (``| a | b |``)."""
    stripped = line.strip()
    return len(stripped) > 1 and stripped.startswith("|") and stripped.endswith("|")


def _heading_text(line: str) -> tuple[int, str] | None:
    """Return the level and text of an ATX heading (``## Text ##``), or None.

    >>> _heading_text("## Gaza: key figures ##")
    (2, 'Gaza: key figures')
    """
    heading = _MD_HEADING.match(line)
    if heading is None:
        return None
    text = (heading.group(2) or "").rstrip()
    closed = text.rstrip("#")
    if closed != text and (not closed or closed[-1] in " \t"):
        text = closed.rstrip()
    return len(heading.group(1)), text


def _markdown_line(line_no: int, line: str, doc: Document, first_content: bool) -> str:
    """Return the text kept of one Markdown line, recording what is dropped in ``doc``."""
    if first_content and _set_date(doc.metadata, line, "first-line"):
        doc.dropped.append((line_no, line.strip(), "date-line"))
        return ""
    if _MD_IMAGE.match(line):
        doc.dropped.append((line_no, line.strip(), "image"))
        return ""
    if _is_table_row(line) or _MD_RULE.match(line):
        doc.dropped.append((line_no, line.strip(), "table" if "|" in line else "rule"))
        return ""
    heading = _heading_text(line)
    if heading:
        level, text = heading[0], strip_markdown_inline(heading[1])
        if first_content and level == 1 and "title" not in doc.metadata:
            doc.metadata["title"], doc.metadata["title_source"] = text, "markdown-heading"
            doc.dropped.append((line_no, line.strip(), "title"))
        else:
            doc.dropped.append((line_no, line.strip(), "heading"))
            doc.headings.append(Heading(line_no, level, text))
        return ""
    return strip_markdown_inline(line)


def read_markdown(text: str, stem: str) -> list[Document]:
    """Return a Markdown file as one document, markup removed line by line.

    The first non-blank line may be the report's date, the next a ``#`` title.
    """
    doc = Document("")
    kept: list[str] = []
    content_lines, seen_text = 0, False
    for line_no, line in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        first_content = content_lines < 2 and not seen_text
        kept.append(_markdown_line(line_no, line, doc, first_content) if line.strip() else "")
        content_lines += bool(line.strip())
        seen_text = seen_text or bool(kept[-1])
    doc.text = "\n".join(kept)
    return [doc]


# --- HTML --------------------------------------------------------------------------------

def read_html(text: str, stem: str) -> list[Document]:
    """Return a saved web page as one document: trafilatura's text plus the page metadata."""
    import htmldate
    import trafilatura

    options = {"include_comments": False, "include_tables": False, "include_images": False}
    doc = Document(trafilatura.extract(text, **options) or "")
    meta = trafilatura.extract_metadata(text)
    if meta is not None:
        for name, attr in (("title", "title"), ("author", "author")):
            value = getattr(meta, attr, None)
            if value:
                doc.metadata[name], doc.metadata[f"{name}_source"] = value, "html-meta"
        if getattr(meta, "sitename", None):
            doc.metadata["outlet"] = meta.sitename
        if getattr(meta, "url", None):
            doc.metadata["url"] = meta.url
    _drop_repeated_title(doc)
    _take_out_headings(doc, trafilatura.extract(text, include_formatting=True, **options) or "")
    date = htmldate.find_date(text, extensive_search=False, original_date=True)
    if not (date and _set_date(doc.metadata, date, "html-meta")):
        guessed = htmldate.find_date(text, extensive_search=True, original_date=True,
                                     url=doc.metadata.get("url"))
        if guessed:
            _set_date(doc.metadata, guessed, "inferred")
    return [doc]


def _drop_repeated_title(doc: Document) -> None:
    """Drop the page's headline from the top of the extracted text (it is the title).

    Line numbers of an HTML document's dropped lines count lines of the extracted text.
    """
    title = " ".join(str(doc.metadata.get("title") or "").split()).casefold()
    lines = doc.text.split("\n")
    for line_no, line in enumerate(lines[:3], start=1):
        if title and " ".join(line.split()).casefold() == title:
            doc.dropped.append((line_no, line.strip(), "title"))
            lines[line_no - 1] = ""
            doc.text = "\n".join(lines)
            return


def _take_out_headings(doc: Document, formatted: str) -> None:
    """Take the page's headings out of its text, as the sections of what follows them.

    ``formatted`` is the same text with Markdown formatting (trafilatura marks ``<h2>`` as
    ``## ``); each of its headings, in order, is the next line of ``doc.text`` with the same
    words. The line is dropped with the reason ``heading`` (without this, a heading joined
    the paragraph after it) and recorded in ``doc.headings``.
    """
    lines = doc.text.split("\n")
    position = 0
    for level, text in (h for line in formatted.split("\n") if (h := _heading_text(line))):
        words = _words_of(strip_markdown_inline(text))
        match = next((i for i in range(position, len(lines)) if words and _words_of(lines[i]) == words), None)
        if match is None:
            continue
        doc.headings.append(Heading(match + 1, level, lines[match].strip()))
        doc.dropped.append((match + 1, lines[match].strip(), "heading"))
        lines[match], position = "", match + 1
    doc.text = "\n".join(lines)


def _words_of(text: str) -> str:
    """Return the words of ``text``, lower case, single-spaced (how a heading is matched to its line).

    >>> _words_of("Casualties: 5 *killed*")
    'casualties 5 killed'
    """
    return " ".join(re.findall(r"\w+", text.casefold()))


# --- exports (JSON lines, CSV) -------------------------------------------------------------

def _lookup(record: dict[str, Any], name: str) -> Any:
    """Return ``record[name]``, following dots into nested objects (``source.name``)."""
    value: Any = record
    for part in name.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def _first(record: dict[str, Any], names: tuple[str, ...]) -> tuple[str, str] | None:
    """Return ``(column, text)`` of the first of ``names`` with a non-empty scalar (or list)."""
    for name in names:
        value = _lookup(record, name)
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value if isinstance(v, str | int | float) and str(v))
        if isinstance(value, str | int | float) and str(value).strip():
            return name, str(value).strip()
    return None


def _cleaned(hit: tuple[str, str] | None, where: str, warnings: list[str]) -> tuple[str, str] | None:
    """Return a ``(column, text)`` hit without control characters, warning when some were removed."""
    if hit is None:
        return None
    text, removed, _ = strip_control_characters(hit[1])
    if removed:
        warnings.append(f"{where}: column {hit[0]} holds {removed} NUL or other control character(s), "
                        "which are not text; removed. Check this row of the export")
    return (hit[0], text) if text.strip() else None


def record_document(record: dict[str, Any], columns: ExportColumns, default_id: str, where: str) -> Document:
    """Turn one export row into a document; an empty text leaves ``doc.text`` empty.

    ``where`` names the row in messages (``row 3``); the row's id is added to it.
    """
    found_id = _first(record, columns.article_id)
    doc = Document("", article_id=_safe_id(found_id[1]) if found_id else default_id)
    doc.where = f"{where} (id {doc.article_id!r})"
    text = _cleaned(_first(record, columns.text), doc.where, doc.warnings)
    doc.text = text[1] if text else ""
    for name in ("title", "author", "outlet", "url"):
        hit = _cleaned(_first(record, getattr(columns, name)), doc.where, doc.warnings)
        if hit:
            doc.metadata[name] = hit[1]
            if name in ("title", "author"):
                doc.metadata[f"{name}_source"] = f"export:{hit[0]}"
    date = _cleaned(_first(record, columns.published), doc.where, doc.warnings)
    if date and not _set_date(doc.metadata, date[1], f"export:{date[0]}"):
        doc.warnings.append(f"{doc.where}: date {date[1]!r} in column {date[0]} not understood; "
                            "published left empty. Write dates as YYYY-MM-DD or ISO 8601")
    return doc


def _safe_id(value: str) -> str:
    """Return an article id usable in file names and URLs.

    >>> _safe_id("https://ex.org/a b?x=1")
    'https_ex.org_a_b_x_1'
    """
    return re.sub(r"[^\w.\-]+", "_", value).strip("_")[:120] or "row"


#: ``(row number, line number, record or None, error)`` for each row of an export.
ExportRow = tuple[int, int, dict[str, Any] | None, str | None]


def row_label(row_no: int, line_no: int) -> str:
    """Return how messages name a row: ``row 3``, with its line when that differs.

    >>> row_label(3, 3), row_label(3, 7)
    ('row 3', 'row 3 (line 7)')
    """
    return f"row {row_no}" if row_no == line_no else f"row {row_no} (line {line_no})"


def _export_documents(records: Iterator[ExportRow], stem: str, columns: ExportColumns) -> list[Document]:
    """Turn export rows into documents; bad rows become warnings that name them."""
    documents: list[Document] = []
    warnings: list[str] = []
    for row_no, line_no, record, error in records:
        where = row_label(row_no, line_no)
        if record is None:
            warnings.append(f"{where}: {error}")
            continue
        doc = record_document(record, columns, f"{stem}-{row_no:06d}", where)
        if not doc.text.strip():
            warnings.extend(doc.warnings)
            warnings.append(f"{doc.where}: none of the text columns ({', '.join(columns.text)}) holds "
                            "text; row skipped. Name the text column with --column text=NAME")
            continue
        documents.append(doc)
    if documents:
        documents[0].warnings[:0] = warnings
    elif warnings:
        documents.append(Document("", warnings=warnings))
    return documents


def _json_records(text: str) -> Iterator[ExportRow]:
    """Yield a row for each non-blank line of a JSON-lines file (lines end at a line feed only)."""
    for row_no, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line, strict=False)  # control characters are cleaned and reported
        except json.JSONDecodeError as exc:
            yield row_no, row_no, None, (f"not valid JSON ({exc.msg}, column {exc.colno}); row skipped. "
                                         "Fix the line, or export the file again")
            continue
        if isinstance(record, dict):
            yield row_no, row_no, record, None
        else:
            yield row_no, row_no, None, "not a JSON object; row skipped. Each line must be one {...} object"


def read_jsonl(text: str, stem: str, columns: ExportColumns | None = None) -> list[Document]:
    """Return one document per row of a JSON-lines export."""
    return _export_documents(_json_records(text), stem, columns or ExportColumns())


class _Lines:
    """An iterator over a file's lines that tells which line comes next (for :func:`_csv_rows`)."""

    def __init__(self, lines: list[str], start: int) -> None:
        self.lines, self.next = lines, start

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        if self.next >= len(self.lines):
            raise StopIteration
        self.next += 1
        return self.lines[self.next - 1]


def _csv_rows(text: str) -> Iterator[tuple[int, int, list[str] | None, str | None]]:
    """Yield ``(first line, last line, fields or None, error)`` for each CSV record.

    Parsing is strict (a quote must close, and be followed by a comma or the end of the
    line). After a broken record, parsing starts again at the line after its first one,
    so a quote that is never closed costs one row, not every row after it.
    """
    lines = list(io.StringIO(text, newline=""))
    source = _Lines(lines, 0)
    reader = csv.reader(source, strict=True)
    while source.next < len(lines):
        first = source.next
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield first + 1, source.next, None, str(exc)
            source.next = first + 1
            reader = csv.reader(source, strict=True)
            continue
        if values:
            yield first + 1, source.next, values, None


def _csv_records(text: str) -> Iterator[ExportRow]:
    """Yield a row for each CSV record after the header; broken records become errors."""
    rows = _csv_rows(text)
    header = next((values for _, _, values, _ in rows if values), None)
    if header is None:
        return
    for row_no, (first, last, values, error) in enumerate(rows, start=2):
        if values is not None and len(values) != len(header):
            error = f"has {len(values)} fields where the header has {len(header)}"
        if error is None:
            yield row_no, first, {k: v for k, v in zip(header, values, strict=True) if k}, None
            continue
        spans = f"; it runs from line {first} to line {last}" if last > first else ""
        yield row_no, first, None, (
            f"cannot be read as CSV ({error}{spans}), probably a quote (\") that is never closed; "
            f"row skipped, reading goes on at line {first + 1}. Close the quote, or double each quote "
            "inside a quoted field (\"\")")


def read_csv(text: str, stem: str, columns: ExportColumns | None = None) -> list[Document]:
    """Return one document per row of a CSV export (header row first)."""
    return _export_documents(_csv_records(text), stem, columns or ExportColumns())


Reader = Callable[..., list[Document]]
READERS: dict[str, Reader] = {
    ".txt": read_txt, ".md": read_markdown, ".markdown": read_markdown,
    ".html": read_html, ".htm": read_html,
    ".jsonl": read_jsonl, ".ndjson": read_jsonl, ".csv": read_csv,
}
#: File name endings the corpus reads.
SUFFIXES = frozenset(READERS)
#: Formats with one article a row rather than one a file.
EXPORT_SUFFIXES = frozenset({".jsonl", ".ndjson", ".csv"})


def is_article_file(path: Path) -> bool:
    """Return True for a file the corpus reads as articles (not the catalogue or config)."""
    return path.suffix.lower() in SUFFIXES and path.name not in NOT_ARTICLES


def read_documents(path: Path, text: str, columns: ExportColumns | None = None) -> list[Document]:
    """Return the documents in one corpus file's decoded ``text``, by the file's suffix."""
    suffix = path.suffix.lower()
    reader = READERS[suffix]
    if suffix in EXPORT_SUFFIXES:
        return reader(text, path.stem, columns)
    return reader(text, path.stem)
