"""Render stage: the catalogue becomes Markdown pages through the Jinja templates in templates/."""

from __future__ import annotations

import functools
import html
import json
import re
import urllib.parse
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from jinja2 import Environment
from markupsafe import Markup

from generator.catalog import routines as timing
from generator.catalog.link import Catalog
from generator.catalog.routines import routine_places
from generator.catalog.weeks import week_time, weeks_by_level
from generator.outputs.catalog_figures import FigureCache, FigureDrawing
from generator.outputs.figures import ExerciseFigures
from generator.outputs.markup import install_messages, render_markup, template_environment
from generator.outputs.messages import SOURCE_LANGUAGE, Messages
from generator.outputs.muscle_map import render_muscle_map
from generator.outputs.page_dependencies import RenderedSite, RenderMemory, exercises_named, pages_to_render
from generator.outputs.player import session_json
from generator.outputs.routes import Routes, page_link, page_path, pdf_link, player_path, thumbnail_path
from generator.reading.models import DIFFICULTIES

_WHITESPACE = re.compile(r"\s+")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_PUNCTUATION = "\\`*_{}[]()#+-.!|~^=:\"'$%/;?@,"
_ESCAPES = str.maketrans({**{char: "\\" + char for char in _PUNCTUATION}, **_ENTITIES})


DRAWING_PLACEHOLDER = re.compile(r"<!--exguide-drawing-\d+-->")


@dataclass(frozen=True)
class GeneratedPage:
    """A Markdown page made from data (or a file one shows, such as a library thumbnail), with where it
    sits in the site and whether the nav lists it.

    Its drawings (inline SVGs) wait outside the Markdown as placeholders, so neither Markdown nor the
    search index has to read through them; `markdown` is the page with them in place.
    """

    path: str
    content: str
    in_nav: bool
    drawings: dict[str, str] = field(default_factory=dict)

    @property
    def markdown(self) -> str:
        return put_drawings_in(self.content, self.drawings)


def put_drawings_in(text: str, drawings: dict[str, str]) -> str:
    """Replace each drawing placeholder in a page (Markdown, or the HTML made from it) with its SVG."""
    if not drawings:
        return text
    return DRAWING_PLACEHOLDER.sub(lambda match: drawings.get(match.group(0), match.group(0)), text)


class Drawings:
    """Collects one page's drawings, handing the template a placeholder for each."""

    def __init__(self) -> None:
        self.held: dict[str, str] = {}

    def hold(self, svg: Markup | None) -> Markup | None:
        if svg is None:
            return None
        placeholder = f"<!--exguide-drawing-{len(self.held)}-->"
        self.held[placeholder] = svg
        return Markup(placeholder)

    def hold_figures(self) -> ExerciseFigures:
        """Placeholders for an exercise page's figures (the start, the end and the movement), which
        fill_figures puts in once they are drawn; the thumbnail is for the library."""
        start, end, animated = (Markup(self.hold(Markup(""))) for _ in range(3))
        return ExerciseFigures(start, end, animated, thumbnail=Markup(""))

    def fill_figures(self, placeholders: ExerciseFigures, figures: ExerciseFigures | None) -> None:
        if figures is None:
            raise ValueError("an exercise with an illustration has figures")
        for placeholder, svg in zip(
            (placeholders.start, placeholders.end, placeholders.animated),
            (figures.start, figures.end, figures.animated),
            strict=True,
        ):
            self.held[placeholder] = svg


def escape_markdown(text: str) -> str:
    """Make data text show exactly as written: no Markdown, HTML or macro syntax in it takes effect.

    Relies on pymdownx.escapeall, which lets a backslash escape any punctuation character.
    """
    return _WHITESPACE.sub(" ", text).translate(_ESCAPES)


def _finalize(value: Any) -> Any:
    """Applied to every {{ … }} output: plain strings are data and get escaped; Markup is template-made."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return _escaped(value)
    return value


@functools.lru_cache(maxsize=1 << 16)
def _escaped(text: str) -> Markup:
    """Names of muscles, equipment and exercises recur on many pages: each is escaped once."""
    return Markup(escape_markdown(text))


def _join(items: Iterable[Any], separator: str = ", ") -> Markup:
    return Markup(separator).join(_finalize(item) for item in items)


def _front_matter_value(value: Any) -> Markup:
    """A YAML scalar for front matter (JSON is valid YAML), HTML-escaped: the theme writes titles and
    descriptions into <title> and attributes without escaping them."""
    text = html.escape(value) if isinstance(value, str) else value
    return Markup(json.dumps(text, ensure_ascii=False))


def _url(address: str) -> Markup:
    """A web address for a Markdown link target: only http and https, nothing that ends the link early."""
    if not re.match(r"^https?://", address):
        raise ValueError(f"refusing non-web address {address!r}")
    return Markup(urllib.parse.quote(address, safe="/:?#&=%+@,;~!$*'-._"))


def _token(value: str) -> Markup:
    """An id or a routine's number ("4a") for an HTML attribute in a page: such values are lowercase
    letters, digits and hyphens (models.Id), so they stand as they are, unescaped for Markdown."""
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", value):
        raise ValueError(f"not an id: {value!r}")
    return Markup(value)


def _muscle_name(muscle_id: str, catalog: Catalog) -> str:
    return catalog.muscles[muscle_id].name


def _bold(text: str | Markup) -> Markup:
    """Strong text in a message: `bold(_("Share"))`."""
    return Markup("**{}**").format(_as_markdown(text))


def _markdown_link(text: str | Markup, target: Markup) -> Markup:
    """A link in a message, its words escaped: `markdown_link(_("your sessions"), link("log"))`."""
    return Markup("[{}]({})").format(_as_markdown(text), target)


def _as_markdown(text: str | Markup) -> Markup:
    return text if isinstance(text, Markup) else _escaped(text)


@functools.lru_cache(maxsize=8)
def make_environment(messages: Messages | None = None) -> Environment:
    """The template environment of a language: every value escaped for Markdown unless a template built
    it, and every message of the templates in that language (see outputs/messages.py)."""
    messages = messages or Messages(SOURCE_LANGUAGE)
    environment = template_environment(autoescape=True, finalize=_finalize, keep_trailing_newline=True)
    del environment.filters["safe"]
    install_messages(environment, messages, escape_markdown)
    environment.globals["bold"] = _bold
    environment.globals["markdown_link"] = _markdown_link
    environment.filters["join"] = _join
    environment.filters["front_matter"] = _front_matter_value
    environment.filters["url"] = _url
    environment.filters["muscle_name"] = _muscle_name
    environment.filters["token"] = _token
    environment.globals["link"] = page_link
    environment.globals["pdf_link"] = pdf_link
    environment.globals["difficulties"] = DIFFICULTIES
    return environment


def thumbnail_image(exercise_id: str, figures: ExerciseFigures, messages: Messages | None = None) -> Markup:
    """The library's <img> of a thumbnail, which the browser fetches only as its row scrolls into view."""
    width, height = figures.thumbnail_size
    src = thumbnail_path(exercise_id).removeprefix("exercises/")
    return render_markup("thumbnail.html.j2", one_line=True, messages=messages, src=src, width=width, height=height)


def render_joint_chain(
    catalog: Catalog, routes: Routes, style: str = "", in_print: bool = False, messages: Messages | None = None
) -> Markup:
    """The joint-by-joint diagram as inline SVG; each joint links to its page beside the overview.

    In print, each links to the page's full address, or to nothing when the site has no address.
    """
    joints = [
        {
            "name": catalog.joints[joint_id].name,
            "role": catalog.joints[joint_id].role,
            "order": catalog.joints[joint_id].order,
            "href": routes.address("joints", joint_id) if in_print else routes.url_from_index("joints", joint_id),
        }
        for joint_id in catalog.joints_in_order()
    ]
    return render_markup("joint_chain.svg.j2", messages=messages, joints=joints, style=style)


TIMING = {
    "seconds_per_rep": timing.SECONDS_PER_REP,
    "seconds_per_metre": timing.SECONDS_PER_METRE,
    "side_switch_s": timing.SIDE_SWITCH_S,
    "transition_s": timing.TRANSITION_S,
}


def planned_pages(catalog: Catalog) -> list[tuple[str, bool]]:
    """The path of every page `render_site_pages` makes of a catalogue, and whether the nav lists it, in
    the order it returns them, known before any is rendered."""
    indexes = ("exercises", "routines", "muscles", "joints", "equipment")
    return [
        *((page_path(section), True) for section in indexes),
        (page_path("log"), False),
        (page_path("offline"), False),
        *([(page_path("plan"), True)] if catalog.weeks else []),
        *((page_path("exercises", exercise_id), False) for exercise_id in catalog.exercises),
        *((page_path("routines", routine_id), False) for routine_id in catalog.routines),
        *((player_path(routine_id), False) for routine_id in catalog.routines),
        *((page_path("muscles", muscle_id), False) for muscle_id in catalog.muscles),
        *(
            (thumbnail_path(exercise_id), False)
            for exercise_id, exercise in catalog.exercises.items()
            if exercise.illustration is not None
        ),
        *((page_path("joints", joint_id), False) for joint_id in catalog.joints),
        *((page_path("equipment", item_id), False) for item_id in catalog.equipment),
    ]


def render_site_pages(
    catalog: Catalog,
    routes: Routes | None = None,
    pdfs: bool = False,
    figure_cache: FigureCache | None = None,
    messages: Messages | None = None,
    memory: RenderMemory | None = None,
    setting: object = None,
    announce: Callable[[GeneratedPage], GeneratedPage] | None = None,
    figure_workers: int | None = None,
    drawings_done: Callable[[str, dict[str, str]], None] | None = None,
) -> list[GeneratedPage]:
    """Every generated page: one per exercise, routine, muscle, joint and equipment item, the indexes,
    and the library's thumbnails (the paths `planned_pages` lists).

    The figures are drawn first, in worker processes for a large catalogue (`figure_workers`, see
    FigureDrawing), while this process writes the pages around placeholders that the figures fill once
    drawn. Each page is handed to `announce` as soon as its Markdown is written, in the order the pages
    are returned (the thumbnails last), its drawings perhaps still to come; what `announce` returns is
    the page as this returns it (without its Markdown, say, once that has been sent on), and each
    exercise page's drawings are handed to `drawings_done` once its figures are in. With a `memory` of the last
    render of the same guide (a preview's rebuild), only the pages an edit changed are rendered again
    (see page_dependencies.py); `setting` stands for what else the pages depend on (the messages'
    catalogues).
    """
    messages = messages or Messages(SOURCE_LANGUAGE)
    environment = make_environment(messages)
    muscle_names = {muscle_id: muscle.name for muscle_id, muscle in catalog.muscles.items()}
    if messages.language == SOURCE_LANGUAGE:
        muscle_names = {}
    setting = (routes, pdfs, messages.language, setting)
    named = exercises_named(catalog)
    last = memory.last if memory is not None else None
    wanted = pages_to_render(last, catalog, setting, named)
    kept = last.pages if last is not None and wanted is not None else {}

    def render(
        template: str, path: str, in_nav: bool, drawings: Drawings | None = None, **context: Any
    ) -> GeneratedPage:
        if path in kept and path not in (wanted or ()):
            return announced(kept[path])
        content = environment.get_template(template).render(catalog=catalog, pdfs=pdfs, **context)
        return announced(GeneratedPage(path, content, in_nav, drawings.held if drawings is not None else {}))

    def announced(page: GeneratedPage) -> GeneratedPage:
        return announce(page) if announce is not None else page

    def needed(path: str) -> bool:
        return path not in kept or path in (wanted or ())

    to_draw = {
        exercise_id: exercise
        for exercise_id, exercise in catalog.exercises.items()
        if needed(page_path("exercises", exercise_id)) or needed(thumbnail_path(exercise_id))
    }
    with FigureDrawing(
        to_draw,
        catalog.poses,
        figure_workers,
        figure_cache,
        messages=messages,
        muscle_names=muscle_names,
        check_first=not catalog.drawings_checked,
    ) as drawing:
        # The library's thumbnails wait as placeholders too, so that it comes first, as in the site's nav.
        library = Drawings()
        thumbnails = {
            exercise_id: library.hold(Markup("")) if exercise.illustration is not None else None
            for exercise_id, exercise in catalog.exercises.items()
        }
        library_page = render("exercise_index.md.j2", page_path("exercises"), True, library, thumbnails=thumbnails)
        chain = Drawings()
        indexes = [
            render("routine_index.md.j2", page_path("routines"), True, timing=TIMING),
            render("muscle_index.md.j2", page_path("muscles"), True),
            render(
                "joint_index.md.j2",
                page_path("joints"),
                True,
                chain,
                chain_svg=chain.hold(render_joint_chain(catalog, routes or Routes(), messages=messages)),
            ),
            render("equipment_index.md.j2", page_path("equipment"), True),
            render("log.md.j2", page_path("log"), False),
            render("offline.md.j2", page_path("offline"), False),
        ]
        if catalog.weeks:
            week_ids = weeks_by_level(catalog.weeks)
            times = {week_id: week_time(catalog.weeks[week_id], catalog.plans) for week_id in week_ids}
            # Ids match models.Id (lowercase words and hyphens), so they stand in a heading's anchor as they are.
            anchors = {week_id: Markup(week_id) for week_id in week_ids}
            indexes.append(
                render("plan.md.j2", page_path("plan"), True, week_ids=week_ids, times=times, anchors=anchors)
            )
        exercise_pages, waiting = [], []
        in_order: list[str | None] = [None, *catalog.library_order(), None]
        neighbours = {
            exercise_id: (in_order[index - 1], in_order[index + 1])
            for index, exercise_id in enumerate(in_order)
            if exercise_id is not None
        }
        places = routine_places(catalog.plans)
        for exercise_id, exercise in catalog.exercises.items():
            if not needed(page_path("exercises", exercise_id)):
                exercise_pages.append(announced(kept[page_path("exercises", exercise_id)]))
                continue
            drawings = Drawings()
            placeholders = drawings.hold_figures() if exercise.illustration is not None else None
            worked = exercise.muscles
            muscle_map = render_muscle_map(
                catalog.muscles,
                worked.primary,
                worked.secondary,
                messages._("Muscles worked: %(exercise)s", exercise=exercise.name),
                messages,
            )
            exercise_pages.append(
                render(
                    "exercise.md.j2",
                    page_path("exercises", exercise_id),
                    False,
                    drawings,
                    exercise_id=exercise_id,
                    exercise=exercise,
                    figures=placeholders,
                    muscle_map=drawings.hold(muscle_map),
                    library_neighbours=neighbours[exercise_id],
                    places=places.get(exercise_id, []),
                )
            )
            if placeholders is not None:
                waiting.append((exercise_id, drawings, placeholders))
        routine_pages = [
            render(
                "routine.md.j2",
                page_path("routines", routine_id),
                False,
                routine_id=routine_id,
                routine=routine,
                plan=catalog.plans[routine_id],
            )
            for routine_id, routine in catalog.routines.items()
        ]
        player_pages = [
            render(
                "play.md.j2",
                player_path(routine_id),
                False,
                routine_id=routine_id,
                routine=routine,
                plan=catalog.plans[routine_id],
                session=session_json(catalog, routine_id, messages),
            )
            if needed(player_path(routine_id))
            else announced(kept[player_path(routine_id)])
            for routine_id, routine in catalog.routines.items()
        ]
        muscle_pages = []
        for muscle_id, muscle in catalog.muscles.items():
            if not needed(page_path("muscles", muscle_id)):
                muscle_pages.append(announced(kept[page_path("muscles", muscle_id)]))
                continue
            drawings = Drawings()
            muscle_map = render_muscle_map(
                catalog.muscles, [muscle_id], [], messages._("Where the %(muscle)s is", muscle=muscle.name), messages
            )
            muscle_pages.append(
                render(
                    "muscle.md.j2",
                    page_path("muscles", muscle_id),
                    False,
                    drawings,
                    muscle_id=muscle_id,
                    muscle=muscle,
                    muscle_map=drawings.hold(muscle_map),
                )
            )
        joint_pages = [
            render("joint.md.j2", page_path("joints", joint_id), False, joint_id=joint_id, joint=joint)
            for joint_id, joint in catalog.joints.items()
        ]
        equipment_pages = [
            render("equipment.md.j2", page_path("equipment", item_id), False, item_id=item_id, item=item)
            for item_id, item in catalog.equipment.items()
        ]
        figures = drawing.result()
    # One pass over the exercises, so that figures drawn as they are asked for are held one at a time.
    waiting_pages = {exercise_id: (drawings, placeholders) for exercise_id, drawings, placeholders in waiting}
    images: dict[str, Markup | None] = {}
    thumbnail_files = []
    for exercise_id in catalog.exercises:
        if exercise_id not in figures:  # kept from the last render
            if last is not None and wanted is not None:
                images[exercise_id] = last.thumbnails.get(exercise_id)
            if thumbnail_path(exercise_id) in kept:
                thumbnail_files.append(announced(kept[thumbnail_path(exercise_id)]))
            continue
        drawn = figures[exercise_id]
        if exercise_id in waiting_pages:
            drawings, placeholders = waiting_pages[exercise_id]
            drawings.fill_figures(placeholders, drawn)
            if drawings_done is not None:
                drawings_done(page_path("exercises", exercise_id), drawings.held)
        images[exercise_id] = thumbnail_image(exercise_id, drawn, messages) if drawn else None
        if drawn is not None:
            thumbnail_files.append(announced(GeneratedPage(thumbnail_path(exercise_id), str(drawn.thumbnail), False)))
    for exercise_id, placeholder in thumbnails.items():
        if placeholder is not None:
            library.held[placeholder] = images.get(exercise_id) or ""
    pages = [
        library_page,
        *indexes,
        *exercise_pages,
        *routine_pages,
        *player_pages,
        *muscle_pages,
        *thumbnail_files,
        *joint_pages,
        *equipment_pages,
    ]
    if memory is not None:
        memory.last = RenderedSite(catalog, setting, {page.path: page for page in pages}, images, named)
    return pages
