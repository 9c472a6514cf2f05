"""THE table of hostile inputs: (input under tests/hostile/, reader, every problem it must produce, rendered and sorted).

tests/hostile/test_corpus.py runs every row; harness.py says what each reader does and where the input is put.
An empty `expected` means the input must be ACCEPTED without a single problem (e.g. a GBK or UTF-16 file).
A `cli:` reader's expected list is the exit code and the output lines of the real command.
`setup` makes what cannot be committed (symlinks, NFD names, sparse 21 MB files) inside the temp folder.
Notes starting with "regression" name a bug the row once caught: it pins the behaviour that replaced it.
"""

from __future__ import annotations

import os
import shutil
import unicodedata
from pathlib import Path
from typing import NamedTuple

from tests.hostile.harness import PDF, Setup, evidence_manifest_for


class Case(NamedTuple):
    input: str
    reader: str
    expected: list[str]
    target: str | None = None
    setup: Setup | None = None
    note: str = ""


# ----------------------------------------------------------------------------------------------- setups


def oversize(tmp: Path, ws: Path, placed: Path) -> None:
    """The placed file grows to 21 MB (sparse: no disk is used), over the 20 MB limit for text files."""
    os.truncate(placed, 21 * 1024 * 1024)


def _outside(tmp: Path) -> Path:
    folder = tmp / "outside"
    folder.mkdir(exist_ok=True)
    (folder / "secret.pdf").write_bytes(PDF)
    (folder / "secret.jpg").write_bytes(b"\xff\xd8\xff\xe0secret")
    return folder


def symlink_file_outside(tmp: Path, ws: Path, placed: Path) -> None:
    (ws / "evidence" / "aiweiban" / "secret.pdf").symlink_to(_outside(tmp) / "secret.pdf")


def symlink_dir_outside(tmp: Path, ws: Path, placed: Path) -> None:
    (ws / "evidence" / "aiweiban" / "shared").symlink_to(_outside(tmp), target_is_directory=True)


def name_with_spaces(tmp: Path, ws: Path, placed: Path) -> None:
    (ws / "evidence" / "aiweiban" / "会议 纪要 2026 (final).pdf").write_bytes(PDF)


def name_in_nfd(tmp: Path, ws: Path, placed: Path) -> None:
    """The file is saved with its name in NFD (as macOS writes it); the manifest writes NFC."""
    name = unicodedata.normalize("NFD", "会议纪要-Résumé.pdf")
    assert name != unicodedata.normalize("NFC", name)
    (ws / "evidence" / "aiweiban" / name).write_bytes(PDF)


def directory_named_pdf(tmp: Path, ws: Path, placed: Path) -> None:
    (ws / "evidence" / "aiweiban" / "folder.pdf").mkdir()


def named_in_the_manifest(tmp: Path, ws: Path, placed: Path) -> None:
    """For `cli:evidence check`: the placed file is the department's only document."""
    (ws / "evidence" / "aiweiban" / "manifest.yaml").write_text(evidence_manifest_for(placed.name), encoding="utf-8")


def named_with_a_page_limit(tmp: Path, ws: Path, placed: Path) -> None:
    named_in_the_manifest(tmp, ws, placed)
    with (ws / "city.yaml").open("a", encoding="utf-8") as fh:
        fh.write("limits: {pdf_pages: 500}\n")


def a_page_limit(tmp: Path, ws: Path, placed: Path) -> None:
    with (ws / "city.yaml").open("a", encoding="utf-8") as fh:
        fh.write("limits: {pdf_pages: 500}\n")


def symlink_section_outside(tmp: Path, mini: Path, placed: Path) -> None:
    outside = _outside(tmp) / "b.yaml"
    shutil.copyfile(mini / "sections" / "b.yaml", outside)
    (mini / "sections" / "outside.yaml").symlink_to(outside)


def ledger_photos(tmp: Path, ws: Path, placed: Path) -> None:
    """A text file named .jpg, and a .jpg that is a symlink to a picture outside the workspace."""
    (ws / "ledger" / "photos" / "fake.jpg").write_text("不是图片", encoding="utf-8")
    (ws / "ledger" / "photos" / "outside.jpg").symlink_to(_outside(tmp) / "secret.jpg")


# ----------------------------------------------------------------------------------------------- messages

ALIAS = "不支持 YAML 锚点和别名（& 与 *），请直接写出内容"
NINES = "9" * 4400  # a number too long for int() (Python refuses more than 4,300 digits)


def _bomb(file: str) -> list[str]:
    """The alias bomb: 9 lines of 9 aliases, each refused where its `*` is written; nothing is expanded."""
    return [f"{file}:{line}:{10 + 5 * k}: 错误: {ALIAS}" for line in range(16, 25) for k in range(9)]


CASES: list[Case] = [
    # --- YAML: syntax, duplicate keys, aliases, nesting, tags, encodings, BOMs, long lines, NUL --------------
    Case("yaml/y01-unclosed-quote.yaml", "city", [
        "ws/city.yaml:6:19: 错误: 缩进不一致，或列表项与键混用",
    ], note="syntax: a quote never closed"),
    Case("yaml/y02-tab-indent.yaml", "city", [
        "ws/city.yaml:10:1: 错误: YAML 不允许用制表符（Tab）缩进，请改用空格",
    ], note="syntax: a tab used for indentation"),
    Case("yaml/y03-duplicate-key.yaml", "city", [
        "ws/city.yaml:15:1: 错误: name: 重复的键“name”（第一次出现在第 1 行）",
    ], note="duplicate top-level key"),
    Case("yaml/y04-duplicate-key-nested.yaml", "claims", [
        "ws/claims/aiweiban.yaml:3:36: 错误: claims.0.role: 重复的键“role”（第一次出现在第 3 行）",
    ], note="duplicate key inside a flow mapping"),
    Case("yaml/y05-billion-laughs.yaml", "city", _bomb("ws/city.yaml"), note="alias bomb: every alias refused where written, nothing expanded"),
    Case("yaml/y06-merge-key-alias.yaml", "profile", [
        "ws/profiles/local.yaml:5:5: 错误: 不支持 YAML 锚点和别名（& 与 *），请直接写出内容",
    ], note="merge key << with an alias"),
    Case("yaml/y07-anchor-without-alias.yaml", "city", [], note="an anchor nobody refers to is harmless: accepted"),
    Case("yaml/y08-deep-flow.yaml", "city", [
        "ws/city.yaml:15:1007: 错误: 嵌套层级过深",
    ], note="10,000 nested flow lists"),
    Case("yaml/y09-deep-block.yaml", "manifest", [
        "ws/evidence/aiweiban/manifest.yaml:67:131: 错误: statements.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0: 嵌套层级过深（超过 64 层）",
    ], note="100 nested block lists"),
    Case("yaml/y10-python-object-apply.yaml", "city", [
        "ws/city.yaml:1:7: 错误: name: 不支持自定义 YAML 标签（以 ! 开头），出于安全原因已拒绝（实际：tag:yaml.org,2002:python/object/apply:os.system）",
    ], note="!!python/object/apply would run a command in an unsafe loader"),
    Case("yaml/y11-python-name.yaml", "claims", [
        "ws/claims/aiweiban.yaml:1:13: 错误: department: 不支持自定义 YAML 标签（以 ! 开头），出于安全原因已拒绝（实际：tag:yaml.org,2002:python/name:os.system）",
    ], note="!!python/name"),
    Case("yaml/y12-tag-directive.yaml", "manifest", [
        "ws/evidence/aiweiban/manifest.yaml:6:11: 错误: statements.0.text: 不支持自定义 YAML 标签（以 ! 开头），出于安全原因已拒绝（实际：tag:yaml.org,2002:python/object/apply:os.system）",
    ], note="%TAG directive making a short python tag"),
    Case("yaml/y13-binary-tag.yaml", "city", [
        "ws/city.yaml:1:7: 错误: name: 不支持自定义 YAML 标签（以 ! 开头），出于安全原因已拒绝（实际：tag:yaml.org,2002:binary）",
    ], note="!!binary"),
    Case("yaml/y14-include-tag.yaml", "profile", [
        "ws/profiles/local.yaml:2:8: 错误: title: 不支持自定义 YAML 标签（以 ! 开头），出于安全原因已拒绝（实际：!include）",
    ], note="!include of a file outside the workspace"),
    Case("yaml/y15-latin1.yaml", "city", [
        "ws/city.yaml:1: 错误: 无法识别文件编码（应为：UTF-8 或 GBK；实际：无法解码的字节）",
    ], note="Latin-1: neither UTF-8 nor GBK"),
    Case("yaml/y16-gbk.yaml", "city", [], note="GBK (WPS/Notepad on Chinese Windows): accepted"),
    Case("yaml/y17-mixed-utf8-gbk.yaml", "claims", [
        "ws/claims/aiweiban.yaml:4: 错误: 文件混用了多种编码：部分行是 UTF-8，此行不是；请整体另存为 UTF-8",
    ], note="UTF-8 file with one GBK line"),
    Case("yaml/y18-utf8-bom.yaml", "city", [], note="UTF-8 with BOM: accepted"),
    Case("yaml/y19-utf16le-bom.yaml", "claims", [], note="UTF-16 LE with BOM: accepted"),
    Case("yaml/y20-utf16be-bom.yaml", "manifest", [], note="UTF-16 BE with BOM: accepted"),
    Case("yaml/y21-utf16-no-bom.yaml", "city", [
        "ws/city.yaml:1: 错误: 文件含有 NUL 字节，不是文本文件（可能是二进制文件或 UTF-16 无 BOM）",
    ], note="UTF-16 without BOM: NUL bytes"),
    Case("yaml/y22-nul-byte.yaml", "manifest", [
        "ws/evidence/aiweiban/manifest.yaml:3: 错误: 文件含有 NUL 字节，不是文本文件（可能是二进制文件或 UTF-16 无 BOM）",
    ], note="a NUL byte in a value"),
    Case("yaml/y23-long-line.yaml", "city", [
        "ws/city.yaml:1:1: 错误: name: 文本过长（应为：最多 200 个字符；实际：长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长…）",
    ], note="a 60,000-character line"),
    Case("yaml/y24-control-char.yaml", "city", [
        "ws/city.yaml:1:9: 错误: 文件含有不可见的控制字符",
    ], note="a BEL control character"),
    Case("yaml/y25-two-documents.yaml", "claims", [
        "ws/claims/aiweiban.yaml:3:1: 错误: 一个文件只能包含一个 YAML 文档（不要使用“---”分隔多个文档）",
    ], note="two YAML documents in one file"),
    Case("yaml/y26-zero-bytes.yaml", "city", [
        "ws/city.yaml: 错误: 文件为空",
    ], note="zero-byte file"),
    Case("yaml/y27-whitespace-only.yaml", "claims", [
        "ws/claims/aiweiban.yaml: 错误: 文件为空",
    ], note="only whitespace"),
    Case("yaml/y28-comment-only.yaml", "manifest", [
        "ws/evidence/aiweiban/manifest.yaml: 错误: 文件为空",
    ], note="only a comment"),
    Case("yaml/y29-null-document.yaml", "city", [
        "ws/city.yaml:1:1: 错误: 文件顶层应为映射（“键: 值”）（实际：None）",
    ], note="the document is null"),
    Case("yaml/y30-top-level-list.yaml", "claims", [
        "ws/claims/aiweiban.yaml:1:1: 错误: 文件顶层应为映射（“键: 值”）（实际：[{'item': 'org-agenda', 'role': 'lead'}]）",
    ], note="a list where a mapping is expected"),
    Case("yaml/y31-top-level-scalar.yaml", "manifest", [
        "ws/evidence/aiweiban/manifest.yaml:1:1: 错误: 文件顶层应为映射（“键: 值”）（实际：<script>alert(1)</script>）",
    ], note="a scalar (with HTML) where a mapping is expected"),
    Case("yaml/y32-huge-integer.yaml", "city", [
        "ws/city.yaml:3:1: 错误: population_wan: 数字位数过多，无法读取（实际：99999999999999999999999999999999999999999999999999999999999…）",
    ], note="a 5,000-digit integer (Python refuses more than 4,300): a located problem"),
    Case("yaml/y33-complex-key.yaml", "city", [
        "ws/city.yaml:15:3: 错误: 键必须是简单文本",
    ], note="a list used as a key"),
    Case("yaml/y34-bad-unicode-escape.yaml", "city", [
        "ws/city.yaml:1:10: 错误: 双引号文本中有无效的转义符“\\”，请改用单引号或写成“\\\\”",
    ], note="regression, yamlio._YAML_MESSAGES: libyaml's English 'invalid Unicode character escape code' reached the user"),
    Case("yaml/y35-yaml-2-directive.yaml", "claims", [
        "ws/claims/aiweiban.yaml:1:1: 错误: 不支持此 YAML 版本：请删除开头的“%YAML”行",
    ], note="regression, yamlio._YAML_MESSAGES: %YAML 2.0 gave libyaml's English 'found incompatible YAML document'"),
    Case("yaml/y36-crlf.yaml", "city", [], note="Windows line endings: accepted"),
    Case("yaml/y37-cr-only.yaml", "city", [], note="old Mac line endings (CR only): accepted"),
    Case("yaml/y38-bidi-zero-width.yaml", "city", [], note="bidi override and zero-width characters in a name: accepted as text"),
    Case("yaml/y39-oversize.yaml", "city", [
        "ws/city.yaml: 错误: 文件过大（应为：不超过 20 MB；实际：21 MB）",
    ], setup=oversize, note="21 MB city file (size limit 20 MB)"),
    Case("yaml/y40-bad-escape.yaml", "claims", [
        "ws/claims/aiweiban.yaml:3:50: 错误: 双引号文本中有无效的转义符“\\”，请改用单引号或写成“\\\\”",
    ], note="regression, yamlio._YAML_MESSAGES: \"C:\\Users\\周\" in double quotes gave libyaml's English 'did not find expected hexdecimal number'"),
    Case("yaml/y05-billion-laughs.yaml", "ledger-config", _bomb("ws/ledger/config.yaml"), note="the alias bomb as ledger/config.yaml"),
    Case("yaml/y10-python-object-apply.yaml", "overlay", [
        "ws/overlays/official-text.yaml:1:7: 错误: name: 不支持自定义 YAML 标签（以 ! 开头），出于安全原因已拒绝（实际：tag:yaml.org,2002:python/object/apply:os.system）",
    ], note="a python tag in the official-text overlay"),
    Case("yaml/y21-utf16-no-bom.yaml", "waivers", [
        "ws/waivers.yaml:1: 错误: 文件含有 NUL 字节，不是文本文件（可能是二进制文件或 UTF-16 无 BOM）",
    ], note="UTF-16 without BOM as waivers.yaml"),
    Case("yaml/y08-deep-flow.yaml", "inspections", [
        "ws/inspections/q1.yaml:15:1007: 错误: 嵌套层级过深",
    ], note="deep nesting in an inspections file"),
    # --- city.yaml: types and values, HTML and formulas in free text -----------------------------------------
    Case("city/c01-population-percent.yaml", "city", [
        "ws/city.yaml:3:1: 错误: population_wan: 应为数字（实际：95%）",
    ], note="a percentage where a number is expected"),
    Case("city/c02-population-fullwidth.yaml", "city", [
        "ws/city.yaml:3:1: 错误: population_wan: 应为数字（实际：１２０）",
    ], note="full-width digits"),
    Case("city/c03-population-negative.yaml", "city", [
        "ws/city.yaml:3:1: 错误: population_wan: 数值过小（应为：> 0.0；实际：-120）",
    ], note="negative"),
    Case("city/c04-population-nan.yaml", "city", [
        "ws/city.yaml:3:1: 错误: population_wan: 应为数字（实际：.nan）",
    ], note=".nan"),
    Case("city/c05-population-overflow.yaml", "city", [
        "ws/city.yaml:3:1: 错误: population_wan: 不能是 NaN 或无穷大（实际：inf）",
    ], note="1e400 overflows to infinity"),
    Case("city/c06-population-bool.yaml", "city", [
        "ws/city.yaml:3:1: 错误: population_wan: 应为数字（实际：True）",
    ], note="true for a number (pydantic's lax mode read it as 1.0 万人)"),
    Case("city/c07-date-month-13.yaml", "city", [
        "ws/city.yaml:6:1: 错误: assessment_date: 无法识别的日期“2024年13月1日”（应为：YYYY-MM-DD、2024年3月5日 或 2024.3.5）",
    ], note="month 13, in the Chinese form (read by normalize.parse_date, as in manifests and sheets)"),
    Case("city/c08-date-feb-30.yaml", "city", [
        "ws/city.yaml:6:1: 错误: assessment_date: 无法识别的日期“2027-02-30”（应为：YYYY-MM-DD、2024年3月5日 或 2024.3.5）",
    ], note="30 February"),
    Case("city/c09-date-empty.yaml", "city", [
        "ws/city.yaml:6:1: 错误: assessment_date: 缺少日期（应为：YYYY-MM-DD、2024年3月5日 或 2024.3.5）",
    ], note="an empty date"),
    Case("city/c10-date-integer.yaml", "city", [
        "ws/city.yaml:6:1: 错误: assessment_date: 无法识别的日期“86400”（应为：YYYY-MM-DD、2024年3月5日 或 2024.3.5）",
    ], note="an integer is the digits typed, never a timestamp (pydantic read 86400 as 1970-01-02) or an Excel serial"),
    Case("city/c11-kind-chinese.yaml", "city", [
        "ws/city.yaml:2:1: 错误: kind: 取值不在允许范围内（应为：city 或 county；实际：市）",
    ], note="kind in Chinese"),
    Case("city/c12-legislative-chinese.yaml", "city", [
        "ws/city.yaml:4:1: 错误: legislative_power: 应为 true 或 false（实际：是）",
    ], note="是 for a boolean"),
    Case("city/c13-html-everywhere.yaml", "city", [], note="HTML/JS/CSS url()/img src=file: in free text: accepted as text (escaped on output)"),
    Case("city/c14-formulas-everywhere.yaml", "city", [], note="spreadsheet formulas in free text: accepted as text (never a formula on export)"),
    Case("city/c15-unknown-profile.yaml", "city", [
        "ws/city.yaml:8:12: 错误: profiles.0: 未知配置“veto-2104”，是否想写“veto-2014”？",
    ], note="a misspelt profile"),
    Case("city/c16-name-empty.yaml", "city", [
        "ws/city.yaml:1:1: 错误: name: 不能为空（实际：）",
    ], note="an empty name"),
    Case("city/c17-department-code.yaml", "city", [
        "ws/city.yaml:14:6: 错误: departments.1.code: 编号格式不符：只能使用小写字母、数字和连字符，且以字母开头（实际：Cheng_Guan）",
    ], note="a department code that is not a slug"),
    Case("city/c18-unknown-field.yaml", "city", [
        "ws/city.yaml:1:1: 错误: population_wan: 缺少必填字段",
        "ws/city.yaml:3:1: 错误: populaton_wan: 未知字段“populaton_wan”，是否想写“population_wan”？",
    ], note="a misspelt field"),
    Case("city/c19-standard-traversal.yaml", "city", [
        "ws/city.yaml:7:1: 错误: standard: 编号格式不符：只能使用小写字母、数字和连字符，且以字母开头（实际：../../../etc）",
    ], note="standard: ../../../etc"),
    Case("city/c20-date-fullwidth.yaml", "city", [], note="a date in full-width digits: accepted, as in manifests and sheets"),
    # --- profiles --------------------------------------------------------------------------------------------
    Case("profiles/p01-threshold-unknown-indicator.yaml", "profile", [
        "ws/profiles/local.yaml:6:3: 错误: thresholds.satisfaction-rat: 未知指标“satisfaction-rat”，是否想写“satisfaction-rate”？",
    ], note="a threshold for an unknown indicator"),
    Case("profiles/p02-threshold-nan.yaml", "profile", [
        "ws/profiles/local.yaml:6:50: 错误: thresholds.satisfaction-rate.value: 应为数字（实际：.nan）",
        "ws/profiles/local.yaml:7:52: 错误: thresholds.green-coverage-rate.value: 不能是 NaN 或无穷大（实际：nan）",
        "ws/profiles/local.yaml:8:54: 错误: thresholds.park-green-per-capita.value: 不能是 NaN 或无穷大（实际：inf）",
    ], note="a NaN threshold"),
    Case("profiles/p03-duplicate-bundled-id.yaml", "profile", [
        "ws/profiles/local.yaml:1:1: 错误: id: 配置编号“veto-2014”与标准自带的配置重复",
    ], note="a profile id the standard already has"),
    Case("profiles/p04-scoring-out-of-range.yaml", "profile", [
        "ws/profiles/local.yaml:5:30: 错误: scoring.pass_ratio: 数值过大（应为：≤ 1.0；实际：9）",
        "ws/profiles/local.yaml:5:45: 错误: scoring.item_marks: 数值过小（应为：> 0.0；实际：-1）",
    ], note="ratios and marks out of range"),
    Case("profiles/p05-html-title.yaml", "profile", [], note="HTML in a title: accepted as text"),
    # --- the standard's own files (mini standard) ------------------------------------------------------------
    Case("standard/s01-sections-dotdot.yaml", "standard", [
        "mini/standard.yaml:13:5: 错误: sections.1: 路径指向标准目录之外，已拒绝（实际：../../../../../etc/passwd）",
    ], target="standard.yaml", note="a section file named with .."),
    Case("standard/s02-sections-absolute.yaml", "standard", [
        "mini/standard.yaml:13:5: 错误: sections.1: 路径指向标准目录之外，已拒绝（实际：/etc/passwd）",
    ], target="standard.yaml", note="a section file named by an absolute path"),
    Case("standard/s03-utf8-bom-sampling.yaml", "standard", [], target="sampling.yaml", note="a BOM: accepted"),
    Case("standard/s04-python-tag-departments.yaml", "standard", [
        "mini/departments.yaml:2:5: 错误: departments.0: 不支持自定义 YAML 标签（以 ! 开头），出于安全原因已拒绝（实际：tag:yaml.org,2002:python/object:cwassess.models.standard.De…）",
    ], target="departments.yaml", note="a python tag in departments.yaml"),
    Case("standard/s05-symlink-section.yaml", "standard", [
        "mini/standard.yaml:13:5: 错误: sections.1: 路径指向标准目录之外，已拒绝（实际：sections/outside.yaml）",
    ], target="standard.yaml", setup=symlink_section_outside, note="a section file that is a symlink out of the standard"),
    Case("standard/s06-crlf-gbk-sections.yaml", "standard", [], target="sections/b.yaml", note="GBK with CRLF: accepted"),
    # --- claims/*.yaml ---------------------------------------------------------------------------------------
    Case("claims/k01-deadline-month-13.yaml", "claims", [
        "ws/claims/aiweiban.yaml:3:36: 错误: claims.0.deadline: 无法识别的日期“2024年13月1日”（应为：YYYY-MM-DD、2024年3月5日 或 2024.3.5）",
    ], note="a deadline in month 13"),
    Case("claims/k02-deadline-words.yaml", "claims", [
        "ws/claims/aiweiban.yaml:3:36: 错误: claims.0.deadline: 达标时间“长期坚持”不是具体日期：没有具体期限的，删去此项即按评估日期计（应为：YYYY-MM-DD、2024年3月5日 或 2024.3.5）",
    ], note="长期坚持 as a deadline: the claims table reads it as no deadline (a warning); in YAML the way to say so is to leave it out"),
    Case("claims/k03-role-chinese.yaml", "claims", [
        "ws/claims/aiweiban.yaml:3:24: 错误: claims.0.role: 取值不在允许范围内（应为：lead 或 support；实际：牵头）",
    ], note="role in Chinese"),
    Case("claims/k04-wrong-file-name.yaml", "claims", [
        "ws/claims/aiweiban.yaml:1:1: 错误: department: 认领文件名应与部门代码一致（应为：chengguan.yaml；实际：aiweiban.yaml）",
        "ws/claims/chengguan.yaml:1:1: 错误: department: 部门“chengguan”的认领已在 ws/claims/aiweiban.yaml 中",
    ], note="chengguan's claims in aiweiban.yaml"),
    Case("claims/k05-html-contact.yaml", "claims", [], note="HTML in contact and note: accepted as text"),
    Case("claims/k06-formula-contact.yaml", "claims", [], note="formulas in contact and leader: accepted as text"),
    Case("claims/k07-item-chinese-number.yaml", "claims", [
        "ws/claims/aiweiban.yaml:3:6: 错误: claims.0.item: 编号格式不符：只能使用小写字母、数字和连字符，且以字母开头（实际：（一））",
    ], note="an item written as （一）"),
    Case("claims/k08-claims-not-list.yaml", "claims", [
        "ws/claims/aiweiban.yaml:2:1: 错误: claims: 应为列表（每项以“- ”开头）（实际：org-agenda）",
    ], note="claims not a list"),
    # --- evidence manifests, inspections, waivers: values, dates, paths, content -----------------------------
    Case("evidence/e01-percent-forms.yaml", "manifest", [
        "ws/evidence/aiweiban/manifest.yaml:5:29: 警告: indicators.0.values.2025: 按比例理解：0.95 → 95%",
        "ws/evidence/aiweiban/manifest.yaml:5:57: 警告: indicators.0.values.2023: 按比例理解：0.95 → 95%",
    ], note="95%, 0.95, 95, 0.95 (number), 95 %"),
    Case("evidence/e02-percent-fullwidth.yaml", "manifest", [], note="full-width digits and percent: accepted"),
    Case("evidence/e03-negative.yaml", "manifest", [
        "ws/evidence/aiweiban/manifest.yaml:5:14: 错误: indicators.0.values.2026: 数值不能为负数（实际：-3）",
        "ws/evidence/aiweiban/manifest.yaml:5:26: 错误: indicators.0.values.2025: 数值不能为负数（实际：-0.5%）",
    ], note="negative values"),
    Case("evidence/e04-nan.yaml", "manifest", [
        "ws/evidence/aiweiban/manifest.yaml:5:14: 错误: indicators.0.values.2026: 无法识别的数值“.nan”",
        "ws/evidence/aiweiban/manifest.yaml:5:28: 错误: indicators.0.values.2025: 无法识别的数值“NaN”",
        "ws/evidence/aiweiban/manifest.yaml:5:43: 错误: indicators.0.values.2024: 无法识别的数值“nan”",
    ], note="NaN in three spellings"),
    Case("evidence/e05-infinite.yaml", "manifest", [
        "ws/evidence/aiweiban/manifest.yaml:5:14: 错误: indicators.0.values.2026: 不能是 NaN 或无穷大（实际：inf）",
    ], note="infinity: one problem per value, not one per member of the union (…2026.float/.int/.str)"),
    Case("evidence/e06-over-100.yaml", "manifest", [
        "ws/evidence/aiweiban/manifest.yaml:5:14: 错误: indicators.0.values.2026: 百分比不能超过 100（实际：120%）",
        "ws/evidence/aiweiban/manifest.yaml:5:30: 错误: indicators.0.values.2025: 百分比不能超过 100（实际：100.5）",
    ], note="percentages over 100"),
    Case("evidence/e07-empty-values.yaml", "manifest", [
        "ws/evidence/aiweiban/manifest.yaml:5:14: 错误: indicators.0.values.2026: 数值为空",
        "ws/evidence/aiweiban/manifest.yaml:5:26: 错误: indicators.0.values.2025: 数值为空",
    ], note="empty values"),
    Case("evidence/e08-words.yaml", "manifest", [
        "ws/evidence/aiweiban/manifest.yaml:5:14: 错误: indicators.0.values.2026: 无法识别的数值“很高”",
        "ws/evidence/aiweiban/manifest.yaml:5:26: 错误: indicators.0.values.2025: 无法识别的数值“九十五”",
        "ws/evidence/aiweiban/manifest.yaml:5:39: 错误: indicators.0.values.2024: 无法识别的数值“95%以上”",
    ], note="words for numbers"),
    Case("evidence/e09-year-keys.yaml", "manifest", [
        "ws/evidence/aiweiban/manifest.yaml:5:27: 错误: indicators.0.values.二〇二五: 无法识别的年份“二〇二五”（应为：如 2025）",
        "ws/evidence/aiweiban/manifest.yaml:5:39: 错误: indicators.0.values.26: 无法识别的年份“26”（应为：如 2025）",
        "ws/evidence/aiweiban/manifest.yaml:5:49: 错误: indicators.0.values.2101: 无法识别的年份“2101”（应为：如 2025）",
    ], note="year keys 2024年 (accepted), 二〇二五, 26, 2101"),
    Case("evidence/e10-dates-invalid.yaml", "manifest", [
        "ws/evidence/aiweiban/manifest.yaml:10:5: 错误: documents.0.effective: 无法识别的日期“2026-02-30”（应为：YYYY-MM-DD、2024年3月5日 或 2024.3.5）",
        "ws/evidence/aiweiban/manifest.yaml:3:5: 错误: documents.0: 文件缺少日期：发文日期（issued）、生效日期（effective）或覆盖时间段（period）至少填一项",
        "ws/evidence/aiweiban/manifest.yaml:9:5: 错误: documents.0.issued: 无法识别的日期“2024年13月1日”（应为：YYYY-MM-DD、2024年3月5日 或 2024.3.5）",
    ], note="2024年13月1日 and 2026-02-30"),
    Case("evidence/e11-dates-future.yaml", "manifest", [
        "ws/evidence/aiweiban/manifest.yaml:9:5: 警告: documents.0.issued: 日期 2099-01-01 晚于今天（2027-03-01）",
    ], note="a date in 2099: a warning"),
    Case("evidence/e12-dates-forms.yaml", "manifest", [], note="2026/3/5, 2026年3月5日, 2026.12.31 and an unquoted 20260101 (an integer in YAML): all accepted"),
    Case("evidence/e13-path-dotdot.yaml", "manifest", [
        "ws/evidence/aiweiban/manifest.yaml:4:5: 错误: documents.0.file: 路径“../../city.yaml”含有“..”，不允许指向证据目录之外",
    ], note="path with .."),
    Case("evidence/e14-path-absolute.yaml", "manifest", [
        "ws/evidence/aiweiban/manifest.yaml:4:5: 错误: documents.0.file: 不允许使用绝对路径“/etc/passwd”，请写相对于本部门证据目录的路径",
    ], note="absolute POSIX path"),
    Case("evidence/e15-path-windows-drive.yaml", "manifest", [
        "ws/evidence/aiweiban/manifest.yaml:4:5: 错误: documents.0.file: 不允许使用绝对路径“C:\\Users\\周\\纪要.pdf”，请写相对于本部门证据目录的路径",
    ], note="Windows drive path"),
    Case("evidence/e16-path-unc.yaml", "manifest", [
        "ws/evidence/aiweiban/manifest.yaml:4:5: 错误: documents.0.file: 不允许使用绝对路径“\\\\fileserver\\share\\纪要.pdf”，请写相对于本部门证据目录的路径",
    ], note="Windows UNC path"),
    Case("evidence/e17-path-backslash-root.yaml", "manifest", [
        "ws/evidence/aiweiban/manifest.yaml:4:5: 错误: documents.0.file: 文件不存在：\\纪要.pdf",
    ], note="a Windows root-relative path: read as relative to the department folder"),
    Case("evidence/e18-path-symlink-outside.yaml", "manifest", [
        "ws/evidence/aiweiban/manifest.yaml:4:5: 错误: documents.0.file: 路径“secret.pdf”指向工作区之外（可能是符号链接），已拒绝",
    ], setup=symlink_file_outside, note="a symlinked file leaving the workspace"),
    Case("evidence/e19-path-symlink-dir-outside.yaml", "manifest", [
        "ws/evidence/aiweiban/manifest.yaml:4:5: 错误: documents.0.file: 路径“shared/secret.pdf”指向工作区之外（可能是符号链接），已拒绝",
    ], setup=symlink_dir_outside, note="a file inside a symlinked folder leaving the workspace"),
    Case("evidence/e20-path-spaces.yaml", "manifest", [], setup=name_with_spaces, note="spaces and brackets in a name: accepted"),
    Case("evidence/e21-path-nfc-nfd.yaml", "manifest", [], setup=name_in_nfd, note="NFC in the manifest, NFD on disk: accepted"),
    Case("evidence/e22-path-case-clash.yaml", "manifest", [
        "ws/evidence/aiweiban/manifest.yaml:4:5: 错误: documents.0.file: 文件不存在：Minutes-2026.PDF",
    ], note="Minutes-2026.PDF for minutes-2026.pdf"),
    Case("evidence/e23-path-long-name.yaml", "manifest", [
        "ws/evidence/aiweiban/manifest.yaml:4:5: 错误: documents.0.file: 无法读取文件：文件名过长",
    ], note="a 100-character Chinese file name (over 255 bytes)"),
    Case("evidence/e24-path-nul.yaml", "manifest", [
        "ws/evidence/aiweiban/manifest.yaml:4:5: 错误: documents.0.file: 路径“minutes␀-2026.pdf”含有不可见的控制字符（␀），请删除后重新填写",
    ], note="a NUL in a path (it made os.open raise ValueError): refused by paths.resolve_inside, shown as ␀"),
    Case("evidence/e25-path-directory.yaml", "manifest", [
        "ws/evidence/aiweiban/manifest.yaml:4:5: 错误: documents.0.file: 文件不存在：folder.pdf",
    ], setup=directory_named_pdf, note="a folder named like a PDF"),
    Case("evidence/e26-html-in-text.yaml", "manifest", [], note="HTML in title and statement: accepted as text"),
    Case("evidence/e27-formula-in-text.yaml", "manifest", [], note="formulas in title and statement: accepted as text"),
    Case("evidence/e28-survey-rates.yaml", "manifest", [
        "ws/evidence/aiweiban/manifest.yaml:4:81: 警告: surveys.1.rate: 按比例理解：0.95 → 95%",
        "ws/evidence/aiweiban/manifest.yaml:5:81: 错误: surveys.2.rate: 无法识别的数值“很好”",
        "ws/evidence/aiweiban/manifest.yaml:6:81: 错误: surveys.3.rate: 数值不能为负数（实际：-1）",
        "ws/evidence/aiweiban/manifest.yaml:7:62: 错误: surveys.4.sample_size: 数值过小（应为：≥ 1；实际：0）",
        "ws/evidence/aiweiban/manifest.yaml:8:62: 错误: surveys.5.sample_size: 数值过大（应为：≤ 10000000；实际：1000000000.0）",
    ], note="survey rates and sample sizes: two broken records cost only themselves, the others are still read and checked"),
    Case("evidence/e29-inspection-dates.yaml", "inspections", [
        "ws/inspections/q1.yaml:3:56: 错误: inspections.0.date: 无法识别的日期“2024年13月1日”（应为：YYYY-MM-DD、2024年3月5日 或 2024.3.5）",
        "ws/inspections/q1.yaml:4:56: 警告: inspections.1.date: 日期 2099-12-31 晚于今天（2027-03-01）",
        "ws/inspections/q1.yaml:5:56: 错误: inspections.2.date: 缺少日期",
    ], note="inspection dates; regression, evidence/load: a blank date dropped the record without a word"),
    Case("evidence/e30-waivers.yaml", "waivers", [
        "ws/waivers.yaml:2:82: 错误: waivers.0.expires: 到期日早于批准日（实际：2026-12-01 → 2026-01-01）",
        "ws/waivers.yaml:3:60: 错误: waivers.1.approved: 无法识别的日期“2026年13月1日”（应为：YYYY-MM-DD、2024年3月5日 或 2024.3.5）",
        "ws/waivers.yaml:4:14: 错误: waivers.2.item: 未知条目“org-agneda”，是否想写“org-agenda”？",
    ], note="waivers: expiry before approval, bad date, misspelt item"),
    Case("evidence/e31-duplicate-doc-id.yaml", "manifest", [
        "ws/evidence/aiweiban/manifest.yaml:10:5: 错误: documents.1.id: 文件编号“doc”重复（第一次出现在第 3 行）",
    ], note="two documents with one id"),
    Case("evidence/e32-sha256-mismatch.yaml", "manifest", [
        "ws/evidence/aiweiban/manifest.yaml:4:5: 错误: documents.0.file: 文件内容与登记时的摘要（sha256）不一致：文件可能被替换，请作为新版本重新提交",
    ], note="the file changed since it was registered"),
    Case("evidence/e33-year-key-huge.yaml", "manifest", [
        f"ws/evidence/aiweiban/manifest.yaml:7:9: 错误: indicators.0.values.{NINES}: 无法识别的年份“{NINES}”（应为：如 2025）",
    ], note="a 4,400-digit year key (int() refuses it): not a year"),
    # --- files referenced by a manifest ----------------------------------------------------------------------
    Case("files/f01-zero-byte.pdf", "evidence-file", [
        "ws/evidence/aiweiban/manifest.yaml:4:5: 错误: documents.0.file: 文件为空（0 字节）",
    ], note="zero bytes"),
    Case("files/f02-truncated.pdf", "evidence-file", [], note="truncated PDF: the load path of score reads the header only (evidence check opens it, below)"),
    Case("files/f03-corrupt.pdf", "evidence-file", [], note="corrupt PDF: the load path of score reads the header only (evidence check opens it, below)"),
    Case("files/f04-text-named.pdf", "evidence-file", [
        "ws/evidence/aiweiban/manifest.yaml:4:5: 错误: documents.0.file: 文件内容与扩展名“.pdf”不符",
    ], note="a text file named .pdf"),
    Case("files/f05-encrypted.pdf", "evidence-file", [], note="password-protected PDF: the load path of score reads the header only (evidence check opens it, below)"),
    Case("files/f06-many-pages.pdf", "evidence-file", [], note="600 pages: the load path of score does not count pages (evidence check does, below)"),
    Case("files/f07-count-lie.pdf", "evidence-file", [], note="a page tree claiming 2^31-1 pages"),
    Case("files/f08-png-named.jpg", "evidence-file", [
        "ws/evidence/aiweiban/manifest.yaml:4:5: 错误: documents.0.file: 文件内容与扩展名“.jpg”不符",
    ], note="a PNG named .jpg"),
    Case("files/f09-jpeg-named.png", "evidence-file", [
        "ws/evidence/aiweiban/manifest.yaml:4:5: 错误: documents.0.file: 文件内容与扩展名“.png”不符",
    ], note="a JPEG named .png"),
    Case("files/f10-decompression-bomb.png", "evidence-file", [], note="a 10-gigapixel PNG in 100 bytes: the load path of score reads the header only"),
    Case("files/f11-exe-named.pdf", "evidence-file", [
        "ws/evidence/aiweiban/manifest.yaml:4:5: 错误: documents.0.file: 文件内容与扩展名“.pdf”不符",
    ], note="a Windows program named .pdf"),
    Case("files/f12-html-named.pdf", "evidence-file", [
        "ws/evidence/aiweiban/manifest.yaml:4:5: 错误: documents.0.file: 文件内容与扩展名“.pdf”不符",
    ], note="HTML named .pdf"),
    Case("files/f13-docx-named.pdf", "evidence-file", [
        "ws/evidence/aiweiban/manifest.yaml:4:5: 错误: documents.0.file: 文件内容与扩展名“.pdf”不符",
    ], note="a .docx named .pdf"),
    Case("files/f14-zip-named.xlsx", "evidence-file", [], note="a zip of something else named .xlsx: the header is a zip's"),
    Case("files/f15-no-extension", "evidence-file", [
        "ws/evidence/aiweiban/manifest.yaml:4:5: 错误: documents.0.file: 格式“无扩展名”不在该材料允许的格式内（应为：pdf、ofd；实际：无扩展名）",
    ], note="no extension"),
    Case("files/f16-program.exe", "evidence-file", [
        "ws/evidence/aiweiban/manifest.yaml:4:5: 错误: documents.0.file: 格式“.exe”不在该材料允许的格式内（应为：pdf、ofd；实际：.exe）",
    ], note="an .exe"),
    Case("files/f17-uppercase.JPG", "evidence-file", [], note="upper-case extension: accepted"),
    Case("files/f18-kids-loop.pdf", "evidence-file", [], note="a page tree that contains itself"),
    Case("files/f19-tiny-image.jpg", "evidence-file", [], note="a 2×2-pixel photo: accepted by evidence check"),
    # evidence check opens every file as what its extension says (evidence/content.py); score does not.
    Case("files/f02-truncated.pdf", "cli:evidence check", [
        "exit 1",
        "ws/evidence/aiweiban/manifest.yaml:4:5: 错误: documents.0.file: PDF 已损坏，无法打开：请重新导出或扫描后再提交",
        "文件 1 份（可用 0），指标 0 项，检查记录 0 条，调查 0 项，病媒 0 项，豁免 0 项；1 个错误，0 个警告",
    ], target="evidence/aiweiban/f02-truncated.pdf", setup=named_in_the_manifest, note="truncated PDF: pikepdf cannot open it"),
    Case("files/f03-corrupt.pdf", "cli:evidence check", [
        "exit 1",
        "ws/evidence/aiweiban/manifest.yaml:4:5: 错误: documents.0.file: PDF 已损坏，无法打开：请重新导出或扫描后再提交",
        "文件 1 份（可用 0），指标 0 项，检查记录 0 条，调查 0 项，病媒 0 项，豁免 0 项；1 个错误，0 个警告",
    ], target="evidence/aiweiban/f03-corrupt.pdf", setup=named_in_the_manifest, note="corrupt PDF: pikepdf cannot open it"),
    Case("files/f05-encrypted.pdf", "cli:evidence check", [
        "exit 1",
        "ws/evidence/aiweiban/manifest.yaml:4:5: 错误: documents.0.file: PDF 已加密，需要打开密码：请提供未加密的版本",
        "文件 1 份（可用 0），指标 0 项，检查记录 0 条，调查 0 项，病媒 0 项，豁免 0 项；1 个错误，0 个警告",
    ], target="evidence/aiweiban/f05-encrypted.pdf", setup=named_in_the_manifest, note="a PDF that needs a password to open"),
    Case("files/f06-many-pages.pdf", "cli:evidence check", [
        "exit 1",
        "ws/evidence/aiweiban/manifest.yaml:4:5: 错误: documents.0.file: PDF 页数过多（应为：不超过 500 页；实际：600 页）",
        "文件 1 份（可用 0），指标 0 项，检查记录 0 条，调查 0 项，病媒 0 项，豁免 0 项；1 个错误，0 个警告",
    ], target="evidence/aiweiban/f06-many-pages.pdf", setup=named_with_a_page_limit, note="600 pages over a city limit of 500 (city.yaml limits.pdf_pages)"),
    Case("files/f07-count-lie.pdf", "cli:evidence check", [
        "exit 0",
        "ws/evidence/aiweiban/manifest.yaml:4:5: 警告: documents.0.file: PDF 有结构错误，可自动修复后打开；建议重新导出后再提交",
        "文件 1 份（可用 1），指标 0 项，检查记录 0 条，调查 0 项，病媒 0 项，豁免 0 项；0 个错误，1 个警告",
    ], target="evidence/aiweiban/f07-count-lie.pdf", setup=named_in_the_manifest, note="a page tree claiming 2^31-1 pages: qpdf repairs it, a warning, still usable"),
    Case("files/f10-decompression-bomb.png", "cli:evidence check", [
        "exit 1",
        "ws/evidence/aiweiban/manifest.yaml:4:5: 错误: documents.0.file: 图片像素过多（应为：不超过 200 百万像素；实际：100000×100000，约 10000 百万像素）",
        "文件 1 份（可用 0），指标 0 项，检查记录 0 条，调查 0 项，病媒 0 项，豁免 0 项；1 个错误，0 个警告",
    ], target="evidence/aiweiban/f10-decompression-bomb.png", setup=named_in_the_manifest, note="a 10-gigapixel PNG: measured from its header, never decoded"),
    Case("files/f14-zip-named.xlsx", "cli:evidence check", [
        "exit 1",
        "ws/evidence/aiweiban/manifest.yaml:4:5: 错误: documents.0.file: 文件不是 Excel 表格（.xlsx）：可能是改了扩展名的其他压缩包",
        "文件 1 份（可用 0），指标 0 项，检查记录 0 条，调查 0 项，病媒 0 项，豁免 0 项；1 个错误，0 个警告",
    ], target="evidence/aiweiban/f14-zip-named.xlsx", setup=named_in_the_manifest, note="a zip of something else named .xlsx"),
    Case("files/f18-kids-loop.pdf", "cli:evidence check", [
        "exit 1",
        "ws/evidence/aiweiban/manifest.yaml:4:5: 错误: documents.0.file: PDF 已损坏，无法打开：请重新导出或扫描后再提交",
        "文件 1 份（可用 0），指标 0 项，检查记录 0 条，调查 0 项，病媒 0 项，豁免 0 项；1 个错误，0 个警告",
    ], target="evidence/aiweiban/f18-kids-loop.pdf", setup=named_in_the_manifest, note="a page tree that contains itself"),
    Case("files/f01-zero-byte.pdf", "packet-file", [
        "exit 0",
        "error: evidence/aiweiban/f01-zero-byte.pdf: “文件”：文件为空（0 字节）",
    ], note="zero bytes"),
    Case("files/f02-truncated.pdf", "packet-file", [
        "exit 0",
        "error: evidence/aiweiban/f02-truncated.pdf: “文件”：PDF 已损坏，无法打开（找不到任何页面，文件可能不完整）",
    ], note="truncated: qpdf's English message (with the file's absolute path) is told in Chinese, the file named by its workspace path"),
    Case("files/f03-corrupt.pdf", "packet-file", [
        "exit 0",
        "error: evidence/aiweiban/f03-corrupt.pdf: “文件”：PDF 已损坏，无法打开（找不到文件尾，文件可能不完整）",
    ], note="no trailer: qpdf's English message (with the file's absolute path) is told in Chinese"),
    Case("files/f04-text-named.pdf", "packet-file", [
        "exit 0",
        "error: evidence/aiweiban/f04-text-named.pdf: “文件”：文件内容与扩展名“.pdf”不符",
    ], note="a text file named .pdf"),
    Case("files/f05-encrypted.pdf", "packet-file", [
        "exit 0",
        "error: evidence/aiweiban/f05-encrypted.pdf: “文件”：PDF 已加密，需要打开密码：请提供未加密的版本",
    ], note="password-protected PDF: the packet opens it"),
    Case("files/f06-many-pages.pdf", "packet-file", [
        "exit 0",
    ], note="600 pages are assembled: under the default limit of 5,000 pages (city.yaml limits.pdf_pages)"),
    Case("files/f06-many-pages.pdf", "packet-file", [
        "exit 0",
        "error: evidence/aiweiban/f06-many-pages.pdf: “文件”：PDF 页数过多（上限 500 页，实际 600 页）",
    ], setup=a_page_limit, note="600 pages over a city limit of 500 (city.yaml limits.pdf_pages): a placeholder page"),
    Case("files/f07-count-lie.pdf", "packet-file", [
        "exit 0",
        "warning: evidence/aiweiban/f07-count-lie.pdf: “文件”：PDF 有结构错误，已自动修复后装入，请核对内容是否完整",
    ], note="qpdf repairs it: merged, with a warning (qpdf's own English text, which names the absolute path, is not shown)"),
    Case("files/f08-png-named.jpg", "packet-file", [
        "exit 0",
        "error: evidence/aiweiban/f08-png-named.jpg: “文件”：文件内容与扩展名“.jpg”不符",
    ], note="a PNG named .jpg"),
    Case("files/f09-jpeg-named.png", "packet-file", [
        "exit 0",
        "error: evidence/aiweiban/f09-jpeg-named.png: “文件”：文件内容与扩展名“.png”不符",
    ], note="a JPEG named .png"),
    Case("files/f10-decompression-bomb.png", "packet-file", [
        "exit 0",
        "error: evidence/aiweiban/f10-decompression-bomb.png: “文件”：图片像素过多（上限 200 百万像素，实际 100000×100000，约 10000 百万像素）",
    ], note="a 10-gigapixel PNG in 100 bytes: refused from its header (city.yaml limits.image_megapixels), never decoded"),
    Case("files/f11-exe-named.pdf", "packet-file", [
        "exit 0",
        "error: evidence/aiweiban/f11-exe-named.pdf: “文件”：文件内容与扩展名“.pdf”不符",
    ], note="a Windows program named .pdf"),
    Case("files/f12-html-named.pdf", "packet-file", [
        "exit 0",
        "error: evidence/aiweiban/f12-html-named.pdf: “文件”：文件内容与扩展名“.pdf”不符",
    ], note="HTML named .pdf"),
    Case("files/f13-docx-named.pdf", "packet-file", [
        "exit 0",
        "error: evidence/aiweiban/f13-docx-named.pdf: “文件”：文件内容与扩展名“.pdf”不符",
    ], note="a .docx named .pdf"),
    Case("files/f14-zip-named.xlsx", "packet-file", [
        "exit 0",
        "warning: evidence/aiweiban/f14-zip-named.xlsx: “文件”：.xlsx 文件不能装订为 PDF 页面，已放说明页并作为附件嵌入",
    ], note="a zip of something else named .xlsx: the header is a zip's"),
    Case("files/f15-no-extension", "packet-file", [
        "exit 0",
        "error: evidence/aiweiban/f15-no-extension: “文件”：格式“无扩展名”不在该材料允许的格式内",
    ], note="no extension"),
    Case("files/f16-program.exe", "packet-file", [
        "exit 0",
        "error: evidence/aiweiban/f16-program.exe: “文件”：格式“.exe”不在该材料允许的格式内",
    ], note="an .exe"),
    Case("files/f17-uppercase.JPG", "packet-file", [
        "exit 0",
    ], note="upper-case extension: accepted"),
    Case("files/f18-kids-loop.pdf", "packet-file", [
        "exit 0",
        "error: evidence/aiweiban/f18-kids-loop.pdf: “文件”：PDF 已损坏，无法打开（页面树存在循环引用）",
    ], note="a page tree that contains itself: told in Chinese, without qpdf's English text and absolute path"),
    Case("files/f19-tiny-image.jpg", "packet-file", [
        "exit 0",
    ], note="a valid 2×2-pixel JPEG is placed like any photo (scaled into its frame; img2pdf's page is sized by cwassess)"),
    # --- spreadsheets: the reader, claims import, evidence import, ledger import -----------------------------
    Case("sheets/w01-zero-byte.xlsx", "workbook", [
        "w01-zero-byte.xlsx: 错误: 文件为空",
    ], note="zero bytes"),
    Case("sheets/w02-text-named.xlsx", "workbook", [
        "w02-text-named.xlsx: 错误: 不是有效的表格文件（.xlsx/.xls/.csv）（实际：文本文件）",
    ], note="CSV text named .xlsx"),
    Case("sheets/w03-zip-of-text.xlsx", "workbook", [
        "w03-zip-of-text.xlsx: 错误: 不是有效的表格文件（.xlsx/.xls/.csv）（实际：ZIP 压缩包（其中没有工作簿））",
    ], note="an .xlsx that is a zip of something else"),
    Case("sheets/w04-docx-named.xlsx", "workbook", [
        "w04-docx-named.xlsx: 错误: 不是有效的表格文件（.xlsx/.xls/.csv）（实际：Word 文档）",
    ], note="a Word document named .xlsx"),
    Case("sheets/w05-pdf-named.xlsx", "workbook", [
        "w05-pdf-named.xlsx: 错误: 不是有效的表格文件（.xlsx/.xls/.csv）（实际：PDF 文件）",
    ], note="a PDF named .xlsx"),
    Case("sheets/w06-html-named.xls", "workbook", [
        "w06-html-named.xls: 错误: 不是有效的表格文件（.xlsx/.xls/.csv）（实际：网页（HTML/XML）文件，请在 Excel 中另存为 .xlsx）",
    ], note="an HTML table named .xls (the usual 'Excel export')"),
    Case("sheets/w07-truncated.xlsx", "workbook", [
        "w07-truncated.xlsx: 错误: 不是有效的表格文件（.xlsx/.xls/.csv）（实际：损坏的 ZIP 压缩包）",
    ], note="truncated .xlsx"),
    Case("sheets/w08-encrypted.xlsx", "workbook", [
        "w08-encrypted.xlsx: 错误: 不是有效的表格文件（.xlsx/.xls/.csv）（实际：加密的文件（设置了打开密码），请去掉密码后再导入）",
    ], note="a password-protected workbook"),
    Case("sheets/w09-zip-bomb.xlsx", "workbook", [
        "w09-zip-bomb.xlsx: 错误: 文件解压后过大，拒绝读取（应为：不超过 1024 MB；实际：40960 MB）",
    ], note="a zip directory claiming 4 GB per member"),
    Case("sheets/w10-huge-dimension.xlsx", "workbook", [
        "w10-huge-dimension.xlsx: 错误: Sheet1: 工作表的数据范围过大（A1:XFD1048576），请删除表格以外的多余内容后再导入（应为：不超过 5000000 个单元格）",
    ], note="a cell at XFD1048576"),
    Case("sheets/w11-garbage-ole.xls", "workbook", [
        "w11-garbage-ole.xls: 错误: 不是有效的表格文件（.xlsx/.xls/.csv）（实际：文件已损坏或格式不受支持）",
    ], note="an OLE header followed by garbage"),
    Case("sheets/w12-gbk-stray-utf8.csv", "workbook", [
        "w12-gbk-stray-utf8.csv:1: 错误: 文件混用了多种编码：部分行是 UTF-8，此行不是；请整体另存为 UTF-8",
    ], note="GBK CSV with a stray UTF-8 row"),
    Case("sheets/w13-gbk.csv", "workbook", [], note="GBK CSV: accepted"),
    Case("sheets/w14-utf16-bom.csv", "workbook", [], note="UTF-16 CSV (Excel 'Unicode text'): accepted"),
    Case("sheets/w15-nul.csv", "workbook", [
        "w15-nul.csv:2: 错误: 文件含有 NUL 字节，不是文本文件（可能是二进制文件或 UTF-16 无 BOM）",
    ], note="a NUL in a CSV"),
    Case("sheets/w16-huge-cell.csv", "workbook", [
        "w16-huge-cell.csv:2: 错误: 第2行: 单元格内容过长（应为：每个单元格不超过 131072 个字符）",
    ], note="a 140,000-character cell"),
    Case("sheets/w17-too-many-rows.csv", "workbook", [
        "w17-too-many-rows.csv: 错误: 工作表超过 20000 行，请删除多余内容或拆分后再导入",
    ], note="20,002 rows (limit 20,000)"),
    Case("sheets/w18-styled-empty-rows.xlsx", "workbook", [], note="5,000 empty styled rows after the table: accepted"),
    Case("sheets/w19-formula-no-value.xlsx", "claims-import", [
        "w19-formula-no-value.xlsx:2:3: 错误: Sheet1!C2（牵头部门）: 公式没有保存计算结果，无法读取（本工具不计算公式）：请在 Excel 中打开并保存后重试，或改填数值",
    ], note="a formula saved without its value"),
    Case("sheets/w20-error-values.xlsx", "claims-import", [
        "w20-error-values.xlsx:2:4: 错误: Sheet1!D2（配合（承办）部门）: 公式的结果是错误值“#REF!”",
    ], note="a #REF! error value"),
    Case("sheets/w12-gbk-stray-utf8.csv", "claims-import", [
        "w12-gbk-stray-utf8.csv:1: 错误: 文件混用了多种编码：部分行是 UTF-8，此行不是；请整体另存为 UTF-8",
    ], note="the GBK CSV with a stray UTF-8 row, imported"),
    Case("sheets/w13-gbk.csv", "claims-import", [], note="GBK CSV imported"),
    Case("sheets/w14-utf16-bom.csv", "claims-import", [], note="UTF-16 CSV imported"),
    Case("sheets/w16-huge-cell.csv", "claims-import", [
        "w16-huge-cell.csv:2: 错误: 第2行: 单元格内容过长（应为：每个单元格不超过 131072 个字符）",
    ], note="a 140,000-character cell, imported"),
    Case("sheets/w18-styled-empty-rows.xlsx", "claims-import", [], note="5,000 empty styled rows, imported"),
    Case("sheets/w09-zip-bomb.xlsx", "ledger-import", [
        "w09-zip-bomb.xlsx: 错误: 文件解压后过大，拒绝读取（应为：不超过 1024 MB；实际：40960 MB）",
    ], note="the lying zip as a ledger import"),
    Case("sheets/w03-zip-of-text.xlsx", "evidence-import", [
        "w03-zip-of-text.xlsx: 错误: 不是有效的表格文件（.xlsx/.xls/.csv）（实际：ZIP 压缩包（其中没有工作簿））",
    ], note="a zip of something else as an evidence template"),
    Case("sheets/w17-too-many-rows.csv", "ledger-import", [
        "w17-too-many-rows.csv: 错误: 工作表超过 20000 行，请删除多余内容或拆分后再导入",
    ], note="20,002 rows as a ledger import"),
    Case("sheets/ci01-html-formula.csv", "claims-import", [], note="formulas and HTML in 责任人: accepted as text"),
    Case("sheets/ci02-bad-dates.csv", "claims-import", [
        "ci02-bad-dates.csv:2:5: 错误: E2（达标时间）: 无法识别的日期“2024年13月1日”（应为：日期，如 2027-05-31 或 2027年5月31日）",
        "ci02-bad-dates.csv:3:5: 错误: E3（达标时间）: 无法识别的日期“2027-02-30”（应为：日期，如 2027-05-31 或 2027年5月31日）",
        "ci02-bad-dates.csv:4:5: 错误: E4（达标时间）: 无法识别的日期“95%”（应为：日期，如 2027-05-31 或 2027年5月31日）",
        "ci02-bad-dates.csv:6:5: 警告: E6（达标时间）: 达标时间“长期坚持”不是具体日期，未设定达标时间（按评估日期）",
    ], note="达标时间: month 13, 30 February, 95%, 2099, 长期坚持"),
    Case("sheets/ci03-fullwidth.csv", "claims-import", [], note="full-width digits in 内容 and 达标时间: accepted"),
    Case("sheets/ci04-departments.csv", "claims-import", [
        "ci04-departments.csv:2:3: 错误: C2（牵头部门）: 牵头部门只能填一个，此格有 2 个：测试市爱卫办、测试市城管局",
        "ci04-departments.csv:4:2: 错误: B4（内容）: 未知条目“（四十六）”：本标准的条目为（一）至（四十五）",
        "ci04-departments.csv:5:2: 错误: B5（内容）: 未知条目“（四十六）”：本标准的条目为（一）至（四十五）",
    ], note="two leads, unknown departments, an unknown item, no item"),
    Case("sheets/ci05-numbers-for-text.xlsx", "claims-import", [
        "ci05-numbers-for-text.xlsx:3:5: 错误: Sheet1!E3（达标时间）: 无法识别的日期“2027”（应为：日期，如 2027-05-31 或 2027年5月31日）",
        "ci05-numbers-for-text.xlsx:4:5: 错误: Sheet1!E4（达标时间）: 无法识别的日期“-5”（应为：日期，如 2027-05-31 或 2027年5月31日）",
    ], note="numbers where text is expected and the reverse"),
    Case("sheets/ei01-values.xlsx", "evidence-import", [
        "ei01-values.xlsx:11:5: 错误: 指标!E11（年份）: 无法识别的年份“二〇一七”（应为：如 2025）",
        "ei01-values.xlsx:12:3: 错误: 指标!C12（单位）: 单位与指标“群众对卫生状况满意率”不一致（应为：%；实际：‰）",
        "ei01-values.xlsx:5:6: 错误: 指标!F5（数值）: 数值不能为负数（实际：-1.0）",
        "ei01-values.xlsx:6:6: 错误: 指标!F6（数值）: 无法识别的数值“inf”",
        "ei01-values.xlsx:7:6: 错误: 指标!F7（数值）: 无法识别的数值“NaN”",
        "ei01-values.xlsx:8:6: 错误: 指标!F8（数值）: 无法识别的数值“很高”",
        "ei01-values.xlsx:9:6: 错误: 指标!F9（数值）: 百分比不能超过 100（实际：1e+308）",
    ], note="95%, 0.95, full-width, negative, inf, NaN, words, 1e308, year forms, wrong unit"),
    Case("sheets/ei02-paths.xlsx", "evidence-import", [
        "ei02-paths.xlsx:2:8: 错误: 文件!H2（文件路径）: 路径“../../city.yaml”含有“..”，不允许指向证据目录之外",
        "ei02-paths.xlsx:3:8: 错误: 文件!H3（文件路径）: 不允许使用绝对路径“/etc/passwd”，请写相对于本部门证据目录的路径",
        "ei02-paths.xlsx:4:8: 错误: 文件!H4（文件路径）: 不允许使用绝对路径“C:\\Users\\周\\纪要.pdf”，请写相对于本部门证据目录的路径",
        "ei02-paths.xlsx:5:8: 错误: 文件!H5（文件路径）: 不允许使用绝对路径“\\\\fileserver\\share\\纪要.pdf”，请写相对于本部门证据目录的路径",
        "ei02-paths.xlsx:6:8: 错误: 文件!H6（文件路径）: 文件不存在：不存在.pdf（请先放入 evidence/aiweiban/ 目录）",
        "ei02-paths.xlsx:8:8: 错误: 文件!H8（文件路径）: 路径“minutes-2026.pdf␀.txt”含有不可见的控制字符（␀），请删除后重新填写",
    ], note=".., absolute, Windows, UNC, missing, a NUL (_x0000_) in a path"),
    Case("sheets/ei03-dates.xlsx", "evidence-import", [
        "ei03-dates.xlsx:2:11: 错误: 文件!K2（发文日期）: 无法识别的日期“2024年13月1日”",
        "ei03-dates.xlsx:3:11: 错误: 文件!K3（发文日期）: 无法识别的日期“2027-02-30”",
        "ei03-dates.xlsx:6:11: 错误: 文件!K6（发文日期）: 无法识别的日期“5”",
        "ei03-dates.xlsx:7:14: 错误: 文件!N7（覆盖结束）: 覆盖时间段须同时填写开始和结束",
    ], note="month 13, 30 February, a date cell, a serial, a small number, half a period"),
    Case("sheets/ei04-not-template.xlsx", "evidence-import", [
        "ei04-not-template.xlsx: 错误: 不是证据填报模板：找不到“指标”“文件”或“自评说明”工作表",
    ], note="a workbook that is not the template"),
    Case("sheets/ei05-html-formula.xlsx", "evidence-import", [], note="HTML and formulas in 自评说明 and 标题: accepted as text"),
    Case("sheets/ei06-long-path.xlsx", "evidence-import", [
        "ei06-long-path.xlsx:2:8: 错误: 文件!H2（文件路径）: 无法读取文件：文件名过长",
    ], note="a 100-character Chinese name (Path.is_file raised OSError): too long for the file system"),
    Case("sheets/li01-dates.csv", "ledger-import", [
        "li01-dates.csv:2:2: 错误: B2（发现日期）: 无法识别的日期“2024年13月1日”",
        "li01-dates.csv:3:2: 错误: B3（发现日期）: 发现日期 2099-01-01 晚于今天（2027-03-01）",
        "li01-dates.csv:4:10: 错误: J4（整改期限）: 整改期限 2026-11-01 早于发现日期 2026-11-10",
        "li01-dates.csv:5:10: 错误: J5（整改期限）: 无法识别的日期“长期”",
        "li01-dates.csv:5:2: 错误: B5（发现日期）: 缺少发现日期",
        "li01-dates.csv:6:10: 错误: J6（整改期限）: 无法识别的日期“-5”",
        "li01-dates.csv:6:2: 错误: B6（发现日期）: 无法识别的日期“NaN”",
    ], note="发现日期/整改期限: month 13, future, deadline before finding, empty, NaN, -5"),
    Case("sheets/li02-photo-paths.csv", "ledger-import", [
        "li02-photo-paths.csv:2:9: 错误: I2（照片）: 照片“../city.yaml”在工作区之外，已拒绝：请先把照片放进工作区（如 ledger/photos/）",
        "li02-photo-paths.csv:3:9: 错误: I3（照片）: 照片“/etc/passwd”在工作区之外，已拒绝：请先把照片放进工作区（如 ledger/photos/）",
        "li02-photo-paths.csv:4:9: 错误: I4（照片）: 照片“C:\\照片\\a.jpg”在工作区之外，已拒绝：请先把照片放进工作区（如 ledger/photos/）",
        "li02-photo-paths.csv:5:9: 错误: I5（照片）: 照片“ledger/photos/none.jpg”不存在",
        "li02-photo-paths.csv:6:9: 错误: I6（照片）: 照片“city.yaml”不是 JPG 或 PNG 图片（扩展名“.yaml”）",
        "li02-photo-paths.csv:7:9: 错误: I7（照片）: 照片“ledger/photos/fake.jpg”的内容不是 JPG 图片",
        "li02-photo-paths.csv:8:9: 错误: I8（照片）: 照片“ledger/photos/outside.jpg”在工作区之外，已拒绝：请先把照片放进工作区（如 ledger/photos/）",
    ], setup=ledger_photos, note="photos: .., absolute, Windows, missing, not an image, text named .jpg, symlink out"),
    Case("sheets/li03-photo-nul.xlsx", "ledger-import", [
        "li03-photo-nul.xlsx:2:9: 错误: Sheet1!I2（照片）: 照片“ledger/photos/before.jpg␀”的路径含有 NUL 字符，无效",
    ], note="a NUL (_x0000_) in a photo path: refused, shown as ␀ (was a crash: ValueError in check_photo)"),
    Case("sheets/li04-photo-long-name.csv", "ledger-import", [
        "li04-photo-long-name.csv:2:9: 错误: I2（照片）: 无法读取照片“ledger/photos/长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长.jpg”：文件名过长",
    ], note="a 100-character Chinese photo name: the OS refuses it (was a crash: OSError in check_photo)"),
    Case("sheets/li05-html-formula.csv", "ledger-import", [], note="HTML and formulas in 地址 and 问题描述: accepted as text"),
    Case("sheets/li06-no-header.csv", "ledger-import", [
        "li06-no-header.csv: 错误: 找不到表头：需要包含“发现日期”和“问题描述”列（在每个工作表的前 30 行中查找）",
    ], note="no header"),
    Case("sheets/li07-odd-cells.xlsx", "ledger-import", [
        "li07-odd-cells.xlsx:2:2: 错误: Sheet1!B2（发现日期）: 日期“1900-01-01”不在 1990—2100 年之间",
        f"li07-odd-cells.xlsx:3:11: 错误: Sheet1!K3（条目）: 未知条目“{NINES[:59]}…”",
    ], note="a date cell showing 1900-01-01 is refused like the typed date; a 4,400-digit 条目 is an unknown item, shortened (was a crash: int())"),
    # --- the ledger's files ----------------------------------------------------------------------------------
    Case("ledger/l01-config-alias.yaml", "ledger-config", [
        "ws/ledger/config.yaml:3:16: 错误: 不支持 YAML 锚点和别名（& 与 *），请直接写出内容",
    ], note="an alias in ledger/config.yaml"),
    Case("ledger/l02-config-python-tag.yaml", "ledger-config", [
        "ws/ledger/config.yaml:4:10: 错误: classes: 不支持自定义 YAML 标签（以 ! 开头），出于安全原因已拒绝（实际：tag:yaml.org,2002:python/object/new:dict）",
    ], note="a python tag in ledger/config.yaml"),
    Case("ledger/l03-config-days.yaml", "ledger-config", [
        "ws/ledger/config.yaml:2:25: 错误: deadline_days.较重: 应为整数（实际：.nan）",
        "ws/ledger/config.yaml:2:35: 错误: deadline_days.一般: 应为整数（实际：十五）",
    ], note="negative, NaN and Chinese-numeral deadline days"),
    Case("ledger/l04-config-unknown-verifier.yaml", "ledger-config", [
        "ws/ledger/config.yaml:1:18: 错误: verifiers.1: 未知单位“<script>”（可写部门代码、部门名称，或区、街道的名称）",
        "ws/ledger/config.yaml:3:1: 错误: default_severity: 严重程度“特别严重”不在 deadline_days 中（应为：一般）",
    ], note="unknown verifiers, HTML, a severity not in the list"),
    Case("ledger/l05-grids-unknown-place.yaml", "ledger-grids", [
        "ws/ledger/grids.yaml:2:17: 错误: grids.0.district: 未知区“丙区”",
        "ws/ledger/grids.yaml:3:31: 错误: grids.1.street: “甲区”没有街道“三街道”，是否想写“二街道”？",
        "ws/ledger/grids.yaml:3:55: 错误: grids.1.lead_unit: 未知单位“不存在局”（可写部门代码、部门名称，或区、街道的名称）",
        "ws/ledger/grids.yaml:3:6: 错误: grids.1.name: 网格“网格1”重复",
    ], note="unknown district, duplicate grid, unknown unit"),
    Case("ledger/l06-grids-gbk.yaml", "ledger-grids", [], note="GBK grids file: accepted"),
    Case("ledger/l07-ledger-db-not-sqlite.db", "cli:ledger list", [
        "exit 1",
        "ws/ledger/ledger.db: 错误: 无法打开整改台账：文件不是整改台账数据库",
        "整改台账无法使用：1 个错误，0 个警告",
    ], target="ledger/ledger.db", note="ledger.db that is a text file"),
    Case("ledger/l08-ledger-db-truncated.db", "cli:ledger list", [
        "exit 1",
        "ws/ledger/ledger.db: 错误: 无法打开整改台账：数据库文件已损坏",
        "整改台账无法使用：1 个错误，0 个警告",
    ], target="ledger/ledger.db", note="a truncated SQLite file as ledger.db"),
    # --- the official document (import-official) -------------------------------------------------------------
    Case("official/o01-empty.txt", "official", [
        "o01-empty.txt: 错误: 文件为空",
    ], note="zero bytes"),
    Case("official/o02-whitespace.txt", "official", [
        "o02-whitespace.txt: 错误: 文件为空",
    ], note="whitespace only"),
    Case("official/o03-nul.txt", "official", [
        "o03-nul.txt:2: 错误: 文件含有 NUL 字节，不是文本文件（可能是二进制文件或 UTF-16 无 BOM）",
    ], note="a NUL byte"),
    Case("official/o04-mixed-encoding.txt", "official", [
        "o04-mixed-encoding.txt:2: 错误: 文件混用了多种编码：部分行是 UTF-8，此行不是；请整体另存为 UTF-8",
    ], note="UTF-8 with a GBK line"),
    Case("official/o05-latin1.txt", "official", [
        "o05-latin1.txt:1: 错误: 无法识别文件编码（应为：UTF-8 或 GBK；实际：无法解码的字节）",
    ], note="Latin-1"),
    Case("official/o06-old-word.doc", "official", [
        "o06-old-word.doc: 错误: 不支持旧版 Word（.doc）文件：请在 Word 或 WPS 中另存为 .docx 后再导入",
    ], note="old Word .doc"),
    Case("official/o07-wps.wps", "official", [
        "o07-wps.wps: 错误: 不支持旧版 Word（.doc）文件：请在 Word 或 WPS 中另存为 .docx 后再导入",
    ], note="WPS .wps"),
    Case("official/o08-rich-text.rtf", "official", [
        "o08-rich-text.rtf: 错误: 不支持的文件类型“.rtf”：请提供 .txt、.docx 或带文字层的 .pdf",
    ], note=".rtf"),
    Case("official/o09-text-named.docx", "official", [
        "o09-text-named.docx: 错误: 不是有效的 .docx 文件（无法作为 Word 文档打开）",
    ], note="text named .docx"),
    Case("official/o10-docx-entities.docx", "official", [
        "o10-docx-entities.docx: 错误: 不是有效的 .docx 文件（无法作为 Word 文档打开）",
    ], note="a .docx with an entity-expansion DTD"),
    Case("official/o11-docx-zip-bomb.docx", "official", [
        "o11-docx-zip-bomb.docx: 错误: 不是有效的 .docx 文件（无法作为 Word 文档打开）",
    ], note="a .docx whose zip directory claims 2 GB"),
    Case("official/o12-docx-empty.docx", "official", [
        "o12-docx-empty.docx: 错误: Word 文档中没有文字",
    ], note="a .docx without text"),
    Case("official/o13-docx-deep.docx", "official", [
        "o13-docx-deep.docx: 错误: 不是有效的 .docx 文件（无法作为 Word 文档打开）",
    ], note="a .docx with 20,000 nested tables"),
    Case("official/o14-corrupt.pdf", "official", [
        "o14-corrupt.pdf: 错误: 不是有效的 PDF 文件（文件已损坏或不是 PDF）",
    ], note="corrupt PDF"),
    Case("official/o15-truncated.pdf", "official", [
        "o15-truncated.pdf: 错误: 不是有效的 PDF 文件（文件已损坏或不是 PDF）",
    ], note="truncated PDF"),
    Case("official/o16-encrypted.pdf", "official", [
        "o16-encrypted.pdf: 错误: PDF 已加密，需要密码才能打开：请提供未加密的文件",
    ], note="PDF with an open password"),
    Case("official/o17-owner-password-only.pdf", "official", [
        "o17-owner-password-only.pdf: 错误: PDF 没有文字层（可能是扫描件），请提供带文字的 PDF、.docx 或 .txt",
    ], note="PDF with only an owner password: opened"),
    Case("official/o18-no-text-layer.pdf", "official", [
        "o18-no-text-layer.pdf: 错误: PDF 没有文字层（可能是扫描件），请提供带文字的 PDF、.docx 或 .txt",
    ], note="no Chinese text layer"),
    Case("official/o19-too-many-pages.pdf", "official", [
        "o19-too-many-pages.pdf: 错误: PDF 页数过多（应为：不超过 500 页；实际：600 页）",
    ], note="600 pages (limit 500)"),
    Case("official/o20-count-lie.pdf", "official", [
        "o20-count-lie.pdf: 错误: PDF 没有文字层（可能是扫描件），请提供带文字的 PDF、.docx 或 .txt",
    ], note="a page tree claiming 2^31-1 pages"),
    Case("official/o21-html.txt", "official", [
        "o21-html.txt: 警告: 未找到任何部分标题：正文中应有“一、爱国卫生组织管理”这样的标题",
        "o21-html.txt: 错误: 未找到任何条目：正文中应有以“（一）”“（二）”……开头的段落",
    ], note="HTML and script as the official text"),
    Case("official/o22-long-line.txt", "official", [
        "o22-long-line.txt: 警告: 未找到任何部分标题：正文中应有“一、爱国卫生组织管理”这样的标题",
        "o22-long-line.txt: 错误: 未找到任何条目：正文中应有以“（一）”“（二）”……开头的段落",
    ], note="a 70,000-character line"),
    Case("official/o23-text-named.pdf", "official", [
        "o23-text-named.pdf: 错误: 不是有效的 PDF 文件（文件已损坏或不是 PDF）",
    ], note="text named .pdf"),
    Case("official/o24-kids-loop.pdf", "official", [
        "o24-kids-loop.pdf: 错误: 不是有效的 PDF 文件（文件已损坏或不是 PDF）",
    ], note="a page tree that contains itself"),
    Case("official/o25-docx-bad-deflate.docx", "official", [
        "o25-docx-bad-deflate.docx: 错误: 不是有效的 .docx 文件（无法作为 Word 文档打开）",
    ], note="regression, official/extract.docx_text: a damaged deflate stream raises zlib.error, which was not caught (crash)"),
]
