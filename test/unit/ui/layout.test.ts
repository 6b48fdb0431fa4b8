/**
 * Every screen rendered to lines (the router's frame, no terminal) at 40×15 and 80×24 with the
 * widest realistic data: each line is exactly the screen width, and what the crew needs is whole.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Router } from '../../../src/adapters/ui/Router.js';
import { translator } from '../../../src/adapters/ui/i18n/index.js';
import type { Size } from '../../../src/adapters/ui/view/frame.js';
import { lineText, width } from '../../../src/adapters/ui/view/text.js';
import type { InputKey } from '../../../src/core/input/InputEvent.js';
import { READER, TestApp } from '../../helpers/testApp.js';
import { readingJob } from '../../helpers/sampleJobs.js';

const SIZES: Size[] = [
  { cols: 40, rows: 15 },
  { cols: 80, rows: 24 },
];

/** A meter with 10 dials and a 32-character serial, a long name and address. */
const wide = readingJob(1, {
  customer: {
    installationNo: '40000000000000000001',
    contractAccount: '9000001',
    name: 'Abdurrahman Şükrüoğlu Karamehmetoğulları',
    address: 'Büyükdere Cad. Yeni Gün İş Merkezi No:171 Kat:12 D:45 Şişli Mecidiyeköy/İstanbul',
    email: 'abdurrahman.sukruoglu@ornek-alan-adi.com.tr',
    invoiceByEmail: true,
  },
  meter: {
    serial: 'SN-ELS-2019-0000000000-ABCDEFGHIJ',
    digits: 10,
    lastIndex: 9_999_999_000,
    lastReadDate: '2026-10-26',
    expectedDailyM3: '30',
  },
});

const rigs: TestApp[] = [];
test.after.each(async () => {
  for (const r of rigs.splice(0)) await r.close();
});

async function setup(size: Size) {
  const rig = await TestApp.create({ count: 3, jobs: [{ ...wide, jobId: 'J-WIDE', routeSeq: 0 }] });
  rigs.push(rig);
  const app = rig.app;
  const router = new Router({ app, t: translator('tr'), paint: () => undefined, size: () => size, tickMs: 0 });
  router.start();
  const frame = () => router.frame(size);
  const screen = () => frame().map(lineText).join('\n');
  const key = (k: InputKey, value?: string) => router.input({ type: 'key', key: k, ...(value ? { value } : {}), source: 'test', at: 0 });
  const type = (s: string) => [...s].forEach((c) => key(/\d/.test(c) ? 'digit' : 'char', c));
  const until = async (text: string) => {
    for (let i = 0; i < 400 && !screen().replace(/\s+/g, ' ').includes(text); i++) await new Promise((r) => setTimeout(r, 5));
    assert.match(screen().replace(/\s+/g, ' '), text);
    return screen();
  };
  const checkWidths = () => {
    const f = frame();
    assert.is(f.length, size.rows);
    for (const l of f) assert.is(width(lineText(l)), size.cols, lineText(l));
  };
  // The scan gate (issue 19): the meter is scanned before its index is billed.
  const scan = (code: string) => router.input({ type: 'scan', code, source: 'test', at: 0 });
  return { app, router, screen, key, type, until, checkWidths, scan };
}

for (const size of SIZES) {
  test(`${size.cols}×${size.rows}: login, list, reading, preview, saved — exact widths, nothing needed cut`, async () => {
    const s = await setup(size);
    s.checkWidths();
    s.type(READER.operatorId);
    s.key('enter');
    s.type(READER.pin);
    s.key('enter');
    await s.until('İşler');
    s.checkWidths();
    s.key('enter');
    const r = await s.until('Endeks: _');
    s.checkWidths();
    const flat = r.replace(/\s+/g, ' ');
    for (const needed of ['SN-ELS-2019-0000000000-ABCDEFGHIJ', 'Önceki 9999999000', '10 hane']) assert.match(flat, needed);
    s.scan('SN-ELS-2019-0000000000-ABCDEFGHIJ');
    await s.until('Sayaç doğrulandı');
    s.type('9999999900');
    s.key('enter');
    const p = await s.until('Fatura önizleme');
    s.checkWidths();
    assert.not.match(p, '…');
    assert.match(p.replace(/\s+/g, ''), 'abdurrahman.sukruoglu@ornek-alan-adi.com.tr');
    assert.match(p, 'ÖDENECEK');
    s.key('enter');
    await s.until('Kaydedildi');
    s.checkWidths();
    assert.match(s.screen(), /Fatura No HTA\d{13}/);
  });

  test(`${size.cols}×${size.rows}: choose step, no-read list, modal, end of day — exact widths`, async () => {
    const s = await setup(size);
    s.type(READER.operatorId);
    s.key('enter');
    s.type(READER.pin);
    s.key('enter');
    await s.until('İşler');
    s.key('down');
    s.key('enter');
    await s.until('Endeks: _');
    s.scan(s.app.jobs()[1]!.job.meter.serial);
    await s.until('Sayaç doğrulandı');
    s.type('1');
    s.key('enter');
    const c = await s.until('Yanlış okuma');
    s.checkWidths();
    // 1014 → 1 would wrap to 98,987 m³ in 30 days: more than a G4 can pass, so no rollover is offered.
    assert.match(c, '1 Sayaç değişmiş');
    assert.match(c, '2 Yanlış okuma');
    assert.match(c, '3 Müdahale şüphesi');
    assert.not.match(c, 'Devir');
    s.key('f1');
    await s.until('Okunamadı kodu');
    s.checkWidths();
    s.app.notify({ kind: 'message', text: 'Mesaj: Yarın rota değişiyor, sabah merkeze uğrayın.', messageId: 'm', at: '' });
    const m = await s.until('MERKEZDEN MESAJ');
    s.checkWidths();
    assert.match(m.replace(/\s+/g, ' '), 'sabah merkeze uğrayın');
    s.key('enter');
    // A scan the scanner garbled: the crew is told to scan again, in the same modal frame.
    s.app.notify({ kind: 'scan-rejected', reason: 'garbled' });
    await s.until('BARKOD OKUNAMADI');
    s.checkWidths();
    s.key('enter');
    s.key('back'); // codes → the choice
    s.key('back'); // the choice → keying afresh
    s.key('back'); // leave the meter
    await s.until('Tüm işler');
    s.key('f4');
    await s.until('Gün sonu');
    s.checkWidths();
  });
}

test('status bar: two lines at 40 columns, one at 80; problems are not inverse', async () => {
  const { renderStatusBar } = await import('../../../src/adapters/ui/view/statusBar.js');
  const t = translator('tr');
  const now = Date.UTC(2026, 10, 25, 7, 0);
  const s = {
    link: 'offline',
    outboxDepth: 9999,
    oldestPendingAt: '2026-11-24T10:00:00+03:00',
    printer: 'cover-open',
    scanner: 'unavailable',
    operatorId: '1001',
    busy: null,
  } as const;
  const narrow = renderStatusBar(s, now, 40, t);
  assert.is(narrow.length, 2);
  assert.is(lineText(narrow[0]!), 'Bağlantı yok  Giden 9999 (1 gün)   10:00');
  assert.is(lineText(narrow[1]!), 'Kapak açık  Okuyucu arızalı  1001');
  assert.is(narrow[0]![0]!.style, undefined, 'offline stands out');
  const wideBar = renderStatusBar({ ...s, link: 'online', busy: 'printing' }, now, 80, t);
  assert.is(wideBar.length, 1);
  assert.match(lineText(wideBar[0]!), /^Bağlı  Giden 9999 \(1 gün\)  Kapak açık  Okuyucu arızalı  Yazdırılıyor\s+10:00$/);
  assert.is(wideBar[0]![0]!.style, 'inverse');
});

test('status bar with end-to-end acks: both depths and the age of the oldest unacknowledged event, within 40 columns', async () => {
  const { renderStatusBar } = await import('../../../src/adapters/ui/view/statusBar.js');
  const t = translator('tr');
  const now = Date.UTC(2026, 10, 25, 7, 0);
  const base = {
    link: 'online',
    outboxDepth: 0,
    oldestPendingAt: null,
    printer: 'ready',
    scanner: 'present',
    operatorId: '1001',
    busy: null,
  } as const;
  const text = (s: Parameters<typeof renderStatusBar>[0], cols = 40) => renderStatusBar(s, now, cols, t).map(lineText);

  assert.equal(text({ ...base, unackedDepth: 12, oldestUnackedAt: '2026-11-25T09:57:00+03:00' }), [
    'Bağlı  Giden 0  Onaysız 12 (3 dk)  10:00',
    'Yazıcı hazır  Okuyucu var  1001',
  ]);
  assert.equal(
    text({ ...base, unackedDepth: 0, oldestUnackedAt: null }),
    [`Bağlı  Giden 0${' '.repeat(21)}10:00`, 'Yazıcı hazır  Okuyucu var  1001'],
    'nothing awaiting: as before',
  );
  // Unsent with an age as well: the unsent age gives way first.
  assert.equal(
    text({
      ...base,
      outboxDepth: 5,
      oldestPendingAt: '2026-11-25T09:58:00+03:00',
      unackedDepth: 40,
      oldestUnackedAt: '2026-11-25T09:50:00+03:00',
    })[0],
    'Bağlı  Giden 5  Onaysız 40 (10 dk) 10:00',
  );
  // Offline for long with big depths: the unacknowledged part leads the second line; a present scanner makes room.
  const lost = text({
    ...base,
    link: 'offline',
    outboxDepth: 9999,
    oldestPendingAt: '2026-11-24T10:00:00+03:00',
    unackedDepth: 9999,
    oldestUnackedAt: '2026-11-23T10:00:00+03:00',
  });
  assert.equal(lost, ['Bağlantı yok  Giden 9999 (1 gün)   10:00', 'Onaysız 9999 (2 gün)  Yazıcı hazır  1001']);
  const bar = renderStatusBar({ ...base, unackedDepth: 9999, oldestUnackedAt: '2026-11-23T10:00:00+03:00' }, now, 40, t);
  assert.is(bar.flat().find((seg) => seg.text.startsWith('Onaysız'))!.style, undefined, 'two days unacknowledged stands out');
  for (const l of [
    ...lost,
    ...text({
      ...base,
      link: 'connecting',
      printer: 'cover-open',
      scanner: 'unavailable',
      outboxDepth: 9999,
      oldestPendingAt: '2026-11-24T10:00:00+03:00',
      unackedDepth: 99999,
      oldestUnackedAt: '2025-11-23T10:00:00+03:00',
    }),
  ]) {
    assert.ok([...l].length <= 40, `${l} is ${[...l].length} columns`);
  }
  assert.match(
    text({ ...base, unackedDepth: 3, oldestUnackedAt: '2026-11-25T09:59:30+03:00' }, 80)[0]!,
    /^Bağlı  Giden 0  Onaysız 3 \(30 sn\)  Yazıcı hazır  Okuyucu var  1001\s+10:00$/,
  );
});

test.run();
