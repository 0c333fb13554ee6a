"""Run the speed and memory benchmarks in one go and print ratios measured in this run.

    .venv/bin/python -m benchmarks                       # rss2023, 1,000 and 10,000 articles
    .venv/bin/python -m benchmarks --large 3000          # a smaller "large" run
    .venv/bin/python -m benchmarks --corpus reuters      # Reuters-21578 bodies instead

Measured, each in a fresh process, on the same texts:

1. a bare spaCy pass (``nlp.pipe`` with the model as spaCy loads it, same batch size, one
   process) over the small corpus, and the full extraction of the same corpus in one process
   (reading, cleaning, parsing with the quick forms of the model's rule components, every
   extractor, caches, Parquet): throughput and their ratio;
2. the full extraction of the same corpus with default settings (every core on a corpus
   this size) against the same single-process bare spaCy pass;
3. peak memory extracting the small and the large corpus (one process), as a ratio;
4. re-extracting the large corpus after adding 1% new articles, with the cache of the
   full run, as a ratio to the full run;
5. peak memory extracting the 151 UN OCHA flash updates (long reports) in one process;
6. where the time of the extraction goes, step by step (on 200 articles);
7. rendering each notebook (papermill + HTML) against a notebook that only imports
   the package.

Times are wall-clock; the CPU seconds are printed beside them because other work on a
shared machine slows the wall clock of both sides of a ratio, but not equally.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from benchmarks import data, notebooks
from benchmarks.checkout import SHARED

ACCEPT = {"throughput": 0.85, "parallel": 1.5, "memory": 1.5, "incremental": 0.05, "ocha_mb": 1024}
OCHA = SHARED / "corpora" / "ocha_flash_updates"


def child(args: list[str], cache: Path) -> dict:
    """Run ``python -m benchmarks.child ARGS`` with its own cache; return its JSON and wall time."""
    env = {**os.environ, "NEWS_HELPERS_CACHE": str(cache)}
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "benchmarks.child", *args], env=env, check=True,
                          capture_output=True, text=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["wall_s"] = time.perf_counter() - started
    return result


def words_of(out: Path) -> int:
    """Return the number of words of the articles extracted into ``out``."""
    return int(pd.read_parquet(out / "articles.parquet", columns=["n_words"])["n_words"].sum())


def verdict(ok: bool) -> str:
    """Return the acceptance mark."""
    return "meets" if ok else "MISSES"


def throughput_run(small: Path, tmp: Path) -> dict:
    """Run the bare spaCy pass, the single-process extraction and the default extraction once, cold caches."""
    tmp.mkdir(parents=True, exist_ok=True)
    bare = child(["spacy", str(small)], tmp / "cache-bare")
    full = child(["extract", str(small), str(tmp / "out-small"), "--workers", "1"], tmp / "cache-small")
    default = child(["extract", str(small), str(tmp / "out-default")], tmp / "cache-default")
    extraction_s = full["read_s"] + full["extract_s"]
    default_s = default["read_s"] + default["extract_s"]
    return {"bare": bare, "small": full, "default": default, "extraction_s": extraction_s, "default_s": default_s,
            "ratio": bare["spacy_s"] / extraction_s, "cpu_ratio": bare["spacy_cpu_s"] / full["extract_cpu_s"],
            "parallel_ratio": bare["spacy_s"] / default_s}


def bench_throughput(small: Path, tmp: Path, repeat: int = 1) -> dict:
    """Bare spaCy pass against full extraction of the same corpus, cold cache: one process, then defaults.

    With ``repeat`` above 1 the three runs are made that many times in turn, and the verdicts use
    the median ratios: a shared virtual machine's speed drifts by 15% and more within minutes.
    """
    runs = [throughput_run(small, tmp / f"throughput-{i}") for i in range(repeat)]
    first = runs[0]
    bare, full, default = first["bare"], first["small"], first["default"]
    words = words_of(tmp / "throughput-0" / "out-small")
    extraction_s, default_s = first["extraction_s"], first["default_s"]
    print(f"\n1. Throughput on {full['articles']:,} articles ({full['problems']} texts reported "
          "and skipped by the corpus reader: duplicates once cleaned, or no text left), "
          f"{words:,} words (spaCy pipeline {', '.join(bare['pipeline'])}; batch {bare['batch_size']})")
    bare_s = bare["spacy_s"]
    print(f"   bare spaCy pass, 1 process : {bare_s:8.1f} s  {bare['articles'] / bare_s:7.1f} "
          f"articles/s  {bare['words'] / bare_s:8.0f} words/s  ({bare['spacy_cpu_s']:.1f} CPU s)")
    print(f"   full extraction, 1 process : {extraction_s:8.1f} s  {full['articles'] / extraction_s:7.1f} "
          f"articles/s  {words / extraction_s:8.0f} words/s  ({full['extract_cpu_s']:.1f} CPU s; "
          f"+{full['startup_s']:.1f} s model load)")
    ratio, cpu_ratio, parallel = (statistics.median(r[k] for r in runs) for k in ("ratio", "cpu_ratio",
                                                                                  "parallel_ratio"))
    print(f"   ratio extraction/bare throughput: {ratio:.2f}  [{verdict(ratio >= ACCEPT['throughput'])} "
          f">= {ACCEPT['throughput']}]  (in CPU seconds: {cpu_ratio:.2f}){_spread(runs, 'ratio')}")
    print(f"\n2. Default settings on the same {default['articles']:,} articles ({default['cores']} cores): "
          f"{default_s:.1f} s, {words / default_s:.0f} words/s (+{default['startup_s']:.1f} s model load)")
    print(f"   ratio to the bare spaCy pass in 1 process: {parallel:.2f}  "
          f"[{verdict(parallel >= ACCEPT['parallel'])} >= {ACCEPT['parallel']}]; peak memory "
          f"{default['peak_mb']:.0f} MB + largest worker {default['peak_child_mb']:.0f} MB"
          f"{_spread(runs, 'parallel_ratio')}")
    return {"bare": bare, "small": full, "default": default, "ratio": ratio, "cpu_ratio": cpu_ratio,
            "parallel_ratio": parallel, "words": words, "runs": [{k: r[k] for k in ("ratio", "cpu_ratio",
                                                                                  "parallel_ratio")} for r in runs]}


def _spread(runs: list[dict], key: str) -> str:
    """Return the ratios of repeated runs as text (nothing for one run): the median above is theirs."""
    if len(runs) < 2:
        return ""
    return f"\n   median of {len(runs)} runs in turn: " + ", ".join(f"{r[key]:.2f}" for r in runs)


def bench_memory_and_incremental(small_run: dict, large: Path, grown: Path, tmp: Path) -> dict:
    """Peak memory small vs large, then re-extraction after 1% new articles."""
    cache = tmp / "cache-large"
    big = child(["extract", str(large), str(tmp / "out-large"), "--workers", "1"], cache)
    words = words_of(tmp / "out-large")
    ratio = big["peak_mb"] / small_run["peak_mb"]
    print(f"\n3. Peak memory (one process): {small_run['articles']:,} articles "
          f"{small_run['peak_mb']:.0f} MB; {big['articles']:,} articles ({words:,} words) "
          f"{big['peak_mb']:.0f} MB")
    print(f"   ratio large/small: {ratio:.2f}  [{verdict(ratio <= ACCEPT['memory'])} "
          f"<= {ACCEPT['memory']}]")
    again = child(["extract", str(grown), str(tmp / "out-grown"), "--workers", "1"], cache)
    added = again["articles"] - big["articles"]
    work_full = big["read_s"] + big["extract_s"]
    work_again = again["read_s"] + again["extract_s"]
    ratio_work, ratio_wall = work_again / work_full, again["wall_s"] / big["wall_s"]
    print(f"\n4. Re-extraction after adding {added:,} articles ({added / big['articles']:.1%}) "
          f"to {big['articles']:,}: steps {again['steps']}")
    print(f"   full run {work_full:.1f} s, re-run {work_again:.1f} s: ratio {ratio_work:.3f}  "
          f"[{verdict(ratio_work < ACCEPT['incremental'])} < {ACCEPT['incremental']}]")
    print(f"   end to end with interpreter start and model load: {big['wall_s']:.1f} s vs "
          f"{again['wall_s']:.1f} s, ratio {ratio_wall:.3f}")
    return {"large": big, "grown": again, "memory_ratio": ratio, "incremental_ratio": ratio_work,
            "incremental_wall_ratio": ratio_wall, "large_words": words}


def bench_ocha(tmp: Path) -> dict:
    """Peak memory extracting the UN OCHA flash updates (151 long reports) in one process."""
    run = child(["extract", str(OCHA), str(tmp / "out-ocha"), "--workers", "1"], tmp / "cache-ocha")
    words = words_of(tmp / "out-ocha")
    print(f"\n5. UN OCHA flash updates: {run['articles']} reports, {words:,} words, one process: "
          f"peak memory {run['peak_mb']:.0f} MB  [{verdict(run['peak_mb'] <= ACCEPT['ocha_mb'])} <= "
          f"{ACCEPT['ocha_mb']} MB]; {run['read_s'] + run['extract_s']:.0f} s")
    return run


def bench_steps(small: Path, tmp: Path) -> dict:
    """Where extraction time goes, per step."""
    steps = child(["steps", str(small), "--limit", "200"], tmp / "cache-steps")
    total = sum(steps["seconds"].values())
    print(f"\n6. Time per step on {steps['articles']} articles (share of {total:.1f} s):")
    for name, seconds in sorted(steps["seconds"].items(), key=lambda kv: -kv[1]):
        print(f"   {name:15s} {seconds:7.2f} s  {seconds / total:6.1%}")
    return steps


def bench_notebooks() -> dict:
    """Render time of each notebook against an import-only notebook."""
    baseline, times = notebooks.measure()
    print(f"\n7. Rendering (papermill + HTML, seeds/, extraction cached); import-only notebook "
          f"{baseline:.1f} s")
    for name, seconds in times.items():
        print(f"   {name:28s} {seconds:6.1f} s  ratio {seconds / baseline:5.2f}")
    return {"baseline": baseline, "notebooks": times}


def main(argv: list[str] | None = None) -> int:
    """Build the corpora, run every benchmark, print the results (and save them as JSON)."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", choices=["rss2023", "reuters"], default="rss2023")
    parser.add_argument("--small", type=int, default=1000, help="articles of the small run")
    parser.add_argument("--large", type=int, default=10000, help="articles of the large run")
    parser.add_argument("--skip-notebooks", action="store_true")
    parser.add_argument("--skip-ocha", action="store_true", help="skip the OCHA memory run (several minutes)")
    parser.add_argument("--repeat", type=int, default=3,
                        help="run the throughput comparison this many times in turn; verdicts use the medians")
    parser.add_argument("--json", type=Path, default=None, help="also write the results here")
    args = parser.parse_args(argv)
    results: dict = {"corpus": args.corpus}
    with tempfile.TemporaryDirectory(prefix="news-bench-") as tmp_name:
        tmp = Path(tmp_name)
        large_rows = data.select(args.corpus, args.large)
        added = data.select(args.corpus, max(1, args.large // 100), skip=args.large)
        small = data.write_corpus(tmp / "small", large_rows[:args.small])
        large = data.write_corpus(tmp / "large", large_rows)
        grown = data.write_corpus(tmp / "grown", large_rows)
        data.write_corpus(grown, added, name="added.jsonl")
        kind = ("news-feed descriptions, JSON lines" if args.corpus == "rss2023"
                else "Reuters-21578 bodies")
        print(f"Corpus: {args.corpus} ({kind}) "
              f"from {data.SHARED}; small {args.small:,}, large {args.large:,}, "
              f"added {len(added):,} articles; {os.cpu_count()} CPUs, load average "
              f"{os.getloadavg()[0]:.1f}")
        results["throughput"] = bench_throughput(small, tmp, max(1, args.repeat))
        results["memory"] = bench_memory_and_incremental(results["throughput"]["small"], large,
                                                         grown, tmp)
        if not args.skip_ocha and OCHA.is_dir():
            results["ocha"] = bench_ocha(tmp)
        results["steps"] = bench_steps(small, tmp)
    if not args.skip_notebooks:
        results["notebooks"] = bench_notebooks()
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
