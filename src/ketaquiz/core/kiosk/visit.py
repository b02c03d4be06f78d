"""Which questions one kiosk visit asks: `questions_per_visit` drawn afresh from a bank for each visitor.

GUIDE section 7: essentials fill at most half the visit (rounded up), the rest comes from the other questions.
When the bank has too few other questions, more essentials fill the gap, so a visit is short only when the bank
itself is.
"""

from __future__ import annotations

import math
import random

from ketaquiz.core.model import Bank, Question

DEFAULT_QUESTIONS_PER_VISIT = 5
MIN_QUESTIONS_PER_VISIT = 1
MAX_QUESTIONS_PER_VISIT = 20


def visit_length(bank: Bank, per_visit: int) -> int:
    """How many questions a visit on `bank` asks (what the topic tile promises)."""
    return min(per_visit, len(bank.questions))


def draw_visit(bank: Bank, per_visit: int, rng: random.Random) -> list[Question]:
    """`per_visit` questions of `bank` at random (all of them when the bank is smaller), in random order."""
    if per_visit < 1:
        raise ValueError(f"a visit asks at least one question, not {per_visit}")
    n = visit_length(bank, per_visit)
    essential = [q for q in bank.questions if q.essential]
    other = [q for q in bank.questions if not q.essential]
    take_essential = min(len(essential), math.ceil(n / 2))
    take_other = min(len(other), n - take_essential)
    take_essential = n - take_other  # too few others: essentials fill the rest
    chosen = rng.sample(essential, take_essential) + rng.sample(other, take_other)
    rng.shuffle(chosen)
    return chosen
