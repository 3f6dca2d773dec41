"""scripts/vendor_assets.py: the npm files the pages need land in static/vendor."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[3] / "scripts" / "vendor_assets.py"
spec = importlib.util.spec_from_file_location("vendor_assets", SCRIPT)
vendor_assets = importlib.util.module_from_spec(spec)
spec.loader.exec_module(vendor_assets)


def _fake_node_modules(root: Path) -> Path:
    """A node_modules tree holding one file per pattern of ASSETS."""
    for package, (_name, patterns) in vendor_assets.ASSETS.items():
        for pattern, _folder in patterns:
            path = root / package / pattern.replace("*", "Example")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(f"{package}:{pattern}")
    return root


def test_copies_every_listed_file_into_its_folder(tmp_path: Path) -> None:
    modules = _fake_node_modules(tmp_path / "node_modules")
    dest = tmp_path / "vendor"
    assert vendor_assets.main(["--node-modules", str(modules), "--dest", str(dest)]) == 0
    assert (dest / "katex" / "katex.min.js").read_text() == "katex:dist/katex.min.js"
    assert (dest / "katex" / "fonts" / "Example.woff2").is_file()
    assert (dest / "mathlive" / "fonts" / "Example.woff2").is_file()
    assert (dest / "chartjs" / "chart.umd.min.js").is_file()
    assert (dest / "uplot" / "uPlot.iife.min.js").is_file()


def test_stale_files_are_removed_on_a_new_copy(tmp_path: Path) -> None:
    modules = _fake_node_modules(tmp_path / "node_modules")
    stale = tmp_path / "vendor" / "katex" / "old.js"
    stale.parent.mkdir(parents=True)
    stale.write_text("old")
    vendor_assets.copy_assets(modules, tmp_path / "vendor")
    assert not stale.exists()


def test_missing_package_names_the_pattern_and_the_fix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert vendor_assets.main(["--node-modules", str(tmp_path), "--dest", str(tmp_path / "v")]) == 1
    error = capsys.readouterr().err
    assert "matched no file" in error
    assert "npm ci" in error
