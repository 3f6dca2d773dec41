"""After a run: every acknowledged attempt is in the database, exactly once, with the id
the server acknowledged; nothing is stored that no learner sent; SQLite passes
``integrity_check``.

``python -m loadtest reconcile DATABASE_URL LEDGER.jsonl`` runs it on its own.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

from sqlalchemy import create_engine, text


@dataclass
class Reconciliation:
    acknowledged: int
    stored: int
    lost: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    changed_ids: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    integrity: str = "n/a"
    without_client_id: int = 0

    @property
    def ok(self) -> bool:
        problems = self.lost or self.duplicates or self.changed_ids or self.unknown
        return not problems and self.integrity in ("ok", "n/a")

    def summary(self) -> dict:
        data = asdict(self)
        for name in ("lost", "duplicates", "changed_ids", "unknown"):
            data[name] = len(data[name])
        data["ok"] = self.ok
        return data


def read_ledger(path: Path) -> tuple[dict[str, set[int]], set[str]]:
    """``(acknowledged key → attempt ids, every key sent)``; key = ``user/client id``."""
    acked: dict[str, set[int]] = {}
    sent: set[str] = set()
    with open(path, encoding="utf-8") as ledger:
        for line in ledger:
            entry = json.loads(line)
            key = f"{entry['user']}/{entry['cid']}"
            sent.add(key)
            if entry.get("attempt_id") is not None:
                acked.setdefault(key, set()).add(entry["attempt_id"])
    return acked, sent


def reconcile(database_url: str, ledger: Path) -> Reconciliation:
    acked, sent = read_ledger(ledger)
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                text(
                    "SELECT u.username, a.client_attempt_id, a.id FROM attempt a "
                    'JOIN "user" u ON u.id = a.user_id'
                )
            ).all()
            integrity = "n/a"
            if engine.dialect.name == "sqlite":
                integrity = "; ".join(
                    r[0] for r in connection.execute(text("PRAGMA integrity_check"))
                )
    finally:
        engine.dispose()
    stored: dict[str, set[int]] = {}
    counts: Counter[str] = Counter()
    result_without = 0
    for username, cid, attempt_id in rows:
        if cid is None:  # written by other means (seeded history), not by a learner run
            result_without += 1
            continue
        key = f"{username}/{cid}"
        counts[key] += 1
        stored.setdefault(key, set()).add(attempt_id)
    result = Reconciliation(
        acknowledged=len(acked),
        stored=len(rows) - result_without,
        integrity=integrity,
        without_client_id=result_without,
    )
    result.lost = sorted(key for key in acked if key not in stored)
    result.duplicates = sorted(key for key, n in counts.items() if n > 1)
    result.changed_ids = sorted(
        key for key, ids in acked.items() if key in stored and (len(ids) > 1 or ids != stored[key])
    )
    result.unknown = sorted(key for key in stored if key not in sent)
    return result
