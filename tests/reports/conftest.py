"""Report fixtures: the small workspace tests/reports/fixtures/ws scored on 2027-01-15, and its ReportInputs."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from cwassess.reports.common import ReportInputs

HERE = Path(__file__).resolve().parent
WS = HERE / "fixtures" / "ws"
TODAY = dt.date(2027, 1, 15)
PAYLOAD = "<script>alert(1)</script><img src=file:///etc/passwd> url(http://127.0.0.1:9/x.css)"


def score_workspace(root: Path, today: dt.date = TODAY) -> ReportInputs:
    from cwassess.commands.common import problem_counts
    from cwassess.engine.run import run_score
    from cwassess.loading import load_workspace

    ws = load_workspace(root)
    assert ws.city is not None and ws.standard is not None
    run = run_score(ws, today)
    errors, warnings = problem_counts([*ws.problems, *run.problems])
    return ReportInputs(result=run.result, standard=ws.standard, city=ws.city, claims=ws.claims, input_errors=errors, input_warnings=warnings)


@pytest.fixture(scope="session")
def fixture_ws(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A private copy of the report workspace (scoring writes a cache into it)."""
    root = tmp_path_factory.mktemp("reports") / "ws"
    shutil.copytree(WS, root)
    return root


@pytest.fixture(scope="session")
def inputs(fixture_ws: Path) -> ReportInputs:
    return score_workspace(fixture_ws)
