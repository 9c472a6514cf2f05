"""The console script: `cwassess`, `--help` and `--version` are answered before typer or any command is imported."""

from __future__ import annotations

import sys


def run() -> None:
    from cwassess import __version__
    from cwassess.commands.registry import help_text

    args = sys.argv[1:]
    if args in ([], ["--help"], ["-h"]):
        sys.stdout.write(help_text(__version__))
        return
    if args == ["--version"]:
        sys.stdout.write(f"cwassess {__version__}\n")
        return
    from cwassess.cli import main

    main()
