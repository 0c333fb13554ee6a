"""Actor rules measured on the second batch of the actors dev gold (CoNLL-2003 train sentences)."""

import datetime as dt

from helpers.corpus import Article
from helpers.corpus.cleaning import CleanArticle
from helpers.extract import actors
from helpers.extract.nlp import load_model
from helpers.extract.parsed import parse_article
from helpers.extract.registry import load_registry


def _mentions(text):
    paragraphs, position = [], 0
    for paragraph in text.split("\n"):
        paragraphs.append((position, position + len(paragraph)))
        position += len(paragraph) + 1
    article = Article(article_id="t", source_path="t.txt", clean=CleanArticle(text, paragraphs),
                      published=dt.date(1996, 8, 28), published_precision="day", author=None)
    return actors.extract_mentions(parse_article(article, load_model()(article.body)), load_registry())


def _actor_of(rows, text):
    return next((r["actor_id"], r["actor_name"], r["actor_type"]) for r in rows if r["text"] == text)


def test_a_sovereign_named_by_one_name_is_not_a_short_form_of_another_person():
    rows = _mentions("AMMAN 1996-08-23\n\nIbrahim's assistant, Hussein Khalaf, was expelled earlier this year for "
                     "similar reasons amid rising tension in bilateral ties after King Hussein began calling for "
                     "change in Baghdad following top Iraqi defections in August 1995.")
    khalaf, king = _actor_of(rows, "Hussein Khalaf"), _actor_of(rows, "Hussein")
    assert king[1] == "King Hussein" and king[0] != khalaf[0]


def test_a_company_named_short_after_its_full_name_is_the_company():
    rows = _mentions("LONDON 1996-08-28\n\nBritish bus and passenger rail operator Stagecoach Holdings Plc said on "
                     "Wednesday that its negotiations to acquire Swedish long distance bus operator Swebus AB were set "
                     "to lead to a signed agreement next week. Four weeks ago Stagecoach said it had agreed the deal.")
    ids = {r["actor_id"] for r in rows if r["text"].startswith("Stagecoach")}
    assert len(ids) == 1 and _actor_of(rows, "Stagecoach")[2] == "organization"


def test_a_two_word_demonym_and_a_count_before_an_institution():
    rows = _mentions("COLOMBO 1996-08-23\n\nThe Sri Lankan foreign ministry said in a statement the war went on. "
                     "Choudhury was appointed speaker of the 330-member parliament on July 13.")
    assert _actor_of(rows, "Sri Lankan foreign ministry")[1] == "Foreign Ministry (Sri Lanka)"
    assert "parliament" in {r["text"] for r in rows} and not any("member" in r["text"] for r in rows)


def test_a_jerusalem_dateline_makes_the_foreign_ministry_israel_s():
    rows = _mentions("JERUSALEM 1996-08-28\n\nIsraeli Foreign Minister David Levy will visit Egypt this Sunday for "
                     "talks with President Hosni Mubarak, the Foreign Ministry said on Wednesday.")
    assert "Israel" in _actor_of(rows, "Foreign Ministry")[1]


def test_an_abbreviation_after_a_possessive_and_a_newsroom_city():
    rows = _mentions("TOKYO 1996-08-28\n\nFinance Minister Wataru Kubo said the Bank of Japan's (BOJ) interest rate "
                     "policy has not changed. The BOJ released the tankan in the morning.\n\n"
                     "-- Stockholm newsroom, +46-8-700 1006")
    assert {r["actor_id"] for r in rows if r["text"] in ("Bank of Japan", "BOJ")} == {_actor_of(rows, "BOJ")[0]}
    assert _actor_of(rows, "Stockholm")[2] == "place"


def test_a_place_s_conjunct_a_company_suffix_and_a_conjunction_are_no_actors():
    rows = _mentions("ANKARA 1996-08-27\n\nThey told reporters a group of Kurdistan Workers Party (PKK) guerrillas "
                     "stopped the buses at a roadblock on the road linking the eastern provinces of Erzincan and "
                     "Sivas on Monday night and forced the passengers to get out.\n\nDaewoo Dacom Communications "
                     "(Poland) Ltd, which was set up with an initial investment of $1.0 million, is expected to have "
                     "sales of $60 million by the year 2000, a Daewoo statement said on Thursday.\n\nBelgian police "
                     "said an officer had visited Bratislava to talk with Slovak detectives about An and Eefje and "
                     "other disappearances, and he planned to go also to Prague.")
    texts = {r["text"] for r in rows}
    assert _actor_of(rows, "Sivas")[2] == "place"
    assert "Ltd" not in texts and not any(t.startswith("and ") for t in texts)


def test_a_person_taken_for_a_body_is_the_person_of_the_surname():
    rows = _mentions("BONN 1996-08-28\n\nOrganisers hope to persuade Britain's former Olympic 100 metres champion "
                     "Linford Christie to join a \"Dream Team\" sprint relay in a special tribute to Jesse Owens at "
                     "Friday's Berlin grand prix.\n\n\"Most of the Olympic champions of the past are coming including "
                     "Britain's (1980 champion) Allan Wells. Christie belongs to them. It would be great to have him "
                     "here.")
    christie = {(r["actor_id"], r["actor_type"]) for r in rows if "Christie" in r["text"]}
    assert christie == {("d:linford_christie", "person")}
