"""Reading a corpus folder and its catalogue."""

import datetime as dt
import shutil

import pytest

from checkout import SEEDS_DIR
from helpers.corpus import parse_date, read_corpus


def test_seed_catalogue_dates_and_outlets(seed_articles):
    a = seed_articles["001_a098baaa83fdfc15"]
    assert (a.published, a.published_precision, a.published_source) == (dt.date(2015, 12, 1), "month", "estimated")
    assert a.outlet == "United with Israel"
    b = seed_articles["000_4ef09cb68f00dbdb"]
    assert (b.published, b.published_precision, b.published_source) == (dt.date(2019, 11, 19), "day", "header")
    assert seed_articles["004_422bb6ef6b69d9a6"].url.endswith("2023-10-16-54/")


def test_parse_date_precisions():
    assert parse_date("2019-11-19") == (dt.date(2019, 11, 19), "day")
    assert parse_date("2015") == (dt.date(2015, 1, 1), "year")
    assert parse_date("19 Nov 2019") is None


def test_header_date_used_without_catalogue(tmp_path):
    shutil.copy(SEEDS_DIR / "000_4ef09cb68f00dbdb.txt", tmp_path)
    (article,), problems = read_corpus(tmp_path)
    assert problems == []
    assert (article.published, article.published_source) == (dt.date(2019, 11, 19), "header")
    assert article.outlet is None


def test_catalogue_problems_are_reported_not_fatal(tmp_path):
    for name in ("000_4ef09cb68f00dbdb.txt", "004_422bb6ef6b69d9a6.txt"):
        shutil.copy(SEEDS_DIR / name, tmp_path)
    (tmp_path / "catalog.csv").write_text(
        "article_id,outlet,published,mood\n"
        "000_4ef09cb68f00dbdb,Times of Israel,19/11/2019,calm\n"
        "004_422bb6ef6b69d9a6,Caspian News,2023-10-16,\n"
        "004_422bb6ef6b69d9a6,Duplicate,2023-10-17,\n"
        "999_missing,Nowhere,2020-01-01,\n", encoding="utf-8")
    articles, problems = read_corpus(tmp_path)
    messages = [str(p) for p in problems]
    assert [a.article_id for a in articles] == ["000_4ef09cb68f00dbdb", "004_422bb6ef6b69d9a6"]
    assert any("unknown columns kept as metadata: mood" in m for m in messages)
    assert any("bad date '19/11/2019'" in m for m in messages)
    assert any("duplicate article_id '004_422bb6ef6b69d9a6'" in m for m in messages)
    assert any("'999_missing' has no file" in m for m in messages)
    first = articles[0]
    assert first.published_source == "header" and first.extra == {"mood": "calm"}
    assert articles[1].outlet == "Caspian News"


def test_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="does not exist"):
        read_corpus(tmp_path / "nope")
