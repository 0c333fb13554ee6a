"""Events: a dated sentence that names actors becomes one event on the timeline.

An event is built from one sentence that has at least one resolved date expression
(a timex with an interval; vague ones do not count) and at least one mention of a
registered actor. It takes

* its **date** from the clause that holds the trigger: the date expression whose
  nearest verb is the trigger's wins (else the one whose syntactic head chain reaches
  a trigger first, else the first), so in "the report published Tuesday said Rouhani
  last week spoke ..." the call is dated last week, not Tuesday. A date that only
  bounds a period ("since October 7", "until 1991", "before the vote on Monday") never
  dates an act: "their second meeting since October 7" is not dated October 7 (a
  state of type ``other``, "a proxy conflict since 1979", starts there and keeps it);
* its **type** from the trigger: starting at the date expression we climb the
  dependency tree to the first word in :data:`TRIGGERS`, else take the first such word
  of the sentence, else the sentence's root verb with type ``other``. A few
  combinations refine the type (``call for`` is a statement, ``spoke on the phone``
  a call, ``expressed gratitude`` praise, ``provided $70 million`` funding, a strike that
  is a stoppage of work a protest, :mod:`helpers.extract.senses`);
* its **actors** from the ``mentions`` rows of the sentence (actor ids, sorted), places
  left out: a place is where something happened, not who did it ("LONDON, March 31 -",
  "the Oval Office"), so a sentence that names only places is no event;
* its **PLOVER type** from ``data/plover.csv``, so the table can be compared with
  POLECAT (PLOVER has no plain "statement" category: those rows stay empty).
"""

from __future__ import annotations

import csv
import logging
import re
from functools import lru_cache

from helpers.extract.nlp import first_token_from
from helpers.extract.senses import is_work_stoppage, strikes_a_bargain
from helpers.extract.tense import governing_verb
from helpers.paths import PACKAGE_DIR

log = logging.getLogger(__name__)


#: Actor types that never take part in an event: where it happened is not who did it.
NOT_PARTICIPANTS = frozenset({"place"})


#: Trigger lemmas and the event type they introduce.
TRIGGERS: dict[str, str] = {
    **dict.fromkeys(["call", "phone", "telephone", "dial"], "call"),
    **dict.fromkeys(["meet", "meeting", "talk", "talks", "host", "receive", "discuss", "confer"], "meeting"),
    **dict.fromkeys(["visit", "arrive", "travel", "tour", "trip", "land"], "visit"),
    **dict.fromkeys(["say", "state", "tell", "announce", "report", "affirm", "express", "add", "note",
                     "declare", "stress", "vow", "pledge", "accuse", "condemn", "claim", "defend", "write",
                     "refer", "underline", "indicate", "deny", "urge", "insist", "statement", "speak",
                     "brief", "update", "recognize", "agree", "echo"], "statement"),
    **dict.fromkeys(["praise", "hail", "congratulate", "laud", "commend", "thank", "salute",
                     "appreciate", "applaud"], "praise"),
    **dict.fromkeys(["threaten", "warn", "threat"], "threat"),
    **dict.fromkeys(["walkout", "stoppage"], "protest"),
    **dict.fromkeys(["attack", "fire", "launch", "strike", "bomb", "shell", "retaliate", "assassinate",
                     "eliminate", "raid", "invade", "shoot", "engage", "fight"], "attack"),
    **dict.fromkeys(["fund", "finance", "arm", "supply", "smuggle", "allocate", "transfer", "donate",
                     "pay", "provide", "send", "promise", "give"], "funding_or_arms"),
    **dict.fromkeys(["kill", "wound", "injure", "die", "dead", "killed", "wounded"], "casualties"),
}
#: Words that make "provide", "send", ... a transfer of money or arms rather than a figure of speech.
MATERIAL_WORDS = {"$", "million", "billion", "arms", "weapons", "missiles", "rockets", "funding", "money",
                  "aid", "cash", "dollars", "drones", "ammunition", "financial", "military"}
PRAISE_OBJECTS = {"appreciation", "gratitude", "thanks", "admiration"}
PLOVER_PATH = PACKAGE_DIR / "data" / "plover.csv"


@lru_cache(maxsize=1)
def plover_table() -> dict[str, dict[str, str]]:
    """Return ``data/plover.csv`` as {event_type: row} (plover_type, plover_mode, note)."""
    with PLOVER_PATH.open(encoding="utf-8") as handle:
        return {row["event_type"]: row for row in csv.DictReader(handle)}


def plover_type(event_type: str) -> str | None:
    """Return the PLOVER type of one of our event types, or None when PLOVER has none."""
    return plover_table().get(event_type, {}).get("plover_type") or None


def refine(token, event_type: str, sentence_text: str) -> str | None:
    """Adjust the type a trigger word suggests using its neighbours; None means "not a trigger here"."""
    lemma = token.lemma_.lower()
    children = {child.lemma_.lower() for child in token.children}
    lowered = sentence_text.lower()
    if lemma == "call" and ("for" in children or token.dep_ == "xcomp"):
        return "statement"
    if lemma in ("speak", "talk") and "phone" in lowered:
        return "call"
    if lemma == "conversation" or (lemma == "phone" and token.pos_ == "NOUN"):
        return "call"
    if lemma == "express" and children & PRAISE_OBJECTS:
        return "praise"
    if lemma == "claim" and "responsibility" in children:
        return "attack"
    if event_type == "funding_or_arms" and not any(word in lowered for word in MATERIAL_WORDS):
        return None
    if lemma in ("fire", "launch") and token.pos_ != "VERB":
        return None
    if event_type == "attack" and strikes_a_bargain(token):
        return None
    if event_type == "attack" and is_work_stoppage(token):
        return "protest"
    return event_type


def trigger_type(token, sentence_text: str) -> str | None:
    """Return the event type a token triggers in its sentence, or None."""
    if token.pos_ not in ("VERB", "NOUN", "ADJ", "AUX") or token.lemma_.lower() not in TRIGGERS:
        return None
    return refine(token, TRIGGERS[token.lemma_.lower()], sentence_text)


def find_trigger(span, timex_start: int | None) -> tuple[str, str, int]:
    """Return (event_type, trigger word, trigger offset) for a sentence ``span``.

    Climbs from the token at ``timex_start`` through its syntactic heads, then scans
    the sentence, then falls back to the root verb with type ``other``.
    """
    text = span.text
    if timex_start is not None:
        token = first_token_from(span, timex_start)
        seen = set()
        while token is not None and token.i not in seen:
            seen.add(token.i)
            kind = trigger_type(token, text)
            if kind:
                return kind, token.text, token.idx
            token = token.head if token.head.i != token.i else None
    for token in span:
        kind = trigger_type(token, text)
        if kind:
            return kind, token.text, token.idx
    return "other", span.root.text, span.root.idx


def pick_timex(timexes: list[dict], span) -> dict | None:
    """Return the dated timex of a sentence whose head chain reaches a trigger first.

    If none does, return the first dated one.
    """
    dated = [t for t in timexes if t.get("start") is not None]
    if not dated:
        return None
    text = span.text  # built once: spaCy joins the tokens on every read
    for timex in dated:
        token = first_token_from(span, timex["start_char"])
        steps = 0
        while token is not None and steps < 4:
            if trigger_type(token, text) and token.lemma_.lower() not in ("say", "report", "publish", "tell"):
                return timex
            token, steps = (token.head if token.head.i != token.i else None), steps + 1
    return dated[0]


#: Words before a date that make it the bound of a period, not the date of the event.
BOUNDARY_BEFORE = re.compile(r"\b(?:since|until|till|before|after|ahead\s+of|prior\s+to)\s+(?:the\s+)?$",
                             re.IGNORECASE)


#: Modifiers of a date that is the bound of a period ("pre-1949", "post-1959").
BOUND_MODIFIERS = frozenset({"before", "after"})


def event_dates(timexes: list[dict], body: str) -> list[dict]:
    """Return the dated expressions of a sentence that can date an event (not "since October 7", "pre-1949")."""
    return [t for t in timexes if t.get("start") is not None and t.get("modifier") not in BOUND_MODIFIERS
            and not BOUNDARY_BEFORE.search(body[max(0, t["start_char"] - 16): t["start_char"]])]


def same_clause_timex(timexes: list[dict], span, trigger_offset: int) -> dict | None:
    """Return the first date expression whose nearest verb is the trigger's own verb, or None."""
    trigger = first_token_from(span, trigger_offset)
    verb = governing_verb(trigger) if trigger is not None else None
    if verb is None:
        return None
    for timex in timexes:
        token = first_token_from(span, timex["start_char"])
        found = governing_verb(token) if token is not None else None
        if found is not None and found.i == verb.i:
            return timex
    return None


def extract_events(parsed, mentions: list[dict], timexes: list[dict]) -> list[dict]:
    """Return the rows of the ``events`` table for one parsed article."""
    by_sentence_actors: dict[int, set[str]] = {}
    for mention in mentions:
        if mention.get("actor_id") and mention.get("actor_type") not in NOT_PARTICIPANTS:
            by_sentence_actors.setdefault(mention["sentence_id"], set()).add(mention["actor_id"])
    by_sentence_timexes: dict[int, list[dict]] = {}
    for timex in timexes:
        by_sentence_timexes.setdefault(timex["sentence_id"], []).append(timex)
    rows = []
    for sentence in parsed.sentences:
        actors = by_sentence_actors.get(sentence.sentence_id)
        if not actors:
            continue
        span = parsed.span(sentence)
        ordered = sorted(by_sentence_timexes.get(sentence.sentence_id, []), key=lambda t: t["start_char"])
        dated = event_dates(ordered, parsed.article.body)
        timex = pick_timex(dated or ordered, span)
        if timex is None:
            continue
        event_type, trigger, trigger_offset = find_trigger(span, timex["start_char"])
        if not dated and event_type != "other":
            continue  # an act is never dated by the bound of a period; a state ("conflict since 1979") starts there
        timex = same_clause_timex(dated, span, trigger_offset) or timex
        rows.append({
            "event_id": f"{parsed.article_id}-{sentence.sentence_id:03d}", "article_id": parsed.article_id,
            "sentence_id": sentence.sentence_id, "date_start": timex["start"], "date_end": timex["end"],
            "granularity": timex["granularity"], "event_type": event_type,
            "plover_type": plover_type(event_type), "trigger": trigger, "actors": sorted(actors),
            "text": sentence.text,
        })
    return rows
