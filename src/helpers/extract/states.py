"""States from a kept library of country data (countryinfo), with demonyms and capitals.

Every country of the library becomes a state that mentions can resolve to, without a
hand-written entry: its short name, its official and other English names ("Islamic
Republic of Iran", "Burma"), its capital used as a metonym ("Tehran said", "Kyiv"), and
its demonym ("Iranian"), which only helps read a role ("the Iranian foreign minister")
and is never a mention on its own. ``data/states.yaml`` adds the names the press uses
that the library lacks ("Washington", "Britain") and drops the ones that mislead in
running text (two-letter codes, "Georgia" the US state stays a country: it is a country).

A state the registry knows (any of its names is a registry name of a ``state`` actor)
resolves to the registry's id; the others get the stable id of their short name
(:func:`helpers.extract.names.actor_key`).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from helpers.extract.names import literal_alternation, normalise_name
from helpers.extract.shipped import current_snapshot, write_snapshot
from helpers.files import load_yaml
from helpers.paths import DATA_DIR

STATES_FILE = DATA_DIR / "states.yaml"
#: What is read of countryinfo, shipped (:func:`write_shipped_countries`): its 271 files take 0.3 s to parse.
COUNTRIES_FILE = DATA_DIR / "countries.json.gz"
#: Library names that are all capitals and this short are codes ("IR", "IRN"), not names.
MAX_CODE_LENGTH = 3


@dataclass(frozen=True)
class State:
    """One country of the library."""

    name: str
    names: tuple[str, ...]
    demonyms: tuple[str, ...]
    capital: str | None
    #: Cities whose dateline places a story in the state though they name no state ("Jerusalem").
    seats: tuple[str, ...] = ()
    #: The ISO 3166 two-letter code ("IL", "PS"), as gazetteers name a town's country.
    code: str | None = None
    #: A state that no longer exists: the day it ended, the state that took its place and the
    #: names of that successor which meant this state before that day ("Moscow").
    until: dt.date | None = None
    successor: str | None = None
    shared: tuple[str, ...] = ()


@dataclass
class StateIndex:
    """Lookups of states by any name (normalised) and by demonym (as written)."""

    states: list[State]
    by_name: dict[str, State] = field(default_factory=dict)
    by_demonym: dict[str, State] = field(default_factory=dict)
    regex: re.Pattern | None = None
    #: States by normalised short name, other name, capital or demonym (what a name's words say).
    by_word: dict[str, State] = field(default_factory=dict)
    #: States by ISO two-letter code.
    by_code: dict[str, State] = field(default_factory=dict)
    #: Places whose names hold a state's name but that are not that state (``elsewhere`` of the data file).
    elsewhere: re.Pattern | None = None

    def find(self, text: str) -> list[tuple[int, int]]:
        """Return the spans of ``text`` that are a state's name, as written (case matters)."""
        return [m.span() for m in self.regex.finditer(text)] if self.regex else []

    def elsewhere_spans(self, text: str) -> list[tuple[int, int]]:
        """Return the spans of ``text`` that name a place holding a state's name that is not the state.

        >>> state_index().elsewhere_spans("allies in Central America and in America")
        [(10, 25)]
        """
        return [m.span() for m in self.elsewhere.finditer(text)] if self.elsewhere else []

    def lookup(self, text: str) -> State | None:
        """Return the state that ``text`` names (a name, an official name or the capital)."""
        return self.by_name.get(normalise_name(text))

    def states_in(self, name: str) -> frozenset[str]:
        """Return the states whose names or demonyms are words of a normalised ``name``.

        >>> sorted(state_index().states_in("iraqi news agency")), sorted(state_index().states_in("saudi arabia"))
        (['Iraq'], ['Saudi Arabia'])
        """
        words = name.split()
        found = set()
        for size in (1, 2, 3):
            for i in range(len(words) - size + 1):
                state = self.by_word.get(" ".join(words[i:i + size]))
                if state is not None:
                    found.add(state.name)
        return frozenset(found)


def _library_record(country) -> dict:
    """Return what is read of one countryinfo country: names, codes, capital, demonym, population."""
    return {"name": country.name(), "alt_spellings": country.alt_spellings(), "iso": country.iso(),
            "capital": country.capital(), "demonym": country.demonym(), "population": country.population()}


def _read_library() -> list[dict]:
    """Return the record of every countryinfo country, in the library's order."""
    from countryinfo import all_countries  # imported here: the shipped snapshot spares parsing its files

    return [_library_record(country) for country in all_countries()]


def library_countries() -> list[dict]:
    """Return the record of every country of the library: the shipped snapshot when it is the installed version's."""
    shipped = current_snapshot(COUNTRIES_FILE, "countryinfo")
    return shipped["countries"] if shipped is not None else _read_library()


def write_shipped_countries(path: Path = COUNTRIES_FILE) -> dict:
    """Write the records of the installed countryinfo to ``path``; return the snapshot.

    Run by ``python -m benchmarks.build_shipped_data`` when countryinfo changes
    (``tests/test_states.py`` fails until then).
    """
    return write_snapshot(path, "countryinfo", countries=_read_library())


def _english_names(country: dict, extra: dict) -> list[str]:
    """Return a country's names usable in English text: its name, Latin-script alternatives."""
    codes = set((country["iso"] or {}).values())
    names = [country["name"], *(country["alt_spellings"] or [])]
    names += extra.get("aliases", [])
    dropped = set(extra.get("drop", []))
    return [n for n in dict.fromkeys(names) if n and n not in codes and n not in dropped
            and n.isascii() and not (n.isupper() and len(n) <= MAX_CODE_LENGTH and n not in extra.get("aliases", []))
            and "," not in n]


def _state(country: dict, extra: dict) -> State:
    """Return the state of one library country with the corrections of ``states.yaml``.

    The library writes some demonyms together ("Bosnian,Herzegovinian",
    "Serbian/Montenegrin"): each is a demonym of its own.
    """
    capitals = extra.get("capitals", country["capital"])
    capitals = [c for c in (capitals if isinstance(capitals, list) else [capitals]) if c and c.isascii()]
    names = _english_names(country, extra) + capitals
    demonyms = [d.strip() for d in re.split(r"[,/]", country["demonym"] or "") + extra.get("demonyms", [])
                if d.strip() and d.strip() not in extra.get("drop", [])]
    return State(extra.get("name", country["name"]), tuple(dict.fromkeys(names)),
                 tuple(dict.fromkeys(demonyms)), capitals[0] if capitals else None, tuple(extra.get("seats", [])),
                 (country["iso"] or {}).get("alpha2"))


def _historical_state(name: str, extra: dict) -> State:
    """Return a state of the ``historical`` section of ``states.yaml`` (one the library lacks)."""
    capitals = extra.get("capitals", [])
    until = extra["until"]
    return State(name, tuple([name, *extra.get("aliases", []), *capitals]), tuple(extra.get("demonyms", [])),
                 capitals[0] if capitals else None, until=until if isinstance(until, dt.date) else
                 dt.date.fromisoformat(until), successor=extra["successor"], shared=tuple(extra.get("shared", [])))


def _add(index: StateIndex, state: State) -> None:
    """Add ``state`` to the index: a name or demonym that an earlier state has stays that state's."""
    index.states.append(state)
    for name in state.names:
        index.by_name.setdefault(normalise_name(name), state)
    for demonym in state.demonyms:
        index.by_demonym.setdefault(demonym, state)
    if state.code:
        index.by_code.setdefault(state.code, state)
    for word in [*state.names, *state.demonyms]:
        index.by_word.setdefault(normalise_name(word), state)


def _population(country: dict) -> int:
    """Return a library country's population (0 when the library has none)."""
    population = country["population"]
    return population if isinstance(population, int) else 0


@functools.lru_cache(maxsize=1)
def state_index() -> StateIndex:
    """Return the index of every state of the library (built once per process).

    Where several countries share a name or demonym ("American": the United States, the
    Northern Mariana Islands; "Indian": India, the British Indian Ocean Territory), the most
    populous one has it.
    """
    corrections = load_yaml(STATES_FILE.read_text(encoding="utf-8")) or {}
    fixes = corrections.get("states") or {}
    skipped = set(corrections.get("not_states") or [])
    index = StateIndex([])
    for country in sorted(library_countries(), key=_population, reverse=True):
        if country["name"] not in skipped:
            _add(index, _state(country, fixes.get(country["name"], {})))
    for name, extra in (corrections.get("historical") or {}).items():
        _add(index, _historical_state(name, extra))
    names = sorted({n for state in index.states for n in state.names}, key=len, reverse=True)
    index.regex = re.compile(rf"(?<![\w-])(?:{literal_alternation(names)})(?![\w-])")
    if elsewhere := corrections.get("elsewhere"):
        index.elsewhere = re.compile(rf"(?<![\w-])(?:{literal_alternation(elsewhere)})(?![\w-])")
    return index
