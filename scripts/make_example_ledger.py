#!/usr/bin/env python3
"""Regenerate the example city's rectification ledger (示例市整改台账，虚构数据).

    .venv/bin/python scripts/make_example_ledger.py

Writes, under the repository root (= the example workspace):
  ledger/ledger.db                        the ledger (SQLite), rebuilt from scratch
  ledger/photos/*.jpg                     problem and after-rectification photos (small generated JPEGs)
  ledger/imports/省爱卫办暗访通报-2026年第3期.csv   a provincial 暗访通报, imported like a city would

It drives the ledger's own APIs day by day over a simulated calendar (2026-09-07 … 2026-11-28), as the
创卫办 and the units would: the day after each mock inspection `ledger sync` registers its problems; grid
inspectors log their weekly rounds and register what they find; complaints come in; the provincial 通报 is
imported; units start, submit with after-photos; the 创卫办 verifies or rejects; one closed problem recurs.
Needs ledger/config.yaml and ledger/grids.yaml (committed) and the example evidence (inspections/).

Deterministic: a fixed calendar, a fixed clock for the `recorded` time of each event, no randomness.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cwassess.evidence.load import load_evidence  # noqa: E402
from cwassess.evidence.model import Evidence  # noqa: E402
from cwassess.ledger import importing  # noqa: E402
from cwassess.ledger.grids import log_inspection  # noqa: E402
from cwassess.ledger.model import REJECT, START, SUBMIT, VERIFY  # noqa: E402
from cwassess.ledger.service import LedgerContext, RawProblem, open_context  # noqa: E402
from cwassess.ledger.store import DB_FILE  # noqa: E402
from cwassess.ledger.sync import sync  # noqa: E402
from cwassess.loading import load_workspace  # noqa: E402

FIRST = dt.date(2026, 9, 7)
LAST = dt.date(2026, 11, 28)
LEDGER = ROOT / "ledger"
PHOTOS = LEDGER / "photos"
IMPORTS = LEDGER / "imports"
VERIFIER = "aiweiban"
STALE_GRID = "望江街道第2网格"  # its inspector stopped logging after 2026-11-16: flagged by `ledger grids`

# Lifecycles: (days after registration, action) — actions falling after LAST are simply not reached.
#   s start · u submit (after-photo) · v verify · r reject · o reopen (recurrence) · a assign
LIFECYCLES: dict[str, tuple[tuple[int, str], ...]] = {
    "fast": ((1, "s"), (3, "u"), (4, "v")),
    "late": ((2, "s"), (12, "u"), (14, "v")),
    "reject": ((1, "s"), (4, "u"), (5, "r"), (8, "u"), (9, "v")),
    "reject-open": ((1, "s"), (4, "u"), (6, "r")),
    "review": ((1, "s"), (5, "u")),
    "doing": ((2, "s"),),
    "todo": (),
    "recur": ((1, "s"), (3, "u"), (4, "v"), (18, "o")),
    "assign": ((1, "a"), (3, "s")),
}

# Problems synced from the mock inspections: lifecycle by inspection key (others get "doing").
SYNCED = {
    "aiweiban/mf-2026-042/1": "fast",
    "aiweiban/mf-2026-042/2": "reject",
    "aiweiban/mf-2026-047/1": "late",
    "aiweiban/mf-2026-023/1": "recur",
    "aiweiban/mf-2026-021/1": "doing",
    "aiweiban/mf-2026-053/1": "review",
    "aiweiban/mf-2026-034/1": "todo",
    "aiweiban/mf-2026-039/1": "reject-open",
}


@dataclass
class Manual:
    day: dt.date  # found and registered
    source: str
    grid: str | None
    street: str | None
    address: str
    site_type: str
    problem_class: str
    description: str
    life: str
    items: list[str] = field(default_factory=list)
    unit: str | None = None
    reporter: str | None = None  # the unit registering it (default 创卫办)


D = dt.date
MANUAL: list[Manual] = [
    Manual(D(2026, 9, 14), "网格巡查", "东湖街道第2网格", None, "解放路58号商铺门前", "背街小巷", "乱堆乱摆", "商铺门前人行道堆放纸箱、泡沫箱约5平方米。", "fast"),
    Manual(D(2026, 9, 16), "网格巡查", "南门街道第1网格", None, "人民路南门公厕", "公厕", "公厕保洁不到位", "男厕小便池尿垢明显，洗手台无洗手液，保洁记录未更新。", "late"),
    Manual(D(2026, 9, 22), "投诉", None, "西苑街道", "文化路23号小区东北角", "老旧小区", "卫生死角", "12345热线投诉：小区东北角堆积生活垃圾和建筑垃圾，夏季有异味。", "fast"),
    Manual(D(2026, 9, 25), "网格巡查", "北关街道第1网格", None, "北关新村3栋1单元楼道", "老旧小区", "乱堆乱摆", "楼道内堆放废旧家具、自行车，堵塞消防通道。", "reject"),
    Manual(D(2026, 9, 29), "自查", None, "西苑街道", "文化路小学食堂", "集体食堂", "无三防", "食堂后门未设防鼠板，纱窗破损。", "fast", reporter="jiaoyu"),
    Manual(D(2026, 10, 8), "网格巡查", "北关街道第2网格", None, "北关河北岸（北关桥至中山桥段）", "河道水面", "乱扔乱倒", "河面漂浮塑料袋、泡沫等垃圾，岸边有倾倒的建筑垃圾。", "fast"),
    Manual(D(2026, 10, 10), "投诉", None, "东湖街道", "东湖便民菜场北门", "农贸市场", "无证经营", "群众投诉：菜场北门外有流动摊贩占道销售熟食，无证经营。", "assign", unit="东湖街道"),
    Manual(D(2026, 10, 13), "网格巡查", "望江街道第2网格", None, "河西村12号院", "城中村", "积水", "院内废旧轮胎、盆罐积水，发现蚊幼。", "fast"),
    Manual(D(2026, 10, 15), "网格巡查", "西苑街道第2网格", None, "新华路小吃街“张记面馆”", "小餐饮店", "无三防", "后厨未设防蝇门帘，垃圾桶无盖。", "reject"),
    Manual(D(2026, 10, 20), "自查", None, "东湖街道", "市第一人民医院医疗废物暂存间", "医院", "医疗废物暂存不规范", "暂存间门未上锁，警示标识脱落，交接登记缺10月中旬记录。", "late", unit="weijianwei", reporter="weijianwei"),
    Manual(D(2026, 10, 22), "网格巡查", "高新街道第2网格", None, "高新公园东门广场", "公园绿地", "乱扔乱倒", "广场绿化带内烟头、饮料瓶较多，垃圾桶周边散落垃圾。", "fast"),
    Manual(D(2026, 10, 27), "网格巡查", "滨河街道第2网格", None, "滨河夜市“老李烧烤”", "小餐饮店", "无健康证明", "2名从业人员未能出示有效健康证明。", "review"),
    Manual(D(2026, 10, 29), "投诉", None, "滨河街道", "滨河路45号至61号", "背街小巷", "乱停乱放", "12345热线投诉：非机动车乱停放，占用盲道。", "doing"),
    Manual(D(2026, 11, 2), "网格巡查", "东湖街道第1网格", None, "东湖路18号小区垃圾分类投放点", "垃圾分类投放点", "垃圾满溢", "厨余垃圾桶满溢，投放点地面有污水，督导员不在岗。", "fast"),
    Manual(D(2026, 11, 4), "网格巡查", "望江街道第1网格", None, "望江路客运站候车大厅", "车站", "控烟标识缺失", "候车大厅及卫生间未张贴禁烟标识，发现1人吸烟无人劝阻。", "review"),
    Manual(D(2026, 11, 6), "投诉", None, "南门街道", "南门大街“悦足”足浴店", "小浴室", "无健康证明", "群众投诉：足浴店从业人员无健康证明上岗。", "todo"),
    Manual(D(2026, 11, 9), "网格巡查", "南门街道第2网格", None, "南门农贸市场禽类交易区", "农贸市场", "病媒孳生地", "禽类区排水沟积存污物，发现蝇类孳生。", "doing"),
    Manual(D(2026, 11, 12), "网格巡查", "高新街道第1网格", None, "东湖大道高新段公交站台", "主次干道", "乱贴乱画", "公交站台立柱和灯杆上小广告较多。", "fast"),
    Manual(D(2026, 11, 17), "自查", None, "北关街道", "北关社区健康教育宣传栏", "社区", "健康教育宣传栏未更新", "宣传栏内容仍为2025年春季传染病防治，未按季度更新。", "doing", items=["edu-network"], reporter="weijianwei"),
    Manual(D(2026, 11, 19), "网格巡查", "西苑街道第1网格", None, "文化路小学门口", "背街小巷", "乱停乱放", "校门口接送车辆乱停，占用人行道。", "todo"),
    Manual(D(2026, 11, 23), "投诉", None, "高新街道", "高新街道蓝湾小区3号门", "老旧小区", "卫生死角", "12345热线投诉：小区门口绿化带内堆积垃圾。", "todo"),
    Manual(D(2026, 11, 25), "网格巡查", "滨河街道第1网格", None, "滨河路二次供水泵房", "二次供水设施", "卫生死角", "泵房内堆放杂物，水箱检修口未上锁。", "todo"),
]

# The provincial 暗访通报, imported on IMPORT_DAY (as a CSV a city would type from the 通报's table).
IMPORT_DAY = D(2026, 10, 30)
IMPORT_FILE = IMPORTS / "省爱卫办暗访通报-2026年第3期.csv"
IMPORT_ROWS = [
    ("省级暗访通报", "2026-10-28", "东城区", "东湖街道", "", "解放路与东湖路交叉口", "主次干道", "env-roads", "乱堆乱摆", "路口东北角建筑垃圾堆放未清运。", "", "", ""),
    ("省级暗访通报", "2026-10-28", "东城区", "南门街道", "", "南门农贸市场", "农贸市场", "env-markets", "无三防", "熟食摊位未设防蝇罩。", "", "", ""),
    ("省级暗访通报", "2026-10-28", "西城区", "望江街道", "", "望江路公厕", "公厕", "env-toilets", "公厕保洁不到位", "公厕地面湿滑有积水，异味明显。", "", "", ""),
    ("省级暗访通报", "2026-10-29", "高新区", "高新街道", "", "高新路“好味来”快餐店", "小餐饮店", "food-small-businesses", "直接入口食品场所有蝇", "凉菜间内发现成蝇2只。", "", "", "严重"),
    ("省级暗访通报", "2026-10-29", "高新区", "滨河街道", "", "李家村村口", "城中村", "env-old-areas", "卫生死角", "村口空地堆积生活垃圾。", "", "", ""),
]
IMPORT_LIFE = ["fast", "late", "reject-open", "fast", "doing"]

# Grid inspectors' weekly rounds: weekday (0 = Monday) and inspector per grid.
INSPECTORS = {
    "东湖街道第1网格": (0, "网格员 李娜"),
    "东湖街道第2网格": (1, "网格员 王磊"),
    "南门街道第1网格": (2, "网格员 赵倩"),
    "南门街道第2网格": (3, "网格员 钱进"),
    "北关街道第1网格": (4, "网格员 孙丽"),
    "北关街道第2网格": (0, "网格员 周鹏"),
    "西苑街道第1网格": (1, "网格员 吴敏"),
    "西苑街道第2网格": (2, "网格员 郑涛"),
    "望江街道第1网格": (3, "网格员 冯雪"),
    "望江街道第2网格": (0, "网格员 陈晨"),
    "高新街道第1网格": (4, "网格员 褚亮"),
    "高新街道第2网格": (1, "网格员 卫红"),
    "滨河街道第1网格": (2, "网格员 蒋伟"),
    "滨河街道第2网格": (3, "网格员 沈洁"),
}
GRID_LOG_FROM = D(2026, 10, 12)
STALE_AFTER = D(2026, 11, 16)


def jpeg(path: Path, seed: int, after: bool) -> None:
    """A small deterministic picture: a grey street with a patch (before: red-brown clutter; after: clean)."""
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (160, 120), (200 - seed % 40, 205 - seed % 30, 210))
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, 80, 160, 120), fill=(120, 120, 125))
    if after:
        draw.rectangle((20 + seed % 50, 60, 90 + seed % 50, 80), fill=(90, 160, 90))
    else:
        for k in range(5):
            x = 10 + (seed * 7 + k * 29) % 130
            draw.rectangle((x, 62 + k * 3, x + 18, 80), fill=(150 + k * 10, 90, 60))
    buffer = io.BytesIO()
    img.save(buffer, "JPEG", quality=60)
    path.write_bytes(buffer.getvalue())


class Clock:
    """The `recorded` time of each event: the simulated day, minutes counting up from 09:00."""

    def __init__(self) -> None:
        self.day = FIRST
        self.n = 0

    def set(self, day: dt.date) -> None:
        self.day, self.n = day, 0

    def __call__(self) -> str:
        self.n += 1
        minutes = 9 * 60 + self.n
        return f"{self.day.isoformat()}T{minutes // 60:02d}:{minutes % 60:02d}:00+08:00"


def fail(message: str) -> None:
    sys.stderr.write(message + "\n")
    raise SystemExit(1)


def check(errors: list, what: str) -> None:
    bad = [e for e in errors if e.severity == "error"]
    if bad:
        fail(f"{what}: " + "; ".join(e.message for e in bad))


def main() -> None:
    for suffix in ("", "-wal", "-shm"):
        (LEDGER / f"{DB_FILE}{suffix}").unlink(missing_ok=True)
    PHOTOS.mkdir(parents=True, exist_ok=True)
    IMPORTS.mkdir(parents=True, exist_ok=True)
    for old in PHOTOS.glob("*.jpg"):
        old.unlink()
    ws = load_workspace(ROOT)
    if ws.city is None or ws.standard is None:
        fail("示例工作区无法加载")
    evidence, _ = load_evidence(ws, LAST)
    clock = Clock()
    ctx, problems = open_context(ws, FIRST, clock)
    if ctx is None:
        fail("ledger/config.yaml 或 ledger/grids.yaml 有错误：" + "; ".join(p.render() for p in problems))
    assert ctx is not None

    import csv

    with IMPORT_FILE.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["来源", "发现日期", "区", "街道", "网格", "地址", "点位类型", "条目", "问题类别", "问题描述", "照片", "责任单位", "严重程度"])
        writer.writerows(IMPORT_ROWS)

    plan: dict[dt.date, list[tuple[str, str]]] = {}  # day → [(problem id, action)]
    photo_no = 0

    def schedule(pid: str, registered: dt.date, life: str) -> None:
        for offset, action in LIFECYCLES[life]:
            plan.setdefault(registered + dt.timedelta(days=offset), []).append((pid, action))

    day = FIRST
    while day <= LAST:
        clock.set(day)
        ctx.today = day
        # 1. The day after a mock inspection, the 创卫办 syncs its problems.
        batch = Evidence(inspections=[i for i in evidence.inspections if i.date < day])
        result = sync(ctx, batch)
        for event in result.created:
            schedule(event.subject, day, SYNCED.get(event.data.get("inspection_key", ""), "doing"))
        # 2. Grid inspectors' weekly rounds.
        if day >= GRID_LOG_FROM:
            for grid, (weekday, inspector) in INSPECTORS.items():
                if day.weekday() == weekday and not (grid == STALE_GRID and day > STALE_AFTER):
                    _, errors = log_inspection(ctx, grid, day, inspector, "按周巡查，发现问题已登记台账" if day.day % 3 == 0 else "按周巡查，未发现新问题")
                    check(errors, f"grid-log {grid}")
        # 3. Problems registered by hand.
        for m in [m for m in MANUAL if m.day == day]:
            photo_no += 1
            photo = PHOTOS / f"before-{photo_no:02d}.jpg"
            jpeg(photo, photo_no, after=False)
            raw = RawProblem(
                source=m.source, found=m.day, grid=m.grid, street=m.street, address=m.address, site_type=m.site_type,
                items=m.items, problem_class=m.problem_class, description=m.description, photos=[str(photo)], unit=m.unit,
            )
            data, errors = ctx.validate(raw, ROOT)
            check(errors, f"add {m.address}")
            assert data is not None
            events, errors = ctx.add([data], m.reporter or VERIFIER)
            check(errors, f"add {m.address}")
            schedule(events[0].subject, day, m.life)
        # 4. The provincial 通报 is imported.
        if day == IMPORT_DAY:
            result_import = importing.prepare(ctx, IMPORT_FILE, str(IMPORT_FILE.relative_to(ROOT)))
            check(result_import.problems, "import")
            for event, life in zip(importing.apply(ctx, result_import, VERIFIER), IMPORT_LIFE):
                schedule(event.subject, day, life)
        # 5. Units and the 创卫办 work the problems.
        for pid, action in plan.get(day, []):
            act(ctx, pid, action, day, schedule)
        day += dt.timedelta(days=1)
    wrong = ctx.store.check()
    if wrong:
        fail("台账检查未通过：" + "; ".join(wrong))
    state = ctx.store.state()
    by_state: dict[str, int] = {}
    for p in state.problems.values():
        by_state[p.state] = by_state.get(p.state, 0) + 1
    print(f"{ctx.store.path.relative_to(ROOT)}: {len(state.problems)} 个问题、{state.events} 条事件；" + "，".join(f"{k} {v}" for k, v in by_state.items()))


def act(ctx: LedgerContext, pid: str, action: str, day: dt.date, schedule) -> None:  # type: ignore[no-untyped-def]
    p = ctx.store.problem(pid)
    assert p is not None
    n = int(pid.split("-")[1])
    if action == "s":
        _, errors = ctx.transition(START, pid, p.unit, date=day)
    elif action == "u":
        photo = PHOTOS / f"after-{n:04d}-{p.rejections + 1}.jpg"
        jpeg(photo, n, after=True)
        text = "已按要求整改：" + ("清理完毕并建立日常巡查制度" if p.rejections == 0 else "按复核意见补充整改，重新拍照")
        _, errors = ctx.transition(SUBMIT, pid, p.unit, date=day, description=text, photos=[str(photo)], photo_base=ROOT)
    elif action == "v":
        _, errors = ctx.transition(VERIFY, pid, VERIFIER, date=day, person="周建华")
    elif action == "r":
        _, errors = ctx.transition(REJECT, pid, VERIFIER, date=day, person="周建华", reason="整改后照片未反映全貌，现场复查仍有残留")
    elif action == "a":
        _, errors = ctx.transition("assign", pid, VERIFIER, date=day, unit="shichang", note="无证经营属市场监管职责，改派市场监管局")
    elif action == "o":
        events, errors = ctx.reopen(pid, VERIFIER, found=day, description="复查发现转运站外收集桶再次满溢，地面有渗滤液。")
        if events:
            schedule(events[0].subject, day, "todo")
    else:
        raise AssertionError(action)
    check(errors, f"{action} {pid}")


if __name__ == "__main__":
    main()
