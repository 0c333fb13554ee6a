"""An article as the corpus stage hands it on: cleaned text plus metadata, and its problems."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from helpers.corpus.cleaning import CleanArticle


def printable(text: str) -> str:
    r"""Return ``text`` with line breaks and other unprintable characters written as escapes.

    Used wherever a file name or a value from a file is printed, so that it can never
    start a new line of output or send codes to the terminal.

    >>> print(printable("a\nerror: b\x1b[2J"))
    a\nerror: b\x1b[2J
    """
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text)


@dataclass
class CorpusProblem:
    """Something wrong with one file of the corpus, phrased for the user."""

    path: str
    message: str
    severity: str = "error"  # error: the article was skipped; warning: it went through

    def __str__(self) -> str:
        """Return ``path: message``, with line breaks and control characters escaped."""
        return f"{printable(self.path)}: {printable(self.message)}"


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
        """Return a hash of everything extraction depends on: the body, its sections, dates and metadata.

        The metadata is part of it because the cached ``articles`` row carries it: a new
        outlet in the catalogue must not be hidden by an old cache entry.
        """
        parts = [self.article_id, self.body, self.published, self.published_precision,
                 self.published_source, self.title, self.outlet, self.author, self.url]
        if any(self.clean.sections):  # headings place figures: a text without them keeps its fingerprint
            parts.append(self.clean.sections)
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
