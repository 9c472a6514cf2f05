"""What applies to a given city: its kind (city/county), legislative power and port."""

from __future__ import annotations

from cwassess.models.city import CityFile
from cwassess.models.common import Applicability
from cwassess.models.standard import Indicator, Item, Material, Requirement


def _matches(cond: Applicability | None, city: CityFile) -> bool:
    return cond is None or cond.matches(city.kind, city.legislative_power, city.port)


def item_applies(item: Item, city: CityFile) -> bool:
    return city.kind in item.applies_to and _matches(item.applies_when, city)


def requirement_applies(req: Requirement, city: CityFile) -> bool:
    return _matches(req.applies_when, city)


def material_applies(mat: Material, city: CityFile) -> bool:
    return _matches(mat.applies_when, city)


def indicator_applies(ind: Indicator, city: CityFile) -> bool:
    return city.kind in ind.applies_to


def why_not(item: Item, city: CityFile) -> str:
    if city.kind not in item.applies_to:
        return "仅适用于" + "、".join("国家卫生城市" if k == "city" else "国家卫生县" for k in item.applies_to)
    return f"仅适用于：{item.applies_when.describe()}" if item.applies_when else ""
