"""The template environment: autoescape everywhere, GB numbering, Chinese dates, numbers, and static CSS."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from cwassess.render.templates import ASSETS, cn_date, cn_numeral, days_text, environment, gb_number, num, pct, status_class


@pytest.mark.parametrize(
    ("n", "text"),
    [(1, "一"), (9, "九"), (10, "十"), (11, "十一"), (20, "二十"), (45, "四十五"), (99, "九十九"), (100, "一百"), (101, "一百零一"),
     (110, "一百一十"), (1000, "一千"), (1001, "一千零一"), (1010, "一千零一十"), (2345, "二千三百四十五")],
)
def test_chinese_numerals(n: int, text: str) -> None:
    assert cn_numeral(n) == text


def test_gb_numbering_four_levels() -> None:
    assert [gb_number(3, level) for level in (1, 2, 3, 4)] == ["三、", "（三）", "3.", "（3）"]
    assert gb_number(12, 2) == "（十二）"
    with pytest.raises(ValueError):
        gb_number(1, 5)


def test_dates_numbers_percentages() -> None:
    assert cn_date(dt.date(2026, 11, 29)) == "2026年11月29日"
    assert cn_date("2027-05-20") == "2027年5月20日"
    assert cn_date(None) == "—"
    assert num(66.3333) == "66.33"
    assert num(2.0) == "2"
    assert num(0.1667) == "0.17"
    assert num(None) == "—"
    assert pct(0.7538) == "75.4%"
    assert pct(0.9, 0) == "90%"
    assert pct(None) == "—"
    assert days_text(172) == "距评估还有 172 天"
    assert days_text(-3) == "评估日期已过 3 天"
    assert status_class("不达标") == "st-fail" and status_class("已采纳") == "st-ok" and status_class("奇怪") == "st-na"


def test_autoescape_is_on_for_every_template() -> None:
    env = environment()
    payload = '<script>alert(1)</script><img src=file:///etc/passwd> url(http://x/y.css) "\''
    out = env.from_string("<p>{{ x }}</p>").render(x=payload)
    assert "<script>" not in out and "<img" not in out
    assert "&lt;script&gt;" in out and "&#34;" in out
    assert env.get_template("macros.html").environment.autoescape is True


def test_templates_never_mark_anything_safe_and_css_has_no_variables() -> None:
    templates = ASSETS.parent / "templates"
    for path in templates.glob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "|safe" not in text.replace(" ", ""), path.name
        assert "<script" not in text, path.name
        style = re.search(r"<style>(.*?)</style>", text, re.S)
        if style:  # only a static stylesheet, named by a literal, goes inside <style>
            assert re.fullmatch(r'\{\{ stylesheet\((?:"[a-z]+\.css")?\) \}\}', style.group(1).strip()), path.name
    for css_path in ASSETS.glob("*.css"):
        css = css_path.read_text(encoding="utf-8")
        assert "{{" not in css and "{%" not in css, css_path.name
        assert "url(" not in css, css_path.name  # the stylesheets load nothing


def test_stylesheet_has_the_print_rules() -> None:
    css = (ASSETS / "report.css").read_text(encoding="utf-8")
    for rule in ('"Noto Sans CJK SC"', "size: A4", 'counter(page) " 页 共 " counter(pages)', "display: table-header-group",
                 "page-break-inside: avoid", "leader(\".\") target-counter(attr(href), page)", "string-set: chapter"):
        assert rule in css, rule
