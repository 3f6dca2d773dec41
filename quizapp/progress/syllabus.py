"""The five areas of the 2024 E資格 syllabus and the weights we give them.

JDLA publishes no per-area question counts. ``WEIGHTS`` is our own estimate of each
area's share of an exam, from the size of its syllabus (the two 深層学習 areas hold most
items); it drives the mock-exam draw and the readiness estimate, and the pages say so.
"""

from __future__ import annotations

AREAS = ("数学的基礎", "機械学習", "深層学習の基礎", "深層学習の応用", "開発・運用環境")

NAMES = {
    "数学的基礎": {"ja": "数学的基礎", "en": "Mathematical foundations"},
    "機械学習": {"ja": "機械学習", "en": "Machine learning"},
    "深層学習の基礎": {"ja": "深層学習の基礎", "en": "Deep learning: foundations"},
    "深層学習の応用": {"ja": "深層学習の応用", "en": "Deep learning: applications"},
    "開発・運用環境": {"ja": "開発・運用環境", "en": "Development and operations"},
}

WEIGHTS = {
    "数学的基礎": 0.15,
    "機械学習": 0.15,
    "深層学習の基礎": 0.40,
    "深層学習の応用": 0.20,
    "開発・運用環境": 0.10,
}


def area_name(area: str, lang: str) -> str:
    """The area's name in ``lang`` (the key itself when unknown)."""
    return NAMES.get(area, {}).get(lang, area)


def allocate(count: int, capacity: dict[str, int]) -> dict[str, int]:
    """Split ``count`` slots over areas in proportion to ``WEIGHTS`` (Sainte-Laguë), never
    giving an area more slots than its ``capacity``; areas without capacity get none and
    their share goes to the others."""
    given = {area: 0 for area in capacity}
    for _ in range(min(count, sum(capacity.values()))):
        open_areas = [a for a in capacity if given[a] < capacity[a]]
        best = max(open_areas, key=lambda a: WEIGHTS.get(a, 0.0) / (2 * given[a] + 1))
        given[best] += 1
    return given
