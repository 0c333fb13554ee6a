"""The actor registry: canonical actors, their aliases, types and roles (YAML data).

Interface used by the pipeline (keep it): ``load_registry(path | None) -> Registry``,
``Registry.fingerprint() -> str`` and ``Registry.actor_rows() -> list[dict]`` with the
columns of the ``actors`` table.

The file format is documented at the top of ``helpers/data/actors.yaml``. A file
without an ``actors:`` key (an empty file, a typo such as ``actor:``, any other YAML
file), a file that is not valid YAML, or an entry that lacks a required field or has a
wrong value raises :class:`RegistryError` naming the file and the entry. An explicitly
empty registry, ``actors: []``, is allowed: every actor is then found in the text.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from helpers.files import load_yaml
from helpers.paths import DEFAULT_REGISTRY
from helpers.vocab import ACTOR_TYPES

REQUIRED_FIELDS = ("id", "name", "type")
KNOWN_FIELDS = {"id", "name", "type", "aliases", "demonyms", "affiliation", "country", "roles"}


class RegistryError(ValueError):
    """A registry file that cannot be used; the message names the file and the entry."""


@dataclass(frozen=True)
class Role:
    """An office held by an actor between two dates (``end`` None = still held)."""

    title: str
    organisation: str
    start: dt.date | None = None
    end: dt.date | None = None

    def held_on(self, day: dt.date) -> bool:
        """Return True if the role was held on ``day`` (start inclusive, end exclusive)."""
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass
class Actor:
    """One canonical actor."""

    actor_id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    affiliation: str | None = None
    country: str | None = None
    demonyms: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)

    def names(self) -> list[str]:
        """Return the canonical name followed by the aliases, without duplicates."""
        return list(dict.fromkeys([self.name, *self.aliases]))


@functools.lru_cache(maxsize=16)
def _content_hash(text: str) -> str:
    """Return the short SHA-256 of ``text``."""
    return hashlib.sha256(text.encode()).hexdigest()[:16]


@dataclass
class Registry:
    """All actors of a registry file, and the words that name their roles."""

    actors: dict[str, Actor]
    source_text: str = ""
    role_terms: dict[str, list[str]] = field(default_factory=dict)
    path: str = ""

    def fingerprint(self) -> str:
        """Return a hash of the registry's content (computed once per content: it is asked per article)."""
        return _content_hash(self.source_text)

    def actor_rows(self) -> list[dict]:
        """Return the rows of the ``actors`` table (``origin`` ``registry``)."""
        return [
            {"actor_id": a.actor_id, "name": a.name, "type": a.type, "aliases": list(a.aliases),
             "affiliation": a.affiliation, "country": a.country, "origin": "registry",
             "merged_from": [], "merge_reasons": []}
            for a in self.actors.values()
        ]

    def role_rows(self) -> list[dict]:
        """Return one row per role held: ``actor_id, title, organisation, start, end``."""
        return [
            {"actor_id": a.actor_id, "title": r.title, "organisation": r.organisation,
             "start": r.start, "end": r.end}
            for a in self.actors.values() for r in a.roles
        ]

    def holders(self, titles: list[str], organisation: str, day: dt.date) -> list[Actor]:
        """Return the actors holding one of ``titles`` for ``organisation`` on ``day``."""
        wanted = set(titles)
        return [a for a in self.actors.values()
                if any(r.title in wanted and r.organisation == organisation and r.held_on(day) for r in a.roles)]


def _as_date(value: object, where: str) -> dt.date | None:
    """Return a YAML date value as a ``date`` (None for empty); raise on anything else."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise RegistryError(f"{where}: date {value!r} is not YYYY-MM-DD") from exc


def _str_list(value: object, where: str, name: str) -> list[str]:
    """Return a YAML list of strings; raise if it is something else."""
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) for v in value):
        raise RegistryError(f"{where}: '{name}' must be a list of names")
    return [str(v) for v in value]


def _parse_role(raw: object, where: str) -> Role:
    """Return one role of an entry."""
    if not isinstance(raw, dict) or not raw.get("title") or not raw.get("organisation"):
        raise RegistryError(f"{where}: each role needs 'title' and 'organisation'")
    start, end = _as_date(raw.get("start"), where), _as_date(raw.get("end"), where)
    if start and end and end < start:
        raise RegistryError(f"{where}: role {raw['title']!r} ends before it starts")
    return Role(str(raw["title"]).lower(), str(raw["organisation"]), start, end)


def _parse_actor(entry: object, index: int, path: str) -> Actor:
    """Return the actor of one registry entry, or raise naming the entry."""
    label = entry.get("id") if isinstance(entry, dict) else None
    where = f"{path}: actor entry #{index + 1}" + (f" (id {label!r})" if label else "")
    if not isinstance(entry, dict):
        raise RegistryError(f"{where}: expected a mapping with id, name and type, got {entry!r}")
    missing = [f for f in REQUIRED_FIELDS if not entry.get(f)]
    if missing:
        raise RegistryError(f"{where}: missing required field(s) {', '.join(missing)}")
    unknown = set(entry) - KNOWN_FIELDS
    if unknown:
        raise RegistryError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    if entry["type"] not in ACTOR_TYPES:
        raise RegistryError(f"{where}: type {entry['type']!r} is not one of {', '.join(ACTOR_TYPES)}")
    roles = entry.get("roles") or []
    if not isinstance(roles, list):
        raise RegistryError(f"{where}: 'roles' must be a list")
    return Actor(
        str(entry["id"]), str(entry["name"]), entry["type"],
        _str_list(entry.get("aliases"), where, "aliases"),
        entry.get("affiliation"), entry.get("country"),
        _str_list(entry.get("demonyms"), where, "demonyms"),
        [_parse_role(r, where) for r in roles],
    )


def _check_references(actors: dict[str, Actor], path: str) -> None:
    """Raise if an affiliation, country or role organisation names an unknown actor."""
    for actor in actors.values():
        refs = [("affiliation", actor.affiliation), ("country", actor.country)]
        refs += [("role organisation", r.organisation) for r in actor.roles]
        for what, ref in refs:
            if ref and ref not in actors:
                raise RegistryError(f"{path}: actor {actor.actor_id!r}: {what} {ref!r} is not an actor id")


def _parse_role_terms(raw: object, path: str) -> dict[str, list[str]]:
    """Return the role-term table (phrase -> role titles)."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise RegistryError(f"{path}: 'role_terms' must map phrases to lists of role titles")
    return {str(k).lower(): [t.lower() for t in _str_list(v, f"{path}: role_terms {k!r}", "titles")]
            for k, v in raw.items()}


def parse_registry(text: str, path: str = "<string>") -> Registry:
    """Return the registry described by YAML ``text`` (``path`` is used in messages)."""
    try:
        data = load_yaml(text)
    except yaml.YAMLError as exc:
        raise RegistryError(f"{path}: not valid YAML: {exc}") from exc
    except ValueError as exc:  # a date-like scalar that is not a date, e.g. 2020-13-01
        raise RegistryError(f"{path}: a value is not YYYY-MM-DD: {exc}") from exc
    if not isinstance(data, dict) or "actors" not in data:
        found = f"top-level keys {', '.join(map(repr, data))}" if isinstance(data, dict) else (
            "an empty file" if data is None else f"a {type(data).__name__}")
        raise RegistryError(f"{path}: not an actor registry: no 'actors:' key at the top level (found "
                            f"{found}). Write 'actors: []' for an empty registry")
    entries = data.get("actors") or []
    if not isinstance(entries, list):
        raise RegistryError(f"{path}: 'actors' must be a list of entries")
    actors: dict[str, Actor] = {}
    for index, entry in enumerate(entries):
        actor = _parse_actor(entry, index, path)
        if actor.actor_id in actors:
            raise RegistryError(f"{path}: actor entry #{index + 1}: duplicate id {actor.actor_id!r}")
        actors[actor.actor_id] = actor
    _check_references(actors, path)
    return Registry(actors, text, _parse_role_terms(data.get("role_terms"), path), path)


def load_registry(path: str | Path | None = None) -> Registry:
    """Load a registry YAML file (default: the one shipped in the package).

    A path that does not exist raises ``FileNotFoundError``; an invalid file (one
    without an ``actors:`` key included) raises :class:`RegistryError`.
    """
    path = Path(path) if path else DEFAULT_REGISTRY
    if not path.exists():
        raise FileNotFoundError(f"{path}: actor registry file does not exist")
    return parse_registry(path.read_text(encoding="utf-8"), str(path))
