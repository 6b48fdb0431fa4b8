/** Placeholder while the real runner is written; the signature is the shared contract. */
import type { Database } from './Database.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export async function migrate(db: Database, list?: readonly Migration[]): Promise<number[]> {
  void db; void list;
  throw new Error('migrate: not implemented yet');
}
