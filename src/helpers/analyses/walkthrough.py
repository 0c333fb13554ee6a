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
#: Characters of a preview line shown before it is cut with an ellipsis.
PREVIEW_WIDTH = 110
#: Words that attribute a statement: a figure in such a sentence with no source found is worth a second look.
ATTRIBUTION_CUE = re.compile(r"\b(?:said|says|according to|reported|told|claimed|estimated|figures? from|citing)\b",
                             re.IGNORECASE)
#: A source that names no one in particular.
VAGUE_SOURCE = re.compile(r"^(?:the )?(?:officials?|sources?|authorities|ministry|reports?|media|he|she|they|it|"
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

    def text(self, width: int = PREVIEW_WIDTH) -> str:
        r"""Return the lines for print, each longer than ``width`` cut there and marked with an ellipsis.

        >>> Preview(["short", "a long line of text"], pd.DataFrame(), 0, True).text(width=10)
        'short\na long li…'
        """
        return "\n".join(line if len(line) <= width else line[:width - 1] + "…" for line in self.lines)


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
    """Return the figures whose attribution a reader should check.

    Those are figures with no source in a sentence that attributes something, and
    figures whose source names no one in particular.

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


def describe(article: pd.Series) -> list[str]:
    """Return sentences introducing the article followed: its id, headline and outlet, and its date."""
    title = article.get("title")
    outlet = article.get("outlet")
    named = f"Article {article['article_id']}"
    named += f', "{title}"' if isinstance(title, str) and title.strip() else " (no headline found)"
    named += f", from {outlet}." if isinstance(outlet, str) and outlet.strip() else ", from an unknown outlet."
    return [named, publication_note(article)]


def date_question(timex: pd.Series | None, article: pd.Series) -> str:
    """Return the text of the date exercise for ``timex`` (None: the article has no date expression)."""
    if timex is None:
        return "This article has no date expression, so this exercise has no question here: choose another article."
    published = article.get("published")
    if not isinstance(published, dt.date):
        return (f"Expression: '{timex['text']}'. The article's publication date is unknown, so a relative date "
                "cannot be resolved: choose another article.")
    precision = article.get("published_precision") or "day"
    on = "on" if precision == "day" else "in"
    return f"Expression: '{timex['text']}'; the article was published {on} {date_label(published, precision, True)}."


def figure_question(figures: pd.DataFrame, corpus_figures: pd.DataFrame, kind: str = "killed") -> str:
    """Return the text of the figure exercise: the question, or which articles to choose instead."""
    if (figures["kind"] == kind).any():
        return (f"How many people does the article say were {kind}, and who does it say reported that number? "
                "Any of the article's figures of that kind is a right answer.")
    others = sorted(set(corpus_figures.loc[corpus_figures["kind"] == kind, "article_id"]))
    if not others:
        return f"No article of this corpus states a '{kind}' figure, so this exercise has no question here."
    listed = ", ".join(others[:5]) + (f" and {len(others) - 5} more" if len(others) > 5 else "")
    return f"This article states no '{kind}' figure; set article_id to one that does: {listed}."


def attribution_example(figure: pd.Series | None) -> list[str]:
    """Return the worked example of a doubtful attribution, as sentences (or why there is none)."""
    if figure is None:
        return ["The tool found no figure with a doubtful attribution in this corpus: every number either has a "
                "named source or sits in a sentence that attributes nothing."]
    source = figure["source"] if isinstance(figure["source"], str) else None
    found = f"took '{source}' as its source" if source else "found no source for it"
    return [f"In article {figure['article_id']}, sentence {int(figure['sentence_id'])}: \"{figure['sentence']}\"",
            f"The tool read '{figure['text']}' as a {figure['kind']} figure and {found}: {figure['why']}.",
            "Who gave this number? Read the sentence and the one before it. "
            "If the tool is wrong, the comparison of sources in the casualty report counts this number under the "
            "wrong source, or under the outlet itself."]


def pronoun_example(quote: pd.Series | None, actors: pd.DataFrame) -> list[str]:
    """Return the worked example of a quote whose speaker is a pronoun, as sentences (or why there is none)."""
    if quote is None:
        return ["No quote of this corpus is introduced by a pronoun alone (\"he said\"), so the tool never had to "
                "guess a speaker from an earlier sentence here."]
    names = dict(zip(actors["actor_id"], actors["name"], strict=False))
    actor = quote["speaker_actor_id"]
    guess = (f"decided that '{quote['speaker']}' is {names.get(actor, actor)}" if isinstance(actor, str)
             else f"could not tell who '{quote['speaker']}' is")
    return [f"In article {quote['article_id']}, sentence {int(quote['sentence_id'])}, a quote is introduced by "
            f"'{quote['speaker']} {quote['cue']}': \"{quote['text']}\"",
            f"The tool {guess}, from the names in the sentences before it.",
            "Read those sentences: is that who is speaking? "
            "A wrong guess moves the quote to another speaker in every count of who says what."]


def dropped_note(preview: Preview) -> str:
    """Return what the reveal table leaves out: lines removed further down the file, if any."""
    if not preview.from_file:
        return (f"Cleaning removed {preview.dropped_below} line(s) of this article's text; "
                "the corpus overview lists every removed line.") if preview.dropped_below else ""
    if preview.dropped_below:
        return (f"{preview.dropped_below} more line(s) further down the file were removed too; "
                "the corpus overview lists every removed line.")
    return "" if len(preview.dropped_shown) else "Cleaning removed none of the lines shown, and none further down."
