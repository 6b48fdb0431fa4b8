/**
 * Layout of the real app on the two screens it is built for, 40×15 (the handheld's console) and
 * 80×24: the login, the job list and the reading screen show everything the crew needs in full
 * (nothing cut at the edge), status bar on top and soft keys at the bottom. A job with a very long
 * name and address (sent by the test as the back office) checks wrapping; resizing the terminal
 * repaints the screen at the new size.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import mqtt from 'mqtt';
import { InProcessBroker } from '../../../src/adapters/mqtt/InProcessBroker.js';
import { cleanup, demoJob, haveTmux, localToday, login, routeArrived, startApp, type RunningApp } from './appRig.js';

const has = haveTmux();
const DEVICE = 'HT-E2E-L';
const LONG = {
  jobId: 'E2E-LONG-1',
  name: 'Hacı Mehmet Ali Büyükçekmeceli Karaosmanoğlu',
  address: 'Büyükdere Mahallesi Şehit Piyade Er Mustafa Gökçeoğlu Sokağı No:117 D:23 Odunpazarı/Eskişehir',
  serial: 'ESG99887766554433',
};
let broker: InProcessBroker;
const apps: RunningApp[] = [];

test.before(async () => {
  if (!has) return;
  broker = await new InProcessBroker().start();
  const today = localToday();
  const lastRead = new Date(Date.parse(`${today}T12:00:00Z`) - 30 * 86_400_000).toISOString().slice(0, 10);
  const job = {
    jobId: LONG.jobId,
    version: 1,
    kind: 'reading',
    priority: 'normal',
    routeSeq: 0,
    dueDate: today,
    tariffGroup: 'ESGAZ-K1',
    customer: { installationNo: '7999001', contractAccount: '59999001', name: LONG.name, address: LONG.address },
    meter: { serial: LONG.serial, barcode: LONG.serial, digits: 8, lastIndex: 12345678, lastReadDate: lastRead, expectedDailyM3: '4.0' },
    notes: 'Sayaç bahçe duvarının arkasında, köpek var; kapı zili çalışmıyor, arka kapıdan seslenin.',
  };
  // Retained on the device's topic? No: QoS 1 to a persistent session. Publish once the app is
  // subscribed, i.e. after its first start; a helper client waits for the device's status.
  const office = await mqtt.connectAsync(broker.url, { clientId: 'e2e-layout-office' });
  await office.subscribeAsync(`saha/v1/devices/${DEVICE}/status`, { qos: 1 });
  const online = new Promise<void>((resolve) =>
    office.on('message', (_t, p) => {
      if (p.toString().includes('"online"')) resolve();
    }),
  );
  apps.push(await startApp({ cols: 40, rows: 15, deviceId: DEVICE, env: { SAHA_MQTT_URL: broker.url } }));
  await online;
  await office.publishAsync(
    `saha/v1/devices/${DEVICE}/jobs`,
    JSON.stringify({ messageId: 'e2e-long-1', sentAt: new Date().toISOString(), type: 'job.assign', job }),
    { qos: 1 },
  );
  await office.endAsync();
});
test.after(async () => {
  cleanup(...apps.map((a) => a.dataDir));
  await broker?.close();
});

/** The screen's text with rows joined, so wrapped text reads as one string. */
const flat = (screen: string) =>
  screen
    .split('\n')
    .map((l) => l.trim())
    .join(' ');

function checkFrame(screen: string, cols: number, rows: number, what: string): void {
  const lines = screen.split('\n');
  assert.is(lines.length, rows, `${what}: ${rows} rows`);
  for (const l of lines) assert.ok([...l].length <= cols, `${what}: row wider than ${cols}: ${l}`);
  assert.ok(!screen.includes('…') || what === 'list', `${what}: nothing the crew needs is clipped with …:\n${screen}`);
}

test('40×15: login, list and reading screen show names, address, serial and keys in full', async () => {
  if (!has) return;
  const app = apps[0]!;
  const t = app.term;
  let s = await t.waitFor('Kullanıcı');
  checkFrame(s, 40, 15, 'login');
  const rows = s.split('\n');
  assert.match(rows[0]!, /^Bağl/, 'status bar on top (two rows at 40 columns)');
  assert.match(rows[2]!, /^Giriş\s+SAHA Okuma DEMO$/);
  await login(t);
  await routeArrived(t, 37);
  await t.waitFor('ACİL İŞ GELDİ');
  await t.press('enter');
  s = await t.waitFor((x) => !x.includes('ACİL') && x.includes('F4 GünSonu'));
  checkFrame(s, 40, 15, 'list');
  assert.match(s.split('\n')[14]!, /^F1 Tür\s+F2 Durum\s+F3 Kopya\s+F4 GünSonu$/, 'soft keys on the last row');
  // The long job is second (after the pinned urgent one); selected, its address shows in full below.
  await t.press('down');
  s = await t.waitFor((x) => flat(x).includes(LONG.address.slice(0, 20)));
  assert.ok(flat(s).includes(`${LONG.address} · ${LONG.serial}`.slice(0, 60)), `selected job's address under the list:\n${s}`);

  await t.scan(LONG.serial);
  s = await t.waitFor('Sayaç doğrulandı.');
  checkFrame(s, 40, 15, 'reading');
  const f = flat(s);
  assert.ok(f.includes(LONG.name), `name in full:\n${s}`);
  assert.ok(f.includes(`Sayaç ${LONG.serial}`), 'serial in full');
  assert.ok(f.includes('Önceki 12345678'), 'previous index');
  assert.match(s, /Endeks: _/);
  assert.match(s.split('\n')[14]!, /^F1 Kod\s+F2 Okut\s+Esc Geri$/, s);
  // The address may be shortened to fit 15 rows, but never its beginning (street and number).
  assert.ok(f.includes('Büyükdere Mahallesi'), 'address shown');
  await t.press('back');
  await t.waitFor('F4 GünSonu');
});

test('resized to 80×24: one status row, addresses in the list, the reading screen has room for the notes', async () => {
  if (!has) return;
  const t = apps[0]!.term;
  t.resize(80, 24);
  const keysRow = /^F1 Tür\s+F2 Durum\s+F3 Kopya\s+F4 GünSonu$/;
  // Repainted whole at the new size: one status row on top (with the store's free space, which
  // 40 columns show only when low), the soft keys on row 24.
  let s = await t.waitFor(
    (x) =>
      /^Bağlı\s+Giden \d+\s+Yazıcı hazır\s+Okuyucusuz\s+Hafıza( az)? \d+ [MG]B\s+1001\s+\d\d:\d\d$/.test(x.split('\n')[0]!) &&
      keysRow.test(x.split('\n')[23] ?? ''),
  );
  checkFrame(s, 80, 24, 'list');
  assert.match(s.split('\n')[1]!, /^İşler\s+\d+\/37$/);
  assert.match(s, /OKU\s+1 Mehmet İnce\s+İnönü Sok\. No:8 D:2 Tepebaşı\/Eskişehir/, 'name and address on the row');

  await t.scan(demoJob(5).serial);
  s = await t.waitFor('Sayaç doğrulandı.');
  checkFrame(s, 80, 24, 'reading');
  const f = flat(s);
  for (const want of [
    'İsmail Öztürk',
    'Üniversite Cad. No:36 D:6 Tepebaşı/Eskişehir',
    `Sayaç ${demoJob(5).serial}`,
    'Tesisat 7100065',
    'Not: Sayaç bodrum katta, anahtar kapıcıda.',
  ]) {
    assert.ok(f.includes(want), `${want}:\n${s}`);
  }
  await t.press('back');
  await t.waitFor('F4 GünSonu');

  await t.scan(LONG.serial);
  s = await t.waitFor('Sayaç doğrulandı.');
  const g = flat(s);
  assert.ok(g.includes(LONG.address), `long address in full at 80 columns:\n${s}`);
  assert.ok(g.includes('köpek var'), 'notes shown');

  t.resize(40, 15);
  s = await t.waitFor((x) => x.split('\n').length === 15 && x.includes('Endeks: _') && x.split('\n')[0]!.length <= 40);
  checkFrame(s, 40, 15, 'reading after resize');
});

test('80×24 from the start: the login screen', async () => {
  if (!has) return;
  const app = await startApp({ cols: 80, rows: 24, deviceId: 'HT-E2E-L2' });
  apps.push(app);
  const s = await app.term.waitFor('Kullanıcı');
  checkFrame(s, 80, 24, 'login');
  assert.match(s.split('\n')[0]!, /^Bağl.*Giriş yok\s+\d\d:\d\d$/);
  assert.match(s.split('\n')[1]!, /^Giriş\s+SAHA Okuma DEMO$/);
  assert.match(s, /Kullanıcı: _/);
  assert.match(s, /Rakamları girin, Enter: devam/);
});

test.run();
