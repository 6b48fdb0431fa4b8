/**
 * The real SahaApp for screen tests (issue 16, "one app"): composed from the same services and in
 * the same way as src/compose.ts (both call src/composeApp.ts), with the test's adapters where the device has hardware:
 *
 * - the memory store (MemoryBackend: a test can make an append fail or the disk fill up),
 * - FakePrinter (the printer contract's fake: paper-out, a held print head, the bytes printed),
 * - FakeScanner behind the real InputHub (scans reach the app as from a scanner),
 * - a clock the test moves,
 * - the in-process aedes broker with the real MqttLink, OutboxSender and InboundService, and a back
 *   office that publishes contract messages on it (docs/asyncapi.yaml).
 *
 * The device starts out of coverage: the broker runs but the device's link is not started, so what
 * the crew records stays in the outbox (as on a device in the field). `online()` brings it into
 * coverage, `offline()` takes it out again (the broker stops listening, as when the GSM link drops);
 * `syncedAt` starts the device just after a spell of coverage, which the cut's payment-race guard
 * reads (src/app/SyncTracker.ts). Assertions read what the real app keeps, not a call log: printed
 * copies from the document ledger and the printer's bytes, meter scans from the audit trail, events
 * from the outbox and from the back office.
 *
 * Jobs and the tariff are put in the store as already received, so tests start on a known route
 * without the job.accepted events their delivery would queue; jobs that arrive during a test come
 * through the back office (`office.assign`).
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import { FakeScanner } from '../../src/adapters/hid/FakeScanner.js';
import { InProcessBroker } from '../../src/adapters/mqtt/InProcessBroker.js';
import { type MqttLink } from '../../src/adapters/mqtt/MqttLink.js';
import { FakePrinter } from '../../src/adapters/printer/FakePrinter.js';
import { loadPrinterProfile } from '../../src/adapters/printer/loadPrinterProfile.js';
import { MemoryBackend } from '../../src/adapters/store/MemoryBackend.js';
import { openMemoryStore } from '../../src/adapters/store/openStore.js';
import type { StoreEngine } from '../../src/adapters/store/StoreEngine.js';
import { InputHub } from '../../src/app/InputHub.js';
import { loadFieldWorkReference } from '../../src/app/loadFieldWorkReference.js';
import { hashPin } from '../../src/app/OperatorService.js';
import type { OutboxSender } from '../../src/app/OutboxSender.js';
import type { SahaApp } from '../../src/app/SahaApp.js';
import type { StatusPublisher } from '../../src/app/StatusPublisher.js';
import { composeApp } from '../../src/composeApp.js';
import { loadConfig } from '../../src/config/loadConfig.js';
import type { Config } from '../../src/config/schema.js';
import type { MessageCommand } from '../../src/core/contract/commands.js';
import type { JobAssignMessage, JobCancelMessage } from '../../src/core/contract/jobMessages.js';
import { topics } from '../../src/core/contract/index.js';
import type { Job } from '../../src/core/contract/job.js';
import { sha256Hex } from '../../src/core/documents/evidenceHash.js';
import { decodeEscPos } from '../../src/core/escpos/decodeEscPos.js';
import { codeTablesOf, type PrinterProfile } from '../../src/core/escpos/printerProfile.js';
import type { FieldWorkReference } from '../../src/core/fieldwork/index.js';
import type { ReadingRules } from '../../src/core/reading/index.js';
import { isoInstant } from '../../src/core/time/calendar.js';
import type { OutboxEntry } from '../../src/ports/Store.js';
import { TEST_DISTRIBUTOR } from './distributor.js';
import { readingJob } from './sampleJobs.js';
import { esgaz } from './tariffs.js';
import { waitFor } from './waitFor.js';

/** An event as the device queues and publishes it. */
type DeviceEvent = OutboxEntry['envelope'];

/** 2026-11-25 10:00 in Istanbul (a Wednesday): 30 days after the sample jobs' last reading. */
export const TEST_NOW = Date.UTC(2026, 10, 25, 7, 0, 0);
export const DEVICE_ID = 'HT-0042';
export const READER = { operatorId: '1001', pin: '2468', name: 'Ali Kaya' };
export const SUPERVISOR = { operatorId: '9001', pin: '1357', name: 'Deniz Şef' };

export interface TestAppOptions {
  /** Number of sample reading jobs (readingJob(1..count)); default 20. */
  count?: number;
  /** Extra jobs held from the start (other kinds, urgent ones). */
  jobs?: Job[];
  /** The clock at start; default TEST_NOW. */
  now?: number;
  /** Demo mode (the scan prompt, the DEMO mark, demo reference data). */
  demo?: boolean;
  /** Reading rules; default the config's (the shipped defaults). */
  rules?: ReadingRules;
  /** Field-work reference data; default device/reference (with demo.json in demo mode), as compose.ts loads it. */
  reference?: FieldWorkReference;
  /** The device was last in coverage at this time and lost it since (the cut's sync guard); default never. */
  syncedAt?: number;
  /** The memory store's backend (failNextAppend, a lowered `free`); default a fresh one. */
  backend?: MemoryBackend;
  /** The store's free-space floor (config store.minFreeMB, in bytes); default none. */
  minFreeBytes?: number;
  /** config security.sessionTimeoutMin; default 0 (never locks). */
  sessionTimeoutMin?: number;
  /**
   * config printer.printOnConfirm; default false here (the device default is true): the screen
   * tests written before issue 19 step through "Kaydedildi" → Enter → print.
   */
  printOnConfirm?: boolean;
  /**
   * config input.confirmPauseMs; default 0 here (the device waits 400 ms): tests write keys as
   * fast as they can, which the debounce would take for a held key (adapters/ui/confirmGuard.ts).
   */
  confirmPauseMs?: number;
}

/** One printed copy, in the order the printer got them. */
export interface PrintRecord {
  documentNo: string;
  type: string;
  copy: number;
  reason?: string;
  at: string;
}

export class TestClock {
  constructor(private ms: number) {}
  now = (): number => this.ms;
  set(ms: number): void {
    this.ms = ms;
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}

/** Passwords of the test operators are hashed with light scrypt parameters: login stays fast. */
const FAST_SCRYPT = { N: 1024, r: 8, p: 1 };

export class TestApp {
  private officeClient: MqttClient | undefined;
  private linkStarted = false;
  private readonly received = new Map<string, DeviceEvent>();
  private n = 0;

  private constructor(
    readonly app: SahaApp,
    readonly store: StoreEngine,
    readonly backend: MemoryBackend,
    readonly printer: FakePrinter,
    readonly scanner: FakeScanner,
    readonly clock: TestClock,
    readonly profile: PrinterProfile,
    readonly broker: InProcessBroker,
    private readonly parts: { config: Config; link: MqttLink; sender: OutboxSender; hub: InputHub; statusPub: StatusPublisher },
  ) {}

  static async create(o: TestAppOptions = {}): Promise<TestApp> {
    const now = o.now ?? TEST_NOW;
    // The broker runs from the start, as it would at the depot; the device's link starts in online().
    const broker = await new InProcessBroker().start();
    const clock = new TestClock(o.syncedAt ?? now);
    const loaded = loadConfig({
      fileText: JSON.stringify({
        mode: o.demo ? 'demo' : 'device',
        deviceId: DEVICE_ID,
        invoiceSeries: 'HTA',
        // Back in coverage within a second after a test's offline spell (the schema's minimums).
        mqtt: { url: broker.url, reconnectMinMs: 100, reconnectMaxMs: 1000 },
        security: { sessionTimeoutMin: o.sessionTimeoutMin ?? 0 },
        // Device mode refuses the shipped sample distributor (src/config/loadConfig.ts).
        ...(o.demo ? {} : { distributor: TEST_DISTRIBUTOR }),
        printer: { printOnConfirm: o.printOnConfirm ?? false },
        input: { confirmPauseMs: o.confirmPauseMs ?? 0 },
      }),
    });
    if (!loaded.ok) throw new Error(`test config: ${JSON.stringify(loaded.errors)}`);
    const config = loaded.config;
    const root = process.cwd();
    const backend = o.backend ?? new MemoryBackend();
    const store = await openMemoryStore(
      {
        deviceId: DEVICE_ID,
        eventTopic: (d, t) => topics.event(d, t as never),
        clock: clock.now,
        newId: randomUUID,
        ...(o.minFreeBytes !== undefined ? { minFreeBytes: o.minFreeBytes } : {}),
      },
      backend,
    );

    const profile = await loadPrinterProfile(join(root, 'device', 'printers', `${config.printer.profile}.json`));
    const printer = new FakePrinter();
    const scanner = new FakeScanner('test-scanner');
    const hub = new InputHub([scanner]);
    // The device's own wiring (src/composeApp.ts), with the test's adapters.
    const { app, readings, operators, link, sender, statusPub } = await composeApp({
      config,
      root,
      store,
      printer,
      profile,
      hub,
      scannerInitially: 'missing',
      brokerUrl: broker.url,
      clock: clock.now,
      log: () => undefined,
      appVersion: 'test',
      ...(o.rules ? { readingRules: o.rules } : {}),
      // The fixture tariff (test/fixtures/tariffs/esgaz-k1-2025-08.json) is open-ended from 2025-08;
      // staleness has its own tests (test/unit/billing/tariffStaleness.test.ts).
      maxTariffAgeDays: null,
      reference: o.reference ?? loadFieldWorkReference({ dir: join(root, 'device', 'reference'), demo: o.demo ?? false }),
    });
    await operators.upsert({
      operatorId: READER.operatorId,
      name: READER.name,
      role: 'reader',
      pinHash: await hashPin(READER.pin, FAST_SCRYPT),
    });
    await operators.upsert({
      operatorId: SUPERVISOR.operatorId,
      name: SUPERVISOR.name,
      role: 'supervisor',
      pinHash: await hashPin(SUPERVISOR.pin, FAST_SCRYPT),
    });

    // The route and tariff as already received (see the header).
    const jobs = [...Array.from({ length: o.count ?? 20 }, (_, i) => readingJob(i + 1)), ...(o.jobs ?? [])];
    const at = isoInstant(clock.now());
    await store.transact((tx) => {
      const t = esgaz();
      tx.put('tariffs', t.tariffId, t);
      for (const job of jobs) tx.put('jobs', job.jobId, { job, state: 'open', receivedAt: at, updatedAt: at, workIds: [] });
    });

    // compose.ts start(), without the demo back office and ingest.
    await readings.voidDanglingReservations();
    await printer.open();
    await hub.start();
    sender.start();
    const t = new TestApp(app, store, backend, printer, scanner, clock, profile, broker, { config, link, sender, hub, statusPub });
    await t.startOffice();
    if (o.syncedAt !== undefined) {
      await t.online();
      await t.offline();
      clock.set(now);
    }
    return t;
  }

  // --- what the test does around the device

  /** A scan from the scanner (through the InputHub, as on the device). */
  scan(code: string): void {
    if (!this.scanner.scan(code)) throw new Error(`scan ${code} was not delivered (scanner unplugged?)`);
  }

  /** Into coverage: the broker listens again (after offline()), the link starts (once) and is online. */
  async online(): Promise<void> {
    if (!this.listening) await this.broker.listen();
    this.listening = true;
    if (!this.linkStarted) {
      this.linkStarted = true;
      this.parts.statusPub.start();
      this.parts.link.start();
    }
    await waitFor(() => this.parts.link.state.state === 'online', 'the device link online');
  }
  private listening = true;

  /** Out of coverage: the broker drops the device's connection and stops listening (sessions kept). */
  async offline(): Promise<void> {
    if (!this.listening) return;
    await this.broker.stopListening({ keepClients: [this.officeClientId] });
    this.listening = false;
    await waitFor(() => this.parts.link.state.state !== 'online', 'the device link offline');
  }

  get isOnline(): boolean {
    return this.parts.link.state.state === 'online';
  }

  private get officeClientId(): string {
    return `test-office-${process.pid}`;
  }

  private async startOffice(): Promise<void> {
    const c = await mqtt.connectAsync(this.broker.url, { clientId: this.officeClientId, clean: true, reconnectPeriod: 0 });
    c.on('message', (topic, payload) => {
      if (!topic.includes('/events/')) return;
      const e = JSON.parse(payload.toString()) as DeviceEvent;
      this.received.set(e.eventId, e);
    });
    await c.subscribeAsync(`saha/v1/devices/${DEVICE_ID}/events/+`, { qos: 1 });
    this.officeClient = c;
  }

  /**
   * The back office, publishing as the contract says (docs/asyncapi.yaml). A message to a device
   * out of coverage is delivered in a moment of coverage: the device comes online, commits the
   * message (its inbox record), and goes back out, so the test's coverage is what it was.
   */
  readonly office = {
    assign: (job: Job) =>
      this.deliver(topics.jobs(DEVICE_ID), {
        messageId: `test-assign-${++this.n}-${job.jobId}`,
        sentAt: isoInstant(this.clock.now()),
        type: 'job.assign',
        job,
      }),
    cancel: (jobId: string, reason: string) =>
      this.deliver(topics.jobs(DEVICE_ID), {
        messageId: `test-cancel-${++this.n}-${jobId}`,
        sentAt: isoInstant(this.clock.now()),
        type: 'job.cancel',
        jobId,
        reason,
      }),
    message: (text: string) =>
      this.deliver(topics.commands(DEVICE_ID), {
        messageId: `test-message-${++this.n}`,
        sentAt: isoInstant(this.clock.now()),
        type: 'message',
        text,
      }),
  };

  private async deliver(topic: string, msg: JobAssignMessage | JobCancelMessage | MessageCommand): Promise<void> {
    const wasOnline = this.isOnline;
    await this.online();
    await this.officeClient!.publishAsync(topic, JSON.stringify(msg), { qos: 1 });
    await waitFor(() => this.store.get('inbox', msg.messageId) !== undefined, `the device to take message ${msg.messageId}`);
    if (!wasOnline) await this.offline();
  }

  // --- what the real app kept, for assertions

  /** Every event the device recorded: still in the outbox or received by the back office, in seq order. */
  events<T extends DeviceEvent['type']>(type: T): Extract<DeviceEvent, { type: T }>[];
  events(): DeviceEvent[];
  events(type?: string): DeviceEvent[] {
    const all = new Map(this.received);
    for (const e of this.store.values('outbox')) all.set(e.envelope.eventId, e.envelope);
    return [...all.values()].filter((e) => type === undefined || e.type === type).sort((a, b) => a.seq - b.seq);
  }

  /** Outbox entries (envelope and topic) not yet delivered. */
  outbox(): OutboxEntry[] {
    return [...this.store.values('outbox')];
  }

  /** The copies the printer got, in order, each named by the document ledger entry whose bytes it printed. */
  prints(): PrintRecord[] {
    const copies = new Map<string, PrintRecord>();
    for (const e of this.store.values('documents')) {
      for (const c of e.copies)
        copies.set(c.sha256, {
          documentNo: e.documentNo,
          type: e.type,
          copy: c.copy,
          at: c.at,
          ...(c.reprint ? { reason: c.reprint.reason } : {}),
        });
    }
    return this.printer.jobs.map((b) => {
      const p = copies.get(sha256Hex(b));
      if (!p) throw new Error('the printer got bytes no ledger entry names');
      return p;
    });
  }

  /** The printed slips decoded back to the text on paper (the profile's width and code tables). */
  slips(): string[] {
    return this.printer.jobs.map((b) => decodeEscPos(b, { width: this.profile.columns, codeTables: codeTablesOf(this.profile) }).text);
  }

  /** Meter scans the app checked against a job, from the audit trail. */
  scans(): { jobId: string; match: boolean }[] {
    return [...this.store.values('audit')]
      .filter((a) => a.action === 'meter.scan.match' || a.action === 'meter.scan.mismatch')
      .map((a) => ({ jobId: String(a.details!.jobId), match: a.details!.match === true }));
  }

  async close(): Promise<void> {
    this.parts.sender.stop();
    await this.parts.statusPub.stop().catch(() => undefined);
    await this.parts.link.stop();
    await this.parts.hub.stop();
    await this.printer.close();
    await this.officeClient?.endAsync().catch(() => undefined);
    await this.broker.close();
    await this.store.close();
  }
}
