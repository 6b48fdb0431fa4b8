/**
 * The journal's line format, and the one rule that tells a crash from damage.
 *
 * Each line is `{"s":<checksum>,"b":<record>}\n` (the record through the store's codec, so sealed when
 * the store is encrypted), written with one write call and acknowledged only after fsync. Since the
 * store manifest exists the first line is a header `{"s":…,"h":{"id":…,"base":N}}`: which store the
 * journal belongs to and the last transaction covered by snapshots when it was started, so that a
 * deleted, emptied or foreign journal is noticed instead of read as "nothing happened since".
 *
 * Torn vs corrupt: a crash or power cut can only cut the last write short, and a cut-short line has
 * no newline (the newline is the last byte written). So a final line WITHOUT its newline is a torn
 * tail: never acknowledged, dropped and kept aside. Every line that ends in a newline was written
 * whole; if it fails its checksum, the bytes changed after they were written: that is corruption,
 * and start-up stops naming the file and line. Journals written before the header existed are read
 * the same way, without a header.
 */
import { createHash } from 'node:crypto';
import { AppError, ErrorCode } from '../../core/errors/AppError.js';
import type { TextCodec } from './DurableJsonFile.js';
import type { JournalRecord } from './StoreBackend.js';

export const checksum = (body: string) => createHash('sha256').update(body).digest('hex').slice(0, 16);

export interface JournalHeader {
  /** The store's id (from its manifest): a journal from another store is refused. */
  id: string;
  /** Last transaction covered by snapshots when this journal was started; records continue at base+1. */
  base: number;
}

export interface ParsedJournal {
  header?: JournalHeader;
  /** Records with the 1-based line number each came from. */
  records: { rec: JournalRecord; line: number }[];
  /** Byte offset where a torn last line (no newline) starts, when there is one. */
  tornAt?: number;
}

export function encodeRecordLine(rec: JournalRecord, codec: TextCodec): Buffer {
  const b = codec.encode(JSON.stringify(rec));
  return Buffer.from(JSON.stringify({ s: checksum(b), b }) + '\n', 'utf8');
}

export function encodeHeaderLine(h: JournalHeader): Buffer {
  const hs = JSON.stringify({ id: h.id, base: h.base });
  return Buffer.from(JSON.stringify({ s: checksum(hs), h: hs }) + '\n', 'utf8');
}

/** Decodes stored text, telling "encrypted and no key" apart from damage. */
export function decodeStored(stored: string, codec: TextCodec, file: string): string {
  try {
    const plain = codec.decode(stored);
    if (plain.startsWith('enc1:')) {
      throw new AppError(
        `${file} is encrypted at rest: set security.storeKeyFile to the key it was written with`,
        ErrorCode.Store_NeedsKey,
        { context: { file, key: 'security.storeKeyFile' } },
      );
    }
    return plain;
  } catch (e) {
    if (e instanceof AppError) throw e;
    // A wrong key and altered bytes look the same to AES-GCM: both are treated as damage.
    throw new AppError(`${file} cannot be decrypted: wrong security.storeKeyFile, or the data was altered`, ErrorCode.Store_Corrupt, {
      cause: e,
      context: { file, key: 'security.storeKeyFile' },
    });
  }
}

const corrupt = (file: string, line: number, why: string) =>
  new AppError(`store journal ${file} is corrupt at line ${line} (${why}); it was left in place for inspection`, ErrorCode.Store_Corrupt, {
    context: { file, line, damage: 'journal-line' },
  });

export function parseJournal(buf: Buffer, file: string, codec: TextCodec): ParsedJournal {
  const out: ParsedJournal = { records: [] };
  let pos = 0;
  let line = 0;
  while (pos < buf.length) {
    const nl = buf.indexOf(0x0a, pos);
    line++;
    if (nl === -1) {
      // A cut-short write leaves a prefix of a line. A whole record followed by anything but its
      // newline is not a prefix: its newline was overwritten, so it was written whole: damage.
      const tail = buf.subarray(pos).toString('utf8');
      const close = tail.lastIndexOf('}');
      if (close !== -1 && close < tail.length - 1 && wholeLine(tail.slice(0, close + 1)))
        throw corrupt(file, line, 'a whole record whose newline was replaced');
      out.tornAt = pos;
      break;
    }
    const text = buf.subarray(pos, nl).toString('utf8');
    let outer: { s?: unknown; b?: unknown; h?: unknown };
    try {
      outer = JSON.parse(text) as typeof outer;
    } catch {
      throw corrupt(file, line, 'not a JSON line');
    }
    if (typeof outer.h === 'string') {
      if (line !== 1) throw corrupt(file, line, 'a header after the first line');
      if (checksum(outer.h) !== outer.s) throw corrupt(file, line, 'header checksum mismatch');
      const h = JSON.parse(outer.h) as JournalHeader;
      if (typeof h.id !== 'string' || !Number.isInteger(h.base)) throw corrupt(file, line, 'header without id or base');
      out.header = h;
    } else {
      if (typeof outer.b !== 'string' || checksum(outer.b) !== outer.s) throw corrupt(file, line, 'checksum mismatch');
      let rec: JournalRecord;
      try {
        rec = JSON.parse(decodeStored(outer.b, codec, file)) as JournalRecord;
      } catch (e) {
        if (e instanceof AppError) throw e;
        throw corrupt(file, line, 'record is not JSON');
      }
      if (!Number.isInteger(rec.tx) || !Array.isArray(rec.ops)) throw corrupt(file, line, 'record without tx or ops');
      out.records.push({ rec, line });
    }
    pos = nl + 1;
  }
  return out;
}

function wholeLine(text: string): boolean {
  try {
    const o = JSON.parse(text) as { s?: unknown; b?: unknown; h?: unknown };
    const body = typeof o.b === 'string' ? o.b : o.h;
    return typeof body === 'string' && checksum(body) === o.s;
  } catch {
    return false;
  }
}
