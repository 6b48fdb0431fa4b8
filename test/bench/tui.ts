/**
 * Field TUI benchmarks at a large route (10,000 jobs, demo.routeSize):
 *
 * - keystroke_p99_ms (target ≤ 16): in-process, the real app from compose() with runTui on a
 *   terminal stream pair; from writing a key's bytes to the terminal input until blessed has
 *   written the resulting frame to the terminal output, while the outbox drains the 10,000
 *   job.accepted events the route produced. Keys: list moves, a search digit and its erase, the
 *   state filter, opening a job and coming back. The terminal source runs with scan detection
 *   off: in mixed mode a typed character is held maxGapMs (40 ms) by design, to tell a person from
 *   a keyboard-wedge scanner, which is not rendering time; the handheld's keypad is a HID source.
 * - rss_mb (target ≤ 100): the real `saha start` process in a pty, launched as the device launches
 *   it (Node flags and allocator settings from device/systemd/saha.service: DEVICE_LAUNCH), logged
 *   in, 10,000 jobs on the list (from disk, as a device starts), outbox drained; also the first
 *   start that received the route (rss_peak_first_start_mb, target ≤ 150) and the same start
 *   without the flags and settings. Only the device's process is measured: the demo office
 *   (broker and back office) and the demo ingest are its children.
 *
 * startup_ms / node_bare_ms / startup_ratio are in startup.ts.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { performance } from 'node:perf_hooks';
import xterm from '@xterm/headless';
import { compose } from '../../src/compose.js';
import { loadConfig } from '../../src/config/loadConfig.js';
import { MemoryLogger } from '../../src/adapters/log/FileLogger.js';
import { runTui } from '../../src/adapters/ui/runTui.js';
import { appEnv, sahaBundle, spawnPty } from './startup.js';
import { median, percentile, round } from './stats.js';

const ROUTE = 10_000;
const CYCLES = 40;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(cond: () => boolean, what: string, timeoutMs = 120_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`bench: timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** A terminal output stream that notes when each frame was written; nothing is parsed. */
class TimedOutput extends Writable {
  columns = 80;
  rows = 24;
  isTTY = true;
  private waiter: ((t: number) => void) | null = null;
  override _write(_chunk: unknown, _enc: BufferEncoding, cb: () => void): void {
    const t = performance.now();
    const w = this.waiter;
    this.waiter = null;
    w?.(t);
    cb();
  }
  /** The time of the next write. */
  next(timeoutMs = 2000): Promise<number | null> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiter = null;
        resolve(null);
      }, timeoutMs);
      this.waiter = (t) => {
        clearTimeout(timer);
        resolve(t);
      };
    });
  }
}

const KEYS = { down: '\x1b[B', up: '\x1b[A', enter: '\r', esc: '\x1b', clear: '\x7f', f2: '\x1bOQ' } as const;

async function keystrokes(): Promise<Record<string, number>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'saha-bench-tui-'));
  const r = loadConfig({ env: { SAHA_DATA_DIR: dataDir, SAHA_DEVICE_ID: 'HT-BENCH', SAHA_DEMO_ROUTE_SIZE: String(ROUTE) } });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  const c = await compose(r.config, { logger: new MemoryLogger() });
  const input = Object.assign(new PassThrough(), {
    isTTY: true,
    isRaw: false,
    setRawMode(m: boolean) {
      this.isRaw = m;
    },
  });
  const output = new TimedOutput();
  const tui = await runTui(c.app, {
    locale: 'tr',
    screen: { input, output, terminal: 'xterm' },
    input: { terminal: { scanDetection: false } },
    tickMs: 0,
  });
  const screen = () => tui.text().join('\n');
  const send = async (bytes: string) => {
    input.write(bytes);
    await sleep(5);
  };
  try {
    await c.start();
    await until(() => c.app.jobs().length === ROUTE, `${ROUTE} jobs`);
    for (const ch of '1001') await send(ch);
    await send(KEYS.enter);
    for (const ch of '1234') await send(ch);
    await send(KEYS.enter);
    await until(() => /İşler\s+\d+\/10000/.test(screen()), 'the job list');
    // The urgent jobs of the route arrived on the login screen: one modal, dismissed.
    while (screen().includes('ACİL')) await send(KEYS.enter);
    const depthAtStart = c.sender.depth();

    const cycle: string[] = [KEYS.down, KEYS.down, KEYS.up, '7', KEYS.clear, KEYS.f2, KEYS.f2, KEYS.f2, KEYS.enter, KEYS.esc];
    const times: number[] = [];
    let missed = 0;
    for (let i = 0; i < CYCLES; i++) {
      for (const k of cycle) {
        const frame = output.next();
        const t0 = performance.now();
        input.write(k);
        const t1 = await frame;
        if (t1 === null) missed++;
        else times.push(t1 - t0);
        await sleep(15); // a fast typist; lets the outbox and status timers run between keys
      }
    }
    return {
      keystroke_p99_ms: round(percentile(times, 99), 2),
      keystroke_p50_ms: round(median(times), 2),
      keystroke_max_ms: round(Math.max(...times), 2),
      keystroke_count: times.length,
      keystroke_missed: missed,
      keystroke_outbox_at_start: depthAtStart,
      keystroke_outbox_at_end: c.sender.depth(),
    };
  } finally {
    await tui.close();
    await c.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const UNIT = new URL('../../device/systemd/saha.service', import.meta.url);

/** Node's flags as the device launches the app (device/systemd/saha.service ExecStart; npm start uses the same). */
export const LAUNCH_FLAGS: readonly string[] = (() => {
  const unit = readFileSync(UNIT, 'utf8');
  const exec = /^ExecStart=\S+\s+(.*?)\s*\S*dist\/saha\.mjs/m.exec(unit);
  if (!exec) throw new Error('device/systemd/saha.service: no ExecStart running dist/saha.mjs');
  return exec[1]!.split(/\s+/).filter(Boolean);
})();

/**
 * The unit's allocator settings (its Environment= lines for glibc: GLIBC_TUNABLES, MALLOC_*; npm
 * start sets the same). Its other variables (SAHA_CONFIG…) name the device's files, not the bench's.
 */
export const LAUNCH_ENV: Readonly<Record<string, string>> = (() => {
  const unit = readFileSync(UNIT, 'utf8');
  const env: Record<string, string> = {};
  for (const m of unit.matchAll(/^Environment=((?:GLIBC_TUNABLES|MALLOC_\w+))=(\S+)$/gm)) env[m[1]!] = m[2]!;
  return env;
})();

/** How the app is launched: Node's flags and the environment added to the bench's. */
export interface Launch {
  flags: readonly string[];
  env: Readonly<Record<string, string>>;
}
export const DEVICE_LAUNCH: Launch = { flags: LAUNCH_FLAGS, env: LAUNCH_ENV };

function rssOf(pid: number): { rss: number; hwm: number } {
  const s = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+) kB`).exec(s)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
}

/** The real app in an 80×24 pty, its screen read through a headless xterm. */
export async function appWithRoute(
  dataDir: string,
  env: Record<string, string> = {},
  launch: Launch = DEVICE_LAUNCH,
): Promise<{ rss: number; hwm: number }> {
  const p = spawnPty(
    [process.execPath, ...launch.flags, sahaBundle(), 'start'],
    appEnv(dataDir, { SAHA_DEMO_ROUTE_SIZE: String(ROUTE), ...launch.env, ...env }),
  );
  const term = new xterm.Terminal({ cols: 80, rows: 24, allowProposedApi: true, scrollback: 0 });
  p.child.stdout!.on('data', (d: string) => term.write(d));
  const text = () => {
    const b = term.buffer.active;
    return Array.from({ length: 24 }, (_, i) => b.getLine(b.viewportY + i)?.translateToString(true) ?? '').join('\n');
  };
  try {
    await until(() => text().includes('Kullanıcı'), 'the login screen', 30_000);
    for (const ch of '1001\r1234\r') {
      p.write(ch);
      await sleep(100); // a person's pace: faster is a barcode scan
    }
    await until(() => /İşler\s+\d+\/10000/.test(text()), 'the route on the list');
    while (text().includes('ACİL')) {
      p.write('\r');
      await sleep(200);
    }
    await until(() => /Giden 0 /.test(text()), 'the outbox drained');
    await sleep(2000);
    const { execFileSync } = await import('node:child_process');
    const pid = Number(
      execFileSync('ps', ['-o', 'pid=', '--ppid', String(p.child.pid)], { encoding: 'utf8' })
        .trim()
        .split('\n')[0],
    );
    return rssOf(pid);
  } finally {
    await p.stop();
    term.dispose();
  }
}

async function rss(): Promise<Record<string, number>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'saha-bench-rss-'));
  try {
    // First start: the demo office (its own process, src/demo/DemoOffice.ts, as a device's broker
    // and back office are elsewhere) dispatches 10,000 jobs; the device's process stores them.
    const first = await appWithRoute(dataDir);
    // A device's normal start: the route on disk (the back office's repeats are ignored).
    const again = await appWithRoute(dataDir);
    // The same start without the launcher's V8 flags and allocator settings: what they are worth.
    const bare = await appWithRoute(dataDir, {}, { flags: [], env: {} });
    return {
      rss_mb: round(again.rss, 1),
      rss_first_start_mb: round(first.rss, 1),
      rss_peak_first_start_mb: round(first.hwm, 1),
      rss_without_launch_flags_mb: round(bare.rss, 1),
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** `npm run bench -- memory`: the rss figures alone (a few minutes less than the whole tui bench). */
export const benchMemory = rss;

export async function benchTui(): Promise<Record<string, number>> {
  return { ...(await keystrokes()), ...(await rss()) };
}
