"""The only way WeasyPrint may fetch anything: data: URLs, and files inside allowed folders.

Everything else is refused: http(s), ftp, file: outside the roots (after resolving symlinks and `..`), file: on
another host, and redirects (no HTTP handler is ever reached). A refusal raises FetchRefused, is logged on the
"cwassess.render" logger and recorded in `refused`; it is never followed. WeasyPrint then renders without the
resource and warns, unless the fetcher is strict, in which case the rendering stops.
"""

from __future__ import annotations

import logging
import mimetypes
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from weasyprint.urls import URLFetcher, URLFetcherResponse

LOGGER = logging.getLogger("cwassess.render")
ASSETS = Path(__file__).resolve().parent / "assets"
MAX_FILE_BYTES = 64 * 1024 * 1024


class FetchRefused(ValueError):
    """A URL the locked fetcher would not fetch."""


class LockedFetcher(URLFetcher):
    """data: anywhere; file: only inside `roots` (and the package's assets); nothing else, no redirects."""

    def __init__(self, roots: Iterable[Path] = (), *, include_assets: bool = True, strict: bool = False, timeout: float = 5) -> None:
        super().__init__(timeout=timeout, allowed_protocols=("data", "file"), allow_redirects=False, fail_on_errors=strict)
        allowed = [Path(r).resolve() for r in roots]
        if include_assets:
            allowed.append(ASSETS)
        self.roots: tuple[Path, ...] = tuple(allowed)
        self.refused: list[str] = []
        self.fetched: list[str] = []

    def _refuse(self, url: str, why: str) -> FetchRefused:
        shown = url if len(url) <= 200 else url[:200] + "…"
        message = f"已拒绝读取 {shown}：{why}"
        self.refused.append(message)
        LOGGER.warning(message)
        return FetchRefused(message)

    def allowed_path(self, url: str) -> Path:
        """The local file a file: URL names, if it lies inside an allowed root; raises FetchRefused otherwise."""
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            raise self._refuse(url, f"不允许访问其他主机（{parts.netloc}）")
        try:
            path = Path(url2pathname(parts.path)).resolve(strict=True)
        except (OSError, RuntimeError, ValueError):
            raise self._refuse(url, "文件不存在") from None
        if not any(path.is_relative_to(root) for root in self.roots):
            raise self._refuse(url, "文件不在工作区或程序自带资源目录内")
        if not path.is_file():
            raise self._refuse(url, "不是普通文件")
        if path.stat().st_size > MAX_FILE_BYTES:
            raise self._refuse(url, f"文件超过 {MAX_FILE_BYTES // (1024 * 1024)} MB")
        return path

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme == "data":
            response = super().fetch(url, headers)
            self.fetched.append("data:")
            return response
        if scheme != "file":
            raise self._refuse(url, f"只允许 data: 和工作区内的文件，不允许 {scheme or '无协议'}: 地址")
        path = self.allowed_path(url)
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        self.fetched.append(str(path))
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": content_type})
