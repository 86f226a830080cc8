"""The symbol table: what each letter of an equation is (shape, domain, kind)."""

from ._label import Label as Label
from ._names import DECORATIONS as DECORATIONS
from ._names import FONTS as FONTS
from ._names import GREEK_SET as GREEK_SET
from ._names import STYLES as STYLES
from ._names import WORDS as WORDS
from ._names import canonical as canonical
from ._names import canonical_base as canonical_base
from ._names import canonical_script as canonical_script
from ._names import join_tokens as join_tokens
from ._names import plain as plain
from ._table import FAMILY_KINDS as FAMILY_KINDS
from ._table import FUNCTION_QUALIFIERS as FUNCTION_QUALIFIERS
from ._table import KINDS as KINDS
from ._table import QUALIFIERS as QUALIFIERS
from ._table import RANDOM_QUALIFIERS as RANDOM_QUALIFIERS
from ._table import Declaration as Declaration
from ._table import SizesMet as SizesMet
from ._table import SymbolTable as SymbolTable
from ._table import parse_symbols as parse_symbols
from ._table import split_top_commas as split_top_commas
