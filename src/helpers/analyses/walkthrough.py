"""What the walkthrough notebook shows about one article, for any corpus.

- :func:`choose_article`: the article to follow (the first of the corpus by default);
- :func:`raw_preview`: the first lines of its file as they are on disk, and which of
  the lines shown the cleaning removed (so the "Reveal" never lists a line the
  "Predict" step did not show);
- :func:`ambiguous_attributions` and :func:`pronoun_quotes`: the tool's own output
  that a student should doubt, for the worked example of source criticism.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers.analyses.overview import date_label

#: File types whose text is shown line by line as it is on disk.
LINE_FORMATS = (".txt", ".md")
PREVIEW_LINES = 12
#: Words that attribute a statement: a figure in such a sentence with no source found is worth a second look.
ATTRIBUTION_CUE = re.compile(r"\b(said|says|according to|reported|told|claimed|estimated|figures? from|citing)\b",
                             re.IGNORECASE)
#: A source that names no one in particular.
VAGUE_SOURCE = re.compile(r"^(the )?(officials?|sources?|authorities|ministry|reports?|media|he|she|they|it|"
                          r"witnesses|residents|activists)$", re.IGNORECASE)
PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "him", "her", "them"}


def first_article(articles: pd.DataFrame) -> str:
    """Return the id of the corpus's first article (in the order of the ids)."""
    if articles.empty:
        raise ValueError("the corpus has no article to follow")
    return str(sorted(articles["article_id"])[0])


def choose_article(articles: pd.DataFrame, article_id: str = "") -> str:
    """Return ``article_id`` if the corpus has it, the first article when it is empty, else raise ValueError."""
    if not str(article_id).strip():
        return first_article(articles)
    ids = sorted(articles["article_id"])
    if article_id not in set(ids):
        shown = ", ".join(ids[:10]) + (f" and {len(ids) - 10} more" if len(ids) > 10 else "")
        raise ValueError(f"article_id {article_id!r} is not in this corpus; choose one of: {shown} "
                         "(or leave it empty for the first)")
    return str(article_id)


@dataclass
class Preview:
    """The first lines of an article's file, and what cleaning removed among them and below them."""

    lines: list[str]
    dropped_shown: pd.DataFrame
    dropped_below: int
    from_file: bool


def raw_preview(corpus_dir: Path, article: pd.Series, dropped: pd.DataFrame, articles: pd.DataFrame,
                n_lines: int = PREVIEW_LINES) -> Preview:
    """Return the first ``n_lines`` of an article as it is on disk and the dropped lines among them.

    A plain-text or Markdown file holding this article alone is shown line by line, and
    the dropped lines are split into those shown (line numbers 1 to ``n_lines``) and a
    count of those further down. A page or an export holding several articles is not
    readable line by line; its cleaned text is shown instead (``from_file`` False).
    """
    path = corpus_dir / str(article["source_path"])
    alone = (articles["source_path"] == article["source_path"]).sum() == 1
    if path.suffix.lower() in LINE_FORMATS and alone and path.is_file():
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()[:n_lines]
        shown = dropped[dropped["line_no"] <= n_lines]
        return Preview(lines, shown.reset_index(drop=True), int((dropped["line_no"] > n_lines).sum()), True)
    lines = str(article["body"]).splitlines()[:n_lines]
    return Preview(lines, dropped.iloc[:0], len(dropped), False)


def ambiguous_attributions(figures: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Return the figures whose attribution a reader should check: no source found in a sentence that attributes, or a vague source.

    One row per figure with ``why``: the reason to doubt the tool's ``source``.
    """
    frame = figures.merge(sentences[["article_id", "sentence_id", "text"]].rename(columns={"text": "sentence"}),
                          on=["article_id", "sentence_id"], how="left")
    no_source = frame["source"].isna() & frame["sentence"].fillna("").str.contains(ATTRIBUTION_CUE)
    vague = frame["source"].fillna("").str.strip().str.match(VAGUE_SOURCE)
    frame = frame[no_source | vague].copy()
    frame["why"] = ["the sentence attributes something, but the tool found no source for this number" if missing
                    else "the source names no one in particular" for missing in frame["source"].isna()]
    return frame.reset_index(drop=True)


def pronoun_quotes(quotes: pd.DataFrame) -> pd.DataFrame:
    """Return the quotes whose speaker, as written, is only a pronoun ("he said"): the tool had to guess who."""
    speaker = quotes["speaker"].fillna("").str.strip().str.lower()
    return quotes[speaker.isin(PRONOUNS)].reset_index(drop=True)


def worked_example(own: pd.DataFrame, everywhere: pd.DataFrame, article_id: str) -> pd.Series | None:
    """Return the first row of ``own`` (this article's), else the first of ``everywhere`` (the corpus's), else None."""
    if len(own):
        return own.iloc[0]
    others = everywhere[everywhere["article_id"] != article_id]
    return others.iloc[0] if len(others) else None


#: What each ``published_source`` means, for a student.
DATE_SOURCES = {
    "header": "a date line in the text",
    "first-line": "the first line of the text",
    "html-meta": "the web page's metadata",
    "inferred": "a guess from the page's text or address",
    "catalog": "the catalogue (catalog.csv)",
    "url": "the article's address, as recorded in the catalogue",
    "estimated": "an estimate from the article's content, recorded in the catalogue",
    "export": "a column of the export file",
}
PRECISIONS = {"day": "to the day", "month": "only to the month", "year": "only to the year"}


def publication_note(article: pd.Series) -> str:
    """Return how and how precisely the article's publication date is known, as a sentence.

    >>> print(publication_note(pd.Series({"published": dt.date(2015, 12, 1), "published_precision": "month",
    ...                                   "published_source": "url"})))
    Published in December 2015 (known only to the month; from the article's address, as recorded in the catalogue).
    """
    published, precision = article.get("published"), article.get("published_precision")
    if not isinstance(published, dt.date):
        return "The publication date is unknown, so relative dates in the text (\"Monday\") cannot be resolved."
    source = str(article.get("published_source") or "")
    where = DATE_SOURCES.get(source, DATE_SOURCES.get(source.split(":")[0], source or "an unrecorded source"))
    on = "on" if precision == "day" else "in"
    return (f"Published {on} {date_label(published, precision)} (known {PRECISIONS.get(precision, 'to the day')}; "
            f"from {where}).")
