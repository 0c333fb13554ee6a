"""Whether a figure counts what happened, or what could, would or will happen.

"6,550 excess deaths are projected", "should outbreaks occur, the projections rise to
85,750", "the toll could reach 10,000", "50 will be released": each number stands under
a projection, a condition, a modal or the future. Such a figure is *hypothetical*
(the ``hypothetical`` column of the ``figures`` table): it is no reported count, and no
running toll is chosen among such figures.

Read from the parse, within the figure's own clause (:func:`helpers.extract.kinds.governors`):
a governing verb with a modal auxiliary (will, would, could, may, might, shall, should),
a governing word or subject of the projection class ("projected", "projections",
"forecast", "scenario", "expected to reach"), or a governing verb with a conditional
clause ("if ...", "unless ...", "should ... occur").
"""

from __future__ import annotations

from spacy.tokens import Token

from helpers.extract.kinds import governors

#: Auxiliaries that make a clause a possibility or the future rather than a fact.
MODAL_LEMMAS = frozenset({"will", "would", "could", "may", "might", "shall", "should"})
#: Words that make what they govern, or what they are the subject of, a projection.
PROJECTION_LEMMAS = frozenset({"project", "projection", "forecast", "predict", "prediction", "scenario",
                               "expect", "anticipate"})
#: First words of a conditional clause ("if", "unless", and the inverted "should X occur").
CONDITION_OPENERS = frozenset({"if", "unless", "should"})


def is_hypothetical(anchor: Token) -> bool:
    """Say whether the number at ``anchor`` stands under a projection, a condition, a modal or the future."""
    for governor, _ in governors(anchor):
        if governor.lemma_.lower() in PROJECTION_LEMMAS:
            return True
        if governor.pos_ in ("VERB", "AUX") and _hypothetical_clause(governor):
            return True
    return False


def _hypothetical_clause(verb: Token) -> bool:
    """Say whether a verb's clause is modal, a projection's (its subject) or conditional."""
    for child in verb.children:
        if child.dep_ in ("aux", "auxpass") and child.lemma_.lower() in MODAL_LEMMAS:
            return True
        if child.dep_ in ("nsubj", "nsubjpass") and child.lemma_.lower() in PROJECTION_LEMMAS:
            return True
        if child.dep_ == "advcl" and child.left_edge.lower_ in CONDITION_OPENERS:
            return True
    return False
