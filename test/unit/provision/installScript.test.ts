/**
 * device/install.sh --dry-run on a fresh Debian (stubbed dpkg-query/id/getent: nothing installed, no
 * user) and on one already installed (idempotent: no apt-get, usermod instead of useradd), plus the
 * systemd unit and udev rules it installs.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const root = new URL('../../../', import.meta.url).pathname;
const script = join(root, 'device', 'install.sh');

function dryRun(fresh: boolean): { status: number | null; out: string } {
  const bin = mkdtempSync(join(tmpdir(), 'saha-install-stubs-'));
  const stub = (name: string, body: string) => {
    writeFileSync(join(bin, name), `#!/bin/sh\n${body}\n`);
    chmodSync(join(bin, name), 0o755);
  };
  stub('dpkg-query', fresh ? 'exit 1' : 'echo "install ok installed"');
  stub('id', `if [ "$1" = saha ]; then ${fresh ? 'exit 1' : 'echo "uid=999(saha)"; exit 0'}; fi; exec /usr/bin/id "$@"`);
  stub('getent', fresh ? 'exit 2' : 'echo "$2:x:20:"');
  stub('udevadm', 'exit 0');
  stub('systemctl', 'exit 0');
  try {
    const r = spawnSync('/bin/sh', [script, '--dry-run'], {
      encoding: 'utf8',
      env: { PATH: `${bin}:${dirname(process.execPath)}:/usr/bin:/bin`, HOME: tmpdir() },
    });
    return { status: r.status, out: r.stdout + r.stderr };
  } finally {
    rmSync(bin, { recursive: true, force: true });
  }
}

test('dry run on a fresh Debian: what it would install and create, and nothing is changed', () => {
  const existedBefore = existsSync('/opt/saha');
  const r = dryRun(true);
  assert.is(r.status, 0, r.out);
  const want = [
    '+ apt-get install -y --no-install-recommends libusb-1.0-0 libudev1',
    '+ groupadd --system dialout',
    '+ useradd --system --user-group --home-dir /var/lib/saha --no-create-home --shell /usr/sbin/nologin --groups dialout,plugdev saha',
    '+ install -d -m 0700 -o saha -g saha /var/lib/saha',
    '+ install -d -m 0750 -o root -g saha /etc/saha',
    `+ cp -a ${join(root, 'dist')} /opt/saha/dist.new`,
    `+ install -m 0644 ${join(root, 'device/udev/70-saha-input.rules')} /etc/udev/rules.d/70-saha-input.rules`,
    `+ install -m 0644 ${join(root, 'device/udev/71-saha-printer.rules')} /etc/udev/rules.d/71-saha-printer.rules`,
    '+ udevadm control --reload-rules',
    `+ install -m 0644 ${join(root, 'device/systemd/saha.service')} /etc/systemd/system/saha.service`,
    '+ systemctl daemon-reload',
  ];
  for (const line of want) assert.ok(r.out.split('\n').includes(line), `${line}\n--- in ---\n${r.out}`);
  assert.not.ok(
    r.out.split('\n').some((l) => l.startsWith('+ systemctl enable')),
    'the unit is enabled only after provisioning',
  );
  assert.not.ok(r.out.includes(`+ cp -a ${join(root, 'node_modules')} `), 'never the whole node_modules (build tools included)');
  // The runtime packages are listed from the build's dist/externals.json (test/e2e/provision/installedTree.test.ts runs the tree).
  if (existsSync(join(root, 'dist/externals.json')))
    assert.ok(r.out.split('\n').includes(`+ cp -a ${join(root, 'node_modules/serialport')} /opt/saha/node_modules.new/serialport`), r.out);
  assert.is(existsSync('/opt/saha'), existedBefore, 'dry run creates nothing');
});

test('dry run on an installed device: no apt-get, the existing user is only added to the groups', () => {
  const r = dryRun(false);
  assert.is(r.status, 0, r.out);
  assert.not.match(r.out, 'apt-get');
  assert.not.match(r.out, 'useradd');
  assert.not.match(r.out, 'groupadd');
  assert.match(r.out, '+ usermod -a -G dialout,plugdev saha');
});

test('without root and without --dry-run it refuses, saying how to run it', () => {
  if (process.getuid?.() === 0) return;
  const r = spawnSync('/bin/sh', [script], { encoding: 'utf8' });
  assert.is(r.status, 2);
  assert.match(r.stderr, 'run as root');
});

test('the unit runs the TUI on tty1 as saha, in the printer group and the HID rules group, restarting on failure', () => {
  const unit = readFileSync(join(root, 'device/systemd/saha.service'), 'utf8');
  for (const l of [
    'User=saha',
    'StandardInput=tty',
    'StandardOutput=tty',
    'TTYPath=/dev/tty1',
    'Restart=on-failure',
    'Environment=LANG=C.UTF-8',
    'Conflicts=getty@tty1.service',
    'ReadWritePaths=/var/lib/saha',
  ]) {
    assert.ok(unit.split('\n').includes(l), l);
  }
  const groups = /^SupplementaryGroups=(.*)$/m.exec(unit)![1]!.split(' ');
  const hidGroups = [...readFileSync(join(root, 'device/udev/70-saha-input.rules'), 'utf8').matchAll(/GROUP="([^"]+)"/g)].map((m) => m[1]!);
  const printerGroups = [...readFileSync(join(root, 'device/udev/71-saha-printer.rules'), 'utf8').matchAll(/GROUP="([^"]+)"/g)].map(
    (m) => m[1]!,
  );
  for (const g of new Set([...hidGroups, ...printerGroups])) assert.ok(groups.includes(g), `saha is in group ${g}`);
  assert.match(
    unit,
    /^ExecStart=\/usr\/bin\/node --max-semi-space-size=1 --optimize-for-size \/opt\/saha\/dist\/saha\.mjs start --config \/etc\/saha\/saha\.json$/m,
  );
  // npm start launches the demo with the device's V8 flags, so what the bench measures is what runs.
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: { start: string } };
  assert.match(pkg.scripts.start, /node --max-semi-space-size=1 --optimize-for-size dist\/saha\.mjs start$/);
});

test('the printer rules keep ModemManager away from every printer adapter they name', () => {
  const rules = readFileSync(join(root, 'device/udev/71-saha-printer.rules'), 'utf8')
    .split('\n')
    .filter((l) => l && !l.startsWith('#'));
  assert.ok(rules.length > 0);
  for (const l of rules) assert.match(l, 'ENV{ID_MM_DEVICE_IGNORE}="1"');
  assert.ok(rules.some((l) => l.includes('SYMLINK+="saha-printer"')));
});

test.run();
