"""Building blocks shared by every model: strictness, provenance, applicability."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, WithJsonSchema
from pydantic_core import PydanticCustomError, PydanticKnownError

from cwassess.normalize import DATE_EXPECTED, cell_text, is_no_deadline_word, parse_written_date
from cwassess.problems import shorten

Kind = Literal["city", "county"]
KIND_ZH: dict[str, str] = {"city": "国家卫生城市", "county": "国家卫生县"}

# How sure we are of a text, a number or a threshold. Never present anything but "verbatim" as official.
Verified = Literal["verbatim", "secondary", "inferred", "unverified"]
VERIFIED_ZH: dict[str, str] = {
    "verbatim": "原文核实",
    "secondary": "二手来源",
    "inferred": "推断",
    "unverified": "未核实",
}
VERIFIED_MARK: dict[str, str] = {"verbatim": "V", "secondary": "S", "inferred": "I", "unverified": "?"}

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$", max_length=64)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=5000)]
ShortText = Annotated[str, StringConstraints(min_length=1, max_length=200)]


def chinese_error(code: str, message: str, expected: str | None = None) -> PydanticCustomError:
    """A validation error that carries its own Chinese message; validation.translate_errors shows it as it is."""
    return PydanticCustomError(code, "{zh}", {"zh": message, "expected": expected})


def _not_bool(error_type: str) -> BeforeValidator:
    """pydantic reads true as 1 in lax mode: `population_wan: true` would be 1 万人, a 100% rate from `true`."""

    def check(value: Any) -> Any:
        if isinstance(value, bool):
            raise PydanticKnownError(error_type)  # type: ignore[arg-type]
        return value

    return BeforeValidator(check)


# Numbers a person writes: an int or a float (a quoted "120" too), never true/false. Bounds on an optional
# number go before the check, Annotated[float, Field(ge=0), NOT_BOOL_FLOAT] | None: placed after it, pydantic
# writes them into the JSON Schema as "ge"/"le" instead of "minimum"/"maximum".
NOT_BOOL_FLOAT = _not_bool("float_type")
NOT_BOOL_INT = _not_bool("int_type")
Number = Annotated[float, NOT_BOOL_FLOAT]
Integer = Annotated[int, NOT_BOOL_INT]


def _day(value: Any) -> dt.date:
    day, message = parse_written_date(value)
    if day is None:
        raise chinese_error("date", message or "缺少日期", DATE_EXPECTED)
    return day


def _deadline(value: Any) -> dt.date | None:
    if is_no_deadline_word(value):
        words = shorten(str(value).strip())
        raise chinese_error("date", f"达标时间“{words}”不是具体日期：没有具体期限的，删去此项即按评估日期计", DATE_EXPECTED)
    day, message = parse_written_date(value, deadline=True)
    if message is not None:
        raise chinese_error("date", message, DATE_EXPECTED)
    return day


def _date_text(value: Any) -> Any:
    """An unquoted 20260101 is an integer in YAML 1.2: keep the digits as typed, the reader parses them."""
    if value is None:  # only a required date gets here: `RawDate | None` takes None before this runs
        raise chinese_error("date", "缺少日期", DATE_EXPECTED)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return cell_text(value)
    return value


# Dates a person writes, all read by cwassess.normalize (one parser, one set of messages): 2027-06-30,
# 2027年6月30日, 2027/6/30, 20270630, full-width digits. Day is a day; Deadline (达标时间) may also be a month
# (2027年6月底) or empty; RawDate keeps the text for readers that place their own problems.
# Their JSON Schema says text or a number, so an editor does not underline 2027年6月30日 or an unquoted 20270630.
_WRITTEN_DATE = WithJsonSchema({"type": ["string", "integer"], "$comment": "date"})
Day = Annotated[dt.date, BeforeValidator(_day), _WRITTEN_DATE]
Deadline = Annotated[dt.date | None, BeforeValidator(_deadline), WithJsonSchema({"type": ["string", "integer", "null"], "$comment": "date"})]
RawDate = Annotated[str, BeforeValidator(_date_text), _WRITTEN_DATE]


class StrictModel(BaseModel):
    """Every domain object: unknown keys are errors, NaN/inf are refused."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, frozen=True)


class Provenance(StrictModel):
    """Where a text, number or threshold comes from (source ids of the reference digest, e.g. S1)."""

    verified: Verified = Field(description="verbatim 原文 | secondary 二手 | inferred 推断 | unverified 未核实")
    source: list[ShortText] = Field(default_factory=list, description="来源编号，如 S1；官方文件导入时为文件名与 sha256")
    note: Text | None = None


class Applicability(StrictModel):
    """Conditions under which something applies; an unset field means 'either way'."""

    kind: list[Kind] | None = None
    legislative_power: bool | None = None
    port: bool | None = None

    def matches(self, kind: Kind, legislative_power: bool, port: bool) -> bool:
        if self.kind is not None and kind not in self.kind:
            return False
        if self.legislative_power is not None and self.legislative_power != legislative_power:
            return False
        return self.port is None or self.port == port

    def describe(self) -> str:
        parts = []
        if self.kind is not None:
            parts.append("、".join(KIND_ZH[k] for k in self.kind))
        if self.legislative_power is not None:
            parts.append("具有立法权" if self.legislative_power else "无立法权")
        if self.port is not None:
            parts.append("建有港口" if self.port else "无港口")
        return "，".join(parts) or "全部"
