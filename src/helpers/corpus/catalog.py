"""The catalogue of a corpus folder: ``catalog.csv`` and ``catalog_exclusions.csv``.

- ``catalog.csv``: one row per article, keyed by ``article_id`` (the file's stem
  unless a ``path`` column says otherwise), with ``outlet``, ``url``, ``title``,
  ``author``, ``published`` (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``),
  ``date_precision`` and ``date_source``. Unknown columns are kept as metadata and
  reported once. A ``path`` must stay inside the corpus folder.
- ``catalog_exclusions.csv``: ``article_id, line_starts_with, reason`` for lines
  that no cleaning rule can recognise (a photo caption written as a sentence).

Problems are appended to a list, never raised: the articles go through without the
catalogue's metadata.
"""

from __future__ import annotations

import csv
from pathlib import Path

from helpers.corpus.article import CorpusProblem

CATALOG_NAME = "catalog.csv"
EXCLUSIONS_NAME = "catalog_exclusions.csv"
KNOWN_CATALOG_COLUMNS = {
    "article_id", "path", "outlet", "url", "title", "author", "published",
    "date_precision", "date_source", "notes",
}

Exclusions = dict[str, list[tuple[str, str]]]


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
