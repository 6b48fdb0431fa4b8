/**
 * Office news on the real screen: cancellations, urgent jobs, messages; the status bar. The back
 * office publishes them over the in-process broker and the device takes them as it would in the
 * field (test/helpers/testApp.ts).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readingJob } from '../../helpers/sampleJobs.js';
import { TEST_NOW } from '../../helpers/testApp.js';
import { loginAsReader, startTui } from './tuiFixture.js';

const SHOW = process.env.SAHA_SHOW_SCREENS === '1';
const show = (s: string) => SHOW && console.log(`${s}\n${'='.repeat(40)}`);

test('a cancellation of the job open on screen closes it at once, says why, and needs Enter', async () => {
  const f = await startTui();
  try {
    await loginAsReader(f);
    await f.term.press('enter');
    await f.term.type('11');
    await f.term.waitFor('Endeks: 11_');
    await f.rig.office.cancel('J-00001', 'Abone taşındı');
    const s = await f.term.waitFor('İŞ İPTAL EDİLDİ');
    show(s);
    assert.match(s, 'Abone taşındı');
    assert.match(s.replace(/\s+/g, ' '), 'kayıt yapılmadı');
    // Typing goes nowhere while the modal is up; Esc does not dismiss it.
    await f.term.type('2');
    await f.term.press('esc');
    await f.term.waitFor('İŞ İPTAL EDİLDİ');
    await f.term.press('enter');
    const list = await f.term.waitFor('İşler');
    show(list);
    assert.not.match(list, 'İPTAL EDİLDİ');
    assert.not.match(list, /^\s+OKU\s+1 /m, 'the cancelled job left the to-do list');
    assert.is(f.app.job('J-00001')!.state, 'cancelled');
    assert.is(f.app.workOf('J-00001').length, 0, 'nothing recorded');
  } finally {
    await f.close();
  }
});

test('a cancellation of another job is announced without closing the open one', async () => {
  const f = await startTui();
  try {
    await loginAsReader(f);
    await f.term.press('enter');
    await f.term.waitFor('Okuma J-00001');
    await f.rig.office.cancel('J-00007', 'Borç ödendi');
    const s = await f.term.waitFor('İŞ İPTAL EDİLDİ');
    assert.match(s, 'J-00007');
    assert.not.match(s.replace(/\s+/g, ' '), 'kayıt yapılmadı');
    await f.term.press('enter');
    await f.term.waitFor('Okuma J-00001');
  } finally {
    await f.close();
  }
});

test('an urgent job is announced and pinned on top of the list', async () => {
  const f = await startTui();
  try {
    await loginAsReader(f);
    await f.rig.office.assign(readingJob(500, { jobId: 'J-URG01', priority: 'urgent', routeSeq: 500 }));
    const s = await f.term.waitFor('ACİL İŞ GELDİ');
    show(s);
    assert.match(s, 'J-URG01');
    await f.term.press('enter');
    const list = await f.term.waitFor('0/21');
    show(list);
    const rows = list.split('\n');
    const first = rows.findIndex((l) => /OKU/.test(l));
    assert.match(rows[first]!, /^!\s?OKU\s+500/, 'urgent first, marked');
  } finally {
    await f.close();
  }
});

test('a message from the office interrupts until Enter', async () => {
  const f = await startTui();
  try {
    await loginAsReader(f);
    await f.rig.office.message('Saat 15:00 toplantı var.');
    show(await f.term.waitFor('MERKEZDEN MESAJ'));
    await f.term.waitFor('toplantı');
    await f.term.press('enter');
    await f.term.waitFor('Tüm işler');
  } finally {
    await f.close();
  }
});

test('a cut job opens its details first, with the debt; Enter starts it, Esc goes back', async () => {
  const cut = readingJob(300, {
    jobId: 'J-CUT01',
    kind: 'cut',
    routeSeq: 0,
    debt: { amount: '1234.50', oldestDueDate: '2026-09-01', noticeSentAt: '2026-10-01T10:00:00+03:00', noticeChannels: ['sms'] },
  });
  const f = await startTui({ appOptions: { jobs: [cut] } });
  try {
    await loginAsReader(f);
    const list = await f.term.waitFor('KES');
    show(list);
    await f.term.press('enter');
    const s = await f.term.waitFor('işe başla');
    show(s);
    assert.match(s, 'KES J-CUT01');
    assert.match(s, 'Borç');
    await f.term.press('back');
    await f.term.waitFor('Tüm işler');
  } finally {
    await f.close();
  }
});

test('the status bar follows the device: unsent records and their age, printer, scanner, link, printing', async () => {
  // The shift starts 12 minutes earlier, out of coverage: three records are queued then.
  const f = await startTui({ appOptions: { now: TEST_NOW - 12 * 60_000 } });
  try {
    await loginAsReader(f);
    await f.app.confirmReading({ jobId: 'J-00001', index: 1112, scan: { kind: 'matched', code: 'M10000001' } }); // reading.recorded, invoice.issued
    await f.app.recordNoRead({ jobId: 'J-00002', reasonCode: '01', followUp: false }); // reading.skipped
    f.rig.clock.advance(12 * 60_000);
    f.rig.printer.device.set({ paperOut: true });
    await f.rig.printer.status(); // asked, as the serial printer's poll would
    f.rig.scanner.unplug();
    const s = await f.term.waitFor((t) => t.includes('Okuyucu yok') && t.includes('Kağıt yok'));
    show(s);
    assert.match(s, 'Bağlantı yok');
    assert.match(s, 'Giden 3 (12 dk)');
    // Into coverage: the link comes up and the outbox drains.
    await f.rig.online();
    show(await f.term.waitFor((t) => t.includes('Bağlı') && t.includes('Giden 0')));
    // A print held at the printer shows what the app is busy with.
    f.rig.printer.device.set({ paperOut: false });
    f.rig.printer.device.holdAfter(0);
    const printing = f.app.printDaySummary();
    show(await f.term.waitFor('Yazdırılıyor'));
    f.rig.printer.device.release();
    await printing;
    await f.term.waitFor((t) => !t.includes('Yazdırılıyor'));
  } finally {
    await f.close();
  }
});

test.run();
