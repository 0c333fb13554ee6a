"""Mentions as the charts count them: registry actors, and the names the registry does not know.

The ``mentions`` table resolves a name to a registry actor where it can, and gives an
actor found in the text a discovered id (``d:...``); ``registered`` is false for both
kinds that the registry does not hold. A named entity with no id at all keeps
``actor_id`` empty and spaCy's label as its type; so that such names do not vanish from
the charts, :func:`actor_mentions` gives each a key of its own (its spelling, folded:
``name:ilse brandt``), a readable name and one of the registry's types.
"""

from __future__ import annotations

import re

import pandas as pd

from helpers.extract.names import is_discovered

#: spaCy's entity labels as actor types (see ``vocab.ACTOR_TYPES``).
LABEL_TYPES = {"PERSON": "person", "ORG": "organization", "NORP": "group", "GPE": "place", "LOC": "place",
               "FAC": "place"}
#: The prefix of the keys of names the registry does not know.
UNREGISTERED = "name:"
_LEADING_ARTICLE = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s$")


def name_key(text: object) -> str:
    """Return the key of an unregistered name: its spelling folded (case, articles, possessive, spaces).

    >>> name_key("The Civil  Protection Agency's")
    'name:civil protection agency'
    """
    folded = " ".join(str(text).split())
    folded = _POSSESSIVE.sub("", _LEADING_ARTICLE.sub("", folded))
    return UNREGISTERED + folded.casefold()


def actor_mentions(mentions: pd.DataFrame) -> pd.DataFrame:
    """Return ``mentions`` with every named mention keyed: ``actor_id``, ``actor_name``, ``actor_type``.

    Registry mentions keep their id, name and type. The others get :func:`name_key` as
    id, their most frequent spelling as name and their spaCy label mapped by
    :data:`LABEL_TYPES` as type. ``registered`` says which is which. Mentions with no
    text are dropped.
    """
    frame = mentions[mentions["text"].notna() & (mentions["text"].astype(str).str.strip() != "")].copy()
    has_id = frame["actor_id"].notna()
    discovered = frame["actor_id"].map(lambda i: isinstance(i, str) and is_discovered(i)).astype(bool)
    frame["registered"] = has_id & ~discovered
    if (~has_id).any():
        loose = frame.loc[~has_id]
        keys = loose["text"].map(name_key)
        spelling = loose.assign(key=keys).groupby("key")["text"].agg(lambda s: s.value_counts().index[0])
        frame.loc[~has_id, "actor_id"] = keys
        frame.loc[~has_id, "actor_name"] = keys.map(spelling)
        frame.loc[~has_id, "actor_type"] = loose["actor_type"].map(
            lambda label: LABEL_TYPES.get(str(label), str(label).lower()))
    return frame.reset_index(drop=True)
