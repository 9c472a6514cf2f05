#!/usr/bin/env python3
"""Writes docs/rules.md and the generated parts of docs/formats.md, so neither can drift from the code.

    .venv/bin/python docs/make_docs.py           # rewrite docs/rules.md and the generated regions of docs/formats.md
    .venv/bin/python docs/make_docs.py --check   # only compare; exit 1 when a file is out of date

- rules.md: every rule type of cwassess.rules.RULES with its four sections (DOC), and for indicator rules the
  fields of the rule, from the indicators schema.
- formats.md: the prose is written by hand; each region between
      <!-- generated: KIND KEY -->   and   <!-- end generated -->
  is replaced here. KIND is `fields` (a field table from schemas/*.json, which must equal the model's schema:
  a stale schemas/ stops the script), `example` (a short real example, cut from the example workspace = the
  repository root, validated against its model) or `columns` (the columns of a spreadsheet the tool reads).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DOCS = Path(__file__).resolve().parent
REPO = DOCS.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from pydantic import BaseModel  # noqa: E402

from cwassess.ledger.model import GridsFile, LedgerConfig  # noqa: E402
from cwassess.models.city import CityFile  # noqa: E402
from cwassess.models.claims import ClaimsFile  # noqa: E402
from cwassess.models.evidence import EvidenceManifest, InspectionFile, WaiverFile  # noqa: E402
from cwassess.models.overlay import OfficialOverlay  # noqa: E402
from cwassess.models.profile import ProfileFile  # noqa: E402
from cwassess.models.standard import DepartmentFile, IndicatorFile, SamplingFile, SectionFile, StandardFile  # noqa: E402
from cwassess.rules import INDICATOR_RULES, RULES  # noqa: E402
from cwassess.schemas import SCHEMAS  # noqa: E402
from cwassess.sheets import TableSpec  # noqa: E402
from cwassess.yamlio import dump_yaml, load_yaml  # noqa: E402

RULES_MD = DOCS / "rules.md"
FORMATS_MD = DOCS / "formats.md"
SCHEMA_DIR = REPO / "schemas"
STANDARD_DIR = REPO / "standards" / "nhc-2021"
REGENERATE = "请运行 `.venv/bin/python docs/make_docs.py` 重新生成"

# Schemas in schemas/ that describe what cwassess writes, not a file a person edits.
OUTPUT_SCHEMAS = frozenset({"score.schema.json"})
# Objects used by many files: their tables are written once, in the region `fields common`.
COMMON_DEFS = ("Provenance", "Applicability")
# Indicator rule objects: their tables are in rules.md.
RULE_DEFS = frozenset({"ThresholdRule", "TrendRule", "BaselineRule", "PlanRule", "LevelRule", "BooleanRule", "RecordRule"})
SLUG = "^[a-z][a-z0-9]*(-[a-z0-9]+)*$"

REGION = re.compile(r"(<!-- generated: (\w+) ([\w-]+) -->\n)(.*?)(<!-- end generated -->)", re.S)


class StaleSchema(RuntimeError):
    pass


# --------------------------------------------------------------------------------------------------------------
# The input files


@dataclass(frozen=True)
class InputFile:
    key: str
    model: type[BaseModel]
    example: Callable[[], list[tuple[str, Any]]]  # [(where it is cut from, data)]


def _load(path: Path) -> Any:
    doc = load_yaml(path, str(path.relative_to(REPO)))
    if doc.data is None or doc.problems and any(p.severity == "error" for p in doc.problems):
        raise RuntimeError(f"{path}: 无法读取示例：{[p.render() for p in doc.problems]}")
    return doc.data


def _rel(path: Path) -> str:
    return path.relative_to(REPO).as_posix()


def _pick(rows: list[dict[str, Any]], key: str, *values: str) -> list[dict[str, Any]]:
    found = [next(r for r in rows if r.get(key) == v) for v in values]
    return found


def ex_standard() -> list[tuple[str, Any]]:
    path = STANDARD_DIR / "standard.yaml"
    data = _load(path)
    data["sources"] = data["sources"][:2]
    return [(f"{_rel(path)}（节选：sources 只留前 2 项）", data)]


def ex_section() -> list[tuple[str, Any]]:
    path = STANDARD_DIR / "sections" / "3-city-environment.yaml"
    data = _load(path)
    data["items"] = _pick(data["items"], "id", "env-greening")
    return [(f"{_rel(path)}（节选：只留第（十二）条）", data)]


def ex_indicators() -> list[tuple[str, Any]]:
    path = STANDARD_DIR / "indicators.yaml"
    data = _load(path)
    rows = _pick(data["indicators"], "id", "green-coverage-rate", "rat-density")
    rows[1] = dict(rows[1], sub_indicators=rows[1]["sub_indicators"][:1])
    return [(f"{_rel(path)}（节选：两项指标，分项只留 1 项）", {"indicators": rows})]


def ex_departments() -> list[tuple[str, Any]]:
    path = STANDARD_DIR / "departments.yaml"
    data = _load(path)
    return [(f"{_rel(path)}（节选）", {"departments": data["departments"][:3]})]


def ex_sampling() -> list[tuple[str, Any]]:
    path = STANDARD_DIR / "sampling.yaml"
    data = _load(path)
    data["rows"] = _pick(data["rows"], "site_type", "总计", "主次干道")
    return [(f"{_rel(path)}（节选：两行）", data)]


def ex_profile() -> list[tuple[str, Any]]:
    province = REPO / "profiles" / "example-province.yaml"
    default = STANDARD_DIR / "profiles" / "scoring-default.yaml"
    scoring = _load(default)
    s = scoring["scoring"]
    s["deductions"]["site_problem"] = dict(list(s["deductions"]["site_problem"].items())[:3])
    s["site_types"] = dict(list(s["site_types"].items())[:3])
    return [
        (f"{_rel(province)}（全文）", _load(province)),
        (f"{_rel(default)}（节选：site_problem 与 site_types 各留 3 项）", scoring),
    ]


def ex_city() -> list[tuple[str, Any]]:
    path = REPO / "city.yaml"
    data = _load(path)
    data["districts"] = data["districts"][:1]
    data["departments"] = data["departments"][:3]
    return [(f"{_rel(path)}（节选：区和部门各留前几项）", data)]


def ex_claims() -> list[tuple[str, Any]]:
    path = REPO / "claims" / "chengguan.yaml"
    data = _load(path)
    data["claims"] = data["claims"][:3]
    return [(f"{_rel(path)}（节选）", data)]


def ex_evidence() -> list[tuple[str, Any]]:
    out = []
    path = REPO / "evidence" / "chengguan" / "manifest.yaml"
    data = _load(path)
    main = {
        "department": data["department"],
        "indicators": data["indicators"][3:4],
        "documents": [data["documents"][0], *_pick(data["documents"], "id", "env-roads-disorder-before")],
        "statements": data["statements"][:1],
    }
    out.append((f"{_rel(path)}（节选：指标、文件、自评说明）", main))
    for dept, key in (("jiedao", "inspections"), ("aiweiban", "surveys"), ("jikong", "vectors"), ("shengtai", "incidents")):
        path = REPO / "evidence" / dept / "manifest.yaml"
        data = _load(path)
        rows = data[key]
        if key == "vectors":
            rows = [next(v for v in rows if v.get("sub_indicators"))]
        out.append((f"{_rel(path)}（节选：{key}）", {"department": dept, key: rows[:1]}))
    return out


def ex_inspections() -> list[tuple[str, Any]]:
    path = REPO / "inspections" / "2026-模拟暗访.yaml"
    data = _load(path)
    with_problem = next(i for i in data["inspections"] if i.get("problems"))
    data["inspections"] = [data["inspections"][0], with_problem]
    return [(f"{_rel(path)}（节选：无问题和有问题的点位各一个）", data)]


def ex_waivers() -> list[tuple[str, Any]]:
    path = REPO / "waivers.yaml"
    return [(f"{_rel(path)}（全文）", _load(path))]


def ex_overlay() -> list[tuple[str, Any]]:
    """The example workspace has no overlay (no official file has been imported): a sketch with one item whose
    bundled text is already verbatim, so nothing here pretends to be official text it is not."""
    section = _load(STANDARD_DIR / "sections" / "1-organization.yaml")
    item = section["items"][0]
    text = item["text"]
    return [
        (
            "示意（示例市尚未导入官方文件；条文取自已原文核实的第（一）条，sha256 为示意值）",
            {
                "standard": "nhc-2021",
                "source": {"file": "全爱卫发〔2021〕6号.pdf", "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest()},
                "items": {item["id"]: {"number": item["number"], "text": text}},
            },
        )
    ]


def ex_ledger_config() -> list[tuple[str, Any]]:
    path = REPO / "ledger" / "config.yaml"
    data = _load(path)
    data["classes"] = dict(list(data["classes"].items())[:4])
    return [(f"{_rel(path)}（节选：classes 留 4 类）", data)]


def ex_grids() -> list[tuple[str, Any]]:
    path = REPO / "ledger" / "grids.yaml"
    data = _load(path)
    data["grids"] = data["grids"][:2]
    return [(f"{_rel(path)}（节选：两个网格）", data)]


FILES: dict[str, InputFile] = {
    f.key: f
    for f in (
        InputFile("standard", StandardFile, ex_standard),
        InputFile("section", SectionFile, ex_section),
        InputFile("indicators", IndicatorFile, ex_indicators),
        InputFile("departments", DepartmentFile, ex_departments),
        InputFile("sampling", SamplingFile, ex_sampling),
        InputFile("profile", ProfileFile, ex_profile),
        InputFile("city", CityFile, ex_city),
        InputFile("claims", ClaimsFile, ex_claims),
        InputFile("evidence", EvidenceManifest, ex_evidence),
        InputFile("inspections", InspectionFile, ex_inspections),
        InputFile("waivers", WaiverFile, ex_waivers),
        InputFile("official-text", OfficialOverlay, ex_overlay),
        InputFile("ledger-config", LedgerConfig, ex_ledger_config),
        InputFile("ledger-grids", GridsFile, ex_grids),
    )
}

# --------------------------------------------------------------------------------------------------------------
# Field tables from JSON Schema

# Chinese notes for fields whose model gives no description (the schema's own description wins when present).
NOTES: dict[str, dict[str, str]] = {
    "StandardFile": {
        "id": "标准版本编号，city.yaml 的 standard 引用它",
        "title": "标准名称",
        "document": "文号",
        "issuer": "发布机关",
        "provenance": "标准整体的来源与核实程度",
        "scope_text": "适用范围原文",
        "scope_provenance": "适用范围的来源与核实程度",
        "expected": "应有的数量，standard lint 据此核对",
        "indicators": "指标文件的相对路径",
        "departments": "部门目录文件的相对路径",
        "sampling": "抽查点位文件的相对路径",
        "profiles_dir": "自带配置所在目录",
        "sources": "来源清单，provenance.source 引用其中的 id",
    },
    "ExpectedCounts": {
        "sections": "方面数",
        "items": "条目数",
        "indicators": "指标数（不含规划目标）",
        "planning_targets": "区域规划目标数",
    },
    "Source": {"id": "来源编号，如 S1", "title": "来源说明", "url": "地址", "completeness": "读到的范围"},
    "SectionFile": {"section": "本方面的编号、序号和名称", "items": "本方面的条目，按序号排列"},
    "SectionInfo": {"id": "方面编号", "number": "方面序号（汉字）", "title": "方面名称", "provenance": "名称的来源与核实程度"},
    "Item": {
        "id": "条目编号，全标准唯一、不复用",
        "number": "序号，1 即（一）",
        "number_provenance": "序号的来源与核实程度",
        "title": "条目简称",
        "text": "条文（自带文本；未核实的为重构文本）",
        "provenance": "条文的来源与核实程度",
        "applies_to": "适用于国家卫生城市（city）、国家卫生县（county）",
        "applies_when": "其他适用条件",
        "scope": "范围：建成区或辖区",
        "requirements": "检查要点",
        "materials": "所需材料",
    },
    "Requirement": {"id": "要点编号（条目内唯一）", "text": "要点内容", "provenance": "来源与核实程度", "applies_when": "适用条件"},
    "Material": {
        "id": "材料编号（条目内唯一）",
        "title": "材料名称",
        "kind": "材料类别，决定迎评资料盒中的分组",
        "count": "需要的份数（按年时为每年份数）",
        "mandatory": "是否必备；可选材料缺失不扣分",
        "formats": "可接受的文件格式",
        "issuer": "应由哪个单位出具",
        "applies_when": "适用条件（如只对有立法权的城市）",
        "provenance": "来源与核实程度",
    },
    "Indicator": {
        "id": "指标编号，全标准唯一",
        "name": "填报表中的名称",
        "provenance": "名称的来源与核实程度",
        "role": "indicator 指标；planning_target 区域规划目标（供 vs_plan 规则对照）",
        "item": "所属条目编号",
        "item_provenance": "归属条目的来源与核实程度",
        "unit": "单位；证据填报的 unit 须与之一致",
        "series_years": "需要填报的年数",
        "series_years_county": "国家卫生县需要填报的年数（不同时）",
        "applies_to": "适用于城市、县",
        "rule": "判定规则（见 rules.md）；为空即只填报",
        "sub_indicators": "病媒等级的分项指标",
    },
    "SubIndicator": {
        "id": "分项编号，证据 vectors.sub_indicators 的键",
        "name": "分项名称",
        "unit": "单位",
        "method": "监测方法",
        "op": "<= 越低越好；>= 越高越好",
        "provenance": "限值的来源与核实程度",
    },
    "Department": {
        "code": "部门代码：稳定、不复用，认领和证据目录都用它",
        "name": "标准名称（简称）",
        "aliases": "常见别名；导入表格时按别名识别部门",
        "category": "类别",
    },
    "SamplingFile": {"provenance": "来源与核实程度", "tiers": "人口规模分档", "rows": "各类点位的最少抽查数"},
    "PopulationTier": {"id": "档编号", "label": "档名称"},
    "SampleRow": {
        "id": "行编号",
        "site_type": "点位类型；评分方案 site_types 把它对应到条目",
        "category": "所属方面",
        "contents": "检查内容",
        "subtotal": "小计、合计行（不计入条目的最少点位）",
    },
    "ProfileFile": {
        "id": "配置编号；city.yaml 的 profiles 或 score --profile 引用它",
        "title": "配置名称",
        "description": "说明",
        "provenance": "整份配置的来源与核实程度",
        "vetoes": "一票否决条件",
        "scoring": "评分方案；只改写出的字段，对照表按键合并",
    },
    "Veto": {
        "id": "否决条件编号，disable_vetoes 引用它",
        "title": "名称",
        "text": "条件原文或转述",
        "item": "所属条目",
        "provenance": "来源与核实程度",
        "version": "版本：2014、2021、legacy、default",
        "incident_years": "事件的回溯年数（自评估日期往前）",
    },
    "ScoringScheme": {
        "scheme": "status 按状态给分（达标满分、基本达标一半）；deduction 扣分制（扣完为止）",
        "item_marks_override": "个别条目的满分：条目编号 → 分值",
        "deductions": "各类差距的扣分",
    },
    "Deductions": {"site_problem_default": "site_problem 中没有列出的问题类别，每个问题点扣分"},
    "CityFile": {
        "name": "城市（县）名称",
        "kind": "city 国家卫生城市；county 国家卫生县",
        "legislative_power": "是否具有地方立法权（决定需要法规还是规范性文件）",
        "port": "是否建有港口",
        "standard": "使用的标准版本",
        "districts": "区及其街道（台账按此识别属地单位）",
        "departments": "参与创卫的部门名单",
    },
    "District": {"name": "区名称"},
    "RosterEntry": {"phone": "联络员电话"},
    "ClaimsFile": {"department": "部门代码，须与文件名一致", "claims": "认领的条目"},
    "Claim": {"role": "lead 牵头；support 配合"},
    "EvidenceManifest": {
        "department": "部门代码，须与目录名一致",
        "indicators": "指标填报",
        "documents": "提交的文件",
        "inspections": "本部门的检查记录（如网格巡查）",
        "surveys": "调查（满意度、健康素养等）",
        "vectors": "病媒生物密度监测结果",
        "incidents": "须报告的事件（可触发一票否决）",
        "statements": "自评说明",
    },
    "DocumentEntry": {
        "title": "文件标题",
        "item": "所属条目编号",
        "material": "对应的材料编号（见 claims show 或证据模板）",
        "type": "文件类型；须是该材料允许的类型",
        "stage": "整改前后照片：整改前 或 整改后",
        "place": "照片拍摄地点",
    },
    "Period": {"start": "开始日期", "end": "结束日期"},
    "InspectionEntry": {
        "id": "检查编号（本文件内唯一）",
        "kind": "检查类别",
        "district": "区",
        "street": "街道",
        "grid": "网格（与 ledger/grids.yaml 的 name 一致）",
        "date": "检查日期",
        "inspector": "检查人或检查组",
        "problems": "发现的问题；没有问题就不写",
    },
    "ProblemFound": {"description": "问题描述", "photo": "问题照片，相对于本文件所在目录"},
    "SurveyEntry": {
        "indicator": "调查对应的指标编号",
        "year": "调查年份",
        "method": "调查方法",
        "sample_size": "样本量",
        "rate": "调查结果（百分比）",
    },
    "VectorEntry": {
        "pest": "rat 鼠、mosquito 蚊、fly 蝇、cockroach 蟑螂",
        "year": "年份",
        "level": "评估等级；不填时按分项指标推算",
        "report": "监测报告的文件编号",
    },
    "IncidentEntry": {"type": "事件类型，与否决条件 incidents 中的写法一致", "date": "发生日期", "description": "经过"},
    "Statement": {"item": "条目编号", "text": "自评说明"},
    "IndicatorEntry": {"indicator": "指标编号"},
    "WaiverFile": {"waivers": "豁免清单"},
    "Waiver": {
        "id": "豁免编号",
        "item": "豁免的条目；不写 material、indicator 时整条不适用",
        "reason": "理由",
        "approver": "批准人或批准单位",
        "approved": "批准日期；之前不生效",
        "expires": "到期日期；之后不生效",
    },
    "OfficialOverlay": {"standard": "标准版本编号", "source": "导入的官方文件", "items": "条目编号 → 官方序号和原文"},
    "OverlaySource": {"file": "官方文件名", "sha256": "官方文件的 SHA-256"},
    "OfficialItem": {"number": "官方序号", "text": "官方原文"},
    "LedgerConfig": {"default_severity": "问题类别未列出时的严重程度", "default_duty": "问题类别未列出时的责任归属", "escalation": "逾期升级"},
    "GridsFile": {"grids": "网格清单"},
    "Grid": {"district": "所在区", "street": "所在街道", "code": "网格编号（可选）"},
    "Provenance": {"note": "说明"},
    "Applicability": {
        "kind": "只适用于列出的类型（city 城市、county 县）",
        "legislative_power": "true 只适用于有立法权的地方；false 只适用于没有的",
        "port": "true 只适用于建有港口的城市；false 只适用于没有的",
    },
}

_RULE_COMMON = {"type": "规则类型", "provenance": "阈值的来源与核实程度"}
for _name, _notes in {
    "ThresholdRule": {"op": "比较方式；range 为区间，用 min、max", "value": "阈值（op 不是 range 时）", "min": "区间下限（含）", "max": "区间上限（含）"},
    "TrendRule": {"years": "连续年数"},
    "BaselineRule": {"op": "<= 不高于平均水平；>= 不低于"},
    "PlanRule": {},
    "LevelRule": {"pass_at": "达到此级或更好即达标"},
    "BooleanRule": {"expected": "true 应为“有”；false 应为“无”"},
    "RecordRule": {},
}.items():
    NOTES[_name] = {**_RULE_COMMON, **_notes}

# Added after a field's description: how people may write it.
DATE_HINT = "；可写 2026-03-05、2026年3月5日 或 2026.3.5"
EXTRA: dict[tuple[str, str], str] = {
    ("DocumentEntry", "issued"): DATE_HINT,
    ("DocumentEntry", "effective"): DATE_HINT,
    ("Period", "start"): DATE_HINT,
    ("Period", "end"): DATE_HINT,
    ("InspectionEntry", "date"): DATE_HINT,
    ("IncidentEntry", "date"): DATE_HINT,
    ("Waiver", "approved"): DATE_HINT,
    ("Waiver", "expires"): DATE_HINT,
    ("IndicatorEntry", "values"): "；百分比可写 96.5、96.5% 或 0.965，等级写 A–D，有/无 写“有”或“无”",
    ("SurveyEntry", "rate"): "；可写 93.6 或 93.6%",
}

# Where an object is written, when its heading needs a plain word.
TYPE_WORDS = {"integer": "整数", "number": "数值", "boolean": "true / false"}


def model_schema(model: type[BaseModel]) -> tuple[dict[str, Any], str | None]:
    """The model's schema (fields in declared order) and the schemas/ file it was checked against (or None)."""
    schema = model.model_json_schema()
    name = next((n for n, m in SCHEMAS.items() if m is model), None)
    if name is not None:
        path = SCHEMA_DIR / name
        if not path.is_file():
            raise StaleSchema(f"schemas/{name} 不存在：请运行 `python -m cwassess.schemas`")
        on_disk = json.loads(path.read_text(encoding="utf-8"))
        on_disk = {k: v for k, v in on_disk.items() if k not in {"$schema", "$id"}}
        if on_disk != json.loads(json.dumps(schema)):
            raise StaleSchema(f"schemas/{name} 与模型 {model.__name__} 不一致：请先运行 `python -m cwassess.schemas`")
    return schema, name


def _ref_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def _num(v: float | int) -> str:
    return f"{v:g}" if isinstance(v, float) else str(v)


def _range(s: dict[str, Any]) -> str:
    """Bounds worth telling a person (the ±1e9 guards against absurd numbers are not)."""
    s = {k: v for k, v in s.items() if not (isinstance(v, (int, float)) and abs(v) >= 1e9)}
    parts = []
    if "minimum" in s:
        parts.append(f"≥ {_num(s['minimum'])}")
    if "exclusiveMinimum" in s:
        parts.append(f"> {_num(s['exclusiveMinimum'])}")
    if "maximum" in s:
        parts.append(f"≤ {_num(s['maximum'])}")
    if "exclusiveMaximum" in s:
        parts.append(f"< {_num(s['exclusiveMaximum'])}")
    return f"（{'，'.join(parts)}）" if parts else ""


def _key_text(s: dict[str, Any]) -> str:
    names = s.get("propertyNames") or {}
    if "enum" in names:
        return "/".join(str(v) for v in names["enum"])
    if SLUG in (s.get("patternProperties") or {}):
        return "编号"
    return "名称"


def type_text(s: dict[str, Any]) -> str:
    """A field's type in plain Chinese."""
    if "$ref" in s:
        name = _ref_name(s["$ref"])
        if name in RULE_DEFS:
            return "规则对象（见 rules.md）"
        return f"对象 `{name}`"
    if "anyOf" in s:
        parts = [p for p in s["anyOf"] if p.get("type") != "null"]
        texts = list(dict.fromkeys(type_text(p) for p in parts))
        if "数值" in texts and "整数" in texts:  # float | int: one word
            texts.remove("整数")
        return " 或 ".join(texts)
    if "oneOf" in s:
        mapping = (s.get("discriminator") or {}).get("mapping")
        if mapping:
            return "规则对象，按 `type` 区分：" + "、".join(f"`{k}`" for k in mapping) + "（见 rules.md）"
        return " 或 ".join(dict.fromkeys(type_text(p) for p in s["oneOf"]))
    if s.get("$comment") == "date":  # cwassess.models.common: a date as people write it
        return "日期（2027-06-30、2027年6月30日等写法均可）"
    if "const" in s:
        return f"固定为 `{s['const']}`"
    if "enum" in s:
        return "取值：" + "、".join(f"`{v}`" for v in s["enum"])
    kind = s.get("type")
    if kind == "string":
        if s.get("format") == "date":
            return "日期 YYYY-MM-DD"
        pattern = s.get("pattern")
        if pattern == SLUG:
            return "编号（小写字母、数字、连字符）"
        if pattern == "^[0-9a-f]{64}$":
            return "SHA-256（64 位十六进制）"
        if pattern:
            return f"文本（格式 `{pattern}`）"
        return "短文本" if s.get("maxLength") == 200 else "文本"
    if kind in ("integer", "number"):
        return TYPE_WORDS[kind] + _range(s)
    if kind == "boolean":
        return TYPE_WORDS[kind]
    if kind == "array":
        text = "列表：" + type_text(s.get("items") or {})
        if s.get("minItems"):
            text += f"（至少 {s['minItems']} 项）"
        return text
    if kind == "object":
        value = s.get("additionalProperties")
        if not isinstance(value, dict):
            patterns = s.get("patternProperties") or {}
            value = next(iter(patterns.values()), None)
        if isinstance(value, dict):
            return f"映射：{_key_text(s)} → {type_text(value)}"
        return "映射"
    return "任意"


def _default_text(value: Any) -> str | None:
    if value is None or value == [] or value == {}:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(str(v) for v in value) + "]"
    if isinstance(value, dict):
        return None
    return _num(value) if isinstance(value, (int, float)) else str(value)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _refs(s: Any) -> list[str]:
    """Object names referenced anywhere inside a schema fragment, in order."""
    found: list[str] = []
    if isinstance(s, dict):
        if "$ref" in s:
            found.append(_ref_name(s["$ref"]))
        for key, value in s.items():
            if key != "discriminator":
                found += _refs(value)
    elif isinstance(s, list):
        for value in s:
            found += _refs(value)
    return found


def object_table(name: str, obj: dict[str, Any]) -> list[str]:
    required = set(obj.get("required", []))
    notes = NOTES.get(name, {})
    lines = ["| 字段 | 类型 | 必填 | 说明 |", "|---|---|---|---|"]
    for field, s in (obj.get("properties") or {}).items():
        need = "是" if field in required else "否"
        default = _default_text(s.get("default")) if field not in required else None
        if default is not None:
            need += f"（默认 `{default}`）"
        note = s.get("description") or notes.get(field, "")
        extra = EXTRA.get((name, field), "")
        note = note + extra if note else extra.lstrip("；")
        lines.append(f"| `{field}` | {_cell(type_text(s))} | {need} | {_cell(note)} |")
    return lines


def _order(schema: dict[str, Any], skip: frozenset[str]) -> list[str]:
    """Objects of a schema in the order they are first referenced, breadth first from the top."""
    defs = schema.get("$defs", {})
    order: list[str] = []
    queue = [n for n in _refs(schema.get("properties", {})) if n in defs]
    while queue:
        name = queue.pop(0)
        if name in order or name in skip:
            continue
        order.append(name)
        queue += [n for n in _refs(defs[name].get("properties", {})) if n in defs and n not in order]
    return order


def _used_in(schema: dict[str, Any], root: str, name: str) -> list[str]:
    places = []
    for field, s in schema.get("properties", {}).items():
        if name in _refs(s):
            places.append(f"`{root}.{field}`")
    for owner, obj in schema.get("$defs", {}).items():
        for field, s in (obj.get("properties") or {}).items():
            if name in _refs(s):
                places.append(f"`{owner}.{field}`")
    return places


def fields_region(key: str) -> str:
    if key == "common":
        return common_region()
    entry = FILES[key]
    schema, name = model_schema(entry.model)
    root = entry.model.__name__
    where = f"由 `schemas/{name}` 生成" if name else f"由模型 `{entry.model.__module__}.{root}` 生成；schemas/ 中暂无此文件的 JSON Schema"
    out = [f"字段（{where}）：", "", f"**`{root}`**（文件顶层）", ""]
    out += object_table(root, schema)
    skip = frozenset(COMMON_DEFS) | RULE_DEFS
    for obj_name in _order(schema, skip):
        places = "、".join(_used_in(schema, root, obj_name))
        out += ["", f"**`{obj_name}`**（用于 {places}）", ""]
        out += object_table(obj_name, schema["$defs"][obj_name])
    shared = [n for n in COMMON_DEFS if n in schema.get("$defs", {})]
    if shared:
        out += ["", "通用对象 " + "、".join(f"`{n}`" for n in shared) + " 见本文“通用对象”一节。"]
    return "\n".join(out) + "\n"


def common_region() -> str:
    """The shared objects (provenance, applicability), once, from the first schema that has them."""
    out: list[str] = []
    for obj_name in COMMON_DEFS:
        for entry in FILES.values():
            defs = model_schema(entry.model)[0].get("$defs", {})
            if obj_name in defs:
                out += [f"**`{obj_name}`**", ""] + object_table(obj_name, defs[obj_name]) + [""]
                break
    return "\n".join(out).rstrip("\n") + "\n"


def example_region(key: str) -> str:
    entry = FILES[key]
    out = []
    for where, data in entry.example():
        entry.model.model_validate(data)  # an example that does not validate is a bug here, not in the docs
        out += [f"摘自 {where}：", "", f"<!-- model: {entry.model.__module__}.{entry.model.__name__} -->", "```yaml", dump_yaml(data).rstrip("\n"), "```", ""]
    return "\n".join(out).rstrip("\n") + "\n"


# --------------------------------------------------------------------------------------------------------------
# Spreadsheet columns


def _spec(key: str) -> tuple[str, TableSpec]:
    if key == "evidence-indicators":
        from cwassess.evidence.template import INDICATOR_SHEET, INDICATOR_SPEC

        return INDICATOR_SHEET, INDICATOR_SPEC
    if key == "evidence-documents":
        from cwassess.evidence.template import DOCUMENT_SHEET, DOCUMENT_SPEC

        return DOCUMENT_SHEET, DOCUMENT_SPEC
    if key == "evidence-statements":
        from cwassess.evidence.template import STATEMENT_SHEET, STATEMENT_SPEC

        return STATEMENT_SHEET, STATEMENT_SPEC
    if key == "claims-table":
        from cwassess.claims.table import SPEC

        return "责任分解表", SPEC
    if key == "ledger-import":
        from cwassess.ledger.importing import SPEC as LEDGER_SPEC

        return "问题清单", LEDGER_SPEC
    raise KeyError(key)


COLUMN_NOTES: dict[str, dict[str, str]] = {
    "evidence-indicators": {
        "indicator": "指标编号（模板已填好，勿改）",
        "name": "指标名称（模板已填好）",
        "unit": "单位（仅供参考）",
        "requirement": "要求（仅供参考）",
        "year": "年份，如 2026；每行一个年份",
        "value": "数值：96.5、96.5% 或 0.965；等级写 A–D；有/无 写“有”或“无”",
        "source": "数据来源，如 统计年报",
    },
    "evidence-documents": {
        "id": "文件编号：本部门内唯一、不复用；空着时自动生成",
        "item": "条目编号",
        "item_title": "条目（仅供参考）",
        "material": "材料编号",
        "material_title": "材料名称（仅供参考）",
        "type": "文件类型（下拉选择）",
        "title": "文件标题",
        "file": "文件路径，相对于 evidence/<部门代码>/，如 files/2026/年度计划.pdf",
        "issuer": "发文单位",
        "doc_number": "文号",
        "issued": "发文日期：2026-03-05、2026年3月5日 或 2026.3.5",
        "effective": "生效日期；判断有效期以此为准",
        "period_start": "材料覆盖时间段的开始",
        "period_end": "材料覆盖时间段的结束",
    },
    "evidence-statements": {"item": "条目编号", "item_title": "条目（仅供参考）", "text": "自评说明：达标情况和指标数值"},
    "claims-table": {
        "number": "条目序号，如（十）、10、第十条",
        "section": "方面；合并单元格可以",
        "item": "条目内容；据此（或序号）识别条目",
        "text": "条文（仅供参考，导入时不读）",
        "leader": "分管市领导",
        "lead": "牵头部门：只能一个",
        "support": "配合（承办）部门：可多个，用顿号、逗号或换行分隔",
        "deadline": "达标时间",
        "contact": "责任人",
    },
    "ledger-import": {
        "source": "来源：模拟暗访、自查、明查、网格巡查、暗访通报、省级暗访通报、国家暗访通报、投诉、手工录入",
        "found": "发现日期",
        "district": "区（city.yaml 的 districts）",
        "street": "街道",
        "grid": "网格（ledger/grids.yaml）",
        "address": "地址或点位名称",
        "site_type": "点位类型，如 背街小巷",
        "items": "所涉条目：编号、名称或（十）；多个用顿号分隔",
        "problem_class": "问题类别，如 乱堆乱摆（决定严重程度和责任归属）",
        "description": "问题描述",
        "photos": "问题照片，路径相对于工作区",
        "unit": "责任单位；空着时按属地/行业推荐",
        "deadline": "整改期限；空着时按严重程度",
        "severity": "严重程度；空着时按问题类别",
    },
}


def columns_region(key: str) -> str:
    sheet, spec = _spec(key)
    required = {name for group in spec.required for name in group}
    groups = {name: group for group in spec.required for name in group}
    notes = COLUMN_NOTES.get(key, {})
    lines = [f"工作表“{sheet}”的列（由读取它的程序生成；表头也可用“也可写作”中的写法）：", "", "| 列 | 也可写作 | 必需 | 说明 |", "|---|---|---|---|"]
    for field in spec.fields:
        if field.name in required:
            group = groups[field.name]
            need = "是" if len(group) == 1 else "与" + "、".join(f"“{spec.by_name(n).label}”" for n in group if n != field.name) + "至少一列"
        else:
            need = "否"
        variants = "、".join(field.variants) or "—"
        lines.append(f"| {field.label} | {_cell(variants)} | {need} | {_cell(notes.get(field.name, ''))} |")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------------------------------------------
# rules.md

RULE_KIND: dict[str, str] = {
    "document_present": "每项材料一条：由引擎对每个条目的每项 `materials` 自动检查。",
    "material_set": "每个检查要点一条：要点下有材料（材料的 `requirement` 指向它）时自动检查。",
    "sampled_sites": "条目有 `on_site: true` 的要点时自动检查：近 `inspection_days` 天的检查记录，按评分方案 `site_types` 归入条目。",
    "survey_rate": "评分方案 `survey_min_sample` 中列出的指标，另加这一条检查。",
    "conditional": "条目、要点或材料写了 `applies_when` 时使用：不满足条件的判为“不适用”，不扣分。",
    "veto": "配置（profile）的 `vetoes` 中每个条件一条；`disable_vetoes` 可关闭。",
    "open_problems": "整改台账中每个未销号、涉及该条目的问题一条（已作为现场问题点扣过分的不重复扣），每个扣评分方案的 `open_problem` 分。",
}


def rules_md() -> str:
    indicators_schema, _ = model_schema(IndicatorFile)
    rule_field = indicators_schema["$defs"]["Indicator"]["properties"]["rule"]
    union = next(p for p in rule_field["anyOf"] if "oneOf" in p)
    by_type = {k: _ref_name(v) for k, v in union["discriminator"]["mapping"].items()}
    out = [
        "# 评分规则类型",
        "",
        "<!-- 本文件由 docs/make_docs.py 根据 cwassess.rules.RULES 生成，请勿手工修改；修改规则的 DOC 后运行 `.venv/bin/python docs/make_docs.py`。 -->",
        "",
        "模拟测评中的每一分都出自下列某一种规则。`cwassess score --explain 条目` 的每一行都写明“规则 …”，"
        "即下文的规则名。每种规则用四段说明自己：要求、为何、合格示例、整改建议（差距报告中也引用这些文字）。",
        "",
        "指标规则写在 `indicators.yaml` 每项指标的 `rule` 中，或写在配置（profile）的 `thresholds` 中按指标编号覆盖；"
        "其余规则由引擎按标准的结构自动应用。每种规则的通过与不通过用例在 `tests/golden/<规则名>/` 中。",
        "",
        "按“最近一年”判定的指标规则（阈值、对照规划、病媒等级、有/无、填报）只认近年的数据：最新数据的年份早于"
        "“今年减 `data_max_age_years`”（评分配置，默认 2）时，按未填报计（缺材料），原因写明最新年份和应补报的年份。",
        "",
        "| 规则 | 名称 | 类别 |",
        "|---|---|---|",
    ]
    for name, module in RULES.items():
        kind = "指标规则" if name in INDICATOR_RULES else "自动应用"
        out.append(f"| [`{name}`](#{name}) | {module.DOC.title} | {kind} |")
    for name, module in RULES.items():
        doc = module.DOC
        out += ["", f"## {name}", "", f"**{doc.title}**（`{name}`）", ""]
        if name in INDICATOR_RULES:
            out.append(f"用法：指标的 `rule` 或配置的 `thresholds` 中写 `type: {name}`。")
        else:
            out.append("用法：" + RULE_KIND.get(name, "由引擎自动应用。"))
        out += ["", f"- **要求**：{doc.requirement}", f"- **为何**：{doc.why}", f"- **合格示例**：{doc.example}", f"- **整改建议**：{doc.remedy}"]
        if name in by_type:
            obj = by_type[name]
            out += ["", f"字段（`{obj}`，由 `schemas/indicators.schema.json` 生成）：", ""]
            out += object_table(obj, indicators_schema["$defs"][obj])
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------------------------------------------


def region(kind: str, key: str) -> str:
    if kind == "fields":
        return fields_region(key)
    if kind == "example":
        return example_region(key)
    if kind == "columns":
        return columns_region(key)
    raise KeyError(f"未知的生成区域：{kind} {key}")


def fill_formats(text: str) -> str:
    """formats.md with every generated region rewritten."""
    return REGION.sub(lambda m: m.group(1) + "\n" + region(m.group(2), m.group(3)) + "\n" + m.group(5), text)


def regions(text: str) -> list[tuple[str, str]]:
    return [(m.group(2), m.group(3)) for m in REGION.finditer(text)]


def outputs() -> dict[Path, str]:
    return {RULES_MD: rules_md(), FORMATS_MD: fill_formats(FORMATS_MD.read_text(encoding="utf-8"))}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="生成 docs/rules.md 和 docs/formats.md 的生成部分")
    parser.add_argument("--check", action="store_true", help="只检查，不写入；过期时退出码为 1")
    args = parser.parse_args(argv)
    try:
        wanted = outputs()
    except StaleSchema as exc:
        print(exc, file=sys.stderr)
        return 1
    stale = [p for p, text in wanted.items() if not p.is_file() or p.read_text(encoding="utf-8") != text]
    if args.check:
        for path in stale:
            print(f"{path.relative_to(REPO)} 已过期：{REGENERATE}", file=sys.stderr)
        return 1 if stale else 0
    for path, text in wanted.items():
        if path in stale:
            path.write_text(text, encoding="utf-8")
            print(f"已写入 {path.relative_to(REPO)}")
    if not stale:
        print("docs/rules.md 和 docs/formats.md 已是最新")
    return 0


if __name__ == "__main__":
    sys.exit(main())
