"""Command line: ``python -m helpers {extract,render,evaluate,actors}`` (also ``news-helpers``).

Exit codes: 0 success; 1 some articles or reports failed (the rest were written);
2 bad command line or input that stops everything, nothing written (a corpus folder
that does not exist, an output folder that cannot be written or is being written by
another extraction); 3 an unexpected error, a bug (the traceback follows the message;
tables are all or nothing, so the previous complete set stays); 130 interrupted (Ctrl-C).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
import traceback
from pathlib import Path

from helpers.corpus import CorpusProblem, ExportColumns
from helpers.evaluation.evaluate import GoldError, check_gold_folder, evaluate_tables, format_scores
from helpers.extract.registry import RegistryError
from helpers.extract.suggest import suggest, suggestions_yaml
from helpers.paths import PROJECT_ENV, ProjectNotFoundError, project_root, reports_dir, seeds_dir
from helpers.pipeline.cluster import SchedulerError, extract_distributed
from helpers.pipeline.run import (
    ExtractionSummary,
    ensure_tables,
    extract_corpus,
    extract_to_folder,
    load_corpus_tables,
    load_inputs,
)
from helpers.pipeline.store import TablesBusyError
from helpers.reports.jobs import Job, JobsFileError, check_parameters, default_jobs, load_jobs
from helpers.reports.render import render_jobs

EXIT_OK, EXIT_PARTIAL, EXIT_FATAL, EXIT_BUG, EXIT_INTERRUPTED = 0, 1, 2, 3, 130


def _print_problems(problems: list[CorpusProblem]) -> None:
    """Print corpus problems on standard error, one per line."""
    for problem in problems:
        print(f"{problem.severity}: {problem}", file=sys.stderr)


def _fatal(exc: Exception) -> int:
    """Print why the input stops everything (missing corpus, no article, bad registry); return 2."""
    hint = " Fix the registry file, or pass another with --registry." if isinstance(exc, RegistryError) else ""
    print(f"error: {exc}{hint}", file=sys.stderr)
    return EXIT_FATAL


def _export_columns(pairs: list[str] | None) -> ExportColumns | None:
    """Return the export columns named by ``--column FIELD=NAME`` options, or None."""
    if not pairs:
        return None
    overrides: dict[str, list[str]] = {}
    for pair in pairs:
        name, sep, column = pair.partition("=")
        if not sep or not column.strip():
            raise ValueError(f"--column {pair!r}: expected FIELD=COLUMN, e.g. text=content")
        overrides.setdefault(name.strip(), []).append(column.strip())
    return ExportColumns().with_overrides(overrides)


def _run_extract(args: argparse.Namespace, articles: list, registry,
                 problems: list[CorpusProblem]) -> ExtractionSummary:
    """Extract in this process, in a process pool, or on Dask, as the options say."""
    if args.scheduler:
        return extract_distributed(articles, registry, args.out, args.scheduler,
                                   workers=args.workers or 2, partition_size=args.partition_size,
                                   use_cache=not args.no_cache, problems=problems)
    return extract_to_folder(articles, registry, args.out, use_cache=not args.no_cache,
                             workers=args.workers, progress=sys.stderr.isatty(), problems=problems)


def cmd_extract(args: argparse.Namespace) -> int:
    """Extract the tables of a corpus into ``--out`` as Parquet."""
    try:
        articles, problems, registry = load_inputs(args.corpus, args.registry, _export_columns(args.column))
    except (FileNotFoundError, RegistryError, ValueError) as exc:
        return _fatal(exc)
    _print_problems(problems)
    try:
        summary = _run_extract(args, articles, registry, problems)
    except (SchedulerError, TablesBusyError) as exc:
        return _fatal(exc)
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename else ""
        print(f"error: cannot write tables to {args.out}: {exc.strerror or exc}{where}. Nothing was "
              "written; the folder keeps its previous complete set of tables, if it had one. "
              "Choose a writable folder with --out.", file=sys.stderr)
        return EXIT_FATAL
    _print_problems(summary.problems)
    parsed = summary.steps.get("parsed", 0)
    print(f"{summary.articles} articles ({parsed} parsed, {summary.articles - parsed} from cache); "
          f"{len(summary.written)} tables written to {args.out}")
    errors = [p for p in problems + summary.problems if p.severity == "error"]
    return EXIT_PARTIAL if errors else EXIT_OK


def _render_jobs_of(args: argparse.Namespace) -> list[Job]:
    """Return the jobs the render command was given: a jobs file, else every notebook on ``--corpus``."""
    jobs = load_jobs(args.jobs) if args.jobs else default_jobs(args.corpus)
    for job in jobs:
        job.self_contained = job.self_contained or args.self_contained
    return jobs


def _prepare_tables(jobs: list[Job]) -> list[str]:
    """Extract each corpus of ``jobs`` once (the notebooks then only read its tables).

    Returns why a corpus cannot be extracted (missing or empty folder, bad registry): one
    line each; the render stops before any notebook runs.
    """
    seen: set[tuple[str, str]] = set()
    problems = []
    for job in jobs:
        key = (job.parameters.get("corpus") or "", job.parameters.get("registry") or "")
        if key in seen:
            continue
        seen.add(key)
        print(f"extracting {key[0] or 'seeds'} (cached articles are not parsed again) ...", flush=True)
        try:
            ensure_tables(key[0] or seeds_dir(), key[1] or None, progress=sys.stderr.isatty())
        except (FileNotFoundError, RegistryError, ValueError) as exc:
            problems.append(f"run {job.run}: {exc}")
    return problems


def _unwritable(out_root: Path) -> str | None:
    """Return why reports cannot be written under ``out_root``, or None when they can."""
    try:
        out_root.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=out_root, prefix=".write-check-"):
            pass
    except OSError as exc:
        return f"cannot write reports into {out_root}: {exc.strerror or exc}. Choose a writable folder with --out"
    return None


def _stopping_problems(jobs: list[Job], out_root: Path) -> list[str]:
    """Return what stops a render before any notebook runs: bad parameters, output folder, corpora."""
    problems = [problem for job in jobs for problem in check_parameters(job)]
    if not problems and (why := _unwritable(out_root)):
        problems.append(why)
    return problems or _prepare_tables(jobs)


def _render_workers(asked: int) -> int:
    """Return how many notebooks render at once: ``asked``, but at least 1 and at most one per core.

    Each notebook runs in its own kernel; more kernels than cores only share the cores and add
    memory, so the count is capped, and a line on standard error says so.
    """
    cores = os.cpu_count() or 1
    if asked > cores:
        print(f"note: --workers {asked} asks for more kernels than this machine's {cores} cores; "
              f"rendering {cores} notebooks at once", file=sys.stderr)
        return cores
    return max(1, asked)


def cmd_render(args: argparse.Namespace) -> int:
    """Render every notebook into HTML reports."""
    try:
        jobs = _render_jobs_of(args)
    except (JobsFileError, ProjectNotFoundError) as exc:
        return _fatal(exc)
    if not jobs:
        print("error: no notebooks (notebooks/NN_name.ipynb) found in the project", file=sys.stderr)
        return EXIT_FATAL
    out_root = Path(args.out) if args.out else reports_dir()
    stopping = _stopping_problems(jobs, out_root)
    for problem in stopping:
        print(f"error: {problem}", file=sys.stderr)
    if stopping:
        return EXIT_FATAL
    results = render_jobs(jobs, out_root, force=args.force, on_progress=lambda line: print(line, flush=True),
                          workers=_render_workers(args.workers))
    failed = sum(r.status == "failed" for r in results)
    skipped = sum(r.status == "skipped" for r in results)
    print(f"{len(results) - failed} of {len(results)} reports ready in {out_root} "
          f"({skipped} unchanged and skipped, {failed} failed)")
    return EXIT_PARTIAL if failed else EXIT_OK


def cmd_evaluate(args: argparse.Namespace) -> int:
    """Print precision, recall and F1 per table against a gold folder."""
    try:
        gold = check_gold_folder(args.gold or project_root() / "tests" / "gold")
        result = extract_corpus(args.corpus or seeds_dir(), args.registry)
        print(format_scores(evaluate_tables(result.tables, gold)))
    except (FileNotFoundError, RegistryError, GoldError) as exc:
        return _fatal(exc)
    return EXIT_OK


def cmd_actors(args: argparse.Namespace) -> int:
    """Write candidate registry entries for the actors of a corpus that the registry lacks."""
    try:
        tables = load_corpus_tables(args.corpus, args.registry).tables
    except (FileNotFoundError, RegistryError, ValueError) as exc:
        return _fatal(exc)
    text = suggestions_yaml(suggest(tables, args.min_mentions), str(args.corpus))
    if args.out is None:
        print(text, end="")
        return EXIT_OK
    try:
        args.out.write_text(text, encoding="utf-8")
    except OSError as exc:
        return _fatal(OSError(f"{args.out}: cannot write the suggestions ({exc.strerror})"))
    print(f"{text.count(chr(10) + '  - id: ')} suggested actor(s) written to {args.out}", file=sys.stderr)
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the command line."""
    parser = argparse.ArgumentParser(prog="python -m helpers", description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress details")
    parser.add_argument("--project", type=Path, default=None,
                        help="project folder (holding notebooks/, seeds/, reports/); default: the working "
                             f"folder or the nearest one above it, or ${PROJECT_ENV}")
    sub = parser.add_subparsers(dest="command", required=True)

    extract = sub.add_parser("extract", help="extract the data-model tables of a corpus as Parquet")
    extract.add_argument("corpus", type=Path, help="folder of articles (and optional catalog.csv)")
    extract.add_argument("--out", type=Path, required=True, help="folder for the Parquet tables")
    extract.add_argument("--registry", type=Path, default=None, help="actor registry YAML (default: shipped)")
    extract.add_argument("--no-cache", action="store_true", help="ignore the per-article cache")
    extract.add_argument("--workers", type=int, default=None,
                         help="processes (default: every core for a corpus with more than about 30 s "
                              "of parsing, else 1; 0 means every core; capped by the cores and the free "
                              "memory) or, with --scheduler local, Dask workers (default 2)")
    extract.add_argument("--scheduler", default=None,
                         help="run as Dask tasks: 'local' starts a local cluster, or the address "
                              "of a running scheduler (tcp://host:8786)")
    extract.add_argument("--partition-size", type=int, default=256,
                         help="articles per Dask task (default 256)")
    extract.add_argument("--column", action="append", metavar="FIELD=COLUMN",
                         help="column of .jsonl/.csv exports holding FIELD (text, title, author, "
                              "outlet, url, published, article_id); repeatable")
    extract.set_defaults(func=cmd_extract)

    render = sub.add_parser("render", help="render notebooks into HTML reports")
    render.add_argument("jobs", nargs="?", type=Path, default=None,
                        help="report jobs file (default: all notebooks on seeds/)")
    render.add_argument("--corpus", type=Path, default=None, help="corpus folder (default: the project's seeds/)")
    render.add_argument("--out", type=Path, default=None, help="reports folder (default: the project's reports/)")
    render.add_argument("--force", action="store_true", help="render even when nothing changed")
    render.add_argument("--self-contained", action="store_true",
                        help="put plotly.js and the table scripts inside each page (a single file to "
                             "e-mail) instead of once per report folder")
    render.add_argument("--workers", type=int, default=1,
                        help="notebooks rendered at once, each in its own kernel (default 1; at most "
                             "one per core)")
    render.set_defaults(func=cmd_render)

    evaluate = sub.add_parser("evaluate", help="score extraction against hand-written gold")
    evaluate.add_argument("--corpus", type=Path, default=None, help="corpus folder (default: the project's seeds/)")
    evaluate.add_argument("--gold", type=Path, default=None,
                          help="folder of gold CSV files (default: the project's tests/gold)")
    evaluate.add_argument("--registry", type=Path, default=None)
    evaluate.set_defaults(func=cmd_evaluate)

    actors = sub.add_parser("actors", help="work with the actors a corpus names")
    actors_sub = actors.add_subparsers(dest="action", required=True)
    suggest_parser = actors_sub.add_parser(
        "suggest", help="write registry entries (YAML) for the actors found that the registry lacks")
    suggest_parser.add_argument("corpus", type=Path, help="folder of articles")
    suggest_parser.add_argument("--registry", type=Path, default=None, help="actor registry YAML (default: shipped)")
    suggest_parser.add_argument("--out", type=Path, default=None, help="YAML file to write (default: print)")
    suggest_parser.add_argument("--min-mentions", type=int, default=2,
                                help="suggest only actors named at least this often (default 2)")
    suggest_parser.set_defaults(func=cmd_actors)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit code."""
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    if args.project:
        if not args.project.is_dir():
            return _fatal(FileNotFoundError(f"{args.project}: --project is not a folder"))
        os.environ[PROJECT_ENV] = str(args.project.resolve())  # the notebooks' kernels inherit it
    try:
        return args.func(args)
    except ProjectNotFoundError as exc:
        return _fatal(exc)
    except KeyboardInterrupt:
        print("interrupted: nothing was left half-written (tables are written all or nothing, so an "
              "output folder keeps its previous complete set; reports finished before stay)", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as exc:  # the last resort: a bug gets its own exit code, not "some failed"
        return _bug(exc)


def _bug(exc: Exception) -> int:
    """Print an unexpected error with its traceback and what was kept; return 3."""
    traceback.print_exception(exc, file=sys.stderr)
    print(f"error: unexpected {type(exc).__name__}: {exc}. This is a bug in news-helpers; please report "
          "it with the traceback above. Tables are written all or nothing, so an output folder keeps its "
          "previous complete set; reports finished before the error stay", file=sys.stderr)
    return EXIT_BUG


if __name__ == "__main__":
    sys.exit(main())
