"""TempEval-3 benchmark of our date resolution (run by hand, not by the tests).

    .venv/bin/python benchmarks/tempeval.py            # platinum test set
    .venv/bin/python benchmarks/tempeval.py --train    # TBAQ training data (for tuning)

Reads the TimeML documents, takes the text between <TEXT> tags with the gold TIMEX3
spans, runs :func:`helpers.extract.timexes.find_timexes` anchored to each document's creation
time (DCT), and prints, with the task's own definitions, strict and relaxed
detection precision/recall/F1 and value F1 (a relaxed match whose value is right,
over the system's and the gold's counts). It scores twice: on DATE timexes only
and on all TIMEX3 types (the task's Task A, where HeidelTime scored value F1
77.61; our durations, times and sets are TimeML's). The tense and the counts come
from spaCy's parse, as in the extraction. The baseline is dateparser's
``search_dates`` with the DCT as its relative base.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path

from benchmarks.checkout import SHARED
from helpers.extract.nlp import load_model
from helpers.extract.tense import counts_things, future_reference
from helpers.extract.timexes import find_timexes

ROOT = SHARED / "benchmarks" / "tempeval3"
PLATINUM = ROOT / "Evaluation" / "te3-platinum"
TRAINING = ROOT / "Training" / "TBAQ-cleaned"
TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass(frozen=True)
class Span:
    """A timex span in a document's text with its value and type."""

    start: int
    end: int
    text: str
    value: str
    type: str


def read_tml(path: Path) -> tuple[str, dt.date, list[Span]]:
    """Return (text, creation date, gold DATE/TIME/DURATION/SET timexes) of a TimeML file."""
    raw = path.read_text(encoding="utf-8")
    dct = re.search(r"<DCT>.*?value=\"(\d{4}-\d{2}-\d{2})", raw, re.S)
    body = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S).group(1)
    text_parts: list[str] = []
    spans: list[Span] = []
    open_timex: tuple[int, dict] | None = None
    position = 0
    length = 0
    for match in TAG.finditer(body):
        chunk = body[position:match.start()]
        text_parts.append(chunk)
        length += len(chunk)
        closing, name, attrs = match.groups()
        if name == "TIMEX3" and not closing:
            open_timex = (length, dict(ATTR.findall(attrs)))
        elif name == "TIMEX3" and closing and open_timex:
            start, attributes = open_timex
            text = "".join(text_parts)[start:length]
            spans.append(Span(start, length, text, attributes.get("value", ""), attributes.get("type", "")))
            open_timex = None
        position = match.end()
    text_parts.append(body[position:])
    text = "".join(text_parts)
    return text, dt.date.fromisoformat(dct.group(1)), spans


def ours(text: str, dct: dt.date) -> list[Span]:
    """Our expressions of every type, tense from the spaCy parse as in the extraction."""
    doc = load_model()(text)
    return [Span(t.start_char, t.end_char, t.text, t.value or "", t.type)
            for t in find_timexes(text, dct, "day", future=lambda start, end: future_reference(doc, start, end),
                                  counts=lambda start, end: counts_things(doc, start, end))]


def _granular_value(found: str, when: dt.datetime) -> str:
    """Guess how precise a dateparser hit is from its words."""
    lowered = found.lower()
    if re.search(r"\bweek\b", lowered):
        year, week, _ = when.date().isocalendar()
        return f"{year}-W{week:02d}"
    if (re.search(r"\d{1,2}(st|nd|rd|th)?\b(?!\d)|day\b|yesterday|today|tomorrow|tonight", lowered)
            and not re.fullmatch(r"\s*\d{4}\s*", lowered)):
        return when.date().isoformat()
    if re.search(r"month|january|february|march|april|may|june|july|august|september|october|november|december",
                 lowered):
        return f"{when.year}-{when.month:02d}"
    return f"{when.year}"


def baseline(text: str, dct: dt.date) -> list[Span]:
    """Return the spans of dateparser's ``search_dates`` over the whole text, offsets found left to right."""
    from dateparser.search import search_dates

    base = dt.datetime(dct.year, dct.month, dct.day, 12)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        hits = search_dates(text, languages=["en"], settings={
            "RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", "PREFER_DAY_OF_MONTH": "first"}) or []
    spans, cursor = [], 0
    for found, when in hits:
        start = text.find(found, cursor)
        if start < 0:
            continue
        cursor = start + len(found)
        spans.append(Span(start, cursor, found, _granular_value(found, when), "DATE"))
    return spans


def score(predicted: list[list[Span]], gold: list[list[Span]]) -> dict[str, float]:
    """Strict and relaxed detection P/R/F1 and value F1 over documents (TempEval-3 style)."""
    n_pred = sum(len(p) for p in predicted)
    n_gold = sum(len(g) for g in gold)
    strict = relaxed = value = 0
    for pred_doc, gold_doc in zip(predicted, gold, strict=True):
        for g in gold_doc:
            match = next((p for p in pred_doc if p.start < g.end and g.start < p.end), None)
            if match is None:
                continue
            relaxed += 1
            strict += (match.start, match.end) == (g.start, g.end)
            value += match.value == g.value
    def f1(hits: int) -> tuple[float, float, float]:
        p = hits / n_pred if n_pred else 0.0
        r = hits / n_gold if n_gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)
    out = {"n_gold": n_gold, "n_pred": n_pred}
    for name, hits in (("strict", strict), ("relaxed", relaxed), ("value", value)):
        out[f"{name}_p"], out[f"{name}_r"], out[f"{name}_f1"] = f1(hits)
    return out


def run(folder: Path, show_errors: bool) -> None:
    """Print the scores of ours and the baseline on every .tml file under ``folder``."""
    docs = [read_tml(path) for path in sorted(folder.rglob("*.tml"))]
    gold_all = [spans for _, _, spans in docs]
    gold_dates = [[s for s in spans if s.type == "DATE"] for spans in gold_all]
    systems = {"ours": ours, "dateparser": baseline}
    print(f"{folder.name}: {len(docs)} documents, {sum(map(len, gold_all))} gold TIMEX3 "
          f"({sum(map(len, gold_dates))} DATE) in the text (creation-time tags not counted)")
    header = f"{'system':<11}{'gold set':<10}{'strict P/R/F1':>24}{'relaxed P/R/F1':>24}{'value P/R/F1':>24}"
    print(header)
    for name, system in systems.items():
        predicted = [system(text, dct) for text, dct, _ in docs]
        predicted_dates = [[p for p in spans if p.type == "DATE"] for spans in predicted]
        for label, gold, found in (("DATE", gold_dates, predicted_dates), ("all", gold_all, predicted)):
            s = score(found, gold)
            cells = "".join(f"{100 * s[k + '_p']:7.1f}/{100 * s[k + '_r']:5.1f}/{100 * s[k + '_f1']:5.1f}  "
                            for k in ("strict", "relaxed", "value"))
            print(f"{name:<11}{label:<10}{cells}")
        if show_errors and name == "ours":
            for (_text, dct, spans), pred in zip(docs, predicted, strict=True):
                for g in spans:
                    match = next((p for p in pred if p.start < g.end and g.start < p.end), None)
                    if match is None or match.value != g.value:
                        got = f"{match.text!r}={match.value}" if match else "missed"
                        print(f"  {dct} gold {g.type} {g.text!r}={g.value} ours {got}", file=sys.stderr)
                for p in pred:
                    if not any(p.start < g.end and g.start < p.end for g in spans):
                        print(f"  {dct} spurious {p.type} {p.text!r}={p.value}", file=sys.stderr)


def main() -> None:
    """Parse the command line and run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train", action="store_true", help="score the TBAQ training data instead")
    parser.add_argument("--errors", action="store_true",
                        help="list our errors and spurious expressions on standard error")
    args = parser.parse_args()
    run(TRAINING if args.train else PLATINUM, args.errors)


if __name__ == "__main__":
    main()
