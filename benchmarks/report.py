"""BENCHMARKS.md: the machine, how to reproduce, a table per catalogue, and each target met or not."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.workers import WORKERS_FROM

OWN_STAGES = ("load", "validate", "link", "render", "collect", "open_data")
KB, MB = 1024, 1024 * 1024
BUILD_RATIO_TARGET = 1.15
GROWTH_TOLERANCE = 0.2
MEMORY_TARGET_KB = 1024 * 1024
FIRST_VISIT_TARGET = 300 * KB
SERVE_TARGETS_S: dict[str | int, float] = {"default guide": 0.5, 1000: 1.0, 5000: 3.0}
"""The preview's rebuild after one exercise is edited, from the save to the reload, at most."""
FIGURES_BEFORE_3D_MS = 0.60
"""Figures alone per exercise at 1,000 exercises when they were flat side views (commit d7d78bd, measured on
2026-12-05 with `--sizes 1000 --no-pdfs --no-browser --no-live --no-import`): the 3D figures' budget is 1.5 x."""
FIGURES_BUDGET = 1.5


def own_seconds(entry: dict[str, Any]) -> float:
    return sum(entry["stages"]["times"][stage] for stage in OWN_STAGES)


def per_exercise_ms(seconds: float, entry: dict[str, Any]) -> float:
    return 1000 * seconds / entry["stages"]["exercises"]


def _kb(value: float) -> str:
    return f"{value / KB:,.1f} KB"


def _mb(value: float) -> str:
    return f"{value / MB:,.1f} MB"


def _mark(met: bool | None) -> str:
    return "n/a" if met is None else ("**met**" if met else "**not met**")


def search_section(results: dict[str, Any]) -> list[str]:
    """Why search works the way it does, with the index sizes this run measured."""
    sizes = ", ".join(
        f"{entry['size']:,} exercises: {_kb(entry['site']['search_index_gzip'])}" for entry in results["sizes"]
    )
    return [
        "",
        "## Search: Material's index, downloaded when a reader starts to search",
        "",
        "Three approaches were open: Material's search settings, a lazily loaded index, or a chunked static index",
        "such as Pagefind. exguide keeps Material's own search (lunr in a web worker, with its suggestions and",
        "highlighting, in the theme's own interface) and changes two things:",
        "",
        "- Material requests `search/search_index.json` as every page loads and has no setting to wait.",
        "  `exguide-lazy-search.js` holds that one request back until the reader focuses or clicks the search field",
        "  or presses a search key, so a reader who never searches downloads no index, and one who does downloads",
        "  it once (the browser may cache it).",
        '- The index holds what people search by: names, other names ("donkey kick"), summaries, muscles, joints',
        "  and equipment. Steps, cues, mistakes, figures and the library's table are left out (`data-search-exclude`).",
        "",
        f"What the first search downloads, gzip: {sizes}. A chunked index would download less per search in the",
        "largest catalogues, but it is a separate program run after MkDocs, brings its own search interface, and",
        "would need the same exclusions set up again; up to a few thousand exercises the lazily loaded index keeps",
        "the first visit small with nothing more to install, and past that a chunked index is the next step.",
    ]


def catalogue_table(entry: dict[str, Any]) -> list[str]:
    stages, times = entry["stages"], entry["stages"]["times"]
    n = stages["exercises"]

    def ms(stage: str) -> str:
        return f"{1000 * times[stage] / n:.2f} ms ({times[stage]:.2f} s)"

    render_rest = times["render"] - times["figures"] - times["muscle_maps"]
    own = own_seconds(entry)
    rows = [
        ("exercises / routines / generated pages and thumbnails",
         f"{n:,} / {stages['routines']:,} / {stages['pages']:,}"),
        ("load (`load_data_folder`) per exercise", ms("load")),
        ("validate (`validate_documents`) per exercise", ms("validate")),
        ("link (`link_catalog`) per exercise", ms("link")),
        ("render (`render_site_pages`, figures and maps included) per exercise", ms("render")),
        ("  figures alone (`render_all_figures`, every exercise, drawn cold)", ms("figures")),
        ("  muscle maps alone (every exercise and muscle)", ms("muscle_maps")),
        ("  the rest: render less the two above (templates, while the figures are drawn)",
         f"{1000 * render_rest / n:.2f} ms ({render_rest:.2f} s)"),
        ("collect pages + open data (`collect_outputs`, `open_data_files`) per exercise",
         f"{1000 * (times['collect'] + times['open_data']) / n:.2f} ms"),
        ("**exguide's own stages, total, per exercise**", f"**{1000 * own / n:.2f} ms** ({own:.1f} s)"),
        ("peak memory of the stages alone, workers included", _mb(stages["peak_memory_kb"] * KB)),
    ]  # fmt: skip
    if "pdfs" in entry:
        pdfs = entry["pdfs"]
        pt = pdfs["times"]
        rows += [
            (
                "PDFs: `print_documents` / `render_pdfs` (empty cache)",
                f"{pt['print_documents']:.1f} s / {pt['render_pdfs']:.1f} s "
                f"({1000 * (pt['print_documents'] + pt['render_pdfs']) / n:.1f} ms per exercise, "
                f"{(pt['print_documents'] + pt['render_pdfs']) / pdfs['documents']:.2f} s per document)",
            ),
            ("PDFs: documents, bytes, booklet front matter HTML", f"{pdfs['documents']:,}, {_mb(pdfs['pdf_bytes'])}, "
             f"{_kb(pdfs['booklet_html_bytes'])}"),
            ("PDFs: peak memory, workers included", _mb(pdfs["peak_memory_kb"] * KB)),
        ]  # fmt: skip
    full, bare, text, site = entry["full"], entry["bare"], entry["text"], entry["site"]
    if "full_pdfs" in entry:
        with_pdfs = entry["full_pdfs"]
        rows.append(
            (
                "full `mkdocs build --strict` with PDFs, empty PDF cache (time / peak memory)",
                f"{with_pdfs['seconds']:.1f} s / {_mb(with_pdfs['peak_memory_kb'] * KB)}",
            )
        )
    rows += [
        ("full `mkdocs build --strict` (pdfs: false)",
         f"{full['seconds']:.1f} s ({1000 * full['seconds'] / n:.1f} ms per exercise)"),
        ("bare `mkdocs build --strict` of the same pages as Markdown, drawings inline",
         f"{bare['seconds']:.1f} s ({1000 * bare['seconds'] / n:.1f} ms per exercise)"),
        ("bare `mkdocs build --strict` of the same pages without their drawings",
         f"{text['seconds']:.1f} s ({1000 * text['seconds'] / n:.1f} ms per exercise)"),
        ("**full / bare without drawings**", f"**{full['seconds'] / text['seconds']:.2f}**"),
        ("full / bare with drawings inline", f"{full['seconds'] / bare['seconds']:.2f}"),
        ("peak memory: full build / bare build / without drawings",
         f"{_mb(full['peak_memory_kb'] * KB)} / {_mb(bare['peak_memory_kb'] * KB)} / "
         f"{_mb(text['peak_memory_kb'] * KB)}"),
        ("HTML per exercise page: mean / max",
         f"{_kb(site['html_mean'])} / {_kb(site['html_max'])} (`{site['html_max_page']}`)"),
        ("exercise index page (`exercises/index.html`): raw / gzip",
         f"{_kb(site['exercise_index_html'])} / {_kb(site['exercise_index_gzip'])}"),
        ("total site size", f"{_mb(site['site_bytes'])} in {site['site_files']:,} files"),
        ("search index: raw / gzip", f"{_mb(site['search_index_raw'])} / {_kb(site['search_index_gzip'])}"),
    ]  # fmt: skip
    if "serve" in entry:
        serve = entry["serve"]
        rows += [
            ("**`exguide serve`: one exercise edited, median from the save to the reload**",
             f"**{serve['median_s']:.2f} s** ({_trial_seconds(serve, 'seconds')} s); from MkDocs noticing the save: "
             f"{serve['median_rebuild_s']:.2f} s; first build {serve['first_build_s']:.1f} s"),
        ]  # fmt: skip
    if "first_visit" in entry:
        visit = entry["first_visit"]
        loaded, added = visit["on_load"], visit["search_added"]
        index_note = "fetched on load" if visit["search_index_on_load"] else "fetched only when search opens"
        rows += [
            (f"first visit to `{visit['page']}`: on load, gzip", f"{_kb(loaded['gzip'])} in {loaded['requests']} "
             f"requests ({_kb(loaded['raw'])} raw)"),
            ("  opening search adds", f"{_kb(added['gzip'])} in {added['requests']} requests (search index "
             f"{index_note})"),
            ("**first visit with search, gzip**", f"**{_kb(visit['with_search_gzip'])}**"),
        ]  # fmt: skip
    lines = ["| figure | value |", "|---|---|"]
    lines += [f"| {name} | {value} |" for name, value in rows]
    return lines


def _trial_seconds(serve: dict[str, Any], key: str) -> str:
    return ", ".join(format(trial[key], ".2f") for trial in serve["trials"])


def _transfer_lines(entry: dict[str, Any]) -> list[str]:
    visit = entry.get("first_visit")
    if not visit:
        return []
    files = sorted(visit["on_load"]["files"] + visit["search_added"]["files"], key=lambda f: -f["gzip"])
    lines = ["", f"What the first visit to `{visit['page']}` transfers ({entry['label']}):", ""]
    lines += ["| file | raw | gzip |", "|---|---:|---:|"]
    lines += [f"| `{f['path']}` | {_kb(f['raw'])} | {_kb(f['gzip'])} |" for f in files]
    return lines


def targets(results: dict[str, Any]) -> list[tuple[str, str, bool | None]]:
    """(target, measured, met) for every target."""
    by_size = {entry["size"]: entry for entry in results["sizes"]}
    found: list[tuple[str, str, bool | None]] = []
    own = {size: per_exercise_ms(own_seconds(entry), entry) for size, entry in by_size.items()}
    if 1000 in by_size:
        figures_ms = per_exercise_ms(by_size[1000]["stages"]["times"]["figures"], by_size[1000])
        found.append(
            (
                f"figures ≤ {FIGURES_BUDGET:g} x the flat side views' {FIGURES_BEFORE_3D_MS:.2f} ms"
                " per exercise at 1,000",
                f"{figures_ms:.2f} ms ({figures_ms / FIGURES_BEFORE_3D_MS:.2f} x)",
                figures_ms <= FIGURES_BUDGET * FIGURES_BEFORE_3D_MS,
            )
        )
    ratios = {size: by_size[size]["full"]["seconds"] / by_size[size]["text"]["seconds"] for size in (1000, 5000)
              if size in by_size}  # fmt: skip
    found.append(
        (
            f"full build ≤ {BUILD_RATIO_TARGET} x the bare build at 1,000 and 5,000 (the bare build without the "
            "drawings, the stricter floor)",
            ", ".join(f"{size:,}: {ratio:.2f} x" for size, ratio in ratios.items()) or "not measured",
            all(ratio <= BUILD_RATIO_TARGET for ratio in ratios.values()) if len(ratios) == 2 else None,
        )
    )
    if 1000 in by_size and 5000 in by_size:
        small, large = by_size[1000], by_size[5000]
        growth = {
            "full build time per exercise": (large["full"]["seconds"] / 5000) / (small["full"]["seconds"] / 1000),
            "exguide stage time per exercise": own[5000] / own[1000],
            "HTML bytes per exercise page": large["site"]["html_mean"] / small["site"]["html_mean"],
        }
        found.append(
            (
                "growth linear: time and bytes per exercise page at 5,000 within 20% of 1,000",
                "; ".join(f"{name} x {ratio:.2f}" for name, ratio in growth.items()),
                all(abs(ratio - 1) <= GROWTH_TOLERANCE for ratio in growth.values()),
            )
        )
        builds = [large["full"]["peak_memory_kb"]]
        measured = f"full build: {_mb(builds[0] * KB)} without PDFs"
        if "full_pdfs" in large:
            builds.append(large["full_pdfs"]["peak_memory_kb"])
            measured += f", {_mb(builds[1] * KB)} with PDFs drawn from an empty cache"
        measured += (
            f" (every process of the build, PSS summed). For comparison, exguide's stages timed alone: "
            f"{_mb(large['stages']['peak_memory_kb'] * KB)}, with the figures drawn a second time"
        )
        met = max(builds) < MEMORY_TARGET_KB if "full_pdfs" in large else None
        found.append(("peak memory < 1 GB at 5,000, PDFs included", measured, met))
    else:
        found.append(("growth linear from 1,000 to 5,000", "not measured", None))
        found.append(("peak memory < 1 GB at 5,000", "not measured", None))
    visit = by_size.get(1000, {}).get("first_visit")
    found.append(
        (
            "first visit to an exercise page, 1,000 exercises, < 300 KB gzip, search included",
            _kb(visit["with_search_gzip"]) if visit else "not measured",
            visit["with_search_gzip"] < FIRST_VISIT_TARGET if visit else None,
        )
    )
    found.append(_serve_target(results, by_size))
    if 5000 in by_size and "pdfs" in by_size[5000]:
        pdfs = by_size[5000]["pdfs"]
        found.append(
            (
                "the booklet PDF at 5,000 exercises drawn in < 1 GB of memory",
                f"{_mb(pdfs['peak_memory_kb'] * KB)}: every PDF of the 5,000-exercise guide ({pdfs['documents']:,}"
                " documents, the booklet last, joined from the routines' PDFs), drawn from an empty cache, workers"
                " included",
                pdfs["peak_memory_kb"] < MEMORY_TARGET_KB,
            )
        )
    languages = results.get("languages")
    if languages:
        pages, seconds = languages["pages"], languages["seconds"]
        found.append(
            (
                "the default guide in two languages: twice the pages, at most twice the build time",
                f"{pages['one']} pages in {seconds['one']:.2f} s in English alone; {pages['all']} pages in"
                f" {seconds['all']:.2f} s in English and German (pages x {pages['all'] / pages['one']:.2f},"
                f" time x {seconds['all'] / seconds['one']:.2f})",
                pages["all"] == 2 * pages["one"] and seconds["all"] <= 2 * seconds["one"],
            )
        )
    cache = results.get("pdf_cache")
    found.append(
        (
            "a PDF is redrawn only when its routine or an exercise in it changed",
            "; ".join(f"{s['change']}: {s['redrawn']} redrawn (expected {s['expected']})" for s in cache["steps"])
            if cache
            else "not measured",
            cache["only_changed_redrawn"] if cache else None,
        )
    )
    return found


def _serve_target(results: dict[str, Any], by_size: dict[int, Any]) -> tuple[str, str, bool | None]:
    """The preview's rebuild after one exercise edit, at each size, beside a full build of the same site."""
    measured: list[str] = []
    met: list[bool] = []
    serve, languages = results.get("serve"), results.get("languages")
    if serve:
        full = f"; full build in all languages {languages['seconds']['all']:.2f} s" if languages else ""
        measured.append(f"default guide (English and German): median {serve['median_s']:.2f} s{full}")
        met.append(serve["median_s"] < SERVE_TARGETS_S["default guide"])
    for size in (1000, 5000):
        entry = by_size.get(size, {})
        if "serve" in entry:
            seconds = entry["serve"]["median_s"]
            measured.append(f"{size:,}: median {seconds:.2f} s; full build {entry['full']['seconds']:.1f} s")
            met.append(seconds < SERVE_TARGETS_S[size])
    return (
        "`exguide serve` after one exercise edit, from the save to the reload (median of 5): default guide"
        " < 0.5 s, 1,000 < 1 s, 5,000 < 3 s",
        "; ".join(measured) or "not measured",
        all(met) if len(met) == 3 else None,
    )


def write_report(results: dict[str, Any], output: Path) -> None:
    m = results["machine"]
    repeats = results["repeats"]
    v = m["versions"]
    lines = [
        "# Benchmarks",
        "",
        "Written by `benchmarks/run.py`; rerunning it rewrites this file. Synthetic catalogues (`benchmarks/synth.py`,",
        "seeded, so every run builds the same data) take each exercise's structure and illustration from a bundled",
        "exercise, with names from word lists, text from the bundled exercises' sentences and pose angles nudged",
        "within the pose checks; the free-exercise-db set is that project's exercises imported into an",
        "`exguide init` club.",
        "",
        "## Machine",
        "",
        f"- CPU: {m['cpu']}, {m['cores']} cores; memory {m['memory_gb']:.1f} GB",
        f"- Python {m['python']}; MkDocs {v['mkdocs']}; Material {v['mkdocs-material']}; "
        f"mkdocs-macros {v['mkdocs-macros-plugin']}; Markdown {v['Markdown']}; Jinja2 {v['Jinja2']}; "
        f"pydantic {v['pydantic']}; PyYAML {v['PyYAML']} (LibYAML {'available' if m['libyaml'] else 'missing'}); "
        f"WeasyPrint {v['weasyprint']}",
        f"- Date: {m['date']}; commit {m['commit']}"
        + (
            f" with uncommitted changes to the build's inputs {', '.join(f'`{path}`' for path in m['modified'])}"
            if m["modified"]
            else ""
        ),
        *(
            []
            if m.get("tree_after", m["tree"]) == m["tree"]
            else ["- **The build's inputs changed while the benchmark ran: rerun it for figures from one version.**"]
        ),
        f"- Load average (1, 5, 15 min) before: {', '.join(f'{x:.1f}' for x in m['load_before'])}; after: "
        f"{', '.join(f'{x:.1f}' for x in m.get('load_after', ()))}"
        " (other work on the machine slows every figure)",
        "",
        "## Reproduce",
        "",
        "```sh",
        f".venv/bin/python {results['command']}",
        "```",
        "",
        "`--quick` runs 100 exercises only; `--help` lists the rest. Stage times are the fastest of"
        f" {repeats['stages']} (`--repeat`)",
        "fresh processes, each one cold pass as a build makes it; the full build and the bare build without",
        f"drawings are each the fastest of {repeats['builds']} (`--build-repeat`) runs,"
        " taken in turn and timed from process start to exit,",
        "so a slow spell on the machine has to last through every run of one kind to change a ratio (the bare",
        "build with drawings, which no target uses, runs once). exguide's modules are compiled to bytecode",
        "first, as a user's first build leaves them. Peak memory is the most, sampled every 50 ms, that the process",
        "and every worker it starts take together: the sum of their proportional set sizes (PSS), which counts",
        "the pages a forked worker shares with its parent once (`benchmarks/memory.py`).",
        f"Times are wall-clock. From {WORKERS_FROM} exercises to draw, exguide draws the figures in worker",
        f"processes, one per core ({m['cores']} here), while the render stage writes the pages around them.",
        "Transfer sizes are gzip level 6 of each file the browser requested from a local server (images as they",
        "are).",
        "",
        "The bare builds use the same theme, navigation and Markdown extensions with only the search plugin:",
        "one of the exported pages as `exguide export` writes them, drawings (inline SVG) in the Markdown; one of",
        "the same pages without the drawings. exguide keeps drawings out of the Markdown and puts them into the",
        "finished HTML, so Markdown and the search index never read them; the bare build without drawings is the",
        "floor exguide cannot beat, and the target is measured against it.",
        "",
        "## Targets",
        "",
        "| target | measured | |",
        "|---|---|---|",
    ]
    lines += [f"| {name} | {measured} | {_mark(met)} |" for name, measured, met in targets(results)]
    lines += search_section(results)
    for entry in [*results["sizes"], *([results["imported"]] if "imported" in results else [])]:
        lines += ["", f"## {entry['label']}", ""]
        if "generated" in entry:
            made = entry["generated"]
            lines += [
                f"{made['exercises']:,} exercises and {made['routines']:,} routines; "
                f"{made['nudged']:,} illustrations with nudged angles, {made['unchanged']:,} kept as the "
                "bundled exercise draws them (no nudge passed the pose checks).",
                "",
            ]
        if "import_summary" in entry:
            lines += [f"`exguide import`: {entry['import_summary']} ({entry['import_s']:.1f} s).", ""]
        lines += catalogue_table(entry)
        lines += _transfer_lines(entry)
    if "languages" in results:
        languages = results["languages"]
        lines += [
            "",
            "## Two languages",
            "",
            "`mkdocs build --strict` of the default guide without PDFs, in English alone and in English and German",
            f"(each built {len(languages['trials']['one'])} times, alternating; fastest kept): "
            f"{languages['pages']['one']} and {languages['pages']['all']} pages; "
            f"{languages['seconds']['one']:.2f} s and {languages['seconds']['all']:.2f} s "
            f"({', '.join(format(t, '.2f') for t in languages['trials']['one'])} s and "
            f"{', '.join(format(t, '.2f') for t in languages['trials']['all'])} s).",
        ]
    if "serve" in results:
        serve = results["serve"]
        lines += [
            "",
            "## Editing with `exguide serve`",
            "",
            "`exguide serve` runs MkDocs' live-reload server with dirty builds, and each rebuild reads, renders",
            "and writes again only what the save changed (`generator/adapters/serve.py`, `preview.py`,",
            "`generator/outputs/page_dependencies.py`).",
            f"On a copy of the default guide in English and German: first build {serve['first_build_s']:.1f} s;"
            f' after each save of `{serve["edited"]}`, seconds from the save until "Reloading browsers", then'
            ' from "Detected file changes" until then: '
            + ", ".join(
                f"{t['seconds']:.2f} / {t['rebuild_s']:.2f} (MkDocs: {t['log_build']})" for t in serve["trials"]
            )
            + ". The system tells the server of a save as it happens (inotify); it waits 0.05 s for more changes",
            'and rebuilds. "MkDocs" is the build time MkDocs reports for the default language, the other',
            "language's build running inside it. The catalogues of 1,000 and 5,000 exercises are edited the same",
            "way (their tables above).",
        ]
    if "pdf_cache" in results:
        cache = results["pdf_cache"]
        lines += ["", "PDF cache (`mkdocs build` with PDFs, three times on one copy):", ""]
        lines += ["| change | build | PDFs redrawn | expected |", "|---|---:|---:|---:|"]
        lines += [
            f"| {s['change']} | {s['seconds']:.1f} s | {s['redrawn']} | {s['expected']} |" for s in cache["steps"]
        ]
        lines += ["", f"The cache then holds {cache['cache_files']} files for {cache['documents']} documents."]
    output.write_text("\n".join(lines) + "\n", encoding="utf-8")
