"""The `exguide` command: validate data, build or preview the site, export pages, refresh schemas."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from mkdocs.config import load_config

from generator.errors import DataError
from generator.pipeline import build_catalog, generate_pages
from generator.schema import stale_schemas, write_schemas
from generator.write import write_pages

EXIT_OK, EXIT_DATA_ERROR, EXIT_USAGE = 0, 1, 2


def main(argv: list[str] | None = None) -> int:
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


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="exguide", description=__doc__)
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    def command(name: str, help_text: str, run: object) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.set_defaults(run=run)
        return sub

    validate = command("validate", "check every data file and report all problems at once", _validate)
    validate.add_argument("--data", type=Path, default=Path("data"), help="the data folder (default: data)")

    build = command(
        "build", "build the site with `mkdocs build --strict`, replacing the old one only on success", _build
    )
    build.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"))
    build.add_argument("-d", "--site-dir", type=Path, default=Path("site"))

    serve = command("serve", "preview the site, rebuilding when data or content changes", _serve)
    serve.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"))
    serve.add_argument("-a", "--dev-addr", default="127.0.0.1:8000")
    serve.add_argument("--pdfs", action="store_true", help="also build the PDFs on every change (slower)")

    export = command("export", "write the generated Markdown pages to a folder, to inspect or diff", _export)
    export.add_argument("folder", type=Path)
    export.add_argument("--data", type=Path, default=Path("data"))

    schema = command("schema", "write the JSON Schemas for the data files, generated from the models", _schema)
    schema.add_argument("--output", type=Path, default=Path("schema"))
    schema.add_argument("--check", action="store_true", help="only report schemas that are out of date")
    return parser


def _validate(args: argparse.Namespace) -> int:
    catalog = build_catalog(args.data)
    print(f"{args.data}: {len(catalog.exercises)} exercises, no problems found")
    return EXIT_OK


def _build(args: argparse.Namespace) -> int:
    """Build beside the old site and swap only when the build succeeded, so a failure loses nothing."""
    config_file: Path = args.config_file
    if not config_file.is_file():
        print(f"{config_file}: no such file (run exguide in the guide's folder)", file=sys.stderr)
        return EXIT_USAGE
    build_catalog(_data_dir_of(config_file))
    site_dir: Path = args.site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-building-", dir=site_dir.parent))
    try:
        if _mkdocs("build", "--strict", "--clean", "--config-file", str(config_file), "--site-dir", str(staging)):
            print(f"build failed; {site_dir} was left as it was", file=sys.stderr)
            return EXIT_DATA_ERROR
        _swap_in(staging, site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    print(f"site built in {site_dir}")
    return EXIT_OK


def _data_dir_of(config_file: Path) -> Path:
    """The data folder the site's exguide plugin reads, as set in its mkdocs.yml."""
    plugin = load_config(str(config_file)).plugins.get("exguide")
    if plugin is None:
        raise SystemExit(f"{config_file}: the exguide plugin is not listed under plugins")
    data_dir: str = plugin.config.data_dir
    return config_file.parent / data_dir


def _mkdocs(*args: str, pdfs: bool = True) -> int:
    """Run MkDocs as its own process, without Material's notice about its successor."""
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "EXGUIDE_PDFS": "true" if pdfs else "false"}
    return subprocess.run([sys.executable, "-m", "mkdocs", *args], env=environment, check=False).returncode


def _swap_in(staging: Path, site_dir: Path) -> None:
    retired = site_dir.with_name(f".{site_dir.name}-previous")
    shutil.rmtree(retired, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(retired)
    staging.rename(site_dir)
    shutil.rmtree(retired, ignore_errors=True)


def _serve(args: argparse.Namespace) -> int:
    return _mkdocs("serve", "--config-file", str(args.config_file), "--dev-addr", args.dev_addr, pdfs=args.pdfs)


def _export(args: argparse.Namespace) -> int:
    written = write_pages(generate_pages(build_catalog(args.data)), args.folder)
    print(f"{args.folder}: {len(written)} pages written")
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
