/**
 * The document model: what a printed document says, laid out in character columns but free of
 * ESC/POS. Renderers (render*.ts) produce it from plain data; the encoder turns it into bytes;
 * documentToText shows it as the paper will.
 */
import type { Align } from '../escpos/decodeEscPos.js';

export type { Align };

export type DocumentType =
  'invoice' | 'info-slip' | 'cut-notice' | 'reconnection-receipt' | 'meter-report' | 'inspection-report' | 'day-summary';

export type DocLine =
  /**
   * One printed line; `text` fits the width (wide text counts double). Empty text = blank line.
   * `small` prints it in font B (9×17 dots instead of 12×24): the legal small print, laid out for
   * smallWidth(width) columns (42 on 58 mm, 64 on 80 mm; layout.ts).
   */
  | { kind: 'text'; text: string; align?: Align; bold?: boolean; tall?: boolean; wide?: boolean; small?: boolean }
  /** A QR symbol (ASCII data); printed as text on printers without QR support. */
  | { kind: 'qr'; data: string }
  /** End of a part (a copy the customer tears off): feed past the tear bar, cut if there is a cutter. */
  | { kind: 'cut' };

export interface PrintDocument {
  type: DocumentType;
  documentNo: string;
  /** 1 = the original; ≥ 2 = a reprint, marked on paper. */
  copy: number;
  width: number;
  lines: DocLine[];
}

export interface Reprint {
  /** Who asked for the reprint (operator id or name). */
  by: string;
  reason: string;
  /** When (ISO-8601 with offset); the clock is the caller's. */
  at?: string;
}

export interface RenderOptions {
  /** Characters per line: profile.columns (32 on 58 mm, 48 on 80 mm). */
  width: number;
  documentNo: string;
  copy: number;
  /** Required when copy ≥ 2. */
  reprint?: Reprint;
}

/** An invoice or a bilgi fişi: the invoice names its operator by id only, so the printing side adds the name. */
export interface InvoiceRenderOptions extends RenderOptions {
  /**
   * The issuing operator's name, as the field-work documents print their crew: the device looks it
   * up in its operators (PrintService), the mail relay in its pdf.operatorsFile. Absent: the id alone.
   */
  operatorName?: string;
}

/** The distributor's identity printed on every document (from provisioning / config). */
export interface DistributorInfo {
  title: string;
  address: string;
  taxOffice: string;
  taxNo: string;
  /** MERSİS number (16 digits), printed under the tax number when set (e-Arşiv visual; docs/invoice.md). */
  mersisNo?: string;
  /** e.g. "444 0 000"; optional. */
  phone?: string;
  /** How to pay, one line each: "Online: www.ornekgaz.com.tr", "Anlaşmalı bankalar", … */
  paymentChannels?: string[];
}

/** Who printed it and on which device: on every document. */
export interface CrewInfo {
  operatorId: string;
  operatorName?: string;
  deviceId: string;
}

/** Identity of the place and customer, shared by field documents. */
export interface SiteInfo {
  installationNo: string;
  contractAccount?: string;
  customerName: string;
  address: string;
  meterSerial: string;
}

/** A document as bytes for a given printer profile (what the encoder produces, the ledger records). */
export interface EncodedDocument {
  /** The exact bytes to send; `sha256` is over these and nothing else. */
  bytes: Buffer;
  /** Lowercase hex SHA-256 of `bytes`: what document.printed carries. */
  sha256: string;
  /** What the customer reads, decoded from `bytes` with the profile's code pages. */
  text: string;
  /** Decoder remarks (overlong lines, unknown commands). Empty for our documents. */
  warnings: string[];
}
