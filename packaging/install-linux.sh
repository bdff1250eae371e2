#!/bin/sh
# Put the bundle (dist/swv-uren, `make bundle`) in the user's menu: the folder under ~/.local/opt/swv-uren, the
# icon under the icon theme, packaging/swv-uren.desktop with the folder filled in, and `swv-uren` on the PATH
# (~/.local/bin). Nothing needs root; run it again after a new build to upgrade in place. The data folder
# (~/.local/share/SWV Uren) is not touched.
set -eu
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BUNDLE="${1:-$ROOT/dist/swv-uren}"
TARGET="${SWV_UREN_INSTALL:-$HOME/.local/opt/swv-uren}"
DATA="${XDG_DATA_HOME:-$HOME/.local/share}"
[ -x "$BUNDLE/swv-uren" ] || { echo "Geen bundel in $BUNDLE: eerst 'make bundle'." >&2; exit 1; }
rm -rf "$TARGET.new" && mkdir -p "$(dirname "$TARGET")" && cp -a "$BUNDLE" "$TARGET.new"
rm -rf "$TARGET" && mv "$TARGET.new" "$TARGET"
mkdir -p "$DATA/icons/hicolor/256x256/apps" "$DATA/icons/hicolor/scalable/apps" "$DATA/applications" "$HOME/.local/bin"
cp "$ROOT/resources/icons/swv-uren.png" "$DATA/icons/hicolor/256x256/apps/swv-uren.png"
cp "$ROOT/resources/icons/swv-uren.svg" "$DATA/icons/hicolor/scalable/apps/swv-uren.svg"
sed "s|@BUNDLE@|$TARGET|g" "$ROOT/packaging/swv-uren.desktop" > "$DATA/applications/swv-uren.desktop"
ln -sf "$TARGET/swv-uren" "$HOME/.local/bin/swv-uren"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$DATA/applications" || true
echo "SWV Uren staat in het menu; de opdracht swv-uren in $HOME/.local/bin."
