"""Self-checking exercises for the walkthrough notebook.

Each ``check_*`` function takes the student's answer and the tables of the article
being studied, and returns :class:`Feedback`: ``ok`` and a friendly message that
says why a wrong answer is wrong and where to look, never just "wrong". The right
answers are computed from the tables, so the exercises work for any article.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass

import pandas as pd

NO_ANSWER = "No answer yet: replace `None` with your answer and run the cell again."


@dataclass
class Feedback:
    """The verdict on one answer and a message for the student."""

    ok: bool
    message: str

    def __bool__(self) -> bool:
        """Return whether the answer was right."""
        return self.ok

    def __str__(self) -> str:
        """Return the message with the verdict in front (words, not symbols a font may lack)."""
        if self.message == NO_ANSWER:
            return self.message
        return ("Correct. " if self.ok else "Not yet. ") + self.message

    def _repr_markdown_(self) -> str:
        """Show the feedback in a notebook (escaped, so no answer text runs as HTML)."""
        verdict, _, rest = str(self).partition(". ")
        return f"**{html.escape(verdict)}.** {html.escape(rest)}" if rest else html.escape(str(self))


def _missing(answer: object) -> Feedback | None:
    """Return the no-answer feedback when ``answer`` is None."""
    return Feedback(False, NO_ANSWER) if answer is None else None


def check_sentence_count(answer: object, sentences: pd.DataFrame) -> Feedback:
    """Check the number of sentences of one article's ``sentences`` table."""
    if (missing := _missing(answer)) is not None:
        return missing
    right = len(sentences)
    if not isinstance(answer, int) or isinstance(answer, bool):
        return Feedback(False, f"Give a whole number, not {type(answer).__name__}. Try `len(sentences)`.")
    if answer == right:
        return Feedback(True, f"Right: {right} sentences. Every other table points to one of them by sentence_id.")
    paragraphs = sentences["paragraph_id"].nunique()
    if answer == paragraphs:
        return Feedback(False, f"{answer} is the number of paragraphs; a paragraph can hold several sentences.")
    return Feedback(False, f"Not quite: {answer} is {'too many' if answer > right else 'too few'}. "
                           "Count the rows of the `sentences` table.")


def most_mentioned(mentions: pd.DataFrame) -> list[str]:
    """Return the ids of the resolved actors mentioned most often (ties included)."""
    counts = mentions.dropna(subset=["actor_id"])["actor_id"].value_counts()
    return sorted(counts[counts == counts.max()].index) if len(counts) else []


def check_most_mentioned(answer: object, mentions: pd.DataFrame) -> Feedback:
    """Check the actor_id of the actor mentioned most often in one article."""
    if (missing := _missing(answer)) is not None:
        return missing
    top = most_mentioned(mentions)
    counts = mentions.dropna(subset=["actor_id"])["actor_id"].value_counts()
    if answer in top:
        return Feedback(True, f"Right: {answer} is mentioned {counts[answer]} times.")
    if answer in counts:
        return Feedback(False, f"{answer} is mentioned {counts[answer]} times, but another actor is "
                               f"mentioned {counts.max()} times. Try `mentions['actor_id'].value_counts()`.")
    by_name = mentions.loc[mentions["actor_name"].str.lower() == str(answer).lower(), "actor_id"]
    if len(by_name):
        hint = " and it is the top one" if by_name.iloc[0] in top else ""
        return Feedback(False, f"'{answer}' is a name; the question asks for the actor_id "
                               f"('{by_name.iloc[0]}'{hint}).")
    return Feedback(False, f"No mention in this article resolves to '{answer}'. "
                           "Look at the `actor_id` column of `mentions`.")


def _as_date(answer: object) -> dt.date | None:
    """Return ``answer`` as a date if it is one or an ISO string, else None."""
    if isinstance(answer, dt.date):
        return answer
    try:
        return dt.date.fromisoformat(str(answer).strip())
    except ValueError:
        return None


def check_resolved_date(answer: object, timex: pd.Series, published: dt.date) -> Feedback:
    """Check the calendar date (or first day of the interval) a relative expression means."""
    if (missing := _missing(answer)) is not None:
        return missing
    given = _as_date(answer)
    if given is None:
        return Feedback(False, f"Write the date as 'YYYY-MM-DD' (got {answer!r}).")
    start, end = timex["start"], timex["end"]
    if start <= given <= end:
        span = "" if start == end else f" (the expression covers {start} to {end})"
        return Feedback(True, f"Right: '{timex['text']}' means {timex['value']}{span}.")
    if given == published:
        return Feedback(False, "That is the publication date itself; the text points to a day before it. "
                               "Count back from the publication date.")
    if given > published:
        return Feedback(False, "That date is after the article was published; news reports look back.")
    return Feedback(False, f"Not quite. The article was published on {published:%A %Y-%m-%d}; "
                           f"which '{timex['text']}' comes closest before it?")


def check_figure(value: object, source: object, figures: pd.DataFrame, kind: str = "killed") -> Feedback:
    """Check a figure of ``kind`` (its number) and who the article attributes it to.

    Only figures that are not part of another ("At least 19 of them") count as answers:
    the question asks for a total.
    """
    if value is None or source is None:
        return Feedback(False, NO_ANSWER)
    rows = figures[(figures["kind"] == kind) & figures["part_of"].isna()]
    if rows.empty:
        return Feedback(False, f"This article states no '{kind}' figure; choose another article.")
    exact = rows[rows["value_low"] == value] if isinstance(value, int | float) else rows.iloc[:0]
    for row in (exact if len(exact) else rows).itertuples():
        high = row.value_high if pd.notna(row.value_high) else float("inf")
        if isinstance(value, int | float) and row.value_low <= value <= high:
            reported = str(row.source) if pd.notna(row.source) else ""
            if not reported:
                return Feedback(bool(str(source).strip().lower() in ("", "none", "the article")),
                                f"The number is right ({row.text!r}), and the article gives it on its own "
                                "authority: no source is named.")
            words = {w for w in str(source).lower().split() if len(w) > 3}
            if words & set(reported.lower().split()):
                return Feedback(True, f"Right: {row.text!r}, according to {reported}.")
            return Feedback(False, f"The number is right, but the article attributes it to {reported}.")
    texts = ", ".join(repr(t) for t in rows["text"])
    return Feedback(False, f"{value!r} is not one of the '{kind}' figures of this article ({texts}); "
                           "read the `figures` table, or the sentence it points to.")
