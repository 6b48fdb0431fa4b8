// One behavioural suite for the InputSource port (src/ports/InputSource.ts), run against every
// implementation: HID keypad and HID-POS scanner on FakeHid, the terminal keyboard, FakeScanner,
// and the real node-hid when it loads on this machine (with no device attached: the parts of the
// contract that need no hardware). Capabilities a target lacks (a terminal cannot be unplugged)
// are skipped for it, not faked.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { HidInput } from '../../../src/adapters/hid/HidInput.js';
import { FakeHid } from '../../../src/adapters/hid/FakeHid.js';
import { FakeHidDevice } from '../../../src/adapters/hid/FakeHidDevice.js';
import { FakeScanner } from '../../../src/adapters/hid/FakeScanner.js';
import { checkHid } from '../../../src/adapters/hid/checkHid.js';
import { advanceSettled, settle } from '../../../src/adapters/hid/hidRecording.js';
import { TerminalKeyInput } from '../../../src/adapters/ui/terminal/TerminalKeyInput.js';
import type { DeviceStatus } from '../../../src/core/input/DeviceStatus.js';
import { isValidInputEvent, type InputEvent } from '../../../src/core/input/InputEvent.js';
import { ManualClock } from '../../../src/core/input/ManualClock.js';
import { parseInputProfile } from '../../../src/core/input/parseInputProfile.js';
import type { InputSource } from '../../../src/ports/InputSource.js';
import { FakeKeypressEmitter } from '../../unit/input/FakeKeypressEmitter.js';

interface Target {
  source: InputSource;
  clock: ManualClock;
  /** Whether start() finds the device (false: the real node-hid with nothing plugged in). */
  present: boolean;
  ioCount?(): number;
  pressDigit?(d: string): Promise<void>;
  scan?(code: string): Promise<void>;
  unplug?(): Promise<void>;
  replug?(): Promise<void>;
}

/** Lets queued work (async reconnects, burst timers) finish, as if a second had passed. */
const passTime = (c: ManualClock, ms = 1000) => advanceSettled(c, c.now() + ms);

const kbdReport = (mods: number, usage: number) => [mods, 0, usage, 0, 0, 0, 0, 0];
const RELEASE = [0, 0, 0, 0, 0, 0, 0, 0];
function usageOf(c: string): [number, number] {
  if (c >= 'A' && c <= 'Z') return [0x02, 0x04 + c.charCodeAt(0) - 65];
  if (c >= '1' && c <= '9') return [0, 0x1e + c.charCodeAt(0) - 49];
  if (c === '0') return [0, 0x27];
  if (c === '-') return [0, 0x2d];
  throw new Error(`test helper has no usage for ${c}`);
}

function hidKeypad(): Target {
  const clock = new ManualClock(0);
  const hid = new FakeHid();
  const profile = parseInputProfile({ id: 'keypad', role: 'keypad', match: { vendorId: 1, productId: 2 } });
  const dev = new FakeHidDevice({ vendorId: 1, productId: 2, interface: 0, path: '/dev/hidraw0' });
  hid.plug(dev);
  const typeFast = (text: string) => {
    for (const c of text) {
      const [m, u] = usageOf(c);
      dev.send(kbdReport(m, u));
      dev.send(RELEASE);
      clock.advanceBy(3);
    }
  };
  return {
    source: new HidInput(profile, { hid, clock }),
    clock,
    present: true,
    ioCount: () => hid.enumerations,
    pressDigit: async (d) => (typeFast(d), passTime(clock)),
    scan: async (code) => {
      typeFast(code);
      dev.send(kbdReport(0, 0x28));
      dev.send(RELEASE);
      await passTime(clock);
    },
    unplug: async () => (hid.unplug(dev), settle()),
    replug: async () => (hid.plug(dev), passTime(clock, 10_000)),
  };
}

function hidPosScanner(): Target {
  const clock = new ManualClock(0);
  const hid = new FakeHid();
  const profile = parseInputProfile({
    id: 'scanner',
    role: 'scanner',
    protocol: 'hid-pos',
    match: { vendorId: 3, productId: 4, usagePage: 0x8c },
  });
  const dev = new FakeHidDevice({ vendorId: 3, productId: 4, interface: 1, usagePage: 0x8c, path: '/dev/hidraw1' });
  hid.plug(dev);
  return {
    source: new HidInput(profile, { hid, clock }),
    clock,
    present: true,
    ioCount: () => hid.enumerations,
    scan: async (code) => {
      const b = new Array(64).fill(0);
      b[0] = 2;
      b[1] = code.length;
      [...Buffer.from(code)].forEach((x, i) => (b[5 + i] = x));
      dev.send(b);
      await passTime(clock);
    },
    unplug: async () => (hid.unplug(dev), settle()),
    replug: async () => (hid.plug(dev), passTime(clock, 10_000)),
  };
}

function terminal(): Target {
  const clock = new ManualClock(0);
  const program = new FakeKeypressEmitter();
  return {
    source: new TerminalKeyInput(program, { clock }),
    clock,
    present: true,
    pressDigit: async (d) => (program.typeText(d), passTime(clock)),
    scan: async (code) => (program.typeText(`${code}\r`), passTime(clock)),
  };
}

function fakeScanner(): Target {
  const clock = new ManualClock(0);
  const s = new FakeScanner('demo-scanner', clock);
  return {
    source: s,
    clock,
    present: true,
    scan: async (code) => void s.scan(code),
    unplug: async () => s.unplug(),
    replug: async () => s.plug(),
  };
}

function realNodeHidNoDevice(): Target {
  const clock = new ManualClock(0);
  // 0xfffe:0xfffe is not assigned to any vendor: nothing on this machine matches it.
  const profile = parseInputProfile({ id: 'absent', role: 'scanner', match: { vendorId: 0xfffe, productId: 0xfffe } });
  return { source: new HidInput(profile, { clock }), clock, present: false };
}

function contract(name: string, make: () => Target): void {
  const t = suite(`InputSource contract: ${name}`);
  const watch = (src: InputSource) => {
    const events: InputEvent[] = [];
    const devices: DeviceStatus[] = [];
    src.on('input', (e) => events.push(e)).on('device', (d) => devices.push(d));
    return { events, devices };
  };

  t('the constructor does no I/O and emits nothing; status is missing before start', async () => {
    const x = make();
    const w = watch(x.source);
    await settle();
    assert.is(x.ioCount?.() ?? 0, 0);
    assert.equal([w.events.length, w.devices.length], [0, 0]);
    assert.is(x.source.status().state, 'missing');
    assert.is(x.source.status().source, x.source.id);
  });

  t('start() resolves after the first attempt and announces presence once; start() again is a no-op', async () => {
    const x = make();
    const w = watch(x.source);
    await x.source.start();
    await x.source.start();
    const expected = x.present ? 'present' : 'missing';
    assert.equal(
      w.devices.map((d) => d.state),
      [expected],
    );
    assert.is(x.source.status().state, expected);
    await passTime(x.clock, 5000);
    assert.is(w.devices.length, 1, 'a device that stays missing is not re-announced on every poll');
    await x.source.stop();
  });

  t('a digit key is exactly one valid key event from this source', async () => {
    const x = make();
    if (!x.pressDigit) return;
    const w = watch(x.source);
    await x.source.start();
    await x.pressDigit('7');
    assert.equal(
      w.events.map((e) => e.type === 'key' && [e.key, e.value]),
      [['digit', '7']],
    );
    assert.ok(w.events.every((e) => isValidInputEvent(e) && e.source === x.source.id));
    await x.source.stop();
  });

  t('a barcode is exactly one scan event carrying the whole code', async () => {
    const x = make();
    if (!x.scan) return;
    const w = watch(x.source);
    await x.source.start();
    await x.scan('SAYAC-123456');
    assert.equal(
      w.events.map((e) => e.type === 'scan' && e.code),
      ['SAYAC-123456'],
    );
    assert.ok(w.events.every((e) => isValidInputEvent(e) && e.source === x.source.id));
    await x.source.stop();
  });

  t('unplug → missing; replug → present by itself, and input flows again', async () => {
    const x = make();
    if (!x.unplug || !x.replug) return;
    const w = watch(x.source);
    await x.source.start();
    await x.unplug();
    assert.is(x.source.status().state, 'missing');
    await x.replug();
    assert.equal(
      w.devices.map((d) => d.state),
      ['present', 'missing', 'present'],
    );
    if (x.scan) {
      await x.scan('SAYAC-42');
      assert.equal(
        w.events.map((e) => e.type === 'scan' && e.code),
        ['SAYAC-42'],
      );
    }
    await x.source.stop();
  });

  t('stop(): safe before start and twice; nothing is emitted afterwards; no timer left', async () => {
    const x = make();
    await x.source.stop();
    const y = make();
    const w = watch(y.source);
    await y.source.start();
    await y.source.stop();
    await y.source.stop();
    const before = w.events.length + w.devices.length;
    await y.pressDigit?.('1');
    await y.scan?.('SAYAC-1');
    await y.unplug?.();
    await passTime(y.clock, 10_000);
    assert.is(w.events.length + w.devices.length, before);
    assert.is(y.clock.pendingTimers, 0);
  });

  t('a listener that throws is contained: the next listener still gets the event', async () => {
    const x = make();
    if (!x.scan && !x.pressDigit) return;
    let got = 0;
    x.source.on('input', () => {
      throw new Error('listener bug');
    });
    x.source.on('input', () => void got++);
    await x.source.start();
    if (x.scan) await x.scan('SAYAC-9');
    else await x.pressDigit!('9');
    assert.is(got, 1);
    await x.source.stop();
  });

  t.run();
}

// Decided before any suite is queued: uvu starts running queued suites on its own timer.
const realHidLoads = (await checkHid()).ok;

contract('HID keypad on FakeHid', hidKeypad);
contract('HID-POS scanner on FakeHid', hidPosScanner);
contract('terminal keyboard (blessed keypress)', terminal);
contract('FakeScanner', fakeScanner);
if (realHidLoads) contract('real node-hid, no device attached', realNodeHidNoDevice);
else console.log('real node-hid target skipped: node-hid does not load here');
