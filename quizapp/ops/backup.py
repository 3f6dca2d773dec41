"""``flask --app quizapp ops backup DEST``: an online copy of the SQLite database.

SQLite's backup API (``sqlite3.Connection.backup``) copies a consistent snapshot while
the app keeps writing (WAL: the reader does not block writers). The copy goes to
``DEST.partial``, is checked (``integrity_check``, ``foreign_key_check``, row counts),
synced to disk and only then renamed to ``DEST``; a failed check leaves no ``DEST``.
PostgreSQL deployments use ``pg_dump`` instead (the command says so).

Public names: ``BackupReport``, ``backup_sqlite``, ``sqlite_path``, ``ops_cli``.
"""

from __future__ import annotations

import json
import os
import sqlite3
from contextlib import closing
from dataclasses import asdict, dataclass
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy.engine import make_url

ops_cli = AppGroup("ops", help="Operations: backups.")


class BackupError(Exception):
    """The copy failed its consistency check or could not be made."""


@dataclass(frozen=True)
class BackupReport:
    """What was written and what the check found."""

    path: str
    bytes: int
    integrity: str
    tables: dict[str, int]


def sqlite_path(database_url: str) -> Path | None:
    """The file of an ``sqlite:///`` URL; None for other databases or in-memory ones."""
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(url.database)


def _check(connection: sqlite3.Connection) -> tuple[str, dict[str, int]]:
    integrity = "; ".join(row[0] for row in connection.execute("PRAGMA integrity_check"))
    if integrity != "ok":
        raise BackupError(f"integrity_check: {integrity}")
    broken = connection.execute("PRAGMA foreign_key_check").fetchall()
    if broken:
        raise BackupError(f"foreign_key_check: {len(broken)} rows point nowhere")
    names = [
        row[0]
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name"
        )
    ]
    counts = {
        name: connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names
    }
    return integrity, counts


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def backup_sqlite(source: Path, dest: Path, *, force: bool = False) -> BackupReport:
    """Copy ``source`` to ``dest`` online, check the copy, then move it into place."""
    if not source.is_file():
        raise BackupError(f"no database file at {source}")
    if dest.exists() and not force:
        raise BackupError(f"{dest} exists (use --force to replace it)")
    partial = dest.with_name(dest.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        with (
            closing(sqlite3.connect(source, timeout=30)) as src,
            closing(sqlite3.connect(partial)) as copy,
        ):
            src.backup(copy)  # one step: a consistent snapshot, writers carry on (WAL)
            copy.execute("PRAGMA journal_mode=DELETE")  # a single self-contained file
            integrity, tables = _check(copy)
        _fsync(partial)
        os.replace(partial, dest)
        _fsync(dest.parent)
    except (sqlite3.Error, OSError) as error:
        partial.unlink(missing_ok=True)
        raise BackupError(f"{type(error).__name__}: {error}") from error
    except BackupError:
        partial.unlink(missing_ok=True)
        raise
    return BackupReport(str(dest), dest.stat().st_size, integrity, tables)


@ops_cli.command("backup")
@click.argument("dest", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace DEST if it exists.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def backup_command(dest: Path, force: bool, as_json: bool) -> None:
    """Copy the SQLite database to DEST while the app runs, and check the copy."""
    source = sqlite_path(current_app.config["SQLALCHEMY_DATABASE_URI"])
    if source is None:
        raise click.ClickException(
            "ops backup copies SQLite databases; for PostgreSQL use pg_dump "
            '(e.g. pg_dump --format=custom --file=DEST "$DATABASE_URL" without "+psycopg").'
        )
    try:
        report = backup_sqlite(source, dest, force=force)
    except BackupError as error:
        raise click.ClickException(f"backup failed: {error}") from error
    if as_json:
        click.echo(json.dumps(asdict(report), ensure_ascii=False))
        return
    rows = ", ".join(f"{name}={count}" for name, count in report.tables.items())
    click.echo(f"backup ok: {report.path} ({report.bytes} bytes), integrity {report.integrity}")
    click.echo(f"rows: {rows}")
