"""``flask --app quizapp ops backup DEST``: an online, checked copy of the SQLite file."""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from flask import Flask

from quizapp.auth.accounts import create_user
from quizapp.extensions import db
from quizapp.ops.backup import BackupError, backup_sqlite

INSERT = (
    "INSERT INTO attempt (user_id, question_id, seed, answer, answer_format, verdict, result,"
    " hints_used, client_attempt_id, created_at) VALUES (?, 'q', 0, ?, 'text', 'correct', '{}',"
    " 0, ?, '2026-11-23 00:00:00')"
)


def _user(app: Flask) -> int:
    with app.app_context():
        user_id = create_user("frank", "correct horse battery").id
        db.session.commit()
    return user_id


def _db_file(tmp_path: Path) -> Path:
    return tmp_path / "quizapp.sqlite"


def _ids(path: Path) -> set[str]:
    with sqlite3.connect(path) as connection:
        return {row[0] for row in connection.execute("SELECT client_attempt_id FROM attempt")}


def test_cli_backup_copies_and_checks(app: Flask, runner_for, tmp_path: Path) -> None:
    user_id = _user(app)
    with sqlite3.connect(_db_file(tmp_path)) as connection:
        connection.executemany(INSERT, [(user_id, f"a{i}", f"c{i}") for i in range(25)])
    dest = tmp_path / "backups" / "copy.sqlite"
    dest.parent.mkdir()
    result = runner_for(app).invoke(args=["ops", "backup", str(dest), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["integrity"] == "ok"
    assert report["tables"]["attempt"] == 25
    assert report["tables"]["user"] == 1
    assert report["bytes"] == dest.stat().st_size
    assert _ids(dest) == {f"c{i}" for i in range(25)}
    assert not dest.with_name("copy.sqlite.partial").exists()


def test_existing_destination_needs_force(app: Flask, runner_for, tmp_path: Path) -> None:
    dest = tmp_path / "copy.sqlite"
    dest.write_text("keep me")
    result = runner_for(app).invoke(args=["ops", "backup", str(dest)])
    assert result.exit_code != 0
    assert "--force" in result.output
    assert dest.read_text() == "keep me"
    forced = runner_for(app).invoke(args=["ops", "backup", str(dest), "--force"])
    assert forced.exit_code == 0, forced.output
    assert "integrity ok" in forced.output


def test_backup_during_writes_holds_every_row_committed_before_it(
    app: Flask, tmp_path: Path
) -> None:
    user_id = _user(app)
    committed: list[str] = []
    stop = threading.Event()

    def writer() -> None:
        with sqlite3.connect(_db_file(tmp_path), timeout=10) as connection:
            n = 0
            while not stop.is_set():
                connection.execute(INSERT, (user_id, f"a{n}", f"w{n}"))
                connection.commit()
                committed.append(f"w{n}")
                n += 1

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        while len(committed) < 200:
            stop.wait(0.01)
        before = set(committed)
        report = backup_sqlite(_db_file(tmp_path), tmp_path / "copy.sqlite")
    finally:
        stop.set()
        thread.join()
    copied = _ids(tmp_path / "copy.sqlite")
    assert report.integrity == "ok"
    assert before <= copied  # everything acknowledged before the backup started
    assert copied <= set(committed)  # and nothing invented
    assert len(committed) > len(before)  # the writer really ran beside the backup


def test_corrupt_source_fails_and_leaves_no_copy(app: Flask, tmp_path: Path) -> None:
    user_id = _user(app)
    with sqlite3.connect(_db_file(tmp_path)) as connection:
        connection.executemany(INSERT, [(user_id, "x" * 500, f"c{i}") for i in range(200)])
    with app.app_context():
        db.engine.dispose()
    with sqlite3.connect(_db_file(tmp_path)) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw = bytearray(_db_file(tmp_path).read_bytes())
    page = 4096
    raw[3 * page : 8 * page] = b"\xa5" * (5 * page)  # scribble over b-tree pages
    _db_file(tmp_path).write_bytes(bytes(raw))
    dest = tmp_path / "copy.sqlite"
    with pytest.raises(BackupError):
        backup_sqlite(_db_file(tmp_path), dest)
    assert not dest.exists()
    assert not dest.with_name("copy.sqlite.partial").exists()


def test_postgres_url_points_to_pg_dump(make_app: Callable[..., Flask], runner_for) -> None:
    app = make_app(
        migrate=False, SQLALCHEMY_DATABASE_URI="postgresql+psycopg://u:p@127.0.0.1:1/none"
    )
    result = runner_for(app).invoke(args=["ops", "backup", "/tmp/never-written.sqlite"])
    assert result.exit_code != 0
    assert "pg_dump" in result.output
    assert not Path("/tmp/never-written.sqlite").exists()


@pytest.fixture
def runner_for() -> Callable[[Flask], object]:
    return lambda app: app.test_cli_runner()
