/**
 * Demo mode's back office in a child process (`saha demo-office`, src/cli/demoOfficeCommand.ts), as
 * DemoIngest runs `saha ingest`: building and publishing a 10,000-job route stays out of the
 * device's own process (docs/deployment.md "Memory on the handheld"), as a device's back office is
 * elsewhere. The app passes the URL of its in-process broker (src/demo/demoBroker.ts); without a
 * URL the child runs a broker of its own on `brokerPort` (used by `saha demo-office` alone).
 *
 * Lifecycle: start() resolves with the broker's URL once the child listens (rejects, with the
 * child's last words, if it exits first or does not answer in time). The child dies with us: it
 * stops when the IPC channel closes, which happens however we end (SIGKILL and crashes included),
 * and an 'exit' hook here signals it as well. Once started, the child ending on its own is logged
 * as an error: no route is dispatched until the demo is started again.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { AppError, ErrorCode } from '../core/errors/AppError.js';
import type { Log } from '../ports/Logger.js';
import type { FromOffice, ToOffice } from './demoOfficeProtocol.js';

export interface DemoOfficeOptions {
  root: string;
  log: Log;
  deviceId: string;
  routeSize: number;
  /** The demo broker's port, or `url`: an external broker (SAHA_MQTT_URL), the back office only. */
  brokerPort?: number;
  url?: string;
}

export class DemoOffice {
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private stopping = false;
  private readonly lastLines: string[] = [];
  private onDispatch: ((m: FromOffice) => void) | undefined;
  private readonly killOnExit = () => this.child?.kill('SIGTERM');

  constructor(private readonly o: DemoOfficeOptions) {}

  /** The child's pid while it runs. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(readyTimeoutMs = 60_000): Promise<string> {
    const args = [
      'demo-office',
      '--device-id',
      this.o.deviceId,
      '--route-size',
      String(this.o.routeSize),
      ...(this.o.url ? ['--url', this.o.url] : ['--broker-port', String(this.o.brokerPort ?? 0)]),
    ];
    // detached: its own session, so a Ctrl-C or hangup of the demo's terminal does not reach it and we
    // stop it in order (after the device's link); execArgv empty: not our V8 flags or loaders.
    const child = fork(join(this.o.root, 'scripts', 'saha.mjs'), args, {
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      detached: true,
      execArgv: [],
      env: { ...process.env },
    });
    this.child = child;
    process.on('exit', this.killOnExit);
    this.exited = new Promise((res) =>
      child.once('exit', (code, signal) => {
        process.off('exit', this.killOnExit);
        if (!this.stopping)
          this.o.log(
            'error',
            this.o.url
              ? `demo back office (saha demo-office pid ${child.pid}) stopped: ${signal ?? `exit ${code}`}; no route is dispatched until the demo is started again`
              : `demo office (broker and back office, saha demo-office pid ${child.pid}) stopped: ${signal ?? `exit ${code}`}; the device has no broker until the demo is started again`,
          );
        this.onDispatch?.({ type: 'dispatch-failed', message: 'the demo office stopped' });
        res();
      }),
    );
    child.on('error', (e) => this.o.log('error', `demo office: ${e.message}`));
    let buf = '';
    child.stderr!.setEncoding('utf8').on('data', (c: string) => {
      buf += c;
      for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n')) {
        const line = buf.slice(0, nl).trim();
        buf = buf.slice(nl + 1);
        if (!line) continue;
        this.lastLines.push(line.slice(0, 500));
        if (this.lastLines.length > 5) this.lastLines.shift();
        const level = / error /.test(line) ? 'error' : / warn /.test(line) ? 'warn' : 'info';
        this.o.log(level, `demo office: ${line.replace(/^\S+ (info|warn|error) /, '').slice(0, 500)}`);
      }
    });
    child.on('message', (m: FromOffice) => {
      if (m.type === 'dispatched' || m.type === 'dispatch-failed') this.onDispatch?.(m);
    });
    let timer: NodeJS.Timeout | undefined;
    try {
      return await new Promise<string>((resolve, reject) => {
        child.on('message', (m: FromOffice) => {
          if (m.type === 'ready') resolve(m.url);
        });
        void this.exited.then(() =>
          reject(
            new AppError(
              `the demo office (broker and back office) did not start: ${this.lastLines.join(' | ') || 'no output'}`,
              ErrorCode.Config_Invalid,
            ),
          ),
        );
        timer = setTimeout(
          () =>
            reject(
              new AppError(`the demo office (broker and back office) did not start in ${readyTimeoutMs} ms`, ErrorCode.Config_Invalid),
            ),
          readyTimeoutMs,
        );
      });
    } catch (e) {
      await this.stop();
      throw e;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Publishes the tariff and, unless `skipRoute`, the sample route; resolves once the office has sent it all. */
  dispatch(m: Omit<Extract<ToOffice, { type: 'dispatch' }>, 'type'>): Promise<void> {
    const child = this.child;
    if (!child?.connected) return Promise.reject(new Error('the demo office is not running'));
    return new Promise<void>((resolve, reject) => {
      this.onDispatch = (r) => {
        this.onDispatch = undefined;
        if (r.type === 'dispatched') resolve();
        else if (r.type === 'dispatch-failed') reject(new Error(r.message));
      };
      child.send({ type: 'dispatch', ...m } satisfies ToOffice);
    });
  }

  /** Asks the child to stop (it closes the back office's client and the broker); SIGKILL after `graceMs`. */
  async stop(graceMs = 10_000): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    this.stopping = true;
    if (child.connected) child.send({ type: 'stop' } satisfies ToOffice, undefined, undefined, () => undefined);
    else child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}
