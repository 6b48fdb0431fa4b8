/**
 * The crew's reading at 40×15 (issue 19), on the real blessed screen over the real app, keys at the
 * device's settings: print on confirm and the confirm pause on (TestApp turns both off for older
 * tests). A wrong meter never bills; a scan-opened reading is digits, Enter, Enter and nothing
 * else; a rhythm of keys held through the preview does not confirm it.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DEFAULT_CONFIRM_PAUSE_MS } from '../../../src/adapters/ui/confirmGuard.js';
import { loginAsReader, startTui, type TuiFixture } from './tuiFixture.js';

const SHOW = process.env.SAHA_SHOW_SCREENS === '1';
const show = (s: string) => SHOW && console.log(`${s}\n${'='.repeat(40)}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** A person looks at the confirm screen before pressing: longer than the device's pause. */
const LOOK = DEFAULT_CONFIRM_PAUSE_MS + 250;
const flat = (s: string) => s.replace(/\s+/g, ' ');

const crewTui = () => startTui({ appOptions: { printOnConfirm: true, confirmPauseMs: DEFAULT_CONFIRM_PAUSE_MS } });

function nothingBilled(f: TuiFixture, jobId: string): void {
  assert.is(f.app.job(jobId)!.state, 'open', `${jobId} stays open`);
  assert.is(f.rig.store.size('invoices'), 0, 'no invoice');
  assert.equal(f.rig.events('reading.recorded'), [], 'no reading recorded');
}

test('a wrong meter never bills: the index is held, F1 records code 11 with the scanned serial', async () => {
  const f = await crewTui();
  try {
    await loginAsReader(f);
    await f.term.type('8');
    await f.term.waitFor('Ara: 8');
    await f.term.press('enter');
    await f.term.waitFor('Okuma J-00008');
    f.rig.scan('ESG21000333'); // a meter on no job of this route
    const wrong = await f.term.waitFor('YANLIŞ SAYAÇ');
    show(wrong);
    assert.not.match(wrong, 'F4', 'no job to open: that meter is not on the route');
    await f.term.type('2700');
    await f.term.press('enter');
    await sleep(LOOK);
    await f.term.press('enter');
    await sleep(LOOK);
    await f.term.press('enter');
    const held = await f.term.waitFor('faturalanmaz');
    show(held);
    assert.not.match(held, 'Fatura önizleme');
    nothingBilled(f, 'J-00008');
    await f.term.press('f1');
    await f.term.waitFor('11 Sayaç seri no');
    await f.term.press('enter');
    await f.term.waitFor('Enter: kaydet');
    await sleep(LOOK);
    await f.term.press('enter');
    await f.term.waitFor('Kaydedildi');
    const skipped = f.rig.events('reading.skipped');
    assert.is(skipped.length, 1);
    assert.is(skipped[0]!.data.reasonCode, '11');
    assert.is(skipped[0]!.data.scannedSerial, 'ESG21000333', 'the event keeps what was scanned');
    const work = f.app.workOf('J-00008')[0]!;
    assert.is(work.kind === 'no-read' && work.scannedSerial, 'ESG21000333', 'the record keeps it too');
    assert.is(f.rig.store.size('invoices'), 0);
  } finally {
    await f.close();
  }
});

test('a wrong meter that is on the route: F4 opens its own job, which counts as its scan', async () => {
  const f = await crewTui();
  try {
    await loginAsReader(f);
    await f.term.type('8');
    await f.term.waitFor('Ara: 8');
    await f.term.press('enter');
    await f.term.waitFor('Okuma J-00008');
    f.rig.scan('M10000003');
    const s = await f.term.waitFor('iş 3: F4');
    show(s);
    await f.term.press('f4');
    const other = await f.term.waitFor('Okuma J-00003');
    show(other);
    assert.match(other, 'Sayaç doğrulandı');
    nothingBilled(f, 'J-00008');
    assert.equal(f.rig.scans().slice(-2), [
      { jobId: 'J-00008', match: false },
      { jobId: 'J-00003', match: true },
    ]);
  } finally {
    await f.close();
  }
});

test('no scan, no bill: Enter says so and keeps the digits; a letter is refused as typed', async () => {
  const f = await crewTui();
  try {
    await loginAsReader(f);
    await f.term.press('enter');
    await f.term.waitFor('Okuma J-00001');
    await f.term.type('11a');
    const refused = await f.term.waitFor('yalnız rakam');
    show(refused);
    assert.match(refused, 'Endeks: 11_', 'the letter never reached the field');
    await f.term.type('12');
    await f.term.press('enter');
    const held = await f.term.waitFor('okutulmadan');
    show(held);
    assert.match(held, 'Endeks: 1112_', 'the digits stay for after the scan');
    nothingBilled(f, 'J-00001');
    f.rig.scan('M10000001');
    const ok = await f.term.waitFor('Sayaç doğrulandı');
    assert.not.match(ok, 'okutulmadan', 'the stale notice went with the valid scan');
    await f.term.press('enter');
    await f.term.waitFor('Fatura önizleme');
  } finally {
    await f.close();
  }
});

test('barcode unreadable: F3 and a reason, shown on the preview and sent with the reading', async () => {
  const f = await crewTui();
  try {
    await loginAsReader(f);
    await f.term.press('enter');
    await f.term.waitFor('Okuma J-00001');
    await f.term.press('f3');
    await f.term.waitFor('Barkod okunamıyor');
    await f.term.type('2');
    await f.term.waitFor('okunamıyor: Etiket');
    await f.term.type('1112');
    await f.term.press('enter');
    const p = await f.term.waitFor('Fatura önizleme');
    show(p);
    assert.match(flat(p), 'Barkod okunamadı: Etiket');
    assert.match(p, 'ÖDENECEK');
    await sleep(LOOK);
    await f.term.press('enter');
    await f.term.waitFor(/İşler/);
    const [rec] = f.rig.events('reading.recorded');
    assert.ok(rec, 'the reading was recorded');
    assert.is(rec.data.scanOverride?.reasonCode, '02');
    const work = f.app.workOf('J-00001')[0]!;
    assert.is(work.kind === 'reading' && work.scanOverride?.reasonCode, '02');
  } finally {
    await f.close();
  }
});

test('a 4-key reading: scan opens the job, digits, Enter, Enter: saved, printed, the list at the next open job', async () => {
  const f = await crewTui();
  try {
    await loginAsReader(f);
    // Select job 5 first: the list must move from where the crew was to the job after the one read.
    await f.term.press('down', 'down');
    f.rig.scan('M10000001'); // 1: the scan opens the job
    await f.term.waitFor('Sayaç doğrulandı');
    await f.term.type('1112'); // 2: the digits
    await f.term.press('enter'); // 3: preview
    const p = await f.term.waitFor('Fatura önizleme');
    show(p);
    assert.match(p, /Toplam [\d.]+,\d\d TL/, 'the total is on the preview');
    assert.match(p, /Yuv\. -?[\d.]+,\d\d TL/, 'and the rounding');
    await sleep(LOOK);
    await f.term.press('enter'); // 4: confirm
    const list = await f.term.waitFor(/İşler\s+1\/20/);
    show(list);
    assert.is(f.app.job('J-00001')!.state, 'done');
    const [inv] = f.rig.store.values('invoices');
    assert.ok(inv, 'an invoice was issued');
    assert.equal(
      f.rig.prints().map((c) => [c.documentNo, c.copy]),
      [[inv.invoice.invoiceNo, 1]],
      'printed once, as the first copy',
    );
    assert.match(flat(list), f.app.job('J-00002')!.job.customer.address.slice(0, 20), 'job 2 is selected');
  } finally {
    await f.close();
  }
});

test('a rhythm of keys held through the preview never confirms it; a press after a look does', async () => {
  const f = await crewTui();
  try {
    await loginAsReader(f);
    f.rig.scan('M10000001');
    await f.term.waitFor('Sayaç doğrulandı');
    // "1"s and Enters at a steady 120 ms, on through the preview appearing.
    for (const k of ['1', '1', '1', '2']) {
      await f.term.type(k);
      await sleep(120);
    }
    for (let i = 0; i < 8; i++) {
      await f.term.press('enter');
      await sleep(120);
    }
    for (let i = 0; i < 4; i++) {
      await f.term.type('1');
      await sleep(120);
    }
    const p = await f.term.waitFor('Fatura önizleme');
    show(p);
    await sleep(150);
    assert.is(f.app.job('J-00001')!.state, 'open', 'still open: the preview took none of those keys');
    assert.is(f.rig.store.size('invoices'), 0);
    // A held Enter (auto-repeat, 30 ms) does not confirm either.
    for (let i = 0; i < 10; i++) {
      await f.term.press('enter');
      await sleep(30);
    }
    await sleep(150);
    assert.is(f.rig.store.size('invoices'), 0, 'a held Enter is not a confirm');
    await sleep(LOOK);
    await f.term.press('enter');
    await f.term.waitFor(/İşler/);
    assert.is(f.app.job('J-00001')!.state, 'done', 'one press after a look confirms');
  } finally {
    await f.close();
  }
});

test.run();
