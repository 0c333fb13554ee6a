"""Extraction as Dask tasks over partitions of the corpus, on one machine or a cluster.

``python -m helpers extract CORPUS --out DIR --scheduler ADDRESS`` reads the corpus
here, cuts it into partitions of ``--partition-size`` articles and runs
:func:`helpers.pipeline.run.extract_chunk` (the same function as the in-process path) on
each partition as a Dask task. Each task writes its part of every table into the new
version folder of the output (``<table>.parquet/part-NNNNN.parquet``, numbered by
partition), and the version is committed when every task has finished
(:class:`helpers.pipeline.store.TableSet`: locked, all or nothing, with checksums),
so the result is the same partitioned Parquet dataset as the other paths write.

``--scheduler local`` starts a :class:`distributed.LocalCluster` of ``--workers``
single-threaded worker processes; any other value is the address of a running
scheduler (``tcp://host:8786``). Workers must have this package installed and must
see the output folder (and, to share it, the cache folder ``NEWS_HELPERS_CACHE``) at
the same path: a shared file system. Each worker process loads spaCy once and keeps
it for every task it runs.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from helpers.corpus import Article, CorpusProblem
from helpers.extract.merge import ActorTally, corpus_actors
from helpers.extract.registry import Registry
from helpers.pipeline.cache import Caches
from helpers.pipeline.chunk import extract_chunk
from helpers.pipeline.run import PROBLEMS_NAME, ExtractionSummary, chunks, problems_json, write_actors
from helpers.pipeline.store import TableSet, write_part

log = logging.getLogger(__name__)

#: Articles per Dask task (and per Parquet part).
PARTITION_SIZE = 256


class SchedulerError(RuntimeError):
    """The Dask scheduler named on the command line cannot be reached."""


@contextmanager
def connect(scheduler: str, workers: int = 2) -> Iterator:
    """Yield a Dask client: a new local cluster for ``"local"``, else the scheduler there."""
    from distributed import Client, LocalCluster

    if scheduler == "local":
        with LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                          dashboard_address=None, silence_logs=logging.WARNING) as cluster:
            with Client(cluster) as client:
                yield client
    else:
        try:
            client = Client(scheduler, timeout="20s")
        except OSError as exc:
            raise SchedulerError(
                f"cannot reach a Dask scheduler at {scheduler} ({exc}). Start one with "
                "`dask scheduler` and workers with `dask worker ADDRESS`, or use --scheduler local"
            ) from exc
        with client:
            yield client


def extract_partition(articles: list[Article], index: int, *, registry: Registry,
                      caches: Caches | None, staging: str) -> dict:
    """Extract one partition on a worker and write its part of every article table.

    Returns the steps taken, the row count of each table, the failed articles and the
    tally of discovered actors.
    """
    result = extract_chunk(articles, registry, caches).to_tables()
    write_part(Path(staging), index, result.tables)
    tally = ActorTally()
    tally.add(result.tables["mentions"].to_pylist())
    return {"steps": dict(result.steps), "counts": {name: len(table) for name, table in result.tables.items()},
            "problems": [vars(p) for p in result.problems], "tally": tally}


def extract_distributed(articles: list[Article], registry: Registry, out_dir: str | Path,
                        scheduler: str, *, workers: int = 2, partition_size: int = PARTITION_SIZE,
                        use_cache: bool = True, client=None,
                        problems: list[CorpusProblem] | None = None) -> ExtractionSummary:
    """Extract ``articles`` as Dask tasks and write every table to ``out_dir``, all or nothing.

    ``client``, when given, is used instead of connecting to ``scheduler``; ``problems``
    (met reading the corpus) are stored with the tables, as :func:`extract_to_folder` does.
    """
    caches = Caches.for_registry(registry) if use_cache else None
    partitions = chunks(articles, partition_size) or [[]]
    with TableSet(out_dir) as table_set:
        if client is None:
            with connect(scheduler, workers) as own_client:
                results = _run(own_client, partitions, registry, caches, table_set.folder)
        else:
            results = _run(client, partitions, registry, caches, table_set.folder)
        tally = ActorTally()
        for result in results:
            tally.update(result["tally"])
        steps: Counter = Counter()
        counts: Counter = Counter({"actors": write_actors(table_set.folder, len(partitions),
                                                          corpus_actors(tally, registry))})
        failures = [CorpusProblem(**p) for result in results for p in result["problems"]]
        for result in results:
            steps.update(result["steps"])
            counts.update(result["counts"])
        written = table_set.commit({PROBLEMS_NAME: problems_json((problems or []) + failures)})
    return ExtractionSummary(len(articles) - steps["failed"], dict(steps), dict(counts), written, failures)


def _run(client, partitions: list[list[Article]], registry: Registry, caches: Caches | None,
         staging: Path) -> list[dict]:
    """Submit one task per partition and wait for all of them."""
    log.info("extracting %d partitions on %s", len(partitions), client)
    registry_future = client.scatter(registry, broadcast=True)
    parts = client.scatter(partitions)
    futures = client.map(extract_partition, parts, range(len(partitions)),
                         registry=registry_future, caches=caches, staging=str(staging),
                         pure=False)
    return client.gather(futures)
