"""Resolving the many ways people write a department's name (城管局 / 市城市管理局 / 综合行政执法局 …)."""

from __future__ import annotations

import difflib
import unicodedata

from cwassess.models.city import CityFile
from cwassess.models.standard import Department


def normalize_name(text: str) -> str:
    """Fold width, drop spaces and brackets' variants so 「市 城管局」 and 「市城管局」 compare equal."""
    folded = unicodedata.normalize("NFKC", text)
    return "".join(folded.split()).replace("（", "(").replace("）", ")")


class DepartmentResolver:
    def __init__(self, departments: list[Department]) -> None:
        self._by_key: dict[str, str] = {}
        self._labels: dict[str, str] = {}
        for dept in departments:
            self._labels[dept.code] = dept.name
            for key in (dept.code, dept.name, *dept.aliases):
                self._by_key.setdefault(normalize_name(key), dept.code)

    def resolve(self, text: str) -> str | None:
        key = normalize_name(text)
        if key in self._by_key:
            return self._by_key[key]
        # "市城管局" when only "城管局" is known: a leading 市/区/县 is a common prefix.
        for prefix in ("市", "区", "县"):
            if key.startswith(prefix) and key[len(prefix) :] in self._by_key:
                return self._by_key[key[len(prefix) :]]
        return None

    def suggest(self, text: str) -> str | None:
        """A 'did you mean' in the form 代码（中文名）."""
        key = normalize_name(text)
        match = difflib.get_close_matches(key, list(self._by_key), n=1, cutoff=0.5)
        if not match:
            return None
        code = self._by_key[match[0]]
        return f"{code}（{self._labels[code]}）"

    def label(self, code: str) -> str:
        return self._labels.get(code, code)

    def unknown_message(self, text: str) -> str:
        suggestion = self.suggest(text)
        return f"未知部门“{text}”" + (f"，是否想写“{suggestion}”？" if suggestion else "")


def city_departments(catalogue: list[Department], city: CityFile | None) -> list[Department]:
    """The catalogue plus the city's own departments; a roster name becomes one more alias."""
    by_code = {dept.code: dept for dept in catalogue}
    merged = dict(by_code)
    for entry in city.departments if city else []:
        base = by_code.get(entry.code)
        if base is None:
            merged[entry.code] = Department(code=entry.code, name=entry.name or entry.code, aliases=entry.aliases)
        else:
            extra = [a for a in (entry.name, *entry.aliases) if a and a != base.name and a not in base.aliases]
            merged[entry.code] = base.model_copy(update={"aliases": [*base.aliases, *extra]})
    return list(merged.values())


def display_name(code: str, catalogue: dict[str, Department], city: CityFile | None) -> str:
    """The name a city uses for a department: its roster name, else the catalogue name."""
    for entry in city.departments if city else []:
        if entry.code == code and entry.name:
            return entry.name
    dept = catalogue.get(code)
    return dept.name if dept else code
