"""Size limits for what departments submit: city.yaml `limits:` (every field optional)."""

from __future__ import annotations

from pydantic import Field

from cwassess.models.common import Integer, Number, StrictModel

MB = 1024 * 1024


class InputLimits(StrictModel):
    """Defaults fit any real city; a city raises one when a genuine file is refused, with the message naming the limit."""

    text_mb: Number = Field(default=20, gt=0, le=1024, description="YAML/CSV 等文本文件的大小上限（MB）")
    sheet_mb: Number = Field(default=20, gt=0, le=1024, description="Excel 表格文件的大小上限（MB）")
    sheet_rows: Integer = Field(default=20_000, gt=0, le=1_000_000, description="一个工作表的行数上限")
    file_mb: Number = Field(default=512, gt=0, le=16_384, description="一份佐证材料（PDF、照片等）的大小上限（MB）")
    pdf_pages: Integer = Field(default=5_000, gt=0, le=1_000_000, description="一份 PDF 的页数上限")
    image_megapixels: Number = Field(default=200, gt=0, le=10_000, description="一张图片的像素上限（百万像素）")

    @property
    def text_bytes(self) -> int:
        return int(self.text_mb * MB)

    @property
    def sheet_bytes(self) -> int:
        return int(self.sheet_mb * MB)

    @property
    def file_bytes(self) -> int:
        return int(self.file_mb * MB)

    @property
    def image_pixels(self) -> int:
        return int(self.image_megapixels * 1_000_000)


DEFAULT_INPUT_LIMITS = InputLimits()
