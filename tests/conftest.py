"""Tests compare numbers in float64 (JAX's x64 mode is on for the whole run) and decide every
claim afresh (the verdict cache is off unless a test points it at a directory)."""

import os

os.environ.setdefault("JAX_PLATFORMS", "cpu")
# every test decides its claims afresh: a verdict cache on disk would carry verdicts between runs
# and tests; the cache's own tests point DERIVAX_CACHE at a temporary directory
os.environ["DERIVAX_CACHE"] = "off"
# compiled XLA programs are shared by the run's processes (the workers, the commands the tests
# start) in a directory of the run's own, made here by the first process (pytest-xdist's workers
# inherit it) and removed when that process ends: nothing carries over between runs, and the
# user's own cache is never touched
if "DERIVAX_XLA_CACHE" not in os.environ:
    import tempfile

    os.environ["DERIVAX_XLA_CACHE"] = tempfile.mkdtemp(prefix="derivax-tests-xla-")
    _OWN_XLA_CACHE = os.environ["DERIVAX_XLA_CACHE"]
else:
    _OWN_XLA_CACHE = None

import jax

jax.config.update("jax_enable_x64", True)

from hypothesis import HealthCheck, settings  # noqa: E402

# property tests: 60 examples each on every run (the `ci` profile), 2,000 with
# HYPOTHESIS_PROFILE=thorough; registered here so that any test file runs alone with either
settings.register_profile(
    "ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "thorough", max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

THOROUGH = os.environ.get("HYPOTHESIS_PROFILE") == "thorough"


def pytest_collection_modifyitems(config, items):
    """A test (or a case of one) marked ``thorough("why")`` runs in the thorough profile only:
    the slow members of a family whose other members run every time, so that the suite keeps
    under its time on two cores; each skip says why in pytest's summary."""
    if THOROUGH:
        return
    import pytest

    for item in items:
        mark = item.get_closest_marker("thorough")
        if mark is not None:
            why = mark.args[0] if mark.args else "slow"
            item.add_marker(pytest.mark.skip(reason=f"{why}: in the thorough profile"))


def pytest_unconfigure(config):
    """The run's XLA cache goes with the process that made it."""
    if _OWN_XLA_CACHE is not None and not hasattr(config, "workerinput"):
        import shutil

        shutil.rmtree(_OWN_XLA_CACHE, ignore_errors=True)
