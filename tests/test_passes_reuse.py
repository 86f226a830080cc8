"""Two passes in one process: the second pass over an entry edited after the first gets the new
entry's verdicts (its workers keep parsed copies of equations, found by everything the entry says),
and the passes on workers share one warm pool instead of starting two new workers each."""

from __future__ import annotations

import pytest

import derivax as dx
from derivax._passes import run, shared_pool

ENTRY = r"""
[half_square]
title = "Half square"
area = "mine"
summary = "The quadratic part of the Huber loss."
latex = '\ell(r) = \frac{1}{2} r^2'
symbols = "r: scalar"

[[half_square.examples]]
set = { r = 3.0 }
expect = EXPECT

[[half_square.checks]]
claim = 'CLAIM'
expect = "proved"

[[half_square.derivatives]]
wrt = "r"
latex = 'DERIVATIVE'
"""

RIGHT = (r"\frac{1}{2} r^2 \ge 0", r"\frac{\partial \ell}{\partial r} = r", "4.5")
# the definition as before; its claim, stated derivative and example each made wrong
WRONG = (r"\frac{1}{2} r^2 \le -1", r"\frac{\partial \ell}{\partial r} = 2 r", "9.0")


def _pass(folder, entry, jobs):
    claim, derivative, expect = entry
    text = ENTRY.replace("CLAIM", claim).replace("DERIVATIVE", derivative)
    (folder / "mine.toml").write_text(text.replace("EXPECT", expect))
    (found,) = run(list(dx.load_catalog(folder).values()), jobs=jobs)
    return (
        [c.status for c in found.checks],
        [d.status for d in found.derivatives],
        [x.ok for x in found.examples],
    )


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_entry_edited_between_two_passes_is_checked_as_it_now_reads(tmp_path, jobs):
    assert _pass(tmp_path, RIGHT, jobs) == (["proved"], ["proved"], [True])
    assert _pass(tmp_path, WRONG, jobs) == (["refuted"], ["refuted"], [False])
    assert _pass(tmp_path, RIGHT, jobs) == (["proved"], ["proved"], [True])


def test_passes_on_workers_share_one_warm_pool(tmp_path):
    _pass(tmp_path, RIGHT, 2)
    pool = shared_pool(2)
    before = (pool.pids(), pool.restarts)
    _pass(tmp_path, RIGHT, 2)
    assert shared_pool(2) is pool and (pool.pids(), pool.restarts) == before
    assert len(pool.pids()) == 2
    # a pool shut down is replaced, not used
    pool.shutdown()
    assert shared_pool(2) is not pool and not shared_pool(2).closed
