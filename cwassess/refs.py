"""Parsing the ways people write an item number: （十二）, (12), 12, 第十二条, 三-(十二), 十二."""

from __future__ import annotations

import re
import unicodedata

_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")}
_DIGITS["两"] = 2


def parse_chinese_number(text: str) -> int | None:
    """一 … 九十九; None when the text is not such a number."""
    if not text or any(c not in _DIGITS and c != "十" for c in text):
        return None
    if "十" not in text:
        return _DIGITS[text] if len(text) == 1 else None
    head, _, tail = text.partition("十")
    if "十" in tail or len(head) > 1 or len(tail) > 1:
        return None
    tens = _DIGITS[head] if head else 1
    ones = _DIGITS[tail] if tail else 0
    return tens * 10 + ones


_SECTION_PREFIX = re.compile(r"^[一二三四五六七八九十]+[-－—–、.．]\s*")


def parse_item_number(text: str) -> int | None:
    """An item number from a cell or argument; None when it is not one."""
    value = unicodedata.normalize("NFKC", str(text)).strip()
    value = _SECTION_PREFIX.sub("", value)
    value = value.strip()
    match = re.fullmatch(r"第?\s*\(?\s*([0-9]{1,3}|[零一二两三四五六七八九十]{1,4})\s*\)?\s*条?", value)
    if not match:
        return None
    token = match.group(1)
    return int(token) if token.isdigit() else parse_chinese_number(token)
