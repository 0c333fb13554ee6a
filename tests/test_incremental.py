"""Incremental extraction: per-step caches, new articles only, registry changes, chunked writing."""

import hashlib
import shutil

import pandas as pd
import pytest

from checkout import SEEDS_DIR
from helpers.extract import nlp, timexes
from helpers.paths import DEFAULT_REGISTRY
from helpers.pipeline import run as extract
from helpers.pipeline import store, workers
from helpers.schema import TABLES

SEED_FILES = sorted(SEEDS_DIR.glob("*.txt"))


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("NEWS_HELPERS_CACHE", str(folder))
    return folder


def make_corpus(folder, files):
    folder.mkdir(exist_ok=True)
    for path in files:
        shutil.copy(path, folder)
    shutil.copy(SEEDS_DIR / "catalog.csv", folder)
    return folder


def assert_same_tables(left, right):
    for name in TABLES:
        pd.testing.assert_frame_equal(left[name].reset_index(drop=True),
                                      right[name].reset_index(drop=True), obj=name)


def test_adding_one_article_parses_and_extracts_only_that_one(tmp_path, cache):
    corpus = make_corpus(tmp_path / "corpus", SEED_FILES[:4])
    first = extract.extract_corpus(corpus)
    assert first.steps == {"parsed": 4}
    make_corpus(corpus, SEED_FILES[4:])
    second = extract.extract_corpus(corpus)
    assert second.steps == {"parsed": 1, "cached": 4}
    fresh = extract.extract_corpus(corpus, use_cache=False)
    assert_same_tables(second.tables, fresh.tables)


def test_cached_articles_between_new_ones_keep_their_place_in_every_table(tmp_path, cache):
    """Cached rows are copied out of their Arrow segments in runs; new articles sit between the runs."""
    corpus = make_corpus(tmp_path / "corpus", SEED_FILES[::2])
    extract.extract_corpus(corpus)
    make_corpus(corpus, SEED_FILES[1::2])
    mixed = extract.extract_corpus(corpus)
    assert mixed.steps == {"parsed": 2, "cached": 3}
    assert_same_tables(mixed.tables, extract.extract_corpus(corpus, use_cache=False).tables)


def test_changing_the_registry_reruns_only_the_registry_steps(tmp_path, cache, monkeypatch):
    corpus = make_corpus(tmp_path / "corpus", SEED_FILES)
    before = extract.extract_corpus(corpus)
    name = "Telegram"  # in seed 004 ("a post on Telegram"), a platform and no actor of the registry
    assert name not in set(before["mentions"]["text"])
    registry = tmp_path / "actors.yaml"
    registry.write_text(DEFAULT_REGISTRY.read_text(encoding="utf-8") + (
        f"  - id: added_for_test\n    name: {name}\n    type: group\n    aliases: [{name}]\n"),
        encoding="utf-8")

    def must_not_run(*args, **kwargs):
        raise AssertionError("a registry-independent step ran again")

    monkeypatch.setattr(timexes, "extract_timexes", must_not_run)
    monkeypatch.setattr(nlp, "BATCH_SIZE", None)  # nlp.pipe would fail: nothing may be parsed
    after = extract.extract_corpus(corpus, registry)
    assert after.steps == {"parse_cached": 5}
    assert "added_for_test" in set(after["mentions"]["actor_id"].dropna())
    for name in ("sentences", "timexes", "dropped_lines"):
        pd.testing.assert_frame_equal(before[name], after[name], obj=name)
    again = extract.extract_corpus(corpus, registry)
    assert again.steps == {"cached": 5}


def test_a_changed_catalogue_shows_without_extracting_again(tmp_path, cache):
    corpus = make_corpus(tmp_path / "corpus", SEED_FILES)
    extract.extract_corpus(corpus)
    first = extract.extract_corpus(corpus)["articles"].loc[0]
    catalog = corpus / "catalog.csv"
    catalog.write_text(catalog.read_text(encoding="utf-8").replace(
        f"{first.article_id},{first.outlet},", f"{first.article_id},Renamed Outlet,"),
        encoding="utf-8")
    result = extract.extract_corpus(corpus)
    assert result.steps == {"cached": 5}
    assert result["articles"].loc[0, "outlet"] == "Renamed Outlet"


def test_chunked_parts_and_two_processes_give_the_same_tables(tmp_path, cache):
    corpus = make_corpus(tmp_path / "corpus", SEED_FILES)
    reference = extract.extract_corpus(corpus, use_cache=False).tables
    articles, _, registry = extract.load_inputs(corpus)
    out = tmp_path / "out"
    summary = extract.extract_to_folder(articles, registry, out, use_cache=False, workers=2,
                                        part_size=2, chunk_size=2)
    assert summary.steps == {"parsed": 5}
    assert len(list((out / "sentences.parquet").glob("part-*.parquet"))) == 3
    written = store.read_tables(out)
    assert summary.counts == {name: len(written[name]) for name in TABLES}
    for name in TABLES:
        pd.testing.assert_frame_equal(written[name], reference[name], check_dtype=False, obj=name)


def test_cache_entries_are_per_step_one_segment_per_chunk(tmp_path, cache):
    corpus = make_corpus(tmp_path / "corpus", SEED_FILES[:2])
    extract.extract_corpus(corpus)
    steps = {path.name: sorted(p for p in path.rglob("*") if p.is_file()) for path in cache.iterdir()}
    assert {step: len(files) for step, files in steps.items()} == {"parse": 1, "base": 1, "rows": 1}
    for files in steps.values():
        data = files[0].read_bytes()
        assert data.startswith(b"ARROW1")  # Arrow IPC: data, never code
        assert files[0].name == hashlib.sha256(data).hexdigest() + ".arrow"


def test_spawned_workers_give_the_same_tables(tmp_path, cache, monkeypatch):
    """Where this process has threads (a notebook kernel), workers are spawned and load spaCy themselves."""
    corpus = make_corpus(tmp_path / "corpus", SEED_FILES[:3])
    reference = extract.extract_corpus(corpus, use_cache=False).tables
    monkeypatch.setattr(workers, "_start_method", lambda: "spawn")
    articles, _, registry = extract.load_inputs(corpus)
    summary = extract.extract_to_folder(articles, registry, tmp_path / "out", workers=2, chunk_size=1)
    assert summary.steps == {"parsed": 3}
    written = store.read_tables(tmp_path / "out")
    for name in TABLES:
        pd.testing.assert_frame_equal(written[name], reference[name], check_dtype=False, obj=name)
