"""Settings: defaults, environment, the generated secret key, write transactions, catalogs."""

from __future__ import annotations

import re
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from flask import Flask
from sqlalchemy import text

from quizapp import config, create_app
from quizapp.database import write_transaction
from quizapp.extensions import db

ROOT = Path(__file__).resolve().parents[2]


def test_environment_overrides_defaults(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SECRET_KEY", "from-the-environment")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'env.sqlite'}")
    monkeypatch.setenv("QUIZAPP_SECURE_COOKIES", "1")
    monkeypatch.setenv("QUIZAPP_TRUSTED_HOSTS", "quiz.example, localhost")
    app = create_app()
    assert app.config["TRUSTED_HOSTS"] == ["quiz.example", "localhost"]
    assert app.test_client().get("/auth/login", headers={"Host": "evil.example"}).status_code == 400
    assert app.test_client().get("/auth/login").status_code == 200
    assert app.config["SECRET_KEY"] == "from-the-environment"
    assert app.config["SQLALCHEMY_DATABASE_URI"].endswith("env.sqlite")
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["MAX_CONTENT_LENGTH"] == 64 * 1024


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("postgres://u:p@db/quiz", "postgresql+psycopg://u:p@db/quiz"),
        ("postgresql://u:p@db/quiz", "postgresql+psycopg://u:p@db/quiz"),
        ("sqlite:///x.sqlite", "sqlite:///x.sqlite"),
    ],
)
def test_database_urls_are_normalised(url: str, expected: str) -> None:
    assert config._normalise_db_url(url) == expected


def test_generated_secret_key_is_private_random_and_kept(tmp_path: Path) -> None:
    path = tmp_path / "secret_key"
    first = config._instance_secret(path)
    assert len(first) == 64
    assert first != "dev"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert config._instance_secret(path) == first
    assert config._instance_secret(tmp_path / "other") != first


def test_processes_starting_together_share_one_complete_secret_key(tmp_path: Path) -> None:
    path = tmp_path / "instance" / "secret_key"
    program = (
        "import sys, time; from pathlib import Path; from quizapp import config; "
        "time.sleep(max(0.0, float(sys.argv[2]) - time.time())); "
        "print(config._instance_secret(Path(sys.argv[1])))"
    )
    start = f"{time.time() + 2.0:.3f}"  # after every interpreter has imported quizapp
    processes = [
        subprocess.Popen([sys.executable, "-c", program, str(path), start], stdout=subprocess.PIPE)
        for _ in range(8)
    ]
    keys = {process.communicate(timeout=60)[0].decode().strip() for process in processes}
    assert len(keys) == 1
    (key,) = keys
    assert len(key) == 64
    assert path.read_text(encoding="utf-8") == key
    assert [p.name for p in path.parent.iterdir()] == ["secret_key"]  # no drafts left


def test_every_translation_folder_is_registered() -> None:
    folders = config.translation_directories().split(";")
    assert str(ROOT / "quizapp" / "translations") in folders
    assert all(folder.endswith("translations") for folder in folders)


def test_write_transactions_take_the_lock_when_they_begin(app: Flask) -> None:
    """A write transaction that has only read still blocks the next writer (BEGIN IMMEDIATE)."""
    with app.app_context():
        db.session.execute(text("CREATE TABLE counter (n INTEGER)"))
        db.session.commit()
    finished: dict[str, float] = {}
    reading = threading.Event()

    def reader_then_writer() -> None:
        with app.app_context(), write_transaction() as session:
            session.execute(text("SELECT count(*) FROM counter"))
            reading.set()
            time.sleep(0.4)
            session.execute(text("INSERT INTO counter VALUES (1)"))
        finished["first"] = time.monotonic()

    def second_writer() -> None:
        reading.wait(5)
        with app.app_context(), write_transaction() as session:
            session.execute(text("INSERT INTO counter VALUES (2)"))
        finished["second"] = time.monotonic()

    threads = [threading.Thread(target=reader_then_writer), threading.Thread(target=second_writer)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert finished["second"] >= finished["first"]
    with app.app_context():
        assert db.session.execute(text("SELECT n FROM counter ORDER BY rowid")).scalars().all() == [
            1,
            2,
        ]


BACKEND_SOURCES = ["auth", "api", "bank", "grading", "templates/auth"]
BACKEND_FILES = ["errors.py", "attempts.py", "verdicts.py", "templates/error.html"]


def test_backend_catalog_translates_every_message() -> None:
    with (ROOT / "quizapp/translations/ja/LC_MESSAGES/messages.po").open("rb") as handle:
        catalog = read_po(handle)
    methods = [("**.py", "python"), ("**.html", "jinja2")]
    keywords = {"_": None, "_l": None, "gettext": None, "lazy_gettext": None}
    found = set()
    for folder in BACKEND_SOURCES:
        for *_rest, message, _comments, _context in extract_from_dir(
            ROOT / "quizapp" / folder, methods, keywords
        ):
            found.add(message if isinstance(message, str) else message[0])
    for name in BACKEND_FILES:
        source = (ROOT / "quizapp" / name).read_text(encoding="utf-8")
        found.update(re.findall(r'_l?\(\s*"([^"]+)"', source))
    untranslated = sorted(m for m in found if not (catalog.get(m) and catalog.get(m).string))
    assert untranslated == []
