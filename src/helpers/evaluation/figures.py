"""Score figures and their attributes against ``figures.csv`` of a gold folder."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from helpers.evaluation.scoring import gold_and_predicted, prf

_WORD = re.compile(r"[\w'-]+")


def normalise_text(value: object) -> str:
    """Return a string lowered, with typographic quotes, leading articles and spaces tidied.

    >>> normalise_text("The  Hamas-run Health Ministry")
    'hamas-run health ministry'
    """
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return ""
    text = re.sub(r"\s+", " ", str(value).replace("’", "'")).strip().lower()
    return re.sub(r"^(?:the|a|an) ", "", text)


def _same_source(predicted: str, gold: str) -> bool:
    """Say whether two normalised source strings name the same source (one's words are a run of the other's).

    Whole words: "Iran" is not in "the Iranian news agency IRNA".

    >>> _same_source("health ministry", "hamas-run health ministry"), _same_source("iran", "iranian news agency irna")
    (True, False)
    """
    if not predicted or not gold:
        return predicted == gold
    said, meant = f" {' '.join(_WORD.findall(predicted))} ", f" {' '.join(_WORD.findall(gold))} "
    return said in meant or meant in said


def _number(value: object) -> str:
    """Return a value as a canonical string key ('' for null)."""
    if value is None or value is pd.NA or value == "" or (isinstance(value, float) and pd.isna(value)):
        return ""
    return f"{float(value):g}"


def _keyed(frame: pd.DataFrame) -> dict[tuple, dict]:
    """Key each figure by (article, kind, low, high, n-th such figure in the article)."""
    keyed: dict[tuple, dict] = {}
    counts: dict[tuple, int] = {}
    frame = frame.sort_values(["article_id", "start_char"]) if "start_char" in frame else frame
    for row in frame.to_dict("records"):
        base = (row["article_id"], row["kind"], _number(row["value_low"]), _number(row["value_high"]))
        counts[base] = counts.get(base, 0) + 1
        keyed[(*base, counts[base])] = row
    return keyed


def _attribute_scores(pred: dict[tuple, dict], gold: dict[tuple, dict], name: str,
                      same: Callable[[dict, dict], bool]) -> dict:
    """Score one attribute over the figures found (precision is the accuracy)."""
    matched = sorted(set(pred) & set(gold))
    right = {key for key in matched if same(pred[key], gold[key])}
    return prf(right, set(matched), "figures", name)


def evaluate(tables: dict[str, pd.DataFrame], gold_dir: Path) -> list[dict]:
    """Score the figures table against ``gold_dir/figures.csv``.

    Levels: ``detection`` (article, kind, value_low and value_high; the n-th such
    figure of the article), then, over the figures found, the accuracy of
    ``qualifier``, ``source`` (same words, or one contains the other, ignoring a
    leading article), ``victims``, ``location``, ``per`` and ``part_of`` (the text of
    the whole a part belongs to). For an attribute level the ``recall`` is the share
    of found figures with the attribute right.
    """
    found = gold_and_predicted(gold_dir, "figures", tables)
    if found is None:
        return []
    gold_frame, predicted = found
    texts = dict(zip(predicted["figure_id"], predicted["text"], strict=True))
    gold, pred = _keyed(gold_frame), _keyed(predicted)
    rows = [prf(set(pred), set(gold), "figures", "detection")]
    for name in ("qualifier", "victims", "location", "per"):
        rows.append(_attribute_scores(pred, gold, name,
                                      lambda p, g, n=name: normalise_text(p[n]) == normalise_text(g[n])))
    rows.append(_attribute_scores(pred, gold, "source", lambda p, g: _same_source(
        normalise_text(p["source"]), normalise_text(g["source"]))))
    rows.append(_attribute_scores(pred, gold, "part_of", lambda p, g: normalise_text(
        texts.get(p["part_of"]) if isinstance(p["part_of"], str) else None) == normalise_text(g["part_of_text"])))
    return rows


#: Why a found figure's source is wrong, from :func:`source_errors` (counts only: they show no gold).
SOURCE_ERRORS = ("no source given", "source where the gold has none", "another source")


def source_error(predicted: object, gold: object) -> str | None:
    """Return why a predicted source is not the gold one (one of :data:`SOURCE_ERRORS`), or None when right.

    >>> source_error("", "the army"), source_error("Reuters", "")
    ('no source given', 'source where the gold has none')
    >>> source_error("the army", "Army"), source_error("AP", "the army")
    (None, 'another source')
    """
    said, meant = normalise_text(predicted), normalise_text(gold)
    if _same_source(said, meant):
        return None
    if not said:
        return "no source given"
    return "source where the gold has none" if not meant else "another source"


def source_errors(tables: dict[str, pd.DataFrame], gold_dir: Path) -> dict[str, int]:
    """Count the found figures of ``gold_dir/figures.csv`` whose source is wrong, by :data:`SOURCE_ERRORS`."""
    found = gold_and_predicted(gold_dir, "figures", tables)
    counts = dict.fromkeys(SOURCE_ERRORS, 0)
    if found is None:
        return counts
    gold, pred = _keyed(found[0]), _keyed(found[1])
    for key in set(pred) & set(gold):
        if cause := source_error(pred[key]["source"], gold[key]["source"]):
            counts[cause] += 1
    return counts
