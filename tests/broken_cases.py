"""THE table of broken files: (fixture under tests/fixtures/broken/, file it replaces in the mini standard,
every problem that load_standard + lint_standard must report, rendered and sorted).

The mini standard is copied to ./mini (cwd = a temp folder), so every location reads mini/<file>:line:column.
A row whose expected list is empty is a file that must be ACCEPTED (e.g. GBK).
"""

from __future__ import annotations

from typing import NamedTuple


class Case(NamedTuple):
    fixture: str
    target: str
    expected: list[str]


_ALIAS = "不支持 YAML 锚点和别名（& 与 *），请直接写出内容"
_VERIFIED_NEEDS_SOURCE = "标为已核实（verbatim/secondary）的内容必须注明来源（source）"

# 9 levels of 9 aliases each: every alias is refused where its `*` is written, nothing is expanded.
_BOMB = [f"mini/sampling.yaml:{6 + level}:{13 + 7 * k}: 错误: {_ALIAS}" for level in range(1, 9) for k in range(9)]

BROKEN_CASES: list[Case] = [
    # --- YAML syntax ---------------------------------------------------------------------------------
    Case("01-syntax-unclosed-quote.yaml", "departments.yaml", [
        "mini/departments.yaml:6:1: 错误: 文件意外结束：引号或括号未闭合",
    ]),
    Case("02-syntax-bad-indentation.yaml", "sampling.yaml", [
        "mini/sampling.yaml:8:14: 错误: 冒号位置不对：同一行出现了多余的“键: 值”，或缩进有误；含冒号的文本请加引号",
    ]),
    Case("03-syntax-tab-indentation.yaml", "sampling.yaml", [
        "mini/sampling.yaml:7:1: 错误: YAML 不允许用制表符（Tab）缩进，请改用空格",
    ]),
    Case("04-duplicate-key.yaml", "departments.yaml", [
        "mini/departments.yaml:9:5: 错误: departments.2.name: 重复的键“name”（第一次出现在第 7 行）",
    ]),
    # --- schema: types, fields, literals, slugs ------------------------------------------------------------
    Case("05-wrong-type-string-for-int.yaml", "sampling.yaml", [
        "mini/sampling.yaml:4:34: 错误: tiers.1.min_wan: 应为数字（实际：五十）",
        "mini/sampling.yaml:9:15: 错误: rows.0.minimum.small: 应为整数（实际：十）",
    ]),
    Case("06-wrong-type-list-for-mapping.yaml", "standard.yaml", [
        "mini/standard.yaml:10:1: 错误: expected: 应为映射（“键: 值”）（实际：[2, 3, 3, 1]）",
    ]),
    Case("07-unknown-field-suggestion.yaml", "sections/b.yaml", [
        "mini/sections/b.yaml:11:5: 错误: items.0.titel: 未知字段“titel”，是否想写“title”？",
        "mini/sections/b.yaml:8:5: 错误: items.0.title: 缺少必填字段",
    ]),
    # BUG (validation.py _expected): pydantic's English " or " leaks into the Chinese message.
    Case("08-bad-literal-kind.yaml", "sections/b.yaml", [
        "mini/sections/b.yaml:26:9: 错误: items.0.materials.0.kind: 取值不在允许范围内（应为：文件、会议、台账、数据、影像 或 宣传；实际：视频）",
    ]),
    Case("09-missing-required-field.yaml", "departments.yaml", [
        "mini/departments.yaml:6:5: 错误: departments.2.name: 缺少必填字段",
    ]),
    Case("10-bad-slug-id.yaml", "departments.yaml", [
        "mini/departments.yaml:12:5: 错误: departments.3.code: 编号格式不符：只能使用小写字母、数字和连字符，且以字母开头（实际：Cai_Zheng）",
    ]),
    # --- items: ids and numbers -----------------------------------------------------------------------------
    Case("11-duplicate-item-id.yaml", "sections/b.yaml", [
        "mini/indicators.yaml:35:5: 错误: indicators.2.item: 未知条目“vector-control”",
        "mini/sections/a.yaml:39:5: 错误: items.1.id: 条目编号“org-resources”重复",
    ]),
    Case("12-duplicate-item-number.yaml", "sections/b.yaml", [
        "mini/sections/b.yaml:9:5: 错误: items.0.number: 条目序号 （二） 重复",
    ]),
    Case("13-number-gap.yaml", "sections/b.yaml", [
        "mini/standard.yaml:11:1: 错误: sections: 条目序号不连续（应为：连续编号；实际：缺少 （三）、（四））",
    ]),
    # --- dangling references --------------------------------------------------------------------------------
    Case("14-dangling-indicator-item.yaml", "indicators.yaml", [
        "mini/indicators.yaml:7:5: 错误: indicators.0.item: 未知条目“org-plna”，是否想写“org-plan”？",
    ]),
    Case("15-dangling-requirement-indicator.yaml", "sections/b.yaml", [
        "mini/sections/b.yaml:20:22: 错误: items.0.requirements.0.indicators.0: 未知指标“rodent-densty”，是否想写“rodent-density”？",
    ]),
    Case("16-dangling-material-requirement.yaml", "sections/b.yaml", [
        "mini/sections/b.yaml:28:9: 错误: items.0.materials.0.requirement: 未知检查要点“densty”，是否想写“density”？",
    ]),
    Case("17-dangling-veto-item.yaml", "profiles/p.yaml", [
        "mini/profiles/p.yaml:18:5: 错误: vetoes.0.item: 未知条目“org-plann”，是否想写“org-plan”？",
    ]),
    Case("18-dangling-veto-material.yaml", "profiles/p.yaml", [
        "mini/profiles/p.yaml:22:17: 错误: vetoes.0.materials.0: 未知材料“org-plan/plan-docs”，是否想写“org-plan/plan-doc”？",
    ]),
    Case("19-dangling-profile-threshold.yaml", "profiles/p.yaml", [
        "mini/profiles/p.yaml:8:3: 错误: thresholds.satisfaction: 未知指标“satisfaction”，是否想写“satisfaction-rate”？",
    ]),
    Case("20-dangling-plan-target.yaml", "indicators.yaml", [
        "mini/indicators.yaml:28:7: 错误: indicators.1.rule.plan: 未知指标“beds-targt”，是否想写“beds-target”？",
    ]),
    # --- departments, leads, evidence, periods -------------------------------------------------------------
    Case("21-unknown-department.yaml", "sections/b.yaml", [
        "mini/sections/b.yaml:15:5: 错误: items.0.lead: 未知部门“jikongg”，是否想写“jikong（疾控中心）”？",
    ]),
    Case("22-department-alias.yaml", "sections/b.yaml", [
        "mini/sections/b.yaml:15:5: 警告: items.0.lead: 请用部门代码“jikong”代替名称“疾病预防控制中心”",
    ]),
    Case("23-item-no-lead.yaml", "sections/b.yaml", [
        "mini/sections/b.yaml:8:5: 错误: items.0: 条目（三）没有牵头部门（lead）",
    ]),
    Case("24-veto-no-evidence.yaml", "profiles/p.yaml", [
        "mini/profiles/p.yaml:15:5: 错误: vetoes.0: 一票否决条件“未纳入发展规划”没有证据要求（indicators、materials 或 incidents 至少填一项）",
    ]),
    Case("25-material-no-period.yaml", "sections/b.yaml", [
        "mini/sections/b.yaml:24:9: 错误: items.0.materials.0: 材料“病媒生物密度监测报告”没有时间范围（period）（应为：现行有效、当年、近1年、近3年 或 近5年）",
    ]),
    # --- units ---------------------------------------------------------------------------------------------
    Case("26-unit-mismatch-rule.yaml", "indicators.yaml", [
        "mini/indicators.yaml:15:7: 错误: indicators.0.rule.unit: 规则单位与指标“群众对卫生状况满意率”的单位不一致（应为：%；实际：‰）",
    ]),
    Case("27-percent-threshold-over-100.yaml", "indicators.yaml", [
        "mini/indicators.yaml:14:7: 错误: indicators.0.rule.value: 百分比阈值应在 0–100 之间（95% 写作 95）（应为：0–100；实际：950）",
    ]),
    Case("28-level-rule-non-level-unit.yaml", "indicators.yaml", [
        "mini/indicators.yaml:12:7: 错误: indicators.0.rule.type: 等级规则只能用于单位为“级”的指标（应为：级；实际：%）",
    ]),
    # --- provenance -----------------------------------------------------------------------------------------
    Case("29-verbatim-without-source.yaml", "sections/b.yaml", [
        f"mini/sections/b.yaml:13:5: 错误: items.0.provenance: {_VERIFIED_NEEDS_SOURCE}",
    ]),
    # --- hostile or damaged files --------------------------------------------------------------------------
    Case("30-alias-bomb.yaml", "sampling.yaml", _BOMB),
    Case("31-custom-tag-python-object.yaml", "sampling.yaml", [
        "mini/sampling.yaml:2:8: 错误: tiers: 不支持自定义 YAML 标签（以 ! 开头），出于安全原因已拒绝（实际：tag:yaml.org,2002:python/object/apply:os.system）",
        "mini/sampling.yaml:5:16: 错误: rows.0.site_type: 不支持自定义 YAML 标签（以 ! 开头），出于安全原因已拒绝（实际：tag:yaml.org,2002:python/name:os.system）",
        "mini/sampling.yaml:6:15: 错误: rows.0.category: 不支持自定义 YAML 标签（以 ! 开头），出于安全原因已拒绝（实际：!custom）",
    ]),
    Case("32-gbk-encoded-accepted.yaml", "departments.yaml", []),
    Case("33-invalid-byte-sequence.yaml", "departments.yaml", [
        "mini/departments.yaml:5: 错误: 无法识别文件编码（应为：UTF-8 或 GBK；实际：无法解码的字节）",
    ]),
    Case("34-mixed-utf8-gbk.yaml", "departments.yaml", [
        "mini/departments.yaml:10: 错误: 文件混用了多种编码：部分行是 UTF-8，此行不是；请整体另存为 UTF-8",
    ]),
    Case("35-nul-byte.yaml", "sampling.yaml", [
        "mini/sampling.yaml:6: 错误: 文件含有 NUL 字节，不是文本文件（可能是二进制文件或 UTF-16 无 BOM）",
    ]),
    Case("36-empty-file.yaml", "sampling.yaml", [
        "mini/sampling.yaml: 错误: 文件为空",
    ]),
    Case("37-huge-float-inf.yaml", "indicators.yaml", [
        "mini/indicators.yaml:14:7: 错误: indicators.0.rule.value: 不能是 NaN 或无穷大（实际：inf）",
    ]),
    Case("38-huge-int-out-of-bound.yaml", "indicators.yaml", [
        "mini/indicators.yaml:24:5: 错误: indicators.1.series_years: 数值过大（应为：≤ 10；实际：1000000000000000000000000000000）",
    ]),
    Case("39-deep-nesting.yaml", "sampling.yaml", [
        "mini/sampling.yaml:2:72: 错误: tiers" + ".0" * 64 + ": 嵌套层级过深（超过 64 层）",
    ]),
    Case("40-multiple-documents.yaml", "departments.yaml", [
        "mini/departments.yaml:4:1: 错误: 一个文件只能包含一个 YAML 文档（不要使用“---”分隔多个文档）",
    ]),
    Case("41-counts-mismatch.yaml", "standard.yaml", [
        "mini/standard.yaml:10:25: 错误: expected.items: 条目数量与标准不符（应为：4；实际：3）",
        "mini/standard.yaml:10:50: 错误: expected.planning_targets: 规划目标数量与标准不符（应为：0；实际：1）",
    ]),
    Case("42-unknown-source.yaml", "sections/b.yaml", [
        "mini/sections/b.yaml:10:55: 错误: items.0.number_provenance.source.0: 未知来源“M3”",
    ]),
    # BUG (lint.py _provenances): a section's provenance is never checked, so verbatim-without-source passes.
    Case("43-section-provenance-without-source.yaml", "sections/b.yaml", [
        f"mini/sections/b.yaml:6:3: 错误: section.provenance: {_VERIFIED_NEEDS_SOURCE}",
    ]),
    # BUG (lint.py _indicators): a duplicate indicator number is reported on standard.yaml line 3, not where it is.
    Case("44-duplicate-indicator-number.yaml", "indicators.yaml", [
        "mini/indicators.yaml:32:5: 错误: indicators.2.number: 指标序号 2 重复",
    ]),
    # BUG (validation.py validate_document): a document that is just `null` is silently accepted -> lint passes.
    Case("45-null-document.yaml", "sampling.yaml", [
        "mini/sampling.yaml:1:1: 错误: 文件顶层应为映射（“键: 值”）（实际：None）",
    ]),
    # BUG (validation.py translate_errors): "实际" shows the whole rule mapping instead of the bad type value.
    Case("46-rule-type-typo.yaml", "indicators.yaml", [
        "mini/indicators.yaml:11:5: 错误: indicators.0.rule: type 取值无效（应为：threshold、trend、baseline、vs_plan、level、boolean、record；实际：thresold）",
    ]),
    # BUG (validation.py _model_fields_at): no "did you mean" inside a profile's thresholds (dict keys break the walk).
    Case("47-profile-threshold-unknown-field.yaml", "profiles/p.yaml", [
        "mini/profiles/p.yaml:11:5: 错误: thresholds.satisfaction-rate.vaule: 未知字段“vaule”，是否想写“value”？",
    ]),
    # BUG (yamlio.py _translate/parse_yaml_text): a control character (Word's vertical tab) is reported as
    # "tab indentation" ("unacceptable" contains "tab") and without line/column.
    Case("48-control-character.yaml", "sampling.yaml", [
        "mini/sampling.yaml:8:18: 错误: 文件含有不可见的控制字符",
    ]),
    # BUG (textio.py _has_utf8_multibyte_line): a pure GBK file is rejected as "mixed" when one line's GBK bytes
    # happen to be valid UTF-8 (GBK 医院 = D2BD D4BA).
    Case("49-gbk-line-valid-as-utf8.yaml", "departments.yaml", []),
]
