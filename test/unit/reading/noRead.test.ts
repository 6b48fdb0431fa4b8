import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkNoRead, DEFAULT_NO_READ_CODES } from '../../../src/core/reading/noReadCodes.js';
import { ReadingEntry, type EntryState } from '../../../src/core/reading/ReadingEntry.js';
import { AT, rules, winterMeter, WINTER_DATE } from './fixtures.js';

const fresh = () => ReadingEntry.start({ meter: winterMeter, readDate: WINTER_DATE, rules, operatorId: 'op-7' });
const outcomeOf = (s: EntryState) => (s.step === 'done' ? s.outcome : undefined);

test('a blank reading without a code is refused; the crew stays on the keying step', () => {
  const s = ReadingEntry.submit(fresh(), '', AT);
  assert.is(s.step, 'keying');
  assert.is(s.step === 'keying' && s.notice?.key, 'reading.empty');
});

test('a listed code records a no-read without follow-up', () => {
  const s = ReadingEntry.noRead(fresh(), '01');
  assert.equal(outcomeOf(s), { kind: 'no-read', code: '01', followUp: false });
});

test('codes 06, 08, 09 and 11 flag a back-office follow-up', () => {
  for (const code of ['06', '08', '09', '11']) {
    assert.equal(outcomeOf(ReadingEntry.noRead(fresh(), code)), { kind: 'no-read', code, followUp: true }, code);
  }
  for (const code of ['01', '02', '03', '04', '05', '07', '10', '12']) {
    assert.is((outcomeOf(ReadingEntry.noRead(fresh(), code)) as { followUp: boolean }).followUp, false, code);
  }
});

test('an unknown code is refused with a notice', () => {
  for (const code of ['13', '1', '', 'xx']) {
    const s = ReadingEntry.noRead(fresh(), code);
    assert.is(s.step, 'keying');
    assert.is(s.step === 'keying' && s.notice?.key, 'noRead.unknownCode');
  }
});

test('99 without a note (or with only blanks) is refused; with one it is recorded, trimmed', () => {
  for (const note of [undefined, '', '   ']) {
    const s = ReadingEntry.noRead(fresh(), '99', note);
    assert.is(s.step === 'keying' && s.notice?.key, 'noRead.noteRequired');
  }
  assert.equal(outcomeOf(ReadingEntry.noRead(fresh(), '99', '  Bina yıkılmış  ')), {
    kind: 'no-read',
    code: '99',
    note: 'Bina yıkılmış',
    followUp: false,
  });
});

test('any code may carry an optional note', () => {
  assert.equal(outcomeOf(ReadingEntry.noRead(fresh(), '09', 'Mühür yerde')), {
    kind: 'no-read',
    code: '09',
    note: 'Mühür yerde',
    followUp: true,
  });
});

test('a note over the configured length is refused, counted in characters', () => {
  const short = { ...rules, noteMaxLength: 5 };
  const start = ReadingEntry.start({ meter: winterMeter, readDate: WINTER_DATE, rules: short, operatorId: 'op-7' });
  assert.is(outcomeOf(ReadingEntry.noRead(start, '99', 'çğışüö'))?.kind, undefined);
  assert.is(outcomeOf(ReadingEntry.noRead(start, '99', 'çğışü'))?.kind, 'no-read');
});

test('a no-read can be taken from the confirmation steps too', () => {
  const rekey = ReadingEntry.submit(fresh(), '13000', AT); // 1000 m³: unusual, under a G4's ceiling
  assert.is(rekey.step, 'rekey');
  assert.is(outcomeOf(ReadingEntry.noRead(rekey, '07'))?.kind, 'no-read');
  const rejected = ReadingEntry.noRead(rekey, '99');
  assert.is(rejected.step, 'rekey'); // still waiting for the re-key, with the reason shown
  assert.is(rejected.step === 'rekey' && rejected.notice.key, 'noRead.noteRequired');
  const choose = ReadingEntry.submit(fresh(), '11000', AT);
  assert.is(choose.step, 'choose');
  assert.is(outcomeOf(ReadingEntry.noRead(choose, '11'))?.kind, 'no-read');
});

test('configured codes replace the defaults', () => {
  const codes = [{ code: '21', label: 'Yeni kod', requiresNote: false, followUp: true }];
  assert.equal(checkNoRead(codes, '21', undefined, 200), { ok: true, outcome: { kind: 'no-read', code: '21', followUp: true } });
  assert.is(checkNoRead(codes, '01', undefined, 200).ok, false);
  assert.is(checkNoRead(DEFAULT_NO_READ_CODES, '01', undefined, 200).ok, true);
});

test.run();
