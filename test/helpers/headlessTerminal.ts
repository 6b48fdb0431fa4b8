/**
 * A terminal for screen tests: blessed writes to an @xterm/headless Terminal of cols × rows and
 * reads keys from a PassThrough, so a test sees exactly the characters a user would see and types
 * the byte sequences a keyboard sends. No wall-clock limits: waitFor polls with a generous timeout
 * and, when it gives up, shows the screen it saw.
 *
 * `TerminalDriver` is what a test needs of any terminal; the lead's full-app e2e can implement it
 * over tmux (`tmuxTerminal` below) and reuse the same test steps.
 */
import { PassThrough, Writable } from 'node:stream';
import { execFileSync } from 'node:child_process';
import xterm from '@xterm/headless';

/** Key names tests use, and the bytes an xterm sends for them (blessed decodes these). */
export const KEY_BYTES = {
  enter: '\r',
  esc: '\x1b',
  back: '\x1b',
  clear: '\x7f',
  backspace: '\x7f',
  up: '\x1b[A',
  down: '\x1b[B',
  right: '\x1b[C',
  left: '\x1b[D',
  f1: '\x1bOP',
  f2: '\x1bOQ',
  f3: '\x1bOR',
  f4: '\x1bOS',
  f9: '\x1b[20~',
  home: '\x1b[1~',
  end: '\x1b[4~',
  pageup: '\x1b[5~',
  pagedown: '\x1b[6~',
} as const;
export type KeyName = keyof typeof KEY_BYTES;

/** tmux send-keys names for the same keys. */
const TMUX_KEYS: Record<KeyName, string> = {
  enter: 'Enter',
  esc: 'Escape',
  back: 'Escape',
  clear: 'BSpace',
  backspace: 'BSpace',
  up: 'Up',
  down: 'Down',
  right: 'Right',
  left: 'Left',
  f1: 'F1',
  f2: 'F2',
  f3: 'F3',
  f4: 'F4',
  f9: 'F9',
  home: 'Home',
  end: 'End',
  pageup: 'PPage',
  pagedown: 'NPage',
};

export type Match = string | RegExp | ((screen: string) => boolean);

export interface TerminalDriver {
  readonly cols: number;
  readonly rows: number;
  /** The visible screen, one string per row, trailing blanks removed. */
  lines(): string[];
  press(...keys: KeyName[]): Promise<void>;
  /** Types text as separate key presses (digits and letters). */
  type(text: string): Promise<void>;
  waitFor(match: Match, opts?: { timeoutMs?: number; message?: string }): Promise<string>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function matches(screen: string, m: Match): boolean {
  if (typeof m === 'string') return screen.includes(m);
  if (m instanceof RegExp) return m.test(screen);
  return m(screen);
}

/** Polls `lines()` until the screen matches; the timeout is a hang guard, not a speed check. */
export async function waitForScreen(
  d: Pick<TerminalDriver, 'lines'>,
  m: Match,
  opts: { timeoutMs?: number; message?: string } = {},
): Promise<string> {
  const until = Date.now() + (opts.timeoutMs ?? 20_000);
  for (;;) {
    const screen = d.lines().join('\n');
    if (matches(screen, m)) return screen;
    if (Date.now() > until)
      throw new Error(`${opts.message ?? 'screen never showed'} ${String(m)}\n--- screen ---\n${screen}\n--------------`);
    await sleep(15);
  }
}

type XTerminal = InstanceType<typeof xterm.Terminal>;

export class HeadlessTerminal implements TerminalDriver {
  readonly term: XTerminal;
  readonly input: PassThrough & { isTTY: boolean; setRawMode(mode: boolean): void; isRaw: boolean };
  readonly output: Writable & { columns: number; rows: number; isTTY: boolean };
  /** Everything blessed wrote, for debugging escape sequences. */
  written = 0;

  constructor(
    public cols: number,
    public rows: number,
  ) {
    this.term = new xterm.Terminal({ cols, rows, allowProposedApi: true, scrollback: 0 });
    const term = this.term;
    const out = new Writable({
      write: (chunk: Buffer | string, _enc, cb) => {
        this.written += chunk.length;
        term.write(typeof chunk === 'string' ? chunk : new Uint8Array(chunk), () => cb());
      },
    });
    this.output = Object.assign(out, { columns: cols, rows, isTTY: true });
    const input = new PassThrough();
    this.input = Object.assign(input, {
      isTTY: true,
      isRaw: false,
      setRawMode(mode: boolean) {
        this.isRaw = mode;
      },
    });
  }

  /** Options to spread into blessed.screen() / runTui's `screen`. */
  screenOptions(terminal = 'xterm'): { input: NodeJS.ReadableStream; output: NodeJS.WritableStream; terminal: string } {
    return { input: this.input, output: this.output, terminal };
  }

  lines(): string[] {
    const b = this.term.buffer.active;
    const out: string[] = [];
    for (let i = 0; i < this.rows; i++) out.push((b.getLine(b.viewportY + i)?.translateToString(true) ?? '').replace(/\s+$/, ''));
    return out;
  }

  text(): string {
    return this.lines().join('\n');
  }

  /** Writes raw bytes as one chunk (one key or one escape sequence), then lets blessed run. */
  async send(bytes: string): Promise<void> {
    this.input.write(bytes);
    // Separate chunks, or blessed would read ESC + '1' as Meta-1. A lone ESC is an Escape key.
    await sleep(5);
  }

  async press(...keys: KeyName[]): Promise<void> {
    for (const k of keys) await this.send(KEY_BYTES[k]);
  }

  async type(text: string): Promise<void> {
    for (const ch of text) await this.send(ch);
  }

  waitFor(m: Match, opts?: { timeoutMs?: number; message?: string }): Promise<string> {
    return waitForScreen(this, m, opts);
  }

  resize(cols: number, rows: number): void {
    this.cols = cols;
    this.rows = rows;
    this.term.resize(cols, rows);
    this.output.columns = cols;
    this.output.rows = rows;
    this.output.emit('resize');
  }

  dispose(): void {
    this.input.end();
    this.term.dispose();
  }
}

/** What the tmux driver adds: scans, the pane's process, resizing, and cleanup. */
export interface TmuxTerminal extends TerminalDriver {
  /** Sends `code` + Enter in one write, as a keyboard-wedge scanner does (the app times keys to tell). */
  scan(code: string): Promise<void>;
  /** Pid of the command in the pane (start it with `exec` so this is the app, not a shell). */
  pid(): number | undefined;
  resize(cols: number, rows: number): void;
  /** The pane's command is still running. */
  alive(): boolean;
  kill(): void;
}

export interface TmuxOptions {
  /** tmux server socket name (-L): a private server per test file, killed with it. */
  socket?: string;
  /**
   * Gap between typed keys. The app takes 4+ keys ending in Enter with gaps under 40 ms for a
   * barcode scan, so typing must go at a person's pace (default 80 ms).
   */
  keyGapMs?: number;
}

/**
 * The same driver over a tmux pane running a real command (the full app): a real terminal, with
 * tmux's terminfo and its own key encoding. `lines()` reads the pane's cells (capture-pane).
 * `const t = tmuxTerminal('saha-e2e', 40, 15, 'exec node dist/saha.mjs start', env, { socket })`.
 */
export function tmuxTerminal(
  session: string,
  cols: number,
  rows: number,
  command: string,
  env: Record<string, string> = {},
  opts: TmuxOptions = {},
): TmuxTerminal {
  const socket = opts.socket ? ['-L', opts.socket] : [];
  const gap = opts.keyGapMs ?? 80;
  const tmux = (...args: string[]) =>
    execFileSync('/usr/bin/tmux', [...socket, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const envArgs = Object.entries(env).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
  tmux('new-session', '-d', '-s', session, '-x', String(cols), '-y', String(rows), ...envArgs, command);
  // Keep the pane (and its last screen) when the command exits, so a crash can be read and a
  // killed app restarted in a new session without racing tmux's cleanup.
  tmux('set-option', '-t', session, 'remain-on-exit', 'on');
  const d: TmuxTerminal = {
    cols,
    rows,
    lines: () => {
      try {
        return tmux('capture-pane', '-p', '-t', session)
          .split('\n')
          .slice(0, d.rows)
          .map((l) => l.replace(/\s+$/, ''));
      } catch {
        return [];
      }
    },
    async press(...keys) {
      for (const k of keys) {
        tmux('send-keys', '-t', session, TMUX_KEYS[k]);
        await sleep(gap);
      }
    },
    async type(text) {
      for (const ch of text) {
        tmux('send-keys', '-t', session, '-l', ch);
        await sleep(gap);
      }
    },
    async scan(code) {
      // One write, code and CR together: two tmux calls can land > 40 ms apart on a busy machine.
      tmux('send-keys', '-t', session, '-l', `${code}\r`);
      await sleep(gap);
    },
    waitFor: (m, o) => waitForScreen(d, m, o),
    pid: () => {
      try {
        const p = Number(tmux('display-message', '-p', '-t', session, '#{pane_pid}').trim());
        return p > 0 ? p : undefined;
      } catch {
        return undefined;
      }
    },
    alive: () => {
      try {
        return tmux('display-message', '-p', '-t', session, '#{pane_dead}').trim() === '0';
      } catch {
        return false;
      }
    },
    resize(c, r) {
      tmux('resize-window', '-t', session, '-x', String(c), '-y', String(r));
      (d as { cols: number }).cols = c;
      (d as { rows: number }).rows = r;
    },
    kill: () => {
      try {
        tmux('kill-session', '-t', session);
      } catch {
        /* already gone */
      }
    },
  };
  return d;
}
