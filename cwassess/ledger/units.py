"""Who can hold a problem: the city's departments (city.yaml roster) and its 属地 units (districts, streets).

A department is written by its code, name or any alias (“城管局”, “市城市管理局”, “chengguan”); a district or a
street by its name (“东城区”, “东湖街道”). Anything else is an error with a “did you mean”.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from cwassess.departments import city_departments, display_name, normalize_name
from cwassess.models.city import CityFile
from cwassess.models.standard import Department


@dataclass
class Units:
    names: dict[str, str] = field(default_factory=dict)  # code → the name people read
    keys: dict[str, str] = field(default_factory=dict)  # normalised written form → code
    not_in_roster: dict[str, str] = field(default_factory=dict)  # catalogue departments the city does not list
    districts: dict[str, list[str]] = field(default_factory=dict)  # district → its streets
    street_district: dict[str, str] = field(default_factory=dict)
    leaders: dict[str, str] = field(default_factory=dict)  # department code → 分管市领导

    @classmethod
    def build(cls, catalogue: list[Department], city: CityFile) -> Units:
        units = cls()
        roster = {entry.code for entry in city.departments}
        for dept in city_departments(catalogue, city):
            keys = {normalize_name(k) for k in (dept.code, dept.name, *dept.aliases)}
            if roster and dept.code not in roster:
                for key in keys:
                    units.not_in_roster.setdefault(key, dept.code)
                continue
            units.names[dept.code] = display_name(dept.code, {d.code: d for d in catalogue}, city)
            for key in keys:
                units.keys.setdefault(key, dept.code)
        for entry in city.departments:
            if entry.leader:
                units.leaders[entry.code] = entry.leader
        for district in city.districts:
            units.districts[district.name] = list(district.streets)
            units.names.setdefault(district.name, district.name)
            units.keys[normalize_name(district.name)] = district.name
            for street in district.streets:
                units.street_district.setdefault(street, district.name)
                units.names.setdefault(street, street)
                units.keys[normalize_name(street)] = street
        return units

    def is_place(self, code: str) -> bool:
        return code in self.districts or code in self.street_district

    def resolve(self, text: str) -> tuple[str | None, str | None]:
        """(code, None), or (None, exact message)."""
        key = normalize_name(text)
        if key in self.keys:
            return self.keys[key], None
        for prefix in ("市", "区", "县"):
            if key.startswith(prefix) and key[len(prefix) :] in self.keys:
                return self.keys[key[len(prefix) :]], None
        if key in self.not_in_roster:
            code = self.not_in_roster[key]
            return None, f"部门“{text}”（{code}）不在本市部门名单（city.yaml 的 departments）中"
        return None, self.unknown_message(text)

    def suggest(self, text: str) -> str | None:
        match = difflib.get_close_matches(normalize_name(text), list(self.keys), n=1, cutoff=0.5)
        if not match:
            return None
        code = self.keys[match[0]]
        return self.label(code)

    def unknown_message(self, text: str) -> str:
        guess = self.suggest(text)
        return f"未知单位“{text}”" + (f"，是否想写“{guess}”？" if guess else "（可写部门代码、部门名称，或区、街道的名称）")

    def name(self, code: str) -> str:
        return self.names.get(code, code)

    def label(self, code: str) -> str:
        """“示例市城市管理局（chengguan）” for a department, “东湖街道” for a place."""
        name = self.names.get(code)
        if name is None or name == code:
            return code
        return f"{name}（{code}）"
