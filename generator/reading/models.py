"""Typed models of the guide's data: the single source of truth for what a data file may hold."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, StringConstraints, Tag, model_validator

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Difficulty = Literal["beginner", "intermediate", "advanced"]
Laterality = Literal["bilateral", "unilateral", "alternating"]
JointRole = Literal["mobility", "stability"]
JointWork = Literal["mobility", "stability", "strength"]
"""What an exercise trains at a joint (the rules are in docs/editorial-rules.md):
mobility, it takes the joint towards the end of its range (a stretch, a release, a mobilisation
or a drill through the range); stability, it makes the muscles hold the joint steady under load,
still or on its line, against a force that would move it; strength, it moves the joint through its
range against a load, building the muscles that drive it. A joint that merely moves is not listed."""

DIFFICULTIES: tuple[Difficulty, ...] = ("beginner", "intermediate", "advanced")


class Strict(BaseModel):
    """Refuses unknown fields and silent type coercion, so a typo is an error, not a default."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class VocabularyEntry(Strict):
    """A named thing that exercises refer to by id: a muscle, a piece of equipment, a category."""

    name: Text
    description: Text


class Equipment(VocabularyEntry):
    """A piece of equipment exercises name by id."""

    weight: bool = Field(
        default=False,
        description="True for a weight whose kilograms a runner notes in a routine's log: a kettlebell, a barbell.",
    )


class Muscle(VocabularyEntry):
    """A muscle or muscle group, with the plain name runners use for it."""

    aliases: list[Text] = Field(default_factory=list, description="Other names people search for.")
    region: Literal["hip", "thigh", "lower-leg", "trunk", "back", "shoulder", "arm"] = Field(
        description="Where on the body the muscle sits."
    )
    regions: list[Id] = Field(
        min_length=1, description="Regions of the body map that show this muscle (generator/assets/body_regions.yaml)."
    )


class Joint(VocabularyEntry):
    """A joint in the joint-by-joint chain, from the ground up."""

    role: JointRole = Field(description="What the joint mostly needs: mobility or stability.")
    order: int = Field(ge=1, description="Position in the chain, counted from the ground up.")
    for_runners: Text = Field(description="What the joint's role means for a runner's stride.")
    signs: list[Text] = Field(min_length=1, description="Signs that the joint lacks what it needs.")
    compensation: Text = Field(description="What tends to make up for it, and what that costs.")
    routine: Id = Field(description="A short routine from data/routines/ that addresses this joint.")


class Source(Strict):
    """An article that facts in the data come from, described only by what the article itself shows."""

    name: Text | None = Field(
        default=None,
        description="How the guide refers to an article that shows no title: a plain description, never "
        "presented as a title. Leave it out when the article has a title.",
    )
    title: Text | None = Field(
        default=None, description="The article's own title, as it shows it; none if it shows none."
    )
    author: Text | None = Field(default=None, description="The author, as the article names them.")
    publisher: Text | None = Field(default=None, description="The outlet or publisher, as the article names it.")
    published: Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}-\d{2}$")] | None = Field(
        default=None, description="The publication date the article shows, as 'YYYY-MM-DD' (quoted)."
    )
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = None

    @model_validator(mode="after")
    def _named(self) -> Source:
        if self.name is None and self.title is None:
            raise ValueError("give the article's title or, if it shows none, a name that describes it")
        return self

    @property
    def cited_as(self) -> str:
        """How the guide refers to the article: its title, or the name that describes it."""
        return self.title or self.name or ""


class EquipmentUse(Strict):
    """A piece of equipment an exercise uses, and whether it can be done without it."""

    id: Id
    optional: bool = False


class MuscleTargets(Strict):
    """The muscles an exercise works: primary ones drive it, secondary ones assist or stabilise."""

    primary: list[Id] = Field(min_length=1)
    secondary: list[Id] = Field(default_factory=list)


class JointUse(Strict):
    """A joint an exercise trains, and what it trains there: its mobility, its stability or its strength."""

    id: Id
    role: JointWork = Field(
        description="mobility: works on the joint's range; stability: holds it steady under load; "
        "strength: moves it through its range against a load."
    )


class Dosage(Strict):
    """How much of an exercise to do: sets of reps, or of a hold, a duration or a distance."""

    sets: int = Field(ge=1, le=20)
    reps: int | None = Field(default=None, ge=1, le=200)
    hold_s: int | None = Field(default=None, ge=1, le=600, description="Seconds to hold each rep.")
    duration_s: int | None = Field(default=None, ge=1, le=3600, description="Seconds per set.")
    distance_m: int | None = Field(default=None, ge=1, le=5000, description="Metres per set.")
    per_side: bool = Field(default=False, description="True when each side does the full dosage.")
    rest_s: int = Field(default=0, ge=0, le=900, description="Rest between sets, in seconds.")

    @model_validator(mode="after")
    def _one_measure(self) -> Dosage:
        if self.reps is None and self.duration_s is None and self.distance_m is None:
            raise ValueError("give reps, duration_s or distance_m")
        if self.hold_s is not None and self.reps is None:
            raise ValueError("hold_s is per rep: give reps too")
        return self


class Mistake(Strict):
    """A common fault and how to correct it."""

    mistake: Text
    fix: Text


class Variation(Strict):
    """A different way to do the same exercise that does not deserve a page of its own."""

    name: Text
    description: Text


class Exercise(Strict):
    """One exercise: everything its page shows, in the order a coach would explain it."""

    name: Text
    aliases: list[Text] = Field(default_factory=list, description="Other names, found by search.")
    summary: Text = Field(description="One plain sentence on what it does and who it is for.")
    difficulty: Difficulty
    category: Id = Field(description="An id from data/categories.yaml.")
    pattern: Id | None = Field(default=None, description="An id from data/patterns.yaml.")
    laterality: Laterality
    equipment: list[EquipmentUse] = Field(default_factory=list)
    muscles: MuscleTargets
    joints: list[JointUse] = Field(default_factory=list)
    dosage: Dosage
    setup: Text
    steps: list[Text] = Field(min_length=1, description="In the order they are done.")
    cues: list[Text] = Field(default_factory=list)
    mistakes: list[Mistake] = Field(default_factory=list)
    safety: list[Text] = Field(default_factory=list)
    progressions: list[Id] = Field(default_factory=list, description="Harder exercises; regressions are derived.")
    variations: list[Variation] = Field(default_factory=list)
    sources: list[Id] = Field(
        default_factory=list, description="Ids from data/sources.yaml; none means the editors' own coaching practice."
    )
    notes: Text | None = Field(default=None, description="Editorial notes, e.g. where sources disagree.")
    illustration: Illustration | None = Field(default=None, description="Key positions to draw.")


class Range(Strict):
    """A from-to range of whole numbers, such as two to three sessions a week."""

    min: int = Field(ge=1)
    max: int = Field(ge=1)

    @model_validator(mode="after")
    def _ordered(self) -> Range:
        if self.max < self.min:
            raise ValueError("max must not be below min")
        return self


class RoutineItem(Strict):
    """One exercise in a routine; any dosage field given here replaces the exercise's default.

    Giving duration_s or distance_m replaces the exercise's reps and hold, so a timed set does not
    inherit the default repetitions; giving reps keeps the exercise's hold.
    """

    exercise: Id
    sets: int | None = Field(default=None, ge=1, le=20)
    reps: int | None = Field(default=None, ge=1, le=200)
    hold_s: int | None = Field(default=None, ge=1, le=600)
    duration_s: int | None = Field(default=None, ge=1, le=3600)
    distance_m: int | None = Field(default=None, ge=1, le=5000)
    per_side: bool | None = None
    rest_s: int | None = Field(default=None, ge=0, le=900)
    note: Text | None = Field(default=None, description="A short instruction for this routine only.")


class Circuit(Strict):
    """Exercises done back to back, one set of each, for a number of rounds (a superset when two)."""

    name: Text = Field(default="Circuit")
    rounds: int = Field(ge=1, le=20)
    rest_s: int = Field(default=60, ge=0, le=900, description="Rest after each round, in seconds.")
    circuit: list[RoutineItem] = Field(min_length=2)


def _item_kind(value: Any) -> str:
    """An item with a `circuit` list is a circuit; anything else is a single exercise."""
    is_circuit = isinstance(value, Circuit) or (isinstance(value, dict) and "circuit" in value)
    return "Circuit" if is_circuit else "RoutineItem"


BlockItem = Annotated[
    Annotated[RoutineItem, Tag("RoutineItem")] | Annotated[Circuit, Tag("Circuit")], Discriminator(_item_kind)
]


class Block(Strict):
    """A part of a session, such as the warm-up, the main work or the cool-down."""

    name: Text
    items: list[BlockItem] = Field(min_length=1)


class Routine(Strict):
    """A session to follow: what to do, in what order, how often and for how long."""

    name: Text
    summary: Text = Field(description="One plain sentence on what the routine is for and who it suits.")
    difficulty: Difficulty
    goal: Id = Field(description="An id from data/goals.yaml.")
    per_week: Range = Field(description="How many sessions a week.")
    weeks: Range = Field(description="For how many weeks to follow it before moving on.")
    blocks: list[Block] = Field(min_length=1)
    next: Id | None = Field(default=None, description="The routine to move on to.")
    sources: list[Id] = Field(default_factory=list)
    notes: Text | None = None


Weekday = Literal["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
WEEKDAYS: tuple[Weekday, ...] = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class Run(Strict):
    """The run of a day in a week plan."""

    name: Text = Field(description="What kind of run, e.g. 'Easy run' or 'Long run'.")
    minutes: int = Field(ge=1, le=600, description="How long it lasts, in minutes.")


class PlanDay(Strict):
    """One day of a week plan: its run, if any, and the routines done before it, after it or apart from it."""

    day: Weekday
    run: Run | None = None
    before_run: list[Id] = Field(default_factory=list, description="Routines done just before the run.")
    after_run: list[Id] = Field(default_factory=list, description="Routines done straight after the run.")
    apart: list[Id] = Field(
        default_factory=list, description="Routines done on their own: on a day without a run, or hours from it."
    )
    note: Text | None = None

    @model_validator(mode="after")
    def _around_a_run(self) -> PlanDay:
        if self.run is None and (self.before_run or self.after_run):
            raise ValueError("before_run and after_run need a run on the same day: give run, or use apart")
        return self


class WeekPlan(Strict):
    """A runner's week at one level: which routines go on which days, around which runs, and when to move up."""

    name: Text
    level: Difficulty
    summary: Text = Field(description="One plain sentence on who this week suits.")
    days: list[PlanDay] = Field(min_length=7, max_length=7, description="Monday to Sunday, in that order.")
    move_up: Text = Field(description="When to move on to the next level's week.")
    notes: Text | None = None
    sources: list[Id] = Field(default_factory=list)

    @model_validator(mode="after")
    def _monday_to_sunday(self) -> WeekPlan:
        if tuple(day.day for day in self.days) != WEEKDAYS:
            raise ValueError("days must be Monday to Sunday, each once, in that order")
        return self


SIDED_POINTS = ("shoulder", "elbow", "wrist", "hand", "hip", "knee", "ankle", "heel", "midfoot", "toe")
BodyPoint = Literal[
    "head", "neck", "shoulder", "mid-back", "hip",
    "right-shoulder", "right-elbow", "right-wrist", "right-hand",
    "right-hip", "right-knee", "right-ankle", "right-heel", "right-midfoot", "right-toe",
    "left-shoulder", "left-elbow", "left-wrist", "left-hand",
    "left-hip", "left-knee", "left-ankle", "left-heel", "left-midfoot", "left-toe",
]  # fmt: skip
"""`shoulder` is the base of the neck, between the shoulders; `hip` the middle of the pelvis; `midfoot`
the middle of the sole, under the arch."""
Segment = Literal[
    "head", "trunk",
    "right-upper-arm", "right-forearm", "right-thigh", "right-shank", "right-foot",
    "left-upper-arm", "left-forearm", "left-thigh", "left-shank", "left-foot",
]  # fmt: skip
PropKind = Literal[
    "mat", "step", "bench", "wall", "band", "kettlebell", "dumbbell", "barbell",
    "stability-ball", "foam-roller", "cable-handle",
]  # fmt: skip
View = Literal["side", "front", "back", "three-quarter", "top"]

Angle = Annotated[int, Field(ge=-360, le=360)]


class BallJoint(Strict):
    """A hip or shoulder: flex swings the limb forward (negative: back), abduct out to the side
    (negative: across the body), rotate turns it outwards about its length (negative: inwards).
    In a pose change, a movement left out stays as the named pose has it."""

    flex: Angle | None = None
    abduct: Angle | None = None
    rotate: Angle | None = None


class Spine(Strict):
    """The lumbar or thoracic spine: flex bends forward (negative: back), side bends towards the
    right (negative: left), twist turns the part above to the right (negative: left)."""

    flex: Angle | None = None
    side: Angle | None = None
    twist: Angle | None = None


class Scapula(Strict):
    """protract draws the shoulder forward round the ribs (negative: squeezes the blades together);
    elevate lifts it towards the ear (negative: draws it down)."""

    protract: Angle | None = None
    elevate: Angle | None = None


class Pelvis(Strict):
    """tilt turns the pelvis forward under a still trunk (negative: tucks it under); drop lowers its
    left side (negative: its right side)."""

    tilt: Angle | None = None
    drop: Angle | None = None


class Neck(Strict):
    """flex nods the head forward (negative: back); turn looks to the right (negative: left)."""

    flex: Angle | None = None
    turn: Angle | None = None


class Limb(Strict):
    """One side's joints, in degrees. A number for a shoulder or hip is its flex alone.

    elbow and knee bend; ankle lifts the toes towards the shin (negative: points them).
    """

    scapula: Scapula = Field(default_factory=Scapula)
    shoulder: Angle | BallJoint | None = None
    elbow: Angle | None = None
    hip: Angle | BallJoint | None = None
    knee: Angle | None = None
    ankle: Angle | None = None


class Pose(Strict):
    """A named body position, reused by many exercises; an angle left out is 0 (standing tall)."""

    description: Text = Field(description="How the position reads in words, e.g. 'lying on the back, knees bent'.")
    lean: Angle = Field(default=0, description="The body tipped forward: 90 is face down, -90 lying on the back.")
    roll: Angle = Field(default=0, description="The body tipped onto its right side (90) or left side (-90).")
    turn: Angle = Field(default=0, description="The body turned to face its right (seen from above).")
    pelvis: Pelvis = Field(default_factory=Pelvis)
    lumbar: Spine = Field(default_factory=Spine)
    thoracic: Spine = Field(default_factory=Spine)
    neck: Angle | Neck = 0
    right: Limb = Field(default_factory=Limb)
    left: Limb = Field(default_factory=Limb)
    support: list[BodyPoint] = Field(min_length=1, description="Points that rest on the floor or a prop.")


class PoseChange(Strict):
    """A named pose with some angles changed for this exercise; what is left out stays as the pose has it."""

    pose: Id
    description: Text | None = None
    lean: Angle | None = None
    roll: Angle | None = None
    turn: Angle | None = None
    pelvis: Pelvis = Field(default_factory=Pelvis)
    lumbar: Spine = Field(default_factory=Spine)
    thoracic: Spine = Field(default_factory=Spine)
    neck: Angle | Neck | None = None
    right: Limb = Field(default_factory=Limb)
    left: Limb = Field(default_factory=Limb)
    support: list[BodyPoint] | None = None


class Anchor(Strict):
    """A fixed point a band or cable is tied to, drawn as a post (a band) or a cable machine's column (a
    cable), measured from the spot the body keeps through the movement (its shared support, else the hips)."""

    ahead: int = Field(ge=-300, le=300, description="Centimetres in front of the body (negative: behind it).")
    up: int = Field(ge=0, le=220, description="Centimetres above the floor.")
    right: int = Field(default=0, ge=-300, le=300, description="Centimetres to the body's right (negative: left).")


class Prop(Strict):
    """Equipment drawn to scale: under, at or between body points."""

    kind: PropKind
    at: BodyPoint | None = Field(default=None, description="The point it rests under, is held at, or touches.")
    to: BodyPoint | None = Field(default=None, description="For a band: the body point at its other end.")
    anchor: Anchor | None = Field(
        default=None, description="For a band or a cable handle: the post or pulley its other end is tied to."
    )


class Illustration(Strict):
    """The key positions of an exercise, drawn as figures from one view and animated between them."""

    start: Id | PoseChange
    end: Id | PoseChange
    view: View = Field(
        default="side",
        description="Where the figures are seen from, chosen to show the movement: side (from the body's right),"
        " front, back, three-quarter (front and right) or top.",
    )
    working: list[Segment] = Field(
        min_length=1, description="The segments whose muscles do the work: the primary muscles on them are drawn."
    )
    arrow: BodyPoint = Field(description="The point whose path from start to end the arrow follows.")
    props: list[Prop] = Field(default_factory=list)
    slope_percent: int = Field(default=0, ge=0, le=30, description="A hill: the ground rises this much ahead.")


Exercise.model_rebuild()
