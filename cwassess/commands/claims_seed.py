"""cwassess claims seed: one claims file per department, filled from the standard's default lead/support."""

from __future__ import annotations

import typer

from cwassess.applicability import item_applies
from cwassess.commands.common import load_workspace_or_exit
from cwassess.console import make_console, print_json
from cwassess.loading import CLAIMS_DIR, display_path
from cwassess.models.claims import Claim, ClaimsFile
from cwassess.standard.model import item_label
from cwassess.workspace import schema_ref
from cwassess.yamlio import dump_yaml

HEADER = """# yaml-language-server: $schema={schema}
# {name}的认领：role 为 lead（牵头）或 support（配合）；可用 requirements / materials / indicators 只认领其中一部分，
# deadline 为达标时间（YYYY-MM-DD），contact 为责任人。修改后运行 cwassess claims status 检查。
"""


def seed(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help="输出一个 JSON 文档"),
) -> None:
    """按标准的默认牵头、配合部门，为名单中的每个部门生成认领文件；已有文件一律不改动。"""
    ws = load_workspace_or_exit(ctx, as_json, with_claims=False)
    std, city = ws.standard, ws.city
    roster = [entry.code for entry in city.departments]
    folder = ws.root / CLAIMS_DIR
    folder.mkdir(exist_ok=True)
    written, kept, orphan = [], [], []
    for code in roster:
        claims = []
        for item in std.items:
            if not item_applies(item, city):
                continue
            if item.lead == code:
                claims.append(Claim(item=item.id, role="lead"))
            elif code in item.support:
                claims.append(Claim(item=item.id, role="support"))
        if not claims:
            continue
        path = folder / f"{code}.yaml"
        if path.exists():
            kept.append(display_path(path))
            continue
        name = std.departments_by_code[code].name if code in std.departments_by_code else code
        data = ClaimsFile(department=code, claims=claims).model_dump(mode="json", exclude_defaults=True)
        data = {"department": code, **data}
        path.write_text(HEADER.format(schema=schema_ref(folder, "claims.schema.json"), name=name) + dump_yaml(data), encoding="utf-8")
        written.append(display_path(path))
    for item in std.items:
        if item_applies(item, city) and item.lead not in roster:
            orphan.append(f"{item_label(item.number)}{item.title}（默认牵头：{item.lead}）")
    if as_json:
        print_json({"written": written, "kept": kept, "lead_not_in_roster": orphan})
        return
    console = make_console()
    console.print(f"已生成 {len(written)} 个认领文件，{len(kept)} 个已存在未改动。", markup=False)
    for line in orphan:
        console.print(f"需手工认领：{line} 不在部门名单中", style="yellow", markup=False)
