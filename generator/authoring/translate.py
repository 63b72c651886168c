"""`exguide translate status`: for translators, what each language has left to translate, file by file;
and the one-line summary per language that `exguide validate` prints."""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.errors import DataError
from generator.reading.datafile import FieldPath, format_field
from generator.reading.load import DataDocuments, load_data_folder
from generator.reading.models import Exercise, Routine
from generator.reading.translations import (
    I18N_FOLDER,
    TRANSLATED_VOCABULARIES,
    Translations,
    languages_in,
    load_translations,
    text_shape,
    untranslated,
)
from generator.reading.validate import VOCABULARY_MODELS

EXIT_OK = 0


@dataclass
class LanguageStatus:
    """How far one language has come: its texts, and those still missing, by the file they belong in."""

    language: str
    texts: int = 0
    missing: dict[str, list[FieldPath]] = field(default_factory=dict)
    """By the translation file's path under data/i18n/<language>/, the source texts it lacks."""

    @property
    def translated(self) -> int:
        return self.texts - sum(len(paths) for paths in self.missing.values())

    def summary(self) -> str:
        files = len(self.missing)
        if not files:
            return f"{self.language}: all {self.texts} texts translated"
        return (
            f"{self.language}: {self.translated} of {self.texts} texts translated; {files} "
            f"{'file needs' if files == 1 else 'files need'} more (`exguide translate status` lists them)"
        )


def translation_status(data_dir: Path) -> list[LanguageStatus]:
    """Every language's status; raises DataError listing every problem in the data or its translations."""
    documents, problems = load_data_folder(data_dir)
    statuses = []
    for language in languages_in(data_dir):
        translations, found = load_translations(data_dir, language, documents)
        problems += found
        statuses.append(_status(language, documents, translations))
    if problems:
        raise DataError(problems)
    return statuses


def _status(language: str, documents: DataDocuments, translations: Translations) -> LanguageStatus:
    status = LanguageStatus(language)

    def count(file: str, source: Any, translated: Any, shape: Any, prefix: FieldPath = ()) -> None:
        status.texts += len(untranslated(source, None, shape))
        missing = untranslated(source, translated, shape, prefix)
        if missing:
            status.missing.setdefault(file, []).extend(missing)

    for kind, kind_documents, model in (
        ("exercises", documents.exercises, Exercise),
        ("routines", documents.routines, Routine),
    ):
        shape = text_shape(model)
        for document in kind_documents:
            translation = translations.of_kind(kind).get(document.stem)
            count(f"{kind}/{document.stem}.yaml", document.data, translation.data if translation else None, shape)
    for name in TRANSLATED_VOCABULARIES:
        shape = text_shape(VOCABULARY_MODELS[name])
        translation = translations.vocabularies.get(name)
        entries = translation.data if translation is not None and isinstance(translation.data, dict) else {}
        for layer in documents.vocabularies.get(name, []):
            for entry_id, entry in (layer.data if isinstance(layer.data, dict) else {}).items():
                count(f"{name}.yaml", entry, entries.get(entry_id), shape, (entry_id,))
    return status


def configure_translate_parser(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(required=True, metavar="ACTION")
    status = actions.add_parser("status", help="list what each language has not yet translated")
    status.add_argument("--data", type=Path, default=Path("data"), help="the data folder (default: data)")
    status.add_argument("--language", help="only this language, e.g. de")


def run_translate(args: argparse.Namespace) -> int:
    statuses = translation_status(args.data)
    if args.language is not None:
        statuses = [status for status in statuses if status.language == args.language]
    if not statuses:
        wanted = f"'{args.language}'" if args.language else "any language"
        print(f"{args.data}: no translations for {wanted} (add them under {args.data / I18N_FOLDER}/<language>/)")
        return EXIT_OK
    for status in statuses:
        print(status.summary())
        for file, paths in sorted(status.missing.items()):
            shown = ", ".join(format_field(path) for path in paths[:6])
            more = f" and {len(paths) - 6} more" if len(paths) > 6 else ""
            print(f"  {args.data / I18N_FOLDER / status.language / file}: {shown}{more}")
    return EXIT_OK
