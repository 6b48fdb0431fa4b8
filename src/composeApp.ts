/**
 * The app's services wired together: readings, operators, printing, field work, inspections, the
 * broker link with its outbox sender, inbound handling, status and data lifecycle, and SahaApp on
 * top. compose.ts calls it with the device's adapters (file store, serial printer, HID input, the
 * configured broker); the screen tests call it with the memory store, FakePrinter and a FakeScanner
 * (test/helpers/testApp.ts), so both run the one wiring (issue 16, "one app"). Starting and stopping
 * (timers, the link, the demo back office) stay with the caller.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Config } from './config/schema.js';
import { AppError, ErrorCode } from './core/errors/AppError.js';
import { parseReadingRules, type ReadingRules } from './core/reading/index.js';
import { topics, type KeyLike } from './core/contract/index.js';
import type { PrinterProfile } from './core/escpos/printerProfile.js';
import type { FieldWorkReference } from './core/fieldwork/index.js';
import type { Printer } from './ports/Printer.js';
import type { Log } from './ports/Logger.js';
import type { StoreEngine } from './adapters/store/StoreEngine.js';
import { MqttLink } from './adapters/mqtt/MqttLink.js';
import type { encodeDocument as EncodeDocument } from './adapters/printer/encodeDocument.js';
import { ReadingService } from './app/ReadingService.js';
import { OperatorService } from './app/OperatorService.js';
import { PrintService } from './app/PrintService.js';
import { OutboxSender } from './app/OutboxSender.js';
import { InboundService } from './app/InboundService.js';
import { StatusPublisher } from './app/StatusPublisher.js';
import type { InputHub } from './app/InputHub.js';
import { SahaApp } from './app/SahaApp.js';
import { SyncTracker } from './app/SyncTracker.js';
import { SyncRequester } from './app/SyncRequester.js';
import { FieldWorkService } from './app/FieldWorkService.js';
import { InspectionService, readInspectionConfig } from './app/InspectionService.js';
import { loadFieldWorkReference } from './app/loadFieldWorkReference.js';
import { DataLifecycle } from './app/DataLifecycle.js';

export interface AppParts {
  config: Config;
  /** The installed app's root (device/reference, device/printers). */
  root: string;
  store: StoreEngine;
  printer: Printer;
  profile: PrinterProfile;
  hub: InputHub;
  /** The scanner's presence before the hub reports one: 'none' when no input device is configured. */
  scannerInitially: 'present' | 'missing' | 'unavailable' | 'none';
  brokerUrl: string;
  clock: () => number;
  log: Log;
  appVersion: string;
  /** Demo mode keeps a copy of every slip (SlipFolderPrinter.slipKeeper). */
  keepSlip?: ConstructorParameters<typeof PrintService>[0]['keepSlip'];
  /** Free bytes last measured on the data volume; undefined when unknown. */
  freeBytes?: () => number | undefined;
  /** Tests only: reading rules and reference data other than the configured ones. */
  readingRules?: ReadingRules;
  reference?: FieldWorkReference;
  /** Tests only: the tariff age limit (null: none) instead of the configured one. */
  maxTariffAgeDays?: number | null;
}

export interface WiredApp {
  app: SahaApp;
  readings: ReadingService;
  operators: OperatorService;
  printing: PrintService;
  fieldWork: FieldWorkService;
  inspections: InspectionService;
  link: MqttLink;
  sender: OutboxSender;
  syncRequester: SyncRequester;
  statusPub: StatusPublisher;
  inbound: InboundService;
  lifecycle: DataLifecycle;
}

function readSecret(file: string, key: string): string {
  const st = statSync(file);
  if ((st.mode & 0o077) !== 0)
    throw new AppError(`${key}: ${file} must not be readable by group or others (chmod 600)`, ErrorCode.Config_Invalid, {
      context: { key, file },
    });
  return readFileSync(file, 'utf8').trim();
}

function publicKeys(dir: string | undefined): Map<string, KeyLike> {
  const keys = new Map<string, KeyLike>();
  if (dir) for (const f of readdirSync(dir)) if (f.endsWith('.pem')) keys.set(f.slice(0, -4), readFileSync(join(dir, f), 'utf8'));
  return keys;
}

function linkFor(config: Config, url: string, will: () => ReturnType<StatusPublisher['will']>, log: Log): MqttLink {
  const m = config.mqtt;
  return new MqttLink(
    {
      url,
      clientId: config.deviceId,
      protocolVersion: m.protocolVersion,
      keepaliveSec: m.keepaliveSec,
      sessionExpirySec: m.sessionExpirySec,
      reconnectMinMs: m.reconnectMinMs,
      reconnectMaxMs: m.reconnectMaxMs,
      subscriptions: topics.subscriptions(config.deviceId),
      will,
      ...(m.username ? { username: m.username } : {}),
      ...(m.passwordFile ? { password: readSecret(m.passwordFile, 'mqtt.passwordFile') } : {}),
      ...(m.caFile ? { ca: readFileSync(m.caFile) } : {}),
      ...(m.certFile ? { cert: readFileSync(m.certFile) } : {}),
      ...(m.keyFile ? { key: Buffer.from(readSecret(m.keyFile, 'mqtt.keyFile')) } : {}),
      ...(m.servername ? { servername: m.servername } : {}),
    },
    { log },
  );
}

export async function composeApp(p: AppParts): Promise<WiredApp> {
  const { config, store, printer, profile, hub, clock, log } = p;
  const demo = config.mode === 'demo';
  let rules = p.readingRules;
  if (!rules) {
    const parsed = parseReadingRules(config.reading);
    if (!parsed.ok) throw new AppError('reading rules invalid', ErrorCode.Config_Invalid);
    rules = parsed.rules;
  }

  // Field work: reference data (device/reference + optional override file), checked whole at start.
  const reference =
    p.reference ??
    loadFieldWorkReference({
      dir: join(p.root, 'device', 'reference'),
      demo,
      ...(config.fieldWork.referenceFile ? { overrideFile: resolve(config.fieldWork.referenceFile) } : {}),
    });
  // The demo's sample tariff (src/demo/sampleRoute.ts) is a fixed 2025-08 tariff the demo prices any
  // date with; a device refuses an open-ended tariff older than the period allows.
  const maxTariffAgeDays =
    p.maxTariffAgeDays === undefined ? (demo ? undefined : rules.maxTariffAgeDays) : (p.maxTariffAgeDays ?? undefined);
  const readings = new ReadingService({
    store,
    deviceId: config.deviceId,
    invoiceSeries: config.invoiceSeries,
    infoSlipSeries: config.infoSlipSeries,
    clock,
    newId: randomUUID,
    defaultMeterClass: rules.defaultMeterClass,
    tamperNoReadCode: rules.tamperNoReadCode,
    highConsumption: rules.highConsumption,
    // The crew's readings, device and demo alike: no bill without the meter scanned or declared unreadable (issue 19).
    requireScan: true,
    ...(maxTariffAgeDays !== undefined ? { maxTariffAgeDays } : {}),
    // Due dates move past the same holidays the cut gates know (device/reference).
    dueDateCalendar: { holidays: reference.holidays, coveredYears: reference.holidayYears.map((y) => y.year) },
  });
  const operators = new OperatorService({ store, clock });
  // The encoder loads on the first print (PrintService.prepare), not at start: issue 19, memory.
  let encodeDocument: typeof EncodeDocument | undefined;
  const printing = new PrintService({
    store,
    printer,
    width: profile.columns,
    prepare: async () => {
      encodeDocument ??= (await import('./adapters/printer/encodeDocument.js')).encodeDocument;
    },
    encode: (d) => {
      if (!encodeDocument) throw new AppError('the ESC/POS encoder is not loaded yet', ErrorCode.Printer_Io);
      return encodeDocument(d, profile);
    },
    distributor: config.distributor,
    clock,
    ...(p.keepSlip ? { keepSlip: p.keepSlip } : {}),
  });

  const sync = new SyncTracker(clock);
  const lastSyncAt = () => sync.lastSyncAt();
  const fieldWork = new FieldWorkService({ store, deviceId: config.deviceId, clock, newId: randomUUID, reference, lastSyncAt, printing });
  // Inspections: parameters from device/reference/inspection.json, checked whole at start.
  const inspectionConfig = await readInspectionConfig(join(p.root, 'device', 'reference', 'inspection.json'));
  const inspections = new InspectionService({ store, deviceId: config.deviceId, clock, config: () => inspectionConfig, printing });

  const m = config.mqtt;
  let statusPub: StatusPublisher | undefined;
  const link = linkFor(config, p.brokerUrl, () => statusPub!.will(), log);
  sync.attach(link);
  const syncRequester = new SyncRequester({ store, link, log });
  const sender = new OutboxSender({
    store,
    link,
    maxInFlight: m.maxInFlight,
    endToEndAck: m.endToEndAck,
    ackTimeoutMs: m.ackTimeoutSec * 1000,
    log,
    onReleasedGap: (heldFrom) =>
      void syncRequester.released(heldFrom).catch((e: Error) => log('warn', `could not queue sync.requested: ${e.message}`)),
  });

  let scanner = p.scannerInitially;
  const freeBytes = p.freeBytes ?? (() => undefined);
  const app: SahaApp = new SahaApp({
    deviceId: config.deviceId,
    demo,
    store,
    readings,
    operators,
    printing,
    link,
    printer,
    readingRules: rules,
    clock,
    log,
    subscribeInput: (fn) => {
      hub.on('input', fn);
      return () => void hub.off('input', fn);
    },
    scannerPresence: () => scanner,
    outboxDepth: () => sender.depth(),
    oldestPendingAt: () => sender.oldestUnsent()?.queuedAt ?? null,
    unackedDepth: () => sender.unackedDepth(),
    oldestUnackedAt: () => sender.oldestUnackedAt(),
    sessionTimeoutMs: config.security.sessionTimeoutMin * 60_000,
    printOnConfirm: config.printer.printOnConfirm,
    confirmPauseMs: config.input.confirmPauseMs,
    fieldWork,
    lastSyncAt,
    inspections,
    freeSpace: () => {
      const bytes = freeBytes();
      return bytes === undefined ? undefined : { bytes, floorBytes: config.store.minFreeMB * 1048576 };
    },
  });
  hub.on('rejected', (e) => app.notify({ kind: 'scan-rejected', reason: e.code === ErrorCode.Scan_TooLong ? 'too-long' : 'garbled' }));
  hub.on('device', (d) => {
    if (d.role === 'scanner') scanner = d.state;
    app.statusChanged();
  });
  statusPub = new StatusPublisher({
    link,
    deviceId: config.deviceId,
    appVersion: p.appVersion,
    clock,
    source: {
      outboxDepth: () => sender.depth(),
      oldestPendingAt: () => sender.oldestUnsent()?.envelope.occurredAt ?? null,
      // The contract's enum has no cover-open: the printer cannot print, which is what 'offline' tells the back office.
      printer: () => {
        const s = printer.lastStatus;
        return s === 'cover-open' ? 'offline' : s === 'ready' || s === 'paper-out' || s === 'offline' ? s : 'unknown';
      },
      operatorId: () => operators.session()?.operatorId ?? null,
      unackedDepth: () => sender.unackedDepth(),
      oldestUnackedAt: () => sender.oldestUnackedAt(),
      freeBytes,
    },
  });
  const lifecycle = new DataLifecycle({
    store,
    clock,
    retentionDays: config.security.retentionDays,
    deviceId: config.deviceId,
    whenDrained: () => sender.whenDrained(),
  });
  const inbound = new InboundService({
    store,
    deviceId: config.deviceId,
    maxBytes: m.maxInboundBytes,
    keys: publicKeys(config.security.publicKeysDir),
    requireSignatures: config.security.requireSignatures,
    tariffBounds: config.tariffBounds,
    notify: (n) => app.notify(n),
    clock,
    log,
    onWipe: (cmd) => lifecycle.requestWipe(cmd),
    onAck: (ack) => sender.onAck(ack),
  });
  link.setInboundBatchHandler((msgs) => inbound.handleBatch(msgs));
  const status = statusPub;
  store.onCommit((t) => {
    if (t.has('outbox')) status.changed();
  });
  // PUBACKs and acks move events between the depths without a commit (end-to-end acks on).
  sender.onChange(() => {
    status.changed();
    app.statusChanged();
  });
  printer.onStatus(() => status.changed());

  return { app, readings, operators, printing, fieldWork, inspections, link, sender, syncRequester, statusPub: status, inbound, lifecycle };
}
