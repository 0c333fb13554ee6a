"""Writing files so that a crash never leaves half of one behind, and reading YAML safely and fast."""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

#: libyaml's safe loader where PyYAML was built with it (ten times faster), else the pure-Python one.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def write_atomically(path: Path, content: str | bytes) -> None:
    """Write ``content`` to ``path`` through a temporary file in the same folder.

    The temporary file is moved onto ``path`` only once it is complete, so readers see
    either the old file or the new one, never a part.

    >>> import tempfile as t; folder = Path(t.mkdtemp())
    >>> write_atomically(folder / "a" / "x.txt", "done"); (folder / "a" / "x.txt").read_text()
    'done'
    """
    write_files_atomically({path: content})


def _temporary_copy(path: Path, content: str | bytes) -> Path:
    """Write ``content`` to a new temporary file beside ``path``; remove it again if writing fails."""
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = "wb" if isinstance(content, bytes) else "w"
    encoding = None if isinstance(content, bytes) else "utf-8"
    handle = tempfile.NamedTemporaryFile(mode, dir=path.parent, delete=False, prefix=f".{path.name}.",
                                         suffix=".tmp", encoding=encoding)
    temporary = Path(handle.name)
    try:
        with handle:
            handle.write(content)
        temporary.chmod(0o644)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def write_files_atomically(contents: Mapping[Path, str | bytes]) -> None:
    """Write several files so that either all of them are replaced or none is.

    Every file is first written completely to a temporary file in its folder; only when
    all are written are they moved into place, in the order given (so put the file
    readers look for first, such as a report's page, last). When one cannot be written
    (a full or read-only disk), the temporary files are removed, the old files stay,
    and the ``OSError`` is raised.

    >>> import tempfile as t; folder = Path(t.mkdtemp())
    >>> write_files_atomically({folder / "a.csv": "x", folder / "a.html": "<p>"})
    >>> sorted(p.name for p in folder.iterdir())
    ['a.csv', 'a.html']
    """
    staged: list[tuple[Path, Path]] = []
    try:
        for path, content in contents.items():
            staged.append((_temporary_copy(Path(path), content), Path(path)))
        for temporary, path in staged:
            temporary.replace(path)
    finally:
        for temporary, _ in staged:
            with contextlib.suppress(OSError):
                temporary.unlink(missing_ok=True)


def load_yaml(text: str) -> Any:
    """Parse YAML ``text`` safely (plain data only), with libyaml when it is there.

    Raises ``yaml.YAMLError`` on invalid YAML, as ``yaml.safe_load`` does.

    >>> load_yaml("a: [1, 2]")
    {'a': [1, 2]}
    """
    return yaml.load(text, Loader=SAFE_LOADER)  # noqa: S506 - a safe loader
