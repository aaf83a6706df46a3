"""The benchmarks' modules (``bench/``) are imported by these tests as the package ``bench``."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # `python -m pytest` has it already; a bare `pytest` may not
    sys.path.insert(0, str(ROOT))
