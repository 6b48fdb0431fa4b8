/**
 * `customer.priorOffences` (issue 18, optional within v1): the office's record of earlier kaçak/usulsüz
 * findings, taken for the repeat surcharge (device/reference/README.md "Inspection rules").
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseInbound } from '../../../src/core/contract/index.js';
import { bytes, clone, fixture, JOBS, LIMITS } from './fixtures.js';

const inspection = fixture('jobs/job.assign.inspection.json');

test('a job with priorOffences comes out typed; one without stays valid (v1 compatible)', () => {
  const r = parseInbound(JOBS, bytes(inspection), LIMITS);
  assert.is(r.kind, 'job');
  if (r.kind === 'job' && r.message.type === 'job.assign')
    assert.equal(r.message.job.customer.priorOffences, [{ date: '2024-05-14', finding: 'kacak', reportNo: 'TT-HT-0007-2024-000012' }]);
  const without = clone(inspection);
  delete without.job.customer.priorOffences;
  assert.is(parseInbound(JOBS, bytes(without), LIMITS).kind, 'job');
});

test('a prior offence with an unknown finding or no date is refused, naming the field', () => {
  const bad = clone(inspection);
  bad.job.customer.priorOffences = [{ date: '2024-05-14', finding: 'theft' }, { finding: 'kacak' }];
  const r = parseInbound(JOBS, bytes(bad), LIMITS);
  assert.is.not(r.kind, 'job');
  const text = JSON.stringify(r);
  assert.match(text, 'priorOffences/0/finding');
  assert.match(text, 'priorOffences/1');
});

test.run();
