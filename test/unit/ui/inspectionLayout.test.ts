/**
 * The inspection screens added by issue 18 rendered through the router (no terminal) at 40×15 and
 * 80×24: second official, its confirmation, the user absent with no witness, the review with the
 * accrual's period and the metered deduction, the method change and its reason, the DMHY 53
 * question. Every line exactly the screen width; the words the crew needs are there.
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
const job = readingJob(1, { jobId: 'J-INSP', kind: 'inspection', routeSeq: 0 });

const rigs: TestApp[] = [];
test.after.each(async () => {
  for (const r of rigs.splice(0)) await r.close();
});

async function setup(size: Size) {
  const rig = await TestApp.create({ count: 0, jobs: [job] });
  rigs.push(rig);
  const router = new Router({ app: rig.app, t: translator('tr'), paint: () => undefined, size: () => size, tickMs: 0 });
  router.start();
  const screen = () => router.frame(size).map(lineText).join('\n');
  const key = (k: InputKey, value?: string) => router.input({ type: 'key', key: k, ...(value ? { value } : {}), source: 'test', at: 0 });
  const type = (s: string) => [...s].forEach((c) => key(/\d/.test(c) ? 'digit' : 'char', c));
  const until = async (text: string) => {
    for (let i = 0; i < 400 && !screen().replace(/\s+/g, ' ').includes(text); i++) await new Promise((r) => setTimeout(r, 5));
    assert.match(screen().replace(/\s+/g, ' '), text);
    const f = router.frame(size);
    assert.is(f.length, size.rows);
    for (const l of f) assert.is(width(lineText(l)), size.cols, lineText(l));
    return screen().replace(/\s+/g, ' ');
  };
  type(READER.operatorId);
  key('enter');
  type(READER.pin);
  key('enter');
  await until('İşler');
  key('enter');
  await until('denetime başla');
  key('enter');
  await until('Sayacı okutun');
  return { key, type, until, rig };
}

for (const size of SIZES) {
  test(`${size.cols}×${size.rows}: officer, no-witness reason, review with period and deduction, method change`, async () => {
    const s = await setup(size);
    s.type(job.meter.serial);
    s.key('enter');
    s.type(String(job.meter.lastIndex + 5));
    s.key('enter');
    await s.until('Mühür kaydı yok.');
    s.key('enter');
    s.type('2'); // kaçak
    s.type('2'); // bypass
    await s.until('Cihaz kaydı yok.');
    s.key('f1');
    s.type('1');
    s.type('0'); // 240 kW: beyond the bounds
    s.key('enter');
    await s.until('Güç 0.5 ile 100 kW arasında olmalı.');
    s.key('clear');
    s.key('enter');
    s.key('enter');
    await s.until('Gazı kullanan kişi');
    s.type('Hasan');
    s.key('enter');
    s.key('enter');
    await s.until('İkinci görevli girilmedi.');
    s.key('f1');
    s.type('1002');
    s.key('enter');
    s.type('Veli Sahin');
    s.key('enter');
    await s.until('Veli Sahin (1002) tespitte bulundu ve tutanağı imzalayacak mı?');
    s.type('1');
    s.key('enter');
    s.key('enter');
    await s.until('3 Gazı kullanan yerinde yok');
    s.type('3');
    await s.until('Tanık yok: sebebini yazın');
    s.type('bina bos');
    s.key('enter');
    const review = await s.until('Tahakkuk toplamı');
    assert.match(review, 'Sayaçtan geçen 5 m³ düşüldü');
    s.key('f3');
    await s.until('Tahmin yöntemi (şu an: Cihaz kapasitesi)');
    s.type('2');
    await s.until('Yöntem değişikliğinin sebebi: Benzer aboneler');
    s.type('plaka okunamadi');
    s.key('enter');
    await s.until('Yöntem: Benzer aboneler');
  });

  test(`${size.cols}×${size.rows}: DMHY 53 question, and the review says no charge`, async () => {
    const s = await setup(size);
    s.type(job.meter.serial);
    s.key('enter');
    s.key('enter');
    await s.until('Mühür kaydı yok.');
    s.key('enter');
    s.type('3'); // usulsüz
    s.type('2'); // previous occupant
    await s.until('başvuru yapılmış mı? (DMHY md. 53)');
    s.type('2');
    await s.until('Cihaz kaydı yok.');
  });
}

test.run();
