"""Every exercise's figures for a build: drawn in worker processes for a large catalogue, and kept in a
FigureCache for the next build in this process (`mkdocs serve`), which draws again only what changed."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from types import TracebackType

from generator.catalog.poses import illustration_problems
from generator.outputs.figures import ExerciseFigures, render_exercise_figures
from generator.outputs.messages import SOURCE_LANGUAGE, Messages
from generator.reading.models import Exercise, Pose
from generator.workers import MapInProgress, Workers, workers_for


class UncheckedDrawingFails(Exception):
    """An exercise's illustration, which the catalogue left for the drawing to check, does not fit its
    poses: the catalogue checked whole says where and why (see Catalog.drawings_checked)."""


class FigureCache:
    """The figures of the latest drawing, by everything they are drawn from.

    Only the latest figures are kept, and the pages hold the same strings, so this costs no memory.
    """

    def __init__(self) -> None:
        self.drawn: dict[str, ExerciseFigures | None] = {}


def render_all_figures(
    exercises: dict[str, Exercise],
    library: dict[str, Pose],
    workers: int | None = None,
    cache: FigureCache | None = None,
) -> dict[str, ExerciseFigures | None]:
    """The figures of every exercise page (see FigureDrawing)."""
    with FigureDrawing(exercises, library, workers, cache) as drawing:
        return dict(drawing.result())


class FigureDrawing:
    """Every exercise's figures, drawn in worker processes while this process gets on with other work
    when there are many, and reusing from `cache` those whose data did not change.

    `workers` is how many processes draw; by default one per core when there are many exercises to draw;
    0: this process draws them when `result` is asked for, one after another. With `check_first`, each
    illustration is checked against the poses before it is drawn (raises UncheckedDrawingFails).
    """

    def __init__(
        self,
        exercises: dict[str, Exercise],
        library: dict[str, Pose],
        workers: int | None = None,
        cache: FigureCache | None = None,
        messages: Messages | None = None,
        muscle_names: dict[str, str] | None = None,
        check_first: bool = False,
    ) -> None:
        self._cache = cache or FigureCache()
        self._check_first = check_first
        self._messages, self._muscle_names = messages or Messages(SOURCE_LANGUAGE), muscle_names or {}
        language = self._messages.language
        self._keys = {
            exercise_id: _drawing_key(exercise_id, ex, library, language, self._muscle_names)
            for exercise_id, ex in exercises.items()
        }
        self._to_draw = [exercise_id for exercise_id, key in self._keys.items() if key not in self._cache.drawn]
        self._exercises, self._library = exercises, library
        count = workers_for(len(self._to_draw)) if workers is None else workers
        self._workers = Workers(count, forked=True)
        self._drawing: MapInProgress[ExerciseFigures | None] | None = (
            self._workers.start_map(self._draw, self._to_draw) if count else None
        )

    def _draw(self, exercise_id: str) -> ExerciseFigures | None:
        exercise = self._exercises[exercise_id]
        if self._check_first and exercise.illustration and illustration_problems(exercise.illustration, self._library):
            raise UncheckedDrawingFails(exercise_id)
        return render_exercise_figures(exercise_id, exercise, self._library, self._messages, self._muscle_names)

    def result(self) -> Mapping[str, ExerciseFigures | None]:
        """Every exercise's figures, by id, once they are drawn; the cache keeps them for the next drawing.

        Without workers, each exercise's are drawn as they are asked for, once each, and kept nowhere."""
        if self._drawing is None:
            return _DrawnWhenAsked(self._to_draw, self._draw)
        by_id = dict(zip(self._to_draw, self._drawing.result(), strict=True))
        figures = {
            exercise_id: by_id[exercise_id] if exercise_id in by_id else self._cache.drawn[key]
            for exercise_id, key in self._keys.items()
        }
        self._cache.drawn = {self._keys[exercise_id]: shown for exercise_id, shown in figures.items()}
        return figures

    def __enter__(self) -> FigureDrawing:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self._workers.__exit__(kind, error, traceback)


class _DrawnWhenAsked(Mapping[str, "ExerciseFigures | None"]):
    """Figures drawn as each exercise's are asked for: whoever asks keeps them, or lets them go."""

    def __init__(self, exercise_ids: list[str], draw: Callable[[str], ExerciseFigures | None]) -> None:
        self._ids, self._draw = dict.fromkeys(exercise_ids), draw

    def __getitem__(self, exercise_id: str) -> ExerciseFigures | None:
        if exercise_id not in self._ids:
            raise KeyError(exercise_id)
        return self._draw(exercise_id)

    def __contains__(self, exercise_id: object) -> bool:
        """Without drawing: Mapping's own `in` would ask for the figures, and drawing them is the cost."""
        return exercise_id in self._ids

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)


def _drawing_key(
    exercise_id: str, exercise: Exercise, library: dict[str, Pose], language: str, muscle_names: dict[str, str]
) -> str:
    """Everything an exercise's figures are drawn from: its id and name, its illustration, the poses it
    names, and the language of their words with the names of the muscles they name."""
    illustration = exercise.illustration
    if illustration is None:
        return f"{exercise_id}\0{exercise.name}"
    names = [
        reference if isinstance(reference, str) else reference.pose
        for reference in (illustration.start, illustration.end)
    ]
    poses = [library[name].model_dump_json() if name in library else "" for name in names]
    named = [muscle_names.get(muscle_id, "") for muscle_id in exercise.muscles.primary]
    return "\0".join([exercise_id, exercise.name, language, *named, illustration.model_dump_json(), *poses])
