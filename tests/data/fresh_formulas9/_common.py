"""The helpers of the ninth fresh corpus: those every fresh corpus shares
(``tests/data/fresh_common.py``), with this folder as ``HERE``. Nothing here imports derivax."""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent))

from fresh_common import *  # noqa: E402, F403
