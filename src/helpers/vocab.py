"""The closed vocabularies of the tables, each defined once (see DATA_MODEL.md).

Extractors write these values and analyses and charts read them; neither defines
its own copy.
"""

from __future__ import annotations

#: ``actors.type``: what kind of actor a registry entry or a mention is.
ACTOR_TYPES = ("person", "organization", "armed_group", "state", "government_body", "media",
               "place", "group")

#: ``figures.kind``: what a number counts.
FIGURE_KINDS = ("killed", "injured", "hostages", "arrested", "displaced", "rockets", "attacks",
                "funding", "other")
#: Figure kinds that count people (casualties in the broad sense).
PEOPLE_KINDS = ("killed", "injured", "hostages", "arrested", "displaced")

#: ``figures.qualifier``: how the words bound a number.
QUALIFIERS = ("exact", "about", "at_least", "more_than", "at_most", "less_than", "vague")
#: Qualifiers of an open-ended figure, which states its low end ("at least 1,400": 1,400 and up).
LOWER_BOUNDS = ("at_least", "more_than")
#: Qualifiers of a figure that states its high end ("up to 300": 0 to 300).
UPPER_BOUNDS = ("at_most", "less_than")

#: ``events.event_type``, in the order charts list them.
EVENT_TYPES = ("call", "meeting", "visit", "statement", "praise", "threat", "protest", "attack",
               "funding_or_arms", "casualties", "other")

#: ``timexes.granularity``, finest first.
GRANULARITIES = ("day", "week", "month", "season", "quarter", "year", "decade", "century")

#: ``casualties.grammar``: how a casualty sentence's main word is built (see helpers.extract.casualties).
GRAMMARS = ("active", "passive_agent", "passive", "intransitive", "nominal")
