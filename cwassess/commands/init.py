"""cwassess init DIR: a new workspace for one city or county."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import typer

from cwassess.applicability import item_applies
from cwassess.commands.common import EXIT_INVALID, EXIT_USAGE
from cwassess.console import make_console
from cwassess.loading import CITY_FILE, WORKSPACE_DIRS
from cwassess.models.city import CityFile, RosterEntry
from cwassess.problems import Problem
from cwassess.standard.load import load_standard
from cwassess.textio import os_error_zh
from cwassess.workspace import bundled_standard_dir, schema_ref
from cwassess.yamlio import dump_yaml

HEADER = """# yaml-language-server: $schema={schema}
# 城市文件：名称、类型（city 国家卫生城市 / county 国家卫生县）、建成区常住人口（万人）、立法权、港口、评估日期、
# 区和街道、参与创卫的部门名单（联络员、电话、分管市领导）。修改后运行 cwassess claims status 检查。
"""


def default_roster(kind: str, legislative_power: bool, port: bool) -> list[RosterEntry]:
    """Every department that leads or supports an applicable item by default, in catalogue order."""
    result = load_standard(bundled_standard_dir())
    if result.standard is None:
        return []
    std = result.standard
    probe = CityFile(
        name="-", kind=kind, population_wan=1, legislative_power=legislative_power, port=port, assessment_date=dt.date.today()  # type: ignore[arg-type]
    )
    used = set()
    for item in std.items:
        if item_applies(item, probe):
            used.update([item.lead] if item.lead else [])
            used.update(item.support)
    return [RosterEntry(code=d.code) for d in std.departments if d.code in used]


def write_city_file(path: Path, city: CityFile, schema: str) -> None:
    data = city.model_dump(mode="json")
    # Roster entries show blanks to fill in (liaison, phone, leader), not defaults.
    data["departments"] = [
        {"code": e.code, "liaison": e.liaison, "phone": e.phone, "leader": e.leader} for e in city.departments
    ]
    path.write_text(HEADER.format(schema=schema) + dump_yaml(data), encoding="utf-8")


def init(
    directory: Path = typer.Argument(..., help="新工作区目录", show_default=False),
    city: str = typer.Option(..., "--city", help="城市（县）名称，如 示例市"),
    kind: str = typer.Option(..., "--kind", help="city 国家卫生城市 / county 国家卫生县"),
    population: float = typer.Option(..., "--population", help="建成区常住人口（万人）"),
    assessment_date: str = typer.Option(..., "--assessment-date", help="评估日期 YYYY-MM-DD"),
    legislative_power: bool = typer.Option(False, "--legislative-power", help="具有地方立法权"),
    port: bool = typer.Option(False, "--port", help="建有港口"),
) -> None:
    """创建工作区：城市文件（含部门名单）和认领、证据、检查、台账、报告等目录。"""
    console = make_console()
    err = make_console(stderr=True)
    if kind not in {"city", "county"}:
        err.print(f"--kind 只能是 city 或 county（实际：{kind}）", markup=False)
        raise typer.Exit(EXIT_USAGE)
    try:
        date = dt.date.fromisoformat(assessment_date)
    except ValueError:
        err.print(f"--assessment-date 应为 YYYY-MM-DD（实际：{assessment_date}）", markup=False)
        raise typer.Exit(EXIT_USAGE) from None
    if not 0 < population <= 10000:
        err.print(f"--population 应在 0–10000 万人之间（实际：{population:g}）", markup=False)
        raise typer.Exit(EXIT_USAGE)
    target = directory / CITY_FILE
    if target.exists():
        problem = Problem(code="init.exists", file=str(target), message="工作区已存在，未做任何改动")
        err.print(problem.render(), markup=False)
        raise typer.Exit(EXIT_INVALID)
    roster = default_roster(kind, legislative_power, port)
    city_file = CityFile(
        name=city,
        kind=kind,  # type: ignore[arg-type]
        population_wan=population,
        legislative_power=legislative_power,
        port=port,
        assessment_date=date,
        departments=roster,
    )
    try:
        directory.mkdir(parents=True, exist_ok=True)
        for name in WORKSPACE_DIRS:
            (directory / name).mkdir(exist_ok=True)
        write_city_file(target, city_file, schema_ref(directory, "city.schema.json"))
    except OSError as exc:
        err.print(f"无法创建工作区 {directory}：{os_error_zh(exc, '写入')}", markup=False)
        raise typer.Exit(EXIT_INVALID) from None
    console.print(f"已创建工作区 {directory}：{city}，{len(roster)} 个部门。", markup=False)
    console.print("下一步：在 city.yaml 中填写区、街道和各部门联络员，然后运行 cwassess claims seed。", markup=False)
