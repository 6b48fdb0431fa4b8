/**
 * A partition's snapshot bytes. With the plain codec they are built entry by entry: the same JSON
 * object text as `JSON.stringify(entries)` (keys in insertion order), but without first making the
 * whole file one string. A day's jobs file holds the whole route (10,000 jobs: about 6 MB of JSON,
 * 12 MB as a JS string once a Turkish letter makes it two-byte); that string lives in V8's
 * large-object space until the next full collection, so each checkpoint while a route arrives
 * left one more behind (issue 19, memory: the peak while a 10,000-job route arrives). The pieces
 * here are small and die young. An encrypted store seals the whole text at once (AesGcmCodec), so
 * it keeps the one-string path.
 */
import { plainCodec, type TextCodec } from './DurableJsonFile.js';

/** Pieces are joined into buffers of about this size before the final concatenation. */
const CHUNK = 64 * 1024;

export function partitionBytes(entries: Record<string, unknown>, codec: TextCodec): Buffer {
  if (codec !== plainCodec) return Buffer.from(codec.encode(JSON.stringify(entries)), 'utf8');
  const chunks: Buffer[] = [];
  let parts: string[] = [];
  let size = 0;
  let first = true;
  parts.push('{');
  for (const k of Object.keys(entries)) {
    const v = JSON.stringify(entries[k]);
    // JSON.stringify leaves out a key whose value is undefined (or a function): so does this.
    if (v === undefined) continue;
    const piece = `${first ? '' : ','}${JSON.stringify(k)}:${v}`;
    first = false;
    parts.push(piece);
    size += piece.length;
    if (size >= CHUNK) {
      chunks.push(Buffer.from(parts.join(''), 'utf8'));
      parts = [];
      size = 0;
    }
  }
  parts.push('}');
  chunks.push(Buffer.from(parts.join(''), 'utf8'));
  return Buffer.concat(chunks);
}
