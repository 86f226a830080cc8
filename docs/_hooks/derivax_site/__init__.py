"""The generators behind derivax's documentation site (MkDocs hooks in ``docs/_hooks/hooks.py``):
the catalog's pages, the CLI and API references, and math typeset as MathML at build time."""
