/**
 * Finds the first object key that occurs twice in the same object of raw JSON bytes, before
 * JSON.parse. JSON.parse keeps the last of duplicate keys while other parsers keep the first, so a
 * signed message with `"jobId":"A", ..., "jobId":"B"` could be verified as one order by the back
 * office's tooling and carried out as another on the device (issue 15, item 4). Duplicates are
 * refused in every inbound message, signed or not: RFC 8259 §4 says names SHOULD be unique, and a
 * message that needs them is a fault at the sender either way.
 *
 * One pass, no recursion: a stack of the open containers, bounded by the depth scanPayload already
 * checked; each object's key set holds no more than the payload's bytes. Never throws; on bytes
 * that are not JSON it returns what it saw so far and leaves the parser to name the real problem.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

export interface DuplicateKey {
  /** JSON pointer of the object holding the key twice, "" for the top level. */
  objectPath: string;
  key: string;
  /** JSON pointer of the repeated key itself. */
  path: string;
}

type Frame =
  | { kind: 'object'; keys: Set<string>; expectKey: boolean; path: string; lastKey?: string }
  | { kind: 'array'; path: string; index: number };

const utf8 = new TextDecoder('utf-8', { fatal: false });

export function firstDuplicateKey(payload: Uint8Array): DuplicateKey | undefined {
  const stack: Frame[] = [];
  // Path of the next value opened in the current container (for the answer's JSON pointer).
  const childPath = (): string => {
    const top = stack[stack.length - 1];
    if (!top) return '';
    return top.kind === 'object' ? `${top.path}/${escapePointer(top.lastKey ?? '')}` : `${top.path}/${top.index}`;
  };
  for (let i = 0; i < payload.byteLength; i++) {
    const b = payload[i]!;
    if (b === QUOTE) {
      const close = stringEnd(payload, i);
      if (close < 0) return undefined;
      const top = stack[stack.length - 1];
      if (top?.kind === 'object' && top.expectKey) {
        let key: string;
        try {
          // The raw slice is a JSON string literal: parse it so "a" and "\u0061" are the same key.
          key = JSON.parse(utf8.decode(payload.subarray(i, close + 1))) as string;
        } catch {
          return undefined;
        }
        if (top.keys.has(key)) return { objectPath: top.path, key, path: `${top.path}/${escapePointer(key)}` };
        top.keys.add(key);
        top.lastKey = key;
        top.expectKey = false;
      }
      i = close;
    } else if (b === 0x7b) {
      stack.push({ kind: 'object', keys: new Set(), expectKey: true, path: childPath() });
    } else if (b === 0x5b) {
      stack.push({ kind: 'array', path: childPath(), index: 0 });
    } else if (b === 0x7d || b === 0x5d) {
      stack.pop();
    } else if (b === 0x2c) {
      const top = stack[stack.length - 1];
      if (top?.kind === 'object') top.expectKey = true;
      else if (top?.kind === 'array') top.index++;
    }
  }
  return undefined;
}

/** Index of the closing quote of the string opening at `start`, or -1 when it never closes. */
function stringEnd(p: Uint8Array, start: number): number {
  for (let j = start + 1; j < p.byteLength; j++) {
    const c = p[j]!;
    if (c === BACKSLASH) j++;
    else if (c === QUOTE) return j;
  }
  return -1;
}

/** RFC 6901: "~" → "~0", "/" → "~1". */
function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}
