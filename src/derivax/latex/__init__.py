"""LaTeX in and out: parse paper notation into SymPy through the symbol table, render it back."""

from ._approximate import APPROXIMATION_NOT_DECIDED as APPROXIMATION_NOT_DECIDED
from ._approximate import LABEL_NOT_DECIDED as LABEL_NOT_DECIDED
from ._parse import Reading as Reading
from ._parse import parse as parse
from ._parse import read as read
from ._parse import reading as reading
from ._render import escape_text as escape_text
from ._render import to_latex as to_latex
from ._undecided import UNDECIDED_KIND as UNDECIDED_KIND
