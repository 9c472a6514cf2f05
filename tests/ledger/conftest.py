"""A small workspace for the ledger tests (测试市: 2 districts, 3 streets, 5 departments, 2 grids, one
inspection file), built once per session; each test gets its own empty ledger database."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import shutil
from pathlib import Path

import pytest

from cwassess.ledger.service import LedgerContext, RawProblem, open_context
from cwassess.ledger.store import LedgerStore
from cwassess.loading import load_workspace

TODAY = dt.date(2026, 11, 20)  # a Friday; ISO week 2026-W47 is 11-16 … 11-22

CITY = """\
name: 测试市
kind: city
population_wan: 120
legislative_power: true
assessment_date: "2027-06-30"
profiles: []
districts:
  - {name: 甲区, streets: [一街道, 二街道]}
  - {name: 乙区, streets: [三街道]}
departments:
  - {code: aiweiban, name: 测试市爱卫办, leader: 李副市长}
  - {code: chengguan, name: 测试市城管局, leader: 张副市长}
  - {code: shichang, name: 测试市市场监管局, leader: 王副市长}
  - {code: weijianwei, name: 测试市卫健委, leader: 李副市长}
  - {code: jikong, name: 测试市疾控中心}
"""

CONFIG = """\
verifiers: [aiweiban, weijianwei]
deadline_days: {严重: 3, 较重: 7, 一般: 15}
default_severity: 一般
rework_days: 5
classes:
  乱堆乱摆: {severity: 一般, duty: 属地}
  无三防: {severity: 较重, duty: 行业}
  直接入口食品场所有蝇: {severity: 严重, duty: 行业}
escalation: {red_days: 7, supervise_days: 15, red_times: 2, supervise_times: 3}
"""

GRIDS = """\
inspection_days: 7
grids:
  - {name: 一街道第1网格, district: 甲区, street: 一街道, leader: 李副市长, lead_unit: chengguan, members: [一街道, 城管局]}
  - {name: 三街道第1网格, district: 乙区, street: 三街道, leader: 王副市长, lead_unit: 市场监管局, members: [三街道]}
"""

INSPECTIONS = """\
department: aiweiban
inspections:
- id: mf-001
  kind: 模拟暗访
  site_type: 主次干道
  site: 人民路（一街道段）
  district: 甲区
  street: 一街道
  grid: 一街道第1网格
  date: '2026-11-02'
  problems:
  - {problem_class: 乱堆乱摆, description: 人行道堆放建材。, photo: photos/a.jpg}
- id: mf-002
  kind: 模拟暗访
  site_type: 小餐饮店
  site: 三街道老刘面馆
  district: 乙区
  street: 三街道
  date: '2026-11-05'
  problems:
  - {problem_class: 直接入口食品场所有蝇, description: 凉菜间发现成蝇2只。}
  - {problem_class: 无三防, description: 后厨无防蝇门帘。, photo: photos/missing.jpg}
- id: mf-003
  kind: 模拟暗访
  site_type: 公厕
  site: 二街道公厕
  district: 甲区
  street: 二街道
  date: '2026-11-06'
"""


def jpeg_bytes(shade: int = 128) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (shade, shade, shade)).save(buffer, "JPEG")
    return buffer.getvalue()


def build_workspace(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "city.yaml").write_text(CITY, encoding="utf-8")
    (root / "ledger" / "photos").mkdir(parents=True)
    (root / "ledger" / "config.yaml").write_text(CONFIG, encoding="utf-8")
    (root / "ledger" / "grids.yaml").write_text(GRIDS, encoding="utf-8")
    (root / "ledger" / "photos" / "before.jpg").write_bytes(jpeg_bytes(90))
    (root / "ledger" / "photos" / "after.jpg").write_bytes(jpeg_bytes(200))
    (root / "ledger" / "photos" / "not-a-photo.jpg").write_bytes(b"hello")
    (root / "inspections" / "photos").mkdir(parents=True)
    (root / "inspections" / "2026-q4.yaml").write_text(INSPECTIONS, encoding="utf-8")
    (root / "inspections" / "photos" / "a.jpg").write_bytes(jpeg_bytes(60))
    return root


@pytest.fixture(scope="session")
def built_workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = build_workspace(tmp_path_factory.mktemp("ledger") / "ws")
    load_workspace(root)  # warm the YAML cache
    return root


@pytest.fixture(scope="session")
def base_context(built_workspace: Path) -> LedgerContext:
    ws = load_workspace(built_workspace)
    assert ws.ok, [p.render() for p in ws.problems]
    ctx, problems = open_context(ws, TODAY)
    assert ctx is not None, [p.render() for p in problems]
    return ctx


@pytest.fixture
def ctx(base_context: LedgerContext, tmp_path: Path) -> LedgerContext:
    """The shared workspace with a fresh, empty ledger database of this test's own."""
    return dataclasses.replace(base_context, store=LedgerStore(tmp_path / "ledger.db"), today=TODAY)


@pytest.fixture
def cli_ws(built_workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the workspace at ./ws (cwd = tmp_path) for command-line tests; today is TODAY."""
    shutil.copytree(built_workspace, tmp_path / "ws")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CWASSESS_TODAY", TODAY.isoformat())
    return Path("ws")


def raw(**kw: object) -> RawProblem:
    """A valid manual problem, with any field overridden."""
    base: dict[str, object] = dict(
        source="网格巡查",
        found="2026-11-10",
        district="甲区",
        street="一街道",
        grid="一街道第1网格",
        address="人民路12号",
        site_type="背街小巷",
        problem_class="乱堆乱摆",
        description="门前堆放杂物。",
    )
    base.update(kw)
    return RawProblem(**base)  # type: ignore[arg-type]


def add(ctx: LedgerContext, **kw: object) -> str:
    data, errors = ctx.validate(raw(**kw), ctx.root)
    assert data is not None, errors
    events, errors = ctx.add([data])
    assert events, errors
    return events[0].subject


def db_bytes(ctx: LedgerContext) -> bytes | None:
    """The database's content as SQL (what is stored, independent of page layout), None when absent."""
    if not ctx.store.path.exists():
        return None
    import sqlite3

    conn = sqlite3.connect(ctx.store.path)
    try:
        return "\n".join(conn.iterdump()).encode("utf-8")
    finally:
        conn.close()
