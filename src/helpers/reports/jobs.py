"""Report jobs: which notebooks to render, with which parameters, for which corpus.

A jobs file (``reports.yaml``) lists runs; each run renders some notebooks for one
corpus into ``<out>/<run name>/``::

    runs:
      - name: seeds                 # folder under the output folder
        corpus: seeds               # relative paths are relative to the jobs file
        notebooks: all              # or a list of notebook names (stems)
        parameters: {}              # given to every notebook of the run
        notebook_parameters:        # given to one notebook only
          03_actor_cooccurrence: {window: paragraph}
        timeout: 600                # seconds per cell

Parameters are checked against each notebook's ``parameters`` cell before anything
runs: each line there is a typed literal with a comment (``window: str = "sentence"
# one of: sentence, paragraph, article``), which papermill reads. A misspelt name,
a wrong type or a value outside ``one of:`` fails the job at once with a message
naming the notebook, the parameter and what was expected.
"""

from __future__ import annotations

import ast
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

import papermill
import yaml

from helpers.paths import notebooks_dir, seeds_dir

DEFAULT_TIMEOUT_S = 600
ONE_OF = re.compile(r"one of:\s*([^.;()]+)", re.IGNORECASE)
TYPES = {"str": (str,), "int": (int,), "float": (int, float), "bool": (bool,),
         "list": (list, tuple), "dict": (dict,)}


class JobsFileError(ValueError):
    """The jobs file cannot be read or has a wrong shape."""


@dataclass
class Job:
    """One report to render: a notebook, its parameters and the run it belongs to."""

    notebook: Path
    parameters: dict = field(default_factory=dict)
    run: str = "seeds"
    name: str = ""
    timeout: int = DEFAULT_TIMEOUT_S

    def __post_init__(self) -> None:
        """Default the output name to the notebook's stem."""
        self.notebook = Path(self.notebook)
        self.name = self.name or self.notebook.stem


@dataclass
class Parameter:
    """A parameter a notebook declares: name, type, default, help text and allowed values."""

    name: str
    type_name: str
    default: object
    help: str = ""
    allowed: list[str] | None = None


def discover_notebooks(folder: Path | None = None) -> list[Path]:
    """Return the report notebooks ``NN_name.ipynb`` of ``folder`` (default: the project's) in name order."""
    folder = folder or notebooks_dir()
    return sorted(p for p in folder.glob("[0-9][0-9]_*.ipynb") if not p.name.startswith("."))


def default_jobs(corpus: Path | None = None, run: str | None = None) -> list[Job]:
    """Return one job per notebook for ``corpus`` (default: ``seeds/``; the run is named after its folder)."""
    corpus = Path(corpus or seeds_dir()).resolve()
    return [Job(nb, {"corpus": str(corpus)}, run or corpus.name) for nb in discover_notebooks()]


def declared_parameters(notebook: Path) -> dict[str, Parameter]:
    """Return the parameters a notebook declares in its ``parameters`` cell (via papermill)."""
    found = {}
    for p in papermill.inspect_notebook(str(notebook)).values():
        help_text = p["help"] or ""
        match = ONE_OF.search(help_text)
        allowed = [v.strip().strip("'\"") for v in match.group(1).split(",")] if match else None
        try:
            default = ast.literal_eval(p["default"])
        except (ValueError, SyntaxError):
            default = p["default"]
        found[p["name"]] = Parameter(p["name"], p["inferred_type_name"], default, help_text, allowed)
    return found


def _check_value(notebook: str, param: Parameter, value: object) -> str | None:
    """Return why ``value`` does not fit ``param``, or None when it does."""
    expected = TYPES.get(param.type_name.split("[")[0].lower())
    if expected and (not isinstance(value, expected) or (isinstance(value, bool) and bool not in expected)):
        return (f"{notebook}: parameter '{param.name}' expects {param.type_name}, "
                f"got {type(value).__name__} {value!r}")
    if param.allowed:
        values = value if isinstance(value, list | tuple) else [value]
        wrong = [v for v in values if str(v) not in param.allowed]
        if wrong:
            return (f"{notebook}: parameter '{param.name}' got {wrong[0]!r}; "
                    f"expected one of: {', '.join(param.allowed)}")
    return None


def check_parameters(job: Job) -> list[str]:
    """Return every problem with a job's parameters (empty when the job may run)."""
    declared = declared_parameters(job.notebook)
    problems = []
    for name, value in job.parameters.items():
        if name not in declared:
            close = difflib.get_close_matches(name, declared, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            problems.append(f"{job.name}: unknown parameter '{name}'{hint}; "
                            f"its parameters are: {', '.join(declared) or 'none'}")
        elif (why := _check_value(job.name, declared[name], value)) is not None:
            problems.append(why)
    return problems


def _run_jobs(run: dict, base: Path, notebooks: list[Path]) -> list[Job]:
    """Return the jobs of one run entry of a jobs file."""
    if not isinstance(run, dict) or "name" not in run:
        raise JobsFileError(f"each run needs at least a 'name'; got {run!r}")
    corpus = Path(run.get("corpus") or seeds_dir())
    corpus = corpus if corpus.is_absolute() else (base / corpus)
    wanted = run.get("notebooks", "all")
    by_name = {nb.stem: nb for nb in notebooks}
    if wanted != "all":
        unknown = [n for n in wanted if n not in by_name]
        if unknown:
            raise JobsFileError(f"run {run['name']!r}: no notebook named {', '.join(unknown)} "
                                f"(notebooks: {', '.join(by_name)})")
    chosen = notebooks if wanted == "all" else [by_name[n] for n in wanted]
    common = {"corpus": str(corpus.resolve()), **(run.get("parameters") or {})}
    per_notebook = run.get("notebook_parameters") or {}
    return [Job(nb, {**common, **per_notebook.get(nb.stem, {})}, str(run["name"]),
                timeout=int(run.get("timeout", DEFAULT_TIMEOUT_S)))
            for nb in chosen]


def load_jobs(path: str | Path, notebooks_folder: Path | None = None) -> list[Job]:
    """Read a jobs file into jobs; raises :class:`JobsFileError` naming the file and the problem."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise JobsFileError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    except yaml.YAMLError as exc:
        raise JobsFileError(f"{path}: is not valid YAML ({exc})") from exc
    if not isinstance(data, dict) or not isinstance(data.get("runs"), list):
        raise JobsFileError(f"{path}: expected a mapping with a 'runs' list")
    notebooks = discover_notebooks(notebooks_folder)
    try:
        return [job for run in data["runs"] for job in _run_jobs(run, path.parent, notebooks)]
    except JobsFileError as exc:
        raise JobsFileError(f"{path}: {exc}") from exc
