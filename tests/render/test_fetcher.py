"""LockedFetcher: data: anywhere, file: only inside the allowed roots, nothing else, no redirects; refusals raise,
are logged and recorded, and a whole rendering fetches nothing it should not (no request reaches a server)."""

from __future__ import annotations

import http.server
import logging
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.request import HTTPRedirectHandler

import pikepdf
import pytest

from cwassess.render.fetcher import ASSETS, FetchRefused, LockedFetcher
from cwassess.render.pdf import render_pdf


@pytest.fixture
def root(tmp_path: Path) -> Path:
    ws = tmp_path / "ws"
    (ws / "evidence").mkdir(parents=True)
    (ws / "evidence" / "ok.css").write_text("p { color: red }", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("TOP-SECRET-CONTENT-12345", encoding="utf-8")
    return ws


class _Server:
    """A local HTTP server that counts requests and answers every one with a redirect to file:///etc/passwd."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                outer.requests.append(self.path)
                self.send_response(302)
                self.send_header("Location", "file:///etc/passwd")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = http.server.HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server() -> Iterator[_Server]:
    srv = _Server()
    yield srv
    srv.close()


def test_file_inside_the_workspace_and_the_assets_is_fetched(root: Path) -> None:
    fetcher = LockedFetcher([root])
    response = fetcher.fetch((root / "evidence" / "ok.css").as_uri())
    assert response.read() == b"p { color: red }"
    assert response.content_type == "text/css"
    assert fetcher.fetch((ASSETS / "report.css").as_uri()).read().startswith(b"/*")
    assert fetcher.refused == []


def test_data_urls_are_fetched(root: Path) -> None:
    assert LockedFetcher([root]).fetch("data:text/plain;base64,5Lit5paH").read() == "中文".encode()


def test_etc_passwd_is_refused(root: Path, caplog: pytest.LogCaptureFixture) -> None:
    fetcher = LockedFetcher([root])
    with caplog.at_level(logging.WARNING, logger="cwassess.render"), pytest.raises(FetchRefused, match="不在工作区"):
        fetcher.fetch("file:///etc/passwd")
    assert fetcher.refused == ["已拒绝读取 file:///etc/passwd：文件不在工作区或程序自带资源目录内"]
    assert "file:///etc/passwd" in caplog.text


@pytest.mark.parametrize("how", ["sibling", "dotdot", "symlink", "other-host"])
def test_paths_outside_the_workspace_are_refused(root: Path, how: str) -> None:
    secret = root.parent / "secret.txt"
    if how == "sibling":
        url = secret.as_uri()
    elif how == "dotdot":
        url = (root / "evidence").as_uri() + "/../../secret.txt"
    elif how == "symlink":
        link = root / "evidence" / "link.txt"
        link.symlink_to(secret)
        url = link.as_uri()
    else:
        url = "file://example.com" + str(secret)
    fetcher = LockedFetcher([root])
    with pytest.raises(FetchRefused):
        fetcher.fetch(url)
    assert len(fetcher.refused) == 1


def test_a_missing_file_is_refused_not_an_os_error(root: Path) -> None:
    with pytest.raises(FetchRefused, match="文件不存在"):
        LockedFetcher([root]).fetch((root / "nope.png").as_uri())


@pytest.mark.parametrize("url", ["http://127.0.0.1:9/x.png", "https://example.com/a.css", "ftp://example.com/f", "javascript:alert(1)"])
def test_other_protocols_are_refused(root: Path, url: str) -> None:
    with pytest.raises(FetchRefused, match="只允许 data: 和工作区内的文件"):
        LockedFetcher([root]).fetch(url)


def test_no_redirect_handler(root: Path) -> None:
    fetcher = LockedFetcher([root])
    assert not any(isinstance(h, HTTPRedirectHandler) for h in fetcher.handlers)


def test_http_and_its_redirect_never_reach_the_server(root: Path, server: _Server) -> None:
    fetcher = LockedFetcher([root])
    with pytest.raises(FetchRefused):
        fetcher.fetch(server.url + "/redirect")
    assert server.requests == []


def test_a_hostile_document_fetches_nothing_and_embeds_nothing(root: Path, server: _Server) -> None:
    """The probe of stack.md §1.4: remote stylesheet and image, local secret as image and as attachment."""
    secret = (root.parent / "secret.txt").as_uri()
    html = f"""<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">
    <link rel="stylesheet" href="{server.url}/remote.css">
    <link rel="attachment" href="{secret}">
    <style>body {{ background: url({server.url}/bg.png) }}</style></head>
    <body><p>正文</p><img src="{server.url}/tracker.png"><img src="file:///etc/passwd"><img src="{secret}">
    <a rel="attachment" href="{secret}">附件</a><object data="{secret}"></object><iframe src="{secret}"></iframe>
    <img src="evidence/ok.css"></body></html>"""
    fetcher = LockedFetcher([root])
    out = render_pdf(html, roots=[root], fetcher=fetcher)
    assert server.requests == []
    assert fetcher.refused and all(msg.startswith("已拒绝读取") for msg in fetcher.refused)
    assert any("/etc/passwd" in msg for msg in fetcher.refused)
    assert not any("secret" in f or "passwd" in f for f in fetcher.fetched)
    import io

    with pikepdf.open(io.BytesIO(out.data)) as pdf:
        assert len(pdf.attachments) == 0
    assert b"TOP-SECRET" not in out.data


def test_strict_fetcher_stops_the_rendering(root: Path) -> None:
    from weasyprint.urls import FatalURLFetchingError

    html = '<html lang="zh-CN"><body><img src="file:///etc/passwd"></body></html>'
    with pytest.raises(FatalURLFetchingError):
        render_pdf(html, roots=[root], fetcher=LockedFetcher([root], strict=True))
