"""The `exguide` command: validate data, build or preview the site, export pages, refresh schemas."""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import logging
import os
import signal
import subprocess
import sys
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort

from generator.adapters.export import ExportError, export_site
from generator.adapters.mkdocs_plugin import SERVE_PDFS, ExguidePlugin, guide_settings
from generator.authoring.club import init_club, is_club_folder, write_club_config
from generator.authoring.contact_sheet import configure_figures_parser, run_figures
from generator.authoring.importer import configure_import_parser, run_import
from generator.authoring.new_files import configure_new_parser, run_new
from generator.authoring.translate import configure_translate_parser, run_translate, translation_status
from generator.errors import DataError, one_line
from generator.guide import Guide, build_catalog
from generator.outputs.site_folder import clear_leftovers, io_failure_line, remove_tree, start_staging, swap_in
from generator.reading.schema import stale_schemas, write_schemas

EXIT_OK, EXIT_DATA_ERROR, EXIT_USAGE = 0, 1, 2
DEFAULT_CONFIG = Path("mkdocs.yml")


def _stop_on_terminate(signum: int, frame: object) -> None:
    """SIGTERM stops a build the way Ctrl-C does, so the half-built folder is cleaned up."""
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    signal.signal(signal.SIGTERM, _stop_on_terminate)
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
    except DataError as error:
        print(error.report(), file=sys.stderr)
        return EXIT_DATA_ERROR
    except KeyboardInterrupt:
        print("interrupted; nothing was changed", file=sys.stderr)
        return 130
    except OSError as error:
        print(_os_error_line(error), file=sys.stderr)
        return EXIT_DATA_ERROR


def _os_error_line(error: OSError) -> str:
    """A file the command could not read or write, in one line: the path, then what the system said."""
    path = error.filename2 if error.filename2 is not None else error.filename
    reason = one_line(error.strerror or str(error))
    return f"{one_line(os.fsdecode(path))}: {reason}" if isinstance(path, str | bytes) else f"exguide: {reason}"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="exguide", description=__doc__)
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    def command(name: str, help_text: str, run: object) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.set_defaults(run=run)
        return sub

    validate = command("validate", "check every data file and report all problems at once", _validate)
    validate.add_argument("--data", type=Path, help="check only this data folder (default: the site's data)")

    build = command(
        "build", "build the site with `mkdocs build --strict`, replacing the old one only on success", _build
    )
    build.add_argument("-f", "--config-file", type=Path, default=DEFAULT_CONFIG)
    build.add_argument("-d", "--site-dir", type=Path, default=Path("site"))
    build.add_argument("--no-pdfs", action="store_true", help="leave out the PDFs, for a quicker build")

    serve = command("serve", "preview the site, rebuilding when data or content changes", _serve)
    serve.add_argument("-f", "--config-file", type=Path, default=DEFAULT_CONFIG)
    serve.add_argument("-a", "--dev-addr", default="127.0.0.1:8000")
    serve.add_argument("--pdfs", action="store_true", help="also build the PDFs on every change (slower)")

    init = command("init", "create a club's site folder: settings, data and content overlays, a README", _init)
    init.add_argument("folder", type=Path)
    init.add_argument("--name", default="Our Running Club", help="the club's name, shown on every page")

    configure_import_parser(command("import", "convert another project's exercise data into a data folder", run_import))
    configure_new_parser(command("new", "start an exercise or routine file with every field explained", run_new))
    configure_figures_parser(
        command("figures", "draw every exercise's start and end on one page, in both palettes", run_figures)
    )

    configure_translate_parser(
        command("translate", "for translators: what each language has not yet translated", run_translate)
    )

    export = command(
        "export", "write the site's whole source to a folder that any MkDocs-compatible engine builds", _export
    )
    export.add_argument("folder", type=Path)
    export.add_argument("-f", "--config-file", type=Path, default=DEFAULT_CONFIG)

    schema = command("schema", "write the JSON Schemas for the data files, generated from the models", _schema)
    schema.add_argument("--output", type=Path, default=Path("schema"))
    schema.add_argument("--check", action="store_true", help="only report schemas that are out of date")
    return parser


def _validate(args: argparse.Namespace) -> int:
    """Check one data folder, or everything a guide's or a club's site is built from."""
    if args.data is not None:
        catalog, where = build_catalog(args.data), str(args.data)
    else:
        config_file = _site_config(DEFAULT_CONFIG)
        if config_file is None:
            return EXIT_USAGE
        _, _, guide = _check_site_data(config_file)
        catalog, where = guide.catalog(), "data"
    print(f"{where}: {len(catalog.exercises)} exercises, {len(catalog.routines)} routines, no problems found")
    data_dir = args.data if args.data is not None else guide.settings.data_dir
    for status in translation_status(data_dir):
        print(status.summary())
    return EXIT_OK


def _build(args: argparse.Namespace) -> int:
    """Build beside the old site and swap only when the build succeeded, so a failure loses nothing.

    MkDocs runs in this process, on the guide checked here first, so each data file is parsed once.
    """
    config_file = _site_config(args.config_file)
    if config_file is None:
        return EXIT_USAGE
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    site_dir: Path = args.site_dir.resolve()
    clear_leftovers(site_dir)
    config, plugin, guide = _check_site_data(config_file)
    if args.no_pdfs:
        guide = Guide(dataclasses.replace(guide.settings, pdfs=False), guide.caches)
    plugin.adopt(guide)
    try:
        staging = start_staging(site_dir)
    except OSError as error:
        print(
            f"{site_dir.parent}: {one_line(error.strerror or str(error))} (the site is built in a new folder"
            " here first; build where you can write, or choose another place with --site-dir)",
            file=sys.stderr,
        )
        return EXIT_DATA_ERROR
    try:
        config.site_dir = str(staging)
        failure = _mkdocs_build(config, site_dir, staging)
        if failure is None:
            failure = _swap(staging, site_dir)
        if failure is not None:
            print(failure, file=sys.stderr)
            print(f"build failed; {site_dir} was left as it was", file=sys.stderr)
            return EXIT_DATA_ERROR
    finally:
        with contextlib.suppress(OSError):
            remove_tree(staging)
    print(f"site built in {site_dir}")
    return EXIT_OK


def _swap(staging: Path, site_dir: Path) -> str | None:
    try:
        swap_in(staging, site_dir)
    except OSError as error:
        return io_failure_line(error, site_dir)
    return None


def _mkdocs_build(config: MkDocsConfig, site_dir: Path, staging: Path) -> str | None:
    """`mkdocs build` as its command runs it, logging as it does; what went wrong, or None on success."""
    log = logging.getLogger("mkdocs")
    shown = logging.StreamHandler()
    shown.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
    log.addHandler(shown)
    log.setLevel(logging.INFO)
    log.propagate = False
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    except Abort as error:
        return error.format_message()
    except OSError as error:
        return io_failure_line(error, site_dir, staging)
    finally:
        config.plugins.on_shutdown()
        log.removeHandler(shown)
    return None


def _site_config(config_file: Path) -> Path | None:
    """The MkDocs config to build: the given file, or in a club folder the one written from club.yml."""
    if config_file.is_file():
        return config_file
    if config_file == DEFAULT_CONFIG and is_club_folder(Path.cwd()):
        return write_club_config(Path.cwd())
    print(f"{config_file}: no such file (run exguide in a guide's or a club's folder)", file=sys.stderr)
    return None


def _check_site_data(config_file: Path) -> tuple[MkDocsConfig, ExguidePlugin, Guide]:
    """The site's config, its exguide plugin, and the guide it builds, whose data is checked (raises DataError).

    The guide keeps what it read, so the build that follows does not parse the data again.
    """
    config = load_config(str(config_file), strict=True)
    plugin = config.plugins.get("exguide")
    if not isinstance(plugin, ExguidePlugin):
        raise SystemExit(f"{config_file}: the exguide plugin is not listed under plugins")
    guide = Guide(guide_settings(config, plugin.config))
    guide.catalog()
    return config, plugin, guide


def _run(module: str, *args: str, serve_pdfs: bool = False) -> int:
    """Run a Python module as its own process, without Material's notice about its successor.

    A preview leaves the PDFs out unless `serve_pdfs` (see the plugin's SERVE_PDFS).
    """
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", SERVE_PDFS: "1" if serve_pdfs else "0"}
    return subprocess.run([sys.executable, "-m", module, *args], env=environment, check=False).returncode


def _serve(args: argparse.Namespace) -> int:
    config_file = _site_config(args.config_file)
    if config_file is None:
        return EXIT_USAGE
    args.config_file = config_file
    # MkDocs' server, each rebuild redoing only what a save changed (see adapters/serve.py).
    return _run("generator.adapters.serve", str(args.config_file), args.dev_addr, serve_pdfs=args.pdfs)


def _init(args: argparse.Namespace) -> int:
    folder: Path = args.folder
    if folder.exists() and any(folder.iterdir()):
        print(f"{folder}: already exists and is not empty; choose a new folder", file=sys.stderr)
        return EXIT_DATA_ERROR
    for path in init_club(folder, args.name):
        print(f"{path}: written")
    print(f"next: edit {folder / 'club.yml'}, then run `exguide build` in {folder}")
    return EXIT_OK


def _export(args: argparse.Namespace) -> int:
    """Write the site's whole source to a folder that any MkDocs-compatible engine builds without exguide."""
    config_file = _site_config(args.config_file)
    if config_file is None:
        return EXIT_USAGE
    try:
        written = export_site(config_file, args.folder)
    except ExportError as error:
        print(error, file=sys.stderr)
        return EXIT_USAGE
    print(f"{args.folder}: {len(written)} files written; build it with `mkdocs build -f {args.folder / 'mkdocs.yml'}`")
    return EXIT_OK


def _schema(args: argparse.Namespace) -> int:
    if args.check:
        stale = stale_schemas(args.output)
        for name in stale:
            print(f"{args.output / name}: out of date (run `exguide schema`)", file=sys.stderr)
        return EXIT_DATA_ERROR if stale else EXIT_OK
    for name in write_schemas(args.output):
        print(f"{args.output / name}: written")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
