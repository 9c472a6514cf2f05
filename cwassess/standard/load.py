"""Reading standards/<edition>/ from disk into a Standard, collecting every problem on the way."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from pydantic import BaseModel

from cwassess.models.profile import ProfileFile
from cwassess.models.standard import (
    DepartmentFile,
    IndicatorFile,
    SamplingFile,
    SectionFile,
    StandardFile,
)
from cwassess.problems import Problem
from cwassess.standard.model import Section, Standard
from cwassess.validation import validate_document
from cwassess.yamlio import Path_, YamlDocument, load_yaml

STANDARD_FILE = "standard.yaml"
Reporter = Callable[..., Problem]


@dataclass
class Locator:
    """Where each object of the standard was written, so semantic problems get a file and line."""

    places: dict[tuple[str, ...], tuple[YamlDocument, Path_]] = field(default_factory=dict)

    def add(self, key: tuple[str, ...], doc: YamlDocument, path: Path_) -> None:
        self.places.setdefault(key, (doc, path))

    def problem(self, key: tuple[str, ...], sub: Path_, code: str, message: str, **kw: Any) -> Problem:
        if key in self.places:
            doc, path = self.places[key]
            return doc.problem((*path, *sub), code, message, **kw)
        return Problem(code=code, message=message, **kw)

    def problem_at(self, key: tuple[str, ...]) -> Reporter:
        """A reporter bound to one object: report(sub_path, code, message, **kw)."""
        return lambda sub, code, message, **kw: self.problem(key, sub, code, message, **kw)


@dataclass
class LoadResult:
    standard: Standard | None
    problems: list[Problem]
    locator: Locator


def _display(path: Path, root: Path) -> str:
    """Paths as the user can open them: relative to the current folder when inside it."""
    del root
    resolved = path.resolve()
    try:
        return str(resolved.relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(resolved)


def _load(path: Path, root: Path, model: type[BaseModel], problems: list[Problem]) -> tuple[Any, YamlDocument]:
    doc = load_yaml(path, _display(path, root))
    result = validate_document(doc, model)
    problems.extend(doc.problems)
    return result, doc


def _safe_child(root: Path, relative: str, doc: YamlDocument, key: Path_, problems: list[Problem]) -> Path | None:
    """A file named inside standard.yaml must stay inside the standard's folder."""
    candidate = (root / relative).resolve()
    if not candidate.is_relative_to(root.resolve()):
        problems.append(doc.problem(key, "path.outside", "路径指向标准目录之外，已拒绝", found=relative))
        return None
    return candidate


def load_standard(root: Path) -> LoadResult:
    problems: list[Problem] = []
    locator = Locator()
    meta, meta_doc = _load(root / STANDARD_FILE, root, StandardFile, problems)
    if meta is None:
        return LoadResult(None, problems, locator)

    sections: list[Section] = []
    for index, relative in enumerate(meta.sections):
        path = _safe_child(root, relative, meta_doc, ("sections", index), problems)
        if path is None:
            continue
        section_file, doc = _load(path, root, SectionFile, problems)
        if section_file is None:
            continue
        locator.add(("section", section_file.section.id), doc, ("section",))
        for i, item in enumerate(section_file.items):
            locator.add(("item", item.id), doc, ("items", i))
        sections.append(Section(info=section_file.section, items=section_file.items))

    parts: dict[str, Any] = {}
    for name, model in (("indicators", IndicatorFile), ("departments", DepartmentFile), ("sampling", SamplingFile)):
        path = _safe_child(root, getattr(meta, name), meta_doc, (name,), problems)
        if path is None:
            continue
        parsed, doc = _load(path, root, model, problems)
        parts[name] = parsed
        if parsed is None:
            continue
        if name == "indicators":
            locator.add(("indicators-file",), doc, ())
            for i, ind in enumerate(parsed.indicators):
                locator.add(("indicator", ind.id), doc, ("indicators", i))
        elif name == "departments":
            for i, dept in enumerate(parsed.departments):
                locator.add(("department", dept.code), doc, ("departments", i))
        else:
            locator.add(("sampling",), doc, ())

    profiles: list[ProfileFile] = []
    profiles_dir = _safe_child(root, meta.profiles_dir, meta_doc, ("profiles_dir",), problems)
    if profiles_dir is not None and profiles_dir.is_dir():
        for path in sorted(profiles_dir.glob("*.yaml")):
            profile, doc = _load(path, root, ProfileFile, problems)
            if profile is not None:
                locator.add(("profile", profile.id), doc, ())
                profiles.append(profile)
    locator.add(("standard",), meta_doc, ())

    if any(parts.get(name) is None for name in ("indicators", "departments", "sampling")) or len(sections) != len(meta.sections):
        return LoadResult(None, problems, locator)
    standard = Standard(
        meta=meta,
        sections=sections,
        indicators=parts["indicators"].indicators,
        departments=parts["departments"].departments,
        sampling=parts["sampling"],
        profiles=profiles,
    )
    return LoadResult(standard, problems, locator)


def find_standard_root(path: Path) -> Path | None:
    """The standard folder a file or folder belongs to (the nearest one holding standard.yaml)."""
    probe = path.resolve()
    for candidate in (probe, *probe.parents):
        if (candidate / STANDARD_FILE).is_file():
            return candidate
    return None
