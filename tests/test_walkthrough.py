"""The walkthrough runs, follows any corpus's first article, and its exercises accept the right answers."""

import pytest
from testbook import testbook

from checkout import NOTEBOOKS_DIR, SEEDS_DIR
from helpers.analyses import walkthrough

NOTEBOOK = NOTEBOOKS_DIR / "00_walkthrough.ipynb"
SECOND = SEEDS_DIR.parent / "tests" / "data" / "second_corpus"


@pytest.fixture(scope="module")
def tb():
    with testbook(NOTEBOOK, execute=True, timeout=120) as notebook:
        yield notebook


def _tables_of(seed_tables, article_id):
    return {name: frame[frame["article_id"] == article_id].reset_index(drop=True)
            for name, frame in seed_tables.items() if "article_id" in frame.columns}


def test_walkthrough_state(tb):
    assert tb.value("article_id") == "000_4ef09cb68f00dbdb"  # the parameter is empty: the first article
    assert tb.value("len(sentences)") == tb.value("int(article['n_sentences'])") > 10
    assert tb.value("sorted(set(tables['mentions']['article_id']))") == ["000_4ef09cb68f00dbdb"]
    assert tb.value("question['text']") == "Monday evening"


def test_exercise_1_shows_every_sentence_it_asks_to_count(tb):
    """Issue 12: the notebook showed six sentences, said "count by hand", then rejected 6."""
    assert tb.value("len(sentence_table)") == tb.value("len(sentences)")
    assert tb.value("bool(exercises.check_sentence_count(len(sentence_table), sentences))") is True


def test_exercises_accept_right_answers_in_the_notebook(tb):
    tb.inject("answer_1 = len(sentences)")
    assert tb.value("bool(exercises.check_sentence_count(answer_1, sentences))") is True
    tb.inject("answer_2 = exercises.most_mentioned(mentions)[-1]")  # any of a tie
    assert tb.value("bool(exercises.check_most_mentioned(answer_2, mentions))") is True
    tb.inject("answer_3 = '2019-11-18'")
    assert tb.value("bool(exercises.check_resolved_date(answer_3, question, article['published']))") is True
    tb.inject("answer_4_value, answer_4_source = '34', 'Hamas-run Health Ministry'")
    assert tb.value("bool(exercises.check_figure(answer_4_value, answer_4_source, figures))") is True
    tb.inject("answer_4_value, answer_4_source = 19, 'the article'")  # "At least 19 ... killed" is in the table
    assert tb.value("bool(exercises.check_figure(answer_4_value, answer_4_source, figures))") is True


def test_the_first_article_of_any_corpus_is_followed_by_default():
    """Issue 12: the default article_id was a seed article, so the walkthrough failed on every other corpus."""
    with testbook(NOTEBOOK, execute=False) as notebook:
        notebook.inject(f"article_id, corpus, registry = '', {str(SECOND)!r}, ''", pop=True)
        notebook.execute_cell(list(range(3, len(notebook.cells))))
        followed = notebook.value("article_id")
        assert followed == notebook.value("sorted(result.tables['articles']['article_id'])[0]")
        assert followed != "000_4ef09cb68f00dbdb"
        assert notebook.value("len(sentences)") > 0


def test_an_unknown_article_id_names_the_ones_to_choose(seed_tables):
    with pytest.raises(ValueError, match="not in this corpus; choose one of: 000_4ef09cb68f00dbdb"):
        walkthrough.choose_article(seed_tables["articles"], "no_such_article")
    assert walkthrough.choose_article(seed_tables["articles"], "") == "000_4ef09cb68f00dbdb"


def test_the_reveal_lists_only_lines_the_predict_step_showed(seed_tables):
    """Issue 12: for article 001 the reveal listed dropped lines (to line 40) that the first 12 lines did not show."""
    article_id = "001_a098baaa83fdfc15"
    tables = _tables_of(seed_tables, article_id)
    preview = walkthrough.raw_preview(SEEDS_DIR, tables["articles"].iloc[0], tables["dropped_lines"],
                                      seed_tables["articles"])
    assert preview.from_file and len(preview.lines) == walkthrough.PREVIEW_LINES
    assert (preview.dropped_shown["line_no"] <= len(preview.lines)).all()
    assert preview.dropped_below == int((tables["dropped_lines"]["line_no"] > len(preview.lines)).sum()) > 0
    assert f"{preview.dropped_below} more line(s) further down" in walkthrough.dropped_note(preview)
    for line in preview.dropped_shown["text"]:  # every listed line is one the student saw
        assert any(line.strip()[:30] in shown for shown in preview.lines)


def test_a_month_date_is_shown_as_a_month_and_the_date_source_as_the_catalogue_says(seed_tables):
    """Issue 12: "Tuesday 2015-12-01" for a date known only to the month; 002's date source contradicted the prose."""
    article = seed_tables["articles"].set_index("article_id")
    month = walkthrough.publication_note(article.loc["001_a098baaa83fdfc15"].to_dict() | {"article_id": "001"})
    assert "in December 2015 (known only to the month" in month and "Tuesday" not in month
    day = walkthrough.publication_note(article.loc["002_6d250f261c3eb90a"].to_dict() | {"article_id": "002"})
    assert day.startswith("Published on 30 August 2016 (known to the day; from an estimate")
    question = walkthrough.date_question({"text": "Monday"}, article.loc["001_a098baaa83fdfc15"])
    assert question.endswith("published in December 2015.")


def test_the_worked_examples_of_source_criticism_come_from_the_tools_own_output(seed_tables):
    doubtful = walkthrough.ambiguous_attributions(seed_tables["figures"], seed_tables["sentences"])
    assert len(doubtful) and doubtful["why"].notna().all()
    example = walkthrough.attribution_example(doubtful.iloc[0])
    assert doubtful.iloc[0]["text"] in example[1] and doubtful.iloc[0]["article_id"] in example[0]
    pronouns = walkthrough.pronoun_quotes(seed_tables["quotes"])
    assert len(pronouns) and set(pronouns["speaker"].str.lower()) <= set(walkthrough.PRONOUNS)
    first = pronouns.iloc[0]
    pronoun = first["speaker"].lower()
    text = " ".join(walkthrough.pronoun_example(first, seed_tables["actors"]))
    assert f"'{pronoun} " in text and f"decided that '{pronoun}' is" in text
    assert "no quote" in walkthrough.pronoun_example(None, seed_tables["actors"])[0].lower()
