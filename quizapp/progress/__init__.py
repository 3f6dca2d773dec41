"""Study progress (issue 5): FSRS reviews, mastery, readiness, dashboard, export.

Blueprints: ``progress`` (pages under ``/progress``) and ``progress_api``
(``GET /api/v1/progress``); ``init_app`` registers both.
"""
