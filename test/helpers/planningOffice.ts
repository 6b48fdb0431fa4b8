/**
 * An office that dispatches jobs and receives the crews' events through the real back-office paths,
 * for the planning tests and the planning simulator (test/bench/planning.ts): jobs are built with
 * assignOrder and recorded in the job ledger as `saha dispatch --database-url` records them
 * (recordOrders: toLedgerOrder + JobLedger.record), events travel as MQTT messages (topic + JSON bytes) into EventStore.storeBatch,
 * the store `saha ingest` writes with, with job delivery's in-transaction hook as ingest runs it.
 * Only the broker hop is left out.
 */
import { randomUUID } from 'node:crypto';
import type { Database } from '../../src/backoffice/db/Database.js';
import { migrate } from '../../src/backoffice/db/migrate.js';
import { EventStore, type IncomingMessage } from '../../src/backoffice/ingest/EventStore.js';
import { JobDelivery } from '../../src/backoffice/jobs/JobDelivery.js';
import { JobLedger } from '../../src/backoffice/jobs/JobLedger.js';
import { toLedgerOrder } from '../../src/backoffice/jobs/ledgerOrder.js';
import { assignOrder, type Order } from '../../src/backoffice/orders.js';
import { topics, type EventType, type Job } from '../../src/core/contract/index.js';

export interface OfficeInstallation {
  installationNo: string;
  contractAccount: string;
  name: string;
  address: string;
  tariffGroup: string;
  meter: { serial: string; digits: number; class?: string };
  priorOffences?: { date: string; finding: 'kacak' | 'usulsuz' }[];
}

export type JobKindName = Job['kind'];

export class PlanningOffice {
  private readonly store: EventStore;
  private readonly delivery: JobDelivery;
  private readonly seq = new Map<string, number>();
  private orders = new Map<string, Order[]>();
  /** Per device: each job's events, in the order the device published them. */
  private messages = new Map<string, Map<string, IncomingMessage[]>>();
  private jobNo = 0;
  stored = 0;
  quarantined = 0;

  private readonly ledger: JobLedger;

  /** `window`: jobs in flight per device (ingest's --job-window); a month's route fits in one claim. */
  constructor(
    private readonly db: Database,
    private readonly batch = 500,
    window?: number,
  ) {
    this.store = new EventStore(db);
    this.ledger = new JobLedger(db, window === undefined ? {} : { window });
    // Job delivery's hook marks a job done when its event arrives, inside the batch, as ingest does.
    this.delivery = new JobDelivery({ ledger: new JobLedger(db), publish: async () => undefined });
  }

  async open(): Promise<void> {
    await migrate(this.db);
  }

  /** Queues a job for `deviceId`; returns its jobId. `index`/`lastRead` are the office's last reading. */
  assign(
    deviceId: string,
    inst: OfficeInstallation,
    kind: JobKindName,
    date: string,
    index: number,
    lastRead: string,
    extra: Partial<Job> = {},
  ): string {
    const jobId = `${kind[0]!.toUpperCase()}-${++this.jobNo}`;
    const job = {
      jobId,
      version: 1,
      kind,
      priority: 'normal',
      routeSeq: this.jobNo,
      dueDate: date,
      customer: {
        installationNo: inst.installationNo,
        contractAccount: inst.contractAccount,
        name: inst.name,
        address: inst.address,
        ...(inst.priorOffences?.length ? { priorOffences: inst.priorOffences } : {}),
      },
      meter: {
        serial: inst.meter.serial,
        digits: inst.meter.digits,
        lastIndex: index,
        lastReadDate: lastRead,
        ...(inst.meter.class ? { class: inst.meter.class } : {}),
      },
      ...(kind === 'reading' ? { tariffGroup: inst.tariffGroup } : {}),
      ...extra,
    } as Job;
    const list = this.orders.get(deviceId) ?? [];
    list.push(assignOrder(job, { deviceId, sentAt: `${date}T07:00:00+03:00`, newId: randomUUID }));
    this.orders.set(deviceId, list);
    return jobId;
  }

  /** Queues an event as the device publishes it. */
  event(deviceId: string, jobId: string, type: EventType, date: string, data: Record<string, unknown>): void {
    const seq = (this.seq.get(deviceId) ?? 0) + 1;
    this.seq.set(deviceId, seq);
    const envelope = { eventId: randomUUID(), deviceId, seq, type, occurredAt: `${date}T10:00:00+03:00`, operatorId: 'op-1', jobId, data };
    const byJob = this.messages.get(deviceId) ?? new Map<string, IncomingMessage[]>();
    this.messages.set(deviceId, byJob);
    const list = byJob.get(jobId) ?? [];
    list.push({ topic: topics.event(deviceId, type), payload: Buffer.from(JSON.stringify(envelope)) });
    byJob.set(jobId, list);
  }

  /**
   * Records the queued jobs of each device, then, as ingest's job delivery would, claims what the
   * window lets it send and stores the events of the jobs sent (which marks them done, freeing the
   * window), until every job is out. Events of jobs the ledger never held are stored last.
   */
  async flush(): Promise<void> {
    const ledger = this.ledger;
    for (const [deviceId, list] of this.orders) {
      // What recordOrders (`saha dispatch --database-url`) does after its one migrate().
      await ledger.record(
        deviceId,
        list.map(toLedgerOrder).filter((o) => o !== null),
      );
      const byJob = this.messages.get(deviceId) ?? new Map<string, IncomingMessage[]>();
      for (let out = await ledger.claim(deviceId); out.length; out = await ledger.claim(deviceId)) {
        const jobIds = out.map((o) => (JSON.parse(o.payload) as { job?: { jobId: string } }).job?.jobId);
        const msgs = jobIds.flatMap((j) => (j === undefined ? [] : (byJob.get(j) ?? [])));
        for (const j of jobIds) if (j !== undefined) byJob.delete(j);
        await this.store_(msgs);
      }
    }
    this.orders = new Map();
    for (const byJob of this.messages.values()) await this.store_([...byJob.values()].flat());
    this.messages = new Map();
  }

  private async store_(all: readonly IncomingMessage[]): Promise<void> {
    for (let i = 0; i < all.length; i += this.batch) {
      const out = await this.store.storeBatch(all.slice(i, i + this.batch), this.delivery.hook);
      this.stored += out.stored.length;
      this.quarantined += out.quarantined.length;
      if (out.quarantined.length) throw new Error(`quarantined: ${out.quarantined[0]!.reason} ${out.quarantined[0]!.detail}`);
    }
  }
}
