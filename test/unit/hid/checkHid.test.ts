import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkHid } from '../../../src/adapters/hid/checkHid.js';
import { FakeHid, dlopenError } from '../../../src/adapters/hid/FakeHid.js';
import { parseInputProfile } from '../../../src/core/input/parseInputProfile.js';
import { deviceFor } from './harness.js';

const scanner = parseInputProfile({ id: 'scanner', role: 'scanner', match: { vendorId: '0x0c2e', productId: '0x0b61' }, driver: 'libusb' });

test('libusb missing: not ok, names the library, says which packages to install', async () => {
  const r = await checkHid({
    loadHid: async () => {
      throw dlopenError();
    },
  });
  assert.is(r.ok, false);
  assert.match(r.detail, /libusb-1\.0\.so\.0/);
  assert.match(r.fix, /apt-get install libusb-1\.0-0 libudev1/);
});

test('device present and openable: ok, with ids', async () => {
  const hid = new FakeHid();
  hid.plug(deviceFor(scanner));
  const r = await checkHid({ hid, profiles: [scanner] });
  assert.equal(r, { ok: true, detail: 'node-hid loaded; found scanner 0x0c2e:0x0b61', fix: '' });
  assert.is(hid.driverType, 'libusb');
});

test('device not plugged in: not ok, points at lsusb and the profile file', async () => {
  const r = await checkHid({ hid: new FakeHid(), profiles: [scanner] });
  assert.is(r.ok, false);
  assert.match(r.detail, /scanner "scanner" \(0x0c2e:0x0b61\) not found/);
  assert.match(r.fix, /device\/input\/scanner\.json/);
});

test('device present but not openable: points at the udev rules', async () => {
  const hid = new FakeHid();
  hid.plug(deviceFor(scanner));
  hid.deniedPaths.add('/dev/hidraw3');
  const r = await checkHid({ hid, profiles: [scanner] });
  assert.is(r.ok, false);
  assert.match(r.fix, /70-saha-input\.rules/);
});

test('the real node-hid loads on this machine (libusb-1.0-0 installed), no device needed', async () => {
  const r = await checkHid();
  assert.ok(r.ok, `${r.detail} — ${r.fix}`);
  assert.match(r.detail, /node-hid loaded, \d+ HID interface\(s\) visible/);
});

test.run();
