"""HTML → PDF with WeasyPrint: the locked fetcher, the CJK font check, metadata, reproducible dates."""

from __future__ import annotations

import datetime as dt
import functools
import logging
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cwassess.render.fetcher import LockedFetcher
from cwassess.render.fonts import CJK_FAMILY, FONT_PACKAGE, INSTALL_HINT


class RenderError(RuntimeError):
    """A PDF cannot be made on this machine; the message (Chinese) says what to install or fix."""


@dataclass
class PdfOutput:
    data: bytes
    pages: int
    refused: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@functools.cache
def font_styles(family: str = CJK_FAMILY) -> frozenset[str] | None:
    """The styles fontconfig knows for `family` (e.g. {"Regular", "Bold"}); None when fc-list is missing."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    try:
        out = subprocess.run(
            [fc_list, f":family={family}", "style"], capture_output=True, text=True, timeout=30, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    styles: set[str] = set()
    for line in out.splitlines():
        value = line.split("style=", 1)[-1] if "style=" in line else line
        styles.update(s.strip() for s in value.split(",") if s.strip())
    return frozenset(styles)


def check_cjk_font(family: str = CJK_FAMILY) -> None:
    """Stops with a Chinese error when the CJK font (with a real bold) is not installed: never tofu boxes."""
    styles = font_styles(family)
    if styles is None:
        raise RenderError(
            f"无法确认中文字体：找不到 fontconfig 的 fc-list 命令。请安装：sudo apt-get install fontconfig {FONT_PACKAGE}，然后重试。"
        )
    if not styles:
        raise RenderError(
            f"生成 PDF 需要中文字体“{family}”，本机未安装（否则中文会显示为方框）。"
            f"请安装：{INSTALL_HINT}（Debian/Ubuntu），然后重试。HTML、Excel、JSON 格式不受影响。"
        )
    if "Bold" not in styles:
        raise RenderError(
            f"中文字体“{family}”缺少粗体，PDF 中的粗体会显示为常规字重。请安装完整的字体包：{INSTALL_HINT}，然后重试。"
        )


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _w3c(moment: dt.datetime | dt.date) -> str:
    if isinstance(moment, dt.datetime):
        if moment.tzinfo is None:  # naive: taken as UTC, so the output does not depend on the machine's time zone
            return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
        return moment.isoformat(timespec="seconds")
    return moment.isoformat()


def render_pdf(
    html: str,
    *,
    roots: Sequence[Path] = (),
    base_url: Path | None = None,
    title: str | None = None,
    author: str | None = None,
    created: dt.datetime | dt.date | None = None,
    fetcher: LockedFetcher | None = None,
    check_font: bool = True,
) -> PdfOutput:
    """The PDF of `html`. Resources load only through a LockedFetcher over `roots` (plus the package's assets);
    relative URLs resolve against `base_url` (default: the first root). `created` fixes CreationDate and ModDate
    (the same input and date then give byte-identical output); without it the PDF carries no dates."""
    from weasyprint import HTML

    if check_font:
        check_cjk_font()
    fetcher = fetcher or LockedFetcher(roots)
    base = base_url or (roots[0] if roots else None)
    collect = _Collect()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collect)
    try:
        document = HTML(string=html, base_url=base.resolve().as_uri() + "/" if base else None, url_fetcher=fetcher).render()
        if title is not None:
            document.metadata.title = title
        if author is not None:
            document.metadata.authors = [author]
        document.metadata.generator = "cwassess"
        if created is not None:
            document.metadata.created = document.metadata.modified = _w3c(created)
        data = document.write_pdf()
    finally:
        logger.removeHandler(collect)
    return PdfOutput(data=data, pages=len(document.pages), refused=list(fetcher.refused), warnings=collect.messages)
