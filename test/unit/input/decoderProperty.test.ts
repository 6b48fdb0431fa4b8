// Property test: whatever bytes a device (or a loose USB contact) sends, the decoder never throws
// and only ever yields events the UI can trust. Seeded, so a failure reproduces.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  decodeDeviceReport,
  decoderDeadline,
  expireDecoder,
  initialDecoderState,
  resetDecoder,
  type DecoderState,
} from '../../../src/core/input/decodeDeviceReport.js';
import { isValidInputEvent, type InputEvent } from '../../../src/core/input/InputEvent.js';
import { parseInputProfile } from '../../../src/core/input/parseInputProfile.js';

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const match = { vendorId: 1, productId: 2 };
const profiles = [
  parseInputProfile({ id: 'keypad', role: 'keypad', match }),
  parseInputProfile({ id: 'keys', role: 'keypad', match, scanDetection: false }),
  parseInputProfile({ id: 'wedge', role: 'scanner', match, terminator: 'none' }),
  parseInputProfile({ id: 'numbered', role: 'keypad', match, reportId: 1, terminator: 'tab' }),
  parseInputProfile({ id: 'pos', role: 'scanner', match, protocol: 'hid-pos' }),
  parseInputProfile({ id: 'pos-cp', role: 'scanner', match, protocol: 'hid-pos', hidPos: { encoding: 'windows-1254', reportId: null } }),
];

/** Report sizes real devices use (8, 9, 64) most of the time, anything 0..70 otherwise. */
function randomReport(rnd: () => number, profileId: string): Uint8Array {
  const pick = rnd();
  const len = pick < 0.35 ? 8 : pick < 0.5 ? 9 : pick < 0.7 ? 64 : Math.floor(rnd() * 71);
  const b = new Uint8Array(len);
  for (let i = 0; i < len; i++) {
    // Mostly small values so usage IDs, lengths and report ids hit meaningful ranges often.
    b[i] = rnd() < 0.6 ? Math.floor(rnd() * 0x64) : Math.floor(rnd() * 256);
  }
  if (profileId === 'numbered' && len > 0 && rnd() < 0.7) b[0] = 1;
  if (profileId === 'pos' && len > 0 && rnd() < 0.7) b[0] = 2;
  return b;
}

test('5,000 random sessions: no throw, only valid events, from the right source, at fed times', () => {
  const rnd = mulberry32(0x5a4a);
  let total = 0;
  for (let c = 0; c < 5000; c++) {
    const p = profiles[c % profiles.length]!;
    let st: DecoderState = initialDecoderState;
    let t = Math.floor(rnd() * 1e6);
    const fed = new Set<number>();
    const out: InputEvent[] = [];
    const reports = 1 + Math.floor(rnd() * 30);
    for (let i = 0; i < reports; i++) {
      // Mostly scanner-fast or human-slow gaps; occasionally time steps backwards.
      t += rnd() < 0.05 ? -Math.floor(rnd() * 50) : rnd() < 0.6 ? Math.floor(rnd() * 10) : Math.floor(rnd() * 400);
      fed.add(t);
      const bytes = randomReport(rnd, p.id);
      let step;
      try {
        step = decodeDeviceReport(st, bytes, t, p, p.id);
      } catch (e) {
        assert.unreachable(`case ${c} threw on ${Buffer.from(bytes).toString('hex')}: ${String(e)}`);
        return;
      }
      st = step.state;
      out.push(...step.events);
      if (rnd() < 0.2) {
        const due = decoderDeadline(st, p, p.id);
        if (due !== null) {
          const r = expireDecoder(st, due, p, p.id);
          out.push(...r.events);
          st = r.state;
        }
      }
    }
    out.push(...resetDecoder(st, p, p.id).events);
    for (const e of out) {
      assert.ok(isValidInputEvent(e), `case ${c}: invalid ${JSON.stringify(e)}`);
      assert.is(e.source, p.id);
      assert.ok(fed.has(e.at), `case ${c}: event time ${e.at} was never fed`);
    }
    total += out.length;
  }
  // Guard against a vacuous pass: random input must actually produce events sometimes.
  assert.ok(total > 1000, `only ${total} events in 5000 cases`);
});

test('the validity check itself rejects what the UI must never see', () => {
  const base = { source: 's', at: 0 };
  for (const bad of [
    { type: 'key', key: 'digit', value: 'a', ...base },
    { type: 'key', key: 'char', value: 'ab', ...base },
    { type: 'key', key: 'char', value: '\u0007', ...base },
    { type: 'key', key: 'enter', value: '1', ...base },
    { type: 'key', key: 'f9', ...base },
    { type: 'scan', code: '', ...base },
    { type: 'scan', code: 'A\rB', ...base },
    { type: 'scan', code: 'A', source: '', at: 0 },
    { type: 'scan', code: 'A', source: 's', at: NaN },
  ])
    assert.not.ok(isValidInputEvent(bad), JSON.stringify(bad));
  assert.ok(isValidInputEvent({ type: 'scan', code: '0104012345\u001d17250101', ...base }));
});

test.run();
