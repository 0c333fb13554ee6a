"""Where an article's metadata comes from, in one order: catalogue, then file, then text.

Three layers may each say something about an article's title, author, outlet,
address and publication date:

1. the text itself, as cleaning found it (a headline, a byline, a ``date`` header);
2. the file, as its reader found it (a page's metadata, an export's columns, a
   Markdown heading or first-line date);
3. the catalogue row (``catalog.csv``).

For each field the highest layer that has a value wins, and the field's source is
recorded (``title_source``, ``author_source``, ``published_source``).
"""

from __future__ import annotations

from typing import Any

from helpers.corpus.article import Article, CorpusProblem, parse_date
from helpers.corpus.catalog import CATALOG_NAME, KNOWN_CATALOG_COLUMNS
from helpers.corpus.cleaning import CleanArticle, DroppedLine
from helpers.corpus.readers import Document

#: Text fields every layer may set.
TEXT_FIELDS = ("title", "author", "outlet", "url")
#: Fields whose source is recorded in ``<field>_source``.
SOURCED_FIELDS = ("title", "author")

#: ``{field: (value, source)}``; ``published`` holds ``(date, precision)``.
Layer = dict[str, tuple[Any, str]]


def text_layer(clean: CleanArticle) -> Layer:
    """Return what cleaning found in the text: headline, byline and date header."""
    layer: Layer = {}
    if clean.title:
        layer["title"] = (clean.title, "text")
    if clean.author:
        layer["author"] = (clean.author, "byline")
    if clean.header_date and (parsed := parse_date(clean.header_date)):
        layer["published"] = (parsed, "header")
    return layer


def file_layer(doc: Document) -> Layer:
    """Return what the file's reader found (page metadata, export columns, Markdown)."""
    meta = doc.metadata
    layer: Layer = {name: (meta[name], meta.get(f"{name}_source", "file"))
                    for name in TEXT_FIELDS if meta.get(name)}
    if meta.get("published"):
        layer["published"] = ((meta["published"], meta["published_precision"]),
                              meta["published_source"])
    return layer


def catalog_layer(article_id: str, row: dict[str, str] | None,
                  problems: list[CorpusProblem]) -> Layer:
    """Return what the catalogue row says; a bad date is reported and left out."""
    row = row or {}
    layer: Layer = {name: (row[name], "catalog") for name in TEXT_FIELDS if row.get(name)}
    if row.get("published"):
        parsed = parse_date(row["published"])
        if parsed is None:
            problems.append(CorpusProblem(CATALOG_NAME, (
                f"article {article_id}: bad date {row['published']!r} (expected "
                "YYYY-MM-DD, YYYY-MM or YYYY); catalogue date ignored. Fix the published column"),
                "warning"))
        else:
            precision = row.get("date_precision") or parsed[1]
            layer["published"] = ((parsed[0], precision), row.get("date_source") or "catalog")
    return layer


def apply_layers(article: Article, layers: list[Layer]) -> None:
    """Set the article's metadata from ``layers``, lowest first: a later layer wins."""
    for layer in layers:
        for name, (value, source) in layer.items():
            if name == "published":
                article.published, article.published_precision = value
                article.published_source = source
                continue
            setattr(article, name, value)
            if name in SOURCED_FIELDS:
                setattr(article, f"{name}_source", source)


def apply_metadata(article: Article, doc: Document, row: dict[str, str] | None,
                   problems: list[CorpusProblem]) -> None:
    """Give ``article`` its metadata (catalogue over file over text) and the reader's dropped lines."""
    apply_layers(article, [text_layer(article.clean), file_layer(doc),
                           catalog_layer(article.article_id, row, problems)])
    article.extra = {k: v for k, v in (row or {}).items() if k not in KNOWN_CATALOG_COLUMNS and v}
    if doc.dropped:
        article.clean.dropped.extend(DroppedLine(n, text, why) for n, text, why in doc.dropped)
        article.clean.dropped.sort(key=lambda d: d.line_no)
