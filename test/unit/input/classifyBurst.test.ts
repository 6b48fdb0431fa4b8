import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  burstDeadline,
  expireBurst,
  initialBurstState,
  stepBurst,
  type BurstConfig,
  type BurstState,
} from '../../../src/core/input/classifyBurst.js';
import type { InputEvent } from '../../../src/core/input/InputEvent.js';
import type { Stroke } from '../../../src/core/input/Stroke.js';

const mixed: BurstConfig = { mode: 'mixed', terminator: 'enter', maxGapMs: 40, minLength: 4, source: 'terminal' };
const scanner: BurstConfig = { ...mixed, mode: 'scanner', maxGapMs: 100, source: 'scanner' };

const text = (value: string, t: number): Stroke => ({ t, key: /[0-9]/.test(value) ? 'digit' : 'char', value, name: value });
const enter = (t: number): Stroke => ({ t, key: 'enter', name: 'Enter' });
const tab = (t: number): Stroke => ({ t, key: null, name: 'Tab' });

/** Feeds "chars" at the given times; then, like the adapter's timer, expires at the deadline. */
function run(cfg: BurstConfig, strokes: Stroke[]): InputEvent[] {
  let st: BurstState = initialBurstState;
  const out: InputEvent[] = [];
  for (const s of strokes) {
    const r = stepBurst(st, s, cfg);
    st = r.state;
    out.push(...r.events);
  }
  const due = burstDeadline(st, cfg);
  if (due !== null) out.push(...expireBurst(st, due, cfg).events);
  return out;
}
const typed = (str: string, t0: number, gap: number) => [...str].map((c, i) => text(c, t0 + i * gap));
const brief = (es: InputEvent[]) => es.map((e) => (e.type === 'scan' ? `scan:${e.code}` : (e.value ?? e.key)));

test('a burst 5 ms apart ending in Enter is one scan, on a shared keyboard', () => {
  const strokes = typed('SAYAC-123456', 0, 5);
  assert.equal(brief(run(mixed, [...strokes, enter(60)])), ['scan:SAYAC-123456']);
});

test('a TTY delivers a scanned line in one read: all strokes at the same instant still make one scan', () => {
  assert.equal(brief(run(mixed, [...typed('SAYAC-1', 7, 0), enter(7)])), ['scan:SAYAC-1']);
});

test('people typing (150 ms apart) get their keys, in order, Enter included', () => {
  assert.equal(brief(run(mixed, [...typed('1234', 0, 150), enter(600)])), ['1', '2', '3', '4', 'enter']);
});

test('a fast but short burst (below minLength) is typing: 12 then Enter', () => {
  assert.equal(brief(run(mixed, [...typed('12', 0, 5), enter(10)])), ['1', '2', 'enter']);
});

test('a pause inside the burst breaks it: what came before is keys, the rest can still be a scan', () => {
  const strokes = [...typed('99', 0, 5), ...typed('SAYAC-7', 500, 4), enter(530)];
  assert.equal(brief(run(mixed, strokes)), ['9', '9', 'scan:SAYAC-7']);
});

test('the exact gap limit still counts as a burst; one more millisecond does not', () => {
  assert.equal(brief(run(mixed, [...typed('ABCD', 0, 40), enter(160)])), ['scan:ABCD']);
  assert.equal(brief(run(mixed, [...typed('ABCD', 0, 41), enter(164)])), ['A', 'B', 'C', 'D', 'enter']);
});

test('time going backwards is not trusted as a burst', () => {
  const strokes = [text('A', 100), text('B', 101), text('C', 50), text('D', 51), enter(52)];
  assert.equal(brief(run(mixed, strokes)), ['A', 'B', 'C', 'D', 'enter']);
});

test('an arrow inside a burst means typing: everything is released as keys', () => {
  const strokes = [...typed('12', 0, 5), { t: 12, key: 'down' as const, name: 'ArrowDown' }];
  assert.equal(brief(run(mixed, strokes)), ['1', '2', 'down']);
});

test('a dedicated scanner: text up to the terminator is a scan, even short and slow (gaps ≤ maxGapMs)', () => {
  assert.equal(brief(run(scanner, [...typed('AB', 0, 90), enter(180)])), ['scan:AB']);
});

test('a dedicated scanner never types: a lone Enter or arrow from it is dropped', () => {
  assert.equal(brief(run(scanner, [enter(0), { t: 5, key: 'up', name: 'ArrowUp' }])), []);
});

test('a dedicated scanner whose terminator got lost: long bursts still scan, short ones are dropped', () => {
  assert.equal(brief(run(scanner, typed('SAYAC-1', 0, 3))), ['scan:SAYAC-1']);
  assert.equal(brief(run(scanner, typed('SA', 0, 3))), []);
});

test('Tab as terminator; Enter then is an ordinary key', () => {
  const cfg = { ...mixed, terminator: 'tab' as const };
  assert.equal(brief(run(cfg, [...typed('SAYAC-1', 0, 3), tab(25)])), ['scan:SAYAC-1']);
});

test('no terminator: a long fast burst that stops is a scan', () => {
  const cfg = { ...mixed, terminator: 'none' as const };
  assert.equal(brief(run(cfg, typed('SAYAC-1', 0, 3))), ['scan:SAYAC-1']);
  assert.equal(brief(run(cfg, typed('12', 0, 3))), ['1', '2']);
});

test('keys mode passes everything straight through, no deadline', () => {
  const cfg = { ...mixed, mode: 'keys' as const };
  const r = stepBurst(initialBurstState, text('5', 0), cfg);
  assert.equal(brief(r.events), ['5']);
  assert.is(burstDeadline(r.state, cfg), null);
});

test('expire before the deadline changes nothing', () => {
  const r = stepBurst(initialBurstState, text('5', 0), mixed);
  assert.equal(expireBurst(r.state, 40, mixed).events, []);
  assert.equal(brief(expireBurst(r.state, 41, mixed).events), ['5']);
});

test('events carry the source and the stroke time', () => {
  const [e] = run(mixed, [text('5', 123)]);
  assert.equal(e, { type: 'key', key: 'digit', value: '5', source: 'terminal', at: 123 });
});

test.run();
