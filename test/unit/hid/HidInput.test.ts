import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { HidInput } from '../../../src/adapters/hid/HidInput.js';
import { FakeHid, dlopenError } from '../../../src/adapters/hid/FakeHid.js';
import { advanceSettled, settle } from '../../../src/adapters/hid/hidRecording.js';
import { type AppError, ErrorCode, isAppError } from '../../../src/core/errors/AppError.js';
import { ManualClock } from '../../../src/core/input/ManualClock.js';
import { parseInputProfile } from '../../../src/core/input/parseInputProfile.js';
import { rig } from './harness.js';

const keypad = parseInputProfile({ id: 'keypad', role: 'keypad', match: { vendorId: 1, productId: 2 }, scanDetection: false });
const scanner = parseInputProfile({ id: 'scanner', role: 'scanner', match: { vendorId: 3, productId: 4 }, driver: 'libusb' });
const press = (usage: number) => [0, 0, usage, 0, 0, 0, 0, 0];
const release = [0, 0, 0, 0, 0, 0, 0, 0];
const states = (r: ReturnType<typeof rig>) => r.statuses.map((s) => (s.error ? `${s.state}:${s.error.code}` : s.state));

test('constructor does no I/O: nothing enumerated, nothing emitted before start()', () => {
  const r = rig(keypad);
  assert.is(r.hid.enumerations, 0);
  assert.is(r.input.status().state, 'missing');
  assert.equal(r.statuses, []);
});

test('unplug and replug: missing, then present again, and keys flow — without a restart', async () => {
  const r = rig(keypad);
  await r.input.start();
  r.device.send(press(0x1e));
  r.device.send(release);
  r.hid.unplug(r.device);
  await settle();
  assert.equal(states(r), ['present', `missing:${ErrorCode.Hid_Disconnected}`]);
  assert.is(r.device.isOpen, false, 'the broken handle is closed');

  await advanceSettled(r.clock, r.clock.now() + 2000); // polls while unplugged: still one 'missing'
  assert.equal(states(r).length, 2);
  r.hid.plug(r.device);
  await advanceSettled(r.clock, r.clock.now() + 5000);
  assert.equal(states(r), ['present', `missing:${ErrorCode.Hid_Disconnected}`, 'present']);

  r.device.send(press(0x1f));
  assert.equal(
    r.events.map((e) => e.type === 'key' && e.value),
    ['1', '2'],
  );
  await r.input.stop();
});

test('polling backs off: 500, 1000, 2000, 4000, 4000 ms between enumerations', async () => {
  const r = rig(keypad, { plugged: false });
  await r.input.start();
  const times: number[] = [];
  const orig = r.hid.devicesAsync.bind(r.hid);
  r.hid.devicesAsync = async () => (times.push(r.clock.now()), orig());
  await advanceSettled(r.clock, r.clock.now() + 12_000);
  const gaps = times.slice(1).map((t, i) => t - times[i]!);
  assert.equal([times[0]! - 1000, ...gaps], [500, 1000, 2000, 4000, 4000]);
  await r.input.stop();
});

test('a device found but not openable (no udev rule) is missing with Hid_Permission, and recovers', async () => {
  const r = rig(keypad);
  r.hid.deniedPaths.add('/dev/hidraw3');
  await r.input.start();
  assert.equal(states(r), [`missing:${ErrorCode.Hid_Permission}`]);
  r.hid.deniedPaths.clear();
  await advanceSettled(r.clock, r.clock.now() + 1000);
  assert.equal(states(r), [`missing:${ErrorCode.Hid_Permission}`, 'present']);
  await r.input.stop();
});

test('node-hid import failing (libusb-1.0.so.0 missing) rejects start with Hid_Unavailable, one clear line', async () => {
  const input = new HidInput(scanner, {
    loadHid: async () => {
      throw dlopenError();
    },
    clock: new ManualClock(),
  });
  const seen: string[] = [];
  input.on('device', (d) => seen.push(`${d.state}:${d.error?.code}`));
  try {
    await input.start();
    assert.unreachable('start should reject');
  } catch (e) {
    assert.ok(isAppError(e, ErrorCode.Hid_Unavailable));
    assert.not.match((e as AppError).message, /\n/);
    assert.match((e as AppError).message, /libusb-1\.0\.so\.0/);
    assert.is((e as AppError).context.library, 'libusb-1.0.so.0');
  }
  assert.equal(seen, [`unavailable:${ErrorCode.Hid_Unavailable}`]);
});

test('the binding failing on first use (lazy dlopen in devicesAsync) is also Hid_Unavailable, and never retried', async () => {
  const hid = new FakeHid();
  hid.loadError = dlopenError('libudev.so.1');
  const clock = new ManualClock();
  const input = new HidInput(keypad, { hid, clock });
  const err = await input.start().then(
    () => null,
    (e: unknown) => e,
  );
  assert.ok(isAppError(err, ErrorCode.Hid_Unavailable));
  assert.is(input.status().state, 'unavailable');
  assert.is(clock.pendingTimers, 0, 'no reconnect polling for a missing library');
});

test('a missing node-hid package is Hid_Unavailable too', async () => {
  const notFound = Object.assign(new Error("Cannot find package 'node-hid'"), { code: 'ERR_MODULE_NOT_FOUND' });
  const err = await new HidInput(keypad, {
    loadHid: async () => {
      throw notFound;
    },
  })
    .start()
    .then(
      () => null,
      (e: unknown) => e,
    );
  assert.ok(isAppError(err, ErrorCode.Hid_Unavailable));
  assert.match((err as AppError).message, /not installed/);
});

test('a libusb profile switches node-hid to libusb before its first call', async () => {
  const r = rig(scanner);
  await r.input.start();
  assert.is(r.hid.driverType, 'libusb');
  await r.input.stop();
});

test('the hidraw default leaves the driver alone', async () => {
  const r = rig(keypad);
  await r.input.start();
  assert.is(r.hid.driverType, undefined);
  await r.input.stop();
});

test('usagePage picks the HID-POS interface of a composite scanner', async () => {
  const pos = parseInputProfile({
    id: 'scanner',
    role: 'scanner',
    protocol: 'hid-pos',
    match: { vendorId: 3, productId: 4, usagePage: '0x8c' },
  });
  const r = rig(pos, { plugged: false });
  const { FakeHidDevice } = await import('../../../src/adapters/hid/FakeHidDevice.js');
  const kbd = new FakeHidDevice({ vendorId: 3, productId: 4, interface: 0, usagePage: 1, path: '/dev/hidraw1' });
  const posIf = new FakeHidDevice({ vendorId: 3, productId: 4, interface: 1, usagePage: 0x8c, path: '/dev/hidraw2' });
  r.hid.plug(kbd);
  r.hid.plug(posIf);
  await r.input.start();
  assert.ok(posIf.isOpen);
  assert.not.ok(kbd.isOpen);
  await r.input.stop();
});

test('stop(): device closed, timers cancelled, nothing emitted afterwards, safe twice and before start', async () => {
  const fresh = rig(keypad);
  await fresh.input.stop();
  const r = rig(parseInputProfile({ id: 'keypad', role: 'keypad', match: { vendorId: 1, productId: 2 } }));
  await r.input.start();
  r.device.send(press(0x1e)); // buffered by scan detection → a burst timer is pending
  assert.ok(r.clock.pendingTimers > 0);
  await r.input.stop();
  await r.input.stop();
  assert.is(r.clock.pendingTimers, 0);
  assert.is(r.device.isOpen, false);
  const before = r.events.length + r.statuses.length;
  r.device.send(press(0x1f));
  r.hid.unplug(r.device);
  await advanceSettled(r.clock, r.clock.now() + 10_000);
  assert.is(r.events.length + r.statuses.length, before);
});

test('stop() while unplugged cancels the reconnect poll', async () => {
  const r = rig(keypad, { plugged: false });
  await r.input.start();
  assert.is(r.clock.pendingTimers, 1);
  await r.input.stop();
  assert.is(r.clock.pendingTimers, 0);
});

test('a listener that throws does not stop the others, nor the device', async () => {
  const r = rig(keypad);
  const got: string[] = [];
  r.input.on('input', () => {
    throw new Error('UI bug');
  });
  r.input.on('input', (e) => got.push(e.type === 'key' ? (e.value ?? e.key) : e.code));
  await r.input.start();
  r.device.send(press(0x1e));
  r.device.send(release);
  r.device.send(press(0x1f));
  assert.equal(got, ['1', '2']);
  await r.input.stop();
});

test.run();
