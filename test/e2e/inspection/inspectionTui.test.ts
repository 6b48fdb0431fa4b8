/**
 * An inspection on the real blessed screen, as the crew does it with the keypad: from the job list
 * to a sealed kaçak report, printed in two copies that the printer's bytes decode back to (evidence
 * hash on both), a valid inspection.reported in the outbox, and a sealed report that refuses change.
 * Also: a reading with no-read code 09 leads straight into an inspection.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { validateEvent } from '../../../src/core/contract/index.js';
import { SealedReportError } from '../../../src/core/inspection/index.js';
import type { OutboxEntry } from '../../../src/ports/Store.js';
import { readingJob } from '../../helpers/sampleJobs.js';
import { loginAsReader, startTui } from '../tui/tuiFixture.js';

const SHOW = process.env.SAHA_SHOW_SCREENS === '1';
const show = (s: string) => SHOW && console.log(`${s}\n${'='.repeat(40)}`);
const inspection = readingJob(21, { jobId: 'J-DNT01', kind: 'inspection', routeSeq: 0, notes: 'Okuyucu kod 09 bildirdi.' });

test('an inspection job from the list to a sealed, printed kaçak report and a valid event', async () => {
  const f = await startTui({ appOptions: { jobs: [inspection] } });
  try {
    await loginAsReader(f);
    await f.term.press('enter'); // the inspection job is first in route order
    show(await f.term.waitFor('Enter: denetime başla'));
    await f.term.press('enter');
    show(await f.term.waitFor('Sayacı okutun'));
    f.rig.scan('M10000021');
    await f.term.waitFor('Okutuldu.');
    await f.term.type('1163');
    await f.term.waitFor('Endeks : 1163_');
    await f.term.press('enter');
    await f.term.waitFor('Mühür kaydı yok.');
    // seals: the broken one found, the new one fitted
    await f.term.press('f1');
    await f.term.type('SM777');
    await f.term.press('enter');
    await f.term.waitFor('Mühür SM777 durumu:');
    await f.term.type('2');
    await f.term.press('f1');
    await f.term.type('SM9002');
    await f.term.press('enter');
    await f.term.type('4');
    show(await f.term.waitFor('SM9002 Takıldı'));
    await f.term.press('enter');
    await f.term.waitFor('1 Uygunsuzluk yok');
    await f.term.type('2');
    await f.term.waitFor('1 Mühür kopuk/sökülmüş');
    await f.term.type('1');
    await f.term.waitFor('Cihaz kaydı yok.');
    await f.term.press('f1');
    await f.term.type('1'); // kombi, 24 kW pre-filled
    await f.term.waitFor('kW: 24_');
    await f.term.press('enter');
    await f.term.waitFor('- Kombi 24 kW');
    await f.term.press('enter');
    await f.term.waitFor('Gazı kullanan kişi');
    await f.term.type('Hasan Oz');
    await f.term.press('enter');
    await f.term.waitFor('Tanık yok.');
    await f.term.press('f1');
    await f.term.type('Ayse Demir');
    await f.term.press('enter');
    await f.term.waitFor('- Ayse Demir');
    await f.term.press('enter');
    // The second official: sicil no, name, then confirmed (at least two officials sign).
    await f.term.waitFor('İkinci görevli girilmedi.');
    await f.term.press('enter');
    await f.term.waitFor('En az 2 görevli gerekli');
    await f.term.press('f1');
    await f.term.type('1002');
    await f.term.press('enter');
    await f.term.type('Veli Sahin');
    await f.term.press('enter');
    show(await f.term.waitFor('imzalayacak mı?'));
    await f.term.type('1');
    await f.term.waitFor('Veli Sahin (1002)');
    await f.term.press('enter');
    await f.term.waitFor('Yapılan işlemler');
    await f.term.type('12');
    await f.term.waitFor('2 [x] Mühür takıldı');
    await f.term.press('enter');
    await f.term.waitFor('2 İmzadan imtina etti');
    await f.term.type('2');
    const review = await f.term.waitFor('Tahakkuk toplamı');
    show(review);
    // 203 m³ estimated − 16 m³ the meter registered since the last reading (1147 → 1163) = 187 m³
    assert.match(review.replace(/\n/g, ' '), '6.911,35 TL');
    assert.match(review, 'Sayaçtan geçen 16 m³ düşüldü: 187 m³');
    assert.match(review, '30 gün, tahmini 203 m³');
    assert.ok(
      f.app.inspections.ofJob('J-DNT01').every((r) => r.state !== 'sealed'),
      'nothing is sealed before the crew confirms',
    );
    await f.term.press('enter');
    await f.term.waitFor('değiştirilemez');
    await f.term.press('enter');
    const sealed = await f.term.waitFor('Tutanak mühürlendi.');
    show(sealed);
    const reportNo = f.app.inspections.ofJob('J-DNT01')[0]!.reportNo;
    assert.is(reportNo, 'TT-HT-0042-2026-000001');
    const rec = f.app.inspections.get(reportNo)!;
    assert.is(rec.state, 'sealed');
    const hash = rec.sealed!.evidenceSha256;
    assert.match(sealed, hash.slice(0, 16));
    assert.is(f.app.job('J-DNT01')!.state, 'done');

    await f.term.press('enter');
    show(await f.term.waitFor('Tutanak yazdırıldı'));
    const [slip] = f.rig.slips();
    assert.ok(slip, 'the printer got the report');
    assert.is(slip!.split('MÜŞTERİ NÜSHASI').length - 1, 1);
    assert.is(slip!.split('ŞİRKET NÜSHASI').length - 1, 1);
    assert.is(slip!.replace(/\n/g, '').split(hash).length - 1, 2, 'the evidence hash printed on both copies');
    const flat = slip!.replace(/\n\s*/g, ' ');
    for (const s of [
      'KAÇAK KULLANIM',
      'M10000021',
      '1163',
      'SM777 (kopuk)',
      'SM9002',
      'Kombi',
      'Gaz kesildi',
      'Mühür takıldı',
      'Ayse Demir',
      'Hasan Oz',
      'İMZADAN İMTİNA ETTİ',
      'Dönem: 26.10.2026 - 25.11.2026 (30 gün); esas: son geçerli okuma 26.10.2026',
      'Tahmini 203 m³ - sayaçtan geçen 16 m³ = 187 m³',
      'Görevli: Veli Sahin (1002)',
      reportNo,
    ]) {
      assert.ok(flat.includes(s), `${s} on paper`);
    }

    const events = [...f.rig.store.values('outbox')].filter((e) => e.envelope.type === 'inspection.reported');
    assert.is(events.length, 1);
    const v = validateEvent(events[0]!.envelope, events[0]!.topic);
    assert.ok(v.ok, JSON.stringify(!v.ok && v.errors));
    const data = events[0]!.envelope.data as Record<string, any>;
    assert.equal(
      [data.reportNo, data.finding, data.subtype, data.index, data.evidenceSha256, data.accrual.total],
      [reportNo, 'kacak', 'seal-broken', 1163, hash, '6911.35'],
    );
    assert.ok(
      [...f.rig.store.values('outbox')].some(
        (e) => e.envelope.type === 'document.printed' && (e.envelope.data as { documentNo: string }).documentNo === reportNo,
      ),
    );

    // The sealed report cannot be changed, from the UI's own facade.
    const change = await f.app.inspections.save(reportNo, { ...rec.draft, witnesses: [] }).catch((e: unknown) => e);
    assert.instance(change, SealedReportError);
    assert.is(f.app.inspections.get(reportNo)!.sealed!.evidenceSha256, hash);
  } finally {
    await f.close();
  }
});

test('a reading with no-read code 09 (seal broken) offers the inspection at once', async () => {
  const f = await startTui();
  try {
    await loginAsReader(f);
    await f.term.press('enter');
    await f.term.waitFor('Sayaç barkodunu okutun');
    await f.term.press('f1');
    await f.term.type('09');
    await f.term.press('enter');
    await f.term.waitFor('Enter');
    await f.term.press('enter');
    show(await f.term.waitFor('F3 ile kaçak denetimi'));
    await f.term.press('f3');
    show(await f.term.waitFor('Sayacı okutun'));
    assert.is(f.app.job('J-00001')!.state, 'skipped');
    assert.equal(
      f.app.inspections.ofJob('J-00001').map((r) => r.state),
      ['draft'],
    );
    // Back, then keep the draft: opening it again resumes the same report number.
    await f.term.press('back');
    await f.term.waitFor('1 Taslak kalsın');
    await f.term.type('1');
    await f.term.waitFor(/İşler|\/20/);
    assert.is(f.app.inspections.ofJob('J-00001').length, 1);
  } finally {
    await f.close();
  }
});

test.run();
