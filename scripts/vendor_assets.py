"""Copy the browser files of our npm packages into quizapp/static/vendor/.

Run after `npm ci` (scripts/setup.sh does both). The vendor folder is git-ignored build
output: the app serves these files itself, so no page ever loads from a CDN, and the
templates degrade to plain text / MathML when a file is missing.

Usage: python scripts/vendor_assets.py [--node-modules DIR] [--dest DIR]
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# package -> list of (glob inside the package, folder inside vendor/<name>/)
ASSETS: dict[str, tuple[str, list[tuple[str, str]]]] = {
    "katex": (
        "katex",
        [
            ("dist/katex.min.js", ""),
            ("dist/katex.min.css", ""),
            ("dist/fonts/*.woff2", "fonts"),
            ("LICENSE", ""),
        ],
    ),
    # MathLive loads fonts/ relative to its script; sounds are switched off in our JS.
    "mathlive": (
        "mathlive",
        [
            ("mathlive.min.js", ""),
            ("fonts/*.woff2", "fonts"),
            ("LICENSE.txt", ""),
        ],
    ),
    "chart.js": ("chartjs", [("dist/chart.umd.min.js", ""), ("LICENSE.md", "")]),
    "uplot": (
        "uplot",
        [("dist/uPlot.iife.min.js", ""), ("dist/uPlot.min.css", ""), ("LICENSE", "")],
    ),
}


def copy_assets(node_modules: Path, dest: Path) -> list[Path]:
    """Copy every listed file; raise FileNotFoundError naming a pattern that matched nothing."""
    copied: list[Path] = []
    for package, (name, patterns) in ASSETS.items():
        source = node_modules / package
        target_root = dest / name
        if target_root.exists():
            shutil.rmtree(target_root)
        for pattern, subfolder in patterns:
            matches = sorted(source.glob(pattern))
            if not matches:
                raise FileNotFoundError(
                    f"{source / pattern} matched no file; run `npm ci` first "
                    f"or update ASSETS in {Path(__file__).name}."
                )
            target = target_root / subfolder
            target.mkdir(parents=True, exist_ok=True)
            for path in matches:
                copied.append(Path(shutil.copy2(path, target / path.name)))
    return copied


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; prints a one-line summary."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--node-modules", type=Path, default=ROOT / "node_modules")
    parser.add_argument("--dest", type=Path, default=ROOT / "quizapp" / "static" / "vendor")
    args = parser.parse_args(argv)
    try:
        copied = copy_assets(args.node_modules, args.dest)
    except FileNotFoundError as error:
        print(f"vendor_assets: {error}", file=sys.stderr)
        return 1
    size = sum(path.stat().st_size for path in copied)
    print(f"vendor_assets: copied {len(copied)} files ({size / 1024:.0f} KiB) into {args.dest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
