#!/usr/bin/env bash
# Idempotent setup for a fresh Debian machine: virtualenv, Python packages,
# front-end assets from npm, compiled translations, and (with --browser) Debian's
# Chromium plus a Japanese font for the browser tests. Safe to run again: each
# step is skipped when its inputs have not changed.
#
#   scripts/setup.sh            # what serving needs
#   scripts/setup.sh --browser  # ... plus Chromium and fonts (the test command)
set -euo pipefail
cd "$(dirname "$0")/.."

want_browser=0
[ "${1:-}" = "--browser" ] && want_browser=1

PY=${PYTHON:-python3}
STAMP_DIR=.venv/.stamps

log() { printf '[setup] %s\n' "$*" >&2; }

# 1. virtualenv + Python packages (re-install only when pyproject.toml changes)
if [ ! -x .venv/bin/python ]; then
  log "creating .venv"
  "$PY" -m venv .venv
fi
mkdir -p "$STAMP_DIR"
py_hash=$(sha256sum pyproject.toml | cut -c1-16)
if [ ! -f "$STAMP_DIR/py-$py_hash" ]; then
  log "installing Python packages"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".[test]"
  rm -f "$STAMP_DIR"/py-*
  touch "$STAMP_DIR/py-$py_hash"
fi

# 2. front-end assets from npm into the git-ignored static/vendor folder
if [ -f package.json ]; then
  js_hash=$(cat package.json package-lock.json 2>/dev/null | sha256sum | cut -c1-16)
  if [ ! -f "$STAMP_DIR/js-$js_hash" ] || [ ! -d quizapp/static/vendor ]; then
    if command -v npm >/dev/null 2>&1; then
      log "installing front-end assets from npm"
      if [ -f package-lock.json ]; then npm ci --no-audit --no-fund --silent; else npm install --no-audit --no-fund --silent; fi
      .venv/bin/python scripts/vendor_assets.py
      rm -f "$STAMP_DIR"/js-*
      touch "$STAMP_DIR/js-$js_hash"
    else
      log "npm not found: the app will fall back to MathML previews without KaTeX/MathLive"
    fi
  fi
fi

# 3. compiled translations (.mo files are build output, not committed)
# Each blueprint may keep its own catalog in <folder>/translations (Flask-Babel merges them).
while IFS= read -r dir; do
  .venv/bin/pybabel -q compile -d "$dir"
done < <(find quizapp -type d -name translations -not -path '*/node_modules/*')

# 4. Chromium + Japanese font for the browser tests (Debian packages; never `playwright install`)
if [ "$want_browser" = 1 ]; then
  if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi ipaex; then
    log "installing Debian chromium and fonts-ipaexfont-gothic"
    SUDO=""
    [ "$(id -u)" != 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-ipaexfont-gothic >/dev/null
  fi
fi
log "ready"
