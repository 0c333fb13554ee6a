"""Figures: the numbers an article states, what they count and who says so.

Every number expression of a sentence ("Thirty-four", "at least 1,400", "450 or so",
"$70 million", "dozens") becomes a row of the ``figures`` table unless it is no count:
a number inside a date, time or duration expression (the ``timexes`` rows: "28
October", "18:00", "the past 24 hours"), a clock time, phone number, address, age, score,
magnitude, fraction, exchange rate or list item's number (:func:`helpers.extract.numerals.not_a_count`),
an ordinal, or part of a name ("9/11", "Resolution 2334", "channel 2", "the Learjet 36").
Percentages stay, with the unit ``percent``. Then:

* **kind**: from the words that govern the number in the parse
  (:mod:`helpers.extract.kinds`: "34 Palestinians were killed", "martyred 34", "lost
  their lives", "taken as hostages", "bringing the toll to 4,137"); a number that
  nothing of a listed kind governs is ``other``; a *vague* quantity ("several
  leaders") that counts nothing of the listed kinds is not a figure.
* **range** (``value_low``, ``value_high``) and **qualifier**: "at least N" and "more
  than N" are open-ended (``value_high`` null); "about N", "N or so", "approximately N",
  "nearly N" keep ``N`` as both ends with qualifier ``about`` (the comparison applies
  the tolerance, see :mod:`helpers.analyses.comparison`); vague words map to the ranges of
  :data:`VAGUE_RANGES`; two numbers joined by "to" or "or" ("20 to 30", "six or seven",
  "between 60 and 70") are one figure with both ends (:func:`join_ranges`).
* **victims**: the counted people ("Palestinians", "members of terror groups"). A
  figure with no noun of its own ("... and 109 were injured") takes them from the
  figure before it in the sentence.
* **location**: the place of an "in <place>" phrase of the figure's clause; failing
  that, the source's own place ("the Ministry of Health in Gaza", "MoH Gaza"; for a source
  named without one, "MoH", the place the article gives the same source actor elsewhere); failing
  that, the place its section's heading names ("Violence and casualties (West Bank)", in a
  Markdown or web-page source); failing that, the article's place: its dateline ("GAZA, Oct 7
  (Reuters) -"), or, without one, the one place the "in <place>" phrases of its sentence name,
  else the place named last before the figure in its paragraph or the one before. A sentence
  that places its people figures in one place (their own or their sources') places them all there.
* **source**: a bracket right after the number ("212 injured (Red Cross)", "at least 60
  (the opposition leader's claim)"); else the nearest "according to X" after the figure with
  no reporting verb between (:func:`following_attribution`); else "X said / told / reported / counted ... that"
  over the figures of the clause it governs, including the trailing "..., the Health
  Ministry said" (X is the one quoted in "X quoted Y as saying", the subject in "X,
  quoting Y, said"; "X put the toll at N", "X accused Y of killing N", "Iran's claim of
  N" and "X's figures show" name X; a pronoun stands for an earlier reporter, or for the one an
  earlier "quote" quoted; "X said that according to Y, N ..." names Y); else
  "according to X", "as per X", "citing X" or "by X's count" over every figure of its
  sentence (a sentence that
  *opens* with "According to X," also covers the following sentences of its paragraph until
  another source is named); else, inside a direct
  quote, the quote's speaker (:mod:`helpers.extract.quotes`). A source like "the
  agency" stands for the earlier named "Iranian news agency IRNA" (:func:`named_antecedent`).
  A trailing "..., X said" counts however the parser hangs it (:func:`_trailing_report`), as
  does the inverted "..., said rail and ambulance officials"; a label before a colon
  ("RAMALLAH:") reports nothing; numbers in a clause describing the reporter or in the
  circumstances of the report ("as ...") are the narrator's (:func:`_narrated`). The source's
  words are the name alone: no date, bullet, full stop or link address (:func:`clean_source`).
  ``source_actor_id`` is the actor that the source's words name: the mention
  at the phrase's head, never a place in its modifiers ("Gaza" in "the MoH in Gaza"); failing
  one, the actor the article names elsewhere with the same words (:func:`source_actor`).
* **part_of**: "N of them" refers to the first figure of the previous figure-bearing
  sentence of the paragraph (preferring one of the same kind); "including N" to the
  figure just before it; a figure without its own kind that follows a part in the
  same sentence ("... and several were civilians") is a part of the same whole; exact numbers right after
  an exact count that add up to it ("four professors, three American and one Indian"), or a sentence's
  counts that add up to an exact count of the few sentences before ("evacuated 17 ..." / "the 10
  Europeans and seven Africans"), are its breakdown (:func:`_link_breakdowns`).
  Parts take their whole's kind when they have none of their own.
* **date** (``date_start``, ``date_end``): the period counted, from the sentence's date
  expressions (:func:`counted_period`): "since 7 October" runs to publication, "as of
  18 October" ends a running count, "between A and B" spans both, "in the past 24
  hours" is that day; the level of a running count ("bringing the toll to 9,257") has
  no start.
* **hypothetical**: true for a number under a projection, a condition, a modal or the
  future ("6,550 excess deaths are projected", "the toll could reach 10,000"): what could
  happen, not a count of what did (:mod:`helpers.extract.modality`).
"""

from __future__ import annotations

import bisect
import datetime as dt
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from helpers.extract.discovery import TITLE_NOUNS
from helpers.extract.kinds import (
    LEMMA_KINDS,
    MEASURE_VERBS,
    MIXED,
    PEOPLE_OR_THINGS,
    REPORT_VERBS,
    antecedent,
    counts_people,
    governors,
    host_clause,
    infer_kind,
    is_level,
    is_level_link,
    lemma_kind,
    paragraph_ancestors,
)
from helpers.extract.modality import is_hypothetical
from helpers.extract.names import BODY_NOUNS
from helpers.extract.nlp import crosses_paragraph, doc_text, tokens_with_lower
from helpers.extract.numerals import (
    DIGIT_NUMBER,
    MEASURE_UNITS,
    SCALES,
    WORD_NUMBER,
    not_a_count,
    parse_number,
)
from helpers.extract.parsed import ParsedArticle, Sentence
from helpers.extract.quotes import after_dateline
from helpers.vocab import LOWER_BOUNDS, PEOPLE_KINDS, UPPER_BOUNDS

log = logging.getLogger(__name__)

#: Ranges implied by vague quantities (inclusive). These are conventions, not facts:
#: "several" is 3-9, "dozens" at least two dozen and fewer than a hundred, and so on.
VAGUE_RANGES: dict[str, tuple[float, float]] = {
    "a few": (2, 5), "a handful of": (3, 6), "several": (3, 9), "dozens": (24, 99),
    "scores": (40, 99), "hundreds": (200, 999), "hundreds of thousands": (200_000, 999_999),
    "several hundred": (300, 999), "several thousand": (3_000, 9_999),
    "thousands": (2_000, 9_999), "tens of thousands": (20_000, 99_999),
    "millions": (2_000_000, 9_999_999),
}

#: Words before a number and the qualifier they imply.
QUALIFIERS_BEFORE: dict[str, str] = {
    "at least": "at_least", "no fewer than": "at_least", "no less than": "at_least",
    "more than": "more_than", "over": "more_than", "upwards of": "more_than", "in excess of": "more_than",
    "about": "about", "around": "about", "approximately": "about", "roughly": "about", "some": "about",
    "nearly": "about", "almost": "about", "close to": "about", "an estimated": "about", "estimated": "about",
    "up to": "at_most", "as many as": "at_most", "at most": "at_most", "no more than": "at_most",
    "as high as": "at_most", "as much as": "at_most",
    "fewer than": "less_than", "less than": "less_than", "under": "less_than",
}
#: Words after a number and the qualifier they imply.
QUALIFIERS_AFTER: dict[str, str] = {"or so": "about", "or more": "at_least", "plus": "at_least", "+": "at_least"}

_SCALE = rf"(?:\s+(?:{'|'.join(SCALES)}))*"
_CURRENCY = r"(?:US\$|\$|€|£|dlrs\b)"
_VAGUE = "|".join(sorted((re.escape(v) for v in VAGUE_RANGES), key=len, reverse=True))
_BEFORE = "|".join(sorted((re.escape(q) for q in QUALIFIERS_BEFORE), key=len, reverse=True))
_AFTER = r"\s*(?:or so|or more)\b|-?plus\b|\+"

NUMBER_RE = re.compile(
    rf"(?<![\w+/.:])(?<!\D-)(?:(?P<before>{_BEFORE})\s+)?"
    rf"(?:(?P<currency>{_CURRENCY})\s?)?"
    rf"(?:(?P<number>(?:{DIGIT_NUMBER}|{WORD_NUMBER}){_SCALE})|(?P<vague>{_VAGUE}))"
    rf"(?![\w/]|[.,:]\d)(?P<after>{_AFTER})?"
    rf"(?:\s+(?:of\s+(?=dollars|euros))?(?P<currency_word>dollars|dlrs|USD|euros|stg))?",  # "millions of dollars"
    re.IGNORECASE,
)

#: Nouns that make a number a duration or an age, never a figure.
TIME_UNITS = set("second minute hour day night week month year decade century generation "
                 "mth mths qtr qtrs yr yrs wk wks".split())  # the wire's abbreviations: "nine mths"
#: Words after a number that make it a percentage ("pct" is the wire's).
PERCENT_AFTER = re.compile(r"\s*(?:%|per\s?cent\b|pct\b|percentage points?\b)", re.IGNORECASE)
#: Currency signs and words and their units ("dlrs" and "stg" are the wire's).
CURRENCY_UNITS: dict[str, str] = {"$": "USD", "us$": "USD", "dollars": "USD", "dlrs": "USD", "usd": "USD",
                                  "€": "EUR", "euros": "EUR", "£": "GBP", "stg": "GBP"}
PRONOUNS = {"it", "he", "she", "they", "we", "i", "you", "this", "that", "its", "their", "his", "her"}
PER_WORDS: dict[str, str] = {
    "annually": "year", "a year": "year", "per year": "year", "each year": "year", "every year": "year",
    "yearly": "year", "a month": "month", "per month": "month", "monthly": "month", "each month": "month",
    "a day": "day", "per day": "day", "daily": "day", "each day": "day",
}
_PER_RE = re.compile(r"^\W*(" + "|".join(sorted(map(re.escape, PER_WORDS), key=len, reverse=True)) + r")\b",
                     re.IGNORECASE)
#: Words before a number that make it definite: a determiner or a possessive ("the two sides", "Iraq's two factions").
_DETERMINER_BEFORE = re.compile(r"(?:\b(?:the|these|those|both|all|its|their|his|her)|\w['’]s?)\s+"
                                r"(?:same\s+|other\s+)?$", re.IGNORECASE)
@dataclass
class Figure:
    """One figure found in a sentence, before it becomes a table row."""

    sentence: Sentence
    start: int
    end: int
    text: str
    value_low: float | None
    value_high: float | None
    qualifier: str
    unit: str | None = None
    per: str | None = None
    vague: bool = False
    anchor: Token | None = None
    kind: str | None = None
    noun: Token | None = None
    victims: str | None = None
    location: str | None = None
    source: tuple[int, int] | None = None
    actor: tuple[int, int] | None = None
    part_of: Figure | None = None
    part_hint: str | None = None
    definite: bool = False
    level: bool = False


# --- numbers -----------------------------------------------------------------------

def _value_range(number: float, qualifier: str) -> tuple[float | None, float | None]:
    """Return the (low, high) range implied by a number and its qualifier."""
    if qualifier in LOWER_BOUNDS:
        return number, None
    if qualifier in UPPER_BOUNDS:
        return 0.0, number
    return number, number


def find_numbers(sentence: Sentence) -> list[Figure]:
    """Return the number expressions of a sentence with their value range and qualifier.

    Clock times, phone numbers, addresses and ages are left out here
    (:func:`helpers.extract.numerals.not_a_count`); the exclusions that need the parse
    or the date expressions are applied later (:func:`is_figure`), and vague or
    definite ("the two sides") numbers that count nothing of a listed kind are dropped
    by :func:`extract_figures`.
    """
    found: list[Figure] = []
    for match in NUMBER_RE.finditer(sentence.text):
        before_text = sentence.text[: match.start()]
        after_text = sentence.text[match.end():]
        if not_a_count(sentence.text, match.start("number") if match.group("number") else match.start(),
                       match.end()):
            continue
        figure = _figure_from_match(sentence, match, after_text)
        # "the two sides" refers rather than counts: kept only if it counts a listed kind
        figure.definite = bool(match.group("number") and not match.group("before")
                               and _DETERMINER_BEFORE.search(before_text))
        found.append(figure)
    return found


#: Words between the two ends of a range ("60 to 70", "six or seven", "between 60 and 70", "45-50").
_RANGE_LINK = re.compile(r"\s*(?:to|or|–|-|and)\s*", re.IGNORECASE)
_BETWEEN_BEFORE = re.compile(r"\bbetween\s+$", re.IGNORECASE)
_CHANGE_BEFORE = re.compile(r"\b(?:from|by)\s+$", re.IGNORECASE)


def _range_start(sentence: Sentence, low: Figure, high: Figure) -> int | None:
    """Return where the range of two numbers starts, or None if they are no range.

    Two plain numbers make a range when only "to", "or" or a dash lies between them
    ("20 to 30", "six or seven", "45-50"), or "and" after "between" ("between 60 and 70"), and
    the second is the larger; "from 20 to 30" and "rose by 20 to 150" are changes, not ranges.
    """
    link = sentence.text[low.end - sentence.start_char: high.start - sentence.start_char]
    before = sentence.text[: low.start - sentence.start_char]
    if low.vague or high.vague or high.qualifier != "exact" or not _RANGE_LINK.fullmatch(link):
        return None
    if high.value_high is None or low.value_low is None or high.value_high <= low.value_low:
        return None
    between = _BETWEEN_BEFORE.search(before) if low.qualifier == "exact" else None
    if (link.strip().lower() == "and") != bool(between) or _CHANGE_BEFORE.search(before):
        return None
    return sentence.start_char + between.start() if between else low.start


def _scaled_low(low: Figure, high: Figure) -> float:
    """Return the low end of a range with the high end's scale ("20 to 30 million" starts at 20 million)."""
    scales = [word for word in high.text.lower().split() if word in SCALES]
    if scales and not any(word in SCALES for word in low.text.lower().split()):
        return parse_number(" ".join([low.text.split()[-1], *scales]))
    return low.value_low


def join_ranges(sentence: Sentence, found: list[Figure]) -> list[Figure]:
    """Join two numbers that state the ends of one range into one figure (see :func:`_range_start`).

    A number hyphenated to the one before that makes no range with it is no count: "the
    1992-95 war", "won 3-1".
    """
    joined: list[Figure] = []
    for figure in found:
        low = joined[-1] if joined else None
        start = _range_start(sentence, low, figure) if low is not None else None
        scaled = _scaled_low(low, figure) if start is not None else None
        if scaled is None or scaled >= figure.value_high:  # "between 2 and 1.2 million": no range
            if low is None or sentence.text[figure.start - sentence.start_char - 1] != "-" \
                    or low.end != figure.start - 1:
                joined.append(figure)
            continue
        low.value_low, low.value_high = scaled, figure.value_high
        low.start, low.end = start, figure.end
        low.text = sentence.text[start - sentence.start_char: figure.end - sentence.start_char]
        low.unit, low.per = figure.unit or low.unit, figure.per or low.per
    return joined


def _figure_from_match(sentence: Sentence, match: re.Match, after_text: str) -> Figure:
    """Build a :class:`Figure` from one match of :data:`NUMBER_RE`."""
    qualifier = "exact"
    if match.group("before"):
        qualifier = QUALIFIERS_BEFORE[match.group("before").lower()]
    if match.group("after"):
        qualifier = QUALIFIERS_AFTER[match.group("after").strip(" -").lower()]
    currency = match.group("currency") or match.group("currency_word")
    unit = CURRENCY_UNITS.get((currency or "").lower())
    if PERCENT_AFTER.match(after_text):
        unit = "percent"
    per_match = _PER_RE.match(after_text)
    if match.group("vague"):
        low, high = VAGUE_RANGES[match.group("vague").lower()]
        qualifier, vague = "vague", True
    else:
        low, high = _value_range(parse_number(match.group("number")), qualifier)
        vague = False
    start = sentence.start_char + match.start()
    return Figure(sentence, start, sentence.start_char + match.end(), match.group(0), low, high, qualifier,
                  unit=unit, per=PER_WORDS[per_match.group(1).lower()] if per_match else None, vague=vague)


# --- the parse ------------------------------------------------------------------------

def _anchor(parsed: ParsedArticle, figure: Figure) -> Token | None:
    """Return the token that stands for the number in the parse.

    That is its last number word that hangs on a word outside the number: "60" in
    "between 60 and 70 people", where "70" is coordinated to "60".
    """
    span = parsed.doc.char_span(figure.start, figure.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    numeric = [t for t in span if t.like_num or t.lower_ in SCALES or t.lower_ in ("dozens", "hundreds",
               "thousands", "millions", "several", "scores", "few", "handful", "dozen")]
    governed_outside = [t for t in numeric if not span.start <= t.head.i < span.end]
    return (governed_outside or numeric or [span[-1]])[-1]


#: Quantity nouns that count the object of their "of": "dozens of drones", "thousands of refugees".
QUANTITY_NOUNS = frozenset({"dozens", "scores", "hundreds", "thousands", "millions", "tens"})


def _counted_noun(anchor: Token) -> Token | None:
    """Return the noun the number counts ("Palestinians" in "Thirty-four Palestinians").

    A quantity noun counts the object of its "of" ("dozens of drones"); a number the
    parser hangs on a word before it counts the plural noun right after it ("on Friday
    three women").
    """
    if anchor.dep_ in ("nummod", "quantmod", "compound") and anchor.head.pos_ in ("NOUN", "PROPN") \
            and anchor.head.i > anchor.i:
        return anchor.head
    if anchor.dep_ == "compound" and anchor.head.like_num:
        return _counted_noun(anchor.head)
    if anchor.lower_ in QUANTITY_NOUNS:
        return next((pobj for prep in anchor.children if prep.dep_ == "prep" and prep.lower_ == "of"
                     for pobj in prep.children if pobj.dep_ == "pobj" and pobj.pos_ in ("NOUN", "PROPN")), None)
    following = anchor.doc[anchor.i + 1] if anchor.i + 1 < len(anchor.doc) else None
    if anchor.head.i < anchor.i and following is not None and following.tag_ in ("NNS", "NNPS"):
        return following
    return None


#: Nouns with which "one" makes an idiom, no count: "at one point", "at one stage", "on the one hand", "in one sense".
ONE_IDIOMS = frozenset({"point", "stage", "moment", "time", "hand", "way", "sense"})

#: Named-entity labels of names a number can be part of.
NAME_ENTITIES = frozenset({"ORG", "EVENT", "FAC", "WORK_OF_ART", "LAW", "PRODUCT"})


_YEAR = re.compile(r"(?:1[89]|20)\d\d")


def _in_spans(figure: Figure, spans: list[tuple[int, int]]) -> bool:
    """Say whether a number expression overlaps one of the character ``spans``."""
    return any(start < figure.end and figure.start < end for start, end in spans)


def is_figure(figure: Figure, timex_spans: list[tuple[int, int]]) -> bool:
    """Say whether a number expression is a figure (not a date, time, duration, ordinal, measure or name).

    A number inside a date or time expression (``timex_spans``: dates, times,
    durations and sets) is never a figure, whatever its unit.
    """
    anchor = figure.anchor
    if anchor is None or _in_spans(figure, timex_spans):
        return False
    noun = figure.noun
    if _parsed_date(figure) or _apposed_age(figure):
        return False
    if (noun is not None and noun.pos_ == "PROPN" and noun.ent_type_ in NAME_ENTITIES) or _model_number(anchor):
        return False  # "the 1,000 Lakes Rally", "the Learjet 36"
    if noun is not None and (noun.lemma_.lower() in TIME_UNITS or noun.lower_ in MEASURE_UNITS
                             or noun.lemma_.lower() in MEASURE_UNITS):
        return False
    if not figure.vague and figure.unit is None and noun is None and anchor.head.pos_ in ("NOUN", "PROPN") \
            and anchor.dep_ in ("nummod", "compound", "appos", "npadvmod") and 0 < anchor.i - anchor.head.i <= 2 \
            and not any(t.head.i == anchor.i or t.is_punct for t in anchor.doc[anchor.head.i + 1: anchor.i]):
        return False  # "channel 2", "Resolution 242": a name's number right after its noun; not "factories only 86",
        # nor "four priests, two from Belgium"
    if _capitalised_in_a_name(anchor):
        return False  # "meetings of Group of Seven finance ministers", "under Chapter Seven"
    is_one = anchor.lower_ == "one" and figure.value_low == 1
    if is_one and anchor.i > 0 and anchor.nbor(-1).lower_ == "no":
        return False  # "No one was hurt": nobody
    if is_one and (_is_speaker(noun) or (anchor.dep_ != "nummod" and not _victims(anchor) and not _listed(anchor))
                   or (noun is not None and noun.lemma_.lower() in ONE_IDIOMS)):
        return False  # "(at least) one of the manifestations", "one diplomat said", "at one point"; not "killed one"
    return True


def _listed(anchor: Token) -> bool:
    """Say whether a number stands in a list of numbers: "two from Belgium, one from Spain and one from Zambia".

    Not "one of" a whole: "two groups -- one of up to 1,000 ... and one of up to 8,000".
    """
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in anchor.children):
        return False
    near = [*anchor.children, *(c for c in anchor.head.children if c.i != anchor.i)]
    return (anchor.dep_ == "conj" and anchor.head.like_num) or any(
        c.dep_ in ("conj", "appos") and c.like_num and c.pos_ == "NUM" for c in near)


def _capitalised_in_a_name(anchor: Token) -> bool:
    """Say whether a number word is capitalised after a word inside its sentence: a name's ("Group of Seven").

    Running text writes counts in small letters; a capital after a word (not after a quote,
    a colon or the start of the sentence) belongs to a name.
    """
    if not anchor.is_alpha or not anchor.text[0].isupper() or anchor.text.isupper() or anchor.is_sent_start:
        return False
    return anchor.i > 0 and anchor.nbor(-1).is_alpha and not anchor.nbor(-1).is_sent_start


def _model_number(anchor: Token) -> bool:
    """Say whether a number heads a name right after it: a model's ("the crash of the Learjet 36")."""
    return any(c.dep_ == "compound" and c.pos_ == "PROPN" and c.i == anchor.i - 1 for c in anchor.children)


#: The oldest age a number set off after a name may state.
OLDEST_AGE = 120


def _apposed_age(figure: Figure) -> bool:
    """Say whether a number set off by a comma after a name states an age ("his daughters Rina and Maia, 15 and 20,").

    The wire's convention ("Maria Marco, 35, was killed"): an exact number no larger than
    :data:`OLDEST_AGE` in apposition to a name (or coordinated with such a number).
    """
    anchor = figure.anchor
    number = anchor.head if anchor.dep_ == "conj" and anchor.head.like_num else anchor
    if figure.qualifier != "exact" or figure.unit or number.dep_ != "appos" or not _named(number.head):
        return False
    first = number.left_edge  # "his wife Jetty Kors, both 50,"
    return first.i > 0 and number.doc[first.i - 1].text == "," and (figure.value_low or 0) <= OLDEST_AGE


def _named(noun: Token) -> bool:
    """Say whether a noun is a name or names someone: "Maria Marco", "his wife Jetty Kors"."""
    return noun.pos_ == "PROPN" or any(c.dep_ in ("appos", "compound") and c.pos_ == "PROPN" for c in noun.children)


def _parsed_date(figure: Figure) -> bool:
    """Say whether the parser reads a number as a date, time or ordinal and nothing says it counts.

    A number that counts a noun ("on Friday three women") or something of a listed kind
    ("he said 20 had died", "the toll rose to 30") counts; an ordinal or a year ("1991
    Gulf War") never does. (Dates and times themselves were set aside with the date expressions.)
    """
    anchor = figure.anchor
    if anchor.ent_type_ not in ("DATE", "TIME", "ORDINAL") or figure.unit is not None:
        return False
    if anchor.ent_type_ == "ORDINAL" or _YEAR.fullmatch(anchor.text):
        return True
    return figure.noun is None and infer_kind(anchor, None, None) is None


def _victims(anchor: Token) -> bool:
    """Say whether a bare number is the victims of a verb of a listed kind ("killed one", "20 had died").

    "Killed one of the drivers" counts; "one of the ..." as the active subject does not.
    """
    if anchor.dep_ not in ("dobj", "nsubjpass", "nsubj") or (
            anchor.dep_ == "nsubj" and any(c.lower_ == "of" for c in anchor.children)):
        return False
    return anchor.head.pos_ == "VERB" and lemma_kind(anchor.head) is not None \
        and (anchor.head.lemma_.lower() not in PEOPLE_OR_THINGS or counts_people(anchor))  # not "captured one of
    # Iraq's strongest fortifications"


def _is_speaker(noun: Token | None) -> bool:
    """Say whether a noun is the subject of a reporting verb ("one diplomat said": a speaker, not a count)."""
    return noun is not None and noun.dep_ == "nsubj" and noun.head.lemma_.lower() in REPORT_VERBS


def _phrase(tokens: list[Token]) -> str:
    """Return the text covered by ``tokens`` (contiguous in the document)."""
    tokens = sorted(tokens, key=lambda t: t.i)
    doc = tokens[0].doc
    return doc[tokens[0].i: tokens[-1].i + 1].text


def _noun_phrase(noun: Token, with_adjectives: bool = False) -> str:
    """Return a noun with its compounds (and, optionally, adjectives), without determiners."""
    keep = {"compound"} | ({"amod"} if with_adjectives else set())
    tokens = [noun, *[c for c in noun.lefts if c.dep_ in keep]]
    first = min(t.i for t in tokens)
    return noun.doc[first: noun.i + 1].text


def infer_victims(figure: Figure) -> str | None:
    """Return who the figure counts, when they are named."""
    if figure.kind not in PEOPLE_KINDS:
        return None
    if figure.noun is not None and figure.noun.lemma_.lower() not in LEMMA_KINDS:
        return _noun_phrase(figure.noun)
    anchor = figure.anchor
    if anchor.dep_ in ("nsubj", "nsubjpass"):
        for child in anchor.head.children:
            if child.dep_ == "attr" and child.pos_ in ("NOUN", "PROPN"):
                tokens = [child, *[c for c in child.lefts if c.dep_ in ("compound", "amod")]]
                for prep in child.rights:
                    if prep.dep_ == "prep" and prep.lower_ == "of":
                        tokens.extend(prep.subtree)
                return _phrase(tokens)
    return None


def _place_in(tokens) -> str | None:
    """Return the first place among ``tokens``' "in <place>" phrases, with its adjectives."""
    return next(_places_in(tokens), None)


def _places_in(tokens) -> Iterator[str]:
    """Yield the places of ``tokens``' "in <place>" phrases, with their adjectives, in order."""
    for carrier in tokens:
        for prep in carrier.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("in", "inside", "across", "throughout"):
                continue
            for pobj in prep.children:
                if pobj.dep_ == "pobj" and pobj.ent_type_ in ("GPE", "LOC", "FAC"):
                    yield _noun_phrase(pobj, with_adjectives=True)


def sentence_place(parsed: ParsedArticle, sentence: Sentence) -> str | None:
    """Return the one place the "in <place>" phrases of a sentence name, wherever they hang, or None.

    "At least 677 Israelis were killed ..., making it the deadliest attack in Israel in
    decades": the phrase is not the figure's clause's, but it is the sentence's only place.
    A sentence naming two places ("in Gaza ... in Israel") gives none.
    """
    places = set(_places_in(parsed.span(sentence)))
    return next(iter(places)) if len(places) == 1 else None


def infer_location(figure: Figure) -> str | None:
    """Return the place of an "in <place>" phrase attached to the figure or to its clause.

    For a level ("the toll in Gaza stood at 11,078") the subject's phrase counts too; for a number in a
    relative clause, the clause that holds what it describes ("the MoH in Gaza has not updated its figures,
    which stood at 18,787").
    """
    start = figure.noun if figure.noun is not None else figure.anchor
    carriers = [figure.anchor, *([figure.noun] if figure.noun is not None else [])]
    if figure.noun is not None:  # "19,667 Palestinians who have been killed in Gaza"
        carriers += [c for c in figure.noun.children if c.dep_ in ("relcl", "acl")]
    for governor, path_child in governors(start):
        carriers.append(governor)
        if is_level_link(governor, path_child) and governor.lemma_.lower() in (*MEASURE_VERBS, "be"):
            carriers += [t for c in governor.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")
                         and c.i != path_child.i for t in c.subtree]
    return _place_in(carriers + host_clause(start))


def source_place(parsed: ParsedArticle, source: tuple[int, int] | None, mentions: list[dict]) -> str | None:
    """Return the source's own place: "the Ministry of Health in Gaza", "the Gaza MoH", "MoH Gaza".

    An "in <place>" phrase of the source wins, else a registry place named inside it.
    """
    span = parsed.doc.char_span(*source, alignment_mode="expand") if source else None
    if span is None:
        return None
    if (place := _place_in(span)) is not None:
        return place
    places = [m for m in mentions if m.get("actor_type") == "place"
              and source[0] <= m["start_char"] and m["end_char"] <= source[1]]
    if places:
        return places[0]["text"]
    named = [e.text for e in span.ents if e.label_ in ("GPE", "LOC")]
    return named[0] if named else _known_place_in(span.text, mentions)


def _known_place_in(text: str, mentions: list[dict]) -> str | None:
    """Return the first place the article names that is a word of ``text`` ("the *Gaza* Government Media Office").

    >>> _known_place_in("the Gaza Government Media Office", [{"actor_type": "place", "text": "Gaza"}])
    'Gaza'
    """
    return _first_named(text, {m["text"] for m in mentions if m.get("actor_type") == "place"})


def _first_named(text: str, names: set[str], flags: int = 0) -> str | None:
    """Return the name of ``names`` that ``text`` holds as a word first (the longest at one position).

    >>> _first_named("Violence and casualties (West Bank)", {"West Bank", "Gaza", "Bank"})
    'West Bank'
    """
    found = [(match.start(), -len(name), name) for name in names
             if (match := re.search(rf"\b{re.escape(name)}\b", text, flags))]
    return min(found)[2] if found else None


def section_place(parsed: ParsedArticle, paragraph_id: int, places: set[str]) -> str | None:
    """Return the place named by the nearest heading above a paragraph that names one, or None.

    ``places`` are the place names the article's text holds (:func:`_article_places`);
    a heading names one as a word, in any case ("Violence and casualties (West Bank)",
    "GAZA STRIP"). A heading naming none defers to its parent ("West Bank" > "Casualties").
    """
    for heading in reversed(parsed.article.clean.section_of(paragraph_id)):
        if (place := _first_named(heading, places, re.IGNORECASE)) is not None:
            return place
    return None


def _article_places(parsed: ParsedArticle, mentions: list[dict]) -> set[str]:
    """Return the names of the places the article names: registry places and what the parse reads as a place."""
    return {m["text"] for m in mentions if m.get("actor_type") == "place" or _is_place_entity(parsed, m)}


_DATELINE = re.compile(r"(?P<place>[A-Z][A-Z.' -]*[A-Z])(?:\s*/\s*[A-Z][A-Z.' -]*)?"
                       r"(?=\s*(?:,|\(|\s-\s|\s[–—]\s|\s\d{4}-\d\d-\d\d))")


def article_place(parsed: ParsedArticle) -> str | None:
    """Return the place of the article's dateline ("GAZA, Oct 7 (Reuters) -"), or None.

    >>> from types import SimpleNamespace as N
    >>> article_place(N(article=N(body="JERUSALEM 1996-08-22 Israel said...")))
    'Jerusalem'
    """
    match = _DATELINE.match(parsed.article.body)
    return match["place"].title() if match else None


def _is_place_entity(parsed: ParsedArticle, mention: dict) -> bool:
    """Say whether the parse, too, reads a place mention as a place (not "Interfax" or "Chechens")."""
    span = parsed.doc.char_span(mention["start_char"], mention["end_char"], alignment_mode="expand")
    return span is not None and span.root.ent_type_ in ("GPE", "LOC", "FAC")


def context_place(parsed: ParsedArticle, figure: Figure, mentions: list[dict]) -> str | None:
    r"""Return the place named last before a figure, in its paragraph or the paragraph before.

    A report without a dateline places its figures by the text around them: "Heavy
    strikes hit Gaza city ...\n\nSince the start of hostilities, 2,670 Palestinians have
    been killed." A place named inside a body's name counts ("according to the Ministry of
    Health (MoH) in Gaza", one mention of the ministry, :func:`named_place`).
    """
    paragraph = figure.sentence.paragraph_id
    before = [m for m in mentions if m["end_char"] <= figure.start
              and parsed.sentence_at(m["start_char"]).paragraph_id >= paragraph - 1]
    for mention in sorted(before, key=lambda m: m["start_char"], reverse=True):
        if (place := named_place(parsed, mention, mentions)) is not None:
            return place
    return None


def named_place(parsed: ParsedArticle, mention: dict, mentions: list[dict]) -> str | None:
    """Return the place a mention names: itself when the parse reads it as a place, or the place in a body's name."""
    if mention.get("actor_type") == "place":
        return mention["text"] if _is_place_entity(parsed, mention) else None
    if mention.get("actor_type") in ("organization", "government_body"):
        return source_place(parsed, (mention["start_char"], mention["end_char"]), mentions)
    return None


# --- sources ----------------------------------------------------------------------------

def _trimmed(head: Token) -> tuple[int, int]:
    """Return the character span of ``head``'s phrase without appositions, clauses and circumstances.

    An apposition that names whom a common noun describes stays: "its chief justice, Esmail Sadeghi".
    A phrase the parser hangs on the name from before it ("Since 7 October, OCHA recorded"), a
    date after it ("An Iraqi Kurdish group on Saturday accused") and a phrase after it that names
    nobody ("The EPR in a published report said") are the sentence's, not the name's; "the
    Ministry of Health in Gaza" and "the spokesman for the army" keep theirs. Who relayed it is
    not the source's words either: "the statement quoted by IRNA" is "the statement" (:func:`_relays`).
    """
    tokens = [head]
    for child in head.children:
        naming = head.pos_ == "NOUN" and child.pos_ == "PROPN"
        if child.dep_ in ("relcl", "punct") or (child.dep_ in ("appos", "acl") and _after_comma(child) and not naming) \
                or _relays(child):
            continue
        if child.dep_ in ("prep", "advmod", "npadvmod") and (child.i < head.i or _dated(child) or _unnamed(child)):
            continue
        tokens.extend(child.subtree)
    tokens = sorted(tokens, key=lambda t: t.i)
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


#: Participles that name who passed a report on, not who made it: "the statement *quoted by IRNA*", "a
#: communique *carried by* the agency", "Tehran radio, *monitored by* the BBC", "a report *received in* London".
RELAY_PARTICIPLES = frozenset({"quote", "carry", "monitor", "receive", "relay", "cite"})


def _relays(child: Token) -> bool:
    """Say whether a source's modifier is a participle of relaying (:data:`RELAY_PARTICIPLES`), not its words."""
    return child.dep_ == "acl" and child.tag_ == "VBN" and child.lemma_.lower() in RELAY_PARTICIPLES


def _dated(token: Token) -> bool:
    """Say whether a modifier is only a date or a time ("on Saturday", "this month")."""
    words = [t for t in token.subtree if t.dep_ not in ("prep", "det", "case")]
    return bool(words) and all(t.ent_type_ in ("DATE", "TIME") for t in words)


def _unnamed(prep: Token) -> bool:
    """Say whether a prepositional phrase other than "of" names no one and nowhere ("in a published report").

    A phrase hyphenated to its noun is part of the noun: "editor-in-chief".
    """
    if prep.lower_ == "of" or (prep.i > 0 and prep.nbor(-1).text == "-" and not prep.nbor(-1).whitespace_):
        return False
    return not any(_is_name(t) and t.ent_type_ not in ("DATE", "TIME") for t in prep.subtree)


def _after_comma(token: Token) -> bool:
    """Say whether the phrase of ``token`` is set off by a comma ("Sales, an expert")."""
    first = min(t.i for t in token.subtree)
    return first > 0 and token.doc[first - 1].text in (",", "(", "–", "—")


#: Nouns of a count someone made: "by Iraq's count", "Iraqi figures show".
COUNT_NOUNS = frozenset({"count", "tally", "estimate", "figure", "reckoning", "calculation", "statistic"})


#: The words that introduce a source in :func:`according_to`.
_SOURCE_WORDS = frozenset({"according", "per", "by", "citing"})


def according_phrases(span: Span) -> list[tuple[Token, tuple[int, int]]]:
    """Return each "according to X", "as per X", "citing X" and "by X's count" of a span: its first word and X's span.

    A participle the parser reads as the verb of "to" is the source's first word: "according to
    *surviving* family members".
    """
    found = []
    hits = tokens_with_lower(span.doc, _SOURCE_WORDS)  # other words introduce no source
    found = []
    for i in hits[bisect.bisect_left(hits, span.start):bisect.bisect_left(hits, span.end)]:
        token = span.doc[i]
        lower = token.lower_
        heads = [c for c in token.children if c.lower_ == "to"] if lower == "according" else []
        if (lower == "per" and token.i > 0 and token.nbor(-1).lower_ == "as") or lower == "by":
            heads = [token]
        objects = [c for head in heads for c in head.children if c.dep_ == "pobj"
                   and (lower != "by" or c.lemma_.lower() in COUNT_NOUNS)]
        if lower == "according" and not objects:
            objects = [c for head in heads for c in head.children if c.dep_ == "pcomp"]
        if lower == "citing":
            objects = [c for c in token.children if c.dep_ == "dobj"]
        if objects:
            found.append((token, _author(objects[0]) or _trimmed(objects[0])))
        elif heads and lower == "according" and (fused := _fused_source(heads[0])) is not None:
            found.append((token, fused))
    return found


def _fused_source(to: Token) -> tuple[int, int] | None:
    """Return the modifiers after an objectless "according to" that the parser fused with the next noun.

    Without a comma the parse reads "According to central bank forecasts inflation will reach ..."
    as "central bank forecasts inflation": the source is the run of modifiers before that head.
    """
    doc = to.doc
    end = to.i + 1
    while end < len(doc) and doc[end].dep_ in ("compound", "amod", "det", "poss", "case") \
            and doc[end].head.i > doc[end].i:
        end += 1
    if end == to.i + 1 or not any(t.pos_ in ("NOUN", "PROPN") for t in doc[to.i + 1: end]):
        return None
    return doc[to.i + 1].idx, doc[end - 1].idx + len(doc[end - 1].text)


def according_to(span: Span) -> tuple[tuple[int, int], bool] | None:
    """Return the source span of the first "according to X", "as per X", "citing X" or "by X's count" of a span.

    And whether the phrase opens the sentence.
    """
    phrases = according_phrases(span)
    if not phrases:
        return None
    token, source = phrases[0]
    return source, token.i == span.start or token.i - 1 == span.start


def following_attribution(figure: Figure, span: Span, phrases: list[tuple[Token, tuple[int, int]]],
                          figures: list[Figure]) -> tuple[int, int] | None:
    """Return the source of the first "according to X" after a figure in its sentence, if no reporting verb is between.

    A trailing attribution names the source of the figures before it, not a reporting verb before
    them that the parse makes their governor: "Airstrikes that Israel says target Hamas forces have
    killed more than 2,808 people ..., according to the Palestinian Ministry of Health"; "Tuesday's
    deaths add to a toll of more than 50 journalists killed ..., according to the Committee to
    Protect Journalists"; of two, the nearer ("killing six people, according to a U.N. relief agency,
    and another ..., killing at least 16, according to the Gaza health ministry"). A reporting verb
    between them reports the figure itself ("while 43 ... have been killed, a number he said
    correlated with ... 7,000 killed, according to the Ministry": the 43 are his); "X, citing Y,
    said" stays X's. An attribution before the figure that opens its stretch of the sentence
    (:func:`_opens`) keeps it: "As of 21:00 today, according to Israeli media, more than 1,000
    Israelis ... were killed ... and at least 2,806 people were injured, according to the Ministry of
    Health" (the 1,000 are the media's, the 2,806 the ministry's); so does a clause's reporting
    verb before the figure, which the trailing attribution relays ("Iran's judiciary chief said
    ... over 22,000 ..., according to the state-run IRNA news agency"; :func:`_main_reporter_before`).
    """
    before = [token for token, _ in phrases if token.i < figure.anchor.i]
    if (before and _opens(before[-1], figure, figures)) or _main_reporter_before(figure):
        return None
    for token, source in phrases:
        if token.i <= figure.anchor.i or token.lower_ == "citing":
            continue
        between = span.doc[figure.anchor.i + 1: token.i]
        if any(t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in REPORT_VERBS for t in between):
            return None
        return source
    return None


def relayed_attribution(figure: Figure, phrases: list[tuple[Token, tuple[int, int]]]) -> tuple[int, int] | None:
    """Return the source of an "according to Y" that a reported clause holds before its figure: Y, not the reporter.

    "The newspaper also said that according to some accounts, Ghorbanifar paid ... as much as 10 mln
    dlrs": the newspaper relays the accounts, as "X quoted Y as saying" relays Y. The phrase must
    modify a word on the figure's way up to the first reporting verb; a trailing attribution
    after the figure relays the reporter instead (:func:`following_attribution`).
    """
    heads = {token.head.i: source for token, source in phrases
             if token.lower_ == "according" and token.i < figure.anchor.i}
    if not heads:
        return None
    for ancestor in paragraph_ancestors(figure.anchor):
        if _reporting_source(ancestor) is not None:
            return None  # "According to Y, X said ...": X reports
        if ancestor.i in heads:
            return heads[ancestor.i]
    return None


#: Nouns of a document or a count whose author is the source: "according to a report by the CPJ" ("datum":
#: the lemma the model may give "data").
AUTHORED_NOUNS = frozenset({"report", "statement", "data", "datum", "figure", "statistic", "study", "survey", "tally",
                            "count", "estimate", "assessment", "analysis"})


#: Participles of making a record public, whose agent is its author: "figures *released by* the State
#: Statistics Bureau", "the fatality toll *reported by* MoH in Gaza" (with the reporting verbs).
ISSUING_PARTICIPLES = frozenset("release compile issue publish provide give collect gather prepare produce "
                                "supply tabulate post circulate".split())


def _author(noun: Token) -> tuple[int, int] | None:
    """Return who made the report or count a source names: "a report *by the CPJ*", "data *from the ministry*".

    Or the agent of a participle that issues it, whatever the noun: "figures *compiled by* Euromoney
    magazine", "the fatality toll *reported by* MoH" (:func:`_issued_by`).
    """
    if (issuer := _issued_by(noun)) is not None:
        return issuer
    if noun.lemma_.lower() not in AUTHORED_NOUNS:
        return None
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("by", "from"):
            author = next((c for c in child.children if c.dep_ == "pobj" and _is_name(c)), None)
            if author is not None:
                return _with_entity(author)
    return None


def _issues(child: Token) -> bool:
    """Say whether a noun's modifier is a participle of reporting or issuing it ("figures *released* by X")."""
    lemma = child.lemma_.lower()
    return child.dep_ == "acl" and child.tag_ == "VBN" and (lemma in ISSUING_PARTICIPLES or lemma in REPORT_VERBS)


def _issued_by(noun: Token) -> tuple[int, int] | None:
    """Return the agent of a participle of reporting or issuing set on a noun ("figures released *by X*")."""
    for child in noun.children:
        if _issues(child):
            agents = [p for c in child.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
            if agents and agents[0].lower_ not in PRONOUNS:
                return _with_entity(agents[0])
    return None


def _record_source(token: Token) -> tuple[int, int] | None:
    """Return who issued the record a figure is in or measures (:func:`_author`).

    "the 300 deaths *reported by the ministry*"; "The fatality toll *reported by MoH* in Gaza ...
    stands at 10,818" (the subject of a verb of level).
    """
    if token.pos_ in ("NOUN", "PROPN"):
        return _issued_by(token)
    if token.pos_ != "VERB" or token.lemma_.lower() not in MEASURE_VERBS:
        return None
    subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
    return _author(subject) if subject is not None else None


def _with_entity(head: Token) -> tuple[int, int]:
    """Return the span of ``head``'s phrase (:func:`_trimmed`), stretched to the whole name the recogniser found.

    "the Committee to Protect Journalists": the parse may hang "to Protect Journalists" elsewhere.
    """
    start, end = _trimmed(head)
    entity = next((e for e in head.doc.ents if e.start <= head.i < e.end), None)
    return (start, end) if entity is None else (min(start, entity.start_char), max(end, entity.end_char))


def parenthetical_source(figure: Figure) -> tuple[int, int] | None:
    """Return the source named in brackets right after a figure: "212 injured (Red Cross)".

    "at least 60 (the opposition leader's claim)" gives the possessor. Brackets that hold
    a number, or no name, or open with a verb or a preposition, do not name a source.
    """
    last = figure.anchor.i
    doc = figure.anchor.doc
    opening = next((t for t in doc[last + 1: last + 5] if t.text == "("), None)
    if opening is None or any(t.text in (")", ",", ";") for t in doc[last + 1: opening.i]):
        return None
    closing = next((t for t in doc[opening.i + 1: opening.i + 12] if t.text == ")"), None)
    if closing is None:
        return None
    inside = doc[opening.i + 1: closing.i]
    if len(inside) == 0 or any(t.like_num for t in inside) or inside[0].pos_ in ("VERB", "ADP", "SCONJ"):
        return None  # a number, or no noun phrase: "(excluding Al Ahli hospital casualties)"
    marker = next((t for t in inside if t.dep_ == "case" and t.head.i >= inside.start), None)
    if marker is not None:  # the possessor without its "'s"
        return doc[min(t.i for t in marker.head.subtree)].idx, marker.idx
    if any(t.ent_type_ in ("ORG", "PERSON", "NORP", "GPE") for t in inside):
        return inside.start_char, inside.end_char
    return None


def _reporting_source(token: Token) -> tuple[int, int] | None:
    """Return who a reporting verb attributes its clause to, or None if it names no one.

    The subject ("the ministry said", "the paper put the toll at seven"), a pronoun resolved
    (:func:`_antecedent_reporter`), or the name before a trailing verb with no subject (:func:`_phrase_before`);
    the agent of a passive ("12,700 fatalities were reported by the Gaza MoH"); the one
    quoted ("the agency quoted the governor's office as saying", "the watchdog was quoted
    by newspapers as saying").
    """
    if token.pos_ not in ("VERB", "AUX"):
        return None
    if _is_quoting(token):
        quoted = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
        return _joined(quoted) if quoted and quoted[0].lower_ not in PRONOUNS else None
    if not _reports(token):
        return None
    if (inverted := _inverted_reporter(token)) is not None:
        return inverted
    agents = [p for c in token.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
    if agents and not any(c.dep_ == "nsubj" for c in token.children):
        return _trimmed(agents[0]) if agents[0].lower_ not in PRONOUNS else None
    subjects = _subjects(token)
    if not subjects:
        return _participle_subject(token) or _phrase_before(token) or _apposition_before(token)
    last = subjects[-1]
    if last.lemma_.lower() in ("number", "toll", "total") or last.pos_ == "ADJ" or _nobody(last):
        return None  # "the number of Americans confirmed dead rose to 30", "the cumulative reported toll", "No one"
    if (described := _relative_antecedent(last)) is not None:
        return _authored_record(described) or _trimmed(described)
    if last.lower_ in PRONOUNS:
        return _antecedent_reporter(last)
    return _authored_record(last) or _joined(subjects)


def _authored_record(noun: Token) -> tuple[int, int] | None:
    """Return a record with its author, when a record reports ("*new data from the Labor Department* that showed").

    The author of a record is the source, but the parse trims "from the ministry" off a phrase
    when it names no one (:func:`_trimmed`); the record keeps it here.
    """
    if noun.lemma_.lower() not in EVIDENCE_NOUNS:
        return None
    author = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("from", "by") and c.i > noun.i
                   and any(p.dep_ == "pobj" for p in c.children)), None)
    if author is None:
        return None
    start = _trimmed(noun)[0]
    return start, author.right_edge.idx + len(author.right_edge.text)


def _relative_antecedent(subject: Token) -> Token | None:
    """Return the noun or name that a relative pronoun subject of a reporting verb stands for, if it is one.

    "according to Gaza health authorities, *who* say 40% of them are children": the authorities
    (:func:`~helpers.extract.kinds.antecedent`).
    """
    described = antecedent(subject)
    return described if described.i != subject.i and described.pos_ in ("NOUN", "PROPN") else None


def _subjects(verb: Token) -> list[Token]:
    """Return a reporting verb's subjects, a dateline's place replaced by what it heads (:func:`_past_dateline`)."""
    return [s for c in verb.children if c.dep_ == "nsubj" and not _labels(c) and (s := _past_dateline(c)) is not None]


def _past_dateline(subject: Token) -> Token | None:
    """Return the subject itself, or, for the place of a wire dateline that the parse made the subject, the reporter.

    In "NICOSIA, March 3 - Baghdad radio said ..." the parse may make "NICOSIA" the subject and
    "radio" its apposition; in "BAGHDAD, March 3 - In a communique ..., the high command said" a
    second subject. The place is no reporter: its apposition after the dateline is, else nothing; the
    apposition may hang on the dateline's agency ("DUBAI, Oct 20 (Reuters) - Iranian state media, citing
    ..., said": "media" on "Reuters").
    """
    text = doc_text(subject.doc)
    start = text.rfind("\n", 0, subject.idx) + 1
    end = after_dateline(text, start)
    if subject.idx >= end:
        return subject
    return next((t for t in subject.subtree if t.dep_ == "appos" and t.idx >= end), None)


#: What one claims or admits by doing it, not by reporting it: "claimed responsibility for the attacks";
#: "unrest which has claimed some 2,400 lives" kills them.
ACTS_CLAIMED = frozenset({"responsibility", "credit", "life"})


def _reports(verb: Token) -> bool:
    """Say whether a verb reports what its clause says: a reporting verb, "put the toll at", "figures show".

    Or a verb of saying with a clause (:func:`_says_that`). Not one whose object is an act ("claimed
    responsibility"), nor "add to" (:func:`_adds_to`).
    """
    reporting = verb.lemma_.lower() in REPORT_VERBS or _puts_at(verb) or _counts_show(verb) or _says_that(verb)
    return reporting and not _claims_an_act(verb) and not _adds_to(verb)


#: Verbs that say something only with a clause: "Pakistan *complained* to the United Nations today that
#: planes from Afghanistan attacked Pakistani villages ..., killing 90 people"; "charged with" accuses no one.
SAYING_VERBS = frozenset("complain charge argue contend maintain explain testify mention specify affirm protest "
                         "stress emphasise emphasize reiterate repeat inform".split())


def _says_that(verb: Token) -> bool:
    """Say whether a verb of :data:`SAYING_VERBS` reports a clause of its own ("complained ... that ...")."""
    return verb.lemma_.lower() in SAYING_VERBS and any(c.dep_ == "ccomp" for c in verb.children)


def _adds_to(verb: Token) -> bool:
    """Say whether "add" means to increase, not to say: "Tuesday's deaths add to a toll of more than 50".

    So it does with an object and no clause ("new data ... showed the economy added 517,000 jobs"), unless
    the object is the reporter after the verb ("..., added the spokesman": :func:`_inverted_reporter`).
    """
    if verb.lemma_.lower() != "add":
        return False
    deps = {c.dep_ for c in verb.children}
    return any(c.dep_ == "prep" and c.lower_ == "to" for c in verb.children) or (
        "dobj" in deps and "ccomp" not in deps and _inverted_reporter(verb) is None)


def _main_reporter_before(figure: Figure) -> bool:
    """Say whether the first reporting verb over a figure is a clause's verb before it, with a subject.

    Not one in a relative clause: "a number he said ...", "Airstrikes that Israel says ...".
    """
    for ancestor in paragraph_ancestors(figure.anchor):
        if ancestor.pos_ in ("VERB", "AUX") and _reports(ancestor):
            return ancestor.dep_ not in ("relcl", "acl") and ancestor.i < figure.anchor.i \
                and any(c.dep_ == "nsubj" for c in ancestor.children)
    return False


def _opens(attribution: Token, figure: Figure, figures: list[Figure]) -> bool:
    """Say whether an attribution before a figure opens the figures after it: no figure before it or between."""
    return not any(f.anchor.i < attribution.i or attribution.i < f.anchor.i < figure.anchor.i for f in figures)


def _participle_subject(verb: Token) -> tuple[int, int] | None:
    """Return the subject of the clause that a reporting participle continues: its reporter.

    "the Palestinian Health Ministry provided more detail on the toll, *saying* that 471 people had
    died"; "John F. Kirby ... played down the rupture, *saying* that ...". Not a pronoun: the climb
    goes on to the reporter it stands for ("The Israeli army confirmed it had carried out an
    airstrike, saying it had killed at least five militants"). Only a participle that reports a
    clause: in "nine UNRWA health centres were operational, recording 10,802 patient visits" the
    centres count, not report.
    """
    if verb.tag_ != "VBG" or verb.dep_ not in ("advcl", "xcomp", "conj") or verb.head.i == verb.i \
            or not any(c.dep_ == "ccomp" for c in verb.children):
        return None
    subject = next((c for c in verb.head.children if c.dep_ == "nsubj" and not _labels(c)), None)
    if subject is None or _nobody(subject) or subject.pos_ not in ("NOUN", "PROPN") or subject.lower_ in PRONOUNS:
        return None
    return _joined([subject])


def _claims_an_act(verb: Token) -> bool:
    """Say whether a reporting verb takes an act as its object ("claimed responsibility"): it reports no number."""
    return any(c.dep_ == "dobj" and c.lemma_.lower() in ACTS_CLAIMED for c in verb.children)


def _nobody(subject: Token) -> bool:
    """Say whether a subject names no one: "no one", "nobody", "none"."""
    return subject.lower_ in ("nobody", "none") or (
        subject.lower_ == "one" and subject.i > 0 and subject.nbor(-1).lower_ == "no")


#: Verbs of speech that may come before their subject ("..., said the minister").
INVERTING_VERBS = frozenset("say add report write state announce tell".split())


def _inverted_reporter(verb: Token) -> tuple[int, int] | None:
    """Return the reporter named after a trailing reporting verb ("..., said rail and ambulance officials").

    The verb follows a comma or a closing quotation mark and a noun phrase after it ends the
    sentence; the parser may read that phrase as the verb's object and take a noun before the
    comma for its subject.
    """
    doc = verb.doc
    if verb.i == 0 or doc[verb.i - 1].text not in (",", '"', "”") or verb.lemma_.lower() not in INVERTING_VERBS:
        return None
    after = [c for c in verb.rights if c.dep_ in ("nsubj", "dobj", "attr") and c.pos_ in ("NOUN", "PROPN")]
    if not after or after[0].lower_ in PRONOUNS or any(c.dep_ in ("ccomp", "xcomp") for c in verb.children) \
            or any(c.dep_ == "nummod" for c in after[0].children):
        return None  # "..., recording 10,802 patient visits": what is counted, not who says it
    last = after[0].right_edge.i + 1
    if last < len(doc) and not (doc[last].is_punct or doc[last].is_space or doc[last].is_sent_start):
        return None  # "..., said the army had ...": a clause, not a name
    return _trimmed(after[0])


def _joined(heads: list[Token]) -> tuple[int, int]:
    """Return the span of the phrases of heads the parse splits ("Lebanon's group Hezbollah" parses as two)."""
    spans = [_trimmed(head) for head in heads]
    return min(s[0] for s in spans), max(s[1] for s in spans)


def _is_quoting(verb: Token) -> bool:
    """Say whether a verb quotes someone as saying something: "X quoted Y as saying" (Y says it).

    In "X, quoting Y, said" X says it.
    """
    return verb.lemma_.lower() == "quote" and any(c.dep_ == "prep" and c.lower_ == "as" for c in verb.children)


#: Verbs that state an estimate with "at": "the newspaper put the death toll at seven".
ESTIMATE_VERBS = frozenset({"put", "place"})


def _puts_at(verb: Token) -> bool:
    """Say whether a verb puts a number on something ("put the toll at seven"): its subject is the source."""
    return verb.lemma_.lower() in ESTIMATE_VERBS and any(c.dep_ == "prep" and c.lower_ == "at" for c in verb.children) \
        and any(c.dep_ == "dobj" for c in verb.children)


#: Nouns of a claim whose possessor is its source: "Iran's claim of 2,000", "the army's estimate of 300".
CLAIM_NOUNS = COUNT_NOUNS | {"claim", "report", "statement", "assessment"}


def _claimant(noun: Token) -> tuple[int, int] | None:
    """Return who makes a claim or count that holds the figure.

    Its possessor ("against Iran's claim of 2,000"; not a date: "Monday's report"), or the claim itself
    when a name before the noun says whose it is ("Iraq denied *Iranian claims* that 2,000 Iraqis were
    killed", "*an Iranian report* that ..."), as "Iraqi figures show" names the figures.
    """
    if noun.lemma_.lower() not in CLAIM_NOUNS:
        return None
    owner = next((c for c in noun.children if c.dep_ == "poss" and c.lower_ not in PRONOUNS and not _dated(c)), None)
    if owner is None:
        if not any(c.dep_ in ("amod", "compound") and _is_name(c) for c in noun.lefts):
            return None
        words = [t for t in noun.subtree if t.i <= noun.i]  # without the claim's clause
        return words[0].idx, noun.idx + len(noun.text)
    words = [t for t in owner.subtree if t.dep_ != "case"]  # without the "'s"
    return words[0].idx, words[-1].idx + len(words[-1].text)


#: Nouns of a record that shows what it holds: "photos show", "an analysis of ministry data showed".
EVIDENCE_NOUNS = COUNT_NOUNS | AUTHORED_NOUNS | frozenset(
    "photo photograph picture image video footage record document".split())


def _counts_show(verb: Token) -> bool:
    """Say whether a verb's subject is someone's count or record: its source.

    "Iraqi figures show", "the army's tally put", "photos show", "An Associated Press analysis of
    Gaza Health Ministry data showed"; "new data from the Labor Department that showed".
    """
    return verb.lemma_.lower() in ("show", "indicate", "suggest", "put", "give") and any(
        c.dep_ == "nsubj" and (_relative_antecedent(c) or c).lemma_.lower() in EVIDENCE_NOUNS
        for c in verb.children)


_NAME_POS = ("PROPN", "NOUN", "ADJ", "DET", "PART")


def _phrase_before(verb: Token) -> tuple[int, int] | None:
    """Return the name between a comma and a reporting verb that the parser left without a subject.

    "..., Eastern Region Brigade Commander Major Fallah Sewa said on Wednesday": the parse
    hangs the name on the place before the comma, as an apposition.
    """
    doc = verb.doc
    start = verb.i
    while start > 0 and (doc[start - 1].pos_ in _NAME_POS or _joins_names(doc[start - 1])) \
            and doc[start - 1].lower_ not in PRONOUNS:
        start -= 1
    named = any(t.pos_ in ("PROPN", "NOUN") for t in doc[start: verb.i])
    if not named or start == 0 or doc[start - 1].text not in (",", '"', "“", "”"):
        return None
    while doc[start].pos_ == "CCONJ":  # ", and officials said": "officials"
        start += 1
    return doc[start].idx, doc[verb.i - 1].idx + len(doc[verb.i - 1].text)


def _apposition_before(verb: Token) -> tuple[int, int] | None:
    """Return the phrase whose apposition ends right before a subjectless reporting verb.

    'Although Gajdos spoke of "girls" his deputy, Eva Boudova, said ...': the parse hangs the
    deputy on the words before and leaves "said" without a subject.
    """
    doc = verb.doc
    if verb.i < 2:
        return None
    if doc[verb.i - 1].text != ",":
        return _apposition_ending_at(doc[verb.i - 1])
    last = doc[verb.i - 2]
    named = last.head if last.dep_ == "appos" else None
    if named is None or named.pos_ not in ("NOUN", "PROPN") or named.lower_ in PRONOUNS:
        return _apposition_ending_at(last)  # "..., the Conflicts Secretary of the Federation, Cristobal Aranibar, told"
    return _trimmed(named)


def _apposition_ending_at(last: Token) -> tuple[int, int] | None:
    """Return the apposition set off by a comma that ends with ``last`` right before a subjectless reporting verb.

    "..., in the occupied West Bank, the head of the Palestinian ambulance service said": the parse
    makes the head an apposition to the place. A name the parse joins to an apposition after a comma is
    the nearer phrase (:func:`_joined_name`).
    """
    for token in [last, *last.ancestors]:
        if token.right_edge.i != last.i:
            return None
        first = token.left_edge.i
        set_off = first > 0 and token.doc[first - 1].text == ","
        if set_off and ((token.dep_ == "appos" and token.pos_ in ("NOUN", "PROPN")) or _joined_name(token)):
            return _trimmed(token)
    return None


def _joined_name(token: Token) -> bool:
    """Say whether a name the parse joins to an apposition ends right before the verb, with no comma after it.

    "..., many of them senior officers, the state-run Philippine News Agency (PNA) said": the agency; but in
    "the Conflicts Secretary of the Federation, Cristobal Aranibar, told" the name set off by commas names
    the secretary.
    """
    after = token.doc[token.right_edge.i + 1] if token.right_edge.i + 1 < len(token.doc) else None
    return token.dep_ == "conj" and token.pos_ == "PROPN" and token.head.dep_ == "appos" \
        and (after is None or after.text != ",")


def _labels(subject: Token) -> bool:
    """Say whether a subject is a label set off by a colon ("RAMALLAH: Three were killed ..."): no reporter."""
    last = subject.right_edge
    return last.text == ":" or (last.i + 1 < len(subject.doc) and subject.doc[last.i + 1].text == ":")


def _joins_names(token: Token) -> bool:
    """Say whether a token joins two names of one reporter: "police *and* municipal officials"."""
    return token.pos_ == "CCONJ" and token.i > 0 and token.nbor(-1).pos_ in ("PROPN", "NOUN")


#: Pronouns that stand for a person.
PERSONAL = {"he", "she", "his", "her"}
#: Nouns of one person who reports, besides titles: "he said" may stand for them.
PERSON_REPORTERS = frozenset("source witness doctor medic resident survivor correspondent detective officer".split())
#: Nouns of one person that "he" or "she" may stand for.
PERSON_NOUNS = TITLE_NOUNS | PERSON_REPORTERS
#: Pronouns by which speakers name themselves or their listeners: only the quote tells who they are.
SPEAKERS = {"i", "we", "you"}


def _antecedent_reporter(pronoun: Token, window: int = 4) -> tuple[int, int] | None:
    """Return who a pronoun subject of a reporting verb stands for ("..., police said. They said ...").

    The named subject of the last reporting verb of the few sentences before that agrees
    with the pronoun (:func:`_agrees`); the same pronoun reporting before ("It said ...
    It added ...") stands for the same reporter. Failing that, the last agreeing subject
    of a sentence's main verb ("Iran launched an offensive. It said ..."), for "it" one that can
    report (:func:`_may_report`: not "An Israeli air strike ... killed four civilians ... it said").
    """
    if pronoun.lower_ in SPEAKERS:
        return None  # "we can confirm" in a quote: the quote's speaker (:func:`_sources_from_quotes`)
    doc = pronoun.doc
    sentences = [s for s in doc.sents if s.end <= pronoun.i][-window:]
    reporters = [c for sent in sentences for verb in sent for c in _reporters_of(verb)]
    for reporter in reversed(reporters):
        if reporter.lower_ == pronoun.lower_:
            return _antecedent_reporter(reporter, window)
        if reporter.lower_ not in PRONOUNS and _agrees(pronoun, reporter):
            return _trimmed(reporter)
    subjects = [c for sent in sentences for c in sent.root.children if c.dep_ == "nsubj"
                and c.lower_ not in PRONOUNS and _agrees(pronoun, c) and (pronoun.lower_ != "it" or _may_report(c))]
    return _trimmed(subjects[-1]) if subjects else None


def _may_report(subject: Token) -> bool:
    """Say whether a subject can be a reporter that "it" stands for: a name ("Iran"), or a body ("the ministry").

    Not an event or a thing ("An Israeli air strike ... killed four civilians").
    """
    return _is_name(subject) or subject.lemma_.lower() in BODY_NOUNS


def _reporters_of(verb: Token) -> list[Token]:
    """Return the reporters a verb names, the likelier antecedent last: a reporting verb's subject; a "quote"'s.

    "Tehran radio quoted Iranian Oil Minister Gholamreza Aqazadeh as saying", "he was quoted
    telling a news conference": the minister, "he"; the quoting subject, when it agrees, before the
    one quoted ("Newspapers quoted witnesses as saying ... They said": the newspapers).
    """
    if verb.pos_ != "VERB":
        return []
    if verb.lemma_.lower() == "quote":
        return [c for dep in ("dobj", "nsubjpass", "nsubj") for c in verb.children if c.dep_ == dep]
    reporting = verb.lemma_.lower() in REPORT_VERBS and _reports(verb)  # not "Japan added 689,700 tonnes"
    return [c for c in verb.children if c.dep_ == "nsubj"] if reporting else []


def _agrees(pronoun: Token, subject: Token) -> bool:
    """Say whether a reporter may be what a pronoun stands for.

    "he" and "she" stand for a person: a name, or one title ("A police spokesman said ... he
    said", :data:`~helpers.extract.discovery.TITLE_NOUNS`) or other noun of one person who reports
    (:data:`PERSON_REPORTERS`: "a source at the Cap Haitien church radio said ... he said"); "it"
    for no plural ("Western diplomats") and no one the text itself calls "he" or "she" (:func:`_called_a_person`);
    "they" for no one person (:func:`_one_person`: '"..." one said. ... they say' stands for no "one"). The
    entity labels alone are not trusted further ("Mujahideen Khalq" is read as a person, and so
    is "Unrwa ... said ... it said").
    """
    if pronoun.lower_ in PERSONAL:
        return subject.ent_type_ == "PERSON" or (subject.tag_ == "NN" and subject.lower_ in PERSON_NOUNS)
    if pronoun.lower_ in ("it", "its"):
        return subject.tag_ not in ("NNS", "NNPS") and not _called_a_person(subject)
    if pronoun.lower_ in ("they", "their"):
        return not _one_person(subject)
    return True


def _one_person(subject: Token) -> bool:
    """Say whether a reporter is one person, whom "they" does not stand for: a name, a title, "one" ("one said")."""
    return subject.ent_type_ == "PERSON" or subject.lower_ == "one" or (
        subject.tag_ == "NN" and subject.lower_ in PERSON_NOUNS)


#: Pronouns by which a text calls someone a person ("his sister's children").
PERSON_PRONOUNS = PERSONAL | {"him", "himself", "herself"}


def _called_a_person(subject: Token) -> bool:
    """Say whether a name read as a person's is one: a personal pronoun after it in its sentence stands for it.

    "Samir Ayoub, the Lebanese journalist, ... told the AP that the three girls killed were *his*
    sister's children"; "said Ahmed Modawikh, a 40-year-old carpenter ... whose life was shattered by
    the death of *his* 8-year-old daughter": neither is what a later "it said" stands for. A name
    read as a person's with no such pronoun may be a body's ("Unrwa, the UN's agency ..., said").
    """
    if subject.ent_type_ != "PERSON":
        return False
    sentence = subject.sent
    return any(t.lower_ in PERSON_PRONOUNS for t in subject.doc[subject.i + 1: sentence.end])


def reported_by(figure: Figure, span: Span) -> tuple[int, int] | None:
    """Return the source span of the reporting verb or the claim that governs a figure, if any.

    A figure is never its own source ("20 witnesses said"), nor does the audience of a
    report report itself (:func:`_narrated`), nor does a report say the circumstances that close
    its sentence, however deep the parse hangs them (:func:`_closing_circumstance`).
    """
    child = figure.anchor
    aside = False
    for ancestor in paragraph_ancestors(figure.anchor):
        aside = aside or _closing_circumstance(child)
        source = _reporting_source(ancestor) or _claimant(ancestor) or _record_source(ancestor)
        if source is not None and (aside or _narrated(ancestor, child, figure.anchor)):
            return None
        if source is None and not _circumstance(child):
            source = _parenthetical_reporter(ancestor)
        if source is not None and not source[0] <= figure.start < source[1]:
            return _relayed_report(ancestor, figure) or source
        child = ancestor
    root = span.root
    for child in root.children:
        if child.dep_ in ("ccomp", "parataxis", "advcl") and child.i > figure.anchor.i:
            if (source := _reporting_source(child)) is not None:
                return source
    return _trailing_report(figure, span)


def _relayed_report(verb: Token, figure: Figure) -> tuple[int, int] | None:
    """Return the source of the report that a trailing reporter relays: the one reported, not the relay.

    "Iran said U.S. Naval forces attacked two of its oil platforms ..., the Iranian news agency
    IRNA reported": the parse hangs the agency's verb, whose subject follows the figure and a
    comma, under "said" and gives it the clause; the agency relays what Iran said, as "X quoted
    Y as saying" relays Y. The relayed verb reports, before the figure, with a subject of its own.
    """
    head = verb.head
    if verb.dep_ not in ("ccomp", "parataxis", "conj") or not head.i < figure.anchor.i < verb.i:
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i > figure.anchor.i), None)
    if subject is None or verb.doc[subject.left_edge.i - 1].text != ",":
        return None
    if head.pos_ not in ("VERB", "AUX") or not _reports(head) or not any(c.dep_ == "nsubj" for c in head.children):
        return None
    return _reporting_source(head)


def _parenthetical_reporter(head: Token) -> tuple[int, int] | None:
    """Return the reporter of a bare reporting clause set into ``head``'s clause: it reports that clause.

    "It was these people, Mr. al-Hayya insisted, who had ... kidnapped dozens of civilians"; "The
    Israeli government approved the call-up of an additional 60,000 reservists, officials said,
    raising the total number of mobilized soldiers ... to 360,000". A reporting verb with a clause
    or an object of its own reports that instead.
    """
    if any(c.dep_ == "mark" for c in head.children):
        return None  # the parse may make a subordinate clause the host: "..., Netanyahu said, after militants fired"
    for child in head.children:
        if child.dep_ == "parataxis" and child.pos_ == "VERB" and child.lemma_.lower() in REPORT_VERBS \
                and not any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in child.children):
            return _reporting_source(child)
    return None


def _circumstance(clause: Token) -> bool:
    """Say whether a clause is a subordinate one of circumstances: a report set into its host does not say it.

    "as 30,000 marched", "after militants from the Gaza Strip fired over 3,000 missiles".
    """
    return clause.dep_ == "advcl" and any(c.dep_ == "mark" for c in clause.children)


def _describes(noun: Token, anchor: Token) -> bool:
    """Say whether ``anchor`` lies in a clause or an apposition that describes ``noun`` ("the Serbs, who ...")."""
    return any(anchor.i in {t.i for t in c.subtree} for c in noun.children if c.dep_ in ("relcl", "acl", "appos"))


def _in_description(subject: Token, anchor: Token) -> bool:
    """Say whether ``anchor`` describes a reporting subject rather than counting the reporters themselves.

    "Kidnappers of four professors, three American and one Indian, said ...": the professors
    counted in the subject's phrases are the narrator's; "20 witnesses said" counts the reporters.
    """
    return _describes(subject, anchor) or anchor.i != subject.i and anchor.head.i != subject.i


#: Conjunctions that open the circumstances of a report, not what it says ("..., as 30,000 marched").
CIRCUMSTANCE_MARKS = frozenset({"as", "while", "when", "whilst"})
#: Prepositions that set a report in time, not in what it says ("told reporters ... after a tour of three Gulf states").
CIRCUMSTANCE_PREPOSITIONS = frozenset({"after", "before", "during", "following", "amid", "ahead"})


def _narrated(verb: Token, path_child: Token, anchor: Token) -> bool:
    """Say whether the words through ``path_child`` are not what a report says but the narrator's.

    The audience ("Khamenei told a rally of 50,000 people that ..."), the reporters themselves
    as a clause describes them ("The Serbs, who make up 10 percent of the province's 1.8
    million people, claim ...") and the circumstances of the reporting ("fishermen said, as a
    strike by more than 30,000 fishermen entered its ninth day, ..."; "Schaefer told reporters
    in Bahrain after a tour of three Gulf states"): their numbers are the narrator's.
    """
    if path_child.dep_ == "dative" or (path_child.dep_ == "dobj" and verb.lemma_.lower() == "tell"):
        return True
    if path_child.dep_ == "prep" and path_child.lower_ in CIRCUMSTANCE_PREPOSITIONS \
            and verb.lemma_.lower() in REPORT_VERBS:
        return True
    if path_child.dep_ == "nsubj" and verb.lemma_.lower() in REPORT_VERBS and _in_description(path_child, anchor):
        return True
    return path_child.dep_ == "advcl" and path_child.i > verb.i and any(
        c.dep_ == "mark" and c.lower_ in CIRCUMSTANCE_MARKS for c in path_child.children)


def _closing_circumstance(clause: Token) -> bool:
    """Say whether a clause is the circumstance set off by a comma at the end of its sentence ("..., as ...").

    "Indian fishermen said on Wednesday they had been forced at gunpoint to ferry refugees ..., as a
    protest strike by more than 30,000 fishermen entered its ninth day": the parse hangs the "as"
    clause on "forced", inside what the fishermen said, but it is the narrator's setting.
    """
    if clause.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ == "as" for c in clause.children):
        return False
    doc, first = clause.doc, clause.left_edge.i
    closes = all(t.is_punct or t.is_space for t in doc[clause.right_edge.i + 1: clause.sent.end])
    return first > 0 and doc[first - 1].text == "," and closes


def _trailing_report(figure: Figure, span: Span) -> tuple[int, int] | None:
    """Return the source of a trailing "..., X said" that the parser hung elsewhere in the sentence.

    In "guerrillas killed one man and took eight people hostage ..., police sources said"
    the parse makes "said" a conjunct of "took"; in "... in Macedonia, police and municipal
    officials said" it makes the reporters conjuncts of the place, and in "..., an official
    newspaper reported on Saturday" the verb a modifier of its reporter. A reporting verb
    after the figure that ends the sentence (:func:`_ends_sentence`) with no clause or
    object of its own still reports the sentence before it: its subject after a comma,
    else the name between the comma and the verb (:func:`_phrase_before`).
    """
    for verb in span:
        if verb.i <= figure.anchor.i or verb.dep_ == "ROOT" or verb.lemma_.lower() not in REPORT_VERBS:
            continue
        if _reports_own_words(verb) or not _ends_sentence(verb, span):
            continue
        first = verb.left_edge
        if first.i > span.start and verb.doc[first.i - 1].text == ",":
            return _reporting_source(verb)
        if verb.pos_ == "VERB":
            return _phrase_before(verb)
    return None


def _reports_own_words(verb: Token) -> bool:
    """Say whether a reporting verb has a clause or an object after it: what it reports is that, not the sentence.

    The clause before it is the sentence's ("..., but he escaped unharmed, a police spokesman
    told Reuters"), and the object of "tell" is the audience.
    """
    tells = verb.lemma_.lower() == "tell"
    return any(c.dep_ in ("ccomp", "dobj", "xcomp") and c.i > verb.i and not (tells and c.dep_ == "dobj")
               for c in verb.children)


def reporting_fragment(span: Span) -> tuple[int, int] | None:
    """Return the reporter of a trailing "..., the ministry said Wednesday." that the parser split off as a sentence.

    The next sentence of the parse opens with a comma in the same paragraph and is only a
    reporting verb with its subject: it reports the sentence before it.
    """
    doc = span.doc
    if span.end >= len(doc) or doc[span.end].text != "," or crosses_paragraph(doc, span.end - 1, span.end):
        return None
    fragment = doc[span.end].sent
    verb = fragment.root
    if verb.lemma_.lower() not in REPORT_VERBS or any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in verb.children):
        return None
    return _reporting_source(verb) if _ends_sentence(verb, fragment) else None


#: Forms of the verbs by which a record reports, that the tagger may read as nouns at a sentence's end.
_SHOW_FORMS = frozenset({"show", "shows", "indicate", "indicates"})


def misread_record(span: Span) -> tuple[int, int] | None:
    """Return the record that closes a sentence with a "show" the parser gave no subject: it reports the sentence.

    "Turkey's trade deficit rose to 3.65 billion dlrs ..., figures from the State Statistics
    Institute show.": the parse reads "the State Statistics Institute show" as a name and a noun.
    The record is the phrase after the last comma, headed by a noun of a record (:data:`EVIDENCE_NOUNS`)
    that the last word hangs under.
    """
    words = [t for t in span if not t.is_punct]
    if not words or words[-1].lower_ not in _SHOW_FORMS:
        return None
    last = words[-1]
    if any(c.dep_ == "nsubj" for c in last.children):
        return None  # read as the verb it is: its subject reports (:func:`_counts_show`)
    comma = next((t for t in reversed(span[: last.i - span.start]) if t.text == ","), None)
    if comma is None:
        return None
    record = next((a for a in last.ancestors if comma.i < a.i and a.lemma_.lower() in EVIDENCE_NOUNS), None)
    if record is None:
        return None
    first = span.doc[comma.i + 1]
    return first.idx, last.nbor(-1).idx + len(last.nbor(-1).text)


def _ends_sentence(verb: Token, span: Span) -> bool:
    """Say whether only ``verb``'s own words and punctuation follow it in the sentence ("said on Thursday.")."""
    own = {t.i for t in verb.subtree}
    return all(t.i in own or t.is_punct for t in span.doc[verb.i + 1: span.end])


def named_antecedent(doc: Doc, source: tuple[int, int] | None) -> tuple[int, int] | None:
    """Return the earlier named phrase that a source like "the agency" or "the ministry" stands for.

    A source that is a common noun after "the", with no name in it, stands for the last
    phrase before it with the same head noun (:func:`_same_designation`) and a name ("the Iranian news agency IRNA"
    ... "the agency said", "Detective Richard Black" ... "the detective said"); failing one, a
    noun of a body ("the private business research group", :data:`helpers.extract.names.BODY_NOUNS`) stands for the
    last named organisation that reported before it (:func:`_earlier_body`: "the Conference
    Board said"); else it stays as written.
    """
    phrase = doc.char_span(*source, alignment_mode="expand") if source else None
    if phrase is None:
        return source
    head = phrase.root
    if head.pos_ != "NOUN" or any(_is_name(t) for t in phrase) \
            or not any(c.lower_ == "the" and c.dep_ == "det" for c in head.children):
        return source
    for token in reversed(doc[: phrase.start]):
        if _same_designation(token, head) and token.pos_ in ("NOUN", "PROPN"):
            named = token.head if token.dep_ in ("appos", "compound") and token.head.pos_ == "PROPN" \
                and not _placed_at(token.head) else token
            span = _trimmed(named)  # "Mujahideen Khalq, an Iranian exile group": the name
            if any(_is_name(t) for t in doc.char_span(*span, alignment_mode="expand")):
                return span
    if head.lemma_.lower() in BODY_NOUNS and (earlier := _earlier_body(head)) is not None:
        return named_antecedent(doc, earlier)
    return source



def _placed_at(token: Token) -> bool:
    """Say whether a name is the place of a prepositional phrase ("... in northern *Haiti*").

    The parse may hang a trailing reporter on it as an apposition ("... in northern Haiti, a source at the
    Cap Haitien church radio said"): the place is not the source that "the source" names again.
    """
    return token.dep_ == "pobj" and token.ent_type_ in ("GPE", "LOC")


#: Nouns that name one printed outlet again whichever of them introduced it ("Kuwait's Al-Qabas newspaper" ...
#: "the paper said").
PRESS_NOUNS = frozenset("newspaper paper daily weekly".split())


def _same_designation(token: Token, head: Token) -> bool:
    """Say whether ``token`` is a noun that ``head`` ("the agency", "the paper") names again.

    The same lemma, or two nouns of a printed outlet (:data:`PRESS_NOUNS`).
    """
    lemmas = {token.lemma_.lower(), head.lemma_.lower()}
    return len(lemmas) == 1 or lemmas <= PRESS_NOUNS


def _earlier_body(head: Token, window: int = 4) -> tuple[int, int] | None:
    """Return the last named organisation that reported in the few sentences before ``head`` ("the group said").

    A reporter is the subject of a reporting verb or the one "according to" names; it is an
    organisation when a word of it is one for the entity recogniser, and none a person.
    """
    doc = head.doc
    sentences = [s for s in doc.sents if s.end <= head.i][-window:]
    reporters = [c for sent in sentences for verb in sent for c in _reporters_of(verb)]
    reporters += [c for sent in sentences for t in sent if t.lower_ == "according"
                  for to in t.children if to.lower_ == "to" for c in to.children if c.dep_ == "pobj"]
    bodies = [r for r in reporters if any(t.ent_type_ == "ORG" for t in r.subtree)
              and not any(t.ent_type_ == "PERSON" for t in r.subtree)]
    return _trimmed(max(bodies, key=lambda t: t.i)) if bodies else None


def _is_name(token: Token) -> bool:
    """Say whether a token names someone or somewhere ("IRNA", "Algerian", "Health Ministry")."""
    return token.pos_ == "PROPN" or token.ent_type_ in ("NORP", "ORG", "GPE", "PERSON")


#: Abbreviations whose full stop belongs to the name ("U.S.", "Co."), kept at the end of a source.
_ABBREVIATION_END = re.compile(r"(?:\b[A-Za-z]\.){2,}$|\b(?:Inc|Corp|Co|Ltd|Jr|Sr|Bros)\.$")
#: A Markdown link's middle: the source is the link's text ("[UNRWA](https://...)").
_LINK_MIDDLE = "]("


def clean_source(body: str, span: tuple[int, int] | None) -> tuple[int, int] | None:
    r"""Return a source span without the characters around the name that the parse left in it.

    Spaces, a list bullet, an opening bracket or a wire dateline before it; a full stop, comma or colon after it
    (not an abbreviation's: "according to MoH." gives "MoH", "the U.S." stays); a Markdown
    link's address ("[UNRWA](https://...)" gives "UNRWA"); a bracket left open is closed when
    the text closes it next ("the Palestine Red Crescent Society (PRCS"), else dropped.

    >>> body = "according to MoH.\n\nthe Red Crescent (PRCS) said [WHO](https://x.org) and the U.S."
    >>> [body[slice(*clean_source(body, span))] for span in [(13, 19), (19, 41), (48, 68), (73, 81)]]
    ['MoH', 'the Red Crescent (PRCS)', 'WHO', 'the U.S.']
    >>> body = "BOSTON, March 9 - Gulf Resources and Chemical Corp said it has sold"
    >>> body[slice(*clean_source(body, (8, 50)))]
    'Gulf Resources and Chemical Corp'
    >>> body = "MONTREAL, March 5 - <Cogeco Inc> said"
    >>> body[slice(*clean_source(body, (20, 31)))]
    '<Cogeco Inc>'
    """
    if span is None:
        return None
    start, end = span
    while start < end and (body[start].isspace() or body[start] in "*-•[("):
        start += 1
    if (after := after_dateline(body[:end], start)) < end:
        start = after  # "BOSTON, March 9 - Gulf Resources ... said": the parse's subject took the dateline
    if _LINK_MIDDLE in body[start:end]:
        end = start + body[start:end].index(_LINK_MIDDLE)
    end = _balanced_end(body, start, end)
    while end > start and (body[end - 1].isspace() or body[end - 1] in ",;:" or (
            body[end - 1] == "." and not _ABBREVIATION_END.search(body[start:end]))):
        end -= 1
    return (start, end) if end > start else None


def _balanced_end(body: str, start: int, end: int) -> int:
    """Return where a source ends so that it closes every bracket it opens (see :func:`clean_source`).

    Round brackets, and the angle brackets of the wire's company names ("<Cogeco Inc>").
    """
    for opening, closing in ("()", "<>"):
        text = body[start:end]
        if text.count(opening) > text.count(closing):
            after = re.match(rf"[^{opening}{closing}\n]{{0,40}}?{re.escape(closing)}", body[end:])
            end = end + after.end() if after else start + text.rindex(opening)
    return end


def source_text(body: str, span: tuple[int, int] | None) -> str | None:
    """Return the words of a source span on one line, without Markdown link brackets."""
    if span is None:
        return None
    return re.sub(r"\s+", " ", body[span[0]:span[1]].replace("[", "").replace("]", "")).strip() or None


def _sources_from_quotes(parsed: ParsedArticle, figures: list[Figure], quotes: list[dict],
                         mentions: list[dict]) -> None:
    """Give a figure inside a quote that names no source of its own the quote's speaker.

    The quotes extractor reads who says a direct quote running over sentences or
    paragraphs ('"... Eleven thousand Serbs will vote there."' after '..., said Reuf
    Mehemdagic.') and whom a pronoun stands for ("..., he said"); reported speech with a
    named speaker was read here already (:func:`reported_by`). A direct quote longer
    than :data:`LONGEST_QUOTE` is taken for quotation marks paired wrongly. A part ("19
    of them") keeps no source.
    """
    for figure in figures:
        if figure.source is not None or figure.part_of is not None:
            continue
        around = [q for q in quotes if q["start_char"] <= figure.start and figure.end <= q["end_char"]
                  and q.get("speaker") and _speaks_for(q)]
        if around:
            quote = min(around, key=lambda q: q["end_char"] - q["start_char"])
            figure.source = speaker_span(parsed.article.body, quote, mentions)


def _unresolved_reporters(figures: list[Figure]) -> None:
    """Give a figure that a pronoun reports, which nothing resolved, the pronoun: it is someone's, not the narrator's.

    "He said Israeli security forces killed 304 Palestinians" with no one named before it; a part
    the pronoun reports as well ("..., including 61 boys and 2 girls"), as a named reporter's parts are.
    """
    for figure in figures:
        if figure.source is None:
            figure.source = reporting_pronoun(figure)


def reporting_pronoun(figure: Figure) -> tuple[int, int] | None:
    """Return the pronoun subject of the first reporting verb that governs a figure, if any ("*He* said ...")."""
    child = figure.anchor
    for ancestor in paragraph_ancestors(figure.anchor):
        if ancestor.pos_ in ("VERB", "AUX") and _reports(ancestor):
            if _narrated(ancestor, child, figure.anchor):
                return None
            subject = next((c for c in ancestor.children if c.dep_ == "nsubj"), None)
            if subject is None or subject.lower_ not in PERSONAL | {"it", "they"}:
                return None
            return subject.idx, subject.idx + len(subject.text)
        child = ancestor
    return None


#: The longest direct quote (characters) whose speaker a figure inside it takes.
LONGEST_QUOTE = 600


def _speaks_for(quote: dict) -> bool:
    """Say whether a quote's speaker is the source of the figures inside it (see :func:`_sources_from_quotes`)."""
    if quote.get("kind") == "direct":
        return quote["end_char"] - quote["start_char"] <= LONGEST_QUOTE
    return quote["speaker"].lower() in PRONOUNS


def speaker_span(body: str, quote: dict, mentions: list[dict]) -> tuple[int, int] | None:
    """Return where the text names a quote's speaker: its words near the quote, or, for a pronoun, its actor's name.

    >>> speaker_span("He said: 'No.' The minister said so.", {"start_char": 9, "end_char": 14,
    ...     "speaker": "The minister", "speaker_actor_id": None}, [])
    (15, 27)
    """
    speaker, actor_id = quote["speaker"], quote.get("speaker_actor_id")
    named = [m for m in mentions if actor_id and m.get("actor_id") == actor_id and m["start_char"] < quote["end_char"]]
    if speaker.lower() in PRONOUNS and named:
        last = max(named, key=lambda m: m["start_char"])
        return last["start_char"], last["end_char"]
    found = [m.start() for m in re.finditer(re.escape(speaker), body)]
    if not found or speaker.lower() in PRONOUNS:
        return None
    start = min(found, key=lambda at: min(abs(at - quote["end_char"]), abs(at - quote["start_char"])))
    return start, start + len(speaker)


#: Prepositions after a source's head that name the body it speaks for or the author of its words
#: ("a statement *by* Islamic Jihad", "a spokesman *for* La Nation", "the office *of* MSF"); the
#: others place it ("the MoH *in* Gaza", "doctors *at* the hospital").
AUTHOR_PREPOSITIONS = ("by", "for", "of")


def _mention_actor(mentions: list[dict], span: tuple[int, int] | None, doc=None) -> str | None:
    """Return the actor id of the registry mention that names a character span.

    The mention that covers the phrase's head wins ("the *Ministry of Health* in Gaza");
    else the last mention outside the phrase's prepositional and clausal modifiers (never
    "Gaza" in "the MoH in Gaza", nor "An-Nahar" in "a statement ... delivered to An-Nahar",
    nor the Health Ministry in "an Associated Press analysis of Health Ministry data");
    else the first mention in a modifier that names whom the head speaks for
    (:func:`_names_author`: "a statement by Islamic Jihad ... delivered to An-Nahar", "a spokesman for
    the newspaper La Nation", "the office of MSF", "figures compiled by the United Nations"); else, without a
    parse, the last mention
    inside the span.
    """
    if span is None:
        return None
    inside = [m for m in mentions if m.get("actor_id") and m["start_char"] >= span[0] and m["end_char"] <= span[1]]
    if not inside:
        inside = [m for m in mentions if m.get("actor_id") and m["start_char"] < span[1] and m["end_char"] > span[0]]
    phrase = doc.char_span(*span, alignment_mode="expand") if doc is not None else None
    if phrase is not None and inside:
        root = phrase.root
        covering = [m for m in inside if m["start_char"] <= root.idx < m["end_char"]]
        modifiers = [c for c in root.children if c.dep_ in ("prep", "acl", "relcl")]
        own = [m for m in inside if not _in_subtrees(m, modifiers)]
        authors = [m for m in inside if _in_subtrees(m, [c for c in modifiers if _names_author(c)])]
        if not (covering or own) and authors:
            return min(authors, key=lambda m: m["start_char"])["actor_id"]
        inside = covering or own
    return max(inside, key=lambda m: m["end_char"])["actor_id"] if inside else None


def _names_author(modifier: Token) -> bool:
    """Say whether a source's modifier names whom it speaks for or who made it.

    A preposition of :data:`AUTHOR_PREPOSITIONS`, "from" after a record ("figures *from* the Health
    Ministry"), or a participle that issues it ("figures *compiled by* the United Nations", :func:`_issues`).
    """
    if modifier.dep_ == "acl":
        return _issues(modifier)
    return modifier.lower_ in AUTHOR_PREPOSITIONS or (
        modifier.lower_ == "from" and modifier.head.lemma_.lower() in AUTHORED_NOUNS)


def _in_subtrees(mention: dict, heads: list[Token]) -> bool:
    """Say whether a mention lies in the subtree of one of ``heads``."""
    return any(mention["start_char"] <= t.idx < mention["end_char"] for head in heads for t in head.subtree)


def _form(text: str) -> str:
    """Return words as a name form: lower case, one space, no leading article or trailing possessive."""
    text = re.sub(r"\s+", " ", text).strip().lower()
    return re.sub(r"['’]s?$", "", re.sub(r"^(?:the|a|an) ", "", text))


def source_actor(body: str, mentions: list[dict], span: tuple[int, int] | None, doc=None) -> str | None:
    """Return the actor id of a source: the mention that names its span (:func:`_mention_actor`), else its words' actor.

    A source the actor finder did not mark where it stands ("Anatolian reported", after "the
    state-run Anatolian news agency") is the actor whose mentions elsewhere in the article are
    written with the same words, when that is one actor only.
    """
    found = _mention_actor(mentions, span, doc)
    if found is not None or span is None:
        return found
    words = _form(body[span[0]:span[1]])
    named = {m["actor_id"] for m in mentions if m.get("actor_id") and _form(m["text"]) == words}
    return named.pop() if len(named) == 1 else None


def infer_actor(figure: Figure) -> tuple[int, int] | None:
    """Return the span of who fired, attacked or paid (rockets, attacks, funding).

    Only the verb whose object (or passive subject) the figure is counts ("fired 450
    rockets", "allocates $100 million"), climbing through clauses without a subject of
    their own ("promising it $70 million" after "Iran restored ties"); a figure inside
    a prepositional phrase ("in response to the nine attacks") has no actor here.
    """
    if figure.kind not in ("rockets", "attacks", "funding"):
        return None
    counted = figure.noun if figure.noun is not None else figure.anchor
    if counted.dep_ not in ("dobj", "nsubjpass", "oprd", "dative"):
        return None
    verb = counted.head
    while verb is not None and verb.pos_ in ("VERB", "AUX"):
        if verb.lemma_.lower() in ("receive", "get", "obtain", "accept"):
            for prep in verb.children:
                pobj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep.lower_ == "from" else None
                if pobj is not None:
                    return _full(pobj)
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            return figure.source if subject.lower_ in PRONOUNS else _full(subject)
        verb = verb.head if verb.dep_ in ("advcl", "xcomp", "conj", "ccomp") and verb.head.i != verb.i else None
    return None


def _full(token: Token) -> tuple[int, int]:
    """Return the character span of a token's whole subtree."""
    tokens = list(token.subtree)
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


# --- parts of wholes ----------------------------------------------------------------------

def part_hint(figure: Figure) -> str | None:
    """Return "of" for "N of them/the X", "including" for "including N", else None."""
    anchor = figure.anchor
    for child in anchor.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None and (pobj.lower_ in ("them", "those", "these", "whom", "which")
                                     or any(c.lower_ == "the" for c in pobj.children)):
                return "of"
    head = figure.noun if figure.noun is not None else anchor
    while figure.noun is not None and head.dep_ == "conj" and head.head.i != head.i:
        head = head.head  # "including 2,704 children and 1,292 women", not "..., and about 14,245 have been injured"
    if head.dep_ == "pobj" and head.head.lower_ in ("including", "among"):
        return "including"
    if anchor.i > 0 and anchor.doc[max(anchor.i - 2, 0): anchor.i].text.lower().endswith(("including", "among them")):
        return "including"
    return None


def _of_relative(anchor: Token) -> bool:
    """Say whether a number's "of" takes a relative pronoun ("36 of which"), whose whole is the figure before."""
    return any(c.dep_ == "prep" and c.lower_ == "of" and any(p.lower_ in ("which", "whom") for p in c.children)
               for c in anchor.children)


def link_parts(figures: list[Figure]) -> None:
    """Set ``part_of`` (and the inherited kind) of figures that count part of another."""
    for index, figure in enumerate(figures):
        same_sentence = [f for f in figures[:index] if f.sentence is figure.sentence]
        if figure.part_hint == "including" and same_sentence:
            wholes = [f for f in same_sentence if f.part_hint != "including"]  # not a sibling part
            figure.part_of = (wholes or same_sentence)[-1]
        elif figure.part_hint == "of" and same_sentence and _of_relative(figure.anchor):
            figure.part_of = same_sentence[-1]  # "nearly 60 drones, 36 of which ...": the figure before
        elif figure.part_hint == "of":
            figure.part_of = _whole_before_them(figure, same_sentence) or _antecedent(figure, figures[:index])
        elif figure.kind is None and any(f.part_of for f in same_sentence):
            figure.part_of = next(f.part_of for f in reversed(same_sentence) if f.part_of)
        if figure.part_of is not None and figure.kind is None:
            figure.kind = figure.part_of.kind
    for sentence_figures in _by_sentence(figures):
        _link_breakdowns(sentence_figures)
        _link_breakdown_of_earlier(sentence_figures, figures)


#: How many sentences back a sentence's breakdown may count the parts of a total.
BREAKDOWN_WINDOW = 3


def _link_breakdown_of_earlier(sentence_figures: list[Figure], figures: list[Figure]) -> None:
    """Make a sentence's exact counts that add up to an exact count a few sentences before the parts of that count.

    "Italy said on Friday it had evacuated 17 Roman Catholic nuns and priests" / "The Foreign Ministry
    said the 10 Europeans and seven Africans took a special flight": parts of the 17, its kind theirs; so
    are "13 nuns, seven Italians and six Zaireans, and four priests, two from Belgium, ..." (13 and 4,
    whose own parts take the kind with them). Only the sentence's counts that are no part of another add up.
    """
    tops = [f for f in sentence_figures if f.part_of is None]
    if len(tops) < 2 or any(f.qualifier != "exact" or f.value_low is None for f in tops):
        return
    total = sum(f.value_low for f in tops)
    sentence_id = tops[0].sentence.sentence_id
    earlier = [f for f in figures if sentence_id - BREAKDOWN_WINDOW <= f.sentence.sentence_id < sentence_id
               and f.qualifier == "exact" and f.value_low == total and f.part_of is None]
    if not earlier:
        return
    for part in tops:
        part.part_of, part.kind = earlier[-1], part.kind or earlier[-1].kind
    for part in sentence_figures:
        if part.part_of is not None and part.kind is None:
            part.kind = part.part_of.kind


def _verb_between(first: Figure, last: Figure) -> bool:
    """Say whether a verb stands between two figures: "5 killed, 2 injured and 3 missing" lists no parts."""
    return any(t.pos_ in ("VERB", "AUX") for t in first.anchor.doc[first.anchor.i + 1: last.anchor.i])


def _by_sentence(figures: list[Figure]) -> list[list[Figure]]:
    """Return the figures grouped by sentence, in text order."""
    groups: dict[int, list[Figure]] = {}
    for figure in figures:
        groups.setdefault(id(figure.sentence), []).append(figure)
    return list(groups.values())


def _link_breakdowns(figures: list[Figure]) -> None:
    """Make the exact numbers right after an exact count that add up to it its parts, with its kind if they have none.

    "Kidnappers of four professors, three American and one Indian"; "13 nuns, seven Italians and six
    Zaireans, and four priests, two from Belgium, one from Spain and one from Zambia".
    """
    for index, whole in enumerate(figures):
        if whole.qualifier != "exact" or whole.value_low is None or whole.part_of is not None:
            continue
        total, parts = 0.0, []
        for part in figures[index + 1:]:
            if part.qualifier != "exact" or part.value_low is None or part.part_of is not None:
                break
            total, parts = total + part.value_low, [*parts, part]
            if total >= whole.value_low:
                break
        if total == whole.value_low and len(parts) >= 2 and not _verb_between(whole, parts[-1]):
            for part in parts:
                part.part_of, part.kind = whole, part.kind or whole.kind


def _whole_before_them(figure: Figure, same_sentence: list[Figure]) -> Figure | None:
    """Return the count of people right before "N of them" in its sentence: the whole "them" stands for.

    "resulting in 28 deaths — 16 of them children", "1,200 people killed, 169 of them Israeli soldiers".
    """
    people = [f for f in same_sentence if f.kind in PEOPLE_KINDS and f.part_hint is None]
    return people[-1] if _of_them(figure.anchor) and people else None


def _of_them(anchor: Token) -> bool:
    """Say whether a number is "N of them" (those, these): a part of a whole named before."""
    return any(c.dep_ == "prep" and c.lower_ == "of" and any(p.lower_ in ("them", "those", "these") for p in c.children)
               for c in anchor.children)


def _antecedent(figure: Figure, earlier: list[Figure]) -> Figure | None:
    """Return the whole that "N of them" refers to: the main figure of the previous sentence.

    That of its paragraph, or, for "N of them", the sentence right before it: the wire gives each sentence its own
    paragraph ('The army spokesman said: "Three of our men were wounded."' / '"Two of them are in
    serious condition," he added.').
    """
    sentence = figure.sentence
    them = _of_them(figure.anchor)
    paragraph = [f for f in earlier if f.sentence.sentence_id < sentence.sentence_id and f.kind in PEOPLE_KINDS
                 and (f.sentence.paragraph_id == sentence.paragraph_id
                      or (them and f.sentence.sentence_id == sentence.sentence_id - 1))]
    if not paragraph:
        return None
    last_sentence = paragraph[-1].sentence.sentence_id
    candidates = [f for f in paragraph if f.sentence.sentence_id == last_sentence]
    same_kind = [f for f in candidates if figure.kind and f.kind == figure.kind]
    return (same_kind or candidates)[0]


# --- the extractor -------------------------------------------------------------------------

def _analyse(parsed: ParsedArticle, sentence: Sentence, timex_spans: list[tuple[int, int]]) -> list[Figure]:
    """Return the figures of one sentence that are counts (not in ``timex_spans``), with their kinds."""
    figures = []
    numbers = [f for f in find_numbers(sentence) if not _in_spans(f, timex_spans)]
    for figure in join_ranges(sentence, numbers):  # after the dates: "in 1996 to 1.2 billion"
        figure.anchor = _anchor(parsed, figure)
        if figure.anchor is None:
            continue
        figure.noun = _counted_noun(figure.anchor)
        if not is_figure(figure, timex_spans):
            continue
        figure.kind = infer_kind(figure.anchor, figure.noun, figure.unit)
        figure.level = is_level(figure.noun if figure.noun is not None else figure.anchor)
        figure.part_hint = part_hint(figure)
        figures.append(figure)
    return figures


def _describe(parsed: ParsedArticle, sentence: Sentence, figures: list[Figure]) -> None:
    """Set source, victims and location of the figures of one sentence (kinds known)."""
    span = parsed.span(sentence)
    phrases = according_phrases(span)
    according = according_to(span)
    tail = reporting_fragment(span) or misread_record(span)
    for previous, figure in zip([None, *figures], figures, strict=False):
        figure.source = (parenthetical_source(figure) or following_attribution(figure, span, phrases, figures)
                         or relayed_attribution(figure, phrases) or reported_by(figure, span)
                         or (according[0] if according else None) or tail)
        figure.victims = infer_victims(figure)
        figure.location = infer_location(figure)
        if previous is not None and figure.noun is None and figure.kind in PEOPLE_KINDS \
                and previous.kind in PEOPLE_KINDS and figure.part_hint is None:
            figure.victims = figure.victims or previous.victims
            figure.location = figure.location or previous.location
    _continue_listed_reports(figures)
    _share_the_sentence_place(figures)


def _continue_listed_reports(figures: list[Figure]) -> None:
    """Give the figures of a list of clauses that the parse hung on an earlier verb the source of the list's first.

    "..., though the Palestinian Health Ministry provided more detail ..., saying that 471 people had
    died, 314 had been wounded and 28 people were in critical condition": the parse makes "314 had
    been wounded" a clause of the sentence's first verb ("He suggested"), jumping back over the 471;
    the list goes on with what the ministry was saying (:func:`_jumps_back_from`), and so does the
    clause joined to the one that jumped ("and 28 people were ...").
    """
    moved: set[int] = set()
    for previous, figure in zip(figures, figures[1:], strict=False):
        clause, before = _clause(figure.anchor), _clause(previous.anchor)
        if previous.source is None or clause is None or before is None or clause.i == before.i:
            continue
        joined = clause.dep_ == "conj" and clause.head.i == before.i and id(previous) in moved
        if joined or _jumps_back_from(figure, clause, previous, before):
            figure.source = previous.source
            moved.add(id(figure))


def _clause(token: Token) -> Token | None:
    """Return the verb of the clause that holds a token (the token's first verb ancestor in its paragraph)."""
    return next((a for a in paragraph_ancestors(token) if a.pos_ in ("VERB", "AUX")), None)


def _jumps_back_from(figure: Figure, clause: Token, previous: Figure, before: Token) -> bool:
    """Say whether a figure's clause follows the previous figure's after a comma or "and" but hangs on a verb before it.

    Its own source, if any, is then that earlier verb's, named before the previous figure.
    """
    doc, phrase = clause.doc, figure.anchor
    while phrase.head.i not in (clause.i, phrase.i):
        phrase = phrase.head  # the figure's phrase in its clause: "314", "28 people"
    ends = [before.i, *(c.right_edge.i for c in before.children if c.dep_ not in ("conj", "cc", "punct"))]
    between = doc[max(ends) + 1: phrase.left_edge.i]
    listed = len(between) > 0 and all(t.text == "," or t.lower_ == "and" for t in between)
    earlier = figure.source is None or figure.source[0] < previous.anchor.idx
    return listed and clause.head.i < previous.anchor.i and earlier


def _share_the_sentence_place(figures: list[Figure]) -> None:
    """Give the people figures of a sentence that names one place for its people figures that place.

    "In total, 1,417 have been killed and 6,268 injured in Gaza": the parse attaches
    "in Gaza" to the second figure only.
    """
    people = [f for f in figures if f.kind in PEOPLE_KINDS and f.part_hint is None]
    places = {f.location for f in people if f.location}
    if len(places) == 1:
        for figure in people:
            figure.location = figure.location or next(iter(places))


def _carry_paragraph_sources(parsed: ParsedArticle, figures: list[Figure]) -> None:
    """Extend a sentence-opening "According to X," to the rest of its paragraph."""
    frame: tuple[int, tuple[int, int]] | None = None  # (paragraph_id, source span)
    for sentence in parsed.sentences:
        in_sentence = [f for f in figures if f.sentence is sentence]
        found = according_to(parsed.span(sentence))
        if frame is not None and frame[0] != sentence.paragraph_id:
            frame = None
        if found is not None:
            frame = (sentence.paragraph_id, found[0]) if found[1] else frame
            continue
        if frame is not None:
            for figure in in_sentence:
                if figure.source is None and figure.part_of is None:
                    figure.source = frame[1]


def _same_people(first: Figure, second: Figure) -> bool:
    """Say whether two figures count the same people: the same counted noun ("Palestinians"), or none of the second's.

    A count with no noun of its own continues the one before it: "At least 18,787 Palestinians
    have been killed in Gaza. ... and about 50,589 were reportedly injured."
    """
    if second.noun is None:
        return True
    if first.noun is None:
        return False
    return first.noun.lemma_.lower() == second.noun.lemma_.lower()


def _source_places(parsed: ParsedArticle, figures: list[Figure], mentions: list[dict]) -> dict[int, str | None]:
    """Return, by ``id`` of each sourced figure, its source's own place.

    The place the source's words name (:func:`source_place`: "the Ministry of Health (MoH) in
    Gaza"); failing that, the place the article gives the same source actor at its nearest
    mention before the figure, else at its first after ("Since 7 October, MoH has reported on
    at least 18,608 fatalities" after "According to the Ministry of Health (MoH) in Gaza, ...").
    """
    sourced = [f for f in figures if f.source is not None]
    own = {id(f): source_place(parsed, f.source, mentions) for f in sourced}
    actors = {id(f): source_actor(parsed.article.body, mentions, f.source, parsed.doc) for f in sourced}
    placed = [(f.start, actors[id(f)], own[id(f)]) for f in sourced if own[id(f)] and actors[id(f)]]
    found: dict[int, str | None] = {}
    for figure in sourced:
        same = [(start, place) for start, actor, place in placed if actor == actors[id(figure)]]
        before = [place for start, place in same if start <= figure.start]
        found[id(figure)] = own[id(figure)] or (before[-1] if before else (same[0][1] if same else None))
    return found


def _sentence_places(figures: list[Figure], sources: dict[int, str | None]) -> dict[int, str]:
    """Return, by ``id`` of each sentence whose people figures have one place (their own or their source's), that place.

    "More than 1,000 Israelis were killed and at least 2,806 people were injured, according
    to the Ministry of Health in Israel": the second figure's source places the first too.
    """
    found: dict[int, set[str]] = {}
    for figure in figures:
        place = figure.location or sources.get(id(figure))
        if figure.kind in PEOPLE_KINDS and figure.part_of is None and place:
            found.setdefault(id(figure.sentence), set()).add(place)
    return {sentence: next(iter(places)) for sentence, places in found.items() if len(places) == 1}


def _places_from_sources(parsed: ParsedArticle, figures: list[Figure], mentions: list[dict]) -> None:
    """Give a figure with no place of its own its source's place, or another figure's, its section's or the article's.

    The source's place is its words' or, failing them, the place the article gives the same
    source actor elsewhere (:func:`_source_places`). Next comes the one place the other people
    figures of its sentence have, their own or their source's (:func:`_sentence_places`).

    The other figure is the paragraph's previous one that counts the same people ("22,438
    Palestinians were killed in Gaza. During the same period, 57,614 Palestinians were
    injured."); the section's is the place its heading names (:func:`section_place`: "Violence
    and casualties (West Bank)"); the article's is its dateline's ("GAZA, Oct 7 (Reuters) -"); without a dateline, the
    one place the "in <place>" phrases of its sentence name (:func:`sentence_place`), else the
    place named last before the figure (:func:`context_place`), unless its paragraph places
    other figures itself ("In the West Bank, 58 people were killed. ... six operatives have
    been eliminated" leaves the six unplaced).
    """
    dateline = article_place(parsed)
    places = _article_places(parsed, mentions) if any(parsed.article.clean.sections) else set()
    sources = _source_places(parsed, figures, mentions)
    in_sentence = _sentence_places(figures, sources)
    placing = {f.sentence.paragraph_id for f in figures if f.location is not None}  # paragraphs that place figures
    previous: Figure | None = None
    for figure in figures:
        if previous is not None and previous.sentence.paragraph_id != figure.sentence.paragraph_id:
            previous = None
        if figure.location is None and figure.part_of is None:
            same = previous is not None and figure.kind in PEOPLE_KINDS and _same_people(previous, figure)
            context = None if figure.sentence.paragraph_id in placing else context_place(parsed, figure, mentions)
            shared = in_sentence.get(id(figure.sentence)) if figure.kind in PEOPLE_KINDS else None
            figure.location = sources.get(id(figure)) or shared or (previous.location if same else None) \
                or section_place(parsed, figure.sentence.paragraph_id, places) or dateline \
                or sentence_place(parsed, figure.sentence) or context
        if figure.kind in PEOPLE_KINDS and figure.location is not None and figure.part_of is None:
            previous = figure


#: Words before a date that make it the end of a running count ("as of 18 October") or its start ("since 7 October").
_UNTIL = re.compile(r"\b(?:as of|as at|by|until|till|up to)(?:\s+(?:around|about|the))?\s*$", re.IGNORECASE)
_SINCE = re.compile(r"\b(?:since|from)(?:\s+(?:around|about|the))?\s*$", re.IGNORECASE)
_BETWEEN = re.compile(r"\bbetween(?:\s+(?:around|about|the|the afternoons? of|the mornings? of))?\s*$",
                      re.IGNORECASE)


def counted_period(figure: Figure, timexes: list[dict], doc: Doc, published: dt.date | None) -> tuple:
    """Return (date_start, date_end) of what a figure counts, from the dated expressions of its sentence.

    The level of a running count ("bringing the toll to 9,257", "stood at 11,078") has no
    start; its end is the "as of" date of the sentence, if any. Otherwise an anchored
    duration ("in the past 24 hours") is the period; "between 7 October and 3 January"
    spans both dates; else the expression nearest to the figure decides: "as of 18
    October" ends a running count (no start), "since 7 October" starts one that runs to
    publication, any other date ("on 5 November") is the period itself. A date inside a
    "since" clause also starts a running count ("killed since OCHA began recording
    casualties in 2005"), unless the clause dates a record ("the highest since ... in
    2005"): such a date is no period of any figure.
    """
    dated = sorted((t for t in timexes if t.get("sentence_id") == figure.sentence.sentence_id
                    and t.get("start") is not None and t.get("end") is not None), key=lambda t: t["start_char"])
    since = {id(t): _since_attachment(doc, t) for t in dated}
    dated = [t for t in dated if since[id(t)] is None or not _marks_a_record(since[id(t)])]
    body = doc_text(doc)
    until = [t for t in dated if _UNTIL.search(_words_before(body, t))]
    if figure.level or not dated:
        return None, (until[-1]["end"] if until else None)
    durations = [t for t in dated if t.get("type") == "DURATION"]
    if durations:
        return durations[0]["start"], durations[0]["end"]
    for first, second in zip(dated, dated[1:], strict=False):
        if _BETWEEN.search(_words_before(body, first)):
            return first["start"], max(first["end"], second["end"])
    nearest = min(dated, key=lambda t: abs(t["start_char"] - figure.start))
    if nearest in until:
        return None, nearest["end"]
    if _SINCE.search(_words_before(body, nearest)) or since[id(nearest)] is not None:
        return nearest["start"], max(published, nearest["end"]) if published else nearest["end"]
    return nearest["start"], nearest["end"]


def _words_before(body: str, timex: dict) -> str:
    """Return the few characters of ``body`` before a date expression (where "since", "as of" stand)."""
    return body[max(0, timex["start_char"] - 24): timex["start_char"]]


def _since_attachment(doc: Doc, timex: dict) -> Token | None:
    """Return the word that a "since" phrase or clause holding a date expression attaches to, else None.

    "killed since 7 October" (the phrase) and "killed since OCHA began recording casualties
    in 2005" (the clause) both attach to "killed".
    """
    span = doc.char_span(timex["start_char"], timex["end_char"], alignment_mode="expand")
    if span is None:
        return None
    for token in (span.root, *span.root.ancestors):
        if token.lower_ == "since" and token.dep_ == "prep":
            return token.head
        if any(child.lower_ == "since" and child.dep_ == "mark" for child in token.children):
            return token.head
    return None


def _superlative(token: Token) -> bool:
    """Say whether a word is a superlative ("highest", "deadliest", "most"), not "at least" or "at most"."""
    after_at = token.i > 0 and token.doc[token.i - 1].lower_ == "at"
    return (token.tag_ in ("JJS", "RBS") or token.lower_ == "first") and not after_at


def _marks_a_record(head: Token) -> bool:
    """Say whether a "since" clause attached to ``head`` dates a record ("was the highest since 2005").

    The superlative is the head ("the highest since"), describes it ("the highest number
    since", "the deadliest attack in the city since 2008": a noun above the head within
    its noun phrase) or is what a verb head says or states: "was the highest since",
    "marks the highest number ... since".
    """
    nouns = [head, *_phrase_ancestors(head)]
    nouns += [child for child in head.children if child.dep_ in ("attr", "dobj", "acomp")]
    return any(_superlative(noun) or any(_superlative(c) for c in noun.children if c.dep_ == "amod")
               for noun in nouns)


def _phrase_ancestors(token: Token) -> list[Token]:
    """Return the words above ``token`` up to the first verb: the nouns and prepositions of its phrase."""
    above = []
    for ancestor in token.ancestors:
        if ancestor.pos_ in ("VERB", "AUX"):
            break
        above.append(ancestor)
    return above


def _unit(figure: Figure) -> str | None:
    """Return the unit of a figure: people for casualties, rockets, attacks, a currency..."""
    if figure.unit:
        return figure.unit
    if figure.kind in PEOPLE_KINDS:
        return "people"
    if figure.kind in ("rockets", "attacks"):
        return figure.kind
    return figure.noun.lemma_.lower() if figure.noun is not None else None


#: The smallest number that "the" before it leaves a count ("the two million Arabs", not "the two sides").
DEFINITE_COUNT = 20


def _counts(figure: Figure, figures: list[Figure]) -> bool:
    """Say whether a vague or definite number is a figure.

    A vague quantity counts only a listed kind ("dozens were injured", not "several
    leaders", nor the mixed "Thousands were killed or imprisoned"). A number after "the"
    ("the two sides", "the 28 refugees") names a set
    again, unless it states a size first: a large number no figure before it stated
    ("the two million Arabs in the West Bank").
    """
    if figure.vague:
        return figure.kind not in (None, MIXED)
    if not figure.definite:
        return True
    stated = any(f.value_low == figure.value_low and f.start < figure.start for f in figures)
    return not stated and (figure.kind is not None or (figure.value_low or 0) >= DEFINITE_COUNT)


def extract_figures(parsed: ParsedArticle, mentions: list[dict], timexes: list[dict],
                    quotes: list[dict] | None = None) -> list[dict]:
    """Return the ``figures`` rows of one article (see the module docstring for the rules).

    ``quotes`` are the article's ``quotes`` rows: a figure inside a quote that names no
    source of its own takes the quote's speaker.
    """
    timex_spans = [(t["start_char"], t["end_char"]) for t in timexes]
    figures = [f for sentence in parsed.sentences for f in _analyse(parsed, sentence, timex_spans)]
    link_parts(figures)
    figures = [f for f in figures if _counts(f, figures)]
    for sentence in parsed.sentences:
        _describe(parsed, sentence, [f for f in figures if f.sentence is sentence])
    _carry_paragraph_sources(parsed, figures)
    _sources_from_quotes(parsed, figures, quotes or [], mentions)
    _unresolved_reporters(figures)
    for figure in figures:
        figure.source = clean_source(parsed.article.body, named_antecedent(parsed.doc, figure.source))
    _places_from_sources(parsed, figures, mentions)
    body = parsed.article.body
    ids = {id(f): f"{parsed.article_id}-f{n}" for n, f in enumerate(figures, start=1)}
    rows = []
    for figure in figures:
        figure.kind = figure.kind or "other"
        figure.actor = infer_actor(figure)
        date_start, date_end = counted_period(figure, timexes, parsed.doc, parsed.article.published)
        rows.append({
            "figure_id": ids[id(figure)], "article_id": parsed.article_id,
            "sentence_id": figure.sentence.sentence_id, "start_char": figure.start, "end_char": figure.end,
            "text": figure.text, "kind": figure.kind, "value_low": figure.value_low,
            "value_high": figure.value_high, "qualifier": figure.qualifier, "unit": _unit(figure),
            "per": figure.per, "victims": figure.victims, "location": figure.location,
            "source": source_text(body, figure.source),
            "source_actor_id": source_actor(body, mentions, figure.source, parsed.doc),
            "actor_id": _mention_actor(mentions, figure.actor),
            "date_start": date_start, "date_end": date_end,
            "part_of": ids.get(id(figure.part_of)) if figure.part_of is not None else None,
            "hypothetical": is_hypothetical(figure.anchor),
        })
    log.debug("%s: %d figures", parsed.article_id, len(rows))
    return rows
