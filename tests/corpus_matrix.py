"""The corpora every notebook must render on, built at test time from ``../shared``.

Nothing here is copied into the repository: each corpus is written into a temporary
folder from the real data in ``../shared/corpora`` (read by ``benchmarks/data.py``, the
one reader of rss2023 and Reuters-21578), or is a folder of the project itself.

=================  ==========================================================================
``seeds``          the five shipped seed articles with their catalogue
``second_corpus``  ``tests/data/second_corpus``: pages, wire copy, exports, reports
``ocha``           every tenth of the 151 UN OCHA flash updates (Markdown, a date line each),
                   so six months of daily reports (the benchmark renders all 151)
``rss_mideast``    news-feed entries on the Middle East (a JSON-lines export, many outlets)
``reuters_trade``  Reuters-21578 stories on trade and markets: almost no registry actor
``one_article``    one OCHA flash update alone
``bare``           Reuters stories as bare ``.txt`` bodies: no date, no outlet, no date
                   expression and no registry actor anywhere
=================  ==========================================================================
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from benchmarks.data import select, write_corpus

from checkout import PROJECT_ROOT, SEEDS_DIR, SHARED
from helpers.extract.registry import load_registry

OCHA = SHARED / "corpora" / "ocha_flash_updates"
#: Reuters-21578 topics of trade and markets.
MARKET_TOPICS = {"trade", "money-fx", "interest", "money-supply", "reserves", "bop", "gnp", "cpi"}
#: Words that make a date expression (months, weekdays, relative days, years).
DATE_WORDS = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\b|\b(?:mon|tues|wednes|thurs|fri|satur|sun)"
    r"day\b|\b(?:today|yesterday|tomorrow|tonight|week|month|year|quarter|season|decade|century|spring|summer"
    r"|autumn|fall|winter|annual|daily|weekly|monthly|yearly|ago|recent|recently|now|currently)s?\b|\b1[89]\d\d\b"
    r"|\b20\d\d\b|\b\d{1,2}/\d{1,2}\b|\b(?:\d+(?:st|nd|rd|th))\b",
    re.IGNORECASE)


@dataclass(frozen=True)
class MatrixCorpus:
    """One corpus of the matrix: its name (the run's folder) and where its articles are."""

    name: str
    folder: Path


def registry_names() -> re.Pattern[str]:
    """Return a pattern matching any name, alias or demonym of the shipped registry's actors."""
    names = {name for actor in load_registry().actors.values() for name in (*actor.names(), *actor.demonyms)}
    alternatives = "|".join(sorted((re.escape(n) for n in names if len(n) > 1), key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def _ocha_slice(folder: Path, files: list[Path]) -> Path:
    """Copy ``files`` of the OCHA updates into ``folder``."""
    folder.mkdir(parents=True)
    for path in files:
        shutil.copy(path, folder / path.name)
    return folder


def _bare(folder: Path, count: int) -> Path:
    """Write ``count`` Reuters bodies with no date expression and no registry actor as bare ``.txt``."""
    names = registry_names()
    rows = select("reuters", count, min_words=25,
                  where=lambda row: not DATE_WORDS.search(row["text"]) and not names.search(row["text"])
                  and len(row["text"].split()) < 200)
    folder.mkdir(parents=True)
    for number, row in enumerate(rows, start=1):
        (folder / f"story_{number:02d}.txt").write_text(" ".join(row["text"].split()) + "\n", encoding="utf-8")
    return folder


def build_matrix(root: Path) -> list[MatrixCorpus]:
    """Write the matrix's corpora under ``root`` (a temporary folder); return them in matrix order."""
    updates = sorted(OCHA.glob("flash-*.md"))
    return [
        MatrixCorpus("seeds", SEEDS_DIR),
        MatrixCorpus("second_corpus", PROJECT_ROOT / "tests" / "data" / "second_corpus"),
        MatrixCorpus("ocha", _ocha_slice(root / "ocha", updates[::10])),
        MatrixCorpus("rss_mideast", write_corpus(root / "rss_mideast", select("rss2023", 60))),
        MatrixCorpus("reuters_trade", write_corpus(root / "reuters_trade", [
            {k: v for k, v in row.items() if k != "topics"}
            for row in select("reuters", 30, where=lambda row: bool(MARKET_TOPICS & set(row["topics"])))])),
        MatrixCorpus("one_article", _ocha_slice(root / "one_article", updates[39:40])),
        MatrixCorpus("bare", _bare(root / "bare", 4)),
    ]
