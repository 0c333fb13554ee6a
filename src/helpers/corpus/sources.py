"""Bytes of one corpus file to text: encodings, binary files and size limits.

Bytes are decoded as UTF-8 (a UTF-8 or UTF-16 byte-order mark is honoured); text
that is not UTF-8 is read as Windows-1252 (Latin-1 for the five bytes Windows-1252
leaves undefined) with a warning. Files larger than :data:`MAX_FILE_BYTES` and
articles longer than :func:`max_article_chars` are skipped with a message rather
than parsed for minutes. Source files are only ever opened for reading.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from helpers.corpus.article import CorpusProblem

#: Files larger than this are skipped unread: no news article is 10 MB of text.
MAX_FILE_BYTES = 10_000_000
#: Default limit on an article's cleaned text (about 35,000 words); spaCy's own limit is 1,000,000.
DEFAULT_MAX_ARTICLE_CHARS = 200_000
MAX_ARTICLE_CHARS_ENV = "NEWS_HELPERS_MAX_ARTICLE_CHARS"
#: Share of control characters above which decoded text is taken for a binary file.
BINARY_CONTROL_SHARE = 0.1


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


def looks_binary(raw: bytes, text: str, export: bool = False) -> bool:
    r"""Return True for a file that is not text: NUL bytes at its start, or many control characters.

    An export (``export``) is judged by its control characters only: one row with a NUL
    byte does not make a CSV file binary (the reader cleans and reports the row).

    >>> looks_binary(b"\x89PNG\r\n\x1a\n\x00", "")
    True
    >>> looks_binary(b"id,text\n1,a\x00b\n", "id,text\n1,a\x00b\n", export=True)
    False
    """
    if not export and b"\x00" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    head = text[:4096]
    controls = sum(1 for ch in head if ord(ch) < 32 and ch not in "\t\n\r\f")
    return bool(head) and controls / len(head) > BINARY_CONTROL_SHARE


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def strip_control_characters(text: str) -> tuple[str, int, int]:
    r"""Remove NUL and other control characters (not tabs, line or page breaks) from ``text``.

    Returns the text, how many were removed and the line of the first one (0: none).

    >>> strip_control_characters("Gaza\x00 City\nsaid\x1b[31m")
    ('Gaza City\nsaid[31m', 2, 1)
    """
    first = _CONTROL.search(text)
    if first is None:
        return text, 0, 0
    cleaned, count = _CONTROL.subn("", text)
    return cleaned, count, text.count("\n", 0, first.start()) + 1


def max_article_chars() -> int:
    """Return the limit on an article's cleaned text (``NEWS_HELPERS_MAX_ARTICLE_CHARS`` wins)."""
    value = os.environ.get(MAX_ARTICLE_CHARS_ENV, "")
    return int(value) if value.strip().isdigit() else DEFAULT_MAX_ARTICLE_CHARS


def read_source(path: Path, relative: str, problems: list[CorpusProblem],
                max_bytes: int | None = MAX_FILE_BYTES, export: bool = False) -> str | None:
    """Return the decoded text of one article file, or None (with the reason in ``problems``).

    ``max_bytes`` limits a one-article file; pass None for an export holding many articles
    (``export``), whose rows the reader checks one by one. NUL and other control
    characters in a one-article file are removed with a warning.
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
    if looks_binary(raw, text, export):
        advice = ("Export it again as CSV or JSON lines, in UTF-8" if export
                  else "Export the article as plain text (.txt)")
        problems.append(CorpusProblem(relative, (
            f"looks binary (NUL bytes or control characters), not text; skipped. {advice}")))
        return None
    if not text.strip():
        problems.append(CorpusProblem(relative, "is empty or holds only white space; skipped. "
                                      "Put the article's text in it, or remove the file"))
        return None
    if warning:
        problems.append(CorpusProblem(relative, warning, "warning"))
    if not export:
        text, removed, line = strip_control_characters(text)
        if removed:
            problems.append(CorpusProblem(relative, (
                f"holds {removed} NUL or other control character(s), the first on line {line}, which "
                "are not text; removed, the rest read. Save the file again as plain text to be sure "
                "nothing else was damaged"), "warning"))
    return text
