#!/bin/sh
# Install the built app (dist/mediator-desk) for the current user, under ~/.local:
#
#   ~/.local/lib/mediator-desk/                 the one-folder app
#   ~/.local/bin/mediator-desk                  a link to its program, for the terminal
#   ~/.local/share/applications/mediator-desk.desktop   (opens .mdesk case files)
#   ~/.local/share/mime/packages/mediator-desk-casefile.xml   (the .mdesk file type)
#   ~/.local/share/icons/hicolor/*/apps/mediator-desk.{png,svg}
#
#   packaging/linux/install.sh [BUNDLE]     install (BUNDLE: default dist/mediator-desk)
#   packaging/linux/install.sh --uninstall  remove all of the above (case files are kept)
#
# Nothing here needs root. The user's case file and settings are not touched either way.
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
PREFIX=${PREFIX:-"$HOME/.local"}
DATA=${XDG_DATA_HOME:-"$PREFIX/share"}
APP_DIR="$PREFIX/lib/mediator-desk"
BIN="$PREFIX/bin/mediator-desk"
DESKTOP="$DATA/applications/mediator-desk.desktop"
MIME="$DATA/mime/packages/mediator-desk-casefile.xml"
ICONS="$DATA/icons/hicolor"

# The menu's and the file types' caches. No icon cache: a per-user hicolor folder is read
# without one, and a cache made here would hide icons that other programs install later.
refresh_caches() {
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database -q "$DATA/applications" || true
    fi
    if command -v update-mime-database >/dev/null 2>&1 && [ -d "$DATA/mime/packages" ]; then
        update-mime-database "$DATA/mime" || true
    fi
}

if [ "${1:-}" = "--uninstall" ]; then
    rm -rf "$APP_DIR"
    rm -f "$BIN" "$DESKTOP" "$MIME"
    find "$ICONS" -name 'mediator-desk.png' -path '*/apps/*' -delete 2>/dev/null || true
    rm -f "$ICONS/scalable/apps/mediator-desk.svg"
    refresh_caches
    echo "Mediator Desk is uninstalled. Case files and settings are kept."
    exit 0
fi

BUNDLE=${1:-"$ROOT/dist/mediator-desk"}
if [ ! -x "$BUNDLE/mediator-desk" ]; then
    echo "install.sh: no built app at $BUNDLE. Build it first: python3 dev.py package" >&2
    exit 1
fi

mkdir -p "$PREFIX/lib" "$PREFIX/bin" "$DATA/applications" "$DATA/mime/packages"
rm -rf "$APP_DIR.new"
cp -a "$BUNDLE" "$APP_DIR.new"
rm -rf "$APP_DIR"
mv "$APP_DIR.new" "$APP_DIR"
ln -sf "$APP_DIR/mediator-desk" "$BIN"

# The menu entry starts the program by its full path, whether or not ~/.local/bin is on PATH.
sed -e "s|^Exec=mediator-desk|Exec=\"$APP_DIR/mediator-desk\"|" \
    -e "s|^TryExec=mediator-desk|TryExec=$APP_DIR/mediator-desk|" \
    "$HERE/mediator-desk.desktop" >"$DESKTOP"
chmod 644 "$DESKTOP"
cp "$HERE/mediator-desk-casefile.xml" "$MIME"
chmod 644 "$MIME"

for folder in "$ROOT"/packaging/icons/hicolor/*/apps; do
    size=$(basename "$(dirname "$folder")")
    mkdir -p "$ICONS/$size/apps"
    cp "$folder"/mediator-desk.* "$ICONS/$size/apps/"
done
refresh_caches

echo "Installed Mediator Desk in $APP_DIR"
echo "Start it from the applications menu, or run: $BIN"
