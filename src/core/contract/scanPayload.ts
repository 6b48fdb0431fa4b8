/**
 * A bounded look at raw inbound bytes before JSON.parse: how deep `[` and `{` nest outside strings,
 * and the top-level `messageId` / `jobId` when they are plain strings. Pure, one pass, no recursion
 * and no allocation beyond the ids, so it cannot overflow the stack whatever the sender wrote.
 *
 * Why before the parser: JSON.parse copes with deep nesting, but everything after it recurses over
 * the value (schema validation, the canonical JSON a signature is checked over, the store's
 * serialisation). A 30 KB message nested 5,000 deep inside an unknown field of `job` overflowed the
 * stack there and was acknowledged with no answer (issue 15, item 5). Refusing it here lets the
 * device answer with a job.rejected that still names the message.
 */

/** Deepest nesting a device accepts. Contract v1 messages nest about 4 deep; 32 leaves room for additions. */
export const MAX_JSON_DEPTH = 32;
/** Ids longer than the contract allows (MessageId, JobId: 1–64 characters) are not read. */
const MAX_ID_CHARS = 64;

export interface PayloadScan {
  /** Deepest nesting seen, counting no further than `maxDepth + 1` (the scan stops there). */
  depth: number;
  /** True when the nesting went beyond `maxDepth`. */
  tooDeep: boolean;
  /** Top-level `"messageId": "…"` when it is a plain string of 1–64 characters (no escapes). */
  messageId?: string;
  /** Top-level `"jobId": "…"` likewise (job.cancel). */
  jobId?: string;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const isSpace = (b: number) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Scans at most `limitBytes` bytes of `payload` (all of it by default). Never throws; on bytes that
 * are not JSON it reports what it saw so far, and the parser names the real problem.
 */
export function scanPayload(payload: Uint8Array, opts: { maxDepth: number; limitBytes?: number }): PayloadScan {
  const end = Math.min(payload.byteLength, opts.limitBytes ?? payload.byteLength);
  const out: PayloadScan = { depth: 0, tooDeep: false };
  let depth = 0;
  for (let i = 0; i < end; i++) {
    const b = payload[i]!;
    if (b === QUOTE) {
      const close = stringEnd(payload, i, end);
      if (close < 0) break;
      // A key of the top-level object: a string at depth 1 followed by a colon.
      if (depth === 1 && (out.messageId === undefined || out.jobId === undefined)) {
        const key = close - i - 1 === 9 || close - i - 1 === 5 ? latin(payload, i + 1, close) : '';
        if (key === 'messageId' || key === 'jobId') {
          const value = plainStringValue(payload, close + 1, end);
          if (value !== undefined) out[key] ??= value;
        }
      }
      i = close;
    } else if (b === 0x7b || b === 0x5b) {
      depth++;
      if (depth > out.depth) out.depth = depth;
      if (depth > opts.maxDepth) {
        out.tooDeep = true;
        return out;
      }
    } else if (b === 0x7d || b === 0x5d) {
      depth--;
    }
  }
  return out;
}

/** Index of the quote closing the string opened at `start`, or -1 when it is not closed before `end`. */
function stringEnd(p: Uint8Array, start: number, end: number): number {
  for (let i = start + 1; i < end; i++) {
    const b = p[i]!;
    if (b === BACKSLASH) i++;
    else if (b === QUOTE) return i;
  }
  return -1;
}

function latin(p: Uint8Array, from: number, to: number): string {
  let s = '';
  for (let i = from; i < to; i++) s += String.fromCharCode(p[i]!);
  return s;
}

/** After a key: `: "value"` with no escapes in the value, 1–64 characters; otherwise undefined. */
function plainStringValue(p: Uint8Array, from: number, end: number): string | undefined {
  let i = from;
  while (i < end && isSpace(p[i]!)) i++;
  if (p[i] !== COLON) return undefined;
  i++;
  while (i < end && isSpace(p[i]!)) i++;
  if (p[i] !== QUOTE) return undefined;
  const start = i + 1;
  // 64 characters are at most 256 UTF-8 bytes: never look further than that.
  const stop = Math.min(end, start + MAX_ID_CHARS * 4 + 1);
  for (let k = start; k < stop; k++) {
    const b = p[k]!;
    if (b === BACKSLASH || b < 0x20) return undefined;
    if (b === QUOTE) {
      if (k === start) return undefined;
      try {
        const s = utf8.decode(p.subarray(start, k));
        return s.length <= MAX_ID_CHARS ? s : undefined;
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}
