/**
 * `saha watch`: the fleet live. Subscribes to every device's events and retained status (or the
 * devices named), validates each message against contract v1, drops redeliveries by eventId,
 * reports seq gaps per device, and prints a table (redrawn on a terminal, printed on change
 * otherwise) or, with --json, one JSON object per observation. A live view: clean session, it
 * neither holds nor acknowledges anything for other consumers.
 */
import { randomUUID } from 'node:crypto';
import { AppError, ErrorCode, isAppError } from '../core/errors/AppError.js';
import { BROKER_OPTIONS, BROKER_USAGE, brokerArgs, mqttOptions } from '../backoffice/brokerConfig.js';
import { parseArgs, one, wholeNumber } from './args.js';
import { EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, type CliCommand } from './types.js';

const usage = `Usage: saha watch [--device ID…] [--json] [--count N] [--duration SEC] [--refresh MS] [broker options]

  --device ID     only this device (repeatable); default every device
  --json          one JSON object a line: event, duplicate, conflict, gaps, status, invalid
  --count N       stop after N new (de-duplicated) events
  --duration SEC  stop after SEC seconds (default: until Ctrl-C / SIGTERM)
  --refresh MS    table refresh interval (default 1000)
${BROKER_USAGE}`;

export const watchCommand: CliCommand = {
  summary: 'live fleet table (devices, online, backlog, last event, seq gaps) or JSON lines',
  usage,
  async run(argv, io) {
    let client: import('../backoffice/BackOfficeClient.js').BackOfficeClient | undefined;
    try {
      const p = parseArgs(argv, {
        values: ['device', 'count', 'duration', 'refresh', ...BROKER_OPTIONS],
        repeat: ['device'],
        flags: ['json'],
      });
      const devices = p.values.device ?? [];
      const json = p.flags.has('json');
      const count = wholeNumber(p, 'count');
      const duration = wholeNumber(p, 'duration');
      const refresh = wholeNumber(p, 'refresh') ?? 1000;
      if (refresh < 100) throw new AppError('--refresh must be at least 100 ms', ErrorCode.Input_Invalid);
      const { FleetView } = await import('../backoffice/FleetView.js');
      const { fleetFilters } = await import('../backoffice/fleetTopics.js');
      const { BackOfficeClient } = await import('../backoffice/BackOfficeClient.js');
      const { isValidDeviceId } = await import('../core/contract/index.js');
      for (const d of devices) if (!isValidDeviceId(d)) throw new AppError(`--device ${d} is not a device id`, ErrorCode.Input_Invalid);
      const view = new FleetView(new Set(devices));
      const filters = devices.length
        ? devices.flatMap((d) => [fleetFilters.deviceEvents(d), fleetFilters.deviceStatus(d)])
        : [fleetFilters.events(), fleetFilters.statuses()];
      const tty = !json && process.stdout.isTTY === true;
      let last = '';
      const draw = () => {
        const t = view.table(Date.now());
        if (tty) io.stdout(`\x1b[H\x1b[2J${t}`);
        else if (stripAges(t) !== stripAges(last)) io.stdout(`${t}\n`);
        last = t;
      };
      let finish!: () => void;
      const done = new Promise<void>((r) => (finish = r));
      client = await BackOfficeClient.connect(
        mqttOptions(brokerArgs(p.values, io.env), { clientId: `saha-watch-${process.pid}-${randomUUID().slice(0, 8)}`, clean: true }),
        { log: (_level, m) => io.stderr(`saha watch: ${m}\n`) },
      );
      client.onMessage((topic, payload) => {
        for (const o of view.handle(topic, payload, Date.now())) if (json) io.stdout(`${JSON.stringify(o)}\n`);
        if (count !== undefined && view.received >= count) finish();
      });
      await client.subscribe(filters);
      const timer = json ? undefined : setInterval(draw, refresh);
      const stopTimer = duration !== undefined ? setTimeout(finish, duration * 1000) : undefined;
      const onSignal = () => finish();
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      if (count !== 0) await done;
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      if (timer) clearInterval(timer);
      if (stopTimer) clearTimeout(stopTimer);
      if (!json) draw();
      return EXIT_OK;
    } catch (e) {
      if (isAppError(e)) {
        io.stderr(`saha watch: ${e.message}\n`);
        return e.code === ErrorCode.Input_Invalid || e.code === ErrorCode.Config_Invalid ? EXIT_USAGE : EXIT_PROBLEM;
      }
      throw e;
    } finally {
      await client?.close();
    }
  },
};

/** The table without "5s ago": a non-terminal output prints only when something else changed. */
function stripAges(t: string): string {
  return t.replace(/ \d+[smh] ago/g, '');
}
