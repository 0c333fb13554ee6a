"""How many processes to use, and the pool that runs chunks of articles on them.

By default a corpus with more than :data:`AUTO_PARALLEL_CHARS` characters to parse
(a few hundred news articles; about five seconds of parsing, or thirty where workers
must load the model themselves) uses every core; a smaller one stays in this process,
where starting workers would cost more than it saves. The number is capped by the cores and by the memory available,
each worker needing about :data:`WORKER_MEMORY_MB` (its own spaCy model and parse
batches); asking for more says so and uses what fits.

Where this process is single-threaded (the command line), workers are forked after
the model is loaded, so they start at once and share its memory; elsewhere (a
notebook kernel has threads) they are spawned and load the model themselves.
Chunks are handed out a few at a time and their results come back in corpus order,
so memory holds a few chunks, never the corpus.
"""

from __future__ import annotations

import collections
import contextlib
import gc
import logging
import multiprocessing
import os
import threading
from collections.abc import Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor

import psutil

from helpers.corpus import Article
from helpers.extract.registry import Registry
from helpers.extract.rows import prepare
from helpers.pipeline.cache import Caches
from helpers.pipeline.chunk import ChunkResult, extract_chunk

log = logging.getLogger(__name__)

#: Characters of text to parse from which every core is used by default, by how workers start:
#: forked workers share the loaded model at once, spawned ones load it (a few seconds each).
AUTO_PARALLEL_CHARS = {"fork": 100_000, "spawn": 500_000}
#: Memory one worker process needs: the spaCy model and its parse batches.
WORKER_MEMORY_MB = 800
#: Chunks handed to each worker ahead of the one it is working on.
CHUNKS_AHEAD = 2


def cpu_count() -> int:
    """Return the cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def memory_workers() -> int:
    """Return how many worker processes fit in the memory available now."""
    return max(1, int(psutil.virtual_memory().available / 2**20 // WORKER_MEMORY_MB))


def resolve_workers(requested: int | None, text_chars: int = 0) -> int:
    """Return the number of processes to use.

    ``requested``: None for the default (every core when more than :data:`AUTO_PARALLEL_CHARS`
    characters of text are to be parsed, ``text_chars``; else 1), 0 or less for every core, or a
    number. More than the cores or the memory allow is capped, with a warning.
    """
    cores, fits = cpu_count(), memory_workers()
    if requested is None:
        return min(cores, fits) if text_chars > AUTO_PARALLEL_CHARS[_start_method()] else 1
    wanted = requested if requested > 0 else cores
    usable = min(wanted, cores, fits)
    if usable < wanted:
        limits = [f"this machine has {cores} core(s)"] if cores < wanted else []
        if fits < wanted:
            limits.append(f"the free memory ({psutil.virtual_memory().available / 2**30:.1f} GB) fits {fits}")
        log.warning("%d worker processes asked for, but %s; using %d. Each worker holds its own spaCy "
                    "model and parse batches (about %d MB), so more processes than cores or memory only "
                    "add memory, not speed", wanted, " and ".join(limits), usable, WORKER_MEMORY_MB)
    return usable


# --- the pool ------------------------------------------------------------------------------

@contextlib.contextmanager
def collector_skips_what_exists() -> Iterator[None]:
    """Keep the objects alive now (the model, the corpus, the registry) out of garbage collection during a run.

    A full collection walks every object the collector tracks; before a run the model and a
    corpus of two thousand articles are some 200,000 of them, alive until the run ends, and
    one walk took 0.15 s: a tenth of re-extracting a corpus whose articles are nearly all
    cached. :func:`gc.freeze` parks them (and forked workers then share their memory pages,
    which the collector no longer writes to); :func:`gc.unfreeze` hands them back at the end.
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


_WORKER_STATE: dict[str, object] = {}


def _init_worker(registry: Registry, caches: Caches | None) -> None:
    """Keep the registry and caches in a pool process (sent once) and load what extraction reuses once."""
    _WORKER_STATE.update(registry=registry, caches=caches)
    prepare(registry)


def _worker_chunk(articles: list[Article]) -> ChunkResult:
    """Run :func:`extract_chunk` in a pool process; return its rows as Arrow tables (cheap to send)."""
    return extract_chunk(articles, _WORKER_STATE["registry"], _WORKER_STATE["caches"]).to_tables()


def _start_method() -> str:
    """Return ``fork`` where it is safe and cheap (one thread, POSIX), else ``spawn``."""
    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        return "fork"
    return "spawn"


@contextlib.contextmanager
def worker_pool(workers: int, registry: Registry, caches: Caches | None) -> Iterator[Executor]:
    """Yield a pool of ``workers`` processes that each extract chunks with ``registry``."""
    method = _start_method()
    if method == "fork":
        prepare(registry)  # loaded once here, shared by every forked worker
        gc.freeze()
    context = multiprocessing.get_context(method)
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker,
                             initargs=(registry, caches)) as pool:
        yield pool


def run_chunks(parts: list[list[Article]], registry: Registry, caches: Caches | None,
               workers: int = 1) -> Iterator[tuple[list[Article], ChunkResult]]:
    """Yield ``(articles, result)`` chunk by chunk, in order, on ``workers`` processes.

    Each result holds its rows as Arrow tables (:meth:`ChunkResult.to_tables`).
    """
    if workers <= 1 or len(parts) <= 1:
        for part in parts:
            yield part, extract_chunk(part, registry, caches).to_tables()
        return
    with worker_pool(min(workers, len(parts)), registry, caches) as pool:
        pending: collections.deque[tuple[list[Article], Future]] = collections.deque()
        queue = iter(parts)
        for part in queue:
            pending.append((part, pool.submit(_worker_chunk, part)))
            if len(pending) >= workers * CHUNKS_AHEAD:
                break
        while pending:
            part, future = pending.popleft()
            result = future.result()
            following = next(queue, None)
            if following is not None:
                pending.append((following, pool.submit(_worker_chunk, following)))
            yield part, result
