"""The unseen gold set: real Reuters articles nobody here wrote, scored with the current code.

    .venv/bin/python -m benchmarks.unseen              # one table of aggregate scores
    .venv/bin/python -m benchmarks.unseen --json       # the same numbers as JSON
    .venv/bin/python -m benchmarks.unseen --details    # also the missed and spurious items

The articles stay in ``../shared`` (their terms forbid copying them here):
``tests/gold/unseen/documents.csv`` says where each one is (CoNLL-2003 ``valid`` by
document index, Reuters-21578 by file and NEWID), and :func:`materialise` writes them
into a corpus folder (one ``.txt`` per article and a ``catalog.csv``) each time the
benchmark runs. The gold beside ``documents.csv`` was written by reading those files.

Whoever writes extraction rules reads only the aggregate scores: not the gold, not
the materialised articles, not ``--details`` (see ``tests/gold/unseen/README.md``).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import html
import re
import sys
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from benchmarks.checkout import PROJECT_ROOT, SHARED
from helpers.evaluation.figures import SOURCE_ERRORS
from helpers.evaluation.unseen import ALL, SPEAKER_ERRORS, evaluate_unseen
from helpers.pipeline.run import extract_corpus

GOLD_DIR = PROJECT_ROOT / "tests" / "gold" / "unseen"
DOCUMENTS_NAME = "documents.csv"
CONLL_VALID = SHARED / "benchmarks" / "conll2003" / "valid.txt"
REUTERS_DIR = SHARED / "corpora" / "reuters21578"

# --- detokenising CoNLL-2003 ------------------------------------------------------------

#: Tokens written without a space before them.
_NO_SPACE_BEFORE = {",", ".", ":", ";", "?", "!", ")", "]", "}", "%", "...", "''"}
#: Clitics split off by the tokeniser ("do n't", "Israel 's").
_CLITICS = {"'s", "n't", "'m", "'ve", "'re", "'ll", "'d"}
#: Tokens written without a space after them.
_NO_SPACE_AFTER = {"(", "[", "{", "``", "`", "#"}
#: Tokens after which a single quotation mark opens a quote rather than closing one.
_BEFORE_OPENING = {None, ",", ":", ";", "(", "[", "--", "-", '"', "``"}
#: Quotation marks of Penn-Treebank style, written as plain ones.
_PTB_QUOTES = {"``": '"', "''": '"', "`": "'"}


def _is_clitic(token: str) -> bool:
    """Whether ``token`` is a clitic that belongs to the word before it ("'s", "n't")."""
    return token.lower() in _CLITICS


def _joins(previous: str | None, token: str, opening: bool | None) -> bool:
    """Whether ``token`` is written without a space after ``previous``.

    ``opening`` says whether a quotation-mark ``token`` opens (True) or closes (False) a
    quote; None for other tokens.
    """
    if previous is None:
        return True
    if opening is False or token in _NO_SPACE_BEFORE or _is_clitic(token):
        return True
    return previous in _NO_SPACE_AFTER or previous.endswith("$")


def _single_quote_opens(previous: str | None, following: str | None) -> bool:
    """Whether a lone ``'`` opens a quote (``, ' keep going``).

    Otherwise it closes one or ends a plural possessive (``pilgrims ' progress``).
    """
    return previous in _BEFORE_OPENING and following is not None and following[:1].isalnum()


def detokenise(tokens: Sequence[str]) -> str:
    r"""Return tokenised text (CoNLL-2003, Penn Treebank) as ordinary written text.

    Punctuation and clitics attach to the word before them, brackets and currency
    signs to the word after; straight double quotes alternate between opening (attached
    to the next word) and closing (attached to the previous one), starting open. A lone
    single quote opens a quote after a comma, colon or bracket and before a word;
    otherwise it closes one or ends a plural possessive.

    >>> detokenise('" We do n\'t know , " the army \'s spokesman said ( Reuters ) .'.split())
    '"We don\'t know," the army\'s spokesman said (Reuters).'
    >>> detokenise("It cost $ 7 , or C$ 9 -- 12 pct of `` the fund '' .".split())
    'It cost $7, or C$9 -- 12 pct of "the fund".'
    >>> detokenise("He said , ' keep going , ' as the pilgrims ' buses left .".split())
    "He said, 'keep going,' as the pilgrims' buses left."
    """
    pieces: list[str] = []
    previous: str | None = None
    double_open = single_open = False
    for i, token in enumerate(tokens):
        opening: bool | None = None
        if token == '"':
            opening = double_open = not double_open
        elif token in ("``", "''"):
            opening = double_open = token == "``"
        elif token == "'":
            following = tokens[i + 1] if i + 1 < len(tokens) else None
            opening = not single_open and _single_quote_opens(previous, following)
            single_open = opening
        if pieces and not _joins(previous, token, opening):
            pieces.append(" ")
        pieces.append(_PTB_QUOTES.get(token, token))
        previous = token if opening is not True else "``"
    return "".join(pieces)



@dataclass
class Materialised:
    """One article as it is written to the corpus folder."""

    article_id: str
    headline: str
    published: str
    paragraphs: list[str]

    def text(self) -> str:
        """Return the file's text: the headline, a blank line, then the paragraphs."""
        return "\n\n".join([self.headline, *self.paragraphs]) + "\n"


def conll_documents(path: Path = CONLL_VALID) -> list[list[list[str]]]:
    """Return the documents of a CoNLL-2003 file, each a list of sentences of tokens."""
    documents: list[list[list[str]]] = []
    sentence: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("-DOCSTART-"):
            documents.append([])
        elif line.strip():
            sentence.append(line.split()[0])
        elif sentence:
            documents[-1].append(sentence)
            sentence = []
    if sentence:
        documents[-1].append(sentence)
    return documents


def quote_paragraphs(sentences: list[list[str]]) -> Iterator[list[str]]:
    """Group a story's sentences into paragraphs and yield each paragraph's tokens.

    CoNLL-2003 keeps no paragraphs. A Reuters paragraph is mostly one sentence, so each
    sentence opens one, except a sentence inside a quote that is still open (the quote
    spans sentences of one paragraph). A quotation mark that ends a sentence after it
    was closed opens the next sentence's quote, and moves there; a sentence that starts
    with a quotation mark while a quote is open starts a new paragraph of the same
    quote (the wire's convention); one that starts in lower case or with a full stop
    was split off the sentence before ("...?" / "asked a pilgrim.").

    >>> sents = [s.split() for s in ['" A b .', 'C d , " he said . "', 'E f . "']]
    >>> [detokenise(p) for p in quote_paragraphs(sents)]
    ['"A b. C d," he said.', '"E f."']
    """
    paragraph: list[str] = []
    quote_open = False
    carried: list[str] = []
    for sentence in sentences:
        tokens, carried = carried + list(sentence), []
        continues = (tokens[0][:1].islower() or tokens[0] in _NO_SPACE_BEFORE
                     or (quote_open and tokens[0] != '"'))
        if paragraph and not continues:
            yield paragraph
            paragraph = []
        for i, token in enumerate(tokens):
            if token == '"':
                quote_open = True if i == 0 else not quote_open
        if len(tokens) > 1 and tokens[-1] == '"' and quote_open:
            carried = [tokens.pop()]
        paragraph.extend(tokens)
    if paragraph or carried:
        yield paragraph + carried


_DATELINE_DATE = re.compile(r"\b(\d{4}-\d{2}-\d{2})$")


def conll_article(article_id: str, sentences: list[list[str]]) -> Materialised:
    """Return a CoNLL-2003 story as an article: headline, byline and dateline lines, body.

    The headline loses the full stop the tokeniser added; the dateline
    (``JERUSALEM 1996-08-31``) is the body's first paragraph and gives the date.
    """
    headline = sentences[0][:-1] if sentences[0][-1:] == ["."] else sentences[0]
    head: list[str] = []
    published = ""
    rest = sentences[1:]
    for i, sentence in enumerate(rest[:3]):
        line = detokenise(sentence)
        head.append(line)
        if match := _DATELINE_DATE.search(line):
            published, rest = match.group(1), rest[i + 1:]
            break
    if not published:
        raise ValueError(f"{article_id}: no dateline with a date in the first lines: {head!r}")
    body = [detokenise(tokens) for tokens in quote_paragraphs(rest)]
    return Materialised(article_id, detokenise(headline), published, head + body)


# --- Reuters-21578 ------------------------------------------------------------------------

_MONTHS = {m: i for i, m in enumerate(
    ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"), start=1)}


def _field(story: str, name: str) -> str:
    """Return the unescaped text of the first ``<name>`` element of a story ('' if none)."""
    match = re.search(rf"<{name}>(.*?)</{name}>", story, re.S)
    return html.unescape(match.group(1)) if match else ""


def reuters_paragraphs(body: str) -> list[str]:
    r"""Return the paragraphs of a Reuters-21578 body: an indented line opens one.

    Lines are unwrapped, the closing ``Reuter`` signature and end-of-text mark dropped.

    >>> reuters_paragraphs("Iran said its troops\nadvanced.\n    IRNA said so.\n REUTER\n\x03")
    ['Iran said its troops advanced.', 'IRNA said so.']
    """
    paragraphs: list[list[str]] = []
    for line in body.replace("\x03", "").splitlines():
        if not line.strip():
            continue
        if not paragraphs or line[:1].isspace():
            paragraphs.append([])
        paragraphs[-1].append(line.strip())
    if paragraphs and " ".join(paragraphs[-1]).lower() == "reuter":
        paragraphs.pop()
    return [" ".join(lines) for lines in paragraphs]


def reuters_article(article_id: str, file_name: str, newid: str) -> Materialised:
    """Return one Reuters-21578 story (by file and NEWID): title, dateline and body."""
    raw = gzip.decompress((REUTERS_DIR / file_name).read_bytes()).decode("latin-1")
    match = re.search(rf'<REUTERS[^>]*NEWID="{re.escape(newid)}".*?</REUTERS>', raw, re.S)
    if not match:
        raise ValueError(f"{file_name}: no story with NEWID {newid}")
    story = match.group(0)
    day, month, year = re.search(r"(\d+)-([A-Z]{3})-(\d{4})", _field(story, "DATE")).groups()
    paragraphs = reuters_paragraphs(_field(story, "BODY"))
    dateline = " ".join(_field(story, "DATELINE").split())
    paragraphs[0] = f"{dateline} {paragraphs[0]}"
    return Materialised(article_id, " ".join(_field(story, "TITLE").split()),
                        f"{year}-{_MONTHS[month]:02d}-{int(day):02d}", paragraphs)


# --- the corpus folder ----------------------------------------------------------------------

def read_documents(gold_dir: Path = GOLD_DIR) -> list[dict[str, str]]:
    """Return the rows of ``documents.csv`` (lines starting with ``#`` are comments)."""
    with (gold_dir / DOCUMENTS_NAME).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(line for line in handle if not line.startswith("#")))


def unseen_stories(gold_dir: Path = GOLD_DIR) -> set[tuple[str, str]]:
    """Return the ``(source, locator)`` of every story of the set."""
    return {(row["source"], row["locator"]) for row in read_documents(gold_dir)}


def check_stories(stories: list[str], gold_dir: Path = GOLD_DIR) -> list[str]:
    """Return one line per ``source:locator`` story: ``ok``, or ``UNSEEN`` when it is one of the set.

    For whoever picks dev stories: it answers without showing the set.

    >>> check_stories(["conll2003/train:9"])
    ['conll2003/train:9 ok']
    """
    held_out = unseen_stories(gold_dir)
    return [f"{story} {'UNSEEN: do not use' if tuple(story.rsplit(':', 1)) in held_out else 'ok'}"
            for story in stories]


def load_article(row: dict[str, str]) -> Materialised:
    """Return the article a ``documents.csv`` row identifies, read from ``../shared``."""
    source = row["source"]
    if source == "conll2003/valid":
        return conll_article(row["article_id"], conll_documents()[int(row["locator"])])
    if source.startswith("reuters21578/"):
        return reuters_article(row["article_id"], source.split("/", 1)[1], row["locator"])
    raise ValueError(f"{DOCUMENTS_NAME}: article {row['article_id']}: unknown source {source!r}")


def materialise(folder: Path, gold_dir: Path = GOLD_DIR) -> list[dict[str, str]]:
    """Write every article of ``documents.csv`` into ``folder`` with a ``catalog.csv``.

    Returns the rows of ``documents.csv``.
    """
    folder.mkdir(parents=True, exist_ok=True)
    rows = read_documents(gold_dir)
    conll = conll_documents() if any(r["source"] == "conll2003/valid" for r in rows) else []
    with (folder / "catalog.csv").open("w", encoding="utf-8", newline="") as handle:
        catalog = csv.writer(handle)
        catalog.writerow(["article_id", "outlet", "published", "date_precision", "date_source"])
        for row in rows:
            article = (conll_article(row["article_id"], conll[int(row["locator"])])
                       if row["source"] == "conll2003/valid" else load_article(row))
            (folder / f"{article.article_id}.txt").write_text(article.text(), encoding="utf-8")
            catalog.writerow([article.article_id, "Reuters", article.published, "day", "dateline"])
    return rows


#: The rows of the printed table: (table, level) of the score frame.
SHOWN = [("actors", "detection"), ("actors", "linked"), ("quotes", "detection"), ("quotes", "detection direct"),
         ("quotes", "detection reported"), ("quotes", "speaker right"),
         *(("quotes", f"speaker wrong: {cause}") for cause in SPEAKER_ERRORS), ("figures", "detection"),
         ("figures", "source"), *(("figures", f"source wrong: {cause}") for cause in SOURCE_ERRORS)]


def cell(row: pd.Series) -> str:
    """Return one score as table text: P/R/F1, a recall alone, a share or an accuracy, with counts."""
    if row["table"] == "figures" and row["level"] not in ("detection",) and pd.isna(row["share"]):
        return f"acc {row['recall']:.2f} ({round(row['recall'] * row['n_gold'])}/{row['n_gold']})"
    if pd.notna(row["share"]):
        return f"{row['share']:.2f} ({row['n_predicted']}/{row['n_gold']})"
    if pd.isna(row["precision"]):
        return f"R {row['recall']:.2f} ({round(row['recall'] * row['n_gold'])}/{row['n_gold']})"
    return (f"P {row['precision']:.2f} R {row['recall']:.2f} F1 {row['f1']:.2f} "
            f"({row['n_predicted']}/{row['n_gold']})")


def format_table(scores: pd.DataFrame) -> str:
    """Return the aggregate scores as one plain-text table, topics as columns."""
    topics = list(dict.fromkeys(scores["topic"]))
    lines = [f"{'':52}" + "".join(f"{t:>40}" for t in topics)]
    for table, level in SHOWN:
        rows = scores[(scores["table"] == table) & (scores["level"] == level)].set_index("topic")
        lines.append(f"{table + ' ' + level:52}" + "".join(f"{cell(rows.loc[t]):>40}" for t in topics))
    return "\n".join(lines)


def format_actor_errors(scores: pd.DataFrame) -> str:
    """Return the missed and spurious actors of the whole set counted by type (counts only, no gold)."""
    rows = scores[(scores["topic"] == ALL) & scores["level"].str.match("missed: |spurious: ")]
    return "actors by type: " + "; ".join(f"{r.level} {r.n_predicted}" for r in rows.itertuples())


def format_details(scores: pd.DataFrame) -> str:
    """Return the missed and spurious items of every score over the whole set.

    They show the gold: for the lead, not for whoever writes extraction rules.
    """
    lines = []
    for row in scores[scores["topic"] == ALL].itertuples():
        for name in ("missed", "spurious"):
            for item in getattr(row, name) or []:
                lines.append(f"{row.table} {row.level} {name}: {item}")
    return "\n".join(lines)


def run(details: bool = False) -> pd.DataFrame:
    """Materialise the set in a temporary folder, extract it with the current code, score it."""
    with tempfile.TemporaryDirectory(prefix="unseen-") as folder:
        corpus = Path(folder) / "corpus"
        materialise(corpus)
        result = extract_corpus(corpus, use_cache=False)
    skipped = [str(p) for p in result.problems if p.severity == "error"]
    if skipped:
        raise SystemExit("the corpus reader skipped articles of the set: " + "; ".join(skipped))
    scores = evaluate_unseen(result.tables, GOLD_DIR)
    return scores if details else scores.drop(columns=["missed", "spurious"])


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark (or only materialise the set with ``--materialise DIR``)."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.unseen",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--details", action="store_true",
                        help="also print missed and spurious items (for the lead: they show the gold)")
    parser.add_argument("--materialise", type=Path, metavar="DIR",
                        help="only write the articles into DIR (for the annotator; see the gold README)")
    parser.add_argument("--is-unseen", nargs="+", metavar="SOURCE:LOCATOR",
                        help="only say of each story (e.g. reuters21578/reut2-004.xml.gz:1234) whether it is "
                             "one of the set, without showing the set")
    args = parser.parse_args(argv)
    if args.is_unseen:
        print("\n".join(check_stories(args.is_unseen)))
        return 0
    if args.materialise:
        rows = materialise(args.materialise)
        print(f"{len(rows)} articles written to {args.materialise}")
        return 0
    scores = run(details=args.details)
    if args.json:
        print(scores.to_json(orient="records", indent=1))
    else:
        documents = read_documents()
        topics = pd.Series([d["topic"] for d in documents]).value_counts()
        print(f"Unseen gold set: {len(documents)} Reuters articles ("
              + ", ".join(f"{n} {t}" for t, n in topics.items()) + "); counts are (predicted/gold)\n")
        print(format_table(scores))
        print("\n" + format_actor_errors(scores))
        if args.details:
            print("\n" + format_details(scores))
    return 0


if __name__ == "__main__":
    sys.exit(main())
