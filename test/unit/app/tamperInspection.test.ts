/**
 * "Tampering suspected" (rules.tamperNoReadCode, offered when a lower index cannot be a rollover)
 * asks the office for an inspection on the spot: inspection.requested in the same transaction as
 * reading.skipped (issue 17). Any other no-read code asks for nothing.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DEFAULT_READING_RULES } from '../../../src/core/reading/rules.js';
import { readingRig } from '../../helpers/readingRig.js';
import { readingJob } from '../../helpers/sampleJobs.js';

async function rig() {
  const jobs = [readingJob(1), readingJob(2)];
  const r = await readingRig(jobs, { deps: { tamperNoReadCode: DEFAULT_READING_RULES.tamperNoReadCode } });
  return { ...r, jobs };
}

test('code 09 (tampering suspected): reading.skipped and inspection.requested with the evidence', async () => {
  const r = await rig();
  const job = r.jobs[0]!;
  await r.readings.recordNoRead({
    jobId: job.jobId,
    operatorId: 'op-1',
    reasonCode: '09',
    note: 'endeks 4000, önceki 4100',
    followUp: true,
  });
  const types = r.events().map((e) => e.type);
  assert.ok(types.includes('reading.skipped'));
  const req = r.events().find((e) => e.type === 'inspection.requested');
  assert.ok(req, `events: ${types.join(', ')}`);
  const data = req!.data as { jobId: string; reason: string; note?: string; evidence: { kind: string; value: string }[] };
  assert.is(data.jobId, job.jobId);
  assert.is(data.reason, 'tampering-suspected');
  assert.is(data.note, 'endeks 4000, önceki 4100');
  assert.equal(
    data.evidence.find((e) => e.kind === 'meter-serial'),
    { kind: 'meter-serial', value: job.meter.serial },
  );
});

test('another no-read code asks for no inspection', async () => {
  const r = await rig();
  await r.readings.recordNoRead({ jobId: r.jobs[1]!.jobId, operatorId: 'op-1', reasonCode: '01', followUp: false });
  assert.equal(
    r.events().map((e) => e.type),
    ['reading.skipped'],
  );
});

test.run();
