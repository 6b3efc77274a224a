#!/usr/bin/env bash
# Set up .venv: Python 3.12, the pinned Isaac Lab 3.0.0 stack, my_tasks (editable) and the dev tools.
#
# Idempotent: when .venv already matches requirements/lock.txt and the pyproject files, it returns at
# once. Isaac Lab 3.0.0 is published for Python 3.12 only; the interpreter is looked for in $PYTHON,
# then `python3.12` on PATH, then pyenv's installed versions, then /usr/bin and /usr/local/bin.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

VENV=.venv
LOCK=requirements/lock.txt
STAMP=$VENV/.setup-fingerprint
# what decides the environment: the lock, the package's pyproject, and the dev dependency group
fingerprint=$( (cat "$LOCK" source/my_tasks/pyproject.toml; sed -n '/^\[dependency-groups\]/,/^]/p' pyproject.toml) \
  | sha256sum | cut -d' ' -f1)

if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$fingerprint" ] && [ -x "$VENV/bin/python" ]; then
  exit 0
fi

is_python312() { "$1" -c 'import sys, venv; sys.exit(sys.version_info[:2] != (3, 12))' >/dev/null 2>&1; }

find_python312() {
  local candidate
  # pyenv's shim of python3.12 fails unless PYENV_VERSION names it, so its versions are tried directly too
  for candidate in "${PYTHON:-}" python3.12 \
      $(ls -d "$HOME"/.pyenv/versions/3.12*/bin/python3.12 2>/dev/null | sort -V -r) \
      /usr/bin/python3.12 /usr/local/bin/python3.12; do
    if [ -n "$candidate" ] && is_python312 "$candidate"; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

if [ -x "$VENV/bin/python" ] && ! is_python312 "$VENV/bin/python"; then
  echo "error: $VENV is not a Python 3.12 environment; remove it (rm -rf $VENV) and run make setup again" >&2
  exit 1
fi
if [ ! -x "$VENV/bin/python" ]; then
  if ! python=$(find_python312); then
    echo "error: no Python 3.12 found. Isaac Lab 3.0.0 needs Python 3.12: install it (pyenv install 3.12," \
         "apt install python3.12-venv, or uv python install 3.12) or point PYTHON at one:" \
         "make setup PYTHON=/path/to/python3.12" >&2
    exit 1
  fi
  echo "[setup] creating $VENV with $python"
  "$python" -m venv "$VENV"
fi

echo "[setup] installing the pinned stack into $VENV (the first time downloads about 4 GB)"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check pip==26.3
"$VENV/bin/python" -m pip install --quiet -c "$LOCK" -e source/my_tasks --group dev
echo "$fingerprint" > "$STAMP"
echo "[setup] done: $VENV ($("$VENV/bin/python" --version))"
