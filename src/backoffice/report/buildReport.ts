/**
 * Builds the whole report from the event store. Reads only, and never migrates: a report must not
 * change the schema under a running ingest. Every section runs in one read-only repeatable-read
 * transaction, so the figures agree with each other while ingest keeps writing (PGlite has one
 * connection, so its transaction sees nothing change either).
 */
import { AppError, ErrorCode } from '../../core/errors/AppError.js';
import type { Database } from '../db/Database.js';
import { activitySection } from './activitySection.js';
import { deviceSection } from './deviceSection.js';
import { hasTable } from './hasTable.js';
import { jobsSection, NO_JOB_LEDGER } from './jobsSection.js';
import { numberingSection } from './numberingSection.js';
import { NO_RECONCILIATION, reconciliationSection } from './reconciliationSection.js';
import type { Report, ReportFilter } from './types.js';

export async function buildReport(db: Database, f: ReportFilter = {}): Promise<Report> {
  return db.transaction(async (tx) => {
    await tx.query('set transaction isolation level repeatable read, read only');
    if (!(await hasTable(tx, 'events'))) {
      throw new AppError(
        'no event store in this database (table events): start `saha ingest` against it first, which creates it',
        ErrorCode.Db_Query,
      );
    }
    const devices = await deviceSection(tx, f);
    const activity = await activitySection(tx, f);
    const reconciliation = await reconciliationSection(tx, f);
    const numbering = await numberingSection(tx, f);
    const jobs = await jobsSection(tx, f);
    const notes = [...(reconciliation === null ? [NO_RECONCILIATION] : []), ...(jobs === null ? [NO_JOB_LEDGER] : [])];
    return { date: f.date ?? null, device: f.deviceId ?? null, devices, ...activity, reconciliation, numbering, jobs, notes };
  });
}
