/**
 * The real app in a real terminal (tmux, 40×15, the handheld's console): the demo reader logs in,
 * reads meters to printed invoices, re-keys an unusual index, answers the rollover question,
 * records a no-read with its code and reprints a slip. Assertions are on what the crew sees on
 * the screen and on the slips the virtual printer wrote to <dataDir>/slips.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DEMO_SUPERVISOR } from '../../../src/compose.js';
import { body, cleanup, demoJob, haveTmux, keyIndex, login, routeArrived, slips, startApp, type RunningApp } from './appRig.js';

let app: RunningApp;
const has = haveTmux();

test.before(async () => {
  if (!has) return;
  app = await startApp({ cols: 40, rows: 15, deviceId: 'HT-E2E-R' });
});
test.after(() => cleanup(...(app ? [app.dataDir] : [])));

test('the demo reader logs in and sees the route', async () => {
  if (!has) return;
  const t = app.term;
  const first = await t.waitFor('Kullanıcı');
  assert.match(first, /Giriş\s+SAHA Okuma DEMO/);
  assert.match(first, /Şifre/);
  await login(t);
  await routeArrived(t, 36);
  // The route came while the login screen was up: its urgent reconnection is announced now.
  let s = await t.waitFor('ACİL İŞ GELDİ');
  assert.match(s, /DEMO-\d{8}-014 Gökhan Yılmaz/);
  await t.press('enter');
  s = await t.waitFor((x) => !x.includes('ACİL İŞ GELDİ') && /OKU\s+1 /.test(x));
  assert.match(s, /Yazıcı hazır\s+Okuyucusuz\s+1001/, 'operator in the status bar');
  assert.match(s, /Tüm işler · Bekleyen/, 'filter line in UTF-8 (no DEC line-drawing "~")');
  assert.match(s, /! AÇ\s+14 Gökhan Yılmaz/, 'urgent job pinned on top');
});

test('a meter scanned from the list, read and printed: the slip carries the invoice and the customer', async () => {
  if (!has) return;
  const t = app.term;
  const j = demoJob(1);
  // A scanner types the serial in one burst ending in Enter: the app opens that meter's job.
  await t.scan(j.serial);
  let s = await t.waitFor('Sayaç doğrulandı.', { message: 'scan from the list opens the job with the meter checked' });
  assert.ok(s.includes(`Okuma ${j.jobId}`), 'reading screen title');
  assert.ok(s.includes('Mehmet İnce'), 'customer name');
  assert.ok(s.includes(`Sayaç ${j.serial}`), 'serial shown in full');
  await keyIndex(t, j.lastIndex + 95);
  s = await t.waitFor('Fatura önizleme');
  assert.match(s, /Tüketim 95 m³ \(30 gün\)/);
  assert.match(s, /ÖDENECEK [\d.]+,\d\d TL/);
  const payable = /ÖDENECEK ([\d.]+,\d\d) TL/.exec(s)![1]!;
  await t.press('enter');
  s = await t.waitFor('Kaydedildi.');
  const invoiceNo = /Fatura No (DMO\d{13})/.exec(s)?.[1];
  assert.ok(invoiceNo, `invoice number on screen:\n${s}`);
  await t.press('enter');
  s = await t.waitFor('Yazdırıldı.');
  assert.ok(s.includes(`Fatura No ${invoiceNo}`));
  const slip = slips(app.dataDir).get(`${invoiceNo}-1.txt`);
  assert.ok(slip, `slip ${invoiceNo}-1.txt written; have ${[...slips(app.dataDir).keys()].join(', ')}`);
  assert.match(slip!, new RegExp(`Fatura No:\\s+${invoiceNo}`));
  assert.match(slip!, /Abone: Mehmet İnce/);
  assert.match(slip!, new RegExp(`ÖDENECEK TUTAR:\\s+${payable.replace('.', '\\.')} TL`));
  assert.match(slip!, new RegExp(`Sayaç Seri No:\\s+${j.serial}`));
  await t.press('back'); // Enter would open the next open job (issue 19)
  s = await t.waitFor(/İşler\s+1\/36/, { message: 'back on the list, one job done' });
});

test('an unusual index must be keyed twice; the preview says it was confirmed', async () => {
  if (!has) return;
  const t = app.term;
  const j = demoJob(2);
  await t.type(j.serial); // typed at a person's pace: a search, not a scan
  await t.waitFor(`Ara: ${j.serial}`);
  await t.press('enter');
  await t.waitFor(`Okuma ${j.jobId}`);
  await t.waitFor('Sayaç barkodunu okutun.', { message: 'opened by hand: no scan yet' });
  // The scan is a gate (issue 19): no index is billed before the meter is scanned.
  await t.scan(j.serial);
  await t.waitFor('Sayaç doğrulandı.');
  // 30 days at 4 m³/day expected: 1,000 m³ is far above 2.5 × that.
  await keyIndex(t, j.lastIndex + 1000);
  let s = await t.waitFor('Tekrar:', { message: 'outlier asks for a re-key' });
  assert.not.match(s, /Fatura önizleme/);
  // A different second entry starts over.
  await keyIndex(t, j.lastIndex + 1001);
  s = await t.waitFor(/Endeks:/);
  await keyIndex(t, j.lastIndex + 1000);
  await t.waitFor('Tekrar:');
  await keyIndex(t, j.lastIndex + 1000);
  // High but possible for the meter: the supervisor confirms it (issue 17), with the demo's account.
  await t.waitFor('amir onayı gerekli');
  await t.type(DEMO_SUPERVISOR.operatorId);
  await t.press('enter');
  await t.type(DEMO_SUPERVISOR.pin);
  await t.press('enter');
  s = await t.waitFor('Fatura önizleme');
  assert.match(s, /Olağandışı değer onaylandı\./);
  assert.match(s, /Tüketim 1\.000 m³/);
  await t.press('enter');
  await t.waitFor('Kaydedildi.');
  await t.press('back'); // to the list without printing
  await t.waitFor(/İşler\s+2\/36/);
  await t.press('back'); // clear the search
  await t.waitFor((x) => !x.includes('Ara:'));
});

test('a meter that went past 99999: the crew answers "rollover" and the bill counts across zero', async () => {
  if (!has) return;
  const t = app.term;
  const j = demoJob(3); // last index 99912 on five dials
  await t.scan(j.serial);
  await t.waitFor('Sayaç doğrulandı.');
  await keyIndex(t, 40);
  let s = await t.waitFor('Devir (sayaç başa döndü)', { message: 'lower index: rollover question' });
  assert.match(s, /Sayaç değişmiş/);
  assert.match(s, /Yanlış okuma, tekrar gir/);
  await t.type('1');
  s = await t.waitFor('Fatura önizleme');
  assert.match(s, /Endeks 99912 → 00040/);
  assert.match(s, /Tüketim 128 m³/);
  assert.match(s, /Devir onaylandı\./);
  await t.press('enter');
  await t.waitFor('Kaydedildi.');
  await t.press('enter');
  await t.waitFor('Yazdırıldı.');
  await t.press('back');
  await t.waitFor(/İşler\s+3\/36/);
});

test('a no-read with its code: nothing billed, the job leaves the open list', async () => {
  if (!has) return;
  const t = app.term;
  const j = demoJob(4);
  await t.scan(j.serial);
  await t.waitFor(`Okuma ${j.jobId}`);
  await t.press('f1');
  let s = await t.waitFor('Kodu yazın veya seçin');
  assert.match(s, /01 Kapı\/ev kapalı/);
  await t.type('04');
  s = await t.waitFor((x) => /04 Köpek/.test(x));
  await t.press('enter');
  s = await t.waitFor('Okunamadı: 04 Köpek / güvenlik riski');
  await t.press('enter');
  s = await t.waitFor('Kaydedildi.');
  assert.not.match(s, /Fatura No/);
  await t.press('back');
  s = await t.waitFor(/İşler\s+4\/36/);
  assert.not.match(body(s), new RegExp(`OKU\\s+4 `), 'no longer among the open jobs');
});

test('a reprint from the list: copy 2 is marked NÜSHA 2 on paper', async () => {
  if (!has) return;
  const t = app.term;
  const before = slips(app.dataDir);
  const first = [...before.keys()].find((k) => k.endsWith('-1.txt'))!;
  const invoiceNo = first.replace(/-1\.txt$/, '');
  await t.press('f3');
  let s = await t.waitFor('Kopya yazdır');
  assert.ok(s.includes(invoiceNo) || s.includes('Fatura'), `today's documents listed:\n${s}`);
  // The first printed invoice is the oldest: the last row.
  await t.press('down', 'down', 'down');
  await t.press('enter');
  s = await t.waitFor('Neden? (1–4, Enter)');
  assert.match(s, new RegExp(`Kopya yazdır\\s+${invoiceNo}`));
  await t.type('2');
  s = await t.waitFor('Kopya yazdırıldı');
  assert.match(s, /Kopya 2/);
  const copy = slips(app.dataDir).get(`${invoiceNo}-2.txt`);
  assert.ok(copy, 'second slip written');
  assert.match(copy!, /NÜSHA 2/);
  assert.match(copy!, /Abone: Mehmet İnce/);
  await t.press('enter');
  await t.waitFor(/İşler\s+4\/36/);
});

test.run();
