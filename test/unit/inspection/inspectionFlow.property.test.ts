/**
 * Properties of the inspection form machine (src/core/inspection/inspectionFlow.ts) over random
 * keypad sequences, with app outcomes (some failing) delivered in between. Seeded (test/helpers/prng.ts):
 * a failure names its seed and step. Every state is frozen before the next action, so an edit in
 * place throws.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { InspectionFlow, MAIN_STEPS, type FlowAction, type FlowState, type MainStep } from '../../../src/core/inspection/inspectionFlow.js';
import { validateDraft } from '../../../src/core/inspection/index.js';
import type { InputKey } from '../../../src/core/input/InputEvent.js';
import { prng } from '../../helpers/prng.js';
import { begin, config, deepFreeze, key, SimApp } from './flowDriver.js';

const SEEDS = 400;
const KEYS: InputKey[] = ['digit', 'char', 'enter', 'back', 'clear', 'f1', 'f2', 'f3', 'up', 'down', 'left', 'f4'];
const WEIGHTS = [30, 12, 22, 6, 5, 6, 2, 3, 2, 1, 1, 1];
const SEALED = new Set(['sealed', 'printing', 'printed', 'print-failed']);

function randomKey(p: ReturnType<typeof prng>): FlowAction {
  if (p.next() < 0.04) return { type: 'scan', code: p.pick(['M10000001', ' SM-1 ', 'X9']) };
  let x = p.next() * WEIGHTS.reduce((a, b) => a + b, 0);
  let i = 0;
  while (x >= WEIGHTS[i]!) x -= WEIGHTS[i++]!;
  const k = KEYS[i]!;
  if (k === 'digit') return key(k, p.pick(['1', '1', '2', '2', '3', '4', '0', '9', '5']));
  if (k === 'char') return key(k, p.pick(['a', 'B', '.', ',', ' ', 'ş', '-']));
  return key(k);
}

/** The sealed report's required content, as the paper and the event carry it. */
function assertComplete(app: SimApp, where: string): void {
  const r = app.sealed;
  assert.ok(r, `${where}: printed without a sealed report`);
  const e = r!.event;
  assert.ok(e.finding === 'none' || e.subtype, `${where}: finding without subtype`);
  assert.ok(r!.printData.user.name.trim(), `${where}: no name of the person using the gas`);
  const said = [e.refusedToSign, e.userAbsent === true, e.customerStatement !== undefined].filter(Boolean).length;
  assert.is(said, 1, `${where}: exactly one of statement, refusal, absence`);
  if (e.refusedToSign || e.userAbsent) assert.ok(e.witnesses.length || e.noWitnessReason, `${where}: nobody signs and no reason`);
  assert.ok((e.officials ?? []).length >= 2, `${where}: fewer than two officials`);
  assert.ok(!e.customerStatement || e.customerStatement.trim(), `${where}: empty statement`);
  assert.ok(e.meterSerial || e.subtype === 'unmetered-connection', `${where}: no meter`);
}

interface Tally {
  sealed: number;
  printed: number;
  closedKept: number;
  discarded: number;
}

function walk(seed: number, tally: Tally): void {
  const p = prng(seed);
  const failRate = p.pick([0, 0, 0.1, 0.3]);
  const app = new SimApp({ noAccrual: p.next() < 0.1, failing: () => p.next() < failRate });
  let saveFailed = false;
  let s: FlowState = app.effects(begin());
  app.saved = structuredClone(s.draft); // begun: the empty draft is on disk
  const steps = p.int(20, 400);
  for (let i = 0; i < steps && !app.closed; i++) {
    const where = `seed ${seed} step ${i}`;
    const a: FlowAction = app.pending.length && p.next() < 0.5 ? app.pending.shift()! : randomKey(p);
    if (a.type === 'save-failed') saveFailed = true;
    const prev = s;
    const next = InspectionFlow.apply(deepFreeze(prev), a);
    const isKey = a.type === 'key';

    for (const fx of next.effects) {
      if (fx.do === 'confirm') {
        assert.ok(prev.step.kind === 'confirm' && isKey && a.key === 'enter', `${where}: confirm asked outside the confirmation`);
        assert.is(fx.draft, prev.draft, `${where}: confirm of another draft than the one reviewed`);
        assert.equal(validateDraft(fx.draft, config), [], `${where}: confirm asked for an incomplete draft`);
      }
      if (fx.do === 'print') assertComplete(app, where);
      if (fx.do === 'discard')
        assert.ok(
          prev.step.kind === 'leave' && isKey && a.key === 'digit' && a.value === '2',
          `${where}: discard without the crew choosing it`,
        );
    }
    const leaving = next.effects.some((fx) => fx.do === 'close') && prev.step.kind === 'leave';
    if (isKey && a.key === 'back') {
      assert.is(next.draft, prev.draft, `${where}: Back changed the draft`);
      assert.not.ok(
        next.effects.some((fx) => fx.do === 'discard' || fx.do === 'confirm' || fx.do === 'print'),
        `${where}: Back did more than go back`,
      );
    }
    if (prev.step.kind === 'sealing' || SEALED.has(prev.step.kind)) {
      assert.is(next.draft, prev.draft, `${where}: the draft changed after sealing began`);
      const allowed = SEALED.has(prev.step.kind) ? SEALED : new Set(['sealing', 'sealed', 'review']);
      assert.ok(allowed.has(next.step.kind), `${where}: ${next.step.kind} after ${prev.step.kind}`);
    }
    if (prev.draft) assert.ok(next.draft, `${where}: the draft was dropped`);

    const v = InspectionFlow.view(next);
    assert.is(v.progress !== null, MAIN_STEPS.includes(next.step.kind as MainStep), `${where}: progress on ${next.step.kind}`);
    s = app.effects(next);
    if (leaving && !saveFailed && !app.pending.some((x) => x.type === 'save-failed')) {
      // Leaving with "keep" saves everything, the meter step's fields as typed included.
      assert.equal(app.saved, next.draft, `${where}: leaving loses entries`);
      const m = next.meter;
      if (!m.noMeter && m.serial.trim())
        assert.equal(
          [app.saved!.meter?.serial, app.saved!.meter?.index],
          [m.serial.trim(), m.index ? Number(m.index) : null],
          `${where}: the meter step's fields are lost`,
        );
      tally.closedKept++;
    }
  }
  if (app.sealed) tally.sealed++;
  if (app.printed) tally.printed++;
  if (app.discarded) tally.discarded++;
}

test(`${SEEDS} random keypad walks: nothing incomplete is sealed or printed, Back and leaving never lose the draft`, () => {
  const tally: Tally = { sealed: 0, printed: 0, closedKept: 0, discarded: 0 };
  for (let seed = 1; seed <= SEEDS; seed++) walk(seed, tally);
  // The walks must reach the interesting ends, or the properties above say little.
  assert.ok(tally.sealed >= SEEDS / 10, `only ${tally.sealed} walks sealed a report`);
  assert.ok(tally.printed >= SEEDS / 20, `only ${tally.printed} walks printed`);
  assert.ok(tally.closedKept >= SEEDS / 10, `only ${tally.closedKept} walks left keeping the draft`);
  assert.ok(tally.discarded >= SEEDS / 20, `only ${tally.discarded} walks discarded`);
});

test.run();
