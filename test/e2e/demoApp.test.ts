/**
 * The whole app as composed for `npm start` (demo mode), without the screen: the built-in back
 * office dispatches the sample route over the in-process broker, the crew logs in, reads a meter,
 * prints the invoice; a back-office subscriber sees valid events; a restart loses nothing.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { compose, DEMO_OPERATOR } from '../../src/compose.js';
import { loadConfig } from '../../src/config/loadConfig.js';
import { validateEvent } from '../../src/core/contract/index.js';
import { MemoryLogger } from '../../src/adapters/log/FileLogger.js';
import { waitFor } from '../helpers/waitFor.js';

const dir = mkdtempSync(join(tmpdir(), 'saha-demo-'));

function config() {
  const r = loadConfig({ env: { SAHA_DATA_DIR: dir, SAHA_DEVICE_ID: 'HT-DEMO' } });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.config;
}

test('demo: route arrives, a reading becomes a printed invoice and valid events at the back office', async () => {
  const c = await compose(config(), { logger: new MemoryLogger() });
  // The back office listens before the device starts, so it sees every event from seq 1.
  const sub = await mqtt.connectAsync(c.brokerUrl, { clientId: 'test-backoffice' });
  const events: { topic: string; body: Record<string, unknown> }[] = [];
  sub.on('message', (topic, payload) => {
    if (topic.includes('/events/')) events.push({ topic, body: JSON.parse(payload.toString()) });
  });
  await sub.subscribeAsync('saha/v1/devices/+/events/+', { qos: 1 });
  await c.start();
  try {
    await waitFor(() => c.app.jobs().length === 36, 'the sample route arrived');
    const kinds = new Set(c.app.jobs().map((j) => j.job.kind));
    for (const k of ['reading', 'cut', 'reconnect', 'meter-removal', 'meter-installation', 'inspection'])
      assert.ok(kinds.has(k as never), k);
    await c.app.login(DEMO_OPERATOR.operatorId, DEMO_OPERATOR.pin);
    const job = c.app.jobs().find((j) => j.job.kind === 'reading')!;
    const index = job.job.meter.lastIndex + 95;
    const preview = c.app.previewBill(job.job.jobId, index);
    const { invoice } = await c.app.confirmReading({ jobId: job.job.jobId, index, scan: { kind: 'matched', code: job.job.meter.serial } });
    assert.ok(invoice);
    assert.is(invoice!.total, preview.total);
    assert.match(invoice!.invoiceNo, /^DMO\d{4}\d{9}$/);
    const printed = await c.app.printInvoice(invoice!.invoiceNo);
    assert.is(printed.copy, 1);
    assert.ok(printed.savedAt && existsSync(printed.savedAt), 'slip saved for the user to read');
    const slip = readFileSync(printed.savedAt!, 'utf8');
    assert.ok(slip.includes(invoice!.invoiceNo));
    assert.ok(slip.includes(job.job.customer.name), 'Turkish customer name printed');
    const again = await c.app.reprint(invoice!.invoiceNo, 'müşteri istedi');
    assert.is(again.copy, 2);
    assert.match(readFileSync(again.savedAt!, 'utf8'), /NÜSHA 2/);
    await waitFor(
      () => events.some((e) => e.body.type === 'document.printed' && (e.body.data as { copy: number }).copy === 2),
      'events delivered',
    );
    await waitFor(() => c.sender.depth() === 0, 'outbox drained');
    const types = events.map((e) => e.body.type);
    for (const t of ['job.accepted', 'reading.recorded', 'invoice.issued', 'document.printed']) assert.ok(types.includes(t), t);
    for (const e of events) {
      const v = validateEvent(e.body, e.topic);
      assert.ok(v.ok, `${e.body.type}: ${JSON.stringify(!v.ok && v.errors)}`);
    }
    const seqs = events.map((e) => e.body.seq as number);
    assert.equal(
      [...new Set(seqs)].sort((a, b) => a - b),
      Array.from({ length: Math.max(...seqs) }, (_, i) => i + 1),
      'every seq arrived',
    );
  } finally {
    await sub.endAsync();
    await c.stop();
  }
});

test('demo: a restart keeps the recorded work and does not duplicate the route', async () => {
  const c = await compose(config(), { logger: new MemoryLogger() });
  await c.start();
  try {
    await waitFor(() => c.app.jobs().length === 36, 'route still there');
    await new Promise((r) => setTimeout(r, 300));
    assert.is(c.app.jobs().length, 36);
    assert.is(c.app.jobs().filter((j) => j.state === 'done').length, 1, 'the reading survived the restart');
    assert.is(c.app.documentsToday().length, 1);
    assert.is(c.app.documentsToday()[0]!.copies, 2);
  } finally {
    await c.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
