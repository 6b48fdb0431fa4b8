/**
 * The three field flows in demo mode as composed for `npm start` (no screen): the demo route's
 * cut, reconnection and meter jobs carry what the rules need; events reach a back-office
 * subscriber over MQTT and validate; the slips are kept as text. At 22:00 on a Saturday the cut is
 * blocked by the working-time rules, which the demo reference data lets the demo supervisor
 * override with a reason.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { compose, DEMO_OPERATOR, DEMO_SUPERVISOR } from '../../../src/compose.js';
import { loadConfig } from '../../../src/config/loadConfig.js';
import { validateEvent } from '../../../src/core/contract/index.js';
import { answerItem, checklistItems, type ChecklistKind, type FieldWorkReference } from '../../../src/core/fieldwork/index.js';
import { MemoryLogger } from '../../../src/adapters/log/FileLogger.js';
import { waitFor } from '../../helpers/waitFor.js';

const safe = (ref: FieldWorkReference, kind: ChecklistKind) =>
  [...checklistItems(ref, kind, 'before'), ...checklistItems(ref, kind, 'after')].map((i) => answerItem(i, true));

async function run(
  clockAt: string,
  body: (c: Awaited<ReturnType<typeof compose>>, events: { topic: string; body: Record<string, unknown> }[]) => Promise<void>,
) {
  const dir = mkdtempSync(join(tmpdir(), 'saha-fw-demo-'));
  const r = loadConfig({ env: { SAHA_DATA_DIR: dir, SAHA_DEVICE_ID: 'HT-DEMO' } });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  const at = Date.parse(clockAt);
  const c = await compose(r.config, { logger: new MemoryLogger(), clock: () => at });
  const sub = await mqtt.connectAsync(c.brokerUrl, { clientId: `bo-${Math.random().toString(36).slice(2)}` });
  const events: { topic: string; body: Record<string, unknown> }[] = [];
  sub.on('message', (topic, payload) => {
    if (topic.includes('/events/')) events.push({ topic, body: JSON.parse(payload.toString()) });
  });
  await sub.subscribeAsync('saha/v1/devices/+/events/+', { qos: 1 });
  await c.start();
  try {
    await waitFor(() => c.app.jobs().length >= 36, 'the sample route arrived');
    await waitFor(() => c.app.lastSyncAt() !== null, 'link online');
    await c.app.login(DEMO_OPERATOR.operatorId, DEMO_OPERATOR.pin);
    await body(c, events);
  } finally {
    await sub.endAsync();
    await c.stop();
  }
}

test('demo on a Wednesday morning: cut, reconnection and meter exchange with real events and printed slips', async () => {
  await run('2026-11-25T10:00:00+03:00', async (c, events) => {
    const ref = c.app.fieldReference;
    const job = (kind: string) => c.app.jobs().find((j) => j.job.kind === kind && j.state === 'open')!;

    const cut = job('cut');
    const check = c.app.cutCheck(cut.job.jobId);
    assert.equal(check.failed, [], JSON.stringify(check.items.filter((i) => i.status !== 'ok')));
    const cw = await c.app.confirmCut({
      jobId: cut.job.jobId,
      scannedCode: cut.job.meter.barcode!,
      checklist: safe(ref, 'cut'),
      index: cut.job.meter.lastIndex + 40,
      sealNo: 'KM1234567',
    });
    const p1 = await c.app.printFieldWork(cw.id);
    assert.ok(p1.savedAt && existsSync(p1.savedAt));
    assert.match(readFileSync(p1.savedAt!, 'utf8'), 'KM1234567');

    const rc = job('reconnect');
    const rw = await c.app.confirmReconnect({
      jobId: rc.job.jobId,
      scannedCode: rc.job.meter.serial,
      checklist: safe(ref, 'reconnect'),
      index: rc.job.meter.lastIndex,
      removedSealNo: 'KM7654321',
    });
    assert.match(readFileSync((await c.app.printFieldWork(rw.id)).savedAt!, 'utf8'), 'GAZ AÇMA FİŞİ');

    for (const kind of ['meter-removal', 'meter-installation']) {
      const mj = job(kind);
      const mw = await c.app.confirmMeterExchange({
        jobId: mj.job.jobId,
        checklist: safe(ref, 'meter'),
        // A seal is fitted once: each visit fits its own.
        removed: { scannedCode: mj.job.meter.serial, finalIndex: mj.job.meter.lastIndex + 10, sealNos: [`AB${kind.length}23456`] },
        installed: { serial: `NEW${kind.length}0001`, initialIndex: 0, sealNos: [`CD${kind.length}234567`] },
      });
      assert.match(readFileSync((await c.app.printFieldWork(mw.id)).savedAt!, 'utf8'), 'SAYAÇ DEĞİŞİM TUTANAĞI');
      assert.is(c.app.job(mj.job.jobId)!.job.meter.serial, `NEW${kind.length}0001`);
    }

    await waitFor(
      () => c.sender.depth() === 0 && events.filter((e) => e.body.type === 'document.printed').length === 4,
      'events delivered',
    );
    const types = events.map((e) => e.body.type);
    for (const t of ['gas.cut', 'gas.reconnected', 'meter.removed', 'meter.installed']) assert.ok(types.includes(t), t);
    for (const e of events) {
      const v = validateEvent(e.body, e.topic);
      assert.ok(v.ok, `${e.body.type}: ${JSON.stringify(!v.ok && v.errors)}`);
    }
  });
});

test('demo on a Saturday night: the cut shows what blocks it; the demo supervisor overrides with a reason', async () => {
  await run('2026-11-28T22:00:00+03:00', async (c, events) => {
    const cut = c.app.jobs().find((j) => j.job.kind === 'cut')!;
    const check = c.app.cutCheck(cut.job.jobId);
    assert.equal(check.failed, ['working-day', 'working-hours']);
    assert.ok(check.overridable, "demo reference data: working time is a supervisor's to override");
    const req = {
      jobId: cut.job.jobId,
      scannedCode: cut.job.meter.serial,
      checklist: safe(c.app.fieldReference, 'cut'),
      index: cut.job.meter.lastIndex + 40,
      sealNo: 'KM1234567',
    };
    try {
      await c.app.confirmCut(req);
      assert.unreachable('cut without override');
    } catch (e) {
      assert.is((e as { code?: string }).code, 'Job_WrongState');
    }
    const grant = await c.app.authorizeOverride({
      jobId: cut.job.jobId,
      supervisorId: DEMO_SUPERVISOR.operatorId,
      pin: DEMO_SUPERVISOR.pin,
      reason: 'demo: gösterim amaçlı kesme',
    });
    await c.app.confirmCut({ ...req, grantId: grant.grantId });
    await waitFor(() => events.some((e) => e.body.type === 'gas.cut'), 'gas.cut delivered');
    const ev = events.find((e) => e.body.type === 'gas.cut')!;
    assert.equal((ev.body.data as { override: { preconditions: string[] } }).override.preconditions, ['working-day', 'working-hours']);
    assert.ok(validateEvent(ev.body, ev.topic).ok);
  });
});

test.run();
