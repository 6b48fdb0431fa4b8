/**
 * Start-up of the field terminal as the crew sees it: from spawning `node dist/saha.mjs start` in a
 * pseudo-terminal to the login screen's text reaching that terminal, against `node -e 0` spawned
 * the same way in the same run (these machines are shared and noisy: only the ratio is a target,
 * ≤ 2). The data dir is warm (operators and route on disk, as on a handheld after its first day);
 * the first, cold run is reported apart.
 *
 * The pty is util-linux `script` (stty sets 80×24); without it the app gets pipes, which blessed
 * also paints to, and `startup_pty` says 0.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { median, round } from './stats.js';

const RUNS = 11;
const SCRIPT = '/usr/bin/script';

export function sahaBundle(): string {
  const p = new URL('../../dist/saha.mjs', import.meta.url).pathname;
  if (!existsSync(p)) throw new Error('dist/saha.mjs missing: npm run bench builds it');
  return p;
}

function childPid(pid: number): number | undefined {
  const r = spawnSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' });
  const first = r.stdout?.trim().split('\n')[0];
  return first ? Number(first) : undefined;
}

const shq = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export interface PtyProcess {
  child: ChildProcess;
  /** Everything the program wrote to its terminal so far. */
  output(): string;
  /** Resolves with the time (performance.now) when the output first contains `text`. */
  when(text: string | RegExp, timeoutMs?: number): Promise<number>;
  exited: Promise<number>;
  /** Types into the terminal. */
  write(s: string): void;
  /** SIGTERM to the whole group, SIGKILL if it lingers; resolves when gone. */
  stop(): Promise<void>;
}

/** Runs argv under a pseudo-terminal of cols × rows (util-linux `script`), in its own process group. */
export function spawnPty(argv: string[], env: NodeJS.ProcessEnv, cols = 80, rows = 24): PtyProcess {
  const usePty = existsSync(SCRIPT);
  const child = usePty
    ? spawn(SCRIPT, ['-qfec', `stty cols ${cols} rows ${rows}; exec ${argv.map(shq).join(' ')}`, '/dev/null'], {
        env,
        detached: true,
        stdio: ['pipe', 'pipe', 'ignore'],
      })
    : spawn(argv[0]!, argv.slice(1), { env, detached: true, stdio: ['pipe', 'pipe', 'ignore'] });
  let out = '';
  const waiters: Array<{ m: string | RegExp; resolve: (t: number) => void }> = [];
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (d: string) => {
    const t = performance.now();
    out += d;
    for (let i = waiters.length - 1; i >= 0; i--) {
      const w = waiters[i]!;
      if (typeof w.m === 'string' ? out.includes(w.m) : w.m.test(out)) {
        waiters.splice(i, 1);
        w.resolve(t);
      }
    }
  });
  const exited = new Promise<number>((r) => child.once('exit', () => r(performance.now())));
  return {
    child,
    output: () => out,
    when(m, timeoutMs = 60_000) {
      if (typeof m === 'string' ? out.includes(m) : m.test(out)) return Promise.resolve(performance.now());
      return new Promise<number>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no ${String(m)} on the terminal within ${timeoutMs} ms; it shows:\n${out.slice(-2000)}`)),
          timeoutMs,
        );
        waiters.push({ m, resolve: (t) => (clearTimeout(timer), resolve(t)) });
      });
    },
    exited,
    write: (s) => void child.stdin!.write(s),
    async stop() {
      // The program first, so `script` reaps it: a program orphaned by its wrapper may stay a
      // zombie (a container's init need not reap), and a zombie's pid still holds the data dir lock.
      if (child.exitCode === null && child.signalCode === null) {
        const inner = usePty ? childPid(child.pid!) : child.pid;
        try {
          process.kill(inner ?? -child.pid!, 'SIGTERM');
        } catch {
          /* gone */
        }
        const late = setTimeout(() => {
          try {
            process.kill(-child.pid!, 'SIGKILL');
          } catch {
            /* gone */
          }
        }, 5000);
        await exited;
        clearTimeout(late);
      }
    },
  };
}

export function appEnv(dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, LANG: 'C.UTF-8', TERM: 'xterm', SAHA_DATA_DIR: dataDir, SAHA_DEVICE_ID: 'HT-BENCH', ...extra };
}

/** ms from spawn to the login screen's text on the terminal. */
async function appToLogin(dataDir: string): Promise<number> {
  const t0 = performance.now();
  const p = spawnPty([process.execPath, sahaBundle(), 'start'], appEnv(dataDir));
  try {
    return (await p.when('Kullan', 30_000)) - t0;
  } finally {
    await p.stop();
  }
}

/** ms from spawn to exit of `node -e 0` under the same pty wrapper. */
async function bareNode(): Promise<number> {
  const t0 = performance.now();
  const p = spawnPty([process.execPath, '-e', '0'], { ...process.env });
  return (await p.exited) - t0;
}

export async function benchStartup(): Promise<Record<string, number>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'saha-bench-startup-'));
  try {
    const cold = await appToLogin(dataDir);
    // Let the first run's demo route land on disk, as on a device after its first start.
    const warm = spawnPty([process.execPath, sahaBundle(), 'start'], appEnv(dataDir));
    await warm.when('Kullan', 30_000);
    await new Promise((r) => setTimeout(r, 1500));
    await warm.stop();
    const bare: number[] = [];
    const app: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      bare.push(await bareNode());
      app.push(await appToLogin(dataDir));
    }
    const b = median(bare);
    const a = median(app);
    return {
      node_bare_ms: round(b, 1),
      startup_ms: round(a, 1),
      startup_ratio: round(a / b, 2),
      startup_cold_ms: round(cold, 1),
      startup_pty: existsSync(SCRIPT) ? 1 : 0,
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
