/**
 * `saha ingest`: stores every device's events in the back-office database (PostgreSQL, or PGlite in
 * a data directory when no URL is given) and publishes end-to-end acks; job delivery and invoice
 * reconciliation ride on its batches as plug-ins. Runs until SIGTERM/SIGINT: the batch being stored
 * is finished and acknowledged, queued messages stay unacknowledged (the broker re-delivers them),
 * then the database closes. Start-up errors print one line and exit non-zero (systemd restarts).
 */
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { ErrorCode, isAppError } from '../core/errors/AppError.js';
import { BROKER_OPTIONS, BROKER_USAGE, brokerArgs, mqttOptions } from '../backoffice/brokerConfig.js';
import { streamLog } from '../adapters/log/streamLog.js';
import { one, parseArgs, wholeNumber } from './args.js';
import { EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, type CliCommand } from './types.js';

const usage = `Usage: saha ingest [--database-url URL | --data-dir DIR] [--group NAME | --no-share] [options]

  --database-url URL  PostgreSQL, postgres://user@host:5432/db (env SAHA_BO_DATABASE_URL)
  --data-dir DIR      without a URL: embedded PGlite in DIR (default ./saha-backoffice-data;
                      one process per directory)
  --group NAME        shared-subscription group; instances in one group split the devices' events
                      (default saha-ingest)
  --no-share          plain subscription, for brokers without $share (aedes): run one instance only
  --client-id ID      MQTT client id of this instance's persistent session; unique per instance
                      (env SAHA_BO_INGEST_CLIENT_ID; default saha-ingest-<hostname>)
  --max-batch N       messages per transaction at most (default 500)
  --job-window N      unaccepted job assigns in flight per device (job delivery; see docs/deployment.md)
  --mqtt-v4           connect with MQTT 3.1.1 instead of 5
  --verbose           log every batch (default: start, stop, warnings and errors)
  --stop-on-stdin-close  stop when standard input closes (the demo runs ingest as its child: a
                      killed demo must not leave an orphan holding the data directory)
${BROKER_USAGE}
  Logs go to stderr (systemd's journal): device ids, seqs and reasons, never customer data.`;

export const ingestCommand: CliCommand = {
  summary: 'back office: store device events in PostgreSQL (or PGlite), acknowledge them end to end, deliver jobs',
  usage,
  async run(argv, io) {
    try {
      const p = parseArgs(argv, {
        values: ['database-url', 'data-dir', 'group', 'client-id', 'max-batch', 'job-window', ...BROKER_OPTIONS],
        flags: ['no-share', 'mqtt-v4', 'verbose', 'stop-on-stdin-close'],
      });
      const url = one(p, 'database-url') ?? (io.env.SAHA_BO_DATABASE_URL || undefined);
      const dataDir = resolve(io.cwd, one(p, 'data-dir') ?? 'saha-backoffice-data');
      const clientId =
        one(p, 'client-id') ?? (io.env.SAHA_BO_INGEST_CLIENT_ID || `saha-ingest-${hostname().replace(/[^A-Za-z0-9_-]/g, '-')}`);
      const maxBatch = wholeNumber(p, 'max-batch');
      const jobWindow = wholeNumber(p, 'job-window');
      const broker = brokerArgs(p.values, io.env);
      const mqtt = mqttOptions({ ...broker, protocolVersion: p.flags.has('mqtt-v4') ? 4 : 5 }, { clientId, clean: false });
      const verbose = p.flags.has('verbose');
      // Run as a child (the demo): the parent reads our stderr, and once it is gone a log line must
      // not kill us with EPIPE before the database is closed cleanly.
      if (p.flags.has('stop-on-stdin-close')) process.stderr.on('error', () => undefined);
      const log = streamLog(io.stderr, { level: verbose ? 'info' : 'warn' });

      const { openDatabase } = await import('../backoffice/db/openDatabase.js');
      const { IngestService } = await import('../backoffice/ingest/IngestService.js');
      const { jobDeliveryPlugin } = await import('../backoffice/jobs/jobDeliveryPlugin.js');
      const { reconcilePlugin } = await import('../backoffice/reconcile/reconcilePlugin.js');
      const db = await openDatabase(
        url ? { url, pg: { onIdleError: (e) => log('warn', `database connection lost: ${e.message}`) } } : { dataDir },
      );
      const service = new IngestService({
        db,
        mqtt,
        log,
        share: !p.flags.has('no-share'),
        ...(one(p, 'group') ? { group: one(p, 'group')! } : {}),
        ...(maxBatch ? { maxBatch } : {}),
        plugins: [jobDeliveryPlugin(jobWindow ? { window: jobWindow } : {}), reconcilePlugin()],
      });
      let stopServing: (() => Promise<void>) | undefined;
      try {
        await service.start();
        // PGlite: this process holds the directory, so it answers `saha report --data-dir` itself.
        if (!url) {
          const { reportSocketPath, serveReports } = await import('../backoffice/report/reportSocket.js');
          stopServing = await serveReports(db, reportSocketPath(dataDir));
        }
        io.stderr(`${new Date().toISOString()} info saha ingest ${clientId} storing in ${url ? 'PostgreSQL' : `PGlite ${dataDir}`}\n`);
        await new Promise<void>((res) => {
          process.once('SIGTERM', () => res());
          process.once('SIGINT', () => res());
          // A closed terminal: stop as cleanly as on SIGTERM (the default action would skip closing the database).
          process.once('SIGHUP', () => res());
          if (p.flags.has('stop-on-stdin-close')) {
            process.stdin
              .on('end', () => res())
              .on('close', () => res())
              .on('error', () => res());
            process.stdin.resume();
          }
        });
        await stopServing?.();
        stopServing = undefined;
        await service.stop();
        io.stderr(`${new Date().toISOString()} info saha ingest stopped: ${JSON.stringify(service.stats)}\n`);
        return EXIT_OK;
      } finally {
        await stopServing?.().catch(() => undefined);
        await db.close();
      }
    } catch (e) {
      if (isAppError(e)) {
        io.stderr(`saha ingest: ${e.message}\n`);
        return e.code === ErrorCode.Config_Invalid || e.code === ErrorCode.Input_Invalid ? EXIT_USAGE : EXIT_PROBLEM;
      }
      throw e;
    }
  },
};
