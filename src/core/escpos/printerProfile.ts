/**
 * A printer profile (device/printers/*.json): everything that differs between printer makes and
 * units. Validated by hand so that every problem is reported at once, each naming its key.
 */
import type { TextEncoding } from './codePages.js';

export type FlowControl = 'none' | 'rtscts' | 'xonxoff';
export type Cutter = 'none' | 'partial' | 'full';

export interface PrinterProfile {
  id: string;
  description: string;
  /** Prefer /dev/serial/by-id/… : ttyUSB numbers change with plug order. */
  path: string;
  baudRate: number;
  flowControl: FlowControl;
  /** Characters per line in font A: 32 (58 mm), 42 (80 mm at 180 dpi), 48 (80 mm). */
  columns: 32 | 42 | 48;
  /**
   * 'pc857' / 'wpc1254' print Turkish letters with the ESC t table `codePageTable`;
   * 'ascii' is the visible fallback for printers without Turkish glyphs: ş → s, İ → I.
   */
  encoding: Exclude<TextEncoding, 'pc437'>;
  /** ESC t number of `encoding` on THIS printer: PC857 is 13 on Epson, 61 on many clones; WPC1254 48. */
  codePageTable: number | null;
  /** Answers DLE EOT real-time status queries (paper out, cover open). */
  statusQueries: boolean;
  /** Prints GS ( k QR codes; without it the QR data is printed as text. */
  qr: boolean;
  /** Handhelds usually have only a tear bar ('none'). */
  cutter: Cutter;
  /** Lines fed after a document so the tear bar clears the last line. */
  feedAfter: number;
  /** Bytes per write before waiting for drain. */
  chunkSize: number;
}

export type ProfileResult = { ok: true; profile: PrinterProfile } | { ok: false; errors: string[] };

const DEFAULTS = { flowControl: 'none', statusQueries: true, qr: true, cutter: 'none', feedAfter: 4, chunkSize: 256, description: '' } as const;
const BAUDS = [2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400];

export function parsePrinterProfile(input: unknown): ProfileResult {
  const errors: string[] = [];
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return { ok: false, errors: ['(root): must be an object'] };
  const o = input as Record<string, unknown>;
  const known = new Set(['$schema', 'id', 'description', 'path', 'baudRate', 'flowControl', 'columns', 'encoding', 'codePageTable', 'statusQueries', 'qr', 'cutter', 'feedAfter', 'chunkSize']);
  for (const k of Object.keys(o)) if (!known.has(k)) errors.push(`${k}: unknown key`);

  const str = (k: string, required: boolean): string => {
    const v = o[k];
    if (v === undefined) { if (required) errors.push(`${k}: required`); return ''; }
    if (typeof v !== 'string' || v.length === 0) { errors.push(`${k}: must be a non-empty string`); return ''; }
    return v;
  };
  const oneOf = <T>(k: string, allowed: readonly T[], def?: T): T => {
    const v = o[k] === undefined ? def : (o[k] as T);
    if (v === undefined) { errors.push(`${k}: required (one of ${allowed.join(', ')})`); return allowed[0] as T; }
    if (!allowed.includes(v)) errors.push(`${k}: must be one of ${allowed.join(', ')} (got ${JSON.stringify(o[k])})`);
    return v;
  };
  const bool = (k: string, def: boolean): boolean => {
    const v = o[k] ?? def;
    if (typeof v !== 'boolean') { errors.push(`${k}: must be true or false`); return def; }
    return v;
  };
  const int = (k: string, def: number, min: number, max: number): number => {
    const v = o[k] ?? def;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) { errors.push(`${k}: must be an integer ${min}–${max}`); return def; }
    return v;
  };

  const id = str('id', true);
  if (id && !/^[a-z0-9][a-z0-9-]{0,63}$/.test(id)) errors.push('id: lowercase letters, digits and dashes');
  const description = o.description === undefined ? DEFAULTS.description : str('description', false);
  const path = str('path', true);
  if (path && !path.startsWith('/')) errors.push('path: must be an absolute device path (prefer /dev/serial/by-id/…)');
  const baudRate = oneOf('baudRate', BAUDS);
  const flowControl = oneOf<FlowControl>('flowControl', ['none', 'rtscts', 'xonxoff'], DEFAULTS.flowControl);
  const columns = oneOf<32 | 42 | 48>('columns', [32, 42, 48]);
  const encoding = oneOf<PrinterProfile['encoding']>('encoding', ['pc857', 'wpc1254', 'ascii']);
  let codePageTable: number | null = null;
  if (o.codePageTable === undefined || o.codePageTable === null) {
    if (encoding !== 'ascii') errors.push(`codePageTable: required for encoding ${encoding} (PC857: 13 on Epson, 61 on many clones; WPC1254: 48)`);
  } else codePageTable = int('codePageTable', 0, 0, 255);
  const statusQueries = bool('statusQueries', DEFAULTS.statusQueries);
  const qr = bool('qr', DEFAULTS.qr);
  const cutter = oneOf<Cutter>('cutter', ['none', 'partial', 'full'], DEFAULTS.cutter);
  const feedAfter = int('feedAfter', DEFAULTS.feedAfter, 0, 20);
  const chunkSize = int('chunkSize', DEFAULTS.chunkSize, 16, 65536);

  if (errors.length) return { ok: false, errors };
  return { ok: true, profile: { id, description, path, baudRate, flowControl, columns, encoding, codePageTable, statusQueries, qr, cutter, feedAfter, chunkSize } };
}

/** Which text encoding an ESC t number selects on this printer; the decoder needs this map. */
export function codeTablesOf(p: Pick<PrinterProfile, 'encoding' | 'codePageTable'>): Record<number, TextEncoding> {
  const m: Record<number, TextEncoding> = { ...DEFAULT_CODE_TABLES };
  if (p.codePageTable !== null) m[p.codePageTable] = p.encoding === 'ascii' ? 'pc437' : p.encoding;
  return m;
}

/** Without a profile, assume Epson numbering plus the common clone number for PC857 (61). */
export const DEFAULT_CODE_TABLES: Record<number, TextEncoding> = { 0: 'pc437', 13: 'pc857', 48: 'wpc1254', 61: 'pc857' };
