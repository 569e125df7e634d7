#!/usr/bin/env bash
# Set up and run the Service Desk Workstation on Debian/Ubuntu.
#
#   bash desk.sh start   install what is missing, then start the workstation
#                        (embedded SQLite database, demo data on first start)
#   bash desk.sh test    install what is missing, then run ruff, mypy, the layer
#                        contracts and the whole test suite on SQLite and PostgreSQL,
#                        and the small benchmark suite
#
# Python packages go into .venv; system packages come from apt (as root, or via sudo).
# Tests use WORKSTATION_TEST_PG_URL when set; otherwise a private PostgreSQL cluster
# (trust auth, fsync off, port 55432) is created under /tmp and started.
set -euo pipefail
cd "$(dirname "$0")"

VENV=${VENV:-.venv}
PG_PORT=${WORKSTATION_TEST_PG_PORT:-55432}
PG_DIR=${WORKSTATION_TEST_PG_DIR:-/tmp/workstation-test-pg}

APT_RUNTIME=(python3 python3-venv python3-pip fonts-wqy-microhei
  libglib2.0-0 libegl1 libgl1 libfontconfig1 libdbus-1-3 libxkbcommon0
  libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
  libxcb-render-util0 libxcb-shape0 libxcb-xkb1)
APT_TEST=(xvfb xauth postgresql poppler-utils)  # poppler-utils: the PDF tests read the sheet back

say() { printf '\n== %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    say "apt: installing ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

python_env() {
  if [ ! -x "$VENV/bin/python" ]; then
    say "creating $VENV"
    python3 -m venv "$VENV"
  fi
  local stamp="$VENV/.installed-$(sha1sum pyproject.toml | cut -c1-12)-$1"
  if [ ! -f "$stamp" ]; then
    say "installing Python packages"
    "$VENV/bin/python" -m pip install -q --upgrade pip
    if [ "$1" = test ]; then
      "$VENV/bin/python" -m pip install -q -e ".[test]"
    else
      "$VENV/bin/python" -m pip install -q -e .
    fi
    rm -f "$VENV"/.installed-*
    touch "$stamp"
  fi
}

translations() {
  for ts in resources/translations/*.ts; do
    [ -e "$ts" ] || continue
    "$VENV/bin/pyside6-lrelease" -silent "$ts" -qm "${ts%.ts}.qm"
  done
}

private_postgres() {
  # A throw-away cluster of our own: no dependence on the machine's pg_hba or passwords.
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$bin" ] || { echo "PostgreSQL binaries not found" >&2; exit 1; }
  local run=()
  if [ "$(id -u)" = 0 ]; then run=(runuser -u postgres --); fi
  if ! "${run[@]}" "$bin/pg_ctl" -D "$PG_DIR" status >/dev/null 2>&1; then
    if [ ! -f "$PG_DIR/PG_VERSION" ]; then
      say "creating a private PostgreSQL cluster in $PG_DIR"
      rm -rf "$PG_DIR"; mkdir -p "$PG_DIR"
      [ "$(id -u)" = 0 ] && chown postgres "$PG_DIR"
      "${run[@]}" "$bin/initdb" -D "$PG_DIR" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    say "starting PostgreSQL on port $PG_PORT"
    "${run[@]}" "$bin/pg_ctl" -D "$PG_DIR" -l "$PG_DIR/server.log" -w start \
      -o "-p $PG_PORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >/dev/null
  fi
  "$bin/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname='workstation_test'" | grep -q 1 \
    || "$bin/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "CREATE DATABASE workstation_test"
  export WORKSTATION_TEST_PG_URL="postgresql+psycopg://postgres@127.0.0.1:$PG_PORT/workstation_test"
}

case "${1:-start}" in
  start)
    apt_install "${APT_RUNTIME[@]}"
    python_env run
    translations
    shift || true
    exec "$VENV/bin/python" main.py "$@"
    ;;
  test)
    apt_install "${APT_RUNTIME[@]}" "${APT_TEST[@]}"
    python_env test
    translations
    if [ -z "${WORKSTATION_TEST_PG_URL:-}" ]; then private_postgres; fi
    say "ruff";        "$VENV/bin/ruff" check .; "$VENV/bin/ruff" format --check .
    say "mypy";        "$VENV/bin/mypy"
    say "layer contracts"; "$VENV/bin/lint-imports" --no-cache
    say "benchmarks (small scale, both back ends)"
    for backend in sqlite postgresql; do
      QT_QPA_PLATFORM=offscreen "$VENV/bin/python" -m tests.bench --scale small --backend "$backend" \
        --json "artifacts/bench-small-$backend.json"
    done
    say "tests (SQLite and PostgreSQL), one worker per core"
    QT_QPA_PLATFORM=offscreen "$VENV/bin/python" -m pytest -n auto
    ;;
  *)
    echo "usage: bash desk.sh [start|test] [workstation options]" >&2; exit 2 ;;
esac
