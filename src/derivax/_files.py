"""Output files, for every writer (the command line, plots, documents): a path is checked before
any work is done, and data is written through a temporary file and a rename."""

from __future__ import annotations

from ._errors import DerivaxError


def check_writable(path: str, force: bool):
    """The output ``path`` as a Path, or a DerivaxError if writing it would lose something or fail."""
    from pathlib import Path

    target = Path(path)
    if target.is_dir():
        raise DerivaxError(f"`{path}` is a directory; give a file name")
    if target.exists() and not force:
        raise DerivaxError(f"`{path}` exists; pass --force to replace it")
    if not target.parent.is_dir():
        raise DerivaxError(f"the folder of `{path}` does not exist")
    return target


def write_atomically(path: str, data: bytes, force: bool) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename: an interrupted run leaves
    no half-written file, and an existing file is replaced only with ``force``."""
    import os
    import tempfile
    from pathlib import Path

    target = check_writable(path, force)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as e:
        raise DerivaxError(f"cannot write `{path}`: {e.strerror or e}") from None
    try:
        # mkstemp makes the file 0600; an output file gets the mode the umask gives, as with open()
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(fd, 0o666 & ~umask)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except OSError as e:
        Path(tmp).unlink(missing_ok=True)
        raise DerivaxError(f"cannot write `{path}`: {e.strerror or e}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
