# ruff: noqa: E501  (the hostile articles are data: one paragraph a line)
"""A corpus whose text tries to run code, and its reports rendered once per test session.

Every payload calls ``alert('XSS-<where>')`` (or sets ``window.__pwned``), so a browser
test can tell which one ran. The corpus holds the five seeds (so every chart has data)
plus two hostile articles; the catalogue gives hostile outlets, titles and addresses,
and a copy of the shipped registry gives two actors hostile names.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

from checkout import SEEDS_DIR
from helpers.paths import DEFAULT_REGISTRY

#: Where each payload sits -> the payload. The keys are the markers ``alert`` is called with.
PAYLOADS = {
    "XSS-headline": "<script>alert('XSS-headline')</script>",
    "XSS-body": "<script>alert('XSS-body')</script>",
    "XSS-img": "<img src=x onerror=alert('XSS-img')>",
    "XSS-svg": "<svg onload=alert('XSS-svg')>",
    "XSS-break": "</script><script>alert('XSS-break')</script>",
    "XSS-link": "<a href=\"javascript:alert('XSS-link')\">the statement</a>",
    "XSS-md": "[read more](javascript:alert('XSS-md'))",
    "XSS-plotly": "<a href=\"javascript:alert('XSS-plotly')\">Iran</a> <b>bold</b> %{customdata} <br>",
    "XSS-outlet": "<script>alert('XSS-outlet')</script>",
    "XSS-title": "<img src=x onerror=alert('XSS-title')>",
    "XSS-url": "javascript:alert('XSS-url')",
    "XSS-registry": "<img src=x onerror=\"window.__pwned='XSS-registry'\">",
    "XSS-regscript": "<script>window.__pwned='XSS-regscript'</script>",
}

HOSTILE_ARTICLE = f"""Hamas Leader {PAYLOADS["XSS-headline"]} Visits Tehran Again

Hamas said on 7 October 2023 that 12 people were killed in Gaza {PAYLOADS["XSS-body"]} according to the Gaza health ministry.

Iran's foreign minister Mohammad Javad Zarif met Ismail Haniyeh in Tehran on 19 November 2019 {PAYLOADS["XSS-img"]} and pledged support to Hamas.

Hamas published {PAYLOADS["XSS-link"]} and {PAYLOADS["XSS-md"]} on 8 October 2023, Israel said.

Hezbollah {PAYLOADS["XSS-plotly"]} backs Hamas, Ayatollah Ali Khamenei said on 1 December 2015.

{PAYLOADS["XSS-break"]} Hamas fired 3,000 rockets at Israel on 8 October 2023, the Israeli army said.
"""

SECOND_ARTICLE = f"""{PAYLOADS["XSS-svg"]} Iran gave Hamas $100 million in 2022, US officials said on 3 March 2023.

"We will never stop {PAYLOADS["XSS-body"]}," Ismail Haniyeh said in Doha on 4 March 2023, according to Reuters.
"""

HOSTILE_IDS = ("900_hostile", "901_hostile")


@dataclass
class HostileCorpus:
    """A hostile corpus folder, its registry and the folder of its rendered reports."""

    corpus: Path
    registry: Path
    reports: Path
    results: list


def build_corpus(root: Path) -> tuple[Path, Path]:
    """Write the hostile corpus and registry under ``root``; return (corpus, registry)."""
    corpus = root / "hostile"
    corpus.mkdir(parents=True)
    for path in SEEDS_DIR.glob("*.txt"):
        shutil.copy(path, corpus)
    shutil.copy(SEEDS_DIR / "catalog_exclusions.csv", corpus)
    (corpus / f"{HOSTILE_IDS[0]}.txt").write_text(HOSTILE_ARTICLE, encoding="utf-8")
    (corpus / f"{HOSTILE_IDS[1]}.txt").write_text(SECOND_ARTICLE, encoding="utf-8")
    catalog = (SEEDS_DIR / "catalog.csv").read_text(encoding="utf-8").rstrip("\n").splitlines()
    header = catalog[0] + ",title"
    rows = [line + "," for line in catalog[1:]]
    quote = '"{}"'.format
    rows.append(
        ",".join(
            [
                HOSTILE_IDS[0],
                quote(f"Evil {PAYLOADS['XSS-outlet']} News"),
                PAYLOADS["XSS-url"],
                "2023-10-09",
                "day",
                "catalog",
                "hostile",
                quote(f"Title {PAYLOADS['XSS-title']}"),
            ]
        )
    )
    rows.append(
        ",".join(
            [
                HOSTILE_IDS[1],
                quote(f"Evil {PAYLOADS['XSS-outlet']} News"),
                PAYLOADS["XSS-url"],
                "2023-03-05",
                "day",
                "catalog",
                "hostile",
                "",
            ]
        )
    )
    (corpus / "catalog.csv").write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return corpus, write_registry(root / "hostile_actors.yaml")


def write_registry(path: Path) -> Path:
    """Write a copy of the shipped registry in which Hamas and Iran have hostile names."""
    data = yaml.safe_load(DEFAULT_REGISTRY.read_text(encoding="utf-8"))
    for actor in data["actors"]:
        if actor["id"] == "hamas":
            actor["name"] = f"Hamas {PAYLOADS['XSS-registry']}"
        elif actor["id"] == "iran":
            actor["name"] = f"Iran {PAYLOADS['XSS-regscript']}"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def jobs_for(corpus: Path, registry: Path) -> list:
    """Return the default jobs for ``corpus``, with ``registry`` for the notebooks that take it."""
    from helpers.reports.jobs import declared_parameters, default_jobs

    jobs = default_jobs(corpus)
    for job in jobs:
        if "registry" in declared_parameters(job.notebook):
            job.parameters["registry"] = str(registry)
    return jobs


_RENDERED: dict[str, HostileCorpus] = {}


def render_hostile(root_factory) -> HostileCorpus:
    """Build the hostile corpus and render every notebook's report for it, once per session.

    ``root_factory`` is pytest's ``tmp_path_factory``. Extraction uses the project's cache,
    so JupyterLab's kernels find the hostile articles already extracted.
    """
    if "hostile" not in _RENDERED:
        from helpers.reports.render import render_jobs

        root = root_factory.mktemp("hostile")
        corpus, registry = build_corpus(root)
        reports = root / "reports"
        results = render_jobs(jobs_for(corpus, registry), reports)
        _RENDERED["hostile"] = HostileCorpus(corpus, registry, reports / corpus.name, results)
    return _RENDERED["hostile"]
