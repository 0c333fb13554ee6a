"""Chart cases from issue 16 and the scale of real corpora: odd dates, dollar signs, long names, many articles."""

from __future__ import annotations

import dataclasses
import datetime as dt

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from helpers.analyses import comparison as compare
from helpers.analyses import overview
from helpers.charts import figures as figure_charts
from helpers.charts.base import LABEL_CHARS
from helpers.charts.overview import MARKS_UP_TO, publication_chart, words_chart_static
from helpers.charts.prose import md


@pytest.fixture()
def articles(seed_tables) -> pd.DataFrame:
    return seed_tables["articles"].copy()


def _draw(figure) -> list[str]:
    """Render a matplotlib figure (as savefig does) and return every tick label's text."""
    figure.canvas.draw()
    return [t.get_text() for ax in figure.axes for t in ax.get_xticklabels() + ax.get_yticklabels()]


def test_a_publication_date_of_9999_12_31_is_a_problem_not_a_crash(articles):
    articles.loc[0, ["published", "published_precision"]] = [dt.date(9999, 12, 31), "day"]
    articles.loc[1, ["published", "published_precision"]] = [dt.date(9999, 12, 1), "month"]
    fig = publication_chart(articles)
    drawn = [x for trace in fig.data for x in trace.x]
    assert all(x.year < 9999 for x in drawn) and "2 without a usable date left out" in fig.layout.title.text
    problems = overview.article_problems(articles, [])
    assert problems["problem"].str.contains("after today").sum() == 2
    assert "9999" not in " ".join(overview.corpus_sentences(articles))


def test_dollar_signs_in_places_and_sources_are_text_for_matplotlib(seed_tables):
    figures = seed_tables["figures"].copy()
    figures["source"] = "the Fund of $10{ and $20"  # unbalanced brace: invalid mathematics
    figures["source_actor_id"] = None
    figures["location"] = "Port $A{ and $B"
    tables = {**seed_tables, "figures": figures}
    reported = compare.reported_figures(tables)
    figure = figure_charts.range_chart_static(reported)
    figure.savefig("/dev/null", format="png")  # mathtext raises ValueError on "$10{ and $"
    legend = [t.get_text() for t in figure.legends[0].get_texts()]
    assert any("Fund of \\$10{ and \\$20" in text for text in legend)
    plt.close(figure)


def test_an_outlet_name_of_3000_characters_is_cut_in_labels_and_kept_in_the_hover(articles):
    long_name = "The " + "Very " * 600 + "Long Gazette"
    articles["outlet"] = long_name
    fig = publication_chart(articles)
    labels = {y for trace in fig.data for y in trace.y}
    assert labels and all(len(label) <= LABEL_CHARS for label in labels)
    assert any(long_name[:500] in " ".join(str(h).replace("<br>", " ").split()) for trace in fig.data
               for h in [trace.hovertext])
    assert fig.layout.height < 400
    static = words_chart_static(articles)
    assert all(len(label) <= 2 * LABEL_CHARS for label in _draw(static))
    assert static.get_size_inches()[1] < 6


def test_many_articles_are_counted_per_period_by_the_busiest_outlets(articles):
    many = pd.concat([articles.assign(article_id=lambda f, k=k: f["article_id"] + f"-{k}",
                                      outlet=f"outlet {k % 12}") for k in range(30)], ignore_index=True)
    assert len(many) > MARKS_UP_TO
    fig = publication_chart(many)
    assert {trace.type for trace in fig.data} == {"bar"}
    assert len(fig.data) <= 9 and "other outlets" in {trace.name for trace in fig.data}
    assert sum(sum(trace.y) for trace in fig.data) == len(many)
    assert words_chart_static(many).axes[0].get_ylabel() == "articles"  # a histogram, not 150 bars


def test_undated_articles_and_articles_without_outlet_are_listed_once(articles):
    articles.loc[0, "published"] = None
    articles.loc[1, "outlet"] = None
    problems = overview.article_problems(articles, [])
    assert list(problems["article_id"]) == [articles.loc[0, "article_id"], articles.loc[1, "article_id"]]
    assert problems["problem"].str.startswith(("no publication date", "no outlet")).all()
    sentences = " ".join(overview.corpus_sentences(articles))
    assert "1 article has no usable publication date" in sentences and "1 article name no outlet" not in sentences


def test_a_corpus_without_any_outlet_says_so_in_one_row(articles):
    """Reuters stories name no outlet: one problem row for the corpus, not one per article."""
    articles["outlet"] = None
    problems = overview.article_problems(articles, [])
    assert list(problems["article_id"]) == [f"(all {len(articles)} articles)"]
    first = overview.corpus_sentences(articles)[0]
    assert first == f"The corpus holds {len(articles)} articles; none names its outlet."


def test_dollar_signs_in_computed_markdown_are_not_mathematics():
    """A sentence quoting "$10 million ... $5" must not be typeset by MathJax in the report."""
    assert md("paid $10 million and $5") == r"paid \$10 million and \$5"


def test_a_corpus_with_no_usable_date_says_so_on_the_publication_chart(articles):
    articles["published"] = None
    fig = publication_chart(articles)
    assert "(5 without a usable date left out)" in fig.layout.title.text
    assert [a.text for a in fig.layout.annotations] == [
        "No article has a usable publication date, so none can be placed in time."]


def test_computed_sentences_count_one_thing_in_the_singular(seed_tables):
    """A one-article corpus must not read "1 articles", "1 actors" or "1 pairs share"."""
    from helpers.analyses import cooccurrence as co_analysis
    from helpers.analyses import timeline as timeline_analysis

    one = seed_tables["articles"].head(1)
    assert overview.corpus_sentences(one)[0].startswith("The corpus holds 1 article from 1 outlet.")
    co = co_analysis.cooccurrence(seed_tables, window="article", min_count=1)
    single = dataclasses.replace(co, nodes=co.nodes.head(1), pairs=co.pairs.head(1))
    first = co_analysis.summary_sentences(single, min_count=1)[0]
    assert first.startswith("1 actor counted over ") and "1 pair shares at least 1 article." in first
    assert "one actor only" in co_analysis.no_pairs_sentence(single, min_count=2)
    event = pd.DataFrame({"article_id": ["a"], "status": ["news"], "is_point": [True]})
    sentence = timeline_analysis.timeline_sentences(event, event)[0]
    assert sentence.startswith("1 event in 1 article matches the parameters")


def test_articles_of_one_day_are_shown_on_a_week_of_day_ticks_not_in_seconds(articles):
    articles["published"] = dt.date(2023, 10, 9)
    articles["published_precision"] = "day"
    axis = publication_chart(articles).layout.xaxis
    assert axis.dtick == 86_400_000 and axis.tickformat == "%d %b %Y"
    start, end = (pd.Timestamp(x) for x in axis.range)
    assert start < pd.Timestamp("2023-10-09") < end and end - start == pd.Timedelta(days=7)


def test_articles_over_months_keep_plotlys_own_date_ticks(articles):
    assert publication_chart(articles).layout.xaxis.dtick is None
