"""CI short form of the load and fault runs (issue 7): the real server process
(``scripts/serve_production.sh``: gunicorn, 2 workers) on a free loopback port and a
temporary SQLite file; 20 learners for about 40 s with 5 % hostile answers, a checker
worker and a web worker killed, and the whole server killed with ``kill -9`` and
restarted three times during writes. The reconciler then reads the database."""

from __future__ import annotations

import statistics
from pathlib import Path

from loadtest.scenarios import Settings, run_scenario


def test_mixed_faults_lose_nothing_and_never_answer_500(tmp_path: Path) -> None:
    settings = Settings(
        full=False, database="sqlite", out=tmp_path, learners=20, duration_s=20, restarts=3
    )
    result = run_scenario("mixed", settings)
    check = result["reconciliation"]
    assert check["integrity"] == "ok"
    assert check["acknowledged"] > 50, result  # the run really wrote
    assert check["lost"] == 0, result
    assert check["duplicates"] == 0, result
    assert check["changed_ids"] == 0, result
    assert check["unknown"] == 0, result
    assert result["status_500"] == 0, result["statuses"]
    assert result["restarts"] == 3
    assert result["no_response"] > 0  # the kills really cut requests off
    assert result["web_workers_killed"] >= 1
    # the median restart, not the worst: this 2-core machine is shared with other jobs
    assert statistics.median(result["restart_serving_s"]) < 5.0, result["restart_serving_s"]
