/**
 * The Printer contract against the real SerialPrinter (native serialport) over a socat pty pair,
 * with PtyVirtualPrinter answering on the other end. Runs whenever socat is installed; on CI
 * (CI=true) a missing socat is a failure, not a skip.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import { SerialPrinter } from '../../../src/adapters/printer/SerialPrinter.js';
import { SocatPtyPair } from '../../../src/adapters/printer/SocatPtyPair.js';
import { startPtyVirtualPrinter } from '../../../src/adapters/printer/startPtyVirtualPrinter.js';
import { parsePrinterProfile } from '../../../src/core/escpos/printerProfile.js';
import { runPrinterContract } from './printerContract.js';

if (!SocatPtyPair.available()) {
  if (process.env.CI === 'true') {
    test('socat is installed (required on CI)', () => {
      throw new Error('socat missing: apt-get install -y socat');
    });
    test.run();
  } else {
    console.log('socat not installed: pty contract skipped (set CI=true to make this fail)');
    test.skip('SerialPrinter over a pty (socat missing)', () => {});
    test('socat missing locally: skipped', () => {});
    test.run();
  }
} else {
  runPrinterContract('SerialPrinter over a socat pty', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'saha-pty-'));
    const { pair, virtual, stop } = await startPtyVirtualPrinter(join(dir, 'host'), join(dir, 'printer'));
    const parsed = parsePrinterProfile({
      id: 'pty-test',
      path: pair.hostPath,
      baudRate: 115200,
      columns: 32,
      encoding: 'pc857',
      codePageTable: 13,
      feedAfter: 3,
    });
    if (!parsed.ok) throw new Error(parsed.errors.join('; '));
    const printer = new SerialPrinter(parsed.profile, {
      statusTimeoutMs: 300,
      pollIntervalMs: 50,
      reconnect: { initialMs: 50, maxMs: 200 },
    });
    return {
      printer,
      device: virtual.device,
      unplug: async () => {
        await pair.stop();
      },
      replug: async () => {
        await pair.start();
        await virtual.open();
      },
      dispose: async () => {
        await printer.close();
        await stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  });
}
