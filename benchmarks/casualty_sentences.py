"""Casualty sentences against the hand labels of ../shared/benchmarks/casualty_sentences, in one run.

    .venv/bin/python -m benchmarks.casualty_sentences      # about 10 minutes on a cold cache

Both sentence collections are read as corpora through ``benchmarks/corpora/*.yaml``
(the files stay read-only where they are) and extracted with the project's pipeline;
every measure below compares the ``casualties`` table with the labels, row by row.

1. **Victims' side and responsible party** on the 6,270 labelled Canadian sentences
   (Globe and Mail, National Post, Toronto Star): macro-F1 and a confusion table per
   paper for (a) the keyword rule of the FINDINGS (a death word, then "Palestin|Gaza" or
   "Israel"; for responsibility "Hamas" or "Israel" before the death word), (b) our rules
   alone, (c) our rules with a classifier trained on the *other two* papers and the US
   files (their victims' side only, in their own convention, see below; a US sentence
   whose text is also in the tested paper is left out of its training; the margin by which
   a party's classifier must say yes is chosen inside that training data, by leaving each of
   the two papers out in turn, :func:`benchmarks.casualty_data.choose_margins`, so nothing
   of the tested paper is looked at), and the mean of
   (c) trained without the US files, to show what they add. The shipped model
   is trained on all six files, so it is never scored here. A test sentence whose words
   also appear in the two training papers (wire copy printed twice) is left out of that
   paper's test. Those sentences printed in two papers carry two papers' labels: scored
   against each other they show what a test against one paper's labellers can reach
   (:func:`report_agreement`).
2. **Grammar against the voice tags** of the Washington Post file (and, beside it, the
   New York Times and Wall Street Journal files). These tags are machine-made (the
   authors' Stanford CoreNLP rule: a death verb with a passive subject or auxiliary is
   PASSIVE, with a subject ACTIVE); a sentence repeated once per death verb is compared
   once, with its first tag. Our ``active`` and ``intransitive`` read as ACTIVE,
   ``passive`` and ``passive_agent`` as PASSIVE, ``nominal`` as neither (a disagreement).
3. **Per-day counts by side** on the NYT, WP and WSJ files against the authors' counts:
   a row counts for a side when its label is that side or "both", on its article's date
   (the NYT counts of ``ocha_data_comparison.csv`` are exactly these; for WP and WSJ they
   are computed from the labelled rows the same way). Our count is of the same rows, by the
   side we give the row's sentence (model where it labels, else rules). The model of an
   outlet never saw it: trained on the Canadian papers and the *other* US outlets, less any
   sentence whose text is in the counted outlet's files. The US authors label victims by
   place (an American killed in Israel is Israeli; the Canadian labels say "Neither") and
   give every row a side, so their sentences train with the marker word
   ``casualty_model.PLACE_CONVENTION`` and the counting model answers in that convention
   (a victim's nationality then does not keep the model out, see ``in_domain``). A row is
   matched to the article holding its text after cleaning (a caption printed under two
   photographers' credits is extracted once). Each row is read as an article of one
   sentence, so the model's gate (its article names one of its parties) would see that
   sentence alone; each row is given the parties named in the rows of its article
   (``article_index``) and in its title, as a whole article would. The rows we give no side
   are counted by why (no casualty sentence, model not applied and why, model said
   "Neither"), and all rows by the authors' side against ours (most of a day's error is rows
   given the wrong side, not rows missed). A day agrees when both sides' counts are within
   10% of the authors'.
"""

from __future__ import annotations

import dataclasses
import logging
import math
import re
import sys

import pandas as pd
from sklearn.metrics import f1_score

from benchmarks.casualty_data import (
    CANADIAN,
    PAPERS,
    US,
    final_parties,
    fit,
    labelled_casualties,
    read_canadian,
    read_rows,
    responsible_label,
    sentence_parties,
    side_label,
    us_labelled,
)
from benchmarks.casualty_data import extracted_id as extracted_ids
from helpers.extract import casualty_model
from helpers.extract.actors import gazetteer_mentions, registry_index
from helpers.extract.casualties import apply_model, side_index
from helpers.extract.registry import Registry, load_registry
from helpers.pipeline.run import extract_corpus

DEATH_WORD = re.compile(r"\b(kill|die|dead|death|murder|massacre|slaughter|slain|fatalit|execut|behead|"
                        r"assassinat|shot|stab|casualt|toll)", re.IGNORECASE)
VOICE = {"active": "ACTIVE", "intransitive": "ACTIVE", "passive": "PASSIVE", "passive_agent": "PASSIVE"}
TOLERANCE = 0.10
TARGETS = {"victims": 0.75, "responsible": 0.70, "voice": 0.85, "days": 0.80}


# --- the keyword baseline -------------------------------------------------------------------------

def keyword_victims(text: str) -> str:
    """Return the keyword rule's victims' side: the side words after the first death word."""
    match = DEATH_WORD.search(text)
    after = text[match.end():].lower() if match else ""
    palestinian, israeli = bool(re.search(r"palestin|gaza", after)), "israel" in after
    return "Both" if palestinian and israeli else "Palestinian" if palestinian else "Israeli" if israeli else "Neither"


def keyword_responsible(text: str) -> str:
    """Return the keyword rule's responsible party: "Hamas" or "Israel" before the first death word."""
    match = DEATH_WORD.search(text)
    before = text[: match.start()].lower() if match else ""
    hamas, israel = "hamas" in before, "israel" in before
    return "Both" if hamas and israel else "Hamas" if hamas else "Israel" if israel else "Neither"


# --- 1. victims and responsibility --------------------------------------------------------------------

def per_article(casualties: pd.DataFrame, victims: pd.Series, responsible: pd.Series) -> pd.DataFrame:
    """Return the union of parties per article (a labelled row split into sentences is one article)."""
    frame = casualties[["article_id"]].assign(victims=victims.values, responsible=responsible.values)
    return frame.groupby("article_id").agg(victims=("victims", _union), responsible=("responsible", _union))


def _union(values: pd.Series) -> list[str]:
    """Return every party of a column of party lists, once."""
    return list(dict.fromkeys(p for parties in values for p in parties))


def _labels(found: pd.DataFrame, extracted: pd.Series) -> tuple[list[str], list[str]]:
    """Return the labels of each labelled row from its article's parties (none found: Neither)."""
    victims = [side_label(found["victims"].get(e, [])) if isinstance(e, str) else "Neither" for e in extracted]
    responsible = [responsible_label(found["responsible"].get(e, [])) if isinstance(e, str) else "Neither"
                   for e in extracted]
    return victims, responsible


def cross_outlet(tables: dict, rows: pd.DataFrame, registry: Registry, us: pd.DataFrame) -> pd.DataFrame:
    """Return each labelled row of each paper with the three systems' labels.

    The model of a paper is trained on the other two papers and on the US files (``us``,
    :func:`us_labelled`), less any US sentence whose text is in the tested paper. It labels the
    paper's casualty sentences as the extractor does, in their article (:func:`in_article_context`:
    the rows of one ``url``): only where its gate lets it (the article names one of its parties,
    the rules found no party it does not know: "six Canadians were killed" keeps the rules'
    parties); the rest keep the rules' parties.
    """
    frame = labelled_casualties(tables, rows, registry)
    rules = per_article(tables["casualties"], tables["casualties"]["victim_sides"].map(list),
                        tables["casualties"]["responsible"].map(list))
    results = []
    for paper in PAPERS:
        train = frame[frame["file"] != paper]
        tested_keys = set(rows.loc[rows["file"] == paper, "key"])
        model = fit(pd.concat([train, us[~us["key"].isin(tested_keys)]], ignore_index=True))
        test = rows[(rows["file"] == paper) & ~rows["key"].isin(set(train["key"]))].copy()
        casualties = in_article_context(tables, test, registry, model)["casualties"]
        casualties = casualties[casualties["article_id"].isin(set(test["extracted"].dropna()))]
        found = per_article(casualties, final_parties(casualties, "victim_sides"),
                            final_parties(casualties, "responsible"))
        test["model_victims"], test["model_responsible"] = _labels(found, test["extracted"])
        test["rules_victims"], test["rules_responsible"] = _labels(rules, test["extracted"])
        test["keyword_victims"] = test["sentence"].map(keyword_victims)
        test["keyword_responsible"] = test["sentence"].map(keyword_responsible)
        results.append(test)
    return pd.concat(results, ignore_index=True)


def report_sides(scored: pd.DataFrame) -> dict[str, float]:
    """Print macro-F1 per paper and system, and the model's confusion tables; return the mean F1s."""
    means = {}
    for target, gold in (("victims", "victim"), ("responsible", "responsible")):
        print(f"\n1. {target}: macro-F1 per paper (test = one paper; model trained on the other two and the US files)")
        table = pd.DataFrame({system: {PAPERS[p]: f1_score(part[gold], part[f"{system}_{target}"], average="macro")
                                       for p, part in scored.groupby("file")}
                              for system in ("keyword", "rules", "model")})
        table.loc["mean of papers"] = table.mean()
        print(table.round(3).to_string())
        means[target] = float(table.loc["mean of papers", "model"])
        print(f"   ours (rules + model) mean {means[target]:.3f}  [{_verdict(means[target], TARGETS[target])}]")
        for paper, part in scored.groupby("file"):
            print(f"\n   confusion, {PAPERS[paper]} ({len(part)} sentences; rows: hand label, columns: ours)")
            print(pd.crosstab(part[gold], part[f"model_{target}"]).to_string().replace("\n", "\n   "))
    return means


def report_canadian_only(scored: pd.DataFrame) -> None:
    """Print the model's mean macro-F1s when trained on the other two papers alone (no US files)."""
    means = {target: pd.Series({p: f1_score(part[gold], part[f"model_{target}"], average="macro")
                                for p, part in scored.groupby("file")}).mean()
             for target, gold in (("victims", "victim"), ("responsible", "responsible"))}
    print(f"\n   beside it, the model trained on the other two papers alone (no US files): victims "
          f"{means['victims']:.3f}, responsible {means['responsible']:.3f}")


def report_agreement(rows: pd.DataFrame) -> None:
    """Print how far two papers' labellers agree on the same sentence (wire copy printed in both).

    The model of a paper is tested against that paper's labellers after learning from the other
    two papers'; on the sentences two papers both printed, one paper's labels scored against the
    other's show what such a test can reach.
    """
    labelled = rows.drop_duplicates(["file", "key"])
    pairs = labelled.merge(labelled, on="key")
    pairs = pairs[pairs["file_x"] < pairs["file_y"]]
    scores = {target: (float((pairs[f"{target}_x"] == pairs[f"{target}_y"]).mean()),
                       f1_score(pairs[f"{target}_x"], pairs[f"{target}_y"], average="macro"))
              for target in ("victim", "responsible")}
    print(f"\n   two papers' labels of the same sentence ({len(pairs)} sentences printed in two papers): "
          + ", ".join(f"{target} agree {same:.3f}, macro-F1 {f1:.3f}" for target, (same, f1) in scores.items()))


# --- 2. grammar against the voice tags --------------------------------------------------------------

def report_voice(tables: dict, rows: pd.DataFrame) -> float:
    """Print the agreement of our grammar with each file's voice tags; return the Post's."""
    grammar = tables["casualties"].drop_duplicates("article_id").set_index("article_id")["grammar"]
    tagged = rows[rows["auto_tagged_voice"].fillna("").isin(["ACTIVE", "PASSIVE"])]
    tagged = tagged.drop_duplicates("key")
    print("\n2. grammar against the machine-made voice tags (one row per distinct sentence)")
    post = 0.0
    for file, part in tagged.groupby("file"):
        ours = part["extracted"].map(lambda e: VOICE.get(grammar.get(e, ""), "none") if isinstance(e, str) else "none")
        agreement = float((ours == part["auto_tagged_voice"]).mean())
        print(f"   {file}: {agreement:.3f} of {len(part)} tagged sentences")
        print("   " + pd.crosstab(part["auto_tagged_voice"], ours).to_string().replace("\n", "\n   "))
        post = agreement if "_wp_" in file else post
    print(f"   Washington Post agreement {post:.3f}  [{_verdict(post, TARGETS['voice'])}]")
    return post


# --- 3. per-day counts by side ------------------------------------------------------------------------

def _outlet(file: str) -> str:
    """Return the outlet of a US file."""
    return {"nyt": "The New York Times", "wp": "The Washington Post", "wsj": "The Wall Street Journal"}[
        file.split("_")[2]]


def row_sides(tables: dict, rows: pd.DataFrame) -> pd.DataFrame:
    """Return the rows with the side we give each (``ours``: model where it labels, else rules; ``rules``)."""
    casualties = tables["casualties"]
    found = per_article(casualties, final_parties(casualties, "victim_sides"),
                        final_parties(casualties, "responsible"))
    rules = per_article(casualties, casualties["victim_sides"].map(list), casualties["responsible"].map(list))
    ours, _ = _labels(found, rows["extracted"])
    by_rules, _ = _labels(rules, rows["extracted"])
    reasons = why_no_side(casualties, rows["extracted"][[o == "Neither" for o in ours]])
    print(f"   {_outlet(rows['file'].iloc[0])}: no side for {ours.count('Neither') / len(ours):.1%} of {len(ours)} "
          f"rows (rules alone: {by_rules.count('Neither') / len(ours):.1%}); why: {reasons.to_dict()}")
    print("   its rows by the authors' side (rows) and ours (columns); a day's counts are off by the rows off the "
          "diagonal\n   " + pd.crosstab(rows["category"].fillna(""), pd.Series(ours, index=rows.index, name="ours"))
          .to_string().replace("\n", "\n   "))
    return rows.assign(ours=ours, rules=by_rules)


def daily_counts(frame: pd.DataFrame) -> pd.DataFrame:
    """Return the authors' and our per-day counts of casualty rows by side, per outlet.

    ``frame``: the rows with our side (:func:`row_sides`).
    """
    frame = frame.assign(outlet=frame["file"].map(_outlet),
                         day=pd.to_datetime(frame["article_date"], format="mixed").dt.date)
    counts = []
    for side, label, category in (("Palestinian", "Palestinian", "palestine"), ("Israeli", "Israeli", "israel")):
        theirs = frame["category"].isin([category, "both"])
        mine = frame["ours"].isin([label, "Both"])
        grouped = frame.assign(theirs=theirs, mine=mine).groupby(["outlet", "day"])[["theirs", "mine"]].sum()
        counts.append(grouped.assign(side=side).reset_index())
    return pd.concat(counts, ignore_index=True)


def outlet_sides(tables: dict, rows: pd.DataFrame, registry: Registry, training: pd.DataFrame) -> pd.DataFrame:
    """Return :func:`row_sides` of each US outlet, labelled by a model that never saw that outlet.

    The model of an outlet is trained on ``training`` (the Canadian papers and the US files,
    labelled) less that outlet's rows and any sentence whose text is in them; it answers in
    the US files' convention (:data:`casualty_model.PLACE_CONVENTION`) and is applied in
    article context (:func:`in_article_context`).
    """
    sided = []
    for outlet, part in rows.groupby(rows["file"].map(_outlet)):
        keys = set(part["key"])
        model = fit(training[(training["outlet"] != outlet) & ~training["key"].isin(keys)])
        model = dataclasses.replace(model, convention=casualty_model.PLACE_CONVENTION)
        sided.append(row_sides(in_article_context(tables, part, registry, model), part))
    return pd.concat(sided)


def in_article_context(tables: dict, rows: pd.DataFrame, registry: Registry,
                       model: casualty_model.CasualtyModel | None = None) -> dict:
    """Return the tables with the model applied to each casualty sentence as in its whole article.

    A row of the US files is read as an article of one sentence, so the model's gate (the
    article names one of its parties, :func:`helpers.extract.casualties.apply_model`) sees that
    sentence alone; a real article names its parties elsewhere too. The files say which rows
    share an article (``file``, ``article_index``) and its title (``article_title``): the
    parties named in any of its rows or in its title (registry names and demonyms) are the
    article's, and the extractor's own :func:`apply_model` is run again with them (with
    ``model``, else the shipped one), once per article on the casualty sentences of all its
    rows, as the extractor runs it on a whole article's (a sentence that is a row of two
    articles goes with the first); the shipped model's labels of these rows are cleared first
    (it was trained on them). The Canadian files say the same by ``url`` and ``title``.
    """
    parties = sentence_parties(tables, registry)
    named: dict[str, set[str]] = {}
    for (article_id, _), found in parties.items():
        named.setdefault(article_id, set()).update(found)
    rows = rows.dropna(subset=["extracted"])
    article, title_column = ("article_index", "article_title") if "article_index" in rows else ("url", "title")
    titles = rows[title_column] if title_column in rows else pd.Series("", index=rows.index)
    context: dict[str, set[str]] = {}
    articles = []
    for (_, _, title), members in rows.groupby(["file", article, titles.fillna("")])["extracted"]:
        found = set().union(*(named.get(m, set()) for m in members), title_parties(title, registry))
        for member in members:
            context.setdefault(member, set()).update(found)
        articles.append(list(dict.fromkeys(members)))
    text = tables["sentences"].set_index(["article_id", "sentence_id"])["text"]
    records = tables["casualties"].to_dict("records")
    indexes = pd.Series(range(len(records))).groupby([r["article_id"] for r in records]).agg(list).to_dict()
    for members in article_units(articles, list(dict.fromkeys(rows["extracted"]))):
        chosen = [records[i] for member in members for i in indexes.get(member, [])]
        for record in chosen:  # the extraction's labels are the shipped model's, which saw these rows
            record["model_victim_sides"] = record["model_responsible"] = None
        keys = [(r["article_id"], r["sentence_id"]) for r in chosen]
        found = set().union(*(context.get(member, set()) for member in members))
        apply_model(chosen, [(text[k], parties[k]) for k in keys], found, model)
    return {**tables, "casualties": pd.DataFrame(records, columns=tables["casualties"].columns)}


def article_units(articles: list[list[str]], extracted: list[str]) -> list[list[str]]:
    """Return the extracted rows (their article ids) to label together: each article's, then each other alone.

    A row in two articles (one sentence in two of the files' articles) goes with the first.

    >>> article_units([["a", "b"], ["b", "c"]], ["a", "b", "c", "d"])
    [['a', 'b'], ['c'], ['d']]
    """
    taken: set[str] = set()
    units = []
    for members in [*articles, *([e] for e in extracted)]:
        unit = [m for m in members if m not in taken]
        taken.update(unit)
        units += [unit] if unit else []
    return units


def title_parties(title: str, registry: Registry) -> set[str]:
    """Return the parties a title names: its registry names (the gazetteer) and demonyms."""
    mentions = [dataclasses.asdict(m) for m in gazetteer_mentions(title, registry_index(registry))]
    return set(side_index(registry).text_parties(title, mentions))


def why_no_side(casualties: pd.DataFrame, extracted: pd.Series) -> pd.Series:
    """Count rows given no side (``extracted``: their article ids) by why.

    No casualty sentence; the model applied (and said "Neither"); or the model not applied,
    either because the rules found a victims' party it does not know (an American victim, a death in
    Lebanon: the row takes the rules' parties, no side of these two) or because the article
    names none of its parties. A row of these files is an article of one sentence, so a
    sentence naming no party ("52 people in the kibbutz were killed") names none unless its
    article's other rows do (:func:`in_article_context`).
    """
    has_casualty = set(casualties["article_id"])
    labelled = set(casualties.loc[casualties["model_victim_sides"].notna(), "article_id"])
    foreign = set(casualties.loc[[not set(f) <= casualty_model.DOMAIN for f in casualties["victim_sides"].map(list)],
                                 "article_id"])
    reasons = ["no casualty sentence" if e not in has_casualty else "model said Neither" if e in labelled
               else "model not applied: rules found another party" if e in foreign
               else "model not applied: article names none of its parties" for e in extracted]
    return pd.Series(reasons, dtype=object).value_counts()


def report_days(counts: pd.DataFrame) -> float:
    """Print per outlet the share of days whose two sides are within the tolerance; return the overall share."""
    counts = counts.assign(within=(counts["mine"] - counts["theirs"]).abs() <= TOLERANCE * counts["theirs"])
    days = counts.groupby(["outlet", "day"])["within"].all().reset_index()
    print(f"\n3. per-day counts by side (a day agrees when both sides are within {TOLERANCE:.0%} of the authors')")
    for outlet, part in days.groupby("outlet"):
        print(f"   {outlet}: {part['within'].mean():.2f} of {len(part)} days")
    wide = counts.pivot_table(index=["outlet", "day"], columns="side", values=["theirs", "mine"])
    print("   " + wide.to_string().replace("\n", "\n   "))
    misses = missed_sides(counts)
    print(f"   the sides that miss ({len(misses)}, on {misses[['outlet', 'day']].drop_duplicates().shape[0]} days); "
          f"'beyond': rows past the tolerance, 'small': fewer than {1 / TOLERANCE:.0f} rows, where one row is "
          f"past it\n   " + misses.to_string(index=False).replace("\n", "\n   "))
    share = float(days["within"].mean())
    print(f"   all outlets: {share:.2f} of {len(days)} days  [{_verdict(share, TARGETS['days'])}]")
    return share


def missed_sides(counts: pd.DataFrame) -> pd.DataFrame:
    """Return the outlet-day-sides whose count is off by more than the tolerance, with how far past it.

    ``beyond``: how many rows past the tolerance (rounded up); ``small``: the authors counted
    fewer than ``1 / TOLERANCE`` rows, so a single row given the wrong side misses the day.

    >>> missed_sides(pd.DataFrame({"outlet": ["A", "A"], "day": [1, 2], "side": ["Israeli"] * 2,
    ...                            "theirs": [7, 40], "mine": [8, 41]})).to_dict("records")
    [{'outlet': 'A', 'day': 1, 'side': 'Israeli', 'theirs': 7, 'mine': 8, 'beyond': 1, 'small': True}]
    """
    off = (counts["mine"] - counts["theirs"]).abs() - TOLERANCE * counts["theirs"]
    misses = counts.loc[off > 0, ["outlet", "day", "side", "theirs", "mine"]]
    return misses.assign(beyond=off[off > 0].map(math.ceil).astype(int),
                         small=misses["theirs"] < 1 / TOLERANCE).reset_index(drop=True)


def _verdict(value: float, target: float) -> str:
    """Return whether a measure meets its target."""
    return f"{'meets' if value >= target else 'MISSES'} >= {target}"


def run() -> dict[str, float]:
    """Extract both collections, print every measure, return the headline numbers."""
    registry = load_registry()
    canadian = read_canadian()
    tables = extract_corpus(CANADIAN, progress=True).tables
    canadian = canadian.assign(extracted=extracted_ids(canadian, tables["articles"]))
    us_tables = extract_corpus(US, progress=True).tables
    us = read_rows(US)
    us = us.assign(extracted=extracted_ids(us, us_tables["articles"]))
    us_frame = us_labelled(us_tables, us, registry)
    results = report_sides(cross_outlet(tables, canadian, registry, us_frame))
    report_canadian_only(cross_outlet(tables, canadian, registry, us_frame.iloc[:0]))
    report_agreement(canadian)
    results["voice"] = report_voice(us_tables, us)
    print("\n3. per-day counts; each outlet's rows labelled by a model trained on the Canadian papers and the "
          "other US outlets, each row with its article's parties (the rows of one article_index)")
    training = pd.concat([labelled_casualties(tables, canadian, registry).assign(outlet=lambda f: f["file"]),
                          us_frame.assign(outlet=us_frame["file"].map(_outlet))], ignore_index=True)
    results["days"] = report_days(daily_counts(outlet_sides(us_tables, us, registry, training)))
    return results


def main() -> int:
    """Run the benchmark."""
    logging.basicConfig(level=logging.WARNING)
    pd.set_option("display.width", 200)
    run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
