"""Actors the registry does not know, found in one article.

Every person, organisation, state and armed group that spaCy names in an article becomes
a mention with a stable id (:func:`helpers.extract.names.actor_key`), so that it goes
wherever a registry actor goes (events, quote speakers, figure sources, co-occurrence):

- :func:`candidate_entities`: spaCy's entities cut down to the name
  (:func:`helpers.extract.names.clean_span`); words of a headline written in title case
  ("Meets With", "Terror Attack") count only when the article uses them as a name in a
  sentence as well;
- :func:`state_mentions`: a name, other name or capital of a state of the country library
  (:mod:`helpers.extract.states`);
- :func:`discovered_mentions`: the other entities, typed from spaCy's label and the
  name's head word ("... Brigades" is an armed group, "... News Agency" a medium);
- :func:`resolve_abbreviations`: "Organisation of Islamic Cooperation (OIC)" makes "OIC"
  a name of the same actor, here and further on;
- :func:`resolve_short_forms`: a surname ("Al-Baraka") after the full name ("Ali
  al-Baraka") is the same person.

Merging the same actor across articles (spelling and transliteration variants) is done
once per corpus by :mod:`helpers.extract.merge`.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, replace
from typing import NamedTuple

import numpy
from spacy.attrs import DEP, ENT_TYPE, IDX, LENGTH, POS
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.symbols import PROPN, nsubj, nsubjpass
from spacy.tokens import Doc

from helpers.extract.names import (
    CORPORATE_WORDS,
    OUTLET_NOUNS,
    PARTICLES,
    SOVEREIGN_TITLES,
    Mention,
    abbreviates,
    actor_key,
    clean_span,
    initials,
    is_discovered,
    is_name,
    is_title,
    name_words,
    normalise_name,
    overlaps,
)
from helpers.extract.nlp import doc_text, token_starts, tokens_with_lower
from helpers.extract.quotes import SPOKESPEOPLE
from helpers.extract.states import state_index
from helpers.extract.timexes import MONTH_ABBR, MONTHS, WEEKDAYS

#: spaCy labels that name actors (people, organisations, states) or places.
NER_LABELS = ("PERSON", "ORG", "GPE", "LOC", "FAC")
#: Share of capitalised words above which a sentence is a headline in title case.
HEADLINE_CAPITALS = 0.75
HEADLINE_MIN_WORDS = 3
#: Head words of an organisation's name that tell its type (lowercase, singular or plural).
TYPE_HEADS = {
    "armed_group": "brigade brigades army navy forces force militia militias battalion battalions guard guards "
                   "corps rebels fighters legion front mujahideen regiment",
    "media": "news tv television radio times post journal gazette herald tribune press channel "
             "broadcasting network daily telegraph online magazine newspaper",
    "government_body": "ministry council parliament assembly government cabinet police court department "
                       "office senate congress knesset majlis commission authority administration",
}
#: Words of the names of organisations, whatever their type ("Northern League", "Labour Party").
BODY_WORDS = frozenset("""
    league party union association federation club movement committee group foundation institute bank
    organisation organization agency alliance society council team university school church
""".split())
#: Words of bodies' names whose buildings are places: after a preposition of place, the place ("in the church").
PLACE_BODIES = frozenset({"church", "school"})
#: Last words of names of things and events, not actors ("Al-Aqsa Flood", "Blue Line", "Islam").
THING_NAMES = frozenset("""
    operation operations offensive war wars campaign storm flood uprising mosque church temple shrine
    compound crossing border line accord accords agreement deal talks summit conference plan initiative
    resolution declaration treaty era period festival holiday day app platform update bulletin convention
    intifada nakba revolution islam christianity judaism hinduism buddhism sikhism god allah
    newsroom newsdesk
""".split())
#: Endings of one-word names of a belief or an attitude, not of an actor ("Zionism", "Islamophobia").
ABSTRACT_ENDINGS = ("ism", "phobia")
#: Nouns of an outlet's desks: the capital before one ("Stockholm newsroom") is a city, not its state.
DESK_NAMES = frozenset({"newsroom", "newsdesk"})
#: Nouns of treaties: a name modifying one is the place it was signed ("the Dayton peace agreement").
TREATY_NOUNS = frozenset("agreement agreements accord accords treaty".split())
#: Adjectives of regions, not of states; alone, like a demonym, they name no one ("a Western news agency").
REGION_ADJECTIVES = frozenset("western eastern arab european african asian".split())
#: Believers, not a group that acts as one: a plural of these (or in -ists, "Zionists") is no actor.
FAITHS = frozenset("muslim christian jew shiite shia sunni catholic protestant hindu buddhist sikh".split())
#: Nouns after a name that make it the name of a place or thing ("the Al-Aqsa mosque").
THING_HEADS = frozenset("""
    mosque church temple shrine compound crossing border line summit conference festival holiday era
    period app platform accords operation operations
""".split())
#: Nouns of vessels: the name they introduce is a ship's ("the tanker Avaj", "the destroyers Kidd, Young and
#: Hoel", "the car ferry Herald of Free Enterprise"); "carrier" only after "aircraft" (an airline is a carrier too).
VESSEL_NOUNS = frozenset("""
    ship tanker supertanker vessel freighter frigate destroyer cruiser warship submarine ferry liner boat gunboat
    minesweeper
""".split())
#: Nouns of weapons: a name modifying one is a weapon's ("the Styx missile", "Kalashnikov automatic rifles").
WEAPON_NOUNS = frozenset("missile rocket rifle launcher gun".split())
#: Last words of a title, not of an organisation's name ("UN Emergency Relief Coordinator").
TITLE_NOUNS = frozenset("""
    coordinator secretary director spokesperson spokesman spokeswoman commissioner rapporteur
    representative envoy minister chief president chairman chairwoman commander ambassador adviser
    advisor official officials general delegate delegates
""".split())
#: Titles of an office named by its field ("Agriculture Secretary", "Energy Minister").
PORTFOLIO_TITLES = frozenset({"secretary", "minister"})
#: Words before "on X" that make X a platform where something was published ("a post on Telegram").
PUBLISHING_WORDS = frozenset("""
    post statement message video channel account page website site say write tweet announce publish
    broadcast air appear report share upload interview article editorial column commentary quote
""".split())
#: Nouns of a body's members, forces or outlets: a proper noun modifying one names the body
#: ("Khmer Rouge guerrillas", "the Taleban militia", "RIA news agency").
MEMBER_NOUNS = frozenset("""
    guerrillas guerrilla rebels rebel militia militias militiaman militiamen fighters gunmen insurgents
    separatists commandos movement party faction agency radio television newspaper firm company force forces
    peacekeepers
""".split())
#: Prepositions whose object is a place ("fighting in Grozny", "a village near Goma").
LOCATIVE_PREPOSITIONS = frozenset("in near outside around inside into across throughout towards toward".split())
#: Nouns after a name that make it a place's name ("Diyarbakir province", "the Chenab river").
PLACE_HEADS = frozenset("""
    province provinces region district city town village area valley river mountains border camp
    airport port county suburb neighbourhood neighborhood governorate municipality settlement
    settlements outpost checkpoint island capital oasis enclave peninsula plateau heights desert coast bay
    lake canal tunnel highway pass corridor prison jail waterway strait marsh marshes oilfield oilfields
    refinery terminal
""".split())
#: Nouns of places and works whose "at" takes a place ("the naval base at Bandar Abbas", "oilfields at Nowruz").
SITE_NOUNS = PLACE_HEADS | frozenset("base bases platform platforms installation installations field fields".split())
#: Verbs of travel: the object of their "to", "from" or "for" is a place ("flew to Tehran").
TRAVEL_VERBS = frozenset("""
    go come return travel fly arrive leave head move flee take drive sail depart bring carry escape
    board transit
""".split())
#: Nouns of travel: the object of their "to" or "from" is a place ("a flight from Khartoum to Amman",
#: "hijacked on its way from Khartoum to ... Amman").
TRAVEL_NOUNS = frozenset("flight flights trip journey road route highway convoy way".split())
#: Nouns of a government named after its leader ("the Reagan administration").
LEADER_GOVERNMENTS = frozenset({"administration"})
#: Nouns of those who rule a state: a capital that modifies one is the state ("the Kabul government").
RULER_NOUNS = frozenset("""
    government regime authorities authority administration leadership rulers official officials
""".split())
#: Verbs whose subject may be a place ("Anza is 20 miles west of Medellin", "the town lies ...").
PLACE_VERBS = frozenset("be lie remain stand sit border overlook".split())
#: Verbs whose object is a place ("left Khartoum"; the seeds' gold keeps "visit Tehran" a metonym).
PLACES_VISITED = frozenset("leave reach enter".split())
#: Last words of the names of roads and crossroads ("Mano Junction", "Minutka Square").
STREET_NOUNS = frozenset("junction square street road avenue bridge highway".split())
_PLACE_OR_STREET = PLACE_HEADS | STREET_NOUNS
#: Words of direction whose "of" takes a place ("north of Welikanda", "20 km south of Grozny").
DIRECTIONS = frozenset("""
    north south east west northeast northwest southeast southwest north-east north-west south-east south-west
""".split())
#: Adjectives of direction that open the name of a region ("Northern Iraq", "Western Cape").
REGION_DIRECTIONS = frozenset("northern southern eastern western".split())
#: A wire story's dateline: its place in capitals, maybe a region, then a date
#: ("BRATISLAVA 1996-08-28", "TAIBE, Israel 1996-08-23", "GOMA, Zaire (Reuters) -", "BEIRUT, March 3 -").
DATELINE = re.compile(r"^([A-Z][A-Z'.-]+(?: [A-Z][A-Z'.-]+)*)(?:, ([A-Z][\w .'-]{0,30}?))?,?"
                      r"\s+(?:\(\w+\)|\d{4}-\d\d-\d\d|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d)",
                      re.MULTILINE)
#: Names of parliaments in their state's language, used as its designation ("the Majlis", "the Russian Duma").
PARLIAMENT_NAMES = frozenset("majlis knesset duma sejm storting".split())
#: Institutions that articles designate by a common noun ("the army", "the defence ministry", "Thailand's
#: powerful military": the noun, not the adjective of "military sources"),
#: with their type; a ministry needs a word for its field ("defence", "of Defence").
#: "government" is the state itself, and only when its words name the state ("the Rwandan government").
INSTITUTIONS = {"ministry": "government_body", "parliament": "government_body", "cabinet": "government_body",
                "congress": "government_body", "senate": "government_body", "house": "government_body",
                "army": "armed_group", "navy": "armed_group", "military": "armed_group", "government": "state",
                "politburo": "government_body", "command": "government_body", "force": "armed_group",
                "forces": "armed_group", **dict.fromkeys(PARLIAMENT_NAMES, "government_body")}
#: Nouns of :data:`INSTITUTIONS` that designate one only after their own word ("the high command", "the Iraqi air
#: force", "the armed forces"): alone they are a kind of thing ("under his command", "government forces").
QUALIFIED_INSTITUTIONS = {"command": "high", "force": "air", "forces": "armed"}
#: Institutions designated by their noun alone, capitalised ("Congress", "the Senate", "the U.S. Senate" after its
#: state, "the Democratic-controlled House"): in lower case ("a two-day congress" of a party, "the house") or after
#: words of its own ("the Nepali Congress", "the White House") the noun is a meeting, a building or part of another
#: name; with no word before it, a congress or a senate in lower case is the institution ("will ask congress").
BARE_INSTITUTIONS = frozenset({"congress", "senate", "house"}) | PARLIAMENT_NAMES
_BARE_IN_LOWER_CASE = frozenset({"congress", "senate"})
#: Institutions whose noun before a title makes a rank ("a former cabinet minister"), not the institution.
RANK_INSTITUTIONS = frozenset({"cabinet"})
#: Nouns of an institution's offices: the adjective of one names the institution's state ("the Iraqi army command").
OFFICE_NOUNS = frozenset("command commands headquarters leadership".split())
#: Designations of the same institution as another of :data:`INSTITUTIONS`: a state's "military" and its "armed
#: forces" are its army; the parliament's own name ("the Majlis", "the Knesset") is its parliament.
SAME_INSTITUTIONS = {"military": "army", "armed forces": "army", **dict.fromkeys(PARLIAMENT_NAMES, "parliament")}
#: Adjectives of an institution's term, not of its designation ("the next Parliament", "the new cabinet").
TERM_ADJECTIVES = frozenset("next last previous new outgoing incoming current present future".split())
#: Nouns an institution's designation may modify and still name it: its people, forces, words and
#: offices ("an army spokesman", "the army command", "a ministry statement"); before any
#: other noun it names a kind of thing ("army clothing", "a cabinet reshuffle", "army presence").
INSTITUTION_AGENTS = TITLE_NOUNS | MEMBER_NOUNS | frozenset(TYPE_HEADS["armed_group"].split()) | frozenset("""
    troops soldier soldiers officer officers source sources unit units detachment personnel staff spokesmen
    office offices headquarters statement statements major majors colonel captain command commands leadership
    communique communiques announcement decision action actions attack attacks raid raids strike strikes
    committee committees
""".split())
_TYPE_BY_WORD = {word: kind for kind, words in TYPE_HEADS.items() for word in words.split()}
#: The words of :data:`_TYPE_BY_WORD`, and the words of bodies' names that are no places' (as sets, for lookups).
_TYPE_WORDS = frozenset(_TYPE_BY_WORD)
_BODY_NOT_PLACE_WORDS = BODY_WORDS - PLACE_BODIES
#: Last words of the names of bodies, whatever their type ("... Headquarters", "... Council", "... Brigades").
_BODY_HEADS = (_TYPE_WORDS | _BODY_NOT_PLACE_WORDS | {"headquarters"}) - {"team"}
_WORD = re.compile(r"[^\W\d_][\w’'-]*")
_ABBREVIATION = re.compile(r"(?:['’]s?)?\s*[(\[]\s*([A-Z][A-Za-z.\-]{1,9})\s*[)\]]")
_ACRONYM = re.compile(r"[A-Z]{2,6}")
#: An adjective of a stance, not a name ("pro-European", "Anti-Syrian").
_STANCE = r"(?:[Pp]ro|[Aa]nti)-[\w'’-]+"
_BRACKETED = re.compile(r"\(([A-Z]{3,6})\)")
#: An abbreviation in brackets, with the space before it, inside a name ("Ministry of Health (MoH) in Gaza").
INNER_ABBREVIATION = re.compile(r"\s+\(([A-Z][A-Za-z.]{1,9})\)(?=\s+\w)")
_OF_ABBREVIATION = re.compile(r"\s+of\s+((?:the\s+)?(?:[A-Z][\w'-]*\s+){0,4}?[A-Z][\w'-]*)"
                              r"\s*[(\[]\s*([A-Z][A-Za-z.\-]{1,9})\s*[)\]]")


#: A byline: two to four capitalised words alone on a line, then the dateline's line.
BYLINE = re.compile(r"(?:^|\n)((?:[A-Z][\w.'-]*[a-z.][\w.'-]* ){1,3}[A-Z][\w'-]*[a-z][\w'-]*)[ \t]*\n\s*\Z")


@dataclass(frozen=True)
class Candidate:
    """A cleaned entity span: offsets into the body, its text and spaCy's label."""

    start: int
    end: int
    text: str
    label: str


def span_text(span) -> str:
    """Return the text of a spaCy ``Span``, cut from the document's text.

    The same string as ``span.text``, which joins the span's tokens anew on every read
    (ten times slower: the extractors read entities' texts many times).
    """
    return doc_text(span.doc)[span.start_char:span.end_char]


def _title_case(words: list[str]) -> bool:
    """Return True if enough words to tell are nearly all capitalised."""
    return (len(words) >= HEADLINE_MIN_WORDS
            and len([w for w in words if w[0].isupper()]) / len(words) >= HEADLINE_CAPITALS)


def _headline_ranges(doc: Doc) -> list[tuple[int, int]]:
    """Return the character ranges of lines written in title case (headlines).

    Only the words outside named entities count, after the first: in a headline they
    are capitalised ("Meets With", "After"), in a sentence they are not ("met", "after").
    The lines whose words, entities included, are not mostly capitalised are passed
    over without looking at their tokens.
    """
    ranges, line_start = [], 0
    for line in doc_text(doc).split("\n"):
        line_end = line_start + len(line)
        if _title_case(_WORD.findall(line)[1:]):
            span = doc.char_span(line_start, line_end, alignment_mode="contract")
            words = [t.text for t in span[1:] if t.is_alpha and not t.ent_type] if span is not None else []
            if _title_case(words):
                ranges.append((line_start, line_end))
        line_start = line_end + 1
    return ranges


def _confirmed(text: str, body: str, headlines: list[tuple[int, int]]) -> bool:
    """Return True if ``text`` also occurs outside the headline ranges of ``body``."""
    for match in re.finditer(re.escape(text), body):
        if not any(s <= match.start() < e for s, e in headlines):
            return True
    return False


def _plural_group(ent) -> bool:
    """Return True for a people written as a plural proper noun ("Kurds", "Serbs").

    Believers ("Muslims", "Shiites") and followers of an -ism ("Zionists") are not a group
    that acts as one. The tagger takes some plurals for singular proper nouns ("Tutsis").
    """
    last = ent[-1].lower_
    return (ent.label_ == "NORP" and ent[-1].tag_ in ("NNPS", "NNS", "NNP") and last.endswith("s")
            and not last.endswith(("ists", "ss")) and last[:-1] not in FAITHS)


def _peoples(doc: Doc) -> list:
    """Return the plural proper nouns spaCy did not take for names whose singular modifies a noun.

    "minority Tamils" beside "Tamil Tiger rebels", "the Bedouins" beside "a Bedouin
    encampment": a people, written as a plural proper noun, is a group (not believers,
    :data:`FAITHS`), whatever spaCy labels it.
    """
    proper = proper_nouns(doc)
    modifiers = {doc.vocab.strings["compound"], doc.vocab.strings["amod"]}
    singulars = {p.text for p in proper if p.dep in modifiers}
    plurals = [doc[p.i] for p in proper if p.text.endswith("s") and not p.text.endswith("ss")
               and p.text[:-1] in singulars and p.text[:1].isupper() and not p.text.isupper()]
    return [t for t in plurals
            if t.ent_type_ not in ("GPE", "LOC") and t.text[:-1].lower() not in FAITHS and not _starts_sentence(t)]


class ProperNoun(NamedTuple):
    """A proper noun of a document as the parse's arrays give it (no spaCy ``Token`` made)."""

    i: int
    start: int
    text: str
    dep: int
    ent_type: int


_PROPER_NOUNS_KEY = ("helpers", "proper_nouns")


def proper_nouns(doc: Doc) -> list[ProperNoun]:
    """Return the proper nouns of ``doc`` in order, read from the parse's arrays once per ``Doc``.

    The steps that walk the proper nouns make ``Token`` objects of the few they keep only.
    Kept in ``doc.user_data`` (which the parse cache does not store), like
    :func:`helpers.extract.nlp.doc_text`.
    """
    found = doc.user_data.get(_PROPER_NOUNS_KEY)
    if found is None:
        body = doc_text(doc)
        array = doc.to_array([POS, IDX, LENGTH, DEP, ENT_TYPE]) if len(doc) else numpy.zeros((0, 5), dtype="uint64")
        indices = numpy.flatnonzero(array[:, 0] == PROPN)  # only these rows become Python values
        found = doc.user_data[_PROPER_NOUNS_KEY] = [
            ProperNoun(i, start, body[start:start + length], dep, ent_type)
            for i, (start, length, dep, ent_type) in zip(indices.tolist(), array[indices, 1:].tolist(), strict=True)]
    return found


def _unlabelled_subjects(doc: Doc) -> list:
    """Return runs of proper nouns outside any entity that are the subject of a verb.

    spaCy's small model misses some names ("Lebed told reporters"); a proper noun that
    does something in the sentence is a name all the same. Its label is PERSON, or ORG
    when its last word is an organisation's ("... Front") or it is an acronym ("RIA"). Only the proper nouns outside
    entities are looked at one by one (read from the parse as arrays): touching every
    token from Python cost half of the actor step.
    """
    runs: list[tuple[int, int, str]] = []
    run: list = []
    body = doc_text(doc)
    for i in _unlabelled_proper_nouns(doc):
        token = doc[i]
        if not (token.text[:1].isupper() and (not token.is_upper or _acronym(token))):
            _close_run(body, run, runs)
            run = []
        elif run and run[-1].i == i - 1:
            run.append(token)
        else:
            _close_run(body, run, runs)
            run = [token]
    _close_run(body, run, runs)
    return runs


def _of_name_end(token):
    """Return the last word of the "of" and proper nouns that go on a body's name ("... Union of Universities")."""
    doc, i = token.doc, token.i
    if i + 2 < len(doc) and doc[i + 1].lower_ == "of" and doc[i + 2].pos_ == "PROPN" and doc[i + 2].text[:1].isupper():
        i += 2
        while i + 1 < len(doc) and doc[i + 1].pos_ == "PROPN" and doc[i + 1].text[:1].isupper():
            i += 1
    return doc[i]


def _unlabelled_proper_nouns(doc: Doc) -> list[int]:
    """Return the indices of the proper nouns that are in no entity."""
    return [p.i for p in proper_nouns(doc) if not p.ent_type]


def _acronym(token) -> bool:
    """Return True for capitals that abbreviate a name ("RIA", "KNU", "ECOMOG") in a sentence not in capitals."""
    if not (token.is_alpha and 2 <= len(token) <= 8):
        return False
    words = [t for t in token.sent if t.is_alpha and len(t) > 1]
    return sum(t.is_upper for t in words) * 2 < len(words)


def _close_run(body: str, run: list, runs: list[tuple[int, int, str]]) -> None:
    """Add a finished run of proper nouns to ``runs`` when it names someone (see above).

    It does when it is the subject of a verb, the name of a body before a noun of its
    members (:func:`_names_members`), the name of an outlet after its noun ("the
    Yugoslav news agency Tanjug", "the daily Resalat") or two words or more that end with a body's noun
    (:data:`_BODY_HEADS`: "a spokesman for Tehran's War Information Headquarters").
    """
    outlet = bool(run) and _names_members(run) and run[-1].head.lower_ in OUTLET_NOUNS
    if not run or not (len(run) > 1 or not _starts_sentence(run[0]) or _recurs(body, run[0].text) or outlet):
        return
    if any(t.dep in (nsubj, nsubjpass) for t in run):
        label = "ORG" if run[-1].lower_ in _TYPE_BY_WORD or all(t.is_upper for t in run) else "PERSON"
        runs.append((run[0].idx, run[-1].idx + len(run[-1].text), label))
    elif _names_members(run) or (run[0].i > 0 and run[0].doc[run[0].i - 1].lower_ in OUTLET_NOUNS) or (
            len(run) > 1 and run[-1].lower_ in _BODY_HEADS):
        last = _of_name_end(run[-1])
        runs.append((run[0].idx, last.idx + len(last.text), "ORG"))


#: The labels of the entities :func:`_plural_group`, :func:`_names_agency` and :func:`_misread` may read as names.
_MISREAD_LABELS = frozenset({"NORP", "WORK_OF_ART", "PRODUCT"})


def _misread(ent) -> str | None:
    """Return the label of a name spaCy took for a work or a people's, from its place in the sentence.

    Whom someone tells something is a medium ("Ruehe told Bild am Sonntag", a "work of
    art" to spaCy); a name of two words or more in apposition with a title is a person
    ("his Turkish counterpart Necmettin Erbakan", a "people" to spaCy).
    """
    if ent.label_ not in ("WORK_OF_ART", "PRODUCT", "NORP"):
        return None
    root = ent.root
    if ent.label_ in ("WORK_OF_ART", "PRODUCT") and root.dep_ in ("dobj", "dative") and root.head.lemma_ == "tell":
        return "ORG"
    if (ent.label_ == "NORP" and len(ent) > 1 and root.dep_ == "appos"
            and root.head.lower_ in TITLE_NOUNS | {"counterpart"}):
        return "PERSON"
    return None


def _names_agency(ent) -> bool:
    """Return True for a word spaCy takes for a people's that names a news agency.

    "the state-run Anatolian news agency": an adjective that is no state's demonym
    (those are dropped as such, "the Iranian news agency") before "news agency".
    """
    if ent.label_ != "NORP":
        return False
    root = ent.root
    return (root.dep_ in ("amod", "compound") and root.head.lower_ == "agency"
            and ent.end < len(ent.doc) and ent.doc[ent.end].lower_ == "news" and root.head.i == ent.end + 1)


def _names_members(run: list) -> bool:
    """Return True if a run of proper nouns modifies a noun of a body's members or outlets.

    "Khmer Rouge guerrillas", "the Taleban militia", "RIA news agency": the run is the
    body's name.
    """
    last = run[-1]
    head = last.head
    return last.dep_ == "compound" and head.i > last.i and head.lower_ in MEMBER_NOUNS and all(
        t.dep_ == "compound" for t in last.doc[last.i + 1:head.i])


def _starts_sentence(token) -> bool:
    """Return True for the first word of a sentence, of a paragraph (after a line break) or of a digest's item.

    A digest's item opens after its dateline ("BELFAST - Mourners clashed with police"), which
    spaCy reads as the same sentence.
    """
    body = doc_text(token.doc)
    return token.is_sent_start or (token.i > 0 and token.doc[token.i - 1].is_space) or (
        _is_digest(body) and _item_dateline_end(body, token.idx) == token.idx)


@functools.lru_cache(maxsize=256)
def _is_digest(body: str) -> bool:
    """Return True if a text is a digest of short items, each opened by its own dateline (:func:`item_states`).

    The first word after a single story's dateline ("WASHINGTON, Oct 20 - Lyng said") is left to the parser.
    """
    return len(ITEM_DATELINE.findall(body)) > 1


def _item_dateline_end(body: str, at: int) -> int | None:
    r"""Return where the item dateline of the line holding ``at`` ends (:data:`ITEM_DATELINE`), if it has one.

    >>> t = "Highlights\n\nBEIRUT - Rescue workers planned"; _item_dateline_end(t, 20)
    21
    """
    match = ITEM_DATELINE.match(body, body.rfind("\n", 0, at) + 1)
    return match.end() if match else None


def _after_item_dateline(body: str, start: int, end: int) -> int:
    r"""Return ``start`` moved past a digest item's dateline that the span runs over.

    spaCy joins the dateline's place and the item's first words: "BEIRUT - Rescue",
    "Sierra Leone - Sierra Leone's". The place is the dateline's, the rest the item's.

    >>> t = "Highlights\n\nFREETOWN, Sierra Leone - Sierra Leone's former vice-president"
    >>> t[_after_item_dateline(t, 22, 51):51]
    "Sierra Leone's"
    """
    item = _item_dateline_end(body, start)
    return item if item is not None and start < item < end else start


#: What comes before a word written inside a sentence: a word or clause mark, then spaces on the same line.
_INSIDE_A_SENTENCE = re.compile(r"[\w,;:][^\S\n]+$")


def _recurs(body: str, word: str) -> bool:
    r"""Return True if a sentence-initial word is also written inside a sentence.

    "Lebed told reporters ... said Lebed" is a name; "Attendance was low" is not. A
    line break is no inside of a sentence ("WASHINGTON 1996-08-23\n\nLeaders of ...").
    """
    start = body.find(word, 1)
    while start > 0:
        end = start + len(word)
        if not (end < len(body) and (body[end].isalnum() or body[end] == "_")) and _INSIDE_A_SENTENCE.search(
                body, max(0, start - 40), start):
            return True
        start = body.find(word, start + 1)
    return False


def candidate_entities(doc: Doc, leading_words: frozenset[str]) -> list[Candidate]:
    """Return spaCy's PERSON, ORG, GPE, LOC and FAC entities cut down to their names.

    ``leading_words`` (lowercase demonyms) are dropped before a person's name with the
    titles. A span in a title-case headline is kept only if the article uses the same
    words outside headlines. Plural proper nouns of groups ("Kurds") and proper nouns
    that spaCy did not label but that are the subject of a verb are candidates too.
    """
    body = doc_text(doc)
    headlines = _headline_ranges(doc)
    found: list[Candidate] = []
    ents = [e for e in doc.ents if e.label_ in NER_LABELS or (
        e.label_ in _MISREAD_LABELS and (_plural_group(e) or _names_agency(e) or _misread(e)))]
    places = _place_names(ents, dateline_places(body))
    peoples = {t.i for t in _peoples(doc)}
    spans = [(e.start_char, _name_end(e), "NORP" if {e.start, e.end - 1} <= peoples
              else _label(e, leading_words, places), e) for e in ents]
    spans += [(start, end, _place_label(body[start:end], spans, places) or label, None)
              for start, end, label in _unlabelled_subjects(doc)]
    spans += [(start, end, "PERSON", None) for start, end in bylines(body)
              if not any(s <= start < e and label == "PERSON" for s, e, label, _ in spans)]
    spans += [(doc[i].idx, doc[i].idx + len(doc[i]), "NORP", None) for i in sorted(peoples) if not doc[i].ent_type]
    spans += [(start, end, "ORG", None) for start, end in _bracketed_acronyms(doc)]
    spans += [(start, end, "PERSON", None) for start, end in _initialled_names(doc)]
    for ent_start, ent_end, label, ent in spans:
        start, end = clean_span(body, _hyphen_start(body, ent_start), ent_end, label == "PERSON", leading_words)
        start = _capital_start(body, _after_item_dateline(body, start, end), end)
        start = _initials_start(body, start) if label == "PERSON" else start
        text = body[start:end]
        label = "LOC" if label is not None and region_name(text) else _item_label(doc, start, end, label)
        if label is None or end <= start or not is_name(text) or calendar_words(text):
            continue
        if any(s <= start < e for s, e in headlines) and not _confirmed(text, body, headlines):
            continue
        if (_names_a_thing(ent) if ent is not None else text.split()[-1].lower() in THING_NAMES):
            continue
        if (wire_capitals(body, text) or spelt_in_lower_case(body, text) or re.fullmatch(_STANCE, text)
                or time_zone(body, start, text)):
            continue
        if label == "PERSON" and any(ch.isdigit() for ch in text):
            continue  # a code name ("Karbala-8", "Khark-5"): a person's name has no digit
        if label == "ORG" and _in_a_rank(body, text, end):
            continue
        found.append(_extended_to_unit(body, _extended_to_abbreviation(body, Candidate(start, end, text, label))))
    return [c for c in found if not _inserted_name_part(body, c) and not any(
        o.start <= c.start and c.end <= o.end and o.end - o.start > c.end - c.start
        and (o.label == "ORG" or _initialled_person(o, c)) for o in found)]


#: The end of an editor's insertion in brackets that a name runs out of: the name goes on after the closing bracket
#: ("(Syrian President Hafez al-) Assad", "(Bhutto's husband Asif Ali) Zardari", "Mr. (Ali) Usayran").
_INSERT_END = re.compile(r"(?:\s*[a-z]{1,3}-)?\s*\)\s+[A-Z]")


#: Military ranks, as written in titles ("Maj. Gen.", "Admiral").
_RANKS = (r"(?:Gen|Maj|Lt|Col|Adm|Capt|Sgt|Brig|Cmdr|General|Admiral|Colonel|Major|Captain|Lieutenant|Sergeant|"
          r"Brigadier|Marshal|major|lieutenant|brigadier)\b\.?")
#: Ranks, then a name (after a force's name: "Navy Admiral William Crowe", "Air Force major General Richard Secord").
_RANK_AFTER = re.compile(rf"(?:[\s-]+{_RANKS})+\s+[A-Z]")
#: Ranks that end an entity spaCy ran into the title ("Air Force Maj" of "Air Force Maj. Gen. Richard Secord").
_RANKS_AT_END = re.compile(rf"(?:\s+{_RANKS})+$")


def _in_a_rank(body: str, text: str, end: int) -> bool:
    """Return True for a force's name that opens a military rank before a person's name.

    The force is part of the person's title ("retired Air Force Maj. Gen. Richard Secord"), no mention of
    its own; a spokesman speaks for his force ("an army spokesman, Colonel X" stays).

    >>> t = "retired Air Force major General Richard Secord"; _in_a_rank(t, "Air Force", 17)
    True
    >>> t = "retired Air Force Maj. Gen. Richard Secord"; _in_a_rank(t, "Air Force Maj", 21)
    True
    """
    ranks = _RANKS_AT_END.search(text)
    force = text[:ranks.start()] if ranks else text
    after = re.compile(rf"\.?(?:[\s-]+{_RANKS})*\s+[A-Z]") if ranks else _RANK_AFTER
    return bool(force) and discovered_type("ORG", force) == "armed_group" and after.match(body, end) is not None


def _inserted_name_part(body: str, c: Candidate) -> bool:
    """Return True for the first part of a person's name inside an editor's insertion (:data:`_INSERT_END`).

    The part is not a person of its own: the whole name is the person whose surname follows
    the bracket ("Hafez al-" of "(Syrian President Hafez al-) Assad" is Assad).
    """
    opening = body.rfind("(", 0, c.start)
    return (c.label == "PERSON" and opening >= 0 and _INSERT_END.match(body, c.end) is not None
            and not any(mark in body[opening:c.start] for mark in ")\n"))


def _item_label(doc: Doc, start: int, end: int, label: str | None) -> str | None:
    """Return the label of a span that opens a digest's item once cut from its dateline (else ``label``).

    What is left of "ROME - Partners in Italy's coalition" is a common word capitalised as
    the item's first word (:func:`_common_word`): no name; of "FREETOWN, Sierra Leone -
    Sierra Leone's former vice-president", a state's name.
    """
    if label is None or _item_dateline_end(doc_text(doc), start) != start:
        return label
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is not None and len(span) == 1 and _common_word(span[0]):
        return None
    return "GPE" if state_index().lookup(doc_text(doc)[start:end]) is not None else label


#: Initials before a surname ("P.V. Krishnamoorthy", "N.J. Bose"); not a wire's abbreviation of a state or body.
_INITIALS = re.compile(r"(?<![\w.])((?:[A-Z]\.){1,3}) +$")
_ABBREVIATED_BODIES = frozenset({"U.S.", "U.N.", "U.K.", "E.U.", "E.C."})
_INITIALS_ONLY = re.compile(r"(?:[A-Z]\.){1,3}")
#: An initial: where the tokens :func:`_initials_tokens` looks at may start (a match never holds the start of another).
_INITIAL_AT = re.compile(r"[A-Z]\.")


def _initials_start(body: str, start: int) -> int:
    """Return where a person's name starts with the initials written right before it.

    spaCy leaves out initials it takes for an abbreviation ("N.J." of "N.J. Bose" is New
    Jersey to it) or keeps the surname only ("Krishnamoorthy" of "P.V. Krishnamoorthy").

    >>> t = "secretary N.J. Bose"; t[_initials_start(t, 15):]
    'N.J. Bose'
    >>> t = "U.S. Clinton"; t[_initials_start(t, 5):]
    'Clinton'
    """
    spaces = start
    while spaces > 0 and body[spaces - 1] == " ":
        spaces -= 1
    # Initials that end right before the spaces before ``start`` begin at most three initials earlier:
    # the regex is asked there, not over the whole text before the name.
    match = _INITIALS.search(body, max(0, spaces - 6), start)
    if match is None or match.group(1) in _ABBREVIATED_BODIES or match.end() != start:
        return start
    return match.start(1)


#: Words of the calendar, lowercase: months, their abbreviations, weekdays.
CALENDAR_WORDS = frozenset(w.lower() for w in [*MONTHS, *MONTH_ABBR, *WEEKDAYS])
#: Words that join calendar words into one expression ("Aug/Sept and Apr/May").
_CALENDAR_JOINS = frozenset({"and", "or", "to", "of"})


@functools.lru_cache(maxsize=8192)
def calendar_words(text: str) -> bool:
    """Return True for a span of two months or weekdays or more and nothing else, which spaCy may take for a name.

    One such word alone may be a name ("May said"), so it stays.

    >>> calendar_words("Aug/Sept and Apr/May"), calendar_words("May"), calendar_words("May Day Committee")
    (True, False, False)
    """
    words = [w for w in re.split(r"[\s/-]+", text.lower().rstrip(".")) if w]
    return len(words) > 1 and all(w.rstrip(".") in CALENDAR_WORDS or w in _CALENDAR_JOINS for w in words) \
        and words[0] not in _CALENDAR_JOINS


def _initialled_names(doc: Doc) -> list[tuple[int, int]]:
    """Return the spans of initials and the one surname after them that spaCy did not take for a person.

    "All Fishermen's Association secretary N.J. Bose said": spaCy labels "N.J." a place and
    leaves "Bose" out (and may start a sentence at him). Initials after a comma are a state's
    ("Newark, N.J."): a word comes right before a person's.
    """
    found = []
    for token in _initials_tokens(doc):
        after = doc[token.i + 1]
        if (token.text not in _ABBREVIATED_BODIES and doc[token.i - 1].is_alpha and after.pos_ == "PROPN"
                and after.text[:1].isupper() and after.ent_type_ in ("", "PERSON")):
            found.append((token.idx, after.idx + len(after.text)))
    return found


def _initials_tokens(doc: Doc) -> list:
    """Return the tokens made of initials only ("N.J."), neither the first nor the last of ``doc``.

    Found where :data:`_INITIAL_AT` matches the text at a token's start (bisected in the token
    offsets): the other tokens are never made into ``Token`` objects.
    """
    starts = token_starts(doc)
    found = []
    for match in _INITIAL_AT.finditer(doc_text(doc)):
        i = bisect.bisect_left(starts, match.start())
        if 0 < i < len(starts) - 1 and starts[i] == match.start() and _INITIALS_ONLY.fullmatch(doc[i].text):
            found.append(doc[i])
    return found


def _initialled_person(name: Candidate, part: Candidate) -> bool:
    """Return True if ``part`` is only the initials or the surname of the person ``name`` with initials."""
    return name.label == "PERSON" and _INITIALS.match(name.text + " ") is None and bool(
        re.match(r"(?:[A-Z]\.){1,3} ", name.text)) and (part.label != "PERSON" or part.end == name.end)


def wire_capitals(body: str, text: str) -> bool:
    """Return True for a state's abbreviation and common words that the wire capitalised after its period.

    Reuters copy of the 1980s capitalises the word after "U.S." as if a sentence began
    there ("a shipment of U.S. Arms to Iran", "the N.Z. Dollar"); words that the article
    also writes in lower case, function words and the nouns of a title ("a U.S. Delegate")
    are no part of a name (the state is found by its abbreviation alone); in an article whose
    copy capitalises even a function word there ("the U.S. Would do whatever was necessary"),
    no word but a body's is. A body's word keeps the name ("U.S. Army").

    >>> body = "arms sales ... a shipment of U.S. Arms to Iran and the U.S. Army"
    >>> wire_capitals(body, "U.S. Arms"), wire_capitals(body, "U.S. Army"), wire_capitals(body, "U.S.")
    (True, False, False)
    >>> wire_capitals("U.S. Warships destroyed it; the U.S. Would act", "U.S. Warships")
    True
    """
    match = re.fullmatch(r"((?:[A-Z]\.){2,})\s+([A-Z].*)", text)
    if match is None or state_index().lookup(match.group(1)) is None:
        return False
    words = [w.lower() for w in match.group(2).split()]
    every = _capitalises_after_abbreviations(body)
    return all(w not in _TYPE_BY_WORD and w not in BODY_WORDS and (
        every or w in STOP_WORDS or w in TITLE_NOUNS or re.search(rf"(?<![\w.-]){re.escape(w)}(?![\w-])", body))
        for w in words)


def _capitalises_after_abbreviations(body: str) -> bool:
    """Return True if the copy capitalises a function word after a state's abbreviation ("U.S. Would", "U.S. And")."""
    return any(word.lower() in STOP_WORDS for word in re.findall(r"\b(?:[A-Z]\.){2,}\s+([A-Z][a-z]+)\b", body))


def time_zone(body: str, start: int, text: str) -> bool:
    """Return True for a time zone after a time of day ("at noon (EST)", "at 1500 GMT"), no body's name.

    >>> body = "walk off the job at noon (EST) next Thursday; at 1500 GMT; in 1986 NATO"
    >>> [time_zone(body, body.index(z), z) for z in ("EST", "GMT", "NATO")]
    [True, True, False]
    """
    return re.fullmatch(r"[A-Z]{1,3}T", text) is not None and re.search(
        r"(?:\b\d{1,2}[:.]\d{2}|\b\d{4}|\bnoon|\bmidnight|\b[ap]\.?m\.?)\s*\(?\s*$", body[max(0, start - 20):start],
        re.IGNORECASE) is not None


def spelt_in_lower_case(body: str, text: str) -> bool:
    """Return True for an acronym that the article introduces after a phrase in lower case.

    "USDA's export enhancement program (EEP)": the acronym abbreviates a common noun
    phrase (a programme, a measure), not the name of a body.

    >>> body = "USDA's export enhancement program (EEP) to include ... An across-the-board EEP"
    >>> spelt_in_lower_case(body, "EEP"), spelt_in_lower_case(body, "USDA")
    (True, False)
    """
    if not _ACRONYM.fullmatch(text):
        return False
    words = re.compile(rf"((?:[a-z][\w-]*\s+){{{len(text)}}})$")
    for bracket in re.finditer(rf"\(\s*{re.escape(text)}\s*\)", body):
        match = words.search(body, max(0, bracket.start() - 40 * len(text)), bracket.start())
        if match is not None:
            return "".join(w[0] for w in match.group(1).split()).upper() == text
    return False


@functools.lru_cache(maxsize=8192)
def region_name(text: str) -> bool:
    """Return True for a name that a capitalised direction opens and no word of a body's ends: a region's.

    >>> region_name("North Caucasus"), region_name("East Java"), region_name("Northern Alliance")
    (True, True, False)
    """
    words = text.lower().split()
    return (len(words) > 1 and text[:1].isupper() and words[0] in DIRECTIONS | REGION_DIRECTIONS
            and not any(w in _TYPE_BY_WORD or w in BODY_WORDS for w in words))


def _capital_start(body: str, start: int, end: int) -> int:
    """Return ``start`` moved past the lowercase words a name does not start with ("dissident", "and").

    A particle stays ("al-Qaeda", "de Klerk"). An adjective of a stance goes, capitalised or not
    ("Pro-European Conservative").

    >>> t = "dissident Khmer Rouge"; t[_capital_start(t, 0, len(t)):]
    'Khmer Rouge'
    >>> t = "al-Qaeda"; t[_capital_start(t, 0, len(t)):]
    'al-Qaeda'
    >>> t = "Pro-European Conservative"; t[_capital_start(t, 0, len(t)):]
    'Conservative'
    """
    while True:
        word = re.match(rf"([a-z][\w'’]*|{_STANCE})\s+(?=\S)", body[start:end])
        if not word or word.group(1) in PARTICLES:
            return start
        start += word.end()


def _name_end(ent) -> int:
    """Return where an entity's name ends: before lowercase words that modify a noun after it.

    spaCy sometimes stops an entity inside a phrase ("Interfax news" of "Interfax news
    agency"): its last lowercase words then belong to the noun after it, not to the name.
    A person's name it stops before the proper noun the name hangs on goes on to it
    ("Abdul-Karim" of "Abdul-Karim al-Kabariti").
    """
    end = ent.end
    root = ent.root
    head = root.head
    if _leader_government(ent):
        return head.idx + len(head.text)
    if (ent.label_ == "PERSON" and root.dep_ == "compound" and ent.end <= head.i <= ent.end + 3
            and head.pos_ == "PROPN" and all(t.pos_ == "PROPN" or t.is_punct for t in ent.doc[ent.end:head.i + 1])):
        return head.idx + len(head.text)
    while (end - 1 > ent.start and ent.doc[end - 1].is_lower and ent.doc[end - 1].dep_ in ("compound", "amod")
           and ent.doc[end - 1].head.i >= ent.end):
        end -= 1
    return ent.end_char if end == ent.end else ent.doc[end - 1].idx + len(ent.doc[end - 1].text)


def _leader_government(ent) -> bool:
    """Return True if a person's name modifies the noun of the government he leads (:data:`LEADER_GOVERNMENTS`).

    "the Reagan administration", "the Clinton administration" are a government body, named
    after its leader; the name is the body's, not a mention of the person.
    """
    if ent.label_ != "PERSON":
        return False
    root = ent.root
    return root.dep_ == "compound" and root.head.i == ent.end and root.head.lower_ in LEADER_GOVERNMENTS


def _bracketed_acronyms(doc: Doc) -> list[tuple[int, int]]:
    """Return the acronyms in brackets after a description of a body ("the NATO-led peace force (IFOR)").

    Capitals that spaCy leaves unlabelled, in brackets right after a common noun, name
    the body that noun describes; after a name they abbreviate it
    (:func:`resolve_abbreviations`).
    """
    found = []
    for match in _BRACKETED.finditer(doc_text(doc)):
        span = doc.char_span(match.start(1), match.end(1))
        before = doc.char_span(match.start(), match.start() + 1)
        if (span is not None and before is not None and len(span) == 1 and not span[0].ent_type
                and before[0].i > 0 and doc[before[0].i - 1].pos_ == "NOUN"):
            found.append(match.span(1))
    return found


def _hyphen_start(body: str, start: int) -> int:
    """Return where a name starts that spaCy cut after a hyphen ("Soir" of "France-Soir", "Islami" of "Hezb-i-Islami").

    >>> _hyphen_start("the daily France-Soir said", 17)
    10
    >>> _hyphen_start("allied with Hezb-i-Islami", 19)
    12
    """
    if start >= 2 and body[start - 1] == "-" and body[start - 2].isalpha():
        match = re.search(r"[A-Z][\w'’]*(?:-[a-z]{1,3})*-$", body[max(0, start - 40):start])
        if match:
            return start - len(match.group())
    return start


def _place_label(text: str, spans: list[tuple], places: set[str]) -> str | None:
    """Return the place label (GPE, LOC) the article gives a name elsewhere, if any.

    A proper noun that spaCy left unlabelled as a subject ("Vavuniya is just south of
    ...") keeps the label of the same name where spaCy did label it ("the town of Vavuniya").
    """
    name = normalise_name(text)
    if name in places:
        return "LOC"
    return next((label for _, _, label, ent in spans
                 if label in ("GPE", "LOC") and normalise_name(span_text(ent)) == name), None)


def _extended_to_abbreviation(body: str, c: Candidate) -> Candidate:
    """Return a body's name widened to the "of ..." that its bracketed abbreviation spells.

    spaCy cuts "the Kurdistan Democratic Party of Iran (KDPI)" at "of"; "KDPI" says the
    name goes on to "Iran" (the candidates inside the wider name are then dropped).
    """
    match = _OF_ABBREVIATION.match(body, c.end)
    if c.label != "ORG" or match is None:
        return c
    wider = body[c.start:match.end(1)]
    if initials(wider) != re.sub(r"[^A-Z]", "", match.group(2)):
        return c
    return Candidate(c.start, match.end(1), wider, c.label)


#: A noun of a military unit in lower case right after a name: the unit is named after someone or something
#: ("the Hamza brigade"; not "unit" nor "division", which name a company's parts as often: "the Ford Motor Co unit").
_UNIT_AFTER = re.compile(r"[^\S\n]+(brigade|battalion|regiment)\b")


def _extended_to_unit(body: str, c: Candidate) -> Candidate:
    """Return a person's or a body's name widened to the noun of a military unit after it (:data:`_UNIT_AFTER`).

    >>> t = "ground held by the Mohammed al-Qassem brigade"
    >>> _extended_to_unit(t, Candidate(19, 37, t[19:37], "PERSON")).text
    'Mohammed al-Qassem brigade'
    """
    match = _UNIT_AFTER.match(body, c.end)
    if c.label not in ("PERSON", "ORG") or match is None:
        return c
    return Candidate(c.start, match.end(), body[c.start:match.end()], "ORG")


def _label(ent, demonyms: frozenset[str], places: set[str]) -> str | None:
    """Return the label a candidate entity is read with, or None if it names no one.

    spaCy's label is corrected from the text and the parse: a name used as a place
    (:func:`_place_names`) is a ``LOC``; an adjective of nationality alone ("Slovak") and
    a common word capitalised as a sentence's first word (:func:`_common_word`) are no names,
    the adjective's plural ("Sri Lankans") is a group, a name ending with a noun of place
    or road ("Mano Junction") a place, a word of a demonym of two
    ("Sierra" of "Sierra Leonean") and a people's name as an adjective (:func:`_people_word`)
    no names; the name after a noun of outlets ("the daily
    Le Figaro") is a body's; a title before a name labelled as an
    organisation ("General Anatoly Shkirko") or used as a place makes it a person; a state's name or capital
    taken for a person ("Kiev's Foreign Minister", "Khartoum's government forces") is a
    state or a place (the capital's use decides later).
    """
    text = span_text(ent)
    lowered = text.lower()
    if lowered in demonyms or lowered in REGION_ADJECTIVES or _in_demonym(ent, demonyms) or (
            _people_word(ent, demonyms)) or (len(ent) == 1 and _starts_sentence(ent[0]) and _common_word(ent[0])) or (
            _portfolio(ent)) or _states_government(lowered, demonyms):
        return None
    if _names_agency(ent) or _leader_government(ent) or (
            ent.start > 0 and ent.doc[ent.start - 1].lower_ in OUTLET_NOUNS):
        return "ORG"
    misread = _misread(ent)
    if misread:
        return misread
    if lowered.endswith("s") and lowered[:-1] in demonyms:
        return "NORP"
    if ent.label_ == "PERSON" and _titled_person(text):
        return "PERSON"  # a title makes a person wherever the name stands ("went to Hojatoleslam Hashemi Rafsanjani")
    if ent.label_ in ("PERSON", "ORG") and (normalise_name(text) in places or _town_and_state(text)
                                            or (len(ent) > 1 and ent[-1].lower_ in _PLACE_OR_STREET)):
        return "LOC"
    if ent.label_ == "PERSON" and state_index().lookup(text) is not None:
        return "GPE"
    if ent.label_ == "ORG" and _titled_person(text):
        return "PERSON"
    return ent.label_


def _portfolio(ent) -> bool:
    """Return True for the field of a secretary's or minister's title, which names no body.

    "Agriculture Secretary Richard Lyng": one capitalised word right before "Secretary" or
    "Minister" that the article writes nowhere else is part of the title; a body's name
    used elsewhere too stays ("Treasury Secretary James Baker" ... "at the Treasury").
    """
    root = ent.root
    if (len(ent) != 1 or ent.label_ != "ORG" or root.is_upper or root.dep_ != "compound"
            or root.head.i != ent.end or root.head.lower_ not in PORTFOLIO_TITLES):
        return False
    body = doc_text(ent.doc)
    return re.search(rf"\b{re.escape(root.text)}\b(?!\s+(?i:secretary|minister))", body) is None


@functools.lru_cache(maxsize=8192)
def _town_and_state(text: str) -> bool:
    """Return True for a place written with its state after a comma.

    >>> _town_and_state("Larnaca, Cyprus"), _town_and_state("Reuters, London")
    (True, False)
    """
    place, _, state = text.rpartition(", ")
    known = state_index().lookup(state) if place else None
    return known is not None and normalise_name(state) != normalise_name(known.capital or "")


def _people_word(ent, demonyms: frozenset[str]) -> bool:
    """Return True for a people's name used as an adjective ("Turkish Kurd guerrillas", "Hutu rebels").

    One word (after the demonyms before it: "Rwandan Hutu refugees") modifying a noun after
    it, whose plural or adjective in -ish the article writes too ("Hutus", "Kurdish"),
    names the people, not a person or a body; so does a one-word "person" that the article
    only ever writes before a common noun ("the Khmer people", "the separatist Croat
    mini-state"; not "the Netanyahu government", :data:`RULER_NOUNS`).
    """
    if ent.label_ not in ("PERSON", "ORG") or len(ent) - _words_within(ent, demonyms) != 1:
        return False
    words = [t for t in ent if t.lower_ not in demonyms]
    if words[0].dep_ not in ("compound", "amod") or words[0].head.i < ent.end:
        return False
    text = doc_text(ent.doc)
    word = words[0].text
    if (f"{word}s" in text or f"{word}ish" in text) and re.search(rf"\b{re.escape(word)}(?:s|ish)\b", text):
        return True
    head = words[0].head
    lemma = head.lemma_.lower()
    return (ent.label_ == "PERSON" and head.pos_ == "NOUN" and lemma not in RULER_NOUNS and lemma not in MEMBER_NOUNS
            and all(_modifies_a_noun_after(t) for t in ent.doc if t.text == words[0].text))


def _words_within(span, words: frozenset[str]) -> int:
    """Return how many tokens of ``span`` are one of ``words`` in lowercase.

    Counted in the document's index of those tokens (:func:`helpers.extract.nlp.tokens_with_lower`),
    by bisection: no ``Token`` is made.
    """
    found = tokens_with_lower(span.doc, words)
    return bisect.bisect_left(found, span.end) - bisect.bisect_left(found, span.start)


def _modifies_a_noun_after(token) -> bool:
    """Return True if a word modifies a noun after it.

    A common noun ("Hutu" of "Hutu refugees") or the proper noun of a longer name ("Karen"
    of "Karen National Union").
    """
    return token.dep_ in ("compound", "amod", "nmod") and token.head.i > token.i and (
        token.head.pos_ in ("NOUN", "PROPN") or token.dep_ == "amod")


def _in_demonym(ent, demonyms: frozenset[str]) -> bool:
    """Return True if an entity is one word of a demonym of two ("Sierra" of "Sierra Leonean")."""
    doc = ent.doc
    body = doc_text(doc)
    lowered = body[ent.start_char:ent.end_char].lower()
    if lowered.isascii() and lowered not in _demonym_parts(demonyms):
        return False  # the span with a word before or after it is longer than the lowered entity
    before = body[doc[ent.start - 1].idx:ent.end_char].lower() if ent.start > 0 else ""
    after = body[ent.start_char:doc[ent.end].idx + len(doc[ent.end])].lower() if ent.end < len(doc) else ""
    return before in demonyms or after in demonyms


@functools.lru_cache(maxsize=8)
def _demonym_parts(demonyms: frozenset[str]) -> frozenset[str]:
    """Return the starts and ends of the demonyms, all but the whole: the only entities :func:`_in_demonym` may find.

    >>> parts = _demonym_parts(frozenset({"sierra leonean"}))
    >>> "sierra" in parts, "leonean" in parts, "sierra leonean" in parts
    (True, True, False)
    """
    return frozenset(part for d in demonyms for i in range(1, len(d)) for part in (d[:i], d[i:]))


def _states_government(lowered: str, demonyms: frozenset[str]) -> bool:
    """Return True for "the British Government": a state's metonym, left to the institutions' rule, no body of its own.

    >>> _states_government("the british government", frozenset({"british"}))
    True
    """
    words = lowered.removeprefix("the ").split()
    return len(words) > 1 and words[-1] == "government" and " ".join(words[:-1]) in demonyms


def _common_word(token) -> bool:
    """Return True if a word capitalised as a sentence's first word is a common word there.

    The tagger says so ("Bystanders"), or the article writes the word in lower case
    elsewhere and never capitalised inside a sentence ("Proud of its record, ..." beside
    "every reason to be proud"; "Leaders of ..." beside "the two leaders").
    """
    if token.tag_ in ("NN", "NNS"):
        return True
    body = doc_text(token.doc)
    lower = token.lower_
    return (lower in body and re.search(rf"(?<![\w-]){re.escape(lower)}(?![\w-])", body) is not None
            and not _recurs(body, token.text))


@functools.lru_cache(maxsize=8192)
def _titled_person(text: str) -> bool:
    """Return True for a title and two capitalised words or more that name no body.

    One word is enough after a title of two words or more ("Major-General Utomo").

    >>> _titled_person("General Anatoly Shkirko"), _titled_person("General Motors")
    (True, False)
    >>> _titled_person("General Motors Corp's")
    False
    >>> _titled_person("Major-General Utomo"), _titled_person("Major-General")
    (True, False)
    """
    words = text.split()
    titles = 0
    while words and is_title(words[0]):
        titles += len(words[0].split("-"))
        words = words[1:]
    return (titles > 0 and len(words) >= (1 if titles > 1 else 2)
            and all(w[:1].isupper() and w.lower() not in _TYPE_BY_WORD
                    and re.sub(r"['’]s?$|\.$", "", w.lower()) not in CORPORATE_WORDS for w in words))


def _place_names(ents: list, datelines: set[str]) -> set[str]:
    """Return the normalised names of people and bodies that the article uses as places.

    spaCy labels many towns as people or organisations ("Grozny", "Doboj"). A name that
    is the object of a preposition of place ("fighting in Grozny", "near Doboj") or of a
    noun of place ("the town of Goma"), or is followed by one ("Diyarbakir province"),
    is a place (not "an interview in Al-Hayat": what was published in a medium), unless
    the article also makes it the subject of a verb somewhere ("Colombo said"; not of a
    verb of where a place is, :data:`PLACE_VERBS`: "Anza is only 20 miles west of Medellin"). A
    body's name with a head word of its type ("in the Knesset", "in parliament") stays
    a body, and so does an organisation's with a word of bodies' names ("towards the University
    of Yangon"; not :data:`PLACE_BODIES`); the parse of a span run over a line break (a byline into the dateline) says
    nothing of its name. A name spaCy labels a place where a noun of place says it is one
    ("the village of Foindu", :func:`_named_a_place`) is a place where spaCy labels it
    otherwise ("overran Foindu"); not where a preposition says so ("in the EC"). The
    places of the datelines (``datelines``, :func:`dateline_places`) are places too.
    """
    places, subjects = set(datelines), set()
    for ent in ents:
        text = span_text(ent)
        if ent.label_ not in NER_LABELS or "\n" in text or _words_within(ent, _TYPE_WORDS) or (
                ent.label_ == "ORG" and _words_within(ent, _BODY_NOT_PLACE_WORDS)):
            continue
        name = normalise_name(text)
        if ent.root.dep in (nsubj, nsubjpass) and ent.root.head.lemma_ not in PLACE_VERBS:
            subjects.add(name)
        elif _named_a_place(ent) if ent.label_ in ("GPE", "LOC", "FAC") else _used_as_place(ent):
            places.add(name)
    return places - subjects


def dateline_places(text: str) -> set[str]:
    r"""Return the normalised places of the datelines of ``text``.

    >>> sorted(dateline_places("Peter Laca\n\nBRATISLAVA 1996-08-28\n\nGOMA, Zaire, March 3 - Rebels..."))
    ['bratislava', 'goma']
    """
    return {normalise_name(m.group(1)) for m in DATELINE.finditer(text)}


def bylines(text: str) -> list[tuple[int, int]]:
    r"""Return the spans of the bylines of ``text``: a reporter's name alone on the line before a dateline.

    A wire story puts the reporter's name between its headline and its dateline; spaCy
    does not always label it. The body's first line (a headline) is never a byline.

    >>> text = "Talks resume\n\nDmitry Kuznets\n\nNOVYE ATAGI, Russia 1996-08-27\n\nRussian ..."
    >>> [text[s:e] for s, e in bylines(text)]
    ['Dmitry Kuznets']
    """
    found = []
    for match in DATELINE.finditer(text):
        line = BYLINE.search(text, 0, match.start())
        if line is not None and line.start(1) > 0:
            found.append(line.span(1))
    return found


def dateline_spans(text: str) -> list[Mention]:
    """Return the places of the datelines of ``text`` as placeholder mentions (no actor).

    A dateline's place in capitals ("BAHRAIN, March 3 -", "WASHINGTON 1996-08-23") says
    where the story was filed: it is a place even when it is a state's name.

    >>> [m.text for m in dateline_spans("KUWAIT, March 3 - Kuwait said ...")]
    ['KUWAIT']
    """
    return [Mention(m.start(1), m.end(1), m.group(1), None, "", "place", "dateline") for m in DATELINE.finditer(text)]


def used_as_place(doc: Doc, start: int, end: int) -> bool:
    """Return True if the parse uses the name at ``[start, end)`` as a place (see :func:`_place_names`).

    A city before an outlet's desk ("-- Stockholm newsroom", a wire's contact line) is one too,
    and so is a capital that modifies another noun than one of its rulers ("a Seoul university",
    "Berlin promoter Rudi Thiel", "George Garang, Nairobi spokesman for the SPLA"; not "the Kabul
    government") or that a noun of place introduces ("the Nigerian capital Abuja").
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    return (span.end < len(doc) and doc[span.end].lower_ in DESK_NAMES) or _used_as_place(span) or (
        _modifies_a_noun(span.root) or _introduced_as_a_place(span.root))


def _introduced_as_a_place(root) -> bool:
    """Return True if a noun of place introduces a name ("the Nigerian capital Abuja", "capital Kabul")."""
    if root.dep_ == "appos" and root.head.i < root.i and root.head.lemma_.lower() in PLACE_HEADS:
        return True
    return any(c.dep_ in ("compound", "amod", "nmod") and c.lemma_.lower() in PLACE_HEADS for c in root.lefts)


def _modifies_a_noun(root) -> bool:
    """Return True if a name modifies a noun after it other than one of a state's rulers (:data:`RULER_NOUNS`)."""
    head = root.head
    return (root.dep_ in ("compound", "nmod") and head.i > root.i and head.pos_ in ("NOUN", "PROPN")
            and head.lemma_.lower() not in RULER_NOUNS and head.lower_ not in RULER_NOUNS)


def _used_as_place(ent) -> bool:
    """Return True if the parse uses an entity as a place (see :func:`_place_names`).

    Besides a preposition of place, the object of "at" after a noun of a site (:data:`SITE_NOUNS`: "the naval
    base at Bandar Abbas"), the object of "of" after a noun of place or a
    direction ("the village of Novye Atagi", "north of Welikanda"), a name a noun of place
    follows ("Diyarbakir province"), a name in apposition with one ("Alomella Robles,
    a small village"), the possessor of one ("London's Stansted airport") and a place
    of travel (:func:`_place_of_travel`) are places.
    """
    root = ent.root
    if root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPOSITIONS:
        return root.head.head.lemma_.lower() not in PUBLISHING_WORDS
    site = _first_conjunct(root)
    if site.dep_ == "pobj" and site.head.lower_ == "at" and site.head.head.lemma_.lower() in SITE_NOUNS:
        return True
    return _place_of_travel(root) or _named_a_place(ent)


def _first_conjunct(token):
    """Return the first of the coordinated words ``token`` is one of ("Erzincan" of "Erzincan and Sivas")."""
    while token.dep_ == "conj" and token.head.i < token.i:
        token = token.head
    return token


def _named_a_place(ent) -> bool:
    """Return True if a noun of place says that an entity is a place's name.

    It does as the head of its "of" ("the village of Foindu", "north of Welikanda"), its
    possessed ("London's Stansted airport"), its apposition ("Alomella Robles, a small
    village") or the noun after it ("Diyarbakir province"), itself or the first name it
    is coordinated with ("the provinces of Erzincan and Sivas"; not after a preposition of
    place alone: "in either the Federation or the Republika Srbska"), or the noun it
    modifies further on ("Korydallos maximum security prison").
    """
    root = _first_conjunct(ent.root)
    if root.dep_ == "pobj" and root.head.lower_ == "of" and (
            root.head.head.lemma_.lower() in PLACE_HEADS or root.head.head.lower_ in DIRECTIONS):
        return True
    if root.dep_ == "poss" and root.head.lower_ in PLACE_HEADS:
        return True
    if any(c.dep_ == "appos" and c.lemma_.lower() in PLACE_HEADS for c in root.children):
        return True
    following = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    if following is not None and following.lower_ in PLACE_HEADS and following.pos_ == "NOUN":
        return True
    head = ent.root.head
    return ent.root.dep_ in ("compound", "nmod") and head.i > ent.end and head.lemma_.lower() in PLACE_HEADS


def _place_of_travel(root) -> bool:
    """Return True if a name is where someone goes, comes from or visits.

    "taken to London", "left Khartoum for Amman", "a flight from Khartoum to Amman": the
    place, not the state's government.
    """
    if root.dep_ == "dobj":
        return root.head.lemma_.lower() in PLACES_VISITED
    return (root.dep_ == "pobj" and root.head.lower_ in ("to", "from", "for")
            and root.head.head.lemma_.lower() in TRAVEL_VERBS | TRAVEL_NOUNS)


def _a_thing_by_its_article(ent) -> bool:
    """Return True for a one-word "person" written with "a" or in the plural of another.

    "a cocked Kalashnikov", "beaten with Kalashnikovs" beside "a Kalashnikov": a
    person's name takes no indefinite article and no plural.
    """
    if any(t.dep_ == "det" and t.lower_ in ("a", "an") for t in ent.root.lefts):
        return True
    text = span_text(ent)
    return text.endswith("s") and any(e.label_ == "PERSON" and span_text(e) == text[:-1] for e in ent.doc.ents)


def _names_a_thing(ent) -> bool:
    """Return True if the entity names a thing or an event, not an actor.

    Either its last word is such a noun ("Blue Line", "Al-Aqsa Flood", "Islam"; a word
    in -ism or -phobia, a belief or an attitude: "Zionism", "Islamophobia") or a title
    ("Humanitarian Coordinator": an office, not a body), it names an
    operation ("Operation Provide Comfort") or the place of a treaty ("the Dayton peace
    agreement"), it is a unit or a time zone after a number ("0800 GMT"), it modifies
    one ("the Al-Aqsa operation", "the Al-Aqsa mosque"), or it is the platform something
    was published on ("a post on Telegram"); a vessel's or a weapon's name (:func:`_names_a_vessel`,
    :func:`_names_a_weapon`) is a thing's too.
    """
    root = ent.root
    if ent[-1].lower_ in THING_NAMES or ent[0].lower_ == "operation" or (
            len(ent) == 1 and root.lower_.endswith(ABSTRACT_ENDINGS)):
        return True
    if root.dep_ == "compound" and root.head.lower_ in TREATY_NOUNS:
        return True
    if ent.label_ == "PERSON" and len(ent) == 1 and _a_thing_by_its_article(ent):
        return True
    if _names_a_vessel(ent) or _names_a_weapon(ent):
        return True
    if ent.label_ == "ORG" and ent[-1].lower_ in TITLE_NOUNS:
        return True
    if (len(ent) == 1 and span_text(ent).isupper() and ent.start > 0 and ent.doc[ent.start - 1].like_num
            and root.dep_ not in ("compound", "nmod", "amod")):
        return True
    preposition = root.head
    if root.dep_ == "pobj" and preposition.lower_ == "on" and preposition.head.lemma_.lower() in PUBLISHING_WORDS:
        return True
    following = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    return following is not None and following.lower_ in THING_HEADS and following.pos_ == "NOUN"


def _names_a_vessel(ent) -> bool:
    """Return True if a noun of a vessel (:data:`VESSEL_NOUNS`) comes right before the name.

    Or before the first name it is coordinated with ("the destroyers Kidd, Young, Leftwich and Hoel").
    """
    first = _first_conjunct(ent.root)
    start = ent.start if first == ent.root else next((e.start for e in ent.doc.ents if e.start <= first.i < e.end),
                                                      first.i)
    before = ent.doc[start - 1] if start > 0 else None
    if before is None or before.pos_ not in ("NOUN", "PROPN"):
        return False
    noun = before.lower_.removesuffix("s")  # the lemma of a capitalised noun is itself ("the Aircraft Carrier")
    if noun == "carrier":
        return start > 1 and ent.doc[start - 2].lower_ == "aircraft"
    return noun in VESSEL_NOUNS


def _names_a_weapon(ent) -> bool:
    """Return True for a person's name (to spaCy) that modifies a noun of a weapon (:data:`WEAPON_NOUNS`).

    "the Soviet Styx missile", "Kalashnikov automatic rifles": a weapon named after its maker or its model. The
    noun is the first after the name but adjectives (the parser does not always hang the name on it).
    """
    if ent.label_ != "PERSON":
        return False
    for token in ent.doc[ent.end:ent.end + 3]:
        if token.pos_ != "ADJ":
            return token.pos_ == "NOUN" and token.lemma_.lower() in WEAPON_NOUNS
    return False


def discovered_type(label: str, text: str) -> str:
    """Return the actor type of an unknown entity from its label and its last word.

    >>> discovered_type("ORG", "Rapid Support Forces"), discovered_type("ORG", "Mehr News Agency")
    ('armed_group', 'media')
    """
    if label == "PERSON":
        return "person"
    if label == "NORP":
        return "group"
    if label in ("GPE", "LOC", "FAC"):
        return "place"
    words = text.lower().split()
    for word in reversed(words[-2:]):
        if word in _TYPE_BY_WORD:
            return _TYPE_BY_WORD[word]
    return "organization"


def written_states(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """Return the library's state names written in ``text`` ("Kyiv said", which spaCy may miss).

    A name inside a person's name ("Chad Smith") or inside a longer name of a body or a
    building ("Sudan People's Liberation Army", "Bank of Israel") is left out: the
    longer name wins.
    """
    names = [c for c in candidates if c.label in ("PERSON", "ORG", "FAC")]
    return [Candidate(s, e, text[s:e], "GPE") for s, e in state_index().find(text)
            if not _in_place_name(text, s, e)
            and not any(c.start <= s and e <= c.end and (c.label == "PERSON" or e - s < c.end - c.start)
                        for c in names)]


def _in_place_name(text: str, start: int, end: int) -> bool:
    """Return True if a state's name at ``[start, end)`` is part of the name of a region.

    A capitalised direction before it or a noun of place after it makes a region's name
    ("West Azerbaijan province", "Northern Iraq"), not the state's.

    >>> t = "the West Azerbaijan province and Azerbaijan"
    >>> _in_place_name(t, 9, 19), _in_place_name(t, 33, 43)
    (True, False)
    """
    before = text[max(0, start - 12):start].split()
    after = text[end:end + 20].split()
    return bool(before and before[-1].lower() in DIRECTIONS | REGION_DIRECTIONS
                and before[-1][:1].isupper()) or bool(after and after[0].lower() in PLACE_HEADS)


def state_mentions(candidates: list[Candidate], taken: list[Mention],
                   states: dict[str, tuple[str, str]]) -> list[Mention]:
    """Return the candidates that name a state of the library.

    ``states`` maps a normalised state name to its actor id and canonical name; a
    person's name is never a state.
    """
    found: list[Mention] = []
    for c in candidates:
        if c.label == "PERSON" or overlaps(c.start, c.end, taken) or overlaps(c.start, c.end, found):
            continue
        state = states.get(" ".join(name_words(c.text)) or c.text) or states.get(" ".join(c.text.lower().split()))
        if state is not None:
            found.append(Mention(c.start, c.end, c.text, state[0], state[1], "state", "country"))
    return found


def discovered_mentions(candidates: list[Candidate], taken: list[Mention]) -> list[Mention]:
    """Return a mention with a stable id for every candidate not already taken."""
    found: list[Mention] = []
    for c in candidates:
        if overlaps(c.start, c.end, taken) or overlaps(c.start, c.end, found):
            continue
        found.append(Mention(c.start, c.end, c.text, actor_key(c.text), c.text,
                             discovered_type(c.label, c.text), "ner"))
    return found


def _abbreviation_table(text: str, mentions: list[Mention]) -> dict[str, Mention]:
    """Return abbreviation -> the mention it abbreviates, from "Name (ABBR)" in ``text``.

    The capitals in brackets after the name of a body found in the text are its
    abbreviation even when they spell the name in another language ("Kurdistan Workers
    Party (PKK)", "Popular Revolutionary Army (EPR)"); capitals that spell the initials of
    one body named before are its abbreviation without brackets, and so are capitals
    followed by a name in brackets that they abbreviate ("ASUU (Academic Staff Union of
    Universities)"). A possessive may stand between name and brackets ("Bank of Japan's (BOJ)").
    """
    table: dict[str, Mention] = {m.text: full for m in mentions for full in _spelt_out_before(m, mentions)}
    for m in mentions:
        inside = INNER_ABBREVIATION.search(m.text)
        if inside and m.actor_id and abbreviates(inside.group(1), m.text[:inside.start()]):
            table.setdefault(inside.group(1), m)  # "Ministry of Health (MoH) in Gaza", a registry alias
        match = _ABBREVIATION.match(text, m.end)
        if match and m.actor_id and m.actor_type != "person" and (
                abbreviates(match.group(1), m.text)
                or (m.method == "ner" and m.actor_type in ORG_TYPES and _ACRONYM.fullmatch(match.group(1)))):
            table.setdefault(match.group(1), m)
    for m in mentions:
        full = _spelt_out_after(text, m, mentions)
        if full is not None:
            table.setdefault(m.text, full)
    for short, full in _glossed_after_dash(text, mentions):
        table.setdefault(short, full)
    return table


#: Capitals glossed after a dash ("GUNT -- the ..."). The first capital comes before the test of what precedes it
#: (the same matches as ``(?<![\w-])([A-Z]{2,6})``), so that ``re`` scans for capitals in C.
_DASH_GLOSS = re.compile(r"([A-Z](?<![\w-][A-Z])[A-Z]{1,5}) +(?:--|\u2014) *(?:the +)?")


def _glossed_after_dash(text: str, mentions: list[Mention]) -> list[tuple[str, Mention]]:
    """Return (capitals, body) where a dash glosses capitals with a body's name right after them.

    "Chad rebel forces of GUNT -- the Transitional Government of National Unity -- fighting":
    the capitals are the body's, whatever the language of their order (spaCy may not even
    have taken them for a name).
    """
    starts = {m.start: m for m in mentions if m.method == "ner" and m.actor_type in ORG_TYPES}
    return [(match.group(1), starts[match.end()]) for match in _DASH_GLOSS.finditer(text) if match.end() in starts]


def _spelt_out_after(text: str, m: Mention, mentions: list[Mention]) -> Mention | None:
    """Return the body whose name follows abbreviation ``m`` in brackets ("ASUU (Academic Staff Union of ...)")."""
    if m.method != "ner" or not _ACRONYM.fullmatch(m.text):
        return None
    opening = re.match(r"\s*\(\s*", text[m.end:])
    if opening is None:
        return None
    return next((e for e in mentions if e.start == m.end + opening.end() and e.method == "ner"
                 and e.actor_type in ORG_TYPES and re.match(r"\s*\)", text[e.end:]) and abbreviates(m.text, e.text)),
                None)


def _spelt_out_before(m: Mention, mentions: list[Mention]) -> list[Mention]:
    """Return the one discovered body named before ``m`` whose initials ``m`` is, if one is.

    "RUF" after "the Revolutionary United Front"; a list of none or one.
    """
    if m.method != "ner" or not _ACRONYM.fullmatch(m.text):
        return []
    found = {e.actor_id: e for e in mentions if e.method == "ner" and e.actor_type in ORG_TYPES
             and e.start < m.start and _initialled(m.text, e.text)}
    return list(found.values()) if len(found) == 1 else []


def _initialled(short: str, name: str) -> bool:
    """Return True if ``short`` is the initials of ``name`` (three letters or more) or of a company's name.

    A company's initials leave out its legal form, and two letters are enough for them
    ("GM" of "General Motors Corp").

    >>> _initialled("RUF", "Revolutionary United Front"), _initialled("GM", "General Motors Corp")
    (True, True)
    >>> _initialled("RU", "Revolutionary United"), _initialled("GMC", "General Motors Corp")
    (False, True)
    """
    words = name.split()
    company = len(words) > 1 and words[-1].lower().rstrip(".") in CORPORATE_WORDS
    return (len(short) >= 3 and initials(name) == short) or (company and initials(" ".join(words[:-1])) == short)


def resolve_abbreviations(text: str, mentions: list[Mention]) -> list[Mention]:
    """Link every use of an abbreviation introduced as "Name (ABBR)" to that name's actor.

    Mentions of the abbreviation that spaCy found are re-linked; the uses it missed are
    added. An abbreviation the registry already knows keeps the registry's actor.
    """
    table = _abbreviation_table(text, mentions)
    if not table:
        return mentions
    out = []
    for m in mentions:
        full = table.get(m.text)
        if full is not None and m.start != full.start and (m.actor_id is None or is_discovered(m.actor_id)):
            m = replace(m, actor_id=full.actor_id, actor_name=full.actor_name, actor_type=full.actor_type,
                        method="abbreviation")
        out.append(m)
    for short, full in table.items():
        for match in re.finditer(rf"(?<![\w-]){re.escape(short)}(?![\w-])", text):
            if match.start() > full.start and not overlaps(match.start(), match.end(), out):
                out.append(Mention(match.start(), match.end(), short, full.actor_id, full.actor_name,
                                   full.actor_type, "abbreviation"))
    return sorted(out, key=lambda m: (m.start, m.end))


def sovereign_names(text: str, mentions: list[Mention]) -> list[Mention]:
    """Return ``mentions`` with a sovereign named with the title before a one-word name.

    "King Hussein" is named by his given name: the actor is "King Hussein" (the mention
    stays "Hussein"), so that it is no short form of another person's name ("Hussein
    Khalaf"); "Crown Prince Abdullah" likewise.
    """
    out = []
    for m in mentions:
        if m.method == "ner" and _is_person(m) and is_discovered(m.actor_id) and (
                prefix := _sovereign_prefix(text[max(m.start - 30, 0):m.start], m.text)):
            name = " ".join([*prefix.split(), m.text])
            m = replace(m, actor_id=actor_key(name), actor_name=name)
        out.append(m)
    return out


def _sovereign_prefix(before: str, name: str) -> str:
    """Return the sovereign's title written before a one-word name, or "".

    >>> _sovereign_prefix("said ", "Hussein"), _sovereign_prefix("met King ", "Hussein")
    ('', 'King ')
    >>> _sovereign_prefix("Saudi Crown Prince ", "Abdullah"), _sovereign_prefix("King ", "Hussein Khalaf")
    ('Crown Prince ', '')
    """
    title = re.search(r"\b(?:Crown\s+)?([A-Z][a-z]+)\s+$", before) if len(name.split()) == 1 else None
    return title.group() if title and title.group(1).lower() in SOVEREIGN_TITLES else ""


def _company_of(m: Mention, earlier: list[Mention]) -> Mention | None:
    """Return the earlier body whose name is ``m``'s words and corporate words, or which ``m`` opens.

    "Stagecoach" after "Stagecoach Holdings"; "Jumbish" after "Jumbish-i-Milli" (a hyphenated
    name). spaCy may label the short form of a company or a movement a person ("Stagecoach said",
    "Jumbish denied").
    """
    words = name_words(m.text)
    for e in reversed(earlier):
        full = name_words(e.text)
        if (e.method == "ner" and e.actor_type in ORG_TYPES and len(full) > len(words) and full[:len(words)] == words
                and (set(full[len(words):]) <= CORPORATE_WORDS or e.text.startswith(f"{m.text}-"))):
            return e
    return None


def _person_taken_for_body(m: Mention, out: list[Mention], earlier: list[Mention]) -> Mention | None:
    """Return the earlier "body" that is the person whose surname ``m`` is, made a person in ``out``.

    spaCy may take a person's full name for an organisation ("Linford Christie"), then
    label the surname a person ("Christie"): one word that ends a name of two or three
    words none of which says a body or a company (:data:`BODY_WORDS`, "Northern League"). The body's mentions in ``out``
    become the person's (and join ``earlier``, the persons named so far).
    """
    words = name_words(m.text)
    body = next((e for e in reversed(out) if e.method == "ner" and e.actor_type in ORG_TYPES and len(words) == 1
                 and 1 < len(name_words(e.text)) <= 3 and name_words(e.text)[-1:] == words
                 and not any(w in _TYPE_BY_WORD or w in CORPORATE_WORDS or w in BODY_WORDS
                             for w in name_words(e.text))), None)
    if body is None:
        return None
    for i, o in enumerate(out):
        if o.actor_id == body.actor_id:
            out[i] = replace(o, actor_type="person")
            earlier.append(out[i])
    return replace(body, actor_type="person")


def _is_person(m: Mention) -> bool:
    """Return True for a mention of a person (registry type or spaCy label)."""
    return m.actor_type in ("person", "PERSON")


def _own_name(m: Mention) -> str:
    """Return the name a discovered mention gives its actor ("King Hussein" for "Hussein"), else its text."""
    return m.actor_name if m.method == "ner" and is_discovered(m.actor_id) and m.actor_name else m.text


def _short_form_of(m: Mention, earlier: list[Mention]) -> Mention | None:
    """Return the latest earlier person whose name ``m`` shortens ("Zarif", "Al-Baraka").

    Two words or more that open a longer name, and do not end it, name someone else: a
    parent whose name the child's begins with ("Aung San" of "Aung San Suu Kyi").
    """
    words = name_words(_own_name(m))
    if not words:
        return None
    for e in reversed(earlier):
        full = name_words(_own_name(e))
        if len(full) > len(words) and (full[-len(words):] == words or (
                set(words) <= set(full) and not (len(words) > 1 and full[:len(words)] == words))):
            return e
    return None


def resolve_short_forms(mentions: list[Mention]) -> list[Mention]:
    """Mark mentions that repeat part of a fuller person's name used earlier as coreference.

    "Zarif" after "Mohammad Javad Zarif" becomes a coreference mention of the same actor;
    "Al-Baraka" after an unknown "Ali al-Baraka" takes that person's id and name. A
    discovered entity that spaCy did not label a person ("Larijani" as ORG) is a short
    form too when its words end an earlier person's name; a discovered body's name cut
    short ("Yedioth" after "Yedioth Ahronoth") is that body.
    """
    out: list[Mention] = []
    earlier: list[Mention] = []
    for m in sorted(mentions, key=lambda m: m.start):
        may_shorten = _is_person(m) or (m.method == "ner" and len(m.text.split()) <= 2)
        full = _short_form_of(m, earlier) if may_shorten and (m.actor_id is None or m.method != "role") else None
        if full is None and m.method == "ner" and _is_person(m):
            full = _company_of(m, out) or _person_taken_for_body(m, out, earlier)
        if full is not None:
            m = replace(m, actor_id=full.actor_id, actor_name=full.actor_name,
                        actor_type=full.actor_type, method="coreference")
        elif m.method == "gazetteer" and _is_person(m) and any(
                e.actor_id == m.actor_id and len(e.text) > len(m.text) for e in earlier):
            m = replace(m, method="coreference")
        elif m.method == "ner" and m.actor_type in ORG_TYPES:
            m = _org_short_form(m, out)
        if _is_person(m):
            earlier.append(m)
        out.append(m)
    return out


def surnames_before_full_names(mentions: list[Mention]) -> list[Mention]:
    """Return ``mentions`` with a one-word name used before a person's full name made that person.

    A quote may name someone by the surname before the story introduces him ("The word is
    that Frowick has decided ..." then "Ambassador Robert Frowick"): the one word, discovered
    and ending the full name of exactly one person named later, is that person, with every
    mention of its id.
    """
    persons = [m for m in mentions if m.method == "ner" and _is_person(m) and len(name_words(m.text)) > 1]
    renamed: dict[str, Mention] = {}
    for m in mentions:
        words = name_words(m.text)
        if (m.method != "ner" or len(words) != 1 or m.actor_type not in ("person", "organization")
                or not is_discovered(m.actor_id) or m.actor_id in renamed):
            continue
        later = {p.actor_id: p for p in persons if p.start > m.start and name_words(p.text)[-1:] == words}
        if len(later) == 1 and m.actor_id not in later:
            renamed[m.actor_id] = next(iter(later.values()))
    return [replace(m, actor_id=full.actor_id, actor_name=full.actor_name, actor_type=full.actor_type,
                    method="coreference") if (full := renamed.get(m.actor_id)) else m for m in mentions]


def same_peoples(mentions: list[Mention]) -> list[Mention]:
    """Return ``mentions`` with a people qualified by one word made the people the article also names alone.

    "the Bosnian Serbs" and "the Serbs", "Bosnian Moslems" and "Moslems" in one article are
    one group, whichever comes first: the group takes the shorter name's id. A party's
    members in the plural are the party ("the Conservatives", :func:`_parties`).
    """
    peoples = {normalise_name(m.text): m for m in mentions if m.method == "ner" and m.actor_type == "group"}
    parties = _parties(mentions)
    out = []
    for m in mentions:
        words = normalise_name(m.text).split()
        short = peoples.get(" ".join(words[1:])) if m.actor_type == "group" and len(words) == 2 else None
        party = parties.get(words[0][:-1]) if m.actor_type == "group" and len(words) == 1 else None
        if short is not None:
            m = replace(m, actor_id=short.actor_id, actor_name=short.actor_name, method="coreference")
        elif party is not None:
            m = replace(m, actor_id=party.actor_id, actor_name=party.actor_name, actor_type=party.actor_type,
                        method="coreference")
        out.append(m)
    return out


def _parties(mentions: list[Mention]) -> dict[str, Mention]:
    """Return the parties named "<Word> party" in ``mentions``, by that word in lower case.

    Their members in the plural are the party: "the Conservatives" of "the Conservative
    party" (:func:`same_peoples`).
    """
    found = {}
    for m in mentions:
        words = normalise_name(m.text).split()
        if m.actor_type == "organization" and len(words) == 2 and words[1] == "party":
            found.setdefault(words[0], m)
    return found


#: Types of discovered bodies whose names have short forms ("Yedioth" for "Yedioth Ahronoth").
ORG_TYPES = frozenset({"organization", "armed_group", "government_body", "media"})


def _org_short_form(m: Mention, earlier: list[Mention]) -> Mention:
    """Return ``m`` as the earlier body its name shortens, if it shortens one.

    A discovered body's name cut short at the end ("Yedioth" after "Yedioth Ahronoth")
    is that body; one word ending the name of exactly one earlier body, discovered or in
    the registry, is that body too ("Tass" after "Itar-Tass", "the Authority" after "the
    Palestinian Authority").
    """
    words = name_words(m.text)
    bodies = [e for e in earlier if e.method in ("ner", "gazetteer") and e.actor_type in ORG_TYPES
              and len(name_words(e.text)) > len(words)] if words else []
    starts = [e for e in bodies if e.method == "ner" and name_words(e.text)[:len(words)] == words]
    ends = {e.actor_id: e for e in bodies if len(words) == 1 and name_words(e.text)[-1:] == words}
    full = starts[-1] if starts else (next(iter(ends.values())) if len(ends) == 1 else None)
    if full is None:
        return m
    return replace(m, actor_id=full.actor_id, actor_name=full.actor_name, actor_type=full.actor_type,
                   method="coreference")


def bodies_without_their_state(mentions: list[Mention]) -> list[Mention]:
    """Return ``mentions`` with a discovered body named without its state's words made the one named with them.

    "Navy warships" and, later or earlier, "U.S. Navy destroyers"; "the Foreign Ministry" and "the Iranian
    Foreign Ministry": the same body, whose full name (a state's name, abbreviation or demonym first) gives
    the id.
    """
    full = {}
    for m in mentions:
        if m.method == "ner" and m.actor_type in ORG_TYPES:
            rest = _after_state_words(m.text)
            if rest:
                full.setdefault(normalise_name(rest), m)
    if not full:
        return mentions
    return [_as_body(m, full.get(normalise_name(m.text))) if m.method == "ner" and m.actor_type in ORG_TYPES else m
            for m in mentions]


def _after_state_words(name: str) -> str | None:
    """Return the words of a name after the one to three that name a state ("Navy" of "U.S. Navy"), if any."""
    words = name.split()
    for size in (1, 2, 3):
        if len(words) > size and state_index().by_word.get(normalise_name(" ".join(words[:size]))) is not None:
            return " ".join(words[size:])
    return None


def _as_body(m: Mention, body: Mention | None) -> Mention:
    """Return ``m`` as a coreference of ``body`` (when there is one, and it is another actor)."""
    if body is None or body.actor_id == m.actor_id:
        return m
    return replace(m, actor_id=body.actor_id, actor_name=body.actor_name, actor_type=body.actor_type,
                   method="coreference")


# ---------------------------------------------------------------------------- institutions

def dateline_state(text: str, states: dict[str, tuple[str, str]]) -> tuple[str, str] | None:
    """Return the state (id, name) of the first dateline of ``text``: its region, else its place.

    ``states`` maps a normalised state name (or capital) to its actor id and name.
    """
    match = DATELINE.search(text)
    if match is None:
        return None
    return states.get(normalise_name(match.group(2) or "")) or states.get(normalise_name(match.group(1)))


#: A paragraph that opens with a place in capitals and a dash, with or without a date: a dateline, and in a
#: digest of short items ("REUTER WORLD NEWS HIGHLIGHTS": "MANILA - Communist rebels said ...") each item's own.
ITEM_DATELINE = re.compile(r"^([A-Z][A-Z'.-]+(?: [A-Z][A-Z'.-]+)*)(?:, ([A-Z][\w .'-]{0,30}?))? - ", re.MULTILINE)


def item_states(text: str, states: dict[str, tuple[str, str]]) -> list[tuple[int, tuple[str, str] | None]]:
    r"""Return where each item of a digest starts and the state (id, name) of its dateline: its region, else its place.

    A text with fewer than two such datelines is one story, not a digest: none.

    >>> states = {"philippines": ("d:philippines", "Philippines"), "manila": ("d:philippines", "Philippines"),
    ...           "belgium": ("belgium", "Belgium")}
    >>> item_states("Highlights\n\nMANILA - Rebels said ...\n\nZEEBRUGGE, Belgium - A ferry ...", states)
    [(12, ('d:philippines', 'Philippines')), (38, ('belgium', 'Belgium'))]
    """
    items = [(m.start(), states.get(normalise_name(m.group(2) or "")) or states.get(normalise_name(m.group(1))))
             for m in ITEM_DATELINE.finditer(text)]
    return items if len(items) > 1 else []


def _item_state(items: list[tuple[int, tuple[str, str] | None]], at: int) -> tuple[str, str] | None:
    """Return the state of the digest item that holds the character ``at`` (see :func:`item_states`)."""
    return next((state for start, state in reversed(items) if start <= at), None)


def institution_mentions(doc: Doc, taken: list[Mention], states: dict[str, tuple[str, str]],
                         demonyms: dict[str, tuple], registered: dict[str, tuple[str, str, str]]) -> list[Mention]:
    """Return institutions designated by a common noun: "the army", "the defence ministry".

    One institution of a state, named by its usual designation (:data:`INSTITUTIONS`),
    is an actor. Its state is the one its words name ("the Israeli army", "Iran's
    foreign ministry"), else, in a digest of short items, the state of its item's dateline
    (:func:`item_states`: "MANILA - ... an army spokesman said"), else the state of the article's dateline when the
    article names it
    or no state (:func:`_home_state`), else the state of the
    same institution named earlier ("the Israeli army ... the army"), else the state the
    article names most (:func:`_most_named_state`); a designation with no state of its own
    words is the body named last before it whose name ends with it (:func:`_named_before`:
    "the Israeli army" of the registry ... "the army"); the id joins the two
    ("d:rwanda_army"), so that two states' armies stay apart, unless ``registered``
    (normalised registry name -> id, name, type) or a body the article names knows the
    institution under the state's name or demonym ("Iranian Foreign Ministry", "the
    Mexican Army"). A plural ("armies"), an indefinite one
    ("an army of volunteers") or a ministry without its field is none. "The Rwandan
    government" is a metonym of its state, "the government" alone no mention.
    """
    heads = [doc[i] for i in _institution_heads(doc)
             if doc[i].tag_ in ("NN", "NNP", "NNPS") or doc[i].lower_ in QUALIFIED_INSTITUTIONS]
    if not heads:
        return []
    most = _most_named_state(taken)
    home = _home_state(doc, dateline_state(doc_text(doc), states), most, taken, demonyms)
    items = item_states(doc_text(doc), states)
    registered = {**_named_bodies(taken), **registered}
    found: list[Mention] = []
    seen: dict[str, tuple[str, str]] = {}
    for token in heads:
        span, named = _after_states(_institution_span(token), taken)
        if (not span or overlaps(span[0].idx, span[-1].idx + len(span[-1]), taken + found)
                or _not_bare(span, token, demonyms) or _in_title(token, taken) or _glosses_a_name(span, taken)
                or _modifies_a_thing(token) or _in_a_rank(doc_text(doc), " ".join(t.text for t in span),
                                                          span[-1].idx + len(span[-1]))):
            continue
        designation = " ".join(t.text for t in span)
        own = named or _institution_state(token, states, demonyms)
        if INSTITUTIONS[token.lower_] == "state":
            if own:
                found.append(Mention(span[0].idx, span[-1].idx + len(span[-1]), designation, *own, "state",
                                     "institution"))
            continue
        state = own or _item_state(items, token.idx) or home or seen.get(normalise_name(designation)) or most
        core = _same_institution(_without_state(designation, state, demonyms))
        if state:
            seen.setdefault(normalise_name(core), state)
        known = (None if own else _named_before(designation, span[0].idx, taken)) or _registered(
            designation, state, demonyms, registered)
        if known is None:
            name = f"{core.title()} ({state[1]})" if state else core.title()
            known = (actor_key(f"{state[1] if state else ''} {core}"), name, INSTITUTIONS[token.lower_])
        found.append(Mention(span[0].idx, span[-1].idx + len(span[-1]), designation, *known, "institution"))
    return found


def _same_institution(core: str) -> str:
    """Return a designation with its noun replaced by that of the same institution (:data:`SAME_INSTITUTIONS`).

    >>> _same_institution("military"), _same_institution("defence ministry"), _same_institution("armed forces")
    ('army', 'defence ministry', 'army')
    """
    words = core.split()
    for size in (2, 1):
        same = SAME_INSTITUTIONS.get(" ".join(words[-size:]).lower()) if len(words) >= size else None
        if same:
            return " ".join([*words[:-size], same])
    return core


def _not_bare(span: list, head, demonyms: dict[str, tuple]) -> bool:
    """Return True if a designation of :data:`BARE_INSTITUTIONS` is in lower case after a word, or has words of its own.

    "Congress", "the Senate" and, with no word before it, "will ask congress" name the institution; "a two-day
    congress", "the party's congress", "the Nepali Congress" do not; a state's demonym is no word of a
    parliament's own name (:data:`PARLIAMENT_NAMES`: "the Russian Duma").
    """
    if head.lower_ in PARLIAMENT_NAMES:
        span = [t for t in span if t.text not in demonyms]
    return head.lower_ in BARE_INSTITUTIONS and (len(span) > 1 or (not head.text[:1].isupper() and (
        head.lower_ not in _BARE_IN_LOWER_CASE or any(True for _ in head.lefts))))


def _home_state(doc: Doc, home: tuple[str, str] | None, most: tuple[str, str] | None, mentions: list[Mention],
                demonyms: dict[str, tuple]) -> tuple[str, str] | None:
    """Return the dateline's state if the article names it (or its demonym) or names no state, else the first named.

    A story filed from where a broadcast was monitored ("LONDON - Iran said ... Tehran radio
    quoted a Foreign Ministry spokesman") is about another state: the ministry is Iran's, the
    one the lead names first (the U.S., named more often after, is whom Iran warns), not
    Britain's, which it never names; "JERUSALEM - Israeli Foreign
    Minister David Levy will visit Egypt ..., the Foreign Ministry said" is Israel's (a demonym in
    another actor's name, "British Broadcasting Corporation", names no state).
    """
    if home is None or most is None or any(m.actor_type == "state" and m.actor_id == home[0] for m in mentions):
        return home
    if any(demonyms.get(t.text, ("",))[0] == home[0] and not _in_a_name(t, mentions)
           for t in doc if t.text[:1].isupper()):
        return home
    return next(((m.actor_id, m.actor_name) for m in sorted(mentions, key=lambda m: m.start)
                 if m.actor_type == "state" and m.actor_id), None)


def _in_a_name(token, mentions: list[Mention]) -> bool:
    """Return True if a token is part of the name of a body other than a state ("British" of the BBC's name).

    A person's title ("Israeli Foreign Minister David Levy") still names the state.
    """
    return any(m.start <= token.idx < m.end and m.actor_type in ORG_TYPES for m in mentions)


def _most_named_state(mentions: list[Mention]) -> tuple[str, str] | None:
    """Return the state (id, name) the article names most often, the first named on a tie, if any.

    "The army" of a story filed from a city of no state ("UNITED NATIONS") is that
    state's army, not an army of no state whose id every article's "army" would share.
    """
    counts: dict[tuple[str, str], int] = {}
    for m in sorted(mentions, key=lambda m: m.start):
        if m.actor_type == "state" and m.actor_id:
            counts[(m.actor_id, m.actor_name)] = counts.get((m.actor_id, m.actor_name), 0) + 1
    return max(counts, key=counts.get, default=None)


def _named_before(designation: str, start: int, taken: list[Mention]) -> tuple[str, str, str] | None:
    """Return the body named last before ``start`` by one word and the designation's words.

    "the army" after "the Israeli army" (the registry's IDF) is that army, whatever the
    dateline says; not after "the Democratic Karen Buddhist Army", a name of its own.
    """
    words = normalise_name(designation).split()
    earlier = [m for m in taken if m.end <= start and m.actor_id and m.actor_type not in ("person", "place", "state")
               and normalise_name(m.text).split()[-len(words):] == words
               and len(normalise_name(m.text).split()) == len(words) + 1]
    last = max(earlier, key=lambda m: m.start, default=None)
    return (last.actor_id, last.actor_name, last.actor_type) if last else None


def _named_bodies(mentions: list[Mention]) -> dict[str, tuple[str, str, str]]:
    """Return the bodies the article names that the registry does not know, by normalised name.

    "The army" after "the Mexican Army" is that army (:func:`_registered` looks it up
    under its state's demonym, as it does the registry's names).
    """
    return {normalise_name(m.text): (m.actor_id, m.actor_name, m.actor_type) for m in mentions
            if m.method == "ner" and m.actor_type in ORG_TYPES}


def _without_state(designation: str, state: tuple | None, demonyms: dict[str, tuple]) -> str:
    """Return a designation without the words that name its state ("Israeli defence ministry", "government army").

    >>> _without_state("Sri Lankan foreign ministry", ("sri_lanka", "Sri Lanka"), {"Sri Lankan": ("sri_lanka",)})
    'foreign ministry'
    """
    if state is None:
        return designation
    words = {normalise_name(state[1]), "government"} | {
        normalise_name(d) for d, known in demonyms.items() if known[0] == state[0]}
    kept, tokens = [], designation.split()
    i = 0
    while i < len(tokens):
        size = next((n for n in (3, 2, 1) if normalise_name(" ".join(tokens[i:i + n])) in words), 0)
        kept += tokens[i:i + 1] if not size else []
        i += size or 1
    return " ".join(kept) or designation


def _registered(designation: str, state: tuple | None, demonyms: dict[str, tuple],
                registered: dict[str, tuple[str, str, str]]) -> tuple[str, str, str] | None:
    """Return the registry actor (id, name, type) of a state's institution, if the registry has it.

    "the foreign ministry" of Iran is the registry's "Iranian Foreign Ministry".
    """
    if state is None:
        return registered.get(normalise_name(designation))
    words = [state[1], *(d for d, known in demonyms.items() if known[0] == state[0])]
    return next((registered[k] for k in (normalise_name(f"{w} {designation}") for w in words) if k in registered),
                None)


def _modifies_a_thing(token) -> bool:
    """Return True if an institution's noun modifies a noun of a thing, not of its people or words.

    "army clothing", "a cabinet reshuffle", "a wider army presence" name no institution;
    "an army spokesman", "interior ministry troops" do (:data:`INSTITUTION_AGENTS`). "A cabinet minister"
    is a rank (:data:`RANK_INSTITUTIONS`), not the cabinet.
    """
    head = token.head
    if token.lower_ in RANK_INSTITUTIONS and head.i > token.i and head.lemma_.lower() in TITLE_NOUNS:
        return True
    return (token.dep_ in ("compound", "nmod", "amod") and head.i > token.i and head.pos_ == "NOUN"
            and head.lower_ not in INSTITUTION_AGENTS and head.lemma_.lower() not in INSTITUTION_AGENTS)


def _glosses_a_name(span: list, taken: list[Mention]) -> bool:
    """Return True if a designation in brackets explains the name before it.

    "the Russian Duma (parliament)", "the Majlis (parliament)": the body is named already.
    """
    doc = span[0].doc
    opening = span[0].i - 1
    return (opening > 0 and doc[opening].text == "(" and any(
        m.end == doc[opening - 1].idx + len(doc[opening - 1]) and m.actor_type not in ("person", "PERSON", "place")
        for m in taken))


def _in_title(token, taken: list[Mention]) -> bool:
    """Return True if an institution's noun is part of a title before a person's name.

    "Parliament Speaker Akbar Hashemi Rafsanjani", "Army chief General X", "Afghan government military
    chief Ahmad Shah Masood" (where the parser makes "military" an adjective): the title is part of no
    mention, the name is. A spokesman speaks for the institution (:data:`SPOKESPEOPLE`): "Foreign Ministry
    spokesman Omer Akbel" names the ministry.
    """
    head = token
    while head.dep_ in ("compound", "amod") and head.head.i > head.i:
        head = head.head
        if head.lower_ in SPOKESPEOPLE:
            return False
    return head is not token and any(m.actor_type in ("person", "PERSON") and m.start <= head.idx < m.end
                                     for m in taken)


def _after_states(span: list | None, taken: list[Mention]) -> tuple[list | None, tuple[str, str] | None]:
    """Return a designation without the words before it that a state's mention covers, and that state.

    "the UAE foreign ministry": "UAE" is the state's mention, "foreign ministry" its
    institution.
    """
    state = None
    while span and len(span) > 1:
        covering = [m for m in taken if m.actor_type == "state" and m.start <= span[0].idx < m.end]
        if not covering:
            break
        state, span = (covering[0].actor_id, covering[0].actor_name), span[1:]
    return span, state


def _institution_heads(doc: Doc) -> list[int]:
    """Return the indices of the tokens that are an institution's noun (read as an array)."""
    return tokens_with_lower(doc, INSTITUTIONS)


def _modifies(word, token) -> bool:
    """Return True if ``word`` modifies an institution's noun ``token``.

    The parser may hang both on the noun after them ("interior ministry forces": both
    modify "forces"); the word in lower case right before a ministry still names its field.
    """
    if word.i >= 2 and word.doc[word.i - 1].text == "-" and word.doc[word.i - 2].like_num:
        return False
    return word.head == token or (token.lower_ == "ministry" and word.i == token.i - 1 and token.dep_ == "compound"
                                  and word.head == token.head and word.is_lower)


def _name_start(doc: Doc, start: int) -> int:
    """Return ``start`` moved back over the capitalised words that make one name with it ("Sri Lankan")."""
    while start > 0 and doc[start - 1].head == doc[start] and doc[start - 1].dep_ in ("compound", "nmod") and doc[
            start - 1].text[:1].isupper() and doc[start].text[:1].isupper():
        start -= 1
    return start


def _institution_span(token) -> list | None:
    """Return the tokens of a designation around its head noun, or None if it is not one.

    The words before the noun that modify it belong to the designation ("defence",
    "Ugandan", "Interior"), up to three, with the words that make one name with the first
    ("Sri Lankan"), except an adjective in lower case before another modifier ("the leftist
    Nicaraguan government": a description), a count ("the 330-member parliament") and an
    adjective of a term (:data:`TERM_ADJECTIVES`: "the next Parliament" is the parliament). A noun of
    :data:`QUALIFIED_INSTITUTIONS` is one only with its word before it ("high command", "air force").
    """
    if any(t.dep_ == "det" and t.lower_ != "the" for t in token.lefts):
        return None
    doc, start = token.doc, token.i
    if token.lower_ in QUALIFIED_INSTITUTIONS:
        if start == 0 or doc[start - 1].lower_ != QUALIFIED_INSTITUTIONS[token.lower_]:
            return None
        start -= 1
    while start > max(token.i - 3, 0) and _modifies(doc[start - 1], token) and doc[start - 1].dep_ in (
            "compound", "amod", "nmod") and doc[start - 1].lower_ not in TERM_ADJECTIVES and (
            doc[start - 1].dep_ != "amod" or doc[start - 1].text[:1].isupper()
            or (start == token.i and token.lower_ == "ministry")):
        start -= 1
    left = start < token.i
    words = list(doc[_name_start(doc, start) if left else start:token.i + 1])
    if token.lower_ == "ministry":
        field = [t for t in token.rights if t.dep_ == "prep" and t.lower_ == "of" and list(t.children)]
        if field:
            words = list(token.doc[words[0].i:max(c.i for c in field[0].children) + 1])
        elif not left:
            return None
    return words


def _institution_state(token, states: dict[str, tuple[str, str]], demonyms: dict[str, tuple]) -> tuple | None:
    """Return the state (id, name) a designation's own words name, if any.

    Its own words are its modifiers ("Ugandan", "Iran's"), the nearest first ("BANGKOK - Vietnam's
    parliament", where the parser hangs the dateline on the noun too, is Vietnam's), and the object of its
    "of" ("the Ministry of Defence of Uganda"), not the phrases coordinated with it; a designation
    that modifies a noun of its words, its spokespeople or its offices after it (:data:`SPOKESPEOPLE`,
    :data:`OFFICE_NOUNS`) takes that noun's adjectives before it too ("a Chadian government statement", where
    "Chadian" hangs on "statement"; "the Iraqi army command"; not
    "the Burmese government army" nor "Chadian government forces").
    """
    own = [t for t in token.rights if t.dep_ == "prep" and t.lower_ == "of"]
    shared = [t for t in token.head.lefts if t.i < token.i and t.dep_ == "amod"] \
        if token.dep_ == "compound" and token.head.lemma_.lower() in SPOKESPEOPLE | OFFICE_NOUNS else []
    for t in [*reversed(list(token.lefts)), *shared, *(w for of in own for w in of.subtree)]:
        if t.text in demonyms and demonyms[t.text][2] == "state":
            return demonyms[t.text][:2]
        state = states.get(normalise_name(t.text)) if t.dep_ in ("poss", "pobj", "compound") else None
        if state:
            return state
    return None
