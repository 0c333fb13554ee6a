"""Roles read from the parse: "the X of Y", "Y's X", "the Y X" and a title before a name.

:func:`parsed_role_mentions` finds every role word ("minister", "emir", "leader") and
reads, from the words around it, the title ("foreign minister") and whose office it is:
a possessor ("Qatar's Emir"), a modifier ("the Islamic Jihad leader", "the Turkish
foreign minister", through demonyms), or an "of" phrase, across "the State of"
("the Emir of the State of Qatar"). The role resolves, in this order, to:

1. the registry's holder of that title for that organisation on the article's date;
2. the person the article itself names in that role, with a title before the name
   ("Turkish Foreign Minister Mevlut Cavusoglu") or in apposition ("the Foreign
   Minister of Iran, Mohammad Javad Zarif"): later "the Turkish foreign minister" is him;
3. otherwise the organisation or state itself (a role mention of it), when the article
   names it elsewhere: an adjective of nationality and an unnamed person are not actors.

A title directly before a name is not a mention of its own: the name is.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from helpers.extract.names import Mention, overlaps
from helpers.extract.nlp import doc_text, token_starts, tokens_with_lower
from helpers.extract.registry import Registry

#: Role words recognised when the registry's ``role_terms`` do not list them.
GENERIC_ROLE_HEADS = frozenset("""
    minister president leader emir king chief spokesman spokeswoman spokesperson commander secretary
    premier ambassador envoy chairman governor
""".split())
#: Nouns that stand between "of" and the state in "the Emir of the State of Qatar".
STATE_WORDS = frozenset({"state", "kingdom", "republic", "government", "people", "emirate", "sultanate"})
MAX_TITLE_WORDS = 3


@dataclass(frozen=True)
class RoleContext:
    """What role reading needs besides the parse: the registry and the words of states."""

    registry: Registry
    demonyms: dict[str, tuple[str, str, str]]
    period: tuple[dt.date, dt.date] | None


@dataclass(frozen=True)
class RoleHit:
    """A role phrase: its span, title phrase and organisation (id, name, type)."""

    start: int
    end: int
    title: str
    org: tuple[str, str, str]
    named: Mention | None


def _covering(mentions: list[Mention], token: Token) -> Mention | None:
    """Return the mention (with an id) that covers ``token``."""
    for m in mentions:
        if m.actor_id and m.start <= token.idx < m.end and m.method != "role":
            return m
    return None


def _as_org(m: Mention | None) -> tuple[str, str, str] | None:
    """Return a mention's actor as (id, name, type), if it can hold offices (not a person or place)."""
    if m is None or m.actor_type in ("person", "PERSON", "place"):
        return None
    return m.actor_id, m.actor_name, m.actor_type


def _title(doc: Doc, head: Token, terms: dict[str, list[str]]) -> tuple[int, str]:
    """Return the first token index and the phrase of the longest known title ending at ``head``."""
    for size in range(MAX_TITLE_WORDS, 1, -1):
        first = head.i - size + 1
        if first >= 0:
            phrase = " ".join(t.lower_ for t in doc[first:head.i + 1])
            if phrase in terms:
                return first, phrase
    return head.i, head.lower_


def _org_before(doc: Doc, first: int, mentions: list[Mention], context: RoleContext):
    """Return (org, start) of the owner written before a title: "Qatar's", "Iranian", "Hamas"."""
    if first == 0:
        return None, None
    before = doc[first - 1]
    if before.tag_ == "POS" and first >= 2:
        before = doc[first - 2]
    if before.text in context.demonyms:
        return context.demonyms[before.text], before.idx
    mention = _covering(mentions, before)
    org = _as_org(mention)
    return (org, mention.start) if org else (None, None)


def _org_after(head: Token, mentions: list[Mention]):
    """Return (org, end) of an "of" phrase after a title, across "the State of"."""
    node = head
    for _ in range(2):
        prep = next((c for c in node.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
        obj = next((c for c in prep.rights if c.dep_ == "pobj"), None) if prep is not None else None
        if obj is None:
            return None, None
        org = _as_org(_covering(mentions, obj))
        if org:
            mention = _covering(mentions, obj)
            return org, mention.end
        if obj.lemma_.lower() not in STATE_WORDS:
            return None, None
        node = obj
    return None, None


def _named_after(doc: Doc, end_token: int, mentions: list[Mention]) -> Mention | None:
    """Return the person named right after a role phrase (a title before a name, an apposition)."""
    index = end_token + 1
    if index < len(doc) and doc[index].text == ",":
        index += 1
    if index >= len(doc):
        return None
    m = _covering(mentions, doc[index])
    return m if m is not None and m.actor_type in ("person", "PERSON") and m.start == doc[index].idx else None


def _token_at_end(doc: Doc, end: int) -> int:
    """Return the index of the token whose text holds the character before offset ``end``."""
    token = doc[max(0, bisect.bisect_left(token_starts(doc), end) - 1)]
    if token.idx < end <= token.idx + len(token.text):
        return token.i
    return next(t.i for t in doc if t.idx < end <= t.idx + len(t.text))


def _role_hit(doc: Doc, head: Token, mentions: list[Mention], context: RoleContext) -> RoleHit | None:
    """Read the title and the owner of the role word ``head``; None when it has no owner."""
    first, phrase = _title(doc, head, context.registry.role_terms)
    org, start = _org_before(doc, first, mentions, context)
    end, last = head.idx + len(head.text), head.i
    if org is None:
        org, end = _org_after(head, mentions)
        start = doc[first].idx
        if org is not None:
            last = _token_at_end(doc, end)
    if org is None:
        return None
    return RoleHit(start, end, phrase, org, _named_after(doc, last, mentions))


def _holder(hit: RoleHit, local: dict, before: list[Mention], context: RoleContext):
    """Return (id, name, type) of whoever holds the role: registry, then the article, else None."""
    titles = context.registry.role_terms.get(hit.title, [])
    if titles and context.period and hit.org[0] in context.registry.actors:
        found = {a.actor_id: a for day in context.period
                 for a in context.registry.holders(titles, hit.org[0], day)}
        if len(found) > 1:
            found = {m.actor_id: found[m.actor_id] for m in reversed(before) if m.actor_id in found} or found
        if len(found) == 1:
            actor = next(iter(found.values()))
            return actor.actor_id, actor.name, actor.type
    return local.get((hit.title, hit.org[0]))


def _role_heads(registry: Registry) -> frozenset[str]:
    """Return the words that can end a title: the last words of the registry's role terms and more."""
    return _heads_of_terms(frozenset(registry.role_terms))


@functools.lru_cache(maxsize=8)
def _heads_of_terms(terms: frozenset[str]) -> frozenset[str]:
    """Return :func:`_role_heads` for the role terms ``terms`` (the same set each time: it is asked per article)."""
    return GENERIC_ROLE_HEADS | {term.split(" of ")[0].split()[-1] for term in terms}


def _owner_named_apart(hit: RoleHit, mentions: list[Mention]) -> bool:
    """Return True if a role whose holder is unknown stands for its owner.

    It does when the article names the owner, but not in the role phrase: "the Swiss
    diplomat" in an article that names no Switzerland names no actor (an adjective of
    nationality and an unnamed person are not actors), and in "the leader of Islamic
    Jihad" the owner's own mention is there already.
    """
    owner = [m for m in mentions if m.actor_id == hit.org[0] and m.method != "role"]
    return bool(owner) and not any(hit.start <= m.start < hit.end for m in owner)


def parsed_role_mentions(doc: Doc, mentions: list[Mention], context: RoleContext) -> list[Mention]:
    """Return role mentions read from the parse (see the module docstring), in text order."""
    heads = _role_heads(context.registry)
    body = doc_text(doc)
    local: dict[tuple[str, str], tuple[str, str, str]] = {}
    found: list[Mention] = []
    for i in tokens_with_lower(doc, heads):
        token = doc[i]
        if token.pos_ not in ("NOUN", "PROPN") or _covering(mentions, token):
            continue
        hit = _role_hit(doc, token, mentions, context)
        if hit is None:
            continue
        if hit.named is not None:
            local[(hit.title, hit.org[0])] = (hit.named.actor_id, hit.named.actor_name, hit.named.actor_type)
            continue
        if overlaps(hit.start, hit.end, [m for m in mentions if m.method == "role"] + found):
            continue
        before = [m for m in mentions if m.end <= hit.start]
        actor = _holder(hit, local, before, context)
        if actor is None and not _owner_named_apart(hit, mentions):
            continue
        found.append(Mention(hit.start, hit.end, body[hit.start:hit.end], *(actor or hit.org), "role"))
    return found
