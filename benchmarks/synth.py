"""Synthetic guide data for benchmarks: N exercises and N/10 routines, seeded, that validate as written.

Each synthetic exercise takes its structure (category, pattern, muscles, joints, equipment, dose and
illustration) from one of the bundled exercises; its names come from the word lists below, its text from
sentences the bundled exercises write for the same field, and its illustration has angles nudged a few
degrees, kept only if the pose checks pass."""

from __future__ import annotations

import copy
import random
import re
import shutil
from pathlib import Path
from typing import Any

import yaml

from generator.catalog.poses import illustration_problems
from generator.reading.models import DIFFICULTIES, Illustration, Pose

REPO = Path(__file__).resolve().parents[1]
BUNDLED_DATA = REPO / "data"
VOCABULARIES = ("muscles", "equipment", "joints", "categories", "patterns", "sources", "goals", "poses")
ROUTINES_PER_EXERCISE = 0.1
RESERVED_ROUTINES = (
    "beginner-hip-strength",
    "ankle-and-knee",
    "hip-extension-sequence",
    "trunk-stability",
    "upper-back-and-shoulders",
)
"""Routine ids the bundled joints.yaml and content/index.md link to; the first synthetic routines take them."""

MODIFIERS = (
    "Tempo", "Paused", "Slow", "Banded", "Weighted", "Long-Lever", "Short-Lever", "Isometric", "Eccentric",
    "Pulsing", "Reaching", "Elevated", "Deficit", "Offset", "Staggered", "Wide", "Narrow", "Supported",
    "Assisted", "Loaded", "Rocking", "Alternating", "Continuous", "Controlled", "Explosive", "Quiet",
    "Split", "Reverse", "Lateral", "Rotational", "Half-Range", "Full-Range",
)  # fmt: skip
QUALIFIERS = (
    "Single-Arm", "Heels-Elevated", "Toes-In", "Toes-Out", "Knee-Drive", "Overhead", "Front-Loaded",
    "Suitcase", "Goblet", "Counterbalance", "Cross-Body", "Three-Point", "Two-Point", "Floor", "Wall",
    "Bench", "Step", "Hill", "Track", "Park", "Couch", "Doorway", "Mini", "Long", "Double",
    "Kneeling", "Standing", "Seated", "Lying", "Hanging",
)  # fmt: skip
ALIAS_ENDINGS = (
    "Drill", "Hold", "Pattern", "Variation", "Progression", "Series", "Sequence", "Flow", "Complex", "Ladder",
    "Primer", "Builder", "Finisher", "Set", "Routine", "Practice",
)  # fmt: skip
BANK_FIELDS = {
    "summary": ("summary",),
    "setup": ("setup",),
    "step": ("steps",),
    "cue": ("cues",),
    "mistake": ("mistakes", "mistake"),
    "fix": ("mistakes", "fix"),
    "safety": ("safety",),
    "variation": ("variations", "description"),
    "note": ("notes",),
}
"""Where each kind of sentence comes from in the bundled exercises: a field, or a field of its list items."""


def sentence_bank(templates: list[dict[str, Any]]) -> dict[str, list[str]]:
    """Every sentence the bundled exercises write, by the field it was written for."""
    bank: dict[str, list[str]] = {kind: [] for kind in BANK_FIELDS}
    for template in templates:
        for kind, (name, *inner) in BANK_FIELDS.items():
            value = template.get(name) or []
            texts = [value] if isinstance(value, str) else [item[inner[0]] if inner else item for item in value]
            for text in texts:
                bank[kind] += [part for part in re.split(r"(?<=[.!?])\s+", " ".join(text.split())) if part]
    return bank


def _prose(rng: random.Random, bank: dict[str, list[str]], kind: str, words: int) -> str:
    """Sentences of one kind from the bundled exercises, about `words` words in all."""
    chosen: list[str] = []
    count = 0
    while count < words:
        sentence = rng.choice(bank[kind])
        length = len(sentence.split())
        if chosen and count + length - words > words - count:
            break
        chosen.append(sentence)
        count += length
    return " ".join(chosen)


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def _read(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


class _Names:
    """Names and aliases that lead to one exercise each, and ids that are unique."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.taken: set[str] = set()

    def claim(self, candidate: str) -> bool:
        key = candidate.casefold()
        if key in self.taken or _slug(candidate) in self.taken:
            return False
        self.taken |= {key, _slug(candidate)}
        return True

    def exercise_name(self, core: str) -> str:
        for _ in range(200):
            name = f"{self.rng.choice(MODIFIERS)} {self.rng.choice(QUALIFIERS)} {core}"
            if self.claim(name):
                return name
        raise RuntimeError(f"ran out of names for {core}")

    def alias(self, core: str) -> str | None:
        for _ in range(20):
            alias = f"{self.rng.choice(QUALIFIERS)} {core} {self.rng.choice(ALIAS_ENDINGS)}"
            if self.claim(alias):
                return alias
        return None


def _nudged(reference: str | dict[str, Any], poses: dict[str, Any], rng: random.Random, size: int) -> dict[str, Any]:
    """A pose reference with its lean and a few joint angles moved by up to `size` degrees."""
    change = {"pose": reference} if isinstance(reference, str) else copy.deepcopy(reference)
    base = poses[change["pose"]]
    if size == 0:
        return change
    if rng.random() < 0.5:
        change["lean"] = change.get("lean", base.get("lean", 0)) + rng.randint(-size // 2, size // 2)
    for side in ("right", "left"):
        angles = dict(change.get(side) or {})
        for joint in rng.sample(["shoulder", "elbow", "hip", "knee", "ankle"], 2):
            current = angles.get(joint, (base.get(side) or {}).get(joint, 0))
            if isinstance(current, dict):  # a ball joint: nudge its swing forward or back
                angles[joint] = {**current, "flex": current.get("flex", 0) + rng.randint(-size, size)}
            else:
                angles[joint] = current + rng.randint(-size, size)
        change[side] = angles
    return change


def _illustration(
    template: dict[str, Any], poses: dict[str, Any], library: dict[str, Pose], rng: random.Random, stats: dict[str, int]
) -> dict[str, Any]:
    """The template's illustration with nudged angles that pass every pose check, or unchanged."""
    for size in (6, 5, 4, 4, 3, 3, 2, 2, 1, 1):
        candidate = copy.deepcopy(template)
        candidate["start"] = _nudged(template["start"], poses, rng, size)
        candidate["end"] = _nudged(template["end"], poses, rng, size)
        if not illustration_problems(Illustration.model_validate(candidate), library):
            stats["nudged"] += 1
            return candidate
    stats["unchanged"] += 1
    return copy.deepcopy(template)


def _dosage(template: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    dosage = dict(template)
    dosage["sets"] = max(1, min(6, dosage["sets"] + rng.choice((-1, 0, 0, 1))))
    if "reps" in dosage:
        dosage["reps"] = max(4, dosage["reps"] + rng.choice((-4, -2, 0, 2, 4)))
    if "duration_s" in dosage:
        dosage["duration_s"] = max(10, dosage["duration_s"] + rng.choice((-10, 0, 10, 20)))
    return dosage


def _chains(count: int, rng: random.Random) -> list[tuple[int, str, int | None]]:
    """(index, difficulty, next index in its progression chain) for every exercise, chains of 1 to 4."""
    plan: list[tuple[int, str, int | None]] = []
    index = 0
    while index < count:
        length = min(rng.choice((1, 2, 2, 3, 3, 4)), count - index)
        start = rng.choice((0, 0, 0, 1)) if length < 3 else 0
        for position in range(length):
            level = min(2, start + round(position * 2 / max(1, length - 1))) if length > 1 else start
            following = index + position + 1 if position < length - 1 else None
            plan.append((index + position, DIFFICULTIES[level], following))
        index += length
    return plan


def generate_catalogue(target: Path, exercises: int, seed: int = 20240501) -> dict[str, int]:
    """Write a complete data folder (vocabularies, exercises, routines) with this many exercises."""
    rng = random.Random(seed)
    if target.exists():
        shutil.rmtree(target)
    (target / "exercises").mkdir(parents=True)
    (target / "routines").mkdir()
    for name in VOCABULARIES:
        shutil.copy(BUNDLED_DATA / f"{name}.yaml", target / f"{name}.yaml")
    poses = _read(BUNDLED_DATA / "poses.yaml")
    library = {pose_id: Pose.model_validate(value) for pose_id, value in poses.items()}
    muscles = sorted(_read(BUNDLED_DATA / "muscles.yaml"))
    sources = sorted(_read(BUNDLED_DATA / "sources.yaml"))
    goals = sorted(_read(BUNDLED_DATA / "goals.yaml"))
    templates = [_read(path) for path in sorted((BUNDLED_DATA / "exercises").glob("*.yaml"))]
    bank = sentence_bank(templates)
    templates = [template for template in templates if template.get("illustration")]
    names = _Names(rng)
    stats = {"nudged": 0, "unchanged": 0}
    chain = _chains(exercises, rng)
    records: list[tuple[str, dict[str, Any]]] = []
    for index, difficulty, _ in chain:
        template = templates[index % len(templates)]
        core = template["name"]
        name = names.exercise_name(core)
        aliases = [alias for alias in (names.alias(core) for _ in range(rng.choice((1, 2, 2, 3)))) if alias]
        primary = list(template["muscles"]["primary"])
        secondary = [m for m in template["muscles"].get("secondary", []) if m not in primary]
        extra = rng.choice([m for m in muscles if m not in primary and m not in secondary])
        secondary = [*secondary[:2], extra]
        record: dict[str, Any] = {
            "name": name,
            "aliases": aliases,
            "summary": _prose(rng, bank, "summary", 25),
            "difficulty": difficulty,
            "category": template["category"],
            "pattern": template.get("pattern"),
            "laterality": template["laterality"],
            "equipment": template.get("equipment", []),
            "muscles": {"primary": primary, "secondary": secondary},
            "joints": template.get("joints", []),
            "dosage": _dosage(template["dosage"], rng),
            "setup": _prose(rng, bank, "setup", 40),
            "steps": [_prose(rng, bank, "step", 20) for _ in range(rng.randint(4, 6))],
            "cues": [_prose(rng, bank, "cue", 6) for _ in range(3)],
            "mistakes": [
                {"mistake": _prose(rng, bank, "mistake", 8), "fix": _prose(rng, bank, "fix", 12)}
                for _ in range(rng.randint(2, 3))
            ],
            "safety": [_prose(rng, bank, "safety", 15) for _ in range(rng.randint(1, 2))],
            "progressions": [],
            "variations": [
                {"name": f"{rng.choice(MODIFIERS)} version", "description": _prose(rng, bank, "variation", 25)}
                for _ in range(2)
            ],
            "sources": rng.sample(sources, rng.randint(0, 2)),
            "notes": _prose(rng, bank, "note", 30),
            "illustration": _illustration(template["illustration"], poses, library, rng, stats),
        }
        records.append((_slug(name), record))
    for index, _, following in chain:
        record = records[index][1]
        if following is not None:
            record["progressions"].append(records[following][0])
        if rng.random() < 0.2 and index + 10 < len(records):
            later = rng.randrange(index + 10, len(records))
            if DIFFICULTIES.index(records[later][1]["difficulty"]) >= DIFFICULTIES.index(record["difficulty"]):
                record["progressions"].append(records[later][0])
    for exercise_id, record in records:
        _write(target / "exercises" / f"{exercise_id}.yaml", record, "exercise")
    routine_count = _write_routines(target, records, goals, sources, bank, rng)
    _write_week(target)
    return {"exercises": len(records), "routines": routine_count, **stats}


def _write_week(target: Path) -> None:
    """A week of runs alone, so that the guide's nav finds its week-plan page."""
    runs = {"Tuesday", "Thursday", "Sunday"}
    days = [
        {"day": day, **({"run": {"name": "Easy run", "minutes": 30}} if day in runs else {})}
        for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
    ]
    week = {"name": "Runs only", "level": "beginner", "summary": "Three easy runs.", "days": days, "move_up": "Soon."}
    text = yaml.safe_dump({"runs-only": week}, sort_keys=False, allow_unicode=True, width=100)
    (target / "weeks.yaml").write_text(text, encoding="utf-8")


def _write_routines(
    target: Path,
    records: list[tuple[str, dict[str, Any]]],
    goals: list[str],
    sources: list[str],
    bank: dict[str, list[str]],
    rng: random.Random,
) -> int:
    """About one routine per ten exercises, each of 4 to 8 exercises no harder than the routine."""
    count = max(len(RESERVED_ROUTINES), round(len(records) * ROUTINES_PER_EXERCISE))
    by_level = {level: [i for i, (_, r) in enumerate(records) if r["difficulty"] == level] for level in DIFFICULTIES}
    routines: list[tuple[str, str]] = []
    taken: set[str] = set()
    for number in range(count):
        level = "beginner" if number < len(RESERVED_ROUTINES) else rng.choice(DIFFICULTIES)
        if number < len(RESERVED_ROUTINES):
            routine_id, name = RESERVED_ROUTINES[number], RESERVED_ROUTINES[number].replace("-", " ").title()
        else:
            while True:
                name = f"{rng.choice(MODIFIERS)} {rng.choice(QUALIFIERS)} {rng.choice(ALIAS_ENDINGS)} {number}"
                routine_id = _slug(name)
                if routine_id not in taken:
                    break
        taken.add(routine_id)
        routines.append((routine_id, level))
    for number, (routine_id, level) in enumerate(routines):
        allowed = [i for lv in DIFFICULTIES[: DIFFICULTIES.index(level) + 1] for i in by_level[lv]]
        chosen = [records[i][0] for i in rng.sample(allowed, min(len(allowed), rng.randint(4, 8)))]
        warm, cool, main = chosen[:1], chosen[-1:], chosen[1:-1]
        items: list[dict[str, Any]] = [{"exercise": exercise_id} for exercise_id in main]
        if len(main) >= 3 and rng.random() < 0.5:
            items = [
                *items[:-2],
                {"name": "Pair", "rounds": 3, "rest_s": 45, "circuit": [{"exercise": e} for e in main[-2:]]},
            ]
        later = [r for r, lv in routines[number + 1 :] if DIFFICULTIES.index(lv) >= DIFFICULTIES.index(level)]
        record: dict[str, Any] = {
            "name": RESERVED_ROUTINES[number].replace("-", " ").title()
            if number < len(RESERVED_ROUTINES)
            else routine_id.replace("-", " ").title(),
            "summary": _prose(rng, bank, "summary", 25),
            "difficulty": level,
            "goal": rng.choice(goals),
            "per_week": {"min": 2, "max": 3},
            "weeks": {"min": 3, "max": 6},
            "blocks": [
                {"name": "Warm-up", "items": [{"exercise": e, "sets": 1, "note": "Easy pace."} for e in warm]},
                {"name": "Main", "items": items},
                {"name": "Cool-down", "items": [{"exercise": e, "sets": 1} for e in cool]},
            ],
            "sources": rng.sample(sources, rng.randint(0, 2)),
            "notes": _prose(rng, bank, "note", 30),
        }
        if later and rng.random() < 0.7:
            record["next"] = later[0]
        _write(target / "routines" / f"{routine_id}.yaml", record, "routine")
    return len(routines)


def _write(path: Path, record: dict[str, Any], schema: str) -> None:
    header = f"# yaml-language-server: $schema=../../schema/{schema}.schema.json\n"
    body = yaml.safe_dump(record, sort_keys=False, allow_unicode=True, width=100)
    path.write_text(header + body, encoding="utf-8")
