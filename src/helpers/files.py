"""Writing files so that a crash never leaves half of one behind."""

from __future__ import annotations

import tempfile
from pathlib import Path


def write_atomically(path: Path, content: str | bytes) -> None:
    """Write ``content`` to ``path`` through a temporary file in the same folder.

    The temporary file is moved onto ``path`` only once it is complete, so readers see
    either the old file or the new one, never a part. When the write fails (a full
    disk, a read-only folder, Ctrl-C) the temporary file is removed and the error raised.

    >>> import tempfile as t; folder = Path(t.mkdtemp())
    >>> write_atomically(folder / "a" / "x.txt", "done"); (folder / "a" / "x.txt").read_text()
    'done'
    """
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
        temporary.replace(path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
