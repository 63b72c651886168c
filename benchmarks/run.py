"""Benchmark exguide on synthetic catalogues and the imported free-exercise-db set; write BENCHMARKS.md.

.venv/bin/python benchmarks/run.py                 # 100, 1,000 and 5,000 exercises (about 30 minutes on 2 cores)
.venv/bin/python benchmarks/run.py --quick         # 100 only
.venv/bin/python benchmarks/run.py --sizes 1000 --no-live --json out.json
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path[:0] = [str(REPO), str(BENCH)]

import yaml  # noqa: E402
from firstvisit import first_visit, gzip_size  # noqa: E402
from live import EDITS, default_guide_serve, mkdocs_environment, pdf_cache_check, serve_rebuild  # noqa: E402
from machine import machine, tree_state  # noqa: E402
from memory import TreeMemory  # noqa: E402
from report import write_report  # noqa: E402
from synth import generate_catalogue  # noqa: E402

from generator.outputs.routes import SECTIONS  # noqa: E402

SERVE_FROM = 1000
"""The catalogues from this size are previewed with `exguide serve` too (the default guide always is)."""
FREE_EXERCISE_DB = Path("/work/shared/data/free-exercise-db/exercises.json")


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def run_measured(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> dict[str, Any]:
    """Run a process to the end; its wall time, peak memory (with every process it starts) and output."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.monotonic()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=err)
        memory = TreeMemory(process.pid)
        memory.start()
        _, status = os.waitpid(process.pid, 0)
        seconds = time.monotonic() - started
        peak_memory_kb = memory.stop()
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(errors="replace"), err.read().decode(errors="replace")
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({process.returncode}):\n{stderr[-3000:]}")
    return {
        "seconds": seconds,
        "peak_memory_kb": peak_memory_kb,
        "stdout": stdout,
        "stderr": stderr,
    }


def stage_passes(data: Path, overlay: Path | None, export: Path, text: Path, repeat: int) -> dict[str, Any]:
    """Each pass in a fresh process; the fastest of each stage across passes, and the pass figures."""
    passes, peaks = [], []
    for number in range(repeat):
        command = [sys.executable, str(BENCH / "stages.py"), str(data)]
        command += ["--overlay", str(overlay)] if overlay else []
        command += ["--export", str(export), "--export-text", str(text)] if number == 0 else []
        measured = run_measured(command, REPO)
        passes.append(json.loads(measured["stdout"]))
        peaks.append(measured["peak_memory_kb"])
    best = {stage: min(p["times"][stage] for p in passes) for stage in passes[0]["times"]}
    return {**passes[0], "times": best, "passes": [p["times"] for p in passes], "peak_memory_kb": max(peaks)}


def pdf_pass(data: Path, overlay: Path | None, cache: Path) -> dict[str, Any]:
    command = [sys.executable, str(BENCH / "stages.py"), str(data), "--pdfs", str(cache)]
    command += ["--overlay", str(overlay)] if overlay else []
    measured = run_measured(command, REPO)
    return {
        **json.loads(measured["stdout"]),
        "wall_s": measured["seconds"],
        "peak_memory_kb": measured["peak_memory_kb"],
    }


def mkdocs_build(config: Path, site: Path, pdfs: bool = False) -> dict[str, Any]:
    """`python -m mkdocs build --strict`, without PDFs unless asked, timed from process start to exit."""
    shutil.rmtree(site, ignore_errors=True)
    if not pdfs:
        text = config.read_text(encoding="utf-8")
        config = config.with_name("mkdocs-no-pdfs.yml")
        config.write_text(text.replace("pdfs: true", "pdfs: false"), encoding="utf-8")
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site)]
    measured = run_measured(command, config.parent, mkdocs_environment(pdfs=pdfs))
    built = [line for line in measured["stderr"].splitlines() if "Documentation built in" in line]
    return {
        "seconds": measured["seconds"],
        "peak_memory_kb": measured["peak_memory_kb"],
        "mkdocs_reported": built[-1].rsplit(" in ", 1)[-1] if built else "",
    }


def _read_config(path: Path) -> dict[str, Any]:
    """An MkDocs config read as plain YAML, with tags such as !ENV dropped."""

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    config: dict[str, Any] = yaml.load(path.read_text(encoding="utf-8"), Loader=Loader)
    return config


def make_project(folder: Path, languages: bool = False) -> Path:
    """A guide folder with the repository's mkdocs.yml, content/ and site_overrides/ (data added later); in
    the default language alone unless `languages` (a synthetic catalogue has no translations)."""
    folder.mkdir(parents=True, exist_ok=True)
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    if not languages:
        config = re.sub(r"\n +languages: \[[^\]]*\][^\n]*", "", config)
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")
    ignored = None if languages else shutil.ignore_patterns("*.*.md")
    for name in ("content", "site_overrides"):
        shutil.copytree(REPO / name, folder / name, dirs_exist_ok=True, ignore=ignored)
    return folder


def languages_check(workdir: Path, repeat: int) -> dict[str, Any]:
    """The default guide built in its default language alone and in all its languages (no PDFs, as the
    other builds here): pages and the fastest of `repeat` builds of each, alternating."""
    projects = {}
    for name, languages in (("one", False), ("all", True)):
        project = make_project(workdir / f"languages-{name}", languages)
        shutil.copytree(REPO / "data", project / "data", dirs_exist_ok=True)
        projects[name] = project
    times: dict[str, list[float]] = {"one": [], "all": []}
    pages: dict[str, int] = {}
    for _ in range(repeat):
        for name, project in projects.items():
            built = mkdocs_build(project / "mkdocs.yml", project / "site")
            times[name].append(built["seconds"])
            pages[name] = sum(1 for _ in (project / "site").rglob("index.html"))
    return {"pages": pages, "seconds": {name: min(values) for name, values in times.items()}, "trials": times}


def make_bare_project(folder: Path, exported: Path, content: Path, overrides: Path) -> Path:
    """The same pages as plain Markdown: same theme, nav and Markdown extensions, no exguide or macros."""
    config = _read_config(REPO / "mkdocs.yml")
    docs = folder / "docs"
    shutil.rmtree(docs, ignore_errors=True)
    shutil.copytree(content, docs, ignore=shutil.ignore_patterns("*.*.md"))  # one language, as the builds timed
    shutil.copytree(exported, docs, dirs_exist_ok=True)
    config["docs_dir"] = "docs"
    config["theme"]["custom_dir"] = str(overrides)
    config["plugins"] = ["search"]
    config["not_in_nav"] = "\n".join(f"/{section}/**/*.md" for section in SECTIONS)
    target = folder / "mkdocs.yml"
    target.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return target


def site_metrics(site: Path) -> dict[str, Any]:
    pages = {
        path.parent.name: path.stat().st_size
        for path in (site / "exercises").glob("*/index.html")
        if path.parent.name != "exercises"
    }
    sizes = sorted(pages.values())
    mean = statistics.mean(sizes)
    typical = min(pages, key=lambda page: abs(pages[page] - mean))
    index = (site / "search" / "search_index.json").read_bytes()
    files = [path for path in site.rglob("*") if path.is_file()]
    return {
        "exercise_pages": len(pages),
        "html_mean": mean,
        "html_max": sizes[-1],
        "html_max_page": max(pages, key=pages.__getitem__),
        "typical_page": typical,
        "exercise_index_html": (site / "exercises" / "index.html").stat().st_size,
        "exercise_index_gzip": gzip_size((site / "exercises" / "index.html").read_bytes()),
        "site_bytes": sum(path.stat().st_size for path in files),
        "site_files": len(files),
        "search_index_raw": len(index),
        "search_index_gzip": gzip_size(index),
    }


def benchmark_catalogue(
    label: str,
    project: Path,
    config: Path,
    data: tuple[Path, Path | None],
    content: Path,
    pdfs: bool,
    args: argparse.Namespace,
    serve: bool = False,
) -> dict[str, Any]:
    """Every figure for one catalogue whose data and site config are already in place; with `serve`, the
    preview's rebuild after an exercise is edited too."""
    result: dict[str, Any] = {"label": label}
    data_dir, overlay = data
    exported, text_only = project / "exported", project / "exported-text"
    for folder in (exported, text_only):
        shutil.rmtree(folder, ignore_errors=True)
    log(f"{label}: exguide stages ({args.repeat} fresh passes)")
    result["stages"] = stage_passes(data_dir, overlay, exported, text_only, args.repeat)
    if pdfs:
        log(f"{label}: PDFs (print_documents + render_pdfs, empty cache)")
        result["pdfs"] = pdf_pass(data_dir, overlay, project / "pdf-cache")
        log(f"{label}: full mkdocs build with PDFs, empty PDF cache")
        shutil.rmtree(project / ".cache", ignore_errors=True)
        result["full_pdfs"] = mkdocs_build(config, project / "site", pdfs=True)
    bare = make_bare_project(project / "bare", exported, content, REPO / "site_overrides")
    text = make_bare_project(project / "text", text_only, content, REPO / "site_overrides")
    builds: dict[str, list[dict[str, Any]]] = {"full": [], "bare": [], "text": []}
    for number in range(args.build_repeat):
        log(f"{label}: full mkdocs build ({number + 1} of {args.build_repeat})")
        builds["full"].append(mkdocs_build(config, project / "site"))
        if number == 0:  # no target uses it: once is enough to compare
            log(f"{label}: bare mkdocs build of the same pages (once)")
            builds["bare"].append(mkdocs_build(bare, project / "bare" / "site"))
        log(f"{label}: bare mkdocs build of the same pages without drawings ({number + 1} of {args.build_repeat})")
        builds["text"].append(mkdocs_build(text, project / "text" / "site"))
    for kind, runs in builds.items():
        fastest = min(runs, key=lambda run: run["seconds"])
        peak = max(run["peak_memory_kb"] for run in runs)
        result[kind] = {**fastest, "peak_memory_kb": peak, "all_seconds": [run["seconds"] for run in runs]}
    result["site"] = site_metrics(project / "site")
    if serve and not args.no_live:
        exercises = sorted((data_dir if overlay is None else overlay).glob("exercises/*.yaml"))
        log(f"{label}: exguide serve, one exercise edited {EDITS} times")
        result["serve"] = serve_rebuild(project, config, exercises[len(exercises) // 2])
        log(f"{label}: serve rebuild {result['serve']['median_s']:.2f} s from the save")
    if not args.no_browser:
        log(f"{label}: first visit in Chromium")
        result["first_visit"] = first_visit(project / "site", f"/exercises/{result['site']['typical_page']}/")
    if not args.keep:
        for folder in (project / "site", project / "bare", project / "text", exported, text_only):
            shutil.rmtree(folder, ignore_errors=True)
    seconds = {kind: f"{result[kind]['seconds']:.1f} s" for kind in builds}
    log(f"{label}: done (builds: {seconds})")
    return result


def synthetic(size: int, workdir: Path, args: argparse.Namespace) -> dict[str, Any]:
    project = make_project(workdir / f"synthetic-{size}")
    log(f"{size}: generating the catalogue")
    started = time.monotonic()
    made = generate_catalogue(project / "data", size, seed=args.seed + size)
    log(f"{size}: {made} in {time.monotonic() - started:.1f} s")
    result = benchmark_catalogue(
        f"{size:,} exercises",
        project,
        project / "mkdocs.yml",
        (project / "data", None),
        project / "content",
        size in args.pdf_sizes,
        args,
        serve=size >= SERVE_FROM,
    )
    return {**result, "size": size, "generated": made}


def free_exercise_db(workdir: Path, args: argparse.Namespace) -> dict[str, Any]:
    """`exguide init` a club, import free-exercise-db into its data, and benchmark the club's site."""
    folder = workdir / "free-exercise-db"
    shutil.rmtree(folder, ignore_errors=True)
    exguide = [sys.executable, "-m", "generator.cli"]
    run_measured([*exguide, "init", str(folder), "--name", "Benchmark Club"], workdir)
    club = folder / "club.yml"  # the imported exercises come in English alone
    club.write_text(
        club.read_text(encoding="utf-8").replace("languages: [en, de]", "languages: [en]"), encoding="utf-8"
    )
    log("free-exercise-db: importing")
    imported = run_measured(
        [*exguide, "import", "free-exercise-db", str(FREE_EXERCISE_DB), "--into", str(folder / "data")], workdir
    )
    from generator.authoring.club import write_club_config  # the club's MkDocs config, as `exguide build` writes it

    config = write_club_config(folder)
    result = benchmark_catalogue(
        "free-exercise-db club",
        folder,
        config,
        (REPO / "data", folder / "data"),
        REPO / "content",
        not args.no_pdfs,
        args,
    )
    return {**result, "import_s": imported["seconds"], "import_summary": imported["stdout"].strip()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100,1000,5000", help="exercise counts, comma-separated")
    parser.add_argument("--quick", action="store_true", help="100 exercises only (same as --sizes 100)")
    parser.add_argument("--repeat", type=int, default=2, help="fresh-process passes of the stages (fastest kept)")
    parser.add_argument(
        "--build-repeat", type=int, default=5, help="builds of each timed kind, alternating (fastest kept)"
    )
    parser.add_argument("--seed", type=int, default=20240501)
    parser.add_argument(
        "--pdf-sizes", help="sizes whose PDFs are timed (default: every size; 5,000 alone takes over 10 minutes)"
    )
    parser.add_argument("--no-pdfs", action="store_true", help="time no PDFs at all")
    parser.add_argument("--no-browser", action="store_true", help="skip the first-visit measurement")
    parser.add_argument("--no-live", action="store_true", help="skip mkdocs serve and the PDF cache check")
    parser.add_argument("--no-import", action="store_true", help="skip the free-exercise-db set")
    parser.add_argument("--keep", action="store_true", help="keep the built sites in the work folder")
    parser.add_argument("--workdir", type=Path, help="where to build (default: a new temporary folder)")
    parser.add_argument("--output", type=Path, default=REPO / "BENCHMARKS.md")
    parser.add_argument("--json", type=Path, help="also write every figure as JSON here")
    args = parser.parse_args()
    sizes = [100] if args.quick else [int(size) for size in args.sizes.split(",")]
    pdf_sizes = [int(size) for size in args.pdf_sizes.split(",")] if args.pdf_sizes else sizes
    args.pdf_sizes = set() if args.no_pdfs else set(pdf_sizes)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="exguide-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    log(f"working in {workdir}")
    # Bytecode for exguide's modules, as a user's first build leaves it (the installed libraries have theirs):
    # with PYTHONDONTWRITEBYTECODE set, every timed run would otherwise compile exguide from source.
    compileall.compile_dir(REPO / "generator", quiet=1)
    results: dict[str, Any] = {
        "machine": machine(),
        "command": " ".join(["benchmarks/run.py", *sys.argv[1:]]),
        "repeats": {"stages": args.repeat, "builds": args.build_repeat},
    }
    results["sizes"] = [synthetic(size, workdir, args) for size in sizes]
    if not args.no_import and FREE_EXERCISE_DB.is_file() and not args.quick:
        results["imported"] = free_exercise_db(workdir, args)
    log("default guide: one language, then all of them")
    results["languages"] = languages_check(workdir, args.build_repeat)
    if not args.no_live:
        log("default guide: mkdocs serve rebuild after one data file changes")
        results["serve"] = default_guide_serve(workdir)
        serve = results["serve"]
        log(f"default guide: serve rebuild {serve['median_rebuild_s']:.2f} s, {serve['median_s']:.2f} s from the save")
        log("default guide: PDF cache check")
        results["pdf_cache"] = pdf_cache_check(workdir)
    results["machine"]["load_after"] = os.getloadavg()
    results["machine"]["tree_after"] = tree_state()
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")
    write_report(results, args.output)
    log(f"wrote {args.output}")
    if args.workdir is None and not args.keep:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
