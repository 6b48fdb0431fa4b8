/**
 * A full or nearly full disk as the crew sees it (issue 15: a reading on a full disk showed
 * "Kaydedildi. Fatura No …" while its journal line was a fragment). A reading whose record could
 * not be written says KAYDEDİLMEDİ and never "Kaydedildi"; the job stays open and no invoice number
 * is used up, so the same reading is saved with the first number once there is room. The status
 * bar shows free space, and low space stands out before new work is refused.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { MemoryBackend } from '../../../src/adapters/store/MemoryBackend.js';
import { Router } from '../../../src/adapters/ui/Router.js';
import { translator } from '../../../src/adapters/ui/i18n/index.js';
import { renderStatusBar } from '../../../src/adapters/ui/view/statusBar.js';
import { lineText } from '../../../src/adapters/ui/view/text.js';
import { ErrorCode } from '../../../src/core/errors/AppError.js';
import type { InputKey } from '../../../src/core/input/InputEvent.js';
import { READER, TestApp } from '../../helpers/testApp.js';

const MB = 1048576;
const size = { cols: 40, rows: 15 };

const rigs: TestApp[] = [];
test.after.each(async () => {
  for (const r of rigs.splice(0)) await r.close();
});

async function readingOnScreen(o: { backend: MemoryBackend; minFreeBytes?: number }) {
  const rig = await TestApp.create({ count: 2, ...o });
  rigs.push(rig);
  const app = rig.app;
  const router = new Router({ app, t: translator('tr'), paint: () => undefined, size: () => size, tickMs: 0 });
  router.start();
  const screen = () => router.frame(size).map(lineText).join('\n').replace(/\s+/g, ' ');
  const key = (k: InputKey, value?: string) => router.input({ type: 'key', key: k, ...(value ? { value } : {}), source: 'test', at: 0 });
  const type = (s: string) => [...s].forEach((c) => key('digit', c));
  const until = async (text: string) => {
    for (let i = 0; i < 400 && !screen().includes(text); i++) await new Promise((r) => setTimeout(r, 5));
    assert.match(screen(), text);
  };
  type(READER.operatorId);
  key('enter');
  type(READER.pin);
  key('enter');
  await until('İşler');
  const job = app.jobs()[0]!.job;
  key('enter');
  await until('Endeks: _');
  router.input({ type: 'scan', code: job.meter.serial, source: 'test', at: 0 }); // the scan gate (issue 19)
  await until('Sayaç doğrulandı');
  type(String(job.meter.lastIndex + 40));
  key('enter');
  await until('Fatura önizleme');
  return { app, store: rig.store, screen, key, until, job };
}

test('disk full while saving a reading: KAYDEDİLMEDİ, never "Kaydedildi"; the job stays open and the number unused', async () => {
  const backend = new MemoryBackend();
  const s = await readingOnScreen({ backend });
  backend.failCode = ErrorCode.Store_DiskFull;
  backend.failNextAppend = true;
  s.key('enter');
  await s.until('KAYDEDİLMEDİ');
  assert.not.match(s.screen(), 'Kaydedildi');
  assert.not.match(s.screen(), 'Fatura No');
  assert.match(s.screen(), 'hafızası doldu');
  assert.match(s.screen(), 'merkezi arayın');
  assert.is(s.app.job(s.job.jobId)!.state, 'open', 'nothing recorded');
  assert.is(s.store.size('invoices'), 0);
  assert.is(s.store.size('invoiceNos'), 0, 'no number reserved');

  // Space freed: the crew keys the reading again and it is saved with the first number of the series.
  s.key('enter');
  await s.until('Endeks: _');
  for (const c of String(s.job.meter.lastIndex + 40)) s.key('digit', c);
  s.key('enter');
  await s.until('Fatura önizleme');
  s.key('enter');
  await s.until('Kaydedildi');
  assert.match(s.screen(), /Fatura No HTA2026000000001/);
});

test('below the free-space floor a reading is refused before anything is written, with its own text', async () => {
  const backend = new MemoryBackend();
  // Between the floor and twice it: the store measures before every new record.
  backend.free = 40 * MB;
  const s = await readingOnScreen({ backend, minFreeBytes: 32 * MB });
  backend.free = 5 * MB;
  s.key('enter');
  await s.until('KAYDEDİLMEDİ');
  assert.not.match(s.screen(), 'Kaydedildi');
  assert.match(s.screen(), 'hafızası azaldı');
  assert.is(s.app.job(s.job.jobId)!.state, 'open');
  assert.is(s.store.size('invoiceNos'), 0);
});

test('status bar: free space shows from 60 columns up; low space stands out at 40 columns too', () => {
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
  const text = (free: { bytes: number; floorBytes: number }, cols: number) =>
    renderStatusBar({ ...base, free }, now, cols, t).map(lineText);

  assert.match(
    text({ bytes: 850 * MB, floorBytes: 32 * MB }, 80)[0]!,
    /^Bağlı {2}Giden 0 {2}Yazıcı hazır {2}Okuyucu var {2}Hafıza 850 MB {2}1001\s+10:00$/,
  );
  assert.match(text({ bytes: 12 * 1024 * MB, floorBytes: 32 * MB }, 80)[0]!, 'Hafıza 12 GB');
  assert.equal(
    text({ bytes: 850 * MB, floorBytes: 32 * MB }, 40),
    [`Bağlı  Giden 0${' '.repeat(21)}10:00`, 'Yazıcı hazır  Okuyucu var  1001'],
    'plenty: not shown at 40 columns',
  );
  const low = renderStatusBar({ ...base, free: { bytes: 40 * MB, floorBytes: 32 * MB } }, now, 40, t);
  assert.equal(
    low.map(lineText)[1],
    'Hafıza az 40 MB  Yazıcı hazır  1001',
    'low space leads the second line; a present scanner makes room',
  );
  assert.is(low[1]!.find((seg) => seg.text.startsWith('Hafıza'))!.style, undefined, 'low space is not inverse');
  for (const l of low.map(lineText)) assert.ok([...l].length <= 40, l);
});

test.run();
