"""The extract command writes every table of the data model, with real rows, and caches."""

import pandas as pd
import pyarrow.parquet as pq

from checkout import SEEDS_DIR
from helpers.__main__ import main
from helpers.schema import TABLES


def test_extract_command_writes_every_table(tmp_path, capsys):
    assert main(["extract", str(SEEDS_DIR), "--out", str(tmp_path)]) == 0
    for name, schema in TABLES.items():
        table = pq.read_table(tmp_path / f"{name}.parquet")
        assert table.schema.names == schema.names, name
    articles = pd.read_parquet(tmp_path / "articles.parquet")
    assert len(articles) == 5
    assert "5 articles" in capsys.readouterr().out
    assert not list(tmp_path.glob(".tables-*")), "staging folder left behind"


def test_sentences_have_offsets_into_the_body(seed_tables):
    bodies = seed_tables["articles"].set_index("article_id")["body"]
    sentences = seed_tables["sentences"]
    assert len(sentences) > 60
    for row in sentences.itertuples():
        assert bodies[row.article_id][row.start_char:row.end_char] == row.text
    # sentences never cross a paragraph boundary
    assert not sentences["text"].str.contains("\n").any()


def test_every_article_table_has_rows(seed_tables):
    for name in ("articles", "sentences", "dropped_lines", "actors", "mentions", "timexes",
                 "events", "figures", "quotes"):
        assert len(seed_tables[name]) > 0, f"{name} is empty on the seeds"


def test_second_run_is_served_from_the_cache(tmp_path, monkeypatch):
    from helpers.pipeline import run as extract

    monkeypatch.setenv("NEWS_HELPERS_CACHE", str(tmp_path / "cache"))
    first = extract.extract_corpus(SEEDS_DIR)
    second = extract.extract_corpus(SEEDS_DIR)
    assert (first.parsed_count, second.parsed_count, second.cached_count) == (5, 0, 5)
    for name in TABLES:
        pd.testing.assert_frame_equal(first.tables[name], second.tables[name])


def test_missing_corpus_exits_2(tmp_path, capsys):
    assert main(["extract", str(tmp_path / "nope"), "--out", str(tmp_path / "out")]) == 2
    assert "corpus folder does not exist" in capsys.readouterr().err


def test_tables_read_in_duckdb(tmp_path):
    import duckdb

    assert main(["extract", str(SEEDS_DIR), "--out", str(tmp_path)]) == 0
    pattern = (tmp_path / "mentions.parquet").as_posix() + "/*.parquet"
    count = duckdb.sql(f"SELECT count(*) FROM read_parquet('{pattern}')").fetchall()[0][0]
    assert count == len(pd.read_parquet(tmp_path / "mentions.parquet")) > 100
    top = duckdb.sql(f"SELECT actor_id, count(*) AS n FROM read_parquet('{pattern}') "
                     "WHERE actor_id IS NOT NULL GROUP BY actor_id ORDER BY n DESC, actor_id LIMIT 1").fetchall()[0]
    assert top[0] == "iran"
