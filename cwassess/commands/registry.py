"""Every command of `cwassess`, as plain data: where it lives and its one-line help.

Kept free of heavy imports, so `cwassess --help` can be answered from here alone and every other
command imports only the module it runs (see cwassess/cli.py).
"""

from __future__ import annotations

from dataclasses import dataclass

PROGRAM_HELP = "国家卫生城市（国家卫生县）自评工具：标准、认领、证据、模拟测评、报告、迎评资料、整改台账。"


@dataclass(frozen=True)
class Entry:
    module: str
    attr: str
    help: str


@dataclass(frozen=True)
class Group:
    help: str
    commands: dict[str, Entry]


def _c(module: str, attr: str, help_: str) -> Entry:
    return Entry(f"cwassess.commands.{module}", attr, help_)


TOP: dict[str, Entry | Group] = {
    "assess": _c("assess", "assess", "一条命令完成全部工作：检查 → 模拟测评 → 报告 → 迎评资料 → 整改周通报"),
    "init": _c("init", "init", "创建工作区：城市文件、部门名单和各类目录"),
    "standard": Group(
        "标准：检查、列出、查看、导入官方原文",
        {
            "lint": _c("standard_lint", "lint", "检查标准和配置文件，一次列出全部问题"),
            "list": _c("standard_list", "list_", "列出 7 个方面 45 条及核实情况"),
            "show": _c("standard_show", "show", "查看一条、一项指标或一个部门"),
            "import-official": _c("standard_import_official", "import_official", "导入官方文件，核对并覆盖条文"),
        },
    ),
    "claims": Group(
        "认领：生成、检查、查看部门职责、导入导出责任分解表",
        {
            "seed": _c("claims_seed", "seed", "按标准默认分工生成各部门认领文件"),
            "status": _c("claims_status", "status", "认领情况与问题（无人牵头、多头牵头等）"),
            "show": _c("claims_show", "show", "一个部门的职责清单"),
            "export": _c("claims_export", "export", "导出责任分解表（Excel）"),
            "import": _c("claims_import", "import_", "导入责任分解表（Excel/CSV）"),
        },
    ),
    "evidence": Group(
        "证据：检查、模板、导入",
        {
            "check": _c("evidence_check", "check", "检查全部证据文件和记录"),
            "template": _c("evidence_template", "template", "生成部门证据填报模板（Excel）"),
            "import": _c("evidence_import", "import_", "导入部门证据模板"),
        },
    ),
    "score": _c("score", "score", "模拟测评：得分、结论、差距、部门排名"),
    "report": _c("report", "report", "生成差距分析报告、材料缺口清单、部门责任清单"),
    "packet": _c("packet", "packet", "汇编迎评资料（每条一盒、总目录、合订本）"),
    "ledger": Group(
        "整改台账：登记、整改、复核销号、周通报、网格",
        {
            "sync": _c("ledger_sync", "sync", "把检查记录中的问题登记到台账"),
            "add": _c("ledger_add", "add", "手工登记问题"),
            "import": _c("ledger_import", "import_", "从 Excel/CSV 导入问题"),
            "list": _c("ledger_list", "list_", "列出问题"),
            "show": _c("ledger_show", "show", "查看一个问题及其全部历史"),
            "start": _c("ledger_start", "start", "开始整改"),
            "submit": _c("ledger_submit", "submit", "提交复核（附整改后照片和说明）"),
            "verify": _c("ledger_verify", "verify", "复核通过并销号（核验单位）"),
            "reject": _c("ledger_reject", "reject", "复核退回"),
            "assign": _c("ledger_assign", "assign", "改派责任单位"),
            "reopen": _c("ledger_reopen", "reopen", "问题复发：登记新问题并关联原问题"),
            "bulletin": _c("ledger_bulletin", "bulletin", "整改工作周通报"),
            "grids": _c("ledger_grids", "grids", "网格和每周巡查情况"),
            "grid-log": _c("ledger_grid_log", "grid_log", "登记网格巡查"),
            "check": _c("ledger_check", "check", "核对台账完整性"),
        },
    ),
}


def help_text(version: str) -> str:
    """`cwassess --help`, from this table alone."""
    width = max(len(name) for name in TOP) + 2
    lines = ["用法：cwassess [选项] 命令 [参数]…", "", PROGRAM_HELP, "", "选项："]
    lines += [
        "  -w, --workspace 目录   工作区目录（默认当前目录）",
        "  --debug                出错时显示完整调用栈",
        "  --version              显示版本",
        "  --install-completion   为当前 shell 安装命令补全",
        "  -h, --help             显示帮助",
        "",
        "命令：",
    ]
    for name, entry in TOP.items():
        lines.append(f"  {name.ljust(width)}{entry.help}")
    lines += ["", "每个命令都支持 --help 查看用法、--json 输出机器可读结果（大多数命令）。", f"cwassess {version}"]
    return "\n".join(lines) + "\n"
