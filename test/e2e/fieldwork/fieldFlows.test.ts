/**
 * Cut, reconnection and meter exchange on the real screen (blessed on a headless xterm) against the
 * real SahaApp (test/helpers/testApp.ts): what the crew sees, the slips the printer got (decoded
 * back to text) and the events recorded for the back office, each validated against the contract.
 * The device was in coverage at the start of each test (the cut's sync guard) and is out of it since.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { SUPERVISOR, TEST_NOW, TestApp } from '../../helpers/testApp.js';
import { readingJob } from '../../helpers/sampleJobs.js';
import { loginAsReader, startTui } from '../tui/tuiFixture.js';
import { answer, assertAllValid, cutJob, flat, fresh, ofType, open, reconnectJob, removalJob, show } from './fieldTui.js';

test('a cut: every precondition shown satisfied, scan, checklist, index, seal, gas.cut and a printed cut notice', async () => {
  const f = await startTui({ cols: 40, rows: 24, appOptions: fresh({ count: 3, jobs: [cutJob()] }) });
  try {
    await loginAsReader(f);
    await open(f, 'J-CUT01', 'Kesme koşulları');
    const pre = f.term.text();
    show(pre);
    assert.not.match(pre, /^X /m, 'nothing failed');
    assert.match(flat(pre), 'Bugün iş günü (Çarşamba)');
    assert.match(flat(pre), 'Bildirim 2026-11-18: 4 iş günü önce');
    assert.match(flat(pre), 'Bildirim kanalları: yazılı, SMS.', 'channels in Turkish on the Turkish screen');
    assert.match(flat(pre), 'Enter: devam');
    await f.term.press('enter');
    await f.term.waitFor('Sayaç barkodunu okutun');
    f.rig.scan('M10000300');
    const q = await f.term.waitFor('gaz kokusu var mı?');
    show(q);
    assert.match(q, /1: YOK\s+2: VAR/, 'the keys name the answers');
    await answer(f, '11');
    // Valve closed and flow stopped are confirmed before the index and the seal are recorded.
    await f.term.waitFor('vanası kapatıldı');
    await answer(f, '1');
    await f.term.waitFor('Gaz akışı durdu');
    await answer(f, '1');
    await f.term.waitFor('Kesme anındaki endeks');
    await f.term.type('3200');
    await f.term.press('enter');
    await f.term.waitFor('Takılan kilit mühür no');
    await f.term.type('km 1234567');
    await f.term.press('enter');
    const sum = await f.term.waitFor('Gaz kesilsin mi?');
    show(sum);
    assert.match(sum, 'Kilit mühür KM1234567');
    assert.equal(ofType(f.rig, 'gas.cut'), [], 'nothing recorded before the confirm');
    assert.is(f.app.job('J-CUT01')!.state, 'open');
    await f.term.press('enter');
    await f.term.waitFor('Kaydedildi');
    await f.term.press('enter');
    const printed = await f.term.waitFor('Yazdırıldı');
    show(printed);
    assert.match(printed, 'KB-HT-0042-000001');

    assert.is(f.app.job('J-CUT01')!.state, 'done');
    const [cut] = ofType(f.rig, 'gas.cut');
    assert.ok(cut);
    assert.equal({ index: cut!.data.index, sealNo: cut!.data.sealNo }, { index: 3200, sealNo: 'KM1234567' });
    assert.equal(
      cut!.data.checklist.map((c: { id: string; ok: boolean }) => [c.id, c.ok]),
      [
        ['no-gas-smell', true],
        ['meter-accessible', true],
        ['valve-closed', true],
        ['flow-stopped', true],
      ],
    );
    assert.is(cut!.data.preconditions!.length, 12);
    assert.is(cut!.data.override, undefined);
    assert.is(ofType(f.rig, 'document.printed')[0]!.data.documentType, 'cut-notice');
    assertAllValid(f.rig);

    const slip = f.rig.slips()[0]!;
    show(slip);
    for (const s of [
      'GAZ KESME BİLDİRİMİ',
      'KM1234567',
      'Kesme endeksi:',
      '3200',
      'Ödenmemiş borç',
      '3.842,15',
      'AYNI GÜN',
      '187',
      'KB-HT-0042-000001',
      'Ali Kaya',
    ])
      assert.match(flat(slip), s, `slip shows ${s}`);
  } finally {
    await f.close();
  }
});

test('a cancellation arriving mid-cut closes the screen at once; one committed just before confirm still wins', async () => {
  const f = await startTui({
    cols: 40,
    rows: 24,
    appOptions: fresh({
      count: 3,
      jobs: [
        cutJob(),
        cutJob({
          jobId: 'J-CUT02',
          routeSeq: 1,
          meter: { serial: 'M20000001', barcode: 'M20000001', digits: 5, lastIndex: 1000, lastReadDate: '2026-10-26' },
        }),
      ],
    }),
  });
  try {
    await loginAsReader(f);
    await open(f, 'J-CUT01', 'Kesme koşulları');
    await f.term.press('enter');
    f.rig.scan('M10000300');
    await f.term.waitFor('gaz kokusu var mı?');
    await f.rig.office.cancel('J-CUT01', 'Borç ödendi');
    const s = await f.term.waitFor('İŞ İPTAL EDİLDİ');
    show(s);
    assert.match(flat(s), 'Borç ödendi');
    assert.match(flat(s), 'kayıt yapılmadı');
    await f.term.press('enter');
    await f.term.waitFor('İşler');

    // The second cut reaches its confirm; the cancel is committed but its notice not yet shown.
    await open(f, 'J-CUT02', 'Kesme koşulları');
    await f.term.press('enter');
    f.rig.scan('M20000001');
    await f.term.waitFor('gaz kokusu var mı?');
    await answer(f, '1111');
    await f.term.type('1100');
    await f.term.press('enter');
    await f.term.waitFor('kilit mühür no');
    await f.term.type('KM7654321');
    await f.term.press('enter');
    await f.term.waitFor('Gaz kesilsin mi?');
    const rec = f.app.job('J-CUT02')!;
    await f.rig.store.transact((tx) =>
      tx.put('jobs', 'J-CUT02', { ...rec, state: 'cancelled', cancel: { reason: 'paid', at: '', messageId: 'm-late' } }),
    );
    await f.term.press('enter');
    const refused = await f.term.waitFor('iptal edildi');
    show(refused);
    assert.equal(ofType(f.rig, 'gas.cut'), [], 'no cut was recorded');
    assert.is(f.app.job('J-CUT02')!.state, 'cancelled');
  } finally {
    await f.close();
  }
});

test('a stale sync blocks the cut with "get coverage first"; a supervisor overrides with a reason, recorded in the event', async () => {
  const rig = await TestApp.create({ count: 2, jobs: [cutJob()], syncedAt: TEST_NOW - 20 * 60_000 });
  const f = await startTui({ cols: 40, rows: 24, rig });
  try {
    await loginAsReader(f);
    await open(f, 'J-CUT01', 'Kesme koşulları');
    const pre = await f.term.waitFor('F3');
    show(pre);
    assert.match(flat(pre), 'X Merkezle son bağlantı 20 dk önce');
    assert.match(flat(pre), 'kapsama alanına girip bağlanın');
    await f.term.press('enter');
    await f.term.waitFor('Sayaç barkodunu okutun', { timeoutMs: 300 }).then(
      () => assert.unreachable('went on'),
      () => undefined,
    );
    await f.term.press('f3');
    await f.term.waitFor('Şef onayı');
    await f.term.type(SUPERVISOR.operatorId);
    await f.term.press('enter');
    await f.term.type(SUPERVISOR.pin);
    await f.term.press('enter');
    await f.term.type('kisa');
    await f.term.press('enter');
    await f.term.waitFor('en az 10 karakter');
    for (let i = 0; i < 4; i++) await f.term.press('backspace');
    await f.term.type('merkez telefonla teyit etti');
    await f.term.press('enter');
    const granted = await f.term.waitFor('Deniz Şef');
    show(granted);
    await f.term.press('enter');
    f.rig.scan('M10000300');
    await f.term.waitFor('gaz kokusu var mı?');
    await answer(f, '1111');
    await f.term.type('3200');
    await f.term.press('enter');
    await f.term.waitFor('kilit mühür no');
    await f.term.type('KM1234567');
    await f.term.press('enter');
    await f.term.waitFor('Gaz kesilsin mi?');
    await f.term.press('enter');
    await f.term.waitFor('Kaydedildi');
    const [cut] = ofType(f.rig, 'gas.cut');
    assert.equal((cut!.data.override as Record<string, unknown>).supervisorId, SUPERVISOR.operatorId);
    assert.equal((cut!.data.override as Record<string, unknown>).preconditions, ['sync-fresh']);
    assert.is((cut!.data.override as Record<string, unknown>).reason, 'merkez telefonla teyit etti');
    const audit = [...f.rig.store.values('audit')].filter((a) => a.action === 'cut.override');
    assert.is(audit.length, 1);
    assert.is(audit[0]!.actor, SUPERVISOR.operatorId);
    assertAllValid(f.rig);
  } finally {
    await f.close();
  }
});

test('on a Saturday the cut is blocked and no supervisor key is offered', async () => {
  const f = await startTui({
    cols: 40,
    rows: 24,
    appOptions: fresh({ count: 2, jobs: [cutJob()], now: Date.parse('2026-11-28T10:00:00+03:00') }),
  });
  try {
    await loginAsReader(f);
    await open(f, 'J-CUT01', 'Kesme koşulları');
    const pre = f.term.text();
    show(pre);
    assert.match(flat(pre), 'X Bugün iş günü değil (Cumartesi)');
    assert.match(flat(pre), 'Koşullar sağlanmadan kesme yapılamaz');
    assert.not.match(pre, 'F3');
  } finally {
    await f.close();
  }
});

test('an urgent reconnection arriving during readings: announced, pinned on top, reopened with the checklist and a printed receipt', async () => {
  const f = await startTui({ cols: 40, rows: 24, appOptions: fresh({ count: 5 }) });
  try {
    await loginAsReader(f);
    await f.term.press('enter');
    await f.term.waitFor('Okuma J-00001');
    await f.term.type('10');
    await f.rig.office.assign(reconnectJob());
    const alert = await f.term.waitFor('ACİL İŞ GELDİ');
    show(alert);
    assert.match(alert, 'J-AC01');
    await f.term.press('enter');
    await f.term.waitFor('Okuma J-00001');
    await f.term.press('clear', 'clear', 'back');
    const list = await f.term.waitFor('İşler');
    const first = list.split('\n').find((l) => /AÇ|OKU/.test(l))!;
    assert.match(first, /^!\s?AÇ\s+400/, 'urgent reconnection first');
    await f.term.press('up', 'up');
    await f.term.press('enter');
    await f.term.waitFor('işe başla');
    await f.term.press('enter');
    await f.term.waitFor('Sayaç barkodunu okutun');
    f.rig.scan('M10000301');
    await f.term.waitFor('yetişkin');
    await answer(f, '111');
    await f.term.waitFor('Sökülen kilit mühür no');
    await f.term.type('KM1234567');
    await f.term.press('enter');
    await f.term.waitFor('Açma anındaki endeks');
    await f.term.type(String(1000 + 301 * 7));
    await f.term.press('enter');
    const opened = await f.term.waitFor('vanası açıldı');
    assert.match(opened, /1: AÇILDI\s+2: AÇILAMADI/);
    await answer(f, '11');
    // The tightness check comes after the valve was opened: with it shut it proves nothing.
    const tight = await f.term.waitFor('cihazlar kapalı');
    show(tight);
    assert.match(tight, '1: ENDEKS SABİT');
    await answer(f, '11');
    await f.term.waitFor('Gaz açıldı olarak');
    await f.term.press('enter');
    await f.term.waitFor('Kaydedildi');
    await f.term.press('enter');
    await f.term.waitFor('Yazdırıldı');
    const [ev] = ofType(f.rig, 'gas.reconnected');
    assert.equal({ index: ev!.data.index, removedSealNo: ev!.data.removedSealNo }, { index: 3107, removedSealNo: 'KM1234567' });
    assert.is((ev!.data.checklist as unknown[]).length, 7);
    assertAllValid(f.rig);
    const slip = flat(f.rig.slips()[0]!);
    show(slip);
    // The paper states the answers: no box that reads "[X] gas smell?" when there was none.
    for (const s of [
      'GAZ AÇMA FİŞİ',
      'KM1234567',
      'Açma endeksi:',
      'Evde yetişkin: VAR',
      'Gaz kokusu (açmadan önce): YOK',
      'Sayaç vanası: AÇILDI',
      'Gaz kokusu (açtıktan sonra): YOK',
      'Sızdırmazlık (cihazlar kapalı): ENDEKS SABİT',
      'Cihazlar: SORUNSUZ YANDI',
      '187',
    ])
      assert.match(slip, s);
    assert.not.match(slip, '[X]');
    assert.not.match(slip, 'var mı?');
    assert.ok(slip.indexOf('Sayaç vanası: AÇILDI') < slip.indexOf('Sızdırmazlık'), 'in the order done');
  } finally {
    await f.close();
  }
});

test('a reconnection with nobody home is not opened: code 01, notice left, reading.skipped with the outcome', async () => {
  const f = await startTui({ cols: 40, rows: 24, appOptions: fresh({ count: 2, jobs: [reconnectJob()] }) });
  try {
    await loginAsReader(f);
    await f.term.press('enter');
    await f.term.waitFor('işe başla');
    await f.term.press('enter');
    f.rig.scan('M10000301');
    await f.term.waitFor('yetişkin');
    await f.term.type('2');
    await f.term.waitFor('Devam edilemez');
    await f.term.press('enter');
    await f.term.waitFor('01 Kimse yok');
    await f.term.press('enter');
    const c = await f.term.waitFor('Adrese bildirim bırakın');
    show(c);
    await f.term.press('enter');
    await f.term.waitFor('kod 01');
    assert.is(f.app.job('J-AC01')!.state, 'skipped');
    assert.equal(ofType(f.rig, 'gas.reconnected'), []);
    const [sk] = ofType(f.rig, 'reading.skipped');
    assert.equal(
      {
        reasonCode: sk!.data.reasonCode,
        jobKind: sk!.data.jobKind,
        outcome: sk!.data.outcome,
        noticeLeft: sk!.data.noticeLeft,
        emergency: sk!.data.emergency,
      },
      { reasonCode: '01', jobKind: 'reconnect', outcome: 'not-done', noticeLeft: true, emergency: false },
    );
    assertAllValid(f.rig);
  } finally {
    await f.close();
  }
});

test('gas smell stops a reconnection with the emergency instructions; only a code can follow', async () => {
  const f = await startTui({ cols: 40, rows: 24, appOptions: fresh({ count: 2, jobs: [reconnectJob()] }) });
  try {
    await loginAsReader(f);
    await f.term.press('enter');
    await f.term.waitFor('işe başla');
    await f.term.press('enter');
    f.rig.scan('M10000301');
    await answer(f, '11');
    await f.term.waitFor('Gaz kokusu var mı?');
    await f.term.type('2');
    const c = await f.term.waitFor('iş durdurulacak');
    show(c);
    assert.match(flat(c), '"VAR" dediniz');
    await f.term.press('enter');
    const s = await f.term.waitFor('GAZ KOKUSU');
    show(s);
    assert.match(flat(s), 'Vanayı kapatın');
    assert.match(flat(s), "187'yi arayın");
    await f.term.press('back');
    await f.term.waitFor('GAZ KOKUSU');
    await f.term.press('enter');
    const list = await f.term.waitFor('20 Gaz kokusu');
    assert.not.match(list, '01 Kimse yok', 'after a gas smell only the emergency code');
    await f.term.press('back');
    await f.term.waitFor('GAZ KOKUSU');
    await f.term.press('enter');
    await f.term.waitFor('20 Gaz kokusu');
    await f.term.press('enter');
    await f.term.press('enter');
    await f.term.waitFor('kod 20');
    const [sk] = ofType(f.rig, 'reading.skipped');
    assert.is(sk!.data.emergency, true);
    assertAllValid(f.rig);
  } finally {
    await f.close();
  }
});

test('a wrong meter scanned stops the flow', async () => {
  const f = await startTui({ cols: 40, rows: 24, appOptions: fresh({ count: 2, jobs: [cutJob()] }) });
  try {
    await loginAsReader(f);
    await open(f, 'J-CUT01', 'Kesme koşulları');
    await f.term.press('enter');
    f.rig.scan('M99999999');
    const s = await f.term.waitFor('YANLIŞ SAYAÇ');
    show(s);
    assert.match(flat(s), 'işteki sayaç M10000300');
    assert.equal(ofType(f.rig, 'gas.cut'), []);
  } finally {
    await f.close();
  }
});

test('a meter exchange: old meter out with final index and seals, new meter in; one report, both events in one transaction, the next reading starts from the new meter', async () => {
  const later = readingJob(303, {
    jobId: 'J-OKU99',
    routeSeq: 50,
    customer: { ...removalJob().customer },
    meter: { ...removalJob().meter },
  });
  const f = await startTui({ cols: 40, rows: 24, appOptions: fresh({ count: 2, jobs: [removalJob(), later] }) });
  try {
    await loginAsReader(f);
    await open(f, 'J-SOK01', 'Sayaç barkodunu okutun');
    f.rig.scan('M10000302');
    await f.term.waitFor('Gaz kokusu var mı?');
    await answer(f, '11');
    await f.term.waitFor('son endeksi');
    await f.term.type('3150');
    await f.term.press('enter');
    await f.term.waitFor('sökülen mühürler');
    await f.term.type('AB123456');
    await f.term.press('enter');
    await f.term.waitFor('Girilen: AB123456');
    await f.term.press('enter');
    await f.term.waitFor('yeni sayaç takılacak mı?');
    await f.term.type('1');
    await f.term.waitFor('Yeni sayacın barkodunu');
    f.rig.scan('ESG99000001');
    await f.term.waitFor('ilk endeksi');
    await f.term.type('0');
    await f.term.press('enter');
    await f.term.waitFor('takılan mühürler');
    await f.term.type('CD7654321');
    await f.term.press('enter');
    await f.term.waitFor('Girilen: CD7654321');
    await f.term.press('enter');
    await f.term.waitFor('Vana açıldı, sayaç dönüyor mu?');
    await answer(f, '1');
    // The foam test comes after the valve was opened.
    await f.term.waitFor('köpük testi');
    await answer(f, '11');
    const sum = await f.term.waitFor('Sayaç işlemi kaydedilsin mi?');
    show(sum);
    assert.match(flat(sum), 'Sökülen M10000302, son endeks 03150, mühür AB123456');
    assert.match(flat(sum), 'Takılan ESG99000001, ilk endeks 00000, mühür CD7654321');
    await f.term.press('enter');
    await f.term.waitFor('Kaydedildi');
    await f.term.press('enter');
    await f.term.waitFor('Yazdırıldı');

    const removed = ofType(f.rig, 'meter.removed');
    const installed = ofType(f.rig, 'meter.installed');
    assert.is(removed.length, 1);
    assert.is(installed.length, 1);
    assert.equal(
      { serial: removed[0]!.data.serial, finalIndex: removed[0]!.data.finalIndex, sealNos: removed[0]!.data.sealNos },
      { serial: 'M10000302', finalIndex: 3150, sealNos: ['AB123456'] },
    );
    assert.equal(
      { serial: installed[0]!.data.serial, initialIndex: installed[0]!.data.initialIndex, sealNos: installed[0]!.data.sealNos },
      { serial: 'ESG99000001', initialIndex: 0, sealNos: ['CD7654321'] },
    );
    assert.is(installed[0]!.seq, removed[0]!.seq + 1, 'one transaction: consecutive');
    assert.is(installed[0]!.occurredAt, removed[0]!.occurredAt);
    assertAllValid(f.rig);
    // The job's meter and the pending reading at the same installation now name the new meter.
    for (const id of ['J-SOK01', 'J-OKU99'])
      assert.equal(
        {
          serial: f.app.job(id)!.job.meter.serial,
          lastIndex: f.app.job(id)!.job.meter.lastIndex,
          lastReadDate: f.app.job(id)!.job.meter.lastReadDate,
        },
        { serial: 'ESG99000001', lastIndex: 0, lastReadDate: '2026-11-25' },
        id,
      );

    const slip = flat(f.rig.slips()[0]!);
    show(slip);
    for (const s of [
      'SAYAÇ DEĞİŞİM TUTANAĞI',
      'SÖKÜLEN SAYAÇ',
      'M10000302',
      'Son endeks: 3150',
      'AB123456',
      'TAKILAN SAYAÇ',
      'ESG99000001',
      'İlk endeks: 0',
      'CD7654321',
      'Vana: AÇILDI, DÖNÜYOR',
      'Köpük testi (bağlantılar): TEMİZ',
      'Cihazlar: SORUNSUZ YANDI',
      'ST-HT-0042-000001',
    ])
      assert.match(slip, s, s);
    assert.is(f.rig.slips().length, 1, 'one printed report');
  } finally {
    await f.close();
  }
});

test('a reconnection whose seal differs from the cut: the summary and the receipt say so, F3 opens an inspection on the spot', async () => {
  const job = { ...reconnectJob(), cut: { sealNo: 'KM1234567', index: 3107, cutAt: '2026-11-20T10:00:00+03:00' } };
  const f = await startTui({ cols: 40, rows: 24, appOptions: fresh({ count: 2, jobs: [job] }) });
  try {
    await loginAsReader(f);
    await f.term.press('enter');
    await f.term.waitFor('işe başla');
    await f.term.press('enter');
    f.rig.scan('M10000301');
    await f.term.waitFor('yetişkin');
    await answer(f, '111');
    await f.term.waitFor('Sökülen kilit mühür no');
    await f.term.type('KM7654321');
    await f.term.press('enter');
    await f.term.waitFor('Açma anındaki endeks');
    await f.term.type('3107');
    await f.term.press('enter');
    await f.term.waitFor('vanası açıldı');
    await answer(f, '1111');
    const sum = await f.term.waitFor('Gaz açıldı olarak');
    show(sum);
    assert.match(flat(sum), 'TESPİT: mühür kesmedekinden farklı (kesmede KM1234567)');
    assert.not.match(flat(sum), 'endeks kesmeden', 'the index did not move');
    await f.term.press('enter');
    await f.term.waitFor('Kaydedildi');
    await f.term.press('enter');
    const printed = await f.term.waitFor('Yazdırıldı');
    show(printed);
    assert.match(flat(printed), 'F3 ile yerinde denetim');
    assert.match(printed, 'F3 Denetim');
    const [ev] = ofType(f.rig, 'gas.reconnected');
    assert.equal(ev!.data.findings, [{ code: 'seal-mismatch', atCut: 'KM1234567', found: 'KM7654321' }]);
    assertAllValid(f.rig);
    assert.match(flat(f.rig.slips()[0]!), 'Sökülen mühür kesmedekinden farklı: kesmede KM1234567, bulunan KM7654321');
    await f.term.press('f3');
    // The inspection opens on this job's meter.
    show(await f.term.waitFor('İş emrindeki sayaç M10000301'));
  } finally {
    await f.close();
  }
});

test('F1 after the valve was opened: the screen asks for it closed again before the code; the record says so', async () => {
  const f = await startTui({ cols: 40, rows: 24, appOptions: fresh({ count: 2, jobs: [reconnectJob()] }) });
  try {
    await loginAsReader(f);
    await f.term.press('enter');
    await f.term.waitFor('işe başla');
    await f.term.press('enter');
    f.rig.scan('M10000301');
    await f.term.waitFor('yetişkin');
    await answer(f, '111');
    await f.term.waitFor('Sökülen kilit mühür no');
    await f.term.type('KM1234567');
    await f.term.press('enter');
    await f.term.waitFor('Açma anındaki endeks');
    await f.term.type('3107');
    await f.term.press('enter');
    await f.term.waitFor('vanası açıldı');
    await answer(f, '1');
    await f.term.press('f1');
    const s = await f.term.waitFor('yeniden kapatın');
    show(s);
    await f.term.type('1');
    await f.term.waitFor('Neden?');
    await f.term.type('21');
    await f.term.press('enter');
    await f.term.waitFor('Yapılamadı: 21');
    await f.term.press('enter');
    await f.term.waitFor('kod 21');
    const [sk] = ofType(f.rig, 'reading.skipped');
    assert.equal(
      (sk!.data.checklist as { id: string; ok: boolean }[]).slice(-2).map((c) => [c.id, c.ok]),
      [
        ['valve-opened', true],
        ['valve-reclosed', true],
      ],
    );
    assertAllValid(f.rig);
  } finally {
    await f.close();
  }
});

test.run();
