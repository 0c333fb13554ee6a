"""The Dask path: same tables as the in-process run, partitioned Parquet, spaCy once per worker."""

from pathlib import Path

import pandas as pd
import pyarrow.dataset as ds
import pytest

from checkout import SEEDS_DIR
from helpers.__main__ import main
from helpers.extract import nlp
from helpers.pipeline import run as extract
from helpers.pipeline import store
from helpers.pipeline.cluster import extract_distributed
from helpers.schema import TABLES

SECOND = Path(__file__).parent / "data" / "second_corpus"
SORT_KEYS = {"articles": ["article_id"], "actors": ["actor_id"]}

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def client():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        with distributed.Client(cluster) as dask_client:
            yield dask_client


def sorted_tables(tables):
    """Sort rows by every key column so that row order does not matter."""
    out = {}
    for name, frame in tables.items():
        keys = SORT_KEYS.get(name) or [c for c in ("article_id", "sentence_id", "start_char",
                                                    "line_no", "event_id", "figure_id", "text")
                                       if c in frame.columns]
        out[name] = frame.sort_values(keys, kind="stable").reset_index(drop=True)
    return out


def assert_same(left_dir, right_dir):
    left, right = (sorted_tables(store.read_tables(d)) for d in (left_dir, right_dir))
    for name in TABLES:
        pd.testing.assert_frame_equal(left[name], right[name], obj=name)


def in_process(corpus, out):
    articles, _, registry = extract.load_inputs(corpus)
    return extract.extract_to_folder(articles, registry, out, use_cache=False)


def test_cli_local_cluster_with_two_workers_equals_in_process_run(tmp_path, capsys):
    in_process(SEEDS_DIR, tmp_path / "local")
    code = main(["extract", str(SEEDS_DIR), "--out", str(tmp_path / "dask"), "--no-cache",
                 "--scheduler", "local", "--workers", "2", "--partition-size", "2"])
    assert code == 0
    assert "5 articles (5 parsed" in capsys.readouterr().out
    parts = sorted(p.name for p in (tmp_path / "dask" / "sentences.parquet").iterdir())
    assert parts == ["part-00000.parquet", "part-00001.parquet", "part-00002.parquet"]
    assert_same(tmp_path / "local", tmp_path / "dask")


def test_second_corpus_on_dask_equals_in_process_run(tmp_path, client):
    local = in_process(SECOND, tmp_path / "local")
    articles, _, registry = extract.load_inputs(SECOND)
    summary = extract_distributed(articles, registry, tmp_path / "dask", "unused",
                                  partition_size=2, use_cache=False, client=client)
    assert summary.articles == local.articles == 7
    assert summary.counts == local.counts
    assert_same(tmp_path / "local", tmp_path / "dask")
    # a partitioned dataset that any Arrow-based reader takes as one table
    dataset = ds.dataset(tmp_path / "dask" / "mentions.parquet", format="parquet")
    assert dataset.count_rows() == summary.counts["mentions"] > 0


def test_each_worker_loads_spacy_once(tmp_path, client):
    articles, _, registry = extract.load_inputs(SEEDS_DIR)
    extract_distributed(articles, registry, tmp_path / "dask", "unused", partition_size=1,
                        use_cache=False, client=client)
    loads = client.run(lambda: nlp.load_model.cache_info().misses)
    assert list(loads.values()) == [1, 1]


def test_unreachable_scheduler_exits_2_with_what_to_do(tmp_path, capsys):
    code = main(["extract", str(SECOND), "--out", str(tmp_path / "out"),
                 "--scheduler", "tcp://127.0.0.1:9"])
    assert code == 2
    assert "cannot reach a Dask scheduler at tcp://127.0.0.1:9" in capsys.readouterr().err
    assert not (tmp_path / "out" / "_SUCCESS").exists()
