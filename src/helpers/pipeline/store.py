"""The tables on disk: partitioned Parquet datasets, committed all or nothing, with checksums.

A tables folder ``OUT`` looks like this::

    OUT/articles.parquet -> _current/articles.parquet    one link per table (and _SUCCESS)
    OUT/_current -> .versions/v-...                       the complete set readers see
    OUT/.versions/v-.../<table>.parquet/part-NNNNN.parquet
    OUT/.versions/v-.../_SUCCESS                          row count and SHA-256 of each table
    OUT/.lock                                             held by the one writer

pandas, DuckDB and Spark read ``OUT/<table>.parquet`` as one dataset, through the links.
A writer takes the folder's lock (:mod:`filelock`; a second writer is refused with a
message, never interleaved), writes a whole new version folder, records each table's
row count and checksum in that folder's ``_SUCCESS``, and then switches ``_current`` to
it with one atomic rename. Readers therefore see the old set or the new one and never a
mix, and Ctrl-C, ``kill -9`` or a full disk at any point leaves the previous complete set
in place. :func:`read_tables` reads one version and checks every table against its
``_SUCCESS``; the previous version is kept until the next commit, so a reader that
started before a switch can finish.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import logging
import os
import secrets
import shutil
from collections.abc import Iterator
from pathlib import Path

import filelock
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from helpers.files import write_atomically
from helpers.schema import TABLES, rows_to_arrow, to_arrow

log = logging.getLogger(__name__)

#: Written last into a version: without it a folder holds no complete set of tables.
COMPLETE_MARKER = "_SUCCESS"
#: The link that names the current complete version of a tables folder.
CURRENT = "_current"
#: The folder of versions (complete ones and the one being written).
VERSIONS = ".versions"
#: The lock file of a tables folder.
LOCK_NAME = ".lock"
#: Version of the ``_SUCCESS`` format (2: row count and SHA-256 of each table).
MANIFEST_FORMAT = 2
#: Rows of one table buffered before they are written as a Parquet row group.
ROW_GROUP_ROWS = 65_536


class TablesBusyError(RuntimeError):
    """Another process is writing tables into the same folder."""


class IncompleteTablesError(FileNotFoundError):
    """A tables folder holds no complete set of tables (no ``_SUCCESS``)."""


class DamagedTablesError(ValueError):
    """A table does not match the row count or checksum recorded in its ``_SUCCESS``."""


def part_name(index: int) -> str:
    """Return the file name of part ``index`` of a table.

    >>> part_name(3)
    'part-00003.parquet'
    """
    return f"part-{index:05d}.parquet"


def write_part(folder: Path, index: int, rows: dict[str, list[dict] | pd.DataFrame | pa.Table]) -> None:
    """Write part ``index`` of each table in ``rows`` into ``folder/<table>.parquet/``.

    ``rows`` maps table names to row dicts, DataFrames or Arrow tables.
    """
    for name, table_rows in rows.items():
        if isinstance(table_rows, pa.Table):
            table = table_rows
        elif isinstance(table_rows, pd.DataFrame):
            table = to_arrow(name, table_rows)
        else:
            table = rows_to_arrow(name, table_rows)
        target = folder / f"{name}.parquet"
        target.mkdir(parents=True, exist_ok=True)
        pq.write_table(table, target / part_name(index))


class PartWriter:
    """Append the rows of one chunk after another to open Parquet files, one per table.

    Rows arrive as Arrow tables and are written as row groups of up to
    :data:`ROW_GROUP_ROWS` rows, so memory holds about one chunk, not the corpus. A new part
    file is started once a part holds ``part_size`` articles (whole chunks).
    """

    def __init__(self, folder: Path, part_size: int) -> None:
        """Write into ``folder`` (a version folder); parts of at least ``part_size`` articles."""
        self.folder, self.part_size = folder, part_size
        self.part, self.articles_in_part = 0, 0
        self.writers: dict[str, pq.ParquetWriter] = {}
        self.pending: dict[str, list[pa.Table]] = {}
        self.counts: dict[str, int] = {}

    def add(self, tables: dict[str, pa.Table], articles: int) -> None:
        """Add the rows of ``articles`` articles (one chunk): one Arrow table per article table."""
        for name, table in tables.items():
            self.pending.setdefault(name, []).append(table)
            self.counts[name] = self.counts.get(name, 0) + len(table)
            if sum(len(t) for t in self.pending[name]) >= ROW_GROUP_ROWS:
                self._write(name)
        self.articles_in_part += articles
        if self.articles_in_part >= self.part_size:
            self._close_part()

    def _write(self, name: str) -> None:
        """Write the buffered rows of ``name`` as one row group of the open part."""
        table = pa.concat_tables(self.pending.pop(name, []) or [rows_to_arrow(name, [])])
        if name not in self.writers:
            target = self.folder / f"{name}.parquet"
            target.mkdir(parents=True, exist_ok=True)
            self.writers[name] = pq.ParquetWriter(target / part_name(self.part), table.schema)
        self.writers[name].write_table(table)

    def _close_part(self) -> None:
        """Flush and close the open part of every table; the next rows start a new part."""
        for name in list(self.pending):
            self._write(name)
        for writer in self.writers.values():
            writer.close()
        self.writers.clear()
        self.part, self.articles_in_part = self.part + 1, 0

    def close(self) -> dict[str, int]:
        """Write what is buffered, close every file and return the row count of each table."""
        if self.articles_in_part or self.pending or self.part == 0:
            self._close_part()
        return dict(self.counts)

    def abort(self) -> None:
        """Close the open files without caring about their content (the version is discarded)."""
        for writer in self.writers.values():
            with contextlib.suppress(Exception):
                writer.close()
        self.writers.clear()


# --- one writer per folder, a new version each time -----------------------------------------

@contextlib.contextmanager
def locked(out_dir: Path, wait: float = 0.0) -> Iterator[None]:
    """Hold the lock of ``out_dir`` (waiting up to ``wait`` seconds; -1: as long as it takes)."""
    lock = filelock.FileLock(out_dir / LOCK_NAME, timeout=wait)
    try:
        lock.acquire()
    except filelock.Timeout:
        raise TablesBusyError(
            f"{out_dir}: another extraction is writing tables into this folder (it holds "
            f"{out_dir / LOCK_NAME}). Wait for it to finish, or give another --out") from None
    try:
        yield
    finally:
        lock.release()


class TableSet:
    """A new set of tables being written into a tables folder, committed all or nothing.

    Use as a context manager: entering locks the folder and creates an empty version
    folder (:attr:`folder`, where the parts go); :meth:`commit` makes it the current
    set; leaving without a commit (an error, Ctrl-C) removes it and keeps the previous set.
    """

    def __init__(self, out_dir: str | Path, wait: float = 0.0) -> None:
        """Write into ``out_dir``; wait up to ``wait`` seconds for another writer (-1: forever)."""
        self.out_dir, self.wait = Path(out_dir), wait
        self.folder = Path()
        self._lock: contextlib.ExitStack | None = None

    def __enter__(self) -> TableSet:
        """Lock the folder, remove what interrupted writers left, create the new version."""
        self.out_dir.mkdir(parents=True, exist_ok=True)
        stack = contextlib.ExitStack()
        stack.enter_context(locked(self.out_dir, self.wait))
        try:
            _remove_stale_versions(self.out_dir, keep=_recorded_previous(self.out_dir))
            (self.out_dir / VERSIONS).mkdir(exist_ok=True)
            self.folder = _new_folder(self.out_dir / VERSIONS, "v")
        except BaseException:
            stack.close()
            raise
        self._lock = stack
        return self

    def __exit__(self, *exc_info: object) -> None:
        """Remove the version unless it was committed, then release the lock."""
        try:
            if self.folder.name and self.folder.exists() and not _is_current(self.out_dir, self.folder):
                shutil.rmtree(self.folder, ignore_errors=True)
        finally:
            if self._lock is not None:
                self._lock.close()

    def commit(self, extras: dict[str, str] | None = None) -> list[Path]:
        """Record checksums, link the tables and switch ``_current`` to this version.

        ``extras`` are small text files (name to content) committed with the tables.
        Returns the paths of the tables as readers name them (``OUT/<table>.parquet``).
        """
        for name in TABLES:
            if not (self.folder / f"{name}.parquet").is_dir():
                write_part(self.folder, 0, {name: []})
        for name, text in (extras or {}).items():
            write_atomically(self.folder / name, text)
        previous = _current_version(self.out_dir)
        manifest = {"format": MANIFEST_FORMAT, "written": dt.datetime.now(dt.UTC).isoformat(),
                    "previous": previous.name if previous else None,
                    "tables": {name: table_record(self.folder / f"{name}.parquet") for name in TABLES},
                    "extras": {name: _sha256_files([self.folder / name]) for name in extras or {}}}
        write_atomically(self.folder / COMPLETE_MARKER, json.dumps(manifest, indent=1))
        _fsync_folder(self.folder)
        names = [f"{name}.parquet" for name in TABLES] + list(extras or {}) + [COMPLETE_MARKER]
        _link_names(self.out_dir, names)
        _switch(self.out_dir, self.folder)
        _remove_stale_versions(self.out_dir, keep=previous.name if previous else None)
        return [self.out_dir / f"{name}.parquet" for name in TABLES]


def _new_folder(parent: Path, prefix: str) -> Path:
    """Create and return a new folder ``<prefix>-<time>-<random>`` in ``parent`` (mode from the umask)."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S")
    folder = parent / f"{prefix}-{stamp}-{secrets.token_hex(4)}"
    folder.mkdir(parents=True)
    return folder


def _fsync_folder(folder: Path) -> None:
    """Flush a folder's entries to disk (where the system allows it)."""
    with contextlib.suppress(OSError):
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


def _current_version(out_dir: Path) -> Path | None:
    """Return the version folder ``_current`` points to, or None."""
    link = out_dir / CURRENT
    if not link.is_symlink():
        return None
    return out_dir / link.readlink()


def _is_current(out_dir: Path, folder: Path) -> bool:
    """Return True when ``folder`` is the current version of ``out_dir``."""
    current = _current_version(out_dir)
    return current is not None and current.name == folder.name


def _recorded_previous(out_dir: Path) -> str | None:
    """Return the name of the version before the current one, as its ``_SUCCESS`` records it."""
    try:
        return json.loads((out_dir / CURRENT / COMPLETE_MARKER).read_text(encoding="utf-8")).get("previous")
    except (OSError, ValueError, AttributeError):
        return None


def _remove_stale_versions(out_dir: Path, keep: str | None) -> None:
    """Remove every version folder but the current one and ``keep`` (the one before it)."""
    current = _current_version(out_dir)
    keep_names = {keep, current.name if current else None}
    folder = out_dir / VERSIONS
    if folder.is_dir():
        for version in folder.iterdir():
            if version.name not in keep_names:
                shutil.rmtree(version, ignore_errors=True)


def _link_names(out_dir: Path, names: list[str]) -> None:
    """Make each ``OUT/<name>`` a link to ``_current/<name>``.

    A folder written by an older version holds real files there: its ``_SUCCESS`` is
    removed first (so the old set is never taken for complete while it is replaced),
    then each old entry is moved into a version folder that the next commit removes.
    """
    legacy = out_dir / COMPLETE_MARKER
    if legacy.exists() and not legacy.is_symlink():
        legacy.unlink()
    attic: Path | None = None
    for name in names:
        path, target = out_dir / name, f"{CURRENT}/{name}"
        if path.is_symlink() and str(path.readlink()) == target:
            continue
        if path.exists() and not path.is_symlink():
            attic = attic or _new_folder(out_dir / VERSIONS, "old")
            path.replace(attic / name)
        _symlink_atomically(target, path)


def _symlink_atomically(target: str, path: Path) -> None:
    """Point ``path`` at ``target`` in one rename (a new link, then moved over the old one)."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.link")
    temporary.unlink(missing_ok=True)
    temporary.symlink_to(target)
    try:
        temporary.replace(path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _switch(out_dir: Path, version: Path) -> None:
    """Make ``version`` the current set of ``out_dir`` (one atomic rename of a link)."""
    _symlink_atomically(f"{VERSIONS}/{version.name}", out_dir / CURRENT)
    _fsync_folder(out_dir)


# --- checksums -----------------------------------------------------------------------------

def _sha256_files(paths: list[Path]) -> str:
    """Return the SHA-256 of the names and bytes of ``paths`` (in the order given)."""
    hasher = hashlib.sha256()
    for path in paths:
        hasher.update(path.name.encode() + b"\0")
        with path.open("rb") as handle:
            hasher.update(hashlib.file_digest(handle, "sha256").digest())
    return hasher.hexdigest()


def _parts(table_dir: Path) -> list[Path]:
    """Return the Parquet parts of a table folder, sorted by name."""
    return sorted(p for p in table_dir.iterdir() if p.name.endswith(".parquet"))


def table_record(table_dir: Path) -> dict:
    """Return what ``_SUCCESS`` records of one table: its parts, row count and checksum."""
    parts = _parts(table_dir)
    rows = sum(pq.ParquetFile(p).metadata.num_rows for p in parts)
    return {"rows": rows, "parts": [p.name for p in parts], "sha256": _sha256_files(parts)}


# --- reading ---------------------------------------------------------------------------------

def resolve_tables(folder: str | Path) -> Path:
    """Return the version folder that holds ``folder``'s current set (``folder`` itself if none)."""
    folder = Path(folder)
    current = folder / CURRENT
    return Path(os.path.realpath(current)) if current.is_symlink() else folder


def is_complete(folder: str | Path) -> bool:
    """Return True when ``folder`` holds a complete set of tables (its ``_SUCCESS`` exists)."""
    return (resolve_tables(folder) / COMPLETE_MARKER).is_file()


def read_manifest(folder: str | Path) -> dict:
    """Return the ``_SUCCESS`` record of ``folder``'s current set; raise when there is none."""
    return _read_manifest(resolve_tables(folder), folder)


def _read_manifest(root: Path, folder: str | Path) -> dict:
    """Return the ``_SUCCESS`` record in the version folder ``root`` of the tables folder ``folder``."""
    try:
        manifest = json.loads((root / COMPLETE_MARKER).read_text(encoding="utf-8"))
    except (FileNotFoundError, NotADirectoryError):
        raise IncompleteTablesError(
            f"{folder}: no complete set of tables ({COMPLETE_MARKER} is missing: the last write "
            "did not finish). Run `python -m helpers extract` again") from None
    except (OSError, ValueError) as exc:
        raise DamagedTablesError(f"{folder}: {COMPLETE_MARKER} cannot be read ({exc}). "
                                 "Run `python -m helpers extract` again") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != MANIFEST_FORMAT:
        raise DamagedTablesError(
            f"{folder}: the tables were written by an older version of news-helpers, without "
            "checksums. Run `python -m helpers extract` again to write them anew")
    return manifest


def verify_tables(folder: str | Path) -> Path:
    """Check every table of ``folder`` against its ``_SUCCESS``; return the version folder.

    Raises :class:`IncompleteTablesError` or :class:`DamagedTablesError` (a part changed,
    added or removed, or a row count that differs) with what to do.
    """
    root = resolve_tables(folder)
    manifest = _read_manifest(root, folder)
    for name in TABLES:
        table_dir = root / f"{name}.parquet"
        try:
            found = table_record(table_dir) if table_dir.is_dir() else None
        except (OSError, pa.ArrowException):
            found = None
        if found != manifest["tables"].get(name):
            raise DamagedTablesError(
                f"{folder}: table {name} does not match the row count and checksum recorded in "
                f"{COMPLETE_MARKER} (a part was changed, added or removed after it was written). "
                "Run `python -m helpers extract` again")
    for name, expected in manifest.get("extras", {}).items():
        if not (root / name).is_file() or _sha256_files([root / name]) != expected:
            raise DamagedTablesError(f"{folder}: {name} does not match the checksum recorded in {COMPLETE_MARKER}. "
                                     "Run `python -m helpers extract` again")
    return root


def read_tables(folder: str | Path) -> dict[str, pd.DataFrame]:
    """Read every table of ``folder``'s current set, checked against its ``_SUCCESS``.

    The set is read from one version, so a commit running meanwhile cannot mix two
    sets. Raises :class:`IncompleteTablesError` for a folder without a complete set and
    :class:`DamagedTablesError` when a table does not match its recorded checksum.
    """
    root = verify_tables(folder)
    return {name: pd.read_parquet(root / f"{name}.parquet") for name in TABLES}


def write_tables(tables: dict[str, pd.DataFrame], out_dir: str | Path, wait: float = 0.0) -> list[Path]:
    """Write each table to ``out_dir/<name>.parquet/`` (a one-part dataset), all or nothing."""
    with TableSet(out_dir, wait) as table_set:
        write_part(table_set.folder, 0, tables)
        return table_set.commit()
