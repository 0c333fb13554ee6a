"""Word senses the extractors must tell apart, read from the parse and the sentence's words.

A **strike** is either a stoppage of work (workers, a union, a port or a sector strike; "went
on strike", "staged a lightning strike", "voted to strike") or an attack ("a missile strike
against the tanker", "Israeli air strikes on Gaza"). Business and wire copy are full of the
first; a timeline or a count of attacks must not take them for the second.

The cue words below are documented lists, not rules for one text. Nearest first: a word of
:data:`MILITARY_WORDS` that modifies the strike or says who strikes makes it an attack, one of
:data:`LABOUR_WORDS` there ("the seamen's strike", "strikes against redundancies") a stoppage;
then a target ("a strike against Iran") or a military word in the sentence makes it an attack;
then a word of :data:`LABOUR_SENTENCE_WORDS` in the sentence, "on strike", or a verb of
:data:`LABOUR_VERBS` that has the strike as its object or infinitive ("staged a strike", "voted to
strike") a stoppage. With no cue either way a strike stays an attack.
"""

from __future__ import annotations

from spacy.tokens import Token

#: What one strikes when striking a bargain: "struck a pay accord", "strike a balance".
AGREEMENT_OBJECTS = frozenset({"deal", "accord", "agreement", "bargain", "compromise", "balance", "pact", "truce",
                               "chord", "note", "tone", "settlement"})
#: Lemmas of the word "strike" ("striking" where spaCy keeps the adjective), and of words that only ever name a
#: stoppage of work.
STRIKE_LEMMAS = frozenset({"strike", "striker", "striking"})
WORK_STOPPAGE_LEMMAS = frozenset({"walkout", "stoppage"})
#: Words that make a strike an attack when they modify it or stand in its sentence.
MILITARY_WORDS = frozenset({
    "air", "airstrike", "missile", "rocket", "drone", "military", "nuclear", "artillery", "bomb", "bombing",
    "pre-emptive", "preemptive", "retaliatory", "surgical", "army", "troops", "forces", "navy", "warplane",
    "jet", "fighter", "target", "killed", "kill", "wounded", "casualties", "militant", "militants", "weapon",
})
#: Words that make a strike a stoppage of work when they modify it or say who strikes.
LABOUR_WORDS = frozenset({
    "worker", "workers", "union", "unions", "employee", "employees", "staff", "labour", "labor", "miner",
    "miners", "docker", "dockers", "seaman", "seamen", "teacher", "teachers", "nurse", "nurses", "driver",
    "drivers", "pilot", "pilots", "dock", "port", "rail", "railway", "wildcat", "lightning", "token",
    "sympathy", "hunger", "general", "pay", "wage", "wages", "redundancy", "redundancies", "layoffs",
    "national", "nationwide", "indefinite", "bank",
})
#: Nouns that a strike modifies only as a stoppage of work ("strike headquarters", "strike-bound ships").
LABOUR_COMPOUND_HEADS = frozenset({"headquarters", "leader", "leaders", "committee", "action", "ballot", "fund",
                                   "pay", "bound", "hit", "breaker", "breakers", "notice"})
#: Words that make a strike a stoppage of work wherever they stand in its sentence.
LABOUR_SENTENCE_WORDS = frozenset({
    "union", "unions", "employers", "redundancies", "wage", "wages", "pay", "picket", "pickets", "strikers",
    "bargaining", "walkout", "stoppage",
})
#: Verbs whose object (or infinitive) is a stoppage of work: "staged a strike", "called off the strike".
LABOUR_VERBS = frozenset({"stage", "call", "hold", "end", "declare", "vote", "threaten", "join", "continue",
                          "go", "settle", "break"})


def _near_words(token: Token) -> set[str]:
    """Return the words and lemmas near a strike: its modifiers, subject and "by"/"of"/"at"/"against" objects.

    Each with its own compounds ("bank workers"), not whole phrases: "the strike on a house"
    condemned by a "General Director" is not a general strike.
    """
    near = [c for c in token.children if c.dep_ in ("compound", "amod", "poss", "nmod", "nsubj", "agent")]
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ in ("by", "of", "at", "against"):
            near += [t for t in prep.children if t.dep_ == "pobj"]
    near += [c for word in near for c in word.children if c.dep_ == "compound"]
    return {form for t in near for form in (t.lower_, t.lemma_.lower())}


def _aimed(token: Token) -> bool:
    """Return True when a strike has a target: "a strike against Iran", "strikes on Gaza" (not "on March 24")."""
    return any(c.dep_ == "prep" and c.lower_ in ("against", "on")
               and any(p.dep_ == "pobj" and p.ent_type_ not in ("DATE", "TIME") for p in c.children)
               for c in token.children)


def _modifies_labour_noun(token: Token) -> bool:
    """Return True for "strike" as the first part of "strike headquarters", "strike-bound", "strike-hit"."""
    head = token.head
    if token.dep_ in ("compound", "amod", "npadvmod") and head.i > token.i and head.lower_ in LABOUR_COMPOUND_HEADS:
        return True
    following = token.doc[token.i + 2] if token.i + 2 < len(token.doc) else None
    return (following is not None and token.nbor(1).text == "-" and following.lower_ in LABOUR_COMPOUND_HEADS)


def is_work_stoppage(token: Token) -> bool:
    """Say whether a token names a stoppage of work ("the seamen's strike") rather than an attack.

    >>> from helpers.extract.nlp import load_model
    >>> nlp = load_model()
    >>> [is_work_stoppage(t) for t in nlp("Members of the union staged a lightning strike.") if t.lower_ == "strike"]
    [True]
    >>> [is_work_stoppage(t) for t in nlp("A missile strike hit the tanker.") if t.lower_ == "strike"]
    [False]
    """
    lemma = token.lemma_.lower()
    if lemma in WORK_STOPPAGE_LEMMAS:
        return True
    if lemma not in STRIKE_LEMMAS or strikes_a_bargain(token):
        return False
    if _modifies_labour_noun(token):
        return True
    sentence = {t.lower_ for t in token.sent}
    near = _near_words(token)
    if near & MILITARY_WORDS:
        return False
    if near & LABOUR_WORDS:
        return True
    if _aimed(token) or sentence & MILITARY_WORDS:
        return False
    on_strike = token.head.lower_ == "on" and token.dep_ == "pobj"  # "went on strike"
    infinitive = token.dep_ == "xcomp" and any(c.lower_ == "to" for c in token.children) and not any(
        c.dep_ == "auxpass" for c in token.children)  # "voted to strike", not "continued being struck"
    object_of_labour_verb = (token.dep_ == "dobj" or infinitive) and token.head.lemma_.lower() in LABOUR_VERBS
    return bool(sentence & LABOUR_SENTENCE_WORDS or on_strike or object_of_labour_verb)


def strikes_a_bargain(token: Token) -> bool:
    """Say whether the verb "strike" means reaching an agreement ("struck a pay accord", "strike a deal").

    >>> from helpers.extract.nlp import load_model
    >>> [strikes_a_bargain(t) for t in load_model()("They struck a pay accord.") if t.lower_ == "struck"]
    [True]
    """
    return token.lemma_.lower() == "strike" and token.pos_ == "VERB" and any(
        c.dep_ == "dobj" and c.lemma_.lower() in AGREEMENT_OBJECTS for c in token.children)
