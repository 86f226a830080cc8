"""Documents: reading the display math of a ``.tex`` paper, a ``.md`` note or a notebook and
checking every step of its derivations (``derivax check-doc``), reported as text, annotated
documents, GitHub workflow annotations or SARIF."""

from ._annotate import annotate as annotate
from ._check import Link as Link
from ._check import check_document as check_document
from ._read import Document as Document
from ._read import Piece as Piece
from ._read import read_document as read_document
from ._report import CI_LEVELS as CI_LEVELS
from ._report import github_annotations as github_annotations
from ._report import report_lines as report_lines
from ._report import sarif_log as sarif_log
from ._report import statement_report as statement_report
