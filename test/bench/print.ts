/**
 * Printing benchmarks. The wire, not the CPU, sets the pace on a handheld (docs/domain.md §5), so the
 * slip's size in bytes and its transmit time at common baud rates matter most; print_first_byte_ms
 * is the latency from print() (including the DLE EOT status check) to the first job byte at the
 * printer end: over a socat pty with the real SerialPrinter when socat exists, else FakePrinter.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { encodeDocument } from '../../src/adapters/printer/encodeDocument.js';
import { FakePrinter } from '../../src/adapters/printer/FakePrinter.js';
import { PtyVirtualPrinter } from '../../src/adapters/printer/PtyVirtualPrinter.js';
import { SerialPrinter } from '../../src/adapters/printer/SerialPrinter.js';
import { SocatPtyPair } from '../../src/adapters/printer/SocatPtyPair.js';
import type { VirtualPrinterDevice } from '../../src/adapters/printer/VirtualPrinterDevice.js';
import { renderInvoice } from '../../src/core/documents/renderInvoice.js';
import { parsePrinterProfile } from '../../src/core/escpos/printerProfile.js';
import type { Printer } from '../../src/ports/Printer.js';
import { epson58 } from '../fixtures/escpos/profiles.js';
import * as sample from '../fixtures/escpos/sampleDocuments.js';

const RUNS = 21;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

async function firstByteMs(printer: Printer, device: VirtualPrinterDevice, bytes: Buffer): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const arrived = new Promise<number>((r) => device.once('data', () => r(performance.now())));
    const t0 = performance.now();
    await printer.print(bytes);
    times.push((await arrived) - t0);
    device.clear();
  }
  return median(times);
}

export async function benchPrint(): Promise<Record<string, number>> {
  const doc = renderInvoice(sample.invoice, sample.distributor, { width: 32, documentNo: sample.invoice.invoiceNo, copy: 1 });
  const { bytes } = encodeDocument(doc, epson58);
  const result: Record<string, number> = {
    invoice_bytes: bytes.length,
    invoice_seconds_9600: Number(((bytes.length * 10) / 9600).toFixed(3)),
    invoice_seconds_115200: Number(((bytes.length * 10) / 115200).toFixed(3)),
  };

  if (SocatPtyPair.available()) {
    const dir = mkdtempSync(join(tmpdir(), 'saha-bench-'));
    const pair = new SocatPtyPair(join(dir, 'host'), join(dir, 'printer'));
    const virtual = new PtyVirtualPrinter(pair.devicePath);
    let printer: SerialPrinter | undefined;
    try {
      await pair.start();
      await virtual.open();
      const parsed = parsePrinterProfile({
        id: 'bench',
        path: pair.hostPath,
        baudRate: 115200,
        columns: 32,
        encoding: 'pc857',
        codePageTable: 13,
      });
      if (!parsed.ok) throw new Error(parsed.errors.join('; '));
      printer = new SerialPrinter(parsed.profile, { pollIntervalMs: 0 });
      await printer.open();
      result.print_first_byte_ms = Number((await firstByteMs(printer, virtual.device, bytes)).toFixed(3));
      result.print_first_byte_on_pty = 1;
    } finally {
      await printer?.close();
      await virtual.close();
      await pair.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  } else {
    const fake = new FakePrinter();
    await fake.open();
    result.print_first_byte_ms = Number((await firstByteMs(fake, fake.device, bytes)).toFixed(3));
    result.print_first_byte_on_pty = 0;
    await fake.close();
  }
  return result;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchPrint(), null, 2));
}
