"""Bad input through the command line: a clear message, the right exit code, nothing lost.

Each test builds a corpus in a temporary folder around one real seed article, runs
``python -m helpers extract`` on it, and checks four things: the message names the file,
the problem and what to do; the exit code (0 ok, 1 some articles failed but the rest
were written, 2 nothing could be done); which articles were still written; and that
every source file is byte-for-byte unchanged.
"""

import errno
import hashlib
import os
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from checkout import SEEDS_DIR
from helpers.__main__ import main
from helpers.corpus import read_corpus
from helpers.corpus.sources import MAX_FILE_BYTES
from helpers.pipeline import run as extract
from helpers.pipeline import store
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
    assert "characters of text after cleaning, over the limit of 200,000" in line
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


def _fail_on_third_table(real):
    calls = []

    def write_table(table, where, **kwargs):
        calls.append(where)
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(table, where, **kwargs)

    return write_table


def test_disk_full_half_way_keeps_the_previous_complete_tables(tmp_path, capsys, monkeypatch):
    corpus = make_corpus(tmp_path)
    out = tmp_path / "out"
    assert run_extract(corpus, out, capsys)[0] == 0
    previous = fingerprints(out)
    monkeypatch.setattr(store.pq, "write_table", _fail_on_third_table(store.pq.write_table))
    code, err, ids = run_extract(corpus, out, capsys, "--no-cache")
    assert code == 2 and "No space left on device" in err and "Choose a writable folder" in err
    assert fingerprints(out) == previous, "the previous complete set of tables was touched"
    assert ids == [GOOD] and not list(out.glob(".tables-*"))


def test_disk_full_on_a_fresh_folder_leaves_no_table(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(store.pq, "write_table", _fail_on_third_table(store.pq.write_table))
    out = tmp_path / "out"
    code, err, _ = run_extract(make_corpus(tmp_path), out, capsys)
    assert code == 2 and "No space left on device" in err
    assert list(out.iterdir()) == []


def test_interrupted_while_moving_tables_into_place_is_never_taken_for_complete(
    tmp_path, monkeypatch
):
    tables = extract.extract_corpus(make_corpus(tmp_path)).tables
    out = tmp_path / "out"
    store.write_tables(tables, out)
    assert store.read_tables(out)["articles"]["article_id"].tolist() == [GOOD]
    real_replace, moved = os.replace, []

    def replace_then_crash(src, dst):
        if len(moved) == 2:
            raise KeyboardInterrupt
        moved.append(dst)
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace_then_crash)
    with pytest.raises(KeyboardInterrupt):
        store.write_tables(tables, out)
    assert len(moved) == 2 and not (out / "_SUCCESS").exists()
    assert not list(out.glob(".tables-*")), "staging folder left behind"
    with pytest.raises(
        FileNotFoundError,
        match="no complete set of tables .* Run `python -m helpers extract` again",
    ):
        store.read_tables(out)


def test_sources_of_the_shipped_corpus_are_only_read():
    before = fingerprints(SEEDS_DIR)
    articles, _ = read_corpus(SEEDS_DIR)
    assert len(articles) == 5
    assert fingerprints(SEEDS_DIR) == before
