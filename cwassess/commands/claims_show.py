"""cwassess claims show DEPT: the page a department liaison reads."""

from __future__ import annotations

import typer

from cwassess.claims.duties import department_duties
from cwassess.commands.common import department_or_exit, load_workspace_or_exit
from cwassess.console import make_console, print_json
from cwassess.departments import display_name
from cwassess.models.claims import ROLE_ZH
from cwassess.workspace import today


def _days(n: int) -> str:
    return f"剩余 {n} 天" if n >= 0 else f"已逾期 {-n} 天"


def show(
    ctx: typer.Context,
    department: str = typer.Argument(..., help="部门代码或名称，如 chengguan、城管局", show_default=False),
    as_json: bool = typer.Option(False, "--json", help="输出一个 JSON 文档"),
) -> None:
    """一个部门的职责清单：认领的条目、检查要点、所需材料、指标和达标时间。"""
    ws = load_workspace_or_exit(ctx, as_json)
    code = department_or_exit(ws, department)
    name = display_name(code, ws.standard.departments_by_code, ws.city)
    claims = next((c for c in ws.claims if c.department == code), None)
    duties = department_duties(ws.standard, ws.city, claims, code, name, today())
    if as_json:
        print_json(duties.model_dump(mode="json"))
        return
    out = [
        f"{duties.name}（{code}）职责清单",
        f"联络员：{duties.liaison or '未填写'}  电话：{duties.phone or '未填写'}",
        f"评估日期：{duties.assessment_date}（{_days(duties.days_to_assessment)}）",
    ]
    if not duties.items:
        out.append("尚未认领任何条目。")
    for d in duties.items:
        deadline = f"达标时间：{d.deadline}（{_days(d.days_left)}）" + ("" if d.deadline_set else "，未单独设定，按评估日期")
        out += ["", f"{d.label}{d.title} ［{ROLE_ZH[d.role]}］  {deadline}"]
        if d.verified != "verbatim":
            out.append("  （条文未经原文核实）")
        if d.contact or d.leader:
            out.append(f"  责任人：{d.contact or '—'}  分管市领导：{d.leader or '—'}")
        for n, req in enumerate(d.requirements, start=1):
            out.append(f"  要点{n}：{req}")
        for m in d.materials:
            need = "必备" if m.mandatory else "可选"
            out.append(f"  材料：[{m.kind}] {m.title}（{m.period or '未定'}，{m.count}，{need}，{'/'.join(m.formats)}）")
        for i in d.indicators:
            origin = f"（{i.origin}）" if i.origin else ""
            out.append(f"  指标：{i.name}［{i.unit}］ {i.requirement}{origin}")
    make_console().print("\n".join(out), markup=False, soft_wrap=True)
