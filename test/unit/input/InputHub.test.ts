import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { HidInput } from '../../../src/adapters/hid/HidInput.js';
import { FakeHid, dlopenError } from '../../../src/adapters/hid/FakeHid.js';
import { FakeHidDevice } from '../../../src/adapters/hid/FakeHidDevice.js';
import { FakeScanner } from '../../../src/adapters/hid/FakeScanner.js';
import { settle } from '../../../src/adapters/hid/hidRecording.js';
import { TerminalKeyInput } from '../../../src/adapters/ui/terminal/TerminalKeyInput.js';
import { InputHub } from '../../../src/app/InputHub.js';
import { AppError, ErrorCode } from '../../../src/core/errors/AppError.js';
import type { DeviceStatus } from '../../../src/core/input/DeviceStatus.js';
import type { InputEvent } from '../../../src/core/input/InputEvent.js';
import { ManualClock } from '../../../src/core/input/ManualClock.js';
import { parseInputProfile } from '../../../src/core/input/parseInputProfile.js';
import { FakeKeypressEmitter } from './FakeKeypressEmitter.js';

const scannerProfile = parseInputProfile({ id: 'scanner', role: 'scanner', match: { vendorId: 3, productId: 4 }, driver: 'libusb' });

function collect(hub: InputHub) {
  const events: InputEvent[] = [];
  const devices: DeviceStatus[] = [];
  hub.on('input', (e) => events.push(e)).on('device', (d) => devices.push(d));
  return { events, devices };
}

test('node-hid cannot load: the hub starts anyway, reports Hid_Unavailable once, the keyboard still works', async () => {
  const clock = new ManualClock();
  const program = new FakeKeypressEmitter();
  const hidSource = new HidInput(scannerProfile, {
    loadHid: async () => {
      throw dlopenError();
    },
    clock,
  });
  const terminal = new TerminalKeyInput(program, { clock, scanDetection: false });
  const logged: string[] = [];
  const hub = new InputHub([hidSource, terminal], { clock, log: (_l, m) => logged.push(m) });
  const got = collect(hub);

  const result = await hub.start();
  assert.equal(result.started, ['terminal']);
  assert.equal(
    result.failed.map((f) => [f.source, f.error.code]),
    [['scanner', ErrorCode.Hid_Unavailable]],
  );
  assert.equal(got.devices.map((d) => `${d.source}:${d.state}`).sort(), ['scanner:unavailable', 'terminal:present']);
  assert.is(logged.filter((m) => /libusb-1\.0\.so\.0/.test(m)).length, 1, 'one clear log line');
  assert.is(hub.summary().scannerReady, false);

  program.typeText('42\r');
  assert.equal(
    got.events.map((e) => (e.type === 'key' ? (e.value ?? e.key) : e.code)),
    ['4', '2', 'enter'],
  );
  await hub.stop();
});

test('one stream from several sources, presence per source; scanner unplug shows in the summary', async () => {
  const clock = new ManualClock();
  const hid = new FakeHid();
  const dev = new FakeHidDevice({ vendorId: 3, productId: 4, interface: 0, path: '/dev/hidraw0' });
  hid.plug(dev);
  const program = new FakeKeypressEmitter();
  const hub = new InputHub([new HidInput(scannerProfile, { hid, clock }), new TerminalKeyInput(program, { clock, scanDetection: false })], {
    clock,
  });
  const got = collect(hub);
  await hub.start();
  assert.is(hub.summary().scannerReady, true);

  program.typeText('1');
  for (const u of [0x16, 0x1e, 0x28]) (dev.send([0, 0, u, 0, 0, 0, 0, 0]), dev.send([0, 0, 0, 0, 0, 0, 0, 0]));
  assert.equal(
    got.events.map((e) => `${e.source}:${e.type === 'key' ? e.value : e.code}`),
    ['terminal:1', 'scanner:s1'],
  );

  hid.unplug(dev);
  await settle();
  assert.equal(
    hub.summary().missing.map((d) => `${d.source}:${d.state}`),
    ['scanner:missing'],
  );
  assert.is(hub.presence().get('scanner')?.error?.code, ErrorCode.Hid_Disconnected);
  await hub.stop();
  assert.is(clock.pendingTimers, 0);
});

test('a scan echoed by the terminal (wedge scanner on hidraw) is delivered once', async () => {
  const clock = new ManualClock();
  const a = new FakeScanner('scanner', clock);
  const b = new FakeScanner('terminal', clock);
  const hub = new InputHub([a, b], { clock });
  const got = collect(hub);
  await hub.start();
  a.scan('SAYAC-1');
  clock.advanceBy(5);
  b.scan('SAYAC-1');
  clock.advanceBy(1000);
  b.scan('SAYAC-1'); // a second, deliberate scan later is real
  a.scan('SAYAC-1');
  a.scan('SAYAC-1'); // same source twice is two scans
  assert.equal(
    got.events.map((e) => e.source),
    ['scanner', 'terminal', 'scanner'],
  );
});

test('a throwing UI listener does not stop the other listeners', async () => {
  const scanner = new FakeScanner();
  const hub = new InputHub([scanner]);
  const seen: string[] = [];
  hub.on('input', () => {
    throw new Error('screen bug');
  });
  hub.on('input', (e) => seen.push(e.type));
  await hub.start();
  scanner.scan('X1');
  assert.equal(seen, ['scan']);
});

test('start rejects only when no source at all could start', async () => {
  const bad = new HidInput(scannerProfile, {
    loadHid: async () => {
      throw dlopenError();
    },
  });
  const err = await new InputHub([bad]).start().then(
    () => null,
    (e: unknown) => e,
  );
  assert.is((err as { code?: string })?.code, ErrorCode.Hid_Unavailable);
});

test('a scan the source dropped reaches the hub as rejected (the screen says scan again), and not after stop', async () => {
  class DroppingScanner extends FakeScanner {
    drop(): void {
      this.emit('rejected', new AppError('serial scanner: line dropped', ErrorCode.Scan_Garbled));
    }
  }
  const scanner = new DroppingScanner();
  const hub = new InputHub([scanner]);
  const rejected: AppError[] = [];
  hub.on('rejected', (e) => rejected.push(e));
  await hub.start();
  scanner.drop();
  assert.equal(
    rejected.map((e) => e.code),
    [ErrorCode.Scan_Garbled],
  );
  await hub.stop();
  scanner.drop();
  assert.is(rejected.length, 1);
});

test.run();
