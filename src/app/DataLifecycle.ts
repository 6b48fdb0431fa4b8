/**
 * Customer data does not stay on a handheld longer than needed (a lost device leaks less):
 * - retention: jobs finished more than `retentionDays` ago whose events were all delivered are
 *   purged with their work, invoices and printed-document records. Nothing unsent is ever purged.
 *   A small tombstone (job id and version, no personal data) stays so that a replayed old
 *   job.assign cannot bring the job back.
 * - wipe: a signed `wipe` command erases all customer data, after the unsent records are delivered
 *   (afterDelivery) or at once, and reports what it did with a `device.wiped` event.
 * Audit entries and invoice-number records carry no personal data and are kept.
 */
import { isoInstant } from '../core/time/calendar.js';
import type { OfficeMessage } from '../core/store/records.js';
import type { Store, Tx } from '../ports/Store.js';

const DAY_MS = 86_400_000;

export interface PurgeCounts {
  jobs: number;
  work: number;
  invoices: number;
  documents: number;
  messages: number;
}

const PENDING_WIPE = 'wipe:pending';

export class DataLifecycle {
  constructor(
    private readonly d: { store: Store; clock: () => number; retentionDays: number; deviceId: string; whenDrained: () => Promise<void> },
  ) {}

  /**
   * Carries out a verified wipe command. afterDelivery: the order is stored first (it survives a
   * restart) and carried out once the outbox is empty; the inbound channel is not held up meanwhile.
   */
  async requestWipe(cmd: { messageId: string; afterDelivery: boolean }): Promise<void> {
    if (!cmd.afterDelivery) {
      await this.wipe(cmd);
      return;
    }
    await this.d.store.transact((tx) => tx.put('reference', PENDING_WIPE, { messageId: cmd.messageId, afterDelivery: true }));
    void this.resumePendingWipe();
  }

  /** Start-up and after requestWipe: a stored wipe order runs when every record is delivered. */
  async resumePendingWipe(): Promise<boolean> {
    const p = this.d.store.get('reference', PENDING_WIPE);
    if (!p) return false;
    await this.d.whenDrained();
    await this.wipe(p);
    return true;
  }

  private jobsWithUnsentEvents(): Set<string> {
    const s = new Set<string>();
    for (const e of this.d.store.values('outbox')) if (e.envelope.jobId) s.add(e.envelope.jobId);
    return s;
  }

  private erase(tx: Tx, jobIds: ReadonlySet<string>, counts: PurgeCounts): void {
    const st = this.d.store;
    for (const id of jobIds) {
      const rec = tx.get('jobs', id);
      if (!rec) continue;
      for (const w of rec.workIds)
        if (tx.get('work', w)) {
          tx.del('work', w);
          counts.work++;
        }
      tx.del('jobs', id);
      tx.put('reference', `purged:${id}`, { jobId: id, version: rec.job.version, at: isoInstant(tx.now) });
      counts.jobs++;
    }
    for (const { invoice } of st.values('invoices')) {
      if (jobIds.has(invoice.jobId)) {
        tx.del('invoices', invoice.invoiceNo);
        counts.invoices++;
      }
    }
    for (const doc of st.values('documents')) {
      if (doc.jobId && jobIds.has(doc.jobId)) {
        tx.del('documents', doc.documentNo);
        counts.documents++;
      }
    }
  }

  /** Purges what retention allows; returns what was removed. Safe to run at any time. */
  async purge(): Promise<PurgeCounts> {
    const cutoff = isoInstant(this.d.clock() - this.d.retentionDays * DAY_MS);
    const unsent = this.jobsWithUnsentEvents();
    const old = new Set<string>();
    for (const r of this.d.store.values('jobs')) {
      if (r.state !== 'open' && r.updatedAt < cutoff && !unsent.has(r.job.jobId)) old.add(r.job.jobId);
    }
    const counts: PurgeCounts = { jobs: 0, work: 0, invoices: 0, documents: 0, messages: 0 };
    if (old.size === 0) return counts;
    await this.d.store.transact((tx) => {
      this.erase(tx, old, counts);
      tx.audit({ actor: 'system', action: 'retention.purge', details: { ...counts, retentionDays: this.d.retentionDays } });
    });
    return counts;
  }

  /** Erases all customer data and queues `device.wiped`. With afterDelivery, call it once the outbox is empty. */
  async wipe(cmd: { messageId: string; afterDelivery: boolean }): Promise<PurgeCounts> {
    const counts: PurgeCounts = { jobs: 0, work: 0, invoices: 0, documents: 0, messages: 0 };
    let discarded = 0;
    await this.d.store.transact((tx) => {
      const all = new Set([...this.d.store.values('jobs')].map((r) => r.job.jobId));
      this.erase(tx, all, counts);
      // Documents without a job (day summaries) name customers' totals only, but a wipe leaves nothing.
      for (const doc of this.d.store.values('documents'))
        if (tx.get('documents', doc.documentNo)) {
          tx.del('documents', doc.documentNo);
          counts.documents++;
        }
      for (const w of this.d.store.values('work'))
        if (tx.get('work', w.id)) {
          tx.del('work', w.id);
          counts.work++;
        }
      for (const [k] of this.referenceEntries())
        if (k.startsWith('message:')) {
          tx.del('reference', k);
          counts.messages++;
        }
      if (!cmd.afterDelivery) {
        // Undelivered events carry customer data too (invoice.issued): erased on explicit order only.
        for (const e of this.d.store.values('outbox')) {
          tx.del('outbox', String(e.seq).padStart(12, '0'));
          discarded++;
        }
      }
      tx.del('reference', PENDING_WIPE);
      // Ordered by the back office, not by anyone on the device: operatorId null (docs/asyncapi.yaml).
      tx.event({
        type: 'device.wiped',
        operatorId: null,
        data: { messageId: cmd.messageId, afterDelivery: cmd.afterDelivery, erased: { ...counts }, discardedEvents: discarded },
      });
      tx.audit({
        actor: 'backoffice',
        action: 'device.wiped',
        details: { messageId: cmd.messageId, afterDelivery: cmd.afterDelivery, ...counts, discardedEvents: discarded },
      });
    });
    return counts;
  }

  /** Back-office messages are kept under `message:<messageId>` (InboundService); the store lists values, so rebuild the key. */
  private *referenceEntries(): Generator<[`message:${string}`, OfficeMessage]> {
    for (const v of this.d.store.values('reference')) if ('text' in v && 'messageId' in v) yield [`message:${v.messageId}`, v];
  }
}
