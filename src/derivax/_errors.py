"""The errors derivax raises: one base class, and one subclass per thing a user can act on."""

from __future__ import annotations


class DerivaxError(Exception):
    """Base class of every error derivax raises for bad input or an unsupported request."""


class SymbolError(DerivaxError):
    """A symbol table entry that cannot be read, or a name used against its declaration."""


class ShapeError(DerivaxError):
    """An array whose shape disagrees with the symbol table."""


class CompileError(DerivaxError):
    """An expression derivax cannot turn into a numeric function."""


class DerivationError(DerivaxError):
    """A derivative that cannot be taken, or that failed its numeric cross-check."""


class CatalogError(DerivaxError):
    """A catalog entry that is malformed; names the file, the equation id and the field."""

    def __init__(self, message: str, *, file: str | None = None, id: str | None = None,
                 field: str | None = None):
        where = ", ".join(
            f"{label} `{value}`"
            for label, value in (("file", file), ("equation", id), ("field", field))
            if value
        )
        super().__init__(f"{where}: {message}" if where else message)
        self.file, self.id, self.field = file, id, field


class VerifyTimeout(DerivaxError):
    """An algebra call that ran out of its time budget."""


class ParseError(DerivaxError):
    """LaTeX that cannot be read; carries the input and the position, and prints a caret under it."""

    def __init__(self, message: str, latex: str = "", position: int | None = None):
        self.message, self.latex, self.position = message, latex, position
        text = message
        if latex and position is not None:
            position = max(0, min(position, len(latex)))
            text = f"{message}\n  {latex}\n  {' ' * position}^"
        super().__init__(text)
