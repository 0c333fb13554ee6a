"""The unseen gold set: it materialises from ../shared, its gold files hold together, and the
scoring rules of helpers.evaluation.unseen behave on small made-up tables.

No test here asserts what the extractors score on the set (see tests/gold/unseen/README.md).
"""

from __future__ import annotations

import doctest
import re
import sys

import pandas as pd
import pytest

from checkout import PROJECT_ROOT
from helpers.evaluation import unseen as scoring
from helpers.evaluation.scoring import read_gold
from helpers.extract.registry import load_registry
from helpers.vocab import ACTOR_TYPES, FIGURE_KINDS, QUALIFIERS

if str(PROJECT_ROOT) not in sys.path:  # the benchmarks package sits beside tests/
    sys.path.insert(0, str(PROJECT_ROOT))

from benchmarks import unseen  # noqa: E402

GOLD = unseen.GOLD_DIR
MIN_QUOTE_START = 25


@pytest.fixture(scope="module")
def documents() -> pd.DataFrame:
    return read_gold(GOLD, "documents.csv")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, documents) -> dict[str, str]:
    """The materialised set: article id -> text of its file."""
    folder = tmp_path_factory.mktemp("unseen")
    unseen.materialise(folder)
    return {path.stem: path.read_text(encoding="utf-8") for path in folder.glob("*.txt")}


@pytest.fixture(scope="module")
def bodies(corpus) -> dict[str, str]:
    """Each article's text under its headline (what the gold annotates)."""
    return {article_id: text.split("\n\n", 1)[1] for article_id, text in corpus.items()}


@pytest.fixture(scope="module")
def gold() -> dict[str, pd.DataFrame]:
    return {name: read_gold(GOLD, f"{name}.csv") for name in ("actors", "quotes", "figures")}


# --- the set materialises ----------------------------------------------------------------------

def test_the_set_has_enough_articles_of_each_topic(documents):
    topics = documents["topic"].value_counts()
    assert set(topics.index) == {"middle_east", "other_conflict"}
    assert topics["middle_east"] >= 8 and topics["other_conflict"] >= 4
    assert documents["article_id"].is_unique
    assert not documents["source"].str.contains("test").any(), "the CoNLL test split is another benchmark's"


def test_every_article_materialises_with_its_catalogue(tmp_path, documents):
    rows = unseen.materialise(tmp_path)
    assert [r["article_id"] for r in rows] == list(documents["article_id"])
    catalog = pd.read_csv(tmp_path / "catalog.csv", dtype=str)
    assert list(catalog["article_id"]) == list(documents["article_id"])
    assert set(catalog["outlet"]) == {"Reuters"}
    assert list(catalog["published"]) == list(documents["published"])
    assert {p.stem for p in tmp_path.glob("*.txt")} == set(documents["article_id"])


def test_materialised_text_reads_as_written_text(corpus, documents):
    for row in documents.itertuples():
        text = corpus[row.article_id]
        assert text.startswith(row.headline + "\n\n"), row.article_id
        assert row.published in text or row.source.startswith("reuters21578/"), row.article_id
        assert "`" not in text and "''" not in text, row.article_id
        assert not re.search(r" [,;:?!)%]| \.(?!\.)| 's\b| n't\b|\( |\$ \d", text), (row.article_id, text)
        paragraphs = text.split("\n\n")
        for paragraph, following in zip(paragraphs, [*paragraphs[1:], ""], strict=True):
            assert not re.search(r'^" |(?<=[\s(])" (?=\w)', paragraph), (row.article_id, paragraph)
            # a quote left open goes on in the next paragraph, which reopens it (the wire's convention)
            assert paragraph.count('"') % 2 == 0 or following.startswith('"') or paragraph.startswith('"'), \
                (row.article_id, paragraph)


def test_detokeniser_doctests_pass():
    assert doctest.testmod(unseen).failed == 0


def test_unknown_source_is_named_with_the_article():
    with pytest.raises(ValueError, match="x1: unknown source 'elsewhere'"):
        unseen.load_article({"article_id": "x1", "source": "elsewhere", "locator": "3"})


# --- the gold holds together -------------------------------------------------------------------

def test_gold_files_cover_only_documented_articles(gold, documents):
    known = set(documents["article_id"])
    for name, frame in gold.items():
        assert set(frame["article_id"]) <= known, name
    assert set(gold["actors"]["article_id"]) == known


def test_actors_have_vocabulary_types_and_real_registry_ids(gold):
    actors = gold["actors"]
    registry = load_registry()
    assert set(actors["type"]) <= set(ACTOR_TYPES) - {"place"}
    ids = set(actors["registry_id"]) - {""}
    assert ids <= set(registry.actors), ids - set(registry.actors)
    assert not actors.duplicated(["article_id", "name"]).any()
    for row in actors[actors["registry_id"] != ""].itertuples():
        assert registry.actors[row.registry_id].name == row.name, row


def test_every_form_occurs_in_its_article(gold, bodies):
    for row in gold["actors"].itertuples():
        forms = row.forms.split("|")
        assert all(forms), row
        for form in forms:
            assert re.search(rf"(?<!\w){re.escape(form)}(?!\w)", bodies[row.article_id]), (row.article_id, form)


def test_every_quote_speaker_is_an_actor_of_its_article(gold):
    names = set(zip(gold["actors"]["article_id"], gold["actors"]["name"], strict=True))
    for row in gold["quotes"].itertuples():
        assert row.kind in ("direct", "reported"), row
        assert not row.speaker or (row.article_id, row.speaker) in names, row


def test_every_quote_start_is_in_its_article_and_long_enough(gold, bodies):
    for row in gold["quotes"].itertuples():
        body = bodies[row.article_id]
        at = body.find(row.quote_start)
        assert at >= 0, row
        after = body[at + len(row.quote_start):][:1]
        assert len(row.quote_start) >= MIN_QUOTE_START or after in '".,', row
        if row.kind == "direct":
            assert body[at - 1] in '"(', row


def test_figures_use_the_vocabularies_and_name_their_wholes(gold, bodies):
    figures = gold["figures"]
    assert set(figures["kind"]) <= set(FIGURE_KINDS)
    assert set(figures["qualifier"]) <= set(QUALIFIERS)
    for row in figures.itertuples():
        assert row.text in bodies[row.article_id], row
        low = float(row.value_low)
        assert row.value_high == "" or float(row.value_high) >= low, row
        assert (row.value_high == "") == (row.qualifier in ("at_least", "more_than")), row
        assert not row.part_of_text or row.part_of_text in set(figures[figures["article_id"] == row.article_id]["text"])
        assert not row.source or row.source in bodies[row.article_id], row


# --- the scoring rules, on made-up tables ------------------------------------------------------------

def _tables(mentions: list[tuple], quotes: list[tuple] = (), body: str = "Headline\n\nBody.") -> dict:
    """Build the tables the scorer reads for one article ``a1``."""
    columns = ["article_id", "start_char", "text", "actor_id", "actor_name", "actor_type"]
    return {
        "articles": pd.DataFrame({"article_id": ["a1"], "body": [body]}),
        "mentions": pd.DataFrame([("a1", *m) for m in mentions], columns=columns),
        "quotes": pd.DataFrame([("a1", *q) for q in quotes],
                               columns=["article_id", "start_char", "text", "speaker", "speaker_actor_id"]),
        "figures": pd.DataFrame(columns=["figure_id", "article_id", "start_char", "text", "kind", "value_low",
                                         "value_high", "qualifier", "victims", "location", "per", "source",
                                         "part_of"]),
    }


@pytest.fixture
def gold_dir(tmp_path):
    (tmp_path / "documents.csv").write_text(
        "article_id,source,locator,topic,published,headline\na1,x,0,middle_east,1996-08-30,Headline\n")
    (tmp_path / "actors.csv").write_text(
        "# made up\narticle_id,name,type,registry_id,forms,note\n"
        "a1,Yasser Arafat,person,,Yasser Arafat|Arafat,\n"
        "a1,Israel,state,israel,Israel|Israeli government,\n"
        "a1,Kamil Jamil,person,,Kamil Jamil|Jamil,\n")
    (tmp_path / "quotes.csv").write_text(
        "article_id,quote_start,speaker,kind,note\n"
        "a1,Go home. There are no prayers today,,direct,\n"
        "a1,I am heeding Abu Ammar's call to pray,Kamil Jamil,direct,\n"
        "a1,the moves were tantamount to war,Yasser Arafat,reported,\n")
    (tmp_path / "figures.csv").write_text(
        "article_id,text,kind,value_low,value_high,qualifier,unit,per,victims,location,source,part_of_text,note\n")
    return tmp_path


def _score(scores: pd.DataFrame, table: str, level: str) -> pd.Series:
    return scores[(scores["topic"] == "all") & (scores["table"] == table) & (scores["level"] == level)].iloc[0]


def test_actors_match_by_registry_id_or_by_form(gold_dir):
    tables = _tables([(20, "the Tel Aviv government", "israel", "Israel", "state"),
                      (30, "Arafat’s", None, None, "PERSON"),
                      (40, "Jerusalem", None, None, "GPE"),
                      (50, "Hamas", "hamas", "Hamas", "organization")])
    actors = _score(scoring.evaluate_unseen(tables, gold_dir), "actors", "detection")
    assert (actors["n_predicted"], actors["n_gold"]) == (3, 3)  # the GPE is not counted
    assert actors["precision"] == pytest.approx(2 / 3, abs=1e-4) and actors["recall"] == pytest.approx(2 / 3, abs=1e-4)


def test_an_actor_split_in_two_counts_once_and_linked_counts_ids(gold_dir):
    tables = _tables([(20, "Yasser Arafat", None, None, "PERSON"), (30, "Arafat", None, None, "PERSON"),
                      (40, "Israel", "israel", "Israel", "state")])
    scores = scoring.evaluate_unseen(tables, gold_dir)
    actors = _score(scores, "actors", "detection")
    assert (actors["n_predicted"], actors["precision"]) == (3, pytest.approx(2 / 3, abs=1e-4))
    assert _score(scores, "actors", "linked")["share"] == pytest.approx(1 / 3, abs=1e-4)


def test_predictions_in_a_kept_headline_are_not_scored(gold_dir):
    tables = _tables([(0, "Headline", "x9", "Headline", "organization"), (20, "Israel", "israel", "Israel", "state")])
    actors = _score(scoring.evaluate_unseen(tables, gold_dir), "actors", "detection")
    assert (actors["n_predicted"], actors["precision"]) == (1, 1.0)


def test_speakers_are_right_through_generated_ids_phrases_or_both_empty(gold_dir):
    tables = _tables([(20, "Kamil Jamil", "gen_7", "Kamil Jamil", "person"), (60, "he", "gen_7", None, "person")],
                     [(30, "Go home. There are no prayers today", "an Israeli soldier", None),
                      (70, "I am heeding Abu Ammar's call to pray", "he", "gen_7"),
                      (90, "the moves were tantamount to war", "Jamil", None)])
    scores = scoring.evaluate_unseen(tables, gold_dir)
    assert _score(scores, "quotes", "detection")["recall"] == 1.0
    right = _score(scores, "quotes", "speaker right")
    assert (right["n_predicted"], right["n_gold"]) == (2, 3)
    assert _score(scores, "quotes", "detection reported")["recall"] == 1.0


def test_normalised_forms():
    assert scoring.normalise_form("  The Palestinian  Liberation Organisation’s") == \
        "palestinian liberation organisation"
    assert scoring.normalise_form("“Reuters”") == '"reuters"'


DEV_GOLDS = ("dev_actors", "dev_quotes", "dev_figures")


@pytest.mark.parametrize("dev_set", DEV_GOLDS)
def test_no_dev_story_is_an_unseen_story(documents, dev_set):
    """A dev gold, where rules are written, shares no article with the unseen set, where they are judged."""
    held_out = unseen.unseen_stories()
    assert len(held_out) == len(documents)
    dev = read_gold(GOLD.parent / dev_set, "documents.csv")
    dev_stories = set(zip(dev["source"], dev["locator"].astype(str), strict=True))
    assert not held_out & dev_stories, f"{dev_set} holds {len(held_out & dev_stories)} unseen stories"


def test_a_story_is_checked_without_showing_the_set(documents):
    """``--is-unseen`` answers UNSEEN for a story of the set and ok for a dev story, nothing more."""
    story = f"{documents['source'].iloc[0]}:{documents['locator'].iloc[0]}"
    answers = unseen.check_stories([story, "conll2003/train:9"])
    assert "UNSEEN" in answers[0] and answers[1] == "conll2003/train:9 ok"
