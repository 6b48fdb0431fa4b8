/**
 * `saha start` (npm start): load config → compose the app → paint the TUI → stop cleanly on
 * SIGTERM/SIGINT. A fatal start-up error prints one actionable line and exits non-zero, so systemd
 * restarts the app.
 */
import { readFile } from 'node:fs/promises';
import { bootHints } from '../config/bootHints.js';
import { isAppError } from '../core/errors/AppError.js';
import { parseArgs, one } from './args.js';
import type { CliCommand } from './types.js';

export const startCommand: CliCommand = {
  summary: 'run the field terminal; demo mode when no device config is given',
  usage:
    'Usage: saha start [--config FILE]\n\n  --config FILE  device config JSON (default: $SAHA_CONFIG, else demo defaults)\n  Environment: SAHA_MQTT_URL, SAHA_DEVICE_ID, SAHA_DATA_DIR and any SAHA_<KEY> override the config.',
  async run(argv, io) {
    try {
      const p = parseArgs(argv, { values: ['config'] });
      const file = one(p, 'config') ?? io.env.SAHA_CONFIG;
      const fileText = file ? await readFile(file, 'utf8') : undefined;
      const hints = bootHints(fileText, io.env);
      // The login screen first, on a stand-in app: the crew can type while the configuration is
      // checked, the store opens and the broker link is set up. Logging in waits for the real app.
      const { runTui } = await import('../adapters/ui/runTui.js');
      const { StartingApp } = await import('../app/StartingApp.js');
      const starting = new StartingApp({ deviceId: hints.deviceId, demo: hints.mode === 'demo' });
      let c: Awaited<ReturnType<typeof import('../compose.js').compose>> | undefined;
      const tui = await runTui(starting.app, { locale: hints.locale, log: (level, msg, ctx) => c?.logger.log(level, msg, ctx) });
      try {
        const { configError, loadConfig } = await import('../config/loadConfig.js');
        const r = loadConfig({ ...(fileText !== undefined ? { fileText } : {}), ...(file ? { fileName: file } : {}), env: io.env });
        if (!r.ok) throw configError(r.errors, file);
        const { compose } = await import('../compose.js');
        c = await compose(r.config);
        starting.ready(c.app);
        // start() connects and, in demo mode, waits for the back office to dispatch the route.
        await c.start();
      } catch (e) {
        starting.failed(e);
        await tui.close().catch(() => undefined);
        await c?.stop().catch(() => undefined);
        throw e;
      }
      const composed = c;
      let stopping = false;
      await new Promise<void>((resolve) => {
        const stop = async () => {
          if (stopping) return;
          stopping = true;
          await tui.close().catch(() => undefined);
          await composed.stop().catch(() => undefined);
          resolve();
        };
        process.once('SIGTERM', () => void stop());
        process.once('SIGINT', () => void stop());
        process.once('SIGHUP', () => void stop());
      });
      return 0;
    } catch (e) {
      io.stderr(`saha start: ${isAppError(e) ? e.message : (e as Error).message}\n`);
      return isAppError(e) && e.code === 'Config_Invalid' ? 2 : 1;
    }
  },
};
