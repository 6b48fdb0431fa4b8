/** Starts the real TUI (runTui + blessed) on a headless xterm against a FakeApp. */
import { runTui, type TuiHandle } from '../../../src/adapters/ui/runTui.js';
import { FakeApp, READER, type FakeAppOptions } from '../../helpers/fakeApp.js';
import { HeadlessTerminal } from '../../helpers/headlessTerminal.js';

export interface TuiFixture {
  app: FakeApp;
  term: HeadlessTerminal;
  tui: TuiHandle;
  close(): Promise<void>;
}

export async function startTui(o: { cols?: number; rows?: number; locale?: 'tr' | 'en'; terminal?: string; app?: FakeApp; appOptions?: FakeAppOptions; tickMs?: number } = {}): Promise<TuiFixture> {
  const term = new HeadlessTerminal(o.cols ?? 40, o.rows ?? 15);
  const app = o.app ?? (await FakeApp.create(o.appOptions));
  // Keys arrive as fast as the test writes them: without this they would look like a scanner burst.
  const tui = await runTui(app, { locale: o.locale ?? 'tr', screen: term.screenOptions(o.terminal), input: { terminal: { scanDetection: false } }, tickMs: o.tickMs ?? 0 });
  return {
    app,
    term,
    tui,
    async close() {
      await tui.close();
      term.dispose();
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
