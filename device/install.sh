#!/bin/sh
# Installs Saha on a Debian-based handheld: system libraries, the app in /opt/saha, the user saha,
# /etc/saha and /var/lib/saha (0700), the udev rules and the systemd unit. Idempotent: run it again
# after an update. Does not enable the unit: provision first, then `saha doctor`, then
#   sudo systemctl enable --now saha
#
# Usage: sudo device/install.sh [--dry-run]
#   --dry-run   print every command it would run, change nothing (no root needed)
# Run from a checkout where `npm ci && npm run build` has been done (dist/saha.mjs, node_modules).
set -eu

DRY=0
for a in "$@"; do
  case "$a" in
    --dry-run) DRY=1 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "install.sh: unknown option $a" >&2; exit 2 ;;
  esac
done

SRC=$(cd "$(dirname "$0")/.." && pwd)
APP=/opt/saha
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

if [ "$DRY" = 0 ] && [ "$(id -u)" != 0 ]; then
  echo "install.sh: run as root (sudo device/install.sh), or with --dry-run to see what it does" >&2
  exit 2
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

# 4. The app: dist bundle, native modules, device profiles, scripts.
if [ ! -f "$SRC/dist/saha.mjs" ] || [ ! -d "$SRC/node_modules" ]; then
  echo "install.sh: $SRC has no dist/saha.mjs or node_modules: run npm ci && npm run build there first" >&2
  [ "$DRY" = 1 ] || exit 1
fi
run install -d -m 0755 -o root -g root "$APP"
for item in dist device scripts node_modules; do
  run rm -rf "$APP/$item.new"
  run cp -a "$SRC/$item" "$APP/$item.new"
  run rm -rf "$APP/$item"
  run mv "$APP/$item.new" "$APP/$item"
done
for f in package.json package-lock.json README.md; do
  if [ -f "$SRC/$f" ]; then run install -m 0644 "$SRC/$f" "$APP/$f"; fi
done
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
