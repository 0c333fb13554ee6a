"""Which actors appear together, how strongly, and the sentences that show it.

Two actors *co-occur* when both are mentioned in the same window: a sentence, a
paragraph or a whole article. Registry actors count under their id; a name the
registry does not know counts under its folded spelling
(:func:`helpers.analyses.mentions.actor_mentions`), and ``registered`` says which is
which. An actor mentioned twice in a window counts once there.

For each pair, :func:`cooccurrence` gives the number of shared windows and three
association measures over the ``N`` windows of the selected articles:

- ``pmi`` = log2( c(a,b) N / (c(a) c(b)) ): how much more often the two appear
  together than if they were mentioned independently;
- ``npmi`` = pmi / -log2( c(a,b) / N ), in [-1, 1]: 1 when they only ever appear
  together, 0 when independent, below 0 when they avoid each other. It is PMI
  scaled so that rare pairs do not automatically score highest, and it does not
  rank the most frequent actors first, as raw counts do;
- ``jaccard`` = c(a,b) / (c(a) + c(b) - c(a,b)): the share of the windows of
  either actor that hold both.

Every pair keeps its evidence: the sentences of the shared windows that mention
one or both actors, with article_id and sentence_id.
"""

from __future__ import annotations

import itertools
import logging
import math
from collections import Counter
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from helpers.analyses.mentions import actor_mentions
from helpers.analyses.overview import plural
from helpers.vocab import ACTOR_TYPES

log = logging.getLogger(__name__)

WINDOWS = ("sentence", "paragraph", "article")
PAIR_COLUMNS = ["actor_a", "actor_b", "name_a", "name_b", "type_a", "type_b", "count", "count_a",
                "count_b", "n_windows", "pmi", "npmi", "jaccard"]
NODE_COLUMNS = ["actor_id", "name", "type", "registered", "mentions", "windows"]
EVIDENCE_COLUMNS = ["actor_a", "actor_b", "article_id", "sentence_id", "paragraph_id", "mentions", "text"]


@dataclass
class Cooccurrence:
    """The result: actors (nodes), pairs with counts and measures, and evidence sentences."""

    nodes: pd.DataFrame
    pairs: pd.DataFrame
    evidence: pd.DataFrame
    window: str
    n_windows: int

    def evidence_for(self, actor_a: str, actor_b: str) -> pd.DataFrame:
        """Return the evidence sentences of one pair (in either order)."""
        a, b = sorted((actor_a, actor_b))
        ev = self.evidence
        return ev[(ev["actor_a"] == a) & (ev["actor_b"] == b)].reset_index(drop=True)


def _window_columns(window: str) -> list[str]:
    """Return the columns that identify a window of the given kind."""
    if window not in WINDOWS:
        raise ValueError(f"window must be one of {WINDOWS}, not {window!r}")
    return {"sentence": ["article_id", "sentence_id"], "paragraph": ["article_id", "paragraph_id"],
            "article": ["article_id"]}[window]


def _as_date(value: str | date | None) -> date | None:
    """Return a date from an ISO string, a date, or None for empty."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return value if isinstance(value, date) else date.fromisoformat(str(value).strip())


def select_articles(articles: pd.DataFrame, date_from: str | date | None = None,
                    date_to: str | date | None = None) -> list[str]:
    """Return the ids of articles published within [date_from, date_to] (inclusive).

    Articles without a date are kept only when no date bound is given.
    """
    start, end = _as_date(date_from), _as_date(date_to)
    keep = []
    for article_id, published in zip(articles["article_id"], articles["published"], strict=True):
        if start is None and end is None:
            keep.append(article_id)
        elif published is not None and not pd.isna(published) and (start is None or published >= start) \
                and (end is None or published <= end):
            keep.append(article_id)
    return sorted(keep)


def check_actor_types(actor_types: list[str] | None) -> list[str]:
    """Return ``actor_types`` if each is a known type, else raise ValueError naming the known ones.

    >>> check_actor_types(["people"])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: unknown actor type 'people'; use any of: person, organization, ...
    """
    unknown = [t for t in actor_types or [] if t not in ACTOR_TYPES]
    if unknown:
        raise ValueError(f"unknown actor type {unknown[0]!r}; use any of: {', '.join(ACTOR_TYPES)}")
    return list(actor_types or [])


def select_mentions(tables: dict[str, pd.DataFrame], article_ids: list[str],
                    actor_types: list[str] | None = None) -> pd.DataFrame:
    """Return the named mentions of ``article_ids`` (optionally of some actor types), keyed by actor.

    Each mention comes with the paragraph of its sentence; see :func:`actor_mentions`.
    """
    mentions = tables["mentions"]
    mentions = actor_mentions(mentions[mentions["article_id"].isin(article_ids)])
    if actor_types:
        mentions = mentions[mentions["actor_type"].isin(check_actor_types(actor_types))]
    sentences = tables["sentences"][["article_id", "sentence_id", "paragraph_id"]]
    return mentions.merge(sentences, on=["article_id", "sentence_id"], how="left")


def _measures(count: int, count_a: int, count_b: int, n: int) -> tuple[float, float, float]:
    """Return (pmi, npmi, jaccard) of a pair seen together ``count`` times in ``n`` windows.

    >>> _measures(2, 2, 2, 10)[1]
    1.0
    >>> round(_measures(1, 5, 5, 10)[1], 3)
    -0.398
    """
    pmi = math.log2(count * n / (count_a * count_b))
    p_ab = count / n
    npmi = 1.0 if p_ab >= 1 else pmi / -math.log2(p_ab)
    jaccard = count / (count_a + count_b - count)
    return pmi, npmi, jaccard


def window_keys(frame: pd.DataFrame, keys: list[str]) -> pd.Series:
    """Return one string per row naming its window (the ``keys`` columns joined by ``|``)."""
    if frame.empty:
        return pd.Series(dtype=str, index=frame.index)
    joined = frame[keys[0]].astype(str)
    for key in keys[1:]:
        joined = joined + "|" + frame[key].astype(str)
    return joined


def _node_table(mentions: pd.DataFrame, windows: pd.Series) -> pd.DataFrame:
    """Return one row per actor: name, type, number of mentions and of windows."""
    if mentions.empty:
        return pd.DataFrame(columns=NODE_COLUMNS)
    grouped = mentions.assign(window=windows).groupby("actor_id", sort=True)
    nodes = pd.DataFrame({
        "name": grouped["actor_name"].first(), "type": grouped["actor_type"].first(),
        "registered": grouped["registered"].first(), "mentions": grouped.size(), "windows": grouped["window"].nunique(),
    }).reset_index()
    return nodes.sort_values(["mentions", "actor_id"], ascending=[False, True]).reset_index(drop=True)


def cooccurrence(tables: dict[str, pd.DataFrame], window: str = "sentence", min_count: int = 1,
                 actor_types: list[str] | None = None, date_from: str | date | None = None,
                 date_to: str | date | None = None, top_n: int | None = None) -> Cooccurrence:
    """Count the pairs of actors that share a window and measure their association.

    ``actor_types`` keeps only actors of those types; ``date_from``/``date_to`` keep
    articles published in that range; ``top_n`` keeps the N most-mentioned actors
    (so the chart stays readable); ``min_count`` drops pairs seen together fewer times.
    The measures are computed over all windows of the selected articles.
    """
    keys = _window_columns(window)
    article_ids = select_articles(tables["articles"], date_from, date_to)
    sentences = tables["sentences"][tables["sentences"]["article_id"].isin(article_ids)]
    n_windows = len(sentences.drop_duplicates(keys))
    mentions = select_mentions(tables, article_ids, actor_types)
    window_ids = window_keys(mentions, keys)
    nodes = _node_table(mentions, window_ids)
    if top_n:
        nodes = nodes.head(int(top_n))
        keep = mentions["actor_id"].isin(nodes["actor_id"])
        mentions, window_ids = mentions[keep], window_ids[keep]
    actors_by_window = mentions.assign(window=window_ids).groupby("window")["actor_id"].agg(lambda s: sorted(set(s)))
    per_actor = Counter(a for actors in actors_by_window for a in actors)
    together: dict[tuple[str, str], list[str]] = {}
    for window_id, actors in actors_by_window.items():
        for pair in itertools.combinations(actors, 2):
            together.setdefault(pair, []).append(window_id)
    info = nodes.set_index("actor_id")
    rows = []
    for (a, b), shared in sorted(together.items()):
        if len(shared) < min_count:
            continue
        pmi, npmi, jaccard = _measures(len(shared), per_actor[a], per_actor[b], n_windows)
        rows.append({"actor_a": a, "actor_b": b, "name_a": info.at[a, "name"], "name_b": info.at[b, "name"],
                     "type_a": info.at[a, "type"], "type_b": info.at[b, "type"], "count": len(shared),
                     "count_a": per_actor[a], "count_b": per_actor[b], "n_windows": n_windows,
                     "pmi": round(pmi, 4), "npmi": round(npmi, 4), "jaccard": round(jaccard, 4)})
    pairs = pd.DataFrame(rows, columns=PAIR_COLUMNS)
    pairs = pairs.sort_values(["npmi", "count", "actor_a", "actor_b"], ascending=[False, False, True, True])
    evidence = _evidence(pairs, together, mentions.assign(window=window_ids), sentences, keys)
    log.info("co-occurrence by %s: %d actors, %d pairs over %d windows", window, len(nodes), len(pairs), n_windows)
    return Cooccurrence(nodes.reset_index(drop=True), pairs.reset_index(drop=True), evidence, window, n_windows)


def _evidence(pairs: pd.DataFrame, together: dict[tuple[str, str], list[str]], mentions: pd.DataFrame,
              sentences: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Return, for each pair, the sentences of its shared windows that mention either actor.

    ``mentions`` says which: ``both``, or the id of the one actor the sentence names.
    """
    actors_in_sentence = mentions.groupby(["article_id", "sentence_id"])["actor_id"].agg(
        lambda s: frozenset(s)).to_dict()
    window_of = mentions.drop_duplicates(["article_id", "sentence_id"]).set_index(
        ["article_id", "sentence_id"])["window"].to_dict()
    text = sentences.set_index(["article_id", "sentence_id"])[["paragraph_id", "text"]].to_dict("index")
    by_window: dict[str, list[tuple[str, int]]] = {}
    for key, window_id in window_of.items():
        by_window.setdefault(window_id, []).append(key)
    rows = []
    for a, b in zip(pairs["actor_a"], pairs["actor_b"], strict=True):
        for window_id in together[(a, b)]:
            for key in sorted(by_window[window_id]):
                present = actors_in_sentence[key] & {a, b}
                if not present:
                    continue
                which = "both" if len(present) == 2 else next(iter(present))
                rows.append({"actor_a": a, "actor_b": b, "article_id": key[0], "sentence_id": int(key[1]),
                             "paragraph_id": int(text[key]["paragraph_id"]), "mentions": which,
                             "text": text[key]["text"]})
    evidence = pd.DataFrame(rows, columns=EVIDENCE_COLUMNS)
    return evidence.sort_values(["actor_a", "actor_b", "article_id", "sentence_id"]).reset_index(drop=True)


def pair_matrix(co: Cooccurrence, value: str = "npmi") -> pd.DataFrame:
    """Return a symmetric actor-by-actor matrix of ``value`` (NaN where a pair is absent)."""
    shown = co.nodes[co.nodes["actor_id"].isin(set(co.pairs["actor_a"]) | set(co.pairs["actor_b"]))]
    names = dict(zip(shown["actor_id"], shown["name"], strict=True))
    order = list(shown["actor_id"])
    matrix = pd.DataFrame(np.nan, index=order, columns=order)
    for a, b, v in zip(co.pairs["actor_a"], co.pairs["actor_b"], co.pairs[value], strict=True):
        matrix.at[a, b] = matrix.at[b, a] = float(v)
    return matrix.rename(index=names, columns=names)


#: The network draws at most this many actors ...
NETWORK_NODES = 30
#: ... and for each, its strongest links up to this many.
LINKS_PER_ACTOR = 3


def backbone(co: Cooccurrence, max_nodes: int = NETWORK_NODES, links_per_actor: int = LINKS_PER_ACTOR
             ) -> pd.DataFrame:
    """Return the pairs worth drawing: among the ``max_nodes`` most-mentioned paired actors, each one's strongest links.

    A pair is kept when it is among the ``links_per_actor`` strongest (NPMI, then count)
    of either of its actors, so that every drawn actor keeps its best links and the
    network does not become a hairball. The pair table keeps every pair.
    """
    pairs = co.pairs
    paired = set(pairs["actor_a"]) | set(pairs["actor_b"])
    ranked = co.nodes[co.nodes["actor_id"].isin(paired)].head(max_nodes)["actor_id"]
    keep = set(ranked)
    pairs = pairs[pairs["actor_a"].isin(keep) & pairs["actor_b"].isin(keep)]
    ends = pd.concat([pairs.assign(actor=pairs["actor_a"]), pairs.assign(actor=pairs["actor_b"])])
    ends = ends.sort_values(["npmi", "count", "actor_a", "actor_b"], ascending=[False, False, True, True])
    strongest = ends.groupby("actor", sort=False).head(links_per_actor)
    chosen = set(zip(strongest["actor_a"], strongest["actor_b"], strict=True))
    mask = [(a, b) in chosen for a, b in zip(pairs["actor_a"], pairs["actor_b"], strict=True)]
    return pairs[mask].reset_index(drop=True)


def summary_sentences(co: Cooccurrence, min_count: int) -> list[str]:
    """Return sentences on what the co-occurrence counted: actors, names outside the registry, pairs, windows."""
    if co.nodes.empty:
        return [f"No actor is named in the {co.n_windows:,} {co.window}s of the selected articles, "
                "so there is nothing to count."]
    loose = int((~co.nodes["registered"].astype(bool)).sum())
    pairs = plural(len(co.pairs), "pair")
    sentences = [f"{plural(len(co.nodes), 'actor')} counted over {plural(co.n_windows, co.window)} of the selected "
                 f"articles; {pairs} {'shares' if len(co.pairs) == 1 else 'share'} at least "
                 f"{plural(min_count, co.window)}."]
    if loose:
        one = loose == 1
        sentences.append(f"{loose:,} of these actors {'is' if one else 'are'} not in the registry: found in the "
                         "text (an id starting with d:, spellings of one name merged) or, with no id at all, "
                         "counted by spelling (an id starting with name:).")
    return sentences


def no_pairs_sentence(co: Cooccurrence, min_count: int) -> str:
    """Return why there is no pair to draw."""
    if co.nodes.empty:
        return "No network and no heatmap: the selected articles name no actor."
    if len(co.nodes) == 1:
        return "No network and no heatmap: the selected articles name one actor only, so no two share a window."
    return (f"No network and no heatmap: no two of the {len(co.nodes):,} actors share {min_count} or more "
            f"{co.window}s. Lower min_count, or choose a wider window (paragraph, article).")


def quotes_by_speaker(quotes: pd.DataFrame) -> pd.DataFrame:
    """Return the number of quotes per speaker: the actor it was resolved to, or the words as written."""
    written = ("(not resolved) " + quotes["speaker"].astype(str)).where(quotes["speaker"].notna(), "(no speaker found)")
    speaker = quotes["speaker_actor_id"].where(quotes["speaker_actor_id"].notna(), written)
    counts = speaker.value_counts()
    return pd.DataFrame({"speaker": counts.index.astype(str), "quotes": counts.to_numpy()})


def _listed(items: list[str]) -> str:
    """Return items as prose: "A", "A and B", "A, B and C".

    >>> _listed(["Hamas"]), _listed(["Iran", "Hamas", "Qatar"])
    ('Hamas', 'Iran, Hamas and Qatar')
    """
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _names_by_sentence(tables: dict[str, pd.DataFrame], co: Cooccurrence) -> dict[tuple[str, int], list[str]]:
    """Return, per sentence of the evidence, the names of the counted actors it mentions, in text order."""
    keys = set(zip(co.evidence["article_id"], co.evidence["sentence_id"], strict=True))
    mentions = select_mentions(tables, sorted({k[0] for k in keys}))
    mentions = mentions[mentions["actor_id"].isin(co.nodes["actor_id"])].sort_values(["article_id", "start_char"])
    names: dict[tuple[str, int], list[str]] = {}
    for article_id, sentence_id, name in zip(mentions["article_id"], mentions["sentence_id"], mentions["actor_name"],
                                             strict=True):
        found = names.setdefault((article_id, int(sentence_id)), [])
        if name not in found:
            found.append(name)
    return {key: found for key, found in names.items() if key in keys}


def example_sentences(tables: dict[str, pd.DataFrame], co: Cooccurrence, max_chars: int = 220) -> list[str]:
    """Return prose explaining co-occurrence with the corpus's own text, for the report's explanations.

    The first sentence quotes a short sentence of the evidence that names several counted
    actors (up to three are preferred; the shortest such sentence wins); the second lists the
    forms under which one counted actor is written, when one is written in several ways.
    Empty when there is no pair.
    """
    if co.pairs.empty:
        return []
    names = _names_by_sentence(tables, co)
    both = co.evidence[(co.evidence["mentions"] == "both") & (co.evidence["text"].str.len() <= max_chars)]
    both = both.drop_duplicates(["article_id", "sentence_id"]).assign(
        named=lambda f: [names.get((a, int(s)), []) for a, s in zip(f["article_id"], f["sentence_id"], strict=True)])
    both = both[both["named"].map(len) >= 2]
    prose = []
    if not both.empty:
        best = both.assign(score=both["named"].map(lambda n: -min(len(n), 3)), length=both["text"].str.len())
        row = best.sort_values(["score", "length", "article_id", "sentence_id"]).iloc[0]
        prose.append(f'In the selected articles, "{" ".join(row["text"].split())}" ({row["article_id"]}, sentence '
                     f'{row["sentence_id"]}) mentions, among the actors counted, {_listed(row["named"])}.')
    forms = _forms_example(tables, co)
    if forms:
        prose.append(forms)
    return prose


def _forms_example(tables: dict[str, pd.DataFrame], co: Cooccurrence, most: int = 4) -> str | None:
    """Return a sentence listing the written forms of the counted actor with the most of them, if any has two."""
    mentions = select_mentions(tables, sorted(set(co.evidence["article_id"])))
    mentions = mentions[mentions["actor_id"].isin(co.nodes.loc[co.nodes["registered"].astype(bool), "actor_id"])]
    if mentions.empty:
        return None
    folded = mentions.assign(form=mentions["text"].map(lambda t: " ".join(str(t).split())))
    folded = folded.assign(key=folded["form"].str.casefold()).drop_duplicates(["actor_id", "key"])
    counts = folded.groupby("actor_id").size().sort_values(ascending=False, kind="stable")
    if counts.empty or counts.iloc[0] < 2:
        return None
    actor = folded[folded["actor_id"] == counts.index[0]]
    written = [f'"{form}"' for form in actor["form"].head(most)]
    return f"{_listed(written)} all name one actor, {actor['actor_name'].iloc[0]}."
