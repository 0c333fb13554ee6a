"""Direct quotes and who said them.

:func:`extract_quotes` finds the spans between quotation marks (straight ``"``,
curly “ ”, and single ‘ ’ when they are not apostrophes) paragraph by
paragraph, keeping only the outermost span so a scare quote nested in a quote
("resistance") stays part of it, and resolves the speaker of each:

1. the **cue**: the nearest speech verb outside the quote that governs it in the
   dependency parse ("said", "added", "told", "wrote", "congratulated ... on");
   failing that, a speech verb attached to the quote ("..., he added") or the
   nearest one in the quote's first or last sentence; for a quote that ends its sentence
   ("...?" he asked.), the speech verb of the short sentence right after it; for a
   quote after a colon, the verb of the clause the colon closes (X dismissed the
   criticism: "..."). A passive speech verb with neither subject nor agent (being asked
   to help "...") is passed over for the verb above;
2. the **speaker**: the subject of the cue (for a verb without one, "praising",
   "and added", "quoted ... as telling", the subject of the verb it hangs from; for
   "who said", the noun the relative clause describes), or the object of "quote" in
   "X quoted Y as saying" or "X reported Y as saying" (Y, not X), or X of "according to X", never a name inside the
   quote itself, resolved to an actor through the ``mentions`` of the article, in this order:

   - a definite role ("the Islamic Jihad leader") whose holder the text named before
     with the same role and capitalised words ("Islamic Jihad leader Ramadan Shallah");
   - the mention that covers the subject's head (a role mention names its holder);
   - a mention inside the subject: its name ("Hamas spokesman"), else the body it
     belongs to ("a spokesman for Hamas", "Israel's negotiator"), never a complement
     ("... negotiator with Syria") nor part of a longer name ("the Palestine Red
     Crescent Society" is not Palestine);
   - a body named before with a noun of the subject ("the agency" after "Iran's news
     agency IRNA", "a ministry spokesman" after "the Foreign Ministry", "a Justice official"
     after "The Justice Department"); a spokesman "for the group" speaks for the body named
     before with that noun, else for the body that spoke last;
   - for a pronoun or a definite role ("he", "the minister", "the Pennsylvania Republican"), the nearest earlier actor
     who agrees with it (a person for "he" and "she", an organisation or state for
     "it" and "they"; for a role, a person named with it if there is one); in the latest
     sentence holding one, the subject of a speech verb first, then the subject of
     another verb, then the last; the previous quote's speaker counts as a speaking
     subject where that quote is (and "it" keeps to it over a body named in passing);
   - a noun the subject shares with an earlier subject ("the detective", "an embassy
     official", "one official", "one of the officials"): that subject's actor;
   - a demonym before a spokesman or a state body ("an Iranian embassy spokesman", "the
     Afghan embassy"): the state, when the article names it;
   - a new description in the lead ("A British aid worker", "An Iraqi Kurdish group", "one
     of the groups") with no actor of its kind named before: the person or body the next
     sentence first names as its speaker; a definite role named by proper nouns ("the
     Colorado attorney general") with no holder before: the person named after with it, or
     nobody; "the statement" or "the communique": who spoke in it ("In a written statement,
     Gujral ..."); "the newspaper": the last medium named; "the prime minister's spokesman":
     the prime minister named before; a bare surname the actors missed: the person named
     before with it. A pronoun after a quote goes on about its speaker rather than a person
     named in passing; an actor typed an organisation whose name the model tags a person
     (or that follows a person's role) is a person for pronouns, and one named with a media
     noun ("daily Gazeta Wyborcza") a medium.

   Besides: a person in apposition to the subject is the speaker, before any role holder
     ("The Speaker of ... parliament, Humayun Rasheed Choudhury,"); "the government" speaks
     for a state (its leader's, "Castro's government", or the one its sentence names, "In
     Havana, the government"); a leader of a body ("the FBI chief") is the person named as
     its director; a person named in the subject speaks only through a role, spokesman, body
     or office of his, and a relation of his ("Elian's great-uncle", "the grandmother of
     Elian") is the one other person the text names with that relation; "the board", "the
     executives" or "management" speak for the company the article names most; "the
     official" after "a law enforcement official said" is still nobody; a pronoun goes on
     about the same pronoun as an earlier subject ("they ... they ... they say"); a role
     whose owner the actors gave it ("the Iraqi leader", "Iraq's ambassador") is the person
     named with that owner's role ("Iraq's President Saddam Hussein", "Ambassador Abdulsamad
     Hameed Ali"); "the prime minister" is never a "former" one; "it" after "a ... statement
     said" or "the paper quoted ..." goes on about the statement's issuer or the paper; a
     state's newspaper is not the state; a definite description in the lead ("the
     editor-in-chief") is introduced by the next sentence like an indefinite one. Each actor
     has one type (the type most of its mentions have) for the pronouns that refer to it,
     and what a speaker names inside a quote is never an antecedent.

   A statement or a communique whose issuer no actor names speaks in the issuer's words ("A
     High Command communique said": "High Command"), and so do "the communique", "The Baghdad
     communique" (a place, a day or an order says where or when, not who) and "it" after it.
     "X was quoted by Y as saying" gives X; "it" is never a body that only describes a plural
     ("U.S. Intelligence sources"); a spokesman described by other words than a spokesman the
     text names ("An Iranian Foreign Ministry spokesman", "White House spokesman Marlin
     Fitzwater") is not he.

   A place never speaks, and neither does the byline (the article's author). An
   indefinite or plural description ("a police spokeswoman", "officials") names no
   actor. ``speaker`` is the subject as written, up to its head;
3. a quote with no cue of its own that follows another quote, or reported speech, in the
   same paragraph continues it (cue ``continuation``), and so does one that opens a paragraph
   right after a paragraph whose last quote has a speaker (a quote running over paragraphs).

Reported speech is a quote too (``kind`` ``reported``, the others ``direct``): the
clause a speech verb governs in the parse ("Lebed said (that) the talks had failed",
"The talks had failed, Lebed said"), without "that" (but with "if", "since", "while"),
unless it is a direct quote itself (it opens inside one; a clause that opens with words of
its own is reported speech however much of it is quoted);
its speaker is found from the verb as above. Where the parse gives no clause, "say"
with the clause's subject as its object and its verb as a ``conj`` ("Ongpin said the
loan ... matches ...") reports them, a sentence closed by ", <subject> said" (a name,
a pronoun, people, a role or a definite noun) reports the words before the comma, and
a parenthetical one ("The talks, he said, had failed") the clause around it, and one closed by
", X quoted Y as saying." the words before the comma (the parser may split such a sentence). A speech
verb that reports no clause of its own ("Iran has asked Germany to extradite ...") may
be what another one reports: "X said Y, Z reported" is Z's report of "X said Y", and Y, a clause
inside another reported clause, is part of it. The parse can run across paragraphs (a headline and
dateline above the lead): a clause and a subject phrase stay in the cue's paragraph,
and a subject the parser took from above is the words that open it. A wire dateline
opening a paragraph ("STOCKHOLM, April 8 - ") is part of neither.

A question asked or left open ("asked whether ...", "did not say if ...") is not reported
speech, nor is a complement without a verb (a name the parser took for a clause); a clause
the parser hung as an adverbial of the speech verb after a place and a day ("told reporters in
Jerusalem on Sunday Israel would ...") is, and the day and the speech verb's own words before
it stay out of it.

A one-word quote is a label ("resistance"), not a quote with a speaker, and is
skipped; quotes of two or three words are kept only with a speech cue.
:func:`evaluate` scores detection and speakers against ``tests/gold/quotes.csv``.
"""

from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from helpers.extract.names import BODY_NOUNS, CORPORATE_FORMS, OUTLET_NOUNS
from helpers.extract.nlp import crosses_paragraph, doc_text, paragraph_end, paragraph_start
from helpers.extract.parsed import ParsedArticle
from helpers.extract.states import state_index
from helpers.extract.timexes import WEEKDAYS

log = logging.getLogger(__name__)

#: Lemmas of verbs that introduce or attribute speech.
SPEECH_VERBS = frozenset("""
    say tell add note write state report claim affirm announce declare stress underline emphasize
    emphasise warn explain insist argue hail praise congratulate express call describe refer accuse
    condemn pledge vow promise brief talk update term quote reply respond ask urge threaten deny
    confirm acknowledge defend assure welcome comment tweet post mention suggest remark conclude
    reiterate recall predict boast proclaim announce denounce slam blame dub label characterize
    characterise admit concede tell assert maintain contend reveal disclose lament highlight
    caution indicate retort counter complain demand continue cite allege charge reaffirm inform notify
    recount testify specify clarify point joke quip signal recommend
""".split())

#: Quotes with at most this many words need a speech cue to count as quotes.
SHORT_QUOTE_WORDS = 3
PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})
#: Pronouns that refer to a person; "it" and "they" refer to organisations and states.
PERSON_PRONOUNS = frozenset({"he", "she", "i"})
#: Role nouns of people who speak for a body: they refer back to the body.
SPOKESPEOPLE = frozenset({"spokesman", "spokeswoman", "spokesperson", "source", "statement", "official",
                          "commentary", "editorial", "communique", "correspondent"})
#: Actor types that can be the antecedent of "it" or "they".
BODY_TYPES = frozenset({"organization", "armed_group", "state", "government_body", "media", "group", "ORG"})
#: Actor types named in the plural ("Kurds", "Palestinians"): "they", never "it".
PLURAL_TYPES = frozenset({"group", "NORP"})
#: Head nouns of a subject that describe a person by role and may refer back ("the minister").
ROLE_NOUNS = frozenset("""
    minister president diplomat leader chief official spokesman spokeswoman spokesperson commander
    head emir king premier envoy ambassador representative delegate secretary general deputy negotiator
    speaker chairman governor mayor director commissioner coordinator prosecutor
    prince sheikh sultan senator judge colonel ayatollah
""".split())
#: Nouns of a party's members: "the Pennsylvania Republican" refers back to a person, as a role does.
PARTY_MEMBER_NOUNS = frozenset("republican democrat conservative liberal socialist communist laborite".split())
SUBJECT_DEPS = ("nsubj", "nsubjpass")
#: Verbs whose subject after a comma closes the sentence it reports ("..., one of the groups said").
SAY_VERBS = frozenset("say tell add report state claim announce write warn insist note confirm explain".split())
#: Tags of finite verbs.
FINITE_TAGS = ("VBZ", "VBD", "VBP", "MD")
DEFINITE = frozenset({"the", "this", "that"})
#: Dependencies of the words that name a mention in its noun phrase ("Foreign Minister Zarif",
#: "Director of the FBI Louis Freeh").
NAMING_DEPS = ("compound", "appos", "amod", "poss", "nmod")
#: How many common nouns and adjectives right before a mention name it ("news agency IRNA").
NAMING_WORDS = 3
#: A wire dateline opening a paragraph: "STOCKHOLM, April 8 - ", "GAZA, Oct 7 (Reuters) - ", "April 9 - ",
#: its place with a region of one or two words or an abbreviation ("OBERHAUSEN, West Germany, March 18 - ",
#: "SYRACUSE, N.Y., April 17 - ").
DATELINE = re.compile(r"(?:[A-Z][A-Z.'/ -]*[A-Z](?:, (?:[A-Z][a-z]+(?: [A-Z][a-z]+)?|(?:[A-Z][a-z]?\.)+))?,? )?"
                      r"(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d{1,2},? )?"
                      r"(?:\([A-Za-z ]+\) )?(?:-{1,2}|[–—]) ")
OPEN_DOUBLE, CLOSE_DOUBLE, STRAIGHT = "“«„", "”»", '"'
OPEN_SINGLE, CLOSE_SINGLE = "‘", "’"
#: Every character that can be a quotation mark: only these are classified by ``_mark_kind``.
QUOTE_MARKS = OPEN_DOUBLE + CLOSE_DOUBLE + STRAIGHT + OPEN_SINGLE + CLOSE_SINGLE + "'"
_QUOTE_MARK = re.compile(f"[{re.escape(QUOTE_MARKS)}]")
_OPENING_CONTEXT = set(" \t\n([{—–-/") | set(OPEN_DOUBLE + OPEN_SINGLE + STRAIGHT)


@dataclass
class QuoteSpan:
    """The text between an opening and a closing quotation mark (marks excluded)."""

    start: int
    end: int


def _mark_kind(text: str, i: int, single_open: bool) -> str | None:
    """Classify the character at ``i``: ``open``, ``close``, ``open1``, ``close1`` or None."""
    char = text[i]
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if char in OPEN_DOUBLE:
        return "open"
    if char in CLOSE_DOUBLE:
        return "close"
    if char == STRAIGHT:
        return "open" if before in _OPENING_CONTEXT else "close"
    if char in OPEN_SINGLE:
        return "open1"
    if char in CLOSE_SINGLE + "'" and single_open and not after.isalnum():
        return "close1"
    if char == "'" and before in _OPENING_CONTEXT and after.isalpha():
        return "open1"
    return None


def find_quote_spans(text: str, start: int = 0, end: int | None = None) -> list[QuoteSpan]:
    """Return the outermost quoted spans of ``text[start:end]`` (one paragraph).

    Nested quotes belong to the quote around them; an opening mark that is never
    closed ends at the last closing mark after it (or at the end of the paragraph).

    >>> t = 'He said “the “crimes” go on,” and ‘resistance’.'
    >>> [t[q.start:q.end] for q in find_quote_spans(t)]
    ['the “crimes” go on', 'resistance']
    >>> t = 'affirming that “the Intifada would continue despite Israel’s “crimes and grip” as he said.'
    >>> [t[q.start:q.end] for q in find_quote_spans(t)]
    ['the Intifada would continue despite Israel’s “crimes and grip']
    """
    end = len(text) if end is None else end
    spans: list[QuoteSpan] = []
    stack: list[tuple[str, int]] = []
    last_close = -1
    for mark in _QUOTE_MARK.finditer(text, start, end):
        i = mark.start()
        kind = _mark_kind(text, i, any(k == "1" for k, _ in stack))
        if kind in ("open", "open1"):
            stack.append(("2" if kind == "open" else "1", i))
        elif kind in ("close", "close1") and stack:
            wanted = "2" if kind == "close" else "1"
            while stack and stack[-1][0] != wanted and kind == "close":
                stack.pop()  # an unclosed single quote inside a double one
            if stack and stack[-1][0] == wanted:
                _, opened = stack.pop()
                last_close = i
                if not stack:
                    spans.append(QuoteSpan(opened + 1, i))
    if stack:
        opened = stack[0][1]
        close = last_close if last_close > opened else end
        spans.append(QuoteSpan(opened + 1, close))
    return [_trim(text, s) for s in spans if _trim(text, s).end > _trim(text, s).start]


def _trim(text: str, span: QuoteSpan) -> QuoteSpan:
    """Drop surrounding spaces and a trailing comma from a quoted span."""
    start, end = span.start, span.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return QuoteSpan(start, end)


def after_dateline(text: str, start: int = 0) -> int:
    """Return where ``text`` goes on after a wire dateline that opens it at ``start`` (else ``start``).

    >>> after_dateline("STOCKHOLM, April 8 - Plans to rejuvenate Poland's economy")
    21
    >>> after_dateline("OSAKA, Japan, April 27 - The Philippines has"), after_dateline("April 9 - Bank of")
    (25, 10)
    >>> after_dateline("GAZA, Oct 7 (Reuters) - Israel said"), after_dateline("Israel - not a dateline - said")
    (24, 0)
    >>> after_dateline("OBERHAUSEN, West Germany, March 18 - Deutsche Babcock AG said")
    37
    >>> after_dateline("SYRACUSE, N.Y., April 17 - Niagara Mohawk Power Corp said")
    27
    """
    match = DATELINE.match(text, start)
    return match.end() if match and match.end() > match.start() + 2 else start


def _paragraph_bounds(parsed: ParsedArticle) -> list[tuple[int, int]]:
    """Return (start, end) body offsets of each paragraph that has sentences."""
    bounds: dict[int, list[int]] = {}
    for sentence in parsed.sentences:
        span = bounds.setdefault(sentence.paragraph_id, [sentence.start_char, sentence.end_char])
        span[0], span[1] = min(span[0], sentence.start_char), max(span[1], sentence.end_char)
    return [(s, e) for _, (s, e) in sorted(bounds.items())]


def _tokens(doc: Doc, start: int, end: int) -> list[Token]:
    """Return the tokens overlapping body offsets ``[start, end)``."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return list(span) if span is not None else []


def _inside(token: Token, span: QuoteSpan) -> bool:
    """Whether ``token`` lies within the quote, its marks included."""
    return span.start - 1 <= token.idx < span.end + 1


def _is_cue(token: Token) -> bool:
    """Whether ``token`` is a speech verb, or "according" of "according to"."""
    if token.pos_ not in ("VERB", "AUX"):
        return False
    return token.lemma_.lower() in SPEECH_VERBS or (token.lower_ == "according" and _according_to(token) is not None)


def _infinitive_of_doing(verb: Token) -> bool:
    """Whether a verb that may introduce speech is an infinitive of something done ("wanted to maintain").

    In "Baghdad wanted to maintain "friendship and cooperation" with Moscow" the quoted words
    are what the verb above ("told") reports; verbs of saying ("to say", "to add") still cue.
    """
    return verb.lemma_ not in SAY_VERBS and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _does_through(verb: Token, below: Token) -> bool:
    """Whether a verb that may introduce speech governs the quote through an infinitive of something done.

    "Iran would continue to use "all its legitimate means ..."": "continue" does not speak
    there, the verb above it ("said") does; verbs of saying ("to say") still cue.
    """
    return below.dep_ == "xcomp" and verb.lemma_ not in SAY_VERBS


def _according_to(token: Token) -> Token | None:
    """Return X of "according to X" when ``token`` is its "according", else None."""
    if token.lower_ != "according":
        return None
    return next((g for c in token.children if c.lower_ == "to" for g in c.children if g.dep_ == "pobj"), None)


def find_cue(doc: Doc, span: QuoteSpan, quotes: list[QuoteSpan]) -> Token | None:
    """Return the speech verb that introduces the quote, or None.

    Tried in order: the verbs governing the quote (walking up the parse), speech
    verbs hanging from the quote ("..., he added"), the nearest speech verb in the
    quote's sentence that is not inside any quote.
    """
    inner = _tokens(doc, span.start, span.end)
    if not inner:
        return None
    for token in inner:
        if token.head.i != token.i and _inside(token.head, span):
            continue
        below, node = token, token.head if token.head.i != token.i else None
        while node is not None:
            if (not _inside(node, span) and _is_cue(node) and not _infinitive_of_doing(node)
                    and not _unattributed_passive(node) and not _does_through(node, below)):
                return node
            below, node = node, node.head if node.head.i != node.i else None
    attached = [c for t in inner for c in t.children if not _inside(c, span) and _is_cue(c)]
    if attached:
        return attached[0]
    sentences = {inner[0].sent.start: inner[0].sent, inner[-1].sent.start: inner[-1].sent}
    candidates = [t for s in sentences.values() for t in s if _is_cue(t) and not any(_inside(t, q) for q in quotes)]
    if not candidates:
        return _cue_after(doc, span) or _cue_before_colon(doc, span) or _cue_run_into(doc, span)
    return min(candidates, key=lambda t: min(abs(t.idx - span.start), abs(t.idx - span.end)))


def _cue_after(doc: Doc, span: QuoteSpan) -> Token | None:
    """Return the speech verb of the sentence right after a quote that ends its own sentence.

    In ""... but is it low enough?" he asked." and ""What right does that man have?" Juan
    Miguel Gonzalez said during a news conference." the parser ends the sentence at the
    question mark: the next one, which opens right after the closing mark, says who asked.
    Its speech verb must report nothing of its own (no clause) and have a subject.
    """
    last = _tokens(doc, span.start, span.end)[-1]
    after = next((t for t in doc[last.i + 1:] if not (t.is_space or t.is_punct)), None)
    if after is None or after.i != after.sent.start or not _same_paragraph(after, last):
        return None
    for token in after.sent:
        if _is_cue(token) and any(c.dep_ in SUBJECT_DEPS for c in token.children):
            return None if any(c.dep_ == "ccomp" for c in token.children) else token
    return None


def _cue_before_colon(doc: Doc, span: QuoteSpan) -> Token | None:
    """Return the verb of the clause a colon closes right before a quote, when it has a subject.

    "Armando Gutierrez, a spokesman for the Miami relatives, dismissed the criticism: "Elian is
    surrounded by love."": the one who dismisses says the words, whatever the verb. The colon
    may end the paragraph before, the quote opening the next ("Arafat's adviser Nabil Abu
    Rdainah said:" then ""President Arafat is ready ...").
    """
    before = doc_text(doc)[:span.start].rstrip(QUOTE_MARKS + " \n")
    if not before.endswith(":"):
        return None
    colon = doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
    if colon is None or colon.start == 0:
        return None
    last = doc[colon.start - 1]  # the clause's last word: its verb is the first one above it
    verb = next((t for t in [last, *last.ancestors] if t.pos_ == "VERB" and not _inside(t, span)), None)
    if verb is None or not any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        return None
    return verb


def _cue_run_into(doc: Doc, span: QuoteSpan) -> Token | None:
    """Return the speech verb of a sentence that runs into the quote with no punctuation mark before it.

    "Weinberger said in a television interview in the U.S. "We are fully prepared ..."": the
    parser starts a sentence at the quote; the verb before it, with a subject and no clause
    of its own, says it.
    """
    before = doc_text(doc)[:span.start].rstrip(QUOTE_MARKS + " ")
    if not before or not before[-1].isalnum() and before[-1] != ".":
        return None
    last = doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
    if last is None or not _same_paragraph(doc[last.start], _tokens(doc, span.start, span.end)[0]):
        return None
    verb = next((t for t in [doc[last.start], *doc[last.start].ancestors] if _is_cue(t)), None)
    if verb is None or not _subjects(verb) or any(c.dep_ in ("ccomp", "xcomp") for c in verb.children):
        return None
    return verb


def _unattributed_passive(verb: Token) -> bool:
    """Whether a speech verb is a passive with neither subject nor agent, below another verb.

    In "he remembered being asked to help "turn this pious wish into a policy"" nobody asks
    in the sentence: the quote is the words of the one who says he remembered it.
    """
    return (verb.head.i != verb.i and any(c.dep_ == "auxpass" for c in verb.children)
            and not any(c.dep_ in SUBJECT_DEPS for c in verb.children) and _agent(verb) is None)


#: Verbs that relay someone's words through "as saying": "X reported Y as saying" gives Y, as "quoted" does.
RELAYING_VERBS = frozenset({"cite", "report"})


def _quoted_object(cue: Token) -> Token | None:
    """Return Y of "X quoted Y as saying" (or "X reported Y as saying"): the object of the relaying verb above."""
    node = cue
    for _ in range(3):
        if node.lemma_.lower() == "quote" or (node.lemma_.lower() in RELAYING_VERBS and node is not cue
                                              and cue.head.lower_ == "as"):
            objects = [c for c in node.children if c.dep_ in ("dobj", "obj")]
            return objects[0] if objects else None
        if node.head.i == node.i:
            return None
        node = node.head
    return None


def find_subject(cue: Token, span: QuoteSpan | None = None) -> Token | None:
    """Return who speaks through ``cue``: Y of "X quoted Y as saying", else the cue's subject.

    A cue without a subject of its own takes the subject of the verb it hangs from. The
    subject of a passive speech verb is what was said: the speaker is its agent ("were
    reported by residents") or nobody, except in "X was quoted as saying". A subject inside
    the quote ``span`` is a name the speaker says, not the speaker (""... the possible arrival
    of Juan Miguel Gonzalez in the United States," said Robert Wallis").
    """
    quoted = _quoted_object(cue) if _according_to(cue) is None else _according_to(cue)
    if quoted is not None:
        return quoted
    agent = _by_name(cue) if cue.tag_ == "VBN" and cue.lemma_ not in QUOTING_VERBS else None
    if agent is not None:
        return agent  # "a movie described as "a tender comedy" by Lelouche"
    if _asked_by_nobody(cue):
        return None
    node = _outer_cue(cue)
    for _ in range(6):
        if _is_cue(node) and _is_passive(node):  # "explosions were reported (by residents)"
            return _agent(node)
        subjects = sorted((t for t in _subjects(node) if not _named_inside(t, cue, span)),
                          key=lambda t: t.pos_ != "PROPN")
        if subjects and subjects[0].tag_ in ("WP", "WDT") and node.dep_ == "relcl":
            return node.head  # "Weinstein, who said ...": the noun the relative clause describes
        if subjects:
            return subjects[0] if _same_paragraph(subjects[0], cue) and not _in_dateline(subjects[0]) else (
                (_name_before(cue) if _only_dateline_subject(cue) else None) or _words_before(cue))
        if node.head.i == node.i:
            return (_name_before(cue) or _participle_subject(cue)) if node is cue else None
        node = node.head
        if _adds_to_what_is_said(cue, node):
            node = node.head  # "He said the segment could grow ..., adding: ...": he adds, not the segment
    return None


def _asked_by_nobody(cue: Token) -> bool:
    """Whether a cue is "asked" as a participle with no subject or agent: the question of someone unnamed.

    In "Asked if "the ball was in the Indians' court," he said, "Yes."" the quoted question is
    the reporters'; the subject of "said" is the one who was asked, and answers.
    """
    return (cue.lemma_.lower() == "ask" and cue.tag_ == "VBN" and _agent(cue) is None
            and not any(c.dep_ in SUBJECT_DEPS for c in cue.children))


def _adds_to_what_is_said(cue: Token, verb: Token) -> bool:
    """Whether a participle cue ("adding", "saying") hangs from the clause an earlier speech verb reports.

    The parser may hang "adding" of "He said the independent power segment could grow ...,
    adding: ..." on "grow": the one who adds is who said it, not the clause's subject. Not in
    "He expressed concern ..., saying ..., the daily reported", where the speech verb follows.
    """
    return (cue.tag_ == "VBG" and verb.i == cue.head.i and verb.dep_ == "ccomp" and _is_cue(verb.head)
            and verb.head.i < verb.i)


def _named_inside(subject: Token, cue: Token, span: QuoteSpan | None) -> bool:
    """Whether a subject lies inside the quote its cue stands outside of (a parenthetical cue is inside)."""
    return span is not None and _inside(subject, span) and not _inside(cue, span)


def _name_before(cue: Token) -> Token | None:
    """Return the name or noun right before a speech verb the parser left with no subject at all.

    In "Although Gajdos spoke of "girls" his deputy, Eva Boudova, said ..." the parser hangs
    "deputy, Eva Boudova" on "girls"; the noun phrase that ends right before the verb (its
    commas aside) is who said it.
    """
    before = next((t for t in reversed(cue.doc[cue.sent.start:cue.i]) if not t.is_punct), None)
    if before is None or before.pos_ not in ("PROPN", "NOUN"):
        return None
    if before.dep_ in ("appos", "compound", "flat") or (before.dep_ == "conj" and before.pos_ == "PROPN"):
        return before  # "..., Saudi state television and the official Saudi Press Agency reported": a conjunct
    return _appositive_above(before)


def _appositive_above(token: Token) -> Token | None:
    """Return the name in apposition that a phrase ending right before a subjectless speech verb describes.

    "..., Franciso Chona, manager of the state-run oil company Ecopetrol said": the parser hangs
    "Chona" on a noun of the clause, and the words before "said" are "of ... Ecopetrol", a
    complement of the role in apposition to him. Climbing from the last word through
    prepositions and appositions stops at the top of the apposition chain: the name.
    """
    node, named = token, None
    while node.dep_ in ("pobj", "prep", "appos") and node.head.i < node.i:
        if node.dep_ == "appos" and node.head.pos_ != "PROPN":
            break
        named = node if _set_off(node) else named
        node = node.head
    return node if node.dep_ == "appos" and node.pos_ == "PROPN" else named


def _set_off(node: Token) -> bool:
    """Whether a name in apposition opens after a comma: "..., a U.S. Delegate at the bank's annual meeting said".

    The parser may hang the speaker on the last name of the clause before ("the Asian Development
    Bank (ADB), a U.S. Delegate ..."); climbing on would leave him for that clause.
    """
    edge = node.left_edge.i
    return node.dep_ == "appos" and node.pos_ == "PROPN" and edge > 0 and node.doc[edge - 1].text == ","


def _participle_subject(cue: Token) -> Token | None:
    """Return the subject the parser gave a participle before a speech verb that has none.

    "Former Israeli Prime Minister Shimon Peres, calling Lahd "a great Lebanese patriot", said
    ...": the parser makes Peres the subject of "calling"; he is who said it.
    """
    return next((g for c in cue.children if c.dep_ == "advcl" and c.tag_ == "VBG" and c.i < cue.i
                 for g in c.children if g.dep_ in SUBJECT_DEPS and g.i < c.i), None)


def _agent(verb: Token) -> Token | None:
    """Return X of a passive verb's "by X", or None."""
    return next((g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)


def _by_name(participle: Token) -> Token | None:
    """Return the name after "by" in a participle's phrase ("described as a comedy by Lelouche"), an agent or not."""
    return _agent(participle) or next((g for t in participle.subtree if t.lower_ == "by" and t.dep_ == "prep"
                                       for g in t.children if g.dep_ == "pobj" and g.pos_ == "PROPN"), None)


#: Verbs of relaying what someone said: in "X was quoted by Y as saying" X speaks, not the agent Y.
QUOTING_VERBS = frozenset({"quote", "cite"})


def _is_passive(verb: Token) -> bool:
    """Whether a speech verb is passive with what was said as its subject.

    "X was quoted as saying" and "X was reported as saying" are not: X speaks.
    """
    as_saying = any(g.lemma_ in ("say", "tell") for c in verb.children if c.lower_ == "as" for g in c.subtree)
    return (verb.lemma_ not in QUOTING_VERBS and not as_saying
            and any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children))


def _subjects(verb: Token) -> list[Token]:
    """Return the subjects of a verb, and the subject of a clausal subject the parser made of a name.

    "Maria Szabo of the office organising the elections told Reuters": the parser makes
    "organising" the clausal subject of "told", and Szabo its subject.
    """
    found = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    return found or [g for c in verb.children if (c.dep_ == "csubj" or _reduced_relative(c)) and c.i < verb.i
                     for g in c.children if g.dep_ == "nsubj" and g.i < c.i]


def _reduced_relative(clause: Token) -> bool:
    """Whether the parser made a clause of a participle that describes the verb's subject.

    "A British aid worker, held hostage in Chechnya for nearly four weeks, said ...": "held"
    is no clause of its own ("worker held hostage") but describes the worker, who speaks.
    """
    doc, cue = clause.doc, clause.head
    return (clause.dep_ == "ccomp" and clause.i < cue.i and clause.tag_ in ("VBN", "VBD")
            and not any(c.dep_ in SUBJECT_DEPS for c in cue.children)
            and not any(c.dep_ in ("aux", "auxpass") for c in clause.children)
            and doc[clause.i - 1].text == "," and doc[clause.right_edge.i + 1].text == ","
            and any(c.dep_ == "nsubj" and c.i == clause.i - 2 for c in clause.children))


def _same_paragraph(a: Token, b: Token) -> bool:
    """Whether no paragraph break (a whitespace token holding a newline) lies between two tokens."""
    return not crosses_paragraph(a.doc, *sorted((a.i, b.i)))


def _words_before(cue: Token) -> Token | None:
    """Return the head of the words before ``cue`` in its paragraph, when the parse lost its subject.

    The parser may take a subject from the headline or dateline above ("Russians say ...
    GROZNY ... Rebel fighters said"); the words that open the cue's paragraph are its subject.
    """
    doc = cue.doc
    start = paragraph_start(doc, cue.i)
    opening = after_dateline(doc_text(doc), doc[start].idx) if start < cue.i else 0
    while start < cue.i and doc[start].idx < opening:
        start += 1
    words = doc[start:cue.i]
    if not any(t.pos_ in ("NOUN", "PROPN", "PRON") for t in words):
        return None
    return words.root


def _in_dateline(token: Token) -> bool:
    """Whether a token lies in the wire dateline that opens its paragraph ("TORONTO, April 13 - ")."""
    doc = token.doc
    start = paragraph_start(doc, token.i)
    return token.idx < after_dateline(doc_text(doc), doc[start].idx)


@dataclass
class Mention:
    """The parts of a ``mentions`` row that speaker resolution needs."""

    start: int
    end: int
    actor_id: str
    actor_type: str | None


def _resolved_mentions(mentions: list[dict], byline: str | None = None, body: str = "") -> list[Mention]:
    """Return the mentions that carry an actor id, in text order, without places or the byline's.

    The byline's mentions are those that are the whole byline or lie where the body writes
    it ("United with Israel Staff"): Israel named in the text still speaks.
    """
    spans = [(m.start(), m.end()) for m in re.finditer(re.escape(byline), body)] if byline else []
    rows = [Mention(m["start_char"], m["end_char"], m["actor_id"], m.get("actor_type"))
            for m in mentions if m.get("actor_id") and m.get("actor_type") != "place"
            and not (byline and m.get("text") == byline)
            and not any(s <= m["start_char"] and m["end_char"] <= e for s, e in spans)]
    return _one_type(sorted(rows, key=lambda m: (m.start, m.end)))


def _one_type(mentions: list[Mention]) -> list[Mention]:
    """Return the mentions with one type per actor: the type most of its mentions have, else its first's.

    The model may tag one mention of a body a person ("Mujahideen Khalq" typed an armed group,
    then a person): an actor is one kind of thing for the pronouns that refer to it.
    """
    counts: dict[str, dict[str | None, int]] = {}
    for m in mentions:
        counts.setdefault(m.actor_id, {}).setdefault(m.actor_type, 0)
        counts[m.actor_id][m.actor_type] += 1
    kind = {a: max(c, key=c.get) for a, c in counts.items()}  # ties: the first type seen
    return [Mention(m.start, m.end, m.actor_id, kind[m.actor_id]) for m in mentions]


def _retype_persons(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Return the mentions with the actors the text shows to be persons or media retyped.

    The actor type may be wrong on wire text ("Spokesman Glyn Davies" typed an
    organisation, "daily Gazeta Wyborcza" a person): an organisation one of whose mentions
    the model tags a person, or that a person's role noun names ("Spokesman Glyn Davies"),
    is a person here, so that "he" may refer to it and "it" may not; a person or an
    organisation named with a media noun ("the best-selling daily ...") is a medium.
    """
    persons: set[str] = set()
    media: set[str] = set()
    for m in mentions:  # an actor found to be one is not asked about again
        if m.actor_type == "organization" and m.actor_id not in persons and _person_like(doc, m):
            persons.add(m.actor_id)
        if m.actor_type in ("person", "organization") and m.actor_id not in media and _named_with(doc, m) & MEDIA_NOUNS:
            media.add(m.actor_id)
    return [Mention(m.start, m.end, m.actor_id, "media") if m.actor_id in media else
            Mention(m.start, m.end, m.actor_id, "person") if m.actor_id in persons else m for m in mentions]


def _person_like(doc: Doc, mention: Mention) -> bool:
    """Whether a mention's words are a person's name to the model, or follow a person's role noun."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return False
    before = doc[span.start - 1] if span.start > 0 else None
    titled = before is not None and before.lemma_.lower() in ROLE_NOUNS | PERSON_SPOKESPEOPLE
    return titled or _role_in_apposition(span.root) or all(t.ent_type_ == "PERSON" for t in span)


def _role_in_apposition(name: Token) -> bool:
    """Whether a name has a person's role in apposition after it ("Gad Yaacobi, Israeli minister of ...")."""
    return any(c.dep_ == "appos" and c.i > name.i and c.lemma_.lower() in ROLE_NOUNS for c in name.children)


def _surname_actor(subject: Token, mentions: list[Mention]) -> str | None:
    """Return the actor a bare name subject names when no mention covers it ("Davies" after "Glyn Davies").

    The last word of a person's name named before, or the very words of an earlier mention ("INA"
    after "the official Iraqi news agency INA"), written alone as the subject, whatever the tagger
    made of it: the small model takes a surname opening a sentence for a common noun ("Mills said",
    "Laxalt, appearing on ... admitted"), an agency's abbreviation for a pronoun ("INA said").
    """
    if not _name_like(subject) or any(c.dep_ in ("compound", "flat") for c in subject.children):
        return None
    text = doc_text(subject.doc)
    named = [m for m in mentions if m.end <= subject.idx and (text[m.start:m.end] == subject.text or (
        m.actor_type in ("person", "PERSON") and m.end - m.start > len(subject.text)
        and text[m.start:m.end].split()[-1] == subject.text))]
    return named[-1].actor_id if named else None


def _name_like(token: Token) -> bool:
    """Whether a token may be a name: a proper noun, a capitalised noun or an abbreviation tagged a pronoun.

    The tagger's guesses at a surname ("Mills said") and at an agency's abbreviation ("INA said").
    """
    return (token.pos_ == "PROPN" or (token.pos_ == "NOUN" and token.text[:1].isupper())
            or (token.pos_ == "PRON" and len(token.text) > 1 and token.text.isupper()))


def _owner_surname(subject: Token, mentions: list[Mention]) -> str | None:
    """Return the person whose office or spokesman a subject is, by a possessive surname the actors missed.

    "A spokesman for Major's office" and "Major's office" after "Prime Minister John Major",
    "a Lebed aide" after "Russia's Alexander Lebed": the surname is written alone before "'s"
    or the head noun (a word the mentions may take for a common one), and the subject is
    someone through whom that person speaks.
    """
    if not _speaks_for(subject):
        return None
    first, last = _phrase_bounds(subject)
    owners = [t for t in subject.doc[first:last] if t.pos_ == "PROPN"
              and (t.dep_ == "poss" or (t.dep_ == "compound" and t.head == subject))
              and not any(m.start <= t.idx < m.end for m in mentions)]
    for owner in owners:
        actor = _surname_actor(owner, mentions)
        if actor is not None:
            return actor
    return None


def _subject_actor(subject: Token, mentions: list[Mention]) -> str | None:
    """Return the actor a subject phrase names.

    That is the mention on its head, else one inside it (a person, when the head is a
    role noun such as "representative"), outside a clause that describes it ("a doctor
    who was not part of the team treating Mother Teresa" is not Mother Teresa), else the
    owner of the office or spokesman it is (:func:`_owner_surname`).
    """
    head_start = subject.idx
    appositive = _appositive_person(subject, mentions)
    if appositive is not None:
        return appositive
    for mention in mentions:
        if mention.start <= head_start < mention.end:
            return mention.actor_id
    first, last = _phrase_bounds(subject)
    left, right = subject.doc[first].idx, subject.doc[last - 1].idx + len(subject.doc[last - 1].text)
    inside = [m for m in mentions if left <= m.start and m.end <= right and not _in_clause(subject, m)]
    if subject.lemma_.lower() in ROLE_NOUNS:  # "Hamas representative in Iran Khaled al-Qaddumi"
        inside = [m for m in inside if m.actor_type == "person"] or inside
    if subject.pos_ == "PROPN" and _common_lemma(subject) not in ROLE_NOUNS:  # "Palestine Red Crescent Society"
        inside = [m for m in inside if _dep_of(subject.doc, m) != "compound" or _part_of_a_persons_name(subject, m)]
    people = _common_lemma(subject) in ROLE_NOUNS | SPOKESPEOPLE
    if not _speaks_for(subject):  # "Elian's great-uncle", "the grandmother of Elian"
        inside = [m for m in inside if m.actor_type not in ("person", "PERSON")
                  or _dep_of(subject.doc, m) not in ("poss", "pobj")]
    ranked = sorted((_inside_rank(subject.doc, m, people), m.start, m.actor_id) for m in inside)
    if ranked and ranked[0][0] < COMPLEMENT_RANK:
        return ranked[0][2]
    return _owner_surname(subject, mentions)


def _part_of_a_persons_name(head: Token, mention: Mention) -> bool:
    """Whether a person's mention is part of the name the head closes ("Crown Prince Abdullah Ibn Abdulaziz").

    The model may tag the whole name a person yet the actors name him by a part of it; a body's
    name ("Palestine Red Crescent Society") is no person's.
    """
    return mention.actor_type in ("person", "PERSON") and head.ent_type_ == "PERSON"


def _common_lemma(token: Token) -> str:
    """Return a token's lemma in lower case, a capitalised plural role's singular ("U.S. Officials": official).

    The 1987 wire capitalises the word after an abbreviation ("U.S. Officials said"); the tagger
    then takes it for a name, whose lemma is the word itself.
    """
    lemma = token.lemma_.lower()
    if token.pos_ == "PROPN" and lemma.endswith("s") and lemma[:-1] in ROLE_NOUNS | SPOKESPEOPLE:
        return lemma[:-1]
    return lemma  # "a U.S. Delegate": a capitalised singular role keeps its own word


def _appositive_person(subject: Token, mentions: list[Mention]) -> str | None:
    """Return the person a subject names in apposition ("The Speaker of ... parliament, Humayun Rasheed Choudhury,").

    A role and its holder's name side by side are one speaker, the person, whatever the parser
    took for the head ("parliament" in "The Speaker of Bangladesh's parliament, Choudhury").
    """
    if subject.pos_ == "PROPN" and any(m.start <= subject.idx < m.end for m in mentions):
        return None  # "Gad Yaacobi, Israeli minister of ...": the name speaks, not the role's holder
    for child in subject.children:
        if child.dep_ == "appos" and child.i > subject.i:
            named = [m for m in mentions if m.start <= child.idx < m.end and m.actor_type in ("person", "PERSON")]
            if named:
                return named[0].actor_id
    return None


#: The spokesman nouns, whose one holder an article may name after it first left him unnamed.
SPOKESMAN_NOUNS = frozenset({"spokesman", "spokeswoman", "spokesperson"})


def _spokesman_named_later(subject: Token, mentions: list[Mention]) -> str | None:
    """Return the one person the article names as "the spokesman" when a subject is a spokesman.

    "A UAW spokesman said" ... "The spokesman said" ... ""We will be on strike," the
    spokesman, Reginald McGhee, said": the wire names the spokesman once, in apposition
    ("the spokesman, McGhee") or before his name ("spokesman Reginald McGhee"); he spoke
    before too. Two spokesmen named so (of two sides) leave the subject to its body.
    """
    if subject.lemma_.lower() not in SPOKESMAN_NOUNS:
        return None
    people = {m.actor_id for t in subject.doc if t.lemma_ == subject.lemma_ and t.i != subject.i
              and not _described_apart(subject, t)
              for named in (*(c for c in t.children if c.dep_ == "appos"), t.head) if named.i != t.i
              for m in mentions if m.start <= named.idx < m.end and m.actor_type in ("person", "PERSON")
              and (named.head.i == t.i or t.dep_ == "compound")}
    return people.pop() if len(people) == 1 else None


def _described_apart(noun: Token, other: Token) -> bool:
    """Whether two nouns are described by different words, and so are two people or bodies.

    "An Iranian Foreign Ministry spokesman" is not "White House spokesman Marlin Fitzwater";
    "the spokesman" may be either.
    """
    own, theirs = _describing_words(noun), _describing_words(other)
    return bool(own) and bool(theirs) and not own & theirs


def _describing_words(noun: Token) -> set[str]:
    """Return the lower-case words before a noun in its phrase, but determiners and names of people."""
    first, _ = _phrase_bounds(noun)
    return {t.lower_ for t in noun.doc[max(first, noun.left_edge.i):noun.i]
            if t.pos_ not in ("DET", "PUNCT", "NUM") and t.ent_type_ != "PERSON"}


def _in_clause(subject: Token, mention: Mention) -> bool:
    """Whether a mention inside a subject phrase lies in a clause that describes it.

    "A doctor who was not part of the team treating Mother Teresa": a verb stands between
    the mention and the subject's head.
    """
    span = subject.doc.char_span(mention.start, mention.end, alignment_mode="expand")
    node = span.root if span is not None else subject
    while node.i != subject.i and node.head.i != node.i:
        node = node.head
        if node.i != subject.i and node.pos_ in ("VERB", "AUX"):
            return True
    return False


def _dep_of(doc: Doc, mention: Mention) -> str:
    """Return the dependency label of a mention's root token."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return span.root.dep_ if span is not None else ""


def _inside_rank(doc: Doc, mention: Mention, people: bool = False) -> int:
    """Rank a mention inside a subject phrase as the speaker it names (lower is better).

    Its name ("Lebanon's Iran-backed group Hezbollah", "Hamas spokesman") first, then
    the body it belongs to ("a spokesman for Hamas", "officials at the ministry" when
    ``people``, the head being a role or a spokesman; "Israel's negotiator"), then
    anything else but a modifier or a complement ("Israel's negotiator with Syria",
    "the rebel group in south Sudan").
    """
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return 4
    root = span.root
    if root.dep_ in ("appos", "compound", "nsubj", "nsubjpass") or (root.dep_ == "amod" and root.pos_ == "PROPN"):
        return 0  # "an OSCE staff member": the parser may make the name an adjective
    if root.dep_ == "pobj" and root.head.head.lemma_.lower() in ACTING_ON_NOUNS:
        return COMPLEMENT_RANK  # "The armed hijackers of the Airbus": what they act on, not whose they are
    if root.dep_ == "pobj" and root.head.lower_ in (MEMBER_OF_PREPS if people else ("of", "for")):
        return 1
    if root.dep_ in ("poss", "amod", "npadvmod", "pobj"):
        owned = root.dep_ == "poss" and root.head.lemma_.lower() not in MEDIA_NOUNS
        return 3 if owned else COMPLEMENT_RANK  # "Israel's biggest newspaper" is not Israel
    return 2


#: Head nouns through which a person named in the subject speaks ("the prime minister's spokesman",
#: "Arafat's office"); another person of his ("Elian's great-uncle", "the grandmother of Elian") does not.
SPEAKS_FOR_NOUNS = frozenset("office camp aide aides adviser advisor staff administration".split())


def _speaks_for(subject: Token) -> bool:
    """Whether a subject's head is someone through whom a person named with it speaks ("Masood's spokesman")."""
    return subject.lemma_.lower() in SPEAKS_FOR_NOUNS | ROLE_NOUNS | SPOKESPEOPLE | BODY_NOUNS


#: Nouns of people by what they do to, or think of, someone or something: their "of" names what
#: they act on ("the hijackers of the plane", "critics of the government"), not the body they belong to.
ACTING_ON_NOUNS = frozenset("""
    hijacker kidnapper abductor captor attacker killer assassin murderer critic opponent enemy victim
    rival supporter admirer
""".split())
#: Prepositions that say whose a spokesman or an official is ("officials at the ministry").
MEMBER_OF_PREPS = ("of", "for", "at", "in", "from")
#: Rank of a modifier or complement inside a subject ("the rebel group in south Sudan"): not its speaker.
COMPLEMENT_RANK = 4


def _refers_back(subject: Token) -> bool:
    """Whether a subject needs an antecedent: a pronoun or a definite role ("the minister").

    "A police spokeswoman" and "officials" describe someone the text does not name, and so
    does a part of a group ("some of the students", "many of them"): a quantifier is no anaphor.
    """
    word = subject.text.lower()
    partitive = word not in PRONOUNS and any(c.lower_ == "of" for c in subject.children)
    return word in PRONOUNS or (subject.pos_ == "PRON" and not partitive) or (
        subject.lemma_.lower() in ROLE_NOUNS and _definite(subject)) or _party_member(subject)


def _party_member(subject: Token) -> bool:
    """Whether a subject is one member of a party described, not named: "the Pennsylvania Republican"."""
    return subject.lower_ in PARTY_MEMBER_NOUNS and subject.tag_ in ("NN", "NNP") and _definite(subject)


def _definite(noun: Token) -> bool:
    """Whether a noun phrase is definite: "the", "this" or "that" before it, or a day's ("Wednesday's statement")."""
    return any((c.dep_ == "det" and c.lower_ in DEFINITE) or (c.dep_ == "poss" and c.lower_ in WEEKDAY_WORDS)
               for c in noun.children)


def _anaphor_words(subject: Token) -> list[str]:
    """Return the nouns of a subject that can name a body the text named before.

    "the ministry" (its head) and "a ministry spokesman", "the army spokesman", "a Justice
    official" (a noun or a name no mention covers before a role noun).
    """
    head = subject.lemma_.lower()
    speaks = head in (ROLE_NOUNS | SPOKESPEOPLE) - {"source"}  # "Committee sources" are nobody's
    words = [c.lower_ for c in subject.children
             if c.dep_ == "compound" and (c.pos_ == "NOUN" or (speaks and c.pos_ == "PROPN"))]
    if subject.tag_ == "NN" and head not in ROLE_NOUNS and head not in SPOKESPEOPLE and _definite(subject):
        words.append(subject.lower_)
    return words


#: Who speaks for the company the article is about: "the board", "directors", "management", "the executives".
COMPANY_PEOPLE = frozenset("board directors management executives officers".split())


def _company_of(subject: Token, before: int, mentions: list[Mention]) -> str | None:
    """Return the company whose board, directors, management, executives or officers a subject names.

    "The board said", "the executives acknowledged", "management said", "top officers told
    securities analysts": with no owner in the subject, the company the article is about,
    the organisation named most often before (the first of a tie), not a unit or a rival
    named last ("the company's Ticketron unit", "VTC Inc.").
    """
    if subject.lower_ not in COMPANY_PEOPLE or any(c.dep_ in ("poss", "prep") for c in subject.children):
        return None
    counts: dict[str, int] = {}
    for m in mentions:
        if m.end <= before and m.actor_type in ("organization", "ORG"):
            counts[m.actor_id] = counts.get(m.actor_id, 0) + 1
    return max(counts, key=counts.get) if counts else None


def _anaphor(doc: Doc, subject: Token, before: int, mentions: list[Mention]) -> str | None:
    """Return the latest earlier body named with a noun of the subject ("the ministry" -> the Foreign Ministry).

    A mention is named with the words of its noun phrase ("Iran's news agency IRNA" for
    "the agency", see :func:`_named_with`). Of the bodies so named, the latest that spoke goes on
    ("the exchange said" after "the Chicago Board Options Exchange said ..., the CBOE said" is the CBOE,
    not "the Chicago Mercantile Exchange (CME)" named in passing), else the latest.
    """
    words = set(_anaphor_words(subject))
    if not words:
        return None
    bodies = [m for m in mentions if m.end <= before and m.actor_type in BODY_TYPES]
    named = [m.actor_id for m in bodies if words & _named_with(doc, m)]
    if not named:
        return None
    spoke = [m.actor_id for m in bodies if m.actor_id in named and _subject_rank(doc, m) == SPEAKER_RANK]
    return spoke[-1] if spoke else named[-1]


#: What a broadcaster or an agency puts out: "a report" right after it spoke is its own.
BROADCAST_ITEMS = frozenset({"report", "broadcast", "dispatch", "bulletin"})


def _medium_s_report(subject: Token, previous: Attribution | None) -> str | None:
    """Return the medium that spoke last when an unnamed report of the next sentence speaks.

    "..., Tehran radio said. / A report, monitored by the British Broadcasting Corporation,
    said he gave the warning ...": the report is the radio's.
    """
    if subject.lemma_.lower() not in BROADCAST_ITEMS or previous is None or previous.actor_type != "media":
        return None
    return previous.actor_id


def _same_noun_subject(subject: Token, before: int, mentions: list[Mention]) -> str | None:
    """Return the actor of the latest earlier subject phrase with the noun of a definite subject.

    "The detective said" after "Detective Richard Black ... said" is Black, "the commentary
    said" after "a commentary in the official China Daily said" China Daily, "the newspaper"
    after "the official People's Daily newspaper" People's Daily, and "an embassy official"
    after "the Afghan embassy said" Afghanistan (a noun before the head counts too).
    """
    for head in _same_noun_subjects(subject, before):
        actor = (_government_state(head.doc, head, mentions) or _subject_actor(head, mentions)
                 or _demonym_state(head.doc, head, mentions))
        if actor is not None:
            return actor
    return _media_antecedent(subject, before, mentions)


def _spokesman_goes_on(subject: Token, before: int, mentions: list[Mention]) -> str | None:
    """Return the body of the spokesman a definite "the (Iranian) spokesman" goes on about.

    "Tehran radio ... quoted a Foreign Ministry spokesman as saying ... / The Iranian
    spokesman said ...": the same spokesman, who speaks for the ministry, not for the state
    his demonym names, through every "the spokesman" after it, back to the one introduced;
    not when the two are given different demonyms.
    """
    if subject.lemma_.lower() not in SPOKESMAN_NOUNS or not _definite(subject):
        return None
    own = _demonyms_before(subject)
    for head in _same_noun_subjects(subject, before):
        earlier = _demonyms_before(head)
        if head.lemma_.lower() == subject.lemma_.lower() and not _definite(head) and (
                not own or not earlier or own == earlier):
            return _subject_actor(head, mentions)
    return None


def _demonyms_before(noun: Token) -> set[str]:
    """Return the demonyms of states among the words before a noun in its phrase ("the Iranian spokesman")."""
    first, _ = _phrase_bounds(noun)
    return {t.text for t in noun.doc[max(first, noun.left_edge.i):noun.i] if _states_of_demonym(t.text)}


def _same_noun_subjects(subject: Token, before: int) -> list[Token]:
    """Return the earlier subject phrases sharing a noun with ``subject``, latest first (:func:`_same_noun_subject`)."""
    words = {c.lemma_.lower() for c in subject.children if c.dep_ == "compound" and c.pos_ == "NOUN"}
    if subject.pos_ == "NOUN" and (_definite(subject) or _one_of_them(subject)):
        words.add(subject.lemma_.lower())
    found = []
    for token in reversed(subject.doc[:subject.i]):
        if token.idx >= before or token.lemma_.lower() not in words:
            continue
        head = _issuer(token.head if token.dep_ == "compound" else token)
        if head is not None:
            found.append(head)
    return found


def _one_of_them(noun: Token) -> bool:
    """Whether a noun is one more of those named before: "one official", "another official"."""
    return any(c.lower_ in ("one", "another") and c.dep_ in ("nummod", "det") for c in noun.children)


def _goes_on_unnamed(subject: Token, before: int, mentions: list[Mention]) -> bool:
    """Whether a definite description goes on about an unnamed one: the last subject with its noun names nobody.

    "..., a law enforcement official said." ... "the first law enforcement official said": the
    official is still nobody the text names, not a body named in between ("The FBI is
    conducting further DNA tests"); nor are "the federal officials" after "federal officials
    have said".
    """
    if subject.pos_ != "NOUN" or not _definite(subject) or _demonym_state(subject.doc, subject, mentions):
        return False  # "the Afghan embassy" names its state itself
    heads = [h for h in _same_noun_subjects(subject, before) if h.lemma_.lower() == subject.lemma_.lower()]
    return bool(heads) and _unnamed_head(heads[0], mentions)


def _unnamed_head(head: Token, mentions: list[Mention]) -> bool:
    """Whether a subject phrase names no actor: no mention in it, no demonym, no role holder, no body before."""
    return (head.pos_ == "NOUN" and not _definite(head) and _subject_actor(head, mentions) is None
            and _demonym_state(head.doc, head, mentions) is None
            and _anaphor(head.doc, head, head.idx, mentions) is None)


def _issuer(noun: Token) -> Token | None:
    """Return the subject phrase that speaks through an earlier noun: the noun if it is a subject, else None.

    A noun in a prepositional phrase of a verb ("In a written statement released at the news
    conference, Gujral reiterated ...", "Iraq's high command said in a communique") gives the
    verb's subject: the statement is Gujral's, the communique the command's. The object of
    "quoted ... as saying" speaks too ("Tehran radio quoted a Foreign Ministry spokesman as saying"),
    and the agent of what was issued ("The statement by the Iranian High Command appeared to ...").
    """
    agents = [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "by" for g in c.children
              if g.dep_ == "pobj" and g.pos_ in ("PROPN", "NOUN")]
    if agents and noun.lemma_.lower() in ISSUED_NOUNS:
        return agents[0]
    if noun.dep_ in SUBJECT_DEPS or (noun.dep_ == "dobj" and _quoted_object(noun.head) == noun):
        return noun
    verb = noun.head.head if noun.dep_ == "pobj" and noun.head.dep_ == "prep" else None
    subjects = _subjects(verb) if verb is not None and verb.pos_ == "VERB" else []
    return subjects[0] if subjects and subjects[0].pos_ in ("PROPN", "NOUN") else None


#: Nouns that designate a newspaper, an agency or a broadcaster: "the newspaper" is the last one named.
MEDIA_NOUNS = OUTLET_NOUNS | {"station", "broadcaster"}


def _media_antecedent(subject: Token, before: int, mentions: list[Mention]) -> str | None:
    """Return the latest medium named before a definite media noun ("the newspaper" after "China Daily")."""
    if subject.lemma_.lower() not in MEDIA_NOUNS or not _definite(subject):
        return None
    media = [m for m in mentions if m.end <= before and m.actor_type == "media"]
    return media[-1].actor_id if media else None


def _agrees(subject: Token, mention: Mention) -> bool:
    """Whether an actor can be what a pronoun or a role noun refers to.

    "it", "they", a plural ("officials") and a spokesman refer to a body (an unnamed
    spokesman speaks for the body), "it" never to a people named in the plural ("the
    Kurds"); "he", "she" and other role nouns to a person.
    """
    word = subject.lemma_.lower()
    person = mention.actor_type in ("person", "PERSON")
    if subject.lower_ == "it":
        return (mention.actor_type in BODY_TYPES and mention.actor_type not in PLURAL_TYPES and not person
                and not _describes_plural(subject.doc, mention))
    if subject.lower_ == "they" or subject.tag_ == "NNS" or word in SPOKESPEOPLE:
        return mention.actor_type in BODY_TYPES and not person
    return person


def _describes_plural(doc: Doc, mention: Mention) -> bool:
    """Whether a mention only describes the plural noun it modifies ("U.S. Intelligence sources"): no "it"."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand") if mention.end > mention.start else None
    return span is not None and span.root.dep_ == "compound" and span.root.head.tag_ in ("NNS", "NNPS")


#: How many earlier pronouns a pronoun may be resolved through ("they ... they ... they say").
CHAIN_DEPTH = 3


def _antecedent(doc: Doc, subject: Token, before: int, previous: Attribution | None,
                mentions: list[Mention], quotes: list[QuoteSpan], depth: int = CHAIN_DEPTH) -> str | None:
    """Return the nearest earlier actor that agrees with ``subject``, preferring subjects.

    The candidates are the agreeing mentions before ``before`` and outside quotes, the
    previous quote's speaker (placed where that quote is), and the last earlier subject that
    is the same pronoun, resolved in turn (:func:`_chained_pronoun`). The latest sentence
    holding a candidate wins; in it, a speaker, else a subject, else the last; but "it" goes
    on about the previous speaker rather than a body that is no subject in that sentence.
    """
    agreeing = [m for m in mentions if m.end <= before and _agrees(subject, m)
                and not any(q.start <= m.start < q.end for q in quotes) and not _quoted(doc, m.start)]
    agreeing = _without_silent_media(doc, agreeing)
    titled = _titled(doc, subject, agreeing)
    if titled:  # "the minister": a person the text called a minister, if there is one
        agreeing, previous = titled, None
    candidates = [(m.start, m.actor_id, _subject_rank(doc, m)) for m in agreeing]
    candidates += _described_subjects(doc, subject, before, mentions, quotes) + _issuing_subjects(
        subject, before, mentions)
    spoke = previous is not None and previous.at < before and _previous_agrees(subject, previous)
    if spoke:
        candidates.append((previous.at, previous.actor_id, _previous_rank(previous)))
    candidates += [c for c in _chained_pronoun(doc, subject, before, previous if spoke else None, mentions,
                                               quotes, depth)
                   if not (spoke and previous.head is not None and c[0] == previous.head.idx)]
    if not candidates:
        return None
    latest = max(doc.char_span(c[0], c[0] + 1, alignment_mode="expand").sent.start for c in candidates)
    in_sentence = sorted((c for c in candidates if c[0] >= doc[latest].idx), key=lambda c: c[0])
    best = max(in_sentence, key=lambda c: (c[2], c[0]))
    if spoke and subject.lower_ in ("it", "he", "she") and best[2] == 0:
        return previous.actor_id  # "the RBA said ... -- Sydney Newsroom ... it said": the one who spoke
    return best[1]


def _without_silent_media(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Return the mentions but those of a medium that is never the subject of a speech verb among them.

    A wire or a broadcaster named as the one who saw, monitored or was told something ("The
    report ... was seen by Reuters on Friday. ... it said") said nothing: it is no antecedent
    of the pronoun of a speaker.
    """
    spoke = {m.actor_id for m in mentions if m.actor_type == "media" and _subject_rank(doc, m) == SPEAKER_RANK}
    return [m for m in mentions if m.actor_type != "media" or m.actor_id in spoke]


def _previous_rank(previous: Attribution) -> int:
    """Rank the previous quote's speaker as an antecedent: a speaker's, unless a phrase of another's clause.

    In "Howe was asked about statements from a senior Iranian official who said America was
    ... at war. / "It would be ...," he said" the official, who speaks in a relative clause on
    the object of a preposition, is named in passing; Howe, the sentence's subject, goes on. So
    is a speaker in a subordinate clause of time or cause: in "Syria accused Israel ... after
    Israeli television reported that ... / It said ...", Syria goes on.
    """
    head = previous.head
    return 1 if head is not None and (head.dep_ == "pobj" or _subordinate_cue(head.head)) else SPEAKER_RANK


def _subordinate_cue(verb: Token) -> bool:
    """Whether a speech verb heads an adverbial clause that a subordinating word opens ("after X reported")."""
    return verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.i < verb.i for c in verb.children)


def _chained_pronoun(doc: Doc, subject: Token, before: int, previous: Attribution | None, mentions: list[Mention],
                     quotes: list[QuoteSpan], depth: int) -> list[tuple[int, str | None, int]]:
    """Return the last earlier subject that is the same pronoun, with what it refers to, as a candidate.

    In "... any other place Cuban Americans gather. / ... they villify Attorney General Janet
    Reno ... his father in Cuba. And they question ... / It is a Communist plot ..., they say."
    the last "they" goes on about the "they" before it, which the Cuban Americans are, not
    about Cuba, named in passing in between. :func:`_antecedent` drops it when it is the
    previous quote's speaker, resolved already ("Tehran ... had held back a number of vessels
    Kuwait had sought to release ..., it said. / "However, Kuwait is perplexed ...," it said":
    the ministry that spoke, not Kuwait of the reported clause). The candidate is (position, actor id, rank)
    as in :func:`_antecedent`, ranked as a subject (a speaker's, when its verb speaks). The
    earlier pronoun is resolved with the speaker before it (``previous``, if it spoke before
    that pronoun), as it was in its own sentence.
    """
    word = subject.lower_
    if depth <= 0 or word not in ("he", "she", "they", "it"):
        return []
    earlier = [t for t in doc[:subject.i] if t.idx < before and t.lower_ == word and t.dep_ in SUBJECT_DEPS
               and not any(q.start <= t.idx < q.end for q in quotes) and not _quoted(doc, t.idx)]
    if not earlier:
        return []
    chained = earlier[-1]
    spoke_before = previous if previous is not None and previous.at < chained.idx else None
    actor = _antecedent(doc, chained, chained.idx, spoke_before, mentions, quotes, depth - 1)
    return [(chained.idx, actor, SPEAKER_RANK if _is_cue(chained.head) else 1)] if actor is not None else []


def _issuing_subjects(subject: Token, before: int, mentions: list[Mention]) -> list[tuple[int, str | None, int]]:
    """Return the antecedents of "it" that are media or statements named by a common noun as speakers.

    In "..., the paper quoted Weizman as telling Netanyahu. It said ...", "it" is the paper
    (the last medium named), which spoke there though no mention names it. Each is
    (position, actor id, rank) as in :func:`_antecedent`.
    """
    if subject.lower_ != "it":
        return []
    found = []
    for token in subject.doc[:subject.i]:
        if (token.idx < before and token.dep_ == "nsubj" and token.pos_ == "NOUN" and _definite(token)
                and _is_cue(token.head) and token.lemma_.lower() in MEDIA_NOUNS | ISSUED_NOUNS):
            actor = _same_noun_subject(token, token.idx, mentions)
            if actor is not None:
                found.append((token.idx, actor, SPEAKER_RANK))
    return found


def _quoted(doc: Doc, at: int) -> bool:
    """Whether body offset ``at`` lies inside a direct quote of its paragraph.

    What a speaker names inside a quote ("The Islamic Republic of Iran has reported ...," it
    reported) is no antecedent of the pronoun that goes on after it, whichever paragraph it is in.
    """
    span = doc.char_span(at, at + 1, alignment_mode="expand")
    if span is None:
        return False
    start = doc[paragraph_start(doc, span.start)].idx
    last = doc[paragraph_end(doc, span.end, ceiling=len(doc)) - 1]
    return any(q.start <= at < q.end for q in _paragraph_quote_spans(doc_text(doc), start, last.idx + len(last.text)))


@functools.lru_cache(maxsize=256)
def _paragraph_quote_spans(text: str, start: int, end: int) -> tuple[QuoteSpan, ...]:
    """Return :func:`find_quote_spans` of a paragraph, found once for the many mentions asked about in it."""
    return tuple(find_quote_spans(text, start, end))


def _described_subjects(doc: Doc, subject: Token, before: int, mentions: list[Mention],
                        quotes: list[QuoteSpan]) -> list[tuple[int, str | None, int]]:
    """Return the antecedents of "they" that are subjects described by a speaking role in the plural.

    In "The central bank sources were commenting on remarks by U.S. Treasury Secretary
    James Baker. They said ...", "they" are the sources (who speak for the bank named
    before, else for nobody), not the Treasury; in "British Jewish groups voiced protest because
    they said ...", any plural subject of a clause the pronoun is part of (not "people" of "so
    fast that even people who learned the language can have trouble keeping up, they villify
    ..."). Each is (position, actor id, rank) as in :func:`_antecedent`.
    """
    if subject.lower_ != "they":
        return []
    found = []
    for token in doc:
        if token.idx >= before:
            break
        if token.dep_ != "nsubj" or token.tag_ != "NNS":  # tested first: the sentence of every token is dear
            continue
        described = token.lemma_.lower() in ROLE_NOUNS | SPOKESPEOPLE or _governs(token.head, subject)
        if (described
                and not any(m.start <= token.idx < m.end for m in mentions)
                and not any(q.start <= token.idx < q.end for q in quotes)):
            actor = _subject_actor(token, mentions) or _anaphor(doc, token, token.idx, mentions)
            found.append((token.idx, actor, SPEAKER_RANK if _is_cue(token.head) else 1))
    return found


def _governs(verb: Token, token: Token) -> bool:
    """Whether ``token`` is part of the clause of ``verb``: the verb is one of its ancestors."""
    return any(a.i == verb.i for a in token.ancestors)


def _named_with(doc: Doc, mention: Mention) -> set[str]:
    """Return the lower-case words a mention is named with: its own and those of its noun phrase.

    "Iranian Foreign Minister Mohammad Javad Zarif", "Zarif, the Iranian foreign minister,",
    "Iran's news agency IRNA" and "Channel Two television" name Zarif a minister, IRNA an
    agency and Channel Two a television; "Gencor Ltd" names a company.
    """
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return set()
    root = span.root
    words = {t.lower_ for t in span}
    words |= {t.lower_ for c in root.children if c.dep_ in NAMING_DEPS for t in c.subtree}
    first, sentence_start = span.start, span.sent.start
    while first > sentence_start and span.start - first < NAMING_WORDS and doc[first - 1].pos_ in ("NOUN", "ADJ"):
        first -= 1  # "news agency IRNA", however the parser hung it
    words |= {t.lower_ for t in doc[first:span.start]}
    if span.end < len(doc) and doc[span.end].lower_ in MEDIA_NOUNS:
        words.add(doc[span.end].lower_)  # "The Yedioth Ahronoth daily", however the parser hung "daily"
    if root.dep_ in ("appos", "compound"):
        words |= {root.head.lower_} | {c.lower_ for c in root.head.children if c.dep_ in ("compound", "amod", "poss")}
    if span[-1].lower_.rstrip(".") in CORPORATE_FORMS:  # a company is "the company" or "the firm" after it
        words |= {"company", "firm"}  # "In Home Health Inc said ... The company said"
    return words



def _titled(doc: Doc, subject: Token, mentions: list[Mention]) -> list[Mention] | None:
    """Return the mentions of the persons the text named with the role noun of ``subject``; None if it has none.

    "The Secretary-General said" refers back to a person named "Secretary-General", not
    to the last person named; "the Islamic Jihad leader" to an "Islamic Jihad leader".
    Only the capitalised words before the role noun are required besides it. A person named
    "former" in the role does not hold it ("the prime minister" after "Former prime minister
    Begum Khaleda Zia" and "Prime Minister Sheikh Hasina" is Hasina); every mention of a
    titled person counts, the later ones by name too ("Hasina, speaking ...").
    """
    if subject.lemma_.lower() not in ROLE_NOUNS or not _agrees(subject, Mention(0, 0, "", "person")):
        return None
    words = {subject.lower_} | {c.lower_ for c in subject.children
                                if c.dep_ in ("compound", "amod") and c.text[:1].isupper()}
    former = any(c.lower_ in FORMER for c in subject.children)
    titled = {m.actor_id for m in mentions if m.actor_type in ("person", "PERSON")
              and words <= (named := _named_with(doc, m)) and former == bool(named & FORMER)}
    return [m for m in mentions if m.actor_id in titled]


#: Words that say a role is no longer held: "Former prime minister Begum Khaleda Zia" is not "the prime minister".
FORMER = frozenset({"former", "ex", "late"})


def _role_holder(doc: Doc, subject: Token, before: int, mentions: list[Mention]) -> str | None:
    """Return the person a role subject names when the text named its holder before.

    "The Islamic Jihad leader said" after "Islamic Jihad leader Ramadan Shallah" is Shallah,
    not Islamic Jihad; a role subject with a name of its own is left to the mentions.
    """
    if any(m.start <= subject.idx < m.end for m in mentions):
        return None
    titled = _titled(doc, subject, [m for m in mentions if m.end <= before])
    return titled[-1].actor_id if titled and _definite(subject) else None




def _description_noun(subject: Token) -> Token | None:
    """Return the noun of a subject that may introduce someone new, or None.

    An indefinite, possessive or definite singular noun ("A British aid worker", "Israel's
    outgoing peace negotiator", "the editor-in-chief" of a lead), or the plural of "one of
    the ..." ("one of the groups"); :func:`_introduced_next` requires that nobody of its kind
    was named before.
    """
    if subject.lower_ == "one":
        return next((g for c in subject.children if c.lower_ == "of" for g in c.children
                     if g.dep_ == "pobj" and g.tag_ == "NNS"), None)
    introducing = any(c.dep_ == "poss" or c.lower_ in ("a", "an", "the") for c in subject.children)
    return subject if subject.tag_ == "NN" and introducing else None


def _introduced_next(subject: Token, mentions: list[Mention]) -> str | None:
    """Return the actor the next sentence names as a speaker when a new description introduces it.

    "A British aid worker ... said ... / Michael Penrose, a 23-year-old worker with ...,
    described his ordeal" and "An Iraqi Kurdish group said ... / ..., the PUK said": an
    indefinite or possessive description with no name of its own ("Israel's outgoing peace
    negotiator", "one of the groups"), then a sentence whose speaking subject names, for the first time, a person
    (a body, for a description of a body): the wire names in its second sentence whom the
    lead describes. Spokesmen, sources and officials stay unnamed, unless the next sentence's
    speaker is named with the spokesman's body noun (:func:`_spokesman_introduced`).
    """
    doc = subject.doc
    noun = _description_noun(subject)
    if noun is None or any(m.start <= subject.idx < m.end for m in mentions):
        return None
    first, last = _phrase_bounds(subject)
    left, right = doc[first].idx, doc[last - 1].idx + len(doc[last - 1])
    if any(left <= m.start < right and m.actor_type in ("person", "PERSON") and not _in_clause(subject, m)
           for m in mentions):
        return None  # "Lloyd's chairman David Rowland": the description names its person
    after = next((t for t in doc[subject.sent.end:] if not t.is_space), None)
    if after is None:
        return None
    sentence = _speaking_sentence(after)
    if noun.lemma_.lower() in SPOKESPEOPLE and not _spokesman_introduced(noun, sentence):
        return None
    body = noun.lemma_.lower() in BODY_NOUNS
    kinds = ("organization", "armed_group", "media", "government_body") if body else ("person", "PERSON")
    if any(m.start < subject.idx and m.actor_type in kinds and not _a_line_of_its_own(doc, m)
           and not _in_headline(doc, m) for m in mentions):
        return None  # "a bookseller in Ramallah said" after others were named: not the lead's introduction
    return _named_speaker_in(sentence, subject, body, mentions) or _titled_speaker_later(noun, after, mentions)


def _speaking_sentence(first: Token):
    """Return the sentence from ``first`` on, in its paragraph, whose subject speaks; else ``first``'s sentence.

    A quote that opens the next paragraph may end a sentence inside it (""That is the plan at
    the moment. That is where the plane is being directed to," Ruth Collin ... said"): the
    speaker is named in the sentence of the speech verb.
    """
    for sentence in first.doc[first.sent.start:paragraph_end(first.doc, first.i + 1, len(first.doc))].sents:
        if any(t.dep_ in SUBJECT_DEPS and _is_cue(t.head) for t in sentence):
            return sentence
    return first.sent


def _spokesman_introduced(noun: Token, sentence) -> bool:
    """Whether a lead's spokesman is the speaker the next sentence names with the spokesman's body noun.

    "..., a police spokeswoman said." / ""That is the plan ...," Ruth Collin of Essex police ...
    said": the noun that says whose spokesman she is ("police") comes back in the speaking
    subject's phrase. A bare "a spokesman" or "an official" is introduced by nobody.
    """
    if noun.lemma_.lower() not in SPOKESMAN_NOUNS:
        return False
    whose = {c.lower_ for c in noun.children if c.dep_ == "compound" and c.pos_ == "NOUN"}
    return any(t.dep_ in SUBJECT_DEPS and _is_cue(t.head) and whose & {w.lower_ for w in t.subtree}
               for t in sentence)


def _titled_speaker_later(noun: Token, after: Token, mentions: list[Mention]) -> str | None:
    """Return the first person named later as a speaker with the role noun of a lead's description.

    "..., a government minister said on Friday." ... "Public Service Minister David Dofara
    ... told Reuters he had seen the bodies": the minister the lead described, named
    paragraphs later by his title.
    """
    if noun.lemma_.lower() not in ROLE_NOUNS:
        return None
    for token in noun.doc[after.i:]:
        if token.dep_ not in SUBJECT_DEPS or not _is_cue(token.head):
            continue
        titled = [m for m in mentions if m.start <= token.idx < m.end and m.actor_type in ("person", "PERSON")]
        words = {c.lemma_.lower() for c in token.children if c.dep_ == "compound"}
        if titled and noun.lemma_.lower() in words:
            return titled[0].actor_id
    return None


def _named_speaker_in(sentence, subject: Token, body: bool, mentions: list[Mention]) -> str | None:
    """Return the actor a sentence names for the first time as its speaking subject (:func:`_introduced_next`)."""
    for token in sentence:
        words = [token, *(c for c in token.children if c.dep_ == "compound")]  # "The Yedioth Ahronoth daily"
        named = [m for m in mentions if any(m.start <= t.idx < m.end for t in words)]
        if token.dep_ not in SUBJECT_DEPS or not _is_cue(token.head) or not named:
            continue
        if body and named[0].actor_type in ("person", "PERSON"):  # "George Garang, spokesman for the SPLA"
            named = _bodies_in(token, mentions) or named
        first = min(m.start for m in mentions if m.actor_id == named[0].actor_id)
        kind = named[0].actor_type in BODY_TYPES if body else named[0].actor_type in ("person", "PERSON")
        if kind and first > subject.idx:
            return named[0].actor_id
    return None


def _owner_holder(doc: Doc, subject: Token, before: int, mentions: list[Mention]) -> str | None:
    """Return the person a definite role stands for when the actors gave the role to its owner.

    "The Iraqi leader said" after "Iraq's President Saddam Hussein said": with no holder
    known for the role, the role mention names Iraq; the person named before with a role
    of that owner (its name or demonym, and a role noun) is who speaks ("Ukraine's president,
    Volodymyr Zelenskiy" ... "the Ukrainian leader", even when the model took the name for an
    organisation's). A leader noun whose owner is a body named in it ("the FBI chief" after
    "Director of the FBI Louis Freeh") is that body's leader too, and a role whose demonym names a
    state ("the Syrian envoy" after "Syrian U.N. charge d'affaires Abdul Mou'men Al-Atassi said")
    is that state's person. Spokesmen and officials are left to their body.
    """
    word = subject.lemma_.lower()
    covering = [m for m in mentions if m.start <= subject.idx < m.end and m.actor_type in BODY_TYPES]
    owned = [] if covering else _owner_inside(subject, mentions) if word in LEADER_NOUNS else _demonym_owner(
        subject, mentions)
    if word not in ROLE_NOUNS or word in SPOKESPEOPLE or not _definite(subject) or not covering + owned:
        return None
    owner = (covering + owned)[0].actor_id
    body = doc_text(doc)
    names = {body[m.start:m.end].lower() for m in mentions if m.actor_id == owner and m not in covering}
    states = [state_index().lookup(n) for n in names]
    names |= {d.lower() for s in states if s is not None for d in s.demonyms}
    held = [m for m in mentions if m.end <= before and m.actor_type in ("person", "PERSON", "organization")
            and m.actor_id != owner and (named := _named_with(doc, m)) & names and named & OFFICE_WORDS
            and not named & FORMER]
    return held[-1].actor_id if held else None


#: Role nouns of whoever leads a body: "the FBI chief" is the one the text named as the FBI's director.
LEADER_NOUNS = frozenset("chief head leader boss".split())


def _owner_inside(subject: Token, mentions: list[Mention]) -> list[Mention]:
    """Return the mentions of the body a leader noun names as its owner ("the FBI chief", "the army's head")."""
    owners = [c for c in subject.children if c.dep_ in ("compound", "poss")]
    return [m for m in mentions if m.actor_type in BODY_TYPES - {"state", "group"}
            and any(m.start <= c.idx < m.end for c in owners)]


def _demonym_owner(subject: Token, mentions: list[Mention]) -> list[Mention]:
    """Return the mentions of the state a role's demonym names ("the Syrian envoy": Syria)."""
    demonyms = [c for c in subject.children if c.dep_ in ("amod", "compound") and _states_of_demonym(c.text)]
    return [m for m in mentions if m.actor_type == "state" and any(m.start <= c.idx < m.end for c in demonyms)]


#: Words that make a name an office holder's: the role nouns and the words of an office before them
#: ("prime", "foreign", "crown"); not "former" or "Mr": "Iraq's President Saddam Hussein".
OFFICE_WORDS = ROLE_NOUNS | frozenset("prime foreign defence defense interior finance crown prince sheikh "
                                      "charge consul attache".split())


def _owned_role_holder(doc: Doc, subject: Token, mentions: list[Mention]) -> str | None:
    """Return the person an owner's role names when the text names one holder of that role.

    "INA quoted Iraq's ambassador in Khartoum as saying ..." and later "Ambassador
    Abdulsamad Hameed Ali told INA ...": the role ("ambassador") whose owner is a body or a
    state ("Iraq's") is held by the one person the text names with the role word, before
    or after; not when it names none, or several ("U.S. ambassador ..." and "Iraqi
    ambassador ..."), nor when the subject names its person itself.
    """
    owners = [c for c in subject.children if c.dep_ == "poss"
              and any(m.start <= c.idx < m.end and m.actor_type not in ("person", "PERSON") for m in mentions)]
    if subject.lemma_.lower() not in ROLE_NOUNS or not owners:
        return None
    first, last = _phrase_bounds(subject)
    left, right = doc[first].idx, doc[last - 1].idx + len(doc[last - 1])
    if any(left <= m.start < right and m.actor_type in ("person", "PERSON") for m in mentions):
        return None
    holders = {m.actor_id for m in _titled(doc, subject, mentions) or []}
    return holders.pop() if len(holders) == 1 else None


def _relation_holder(doc: Doc, subject: Token, mentions: list[Mention]) -> str | None:
    """Return the one person the article names with the relation a subject gives to someone named in it.

    "Elian's great-uncle vowed ..." after "great-uncle Lazaro Gonzalez" is Lazaro Gonzalez, and
    "The grandmother of Elian Gonzalez said ..." before "Elian's paternal grandmother, Mariela," is
    Mariela: a singular noun that is no role nor body, owned by a person (possessive or "of"),
    held by exactly one other person named with its words anywhere in the text.
    """
    word = subject.lemma_.lower()
    if subject.tag_ != "NN" or word in ROLE_NOUNS | SPOKESPEOPLE | BODY_NOUNS:
        return None
    owners = [c for c in subject.children if c.dep_ == "poss"]
    owners += [g for c in subject.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
    people = [m for m in mentions if m.actor_type in ("person", "PERSON")]
    owned = {m.actor_id for m in people if any(m.start <= o.idx < m.end for o in owners)}
    if not owned:
        return None
    words = {word} | {c.lower_ for c in subject.children if c.dep_ in ("amod", "compound") and c.pos_ != "PROPN"}
    holders = {m.actor_id for m in people if m.actor_id not in owned and words <= _named_with(doc, m)}
    return holders.pop() if len(holders) == 1 else None


def _bodies_in(subject: Token, mentions: list[Mention]) -> list[Mention]:
    """Return the mentions of bodies a person's subject phrase names ("..., spokesman for the SPLA,")."""
    doc = subject.doc
    first, last = _phrase_bounds(subject)
    left, right = doc[first].idx, doc[last - 1].idx + len(doc[last - 1])
    return [m for m in mentions if left <= m.start < right and m.actor_type in BODY_TYPES - {"state", "group"}]


def _named_role(subject: Token) -> bool:
    """Whether a definite role is named by proper nouns ("the Colorado attorney general").

    Such a role designates one office: when no holder was named before, it is not the last
    person named, but someone the text names after it, or nobody.
    """
    return (subject.lemma_.lower() in ROLE_NOUNS and _definite(subject)
            and any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in subject.children))


def _titled_later(doc: Doc, subject: Token, mentions: list[Mention]) -> str | None:
    """Return the first person named after a role subject with its role words ("attorney general Gale Norton")."""
    titled = _titled(doc, subject, [m for m in mentions if m.start > subject.idx])
    return titled[0].actor_id if titled else None


def _person_just_before(doc: Doc, subject: Token, previous: Attribution | None, mentions: list[Mention]) -> str | None:
    """Return the previous quote's speaker when a person said it in ``subject``'s sentence or the one right before.

    "..., Senate Republican leader Robert Dole said. / Appearing on NBC, the Kansas senator said
    ...": a role named by proper nouns that no one is named with after it is the wire's other
    name for the person who just spoke.
    """
    people = {m.actor_id for m in mentions if m.actor_type in ("person", "PERSON")}
    if previous is None or previous.actor_id not in people or not 0 <= previous.at < subject.idx:
        return None
    said = doc.char_span(previous.at, previous.at + 1, alignment_mode="expand").sent
    between = doc[said.end:subject.sent.start]
    return previous.actor_id if said.start == subject.sent.start or all(t.is_space for t in between) else None


def _a_line_of_its_own(doc: Doc, mention: Mention) -> bool:
    """Whether a mention is a whole paragraph: a byline ("Colleen Siegel") above the story."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return False
    start = paragraph_start(doc, span.start)
    end = paragraph_end(doc, span.end, ceiling=len(doc))
    return all(t.is_space or t.is_punct or span.start <= t.i < span.end for t in doc[start:end])


def _in_headline(doc: Doc, mention: Mention) -> bool:
    """Whether a mention lies in the text's first paragraph and that paragraph is a headline, ending in no full stop.

    "British "Euro-sceptic" says Clarke should resign" above the lead names nobody *before* it.
    """
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or paragraph_start(doc, span.start) != 0:
        return False
    end = paragraph_end(doc, span.end, ceiling=len(doc))
    last = next((doc[i] for i in range(end - 1, -1, -1) if not doc[i].is_space), None)
    return last is not None and last.text not in (".", "!", "?", '"', "'")


def _possessor_role(doc: Doc, subject: Token, before: int, mentions: list[Mention]) -> str | None:
    """Return the person whose spokesman speaks when a definite role names him ("the prime minister's spokesman").

    The role's holder is the person the text named before with that role ("Prime Minister
    Benjamin Netanyahu").
    """
    if subject.lemma_.lower() not in SPOKESPEOPLE:
        return None
    owners = [c for c in subject.children if c.dep_ == "poss" and c.lemma_.lower() in ROLE_NOUNS]
    return _role_holder(doc, owners[0], before, mentions) if owners else None


def _previous_agrees(subject: Token, previous: Attribution) -> bool:
    """Whether the previous quote's speaker can be what ``subject`` refers to.

    A person who spoke for a body ("a senior member of the Socialist Party said") is the
    "he" who goes on, and speaks for the body still. An unnamed speaker is one too (see
    :func:`_unnamed_agrees`).
    """
    if _unnamed(previous):
        return _unnamed_agrees(subject, previous.head)
    if not previous.actor_id:
        return False
    if subject.lower_ == "it" and previous.head is not None and previous.head.tag_ in ("NNS", "NNPS"):
        return False  # "the paper quoted U.S. Intelligence sources as saying ... / It said": the paper
    if previous.head is not None and previous.head.lower_ == subject.lower_ and subject.lower_ in PRONOUNS:
        return True  # "he said ... he added": the same "he"
    if previous.head is not None and previous.head.lemma_.lower() in ISSUED_NOUNS and subject.lower_ == "it":
        return True  # "A Mujahideen Khalq statement said ... it said": the statement goes on
    if previous.actor_type is None or _agrees(subject, Mention(0, 0, previous.actor_id, previous.actor_type)):
        return True
    head = (previous.speaker or "").split()[-1:]
    return subject.lower_ in ("he", "she") and bool(head) and head[0].lower() in ROLE_NOUNS | PERSON_SPOKESPEOPLE


def _unnamed(found: Attribution) -> bool:
    """Whether a speaker is described by a common noun and names no actor ("industry sources", "a trader").

    A part of a group ("some of the students") is described by the group's noun.
    """
    return found.actor_id is None and found.head is not None and _number_tag(found.head) in ("NN", "NNS")


def _number_tag(head: Token) -> str:
    """Return a subject head's noun tag: its own, or for a part of a group the group's ("some of the students": NNS).

    "one of the students" is one (NN).
    """
    group = next((g for c in head.children if c.lower_ == "of" for g in c.children
                  if g.dep_ == "pobj" and g.tag_ in ("NN", "NNS")), None)
    if head.tag_ in ("NN", "NNS") or group is None:
        return head.tag_
    return "NN" if head.lower_ == "one" else group.tag_


def _unnamed_agrees(subject: Token, head: Token) -> bool:
    """Whether ``subject`` goes on about an unnamed speaker whose head noun is ``head``.

    "industry sources said ... they said" and "a Singapore trader said ... he said" are
    nobody the text names, nor is "the diplomat" after "One diplomat said". A report, a
    statement or a body's noun is no "he" ("A report, monitored by the BBC, said he gave the
    warning ... / He said ...": he is the one the report is about), but it is the "it" that goes
    on ("..., a commission of parliamentarians said. ... it said": the commission, unnamed).
    """
    word = subject.lower_
    unnamed_body = head.lemma_.lower() in UNNAMED_BODY_NOUNS
    if word == "they":
        return _number_tag(head) == "NNS"
    if word in ("he", "she"):
        return _number_tag(head) == "NN" and not unnamed_body
    if word == "it" and unnamed_body and _number_tag(head) == "NN":
        return True
    return subject.lemma_.lower() == head.lemma_.lower() and subject.tag_ == head.tag_


#: Nouns of bodies and of what they issue that an unnamed speaker may be: an "it", never a "he".
UNNAMED_BODY_NOUNS = frozenset("""
    statement communique commentary editorial report broadcast commission committee panel council court
    newspaper paper radio agency television station
""".split())


#: Nouns of what a speaker issues: "it" after "a ... statement said" is the statement, whoever issued it.
ISSUED_NOUNS = frozenset({"statement", "communique", "commentary", "editorial", "report", "broadcast"})
#: Entity labels of words before an issued noun that say where or when it was issued, not who issued it.
NOT_ISSUER_LABELS = frozenset({"GPE", "LOC", "DATE", "TIME", "ORDINAL", "CARDINAL"})


def _issuer_words(noun: Token) -> str | None:
    """Return the words before a statement or a communique that name who issued it ("High Command").

    "A High Command communique" and "a second high command communique" were issued by the high
    command; a place ("The Baghdad communique"), a day ("today's communique") or an order
    ("a second communique") says where or when it was issued, not by whom.
    """
    words = [t for c in noun.children if c.dep_ == "compound" for t in c.subtree]
    if not words or any(t.ent_type_ in NOT_ISSUER_LABELS or t.pos_ in ("DET", "PUNCT", "NUM") for t in words):
        return None
    return noun.doc[words[0].i:words[-1].i + 1].text


def _issuer_phrase(subject: Token, before: int) -> str | None:
    """Return who issued a statement or a communique that speaks, in its words, when no actor names the issuer.

    Its own words ("A High Command communique said"), else those of the latest earlier one
    that spoke ("The Baghdad communique said" after "A High Command communique said").
    """
    if subject.lemma_.lower() not in ISSUED_NOUNS:
        return None
    own = _issuer_words(subject)
    if own is not None:
        return own
    for token in reversed(subject.doc[:subject.i]):
        if token.idx < before and token.lemma_ == subject.lemma_ and token.dep_ in SUBJECT_DEPS:
            earlier = _issuer_words(token)
            if earlier is not None:
                return earlier
    return None


def _issued_goes_on(subject: Token, previous: Attribution | None) -> bool:
    """Whether "it" goes on about the issuer of the previous quote's statement, whom no actor names.

    "A high command communique said ... / It said ...": the communique again, so its issuer.
    """
    return (subject.lower_ == "it" and previous is not None and previous.actor_id is None
            and previous.head is not None and previous.head.lemma_.lower() in ISSUED_NOUNS
            and previous.speaker is not None and _issuer_phrase(previous.head, previous.head.idx) == previous.speaker)


def _partitive_member(subject: Token) -> Token | None:
    """Return the noun of the group a subject is one of ("officials" in "one of the officials"), or None."""
    if subject.lower_ not in ("one", "another"):
        return None
    groups = [g for c in subject.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    return groups[0] if groups and groups[0].pos_ == "NOUN" and _definite(groups[0]) else None
#: Spokespeople who are persons (a "statement" or a "source" is not a "he").
PERSON_SPOKESPEOPLE = frozenset({"spokesman", "spokeswoman", "spokesperson", "member"})
#: Rank of an antecedent that is the subject of a speech verb (or the previous quote's speaker).
SPEAKER_RANK = 2


def _subject_rank(doc: Doc, mention: Mention) -> int:
    """Rank a mention as an antecedent: 2 the subject of a speech verb, 1 of another verb, else 0.

    A name that modifies the subject's head ("A Mujahideen Khalq statement said") counts as the subject.

    In "Ongpin said the Philippines is happy after Aquino took over. 'But ...,' he said",
    Ongpin, who speaks, is the antecedent of "he", not Aquino, the subject of a clause he reports.
    """
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return 0
    root = span.root
    while root.dep_ == "compound" and root.head.i != root.i:
        root = root.head  # "A Mujahideen Khalq statement said": the name names the subject
    if root.dep_ not in SUBJECT_DEPS:
        return 0
    return SPEAKER_RANK if _is_cue(root.head) else 1


def _phrase_bounds(subject: Token) -> tuple[int, int]:
    """Return the token range [start, end) of the subject's phrase within its paragraph.

    The parse may run across paragraphs (a headline or dateline above the first sentence);
    a paragraph break is a whitespace token holding a newline.
    """
    doc = subject.doc
    start = paragraph_start(doc, subject.i, floor=subject.left_edge.i)
    end = paragraph_end(doc, subject.i + 1, ceiling=subject.right_edge.i + 1)
    opening = after_dateline(doc_text(doc), doc[start].idx)
    while start < subject.i and doc[start].idx < opening:
        start += 1
    return start, end


def _phrase(subject: Token) -> str:
    """Return the subject's noun phrase as written, up to its head, within its paragraph.

    What follows the head (an apposition, a relative clause, "of ...") is left out:
    "Itamar Rabinovich, who as ambassador ... ," is "Itamar Rabinovich".
    """
    start, end = _phrase_bounds(subject)
    while start < subject.i and subject.doc[start].is_punct:
        start += 1
    return subject.doc[start:min(end, subject.i + 1)].text


@dataclass
class Attribution:
    """Who said a quote, and through which cue."""

    speaker: str | None = None
    actor_id: str | None = None
    cue: str | None = None
    at: int = -1
    actor_type: str | None = None
    head: Token | None = None


def _described_before(doc: Doc, subject: Token, before: int, mentions: list[Mention],
                      previous: Attribution | None) -> str | None:
    """Return the actor an earlier sentence named that a descriptive subject goes on about.

    A body named with a noun of the subject ("the ministry"), the actor of the latest earlier
    subject with its noun ("the embassy official" after "an embassy official said"; "one of the
    officials" after "U.S. defense officials said"), the company of "the board", the medium
    whose report comes right after it spoke.
    """
    actor = _anaphor(doc, subject, before, mentions)
    if actor is None and subject.pos_ == "NOUN":
        actor = _same_noun_subject(subject, before, mentions) or _company_of(subject, before, mentions)
    member = _partitive_member(subject)
    if actor is None and member is not None:
        actor = _same_noun_subject(member, before, mentions)
    if actor is None:
        actor = _official_goes_on(subject, previous)
    body = _member_of_body(subject)
    if actor is None and body is not None:  # "A spokesman for the group"
        actor = _anaphor(doc, body, before, mentions) or _body_that_spoke(previous)
    return actor or _medium_s_report(subject, previous) or _group_antecedent(doc, subject, before, mentions)


#: Nouns by which a story names again a group it named by its name alone: "the group said" after "Hizbollah".
GROUP_NOUNS = frozenset("group movement organisation organization faction militia".split())
#: Actor types a group noun may refer back to.
GROUP_TYPES = frozenset({"armed_group", "organization", "ORG"})


def _group_antecedent(doc: Doc, subject: Token, before: int, mentions: list[Mention]) -> str | None:
    """Return the group "the group" goes on about when no body was named with the noun: the nearest one.

    "Hizbollah, in a statement faxed to news agencies, claimed responsibility for the attack. / The
    group said its fighters had killed two soldiers": in the latest sentence naming a group or an
    organisation outside quotes, its subject, else its last.
    """
    if subject.pos_ != "NOUN" or subject.lemma_.lower() not in GROUP_NOUNS or not _definite(subject):
        return None
    groups = [m for m in mentions if m.end <= before and m.actor_type in GROUP_TYPES and not _quoted(doc, m.start)]
    if not groups:
        return None
    latest = doc.char_span(groups[-1].start, groups[-1].end, alignment_mode="expand").sent
    in_sentence = [m for m in groups if m.start >= latest.start_char]
    return max(in_sentence, key=lambda m: (_subject_rank(doc, m) > 0, m.start)).actor_id


#: People who speak for a body without a name of their own: "the official" goes on about the last one who spoke.
UNNAMED_SPEAKER_NOUNS = frozenset({"official", "delegate", "envoy", "diplomat", "spokesman", "spokeswoman",
                                   "spokesperson", "representative"})


def _official_goes_on(subject: Token, previous: Attribution | None) -> str | None:
    """Return the previous speaker when "the official" goes on about an unnamed official or delegate who spoke.

    "..., a U.S. Delegate at the bank's annual meeting said. / Japan, which holds ... / "The ADB
    was set up ...," the official said.": the delegate again, not Japan named in between.
    """
    if previous is None or previous.actor_id is None or previous.head is None or not _definite(subject):
        return None
    same_kind = {_common_lemma(subject), _common_lemma(previous.head)} <= UNNAMED_SPEAKER_NOUNS
    return previous.actor_id if same_kind else None


def _member_of_body(subject: Token) -> Token | None:
    """Return the body noun a spokesman or an official belongs to by "of" or "for" ("the group"), or None."""
    if subject.lemma_.lower() not in SPOKESPEOPLE | ROLE_NOUNS:
        return None
    bodies = [g for c in subject.children if c.dep_ == "prep" and c.lower_ in ("of", "for")
              for g in c.children if g.dep_ == "pobj" and g.lemma_.lower() in BODY_NOUNS and _definite(g)]
    return bodies[0] if bodies else None


def _body_that_spoke(previous: Attribution | None) -> str | None:
    """Return the previous quote's speaker when it is a body: "the group" whose spokesman goes on about it.

    A body by its type, or by how the text refers to it ("it said", "A Mujahideen Khalq statement
    said"), whatever type its name was given.
    """
    if previous is None or previous.actor_id is None:
        return None
    head = previous.head
    as_body = head is not None and (head.lower_ in ("it", "they") or head.lemma_.lower() in ISSUED_NOUNS | BODY_NOUNS)
    return previous.actor_id if as_body or previous.actor_type in BODY_TYPES else None


def attribute(doc: Doc, span: QuoteSpan, quotes: list[QuoteSpan], mentions: list[Mention],
              previous: Attribution | None, cue: Token | None = None) -> Attribution:
    """Resolve the cue (unless given) and the speaker of one quote (see the module docstring)."""
    cue = cue if cue is not None else find_cue(doc, span, quotes)
    if cue is None:
        return Attribution()
    subject = find_subject(cue, span)
    if subject is None:
        return Attribution(None, None, cue.text)
    before = min(span.start, cue.idx, subject.idx)  # an antecedent comes before its anaphor
    actor = (_appositive_person(subject, mentions) or _government_state(doc, subject, mentions)
             or _role_holder(doc, subject, before, mentions) or _owner_holder(doc, subject, before, mentions)
             or _introduced_next(subject, mentions) or _spokesman_named_later(subject, mentions)
             or _owned_role_holder(doc, subject, mentions) or _relation_holder(doc, subject, mentions)
             or _spokesman_goes_on(subject, before, mentions)
             or _subject_actor(subject, mentions) or _surname_actor(subject, mentions))
    if actor is None:  # before pronoun rules
        actor = _described_before(doc, subject, before, mentions, previous)
    noun = subject.pos_ == "NOUN"
    issuer = None if actor is not None else _issuer_phrase(subject, before)
    if issuer is not None:  # "A High Command communique said": the command, which no actor names
        return Attribution(issuer, None, cue.text, span.start, None, subject)
    if actor is None and _goes_on_unnamed(subject, before, mentions):
        return Attribution(_phrase(subject), None, cue.text, span.start, None, subject)
    if actor is None and _named_role(subject):
        named = _titled_later(doc, subject, mentions) or _person_just_before(doc, subject, previous, mentions)
        return Attribution(_phrase(subject), named, cue.text, span.start, None, subject)
    if actor is None and _refers_back(subject):
        actor = _antecedent(doc, subject, before, previous, mentions, quotes)
        if actor is None and _issued_goes_on(subject, previous):  # "A ... communique said ... it said"
            return replace(previous, cue=cue.text, at=span.start)
    if actor is None:
        actor = ((None if noun else _same_noun_subject(subject, before, mentions))
                 or _demonym_state(doc, subject, mentions) or _possessor_role(doc, subject, before, mentions))
    types = {m.actor_id: m.actor_type for m in mentions}
    return Attribution(_phrase(subject), actor, cue.text, span.start, types.get(actor), subject)


#: State bodies that speak for their state when a demonym names it ("the Afghan embassy").
STATE_BODIES = frozenset("embassy government ministry".split())
#: Nouns between a demonym and a role that keep it the state's ("an Iranian embassy spokesman").
STATE_BODY_WORDS = frozenset("embassy government foreign ministry army military defence defense interior "
                             "security state police".split())


@functools.lru_cache(maxsize=None)
def _states_of_demonym(word: str) -> frozenset[str]:
    """Return the names of the library's states whose demonym is ``word`` ("Indian": India, and others)."""
    return frozenset(s.name for s in state_index().states if word in s.demonyms)


def _demonym_state(doc: Doc, subject: Token, mentions: list[Mention]) -> str | None:
    """Return the state a spokesman or a state body speaks for through a demonym, when the article names that state.

    "An Iranian embassy spokesman", "an Iraqi statement" and "the Afghan embassy" speak for
    Iran, Iraq and Afghanistan; "an Iraqi opposition spokesman" does not (a noun other than
    a state body stands between), nor do "British officials" or "a Polish official", who are
    described, not named.
    """
    if subject.lemma_.lower() not in (SPOKESPEOPLE - {"source", "official"}) | STATE_BODIES:
        return None
    first, _ = _phrase_bounds(subject)
    words = [t for t in doc[max(first, subject.left_edge.i):subject.i] if t.pos_ != "DET" and not t.is_punct]
    demonyms = [(t, _demonym_at(t)) for t in words if _demonym_at(t)]
    if len(demonyms) != 1 or any(t.lower_ not in STATE_BODY_WORDS for t in words if t.i > demonyms[0][0].i):
        return None
    return _state_mention(doc, _states_of_demonym(demonyms[0][1]), mentions)


def _demonym_at(token: Token) -> str:
    """Return the demonym that ends at a token ("Iranian", "Rican" of "Costa Rican"), or ''."""
    two = f"{token.nbor(-1).text} {token.text}" if token.i > token.sent.start else ""
    return next((d for d in (two, token.text) if d and _states_of_demonym(d)), "")


def _state_mention(doc: Doc, names: frozenset[str], mentions: list[Mention]) -> str | None:
    """Return the actor of the first state mention of the article that names one of the states ``names``."""
    for mention in mentions:
        state = state_index().lookup(doc_text(doc)[mention.start:mention.end])
        if mention.actor_type == "state" and state is not None and state.name in names:
            return mention.actor_id
    return None


def _government_state(doc: Doc, subject: Token, mentions: list[Mention]) -> str | None:
    """Return the state "the government" speaks for: its leader's, or the one its sentence names before it.

    "Castro's government" and "Prime Minister Benjamin Netanyahu's government" are the state
    the person's titles name ("Cuban leader Fidel Castro"), else the dateline's; "In Havana, the government gave a
    guarded first response" is the state whose capital or name the sentence gives before it,
    else the dateline's ("MANILA - ... The government last week announced ...": the
    Philippines, not a body named "... on Good Government"), if the article names it.
    A government named with a demonym is left to :func:`_demonym_state`.
    """
    if subject.lemma_.lower() != "government":
        return None
    owners = [c for c in subject.children if c.dep_ in ("poss", "compound")]
    leaders = {m.actor_id for m in mentions if m.actor_type in ("person", "PERSON")
               and any(m.start <= t.idx < m.end for c in owners for t in c.subtree)}
    if leaders:  # titles that name no state ("Prime Minister"): the dateline's
        words = set().union(*(_named_with(doc, m) for m in mentions if m.actor_id in leaders))
        named = frozenset(st.name for st in state_index().states
                          if words & {d.lower() for d in (st.name, *st.demonyms)})
        dateline = _dateline_state(doc)
        return _state_mention(doc, named or frozenset({dateline.name} if dateline else ()), mentions)
    if owners or not _definite(subject):
        return None
    places = [e for e in subject.sent.ents if e.label_ == "GPE" and e.end <= subject.i]
    states = [state_index().lookup(e.text) for e in places] or [_dateline_state(doc)]
    return _state_mention(doc, frozenset(st.name for st in states if st is not None), mentions)


#: The place of a wire dateline at the start of a line: "MANILA, March 15 -", "BANGUI 1996-12-06".
DATELINE_PLACE = re.compile(r"^([A-Z][A-Z.' -]*[A-Z])(?:, | \d{4}-\d\d-\d\d)", re.MULTILINE)


def _dateline_state(doc: Doc):
    """Return the state of the article's first dateline (its capital or its name), if any."""
    match = DATELINE_PLACE.search(doc_text(doc)[:400])
    return state_index().lookup(match.group(1)) if match else None


def _word_count(text: str) -> int:
    """Return the number of words in ``text``."""
    return len(re.findall(r"\w+(?:[-'’]\w+)*", text))


def reported_speech(doc: Doc, start: int, end: int, direct: list[QuoteSpan]) -> list[tuple[QuoteSpan, Token]]:
    """Return the reported speech of a paragraph: the clause a speech verb governs, and the verb.

    "Lebed said (that) the talks had failed" and "The talks had failed, Lebed said" give
    "the talks had failed" / "The talks had failed". A clause that is a direct quote itself,
    that lies inside another reported clause, that is itself a reporting clause ("...,
    Fars reported"), or has fewer than three words is left out.
    """
    paragraph = doc.char_span(start, end, alignment_mode="expand")
    start = after_dateline(doc_text(doc), start)
    found: list[tuple[QuoteSpan, Token]] = []
    for cue in paragraph if paragraph is not None else []:
        if not _is_cue(cue):
            continue
        for clause in _clauses(cue):
            tokens = [t for t in clause if start <= t.idx < end]  # the parse may run across paragraphs
            if _question(tokens, cue):
                continue
            while tokens and (_complementiser(tokens[0]) or tokens[0].is_punct):
                tokens.pop(0)  # "said that ...", not "said if ..." nor "Since the boy is so young, X said, ..."
            while tokens and tokens[-1].is_punct:
                tokens.pop()
            tokens = _stolen_subject(_stolen_number(tokens[_time_of_saying(tokens, cue):]), cue)
            tokens = [t for t in _relayed_clause(cue, tokens) if start <= t.idx < end] if tokens else tokens
            if len(tokens) < SHORT_QUOTE_WORDS:
                continue
            span = QuoteSpan(tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))
            if not _within_quote(span, direct):
                found.append((span, cue))
    return _outermost(found)


def _outermost(found: list[tuple[QuoteSpan, Token]]) -> list[tuple[QuoteSpan, Token]]:
    """Return the reported clauses that lie inside no other one (a clause inside a reported clause is part of it).

    "Lebed said the talks had failed, Interfax reported": Interfax reported "Lebed said the
    talks had failed", and Lebed's words are part of what it reported, not a quote of their own.
    """
    def inside(span: QuoteSpan, other: QuoteSpan) -> bool:
        return other.start <= span.start and span.end <= other.end and span != other
    kept = [(span, cue) for span, cue in found if not any(inside(span, other) for other, _ in found)]
    return [item for i, item in enumerate(kept) if item[0] not in [s for s, _ in kept[:i]]]


def _complementiser(token: Token) -> bool:
    """Whether a clause's first word is the "that" that opens it, not part of what was said.

    The parser may take it for the verb's object when the clause hangs on a noun ("said in a
    statement that Spitzer had sunk to a new low"); a verb with a subject after "that" shows it, or one
    with an object of its own besides "that" ("that investors have to relinquish traditional vehicles").
    """
    if token.lower_ != "that":
        return False
    return (token.dep_ == "mark" or any(c.dep_ in SUBJECT_DEPS and c.i > token.i for c in token.head.children)
            or _object_besides(token))


def _question(clause: list[Token], cue: Token) -> bool:
    """Whether a clause is a question asked or left open, not something said.

    "When asked whether the three guards would travel back to Kandahar, the embassy official
    said: ..." and "He did not say if Egypt would go so far as to break relations": a clause
    opened by "whether", or by "if" or a wh-word ("declined to say when they could go on
    sale") after a verb that asks or withholds an answer (:func:`_asks_or_withholds`), is no
    statement of the speaker's. A relative word ("..., which he claimed was a result of the
    blockade"; "said in a post that it launched 20 rockets"), a condition ("said if Israel
    attacked, Iran would respond") and "asked" with a clause of its own ("Iran has asked
    Austria to extradite the banker, an Iranian embassy spokesman said") still report.
    """
    first = next((t for t in clause if not t.is_punct), None)
    if first is None or first.lower_ == "whether":
        return first is not None
    return (first.lower_ == "if" or first.tag_ in ("WRB", "WP")) and _asks_or_withholds(cue)


#: Verbs whose speech verb asks or withholds: "declined to say when", "refused to say who".
WITHHOLDING_VERBS = frozenset("decline refuse ask wonder".split())


def _asks_or_withholds(cue: Token) -> bool:
    """Whether a speech verb asks, or is negated or withheld ("did not say", "declined to say")."""
    return (cue.lemma_ in ("ask", "wonder") or any(c.dep_ == "neg" for c in cue.children)
            or (cue.dep_ == "xcomp" and cue.head.lemma_ in WITHHOLDING_VERBS))


def _relayed_clause(cue: Token, clause: list[Token]) -> list[Token]:
    """Return a clause with the reporting clause it is part of when ``cue`` relays that one.

    In "Wallison said John Poindexter ... kept him from probing the scandal, the Times
    reported" the parser may make "reported" a ``ccomp`` of "said" and the clause its own;
    what the Times reported is "Wallison said John Poindexter ...", from its first word.
    """
    head = cue.head
    relays = (cue.dep_ == "ccomp" and _is_cue(head) and head.i < clause[0].i and clause[-1].i < cue.i
              and not _reports_after(cue))
    if not relays:
        return clause
    return [t for t in cue.doc[head.left_edge.i:clause[-1].i + 1] if not t.is_space]


def _within_quote(span: QuoteSpan, direct: list[QuoteSpan]) -> bool:
    """Whether a reported clause is a direct quote itself: it opens inside one that makes up half of it or more.

    "He said "we will fight on"" gives the direct quote only, and so does a clause the
    parser ran on past the closing mark (""they are working to undermine the stability" of
    Arab countries"). A clause that opens with words of its own is reported speech however much
    of it is quoted ("Shultz said a wheat bonus offer "is something that I basically leave to
    the Agriculture Department to figure out""), and so is one that opens with a few quoted
    words (""noble Iraqis" would never contemplate such an action").
    """
    if not any(d.start <= span.start < d.end for d in direct):
        return False
    quoted = sum(max(0, min(span.end, d.end) - max(span.start, d.start)) for d in direct)
    return quoted * 2 >= span.end - span.start


#: Adverbs of time that date the saying when they follow the speech verb ("said earlier it was ...").
TIME_ADVERBS = frozenset("earlier later again yesterday today tonight previously separately also late early".split())
#: Days a number right after may be stolen from the clause by the parser ("said on Friday three women were killed").
WEEKDAY_WORDS = frozenset(day.lower() for day in WEEKDAYS)


def _time_of_saying(tokens: list[Token], cue: Token) -> int:
    """Return how many leading tokens of a clause are the time of the saying, right after the cue.

    "Arafat said on Wednesday Israel had declared war", "The KDP said Thursday night it had
    repelled", "The army said earlier it was preparing" and "Iran said late on Monday its
    forces had ...": the parser may hang the time on the reported verb; date phrases and time
    adverbs between the cue and the clause's subject date the saying, not what was said.
    """
    at = cue.i + 1
    while tokens and at < tokens[0].i and cue.doc[at].dep_ != "mark":
        at += 1  # "said late on Monday", "told reporters in Jerusalem on Sunday": words of the cue's own
    size = 0
    while step := _time_phrase(tokens[size:], at + size):
        size += step
    rest = tokens[size:]
    opens = rest and rest[0].dep_ in SUBJECT_DEPS + ("det", "compound", "amod", "poss")  # "its forces had ..."
    return size if opens and any(t.dep_ in SUBJECT_DEPS for t in rest) else 0


def _time_phrase(tokens: list[Token], at: int) -> int:
    """Return the length of the date phrase or time adverb that opens ``tokens`` at token ``at`` (else 0)."""
    first = tokens[0] if tokens else None
    if first is None or first.i != at:
        return 0
    if _date_on_a_name(first):  # "said Friday Iran has been informed": "Friday" a compound of "Iran"
        return 1
    top = first
    while (top.dep_ in ("compound", "amod", "nummod") or (top.dep_ == "advmod" and top.head.pos_ == "NOUN")
           or (top.dep_ == "npadvmod" and top.head.lower_ == "ago")) and (top.head.i > top.i and top.head in tokens):
        top = top.head  # "Thursday night", "earlier this year", "two days ago": the word the date hangs from
    if top.dep_ not in ("prep", "npadvmod", "advmod") or top.left_edge.i != first.i:
        return 0
    phrase = list(top.subtree)
    size = len(phrase)
    dated = (top.lower_ in TIME_ADVERBS and size == 1 if top.dep_ == "advmod" and top.lower_ != "ago" else
             all(t.ent_type_ in ("DATE", "TIME") for t in phrase if t is not top or top.dep_ != "prep"))
    contiguous = [t.i for t in tokens[:size]] == [t.i for t in phrase]
    return size if dated and contiguous else 0


def _date_on_a_name(token: Token) -> bool:
    """Whether the parser hung a day on the name after it ("Friday Iran", "Monday Lynch") as a compound."""
    return (token.dep_ == "compound" and token.ent_type_ in ("DATE", "TIME") and token.head.i == token.i + 1
            and token.head.ent_type_ not in ("DATE", "TIME") and token.head.pos_ == "PROPN")


def _stolen_subject(tokens: list[Token], cue: Token) -> list[Token]:
    """Return a clause with the subject the parser made the object of the cue's date ("said on Monday Lynch, ...").

    In "The church said on Monday Lynch, Batchelor, Barton and Riel were held in a prison", the
    names hang from "on" with "Monday" their compound, and "were held" has no subject of its own.
    """
    if not tokens or any(c.dep_ in SUBJECT_DEPS for c in tokens[0].head.children):
        return tokens
    for prep in (c for c in cue.children if c.dep_ == "prep" and cue.i < c.i < tokens[0].i):
        names = [o for o in prep.children if o.dep_ == "pobj" and o.right_edge.i == tokens[0].i - 1
                 and any(_date_on_a_name(c) for c in o.children)]
        if names:
            return [t for t in names[0].subtree if not _date_on_a_name(t)] + tokens
    return tokens


def _stolen_number(tokens: list[Token]) -> list[Token]:
    """Return a clause with the number the parser hung on a day before it ("said on Friday three women were killed")."""
    if not tokens or tokens[0].i == 0:
        return tokens
    before = tokens[0].doc[tokens[0].i - 1]
    stolen = (before.tag_ == "CD" and before.head.i < before.i and before.head.lower_ in WEEKDAY_WORDS
              and tokens[0].tag_ == "NNS")
    return [before, *tokens] if stolen else tokens


def _clauses(cue: Token) -> list[list[Token]]:
    """Return the tokens of what a speech verb reports.

    Its clausal complements ("said (that) ...", "said in a statement that ..."), or,
    when the parser hung the verb on the clause ("The talks failed, he said": ``said`` a
    ``parataxis``, ``advcl`` or ``conj`` of ``failed``), the clause before it.
    """
    heads = [cue, *(c for c in cue.children if c.dep_ in ("dobj", "npadvmod")), *_prepositional_objects(cue)]
    clauses = [_object_subject(cue, c) + _clause_tokens(c) for head in heads
               for c in map(_past_time_clause, head.children)
               if ((c.dep_ == "ccomp" and _has_verb(c)) or _told_clause(cue, head, c) or _bare_clause(cue, head, c)
                   or (head is not cue and _that_clause_on_noun(c)))
               and not _relays_to(c, cue) and not _reduced_relative(c) and not _object_between(cue, c)]
    if not clauses and _follows_its_clause(cue):
        clauses = [[t for t in cue.head.subtree if t.i < cue.left_edge.i and not t.is_space]]
    return _whole_sentence_before(cue, clauses) or (
        clauses or _said_after_time(cue) or _around_it(cue) or _object_and_verb(cue) or _object_and_finite_verb(cue)
        or _before_comma(cue) or _as_saying(cue) or _said_before_quoting(cue))


#: Conjunctions that open a clause of time: it says when something was said, not what.
TIME_CONJUNCTIONS = frozenset("after before when since until while once".split())


def _past_time_clause(clause: Token) -> Token:
    """Return the "that" clause inside a clause of time the parser made a speech verb's complement, else the clause.

    "Lahd said a few days after the trial began on February 16 that Lebanese authorities must
    drop the charges": the parser made "began" the complement of "said" and "drop" its own.
    """
    opens = [c for c in clause.children if c.dep_ in ("mark", "advmod") and c.i < clause.i]
    if (clause.dep_ not in ("ccomp", "advcl") or not opens or opens[0].lower_ not in TIME_CONJUNCTIONS
            or clause.i < clause.head.i or _is_cue(clause)):  # "after Israeli television reported that ...": its own
        return clause
    said = [c for c in clause.children if c.dep_ in ("ccomp", "advcl") and c.i > clause.i
            and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)]
    return said[0] if said else clause


def _said_after_time(cue: Token) -> list[list[Token]]:
    """Return the "that" clause inside a clause of time the parser hung on a speech verb as an adverbial.

    "Officials said when the cut was approved last month that it was aimed partly at compensating
    banks": "approved" an ``advcl`` of "said", "aimed" one of "approved".
    """
    times = [c for c in cue.children if c.dep_ == "advcl" and c.i > cue.i and _past_time_clause(c) is not c]
    return [_clause_tokens(_past_time_clause(times[0]))] if times else []


def _that_clause_on_noun(clause: Token) -> bool:
    """Whether a clause the parser hung on a noun after a speech verb is what was said, opened by "that".

    "said in a statement that ..." makes it an ``acl`` of "statement"; the parser may also make it a
    relative clause ("said in a review of Gulf capital markets that investors have to relinquish
    traditional investment vehicles": "that" an object of "relinquish", which has its own). A true
    relative clause, whose "that" is its subject or its verb's one object ("a letter that he sent"),
    is not.
    """
    that = clause.left_edge
    if that.lower_ != "that" or clause.dep_ not in ("acl", "relcl"):
        return False
    return clause.dep_ == "acl" or that.dep_ == "mark" or _object_besides(that)


def _object_besides(that: Token) -> bool:
    """Whether a "that" the parser made an object belongs to a verb that has another object."""
    return that.dep_ == "dobj" and any(c.dep_ == "dobj" and c.i != that.i for c in that.head.children)


def _whole_sentence_before(cue: Token, clauses: list[list[Token]]) -> list[list[Token]]:
    """Return the whole sentence before ", <subject> said" when the parser gave the verb its last conjunct only.

    "Four skinheads attacked and insulted the rabbi ..., but he escaped unharmed, a police
    spokesman told Reuters": ``told`` is a ``conj`` of ``attacked`` with "he escaped unharmed"
    for its clause; the spokesman told all of it.
    """
    if not clauses or cue.dep_ != "conj" or _is_cue(cue.head) or cue.head.i > cue.i:
        return []
    if any(t.i > cue.i for clause in clauses for t in clause):
        return []
    wider = _before_comma(cue)
    return wider if wider and len(wider[0]) > max(len(c) for c in clauses) else []


def _clause_tokens(clause: Token) -> list[Token]:
    """Return the tokens of a reported clause, without a speech verb the parser wrongly conjoined to it.

    In "He said Saddam Hussein was the main cause of tension in the Gulf and said Iran would
    continue ...", the second "said" (a ``conj`` of "was") reports a clause of its own.
    """
    opening = _complementiser_start(clause)
    cut = [c for c in clause.children if _misattached_cue(c)]
    if not cut:
        return [t for t in clause.subtree if not t.is_space and t.i >= opening]
    end = min(min(t.i for t in c.subtree) for c in cut)
    return [t for t in clause.subtree if not t.is_space and opening <= t.i < end
            and not (t.i == end - 1 and t.dep_ == "cc")]


def _complementiser_start(clause: Token) -> int:
    """Return the index of the "that" opening a clause, or of its first word when it has none.

    "Reagan told reporters -- as he had told a presidential commission -- that he did not
    remember ...": the parser may hang the aside before "that" on the clause; nothing of a
    clause comes before its complementiser.
    """
    marks = [c.i for c in clause.children if c.dep_ == "mark" and c.lower_ == "that" and c.i < clause.i]
    return marks[0] if marks else clause.left_edge.i


def _misattached_cue(token: Token) -> bool:
    """Whether a speech verb of the reporting subject, with none of its own, is conjoined to the verb it reports.

    Its subject is the one of the speech verb that reports the clause (:func:`_outer_cue`):
    "He said ... was the main cause ... and said Iran would ...", and a second speech verb in
    the reporting verb's own form ("They said a Libyan force ... was abandoning the oasis but
    added that ...", "Aguirre pledged the elections will be free and fair and said he did not
    expect ..."). Another speech verb there may be the clause's own, in the clause's tense
    ("... said the SPLA had attributed the detentions ... and had promised they would be
    freed": the SPLA promised). A speech verb with an infinitive does something rather than say
    it: "Clarke denied he had threatened to resign and said his position ... was in tune ...".
    """
    head_speaks = _is_cue(token.head) and not any(c.dep_ == "xcomp" for c in token.head.children)
    if not (token.dep_ == "conj" and _is_cue(token) and not _subjects(token) and not head_speaks
            and token.head.dep_ == "ccomp"):
        return False
    reporting = token.head.head
    return reporting.lemma_ == token.lemma_ or (
        _is_cue(reporting) and token.tag_ == reporting.tag_ and not any(c.dep_ == "aux" for c in token.children))


def _outer_cue(cue: Token) -> Token:
    """Return the speech verb that speaks through a misattached one (:func:`_misattached_cue`), else the cue."""
    return cue.head.head if _misattached_cue(cue) else cue


def _object_between(cue: Token, clause: Token) -> bool:
    """Whether a speech verb's object stands between a clause before it and the verb.

    "Elian's relatives have filed affidavits alleging Gonzalez abused his wife, a charge
    Gonzalez denied": what Gonzalez denied is the charge, not the clause the parser hung on
    "denied"; ", X said" has no object between the clause and the verb.
    """
    return clause.i < cue.i and any(c.dep_ == "dobj" and clause.i < c.i < cue.i for c in cue.children)


def _bare_clause(cue: Token, head: Token, clause: Token) -> bool:
    """Whether the parser made what was said an adverbial clause of the speech verb.

    "Shamir told reporters in Jerusalem on Sunday Israel would not negotiate ...": after a
    place and a day, "negotiate" hangs from "told" as an ``advcl``, though it has its own
    subject and a finite verb and no word ("because", "if") that would make it adverbial.
    """
    finite = clause.tag_ in FINITE_TAGS or any(c.dep_ == "aux" and c.tag_ in FINITE_TAGS for c in clause.children)
    return (head is cue and clause.dep_ == "advcl" and clause.i > cue.i and cue.lemma_ in SAY_VERBS and finite
            and any(c.dep_ in SUBJECT_DEPS for c in clause.children)
            and not any(c.dep_ == "mark" or c.tag_ == "WRB" for c in clause.children))


def _has_verb(clause: Token) -> bool:
    """Whether a clausal complement holds a verb: "told the news agency IRNA that ..." makes no clause of "IRNA"."""
    return any(t.pos_ in ("VERB", "AUX") for t in clause.subtree)


def _as_saying(cue: Token) -> list[list[Token]]:
    """Return the words after "as saying" when the parse gave the verb no clause.

    "Jomhuri Eslami quoted the security chief as saying those held confessed to ...": the
    parser may make "those" the object of "saying"; what follows "as saying" is what was said.
    """
    if cue.lower_ not in ("saying", "telling") or cue.head.lower_ != "as":
        return []
    words = [t for t in cue.doc[cue.i + 1:cue.sent.end] if not t.is_space]
    if cue.lower_ == "telling":
        objects = [c for c in cue.children if c.dep_ == "dobj"]
        words = [t for t in words if not objects or t.i > objects[0].right_edge.i]
    return [words] if words and words[0].dep_ in ("dobj", "nsubj", "det", "compound", "amod", "nummod") else []


def _said_before_quoting(cue: Token) -> list[list[Token]]:
    """Return the words before ", X quoted Y as saying." closing a paragraph's sentence, when the parse gave none.

    "Iran is preparing lawsuits ... Over the American raid on its Gulf oil platforms, Tehran
    radio quoted Iranian Oil Minister Gholamreza Aqazadeh as saying." and "U.S. Carriers or
    battleships would sail out of range ..., the paper quoted officials as saying.": the parser
    may split the sentence or take "quoted" for an adjective; what comes before the comma was said.
    """
    if cue.lower_ not in ("saying", "telling") or cue.head.lower_ != "as":
        return []
    doc, start = cue.doc, paragraph_start(cue.doc, cue.i)
    after = [t for t in doc[cue.i + 1:paragraph_end(doc, cue.i + 1, len(doc))] if not t.is_space]
    quoting = [t for t in doc[start:cue.i] if t.lemma_.lower() in QUOTING_VERBS or t.lower_ == "quoted"]
    if not quoting or (after and not (after[0].is_punct and after[0].text in ".;")):
        return []
    commas = [t.i for t in doc[start:quoting[-1].i] if t.text == ","]
    words = [t for t in doc[start:commas[-1]] if not t.is_space] if commas else []
    return [words] if any(t.pos_ in ("VERB", "AUX") for t in words) else []


#: Speech verbs whose object is who was told: a clause right after it is what was said.
TELL_VERBS = frozenset("tell assure inform warn remind promise".split())


def _told_clause(cue: Token, head: Token, clause: Token) -> bool:
    """Whether the parser made what was told a relative clause of who was told.

    "The hijackers told the crew they had grenades": "had" hangs from "crew" as a
    relative clause with no relative word, its subject a personal pronoun.
    """
    first = clause.left_edge
    return (head is not cue and head.dep_ == "dobj" and cue.lemma_ in TELL_VERBS and clause.dep_ == "relcl"
            and first.tag_ == "PRP" and first.dep_ in SUBJECT_DEPS and first.i == head.i + 1)


def _around_it(cue: Token) -> list[list[Token]]:
    """Return the clause a parenthetical speech verb sits in ("The talks, he said, had failed").

    Its words from the clause's first (after "But" alone before the cue) to its last.
    """
    head = cue.head
    if (cue.dep_ != "parataxis" or head.i < cue.i or head.pos_ not in ("VERB", "AUX") or _reports(head)
            or not any(c.dep_ in SUBJECT_DEPS and _may_speak(c) for c in cue.children)):
        return []
    words = [t for t in head.subtree if not t.is_space]
    before = [t for t in words if t.i < cue.left_edge.i and not (t.is_punct or t.dep_ == "cc")]
    if not before:
        words = [t for t in words if t.i > cue.right_edge.i]
    return [words] if words else []


def _object_subject(cue: Token, clause: Token) -> list[Token]:
    """Return the words of a reported clause's subject that the parser made the object of the speech verb.

    "Rosati said Russia's July polls, in which ..., showed democracy had passed a test" and
    "Valerio told reporters surveillance ... has been stepped up": the clause ("showed ...",
    "has been stepped up") has no subject of its own and the noun before it is the cue's
    object, right before it; so is a subject pronoun ("The union earlier said it today notified GM",
    not after "tell", whose object is who was told). A plural noun opening the object of "tell" is
    who was told ("reporters").
    """
    objects = [c for c in cue.children if c.dep_ == "dobj" and c.i < clause.i
               and (c.pos_ in ("NOUN", "PROPN") or (c.lower_ in PRONOUNS and cue.lemma_ not in TELL_VERBS))]
    if clause.dep_ != "ccomp" or not objects or any(c.dep_ in SUBJECT_DEPS + ("expl",) for c in clause.children):
        return []
    if not all(t.is_punct for t in cue.doc[objects[-1].right_edge.i + 1:clause.left_edge.i]):
        return []  # "told the committee on Tuesday that ...": the object is who was told
    words = [t for t in objects[-1].subtree if t.i < clause.left_edge.i and not t.is_space]
    if cue.lemma_ == "tell" and len(words) > 1 and words[0].tag_ == "NNS" and words[0].dep_ == "compound":
        words = words[1:]
    while words and words[-1].is_punct:
        words.pop()
    return words


def _object_and_verb(cue: Token) -> list[list[Token]]:
    """Return "the loan ... matches ..." of "Ongpin said the loan, ..., matches ...".

    The parser made the clause's subject the object of "say" (or "insist", "warn": "Fajardo
    insisted her daughter, who ..., had normal eating habits") and its verb a ``conj`` of the
    speech verb with no subject of its own.
    """
    objects = [c for c in cue.children if c.dep_ == "dobj" and c.pos_ == "NOUN"]
    verbs = [c for c in cue.children if c.dep_ == "conj" and c.tag_ in FINITE_TAGS and not _is_cue(c)
             and not any(g.dep_ in SUBJECT_DEPS for g in c.children)]
    if cue.lemma_ not in ("say", "insist", "warn") or not objects or not verbs or verbs[0].i < objects[0].i:
        return []
    return [[t for t in cue.doc[objects[0].left_edge.i: verbs[0].right_edge.i + 1] if not t.is_space]]


def _object_and_finite_verb(cue: Token) -> list[list[Token]]:
    """Return the words after "say" when the parser took the clause's subject for its object.

    "A military communique said the Iranians in a "perfidious" attack rushed forward positions": the
    parser made the clause's subject the object of "say", right after it, and hung the clause's finite
    verb, which has no subject of its own, below the object as a reduced relative; "say" takes no noun
    object of its own, so the object and the rest of the sentence are what was said.
    """
    objects = [c for c in cue.children
               if c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN") and c.left_edge.i == cue.i + 1]
    if cue.lemma_ != "say" or not objects:
        return []
    sentence = [t for t in cue.doc[objects[0].left_edge.i:cue.sent.end] if not t.is_space]
    verbs = [t for t in sentence if t.tag_ in ("VBD", "VBZ", "VBP") and t.dep_ in ("acl", "relcl")]
    return [sentence] if verbs and verbs[0].dep_ == "acl" and not _is_cue(verbs[0]) else []


def _before_comma(cue: Token) -> list[list[Token]]:
    """Return the words of the cue's sentence before ", <subject> said" when the parse gave no clause.

    "Heavy fighting broke out ..., one of the groups said": the parser may hang "broke"
    elsewhere (on a headline above); the sentence before the comma is what was said.
    """
    subjects = [c for c in cue.children if c.dep_ == "nsubj" and c.i < cue.i and _may_speak(c) and not _in_dateline(c)]
    if not subjects and _only_dateline_subject(cue) and cue.lemma_ != "report":
        subjects = [_name_before(cue)]  # "..., a U.S. Delegate at the bank's annual meeting said": hung on "Bank"
    first = subjects[0].left_edge.i if subjects and cue.lemma_ in SAY_VERBS else 0
    if first < 1 or cue.doc[first - 1].text != "," or cue.i != _last_word(cue):
        return []
    start = paragraph_start(cue.doc, first, floor=cue.sent.start)
    words = [t for t in cue.doc[start:first - 1] if not t.is_space]
    roots = [t for t in words if t.head not in words or t.head == t]
    relays = cue.lemma_ == "report"  # "X's adviser said the President could not recall ..., the Times reported"
    if (any(_reports(t) for t in roots) and not relays) or not any(t.pos_ in ("VERB", "AUX") for t in words):
        return []  # "The women said ..., Gajdos said" is reported by "The women said"
    return [words]


def _only_dateline_subject(cue: Token) -> bool:
    """Whether a speech verb's only subjects lie in the dateline, and a name in apposition ends right before it.

    "OSAKA, Japan, April 29 - Washington views ..., a U.S. Delegate at the bank's annual meeting
    said": the parser made OSAKA the subject and hung the delegate on "Bank".
    """
    return all(_in_dateline(s) for s in _subjects(cue)) and _name_before(cue) is not None


def _may_speak(subject: Token) -> bool:
    """Whether a subject can be someone who speaks: a name, a pronoun, a number, a role or people."""
    return (subject.pos_ in ("PROPN", "PRON", "NUM") or subject.tag_ == "NNS" or _definite(subject)
            or subject.lemma_.lower() in ROLE_NOUNS | SPOKESPEOPLE)


def _last_word(cue: Token) -> int:
    """Return the index of the last word of the cue's own phrase ("said on Monday", "told Reuters" -> the verb)."""
    told = ("dobj", "dative") if cue.lemma_ in TELL_VERBS else ()
    return max([cue.i] + [c.i for c in cue.children
                          if c.i > cue.i and c.dep_ not in ("prep", "npadvmod", "punct", *told)])


def _follows_its_clause(cue: Token) -> bool:
    """Whether the parser hung a speech verb with a subject on the clause before it.

    "The talks failed, he said": ``said`` a ``parataxis``, ``advcl``, ``conj`` or ``ccomp`` of
    ``failed``. A speech verb below another ("X said a ceasefire was observed") is not, nor one
    with a complement of its own (:func:`_complemented`).
    """
    head = cue.head
    return (cue.dep_ in ("parataxis", "advcl", "conj", "ccomp") and head.i < cue.i
            and head.pos_ in ("VERB", "AUX") and not _reports(head) and not _complemented(cue)
            and any(c.dep_ in SUBJECT_DEPS and _may_speak(c) for c in cue.children))


def _complemented(verb: Token) -> bool:
    """Whether a verb has its own complement after it, a clause or an infinitive, so reports none before it.

    "Lebed said on Wednesday he had clinched a truce ... and he promised to halt a threatened
    bombing assault": "promised" is an act of Lebed's, not a cue of the clause it is conjoined to.
    """
    return any(c.dep_ in ("xcomp", "ccomp") and c.i > verb.i for c in verb.children)


def _prepositional_objects(cue: Token) -> list[Token]:
    """Return the objects of the prepositions after a verb, nested ones too.

    "said in response to an inquiry that ...": ``response`` and ``inquiry``.
    """
    found: list[Token] = []
    preps = [c for c in cue.children if c.dep_ == "prep"]
    while preps:
        objects = [g for p in preps for g in p.children if g.dep_ == "pobj"]
        found.extend(objects)
        preps = [c for o in objects for c in o.children if c.dep_ == "prep"]
    return found


def _relays_to(clause_head: Token, cue: Token) -> bool:
    """Whether a clause a speech verb governs is only the reporting verb that relays the speech verb.

    "Wallison said John Poindexter kept him from probing the scandal, the Times reported": the
    parser may hang "reported" below "said", its words ending with it; that is no clause "said"
    reports, but the Times relaying Wallison. A reporting clause before the verb ("Lebed said
    the talks failed, Interfax reported") is what the verb reports, unless the verb reports a
    clause after it (:func:`_reports_after`), and one after it ("Fox said the government had
    assured him it was taking the matter seriously") is its speaker's words.
    """
    if not _reports(clause_head):
        return False
    words = [t for t in clause_head.subtree if not (t.is_punct or t.is_space)]
    return words[-1] == clause_head or (clause_head.i < cue.i and _reports_after(cue))


def _reports_after(cue: Token) -> bool:
    """Whether a speech verb has a clause of its own after it, so relays none before it.

    "The White House has said there is no evidence ..., and the father's lawyer, Gregory Craig,
    said the allegations were a sign ...": the parser may hang the first "said" on the second.
    """
    return any(c.dep_ == "ccomp" and c.i > cue.i for c in cue.children)


def _reports(clause_head: Token) -> bool:
    """Whether a clause is itself a reporting clause: a speech verb with a clause of its own or none.

    "Lebed said the talks failed" inside "..., Interfax reported" is, and so is a bare "Rebel
    fighters said" the parser hung below the verb of what they said; "Iran has asked Germany to
    extradite ..." and "the inquiry would be added to ..." are not (their verbs report no clause),
    nor is "the war would continue" (a bare verb reports only as a verb of saying).
    """
    if not _is_cue(clause_head):
        return False
    words = [t for t in clause_head.subtree if not (t.is_punct or t.is_space)]
    bare = words[-1] == clause_head and clause_head.lemma_ in SAY_VERBS
    return bare or any(c.dep_ == "ccomp" for c in clause_head.children)


def _row(parsed: ParsedArticle, span: QuoteSpan, found: Attribution, kind: str) -> dict:
    """Return the ``quotes`` row of one quote."""
    return {"article_id": parsed.article_id, "sentence_id": parsed.sentence_at(span.start).sentence_id,
            "start_char": span.start, "end_char": span.end, "text": parsed.article.body[span.start:span.end],
            "speaker": found.speaker, "speaker_actor_id": found.actor_id, "cue": found.cue, "kind": kind}


def _direct_quotes(parsed: ParsedArticle, spans: list[QuoteSpan], resolved: list[Mention],
                   previous: Attribution | None, carried: Attribution | None = None,
                   ) -> tuple[list[dict], Attribution | None]:
    """Return the rows of a paragraph's direct quotes and the last speaker with an actor.

    ``carried`` is the last speaker of the paragraph before when a quote opens this one: a
    quote with no cue there continues it (the wire's convention for a quote running over
    paragraphs).
    """
    body, doc = parsed.article.body, parsed.doc
    rows: list[dict] = []
    last_in_paragraph = carried
    for span in spans:
        words = _word_count(body[span.start:span.end])
        if words <= 1:
            continue
        found = attribute(doc, span, spans, resolved, previous)
        if found.cue is None and last_in_paragraph is not None and words > SHORT_QUOTE_WORDS:
            found = Attribution(last_in_paragraph.speaker, last_in_paragraph.actor_id, "continuation",
                                span.start, last_in_paragraph.actor_type, last_in_paragraph.head)
        if found.cue is None and words <= SHORT_QUOTE_WORDS:
            continue
        rows.append(_row(parsed, span, found, "direct"))
        if found.actor_id or _unnamed(found):
            previous = found
        last_in_paragraph = found if found.cue else last_in_paragraph
    return rows, previous


def _last_speaker(rows: list[dict], resolved: list[Mention]) -> Attribution | None:
    """Return the speaker of the last quote of a paragraph's rows that has a cue, or None."""
    if not rows or not rows[-1]["cue"]:
        return None
    row = rows[-1]
    types = {m.actor_id: m.actor_type for m in resolved}
    return Attribution(row["speaker"], row["speaker_actor_id"], row["cue"], row["start_char"],
                       types.get(row["speaker_actor_id"]))


def _paragraph_quotes(parsed: ParsedArticle, bounds: tuple[int, int], resolved: list[Mention],
                      previous: Attribution | None, carried: Attribution | None,
                      ) -> tuple[list[dict], Attribution | None]:
    """Return the rows of one paragraph's quotes, direct and reported, and the last speaker with an actor."""
    p_start, p_end = bounds
    spans = find_quote_spans(parsed.article.body, p_start, p_end)
    opens = bool(spans) and not parsed.article.body[p_start:spans[0].start].strip(QUOTE_MARKS + " ")
    direct, after_direct = _direct_quotes(parsed, spans, resolved, previous, carried if opens else None)
    kept = [QuoteSpan(r["start_char"], r["end_char"]) for r in direct]
    by_subject: dict[int, Attribution] = {}
    for span, cue in reported_speech(parsed.doc, p_start, p_end, kept):
        earlier = [r for r in direct if r["start_char"] < span.start and r["speaker_actor_id"]]
        before = previous if not earlier else Attribution(
            earlier[-1]["speaker"], earlier[-1]["speaker_actor_id"], earlier[-1]["cue"], earlier[-1]["start_char"])
        found = _same_subject(attribute(parsed.doc, span, spans, resolved, before, cue), by_subject)
        direct.append(_row(parsed, span, found, "reported"))
        if found.actor_id or _unnamed(found):
            previous = found
    previous = max((p for p in (previous, after_direct) if p is not None), key=lambda p: p.at, default=None)
    return _continued(sorted(direct, key=lambda r: r["start_char"])), previous


def _same_subject(found: Attribution, by_subject: dict[int, Attribution]) -> Attribution:
    """Return ``found`` with the speaker of the earlier clause that had the same subject, and remember it.

    "He said Saddam Hussein was the main cause of tension ... and said Iran would continue
    ...": one "he" speaks both clauses (the second resolved from after the first would miss
    the speaker that came before it).
    """
    if found.head is None:
        return found
    same = by_subject.setdefault(found.head.i, found)
    return found if same is found else replace(found, speaker=same.speaker, actor_id=same.actor_id,
                                                actor_type=same.actor_type)


def _continued(rows: list[dict]) -> list[dict]:
    """Return a paragraph's rows with a cueless direct quote after reported speech continuing its speaker.

    "Mr. Price said future restructuring would be a question of strategy. "We don't need the
    cash."": the quote goes on with the words of the one whose speech the paragraph reported.
    """
    for i, row in enumerate(rows):
        said = [r for r in rows[:i] if r["cue"]]
        if row["kind"] == "direct" and not row["cue"] and said and said[-1]["kind"] == "reported":
            row.update(speaker=said[-1]["speaker"], speaker_actor_id=said[-1]["speaker_actor_id"], cue="continuation")
    return rows


def extract_quotes(parsed: ParsedArticle, mentions: list[dict]) -> list[dict]:
    """Return the direct quotes and reported speech of an article with their speakers (``quotes`` rows).

    ``kind`` is ``direct`` (between quotation marks) or ``reported`` (the clause of a
    speech verb: "X said (that) ...", "..., X said").
    """
    resolved = _retype_persons(parsed.doc, _resolved_mentions(mentions, parsed.article.author, parsed.article.body))
    rows: list[dict] = []
    previous: Attribution | None = None
    carried: Attribution | None = None
    for bounds in _paragraph_bounds(parsed):
        paragraph, previous = _paragraph_quotes(parsed, bounds, resolved, previous, carried)
        rows.extend(paragraph)
        carried = _last_speaker(paragraph, resolved)
    return rows
