"""Candidate registry entries from a corpus's discovered actors, ready to review and add.

``python -m helpers actors suggest CORPUS`` extracts the corpus (or reads its cached
tables) and writes, for each discovered actor named often enough, an entry in the
registry's own format (``id``, ``name``, ``type``, ``aliases``) preceded by comments
giving how often and in how many articles it was named, the merges behind it and two
example sentences. The output is valid registry YAML: review it, delete what is wrong,
and append the entries to the ``actors:`` list of a registry file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd
import yaml

#: Actors named fewer times than this are not suggested.
MIN_MENTIONS = 2
EXAMPLES = 2
MAX_EXAMPLE_CHARS = 240


@dataclass
class Suggestion:
    """One candidate registry entry and the evidence for it."""

    actor_id: str
    name: str
    type: str
    aliases: list[str]
    mentions: int
    articles: int
    merges: list[str] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)

    def entry(self) -> dict:
        """Return the registry entry (the fields the registry reads)."""
        entry = {"id": registry_id(self.actor_id), "name": self.name, "type": self.type}
        if self.aliases:
            entry["aliases"] = self.aliases
        return entry


def registry_id(actor_id: str) -> str:
    """Return a registry id for a discovered id (without its prefix).

    >>> registry_id("d:organisation_of_islamic_cooperation")
    'organisation_of_islamic_cooperation'
    """
    return actor_id.split(":", 1)[-1]


def _examples(rows: pd.DataFrame, sentences: pd.DataFrame) -> list[str]:
    """Return up to two sentences naming an actor, from different articles when possible."""
    picked = rows.drop_duplicates("article_id").head(EXAMPLES)
    if len(picked) < EXAMPLES:
        picked = rows.drop_duplicates(["article_id", "sentence_id"]).head(EXAMPLES)
    out = []
    for row in picked.itertuples():
        text = sentences.get((row.article_id, row.sentence_id), "")
        text = " ".join(str(text).split())
        if len(text) > MAX_EXAMPLE_CHARS:
            text = text[:MAX_EXAMPLE_CHARS - 1].rstrip() + "…"
        out.append(f"{text} ({row.article_id}, sentence {row.sentence_id})")
    return out


def suggest(tables: dict[str, pd.DataFrame], min_mentions: int = MIN_MENTIONS) -> list[Suggestion]:
    """Return the discovered actors named at least ``min_mentions`` times, most widely named first."""
    actors, mentions = tables["actors"], tables["mentions"]
    discovered = actors[actors["origin"] == "discovered"].set_index("actor_id")
    sentences = tables["sentences"].set_index(["article_id", "sentence_id"])["text"].to_dict()
    found = mentions[mentions["actor_id"].isin(discovered.index)]
    out = []
    for actor_id, rows in found.groupby("actor_id", sort=True):
        if len(rows) < min_mentions:
            continue
        actor = discovered.loc[actor_id]
        aliases = sorted(set(rows["text"]) - {actor["name"]})
        out.append(Suggestion(actor_id, actor["name"], actor["type"], aliases, len(rows),
                              rows["article_id"].nunique(), list(actor["merge_reasons"]),
                              _examples(rows, sentences)))
    return sorted(out, key=lambda s: (-s.articles, -s.mentions, s.name))


def _comment(text: str) -> str:
    """Return ``text`` as one YAML comment line."""
    return "    # " + re.sub(r"\s+", " ", text)


def suggestions_yaml(suggestions: list[Suggestion], corpus: str = "") -> str:
    """Return the suggestions as registry YAML, with the evidence of each as comments."""
    lines = [f"# Actors found in {corpus or 'the corpus'} that the registry does not know, "
             "most widely named first.",
             "# Review each entry (id, name, type, aliases), delete the wrong ones, and add the rest",
             "# to the 'actors:' list of your registry (then pass it with --registry).",
             "actors:"]
    if not suggestions:
        lines[-1] = "actors: []"
    for s in suggestions:
        lines.append(_comment(f"{s.mentions} mention(s) in {s.articles} article(s)"))
        lines.extend(_comment(f"merged: {m}") for m in s.merges)
        lines.extend(_comment(f"e.g. {e}") for e in s.examples)
        dumped = yaml.safe_dump([s.entry()], allow_unicode=True, sort_keys=False, width=1000)
        lines.extend("  " + line for line in dumped.rstrip("\n").splitlines())
    return "\n".join(lines) + "\n"
