#!/bin/sh
# Smoke test of the built bundle (dist/swv-uren, `make bundle`), or of another folder holding the two
# executables (the installed program on Windows: scripts/bundle_smoke.sh "C:/…/SWV Uren").
#
#   scripts/bundle_smoke.sh [BUNDLE_FOLDER]
#
# Every command runs with a clean environment (env -i: a fresh HOME, PATH=/usr/bin:/bin, Qt offscreen), so
# nothing of the build machine's virtual environment can help: --version, the bundle's self-test (the pages,
# _rl_accel, the migrations, qtbase_nl.qm), demo, --smoke and --smoke-all (every page), check, report alv, export boards,
# backup -o, and the upgrade of a database of the previous schema. Each must exit 0 with no "Traceback" in its
# output. PYTHON (default .venv/bin/python) only makes that old database, with the test suite's downgrade.
set -eu
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BUNDLE="${1:-$ROOT/dist/swv-uren}"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
EXE_SUFFIX=""
[ -f "$BUNDLE/swv-uren.exe" ] && EXE_SUFFIX=".exe"
CLI="$BUNDLE/swv-uren$EXE_SUFFIX"
APP="$BUNDLE/SWV Uren$EXE_SUFFIX"
[ -x "$CLI" ] || { echo "Geen bundel in $BUNDLE: eerst 'make bundle'." >&2; exit 1; }
[ -f "$APP" ] || { echo "Het venster-programma ontbreekt in $BUNDLE." >&2; exit 1; }

# Windows (Git Bash): a program cannot start without these; none of them points into a virtual environment.
WINDOWS_ENV=""
case "$(uname -s)" in
    MINGW*|MSYS*|CYGWIN*)
        WINDOWS_ENV="SYSTEMROOT=${SYSTEMROOT:-} WINDIR=${WINDIR:-} LOCALAPPDATA=${LOCALAPPDATA:-} APPDATA=${APPDATA:-} \
USERPROFILE=${USERPROFILE:-} TEMP=${TEMP:-} TMP=${TMP:-}" ;;
esac

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
failures=0
started=$(date +%s)

# run NAME EXPECTED_TEXT COMMAND...: a clean environment, exit 0, no Traceback, EXPECTED_TEXT in the output.
run() {
    name="$1"; expected="$2"; shift 2
    if env -i HOME="$TMP/home" PATH=/usr/bin:/bin QT_QPA_PLATFORM=offscreen SWV_UREN_TODAY=2017-03-15 \
            SWV_UREN_SETTINGS="$TMP/instellingen.ini" $WINDOWS_ENV ${EXTRA_ENV:-} "$@" >"$TMP/out" 2>&1
    then code=0; else code=$?; fi
    if [ "$code" -ne 0 ] || grep -q "Traceback" "$TMP/out" \
            || { [ -n "$expected" ] && ! grep -q -- "$expected" "$TMP/out"; }; then
        echo "MISLUKT: $name (afsluitcode $code)"
        sed 's/^/    /' "$TMP/out"
        failures=$((failures + 1))
    else
        echo "ok: $name"
    fi
}

mkdir -p "$TMP/home"
DB="$TMP/home/swv.sqlite"
run "--version" "swv-uren " "$CLI" --version
run "venster-programma --version" "swv-uren " "$APP" --version
EXTRA_ENV="SWV_UREN_BUNDLE_SELFTEST=1" run "zelftest (pagina's, _rl_accel, migraties, qtbase_nl)" "bundel in orde" "$CLI"
run "demo" "Demojaar 2016-2017 aangemaakt" "$CLI" --db "$DB" demo
run "--smoke" "" "$CLI" --db "$DB" --smoke
run "--smoke-all (elk scherm)" "" "$CLI" --db "$DB" --smoke-all
run "check" "" "$CLI" --db "$DB" check
run "report alv" "" "$CLI" --db "$DB" report alv --year 2016-2017 -o "$TMP/ALV.pdf"
[ -s "$TMP/ALV.pdf" ] && head -c 5 "$TMP/ALV.pdf" | grep -q "%PDF-" || { echo "MISLUKT: ALV.pdf is geen PDF"; failures=$((failures + 1)); }
run "export boards" "" "$CLI" --db "$DB" export boards --year 2016-2017 -o "$TMP/werkmappen"
ls "$TMP/werkmappen"/*.xlsx >/dev/null 2>&1 || { echo "MISLUKT: geen werkmappen"; failures=$((failures + 1)); }
run "backup -o" "Kopie opgeslagen" "$CLI" --db "$DB" backup -o "$TMP/kopie.sqlite"

# A database of the previous schema (the test suite's downgrade), upgraded by the bundle.
OLD="$TMP/home/oud.sqlite"
cp "$DB" "$OLD"
(cd "$ROOT" && "$PYTHON" -c "
import sys
from tests.conftest import downgrade
downgrade(sys.argv[1], '-1')
" "$OLD")
before=$("$PYTHON" -c "import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT version_num FROM alembic_version').fetchone()[0])" "$OLD")
run "upgrade van schema $before" "" "$CLI" --db "$OLD" budgets --year 2016-2017
after=$("$PYTHON" -c "import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT version_num FROM alembic_version').fetchone()[0])" "$OLD")
head=$("$PYTHON" -c "import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT version_num FROM alembic_version').fetchone()[0])" "$DB")
if [ "$before" = "$head" ] || [ "$after" != "$head" ]; then
    echo "MISLUKT: upgrade: schema $before -> $after, verwacht $head"
    failures=$((failures + 1))
else
    echo "ok: schema $before -> $after"
fi
run "check na upgrade" "" "$CLI" --db "$OLD" check

echo "Rooktest van de bundel: $failures fout(en) in $(( $(date +%s) - started )) s."
[ "$failures" -eq 0 ]
