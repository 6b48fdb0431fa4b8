/**
 * Issue 18 in the pure form machine (src/core/inspection/inspectionFlow.ts), no terminal: the second
 * official entered and confirmed, a witness or a reason when nobody signs for the user, the DMHY 53
 * question, appliance power bounds, a report sealable when the office computes the accrual, and the
 * review's fixes (meter edits kept on Esc → keep, "no meter" carries no meter, one discard, every
 * change saved).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { InspectionFlow, type FlowState } from '../../../src/core/inspection/inspectionFlow.js';
import { emptyDraft } from '../../../src/core/inspection/index.js';
import { begin, effectsOf, key, plan, REPORT_NO, run, SimApp, type } from './flowDriver.js';

const enter = key('enter');
const back = key('back');
const kind = (s: FlowState) => s.step.kind;

/** Up to the officer step: meter, no seals, kaçak bypass, a combi, the user, no witness. */
const toOfficer = () =>
  run(
    begin(),
    type('M1'),
    enter,
    type('5'),
    enter,
    enter,
    key('digit', '2'),
    key('digit', '2'),
    key('f1'),
    key('digit', '1'),
    enter,
    enter,
    type('Hasan'),
    enter,
    enter,
  );

test('officer: Enter without a second official is refused; F1 sicil no, name, confirmation puts it in the draft', () => {
  const s = toOfficer();
  assert.is(kind(s), 'officer');
  const refused = run(s, enter);
  assert.is(kind(refused), 'officer');
  assert.equal(refused.problem, { key: 'insp.officer.need', min: 2 });
  assert.equal(InspectionFlow.view(refused).problem, { key: 'insp.officer.need', min: 2 });
  const badId = run(s, key('f1'), type('12 3'), enter);
  assert.equal(badId.problem, { key: 'insp.officer.badId' }, 'a space is no sicil character');
  let o = run(s, key('f1'), type('1002'), enter);
  assert.equal(o.step, { kind: 'officer-name', operatorId: '1002', text: '' });
  o = run(o, type('Veli Sahin'), enter);
  assert.equal(o.step, { kind: 'officer-confirm', operatorId: '1002', name: 'Veli Sahin' });
  assert.is(o.draft!.officer, undefined, 'not in the draft before it is confirmed');
  const no = run(o, key('digit', '2'));
  assert.is(kind(no), 'officer-name');
  const yes = run(o, key('digit', '1'));
  assert.is(kind(yes), 'officer');
  assert.equal(yes.draft!.officer, { operatorId: '1002', name: 'Veli Sahin' });
  assert.equal(effectsOf(yes, 'save'), [{ do: 'save', reportNo: REPORT_NO, draft: yes.draft! }], 'saved once confirmed');
  assert.is(kind(run(yes, enter)), 'actions');
  assert.is(run(yes, key('clear')).draft!.officer, null, 'Clear removes the official');
});

test('statement: refused or absent with no witness asks for the reason; with a witness it goes straight on', () => {
  const atStatement = run(toOfficer(), key('f1'), type('1002'), enter, type('Veli'), enter, key('digit', '1'), enter, enter);
  assert.is(kind(atStatement), 'statement');
  const refused = run(atStatement, key('digit', '2'));
  assert.equal(refused.step, { kind: 'no-witness-reason', statement: 'refused', text: '' });
  assert.is(kind(run(refused, enter)), 'no-witness-reason', 'an empty reason is no reason');
  const done = run(refused, type('komsular evde yok'), enter);
  assert.is(kind(done), 'review');
  assert.equal([done.draft!.statement, done.draft!.noWitnessReason], [{ kind: 'refused' }, 'komsular evde yok']);
  const absent = run(atStatement, key('digit', '3'));
  assert.equal(absent.step, { kind: 'no-witness-reason', statement: 'absent', text: '' });
  const withWitness = run(begin(plan({ draft: { ...emptyDraft(), witnesses: [{ name: 'Ayse' }] } })), type('M1'), enter, enter);
  const straight = run({ ...withWitness, step: { kind: 'statement' } } as FlowState, key('digit', '3'));
  assert.is(kind(straight), 'review');
  assert.equal(straight.draft!.statement, { kind: 'absent' });
});

test('DMHY 53: an exempt usulsüz subtype asks whether the application was made; another subtype or finding drops the answer', () => {
  const atFinding = run(begin(), type('M1'), enter, enter, enter);
  const ask = run(atFinding, key('digit', '3'), key('digit', '2')); // usulsüz, previous-occupant
  assert.is(kind(ask), 'exemption');
  assert.equal(InspectionFlow.view(ask).screen, { kind: 'exemption', subtypeLabel: 'Önceki kullanıcı adına kullanım' });
  const applied = run(ask, key('digit', '2'));
  assert.is(kind(applied), 'appliances');
  assert.is(applied.draft!.occupantApplied, true);
  assert.is(run(ask, key('digit', '1')).draft!.occupantApplied, false);
  const other = run(applied, back, key('digit', '3'), key('digit', '1')); // back to the finding, usulsüz no-contract
  assert.is(kind(other), 'appliances', 'no-contract is not exempt: no question');
  assert.not.ok('occupantApplied' in other.draft!);
});

test('appliance power outside the configured bounds is refused on the kW step with the bounds', () => {
  const kw = run(begin(), type('M1'), enter, enter, enter, key('digit', '1'), key('f1'), key('digit', '1'), key('clear'), key('clear'));
  const huge = run(kw, type('99999'), enter);
  assert.is(kind(huge), 'appliance-kw');
  assert.equal(huge.problem, { key: 'insp.appliance.bounds', min: '0.5', max: '100' });
  assert.equal(InspectionFlow.view(huge).problem, huge.problem);
  const ok = run(kw, type('100'), enter);
  assert.equal(ok.draft!.appliances, [{ type: 'kombi', kw: '100' }]);
  assert.is(ok.problem, null);
});

test('review: an accrual the office will compute does not stop the report; it seals and says so', () => {
  const app = new SimApp({ noAccrual: true });
  let s = app.effects(begin());
  for (const a of [
    { type: 'scan' as const, code: 'M10000001' },
    ...type('1163'),
    enter,
    enter,
    key('digit', '2'),
    key('digit', '1'),
    key('f1'),
    key('digit', '1'),
    enter,
    enter,
    ...type('Hasan'),
    enter,
    key('f1'),
    ...type('Ayse'),
    enter,
    enter,
    key('f1'),
    ...type('1002'),
    enter,
    ...type('Veli'),
    enter,
    enter,
    enter,
    enter,
    key('digit', '2'),
  ])
    s = app.step(s, a);
  assert.is(kind(s), 'review');
  const v = InspectionFlow.view(s).screen;
  assert.ok(v.kind === 'review' && v.pending === 'no-tariff' && !v.needsFix);
  s = app.step(app.step(s, enter), enter);
  s = app.step(s, app.pending.shift()!);
  assert.is(kind(s), 'sealed');
  assert.match(app.sealed!.printData.description!, 'tahakkuk merkezde hesaplanacak');
  assert.is(app.sealed!.event.accrualStatus, 'pending');
});

test('fix: meter edits typed then Esc → keep are saved before the screen closes', () => {
  const s = run(begin(), type('M10000001'), enter, type('77'), back, key('digit', '1'));
  assert.equal(
    s.effects.map((e) => e.do),
    ['save', 'close'],
  );
  const saved = effectsOf(s, 'save')[0] as { draft: { meter: unknown } };
  assert.equal(saved.draft.meter, { serial: 'M10000001', scanned: false, index: 77 });
});

test('fix: "no meter" carries no meter data: typing is ignored, a scan ends "no meter"', () => {
  const none = run(begin(), type('M1'), key('f1'));
  assert.is(none.draft!.meter, null);
  const typed = run(none, type('X9'), key('down'), type('12'));
  assert.is(typed.draft!.meter, null, 'keys typed under "no meter" do not bring a meter back');
  assert.equal(typed.meter.serial, 'M1');
  const onward = run(typed, enter);
  assert.is(kind(onward), 'seals');
  assert.is((effectsOf(onward, 'save')[0] as { draft: { meter: unknown } }).draft.meter, null);
  const scanned = run(none, { type: 'scan', code: 'M7' });
  assert.not.ok(scanned.meter.noMeter);
  assert.equal(scanned.draft!.meter, { serial: 'M7', scanned: true, index: null });
});

test('fix: discard is asked once; keys while it runs do nothing', () => {
  const leave = run(begin(), back);
  const first = run(leave, key('digit', '2'));
  assert.equal(effectsOf(first, 'discard').length, 1);
  const again = run(first, key('digit', '2'), enter, key('digit', '1'));
  assert.equal(again.effects, [], 'no second discard, no close, no save');
  assert.is(kind(again), 'discarding');
  assert.is(kind(run(again, { type: 'discarded' })), 'discarded');
});

test('fix: every change of the draft is saved, not only moves between main steps', () => {
  const atSeals = run(begin(), type('M1'), enter, enter);
  const sealAdded = run(atSeals, key('f1'), type('SM1'), enter, key('digit', '1'));
  assert.is(kind(sealAdded), 'seals');
  assert.equal(effectsOf(sealAdded, 'save'), [{ do: 'save', reportNo: REPORT_NO, draft: sealAdded.draft! }]);
  const cleared = run(sealAdded, key('clear'));
  assert.equal(cleared.draft!.seals, []);
  assert.equal(effectsOf(cleared, 'save').length, 1, 'a removal is saved');
  const typing = run(cleared, enter, key('digit', '1'), enter, type('Ha'));
  assert.is(kind(typing), 'user');
  assert.equal(effectsOf(typing, 'save'), [], 'not key by key while a name is typed');
});

test.run();
