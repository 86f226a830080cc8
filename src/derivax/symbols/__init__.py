"""The symbol table: what each letter of an equation is (shape, domain, kind)."""

from ._names import canonical as canonical
from ._names import plain as plain
from ._table import KINDS as KINDS
from ._table import QUALIFIERS as QUALIFIERS
from ._table import Declaration as Declaration
from ._table import SymbolTable as SymbolTable
from ._table import parse_symbols as parse_symbols
