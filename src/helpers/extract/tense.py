"""What the dependency parse says about a date expression: its tense, and whether a year is a count.

A date without a year ("October 14") or a bare weekday ("Tuesday") is resolved
forwards only when the verb it belongs to speaks of the future: "will meet on
Tuesday", "would be returned by Jan. 14" (a modal before a bare verb), "is to meet",
"is going to meet", "plans to travel on Monday", "to mark the accession on March
12" (an infinitive: on TempEval-3's training part this is right more often than
not), "the vote scheduled for Friday", "planned a demonstration on Saturday".
The words elsewhere in the sentence do not matter: in
"al-Zahar told FNA on Tuesday that Hamas will ...", "Tuesday" belongs to "told".

A four-digit number that counts things is no year: "2000 washing kits", "some 1800 Palestinian
prisoners" (:func:`counts_things`): the number modifies a plural noun that is no time word,
and opens its noun phrase or follows a quantity word ("the 1992 protests", "fiscal 1989 sales"
stay years).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

#: Auxiliaries that make a bare verb future or unrealised ("wo" is the tokeniser's "won't").
FUTURE_AUXILIARIES = frozenset({"will", "shall", "'ll", "wo", "’ll", "would", "could", "might", "may", "must",
                                "should", "can", "ca"})
#: Verbs whose open complement is future ("plans to travel", "is going to meet", "expected to vote").
FUTURE_HEADS = frozenset("plan expect schedule set due go intend aim prepare hope vow pledge promise "
                         "threaten agree".split())
#: Verbs that make their date future in any tense ("the vote scheduled for Friday", "planned a rally on Saturday").
FUTURE_VERBS = frozenset("schedule plan slate".split())
#: Nouns of time: a number before them is an amount of time or a date, never a count of things.
TIME_NOUNS = frozenset("second minute hour day night week weekend month quarter season year decade century "
                       "millennium".split())


def governing_verb(token: Token) -> Token | None:
    """Return the nearest verb at or above ``token`` in the parse, or None."""
    for candidate in [token, *token.ancestors]:
        if candidate.pos_ in ("VERB", "AUX") and candidate.dep_ not in ("aux", "auxpass"):
            return candidate
    return None


def is_future(verb: Token) -> bool:
    """Say whether a verb speaks of the future.

    That is a future or modal auxiliary without a perfect ("will meet", not "would have
    met"), an infinitive ("to meet"), a planning verb, or the complement of one ("is going to meet").
    """
    auxiliaries = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if verb.lemma_.lower() in FUTURE_VERBS:
        return True
    if "have" in auxiliaries or verb.tag_ in ("VBD", "VBZ", "VBP", "VBG"):
        return False
    if auxiliaries & FUTURE_AUXILIARIES or "to" in auxiliaries:
        return True
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in FUTURE_HEADS


def is_past(verb: Token) -> bool:
    """Say whether a verb speaks of the past: a past tense ("met", "was killed") or a perfect ("has met")."""
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    return verb.tag_ == "VBD" or any(a.tag_ == "VBD" or a.lemma_ == "have" for a in auxiliaries)


def future_reference(doc: Doc, start: int, end: int) -> bool | None:
    """Say whether the date expression at ``doc.text[start:end]`` refers forwards, by its verb's tense.

    True for a future verb, False for a past one or after "since" ("the war since October 7"),
    None when the parse shows neither (a present tense, no verb: "payable Nov. 17", "the vote
    is on Dec. 1").
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    if span.root.head.lower_ == "since":
        return False
    verb = governing_verb(span.root)
    if verb is None:
        return None
    if is_future(verb):
        return True
    return False if is_past(verb) else None


def counts_things(doc: Doc, start: int, end: int) -> bool:
    """Say whether the number at ``doc.text[start:end]`` counts things rather than names a year.

    The number must be a numeric modifier of a plural noun that is no time word. Then it counts
    when a quantity word comes before it ("about", "some", "more than", "at least", "an
    estimated"), or when it opens its noun phrase ("delivered 2000 washing kits"); a determiner,
    possessive or adjective before it makes it a year ("the 1992 protests", "its 1989 results",
    "fiscal 1989 sales").
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    number, noun = span.root, span.root.head
    if number.dep_ != "nummod" or noun.tag_ not in ("NNS", "NNPS") or noun.lemma_.lower() in TIME_NOUNS:
        return False
    before = [word for word in (*noun.children, *number.lefts) if word.i < number.i]
    return not before or any(_quantity_word(word) for word in before)


def _quantity_word(word: Token) -> bool:
    """Say whether a word before a number measures a quantity ("about", "some", "more", "an")."""
    return word.dep_ in ("advmod", "quantmod") or word.tag_ in ("JJR", "RBR") or word.lower_ in ("a", "an")
