"""Casualty sentences, descriptors, the casualty model and the coverage analyses, on real text."""

import dataclasses
import json
import shutil
import sys
from pathlib import Path

import pandas as pd
import pytest

from checkout import PROJECT_ROOT, SHARED
from helpers.analyses import coverage
from helpers.charts import coverage as coverage_charts
from helpers.corpus import read_corpus
from helpers.corpus.config import CorpusConfigError, load_corpus_config
from helpers.extract import casualties, casualty_model
from helpers.extract.parties import PartyIndex, party
from helpers.extract.registry import load_registry
from helpers.pipeline.run import extract_corpus

#: Sentences from the shared Canadian and US casualty files (MIT), each a line of a test article; two ("An
#: additional four ...", "At least 12 UNRWA staff ...") from the UN OCHA flash updates
#: (../shared/corpora/ocha_flash_updates).
WIRE = """\
Hamas fighters killed at least 300 Israelis in clashes on Saturday.
More than 12,000 Palestinians have been killed by Israeli air strikes, according to Gaza health officials.
Seventeen of his friends and neighbors were killed in the attacks Saturday.
Ms. Georgy is the fourth Canadian to die in the Israel and Hamas conflict.
The Hamas-led Health Ministry said at least 5,791 Palestinians have been killed, including 2,360 children.
An Israeli air strike hit a building in Khan Younis, killing at least 32 people.
The massacre of Israelis was conducted by people who want to destroy us.
Israel said it killed four militants wearing explosive vests who tried to cross from Lebanon.
The talks on a ceasefire resumed in Cairo on Monday.
Israel has retaliated with air strikes that have killed more than 1,000 people in Hamas-ruled \
Gaza as it prepares for a possible ground offensive.
Earth is added to the grave of Danielle, 25, and Noam, 26, an Israeli couple who were killed \
in the deadly Supernova Music Festival attack by Hamas gunmen in Kiryat Tivon, Israel.
Over the past week, some Palestinian journalists were killed when Israeli airstrikes struck their homes across the \
Gaza Strip or the area housing their offices in the Rimal neighborhood, in central Gaza City.
The surprise weekend attack by Hamas left a death toll unseen since the 1973 war with Egypt and Syria.
The overall number of people of all nationalities missing, killed or abducted by Hamas is still unclear, and the \
numbers are shifting as officials and military forces in Israel go through the painstaking task of finding and \
identifying bodies in the wake of the attack Saturday.
“Palestinian civilians are not to blame for the carnage committed by Hamas,” Mr. Blinken said, referring to the \
militant group’s killing, torture and abduction of Israelis in a one-day rampage through the Jewish state’s \
communities near Gaza.
Four Palestinians killed in air strike on house in Gaza’s Khan Younis: Hamas media.
Hamas terrorists launched a deadly attack last weekend that killed hundreds of people in Israel, including at an \
outdoor music festival.
On that morning, Hamas attacked Israel, killing 1,400 people; Israel launched a military offensive that has so far \
killed more than 11,000 people in Gaza; and Alaqad traded in her HR job for a flak jacket and helmet to become a war \
correspondent in the Gaza Strip.
As details emerged of Hamas fighters mowing down music festival revellers and murdering children in their beds, CBC \
reporters were told not to refer to these men as “terrorists.”
The Palestinian health ministry says Israeli air strikes on Gaza have killed over 5,000 people since then.
In Israel, more than 1,400 people have been killed, most of them in the Oct. 7 Hamas attack that started the war.
“They targeted them and killed them,” said volunteer Mohammad al Najjar.
An additional four were killed in West Jerusalem in a Palestinian attack (one of whom was killed by Israeli forces \
who misidentified him).
At least 12 UNRWA staff were also killed.
Since the Oct. 7 Hamas attack, which has drawn two weeks of lethal Israeli bombardment of Gaza, at least 84 \
Palestinians in the West Bank have been killed in clashes with Israeli forces, Palestinian officials say.
Most of those killed in the West Bank in the past three weeks have died at the hands of Israeli security services, \
which have made more than 1,000 arrests in the West Bank since Oct. 7.
It aired statements from the late al-Qaida mastermind Osama bin Laden and has been providing nonstop coverage of the \
toll of Israel's punishing airstrikes in this war with Hamas, including images of the dead and dying that have fueled \
demonstrations across the Middle East and wider world.
Ms. Lapidot is among four Canadians who died at the festival.
Wall Street’s top financiers struck a pessimistic tone about the global economy at a flagship gathering in Saudi \
Arabia aimed at deal brokering, as a violent conflict between Israel and Hamas that has killed thousands of people \
unfolds.
Blast at Gaza Hospital Kills Hundreds
Militant group Hezbollah attacked Israeli army positions near the border with Lebanon, killing at least one person, \
in the latest deadly violence in Israel’s north as it prepares a ground offensive on Gaza to the south.
A senior Israeli defense official said that an early estimate showed about 700 Israelis were believed to be dead, and \
Gaza officials said more than 400 Palestinians have been killed.
The Russian Embassy in Tel Aviv said on Tuesday that two Russian nationals were confirmed dead and that four were \
still missing.
"""
#: Reuters-21578 trade stories (1987 newswire, in ../shared): not one death or injury, though one is "hurt".
TRADE = [
    "Announced last February 28 the plan froze prices, fixed the value of the new Cruzado currency and ended "
    "widespread indexation of the economy in a bid to halt the country's 250 pct inflation rate.\n"
    "But within a year the plan has all but collapsed.\n"
    "\"The situation now is worse than it was. Although there was inflation, at least the economy worked,\" a "
    "leading bank economist said.",
    "New Zealand's official foreign reserves fell to 7.15 billion N.Z. Dlrs in January from 7.20 billion dlrs in "
    "December and compared with 3.03 billion a year ago period, the Reserve Bank said in its weekly statistical "
    "bulletin.",
    # hurt, said of things, not people (NEWID 8004)
    "U.S. sugar consumption has declined which has resulted in a \"progressive contraction\" of the sugar import "
    "quota to only one mln short tons this year, he said.\nThis has hurt cane sugar refiners who rely on imported "
    "sugar processing.",
]
CANADIAN = SHARED / "benchmarks" / "casualty_sentences" / "canadian_press"
DESCRIPTION = PROJECT_ROOT / "benchmarks" / "corpora" / "canadian_press.yaml"


@pytest.fixture(scope="module")
def wire(tmp_path_factory):
    folder = tmp_path_factory.mktemp("wire")
    for number, line in enumerate(WIRE.splitlines()):
        (folder / f"s{number}.txt").write_text(line + "\n", encoding="utf-8")
    tables = extract_corpus(folder, use_cache=False).tables
    rows = tables["casualties"].merge(tables["sentences"][["article_id", "sentence_id", "text"]])
    return {text.split()[0] + " " + text.split()[1]: row for text, row in zip(rows["text"], rows.to_dict("records"),
                                                                           strict=True)}, tables


@pytest.fixture(scope="module")
def trade(tmp_path_factory):
    folder = tmp_path_factory.mktemp("trade")
    for number, story in enumerate(TRADE):
        (folder / f"story_{number}.txt").write_text(story + "\n", encoding="utf-8")
    return extract_corpus(folder, use_cache=False).tables


def test_grammar_of_each_construction(wire):
    rows, _ = wire
    assert rows["Hamas fighters"]["grammar"] == "active"
    assert rows["More than"]["grammar"] == "passive_agent"
    assert rows["Seventeen of"]["grammar"] == "passive"
    assert rows["Ms. Georgy"]["grammar"] == "intransitive"
    assert rows["The massacre"]["grammar"] == "nominal"
    # a participle clause takes the subject of the clause it hangs on
    assert rows["An Israeli"]["grammar"] == "active"
    assert rows["An Israeli"]["agent"] == "An Israeli air strike"


def test_victims_and_responsible_parties_from_the_registry(wire):
    rows, _ = wire
    hamas = rows["Hamas fighters"]
    assert hamas["victims"] == "at least 300 Israelis"
    assert list(hamas["victim_sides"]) == ["israel"] and list(hamas["responsible"]) == ["hamas"]
    strikes = rows["More than"]
    assert list(strikes["victim_sides"]) == ["palestine"] and list(strikes["responsible"]) == ["israel"]
    assert strikes["side_method"] == "victims"
    assert rows["Israel said"]["agent_actor_id"] == "israel"


def test_dead_said_of_a_subject_names_the_victims(wire):
    rows, _ = wire
    # "were confirmed dead": the subject of the verb that "dead" completes are the victims
    assert rows["The Russian"]["victims"] == "two Russian nationals"
    assert list(rows["The Russian"]["victim_sides"]) == ["russia"]
    # "were believed to be dead" (a form of "be", through the infinitive), beside a clause of the other side's dead
    assert sorted(rows["A senior"]["victim_sides"]) == ["israel", "palestine"]


def test_a_place_a_body_or_a_person_is_no_side(wire):
    rows, _ = wire
    # West Jerusalem is a registry place of no state, UNRWA a body of the United Nations: neither is a side
    assert list(rows["An additional"]["victim_sides"]) == []
    assert rows["At least"]["victims"] == "At least 12 UNRWA staff"
    assert list(rows["At least"]["victim_sides"]) == []
    # a quoted "they" is read as its speaker, a person: no side is responsible
    quoted = rows["“They targeted"]
    assert quoted["agent"] == "They" and list(quoted["responsible"]) == []
    index = PartyIndex.build(load_registry())
    assert [index.is_side(p) for p in ("israel", "hamas", "palestinian_islamic_jihad", "palestinians")] == [True] * 4
    assert [index.is_side(p) for p in ("jerusalem", "middle_east", "united_nations", "reuters")] == [False] * 4


def test_a_relative_pronoun_is_read_as_the_noun_its_clause_describes(wire):
    rows, _ = wire
    # "air strikes that have killed": the agent is the strikes, not "that"
    assert rows["Israel has"]["agent"] == "air strikes" and rows["Israel has"]["agent_is_cause"] is False
    # "an Israeli couple who were killed ... by Hamas gunmen": the victims are the couple
    couple = rows["Earth is"]
    assert couple["victims"] == "an Israeli couple" and list(couple["victim_sides"]) == ["israel"]
    assert couple["side_method"] == "victims"


def test_the_responsible_party_from_a_cause_a_coordination_and_a_description(wire):
    rows, _ = wire
    # "killed when Israeli airstrikes struck": the subject of the "when" clause is the cause
    journalists = rows["Over the"]
    assert journalists["agent"] == "Israeli airstrikes" and journalists["agent_is_cause"]
    assert list(journalists["responsible"]) == ["israel"]
    # "the attack by Hamas left a death toll": the subject of "leave" caused the deaths
    assert list(rows["The surprise"]["responsible"]) == ["hamas"]
    # "killed or abducted by Hamas": the "by" phrase hangs on "abducted" and is the agent of both
    assert rows["The overall"]["grammar"] == "passive_agent"
    assert list(rows["The overall"]["responsible"]) == ["hamas"]
    # "the carnage committed by Hamas": the "by" phrase of a participle describing the noun
    assert "hamas" in list(rows["“Palestinian civilians"]["responsible"])


def test_a_past_participle_with_a_subject_and_no_auxiliary_is_a_passive(wire):
    rows, _ = wire
    # a headline's "Four Palestinians killed in air strike": the Palestinians died, they killed no one
    headline = rows["Four Palestinians"]
    assert headline["grammar"] == "passive" and headline["victims"] == "Four Palestinians"
    assert list(headline["victim_sides"]) == ["palestine"] and list(headline["responsible"]) == []


def test_who_carried_out_the_act_that_killed(wire):
    rows, _ = wire
    # "Hamas terrorists launched a deadly attack ... that killed": the attack's perpetrator, through
    # a relative clause the parser hung on "launched"
    assert rows["Hamas terrorists"]["agent"] == "a deadly attack"
    assert list(rows["Hamas terrorists"]["responsible"]) == ["hamas"]
    # "Israel launched a military offensive that has so far killed ...", beside "Hamas attacked Israel, killing ..."
    assert set(rows["On that"]["responsible"]) == {"hamas", "israel"}
    # a present participle describing a noun has it as its subject: "Hamas fighters ... murdering children"
    assert rows["As details"]["agent"] == "Hamas fighters" and list(rows["As details"]["responsible"]) == ["hamas"]
    # a cause phrase of a part of the victims: "killed, most of them in the Oct. 7 Hamas attack"
    assert list(rows["In Israel,"]["responsible"]) == ["hamas"]


def test_the_responsible_party_is_the_doer_not_its_target(wire):
    rows, _ = wire
    # "Israeli air strikes on Gaza": Gaza is where the strikes fell, not who struck
    assert list(rows["The Palestinian"]["responsible"]) == ["israel"]


def test_the_doer_at_whose_hands_a_toll_of_whose_acts_and_the_parties_between_whom(wire):
    rows, _ = wire
    # "died at the hands of Israeli security services": the doer, not a cause
    hands = rows["Most of"]
    assert hands["agent"] == "Israeli security services" and not hands["agent_is_cause"]
    assert list(hands["responsible"]) == ["israel"]
    # "the toll of Israel's punishing airstrikes": the airstrikes are the toll's cause, not its victims
    assert list(rows["It aired"]["responsible"]) == ["israel"]
    # "a violent conflict between Israel and Hamas that has killed thousands": both are its parties
    assert set(rows["Wall Street’s"]["responsible"]) == {"israel", "hamas"}


def test_acts_by_names_every_act_of_violence_and_its_doer(wire):
    rows, _ = wire
    # "Since the Oct. 7 Hamas attack, which has drawn ... Israeli bombardment ..., 84 Palestinians ... killed in
    # clashes": neither act is the cause of these deaths, both are named with their doers
    since = rows["Since the"]
    assert set(since["acts_by"]) == {"hamas", "israel"} and list(since["victim_sides"]) == ["palestine"]
    # the doer of an act is not its target: "the massacre of Israelis" is no act of Israel's
    assert list(rows["The massacre"]["acts_by"]) == []


def test_any_states_nationality_word_names_the_victims_side():
    registry = load_registry()
    index = casualties.side_index(registry)
    assert index.demonym("Canadians") == "d:canada" and index.demonym("Israelis") == "israel"
    # an abbreviation counts only as written: "US" is the United States, the pronoun "us" is no one
    assert index.demonym("US") == "united_states" and index.demonym("us") is None
    assert index.text_parties("people who want to destroy us", []) == []


def test_foreign_victims_are_their_states_and_stay_out_of_the_models_domain(wire):
    rows, _ = wire
    # "Ms. Lapidot is among four Canadians who died": Canada's, and the model (which knows two sides) stays out
    lapidot = rows["Ms. Lapidot"]
    assert list(lapidot["victim_sides"]) == ["d:canada"] and lapidot["side_method"] == "victims"
    assert lapidot["model_victim_sides"] is None


def test_a_side_discovered_in_the_corpus_is_shown_by_its_name_not_its_id(wire):
    _, tables = wire
    frame = coverage.casualty_sentences(tables)
    lapidot = frame[frame["sentence"].str.startswith("Ms. Lapidot")].iloc[0]
    assert lapidot["sides"] == ["d:canada"] and lapidot["side"] == "Canada" and lapidot["side_names"] == ["Canada"]


#: Casualty sentences whose victims' side is in a second casualty word, a side's name or the subject of the verb an
#: infinitive completes (the shared files, MIT).
VICTIM_SENTENCES = {
    "raised": "Here are the Hamas officials believed to have been killed since Oct. 7.",  # The New York Times
    "gapped": "At least 900 Israelis have been killed, and nearly 700 Palestinians.",  # National Post
    "side": "That war lasted six weeks, and 74 people were killed on the Israeli side, including six civilians.",
    # The New York Times: one word's victims name a side, another word's place the other
    "place": "On Oct. 7, Hamas unleashed a surprise attack against Israel that left more than 1,400 Israelis dead, "
             "prompting intense retaliation that has killed about 2,800 people in Gaza, according to officials there.",
}


@pytest.fixture(scope="module")
def victim_sentences(tmp_path_factory):
    folder = tmp_path_factory.mktemp("victim_sentences")
    for name, line in VICTIM_SENTENCES.items():
        (folder / f"{name}.txt").write_text(line + "\n", encoding="utf-8")
    tables = extract_corpus(folder, use_cache=False).tables
    rows = tables["casualties"].merge(tables["sentences"][["article_id", "sentence_id", "text"]])
    return {name: row for row in rows.to_dict("records") for name, line in VICTIM_SENTENCES.items()
            if line.startswith(row["text"])}


def test_victims_raised_from_an_infinitive_left_out_verbs_a_sides_name_and_each_words_own_sides(victim_sentences):
    rows = victim_sentences
    # "officials believed to have been killed": the victims are the noun the infinitive's verb describes
    assert rows["raised"]["victims"] == "the Hamas officials" and list(rows["raised"]["victim_sides"]) == ["hamas"]
    # "..., and nearly 700 Palestinians": a second subject of "killed", whose verb is left out
    assert sorted(rows["gapped"]["victim_sides"]) == ["israel", "palestine"]
    assert rows["gapped"]["victims"] == "At least 900 Israelis have been killed, and nearly 700 Palestinians"
    # "killed on the Israeli side": where they died is a side
    assert list(rows["side"]["victim_sides"]) == ["israel"] and rows["side"]["side_method"] == "place"
    # the Israelis "left dead" do not hide the people killed "in Gaza" by another casualty word
    assert sorted(rows["place"]["victim_sides"]) == ["israel", "palestine"]
    assert rows["place"]["side_method"] == "victims"


def test_a_headlines_capitalised_verb_is_a_verb(wire):
    rows, _ = wire
    # the parser reads "Kills" of a title-case headline as a proper noun
    blast = rows["Blast at"]
    assert blast["trigger"] == "Kills" and blast["grammar"] == "active" and blast["victims"] == "Hundreds"


def test_attribution_wording_and_cue(wire):
    rows, _ = wire
    assert rows["More than"]["attribution"] == "Gaza health officials"
    assert rows["More than"]["attribution_cue"] == "according to"
    ministry = rows["The Hamas-led"]
    assert ministry["attribution"] == "The Hamas-led Health Ministry" and ministry["attribution_cue"] == "say"
    assert rows["Hamas fighters"]["attribution"] is pd.NA or rows["Hamas fighters"]["attribution"] is None


def test_a_sentence_without_a_casualty_is_not_a_casualty_sentence(wire):
    _, tables = wire
    texts = set(tables["sentences"].merge(tables["casualties"][["article_id", "sentence_id"]])["text"])
    assert not any(text.startswith("The talks") for text in texts)


def test_the_model_labels_in_domain_sentences_beside_the_rules(wire):
    rows, _ = wire
    # the rules place no victims here; the model, trained on hand labels, reads them as Palestinian
    khan_younis = rows["An Israeli"]
    assert list(khan_younis["model_victim_sides"]) == ["palestine"]
    assert list(rows["Hamas fighters"]["model_victim_sides"]) == ["israel"]


def test_a_party_outside_the_model_keeps_it_from_that_target_only(wire):
    rows, _ = wire
    # Hezbollah (Lebanon's party) is responsible: the model does not say who is, but still says who was killed
    hezbollah = rows["Militant group"]
    assert "lebanon" in list(hezbollah["responsible"])
    assert hezbollah["model_responsible"] is None and hezbollah["model_victim_sides"] is not None
    # a foreign victim keeps it from both targets
    canadian = rows["Ms. Georgy"]
    assert canadian["model_victim_sides"] is None and canadian["model_responsible"] is None


def test_why_a_sentence_gets_no_side(wire):
    sys.path.insert(0, str(PROJECT_ROOT))
    from benchmarks.casualty_sentences import why_no_side

    tables = wire[1]
    sentences = tables["sentences"]
    ids = {" ".join(text.split()[:2]): a for text, a in zip(sentences["text"], sentences["article_id"], strict=True)}
    chosen = pd.Series([ids["The talks"], ids["Seventeen of"], ids["Hamas fighters"]])
    reasons = why_no_side(tables["casualties"], chosen)
    assert reasons.to_dict() == {"no casualty sentence": 1, "model not applied: article names none of its parties": 1,
                                 "model said Neither": 1}
    # a death in Lebanon: the rules found a party the model does not know, so it was not applied
    lebanon = pd.DataFrame({"article_id": ["l"], "victim_sides": [["lebanon"]], "responsible": [["israel"]],
                            "model_victim_sides": [None]})
    assert why_no_side(lebanon, pd.Series(["l"])).to_dict() == {"model not applied: rules found another party": 1}


def test_the_sides_that_miss_a_day_and_by_how_many_rows():
    sys.path.insert(0, str(PROJECT_ROOT))
    from benchmarks.casualty_sentences import missed_sides

    # The Wall Street Journal's counts of 2023-10-08 and 2023-10-12 (the authors', ours)
    counts = pd.DataFrame({"outlet": ["WSJ"] * 4, "day": ["10-08", "10-08", "10-12", "10-12"],
                           "side": ["Israeli", "Palestinian"] * 2, "theirs": [7, 8, 70, 21], "mine": [8, 7, 72, 19]})
    misses = missed_sides(counts)
    # one row off on a day of fewer than 10 rows misses it; 2 of 70 and 2 of 21 are within 10%
    assert misses[["day", "side", "beyond", "small"]].to_dict("records") == [
        {"day": "10-08", "side": "Israeli", "beyond": 1, "small": True},
        {"day": "10-08", "side": "Palestinian", "beyond": 1, "small": True}]


def test_two_papers_labels_of_one_sentence_are_scored_against_each_other(capsys):
    sys.path.insert(0, str(PROJECT_ROOT))
    from benchmarks.casualty_sentences import report_agreement

    wire = "Gaza authorities said Israeli retaliation has killed at least 313 and injured more than 2,000."
    other = "Palestinian health officials said at least 313 civilians killed."
    rows = pd.DataFrame({"file": ["globe_sentences", "star_sentences", "globe_sentences", "globe_sentences"],
                         "key": [wire, wire, other, other], "victim": ["Palestinian", "Neither"] + ["Palestinian"] * 2,
                         "responsible": ["Israel", "Israel", "Neither", "Neither"]})
    report_agreement(rows)
    printed = capsys.readouterr().out
    # a sentence printed twice by one paper is no pair; the wire sentence is, and its two victims' labels differ
    assert "(1 sentences printed in two papers): victim agree 0.000" in printed
    assert "responsible agree 1.000" in printed


def test_a_row_of_the_sentence_files_takes_its_articles_parties_for_the_models_gate(wire):
    sys.path.insert(0, str(PROJECT_ROOT))
    from benchmarks.casualty_sentences import in_article_context

    tables = wire[1]
    sentences = tables["sentences"]
    ids = {" ".join(text.split()[:2]): a for text, a in zip(sentences["text"], sentences["article_id"], strict=True)}
    alone, named = ids["Seventeen of"], ids["Hamas fighters"]
    before = tables["casualties"].set_index("article_id")["model_victim_sides"]
    assert before[alone] is None and before[named] is not None
    rows = pd.DataFrame({"file": ["f", "f"], "article_index": [7, 7], "extracted": [alone, named]})
    after = in_article_context(tables, rows, load_registry())["casualties"].set_index("article_id")
    assert after.loc[alone, "model_victim_sides"] is not None
    assert list(after.loc[named, "model_victim_sides"]) == list(before[named])


def test_seed_sentence_with_figures_and_hamas_run_ministry(seed_tables):
    casualties = seed_tables["casualties"]
    row = casualties[(casualties["article_id"] == "000_4ef09cb68f00dbdb") & (casualties["trigger"] == "killed")].iloc[0]
    assert row["victims"] == "Thirty-four Palestinians in Gaza"
    assert list(row["victim_sides"]) == ["palestine"]
    assert row["attribution"] == "the Hamas-run Health Ministry"
    assert row["attribution_actor_id"] == "gaza_health_ministry"
    figure = seed_tables["figures"].set_index("figure_id").loc[row["figure_id"]]
    assert figure["text"] == "Thirty-four" and figure["sentence_id"] == row["sentence_id"]


def test_descriptors_of_seed_actors(seed_tables):
    descriptors = seed_tables["descriptors"]
    pij = descriptors[descriptors["actor_id"] == "palestinian_islamic_jihad"]
    assert "gaza-based terrorist group" in set(pij["descriptor"])
    assert set(pij.loc[pij["descriptor"] == "gaza-based terrorist group", "form"]) == {"apposition"}
    haniyeh = descriptors[descriptors["actor_id"] == "ismail_haniyeh"]
    assert "hamas chief" in set(haniyeh["descriptor"])


def test_parties_follow_affiliation_then_country():
    registry = load_registry()
    assert party(registry, "al_qassam_brigades") == "hamas"
    assert party(registry, "idf") == "israel"
    index = PartyIndex.build(registry)
    assert index.text_parties("Two Palestinians and an Israeli soldier died.", []) == ["palestine", "israel"]
    assert index.place_party("Gaza") == "palestine" and index.place_party("Atlantis") is None


def test_the_shipped_model_matches_its_recorded_hash(tmp_path):
    metadata = json.loads(casualty_model.METADATA_PATH.read_text(encoding="utf-8"))
    assert metadata["files"] and metadata["license"].startswith("MIT")
    assert casualty_model.load_model() is not None
    copy = tmp_path / "casualty_model.npz"
    shutil.copy(casualty_model.MODEL_PATH, copy)
    (tmp_path / "casualty_model.json").write_text(json.dumps({**metadata, "sha256": "0" * 64}), encoding="utf-8")
    with pytest.raises(casualty_model.ModelFileError, match="retrain"):
        casualty_model.load_model.__wrapped__(copy)


def test_a_model_file_of_an_older_layout_asks_to_be_retrained(tmp_path):
    import hashlib

    import numpy as np

    old = tmp_path / "casualty_model.npz"
    with old.open("wb") as handle:
        np.savez_compressed(handle, vocabulary=np.array(["killed"]), idf=np.ones(1), victims_coef=np.ones((4, 1)))
    (tmp_path / "casualty_model.json").write_text(json.dumps({"sha256": hashlib.sha256(old.read_bytes()).hexdigest()}),
                                                  encoding="utf-8")
    with pytest.raises(casualty_model.ModelFileError, match="older layout"):
        casualty_model.load_model.__wrapped__(old)


def test_a_row_of_the_sentence_files_takes_the_parties_its_articles_title_names(wire):
    sys.path.insert(0, str(PROJECT_ROOT))
    from benchmarks.casualty_sentences import in_article_context, title_parties

    registry = load_registry()
    assert title_parties("Israelis struggle to lay their loved ones to rest", registry) == {"israel"}
    assert title_parties("Families of Hamas Hostages Split on Invasion of Gaza", registry) >= {"hamas"}
    tables = wire[1]
    sentences = tables["sentences"]
    alone = next(a for text, a in zip(sentences["text"], sentences["article_id"], strict=True)
                 if text.startswith("Seventeen of"))
    rows = pd.DataFrame({"file": ["f"], "article_index": [5], "extracted": [alone],
                         "article_title": ["Israelis struggle to lay their loved ones to rest"]})
    after = in_article_context(tables, rows, registry)["casualties"].set_index("article_id")
    assert after.loc[alone, "model_victim_sides"] is not None
    untitled = in_article_context(tables, rows.assign(article_title=""), registry)["casualties"]
    assert untitled.set_index("article_id").loc[alone, "model_victim_sides"] is None
    # the Canadian files say a row's article by its address and title
    canadian = pd.DataFrame({"file": ["globe_sentences"], "url": ["https://example.org/a"], "extracted": [alone],
                             "title": ["Israelis struggle to lay their loved ones to rest"]})
    after = in_article_context(tables, canadian, registry)["casualties"].set_index("article_id")
    assert after.loc[alone, "model_victim_sides"] is not None


def test_the_model_stays_out_of_other_conflicts():
    assert casualty_model.in_domain({"victim_sides": ["palestine"], "responsible": []}, {"israel"})
    assert not casualty_model.in_domain({"victim_sides": ["lebanon"], "responsible": []}, {"israel"})
    assert not casualty_model.in_domain({"victim_sides": [], "responsible": []}, {"ukraine"})


def test_training_is_deterministic_and_saved_arrays_reload(tmp_path):
    documents = ["Hamas killed Israelis zv_israel", "Israeli strikes killed Palestinians zv_palestine",
                 "Hamas militants murdered Israelis zv_israel", "air strikes killed Palestinians in Gaza zv_palestine"]
    labels = {"victims": ["Israeli", "Palestinian", "Israeli", "Palestinian"],
              "responsible": ["Hamas", "Israel", "Hamas", "Israel"]}
    casualty_model.VECTORIZER["min_df"], saved = 1, casualty_model.VECTORIZER["min_df"]
    try:
        model = casualty_model.train(documents, labels)
    finally:
        casualty_model.VECTORIZER["min_df"] = saved
    model = dataclasses.replace(model, margins={"victims": 0.15, "responsible": 0.05})
    model.save(tmp_path / "m.npz", {})
    again = casualty_model.load_model.__wrapped__(tmp_path / "m.npz")
    assert again.predict(documents) == model.predict(documents)
    assert again.margins == pytest.approx(model.margins)
    assert again.predict(["Hamas killed Israelis"])["victims"] == ["Israeli"]


def test_each_side_has_its_own_classifier_so_both_sides_can_be_said_together():
    # a model of six sentences scores near zero; a trained model has no margin for saying a side until
    # one is chosen for it (benchmarks.casualty_data.choose_margins)
    documents = ["Hamas militants killed Israelis in the kibbutz", "rockets killed Israelis in Sderot",
                 "Israeli air strikes killed Palestinians in Gaza", "shelling killed Palestinians in Khan Younis",
                 "the war has killed Palestinians and Israelis", "the talks resumed in Cairo on Monday"]
    labels = {"victims": ["Israeli", "Israeli", "Palestinian", "Palestinian", "Both", "Neither"],
              "responsible": ["Hamas", "Hamas", "Israel", "Israel", "Neither", "Neither"]}
    casualty_model.VECTORIZER["min_df"], saved = 1, casualty_model.VECTORIZER["min_df"]
    try:
        model = casualty_model.train(documents, labels)
    finally:
        casualty_model.VECTORIZER["min_df"] = saved
    # and the victims' "Both" label its own too (no responsible "Both" here, so no classifier of it)
    assert set(model.classifiers) == {"victims_israel", "victims_palestine", "victims_both", "responsible_hamas",
                                      "responsible_israel"}
    predicted = model.predict(["rockets and air strikes killed Israelis and Palestinians", "the talks in Cairo"])
    assert predicted["victims"] == ["Both", "Neither"]
    assert predicted["responsible"][1] == "Neither"


def test_both_sides_are_said_by_the_both_classifier_or_in_the_place_convention_by_a_margin():
    import numpy as np

    margin = casualty_model.PLACE_BOTH_MARGIN
    scores = {"victims_israel": np.array([-0.5, 0.9, 0.9, -0.5]),
              "victims_palestine": np.array([-0.2, margin / 2, margin * 2, -0.9]),
              "victims_both": np.array([-1.0, -1.0, -1.0, 0.3])}
    by_place = casualty_model.CasualtyModel(None, {}, casualty_model.PLACE_CONVENTION)

    def alone(i):
        return by_place._said("victims", {key: values[i:i + 1] for key, values in scores.items()}).tolist()[0]

    # each sentence an article: the side nearest to yes always; the other only by more than the
    # margin; the Both classifier not
    assert [alone(i) for i in range(4)] == [[False, True], [True, False], [True, True], [True, False]]
    # one article: the two sentences where no side's classifier says yes take its side most said
    assert by_place._said("victims", scores).tolist() == [[True, False], [True, False], [True, True], [True, False]]
    # in the Canadian labels' convention a side is said by more than the model's margin (here the same
    # value: not by margin / 2), or by the Both classifier
    canadian = casualty_model.CasualtyModel(None, {}, margins={"victims": margin, "responsible": 0.0})
    assert canadian._said("victims", scores).tolist() == [[False, False], [True, False], [True, True], [True, True]]
    # ... by more than its own margin, when the model has one
    stricter = dataclasses.replace(canadian, margins={**canadian.margins, "victims_both": 0.4})
    assert stricter._said("victims", scores).tolist() == [[False, False], [True, False], [True, True], [False, False]]


def test_the_place_convention_counts_a_foreign_victim_by_where_they_died():
    americans = {"victim_sides": ["united_states"], "side_method": "victims", "responsible": []}
    place = casualty_model.PLACE_CONVENTION
    assert not casualty_model.in_domain(americans, {"israel"})
    assert casualty_model.in_domain(americans, {"israel"}, place)
    lebanon = {"victim_sides": ["lebanon"], "side_method": "place", "responsible": []}
    assert not casualty_model.in_domain(lebanon, {"israel"}, place)
    # whoever is responsible does not keep the model from the victims, only from the responsible party
    backed = {"victim_sides": [], "side_method": None, "responsible": ["iran"]}
    assert casualty_model.in_domain(backed, {"israel"}, place) and casualty_model.in_domain(backed, {"israel"})
    assert not casualty_model.in_domain(backed, {"israel"}, target="responsible")
    # foreign victims keep it from both: "six Canadians were killed" keeps the rules' parties
    assert not casualty_model.in_domain(americans, {"israel"}, target="responsible")


def test_margins_are_chosen_by_leaving_each_training_paper_out():
    from benchmarks import casualty_data

    sentences = [("Hamas militants killed Israelis in the kibbutz", "Israeli", "Hamas"),
                 ("Israeli air strikes killed Palestinians in Gaza", "Palestinian", "Israel"),
                 ("Israelis rallied in Tel Aviv for the hostages", "Neither", "Neither"),
                 ("Palestinians queued for bread in Rafah", "Neither", "Neither")]
    rows = [{"file": paper, "key": f"{paper} {text}", "extracted": f"{paper}-{n}", "document": text,
             "victim": victim, "responsible": responsible}
            for paper in ("globe_sentences", "post_sentences")
            for n, (text, victim, responsible) in enumerate(sentences)]
    frame = pd.DataFrame(rows)
    margins = casualty_data.choose_margins(frame)
    assert set(margins) == set(casualty_model.DEFAULT_MARGINS)  # each target's parties' and "Both" margins
    assert set(margins.values()) <= set(casualty_model.MARGIN_GRID)
    assert casualty_data.fit(frame).margins == margins
    # one paper cannot be left out and still train a model: the defaults
    one = frame[frame["file"] == "globe_sentences"]
    assert casualty_data.choose_margins(one) == casualty_model.DEFAULT_MARGINS


def test_us_labels_train_the_victims_in_their_own_convention():
    # the US files count Americans killed in Israel as Israeli, the Canadian labels as neither;
    # the US sentences carry the convention's marker, and they label no responsible party
    place = casualty_model.PLACE_CONVENTION
    documents = ["Hamas militants killed Israelis in the kibbutz", "air strikes killed Palestinians in Gaza",
                 "Americans were killed at the festival", "the talks on a ceasefire resumed in Cairo",
                 f"Americans were killed at the festival {place}",
                 f"Hamas militants killed Israelis in the kibbutz {place}", f"air strikes killed Palestinians {place}"]
    labels = {"victims": ["Israeli", "Palestinian", "Neither", "Neither", "Israeli", "Israeli", "Palestinian"],
              "responsible": ["Hamas", "Israel", "Neither", "Neither", None, None, None]}
    casualty_model.VECTORIZER["min_df"], saved = 1, casualty_model.VECTORIZER["min_df"]
    try:
        model = casualty_model.train(documents, labels)
    finally:
        casualty_model.VECTORIZER["min_df"] = saved
    festival = ["Americans were killed at the festival"]
    assert model.predict(festival)["victims"] == ["Neither"]
    by_place = dataclasses.replace(model, convention=place)
    assert by_place.predict(festival)["victims"] == ["Israeli"]
    # in that convention every sentence has a victims' side, even one all classifiers say no to
    talks = ["The talks on a ceasefire resumed in Cairo on Monday."]
    assert model.predict(talks) == {"victims": ["Neither"], "responsible": ["Neither"]}
    assert by_place.predict(talks)["victims"][0] in ("Israeli", "Palestinian")
    assert by_place.predict(talks)["responsible"] == ["Neither"]


def test_emotive_words_match_their_longer_forms_and_the_list_is_replaceable(tmp_path):
    pattern = coverage.emotive_pattern(coverage.load_emotive_words())
    assert pattern.findall("Israelis slaughtered and a massacre; the carnage") == ["slaughtered", "massacre", "carnage"]
    words = tmp_path / "words.txt"
    words.write_text("# mine\ncrushed\n", encoding="utf-8")
    assert coverage.load_emotive_words(words) == ["crushed"]
    words.write_text("# nothing\n", encoding="utf-8")
    with pytest.raises(ValueError, match="no emotive word"):
        coverage.load_emotive_words(words)


def test_framing_shares_and_rates_per_thousand_deaths(seed_tables):
    frame = coverage.casualty_sentences(seed_tables)
    shares = coverage.framing_shares(frame)
    assert shares["sentences"].sum() >= len(frame)
    assert shares[["agentless", "attributed", "emotive"]].apply(lambda c: c.between(0, 1)).all().all()
    palestine = frame[frame["sides"].map(lambda s: "palestine" in s)]
    palestine = palestine[palestine["outlet"] == palestine["outlet"].mode()[0]]
    days = sorted(palestine["day"].unique())
    deaths = pd.DataFrame({"party": "palestine", "date": [days[0] - pd.Timedelta(days=1), days[-1]],
                           "deaths": [1000.0, 3000.0]})
    rates = coverage.mentions_per_thousand(frame, deaths)
    row = rates[(rates["side"] == "State of Palestine") & (rates["outlet"] == palestine["outlet"].iloc[0])].iloc[0]
    assert row["mentions"] == len(palestine) and row["deaths"] == 2000
    assert row["per_thousand_deaths"] == pytest.approx(1000 * len(palestine) / 2000)


def test_model_labels_can_be_left_out(seed_tables):
    with_model = coverage.casualty_sentences(seed_tables)
    rules = coverage.casualty_sentences(seed_tables, use_model=False)
    assert set(rules["label_by"]) == {"rules"} and "model" in set(with_model["label_by"])


@pytest.mark.skipif(not CANADIAN.exists(), reason="needs ../shared")
def test_shared_sentence_files_read_as_a_corpus_through_a_description():
    config = load_corpus_config(DESCRIPTION)
    assert config.folder == CANADIAN.resolve()
    articles, problems = read_corpus(DESCRIPTION)
    outlets = {a.outlet for a in articles}
    assert outlets == {"The Globe and Mail", "National Post", "Toronto Star"}
    assert not any(a.source_path.endswith("article_list.csv") or a.source_path == "ocha.csv" for a in articles)
    first = next(a for a in articles if a.article_id == "globe_sentences-000002")
    assert first.body.startswith("Hamas fighters killed at least 300 Israelis")
    assert str(first.published) == "2023-10-07" and first.url.startswith("https://www.theglobeandmail.com/")
    assert not [p for p in problems if "not understood" in p.message]


def test_a_bad_description_names_the_file_and_the_problem(tmp_path):
    bad = tmp_path / "corpus.yaml"
    bad.write_text("folder: nowhere\n", encoding="utf-8")
    with pytest.raises(CorpusConfigError, match="is not a folder"):
        load_corpus_config(bad)
    bad.write_text("folder: .\ncolums: {text: body}\n", encoding="utf-8")
    with pytest.raises(CorpusConfigError, match="unknown key"):
        load_corpus_config(bad)
    inside = tmp_path / "corpus"
    inside.mkdir()
    (inside / "corpus.yaml").write_text("metadata: {'*.csv': {colour: red}}\n", encoding="utf-8")
    with pytest.raises(CorpusConfigError, match="must set only"):
        load_corpus_config(inside)


def test_fixed_metadata_fills_only_what_the_file_leaves_empty(tmp_path):
    (tmp_path / "feed.csv").write_text("text,outlet\nRockets hit Sderot on Monday.,Own Outlet\n"
                                       "Three people died in Rafah.,\n", encoding="utf-8")
    (tmp_path / "notes.csv").write_text("text\nnot an article\n", encoding="utf-8")
    (tmp_path / "corpus.yaml").write_text("files: [feed.csv]\nmetadata: {feed.csv: {outlet: Fixed}}\n",
                                          encoding="utf-8")
    articles, _ = read_corpus(tmp_path)
    assert [a.outlet for a in articles] == ["Own Outlet", "Fixed"]
    assert all(Path(a.source_path).name == "feed.csv" for a in articles)


US_FILES = SHARED / "benchmarks" / "casualty_sentences" / "nyt_wp_wsj"


@pytest.mark.slow
@pytest.mark.skipif(not US_FILES.exists(), reason="needs ../shared")
def test_grammar_agrees_with_the_posts_voice_tags():
    """Target of issue 15: agreement with the Washington Post's voice tags >= 0.85 (measured 0.96)."""
    sys.path.insert(0, str(PROJECT_ROOT))
    from benchmarks import casualty_data, casualty_sentences

    tables = extract_corpus(casualty_data.US).tables
    rows = casualty_data.read_rows(casualty_data.US)
    rows = rows.assign(extracted=casualty_data.extracted_id(rows, tables["articles"]))
    assert casualty_sentences.report_voice(tables, rows) >= 0.85


@pytest.mark.skipif(not US_FILES.exists(), reason="needs ../shared")
def test_every_labelled_row_is_matched_to_the_article_holding_its_cleaned_text():
    """A photo caption under two photographers' credits is one article; both rows are matched to it."""
    sys.path.insert(0, str(PROJECT_ROOT))
    from benchmarks import casualty_data

    articles, _ = read_corpus(casualty_data.US)
    frame = pd.DataFrame({"article_id": [a.article_id for a in articles], "body": [a.body for a in articles]})
    rows = casualty_data.read_rows(casualty_data.US)
    rows = rows.assign(extracted=casualty_data.extracted_id(rows, frame))
    assert rows["extracted"].isin(set(frame["article_id"])).all()
    vigil = rows[rows["sentence"].str.contains(r"candlelight\s+vigil\s+in\s+Tel\s+Aviv")]
    assert vigil["sentence"].nunique() > 1 and vigil["extracted"].nunique() == 1


def test_every_coverage_analysis_accepts_a_corpus_without_casualty_sentences(trade):
    frame = coverage.casualty_sentences(trade)
    assert frame.empty and {"outlet", "day", "side", "sides", "agentless", "attributed", "emotive"} <= set(frame)
    assert coverage.within_dates(frame, "1987-01-01", "1987-12-31").empty
    columns = {
        "framing_shares": (coverage.framing_shares(frame), ["outlet", "side", "sentences", "agentless",
                                                            "attributed", "emotive"]),
        "mentions_by_day": (coverage.mentions_by_day(frame), ["outlet", "side", "party", "day", "mentions",
                                                              "evidence", "article_ids"]),
        "mentions_per_thousand": (coverage.mentions_per_thousand(frame, None), coverage.RATE_COLUMNS),
        "attribution_wording": (coverage.attribution_wording(frame), ["outlet", "wording", "sentences", "cues",
                                                                      "example", "article_id"]),
        "framing_long": (coverage.framing_long(frame), coverage.LONG_COLUMNS),
        "actor_descriptors": (coverage.actor_descriptors(dict(trade, descriptors=trade["descriptors"].iloc[:0])),
                              ["outlet", "actor", "descriptor", "count", "forms", "evidence", "article_ids"]),
    }
    for name, (table, expected) in columns.items():
        assert table.empty and list(table.columns) == expected, name
    deaths = pd.DataFrame({"party": ["palestine"], "date": [pd.Timestamp("2023-10-07")], "deaths": [100.0]})
    assert coverage.mentions_per_thousand(frame, deaths).empty
    assert coverage.most_described(dict(trade, descriptors=trade["descriptors"].iloc[:0])) == []
    assert coverage.party_names(None) == {}


def test_coverage_charts_of_nothing_have_no_marks(trade):
    frame = coverage.casualty_sentences(trade)
    assert not coverage_charts.mentions_chart(coverage.mentions_by_day(frame)).data
    assert not coverage_charts.framing_chart(coverage.framing_long(frame)).data
    descriptors = coverage.actor_descriptors(dict(trade, descriptors=trade["descriptors"].iloc[:0]))
    assert not coverage_charts.descriptor_chart(descriptors, "Hamas").data


def test_sentences_say_why_a_corpus_without_casualty_sentences_shows_nothing(trade):
    frame = coverage.casualty_sentences(trade)
    [summary] = coverage.summary_sentences(frame, trade)
    assert summary.startswith("No sentence of the 3 articles reports a death or an injury")
    assert "published from 1987-01-01" in coverage.summary_sentences(frame, trade, "1987-01-01")[0]
    assert coverage.no_mentions_sentence(frame).startswith("No casualty sentence")
    assert "reference_series is empty" in coverage.no_rates_sentence(frame, None)
    deaths = pd.DataFrame(columns=["party", "date", "deaths"])
    assert coverage.no_rates_sentence(frame, deaths).startswith("No casualty sentence")


def test_sentences_on_the_seed_casualty_sentences(seed_tables):
    frame = coverage.casualty_sentences(seed_tables)
    first, labels = coverage.summary_sentences(frame, seed_tables)
    assert first.startswith(f"{len(frame)} casualty sentences in {frame['article_id'].nunique()} of the "
                            f"{len(seed_tables['articles'])} articles")
    assert labels.startswith("The victims' side was given by the model")
    assert coverage.no_mentions_sentence(frame) == ""
    undated = frame.assign(day=pd.NaT)
    assert coverage.mentions_by_day(undated).empty
    assert "publication date" in coverage.no_mentions_sentence(undated)


def test_a_series_starting_after_the_reporting_days_gives_no_rate(seed_tables):
    frame = coverage.casualty_sentences(seed_tables)
    later = frame["day"].max() + pd.Timedelta(days=30)
    deaths = pd.DataFrame({"party": "palestine", "date": [later, later + pd.Timedelta(days=1)],
                           "deaths": [1000.0, 2000.0]})
    rates = coverage.mentions_per_thousand(frame, deaths)
    assert rates.empty and list(rates.columns) == coverage.RATE_COLUMNS


def test_the_model_scores_sentences_as_scikit_learn_does():
    model = casualty_model.load_model()
    sentences = ["Israeli strikes killed 30 Palestinians in Gaza on Tuesday, the ministry said.",
                 "Hamas gunmen killed 1,200 people in Israel on October 7.", "Two soldiers were wounded."]
    for rows in (sentences, sentences[:1]):
        matrix = model.vectorizer.transform(rows)
        for classifier in model.classifiers.values():
            assert (casualty_model.decision_scores(classifier, matrix) == classifier.decision_function(matrix)).all()


def test_the_models_tfidf_weighting_gives_the_vectorizers_numbers_bit_for_bit():
    import numpy as np

    model = casualty_model.load_model()
    documents = [f"{line} zv_israel zk_killed" for line in WIRE.splitlines()] + ["", "zzz unknownword"]
    expected = model.vectorizer.transform(documents)
    found = casualty_model.tfidf_matrix(model.vectorizer, documents)
    assert np.array_equal(found.indptr, expected.indptr) and np.array_equal(found.indices, expected.indices)
    assert np.array_equal(found.data, expected.data) and found.shape == expected.shape


def test_the_casualty_words_found_from_the_token_arrays_are_every_token_that_reports_a_casualty():
    from helpers.extract import nlp
    from helpers.extract.parsed import span_tokens_with_word

    doc = nlp.load_model()(WIRE + "Blast at Gaza Hospital Kills Hundreds\n")
    found = [t.i for t in span_tokens_with_word(doc[:], "casualty", casualties.may_report_casualty)]
    reporting = [t.i for t in doc if casualties.casualty_kind(t) is not None]
    assert reporting and set(reporting) <= set(found) and found == sorted(found)
    assert {doc[i].lower_ for i in found} >= {"killed", "killing", "kills", "dead"}
