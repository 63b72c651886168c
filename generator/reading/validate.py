"""Validate stage: check loaded documents against the typed models, explaining every mismatch."""

from __future__ import annotations

import re
import types
import typing
from dataclasses import dataclass, field
from typing import Any, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

from generator.errors import Problem, did_you_mean
from generator.reading.datafile import Document, FieldPath
from generator.reading.load import DataDocuments, pickled_values
from generator.reading.models import (
    Equipment,
    Exercise,
    Joint,
    Muscle,
    Pose,
    Routine,
    Source,
    VocabularyEntry,
    WeekPlan,
)

ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
ID_HINT = "use lowercase words joined by hyphens, e.g. 'glute-bridge'"

M = TypeVar("M", bound=BaseModel)

VOCABULARY_MODELS: dict[str, type[BaseModel]] = {
    "muscles": Muscle,
    "equipment": Equipment,
    "joints": Joint,
    "categories": VocabularyEntry,
    "patterns": VocabularyEntry,
    "sources": Source,
    "goals": VocabularyEntry,
    "poses": Pose,
    "weeks": WeekPlan,
}


@dataclass
class ValidatedData:
    """Typed models for every file that passed, with their documents kept for later messages."""

    exercises: dict[str, Exercise] = field(default_factory=dict)
    exercise_documents: dict[str, Document] = field(default_factory=dict)
    routines: dict[str, Routine] = field(default_factory=dict)
    routine_documents: dict[str, Document] = field(default_factory=dict)
    vocabularies: dict[str, dict[str, Any]] = field(default_factory=dict)
    entry_documents: dict[str, dict[str, Document]] = field(default_factory=dict)
    """For each vocabulary, the document that defined each entry (the overlay's, when it replaced one)."""
    invalid_ids: set[str] = field(default_factory=set)
    """Ids whose entries failed validation: references to them are not reported a second time."""
    hidden_ids: set[str] = field(default_factory=set)
    """Ids a club hid: a reference to one gets its own message."""
    unread_kinds: set[str] = field(default_factory=set)
    """Kinds that could not be read at all (see DataDocuments): references to them are not checked."""


@dataclass
class ValidationCache:
    """The exercises and routines the last build validated, by their data: a preview's rebuild validates
    again only the documents whose data changed (models are frozen, so one instance serves both builds)."""

    models: dict[tuple[str, bytes], BaseModel] = field(default_factory=dict)


def validate_documents(
    documents: DataDocuments, cache: ValidationCache | None = None
) -> tuple[ValidatedData, list[Problem]]:
    """Check every document, returning what passed and every problem in what did not."""
    validated = ValidatedData(invalid_ids=set(documents.unreadable), unread_kinds=set(documents.unread_kinds))
    problems: list[Problem] = []
    for name, layers in documents.vocabularies.items():
        validated.vocabularies[name] = {}
        validated.entry_documents[name] = {}
        for document in layers:
            entries, found = validate_vocabulary(document, VOCABULARY_MODELS[name])
            problems += found
            if not isinstance(document.data, dict):
                validated.unread_kinds.add(name)
            written = document.data if isinstance(document.data, dict) else {}
            validated.invalid_ids |= {key for key in written if isinstance(key, str)} - set(entries)
            validated.vocabularies[name] |= entries
            validated.entry_documents[name] |= dict.fromkeys(entries, document)
    kinds: list[tuple[list[Document], type[BaseModel], dict[str, Any], dict[str, Document]]] = [
        (documents.exercises, Exercise, validated.exercises, validated.exercise_documents),
        (documents.routines, Routine, validated.routines, validated.routine_documents),
    ]
    last = cache.models if cache is not None else {}
    kept: dict[tuple[str, bytes], BaseModel] = {}
    for kind_documents, model, models, model_documents in kinds:
        for document in kind_documents:
            if not ID_PATTERN.match(document.stem):
                problems.append(document.problem((), f"file name '{document.stem}' is not a valid id", ID_HINT))
                continue
            key = (model.__name__, pickled_values(document)) if cache is not None else None
            instance: BaseModel | None
            if key is not None and key in last:
                instance, found = last[key], []
            else:
                instance, found = validate_model(document, model)
            if key is not None and instance is not None:
                kept[key] = instance
            problems += found
            if instance is None:
                validated.invalid_ids.add(document.stem)
            else:
                models[document.stem] = instance
                model_documents[document.stem] = document
    if cache is not None:
        cache.models = kept
    return validated, problems


def validate_model(document: Document, model: type[M]) -> tuple[M | None, list[Problem]]:
    """Validate a whole document as one model."""
    if not isinstance(document.data, dict):
        return None, [document.problem((), "expected fields (key: value lines)", "see the schema")]
    try:
        return model.model_validate(document.data), []
    except ValidationError as error:
        return None, [explain(document, detail, model) for detail in error.errors()]


def validate_vocabulary(document: Document, model: type[BaseModel]) -> tuple[dict[str, Any], list[Problem]]:
    """Validate a vocabulary file: a mapping from id to entry, each entry checked on its own."""
    if not isinstance(document.data, dict):
        return {}, [document.problem((), "expected entries of the form 'id: {name: …}'", "see the schema")]
    entries: dict[str, Any] = {}
    problems: list[Problem] = []
    adapter = TypeAdapter(model)
    for key, value in document.data.items():
        if not isinstance(key, str) or not ID_PATTERN.match(key):
            problems.append(document.problem((key,), f"'{key}' is not a valid id", ID_HINT, at_key=True))
            continue
        try:
            entries[key] = adapter.validate_python(value)
        except ValidationError as error:
            problems += [explain(document, detail, model, prefix=(key,)) for detail in error.errors()]
    return entries, problems


def explain(document: Document, detail: ErrorDetails, model: type[BaseModel], prefix: FieldPath = ()) -> Problem:
    """Turn one pydantic error into a message a volunteer can act on."""
    kind = detail["type"]
    path = _user_path(document.data, (*prefix, *detail["loc"]), missing=kind == "missing")
    given = detail.get("input")
    ctx = detail.get("ctx", {})
    if kind == "missing" and path:
        return document.problem(path[:-1], f"required field '{path[-1]}' is missing", "add it", at_key=True)
    if kind == "extra_forbidden" and path:
        known = _field_names(model, [part for part in path[len(prefix) : -1] if isinstance(part, str)])
        return document.problem(path, "unknown field", did_you_mean(str(path[-1]), known, "remove it"), at_key=True)
    if kind == "literal_error":
        allowed = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        return document.problem(
            path, f"'{given}' is not one of: {', '.join(allowed)}", did_you_mean(str(given), allowed, "pick one")
        )
    if kind == "string_pattern_mismatch":
        return document.problem(path, f"'{given}' is not a valid id", ID_HINT)
    if kind in {"too_short", "string_too_short"}:
        return document.problem(path, "must not be empty", "fill it in")
    if kind.endswith("_type"):
        return document.problem(
            path, f"expected {_TYPE_NAMES.get(kind, kind[:-5])}, got {_describe(given)}", _type_hint(kind, given)
        )
    if kind == "value_error":
        return document.problem(path, str(ctx.get("error", detail["msg"])), "see the schema")
    return document.problem(path, detail["msg"][:1].lower() + detail["msg"][1:], "see the schema")


_TYPE_NAMES = {
    "string_type": "text",
    "int_type": "a whole number",
    "bool_type": "true or false",
    "list_type": "a list",
    "dict_type": "fields (key: value lines)",
    "model_type": "fields (key: value lines)",
    "float_type": "a number",
}


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value)"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"text '{value}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "fields"
    return type(value).__name__


def _type_hint(kind: str, given: Any) -> str:
    if kind == "string_type" and isinstance(given, bool):
        return "YAML reads unquoted yes, no, on and off as true or false: put the text in quotes"
    if kind == "string_type" and isinstance(given, (int, float)):
        return "put the text in quotes"
    if kind == "string_type" and given is None:
        return "write the text after the colon"
    if kind == "list_type":
        return "write it as [a, b] or one '- item' per line"
    if kind == "int_type" and isinstance(given, str) and re.fullmatch(r"\d+(:\d+)+", given):
        return "write a time as whole seconds, e.g. 90 for a minute and a half"
    return "see the schema"


def _user_path(data: Any, loc: tuple[Any, ...], missing: bool) -> FieldPath:
    """An error's place in the keys and positions the file itself holds.

    Pydantic's paths also name union members and validators (`RoutineItem`, `constrained-str`), which
    nobody wrote; following the data leaves them out, whatever the file's own keys are called. The
    last part of a missing field is kept, as it is the name the file lacks.
    """
    path: list[str | int] = []
    current = data
    for index, part in enumerate(loc):
        if _holds(current, part):
            current = current[part]
        elif not (missing and index == len(loc) - 1 and isinstance(current, dict)):
            continue
        path.append(part if isinstance(part, (str, int)) else str(part))
    return tuple(path)


def _holds(value: Any, part: Any) -> bool:
    """Whether `part` is a key of this mapping or a position in this list."""
    if isinstance(value, dict):
        return part in value
    return isinstance(value, list) and isinstance(part, int) and 0 <= part < len(value)


def _field_names(model: type[BaseModel], path: list[str]) -> list[str]:
    """The fields allowed at a path inside a model, for 'did you mean' on unknown fields."""
    current: Any = model
    for part in path:
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return []
        info = current.model_fields.get(part)
        if info is None:
            return []
        current = _inner_model(info.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _inner_model(annotation: Any) -> Any:
    """Unwrap list[...], Optional[...] and Annotated[...] to the model inside, if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (list, typing.Union, types.UnionType, typing.Annotated):
        for arg in typing.get_args(annotation):
            inner = _inner_model(arg)
            if inner is not None:
                return inner
    return None
