"""The walkthrough's exercise checks accept right answers and explain wrong ones."""

import datetime as dt

import pandas as pd
import pytest

from helpers.analyses import exercises

ARTICLE = "000_4ef09cb68f00dbdb"


@pytest.fixture(scope="module")
def article_tables(seed_tables):
    return {name: frame[frame["article_id"] == ARTICLE].reset_index(drop=True)
            for name, frame in seed_tables.items() if "article_id" in frame.columns}


def test_no_answer_yet_is_friendly(article_tables):
    feedback = exercises.check_sentence_count(None, article_tables["sentences"])
    assert not feedback and "replace `None`" in feedback.message


def test_sentence_count(article_tables):
    sentences = article_tables["sentences"]
    assert exercises.check_sentence_count(len(sentences), sentences)
    paragraphs = exercises.check_sentence_count(sentences["paragraph_id"].nunique(), sentences)
    assert not paragraphs and "paragraphs" in paragraphs.message
    assert "too many" in exercises.check_sentence_count(len(sentences) + 5, sentences).message
    assert "whole number" in exercises.check_sentence_count("sixteen", sentences).message


def test_sentence_count_accepts_the_number_written_as_text(article_tables):
    sentences = article_tables["sentences"]
    assert exercises.check_sentence_count(str(len(sentences)), sentences)


def test_most_mentioned_actor(article_tables):
    mentions = article_tables["mentions"]
    top = exercises.most_mentioned(mentions)
    assert "hamas" in top
    assert exercises.check_most_mentioned("hamas", mentions)
    by_name = exercises.check_most_mentioned("Hamas", mentions)
    assert not by_name and "actor_id" in by_name.message
    other = exercises.check_most_mentioned("israel", mentions)
    assert not other and "another actor is mentioned" in other.message
    assert "No mention" in exercises.check_most_mentioned("atlantis", mentions).message


def test_resolved_date_of_monday_evening(article_tables):
    timexes = article_tables["timexes"]
    monday = timexes[timexes["text"] == "Monday evening"].iloc[0]
    published = dt.date(2019, 11, 19)
    assert exercises.check_resolved_date("2019-11-18", monday, published)
    assert exercises.check_resolved_date(dt.date(2019, 11, 18), monday, published)
    same_day = exercises.check_resolved_date("2019-11-19", monday, published)
    assert not same_day and "publication date itself" in same_day.message
    assert "after the article was published" in exercises.check_resolved_date("2019-11-25", monday, published).message
    assert "YYYY-MM-DD" in exercises.check_resolved_date("Monday", monday, published).message
    week = timexes[timexes["text"] == "last week"].iloc[0]
    assert exercises.check_resolved_date("2019-11-13", week, published)


def test_a_tie_for_most_mentioned_is_said_and_either_answer_is_right(article_tables):
    mentions = article_tables["mentions"]
    counts = exercises.mention_counts(mentions)
    top, second = counts.index[0], counts.index[1]
    extra = mentions[mentions["actor_id"] == second].head(counts[top] - counts[second])
    tied = pd.concat([mentions, extra], ignore_index=True)  # the second actor now ties with the first
    assert exercises.most_mentioned(tied) == sorted([top, second])
    assert "2 actors tie for first place" in exercises.most_mentioned_question(tied)
    for answer in (top, second):
        feedback = exercises.check_most_mentioned(answer, tied)
        assert feedback and "ties with" in feedback.message
    assert "tie" not in exercises.most_mentioned_question(mentions) or len(exercises.most_mentioned(mentions)) > 1


def test_names_the_registry_does_not_know_count_as_actors(article_tables):
    unknown = article_tables["mentions"].assign(actor_id=None, actor_name=None)
    top = exercises.most_mentioned(unknown)
    assert top and all(a.startswith("name:") for a in top)
    assert exercises.check_most_mentioned(top[0], unknown)


def test_month_precision_publication_is_said_as_a_month(article_tables):
    timexes = article_tables["timexes"]
    monday = timexes[timexes["text"] == "Monday evening"].iloc[0]
    feedback = exercises.check_resolved_date("2015-11-02", monday, dt.date(2015, 12, 1), precision="month")
    assert "in December 2015" in feedback.message and "Tuesday" not in feedback.message


def test_a_part_of_the_total_is_accepted_and_the_total_named(article_tables):
    """The figures table lists "At least 19" killed: answering 19 is not wrong."""
    figures = article_tables["figures"]
    nineteen = exercises.check_figure(19, "the article", figures)
    assert nineteen and "part of a larger figure ('Thirty-four')" in nineteen.message
    assert exercises.check_figure("34", "the Hamas-run Health Ministry", figures)
    assert exercises.check_figure(" 34 ", "health ministry", figures)


def test_killed_figure_and_its_source(article_tables):
    figures = article_tables["figures"]
    assert exercises.check_figure(34, "the Hamas-run Health Ministry", figures)
    assert exercises.check_figure(34, "health ministry", figures)
    wrong_source = exercises.check_figure(34, "the Israeli army", figures)
    assert not wrong_source and "attributes it to the Hamas-run Health Ministry" in wrong_source.message
    wrong_number = exercises.check_figure(109, "the Hamas-run Health Ministry", figures)
    assert not wrong_number and "'Thirty-four'" in wrong_number.message


def test_feedback_is_escaped():
    feedback = exercises.Feedback(False, "<script>alert(1)</script>")
    assert "<script>" not in feedback._repr_markdown_()
