"""The 责任分解表 as pure data: item references, row parsing, combining rows, planning changes, export rows."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cwassess.claims.table import (
    DATE_EXPECTED,
    SPEC,
    UNVERIFIED_MARK,
    Assignment,
    RowContext,
    combine_rows,
    department_choices,
    export_rows,
    parse_row,
    plan_changes,
    split_item_ref,
)
from cwassess.models.city import CityFile, RosterEntry
from cwassess.models.claims import Claim, ClaimsFile
from cwassess.sheets import Record
from cwassess.standard.load import load_standard
from cwassess.standard.model import Standard
from cwassess.workspace import bundled_standard_dir

FIELDS = ["number", "section", "item", "text", "leader", "lead", "support", "deadline", "contact"]
LABELS = {f.name: f.label for f in SPEC.fields}


@pytest.fixture(scope="module")
def std() -> Standard:
    loaded = load_standard(bundled_standard_dir())
    assert loaded.standard is not None
    return loaded.standard


@pytest.fixture(scope="module")
def city() -> CityFile:
    return CityFile(
        name="测试市",
        kind="city",
        population_wan=120,
        legislative_power=True,
        assessment_date=dt.date(2027, 6, 30),
        departments=[
            RosterEntry(code="aiweiban", name="测试市爱卫办", leader="王副市长"),
            RosterEntry(code="weijianwei"),
            RosterEntry(code="chengguan", name="测试市城市管理局", leader="李副市长"),
            RosterEntry(code="huanwei", name="测试市环卫处", aliases=["环卫处"]),
        ],
    )


@pytest.fixture(scope="module")
def ctx(std: Standard, city: CityFile) -> RowContext:
    return RowContext.build(std, city)


def record(values: dict[str, object], row: int = 5, sheet: str = "表", origins: dict[str, int] | None = None) -> Record:
    columns = {name: i for i, name in enumerate(FIELDS, start=1)}
    return Record(
        file="t.xlsx",
        sheet=sheet,
        row=row,
        values={n: values.get(n) for n in FIELDS},
        columns=columns,
        labels=dict(LABELS),
        origins=origins or {},
    )


def rendered(parsed) -> list[str]:  # type: ignore[no-untyped-def]
    return [p.render() for p in parsed.problems]


# --- item references ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "number", "rest"),
    [
        ("（十二）绿化覆盖率和公园绿地", 12, "绿化覆盖率和公园绿地"),
        ("(12)", 12, ""),
        ("（１２）", 12, ""),
        ("12", 12, ""),
        ("12、绿化", 12, "绿化"),
        ("12. 绿化", 12, "绿化"),
        ("第十二条", 12, ""),
        ("第12条 绿化", 12, "绿化"),
        ("第（十二）条", 12, ""),
        ("三-(十二)", 12, ""),
        ("三、（十二）绿化", 12, "绿化"),
        ("十二", None, "十二"),
        ("二、健康教育和健康促进", None, "二、健康教育和健康促进"),
        ("绿化覆盖率和公园绿地", None, "绿化覆盖率和公园绿地"),
        ("2024年工作", None, "2024年工作"),
    ],
)
def test_split_item_ref(text: str, number: int | None, rest: str) -> None:
    assert split_item_ref(text) == (number, rest)


# --- one row -----------------------------------------------------------------------------------------------------


def test_a_full_row(ctx: RowContext) -> None:
    parsed = parse_row(
        record(
            {
                "item": "（一）纳入议事日程、发展规划、绩效考核和爱国卫生法规",
                "lead": "市爱卫办",
                "support": "政府办、发改委\n考核办；司法局",
                "deadline": "2027年5月31日",
                "contact": "张三",
                "leader": "赵副市长",
            }
        ),
        ctx,
    )
    assert parsed.problems == [] and not parsed.skipped
    entry = parsed.entry
    assert entry is not None
    assert (entry.item, entry.lead, entry.support) == ("org-agenda", "aiweiban", ("zhengfuban", "fagai", "kaohe", "sifa"))
    assert (entry.deadline, entry.contact, entry.leader, entry.group) == (dt.date(2027, 5, 31), "张三", "赵副市长", ("表", 5))


def test_roster_names_and_city_departments_resolve(ctx: RowContext) -> None:
    parsed = parse_row(record({"item": "（十）", "lead": "测试市城市管理局", "support": "环卫处"}), ctx)
    assert parsed.entry is not None and (parsed.entry.lead, parsed.entry.support) == ("chengguan", ("huanwei",))


@pytest.mark.parametrize("ref", ["（十二）", "(12)", "12", 12, 12.0, "第十二条", "第12条", "三-(十二)", "绿化覆盖率和公园绿地", "（十二）绿化覆盖率和公园绿地"])
def test_item_reference_forms(ctx: RowContext, ref: object) -> None:
    parsed = parse_row(record({"item": ref, "lead": "园林局"}), ctx)
    assert parsed.entry is not None and parsed.entry.item == "env-greening"


def test_number_column_is_used_when_the_content_has_no_number(ctx: RowContext, std: Standard) -> None:
    parsed = parse_row(record({"number": 3, "lead": "爱卫办"}), ctx)
    assert parsed.entry is not None and parsed.entry.item == std.items_by_number[3].id
    assert parsed.entry.group == ("表", 5) and parsed.problems == []


def test_a_bare_number_against_other_content_is_a_warning(ctx: RowContext, std: Standard) -> None:
    parsed = parse_row(record({"number": 3, "item": "群众性爱国卫生活动等", "lead": "爱卫办"}), ctx)
    assert parsed.entry is not None and parsed.entry.item == std.items_by_number[3].id
    assert [(p.severity, p.render()) for p in parsed.problems] == [
        (
            "warning",
            f"t.xlsx:5:1: 警告: 表!A5（序号）: 按“序号”列的“3”认定为（三）{std.items_by_number[3].title}；“内容”列写的是“群众性爱国卫生活动等”，请核对",
        )
    ]


def test_a_section_number_in_the_number_column_is_a_heading(ctx: RowContext) -> None:
    assert parse_row(record({"number": "二", "item": "健康教育和健康促进"}), ctx).skipped


def test_heading_rows_are_skipped(ctx: RowContext) -> None:
    assert parse_row(record({"section": "二、健康教育和健康促进"}), ctx).skipped
    assert parse_row(record({"text": "说明：本表由爱卫办汇总"}), ctx).skipped
    assert parse_row(record({"item": "二、健康教育和健康促进"}), ctx).skipped
    assert parse_row(record({"item": "注：各单位于每月5日前报送"}), ctx).skipped
    unknown = parse_row(record({"item": "（四十六）"}), ctx)  # looks like an item: reported, not skipped
    assert [p.message for p in unknown.problems] == ["未知条目“（四十六）”：本标准的条目为（一）至（四十五）"]


def test_missing_item(ctx: RowContext) -> None:
    parsed = parse_row(record({"lead": "爱卫办"}), ctx)
    assert parsed.entry is None and not parsed.skipped
    assert rendered(parsed) == ["t.xlsx:5:3: 错误: 表!C5（内容）: 缺少条目：请在“内容”列写明条目，如“（十二）”"]


def test_unknown_item_number(ctx: RowContext) -> None:
    parsed = parse_row(record({"item": "（四十六）", "lead": "爱卫办"}), ctx)
    assert rendered(parsed) == ["t.xlsx:5:3: 错误: 表!C5（内容）: 未知条目“（四十六）”：本标准的条目为（一）至（四十五）"]


def test_unrecognised_item(ctx: RowContext) -> None:
    parsed = parse_row(record({"item": "某某专项工作", "lead": "爱卫办"}), ctx)
    assert rendered(parsed) == ["t.xlsx:5:3: 错误: 表!C5（内容）: 无法识别条目“某某专项工作”：请写明条目序号，如“（十二）”"]


def test_number_and_title_disagree(ctx: RowContext, std: Standard) -> None:
    one, two = std.items_by_number[1], std.items_by_number[2]
    parsed = parse_row(record({"item": f"（一）{two.title}", "lead": "爱卫办"}), ctx)
    assert [p.message for p in parsed.problems] == [f"条目序号与名称不一致：（一）是“{one.title}”，而“{two.title}”是（二）"]


def test_item_not_applicable(std: Standard, city: CityFile) -> None:
    county_only = std.items[0].model_copy(update={"applies_to": ["county"]})
    sections = [std.sections[0].model_copy(update={"items": [county_only, *std.sections[0].items[1:]]}), *std.sections[1:]]
    # the standard with item （一） for counties only
    changed = Standard(
        meta=std.meta, sections=sections, indicators=std.indicators, departments=std.departments, sampling=std.sampling, profiles=std.profiles
    )
    ctx = RowContext.build(changed, city)
    parsed = parse_row(record({"item": "（一）", "lead": "爱卫办"}), ctx)
    assert [p.message for p in parsed.problems] == [f"（一）{county_only.title}不适用于本市（仅适用于国家卫生县）"]


def test_unknown_department_with_and_without_suggestion(ctx: RowContext) -> None:
    parsed = parse_row(record({"item": "（十）", "lead": "城管", "support": "住建局、火星局"}), ctx)
    assert rendered(parsed) == [
        "t.xlsx:5:6: 错误: 表!F5（牵头部门）: 未知部门“城管”，是否想写“chengguan（城管局）”？",
        "t.xlsx:5:7: 错误: 表!G5（配合（承办）部门）: 未知部门“火星局”",
    ]
    assert parsed.entry is None


def test_several_leads_in_one_cell(ctx: RowContext) -> None:
    parsed = parse_row(record({"item": "（一）", "lead": "爱卫办、卫健委"}), ctx)
    assert [p.message for p in parsed.problems] == ["牵头部门只能填一个，此格有 2 个：爱卫办、卫健委"]


def test_bad_date_has_expected_text(ctx: RowContext) -> None:
    parsed = parse_row(record({"item": "（一）", "lead": "爱卫办", "deadline": "2027年13月1日"}), ctx)
    [problem] = parsed.problems
    assert problem.render() == f"t.xlsx:5:8: 错误: 表!H5（达标时间）: 无法识别的日期“2027年13月1日”（应为：{DATE_EXPECTED}）"
    assert DATE_EXPECTED == "日期，如 2027-05-31 或 2027年5月31日"


def test_text_too_long(ctx: RowContext) -> None:
    parsed = parse_row(record({"item": "（一）", "lead": "爱卫办", "contact": "张" * 201}), ctx)
    [problem] = parsed.problems
    assert problem.render() == "t.xlsx:5:9: 错误: 表!I5（责任人）: 文本过长（应为：最多 200 个字符；实际：201 个字符）"


def test_warnings_do_not_reject_a_row(ctx: RowContext) -> None:
    parsed = parse_row(record({"item": "（一）", "lead": "爱卫办", "support": "爱卫办、卫健委", "deadline": "长期坚持"}), ctx)
    assert [(p.severity, p.message) for p in parsed.problems] == [
        ("warning", "“爱卫办”已是牵头部门，不再列为配合部门"),
        ("warning", "达标时间“长期坚持”不是具体日期，未设定达标时间（按评估日期）"),
    ]
    assert parsed.entry is not None and parsed.entry.support == ("weijianwei",) and parsed.entry.deadline is None


def test_unreadable_cells_reject_the_row(ctx: RowContext) -> None:
    rec = record({"item": "（一）", "lead": None})
    rec.problems.append(rec.problem("sheet.unreadable-cell", "公式的结果是错误值“#REF!”", "lead"))
    parsed = parse_row(rec, ctx)
    assert parsed.entry is None and [p.message for p in parsed.problems] == ["公式的结果是错误值“#REF!”"]


CELL = st.one_of(
    st.none(),
    st.text(max_size=40),
    st.integers(min_value=-10**12, max_value=10**12),
    st.floats(),
    st.booleans(),
    st.dates(),
    st.datetimes(),
    st.times(),
    st.sampled_from(["（一）", "12", "第十二条", "三-(十二)", "（四十六）", "爱卫办", "爱卫办、卫健委", "城管", "2027年13月1日", "2027-05-31"]),
)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(values=st.fixed_dictionaries({name: CELL for name in FIELDS}), row=st.integers(min_value=1, max_value=20_000))
def test_any_row_gives_an_entry_or_located_problems(ctx: RowContext, values: dict[str, object], row: int) -> None:
    parsed = parse_row(record(values, row=row), ctx)
    errors = [p for p in parsed.problems if p.severity == "error"]
    if parsed.entry is None:
        assert parsed.skipped or errors
    else:
        assert not errors and parsed.entry.item in ctx.std.items_by_id
    for problem in parsed.problems:
        assert problem.file == "t.xlsx" and problem.line == row and problem.key and problem.key.startswith("表!")
    combine_rows([parsed.entry] if parsed.entry else [], ctx)


# --- several rows ------------------------------------------------------------------------------------------------


def entries(ctx: RowContext, rows: list[tuple[int, dict[str, object], dict[str, int] | None]]):  # type: ignore[no-untyped-def]
    result = []
    for row, values, origins in rows:
        parsed = parse_row(record(values, row=row, origins=origins), ctx)
        assert parsed.entry is not None, parsed.problems
        result.append(parsed.entry)
    return result


def test_rows_of_one_merged_item_combine(ctx: RowContext) -> None:
    rows = entries(
        ctx,
        [
            (4, {"item": "（一）", "lead": "爱卫办", "support": "政府办", "deadline": "2027-05-31"}, None),
            (5, {"item": "（一）", "support": "司法局、政府办"}, {"item": 4}),
        ],
    )
    combined = combine_rows(rows, ctx)
    assert combined.problems == []
    a = combined.assignments["org-agenda"]
    assert (a.lead, a.support, a.deadline, a.rows) == ("aiweiban", ("zhengfuban", "sifa"), dt.date(2027, 5, 31), [4, 5])


def test_two_leads_across_merged_rows(ctx: RowContext, std: Standard) -> None:
    rows = entries(ctx, [(4, {"item": "（一）", "lead": "爱卫办"}, None), (5, {"item": "（一）", "lead": "卫健委"}, {"item": 4})])
    combined = combine_rows(rows, ctx)
    title = std.items_by_number[1].title
    assert [p.render() for p in combined.problems] == [f"t.xlsx:5: 错误: 表!第5行: （一）{title}的牵头部门不一致：第 4 行为“爱卫办”，第 5 行为“卫健委”"]
    assert combined.assignments == {} and combined.rejected_rows == {("表", 4), ("表", 5)}


def test_conflicting_dates_across_merged_rows(ctx: RowContext, std: Standard) -> None:
    rows = entries(
        ctx,
        [
            (4, {"item": "（一）", "lead": "爱卫办", "deadline": "2027-05-31"}, None),
            (5, {"item": "（一）", "deadline": "2027-06-30"}, {"item": 4}),
        ],
    )
    [problem] = combine_rows(rows, ctx).problems
    assert problem.message == f"（一）{std.items_by_number[1].title}的达标时间不一致：第 4 行为“2027-05-31”，第 5 行为“2027-06-30”"


def test_duplicate_rows_name_both_rows(ctx: RowContext, std: Standard) -> None:
    rows = entries(ctx, [(4, {"item": "（一）", "lead": "爱卫办"}, None), (6, {"item": "（二）", "lead": "爱卫办"}, None), (9, {"item": "1", "lead": "爱卫办"}, None)])
    combined = combine_rows(rows, ctx)
    assert [p.render() for p in combined.problems] == [
        f"t.xlsx:9: 错误: 表!第9行: （一）{std.items_by_number[1].title}重复：第 4 行和第 9 行都填写了此条，两处均未导入"
    ]
    assert list(combined.assignments) == ["org-committee"]
    assert combined.rejected_rows == {("表", 4), ("表", 9)}


def test_duplicate_rows_on_two_sheets(ctx: RowContext, std: Standard) -> None:
    first = parse_row(record({"item": "（一）", "lead": "爱卫办"}, row=4, sheet="一"), ctx).entry
    second = parse_row(record({"item": "（一）", "lead": "爱卫办"}, row=3, sheet="二"), ctx).entry
    [problem] = combine_rows([first, second], ctx).problems  # type: ignore[list-item]
    assert problem.message == f"（一）{std.items_by_number[1].title}重复：工作表“一”第 4 行和第 3 行都填写了此条，两处均未导入"
    assert problem.key == "二!第3行"


def test_support_without_lead_and_unassigned_items(ctx: RowContext, std: Standard) -> None:
    rows = entries(ctx, [(4, {"item": "（一）", "support": "政府办"}, None), (5, {"item": "（二）", "contact": "张三"}, None)])
    combined = combine_rows(rows, ctx)
    assert [(p.severity, p.render()) for p in combined.problems] == [
        ("error", f"t.xlsx:4: 错误: 表!第4行: （一）{std.items_by_number[1].title}缺少牵头部门"),
        ("warning", f"t.xlsx:5: 警告: 表!第5行: （二）{std.items_by_number[2].title}未填写牵头部门和配合部门，此条未导入"),
    ]
    assert combined.assignments == {} and combined.rejected_rows == {("表", 4)}


# --- planning ----------------------------------------------------------------------------------------------------


def assignment(item: str, lead: str, support: tuple[str, ...] = (), **kw: object) -> Assignment:
    return Assignment(
        item=item,
        lead=lead,
        support=support,
        deadline=kw.get("deadline"),  # type: ignore[arg-type]
        contact=kw.get("contact"),  # type: ignore[arg-type]
        leader=kw.get("leader"),  # type: ignore[arg-type]
        sheet="表",
        rows=[4],
    )


def summary(plan) -> list[tuple[str, str, str, str, list[str]]]:  # type: ignore[no-untyped-def]
    return [(d.department, c.kind, c.item, c.role, c.details) for d in plan.departments for c in d.changes]


def test_plan_replaces_the_item_and_keeps_other_fields(std: Standard, city: CityFile) -> None:
    files = [
        ClaimsFile(
            department="aiweiban",
            claims=[
                Claim(item="org-agenda", role="lead", requirements=["agenda"], materials=["meeting-minutes"], note="备注"),
                Claim(item="org-committee", role="lead"),
            ],
        ),
        ClaimsFile(department="weijianwei", claims=[Claim(item="org-agenda", role="support"), Claim(item="org-agenda", role="lead")]),
        ClaimsFile(department="fagai", claims=[Claim(item="org-agenda", role="support", deadline=dt.date(2027, 1, 1))]),
    ]
    plan = plan_changes(
        std,
        city,
        files,
        {"org-agenda": assignment("org-agenda", "aiweiban", ("fagai", "sifa"), deadline=dt.date(2027, 5, 31), contact="张三", leader="王副市长")},
    )
    assert summary(plan) == [
        ("aiweiban", "change", "org-agenda", "lead", ["达标时间：未设定 → 2027-05-31", "责任人：未填写 → 张三"]),
        ("weijianwei", "remove", "org-agenda", "support", []),
        ("weijianwei", "remove", "org-agenda", "lead", []),
        ("sifa", "add", "org-agenda", "support", []),
    ]
    after = {d.department: d.after for d in plan.departments}
    kept = after["aiweiban"].claims[0]
    assert (kept.requirements, kept.materials, kept.note, kept.leader) == (["agenda"], ["meeting-minutes"], "备注", None)
    assert after["aiweiban"].claims[1] == Claim(item="org-committee", role="lead")
    assert after["weijianwei"].claims == []
    assert after["sifa"] == ClaimsFile(department="sifa", claims=[Claim(item="org-agenda", role="support")])
    assert not next(d for d in plan.departments if d.department == "sifa").existed
    assert "fagai" not in after  # unchanged: its own deadline on a support claim stays
    assert plan.counts() == {"add": 1, "remove": 2, "change": 1}


def test_plan_role_swap_and_leader(std: Standard, city: CityFile) -> None:
    files = [
        ClaimsFile(department="yuanlin", claims=[Claim(item="env-greening", role="lead", contact="李四")]),
        ClaimsFile(department="zhujian", claims=[Claim(item="env-greening", role="support", materials=["x"])]),
    ]
    plan = plan_changes(std, city, files, {"env-greening": assignment("env-greening", "zhujian", ("yuanlin",), leader="周副市长")})
    assert summary(plan) == [
        ("yuanlin", "change", "env-greening", "support", ["牵头 → 配合"]),
        ("zhujian", "change", "env-greening", "lead", ["配合 → 牵头", "分管市领导：未填写 → 周副市长"]),
    ]
    after = {d.department: d.after for d in plan.departments}
    assert after["yuanlin"].claims == [Claim(item="env-greening", role="support", contact="李四")]
    assert after["zhujian"].claims == [Claim(item="env-greening", role="lead", materials=["x"], leader="周副市长")]
    rendered_changes = [c.render() for d in plan.departments for c in d.changes]
    assert rendered_changes[0] == "变更 （十二）绿化覆盖率和公园绿地 ［配合］：牵头 → 配合"


def test_roster_leader_is_not_copied_into_claims(std: Standard, city: CityFile) -> None:
    files = [ClaimsFile(department="aiweiban", claims=[Claim(item="org-agenda", role="lead")])]
    plan = plan_changes(std, city, files, {"org-agenda": assignment("org-agenda", "aiweiban", (), leader="王副市长")})
    assert plan.empty


def test_new_claims_go_in_standard_order(std: Standard, city: CityFile) -> None:
    files = [ClaimsFile(department="aiweiban", claims=[Claim(item="org-agenda", role="lead"), Claim(item="org-complaints", role="lead")])]
    plan = plan_changes(std, city, files, {"org-committee": assignment("org-committee", "aiweiban")})
    assert [c.item for c in plan.departments[0].after.claims] == ["org-agenda", "org-committee", "org-complaints"]


# --- export rows -------------------------------------------------------------------------------------------------


def test_export_rows(std: Standard, city: CityFile) -> None:
    files = [
        ClaimsFile(department="aiweiban", claims=[Claim(item="org-agenda", role="lead", deadline=dt.date(2027, 5, 31), contact="张三")]),
        ClaimsFile(department="weijianwei", claims=[Claim(item="org-agenda", role="support")]),
        ClaimsFile(department="chengguan", claims=[Claim(item="org-agenda", role="support"), Claim(item="env-roads", role="lead", leader="自定领导")]),
        ClaimsFile(department="jiedao", claims=[Claim(item="env-roads", role="lead")]),
    ]
    rows = {r.item: r for r in export_rows(std, city, files)}
    assert [r.item for r in export_rows(std, city, files)] == [it.id for it in std.items]
    first = rows["org-agenda"]
    assert first.section == "一、爱国卫生组织管理"
    assert first.content == f"（一）{std.items_by_number[1].title}"
    assert (first.leader, first.lead, first.support, first.deadline, first.contact) == (
        "王副市长",
        "测试市爱卫办",
        "卫健委、测试市城市管理局",
        dt.date(2027, 5, 31),
        "张三",
    )
    roads = rows["env-roads"]
    assert (roads.lead, roads.leader) == ("测试市城市管理局、街道办事处", "自定领导")
    assert rows["org-committee"].lead == "" and rows["org-committee"].leader == ""
    for item in std.items:
        assert rows[item.id].text.endswith(UNVERIFIED_MARK) == (item.effective_verified != "verbatim")


def test_department_choices(std: Standard, city: CityFile) -> None:
    names = department_choices(std, city)
    assert names[:4] == ["测试市爱卫办", "卫健委", "测试市城市管理局", "测试市环卫处"]
    assert len(names) == len(set(names)) == len(std.departments) + 1
