/**
 * The real app as a user runs it: `node dist/saha.mjs start` in a tmux pane (a real terminal, its
 * own terminfo and key encoding), LANG=C.UTF-8, a temporary data dir and device id. Each test file
 * gets a private tmux server (-L), killed at exit with every app it started.
 *
 * Keys go in at a person's pace (80 ms apart): faster, digits ending in Enter are a barcode scan,
 * which is what `term.scan()` sends on purpose.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tmuxTerminal, type TmuxTerminal } from '../../helpers/headlessTerminal.js';
import { sahaBin } from '../../helpers/sahaBin.js';

export const TMUX = '/usr/bin/tmux';
export const DEMO_OPERATOR = { operatorId: '1001', pin: '1234' };
export const DEMO_SUPERVISOR = { operatorId: '9001', pin: '9999' };

/** tmux is how these tests see a real terminal; without it (and CI unset) they say so and pass nothing. */
export function haveTmux(): boolean {
  if (existsSync(TMUX)) return true;
  if (process.env.CI === 'true') throw new Error(`${TMUX} missing: the app e2e tests need tmux (apt-get install tmux)`);
  return false;
}

const socket = `saha-e2e-${process.pid}`;
const started = new Set<number>();
let seq = 0;

export interface RunningApp {
  term: TmuxTerminal;
  dataDir: string;
  deviceId: string;
  /** The app's pid (the node process under the pane's shell). */
  pid: number;
  /** SIGKILL: no clean stop, as a dead battery or the OOM killer would. */
  kill(): Promise<void>;
  /** SIGTERM, then waits for the process to exit (the app stops cleanly on it). */
  stop(): Promise<void>;
}

export interface StartOptions {
  cols?: number;
  rows?: number;
  /** Reuse a data dir (restart); default a new temporary one. */
  dataDir?: string;
  deviceId?: string;
  env?: Record<string, string>;
}

export function newDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'saha-app-e2e-'));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function childOf(pid: number): number | undefined {
  try {
    const out = execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' }).trim();
    return out ? Number(out.split('\n')[0]) : undefined;
  } catch {
    return undefined;
  }
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function exited(pid: number, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (running(pid)) {
    if (Date.now() > until) {
      let ps = '';
      try {
        ps = execFileSync('ps', ['-o', 'pid,ppid,stat,wchan:20,cmd', '-p', String(pid)], { encoding: 'utf8' });
      } catch {
        /* gone */
      }
      throw new Error(`app pid ${pid} still running ${timeoutMs} ms after the signal\n${ps}`);
    }
    await sleep(20);
  }
}

export async function startApp(o: StartOptions = {}): Promise<RunningApp> {
  const dataDir = o.dataDir ?? newDataDir();
  const deviceId = o.deviceId ?? 'HT-E2E';
  // The tests written before issue 19 step through "Kaydedildi" → Enter → print and press keys as
  // soon as a screen shows; the device defaults (print on confirm, a 400 ms confirm pause) are
  // switched back on by the tests of that flow (test/e2e/tui/crewDay.test.ts) through `env`.
  const env = {
    LANG: 'C.UTF-8',
    SAHA_DATA_DIR: dataDir,
    SAHA_DEVICE_ID: deviceId,
    SAHA_PRINTER_PRINT_ON_CONFIRM: 'false',
    SAHA_INPUT_CONFIRM_PAUSE_MS: '0',
    ...o.env,
  };
  // Not `exec`: the shell stays the app's parent and reaps it the moment it dies. tmux sometimes
  // leaves a killed pane process a zombie for a long while, and a zombie's pid still looks alive
  // to the store's stale-lock check, so the restart would find its data dir locked.
  const term = tmuxTerminal(`app${++seq}`, o.cols ?? 40, o.rows ?? 15, `${process.execPath} ${sahaBin()} start; exit $?`, env, { socket });
  let pid: number | undefined;
  for (let i = 0; i < 250 && pid === undefined; i++) {
    const sh = term.pid();
    if (sh !== undefined) pid = childOf(sh);
    if (pid === undefined) await sleep(20);
  }
  if (pid === undefined) throw new Error('tmux did not start the app');
  started.add(pid);
  const app: RunningApp = {
    term,
    dataDir,
    deviceId,
    pid,
    async kill() {
      process.kill(pid!, 'SIGKILL');
      await exited(pid!);
      term.kill();
    },
    async stop() {
      process.kill(pid!, 'SIGTERM');
      await exited(pid!);
      term.kill();
    },
  };
  return app;
}

/** Kills every app this file started and its tmux server; removes the data dirs given. */
export function cleanup(...dirs: string[]): void {
  for (const pid of started)
    if (running(pid))
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* gone */
      }
  started.clear();
  try {
    execFileSync(TMUX, ['-L', socket, 'kill-server'], { stdio: 'ignore' });
  } catch {
    /* no server left */
  }
  for (const d of dirs) {
    stopDemoIngest(d);
    rmSync(d, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  }
}

/**
 * The demo's `saha ingest` child (src/demo/DemoIngest.ts) outlives a killed app for a moment: it
 * sees its stdin close and closes its database. Removing the directory under it fails (ENOTEMPTY),
 * so wait for it (its pid is in the PGlite lock), then kill what is left.
 */
function stopDemoIngest(dataDir: string): void {
  let pid: number;
  try {
    pid = Number(readFileSync(join(dataDir, 'backoffice.lock'), 'utf8').trim());
  } catch {
    return;
  }
  if (!Number.isInteger(pid) || pid <= 0) return;
  const nap = new Int32Array(new SharedArrayBuffer(4));
  for (let i = 0; i < 150 && running(pid); i++) Atomics.wait(nap, 0, 0, 100);
  if (running(pid))
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* gone */
    }
}
process.on('exit', () => cleanup());

// ------------------------------------------------------------------ steps a user takes

/** The login screen, id and PIN typed at a person's pace, until the job list shows the route. */
export async function login(t: TmuxTerminal, who = DEMO_OPERATOR): Promise<void> {
  await t.waitFor('Kullanıcı', { message: 'login screen never painted' });
  // Enter only once the keys show: then it cannot join them into a "scan", even if the app was
  // stalled (a busy test machine) and read the keys in one go.
  await t.type(who.operatorId);
  await t.waitFor(`Kullanıcı: ${who.operatorId}`);
  await t.press('enter');
  await t.type(who.pin);
  await t.waitFor(new RegExp(`Şifre\\s*: \\*{${who.pin.length}}`));
  await t.press('enter');
  await t.waitFor(/İşler\s+\d+\/\d+/, { message: 'job list never showed after login' });
}

/** Waits until the job list counts `total` jobs (the demo back office dispatches after start). */
export async function routeArrived(t: TmuxTerminal, total = 36): Promise<void> {
  await t.waitFor(new RegExp(`İşler\\s+\\d+/${total}\\b`), { message: `route of ${total} jobs never arrived`, timeoutMs: 30_000 });
}

/** The demo sample route's job n (see src/demo/sampleRoute.ts): today's id, serial, last index. */
export function demoJob(n: number, today = localToday()): { jobId: string; serial: string; lastIndex: number; seq: number } {
  return {
    jobId: `DEMO-${today.replace(/-/g, '')}-${String(n).padStart(3, '0')}`,
    serial: `ESG${21000000 + n * 37}`,
    lastIndex: n === 3 ? 99_912 : (1200 + n * 173) % 90_000,
    seq: n,
  };
}

/** Today in Europe/Istanbul, as the app computes it. */
export function localToday(now = Date.now()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Istanbul', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** Keys an index on the reading screen, zero-padded to the dials as the crew reads them. */
export async function keyIndex(t: TmuxTerminal, index: number, digits = 5): Promise<void> {
  const keyed = String(index).padStart(digits, '0');
  await t.type(keyed);
  await t.waitFor(new RegExp(`(Endeks|Tekrar): ${keyed}_`)); // see login()
  await t.press('enter');
}

/** Slip files the virtual printer wrote: name → text (the .txt is the decoded ESC/POS). */
export function slips(dataDir: string): Map<string, string> {
  const dir = join(dataDir, 'slips');
  const out = new Map<string, string>();
  if (!existsSync(dir)) return out;
  for (const f of readdirSync(dir).sort()) if (f.endsWith('.txt')) out.set(f, readFileSync(join(dir, f), 'utf8'));
  return out;
}

/** The screen text with the status bar (clock, outbox) left out, for comparisons. */
export function body(screen: string, statusRows = 2): string {
  return screen.split('\n').slice(statusRows).join('\n');
}
