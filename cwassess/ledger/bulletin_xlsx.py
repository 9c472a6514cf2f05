"""The weekly 通报 as an Excel workbook, with the shared workbook helpers (cwassess.render.xlsx):
周通报 (per unit, ranked, with a total row) and 逾期问题, plus a hidden _meta sheet."""

from __future__ import annotations

import datetime as dt

from cwassess.ledger.bulletin import Bulletin
from cwassess.render.xlsx import Book, Column

TEMPLATE_ID = "cwassess-ledger-bulletin"
UNIT_COLUMNS = [
    Column("排名", "int", width=7), Column("责任单位", max_width=36), Column("本周新增", "int"), Column("本周销号", "int"),
    Column("未销号", "int"), Column("其中逾期", "int"), Column("累计问题", "int"), Column("累计销号", "int"), Column("销号率", "pct"),
]
OVERDUE_COLUMNS = [
    Column("问题编号"), Column("责任单位", max_width=30), Column("分管市领导"), Column("地点", "wrap", max_width=36), Column("问题类别"),
    Column("问题描述", "wrap", max_width=50), Column("发现日期", "date"), Column("整改期限", "date"), Column("状态"),
    Column("逾期天数", "int"), Column("逾期次数", "int"), Column("预警等级"),
]


def bulletin_xlsx(bulletin: Bulletin, issuer: str = "") -> bytes:
    book = Book(title=bulletin.title, author=issuer, created=dt.datetime.combine(bulletin.as_of, dt.time()))
    ws = book.sheet("周通报")
    book.note(ws, 0, bulletin.title, title=True)
    book.note(ws, 1, f"{bulletin.period}　销号率 = 累计销号 ÷ 累计问题")
    rows = [[r.rank, r.name, r.new, r.closed, r.open, r.overdue, r.total, r.closed_total, r.rate] for r in bulletin.rows]
    t = bulletin.total
    rows.append([None, "合计", t.new, t.closed, t.open, t.overdue, t.total, t.closed_total, t.rate])
    book.table(ws, UNIT_COLUMNS, rows, first_row=3, freeze_columns=2)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)

    ws = book.sheet("逾期问题")
    book.note(ws, 0, f"{bulletin.title}：逾期问题清单", title=True)
    book.note(ws, 1, "本周无逾期问题" if not bulletin.overdue else f"共 {len(bulletin.overdue)} 个，按预警等级、逾期天数排列")
    rows = [
        [o.id, o.name, o.leader, o.place, o.problem_class, o.description, o.found, o.deadline, o.state, o.days, o.times, o.level_zh]
        for o in bulletin.overdue
    ]
    book.table(ws, OVERDUE_COLUMNS, rows, first_row=3, freeze_columns=1)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)

    meta = book.sheet("_meta")
    for i, (key, value) in enumerate((("template", TEMPLATE_ID), ("week", bulletin.week), ("as_of", bulletin.as_of.isoformat()))):
        meta.write_string(i, 0, key)
        meta.write_string(i, 1, value)
    meta.hide()
    return book.close()
