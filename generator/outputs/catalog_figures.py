"""Every exercise's figures for a build: drawn in worker processes for a large catalogue, and kept for
the next build in this process (`mkdocs serve`), which draws again only what changed."""

from __future__ import annotations

from types import TracebackType

from generator.outputs.figures import ExerciseFigures, render_exercise_figures
from generator.reading.models import Exercise, Pose
from generator.workers import ForkedMap, workers_for

_drawn_last_build: dict[str, ExerciseFigures | None] = {}
"""Every exercise's figures from the previous FigureDrawing, by what they are drawn from."""

DRAW_IN_WORKERS_FROM = 200
"""With at least this many exercises to draw, worker processes draw them, one per core; fewer are drawn
faster in this process than workers start."""


def render_all_figures(
    exercises: dict[str, Exercise], library: dict[str, Pose], workers: int | None = None
) -> dict[str, ExerciseFigures | None]:
    """The figures of every exercise page (see FigureDrawing)."""
    with FigureDrawing(exercises, library, workers) as drawing:
        return drawing.result()


class FigureDrawing:
    """Every exercise's figures, drawn in worker processes while this process gets on with other work
    when there are many, and reusing those of the previous drawing whose data did not change.

    `mkdocs serve` rebuilds in one process, so after an edit only the edited exercises are drawn again.
    Only the latest figures are kept, and the pages hold the same strings, so this costs no memory.
    `workers` is how many processes draw; by default one per core when there are many exercises to draw.
    """

    def __init__(self, exercises: dict[str, Exercise], library: dict[str, Pose], workers: int | None = None):
        self._keys = {exercise_id: _drawing_key(exercise_id, ex, library) for exercise_id, ex in exercises.items()}
        self._to_draw = [exercise_id for exercise_id, key in self._keys.items() if key not in _drawn_last_build]
        self._exercises, self._library = exercises, library
        count = workers_for(len(self._to_draw), DRAW_IN_WORKERS_FROM) if workers is None else workers
        self._in_workers = ForkedMap(self._draw, self._to_draw, count) if count >= 2 else None

    def _draw(self, exercise_id: str) -> ExerciseFigures | None:
        return render_exercise_figures(exercise_id, self._exercises[exercise_id], self._library)

    def result(self) -> dict[str, ExerciseFigures | None]:
        """Every exercise's figures, by id, once they are drawn; kept for the next drawing."""
        if self._in_workers is None:
            drawn = [self._draw(exercise_id) for exercise_id in self._to_draw]
        else:
            drawn = self._in_workers.result()
        by_id = dict(zip(self._to_draw, drawn, strict=True))
        figures = {
            exercise_id: by_id[exercise_id] if exercise_id in by_id else _drawn_last_build[key]
            for exercise_id, key in self._keys.items()
        }
        _drawn_last_build.clear()
        _drawn_last_build.update({self._keys[exercise_id]: shown for exercise_id, shown in figures.items()})
        return figures

    def __enter__(self) -> FigureDrawing:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        if self._in_workers is not None:
            self._in_workers.__exit__(kind, error, traceback)


def _drawing_key(exercise_id: str, exercise: Exercise, library: dict[str, Pose]) -> str:
    """Everything an exercise's figures are drawn from: its id and name, its illustration, the poses it names."""
    illustration = exercise.illustration
    if illustration is None:
        return f"{exercise_id}\0{exercise.name}"
    names = [
        reference if isinstance(reference, str) else reference.pose
        for reference in (illustration.start, illustration.end)
    ]
    poses = [library[name].model_dump_json() if name in library else "" for name in names]
    return "\0".join([exercise_id, exercise.name, illustration.model_dump_json(), *poses])
