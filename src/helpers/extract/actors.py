"""Mentions of actors: who appears in an article, each under one canonical id.

:func:`extract_mentions` finds, in this order of precedence:

1. ``gazetteer``: a registry name or alias, matched case-sensitively, longest first.
2. ``fuzzy``: a spaCy entity or proper-noun run that is a misspelling or another
   transliteration of a registry name ("Khamneie", "Mohammed Zarif"), scored with
   rapidfuzz against the registry's names (:func:`name_score`, threshold
   :data:`FUZZY_THRESHOLD`, measured by ``benchmarks/conll_ner.py --threshold``).
3. ``coreference``: a short form (a surname, the last word(s) of a name) of a person
   named in full earlier in the same article.
4. ``role``: "the Iranian foreign minister", "Iran's Supreme Leader", "the top Iranian
   diplomat", resolved to whoever held the role on the article's publication date.
5. ``country``: a state of the country library (:mod:`helpers.extract.states`), by
   name, other name or capital ("Tehran said"); a state the registry has keeps its id.
6. ``ner``: any other spaCy PERSON, ORG, GPE, LOC or FAC entity, cut down to its name,
   as a discovered actor with a stable id (:mod:`helpers.extract.discovery`);
   ``abbreviation`` and ``coreference`` link "OIC" after "Organisation of Islamic
   Cooperation (OIC)" and a surname after the full name to the same actor.
7. ``role`` read from the parse ("the Emir of the State of Qatar", "the Islamic Jihad
   leader"; :mod:`helpers.extract.roles`).

A registry name inside a longer name ("Security Council" in "Supreme National Security
Council") gives way to the longer name. Adjectives of nationality ("Iranian") are not
mentions of a state; they only help read a role mention. Every mention has an actor id.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import logging
import re
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz, process
from spacy.tokens import Doc

from helpers.extract import discovery
from helpers.extract.names import Mention, actor_key, clean_span, literal_alternation, normalise_name, overlaps
from helpers.extract.nlp import TYPOGRAPHIC_TWINS, doc_text
from helpers.extract.registry import Actor, Registry
from helpers.extract.roles import RoleContext, parsed_role_mentions
from helpers.extract.states import state_index

log = logging.getLogger(__name__)

NER_LABELS = discovery.NER_LABELS
#: Registry types each spaCy label may be resolved to by fuzzy matching.
LABEL_TYPES = {
    "PERSON": {"person"},
    "ORG": {"organization", "armed_group", "government_body", "media", "group"},
    "GPE": {"state", "place"},
    "LOC": {"state", "place"},
    "FAC": {"place"},
}
#: Minimum :func:`name_score` for a fuzzy match, measured with
#: ``benchmarks/conll_ner.py --threshold``: of 35 true spelling variants and
#: transliterations that are not registry aliases, 33 score >= 86 (all 35 have the
#: right actor as best match; "Erdogen" 85.7 and "Tasnim News" 75.9 fall short); of
#: 8,242 CoNLL-2003 PER/ORG/LOC names that are not registry names, 3 score >= 86, one
#: of them right ("Palestine Liberation Organisation" -> PLO) and two wrong ("Iraqi
#: News Agency" -> IRNA 90.9, "AL-ANWAR" -> Al-Manar 87.5); at 85 four more wrong
#: ones ("Midwest", "Marshall", "Blinker") come in for one more variant.
FUZZY_THRESHOLD = 86.0
#: Shorter normalised strings are never fuzzy-matched (too many near neighbours).
FUZZY_MIN_LENGTH = 5
FUZZY_PREFILTER = 40.0  # plain edit ratio below which a name is not scored at all
#: Edit ratio under which a word of a body's name is like no word of another name (see :func:`name_score`).
WORD_LIKENESS = 50.0
ROLE_MODIFIERS = ("top", "chief", "senior")
#: Words of a body's name written in lower case ("Bank of Israel", "Islamic Jihad for the Liberation of Palestine").
NAME_SMALL_WORDS = frozenset({"the", "of", "for", "in"})
APOSTROPHE = "['’]"


# ---------------------------------------------------------------------------- names

def name_score(query: str, name: str, person: bool = False) -> float:
    """Return how alike two normalised names are, 0-100.

    The plain edit ratio (rapidfuzz ``fuzz.ratio``). For a person, when both have two
    words or more, the mean ratio of their first and last words may be used instead,
    so that a dropped middle name costs nothing. A one-word name that is the start of
    or end of the other ("netanya", "netanyahu"; "alami", "salami") scores 0: a different
    word that shares a stem.

    >>> round(name_score("mohammed zarif", "mohammad javad zarif", person=True), 1)
    93.8
    >>> name_score("saleh", "salehi")
    0.0

    A body's name of several words with a word that is like no word of the other is another
    body, however long the words they share ("drug administration", "us administration").

    >>> name_score("drug administration", "us administration"), name_score("islamic jehad", "islamic jihad") > 90
    (0.0, True)
    """
    q, n = query.split(), name.split()
    if len(q) == 1 and len(n) == 1 and query != name and (
            name.startswith(query) or query.startswith(name) or name.endswith(query) or query.endswith(name)):
        return 0.0
    if not person and len(q) > 1 and len(n) > 1 and any(
            max(fuzz.ratio(word, other) for other in n) < WORD_LIKENESS for word in q if len(word) > 2):
        return 0.0
    score = fuzz.ratio(query, name)
    if person and len(q) >= 2 and len(n) >= 2 and len(q) <= len(n):
        score = max(score, (fuzz.ratio(q[0], n[0]) + fuzz.ratio(q[-1], n[-1])) / 2)
    return score


# ---------------------------------------------------------------------------- registry index

@dataclass
class RegistryIndex:
    """The lookup structures built once per registry."""

    registry: Registry
    alias_regex: re.Pattern | None
    alias_actor: dict[str, str]
    fuzzy_names: list[tuple[str, str]]
    role_regexes: list[re.Pattern]
    org_by_word: dict[str, str]
    demonyms: set[str]
    normalised: dict[str, str] = field(default_factory=dict)
    states: dict[str, tuple[str, str]] = field(default_factory=dict)
    state_demonyms: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    capitals: frozenset[str] = frozenset()
    #: Cities whose dateline places a story in a state (normalised) -> the state (id, name).
    seats: dict[str, tuple[str, str]] = field(default_factory=dict)
    #: ``seats`` and ``states`` in one table (a state's name wins over a seat's), as institutions look them up.
    seats_and_states: dict[str, tuple[str, str]] = field(default_factory=dict)
    #: The states' demonyms in lowercase: words dropped before a person's name with the titles.
    leading_words: frozenset[str] = frozenset()
    #: The names of ``fuzzy_names`` alone, in the same order (what rapidfuzz compares).
    fuzzy_keys: list[str] = field(default_factory=list)
    registered: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    fuzzy_cache: dict[tuple, tuple[str | None, float]] = field(default_factory=dict)
    #: The states each name of ``fuzzy_names`` names by its words, in the same order.
    fuzzy_states: list[frozenset[str]] = field(default_factory=list)
    #: For each name of ``fuzzy_names``, in the same order: the name, its actor's id and type, its words.
    fuzzy_entries: list[tuple[str, str, str, frozenset[str]]] = field(default_factory=list)
    #: The names (and their positions in ``fuzzy_names``) of each combination of states and types asked for.
    fuzzy_subsets: dict[tuple, tuple[list[str], list[int]]] = field(default_factory=dict)
    #: Per state id, the states it succeeded: the day each ended, its (id, name), the names they shared.
    eras: dict[str, list[tuple[dt.date, tuple[str, str], frozenset[str]]]] = field(default_factory=dict)


def _alias_table(registry: Registry) -> dict[str, str]:
    """Return alias -> actor id; an alias claimed by two actors is dropped with a warning."""
    table: dict[str, str] = {}
    clashes: set[str] = set()
    for actor in registry.actors.values():
        for alias in actor.names():
            if alias in table and table[alias] != actor.actor_id:
                clashes.add(alias)
            table.setdefault(alias, actor.actor_id)
    for alias in sorted(clashes):
        log.warning("registry alias %r names more than one actor; ignored", alias)
        table.pop(alias)
    return {**_typographic_spellings(table), **table}


def _typographic_spellings(table: dict[str, str]) -> dict[str, str]:
    """Return each alias written with a plain character as it is also typeset ("Gaza’s" for "Gaza's").

    >>> _typographic_spellings({"Gaza's Ministry of Health": "moh", "Hamas": "hamas"})
    {'Gaza’s Ministry of Health': 'moh'}
    """
    spellings = {}
    for alias, actor_id in table.items():
        typeset = alias
        for typographic, plain in TYPOGRAPHIC_TWINS.items():
            typeset = typeset.replace(plain, typographic)
        if typeset != alias:
            spellings[typeset] = actor_id
    return spellings


def _alternation(words: list[str]) -> str:
    """Return a regex alternation of ``words``, longest first."""
    return literal_alternation(words)


def _role_regexes(registry: Registry, org_by_word: dict[str, str]) -> list[re.Pattern]:
    """Return the regexes of "ORG('s) TITLE" and "TITLE of ORG" role mentions."""
    if not registry.role_terms or not org_by_word:
        return []
    terms = list(registry.role_terms)
    terms += [t.split(" ", 1)[1] for t in terms if t.split(" ", 1)[0] in ROLE_MODIFIERS and " " in t]
    title = rf"(?i:(?P<title>{_alternation(terms)}))"
    org = rf"(?P<org>{_alternation(list(org_by_word))})"
    mod = rf"(?:(?i:(?P<mod>{'|'.join(ROLE_MODIFIERS)}))\s+)?"
    return [
        re.compile(rf"(?<![\w-]){mod}{org}(?:{APOSTROPHE}s)?\s+{title}(?![\w-])"),
        re.compile(rf"(?<![\w-]){title}\s+of\s+{org}(?![\w-])"),
    ]


_INDEXES: dict[str, RegistryIndex] = {}


def registry_index(registry: Registry) -> RegistryIndex:
    """Return the lookup index of ``registry``, built once per registry content."""
    key = registry.fingerprint()
    if key not in _INDEXES:
        _INDEXES[key] = _build_index(registry)
    return _INDEXES[key]


def _build_index(registry: Registry) -> RegistryIndex:
    """Build the alias regex, fuzzy name list and role regexes of a registry."""
    alias_actor = _alias_table(registry)
    alias_regex = (re.compile(rf"(?<![\w])(?:{_alternation(list(alias_actor))})(?![\w])")
                   if alias_actor else None)
    fuzzy_names = sorted({(normalise_name(alias), actor_id) for alias, actor_id in alias_actor.items()
                          if len(normalise_name(alias)) >= FUZZY_MIN_LENGTH})
    role_orgs = {r.organisation for a in registry.actors.values() for r in a.roles}
    org_by_word: dict[str, str] = {}
    demonyms: set[str] = set()
    for actor in registry.actors.values():
        demonyms.update(actor.demonyms)
        if actor.actor_id in role_orgs:
            for word in [*actor.demonyms, *actor.names()]:
                org_by_word.setdefault(word, actor.actor_id)
    index = RegistryIndex(registry, alias_regex, alias_actor, fuzzy_names,
                          _role_regexes(registry, org_by_word), org_by_word, demonyms)
    index.normalised = _normalised_aliases(alias_actor)
    index.registered = {name: (actor_id, registry.actors[actor_id].name, registry.actors[actor_id].type)
                        for name, actor_id in index.normalised.items()}
    index.states, index.state_demonyms = _state_tables(registry, index.normalised)
    index.eras = _eras(index.states)
    index.capitals = frozenset(normalise_name(s.capital) for s in state_index().states if s.capital)
    index.seats = {normalise_name(seat): index.states[normalise_name(s.name)] for s in state_index().states
                   for seat in s.seats if normalise_name(s.name) in index.states}
    index.seats_and_states = {**index.seats, **index.states}
    index.leading_words = frozenset(d.lower() for d in index.state_demonyms)
    index.fuzzy_keys = [name for name, _ in fuzzy_names]
    index.fuzzy_states = [state_index().states_in(name) for name in index.fuzzy_keys]
    index.fuzzy_entries = [(name, actor_id, registry.actors[actor_id].type, frozenset(name.split()))
                           for name, actor_id in fuzzy_names]
    return index


def is_dateline(text: str, index: RegistryIndex) -> bool:
    """Return True for a capital written in capitals ("JERUSALEM 1996-08-22"): a dateline, not a state."""
    return text.isupper() and len(text) > 3 and normalise_name(text) in index.capitals


def _normalised_aliases(alias_actor: dict[str, str]) -> dict[str, str]:
    """Return normalised alias -> actor id, without the forms two actors share."""
    table: dict[str, set[str]] = {}
    for alias, actor_id in alias_actor.items():
        table.setdefault(normalise_name(alias), set()).add(actor_id)
    return {name: next(iter(ids)) for name, ids in table.items() if len(ids) == 1 and name}


def _state_tables(registry: Registry, normalised: dict[str, str],
                  ) -> tuple[dict[str, tuple[str, str]], dict[str, tuple[str, str, str]]]:
    """Return the library's states by normalised name, and by demonym, as (id, name[, type]).

    A library state any of whose names is a registry state's name takes the registry's
    id and name; the others get the stable id of their library name.
    """
    by_name: dict[str, tuple[str, str]] = {}
    by_demonym: dict[str, tuple[str, str, str]] = {}
    for actor in registry.actors.values():
        for demonym in actor.demonyms:
            by_demonym.setdefault(demonym, (actor.actor_id, actor.name, actor.type))
    for state in state_index().states:
        keys = [normalise_name(n) for n in state.names]
        known = next((normalised[k] for k in keys if k in normalised
                      and registry.actors[normalised[k]].type == "state"), None)
        actor = (known, registry.actors[known].name) if known else (actor_key(state.name), state.name)
        for key in keys:
            by_name.setdefault(key, actor)
        for demonym in state.demonyms:
            by_demonym.setdefault(demonym, (*actor, "state"))
    return by_name, by_demonym


def _eras(states: dict[str, tuple[str, str]]) -> dict[str, list[tuple[dt.date, tuple[str, str], frozenset[str]]]]:
    """Return, per state id, the historical states it succeeded (see :attr:`RegistryIndex.eras`)."""
    eras: dict[str, list[tuple[dt.date, tuple[str, str], frozenset[str]]]] = {}
    for state in state_index().states:
        successor = states.get(normalise_name(state.successor or ""))
        if state.until is not None and successor is not None:
            eras.setdefault(successor[0], []).append(
                (state.until, states[normalise_name(state.name)], frozenset(normalise_name(n) for n in state.shared)))
    return eras


def in_their_time(mentions: list[Mention], index: RegistryIndex, published: dt.date | None) -> list[Mention]:
    """Return ``mentions`` with the names a state shares with the one it succeeded read by the article's date.

    "Moscow" and "the Kremlin" name Russia in an article of 1996 and the Soviet Union in one
    of 1987 (``historical`` in ``data/states.yaml``).
    """
    if published is None or not index.eras:
        return mentions
    return [_of_their_time(m, index.eras.get(m.actor_id or "", []), published) for m in mentions]


def _of_their_time(mention: Mention, eras: list[tuple[dt.date, tuple[str, str], frozenset[str]]],
                   published: dt.date) -> Mention:
    """Return ``mention`` given to the state its name meant on ``published``, among ``eras``."""
    for until, (actor_id, name), shared in eras:
        if published < until and normalise_name(mention.text) in shared:
            return replace(mention, actor_id=actor_id, actor_name=name, actor_type="state")
    return mention


def best_fuzzy(query: str, index: RegistryIndex, types: set[str] | None = None) -> tuple[str | None, float]:
    """Return the registry actor whose name is most like ``query``, and the score.

    Results are remembered per registry index: names recur across the articles of a
    corpus, and each lookup compares the query with every name of the registry.
    """
    q = normalise_name(query)
    if q in index.normalised:
        return index.normalised[q], 100.0
    if len(q) < FUZZY_MIN_LENGTH:
        return None, 0.0
    key = (q, frozenset(types) if types else None)
    if key not in index.fuzzy_cache:
        index.fuzzy_cache[key] = _best_fuzzy(q, index, types)
    return index.fuzzy_cache[key]


def _best_fuzzy(q: str, index: RegistryIndex, types: set[str] | None) -> tuple[str | None, float]:
    """Compare a normalised query with the registry names; return the best actor and score.

    Only the names of the query's states and types are compared (:func:`_fuzzy_names_of`, listed
    once). rapidfuzz first keeps the names whose plain edit ratio reaches ``FUZZY_PREFILTER``
    (in C, over the whole list at once); only those get the slower :func:`name_score`.
    The prefilter is far below any useful threshold, so it only drops names that could
    never match. A name whose words name other states than the query's is no variant of
    it ("Iraqi News Agency" is not Iran's "Iran News Agency", nor the "Iraqi Foreign
    Ministry" the "Iran Foreign Ministry"). A name that scores its plain edit ratio at most
    (:func:`_scores_above_ratio`) and whose ratio is no better than the best so far is not scored.
    """
    states = state_index().states_in(q)
    keys, positions = _fuzzy_names_of(index, states, types)
    candidates = process.extract(q, keys, scorer=fuzz.ratio, score_cutoff=FUZZY_PREFILTER, limit=None)
    best, best_score = None, 0.0
    words, size = set(q.split()), len(q.split())
    for _, ratio, i in sorted(candidates, key=lambda c: c[2]):
        name, actor_id, kind, name_words = index.fuzzy_entries[positions[i]]
        if ratio <= best_score and not _scores_above_ratio(size, name, kind):
            continue  # its name_score can be no better than the best so far
        if abs(len(name) - len(q)) > max(len(name), len(q)) * 0.6:
            continue
        if kind != "person" and words < name_words:
            continue  # some words of a body's name are not its name ("Palestinian Islamic")
        score = name_score(q, name, kind == "person")
        if score > best_score:
            best, best_score = actor_id, score
    return best, best_score


def _scores_above_ratio(query_words: int, name: str, kind: str) -> bool:
    """Return True if :func:`name_score` may score ``name`` above its plain edit ratio with a query of ``query_words``.

    Only a person's name may, against a query of two words or more and no more words than it.

    >>> _scores_above_ratio(2, "mohammad javad zarif", "person"), _scores_above_ratio(1, "zarif", "person")
    (True, False)
    """
    return kind == "person" and 2 <= query_words <= len(name.split())


def _fuzzy_names_of(index: RegistryIndex, states: frozenset[str], types: set[str] | None,
                    ) -> tuple[list[str], list[int]]:
    """Return the registry names a query may match, and their positions in ``fuzzy_names`` (in order).

    Those that name the same states by their words as the query, and whose actors are of one of
    ``types`` (any type when None or empty); listed once per registry index and combination.
    """
    key = (states, frozenset(types) if types else None)
    found = index.fuzzy_subsets.get(key)
    if found is None:
        positions = [p for p, entry in enumerate(index.fuzzy_entries)
                     if index.fuzzy_states[p] == states and (not types or entry[2] in types)]
        found = index.fuzzy_subsets[key] = ([index.fuzzy_keys[p] for p in positions], positions)
    return found


# ---------------------------------------------------------------------------- steps

def _actor_mention(start: int, end: int, text: str, actor: Actor, method: str) -> Mention:
    """Return a mention of a registry actor."""
    return Mention(start, end, text, actor.actor_id, actor.name, actor.type, method)


def gazetteer_mentions(text: str, index: RegistryIndex) -> list[Mention]:
    """Return every registry alias in ``text`` (leftmost, longest first).

    An alias written with an abbreviation in brackets inside it ("Ministry of Health (MoH) in
    Gaza" for "Ministry of Health in Gaza") is found too, and wins over the aliases inside it.
    """
    if index.alias_regex is None:
        return []
    actors = index.registry.actors
    found = [_actor_mention(m.start(), m.end(), m.group(), actors[index.alias_actor[m.group()]], "gazetteer")
             for m in index.alias_regex.finditer(text)]
    spanning = _aliases_around_abbreviations(text, index)
    kept = [m for m in found if not any(s.start <= m.start and m.end <= s.end for s in spanning)]
    return sorted(kept + spanning, key=lambda m: (m.start, m.end))


def _aliases_around_abbreviations(text: str, index: RegistryIndex) -> list[Mention]:
    """Return the aliases that ``text`` writes with a bracketed abbreviation inside them.

    The alias regex runs over the text with each "(ABBR)" taken out (the pieces between them
    joined); a match that spanned one is mapped back to the text's offsets, brackets included.
    """
    gaps = [g.span() for g in discovery.INNER_ABBREVIATION.finditer(text)]
    if not gaps:
        return []
    kept = list(zip([0] + [end for _, end in gaps], [start for start, _ in gaps] + [len(text)], strict=True))
    shortened = "".join(text[start:end] for start, end in kept)
    piece_starts = list(itertools.accumulate((end - start for start, end in kept[:-1]), initial=0))

    def position(at: int) -> int:
        """Return the offset in ``text`` of the character at ``at`` in ``shortened`` (found by its piece)."""
        piece = bisect.bisect_right(piece_starts, at) - 1
        return kept[piece][0] + at - piece_starts[piece]

    actors = index.registry.actors
    out = []
    for m in index.alias_regex.finditer(shortened):
        start, end = position(m.start()), position(m.end() - 1) + 1
        if end - start > m.end() - m.start():
            out.append(_actor_mention(start, end, text[start:end], actors[index.alias_actor[m.group()]], "gazetteer"))
    return out


def _extend_with_entity(name: tuple[int, int, str], text: str, found: list[Mention], index: RegistryIndex,
                        threshold: float) -> list[Mention]:
    """Widen a gazetteer match to the spaCy entity around it.

    The match is widened when the entity (``name``: one of :func:`_entity_names`) is a variant of
    the same actor's name ("Mohammed Zarif" around "Zarif"); ``text`` is the document's text.
    """
    start, end, label = name
    inside = [m for m in found if start <= m.start and m.end <= end]
    if len(inside) != 1 or (inside[0].start, inside[0].end) == (start, end):
        return found
    text = text[start:end]
    actor_id, score = best_fuzzy(text, index, LABEL_TYPES.get(label))
    if actor_id != inside[0].actor_id or score < threshold:
        return found
    wider = replace(inside[0], start=start, end=end, text=text, method="fuzzy")
    return [wider if m is inside[0] else m for m in found]



def _candidate_spans(doc: Doc, demonyms: set[str], bodies: list[tuple[int, int]]) -> list[tuple[int, int, str | None]]:
    """Return spaCy entities (cleaned) and runs of proper nouns as (start, end, label).

    A run inside a longer name of a body (``bodies``: "Israel" in "Bank of Israel") is no candidate.
    """
    spans: list[tuple[int, int, str | None]] = list(_entity_names(doc))
    spans += [(start, end, None) for start, end in _proper_noun_runs(doc, demonyms)]
    return [(start, end, label) for start, end, label in spans if end > start
            and not any(s <= start and end <= e and e - s > end - start for s, e in bodies)]


_ENTITY_NAMES_KEY = ("helpers", "entity_names")


def _entity_names(doc: Doc) -> list[tuple[int, int, str]]:
    """Return spaCy's PERSON, ORG, GPE, LOC and FAC entities cut down to their names, as (start, end, label).

    Found once per ``Doc`` (kept in ``doc.user_data``, which the parse cache does not store):
    the widening of gazetteer matches and the fuzzy step both read them.
    """
    names = doc.user_data.get(_ENTITY_NAMES_KEY)
    if names is None:
        text = doc_text(doc)
        names = doc.user_data[_ENTITY_NAMES_KEY] = [
            (*clean_span(text, e.start_char, e.end_char), e.label_) for e in doc.ents if e.label_ in NER_LABELS]
    return names


def _proper_noun_runs(doc: Doc, demonyms: set[str]) -> list[tuple[int, int]]:
    """Return the character spans of runs of capitalised proper nouns that are not demonyms.

    Only the proper nouns are touched, as the parse's arrays give them
    (:func:`helpers.extract.discovery.proper_nouns`, no ``Token`` made): walking every token
    cost a quarter of the mentions step.
    """
    runs: list[tuple[int, int]] = []
    run: list[discovery.ProperNoun] = []
    for noun in discovery.proper_nouns(doc):
        if noun.text in demonyms or not noun.text[:1].isupper():
            runs, run = _close(run, runs), []
        elif run and run[-1].i == noun.i - 1:
            run.append(noun)
        else:
            runs, run = _close(run, runs), [noun]
    return _close(run, runs)


def _close(run: list[discovery.ProperNoun], runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Return ``runs`` with the span of ``run`` added (if any)."""
    return [*runs, (run[0].start, run[-1].start + len(run[-1].text))] if run else runs


def fuzzy_mentions(doc: Doc, taken: list[Mention], index: RegistryIndex, threshold: float,
                   bodies: list[tuple[int, int]] = ()) -> list[Mention]:
    """Return fuzzy matches of spaCy entities and proper-noun runs not yet taken.

    ``bodies`` are the spans of the names of bodies found (see :func:`_candidate_spans`).
    """
    found: list[Mention] = []
    body = doc_text(doc)
    for start, end, label in _candidate_spans(doc, index.demonyms, list(bodies)):
        if overlaps(start, end, taken) or overlaps(start, end, found) or is_dateline(body[start:end], index):
            continue
        text = body[start:end]
        actor_id, score = best_fuzzy(text, index, LABEL_TYPES.get(label) if label else None)
        if actor_id and score >= threshold:
            found.append(_actor_mention(start, end, text, index.registry.actors[actor_id], "fuzzy"))
    return found


def longer_names_win(mentions: list[Mention], candidates: list[discovery.Candidate],
                     index: RegistryIndex, threshold: float = FUZZY_THRESHOLD) -> list[Mention]:
    """Drop registry matches that are only part of a longer name spaCy found around them.

    "Security Council" (the UN's) inside "Supreme National Security Council" is not the
    UN's, and "Hamdan" inside "Mohammed Hamdan" is not Osama Hamdan: the longer name wins
    when it holds no other registry match, the words it adds are capitalised name words
    (not a title or an adjective of nationality) and it is not a variant of the same
    actor's name ("Mohammed Zarif"). A longer name of the same state ("Hashemite Kingdom
    of Jordan") wins too, with the same id.
    """
    out = []
    for m in mentions:
        wider = [c for c in candidates if c.start <= m.start and m.end <= c.end and c.end - c.start > m.end - m.start]
        if any(_is_longer_name(c, m, mentions, index, threshold) for c in wider):
            continue
        out.append(m)
    return out


def _joined_names(candidate: discovery.Candidate, m: Mention, index: RegistryIndex) -> bool:
    """Return True if ``m`` is joined by a hyphen to another name inside ``candidate``."""
    before = candidate.text[:m.start - candidate.start]
    after = candidate.text[m.end - candidate.start:]
    other = before[:-1].split()[-1:] if before.endswith("-") else after[1:].split()[:1] if after.startswith("-") else []
    word = normalise_name(other[0]) if other else ""
    return bool(word) and (word in index.leading_words or word in index.states or word in index.normalised)


def _is_longer_name(candidate: discovery.Candidate, m: Mention, mentions: list[Mention],
                    index: RegistryIndex, threshold: float) -> bool:
    """Return True if ``candidate`` is one name of which ``m`` is a part.

    Names joined by a hyphen are two ("the Israeli-PLO deal", "the Iran-Iraq war"), but
    not a name and a word ("France-Soir"). A name holding another registry match of the
    same kind is not one name; a body's and a state's together are ("the Islamic Jihad for
    the Liberation of Palestine"). The small words of a name need no capital.
    """
    others = [o for o in mentions if o is not m and candidate.start <= o.start and o.end <= candidate.end]
    if any((o.actor_type == "state") == (m.actor_type == "state") for o in others):
        return False
    if _joined_names(candidate, m, index):
        return False
    if candidate.label in ("GPE", "LOC"):
        return index.states.get(normalise_name(candidate.text), (None,))[0] == m.actor_id
    if candidate.label == "PERSON":
        same, score = best_fuzzy(candidate.text, index, LABEL_TYPES["PERSON"])
        if m.actor_type != "person" or (same == m.actor_id and score >= threshold):
            return False
    elif candidate.label not in ("ORG", "FAC"):
        return False
    extra = (candidate.text[:m.start - candidate.start] + " " + candidate.text[m.end - candidate.start:]).split()
    return bool(extra) and all(w[:1].isupper() for w in extra if w.lower() not in NAME_SMALL_WORDS)


# ---------------------------------------------------------------------------- roles (registry terms)

def _period(published: dt.date, precision: str | None) -> tuple[dt.date, dt.date]:
    """Return the first and last day of the publication period."""
    if precision == "year":
        return dt.date(published.year, 1, 1), dt.date(published.year, 12, 31)
    if precision == "month":
        nxt = dt.date(published.year + published.month // 12, published.month % 12 + 1, 1)
        return published.replace(day=1), nxt - dt.timedelta(days=1)
    return published, published


def _role_holder(titles: list[str], org: str, period: tuple[dt.date, dt.date], before: list[Mention],
                 registry: Registry) -> Actor | None:
    """Return the one actor who held a title for ``org`` in ``period``.

    When several did, return the one mentioned last before the role mention; else None.
    """
    candidates = {a.actor_id: a for day in period for a in registry.holders(titles, org, day)}
    if len(candidates) == 1:
        return next(iter(candidates.values()))
    for m in reversed(before):
        if m.actor_id in candidates:
            return candidates[m.actor_id]
    return None


def _followed_by_name(text: str, end: int, mentions: list[Mention]) -> bool:
    """Return True if a person mention follows ``end`` (an apposition: "the FM, Zarif")."""
    gap = re.match(r"[\s,]*", text[end:]).end()
    return any(m.start == end + gap and m.actor_type in ("person", "PERSON") for m in mentions)


def role_matches(text: str, index: RegistryIndex) -> list[re.Match]:
    """Return the matches of the registry's role regexes in ``text`` ("Iran's Supreme Leader"), regex by regex."""
    return [m for regex in index.role_regexes for m in regex.finditer(text)]


def role_mentions(text: str, mentions: list[Mention], index: RegistryIndex,
                  published: dt.date | None, precision: str | None,
                  matches: list[re.Match] | None = None) -> list[Mention]:
    """Return role mentions ("the Iranian president") resolved by the publication date.

    ``matches``: the :func:`role_matches` of ``text``, when they were found already.
    """
    if published is None:
        return []
    period = _period(published, precision)
    found: list[Mention] = []
    for match in role_matches(text, index) if matches is None else matches:
        start, end = match.span()
        if overlaps(start, end, mentions) or overlaps(start, end, found):
            continue
        if _followed_by_name(text, end, mentions):
            continue
        title = match.group("title").lower()
        mod = (match.group("mod") or "").lower() if "mod" in match.re.groupindex else ""
        titles = index.registry.role_terms.get(f"{mod} {title}".strip()) or index.registry.role_terms.get(title)
        if not titles:
            continue
        before = [m for m in mentions if m.end <= start]
        holder = _role_holder(titles, index.org_by_word[match.group("org")], period, before, index.registry)
        if holder is not None:
            found.append(_actor_mention(start, end, match.group(), holder, "role"))
    return found


def role_title_spans(text: str, index: RegistryIndex, matches: list[re.Match] | None = None) -> list[Mention]:
    """Return every role phrase ("Iran's Supreme Leader") as a placeholder mention.

    Role phrases are returned resolved or not, so that no fragment of one becomes an unknown entity.
    ``matches``: the :func:`role_matches` of ``text``, when they were found already.
    """
    return [Mention(m.start(), m.end(), m.group(), None, "", "", "role")
            for m in (role_matches(text, index) if matches is None else matches)]


def capitals_as_places(doc: Doc, mentions: list[Mention], index: RegistryIndex) -> list[Mention]:
    """Return ``mentions`` with a capital used as a place made a place, not its state.

    "Tehran said" names Iran's government; "talks in Tehran" and "a suburb near Amman"
    name the city (:func:`helpers.extract.discovery.used_as_place`).
    """
    out = []
    for m in mentions:
        if m.actor_type == "state" and normalise_name(m.text) in index.capitals and discovery.used_as_place(
                doc, m.start, m.end):
            m = replace(m, actor_id=actor_key(m.text), actor_name=m.text, actor_type="place")
        out.append(m)
    return out


#: A noun of broadcasting after a city's or a state's name: "Tehran radio", "Baghdad Radio", "Israel Television".
_BROADCASTER = re.compile(r"\s+(radio|television)\b(?!\s+stations?\b)", re.IGNORECASE)


def broadcasters(text: str, mentions: list[Mention]) -> list[Mention]:
    """Return ``mentions`` with a capital or a state named before "radio" or "television" made that broadcaster.

    "Tehran radio, monitored by the BBC, quoted Malekzadegan as saying ..." names a medium,
    "Tehran Radio", not Iran nor the city; "a radio station" and "Iranian radio" (no name) name none.
    """
    out = []
    for m in mentions:
        match = _BROADCASTER.match(text, m.end) if m.actor_type in ("state", "place") else None
        if match is not None:
            name = f"{m.text} {match.group(1).title()}"
            m = Mention(m.start, match.end(), text[m.start:match.end()], actor_key(name), name, "media", "broadcaster")
        out.append(m)
    return out


# ---------------------------------------------------------------------------- entry point

def find_mentions(doc: Doc, index: RegistryIndex, published: dt.date | None = None,
                  precision: str | None = None, fuzzy_threshold: float = FUZZY_THRESHOLD) -> list[Mention]:
    """Return the mentions of a spaCy ``Doc`` in text order (all steps of the module)."""
    text = doc_text(doc)
    datelines = discovery.dateline_spans(text)
    candidates = [c for c in discovery.candidate_entities(doc, index.leading_words)
                  if not is_dateline(c.text, index) and not overlaps(c.start, c.end, datelines)]
    states = discovery.written_states(text, candidates)
    mentions = longer_names_win(gazetteer_mentions(text, index), candidates + states, index, fuzzy_threshold)
    for name in _entity_names(doc):
        mentions = _extend_with_entity(name, text, mentions, index, fuzzy_threshold)
    roles = role_matches(text, index)
    placeholders = role_title_spans(text, index, roles) + datelines
    mentions += discovery.state_mentions(states, mentions + placeholders, index.states)
    bodies = [(c.start, c.end) for c in candidates if c.label in ("ORG", "FAC")]
    mentions += fuzzy_mentions(doc, mentions + datelines, index, fuzzy_threshold, bodies)
    mentions += discovery.state_mentions(candidates, mentions + placeholders, index.states)
    mentions += discovery.discovered_mentions(candidates, mentions + placeholders)
    mentions = discovery.sovereign_names(text, discovery.resolve_abbreviations(text, mentions))
    mentions = discovery.same_peoples(discovery.surnames_before_full_names(discovery.resolve_short_forms(mentions)))
    mentions = discovery.bodies_without_their_state(mentions)
    mentions = broadcasters(text, capitals_as_places(doc, mentions, index))
    mentions += discovery.institution_mentions(doc, mentions + placeholders, index.seats_and_states,
                                               index.state_demonyms, index.registered)
    mentions += role_mentions(text, mentions, index, published, precision, roles)
    period = _period(published, precision) if published else None
    context = RoleContext(index.registry, index.state_demonyms, period)
    mentions += parsed_role_mentions(doc, mentions, context)
    mentions = outside_other_places(text, mentions)
    return sorted(in_their_time(mentions, index, published), key=lambda m: (m.start, m.end))


def outside_other_places(text: str, mentions: list[Mention]) -> list[Mention]:
    """Drop the state mentions inside a place named after a state that is not it ("America" of "Central America")."""
    places = state_index().elsewhere_spans(text)
    if not places:
        return mentions
    return [m for m in mentions if m.actor_type != "state" or not any(s <= m.start and m.end <= e for s, e in places)]


def extract_mentions(parsed, registry: Registry, fuzzy_threshold: float = FUZZY_THRESHOLD) -> list[dict]:
    """Return the rows of the ``mentions`` table for one parsed article."""
    if not parsed.sentences:
        return []
    article = parsed.article
    index = registry_index(registry)
    mentions = find_mentions(parsed.doc, index, article.published, article.published_precision, fuzzy_threshold)
    return [
        {"article_id": parsed.article_id, "sentence_id": parsed.sentence_at(m.start).sentence_id,
         "start_char": m.start, "end_char": m.end, "text": m.text, "actor_id": m.actor_id,
         "actor_name": m.actor_name, "actor_type": m.actor_type, "method": m.method}
        for m in mentions
    ]
