"""The speakers dev gold: quotes of CoNLL-2003 and TempEval-3 *train* articles, by the unseen set's conventions.

    .venv/bin/python -m benchmarks.dev_quotes             # quote detection and right speakers
    .venv/bin/python -m benchmarks.dev_quotes --details   # also every missed quote and wrong speaker

``tests/gold/dev_quotes`` holds the quotes (``quotes.csv``: ``article_id, quote_start, speaker,
kind, note``) and where each story is in ``../shared`` (``documents.csv``, with the ``batch``
each story was added in: ``conll``, short Reuters wires of 1996 that are stories of
``tests/gold/dev_actors``, whose ``actors.csv`` gives the actors a speaker is matched against;
``tempeval``, longer multi-paragraph AP, NYT and WSJ articles of TempEval-3's training data,
whose actors are in this folder's ``actors.csv``; ``reuters``, 12 Reuters-21578 stories of 1987
and 8 CoNLL-2003 *test* stories chosen to look like the unseen set and annotated before the code
was changed for them, their actors in ``tests/gold/dev_actors``; ``reuters3``, 15 more such
politics and conflict wires, 10 of 1987 and 5 of 1996, annotated the same way; ``reuters4``, 15 wires
on conflicts outside the Middle East, 8 of 1987 and 7 CoNLL-2003 *train* stories of 1996, annotated the same way;
``reuters5``, 12 Reuters-21578 wires of 1987 whose quotes are attributed to descriptions: unnamed officials
of a named body, "the paper", "the communique", "X quoted Y as saying", "X was quoted by Y as saying").
Each batch is also scored alone. Unlike
``tests/gold/unseen``, this set is for reading and tuning: it is where the speaker rules were
measured while they were written. It is scored with the unseen set's speaker rules
(:func:`helpers.evaluation.unseen.score_speakers`).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import pandas as pd

from benchmarks.checkout import PROJECT_ROOT
from benchmarks.dev_actors import GOLD_DIR as ACTORS_DIR
from benchmarks.dev_actors import materialise as materialise_actors
from helpers.evaluation.scoring import read_gold
from helpers.evaluation.unseen import SPEAKER_ERRORS, score_speakers, without_headlines
from helpers.pipeline.run import extract_corpus

GOLD_DIR = PROJECT_ROOT / "tests" / "gold" / "dev_quotes"


def extract(folder: Path) -> tuple[dict[str, pd.DataFrame], pd.DataFrame]:
    """Extract the dev stories into ``folder`` with the current code; return the tables and documents."""
    corpus = folder / "corpus"
    documents = pd.DataFrame(materialise_actors(corpus, GOLD_DIR))
    return without_headlines(extract_corpus(corpus, use_cache=False).tables, documents), documents


def actors_gold() -> pd.DataFrame:
    """Return the actors a speaker is matched against: the CoNLL stories' and the TempEval batch's."""
    return pd.concat([read_gold(ACTORS_DIR, "actors.csv"), read_gold(GOLD_DIR, "actors.csv")], ignore_index=True)


def score_line(tables: dict[str, pd.DataFrame], gold: pd.DataFrame, actors: pd.DataFrame) -> tuple[str, dict]:
    """Return the quote detection and right speakers of ``gold``'s quotes as one line, and the speaker row."""
    rows = {r["level"]: r for r in score_speakers(tables, gold, actors)}
    detection, right = rows["detection"], rows["speaker right"]
    return (f"quotes P {detection['precision']:.3f} R {detection['recall']:.3f} F1 {detection['f1']:.3f} "
            f"({detection['n_predicted']}/{detection['n_gold']}); "
            f"speaker right {right['share']:.3f} ({right['n_predicted']}/{right['n_gold']})"), rows


def main(argv: list[str] | None = None) -> int:
    """Extract the dev stories and print quote detection and the share of right speakers, overall and per batch."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.dev_quotes", description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true", help="also print missed quotes and wrong speakers")
    parser.add_argument("--batch", help="details of this batch's stories only "
                        "(conll, tempeval, reuters, reuters3, reuters4, reuters5)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="dev-quotes-") as folder:
        tables, documents = extract(Path(folder))
    gold = read_gold(GOLD_DIR, "quotes.csv")
    actors = actors_gold()
    print(f"Speakers dev gold: {documents.shape[0]} stories, {len(gold)} quotes")
    line, rows = score_line(tables, gold, actors)
    all_rows = rows
    print(f"all{'':11}{line}")
    batches = documents.groupby("batch")["article_id"]
    for batch, ids in batches:
        line, batch_rows = score_line(tables, gold[gold["article_id"].isin(ids)], actors)
        print(f"{batch:<9}{len(ids):>3}  {line}")
        rows = batch_rows if batch == args.batch else rows
    print("why speakers of the whole set are wrong: " + "; ".join(
        f"{cause} {all_rows['speaker wrong: ' + cause]['n_predicted']}" for cause in SPEAKER_ERRORS))
    if args.details:
        print("\n".join(f"missed   {item}" for item in rows["detection"]["missed"]))
        print("\n".join(f"spurious {item}" for item in rows["detection"]["spurious"]))
        print("\n".join(f"wrong    {line}" for line in rows["speaker right"]["missed"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
