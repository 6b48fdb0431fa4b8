/**
 * Issue 19: every screen above the job list shows its way back ("Esc Geri" on the soft-key bar,
 * in the rightmost free slot), none while the app works; the job details scroll at 40×15.
 * Rendered through the router (no terminal) on the real SahaApp.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Router } from '../../../src/adapters/ui/Router.js';
import { translator } from '../../../src/adapters/ui/i18n/index.js';
import { renderSoftKeys } from '../../../src/adapters/ui/view/frame.js';
import { lineText } from '../../../src/adapters/ui/view/text.js';
import type { InputKey } from '../../../src/core/input/InputEvent.js';
import { READER, TEST_NOW, TestApp } from '../../helpers/testApp.js';
import { readingJob } from '../../helpers/sampleJobs.js';

const SIZE = { cols: 40, rows: 15 };
const rigs: TestApp[] = [];
test.after.each(async () => {
  for (const r of rigs.splice(0)) await r.close();
});

async function setup() {
  const long = readingJob(2, {
    jobId: 'J-CUT',
    kind: 'cut',
    routeSeq: 2,
    tariffGroup: undefined as never,
    debt: { amount: '100.00', oldestDueDate: '2026-09-30', noticeSentAt: '2026-11-18T10:00:00+03:00', noticeChannels: ['written'] },
    customer: {
      ...readingJob(1).customer,
      name: 'Abdurrahman Şükrüoğlu Karamehmetoğulları Büyükçekmeceli',
      address: 'Büyükdere Cad. Yeni Gün İş Merkezi No:171 Kat:12 D:45 Şişli Mecidiyeköy Odunpazarı/Eskişehir',
    },
  });
  const rig = await TestApp.create({
    count: 0,
    jobs: [readingJob(1, { jobId: 'J-READ', routeSeq: 1 }), long],
    syncedAt: TEST_NOW,
  });
  rigs.push(rig);
  const router = new Router({ app: rig.app, t: translator('tr'), paint: () => undefined, size: () => SIZE, tickMs: 0 });
  router.start();
  const screen = () => router.text(SIZE).join('\n');
  const keys = () => router.text(SIZE)[SIZE.rows - 1]!;
  const key = (k: InputKey, value?: string) => router.input({ type: 'key', key: k, ...(value ? { value } : {}), source: 'test', at: 0 });
  const type = (s: string) => [...s].forEach((c) => key(/\d/.test(c) ? 'digit' : 'char', c));
  const until = async (text: string) => {
    for (let i = 0; i < 400 && !screen().includes(text); i++) await new Promise((r) => setTimeout(r, 5));
    assert.match(screen(), text);
    return screen();
  };
  type(READER.operatorId);
  key('enter');
  type(READER.pin);
  key('enter');
  await until('İşler');
  return { rig, router, screen, keys, key, type, until };
}

test('soft-key bar: Esc takes the rightmost free slot, right-aligned; none when every slot is used', () => {
  const bar = (keys: Parameters<typeof renderSoftKeys>[0], back?: string) => lineText(renderSoftKeys(keys, 40, back));
  assert.is(bar(['Yazdır', 'Kopya'], 'Geri'), `F1 Yazdır F2 Kopya  ${' '.repeat(10)}  Esc Geri`);
  // "F3 Denetim" fills its quarter: F4 moves one column right rather than touch it.
  assert.is(bar(['Kod', undefined, 'Denetim', 'Çıkış'], 'Geri'), 'F1 Kod     Esc Geri F3 Denetim F4 Çıkış ');
  assert.is(bar(['A', 'B', 'C', 'D'], 'Geri'), 'F1 A      F2 B      F3 C      F4 D      ');
  assert.is(bar(['Yazdır']), 'F1 Yazdır                               ');
});

test('soft-key bar: a space between any two labels; too long, the longest is shortened, never glued', () => {
  const bar = (keys: Parameters<typeof renderSoftKeys>[0], back?: string, cols = 40) => lineText(renderSoftKeys(keys, cols, back));
  // The field-work stop after another meter (flow/view.ts): Esc in the third quarter, F4 right after it.
  assert.is(bar(['Kod', undefined, undefined, 'İşi aç'], 'Geri'), 'F1 Kod               Esc Geri F4 İşi aç ');
  // 42 columns of labels on 40: the longest (F1's) gives two columns, the others stay whole.
  assert.is(bar(['Yapılamadı', 'Okut', 'Okunmaz', 'İşi aç'], 'Geri'), 'F1 Yapılam… F2 Okut F3 Okunmaz F4 İşi aç');
  const long = ['Çok uzun bir etiket', 'Daha da uzun etiket', undefined, 'Son etiket burada'] as const;
  assert.is(bar(long, 'Geri dön'), 'F1 Çok u… F2 Daha…  Esc Geri… F4 Son et…');
  // Narrower than any screen the views are made for: F labels go from the right, Esc stays.
  assert.is(bar(long, 'Geri dön', 20), 'F1 Ç… F2 Da… Esc Ge…');
  assert.is(bar(long, 'Geri dön', 12), 'F1 Ç… Esc G…');

  const keys = /(?:F[1-4]|Esc) /g;
  const words = ['Kod', 'Yazdır', 'Kopya', 'Denetim', 'GünSonu', 'Yapılamadı', 'İşi aç', 'Okunmaz', 'Çıkış', ''];
  for (const cols of [40, 80]) {
    for (let n = 0; n < 2000; n++) {
      const pick = (k: number) => words[(n * 7 + k * 13 + Math.floor(n / (k + 1))) % words.length] || undefined;
      const ks = [pick(0), pick(1), pick(2), pick(3)] as const;
      const text = bar(ks, n % 3 ? 'Geri' : undefined, cols);
      assert.is(text.length, cols);
      const shown = ks.filter(Boolean).length + (n % 3 && ks.some((k) => !k) ? 1 : 0);
      const found = [...text.matchAll(keys)];
      assert.is(found.length, shown, `every label shown at ${cols}: ${text}`);
      for (const m of found) assert.ok(m.index === 0 || text[m.index - 1] === ' ', `glued at ${cols}: ${text}`);
      if (cols === 80) for (const k of ks) if (k) assert.match(text, k, 'whole at 80 columns');
    }
  }
});

test('the list has no Esc label; the job, reprint, end-of-day, reading and cut screens have one', async () => {
  const s = await setup();
  assert.not.match(s.keys(), 'Esc');
  s.key('enter');
  await s.until('Endeks');
  assert.match(s.keys(), 'Esc Geri', 'reading');
  s.key('back');
  await s.until('İşler');
  s.key('f3');
  await s.until('Kopya');
  assert.match(s.keys(), 'Esc Geri', 'reprint');
  s.key('back');
  s.key('f4');
  await s.until('Gün sonu');
  assert.match(s.keys(), 'Esc Geri', 'end of day');
  s.key('back');
  s.key('down');
  s.key('enter');
  await s.until('işe başla');
  assert.match(s.keys(), 'Esc Geri', 'job details');
  s.key('enter');
  await s.until('Kesme');
  assert.match(s.keys(), 'Esc Geri', 'cut');
});

test('job details at 40×15: the long details scroll under ↓, the status line stays', async () => {
  const s = await setup();
  // The cut job's details hold name, address, meter, installation, dates: more than 11 rows with this name.
  s.key('down');
  s.key('enter');
  const first = await s.until('işe başla');
  const lines = first.split('\n');
  assert.match(lines[13]!, 'işe başla', 'the status stays on the last body row');
  if (first.includes('↓')) {
    for (let i = 0; i < 20 && s.screen().includes('↓'); i++) s.key('down');
    const end = s.screen();
    assert.match(end, '↑');
    assert.match(end.split('\n')[13]!, 'işe başla');
    s.key('home');
    assert.not.match(s.screen(), '↑');
  } else assert.unreachable(`the details should overflow 40×15:\n${first}`);
});

test.run();
