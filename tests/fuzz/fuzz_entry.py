"""Coverage-guided fuzzing of derivax's entry points past the parser: evaluate, compile, grad, check.

    pip install atheris        # Python 3.11; the `fuzz` extra of pyproject.toml
    python tests/fuzz/fuzz_entry.py evaluate -max_total_time=1800 -max_len=200 -timeout=120 DIR
    (DIR: a copy of tests/fuzz/corpus; the same input format as fuzz_parse.py)

Each input is a symbol table (one of four) and up to 200 characters of LaTeX. Whatever parses is
sent through the entry point with values built from the symbol table (vectors of length 3,
matrices 2 x 3, scalars read from the input). The entry point must return a result or raise a
``DerivaxError``. Any other exception, a ``DerivaxError`` that the error boundary made out of a
foreign exception it could not classify ("derivax did not expect this"), and any input that takes
longer than ``SLOW`` seconds, is a finding: it is written (deduplicated by exception type and the line that raised it) to
``$DERIVAX_FUZZ_FINDINGS`` (default ``fuzz-findings-<entry>.jsonl``) and the run goes on, so that
one finding does not end it. The last line of that file's ``.stats`` sibling counts executions.
Not part of the normal test run.
"""

from __future__ import annotations

import json
import os
import sys
import time
import traceback

import atheris

with atheris.instrument_imports():
    import derivax
    import derivax._catalog._evaluate
    import derivax._compile._emit
    import derivax._compile._function
    import derivax._compile._plain
    import derivax.latex
    from derivax import DerivaxError
    from derivax._compile import inputs_of, module_source

SYMBOLS = [
    None,
    "x: vector[n]; i, j, k: index",
    "W: matrix[m, n]; x: vector[n]; b: vector[m]",
    "p, q: simplex[n]",
]
SIZES = {"n": 3, "m": 2}
SLOW = 30.0

ENTRY = sys.argv.pop(1) if len(sys.argv) > 1 and not sys.argv[1].startswith("-") else "evaluate"
FINDINGS = os.environ.get("DERIVAX_FUZZ_FINDINGS", f"fuzz-findings-{ENTRY}.jsonl")
seen: set[tuple[str, str]] = set()
counts = {"executions": 0, "parsed": 0, "results": 0, "derivax_errors": 0, "findings": 0, "slow": 0}
started = time.time()


def values_for(expr, table, fdp) -> dict:
    """A value for each input of ``expr``: arrays shaped by the table, scalars from the input."""
    out = {}
    for key in inputs_of(expr):
        name = key if isinstance(key, str) else derivax.to_latex(key)
        d = table.resolve(key) if isinstance(key, str) else None
        shape = tuple(SIZES.get(s, 3) for s in table[d].shape) if d is not None else ()
        if d is not None and table[d].kind in ("spd", "symmetric"):
            shape = (shape[0], shape[0])
        count = 1
        for s in shape:
            count *= s
        flat = [fdp.ConsumeFloatInRange(-5.0, 5.0) for _ in range(count)]
        if d is not None and table[d].kind == "simplex":
            flat = [abs(v) + 0.1 for v in flat]
            total = sum(flat)
            flat = [v / total for v in flat]
        out[name] = _shaped(flat, shape)
    return out


def _shaped(flat: list, shape: tuple):
    if not shape:
        return flat[0]
    step = len(flat) // shape[0]
    return [_shaped(flat[k * step : (k + 1) * step], shape[1:]) for k in range(shape[0])]


def run(text: str, table, fdp) -> None:
    if ENTRY == "check":
        derivax.check(text, table, timeout=2.0)
        return
    expr = derivax.parse(text, table)
    counts["parsed"] += 1
    if ENTRY == "evaluate":
        derivax.evaluate(expr, values_for(expr, table, fdp), table)
    elif ENTRY == "compile":
        f = derivax.compile(expr, symbols=table)
        source = module_source(f)
        compile(
            source, "<module>", "exec"
        )  # the builtin: a syntax check of generated source, not run
        values = values_for(expr, table, fdp)
        f(**values)
    elif ENTRY == "grad":
        names = [k for k in inputs_of(expr) if isinstance(k, str)]
        if not names:
            return
        wrt = names[fdp.ConsumeIntInRange(0, len(names) - 1)]
        derivax.derive(expr, wrt, table, timeout=2.0)
    else:
        raise SystemExit(f"unknown entry point {ENTRY}; expected evaluate, compile, grad or check")


def record(kind: str, text: str, table, detail: str, where: str) -> None:
    key = (kind, where)
    if key in seen:
        return
    seen.add(key)
    counts["findings" if kind != "slow" else "slow"] += 1
    with open(FINDINGS, "a") as f:
        f.write(
            json.dumps(
                {
                    "entry": ENTRY,
                    "kind": kind,
                    "where": where,
                    "detail": detail[:500],
                    "latex": text,
                    "symbols": table,
                    "after_s": round(time.time() - started),
                }
            )
            + "\n"
        )


def one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    table = SYMBOLS[fdp.ConsumeIntInRange(0, len(SYMBOLS) - 1)]
    text = fdp.ConsumeUnicodeNoSurrogates(200)
    counts["executions"] += 1
    start = time.perf_counter()
    try:
        run(text, derivax.SymbolTable.coerce(table), fdp)
        counts["results"] += 1
    except DerivaxError as e:
        counts["derivax_errors"] += 1
        cause = e.__cause__
        if cause is not None and "did not expect" in str(e):
            # the error boundary caught a foreign exception that it could not classify: a bug
            frame = traceback.extract_tb(cause.__traceback__)[-1]
            record(
                f"boundary:{type(cause).__name__}",
                text,
                table,
                str(e),
                f"{os.path.basename(frame.filename)}:{frame.lineno}",
            )
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as e:
        frame = traceback.extract_tb(e.__traceback__)[-1]
        record(
            type(e).__name__,
            text,
            table,
            f"{type(e).__name__}: {e}",
            f"{os.path.basename(frame.filename)}:{frame.lineno}",
        )
    elapsed = time.perf_counter() - start
    if elapsed > SLOW:
        record("slow", text, table, f"{elapsed:.1f} s", "")
    if counts["executions"] % 50 == 0:
        with open(FINDINGS + ".stats", "a") as f:
            f.write(json.dumps({**counts, "seconds": round(time.time() - started)}) + "\n")


if __name__ == "__main__":
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
