/**
 * Printing with a document ledger. Every printed document has a number, a type, a copy count and
 * the SHA-256 of the exact bytes sent. The ledger entry is committed BEFORE a byte goes to the
 * printer (no document is printed that the ledger does not know), marked printed only after the
 * printer accepted the job, and `document.printed` is queued in that same commit. A failed job is
 * recorded as failed with its error code; nothing is retried by itself (a retry could print twice).
 * A reprint re-renders the same document as copy n, marked "NÜSHA n" with who and why.
 */
import type { PrintDocument, DistributorInfo, EncodedDocument, Reprint } from '../core/documents/types.js';
import { documentTitle, REPRINT_REASONS } from '../core/documents/ledgerTexts.js';
import { renderInfoSlip } from '../core/documents/renderInfoSlip.js';
import { renderInvoice } from '../core/documents/renderInvoice.js';
import { renderDaySummary, type DaySummaryData } from '../core/documents/renderDaySummary.js';
import { renderCutNotice, type CutNoticeData } from '../core/documents/renderCutNotice.js';
import { renderReconnectionReceipt, type ReconnectionData } from '../core/documents/renderReconnectionReceipt.js';
import { renderMeterReport, type MeterReportData } from '../core/documents/renderMeterReport.js';
import { renderInspectionReport, type InspectionReportData } from '../core/documents/renderInspectionReport.js';
import type { Invoice } from '../core/billing/types.js';
import { AppError, ErrorCode, isAppError } from '../core/errors/AppError.js';
import { isoInstant } from '../core/time/calendar.js';
import type { Printer } from '../ports/Printer.js';
import type { DataSource, DocumentSource, LedgerCopy, LedgerEntry } from '../core/store/records.js';
import type { Store } from '../ports/Store.js';

export type { DataSource, DocumentSource, LedgerCopy, LedgerEntry } from '../core/store/records.js';

/** Document number prefixes for documents that have no number of their own. */
const PREFIX: Record<DataSource['kind'], string> = {
  'day-summary': 'GS',
  'cut-notice': 'KB',
  'reconnection-receipt': 'AB',
  'meter-report': 'ST',
  'inspection-report': 'TT',
};

export interface PrintServiceDeps {
  store: Store;
  printer: Printer;
  width: number;
  encode: (doc: PrintDocument) => EncodedDocument;
  /**
   * Awaited before the first document is encoded: the device loads its ESC/POS encoder
   * (node-thermal-printer, its code-page tables and PNG code, about 1 MB of source) only when
   * something is printed, not at start (issue 19, memory).
   */
  prepare?: () => Promise<void>;
  distributor: DistributorInfo;
  clock: () => number;
  /** Demo mode: keeps a readable copy of each slip (text + SVG) and says where. */
  keepSlip?: (documentNo: string, copy: number, encoded: EncodedDocument) => Promise<string>;
}

export class PrintService {
  constructor(private readonly d: PrintServiceDeps) {}

  private render(source: DocumentSource, documentNo: string, copy: number, reprint?: Reprint): PrintDocument {
    const o = { width: this.d.width, documentNo, copy, ...(reprint ? { reprint } : {}) };
    if (source.kind === 'invoice') {
      const rec = this.d.store.get('invoices', source.invoiceNo);
      if (!rec) throw new AppError(`invoice ${source.invoiceNo} not found`, ErrorCode.Input_Invalid);
      // The invoice names its operator by id; the name comes from the device's operators (as a field document's crew).
      const io = { ...o, operatorName: this.d.store.get('operators', rec.invoice.operatorId)?.name };
      // An e-Fatura buyer's bill prints as a bilgi fişi (docs/invoice.md "Bilgi fişi").
      return rec.invoice.documentKind === 'bilgi-fisi'
        ? renderInfoSlip(rec.invoice, this.d.distributor, io)
        : renderInvoice(rec.invoice, this.d.distributor, io);
    }
    switch (source.kind) {
      case 'day-summary':
        return renderDaySummary(source.data, this.d.distributor, o);
      case 'cut-notice':
        return renderCutNotice(source.data, this.d.distributor, o);
      case 'reconnection-receipt':
        return renderReconnectionReceipt(source.data, this.d.distributor, o);
      case 'meter-report':
        return renderMeterReport(source.data, this.d.distributor, o);
      case 'inspection-report':
        return renderInspectionReport(source.data, this.d.distributor, o);
    }
  }

  /** A new device-numbered document number, e.g. KB-HT-0042-000017 (reserved durably). */
  async newDocumentNo(kind: DataSource['kind'], deviceId: string): Promise<string> {
    return this.d.store.transact((tx) => `${PREFIX[kind]}-${deviceId}-${String(tx.next(`doc:${kind}`)).padStart(6, '0')}`);
  }

  /**
   * Prints any non-invoice document. Pass `documentNo` when the number was already recorded with the
   * work (e.g. an inspection report number sealed into the evidence); otherwise one is allocated.
   * `title` (the ledger's) defaults to the document's name and number (core/documents/ledgerTexts.ts).
   */
  async printDocument(
    source: DataSource,
    meta: { title?: string; jobId?: string; operatorId: string; deviceId: string; documentNo?: string },
  ): Promise<{ documentNo: string; copy: number; savedAt?: string }> {
    const no = meta.documentNo ?? (await this.newDocumentNo(source.kind, meta.deviceId));
    const title = meta.title ?? documentTitle(source.kind, no);
    return this.send({ documentNo: no, type: source.kind, title, ...(meta.jobId ? { jobId: meta.jobId } : {}), source }, meta.operatorId);
  }

  async printInvoice(invoiceNo: string, operatorId: string): Promise<{ documentNo: string; copy: number; savedAt?: string }> {
    const inv = this.d.store.get('invoices', invoiceNo);
    if (!inv) throw new AppError(`invoice ${invoiceNo} not found`, ErrorCode.Input_Invalid);
    const existing = this.d.store.get('documents', invoiceNo);
    if (existing?.copies.some((c) => c.state === 'printed')) {
      return this.reprint(invoiceNo, operatorId, REPRINT_REASONS.firstPrintAgain);
    }
    const type = inv.invoice.documentKind === 'bilgi-fisi' ? 'info-slip' : 'invoice';
    return this.send(
      {
        documentNo: invoiceNo,
        type,
        title: documentTitle(type, invoiceNo),
        jobId: inv.invoice.jobId,
        source: { kind: 'invoice', invoiceNo },
      },
      operatorId,
    );
  }

  printDaySummary(data: DaySummaryData, operatorId: string): Promise<{ documentNo: string; copy: number; savedAt?: string }> {
    return this.printDocument(
      { kind: 'day-summary', data },
      { title: documentTitle('day-summary', data.date), operatorId, deviceId: data.crew.deviceId },
    );
  }

  async reprint(documentNo: string, operatorId: string, reason: string): Promise<{ documentNo: string; copy: number; savedAt?: string }> {
    const e = this.d.store.get('documents', documentNo);
    if (!e) throw new AppError(`document ${documentNo} is not in the ledger`, ErrorCode.Input_Invalid);
    return this.send(
      { documentNo, type: e.type, title: e.title, ...(e.jobId ? { jobId: e.jobId } : {}), source: e.source },
      operatorId,
      reason,
    );
  }

  private async send(meta: Omit<LedgerEntry, 'copies' | 'at'>, operatorId: string, reason?: string) {
    // Before the ledger is read: nothing may come between that read and the transaction below.
    await this.d.prepare?.();
    const now = this.d.clock();
    const at = isoInstant(now);
    const prev = this.d.store.get('documents', meta.documentNo);
    const printedBefore = prev?.copies.filter((c) => c.state === 'printed').length ?? 0;
    const copy = printedBefore + 1;
    const reprint: Reprint | undefined = copy > 1 ? { by: operatorId, reason: reason ?? REPRINT_REASONS.unspecified, at } : undefined;
    const encoded = this.d.encode(this.render(meta.source, meta.documentNo, copy, reprint));
    const entry: LedgerEntry = prev ?? { ...meta, at, copies: [] };
    const attempt: LedgerCopy = {
      copy,
      at,
      by: operatorId,
      state: 'sending',
      sha256: encoded.sha256,
      bytes: encoded.bytes.length,
      ...(reprint ? { reprint } : {}),
    };
    await this.d.store.transact((tx) => {
      tx.put('documents', meta.documentNo, { ...entry, copies: [...entry.copies, attempt] });
      if (reprint)
        tx.audit({ actor: operatorId, action: 'document.reprint', details: { documentNo: meta.documentNo, copy, reason: reprint.reason } });
    });
    const finish = (patch: Partial<LedgerCopy>, event: boolean) =>
      this.d.store.transact((tx) => {
        const cur = tx.get('documents', meta.documentNo)!;
        const copies = cur.copies.map((c, i) => (i === cur.copies.length - 1 ? { ...c, ...patch } : c));
        tx.put('documents', meta.documentNo, { ...cur, copies });
        if (event)
          tx.event({
            type: 'document.printed',
            operatorId,
            ...(meta.jobId ? { jobId: meta.jobId } : {}),
            data: { documentType: meta.type, documentNo: meta.documentNo, copy, sha256: encoded.sha256 },
          });
      });
    try {
      await this.d.printer.print(encoded.bytes);
    } catch (e) {
      await finish({ state: 'failed', error: isAppError(e) ? e.code : String(e) }, false);
      throw e;
    }
    await finish({ state: 'printed' }, true);
    const savedAt = this.d.keepSlip ? await this.d.keepSlip(meta.documentNo, copy, encoded).catch(() => undefined) : undefined;
    return { documentNo: meta.documentNo, copy, ...(savedAt ? { savedAt } : {}) };
  }
}
