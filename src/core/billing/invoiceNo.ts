/**
 * e-Arşiv style invoice numbers: 3-character series assigned to the device at provisioning,
 * 4-digit year, 9-digit sequence (16 characters, e.g. HTA2026000001207). The sequence restarts each
 * calendar year, as e-Arşiv numbering does, and never repeats within a series and year.
 */
import { AppError, ErrorCode } from '../errors/AppError.js';

export const SERIES_PATTERN = /^[A-Z0-9]{3}$/;

export function formatInvoiceNo(series: string, year: number, seq: number): string {
  if (!SERIES_PATTERN.test(series)) throw new AppError(`invoice series "${series}" must be 3 characters A–Z/0–9`, ErrorCode.Config_Invalid);
  if (!Number.isInteger(seq) || seq < 1 || seq > 999_999_999)
    throw new AppError(`invoice sequence ${seq} out of range`, ErrorCode.Input_Invalid);
  return `${series}${String(year).padStart(4, '0')}${String(seq).padStart(9, '0')}`;
}

export function invoiceCounterName(series: string, year: number): string {
  return `invoice:${series}:${year}`;
}

export function parseInvoiceNo(no: string): { series: string; year: number; seq: number } | null {
  const m = /^([A-Z0-9]{3})(\d{4})(\d{9})$/.exec(no);
  return m ? { series: m[1]!, year: Number(m[2]), seq: Number(m[3]) } : null;
}
