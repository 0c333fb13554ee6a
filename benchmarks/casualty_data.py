"""The hand-labelled casualty sentences of ../shared and our tables of them, row by row.

Shared by ``benchmarks/casualty_sentences.py`` (the scores) and
``benchmarks/train_casualty_model.py`` (the shipped model), so both read the labels,
join them to the extracted tables and turn our parties into the labels' vocabulary in
one way. The sentence files are read as corpora through the descriptions in
``benchmarks/corpora/`` (the data stays read-only where it is); a row of a file is the
article ``<file stem>-<row number>`` (row 2 is the first under the header). The corpus
reader extracts a text once: a row whose text *after cleaning* repeats an earlier row's
(the same sentence twice, or one photo caption under two photographers' credits) takes
that article's extraction, so rows are matched to articles by their cleaned text.
"""

from __future__ import annotations

import csv
import dataclasses
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import f1_score

from benchmarks.checkout import PROJECT_ROOT, SHARED
from helpers.corpus.cleaning import clean_text
from helpers.corpus.config import load_corpus_config
from helpers.extract import casualty_model
from helpers.extract.casualties import side_index
from helpers.extract.casualty_model import features
from helpers.extract.registry import Registry

CORPORA = PROJECT_ROOT / "benchmarks" / "corpora"
CANADIAN = CORPORA / "canadian_press.yaml"
US = CORPORA / "nyt_wp_wsj.yaml"
SENTENCES = SHARED / "benchmarks" / "casualty_sentences"
PAPERS = {"globe_sentences": "The Globe and Mail", "post_sentences": "National Post",
          "star_sentences": "Toronto Star"}
#: Our parties on each side of the labels: the victims' side "Palestinian" and the responsible
#: party "Hamas" take the Palestinian factions too (the labellers had no other choice for them).
ISRAELI = frozenset({"israel", "israelis"})
PALESTINIAN = frozenset({"palestine", "palestinians", "hamas", "palestinian_islamic_jihad", "fatah",
                         "palestinian_authority", "plo", "al_sabirin"})
#: The US files' victims' side (``category``) in the Canadian labels' words. They give every
#: row a side (no "Neither") and no responsible party.
US_SIDES = {"israel": "Israeli", "palestine": "Palestinian", "both": "Both"}


def read_rows(corpus: Path) -> pd.DataFrame:
    """Return every row of a described corpus's files with its article id, file stem and text key."""
    config = load_corpus_config(corpus)
    frames = []
    for path in sorted(config.folder.glob("*.csv")):
        if not config.selects(path.name):
            continue
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        frame = pd.DataFrame(rows)
        frame["article_id"] = [f"{path.stem}-{n:06d}" for n in range(2, len(rows) + 2)]
        frame["file"] = path.stem
        frames.append(frame)
    rows = pd.concat(frames, ignore_index=True)
    titles = [column for column in config.columns.title if column in rows]
    rows["key"] = [text_key(clean_text(str(text), known_title=_first_filled(row, titles)).body)
                   for text, row in zip(rows[config.columns.text[0]], rows.to_dict("records"), strict=True)]
    return rows


def _first_filled(row: dict, columns: list[str]) -> str | None:
    """Return the first non-empty value of ``columns`` in ``row`` (the reader's rule for a title), else None."""
    return next((str(row[c]) for c in columns if isinstance(row[c], str) and row[c].strip()), None)


def text_key(text: str) -> str:
    """Return a text's words, for matching a repeated sentence to the one extracted copy."""
    return " ".join(str(text).split())


def extracted_id(rows: pd.DataFrame, articles: pd.DataFrame) -> pd.Series:
    """Return the id of the extracted article holding each row's cleaned text (None: none holds it).

    The reader skips an article whose cleaned text repeats an earlier one's, so a row's own
    id is not always extracted; the article with the same cleaned text is.
    """
    by_text = dict(zip(articles["body"].map(text_key), articles["article_id"], strict=True))
    return rows["key"].map(by_text)


def side_label(parties: list[str] | set[str]) -> str:
    """Return the victims' side label of a set of our parties."""
    parties = set(parties)
    israeli, palestinian = bool(parties & ISRAELI), bool(parties & PALESTINIAN)
    return "Both" if israeli and palestinian else "Israeli" if israeli else "Palestinian" if palestinian else "Neither"


def responsible_label(parties: list[str] | set[str]) -> str:
    """Return the responsible-party label of a set of our parties."""
    return {"Israeli": "Israel", "Palestinian": "Hamas"}.get(side_label(parties), side_label(parties))


def final_parties(casualties: pd.DataFrame, column: str) -> pd.Series:
    """Return each casualty row's parties: the model's where it labelled the row, else the rules'."""
    model = casualties[f"model_{column}"]
    return pd.Series([list(m) if m is not None else list(r) for m, r in zip(model, casualties[column], strict=True)],
                     index=casualties.index)


def sentence_parties(tables: dict[str, pd.DataFrame], registry: Registry) -> dict[tuple[str, int], list[str]]:
    """Return the parties mentioned in each casualty sentence, as the extractor computes them."""
    index = side_index(registry)
    mentions = tables["mentions"].groupby(["article_id", "sentence_id"])
    groups = {key: frame.to_dict("records") for key, frame in mentions}
    keys = tables["casualties"][["article_id", "sentence_id"]].itertuples(index=False, name=None)
    text = tables["sentences"].set_index(["article_id", "sentence_id"])["text"]
    return {key: index.text_parties(text[key], groups.get(key, [])) for key in keys}


def labelled_casualties(tables: dict[str, pd.DataFrame], rows: pd.DataFrame, registry: Registry) -> pd.DataFrame:
    """Return one row per casualty sentence of a labelled row: the model's input and the row's labels.

    A labelled sentence that the rules split into several sentences gives one row for each
    of its casualty sentences; a labelled row with no casualty sentence gives none.
    """
    casualties = tables["casualties"]
    parties = sentence_parties(tables, registry)
    text = tables["sentences"].set_index(["article_id", "sentence_id"])["text"]
    documents = [features(text[(r["article_id"], r["sentence_id"])], r, parties[(r["article_id"], r["sentence_id"])])
                 for r in casualties.to_dict("records")]
    frame = casualties.assign(document=documents)[["article_id", "sentence_id", "document"]]
    labelled = rows.assign(extracted=extracted_id(rows, tables["articles"])).dropna(subset=["extracted"])
    labelled = labelled.drop_duplicates("extracted")
    return frame.merge(labelled.drop(columns=["article_id"]), left_on="article_id", right_on="extracted")


def read_canadian() -> pd.DataFrame:
    """Return the Canadian rows that carry both labels (victims' side and responsible party)."""
    rows = read_rows(CANADIAN)
    return rows[(rows["victim"].fillna("") != "") & (rows["responsible"].fillna("") != "")]


def us_labelled(tables: dict[str, pd.DataFrame], rows: pd.DataFrame, registry: Registry) -> pd.DataFrame:
    """Return :func:`labelled_casualties` of the US files with their side as ``victim`` (responsible: None).

    Their labels follow another convention than the Canadian ones (victims by place, always
    a side): each document carries its marker word, :data:`casualty_model.PLACE_CONVENTION`.
    """
    frame = labelled_casualties(tables, rows, registry)
    return frame.assign(document=frame["document"] + " " + casualty_model.PLACE_CONVENTION,
                        victim=frame["category"].map(US_SIDES), responsible=None)


def fit(frame: pd.DataFrame) -> casualty_model.CasualtyModel:
    """Return the model trained on a labelled frame, with margins chosen inside that frame (:func:`choose_margins`)."""
    return dataclasses.replace(train(frame), margins=choose_margins(frame))


def train(frame: pd.DataFrame) -> casualty_model.CasualtyModel:
    """Return :func:`casualty_model.train` fitted on a labelled frame (a missing label trains no classifier)."""
    def labels(column: str) -> list[str | None]:
        return [label if isinstance(label, str) else None for label in frame[column]]

    return casualty_model.train(frame["document"].tolist(), {"victims": labels("victim"),
                                                             "responsible": labels("responsible")})


def choose_margins(frame: pd.DataFrame) -> dict[str, float]:
    """Return per target the margins of :data:`casualty_model.MARGIN_GRID` that best label the frame's papers.

    Each Canadian paper of the frame is left out in turn: a model trained on the rest of the frame
    (less any other outlet's sentence whose text is in that paper) labels its sentences whose text
    the rest does not hold, as the benchmark's cross-outlet split does, and each margin is scored
    by the macro-F1 of the paper's labelled rows (an article's label: the union of its casualty
    sentences' parties). Per target, the parties' margin with the best mean over the papers left
    out is chosen, then, with it, the margin of the target's "Both" classifier (key
    ``<target>_both``); the first of the grid on a tie. So the margins of a model never look at
    what it is tested on. With fewer than two papers in the frame: :data:`casualty_model.DEFAULT_MARGINS`.
    """
    papers = [paper for paper in PAPERS if paper in set(frame["file"])]
    if len(papers) < 2:
        return dict(casualty_model.DEFAULT_MARGINS)
    folds = []
    for paper in papers:
        held = frame["file"] == paper
        rest = frame[~held & (frame["file"].isin(PAPERS) | ~frame["key"].isin(set(frame.loc[held, "key"])))]
        test = frame[held & ~frame["key"].isin(set(rest["key"]))]
        model = train(rest)
        folds.append((test, model, model.scores(test["document"].tolist())))
    chosen = dict(casualty_model.DEFAULT_MARGINS)
    for suffix in ("", f"_{casualty_model.BOTH}"):
        totals = {target: np.zeros(len(casualty_model.MARGIN_GRID)) for target in casualty_model.TARGETS}
        for position, margin in enumerate(casualty_model.MARGIN_GRID):
            tried = chosen | {f"{target}{suffix}": margin for target in casualty_model.TARGETS}
            for test, model, scores in folds:
                for target, score in article_f1(test, model.labels(scores, tried)).items():
                    totals[target][position] += score
        chosen |= {f"{target}{suffix}": float(casualty_model.MARGIN_GRID[int(np.argmax(total))])
                   for target, total in totals.items()}
    return chosen


def article_f1(frame: pd.DataFrame, predicted: dict[str, list[str]]) -> dict[str, float]:
    """Return per target the macro-F1 of a frame's articles, each labelled by the union of its sentences' labels."""
    scores = {}
    for target, gold, label in (("victims", "victim", side_label), ("responsible", "responsible",
                                                                      responsible_label)):
        parties = pd.Series([casualty_model.parties_of(target, p) for p in predicted[target]], index=frame.index)
        found = parties.groupby(frame["extracted"]).agg(lambda values: {p for ps in values for p in ps})
        truth = frame.groupby("extracted")[gold].first()
        scores[target] = f1_score(truth, found.loc[truth.index].map(label), average="macro")
    return scores
