/**
 * The `saha` command line. Each subcommand lives in its own module and is imported only when
 * called, so `saha bill` never loads blessed, serialport or node-hid.
 */
import type { CliCommand, CliIo } from './types.js';
import { EXIT_USAGE } from './types.js';
import { APP_VERSION } from '../version.js';

type Loader = () => Promise<CliCommand>;

/** One subcommand: its summary for `saha help`, and its module, imported only when it runs. */
const command = (summary: string, load: Loader) => ({ summary, load });

export const commands: Record<string, { summary: string; load: Loader }> = {
  start: command(
    'run the field terminal (TUI); demo mode when no device config is given',
    async () => (await import('./startCommand.js')).startCommand,
  ),
  'escpos-decode': command(
    'decode an ESC/POS capture into slip text (+ SVG)',
    async () => (await import('./escposDecodeCommand.js')).escposDecodeCommand,
  ),
  bill: command('compute an invoice from indexes, dates and tariff files', async () => (await import('./billCommand.js')).billCommand),
  dispatch: command(
    'back office: send a route (CSV/JSON), tariffs, cancellations and messages to devices',
    async () => (await import('./dispatchCommand.js')).dispatchCommand,
  ),
  watch: command(
    'back office: live fleet table or JSON lines (events de-duplicated, seq gaps per device)',
    async () => (await import('./watchCommand.js')).watchCommand,
  ),
  report: command(
    'back office: figures from the event store (delivery, invoices, reconciliation, numbering, jobs)',
    async () => (await import('./reportCommand.js')).reportCommand,
  ),
  ingest: command(
    'back office: store device events in PostgreSQL (or PGlite) and acknowledge them end to end',
    async () => (await import('./ingestCommand.js')).ingestCommand,
  ),
  'plan-inspections': command(
    'back office: rank installations for kaçak/usulsüz inspection from the event store, with reasons',
    async () => (await import('./planCommand.js')).planCommand,
  ),
  'mail-relay': command(
    'back office: e-mail issued invoices as PDF, once per invoice (shared subscription)',
    async () => (await import('./mailRelayCommand.js')).mailRelayCommand,
  ),
  provision: command(
    'set up a device: config, broker credentials, printer, keypad/scanner, operators; then a self-test',
    async () => (await import('./provisionCommand.js')).provisionCommand,
  ),
  'demo-office': command(
    'demo mode: the broker and back office that `saha start` runs beside the device, as its child',
    async () => (await import('./demoOfficeCommand.js')).demoOfficeCommand,
  ),
  doctor: command(
    'check config, data, broker, clock, printer and input devices; exit 1 on problems',
    async () => (await import('./doctorCommand.js')).doctorCommand,
  ),
};

export function helpText(): string {
  const width = Math.max(...Object.keys(commands).map((k) => k.length));
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return (
    ['Usage: saha <command> [options]', '', 'Commands:', ...lines, '', "Run `saha <command> --help` for a command's options."].join('\n') +
    '\n'
  );
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(helpText());
    return name ? 0 : EXIT_USAGE;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`saha ${APP_VERSION}\n`);
    return 0;
  }
  const entry = commands[name];
  if (!entry) {
    io.stderr(`saha: unknown command "${name}"\n${helpText()}`);
    return EXIT_USAGE;
  }
  const cmd = await entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`${cmd.usage}\n`);
    return 0;
  }
  return cmd.run(rest, io);
}
