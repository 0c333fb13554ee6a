"""Actors across a corpus: one id for each discovered actor, whatever the spelling.

Each article's discovered actors get the stable id of their name
(:func:`helpers.extract.names.actor_key`); the same person spelt two ways in two
articles ("Mohammed Hamdan", "Muhammad Hamdan") then has two ids. The pipeline calls
this module once per corpus, after extraction:

1. :class:`ActorTally` gathers, chunk by chunk, what the ``mentions`` rows say of each
   discovered id (names, surface forms, types, articles): a few counters per actor, so
   memory does not grow with the number of mentions;
2. :func:`corpus_actors` merges the variants and returns the ``actors`` table (the
   registry's actors, then the discovered ones, each with ``origin``) and the canonical
   id of every discovered id. Each merge keeps its reason in ``merge_reasons``;
3. :func:`canonicalise` rewrites a table's actor ids (``mentions``, ``events``,
   ``figures``, ``quotes``) to the canonical ids, names and types.

Variants are merged when their names are the same once spelling is set aside (the same
consonants word by word and an edit ratio of :data:`SPELLING_SCORE`: "Mohammed"/"Muhammad",
"Organisation"/"Organization"), or are
one edit-ratio step apart as people's names (:data:`PERSON_SCORE`), when a surname
alone names the only person of the corpus with that surname, or when an abbreviation
used alone ("MoH") was introduced in brackets for one actor ("Ministry of Health (MoH)"). The variant with the most
mentions gives its id and name to the group.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd
from rapidfuzz import fuzz

from helpers.extract.names import is_discovered, name_words, normalise_name
from helpers.extract.registry import Registry

#: Edit ratio (0-100) of two people's particle-free names above which they are one person,
#: when their first letters and last-word consonants agree.
PERSON_SCORE = 90.0
#: Edit ratio two names with the same consonants need to be one name ("Mahmoud Abbas" and
#: "Mohammed Abbas" share them, at 74; "Mohammed Hamdan" and "Muhammad Hamdan" score 87).
SPELLING_SCORE = 80.0
#: Surface forms kept as aliases of one actor.
MAX_ALIASES = 20
#: Order in which a type wins when spaCy labelled an actor differently in different articles.
TYPE_ORDER = ("person", "state", "armed_group", "government_body", "media", "organization", "group", "place")
#: Columns holding actor ids, per table.
ID_COLUMNS = {"mentions": ["actor_id"], "figures": ["source_actor_id", "actor_id"],
              "quotes": ["speaker_actor_id"], "events": ["actors"],
              "casualties": ["agent_actor_id", "attribution_actor_id"], "descriptors": ["actor_id"]}


@dataclass
class Seen:
    """What the mentions say of one discovered id."""

    names: Counter = field(default_factory=Counter)
    texts: Counter = field(default_factory=Counter)
    types: Counter = field(default_factory=Counter)
    abbreviations: set[str] = field(default_factory=set)
    articles: int = 0
    last_article: str = ""

    def add(self, row: dict) -> None:
        """Count one mention row."""
        self.names[row["actor_name"]] += 1
        self.texts[row["text"]] += 1
        self.types[row["actor_type"]] += 1
        if row.get("method") == "abbreviation":
            self.abbreviations.add(row["text"])
        if row["article_id"] != self.last_article:
            self.articles += 1
            self.last_article = row["article_id"]

    def merge(self, other: Seen) -> None:
        """Add the counts of ``other`` (the same id seen in another chunk)."""
        self.names.update(other.names)
        self.texts.update(other.texts)
        self.types.update(other.types)
        self.abbreviations |= other.abbreviations
        self.articles += other.articles

    @property
    def mentions(self) -> int:
        """Return the number of mentions counted."""
        return sum(self.types.values())

    @property
    def name(self) -> str:
        """Return the most frequent name (ties: the longest, then the first in order)."""
        return max(sorted(self.names), key=lambda n: (self.names[n], len(n)))

    @property
    def type(self) -> str:
        """Return the most frequent type (ties broken by :data:`TYPE_ORDER`)."""
        rank = {t: i for i, t in enumerate(TYPE_ORDER)}
        return max(self.types, key=lambda t: (self.types[t], -rank.get(t, len(rank))))


class ActorTally:
    """The discovered actors of a corpus, counted chunk by chunk from ``mentions`` rows."""

    def __init__(self) -> None:
        """Start an empty tally."""
        self.seen: dict[str, Seen] = {}

    def add(self, mentions: Iterable[dict]) -> None:
        """Count the discovered actors of some ``mentions`` rows."""
        for row in mentions:
            if is_discovered(row.get("actor_id")):
                self.seen.setdefault(row["actor_id"], Seen()).add(row)

    def update(self, other: ActorTally) -> None:
        """Add the counts of another tally (another chunk or partition)."""
        for actor_id, seen in other.seen.items():
            if actor_id in self.seen:
                self.seen[actor_id].merge(seen)
            else:
                self.seen[actor_id] = seen


@dataclass
class CorpusActors:
    """The ``actors`` table of a corpus and the canonical id of every discovered id."""

    rows: list[dict]
    canonical: dict[str, str]
    names: dict[str, tuple[str, str]]


def skeleton(word: str) -> str:
    """Return a word's spelling-free form: its first letter and its consonants, doubles once.

    >>> [skeleton(w) for w in ("mohammed", "muhammad", "organisation", "organization")]
    ['mhmd', 'mhmd', 'orgnstn', 'orgnstn']
    """
    word = word.replace("z", "s").replace("q", "k").replace("c", "k").replace("ph", "f")
    word = word[:1] + re.sub(r"[aeiouy]", "", word[1:])
    return re.sub(r"(.)\1+", r"\1", word)


def _key(seen: Seen) -> tuple[str, str]:
    """Return the spelling-free key of an actor: its type group and the skeletons of its words.

    People, places and the rest are kept apart: "Tutsi" taken for a place does not join
    the group "Tutsis" (the same consonants), nor does a town join a body.
    """
    group = seen.type if seen.type in ("person", "place") else "other"
    return group, " ".join(skeleton(w) for w in name_words(seen.name))


class _Groups:
    """Union-find over discovered ids, remembering why each id joined its group."""

    def __init__(self, ids: Iterable[str]) -> None:
        self.parent = {i: i for i in ids}
        self.reasons: dict[str, str] = {}

    def find(self, i: str) -> str:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, a: str, b: str, reason: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra
            self.reasons.setdefault(b, reason)


def _merge_spellings(seen: dict[str, Seen], groups: _Groups) -> None:
    """Join the ids whose names are the same once spelling is set aside."""
    by_key: dict[tuple[str, str], str] = {}
    for actor_id in sorted(seen):
        key = _key(seen[actor_id])
        if not key[1]:
            continue
        first = by_key.setdefault(key, actor_id)
        if first != actor_id and fuzz.ratio(normalise_name(seen[first].name),
                                            normalise_name(seen[actor_id].name)) >= SPELLING_SCORE:
            groups.join(first, actor_id, f"same name in another spelling as {seen[first].name!r}")


def _merge_close_people(seen: dict[str, Seen], groups: _Groups) -> None:
    """Join people of two words or more whose names differ by a letter or two."""
    blocks: dict[tuple[str, str], list[str]] = {}
    for actor_id, s in sorted(seen.items()):
        words = name_words(s.name)
        if s.type == "person" and len(words) >= 2:
            blocks.setdefault((words[0][:1], skeleton(words[-1])), []).append(actor_id)
    for ids in blocks.values():
        for i, first in enumerate(ids):
            for second in ids[i + 1:]:
                a, b = " ".join(name_words(seen[first].name)), " ".join(name_words(seen[second].name))
                if fuzz.ratio(a, b) >= PERSON_SCORE:
                    groups.join(first, second, f"name within one letter or two of {seen[first].name!r}")


def _merge_surnames(seen: dict[str, Seen], groups: _Groups) -> None:
    """Join a surname used alone to the only person of the corpus whose name ends with it."""
    by_surname: dict[str, set[str]] = {}
    for actor_id, s in seen.items():
        words = name_words(s.name)
        if s.type == "person" and len(words) >= 2:
            by_surname.setdefault(words[-1], set()).add(groups.find(actor_id))
    for actor_id, s in sorted(seen.items()):
        words = name_words(s.name)
        owners = by_surname.get(words[0], set()) if s.type == "person" and len(words) == 1 else set()
        if len(owners) == 1:
            owner = next(iter(owners))
            groups.join(owner, actor_id, f"surname of {seen[owner].name!r}, the only person of that name")


def _merge_abbreviations(seen: dict[str, Seen], groups: _Groups) -> None:
    """Join an abbreviation used alone ("MoH") to the one actor an article introduced it for.

    "the Ministry of Health (MoH)" in one article makes "MoH" in the others the same actor,
    unless articles introduced it for different actors.
    """
    owners: dict[str, set[str]] = {}
    for actor_id, s in seen.items():
        for short in s.abbreviations:
            owners.setdefault(short, set()).add(groups.find(actor_id))
    for actor_id, s in sorted(seen.items()):
        found = owners.get(s.name, set())
        if len(found) == 1 and groups.find(actor_id) not in found:
            owner = next(iter(found))
            groups.join(owner, actor_id, f"abbreviation of {seen[owner].name!r}, introduced in brackets")


def _group_row(members: list[str], seen: dict[str, Seen], groups: _Groups) -> dict:
    """Return the ``actors`` row of one group of variants (the most mentioned one leads)."""
    lead = max(sorted(members), key=lambda i: (seen[i].mentions, len(seen[i].name)))
    texts: Counter = Counter()
    types: Counter = Counter()
    for member in members:
        texts.update(seen[member].texts)
        types.update(seen[member].types)
    name = seen[lead].name
    others = sorted(m for m in members if m != lead)
    merged = Seen(types=types)
    return {"actor_id": lead, "name": name, "type": merged.type,
            "aliases": [t for t, _ in texts.most_common(MAX_ALIASES + 1) if t != name][:MAX_ALIASES],
            "affiliation": None, "country": None, "origin": "discovered", "merged_from": others,
            "merge_reasons": [f"{seen[m].name}: {groups.reasons.get(m, 'same group')}" for m in others]}


def corpus_actors(tally: ActorTally, registry: Registry) -> CorpusActors:
    """Merge the variants of the corpus's discovered actors; return the ``actors`` table and ids."""
    seen = tally.seen
    groups = _Groups(seen)
    _merge_spellings(seen, groups)
    _merge_close_people(seen, groups)
    _merge_surnames(seen, groups)
    _merge_abbreviations(seen, groups)
    members: dict[str, list[str]] = {}
    for actor_id in seen:
        members.setdefault(groups.find(actor_id), []).append(actor_id)
    rows = registry.actor_rows()
    canonical: dict[str, str] = {}
    names: dict[str, tuple[str, str]] = {}
    for group in sorted(members.values(), key=min):
        row = _group_row(group, seen, groups)
        rows.append(row)
        names[row["actor_id"]] = (row["name"], row["type"])
        canonical.update({member: row["actor_id"] for member in group})
    return CorpusActors(rows, canonical, names)


def canonicalise(table: str, frame: pd.DataFrame, corpus: CorpusActors) -> pd.DataFrame:
    """Return ``frame`` (one of the article tables) with discovered ids made canonical.

    Mentions also take the canonical name and type of their actor; an event's list of
    actors loses the duplicates that merging makes.
    """
    if table not in ID_COLUMNS or frame.empty or not corpus.canonical:
        return frame
    frame = frame.copy()
    lookup = corpus.canonical
    for column in ID_COLUMNS[table]:
        if table == "events":
            frame[column] = frame[column].map(
                lambda ids: list(dict.fromkeys(lookup.get(i, i) for i in ids)) if ids is not None else ids)
        else:
            dtype = frame[column].dtype
            frame[column] = frame[column].map(lambda i: lookup.get(i, i) if isinstance(i, str) else i).astype(dtype)
    if table == "mentions":
        known = frame["actor_id"].isin(list(corpus.names))
        for position, column in enumerate(("actor_name", "actor_type")):
            values = frame.loc[known, "actor_id"].map(lambda i, p=position: corpus.names[i][p])
            frame.loc[known, column] = values.astype(frame[column].dtype)
    return frame
