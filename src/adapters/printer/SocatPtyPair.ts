/**
 * A pty pair made by socat, standing in for a serial cable: the app opens `hostPath`, a virtual
 * printer opens `devicePath` (docs/implementation-notes.md §3 recipe). stop() is an unplug (both ends get a
 * disconnect); start() again with the same paths is the replug.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';

export class SocatPtyPair {
  private proc: ChildProcess | null = null;

  constructor(
    readonly hostPath: string,
    readonly devicePath: string,
    private readonly socatPath = '/usr/bin/socat',
  ) {}

  static available(socatPath = '/usr/bin/socat'): boolean {
    try {
      accessSync(socatPath, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  }

  get running(): boolean {
    return this.proc !== null;
  }

  /** Resolves once socat has both ptys and the links in place. */
  start(timeoutMs = 5000): Promise<void> {
    if (this.proc) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const proc = spawn(this.socatPath, ['-d', '-d', `pty,raw,echo=0,link=${this.hostPath}`, `pty,raw,echo=0,link=${this.devicePath}`], {
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      this.proc = proc;
      let err = '';
      const t = setTimeout(() => {
        proc.kill('SIGKILL');
        reject(new Error(`socat did not start: ${err.trim()}`));
      }, timeoutMs);
      proc.stderr?.on('data', (d: Buffer) => {
        err += d.toString();
        if (err.includes('starting data transfer loop')) {
          clearTimeout(t);
          resolve();
        }
      });
      proc.on('error', (e) => {
        clearTimeout(t);
        this.proc = null;
        reject(e);
      });
      proc.on('exit', () => {
        clearTimeout(t);
        if (this.proc === proc) this.proc = null;
      });
    });
  }

  /** Ends socat (it removes its links) and waits for it to exit. */
  stop(): Promise<void> {
    const proc = this.proc;
    if (!proc) return Promise.resolve();
    return new Promise((resolve) => {
      proc.once('exit', () => resolve());
      proc.kill('SIGTERM');
    });
  }
}
