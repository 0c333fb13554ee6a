"""Tense of a date expression, from the verb that governs it in the dependency parse.

A date without a year ("October 14") or a bare weekday ("Tuesday") is resolved
forwards only when the verb it belongs to speaks of the future: "will meet on
Tuesday", "would be returned by Jan. 14" (a modal before a bare verb), "is to meet",
"is going to meet", "plans to travel on Monday", "to mark the accession on March
12" (an infinitive: on TempEval-3's training part this is right more often than
not), "the vote scheduled for Friday", "planned a demonstration on Saturday".
The words elsewhere in the sentence do not matter: in
"al-Zahar told FNA on Tuesday that Hamas will ...", "Tuesday" belongs to "told".
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


def future_reference(doc: Doc, start: int, end: int) -> bool:
    """Say whether the date expression at ``doc.text[start:end]`` refers forwards, by its verb's tense."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    verb = governing_verb(span.root)
    return verb is not None and is_future(verb)
