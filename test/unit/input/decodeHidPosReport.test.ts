import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  decodeHidPosReport,
  defaultHidPosLayout as L,
  initialHidPosState,
  type HidPosState,
} from '../../../src/core/input/decodeHidPosReport.js';

/** Access-IS layout: [0] id 2, [1] length, [2..4] AIM id, [5..] data, [63] bit 0 continued. */
function report(data: string | number[], o: { cont?: boolean; id?: number; aim?: string; len?: number; size?: number } = {}) {
  const b = new Uint8Array(o.size ?? 64);
  const bytes = typeof data === 'string' ? [...Buffer.from(data)] : data;
  b[0] = o.id ?? 2;
  b[1] = o.len ?? bytes.length;
  [...(o.aim ?? ']C0')].forEach((c, i) => (b[2 + i] = c.charCodeAt(0)));
  bytes.forEach((x, i) => (b[5 + i] = x));
  if (o.cont) b[63] = 1;
  return b;
}

test('one report, one scan, with its AIM symbology identifier', () => {
  const r = decodeHidPosReport(initialHidPosState, report('SAYAC-123456'), 10, L, 'scanner');
  assert.equal(r.scan, { type: 'scan', code: 'SAYAC-123456', symbology: ']C0', source: 'scanner', at: 10 });
});

test('"data continued" joins reports into one scan', () => {
  const a = decodeHidPosReport(initialHidPosState, report('A'.repeat(56), { cont: true }), 0, L, 's');
  assert.is(a.scan, null);
  const b = decodeHidPosReport(a.state, report('BCDE'), 5, L, 's');
  assert.is(b.scan?.code, 'A'.repeat(56) + 'BCDE');
  assert.equal(b.state, initialHidPosState);
});

test('a continuation that never comes is abandoned, not glued onto the next scan', () => {
  const a = decodeHidPosReport(initialHidPosState, report('STALE', { cont: true }), 0, L, 's');
  const b = decodeHidPosReport(a.state, report('FRESH'), 5000, L, 's');
  assert.is(b.scan?.code, 'FRESH');
});

test('foreign report ids, impossible lengths and truncated reports are ignored', () => {
  const s: HidPosState = initialHidPosState;
  assert.is(decodeHidPosReport(s, report('X', { id: 4 }), 0, L, 's').ignored, 'report-id');
  assert.is(decodeHidPosReport(s, report('X', { len: 57 }), 0, L, 's').ignored, 'length');
  assert.is(decodeHidPosReport(s, report('ABCDEFGH', { size: 8 }), 0, L, 's').ignored, 'length');
  assert.is(decodeHidPosReport(s, new Uint8Array([2]), 0, L, 's').ignored, 'length');
});

test('CR/LF suffixes and NULs are stripped; an empty result is no scan', () => {
  assert.is(decodeHidPosReport(initialHidPosState, report('SAYAC-9\r\n'), 0, L, 's').scan?.code, 'SAYAC-9');
  assert.is(decodeHidPosReport(initialHidPosState, report([0, 0, 13]), 0, L, 's').scan, null);
});

test('UTF-8 data keeps Turkish letters; windows-1254 layouts decode too', () => {
  assert.is(decodeHidPosReport(initialHidPosState, report('ŞİŞLİ-1'), 0, L, 's').scan?.code, 'ŞİŞLİ-1');
  const cp = { ...L, encoding: 'windows-1254' };
  assert.is(decodeHidPosReport(initialHidPosState, report([0xde, 0xdd, 0x2d, 0x31]), 0, cp, 's').scan?.code, 'Şİ-1');
});

test('a Microscan-style layout (id 1, data at 2, no symbology, no continuation) is just profile data', () => {
  const l = { ...L, reportId: 1, dataIndex: 2, dataMax: 62, symbologyIndex: null, continuationIndex: null };
  const b = new Uint8Array(64);
  b.set([1, 4, ...Buffer.from('A123')]);
  const r = decodeHidPosReport(initialHidPosState, b, 0, l, 's');
  assert.equal(r.scan, { type: 'scan', code: 'A123', source: 's', at: 0 });
});

test.run();
