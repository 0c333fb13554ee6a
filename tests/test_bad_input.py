"""Bad input through the command line: a clear message, the right exit code, nothing lost.

Each test builds a corpus in a temporary folder around one real seed article, runs
``python -m helpers extract`` on it, and checks four things: the message names the file,
the problem and what to do; the exit code (0 ok, 1 some articles failed but the rest
were written, 2 nothing could be done); which articles were still written; and that
every source file is byte-for-byte unchanged.
"""

import errno
import hashlib
import json
import re
import shutil
import time
from pathlib import Path

import pandas as pd
import pytest

from checkout import SEEDS_DIR
from helpers.__main__ import main
from helpers.corpus import read_corpus, readers
from helpers.corpus.sources import MAX_FILE_BYTES
from helpers.pipeline import chunk, store, workers
from helpers.schema import TABLES

GOOD = "003_3e998512e3ccf6bf"  # the shortest seed: parsed once, then served from the cache
SENTENCE = "Iran's foreign minister met Hamas leaders in Tehran on Tuesday, officials said. "


@pytest.fixture(autouse=True, scope="module")
def shared_cache(tmp_path_factory):
    """One extraction cache for the module, outside the project, so the seed is parsed once."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NEWS_HELPERS_CACHE", str(tmp_path_factory.mktemp("cache")))
        yield


def fingerprints(*folders: Path) -> dict[str, tuple[str, int]]:
    """Return ``{path: (sha256, mtime_ns)}`` of every file below ``folders`` (not links)."""
    found = {}
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and not path.is_symlink():
                found[str(path)] = (
                    hashlib.sha256(path.read_bytes()).hexdigest(),
                    path.stat().st_mtime_ns,
                )
    return found


def make_corpus(root: Path, files: dict[str, bytes | str] | None = None, good: bool = True) -> Path:
    """Return a corpus folder holding the good seed (if ``good``) and ``files``."""
    corpus = root / "corpus"
    corpus.mkdir()
    if good:
        shutil.copy(SEEDS_DIR / f"{GOOD}.txt", corpus)
    for name, content in (files or {}).items():
        path = corpus / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_bytes(content)
    return corpus


def run_extract(corpus: Path, out: Path, capsys, *extra: str, watch: tuple[Path, ...] = ()):
    """Run the extract command; check the sources did not change; return (code, stderr, ids)."""
    before = fingerprints(corpus, *watch) if corpus.exists() else {}
    code = main(["extract", str(corpus), "--out", str(out), *extra])
    after = fingerprints(corpus, *watch) if corpus.exists() else {}
    assert after == before, "a source file was changed, added or removed"
    captured = capsys.readouterr()
    ids = None
    if (out / "_SUCCESS").exists():
        ids = sorted(pd.read_parquet(out / "articles.parquet")["article_id"])
    return code, captured.err, ids


def problem_line(err: str, file: str) -> str:
    """Return the one stderr line about ``file``."""
    lines = [
        line for line in err.splitlines() if f" {file}:" in line or line.startswith(f"{file}:")
    ]
    assert len(lines) == 1, f"expected one message about {file}, got {lines!r} in {err!r}"
    return lines[0]


# --- unreadable articles: skipped with a message, the others written, exit 1 -------------------

SKIPPED = [
    ("empty.txt", b"", "is empty or holds only white space", "Put the article's text in it"),
    (
        "blank.txt",
        b"  \n\t\r\n\xc2\xa0 \n\n",
        "is empty or holds only white space",
        "or remove the file",
    ),
    (
        "photo.txt",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8,
        "looks binary",
        "Export the article as plain text",
    ),
    (
        "controls.txt",
        bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 65]) * 300,
        "looks binary",
        "Export the article as plain text",
    ),
]


@pytest.mark.parametrize(
    ("name", "content", "problem", "advice"), SKIPPED, ids=[s[0] for s in SKIPPED]
)
def test_unreadable_file_is_skipped_and_the_rest_written(
    tmp_path, capsys, name, content, problem, advice
):
    corpus = make_corpus(tmp_path, {name: content})
    code, err, ids = run_extract(corpus, tmp_path / "out", capsys)
    assert code == 1
    line = problem_line(err, name)
    assert line.startswith("error: ") and problem in line and "skipped" in line and advice in line
    assert ids == [GOOD]


def test_fifty_megabyte_file_is_skipped_unread(tmp_path, capsys):
    corpus = make_corpus(tmp_path)
    with (corpus / "huge.txt").open("wb") as handle:
        for _ in range(50):
            handle.write(SENTENCE.encode() * (1_000_000 // len(SENTENCE)) + b"\n\n")
    assert (corpus / "huge.txt").stat().st_size > 5 * MAX_FILE_BYTES
    code, err, ids = run_extract(corpus, tmp_path / "out", capsys)
    line = problem_line(err, "huge.txt")
    assert code == 1 and ids == [GOOD]
    assert (
        "is 50.0 MB, over the 10 MB limit" in line and "Split it into one file per article" in line
    )


def test_one_megabyte_single_line_is_reported_not_parsed_for_minutes(tmp_path, capsys):
    line_of_text = (SENTENCE * (1_048_576 // len(SENTENCE) + 1))[:1_048_576]
    short_line = SENTENCE * 40  # a long article saved without line breaks still goes through
    corpus = make_corpus(tmp_path, {"oneline.txt": line_of_text, "short_oneline.txt": short_line})
    code, err, ids = run_extract(corpus, tmp_path / "out", capsys)
    line = problem_line(err, "oneline.txt")
    assert code == 1 and ids == [GOOD, "short_oneline"]
    assert "has 1,048,576 characters, over 2 times the limit of 200,000" in line  # found before any cleaning
    assert "NEWS_HELPERS_MAX_ARTICLE_CHARS" in line and "Split it" in line
    sentences = pd.read_parquet(tmp_path / "out" / "sentences.parquet")
    assert (sentences["article_id"] == "short_oneline").sum() == 40


# --- text that is not clean UTF-8: read, with a warning when bytes had to be guessed ----------

WIN1252 = (
    "The minister\u2019s \u201cplan\u201d costs \u20ac5 million \u2014 "
    "said Zo\u00eb in Gaza City today."
)
LATIN1 = (
    "Le ministre a d\u00e9clar\u00e9 \u00e0 Gaza que la fa\u00e7ade "
    "na\u00efve \u00e9tait d\u00e9truite."
)
DECODED = [
    ("win1252.txt", WIN1252.encode("cp1252"), WIN1252, "is not valid UTF-8; read as Windows-1252"),
    (
        "latin1.txt",
        LATIN1.encode("latin-1"),
        LATIN1,
        "is not valid UTF-8; read as Windows-1252/Latin-1",
    ),
    (
        "damaged.txt",
        LATIN1.encode("utf-8").replace(b"\xc3\xa0", b"\xe0"),
        LATIN1.replace("\u00e0", "\ufffd"),
        "has 1 byte(s) that are not valid UTF-8",
    ),
    ("bom8.txt", b"\xef\xbb\xbf" + WIN1252.encode("utf-8"), WIN1252, None),
    ("bom16.txt", "\ufeff".encode("utf-16-le") + WIN1252.encode("utf-16-le"), WIN1252, None),
]


@pytest.mark.parametrize(("name", "raw", "body", "warning"), DECODED, ids=[d[0] for d in DECODED])
def test_encodings_are_read_and_guesses_reported(tmp_path, capsys, name, raw, body, warning):
    corpus = make_corpus(tmp_path, {name: raw})
    code, err, ids = run_extract(corpus, tmp_path / "out", capsys)
    assert code == 0 and ids == [GOOD, Path(name).stem]
    articles = pd.read_parquet(tmp_path / "out" / "articles.parquet").set_index("article_id")
    assert articles.loc[Path(name).stem, "body"] == body
    if warning:
        line = problem_line(err, name)
        assert line.startswith("warning: ") and warning in line
        assert re.search(r"[Ss]ave (it|the file) as UTF-8", line)
    else:
        assert name not in err


# --- nothing to do: exit 2, nothing written ------------------------------------------------------


def test_folder_that_does_not_exist(tmp_path, capsys):
    code, err, ids = run_extract(tmp_path / "nope", tmp_path / "out", capsys)
    assert code == 2 and ids is None
    assert f"{tmp_path / 'nope'}: corpus folder does not exist" in err
    assert "Give the folder that holds the article files" in err


def test_corpus_with_no_articles(tmp_path, capsys):
    corpus = make_corpus(
        tmp_path, {"notes.md.bak": "not an article", "catalog.csv": "article_id\n"}, good=False
    )
    code, err, ids = run_extract(corpus, tmp_path / "out", capsys)
    assert code == 2 and ids is None and not (tmp_path / "out").exists()
    assert f"{corpus}: no article could be read from this folder" in err
    assert "Put one plain-text (.txt) file per article in it" in err


def test_corpus_whose_every_file_is_bad_names_each_reason(tmp_path, capsys):
    corpus = make_corpus(tmp_path, {"a.txt": b"", "b.txt": b"\x00\x01binary"}, good=False)
    code, err, ids = run_extract(corpus, tmp_path / "out", capsys)
    assert code == 2 and ids is None
    assert (
        "no article could be read" in err
        and "a.txt: is empty" in err
        and "b.txt: looks binary" in err
    )


# --- the catalogue ------------------------------------------------------------------------------


def test_catalogue_problems_are_warnings_and_the_articles_go_through(tmp_path, capsys):
    catalog = (
        "article_id,outlet,published,mood\n"
        f"{GOOD},Times of Israel,19/11/2019,calm\n"
        f"{GOOD},Duplicate Outlet,2019-11-20,\n"
        "999_missing,Nowhere,2020-01-01,\n"
    )
    corpus = make_corpus(tmp_path, {"catalog.csv": catalog})
    code, err, ids = run_extract(corpus, tmp_path / "out", capsys)
    assert code == 0 and ids == [GOOD]
    warnings = [line for line in err.splitlines() if line.startswith("warning: catalog.csv: ")]
    assert len(warnings) == 4, err
    expected = [
        ("unknown columns kept as metadata: mood", "rename it to one of:"),
        ("bad date '19/11/2019' (expected YYYY-MM-DD", "Fix the published column"),
        (f"row 3: duplicate article_id '{GOOD}'; first row kept", "Delete or rename the other row"),
        ("article '999_missing' has no file in the corpus", "Add the file 999_missing.txt"),
    ]
    for problem, advice in expected:
        assert any(problem in w and advice in w for w in warnings), (problem, err)
    article = pd.read_parquet(tmp_path / "out" / "articles.parquet").iloc[0]
    assert article["outlet"] == "Times of Israel"  # the first row wins, the duplicate is ignored
    assert pd.isna(article["published"])  # a bad date is left out, never guessed


def test_catalogue_paths_must_stay_inside_the_corpus(tmp_path, capsys):
    outside = tmp_path / "secret"
    outside.mkdir()
    (outside / "passwords.txt").write_text("The launch code is 0000, said the general in Tehran.\n")
    catalog = (
        "article_id,path,outlet\n"
        "escape,../secret/passwords.txt,Evil\n"
        f"absolute,{outside / 'passwords.txt'},Evil\n"
        "nested,sub/deep/renamed.txt,Good Outlet\n"
    )
    corpus = make_corpus(tmp_path, {"catalog.csv": catalog, "sub/deep/renamed.txt": SENTENCE * 3})
    (corpus / "link.txt").symlink_to(outside / "passwords.txt")
    code, err, ids = run_extract(corpus, tmp_path / "out", capsys, watch=(outside,))
    assert code == 1 and ids == [GOOD, "nested"]
    escape = [line for line in err.splitlines() if "points outside the corpus folder" in line]
    assert len(escape) == 2 and all(line.startswith("error: catalog.csv: row ") for line in escape)
    assert (
        "'../secret/passwords.txt'" in escape[0]
        and "Give paths relative to the corpus folder" in escape[0]
    )
    link = problem_line(err, "link.txt")
    assert (
        "is a link to a file outside the corpus folder; skipped" in link and "Copy the file" in link
    )
    for name in TABLES:
        table = pd.read_parquet(tmp_path / "out" / f"{name}.parquet")
        assert (
            not table.astype(str).apply(lambda col: col.str.contains("launch code")).any().any()
        ), name
    nested = (
        pd.read_parquet(tmp_path / "out" / "articles.parquet").set_index("article_id").loc["nested"]
    )
    assert nested["source_path"] == "sub/deep/renamed.txt" and nested["outlet"] == "Good Outlet"


def test_two_files_with_one_id(tmp_path, capsys):
    corpus = make_corpus(tmp_path, {"a/story.txt": SENTENCE * 2, "b/story.txt": SENTENCE * 3})
    code, err, ids = run_extract(corpus, tmp_path / "out", capsys)
    assert code == 1 and ids == [GOOD, "story"]
    line = problem_line(err, "b/story.txt")
    assert (
        "has the same article id 'story' as a/story.txt; skipped. Rename one of the files" in line
    )


# --- the registry -------------------------------------------------------------------------------

BAD_REGISTRIES = [
    ("actors:\n  - id: hamas\n    name: [Hamas\n", "not valid YAML"),
    (
        "actors:\n  - id: hamas\n    name: Hamas\n",
        "actor entry #1 (id 'hamas'): missing required field(s) type",
    ),
]


@pytest.mark.parametrize(("text", "problem"), BAD_REGISTRIES, ids=["yaml-error", "missing-field"])
def test_bad_registry_stops_everything_with_its_name(tmp_path, capsys, text, problem):
    corpus = make_corpus(tmp_path)
    registry = tmp_path / "reg" / "my_actors.yaml"
    registry.parent.mkdir()
    registry.write_text(text)
    code, err, ids = run_extract(
        corpus, tmp_path / "out", capsys, "--registry", str(registry), watch=(registry.parent,)
    )
    assert code == 2 and ids is None and not (tmp_path / "out").exists()
    assert f"error: {registry}: " in err and problem in err
    assert "Fix the registry file, or pass another with --registry" in err
    assert "Traceback" not in err


def test_missing_registry_file(tmp_path, capsys):
    code, err, _ = run_extract(
        make_corpus(tmp_path), tmp_path / "out", capsys, "--registry", str(tmp_path / "nope.yaml")
    )
    assert code == 2 and f"{tmp_path / 'nope.yaml'}: actor registry file does not exist" in err


# --- output that cannot be written, and a write interrupted half way -----------------------------


def test_output_folder_that_is_a_file(tmp_path, capsys):
    blocker = tmp_path / "out.txt"
    blocker.write_text("I am a file")
    for number, out in enumerate((blocker, blocker / "tables")):
        root = tmp_path / f"try{number}"
        root.mkdir()
        code, err, _ = run_extract(make_corpus(root), out, capsys)
        assert code == 2
        assert (
            f"error: cannot write tables to {out}: " in err
            and "Choose a writable folder with --out" in err
        )
    assert blocker.read_text() == "I am a file"


def fail_on_third_parquet_write(monkeypatch):
    """Make the third Parquet write (a part file or a row group) fail as on a full disk."""
    calls = []

    def failing(real):
        def write(*args, **kwargs):
            calls.append(1)
            if len(calls) == 3:
                raise OSError(errno.ENOSPC, "No space left on device")
            return real(*args, **kwargs)

        return write

    monkeypatch.setattr(store.pq, "write_table", failing(store.pq.write_table))
    monkeypatch.setattr(store.pq.ParquetWriter, "write_table", failing(store.pq.ParquetWriter.write_table))


def table_files(out: Path) -> dict[str, tuple[str, int]]:
    """Return the fingerprints of the tables folder's files (the lock file aside)."""
    return {path: print_ for path, print_ in fingerprints(out).items() if not path.endswith(".lock")}


def test_disk_full_half_way_keeps_the_previous_complete_tables(tmp_path, capsys, monkeypatch):
    corpus = make_corpus(tmp_path)
    out = tmp_path / "out"
    assert run_extract(corpus, out, capsys)[0] == 0
    previous = table_files(out)
    fail_on_third_parquet_write(monkeypatch)
    code, err, ids = run_extract(corpus, out, capsys, "--no-cache")
    assert code == 2 and "No space left on device" in err and "Choose a writable folder" in err
    assert "keeps its previous complete set" in err
    assert table_files(out) == previous, "the previous complete set of tables was touched"
    assert ids == [GOOD] and len(list((out / ".versions").iterdir())) == 1


def test_disk_full_on_a_fresh_folder_leaves_no_table(tmp_path, capsys, monkeypatch):
    fail_on_third_parquet_write(monkeypatch)
    out = tmp_path / "out"
    code, err, _ = run_extract(make_corpus(tmp_path), out, capsys)
    assert code == 2 and "No space left on device" in err
    assert sorted(p.name for p in out.iterdir()) == [".lock", ".versions"]
    assert list((out / ".versions").iterdir()) == [] and not store.is_complete(out)


def test_sources_of_the_shipped_corpus_are_only_read():
    before = fingerprints(SEEDS_DIR)
    articles, _ = read_corpus(SEEDS_DIR)
    assert len(articles) == 5
    assert fingerprints(SEEDS_DIR) == before


# --- exports: a broken row costs that row only, and every message names it -------------------------

def extract_with(tmp_path, capsys, name, content):
    """Extract the good seed and one more file; return the code, stderr, ids and the articles by id."""
    code, err, ids = run_extract(make_corpus(tmp_path, {name: content}), tmp_path / "out", capsys)
    articles = pd.read_parquet(tmp_path / "out" / "articles.parquet").set_index("article_id") if ids else None
    return code, err, ids, articles


def test_csv_with_an_unterminated_quote_loses_one_row_not_the_rest(tmp_path, capsys):
    export = ("id,title,body,date\n"
              'a1,"Gaza strikes,Israeli strikes hit Gaza City on Monday, officials said.,2023-10-09\n'
              "a2,Aid convoy,A convoy of twelve trucks reached Rafah on Tuesday.,2023-10-10\n"
              'a3,"Talks, again",Qatari mediators met Hamas officials in Doha on Wednesday.,2023-10-11\n')
    code, err, ids, articles = extract_with(tmp_path, capsys, "feed.csv", export)
    assert code == 0 and ids == [GOOD, "a2", "a3"]
    line = problem_line(err, "feed.csv")
    assert line.startswith("warning: feed.csv: row 2: cannot be read as CSV")
    assert "a quote (\") that is never closed; row skipped, reading goes on at line 3" in line
    assert "Close the quote" in line
    assert articles.loc["a2", "body"] == "A convoy of twelve trucks reached Rafah on Tuesday."


def test_export_messages_name_the_row_and_its_id(tmp_path, capsys):
    rows = [{"id": "ok-1", "text": SENTENCE, "date": "2023-10-09"},
            {"id": "bad-date", "text": SENTENCE + "Again.", "date": "the day after"},
            {"id": "no-text", "title": "Photo gallery", "text": ""}]
    export = "\n".join(json.dumps(row) for row in rows) + "\n"
    code, err, ids, _ = extract_with(tmp_path, capsys, "feed.jsonl", export)
    assert code == 0 and ids == [GOOD, "bad-date", "ok-1"]
    assert ("warning: feed.jsonl: row 2 (id 'bad-date'): date 'the day after' in column date not "
            "understood; published left empty. Write dates as YYYY-MM-DD") in err
    assert "warning: feed.jsonl: row 3 (id 'no-text'): none of the text columns" in err


def test_nul_bytes_after_the_first_4_kb_are_removed_and_reported(tmp_path, capsys):
    text = "Gaza City, 9 October 2023\n\n" + SENTENCE * 60 + "\x00\x00" + "The strikes continued overnight.\n"
    assert text.index("\x00") > 4096
    code, err, ids, articles = extract_with(tmp_path, capsys, "late_nul.txt", text)
    assert code == 0 and ids == [GOOD, "late_nul"]
    line = problem_line(err, "late_nul.txt")
    assert line.startswith("warning: ") and "holds 2 NUL or other control character(s), the first on line 3" in line
    assert not articles["body"].str.contains("\x00").any() and not articles["title"].str.contains("\x00").any()


def test_a_nul_in_one_csv_row_is_reported_with_the_row_and_the_right_advice(tmp_path, capsys):
    export = ("id,title,text\n"
              "n1,Strike\x00s in Gaza,Israeli strikes hit Gaza City on Monday.\n"
              "n2,Convoy,A convoy of twelve trucks reached Rafah on Tuesday.\n")
    code, err, ids, articles = extract_with(tmp_path, capsys, "feed.csv", export)
    assert code == 0 and ids == [GOOD, "n1", "n2"]
    line = problem_line(err, "feed.csv")
    assert "row 2 (id 'n1'): column title holds 1 NUL or other control character(s)" in line
    assert ".txt" not in line and "looks binary" not in err
    assert articles.loc["n1", "title"] == "Strikes in Gaza"


def test_a_binary_file_named_csv_gets_advice_for_an_export(tmp_path, capsys):
    code, err, _, _ = extract_with(tmp_path, capsys, "dump.csv", bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 65]) * 300)
    line = problem_line(err, "dump.csv")
    assert code == 1 and "looks binary" in line and "Export it again as CSV or JSON lines" in line
    assert ".txt" not in line


# --- Markdown: linear stripping, and the size limit before any stripping -----------------------------

def test_a_markdown_emphasis_bomb_over_the_limit_is_skipped_before_it_is_stripped(tmp_path, capsys,
                                                                                  monkeypatch):
    def must_not_strip(line):
        raise AssertionError("Markdown was stripped before the size limit was checked")

    monkeypatch.setattr(readers, "strip_markdown_inline", must_not_strip)
    corpus = make_corpus(tmp_path, {"bomb.md": "*a " * 350_000})
    code, err, ids = run_extract(corpus, tmp_path / "out", capsys)
    line = problem_line(err, "bomb.md")
    assert code == 1 and ids == [GOOD]
    assert "has 1,050,000 characters, over 2 times the limit of 200,000" in line and "skipped unread" in line


def test_markdown_stripping_takes_time_in_proportion_to_the_text(tmp_path):
    """A 100 KB line of unclosed markers costs about what 100 KB of plain prose does (in one run).

    Before, the emphasis pattern backtracked to the end of the line from every marker:
    ``*a `` repeated over 100 KB took 56 s, some ten thousand times the prose.
    """
    def seconds(text):
        started = time.perf_counter()
        readers.read_markdown(text, "x")
        return time.perf_counter() - started

    prose = (SENTENCE * (100_000 // len(SENTENCE)))[:100_000]
    baseline = min(seconds(prose) for _ in range(3))
    for marker in ("*a ", "[a ", "__a ", "<br ", "](", "#"):
        bomb = (marker * (100_000 // len(marker) + 1))[:100_000]
        assert min(seconds(bomb) for _ in range(3)) < 50 * baseline + 0.05, marker


# --- file names with line breaks ------------------------------------------------------------------

def test_a_line_break_in_a_file_name_never_reaches_the_id_or_forges_a_message(tmp_path, capsys):
    name = "story\nerror: forged.txt: looks binary.txt"
    corpus = make_corpus(tmp_path, {name: SENTENCE * 2, "empty.txt": b""})
    code, err, ids = run_extract(corpus, tmp_path / "out", capsys)
    assert code == 1 and ids == [GOOD, "story_error: forged.txt: looks binary"]
    assert not any(line.startswith("error: forged.txt") for line in err.splitlines()), err
    warning = problem_line(err, "story\\nerror: forged.txt: looks binary.txt")
    assert "has a line break or other control character in its name" in warning and "Rename the file" in warning


# --- processes: more than the machine has -------------------------------------------------------------

def test_more_workers_than_cores_are_capped_with_the_reason(tmp_path, capsys, monkeypatch, caplog):
    monkeypatch.setattr(workers, "cpu_count", lambda: 2)
    assert workers.resolve_workers(8) == 2
    assert "8 worker processes asked for, but this machine has 2 core(s); using 2" in caplog.text
    assert "holds its own spaCy model" in caplog.text and "memory" in caplog.text
    monkeypatch.setattr(workers, "memory_workers", lambda: 1)
    assert workers.resolve_workers(0) == 1 and "the free memory" in caplog.text
    caplog.clear()
    code, err, ids = run_extract(make_corpus(tmp_path), tmp_path / "out", capsys, "--workers", "8")
    assert code == 0 and ids == [GOOD] and "8 worker processes asked for" in err + caplog.text


def test_by_default_a_large_corpus_uses_every_core_and_a_small_one_this_process(monkeypatch):
    monkeypatch.setattr(workers, "cpu_count", lambda: 4)
    monkeypatch.setattr(workers, "memory_workers", lambda: 3)
    assert workers.resolve_workers(None, text_chars=max(workers.AUTO_PARALLEL_CHARS.values()) + 1) == 3
    assert workers.resolve_workers(None, text_chars=10_000) == 1


# --- one article that fails extraction, a crash, Ctrl-C ----------------------------------------------

def test_an_article_whose_extraction_fails_is_named_and_the_others_written(tmp_path, capsys, monkeypatch):
    real = chunk._extract_one

    def fail_on_story(article, doc, registry, base):
        if article.article_id == "story":
            raise OverflowError("date value out of range")
        return real(article, doc, registry, base)

    monkeypatch.setattr(chunk, "_extract_one", fail_on_story)
    corpus = make_corpus(tmp_path, {"story.txt": SENTENCE * 2})
    code, err, ids = run_extract(corpus, tmp_path / "out", capsys, "--no-cache")
    assert code == 1 and ids == [GOOD]
    line = problem_line(err, "story.txt")
    assert "extraction failed (OverflowError: date value out of range); article skipped" in line
    problems = json.loads((tmp_path / "out" / "problems.json").read_text())
    assert [p["path"] for p in problems] == ["story.txt"]


STOPS = [
    (RuntimeError("something nobody foresaw"), 3,
     ["Traceback", "RuntimeError: something nobody foresaw", "This is a bug in news-helpers",
      "keeps its previous complete set"]),
    (KeyboardInterrupt(), 130, ["interrupted: nothing was left half-written"]),
]


@pytest.mark.parametrize(("error", "expected_code", "messages"), STOPS, ids=["crash", "ctrl-c"])
def test_a_crash_or_ctrl_c_has_its_own_exit_code_and_keeps_the_previous_tables(
        tmp_path, capsys, monkeypatch, error, expected_code, messages):
    corpus = make_corpus(tmp_path)
    out = tmp_path / "out"
    assert run_extract(corpus, out, capsys)[0] == 0
    previous = table_files(out)

    def stop(*args, **kwargs):
        raise error

    monkeypatch.setattr(store.PartWriter, "add", stop)
    code, err, ids = run_extract(corpus, out, capsys)
    assert code == expected_code and ids == [GOOD] and table_files(out) == previous
    assert all(message in err for message in messages), err


# --- evaluate: the gold folder ----------------------------------------------------------------------

def test_evaluate_with_a_missing_gold_folder_exits_2_before_extracting(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("helpers.__main__.extract_corpus", lambda *a, **k: pytest.fail("extracted first"))
    code = main(["evaluate", "--corpus", str(make_corpus(tmp_path)), "--gold", str(tmp_path / "nope")])
    err = capsys.readouterr().err
    assert code == 2 and f"error: {tmp_path / 'nope'}: gold folder does not exist" in err
    assert "with --gold" in err and "Traceback" not in err


CORRUPT_GOLD = [
    ("timexes.csv", b"\xff\xfe\x00garbage", "cannot be read as CSV"),
    ("timexes.csv", b"text,value\nTuesday,2019-11-19\n", "has no article_id column"),
    ("mentions.csv", b"article_id,text,actor_id,count\n" + f"{GOOD},Iran,iran,many\n".encode(),
     "cannot be scored (ValueError"),
    ("notes.txt", b"nothing to score", "holds none of the gold files"),
]


@pytest.mark.parametrize(("name", "content", "problem"), CORRUPT_GOLD,
                         ids=["not-csv", "no-article-id", "bad-count", "no-gold-file"])
def test_evaluate_with_a_corrupt_gold_file_names_it(tmp_path, capsys, name, content, problem):
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / name).write_bytes(content)
    code = main(["evaluate", "--corpus", str(make_corpus(tmp_path)), "--gold", str(gold)])
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err and problem in err
    assert f"error: {gold / name if name.endswith('.csv') else gold}" in err
