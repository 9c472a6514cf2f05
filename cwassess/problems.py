"""Problems are values: every reader collects them and reports them together."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

Severity = Literal["error", "warning"]

SEVERITY_ZH: dict[str, str] = {"error": "错误", "warning": "警告"}


class Problem(BaseModel):
    """One thing wrong with an input, with where it is and what was expected."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str
    message: str
    severity: Severity = "error"
    file: str | None = None
    line: int | None = None
    column: int | None = None
    key: str | None = None
    expected: str | None = None
    found: str | None = None

    def location(self) -> str:
        parts = [self.file or "<输入>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def render(self) -> str:
        """One line a person can act on: place, key, message, expected vs found."""
        text = f"{self.location()}: {SEVERITY_ZH[self.severity]}: "
        if self.key:
            text += f"{self.key}: "
        text += self.message
        details = []
        if self.expected is not None:
            details.append(f"应为：{self.expected}")
        if self.found is not None:
            details.append(f"实际：{self.found}")
        if details:
            text += "（" + "；".join(details) + "）"
        return text


def has_errors(problems: list[Problem]) -> bool:
    return any(p.severity == "error" for p in problems)


def sort_problems(problems: list[Problem]) -> list[Problem]:
    return sorted(
        problems,
        key=lambda p: (p.file or "", p.line or 0, p.column or 0, p.key or "", p.message),
    )


def shorten(value: object, limit: int = 60) -> str:
    """A found value as shown to the user: repr-like, never a wall of text."""
    text = value if isinstance(value, str) else repr(value)
    text = text.replace("\n", "\\n")
    return text if len(text) <= limit else text[: limit - 1] + "…"
