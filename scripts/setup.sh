#!/bin/sh
# Set up everything `make run` needs: the system libraries Qt loads (on
# Debian/Ubuntu, when missing), a virtual environment and the package.
# `setup.sh PYTHON VENV --postgresql` instead installs only the PostgreSQL server
# programs the tests start themselves (for `make test`; the app does not need them).
set -eu
PYTHON="${1:-python3}"
VENV="${2:-.venv}"
MODE="${3:-}"

# Libraries the Qt 6 wheels load at run time (xcb for a real screen, EGL,
# fontconfig and a font for offscreen rendering too).
QT_DEBS="libegl1 libgl1 libglib2.0-0 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 \
libfreetype6 libdbus-1-3 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 \
libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libxcb-xkb1 \
libx11-xcb1 libxrender1 libxi6 fonts-dejavu-core"

missing=""
if [ "$MODE" = "--postgresql" ]; then
    QT_DEBS=""
fi
if command -v dpkg-query >/dev/null 2>&1; then
    for deb in $QT_DEBS; do
        dpkg-query -W -f='${Status}' "$deb" 2>/dev/null | grep -q "install ok installed" \
            || missing="$missing $deb"
    done
    if [ "$MODE" != "--postgresql" ] && ! "$PYTHON" -c "import venv, ensurepip" >/dev/null 2>&1; then
        missing="$missing python3-venv"
    fi
    # The tests start their own PostgreSQL server (initdb/pg_ctl in a temporary folder); Debian's
    # package puts the programs in /usr/lib/postgresql/<version>/bin.
    if [ "$MODE" = "--postgresql" ] && ! command -v initdb >/dev/null 2>&1 \
            && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
        missing="$missing postgresql"
    fi
fi
if [ -n "$missing" ]; then
    echo "Systeembibliotheken installeren:$missing"
    SUDO=""
    [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && SUDO="sudo"
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
[ "$MODE" = "--postgresql" ] && exit 0

"$PYTHON" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 of nieuwer is nodig.")'
[ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
"$VENV/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip
"$VENV/bin/python" -m pip install -q --disable-pip-version-check -e ".[dev]"
