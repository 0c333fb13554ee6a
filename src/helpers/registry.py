"""The actor registry: canonical actors, their aliases, types and roles (YAML data).

Interface used by the pipeline (keep it): ``load_registry(path | None) -> Registry``,
``Registry.fingerprint() -> str`` and ``Registry.actor_rows() -> list[dict]`` with the
columns of the ``actors`` table.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from helpers.paths import DEFAULT_REGISTRY


@dataclass
class Actor:
    """One canonical actor."""

    actor_id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    affiliation: str | None = None
    country: str | None = None


@dataclass
class Registry:
    """All actors of a registry file."""

    actors: dict[str, Actor]
    source_text: str = ""

    def fingerprint(self) -> str:
        """Return a hash of the registry's content."""
        return hashlib.sha256(self.source_text.encode()).hexdigest()[:16]

    def actor_rows(self) -> list[dict]:
        """Return the rows of the ``actors`` table."""
        return [
            {"actor_id": a.actor_id, "name": a.name, "type": a.type, "aliases": list(a.aliases),
             "affiliation": a.affiliation, "country": a.country}
            for a in self.actors.values()
        ]


def load_registry(path: str | Path | None = None) -> Registry:
    """Load a registry YAML file (default: the one shipped in the package)."""
    path = Path(path) if path else DEFAULT_REGISTRY
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    data = yaml.safe_load(text) or {}
    actors = {}
    for entry in data.get("actors", []):
        actor = Actor(entry["id"], entry["name"], entry["type"], entry.get("aliases", []),
                      entry.get("affiliation"), entry.get("country"))
        actors[actor.actor_id] = actor
    return Registry(actors, text)
