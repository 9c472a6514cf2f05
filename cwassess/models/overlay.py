"""The official-text overlay a workspace keeps beside the bundled standard (never edited in place)."""

from __future__ import annotations

from pydantic import Field

from cwassess.models.common import Integer, ShortText, Slug, StrictModel, Text


class OverlaySource(StrictModel):
    file: ShortText
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")


class OfficialItem(StrictModel):
    number: Integer = Field(ge=1, le=99)
    text: Text


class OfficialOverlay(StrictModel):
    """overlays/official-text.yaml, written by `cwassess standard import-official --apply`."""

    standard: Slug
    source: OverlaySource
    items: dict[Slug, OfficialItem]
