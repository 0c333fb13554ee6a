"""Outside check of actors with an empty registry on Reuters-21578 (run by hand, not by the tests).

    .venv/bin/python -m benchmarks.reuters_actors [--limit 400]

Each Reuters-21578 story carries hand-assigned PEOPLE and ORGS categories: codes such
as ``james-baker``, ``volcker``, ``perez-de-cuellar`` (people: surname, or given name
and surname, hyphenated) and ``imf``, ``worldbank``, ``ico-coffee`` (organisations).
The collection's README describes them as the names of the entities a story is about
(`README_LEWIS.txt`, section VII); :data:`ORG_NAMES` spells each organisation code out
as its full name and abbreviation.

The stories with a body and at least one such code (the unseen gold set's Reuters
stories left out, see ``tests/gold/unseen/documents.csv``) are extracted with an
**empty registry** (``actors: []``), and the benchmark prints the article-level recall
of the codes: the share of (story, code) pairs for which the story's extracted actors
include one whose name or surface form matches the code: for a person, the code's
words end the name ("james-baker" -> "James A. Baker" does not, "James Baker" does;
"volcker" -> "Paul Volcker"); for an organisation, the name or abbreviation is the
name or a surface form. ``linked`` counts only actors with an id (what the tables
join on); ``any span`` counts every mention, with an id or not (before discovered
actors existed, an empty registry gave ids to nothing).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import html
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

from benchmarks.checkout import PROJECT_ROOT, SHARED
from benchmarks.data import write_corpus
from helpers.pipeline.run import extract_corpus

REUTERS_DIR = SHARED / "corpora" / "reuters21578"
UNSEEN_DOCUMENTS = PROJECT_ROOT / "tests" / "gold" / "unseen" / "documents.csv"
_STORY = re.compile(r"<REUTERS[^>]*NEWID=\"(\d+)\".*?</REUTERS>", re.S)
#: The ORGS codes of Reuters-21578 that occur in stories, spelt out (name, then abbreviations).
ORG_NAMES = {
    "ec": ["European Community", "European Economic Community", "EC", "EEC", "Common Market"],
    "imf": ["International Monetary Fund", "IMF"],
    "opec": ["Organization of Petroleum Exporting Countries", "OPEC"],
    "worldbank": ["World Bank"],
    "gatt": ["General Agreement on Tariffs and Trade", "GATT"],
    "ico-coffee": ["International Coffee Organization", "ICO"],
    "oecd": ["Organisation for Economic Co-operation and Development", "Organization for Economic Co-operation "
             "and Development", "Organisation for Economic Cooperation and Development",
             "Organization for Economic Cooperation and Development", "OECD"],
    "icco": ["International Cocoa Organization", "ICCO"],
    "adb-asia": ["Asian Development Bank", "ADB"],
    "itc": ["International Tin Council", "ITC"],
    "un": ["United Nations", "UN", "U.N."],
    "adb-africa": ["African Development Bank", "ADB"],
    "unctad": ["United Nations Conference on Trade and Development", "UNCTAD"],
    "fao": ["Food and Agriculture Organization", "FAO"],
    "inro": ["International Natural Rubber Organization", "INRO"],
    "eib": ["European Investment Bank", "EIB"],
    "iea": ["International Energy Agency", "IEA"],
    "iwc-wheat": ["International Wheat Council", "IWC"],
    "ida": ["International Development Association", "IDA"],
    "isa": ["International Sugar Agreement", "International Sugar Organization", "ISO", "ISA"],
    "gcc": ["Gulf Cooperation Council", "GCC"],
    "atpc": ["Association of Tin Producing Countries", "ATPC"],
    "oapec": ["Organization of Arab Petroleum Exporting Countries", "OAPEC"],
    "escap": ["Economic and Social Commission for Asia and the Pacific", "ESCAP"],
    "eca": ["Economic Commission for Africa", "ECA"],
    "bis": ["Bank for International Settlements", "BIS"],
    "asean": ["Association of South East Asian Nations", "Association of Southeast Asian Nations", "ASEAN"],
    "iwcc": ["International Wrought Copper Council", "IWCC"],
    "imco": ["Inter-Governmental Maritime Consultative Organization", "IMCO"],
    "euratom": ["European Atomic Energy Community", "Euratom"],
    "efta": ["European Free Trade Association", "EFTA"],
    "comecon": ["Council for Mutual Economic Assistance", "Comecon", "CMEA"],
}


#: Titles that some PEOPLE codes start with ("king-fahd"); a name need not carry them.
CODE_TITLES = {"king", "queen", "prince", "sheikh", "pope"}


def _words(text: str) -> list[str]:
    """Return the lowercase words of a name (hyphens, dots and apostrophes are spaces)."""
    return re.sub(r"[-.'’`,]", " ", text.lower()).split()


def excluded_ids() -> set[str]:
    """Return the NEWIDs of the Reuters stories of the unseen gold set (kept out of this check)."""
    if not UNSEEN_DOCUMENTS.exists():
        return set()
    lines = [line for line in UNSEEN_DOCUMENTS.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return {row["locator"] for row in csv.DictReader(lines) if row.get("source", "").startswith("reuters")}


def _codes(block: str, field: str) -> list[str]:
    """Return the category codes of one field of a story."""
    found = re.search(rf"<{field}>(.*?)</{field}>", block, re.S)
    return re.findall(r"<D>(.*?)</D>", found.group(1)) if found else []


def stories(limit: int) -> list[dict]:
    """Return up to ``limit`` stories with a body and PEOPLE or ORGS codes, in collection order.

    A story whose text repeats an earlier one is left out.
    """
    skip = excluded_ids()
    chosen: list[dict] = []
    texts: set[str] = set()
    for path in sorted(REUTERS_DIR.glob("reut2-*.xml.gz")):
        raw = gzip.open(path, "rb").read().decode("latin-1")
        for story in _STORY.finditer(raw):
            block, newid = story.group(0), story.group(1)
            body = re.search(r"<BODY>(.*?)</BODY>", block, re.S)
            people, orgs = _codes(block, "PEOPLE"), [c for c in _codes(block, "ORGS") if c in ORG_NAMES]
            if not body or not (people or orgs) or newid in skip:
                continue
            text = html.unescape(body.group(1)).replace("\x03", "").replace("Reuter\n", "").strip()
            if " ".join(text.split()) in texts:
                continue  # the same story sent twice: the corpus reader reads it once
            texts.add(" ".join(text.split()))
            chosen.append({"article_id": f"reuters-{newid}", "text": text, "people": people, "orgs": orgs})
            if len(chosen) == limit:
                return chosen
    return chosen


def _person_found(code_words: list[str], names: set[str]) -> bool:
    """Return True if the words of a person's code end one of ``names`` (a title in the code is optional)."""
    if len(code_words) > 1 and code_words[0] in CODE_TITLES:
        code_words = code_words[1:]
    return any(_words(n)[-len(code_words):] == code_words for n in names)


def _org_found(code: str, names: set[str]) -> bool:
    """Return True if one of ``names`` is the organisation's name or abbreviation."""
    wanted = {" ".join(_words(n)) for n in ORG_NAMES[code]}
    return any(" ".join(_words(n)) in wanted for n in names)


def score(chosen: list[dict], mentions) -> Counter:
    """Count the codes and the ones found among each story's actors (linked, and any span)."""
    counts: Counter = Counter()
    by_article = {aid: group for aid, group in mentions.groupby("article_id")}
    for story in chosen:
        group = by_article.get(story["article_id"])
        spans = set() if group is None else set(group["text"]) | set(group["actor_name"].dropna())
        linked = set() if group is None else (
            set(group.loc[group["actor_id"].notna(), "text"]) | set(group.loc[group["actor_id"].notna(), "actor_name"]))
        for code in story["people"]:
            counts["people"] += 1
            counts["people_linked"] += _person_found(code.split("-"), linked)
            counts["people_any"] += _person_found(code.split("-"), spans)
        for code in story["orgs"]:
            counts["orgs"] += 1
            counts["orgs_linked"] += _org_found(code, linked)
            counts["orgs_any"] += _org_found(code, spans)
    return counts


def main(argv: list[str] | None = None) -> int:
    """Extract the chosen stories with an empty registry and print the recall of their codes."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=400, help="stories to extract")
    args = parser.parse_args(argv)
    chosen = stories(args.limit)
    with tempfile.TemporaryDirectory(prefix="reuters-actors-") as tmp:
        corpus = write_corpus(Path(tmp) / "corpus", [{"article_id": s["article_id"], "text": s["text"]}
                                                      for s in chosen])
        registry = Path(tmp) / "empty.yaml"
        registry.write_text("actors: []\n", encoding="utf-8")
        tables = extract_corpus(corpus, registry, use_cache=False)
    counts = score(chosen, tables["mentions"])
    print(f"Reuters-21578, {len(chosen)} stories with PEOPLE or ORGS codes, empty registry "
          f"({len(excluded_ids())} unseen-gold stories left out)")
    for kind in ("people", "orgs"):
        total = counts[kind] or 1
        print(f"  {kind:6} {counts[kind]:4d} codes  recall linked {counts[kind + '_linked'] / total:.3f}  "
              f"any span {counts[kind + '_any'] / total:.3f}")
    total = counts["people"] + counts["orgs"]
    linked = counts["people_linked"] + counts["orgs_linked"]
    print(f"  all    {total:4d} codes  recall linked {linked / max(total, 1):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
