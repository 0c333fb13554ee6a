"""Coverage and framing of casualties: how often and in what words each outlet reports each side's dead.

Reads the ``casualties`` and ``descriptors`` tables (see :mod:`helpers.extract.casualties`
and :mod:`helpers.extract.descriptors`) with the sentences and articles, and computes,
per outlet and per side of the victims:

* :func:`casualty_sentences`: one row per casualty sentence with its outlet, day, the
  victims' sides (the model's where it labelled the sentence, else the rules'; ``label_by``
  says which), whether it is agentless, attributed and emotive;
* :func:`framing_shares`: the share of agentless, attributed and emotive sentences;
* :func:`mentions_by_day` and :func:`mentions_per_thousand`: mentions over time, and
  per thousand deaths of a reference series, where one is given;
* :func:`attribution_wording`: how attributions are worded ("the Hamas-run health ministry");
* :func:`actor_descriptors`: the descriptors each outlet uses for each actor.

Each function accepts a corpus without casualty sentences (or descriptors) and returns an
empty frame with its usual columns; :func:`summary_sentences`, :func:`no_mentions_sentence`
and :func:`no_rates_sentence` say in words what a notebook shows, or why it shows nothing.

Every row keeps the ``article_id``, ``sentence_id`` and the sentence, so each count can
be read back to its sentences. The emotive words are a documented list a user can
replace (:data:`EMOTIVE_WORDS`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from helpers.extract.names import actor_key
from helpers.extract.parties import PartyIndex
from helpers.extract.registry import Registry, load_registry
from helpers.extract.states import state_index
from helpers.paths import DATA_DIR

EMOTIVE_WORDS = DATA_DIR / "emotive_words.txt"
#: The side of a sentence whose victims the rules and the model could not place.
UNPLACED = "(victims not placed)"


def load_emotive_words(path: str | Path | None = None) -> list[str]:
    """Return the emotive words of a list file: one word a line, ``#`` starts a comment.

    >>> "massacre" in load_emotive_words()
    True
    """
    path = Path(path or EMOTIVE_WORDS)
    words = [line.split("#", 1)[0].strip().lower() for line in path.read_text(encoding="utf-8").splitlines()]
    words = [w for w in words if w]
    if not words:
        raise ValueError(f"{path}: no emotive word in the file; write one word a line")
    return words


def emotive_pattern(words: list[str]) -> re.Pattern:
    """Return a pattern matching each word and its longer forms ("massacre", "massacred").

    >>> emotive_pattern(["slaughter"]).findall("They were Slaughtered.")
    ['Slaughtered']
    """
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")\w*",
                      re.IGNORECASE)


def _parties(model: object, rules: object) -> tuple[list[str], str]:
    """Return the parties of a row (the model's where it labelled the row) and who labelled it."""
    if model is not None:
        return [str(p) for p in model], "model"
    return ([str(p) for p in rules] if rules is not None else []), "rules"


def party_namer(registry: Registry, actors: pd.DataFrame) -> Callable[[str], str]:
    """Return a function naming a party: its registry name, else a state's or a corpus actor's name, else its id.

    A side may be a state the registry does not hold (``d:canada``, from "Canadians") or an actor
    discovered in the corpus, which only the ``actors`` table names.
    """
    index = PartyIndex.build(registry)
    names = {actor_key(state.name): state.name for state in state_index().states}
    if "name" in actors:
        names.update(zip(actors["actor_id"], actors["name"], strict=True))

    def name(party: str) -> str:
        known = index.name(party)
        return names.get(party, party) if known == party else known
    return name


def casualty_sentences(tables: dict[str, pd.DataFrame], emotive_words: list[str] | None = None,
                       registry_path: str | Path | None = None, use_model: bool = True) -> pd.DataFrame:
    """Return one row per casualty sentence with outlet, day, sides, responsibility and framing flags.

    ``use_model`` False leaves out the classifier's labels: sides and responsibility from the rules alone.
    """
    casualties = tables["casualties"]
    if not use_model:
        casualties = casualties.assign(model_victim_sides=None, model_responsible=None)
    sentences = tables["sentences"][["article_id", "sentence_id", "text"]].rename(columns={"text": "sentence"})
    articles = tables["articles"][["article_id", "outlet", "published"]]
    frame = casualties.merge(sentences, on=["article_id", "sentence_id"], how="left")
    frame = frame.merge(articles, on="article_id", how="left")
    victims = [_parties(m, r) for m, r in zip(frame["model_victim_sides"], frame["victim_sides"], strict=True)]
    responsible = [_parties(m, r)[0] for m, r in zip(frame["model_responsible"], frame["responsible"], strict=True)]
    name = party_namer(load_registry(registry_path), tables["actors"])
    pattern = emotive_pattern(emotive_words or load_emotive_words())
    return frame.assign(
        outlet=frame["outlet"].fillna("(no outlet)"),
        day=pd.to_datetime(frame["published"]),
        sides=[v[0] for v in victims], label_by=[v[1] for v in victims],
        side_names=[[name(p) for p in v[0]] for v in victims],
        side=[" and ".join(name(p) for p in v[0]) or UNPLACED for v in victims],
        responsible_parties=responsible,
        held_responsible=[" and ".join(name(p) for p in r) or "(no one)" for r in responsible],
        agentless=frame["agent"].isna(),
        attributed=frame["attribution"].notna(),
        emotive=[", ".join(m.lower() for m in pattern.findall(str(s))) for s in frame["sentence"]],
    )


def within_dates(frame: pd.DataFrame, date_from: str = "", date_to: str = "") -> pd.DataFrame:
    """Return the rows whose article was published between two ISO dates (empty: no limit)."""
    keep = pd.Series(True, index=frame.index)
    if date_from:
        keep &= frame["day"] >= pd.Timestamp(date_from)
    if date_to:
        keep &= frame["day"] <= pd.Timestamp(date_to)
    return frame[keep]


def party_names(deaths: pd.DataFrame | None, registry_path: str | Path | None = None) -> dict[str, str]:
    """Return the display names of the parties of a reference-deaths table."""
    if deaths is None:
        return {}
    index = PartyIndex.build(load_registry(registry_path))
    return {party: index.name(party) for party in deaths["party"].unique()}


def most_described(tables: dict[str, pd.DataFrame], count: int = 3) -> list[str]:
    """Return the ids of the ``count`` actors with the most descriptors."""
    return tables["descriptors"]["actor_id"].value_counts().head(count).index.tolist()


def by_side(frame: pd.DataFrame) -> pd.DataFrame:
    """Return one row per sentence and side of its victims (a sentence about two sides counts for each).

    The sides' names are those :func:`casualty_sentences` gave, from the notebook's registry.
    """
    pairs = [list(zip(parties, names, strict=True)) or [(None, UNPLACED)]
             for parties, names in zip(frame["sides"], frame["side_names"], strict=True)]
    exploded = frame.assign(pair=pairs).explode("pair")
    return exploded.assign(party=exploded["pair"].map(lambda pair: pair[0]),
                           side=exploded["pair"].map(lambda pair: pair[1])).drop(columns="pair")


def framing_shares(frame: pd.DataFrame) -> pd.DataFrame:
    """Return per outlet and side: sentences, and the shares agentless, attributed and emotive."""
    rows = by_side(frame).assign(is_emotive=lambda f: f["emotive"] != "")
    grouped = rows.groupby(["outlet", "side"])
    shares = grouped.agg(sentences=("sentence_id", "size"), agentless=("agentless", "mean"),
                         attributed=("attributed", "mean"), emotive=("is_emotive", "mean"))
    return shares.reset_index().sort_values(["outlet", "sentences"], ascending=[True, False], ignore_index=True)


def mentions_by_day(frame: pd.DataFrame) -> pd.DataFrame:
    """Return the casualty sentences per outlet, side and day, with the sentences behind each count."""
    rows = by_side(frame).dropna(subset=["day"])
    grouped = rows.groupby(["outlet", "side", "party", "day"], dropna=False)
    counts = grouped.agg(mentions=("sentence_id", "size"),
                         evidence=("sentence", lambda s: list(s)[:5]),
                         article_ids=("article_id", lambda s: list(s)[:5]))
    return counts.reset_index()


def reference_deaths(series: pd.DataFrame, registry_path: str | Path | None = None) -> pd.DataFrame:
    """Return a reference series' cumulative killed counts per party and day (places summed per party).

    A place's party comes from the actor registry at ``registry_path`` (default: the shipped one).
    """
    index = PartyIndex.build(load_registry(registry_path))
    killed = series[(series["kind"] == "killed") & series["value_low"].notna()]
    killed = killed.assign(party=killed["place"].map(lambda p: index.place_party(str(p))))
    daily = killed.dropna(subset=["party"]).groupby(["party", "place", "date"])["value_low"].max().reset_index()
    return daily.groupby(["party", "date"])["value_low"].sum().rename("deaths").reset_index()


#: The columns of :func:`mentions_per_thousand`.
RATE_COLUMNS = ["outlet", "side", "from", "to", "mentions", "deaths", "per_thousand_deaths"]


def mentions_per_thousand(frame: pd.DataFrame, deaths: pd.DataFrame | None) -> pd.DataFrame:
    """Return per outlet and side: mentions, deaths over the outlet's reporting days, mentions per 1,000 deaths.

    Deaths over the window are the series' cumulative count on the last reporting day minus
    the count on the day before the first (or zero when the series starts later); an outlet
    whose reporting days end before the series starts has no row. No series (``deaths`` None)
    gives no row.
    """
    if deaths is None:
        return pd.DataFrame(columns=RATE_COLUMNS)
    counts = mentions_by_day(frame).dropna(subset=["party"])
    rows = []
    for (outlet, side, party), part in counts.groupby(["outlet", "side", "party"]):
        series = deaths[deaths["party"] == party].set_index("date")["deaths"].sort_index()
        if series.empty:
            continue
        first, last = part["day"].min(), part["day"].max()
        before, until = series[series.index < first], series[series.index <= last]
        if until.empty:  # the series starts after the outlet's last reporting day
            continue
        died = until.iloc[-1] - (before.iloc[-1] if len(before) else 0.0)
        if died > 0:
            rows.append({"outlet": outlet, "side": side, "from": first.date(), "to": last.date(),
                         "mentions": int(part["mentions"].sum()), "deaths": int(died),
                         "per_thousand_deaths": 1000 * part["mentions"].sum() / died})
    return pd.DataFrame(rows, columns=RATE_COLUMNS)


def _joined(values: pd.Series) -> str:
    """Return the distinct values of a column, sorted and joined with commas."""
    return ", ".join(sorted(set(values)))


def attribution_wording(frame: pd.DataFrame, top: int = 15) -> pd.DataFrame:
    """Return per outlet the most frequent attribution wordings, with their cue and an example sentence."""
    attributed = frame[frame["attributed"]].assign(
        wording=lambda f: f["attribution"].str.lower().str.replace(r"^(the|a|an)\s+", "", regex=True))
    grouped = attributed.groupby(["outlet", "wording"])
    table = grouped.agg(sentences=("sentence_id", "size"), cues=("attribution_cue", _joined),
                        example=("sentence", "first"), article_id=("article_id", "first")).reset_index()
    table = table.sort_values(["outlet", "sentences"], ascending=[True, False])
    return table.groupby("outlet").head(top).reset_index(drop=True)


def actor_descriptors(tables: dict[str, pd.DataFrame], actors: list[str] | None = None, top: int = 10,
                      ) -> pd.DataFrame:
    """Return per outlet and actor the most frequent descriptors, with their forms and the sentences behind them."""
    descriptors = tables["descriptors"]
    if actors:
        descriptors = descriptors[descriptors["actor_id"].isin(actors)]
    names = tables["actors"].set_index("actor_id")["name"]
    sentences = tables["sentences"][["article_id", "sentence_id", "text"]].rename(columns={"text": "sentence"})
    frame = descriptors.merge(tables["articles"][["article_id", "outlet"]], on="article_id", how="left")
    frame = frame.merge(sentences, on=["article_id", "sentence_id"], how="left")
    frame = frame.assign(outlet=frame["outlet"].fillna("(no outlet)"),
                         actor=frame["actor_id"].map(lambda a: names.get(a, a)))
    grouped = frame.groupby(["outlet", "actor", "descriptor"])
    table = grouped.agg(count=("sentence_id", "size"), forms=("form", _joined),
                        evidence=("sentence", lambda s: list(s)[:5]),
                        article_ids=("article_id", lambda s: list(s)[:5])).reset_index()
    table = table.sort_values(["outlet", "actor", "count"], ascending=[True, True, False])
    return table.groupby(["outlet", "actor"]).head(top).reset_index(drop=True)


#: The framing measures of :func:`framing_long`: the flag column and how a chart names it.
MEASURES = {"agentless": "agentless (no one said to have done it)", "attributed": "attributed to a source",
            "is_emotive": "with an emotive word"}


#: The columns of :func:`framing_long`.
LONG_COLUMNS = ["outlet", "side", "measure", "share", "sentences", "flagged", "evidence", "article_ids"]


def framing_long(frame: pd.DataFrame) -> pd.DataFrame:
    """Return per outlet, side and measure: the share of sentences, their count and example sentences."""
    rows = by_side(frame).assign(is_emotive=lambda f: f["emotive"] != "")
    records = []
    for (outlet, side), part in rows.groupby(["outlet", "side"]):
        for column, label in MEASURES.items():
            flagged = part[part[column]]
            records.append({"outlet": outlet, "side": side, "measure": label, "share": float(part[column].mean()),
                            "sentences": len(part), "flagged": len(flagged),
                            "evidence": flagged["sentence"].head(3).tolist(),
                            "article_ids": flagged["article_id"].head(3).tolist()})
    return pd.DataFrame(records, columns=LONG_COLUMNS)


def _plural(count: int, word: str) -> str:
    """Return "1 sentence", "2 sentences"."""
    return f"{count:,} {word}{'s' * (count != 1)}"


def _window(date_from: str = "", date_to: str = "") -> str:
    """Return the publication dates a notebook keeps, in words ("" when there is no limit)."""
    if date_from and date_to:
        return f" published from {date_from} to {date_to}"
    if date_from or date_to:
        return f" published {'from' if date_from else 'up to'} {date_from or date_to}"
    return ""


def summary_sentences(frame: pd.DataFrame, tables: dict[str, pd.DataFrame], date_from: str = "",
                      date_to: str = "") -> list[str]:
    """Return sentences on the casualty sentences found: how many, in how many articles, labelled by whom.

    With none, the sentence says so, and that the tables and charts below are empty.
    """
    articles = _plural(len(tables["articles"]), "article")
    window = _window(date_from, date_to)
    if frame.empty:
        return [f"No sentence of the {articles}{window} reports a death or an injury (no death or injury word, "
                "and no killed or injured figure), so the tables and charts below are empty."]
    labelled = frame["label_by"].value_counts()
    by = " and ".join(f"the {who} for {_plural(int(n), 'sentence')}" for who, n in labelled.items())
    outlets = frame["outlet"].nunique()
    return [f"{_plural(len(frame), 'casualty sentence')}{window} in {frame['article_id'].nunique():,} of the "
            f"{articles}, from {_plural(outlets, 'outlet')}.",
            f"The victims' side was given by {by}."]


def no_mentions_sentence(frame: pd.DataFrame) -> str:
    """Return why there is no chart of casualty sentences over time ("" when there is one)."""
    if frame.empty:
        return "No casualty sentence, so there is nothing to count over time."
    if frame["day"].isna().all():
        return ("None of the articles with a casualty sentence has a publication date, so the sentences cannot be "
                "counted over time.")
    return ""


def no_rates_sentence(frame: pd.DataFrame, deaths: pd.DataFrame | None) -> str:
    """Return why there is no rate of casualty sentences per thousand deaths."""
    if deaths is None:
        return "No reference series was given (reference_series is empty), so no rate per thousand deaths is computed."
    if frame.empty:
        return "No casualty sentence, so there is no rate per thousand deaths."
    return ("The reference series counts no deaths of these sentences' sides over their outlets' reporting days "
            "(its places are not their sides, or its dates do not cover them), so no rate per thousand deaths "
            "is computed.")
