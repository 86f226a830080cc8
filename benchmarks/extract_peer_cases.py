"""One-off extractor: the peer readers' test cases -> data files under tests/data/peers/.

Run once, by hand, when the peers' suites change; ``benchmarks/peers.py`` and the tests read the
JSONL files it writes and never import the peers' test code.

    # SymPy: the test file comes with the sdist
    pip download --no-deps --no-binary :all: sympy==1.14.0 -d /tmp/peers
    tar xzf /tmp/peers/sympy-1.14.0.tar.gz -C /tmp/peers
    # latex2sympy2_extended: neither its sdist nor its wheel ships the tests; they are in the
    # repository (github.com/huggingface/latex2sympy2_extended, commit 02999f5, version 1.11.0)
    git clone https://github.com/huggingface/latex2sympy2_extended /tmp/peers/l2s
    git -C /tmp/peers/l2s checkout 02999f5d79ec772a2445f3e5d4b02c57a8078022
    # latex2sympy2_extended==1.11.0 and pytest must be importable: its tests run to record cases
    PYTHONPATH=src python benchmarks/extract_peer_cases.py \
        --sympy /tmp/peers/sympy-1.14.0 --l2s /tmp/peers/l2s --out tests/data/peers

SymPy's cases are read from the module's ``GOOD_PAIRS``, ``BAD_STRINGS`` and
``FAILING_BAD_STRINGS`` lists (importing the test module only builds those lists).

latex2sympy2_extended's cases are written inline in test functions (loops, parametrize, helper
calls), so the extractor runs the peer's own pytest suite in this process with two recorders
installed first: one around ``latex2sympy`` (every top-level call: the LaTeX, the options, the
peer's result or its exception) and one around ``tests.context.assert_equal`` (the expected
expression the test states). A case's expected value is the expression the test states when it
states one, otherwise the peer's own result in a passing test; a call that raised inside a
passing test is a string the peer refuses (``expect = "refuse"``).

Every expression is stored as SymPy's ``srepr`` string: data, never code to import.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import sys
from pathlib import Path

import sympy

SYMPY_TEST = "sympy/parsing/tests/test_latex.py"
L2S_COMMIT = "02999f5d79ec772a2445f3e5d4b02c57a8078022"


def _srepr(value) -> str:
    if isinstance(value, bool):
        return sympy.srepr(sympy.true if value else sympy.false)
    if isinstance(value, (int, float)):
        return sympy.srepr(sympy.sympify(value))
    return sympy.srepr(value)


def sympy_category(expr) -> str:
    """A rough category for one of SymPy's expected expressions (its test file has none)."""
    from sympy.physics.quantum.state import Bra, Ket

    def has(*classes):
        return any(expr.atoms(cls) or expr.has(cls) for cls in classes if hasattr(expr, "atoms"))

    if isinstance(expr, (sympy.core.relational.Relational,)):
        return "relation"
    checks = [
        ("integral", (sympy.Integral,)),
        ("derivative", (sympy.Derivative,)),
        ("limit", (sympy.Limit,)),
        ("sum/product", (sympy.Sum, sympy.Product)),
        ("bra/ket", (Bra, Ket)),
        ("factorial/binomial", (sympy.factorial, sympy.binomial)),
        ("floor/ceiling", (sympy.floor, sympy.ceiling)),
        ("abs/conjugate", (sympy.Abs, sympy.conjugate)),
        ("applied function", (sympy.core.function.AppliedUndef,)),
        (
            "elementary function",
            (
                sympy.exp,
                sympy.log,
                sympy.sin,
                sympy.cos,
                sympy.tan,
                sympy.csc,
                sympy.sec,
                sympy.cot,
                sympy.asin,
                sympy.acos,
                sympy.atan,
                sympy.sinh,
                sympy.cosh,
                sympy.tanh,
            ),
        ),
    ]
    for name, classes in checks:
        if has(*classes):
            return name
    if has(sympy.Pow) and any(
        isinstance(p.exp, sympy.Rational) and not p.exp.is_Integer for p in expr.atoms(sympy.Pow)
    ):
        return "root"
    return "arithmetic"


def extract_sympy(root: Path) -> list[dict]:
    path = root / SYMPY_TEST
    spec = importlib.util.spec_from_file_location("_peer_sympy_test_latex", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    rows = []
    for i, (latex, expr) in enumerate(module.GOOD_PAIRS):
        rows.append(
            {
                "latex": latex,
                "expected": _srepr(expr),
                "expect": "value",
                "category": sympy_category(expr),
                "source": SYMPY_TEST,
                "test": f"GOOD_PAIRS[{i}]",
            }
        )
    for name in ("BAD_STRINGS", "FAILING_BAD_STRINGS"):
        for i, latex in enumerate(getattr(module, name)):
            rows.append(
                {
                    "latex": latex,
                    "expected": None,
                    "expect": "refuse",
                    "category": "bad string",
                    "source": SYMPY_TEST,
                    "test": f"{name}[{i}]",
                }
            )
    return rows


class _Recorder:
    """pytest plugin: which test is running, and how it ended."""

    def __init__(self):
        self.current = None
        self.calls: list[dict] = []
        self.outcomes: dict[str, str] = {}
        self.depth = 0
        self.expected_stack: list[dict] = []

    def pytest_runtest_setup(self, item):
        self.current = item.nodeid

    def pytest_runtest_logreport(self, report):
        if report.when == "call" or (report.when == "setup" and report.outcome != "passed"):
            outcome = report.outcome
            if hasattr(report, "wasxfail"):
                outcome = "xfail"
            self.outcomes[report.nodeid] = outcome


def _options(kwargs: dict) -> dict:
    out = {}
    for key, value in kwargs.items():
        if value is None:
            continue
        if key == "variable_values":
            out[key] = {_srepr(k): _srepr(v) for k, v in value.items()}
        elif key in ("normalization_config", "conversion_config"):
            import dataclasses

            out[key] = dataclasses.asdict(value)
        else:
            out[key] = value
    return out


def extract_l2s(repo: Path, workdir: Path) -> list[dict]:
    import latex2sympy2_extended
    import latex2sympy2_extended.latex2sympy2 as l2s_module
    import pytest

    if workdir.exists():
        shutil.rmtree(workdir)
    shutil.copytree(repo / "tests", workdir / "tests")
    rec = _Recorder()
    original = l2s_module.latex2sympy

    def recording_latex2sympy(latex_str, *args, **kwargs):
        if rec.depth:
            return original(latex_str, *args, **kwargs)
        names = [
            "variable_values",
            "is_real",
            "convert_degrees",
            "normalization_config",
            "conversion_config",
        ]
        kwargs.update(dict(zip(names, args, strict=False)))
        call = {"test": rec.current, "latex": latex_str, "options": _options(kwargs)}
        if rec.expected_stack:
            call.update(rec.expected_stack[-1])
        rec.calls.append(call)
        rec.depth += 1
        try:
            result = original(latex_str, **kwargs)
        except Exception as err:
            call["peer_error"] = type(err).__name__
            raise
        finally:
            rec.depth -= 1
        try:
            call["peer"] = _srepr(result)
        except Exception as err:
            call["peer_unprintable"] = type(err).__name__
        return result

    latex2sympy2_extended.latex2sympy = recording_latex2sympy
    l2s_module.latex2sympy = recording_latex2sympy
    sys.path.insert(0, str(workdir))
    import tests.context as context  # the peer's helper module, from the copy

    original_assert_equal = context.assert_equal

    def recording_assert_equal(latex, expr, symbolically=False, variables=None):
        try:
            stated = {"stated": _srepr(expr), "symbolically": bool(symbolically)}
        except Exception:
            stated = {"stated_unprintable": True}
        rec.expected_stack.append(stated)
        try:
            return original_assert_equal(
                latex, expr, symbolically=symbolically, variables=variables
            )
        finally:
            rec.expected_stack.pop()

    context.assert_equal = recording_assert_equal
    cwd = os.getcwd()
    os.chdir(workdir)
    try:
        pytest.main(
            [
                "-q",
                "-p",
                "no:cacheprovider",
                "-p",
                "no:randomly",
                "--rootdir",
                str(workdir),
                "tests",
            ],
            plugins=[rec],
        )
    finally:
        os.chdir(cwd)

    rows, seen = [], set()
    for call in rec.calls:
        outcome = rec.outcomes.get(call["test"], "unknown")
        if outcome != "passed":
            continue  # the peer fails (or xfails) its own test: no agreed reading
        source, _, test = call["test"].partition("::")
        category = Path(source).stem.removesuffix("_test")
        row = {"latex": call["latex"], "options": call["options"] or None}
        if "peer_error" in call:
            row.update(
                expected=None,
                expect="refuse",
                category="bad string" if category == "all_bad" else category,
                peer_error=call["peer_error"],
            )
        elif "stated" in call:
            row.update(
                expected=call["stated"],
                expect="value",
                expected_from="test",
                symbolically=call["symbolically"],
                category=category,
            )
        elif "peer" in call:
            row.update(
                expected=call["peer"],
                expect="value",
                expected_from="peer output",
                category=category,
            )
        else:
            continue
        row.update(source=source, test=test)
        key = (row["latex"], json.dumps(row["options"], sort_keys=True), row["expected"])
        if key in seen:
            continue
        seen.add(key)
        rows.append(row)
    return rows


def write(rows: list[dict], path: Path) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            row = {k: v for k, v in row.items() if v is not None or k == "expected"}
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{path}: {len(rows)} cases")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sympy", type=Path, required=True, help="unpacked sympy sdist")
    ap.add_argument("--l2s", type=Path, required=True, help="latex2sympy2_extended checkout")
    ap.add_argument("--out", type=Path, default=Path("tests/data/peers"))
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/derivax_l2s_tests"))
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    write(extract_sympy(args.sympy), args.out / "sympy_test_latex.jsonl")
    write(extract_l2s(args.l2s, args.workdir), args.out / "latex2sympy2_extended.jsonl")
    shutil.copy(args.sympy / "LICENSE", args.out / "LICENSE.sympy")
    shutil.copy(args.l2s / "LICENSE.txt", args.out / "LICENSE.latex2sympy2_extended")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
