"""The actors dev gold: CoNLL-2003 and Reuters-21578 stories annotated by the unseen set's conventions.

    .venv/bin/python -m benchmarks.dev_actors             # precision, recall, F1, linked share
    .venv/bin/python -m benchmarks.dev_actors --details   # also every missed and spurious actor
    .venv/bin/python -m benchmarks.dev_actors --batch conflict --details   # one batch's misses only

``tests/gold/dev_actors`` holds the annotations (``actors.csv``) and where each story is
in ``../shared`` (``documents.csv``, by document index, with the ``batch`` each story was
added in: ``first``, the CoNLL train stories the rules were first tuned on, ``conflict``, CoNLL
train stories chosen later to look like the unseen set, and ``reuters``, the 20 wire stories of
the speakers dev batch of that name (Reuters-21578 and CoNLL test), annotated completely before
the actor rules were tuned on them, ``reuters3``, the 15 stories of that speakers batch, annotated
the same way, ``reuters4``, the 15 of that one, ``reuters5``, the 12 of that one, and ``reuters6``,
14 stories chosen for armed groups, government bodies and persons; each batch is also scored alone).
Unlike ``tests/gold/unseen``, this set is for reading and tuning: it is where the actor rules were
measured while they were written. It is scored with the unseen set's actor rules
(:func:`helpers.evaluation.unseen.score_actors`).
"""

from __future__ import annotations

import argparse
import csv
import html
import re
import sys
import tempfile
from pathlib import Path

import pandas as pd

from benchmarks.checkout import PROJECT_ROOT, SHARED
from benchmarks.tempeval import TRAINING as TEMPEVAL_TRAIN
from benchmarks.tempeval import read_tml
from benchmarks.unseen import Materialised, conll_article, conll_documents, load_article, read_documents
from helpers.evaluation.scoring import read_gold
from helpers.evaluation.unseen import (
    gold_actors,
    match_article,
    predicted_actors,
    score_actors,
    without_headlines,
)
from helpers.pipeline.run import extract_corpus

GOLD_DIR = PROJECT_ROOT / "tests" / "gold" / "dev_actors"
CONLL_TRAIN = SHARED / "benchmarks" / "conll2003" / "train.txt"
CONLL_TEST = SHARED / "benchmarks" / "conll2003" / "test.txt"
#: The CoNLL-2003 splits a dev story may come from, by ``documents.csv`` source.
CONLL_SPLITS = {"conll2003/train": CONLL_TRAIN, "conll2003/test": CONLL_TEST}


def tempeval_article(row: dict[str, str]) -> Materialised:
    """Return a TempEval-3 training document (``locator``: its ``.tml`` path) as an article.

    The text is the TimeML ``TEXT`` without its tags, split into paragraphs at blank lines;
    entities are unescaped and the doubled backquote and apostrophe quotes of the AP and NYT wires made straight.
    The headline is ``documents.csv``'s (TimeML has none for most documents); the date is the
    document's creation time.
    """
    text, created, _ = read_tml(TEMPEVAL_TRAIN / row["locator"])
    text = html.unescape(text).replace("``", '"').replace("''", '"')
    paragraphs = [re.sub(r"\s+", " ", p).strip() for p in re.split(r"\n\s*\n", text)]
    return Materialised(row["article_id"], row["headline"], created.isoformat(), [p for p in paragraphs if p])


def outlet(row: dict[str, str]) -> str:
    """Return a document's outlet: Reuters for CoNLL-2003, else the TempEval file name's letters.

    >>> outlet({"source": "tempeval3/train", "locator": "TimeBank/wsj_0781.tml"})
    'WSJ'
    >>> outlet({"source": "conll2003/train", "locator": "9"})
    'Reuters'
    """
    if row["source"] != "tempeval3/train":
        return "Reuters"
    return re.match(r"[A-Za-z]+", Path(row["locator"]).name).group(0).upper()


def dev_article(row: dict[str, str], stories: dict[str, list[list[list[str]]]]) -> Materialised:
    """Return the story a ``documents.csv`` row identifies.

    A CoNLL-2003 train or test document (``source`` ``conll2003/train`` or ``conll2003/test``,
    ``locator`` its index in ``stories[source]``), a TempEval-3 training document
    (``tempeval3/train``, :func:`tempeval_article`) or a Reuters-21578 story
    (``reuters21578/<file>``, ``locator`` its NEWID, located as the unseen set's are).
    """
    source = row["source"]
    if source == "tempeval3/train":
        return tempeval_article(row)
    if source in CONLL_SPLITS:
        return conll_article(row["article_id"], stories[source][int(row["locator"])])
    return load_article(row)


def materialise(folder: Path, gold_dir: Path = GOLD_DIR) -> list[dict[str, str]]:
    """Write the stories of ``gold_dir/documents.csv`` into ``folder`` with a ``catalog.csv``.

    A story is one of :func:`dev_article`. Returns ``documents.csv``'s rows.
    """
    folder.mkdir(parents=True, exist_ok=True)
    rows = read_documents(gold_dir)
    stories = {source: conll_documents(path) for source, path in CONLL_SPLITS.items()
               if any(r["source"] == source for r in rows)}
    with (folder / "catalog.csv").open("w", encoding="utf-8", newline="") as handle:
        catalog = csv.writer(handle)
        catalog.writerow(["article_id", "outlet", "published", "date_precision", "date_source"])
        for row in rows:
            tempeval = row["source"] == "tempeval3/train"
            article = dev_article(row, stories)
            (folder / f"{article.article_id}.txt").write_text(article.text(), encoding="utf-8")
            catalog.writerow([article.article_id, outlet(row), article.published, "day",
                              "catalog" if tempeval else "dateline"])
    return rows


def details(mentions: pd.DataFrame, gold: pd.DataFrame) -> list[str]:
    """Return one line per missed gold actor and per spurious predicted actor."""
    lines = []
    for article_id, rows in gold.groupby("article_id"):
        actors_gold = gold_actors(rows)
        predicted = predicted_actors(mentions[mentions["article_id"] == article_id])
        matched = match_article(predicted, actors_gold)
        lines += [f"missed   {article_id} {g.name}" for i, g in enumerate(actors_gold) if i not in matched.values()]
        lines += [f"spurious {article_id} {p.key} {sorted(p.texts)}" for p in predicted if p.key not in matched]
    return lines


def score_line(mentions: pd.DataFrame, gold: pd.DataFrame) -> str:
    """Return the actor scores of ``gold``'s articles as one line."""
    detection, linked, *errors = score_actors(mentions, gold)
    by_type = "; ".join(f"{row['level']} {row['n_predicted']}" for row in errors)
    return (f"P {detection['precision']:.3f} R {detection['recall']:.3f} F1 {detection['f1']:.3f} "
            f"({detection['n_predicted']}/{detection['n_gold']}), linked {linked['share']:.2f}"
            + (f"\n{'':13}{by_type}" if by_type else ""))


def main(argv: list[str] | None = None) -> int:
    """Extract the dev stories with the current code and print the actor scores."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.dev_actors", description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true", help="also print missed and spurious actors")
    parser.add_argument("--batch", help="details of this batch's stories only "
                        "(first, conflict, reuters, reuters3, reuters4, reuters5, reuters6)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="dev-actors-") as folder:
        corpus = Path(folder) / "corpus"
        documents = pd.DataFrame(materialise(corpus))
        tables = without_headlines(extract_corpus(corpus, use_cache=False).tables, documents)
    gold = read_gold(GOLD_DIR, "actors.csv")
    print(f"Actors dev gold: {documents.shape[0]} stories, {len(gold)} actors")
    print(f"all{'':10}{score_line(tables['mentions'], gold)}")
    batches = documents.groupby("batch")["article_id"]
    for batch, ids in batches:
        print(f"{batch:<8}{len(ids):>3}  {score_line(tables['mentions'], gold[gold['article_id'].isin(ids)])}")
    if args.details:
        shown = gold if not args.batch else gold[gold["article_id"].isin(batches.get_group(args.batch))]
        print("\n".join(details(tables["mentions"], shown)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
