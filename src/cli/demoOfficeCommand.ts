/**
 * `saha demo-office`: demo mode's back office, run by `saha start` as its child with the URL of the
 * app's in-process broker (src/demo/DemoOffice.ts), so building and publishing a 10,000-job route
 * is the office's memory, not the handheld app's (docs/deployment.md "Memory on the handheld").
 * With --broker-port instead of --url it runs a demo broker (aedes) of its own. Talks to its parent over the fork IPC channel (src/demo/demoOfficeProtocol.ts) and
 * stops when the parent says so, when the channel closes (the parent exited or was killed: no
 * orphan holds the port) or on SIGTERM/SIGINT/SIGHUP. Logs go to stderr, which the parent logs.
 */
import { isAppError } from '../core/errors/AppError.js';
import { streamLog } from '../adapters/log/streamLog.js';
import type { FromOffice, ToOffice } from '../demo/demoOfficeProtocol.js';
import { one, parseArgs, wholeNumber } from './args.js';
import { EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, type CliCommand } from './types.js';
import { startDemoBroker } from '../demo/demoBroker.js';

const usage = `Usage: saha demo-office --device-id ID (--broker-port PORT | --url URL) [--route-size N]

  Started by \`saha start\` in demo mode, never by hand: it needs its parent's IPC channel.
  --broker-port PORT  run the demo broker on 127.0.0.1:PORT (any free port when taken; 0: any)
  --url URL           an external broker instead (SAHA_MQTT_URL): the back office only
  --device-id ID      the device the sample route is dispatched to
  --route-size N      jobs in the sample route (demo.routeSize)`;

export const demoOfficeCommand: CliCommand = {
  summary: 'demo mode: the back office that `saha start` runs beside the device, as its child (with its own broker on --broker-port)',
  usage,
  async run(argv, io) {
    if (!process.send) {
      io.stderr(`saha demo-office: started by \`saha start\` in demo mode only (no IPC channel)\n`);
      return EXIT_USAGE;
    }
    // The parent reads our stderr; once it is gone a log line must not kill us before we close.
    process.stderr.on('error', () => undefined);
    const log = streamLog(io.stderr, { level: 'info' });
    const send = (m: FromOffice) => {
      if (process.connected) process.send!(m, undefined, undefined, () => undefined);
    };
    try {
      const p = parseArgs(argv, { values: ['broker-port', 'url', 'device-id', 'route-size'] });
      const deviceId = one(p, 'device-id');
      const port = wholeNumber(p, 'broker-port');
      let url = one(p, 'url');
      if (!deviceId || (url === undefined) === (port === undefined)) {
        io.stderr(`saha demo-office: --device-id and one of --broker-port / --url are required\n${usage}\n`);
        return EXIT_USAGE;
      }
      const routeSize = wholeNumber(p, 'route-size');
      let broker: Awaited<ReturnType<typeof startDemoBroker>> | undefined;
      if (url === undefined) {
        broker = await startDemoBroker(port!, log);
        url = broker.url;
      }
      const { DemoBackOffice } = await import('../demo/DemoBackOffice.js');
      let office: InstanceType<typeof DemoBackOffice> | undefined;
      const brokerUrl = url;
      await new Promise<void>((resolve) => {
        process.on('message', (m: ToOffice) => {
          if (m.type === 'stop') resolve();
          if (m.type !== 'dispatch' || office) return;
          const now = m.now;
          office = new DemoBackOffice({ url: brokerUrl, deviceId, today: m.today, routeSize, clock: () => now, log });
          office.start({ skipRoute: m.skipRoute }).then(
            () => send({ type: 'dispatched' }),
            (e: Error) => send({ type: 'dispatch-failed', message: e.message }),
          );
        });
        process.once('disconnect', () => resolve());
        process.once('SIGTERM', () => resolve());
        process.once('SIGINT', () => resolve());
        process.once('SIGHUP', () => resolve());
        send({ type: 'ready', url: brokerUrl });
      });
      await office?.stop();
      await broker?.close();
      return EXIT_OK;
    } catch (e) {
      io.stderr(`${new Date().toISOString()} error saha demo-office: ${(e as Error).message}\n`);
      return isAppError(e) ? EXIT_USAGE : EXIT_PROBLEM;
    } finally {
      // The channel keeps the event loop alive: let go of it so the process exits.
      if (process.connected) process.disconnect();
    }
  },
};
