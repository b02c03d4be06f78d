"""Shared material for the authoring tests: a tiny source library and a spreadsheet that exercises CSV's corners."""

from __future__ import annotations

import csv
import io
from pathlib import Path

SOURCE_A = """\
id: clinic-leaflet
title: After your treatment: a leaflet
publisher: Example Clinic
url: https://example.org/leaflet?a=1&b=2
date: 2026-05
kind: government

You will be watched for at least two hours after each dose, and until you feel steady.

Ask your care team before you drive, "even if you feel fine", on the day of a session.
"""

SOURCE_B = """\
id: fuente-es
title: Guía para pacientes
publisher: Clínica Ejemplo
url: https://example.org/es
date: no date given
kind: government

La sesión incluye un periodo de observación, «siempre» con el equipo.
"""

HEADER = [
    "id",
    "prompt",
    "choice_1",
    "choice_2",
    "choice_3",
    "correct",
    "why_not_1",
    "why_not_2",
    "why_not_3",
    "explanation",
    "source",
    "quote",
    "tags",
    "essential",
    "objective",
    "objective_text",
    "shuffle",
]

ROWS = [
    {
        "id": "cl-watch",
        "prompt": 'After your dose, the nurse says "we\'ll keep an eye on you".\nHow long, at least?',
        "choice_1": "15 minutes, then home",
        "choice_2": "At least 2 hours",
        "choice_3": "=2*1 hours, as a formula",
        "correct": "2",
        "why_not_1": "Too short: effects, like dizziness, can come on later.",
        "why_not_2": "",
        "why_not_3": "A spreadsheet formula, kept as text.",
        "explanation": "You are watched for at least two hours,\nand until you feel steady.",
        "source": "clinic-leaflet",
        "quote": "You will be watched for at least two hours after each dose, and until you feel steady.",
        "tags": "monitoring, after-session",
        "essential": "yes",
        "objective": "watch-after-dose",
        "objective_text": "Knows how long the clinic watches them, and why.",
        "shuffle": "no",
    },
    {  # a blank row comes before this one
        "id": "cl-drive",
        "prompt": "Can you drive home, «if» you feel fine? Niño, café, naïve: accents stay.",
        "choice_1": "Yes, if you feel fine",
        "choice_2": "Ask your care team first",
        "choice_3": "",
        "correct": "2",
        "why_not_1": 'Feeling fine is not enough, "really".',
        "why_not_2": "",
        "why_not_3": "",
        "explanation": "Ask first, even if you feel fine.",
        "source": "clinic-leaflet",
        "quote": 'Ask your care team before you drive, "even if you feel fine", on the day of a session.',
        "tags": "",
        "essential": "",
        "objective": "watch-after-dose",
        "objective_text": "",
        "shuffle": "",
    },
]


def make_library(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "clinic-leaflet.txt").write_text(SOURCE_A, encoding="utf-8")
    (folder / "fuente-es.txt").write_text(SOURCE_B, encoding="utf-8")
    return folder


def csv_bytes(
    rows: list[dict[str, str]],
    header: list[str] = HEADER,
    *,
    bom: bool = True,
    blank: bool = True,
    delimiter: str = ",",
) -> bytes:
    """The rows as a spreadsheet saves them: CRLF row ends, quoted cells where needed, a BOM, a blank row."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n", delimiter=delimiter)
    writer.writerow(header)
    for i, row in enumerate(rows):
        if blank and i == 1:
            writer.writerow([""] * len(header))
        writer.writerow([row.get(name, "") for name in header])
    return (b"\xef\xbb\xbf" if bom else b"") + out.getvalue().encode("utf-8")
