"""Score quotes and their speakers against ``quotes.csv`` of a gold folder."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from helpers.evaluation.scoring import gold_and_predicted, prf


def quote_key(text: str, length: int = 25) -> str:
    """Return a normalised prefix of a quote's text for matching against gold.

    >>> quote_key("  The Intifada  of Palestinian people,” he")
    'the intifada of palestini'
    """
    text = text.replace("’", "'").replace("‘", "'").lower()
    text = re.sub(r"\s+", " ", text).strip(" \"'“”,.")
    return text[:length].rstrip()


def evaluate(tables: dict[str, pd.DataFrame], gold_dir: str | Path) -> list[dict]:
    """Score quote detection and speakers against ``gold_dir/quotes.csv``.

    Levels: ``detection`` (the quote is found), ``speaker`` (found with the right
    speaker actor; its recall is the share of gold quotes with the right speaker). A gold
    file without a ``kind`` column lists direct quotes only (the seeds' gold): reported
    speech is then left out of the predictions too.
    """
    found = gold_and_predicted(gold_dir, "quotes", tables)
    if found is None:
        return []
    gold, predicted = found
    if "kind" not in gold.columns and "kind" in predicted.columns:
        predicted = predicted[predicted["kind"].fillna("direct") == "direct"]
    gold_found = {(a, quote_key(t)) for a, t in zip(gold["article_id"], gold["quote_start"], strict=True)}
    gold_speaker = {(a, quote_key(t), s) for a, t, s in
                    zip(gold["article_id"], gold["quote_start"], gold["speaker_actor_id"], strict=True)}
    found = {(a, quote_key(t)) for a, t in zip(predicted["article_id"], predicted["text"], strict=True)}
    speaker = {(a, quote_key(t), "" if pd.isna(s) else s) for a, t, s in
               zip(predicted["article_id"], predicted["text"], predicted["speaker_actor_id"], strict=True)}
    return [prf(found, gold_found, "quotes", "detection"), prf(speaker, gold_speaker, "quotes", "speaker")]
