r"""The verdict cache on disk: a second identical check is answered from it with the same verdict;
anything that decides the verdict (claim, symbol table, givens, derivax's code) changes the
entry's address; a damaged or foreign entry is ignored and replaced, never trusted; verdicts a
budget cut short are not stored; ``DERIVAX_CACHE=off`` and ``cache=False`` store nothing; two
processes writing one entry leave a whole one. Every test points the cache at its own directory."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import derivax as dx
from derivax._documents import check_document
from derivax._verify import _cache as vc
from derivax.symbols import SymbolTable

PROVED = r"\sigma(-x) = 1 - \sigma(x)"
REFUTED = r"x \le x^2"
AM_GM = r"x + y \ge 2\sqrt{x y}"
POSITIVE = "x, y: scalar, positive"


@pytest.fixture
def cache_dir(tmp_path, monkeypatch) -> Path:
    root = tmp_path / "verdicts"
    monkeypatch.setenv("DERIVAX_CACHE", str(root))
    return root


def entries(root: Path) -> list[Path]:
    return sorted(root.rglob("*.json")) if root.exists() else []


def fields(v: dx.Verdict) -> dict:
    out = v.to_dict()
    out.pop("seconds")
    return out


def only_entry(root: Path) -> Path:
    (path,) = entries(root)
    return path


def test_a_second_identical_check_is_answered_from_the_cache(cache_dir):
    first = dx.check(AM_GM, POSITIVE)
    assert first.status == "proved" and not first.cached
    assert len(entries(cache_dir)) == 1
    hits = vc.current().hits
    second = dx.check(AM_GM, POSITIVE)
    assert second.cached and vc.current().hits == hits + 1
    assert fields(second) == fields(first) and second.claim == first.claim
    assert len(entries(cache_dir)) == 1


def test_a_counterexample_survives_the_round_trip_exactly(cache_dir):
    first = dx.check(REFUTED)
    assert first.status == "refuted" and not first.cached
    second = dx.check(REFUTED)
    assert second.cached
    assert second.counterexample == first.counterexample
    assert second.sides == first.sides and second.violation == first.violation
    # the stored numbers are the float64 values themselves, not a rounding of them
    stored = json.loads(only_entry(cache_dir).read_text())["verdict"]
    assert stored["counterexample"] == first.counterexample
    assert all(type(x) is float for x in stored["counterexample"].values())


@pytest.mark.parametrize(
    "changed",
    [
        dict(claim=r"y + x \ge 2\sqrt{x y}"),
        dict(symbols="x, y: scalar, nonnegative"),
        dict(given=[r"x \le y"]),
    ],
    ids=["claim", "symbols", "givens"],
)
def test_what_decides_the_verdict_changes_the_entry(cache_dir, changed):
    base = dict(claim=AM_GM, symbols=POSITIVE, given=[])
    dx.check(**base)
    other = dx.check(**{**base, **changed})
    assert not other.cached
    assert len(entries(cache_dir)) == 2


def test_givens_in_another_order_are_another_entry():
    table = SymbolTable.coerce(POSITIVE)
    one = vc.key(AM_GM, table, [r"x \le y", r"y \le 2"], "c" * 64)
    other = vc.key(AM_GM, table, [r"y \le 2", r"x \le y"], "c" * 64)
    assert one != other
    assert one == vc.key(AM_GM, SymbolTable.coerce(POSITIVE), [r"x \le y", r"y \le 2"], "c" * 64)


def test_any_change_to_the_source_changes_the_fingerprint(tmp_path):
    package = tmp_path / "derivax"
    shutil.copytree(Path(dx.__file__).parent, package, ignore=shutil.ignore_patterns("__pycache__"))
    before = vc.code_fingerprint(package)
    assert before == vc.fingerprint()  # the copy is the code that runs
    target = package / "_verify" / "_check.py"
    target.write_text(target.read_text() + "\n# one more comment\n")
    assert vc.code_fingerprint(package) != before


def test_entries_of_other_code_are_not_used(cache_dir):
    dx.check(AM_GM, POSITIVE)
    table = SymbolTable.coerce(POSITIVE)
    other = vc.VerdictCache(cache_dir, "0" * 64)
    address = vc.key(AM_GM, table, [], other.code)
    assert address != vc.key(AM_GM, table, [], vc.fingerprint())
    assert other.load(address, AM_GM, 10.0) is None and other.misses == 1
    # the same entry moved where the other code looks is foreign: its fingerprint says so
    mine = vc.key(AM_GM, table, [], vc.fingerprint())
    target = other.path(address)
    target.parent.mkdir(parents=True)
    shutil.copy(vc.current().path(mine), target)
    assert other.load(address, AM_GM, 10.0) is None and other.rejected == 1


def _rewrite(path: Path, change) -> None:
    entry = json.loads(path.read_text())
    change(entry)
    path.write_text(json.dumps(entry))


def _tamper_status(entry):
    entry["verdict"]["status"] = "refuted"


def _tamper_status_and_digest(entry):
    # a damaged entry whose digest was recomputed still names another claim's key
    entry["verdict"]["status"] = "refuted"
    entry["digest"] = vc._digest(entry["verdict"])
    entry["key"] = "f" * 64


def _mistyped_samples(entry):
    entry["verdict"]["samples"] = "4"
    entry["digest"] = vc._digest(entry["verdict"])


def _unknown_status(entry):
    entry["verdict"]["status"] = "certain"
    entry["digest"] = vc._digest(entry["verdict"])


def _other_claim(entry):
    entry["verdict"]["claim"] = r"x^2 \ge 0"
    entry["digest"] = vc._digest(entry["verdict"])


@pytest.mark.parametrize(
    "damage",
    [
        lambda p: p.write_bytes(b"\x00\xff garbage \x9c"),
        lambda p: p.write_text(p.read_text()[:40]),
        lambda p: p.write_text("[1, 2, 3]"),
        lambda p: _rewrite(p, lambda e: e.update(key="0" * 64)),
        lambda p: _rewrite(p, lambda e: e.update(fingerprint="0" * 64)),
        lambda p: _rewrite(p, _tamper_status),
        lambda p: _rewrite(p, _tamper_status_and_digest),
        lambda p: _rewrite(p, _mistyped_samples),
        lambda p: _rewrite(p, _unknown_status),
        lambda p: _rewrite(p, _other_claim),
        lambda p: _rewrite(p, lambda e: e["verdict"].pop("steps")),
    ],
    ids=[
        "garbage-bytes",
        "truncated",
        "not-an-entry",
        "another-key",
        "another-fingerprint",
        "status-tampered",
        "status-tampered-digest-redone",
        "mistyped-field",
        "unknown-status",
        "another-claim",
        "missing-field",
    ],
)
def test_a_damaged_or_foreign_entry_is_ignored_and_replaced(cache_dir, damage):
    first = dx.check(AM_GM, POSITIVE)
    path = only_entry(cache_dir)
    damage(path)
    rejected = vc.current().rejected
    again = dx.check(AM_GM, POSITIVE)
    assert not again.cached and vc.current().rejected == rejected + 1
    assert again.status == "proved" and fields(again) == fields(first)
    # the check wrote a whole entry over the damaged one
    assert json.loads(path.read_text())["verdict"]["status"] == "proved"
    assert dx.check(AM_GM, POSITIVE).cached


def test_timeout_verdicts_are_not_stored(cache_dir):
    claim = r"\int_{-\infty}^{\infty} \frac{1}{\sqrt{2\pi}} e^{-\frac{x^2}{2}} \, dx = 1"
    v = dx.check(claim, timeout=0.001)
    assert v.status == "timeout"
    assert entries(cache_dir) == []


def test_what_a_budget_shaped_is_not_stored_or_answers_only_smaller_budgets(tmp_path):
    cache = vc.VerdictCache(tmp_path, "c" * 64)
    ran_out = "the symbolic proof ran past its budget of 6 s (CPU time)"
    assert not cache.store("a" * 64, dx.Verdict("timeout", reason=ran_out, claim="c"), 10.0)
    assert not cache.store("b" * 64, dx.Verdict("unknown", reason=ran_out, claim="c"), 10.0)
    assert entries(tmp_path) == []
    # no proof in 10 s, no counterexample: a larger budget could prove it, a smaller one not more
    plausible = dx.Verdict("plausible", samples=96, max_deviation=0.0, reason=ran_out, claim="c")
    assert cache.store("c" * 64, plausible, 10.0)
    assert cache.load("c" * 64, "c", 5.0) is not None
    assert cache.load("c" * 64, "c", 10.0) is not None
    assert cache.load("c" * 64, "c", 20.0) is None
    # a proof is a proof at any budget
    proved = dx.Verdict("proved", "rewriting", [r"a = a"], claim="c")
    assert cache.store("d" * 64, proved, 10.0)
    assert cache.load("d" * 64, "c", 60.0) is not None


def test_cache_off_stores_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setenv("DERIVAX_CACHE", "off")
    assert vc.directory() is None
    assert not dx.check(AM_GM, POSITIVE).cached
    assert not dx.check(AM_GM, POSITIVE).cached
    assert list(tmp_path.rglob("*")) == []
    monkeypatch.delenv("DERIVAX_CACHE")
    assert vc.directory() == tmp_path / "derivax" / "verdicts"


def test_cache_false_neither_reads_nor_stores(cache_dir):
    assert not dx.check(AM_GM, POSITIVE, cache=False).cached
    assert entries(cache_dir) == []
    dx.check(AM_GM, POSITIVE)
    assert not dx.check(AM_GM, POSITIVE, cache=False).cached
    assert dx.check(AM_GM, POSITIVE).cached


def test_a_sympy_claim_is_decided_afresh(cache_dir):
    claim = dx.parse(AM_GM, POSITIVE)
    assert dx.check(claim, POSITIVE).status == "proved"
    assert not dx.check(claim, POSITIVE).cached
    assert entries(cache_dir) == []


_WRITER = """
import sys
from pathlib import Path
from derivax import Verdict
from derivax._verify._cache import VerdictCache
cache = VerdictCache(Path(sys.argv[1]), "c" * 64)
point = {"x": [float(sys.argv[2])] * 2000}
verdict = Verdict("refuted", "sampling", counterexample=point, claim="x <= 0", samples=1)
for _ in range(300):
    assert cache.store("e" * 64, verdict, 10.0)
"""


def test_two_processes_writing_one_entry_leave_a_whole_one(tmp_path):
    src = str(Path(dx.__file__).parent.parent)
    env = {"PYTHONPATH": src, "DERIVAX_CACHE": "off", "JAX_PLATFORMS": "cpu"}
    writers = [
        subprocess.Popen([sys.executable, "-c", _WRITER, str(tmp_path), value], env=env)
        for value in ("1.5", "2.5")
    ]
    reader = vc.VerdictCache(tmp_path, "c" * 64)
    seen = set()
    while any(w.poll() is None for w in writers):
        v = reader.load("e" * 64, "x <= 0", 10.0)
        if v is not None:
            seen.add(v.counterexample["x"][0])
    assert [w.wait() for w in writers] == [0, 0]
    assert reader.rejected == 0  # every read saw a whole entry or none
    last = reader.load("e" * 64, "x <= 0", 10.0)
    assert last is not None and last.counterexample["x"] in ([1.5] * 2000, [2.5] * 2000)
    assert seen <= {1.5, 2.5}
    assert [p.name for p in tmp_path.rglob("*") if p.is_file()] == ["e" * 64 + ".json"]


def test_check_many_reuses_the_cache(cache_dir):
    claims = [PROVED, REFUTED]
    with ThreadPoolExecutor(1) as pool:
        first = list(dx.check_many(claims, executor=pool))
        second = list(dx.check_many(claims, executor=pool))
        fresh = list(dx.check_many(claims, executor=pool, cache=False))
    assert [v.status for v in first] == ["proved", "refuted"]
    assert [v.cached for v in first] == [False, False]
    assert [v.cached for v in second] == [True, True]
    assert [fields(v) for v in second] == [fields(v) for v in first]
    assert [v.cached for v in fresh] == [False, False]


def test_check_doc_reuses_the_cache(cache_dir, tmp_path):
    note = tmp_path / "note.md"
    note.write_text(
        textwrap.dedent(
            r"""
            The logistic function is symmetric:

            $$\sigma(-x) = 1 - \sigma(x)$$

            and squares are not smaller:

            $$x \le x^2$$
            """
        ),
        encoding="utf-8",
    )
    first = check_document(note)
    assert [link.status for link in first] == ["proved", "refuted"]
    hits = vc.current().hits
    second = check_document(note)
    assert vc.current().hits == hits + 2
    assert [(x.status, x.reason, x.counterexample) for x in second] == [
        (x.status, x.reason, x.counterexample) for x in first
    ]


def test_catalog_checks_reuse_the_cache(cache_dir):
    eq = dx.catalog()["sigmoid"]
    first = eq.check_claims()
    hits = vc.current().hits
    second = eq.check_claims()
    assert vc.current().hits == hits + len(first) > hits
    assert [r.verdict.status for r in second] == [r.verdict.status for r in first]


_SECOND_RUN = """
import sys
from derivax._documents import check_document
from derivax._verify import _cache as vc
links = check_document(sys.argv[1])
print(vc.current().hits, len(links), sorted(m for m in ("numpy", "jax") if m in sys.modules))
"""


def test_a_note_answered_from_the_cache_needs_neither_numpy_nor_jax(cache_dir, tmp_path):
    note = tmp_path / "note.md"
    note.write_text(
        "Symmetry: $$\\sigma(-x) = 1 - \\sigma(x)$$ and a step that does not read: "
        "$$x \\in \\mathbb{R}$$\n",
        encoding="utf-8",
    )
    first = check_document(note)
    assert [x.status for x in first if x.kind == "claim"] == ["proved"]
    src = str(Path(dx.__file__).parent.parent)
    env = {"PYTHONPATH": src, "DERIVAX_CACHE": str(cache_dir), "JAX_PLATFORMS": "cpu"}
    out = subprocess.run(
        [sys.executable, "-c", _SECOND_RUN, str(note)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split(maxsplit=2)
    assert out == ["1", str(len(first)), "[]\n"]


def test_all_lists_what_derivax_offers():
    import inspect

    offered = {
        n
        for n in dir(dx)
        if not n.startswith("_") and not inspect.ismodule(getattr(dx, n)) and n != "annotations"
    }
    assert offered == set(dx.__all__)
    assert dx.CompiledFunction.__name__ == "CompiledFunction"


def test_derivax_check_prints_the_same_json_from_the_cache(cache_dir, capsys):
    from derivax.cli import main

    assert main(["check", REFUTED, "--json"]) == 1
    first = json.loads(capsys.readouterr().out)
    assert len(entries(cache_dir)) == 1
    hits = vc.current().hits
    assert main(["check", REFUTED, "--json"]) == 1
    second = json.loads(capsys.readouterr().out)
    assert vc.current().hits == hits + 1
    assert set(second) == set(first) and "cached" not in second
    first.pop("seconds")
    second.pop("seconds")
    assert second == first


def test_the_cli_no_cache_flag_neither_reads_nor_writes(tmp_path, monkeypatch, capsys):
    from derivax.cli import main

    folder = tmp_path / "verdicts"
    monkeypatch.setenv("DERIVAX_CACHE", str(folder))
    claim = r"(a + b)^2 = a^2 + 2 a b + b^2"
    assert main(["check", claim, "-s", "a, b: scalar", "--no-cache"]) == 0
    assert not folder.exists() or not any(p.is_file() for p in folder.rglob("*.json"))
    monkeypatch.setenv("DERIVAX_CACHE", str(folder))  # the flag turned it off for the process
    assert main(["check", claim, "-s", "a, b: scalar"]) == 0
    assert any(p.is_file() for p in folder.rglob("*.json"))
    capsys.readouterr()
