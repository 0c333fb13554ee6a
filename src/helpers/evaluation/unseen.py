"""Score actors, quote speakers and figures against the unseen gold set (``tests/gold/unseen``).

The gold of that set names actors by their words, not only by registry id: an actor the
shipped registry lacks gets whatever id an extractor generates, so matching goes through
the text. The rules:

* **normalised text** (:func:`normalise_form`): lower case, typographic quotes made
  straight, a leading article ("the", "a", "an") and a trailing possessive ("'s", "'")
  dropped, runs of spaces folded.
* **actors**, per article: a predicted actor is a distinct ``actor_id`` of the
  ``mentions`` rows (or, for a mention with no id, its normalised text) whose
  ``actor_type`` is an actor type other than ``place``; a mention typed with a spaCy label
  counts as the type the label stands for (``PERSON`` person, ``ORG`` organization,
  ``NORP`` group), while ``GPE``, ``LOC`` and ``FAC`` say no more than "a place or a
  state" and do not count. A predicted actor matches a gold actor when its id is the
  gold ``registry_id``, or when the normalised text of one of its mentions in the
  article, or its ``actor_name``, equals the gold ``name`` or one of its ``forms``. Each
  gold actor is matched at most once (a maximum matching, so an actor the extractor split
  in two counts once and the other half as spurious). ``linked`` is the share of predicted
  actors that carry an ``actor_id``.
* **speakers**: quotes are found by :func:`helpers.evaluation.quotes.quote_key` (article and
  normalised first 25 characters). The predicted speaker of a found quote is its
  ``speaker_actor_id`` (that actor's mentions in the article and its name), or, with no
  id, its ``speaker`` phrase; it is right when it matches the gold speaker by the actor
  rule, or when the gold speaker is empty and the prediction names no actor of the
  article. ``right`` counts right speakers over all gold quotes.
* **figures**: :func:`helpers.evaluation.figures.evaluate` on ``figures.csv``.

Every score is given for the whole set and for each ``topic`` of ``documents.csv``. The
headline is not annotated: a prediction inside it (when the corpus reader kept the
headline as the body's first line) is not scored.
"""

from __future__ import annotations

import re
import tempfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from helpers.evaluation import figures
from helpers.evaluation.quotes import quote_key
from helpers.evaluation.scoring import prf, read_gold
from helpers.vocab import ACTOR_TYPES

#: The vocabulary type a spaCy label written as ``actor_type`` stands for.
LABEL_TYPES = {"PERSON": "person", "ORG": "organization", "NORP": "group"}
#: Types that make a mention an actor mention.
ACTOR_MENTION_TYPES = frozenset(ACTOR_TYPES) - {"place"}
#: Columns of the score table.
SCORE_COLUMNS = ["topic", "table", "level", "precision", "recall", "f1", "share", "n_predicted", "n_gold",
                 "missed", "spurious"]
ALL = "all"
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


def normalise_form(text: object) -> str:
    """Return a surface form normalised for matching (see the module docstring).

    >>> normalise_form("the  Hamas’s")
    'hamas'
    >>> normalise_form("Israelis'"), normalise_form(None), normalise_form("A U.N. official")
    ('israelis', '', 'u.n. official')
    """
    if text is None or (isinstance(text, float) and pd.isna(text)) or text is pd.NA:
        return ""
    text = re.sub(r"\s+", " ", str(text).translate(_QUOTES)).strip().lower()
    text = re.sub(r"^(?:the|a|an) ", "", text)
    return re.sub(r"'s?$", "", text)


# --- actors --------------------------------------------------------------------------------

@dataclass
class GoldActor:
    """One row of ``actors.csv``: its name, registry id and normalised forms."""

    name: str
    registry_id: str
    forms: frozenset[str]


@dataclass
class PredictedActor:
    """One predicted actor of an article: its id (or None) and normalised texts."""

    key: str
    actor_id: str | None
    texts: set[str] = field(default_factory=set)


def gold_actors(rows: pd.DataFrame) -> list[GoldActor]:
    """Return the gold actors of ``actors.csv`` rows (one article)."""
    return [GoldActor(r.name, r.registry_id, frozenset(
        normalise_form(f) for f in [r.name, *r.forms.split("|")] if f.strip())) for r in rows.itertuples()]


def is_actor_mention(actor_type: object) -> bool:
    """Say whether a mention's ``actor_type`` makes it an actor mention.

    >>> [is_actor_mention(t) for t in ("state", "place", "PERSON", "GPE", None)]
    [True, False, True, False, False]
    """
    if not isinstance(actor_type, str):
        return False
    return LABEL_TYPES.get(actor_type, actor_type) in ACTOR_MENTION_TYPES


def predicted_actors(mentions: pd.DataFrame) -> list[PredictedActor]:
    """Return the distinct predicted actors of one article's ``mentions`` rows."""
    found: dict[str, PredictedActor] = {}
    for row in mentions.itertuples():
        if not is_actor_mention(row.actor_type):
            continue
        actor_id = row.actor_id if isinstance(row.actor_id, str) and row.actor_id else None
        key = actor_id or f"text:{normalise_form(row.text)}"
        actor = found.setdefault(key, PredictedActor(key, actor_id))
        actor.texts.update(t for t in (normalise_form(row.text), normalise_form(row.actor_name)) if t)
    return list(found.values())


def same_actor(actor_id: str | None, texts: Iterable[str], gold: GoldActor) -> bool:
    """Say whether a prediction (id and normalised texts) names ``gold``.

    >>> g = GoldActor("Yasser Arafat", "", frozenset({"yasser arafat", "arafat"}))
    >>> same_actor(None, {"arafat"}, g), same_actor("plo", {"plo"}, g)
    (True, False)
    """
    if actor_id and gold.registry_id and actor_id == gold.registry_id:
        return True
    return not gold.forms.isdisjoint(texts)


def maximum_matching(edges: dict[str, list[int]]) -> dict[str, int]:
    """Return a maximum matching of predicted keys to gold indexes (augmenting paths).

    >>> maximum_matching({"a": [0, 1], "b": [0]})
    {'b': 0, 'a': 1}
    """
    owner: dict[int, str] = {}

    def augment(key: str, seen: set[int]) -> bool:
        for gold in edges[key]:
            if gold not in seen:
                seen.add(gold)
                if gold not in owner or augment(owner[gold], seen):
                    owner[gold] = key
                    return True
        return False

    for key in edges:
        augment(key, set())
    return {key: gold for gold, key in owner.items()}


def match_article(predicted: list[PredictedActor], gold: list[GoldActor]) -> dict[str, int]:
    """Return the predicted actors of an article matched to gold actors (key -> gold index)."""
    edges = {p.key: [i for i, g in enumerate(gold) if same_actor(p.actor_id, p.texts, g)] for p in predicted}
    return maximum_matching(edges)


def score_actors(mentions: pd.DataFrame, gold: pd.DataFrame) -> list[dict]:
    """Return the ``actors`` rows (detection and linked share) over the articles of ``gold``."""
    predicted_items, gold_items, linked = set(), set(), 0
    errors: Counter[str] = Counter()
    for article_id, rows in gold.groupby("article_id"):
        actors_gold = gold_actors(rows)
        article_mentions = mentions[mentions["article_id"] == article_id]
        predicted = predicted_actors(article_mentions)
        matched = match_article(predicted, actors_gold)
        gold_items |= {(article_id, g.name) for g in actors_gold}
        predicted_items |= {(article_id, actors_gold[matched[p.key]].name) if p.key in matched
                            else (article_id, f"predicted {p.key}") for p in predicted}
        linked += sum(p.actor_id is not None for p in predicted)
        errors.update(_actor_errors(rows, set(matched.values()), predicted, set(matched), article_mentions))
    return [prf(predicted_items, gold_items, "actors", "detection"),
            _share("actors", "linked", linked, len(predicted_items)),
            *(_share("actors", level, errors[level], len(gold_items)) for level in sorted(errors))]


def _actor_errors(rows: pd.DataFrame, matched_gold: set[int], predicted: list[PredictedActor],
                  matched_keys: set[str], mentions: pd.DataFrame) -> Counter[str]:
    """Count an article's missed gold actors by their gold type and spurious ones by predicted type.

    Counts only: they show no gold. Levels are ``missed: <type>`` and ``spurious: <type>``.
    """
    errors = Counter(f"missed: {kind}" for i, kind in enumerate(rows["type"]) if i not in matched_gold)
    kinds = {}
    for row in mentions.itertuples():
        key = row.actor_id if isinstance(row.actor_id, str) and row.actor_id else f"text:{normalise_form(row.text)}"
        kinds.setdefault(key, LABEL_TYPES.get(row.actor_type, row.actor_type))
    errors.update(f"spurious: {kinds.get(p.key)}" for p in predicted if p.key not in matched_keys)
    return errors


def _share(table: str, level: str, part: int, whole: int) -> dict:
    """Return a score row that is a share (``part`` of ``whole``)."""
    return {"table": table, "level": level, "share": round(part / whole, 4) if whole else None,
            "n_predicted": part, "n_gold": whole, "missed": [], "spurious": []}


# --- speakers --------------------------------------------------------------------------------

def _actor_texts(mentions: pd.DataFrame) -> dict[str, set[str]]:
    """Return the normalised texts (mentions and name) of each actor id in ``mentions``."""
    texts: dict[str, set[str]] = {}
    for row in mentions[mentions["actor_id"].notna()].itertuples():
        texts.setdefault(row.actor_id, set()).update(
            t for t in (normalise_form(row.text), normalise_form(row.actor_name)) if t)
    return texts


def speaker_right(actor_id: str | None, phrase: str | None, gold_speaker: str,
                  actors_gold: list[GoldActor], texts: dict[str, set[str]]) -> bool:
    """Say whether a predicted speaker (actor id, else phrase) is the gold speaker.

    ``texts`` holds the normalised mention texts of each actor id in the article.

    >>> gold = [GoldActor("Alexander Lebed", "", frozenset({"alexander lebed", "lebed"}))]
    >>> speaker_right(None, "Lebed", "Alexander Lebed", gold, {})
    True
    >>> speaker_right("x1", "he", "Alexander Lebed", gold, {"x1": {"lebed"}})
    True
    >>> speaker_right(None, "an Israeli soldier", "", gold, {}), speaker_right(None, "Lebed", "", gold, {})
    (True, False)
    """
    said = texts.get(actor_id, set()) if actor_id else {normalise_form(phrase)}
    named = [g.name for g in actors_gold if same_actor(actor_id, said - {""}, g)]
    if not gold_speaker:
        return not actor_id and not named
    return gold_speaker in named


def score_speakers(tables: dict[str, pd.DataFrame], gold: pd.DataFrame, actors: pd.DataFrame) -> list[dict]:
    """Return the ``quotes`` rows: detection (all, direct, reported) and right speakers."""
    articles = set(gold["article_id"])
    predicted = {(r.article_id, quote_key(r.text)): r for r in tables["quotes"].itertuples(index=False)
                 if r.article_id in articles}
    keyed = {(r.article_id, quote_key(r.quote_start)): r for r in gold.itertuples()}
    rows = [prf(set(predicted), set(keyed), "quotes", "detection")]
    for kind in ("direct", "reported"):
        subset = {k for k, r in keyed.items() if r.kind == kind}
        rows.append({**prf(set(predicted) & subset, subset, "quotes", f"detection {kind}"),
                     "precision": None, "f1": None})
    mentions = tables["mentions"]
    wrong = []
    causes: Counter[str] = Counter()
    for (article_id, key), row in keyed.items():
        found = predicted.get((article_id, key))
        if found is None:
            causes["quote not found"] += 1
            continue
        actor_id = found.speaker_actor_id if isinstance(found.speaker_actor_id, str) else None
        article_actors = gold_actors(actors[actors["article_id"] == article_id])
        texts = _actor_texts(mentions[mentions["article_id"] == article_id])
        if not speaker_right(actor_id, found.speaker, row.speaker, article_actors, texts):
            causes[speaker_error(actor_id, found.speaker, row.speaker, article_actors, texts)] += 1
            wrong.append(f"{article_id} {key!r}: gold {row.speaker!r}, predicted {found.speaker!r} ({actor_id})")
    right = sum(k in predicted for k in keyed) - len(wrong)
    rows.append({**_share("quotes", "speaker right", right, len(keyed)), "missed": sorted(wrong)})
    rows.extend(_share("quotes", f"speaker wrong: {cause}", causes[cause], len(keyed)) for cause in SPEAKER_ERRORS)
    return rows


#: Personal pronouns a speaker phrase may be alone (the scorer keeps its own list, apart from the extractors').
SPEAKER_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you"})

#: Why a gold quote's speaker was not right, from :func:`speaker_error` (counts only: they show no gold).
SPEAKER_ERRORS = ("quote not found", "no speaker given", "pronoun left unresolved", "description left unlinked",
                  "name left unlinked", "speaker where the gold has none", "another actor of the article",
                  "no actor of the article")


def _holds_a_name(phrase: str) -> bool:
    """Say whether a speaker phrase holds a capitalised word after its first ("the Iraqi News Agency").

    >>> _holds_a_name("A military spokesman"), _holds_a_name("the official Iraqi news agency")
    (False, True)
    """
    return any(word[:1].isupper() for word in phrase.split()[1:])


def speaker_error(actor_id: str | None, phrase: str | None, gold_speaker: str,
                  actors_gold: list[GoldActor], texts: dict[str, set[str]]) -> str:
    """Return why a wrong predicted speaker is wrong, as one of :data:`SPEAKER_ERRORS`.

    >>> gold = [GoldActor("Alexander Lebed", "", frozenset({"lebed"})), GoldActor("Russia", "", frozenset({"russia"}))]
    >>> speaker_error(None, "he", "Alexander Lebed", gold, {})
    'pronoun left unresolved'
    >>> speaker_error("x1", "Moscow", "Lebed", gold, {"x1": {"russia"}})
    'another actor of the article'
    """
    said = texts.get(actor_id, set()) if actor_id else {normalise_form(phrase)}
    if not gold_speaker:
        return "speaker where the gold has none"
    if not actor_id and not normalise_form(phrase):
        return "no speaker given"
    if any(same_actor(actor_id, said - {""}, g) for g in actors_gold):
        return "another actor of the article"
    if not actor_id:
        if normalise_form(phrase) in SPEAKER_PRONOUNS:
            return "pronoun left unresolved"
        return "name left unlinked" if _holds_a_name(str(phrase)) else "description left unlinked"
    return "no actor of the article"


# --- figures and the whole table ----------------------------------------------------------------

def score_figures(tables: dict[str, pd.DataFrame], gold: pd.DataFrame) -> list[dict]:
    """Return :func:`helpers.evaluation.figures.evaluate` on the gold figures of some articles."""
    with tempfile.TemporaryDirectory(prefix="unseen-figures-") as folder:
        gold.to_csv(Path(folder) / "figures.csv", index=False)
        rows = figures.evaluate(tables, Path(folder))
        found = next((r["n_gold"] for r in rows if r["level"] == "source"), 0)
        causes = figures.source_errors(tables, Path(folder))
    return rows + [_share("figures", f"source wrong: {cause}", causes[cause], found) for cause in causes]


def without_headlines(tables: dict[str, pd.DataFrame], documents: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Drop the predicted mentions, quotes and figures that lie in an article's headline.

    The corpus reader keeps a headline it does not recognise as the body's first line;
    the gold does not annotate headlines.
    """
    headlines = dict(zip(documents["article_id"], documents["headline"], strict=True))
    bodies = dict(zip(tables["articles"]["article_id"], tables["articles"]["body"], strict=True))
    cut = {a: len(h) for a, h in headlines.items() if str(bodies.get(a, "")).startswith(h)}
    kept = dict(tables)
    for name in ("mentions", "quotes", "figures"):
        frame = tables[name]
        limit = frame["article_id"].map(cut).fillna(0)
        kept[name] = frame[frame["start_char"] >= limit]
    return kept


def _topic_rows(tables: dict[str, pd.DataFrame], gold: dict[str, pd.DataFrame], topic: str) -> list[dict]:
    """Return every score row of one topic (``gold`` holds that topic's rows only)."""
    rows = [*score_actors(tables["mentions"], gold["actors"]),
            *score_speakers(tables, gold["quotes"], gold["actors"]),
            *score_figures(tables, gold["figures"])]
    return [{**row, "topic": topic} for row in rows]


def evaluate_unseen(tables: dict[str, pd.DataFrame], gold_dir: str | Path) -> pd.DataFrame:
    """Return the scores of ``tables`` against the unseen gold set, overall and by topic.

    A row is either a precision/recall/F1 score (:func:`~helpers.evaluation.scoring.prf`)
    or a share (``linked``, ``speaker right``): ``share`` with its part in ``n_predicted``
    and its whole in ``n_gold``.
    """
    gold_dir = Path(gold_dir)
    documents = read_gold(gold_dir, "documents.csv")
    gold = {name: read_gold(gold_dir, f"{name}.csv") for name in ("actors", "quotes", "figures")}
    tables = without_headlines(tables, documents)
    rows = _topic_rows(tables, gold, ALL)
    for topic, articles in documents.groupby("topic")["article_id"]:
        subset = {name: frame[frame["article_id"].isin(set(articles))] for name, frame in gold.items()}
        rows.extend(_topic_rows(tables, subset, topic))
    return pd.DataFrame(rows, columns=SCORE_COLUMNS)
