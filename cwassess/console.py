"""One place that builds terminal output: honours NO_COLOR and COLUMNS, prints JSON untouched."""

from __future__ import annotations

import json
import sys
from typing import Any

from rich.console import Console


def make_console(stderr: bool = False) -> Console:
    return Console(stderr=stderr, highlight=False, soft_wrap=False, emoji=False)


def print_json(data: Any) -> None:
    """One JSON document on stdout, Chinese kept readable."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")
