/**
 * The scan gate of the field-work flows (core/fieldwork/flow/scan.ts, issue 19): "barkod
 * okunamıyor" with a reason on the scan step, the override on the confirm and in the commit; after
 * a scan of another meter: no override, code 11 keeps the scanned serial, F4 opens that meter's
 * job; and the gas-smell stop, whose keys say what they do and never lead back to the questions.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FieldWorkFlow, type FlowEffect, type FlowPlan, type FlowState } from '../../../src/core/fieldwork/fieldWorkFlow.js';
import { SCAN_OVERRIDE_REASONS } from '../../../src/core/reading/scanGate.js';
import { answers, AT, back, begin, digit, enter, f, run, scan, SERIAL, typed } from './flowFixtures.js';

const { apply, viewOf } = FieldWorkFlow;
const v = (s: FlowState) => viewOf(s, s.now.check).view;
const effects = (s: FlowState, t: FlowEffect['t']) => s.effects.filter((e) => e.t === t);
const WRONG = 'M99999999';
const OTHER = { jobId: 'J-OTHER', seq: 7 };

/** To the scan step of each plan (the cut passes its preconditions, an installation says it removes). */
function atScan(plan: FlowPlan): FlowState {
  if (plan === 'cut') return run(begin('cut'), enter);
  if (plan === 'meter-installation') return run(begin(plan), ...answers('11'), digit('1'));
  return begin(plan);
}

function commitOf(s: FlowState) {
  const c = effects(s, 'commit')[0];
  assert.ok(c && c.t === 'commit', 'a commit was asked for');
  return c.request;
}

test('F3 on the scan step: pick a reason, go on; the override is recorded with who and when, shown on the confirm, committed instead of a code', () => {
  let s = atScan('cut');
  assert.equal(viewOf(s).keys, ['notDone', 'scan', 'unreadable']);
  s = run(s, f(3));
  assert.equal(v(s), { v: 'scan-override', reasons: SCAN_OVERRIDE_REASONS, selected: 0 });
  assert.equal(viewOf(s).keys, [], 'no soft key on the list');
  s = run(s, digit('2'));
  assert.is(v(s).v, 'check', 'the reason taken, the checklist follows');
  assert.equal(s.data.scanOverride, { reasonCode: '02', operatorId: 'op-7', at: AT });
  assert.is(s.data.scanned, undefined);
  assert.equal(effects(s, 'recordScan'), [], 'nothing was scanned');
  s = run(s, ...answers('1111'), ...typed('3200'), ...typed('KM1234567'));
  const sum = v(s);
  assert.equal(sum.v === 'confirm' && sum.summary.scanOverride, { reasonCode: '02' });
  s = run(s, enter);
  const r = commitOf(s);
  assert.ok(r.kind === 'cut');
  assert.equal(r.input.scanOverride, { reasonCode: '02', at: AT });
  assert.not.ok('scannedCode' in r.input, 'no code with an override');
});

test('the reason list: ↑/↓ wrap, Enter takes the highlighted one, Back returns to the scan with nothing taken', () => {
  let s = run(atScan('reconnect'), f(3), { t: 'move', by: -1 });
  assert.is(s.phase.s === 'scan-override' && s.phase.selected, SCAN_OVERRIDE_REASONS.length - 1);
  const backed = run(s, back);
  assert.is(v(backed).v, 'scan');
  assert.is(backed.data.scanOverride, undefined);
  assert.equal(run(s, digit('9')).phase, s.phase, 'no such reason');
  s = run(s, { t: 'move', by: 1 }, { t: 'move', by: 1 }, enter);
  assert.equal(s.data.scanOverride?.reasonCode, SCAN_OVERRIDE_REASONS[1]!.code);
});

test('a scan while the reason list is open is the scan: the job goes on with the code, no override', () => {
  const s = run(atScan('reconnect'), f(3), scan(SERIAL));
  assert.is(v(s).v, 'check');
  assert.is(s.data.scanned, SERIAL);
  assert.is(s.data.scanOverride, undefined);
});

test('every kind commits the override: reconnection, removal, installation with an old meter', () => {
  const rc = run(
    atScan('reconnect'),
    f(3),
    digit('1'),
    ...answers('111'),
    ...typed('KM1234567'),
    ...typed('3100'),
    ...answers('1111'),
    enter,
  );
  const r1 = commitOf(rc);
  assert.ok(r1.kind === 'reconnect' && r1.input.scanOverride?.reasonCode === '01' && !('scannedCode' in r1.input));
  const rm = run(atScan('meter-removal'), f(3), digit('3'), ...answers('11'), ...typed('3200'), enter, digit('2'));
  const sum = v(rm);
  assert.equal(sum.v === 'confirm' && sum.summary.scanOverride, { reasonCode: '03' });
  const r2 = commitOf(run(rm, enter));
  assert.ok(r2.kind === 'meter-exchange');
  assert.equal(r2.input.removed, { scanOverride: { reasonCode: '03', at: AT }, finalIndex: 3200, sealNos: [] });
});

test('a new connection scans no meter: no override on its confirm even if one was picked before the crew said "no old meter"', () => {
  let s = run(begin('meter-installation'), ...answers('11'), digit('1'), f(3), digit('1'));
  assert.ok(s.data.scanOverride);
  // Back to the question, "no old meter": the installation goes on without a removal.
  while (v(s).v !== 'ask') s = run(s, back);
  s = run(s, digit('2'), ...typed('ESG99000001'), ...typed('0'), ...typed('AB123456'), enter);
  while (v(s).v === 'check') s = run(s, digit('1'));
  const sum = v(s);
  assert.ok(sum.v === 'confirm' && sum.summary.scanOverride === undefined);
  const r = commitOf(run(s, enter));
  assert.ok(r.kind === 'meter-exchange' && r.input.removed === undefined);
});

test('after a scan of another meter: the override is refused (that barcode was readable); re-scan goes on and clears it', () => {
  let s = run(atScan('cut'), scan(WRONG));
  assert.is(s.data.mismatch, WRONG);
  assert.equal(viewOf(s).keys, ['notDone'], 'F4 only once the app found its job');
  s = run(s, back);
  const sv = v(s);
  assert.ok(sv.v === 'scan');
  assert.equal(sv.notice, { ui: 'fw.scan.rescan', params: { code: WRONG } });
  assert.equal(viewOf(s).keys, ['notDone', 'scan'], 'no "barkod okunamıyor" key after another meter');
  s = run(s, f(3));
  assert.is(s.phase.s, 'plan');
  assert.equal(s.notice, { ui: 'fw.scan.overrideAfterMismatch', params: { code: WRONG } });
  assert.is(s.data.scanOverride, undefined);
  // The right meter: the job goes on, the mismatch forgotten.
  s = run(s, scan(SERIAL));
  assert.is(v(s).v, 'check');
  assert.is(s.data.mismatch, undefined);
  assert.is(s.data.scanned, SERIAL);
});

test('the wrong-meter stop takes a scan as the re-scan: the right meter goes on, another one stops again', () => {
  const stopped = run(atScan('reconnect'), scan(WRONG));
  const ok = run(stopped, scan(SERIAL));
  assert.is(v(ok).v, 'check');
  assert.equal(effects(ok, 'recordScan'), [{ t: 'recordScan', jobId: 'J-FW01', code: SERIAL }]);
  const again = run(stopped, scan('M88888888'));
  assert.ok(again.phase.s === 'stopped' && again.phase.wrongScan?.code === 'M88888888');
  assert.is(again.data.mismatch, 'M88888888');
});

test('another meter voids an override picked before it (Back to the scan, then the wrong meter)', () => {
  let s = run(atScan('cut'), f(3), digit('1'));
  assert.ok(s.data.scanOverride);
  s = run(s, back, scan(WRONG));
  assert.is(s.data.scanOverride, undefined);
  assert.is(s.data.mismatch, WRONG);
});

test('code 11 after another meter keeps the scanned serial in the not-done record; another code or a later match does not', () => {
  const stopped = run(atScan('cut'), scan(WRONG));
  const eleven = run(stopped, enter, enter, enter);
  assert.equal(effects(eleven, 'notDone'), [
    { t: 'notDone', request: { jobId: 'J-FW01', reasonCode: '11', checklist: [], scannedSerial: WRONG } },
  ]);
  // 02 from the same list: the serial says nothing about "no access".
  const other = run(stopped, enter, digit('0'), digit('2'), enter, enter);
  const r = effects(other, 'notDone')[0];
  assert.ok(r?.t === 'notDone' && r.request.reasonCode === '02' && r.request.scannedSerial === undefined);
  // The right meter scanned after all: code 11 later (the dials say another meter) keeps no serial.
  const matched = run(stopped, scan(SERIAL), f(1), digit('1'), digit('1'), enter, enter);
  const m = effects(matched, 'notDone')[0];
  assert.ok(m?.t === 'notDone' && m.request.reasonCode === '11' && m.request.scannedSerial === undefined);
});

test("F4 opens the scanned meter's own job when the app finds one on the route; otherwise there is no F4", () => {
  let s = run(atScan('meter-removal'), scan(WRONG));
  assert.equal(run(s, f(4)).effects, [], 'no job known: F4 does nothing');
  assert.equal(apply(s, { t: 'jobOfMeter', code: WRONG, job: null }).phase, s.phase);
  assert.equal(apply(s, { t: 'jobOfMeter', code: 'M77777777', job: OTHER }).phase, s.phase, 'an answer for another code');
  assert.equal(apply(s, { t: 'jobOfMeter', code: WRONG, job: { jobId: 'J-FW01', seq: 1 } }).phase, s.phase, 'not this job');
  s = apply(s, { t: 'jobOfMeter', code: WRONG, job: OTHER });
  const sv = v(s);
  assert.ok(sv.v === 'stopped' && sv.wrongScan?.other?.seq === 7);
  assert.equal(viewOf(s).keys, ['notDone', undefined, undefined, 'openJob']);
  assert.equal(run(s, f(4)).effects, [{ t: 'openJob', jobId: 'J-OTHER', code: WRONG }]);
  // Not on the way back to the plan.
  assert.equal(run(s, back, f(4)).effects, []);
});

test('gas smell: the stop has no way back (the screen shows no Esc), Enter opens the emergency codes whose Back returns to the stop', () => {
  const confirm = run(begin('reconnect'), scan(SERIAL), ...answers('11'), digit('2'));
  assert.is(viewOf(confirm).noBack, undefined, 'before Enter, Esc returns to the question');
  assert.is(v(run(confirm, back)).v, 'check');
  const stopped = run(confirm, enter);
  const m = viewOf(stopped);
  assert.equal(m, { view: { v: 'stopped', why: { ui: 'fw.hazard' }, hazard: true }, keys: ['notDone'], noBack: true });
  assert.equal(run(stopped, back).phase, stopped.phase, 'Esc does nothing');
  assert.equal(run(stopped, back, back, scan(SERIAL), f(3), f(4)).phase, stopped.phase, 'nor a scan or another key');
  const list = run(stopped, enter);
  assert.is(list.phase.s, 'notdone-pick');
  assert.equal(run(list, back).phase, stopped.phase, 'Back from the codes: the stop, never the plan');
  assert.equal(run(stopped, f(1)).phase, list.phase, 'F1 as Enter');
  // A stop that is not a hazard keeps its way back.
  assert.is(viewOf(run(begin('reconnect'), scan(WRONG))).noBack, undefined);
});

test('Back out of a half-answered checklist drops its answers: a tightness check never outlives a re-answered valve', () => {
  let s = run(begin('meter-removal'), scan(SERIAL), ...answers('11'), ...typed('3200'), enter, digit('1'));
  s = run(s, ...typed('ESG99000001'), ...typed('3200'), ...typed('CD7654321'), enter);
  assert.is(v(s).v, 'check');
  s = run(s, digit('1'), digit('1'), back);
  assert.is(v(s).v, 'seal');
  assert.equal(
    s.data.answers.map((a) => a.id),
    ['no-gas-smell', 'inlet-valve-closed', 'valve-opened'],
    'the opened valve stays on record (the gas is open), the tightness answer goes',
  );
  s = run(s, enter, digit('2'));
  assert.not.ok(
    s.data.answers.some((a) => a.id === 'leak-test-ok'),
    'no tightness answer left from before',
  );
});

test.run();
