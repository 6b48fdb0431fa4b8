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
  assert.is(bar(['Kod', undefined, 'Denetim', 'Çıkış'], 'Geri'), 'F1 Kod      Esc GeriF3 DenetimF4 Çıkış  ');
  assert.is(bar(['A', 'B', 'C', 'D'], 'Geri'), 'F1 A      F2 B      F3 C      F4 D      ');
  assert.is(bar(['Yazdır']), 'F1 Yazdır                               ');
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
