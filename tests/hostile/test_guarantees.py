"""The guarantees of "hostile and messy input never crashes, leaks or loses data", each proved here:

1. no traceback reaches the user: the real console script on broken and hostile inputs, for every command; an
   internal error prints a Chinese message and the log path (exit 3), --debug shows the trace;
2. rendering and importing never open a network connection (socket.connect & co. refuse and record);
3. nothing outside the workspace is read or written (.., absolute paths and symlinks are refused; opens are
   recorded; the folder around the workspace is unchanged);
4. a failed import or command leaves every existing file byte-for-byte unchanged;
5. size limits (file size, page count, rows …) give clear messages.
"""

from __future__ import annotations

import builtins
import datetime as dt
import hashlib
import io
import os
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.hostile import harness

HOSTILE = harness.HOSTILE
REPO = HOSTILE.parent.parent
CJK = re.compile(r"[\u4e00-\u9fff]")
TODAY = harness.TODAY.isoformat()


def _script() -> list[str]:
    """The installed console script (.venv/bin/cwassess); `python -m cwassess` only if the venv has none."""
    script = Path(sys.executable).parent / "cwassess"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "cwassess"]


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CWASSESS_")}
    env.update({"COLUMNS": "200", "NO_COLOR": "1", "CWASSESS_TODAY": TODAY, **extra})
    return env


def script(cwd: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*_script(), *args], cwd=cwd, capture_output=True, text=True, env=_env(**env), timeout=300, check=False)


def invoke(*args: str) -> object:
    from cwassess.cli import app

    return CliRunner().invoke(app, list(args), env=harness.CLI_ENV)


def files(root: Path) -> dict[str, str]:
    """Every file under root (symlinks as their target) → its sha256."""
    out = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.is_symlink():
            out[rel] = "-> " + os.readlink(path)
        elif path.is_file():
            out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def around(folder: Path, skip: Path) -> dict[str, tuple[int, int]]:
    """Names, sizes and mtimes of everything in `folder` except the workspace `skip` itself (folders by name only:
    a temporary file made and removed again changes its folder's mtime, and that is not a write)."""
    out = {}
    for path in sorted(folder.rglob("*")):
        if path == skip or skip in path.parents:
            continue
        st = path.lstat()
        out[path.relative_to(folder).as_posix()] = (0, 0) if path.is_dir() and not path.is_symlink() else (st.st_size, st.st_mtime_ns)
    return out


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CWASSESS_TODAY", TODAY)
    monkeypatch.delenv("CWASSESS_WORKSPACE", raising=False)
    return harness.fresh_workspace(tmp_path)


def corpus(name: str) -> str:
    return str(HOSTILE / name)


# ================================================================================================ 1. no traceback

# Every command, with arguments that are wrong, hostile or point at hostile files.
COMMANDS: list[list[str]] = [
    ["standard", "lint"],
    ["standard", "list"],
    ["standard", "show", "第九十九条"],
    ["standard", "show", "<script>alert(1)</script>"],
    ["standard", "import-official", corpus("official/o16-encrypted.pdf")],
    ["standard", "import-official", corpus("official/o21-html.txt"), "--apply"],
    ["claims", "seed"],
    ["claims", "status"],
    ["claims", "show", "不存在的部门"],
    ["claims", "export", "--xlsx", "no/such/folder/x.xlsx"],
    ["claims", "import", corpus("sheets/w09-zip-bomb.xlsx")],
    ["claims", "import", corpus("sheets/ci02-bad-dates.csv")],
    ["evidence", "check"],
    ["evidence", "template", "不存在的部门"],
    ["evidence", "import", "aiweiban", corpus("sheets/ei03-dates.xlsx")],
    ["evidence", "import", "aiweiban", "no-such-file.xlsx"],
    ["ledger", "sync"],
    ["ledger", "add", "--found", "2024年13月1日", "--description", "<script>alert(1)</script>", "--photo", "../../etc/passwd"],
    ["ledger", "import", corpus("sheets/li02-photo-paths.csv")],
    ["ledger", "list"],
    ["ledger", "show", "ZG-9999"],
    ["ledger", "start", "ZG-9999"],
    ["ledger", "submit", "ZG-9999", "--photo", "/etc/passwd"],
    ["ledger", "verify", "ZG-9999"],
    ["ledger", "reject", "ZG-9999"],
    ["ledger", "assign", "ZG-9999", "--unit", "=cmd|' /C calc'!A0"],
    ["ledger", "reopen", "ZG-9999"],
    ["ledger", "bulletin", "--week", "2026-W99"],
    ["ledger", "grids"],
    ["ledger", "grid-log", "不存在的网格", "--date", "2024-02-30"],
    ["ledger", "check"],
    ["init", "."],
    ["score"],
    ["report", "--format", "json,xlsx"],
    ["packet", "--item", "（九十九）"],
    ["assess", "--only", "lint,claims,evidence,score"],
    ["assess", "--skip", "<script>"],
]


def _hostile_evidence(ws: Path, tmp: Path) -> None:
    """A workspace whose inputs are hostile in every way the readers handle: they must report, not crash."""
    folder = ws / "evidence" / "aiweiban"
    for name in ("files/f05-encrypted.pdf", "files/f10-decompression-bomb.png", "files/f02-truncated.pdf"):
        shutil.copyfile(HOSTILE / name, folder / Path(name).name)
    (tmp / "outside").mkdir(exist_ok=True)
    (tmp / "outside" / "secret.pdf").write_bytes(harness.PDF)
    (folder / "secret.pdf").symlink_to(tmp / "outside" / "secret.pdf")
    docs = [("enc", "f05-encrypted.pdf", "org-agenda", "meeting-minutes", "会议纪要"),
            ("bomb", "f10-decompression-bomb.png", "org-annual-work", "campaign-records", "照片"),
            ("cut", "f02-truncated.pdf", "org-agenda", "meeting-minutes", "会议纪要"),
            ("link", "secret.pdf", "org-agenda", "meeting-minutes", "会议纪要"),
            ("up", "../../city.yaml", "org-agenda", "meeting-minutes", "会议纪要"),
            ("abs", "/etc/passwd", "org-agenda", "meeting-minutes", "会议纪要")]
    text = "department: aiweiban\ndocuments:\n" + "".join(
        f"  - {{id: {i}, file: '{f}', title: '<img src=x onerror=alert(1)>{_formula()}', item: {it}, material: {m}, type: {t}, issued: 2026-09-01}}\n"
        for i, f, it, m, t in docs
    ) + "statements:\n  - {item: org-agenda, text: '<script>alert(1)</script><style>@import url(http://evil.example/x.css)</style>'}\n"
    (folder / "manifest.yaml").write_text(text, encoding="utf-8")


def _formula() -> str:
    return '=HYPERLINK("http://evil.example","点")'.replace("'", "''")


def _broken_city(ws: Path, tmp: Path) -> None:
    shutil.copyfile(HOSTILE / "yaml/y05-billion-laughs.yaml", ws / "city.yaml")


def _assert_reported(result: subprocess.CompletedProcess[str], args: list[str]) -> None:
    shown = f"cwassess {' '.join(args)}\nexit {result.returncode}\n{result.stdout}\n{result.stderr}"
    assert "Traceback" not in result.stdout + result.stderr, shown
    assert result.returncode in (0, 1, 2), shown  # 3 is an internal error: a crash caught by the last line of defence
    assert CJK.search(result.stdout + result.stderr), shown


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a[:2]))
@pytest.mark.parametrize("kind", ["broken-city", "hostile-evidence"])
def test_every_command_reports_broken_input_without_a_traceback(kind: str, args: list[str], ws: Path, tmp_path: Path) -> None:
    (_broken_city if kind == "broken-city" else _hostile_evidence)(ws, tmp_path)
    result = script(tmp_path / "ws", *args)
    _assert_reported(result, args)


# Inputs that once crashed a reader (see cases.py, "regression"): each must be a reported problem, exit 1, not exit 3.
CRASHERS = [
    ("evidence/e24-path-nul.yaml", "evidence/aiweiban/manifest.yaml", ["evidence", "check"]),
    ("evidence/e24-path-nul.yaml", "evidence/aiweiban/manifest.yaml", ["score"]),
    ("sheets/ei06-long-path.xlsx", "t.xlsx", ["evidence", "import", "aiweiban", "t.xlsx"]),
    ("sheets/li03-photo-nul.xlsx", "t.xlsx", ["ledger", "import", "t.xlsx"]),
    ("sheets/li04-photo-long-name.csv", "t.csv", ["ledger", "import", "t.csv"]),
    ("sheets/li07-odd-cells.xlsx", "t.xlsx", ["ledger", "import", "t.xlsx"]),
    ("official/o25-docx-bad-deflate.docx", "o.docx", ["standard", "import-official", "o.docx"]),
]


@pytest.mark.parametrize(("source", "target", "args"), CRASHERS, ids=[f"{c[0]}:{c[2][0]}" for c in CRASHERS])
def test_inputs_that_once_crashed_are_reported(source: str, target: str, args: list[str], ws: Path, tmp_path: Path) -> None:
    shutil.copyfile(HOSTILE / source, ws / target)
    result = script(tmp_path / "ws", *args)
    _assert_reported(result, args)
    assert result.returncode == 1


# A ledger.db from a shared folder may have been edited by hand or by another program: every ledger command must
# say so (exit 1, naming the file), and `ledger check` must find it; none may crash.
TAMPERING = [
    ("event data that is not JSON", "DROP TRIGGER events_no_update; UPDATE events SET data = 'not json' WHERE seq = 1"),
    ("an event date of month 13", "DROP TRIGGER events_no_update; UPDATE events SET date = '2024-13-01' WHERE seq = 1"),
    ("an event of unknown kind", "DROP TRIGGER events_no_update; UPDATE events SET kind = 'explode' WHERE seq = 1"),
    ("event data without its fields", "DROP TRIGGER events_no_update; UPDATE events SET data = '{\"unit\": 5}' WHERE seq = 1"),
    ("a problem row whose data is a list", "UPDATE problems SET data = '[]'"),
    ("problem rows with other dates than their events", "UPDATE problems SET found = '2030-01-01', deadline = '2030-01-02'"),
]


@pytest.mark.parametrize("sql", [t[1] for t in TAMPERING], ids=[t[0] for t in TAMPERING])
def test_a_tampered_ledger_is_reported_not_a_crash(sql: str, ws: Path) -> None:
    """Every row is checked as it is decoded (store._event, store._problem, model.shape_error): a damaged one is a
    located problem (“事件 #1: …”, “问题 ZG-0001: …”), exit 1 naming ledger.db; `ledger check` also compares the
    problems table's indexed columns with each problem (the bulletin selects by them). Was: exit 3 from json.loads,
    date.fromisoformat, Problem.from_json, machine.created, problems_as_of; and check passed changed dates."""
    import sqlite3

    shutil.copyfile(HOSTILE / "sheets/li05-html-formula.csv", "p.csv")
    assert invoke("--workspace", "ws", "ledger", "import", "p.csv").exit_code == 0
    con = sqlite3.connect(ws / "ledger" / "ledger.db")
    con.executescript(sql)
    con.commit()
    con.close()
    outcomes = {}
    for args in (["list"], ["show", "ZG-0001"], ["bulletin", "--week", "2026-W46"], ["check"]):
        result = invoke("--workspace", "ws", "ledger", *args)
        assert result.exception is None or isinstance(result.exception, SystemExit), (args, repr(result.exception))
        assert result.exit_code in (0, 1), (args, result.output)
        if result.exit_code:
            assert "ws/ledger/ledger.db" in result.output, (args, result.output)
        outcomes[args[0]] = result.exit_code
    assert outcomes["check"] == 1, "ledger check passed a tampered ledger"


def _crash_everything(monkeypatch: pytest.MonkeyPatch) -> None:
    import cwassess.loading

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom: 测试用的内部错误")

    monkeypatch.setattr(cwassess.loading, "load_workspace", boom)


def _main(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    from cwassess import cli

    monkeypatch.setattr(sys, "argv", ["cwassess", *argv])
    with pytest.raises(SystemExit) as exit_:
        cli.main()
    out, err = capsys.readouterr()
    return int(exit_.value.code or 0), out, err


def test_an_internal_error_prints_a_chinese_message_and_the_log_path(ws: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    _crash_everything(monkeypatch)
    code, out, err = _main(monkeypatch, capsys, "--workspace", "ws", "score")
    logs = sorted((ws / ".cwassess" / "logs").glob("error-*.log"))
    assert code == 3 and len(logs) == 1
    assert err == f"内部错误：cwassess 遇到了意外问题，详细信息已记录在 {logs[0]}。请加 --debug 重试并反馈。\n"
    assert "Traceback" not in out + err and "boom" not in out + err
    log = logs[0].read_text(encoding="utf-8")
    assert log.startswith("Traceback (most recent call last)") and "RuntimeError: boom: 测试用的内部错误" in log


def test_debug_shows_the_trace(ws: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    _crash_everything(monkeypatch)
    code, out, err = _main(monkeypatch, capsys, "--debug", "--workspace", "ws", "evidence", "check")
    assert code == 3
    assert err.startswith("Traceback (most recent call last)") and "RuntimeError: boom: 测试用的内部错误" in err
    assert err.splitlines()[-1].startswith("内部错误：cwassess 遇到了意外问题，详细信息已记录在 ws/.cwassess/logs/error-")


def test_the_workspace_from_the_environment_gets_the_log(tmp_path: Path, ws: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    _crash_everything(monkeypatch)
    monkeypatch.setenv("CWASSESS_WORKSPACE", str(tmp_path / "ws"))
    code, _, err = _main(monkeypatch, capsys, "claims", "status")
    assert code == 3 and len(list((ws / ".cwassess" / "logs").glob("error-*.log"))) == 1
    assert f"详细信息已记录在 {tmp_path / 'ws' / '.cwassess' / 'logs'}" in err


def test_no_log_folder_still_gives_the_chinese_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "not-a-folder").write_text("x", encoding="utf-8")
    _crash_everything(monkeypatch)
    code, out, err = _main(monkeypatch, capsys, "--workspace", "not-a-folder", "score")
    assert (code, err) == (3, "内部错误：cwassess 遇到了意外问题。请加 --debug 重试并反馈。\n")
    assert "Traceback" not in out


def test_two_crashes_in_one_second_keep_both_logs(ws: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """Regression, cli._log_crash: the log is named error-YYYYmmdd-HHMMSS.log, so a second crash in the same second
    overwrites the first one's trace (the user reports the first, the file shows the second)."""
    from cwassess import cli

    class Frozen(dt.datetime):
        @classmethod
        def now(cls, tz: object = None) -> Frozen:  # type: ignore[override]
            return cls(2027, 3, 1, 9, 30, 0)

    monkeypatch.setattr(cli, "datetime", Frozen)
    _crash_everything(monkeypatch)
    _main(monkeypatch, capsys, "--workspace", "ws", "score")
    _main(monkeypatch, capsys, "--workspace", "ws", "evidence", "check")
    assert len(list((ws / ".cwassess" / "logs").glob("error-*.log"))) == 2


def test_ctrl_c_is_a_chinese_line_not_a_trace(ws: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """Regression, cli.main: typer turns KeyboardInterrupt into Exit(130) itself, so main's handler never prints 已中断:
    the user gets exit 130 and no word at all."""
    import cwassess.loading

    def interrupt(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cwassess.loading, "load_workspace", interrupt)
    code, out, err = _main(monkeypatch, capsys, "--workspace", "ws", "score")
    assert (code, err) == (130, "已中断\n") and "Traceback" not in out


def test_the_real_script_hides_an_internal_error(ws: Path, tmp_path: Path) -> None:
    """The installed console script, with a bug injected at start-up (sitecustomize): no traceback, exit 3."""
    inject = tmp_path / "inject"
    inject.mkdir()
    (inject / "sitecustomize.py").write_text(
        "import cwassess.loading\n"
        "def _boom(*a, **k):\n    raise RuntimeError('boom')\n"
        "cwassess.loading.load_workspace = _boom\n",
        encoding="utf-8",
    )
    result = script(tmp_path, "--workspace", "ws", "score", PYTHONPATH=str(inject))
    assert result.returncode == 3, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stderr.startswith("内部错误：cwassess 遇到了意外问题，详细信息已记录在 ws/.cwassess/logs/error-")
    debug = script(tmp_path, "--debug", "--workspace", "ws", "score", PYTHONPATH=str(inject))
    assert debug.returncode == 3 and "Traceback (most recent call last)" in debug.stderr and "RuntimeError: boom" in debug.stderr


def test_a_damaged_parse_cache_is_ignored(ws: Path) -> None:
    """A damaged cache entry (.cwassess/cache/yaml/<sha256>.v2.json) is parsed again, not trusted (each entry is
    sealed with the hash of its body); one forged with a fitting seal may lose positions, never crash the reader."""
    import json as json_

    from cwassess.yamlio import YamlCache

    manifest = ws / "evidence" / "aiweiban" / "manifest.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("org-agenda\n    text", "org-agnda\n    text") + "# " + "x" * 70_000 + "\n", encoding="utf-8")
    fresh = invoke("--workspace", "ws", "evidence", "check")
    digest = hashlib.sha256(manifest.read_bytes()).hexdigest()
    entry = ws / ".cwassess" / "cache" / "yaml" / f"{digest}.v{YamlCache.VERSION}.json"
    assert entry.is_file()  # the first run cached the parse
    seal, _, body = entry.read_bytes().partition(b"\n")
    data = json_.loads(body)
    for tree in ("xyz", ["a", "b", None], [1, 2, {"statements": "oops"}]):
        damaged = json_.dumps({**data, "tree": tree}).encode()
        for sealed in (seal, hashlib.sha256(damaged).hexdigest().encode()):  # damaged, and forged with a fitting seal
            entry.write_bytes(sealed + b"\n" + damaged)
            again = invoke("--workspace", "ws", "evidence", "check")
            assert again.exception is None or isinstance(again.exception, SystemExit), repr(again.exception)
            if sealed == seal:
                assert (again.exit_code, again.output) == (fresh.exit_code, fresh.output)
    entry.write_bytes(seal + b"\n" + json_.dumps({**data, "tree": "xyz"}).encode())
    again = invoke("--workspace", "ws", "evidence", "check")
    assert (again.exit_code, again.output) == (fresh.exit_code, fresh.output)


# ================================================================================================ 2. no network


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every way out (connect, connect_ex, sendto, create_connection, DNS) refuses and is recorded."""
    attempts: list[str] = []

    def refuse(what: str, target: object) -> OSError:
        attempts.append(f"{what} {target!r}")
        return OSError(f"测试中禁止联网：{what} {target!r}")

    def connect(self: socket.socket, address: object) -> None:
        raise refuse("connect", address)

    def connect_ex(self: socket.socket, address: object) -> int:
        raise refuse("connect_ex", address)

    def sendto(self: socket.socket, data: bytes, *args: object) -> int:
        raise refuse("sendto", args[-1] if args else None)

    def create_connection(address: object, *args: object, **kwargs: object) -> socket.socket:
        raise refuse("create_connection", address)

    def getaddrinfo(host: object, *args: object, **kwargs: object) -> list[object]:
        raise refuse("getaddrinfo", host)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket.socket, "sendto", sendto)
    monkeypatch.setattr(socket, "create_connection", create_connection)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return attempts


def test_the_network_guard_catches_a_connection(no_network: list[str]) -> None:
    import urllib.request

    with pytest.raises(OSError):
        urllib.request.urlopen("http://192.0.2.1/x", timeout=1)  # noqa: S310 - the point is that it is refused
    with pytest.raises(OSError):
        socket.create_connection(("192.0.2.1", 80))
    assert len(no_network) == 2


def _hostile_content(ws: Path) -> None:
    """HTML, remote URLs and CSS url() in every free-text field that reaches a report."""
    remote = '<img src="http://evil.example/a.png"><link rel=stylesheet href="https://evil.example/x.css"><style>@import url(http://evil.example/y.css); body{background:url(http://evil.example/z.png)}</style>'
    city = (ws / "city.yaml").read_text(encoding="utf-8")
    city = city.replace("name: 测试市爱卫办", f"name: '测试市爱卫办{remote}'").replace("liaison: 刘强", "liaison: '<img src=file:///etc/passwd>'")
    (ws / "city.yaml").write_text(city, encoding="utf-8")
    (ws / "claims" / "aiweiban.yaml").write_text(
        "department: aiweiban\nclaims:\n"
        f"  - {{item: org-agenda, role: lead, contact: '{remote}', note: '<script src=\"http://evil.example/s.js\"></script>'}}\n",
        encoding="utf-8",
    )
    manifest = (ws / "evidence" / "aiweiban" / "manifest.yaml").read_text(encoding="utf-8")
    manifest = manifest.replace("text: 市政府每年专题研究爱国卫生工作。", f"text: '{remote}'")
    (ws / "evidence" / "aiweiban" / "manifest.yaml").write_text(manifest, encoding="utf-8")


def test_reports_never_open_a_connection(ws: Path, no_network: list[str]) -> None:
    _hostile_content(ws)
    result = invoke("--workspace", "ws", "report", "--format", "html,pdf,xlsx,json", "--department", "aiweiban")
    assert result.exit_code in (0, 1), result.output
    assert no_network == []
    (page,) = (ws / "reports" / "部门责任清单").glob("*.html")
    html = page.read_text(encoding="utf-8")
    assert "http://evil.example" in html  # the text is there, as text
    assert "<img src=\"http://evil.example" not in html and "<link rel=stylesheet href=\"https://evil.example" not in html


def test_rendering_hostile_html_fetches_nothing(tmp_path: Path, no_network: list[str]) -> None:
    from cwassess.render.pdf import render_pdf

    (tmp_path / "outside.png").write_bytes(b"\x89PNG secret")
    html = (
        '<html><head><link rel=stylesheet href="https://evil.example/x.css"><style>@import url("http://evil.example/y.css");'
        '@font-face{font-family:x;src:url(http://evil.example/f.woff)} body{background:url(ftp://evil.example/b.png)}</style></head>'
        '<body><img src="http://evil.example/a.png"><img src="//evil.example/b.png"><img src="file:///etc/passwd">'
        f'<img src="{(tmp_path / "outside.png").as_uri()}"><iframe src="http://evil.example/"></iframe><object data="http://evil.example/o"></object>'
        "<p>文字</p></body></html>"
    )
    ws = tmp_path / "ws"
    ws.mkdir()
    out = render_pdf(html, roots=[ws])
    assert out.data.startswith(b"%PDF")
    assert no_network == []
    assert len(out.refused) >= 6


def test_imports_never_open_a_connection(ws: Path, no_network: list[str]) -> None:
    shutil.copyfile(HOSTILE / "sheets/ci01-html-formula.csv", "c.csv")
    shutil.copyfile(HOSTILE / "sheets/ei05-html-formula.xlsx", "e.xlsx")
    shutil.copyfile(HOSTILE / "sheets/li05-html-formula.csv", "l.csv")
    for args in (["claims", "import", "c.csv"], ["evidence", "import", "aiweiban", "e.xlsx"], ["ledger", "import", "l.csv"],
                 ["standard", "import-official", corpus("official/o21-html.txt")], ["evidence", "check"], ["ledger", "bulletin", "-f", "html,xlsx"]):
        result = invoke("--workspace", "ws", *args)
        assert result.exception is None or isinstance(result.exception, SystemExit), (args, result.exception)
    assert no_network == []


def test_the_packet_never_opens_a_connection(ws: Path, no_network: list[str]) -> None:
    _hostile_content(ws)
    result = invoke("--workspace", "ws", "packet", "--item", "org-agenda")
    assert result.exit_code in (0, 1), result.output
    assert no_network == []


# ================================================================================================ 3. nothing outside the workspace


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every path opened through open(), io.open, os.open (resolved)."""
    seen: list[str] = []
    real_open, real_os_open = builtins.open, os.open

    def record(path: object) -> None:
        if isinstance(path, (str, bytes, os.PathLike)):
            try:
                seen.append(os.path.realpath(os.fsdecode(path)))
            except (ValueError, OSError):
                seen.append(repr(path))

    def patched_open(file: object, *args: object, **kwargs: object) -> object:
        record(file)
        return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

    def patched_os_open(path: object, *args: object, **kwargs: object) -> int:
        record(path)
        return real_os_open(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "open", patched_open)
    monkeypatch.setattr(io, "open", patched_open)
    monkeypatch.setattr(os, "open", patched_os_open)
    return seen


def _sentinels(tmp_path: Path, ws: Path) -> Path:
    """A folder beside the workspace full of files nobody meant to share, reachable by .., absolute paths and links."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.pdf").write_bytes(harness.PDF)
    (outside / "secret.jpg").write_bytes((ws / "ledger" / "photos" / "before.jpg").read_bytes())
    (outside / "secret.xlsx").write_bytes((HOSTILE / "sheets/w18-styled-empty-rows.xlsx").read_bytes())
    folder = ws / "evidence" / "aiweiban"
    (folder / "link.pdf").symlink_to(outside / "secret.pdf")
    (folder / "linked-dir").symlink_to(outside, target_is_directory=True)
    (ws / "ledger" / "photos" / "link.jpg").symlink_to(outside / "secret.jpg")
    docs = [("up", "../../../outside/secret.pdf"), ("abs", str(outside / "secret.pdf")), ("link", "link.pdf"), ("dir", "linked-dir/secret.pdf"),
            ("win", "..\\..\\..\\outside\\secret.pdf")]
    (folder / "manifest.yaml").write_text(
        "department: aiweiban\ndocuments:\n" + "".join(
            f"  - {{id: {i}, file: '{f}', title: 纪要, item: org-agenda, material: meeting-minutes, type: 会议纪要, issued: 2026-09-01}}\n" for i, f in docs
        ),
        encoding="utf-8",
    )
    return outside


def test_manifest_paths_out_of_the_workspace_are_refused_and_never_opened(ws: Path, tmp_path: Path, opened: list[str]) -> None:
    outside = _sentinels(tmp_path, ws)
    opened.clear()
    result = invoke("--workspace", "ws", "evidence", "check")
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if "documents." in line]
    assert len(lines) == 5, result.output
    assert {line.split(": 错误: ")[1] for line in lines} == {
        "documents.0.file: 路径“../../../outside/secret.pdf”含有“..”，不允许指向证据目录之外",
        f"documents.1.file: 不允许使用绝对路径“{outside / 'secret.pdf'}”，请写相对于本部门证据目录的路径",
        "documents.2.file: 路径“link.pdf”指向工作区之外（可能是符号链接），已拒绝",
        "documents.3.file: 路径“linked-dir/secret.pdf”指向工作区之外（可能是符号链接），已拒绝",
        "documents.4.file: 路径“..\\..\\..\\outside\\secret.pdf”含有“..”，不允许指向证据目录之外",
    }
    assert [p for p in opened if p.startswith(str(outside.resolve()))] == []


def test_imports_refuse_paths_out_of_the_workspace_and_never_open_them(ws: Path, tmp_path: Path, opened: list[str]) -> None:
    outside = _sentinels(tmp_path, ws)
    from tests.hostile import make_corpus

    head = ["文件编号", "条目编号", "材料编号", "文件类型", "标题", "文件路径", "发文日期"]
    rows = [[f"d{i}", "org-agenda", "meeting-minutes", "会议纪要", "纪要", path, "2026-03-05"]
            for i, path in enumerate(["../../../outside/secret.pdf", str(outside / "secret.pdf"), "link.pdf", "linked-dir/secret.pdf"])]
    Path("e.xlsx").write_bytes(make_corpus.xlsx({"文件": [head, *rows]}))
    ledger_head = "来源,发现日期,街道,地址,点位类型,问题类别,问题描述,照片\n"
    Path("l.csv").write_text(ledger_head + "".join(
        f"模拟暗访,2026-11-10,一街道,人民路{i}号,主次干道,乱堆乱摆,杂物,{p}\n"
        for i, p in enumerate(["../outside/secret.jpg", str(outside / "secret.jpg"), "ledger/photos/link.jpg"])
    ), encoding="utf-8")
    opened.clear()
    evidence = invoke("--workspace", "ws", "evidence", "import", "aiweiban", "e.xlsx")
    ledger = invoke("--workspace", "ws", "ledger", "import", "l.csv")
    assert (evidence.exit_code, ledger.exit_code) == (1, 1)
    assert evidence.output.count("（文件路径）") == 4 and ledger.output.count("（照片）") == 3
    assert "已拒绝" in ledger.output and "不允许" in evidence.output
    assert [p for p in opened if p.startswith(str(outside.resolve()))] == []


def test_commands_write_nothing_outside_the_workspace(ws: Path, tmp_path: Path) -> None:
    """The folder around the workspace (names, sizes, mtimes) is the same after every command that only works inside it."""
    _sentinels(tmp_path, ws)
    shutil.copyfile(HOSTILE / "sheets/ci02-bad-dates.csv", tmp_path / "c.csv")
    shutil.copyfile(HOSTILE / "sheets/li01-dates.csv", tmp_path / "l.csv")
    before = around(tmp_path, tmp_path / "ws")
    for args in (["evidence", "check"], ["score"], ["report", "--format", "html,xlsx,json"], ["claims", "import", "c.csv"],
                 ["ledger", "import", "l.csv"], ["ledger", "bulletin", "-f", "html,xlsx,json"], ["claims", "seed"],
                 ["packet", "--item", "org-agenda"], ["standard", "import-official", corpus("official/o19-too-many-pages.pdf"), "--apply"]):
        result = invoke("--workspace", "ws", *args)
        assert result.exception is None or isinstance(result.exception, SystemExit), (args, result.exception)
    assert around(tmp_path, tmp_path / "ws") == before


def test_the_real_script_writes_nothing_outside_the_workspace(ws: Path, tmp_path: Path) -> None:
    """The installed script with HOME, TMPDIR and the caches pointed beside the workspace: after rendering PDFs,
    building the packet and importing, nothing is left anywhere but in the workspace."""
    _sentinels(tmp_path, ws)
    home, temp = tmp_path / "home", tmp_path / "tmp"
    home.mkdir()
    temp.mkdir()
    shutil.copyfile(HOSTILE / "sheets/ei05-html-formula.xlsx", tmp_path / "e.xlsx")
    before = around(tmp_path, tmp_path / "ws")
    for args in (["report", "--format", "pdf", "--department", "chengguan"], ["packet", "--item", "org-agenda"],
                 ["evidence", "import", "aiweiban", "../e.xlsx"], ["evidence", "check"]):
        result = script(tmp_path / "ws", *args, HOME=str(home), TMPDIR=str(temp), XDG_CACHE_HOME=str(home / ".cache"))
        assert "Traceback" not in result.stderr, result.stderr
    assert around(tmp_path, tmp_path / "ws") == before


def test_a_symlinked_reports_folder_is_not_written_through(ws: Path, tmp_path: Path) -> None:
    """Regression, reports (fileio.write_atomic and the report writers): a shared folder may hold a reports/ that is a
    symlink to somewhere else; `cwassess report` writes score.json and every report through it, outside the workspace."""
    target = tmp_path / "elsewhere"
    target.mkdir()
    shutil.rmtree(ws / "reports", ignore_errors=True)
    (ws / "reports").symlink_to(target, target_is_directory=True)
    result = invoke("--workspace", "ws", "report", "--format", "json")
    assert list(target.iterdir()) == [], result.output


def test_a_symlinked_cache_folder_is_not_written_through(ws: Path, tmp_path: Path) -> None:
    """.cwassess/ (the parse cache, the file digests) may be a link to a shared place: nothing is written there,
    not even an empty folder, and the command works as without a cache."""
    target = tmp_path / "elsewhere"
    target.mkdir()
    shutil.rmtree(ws / ".cwassess", ignore_errors=True)
    (ws / ".cwassess").symlink_to(target, target_is_directory=True)
    manifest = ws / "evidence" / "aiweiban" / "manifest.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8") + "# " + "x" * 70_000 + "\n", encoding="utf-8")  # big enough to cache
    result = invoke("--workspace", "ws", "evidence", "check")
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert list(target.iterdir()) == [], result.output


# ================================================================================================ 4. failed imports change nothing

FAILING_IMPORTS = [
    (["claims", "import", "{sheets}/ci02-bad-dates.csv"], "rows with errors"),
    (["claims", "import", "{sheets}/w09-zip-bomb.xlsx"], "a zip bomb"),
    (["claims", "import", "{sheets}/w12-gbk-stray-utf8.csv"], "mixed encodings"),
    (["claims", "import", "{sheets}/w16-huge-cell.csv", "--partial"], "an unreadable file, even with --partial"),
    (["evidence", "import", "aiweiban", "{sheets}/ei01-values.xlsx"], "rows with errors"),
    (["evidence", "import", "aiweiban", "{sheets}/ei04-not-template.xlsx", "--partial"],
     "--partial with nothing importable: manifest.yaml is not rewritten (its comments and layout would be lost)"),
    (["evidence", "import", "aiweiban", "{sheets}/w08-encrypted.xlsx"], "a password-protected workbook"),
    (["ledger", "import", "{sheets}/li01-dates.csv"], "rows with errors"),
    (["ledger", "import", "{sheets}/w17-too-many-rows.csv", "--partial"], "too many rows"),
    (["ledger", "import", "{sheets}/li06-no-header.csv"], "no header"),
    (["standard", "import-official", "{official}/o16-encrypted.pdf", "--apply"], "a password-protected official PDF"),
    (["standard", "import-official", "{official}/o21-html.txt", "--apply"], "an official text without structure"),
    (["ledger", "add", "--found", "2024年13月1日", "--description", "x"], "an invalid new problem"),
    (["ledger", "submit", "ZG-0001", "--photo", "../x.jpg"], "a problem that does not exist"),
]


@pytest.mark.parametrize(("args", "why"), FAILING_IMPORTS, ids=[f"{a[0]} {a[1]}: {w.split(':')[0]}" for a, w in FAILING_IMPORTS])
def test_a_failed_import_leaves_every_file_unchanged(args: list[str], why: str, ws: Path, tmp_path: Path) -> None:
    argv = [a.format(sheets=HOSTILE / "sheets", official=HOSTILE / "official") for a in args]
    before = files(tmp_path)
    result = invoke("--workspace", "ws", *argv)
    assert result.exit_code == 1, (why, result.output)
    assert files(tmp_path) == before, why


def test_a_failing_write_in_the_middle_of_a_claims_import_restores_every_file(ws: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The disk fills up (os.replace fails) after the first claims file was replaced: the first is put back."""
    from cwassess.claims import import_table

    Path("c.csv").write_text(
        "项目,内容,牵头部门,配合（承办）部门\n一,（一）,测试市城管局,测试市爱卫办\n三,（十）,测试市爱卫办,测试市城管局\n", encoding="utf-8"
    )
    claims_before = files(ws / "claims")
    calls: list[str] = []
    real_replace = os.replace

    def flaky(src: object, dst: object) -> None:
        calls.append(str(dst))
        if len(calls) == 2:
            raise OSError(28, "No space left on device", str(dst))
        real_replace(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(import_table.os, "replace", flaky)
    result = invoke("--workspace", "ws", "claims", "import", "c.csv")
    assert result.exit_code == 1, result.output
    assert len(calls) == 2
    assert files(ws / "claims") == claims_before
    assert not [p for p in (ws / "claims").iterdir() if p.name.endswith(".tmp")]


def test_a_failing_manifest_write_keeps_the_manifest(ws: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from cwassess import fileio

    head = ["指标编号", "指标名称", "单位", "要求", "年份", "数值", "数据来源"]
    from tests.hostile import make_corpus

    Path("e.xlsx").write_bytes(make_corpus.xlsx({"指标": [head, ["satisfaction-rate", "", "%", "", 2025, "95%", ""]]}))
    before = (ws / "evidence" / "aiweiban" / "manifest.yaml").read_bytes()
    real_fsync = os.fsync

    def full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fileio.os, "fsync", full)
    result = invoke("--workspace", "ws", "evidence", "import", "aiweiban", "e.xlsx")
    monkeypatch.setattr(fileio.os, "fsync", real_fsync)
    assert result.exit_code in (1, 3)
    assert (ws / "evidence" / "aiweiban" / "manifest.yaml").read_bytes() == before
    assert not [p for p in (ws / "evidence" / "aiweiban").iterdir() if p.name.endswith(".tmp")]


def test_a_full_disk_during_evidence_import_is_a_message_not_a_crash(ws: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An OSError while writing the manifest (disk full, read-only share) is a file.unwritable problem naming the
    manifest (exit 1), not the last line of defence (exit 3, 内部错误); the manifest stays as it was."""
    from cwassess import fileio
    from tests.hostile import make_corpus

    head = ["指标编号", "指标名称", "单位", "要求", "年份", "数值", "数据来源"]
    Path("e.xlsx").write_bytes(make_corpus.xlsx({"指标": [head, ["satisfaction-rate", "", "%", "", 2025, "95%", ""]]}))

    def full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    before = files(ws)
    monkeypatch.setattr(fileio.os, "fsync", full)
    result = invoke("--workspace", "ws", "evidence", "import", "aiweiban", "e.xlsx")
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 1
    assert "ws/evidence/aiweiban/manifest.yaml: 错误: 无法写入证据清单，未做任何改动：" in result.output
    after = files(ws)
    assert {k: after.get(k) for k in before} == before  # every existing file unchanged (new store copies may stay)


# ================================================================================================ 5. size limits


def test_text_files_over_the_size_limit(tmp_path: Path) -> None:
    from cwassess.textio import DEFAULT_MAX_BYTES, read_text

    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: 1\n" * 300)
    assert DEFAULT_MAX_BYTES == 20 * 1024 * 1024
    got = read_text(path, "big.yaml", max_bytes=1024)
    assert [p.render() for p in got.problems] == ["big.yaml: 错误: 文件过大（应为：不超过 1 KB；实际：1.5 KB）"]
    assert read_text(path, "big.yaml", max_bytes=2048).text is not None


def test_spreadsheet_limits(tmp_path: Path) -> None:
    from tests.hostile import make_corpus

    from cwassess.sheets import Limits, read_workbook

    csv = tmp_path / "t.csv"
    csv.write_text("a,b,c\n" + "1,2,3\n" * 50 + "\n" * 30 + "4,5,6\n", encoding="utf-8")
    wide = tmp_path / "w.xlsx"
    wide.write_bytes(make_corpus.xlsx({"S": [["x"] * 30, ["y"] * 30]}))

    def rendered(path: Path, limits: Limits) -> list[str]:
        return [p.render() for p in read_workbook(path, path.name, limits).problems]

    assert rendered(csv, Limits(max_rows=40)) == ["t.csv: 错误: 工作表超过 40 行，请删除多余内容或拆分后再导入"]
    assert rendered(csv, Limits(max_blank_run=20)) == ["t.csv:82: 警告: 第82行: 第 52 行起连续 20 行以上为空，其后的内容已忽略"]
    assert rendered(wide, Limits(max_cells=40)) == ["w.xlsx: 错误: S: 工作表的数据范围过大（A1:AD2），请删除表格以外的多余内容后再导入（应为：不超过 40 个单元格）"]
    assert rendered(wide, Limits(max_unpacked_bytes=1000)) == ["w.xlsx: 错误: 文件解压后过大，拒绝读取（应为：不超过 1000 字节；实际：14.3 KB）"]
    book = read_workbook(wide, wide.name, Limits(max_columns=5))
    assert [len(values) for _, values in book.sheets[0].rows] == [5, 5]


def test_the_size_message_says_how_big_the_limit_is(tmp_path: Path) -> None:
    """Regression, sheets._size: a limit under 1 MB is printed as “0 KB” for a limit of 100 bytes and the file as “0 KB”:
    the message must say the actual sizes (as textio does: “100 字节”)."""
    from cwassess.sheets import Limits, read_workbook

    csv = tmp_path / "t.csv"
    csv.write_text("a,b,c\n" + "1,2,3\n" * 50, encoding="utf-8")
    got = [p.render() for p in read_workbook(csv, csv.name, Limits(max_bytes=100)).problems]
    assert got == ["t.csv: 错误: 文件过大（应为：不超过 100 字节；实际：306 字节）"]


def test_the_spreadsheet_reader_child_has_a_time_limit(tmp_path: Path) -> None:
    from tests.hostile import make_corpus

    from cwassess.sheets import Limits, read_workbook

    path = tmp_path / "t.xlsx"
    path.write_bytes(make_corpus.xlsx({"S": [["a"], ["b"]]}))
    got = [p.render() for p in read_workbook(path, path.name, Limits(reader_timeout=0.001)).problems]
    assert got == ["t.xlsx: 错误: 不是有效的表格文件（.xlsx/.xls/.csv）（实际：文件已损坏或过于复杂：0.001 秒内未能读完）"]


def test_official_document_limits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from cwassess.official import extract

    assert (extract.MAX_PDF_PAGES, extract.MAX_BINARY_BYTES) == (500, 50 * 1024 * 1024)
    got = extract.extract_file(HOSTILE / "official/o19-too-many-pages.pdf", "o.pdf")
    assert [p.render() for p in got.problems] == ["o.pdf: 错误: PDF 页数过多（应为：不超过 500 页；实际：600 页）"]
    big = tmp_path / "big.pdf"
    with big.open("wb") as fh:  # sparse: no disk is used
        fh.write(b"%PDF-1.4\n")
        fh.truncate(51 * 1024 * 1024)
    got = extract.extract_file(big, "big.pdf")
    assert [p.render() for p in got.problems] == ["big.pdf: 错误: 文件过大（应为：不超过 50 MB；实际：51 MB）"]


def test_yaml_files_over_the_limit_through_the_workspace(ws: Path) -> None:
    os.truncate(ws / "claims" / "aiweiban.yaml", 21 * 1024 * 1024)
    result = invoke("--workspace", "ws", "claims", "status")
    assert "ws/claims/aiweiban.yaml: 错误: 文件过大（应为：不超过 20 MB；实际：21 MB）" in result.output


# ================================================================================================ 6. content: formulas and HTML stay text

PAYLOADS = ('=HYPERLINK("http://evil.example/f","点我")', "=cmd|' /C calc'!A0", "+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0",
            "<script>alert('xss')</script>", '<img src="file:///etc/passwd">', "<style>body{background:url(http://evil.example/c)}</style>")


def _q(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _everywhere(ws: Path) -> None:
    """Every payload in every free-text field a department or the 创卫办 fills in."""
    f, c, plus, at, script, img, style = (_q(p) for p in PAYLOADS)
    city = (ws / "city.yaml").read_text(encoding="utf-8")
    city = city.replace("{code: aiweiban, name: 测试市爱卫办, liaison: 周建华, leader: 李副市长}",
                        f"{{code: aiweiban, name: 测试市爱卫办, liaison: {f}, leader: {c}, phone: {plus}}}")
    city = city.replace("{code: chengguan, name: 测试市城管局, liaison: 刘强, leader: 张副市长}",
                        f"{{code: chengguan, name: 测试市城管局, liaison: {script}, leader: {img}, phone: {at}}}")
    (ws / "city.yaml").write_text(city, encoding="utf-8")
    (ws / "claims" / "aiweiban.yaml").write_text(
        "department: aiweiban\nclaims:\n"
        f"  - {{item: org-agenda, role: lead, contact: {f}, leader: {c}, note: {style}}}\n"
        f"  - {{item: org-annual-work, role: lead, contact: {script}, leader: {plus}, note: {at}}}\n",
        encoding="utf-8",
    )
    (ws / "evidence" / "aiweiban" / "manifest.yaml").write_text(
        "department: aiweiban\n"
        f"indicators:\n  - {{indicator: satisfaction-rate, unit: '%', values: {{'2026': 93.5}}, source: {f}}}\n"
        "documents:\n"
        f"  - {{id: minutes-2026, file: minutes-2026.pdf, title: {f}, item: org-agenda, material: meeting-minutes, type: 会议纪要, issued: 2026-03-12, issuer: {c}, doc_number: {plus}}}\n"
        f"statements:\n  - {{item: org-agenda, text: {script}}}\n  - {{item: org-annual-work, text: {c}}}\n",
        encoding="utf-8",
    )
    rows = "".join(
        f"模拟暗访,2026-11-1{n},甲区,一街道,\"{PAYLOADS[n].replace(chr(34), chr(34) * 2)}\",主次干道,乱堆乱摆,\"{PAYLOADS[-1 - n].replace(chr(34), chr(34) * 2)}\"\n"
        for n in range(3)
    )
    Path("problems.csv").write_text("来源,发现日期,区,街道,地址,点位类型,问题类别,问题描述\n" + rows, encoding="utf-8")


def _formulas(path: Path) -> list[str]:
    """Every formula cell of a workbook, and every text cell that starts like a formula but is stored as one."""
    import openpyxl

    found = []
    for sheet in openpyxl.load_workbook(path).worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f" or (isinstance(cell.value, str) and cell.value.startswith("=") and cell.data_type != "s"):
                    found.append(f"{path.name}!{sheet.title}!{cell.coordinate}: {cell.value!r}")
    return found


def test_formulas_in_every_text_field_stay_text_in_every_export(ws: Path) -> None:
    _everywhere(ws)
    assert invoke("--workspace", "ws", "ledger", "import", "problems.csv").exit_code == 0
    outputs = [
        invoke("--workspace", "ws", "claims", "export", "--xlsx", "claims.xlsx"),
        invoke("--workspace", "ws", "evidence", "template", "aiweiban", "--out", "template.xlsx"),
        invoke("--workspace", "ws", "report", "--format", "html,xlsx"),
        invoke("--workspace", "ws", "ledger", "bulletin", "--week", "2026-W47", "-f", "xlsx,html", "--out", "bulletin"),
    ]
    for result in outputs:
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    books = [Path("claims.xlsx"), Path("template.xlsx"), *Path("ws/reports").rglob("*.xlsx"), *Path("bulletin").rglob("*.xlsx")]
    assert len(books) >= 5, [r.output for r in outputs]
    assert [f for book in books for f in _formulas(book)] == []
    texts = [cell.value for book in books for sheet in __import__("openpyxl").load_workbook(book).worksheets
             for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str)]
    for payload in PAYLOADS[:4]:  # each formula reached at least one export, as text
        assert any(payload in t for t in texts), payload


def test_html_in_every_text_field_is_escaped_in_every_html_output(ws: Path) -> None:
    _everywhere(ws)
    assert invoke("--workspace", "ws", "ledger", "import", "problems.csv").exit_code == 0
    invoke("--workspace", "ws", "report", "--format", "html")
    invoke("--workspace", "ws", "ledger", "bulletin", "--week", "2026-W47", "-f", "html", "--out", "bulletin")
    pages = [*Path("ws/reports").rglob("*.html"), *Path("bulletin").rglob("*.html")]
    assert len(pages) >= 4
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "<script>alert('xss')</script>" not in html, page
        assert '<img src="file:///etc/passwd">' not in html, page
        assert "<style>body{background:url(http://evil.example/c)}</style>" not in html, page
    assert any("&lt;script&gt;alert(" in p.read_text(encoding="utf-8") for p in pages)
