"""The extraction cache holds data, not code; a changed, damaged or unwritable cache is never trusted or fatal.

Each test extracts real seed articles, tampers with the cache the way the outside probe
did (a pickle that runs code, two valid entries swapped, random bytes, a folder that
cannot be written), and checks the tables equal an extraction without any cache.
Warnings are logged: the command line shows them on standard error, pytest in ``caplog``.
"""

import errno
import os
import pickle
import shutil

import pandas as pd
import pyarrow as pa
import pytest

from checkout import SEEDS_DIR
from helpers import files
from helpers.__main__ import main
from helpers.pipeline import cache as cache_module
from helpers.pipeline import run as extract
from helpers.schema import TABLES

SEED_FILES = sorted(SEEDS_DIR.glob("*.txt"))


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("NEWS_HELPERS_CACHE", str(folder))
    monkeypatch.setattr(cache_module, "_INDEXES", {})
    monkeypatch.setattr(cache_module, "_UNWRITABLE", set())
    return folder


def corpus_of(folder, paths):
    folder.mkdir()
    for path in paths:
        shutil.copy(path, folder)
    return folder


def cache_files(cache, step):
    return sorted(p for p in (cache / step).rglob("*") if p.is_file())


def assert_same_as_without_cache(corpus, result):
    reference = extract.extract_corpus(corpus, use_cache=False)
    for name in TABLES:
        pd.testing.assert_frame_equal(result.tables[name], reference.tables[name], obj=name)


class Exploit:
    """A pickle that creates a file when it is loaded."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return (open, (self.marker, "w"))


def test_cache_entries_are_never_unpickled(tmp_path, cache, caplog):
    corpus = corpus_of(tmp_path / "corpus", SEED_FILES[:2])
    extract.extract_corpus(corpus)
    marker = tmp_path / "code-ran"
    planted = cache_files(cache, "parse") + cache_files(cache, "base") + cache_files(cache, "rows")
    for path in planted:
        path.write_bytes(pickle.dumps(Exploit(marker)))
    cache_module._INDEXES.clear()
    result = extract.extract_corpus(corpus)
    assert not marker.exists(), "a cache entry ran code"
    assert result.steps == {"parsed": 2}
    assert_same_as_without_cache(corpus, result)
    for path in planted:  # named, removed, and written again from the fresh results
        assert f"cache file {path} cannot be read" in caplog.text
        assert not path.exists() or path.read_bytes().startswith(b"ARROW1")


def test_a_changed_but_valid_cache_entry_is_recomputed_not_trusted(tmp_path, cache, caplog):
    first = corpus_of(tmp_path / "first", SEED_FILES[:1])
    second = corpus_of(tmp_path / "second", SEED_FILES[1:2])
    extract.extract_corpus(first)
    extract.extract_corpus(second)
    one, two = cache_files(cache, "rows")  # two valid entries, each of one article
    one_bytes, two_bytes = one.read_bytes(), two.read_bytes()
    one.write_bytes(two_bytes)
    two.write_bytes(one_bytes)
    cache_module._INDEXES.clear()
    both = corpus_of(tmp_path / "both", SEED_FILES[:2])
    result = extract.extract_corpus(both)
    assert result.steps == {"parse_cached": 2}  # the registry rows were computed again
    assert_same_as_without_cache(both, result)
    assert "does not match its checksum" in caplog.text


def test_a_corrupt_parse_cache_file_is_named_and_parsed_again(tmp_path, cache, capsys, caplog):
    corpus = corpus_of(tmp_path / "corpus", SEED_FILES[:2])
    out = tmp_path / "out"
    assert main(["extract", str(corpus), "--out", str(out)]) == 0
    for step in ("base", "rows"):
        shutil.rmtree(cache / step)
    (damaged,) = cache_files(cache, "parse")
    damaged.write_bytes(os.urandom(2000))
    cache_module._INDEXES.clear()
    capsys.readouterr()
    assert main(["extract", str(corpus), "--out", str(out)]) == 0
    captured = capsys.readouterr()
    messages = captured.err + caplog.text
    assert f"cache file {damaged} cannot be read as a cache segment" in messages
    assert "its articles are extracted again" in messages and "convert your data" not in messages
    assert "2 articles (2 parsed" in captured.out


def test_a_parse_that_does_not_load_is_parsed_again(tmp_path, cache, caplog):
    corpus = corpus_of(tmp_path / "corpus", SEED_FILES[:1])
    extract.extract_corpus(corpus)
    for step in ("base", "rows"):
        shutil.rmtree(cache / step)
    (segment,) = cache_files(cache, "parse")
    table = pa.ipc.open_file(pa.BufferReader(segment.read_bytes())).read_all()
    segment.unlink()
    cache_module._INDEXES.clear()
    parse_cache = extract.Caches.for_registry(extract.load_registry()).parse
    broken = table.set_column(1, "docbin", pa.array([b"not a DocBin"], pa.large_binary()))
    parse_cache._store(broken, table.column("keys")[0].as_py())  # under its own, valid checksum
    cache_module._INDEXES.clear()
    result = extract.extract_corpus(corpus)
    assert result.steps == {"parsed": 1}
    assert f"cache file {parse_cache.folder}/" in caplog.text and "holds parses that do not load" in caplog.text
    assert_same_as_without_cache(corpus, result)


def test_a_cache_folder_that_cannot_be_created_warns_and_the_extraction_goes_on(
        tmp_path, capsys, monkeypatch, caplog):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("NEWS_HELPERS_CACHE", str(blocker / "cache"))
    monkeypatch.setattr(cache_module, "_UNWRITABLE", set())
    corpus = corpus_of(tmp_path / "corpus", SEED_FILES[:1])
    assert main(["extract", str(corpus), "--out", str(tmp_path / "out")]) == 0
    messages = capsys.readouterr().err + caplog.text
    assert messages.count("cannot write to the cache folder") == 1
    assert "going on without storing results there" in messages and "NEWS_HELPERS_CACHE" in messages
    assert "--out" not in messages and len(pd.read_parquet(tmp_path / "out" / "articles.parquet")) == 1


class FullDisk:
    """A temporary file whose writes fail as on a full disk when it is in ``FullDisk.folder``."""

    folder = ""
    real = staticmethod(files.tempfile.NamedTemporaryFile)

    def __init__(self, *args, **kwargs):
        self.handle = self.real(*args, **kwargs)
        self.name = self.handle.name
        self.full = str(kwargs["dir"]).startswith(self.folder)

    def write(self, data):
        if self.full:
            raise OSError(errno.ENOSPC, "No space left on device")
        return self.handle.write(data)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.handle.close()


def test_a_full_cache_disk_warns_leaves_no_temporary_file_and_goes_on(tmp_path, cache, capsys, monkeypatch,
                                                                       caplog):
    monkeypatch.setattr(FullDisk, "folder", str(cache))
    monkeypatch.setattr(files.tempfile, "NamedTemporaryFile", FullDisk)
    corpus = corpus_of(tmp_path / "corpus", SEED_FILES[:2])
    out = tmp_path / "out"
    assert main(["extract", str(corpus), "--out", str(out)]) == 0
    messages = capsys.readouterr().err + caplog.text
    assert messages.count(f"cannot write to the cache folder {cache} (No space left on device)") == 1
    assert "cannot write tables" not in messages
    assert [p for p in cache.rglob("*") if p.is_file()] == [], "a temporary file was left in the cache"
    assert len(pd.read_parquet(out / "articles.parquet")) == 2


def test_the_parse_cache_writes_the_bytes_spacy_docbin_writes(seed_articles):
    """The parse cache's DocBin gathers each Doc's strings from its arrays; spaCy's reads them token by token.

    Both must record the same strings (text, tag, lemma, norm, morphology, dependency, entity), so
    the cached parses load back the same: the bytes are compared, user data stored or not.
    """
    from spacy.tokens import DocBin

    from helpers.extract import nlp

    model = nlp.load_model()
    texts = [a.body for a in seed_articles.values()] + ["", "Tehran, 7 Oct. (IRNA) -- He said so."]
    docs = list(model.pipe(texts))
    for user_data in (False, True):
        ours, spacys = cache_module.ParseBin(store_user_data=user_data), DocBin(store_user_data=user_data)
        for doc in docs:
            ours.add(doc)
            spacys.add(doc)
        assert ours.strings == spacys.strings
        assert ours.to_bytes() == spacys.to_bytes()
