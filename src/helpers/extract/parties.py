"""Parties: which side an actor, a nationality word or a place belongs to, from the registry alone.

The party of a registry actor is found up its ``affiliation`` links to the top, then
that actor's ``country``: the Israel Defense Forces belong to Israel, the al-Qassam
Brigades to Hamas, Gaza to the State of Palestine; an actor with neither is its own
party. Nationality words are the registry's ``demonyms`` of states ("Israeli", and the
plural "Israelis"), and those of any other state when given (:meth:`PartyIndex.build`).
Nothing here parses text (analyses use it too).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from helpers.extract.names import is_discovered
from helpers.extract.registry import Registry

#: Types of a discovered actor (one the registry lacks) that make it a party of its own;
#: a person, an organisation or a place the text names is no side of a conflict by itself.
PARTY_TYPES = frozenset({"state", "armed_group"})
#: Types of a registry party that can be a side of a conflict: a state, an armed group, a group of
#: people ("Palestinians"). An organisation or a government body is one only when an armed group
#: belongs to it (its armed wing: Hamas, Palestinian Islamic Jihad); a place (Jerusalem), a body
#: (the United Nations, a ministry), a person or a news outlet is none (:meth:`PartyIndex.is_side`).
SIDE_TYPES = frozenset({"state", "armed_group", "group"})


def party(registry: Registry, actor_id: str | None) -> str | None:
    """Return the party of an actor (see the module docstring); an unknown id is its own party.

    >>> from helpers.extract.registry import load_registry
    >>> registry = load_registry()
    >>> party(registry, "idf"), party(registry, "al_qassam_brigades"), party(registry, "gaza_strip")
    ('israel', 'hamas', 'palestine')
    """
    seen: set[str] = set()
    while actor_id and actor_id in registry.actors and actor_id not in seen:
        seen.add(actor_id)
        actor = registry.actors[actor_id]
        if actor.affiliation and actor.affiliation in registry.actors:
            actor_id = actor.affiliation
            continue
        return actor.country or actor_id
    return actor_id


def _abbreviation(word: str) -> bool:
    """Say whether a demonym is an abbreviation ("US", "U.S."), which only counts as written."""
    return word.isupper()


@dataclass
class PartyIndex:
    """A registry's parties and nationality words, for looking many up."""

    registry: Registry
    demonyms: dict[str, str]
    armed: frozenset[str] = frozenset()

    @classmethod
    def build(cls, registry: Registry, state_demonyms: dict[str, str] | None = None) -> PartyIndex:
        """Index demonyms ("Israeli" and "Israelis" -> israel) and the parties with an armed group.

        ``state_demonyms`` are the demonyms of the states the registry lacks, each to the state's
        id ("Canadian" -> its stable id; :attr:`helpers.extract.actors.RegistryIndex.state_demonyms`);
        a registry demonym wins over one of them.
        """
        demonyms: dict[str, str] = {}
        words = [(word, actor.actor_id) for actor in registry.actors.values() for word in actor.demonyms]
        for word, actor_id in [*words, *(state_demonyms or {}).items()]:
            key = word if _abbreviation(word) else word.lower()
            for form in (key, key + "s"):
                demonyms.setdefault(form, actor_id)
        armed = frozenset(party(registry, a.actor_id) for a in registry.actors.values() if a.type == "armed_group")
        return cls(registry, demonyms, armed)

    def demonym(self, word: str) -> str | None:
        """Return the party of a nationality word ("Israelis", "canadian"), else None.

        An abbreviation is one only as written ("US", not the pronoun "us").

        >>> from helpers.extract.registry import load_registry
        >>> index = PartyIndex.build(load_registry())
        >>> index.demonym("Israelis"), index.demonym("US"), index.demonym("us")
        ('israel', 'united_states', None)
        """
        return self.demonyms.get(word) or self.demonyms.get(word.lower())

    def party(self, actor_id: str | None) -> str | None:
        """Return the party an actor belongs to (see :func:`party`)."""
        return party(self.registry, actor_id)

    def mention_party(self, mention: dict) -> str | None:
        """Return the party of a mention: a demonym's state ("Palestinians"), else its actor's party.

        A discovered actor is a party only when it is a state or an armed group (:data:`PARTY_TYPES`).
        """
        demonym = self.demonym(str(mention["text"]))
        if demonym or (is_discovered(mention["actor_id"]) and mention.get("actor_type") not in PARTY_TYPES):
            return demonym
        return self.party(mention["actor_id"])

    def text_parties(self, text: str, mentions: list[dict]) -> list[str]:
        """Return the parties of a sentence: of its registry mentions, then of its demonym words."""
        found = [self.mention_party(m) for m in mentions if m.get("actor_id")]
        found += [self.demonym(w) for w in re.findall(r"\w+", text)]
        return list(dict.fromkeys(p for p in found if p))

    def is_side(self, party_id: str) -> bool:
        """Say whether a party can be a side of a conflict (:data:`SIDE_TYPES`).

        A party the registry lacks was found as a state or an armed group (:meth:`mention_party`).

        >>> from helpers.extract.registry import load_registry
        >>> index = PartyIndex.build(load_registry())
        >>> [index.is_side(p) for p in ("israel", "hamas", "palestinians", "jerusalem", "united_nations")]
        [True, True, True, False, False]
        """
        actor = self.registry.actors.get(party_id)
        return actor is None or actor.type in SIDE_TYPES or party_id in self.armed

    def name(self, party_id: str) -> str:
        """Return a party's display name (its registry name, else the id itself)."""
        actor = self.registry.actors.get(party_id)
        return actor.name if actor is not None else party_id

    def place_party(self, place: str) -> str | None:
        """Return the party of a place named in words ("Gaza", "West Bank"): the registry actor so named."""
        wanted = place.strip().lower()
        for actor in self.registry.actors.values():
            if any(name.lower() == wanted for name in actor.names()):
                return self.party(actor.actor_id)
        return None
