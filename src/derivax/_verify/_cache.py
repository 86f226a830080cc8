"""The verdict cache on disk: a claim checked once is answered from a file the next time.

An entry is addressed by the SHA-256 of what decides the verdict: the claim's text, the symbol
table (each declaration's name, kind, shape and qualifiers, in the table's order), the givens in
order, and the fingerprint of the code that decides it — the contents of every ``.py`` file of
the installed ``derivax`` package and the versions of the libraries it computes with — so that
any change to derivax's code makes every entry miss (the version string alone would not: a
development tree changes under one version). Only claims and givens written as text are cached;
a SymPy object has no stable, complete text form (``srepr`` drops a function's assumptions).

What the time budget changes:

- ``timeout`` verdicts are never stored, nor ``unknown`` ones the budget caused (their reason
  says a budget ran out): more time could decide them;
- ``proved`` and ``refuted`` carry their certificate (an audited proof, a counterexample
  confirmed in high precision) and answer the claim at any budget;
- ``plausible`` and the other ``unknown`` verdicts answer a check whose budget is at most the
  one they were reached with: a larger budget could have gone further.

An entry is one JSON file, ``DIR/<fingerprint[:16]>/<key[:2]>/<key>.json``, written to a
temporary file beside it and moved into place with ``os.replace``, so a reader sees a whole
entry or none, and two processes writing the same entry leave one of the two. An entry holds its
key, the fingerprint and a SHA-256 digest of its verdict; one whose JSON, key, fingerprint,
claim, digest or field types do not match is ignored (and overwritten by the next check), never
trusted. The digest guards against damage, not against someone who can write the directory.

``DERIVAX_CACHE=DIR`` names the directory, ``DERIVAX_CACHE=off`` turns the cache off; the default
is ``$XDG_CACHE_HOME/derivax/verdicts`` (``~/.cache/derivax/verdicts``).
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..symbols import SymbolTable
from ._verdict import Verdict

#: the layout of an entry; a change makes every older entry miss
FORMAT = 1

#: the libraries a verdict is computed with: a new version of one may change a verdict
_LIBRARIES = ("sympy", "mpmath", "numpy", "scipy", "jax", "jaxlib", "z3-solver")

_OFF = ("off", "0", "no", "false")

#: the type each stored verdict field must have (``None`` where the field may be empty)
_FIELD_TYPES: dict[str, tuple[type, ...]] = {
    "status": (str,),
    "method": (str,),
    "steps": (list,),
    "counterexample": (dict, type(None)),
    "violation": (float, int, type(None)),
    "samples": (int,),
    "max_deviation": (float, int, type(None)),
    "reason": (str,),
    "seconds": (float, int),
    "claim": (str,),
    "sides": (dict, type(None)),
}


def directory() -> Path | None:
    """Where verdicts are kept, from ``$DERIVAX_CACHE``; ``None`` when it is ``off``."""
    chosen = os.environ.get("DERIVAX_CACHE", "").strip()
    if chosen.lower() in _OFF:
        return None
    if chosen:
        return Path(chosen).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "derivax" / "verdicts"


@functools.cache
def fingerprint() -> str:
    """The fingerprint of the installed ``derivax``: computed once a process."""
    return code_fingerprint(Path(__file__).resolve().parent.parent)


def code_fingerprint(package: Path) -> str:
    """SHA-256 of the source of the package at ``package`` (every ``.py`` file under it, by its
    path there) and of the versions of the libraries it computes with."""
    from importlib import metadata

    digest = hashlib.sha256(f"derivax verdict cache {FORMAT}\n".encode())
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    for name in _LIBRARIES:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "-"
        digest.update(f"{name}=={version}\0".encode())
    return digest.hexdigest()


def _table_form(table: SymbolTable) -> list[list[Any]]:
    return [
        [d.name, d.kind, list(d.shape), sorted(d.qualifiers), d.declared] for d in table.values()
    ]


def key(claim: str, table: SymbolTable, given: Sequence[str], code: str) -> str:
    """The address of a verdict: SHA-256 of the claim, the table, the givens and ``code`` (the
    fingerprint)."""
    form = {
        "format": FORMAT,
        "claim": claim,
        "symbols": _table_form(table),
        "given": list(given),
        "code": code,
    }
    text = json.dumps(form, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


#: what the reason of a verdict says when a budget ran out on the way to it
_BUDGET_WORDS = ("ran past its", "budget of", "ran out", "wall-clock cap", "VerifyTimeout")


def _budget_bound(verdict: Verdict) -> bool:
    """Whether a budget running out shaped this verdict (its reason says so)."""
    return any(word in verdict.reason for word in _BUDGET_WORDS)


def storable(verdict: Verdict) -> bool:
    """``timeout`` and ``unknown`` verdicts a budget caused are never stored."""
    if verdict.status == "timeout":
        return False
    return not (verdict.status == "unknown" and _budget_bound(verdict))


def answers(status: str, stored_timeout: float, timeout: float) -> bool:
    """Whether an entry reached with ``stored_timeout`` answers a check with ``timeout``: a
    certificate at any budget, other verdicts at a budget no larger than theirs."""
    return status in ("proved", "refuted") or timeout <= stored_timeout


def _verdict_fields(verdict: Verdict) -> dict[str, Any]:
    return {f: getattr(verdict, f) for f in _FIELD_TYPES}


def _digest(fields_: dict[str, Any]) -> str:
    text = json.dumps(fields_, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _rebuilt(stored: Any) -> Verdict | None:
    """The Verdict an entry's fields describe, or None if any field is missing or mistyped."""
    if not isinstance(stored, dict) or set(stored) != set(_FIELD_TYPES):
        return None
    for name, types in _FIELD_TYPES.items():
        value = stored[name]
        if not isinstance(value, types) or isinstance(value, bool):
            return None
    if not all(isinstance(s, str) for s in stored["steps"]):
        return None
    if stored["counterexample"] is not None and not all(
        isinstance(k, str) for k in stored["counterexample"]
    ):
        return None
    try:
        return Verdict(**stored)
    except ValueError:  # a status that is none of the five
        return None


@dataclass
class VerdictCache:
    """The entries under ``root`` for the code whose fingerprint is ``code``, with counts of what
    each lookup found (``hits``, ``misses``, ``rejected`` entries, ``stored`` verdicts)."""

    root: Path
    code: str
    hits: int = 0
    misses: int = 0
    rejected: int = 0
    stored: int = 0

    def path(self, address: str) -> Path:
        return self.root / self.code[:16] / address[:2] / f"{address}.json"

    def load(self, address: str, claim: str, timeout: float) -> Verdict | None:
        """The stored verdict for ``address`` if a whole, matching entry answers ``timeout``."""
        try:
            text = self.path(address).read_text(encoding="utf-8")
        except FileNotFoundError:
            self.misses += 1
            return None
        except (OSError, UnicodeDecodeError):
            text = ""
        try:
            entry = json.loads(text)
        except ValueError:
            entry = None
        verdict = self._check_entry(entry, address, claim)
        if verdict is None:
            self.rejected += 1
            self.misses += 1
            return None
        if not answers(verdict.status, entry["timeout"], timeout):
            self.misses += 1
            return None
        self.hits += 1
        return verdict

    def _check_entry(self, entry: Any, address: str, claim: str) -> Verdict | None:
        if not isinstance(entry, dict) or entry.get("format") != FORMAT:
            return None
        if entry.get("key") != address or entry.get("fingerprint") != self.code:
            return None
        timeout = entry.get("timeout")
        if not isinstance(timeout, (int, float)) or isinstance(timeout, bool) or timeout <= 0:
            return None
        stored = entry.get("verdict")
        if not isinstance(stored, dict) or entry.get("digest") != _digest(stored):
            return None
        verdict = _rebuilt(stored)
        if verdict is None or verdict.claim != claim or not storable(verdict):
            return None
        return verdict

    def store(self, address: str, verdict: Verdict, timeout: float) -> bool:
        """Write the entry for ``address`` atomically; False when the verdict is not stored (a
        budget shaped it, it does not survive JSON exactly, or the directory is not writable)."""
        if not storable(verdict):
            return False
        stored = _verdict_fields(verdict)
        try:
            text = json.dumps(stored, ensure_ascii=False, sort_keys=True)
        except (TypeError, ValueError):
            return False
        again = _rebuilt(json.loads(text))
        if again is None or json.dumps(_verdict_fields(again), sort_keys=True) != json.dumps(
            stored, sort_keys=True
        ):
            return False  # a value JSON would change (a tuple, a NumPy number): not stored
        entry = {
            "format": FORMAT,
            "key": address,
            "fingerprint": self.code,
            "timeout": float(timeout),
            "verdict": stored,
            "digest": _digest(stored),
        }
        try:
            _write_atomically(self.path(address), json.dumps(entry, ensure_ascii=False))
        except OSError:
            return False  # a cache that cannot be written is a cache that misses
        self.stored += 1
        return True


def _write_atomically(target: Path, text: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.stem[:16]}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@functools.cache
def _cache_at(root: Path) -> VerdictCache:
    return VerdictCache(root, fingerprint())


def current() -> VerdictCache | None:
    """The cache ``$DERIVAX_CACHE`` names (one object per directory and process), or None."""
    root = directory()
    return None if root is None else _cache_at(root)


def cached_check(
    run: Callable[..., Verdict],
    claim: Any,
    symbols: SymbolTable | str | None,
    given: Any,
    timeout: float,
    cache: bool = True,
) -> Verdict:
    """``run(claim, symbols, given, timeout)``, answered from the cache when a matching entry
    is there (the verdict then has ``cached`` set and ``seconds`` of the lookup) and stored
    after when the verdict may be."""
    store = current() if cache else None
    givens = list(given) if isinstance(given, (list, tuple)) else None
    if (
        store is None
        or not isinstance(claim, str)
        or givens is None
        or not all(isinstance(g, str) for g in givens)
        or not isinstance(timeout, (int, float))
        or not timeout > 0
    ):
        return run(claim, symbols, given, timeout)
    start = time.perf_counter()
    table = SymbolTable.coerce(symbols)
    address = key(claim, table, givens, store.code)
    found = store.load(address, claim, timeout)
    if found is not None:
        found.seconds = time.perf_counter() - start
        found.cached = True
        return found
    verdict = run(claim, table, givens, timeout)
    store.store(address, verdict, timeout)
    return verdict
