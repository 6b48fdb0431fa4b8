/** A meter read to a printed invoice, on the real blessed screen, as the crew would do it. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { JobRecord } from '../../../src/core/jobs/types.js';
import { SUPERVISOR } from '../../helpers/testApp.js';
import { loginAsReader, scanOpenJob, startTui } from './tuiFixture.js';

const SHOW = process.env.SAHA_SHOW_SCREENS === '1';
const show = (s: string) => SHOW && console.log(`${s}\n${'='.repeat(40)}`);

test('scan, key the index, see the bill, confirm, print: the screen shows each step', async () => {
  const f = await startTui();
  try {
    await loginAsReader(f);
    await f.term.press('enter'); // open the first job in route order
    show(await f.term.waitFor('Sayaç barkodunu okutun'));
    f.rig.scan('M10000001');
    show(await f.term.waitFor('Sayaç doğrulandı'));
    assert.equal(f.rig.scans(), [{ jobId: 'J-00001', match: true }], 'the match is in the audit trail');
    await f.term.type('1112');
    await f.term.waitFor('Endeks: 1112_');
    await f.term.press('enter');
    const preview = await f.term.waitFor('Fatura önizleme');
    show(preview);
    assert.match(preview, 'Tüketim 105 m³ (30 gün)');
    assert.match(preview, /ÖDENECEK [\d.]+,\d\d TL/);
    assert.is(f.app.job('J-00001')!.state, 'open', 'nothing is recorded before the crew confirms');
    assert.is(f.app.workOf('J-00001').length, 0);
    assert.is(f.rig.store.size('invoices'), 0);
    await f.term.press('enter');
    const saved = await f.term.waitFor('Kaydedildi');
    show(saved);
    assert.is(f.app.job('J-00001')!.state, 'done');
    const no = /Fatura No (HTA\d+)/.exec(saved)?.[1];
    assert.ok(no, 'the real invoice number is shown');
    await f.term.press('enter');
    const printed = await f.term.waitFor('Yazdırıldı');
    show(printed);
    assert.equal(
      f.rig.prints().map((p) => [p.documentNo, p.copy]),
      [[no, 1]],
    );
    assert.match(f.rig.slips()[0]!, no!, 'the slip names the invoice');
    // "Enter: sonraki iş" opens the next open job, not the list (issue 19); Esc leaves it for the list.
    await f.term.press('enter');
    show(await f.term.waitFor('Okuma J-00002'));
    await f.term.press('back');
    const list = await f.term.waitFor('1/20');
    show(list);
  } finally {
    await f.close();
  }
});

test('a customer who asked for e-mail is flagged on the preview', async () => {
  const f = await startTui();
  try {
    await loginAsReader(f);
    // Job 5 has invoiceByEmail; search it by its installation number.
    await f.term.type('4000005');
    await f.term.waitFor('Ara: 4000005');
    await f.term.press('enter');
    await f.term.waitFor('Okuma J-00005');
    await scanOpenJob(f);
    await f.term.type('1140');
    await f.term.press('enter');
    const s = await f.term.waitFor('E-posta');
    show(s);
    assert.match(s.replace(/\n/g, ' '), 'abone5@example.com');
  } finally {
    await f.close();
  }
});

test('Back leaves the meter with nothing recorded; Clear erases one digit', async () => {
  const f = await startTui();
  try {
    await loginAsReader(f);
    await f.term.press('enter');
    await scanOpenJob(f); // the scan gate (issue 19)
    await f.term.type('1119');
    await f.term.press('clear');
    await f.term.type('2');
    await f.term.waitFor('Endeks: 1112_');
    await f.term.press('enter');
    await f.term.waitFor('Fatura önizleme');
    await f.term.press('back'); // correct the index
    await f.term.waitFor('Endeks: _');
    await f.term.press('back'); // leave
    await f.term.waitFor('0/20');
    assert.is(f.app.job('J-00001')!.state, 'open');
    assert.is(f.app.workOf('J-00001').length, 0, 'nothing recorded');
  } finally {
    await f.close();
  }
});

test('more than the meter can pass is refused outright, even re-keyed (the 8,000 m³ household)', async () => {
  const f = await startTui();
  try {
    await loginAsReader(f);
    await f.term.press('enter');
    await scanOpenJob(f); // the scan gate (issue 19)
    await f.term.type('9000'); // ~8,000 m³ in 30 days: more than a G4 can pass (6 m³/h)
    await f.term.press('enter');
    show(await f.term.waitFor('Sayaç kapasitesini aşan'));
    await f.term.waitFor('Endeks: _');
    await f.term.type('9000');
    await f.term.press('enter');
    await f.term.waitFor('Sayaç kapasitesini aşan');
    assert.is(f.app.workOf('J-00001').length, 0, 'nothing recorded, nothing billed');
  } finally {
    await f.close();
  }
});

test('a high reading must be re-keyed identically, then a supervisor confirms with id and PIN', async () => {
  const f = await startTui();
  try {
    await loginAsReader(f);
    await f.term.press('enter');
    await scanOpenJob(f); // the scan gate (issue 19)
    await f.term.type('1900'); // ~890 m³ in 30 days: far above 2.5 × expected, under a G4's ceiling
    await f.term.press('enter');
    show(await f.term.waitFor('Olağandışı değer'));
    await f.term.waitFor('Tekrar: _');
    await f.term.type('1901');
    await f.term.press('enter');
    show(await f.term.waitFor('İki giriş farklı'));
    await f.term.type('1900');
    await f.term.press('enter');
    await f.term.waitFor('Tekrar: _');
    await f.term.type('1900');
    await f.term.press('enter');
    show(await f.term.waitFor('amir onayı gerekli'));
    await f.term.type(SUPERVISOR.operatorId);
    await f.term.press('enter');
    await f.term.type('0000');
    await f.term.press('enter');
    show(await f.term.waitFor('şifre hatalı'));
    await f.term.type(SUPERVISOR.pin);
    await f.term.press('enter');
    const p = await f.term.waitFor('Fatura önizleme');
    assert.match(p, 'Olağandışı değer onaylandı');
    await f.term.press('enter');
    await f.term.waitFor('Kaydedildi');
    const rec = f.app.job('J-00001') as JobRecord;
    const work = f.app.workOf(rec.job.jobId)[0]!;
    assert.is(work.kind, 'reading');
    assert.ok(work.kind === 'reading' && work.outlierConfirmed);
    assert.ok(work.kind === 'reading' && work.overrides.some((o) => o.kind === 'supervisor' && o.operatorId === SUPERVISOR.operatorId));
  } finally {
    await f.close();
  }
});

test('an index below the previous one asks rollover / meter changed / misread; rollover bills the wrap', async () => {
  const f = await startTui({ appOptions: { count: 3 } });
  try {
    // A 4-dial meter at 9950: reading 0040 is a wrap of 90 m³.
    await f.rig.store.transact((tx) => {
      const r = tx.get('jobs', 'J-00001')!;
      tx.put('jobs', 'J-00001', { ...r, job: { ...r.job, meter: { ...r.job.meter, digits: 4, lastIndex: 9950 } } });
    });
    await loginAsReader(f);
    await f.term.press('enter');
    await scanOpenJob(f); // the scan gate (issue 19)
    await f.term.type('0040');
    await f.term.press('enter');
    const s = await f.term.waitFor('Devir');
    show(s);
    assert.match(s, 'Sayaç değişmiş');
    assert.match(s, 'Yanlış okuma');
    await f.term.type('1');
    const p = await f.term.waitFor('Fatura önizleme');
    show(p);
    assert.match(p, 'Devir onaylandı');
    assert.match(p, 'Tüketim 90 m³');
    await f.term.press('enter');
    await f.term.waitFor('Kaydedildi');
    const work = f.app.workOf('J-00001')[0]!;
    assert.ok(work.kind === 'reading' && work.rollover);
  } finally {
    await f.close();
  }
});

test('misread returns to keying with the reading catalogue message', async () => {
  const f = await startTui({ appOptions: { count: 3 } });
  try {
    await loginAsReader(f);
    await f.term.press('enter');
    await scanOpenJob(f); // the scan gate (issue 19)
    await f.term.type('500');
    await f.term.press('enter');
    // 1007 → 500 cannot be a rollover (99,493 m³): meter changed / misread / tampering
    const c = await f.term.waitFor('Yanlış okuma');
    assert.match(c, '3 Müdahale şüphesi');
    await f.term.press('down', 'enter');
    show(await f.term.waitFor('Endeksi yeniden okuyup girin'));
  } finally {
    await f.close();
  }
});

test('an impossible lower index offers tampering, recorded as no-read 09 with the inspection offer', async () => {
  const f = await startTui({ appOptions: { count: 3 } });
  try {
    await loginAsReader(f);
    await f.term.press('enter');
    await scanOpenJob(f); // the scan gate (issue 19)
    await f.term.type('500'); // 1007 → 500 would wrap to 99,493 m³
    await f.term.press('enter');
    show(await f.term.waitFor('devir olamaz'));
    await f.term.type('3');
    show(await f.term.waitFor('Kaydedildi'));
    const work = f.app.workOf('J-00001')[0]!;
    assert.ok(work.kind === 'no-read' && work.reasonCode === '09' && work.followUp, JSON.stringify(work));
  } finally {
    await f.close();
  }
});

test('a no-read: pick code 01 by keying it, confirm, saved', async () => {
  const f = await startTui();
  try {
    await loginAsReader(f);
    await f.term.press('enter');
    await f.term.press('f1');
    show(await f.term.waitFor('Okunamadı kodu'));
    await f.term.type('01');
    await f.term.press('enter');
    const c = await f.term.waitFor('Okunamadı: 01');
    show(c);
    assert.is(f.app.workOf('J-00001').length, 0, 'nothing recorded before the confirm');
    await f.term.press('enter');
    await f.term.waitFor('Kaydedildi');
    assert.is(f.app.job('J-00001')!.state, 'skipped');
    await f.term.press('enter');
    await f.term.waitFor('1/20');
  } finally {
    await f.close();
  }
});

test('code 99 needs a note: the machine refuses an empty one, then takes the typed note', async () => {
  const f = await startTui();
  try {
    await loginAsReader(f);
    await f.term.press('enter', 'f1');
    await f.term.type('99');
    await f.term.press('enter');
    await f.term.waitFor('Açıklama');
    await f.term.press('enter');
    await f.term.waitFor('Okunamadı: 99');
    await f.term.press('enter');
    show(await f.term.waitFor('açıklama yazın'));
    await f.term.type('Bahçe kilitli');
    await f.term.press('enter');
    await f.term.waitFor('Bahçe kilitli');
    await f.term.press('enter');
    await f.term.waitFor('Kaydedildi');
    const w = f.app.workOf('J-00001')[0]!;
    assert.ok(w.kind === 'no-read' && w.note === 'Bahçe kilitli' && w.reasonCode === '99');
  } finally {
    await f.close();
  }
});

test('a scan of another meter says so clearly and offers code 11', async () => {
  const f = await startTui();
  try {
    await loginAsReader(f);
    await f.term.press('enter');
    await f.term.waitFor('Okuma J-00001');
    f.rig.scan('M99999999');
    const s = await f.term.waitFor('YANLIŞ SAYAÇ');
    show(s);
    assert.match(s.replace(/\n/g, ' '), 'M99999999');
    await f.term.press('f1');
    const pick = await f.term.waitFor('Okunamadı kodu');
    assert.match(pick, /11 Sayaç seri no/);
    await f.term.press('enter');
    await f.term.waitFor('Okunamadı: 11');
    await f.term.press('enter');
    await f.term.waitFor('Kaydedildi');
    const w = f.app.workOf('J-00001')[0]!;
    assert.ok(w.kind === 'no-read' && w.reasonCode === '11' && w.followUp);
  } finally {
    await f.close();
  }
});

test('a paper-out print says why and retries on Enter; the invoice was already saved', async () => {
  const f = await startTui();
  try {
    await loginAsReader(f);
    await f.term.press('enter');
    await scanOpenJob(f);
    await f.term.type('1112');
    await f.term.press('enter');
    await f.term.waitFor('Fatura önizleme');
    await f.term.press('enter');
    await f.term.waitFor('Kaydedildi');
    f.rig.printer.device.set({ paperOut: true });
    await f.term.press('enter');
    show(await f.term.waitFor('Kağıt bitti'));
    assert.is(f.rig.prints().length, 0);
    assert.is(f.app.job('J-00001')!.state, 'done');
    f.rig.printer.device.set({ paperOut: false }); // the crew puts a roll in
    await f.term.press('enter');
    await f.term.waitFor('Yazdırıldı');
    assert.is(f.rig.prints().length, 1);
  } finally {
    await f.close();
  }
});

test.run();
