"""Outside check of actor recognition on CoNLL-2003 (run by hand, not by the tests).

    .venv/bin/python benchmarks/conll_ner.py [--split test] [--threshold]

Prints exact-span mention precision, recall and F1 for PER, ORG and LOC of
(a) spaCy's model alone (its entities, labels mapped PERSON->PER, ORG->ORG,
GPE/LOC/FAC->LOC) and (b) ``helpers.extract.actors.extract_mentions`` with the shipped
registry (registry types mapped: person->PER; organization, armed_group,
government_body, media->ORG; state, place->LOC; group ignored), overall and on the
Middle East stories (documents with at least three regional keywords).
Role mentions ("the Israeli prime minister") are left out of (b): CoNLL marks only
names, so they would count as errors although they are right.

``--threshold`` prints the score study behind ``actors.FUZZY_THRESHOLD``: the best
:func:`helpers.extract.actors.name_score` of true spelling variants (not in the registry)
against the registry, and of CoNLL-2003 names that are not registry actors.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from helpers.corpus import Article
from helpers.corpus.cleaning import CleanArticle
from helpers.extract import actors
from helpers.extract.nlp import load_model
from helpers.extract.parsed import parse_article
from helpers.extract.registry import load_registry

CONLL_DIR = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "conll2003"
SPACY_MAP = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
TYPE_MAP = {"person": "PER", "organization": "ORG", "armed_group": "ORG", "government_body": "ORG",
            "media": "ORG", "state": "LOC", "place": "LOC", **SPACY_MAP}
CONLL_TYPES = {"PER": actors.LABEL_TYPES["PERSON"], "ORG": actors.LABEL_TYPES["ORG"], "LOC": actors.LABEL_TYPES["GPE"]}
MIDEAST = re.compile(r"\b(Israel|Israeli|Palestinian|PLO|Arafat|Netanyahu|Hamas|Hizbollah|Gaza|West Bank|"
                     r"Jerusalem|Lebanon|Lebanese|Syria|Syrian|Iran|Iranian|Tehran|Iraq|Iraqi|Baghdad|Jordan|"
                     r"Egypt|Egyptian|Saudi|Kuwait|Gulf|Arab|Kurdish|Kurds)\b")

# True spelling variants and transliterations, none of them a registry alias, with the actor they name.
TRUE_VARIANTS = {
    "Khamneie": "ali_khamenei", "Ayatollah Ali Khamenai": "ali_khamenei", "Ali Khamenei'": "ali_khamenei",
    "Mohammed Zarif": "mohammad_javad_zarif", "Mohamad Javad Zarif": "mohammad_javad_zarif",
    "Jawad Zarif": "mohammad_javad_zarif", "Izz al-Din al-Kassam Brigades": "al_qassam_brigades",
    "Ezzedeen al-Qassam Brigades": "al_qassam_brigades", "Qasim Soleimani": "qassem_soleimani",
    "Ghassem Soleimani": "qassem_soleimani", "Hasan Nasralla": "hassan_nasrallah",
    "Ismael Haniyeh": "ismail_haniyeh", "Esmail Haniyeh": "ismail_haniyeh", "Mahmud Abbas": "mahmoud_abbas",
    "Hossein Amir Abdollahiyan": "hossein_amir_abdollahian", "Ebrahim Raeesi": "ebrahim_raisi",
    "Hizbolah": "hezbollah", "Hezballah": "hezbollah", "Benyamin Netanyahu": "benjamin_netanyahu",
    "Khalid Meshaal": "khaled_mashaal", "Mahmoud Zahhar": "mahmoud_al_zahar", "Salih al-Aruri": "saleh_al_arouri",
    "Hassan Rohani": "hassan_rouhani", "Yehya Sinwar": "yahya_sinwar", "Osama Hamadan": "osama_hamdan",
    "Ahmadinejhad": "mahmoud_ahmadinejad", "Hossein Salamy": "hossein_salami", "Quds Forces": "quds_force",
    "Revolutionary Guards Corp": "irgc", "Palestinian Islamic Jihaad": "palestinian_islamic_jihad",
    "Washington Institute for Near-East Policy": "washington_institute", "Fars new agency": "fars",
    "Tasnim News": "tasnim", "Erdogen": "recep_tayyip_erdogan", "Abdel Fatah al-Sisi": "abdel_fattah_el_sisi",
}


@dataclass
class ConllDoc:
    """One CoNLL document: its text (a sentence a line) and gold (start, end, type) spans."""

    text: str
    lines: list[tuple[int, int]]
    gold: set[tuple[int, int, str]]


def _flush(tokens: list[tuple[str, str]], offset: int, gold: set) -> tuple[str, int]:
    """Return a sentence's text and add its gold entities (IOB1 or IOB2 tags) to ``gold``."""
    pieces, pos, current = [], offset, None
    for word, tag in tokens:
        start, end = pos, pos + len(word)
        kind = tag[2:] if tag != "O" else None
        if kind and current and current[2] == kind and not tag.startswith("B-"):
            current[1] = end
        else:
            if current and current[2] in ("PER", "ORG", "LOC"):
                gold.add(tuple(current))
            current = [start, end, kind] if kind else None
        pieces.append(word)
        pos = end + 1
    if current and current[2] in ("PER", "ORG", "LOC"):
        gold.add(tuple(current))
    return " ".join(pieces), pos - 1


def read_conll(path: Path) -> list[ConllDoc]:
    """Return the documents of a CoNLL-2003 file."""
    docs: list[ConllDoc] = []
    text, lines, gold, tokens = [], [], set(), []
    offset = 0

    def end_sentence() -> None:
        nonlocal offset, tokens
        if tokens:
            sentence, end = _flush(tokens, offset, gold)
            text.append(sentence)
            lines.append((offset, end))
            offset = end + 1
        tokens = []

    for raw in path.read_text(encoding="utf-8").splitlines():
        if raw.startswith("-DOCSTART-"):
            end_sentence()
            if text:
                docs.append(ConllDoc("\n".join(text), lines, gold))
            text, lines, gold, offset = [], [], set(), 0
        elif not raw.strip():
            end_sentence()
        else:
            parts = raw.split()
            tokens.append((parts[0], parts[-1]))
    end_sentence()
    if text:
        docs.append(ConllDoc("\n".join(text), lines, gold))
    return docs


def _published(text: str) -> dt.date:
    """Return the first dateline date of a document (CoNLL test: December 1996)."""
    match = re.search(r"\b(19\d\d-\d\d-\d\d)\b", text)
    return dt.date.fromisoformat(match.group(1)) if match else dt.date(1996, 12, 6)


def _score(pred: set, gold: set) -> tuple[float, float, float]:
    """Return precision, recall and F1 of two sets of spans."""
    hits = len(pred & gold)
    p = hits / len(pred) if pred else 0.0
    r = hits / len(gold) if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def run_benchmark(split: str) -> None:
    """Print spaCy-alone vs our recognition on one CoNLL split."""
    docs = read_conll(CONLL_DIR / f"{split}.txt")
    registry, nlp = load_registry(), load_model()
    totals = {key: Counter() for key in ("all", "mideast")}
    parsed_docs = nlp.pipe((d.text for d in docs), batch_size=32)
    for number, (conll, doc) in enumerate(zip(docs, parsed_docs, strict=True)):
        article = Article(f"conll-{number}", "", CleanArticle(conll.text, conll.lines),
                          published=_published(conll.text), published_precision="day")
        rows = actors.extract_mentions(parse_article(article, doc), registry)
        ours = {(r["start_char"], r["end_char"], TYPE_MAP[r["actor_type"]]) for r in rows
                if r["method"] != "role" and r["actor_type"] in TYPE_MAP}
        spacy_only = {(e.start_char, e.end_char, SPACY_MAP[e.label_]) for e in doc.ents if e.label_ in SPACY_MAP}
        keys = ["all"] + (["mideast"] if len(MIDEAST.findall(conll.text)) >= 3 else [])
        for key in keys:
            totals[key]["docs"] += 1
            totals[key]["gold"] += len(conll.gold)
            for name, pred in (("spacy", spacy_only), ("ours", ours)):
                totals[key][f"{name}_pred"] += len(pred)
                totals[key][f"{name}_hit"] += len(pred & conll.gold)
    for key, t in totals.items():
        print(f"{split} / {key}: {t['docs']} documents, {t['gold']} gold PER/ORG/LOC mentions")
        for name in ("spacy", "ours"):
            p = t[f"{name}_hit"] / t[f"{name}_pred"] if t[f"{name}_pred"] else 0.0
            r = t[f"{name}_hit"] / t["gold"] if t["gold"] else 0.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            print(f"  {name:6} P {p:.3f}  R {r:.3f}  F1 {f:.3f}")


def threshold_study() -> None:
    """Print the score distributions behind ``actors.FUZZY_THRESHOLD``."""
    registry = load_registry()
    index = actors.registry_index(registry)
    aliases = set(index.alias_actor)
    positives = []
    for variant, actor_id in TRUE_VARIANTS.items():
        assert variant not in aliases, variant
        best, score = actors.best_fuzzy(variant, index)
        positives.append((score, variant, best, actor_id))
    negatives = []
    names: set[tuple[str, str]] = set()
    for split in ("train", "test"):
        for conll in read_conll(CONLL_DIR / f"{split}.txt"):
            names.update((conll.text[s:e], kind) for s, e, kind in conll.gold)
    normalised = {actors.normalise_name(a) for a in aliases}
    for name, kind in sorted(names):
        if actors.normalise_name(name) in normalised or name in index.demonyms:
            continue
        best, score = actors.best_fuzzy(name, index, CONLL_TYPES[kind])
        if best:
            negatives.append((score, name, best))
    positives.sort()
    negatives.sort(reverse=True)
    print(f"true variants ({len(positives)}): right actor at best score for "
          f"{sum(b == a for _, _, b, a in positives)}")
    for score, variant, best, actor_id in positives[:10]:
        print(f"  {score:5.1f}  {variant!r} -> {best} (true {actor_id})")
    print(f"CoNLL-2003 names not in the registry ({len(negatives)}), highest scores:")
    for score, name, best in negatives[:25]:
        print(f"  {score:5.1f}  {name!r} -> {best}")
    for threshold in (80, 82.5, 85, 86, 87, 87.5, 88, 90):
        tp = sum(s >= threshold and b == a for s, _, b, a in positives)
        fp = sum(s >= threshold for s, _, _ in negatives)
        print(f"threshold {threshold}: {tp}/{len(positives)} variants matched, {fp} CoNLL names matched")


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark or the threshold study."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="test", choices=["test", "valid", "train"])
    parser.add_argument("--threshold", action="store_true", help="print the fuzzy threshold study")
    args = parser.parse_args(argv)
    if args.threshold:
        threshold_study()
    else:
        run_benchmark(args.split)
    return 0


if __name__ == "__main__":
    sys.exit(main())
