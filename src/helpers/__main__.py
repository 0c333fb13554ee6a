"""Command line: ``python -m helpers {extract,render,evaluate}`` (also ``news-helpers``).

Exit codes: 0 success; 1 some articles or reports failed (the rest went through);
2 bad command line or input that stops everything (a corpus folder that does not
exist, an output folder that cannot be written).
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from helpers.paths import REPORTS_DIR, SEEDS_DIR

EXIT_OK, EXIT_PARTIAL, EXIT_FATAL = 0, 1, 2


def _print_problems(problems: list) -> None:
    """Print corpus problems on standard error, one per line."""
    for problem in problems:
        print(f"{problem.severity}: {problem}", file=sys.stderr)


def _fatal_input(exc: Exception) -> int:
    """Print why the input stops everything (missing corpus, no article, bad registry); return 2."""
    from helpers.registry import RegistryError

    hint = ""
    if isinstance(exc, RegistryError):
        hint = " Fix the registry file, or pass another with --registry."
    print(f"error: {exc}{hint}", file=sys.stderr)
    return EXIT_FATAL


def _export_columns(pairs: list[str] | None):
    """Return the export columns named by ``--column FIELD=NAME`` options, or None."""
    from helpers.readers import ExportColumns

    if not pairs:
        return None
    overrides: dict[str, list[str]] = {}
    for pair in pairs:
        name, sep, column = pair.partition("=")
        if not sep or not column.strip():
            raise ValueError(f"--column {pair!r}: expected FIELD=COLUMN, e.g. text=content")
        overrides.setdefault(name.strip(), []).append(column.strip())
    return ExportColumns().with_overrides(overrides)


def _run_extract(args: argparse.Namespace, articles: list, registry):
    """Extract in this process, in a process pool, or on Dask, as the options say."""
    if args.scheduler:
        from helpers.distributed import extract_distributed

        return extract_distributed(articles, registry, args.out, args.scheduler,
                                   workers=args.workers or 2, partition_size=args.partition_size,
                                   use_cache=not args.no_cache)
    from helpers.extract import extract_to_folder

    return extract_to_folder(articles, registry, args.out, use_cache=not args.no_cache,
                             workers=1 if args.workers is None else args.workers,
                             progress=sys.stderr.isatty())


def cmd_extract(args: argparse.Namespace) -> int:
    """Extract the tables of a corpus into ``--out`` as Parquet."""
    from helpers.distributed import SchedulerError
    from helpers.extract import load_inputs
    from helpers.registry import RegistryError

    try:
        articles, problems, registry = load_inputs(args.corpus, args.registry,
                                                   _export_columns(args.column))
    except (FileNotFoundError, RegistryError) as exc:
        return _fatal_input(exc)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FATAL
    _print_problems(problems)
    try:
        summary = _run_extract(args, articles, registry)
    except SchedulerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FATAL
    except OSError as exc:
        print(f"error: cannot write tables to {args.out}: {exc.strerror or exc}. "
              "Choose a writable folder with --out.", file=sys.stderr)
        return EXIT_FATAL
    parsed = summary.steps.get("parsed", 0)
    print(f"{summary.articles} articles ({parsed} parsed, {summary.articles - parsed} from cache); "
          f"{len(summary.written)} tables written to {args.out}")
    errors = [p for p in problems if p.severity == "error"]
    return EXIT_PARTIAL if errors else EXIT_OK


def cmd_render(args: argparse.Namespace) -> int:
    """Render every notebook into self-contained HTML reports."""
    from helpers.reports import render_main

    return render_main(args)


def cmd_evaluate(args: argparse.Namespace) -> int:
    """Print precision, recall and F1 per table against a gold folder."""
    from helpers.evaluate import evaluate_tables, format_scores
    from helpers.extract import extract_corpus
    from helpers.registry import RegistryError

    try:
        result = extract_corpus(args.corpus, args.registry)
    except (FileNotFoundError, RegistryError) as exc:
        return _fatal_input(exc)
    print(format_scores(evaluate_tables(result.tables, args.gold)))
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the command line."""
    parser = argparse.ArgumentParser(prog="python -m helpers", description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress details")
    sub = parser.add_subparsers(dest="command", required=True)

    extract = sub.add_parser("extract", help="extract the data-model tables of a corpus as Parquet")
    extract.add_argument("corpus", type=Path, help="folder of articles (and optional catalog.csv)")
    extract.add_argument("--out", type=Path, required=True, help="folder for the Parquet tables")
    extract.add_argument("--registry", type=Path, default=None, help="actor registry YAML (default: shipped)")
    extract.add_argument("--no-cache", action="store_true", help="ignore the per-article cache")
    extract.add_argument("--workers", type=int, default=None,
                         help="processes (default 1; 0 means one per core) or, with --scheduler "
                              "local, Dask workers (default 2)")
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
    render.add_argument("--corpus", type=Path, default=SEEDS_DIR, help="corpus folder (default: seeds/)")
    render.add_argument("--out", type=Path, default=REPORTS_DIR, help="reports folder (default: reports/)")
    render.add_argument("--force", action="store_true", help="render even when nothing changed")
    render.set_defaults(func=cmd_render)

    evaluate = sub.add_parser("evaluate", help="score extraction against hand-written gold")
    evaluate.add_argument("--corpus", type=Path, default=SEEDS_DIR)
    evaluate.add_argument("--gold", type=Path, default=Path("tests/gold"))
    evaluate.add_argument("--registry", type=Path, default=None)
    evaluate.set_defaults(func=cmd_evaluate)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit code."""
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
