/**
 * Cancellations reaching the real app over MQTT while the crew works. The test runs the broker
 * (SAHA_MQTT_URL points the app at it, so the demo back office dispatches over it too) and
 * publishes `job.cancel` on saha/v1/devices/{deviceId}/jobs as the back office would.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import mqtt, { type MqttClient } from 'mqtt';
import { InProcessBroker } from '../../../src/adapters/mqtt/InProcessBroker.js';
import { cleanup, demoJob, haveTmux, keyIndex, login, routeArrived, startApp, type RunningApp } from './appRig.js';

const DEVICE = 'HT-E2E-C';
const has = haveTmux();
let broker: InProcessBroker;
let office: MqttClient;
let app: RunningApp;
const events: { type: string; jobId?: string; data: Record<string, unknown> }[] = [];

test.before(async () => {
  if (!has) return;
  broker = await new InProcessBroker().start();
  office = await mqtt.connectAsync(broker.url, { clientId: 'e2e-backoffice' });
  office.on('message', (topic, payload) => {
    if (topic.includes('/events/')) events.push(JSON.parse(payload.toString()));
  });
  await office.subscribeAsync(`saha/v1/devices/${DEVICE}/events/+`, { qos: 1 });
  app = await startApp({ cols: 40, rows: 15, deviceId: DEVICE, env: { SAHA_MQTT_URL: broker.url } });
});
test.after(async () => {
  cleanup(...(app ? [app.dataDir] : []));
  await office?.endAsync();
  await broker?.close();
});

let n = 0;
async function cancel(jobId: string, reason: string): Promise<void> {
  const msg = { messageId: `e2e-cancel-${++n}-${jobId}`, sentAt: new Date().toISOString(), type: 'job.cancel', jobId, reason };
  await office.publishAsync(`saha/v1/devices/${DEVICE}/jobs`, JSON.stringify(msg), { qos: 1 });
}

const waitEvent = async (pred: (e: (typeof events)[number]) => boolean, what: string) => {
  const until = Date.now() + 20_000;
  while (!events.some(pred)) {
    if (Date.now() > until) throw new Error(`no ${what} event; got ${events.map((e) => e.type).join(', ')}`);
    await new Promise((r) => setTimeout(r, 25));
  }
};

test('the route arrives over the external broker', async () => {
  if (!has) return;
  const t = app.term;
  await login(t);
  await routeArrived(t, 36);
  await t.waitFor('ACİL İŞ GELDİ');
  await t.press('enter');
  await t.waitFor(/OKU\s+1 /);
  await waitEvent((e) => e.type === 'job.accepted', 'job.accepted');
});

test('a cancellation while the job is open closes it at once, says why, and nothing is recorded', async () => {
  if (!has) return;
  const t = app.term;
  const j = demoJob(1);
  await t.scan(j.serial);
  await t.waitFor('Sayaç doğrulandı.');
  await keyIndex(t, j.lastIndex + 95);
  await t.waitFor('Fatura önizleme', { message: 'the crew is one Enter away from recording' });
  await cancel(j.jobId, 'Borç ödendi');
  let s = await t.waitFor('İŞ İPTAL EDİLDİ');
  assert.match(s, new RegExp(`${j.jobId}\\s+Mehmet İnce`));
  assert.match(s, /Neden: Borç ödendi/);
  assert.match(s, /Açık olan iş kapatıldı, kayıt\s+yapılmadı\./);
  // The Enter the crew meant for "confirm" only dismisses the notice.
  await t.press('enter');
  s = await t.waitFor((x) => !x.includes('İPTAL') && x.includes('Tüm işler'));
  assert.not.match(s, /OKU\s+1 Mehmet/, 'no longer among the open jobs');
  // All jobs: it is there, marked cancelled, and cannot be worked.
  await t.press('f2', 'f2');
  s = await t.waitFor('Tüm işler · Hepsi');
  assert.match(s, /x\s*OKU\s+1 Mehmet İnce/);
  await t.type(j.serial); // typed, not scanned: a search
  await t.waitFor(`Ara: ${j.serial}`);
  await t.press('enter');
  s = await t.waitFor('Bu iş iptal edildi');
  assert.match(s, /Borç ödendi/);
  await t.press('enter');
  await t.waitFor(`Ara: ${j.serial}`);
  await t.press('back'); // clears the search
  await t.waitFor((x) => !x.includes('Ara:'));
  await t.press('f2'); // back to "Bekleyen"
  await t.waitFor('Tüm işler · Bekleyen');
  await new Promise((r) => setTimeout(r, 500));
  assert.not.ok(
    events.some((e) => e.type === 'reading.recorded' && e.jobId === j.jobId),
    'no reading reached the back office',
  );
});

test('a cancellation of a job already recorded: the crew is told it came too late, the office gets job.cancel-too-late', async () => {
  if (!has) return;
  const t = app.term;
  const j = demoJob(2);
  await t.scan(j.serial);
  await t.waitFor('Sayaç doğrulandı.');
  await keyIndex(t, j.lastIndex + 90);
  await t.waitFor('Fatura önizleme');
  await t.press('enter');
  await t.waitFor('Kaydedildi.');
  await t.press('back');
  await t.waitFor(/İşler\s+1\/35/); // the cancelled job no longer counts
  await cancel(j.jobId, 'Abone taşındı');
  const s = await t.waitFor('İPTAL GEÇ GELDİ');
  assert.match(s, new RegExp(`${j.jobId} zaten`));
  await t.press('enter');
  await t.waitFor((x) => !x.includes('İPTAL'));
  await waitEvent((e) => e.type === 'job.cancel-too-late' && e.jobId === j.jobId, 'job.cancel-too-late');
  await waitEvent((e) => e.type === 'reading.recorded' && e.jobId === j.jobId, 'reading.recorded');
});

test.run();
