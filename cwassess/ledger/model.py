"""The ledger's data: problems, events and grid logs (plain, fast dataclasses), and its two YAML files.

A `Problem` is never stored as such: it is the fold of its events (`machine.apply`). The store keeps that fold
beside the events as a projection so reads are fast, and `store.check` proves the two agree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields
from typing import Any, Literal

from pydantic import Field

from cwassess.models.common import Integer, ShortText, Slug, StrictModel, Text

# -- states and vocabulary ------------------------------------------------------------------------------------
PENDING, DOING, REVIEW, CLOSED = "待整改", "整改中", "待复核", "已销号"
STATES: tuple[str, ...] = (PENDING, DOING, REVIEW, CLOSED)
OPEN_STATES: tuple[str, ...] = (PENDING, DOING, REVIEW)
UNIT_STATES: tuple[str, ...] = (PENDING, DOING)  # the responsible unit holds the problem: a deadline runs

SOURCES: tuple[str, ...] = ("模拟暗访", "自查", "明查", "网格巡查", "暗访通报", "省级暗访通报", "国家暗访通报", "投诉", "手工录入")
DUTIES: tuple[str, ...] = ("属地", "行业")

# Event kinds, with the Chinese a person reads in a history.
CREATE, START, SUBMIT, VERIFY, REJECT, RECUR, ASSIGN = "create", "start", "submit", "verify", "reject", "recur", "assign"
GRID_LOG = "grid-log"
KIND_ZH: dict[str, str] = {
    CREATE: "登记",
    START: "开始整改",
    SUBMIT: "提交复核",
    VERIFY: "销号",
    REJECT: "退回",
    RECUR: "复发",
    ASSIGN: "改派",
    GRID_LOG: "网格巡查",
}
PROBLEM_KINDS: tuple[str, ...] = (CREATE, START, SUBMIT, VERIFY, REJECT, RECUR, ASSIGN)


def parse_day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


@dataclass(frozen=True, slots=True)
class Event:
    """One appended fact: who did what, when, with which evidence. Never changed once written."""

    seq: int  # 0 until stored
    subject: str  # a problem id, or a grid name for a grid log
    kind: str
    date: dt.date  # the day it happened (business date)
    unit: str | None  # who: the acting unit's code (a department code, a district or a street)
    person: str | None  # who, by name (经办人), when given
    recorded: str  # wall-clock time it was written, ISO 8601
    data: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "subject": self.subject,
            "kind": self.kind,
            "kind_zh": KIND_ZH.get(self.kind, self.kind),
            "date": self.date.isoformat(),
            "unit": self.unit,
            "person": self.person,
            "recorded": self.recorded,
            "data": self.data,
        }


@dataclass(frozen=True, slots=True)
class Problem:
    """A problem as its events made it (the projection)."""

    id: str
    source: str
    found: dt.date
    problem_class: str
    severity: str
    description: str
    unit: str
    deadline: dt.date
    state: str = PENDING
    district: str | None = None
    street: str | None = None
    grid: str | None = None
    address: str | None = None
    site_type: str | None = None
    items: tuple[str, ...] = ()
    photos: tuple[str, ...] = ()
    suggested_unit: str | None = None
    inspection_key: str | None = None  # department/inspection-id/problem-number (1-based) when synced
    origin: str | None = None  # a key that makes re-importing the same row a no-op
    recurs: str | None = None  # the closed problem this one is a recurrence of
    recurrences: tuple[str, ...] = ()  # later problems that are recurrences of this one
    created: dt.date | None = None  # the day it was registered
    started: dt.date | None = None
    submitted: dt.date | None = None
    closed: dt.date | None = None
    rectification: str | None = None  # the last submitted 整改情况
    after_photos: tuple[str, ...] = ()
    rejections: int = 0
    last_reason: str | None = None
    missed_deadlines: int = 0  # deadlines already missed (submitted late), not counting a running one
    events: int = 0
    last_seq: int = 0
    last_date: dt.date | None = None

    @property
    def is_open(self) -> bool:
        return self.state != CLOSED

    @property
    def place(self) -> str:
        """“东城区东湖街道 解放路58号” (district and street, then the address or else the grid)."""
        area = "".join(p for p in (self.district, self.street) if p)
        spot = self.address or self.grid or ""
        return f"{area} {spot}".strip()

    def to_json(self) -> dict[str, Any]:
        """Every field as JSON-able values (dates as YYYY-MM-DD, tuples as lists)."""
        out: dict[str, Any] = {}
        for key, value in asdict(self).items():
            if isinstance(value, dt.date):
                out[key] = value.isoformat()
            elif isinstance(value, tuple):
                out[key] = list(value)
            else:
                out[key] = value
        return out

    @classmethod
    def from_json(cls, data: object) -> Problem:
        """The inverse of `to_json`. Raises ValueError with a Chinese message when `data` is not a problem (a
        ledger.db edited by another program)."""
        why = shape_error(data, PROBLEM_FIELDS)
        if why:
            raise ValueError(why)
        assert isinstance(data, dict)
        if not _PROBLEM_KEYS.issuperset(data):
            raise ValueError(f"未知字段“{min(set(data) - _PROBLEM_KEYS)}”")
        kw = dict(data)
        for key in _PROBLEM_DAYS:
            kw[key] = parse_day(kw.get(key))
        for key in _PROBLEM_LISTS:
            kw[key] = tuple(kw.get(key) or ())
        return cls(**kw)


# -- the shape of stored JSON --------------------------------------------------------------------------------
# ledger.db may have been edited by another program: what is read back is checked against these shapes, so a
# damaged row is reported where it is instead of failing somewhere later.
TEXT, TEXT_OR_NONE, DAY, DAY_OR_NONE, TEXTS, COUNT = "text", "text?", "day", "day?", "texts", "count"
_SHAPE_OF_TYPE = {"str": TEXT, "str | None": TEXT_OR_NONE, "dt.date": DAY, "dt.date | None": DAY_OR_NONE, "tuple[str, ...]": TEXTS, "int": COUNT}
PROBLEM_FIELDS: dict[str, str] = {f.name: _SHAPE_OF_TYPE[str(f.type)] for f in fields(Problem)}
_PROBLEM_KEYS = frozenset(PROBLEM_FIELDS)
_PROBLEM_DAYS = tuple(k for k, v in PROBLEM_FIELDS.items() if v in (DAY, DAY_OR_NONE))
_PROBLEM_LISTS = tuple(k for k, v in PROBLEM_FIELDS.items() if v == TEXTS)
_NOTE = {"note": TEXT_OR_NONE}
EVENT_DATA: dict[str, dict[str, str]] = {
    CREATE: {
        "source": TEXT, "found": DAY, "problem_class": TEXT, "severity": TEXT, "description": TEXT, "unit": TEXT, "deadline": DAY,
        "items": TEXTS, "photos": TEXTS,
        **{k: TEXT_OR_NONE for k in ("district", "street", "grid", "address", "site_type", "suggested_unit", "inspection_key", "origin", "recurs")},
        **_NOTE,
    },
    START: _NOTE,
    SUBMIT: {"description": TEXT_OR_NONE, "photos": TEXTS, **_NOTE},
    VERIFY: _NOTE,
    REJECT: {"reason": TEXT_OR_NONE, "deadline": DAY_OR_NONE, **_NOTE},
    ASSIGN: {"unit": TEXT, "from": TEXT_OR_NONE, **_NOTE},
    RECUR: {"problem": TEXT, **_NOTE},
    GRID_LOG: {"inspector": TEXT_OR_NONE, "problems": TEXTS, **_NOTE},
}


def _is_day(value: object) -> bool:
    try:
        dt.date.fromisoformat(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False
    return True


def _is_text(value: object) -> bool:
    return isinstance(value, str)


def _is_texts(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(x, str) for x in value)


def _is_count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


_FITS: dict[str, Callable[[object], bool]] = {
    TEXT: _is_text, TEXT_OR_NONE: _is_text, DAY: _is_day, DAY_OR_NONE: _is_day, TEXTS: _is_texts, COUNT: _is_count,
}
_REQUIRED = (TEXT, DAY, COUNT)


def shape_error(data: object, shape: dict[str, str]) -> str | None:
    """Why `data` (decoded JSON) does not have `shape` (field → TEXT, DAY …), as a Chinese phrase; None when it does.
    A missing optional field is fine; fields not in `shape` are not looked at."""
    if not isinstance(data, dict):
        return "数据不是 JSON 对象"
    for key, kind in shape.items():
        value = data.get(key)
        if value is None:
            if kind in _REQUIRED:
                return f"缺少字段“{key}”"
        elif not _FITS[kind](value):
            return f"字段“{key}”的值无效"
    return None


@dataclass(frozen=True, slots=True)
class GridLog:
    grid: str
    date: dt.date
    inspector: str
    note: str | None
    seq: int
    problems: tuple[str, ...] = ()


# -- ledger/config.yaml ---------------------------------------------------------------------------------------
class ClassRule(StrictModel):
    severity: ShortText = Field(description="严重程度，须是 deadline_days 中的一个")
    duty: Literal["属地", "行业"] = Field(default="属地", description="属地：责任单位为问题所在街道（或区）；行业：为所涉条目的牵头部门")


class Escalation(StrictModel):
    red_days: Integer = Field(default=7, ge=1, le=365, description="逾期超过此天数：红色预警")
    supervise_days: Integer = Field(default=15, ge=1, le=365, description="逾期超过此天数：挂牌督办（报分管市领导）")
    red_times: Integer = Field(default=2, ge=2, le=20, description="第几次逾期起为红色预警（退回后再次逾期即为第 2 次）")
    supervise_times: Integer = Field(default=3, ge=2, le=20, description="第几次逾期起挂牌督办")


class LedgerConfig(StrictModel):
    """ledger/config.yaml"""

    verifiers: list[ShortText] = Field(default_factory=lambda: ["aiweiban"], min_length=1, description="可以复核、销号的单位（创卫办）")
    deadline_days: dict[ShortText, Integer] = Field(
        default_factory=lambda: {"严重": 3, "较重": 7, "一般": 15}, description="严重程度 → 默认整改期限（天，自发现日期起）"
    )
    default_severity: ShortText = "一般"
    default_duty: Literal["属地", "行业"] = "属地"
    classes: dict[ShortText, ClassRule] = Field(default_factory=dict, description="问题类别 → 严重程度与责任归属")
    rework_days: Integer = Field(default=5, ge=1, le=365, description="退回后重新整改的期限（天，自退回之日起；不早于原期限）")
    escalation: Escalation = Field(default_factory=Escalation)


# -- ledger/grids.yaml ----------------------------------------------------------------------------------------
class Grid(StrictModel):
    name: ShortText = Field(description="网格名称，与检查记录的 grid 一致，如 东湖街道第1网格")
    district: ShortText
    street: ShortText
    leader: ShortText = Field(description="包靠领导")
    lead_unit: ShortText = Field(description="包靠牵头单位（部门代码或名称）")
    members: list[ShortText] = Field(default_factory=list, description="包靠成员单位")
    area: Text | None = Field(default=None, description="网格范围")
    code: Slug | None = None


class GridsFile(StrictModel):
    """ledger/grids.yaml"""

    inspection_days: int = Field(default=7, ge=1, le=90, description="网格巡查周期（天）：超过此天数未巡查即标记")
    grids: list[Grid] = Field(default_factory=list)
