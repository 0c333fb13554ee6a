"""One measured run in a fresh process; prints one JSON line with its timings and peak memory.

    python -m benchmarks.child extract CORPUS OUT [--workers N]   # no --workers: default settings
    python -m benchmarks.child spacy CORPUS
    python -m benchmarks.child steps CORPUS --limit 200

The cache folder is ``NEWS_HELPERS_CACHE`` (set by the caller). Peak memory is the
process's maximum resident set size (and that of its largest worker process, when any);
CPU seconds count this process and its workers.
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from collections import defaultdict


def peak_mb() -> dict[str, float]:
    """Return the peak resident memory of this process and of its largest child, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"peak_mb": round(own, 1), "peak_child_mb": round(children, 1)}


def cpu_seconds() -> float:
    """Return the CPU seconds (user and system) of this process and its finished children."""
    own, children = (resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def run_extract(corpus: str, out: str, workers: int | None) -> dict:
    """Time reading and extracting ``corpus`` into ``out`` (the CLI's path; None: default settings).

    The model is loaded first, as the command line does before it starts any worker.
    """
    from helpers.extract import nlp
    from helpers.pipeline.run import extract_to_folder, load_inputs
    from helpers.pipeline.workers import cpu_count

    started = time.perf_counter()
    nlp.load_model()
    loaded = time.perf_counter()
    articles, problems, registry = load_inputs(corpus)
    read = time.perf_counter()
    cpu = cpu_seconds()
    summary = extract_to_folder(articles, registry, out, workers=workers)
    done = time.perf_counter()
    return {"articles": summary.articles, "steps": summary.steps, "counts": summary.counts,
            "startup_s": loaded - started, "read_s": read - loaded, "extract_s": done - read,
            "extract_cpu_s": cpu_seconds() - cpu, "problems": len(problems), "cores": cpu_count()}


def run_spacy(corpus: str) -> dict:
    """Time a bare ``nlp.pipe`` pass over the same bodies with the same model and batch size.

    The model is loaded as spaCy ships it (``spacy.load``): its stock components, without the
    project's paragraph breaks or the quick forms of its rule components
    (:mod:`helpers.extract.quick_rules`), which are part of what the extraction is measured on.
    """
    import spacy

    from helpers.extract import nlp
    from helpers.pipeline.run import load_inputs

    model = spacy.load(nlp.model_name())
    articles, _, _ = load_inputs(corpus)
    bodies = [a.body for a in articles]
    started, cpu = time.perf_counter(), cpu_seconds()
    words = 0
    for doc in model.pipe(bodies, batch_size=nlp.BATCH_SIZE):
        words += sum(1 for t in doc if not t.is_space and not t.is_punct)
    return {"articles": len(bodies), "words": words, "spacy_s": time.perf_counter() - started,
            "spacy_cpu_s": cpu_seconds() - cpu, "batch_size": nlp.BATCH_SIZE, "pipeline": model.pipe_names}


def run_steps(corpus: str, limit: int) -> dict:
    """Time each step of :func:`helpers.pipeline.run.extract_article` on ``limit`` articles."""
    from helpers.extract import actors, casualties, descriptors, events, figures, nlp, quotes, timexes
    from helpers.extract.parsed import parse_article
    from helpers.extract.rows import article_rows
    from helpers.pipeline.run import load_inputs

    model = nlp.load_model()
    articles, _, registry = load_inputs(corpus)
    articles = articles[:limit]
    seconds: dict[str, float] = defaultdict(float)
    started = time.perf_counter()
    docs = list(model.pipe([a.body for a in articles], batch_size=nlp.BATCH_SIZE))
    seconds["spacy"] = time.perf_counter() - started
    for article, doc in zip(articles, docs, strict=True):
        clock = time.perf_counter()
        parsed = parse_article(article, doc)
        article_rows(article, parsed)
        seconds["sentences+rows"] += time.perf_counter() - clock
        steps = [("mentions", lambda p=parsed: actors.extract_mentions(p, registry)),
                 ("timexes", lambda p=parsed: timexes.extract_timexes(p))]
        found = {}
        for name, step in steps:
            clock = time.perf_counter()
            found[name] = step()
            seconds[name] += time.perf_counter() - clock
        clock = time.perf_counter()
        found["figures"] = figures.extract_figures(parsed, found["mentions"], found["timexes"])
        seconds["figures"] += time.perf_counter() - clock
        later = (("casualties", lambda p, *a: casualties.extract_casualties(p, registry, *a),
                  (found["mentions"], found["figures"])),
                 ("descriptors", descriptors.extract_descriptors, (found["mentions"],)),
                 ("quotes", quotes.extract_quotes, (found["mentions"],)),
                 ("events", events.extract_events, (found["mentions"], found["timexes"])))
        for name, function, extra in later:
            clock = time.perf_counter()
            function(parsed, *extra)
            seconds[name] += time.perf_counter() - clock
    return {"articles": len(articles), "seconds": dict(seconds)}


def main() -> None:
    """Run one measurement and print its JSON line."""
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=["extract", "spacy", "steps"])
    parser.add_argument("corpus")
    parser.add_argument("out", nargs="?")
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--limit", type=int, default=200)
    args = parser.parse_args()
    if args.what == "extract":
        result = run_extract(args.corpus, args.out, args.workers)
    elif args.what == "spacy":
        result = run_spacy(args.corpus)
    else:
        result = run_steps(args.corpus, args.limit)
    print(json.dumps({**result, **peak_mb()}))


if __name__ == "__main__":
    main()
