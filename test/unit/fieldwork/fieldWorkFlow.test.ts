/**
 * The field-work flow machine (core/fieldwork/fieldWorkFlow.ts) without a terminal: the sequences
 * the screens drive, step by step, with the effects each step asks for. The same sequences run on
 * the real screen in test/e2e/fieldwork/fieldFlows.test.ts.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { AppError, ErrorCode } from '../../../src/core/errors/AppError.js';
import { FieldWorkFlow, type FlowEffect, type FlowState } from '../../../src/core/fieldwork/fieldWorkFlow.js';
import {
  ALLOWED,
  answers,
  back,
  begin,
  deepFreeze,
  digit,
  edit,
  enter,
  f,
  GOOD_INDEX,
  now,
  record,
  run,
  scan,
  SERIAL,
  STALE,
  typed,
  WEEKEND,
  work,
} from './flowFixtures.js';

const { apply, viewOf, inputOf } = FieldWorkFlow;
const v = (s: FlowState) => viewOf(s, s.now.check).view;
const effects = (s: FlowState, t: FlowEffect['t']) => s.effects.filter((e) => e.t === t);

/** A cut up to its confirm: preconditions, scan, checks (valve closed and flow stopped included), index, seal. */
function cutToConfirm(): FlowState {
  return run(begin('cut'), enter, scan(SERIAL), ...answers('1111'), ...typed(GOOD_INDEX), ...typed('km 1234567'));
}

test('a cut runs pre → scan → checks (valve closed, flow stopped) → index → seal → confirm; only the confirm asks to record', () => {
  let s = run(begin('cut'), enter);
  assert.is(v(s).v, 'scan');
  s = run(s, scan(SERIAL));
  assert.equal(effects(s, 'recordScan'), [{ t: 'recordScan', jobId: 'J-FW01', code: SERIAL }]);
  const c = v(s);
  assert.equal(c.v === 'check' && [c.question, c.safe, c.unsafe], ['Sayaç çevresinde gaz kokusu var mı?', 'YOK', 'VAR']);
  s = run(s, ...answers('111'));
  assert.is(v(s).v, 'check', 'the index waits until the flow stopped');
  const last = v(s);
  assert.is(last.v === 'check' && last.question, 'Gaz akışı durdu mu (endeks sabit)?');
  s = run(s, ...answers('1'));
  assert.is(v(s).v, 'index');
  s = run(s, ...typed(GOOD_INDEX));
  const seal = v(s);
  assert.ok(seal.v === 'seal' && seal.role === 'cut' && seal.stepNo === 5 && seal.of === 6, 'the empty after-checklist is not counted');
  s = run(s, ...typed('km 1234567'));
  const sum = v(s);
  assert.equal(sum.v === 'confirm' && sum.summary, { kind: 'cut', index: 3200, sealNo: 'KM1234567', checks: 4, grant: null });
  assert.equal(s.effects, [], 'nothing recorded before the confirm');
  s = run(s, enter);
  assert.is(s.phase.s, 'saving');
  assert.equal(s.effects, [
    {
      t: 'commit',
      request: {
        kind: 'cut',
        input: {
          jobId: 'J-FW01',
          scannedCode: SERIAL,
          index: 3200,
          sealNo: 'KM1234567',
          checklist: [
            { id: 'no-gas-smell', label: 'Gaz kokusu', answer: false, ok: true, result: 'YOK' },
            { id: 'meter-accessible', label: 'Sayaç ve giriş vanası', answer: true, ok: true, result: 'ERİŞİLEBİLİR, SAĞLAM' },
            { id: 'valve-closed', label: 'Sayaç giriş vanası', answer: true, ok: true, result: 'KAPATILDI' },
            { id: 'flow-stopped', label: 'Gaz akışı (endeks sabit)', answer: true, ok: true, result: 'DURDU' },
          ],
        },
      },
    },
  ]);
});

test("saved only on the app's answer; then print, printed, reprint or leave", () => {
  let s = run(cutToConfirm(), enter);
  assert.is(run(s, enter, back, f(1)).phase.s, 'saving', 'keys do nothing while saving');
  s = apply(s, { t: 'saved', work: work('cut') });
  assert.equal(viewOf(s).keys, ['print']);
  s = run(s, enter);
  assert.equal(s.effects, [{ t: 'print', workId: 'W-cut' }]);
  const failed = apply(s, { t: 'printFailed', error: new Error('paper out') });
  assert.is(failed.phase.s, 'print-failed');
  assert.equal(run(failed, f(1)).effects, [{ t: 'print', workId: 'W-cut' }], 'F1 retries');
  s = apply(s, { t: 'printed', doc: { documentNo: 'KB-1' } });
  assert.equal(run(s, f(2)).effects, [{ t: 'reprint', documentNo: 'KB-1' }]);
  assert.equal(run(s, enter).effects, [{ t: 'leave' }]);
});

test('apply never mutates the state it is given', () => {
  const seq = [enter, scan(SERIAL), digit('1'), digit('1'), digit('1'), digit('1'), edit('3200'), enter, edit('KM1234567'), enter, enter];
  let s = deepFreeze(begin('cut'));
  for (const a of seq) s = deepFreeze(run(s, a));
  assert.is(s.phase.s, 'saving');
});

test('a wrong meter stops every kind of job with code 11 "serial does not match" (not 99 or 21); the scan is logged', () => {
  const cut = run(begin('cut'), enter, scan('M99999999'));
  assert.equal(cut.phase, {
    s: 'stopped',
    why: { ui: 'fw.scan.mismatch', params: { code: 'M99999999', serial: SERIAL } },
    code: '11',
    hazard: false,
    wrongScan: { code: 'M99999999' },
  });
  assert.equal(effects(cut, 'recordScan').length, 1);
  assert.equal(effects(cut, 'findJob'), [{ t: 'findJob', code: 'M99999999' }], 'the app is asked whose meter it is');
  for (const plan of ['reconnect', 'meter-removal'] as const) {
    const rc = run(begin(plan), scan('M99999999'));
    assert.is(rc.phase.s === 'stopped' && rc.phase.code, '11', plan);
    // Enter proposes the stop's code in the not-done list, and it needs no note.
    const pick = run(rc, enter);
    const pv = v(pick);
    assert.is(pv.v === 'notdone-pick' && pv.codes[pv.selected]!.code, '11', plan);
    assert.equal(run(pick, enter).phase.s, 'notdone-confirm', plan);
  }
});

test('gas smell: key 2 ("VAR") asks for Enter before it stops; Esc there returns to the question with nothing recorded', () => {
  let s = run(begin('reconnect'), scan(SERIAL), ...answers('11'), digit('2'));
  assert.equal(v(s), { v: 'hazard-confirm', question: 'Gaz kokusu var mı?', unsafe: 'VAR' });
  assert.equal(
    s.data.answers.map((a) => a.id),
    ['adult-present', 'appliance-valves-closed'],
  );
  assert.equal(run(s, digit('1')).phase, s.phase, 'only Enter or Esc');
  s = run(s, back);
  const c = v(s);
  assert.ok(c.v === 'check' && c.question === 'Gaz kokusu var mı?');
  assert.is(s.halt, undefined);
});

test('gas smell stops with the emergency instructions; neither Back nor the not-done list lead back to the question; code 20 only', () => {
  let s = run(begin('reconnect'), scan(SERIAL), ...answers('11'), digit('2'), enter);
  assert.equal(s.phase, { s: 'stopped', why: { ui: 'fw.hazard' }, code: '20', hazard: true });
  assert.equal(run(s, back).phase, s.phase);
  s = run(s, enter);
  const pv = v(s);
  assert.is(pv.v === 'notdone-pick' && pv.codes[pv.selected]!.code, '20');
  assert.equal(pv.v === 'notdone-pick' && pv.codes.map((c) => c.code), ['20'], 'only emergency codes after a gas smell');
  // The previous review: the list's Back led to the plan, and the "yes" could be answered again.
  const backed = run(s, back);
  assert.equal(backed.phase, { s: 'stopped', why: { ui: 'fw.hazard' }, code: '20', hazard: true });
  assert.equal(run(backed, back, back, digit('1')).phase, backed.phase);
  s = run(s, enter, enter);
  assert.equal(s.effects, [{ t: 'notDone', request: { jobId: 'J-FW01', reasonCode: '20', checklist: s.data.answers as never } }]);
  assert.equal(
    s.data.answers.map((a) => [a.id, a.ok]),
    [
      ['adult-present', true],
      ['appliance-valves-closed', true],
      ['no-gas-smell', false],
    ],
  );
  s = apply(s, { t: 'saved', work: work('not-done', '20') });
  assert.equal(viewOf(s).keys, [], 'a not-done record is not printed');
  assert.equal(run(s, enter).effects, [{ t: 'leave' }]);
});

test('an unsafe answer stops; Back returns to the same question, and the new answer replaces the old', () => {
  let s = run(begin('reconnect'), scan(SERIAL), digit('2'));
  assert.equal(s.phase, {
    s: 'stopped',
    why: { ui: 'fw.check.stop', params: { item: 'Evde yetişkin', answer: 'YOK' } },
    code: '01',
    hazard: false,
  });
  s = run(s, back, digit('1'));
  const c = v(s);
  assert.ok(c.v === 'check' && c.n === 2);
  assert.equal(
    s.data.answers.map((a) => [a.id, a.ok]),
    [['adult-present', true]],
  );
});

test('going back into a checklist drops its answers; they are asked again from the first', () => {
  let s = run(begin('cut'), enter, scan(SERIAL), ...answers('1111'));
  assert.is(s.data.answers.length, 4);
  s = run(s, back);
  const c = v(s);
  assert.ok(c.v === 'check' && c.n === 1);
  assert.equal(s.data.answers, []);
});

test('Back clears a typed field first, then goes one step back; from the first step it leaves', () => {
  let s = run(begin('reconnect'), edit('M1'));
  assert.is(s.field, 'M1');
  s = run(s, back);
  assert.is(s.field, '');
  assert.equal(s.effects, []);
  assert.equal(run(s, back).effects, [{ t: 'leave' }]);
});

test('a blocked cut does not go on; with nothing overridable there is no supervisor key', () => {
  let s = run(apply(begin('cut'), now(WEEKEND)), enter);
  assert.is(s.at, 0);
  assert.equal(s.pre.problem, { ui: 'fw.pre.blocked' });
  assert.equal(viewOf(s, WEEKEND).keys, ['notDone', undefined, undefined]);
  s = run(s, f(3));
  assert.is(s.pre.form, null);
});

test('a supervisor override: id, PIN, a long enough reason, the app grants; the cut carries the grant', () => {
  let s = apply(begin('cut'), now(STALE));
  assert.equal(viewOf(s, STALE).keys, ['notDone', undefined, 'supervisor']);
  s = run(s, enter);
  assert.equal(s.pre.problem, { ui: 'fw.pre.blockedOverride' });
  s = run(s, f(3));
  assert.equal(inputOf(s), { text: '', rule: 'digits', max: 16 });
  s = run(s, ...typed('9001'), ...typed('9999'), ...typed('kisa'));
  assert.equal(s.pre.form?.problem, { fieldwork: { key: 'override.reasonShort', params: { min: '10' } } });
  s = run(s, ...typed('merkez telefonla teyit etti'));
  assert.equal(s.effects, [
    { t: 'authorize', request: { jobId: 'J-FW01', supervisorId: '9001', pin: '9999', reason: 'merkez telefonla teyit etti' } },
  ]);
  assert.is(run(s, back).pre.form?.stage, 'checking', 'keys wait for the answer');
  const refused = apply(s, { t: 'refused', error: new AppError('bad pin', ErrorCode.Auth_Failed) });
  assert.equal({ stage: refused.pre.form?.stage, pin: refused.pre.form?.pin }, { stage: 'pin', pin: '' });
  const grant = { grantId: 'G1', supervisorId: '9001', supervisorName: 'Deniz Şef', reason: 'merkez telefonla teyit etti' };
  s = apply(s, { t: 'granted', grant });
  assert.equal(s.pre, { grant, form: null, problem: null });
  s = run(s, enter, scan(SERIAL), ...answers('1111'), ...typed(GOOD_INDEX), ...typed('KM1234567'));
  const sum = v(s);
  assert.is(sum.v === 'confirm' && sum.summary.kind === 'cut' && sum.summary.grant?.supervisorName, 'Deniz Şef');
  s = run(s, enter);
  const c = s.effects[0];
  assert.is(c?.t === 'commit' && c.request.kind === 'cut' && c.request.input.grantId, 'G1');
});

test('a cut refused because the preconditions changed goes back to them; a bad input goes back to the plan', () => {
  const s = run(cutToConfirm(), enter);
  const changed = apply(s, {
    t: 'saveFailed',
    error: new AppError('late', ErrorCode.Job_WrongState, { context: { reason: 'preconditions' } }),
  });
  assert.equal(
    { at: changed.at, phase: changed.phase, problem: changed.pre.problem },
    { at: 0, phase: { s: 'plan' }, problem: { ui: 'fw.pre.changed' } },
  );
  const invalid = apply(s, { t: 'saveFailed', error: new AppError('bad', ErrorCode.Input_Invalid) });
  assert.is(invalid.phase.s === 'failed' && invalid.phase.back, 'plan');
  assert.equal(run(invalid, enter).phase, { s: 'plan' });
  const other = apply(s, { t: 'saveFailed', error: new AppError('gone', ErrorCode.Job_Cancelled) });
  assert.equal(run(other, enter).effects, [{ t: 'leave' }]);
});

test('a reconnection: scan, three checks, removed seal, index, then valve opened → gas smell → tightness → appliances', () => {
  let s = run(begin('reconnect'), scan(SERIAL), ...answers('111'), ...typed('KM1234567'), ...typed('3100'));
  const asked: string[] = [];
  for (let i = 0; i < 4; i++) {
    const c = v(s);
    asked.push(c.v === 'check' ? c.question : c.v);
    s = run(s, digit('1'));
  }
  assert.equal(asked, [
    'Sayaç vanası açıldı mı?',
    'Açtıktan sonra gaz kokusu var mı?',
    'Vana açık, cihazlar kapalı: endeks birkaç dakika sabit kaldı mı?',
    'Abone cihazlarını yaktı, sorun yok mu?',
  ]);
  s = run(s, enter);
  assert.equal(
    s.effects.map((e) => e.t === 'commit' && { ...e.request.input, checklist: e.request.input.checklist.map((a) => a.id) }),
    [
      {
        jobId: 'J-FW01',
        scannedCode: SERIAL,
        index: 3100,
        removedSealNo: 'KM1234567',
        checklist: [
          'adult-present',
          'appliance-valves-closed',
          'no-gas-smell',
          'valve-opened',
          'no-gas-smell-after',
          'tightness-ok',
          'appliances-relit',
        ],
      },
    ],
  );
});

test('a meter removal with a new meter: multi seals end on an empty Enter; a seal twice is refused', () => {
  let s = run(begin('meter-removal'), scan(SERIAL), ...answers('11'), ...typed('3150'), ...typed('AB123456'), ...typed('ab-123456'));
  assert.equal(s.notice, { ui: 'fw.seal.twice', params: { no: 'AB123456' } });
  s = run(s, enter);
  const ask = v(s);
  assert.ok(ask.v === 'ask' && ask.q === 'installNew');
  s = run(s, digit('1'), scan(SERIAL));
  assert.equal(s.notice, { ui: 'fw.serial.same' }, 'the new meter cannot be the old one');
  s = run(s, scan('ESG99000001'), ...typed('0'), enter);
  assert.equal(s.notice, { fieldwork: { key: 'seal.empty', params: {} } }, 'an installed meter needs a seal');
  s = run(s, ...typed('AB123456'));
  assert.equal(s.notice, { ui: 'fw.seal.removed', params: { no: 'AB123456' } }, 'a removed seal is not fitted again');
  s = run(s, ...typed('CD7654321'), enter);
  const foam = v(s);
  assert.is(foam.v === 'check' && foam.question, 'Vana açıldı, sayaç dönüyor mu?', 'the valve is opened before the foam test');
  s = run(s, ...answers('111'));
  const sum = v(s);
  assert.equal(sum.v === 'confirm' && sum.summary, {
    kind: 'meter',
    removed: { index: 3150, seals: ['AB123456'] },
    installed: { serial: 'ESG99000001', index: 0, seals: ['CD7654321'] },
    checks: 5,
  });
  s = run(s, enter);
  const c = s.effects[0];
  assert.equal(c?.t === 'commit' && c.request.input, {
    jobId: 'J-FW01',
    checklist: s.data.answers as never,
    removed: { scannedCode: SERIAL, finalIndex: 3150, sealNos: ['AB123456'] },
    installed: { serial: 'ESG99000001', initialIndex: 0, sealNos: ['CD7654321'] },
  });
});

test('a removal for the lab (no new meter) and an installation on a new connection (no old one)', () => {
  let s = run(begin('meter-removal'), scan(SERIAL), ...answers('11'), ...typed('3150'), enter, digit('2'));
  assert.is(v(s).v, 'confirm', 'no meter fitted: the gas stays off, nothing is opened or tested after');
  assert.equal(
    s.data.answers.map((a) => a.id),
    ['no-gas-smell', 'inlet-valve-closed'],
  );
  s = run(s, enter);
  let c = s.effects[0];
  assert.ok(c?.t === 'commit' && c.request.kind === 'meter-exchange' && c.request.input.removed && !c.request.input.installed);
  assert.equal(
    c?.t === 'commit' && c.request.kind === 'meter-exchange' && c.request.input.removed?.sealNos,
    [],
    'a removed meter may have no seal',
  );
  s = run(
    begin('meter-installation'),
    ...answers('11'),
    digit('2'),
    scan(SERIAL),
    ...typed('0'),
    ...typed('CD7654321'),
    enter,
    ...answers('111'),
    enter,
  );
  c = s.effects[0];
  assert.ok(c?.t === 'commit' && c.request.kind === 'meter-exchange' && !c.request.input.removed);
  assert.equal(
    c?.t === 'commit' && c.request.kind === 'meter-exchange' && c.request.input.installed,
    { serial: SERIAL, initialIndex: 0, sealNos: ['CD7654321'] },
    'no old meter: its serial may be reused',
  );
});

test('an index lower than the last: choose rollover / meter changed / misread; meter changed stops the job (11)', () => {
  let s = run(begin('cut'), enter, scan(SERIAL), ...answers('1111'), ...typed('500'));
  const iv = v(s);
  assert.ok(iv.v === 'index' && iv.choose !== null && iv.entryNotice !== null);
  assert.is(inputOf(s), null, 'digits pick a choice, they do not type');
  s = run(s, { t: 'move', by: 1 });
  const moved = v(s);
  assert.is(moved.v === 'index' && moved.choose?.selected, 1);
  const misread = run(s, digit('3'));
  assert.is(misread.entry?.step, 'keying');
  s = run(s, enter);
  assert.equal(s.phase, { s: 'stopped', why: { ui: 'fw.index.meterChanged' }, code: '11', hazard: false });
});

test('a keyed index is checked as a reading is: an unusual one is asked again, the same value confirms it', () => {
  let s = run(begin('cut'), enter, scan(SERIAL), ...answers('1111'), ...typed('3900'));
  const iv = v(s);
  assert.ok(iv.v === 'index' && iv.rekey);
  s = run(s, ...typed('3900'));
  assert.equal(s.data.index, { cut: 3900 });
  assert.is(v(s).v, 'seal');
});

test('not done: codes are picked by typing two digits; 99 needs a note; Back returns to the list', () => {
  let s = run(begin('reconnect'), f(1));
  assert.equal(v(s).v, 'notdone-pick');
  s = run(s, digit('9'), digit('9'));
  const pv = v(s);
  assert.is(pv.v === 'notdone-pick' && pv.codes[pv.selected]!.code, '99');
  s = run(s, enter);
  assert.equal(inputOf(s), { text: '', rule: 'text', max: 200 });
  assert.is(run(s, enter).phase.s, 'notdone-note', 'an empty note is not taken');
  s = run(s, edit(' kapı kilitli '), enter);
  assert.is(s.phase.s, 'notdone-confirm');
  assert.is(run(s, back).phase.s, 'notdone-pick');
  s = run(s, enter);
  assert.equal(s.effects, [{ t: 'notDone', request: { jobId: 'J-FW01', reasonCode: '99', checklist: [], note: 'kapı kilitli' } }]);
  const failed = apply(s, { t: 'saveFailed', error: new Error('disk') });
  assert.equal(run(failed, back).effects, [{ t: 'leave' }]);
});

test('F1 offers not-done at every plan step but the confirm; F2 asks for the scan prompt', () => {
  assert.is(run(begin('cut'), f(1)).phase.s, 'notdone-pick');
  assert.is(run(cutToConfirm(), f(1)).phase.s, 'plan');
  assert.equal(run(begin('reconnect'), f(2)).effects, [{ t: 'promptScan' }]);
});

test('a missing, cancelled or finished job starts failed and only leaves', () => {
  assert.equal(begin('cut', null).phase, { s: 'failed', reason: { ui: 'error.Job_NotFound' }, back: 'leave' });
  assert.equal(begin('cut', record('cut', 'cancelled')).phase, { s: 'failed', reason: { ui: 'error.Job_Cancelled' }, back: 'leave' });
  const done = begin('reconnect', record('reconnect', 'done'));
  assert.equal(done.phase, { s: 'failed', reason: { ui: 'error.Job_AlreadyDone' }, back: 'leave' });
  assert.equal(run(done, enter).effects, [{ t: 'leave' }]);
  assert.equal(run(done, scan(SERIAL)).effects, [], 'a scan does nothing off the plan');
});

test('results that the flow does not wait for are ignored', () => {
  const s = run(begin('cut'), enter);
  assert.equal(apply(s, { t: 'saved', work: work('cut') }), s);
  assert.equal(apply(s, { t: 'printed', doc: { documentNo: 'X' } }), s);
  assert.equal(apply(s, { t: 'granted', grant: { grantId: 'G', supervisorId: '1', supervisorName: 'x', reason: 'r' } }), s);
  assert.equal(viewOf(apply(begin('cut'), now(ALLOWED)), ALLOWED).view, {
    v: 'pre',
    form: null,
    grant: null,
    problem: null,
    status: 'go',
    canOverride: false,
  });
});

test('the single seal can be corrected: Back from the confirm returns to it, and the new number replaces the old', () => {
  let s = cutToConfirm();
  s = run(s, back);
  const seal = v(s);
  assert.ok(seal.v === 'seal' && seal.role === 'cut', 'Back from the confirm skips the empty after-checklist');
  s = run(s, ...typed('KM7654321'));
  const sum = v(s);
  assert.is(sum.v === 'confirm' && sum.summary.kind === 'cut' && sum.summary.sealNo, 'KM7654321');
  assert.equal(s.data.seals, { cut: ['KM7654321'] });
  s = run(s, enter);
  const c = s.effects[0];
  assert.is(c?.t === 'commit' && c.request.kind === 'cut' && c.request.input.sealNo, 'KM7654321');
});

test('a seal list is corrected from its end: Back drops the last seal, then leaves the step', () => {
  let s = run(begin('meter-removal'), scan(SERIAL), ...answers('11'), ...typed('3150'), ...typed('AB123456'), ...typed('AB654321'));
  assert.equal(s.data.seals.removed, ['AB123456', 'AB654321']);
  s = run(s, back);
  assert.equal(s.data.seals.removed, ['AB123456']);
  assert.is(v(s).v, 'seal');
  s = run(s, back, back);
  assert.is(v(s).v, 'index');
});

test('F1 after the valve was opened: the crew closes it again first; the not-done record says so', () => {
  let s = run(begin('reconnect'), scan(SERIAL), ...answers('111'), ...typed('KM1234567'), ...typed('3100'), digit('1'));
  assert.is(s.data.answers.at(-1)?.id, 'valve-opened');
  s = run(s, f(1));
  assert.equal(v(s), { v: 'reclose' });
  assert.equal(run(s, enter).phase, s.phase, 'only key 1 (valve closed) or Esc');
  assert.equal(run(s, back).phase, { s: 'plan' });
  s = run(s, digit('1'));
  assert.is(s.phase.s, 'notdone-pick');
  s = run(s, digit('2'), digit('1'), enter, enter);
  const fx = s.effects[0];
  assert.ok(fx?.t === 'notDone' && fx.request.reasonCode === '21');
  assert.equal(fx?.t === 'notDone' && fx.request.checklist.slice(-2).map((a) => [a.id, a.ok]), [
    ['valve-opened', true],
    ['valve-reclosed', true],
  ]);
});

test('a failed tightness check after opening stops with 21 and asks for the valve closed before the code', () => {
  let s = run(begin('reconnect'), scan(SERIAL), ...answers('111'), ...typed('KM1234567'), ...typed('3100'), ...answers('11'), digit('2'));
  assert.equal(s.phase.s === 'stopped' && s.phase.code, '21');
  s = run(s, enter);
  assert.is(s.phase.s, 'reclose');
  s = run(s, digit('1'));
  const pv = v(s);
  assert.is(pv.v === 'notdone-pick' && pv.codes[pv.selected]!.code, '21');
});

test('gas smell after opening: Enter confirms, then valve closed again, then only code 20', () => {
  let s = run(begin('reconnect'), scan(SERIAL), ...answers('111'), ...typed('KM1234567'), ...typed('3100'), digit('1'), digit('2'), enter);
  assert.equal(s.phase, { s: 'stopped', why: { ui: 'fw.hazard' }, code: '20', hazard: true });
  s = run(s, enter);
  assert.is(s.phase.s, 'reclose');
  assert.equal(run(s, back).phase, { s: 'stopped', why: { ui: 'fw.hazard' }, code: '20', hazard: true }, 'Esc: back to the stop');
  s = run(s, digit('1'), enter, enter);
  const fx = s.effects[0];
  assert.is(fx?.t === 'notDone' && fx.request.reasonCode, '20');
});

test("a reconnection job with the cut's data: the summary shows what differs; once saved with findings, F3 offers an inspection", () => {
  const rec = record('reconnect');
  const withCut = (index: number) => ({ ...rec, job: { ...rec.job, cut: { sealNo: 'KM1234567', index } } });
  const go = (seal: string, index: string, cutIndex = 3100) =>
    run(begin('reconnect', withCut(cutIndex)), scan(SERIAL), ...answers('111'), ...typed(seal), ...typed(index), ...answers('1111'));
  const same = v(go('KM1234567', '3101'));
  assert.equal(same.v === 'confirm' && same.summary.kind === 'reconnect' && same.summary.findings, [], 'within the tolerance');
  const s = go('KM7654321', '3100');
  const sum = v(s);
  assert.equal(sum.v === 'confirm' && sum.summary.kind === 'reconnect' && sum.summary.findings, [
    { code: 'seal-mismatch', atCut: 'KM1234567', found: 'KM7654321' },
  ]);
  const lower = v(go('KM1234567', '3140', 3150));
  assert.equal(lower.v === 'confirm' && lower.summary.kind === 'reconnect' && lower.summary.findings.map((f) => f.code), ['index-lower']);
  const found = { ...work('reconnect'), findings: [{ code: 'seal-mismatch', atCut: 'KM1234567', found: 'KM7654321' }] } as never;
  let saved = apply(run(s, enter), { t: 'saved', work: found });
  assert.equal(run(saved, f(3)).effects, [], 'the receipt with the finding is printed first');
  saved = apply(run(saved, enter), { t: 'printed', doc: { documentNo: 'AF-1' } });
  assert.equal(viewOf(saved).keys, [undefined, 'reprint', 'inspect']);
  assert.equal(run(saved, f(3)).effects, [{ t: 'inspect' }]);
  const plain = apply(apply(run(s, enter), { t: 'saved', work: work('reconnect') }), { t: 'printed', doc: { documentNo: 'AF-2' } });
  assert.equal(run(plain, f(3)).effects, [], 'no finding, no offer');
});

test('Back into the after-checklist keeps the opened valve on record: F1 then still asks for it closed again', () => {
  let s = run(begin('reconnect'), scan(SERIAL), ...answers('111'), ...typed('KM1234567'), ...typed('3100'), ...answers('1111'));
  assert.is(v(s).v, 'confirm');
  s = run(s, back);
  const c = v(s);
  assert.ok(c.v === 'check' && c.n === 1, 'asked again from the first');
  assert.equal(
    s.data.answers.slice(-1).map((a) => a.id),
    ['valve-opened'],
  );
  assert.is(run(s, f(1)).phase.s, 'reclose');
  // Asked again and answered: replaced, never twice.
  s = run(s, ...answers('1111'), enter);
  const fx = s.effects[0];
  assert.equal(fx?.t === 'commit' && fx.request.input.checklist.filter((a) => a.id === 'valve-opened').length, 1);
});

test.run();
