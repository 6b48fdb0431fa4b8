import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadInputProfiles } from '../../../src/adapters/hid/loadInputProfiles.js';
import { loadSerialScannerProfiles } from '../../../src/adapters/serialscanner/loadSerialScannerProfiles.js';

const deviceInput = new URL('../../../device/input/', import.meta.url).pathname;

test('one folder, two kinds: the HID loader takes the HID profiles, the serial loader the serial scanners', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'saha-profiles-'));
  writeFileSync(join(dir, 'keypad.json'), JSON.stringify({ id: 'keypad', role: 'keypad', match: { vendorId: 1, productId: 2 } }));
  writeFileSync(
    join(dir, 'scanner.json'),
    JSON.stringify({ kind: 'serial-scanner', id: 'scanner', path: '/dev/ttyACM0', baudRate: 115200, delimiter: '\r' }),
  );
  assert.equal(
    (await loadInputProfiles(dir)).map((p) => p.id),
    ['keypad'],
  );
  assert.equal(
    (await loadSerialScannerProfiles(dir)).map((p) => [p.id, p.baudRate, p.delimiter]),
    [['scanner', 115200, '\r']],
  );
});

test('the shipped folder has no serial scanner (HID keypad and scanner); the example folder has one', async () => {
  assert.equal(await loadSerialScannerProfiles(deviceInput), []);
  assert.equal(
    (await loadSerialScannerProfiles(join(deviceInput, 'examples', 'serial'))).map((p) => p.path),
    ['/dev/ttyACM0'],
  );
});

test.run();
