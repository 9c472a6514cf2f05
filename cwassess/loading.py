"""Loading a whole workspace: city file, standard (with official-text overlay and profiles), claims."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from cwassess.models.city import CityFile
from cwassess.models.claims import ClaimsFile
from cwassess.models.common import Provenance
from cwassess.models.limits import DEFAULT_INPUT_LIMITS, InputLimits
from cwassess.models.overlay import OfficialOverlay
from cwassess.models.profile import ProfileFile
from cwassess.perf import paused_gc
from cwassess.problems import Problem, has_errors
from cwassess.sheets import Limits
from cwassess.standard.lint import lint_profile, lint_standard
from cwassess.standard.load import Locator, load_standard
from cwassess.standard.model import Section, Standard
from cwassess.validation import did_you_mean, validate_document, validate_records
from cwassess.workspace import standard_dir
from cwassess.yamlio import YamlCache, load_yaml

CITY_FILE = "city.yaml"
CLAIMS_DIR = "claims"
PROFILES_DIR = "profiles"
OVERLAY_FILE = Path("overlays") / "official-text.yaml"
WORKSPACE_DIRS = ("claims", "evidence", "inspections", "ledger", "reports", "profiles", "overlays")


@lru_cache(maxsize=8)
def _resolved_cwd(cwd: str) -> str:
    return os.path.realpath(cwd)


def display_path(path: Path, resolved: bool = False) -> str:
    """Paths as the user can open them: relative to the current folder when inside it."""
    real = str(path) if resolved else os.path.realpath(path)
    cwd = _resolved_cwd(os.getcwd())
    if real == cwd:
        return "."
    if real.startswith(cwd + os.sep):
        return real[len(cwd) + 1 :]
    return real


@dataclass
class Workspace:
    """A loaded workspace; `problems` holds everything wrong with it, errors and warnings."""

    root: Path
    city: CityFile | None = None
    standard: Standard | None = None
    claims: list[ClaimsFile] = field(default_factory=list)
    claim_files: dict[str, str] = field(default_factory=dict)  # department → displayed file name
    problems: list[Problem] = field(default_factory=list)
    locator: Locator = field(default_factory=Locator)
    cache: YamlCache | None = None

    @property
    def limits(self) -> InputLimits:
        return self.city.limits if self.city is not None else DEFAULT_INPUT_LIMITS

    @property
    def sheet_limits(self) -> Limits:
        return Limits(max_bytes=self.limits.sheet_bytes, max_rows=self.limits.sheet_rows)

    @property
    def ok(self) -> bool:
        return self.city is not None and self.standard is not None and not has_errors(self.problems)


def apply_overlay(std: Standard, overlay: OfficialOverlay) -> Standard:
    """The standard as the official document has it: text verbatim, numbers re-labelled."""
    source = f"official:{overlay.source.file}#sha256={overlay.source.sha256}"
    verbatim = Provenance(verified="verbatim", source=[source])
    sections = []
    for section in std.sections:
        items = []
        for item in section.items:
            official = overlay.items.get(item.id)
            if official is None:
                items.append(item)
                continue
            items.append(
                item.model_copy(
                    update={
                        "official_text": official.text,
                        "number": official.number,
                        "number_provenance": verbatim,
                        "provenance": verbatim,
                    }
                )
            )
        items.sort(key=lambda it: it.number)
        sections.append(Section(info=section.info, items=items))
    return std.model_copy(update={"sections": sections})


def load_overlayed_standard(workspace_root: Path, standard: Standard) -> tuple[Standard, list[Problem]]:
    """The standard with the workspace's official-text overlay applied, when the folder is a workspace.

    Outside a workspace (no city.yaml), or without an overlay, the standard comes back unchanged.
    An overlay that cannot be read, or was made for another standard, is not applied; why is in the problems.
    """
    path = workspace_root / OVERLAY_FILE
    if not (workspace_root / CITY_FILE).is_file() or not path.is_file():
        return standard, []
    doc = load_yaml(path, display_path(path))
    overlay = validate_document(doc, OfficialOverlay)
    problems = list(doc.problems)
    if overlay is None:
        return standard, problems
    if overlay.standard != standard.meta.id:
        problems.append(
            doc.problem(("standard",), "overlay.standard", "官方原文覆盖层属于另一个标准，未使用", expected=standard.meta.id, found=overlay.standard)
        )
        return standard, problems
    for item_id in overlay.items:
        if item_id not in standard.items_by_id:
            problems.append(doc.problem(("items", item_id), "ref.item", f"未知条目“{item_id}”"))
    return apply_overlay(standard, overlay), problems


def _load_profiles(ws: Workspace, std: Standard) -> Standard:
    folder = ws.root / PROFILES_DIR
    extra: list[ProfileFile] = []
    if folder.is_dir():
        for path in sorted(folder.glob("*.yaml")):
            doc = load_yaml(path, display_path(path), ws.limits.text_bytes)
            profile = validate_document(doc, ProfileFile)
            ws.problems.extend(doc.problems)
            if profile is None:
                continue
            ws.problems.extend(lint_profile(profile, std, lambda sub, code, msg, _doc=doc, **kw: _doc.problem(tuple(sub), code, msg, **kw)))
            if profile.id in std.profiles_by_id:
                ws.problems.append(doc.problem(("id",), "dup.profile", f"配置编号“{profile.id}”与标准自带的配置重复"))
                continue
            extra.append(profile)
    return std.model_copy(update={"profiles": [*std.profiles, *extra]}) if extra else std


def _load_claims(ws: Workspace) -> None:
    folder = ws.root / CLAIMS_DIR
    if not folder.is_dir():
        return
    for path in sorted(folder.glob("*.yaml")):
        shown = display_path(path)
        doc = load_yaml(path, shown, ws.limits.text_bytes)
        claims, at = validate_records(doc, ClaimsFile, ("claims",))  # a broken claim costs only itself
        ws.problems.extend(doc.problems)
        if claims is None:
            continue
        if claims.department != path.stem:
            ws.problems.append(
                doc.problem(("department",), "claims.file-name", "认领文件名应与部门代码一致", expected=f"{claims.department}.yaml", found=path.name)
            )
        if claims.department in ws.claim_files:
            ws.problems.append(doc.problem(("department",), "claims.duplicate-file", f"部门“{claims.department}”的认领已在 {ws.claim_files[claims.department]} 中"))
            continue
        ws.claim_files[claims.department] = shown
        for n, i in enumerate(at["claims"]):
            ws.locator.add(("claim", claims.department, str(n)), doc, ("claims", i))
        ws.locator.add(("claims", claims.department), doc, ())
        ws.claims.append(claims)


CACHE_DIR = Path(".cwassess") / "cache" / "yaml"


def load_workspace(root: Path, with_claims: bool = True) -> Workspace:
    with paused_gc():
        return _load_workspace(root, with_claims)


def _load_workspace(root: Path, with_claims: bool) -> Workspace:
    ws = Workspace(root=root, cache=YamlCache(root / CACHE_DIR, root))
    city_path = root / CITY_FILE
    if not city_path.is_file():
        ws.problems.append(
            Problem(code="workspace.no-city", file=display_path(city_path), message="不是工作区：找不到 city.yaml（可用 cwassess init 创建）")
        )
        return ws
    doc = load_yaml(city_path, display_path(city_path))
    ws.city = validate_document(doc, CityFile)
    ws.problems.extend(doc.problems)
    if ws.city is not None:
        ws.locator.add(("city",), doc, ())
    loaded = load_standard(standard_dir(root, ws.city.standard if ws.city else "nhc-2021"))
    ws.problems.extend(loaded.problems)
    if loaded.standard is None:
        return ws
    ws.problems.extend(lint_standard(loaded.standard, loaded.locator))
    ws.locator.places.update(loaded.locator.places)
    std, overlay_problems = load_overlayed_standard(root, loaded.standard)
    ws.problems.extend(overlay_problems)
    ws.standard = _load_profiles(ws, std)
    if ws.city is not None:
        known = ws.standard.profiles_by_id
        for i, name in enumerate(ws.city.profiles):
            if name not in known:
                guess = did_you_mean(name, list(known))
                ws.problems.append(
                    doc.problem(("profiles", i), "ref.profile", f"未知配置“{name}”" + (f"，是否想写“{guess}”？" if guess else ""))
                )
    if with_claims:
        _load_claims(ws)
    return ws
