"""Descriptors: the words an article uses to name what an actor is.

One row of the ``descriptors`` table per descriptive phrase attached to a mention of a
registry actor (``mentions.actor_id`` not null), in three forms:

* ``apposition``: a noun phrase set beside the name ("Hamas, the militant group that
  rules Gaza"; "the terrorist group Hamas") -> "militant group", "terrorist group";
* ``modifier``: words before the name that describe it ("Iran-backed Hamas", "the
  Palestinian militant group Hamas") -> "Iran-backed";
* ``head``: the noun the name modifies, when it names the actor's members or kind
  (:data:`MEMBER_NOUNS`: "Hamas militants", "Hamas terrorists", "Israeli forces") ->
  "militants", "terrorists".

``text`` is the descriptor as written (without determiners or relative clauses);
``descriptor`` is its lowercase form used for counting. A descriptor with no name
beside it ("the militant group said") is not linked to an actor and not recorded.
"""

from __future__ import annotations

import logging

from spacy.tokens import Token

from helpers.extract.parsed import ParsedArticle

log = logging.getLogger(__name__)

#: Dependency labels of the words kept in a descriptor phrase (to the left of its noun).
MODIFIER_DEPS = ("amod", "compound", "nmod", "npadvmod", "advmod", "poss", "case")
#: Nouns (lemmas) that name an actor's members or kind when the name modifies them ("Hamas
#: militants", "Israeli forces"); other nouns a name modifies ("Hamas attack") are not descriptors.
MEMBER_NOUNS = frozenset("militant terrorist fighter gunman member operative commander leader official "
                         "soldier troop force army militia group movement regime government authority "
                         "rebel insurgent jihadist extremist faction organization organisation wing "
                         "brigade police resistance terror occupation".split())


def _noun_phrase(noun: Token, stop: Token | None = None) -> list[Token]:
    """Return a noun with its left modifiers (and their own), leaving out ``stop``'s subtree."""
    tokens = [noun]
    for child in noun.lefts:
        if child.dep_ in MODIFIER_DEPS and (stop is None or stop not in child.subtree):
            tokens.extend(t for t in child.subtree if t.dep_ != "punct" or t.text == "-")
    return sorted(set(tokens), key=lambda t: t.i)


def _row(parsed: ParsedArticle, mention: dict, tokens: list[Token], form: str) -> dict | None:
    """Return a ``descriptors`` row for ``tokens`` describing ``mention`` (None if they are no descriptor)."""
    tokens = [t for t in tokens if not (t.idx >= mention["start_char"] and t.idx < mention["end_char"])
              and t.dep_ != "det"]
    if not tokens or not any(t.is_alpha for t in tokens):
        return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    text = parsed.article.body[start:end]
    return {"article_id": parsed.article_id, "sentence_id": mention["sentence_id"], "start_char": start,
            "end_char": end, "text": text, "descriptor": " ".join(text.lower().split()),
            "form": form, "actor_id": mention["actor_id"], "mention": mention["text"]}


def describe_mention(parsed: ParsedArticle, mention: dict) -> list[dict]:
    """Return the descriptor rows of one registry mention."""
    span = parsed.doc.char_span(mention["start_char"], mention["end_char"], alignment_mode="expand")
    if span is None or not len(span):
        return []
    root = span.root
    found = []
    if root.dep_ == "appos" and root.head.pos_ in ("NOUN", "PROPN"):
        found.append(_row(parsed, mention, _noun_phrase(root.head, stop=root), "apposition"))
    for child in root.children:
        if child.dep_ == "appos" and child.pos_ == "NOUN":
            found.append(_row(parsed, mention, _noun_phrase(child), "apposition"))
    modifiers = [t for c in root.lefts if c.dep_ in ("amod", "compound", "nmod", "npadvmod") and c not in span
                 for t in c.subtree]
    if modifiers:
        found.append(_row(parsed, mention, sorted(set(modifiers), key=lambda t: t.i), "modifier"))
    head = root.head
    if root.dep_ in ("compound", "amod", "nmod") and head.i > root.i and head.lemma_.lower() in MEMBER_NOUNS:
        found.append(_row(parsed, mention, [head], "head"))
    return [row for row in found if row is not None]


def extract_descriptors(parsed: ParsedArticle, mentions: list[dict]) -> list[dict]:
    """Return the ``descriptors`` rows of one article."""
    rows = [row for mention in mentions if mention.get("actor_id")
            for row in describe_mention(parsed, mention)]
    log.debug("%s: %d descriptors", parsed.article_id, len(rows))
    return rows
