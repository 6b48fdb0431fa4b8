/**
 * The field-work scan gate on the real screen (issue 19; the machine is core/fieldwork/flow/scan.ts):
 * F3 "barkod okunamıyor" with a reason, shown on the confirm and sent in gas.cut; after another
 * meter, F3 is refused, code 11 keeps the scanned serial in reading.skipped, and F4 opens the job
 * of that meter when it is on the route; the gas-smell stop says what its keys do and has no Esc.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readingJob } from '../../helpers/sampleJobs.js';
import { loginAsReader, startTui, type TuiFixture } from '../tui/tuiFixture.js';
import { answer, assertAllValid, cutJob, flat, fresh, ofType, open, reconnectJob, show } from './fieldTui.js';

/** The cut of J-CUT01 opened and its preconditions passed: the scan step. */
async function atScan(f: TuiFixture): Promise<string> {
  await loginAsReader(f);
  await open(f, 'J-CUT01', 'Kesme koşulları');
  await f.term.press('enter');
  return f.term.waitFor('Sayaç barkodunu okutun');
}

test('F3 "barkod okunamıyor": a reason from the list, the cut goes on; the confirm shows it and gas.cut carries it', async () => {
  const f = await startTui({ cols: 40, rows: 24, appOptions: fresh({ count: 3, jobs: [cutJob()] }) });
  try {
    const scan = await atScan(f);
    show(scan);
    assert.match(flat(scan), 'Barkod okunmuyorsa F3');
    assert.match(scan, 'F3 Okunmaz');
    await f.term.press('f3');
    const list = await f.term.waitFor('Nedeni seçin');
    show(list);
    assert.match(list, '2 Etiket yıpranmış / okunmuyor');
    await f.term.type('2');
    await f.term.waitFor('gaz kokusu var mı?');
    await answer(f, '1111');
    await f.term.waitFor('Kesme anındaki endeks');
    await f.term.type('3200');
    await f.term.press('enter');
    await f.term.waitFor('Takılan kilit mühür no');
    await f.term.type('KM1234567');
    await f.term.press('enter');
    const sum = await f.term.waitFor('Gaz kesilsin mi?');
    show(sum);
    assert.match(flat(sum), 'Barkod okunamadı: Etiket yıpranmış / okunmuyor');
    await f.term.press('enter');
    await f.term.waitFor('Kaydedildi');
    const [cut] = ofType(f.rig, 'gas.cut');
    assert.equal(cut!.data.scanOverride?.reasonCode, '02');
    assert.equal(cut!.data.scanOverride?.reasonLabel, 'Etiket yıpranmış / okunmuyor');
    assert.equal(f.rig.scans(), [], 'nothing was scanned');
    assertAllValid(f.rig);
  } finally {
    await f.close();
  }
});

test('another meter: Esc back to the scan refuses F3; code 11 keeps the scanned serial in reading.skipped', async () => {
  const f = await startTui({ cols: 40, rows: 24, appOptions: fresh({ count: 3, jobs: [cutJob()] }) });
  try {
    await atScan(f);
    f.rig.scan('M99999999');
    const stop = await f.term.waitFor('YANLIŞ SAYAÇ');
    show(stop);
    assert.match(flat(stop), 'Doğru sayacı okutun. Enter: kod ile kaydet Esc: okutmaya dön');
    assert.not.match(stop, 'F4', 'no job on the route has that meter');
    await f.term.press('back');
    const again = await f.term.waitFor('bu işin sayacı değil');
    show(again);
    assert.not.match(again, 'Okunmaz', 'no "barkod okunamıyor" after another meter');
    await f.term.press('f3');
    await f.term.waitFor('seçilemez');
    f.rig.scan('M99999999');
    await f.term.waitFor('YANLIŞ SAYAÇ');
    await f.term.press('enter');
    const codes = await f.term.waitFor('Neden?');
    show(codes);
    await f.term.press('enter');
    await f.term.waitFor('Yapılamadı: 11');
    await f.term.press('enter');
    await f.term.waitFor('kod 11');
    const [sk] = ofType(f.rig, 'reading.skipped');
    assert.is(sk!.data.reasonCode, '11');
    assert.is(sk!.data.scannedSerial, 'M99999999');
    assert.equal(ofType(f.rig, 'gas.cut'), []);
    assertAllValid(f.rig);
  } finally {
    await f.close();
  }
});

test("another meter that is a reading job on the route: F4 opens that job's reading, the scan counted", async () => {
  const other = readingJob(305, { jobId: 'J-OKU05', routeSeq: 5 });
  const f = await startTui({ cols: 40, rows: 24, appOptions: fresh({ count: 3, jobs: [cutJob(), other] }) });
  try {
    await atScan(f);
    f.rig.scan('M10000305');
    const stop = await f.term.waitFor('F4 o işi açar');
    show(stop);
    assert.match(flat(stop), 'Bu sayaç iş 5');
    assert.match(stop, 'F4 İşi aç');
    await f.term.press('f4');
    const reading = await f.term.waitFor('Sayaç doğrulandı');
    show(reading);
    assert.is(f.app.job('J-CUT01')!.state, 'open', 'nothing recorded on the cut');
    assert.equal(f.rig.scans(), [
      { jobId: 'J-CUT01', match: false },
      { jobId: 'J-OKU05', match: true },
    ]);
  } finally {
    await f.close();
  }
});

test('the same stop at 40×15: "Esc Geri" and "F4 İşi aç" on the soft-key bar, a space between them', async () => {
  const other = readingJob(305, { jobId: 'J-OKU05', routeSeq: 5 });
  const f = await startTui({ cols: 40, rows: 15, appOptions: fresh({ count: 3, jobs: [cutJob(), other] }) });
  try {
    await atScan(f);
    f.rig.scan('M10000305');
    const stop = await f.term.waitFor('F4 İşi aç');
    show(stop);
    const bar = stop.split('\n')[14]!;
    assert.match(bar, /Esc Geri +F4 İşi aç/);
    assert.not.match(bar, 'GeriF4');
    assert.match(bar, /^F1 /, 'F1 stays under its key');
  } finally {
    await f.close();
  }
});

test('gas smell: the stop says there is no way back and shows no Esc; the codes go back to the stop only', async () => {
  const f = await startTui({ cols: 40, rows: 24, appOptions: fresh({ count: 2, jobs: [reconnectJob()] }) });
  try {
    await loginAsReader(f);
    await open(f, 'J-AC01', 'Sayaç barkodunu okutun');
    f.rig.scan('M10000301');
    await answer(f, '11');
    await f.term.waitFor('Gaz kokusu var mı?');
    await f.term.type('2');
    const c = await f.term.waitFor('iş durdurulacak');
    assert.match(flat(c), 'Enter: onayla, işi durdur Esc: soruya dön');
    await f.term.press('enter');
    const s = await f.term.waitFor('GAZ KOKUSU');
    show(s);
    assert.match(flat(s), 'Geri dönüş yok. Enter: acil durum kodu ile kaydet');
    assert.not.match(s, 'Esc', 'Esc does nothing here, and the bar does not offer it');
    await f.term.press('enter');
    await f.term.waitFor('20 Gaz kokusu');
    await f.term.press('back');
    const back = await f.term.waitFor('GAZ KOKUSU');
    assert.not.match(back, 'Gaz kokusu var mı?');
  } finally {
    await f.close();
  }
});

test.run();
