#!/usr/bin/env python3
"""Structural check of the equation catalog in equations/*.toml (numpy + stdlib only).

    python tests/data/validate_catalog.py

Asserts that every required id is present, that each entry has the required
fields, that `area` matches the file, that every example has `set` and
`expect`, that the symbol tables follow the documented syntax, and that the
examples agree with the independent reference values computed by
tests/data/compute_catalog_examples.py.
"""

from __future__ import annotations

import math
import pathlib
import re
import sys
import tomllib

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE))

import compute_catalog_examples as ref  # noqa: E402

REQUIRED = {
    "probability": [
        "bayes_theorem",
        "conditional_probability",
        "joint_probability",
        "gaussian_pdf",
        "bernoulli_log_likelihood",
        "maximum_likelihood",
    ],
    "information": ["entropy", "cross_entropy", "binary_cross_entropy", "kl_divergence"],
    "statistics": ["variance", "covariance", "pearson_correlation"],
    "linear_algebra": ["linear_transformation", "eigen_equation", "svd", "pca_covariance"],
    "optimization": ["gradient_descent", "sgd_minibatch", "lagrangian"],
    "losses": [
        "mse",
        "least_squares",
        "normal_equation",
        "ridge",
        "lasso",
        "logistic_regression_nll",
        "hinge_loss",
    ],
    "neural": [
        "sigmoid",
        "softmax",
        "log_sum_exp",
        "backpropagation",
        "attention",
        "convolution",
        "discrete_convolution",
    ],
    "generative": ["diffusion_forward"],
    "classical_ml": [
        "linear_regression",
        "svm_primal",
        "svm_dual",
        "gaussian_kernel",
        "kmeans_objective",
    ],
}
FIELDS = {"title": str, "area": str, "summary": str, "latex": str, "symbols": str}
OPTIONAL = {"examples", "checks", "derivatives"}
KINDS = {"scalar", "vector", "matrix", "index", "dim", "function", "simplex", "spd", "symmetric"}
SHAPED = {"vector": 1, "matrix": 2, "simplex": 1, "spd": 1, "symmetric": 1}
QUALIFIERS = {"positive", "nonnegative", "integer", "unit"}
VERDICTS = {"proved", "refuted", "plausible"}


def split_top(s: str, sep: str) -> list[str]:
    """Split on `sep` outside brackets/braces."""
    out, depth, cur = [], 0, ""
    for ch in s:
        if ch in "[{(":
            depth += 1
        elif ch in "]})":
            depth -= 1
        if ch == sep and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += ch
    out.append(cur)
    return [x.strip() for x in out]


def parse_symbols(text: str, where: str) -> dict[str, tuple[str, list[str], list[str]]]:
    table = {}
    for entry in split_top(text, ";"):
        assert ":" in entry, f"{where}: symbol entry without ':': {entry!r}"
        names, spec = entry.split(":", 1)
        parts = split_top(spec, ",")
        m = re.fullmatch(r"(\w+)(?:\[(.*)\])?", parts[0])
        assert m, f"{where}: bad kind {parts[0]!r}"
        kind, dims = m.group(1), [d.strip() for d in (m.group(2) or "").split(",") if d.strip()]
        assert kind in KINDS, f"{where}: unknown kind {kind!r}"
        if kind in SHAPED:
            assert len(dims) == SHAPED[kind], (
                f"{where}: {kind} needs {SHAPED[kind]} dims, got {dims}"
            )
        else:
            assert not dims, f"{where}: {kind} takes no dims"
        quals = parts[1:]
        for q in quals:
            assert q in QUALIFIERS, f"{where}: unknown qualifier {q!r}"
        for name in split_top(names, ","):
            assert name, f"{where}: empty symbol name"
            assert name not in table, f"{where}: {name} declared twice"
            table[name] = (kind, dims, quals)
    for name, (_kind, dims, _) in table.items():
        for d in dims:
            assert table.get(d, ("",))[0] == "dim", (
                f"{where}: dimension {d!r} of {name} not declared dim"
            )
    return table


def check_latex(s: str, where: str) -> None:
    depth = 0
    for ch in s.replace(r"\{", "").replace(r"\}", ""):
        depth += {"{": 1, "}": -1}.get(ch, 0)
        assert depth >= 0, f"{where}: unbalanced braces in {s!r}"
    assert depth == 0, f"{where}: unbalanced braces in {s!r}"
    assert s.count(r"\left") == s.count(r"\right"), f"{where}: \\left/\\right mismatch"
    assert re.search(r"(?<![<>\\])=|\\le|\\ge|<|>", s), f"{where}: no relation in {s!r}"


def close(a, b, rel=1e-12) -> bool:
    if isinstance(a, list) or isinstance(b, list):
        return (
            isinstance(a, list)
            and isinstance(b, list)
            and len(a) == len(b)
            and all(close(x, y, rel) for x, y in zip(a, b, strict=False))
        )
    return math.isclose(float(a), float(b), rel_tol=rel, abs_tol=0.0)


def main() -> None:
    reference: dict[str, list] = {}
    for eid, s, d, e in ref.EXAMPLES:
        reference.setdefault(eid, []).append((s, d, e))

    seen: dict[str, str] = {}
    n_examples = n_checks = n_derivs = 0
    for area, ids in REQUIRED.items():
        path = ROOT / "equations" / f"{area}.toml"
        assert path.exists(), f"missing {path}"
        with path.open("rb") as fh:
            data = tomllib.load(fh)
        for eid in ids:
            assert eid in data, f"{path.name}: missing id {eid}"
        for eid, entry in data.items():
            where = f"{path.name}:{eid}"
            assert eid not in seen, f"{eid} defined in {seen[eid]} and {path.name}"
            seen[eid] = path.name
            for f, t in FIELDS.items():
                assert isinstance(entry.get(f), t) and entry[f].strip(), (
                    f"{where}: field {f} missing"
                )
            extra = set(entry) - set(FIELDS) - OPTIONAL
            assert not extra, f"{where}: unknown fields {extra}"
            assert entry["area"] == area, f"{where}: area {entry['area']!r} != {area!r}"
            check_latex(entry["latex"], where)
            parse_symbols(entry["symbols"], where)

            examples = entry.get("examples", [])
            assert examples, f"{where}: no examples"
            for i, ex in enumerate(examples):
                assert "set" in ex and "expect" in ex, f"{where}: example {i} lacks set/expect"
                assert isinstance(ex["set"], dict), f"{where}: example {i} set is not a table"
                assert set(ex) <= {"set", "expect", "define"}, (
                    f"{where}: example {i} fields {set(ex)}"
                )
            refs = reference.get(eid)
            assert refs is not None, f"{where}: no reference values in compute_catalog_examples.py"
            assert len(refs) == len(examples), (
                f"{where}: {len(examples)} examples, {len(refs)} references"
            )
            for i, (ex, (s, d, e)) in enumerate(zip(examples, refs, strict=False)):
                assert ex["set"].keys() == s.keys(), (
                    f"{where}: example {i} keys differ from reference"
                )
                for k in s:
                    assert close(ex["set"][k], s[k], 0.0), f"{where}: example {i} input {k} differs"
                assert ex.get("define") == d, f"{where}: example {i} define differs"
                assert close(ex["expect"], e), f"{where}: example {i} expect {ex['expect']} != {e}"
            n_examples += len(examples)

            for c in entry.get("checks", []):
                assert set(c) <= {"claim", "expect", "given"}, f"{where}: check fields {set(c)}"
                assert isinstance(c.get("claim"), str), f"{where}: check without claim"
                assert c.get("expect") in VERDICTS, f"{where}: bad verdict {c.get('expect')!r}"
                check_latex(c["claim"], where)
                g = c.get("given", [])
                assert isinstance(g, list) and all(isinstance(x, str) for x in g), (
                    f"{where}: bad given"
                )
                for x in g:
                    check_latex(x, where)
                n_checks += 1
            for dv in entry.get("derivatives", []):
                assert set(dv) == {"wrt", "latex"}, f"{where}: derivative fields {set(dv)}"
                check_latex(dv["latex"], where)
                n_derivs += 1

    missing_ref = set(reference) - set(seen)
    assert not missing_ref, f"reference values for unknown ids {missing_ref}"
    for area in REQUIRED:
        print(f"{area}.toml: " + ", ".join(k for k, v in seen.items() if v == f"{area}.toml"))
    print(
        f"OK: {len(seen)} equations, {n_examples} examples, {n_checks} checks, {n_derivs} derivatives"
    )


if __name__ == "__main__":
    main()
