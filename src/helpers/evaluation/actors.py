"""Score actor mentions against ``actors.csv`` and ``mentions.csv`` of a gold folder."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from helpers.evaluation.scoring import prf, read_gold


def evaluate(tables: dict[str, pd.DataFrame], gold_dir: Path) -> list[dict]:
    """Score mentions against the gold files.

    The gold files are ``gold_dir/actors.csv`` (article-level actor sets) and
    ``gold_dir/mentions.csv`` (surface form, actor and count per article).
    """
    mentions = tables["mentions"]
    known = mentions[mentions["actor_id"].notna()]
    articles = set(tables["articles"]["article_id"])
    rows: list[dict] = []
    gold = read_gold(gold_dir, "actors.csv")
    if gold is not None:
        gold = gold[gold["article_id"].isin(articles)]
        predicted = set(zip(known["article_id"], known["actor_id"], strict=True))
        rows.append(prf(predicted, set(zip(gold["article_id"], gold["actor_id"], strict=True)),
                        "mentions", "article actors"))
    gold = read_gold(gold_dir, "mentions.csv")
    if gold is not None:
        gold = gold[gold["article_id"].isin(articles)]
        expected = {(r.article_id, r.text, r.actor_id, i) for r in gold.itertuples()
                    for i in range(int(r.count or 1))}
        counts = known.groupby(["article_id", "text", "actor_id"]).size()
        got = {(a, t, x, i) for (a, t, x), n in counts.items() for i in range(n)}
        rows.append(prf(got, expected, "mentions", "surface form -> actor"))
    return rows
