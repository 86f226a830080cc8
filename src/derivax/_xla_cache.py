"""The persistent cache of compiled XLA programs: every program derivax compiles (a compiled
formula, the numeric search of a claim, the cross-check of a derivative) is kept on disk, keyed
by JAX on the program's text, its compile options and the JAX and XLA versions, so that the next
process that compiles the same program reads it instead (a few milliseconds instead of tens to
hundreds). Claims of the same shape compile the same programs: a catalog pass compiles the same
few hundred small programs every time (about a third of its work), and a test suite or a batch
of claims repeats many across its processes.

``$DERIVAX_XLA_CACHE`` names the directory (``off`` turns the cache off); the default is
``$XDG_CACHE_HOME/derivax/xla`` (``~/.cache/derivax/xla``). The cache keeps to about
``MAX_BYTES``: at most once a day, the first process to set it up drops the programs written
longest ago until it holds three quarters of that. (JAX's own limit, ``jax_compilation_cache_max_size``,
takes a file lock and scans the whole folder at every write; measured on the test suite, whose
processes share one cache of a few thousand programs, it made the run 1.6 times slower than no
cache at all.) A program two processes write at once is written whole by each; one read while it
is being written fails JAX's check and is compiled again. A JAX cache the user configured
(``JAX_COMPILATION_CACHE_DIR``, or ``jax_compilation_cache_dir`` set before derivax compiles
anything) is left as it is.

Side conditions: the cache is set up once a process, before derivax's first compilation; a
process that compiled with JAX before that keeps JAX's choice (JAX decides at its first
compilation whether a persistent cache is used). A program read from the cache is the program
XLA would have compiled: JAX's key covers everything that changes the compiled code.
"""

from __future__ import annotations

import os
from pathlib import Path

#: about the most the cache keeps on disk; the programs written longest ago go first beyond it
MAX_BYTES = 1 << 30
#: how often the size is looked at: once a day, by the first process to set the cache up
PRUNE_EVERY_SECONDS = 24 * 3600

_SET = False


def compilation_cache() -> str | None:
    """The directory compiled programs are kept in, or None when derivax leaves it to JAX."""
    if os.environ.get("JAX_COMPILATION_CACHE_DIR"):
        return None
    chosen = os.environ.get("DERIVAX_XLA_CACHE", "")
    if chosen.lower() in ("off", "0", "no", "false"):
        return None
    if chosen:
        return chosen
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return str(Path(base) / "derivax" / "xla")


def use_compilation_cache() -> None:
    """Point JAX at ``compilation_cache()``, once a process, before derivax's first compilation."""
    global _SET
    if _SET:
        return
    _SET = True
    where = compilation_cache()
    if where is None:
        return
    import jax

    if getattr(jax.config, "jax_compilation_cache_dir", None):  # the user's own choice
        return
    jax.config.update("jax_compilation_cache_dir", where)
    jax.config.update("jax_persistent_cache_min_compile_time_secs", 0.0)
    jax.config.update("jax_persistent_cache_min_entry_size_bytes", 0)
    prune(Path(where))


def prune(folder: Path, limit: int = MAX_BYTES, every: float = PRUNE_EVERY_SECONDS) -> int:
    """Drop the programs written longest ago until ``folder`` holds at most 3/4 of ``limit``
    bytes, when it holds more and was not looked at for ``every`` seconds (a stamp file keeps
    the time); returns how many files went. A file another process removes first is skipped."""
    import time

    stamp = folder / ".derivax-pruned"
    try:
        if time.time() - stamp.stat().st_mtime < every:
            return 0
    except OSError:
        pass
    try:
        folder.mkdir(parents=True, exist_ok=True)
        stamp.touch()
        entries = []
        for p in folder.iterdir():
            if p.name != stamp.name and p.is_file():
                st = p.stat()
                entries.append((st.st_mtime, st.st_size, p))
    except OSError:
        return 0
    total = sum(size for _, size, _ in entries)
    if total <= limit:
        return 0
    target = limit * 3 // 4  # down to three quarters: a day's headroom
    gone = 0
    for _, size, path in sorted(entries, key=lambda e: e[0]):
        if total <= target:
            break
        try:
            path.unlink()
        except OSError:
            continue
        total -= size
        gone += 1
    return gone
