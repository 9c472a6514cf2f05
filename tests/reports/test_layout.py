"""Nothing is cut off: every line of text in the rendered documents lies inside the page's content area
(a nowrap cell or an unbreakable evidence path would run off the page, and text extraction would not notice)."""

from __future__ import annotations

from pathlib import Path

import pytest
from weasyprint import HTML
from weasyprint.formatting_structure import boxes

from cwassess.render.fetcher import LockedFetcher
from cwassess.reports.checklist import build_checklist
from cwassess.reports.common import ReportInputs
from cwassess.reports.departments import build_department_sheet
from cwassess.reports.gap import build_gap_report
from cwassess.reports.write import checklist_html, department_html, gap_html


def overflowing(html: str, root: Path) -> list[tuple[int, str]]:
    document = HTML(string=html, url_fetcher=LockedFetcher([root])).render()
    found: list[tuple[int, str]] = []
    for number, page in enumerate(document.pages, start=1):
        box = page._page_box  # noqa: SLF001 (WeasyPrint's laid-out page)
        right = box.content_box_x() + box.width + 0.5

        def walk(node: boxes.Box) -> None:
            if isinstance(node, boxes.TextBox) and node.position_x + node.width > right:
                found.append((number, node.text[:40]))
            for child in getattr(node, "children", None) or []:
                walk(child)

        walk(box)
    return found


@pytest.mark.parametrize("which", ["gap", "checklist", "department"])
def test_no_text_runs_off_the_page(which: str, inputs: ReportInputs, fixture_ws: Path) -> None:
    if which == "gap":
        report = build_gap_report(inputs)
        html = gap_html(report.model_copy(update={"failing": report.failing[:1]}))
    elif which == "checklist":
        html = checklist_html(build_checklist(inputs, department="aiweiban"))
    else:
        html = department_html(build_department_sheet(inputs, "aiweiban"))
    assert overflowing(html, fixture_ws) == []
