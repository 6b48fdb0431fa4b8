/** Demo mode as `npm start` composes it: the sample route's inspection job to a sealed, printed report and a valid event. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compose, DEMO_OPERATOR } from '../../../src/compose.js';
import { loadConfig } from '../../../src/config/loadConfig.js';
import { emptyDraft } from '../../../src/core/inspection/index.js';
import { MemoryLogger } from '../../../src/adapters/log/FileLogger.js';
import { waitFor } from '../../helpers/waitFor.js';

test('demo: an inspection job of the sample route is sealed, printed (slip kept) and reported', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'saha-demo-insp-'));
  const r = loadConfig({ env: { SAHA_DATA_DIR: dir, SAHA_DEVICE_ID: 'HT-DEMO' } });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  const c = await compose(r.config, { logger: new MemoryLogger() });
  await c.start();
  try {
    await waitFor(() => c.app.jobs().some((j) => j.job.kind === 'inspection'), 'the route has an inspection job');
    await c.app.login(DEMO_OPERATOR.operatorId, DEMO_OPERATOR.pin);
    const job = c.app.jobs().find((j) => j.job.kind === 'inspection')!;
    const rec = await c.app.inspections.begin({ jobId: job.job.jobId });
    const draft = {
      ...emptyDraft(),
      meter: { serial: job.job.meter.serial, scanned: true, index: job.job.meter.lastIndex + 40 },
      seals: [{ sealNo: 'SM-1', status: 'broken' as const }],
      finding: 'kacak' as const,
      subtype: 'bypass',
      appliances: [{ type: 'kombi', kw: '24' }],
      user: { name: job.job.customer.name },
      witnesses: [{ name: 'Komşu Ayşe' }],
      officer: { operatorId: '9001', name: 'Demo Şef' },
      actions: ['gas-cut'],
      statement: { kind: 'refused' as const },
    };
    const sealed = await c.app.inspections.confirm(rec.reportNo, draft);
    assert.is(sealed.accrual!.estimatedM3, '203', '30 days since the last reading in the sample route');
    const doc = await c.app.inspections.print(rec.reportNo);
    assert.ok(doc.savedAt, 'the virtual printer kept the slip');
    const slip = readFileSync(doc.savedAt!, 'utf8');
    assert.is(slip.replace(/\n/g, '').split(sealed.evidenceSha256).length - 1, 2);
    assert.is(c.app.job(job.job.jobId)!.state, 'done');
    await waitFor(() => c.sender.depth() === 0, 'events sent to the demo broker');
  } finally {
    await c.stop();
  }
});

test.run();
