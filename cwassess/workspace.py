"""Where things live: the workspace (a city's folder) and the standard it uses."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import cwassess

DEFAULT_EDITION = "nhc-2021"
ENV_WORKSPACE = "CWASSESS_WORKSPACE"


def resolve_workspace(option: Path | None) -> Path:
    """--workspace, else $CWASSESS_WORKSPACE, else the current folder."""
    if option is not None:
        return option
    env = os.environ.get(ENV_WORKSPACE)
    return Path(env) if env else Path.cwd()


def bundled_standard_dir(edition: str = DEFAULT_EDITION) -> Path:
    """The standard shipped with the package (wheel) or with the repository (editable install)."""
    package = Path(cwassess.__file__).resolve().parent
    for candidate in (package / "_bundled" / "standards" / edition, package.parent / "standards" / edition):
        if (candidate / "standard.yaml").is_file():
            return candidate
    return package.parent / "standards" / edition


def standard_dir(workspace: Path, edition: str = DEFAULT_EDITION) -> Path:
    """A workspace may carry its own copy of the standard; otherwise the bundled one is used."""
    local = workspace / "standards" / edition
    return local if (local / "standard.yaml").is_file() else bundled_standard_dir(edition)


def schema_ref(from_dir: Path, name: str) -> str:
    """How a YAML file in from_dir points its editor at a bundled schema: relative if possible."""
    import os

    target = bundled_standard_dir().parent.parent / "schemas" / name
    try:
        return Path(os.path.relpath(target.resolve(), from_dir.resolve())).as_posix()
    except ValueError:  # another drive on Windows
        return target.resolve().as_uri()


def today() -> dt.date:
    """Today, or $CWASSESS_TODAY (YYYY-MM-DD) so runs can be reproduced."""

    value = os.environ.get("CWASSESS_TODAY")
    if value:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    return dt.date.today()
