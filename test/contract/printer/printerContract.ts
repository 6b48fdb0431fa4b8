/**
 * The Printer contract (ports/Printer.ts), written once and run against every implementation:
 * FakePrinter in-process and SerialPrinter over a socat pty pair with a virtual printer on the far
 * end. What is asserted is what the crew and the back office would see: the slip text the printer
 * received, the typed error, the status shown.
 */
import { test as uvuTest, suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Printer, PrinterStatus } from '../../../src/ports/Printer.js';
import type { VirtualPrinterDevice } from '../../../src/adapters/printer/VirtualPrinterDevice.js';
import { isAppError, type ErrorCode } from '../../../src/core/errors/AppError.js';
import { renderInvoice } from '../../../src/core/documents/renderInvoice.js';
import { documentToText } from '../../../src/core/documents/documentToText.js';
import { encodeDocument } from '../../../src/adapters/printer/encodeDocument.js';
import { codeTablesOf } from '../../../src/core/escpos/printerProfile.js';
import * as sample from '../../fixtures/escpos/sampleDocuments.js';

export interface PrinterRig {
  printer: Printer;
  device: VirtualPrinterDevice;
  /** Pull the cable (pty: kill socat). */
  unplug(): Promise<void>;
  /** Put it back (pty: socat again on the same link paths, virtual printer reopens). */
  replug(): Promise<void>;
  dispose(): Promise<void>;
}

const profile = { columns: 32, encoding: 'pc857', codePageTable: 13, qr: true, cutter: 'none', feedAfter: 3 } as const;
const decodeOpts = { width: 32, codeTables: codeTablesOf(profile) };

function invoiceJob() {
  const doc = renderInvoice(sample.invoice, sample.distributor, { width: 32, documentNo: sample.invoice.invoiceNo, copy: 1 });
  return { ...encodeDocument(doc, profile), expected: documentToText(doc, profile) };
}

/** Poll a condition; the cap only stops a broken implementation from hanging the run. */
export async function until(cond: () => boolean, what: string, capMs = 15_000): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > capMs) throw new Error(`gave up waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function rejectsWith(p: Promise<unknown>, code: ErrorCode): Promise<Record<string, unknown>> {
  try {
    await p;
  } catch (e) {
    assert.ok(isAppError(e), `expected AppError, got ${String(e)}`);
    assert.is(e.code, code, (e as Error).message);
    return e.context;
  }
  assert.unreachable(`expected rejection with ${code}`);
  return {};
}

export function runPrinterContract(name: string, makeRig: () => Promise<PrinterRig>): void {
  const t = suite<{ rig?: PrinterRig }>(`Printer contract: ${name}`, {});
  t.before.each(async (ctx) => {
    ctx.rig = await makeRig();
    await ctx.rig.printer.open();
  });
  t.after.each(async (ctx) => {
    await ctx.rig?.dispose();
    ctx.rig = undefined;
  });
  const rig = (ctx: { rig?: PrinterRig }) => ctx.rig as PrinterRig;

  t('a Turkish invoice reaches the printer and reads back as the slip', async (ctx) => {
    const { printer, device } = rig(ctx);
    const job = invoiceJob();
    const res = await printer.print(job.bytes);
    assert.equal(res, { bytesSent: job.bytes.length, status: 'ready', verified: true });
    assert.ok(job.expected.includes('Abone: Şükrü Işıkoğlu Çağatay'));
    assert.fixture(device.decode(decodeOpts).text, job.expected);
    assert.is(device.received.equals(job.bytes), true, 'status queries are not part of the job bytes');
  });

  t('status() asks the printer and reports ready', async (ctx) => {
    assert.is(await rig(ctx).printer.status(), 'ready');
    assert.is(rig(ctx).printer.lastStatus, 'ready');
  });

  t('paper out: nothing is sent, Printer_PaperOut, status paper-out; prints once paper is loaded', async (ctx) => {
    const { printer, device } = rig(ctx);
    const seen: PrinterStatus[] = [];
    printer.onStatus((s) => seen.push(s));
    device.set({ paperOut: true });
    const c = await rejectsWith(printer.print(invoiceJob().bytes), 'Printer_PaperOut');
    assert.is(c.phase, 'before');
    assert.is(device.receivedLength, 0);
    assert.is(printer.lastStatus, 'paper-out');
    assert.is(await printer.status(), 'paper-out');
    assert.ok(seen.includes('paper-out'));
    device.set({ paperOut: false });
    await printer.print(invoiceJob().bytes);
    assert.is(printer.lastStatus, 'ready');
  });

  t('cover open: Printer_CoverOpen and status cover-open', async (ctx) => {
    const { printer, device } = rig(ctx);
    device.set({ coverOpen: true });
    await rejectsWith(printer.print(invoiceJob().bytes), 'Printer_CoverOpen');
    assert.is(await printer.status(), 'cover-open');
    assert.is(device.receivedLength, 0);
  });

  t('a printer that does not answer is offline and nothing is assumed printed', async (ctx) => {
    const { printer, device } = rig(ctx);
    device.set({ silent: true });
    await rejectsWith(printer.print(invoiceJob().bytes), 'Printer_Offline');
    assert.is(printer.lastStatus, 'offline');
    assert.is(device.receivedLength, 0);
  });

  t('with waitReadyMs the job waits for paper, then prints', async (ctx) => {
    const { printer, device } = rig(ctx);
    device.set({ paperOut: true });
    const job = invoiceJob();
    const p = printer.print(job.bytes, { waitReadyMs: 10_000 });
    await until(() => printer.lastStatus === 'paper-out', 'paper-out seen');
    device.set({ paperOut: false });
    await p;
    assert.fixture(device.decode(decodeOpts).text, job.expected);
  });

  t('paper running out during the job: Printer_PaperOut after the job, never "printed"', async (ctx) => {
    const { printer, device } = rig(ctx);
    device.holdAfter(200);
    const p = printer.print(invoiceJob().bytes);
    p.catch(() => {});
    await until(() => device.receivedLength >= 200, 'first bytes at the printer');
    device.set({ paperOut: true });
    device.release();
    const c = await rejectsWith(p, 'Printer_PaperOut');
    assert.is(c.phase, 'after');
  });

  t('unplug mid-job: Printer_Disconnected; after replug the same object prints again', async (ctx) => {
    const { printer, device } = rig(ctx);
    const big = Buffer.concat(Array.from({ length: 200 }, () => invoiceJob().bytes)); // ~400 kB
    device.holdAfter(1000);
    const p = printer.print(big, { timeoutMs: 60_000 });
    p.catch(() => {});
    await until(() => device.receivedLength >= 1000, 'job under way');
    await rig(ctx).unplug();
    const c = await rejectsWith(p, 'Printer_Disconnected');
    assert.is(c.phase, 'during');
    await until(() => printer.lastStatus === 'offline', 'offline shown');
    device.release();
    await rig(ctx).replug();
    device.clear(); // the torn job's tail is not what we check here
    await until(() => printer.lastStatus === 'ready', 'ready again after replug');
    const job = invoiceJob();
    await printer.print(job.bytes);
    assert.fixture(device.decode(decodeOpts).text, job.expected);
  });

  t('after close(), print rejects with Printer_Closed', async (ctx) => {
    const { printer } = rig(ctx);
    await printer.close();
    await rejectsWith(printer.print(invoiceJob().bytes), 'Printer_Closed');
    await printer.close(); // idempotent
  });

  t('a throwing status listener does not break printing', async (ctx) => {
    const { printer, device } = rig(ctx);
    printer.onStatus(() => {
      throw new Error('bad listener');
    });
    device.set({ paperOut: true });
    await rejectsWith(printer.print(invoiceJob().bytes), 'Printer_PaperOut');
    device.set({ paperOut: false });
    await printer.print(invoiceJob().bytes);
  });

  t.run();
}

export { uvuTest };
