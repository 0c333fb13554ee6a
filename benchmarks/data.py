"""Benchmark corpora: real text from ``../shared/corpora`` written as a temporary corpus folder.

- ``rss2023``: news-feed entries (JSON lines, the shape of a news-API export); the
  description is the text. The Middle East file first, then the general sample.
- ``reuters``: Reuters-21578 story bodies (XML, Latin-1), 1987 newswire, with their
  hand-assigned topics (``trade``, ``money-fx``, ``grain``...).

Entries shorter than ``min_words`` and repeated texts are left out, so that every
article of the benchmark is extracted (the corpus reader would report duplicates).
"""

from __future__ import annotations

import gzip
import html
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpora"
RSS_FILES = ["rss_2023_mideast_topical.jsonl.gz", "rss_2023_general_sample60k.jsonl.gz"]


def rss_rows() -> Iterator[dict]:
    """Yield the rows of the rss2023 files, Middle East first."""
    for name in RSS_FILES:
        with gzip.open(SHARED / "rss2023" / name, "rt", encoding="utf-8") as handle:
            for line in handle:
                row = json.loads(line)
                yield {"title": row.get("title"), "text": row.get("description") or "",
                       "outlet": row.get("outlet"), "url": row.get("link"),
                       "published": row.get("date_published")}


_REUTERS = re.compile(r"<REUTERS[^>]*NEWID=\"(\d+)\".*?</REUTERS>", re.S)


def reuters_rows() -> Iterator[dict]:
    """Yield Reuters-21578 stories that have a body."""
    for path in sorted((SHARED / "reuters21578").glob("reut2-*.xml.gz")):
        raw = gzip.open(path, "rb").read().decode("latin-1")
        for story in _REUTERS.finditer(raw):
            block = story.group(0)
            body = re.search(r"<BODY>(.*?)</BODY>", block, re.S)
            if not body:
                continue
            title = re.search(r"<TITLE>(.*?)</TITLE>", block, re.S)
            date = re.search(r"<DATE>\s*(\d+)-([A-Z]+)-(\d{4})", block)
            topics = re.search(r"<TOPICS>(.*?)</TOPICS>", block, re.S)
            text = html.unescape(body.group(1)).replace("\x03", "").replace("Reuter\n", "")
            yield {"article_id": f"reuters-{story.group(1)}", "text": text.strip(),
                   "topics": re.findall(r"<D>(.*?)</D>", topics.group(1)) if topics else [],
                   "title": html.unescape(title.group(1)) if title else None,
                   "published": f"{date.group(1)} {date.group(2).title()} {date.group(3)}"
                   if date else None}


def select(corpus: str, count: int, skip: int = 0, min_words: int = 20,
           where: Callable[[dict], bool] | None = None) -> list[dict]:
    """Return ``count`` distinct texts of at least ``min_words`` words, after the first ``skip``.

    ``where`` keeps only the rows it returns True for (e.g. Reuters stories on one topic).
    """
    rows = rss_rows() if corpus == "rss2023" else reuters_rows()
    seen: set[str] = set()
    chosen: list[dict] = []
    for row in rows:
        text = " ".join(row["text"].split())
        if len(text.split()) < min_words or text in seen or (where is not None and not where(row)):
            continue
        seen.add(text)
        if len(seen) > skip:
            chosen.append(row)
        if len(chosen) == count:
            return chosen
    raise SystemExit(f"{corpus} has fewer than {count + skip} usable texts")


def write_corpus(folder: Path, rows: list[dict], name: str = "export.jsonl") -> Path:
    """Write ``rows`` as a JSON-lines export into ``folder`` (created); return the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / name).open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row) + "\n")
    return folder
