"""Fill a progress store with many realistic attempts, through the store's own API (so running totals match)."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

from ketaquiz.core.catalog import load_catalog
from ketaquiz.core.progress import Attempt, ProgressStore
from ketaquiz.core.scheduling import review


def fill(data_dir: Path, n_attempts: int, seed: int = 3) -> Path:
    """Write `n_attempts` answers to the bundled banks' questions over 200 days; returns the store's path."""
    data_dir.mkdir(parents=True, exist_ok=True)
    from ketaquiz.core.progress import open_store

    opening = open_store(data_dir)
    path = Path(opening.store.path)
    opening.store.close()
    store = ProgressStore(path)
    # Benchmark set-up only: durability is not what is measured here, and 100,000 fsyncs would take minutes.
    store._conn.execute("PRAGMA synchronous=OFF")
    rng = random.Random(seed)
    questions = [(b.id, q) for b in load_catalog(None).banks for q in b.questions]
    start = datetime(2026, 1, 1, tzinfo=UTC)
    cards: dict[str, str] = {}
    for i in range(n_attempts):
        bank_id, q = rng.choice(questions)
        now = start + timedelta(seconds=i * 170)
        pick = rng.randrange(len(q.choices))
        correct = q.choices[pick].correct
        card = review(cards.get(q.id), correct, now)
        cards[q.id] = card.card_json
        store.record_answer(
            "default",
            Attempt(bank_id, q.id, pick, q.choices[pick].text, correct, now, rng.uniform(2, 40)),
            card,
        )
        if i % 997 == 0:
            store.set_flag("default", bank_id, q.id, "Ask about this")
    store.close()
    return path
