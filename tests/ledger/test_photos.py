"""Photos: inside the workspace, real images, within the city's size limits; paths typed on the command line start
at the workspace (as the ledger shows them), else at the current folder."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

import pytest

from cwassess.ledger.photos import check_photo
from cwassess.ledger.service import FieldError, LedgerContext
from cwassess.loading import load_workspace
from cwassess.models.limits import InputLimits
from tests.commands.ledger_helpers import ledger
from tests.ledger.conftest import TODAY, jpeg_bytes, raw


def photo_errors(ctx: LedgerContext, *written: str) -> list[str]:
    errors: list[FieldError] = []
    ctx.photos(list(written), errors)
    return [e.message for e in errors]


def png_bytes(width: int, height: int) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("L", (width, height)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def photos(tmp_path: Path) -> Path:
    """A workspace of its own with a 3 KB JPEG and a 2000×1000 PNG in ledger/photos/."""
    root = tmp_path / "ws"
    (root / "ledger" / "photos").mkdir(parents=True)
    jpeg = jpeg_bytes()
    (root / "ledger" / "photos" / "big.jpg").write_bytes(jpeg + b"\0" * (3 * 1024 - len(jpeg)))
    (root / "ledger" / "photos" / "wide.png").write_bytes(png_bytes(2000, 1000))
    (root / "ledger" / "photos" / "cut.png").write_bytes(png_bytes(20, 10)[:12])
    return root


def test_a_photo_over_the_file_limit_is_refused(photos: Path) -> None:
    base = photos
    assert check_photo(photos, "ledger/photos/big.jpg", base, InputLimits(file_mb=0.002)) == (None, "照片“ledger/photos/big.jpg”过大（上限 2 KB，实际 3 KB）")
    assert check_photo(photos, "ledger/photos/big.jpg", base, InputLimits(file_mb=0.003)) == ("ledger/photos/big.jpg", None)


def test_a_photo_over_the_pixel_limit_is_refused_from_its_header(photos: Path) -> None:
    limits = InputLimits(image_megapixels=1.5)
    assert check_photo(photos, "ledger/photos/wide.png", photos, limits) == (
        None, "照片“ledger/photos/wide.png”像素过多（上限 1.5 百万像素，实际 2000×1000，约 2 百万像素）"
    )
    assert check_photo(photos, "ledger/photos/wide.png", photos, InputLimits(image_megapixels=2)) == ("ledger/photos/wide.png", None)


def test_a_photo_whose_header_cannot_be_read_is_refused(photos: Path) -> None:
    assert check_photo(photos, "ledger/photos/cut.png", photos) == (None, "照片“ledger/photos/cut.png”已损坏，无法作为 PNG 图片打开")


def test_names_the_os_refuses_are_messages(photos: Path) -> None:
    long = "ledger/photos/" + "长" * 100 + ".jpg"
    assert check_photo(photos, long, photos) == (None, f"无法读取照片“{long}”：文件名过长")
    assert check_photo(photos, "ledger/photos/big.jpg\0", photos) == (None, "照片“ledger/photos/big.jpg␀”的路径含有 NUL 字符，无效")


def test_the_city_limits_reach_the_ledger(ctx: LedgerContext) -> None:
    """open_context takes the workspace's limits (city.yaml `limits:`); the ledger's checks use them."""
    assert ctx.limits == InputLimits() and ctx.sheet_limits.max_rows == 20_000
    small = dataclasses.replace(ctx, limits=InputLimits(file_mb=0.0001))
    size = (ctx.root / "ledger/photos/before.jpg").stat().st_size
    assert photo_errors(small, "ledger/photos/before.jpg") == [f"照片“ledger/photos/before.jpg”过大（上限 104 字节，实际 {size} 字节）"]
    data, errors = small.validate(raw(photos=["ledger/photos/before.jpg"]))
    assert data is None and [e.field for e in errors] == ["photos"]


def test_city_yaml_limits_are_used(built_workspace: Path, tmp_path: Path) -> None:
    import shutil

    from cwassess.ledger.service import open_context

    root = tmp_path / "ws"
    shutil.copytree(built_workspace, root)
    city = root / "city.yaml"
    city.write_text(city.read_text(encoding="utf-8") + "limits: {file_mb: 0.0001, sheet_rows: 2}\n", encoding="utf-8")
    ws = load_workspace(root)
    ctx, problems = open_context(ws, TODAY)
    assert ctx is not None, problems
    assert (ctx.limits.file_bytes, ctx.sheet_limits.max_rows) == (104, 2)


def test_typed_paths_start_at_the_workspace_then_the_current_folder(cli_ws: Path, tmp_path: Path) -> None:
    """cwd is the folder around the workspace ./ws: ledger/photos/x.jpg (as `ledger show` prints it) and
    ws/ledger/photos/x.jpg (as the shell completes it) name the same photo, stored once as the workspace path."""
    args = ["add", "--found", "2026-11-10", "--street", "一街道", "--site-type", "背街小巷", "--class", "乱堆乱摆", "--description", "杂物"]
    result = ledger(*args, "--photo", "ledger/photos/before.jpg", "--photo", "ws/ledger/photos/before.jpg", "--json")
    assert result.exit_code == 0, result.output
    shown = ledger("show", "ZG-0001")
    assert "照片：ledger/photos/before.jpg\n" in shown.output
    (tmp_path / "ledger" / "photos").mkdir(parents=True)
    (tmp_path / "ledger" / "photos" / "after.jpg").write_bytes(jpeg_bytes())  # beside the workspace, not in it
    assert ledger("start", "ZG-0001", "--as", "一街道").exit_code == 0
    result = ledger("submit", "ZG-0001", "--as", "一街道", "--description", "已清理", "--photo", "ledger/photos/after.jpg")
    assert result.exit_code == 0, result.output  # the workspace's own after.jpg, not the one beside it
    assert ledger("show", "ZG-0001").output.count("ledger/photos/after.jpg") == 2  # 整改后照片 and the history
    result = ledger("add", *args[1:], "--photo", "ledger/photos/none.jpg")
    assert result.output.splitlines()[0] == "<输入>: 错误: --photo: 照片“ledger/photos/none.jpg”不存在"
