"""Which lowering of softmax, log-softmax, log-sum-exp (and their gradients) XLA runs fastest.

    python benchmarks/lowerings.py [--markdown]          # K = 10 and 1,000, N = 262,144
    python benchmarks/lowerings.py --ks 10 --repeats 31  # one K, more repeats
    python benchmarks/lowerings.py --nodes "logsumexp,grad of logsumexp"  # some nodes

The whole run takes 6-7 minutes on the shared 2-core machine (each K = 1,000 call writes 1 GB),
K = 10 alone about 30 s; ``--nodes`` picks nodes.

Every node is a per-row function of a 1-D ``z`` of length K (and ``y``, a one-hot row, for the
cross-entropy), run as ``jax.jit(jax.vmap(f))`` over N rows of float32, the way a compiled derivax
function is used. Each candidate lowering is first checked against a float64 NumPy reference on
rows with large magnitudes (|z| up to 1e3, where exp overflows, and entries of -1e30): a candidate
that is not finite and close there is disqualified and not timed. The stable candidates of one node
are then timed side by side in one process, interleaved (round-robin, the order rotated each round),
after a warm-up; the median of the repeats is divided by the median of the node's baseline (the
first candidate). Ratios, not seconds, are comparable between runs on a shared 2-core machine.

The decision recorded in derivax's code generation (``src/derivax/_compile/_lowering.py``) is the
fastest stable candidate when it beats the baseline by more than the noise at both sizes.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

import jax
import jax.numpy as jnp
import numpy as np

Fn = Callable[..., jax.Array]


def _max(z):
    return jax.lax.stop_gradient(jnp.max(z))


def _shifted_exp(z):
    return jnp.exp(z - _max(z))


def _e_over_sum(z):
    e = _shifted_exp(z)
    return e / jnp.sum(e)


def _e_times_inverse(z):
    e = _shifted_exp(z)
    return e * (1 / jnp.sum(e))


def _exp_minus_lse(z):
    return jnp.exp(z - jax.nn.logsumexp(z))


def _exp_log_softmax(z):
    return jnp.exp(_shifted_log_softmax(z))


def _shifted_log_softmax(z):
    m = _max(z)
    return z - m - jnp.log(jnp.sum(jnp.exp(z - m)))


def _shifted_lse(z):
    m = _max(z)
    return m + jnp.log(jnp.sum(jnp.exp(z - m)))


def _guarded_lse(z):
    """As jax.nn.logsumexp: a row of -inf gives -inf, not NaN."""
    m = jnp.max(z)
    m = jax.lax.stop_gradient(jnp.where(jnp.isfinite(m), m, 0))
    return m + jnp.log(jnp.sum(jnp.exp(z - m)))


def _relative_jvp(z, t):
    """The tangent of softmax written P^T (s * t), P the projection relative to the largest entry:
    its transpose, the backward pass, is s * ((g - g_m) - <s, g - g_m>), which does not cancel
    where the softmax saturates. The form of derivax's ``_softmax`` helper
    (``src/derivax/_compile/_quotient.py``), for one row."""
    m = jax.lax.stop_gradient(jnp.max(z))
    u = jnp.exp(z - m)
    s = u / jnp.sum(u)
    top = (z == m).astype(s.dtype)
    w = s * t
    a = w - s * jnp.sum(w)
    return s, a - top * (jnp.sum(a) / jnp.sum(top))


_relative = jax.custom_jvp(lambda z: jax.nn.softmax(z))
_relative.defjvp(lambda primals, tangents: _relative_jvp(primals[0], tangents[0]))

SOFTMAX: dict[str, Fn] = {
    "jax.nn.softmax(z)": jax.nn.softmax,
    "jax.nn.softmax(z), JVP relative to the largest entry": _relative,
    "exp(z - logsumexp(z))": _exp_minus_lse,
    "e / sum(e), e = exp(z - sg(max z))": _e_over_sum,
    "e * (1 / sum(e))": _e_times_inverse,
    "exp(z - m - log(sum(exp(z - m))))": _exp_log_softmax,
    "exp(z) / sum(exp(z))  [naive, control]": lambda z: jnp.exp(z) / jnp.sum(jnp.exp(z)),
}
LOG_SOFTMAX: dict[str, Fn] = {
    "jax.nn.log_softmax(z)": jax.nn.log_softmax,
    "z - logsumexp(z)": lambda z: z - jax.nn.logsumexp(z),
    "z - m - log(sum(exp(z - m))), m = sg(max z)": _shifted_log_softmax,
    "z - log(sum(exp(z)))  [naive, control]": lambda z: z - jnp.log(jnp.sum(jnp.exp(z))),
}
LOGSUMEXP: dict[str, Fn] = {
    "jax.nn.logsumexp(z)": jax.nn.logsumexp,
    "m + log(sum(exp(z - m))), m = sg(max z)": _shifted_lse,
    "the same, m = sg(max z if finite else 0)": _guarded_lse,
    "log(sum(exp(z)))  [naive, control]": lambda z: jnp.log(jnp.sum(jnp.exp(z))),
}
# the negated term of a difference (SymPy's a - b is a + (-1) b)
NEGATION: dict[str, Fn] = {
    "z + (-1) * y": lambda z, y: z + (-1) * y,
    "z - y": lambda z, y: z - y,
    "z + (-y)": lambda z, y: z + (-y),
}


def _ce_loss_grad(log_softmax: Fn) -> Fn:
    return jax.grad(lambda z, y: -jnp.sum(y * log_softmax(z)))


def _vjp(softmax: Fn) -> Fn:
    """The gradient of y . softmax(z): what jax.grad pays for a lowering of softmax."""
    return jax.grad(lambda z, y: jnp.sum(y * softmax(z)))


HAND = "hand: jax.grad(-sum(y * log_softmax(z)))"
CE_GRAD: dict[str, Fn] = {
    HAND: _ce_loss_grad(jax.nn.log_softmax),
    "(-1) * y + jax.nn.softmax(z)": lambda z, y: (-1) * y + jax.nn.softmax(z),
    "jax.nn.softmax(z) - y": lambda z, y: jax.nn.softmax(z) - y,
    "-y + jax.nn.softmax(z)": lambda z, y: -y + jax.nn.softmax(z),
    "-y + e / sum(e)": lambda z, y: -y + _e_over_sum(z),
    "-y + e * (1 / sum(e))": lambda z, y: -y + _e_times_inverse(z),
    "-y + exp(z - logsumexp(z))": lambda z, y: -y + _exp_minus_lse(z),
}


@dataclass
class Node:
    candidates: dict[str, Fn]
    arity: int  # 1: f(z), 2: f(z, y)
    reference: Callable  # float64 NumPy, of a batch of rows
    current: str  # what derivax emitted before this benchmark; the ratios' baseline unless `hand`
    hand: str | None = None  # a hand-written baseline the ratios are taken against instead
    forward: str | None = None  # for a gradient: the node it differentiates
    # for a gradient through softmax: its float64 reference on rows where the softmax saturates,
    # computed relative to the largest entry (the standard form cancels there)
    saturated: Callable | None = None


def _ref_log_softmax(z):
    m = z.max(axis=-1, keepdims=True)
    return z - m - np.log(np.exp(z - m).sum(axis=-1, keepdims=True))


def _ref_softmax(z):
    return np.exp(_ref_log_softmax(z))


def _ref_lse(z):
    m = z.max(axis=-1)
    return m + np.log(np.exp(z - m[:, None]).sum(axis=-1))


def _ref_vjp(z, y):
    s = _ref_softmax(z)
    return s * (y - (s * y).sum(axis=-1, keepdims=True))


def _ref_vjp_relative(z, y):
    s = _ref_softmax(z)
    ym = np.take_along_axis(y, z.argmax(axis=-1)[:, None], axis=-1)
    d = y - ym
    return s * (d - (s * d).sum(axis=-1, keepdims=True))


def _node(candidates: dict[str, Fn], arity: int, reference: Callable, **kw) -> Node:
    return Node(candidates, arity, reference, kw.pop("current", next(iter(candidates))), **kw)


NODES: dict[str, Node] = {
    "softmax": _node(SOFTMAX, 1, _ref_softmax),
    "grad of y.softmax(z)": _node(
        {f"grad via {k}": _vjp(f) for k, f in SOFTMAX.items()},
        2,
        _ref_vjp,
        forward="softmax",
        saturated=_ref_vjp_relative,
    ),
    "log-softmax": _node(LOG_SOFTMAX, 1, _ref_log_softmax),
    "logsumexp": _node(LOGSUMEXP, 1, _ref_lse),
    "grad of logsumexp": _node(
        {f"grad {k}": jax.grad(f) for k, f in LOGSUMEXP.items()},
        1,
        _ref_softmax,
        forward="logsumexp",
    ),
    "negation": _node(NEGATION, 2, lambda z, y: z - y),
    "CE gradient softmax(z) - y": _node(
        CE_GRAD,
        2,
        lambda z, y: _ref_softmax(z) - y,
        current="(-1) * y + jax.nn.softmax(z)",
        hand=HAND,
    ),
    "grad of CE loss": _node(
        {f"grad via {k}": _ce_loss_grad(f) for k, f in LOG_SOFTMAX.items()},
        2,
        lambda z, y: _ref_softmax(z) * y.sum(axis=-1, keepdims=True) - y,
        forward="log-softmax",
    ),
}


def hard_rows(k: int, rows: int = 64) -> tuple[np.ndarray, np.ndarray]:
    """Rows where exp overflows float32 (and float64): |z| up to 1e3, entries of -1e30, a row of
    equal large entries, one large entry among large negative ones."""
    rng = np.random.default_rng(7)
    z = rng.uniform(-1e3, 1e3, size=(rows, k))
    z[1] = 1e3
    z[2] = -1e3
    z[2, 0] = 1e3
    z[3, : max(1, k // 2)] = -1e30
    z[3, -1] = 900.0
    z[4] = -1e30
    z = z.astype(np.float32)
    y = np.eye(k, dtype=np.float32)[rng.integers(0, k, rows)]
    return z, y


def saturated_rows(k: int, rows: int = 16) -> tuple[np.ndarray, np.ndarray]:
    """Rows with one entry 20 to 65 above the others (the gradient, about e^-20 to e^-65 of the
    weights' spread, is a normal float32), and weights y of both signs."""
    rng = np.random.default_rng(11)
    z = rng.uniform(-40.0, 0.0, size=(rows, k))
    z[np.arange(rows), rng.integers(0, k, rows)] = rng.uniform(20.0, 25.0, rows)
    y = rng.normal(size=(rows, k))
    return z.astype(np.float32), y.astype(np.float32)


def accurate_where_saturated(fn: Fn, node: Node, k: int) -> bool:
    """Within 1e-3 of the reference, normwise relative per row, where the softmax saturates."""
    if node.saturated is None:
        return True
    z, y = saturated_rows(k)
    got = np.asarray(jax.jit(jax.vmap(fn))(jnp.asarray(z), jnp.asarray(y)), np.float64)
    want = node.saturated(z.astype(np.float64), y.astype(np.float64))
    err = np.abs(got - want).max(axis=-1) / np.abs(want).max(axis=-1)
    return bool(np.all(err <= 1e-3))


def stable(fn: Fn, node: Node, k: int) -> bool:
    """Finite and close to the float64 reference on ``hard_rows``, and accurate where a softmax
    saturates."""
    if not accurate_where_saturated(fn, node, k):
        return False
    z, y = hard_rows(k)
    args = (z, y)[: node.arity]
    got = np.asarray(jax.jit(jax.vmap(fn))(*(jnp.asarray(a) for a in args)), np.float64)
    want = node.reference(*(a.astype(np.float64) for a in args))
    if not np.all(np.isfinite(got)):
        return False
    # float32 rounds an input near 1e3 by 3e-5: the shifted inputs carry an error of that order
    scale = np.minimum(np.abs(z).max(axis=-1), 1e3).astype(np.float64)
    scale = scale if want.ndim == 1 else scale[:, None]
    return bool(np.all(np.abs(got - want) <= 1e-3 * np.abs(want) + 1e-6 * scale + 1e-6))


def qualified(name: str, k: int) -> dict[str, bool]:
    """Which of the node's lowerings are stable; a gradient's lowering is disqualified with the
    lowering of the function it differentiates (the candidates of both are in the same order)."""
    node = NODES[name]
    ok = {c: stable(f, node, k) for c, f in node.candidates.items()}
    if node.forward is not None:
        forward = qualified(node.forward, k)
        for c, f_ok in zip(node.candidates, forward.values(), strict=True):
            ok[c] = ok[c] and f_ok
    return ok


def interleaved(fns: list[Callable[[], jax.Array]], repeats: int) -> list[float]:
    """Median wall time of each of ``fns``, run round-robin (the order rotated every round) after
    one warm-up call each, every result blocked on."""
    for f in fns:
        jax.block_until_ready(f())
    times: list[list[float]] = [[] for _ in fns]
    for r in range(repeats):
        for i in [(r + j) % len(fns) for j in range(len(fns))]:
            start = time.perf_counter()
            jax.block_until_ready(fns[i]())
            times[i].append(time.perf_counter() - start)
    return [statistics.median(t) for t in times]


def measure(n: int, ks: list[int], repeats: int, nodes: list[str]) -> list[dict]:
    rows = []
    for k in ks:
        rng = np.random.default_rng(0)
        z = jnp.asarray(rng.normal(size=(n, k)), jnp.float32)
        y = jnp.asarray(np.eye(k, dtype=np.float32)[rng.integers(0, k, n)])
        for name in nodes:
            node = NODES[name]
            ok = qualified(name, k)
            # the form emitted before is timed even where it is not stable: the cost of the
            # stable ones is stated against it
            timed = [c for c in node.candidates if ok[c] or c == node.current]
            fns = [jax.jit(jax.vmap(node.candidates[c])) for c in timed]
            calls = [_call(f, (z, y)[: node.arity]) for f in fns]
            medians = dict(zip(timed, interleaved(calls, repeats), strict=True))
            base = medians.get(node.hand or node.current)
            for c in node.candidates:
                t = medians.get(c)
                x = t / base if t is not None and base else None
                rows.append({"node": name, "K": k, "lowering": c, "stable": ok[c], "s": t, "x": x})
        del z, y
    return rows


def _call(f, args) -> Callable[[], jax.Array]:
    return lambda: f(*args)


def decisions(rows: list[dict], noise: float) -> dict[str, str]:
    """Per node: the stable lowering whose worst time over the sizes, relative to what derivax
    emitted before (``current``), is lowest; chosen only when it beats ``current`` by more than
    ``noise`` at every size, else ``current`` is kept."""
    out = {}
    for name in dict.fromkeys(r["node"] for r in rows):
        node = NODES[name]
        mine = [r for r in rows if r["node"] == name and r["s"] is not None]
        now = {r["K"]: r["s"] for r in mine if r["lowering"] == node.current}
        worst: dict[str, float] = {}
        for r in mine:
            if r["lowering"] != node.hand and r["K"] in now and r["stable"]:
                worst[r["lowering"]] = max(worst.get(r["lowering"], 0.0), r["s"] / now[r["K"]])
        best = min(worst, key=lambda c: worst[c])
        if node.current not in worst:  # the form emitted before is not stable
            out[name] = (
                f"{best}, the fastest stable form ({node.current} is not stable; "
                f"this costs at most {worst[best]:.3f}x its time)"
            )
        elif best != node.current and worst[best] < 1 - noise:
            out[name] = f"{best} (at most {worst[best]:.3f}x {node.current})"
        else:
            out[name] = f"keep {node.current} (best other {best}: {worst[best]:.3f}x at worst)"
    return out


def table(rows: list[dict], markdown: bool) -> str:
    ks = sorted({r["K"] for r in rows})
    head = ["node", "lowering", "stable", *[f"K={k} x" for k in ks], *[f"K={k} ms" for k in ks]]
    lines = []
    for node in dict.fromkeys(r["node"] for r in rows):
        for name in dict.fromkeys(r["lowering"] for r in rows if r["node"] == node):
            cells = {r["K"]: r for r in rows if r["node"] == node and r["lowering"] == name}
            ratios = [_fmt(cells[k]["x"], "{:.3f}") for k in ks]
            ms = [_fmt(cells[k]["s"] and cells[k]["s"] * 1e3, "{:.2f}") for k in ks]
            stable_cell = "yes" if all(c["stable"] for c in cells.values()) else "NO"
            lines.append([node, name, stable_cell, *ratios, *ms])
    if markdown:
        out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        return "\n".join(out + ["| " + " | ".join(line) + " |" for line in lines])
    widths = [max(len(str(c)) for c in col) for col in zip(head, *lines, strict=True)]
    return "\n".join(
        "  ".join(str(c).ljust(w) for c, w in zip(line, widths, strict=True))
        for line in [head, *lines]
    )


def _fmt(v, spec: str) -> str:
    return "-" if v is None else spec.format(v)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--markdown", action="store_true", help="print a markdown table")
    p.add_argument("--n", type=int, default=262_144, help="rows (default 262,144)")
    p.add_argument("--ks", default="10,1000", help="row lengths, comma-separated")
    p.add_argument("--repeats", type=int, default=15, help="timed runs per lowering (>= 15)")
    p.add_argument("--nodes", default=",".join(NODES), help="nodes, comma-separated")
    p.add_argument("--noise", type=float, default=0.03, help="ratios within 1 +- noise tie")
    a = p.parse_args()
    ks = [int(k) for k in a.ks.split(",")]
    rows = measure(a.n, ks, a.repeats, a.nodes.split(","))
    print(f"N = {a.n:,} rows, float32, jit(vmap(f)), median of {a.repeats} interleaved runs;")
    print("x = median / median of the baseline: the hand-written gradient for the CE gradient,")
    print("else the node's first lowering (what derivax emitted before); NO = disqualified\n")
    print(table(rows, a.markdown))
    print()
    for node, decision in decisions(rows, a.noise).items():
        print(f"- {node}: {decision}")


if __name__ == "__main__":
    main()
