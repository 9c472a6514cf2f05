"""pydantic validation of parsed YAML, with every error translated to Chinese and placed on its line."""

from __future__ import annotations

import difflib
from types import UnionType
from typing import Annotated, Any, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from cwassess.problems import Problem, shorten
from cwassess.yamlio import Path_, YamlDocument

M = TypeVar("M", bound=BaseModel)

_TYPE_MESSAGES: dict[str, str] = {
    "missing": "缺少必填字段",
    "string_type": "应为文本",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数，不能有小数",
    "float_type": "应为数字",
    "float_parsing": "应为数字",
    "finite_number": "不能是 NaN 或无穷大",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
    "list_type": "应为列表（每项以“- ”开头）",
    "dict_type": "应为映射（“键: 值”）",
    "model_type": "应为映射（“键: 值”）",
    "model_attributes_type": "应为映射（“键: 值”）",
    "literal_error": "取值不在允许范围内",
    "string_pattern_mismatch": "编号格式不符：只能使用小写字母、数字和连字符，且以字母开头",
    "string_too_short": "不能为空",
    "string_too_long": "文本过长",
    "too_short": "项数不足",
    "too_long": "项数过多",
    "greater_than_equal": "数值过小",
    "less_than_equal": "数值过大",
    "greater_than": "数值过小",
    "less_than": "数值过大",
    "union_tag_invalid": "type 取值无效",
    "union_tag_not_found": "缺少 type 字段",
    "enum": "取值不在允许范围内",
}


def _expected(err: dict[str, Any]) -> str | None:
    ctx = err.get("ctx") or {}
    kind = err["type"]
    if kind == "literal_error":
        return _choices(str(ctx.get("expected", "")))
    if kind == "union_tag_invalid":
        return _choices(str(ctx.get("expected_tags", "")))
    if kind in {"greater_than_equal", "greater_than", "less_than_equal", "less_than"}:
        sign = {"greater_than_equal": "≥", "greater_than": ">", "less_than_equal": "≤", "less_than": "<"}[kind]
        bound = next(iter(ctx.values()), "")
        return f"{sign} {bound}"
    if kind in {"too_short", "string_too_short"}:
        return f"至少 {ctx.get('min_length', 1)} 项" if kind == "too_short" else None
    if kind in {"too_long", "string_too_long"}:
        return f"最多 {ctx.get('max_length')} {'项' if kind == 'too_long' else '个字符'}"
    return None


def _choices(text: str) -> str:
    """pydantic's "'a', 'b' or 'c'" as 「a、b 或 c」."""
    return text.replace("'", "").replace(", ", "、").replace(" or ", " 或 ")


_BEYOND = object()  # past the data: a missing or unknown key


def _clean_path(data: Any, loc: tuple[Any, ...], kind: str) -> Path_:
    """Map a pydantic loc onto the document path, dropping what names no place in the data: union tags,
    union members (float, int, str) and "[key]"."""
    path: list[str | int] = []
    current = data
    for at, part in enumerate(loc):
        if isinstance(current, dict) and part in current:
            path.append(part)
            current = current[part]
        elif isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            path.append(part)
            current = current[part]
        elif part in _TAG_NAMES and isinstance(current, dict):
            continue
        elif isinstance(part, str) and path and current is not _BEYOND and _names_no_place(current, at == len(loc) - 1, kind):
            continue
        else:  # a missing or unknown key: kept for the message
            path.append(part)
            current = _BEYOND
    return tuple(path)


def _names_no_place(current: Any, last: bool, kind: str) -> bool:
    """A string in a loc that is not a key of the data: a union member's name, unless it is the key a
    missing/extra error is about. Below a plain value or a list, there is nothing a string could name."""
    if isinstance(current, dict):
        return last and kind not in {"missing", "extra_forbidden"}
    return True


_TAG_NAMES = {"threshold", "trend", "baseline", "vs_plan", "level", "boolean", "record"}


def _model_fields_at(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """Field names of the (sub)model that owns the last element of loc, for 'did you mean'."""
    annotation: Any = model
    for part in loc[:-1]:
        annotation = _step(annotation, part)
        if annotation is None:
            return []
    target = _inner_model(annotation) if not (isinstance(annotation, type) and issubclass(annotation, BaseModel)) else annotation
    return list(target.model_fields) if target is not None else []


def _step(annotation: Any, part: Any) -> Any:
    """The annotation one loc element further down: a field, a dict value, a list item or a union tag."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        field = annotation.model_fields.get(part)
        return field.annotation if field is not None else None
    origin = get_origin(annotation)
    args = get_args(annotation)
    if origin is Annotated:
        return _step(args[0], part)
    if origin is dict:
        return args[1]
    if origin in (list, tuple) and isinstance(part, int):
        return args[0]
    if origin in (Union, UnionType) or origin is None and args:
        if part in _TAG_NAMES:
            return _tag_model(None, part)
        non_none = [a for a in args if a is not type(None)]
        return _step(non_none[0], part) if len(non_none) == 1 else None
    return None


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _tag_model(current: Any, tag: str) -> Any:
    del current
    from cwassess.models import standard

    return {
        "threshold": standard.ThresholdRule,
        "trend": standard.TrendRule,
        "baseline": standard.BaselineRule,
        "vs_plan": standard.PlanRule,
        "level": standard.LevelRule,
        "boolean": standard.BooleanRule,
        "record": standard.RecordRule,
    }.get(tag)


def did_you_mean(word: str, candidates: list[str]) -> str | None:
    match = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
    return match[0] if match else None


def translate_errors(doc: YamlDocument, exc: ValidationError, model: type[BaseModel]) -> list[Problem]:
    problems = []
    for path, group in _errors_by_place(doc.data, exc.errors(include_url=False)).items():
        # A value that fits no member of a union is reported once per member (…2026.float, .int, .str): say it
        # once, with the first error that says more than "wrong type" (inf: 不能是 NaN 或无穷大), else every type.
        err = next((e for e in group if not _is_type_error(e)), group[0])
        loc = tuple(err["loc"])
        kind = err["type"]
        ctx = err.get("ctx") or {}
        message = _TYPE_MESSAGES.get(kind, "取值无效")
        expected = _expected(err)
        if "zh" in ctx:  # raised by a model's own validator with its Chinese message (models.common.chinese_error)
            message, expected = str(ctx["zh"]), ctx.get("expected")
        elif kind == "extra_forbidden":
            name = str(path[-1]) if path else ""
            suggestion = did_you_mean(name, _model_fields_at(model, loc))
            message = f"未知字段“{name}”" + (f"，是否想写“{suggestion}”？" if suggestion else "")
        elif len(group) > 1 and _is_type_error(err):
            kind, message = "union_type", _any_of_types(group)
        if kind in {"missing", "extra_forbidden"} or "zh" in ctx:
            found = None
        elif kind == "union_tag_invalid":
            found = shorten(str(ctx.get("tag", "")))
        else:
            found = shorten(err.get("input"))
        problems.append(doc.problem(path, f"schema.{kind}", message, expected=expected, found=found))
    return problems


def _errors_by_place(data: Any, errors: list[Any]) -> dict[Path_, list[Any]]:
    by_place: dict[Path_, list[Any]] = {}
    for err in errors:
        by_place.setdefault(_clean_path(data, tuple(err["loc"]), err["type"]), []).append(err)
    return by_place


def _is_type_error(err: Any) -> bool:
    return str(err["type"]).endswith("_type")


_TYPE_NOUNS = {
    "bool_type": "true/false", "float_type": "数字", "int_type": "数字", "string_type": "文本",
    "list_type": "列表", "dict_type": "映射", "model_type": "映射",
}


def _any_of_types(group: list[Any]) -> str:
    """The message for a value that is none of a union's types, e.g. 应为 true/false、数字或文本."""
    nouns = list(dict.fromkeys(_TYPE_NOUNS[e["type"]] for e in group if e["type"] in _TYPE_NOUNS))
    if not nouns:
        return "类型不符"
    text = nouns[-1] if len(nouns) == 1 else "、".join(nouns[:-1]) + "或" + nouns[-1]
    return "应为" + (" " if text[0].isascii() else "") + text


def validate_records(doc: YamlDocument, model: type[M], lists: tuple[str, ...]) -> tuple[M | None, dict[str, list[int]]]:
    """validate_document for a file of records (documents, inspection records, waivers …): a broken entry of one of
    `lists` costs only itself. The others are kept, each with its index in the file (so later problems still point
    at the right line), and every problem is reported. A fault outside the records still rejects the file."""
    if doc.data is None or not isinstance(doc.data, dict):
        return validate_document(doc, model), {}
    try:
        result = model.model_validate(doc.data)
    except ValidationError as exc:
        doc.problems.extend(translate_errors(doc, exc, model))
        broken: dict[str, set[int]] = {}
        for error in exc.errors():
            loc = error["loc"]
            if len(loc) < 2 or loc[0] not in lists or not isinstance(loc[1], int):
                return None, {}
            broken.setdefault(str(loc[0]), set()).add(loc[1])
        kept = {name: [i for i in range(len(doc.data[name])) if i not in broken[name]] for name in broken}
        pruned = {**doc.data, **{name: [doc.data[name][i] for i in kept[name]] for name in kept}}
        try:
            result = model.model_validate(pruned)
        except ValidationError:
            return None, {}
        return result, {name: kept.get(name, list(range(len(getattr(result, name))))) for name in lists}
    except RecursionError:
        doc.problems.append(doc.problem((), "schema.depth", "嵌套层级过深"))
        return None, {}
    return result, {name: list(range(len(getattr(result, name)))) for name in lists}


def validate_document(doc: YamlDocument, model: type[M]) -> M | None:
    """Validate parsed data into a model; append translated problems to the document."""
    if doc.data is None:
        if not doc.problems:  # `null`, `~` or a lone `---`: an empty document is not a valid file
            doc.problems.append(Problem(code="schema.root", file=doc.file, line=1, column=1, message="文件顶层应为映射（“键: 值”）", found="None"))
        return None
    if not isinstance(doc.data, dict):
        doc.problems.append(doc.problem((), "schema.root", "文件顶层应为映射（“键: 值”）", found=shorten(doc.data)))
        return None
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        doc.problems.extend(translate_errors(doc, exc, model))
        return None
    except RecursionError:
        doc.problems.append(doc.problem((), "schema.depth", "嵌套层级过深"))
        return None
