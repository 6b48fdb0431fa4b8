/** The scan gate of a billed reading (issue 19): the machine never bills an unproven meter. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ReadingEntry, type EntryContext, type EntryState } from '../../../src/core/reading/ReadingEntry.js';
import { SCAN_OVERRIDE_REASONS } from '../../../src/core/reading/scanGate.js';
import { ErrorCode, isAppError } from '../../../src/core/errors/AppError.js';
import { AT, rules, summerMeter, SUMMER_DATE } from './fixtures.js';

const gated: EntryContext = { meter: summerMeter, readDate: SUMMER_DATE, rules, operatorId: 'op-7', billed: true, requireScan: true };
const begin = (): EntryState => ReadingEntry.start(gated);
const noticeKey = (s: EntryState) => ('notice' in s ? s.notice?.key : undefined);

test('without a scan a keyed index stays on keying with "scan first", whatever is keyed', () => {
  for (const keyed of ['12060', '12000', '12400', '11000']) {
    const s = ReadingEntry.submit(begin(), keyed, AT);
    assert.is(s.step, 'keying', keyed);
    assert.is(noticeKey(s), 'reading.scanRequired', keyed);
  }
});

test('a mismatching scan never bills: every index is held, and a later Enter too', () => {
  let s = ReadingEntry.scanned(begin(), 'ESG21000333', false);
  assert.is(s.step, 'keying');
  assert.is(noticeKey(s), 'reading.scanMismatch');
  for (const keyed of ['12060', '12400', '12400']) {
    s = ReadingEntry.submit(s, keyed, AT);
    assert.is(s.step, 'keying');
    assert.is(noticeKey(s), 'reading.scanMismatch');
  }
});

test('a mismatching scan in the middle of a re-key drops the pending index', () => {
  const rekey = ReadingEntry.submit(ReadingEntry.scanned(begin(), 'M1', true), '12400', AT);
  assert.is(rekey.step, 'rekey');
  const s = ReadingEntry.scanned(rekey, 'OTHER', false);
  assert.is(s.step, 'keying');
  assert.is(ReadingEntry.submit(s, '12400', AT).step, 'keying', 'the re-key no longer confirms');
});

test('a matching scan lets the index through, clears a stale notice, and the outcome names the scan', () => {
  const held = ReadingEntry.submit(begin(), '12060', AT);
  const ok = ReadingEntry.scanned(held, 'M1', true);
  assert.is(noticeKey(ok), undefined, 'the stale "scan first" is gone');
  const s = ReadingEntry.submit(ok, '12060', AT);
  assert.is(s.step, 'done');
  assert.equal(s.step === 'done' && s.outcome, {
    kind: 'reading',
    index: 12060,
    consumptionM3: 60,
    rollover: false,
    outlierConfirmed: false,
    overrides: [],
    scan: { kind: 'matched', code: 'M1' },
  });
});

test('a re-scan of the right meter after a wrong one bills', () => {
  const s = ReadingEntry.scanned(ReadingEntry.scanned(begin(), 'OTHER', false), 'M1', true);
  assert.is(ReadingEntry.submit(s, '12060', AT).step, 'done');
});

test('"barkod okunamıyor": the reason, who and when are recorded in the outcome', () => {
  const reason = SCAN_OVERRIDE_REASONS[1]!.code;
  const s = ReadingEntry.submit(ReadingEntry.overrideScan(begin(), reason, AT), '12060', AT);
  assert.is(s.step, 'done');
  assert.equal(s.step === 'done' && s.outcome.kind === 'reading' && s.outcome.scan, {
    kind: 'override',
    reasonCode: reason,
    operatorId: 'op-7',
    at: AT,
  });
});

test('the override is refused after a scan of another meter, and an unknown reason throws', () => {
  const s = ReadingEntry.overrideScan(ReadingEntry.scanned(begin(), 'OTHER', false), '01', AT);
  assert.is(noticeKey(s), 'reading.overrideAfterMismatch');
  assert.is(ReadingEntry.submit(s, '12060', AT).step, 'keying');
  assert.throws(
    () => ReadingEntry.overrideScan(begin(), '77', AT),
    (e: unknown) => isAppError(e, ErrorCode.Reading_Invalid),
  );
});

test('code 11 after a mismatch keeps the scanned serial; a no-read without a mismatch has none', () => {
  const s = ReadingEntry.noRead(ReadingEntry.scanned(begin(), 'ESG21000333', false), '11');
  assert.is(s.step, 'done');
  assert.equal(s.step === 'done' && s.outcome, { kind: 'no-read', code: '11', followUp: true, scannedSerial: 'ESG21000333' });
  const plain = ReadingEntry.noRead(begin(), '01');
  assert.equal(plain.step === 'done' && plain.outcome, { kind: 'no-read', code: '01', followUp: false });
});

test('the gate survives the rekey, choose and supervise steps', () => {
  const s = ReadingEntry.scanned(begin(), 'M1', true);
  const rekey = ReadingEntry.submit(s, '12400', AT);
  assert.is(rekey.step, 'rekey');
  assert.equal(ReadingEntry.gateOf(rekey), { s: 'matched', code: 'M1' });
  const lower = ReadingEntry.submit(s, '11000', AT);
  assert.is(lower.step, 'choose');
  assert.equal(ReadingEntry.gateOf(lower), { s: 'matched', code: 'M1' });
});

test('without requireScan (field work) the machine bills as before and adds no scan field', () => {
  const s = ReadingEntry.submit(ReadingEntry.start({ ...gated, requireScan: false }), '12060', AT);
  assert.is(s.step === 'done' && s.outcome.kind === 'reading' && 'scan' in s.outcome, false);
});

test.run();
