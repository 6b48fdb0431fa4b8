/**
 * The field TUI's entry point. Creates the blessed screen (forceUnicode: systemd starts services
 * without LANG and Turkish letters would print as '?', docs/implementation-notes.md §5), wires the terminal
 * keyboard and the app's input stream to the screen router, and paints the login screen first.
 *
 * blessed is loaded here with await import() and the screens after the login with another one
 * once the first frame is out, so the first paint does not wait for modules it does not need.
 */
import type { Widgets } from 'blessed';
import type { AppServices } from '../../app/AppServices.js';
import { TerminalKeyInput, type TerminalKeyInputOptions } from './terminal/TerminalKeyInput.js';
import { BlessedPainter } from './BlessedPainter.js';
import { translator, type Locale } from './i18n/index.js';
import { Router } from './Router.js';
import type { Log } from '../../ports/Logger.js';

/** @types/blessed has `input` and `output` swapped (Writable/Readable); these are what blessed reads. */
export type ScreenOptions = Omit<Widgets.IScreenOptions, 'input' | 'output'> & {
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
};

export interface RunTuiOptions {
  /** Extra blessed screen options (tests pass `input`, `output`, `terminal`). */
  screen?: ScreenOptions;
  input?: {
    /** Options for the terminal keyboard source (scan detection, terminator…). */
    terminal?: TerminalKeyInputOptions;
    /**
     * Hands the terminal keyboard to the app (e.g. into its InputHub, for the echo-scan guard);
     * its events then arrive through app.onInput and the app starts and stops it. Without this,
     * runTui starts the source and listens to it directly, besides app.onInput.
     */
    attachTerminal?: (source: TerminalKeyInput) => void | Promise<void>;
  };
  locale: Locale;
  /** Ctrl+C in the terminal (the keypad has none). Default: ignored, a reader cannot quit by accident. */
  onInterrupt?: () => void;
  log?: Log;
  /** Clock/countdown repaint period in ms (default 1000; 0 off). */
  tickMs?: number;
}

export interface TuiHandle {
  close(): Promise<void>;
  /** The text on screen now, line by line (diagnostics; tests read the terminal instead). */
  text(): string[];
}

export async function runTui(app: AppServices, opts: RunTuiOptions): Promise<TuiHandle> {
  // Only the two widgets the painter uses: `import('blessed')` loads all 34 widget modules, a
  // measurable share of start-up on the handheld (see npm run bench: startup_ratio). blessed has no
  // public way to load fewer: its README documents only require('blessed'), whose lib/widget.js
  // requires every widget eagerly, and the package has no "exports" map. So these two internal paths
  // are used on purpose; blessed is pinned (0.1.81, the last release) and
  // test/unit/ui/blessedDeepImports.test.ts fails if they stop being the public screen and box.
  const [screenMod, boxMod] = await Promise.all([import('blessed/lib/widgets/screen.js'), import('blessed/lib/widgets/box.js')]);
  const blessed = { screen: screenMod.default, box: boxMod.default } as unknown as Pick<typeof import('blessed'), 'screen' | 'box'>;
  const screen = blessed.screen({
    smartCSR: true,
    forceUnicode: true,
    fullUnicode: false,
    autoPadding: false,
    warnings: false,
    title: 'Saha',
    ...opts.screen,
  } as Widgets.IScreenOptions);
  // Output is UTF-8 whatever the terminfo says (forceUnicode), so blessed's ncurses-style detour
  // through the DEC line-drawing set is never needed; it would send '·' as ESC ( 0 '~', which is a
  // '~' to anything that reads the cells (tmux capture-pane, a serial console log).
  (screen as unknown as { tput: { brokenACS: boolean } }).tput.brokenACS = true;
  const painter = new BlessedPainter(blessed, screen);
  const terminal = new TerminalKeyInput(screen.program, { ...(app.demo ? { demoScanKey: 'f9' } : {}), ...opts.input?.terminal });
  const router = new Router({
    app,
    t: translator(opts.locale),
    paint: (lines) => painter.paint(lines),
    size: () => painter.size(),
    promptScan: app.demo ? () => terminal.promptScan() : undefined,
    ...(opts.log ? { log: opts.log } : {}),
    ...(opts.tickMs !== undefined ? { tickMs: opts.tickMs } : {}),
  });
  router.start();

  const unsubs: Array<() => void> = [];
  const onPrompt = (p: { open: boolean; text: string }) => router.setPrompt(p);
  terminal.on('scanPrompt', onPrompt);
  unsubs.push(() => void terminal.off('scanPrompt', onPrompt));
  const ownsTerminal = opts.input?.attachTerminal === undefined;
  if (ownsTerminal) {
    const onInput = (e: Parameters<Router['input']>[0]) => router.input(e);
    terminal.on('input', onInput);
    unsubs.push(() => void terminal.off('input', onInput));
    await terminal.start();
  } else await opts.input!.attachTerminal!(terminal);
  unsubs.push(app.onInput((e) => router.input(e)));

  const onResize = () => router.repaint();
  screen.on('resize', onResize);
  if (opts.onInterrupt) screen.key(['C-c'], () => opts.onInterrupt?.());

  let closed = false;
  return {
    async close() {
      if (closed) return;
      closed = true;
      for (const u of unsubs.splice(0)) u();
      router.close();
      if (ownsTerminal) await terminal.stop();
      screen.removeListener('resize', onResize);
      screen.destroy();
    },
    text: () => router.text(painter.size()),
  };
}
