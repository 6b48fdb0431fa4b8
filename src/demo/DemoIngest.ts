/**
 * Demo mode's back-office event store: `saha ingest` on PGlite in `<dataDir>/backoffice`, run as a
 * child process against the demo's broker, so `npm start` shows end-to-end acknowledgements on the
 * status bar and `saha report --data-dir <dataDir>/backoffice` answers from the running demo.
 * A child, not in-process: PGlite is PostgreSQL in WASM (hundreds of MB while it initialises) and the
 * device's own memory figures must count the device alone. The child stops when its standard input
 * closes, so a demo killed with SIGKILL leaves no orphan holding the data directory.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { Log } from '../ports/Logger.js';

export interface DemoIngestOptions {
  root: string;
  dataDir: string;
  brokerUrl: string;
  log: Log;
}

export function demoIngestDir(dataDir: string): string {
  return join(dataDir, 'backoffice');
}

export class DemoIngest {
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private stopping = false;

  constructor(private readonly o: DemoIngestOptions) {}

  /**
   * Starts the child and resolves once it is storing (subscribed), or has exited, or after
   * `readyTimeoutMs`: the in-process broker keeps no session for a subscriber it has never seen, so
   * events the device sends before then would never reach the store.
   */
  async start(readyTimeoutMs = 90_000): Promise<void> {
    // A demo restarted at once after being killed finds its previous ingest still closing the
    // database (it holds the directory's lock for a few seconds): wait and try again.
    for (let attempt = 1; ; attempt++) {
      const r = await this.spawnOnce(readyTimeoutMs);
      if (r !== 'locked' || attempt >= 5 || this.stopping) return;
      await new Promise((res) => setTimeout(res, 3000));
    }
  }

  private spawnOnce(readyTimeoutMs: number): Promise<'ready' | 'locked' | 'exited' | 'timeout'> {
    const args = [
      join(this.o.root, 'scripts', 'saha.mjs'),
      'ingest',
      '--data-dir',
      demoIngestDir(this.o.dataDir),
      // aedes: MQTT 3.1.1 only and no $share; one instance.
      '--no-share',
      '--mqtt-v4',
      '--url',
      this.o.brokerUrl,
      '--client-id',
      'saha-ingest-demo',
      '--stop-on-stdin-close',
    ];
    // detached: its own session, so the hangup of the demo's terminal does not reach it; it stops
    // when our end of its stdin closes (also when we are killed), after closing its database.
    const child = spawn(process.execPath, args, { stdio: ['pipe', 'ignore', 'pipe'], env: { ...process.env }, detached: true });
    this.child = child;
    this.exited = new Promise((res) =>
      child.once('close', (code, signal) => {
        if (!this.stopping) this.o.log('warn', `demo back-office store (saha ingest) stopped: ${signal ?? `exit ${code}`}`);
        res();
      }),
    );
    child.on('error', (e) => this.o.log('warn', `demo back-office store could not start: ${e.message}`));
    let buf = '';
    let locked = false;
    let ready: () => void = () => undefined;
    const isReady = new Promise<void>((res) => {
      ready = res;
    });
    child.stderr!.setEncoding('utf8').on('data', (c: string) => {
      buf += c;
      for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n')) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (line.includes(' storing in ')) ready();
        if (line.includes('is in use by process')) locked = true;
        if (line.trim()) this.o.log(/ (warn|error) /.test(line) ? 'warn' : 'info', `ingest: ${line.slice(0, 500)}`);
      }
    });
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<void>((res) => {
      timer = setTimeout(() => {
        this.o.log('warn', 'demo back-office store not ready in time: the device starts without it');
        res();
      }, readyTimeoutMs);
    });
    return Promise.race([
      isReady.then(() => 'ready' as const),
      this.exited.then(() => (locked ? ('locked' as const) : ('exited' as const))),
      timedOut.then(() => 'timeout' as const),
    ]).then((r) => {
      clearTimeout(timer);
      if (r === 'ready') this.o.log('info', `demo back-office store running (saha ingest, PGlite in ${demoIngestDir(this.o.dataDir)})`);
      return r;
    });
  }

  /** Closes the child's standard input (it finishes its batch and exits); SIGKILL after `graceMs`. */
  async stop(graceMs = 15_000): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    this.stopping = true;
    child.stdin?.end();
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}
