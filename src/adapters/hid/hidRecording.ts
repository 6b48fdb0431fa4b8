import type { ManualClock } from '../../core/input/ManualClock.js';
import type { FakeHid } from './FakeHid.js';
import type { FakeHidDevice } from './FakeHidDevice.js';

/**
 * A recorded HID session (test/fixtures/hid/*.json): input reports as hex with times relative to
 * the start, plus unplug/plug moments. Replayed through FakeHid/FakeHidDevice on a ManualClock so
 * the adapter sees exactly the recorded timing, without waiting for it.
 */
export type RecordingStep = { t: number; report: Uint8Array } | { t: number; unplug: true } | { t: number; plug: true };

export interface HidRecording {
  description: string;
  steps: RecordingStep[];
}

export function parseHex(hex: string): Uint8Array {
  const clean = hex.replace(/[\s:]/g, '');
  if (!/^([0-9a-f]{2})*$/i.test(clean)) throw new Error(`not hex bytes: ${JSON.stringify(hex)}`);
  return Uint8Array.from(clean.match(/../g) ?? [], (b) => parseInt(b, 16));
}

export function parseRecording(json: unknown): HidRecording {
  const o = json as { description?: unknown; steps?: unknown };
  if (!Array.isArray(o?.steps)) throw new Error('recording: steps must be an array');
  let last = 0;
  const steps = o.steps.map((s: Record<string, unknown>, i: number): RecordingStep => {
    const t = s.t;
    if (typeof t !== 'number' || t < last) throw new Error(`recording: steps[${i}].t must be a non-decreasing number`);
    last = t;
    if (typeof s.report === 'string') return { t, report: parseHex(s.report) };
    if (s.unplug === true) return { t, unplug: true };
    if (s.plug === true) return { t, plug: true };
    throw new Error(`recording: steps[${i}] needs report, unplug or plug`);
  });
  return { description: typeof o.description === 'string' ? o.description : '', steps };
}

/** Lets promise continuations (the adapter's async open/close) run before the next step. */
export const settle = (): Promise<void> => new Promise((r) => setImmediate(r));

/**
 * Advances a ManualClock timer by timer, letting async work a timer started (a reconnect's
 * devicesAsync/open) finish at that moment, before time moves on, as it would in real life.
 */
export async function advanceSettled(clock: ManualClock, to: number): Promise<void> {
  for (;;) {
    const due = clock.nextDue();
    if (due === undefined || due > to) break;
    clock.advanceTo(due);
    await settle();
  }
  clock.advanceTo(to);
  await settle();
}

export async function replayRecording(rec: HidRecording, env: { clock: ManualClock; hid: FakeHid; device: FakeHidDevice }): Promise<void> {
  const start = env.clock.now();
  for (const step of rec.steps) {
    await advanceSettled(env.clock, start + step.t);
    if ('report' in step) env.device.send(step.report);
    else if ('unplug' in step) env.hid.unplug(env.device);
    else env.hid.plug(env.device);
    await settle();
  }
}
