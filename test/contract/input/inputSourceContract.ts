// The InputSource contract (src/ports/InputSource.ts) as one suite any implementation can be run
// through: InputSource.contract.test.ts runs it over the HID, terminal and fake sources,
// serialScanner.contract.test.ts over SerialScanner on a socat pty.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { advanceSettled, settle } from '../../../src/adapters/hid/hidRecording.js';
import type { DeviceStatus } from '../../../src/core/input/DeviceStatus.js';
import { isValidInputEvent, type InputEvent } from '../../../src/core/input/InputEvent.js';
import type { ManualClock } from '../../../src/core/input/ManualClock.js';
import type { InputSource } from '../../../src/ports/InputSource.js';

export interface Target {
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
export const passTime = (c: ManualClock, ms = 1000) => advanceSettled(c, c.now() + ms);

/** `after` runs once the suite is over (a target's fixtures: socat, temp dirs). */
export function contract(name: string, make: () => Target, after?: () => Promise<void>): void {
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

  if (after) t.after(after);
  t.run();
}
