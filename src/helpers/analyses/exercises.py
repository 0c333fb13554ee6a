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

from helpers.analyses.mentions import actor_mentions
from helpers.analyses.overview import date_label

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


def as_number(answer: object) -> float | None:
    """Return ``answer`` as a number: a number, or text such as ``"34"`` or ``"1,400"``; else None.

    >>> as_number("34"), as_number(" 1,400 "), as_number(19.0), as_number(True), as_number("many")
    (34.0, 1400.0, 19.0, None, None)
    """
    if isinstance(answer, bool):
        return None
    if isinstance(answer, int | float):
        return float(answer)
    text = str(answer).strip().replace(",", "").replace("\u202f", "")
    try:
        return float(text)
    except ValueError:
        return None


def check_sentence_count(answer: object, sentences: pd.DataFrame) -> Feedback:
    """Check the number of sentences of one article's ``sentences`` table."""
    if (missing := _missing(answer)) is not None:
        return missing
    right = len(sentences)
    number = as_number(answer)
    if number is None or not float(number).is_integer():
        return Feedback(False, f"Give a whole number, not {answer!r}. Count the rows, or try `len(sentences)`.")
    answer = int(number)
    if answer == right:
        return Feedback(True, f"Right: {right} sentences. Every other table points to one of them by sentence_id.")
    paragraphs = sentences["paragraph_id"].nunique()
    if answer == paragraphs:
        return Feedback(False, f"{answer} is the number of paragraphs; a paragraph can hold several sentences.")
    return Feedback(False, f"Not quite: {answer} is {'too many' if answer > right else 'too few'}. "
                           "Count the rows of the `sentences` table.")


def mention_counts(mentions: pd.DataFrame) -> pd.Series:
    """Return how often each actor is mentioned, registry actors by id and other names by their key."""
    return actor_mentions(mentions)["actor_id"].value_counts()


def most_mentioned(mentions: pd.DataFrame) -> list[str]:
    """Return the ids of the actors mentioned most often (ties included)."""
    counts = mention_counts(mentions)
    return sorted(counts[counts == counts.max()].index) if len(counts) else []


def most_mentioned_question(mentions: pd.DataFrame) -> str:
    """Return the question of the most-mentioned exercise, saying whether several actors tie."""
    top = most_mentioned(mentions)
    if not top:
        return "This article names no actor, so this exercise has no answer here: choose another article_id."
    question = "Which actor is mentioned most often in this article? Give its actor_id."
    if len(top) > 1:
        question += f" Careful: {len(top)} actors tie for first place; any one of them is a right answer."
    return question


def check_most_mentioned(answer: object, mentions: pd.DataFrame) -> Feedback:
    """Check the actor_id of the actor mentioned most often in one article (any of several that tie)."""
    if (missing := _missing(answer)) is not None:
        return missing
    top = most_mentioned(mentions)
    counts = mention_counts(mentions)
    if answer in top:
        others = [a for a in top if a != answer]
        tie = f" It ties with {', '.join(others)}, mentioned as often." if others else ""
        return Feedback(True, f"Right: {answer} is mentioned {counts[answer]} times.{tie}")
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


def check_resolved_date(answer: object, timex: pd.Series | None, published: dt.date,
                        precision: str = "day") -> Feedback:
    """Check the calendar date (or first day of the interval) a relative expression means.

    ``precision`` is how precisely the publication date is known (day, month or year).
    """
    if timex is None:
        return Feedback(False, "This article has no date expression to resolve; choose another article_id.")
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
    when = date_label(published, precision, weekday=True)
    on = "on" if precision == "day" else "in"
    return Feedback(False, f"Not quite. The article was published {on} {when}; "
                           f"which '{timex['text']}' comes closest before it?")


def check_figure(value: object, source: object, figures: pd.DataFrame, kind: str = "killed") -> Feedback:
    """Check a figure of ``kind`` (its number, or text such as ``"34"``) and who the article attributes it to.

    Any figure of that kind in the table counts; one that is part of another ("At least
    19 of them") is accepted with a word on the total it belongs to.
    """
    if value is None or source is None:
        return Feedback(False, NO_ANSWER)
    rows = figures[figures["kind"] == kind]
    if rows.empty:
        return Feedback(False, f"This article states no '{kind}' figure; choose another article.")
    number = as_number(value)
    match = _matching_figure(rows, number)
    if match is None:
        texts = ", ".join(repr(t) for t in rows["text"])
        return Feedback(False, f"{value!r} is not one of the '{kind}' figures of this article ({texts}); "
                               "read the `figures` table, or the sentence it points to.")
    part = ""
    if pd.notna(match["part_of"]):
        whole = figures.loc[figures["figure_id"] == match["part_of"], "text"]
        total = f" ({whole.iloc[0]!r})" if len(whole) else ""
        part = f" It is part of a larger figure{total}: the article's total is that one."
    return _check_source(source, match, part)


def _matching_figure(rows: pd.DataFrame, number: float | None) -> pd.Series | None:
    """Return the figure whose range holds ``number`` (an exact value first), or None."""
    if number is None:
        return None
    exact = rows[rows["value_low"] == number]
    for _, row in (pd.concat([exact, rows]) if len(exact) else rows).iterrows():
        high = row["value_high"] if pd.notna(row["value_high"]) else float("inf")
        if pd.notna(row["value_low"]) and row["value_low"] <= number <= high:
            return row
    return None


def _check_source(source: object, figure: pd.Series, part: str) -> Feedback:
    """Check who the student says reported ``figure`` against the source the article gives."""
    reported = str(figure["source"]) if pd.notna(figure["source"]) else ""
    if not reported:
        return Feedback(str(source).strip().lower() in ("", "none", "the article", "the outlet"),
                        f"The number is right ({figure['text']!r}), and the article gives it on its own "
                        f"authority: no source is named.{part}")
    words = {w for w in str(source).lower().split() if len(w) > 3}
    if words & set(reported.lower().split()):
        return Feedback(True, f"Right: {figure['text']!r}, according to {reported}.{part}")
    return Feedback(False, f"The number is right, but the article attributes it to {reported}.{part}")
