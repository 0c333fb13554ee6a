"""The walkthrough runs top to bottom and its exercises accept the right answers in place."""

import pytest
from testbook import testbook

from checkout import NOTEBOOKS_DIR

NOTEBOOK = NOTEBOOKS_DIR / "00_walkthrough.ipynb"


@pytest.fixture(scope="module")
def tb():
    with testbook(NOTEBOOK, execute=True, timeout=120) as notebook:
        yield notebook


def test_walkthrough_state(tb):
    assert tb.value("article_id") == "000_4ef09cb68f00dbdb"
    assert tb.value("len(sentences)") == tb.value("int(article['n_sentences'])") > 10
    assert tb.value("sorted(set(tables['mentions']['article_id']))") == ["000_4ef09cb68f00dbdb"]
    assert tb.value("question['text']") == "Monday evening"


def test_exercises_accept_right_answers_in_the_notebook(tb):
    tb.inject("answer_1 = len(sentences)")
    assert tb.value("bool(exercises.check_sentence_count(answer_1, sentences))") is True
    tb.inject("answer_2 = exercises.most_mentioned(mentions)[0]")
    assert tb.value("bool(exercises.check_most_mentioned(answer_2, mentions))") is True
    tb.inject("answer_3 = '2019-11-18'")
    assert tb.value("bool(exercises.check_resolved_date(answer_3, question, article['published']))") is True
    tb.inject("answer_4_value, answer_4_source = 34, 'Hamas-run Health Ministry'")
    assert tb.value("bool(exercises.check_figure(answer_4_value, answer_4_source, figures))") is True
