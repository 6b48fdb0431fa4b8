/**
 * Composition: config → logger → store → broker link → printer → input → services → app.
 * The only place (with cli/startCommand) that picks concrete adapters. Real hardware modules load
 * with await import() so demo mode never loads native code.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from './config/schema.js';
import { AppError, ErrorCode } from './core/errors/AppError.js';
import type { PrinterProfile } from './core/escpos/printerProfile.js';
import type { InputSource } from './ports/InputSource.js';
import type { Printer } from './ports/Printer.js';
import { inputProfileDir, logFilePath, openDeviceStore, printerProfileFile } from './provision/devicePaths.js';
import type { StoreFs } from './adapters/store/storeFs.js';
import { FakePrinter } from './adapters/printer/FakePrinter.js';
import { loadPrinterProfile } from './adapters/printer/loadPrinterProfile.js';
import { slipKeeper } from './adapters/printer/SlipFolderPrinter.js';
import { HeapTrimmer } from './adapters/runtime/heapTrimmer.js';
import { FileLogger } from './adapters/log/FileLogger.js';
import type { BrokerLink } from './ports/BrokerLink.js';
import type { Log, Logger } from './ports/Logger.js';
import { hashPin } from './app/OperatorService.js';
import type { OutboxSender } from './app/OutboxSender.js';
import { InputHub } from './app/InputHub.js';
import type { SahaApp } from './app/SahaApp.js';
import { DemoOffice } from './demo/DemoOffice.js';
import { DemoIngest } from './demo/DemoIngest.js';
import { localDate } from './core/time/calendar.js';
import { APP_VERSION } from './version.js';
import { composeApp } from './composeApp.js';

export { APP_VERSION };
/** How often the status's free space is measured again. */
const FREE_POLL_MS = 15_000;
/** Demo: how long start() waits for the device to be online before the back office dispatches. */
const DISPATCH_WAIT_MS = 30_000;

/** Resolves true once the link is online, false after `timeoutMs`. */
function online(link: BrokerLink, timeoutMs: number): Promise<boolean> {
  if (link.state.state === 'online') return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (ok: boolean) => {
      off();
      clearTimeout(timer);
      resolve(ok);
    };
    const off = link.onState((s) => {
      if (s.state === 'online') done(true);
    });
    const timer = setTimeout(() => done(false), timeoutMs);
  });
}

/** The installed app's root (package.json), from the bundle in dist/ or the sources in src/. */
export function appRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'device'))) return dir;
    dir = dirname(dir);
  }
  throw new AppError('cannot find the app root (package.json next to device/)', ErrorCode.Config_Invalid);
}

export const DEMO_OPERATOR = { operatorId: '1001', pin: '1234', name: 'Demo Okuyucu' } as const;
export const DEMO_SUPERVISOR = { operatorId: '9001', pin: '9999', name: 'Demo Şef' } as const;

export interface Composed {
  app: SahaApp;
  config: Config;
  logger: Logger;
  slipDir: string;
  brokerUrl: string;
  sender: OutboxSender;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export async function compose(
  config: Config,
  opts: {
    clock?: () => number;
    logger?: Logger;
    inputs?: InputSource[];
    /** The store's file operations (tests: FaultyFs, a disk that fills up). */ storeFs?: StoreFs;
  } = {},
): Promise<Composed> {
  const clock = opts.clock ?? Date.now;
  const root = appRoot();
  const dataDir = resolve(config.dataDir);
  const logger = opts.logger ?? new FileLogger(logFilePath(config), { level: config.logLevel });
  const log: Log = (level, msg, ctx) => logger.log(level, msg, ctx);
  const demo = config.mode === 'demo';

  const store = await openDeviceStore(config, { clock, ...(opts.storeFs ? { fs: opts.storeFs } : {}) });
  // Garbage from the store's load and from a route arriving is given back to the OS (heapTrimmer.ts).
  const trimmer = new HeapTrimmer({ log });
  store.onCommit((touched) => {
    if (touched.has('jobs')) trimmer.poke();
  });
  const r = store.report;
  // The journal still holds everything, but until a checkpoint succeeds damage to the partitions would go unnoticed.
  if (r.checkpointAtStart?.startsWith('failed'))
    log('error', `store: could not write the checkpoint and manifest at start (${r.checkpointAtStart}); free space and run saha doctor`);
  if (r.tornJournalTail)
    log('warn', 'store: dropped a journal record cut short by a crash (never acknowledged)', {
      bytes: r.tornJournalTail.bytes,
      keptAt: r.tornJournalTail.keptAt,
    });
  for (const f of r.staleTempFiles) log('warn', 'store: moved aside a temp file of an interrupted write', { file: f });
  if (r.staleLockPid !== undefined) log('warn', 'store: took over the lock of a process that is gone', { pid: r.staleLockPid });

  // Demo mode: the broker runs in this process (unless SAHA_MQTT_URL / mqtt.url names another);
  // the back office, which builds and publishes a whole route, runs in a child process, so this
  // process holds what a handheld holds plus the broker (src/demo/DemoOffice.ts).
  let url = config.mqtt.url;
  if (!url && !demo)
    throw new AppError('mqtt.url is required outside demo mode', ErrorCode.Config_Invalid, { context: { key: 'mqtt.url' } });
  const broker = demo && !url ? await (await import('./demo/demoBroker.js')).startDemoBroker(config.demo.brokerPort, log) : undefined;
  if (broker) url = broker.url;
  const office = demo ? new DemoOffice({ root, log, deviceId: config.deviceId, routeSize: config.demo.routeSize, url }) : undefined;
  if (office)
    url = await office.start().catch(async (e: unknown) => {
      await broker?.close();
      throw e;
    });

  // Printer
  const profile: PrinterProfile = {
    ...(await loadPrinterProfile(printerProfileFile(config.printer.profile, root))),
    ...(config.printer.port ? { path: config.printer.port } : {}),
  };
  let printer: Printer;
  if (demo) {
    printer = new FakePrinter();
  } else {
    const { SerialPrinter } = await import('./adapters/printer/SerialPrinter.js');
    printer = new SerialPrinter(profile, { log, pollIntervalMs: 5000 });
  }
  const slipDir = join(dataDir, 'slips');

  // Input: HID devices and serial scanners from the profile (device mode); the TUI adds the terminal keyboard itself.
  const sources: InputSource[] = [...(opts.inputs ?? [])];
  if (config.input.profile) {
    const { loadInputProfiles, HidInput } = await import('./adapters/hid/index.js');
    for (const p of await loadInputProfiles(inputProfileDir(config.input.profile, root))) sources.push(new HidInput(p, { log }));
    // Profiles of kind "serial-scanner" (device/input/README.md); serialport itself loads only in start().
    const { loadSerialScannerProfiles, SerialScanner } = await import('./adapters/serialscanner/index.js');
    for (const p of await loadSerialScannerProfiles(inputProfileDir(config.input.profile, root)))
      sources.push(new SerialScanner(p, { log }));
  }
  const hub = new InputHub(sources, { log });

  // Free space for the status bar and the retained status, measured every FREE_POLL_MS rather than
  // on every commit (the store measures for itself near the floor before it refuses new work).
  let freeBytes = r.freeBytes;
  let freeTimer: NodeJS.Timeout | undefined;
  const w = await composeApp({
    config,
    root,
    store,
    printer,
    profile,
    hub,
    scannerInitially: sources.length ? 'missing' : 'none',
    brokerUrl: url,
    clock,
    log,
    appVersion: APP_VERSION,
    freeBytes: () => freeBytes,
    ...(demo ? { keepSlip: slipKeeper(slipDir, profile) } : {}),
  });
  const { app, readings, operators, inspections, link, sender, syncRequester, statusPub, lifecycle } = w;
  // Demo operators exist before anything is painted: `saha start` shows the login screen before start().
  if (demo && operators.operators().length === 0) {
    await operators.upsert({
      operatorId: DEMO_OPERATOR.operatorId,
      name: DEMO_OPERATOR.name,
      role: 'reader',
      pinHash: await hashPin(DEMO_OPERATOR.pin),
    });
    await operators.upsert({
      operatorId: DEMO_SUPERVISOR.operatorId,
      name: DEMO_SUPERVISOR.name,
      role: 'supervisor',
      pinHash: await hashPin(DEMO_SUPERVISOR.pin),
    });
  }
  const measureFree = () =>
    store.freeSpace().then(
      (b) => {
        if (b === freeBytes) return;
        freeBytes = b;
        statusPub.changed();
        app.statusChanged();
      },
      () => undefined,
    );
  let retentionTimer: NodeJS.Timeout | undefined;
  const purge = () =>
    lifecycle.purge().then(
      (c) => {
        if (c.jobs) log('info', 'retention purge', { ...c });
      },
      (e: Error) => log('warn', `retention purge failed: ${e.message}`),
    );

  const demoIngest = demo && config.demo.ingest ? new DemoIngest({ root, dataDir, brokerUrl: url, log }) : undefined;

  return {
    app,
    config,
    logger,
    slipDir,
    brokerUrl: url,
    sender,
    async start() {
      const voided = await readings.voidDanglingReservations();
      const staleReports = await inspections.voidStaleDrafts(localDate(clock()));
      if (staleReports.length)
        log('warn', 'inspection reports begun on an earlier day and never confirmed were recorded as void', { count: staleReports.length });
      if (voided.length) log('warn', 'invoice numbers reserved before a crash were recorded as void', { count: voided.length });
      await printer.open();
      await hub.start().catch((e: Error) => log('warn', `input: ${e.message}`));
      // Demo: the back-office store subscribes before the device sends anything (DemoIngest.ts).
      await demoIngest?.start();
      statusPub.start();
      sender.start();
      syncRequester.start();
      link.start();
      await purge();
      retentionTimer = setInterval(() => void purge(), 6 * 3600_000);
      retentionTimer.unref();
      freeTimer = setInterval(() => void measureFree(), FREE_POLL_MS);
      freeTimer.unref();
      void lifecycle.resumePendingWipe().catch((e: Error) => log('warn', `pending wipe failed: ${e.message}`));
      // A restarted demo keeps its route (the device would ignore the repeats anyway).
      const today = localDate(clock());
      const hasRoute = [...store.values('jobs')].some((j) => j.job.dueDate === today);
      if (office) {
        // On a first start the broker keeps no session for the device until it has subscribed: a
        // route sent before then would be lost. The office is a process of its own, so wait for it.
        if (!(await online(link, DISPATCH_WAIT_MS))) log('warn', 'demo back office: the device is not online; dispatching anyway');
        await office
          .dispatch({ skipRoute: hasRoute, today, now: clock() })
          .catch((e: Error) => log('warn', `demo back office: ${e.message}`));
      }
      trimmer.run();
      log('info', 'started', {
        deviceId: config.deviceId,
        mode: config.mode,
        broker: demo && !config.mqtt.url ? 'demo office' : 'external',
      });
    },
    async stop() {
      trimmer.stop();
      if (retentionTimer) clearInterval(retentionTimer);
      if (freeTimer) clearInterval(freeTimer);
      sender.stop();
      syncRequester.stop();
      await demoIngest?.stop();
      await statusPub.stop();
      await link.stop();
      await hub.stop().catch(() => undefined);
      await printer.close();
      // A clean stop puts everything recorded into snapshot files the manifest checksums, with the
      // counters in its floor: a journal later deleted or cut short then loses nothing and cannot
      // rewind a number, and start-up replays nothing.
      await store
        .checkpoint()
        .catch((e: Error) => log('warn', `store: checkpoint at stop failed (the journal keeps everything): ${e.message}`));
      await store.close();
      await office?.stop();
      await broker?.close();
      log('info', 'stopped');
      await logger.close();
    },
  };
}
