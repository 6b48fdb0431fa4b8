// Test harness: replays a test/fixtures/hid session through FakeHid → HidInput on a ManualClock and
// collects what the UI would have received.
import { readFileSync, readdirSync } from 'node:fs';
import { HidInput } from '../../../src/adapters/hid/HidInput.js';
import { FakeHid } from '../../../src/adapters/hid/FakeHid.js';
import { FakeHidDevice } from '../../../src/adapters/hid/FakeHidDevice.js';
import { advanceSettled, parseRecording, replayRecording, type HidRecording } from '../../../src/adapters/hid/hidRecording.js';
import type { DeviceStatus, Presence } from '../../../src/core/input/DeviceStatus.js';
import type { InputEvent } from '../../../src/core/input/InputEvent.js';
import type { InputProfile } from '../../../src/core/input/InputProfile.js';
import { ManualClock } from '../../../src/core/input/ManualClock.js';
import { parseInputProfile } from '../../../src/core/input/parseInputProfile.js';
import { noJitter } from '../../../src/core/retry/backoff.js';

export const FIXTURE_DIR = new URL('../../fixtures/hid/', import.meta.url).pathname;

export interface Fixture {
  name: string;
  description: string;
  profile: InputProfile;
  recording: HidRecording;
  expect: { events: Array<Record<string, unknown>>; presence: Presence[] };
}

export function fixtureNames(): string[] {
  return readdirSync(FIXTURE_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.replace(/\.json$/, ''))
    .sort();
}

export function loadFixture(name: string): Fixture {
  const json = JSON.parse(readFileSync(`${FIXTURE_DIR}${name}.json`, 'utf8'));
  return {
    name,
    description: json.description,
    profile: parseInputProfile(json.profile, name),
    recording: parseRecording(json),
    expect: json.expect,
  };
}

export function deviceFor(profile: InputProfile, path = '/dev/hidraw3'): FakeHidDevice {
  return new FakeHidDevice({ ...profile.match, interface: profile.match.interface ?? 0, path, product: profile.name });
}

export interface Rig {
  clock: ManualClock;
  hid: FakeHid;
  device: FakeHidDevice;
  input: HidInput;
  events: InputEvent[];
  statuses: DeviceStatus[];
}

export function rig(profile: InputProfile, opts: { plugged?: boolean } = {}): Rig {
  const clock = new ManualClock(1_000);
  const hid = new FakeHid();
  const device = deviceFor(profile);
  if (opts.plugged !== false) hid.plug(device);
  const input = new HidInput(profile, { hid, clock, backoff: { initialMs: 500, maxMs: 4000 }, random: noJitter });
  const events: InputEvent[] = [];
  const statuses: DeviceStatus[] = [];
  input.on('input', (e) => events.push(e)).on('device', (d) => statuses.push(d));
  return { clock, hid, device, input, events, statuses };
}

/** Replays the fixture, then lets any pending burst time out, as the real timer would. */
export async function runFixture(f: Fixture): Promise<Rig> {
  const r = rig(f.profile);
  await r.input.start();
  await replayRecording(f.recording, r);
  await advanceSettled(r.clock, r.clock.now() + 10_000);
  return r;
}

/** The fields a fixture's expectations talk about (not source/at, which are the rig's). */
export function essentials(e: InputEvent): Record<string, unknown> {
  if (e.type === 'key') return e.value === undefined ? { type: 'key', key: e.key } : { type: 'key', key: e.key, value: e.value };
  return e.symbology === undefined ? { type: 'scan', code: e.code } : { type: 'scan', code: e.code, symbology: e.symbology };
}
