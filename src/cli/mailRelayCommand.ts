/**
 * `saha mail-relay --config FILE`: mails invoice.issued events that carry `emailTo` as PDF, once per
 * invoice (shared durable ledger), retrying SMTP with backoff; several relays share the load through
 * an MQTT shared subscription. Runs until SIGTERM/SIGINT; a message being handled then stays
 * unacknowledged and is delivered again. Config errors: every one with its key, exit 2.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ErrorCode, isAppError } from '../core/errors/AppError.js';
import { parseArgs, one } from './args.js';
import { streamLog } from '../adapters/log/streamLog.js';
import { EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, type CliCommand } from './types.js';

const usage = `Usage: saha mail-relay --config FILE [--verbose]

  --config FILE  relay config JSON (example: docs/examples/mail-relay.json; env SAHA_MAIL_RELAY_CONFIG)
  --verbose      log every mail sent (default: warnings and errors only)
  Logs go to stderr (systemd's journal); invoice numbers only, never customer data.`;

export const mailRelayCommand: CliCommand = {
  summary: 'e-mail issued invoices as PDF (SMTP), once per invoice, load shared by several relays',
  usage,
  async run(argv, io) {
    try {
      const p = parseArgs(argv, { values: ['config'], flags: ['verbose'] });
      const file = one(p, 'config') ?? io.env.SAHA_MAIL_RELAY_CONFIG;
      if (!file) {
        io.stderr(`saha mail-relay: --config is required\n${usage}\n`);
        return EXIT_USAGE;
      }
      let text: string;
      try {
        text = await readFile(resolve(io.cwd, file), 'utf8');
      } catch (e) {
        io.stderr(`saha mail-relay: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? e}\n`);
        return EXIT_USAGE;
      }
      const { parseRelayConfig } = await import('../backoffice/relayConfig.js');
      const r = parseRelayConfig(text);
      if (!r.ok) {
        for (const e of r.errors) io.stderr(`${file}: ${e.key}: ${e.message}\n`);
        return EXIT_USAGE;
      }
      const verbose = p.flags.has('verbose');
      const log = streamLog(io.stderr, { level: verbose ? 'info' : 'warn' });
      const { startMailRelay } = await import('../backoffice/startMailRelay.js');
      const running = await startMailRelay(r.config, { log });
      await new Promise<void>((res) => {
        process.once('SIGTERM', () => res());
        process.once('SIGINT', () => res());
      });
      await running.stop();
      log('info', `mail relay stopped: ${JSON.stringify(running.relay.stats)}`);
      return EXIT_OK;
    } catch (e) {
      if (isAppError(e)) {
        io.stderr(`saha mail-relay: ${e.message}\n`);
        return e.code === ErrorCode.Config_Invalid || e.code === ErrorCode.Input_Invalid ? EXIT_USAGE : EXIT_PROBLEM;
      }
      throw e;
    }
  },
};
