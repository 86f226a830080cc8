"""What a command works on: the catalog it reads, the equations it names, its worker processes."""

from __future__ import annotations

import argparse

from .._errors import DerivaxError


def _loaded(args: argparse.Namespace):
    """The catalog a command reads: the built-in one plus every ``--catalog DIR``."""
    from .._catalog import catalog

    return catalog(getattr(args, "catalog", None) or None)


def _looks_like_id(text: str, cat=None) -> bool:
    """An equation id (``kl_divergence``), or a word close to one (``softmx``): not LaTeX to read."""
    if text.replace("_", "").isalnum() and "_" in text and text.islower():
        return True
    if cat is not None and text.isalpha() and text.islower() and len(text) >= 4:
        import difflib

        return bool(difflib.get_close_matches(text, list(cat), n=1, cutoff=0.8))
    return False


def _jobs(args: argparse.Namespace) -> int:
    """``--jobs N`` (default: every core)."""
    import os

    jobs = args.jobs if args.jobs is not None else os.cpu_count() or 1
    if jobs < 1:
        raise DerivaxError(f"--jobs must be at least 1, got `{jobs}`")
    return jobs


def _selection(args: argparse.Namespace) -> list:
    """The equations a command names: ids, or every one with --all (never both, never neither)."""
    cat = _loaded(args)
    if args.all and args.ids:
        raise DerivaxError("give equation ids or --all, not both")
    if not args.all and not args.ids:
        raise DerivaxError("name the equations, or pass --all")
    if args.timeout <= 0:
        raise DerivaxError(f"--timeout must be positive, got {args.timeout}")
    if args.all and getattr(args, "catalog", None):
        from .._catalog import load_catalog

        return [cat[i] for i in load_catalog(args.catalog)]
    return list(cat.values()) if args.all else [cat[i] for i in args.ids]
