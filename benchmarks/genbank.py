"""Generate a large, valid bank for benchmarks and tests."""

from __future__ import annotations

import random
from pathlib import Path

WORDS = [
    "ketamine",
    "blocks",
    "receptors",
    "glutamate",
    "rises",
    "session",
    "monitoring",
    "blood",
    "pressure",
    "care",
    "team",
    "ride",
    "home",
    "sleep",
    "nasal",
    "spray",
    "infusion",
    "clinic",
    "dose",
    "hours",
    "days",
    "weeks",
    "relief",
    "study",
    "people",
    "respond",
]


def sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def generate(n_questions: int, seed: int = 7) -> str:
    """A bank of `n_questions` questions (about 1 KB each) as YAML text."""
    rng = random.Random(seed)
    out = [
        "format: 1",
        "id: generated",
        "title: Generated bank",
        "summary: A large bank for benchmarks.",
        "language: en",
        "review:",
        "  written: 2026-11-22",
        "  reviewed_by: null",
        "  reviewed_on: null",
        "sources:",
        "  fda-spravato-rems:",
        '    title: "SPRAVATO (esketamine) REMS"',
        '    publisher: "U.S. Food and Drug Administration"',
        '    url: "https://www.accessdata.fda.gov/"',
        '    date: "2023"',
        "questions:",
    ]
    for i in range(n_questions):
        out += [
            f"  - id: gen-{i:06d}",
            f'    prompt: "{sentence(rng, 12)[:-1]}?"',
            "    choices:",
            f'      - text: "{sentence(rng, 6)}"',
            "        correct: true",
        ]
        for _ in range(3):
            out += [f'      - text: "{sentence(rng, 7)}"', f'        why_not: "{sentence(rng, 14)}"']
        out += [
            "    explanation: >-",
            f"      {sentence(rng, 14)} {sentence(rng, 12)}",
            f"      {sentence(rng, 10)}",
            "    cite:",
            "      source: fda-spravato-rems",
            '      quote: "Patients are monitored for at least two hours and until resolution of sedation, dissociation and respiratory depression"',
            f"    tags: [generated, t{i % 10}]",
        ]
    return "\n".join(out) + "\n"


def write(path: Path, n_questions: int) -> Path:
    path.write_text(generate(n_questions), encoding="utf-8")
    return path
