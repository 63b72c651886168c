"""JSON Schemas for the data files, generated from the models so editors can check and complete them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from generator.outputs.opendata import open_data_schemas
from generator.reading.models import Exercise, Routine
from generator.reading.translations import I18N_FOLDER, TRANSLATED_VOCABULARIES, shape_schema, text_shape
from generator.reading.validate import ID_PATTERN, VOCABULARY_MODELS

OPEN_DATA_FOLDER = "open-data"
SCHEMA = "https://json-schema.org/draft/2020-12/schema"


def data_schemas() -> dict[str, dict[str, Any]]:
    """One schema per kind of data file, keyed by the schema's file name."""
    schemas = {
        "exercise.schema.json": _titled(TypeAdapter(Exercise).json_schema(), "exguide exercise"),
        "routine.schema.json": _titled(TypeAdapter(Routine).json_schema(), "exguide routine"),
    }
    for name, model in VOCABULARY_MODELS.items():
        entry = TypeAdapter(model).json_schema()
        definitions = entry.pop("$defs", {})
        schema: dict[str, Any] = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": f"exguide {name} vocabulary",
            "description": f"Each key is an id (lowercase, hyphenated); each value describes one of the {name}.",
            "type": "object",
            "propertyNames": {"pattern": ID_PATTERN.pattern},
            "additionalProperties": entry,
        }
        if definitions:
            schema["$defs"] = definitions
        schemas[f"{name}.schema.json"] = schema
    return schemas


def translation_schemas() -> dict[str, dict[str, Any]]:
    """One schema per kind of translation file (data/i18n/<language>/…), keyed by its file name."""
    schemas = {
        f"{kind}.schema.json": {
            "$schema": SCHEMA,
            "title": f"exguide {kind} translation",
            "description": f"The texts of one {kind} in another language; everything else stays in the source file.",
            **shape_schema(text_shape(model)),
        }
        for kind, model in (("exercise", Exercise), ("routine", Routine))
    }
    for name in TRANSLATED_VOCABULARIES:
        schemas[f"{name}.schema.json"] = {
            "$schema": SCHEMA,
            "title": f"exguide {name} translation",
            "description": f"Each key is an id from {name}.yaml; each value holds its texts in another language.",
            "type": "object",
            "propertyNames": {"pattern": ID_PATTERN.pattern},
            "additionalProperties": shape_schema(text_shape(VOCABULARY_MODELS[name])),
        }
    return schemas


def published_schemas() -> dict[str, dict[str, Any]]:
    """Every schema exguide publishes, keyed by its path in schema/: the data files', the translations',
    then the open data's."""
    translations = {f"{I18N_FOLDER}/{name}": schema for name, schema in translation_schemas().items()}
    open_data = {f"{OPEN_DATA_FOLDER}/{name}": schema for name, schema in open_data_schemas().items()}
    return data_schemas() | translations | open_data


def _titled(schema: dict[str, Any], title: str) -> dict[str, Any]:
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema, "title": title}


def render_schema(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def stale_schemas(folder: Path) -> list[str]:
    """Schema files in folder that are missing or differ from what the models generate."""
    return [
        name
        for name, schema in published_schemas().items()
        if not (folder / name).is_file() or (folder / name).read_text(encoding="utf-8") != render_schema(schema)
    ]


def write_schemas(folder: Path) -> list[str]:
    stale = stale_schemas(folder)
    for name in stale:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(render_schema(published_schemas()[name]), encoding="utf-8")
    return stale
