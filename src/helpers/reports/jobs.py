"""Report jobs: which notebooks to render, with which parameters, for which corpus.

A jobs file (``reports.yaml``) lists runs; each run renders some notebooks for one
corpus into ``<out>/<run name>/``::

    runs:
      - name: seeds                 # a folder name under the output folder
        corpus: seeds               # relative paths are relative to the jobs file
        registry: my_actors.yaml    # optional; default: the shipped registry
        notebooks: all              # or a list of notebook names (stems)
        parameters: {}              # given to each notebook of the run that declares them
        notebook_parameters:        # given to one notebook only
          03_actor_cooccurrence: {window: paragraph}
        timeout: 600                # seconds per cell
        self_contained: false       # true: plotly.js and the table scripts inside each page

The file is read with a YAML loader that refuses aliases (``*name``), so a few hundred
bytes cannot expand into gigabytes, and checked against :data:`JOBS_SCHEMA`: a wrong
field gives one message naming the file, the run and the field.

Parameters are checked against each notebook's ``parameters`` cell before anything
runs. Each line there is a typed literal with a comment, which papermill reads::

    window: str = "sentence"  # one of: sentence, paragraph, article
    actor_types: str = ""  # comma-separated; one of: ACTOR_TYPES
    date_from: str = ""  # first day, YYYY-MM-DD; empty means no limit

``one of:`` lists the allowed values; a name of a vocabulary in :mod:`helpers.vocab`
(``ACTOR_TYPES``, ``EVENT_TYPES``, ``FIGURE_KINDS``...) stands for its values. A list
parameter, or one whose comment says "comma-separated", has each of its values checked.
A comment naming ``YYYY-MM-DD`` (or "ISO date") makes a date parameter: anything but a
full date such as ``2017-01-01`` (or empty) is refused. A misspelt name, a wrong type
or a value not allowed fails the job at once, naming the notebook, the parameter and
what was expected.
"""

from __future__ import annotations

import ast
import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

import jsonschema
import papermill
import yaml

from helpers import vocab
from helpers.paths import notebooks_dir, seeds_dir

DEFAULT_TIMEOUT_S = 600
#: A jobs file lists runs: anything larger is refused before YAML reads it.
MAX_JOBS_FILE_BYTES = 1_000_000
#: Parameters that name files or folders: relative values are relative to the jobs file.
PATH_PARAMETERS = ("corpus", "registry", "reference_series")
ONE_OF = re.compile(r"one of:\s*([^;()]+)", re.IGNORECASE)
DATE_HELP = re.compile(r"YYYY-MM-DD|ISO date", re.IGNORECASE)
FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TYPES = {"str": (str,), "int": (int,), "float": (int, float), "bool": (bool,),
         "list": (list, tuple), "dict": (dict,)}

_TEXT = {"type": "string", "minLength": 1}
RUN_SCHEMA = {
    "type": "object",
    "required": ["name"],
    "additionalProperties": False,
    "properties": {
        "name": {**_TEXT, "description": "a folder name for the run's reports, such as seeds"},
        "corpus": {**_TEXT, "description": "a folder of articles, relative to the jobs file"},
        "registry": {**_TEXT, "description": "an actor registry YAML file, relative to the jobs file"},
        "notebooks": {"description": "'all' or a list of notebook names, such as [00_walkthrough]",
                      "anyOf": [{"const": "all"},
                                {"type": "array", "minItems": 1, "items": _TEXT}]},
        "parameters": {"type": "object", "description": "a mapping of parameter names to values"},
        "notebook_parameters": {
            "type": "object", "description": "a mapping of notebook names to mappings of parameters",
            "additionalProperties": {"type": "object",
                                     "description": "a mapping of parameter names to values"}},
        "timeout": {"type": "integer", "minimum": 1,
                    "description": "a whole number of seconds per cell, 1 or more"},
        "self_contained": {"type": "boolean", "description": "true or false"},
    },
}
JOBS_SCHEMA = {
    "type": "object",
    "required": ["runs"],
    "additionalProperties": False,
    "properties": {"runs": {"type": "array", "minItems": 1, "items": RUN_SCHEMA,
                            "description": "a list of runs, each a mapping with at least a name"}},
}


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
    self_contained: bool = False

    def __post_init__(self) -> None:
        """Default the output name to the notebook's stem."""
        self.notebook = Path(self.notebook)
        self.name = self.name or self.notebook.stem

    def delivery(self) -> dict:
        """Return how the page is delivered (part of the job's key: another delivery, another page)."""
        return {"self_contained": self.self_contained}


@dataclass
class Parameter:
    """A parameter a notebook declares: name, type, default, help text and allowed values."""

    name: str
    type_name: str
    default: object
    help: str = ""
    allowed: list[str] | None = None

    @property
    def multiple(self) -> bool:
        """Return True when the parameter holds several values (a list, or comma-separated text)."""
        return self.type_name.lower().startswith("list") or "comma-separated" in self.help.lower()

    @property
    def is_date(self) -> bool:
        """Return True when the parameter's comment asks for a date (YYYY-MM-DD)."""
        return bool(DATE_HELP.search(self.help))


def check_run_name(name: object) -> str | None:
    """Return why ``name`` cannot name a run's folder under ``--out``, or None when it can.

    >>> check_run_name("seeds") is None, check_run_name("../../x") == check_run_name("/abs/path") is not None
    (True, True)
    """
    if not isinstance(name, str) or not name.strip():
        return "a run name must be a non-empty text"
    if "/" in name or "\\" in name or name in (".", "..") or Path(name).name != name:
        return "a run name must be one folder name (no /, \\ or ..)"
    if name.startswith(".") or name != name.strip() or any(ord(c) < 32 for c in name) or len(name) > 100:
        return "a run name must not start with '.', begin or end with spaces, hold control characters or be long"
    return None


def discover_notebooks(folder: Path | None = None) -> list[Path]:
    """Return the report notebooks ``NN_name.ipynb`` of ``folder`` (default: the project's) in name order."""
    folder = folder or notebooks_dir()
    return sorted(p for p in folder.glob("[0-9][0-9]_*.ipynb") if not p.name.startswith("."))


def allowed_values(help_text: str) -> list[str] | None:
    """Return the values a parameter's comment allows (``one of: a, b, c``), or None.

    >>> allowed_values("coarsest date kept; one of: day, week, month")
    ['day', 'week', 'month']
    >>> allowed_values("comma-separated; one of: QUALIFIERS")[:2]
    ['exact', 'about']
    """
    match = ONE_OF.search(help_text or "")
    if not match:
        return None
    values: list[str] = []
    for item in (v.strip().strip("'\"").rstrip(".") for v in match.group(1).split(",")):
        named = getattr(vocab, item, None) if item.isupper() else None
        values.extend(named if isinstance(named, tuple) else [item] if item else [])
    return values


def declared_parameters(notebook: Path) -> dict[str, Parameter]:
    """Return the parameters a notebook declares in its ``parameters`` cell (via papermill)."""
    found = {}
    for p in papermill.inspect_notebook(str(notebook)).values():
        help_text = p["help"] or ""
        try:
            default = ast.literal_eval(p["default"])
        except (ValueError, SyntaxError):
            default = p["default"]
        found[p["name"]] = Parameter(p["name"], p["inferred_type_name"], default, help_text,
                                     allowed_values(help_text))
    return found


def _wrong_type(param: Parameter, value: object) -> bool:
    """Return True when ``value`` is not of the parameter's declared type (a bool is no number)."""
    expected = TYPES.get(param.type_name.split("[")[0].lower())
    return bool(expected) and (not isinstance(value, expected) or (isinstance(value, bool) and bool not in expected))


def _values_of(param: Parameter, value: object) -> list[object]:
    """Return the single values in ``value``: list items, comma-separated parts, or the value itself."""
    if isinstance(value, list | tuple):
        return list(value)
    if param.multiple and isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return [] if value == "" and param.default == "" else [value]


def _check_value(notebook: str, param: Parameter, value: object) -> str | None:
    """Return why ``value`` does not fit ``param``, or None when it does."""
    prefix = f"{notebook}: parameter '{param.name}'"
    if _wrong_type(param, value):
        return f"{prefix} expects {param.type_name}, got {type(value).__name__} {value!r}"
    values = _values_of(param, value)
    if param.is_date:
        wrong = [v for v in values if not _is_full_date(v)]
        if wrong:
            return (f"{prefix} got {wrong[0]!r}; expected a date written YYYY-MM-DD, such as '2017-01-01'"
                    " (or empty for no limit)")
    if param.allowed:
        wrong = [v for v in values if str(v) not in param.allowed]
        if wrong:
            each = "comma-separated values, each one of" if param.multiple else "one of"
            return f"{prefix} got {wrong[0]!r}; expected {each}: {', '.join(param.allowed)}"
    return None


def _is_full_date(value: object) -> bool:
    """Return True for a text holding a real calendar date written YYYY-MM-DD.

    >>> _is_full_date("2017-02-28"), _is_full_date("2017"), _is_full_date("2017-02-30")
    (True, False, False)
    """
    if not isinstance(value, str) or not FULL_DATE.match(value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def check_parameters(job: Job, declared: dict[str, Parameter] | None = None) -> list[str]:
    """Return every problem with a job's parameters (empty when the job may run)."""
    declared = declared_parameters(job.notebook) if declared is None else declared
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


def jobs_for(notebooks: list[Path], common: dict, run: str, per_notebook: dict | None = None,
             timeout: int = DEFAULT_TIMEOUT_S, self_contained: bool = False) -> list[Job]:
    """Return one job per notebook: the ``common`` parameters it declares, and its own ones.

    A run-level parameter goes only to the notebooks that declare it; one that none of
    them declares is refused (it is a typo, or meant for another notebook).
    """
    declared = {nb.stem: declared_parameters(nb) for nb in notebooks}
    unused = [name for name in common if not any(name in params for params in declared.values())]
    if unused:
        known = sorted({name for params in declared.values() for name in params})
        close = difflib.get_close_matches(unused[0], known, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        raise JobsFileError(f"run {run!r}: parameter '{unused[0]}' is declared by none of its notebooks{hint}")
    per_notebook = per_notebook or {}
    return [Job(nb, {**{k: v for k, v in common.items() if k in declared[nb.stem]}, **per_notebook.get(nb.stem, {})},
                run, timeout=timeout, self_contained=self_contained)
            for nb in notebooks]


def default_jobs(corpus: Path | None = None, run: str | None = None, self_contained: bool = False) -> list[Job]:
    """Return one job per notebook for ``corpus`` (default: ``seeds/``; the run is named after its folder)."""
    corpus = Path(corpus or seeds_dir()).resolve()
    return jobs_for(discover_notebooks(), {"corpus": str(corpus)}, run or corpus.name,
                    self_contained=self_contained)


def _resolved(value: object, base: Path) -> object:
    """Return a non-empty relative path parameter resolved against ``base``; other values as they are."""
    if isinstance(value, str) and value.strip() and not Path(value).expanduser().is_absolute():
        return str((base / value).resolve())
    return value


def _run_jobs(run: dict, base: Path, notebooks: list[Path]) -> list[Job]:
    """Return the jobs of one run entry of a jobs file (already checked against the schema)."""
    name = run["name"]
    if (problem := check_run_name(name)) is not None:
        raise JobsFileError(f"run {name!r}: field 'name': {problem}")
    by_name = {nb.stem: nb for nb in notebooks}
    wanted = run.get("notebooks", "all")
    chosen = notebooks if wanted == "all" else [by_name[n] for n in wanted if n in by_name]
    unknown = [n for n in ([] if wanted == "all" else wanted) if n not in by_name]
    unknown += [n for n in run.get("notebook_parameters") or {} if n not in {nb.stem for nb in chosen}]
    if unknown:
        raise JobsFileError(f"run {name!r}: no notebook named {', '.join(unknown)} in this run "
                            f"(notebooks: {', '.join(nb.stem for nb in chosen)})")
    common = {"corpus": run.get("corpus") or str(seeds_dir())}
    if run.get("registry"):
        common["registry"] = run["registry"]
    common.update(run.get("parameters") or {})
    common = {k: _resolved(v, base) if k in PATH_PARAMETERS else v for k, v in common.items()}
    per_notebook = {nb: {k: _resolved(v, base) if k in PATH_PARAMETERS else v for k, v in params.items()}
                    for nb, params in (run.get("notebook_parameters") or {}).items()}
    return jobs_for(chosen, common, name, per_notebook, run.get("timeout", DEFAULT_TIMEOUT_S),
                    run.get("self_contained", False))


class _NoAliasLoader(yaml.SafeLoader):
    """A safe YAML loader that refuses aliases (``*name``): no alias bomb can expand."""

    def compose_node(self, parent: object, index: object) -> yaml.Node | None:
        """Compose a node, refusing an alias at once."""
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            raise yaml.YAMLError(f"line {mark.line + 1}: aliases (*name) are not allowed in a jobs file; "
                                 "write the value out")
        return super().compose_node(parent, index)


def read_jobs_yaml(path: Path) -> object:
    """Return the parsed content of a jobs file; raise :class:`JobsFileError` saying what is wrong."""
    try:
        if path.stat().st_size > MAX_JOBS_FILE_BYTES:
            raise JobsFileError(f"{path}: is over {MAX_JOBS_FILE_BYTES:,} bytes; a jobs file lists runs")
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_NoAliasLoader)  # noqa: S506 - a safe loader
    except OSError as exc:
        raise JobsFileError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    except UnicodeDecodeError as exc:
        raise JobsFileError(f"{path}: is not UTF-8 text ({exc.reason})") from exc
    except yaml.YAMLError as exc:
        raise JobsFileError(f"{path}: is not a valid jobs file: {exc}") from exc
    except RecursionError as exc:
        raise JobsFileError(f"{path}: is nested too deeply to be a jobs file") from exc


def schema_problem(error: jsonschema.ValidationError, data: object) -> str:
    """Return a jobs-file schema error as one sentence naming the run and the field."""
    path = list(error.absolute_path)
    where = ""
    if len(path) >= 2 and path[0] == "runs":
        run = data["runs"][path[1]]
        named = isinstance(run, dict) and isinstance(run.get("name"), str)
        where = f"run {run['name']!r}: " if named else f"run {path[1] + 1} (without a name): "
        path = path[2:]
    field_name = ".".join(str(p) for p in path)
    if error.validator == "additionalProperties":
        allowed = list(error.schema.get("properties", {}))
        extra = sorted(set(error.instance) - set(allowed))
        close = difflib.get_close_matches(str(extra[0]), allowed, n=1) if extra else []
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        return f"{where}unknown field '{extra[0]}'{hint}; the fields are: {', '.join(allowed)}"
    if error.validator == "required":
        return f"{where}{error.message}"
    expected = error.schema.get("description") or error.message
    got = repr(error.instance)
    got = got if len(got) <= 80 else got[:79] + "…"
    return f"{where}field '{field_name or 'runs'}': expected {expected}, got {got}"


def load_jobs(path: str | Path, notebooks_folder: Path | None = None) -> list[Job]:
    """Read a jobs file into jobs; raises :class:`JobsFileError` naming the file and the problem."""
    path = Path(path)
    data = read_jobs_yaml(path)
    errors = sorted(jsonschema.Draft202012Validator(JOBS_SCHEMA).iter_errors(data),
                    key=lambda e: (list(map(str, e.absolute_path)), e.validator != "additionalProperties"))
    if errors:
        if not isinstance(data, dict):
            raise JobsFileError(f"{path}: expected a mapping with a 'runs' list")
        raise JobsFileError(f"{path}: {schema_problem(errors[0], data)}")
    names = [run["name"] for run in data["runs"]]
    twice = sorted({name for name in names if names.count(name) > 1})
    if twice:
        raise JobsFileError(f"{path}: run {twice[0]!r} is listed twice; give each run its own name")
    notebooks = discover_notebooks(notebooks_folder)
    try:
        return [job for run in data["runs"] for job in _run_jobs(run, path.parent, notebooks)]
    except JobsFileError as exc:
        raise JobsFileError(f"{path}: {exc}") from exc
