"""Translations of a guide's data: the texts a reader sees, per language, beside the data they translate.

    data/i18n/<lang>/exercises/<id>.yaml    an exercise's texts: name, aliases, summary, setup, steps …
    data/i18n/<lang>/routines/<id>.yaml     a routine's: name, summary, blocks[i].name, items' notes …
    data/i18n/<lang>/<vocabulary>.yaml      a vocabulary's, by id: muscles, equipment, joints, poses …

A translation file holds only texts, in the shape of the file it translates: ids, numbers and structure
stay in the source data and are never repeated. Which fields are texts is read from the models (every
`Text` field), so a field added to a model is translatable without a change here. A list of texts
(steps, cues) or of parts with texts (mistakes, blocks) must have as many entries as the source, so a
translated routine can never gain or lose a step. A text left out, or left empty (as `exguide new
translation` writes each one, under its source text in a comment), falls back to the source language.

    load_translations      read and check one language's files against the source documents
    untranslated           what a language has not yet translated, as field paths
    translated_data        a source document's data with a translation laid over it
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotated_types import MinLen
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from generator.errors import Problem, did_you_mean
from generator.reading.datafile import Document, FieldPath, display_path
from generator.reading.load import DataDocuments, iter_data_files, load_document
from generator.reading.models import Exercise, Routine
from generator.reading.validate import VOCABULARY_MODELS

I18N_FOLDER = "i18n"
KIND_MODELS: dict[str, type[BaseModel]] = {"exercises": Exercise, "routines": Routine}
TRANSLATED_VOCABULARIES = tuple(name for name in VOCABULARY_MODELS if name != "sources")
"""Every vocabulary but the sources, whose titles and authors are cited as the articles give them."""

FREE_LISTS = frozenset({"aliases"})
"""Lists a language fills with its own entries, as many as it has: other names people use for a thing."""

TEXT = "text"
Shape = dict[str, Any]
"""The texts of a model: a field maps to TEXT, to [TEXT] (a list of texts), to a Shape (a part with
texts), or to [Shape] (a list of such parts)."""


@functools.cache
def text_shape(model: type[BaseModel]) -> Shape:
    """Where a model's texts are, read from its fields (see Shape); worked out once for each model."""
    shape: Shape = {}
    for name, info in model.model_fields.items():
        found = _field_shape(info)
        if found is not None:
            shape[name] = found
    return shape


def _field_shape(info: FieldInfo) -> Any:
    if _is_text(info.annotation, info.metadata):
        return TEXT
    return _annotation_shape(info.annotation)


def _annotation_shape(annotation: Any) -> Any:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        base, *metadata = typing.get_args(annotation)
        if base is str:
            return TEXT if _is_text(base, metadata) else None
        return _annotation_shape(base)
    if origin in (typing.Union, types.UnionType):
        found = [shape for arg in typing.get_args(annotation) if (shape := _annotation_shape(arg)) is not None]
        if not found:
            return None
        if all(isinstance(shape, dict) for shape in found):
            merged: Shape = {}
            for shape in found:
                merged |= shape
            return merged
        return found[0]
    if origin is list:
        inner = _annotation_shape(typing.get_args(annotation)[0])
        return None if inner is None else [inner]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return text_shape(annotation) or None
    return None


def _is_text(annotation: Any, metadata: list[Any]) -> bool:
    """A `Text` (models.Text): a string that must hold something once trimmed, with no pattern (unlike an Id)."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return any(_is_text(arg, metadata) for arg in typing.get_args(annotation) if arg is not type(None))
    if typing.get_origin(annotation) is typing.Annotated:
        base, *inner = typing.get_args(annotation)
        return _is_text(base, [*metadata, *inner])
    if annotation is not str:
        return False
    constraints = [item for item in metadata if hasattr(item, "strip_whitespace") or isinstance(item, MinLen)]
    stripped = any(getattr(item, "strip_whitespace", False) for item in constraints)
    patterned = any(getattr(item, "pattern", None) for item in metadata)
    return stripped and not patterned


def shape_schema(shape: Any) -> dict[str, Any]:
    """The JSON Schema of a translation of this shape: texts only, no other field."""
    if shape == TEXT:
        return {"type": ["string", "null"], "minLength": 1, "description": "Empty: not yet translated."}
    if isinstance(shape, list):
        return {
            "type": "array",
            "items": shape_schema(shape[0]),
            "description": "One entry per source entry, in order.",
        }
    return {
        "type": "object",
        "properties": {name: shape_schema(inner) for name, inner in shape.items()},
        "additionalProperties": False,
    }


@dataclass
class Translations:
    """One language's translation documents, checked against the source data, by kind and id.

    `vocabularies` holds one document per vocabulary file; each entry of it translates the entry of the
    same id."""

    language: str
    exercises: dict[str, Document] = field(default_factory=dict)
    routines: dict[str, Document] = field(default_factory=dict)
    vocabularies: dict[str, Document] = field(default_factory=dict)

    def of_kind(self, kind: str) -> dict[str, Document]:
        return {"exercises": self.exercises, "routines": self.routines}[kind]


def languages_in(data_dir: Path) -> list[str]:
    """The languages a data folder has translations for."""
    folder = data_dir / I18N_FOLDER
    return sorted(p.name for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []


def load_translations(data_dir: Path, language: str, sources: DataDocuments) -> tuple[Translations, list[Problem]]:
    """Read `data/i18n/<language>/` and check each file against the document it translates."""
    translations = Translations(language)
    problems: list[Problem] = []
    folder = data_dir / I18N_FOLDER / language
    source_ids = {
        "exercises": {document.stem: document for document in sources.exercises},
        "routines": {document.stem: document for document in sources.routines},
    }
    for kind, model in KIND_MODELS.items():
        for path in iter_data_files(folder / kind):
            document, found = load_document(path)
            problems += found
            if document is None:
                continue
            source = source_ids[kind].get(path.stem)
            if source is None:
                singular = kind.removesuffix("s")
                hint = did_you_mean(path.stem, source_ids[kind], f"name it after a {singular} file's id")
                problems.append(document.problem((), f"no {singular} '{path.stem}' to translate", hint))
                continue
            problems += check_translation(document, (), document.data, source.data, text_shape(model))
            translations.of_kind(kind)[path.stem] = document
    for name in TRANSLATED_VOCABULARIES:
        path = folder / f"{name}.yaml"
        if not path.is_file():
            continue
        document, found = load_document(path)
        problems += found
        if document is None:
            continue
        entries: dict[str, Any] = {}
        for layer in sources.vocabularies.get(name, []):
            entries |= layer.data if isinstance(layer.data, dict) else {}
        problems += _check_vocabulary(document, entries, text_shape(VOCABULARY_MODELS[name]), name)
        translations.vocabularies[name] = document
    for path in sorted(folder.glob("*.yaml")):
        if path.stem not in TRANSLATED_VOCABULARIES:
            hint = did_you_mean(path.stem, TRANSLATED_VOCABULARIES, "name it after a vocabulary file")
            problems.append(
                Problem(display_path(path), 1, 1, "(file)", f"'{path.name}' translates no vocabulary", hint)
            )
    return translations, problems


def _check_vocabulary(document: Document, entries: dict[str, Any], shape: Shape, name: str) -> list[Problem]:
    if not isinstance(document.data, dict):
        return [document.problem((), "must be a mapping of ids to their texts", f"as in {name}.yaml")]
    problems = []
    for entry_id, translated in document.data.items():
        if entry_id not in entries:
            hint = did_you_mean(str(entry_id), entries, f"use an id from {name}.yaml")
            problems.append(document.problem((entry_id,), f"no entry '{entry_id}' in {name}", hint, at_key=True))
            continue
        problems += check_translation(document, (entry_id,), translated, entries[entry_id], shape)
    return problems


def check_translation(document: Document, path: FieldPath, translated: Any, source: Any, shape: Any) -> list[Problem]:
    """Every way `translated` (at `path` in `document`) does not fit the source's texts."""
    if path and path[-1] in FREE_LISTS and isinstance(translated, list):
        return [
            problem
            for index, item in enumerate(translated)
            for problem in check_translation(document, (*path, index), item, None, TEXT)
        ]
    if translated is None:
        return []
    if shape == TEXT:
        if isinstance(translated, str) and translated.strip():
            return []
        return [document.problem(path, "must be a text", "write the translation, or leave the field out")]
    if isinstance(shape, list):
        if not isinstance(translated, list):
            return [document.problem(path, "must be a list", "one entry for each in the source, in the same order")]
        given = source if isinstance(source, list) else []
        if len(translated) != len(given):
            noun = "entry" if len(given) == 1 else "entries"
            message = f"has {len(translated)} where the source has {len(given)} {noun}"
            return [document.problem(path, message, "translate each entry, in the same order")]
        problems = []
        for index, (item, original) in enumerate(zip(translated, given, strict=True)):
            problems += check_translation(document, (*path, index), item, original, shape[0])
        return problems
    if not isinstance(translated, dict):
        return [document.problem(path, "must be a mapping of fields to their texts", f"fields: {', '.join(shape)}")]
    problems = []
    original_fields = source if isinstance(source, dict) else {}
    for key, value in translated.items():
        if key not in shape:
            hint = did_you_mean(str(key), shape, f"texts that translate here: {', '.join(shape)}")
            problems.append(document.problem((*path, key), f"'{key}' is not a text that can be translated", hint, True))
        elif key not in original_fields:
            problems.append(document.problem((*path, key), f"the source has no '{key}' here", "leave it out", True))
        else:
            problems += check_translation(document, (*path, key), value, original_fields[key], shape[key])
    return problems


def untranslated(source: Any, translated: Any, shape: Any, path: FieldPath = ()) -> list[FieldPath]:
    """The source's texts that the translation leaves out, as field paths."""
    if shape == TEXT:
        return [] if isinstance(translated, str) else [path]
    if path and path[-1] in FREE_LISTS and isinstance(translated, list) and all(isinstance(t, str) for t in translated):
        return []
    if isinstance(shape, list):
        items = source if isinstance(source, list) else []
        given = translated if isinstance(translated, list) and len(translated) == len(items) else [None] * len(items)
        return [
            p
            for i, (s, t) in enumerate(zip(items, given, strict=True))
            for p in untranslated(s, t, shape[0], (*path, i))
        ]
    fields = source if isinstance(source, dict) else {}
    given_fields = translated if isinstance(translated, dict) else {}
    return [
        missing
        for key, value in fields.items()
        if key in shape and value is not None
        for missing in untranslated(value, given_fields.get(key), shape[key], (*path, key))
    ]


def translated_data(source: Any, translated: Any, shape: Any, key: str = "") -> Any:
    """The source's data with every text the translation gives put in its place; the rest as it is."""
    if translated is None:
        return source
    if shape == TEXT:
        return translated if isinstance(translated, str) else source
    if isinstance(shape, list):
        if key in FREE_LISTS and isinstance(translated, list):
            return [item for item in translated if isinstance(item, str)] or source
        if not isinstance(source, list) or not isinstance(translated, list) or len(source) != len(translated):
            return source
        return [translated_data(s, t, shape[0]) for s, t in zip(source, translated, strict=True)]
    if not isinstance(source, dict) or not isinstance(translated, dict):
        return source
    return {
        name: translated_data(value, translated.get(name), shape[name], name) if name in shape else value
        for name, value in source.items()
    }


@dataclass(frozen=True)
class DataFolder:
    """A folder of a guide's data and the language its files are written in."""

    path: Path
    language: str


PAGE_KINDS = frozenset({"muscles", "equipment", "joints"})
"""Vocabularies whose entries have pages of their own (the rest show on other pages)."""


def translate_documents(
    documents: DataDocuments, language: str, folders: list[DataFolder]
) -> tuple[DataDocuments, frozenset[tuple[str, str]], list[Problem]]:
    """The guide's data in `language`: each file written in another language takes that language's
    translation from every folder's i18n/<language>/ (a later folder's file wins, entry by entry for
    vocabularies). Returns the documents, the pages (kind, id) left with texts in another language, and
    the translations' problems."""
    foreign = [folder for folder in folders if folder.language != language]
    if not foreign:
        return documents, frozenset(), []
    problems: list[Problem] = []
    exercises: dict[str, Document] = {}
    routines: dict[str, Document] = {}
    vocabularies: dict[str, dict[str, Any]] = {}
    for folder in folders:
        translations, found = load_translations(folder.path, language, documents)
        problems += found
        exercises |= translations.exercises
        routines |= translations.routines
        for name, document in translations.vocabularies.items():
            if isinstance(document.data, dict):
                vocabularies.setdefault(name, {}).update(document.data)
    untranslated_pages: set[tuple[str, str]] = set()

    def written_in(document: Document) -> str:
        for folder in reversed(folders):
            if document.path.is_relative_to(folder.path):
                return folder.language
        return folders[0].language

    def translate(kind: str, document: Document, translation: Any, shape: Shape) -> Document:
        if written_in(document) == language:
            return document
        if untranslated(document.data, translation, shape):
            untranslated_pages.add((kind, document.stem))
        return dataclasses.replace(document, data=translated_data(document.data, translation, shape))

    translated = dataclasses.replace(
        documents,
        exercises=[
            translate("exercises", d, _data(exercises.get(d.stem)), text_shape(Exercise)) for d in documents.exercises
        ],
        routines=[
            translate("routines", d, _data(routines.get(d.stem)), text_shape(Routine)) for d in documents.routines
        ],
        vocabularies={},
    )
    for name, layers in documents.vocabularies.items():
        if name not in TRANSLATED_VOCABULARIES:
            translated.vocabularies[name] = layers
            continue
        shape = text_shape(VOCABULARY_MODELS[name])
        entries = vocabularies.get(name, {})
        translated.vocabularies[name] = [
            _translated_vocabulary(layer, entries, shape, written_in(layer) == language, untranslated_pages, name)
            for layer in layers
        ]
    return translated, frozenset(untranslated_pages), problems


def _data(document: Document | None) -> Any:
    return document.data if document is not None else None


def _translated_vocabulary(
    layer: Document, entries: dict[str, Any], shape: Shape, same_language: bool, pages: set[tuple[str, str]], name: str
) -> Document:
    if same_language or not isinstance(layer.data, dict):
        return layer
    data = {}
    for entry_id, entry in layer.data.items():
        translation = entries.get(entry_id)
        if name in PAGE_KINDS and untranslated(entry, translation, shape):
            pages.add((name, str(entry_id)))
        data[entry_id] = translated_data(entry, translation, shape)
    return dataclasses.replace(layer, data=data)
