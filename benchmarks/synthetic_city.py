"""A large, deterministic synthetic city workspace (合成市) for benchmarks.

    .venv/bin/python benchmarks/synthetic_city.py make DIR [--departments 60] [--documents 20000]
                                                        [--inspections 50000] [--values 5000] [--seed 1] [--force]
    .venv/bin/python benchmarks/synthetic_city.py check DIR     # runs `cwassess evidence check` on it

`make` writes a complete workspace into DIR:
  city.yaml             the roster: the standard's department catalogue plus custom codes (with names)
  claims/<dept>.yaml    every applicable item with exactly one lead; supports spread so every department claims something
  evidence/<dept>/      manifest.yaml (documents, indicator values; 疾控 also surveys and vector levels) and one small
                        real file per document record (a valid PDF of 1-3 KB, or a JPEG for photo materials)
  inspections/*.yaml    mock inspections (模拟暗访) by the 爱卫办, one file per month, problems on ~10% of the sites
  waivers.yaml          a few waivers, one of them expired
  .synthetic-city.json  the parameters and counts (benchmarks read it)

Same arguments give byte-identical files. Dates are chosen against today = 2026-11-29 (run cwassess with
CWASSESS_TODAY=2026-11-29) and the assessment date 2027-05-20, so no date lies in the future.
Importable: `make_city(root, Spec(...))` returns the counts.
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import hashlib
import json
import os
import random
import re
import shutil
import subprocess
import sys
from collections import defaultdict
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from cwassess.evidence.validity import YEARS, required_years, window  # noqa: E402
from cwassess.models.evidence import DOC_TYPES  # noqa: E402
from cwassess.standard.load import load_standard  # noqa: E402
from cwassess.standard.model import Standard  # noqa: E402
from cwassess.workspace import bundled_standard_dir  # noqa: E402

TODAY = dt.date(2026, 11, 29)
ASSESSMENT = dt.date(2027, 5, 20)
MARKER = ".synthetic-city.json"
CITY = "合成市"

# Departments a city adds to the catalogue (开发区管委会, 国企 …): code, name.
CUSTOM_DEPARTMENTS = [
    ("gaoxinqu", "合成市高新技术产业开发区管理委员会"),
    ("jingkaiqu", "合成市经济技术开发区管理委员会"),
    ("chengtou", "合成市城市建设投资集团有限公司"),
    ("gongjiao", "合成市公共交通集团有限公司"),
    ("shuiwujituan", "合成市水务集团有限公司"),
    ("huanwei", "合成市环境卫生管理处"),
    ("shizhengyuan", "合成市市政设施管理处"),
    ("jichang", "合成市机场管理有限公司"),
    ("daxuecheng", "合成市大学城管理委员会"),
    ("lvyouqu", "合成市风景名胜区管理委员会"),
    ("kouan", "合成市口岸管理办公室"),
    ("youzheng", "合成市邮政管理局"),
    ("dianli", "国网合成供电公司"),
    ("ranqi", "合成市燃气集团有限公司"),
    ("wuye", "合成市物业管理行业协会"),
    ("canyin", "合成市餐饮行业协会"),
    ("chaoshi", "合成市连锁经营协会"),
    ("yiyuanxiehui", "合成市医院协会"),
    ("jianzhuye", "合成市建筑业协会"),
    ("zhiyuanzhe", "合成市志愿服务联合会"),
]
DISTRICTS = {
    "东城区": ["东湖街道", "南门街道", "北关街道", "东园街道"],
    "西城区": ["西苑街道", "望江街道", "白塔街道", "金沙街道"],
    "南湖区": ["南湖街道", "长桥街道", "新塘街道", "柳浪街道"],
    "北山区": ["北山街道", "石门街道", "青龙街道", "凤凰街道"],
    "高新区": ["高新街道", "滨河街道", "科创街道", "双桥街道"],
}
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红娥建国文斌宇浩凯"
LEADERS = ["李副市长", "张副市长", "王副市长", "陈副市长", "刘副市长"]
INSPECTION_KINDS = ["模拟暗访", "自查", "明查", "暗访通报", "网格巡查"]
UNMAPPED_SITE_TYPES = ["宾馆", "加油站", "物流园"]  # not in the scoring profile's site-type map: counted nowhere
PLACE_WORDS = ["路", "街", "巷", "社区", "市场", "广场", "公园", "小区", "中心"]
SOURCES = ["统计年报", "部门年报", "监测报告", "业务系统", "抽样调查"]

# A 16x16 JPEG (305 bytes) made once with Pillow; each photo gets its own COM segment so files differ.
_JPEG = base64.b64decode(
    "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAA0JCgsKCA0LCgsODg0PEyAVExISEyccHhcgLikxMC4pLSwzOko+MzZGNywtQFdBRkxOUlNSMj5a"
    "YVpQYEpRUk//2wBDAQ4ODhMREyYVFSZPNS01T09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT0//wAAR"
    "CAAQABADASIAAhEBAxEB/8QAFgABAQEAAAAAAAAAAAAAAAAABAAF/8QAGxAAAAcBAAAAAAAAAAAAAAAAADI0cnSys+L/xAAUAQEAAAAAAAAAAAAA"
    "AAAAAAAD/8QAFBEBAAAAAAAAAAAAAAAAAAAAAP/aAAwDAQACEQMRAD8A2UEPDirSsEBoIeHFWlQb/9k="
)


@dataclass(frozen=True)
class Spec:
    departments: int = 60
    documents: int = 20_000
    inspections: int = 50_000
    values: int = 5_000
    seed: int = 1


# -- tiny real files ----------------------------------------------------------------------------------------------


def make_pdf(label: str, size: int, rng: random.Random) -> bytes:
    """A valid one-page PDF 1.4 (correct xref offsets) of about `size` bytes; padding is a content-stream comment."""
    text = f"BT /F1 9 Tf 12 60 Td ({label}) Tj ET\n".encode("ascii")
    pad_len = max(0, size - 620)
    pad = b"".join(b"% " + rng.randbytes(30).hex().encode("ascii") + b"\n" for _ in range(pad_len // 63 + 1))[:pad_len]
    stream = text + pad
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 240 120] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def make_jpeg(label: str, size: int, rng: random.Random) -> bytes:
    """The base JPEG with a COM segment right after SOI carrying the label and padding."""
    payload = label.encode("ascii") + b" " + rng.randbytes(max(0, (size - len(_JPEG) - len(label) - 8) // 2)).hex().encode("ascii")
    payload = payload[:65000]
    return _JPEG[:2] + b"\xff\xfe" + (len(payload) + 2).to_bytes(2, "big") + payload + _JPEG[2:]


# -- a small YAML writer (block style, as people write these files; strings quoted only when they must be) -------

_PLAIN = re.compile(r"^[A-Za-z\u3400-\u9fff（《“][A-Za-z0-9\-\u3400-\u9fff\u3000-\u303f\uff01-\uff5e（）《》“”·、]*$")
_RESERVED = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


def scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    text = str(value)
    if _PLAIN.match(text) and text.lower() not in _RESERVED:
        return text
    return json.dumps(text, ensure_ascii=False)


def _flow(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{scalar(k)}: {scalar(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(scalar(v) for v in value) + "]"
    return scalar(value)


def _is_flow(value: Any) -> bool:
    if isinstance(value, dict):
        return all(not isinstance(v, (dict, list)) for v in value.values()) and len(value) > 0 and all(
            re.fullmatch(r"\d{4}", str(k)) for k in value
        )
    if isinstance(value, list):
        return all(not isinstance(v, (dict, list)) for v in value)
    return True


def emit(value: Any, indent: int, out: list[str]) -> None:
    pad = " " * indent
    if isinstance(value, dict):
        for key, val in value.items():
            if val is None:
                continue
            if _is_flow(val):
                out.append(f"{pad}{key}: {_flow(val)}")
            elif isinstance(val, list):
                out.append(f"{pad}{key}:")
                emit(val, indent, out)
            else:
                out.append(f"{pad}{key}:")
                emit(val, indent + 2, out)
    else:
        for val in value:
            if isinstance(val, dict):
                sub: list[str] = []
                emit(val, indent + 2, sub)
                sub[0] = pad + "- " + sub[0][indent + 2 :]
                out.extend(sub)
            else:
                out.append(f"{pad}- {_flow(val)}")


def dump(data: dict[str, Any], header: str) -> str:
    out = [f"# {line}" for line in header.splitlines()]
    emit(data, 0, out)
    return "\n".join(out) + "\n"


# -- the city -----------------------------------------------------------------------------------------------------


class _City:
    def __init__(self, std: Standard, spec: Spec) -> None:
        self.std = std
        self.spec = spec
        self.rng = random.Random(spec.seed)
        self.scheme = std.profiles_by_id["scoring-default"].scoring
        self.items = [it for it in std.items if "city" in it.applies_to]
        self.dept_names: dict[str, str] = {}

    def person(self) -> str:
        return self.rng.choice(SURNAMES) + "".join(self.rng.choice(GIVEN) for _ in range(self.rng.choice((1, 2))))

    def date_text(self, day: dt.date) -> str:
        r = self.rng.random()
        if r < 0.80:
            return day.isoformat()
        if r < 0.95:
            return f"{day.year}年{day.month}月{day.day}日"
        return f"{day.year}.{day.month}.{day.day}"

    # roster and claims
    def roster(self) -> list[dict[str, Any]]:
        n = self.spec.departments
        catalogue = self.std.departments[:n]
        custom = list(CUSTOM_DEPARTMENTS)
        k = len(custom)
        while len(catalogue) + len(custom) < n:
            k += 1
            custom.append((f"xiezuo{k}", f"{CITY}第{k}协作单位"))
        rows = []
        for d in catalogue:
            name = d.name if d.name.startswith(("市", "中共", "各", "区")) else f"{CITY}{d.name}"
            rows.append({"code": d.code, "name": name})
        rows += [{"code": code, "name": name} for code, name in custom[: n - len(catalogue)]]
        for n_row, row in enumerate(rows):
            row.update(liaison=self.person(), phone=f"0571-8810 {n_row + 1:04d}", leader=LEADERS[n_row % len(LEADERS)])
            self.dept_names[row["code"]] = row["name"]
        return rows

    def claims(self, codes: list[str]) -> dict[str, list[dict[str, Any]]]:
        present = set(codes)
        by_dept: dict[str, list[dict[str, Any]]] = {c: [] for c in codes}
        for it in self.items:
            lead = it.lead if it.lead in present else codes[0]
            deadline = dt.date(2027, self.rng.randint(1, 4), self.rng.choice((15, 28)))
            by_dept[lead].append({"item": it.id, "role": "lead", "deadline": deadline.isoformat(), "contact": self.person()})
            for sup in it.support:
                if sup in present and sup != lead:
                    by_dept[sup].append({"item": it.id, "role": "support"})
        # Departments the standard leaves without a duty support two items each, so everyone submits something.
        spare = [c for c in codes if not by_dept[c]]
        for n, code in enumerate(spare):
            for it in (self.items[(n * 7) % len(self.items)], self.items[(n * 7 + 3) % len(self.items)]):
                by_dept[code].append({"item": it.id, "role": "support", "note": "合成数据：补充认领"})
        return by_dept

    # documents
    def documents(self, claims: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
        items = {it.id: it for it in self.items}
        pool, weights = [], []
        for dept, rows in claims.items():
            for row in rows:
                for mat in items[row["item"]].materials:
                    pool.append((dept, items[row["item"]], mat))
                    weights.append(3 if row["role"] == "lead" else 1)
        picks = self.rng.choices(pool, weights, k=self.spec.documents)
        counters: dict[str, int] = defaultdict(int)
        per_year_turn: dict[tuple[str, str], int] = defaultdict(int)
        out: dict[str, list[dict[str, Any]]] = defaultdict(list)
        n = 0
        for dept, item, mat in picks:
            if n >= self.spec.documents:
                break
            photo = "jpg" in mat.formats and self.rng.random() < 0.5 and self.spec.documents - n >= 2
            stages = ["整改前", "整改后"] if photo else [None]
            ids = []
            for _ in stages:
                counters[dept] += 1
                ids.append(f"d{counters[dept]:06d}")
            day = self._doc_date(mat, per_year_turn, (item.id, mat.id))
            place = self.rng.choice(list(DISTRICTS.values()))[0] + self.rng.choice(PLACE_WORDS) if photo else None
            for k, stage in enumerate(stages):
                doc_id = ids[k]
                types = [t for t in mat.doc_types if t in DOC_TYPES] or ["其他"]
                entry: dict[str, Any] = {
                    "id": doc_id,
                    "file": f"{item.id}/{doc_id}.{'jpg' if photo else 'pdf'}",
                    "title": f"{mat.title}（{day.year}年）" + (f"{stage}照片" if stage else ""),
                    "item": item.id,
                    "material": mat.id,
                    "type": "照片" if photo and "照片" in types else self.rng.choice(types),
                    "issuer": self.dept_names[dept],
                }
                if entry["type"] in {"公文", "规范性文件", "规章"}:
                    entry["doc_number"] = f"合{dept[:2]}发〔{day.year}〕{self.rng.randint(1, 120)}号"
                style = self.rng.random()
                if photo or style < 0.6:
                    entry["issued"] = self.date_text(day)
                elif style < 0.8:
                    entry["issued"] = self.date_text(day - dt.timedelta(days=self.rng.randint(0, 20)))
                    entry["effective"] = self.date_text(day)
                else:
                    entry["period"] = {"start": self.date_text(day - dt.timedelta(days=self.rng.randint(90, 364))), "end": self.date_text(day)}
                if photo:
                    entry.update(stage=stage, paired_with=ids[1 - k], place=place)
                out[dept].append(entry)
                n += 1
        return out

    def _doc_date(self, mat: Any, turn: dict[tuple[str, str], int], key: tuple[str, str]) -> dt.date:
        start, _ = window(mat, ASSESSMENT)
        latest = TODAY
        if start is None:
            start = TODAY - dt.timedelta(days=5 * 365)
        if self.rng.random() < 0.12:  # out of its window: counted as expired
            return start - dt.timedelta(days=self.rng.randint(30, 400))
        if mat.per_year and mat.period in YEARS:
            years = required_years(mat, ASSESSMENT)
            year = years[turn[key] % len(years)]
            turn[key] += 1
            lo = max(start, dt.date(year, 1, 1))
            hi = min(latest, dt.date(year, 12, 31))
            if lo <= hi:
                return lo + dt.timedelta(days=self.rng.randint(0, (hi - lo).days))
        return start + dt.timedelta(days=self.rng.randint(0, (latest - start).days))

    # indicator values
    def indicator_entries(self, codes: list[str]) -> dict[str, list[dict[str, Any]]]:
        inds = list(self.std.indicators)
        present = set(codes)
        shuffled = list(codes)
        self.rng.shuffle(shuffled)
        candidates: dict[str, list[str]] = {}
        for ind in inds:
            lead = self.std.items_by_id[ind.item].lead
            first = [c for c in [*ind.owner, lead] if c in present]
            candidates[ind.id] = list(dict.fromkeys([*first, *shuffled]))
        years = [TODAY.year - k for k in range(4, -1, -1)]  # 2022 … 2026
        out: dict[str, list[dict[str, Any]]] = defaultdict(list)
        left = self.spec.values
        k = 0
        while left > 0:
            ind = inds[k % len(inds)]
            dept = candidates[ind.id][(k // len(inds)) % len(candidates[ind.id])]
            span = years[-min(left, len(years)) :]
            values = {str(y): self._value(ind) for y in span}
            entry: dict[str, Any] = {"indicator": ind.id, "values": values, "source": self.rng.choice(SOURCES)}
            if self.rng.random() < 0.5:
                entry["unit"] = ind.unit
            out[dept].append(entry)
            left -= len(span)
            k += 1
        return out

    def _value(self, ind: Any) -> Any:
        rng = self.rng
        unit = ind.unit
        if unit == "级":
            return rng.choice(["A", "B", "B", "C", "C级", "02"])
        if unit == "有/无":
            return rng.choice(["有", "有", "是"])
        rule = ind.rule
        value: float
        if rule is not None and rule.type == "threshold" and rule.op in {">=", ">", "<=", "<"} and rule.value is not None:
            spread = max(abs(rule.value) * 0.06, 1.0)
            delta = rng.uniform(0, spread) if rng.random() < 0.8 else -rng.uniform(0.1, spread)
            value = rule.value + delta if rule.op in {">=", ">"} else rule.value - delta
        elif rule is not None and rule.type == "threshold" and rule.op == "range" and rule.min is not None and rule.max is not None:
            value = rng.uniform(rule.min, rule.max)
        else:
            value = {"%": rng.uniform(55, 99), "‰": rng.uniform(2, 8), "1/10万": rng.uniform(5, 250), "天": rng.uniform(290, 350),
                     "岁": rng.uniform(78, 82), "dB(A)": rng.uniform(50, 58), "µg/m³": rng.uniform(8, 70)}.get(unit, rng.uniform(1, 12))
        if unit == "%":
            value = min(max(value, 1.5), 100.0)
        value = max(value, 0.1)
        value = round(value, 1 if value >= 10 else 2)
        if unit == "%" and rng.random() < 0.33:
            return f"{value:g}%"
        return value

    # inspections
    def inspections(self) -> list[dict[str, Any]]:
        rng = self.rng
        mapped = list(self.scheme.site_types)
        site_types = mapped + UNMAPPED_SITE_TYPES
        weights = [4 if t in {"主次干道", "背街小巷", "农贸市场", "小餐饮店", "公厕"} else 1 for t in mapped] + [0.3] * len(UNMAPPED_SITE_TYPES)
        zero = set(self.scheme.zero_tolerance)
        classes = [c for c in self.scheme.deductions.site_problem if c not in zero]
        inspectors = [self.person() for _ in range(40)]
        streets = [(d, s) for d, ss in DISTRICTS.items() for s in ss]
        rows = []
        for _ in range(self.spec.inspections):
            day = TODAY - dt.timedelta(days=rng.randint(0, 364))
            site_type = rng.choices(site_types, weights)[0]
            district, street = rng.choice(streets)
            site = f"{street.removesuffix('街道')}{rng.choice(PLACE_WORDS)}{site_type}{rng.randint(1, 60)}号"
            entry: dict[str, Any] = {
                "id": "",
                "kind": rng.choice(INSPECTION_KINDS),
                "site_type": site_type,
                "site": site,
                "district": district,
                "street": street,
                "grid": f"{street}第{rng.randint(1, 30)}网格",
                "date": day,
                "inspector": rng.choice(inspectors),
            }
            if rng.random() < 0.03:
                entry["items"] = [rng.choice(self.items).id]
            if rng.random() < 0.10:
                problems = []
                for _ in range(rng.choices((1, 2, 3), (70, 25, 5))[0]):
                    cls = rng.choice(sorted(zero)) if zero and rng.random() < 0.002 else rng.choice(classes)
                    problems.append({"problem_class": cls, "description": f"{site}发现{cls}问题，已现场拍照并交办整改"})
                entry["problems"] = problems
            rows.append(entry)
        rows.sort(key=lambda e: e["date"])
        for n, entry in enumerate(rows, start=1):
            entry["id"] = f"i{n:06d}"
            for k, problem in enumerate(entry.get("problems", []), start=1):
                if rng.random() < 0.5:
                    problem["photo"] = f"photos/{entry['id']}-{k}.jpg"
        return rows


def make_city(root: Path, spec: Spec = Spec(), force: bool = False) -> dict[str, Any]:
    """Write the synthetic workspace into `root` (created; must be empty unless force) and return its counts."""
    root = root.resolve()
    if root.exists() and any(root.iterdir()):
        if not force and not (root / MARKER).is_file():
            raise SystemExit(f"{root} 不是空目录，也不是合成市工作区；加 --force 覆盖")
        for name in ("city.yaml", "claims", "evidence", "inspections", "waivers.yaml", "reports", ".cwassess", MARKER):
            target = root / name
            if target.is_dir():
                shutil.rmtree(target)
            elif target.exists():
                target.unlink()
    root.mkdir(parents=True, exist_ok=True)
    loaded = load_standard(bundled_standard_dir())
    if loaded.standard is None:
        raise SystemExit("标准无法加载")
    city = _City(loaded.standard, spec)
    header = f"合成数据（benchmarks/synthetic_city.py，seed {spec.seed}），仅用于性能测量。"

    roster = city.roster()
    codes = [r["code"] for r in roster]
    city_doc = {
        "name": CITY, "kind": "city", "population_wan": 126.5, "legislative_power": True, "port": False,
        "assessment_date": ASSESSMENT.isoformat(), "standard": "nhc-2021", "profiles": [],
        "districts": [{"name": d, "streets": s} for d, s in DISTRICTS.items()], "departments": roster,
    }
    (root / "city.yaml").write_text(dump(city_doc, header), encoding="utf-8")

    claims = city.claims(codes)
    (root / "claims").mkdir()
    for code in codes:
        (root / "claims" / f"{code}.yaml").write_text(dump({"department": code, "claims": claims[code]}, header), encoding="utf-8")

    documents = city.documents(claims)
    indicators = city.indicator_entries(codes)
    disk = 0
    file_count = 0
    for code in codes:
        folder = root / "evidence" / code
        folder.mkdir(parents=True)
        manifest: dict[str, Any] = {"department": code, "indicators": indicators.get(code, []), "documents": documents.get(code, [])}
        for entry in manifest["documents"]:
            path = folder / entry["file"]
            path.parent.mkdir(exist_ok=True)
            label = f"{code}/{entry['id']}"
            size = city.rng.randint(1024, 3072)
            data = make_jpeg(label, size, city.rng) if path.suffix == ".jpg" else make_pdf(label, size, city.rng)
            path.write_bytes(data)
            disk += len(data)
            file_count += 1
            if city.rng.random() < 0.5:
                entry["sha256"] = hashlib.sha256(data).hexdigest()
        if code == "jikong":
            manifest["surveys"] = [
                {"indicator": "satisfaction-rate", "year": 2026, "method": "入户问卷调查", "sample_size": 1200, "rate": "93.6%"},
                {"indicator": "health-literacy", "year": 2026, "method": "全国居民健康素养监测", "sample_size": 1500, "rate": 31.4},
            ]
            manifest["vectors"] = [{"pest": p, "year": y, "level": city.rng.choice("ABC")} for p in ("rat", "mosquito", "fly", "cockroach") for y in (2025, 2026)]
        manifest = {k: v for k, v in manifest.items() if v or k == "department"}
        (folder / "manifest.yaml").write_text(dump(manifest, header), encoding="utf-8")

    inspections = city.inspections()
    by_month: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for entry in inspections:
        by_month[f"{entry['date']:%Y-%m}"].append(entry)
        entry["date"] = city.date_text(entry["date"])
    (root / "inspections").mkdir()
    for month, rows in sorted(by_month.items()):
        (root / "inspections" / f"{month}.yaml").write_text(dump({"department": "aiweiban", "inspections": rows}, header + f"\n{month} 模拟暗访记录"), encoding="utf-8")

    waived = [(it, m) for it in city.items for m in it.materials][5::37][:4]
    waivers = [
        {"id": f"w{n + 1:03d}", "item": it.id, "material": m.id, "reason": f"本市无对应设施，{m.title}不适用（合成数据）",
         "approver": f"{CITY}爱卫办", "approved": "2026-03-01", "expires": "2026-06-30" if n == 0 else "2027-12-31"}
        for n, (it, m) in enumerate(waived)
    ]
    (root / "waivers.yaml").write_text(dump({"waivers": waivers}, header), encoding="utf-8")

    yaml_files = sorted(p for p in root.rglob("*.yaml"))
    counts = {
        "spec": asdict(spec),
        "today": TODAY.isoformat(),
        "departments": len(codes),
        "claims": sum(len(v) for v in claims.values()),
        "documents": sum(len(v) for v in documents.values()),
        "evidence_files": file_count,
        "evidence_bytes": disk,
        "indicator_entries": sum(len(v) for v in indicators.values()),
        "indicator_values": sum(len(e["values"]) for v in indicators.values() for e in v),
        "inspections": len(inspections),
        "inspections_with_problems": sum(1 for e in inspections if e.get("problems")),
        "site_problems": sum(len(e.get("problems", [])) for e in inspections),
        "inspection_files": len(by_month),
        "yaml_files": len(yaml_files),
        "yaml_bytes": sum(p.stat().st_size for p in yaml_files),
    }
    (root / MARKER).write_text(json.dumps(counts, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return counts


def cwassess_command() -> list[str]:
    script = Path(sys.executable).parent / "cwassess"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "cwassess"]


def check_city(root: Path) -> dict[str, Any]:
    """`cwassess evidence check --json` on the workspace (today pinned); returns its summary."""
    env = {**os.environ, "CWASSESS_TODAY": TODAY.isoformat(), "NO_COLOR": "1"}
    env.pop("CWASSESS_WORKSPACE", None)
    proc = subprocess.run([*cwassess_command(), "--workspace", str(root), "evidence", "check", "--json"], capture_output=True, env=env, check=False)
    try:
        report = json.loads(proc.stdout)
    except json.JSONDecodeError:
        raise SystemExit(f"evidence check 没有输出 JSON（退出码 {proc.returncode}）：{proc.stderr.decode()[-2000:]}") from None
    codes: dict[str, int] = defaultdict(int)
    for p in report.get("problems", []):
        codes[f"{p.get('severity', 'error')} {p['code']}"] += 1
    return {"exit": proc.returncode, "errors": report["errors"], "warnings": report["warnings"], "counts": report["counts"], "by_code": dict(codes)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    make = sub.add_parser("make", help="写出合成工作区")
    make.add_argument("dir", type=Path)
    for name, default in (("departments", 60), ("documents", 20_000), ("inspections", 50_000), ("values", 5_000), ("seed", 1)):
        make.add_argument(f"--{name}", type=int, default=default)
    make.add_argument("--force", action="store_true", help="覆盖非空目录中的工作区文件")
    make.add_argument("--check", action="store_true", help="写完后运行 cwassess evidence check")
    check = sub.add_parser("check", help="运行 cwassess evidence check")
    check.add_argument("dir", type=Path)
    args = parser.parse_args(argv)
    if args.command == "make":
        spec = Spec(args.departments, args.documents, args.inspections, args.values, args.seed)
        if spec.departments < 1 or min(spec.documents, spec.inspections, spec.values) < 0:
            parser.error("数量不能为负，部门至少 1 个")
        counts = make_city(args.dir, spec, force=args.force)
        print(json.dumps(counts, ensure_ascii=False, indent=1))
        if not args.check:
            return 0
    summary = check_city(args.dir.resolve())
    print(json.dumps(summary, ensure_ascii=False, indent=1))
    return 0 if summary["errors"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
