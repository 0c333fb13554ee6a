"""The figures dev gold: CoNLL-2003 *train* stories and rss2023 items whose figures were annotated by hand.

    .venv/bin/python -m benchmarks.dev_figures               # detection, kind, source, source actor
    .venv/bin/python -m benchmarks.dev_figures --details     # also every miss and wrong attribute
    .venv/bin/python -m benchmarks.dev_figures --predicted   # every predicted figure (for annotating)
    .venv/bin/python -m benchmarks.dev_figures --batch modern --details   # one batch's misses only

``tests/gold/dev_figures`` holds where each story is in ``../shared`` (``documents.csv``: a
CoNLL-2003 train or test story by document index, a Reuters-21578 story by file and NEWID, an
rss2023 Middle East feed item by line, whose title and description are the article, or some
sentences of one 2023 article of the
casualty_sentences benchmark by file and rows; with the ``batch`` each story belongs to:
"first" the stories the rules were tuned on, "modern" the 2023 war reporting added later,
"reuters" to "reuters5" wire stories like the unseen set's, CoNLL-2003 test and Reuters-21578 of 1987) and
its figures (``figures.csv``, whose header comments state the conventions: those of the unseen
set's figures). Unlike ``tests/gold/unseen``, this set is for reading and tuning. Scores:

* **detection**: precision and recall of (article, kind, value_low, value_high, n-th such
  figure), as :func:`helpers.evaluation.figures.evaluate` counts them; **numbers** the same
  without the kind (was the number found at all), and **kind** the share of the numbers found
  whose kind is right;
* **source**: over the figures found, the share whose ``source`` words are the gold's (the same,
  or one contains the other, as the unseen set scores it); then the wrong ones by cause, as the
  unseen benchmark counts them (:data:`helpers.evaluation.figures.SOURCE_ERRORS`: no source given,
  a source where the gold has none, another source);
* **source actor**: over the figures found whose gold names a source actor
  (``source_actor``: the actor's name and other forms, ``|``-separated), the share whose
  ``source_actor_id`` is that actor (one of its mentions in the article, or its name, is a
  gold form).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import sys
import tempfile
from pathlib import Path

import pandas as pd

from benchmarks.checkout import PROJECT_ROOT, SHARED
from benchmarks.dev_actors import CONLL_TRAIN
from benchmarks.unseen import conll_article, conll_documents, read_documents, reuters_article
from helpers.evaluation.figures import SOURCE_ERRORS, evaluate, source_error
from helpers.evaluation.scoring import prf, read_gold
from helpers.evaluation.unseen import normalise_form, without_headlines
from helpers.pipeline.run import extract_corpus

GOLD_DIR = PROJECT_ROOT / "tests" / "gold" / "dev_figures"
RSS_MIDEAST = SHARED / "corpora" / "rss2023" / "rss_2023_mideast_topical.jsonl.gz"
CASUALTY_SENTENCES = SHARED / "benchmarks" / "casualty_sentences"
CONLL_TEST = SHARED / "benchmarks" / "conll2003" / "test.txt"
#: The outlet of each casualty_sentences file, by the start of its name.
CASUALTY_OUTLETS = {"globe": "The Globe and Mail", "post": "National Post", "star": "Toronto Star",
                    "tagged_data_nyt": "The New York Times", "tagged_data_wp": "The Washington Post",
                    "tagged_data_wsj": "The Wall Street Journal"}


def rss_items(lines: set[int]) -> dict[int, dict]:
    """Return the rss2023 Middle East items at the given 0-based lines."""
    found: dict[int, dict] = {}
    with gzip.open(RSS_MIDEAST, "rt", encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            if number in lines:
                found[number] = json.loads(line)
            if len(found) == len(lines):
                break
    return found


def _iso_date(value: str) -> str:
    """Return a casualty_sentences date ("2023-10-07 15:01:58" or "10/13/2023") as YYYY-MM-DD."""
    if "/" in value:
        month, day, year = value.split()[0].split("/")
        return f"{year}-{int(month):02d}-{int(day):02d}"
    return value[:10]


def casualty_article(path: str, locator: str) -> tuple[str, str, str]:
    """Return (text, outlet, date) of some sentences of one casualty_sentences article.

    ``path`` is the CSV under ``casualty_sentences``, ``locator`` its 0-based data rows; the text is the
    title, a blank line and one paragraph per sentence, runs of spaces collapsed.
    """
    with (CASUALTY_SENTENCES / path).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    chosen = [rows[int(n)] for n in locator.split()]
    title = " ".join((chosen[0].get("title") or chosen[0]["article_title"]).split())
    sentences = [" ".join(r["sentence"].split()) for r in chosen]
    outlet = next(o for start, o in CASUALTY_OUTLETS.items() if Path(path).name.startswith(start))
    date = _iso_date(chosen[0].get("date") or chosen[0]["article_date"])
    return "\n\n".join([title, *sentences]) + "\n", outlet, date


def article_text(row: dict[str, str], stories: dict[str, list], items: dict[int, dict]) -> tuple[str, str, str]:
    """Return (text, outlet, date) of one ``documents.csv`` row.

    A CoNLL-2003 story (``stories`` holds each split's documents by source) or a Reuters-21578
    story is written as the unseen set writes one; an rss item as its title, a blank line and its
    description (a tab-indented line of it is a paragraph); casualty sentences as
    :func:`casualty_article` writes them.
    """
    if row["source"] == "rss2023/mideast":
        item = items[int(row["locator"])]
        body = "\n\n".join(p.strip() for p in item["description"].split("\n") if p.strip())
        return f"{item['title']}\n\n{body}\n", item["outlet"], item["date_published"][:10]
    if row["source"].startswith("casualty_sentences/"):
        return casualty_article(row["source"].split("/", 1)[1], row["locator"])
    if row["source"].startswith("reuters21578/"):
        article = reuters_article(row["article_id"], row["source"].split("/", 1)[1], row["locator"])
    else:
        article = conll_article(row["article_id"], stories[row["source"]][int(row["locator"])])
    return article.text(), "Reuters", article.published


def materialise(folder: Path, gold_dir: Path = GOLD_DIR) -> list[dict[str, str]]:
    """Write the dev articles into ``folder`` with a ``catalog.csv``; return ``documents.csv``'s rows."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = read_documents(gold_dir)
    stories = {"conll2003/train": conll_documents(CONLL_TRAIN), "conll2003/test": conll_documents(CONLL_TEST)}
    items = rss_items({int(r["locator"]) for r in rows if r["source"] == "rss2023/mideast"})
    with (folder / "catalog.csv").open("w", encoding="utf-8", newline="") as handle:
        catalog = csv.writer(handle)
        catalog.writerow(["article_id", "outlet", "published", "date_precision", "date_source"])
        for row in rows:
            text, outlet, published = article_text(row, stories, items)
            (folder / f"{row['article_id']}.txt").write_text(text, encoding="utf-8")
            catalog.writerow([row["article_id"], outlet, published, "day", "dateline"])
    return rows


def _number(value: object) -> str:
    """Return a value as a key ('' for none)."""
    return "" if value in ("", None) or pd.isna(value) else f"{float(value):g}"


def keyed(frame: pd.DataFrame, with_kind: bool = True) -> dict[tuple, dict]:
    """Key each figure by (article, [kind,] low, high, n-th such figure of the article in text order)."""
    found: dict[tuple, dict] = {}
    counts: dict[tuple, int] = {}
    for row in frame.to_dict("records"):
        base = (row["article_id"], *([row["kind"]] if with_kind else []),
                _number(row["value_low"]), _number(row["value_high"]))
        counts[base] = counts.get(base, 0) + 1
        found[(*base, counts[base])] = row
    return found


def actor_texts(mentions: pd.DataFrame) -> dict[tuple[str, str], set[str]]:
    """Return the normalised mention texts and name of each (article, actor id)."""
    texts: dict[tuple[str, str], set[str]] = {}
    for row in mentions[mentions["actor_id"].notna()].itertuples():
        texts.setdefault((row.article_id, row.actor_id), set()).update(
            t for t in (normalise_form(row.text), normalise_form(row.actor_name)) if t)
    return texts


def source_right(predicted: dict, gold: dict) -> bool:
    """Say whether a predicted source's words are the gold's (same, or one contains the other)."""
    return source_error(predicted["source"], gold["source"]) is None


def source_error_rows(pred: dict[tuple, dict], want: dict[tuple, dict], found: list[tuple]) -> list[dict]:
    """Return one score row per cause of a wrong source (:data:`SOURCE_ERRORS`), its share of the figures found."""
    causes = [source_error(pred[k]["source"], want[k]["source"]) for k in found]
    return [{"level": f"source wrong: {cause}", "n_predicted": len(found), "n_gold": len(found),
             "precision": 0.0, "recall": causes.count(cause) / len(found) if found else 0.0, "f1": 0.0}
            for cause in SOURCE_ERRORS]


def actor_right(predicted: dict, gold: dict, texts: dict[tuple[str, str], set[str]]) -> bool:
    """Say whether a predicted ``source_actor_id`` is the gold source actor."""
    actor_id = predicted.get("source_actor_id")
    if not isinstance(actor_id, str) or not actor_id:
        return False
    forms = {normalise_form(f) for f in gold["source_actor"].split("|") if f.strip()}
    return not forms.isdisjoint(texts.get((predicted["article_id"], actor_id), set()))


def score(tables: dict[str, pd.DataFrame], gold: pd.DataFrame) -> tuple[list[dict], list[str]]:
    """Return the score rows and one line per miss, spurious figure and wrong attribute."""
    articles = set(gold["article_id"])
    figures = tables["figures"][tables["figures"]["article_id"].isin(articles)]
    figures = figures.sort_values(["article_id", "start_char"])
    with tempfile.TemporaryDirectory(prefix="dev-figures-") as folder:
        gold.drop(columns=["source_actor"]).to_csv(Path(folder) / "figures.csv", index=False)
        rows = {r["level"]: r for r in evaluate({"figures": figures}, Path(folder))}
    pred, want = keyed(figures), keyed(gold)
    pred_n, want_n = keyed(figures, False), keyed(gold, False)
    matched = sorted(set(pred_n) & set(want_n))
    kind_right = {k for k in matched if pred_n[k]["kind"] == want_n[k]["kind"]}
    texts = actor_texts(tables["mentions"])
    found = sorted(set(pred) & set(want))
    with_actor = [k for k in found if want[k]["source_actor"]]
    out = [rows["detection"], prf(set(pred_n), set(want_n), "figures", "numbers"),
           {**prf(kind_right, set(matched), "figures", "kind")},
           {**prf({k for k in found if source_right(pred[k], want[k])}, set(found), "figures", "source")},
           *source_error_rows(pred, want, found),
           {**prf({k for k in with_actor if actor_right(pred[k], want[k], texts)}, set(with_actor),
                  "figures", "source actor")}]
    lines = [f"missed   {k} {want[k]['text']!r}" for k in sorted(set(want) - set(pred))]
    lines += [f"spurious {k} {pred[k]['text']!r}" for k in sorted(set(pred) - set(want))]
    lines += [f"source   {k} gold {want[k]['source']!r}, predicted {pred[k]['source']!r}" for k in found
              if not source_right(pred[k], want[k])]
    lines += [f"actor    {k} gold {want[k]['source_actor']!r}, predicted {pred[k]['source_actor_id']!r}"
              for k in with_actor if not actor_right(pred[k], want[k], texts)]
    return out, lines


def extract(gold_dir: Path = GOLD_DIR) -> dict[str, pd.DataFrame]:
    """Extract the dev stories with the current code; return the tables without the headlines' rows."""
    with tempfile.TemporaryDirectory(prefix="dev-figures-") as folder:
        corpus = Path(folder) / "corpus"
        documents = pd.DataFrame(materialise(corpus, gold_dir))
        return without_headlines(extract_corpus(corpus, use_cache=False).tables, documents)


def predicted_lines(tables: dict[str, pd.DataFrame]) -> list[str]:
    """Return one line per predicted figure: article, text, kind, range, source and source actor, sentence."""
    sentences = tables["sentences"].set_index(["article_id", "sentence_id"])["text"]
    return [f"{r.article_id}\t{r.text}\t{r.kind}\t{r.value_low}\t{r.value_high}\t{r.source}\t{r.source_actor_id}"
            f"\t{sentences.get((r.article_id, r.sentence_id), '')[:160]}"
            for r in tables["figures"].sort_values(["article_id", "start_char"]).itertuples()]


def score_lines(rows: list[dict]) -> list[str]:
    """Return the score rows as printed lines."""
    lines = []
    for row in rows:
        counts = f"({round(row['recall'] * row['n_gold'])}/{row['n_gold']})"
        if row["level"] in ("detection", "numbers"):
            lines.append(f"{row['level']:13} P {row['precision']:.3f} R {row['recall']:.3f} F1 {row['f1']:.3f} "
                         f"({row['n_predicted']}/{row['n_gold']})")
        elif row["level"].startswith("source wrong"):
            lines.append(f"  {row['level'][14:]:34} {row['recall']:.3f} {counts}")
        else:
            lines.append(f"{row['level']:13} acc {row['recall']:.3f} {counts}")
    return lines


def main(argv: list[str] | None = None) -> int:
    """Extract the dev stories and print the figure scores, over all stories and per batch."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.dev_figures", description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true", help="also print misses and wrong attributes")
    parser.add_argument("--predicted", action="store_true", help="print every predicted figure")
    parser.add_argument("--batch", help="details (or predicted figures) of this batch's stories only "
                        "(first, modern, reuters, reuters2, reuters3, reuters4, reuters5)")
    args = parser.parse_args(argv)
    batches = pd.DataFrame(read_documents(GOLD_DIR)).groupby("batch")["article_id"]
    tables = extract()
    shown = set(batches.get_group(args.batch)) if args.batch else set(tables["articles"]["article_id"])
    if args.predicted:
        print("\n".join(predicted_lines({**tables, "figures": tables["figures"][
            tables["figures"]["article_id"].isin(shown)]})))
        return 0
    gold = read_gold(GOLD_DIR, "figures.csv")
    print(f"Figures dev gold: {gold['article_id'].nunique()} articles, {len(gold)} figures")
    print("all", *score_lines(score(tables, gold)[0]), sep="\n  ")
    for batch, ids in batches:
        part = gold[gold["article_id"].isin(set(ids))]
        print(f"{batch} ({part['article_id'].nunique()} articles, {len(part)} figures)",
              *score_lines(score(tables, part)[0]), sep="\n  ")
    if args.details:
        print("\n".join(score(tables, gold[gold["article_id"].isin(shown)])[1]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
