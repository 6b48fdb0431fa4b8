import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { decodeBootReport, initialBootState, type BootState } from '../../../src/core/input/decodeBootReport.js';

const r = (...b: number[]) => Uint8Array.from(b);
const unnumbered = { reportId: null };

test('a new usage in a slot is a press; the same report again is not', () => {
  const a = decodeBootReport(initialBootState, r(0, 0, 0x1e, 0, 0, 0, 0, 0), unnumbered);
  assert.equal(a.status === 'ok' && a.presses, [{ usage: 0x1e, modifiers: 0 }]);
  const b = decodeBootReport(a.state, r(0, 0, 0x1e, 0, 0, 0, 0, 0), unnumbered);
  assert.equal(b.status === 'ok' && b.presses, []);
});

test('"11" needs the all-zero release report in between, as devices send it', () => {
  let s: BootState = initialBootState;
  const presses: number[] = [];
  for (const rep of [r(0, 0, 0x1e, 0, 0, 0, 0, 0), r(0, 0, 0, 0, 0, 0, 0, 0), r(0, 0, 0x1e, 0, 0, 0, 0, 0)]) {
    const res = decodeBootReport(s, rep, unnumbered);
    s = res.state;
    if (res.status === 'ok') presses.push(...res.presses.map((p) => p.usage));
  }
  assert.equal(presses, [0x1e, 0x1e]);
});

test('modifiers travel with the press (LShift = bit 1)', () => {
  const a = decodeBootReport(initialBootState, r(0x02, 0, 0x16, 0, 0, 0, 0, 0), unnumbered);
  assert.equal(a.status === 'ok' && a.presses, [{ usage: 0x16, modifiers: 0x02 }]);
});

test('ErrorRollOver keeps the previous state: no phantom release and re-press', () => {
  const a = decodeBootReport(initialBootState, r(0, 0, 0x21, 0, 0, 0, 0, 0), unnumbered);
  const b = decodeBootReport(a.state, r(0, 0, 1, 1, 1, 1, 1, 1), unnumbered);
  assert.is(b.status, 'ignored');
  assert.equal(b.state, a.state);
  const c = decodeBootReport(b.state, r(0, 0, 0x21, 0, 0, 0, 0, 0), unnumbered);
  assert.equal(c.status === 'ok' && c.presses, []);
});

test('numbered reports: id in byte 0 is checked and stripped; other ids are ignored', () => {
  const a = decodeBootReport(initialBootState, r(1, 0, 0, 0x24, 0, 0, 0, 0, 0), { reportId: 1 });
  assert.equal(a.status === 'ok' && a.presses.map((p) => p.usage), [0x24]);
  const b = decodeBootReport(initialBootState, r(3, 0xe9, 0), { reportId: 1 });
  assert.is(b.status === 'ignored' && b.reason, 'report-id');
});

test('reports of the wrong length are ignored, not guessed at', () => {
  for (const bad of [r(), r(0, 0, 0x1e), r(0, 0, 0x1e, 0, 0, 0, 0, 0, 0)]) {
    const res = decodeBootReport(initialBootState, bad, unnumbered);
    assert.is(res.status === 'ignored' && res.reason, 'length');
  }
});

test('duplicate usages in two slots count once', () => {
  const a = decodeBootReport(initialBootState, r(0, 0, 0x1e, 0x1e, 0, 0, 0, 0), unnumbered);
  assert.equal(a.status === 'ok' && a.presses.length, 1);
});

test.run();
