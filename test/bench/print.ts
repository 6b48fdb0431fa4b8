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
import { loadPrinterProfile } from '../../src/adapters/printer/loadPrinterProfile.js';
import { renderInvoice } from '../../src/core/documents/renderInvoice.js';
import { paperLength } from '../../src/core/escpos/paperLength.js';
import { parsePrinterProfile } from '../../src/core/escpos/printerProfile.js';
import type { Printer } from '../../src/ports/Printer.js';
import { epson58 } from '../fixtures/escpos/profiles.js';
import * as sample from '../fixtures/escpos/sampleDocuments.js';
import { typicalDistributor, typicalInvoice } from '../fixtures/escpos/typicalInvoice.js';

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

/**
 * invoice_paper_mm: paper used by the typical invoice with two charges (test/fixtures/escpos/
 * typicalInvoice.ts), measured from the ESC/POS bytes sent to the shipped 58 mm profile
 * (src/core/escpos/paperLength.ts; target ≤ 160 mm, docs/invoice.md "Paper"); _80 on the 80 mm one.
 */
export async function benchPaper(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  const printers = new URL('../../device/printers/', import.meta.url).pathname;
  for (const [key, file] of [
    ['invoice_paper_mm', 'epson-tm-p20-58mm-pc857.json'],
    ['invoice_paper_mm_80', 'epson-tm-t20-80mm-wpc1254.json'],
  ] as const) {
    const profile = await loadPrinterProfile(printers + file);
    const inv = typicalInvoice();
    const doc = renderInvoice(inv, typicalDistributor, { width: profile.columns, documentNo: inv.invoiceNo, copy: 1 });
    const paper = paperLength(encodeDocument(doc, profile).bytes, profile);
    out[key] = paper.mm;
    if (key === 'invoice_paper_mm') {
      out.invoice_paper_lines = paper.textLines;
      out.invoice_paper_qr_mm = Number(((paper.qrDots * 25.4) / profile.dpi).toFixed(1));
    }
  }
  return out;
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
  console.log(JSON.stringify({ ...(await benchPaper()), ...(await benchPrint()) }, null, 2));
}
