"""JSON Schemas for every file a person edits, generated from the pydantic models.

`python -m cwassess.schemas` rewrites schemas/; a test fails when they drift from the models.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from cwassess.engine.results import ScoreFile
from cwassess.models.city import CityFile
from cwassess.models.evidence import EvidenceManifest, InspectionFile, WaiverFile
from cwassess.models.claims import ClaimsFile
from cwassess.models.overlay import OfficialOverlay
from cwassess.models.profile import ProfileFile
from cwassess.models.standard import DepartmentFile, IndicatorFile, SamplingFile, SectionFile, StandardFile

SCHEMAS: dict[str, type[BaseModel]] = {
    "standard.schema.json": StandardFile,
    "section.schema.json": SectionFile,
    "indicators.schema.json": IndicatorFile,
    "departments.schema.json": DepartmentFile,
    "sampling.schema.json": SamplingFile,
    "profile.schema.json": ProfileFile,
    "city.schema.json": CityFile,
    "claims.schema.json": ClaimsFile,
    "official-text.schema.json": OfficialOverlay,
    "evidence.schema.json": EvidenceManifest,
    "inspections.schema.json": InspectionFile,
    "waivers.schema.json": WaiverFile,
    "score.schema.json": ScoreFile,
}


def schema_document(model: type[BaseModel], name: str) -> dict[str, Any]:
    schema = model.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": name, **schema}


def render(model: type[BaseModel], name: str) -> str:
    return json.dumps(schema_document(model, name), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_all(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, model in SCHEMAS.items():
        path = folder / name
        path.write_text(render(model, name), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "schemas"
    for path in write_all(target):
        print(path)
