/**
 * Picks the database adapter: a PostgreSQL URL → a pg pool (production); otherwise PGlite in
 * `dataDir` (demo, laptop trial); neither → PGlite in memory (tests only: nothing survives close).
 * PGlite allows one process per data directory: a second `saha ingest` on the same directory would
 * corrupt it, so callers that share a directory go through the process that opened it.
 */
import type { Database } from './Database.js';
import { PGliteDatabase } from './PGliteDatabase.js';
import { PgDatabase, type PgDatabaseOptions } from './PgDatabase.js';

export interface OpenDatabaseOptions {
  url?: string;
  dataDir?: string;
  pg?: PgDatabaseOptions;
}

export async function openDatabase(o: OpenDatabaseOptions): Promise<Database> {
  if (o.url !== undefined && o.url !== '') {
    const db = new PgDatabase(o.url, o.pg);
    // Fail at start with one clear error, not at the first event.
    try {
      await db.query('select 1');
    } catch (e) {
      await db.close();
      throw e;
    }
    return db;
  }
  return PGliteDatabase.open(o.dataDir);
}
