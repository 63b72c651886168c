"""Build the default guide with other engines than MkDocs, and compare their pages with exguide's build.

- ProperDocs (the maintained fork of MkDocs 1.6) builds the guide itself, exguide plugin and all.
- Zensical (Material's successor, which runs no MkDocs plugins) builds the folder `exguide export` writes.

Each engine goes into a virtual environment of its own under --workdir, installed from PyPI:

    .venv/bin/python benchmarks/engines.py [--workdir /tmp/exguide-engines] [--no-zensical]

For every page of exguide's own build, it reports whether the engine built it and whether the page's
article (its content, figures included) is the same to the byte. Results are recorded in README.md.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import venv
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ARTICLE = re.compile(r"<article[^>]*>(.*?)</article>", re.S)
ENVIRONMENT = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def run(command: list[str], cwd: Path) -> str:
    print("$", " ".join(command), flush=True)
    result = subprocess.run(command, cwd=cwd, env=ENVIRONMENT, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"failed ({result.returncode}):\n{result.stdout[-2000:]}\n{result.stderr[-3000:]}")
    return result.stdout + result.stderr


def environment_with(folder: Path, *packages: str) -> Path:
    """A virtual environment holding these packages; returns its bin folder."""
    if not (folder / "bin" / "python").exists():
        venv.create(folder, with_pip=True)
        run([str(folder / "bin" / "pip"), "install", "--quiet", *packages], REPO)
    return folder / "bin"


def compare(reference: Path, built: Path) -> dict[str, int]:
    """How many of the reference's pages the other build has; how many have the same article to the byte,
    the same text, and the same number of figures (inline SVGs)."""
    pages = sorted(path.relative_to(reference) for path in reference.rglob("*.html"))
    counts = {"pages": len(pages), "built": 0, "same_article": 0, "same_text": 0, "same_figures": 0}
    for page in pages:
        if not (built / page).is_file():
            continue
        counts["built"] += 1
        mine = "".join(ARTICLE.findall((reference / page).read_text(encoding="utf-8")))
        theirs = "".join(ARTICLE.findall((built / page).read_text(encoding="utf-8")))
        counts["same_article"] += mine == theirs
        counts["same_text"] += _text(mine) == _text(theirs)
        counts["same_figures"] += mine.count("<svg") == theirs.count("<svg")
    return counts


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/exguide-engines"))
    parser.add_argument("--no-zensical", action="store_true")
    args = parser.parse_args()
    work: Path = args.workdir
    work.mkdir(parents=True, exist_ok=True)
    exguide = [sys.executable, "-m", "generator.cli"]
    run([*exguide, "build", "--site-dir", str(work / "exguide-site")], REPO)

    properdocs = environment_with(work / "properdocs-venv", "properdocs", "-e", str(REPO))
    run([str(properdocs / "pip"), "list", "--format=freeze"], REPO)
    site = work / "properdocs-site"
    run([str(properdocs / "properdocs"), "build", "--strict", "-f", "mkdocs.yml", "-d", str(site)], REPO)
    print("ProperDocs, the guide with the exguide plugin:", compare(work / "exguide-site", site))

    if not args.no_zensical:
        run([*exguide, "export", str(work / "exported")], REPO)
        zensical = environment_with(work / "zensical-venv", "zensical")
        output = run([str(zensical / "zensical"), "build", "--strict", "-f", "mkdocs.yml"], work / "exported")
        print(output.strip())
        print("Zensical, the exported folder:", compare(work / "exguide-site", work / "exported" / "site"))


if __name__ == "__main__":
    main()
