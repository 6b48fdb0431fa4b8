/**
 * A virtual ESC/POS printer on the far end of a serial line (usually a socat pty pair, see
 * SocatPtyPair): it answers DLE EOT status queries like a real printer (paper-out, cover-open,
 * silent are staged through `device.set`) and keeps what it received for decoding. For demo mode
 * and for running the Printer contract suite against the real SerialPrinter.
 */
import { EventEmitter } from 'node:events';
import { VirtualPrinterDevice } from './VirtualPrinterDevice.js';

type Cb = (err?: Error | null) => void;

export interface VirtualPortLike {
  readonly isOpen: boolean;
  open(cb: Cb): void;
  close(cb?: Cb): void;
  write(data: Buffer, cb?: Cb): boolean;
  flush(cb?: Cb): void;
  pause(): unknown;
  resume(): unknown;
  on(event: 'data', l: (b: Buffer) => void): unknown;
  on(event: 'close', l: (err?: Error) => void): unknown;
  on(event: 'error', l: (err: Error) => void): unknown;
  removeAllListeners(): unknown;
}

export type VirtualPortConstructor = new (opts: {
  path: string;
  baudRate: number;
  autoOpen: false;
  lock: boolean;
  highWaterMark: number;
}) => VirtualPortLike;

export class PtyVirtualPrinter extends EventEmitter {
  readonly device: VirtualPrinterDevice;
  private port: VirtualPortLike | null = null;

  constructor(
    readonly path: string,
    private readonly deps: { Port?: VirtualPortConstructor; device?: VirtualPrinterDevice } = {},
  ) {
    super();
    this.device = deps.device ?? new VirtualPrinterDevice();
    this.device.on('accepting', () => this.port?.resume());
  }

  get isOpen(): boolean {
    return this.port !== null;
  }

  /**
   * Opens (or reopens) the device end. A port paused by holdAfter() reads nothing and so may not
   * notice that socat went away; reopening closes such a stale port first.
   */
  async open(): Promise<void> {
    if (this.port) await this.close();
    const Port = this.deps.Port ?? ((await import('serialport')).SerialPort as unknown as VirtualPortConstructor);
    // A small highWaterMark so that "holding" (pause) backs up into the host's writes quickly,
    // as a slow print head does.
    const port = new Port({ path: this.path, baudRate: 115200, autoOpen: false, lock: false, highWaterMark: 1024 });
    await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
    // Queries the host sent before we were listening would be answered late and confuse it.
    await new Promise<void>((r) => port.flush(() => r()));
    port.on('data', (buf) => {
      const reply = this.device.write(buf);
      if (reply.length) port.write(reply);
      if (!this.device.accepting) port.pause();
    });
    port.on('error', () => {});
    port.on('close', () => {
      if (this.port !== port) return;
      this.port = null;
      detach(port);
      this.emit('disconnected');
    });
    this.port = port;
  }

  async close(): Promise<void> {
    const p = this.port;
    this.port = null;
    if (p) await new Promise<void>((r) => (p.isOpen ? p.close(() => r()) : r()));
    if (p) detach(p);
  }
}

/** Drop our listeners but keep swallowing 'error': a late error event must not crash the app. */
function detach(port: { removeAllListeners(): unknown; on(event: 'error', l: (err: Error) => void): unknown }): void {
  port.removeAllListeners();
  port.on('error', () => {});
}
