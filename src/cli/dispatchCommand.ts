/**
 * `saha dispatch`: the back office's orders from files. Everything is validated before the first
 * byte is sent (a route with one bad row sends nothing), every problem at once, exit 2.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { AppError, ErrorCode, isAppError } from '../core/errors/AppError.js';
import { isoInstant } from '../core/time/calendar.js';
import { BROKER_OPTIONS, BROKER_USAGE, brokerArgs, mqttOptions } from '../backoffice/brokerConfig.js';
import { parseArgs, one } from './args.js';
import { CUT_CHECK_FLAGS, CUT_CHECK_USAGE, CUT_CHECK_VALUES, runCutCheck } from './dispatchCutCheck.js';
import { EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, type CliCommand } from './types.js';

const usage = `Usage: saha dispatch --device ID [--route FILE] [--cancel JOB --reason TEXT] [--message TEXT] [options]
       saha dispatch --tariff FILE… | --withdraw-tariff ID   (every device, retained)
       saha dispatch --check --route FILE --at ISO-DATETIME [--json]   (cut gates at that moment)

  --device ID           the handheld (its MQTT client id)
  --route FILE          jobs from CSV (header = field paths, see docs/examples/route.csv) or JSON
  --cancel JOB          cancel a job (a payment stops a pending cut); needs --reason
  --message TEXT        show a message to the crew
  --tariff FILE         publish a tariff JSON, retained (repeatable)
  --withdraw-tariff ID  withdraw a tariff (empty retained payload)
  --key FILE --kid KID  sign job messages, commands and tariffs with this Ed25519 private key
                        (PKCS#8 PEM); each signed order names its device ("*" for tariffs) and
                        carries notAfter, after which devices refuse it
  --valid-hours N       a signed job message or command expires N hours after sending (default 72;
                        the ledger's re-sends of an unanswered order expire with it)
  --tariff-valid-days N a signed tariff expires N days after sending (default 365; publish it again
                        before then, or devices that subscribe later refuse it)
  --check               validate only; send nothing
${CUT_CHECK_USAGE}
  --database-url URL    record jobs, cancels and messages in the back-office database (env
                        SAHA_BO_DATABASE_URL) instead of publishing them: the running \`saha ingest\`
                        on the same database sends them, paced, and re-sends until the device answers
  --data-dir DIR        the same in an embedded (PGlite) store; only while ingest is NOT running on
                        it (one process per directory): with ingest running, use its PostgreSQL URL
${BROKER_USAGE}`;

export const dispatchCommand: CliCommand = {
  summary: 'send a route (CSV/JSON), tariffs, cancellations and messages to devices',
  usage,
  async run(argv, io) {
    try {
      const p = parseArgs(argv, {
        values: [
          'device',
          'route',
          'cancel',
          'reason',
          'message',
          'tariff',
          'withdraw-tariff',
          'key',
          'kid',
          'valid-hours',
          'tariff-valid-days',
          'database-url',
          'data-dir',
          ...CUT_CHECK_VALUES,
          ...BROKER_OPTIONS,
        ],
        repeat: ['tariff', 'withdraw-tariff'],
        flags: ['check', ...CUT_CHECK_FLAGS],
      });
      if (one(p, 'at') !== undefined) return await runCutCheck(p, io);
      for (const o of [...CUT_CHECK_VALUES, ...CUT_CHECK_FLAGS])
        if (p.values[o] || p.flags.has(o))
          throw new AppError(`--${o} goes with --check --route FILE --at ISO-DATETIME`, ErrorCode.Input_Invalid);
      const { parseRouteFile, formatRouteProblem } = await import('../backoffice/routeFile.js');
      const orders = await import('../backoffice/orders.js');
      const deviceId = one(p, 'device');
      const route = one(p, 'route');
      const cancel = one(p, 'cancel');
      const message = one(p, 'message');
      const tariffs = p.values.tariff ?? [];
      const withdraw = p.values['withdraw-tariff'] ?? [];
      if (!route && !cancel && !message && !tariffs.length && !withdraw.length)
        throw new AppError('nothing to send: give --route, --cancel, --message, --tariff or --withdraw-tariff', ErrorCode.Input_Invalid);
      if ((route || cancel || message) && !deviceId)
        throw new AppError('--device is required for --route, --cancel and --message', ErrorCode.Input_Invalid);
      if (cancel && !one(p, 'reason')) throw new AppError('--cancel needs --reason (e.g. paid)', ErrorCode.Input_Invalid);
      const keyFile = one(p, 'key');
      const kid = one(p, 'kid');
      if (!!keyFile !== !!kid) throw new AppError('--key and --kid go together', ErrorCode.Input_Invalid);
      const signer = keyFile && kid ? { kid, privateKey: await readText(resolve(io.cwd, keyFile), 'signing key') } : undefined;
      const validHours = positive(p, 'valid-hours', orders.DEFAULT_VALID_HOURS);
      const tariffValidHours = positive(p, 'tariff-valid-days', orders.DEFAULT_TARIFF_VALID_HOURS / 24) * 24;
      const sentAt = isoInstant(Date.now());
      const ctx = { deviceId: deviceId ?? '', sentAt, newId: randomUUID, validHours, ...(signer ? { signer } : {}) };

      const out: import('../backoffice/orders.js').Order[] = [];
      for (const f of tariffs) {
        const text = await readText(resolve(io.cwd, f), 'tariff file');
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch (e) {
          throw new AppError(`${f}: not valid JSON (${(e as Error).message})`, ErrorCode.Input_Invalid);
        }
        out.push(orders.tariffOrder(json, signer ? { signer, sentAt, validHours: tariffValidHours } : undefined));
      }
      for (const id of withdraw) out.push(orders.withdrawTariffOrder(id));
      if (route) {
        const r = parseRouteFile(route, await readText(resolve(io.cwd, route), 'route file'));
        if (!r.ok) {
          for (const prob of r.problems) io.stderr(`${formatRouteProblem(prob, route)}\n`);
          io.stderr(`saha dispatch: ${r.problems.length} problem(s) in ${route}; nothing sent\n`);
          return EXIT_USAGE;
        }
        for (const job of [...r.jobs].sort((a, b) => a.routeSeq - b.routeSeq)) out.push(orders.assignOrder(job, ctx));
      }
      if (cancel) out.push(orders.cancelOrder(cancel, one(p, 'reason')!, ctx));
      if (message) out.push(orders.messageOrder(message, ctx));

      if (p.flags.has('check')) {
        for (const o of out) io.stdout(`ok  ${o.label} → ${o.topic}${o.retain ? ' (retained)' : ''}\n`);
        io.stdout(`${out.length} order(s) valid; nothing sent (--check)\n`);
        return EXIT_OK;
      }
      const databaseUrl = one(p, 'database-url') ?? (io.env.SAHA_BO_DATABASE_URL || undefined);
      const dataDir = one(p, 'data-dir');
      if (databaseUrl || dataDir) {
        // Job messages go to the ledger; ingest delivers them. Tariffs are for every device,
        // retained by the broker, so they are still published here.
        const jobs = out.filter((o) => !o.retain);
        const rest = out.filter((o) => o.retain);
        if (jobs.length) {
          const { recordDispatch, describeRecord } = await import('../backoffice/jobs/recordDispatch.js');
          const r = await recordDispatch(databaseUrl ? { url: databaseUrl } : { dataDir: resolve(io.cwd, dataDir!) }, deviceId!, jobs);
          io.stdout(`${describeRecord(r)}\n`);
        }
        if (!rest.length) return EXIT_OK;
        out.splice(0, out.length, ...rest);
      }
      const { BackOfficeClient } = await import('../backoffice/BackOfficeClient.js');
      const { sendOrders } = await import('../backoffice/dispatch.js');
      const client = await BackOfficeClient.connect(
        mqttOptions(brokerArgs(p.values, io.env), { clientId: `saha-dispatch-${process.pid}-${randomUUID().slice(0, 8)}`, clean: true }),
      );
      try {
        const n = await sendOrders(client, out, (o) => io.stdout(`sent ${o.label} → ${o.topic}${o.retain ? ' (retained)' : ''}\n`));
        io.stdout(`${n} order(s) sent${signer ? `, signed with ${signer.kid}` : ''}\n`);
      } finally {
        await client.drainAndClose();
      }
      return EXIT_OK;
    } catch (e) {
      if (isAppError(e)) {
        io.stderr(`saha dispatch: ${e.message}\n`);
        const problem: string[] = [
          ErrorCode.Mqtt_Connect,
          ErrorCode.Mqtt_Auth,
          ErrorCode.Mqtt_Closed,
          ErrorCode.Db_Unavailable,
          ErrorCode.Db_Query,
          ErrorCode.Db_Migration,
          ErrorCode.Db_Locked,
        ];
        return problem.includes(e.code) ? EXIT_PROBLEM : EXIT_USAGE;
      }
      throw e;
    }
  },
};

function positive(p: ReturnType<typeof parseArgs>, name: string, fallback: number): number {
  const v = one(p, name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!/^[0-9]+(\.[0-9]+)?$/.test(v) || !(n > 0))
    throw new AppError(`--${name} must be a positive number, got "${v}"`, ErrorCode.Input_Invalid);
  return n;
}

async function readText(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    throw new AppError(`cannot read ${what} ${file}: ${(e as NodeJS.ErrnoException).code ?? e}`, ErrorCode.Input_Invalid);
  }
}
