"""`exguide new translation <language>`: a translation file for every exercise, routine and vocabulary
that has none yet, each text left empty under the source text it translates (in a comment).

    # Breathe out, brace your stomach gently and press both feet into the floor.
    -

A text left empty shows in the source language and counts as not yet translated, so a translator can
fill the files in any order and build the guide at any point.
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError

from generator.reading.load import DataDocuments
from generator.reading.translations import (
    FREE_LISTS,
    I18N_FOLDER,
    KIND_MODELS,
    TEXT,
    TRANSLATED_VOCABULARIES,
    text_shape,
)
from generator.reading.validate import VOCABULARY_MODELS

COMMENT_WIDTH = 100


def language_name(language: str, in_language: str = "en") -> str | None:
    """A language code's name ("de" → "German"); None when the code names no language Babel knows."""
    try:
        return Locale.parse(language.replace("-", "_")).get_display_name(in_language)
    except (ValueError, UnknownLocaleError):
        return None


def translation_files(documents: DataDocuments, language: str, existing: set[str]) -> dict[str, str]:
    """The text of each translation file a language lacks, by its path under i18n/<language>/.

    `existing` holds the paths the language already has (in any data folder of the guide)."""
    name = language_name(language) or language
    files: dict[str, str] = {}
    for kind, model in KIND_MODELS.items():
        shape = text_shape(model)
        for document in getattr(documents, kind):
            path = f"{kind}/{document.stem}.yaml"
            if path in existing or not isinstance(document.data, dict):
                continue
            title = document.data.get("name", document.stem)
            header = _schema_line(f"../../../../schema/i18n/{kind[:-1]}") + _header(
                f"{title}, in {name} ({language})", f"{kind}/{document.stem}.yaml"
            )
            files[path] = header + "".join(_mapping(document.data, shape, 0))
    for vocabulary in TRANSLATED_VOCABULARIES:
        path = f"{vocabulary}.yaml"
        if path in existing:
            continue
        shape = text_shape(VOCABULARY_MODELS[vocabulary])
        entries: dict[str, Any] = {}
        for layer in documents.vocabularies.get(vocabulary, []):
            entries |= layer.data if isinstance(layer.data, dict) else {}
        body = []
        for entry_id, entry in entries.items():
            if _has_text(entry, shape):
                body.append(f"{entry_id}:\n")
                body += _mapping(entry, shape, 2)
        if body:
            header = _header(f"The {vocabulary}, in {name} ({language})", path)
            files[path] = _schema_line(f"../../../schema/i18n/{vocabulary}") + header + "".join(body)
    return files


def _schema_line(schema: str) -> str:
    """Points editors at the file's JSON Schema, where the guide keeps exguide's schema/ beside data/."""
    return f"# yaml-language-server: $schema={schema}.schema.json\n"


def _header(title: str, source: str) -> str:
    return (
        f"# {title}: translates {source}.\n"
        "# Write each text after its colon or dash, under the text it translates. A text left empty\n"
        "# shows untranslated; `exguide translate status` lists them.\n"
    )


def _has_text(value: Any, shape: Any) -> bool:
    if shape == TEXT:
        return isinstance(value, str)
    if isinstance(shape, list):
        return isinstance(value, list) and any(_has_text(item, shape[0]) for item in value)
    return isinstance(value, dict) and any(key in shape and _has_text(v, shape[key]) for key, v in value.items())


def _comment(text: str, indent: int) -> list[str]:
    prefix = " " * indent + "# "
    lines = textwrap.wrap(" ".join(text.split()), COMMENT_WIDTH - len(prefix)) or [""]
    return [prefix + line + "\n" for line in lines]


def _mapping(source: dict[str, Any], shape: dict[str, Any], indent: int) -> list[str]:
    lines: list[str] = []
    pad = " " * indent
    for key, value in source.items():
        if key not in shape or not _has_text(value, shape[key]):
            continue
        inner = shape[key]
        if inner == TEXT:
            lines += [*_comment(value, indent), f"{pad}{key}:\n"]
        elif isinstance(inner, list):
            lines.append(f"{pad}{key}:\n")
            if key in FREE_LISTS:
                lines += _comment("As many names as people use in this language, in any order:", indent + 2)
            for item in value:
                if inner[0] == TEXT:
                    lines += [*_comment(str(item), indent + 2), f"{pad}  -\n"]
                elif _has_text(item, inner[0]):
                    lines += [f"{pad}  -\n", *_mapping(item, inner[0], indent + 4)]
                else:
                    lines.append(f"{pad}  - {{}}\n")
        else:
            lines += [f"{pad}{key}:\n", *_mapping(value, inner, indent + 2)]
    return lines


def existing_translations(folders: list[Path], language: str) -> set[str]:
    """The translation files a language has in any of these data folders, by path under i18n/<language>/."""
    found = set()
    for folder in folders:
        root = folder / I18N_FOLDER / language
        if root.is_dir():
            found |= {p.relative_to(root).as_posix() for p in root.rglob("*.yaml")}
    return found
