/**
 * The printer end of the wire, in software: takes the bytes a host sends, answers DLE EOT status
 * queries like a real ESC/POS printer (one byte, immediately, even when offline), keeps what would
 * be printed, and decodes it back to the slip text. Used by FakePrinter (in-process) and by
 * PtyVirtualPrinter (on the far end of a socat pty pair), so both tell the same story.
 */
import { EventEmitter } from 'node:events';
import { decodeEscPos, type DecodedSlip } from '../../core/escpos/decodeEscPos.js';
import type { TextEncoding } from '../../core/escpos/codePages.js';
import { statusReplyFor } from '../../core/escpos/printerStatus.js';

export interface VirtualPrinterState {
  paperOut: boolean;
  coverOpen: boolean;
  paperNearEnd: boolean;
  /** Answers nothing (power off, wrong baud, broken cable): the host must report 'offline'. */
  silent: boolean;
}

export class VirtualPrinterDevice extends EventEmitter {
  readonly state: VirtualPrinterState = { paperOut: false, coverOpen: false, paperNearEnd: false, silent: false };
  /** Everything received except status queries: what the print head would get. */
  private chunks: Buffer[] = [];
  private size = 0;
  private pending: number[] = []; // a DLE / DLE EOT split across chunks
  private holdAt: number | null = null;
  readonly queries: number[] = [];

  /** Bytes received so far (status queries excluded). */
  get received(): Buffer {
    if (this.chunks.length > 1) this.chunks = [Buffer.concat(this.chunks)];
    return this.chunks[0] ?? Buffer.alloc(0);
  }

  get receivedLength(): number {
    return this.size;
  }

  set(patch: Partial<VirtualPrinterState>): void {
    Object.assign(this.state, patch);
    this.emit('state', { ...this.state });
  }

  /** Stop taking bytes once `n` job bytes have arrived (a slow print head / flow control). */
  holdAfter(n: number): void {
    this.holdAt = n;
  }

  release(): void {
    this.holdAt = null;
    this.emit('accepting');
  }

  /** False while held: the transport must stop reading (pty) or stop delivering (fake). */
  get accepting(): boolean {
    return this.holdAt === null || this.size < this.holdAt;
  }

  clear(): void {
    this.chunks = [];
    this.size = 0;
  }

  /** Feed bytes from the host; returns the reply bytes to send back (status answers). */
  write(data: Uint8Array): Buffer {
    const replies: number[] = [];
    const out: number[] = [];
    const bytes = this.pending.length ? [...this.pending, ...data] : data;
    this.pending = [];
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i] as number;
      if (b === 0x10) {
        if (i + 1 >= bytes.length) {
          this.pending = [b];
          break;
        }
        if (bytes[i + 1] === 0x04) {
          if (i + 2 >= bytes.length) {
            this.pending = [b, 0x04];
            break;
          }
          const n = bytes[i + 2] as number;
          this.queries.push(n);
          if (!this.state.silent) replies.push(statusReplyFor(n, this.state));
          i += 2;
          continue;
        }
      }
      out.push(b);
    }
    if (out.length) {
      const buf = Buffer.from(out);
      this.chunks.push(buf);
      this.size += buf.length;
      this.emit('data', buf);
    }
    return Buffer.from(replies);
  }

  decode(opts: { width: number; codeTables?: Record<number, TextEncoding> }): DecodedSlip {
    return decodeEscPos(this.received, opts);
  }
}
