#!/bin/sh
# Installs Saha on a Debian-based handheld: system libraries, the app in /opt/saha, the user saha,
# /etc/saha and /var/lib/saha (0700), the udev rules and the systemd unit. Idempotent: run it again
# after an update. Does not enable the unit: provision first, then `saha doctor`, then
#   sudo systemctl enable --now saha
#
# Usage: sudo device/install.sh [--dry-run] | device/install.sh --stage DIR
#   --dry-run    print every command it would run, change nothing (no root needed)
#   --stage DIR  only lay out the app tree in DIR (what goes to /opt/saha), no root (tests, images)
# Run from a checkout where `npm ci && npm run build` has been done (dist/, node_modules). Ships the
# bundle and only the packages it loads at run time (scripts/runtime-packages.mjs), not node_modules.
set -eu

DRY=0
STAGE=""
while [ $# -gt 0 ]; do
  case "$1" in
    --dry-run) DRY=1 ;;
    --stage) [ $# -ge 2 ] || { echo "install.sh: --stage needs a directory" >&2; exit 2; }; STAGE=$2; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "install.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

SRC=$(cd "$(dirname "$0")/.." && pwd)
APP=${STAGE:-/opt/saha}
ETC=/etc/saha
DATA=/var/lib/saha
USER_NAME=saha
GROUPS_NEEDED="dialout plugdev"
NODE_MIN=20.19

run() {
  echo "+ $*"
  if [ "$DRY" = 0 ]; then "$@"; fi
}
note() { echo "# $*"; }

if [ "$DRY" = 0 ] && [ -z "$STAGE" ] && [ "$(id -u)" != 0 ]; then
  echo "install.sh: run as root (sudo device/install.sh), or with --dry-run to see what it does" >&2
  exit 2
fi

# 4. The app: the dist bundle, the runtime packages it leaves external (native modules, blessed,
# PGlite, pg and their dependencies, found by scripts/runtime-packages.mjs from dist/externals.json;
# source maps of dependencies dropped), device profiles, scripts. Each part is built next to the old
# one and swapped in, so an interrupted update leaves the previous tree whole.
install_app() {
  if [ ! -f "$SRC/dist/saha.mjs" ] || [ ! -f "$SRC/dist/externals.json" ] || [ ! -d "$SRC/node_modules" ]; then
    echo "install.sh: $SRC has no dist/saha.mjs, dist/externals.json or node_modules: run npm ci && npm run build there first" >&2
    [ "$DRY" = 1 ] || exit 1
  fi
  if [ -n "$STAGE" ]; then run mkdir -p "$APP"; else run install -d -m 0755 -o root -g root "$APP"; fi
  for item in dist device scripts; do
    run rm -rf "$APP/$item.new"
    run cp -a "$SRC/$item" "$APP/$item.new"
    run rm -rf "$APP/$item"
    run mv "$APP/$item.new" "$APP/$item"
  done
  if PKGS=$(node "$SRC/scripts/runtime-packages.mjs" --root "$SRC"); then :; else
    echo "install.sh: cannot list the runtime packages (scripts/runtime-packages.mjs)" >&2
    [ "$DRY" = 1 ] || exit 1
    PKGS=""
  fi
  run rm -rf "$APP/node_modules.new"
  for p in $PKGS; do
    rel=${p#node_modules/}
    run mkdir -p "$APP/node_modules.new/$(dirname "$rel")"
    run cp -a "$SRC/$p" "$APP/node_modules.new/$rel"
  done
  run mkdir -p "$APP/node_modules.new"
  run find "$APP/node_modules.new" -name '*.map' -type f -delete
  run rm -rf "$APP/node_modules"
  run mv "$APP/node_modules.new" "$APP/node_modules"
  for f in package.json package-lock.json README.md; do
    if [ -f "$SRC/$f" ]; then run install -m 0644 "$SRC/$f" "$APP/$f"; fi
  done
}

if [ -n "$STAGE" ]; then
  install_app
  note "staged in $APP ($(du -sh "$APP" 2>/dev/null | cut -f1))"
  exit 0
fi

# 1. Node.js
if command -v node >/dev/null 2>&1; then
  if node -e "const [a,b]=process.versions.node.split('.').map(Number);const [x,y]='$NODE_MIN'.split('.').map(Number);process.exit(a>x||(a===x&&b>=y)?0:1)"; then
    note "node $(node --version) ok (>= $NODE_MIN)"
  else
    echo "install.sh: node $(node --version) is older than $NODE_MIN: install a newer nodejs (Debian 13 ships 20.19; on 12 use the NodeSource 20.x repository)" >&2
    [ "$DRY" = 1 ] || exit 1
  fi
else
  echo "install.sh: nodejs not found: sudo apt-get install nodejs (>= $NODE_MIN)" >&2
  [ "$DRY" = 1 ] || exit 1
fi

# 2. System libraries: node-hid's prebuilt binding links libusb-1.0 and libudev.
MISSING=""
for p in libusb-1.0-0 libudev1; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then MISSING="$MISSING $p"; fi
done
if [ -n "$MISSING" ]; then
  run apt-get update
  # shellcheck disable=SC2086
  run apt-get install -y --no-install-recommends $MISSING
else
  note "libusb-1.0-0 and libudev1 installed"
fi

# 3. The app user, in the printer's and the HID rules' groups.
for g in $GROUPS_NEEDED; do
  getent group "$g" >/dev/null 2>&1 || run groupadd --system "$g"
done
if id "$USER_NAME" >/dev/null 2>&1; then
  run usermod -a -G dialout,plugdev "$USER_NAME"
else
  run useradd --system --user-group --home-dir "$DATA" --no-create-home --shell /usr/sbin/nologin --groups dialout,plugdev "$USER_NAME"
fi

# 4. The app (install_app above).
install_app
run ln -sf "$APP/scripts/saha.mjs" /usr/local/bin/saha

# 5. Config and data directories. The data dir holds customer data: owner only.
run install -d -m 0750 -o root -g "$USER_NAME" "$ETC"
run install -d -m 0700 -o "$USER_NAME" -g "$USER_NAME" "$DATA"

# 6. udev rules: keypad/scanner and printer.
for r in "$SRC"/device/udev/*.rules; do
  run install -m 0644 "$r" "/etc/udev/rules.d/$(basename "$r")"
done
if command -v udevadm >/dev/null 2>&1; then
  run udevadm control --reload-rules
  run udevadm trigger
else
  note "udevadm not found: rules take effect at the next boot"
fi

# 7. The systemd unit (enabled after provisioning).
run install -m 0644 "$SRC/device/systemd/saha.service" /etc/systemd/system/saha.service
if command -v systemctl >/dev/null 2>&1; then
  run systemctl daemon-reload
else
  note "systemctl not found: not a systemd system?"
fi

note "installed. Next: cd $APP && sudo npm run provision   (or: sudo saha provision …)"
note "then: sudo systemctl stop saha; sudo -u $USER_NAME saha doctor; sudo systemctl enable --now saha"
