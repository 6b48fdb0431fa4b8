/** Placeholder while the adapters are written; the signature is the shared contract. */
import type { Database } from './Database.js';

export async function openDatabase(o: { url?: string; dataDir?: string }): Promise<Database> {
  void o;
  throw new Error('openDatabase: not implemented yet');
}
