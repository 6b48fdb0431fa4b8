/** Starts the real TUI (runTui + blessed) on a headless xterm against the real SahaApp (test/helpers/testApp.ts). */
import { runTui, type TuiHandle } from '../../../src/adapters/ui/runTui.js';
import type { SahaApp } from '../../../src/app/SahaApp.js';
import { READER, TestApp, type TestAppOptions } from '../../helpers/testApp.js';
import { HeadlessTerminal } from '../../helpers/headlessTerminal.js';

export interface TuiFixture {
  /** The app the screens use. */
  app: SahaApp;
  /** Its store, printer, scanner, clock, broker and back office. */
  rig: TestApp;
  term: HeadlessTerminal;
  tui: TuiHandle;
  close(): Promise<void>;
}

export async function startTui(
  o: {
    cols?: number;
    rows?: number;
    locale?: 'tr' | 'en';
    terminal?: string;
    rig?: TestApp;
    appOptions?: TestAppOptions;
    tickMs?: number;
    /** Tell scanner bursts from typing by timing, as on the device (keys must then come slower than 40 ms apart). */
    scanDetection?: boolean;
  } = {},
): Promise<TuiFixture> {
  const term = new HeadlessTerminal(o.cols ?? 40, o.rows ?? 15);
  const rig = o.rig ?? (await TestApp.create(o.appOptions));
  // Keys arrive as fast as the test writes them: without this they would look like a scanner burst.
  const tui = await runTui(rig.app, {
    locale: o.locale ?? 'tr',
    screen: term.screenOptions(o.terminal),
    input: { terminal: { scanDetection: o.scanDetection ?? false } },
    tickMs: o.tickMs ?? 0,
  });
  return {
    app: rig.app,
    rig,
    term,
    tui,
    async close() {
      await tui.close();
      term.dispose();
      await rig.close();
    },
  };
}

/** Logs the sample reader in and waits for the job list. */
export async function loginAsReader(f: TuiFixture): Promise<void> {
  await f.term.waitFor(/Kullanıcı|Operator/);
  await f.term.type(READER.operatorId);
  await f.term.press('enter');
  await f.term.type(READER.pin);
  await f.term.press('enter');
  await f.term.waitFor(/İşler|Jobs/);
}

/**
 * Scans the meter of the job open on the reading screen (its title names it) and waits for the
 * match: the scan gate (issue 19) bills no index before it.
 */
export async function scanOpenJob(f: TuiFixture): Promise<void> {
  const screen = await f.term.waitFor(/Okuma (\S+)/);
  const jobId = /Okuma (\S+)/.exec(screen)![1]!;
  const rec = f.app.job(jobId);
  if (!rec) throw new Error(`no job ${jobId} on the reading screen`);
  f.rig.scan(rec.job.meter.serial);
  await f.term.waitFor('Sayaç doğrulandı');
}
