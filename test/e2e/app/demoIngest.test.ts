/**
 * `npm start` with its back-office event store (src/demo/DemoIngest.ts): the real app in tmux runs
 * `saha ingest` on PGlite as its child; the crew reads a meter to a printed invoice; the event store
 * acknowledges every event end to end (the device's status bar ends with nothing unsent and nothing
 * unacknowledged) and `saha report --data-dir <dataDir>/backoffice` answers from the running demo:
 * the invoice stored, reconciled to the kuruş, every seq there. Killing the demo stops its ingest.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sahaBin } from '../../helpers/sahaBin.js';
import { waitFor } from '../../helpers/waitFor.js';
import { cleanup, demoJob, haveTmux, keyIndex, login, routeArrived, startApp, type RunningApp } from './appRig.js';

const run = promisify(execFile);
let app: RunningApp | undefined;
const has = haveTmux();

interface ReportJson {
  devices: { deviceId: string; ackedSeq: number; missingSeqs: number[]; quarantined: number }[];
  invoices: { count: number; payableSum: string };
  readings: { done: number };
  reconciliation: { checked: number; mismatches: unknown[] };
  numbering: { gaps: unknown[] };
}

async function report(dataDir: string): Promise<ReportJson> {
  const { stdout } = await run(process.execPath, [sahaBin(), 'report', '--data-dir', join(dataDir, 'backoffice'), '--json'], {
    timeout: 120_000,
  });
  return JSON.parse(stdout) as ReportJson;
}

test.after(() => cleanup(...(app ? [app.dataDir] : [])));

test('demo mode: a printed invoice is stored, acknowledged end to end and reported by the running demo', async () => {
  if (!has) return;
  app = await startApp({ cols: 80, rows: 24, deviceId: 'HT-E2E-I' });
  const t = app.term;
  await t.waitFor('Kullanıcı');
  await login(t);
  await routeArrived(t, 36);
  await t.waitFor('ACİL İŞ GELDİ');
  await t.press('enter');
  const j = demoJob(1);
  await t.scan(j.serial);
  await t.waitFor('Sayaç doğrulandı.');
  await keyIndex(t, j.lastIndex + 95);
  let s = await t.waitFor('Fatura önizleme');
  const payable = /ÖDENECEK ([\d.]+,\d\d) TL/.exec(s)![1]!.replace(/\./g, '').replace(',', '.');
  await t.press('enter');
  s = await t.waitFor('Kaydedildi.');
  const invoiceNo = /Fatura No (DMO\d{13})/.exec(s)![1]!;
  await t.press('enter');
  await t.waitFor('Yazdırıldı.');
  await t.press('enter');

  // Everything sent and acknowledged by the store: no unsent, no unacknowledged on the status bar.
  s = await t.waitFor((x) => /Giden 0/.test(x) && !/Onaysız/.test(x), { message: 'status bar: nothing unsent or unacknowledged' });

  let r: ReportJson | undefined;
  await waitFor(
    async () => {
      r = await report(app!.dataDir);
      return r.invoices.count === 1 && r.reconciliation.checked === 1;
    },
    `the invoice ${invoiceNo} in the event store and reconciled`,
    120_000,
    1000,
  );
  const dev = r!.devices.find((d) => d.deviceId === 'HT-E2E-I');
  assert.ok(dev, 'the device is known to the store');
  assert.equal(dev!.missingSeqs, [], 'every seq stored');
  assert.is(dev!.quarantined, 0);
  // 36 job.accepted + sync.requested + reading.recorded + invoice.issued + document.printed at least.
  assert.ok(dev!.ackedSeq >= 40, `acked seq ${dev!.ackedSeq}`);
  assert.is(r!.invoices.payableSum, payable, 'payable as printed');
  assert.is(r!.readings.done, 1);
  assert.equal(r!.reconciliation.mismatches, [], 'the office recomputes the same invoice to the kuruş');
  assert.equal(r!.numbering.gaps, []);

  // A demo killed outright: its ingest child sees its stdin close and stops, releasing the store.
  await app.kill();
  await waitFor(() => !existsSync(`${join(app!.dataDir, 'backoffice')}.report.sock`), 'the demo ingest stopped with the demo', 60_000, 200);
  const after = await report(app.dataDir); // opens the directory itself now
  assert.is(after.invoices.count, 1, 'nothing lost by the kill');
});

test.run();
