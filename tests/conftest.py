"""Tests compare numbers in float64: JAX's x64 mode is switched on for the whole run."""

import os

os.environ.setdefault("JAX_PLATFORMS", "cpu")

import jax  # noqa: E402

jax.config.update("jax_enable_x64", True)
