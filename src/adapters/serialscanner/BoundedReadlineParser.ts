import type { TransformCallback } from 'node:stream';
import { ReadlineParser } from '@serialport/parser-readline';

/** A complete line (without its delimiter), or news that a line grew past the cap and is being dropped. */
export type LinePiece = { line: Buffer } | { overflow: number };

/**
 * serialport's ReadlineParser with two changes a scanner needs (device/input/README.md, "Serial scanners"):
 * - The bytes kept while waiting for a delimiter are capped. ReadlineParser (a DelimiterParser)
 *   keeps everything since the last delimiter in `this.buffer` and concatenates every chunk onto it,
 *   so a device sending bytes without a delimiter (wrong suffix set, line noise) grows memory for
 *   ever. Past `maxBytes` the kept bytes are thrown away, and so is the rest up to the next
 *   delimiter; the sink hears of it once per over-long line.
 * - Lines go to `sink` synchronously, in order, instead of through the stream's readable buffer,
 *   so an overflow notice can never overtake a good line that came before it. Nothing is read from
 *   the readable side.
 */
export class BoundedReadlineParser extends ReadlineParser {
  private dropping = false;

  constructor(
    delimiter: string,
    private readonly maxBytes: number,
    private readonly sink: (piece: LinePiece) => void,
  ) {
    super({ delimiter });
  }

  override _transform(chunk: Buffer, encoding: BufferEncoding, cb: TransformCallback): void {
    super._transform(chunk, encoding, (err?: Error | null) => {
      if (this.buffer.length > this.maxBytes) {
        const bytes = this.buffer.length;
        this.buffer = Buffer.alloc(0);
        if (!this.dropping) {
          this.dropping = true;
          this.sink({ overflow: bytes });
        }
      }
      cb(err);
    });
  }

  /** A line cut short by close/end is never a barcode: dropped, not pushed as ReadlineParser would. */
  override _flush(cb: TransformCallback): void {
    this.buffer = Buffer.alloc(0);
    cb();
  }

  override push(chunk: unknown, encoding?: BufferEncoding): boolean {
    if (chunk === null) return super.push(null, encoding);
    // The tail of a line already reported as over-long: its delimiter ends the dropping.
    if (this.dropping) this.dropping = false;
    else this.sink({ line: chunk as Buffer });
    return true;
  }
}
