/**
 * A serial scanner on a socat pty pair for the SerialScanner tests: the adapter opens `hostPath`
 * (as it would /dev/ttyACM0), the test writes the scanner's bytes into `devicePath`. `unplug()`
 * kills socat (both links vanish, the adapter's port gets a disconnect), `plug()` makes a new pair
 * at the same paths. Same socat recipe as the printer tests (src/adapters/printer/SocatPtyPair.ts).
 */
import { constants, mkdtempSync, rmSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as uvuTest } from 'uvu';
import { SocatPtyPair } from '../../src/adapters/printer/SocatPtyPair.js';

/**
 * Registers the pty tests when socat is installed. Otherwise: on CI (CI=true) a failing test,
 * locally a skip with a message, as the printer's pty contract does.
 */
export function whenSocat(what: string, register: () => void): void {
  if (SocatPtyPair.available()) return register();
  if (process.env.CI === 'true') {
    uvuTest(`${what}: socat is installed (required on CI)`, () => {
      throw new Error('socat missing: apt-get install -y socat');
    });
  } else {
    console.log(`${what}: skipped, socat not installed (set CI=true to make this fail)`);
    uvuTest(`${what}: skipped locally, socat not installed`, () => {});
  }
  uvuTest.run();
}

const live = new Set<ScannerPty>();
// A failing test must not leave socat running after the process.
process.on('exit', () => {
  for (const p of live) p.kill();
});

export class ScannerPty {
  readonly dir = mkdtempSync(join(tmpdir(), 'saha-scanner-pty-'));
  readonly hostPath = join(this.dir, 'ttyACM0');
  readonly devicePath = join(this.dir, 'scanner');
  private pair = new SocatPtyPair(this.hostPath, this.devicePath);
  private fd: FileHandle | undefined;

  /** Socat up and the scanner's end open for writing. */
  async plug(): Promise<this> {
    live.add(this);
    this.pair = new SocatPtyPair(this.hostPath, this.devicePath);
    await this.pair.start();
    this.fd = await open(this.devicePath, constants.O_WRONLY | constants.O_NOCTTY);
    return this;
  }

  /**
   * What the scanner sends, as given (a string is UTF-8). Asynchronous: a write larger than the pty
   * and socat buffers waits for the adapter to read, which it can only do while the loop runs.
   */
  async write(bytes: string | Uint8Array): Promise<void> {
    if (this.fd === undefined) throw new Error('scanner pty is unplugged');
    const b = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
    for (let off = 0; off < b.length;) off += (await this.fd.write(b, off)).bytesWritten;
  }

  async unplug(): Promise<void> {
    const fd = this.fd;
    this.fd = undefined;
    await fd?.close();
    await this.pair.stop();
  }

  async dispose(): Promise<void> {
    await this.unplug();
    live.delete(this);
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** Last resort at exit. */
  kill(): void {
    void this.unplug().catch(() => undefined);
  }
}
