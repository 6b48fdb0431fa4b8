/**
 * The inspection form as a pure machine (src/core/inspection/inspectionFlow.ts), step by step:
 * the same keys, steps and draft edits as the screen, without a terminal. Each state is frozen
 * before the next action (run/SimApp), so an edit in place would throw.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { InspectionFlow, type FlowState } from '../../../src/core/inspection/inspectionFlow.js';
import { emptyDraft } from '../../../src/core/inspection/index.js';
import { begin, config, effectsOf, key, plan, REPORT_NO, run, SimApp, type } from './flowDriver.js';

const enter = key('enter');
const back = key('back');
const kind = (s: FlowState) => s.step.kind;

/** The e2e kaçak report (test/e2e/inspection/inspectionTui.test.ts) up to the review. */
function toReview(app = new SimApp()): FlowState {
  let s = begin();
  for (const a of [
    { type: 'scan' as const, code: 'M10000001' },
    ...type('1163'),
    enter,
    key('f1'),
    ...type('SM777'),
    enter,
    key('digit', '2'),
    key('f1'),
    ...type('SM9002'),
    enter,
    key('digit', '4'),
    enter,
    key('digit', '2'),
    key('digit', '1'),
    key('f1'),
    key('digit', '1'),
    enter,
    enter,
    ...type('Hasan Oz'),
    enter,
    key('f1'),
    ...type('Ayse Demir'),
    enter,
    enter,
    key('f1'),
    ...type('1002'),
    enter,
    ...type('Veli Sahin'),
    enter,
    key('digit', '1'),
    enter,
    key('digit', '1'),
    key('digit', '2'),
    enter,
    key('digit', '2'),
  ])
    s = app.step(s, a);
  return s;
}

test('start resumes a draft: the meter fields come from it, an unmetered connection is "no meter"', () => {
  const s = begin(plan({ draft: { ...emptyDraft(), meter: { serial: 'M1', scanned: true, index: 42 } } }));
  assert.is(kind(s), 'meter');
  assert.equal(s.meter, { field: 'serial', serial: 'M1', index: '42', noMeter: false });
  const none = begin(plan({ draft: { ...emptyDraft(), finding: 'kacak', subtype: 'unmetered-connection' } }));
  assert.ok(none.meter.noMeter);
  assert.not.ok(begin().meter.noMeter, 'an empty new draft has no meter yet, but the crew has not said so');
});

test('before the report is begun keys do nothing; a failure to begin shows it and Enter closes', () => {
  const s0 = InspectionFlow.opening({ config });
  assert.is(run(s0, enter, key('digit', '1'), { type: 'scan', code: 'X' }), s0);
  const failed = run(s0, { type: 'open-failed', reason: 'no number' });
  assert.equal(failed.step, { kind: 'failed', reason: 'no number' });
  assert.equal(run(failed, enter).effects, [{ do: 'close' }]);
  const opened = run(s0, { type: 'opened', plan: plan() });
  assert.is(kind(opened), 'meter');
});

test('meter: Enter without a serial asks for it; the first Enter after the serial moves to the index without saving', () => {
  const asked = run(begin(), enter);
  assert.equal(asked.problem, { key: 'insp.meter.needSerial' });
  assert.equal(asked.effects, []);
  const typed = run(begin(), type('M10000001'), enter);
  assert.is(typed.meter.field, 'index');
  assert.equal(typed.draft!.meter, { serial: 'M10000001', scanned: false, index: null });
  assert.equal(typed.effects, []);
  const on = run(typed, type('77'), enter);
  assert.is(kind(on), 'seals');
  assert.equal(effectsOf(on, 'save'), [{ do: 'save', reportNo: REPORT_NO, draft: on.draft! }]);
  assert.equal(on.draft!.meter, { serial: 'M10000001', scanned: false, index: 77 });
});

test('meter: a scan fills the serial as scanned and moves to the index; F1 says there is no meter', () => {
  const s = run(begin(), { type: 'scan', code: ' M10000001 ' });
  assert.equal(s.draft!.meter, { serial: 'M10000001', scanned: true, index: null });
  assert.is(s.meter.field, 'index');
  const none = run(s, key('f1'));
  assert.is(none.draft!.meter, null);
  assert.ok(none.meter.noMeter);
  assert.equal(
    run(none, key('f1')).draft!.meter,
    { serial: 'M10000001', scanned: false, index: null },
    'F1 again: the typed serial, as typed',
  );
  assert.equal(run(begin(), key('f2')).effects, [{ do: 'prompt-scan' }]);
});

test('the e2e kaçak report reaches the review with every entry, saved at each main step, previewed once there', () => {
  const app = new SimApp();
  const s = toReview(app);
  assert.is(kind(s), 'review');
  assert.equal(s.draft, {
    meter: { serial: 'M10000001', scanned: true, index: 1163 },
    seals: [
      { sealNo: 'SM777', status: 'broken' },
      { sealNo: 'SM9002', status: 'fitted' },
    ],
    finding: 'kacak',
    subtype: 'seal-broken',
    appliances: [{ type: 'kombi', kw: '24' }],
    user: { name: 'Hasan Oz' },
    witnesses: [{ name: 'Ayse Demir' }],
    officer: { operatorId: '1002', name: 'Veli Sahin' },
    actions: ['gas-cut', 'seal-fitted'],
    statement: { kind: 'refused' },
  });
  assert.equal(app.saved, s.draft, 'the draft on disk is the one under review');
  assert.is(
    app.saves,
    17,
    '9 moves between main steps, and each change between them: the finding, 2 seals, 1 appliance, 1 witness, the officer confirmed, 2 actions',
  );
  assert.is(s.previewOf, s.draft);
  assert.equal(InspectionFlow.view(s).progress, { n: 10, total: 10 });
});

test('review → confirm → sealing asks the app to confirm once; sealed → print → printed → F2 reprint', () => {
  const app = new SimApp();
  let s = app.step(toReview(app), enter);
  assert.is(kind(s), 'confirm');
  assert.is(app.sealed, null, 'nothing is sealed before the crew confirms');
  s = app.step(s, enter);
  assert.is(kind(s), 'sealing');
  assert.equal(run(s, enter, back, key('f1')).effects, [], 'keys while sealing do nothing');
  s = app.step(s, app.pending.shift()!);
  assert.is(kind(s), 'sealed');
  assert.equal(InspectionFlow.view(s).keys, ['print']);
  s = app.step(s, enter);
  assert.is(kind(s), 'printing');
  s = app.step(s, app.pending.shift()!);
  assert.is(kind(s), 'printed');
  assert.equal(run(s, key('f2')).effects, [{ do: 'reprint', documentNo: REPORT_NO }]);
  assert.equal(run(s, back).effects, [{ do: 'close' }]);
});

test('a failed seal goes back to the review with the reason and a fresh preview; a failed print can be retried', () => {
  const s = run(toReview(), enter, enter, { type: 'seal-failed', reason: 'disk full' });
  assert.is(kind(s), 'review');
  assert.equal(s.problem, { key: 'error', text: 'disk full' });
  assert.equal(effectsOf(s, 'preview').length, 1);
  assert.is(s.preview, null);
  const report = new SimApp();
  let p = report.step(report.step(toReview(report), enter), enter);
  p = run(p, report.pending.shift()!, enter, { type: 'print-failed', reason: 'paper out' });
  assert.is(kind(p), 'print-failed');
  assert.equal(
    run(p, key('f1')).effects.map((e) => e.do),
    ['print'],
  );
});

test('review: Enter goes on only from a clean preview of this very draft', () => {
  const s = toReview();
  const stale = { ...s, previewOf: emptyDraft() };
  assert.is(kind(run(stale, enter)), 'review');
  const broken = run(s, { type: 'previewed', draft: s.draft!, preview: { errors: [], accrualProblem: { code: 'x', message: 'bad' } } });
  assert.is(kind(run(broken, enter)), 'review', 'an accrual error in the draft stops the review');
  const ignored = run(s, { type: 'previewed', draft: emptyDraft(), preview: { errors: [] } });
  assert.is(ignored.preview, s.preview, 'a preview of another draft is ignored');
});

test('review: F3 asks for the method and a reason; only then the method changes, is previewed and saved', () => {
  const pick = run(toReview(), key('f3'));
  assert.is(kind(pick), 'method-pick');
  assert.is(pick.draft!.method, undefined, 'F3 alone changes nothing');
  const reason = run(pick, key('digit', '1'));
  assert.equal(reason.step, { kind: 'method-reason', method: 'own-history', text: '' });
  assert.is(kind(run(reason, enter)), 'method-reason', 'no reason, no change');
  const s = run(reason, type('plaka okunamadi'), enter);
  assert.is(kind(s), 'review');
  assert.equal([s.draft!.method, s.draft!.methodReason], ['own-history', 'plaka okunamadi']);
  assert.equal(
    s.effects.map((e) => e.do),
    ['preview', 'save'],
  );
  assert.is(s.previewOf, null);
  const back = run(s, key('f3'), key('digit', '3'));
  assert.is(kind(back), 'review');
  assert.equal([back.draft!.method, back.draft!.methodReason], [undefined, undefined], 'the default method needs no reason');
  assert.not.ok('method' in back.draft! || 'methodReason' in back.draft!);
});

test('the user step refuses an empty name; a finding changed drops the subtype', () => {
  let s = run(begin(), type('M1'), enter, enter, enter); // meter, seals → finding
  assert.is(kind(s), 'finding');
  s = run(s, key('digit', '2'), key('digit', '2'));
  assert.is(s.draft!.subtype, 'bypass');
  s = run(s, back, key('digit', '3')); // appliances → finding, then usulsüz
  assert.is(kind(s), 'subtype');
  assert.is(s.draft!.subtype, null);
  s = run(s, key('digit', '1'), enter);
  assert.is(kind(s), 'user');
  const refused = run(s, enter);
  assert.is(kind(refused), 'user');
  assert.equal(refused.problem, { key: 'insp.user.needName' });
  assert.equal(InspectionFlow.view(refused).problem, { key: 'insp.user.needName' });
});

test('appliance kW: pre-filled from the type, one decimal point (. or ,), zero refused', () => {
  let s = run(begin(), type('M1'), enter, enter, enter, key('digit', '1'), key('f1'), key('digit', '2'));
  assert.equal(s.step, { kind: 'appliance-kw', type: 'soba', label: 'Doğal gaz sobası', text: '7' });
  s = run(s, key('char', ','), key('char', '.'), key('digit', '5'));
  assert.is(s.step.kind === 'appliance-kw' && s.step.text, '7.5');
  s = run(s, enter);
  assert.equal(s.draft!.appliances, [{ type: 'soba', kw: '7.5' }]);
  const zero = run(s, key('f1'), key('digit', '1'), key('clear'), key('clear'), key('digit', '0'), enter);
  assert.is(kind(zero), 'appliance-kw');
});

test('leaving: Back on the meter asks; 1 keeps the draft (close), 2 discards it once the app has', () => {
  const leave = run(begin(), back);
  assert.is(kind(leave), 'leave');
  const kept = run(leave, key('digit', '1'));
  assert.equal(kept.effects, [{ do: 'save', reportNo: REPORT_NO, draft: kept.draft! }, { do: 'close' }]);
  const discarding = run(leave, key('digit', '2'));
  assert.equal(discarding.effects, [{ do: 'discard', reportNo: REPORT_NO, reason: 'abandoned by the crew' }]);
  assert.is(kind(discarding), 'discarding', 'keys wait until the app answers');
  assert.is(kind(run(discarding, { type: 'discarded' })), 'discarded');
  assert.equal(run(discarding, { type: 'discard-failed', reason: 'x' }).step, { kind: 'failed', reason: 'x' });
  assert.is(kind(run(leave, back)), 'meter');
});

test('a failed save is shown on the next step with a hint line; the form goes on', () => {
  const s = run(begin(), type('M1'), enter, enter, { type: 'save-failed', reason: 'disk gone' });
  assert.is(kind(s), 'seals');
  assert.equal(InspectionFlow.view(s).problem, { key: 'insp.saveFailed', reason: 'disk gone' });
  assert.is(kind(run(s, enter)), 'finding');
});

test('view model: short number, progress on main steps only, soft keys per step', () => {
  const v = InspectionFlow.view(begin());
  assert.is(v.shortNo, '2026-000031');
  assert.equal(v.progress, { n: 1, total: 10 });
  assert.equal(v.keys, ['noMeter', 'scan']);
  const seals = run(begin(), type('M1'), enter, enter);
  assert.equal(InspectionFlow.view(seals).keys, ['add']);
  const sealNo = InspectionFlow.view(run(seals, key('f1')));
  assert.is(sealNo.progress, null);
  assert.equal(sealNo.screen, { kind: 'seal-no', text: '' });
  const mismatch = InspectionFlow.view(run(begin(), type('M9')));
  assert.ok(mismatch.screen.kind === 'meter' && mismatch.screen.mismatch && mismatch.screen.entered === 'typed');
  assert.equal(InspectionFlow.view(InspectionFlow.opening({ config })).screen, { kind: 'starting' });
});

test.run();
